//! Domain operations on the agenda. Each takes the caller's [`Authorized`] proof.

use crate::error::AppError;
use crate::model::agenda::{AgendaFields, ITEMS_MAX};
use crate::model::{AgendaItem, AgendaItemId, AgendaItemInput, AttendeeId};
use crate::ssr::auth::Actor;
use crate::ssr::domain::meetings::{IfMatch, check_version};
use crate::ssr::policy::access::{Authorized, Edit, Permission, authorize_via};
use crate::ssr::{AppState, db};

/// Adds an item, at `position` when given (in the same transaction), else at the end.
/// Makes an agenda item of what an occurrence carried over (a thread left open last time), once:
/// a `discuss` item of 10 minutes titled with its text. 404 for an entry the meeting does not
/// carry; 409 when it has its item already.
pub async fn from_carried(
    state: &AppState,
    auth: &Authorized<Edit>,
    source: uuid::Uuid,
) -> Result<AgendaItem, AppError> {
    let rows = auth.rows(state).await?;
    let entry = rows
        .carried
        .iter()
        .find(|c| c.id == source)
        .ok_or(AppError::NotFound)?;
    let mut title: String = entry.text.split_whitespace().collect::<Vec<_>>().join(" ");
    if title.chars().count() > crate::model::meeting::TITLE_MAX {
        title = title
            .chars()
            .take(crate::model::meeting::TITLE_MAX - 1)
            .collect::<String>()
            + "…";
    }
    let fields = AgendaFields {
        title,
        kind: crate::model::ItemKind::Discuss,
        minutes: 10,
        owner_id: None,
        resolved_async: false,
        resolution: String::new(),
    };
    let id = AgendaItemId::new();
    let made = db::carried::to_agenda(
        &state.db,
        auth.id(),
        source,
        id,
        &fields,
        state.now(),
        ITEMS_MAX,
    )
    .await?;
    if !made {
        return Err(AppError::Conflict(
            "That is on the agenda already, or the agenda is full.".into(),
        ));
    }
    Ok(db::agenda::get(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?
        .1)
}

pub async fn add(
    state: &AppState,
    auth: &Authorized<Edit>,
    input: AgendaItemInput,
) -> Result<AgendaItem, AppError> {
    let position = input.position.map(clamp_position);
    let fields = input.into_new()?;
    check_owner(state, auth, fields.owner_id).await?;
    let id = AgendaItemId::new();
    let added = db::agenda::insert_within_limit(
        &state.db,
        auth.id(),
        id,
        &fields,
        position,
        state.now(),
        ITEMS_MAX,
    )
    .await?;
    if !added {
        return Err(AppError::validation(
            "agenda",
            format!("An agenda can have at most {ITEMS_MAX} items"),
        ));
    }
    Ok(db::agenda::get(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?
        .1)
}

/// Changes the fields sent, merged with the item as it is when written (one transaction);
/// with `if_match`, an item changed since the caller read it is left alone (412).
pub async fn update(
    state: &AppState,
    auth: &Authorized<Edit>,
    id: AgendaItemId,
    input: AgendaItemInput,
    if_match: IfMatch,
) -> Result<AgendaItem, AppError> {
    let position = input.position.map(clamp_position);
    if let Some(owner) = input.owner_id {
        check_owner(state, auth, owner).await?;
    }
    db::agenda::update(&state.db, auth.id(), id, position, state.now(), |current| {
        check_version(if_match, current.version)?;
        input.apply_to(AgendaFields {
            title: current.title.clone(),
            kind: current.kind,
            minutes: current.minutes,
            owner_id: current.owner_id,
            resolved_async: current.resolved_async,
            resolution: current.resolution.clone(),
        })
    })
    .await
}

/// Moves an item one place up (`-1`) or down (`+1`), as the reorder buttons do.
pub async fn step(
    state: &AppState,
    auth: &Authorized<Edit>,
    current: &AgendaItem,
    by: i64,
) -> Result<AgendaItem, AppError> {
    let target = (i64::from(current.position) + by).max(0);
    let input = AgendaItemInput {
        position: Some(target),
        ..Default::default()
    };
    update(state, auth, current.id, input, None).await
}

pub async fn remove(
    state: &AppState,
    auth: &Authorized<Edit>,
    id: AgendaItemId,
) -> Result<(), AppError> {
    db::agenda::delete(&state.db, auth.id(), id).await?;
    Ok(())
}

/// Loads an item and authorises `A` on its meeting.
pub async fn authorize_for<A: Permission>(
    state: &AppState,
    actor: &Actor,
    id: AgendaItemId,
) -> Result<(Authorized<A>, AgendaItem), AppError> {
    let found = db::agenda::get(&state.db, id);
    let (auth, (_, item)) = authorize_via(state, actor, found, |(m, _)| *m).await?;
    Ok((auth, item))
}

/// A position from the API, as a place in the list (negative means the top).
fn clamp_position(position: i64) -> u32 {
    u32::try_from(position.max(0)).unwrap_or(u32::MAX)
}

/// An owner must be one of the meeting's attendees.
async fn check_owner(
    state: &AppState,
    auth: &Authorized<Edit>,
    owner: Option<AttendeeId>,
) -> Result<(), AppError> {
    let Some(owner) = owner else {
        return Ok(());
    };
    match db::attendees::get(&state.db, owner).await? {
        Some(a) if a.meeting_id == auth.id() => Ok(()),
        _ => Err(AppError::validation(
            "owner_id",
            "The owner must be one of the meeting's attendees",
        )),
    }
}
