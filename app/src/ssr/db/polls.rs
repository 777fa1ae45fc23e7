//! Queries on polls and votes.

use super::{Db, get_time, get_u32, parse_text, time_text};
use crate::model::{AttendeeId, MeetingId, PollId, Role};
use crate::ssr::ServerError;
use jiff::Timestamp;
use sqlx::Row;
use sqlx::any::AnyRow;

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

/// One vote with its voter's role (for tallies by role).
#[derive(Debug, Clone)]
pub struct VoteRecord {
    pub poll_id: PollId,
    pub attendee_id: AttendeeId,
    pub role: Role,
    pub option: u32,
    pub reason: String,
    pub updated_at: Timestamp,
}

/// Adds a poll; the built-in one is added at most once per meeting (a unique index).
pub async fn insert(db: &Db, p: &PollRecord, now: Timestamp) -> Result<(), ServerError> {
    sqlx::query(
        "INSERT INTO polls (id, meeting_id, question, options, anonymous, hide_results, \
         closes_at, builtin, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) \
         ON CONFLICT DO NOTHING",
    )
    .bind(p.id.to_string())
    .bind(p.meeting_id.to_string())
    .bind(&p.question)
    .bind(serde_json::to_string(&p.options).unwrap_or_else(|_| "[]".into()))
    .bind(i64::from(p.anonymous))
    .bind(i64::from(p.hide_results))
    .bind(p.closes_at.map(time_text))
    .bind(i64::from(p.builtin))
    .bind(time_text(now))
    .execute(db.pool())
    .await?;
    Ok(())
}

const COLUMNS: &str =
    "id, meeting_id, question, options, anonymous, hide_results, closes_at, builtin";

pub async fn get(db: &Db, id: PollId) -> Result<Option<PollRecord>, ServerError> {
    let row = sqlx::query(&format!("SELECT {COLUMNS} FROM polls WHERE id = $1"))
        .bind(id.to_string())
        .fetch_optional(db.pool())
        .await?;
    row.as_ref().map(poll_from_row).transpose()
}

/// A meeting's polls, the built-in one first.
pub async fn list_for_meeting(db: &Db, meeting: MeetingId) -> Result<Vec<PollRecord>, ServerError> {
    list_for_meetings(db, &[meeting]).await
}

/// The polls of these meetings, each meeting's built-in one first (one query).
pub async fn list_for_meetings(
    db: &Db,
    meetings: &[MeetingId],
) -> Result<Vec<PollRecord>, ServerError> {
    let sql = format!(
        "SELECT {COLUMNS} FROM polls WHERE meeting_id IN ({{ids}}) ORDER BY builtin DESC, created_at, id"
    );
    let rows = super::fetch_for_meetings(db, &sql, meetings).await?;
    rows.iter().map(poll_from_row).collect()
}

fn poll_from_row(row: &AnyRow) -> Result<PollRecord, ServerError> {
    let options: String = row.try_get("options")?;
    Ok(PollRecord {
        id: parse_text(row, "id")?,
        meeting_id: parse_text(row, "meeting_id")?,
        question: row.try_get("question")?,
        options: serde_json::from_str(&options).map_err(|_| ServerError::corrupt("options"))?,
        anonymous: row.try_get::<i64, _>("anonymous")? != 0,
        hide_results: row.try_get::<i64, _>("hide_results")? != 0,
        closes_at: super::meetings::optional_time(row, "closes_at")?,
        builtin: row.try_get::<i64, _>("builtin")? != 0,
    })
}

/// Records or changes a vote.
pub async fn upsert_vote(
    db: &Db,
    poll: PollId,
    attendee: AttendeeId,
    option: u32,
    reason: &str,
    now: Timestamp,
) -> Result<(), ServerError> {
    sqlx::query(
        "INSERT INTO votes (poll_id, attendee_id, choice, reason, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $5) ON CONFLICT (poll_id, attendee_id) \
         DO UPDATE SET choice = excluded.choice, reason = excluded.reason, \
         updated_at = excluded.updated_at",
    )
    .bind(poll.to_string())
    .bind(attendee.to_string())
    .bind(i64::from(option))
    .bind(reason)
    .bind(time_text(now))
    .execute(db.pool())
    .await?;
    Ok(())
}

/// Every vote on a meeting's polls, with the voter's role (one query).
pub async fn votes_for_meeting(
    db: &Db,
    meeting: MeetingId,
) -> Result<Vec<VoteRecord>, ServerError> {
    votes_for_meetings(db, &[meeting]).await
}

/// Every vote on the polls of these meetings, with the voter's role (one query).
pub async fn votes_for_meetings(
    db: &Db,
    meetings: &[MeetingId],
) -> Result<Vec<VoteRecord>, ServerError> {
    let sql = "SELECT v.poll_id, v.attendee_id, a.role, v.choice, v.reason, v.updated_at FROM votes v \
         JOIN polls p ON p.id = v.poll_id JOIN attendees a ON a.id = v.attendee_id \
         WHERE p.meeting_id IN ({ids})";
    let rows = super::fetch_for_meetings(db, sql, meetings).await?;
    rows.iter()
        .map(|r| {
            Ok(VoteRecord {
                poll_id: parse_text(r, "poll_id")?,
                attendee_id: parse_text(r, "attendee_id")?,
                role: parse_text(r, "role")?,
                option: get_u32(r, "choice")?,
                reason: r.try_get("reason")?,
                updated_at: get_time(r, "updated_at")?,
            })
        })
        .collect()
}
