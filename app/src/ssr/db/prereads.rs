//! Queries on pre-reads, their versions, comments and reading.

use super::StoreError;
use super::{Db, get_time, get_u32, lock_meeting, parse_text, time_text};
use crate::model::preread::{Block, SafeHtml};
use crate::model::{AttendeeId, MeetingId, PrereadId, UserId};
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
    pub title: &'a str,
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
    let mut tx = db.begin_write().await?;
    lock_meeting(&mut tx, meeting).await?;
    let count: i64 = sqlx::query("SELECT COUNT(*) AS n FROM prereads WHERE meeting_id = $1")
        .bind(meeting.to_string())
        .fetch_one(&mut *tx)
        .await?
        .try_get("n")?;
    if count >= max as i64 {
        return Ok(false);
    }
    sqlx::query(
        "INSERT INTO prereads (id, meeting_id, required, version, created_at, updated_at) \
         VALUES ($1, $2, $3, 1, $4, $4)",
    )
    .bind(id.to_string())
    .bind(meeting.to_string())
    .bind(i64::from(required))
    .bind(time_text(now))
    .execute(&mut *tx)
    .await?;
    insert_version(&mut tx, id, 1, v, now).await?;
    tx.commit().await?;
    Ok(true)
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
         reading_minutes, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
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
    id: PrereadId,
    required: Option<bool>,
    v: &NewVersion<'_>,
    now: Timestamp,
    max: u32,
) -> Result<Option<u32>, StoreError> {
    let mut tx = db.begin_write().await?;
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

/// A comment as stored.
#[derive(Debug, Clone)]
pub struct CommentRecord {
    pub id: crate::model::CommentId,
    pub preread_id: PrereadId,
    pub block_id: Option<String>,
    pub quote: String,
    pub kind: crate::model::CommentKind,
    pub body: String,
    pub parent_id: Option<crate::model::CommentId>,
    pub author_attendee_id: Option<AttendeeId>,
    pub author_user_id: Option<UserId>,
    pub author_name: String,
    pub anonymous: bool,
    pub resolved: bool,
    pub version: u32,
    pub created_at: Timestamp,
}

/// Whose comments a limit counts.
#[derive(Debug, Clone, Copy)]
pub enum CommentQuota {
    /// One author's comments on the pre-read.
    Author {
        attendee: Option<AttendeeId>,
        user: Option<UserId>,
    },
    /// Anonymous comments carry no author, so they are bounded together on the pre-read.
    Anonymous,
}

/// Adds a comment unless `quota` already counts `max` on its pre-read; false when full.
pub async fn insert_comment_within_limit(
    db: &Db,
    c: &CommentRecord,
    meeting: MeetingId,
    quota: CommentQuota,
    max: usize,
    alerts: &[super::deliveries::NewDelivery],
    events: &[super::webhooks::NewEvent],
) -> Result<bool, StoreError> {
    let mut tx = db.begin_write().await?;
    lock_meeting(&mut tx, meeting).await?;
    let count = match quota {
        CommentQuota::Author { attendee, user } => sqlx::query(
            "SELECT COUNT(*) AS n FROM comments WHERE preread_id = $1 \
             AND (author_attendee_id = $2 OR author_user_id = $3)",
        )
        .bind(c.preread_id.to_string())
        .bind(attendee.map(|a| a.to_string()))
        .bind(user.map(|u| u.to_string())),
        CommentQuota::Anonymous => sqlx::query(
            "SELECT COUNT(*) AS n FROM comments WHERE preread_id = $1 AND anonymous = 1",
        )
        .bind(c.preread_id.to_string()),
    };
    let count: i64 = count.fetch_one(&mut *tx).await?.try_get("n")?;
    if count >= max as i64 {
        return Ok(false);
    }
    sqlx::query(
        "INSERT INTO comments (id, preread_id, block_id, quote, kind, body, parent_id, \
         author_attendee_id, author_user_id, author_name, anonymous, resolved, version, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)",
    )
    .bind(c.id.to_string())
    .bind(c.preread_id.to_string())
    .bind(c.block_id.clone())
    .bind(&c.quote)
    .bind(c.kind.as_str())
    .bind(&c.body)
    .bind(c.parent_id.map(|p| p.to_string()))
    .bind(c.author_attendee_id.map(|a| a.to_string()))
    .bind(c.author_user_id.map(|u| u.to_string()))
    .bind(&c.author_name)
    .bind(i64::from(c.anonymous))
    .bind(i64::from(c.resolved))
    .bind(i64::from(c.version))
    .bind(time_text(c.created_at))
    .execute(&mut *tx)
    .await?;
    super::deliveries::insert_in(&mut tx, alerts, c.created_at).await?;
    super::webhooks::queue_in(&mut tx, events, c.created_at).await?;
    tx.commit().await?;
    Ok(true)
}

pub async fn set_resolved(
    db: &Db,
    id: crate::model::CommentId,
    resolved: bool,
) -> Result<(), StoreError> {
    sqlx::query("UPDATE comments SET resolved = $2 WHERE id = $1")
        .bind(id.to_string())
        .bind(i64::from(resolved))
        .execute(db.pool())
        .await?;
    Ok(())
}

const COMMENT_COLUMNS: &str = "id, preread_id, block_id, quote, kind, body, parent_id, \
    author_attendee_id, author_user_id, author_name, anonymous, resolved, version, created_at";

pub async fn get_comment(
    db: &Db,
    id: crate::model::CommentId,
) -> Result<Option<CommentRecord>, StoreError> {
    let row = sqlx::query(&format!(
        "SELECT {COMMENT_COLUMNS} FROM comments WHERE id = $1"
    ))
    .bind(id.to_string())
    .fetch_optional(db.pool())
    .await?;
    row.as_ref().map(comment_from_row).transpose()
}

pub async fn comments_for_preread(
    db: &Db,
    preread: PrereadId,
) -> Result<Vec<CommentRecord>, StoreError> {
    let rows = sqlx::query(&format!(
        "SELECT {COMMENT_COLUMNS} FROM comments WHERE preread_id = $1 ORDER BY created_at, id"
    ))
    .bind(preread.to_string())
    .fetch_all(db.pool())
    .await?;
    rows.iter().map(comment_from_row).collect()
}

/// Every comment on any of a meeting's pre-reads (one query).
pub async fn comments_for_meeting(
    db: &Db,
    meeting: MeetingId,
) -> Result<Vec<CommentRecord>, StoreError> {
    comments_for_meetings(db, &[meeting]).await
}

/// Every comment on the pre-reads of these meetings (one query).
pub async fn comments_for_meetings(
    db: &Db,
    meetings: &[MeetingId],
) -> Result<Vec<CommentRecord>, StoreError> {
    let columns = COMMENT_COLUMNS
        .split(", ")
        .map(|c| format!("c.{c}"))
        .collect::<Vec<_>>()
        .join(", ");
    let sql = format!(
        "SELECT {columns} FROM comments c JOIN prereads p ON p.id = c.preread_id \
         WHERE p.meeting_id IN ({{ids}}) ORDER BY c.created_at, c.id"
    );
    let rows = super::fetch_for_meetings(db, &sql, meetings).await?;
    rows.iter().map(comment_from_row).collect()
}

fn opt<T: std::str::FromStr>(row: &AnyRow, column: &str) -> Result<Option<T>, StoreError> {
    row.try_get::<Option<String>, _>(column)?
        .map(|v| {
            v.parse()
                .map_err(|_| ServerError::corrupt(column.to_owned()))
        })
        .transpose()
        .map_err(StoreError::from)
}

fn comment_from_row(row: &AnyRow) -> Result<CommentRecord, StoreError> {
    Ok(CommentRecord {
        id: parse_text(row, "id")?,
        preread_id: parse_text(row, "preread_id")?,
        block_id: row.try_get("block_id")?,
        quote: row.try_get("quote")?,
        kind: parse_text(row, "kind")?,
        body: row.try_get("body")?,
        parent_id: opt(row, "parent_id")?,
        author_attendee_id: opt(row, "author_attendee_id")?,
        author_user_id: opt(row, "author_user_id")?,
        author_name: row.try_get("author_name")?,
        anonymous: row.try_get::<i64, _>("anonymous")? != 0,
        resolved: row.try_get::<i64, _>("resolved")? != 0,
        version: get_u32(row, "version")?,
        created_at: get_time(row, "created_at")?,
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

/// New comments for the organizers' digests: in circulating meetings, newer than `floor`, that
/// no digest has told of yet, with their pre-read's title.
pub async fn comments_for_digests(
    db: &Db,
    floor: Timestamp,
) -> Result<Vec<(MeetingId, String, CommentRecord)>, StoreError> {
    let columns = COMMENT_COLUMNS
        .split(", ")
        .map(|c| format!("c.{c}"))
        .collect::<Vec<_>>()
        .join(", ");
    let sql = format!(
        "SELECT p.meeting_id, v.title AS preread_title, {columns} FROM comments c \
         JOIN prereads p ON p.id = c.preread_id \
         JOIN preread_versions v ON v.preread_id = p.id AND v.version = p.version \
         JOIN meetings m ON m.id = p.meeting_id \
         WHERE m.status = 'circulating' AND c.created_at > $1 \
         AND NOT EXISTS (SELECT 1 FROM digest_comments dc \
             JOIN deliveries d ON d.id = dc.delivery_id \
             WHERE dc.comment_id = c.id AND d.user_id IS NOT NULL) \
         ORDER BY p.meeting_id, c.created_at, c.id"
    );
    let rows = sqlx::query(&sql)
        .bind(time_text(floor))
        .fetch_all(db.pool())
        .await?;
    rows.iter()
        .map(|r| {
            Ok((
                parse_text(r, "meeting_id")?,
                r.try_get("preread_title")?,
                comment_from_row(r)?,
            ))
        })
        .collect()
}

/// New replies for their threads' participants' digests: each reply in a circulating meeting,
/// newer than `floor`, with each attendee who wrote in its thread (not the reply's author) and
/// has not been told of it yet. Anonymous comments carry no author, so their threads have no
/// known participants and their replies are told to nobody this way.
pub async fn replies_for_digests(
    db: &Db,
    floor: Timestamp,
) -> Result<Vec<(MeetingId, String, AttendeeId, CommentRecord)>, StoreError> {
    let columns = COMMENT_COLUMNS
        .split(", ")
        .map(|c| format!("c.{c}"))
        .collect::<Vec<_>>()
        .join(", ");
    let sql = format!(
        "SELECT DISTINCT p.meeting_id, v.title AS preread_title, \
         t.author_attendee_id AS participant, {columns} FROM comments c \
         JOIN comments t ON (t.id = c.parent_id OR t.parent_id = c.parent_id) \
         JOIN prereads p ON p.id = c.preread_id \
         JOIN preread_versions v ON v.preread_id = p.id AND v.version = p.version \
         JOIN meetings m ON m.id = p.meeting_id \
         WHERE m.status = 'circulating' AND c.parent_id IS NOT NULL AND c.created_at > $1 \
         AND c.anonymous = 0 AND t.anonymous = 0 AND t.author_attendee_id IS NOT NULL \
         AND (c.author_attendee_id IS NULL OR t.author_attendee_id <> c.author_attendee_id) \
         AND NOT EXISTS (SELECT 1 FROM digest_comments dc \
             JOIN deliveries d ON d.id = dc.delivery_id \
             WHERE dc.comment_id = c.id AND d.attendee_id = t.author_attendee_id) \
         ORDER BY p.meeting_id, participant, c.created_at, c.id"
    );
    let rows = sqlx::query(&sql)
        .bind(time_text(floor))
        .fetch_all(db.pool())
        .await?;
    rows.iter()
        .map(|r| {
            Ok((
                parse_text(r, "meeting_id")?,
                r.try_get("preread_title")?,
                parse_text(r, "participant")?,
                comment_from_row(r)?,
            ))
        })
        .collect()
}
