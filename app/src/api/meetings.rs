//! Server functions for meetings.

use crate::error::AppError;
use crate::model::{Meeting, MeetingId, MeetingSummary, NewMeeting};
use leptos::prelude::*;

#[server(prefix = "/rpc", endpoint = "list_meetings")]
pub async fn list_meetings() -> Result<Vec<MeetingSummary>, AppError> {
    let state = crate::ssr::app_state()?;
    crate::ssr::meetings::list(&state.db).await
}

#[server(prefix = "/rpc", endpoint = "get_meeting")]
pub async fn get_meeting(id: MeetingId) -> Result<Meeting, AppError> {
    let state = crate::ssr::app_state()?;
    crate::ssr::meetings::get(&state.db, id).await
}

/// Creates a meeting and lands on its page (a real redirect for a form posted without WASM).
#[server(prefix = "/rpc", endpoint = "create_meeting")]
pub async fn create_meeting(meeting: NewMeeting) -> Result<MeetingId, AppError> {
    let state = crate::ssr::app_state()?;
    let created = crate::ssr::meetings::create(&state.db, meeting).await?;
    leptos_axum::redirect(&format!("/meetings/{}", created.id));
    Ok(created.id)
}
