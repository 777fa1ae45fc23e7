//! Domain operations on the agenda.

use super::access::{Action, authorize};
use super::auth::Actor;
use super::{AppState, db};
use crate::error::AppError;
use crate::model::agenda::{AgendaFields, ITEMS_MAX};
use crate::model::{AgendaItem, AgendaItemId, AgendaItemInput, AttendeeId, MeetingId};

pub async fn add(
    state: &AppState,
    actor: &Actor,
    meeting: MeetingId,
    input: AgendaItemInput,
) -> Result<AgendaItem, AppError> {
    authorize(&state.db, actor, meeting, Action::Edit).await?;
    let position = input.position;
    let fields = input.into_new()?;
    check_owner(state, meeting, fields.owner_id).await?;
    let id = AgendaItemId::new();
    let added =
        db::agenda::insert_within_limit(&state.db, meeting, id, &fields, super::now(), ITEMS_MAX)
            .await?;
    if !added {
        return Err(AppError::validation(
            "agenda",
            format!("An agenda can have at most {ITEMS_MAX} items"),
        ));
    }
    if let Some(position) = position {
        db::agenda::update(
            &state.db,
            meeting,
            id,
            &fields,
            Some(position as u32),
            super::now(),
        )
        .await?;
    }
    fetch(state, id).await
}

pub async fn update(
    state: &AppState,
    actor: &Actor,
    id: AgendaItemId,
    input: AgendaItemInput,
) -> Result<AgendaItem, AppError> {
    let (meeting, current) = find(state, actor, id).await?;
    let position = input.position;
    let owner_changed = input.owner_id.is_some();
    let fields = input.apply_to(AgendaFields {
        title: current.title,
        kind: current.kind,
        minutes: current.minutes,
        owner_id: current.owner_id,
        resolved_async: current.resolved_async,
        resolution: current.resolution,
    })?;
    if owner_changed {
        check_owner(state, meeting, fields.owner_id).await?;
    }
    let position = position.map(|p| u32::try_from(p).unwrap_or(u32::MAX));
    db::agenda::update(&state.db, meeting, id, &fields, position, super::now()).await?;
    fetch(state, id).await
}

/// Moves an item one place up (`-1`) or down (`+1`), as the reorder buttons do.
pub async fn step(
    state: &AppState,
    actor: &Actor,
    id: AgendaItemId,
    by: i64,
) -> Result<AgendaItem, AppError> {
    let (_, current) = find(state, actor, id).await?;
    let target = (i64::from(current.position) + by).max(0);
    let input = AgendaItemInput {
        position: Some(target),
        ..Default::default()
    };
    update(state, actor, id, input).await
}

pub async fn remove(state: &AppState, actor: &Actor, id: AgendaItemId) -> Result<(), AppError> {
    let (meeting, _) = find(state, actor, id).await?;
    db::agenda::delete(&state.db, meeting, id).await?;
    Ok(())
}

/// Authorises editing an item, before its answers are read; gives its meeting.
pub async fn check_edit(
    state: &AppState,
    actor: &Actor,
    id: AgendaItemId,
) -> Result<MeetingId, AppError> {
    find(state, actor, id).await.map(|(meeting, _)| meeting)
}

async fn find(
    state: &AppState,
    actor: &Actor,
    id: AgendaItemId,
) -> Result<(MeetingId, AgendaItem), AppError> {
    if actor.is_anonymous() {
        return Err(AppError::Unauthenticated);
    }
    let (meeting, item) = db::agenda::get(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    authorize(&state.db, actor, meeting, Action::Edit).await?;
    Ok((meeting, item))
}

async fn fetch(state: &AppState, id: AgendaItemId) -> Result<AgendaItem, AppError> {
    Ok(db::agenda::get(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?
        .1)
}

/// An owner must be one of the meeting's attendees.
async fn check_owner(
    state: &AppState,
    meeting: MeetingId,
    owner: Option<AttendeeId>,
) -> Result<(), AppError> {
    let Some(owner) = owner else {
        return Ok(());
    };
    match db::attendees::get(&state.db, owner).await? {
        Some(a) if a.meeting_id == meeting => Ok(()),
        _ => Err(AppError::validation(
            "owner_id",
            "The owner must be one of the meeting's attendees",
        )),
    }
}
