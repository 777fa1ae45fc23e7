//! What a page sets on its own HTTP response while it renders on the server: its status (a 404
//! page must answer 404) and its Content-Security-Policy, built on the per-response nonce that
//! Leptos puts on its hydration scripts. Both do nothing in the browser.

/// Sets the response status during server rendering.
pub fn set_http_status(code: u16) {
    #[cfg(feature = "ssr")]
    if let (Some(options), Ok(status)) = (
        leptos::prelude::use_context::<leptos_axum::ResponseOptions>(),
        http::StatusCode::from_u16(code),
    ) {
        options.set_status(status);
    }
    #[cfg(not(feature = "ssr"))]
    let _ = code;
}

/// A page's CSP: scripts only with this response's nonce (and what they load, through
/// `'strict-dynamic'`), WASM compilation allowed, nothing embedded, no `<base>`, no framing.
/// Without a nonce, no script runs at all.
pub fn page_policy(nonce: Option<&str>) -> String {
    let scripts = match nonce {
        Some(nonce) => format!("'nonce-{nonce}' 'strict-dynamic' 'wasm-unsafe-eval'"),
        None => "'none'".to_owned(),
    };
    format!(
        "default-src 'self'; script-src {scripts}; style-src 'self'; img-src 'self' data:; \
         connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; \
         frame-ancestors 'none'; form-action 'self'"
    )
}

/// Sets the page's CSP ([`page_policy`]) on the response being rendered.
pub fn set_content_security_policy() {
    #[cfg(feature = "ssr")]
    if let (Some(options), Some(nonce)) = (
        leptos::prelude::use_context::<leptos_axum::ResponseOptions>(),
        leptos::nonce::use_nonce(),
    ) {
        let policy = page_policy(Some(&nonce));
        if let Ok(value) = http::HeaderValue::from_str(&policy) {
            options.insert_header(http::header::CONTENT_SECURITY_POLICY, value);
        }
    }
}
