//! Queries on `agenda_items`. Positions stay dense (0..n) after every write, inside the write
//! transaction that changed them.

use super::StoreError;
use super::{Db, get_u32, parse_text, time_text};
use crate::model::agenda::AgendaFields;
use crate::model::{AgendaItem, AgendaItemId, MeetingId};
use crate::ssr::ServerError;
use jiff::Timestamp;
use sqlx::any::AnyRow;
use sqlx::{Any, Row, Transaction};

const COLUMNS: &str = "id, meeting_id, title, kind, minutes, owner_id, position, resolved_async, \
    resolution, version";

/// Adds an item at `position` (the end when absent, clamped to it), unless the agenda already
/// holds `max`: false when it is full. One transaction, so the item never shows at the end
/// first.
pub async fn insert_within_limit(
    db: &Db,
    meeting: MeetingId,
    id: AgendaItemId,
    f: &AgendaFields,
    position: Option<u32>,
    now: Timestamp,
    max: usize,
) -> Result<bool, StoreError> {
    let mut tx = db.begin_under(meeting).await?;
    let count: i64 = sqlx::query("SELECT COUNT(*) AS n FROM agenda_items WHERE meeting_id = $1")
        .bind(meeting.to_string())
        .fetch_one(&mut *tx)
        .await?
        .try_get("n")?;
    if count >= max as i64 {
        return Ok(false);
    }
    insert_in(&mut tx, meeting, id, f, count, now).await?;
    if let Some(position) = position {
        move_to(&mut tx, meeting, id, position).await?;
    }
    tx.commit().await?;
    Ok(true)
}

/// Inserts one item at `position` in the caller's transaction (no limit: the callers check it).
pub(super) async fn insert_in(
    tx: &mut Transaction<'static, Any>,
    meeting: MeetingId,
    id: AgendaItemId,
    f: &AgendaFields,
    position: i64,
    now: Timestamp,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO agenda_items (id, meeting_id, title, kind, minutes, owner_id, position, \
         resolved_async, resolution, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10)",
    )
    .bind(id.to_string())
    .bind(meeting.to_string())
    .bind(&f.title)
    .bind(f.kind.as_str())
    .bind(i64::from(f.minutes))
    .bind(f.owner_id.map(|o| o.to_string()))
    .bind(position)
    .bind(i64::from(f.resolved_async))
    .bind(&f.resolution)
    .bind(time_text(now))
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Reads the item under its meeting's lock, lets `merge` compute the new fields (or refuse),
/// writes them with the next version and, when `position` is given, moves the item there
/// (clamped to the end): one write transaction.
pub async fn update<E>(
    db: &Db,
    meeting: MeetingId,
    id: AgendaItemId,
    position: Option<u32>,
    now: Timestamp,
    merge: impl FnOnce(&AgendaItem) -> Result<AgendaFields, E>,
) -> Result<AgendaItem, E>
where
    E: From<StoreError>,
{
    let sql = format!("SELECT {COLUMNS} FROM agenda_items WHERE id = $1 AND meeting_id = $2");
    let (mut tx, row) = super::begin_with_row(db, meeting, &sql, id.to_string()).await?;
    let current = item_from_row(&row)?;
    let f = merge(&current)?;
    sqlx::query(
        "UPDATE agenda_items SET title = $2, kind = $3, minutes = $4, owner_id = $5, \
         resolved_async = $6, resolution = $7, updated_at = $8, version = version + 1 \
         WHERE id = $1",
    )
    .bind(id.to_string())
    .bind(&f.title)
    .bind(f.kind.as_str())
    .bind(i64::from(f.minutes))
    .bind(f.owner_id.map(|o| o.to_string()))
    .bind(i64::from(f.resolved_async))
    .bind(&f.resolution)
    .bind(time_text(now))
    .execute(&mut *tx)
    .await
    .map_err(StoreError::from)?;
    if let Some(position) = position {
        move_to(&mut tx, meeting, id, position).await?;
    }
    let row = sqlx::query(&format!("SELECT {COLUMNS} FROM agenda_items WHERE id = $1"))
        .bind(id.to_string())
        .fetch_one(&mut *tx)
        .await
        .map_err(StoreError::from)?;
    let updated = item_from_row(&row)?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok(updated)
}

/// Puts an item at `position` (clamped to the end) and renumbers the rest.
async fn move_to(
    tx: &mut Transaction<'static, Any>,
    meeting: MeetingId,
    id: AgendaItemId,
    position: u32,
) -> Result<(), StoreError> {
    let mut order = ordered_ids(tx, meeting).await?;
    order.retain(|other| *other != id.to_string());
    let at = (position as usize).min(order.len());
    order.insert(at, id.to_string());
    renumber(tx, &order).await
}

pub async fn delete(db: &Db, meeting: MeetingId, id: AgendaItemId) -> Result<(), StoreError> {
    let mut tx = db.begin_under(meeting).await?;
    sqlx::query("DELETE FROM agenda_items WHERE id = $1 AND meeting_id = $2")
        .bind(id.to_string())
        .bind(meeting.to_string())
        .execute(&mut *tx)
        .await?;
    let order = ordered_ids(&mut tx, meeting).await?;
    renumber(&mut tx, &order).await?;
    tx.commit().await?;
    Ok(())
}

async fn ordered_ids(
    tx: &mut Transaction<'static, Any>,
    meeting: MeetingId,
) -> Result<Vec<String>, StoreError> {
    let rows = sqlx::query(
        "SELECT id FROM agenda_items WHERE meeting_id = $1 ORDER BY position, created_at, id",
    )
    .bind(meeting.to_string())
    .fetch_all(&mut **tx)
    .await?;
    rows.iter()
        .map(|r| r.try_get::<String, _>("id").map_err(StoreError::from))
        .collect()
}

/// Makes a meeting's positions dense again after items left it (inside the caller's transaction).
pub(super) async fn renumber_all(
    tx: &mut Transaction<'static, Any>,
    meeting: MeetingId,
) -> Result<(), StoreError> {
    let order = ordered_ids(tx, meeting).await?;
    renumber(tx, &order).await
}

/// Gives each item its index as position (at most 100 rows, inside the caller's transaction).
async fn renumber(tx: &mut Transaction<'static, Any>, order: &[String]) -> Result<(), StoreError> {
    for (position, id) in order.iter().enumerate() {
        sqlx::query("UPDATE agenda_items SET position = $2 WHERE id = $1 AND position <> $2")
            .bind(id)
            .bind(position as i64)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

pub async fn get(db: &Db, id: AgendaItemId) -> Result<Option<(MeetingId, AgendaItem)>, StoreError> {
    let row = sqlx::query(&format!("SELECT {COLUMNS} FROM agenda_items WHERE id = $1"))
        .bind(id.to_string())
        .fetch_optional(db.pool())
        .await?;
    row.map(|row| Ok((parse_text(&row, "meeting_id")?, item_from_row(&row)?)))
        .transpose()
}

pub async fn list_for_meeting(db: &Db, meeting: MeetingId) -> Result<Vec<AgendaItem>, StoreError> {
    let items = list_for_meetings(db, &[meeting]).await?;
    Ok(items.into_iter().map(|(_, item)| item).collect())
}

/// The agendas of these meetings, each in order, with the meeting each item belongs to.
pub async fn list_for_meetings(
    db: &Db,
    meetings: &[MeetingId],
) -> Result<Vec<(MeetingId, AgendaItem)>, StoreError> {
    let sql = format!(
        "SELECT {COLUMNS} FROM agenda_items WHERE meeting_id IN ({{ids}}) \
         ORDER BY position, created_at, id"
    );
    let rows = super::fetch_for_meetings(db, &sql, meetings).await?;
    rows.iter()
        .map(|r| Ok((parse_text(r, "meeting_id")?, item_from_row(r)?)))
        .collect()
}

fn item_from_row(row: &AnyRow) -> Result<AgendaItem, StoreError> {
    let owner: Option<String> = row.try_get("owner_id")?;
    Ok(AgendaItem {
        id: parse_text(row, "id")?,
        title: row.try_get("title")?,
        kind: parse_text(row, "kind")?,
        minutes: get_u32(row, "minutes")?,
        owner_id: owner
            .map(|o| o.parse())
            .transpose()
            .map_err(|_| ServerError::corrupt("owner_id"))?,
        position: get_u32(row, "position")?,
        resolved_async: row.try_get::<i64, _>("resolved_async")? != 0,
        resolution: row.try_get("resolution")?,
        version: row.try_get::<i64, _>("version")?.max(0) as u64,
    })
}
