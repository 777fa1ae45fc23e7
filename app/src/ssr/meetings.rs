//! Domain operations on meetings, shared by the server functions and the JSON API. Each one
//! authorises first, validates second, then writes.

use super::access::{Action, Viewer, authorize};
use super::auth::Actor;
use super::db::{self, meetings::MeetingRecord};
use super::{AppState, attendees, tz};
use crate::error::AppError;
use crate::model::{
    Meeting, MeetingId, MeetingInput, MeetingStatus, MeetingSummary, MeetingViewer,
};

pub async fn create(
    state: &AppState,
    actor: &Actor,
    input: MeetingInput,
) -> Result<Meeting, AppError> {
    let organizer = actor.organizer()?;
    let fields = input.into_new()?;
    tz::check("time_zone", &fields.time_zone)?;
    let now = super::now();
    let record = MeetingRecord {
        id: MeetingId::new(),
        organizer_id: Some(organizer),
        fields,
        status: MeetingStatus::Draft,
        created_at: now,
        updated_at: now,
    };
    db::meetings::insert(&state.db, &record).await?;
    super::polls::ensure_builtin(state, record.id).await?;
    Ok(assemble(
        record,
        Vec::new(),
        Vec::new(),
        Viewer::Organizer(organizer),
    ))
}

/// The meetings the caller may open: an organizer's own; for an attendee, the circulated
/// meetings their links open.
pub async fn list(state: &AppState, actor: &Actor) -> Result<Vec<MeetingSummary>, AppError> {
    let mut list = match actor.user {
        Some(user) => db::meetings::list_for_organizer(&state.db, user).await?,
        None if actor.attendees.is_empty() => return Err(AppError::Unauthenticated),
        None => db::meetings::list_for_attendees(&state.db, &actor.attendees).await?,
    };
    // every verdict at once, in the same handful of queries as one
    let ids: Vec<MeetingId> = list.iter().map(|m| m.id).collect();
    let loaded = super::verdict::load_many(state, &ids).await?;
    for summary in &mut list {
        let facts = loaded.iter().find(|l| l.record.id == summary.id);
        summary.verdict = facts.map(|l| crate::verdict::decide(&l.facts).verdict);
    }
    Ok(list)
}

pub async fn get(state: &AppState, actor: &Actor, id: MeetingId) -> Result<Meeting, AppError> {
    let viewer = authorize(&state.db, actor, id, Action::Read).await?;
    load(state, id, viewer).await
}

pub async fn update(
    state: &AppState,
    actor: &Actor,
    id: MeetingId,
    input: MeetingInput,
) -> Result<Meeting, AppError> {
    let viewer = authorize(&state.db, actor, id, Action::Edit).await?;
    let current = db::meetings::get(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if let Some(tz_name) = &input.time_zone {
        tz::check("time_zone", tz_name.trim())?;
    }
    let fields = input.apply_to(current.fields)?;
    db::meetings::update_fields(&state.db, id, &fields, super::now()).await?;
    load(state, id, viewer).await
}

pub async fn delete(state: &AppState, actor: &Actor, id: MeetingId) -> Result<(), AppError> {
    authorize(&state.db, actor, id, Action::Edit).await?;
    db::meetings::delete(&state.db, id).await?;
    Ok(())
}

/// Makes a draft visible to its attendees. Circulating again changes nothing; a meeting that
/// was already decided (held, shortened, cancelled) cannot go back to circulating.
pub async fn circulate(
    state: &AppState,
    actor: &Actor,
    id: MeetingId,
) -> Result<Meeting, AppError> {
    let viewer = authorize(&state.db, actor, id, Action::Edit).await?;
    let current = db::meetings::get(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    match current.status {
        MeetingStatus::Draft => {
            db::meetings::set_status(&state.db, id, MeetingStatus::Circulating, super::now())
                .await?
        }
        MeetingStatus::Circulating => {}
        _ => {
            return Err(AppError::Conflict(
                "This meeting has already been decided; it cannot be circulated again.".into(),
            ));
        }
    }
    load(state, id, viewer).await
}

/// The whole meeting as `viewer` may see it: three queries, whatever its size.
async fn load(state: &AppState, id: MeetingId, viewer: Viewer) -> Result<Meeting, AppError> {
    let record = db::meetings::get(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let people = db::attendees::list_for_meeting(&state.db, id).await?;
    let people = people
        .into_iter()
        .map(|a| attendees::view(a, viewer))
        .collect();
    let agenda = db::agenda::list_for_meeting(&state.db, id).await?;
    let prereads = db::prereads::list_for_meeting(&state.db, id).await?;
    let mut meeting = assemble(record, agenda, people, viewer);
    meeting.prereads = prereads
        .into_iter()
        .map(|p| crate::model::meeting::PrereadSummary {
            id: p.id,
            title: p.title,
            required: p.required,
            version: p.version,
            reading_minutes: p.reading_minutes,
        })
        .collect();
    Ok(meeting)
}

fn assemble(
    record: MeetingRecord,
    agenda: Vec<crate::model::AgendaItem>,
    attendees: Vec<crate::model::Attendee>,
    viewer: Viewer,
) -> Meeting {
    let hourly_rate = record.fields.hourly_rate();
    let f = record.fields;
    Meeting {
        id: record.id,
        title: f.title,
        purpose_kind: f.purpose_kind,
        outcome: f.outcome,
        why_live: f.why_live,
        starts_at: f.starts_at,
        duration_minutes: f.duration_minutes,
        time_zone: f.time_zone,
        response_deadline: f.response_deadline,
        anonymous: f.anonymous,
        hourly_rate,
        status: record.status,
        created_at: record.created_at,
        updated_at: record.updated_at,
        agenda,
        attendees,
        prereads: Vec::new(),
        viewer: MeetingViewer {
            organizer: viewer.is_organizer(),
            attendee_id: viewer.attendee(),
        },
    }
}
