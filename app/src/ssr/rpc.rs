//! The frame every server function runs in: the shared state and the caller, resolved once;
//! then the body; then an error gets its proper HTTP status (422 for a rule broken, 404, ...)
//! instead of a blanket 500.

use super::auth::{self, Actor, cookies};
use super::{AppState, app_state};
use crate::error::AppError;
use http::header::SET_COOKIE;
use http::request::Parts;
use leptos::prelude::use_context;
use leptos_axum::ResponseOptions;
use std::net::{IpAddr, SocketAddr};

/// What a server function body receives.
pub struct Call {
    pub state: AppState,
    pub actor: Actor,
    parts: Option<Parts>,
}

impl Call {
    /// The client's address, for rate limits (see `limits::client_ip`).
    pub fn client_ip(&self) -> IpAddr {
        let parts = self.parts.as_ref();
        let peer = parts
            .and_then(|p| p.extensions.get::<axum::extract::ConnectInfo<SocketAddr>>())
            .map(|c| c.0);
        let forwarded = parts
            .and_then(|p| p.headers.get("x-forwarded-for"))
            .and_then(|v| v.to_str().ok());
        super::limits::client_ip(peer, forwarded, &self.state.config.trusted_proxies)
    }

    /// Stores a browser session in the cookie.
    pub fn set_session_cookie(&self, token: &str) {
        let secure = self.state.config.secure_cookies();
        let max_age = auth::SESSION_ABSOLUTE.as_secs();
        set_cookie(&cookies::set(secure, token, max_age));
    }

    pub fn clear_session_cookie(&self) {
        set_cookie(&cookies::clear(self.state.config.secure_cookies()));
    }
}

fn set_cookie(value: &str) {
    if let (Some(options), Ok(value)) = (
        use_context::<ResponseOptions>(),
        http::HeaderValue::from_str(value),
    ) {
        options.append_header(SET_COOKIE, value);
    }
}

pub async fn run<T, F, Fut>(body: F) -> Result<T, AppError>
where
    F: FnOnce(Call) -> Fut,
    Fut: Future<Output = Result<T, AppError>>,
{
    let result = async {
        let state = app_state()?;
        let parts = use_context::<Parts>();
        let actor = match &parts {
            Some(parts) => auth::actor(&state, &parts.headers).await?,
            None => Actor::anonymous(),
        };
        body(Call {
            state,
            actor,
            parts,
        })
        .await
    }
    .await;
    if let Err(error) = &result {
        set_error_status(error);
    }
    result
}

/// Sets the status of a server function's error answer. A plain HTML form post is left alone:
/// it must stay a redirect back to the form, which then shows the error.
pub fn set_error_status(error: &AppError) {
    let Some(parts) = use_context::<Parts>() else {
        return;
    };
    let accepts_html = parts
        .headers
        .get(http::header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("text/html"));
    if accepts_html {
        return;
    }
    if let (Some(options), Ok(status)) = (
        use_context::<ResponseOptions>(),
        http::StatusCode::from_u16(error.status()),
    ) {
        options.set_status(status);
    }
}
