//! Escaping people's text for the place it lands in, so what someone typed can never change the
//! shape of what others receive: Markdown inline text (the outcome record) and iCalendar TEXT
//! (the calendar file). HTML needs nothing here: views escape every text node and attribute.

/// Characters that end a line somewhere: CommonMark's CR and LF, and the separators some
/// readers treat as breaks (NEL, LINE SEPARATOR, PARAGRAPH SEPARATOR, VT, FF).
fn is_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

/// Text on one line: every run of line breaks, tabs and other control characters becomes one
/// space, and the ends are trimmed.
pub fn one_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut gap = false;
    for c in text.chars() {
        if is_break(c) || c.is_control() {
            gap = true;
            continue;
        }
        if gap && !out.is_empty() {
            out.push(' ');
        }
        gap = false;
        out.push(c);
    }
    out.trim().to_owned()
}

/// `text` as Markdown inline text that renders as exactly these characters, on one line: no
/// heading, list, quote, table, code, link, image, HTML or entity can come out of it, wherever
/// on a line it is put (including right after `> ` or `- `).
pub fn markdown_inline(text: &str) -> String {
    let line = one_line(text);
    let mut out = String::with_capacity(line.len() + 8);
    let mut at_start = true;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        let special = matches!(
            c,
            '\\' | '`'
                | '*'
                | '_'
                | '['
                | ']'
                | '('
                | ')'
                | '<'
                | '>'
                | '#'
                | '|'
                | '!'
                | '~'
                | '&'
                | '{'
                | '}'
                | '$'
                | '^'
        );
        // What opens a block only at the start of a line: list bullets, setext underlines, and
        // an ordered list's "1." / "1)".
        let block_start = at_start && matches!(c, '-' | '+' | '=' | ':');
        if special || block_start {
            out.push('\\');
        }
        out.push(c);
        if at_start && c.is_ascii_digit() {
            // keep "at the start" through a run of digits, to catch "12." and "3)"
            if let Some(&next) = chars.peek()
                && (next == '.' || next == ')')
            {
                out.push('\\');
                out.push(next);
                chars.next();
                at_start = false;
            }
            continue;
        }
        at_start = false;
    }
    out
}

/// The outcome record's Markdown as the plain-text part of a mail reads it: the backslashes
/// [`markdown_inline`] put before punctuation go (a reader sees "(Amplitude)", not
/// "\\(Amplitude\\)"); the record's own structure (headings, bullets) stays as written.
pub fn markdown_to_text(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    let mut chars = markdown.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\'
            && let Some(&next) = chars.peek()
            && next.is_ascii_punctuation()
        {
            out.push(next);
            chars.next();
            continue;
        }
        out.push(c);
    }
    out
}

/// `text` as an iCalendar TEXT value that the calendar library escapes (`SUMMARY`,
/// `DESCRIPTION`): line breaks of every kind become LF, which it writes as `\n`; other control
/// characters, which TEXT may not hold, go. A lone CR would otherwise end the content line.
pub fn ics_text(text: &str) -> String {
    let normalized = text.replace("\r\n", "\n");
    normalized
        .chars()
        .filter_map(|c| {
            if is_break(c) {
                Some('\n')
            } else if c.is_control() && c != '\t' {
                None
            } else {
                Some(c)
            }
        })
        .collect()
}

/// `text` as a fully escaped iCalendar TEXT value on one line, for properties the calendar
/// library writes verbatim (`NAME`, `X-WR-CALNAME`): backslash, semicolon and comma escaped.
pub fn ics_escaped(text: &str) -> String {
    one_line(text)
        .replace('\\', "\\\\")
        .replace(';', "\\;")
        .replace(',', "\\,")
}

/// `text` as a quoted iCalendar parameter value (`CN="..."`, RFC 5545 3.2): one line, without
/// the double quotes a quoted value cannot hold.
pub fn ics_param(text: &str) -> String {
    format!("\"{}\"", one_line(text).replace('"', "'"))
}

/// `text` as HTML text or a quoted attribute value, for the HTML a message carries (views
/// escape on their own; mail bodies are built as text).
pub fn html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What every field is fed in the injection tests.
    pub const HOSTILE: [&str; 14] = [
        "a\nb",
        "a\rb",
        "a\r\nb",
        "a\u{2028}b",
        "a\tb",
        "# Heading",
        "> quote",
        "- item",
        "1. first",
        "| a | b |",
        "`code`",
        "[link](https://evil.example)",
        "![img](x)",
        "<b>bold</b> &amp;",
    ];

    #[test]
    fn markdown_inline_renders_as_one_plain_paragraph() {
        for text in HOSTILE {
            for prefix in ["", "> ", "- ", "**Decision:** "] {
                let md = format!("{prefix}{}", markdown_inline(text));
                assert!(!md.contains(['\n', '\r', '\u{2028}']), "{md:?}");
                let html = crate::ssr::text::markdown::render(&md).html.into_string();
                for tag in ["<h", "<ol", "<table", "<code", "<a ", "<img", "<b>"] {
                    assert!(
                        !html.contains(tag),
                        "{text:?} after {prefix:?} made {tag}: {html}"
                    );
                }
                let nested_list = prefix == "- " && html.matches("<li").count() > 1;
                assert!(!nested_list, "{text:?}: {html}");
            }
        }
    }

    #[test]
    fn ics_values_keep_one_content_line() {
        for text in HOSTILE {
            let escaped = ics_escaped(text);
            assert!(!escaped.contains(['\n', '\r']), "{escaped:?}");
            let text = ics_text(text);
            assert!(!text.contains(['\r', '\u{2028}']), "{text:?}");
        }
        assert_eq!(ics_escaped("a;b,c\\d"), "a\\;b\\,c\\\\d");
    }

    #[test]
    fn html_text_cannot_open_a_tag_or_leave_an_attribute() {
        assert_eq!(
            html("<a href=\"x\" onclick='y'>&"),
            "&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;"
        );
    }

    #[test]
    fn plain_text_reads_without_the_markdown_escapes() {
        let text = "Use Amplitude (the *new* one) - 1. [beta] & \\ more";
        let escaped = markdown_inline(text);
        assert_ne!(escaped, text);
        assert_eq!(markdown_to_text(&escaped), text);
        assert_eq!(
            markdown_to_text("## Decisions\n- kept"),
            "## Decisions\n- kept"
        );
    }
}
