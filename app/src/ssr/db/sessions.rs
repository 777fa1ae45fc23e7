//! Queries on browser `sessions`, their attendee grants, and organizer `api_tokens`. Every
//! token is looked up by its hash; expiry is checked in SQL against the times passed in.

use super::StoreError;
use super::{Db, get_time, time_text};
use crate::model::{AttendeeId, UserId};
use crate::ssr::ServerError;
use jiff::Timestamp;
use sqlx::Row;

/// A live browser session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionRow {
    pub user_id: Option<UserId>,
    pub attendee_ids: Vec<AttendeeId>,
    pub last_seen_at: Timestamp,
}

/// A new browser session with no organizer, opened by a personal link: the session and its
/// grant for that attendee are written together, or neither is.
pub async fn insert_attendee_session(
    db: &Db,
    token_hash: &str,
    attendee: AttendeeId,
    now: Timestamp,
    expires_at: Timestamp,
) -> Result<(), StoreError> {
    let mut tx = db.begin_write().await?;
    sqlx::query(
        "INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, expires_at) \
         VALUES ($1, NULL, $2, $2, $3)",
    )
    .bind(token_hash)
    .bind(time_text(now))
    .bind(time_text(expires_at))
    .execute(&mut *tx)
    .await?;
    sqlx::query("INSERT INTO session_attendees (session_hash, attendee_id) VALUES ($1, $2)")
        .bind(token_hash)
        .bind(attendee.to_string())
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// The session with this hash if it has neither expired nor been idle since `idle_since`, with
/// its attendee grants, in one query.
pub async fn find_session(
    db: &Db,
    token_hash: &str,
    now: Timestamp,
    idle_since: Timestamp,
) -> Result<Option<SessionRow>, StoreError> {
    let rows = sqlx::query(
        "SELECT s.user_id, s.last_seen_at, g.attendee_id FROM sessions s \
         LEFT JOIN session_attendees g ON g.session_hash = s.token_hash \
         WHERE s.token_hash = $1 AND s.expires_at > $2 AND s.last_seen_at > $3",
    )
    .bind(token_hash)
    .bind(time_text(now))
    .bind(time_text(idle_since))
    .fetch_all(db.pool())
    .await?;
    let Some(first) = rows.first() else {
        return Ok(None);
    };
    let user_id: Option<String> = first.try_get("user_id")?;
    let mut attendee_ids = Vec::new();
    for row in &rows {
        if let Some(id) = row.try_get::<Option<String>, _>("attendee_id")? {
            attendee_ids.push(
                id.parse()
                    .map_err(|_| ServerError::corrupt("attendee_id"))?,
            );
        }
    }
    Ok(Some(SessionRow {
        user_id: user_id
            .map(|u| u.parse())
            .transpose()
            .map_err(|_| ServerError::corrupt("user_id"))?,
        attendee_ids,
        last_seen_at: get_time(first, "last_seen_at")?,
    }))
}

pub async fn touch_session(db: &Db, token_hash: &str, now: Timestamp) -> Result<(), StoreError> {
    sqlx::query("UPDATE sessions SET last_seen_at = $2 WHERE token_hash = $1")
        .bind(token_hash)
        .bind(time_text(now))
        .execute(db.pool())
        .await?;
    Ok(())
}

pub async fn delete_session(db: &Db, token_hash: &str) -> Result<(), StoreError> {
    sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
        .bind(token_hash)
        .execute(db.pool())
        .await?;
    Ok(())
}

/// Replaces a session by a fresh one (sign-in rotates the id), keeping its attendee grants,
/// in one write transaction.
pub async fn rotate_session(
    db: &Db,
    old_hash: Option<&str>,
    new_hash: &str,
    user_id: Option<UserId>,
    now: Timestamp,
    expires_at: Timestamp,
) -> Result<(), StoreError> {
    let mut tx = db.begin_write().await?;
    sqlx::query(
        "INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, expires_at) \
         VALUES ($1, $2, $3, $3, $4)",
    )
    .bind(new_hash)
    .bind(user_id.map(|u| u.to_string()))
    .bind(time_text(now))
    .bind(time_text(expires_at))
    .execute(&mut *tx)
    .await?;
    if let Some(old) = old_hash {
        sqlx::query(
            "INSERT INTO session_attendees (session_hash, attendee_id) \
             SELECT $2, attendee_id FROM session_attendees WHERE session_hash = $1",
        )
        .bind(old)
        .bind(new_hash)
        .execute(&mut *tx)
        .await?;
        sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
            .bind(old)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(())
}

pub async fn grant_attendee(
    db: &Db,
    session_hash: &str,
    attendee: AttendeeId,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO session_attendees (session_hash, attendee_id) VALUES ($1, $2) \
         ON CONFLICT DO NOTHING",
    )
    .bind(session_hash)
    .bind(attendee.to_string())
    .execute(db.pool())
    .await?;
    Ok(())
}

pub async fn insert_api_token(
    db: &Db,
    token_hash: &str,
    user_id: UserId,
    now: Timestamp,
    expires_at: Timestamp,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO api_tokens (token_hash, user_id, created_at, last_seen_at, expires_at) \
         VALUES ($1, $2, $3, $3, $4)",
    )
    .bind(token_hash)
    .bind(user_id.to_string())
    .bind(time_text(now))
    .bind(time_text(expires_at))
    .execute(db.pool())
    .await?;
    Ok(())
}

/// The owner of a live API token and when it was last used.
pub async fn find_api_token(
    db: &Db,
    token_hash: &str,
    now: Timestamp,
    idle_since: Timestamp,
) -> Result<Option<(UserId, Timestamp)>, StoreError> {
    let row = sqlx::query(
        "SELECT user_id, last_seen_at FROM api_tokens \
         WHERE token_hash = $1 AND expires_at > $2 AND last_seen_at > $3",
    )
    .bind(token_hash)
    .bind(time_text(now))
    .bind(time_text(idle_since))
    .fetch_optional(db.pool())
    .await?;
    row.map(|row| {
        let user: String = row.try_get("user_id")?;
        Ok((
            user.parse().map_err(|_| ServerError::corrupt("user_id"))?,
            get_time(&row, "last_seen_at")?,
        ))
    })
    .transpose()
}

pub async fn touch_api_token(db: &Db, token_hash: &str, now: Timestamp) -> Result<(), StoreError> {
    sqlx::query("UPDATE api_tokens SET last_seen_at = $2 WHERE token_hash = $1")
        .bind(token_hash)
        .bind(time_text(now))
        .execute(db.pool())
        .await?;
    Ok(())
}

pub async fn delete_api_token(db: &Db, token_hash: &str) -> Result<(), StoreError> {
    sqlx::query("DELETE FROM api_tokens WHERE token_hash = $1")
        .bind(token_hash)
        .execute(db.pool())
        .await?;
    Ok(())
}

/// Moves a session's or token's times, for tests of expiry.
pub async fn set_times_for_tests(
    db: &Db,
    token_hash: &str,
    last_seen_at: Timestamp,
    expires_at: Timestamp,
) -> Result<(), StoreError> {
    for table in ["sessions", "api_tokens"] {
        sqlx::query(&format!(
            "UPDATE {table} SET last_seen_at = $2, expires_at = $3 WHERE token_hash = $1"
        ))
        .bind(token_hash)
        .bind(time_text(last_seen_at))
        .bind(time_text(expires_at))
        .execute(db.pool())
        .await?;
    }
    Ok(())
}
