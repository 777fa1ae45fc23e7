//! Queries on `action_items`. Each write takes its meeting's lock and queues its webhook events
//! in the same transaction.

use super::webhooks::NewEvent;
use super::{Db, StoreError, optional_time, parse_text, time_text};
use crate::model::action::{ActionFields, ActionItem, ActionOwner};
use crate::model::{ActionId, AttendeeId, MeetingId};
use jiff::Timestamp;
use jiff::civil::Date;
use sqlx::Row;
use sqlx::any::AnyRow;

const SELECTED: &str = "i.id, i.meeting_id, i.title, i.owner_id, a.name AS owner_name, i.due_on, \
    i.note, i.done, i.done_at";
const FROM: &str = "FROM action_items i JOIN attendees a ON a.id = i.owner_id";

fn item_from_row(row: &AnyRow) -> Result<ActionItem, StoreError> {
    Ok(ActionItem {
        id: parse_text(row, "id")?,
        meeting_id: parse_text(row, "meeting_id")?,
        title: row.try_get("title")?,
        owner: ActionOwner {
            id: parse_text(row, "owner_id")?,
            name: row.try_get("owner_name")?,
        },
        due_on: parse_text(row, "due_on")?,
        note: row.try_get("note")?,
        done: row.try_get::<i64, _>("done")? != 0,
        done_at: optional_time(row, "done_at")?,
    })
}

/// Adds an item unless the meeting holds `max` already (false then, nothing changed); its
/// `action.created` events go in the same transaction.
pub async fn insert_within_limit(
    db: &Db,
    meeting: MeetingId,
    id: ActionId,
    f: &ActionFields,
    now: Timestamp,
    max: usize,
    events: &[NewEvent],
) -> Result<bool, StoreError> {
    let mut tx = db.begin_under(meeting).await?;
    let count: i64 = sqlx::query("SELECT COUNT(*) AS n FROM action_items WHERE meeting_id = $1")
        .bind(meeting.to_string())
        .fetch_one(&mut *tx)
        .await?
        .try_get("n")?;
    if count >= max as i64 {
        return Ok(false);
    }
    insert_in(&mut tx, meeting, id, f, now).await?;
    super::webhooks::queue_in(&mut tx, events, now).await?;
    tx.commit().await?;
    Ok(true)
}

/// Inserts one item in the caller's transaction (a decision writes its items with it).
pub(super) async fn insert_in(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    meeting: MeetingId,
    id: ActionId,
    f: &ActionFields,
    now: Timestamp,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO action_items (id, meeting_id, title, owner_id, due_on, note, done, \
         created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, 0, $7, $7)",
    )
    .bind(id.to_string())
    .bind(meeting.to_string())
    .bind(&f.title)
    .bind(f.owner_id.to_string())
    .bind(f.due_on.to_string())
    .bind(&f.note)
    .bind(time_text(now))
    .execute(&mut **tx)
    .await?;
    Ok(())
}

pub async fn get(db: &Db, id: ActionId) -> Result<Option<ActionItem>, StoreError> {
    let row = sqlx::query(&format!("SELECT {SELECTED} {FROM} WHERE i.id = $1"))
        .bind(id.to_string())
        .fetch_optional(db.pool())
        .await?;
    row.as_ref().map(item_from_row).transpose()
}

/// A meeting's items, oldest first.
pub async fn list_for_meeting(db: &Db, meeting: MeetingId) -> Result<Vec<ActionItem>, StoreError> {
    let rows = sqlx::query(&format!(
        "SELECT {SELECTED} {FROM} WHERE i.meeting_id = $1 ORDER BY i.created_at, i.id"
    ))
    .bind(meeting.to_string())
    .fetch_all(db.pool())
    .await?;
    rows.iter().map(item_from_row).collect()
}

/// One page of a meeting's items, oldest first, after `after` (the last item's `created_at`
/// and id): the page and, when more follow, where it ended.
pub async fn page_for_meeting(
    db: &Db,
    meeting: MeetingId,
    after: Option<(String, uuid::Uuid)>,
    limit: u32,
) -> Result<(Vec<ActionItem>, Option<(String, uuid::Uuid)>), StoreError> {
    let (filter, at, id) = super::created_after("i.", &after);
    let rows = sqlx::query(&format!(
        "SELECT {SELECTED}, i.created_at {FROM} WHERE i.meeting_id = $1 {filter} \
         ORDER BY i.created_at, i.id LIMIT {}",
        limit + 1
    ))
    .bind(meeting.to_string())
    .bind(at)
    .bind(id)
    .fetch_all(db.pool())
    .await?;
    let more = rows.len() > limit as usize;
    let mut page = Vec::new();
    let mut last = None;
    for r in rows.iter().take(limit as usize) {
        let item = item_from_row(r)?;
        last = Some((r.try_get::<String, _>("created_at")?, item.id.0));
        page.push(item);
    }
    Ok((page, if more { last } else { None }))
}

/// Reads the item under its meeting's lock, lets `merge` compute its new fields and done state
/// (or refuse), and writes them with its events: one transaction.
pub async fn update<E>(
    db: &Db,
    meeting: MeetingId,
    id: ActionId,
    now: Timestamp,
    merge: impl FnOnce(&ActionItem) -> Result<(ActionFields, bool, Vec<NewEvent>), E>,
) -> Result<ActionItem, E>
where
    E: From<StoreError>,
{
    let mut tx = db.begin_under(meeting).await?;
    let row = sqlx::query(&format!("SELECT {SELECTED} {FROM} WHERE i.id = $1"))
        .bind(id.to_string())
        .fetch_optional(&mut *tx)
        .await
        .map_err(StoreError::from)?
        .ok_or(StoreError::NotFound)?;
    let current = item_from_row(&row)?;
    let (f, done, events) = merge(&current)?;
    let done_at = match (current.done, done) {
        (false, true) => Some(now),
        (true, true) => current.done_at,
        (_, false) => None,
    };
    sqlx::query(
        "UPDATE action_items SET title = $2, owner_id = $3, due_on = $4, note = $5, done = $6, \
         done_at = $7, updated_at = $8 WHERE id = $1",
    )
    .bind(id.to_string())
    .bind(&f.title)
    .bind(f.owner_id.to_string())
    .bind(f.due_on.to_string())
    .bind(&f.note)
    .bind(i64::from(done))
    .bind(done_at.map(time_text))
    .bind(time_text(now))
    .execute(&mut *tx)
    .await
    .map_err(StoreError::from)?;
    super::webhooks::queue_in(&mut tx, &events, now).await?;
    let row = sqlx::query(&format!("SELECT {SELECTED} {FROM} WHERE i.id = $1"))
        .bind(id.to_string())
        .fetch_one(&mut *tx)
        .await
        .map_err(StoreError::from)?;
    let updated = item_from_row(&row)?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok(updated)
}

pub async fn delete(db: &Db, meeting: MeetingId, id: ActionId) -> Result<(), StoreError> {
    let mut tx = db.begin_under(meeting).await?;
    sqlx::query("DELETE FROM action_items WHERE id = $1 AND meeting_id = $2")
        .bind(id.to_string())
        .bind(meeting.to_string())
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// Which of these items are still open (one query; a deleted one is not).
pub async fn open_among(db: &Db, ids: &[ActionId]) -> Result<Vec<ActionId>, StoreError> {
    let rows = super::fetch_for_ids(
        db,
        "SELECT id FROM action_items WHERE done = 0 AND id IN ({ids})",
        ids,
    )
    .await?;
    rows.iter().map(|r| Ok(parse_text(r, "id")?)).collect()
}

/// Open items due between `from` and `to` (inclusive) whose reminder is not queued yet: the
/// scheduler looks every few seconds, and a queued one is never composed again.
pub async fn open_due_between(
    db: &Db,
    from: Date,
    to: Date,
) -> Result<Vec<ActionItem>, StoreError> {
    let rows = sqlx::query(&format!(
        "SELECT {SELECTED} {FROM} WHERE i.done = 0 AND i.due_on >= $1 AND i.due_on <= $2 \
         AND NOT EXISTS (SELECT 1 FROM deliveries d \
             WHERE d.dedup_key = 'action_reminder:' || i.id) \
         ORDER BY i.due_on, i.id"
    ))
    .bind(from.to_string())
    .bind(to.to_string())
    .fetch_all(db.pool())
    .await?;
    rows.iter().map(item_from_row).collect()
}

/// Whether `attendee` is a person on `meeting` (an item's owner must be).
pub async fn is_person_of(
    db: &Db,
    meeting: MeetingId,
    attendee: AttendeeId,
) -> Result<bool, StoreError> {
    let n: i64 =
        sqlx::query("SELECT COUNT(*) AS n FROM attendees WHERE id = $1 AND meeting_id = $2")
            .bind(attendee.to_string())
            .bind(meeting.to_string())
            .fetch_one(db.pool())
            .await?
            .try_get("n")?;
    Ok(n > 0)
}
