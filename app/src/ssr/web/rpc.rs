//! The frame every server function runs in: the shared state and the caller, resolved once;
//! then the body. An error's HTTP status (422 for a rule broken, 404, ...) is set by the server's
//! `rpc_status` layer, in one place.

use crate::error::AppError;
use crate::model::MeetingId;
use crate::ssr::auth::{self, Actor, cookies};
use crate::ssr::policy::access::{Authorized, Read, authorize};
use crate::ssr::{AppState, app_state};
use http::header::SET_COOKIE;
use http::request::Parts;
use leptos::prelude::use_context;
use leptos_axum::ResponseOptions;
use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::{Arc, Mutex};

/// What a server function body receives.
pub struct Call {
    pub state: AppState,
    pub actor: Actor,
    parts: Option<Parts>,
    scope: Option<RequestScope>,
}

impl Call {
    /// [`authorize`]s reading `meeting`. A page render asks this once per resource (the brief
    /// page three times), always of the same meeting for the same caller, so within a GET the
    /// answer is worked out once. Nothing is written in a GET, so it cannot go stale there.
    pub async fn authorize_read(&self, meeting: MeetingId) -> Result<Authorized<Read>, AppError> {
        let reading = self
            .parts
            .as_ref()
            .is_some_and(|p| p.method == http::Method::GET || p.method == http::Method::HEAD);
        let Some(scope) = self.scope.as_ref().filter(|_| reading) else {
            return authorize::<Read>(&self.state, &self.actor, meeting).await;
        };
        if let Some(known) = scope.read_lock().get(&meeting) {
            return Ok(known.as_read());
        }
        let auth = authorize::<Read>(&self.state, &self.actor, meeting).await?;
        scope.read_lock().insert(meeting, auth.as_read());
        Ok(auth)
    }

    /// The client's address, for rate limits (see `limits::client_ip`).
    pub fn client_ip(&self) -> IpAddr {
        let trusted = &self.state.config.trusted_proxies;
        match &self.parts {
            Some(request) => crate::ssr::runtime::limits::request_ip(request, trusted),
            None => crate::ssr::runtime::limits::client_ip(None, None, trusted),
        }
    }

    /// Stores a browser session in the cookie.
    pub fn set_session_cookie(&self, token: &str) {
        set_cookie(&cookies::session(self.state.config.secure_cookies(), token));
    }

    pub fn clear_session_cookie(&self) {
        set_cookie(&cookies::clear(self.state.config.secure_cookies()));
    }

    /// The request's headers (cookies included), when there is a request.
    pub fn headers(&self) -> Option<&http::HeaderMap> {
        self.parts.as_ref().map(|p| &p.headers)
    }

    /// Whether the browser posted a plain HTML form (no WASM): it will follow a redirect and
    /// render a whole page, so what the answer holds must travel another way (a flash).
    pub fn plain_form(&self) -> bool {
        self.parts.as_ref().is_some_and(accepts_html)
    }

    /// Sends a plain form post back to the page it came from (the `Referer` our own layer
    /// restores from the form's `return_to`), at `fragment`: the reader lands where they were
    /// working, not at the top. Only a path of this site is followed.
    pub fn back_to(&self, fragment: &str) {
        self.back_saying(fragment, None);
    }

    /// [`Self::back_to`], saying what was done (`?done=<what>`): the page shows the matching
    /// status message where the reader lands (`components::DoneNote`).
    pub fn back_with_note(&self, fragment: &str, what: &str) {
        self.back_saying(fragment, Some(what));
    }

    fn back_saying(&self, fragment: &str, done: Option<&str>) {
        if !self.plain_form() {
            return;
        }
        let path = self
            .headers()
            .and_then(|h| h.get(http::header::REFERER))
            .and_then(|v| v.to_str().ok())
            .and_then(|r| r.find("://").map(|i| &r[i + 3..]))
            .and_then(|r| r.find('/').map(|i| &r[i..]))
            .map(|p| p.split('#').next().unwrap_or(p))
            .and_then(crate::model::forms::local_path);
        if let Some(path) = path {
            // a page with a query of its own (`?score=4`) keeps it, the note added after it
            let joint = if path.contains('?') { '&' } else { '?' };
            let query = done
                .map(|d| format!("{joint}done={}", crate::model::forms::query_value(d)))
                .unwrap_or_default();
            leptos_axum::redirect(&format!("{path}{query}#{fragment}"));
        }
    }

    /// Adds a `Set-Cookie` to the answer.
    pub fn add_cookie(&self, value: &str) {
        set_cookie(value);
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

/// Like [`run`], for a form whose answers must survive a failure without WASM: the browser is
/// sent back to the form with the answers in the address (`__form`, read by `components::use_kept`), so
/// the page shows them again beside the errors (GOV.UK's "answers kept"). Passwords never go
/// through here.
pub async fn run_form<I, T, F, Fut>(input: &I, body: F) -> Result<T, AppError>
where
    I: serde::Serialize,
    F: FnOnce(Call) -> Fut,
    Fut: Future<Output = Result<T, AppError>>,
{
    let kept = serde_json::to_string(input).ok();
    let result = run(body).await;
    if let (Err(error), Some(kept)) = (&result, kept) {
        send_back_with_answers(error, &kept);
    }
    result
}

/// Replaces the redirect of a failed plain form post with one that also carries the answers.
/// Past a size that address bars and servers reliably take, the answers are left out (the
/// errors still show).
fn send_back_with_answers(error: &AppError, kept: &str) {
    const KEPT_MAX: usize = 16 * 1024;
    let Some(parts) = use_context::<Parts>() else {
        return;
    };
    if !accepts_html(&parts) || kept.len() > KEPT_MAX {
        return;
    }
    let Some(referer) = parts
        .headers
        .get(http::header::REFERER)
        .and_then(|v| v.to_str().ok())
    else {
        return;
    };
    let base = referer.split('?').next().unwrap_or(referer);
    let encoded_error =
        leptos::server_fn::error::ServerFnUrlError::new(parts.uri.path(), error.clone())
            .to_url(base);
    if let Ok(url) = encoded_error {
        let param = crate::model::forms::KEPT_PARAM;
        let kept = crate::model::forms::query_value(kept);
        leptos_axum::redirect(&format!("{}&{param}={kept}", url.as_str()));
    }
}

fn accepts_html(parts: &Parts) -> bool {
    parts
        .headers
        .get(http::header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("text/html"))
}

/// The caller of one request, looked up at most once however many server functions the request
/// runs: a page render runs one per resource (the brief page four), and each would otherwise
/// look the session up again. The router provides a fresh one with every request.
#[derive(Clone, Default)]
pub struct RequestScope {
    actor: Arc<tokio::sync::OnceCell<Actor>>,
    /// The meetings this request has been allowed to read ([`Call::authorize_read`]).
    read: Arc<Mutex<HashMap<MeetingId, Authorized<Read>>>>,
}

impl RequestScope {
    fn read_lock(&self) -> std::sync::MutexGuard<'_, HashMap<MeetingId, Authorized<Read>>> {
        self.read.lock().unwrap_or_else(|e| e.into_inner())
    }
}

pub async fn run<T, F, Fut>(body: F) -> Result<T, AppError>
where
    F: FnOnce(Call) -> Fut,
    Fut: Future<Output = Result<T, AppError>>,
{
    let state = app_state()?;
    let parts = use_context::<Parts>();
    let scope = use_context::<RequestScope>();
    let actor = match (&parts, &scope) {
        (Some(parts), Some(scope)) => scope
            .actor
            .get_or_try_init(|| auth::actor(&state, &parts.headers))
            .await?
            .clone(),
        (Some(parts), None) => auth::actor(&state, &parts.headers).await?,
        (None, _) => Actor::anonymous(),
    };
    body(Call {
        state,
        actor,
        parts,
        scope,
    })
    .await
}
