//! The Markdown renderer against hostile input: whatever goes in, what comes out is inert, as
//! an HTML parser sees it. And any input up to the size limit renders, without panic, quickly.

use app::model::preread::MARKDOWN_MAX;
use app::ssr::text::markdown::render;
use proptest::prelude::*;
use scraper::Html;
use std::time::{Duration, Instant};

const CORPUS: &[&str] = &[
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)><circle r=10 /></svg>",
    "<svg><script>alert(1)</script></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>",
    "<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>",
    "<iframe src=\"https://evil.example\"></iframe>",
    "<object data=\"data:text/html,<script>alert(1)</script>\"></object>",
    "<embed src=javascript:alert(1)>",
    "<form action=https://evil.example><input name=q><button>go</button></form>",
    "<style>body{display:none}</style>",
    "<p style=\"background:url(javascript:alert(1))\">styled</p>",
    "<a href=\"javascript:alert(1)\">click</a>",
    "<a href=\"JaVaScRiPt:alert(1)\">click</a>",
    "<a href=\"&#106;avascript:alert(1)\">click</a>",
    "<a href=\"&#x6A;&#x61;&#x76;&#x61;script:alert(1)\">click</a>",
    "<a href=\"java\tscript:alert(1)\">click</a>",
    "<a href=\" javascript:alert(1)\">click</a>",
    "<a href=\"vbscript:msgbox(1)\">click</a>",
    "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">click</a>",
    "[click](javascript:alert(1))",
    "[click](JAVASCRIPT:alert(1))",
    "[click](javascript&#58;alert(1))",
    "[click](data:text/html,<script>alert(1)</script>)",
    "[click](vbscript:msgbox)",
    "[click]( javascript:alert(1) )",
    "<javascript:alert(1)>",
    "![x](javascript:alert(1))",
    "![x](https://evil.example/track.png)",
    "[ref]\n\n[ref]: javascript:alert(1)",
    "<div onclick=alert(1)>click</div>",
    "<details open ontoggle=alert(1)>x</details>",
    "<body onload=alert(1)>",
    "<base href=\"https://evil.example/\">",
    "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
    "<link rel=stylesheet href=https://evil.example/x.css>",
    "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
    "<!--<img src=x onerror=alert(1)>-->",
    "<textarea><script>alert(1)</script></textarea>",
    "<title><script>alert(1)</script></title>",
    "<select><template><style><img src=x onerror=alert(1)></style></template></select>",
    "<svg><p><style><img src=x onerror=alert(1)></style></p></svg>",
    "<table><td><style></td><img src=x onerror=alert(1)>",
    "```\n<script>alert(1)</script>\n```",
    "`<script>alert(1)</script>`",
    "| a |\n|---|\n| <img src=x onerror=alert(1)> |",
    "- [x] <input type=text autofocus onfocus=alert(1)>",
    "<input type=\"text\" onfocus=\"alert(1)\" autofocus>",
    "<code class=\"language-x onload=alert(1)\">x</code>",
    "<a href=\"https://ok.example\" target=_blank onmouseover=alert(1)>ok</a>",
    "<a href=\"/relative/path\">relative</a>",
    "<xmp><script>alert(1)</script></xmp>",
    "<plaintext><script>alert(1)</script>",
    "<isindex action=javascript:alert(1) type=image>",
];

/// Checks rendered HTML as a browser would parse it.
fn assert_inert(input: &str, html: &str) {
    // The fragment parser wraps its result in <html>; a <body> of our own would show here.
    assert!(
        !html.to_ascii_lowercase().contains("<body"),
        "{input:?}: {html}"
    );
    let doc = Html::parse_fragment(html);
    for node in doc.tree.nodes() {
        let Some(element) = node.value().as_element() else {
            continue;
        };
        let name = element.name();
        assert!(
            ![
                "script",
                "style",
                "svg",
                "math",
                "iframe",
                "object",
                "embed",
                "form",
                "img",
                "link",
                "meta",
                "base",
                "button",
                "textarea",
                "select",
                "template",
                "noscript",
                "details",
                "xmp",
                "plaintext",
                "isindex",
                "title",
                "input",
            ]
            .contains(&name),
            "<{name}> survived from {input:?}: {html}"
        );
        for (attribute, value) in element.attrs() {
            assert!(
                !attribute.starts_with("on"),
                "{attribute} survived from {input:?}: {html}"
            );
            assert!(
                !["style", "srcdoc", "formaction", "xlink:href", "target"].contains(&attribute),
                "{attribute} from {input:?}"
            );
            if ["href", "src", "action"].contains(&attribute) {
                let v = value.trim().to_ascii_lowercase();
                // the one relative link kept: a footnote's, to a block of the same document
                let block_anchor = attribute == "href"
                    && v.strip_prefix("#b-").is_some_and(|rest| {
                        !rest.is_empty() && rest.chars().all(|c| c.is_ascii_hexdigit() || c == '-')
                    });
                assert!(
                    v.starts_with("http://")
                        || v.starts_with("https://")
                        || v.starts_with("mailto:")
                        || block_anchor,
                    "{attribute}={value:?} survived from {input:?}"
                );
            }
            if attribute == "href" {
                assert_eq!(
                    element.attr("rel"),
                    Some("noopener noreferrer"),
                    "{input:?}"
                );
            }
        }
    }
}

#[test]
fn the_hostile_corpus_renders_inert() {
    for input in CORPUS {
        let rendered = render(input);
        assert_inert(input, rendered.html.as_str());
        for block in &rendered.blocks {
            assert_inert(input, block.html.as_str());
        }
        // and embedded in a normal document too
        let doc = format!("# Notes\n\nSome text.\n\n{input}\n\n- item {input}\n\n> {input}\n");
        assert_inert(&doc, render(&doc).html.as_str());
    }
}

#[test]
fn safe_links_survive() {
    let html = render("[site](https://example.com/x?y=1) and <mailto:ana@example.com>").html;
    assert!(html.as_str().contains("href=\"https://example.com/x?y=1\""));
    assert!(html.as_str().contains("href=\"mailto:ana@example.com\""));
    assert!(html.as_str().contains("rel=\"noopener noreferrer\""));
}

fn pathological() -> Vec<String> {
    let n = MARKDOWN_MAX;
    vec![
        ">".repeat(n),
        "*".repeat(n),
        "[".repeat(n / 2) + &"]".repeat(n / 2),
        "- ".repeat(n / 2),
        "`".repeat(n),
        "<".repeat(n),
        "a *b _c ".repeat(n / 8),
        "| a ".repeat(n / 4) + "|\n" + &"|---".repeat(n / 8),
        "[^1]".repeat(n / 4),
        "1. x\n".repeat(n / 5),
        "# h\n\n".repeat(n / 5),
        "é😀".repeat(n / 2),
    ]
}

#[test]
fn pathological_inputs_render_fast() {
    let mut worst = Duration::ZERO;
    for input in pathological() {
        let start = Instant::now();
        let r = render(&input);
        let took = start.elapsed();
        worst = worst.max(took);
        assert_inert(&input.chars().take(40).collect::<String>(), r.html.as_str());
    }
    eprintln!("worst pathological render (200,000 characters): {worst:?}");
    // A generous bound, for slow debug builds on a busy machine; the benchmark measures properly.
    assert!(worst < Duration::from_secs(20), "{worst:?}");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn any_input_renders_without_panic_and_inert(
        input in proptest::collection::vec(
            prop_oneof![
                Just("<"), Just(">"), Just("*"), Just("_"), Just("`"), Just("["), Just("]"),
                Just("("), Just(")"), Just("!"), Just("#"), Just("-"), Just("|"), Just("\n"),
                Just("\n\n"), Just(" "), Just("javascript:"), Just("<script>"), Just("onerror="),
                Just("<svg>"), Just("&#"), Just(":"), Just("1."), Just("~~"), Just("[^x]"),
                Just("word"), Just("é"), Just("\t"),
            ],
            0..2000,
        )
    ) {
        let input: String = input.concat();
        let rendered = render(&input);
        assert_inert(&input, rendered.html.as_str());
    }

    #[test]
    fn large_random_inputs_render(input in "\\PC{150000,200000}") {
        let start = Instant::now();
        let _ = render(&input);
        prop_assert!(start.elapsed() < Duration::from_secs(20));
    }
}
