//! Server functions for meetings.

use crate::error::AppError;
use crate::model::{Meeting, MeetingId, MeetingInput, MeetingSummary};
use leptos::prelude::*;

/// The caller's meetings, or `None` for a visitor with no session (the home page then shows
/// what Prework is: not an error, so no 401).
#[server(prefix = "/rpc", endpoint = "list_meetings")]
pub async fn list_meetings() -> Result<Option<Vec<MeetingSummary>>, AppError> {
    use crate::ssr::{meetings, rpc};
    rpc::run(|call| async move {
        if call.actor.is_anonymous() {
            return Ok(None);
        }
        meetings::list(&call.state, &call.actor).await.map(Some)
    })
    .await
}

#[server(prefix = "/rpc", endpoint = "get_meeting")]
pub async fn get_meeting(id: MeetingId) -> Result<Meeting, AppError> {
    use crate::ssr::{meetings, rpc};
    rpc::run(|call| async move { meetings::get(&call.state, &call.actor, id).await }).await
}

/// Creates a meeting and lands on its page (a real redirect for a form posted without WASM).
#[server(prefix = "/rpc", endpoint = "create_meeting")]
pub async fn create_meeting(meeting: MeetingInput) -> Result<MeetingId, AppError> {
    use crate::ssr::{meetings, rpc};
    rpc::run(|call| async move {
        let created = meetings::create(&call.state, &call.actor, meeting).await?;
        leptos_axum::redirect(&format!("/meetings/{}", created.id));
        Ok(created.id)
    })
    .await
}

#[server(prefix = "/rpc", endpoint = "circulate_meeting")]
pub async fn circulate_meeting(id: MeetingId) -> Result<Meeting, AppError> {
    use crate::ssr::{meetings, rpc};
    rpc::run(|call| async move { meetings::circulate(&call.state, &call.actor, id).await }).await
}
