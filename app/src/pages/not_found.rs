use crate::components::set_http_status;
use leptos::prelude::*;
use leptos_meta::Title;

/// Shown for unknown paths and for meetings the viewer may not see (never confirming they exist).
#[component]
pub fn NotFoundPage() -> impl IntoView {
    set_http_status(404);
    view! {
        <Title text="Page not found" />
        <h1>"Page not found"</h1>
        <p>
            "If you typed the address, check it is correct. If you followed a personal link, ask the organizer for a new one."
        </p>
        <p>
            <a href="/">"Go to your meetings"</a>
        </p>
    }
}
