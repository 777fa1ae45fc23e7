//! Queries on `meeting_organizers` and `norm_exceptions`: who organizes a meeting, and the
//! norms it circulated in breach of, with the reason given.

use super::{Db, StoreError, get_time, parse_text, time_text};
use crate::model::team::{Norm, NormException, Organizer};
use crate::model::{MeetingId, UserId};
use jiff::Timestamp;
use sqlx::{AnyConnection, Row};

/// An exception to record as the meeting circulates.
#[derive(Debug, Clone)]
pub struct NewException {
    pub norm: Norm,
    pub reason: String,
    pub by: Organizer,
}

pub(super) async fn insert_exceptions_in(
    conn: &mut AnyConnection,
    meeting: MeetingId,
    exceptions: &[NewException],
    now: Timestamp,
) -> Result<(), StoreError> {
    for e in exceptions {
        // one per norm: circulating is once, so a second one is a retry of the same
        sqlx::query(
            "INSERT INTO norm_exceptions (meeting_id, norm, reason, by_user_id, by_name, at) \
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING",
        )
        .bind(meeting.to_string())
        .bind(e.norm.as_str())
        .bind(&e.reason)
        .bind(e.by.user_id.to_string())
        .bind(&e.by.name)
        .bind(time_text(now))
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// The organizers of these meetings, in the order they were added (one query).
pub async fn for_meetings(
    db: &Db,
    ids: &[MeetingId],
) -> Result<Vec<(MeetingId, Organizer)>, StoreError> {
    let rows = super::fetch_for_meetings(
        db,
        "SELECT o.meeting_id, o.user_id, u.name FROM meeting_organizers o \
         JOIN users u ON u.id = o.user_id WHERE o.meeting_id IN ({ids}) \
         ORDER BY o.added_at, o.user_id",
        ids,
    )
    .await?;
    rows.iter()
        .map(|r| {
            Ok((
                parse_text(r, "meeting_id")?,
                Organizer {
                    user_id: parse_text(r, "user_id")?,
                    name: r.try_get("name")?,
                },
            ))
        })
        .collect()
}

/// The exceptions of these meetings, in the order of the norms (one query).
pub async fn exceptions_for_meetings(
    db: &Db,
    ids: &[MeetingId],
) -> Result<Vec<(MeetingId, NormException)>, StoreError> {
    let rows = super::fetch_for_meetings(
        db,
        "SELECT meeting_id, norm, reason, by_user_id, by_name, at FROM norm_exceptions \
         WHERE meeting_id IN ({ids}) ORDER BY at, norm",
        ids,
    )
    .await?;
    rows.iter()
        .map(|r| {
            Ok((
                parse_text(r, "meeting_id")?,
                NormException {
                    norm: parse_text(r, "norm")?,
                    reason: r.try_get("reason")?,
                    by: Organizer {
                        user_id: parse_text(r, "by_user_id")?,
                        name: r.try_get("by_name")?,
                    },
                    at: get_time(r, "at")?,
                },
            ))
        })
        .collect()
}

/// Adds an organizer (nothing when they already are one), under the meeting's lock.
pub async fn add(
    db: &Db,
    meeting: MeetingId,
    user: UserId,
    now: Timestamp,
) -> Result<(), StoreError> {
    let mut tx = db.begin_under(meeting).await?;
    sqlx::query(
        "INSERT INTO meeting_organizers (meeting_id, user_id, added_at, list_at) \
         SELECT $1, $2, $3, list_at FROM meetings WHERE id = $1 \
         ON CONFLICT DO NOTHING",
    )
    .bind(meeting.to_string())
    .bind(user.to_string())
    .bind(time_text(now))
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}

/// What [`remove`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RemovedOrganizer {
    Removed,
    NotOrganizer,
    /// The meeting's last organizer: nothing changed.
    Last,
}

/// Removes an organizer, never the last one, under the meeting's lock. When the one removed is
/// the creator, the earliest remaining organizer takes over what the creator received (the
/// organizer's messages).
pub async fn remove(
    db: &Db,
    meeting: MeetingId,
    user: UserId,
) -> Result<RemovedOrganizer, StoreError> {
    let mut tx = db.begin_under(meeting).await?;
    let rows = sqlx::query(
        "SELECT user_id FROM meeting_organizers WHERE meeting_id = $1 ORDER BY added_at, user_id",
    )
    .bind(meeting.to_string())
    .fetch_all(&mut *tx)
    .await?;
    let ids: Vec<String> = rows
        .iter()
        .map(|r| r.try_get("user_id"))
        .collect::<Result<_, _>>()?;
    let me = user.to_string();
    if !ids.contains(&me) {
        return Ok(RemovedOrganizer::NotOrganizer);
    }
    if ids.len() <= 1 {
        return Ok(RemovedOrganizer::Last);
    }
    sqlx::query("DELETE FROM meeting_organizers WHERE meeting_id = $1 AND user_id = $2")
        .bind(meeting.to_string())
        .bind(&me)
        .execute(&mut *tx)
        .await?;
    if let Some(next) = ids.iter().find(|id| **id != me) {
        sqlx::query(
            "UPDATE meetings SET organizer_id = $2, version = version + 1 \
             WHERE id = $1 AND organizer_id = $3",
        )
        .bind(meeting.to_string())
        .bind(next)
        .bind(&me)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(RemovedOrganizer::Removed)
}
