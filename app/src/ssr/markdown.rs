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

use crate::model::preread::{Block, SafeHtml};
use ammonia::{Builder, UrlRelative};
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};
use sha2::{Digest, Sha256};
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

/// Deeper nesting than this (quotes in quotes in lists...) is flattened: no document needs it,
/// and HTML parsers slow down quadratically on it (200,000 `>` took minutes to sanitise).
const MAX_DEPTH: usize = 24;

/// Reading speed for the reading-time estimate, in words per minute.
const WORDS_PER_MINUTE: usize = 200;

pub struct Rendered {
    pub blocks: Vec<Block>,
    pub html: SafeHtml,
    pub reading_minutes: u32,
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
}

/// The allow-list. No svg, math, style, script, iframe, form or img; links only to http, https
/// and mailto, always `rel="noopener noreferrer"`; relative URLs removed.
static CLEANER: LazyLock<Builder<'static>> = LazyLock::new(|| {
    let tags: HashSet<&str> = [
        "p",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "ul",
        "ol",
        "li",
        "blockquote",
        "pre",
        "code",
        "em",
        "strong",
        "del",
        "a",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "hr",
        "br",
        "sup",
        "div",
    ]
    .into_iter()
    .collect();
    let tag_attributes: HashMap<&str, HashSet<&str>> = [
        ("a", ["href", "title"].into_iter().collect()),
        ("ol", ["start"].into_iter().collect()),
        ("code", ["class"].into_iter().collect()),
    ]
    .into_iter()
    .collect();
    let mut builder = Builder::default();
    builder
        .tags(tags)
        .tag_attributes(tag_attributes)
        .generic_attributes(HashSet::new())
        .url_schemes(["http", "https", "mailto"].into_iter().collect())
        .url_relative(UrlRelative::Deny)
        .link_rel(Some("noopener noreferrer"))
        .strip_comments(true)
        // Only language classes on code.
        .attribute_filter(|element, attribute, value| match (element, attribute) {
            ("code", "class") => value
                .strip_prefix("language-")
                .filter(|lang| lang.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
                .map(|_| value.into()),
            _ => Some(value.into()),
        });
    builder
});

fn sanitize(html: &str) -> String {
    CLEANER.clean(html).to_string()
}

/// A block as cut from the event stream.
struct Piece<'a> {
    kind: &'static str,
    events: Vec<Event<'a>>,
    /// For list items: the list they belong to (`Some(start)` for an ordered list).
    list: Option<Option<u64>>,
}

pub fn render(markdown: &str) -> Rendered {
    let pieces = cut(markdown);
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut blocks = Vec::with_capacity(pieces.len());
    let mut whole = String::new();
    let mut words = 0usize;
    for piece in pieces {
        let mut inner = String::new();
        html::push_html(&mut inner, piece.events.iter().cloned());
        let text = plain_text(&piece.events);
        words += text.split_whitespace().count();
        let (wrapper_open, wrapper_close) = match piece.list {
            Some(Some(start)) => (format!("<ol start=\"{start}\">"), "</ol>"),
            Some(None) => ("<ul>".to_owned(), "</ul>"),
            None => (String::new(), ""),
        };
        let clean = sanitize(&format!("{wrapper_open}{inner}{wrapper_close}"));
        if clean.trim().is_empty() && text.trim().is_empty() {
            continue; // raw HTML that sanitised to nothing
        }
        // The id hashes the block's own markup, not its list wrapper, so renumbering an
        // ordered list does not change its items' ids.
        let own = match piece.list {
            Some(_) => sanitize(&inner),
            None => clean.clone(),
        };
        let digest = Sha256::digest(format!("{}\u{0}{own}", piece.kind).as_bytes());
        let base = format!("b-{}", hex(&digest[..6]));
        let n = seen.entry(base.clone()).or_insert(0);
        *n += 1;
        let id = if *n == 1 { base } else { format!("{base}-{n}") };
        let html = with_id(&clean, &id, piece.list.is_some());
        whole.push_str(&html);
        whole.push('\n');
        blocks.push(Block {
            id,
            kind: piece.kind.to_owned(),
            text,
            html: SafeHtml::from_sanitized(html),
        });
    }
    Rendered {
        reading_minutes: words.div_ceil(WORDS_PER_MINUTE).max(1) as u32,
        html: SafeHtml::from_sanitized(whole),
        blocks,
    }
}

fn demote(level: HeadingLevel) -> HeadingLevel {
    match level {
        HeadingLevel::H1 => HeadingLevel::H2,
        HeadingLevel::H2 => HeadingLevel::H3,
        HeadingLevel::H3 => HeadingLevel::H4,
        HeadingLevel::H4 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    }
}

/// Cuts the event stream into top-level blocks; the items of a top-level list are blocks of
/// their own.
fn cut(markdown: &str) -> Vec<Piece<'_>> {
    let mut pieces = Vec::new();
    let mut depth = 0usize;
    let mut current: Option<Piece> = None;
    let mut list: Option<Option<u64>> = None;
    let mut next_number = 0u64;
    // For each open tag: whether it was kept (false when flattened for being too deep).
    let mut kept: Vec<bool> = Vec::new();
    for event in Parser::new_ext(markdown, options()) {
        // Task-list boxes become characters: no form controls in documents at all.
        // The page's own title is its h1: a document's headings sit one level below it.
        let event = match event {
            Event::TaskListMarker(done) => Event::Text(if done { "☑ " } else { "☐ " }.into()),
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => Event::Start(Tag::Heading {
                level: demote(level),
                id,
                classes,
                attrs,
            }),
            Event::End(TagEnd::Heading(level)) => Event::End(TagEnd::Heading(demote(level))),
            other => other,
        };
        match &event {
            Event::Start(_) if kept.len() >= MAX_DEPTH => {
                kept.push(false);
                continue;
            }
            Event::End(_) if kept.last() == Some(&false) => {
                kept.pop();
                continue;
            }
            _ => {}
        }
        match &event {
            Event::Start(_) => kept.push(true),
            Event::End(_) => {
                kept.pop();
            }
            _ => {}
        }
        match &event {
            Event::Start(tag) => {
                if depth == 0 {
                    if let Tag::List(start) = tag {
                        list = Some(*start);
                        next_number = start.unwrap_or(1);
                        depth += 1;
                        continue;
                    }
                    current = Some(Piece {
                        kind: kind_of(tag),
                        events: Vec::new(),
                        list: None,
                    });
                } else if depth == 1
                    && let (Some(kind), Tag::Item) = (list, tag)
                {
                    current = Some(Piece {
                        kind: "list_item",
                        events: Vec::new(),
                        list: Some(kind.map(|_| next_number)),
                    });
                    next_number += 1;
                }
                depth += 1;
                if let Some(piece) = current.as_mut() {
                    piece.events.push(event);
                }
            }
            Event::End(end) => {
                depth = depth.saturating_sub(1);
                if depth == 0 && matches!(end, TagEnd::List(_)) && list.is_some() {
                    list = None;
                    continue;
                }
                if let Some(piece) = current.as_mut() {
                    piece.events.push(event);
                }
                let block_done = if list.is_some() {
                    depth == 1
                } else {
                    depth == 0
                };
                if block_done && let Some(piece) = current.take() {
                    pieces.push(piece);
                }
            }
            _ if depth == 0 => {
                // A block that is a single event (a rule, a raw HTML block).
                let kind = match &event {
                    Event::Rule => "rule",
                    Event::Html(_) | Event::InlineHtml(_) => "html",
                    _ => "paragraph",
                };
                pieces.push(Piece {
                    kind,
                    events: vec![event],
                    list: None,
                });
            }
            _ => {
                if let Some(piece) = current.as_mut() {
                    piece.events.push(event);
                }
            }
        }
    }
    pieces
}

fn kind_of(tag: &Tag) -> &'static str {
    match tag {
        Tag::Heading { .. } => "heading",
        Tag::Table(_) => "table",
        Tag::BlockQuote(_) => "quote",
        Tag::CodeBlock(_) => "code",
        Tag::FootnoteDefinition(_) => "footnote",
        Tag::HtmlBlock => "html",
        Tag::List(_) => "list",
        _ => "paragraph",
    }
}

fn plain_text(events: &[Event]) -> String {
    let mut text = String::new();
    for event in events {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::TableCell) => text.push(' '),
            _ => {}
        }
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
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
        assert!(html.contains("☑ done") && html.contains("☐ todo"));
        assert!(!html.contains("<input"));
        assert!(r.blocks.iter().any(|b| b.kind == "footnote"));
    }
}
