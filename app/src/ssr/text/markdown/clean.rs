//! The sanitiser: ammonia with an explicit allow-list, the one gate between rendered Markdown
//! and [`SafeHtml`](crate::model::preread::SafeHtml).

use ammonia::{Builder, UrlRelative};
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

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
        "span",
    ]
    .into_iter()
    .collect();
    let tag_attributes: HashMap<&str, HashSet<&str>> = [
        ("a", ["href", "title"].into_iter().collect()),
        ("ol", ["start"].into_iter().collect()),
        ("code", ["class"].into_iter().collect()),
        ("th", ["class"].into_iter().collect()),
        ("td", ["class"].into_iter().collect()),
        ("sup", ["class"].into_iter().collect()),
        ("div", ["class"].into_iter().collect()),
        ("span", ["class"].into_iter().collect()),
    ]
    .into_iter()
    .collect();
    let mut builder = Builder::default();
    builder
        .tags(tags)
        .tag_attributes(tag_attributes)
        .generic_attributes(HashSet::new())
        .url_schemes(["http", "https", "mailto"].into_iter().collect())
        // the one relative link kept: a footnote's, to a block of the same document
        .url_relative(UrlRelative::Custom(Box::new(block_anchor)))
        .link_rel(Some("noopener noreferrer"))
        .strip_comments(true)
        // Only language classes on code.
        .attribute_filter(|element, attribute, value| match (element, attribute) {
            ("code", "class") => value
                .strip_prefix("language-")
                .filter(|lang| lang.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
                .map(|_| value.into()),
            ("th" | "td", "class") => ["align-left", "align-center", "align-right"]
                .contains(&value)
                .then(|| value.into()),
            ("sup", "class") => ["footnote-reference", "footnote-definition-label"]
                .contains(&value)
                .then(|| value.into()),
            ("div", "class") => (value == "footnote-definition").then(|| value.into()),
            ("span", "class") => (value == "task").then(|| value.into()),
            _ => Some(value.into()),
        });
    builder
});

/// A link to a block of the same document (`#b-` and its hash), as footnote references are;
/// every other relative URL is removed.
fn block_anchor(url: &str) -> Option<std::borrow::Cow<'_, str>> {
    url.strip_prefix("#b-")
        .filter(|rest| !rest.is_empty() && rest.chars().all(|c| c.is_ascii_hexdigit() || c == '-'))
        .map(|_| url.into())
}

pub(super) fn sanitize(html: &str) -> String {
    CLEANER.clean(html).to_string()
}
