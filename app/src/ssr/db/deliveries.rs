//! Queries on the outbox (`deliveries`) and its attempts. Messages are inserted inside the
//! transaction of the change that causes them; workers claim due ones with a lease, so a worker
//! that dies lets its messages go again, and on PostgreSQL several server instances claim with
//! `FOR UPDATE SKIP LOCKED` without ever taking the same message.

use super::{Db, StoreError, get_u32, optional_time, parse_text, time_text};
use crate::model::delivery::{Delivery, DeliveryKind, DeliveryStatus, Recipient};
use crate::model::{AttendeeId, MeetingId, UserId};
use jiff::Timestamp;
use sqlx::AnyConnection;
use sqlx::any::AnyRow;
use sqlx::{Any, Row, Transaction};

/// A message to queue.
#[derive(Debug, Clone)]
pub struct NewDelivery {
    pub id: uuid::Uuid,
    pub meeting_id: MeetingId,
    pub kind: DeliveryKind,
    /// One message per cause: queuing the same key again does nothing.
    pub dedup_key: String,
    pub attendee_id: Option<AttendeeId>,
    pub user_id: Option<UserId>,
    pub recipient_name: String,
    pub recipient_email: String,
    pub subject: String,
    pub body_text: String,
    pub body_html: String,
    pub ics: Option<String>,
    /// Whether it carries the person's own link; the link is minted as the message leaves, so
    /// no stored row ever holds its secret.
    pub personal_link: bool,
    pub status: DeliveryStatus,
    pub not_before: Timestamp,
    /// Whether its `List-Unsubscribe` offers a one-click unsubscribe (its token, too, is
    /// minted as the message leaves).
    pub one_click: bool,
    /// For a digest: the comments it tells of, so the next one does not again.
    pub covers: Vec<crate::model::CommentId>,
}

/// A claimed message, everything needed to send it.
#[derive(Debug, Clone)]
pub struct Outgoing {
    pub id: uuid::Uuid,
    pub meeting_id: MeetingId,
    pub kind: DeliveryKind,
    pub recipient_name: String,
    pub recipient_email: String,
    pub subject: String,
    pub body_text: String,
    pub body_html: String,
    pub ics: Option<String>,
    pub attendee_id: Option<AttendeeId>,
    pub personal_link: bool,
    pub one_click: bool,
    /// The hash of the link an earlier attempt minted, withdrawn when this one mints its own.
    pub link_hash: Option<String>,
    /// This attempt's number, from 1.
    pub attempt: u32,
}

/// The hashes of the secrets a message leaves with (minted by the sender, never stored).
#[derive(Debug, Clone, Default)]
pub struct MintedHashes {
    pub link: Option<String>,
    pub unsubscribe: Option<String>,
}

/// Queues messages inside the caller's transaction.
pub(super) async fn insert_in(
    conn: &mut AnyConnection,
    messages: &[NewDelivery],
    now: Timestamp,
) -> Result<(), StoreError> {
    for m in messages {
        // A message to a person is stored only if they are still on the meeting: the list it
        // was written from was read before this transaction, and the organizer may have removed
        // someone since (that removal holds the same meeting lock, so the check cannot race).
        let stored = sqlx::query(
            "INSERT INTO deliveries (id, meeting_id, kind, dedup_key, attendee_id, user_id, \
             recipient_name, recipient_email, subject, body_text, body_html, ics, personal_link, \
             status, not_before, attempts, created_at, one_click) \
             SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, 0, $16, $17 \
             WHERE $5 IS NULL OR EXISTS (SELECT 1 FROM attendees WHERE id = $5) \
             ON CONFLICT (dedup_key) DO NOTHING",
        )
        .bind(m.id.to_string())
        .bind(m.meeting_id.to_string())
        .bind(m.kind.as_str())
        .bind(&m.dedup_key)
        .bind(m.attendee_id.map(|a| a.to_string()))
        .bind(m.user_id.map(|u| u.to_string()))
        .bind(&m.recipient_name)
        .bind(&m.recipient_email)
        .bind(&m.subject)
        .bind(&m.body_text)
        .bind(&m.body_html)
        .bind(m.ics.clone())
        .bind(i64::from(m.personal_link && m.attendee_id.is_some()))
        .bind(m.status.as_str())
        .bind(time_text(m.not_before))
        .bind(time_text(now))
        .bind(i64::from(m.one_click))
        .execute(&mut *conn)
        .await?
        .rows_affected()
            == 1;
        if !stored {
            // not sent: the person is gone, or the same message is already queued
            continue;
        }
        for comment in &m.covers {
            sqlx::query(
                "INSERT INTO digest_comments (delivery_id, comment_id) VALUES ($1, $2) \
                 ON CONFLICT DO NOTHING",
            )
            .bind(m.id.to_string())
            .bind(comment.to_string())
            .execute(&mut *conn)
            .await?;
        }
    }
    Ok(())
}

/// Queues messages caused by time (a reminder, the deadline) and webhook events in one
/// transaction; keys already queued are left alone.
pub async fn enqueue(
    db: &Db,
    messages: &[NewDelivery],
    events: &[super::webhooks::NewEvent],
    now: Timestamp,
) -> Result<(), StoreError> {
    if messages.is_empty() && events.is_empty() {
        return Ok(());
    }
    let mut tx = db.begin_write().await?;
    insert_in(&mut tx, messages, now).await?;
    super::webhooks::queue_in(&mut tx, events, now).await?;
    tx.commit().await?;
    Ok(())
}

/// Turns a person's messages for one meeting down to the outcome only, by the hash of the
/// unsubscribe token of a message they received; false when no message has it.
pub async fn unsubscribe(db: &Db, token_hash: &str) -> Result<bool, StoreError> {
    let row = sqlx::query(
        "SELECT meeting_id, attendee_id, user_id FROM deliveries WHERE unsubscribe_hash = $1",
    )
    .bind(token_hash)
    .fetch_optional(db.pool())
    .await?;
    let Some(row) = row else {
        return Ok(false);
    };
    let meeting: String = row.try_get("meeting_id")?;
    let attendee: Option<String> = row.try_get("attendee_id")?;
    // the meeting's lock before the person's row, as every write under a meeting takes them
    let locked: crate::model::MeetingId = meeting
        .parse()
        .map_err(|_| crate::ssr::ServerError::corrupt("meeting_id"))?;
    let mut tx = db.begin_under(locked).await?;
    match attendee {
        Some(attendee) => {
            sqlx::query("UPDATE attendees SET notifications = 'outcome_only' WHERE id = $1")
                .bind(attendee)
                .execute(&mut *tx)
                .await?;
        }
        None => {
            sqlx::query(
                "UPDATE meetings SET organizer_notifications = 'outcome_only' WHERE id = $1",
            )
            .bind(meeting)
            .execute(&mut *tx)
            .await?;
        }
    }
    // what was still waiting for this person and meeting (and may be turned down) is not sent
    sqlx::query(
        "UPDATE deliveries SET status = 'suppressed' \
         WHERE status IN ('queued', 'held') AND kind IN ('reminder', 'digest', 'deadline') \
         AND meeting_id = (SELECT meeting_id FROM deliveries WHERE unsubscribe_hash = $1) \
         AND COALESCE(attendee_id, '') = (SELECT COALESCE(attendee_id, '') FROM deliveries \
             WHERE unsubscribe_hash = $1)",
    )
    .bind(token_hash)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(true)
}

/// Claims up to `limit` due messages for `lease_until`, counting the attempt.
pub async fn claim_due(
    db: &Db,
    now: Timestamp,
    lease_until: Timestamp,
    limit: u32,
) -> Result<Vec<Outgoing>, StoreError> {
    let sql = super::claim_sql(
        db.backend(),
        "deliveries",
        "'queued', 'held'",
        "id, meeting_id, kind, recipient_name, recipient_email, subject, body_text, body_html, \
         ics, attendee_id, personal_link, one_click, link_hash, attempts",
    );
    let rows = sqlx::query(&sql)
        .bind(time_text(lease_until))
        .bind(time_text(now))
        .bind(i64::from(limit))
        .fetch_all(db.pool())
        .await?;
    rows.iter()
        .map(|r| {
            Ok(Outgoing {
                id: parse_text(r, "id")?,
                meeting_id: parse_text(r, "meeting_id")?,
                kind: parse_text(r, "kind")?,
                recipient_name: r.try_get("recipient_name")?,
                recipient_email: r.try_get("recipient_email")?,
                subject: r.try_get("subject")?,
                body_text: r.try_get("body_text")?,
                body_html: r.try_get("body_html")?,
                ics: r.try_get("ics")?,
                attendee_id: r
                    .try_get::<Option<String>, _>("attendee_id")?
                    .map(|a| a.parse())
                    .transpose()
                    .map_err(|_| crate::ssr::ServerError::corrupt("attendee_id"))?,
                personal_link: r.try_get::<i64, _>("personal_link")? != 0,
                one_click: r.try_get::<i64, _>("one_click")? != 0,
                link_hash: r.try_get("link_hash")?,
                attempt: get_u32(r, "attempts")?,
            })
        })
        .collect()
}

/// Stores the hashes of the secrets a claimed message is about to leave with: its link among
/// the person's (in place of the one an earlier attempt minted) and its unsubscribe token's on
/// the row. Under the meeting's lock, as every write under a meeting. False when the message or
/// its person is gone (removed from the meeting meanwhile): then it must not be sent.
pub async fn store_minted(
    db: &Db,
    out: &Outgoing,
    hashes: &MintedHashes,
    now: Timestamp,
) -> Result<bool, StoreError> {
    let mut tx = db.begin_under(out.meeting_id).await?;
    let kept = sqlx::query(
        "UPDATE deliveries SET link_hash = COALESCE($2, link_hash), \
         unsubscribe_hash = COALESCE($3, unsubscribe_hash) WHERE id = $1",
    )
    .bind(out.id.to_string())
    .bind(hashes.link.clone())
    .bind(hashes.unsubscribe.clone())
    .execute(&mut *tx)
    .await?
    .rows_affected()
        == 1;
    if !kept {
        return Ok(false);
    }
    if let (Some(hash), Some(attendee)) = (&hashes.link, out.attendee_id) {
        if let Some(old) = &out.link_hash {
            sqlx::query("DELETE FROM link_secrets WHERE token_hash = $1")
                .bind(old)
                .execute(&mut *tx)
                .await?;
        }
        super::attendees::add_secret_in(&mut tx, attendee, hash, now).await?;
    }
    tx.commit().await?;
    Ok(true)
}

/// The one-click tokens of messages sent before they were stored hashed, to hash now.
pub async fn clear_unsubscribe_tokens(db: &Db) -> Result<Vec<(uuid::Uuid, String)>, StoreError> {
    let rows = sqlx::query(
        "SELECT id, unsubscribe_token FROM deliveries WHERE unsubscribe_token IS NOT NULL",
    )
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|r| Ok((parse_text(r, "id")?, r.try_get("unsubscribe_token")?)))
        .collect()
}

/// Replaces a message's clear one-click token by its hash.
pub async fn hash_unsubscribe_token(db: &Db, id: uuid::Uuid, hash: &str) -> Result<(), StoreError> {
    sqlx::query(
        "UPDATE deliveries SET unsubscribe_hash = $2, unsubscribe_token = NULL WHERE id = $1",
    )
    .bind(id.to_string())
    .bind(hash)
    .execute(db.pool())
    .await?;
    Ok(())
}

/// Records a sent message and logs its attempt.
pub async fn mark_sent(
    db: &Db,
    id: uuid::Uuid,
    attempt: u32,
    now: Timestamp,
) -> Result<(), StoreError> {
    let mut tx = db.begin_write().await?;
    sqlx::query(
        "UPDATE deliveries SET status = 'sent', sent_at = $2, claimed_until = NULL, \
         last_error = NULL WHERE id = $1",
    )
    .bind(id.to_string())
    .bind(time_text(now))
    .execute(&mut *tx)
    .await?;
    log_attempt(&mut tx, id, attempt, now, None).await?;
    tx.commit().await?;
    Ok(())
}

/// Records a failed attempt: tried again at `retry_at`, or given up (`failed`) when `None`.
pub async fn mark_failed(
    db: &Db,
    id: uuid::Uuid,
    attempt: u32,
    error: &str,
    retry_at: Option<Timestamp>,
    now: Timestamp,
) -> Result<(), StoreError> {
    let mut tx = db.begin_write().await?;
    let (status, not_before) = match retry_at {
        Some(at) => ("queued", Some(time_text(at))),
        None => ("failed", None),
    };
    sqlx::query(
        "UPDATE deliveries SET status = $2, not_before = COALESCE($3, not_before), \
         last_error = $4, claimed_until = NULL WHERE id = $1",
    )
    .bind(id.to_string())
    .bind(status)
    .bind(not_before)
    .bind(error)
    .execute(&mut *tx)
    .await?;
    log_attempt(&mut tx, id, attempt, now, Some(error)).await?;
    tx.commit().await?;
    Ok(())
}

async fn log_attempt(
    tx: &mut Transaction<'static, Any>,
    id: uuid::Uuid,
    attempt: u32,
    now: Timestamp,
    error: Option<&str>,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO delivery_attempts (delivery_id, attempt, at, ok, error) \
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING",
    )
    .bind(id.to_string())
    .bind(i64::from(attempt))
    .bind(time_text(now))
    .bind(i64::from(error.is_none()))
    .bind(error.map(str::to_owned))
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// A failed message queued again, with a fresh set of attempts; false unless it had failed.
pub async fn requeue_failed(db: &Db, id: uuid::Uuid, now: Timestamp) -> Result<bool, StoreError> {
    let done = sqlx::query(
        "UPDATE deliveries SET status = 'queued', not_before = $2, attempts = 0, \
         claimed_until = NULL WHERE id = $1 AND status = 'failed'",
    )
    .bind(id.to_string())
    .bind(time_text(now))
    .execute(db.pool())
    .await?;
    Ok(done.rows_affected() == 1)
}

const LOG_COLUMNS: &str = "id, meeting_id, kind, attendee_id, user_id, recipient_name, status, \
    not_before, sent_at, attempts, last_error";

/// A meeting's messages, oldest first, as the log shows them.
pub async fn list_for_meeting(db: &Db, meeting: MeetingId) -> Result<Vec<Delivery>, StoreError> {
    let rows = sqlx::query(&format!(
        "SELECT {LOG_COLUMNS} FROM deliveries WHERE meeting_id = $1 ORDER BY created_at, id"
    ))
    .bind(meeting.to_string())
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|r| log_from_row(r).map(|(_, d)| d))
        .collect()
}

/// One page of a meeting's messages, oldest first, after `after` (its `created_at` as stored,
/// and its id); with where the next page starts, when there is one.
pub async fn page_for_meeting(
    db: &Db,
    meeting: MeetingId,
    after: Option<(String, uuid::Uuid)>,
    limit: u32,
) -> Result<(Vec<Delivery>, Option<(String, uuid::Uuid)>), StoreError> {
    let (filter, at, id) = super::created_after("", &after);
    let rows = sqlx::query(&format!(
        "SELECT {LOG_COLUMNS}, created_at FROM deliveries WHERE meeting_id = $1 {filter} \
         ORDER BY created_at, id LIMIT {}",
        limit + 1
    ))
    .bind(meeting.to_string())
    .bind(at)
    .bind(id)
    .fetch_all(db.pool())
    .await?;
    let more = rows.len() > limit as usize;
    let mut page = Vec::new();
    let mut last = None;
    for r in rows.iter().take(limit as usize) {
        let (_, d) = log_from_row(r)?;
        last = Some((r.try_get::<String, _>("created_at")?, d.id));
        page.push(d);
    }
    Ok((page, if more { last } else { None }))
}

/// One message's log line and its meeting.
pub async fn get(db: &Db, id: uuid::Uuid) -> Result<Option<(MeetingId, Delivery)>, StoreError> {
    let row = sqlx::query(&format!(
        "SELECT {LOG_COLUMNS} FROM deliveries WHERE id = $1"
    ))
    .bind(id.to_string())
    .fetch_optional(db.pool())
    .await?;
    row.as_ref().map(log_from_row).transpose()
}

fn log_from_row(r: &AnyRow) -> Result<(MeetingId, Delivery), StoreError> {
    let opt = |column: &str| -> Result<Option<String>, StoreError> { Ok(r.try_get(column)?) };
    let status: DeliveryStatus = parse_text(r, "status")?;
    Ok((
        parse_text(r, "meeting_id")?,
        Delivery {
            id: parse_text(r, "id")?,
            kind: parse_text(r, "kind")?,
            recipient: Recipient {
                attendee_id: opt("attendee_id")?.and_then(|a| a.parse().ok()),
                user_id: opt("user_id")?.and_then(|u| u.parse().ok()),
                name: r.try_get("recipient_name")?,
            },
            status,
            not_before: if status == DeliveryStatus::Held {
                optional_time(r, "not_before")?
            } else {
                None
            },
            sent_at: optional_time(r, "sent_at")?,
            attempts: get_u32(r, "attempts")?,
            last_error: r.try_get("last_error")?,
        },
    ))
}
