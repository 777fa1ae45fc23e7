//! Queries on `meetings`.

use super::{Db, get_time, get_u32, parse_text, time_text};
use crate::model::{Meeting, MeetingId, MeetingSummary};
use crate::ssr::ServerError;
use sqlx::Row;
use sqlx::any::AnyRow;

pub async fn insert(db: &Db, m: &Meeting) -> Result<(), ServerError> {
    let now = time_text(m.created_at);
    sqlx::query(
        "INSERT INTO meetings (id, title, purpose_kind, outcome, duration_minutes, time_zone, \
         status, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(m.id.to_string())
    .bind(&m.title)
    .bind(m.purpose_kind.as_str())
    .bind(&m.outcome)
    .bind(i64::from(m.duration_minutes))
    .bind(&m.time_zone)
    .bind(m.status.as_str())
    .bind(&now)
    .bind(&now)
    .execute(db.pool())
    .await?;
    Ok(())
}

pub async fn get(db: &Db, id: MeetingId) -> Result<Option<Meeting>, ServerError> {
    let row = sqlx::query(
        "SELECT id, title, purpose_kind, outcome, duration_minutes, time_zone, status, created_at \
         FROM meetings WHERE id = $1",
    )
    .bind(id.to_string())
    .fetch_optional(db.pool())
    .await?;
    row.as_ref().map(meeting_from_row).transpose()
}

/// Newest first.
pub async fn list(db: &Db) -> Result<Vec<MeetingSummary>, ServerError> {
    let rows = sqlx::query(
        "SELECT id, title, purpose_kind, status, created_at FROM meetings \
         ORDER BY created_at DESC, id DESC",
    )
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|row| {
            Ok(MeetingSummary {
                id: parse_text(row, "id")?,
                title: row.try_get("title")?,
                purpose_kind: parse_text(row, "purpose_kind")?,
                status: parse_text(row, "status")?,
                created_at: get_time(row, "created_at")?,
            })
        })
        .collect()
}

fn meeting_from_row(row: &AnyRow) -> Result<Meeting, ServerError> {
    Ok(Meeting {
        id: parse_text(row, "id")?,
        title: row.try_get("title")?,
        purpose_kind: parse_text(row, "purpose_kind")?,
        outcome: row.try_get("outcome")?,
        duration_minutes: get_u32(row, "duration_minutes")?,
        time_zone: row.try_get("time_zone")?,
        status: parse_text(row, "status")?,
        created_at: get_time(row, "created_at")?,
    })
}
