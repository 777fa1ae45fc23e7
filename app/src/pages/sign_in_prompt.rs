use leptos::prelude::*;
use leptos_router::hooks::use_location;

/// Shown where a page needs a signed-in organizer and nobody is signed in.
#[component]
pub fn SignInPrompt(what: &'static str) -> impl IntoView {
    // back here once signed in
    let here: String = use_location()
        .pathname
        .get_untracked()
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect();
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
