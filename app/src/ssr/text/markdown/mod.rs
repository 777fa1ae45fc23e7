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
use pulldown_cmark::html;
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
        assert!(html.contains("☑ done") && html.contains("☐ todo"));
        assert!(!html.contains("<input"));
        assert!(r.blocks.iter().any(|b| b.kind == "footnote"));
    }
}
