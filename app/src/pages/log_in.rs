use crate::api::auth::LogIn;
use crate::components::{ErrorSummary, ReturnHere, TextField};
use crate::pages::use_session;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn LogInPage() -> impl IntoView {
    let action = ServerAction::<LogIn>::new();
    use_session().follow(move || action.version().get());
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    let next = use_query_map().with_untracked(|q| q.get("next"));
    view! {
        <Title text="Sign in" />
        <h1>"Sign in"</h1>
        <ErrorSummary error />
        <ActionForm action>
            <ReturnHere />
            {next.map(|next| view! { <input type="hidden" name="next" value=next /> })}
            <TextField
                error
                id="email"
                name="credentials[email]"
                label="Email address"
                kind="email"
                autocomplete="username"
            />
            <TextField
                error
                id="password"
                name="credentials[password]"
                label="Password"
                kind="password"
                autocomplete="current-password"
            />
            <button type="submit" class="button" disabled=move || action.pending().get()>
                "Sign in"
            </button>
        </ActionForm>
        <p>"New to Prework? " <a href="/signup">"Create an account"</a></p>
    }
}
