//! The page shown where a signed-in organizer is needed and nobody is signed in.

use crate::model::forms::query_value;
use leptos::prelude::*;
use leptos_router::hooks::use_location;

/// Shown where a page needs a signed-in organizer and nobody is signed in.
#[component]
pub fn SignInPrompt(what: &'static str) -> impl IntoView {
    // back here once signed in
    let here = query_value(&use_location().pathname.get_untracked());
    view! {
        <h1>"Sign in to continue"</h1>
        <p>{format!("You need to sign in to {what}.")}</p>
        <p class="landing-actions">
            <a class="button" href=format!("/login?next={here}")>
                "Sign in"
            </a>
            <a class="button secondary" href="/signup">
                "Create an account"
            </a>
        </p>
        <p class="hint">
            "Invited to a meeting? Open the personal link the organizer sent you again."
        </p>
    }
}
