//! `/i/<token>`: an attendee's personal link. Opening it signs this browser in as that
//! attendee, for that meeting only, and redirects to the meeting so the secret leaves the
//! address bar (and, with `Referrer-Policy: no-referrer`, never reaches another site).

use app::error::AppError;
use app::ssr::auth::{self, cookies};
use app::ssr::{AppState, accounts};
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};

pub async fn open(
    State(state): State<AppState>,
    Path(token): Path<String>,
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
                [(header::LOCATION, format!("/meetings/{meeting}"))],
            )
                .into_response();
            if let Some(token) = new_session {
                let secure = state.config.secure_cookies();
                let cookie = cookies::set(secure, &token, auth::SESSION_ABSOLUTE.as_secs());
                if let Ok(value) = HeaderValue::from_str(&cookie) {
                    response.headers_mut().append(header::SET_COOKIE, value);
                }
            }
            response
                .headers_mut()
                .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            response
        }
        Err(AppError::NotFound) => {
            (StatusCode::NOT_FOUND, PAGE_CSP, Html(NOT_FOUND)).into_response()
        }
        Err(_) => (StatusCode::INTERNAL_SERVER_ERROR, PAGE_CSP, Html(FAILED)).into_response(),
    }
}

/// These two static pages load the stylesheet and nothing else.
const PAGE_CSP: [(header::HeaderName, &str); 1] = [(
    header::CONTENT_SECURITY_POLICY,
    "default-src 'none'; style-src 'self'; base-uri 'none'; frame-ancestors 'none'",
)];

const NOT_FOUND: &str = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
<title>Link not valid · Prework</title><link rel=\"stylesheet\" href=\"/pkg/prework.css\"></head>\
<body><main id=\"main\"><h1>This link is not valid</h1><p>The organizer may have replaced it \
with a new one. Ask them to send you your current link.</p><p><a href=\"/\">Go to Prework</a></p>\
</main></body></html>";

const FAILED: &str = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">\
<title>Something went wrong · Prework</title></head><body><main><h1>Something went wrong</h1>\
<p>Please try the link again in a moment.</p></main></body></html>";
