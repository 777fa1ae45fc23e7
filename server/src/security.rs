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
            path = %request.uri().path(),
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
    let bytes = match axum::body::to_bytes(body, crate::router::BODY_LIMIT).await {
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

#[cfg(test)]
mod tests {
    use super::*;

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
