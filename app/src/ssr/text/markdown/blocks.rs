//! Cutting a document into top-level blocks: pulldown-cmark's event stream, headings demoted
//! below the page's own, nesting flattened past [`MAX_DEPTH`], each block with its kind and
//! plain text.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// Deeper nesting than this (quotes in quotes in lists...) is flattened: no document needs it,
/// and HTML parsers slow down quadratically on it (200,000 `>` took minutes to sanitise).
pub(super) const MAX_DEPTH: usize = 24;

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
}

/// A block as cut from the event stream.
pub(super) struct Piece<'a> {
    pub(super) kind: &'static str,
    pub(super) events: Vec<Event<'a>>,
    /// For list items: the list they belong to (`Some(start)` for an ordered list).
    pub(super) list: Option<Option<u64>>,
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
pub(super) fn cut(markdown: &str) -> Vec<Piece<'_>> {
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
            Event::TaskListMarker(done) => Event::Html(
                if done {
                    "<span class=\"task\">☑</span> "
                } else {
                    "<span class=\"task\">☐</span> "
                }
                .into(),
            ),
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

pub(super) fn plain_text(events: &[Event]) -> String {
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
