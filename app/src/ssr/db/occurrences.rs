//! Queries on a series' occurrences: the meetings it made, as the series and its scheduler see
//! them (what to circulate, who already has the series' calendar entry).

use super::{Db, StoreError, get_time, parse_text, time_text};
use crate::model::{MeetingId, MeetingStatus, SeriesId};
use jiff::Timestamp;
use jiff::civil::Date;
use sqlx::Row;

/// One occurrence as its series sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct OccurrenceRow {
    pub meeting_id: MeetingId,
    pub date: Date,
    pub original_start: Timestamp,
    pub starts_at: Option<Timestamp>,
    pub duration_minutes: u32,
    pub title: String,
    pub status: MeetingStatus,
    pub auto_circulate_at: Option<Timestamp>,
}

/// Every occurrence of a series, the latest date first.
pub async fn occurrences(db: &Db, id: SeriesId) -> Result<Vec<OccurrenceRow>, StoreError> {
    Ok(occurrences_of(db, &[id])
        .await?
        .into_iter()
        .map(|(_, o)| o)
        .collect())
}

/// Every occurrence of these series (one query), by series, the latest date first.
pub async fn occurrences_of(
    db: &Db,
    ids: &[SeriesId],
) -> Result<Vec<(SeriesId, OccurrenceRow)>, StoreError> {
    let rows = super::fetch_for_ids(
        db,
        "SELECT series_id, id, occurrence_date, occurrence_start, starts_at, duration_minutes, \
         title, status, auto_circulate_at FROM meetings WHERE series_id IN ({ids}) \
         ORDER BY occurrence_date DESC",
        ids,
    )
    .await?;
    rows.iter()
        .map(|r| {
            Ok((
                parse_text(r, "series_id")?,
                OccurrenceRow {
                    meeting_id: parse_text(r, "id")?,
                    date: parse_text(r, "occurrence_date")?,
                    original_start: get_time(r, "occurrence_start")?,
                    starts_at: super::optional_time(r, "starts_at")?,
                    duration_minutes: super::get_u32(r, "duration_minutes")?,
                    title: r.try_get("title")?,
                    status: parse_text(r, "status")?,
                    auto_circulate_at: super::optional_time(r, "auto_circulate_at")?,
                },
            ))
        })
        .collect()
}

/// Occurrences the scheduler should circulate by `now`.
pub async fn circulations_due(
    db: &Db,
    now: Timestamp,
    limit: u32,
) -> Result<Vec<MeetingId>, StoreError> {
    let rows = sqlx::query(&format!(
        "SELECT id FROM meetings WHERE auto_circulate_at IS NOT NULL AND auto_circulate_at <= $1 \
         ORDER BY auto_circulate_at LIMIT {limit}"
    ))
    .bind(time_text(now))
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|r| parse_text(r, "id").map_err(StoreError::from))
        .collect()
}

/// The scheduler has tried to circulate it: it does not try again.
pub async fn circulation_tried(db: &Db, meeting: MeetingId) -> Result<(), StoreError> {
    sqlx::query("UPDATE meetings SET auto_circulate_at = NULL WHERE id = $1")
        .bind(meeting.to_string())
        .execute(db.pool())
        .await?;
    Ok(())
}

/// The addresses on earlier occurrences of a series than `before`: people who already have the
/// series' calendar entry.
pub async fn earlier_addresses(
    db: &Db,
    id: SeriesId,
    before: Date,
) -> Result<Vec<String>, StoreError> {
    let rows = sqlx::query(
        "SELECT DISTINCT a.email_key FROM attendees a JOIN meetings m ON m.id = a.meeting_id \
         WHERE m.series_id = $1 AND m.occurrence_date < $2 AND m.circulated_at IS NOT NULL",
    )
    .bind(id.to_string())
    .bind(before.to_string())
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|r| r.try_get("email_key").map_err(StoreError::from))
        .collect()
}
