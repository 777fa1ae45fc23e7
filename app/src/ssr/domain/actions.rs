//! Action items (API.md, "Action items and feedback"): the organizer adds them once the meeting
//! circulates (or with the decision), changes and removes them; the owner, from their personal
//! link, may only mark theirs done. Each change is one transaction with its webhook event.

use crate::error::AppError;
use crate::model::action::{ACTIONS_MAX, ActionFields, ActionInput, ActionItem};
use crate::model::delivery::WebhookEvent;
use crate::model::{ActionId, MeetingStatus};
use crate::ssr::auth::Actor;
use crate::ssr::notify::webhooks;
use crate::ssr::policy::access::{Authorized, Edit, Read, Viewer, authorize_via};
use crate::ssr::runtime::limits::WriterKey;
use crate::ssr::{AppState, db};

/// The event an item's change causes, with the item as the API shows it.
fn event(
    auth_meeting: &db::meetings::MeetingRecord,
    kind: WebhookEvent,
    item: &ActionItem,
    now: jiff::Timestamp,
) -> db::webhooks::NewEvent {
    webhooks::event(
        auth_meeting,
        kind,
        serde_json::json!({ "action": item }),
        format!("{}:{}:{}", kind.as_str(), item.id, now.as_microsecond()),
        now,
    )
}

/// The owner must be a person on the meeting.
async fn check_owner(
    state: &AppState,
    auth_meeting: crate::model::MeetingId,
    f: &ActionFields,
) -> Result<(), AppError> {
    if db::actions::is_person_of(&state.db, auth_meeting, f.owner_id).await? {
        Ok(())
    } else {
        Err(AppError::validation(
            "owner_id",
            "Choose someone on this meeting",
        ))
    }
}

pub async fn add(
    state: &AppState,
    auth: &Authorized<Edit>,
    input: ActionInput,
) -> Result<ActionItem, AppError> {
    if auth.meeting().status == MeetingStatus::Draft {
        return Err(AppError::Conflict(
            "Action items come once the meeting circulates.".into(),
        ));
    }
    let fields = input.into_new()?;
    check_owner(state, auth.id(), &fields).await?;
    let id = ActionId::new();
    let now = state.now();
    let owner = db::attendees::get(&state.db, fields.owner_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let item = ActionItem {
        id,
        meeting_id: auth.id(),
        title: fields.title.clone(),
        owner: crate::model::action::ActionOwner {
            id: owner.id,
            name: owner.fields.name,
        },
        due_on: fields.due_on,
        note: fields.note.clone(),
        done: false,
        done_at: None,
    };
    let events = [event(
        auth.meeting(),
        WebhookEvent::ActionCreated,
        &item,
        now,
    )];
    let added = db::actions::insert_within_limit(
        &state.db,
        auth.id(),
        id,
        &fields,
        now,
        ACTIONS_MAX,
        &events,
    )
    .await?;
    if !added {
        return Err(AppError::validation(
            "actions",
            format!("A meeting can have at most {ACTIONS_MAX} action items"),
        ));
    }
    state.outbox.notify_one();
    db::actions::get(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)
}

pub async fn list<A>(state: &AppState, auth: &Authorized<A>) -> Result<Vec<ActionItem>, AppError> {
    Ok(db::actions::list_for_meeting(&state.db, auth.id()).await?)
}

/// A page of the meeting's items, oldest first (API.md, "Lists are pages").
pub async fn list_page<A>(
    state: &AppState,
    auth: &Authorized<A>,
    cursor: Option<&str>,
    limit: Option<u32>,
) -> Result<(Vec<ActionItem>, Option<String>), AppError> {
    use crate::ssr::domain::paging;
    let after = paging::stored_after(cursor)?;
    let (page, end) =
        db::actions::page_for_meeting(&state.db, auth.id(), after, paging::size(limit)).await?;
    let next = paging::next_from_stored(end);
    Ok((page, next))
}

/// The item and who may change what of it: its meeting's organizers anything, its owner (by
/// their link) only `done`; everyone else who may read the meeting nothing (403).
async fn authorize_item(
    state: &AppState,
    actor: &Actor,
    id: ActionId,
) -> Result<(Authorized<Read>, ActionItem), AppError> {
    authorize_via::<Read, _>(state, actor, db::actions::get(&state.db, id), |i| {
        i.meeting_id
    })
    .await
}

pub async fn update(
    state: &AppState,
    actor: &Actor,
    id: ActionId,
    input: ActionInput,
) -> Result<ActionItem, AppError> {
    let (auth, item) = authorize_item(state, actor, id).await?;
    match auth.viewer() {
        Viewer::Organizer(_) => {}
        Viewer::Attendee(a) if a == item.owner.id && !input.changes_more_than_done() => {}
        _ => return Err(AppError::Forbidden),
    }
    state.limits.check_write(WriterKey::from(auth.viewer()))?;
    if let Some(owner) = input.owner_id {
        check_owner(
            state,
            item.meeting_id,
            &ActionFields {
                title: String::new(),
                owner_id: owner,
                due_on: item.due_on,
                note: String::new(),
            },
        )
        .await?;
    }
    let now = state.now();
    let meeting = auth.meeting().clone();
    let updated = db::actions::update(&state.db, item.meeting_id, id, now, |current| {
        let fields = ActionFields {
            title: current.title.clone(),
            owner_id: current.owner.id,
            due_on: current.due_on,
            note: current.note.clone(),
        };
        let done = input.done.unwrap_or(current.done);
        let fields = input.clone().apply_to(fields)?;
        let mut events = Vec::new();
        if done && !current.done {
            let mut shown = current.clone();
            shown.done = true;
            shown.done_at = Some(now);
            events.push(event(&meeting, WebhookEvent::ActionDone, &shown, now));
        }
        Ok::<_, AppError>((fields, done, events))
    })
    .await?;
    state.outbox.notify_one();
    Ok(updated)
}

pub async fn delete(state: &AppState, actor: &Actor, id: ActionId) -> Result<(), AppError> {
    let (auth, item) = authorize_item(state, actor, id).await?;
    if !matches!(auth.viewer(), Viewer::Organizer(_)) {
        return Err(AppError::Forbidden);
    }
    state.limits.check_write(WriterKey::from(auth.viewer()))?;
    db::actions::delete(&state.db, item.meeting_id, id).await?;
    Ok(())
}
