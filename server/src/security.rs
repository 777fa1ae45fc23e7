//! Cross-site request forgery defence and the security headers every response carries.
//!
//! Browsers attach the session cookie to any request, including one a hostile page makes, so
//! every state change that could ride on the cookie must come from our own origin. The check
//! covers server functions and form posts always, and JSON API requests made with the cookie;
//! requests with a Bearer token carry no ambient credential and need none.

use app::error::AppError;
use app::ssr::AppState;
use app::ssr::auth::cookies;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

pub async fn csrf(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if needs_check(&request, &state) && !same_origin(request.headers(), &state.config.public_url) {
        tracing::warn!(
            path = %loggable_path(request.uri().path()),
            origin = ?request.headers().get(header::ORIGIN),
            "refused a cross-site state change"
        );
        return refuse(&request);
    }
    next.run(request).await
}

fn needs_check(request: &Request, state: &AppState) -> bool {
    if matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    ) {
        return false;
    }
    let headers = request.headers();
    if headers.contains_key(header::AUTHORIZATION) {
        return false;
    }
    // One-click unsubscribe (RFC 8058) is posted by mail clients from anywhere; its token is
    // the whole credential, no cookie is read, and all it can do is send fewer messages.
    if request.uri().path().starts_with("/u/") {
        return false;
    }
    if request.uri().path().starts_with("/api/") {
        cookies::read(headers, state.config.secure_cookies()).is_some()
    } else {
        true
    }
}

/// True when the browser says the request comes from our own pages: `Sec-Fetch-Site:
/// same-origin` where the browser sends it, else an `Origin` equal to the public URL or to the
/// host the request was sent to. A request with neither header is refused.
pub fn same_origin(headers: &HeaderMap, public_url: &str) -> bool {
    let text = |name: header::HeaderName| headers.get(name).and_then(|v| v.to_str().ok());
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        return site == "same-origin";
    }
    let Some(origin) = text(header::ORIGIN) else {
        return false;
    };
    if origin == public_url {
        return true;
    }
    let origin_host = origin.split_once("://").map(|(_, host)| host);
    matches!((origin_host, text(header::HOST)), (Some(o), Some(h)) if o == h)
}

fn refuse(request: &Request) -> Response {
    let error = AppError::Forbidden;
    if request.uri().path().starts_with("/api/") {
        crate::rest::error::ApiError(error).into_response()
    } else {
        (
            axum::http::StatusCode::FORBIDDEN,
            "This request did not come from Prework's own pages, so it was refused.",
        )
            .into_response()
    }
}

/// The field every form carries with the path of the page it is on (`components::ReturnHere`).
pub const RETURN_FIELD: &str = "return_to";

/// Gives a plain form post (no WASM) its way back. When a server function fails, Leptos
/// redirects the browser to the `Referer` with the error in the query, and the form shows it.
/// Our `Referrer-Policy: no-referrer` means browsers send no `Referer`, so each form carries
/// its page's path in a hidden field and this layer turns it back into a `Referer` on our own
/// origin. Only same-origin paths are accepted (`/x`, never `//host` or a URL).
pub async fn restore_referer(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let is_form = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    if request.method() != Method::POST
        || !request.uri().path().starts_with("/rpc/")
        || request.headers().contains_key(header::REFERER)
        || !is_form
    {
        return next.run(request).await;
    }
    let (mut parts, body) = request.into_parts();
    let bytes = match axum::body::to_bytes(body, app::ssr::runtime::limits::BODY_LIMIT).await {
        Ok(bytes) => bytes,
        Err(_) => return crate::rest::error::ApiError(AppError::TooLarge).into_response(),
    };
    let path = form_urlencoded::parse(&bytes)
        .find(|(k, _)| k == RETURN_FIELD)
        .map(|(_, v)| v.into_owned())
        .filter(|p| p.starts_with('/') && !p.starts_with("//") && !p.contains('\\'));
    if let Some(path) = path {
        let origin = parts
            .headers
            .get(header::ORIGIN)
            .and_then(|v| v.to_str().ok())
            .filter(|o| *o != "null")
            .map(str::to_owned)
            .unwrap_or_else(|| state.config.public_url.clone());
        if let Ok(value) = HeaderValue::from_str(&format!("{origin}{path}")) {
            parts.headers.insert(header::REFERER, value);
        }
    }
    next.run(Request::from_parts(parts, axum::body::Body::from(bytes)))
        .await
}

/// Headers for every response. Pages replace the CSP with their own nonce-based policy; this
/// one locks down everything else (JSON, files, errors).
/// Leptos sets each page's CSP, with the nonce of its scripts, while it renders. Now and then,
/// under parallel load, a page has come back without that header (seen in the browser tests; the
/// cause is not found yet); the fallback default would then block the page's own scripts and
/// styles. So a page without a policy gets one built from the nonce its scripts carry (none:
/// no script may run), and the log says it happened.
pub async fn page_policy(request: Request, next: Next) -> Response {
    let response = next.run(request).await;
    let html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if !html
        || response
            .headers()
            .contains_key(header::CONTENT_SECURITY_POLICY)
    {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, PAGE_MAX).await else {
        tracing::error!("a page without its CSP could not be read");
        return (
            axum::http::StatusCode::INTERNAL_SERVER_ERROR,
            "Something went wrong on our side. Please try again.",
        )
            .into_response();
    };
    let nonce = script_nonce(&bytes);
    tracing::warn!(
        nonce = nonce.is_some(),
        "a page came without its CSP; set it from the page"
    );
    if let Ok(value) = HeaderValue::from_str(&app::components::page_policy(nonce)) {
        parts.headers.insert(header::CONTENT_SECURITY_POLICY, value);
    }
    Response::from_parts(parts, axum::body::Body::from(bytes))
}

/// The most a page may weigh for [`page_policy`] to read it.
const PAGE_MAX: usize = 8 * 1024 * 1024;

/// The nonce on the page's first `<script`, when it looks like one (base64).
fn script_nonce(html: &[u8]) -> Option<&str> {
    let text = std::str::from_utf8(html).ok()?;
    let script = text.find("<script")?;
    let rest = &text[script..];
    let start = rest.find(" nonce=\"")? + " nonce=\"".len();
    let len = rest[start..].find('"')?;
    let nonce = &rest[start..start + len];
    let base64 = |c: char| c.is_ascii_alphanumeric() || matches!(c, '+' | '/' | '=' | '-' | '_');
    (!nonce.is_empty() && nonce.len() <= 64 && nonce.chars().all(base64)).then_some(nonce)
}

pub fn default_headers() -> [(header::HeaderName, HeaderValue); 4] {
    [
        (
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ),
        // Personal links carry secrets in their path: never leak a URL to another site.
        (
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        ),
        (header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY")),
        (
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static("default-src 'none'; frame-ancestors 'none'; base-uri 'none'"),
        ),
    ]
}

/// The routes whose last segment is a credential: a personal link's secret (`/i/`), a
/// one-click unsubscribe token (`/u/`). A route added with a secret in its path belongs here,
/// so that no log line can hand it to whoever reads the log.
const SECRET_IN_PATH: [&str; 2] = ["/i/", "/u/"];

/// The path as logs may show it: the secret in a [`SECRET_IN_PATH`] route is replaced.
pub fn loggable_path(path: &str) -> std::borrow::Cow<'_, str> {
    match SECRET_IN_PATH
        .iter()
        .find(|prefix| path.starts_with(**prefix))
    {
        Some(prefix) => format!("{prefix}<secret>").into(),
        None => path.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_in_paths_never_reach_the_log() {
        for (path, logged) in [
            ("/i/pwa_abc", "/i/<secret>"),
            ("/i/pwa_abc/more", "/i/<secret>"),
            ("/u/0123456789abcdef0123456789abcdef", "/u/<secret>"),
            ("/u/", "/u/<secret>"),
            ("/meetings/1", "/meetings/1"),
            ("/unsubscribe", "/unsubscribe"),
            ("/", "/"),
        ] {
            assert_eq!(loggable_path(path), logged, "{path}");
        }
    }

    #[test]
    fn the_nonce_comes_from_the_pages_scripts_only_when_it_looks_like_one() {
        let page = br#"<html><head><script nonce="AbC+/9=="></script><script nonce="x"></script>"#;
        assert_eq!(script_nonce(page), Some("AbC+/9=="));
        assert_eq!(script_nonce(br#"<p nonce="x"></p>"#), None);
        assert_eq!(
            script_nonce(br#"<script nonce="a' 'unsafe-inline"></script>"#),
            None
        );
        assert_eq!(script_nonce(b"<script src=x></script>"), None);
    }

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, HeaderValue::from_static(v));
        }
        h
    }

    #[test]
    fn same_origin_rules() {
        let url = "https://prework.example.com";
        assert!(same_origin(
            &headers(&[("sec-fetch-site", "same-origin")]),
            url
        ));
        assert!(!same_origin(
            &headers(&[("sec-fetch-site", "cross-site")]),
            url
        ));
        assert!(!same_origin(
            &headers(&[("sec-fetch-site", "same-site")]),
            url
        ));
        assert!(!same_origin(
            &headers(&[
                ("sec-fetch-site", "cross-site"),
                ("origin", "https://prework.example.com")
            ]),
            url
        ));
        assert!(same_origin(
            &headers(&[("origin", "https://prework.example.com")]),
            url
        ));
        assert!(same_origin(
            &headers(&[
                ("origin", "http://127.0.0.1:3100"),
                ("host", "127.0.0.1:3100")
            ]),
            url
        ));
        assert!(!same_origin(
            &headers(&[
                ("origin", "https://evil.example"),
                ("host", "127.0.0.1:3100")
            ]),
            url
        ));
        assert!(!same_origin(&headers(&[("origin", "null")]), url));
        assert!(!same_origin(&headers(&[]), url));
    }
}
