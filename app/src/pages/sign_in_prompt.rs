use leptos::prelude::*;

/// Shown where a page needs a signed-in organizer and nobody is signed in.
#[component]
pub fn SignInPrompt(what: &'static str) -> impl IntoView {
    view! {
        <h1>"Sign in to continue"</h1>
        <p>{format!("You need to sign in to {what}.")}</p>
        <p class="landing-actions">
            <a class="button" href="/login">
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
