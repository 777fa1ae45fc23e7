//! Markdown, in one place: pulldown-cmark (CommonMark plus tables, task lists, footnotes,
//! strikethrough) then ammonia with an explicit allow-list, into [`SafeHtml`], the only type
//! pages may put into `inner_html`. Task-list boxes are drawn as ☑/☐ characters, so no form
//! control is ever allowed.
//!
//! The document is cut into top-level blocks (paragraph, heading, table, quote, code block,
//! each item of a top-level list...), each rendered and sanitised on its own and given an `id`
//! derived from its sanitised HTML: an unchanged block keeps its id in the next version, so
//! comments stay anchored to it, and a changed one gets a new id, so its comments become
//! outdated instead of sliding onto another paragraph.

mod blocks;
mod clean;

use crate::model::preread::{Block, SafeHtml};
use blocks::{cut, plain_text};
use clean::sanitize;
use pulldown_cmark::{Event, Tag, TagEnd, html};
use sha2::{Digest, Sha256};
use std::collections::HashMap;

/// Reading speed for the reading-time estimate, in words per minute.
const WORDS_PER_MINUTE: usize = 200;

pub struct Rendered {
    pub blocks: Vec<Block>,
    pub html: SafeHtml,
    pub reading_minutes: u32,
}

pub fn render(markdown: &str) -> Rendered {
    let pieces = cut(markdown);
    let numbers = footnote_numbers(&pieces);
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut blocks = Vec::with_capacity(pieces.len());
    let mut words = 0usize;
    // where each footnote's definition is: its block's id, known once that block is rendered
    let mut targets: HashMap<String, String> = HashMap::new();
    // the blocks whose footnote references need their links once every definition is placed
    let mut referring: Vec<(usize, usize)> = Vec::new();
    for (index, piece) in pieces.iter().enumerate() {
        let clean = render_piece(piece, &numbers, None);
        let text = plain_text(&piece.events);
        if clean.trim().is_empty() && text.trim().is_empty() {
            continue; // raw HTML that sanitised to nothing
        }
        words += text.split_whitespace().count();
        // The id hashes the block's own markup, not its list wrapper, so renumbering an
        // ordered list does not change its items' ids.
        let own = match piece.list {
            Some(_) => sanitize(&piece_html(piece, &numbers, None)),
            None => clean.clone(),
        };
        let digest = Sha256::digest(format!("{}\u{0}{own}", piece.kind).as_bytes());
        let base = format!("b-{}", hex(&digest[..6]));
        let n = seen.entry(base.clone()).or_insert(0);
        *n += 1;
        let id = if *n == 1 { base } else { format!("{base}-{n}") };
        for event in &piece.events {
            match event {
                Event::Start(Tag::FootnoteDefinition(label)) => {
                    targets
                        .entry(label.to_string())
                        .or_insert_with(|| id.clone());
                }
                Event::FootnoteReference(_) => referring.push((index, blocks.len())),
                _ => {}
            }
        }
        let html = with_id(&clean, &id, piece.list.is_some());
        blocks.push(Block {
            id,
            kind: piece.kind.to_owned(),
            text,
            html: SafeHtml::from_sanitized(html),
        });
    }
    referring.dedup();
    for (index, block) in referring {
        let clean = render_piece(&pieces[index], &numbers, Some(&targets));
        let b = &mut blocks[block];
        b.html = SafeHtml::from_sanitized(with_id(&clean, &b.id, pieces[index].list.is_some()));
    }
    let mut whole = String::new();
    for b in &blocks {
        whole.push_str(b.html.as_str());
        whole.push('\n');
    }
    Rendered {
        reading_minutes: words.div_ceil(WORDS_PER_MINUTE).max(1) as u32,
        html: SafeHtml::from_sanitized(whole),
        blocks,
    }
}

/// One number per footnote for the whole document, in the order they first appear (each block
/// is rendered on its own, and pulldown-cmark would number every block's from 1).
fn footnote_numbers(pieces: &[blocks::Piece<'_>]) -> HashMap<String, usize> {
    let mut numbers = HashMap::new();
    for event in pieces.iter().flat_map(|p| &p.events) {
        if let Event::FootnoteReference(label) | Event::Start(Tag::FootnoteDefinition(label)) =
            event
        {
            let next = numbers.len() + 1;
            numbers.entry(label.to_string()).or_insert(next);
        }
    }
    numbers
}

/// A block's HTML before sanitising: footnotes numbered for the whole document, a reference
/// linked to its definition's block once `targets` knows it; table alignment as classes (the
/// pages' CSP allows no inline style).
fn piece_html(
    piece: &blocks::Piece<'_>,
    numbers: &HashMap<String, usize>,
    targets: Option<&HashMap<String, String>>,
) -> String {
    let events = piece.events.iter().cloned().map(|event| match event {
        Event::FootnoteReference(label) => {
            let n = numbers.get(label.as_ref()).copied().unwrap_or(0);
            Event::Html(
                match targets.and_then(|t| t.get(label.as_ref())) {
                    Some(id) => format!(
                        "<sup class=\"footnote-reference\"><a href=\"#{id}\">{n}</a></sup>"
                    ),
                    None => format!("<sup class=\"footnote-reference\">{n}</sup>"),
                }
                .into(),
            )
        }
        Event::Start(Tag::FootnoteDefinition(label)) => {
            let n = numbers.get(label.as_ref()).copied().unwrap_or(0);
            Event::Html(
                format!(
                    "<div class=\"footnote-definition\"><sup class=\"footnote-definition-label\">{n}</sup>"
                )
                .into(),
            )
        }
        Event::End(TagEnd::FootnoteDefinition) => Event::Html("</div>".into()),
        other => other,
    });
    let mut inner = String::new();
    html::push_html(&mut inner, events);
    for align in ["left", "center", "right"] {
        inner = inner.replace(
            &format!(" style=\"text-align: {align}\""),
            &format!(" class=\"align-{align}\""),
        );
    }
    inner
}

/// A block rendered and sanitised, inside its list's wrapper when it is a list item.
fn render_piece(
    piece: &blocks::Piece<'_>,
    numbers: &HashMap<String, usize>,
    targets: Option<&HashMap<String, String>>,
) -> String {
    let inner = piece_html(piece, numbers, targets);
    let (open, close) = match piece.list {
        Some(Some(start)) => (format!("<ol start=\"{start}\">"), "</ol>"),
        Some(None) => ("<ul>".to_owned(), "</ul>"),
        None => (String::new(), ""),
    };
    sanitize(&format!("{open}{inner}{close}"))
}

/// Puts `id` on the block's element: its first element, or for a list item the `<li>`.
/// The HTML comes from the sanitiser, so it starts with a tag name in plain form.
fn with_id(clean: &str, id: &str, list_item: bool) -> String {
    let at = if list_item {
        clean.find("<li")
    } else {
        clean.find('<')
    };
    match at {
        Some(at) => {
            let name_end = clean[at + 1..]
                .find(|c: char| !c.is_ascii_alphanumeric())
                .map_or(clean.len(), |i| at + 1 + i);
            format!("{} id=\"{id}\"{}", &clean[..name_end], &clean[name_end..])
        }
        None => format!("<p id=\"{id}\">{clean}</p>"),
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::blocks::MAX_DEPTH;
    use super::*;

    fn ids(md: &str) -> Vec<String> {
        render(md).blocks.into_iter().map(|b| b.id).collect()
    }

    #[test]
    fn blocks_carry_their_ids_and_kinds() {
        let r = render(
            "# Title\n\nFirst *para*.\n\n- one\n- two\n\n> quote\n\n```rust\nfn x() {}\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
        );
        let kinds: Vec<_> = r.blocks.iter().map(|b| b.kind.as_str()).collect();
        assert_eq!(
            kinds,
            [
                "heading",
                "paragraph",
                "list_item",
                "list_item",
                "quote",
                "code",
                "table"
            ]
        );
        for b in &r.blocks {
            assert!(
                b.html.as_str().contains(&format!("id=\"{}\"", b.id)),
                "{}",
                b.html.as_str()
            );
            assert!(r.html.as_str().contains(b.html.as_str()));
        }
        assert_eq!(r.blocks[1].text, "First para.");
        assert!(r.blocks[2].html.as_str().starts_with("<ul><li id="));
    }

    #[test]
    fn unchanged_blocks_keep_their_ids_across_versions() {
        let v1 = ids("Intro.\n\nThe budget is 10k.\n\n1. Acme\n2. Globex\n\nOutro.");
        let v2 = ids(
            "New first paragraph.\n\nIntro.\n\nThe budget is 12k.\n\n1. Initech\n2. Acme\n3. Globex\n\nOutro.",
        );
        assert!(v2.contains(&v1[0]), "Intro kept");
        assert!(!v2.contains(&v1[1]), "the changed paragraph has a new id");
        assert!(
            v2.contains(&v1[2]) && v2.contains(&v1[3]),
            "list items kept though renumbered"
        );
        assert!(v2.contains(&v1[4]), "Outro kept");
    }

    #[test]
    fn repeated_blocks_get_distinct_ids() {
        let v = ids("Same.\n\nSame.\n\nSame.");
        assert_eq!(v.len(), 3);
        assert_eq!(v[1], format!("{}-2", v[0]));
        assert_eq!(v[2], format!("{}-3", v[0]));
    }

    #[test]
    fn headings_sit_below_the_pages_own_title() {
        let html = render("# One\n\n###### Six\n").html.into_string();
        assert!(
            html.contains("<h2") && html.contains("</h2>") && !html.contains("<h1"),
            "{html}"
        );
        assert!(html.contains("<h6"), "{html}");
    }

    #[test]
    fn deep_nesting_is_flattened() {
        let r = render(&format!("{}deep", "> ".repeat(1000)));
        let depth = r.html.as_str().matches("<blockquote>").count();
        assert!(depth <= MAX_DEPTH, "{depth}");
        assert!(r.html.as_str().contains("deep"));
    }

    #[test]
    fn reading_time_counts_words() {
        assert_eq!(render("word").reading_minutes, 1);
        assert_eq!(render(&"word ".repeat(401)).reading_minutes, 3);
    }

    #[test]
    fn extensions_render() {
        let r = render("~~old~~ new[^1]\n\n- [x] done\n- [ ] todo\n\n[^1]: A note.");
        let html = r.html.as_str();
        assert!(html.contains("<del>old</del>"));
        assert!(
            html.contains("<span class=\"task\">☑</span> done"),
            "{html}"
        );
        assert!(html.contains("<span class=\"task\">☐</span> todo"));
        assert!(!html.contains("<input"));
        assert!(r.blocks.iter().any(|b| b.kind == "footnote"));
    }

    #[test]
    fn footnotes_link_to_their_definition_with_one_numbering() {
        let r = render("First[^a], then[^b].\n\nAgain[^a].\n\n[^b]: Bee.\n\n[^a]: Ay.");
        let note = |text: &str| r.blocks.iter().find(|b| b.text.contains(text)).unwrap();
        let (a, b) = (note("Ay."), note("Bee."));
        let first = note("First").html.as_str();
        assert!(
            first.contains(&format!("<a href=\"#{}\"", a.id)) && first.contains(">1</a>"),
            "{first}"
        );
        assert!(first.contains(&format!("<a href=\"#{}\"", b.id)) && first.contains(">2</a>"));
        let again = note("Again").html.as_str();
        assert!(
            again.contains(&format!("href=\"#{}\"", a.id)) && again.contains(">1</a>"),
            "{again}"
        );
        assert!(
            a.html
                .as_str()
                .contains("<sup class=\"footnote-definition-label\">1</sup>"),
            "{}",
            a.html.as_str()
        );
        assert!(
            b.html
                .as_str()
                .contains("footnote-definition-label\">2</sup>")
        );
        // a link elsewhere in the page, or any other relative one, is still removed
        let other = render("[x](#main) [y](/admin) [z](javascript:alert(1))")
            .html
            .into_string();
        assert!(!other.contains("href"), "{other}");
    }

    #[test]
    fn table_alignment_survives_as_classes() {
        let html = render("| a | b | c |\n|:--|:-:|--:|\n| 1 | 2 | 3 |\n")
            .html
            .into_string();
        assert!(html.contains("<th class=\"align-left\">a</th>"), "{html}");
        assert!(html.contains("<td class=\"align-center\">2</td>"));
        assert!(html.contains("<td class=\"align-right\">3</td>"));
        assert!(!html.contains("style"));
        let forged = render("<td class=\"evil\" style=\"position:fixed\">x</td>")
            .html
            .into_string();
        assert!(
            !forged.contains("evil") && !forged.contains("position"),
            "{forged}"
        );
    }
}
