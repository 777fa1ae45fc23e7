use crate::api::auth::SignUp;
use crate::components::{ErrorSummary, ReturnHere, TextField, use_kept};
use crate::model::forms::AccountKept;
use crate::pages::use_session;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;

/// Creating an organizer account. Attendees never need one: they use their personal link.
#[component]
pub fn SignUpPage() -> impl IntoView {
    let action = ServerAction::<SignUp>::new();
    use_session().follow(move || action.version().get());
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    let kept = use_kept::<AccountKept>(SignUp::PATH).unwrap_or_default();
    view! {
        <Title text="Create an account" />
        <h1>"Create an account"</h1>
        <p class="lead">
            "You need an account to organize meetings. People you invite do not: they get a personal link."
        </p>
        <ErrorSummary error />
        <ActionForm action>
            <ReturnHere />
            <TextField
                error
                id="name"
                name="account[name]"
                label="Your name"
                autocomplete="name"
                value=kept.name
            />
            <TextField
                error
                id="email"
                name="account[email]"
                label="Email address"
                kind="email"
                autocomplete="email"
                value=kept.email
            />
            <TextField
                error
                id="password"
                name="account[password]"
                label="Password"
                kind="password"
                autocomplete="new-password"
                hint=PASSWORD_HINT
            />
            <button type="submit" class="button" disabled=move || action.pending().get()>
                "Create account"
            </button>
        </ActionForm>
        <p>"Already have an account? " <a href="/login">"Sign in"</a></p>
    }
}

const PASSWORD_HINT: &str = "At least 10 characters. A few unrelated words make a strong one.";

#[cfg(test)]
mod tests {
    #[test]
    fn the_hint_states_the_real_minimum() {
        let min = crate::model::user::PASSWORD_MIN.to_string();
        assert!(super::PASSWORD_HINT.contains(&min));
    }
}
