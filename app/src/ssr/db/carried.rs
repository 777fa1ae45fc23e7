//! Queries on `carried_over`: what an occurrence carries from the ones before it (written with
//! the occurrence, in `super::series`), and the agenda item the organizer makes of an entry.

use super::{Db, StoreError, parse_text};
use crate::model::agenda::AgendaFields;
use crate::model::series::{CarriedKind, CarriedOver};
use crate::model::{AgendaItemId, MeetingId};
use jiff::Timestamp;
use sqlx::Row;

/// What these meetings carry over, each meeting's in its order.
pub async fn for_meetings(
    db: &Db,
    ids: &[MeetingId],
) -> Result<Vec<(MeetingId, CarriedOver)>, StoreError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let places: Vec<String> = (1..=ids.len()).map(|i| format!("${i}")).collect();
    let sql = format!(
        "SELECT meeting_id, kind, source_id, text, thread_kind, from_meeting_id, from_date, \
         link, agenda_item_id FROM carried_over WHERE meeting_id IN ({}) ORDER BY meeting_id, position",
        places.join(", ")
    );
    let mut query = sqlx::query(&sql);
    for id in ids {
        query = query.bind(id.to_string());
    }
    let rows = query.fetch_all(db.pool()).await?;
    rows.iter()
        .map(|r| {
            let thread_kind: Option<String> = r.try_get("thread_kind")?;
            let item: Option<String> = r.try_get("agenda_item_id")?;
            Ok((
                parse_text(r, "meeting_id")?,
                CarriedOver {
                    kind: parse_text::<CarriedKind>(r, "kind")?,
                    id: parse_text(r, "source_id")?,
                    text: r.try_get("text")?,
                    thread_kind: thread_kind.and_then(|k| k.parse().ok()),
                    from_meeting_id: parse_text(r, "from_meeting_id")?,
                    from_date: parse_text(r, "from_date")?,
                    link: r.try_get("link")?,
                    agenda_item_id: item.and_then(|i| i.parse().ok()),
                },
            ))
        })
        .collect()
}

/// Makes an agenda item of a carried-over entry, once: the item and the link to it are
/// written together under the meeting's lock. False when the entry is not there or already has
/// its item (nothing changed).
pub async fn to_agenda(
    db: &Db,
    meeting: MeetingId,
    source: uuid::Uuid,
    item: AgendaItemId,
    fields: &AgendaFields,
    now: Timestamp,
    max: usize,
) -> Result<bool, StoreError> {
    let mut tx = db.begin_under(meeting).await?;
    let linked = sqlx::query(
        "UPDATE carried_over SET agenda_item_id = $3 WHERE meeting_id = $1 AND source_id = $2 \
         AND agenda_item_id IS NULL",
    )
    .bind(meeting.to_string())
    .bind(source.to_string())
    .bind(item.to_string())
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if linked == 0 {
        return Ok(false);
    }
    let count: i64 = sqlx::query("SELECT COUNT(*) AS n FROM agenda_items WHERE meeting_id = $1")
        .bind(meeting.to_string())
        .fetch_one(&mut *tx)
        .await?
        .try_get("n")?;
    if count >= max as i64 {
        return Ok(false);
    }
    super::agenda::insert_in(&mut tx, meeting, item, fields, count, now).await?;
    tx.commit().await?;
    Ok(true)
}
