//! Server functions for attendees.

use crate::error::AppError;
use crate::model::{AttendeeId, AttendeeInput, AttendeeWithLink, MeetingId};
use leptos::prelude::*;

#[server(prefix = "/rpc", endpoint = "add_attendee")]
pub async fn add_attendee(
    meeting: MeetingId,
    attendee: AttendeeInput,
) -> Result<AttendeeWithLink, AppError> {
    use crate::ssr::{attendees, rpc};
    rpc::run(
        |call| async move { attendees::add(&call.state, &call.actor, meeting, attendee).await },
    )
    .await
}

#[server(prefix = "/rpc", endpoint = "regenerate_link")]
pub async fn regenerate_link(attendee: AttendeeId) -> Result<AttendeeWithLink, AppError> {
    use crate::ssr::{attendees, rpc};
    rpc::run(
        |call| async move { attendees::regenerate_link(&call.state, &call.actor, attendee).await },
    )
    .await
}
