//! The HTML shell and the route table: every path of the app is in [`App`].

use crate::pages::{HomePage, MeetingPage, NewMeetingPage, NotFoundPage};
use leptos::prelude::*;
use leptos_meta::{MetaTags, Stylesheet, Title, provide_meta_context};
use leptos_router::SsrMode;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

/// The document around the app, rendered on the server only.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="color-scheme" content="light dark" />
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                <AutoReload options=options.clone() />
                <HydrationScripts options />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// "<page> · Prework". On the server, leptos_meta writes this text into `<title>` without
/// escaping it, so a meeting titled `</title><script>…` would inject markup: escape it there. In
/// the browser it is assigned to `document.title`, which takes plain text.
fn page_title(title: String) -> String {
    let full = if title.is_empty() {
        "Prework".to_owned()
    } else {
        format!("{title} · Prework")
    };
    if cfg!(feature = "ssr") {
        full.replace('&', "&amp;").replace('<', "&lt;")
    } else {
        full
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    // Effects run only in the browser, once hydrated: this marks the document so browser tests
    // (and anyone debugging) can tell the WASM has taken over.
    Effect::new(|| {
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("data-hydrated", "true");
        }
    });
    // Pages wait for their data before the first byte (`SsrMode::Async`): the HTML is complete
    // without JavaScript, and a page can still set its status code (404) and headers.
    view! {
        <Stylesheet id="leptos" href="/pkg/prework.css" />
        <Title formatter=page_title />
        <Router>
            <a class="skip-link" href="#main">
                "Skip to content"
            </a>
            <header class="site-header">
                <nav aria-label="Main">
                    <a class="brand" href="/">
                        "Prework"
                    </a>
                </nav>
            </header>
            <main id="main" tabindex="-1">
                <Routes fallback=NotFoundPage>
                    <Route path=path!("/") view=HomePage ssr=SsrMode::Async />
                    <Route path=path!("/meetings/new") view=NewMeetingPage ssr=SsrMode::Async />
                    <Route path=path!("/meetings/:id") view=MeetingPage ssr=SsrMode::Async />
                </Routes>
            </main>
        </Router>
    }
}
