//! Queries on comments: anchored threads on pre-reads, their limits, and the new ones digests
//! tell of.

use super::StoreError;
use super::{Db, get_time, get_u32, lock_meeting, parse_text, time_text};
use crate::model::{AttendeeId, MeetingId, PrereadId, UserId};
use crate::ssr::ServerError;
use jiff::Timestamp;
use sqlx::Row;
use sqlx::any::AnyRow;

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

/// Adds a comment unless `quota` already counts `max` on its pre-read: `None` when full, else
/// how many messages and webhook events it queued (the outbox is woken only for those). The
/// comment commits with whatever other comments are being written at the same moment (group
/// commit), and this returns only once it is durable.
pub async fn insert_comment_within_limit(
    db: &Db,
    c: CommentRecord,
    meeting: MeetingId,
    quota: CommentQuota,
    max: usize,
    alerts: Vec<super::deliveries::NewDelivery>,
    events: Vec<super::webhooks::NewEvent>,
) -> Result<Option<usize>, StoreError> {
    db.write_grouped(meeting.to_string(), move |conn| {
        Box::pin(async move {
            lock_meeting(conn, meeting).await?;
            // One index range per author (`comments_author`, `comments_user`): an `OR` of the
            // two would make SQLite walk every comment on the pre-read, on the one connection
            // that writes, for each comment.
            let count = match quota {
                CommentQuota::Author {
                    attendee: Some(attendee),
                    ..
                } => sqlx::query(
                    "SELECT COUNT(*) AS n FROM comments WHERE preread_id = $1 \
                     AND author_attendee_id = $2",
                )
                .bind(c.preread_id.to_string())
                .bind(attendee.to_string()),
                CommentQuota::Author {
                    attendee: None,
                    user,
                } => sqlx::query(
                    "SELECT COUNT(*) AS n FROM comments WHERE preread_id = $1 \
                     AND author_user_id = $2",
                )
                .bind(c.preread_id.to_string())
                .bind(user.map(|u| u.to_string())),
                CommentQuota::Anonymous => sqlx::query(
                    "SELECT COUNT(*) AS n FROM comments WHERE preread_id = $1 AND anonymous = 1",
                )
                .bind(c.preread_id.to_string()),
            };
            let count: i64 = count.fetch_one(&mut *conn).await?.try_get("n")?;
            if count >= i64::try_from(max).unwrap_or(i64::MAX) {
                return Ok(None);
            }
            sqlx::query(
                "INSERT INTO comments (id, preread_id, block_id, quote, kind, body, parent_id, \
                 author_attendee_id, author_user_id, author_name, anonymous, resolved, version, \
                 created_at) \
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
            .execute(&mut *conn)
            .await?;
            super::deliveries::insert_in(conn, &alerts, c.created_at).await?;
            let events = super::webhooks::queue_in(conn, &events, c.created_at).await?;
            Ok(Some(alerts.len() + events))
        })
    })
    .await
}

pub async fn set_resolved(
    db: &Db,
    meeting: MeetingId,
    id: crate::model::CommentId,
    resolved: bool,
) -> Result<(), StoreError> {
    let mut tx = db.begin_under(meeting).await?;
    sqlx::query("UPDATE comments SET resolved = $2 WHERE id = $1")
        .bind(id.to_string())
        .bind(i64::from(resolved))
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
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

/// Which of these threads are still unresolved (one query; a deleted one is not).
pub async fn unresolved_among(
    db: &Db,
    ids: &[crate::model::CommentId],
) -> Result<Vec<crate::model::CommentId>, StoreError> {
    let rows = super::fetch_for_ids(
        db,
        "SELECT id FROM comments WHERE resolved = 0 AND id IN ({ids})",
        ids,
    )
    .await?;
    rows.iter().map(|r| Ok(parse_text(r, "id")?)).collect()
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
