//! `/i/<token>`: an attendee's personal link. Opening it signs this browser in as that
//! attendee, for that meeting only, and redirects to the meeting so the secret leaves the
//! address bar (and, with `Referrer-Policy: no-referrer`, never reaches another site).

use app::error::AppError;
use app::ssr::auth::{self, cookies};
use app::ssr::runtime::assets::Assets;
use app::ssr::{AppState, domain::people::accounts};
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};

/// Where a personal link may lead inside its meeting (`?feedback=1..5` from "Was it worth
/// it?"): a fixed set, so the link can never send anyone elsewhere.
#[derive(serde::Deserialize)]
pub struct Then {
    feedback: Option<String>,
}

impl Then {
    fn path(&self, meeting: app::model::MeetingId) -> String {
        match self.feedback.as_deref() {
            Some(score @ ("1" | "2" | "3" | "4" | "5")) => {
                format!("/meetings/{meeting}/feedback?score={score}")
            }
            _ => format!("/meetings/{meeting}"),
        }
    }
}

pub async fn open(
    State(state): State<AppState>,
    Path(token): Path<String>,
    Query(then): Query<Then>,
    headers: HeaderMap,
) -> Response {
    let current = match auth::actor(&state, &headers).await {
        Ok(actor) => actor,
        Err(_) => auth::Actor::anonymous(),
    };
    match accounts::open_link(&state, &token, &current).await {
        Ok((meeting, new_session)) => {
            let mut response = (
                StatusCode::SEE_OTHER,
                [(header::LOCATION, then.path(meeting))],
            )
                .into_response();
            if let Some(token) = new_session {
                let secure = state.config.secure_cookies();
                let cookie = cookies::session(secure, &token);
                if let Ok(value) = HeaderValue::from_str(&cookie) {
                    response.headers_mut().append(header::SET_COOKIE, value);
                }
            }
            response
                .headers_mut()
                .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            response
        }
        Err(AppError::NotFound) => (StatusCode::NOT_FOUND, PAGE_CSP, not_found()).into_response(),
        Err(_) => (StatusCode::INTERNAL_SERVER_ERROR, PAGE_CSP, failed()).into_response(),
    }
}

/// These two static pages load the stylesheet and nothing else.
const PAGE_CSP: [(header::HeaderName, &str); 1] = [(
    header::CONTENT_SECURITY_POLICY,
    "default-src 'none'; style-src 'self'; base-uri 'none'; frame-ancestors 'none'",
)];

/// A small page of its own, styled like the app.
fn page(title: &str, main: &str) -> Html<String> {
    Html(format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
<title>{title} · Prework</title><link rel=\"stylesheet\" href=\"{}\"></head>\
<body><main id=\"main\">{main}</main></body></html>",
        Assets::get().stylesheet_href()
    ))
}

fn not_found() -> Html<String> {
    page(
        "Link not valid",
        "<h1>This link is not valid</h1><p>The organizer may have replaced it with a new one. \
Ask them to send you your current link.</p><p><a href=\"/\">Go to Prework</a></p>",
    )
}

fn failed() -> Html<String> {
    page(
        "Something went wrong",
        "<h1>Something went wrong</h1><p>Please try the link again in a moment.</p>",
    )
}

/// `/u/<token>`: the one-click unsubscribe every reminder, digest and deadline message carries
/// (RFC 8058). `POST` (what mail clients send) turns that person's messages for that meeting
/// down to the outcome only; `GET` (a person following the link) shows a button that does.
pub async fn unsubscribe_page(Path(token): Path<String>) -> Response {
    let form = page(
        "Fewer messages",
        &format!(
            "<h1>Fewer messages about this meeting?</h1>\
<p>You will still get the outcome when it is decided; no more reminders or digests.</p>\
<form method=\"post\" action=\"/u/{}\"><button type=\"submit\">Only send me the outcome</button></form>",
            app::ssr::text::escape::html(&token)
        ),
    );
    (StatusCode::OK, UNSUBSCRIBE_CSP, form).into_response()
}

pub async fn unsubscribe(State(state): State<AppState>, Path(token): Path<String>) -> Response {
    match app::ssr::notify::outbox::unsubscribe(&state, &token).await {
        Ok(true) => (
            StatusCode::OK,
            PAGE_CSP,
            page(
                "Done",
                "<h1>Done</h1><p>You will only hear about this meeting's outcome.</p>",
            ),
        )
            .into_response(),
        Ok(false) => (StatusCode::NOT_FOUND, PAGE_CSP, not_found()).into_response(),
        Err(e) => {
            tracing::error!(error = ?e, "unsubscribe failed");
            (StatusCode::INTERNAL_SERVER_ERROR, PAGE_CSP, failed()).into_response()
        }
    }
}

/// The unsubscribe page posts its one form to itself.
const UNSUBSCRIBE_CSP: [(header::HeaderName, &str); 1] = [(
    header::CONTENT_SECURITY_POLICY,
    "default-src 'none'; style-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
)];
