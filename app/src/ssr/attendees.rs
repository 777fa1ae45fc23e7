//! Domain operations on the people invited to a meeting, and the attendee's own state.

use super::access::{Action, Viewer, authorize};
use super::accounts::token;
use super::auth::Actor;
use super::auth::tokens::TokenKind;
use super::db::{self, attendees::AttendeeRecord};
use super::{AppState, ServerError, tz};
use crate::error::AppError;
use crate::model::attendee::ATTENDEES_MAX;
use crate::model::{Attendee, AttendeeId, AttendeeInput, AttendeeWithLink, MeetingId};
use serde::{Deserialize, Serialize};

pub async fn add(
    state: &AppState,
    actor: &Actor,
    meeting: MeetingId,
    input: AttendeeInput,
) -> Result<AttendeeWithLink, AppError> {
    let viewer = authorize(&state.db, actor, meeting, Action::Edit).await?;
    let fields = input.into_new()?;
    if let Some(zone) = &fields.time_zone {
        tz::check("time_zone", zone)?;
    }
    let (secret, hash) = token(TokenKind::Attendee)?;
    let record = AttendeeRecord {
        id: AttendeeId::new(),
        meeting_id: meeting,
        fields,
        ready: false,
        not_needed: false,
        created_at: super::now(),
    };
    match db::attendees::insert_within_limit(&state.db, &record, &hash, ATTENDEES_MAX).await {
        Ok(true) => {}
        Ok(false) => {
            return Err(AppError::validation(
                "attendees",
                format!("A meeting can have at most {ATTENDEES_MAX} attendees"),
            ));
        }
        Err(ServerError::Db(sqlx::Error::Database(e))) if e.is_unique_violation() => {
            return Err(AppError::Conflict(
                "This person is already invited to the meeting.".into(),
            ));
        }
        Err(e) => return Err(e.into()),
    }
    Ok(with_link(state, view(record, viewer), secret))
}

pub async fn update(
    state: &AppState,
    actor: &Actor,
    id: AttendeeId,
    input: AttendeeInput,
) -> Result<Attendee, AppError> {
    let (record, viewer) = find(state, actor, id, Action::Edit).await?;
    if let Some(Some(zone)) = &input.time_zone {
        tz::check("time_zone", zone.trim())?;
    }
    let fields = input.apply_to(record.fields.clone())?;
    match db::attendees::update_fields(&state.db, id, &fields, super::now()).await {
        Err(ServerError::Db(sqlx::Error::Database(e))) if e.is_unique_violation() => {
            return Err(AppError::Conflict(
                "Another attendee of this meeting has that email address.".into(),
            ));
        }
        other => other?,
    }
    Ok(view(AttendeeRecord { fields, ..record }, viewer))
}

pub async fn remove(state: &AppState, actor: &Actor, id: AttendeeId) -> Result<(), AppError> {
    find(state, actor, id, Action::Edit).await?;
    db::attendees::delete(&state.db, id).await?;
    Ok(())
}

/// Issues a new personal link; the old one stops working at once, along with the browser
/// sessions it opened.
pub async fn regenerate_link(
    state: &AppState,
    actor: &Actor,
    id: AttendeeId,
) -> Result<AttendeeWithLink, AppError> {
    let (record, viewer) = find(state, actor, id, Action::Edit).await?;
    let (secret, hash) = token(TokenKind::Attendee)?;
    db::attendees::replace_token(&state.db, id, &hash).await?;
    Ok(with_link(state, view(record, viewer), secret))
}

/// What an attendee says about themself: pre-reads now read, ready, not needed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct OwnStateInput {
    pub read: Option<Vec<crate::model::PrereadId>>,
    pub ready: Option<bool>,
    pub not_needed: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct OwnState {
    /// The pre-reads this attendee has read.
    pub read: Vec<crate::model::PrereadId>,
    pub ready: bool,
    pub not_needed: bool,
}

pub async fn set_own_state(
    state: &AppState,
    actor: &Actor,
    meeting: MeetingId,
    input: OwnStateInput,
) -> Result<OwnState, AppError> {
    let viewer = authorize(&state.db, actor, meeting, Action::Participate).await?;
    let attendee = viewer.attendee().ok_or_else(|| {
        AppError::Conflict("Only attendees have their own state; the organizer has none.".into())
    })?;
    if let Some(read) = &input.read {
        let prereads = db::prereads::list_for_meeting(&state.db, meeting).await?;
        if read.iter().any(|r| !prereads.iter().any(|p| p.id == *r)) {
            return Err(AppError::validation(
                "read",
                "Mark only this meeting's pre-reads as read",
            ));
        }
        db::prereads::mark_read(&state.db, attendee, read, super::now()).await?;
    }
    db::attendees::set_state(
        &state.db,
        attendee,
        input.ready,
        input.not_needed,
        super::now(),
    )
    .await?;
    let record = db::attendees::get(&state.db, attendee)
        .await?
        .ok_or(AppError::NotFound)?;
    let read = db::prereads::reads_for_meeting(&state.db, meeting)
        .await?
        .into_iter()
        .filter(|(who, _)| *who == attendee)
        .map(|(_, preread)| preread)
        .collect();
    Ok(OwnState {
        read,
        ready: record.ready,
        not_needed: record.not_needed,
    })
}

/// Authorises editing an attendee, before their answers are read.
pub async fn check_edit(state: &AppState, actor: &Actor, id: AttendeeId) -> Result<(), AppError> {
    find(state, actor, id, Action::Edit).await.map(|_| ())
}

/// The meeting an attendee belongs to.
pub async fn meeting_of(state: &AppState, id: AttendeeId) -> Result<MeetingId, AppError> {
    Ok(db::attendees::get(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?
        .meeting_id)
}

/// Loads an attendee and authorises `action` on their meeting. An attendee id the caller may
/// not see is as unknown as one that does not exist.
async fn find(
    state: &AppState,
    actor: &Actor,
    id: AttendeeId,
    action: Action,
) -> Result<(AttendeeRecord, Viewer), AppError> {
    if actor.is_anonymous() {
        return Err(AppError::Unauthenticated);
    }
    let record = db::attendees::get(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let viewer = authorize(&state.db, actor, record.meeting_id, action).await?;
    Ok((record, viewer))
}

/// An attendee as `viewer` may see them: emails are for the organizer and the person alone.
pub fn view(record: AttendeeRecord, viewer: Viewer) -> Attendee {
    let sees_email = viewer.is_organizer() || viewer.attendee() == Some(record.id);
    let f = record.fields;
    Attendee {
        id: record.id,
        name: f.name,
        email: sees_email.then_some(f.email),
        role: f.role,
        reason: f.reason,
        time_zone: f.time_zone,
        work_start: f.work_start,
        work_end: f.work_end,
        ready: record.ready,
        not_needed: record.not_needed,
    }
}

fn with_link(state: &AppState, attendee: Attendee, token: String) -> AttendeeWithLink {
    AttendeeWithLink {
        link: format!("{}/i/{token}", state.config.public_url),
        attendee,
        token,
    }
}
