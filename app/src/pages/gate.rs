//! One way a page says what went wrong. A page that needs a meeting (or an account) maps the
//! error its data came back with here, and gets the right page and HTTP status: sign in (401,
//! with a way back), not found (404, never confirming that something exists), not allowed (403),
//! too many requests (429), or a calm "something went wrong, nothing was lost" (500) with the
//! request id that the server's log line also carries.

use crate::components::set_http_status;
use crate::error::AppError;
use crate::pages::{NotFoundPage, SignInPrompt};
use leptos::prelude::*;
use leptos_meta::Title;

/// The page for `error`; `what` finishes "You need to sign in to …".
pub fn error_page(error: AppError, what: &'static str) -> AnyView {
    match error {
        AppError::Unauthenticated | AppError::SignInFailed(_) => {
            set_http_status(401);
            view! { <SignInPrompt what /> }.into_any()
        }
        AppError::NotFound => view! { <NotFoundPage /> }.into_any(),
        AppError::Forbidden => view! { <ForbiddenPage /> }.into_any(),
        AppError::RateLimited { .. } => view! { <TooManyPage /> }.into_any(),
        _ => view! { <ProblemPage /> }.into_any(),
    }
}

#[component]
fn ForbiddenPage() -> impl IntoView {
    set_http_status(403);
    view! {
        <Title text="Not allowed" />
        <h1>"This is not yours to change"</h1>
        <p>
            "Only the meeting's organizer can do this. You can still read what you were invited to."
        </p>
        <p>
            <a href="/">"Go to your meetings"</a>
        </p>
    }
}

#[component]
fn TooManyPage() -> impl IntoView {
    set_http_status(429);
    view! {
        <Title text="Slow down" />
        <h1>"Too many requests"</h1>
        <p>"Please wait a minute, then reload this page."</p>
    }
}

#[component]
fn ProblemPage() -> impl IntoView {
    set_http_status(500);
    let request = request_id();
    view! {
        <Title text="Something went wrong" />
        <h1>"Something went wrong on our side"</h1>
        <p>
            "Nothing you saved was lost. Please try again in a moment; if it keeps happening, tell us the reference below."
        </p>
        {request
            .map(|id| {
                view! { <p class="hint">"Reference: " <code>{id}</code></p> }
            })}
        <p>
            <a href="/">"Go to your meetings"</a>
        </p>
    }
}

/// The id the server gave this request (`x-request-id`), which its log lines carry too.
fn request_id() -> Option<String> {
    #[cfg(feature = "ssr")]
    {
        use_context::<http::request::Parts>().and_then(|p| {
            p.headers
                .get("x-request-id")?
                .to_str()
                .ok()
                .map(str::to_owned)
        })
    }
    #[cfg(not(feature = "ssr"))]
    None
}
