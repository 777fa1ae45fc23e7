//! The meeting as an iCalendar event: purpose, desired outcome, agenda, links to the brief and
//! the pre-reads; a cancellation once the meeting is cancelled.

use super::access::{Action, authorize};
use super::auth::Actor;
use super::{AppState, db};
use crate::error::AppError;
use crate::model::{MeetingId, MeetingStatus};
use icalendar::{Calendar, Component, Event, EventLike, EventStatus};
use std::fmt::Write;

pub async fn event(state: &AppState, actor: &Actor, id: MeetingId) -> Result<String, AppError> {
    authorize(&state.db, actor, id, Action::Read).await?;
    let record = db::meetings::get(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let m = &record.fields;
    let start = m.starts_at.ok_or_else(|| {
        AppError::Conflict(
            "The meeting has no start time yet, so it cannot go in a calendar.".into(),
        )
    })?;
    let agenda = db::agenda::list_for_meeting(&state.db, id).await?;
    let docs = db::prereads::list_for_meeting(&state.db, id).await?;
    let base = &state.config.public_url;
    let brief = format!("{base}/meetings/{id}");

    let mut description = format!("{}: {}\n", m.purpose_kind.label(), m.outcome);
    if let Some(why) = m.why_live.as_deref().filter(|w| !w.trim().is_empty()) {
        let _ = writeln!(description, "Why live: {why}");
    }
    let _ = writeln!(description, "\nAgenda:");
    for item in agenda.iter().filter(|i| !i.resolved_async) {
        let _ = writeln!(description, "- {} ({} min)", item.title, item.minutes);
    }
    if !docs.is_empty() {
        let _ = writeln!(description, "\nPre-reads:");
        for d in &docs {
            let _ = writeln!(description, "- {}: {brief}/prereads/{}", d.title, d.id);
        }
    }
    let _ = write!(description, "\nBrief: {brief}");

    let to_chrono = |t: jiff::Timestamp| {
        chrono::DateTime::<chrono::Utc>::from_timestamp(t.as_second(), 0).unwrap_or_default()
    };
    let end = start
        .checked_add(jiff::SignedDuration::from_mins(i64::from(
            m.duration_minutes,
        )))
        .unwrap_or(start);
    let cancelled = record.status == MeetingStatus::Cancelled;
    let event = Event::new()
        .uid(&format!("{id}@prework"))
        .summary(&m.title)
        .description(&description)
        .starts(to_chrono(start))
        .ends(to_chrono(end))
        .timestamp(to_chrono(record.updated_at))
        .url(&brief)
        // every change to the meeting is a new revision for calendar clients
        .add_property(
            "SEQUENCE",
            (record.updated_at.as_second() - record.created_at.as_second())
                .max(0)
                .to_string(),
        )
        .status(if cancelled {
            EventStatus::Cancelled
        } else {
            EventStatus::Confirmed
        })
        .done();
    let mut calendar = Calendar::new();
    calendar
        .name(&m.title)
        .append_property(("METHOD", if cancelled { "CANCEL" } else { "PUBLISH" }))
        .push(event);
    Ok(calendar.done().to_string())
}
