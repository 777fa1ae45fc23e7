//! The frame every server function runs in: fetch the shared state, run the body, and give an
//! error its proper HTTP status (422 for a rule broken, 404, ...) instead of a blanket 500.

use super::{AppState, app_state};
use crate::error::AppError;
use leptos::prelude::use_context;
use leptos_axum::ResponseOptions;

pub async fn run<T, F, Fut>(body: F) -> Result<T, AppError>
where
    F: FnOnce(AppState) -> Fut,
    Fut: Future<Output = Result<T, AppError>>,
{
    let result = match app_state() {
        Ok(state) => body(state).await,
        Err(e) => Err(e),
    };
    if let Err(error) = &result {
        set_error_status(error);
    }
    result
}

/// Sets the status of a server function's error answer. A plain HTML form post is left alone:
/// it must stay a redirect back to the form, which then shows the error.
pub fn set_error_status(error: &AppError) {
    let Some(parts) = use_context::<http::request::Parts>() else {
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
