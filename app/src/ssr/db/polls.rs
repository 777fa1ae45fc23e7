//! Queries on polls and votes.

use super::StoreError;
use super::{Db, get_time, get_u32, parse_text, time_text};
use crate::model::{AttendeeId, MeetingId, PollId, Role};
use crate::ssr::ServerError;
use jiff::Timestamp;
use sqlx::any::AnyRow;
use sqlx::{Any, Row, Transaction};

#[derive(Debug, Clone)]
pub struct PollRecord {
    pub id: PollId,
    pub meeting_id: MeetingId,
    pub question: String,
    pub options: Vec<String>,
    pub anonymous: bool,
    pub hide_results: bool,
    pub closes_at: Option<Timestamp>,
    pub builtin: bool,
}

/// One vote with its voter's role (for tallies by role, inside the engine only).
#[derive(Debug, Clone)]
pub struct VoteRecord {
    pub poll_id: PollId,
    pub attendee_id: AttendeeId,
    pub role: Role,
    pub option: u32,
    pub reason: String,
    /// Cast while the poll or the meeting was anonymous: anonymous for good.
    pub anonymous: bool,
    pub updated_at: Timestamp,
}

/// Adds a poll inside the caller's transaction; the built-in one is added at most once per
/// meeting (a unique index).
pub(super) async fn insert_in(
    tx: &mut Transaction<'static, Any>,
    p: &PollRecord,
    now: Timestamp,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO polls (id, meeting_id, question, options, anonymous, hide_results, \
         closes_at, builtin, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) \
         ON CONFLICT DO NOTHING",
    )
    .bind(p.id.to_string())
    .bind(p.meeting_id.to_string())
    .bind(&p.question)
    .bind(serde_json::to_string(&p.options).map_err(|_| ServerError::corrupt("options"))?)
    .bind(i64::from(p.anonymous))
    .bind(i64::from(p.hide_results))
    .bind(p.closes_at.map(time_text))
    .bind(i64::from(p.builtin))
    .bind(time_text(now))
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Adds a poll unless the meeting already has `max`; false when it is full.
pub async fn insert_within_limit(
    db: &Db,
    p: &PollRecord,
    now: Timestamp,
    max: usize,
) -> Result<bool, StoreError> {
    let mut tx = db.begin_under(p.meeting_id).await?;
    let count: i64 = sqlx::query("SELECT COUNT(*) AS n FROM polls WHERE meeting_id = $1")
        .bind(p.meeting_id.to_string())
        .fetch_one(&mut *tx)
        .await?
        .try_get("n")?;
    if count >= max as i64 {
        return Ok(false);
    }
    insert_in(&mut tx, p, now).await?;
    tx.commit().await?;
    Ok(true)
}

const COLUMNS: &str =
    "id, meeting_id, question, options, anonymous, hide_results, closes_at, builtin";

pub async fn get(db: &Db, id: PollId) -> Result<Option<PollRecord>, StoreError> {
    let row = sqlx::query(&format!("SELECT {COLUMNS} FROM polls WHERE id = $1"))
        .bind(id.to_string())
        .fetch_optional(db.pool())
        .await?;
    row.as_ref().map(poll_from_row).transpose()
}

/// Closes a poll at `at`: its deadline becomes now.
pub async fn close(
    db: &Db,
    meeting: MeetingId,
    id: PollId,
    at: Timestamp,
) -> Result<(), StoreError> {
    let mut tx = db.begin_under(meeting).await?;
    sqlx::query("UPDATE polls SET closes_at = $2 WHERE id = $1")
        .bind(id.to_string())
        .bind(time_text(at))
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// The polls of these meetings, each meeting's built-in one first (one query).
pub async fn list_for_meetings(
    db: &Db,
    meetings: &[MeetingId],
) -> Result<Vec<PollRecord>, StoreError> {
    let sql = format!(
        "SELECT {COLUMNS} FROM polls WHERE meeting_id IN ({{ids}}) ORDER BY builtin DESC, created_at, id"
    );
    let rows = super::fetch_for_meetings(db, &sql, meetings).await?;
    rows.iter().map(poll_from_row).collect()
}

pub(super) fn poll_from_row(row: &AnyRow) -> Result<PollRecord, StoreError> {
    let options: String = row.try_get("options")?;
    Ok(PollRecord {
        id: parse_text(row, "id")?,
        meeting_id: parse_text(row, "meeting_id")?,
        question: row.try_get("question")?,
        options: serde_json::from_str(&options).map_err(|_| ServerError::corrupt("options"))?,
        anonymous: row.try_get::<i64, _>("anonymous")? != 0,
        hide_results: row.try_get::<i64, _>("hide_results")? != 0,
        closes_at: super::optional_time(row, "closes_at")?,
        builtin: row.try_get::<i64, _>("builtin")? != 0,
    })
}

/// Records or changes a vote. Once anonymous, a vote stays anonymous when changed.
pub async fn upsert_vote(
    db: &Db,
    poll: &PollRecord,
    attendee: AttendeeId,
    option: u32,
    reason: &str,
    anonymous: bool,
    now: Timestamp,
) -> Result<(), StoreError> {
    let mut tx = db.begin_under(poll.meeting_id).await?;
    sqlx::query(
        "INSERT INTO votes (poll_id, attendee_id, choice, reason, anonymous, created_at, \
         updated_at) VALUES ($1, $2, $3, $4, $5, $6, $6) ON CONFLICT (poll_id, attendee_id) \
         DO UPDATE SET choice = excluded.choice, reason = excluded.reason, \
         anonymous = CASE WHEN votes.anonymous = 1 THEN 1 ELSE excluded.anonymous END, \
         updated_at = excluded.updated_at",
    )
    .bind(poll.id.to_string())
    .bind(attendee.to_string())
    .bind(i64::from(option))
    .bind(reason)
    .bind(i64::from(anonymous))
    .bind(time_text(now))
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Every vote on a meeting's polls by people still invited, with the voter's role (one query).
pub async fn votes_for_meeting(db: &Db, meeting: MeetingId) -> Result<Vec<VoteRecord>, StoreError> {
    votes_for_meetings(db, &[meeting]).await
}

/// Every vote on the polls of these meetings, with the voter's role (one query). People taken
/// off the invitation no longer count.
pub async fn votes_for_meetings(
    db: &Db,
    meetings: &[MeetingId],
) -> Result<Vec<VoteRecord>, StoreError> {
    let sql = "SELECT v.poll_id, v.attendee_id, a.role, v.choice, v.reason, v.anonymous, \
         v.updated_at FROM votes v \
         JOIN polls p ON p.id = v.poll_id JOIN attendees a ON a.id = v.attendee_id \
         WHERE p.meeting_id IN ({ids}) AND a.invited = 1";
    let rows = super::fetch_for_meetings(db, sql, meetings).await?;
    rows.iter()
        .map(|r| {
            Ok(VoteRecord {
                poll_id: parse_text(r, "poll_id")?,
                attendee_id: parse_text(r, "attendee_id")?,
                role: parse_text(r, "role")?,
                option: get_u32(r, "choice")?,
                reason: r.try_get("reason")?,
                anonymous: r.try_get::<i64, _>("anonymous")? != 0,
                updated_at: get_time(r, "updated_at")?,
            })
        })
        .collect()
}
