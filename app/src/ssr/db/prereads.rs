//! Queries on pre-reads, their versions, comments and reading.

use super::StoreError;
use super::{Db, get_u32, parse_text, time_text};
use crate::model::preread::{Block, SafeHtml};
use crate::model::{AttendeeId, MeetingId, PrereadId};
use crate::ssr::ServerError;
use jiff::Timestamp;
use sqlx::Row;
use sqlx::any::AnyRow;

/// The current version of a pre-read, as stored.
#[derive(Debug, Clone)]
pub struct PrereadRecord {
    pub id: PrereadId,
    pub meeting_id: MeetingId,
    pub required: bool,
    pub version: u32,
    pub title: String,
    pub markdown: String,
    pub html: SafeHtml,
    pub blocks: Vec<Block>,
    pub reading_minutes: u32,
}

/// A rendered version to store.
pub struct NewVersion<'a> {
    /// `None` keeps the title of the version before it, as read under the meeting's lock: a
    /// rename saved a moment earlier is not undone by a save of the body alone.
    pub title: Option<&'a str>,
    pub markdown: &'a str,
    pub html: &'a SafeHtml,
    pub blocks: &'a [Block],
    pub reading_minutes: u32,
}

fn blocks_json(blocks: &[Block]) -> String {
    // Stored with their HTML, so reading needs no rendering.
    let with_html: Vec<serde_json::Value> = blocks
        .iter()
        .map(|b| {
            serde_json::json!({"id": b.id, "kind": b.kind, "text": b.text, "html": b.html.as_str()})
        })
        .collect();
    serde_json::Value::Array(with_html).to_string()
}

/// Adds a pre-read (version 1) unless the meeting has `max` already; false when full.
pub async fn insert_within_limit(
    db: &Db,
    meeting: MeetingId,
    id: PrereadId,
    required: bool,
    v: &NewVersion<'_>,
    now: Timestamp,
    max: usize,
) -> Result<bool, StoreError> {
    let mut tx = db.begin_under(meeting).await?;
    let count: i64 = sqlx::query("SELECT COUNT(*) AS n FROM prereads WHERE meeting_id = $1")
        .bind(meeting.to_string())
        .fetch_one(&mut *tx)
        .await?
        .try_get("n")?;
    if count >= max as i64 {
        return Ok(false);
    }
    insert_in(&mut tx, meeting, id, required, v, now).await?;
    tx.commit().await?;
    Ok(true)
}

/// Inserts a pre-read (version 1) in the caller's transaction (no limit: the callers check it).
pub(super) async fn insert_in(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    meeting: MeetingId,
    id: PrereadId,
    required: bool,
    v: &NewVersion<'_>,
    now: Timestamp,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO prereads (id, meeting_id, required, version, created_at, updated_at) \
         VALUES ($1, $2, $3, 1, $4, $4)",
    )
    .bind(id.to_string())
    .bind(meeting.to_string())
    .bind(i64::from(required))
    .bind(time_text(now))
    .execute(&mut **tx)
    .await?;
    insert_version(tx, id, 1, v, now).await?;
    Ok(())
}

async fn insert_version(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    id: PrereadId,
    version: u32,
    v: &NewVersion<'_>,
    now: Timestamp,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO preread_versions (preread_id, version, title, markdown, html, blocks, \
         reading_minutes, created_at) SELECT $1, $2, COALESCE($3, (SELECT title FROM \
         preread_versions WHERE preread_id = $1 AND version = $2 - 1)), $4, $5, $6, $7, $8",
    )
    .bind(id.to_string())
    .bind(i64::from(version))
    .bind(v.title)
    .bind(v.markdown)
    .bind(v.html.as_str())
    .bind(blocks_json(v.blocks))
    .bind(i64::from(v.reading_minutes))
    .bind(time_text(now))
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Stores a new version and makes it current; returns its number, or `None` (nothing stored)
/// when the pre-read already has `max` versions. The version is taken by incrementing it under
/// the row's lock first, so concurrent saves each get their own number instead of colliding.
pub async fn add_version(
    db: &Db,
    meeting: MeetingId,
    id: PrereadId,
    required: Option<bool>,
    v: &NewVersion<'_>,
    now: Timestamp,
    max: u32,
) -> Result<Option<u32>, StoreError> {
    let mut tx = db.begin_under(meeting).await?;
    let next = sqlx::query(
        "UPDATE prereads SET version = version + 1, required = COALESCE($2, required), \
         updated_at = $3 WHERE id = $1 AND version < $4 RETURNING version",
    )
    .bind(id.to_string())
    .bind(required.map(i64::from))
    .bind(time_text(now))
    .bind(i64::from(max))
    .fetch_optional(&mut *tx)
    .await?;
    let Some(row) = next else {
        // Full, or gone: either way nothing was written.
        return Ok(None);
    };
    let next = get_u32(&row, "version")?;
    insert_version(&mut tx, id, next, v, now).await?;
    tx.commit().await?;
    Ok(Some(next))
}

const CURRENT: &str = "SELECT p.id, p.meeting_id, p.required, p.version, v.title, v.markdown, \
    v.html, v.blocks, v.reading_minutes FROM prereads p \
    JOIN preread_versions v ON v.preread_id = p.id AND v.version = p.version";

/// A pre-read as it read at `version` (a writer's answer shows what it stored, even when
/// another save has made a newer version since).
pub async fn get_version(
    db: &Db,
    id: PrereadId,
    version: u32,
) -> Result<Option<PrereadRecord>, StoreError> {
    let sql = "SELECT p.id, p.meeting_id, p.required, v.version, v.title, v.markdown, v.html, \
         v.blocks, v.reading_minutes FROM prereads p \
         JOIN preread_versions v ON v.preread_id = p.id WHERE p.id = $1 AND v.version = $2";
    let row = sqlx::query(sql)
        .bind(id.to_string())
        .bind(i64::from(version))
        .fetch_optional(db.pool())
        .await?;
    row.as_ref().map(record_from_row).transpose()
}

pub async fn get(db: &Db, id: PrereadId) -> Result<Option<PrereadRecord>, StoreError> {
    let row = sqlx::query(&format!("{CURRENT} WHERE p.id = $1"))
        .bind(id.to_string())
        .fetch_optional(db.pool())
        .await?;
    row.as_ref().map(record_from_row).transpose()
}

/// A meeting's pre-reads, current versions, in the order they were added (one query).
pub async fn list_for_meeting(
    db: &Db,
    meeting: MeetingId,
) -> Result<Vec<PrereadRecord>, StoreError> {
    list_for_meetings(db, &[meeting]).await
}

/// The pre-reads of these meetings, current versions (one query).
pub async fn list_for_meetings(
    db: &Db,
    meetings: &[MeetingId],
) -> Result<Vec<PrereadRecord>, StoreError> {
    let sql = format!("{CURRENT} WHERE p.meeting_id IN ({{ids}}) ORDER BY p.created_at, p.id");
    let rows = super::fetch_for_meetings(db, &sql, meetings).await?;
    rows.iter().map(record_from_row).collect()
}

fn record_from_row(row: &AnyRow) -> Result<PrereadRecord, StoreError> {
    let blocks: String = row.try_get("blocks")?;
    let raw: Vec<serde_json::Value> =
        serde_json::from_str(&blocks).map_err(|_| ServerError::corrupt("blocks"))?;
    let blocks = raw
        .into_iter()
        .map(|b| Block {
            id: b["id"].as_str().unwrap_or_default().to_owned(),
            kind: b["kind"].as_str().unwrap_or_default().to_owned(),
            text: b["text"].as_str().unwrap_or_default().to_owned(),
            html: SafeHtml::from_sanitized(b["html"].as_str().unwrap_or_default().to_owned()),
        })
        .collect();
    Ok(PrereadRecord {
        id: parse_text(row, "id")?,
        meeting_id: parse_text(row, "meeting_id")?,
        required: row.try_get::<i64, _>("required")? != 0,
        version: get_u32(row, "version")?,
        title: row.try_get("title")?,
        markdown: row.try_get("markdown")?,
        html: SafeHtml::from_sanitized(row.try_get("html")?),
        blocks,
        reading_minutes: get_u32(row, "reading_minutes")?,
    })
}

/// Who has read which of a meeting's pre-reads (one query).
pub async fn reads_for_meeting(
    db: &Db,
    meeting: MeetingId,
) -> Result<Vec<(AttendeeId, PrereadId)>, StoreError> {
    reads_for_meetings(db, &[meeting]).await
}

/// Who has read which pre-read, across these meetings (one query).
pub async fn reads_for_meetings(
    db: &Db,
    meetings: &[MeetingId],
) -> Result<Vec<(AttendeeId, PrereadId)>, StoreError> {
    let sql = "SELECT r.attendee_id, r.preread_id FROM preread_reads r \
         JOIN prereads p ON p.id = r.preread_id WHERE p.meeting_id IN ({ids})";
    let rows = super::fetch_for_meetings(db, sql, meetings).await?;
    rows.iter()
        .map(|r| Ok((parse_text(r, "attendee_id")?, parse_text(r, "preread_id")?)))
        .collect()
}
