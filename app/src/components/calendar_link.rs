//! The link to a meeting's calendar file, wherever a page offers it (the meeting page, the
//! outcome record): only when the meeting has a start; a cancelled meeting's file takes the
//! event out of the calendar, and the link says so.

use crate::model::{MeetingId, MeetingStatus};
use leptos::prelude::*;

#[component]
pub fn CalendarLink(
    meeting: MeetingId,
    has_start: bool,
    status: MeetingStatus,
    /// The link's look where it stands (`button secondary`, `change-link`).
    class: &'static str,
) -> impl IntoView {
    has_start.then(|| {
        let label = if status == MeetingStatus::Cancelled {
            "Remove from calendar"
        } else {
            "Add to calendar"
        };
        view! {
            <a class=class href=format!("/api/v1/meetings/{meeting}/calendar.ics") download="">
                {label}
                <span class="visually-hidden">" (.ics file)"</span>
            </a>
        }
    })
}
