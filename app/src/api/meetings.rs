//! Server functions for meetings.

use crate::error::AppError;
use crate::model::{Meeting, MeetingId, MeetingSummary, NewMeeting};
use leptos::prelude::*;

#[server(prefix = "/rpc", endpoint = "list_meetings")]
pub async fn list_meetings() -> Result<Vec<MeetingSummary>, AppError> {
    crate::ssr::rpc::run(|state| async move { crate::ssr::meetings::list(&state.db).await }).await
}

#[server(prefix = "/rpc", endpoint = "get_meeting")]
pub async fn get_meeting(id: MeetingId) -> Result<Meeting, AppError> {
    crate::ssr::rpc::run(|state| async move { crate::ssr::meetings::get(&state.db, id).await })
        .await
}

/// Creates a meeting and lands on its page (a real redirect for a form posted without WASM).
#[server(prefix = "/rpc", endpoint = "create_meeting")]
pub async fn create_meeting(meeting: NewMeeting) -> Result<MeetingId, AppError> {
    crate::ssr::rpc::run(|state| async move {
        let created = crate::ssr::meetings::create(&state.db, meeting).await?;
        leptos_axum::redirect(&format!("/meetings/{}", created.id));
        Ok(created.id)
    })
    .await
}
