//! Queries on webhooks and the events queued for them. Events are queued inside the
//! transaction of their cause, for every active webhook of the meeting's organizer that asked
//! for them; workers claim due ones with a lease, as for mail.

use super::{Db, StoreError, get_time, get_u32, parse_text, time_text};
use crate::model::delivery::{Webhook, WebhookDelivery, WebhookEvent, WebhookFormat};
use crate::model::{MeetingId, UserId};
use jiff::Timestamp;
use sqlx::AnyConnection;
use sqlx::Row;
use sqlx::any::AnyRow;

/// An event to tell the organizer's webhooks.
#[derive(Debug, Clone)]
pub struct NewEvent {
    pub meeting_id: MeetingId,
    pub event: WebhookEvent,
    /// The body: `{id, event, created_at, meeting, data}`.
    pub payload: String,
    /// One event per cause: queuing the same key again does nothing.
    pub key: String,
    /// The time the event is stamped with, in its body and its delivery log: rounded to the
    /// minute in an anonymous meeting, as the act it tells of.
    pub at: Timestamp,
}

/// A webhook as stored, with what sending needs.
#[derive(Debug, Clone)]
pub struct WebhookRecord {
    pub webhook: Webhook,
    pub user_id: UserId,
    pub secret: String,
}

pub async fn insert(db: &Db, hook: &WebhookRecord, now: Timestamp) -> Result<(), StoreError> {
    let events: Vec<&str> = hook.webhook.events.iter().map(|e| e.as_str()).collect();
    sqlx::query(
        "INSERT INTO webhooks (id, user_id, url, events, format, secret, active, \
         consecutive_failures, created_at) VALUES ($1, $2, $3, $4, $5, $6, 1, 0, $7)",
    )
    .bind(hook.webhook.id.to_string())
    .bind(hook.user_id.to_string())
    .bind(&hook.webhook.url)
    .bind(events.join(","))
    .bind(hook.webhook.format.as_str())
    .bind(&hook.secret)
    .bind(time_text(now))
    .execute(db.pool())
    .await?;
    Ok(())
}

const COLUMNS: &str = "id, user_id, url, events, format, secret, active";

pub async fn list_for_user(db: &Db, user: UserId) -> Result<Vec<WebhookRecord>, StoreError> {
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM webhooks WHERE user_id = $1 ORDER BY created_at, id"
    ))
    .bind(user.to_string())
    .fetch_all(db.pool())
    .await?;
    rows.iter().map(hook_from_row).collect()
}

pub async fn get(db: &Db, id: uuid::Uuid) -> Result<Option<WebhookRecord>, StoreError> {
    let row = sqlx::query(&format!("SELECT {COLUMNS} FROM webhooks WHERE id = $1"))
        .bind(id.to_string())
        .fetch_optional(db.pool())
        .await?;
    row.as_ref().map(hook_from_row).transpose()
}

pub async fn delete(db: &Db, id: uuid::Uuid) -> Result<(), StoreError> {
    sqlx::query("DELETE FROM webhooks WHERE id = $1")
        .bind(id.to_string())
        .execute(db.pool())
        .await?;
    Ok(())
}

fn hook_from_row(r: &AnyRow) -> Result<WebhookRecord, StoreError> {
    let events: String = r.try_get("events")?;
    Ok(WebhookRecord {
        webhook: Webhook {
            id: parse_text(r, "id")?,
            url: r.try_get("url")?,
            events: events.split(',').filter_map(|e| e.parse().ok()).collect(),
            format: parse_text::<WebhookFormat>(r, "format")?,
            active: r.try_get::<i64, _>("active")? != 0,
        },
        user_id: parse_text(r, "user_id")?,
        secret: r.try_get("secret")?,
    })
}

/// Queues `events` for every active webhook of each of the meeting's organizers (its creator
/// and co-organizers: a webhook covers every meeting of its owner) that asked for them, inside
/// the caller's transaction.
pub(super) async fn queue_in(
    conn: &mut AnyConnection,
    events: &[NewEvent],
    now: Timestamp,
) -> Result<usize, StoreError> {
    let mut queued = 0;
    for e in events {
        let hooks = sqlx::query(
            "SELECT w.id, w.events FROM webhooks w \
             JOIN meeting_organizers o ON o.user_id = w.user_id \
             WHERE o.meeting_id = $1 AND w.active = 1 ORDER BY w.id",
        )
        .bind(e.meeting_id.to_string())
        .fetch_all(&mut *conn)
        .await?;
        for hook in hooks {
            let wanted: String = hook.try_get("events")?;
            if !wanted.split(',').any(|w| w == e.event.as_str()) {
                continue;
            }
            let hook_id: String = hook.try_get("id")?;
            sqlx::query(
                "INSERT INTO webhook_deliveries (id, webhook_id, event, dedup_key, payload, status, \
                 attempts, not_before, created_at) VALUES ($1, $2, $3, $4, $5, 'queued', 0, $6, $7) \
                 ON CONFLICT (dedup_key) DO NOTHING",
            )
            .bind(v7_at(e.at).to_string())
            .bind(&hook_id)
            .bind(e.event.as_str())
            .bind(format!("{}:{hook_id}", e.key))
            .bind(&e.payload)
            .bind(time_text(now))
            .bind(time_text(e.at))
            .execute(&mut *conn)
            .await?;
            queued += 1;
        }
    }
    Ok(queued)
}

/// A v7 id whose time part is `at` (an anonymous act's minute stays a minute in its ids).
fn v7_at(at: Timestamp) -> uuid::Uuid {
    let seconds = u64::try_from(at.as_second()).unwrap_or(0);
    uuid::Uuid::new_v7(uuid::Timestamp::from_unix(
        uuid::NoContext,
        seconds,
        at.subsec_nanosecond().unsigned_abs(),
    ))
}

/// [`queue_in`] in a transaction of its own (events time causes).
pub async fn queue(db: &Db, events: &[NewEvent], now: Timestamp) -> Result<(), StoreError> {
    if events.is_empty() {
        return Ok(());
    }
    let mut tx = db.begin_write().await?;
    queue_in(&mut tx, events, now).await?;
    tx.commit().await?;
    Ok(())
}

/// Marks the polls that have closed by `now` as announced and returns them (once each, however
/// many servers ask). Each meeting's polls are taken in a transaction of their own that holds
/// the meeting's lock first, as every write under a meeting does ([`Db::begin_under`]): one
/// statement over several meetings would lock their polls before their meetings.
pub async fn take_closed_polls(
    db: &Db,
    now: Timestamp,
) -> Result<Vec<super::polls::PollRecord>, StoreError> {
    const DUE: &str = "closed_announced = 0 AND closes_at IS NOT NULL AND closes_at <= $1";
    let meetings = sqlx::query(&format!(
        "SELECT DISTINCT meeting_id FROM polls WHERE {DUE} ORDER BY meeting_id"
    ))
    .bind(time_text(now))
    .fetch_all(db.pool())
    .await?;
    let mut taken = Vec::new();
    for row in &meetings {
        let meeting: MeetingId = parse_text(row, "meeting_id")?;
        let polls = async {
            let mut tx = db.begin_under(meeting).await?;
            let rows = sqlx::query(&format!(
                "UPDATE polls SET closed_announced = 1 WHERE meeting_id = $2 AND {DUE} \
                 RETURNING id, meeting_id, question, options, anonymous, hide_results, \
                 closes_at, builtin"
            ))
            .bind(time_text(now))
            .bind(meeting.to_string())
            .fetch_all(&mut *tx)
            .await?;
            tx.commit().await?;
            rows.iter()
                .map(super::polls::poll_from_row)
                .collect::<Result<Vec<_>, StoreError>>()
        };
        match polls.await {
            Ok(polls) => taken.extend(polls),
            // What was taken is marked announced and must be announced; this meeting's polls
            // were rolled back and stay due for the next tick.
            Err(e) if !taken.is_empty() => {
                tracing::warn!(error = %e, "closed polls: stopped after a failed meeting");
                break;
            }
            Err(e) => return Err(e),
        }
    }
    Ok(taken)
}

/// A claimed event, with its webhook.
#[derive(Debug, Clone)]
pub struct OutgoingEvent {
    pub id: uuid::Uuid,
    pub event: WebhookEvent,
    pub payload: String,
    pub attempt: u32,
    pub hook: WebhookRecord,
}

/// Claims due events of active webhooks that are not waiting out a backoff, for
/// `lease_until`: at most `per_owner(owner)` of each owner's (oldest first) and `limit` in
/// all, so that one owner's queue, however long, never fills a claim meant for everyone.
pub async fn claim_due(
    db: &Db,
    now: Timestamp,
    lease_until: Timestamp,
    limit: u32,
    per_owner: impl Fn(UserId) -> u32,
    owner_max: u32,
) -> Result<Vec<OutgoingEvent>, StoreError> {
    let candidates = sqlx::query(
        "SELECT id, user_id FROM (SELECT d.id, w.user_id, d.not_before, \
             ROW_NUMBER() OVER (PARTITION BY w.user_id ORDER BY d.not_before, d.id) AS n \
           FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id \
           WHERE d.status = 'queued' AND d.not_before <= $1 \
             AND (d.claimed_until IS NULL OR d.claimed_until < $1) \
             AND w.active = 1 AND (w.paused_until IS NULL OR w.paused_until <= $1)) due \
         WHERE n <= $2 ORDER BY not_before, id LIMIT $3",
    )
    .bind(time_text(now))
    .bind(i64::from(owner_max))
    .bind(i64::from(limit) * 8)
    .fetch_all(db.pool())
    .await?;
    let mut taken: Vec<(String, UserId)> = Vec::new();
    for row in &candidates {
        let owner: UserId = parse_text(row, "user_id")?;
        let theirs = taken.iter().filter(|(_, o)| *o == owner).count() as u32;
        if theirs < per_owner(owner) && taken.len() < limit as usize {
            taken.push((row.try_get("id")?, owner));
        }
    }
    if taken.is_empty() {
        return Ok(Vec::new());
    }
    let placeholders: Vec<String> = (0..taken.len()).map(|i| format!("${}", i + 3)).collect();
    let sql = format!(
        "UPDATE webhook_deliveries SET claimed_until = $1, attempts = attempts + 1 \
         WHERE id IN ({}) AND status = 'queued' \
         AND (claimed_until IS NULL OR claimed_until < $2) \
         RETURNING id, webhook_id, event, payload, attempts",
        placeholders.join(", ")
    );
    let mut claim = sqlx::query(&sql)
        .bind(time_text(lease_until))
        .bind(time_text(now));
    for (id, _) in &taken {
        claim = claim.bind(id.clone());
    }
    let rows = claim.fetch_all(db.pool()).await?;
    let mut hook_ids: Vec<String> = Vec::new();
    for r in &rows {
        let id: String = r.try_get("webhook_id")?;
        if !hook_ids.contains(&id) {
            hook_ids.push(id);
        }
    }
    let hooks = if hook_ids.is_empty() {
        Vec::new()
    } else {
        let placeholders: Vec<String> =
            (0..hook_ids.len()).map(|i| format!("${}", i + 1)).collect();
        let sql = format!(
            "SELECT {COLUMNS} FROM webhooks WHERE id IN ({})",
            placeholders.join(", ")
        );
        let mut q = sqlx::query(&sql);
        for id in &hook_ids {
            q = q.bind(id.clone());
        }
        q.fetch_all(db.pool())
            .await?
            .iter()
            .map(hook_from_row)
            .collect::<Result<Vec<_>, _>>()?
    };
    let mut out = Vec::with_capacity(rows.len());
    for r in &rows {
        let hook_id: uuid::Uuid = parse_text(r, "webhook_id")?;
        // a webhook deleted meanwhile takes its events with it
        let Some(hook) = hooks.iter().find(|h| h.webhook.id == hook_id) else {
            continue;
        };
        out.push(OutgoingEvent {
            id: parse_text(r, "id")?,
            event: parse_text(r, "event")?,
            payload: r.try_get("payload")?,
            attempt: get_u32(r, "attempts")?,
            hook: hook.clone(),
        });
    }
    Ok(out)
}

/// How an attempt ended.
#[derive(Debug, Clone)]
pub struct Attempt<'a> {
    pub ok: bool,
    pub response_status: Option<u16>,
    pub error: Option<&'a str>,
    /// When the event is tried again (`None`: given up, or sent).
    pub retry_at: Option<Timestamp>,
    /// Until when the webhook's other events wait, after a failure.
    pub pause_until: Option<Timestamp>,
}

/// Records an attempt: sent on 2xx, else tried again at `retry_at` or given up. A failure
/// pauses the webhook (all its events) until `pause_until`; a webhook that failed
/// `disable_after` times in a row is turned off. A success ends the pause and the count.
pub async fn record(
    db: &Db,
    e: &OutgoingEvent,
    attempt: &Attempt<'_>,
    disable_after: u32,
) -> Result<(), StoreError> {
    let mut tx = db.begin_write().await?;
    let status = match (attempt.ok, attempt.retry_at) {
        (true, _) => "sent",
        (false, Some(_)) => "queued",
        (false, None) => "failed",
    };
    sqlx::query(
        "UPDATE webhook_deliveries SET status = $2, response_status = $3, last_error = $4, \
         not_before = COALESCE($5, not_before), claimed_until = NULL WHERE id = $1",
    )
    .bind(e.id.to_string())
    .bind(status)
    .bind(attempt.response_status.map(i64::from))
    .bind(attempt.error.map(str::to_owned))
    .bind(attempt.retry_at.map(time_text))
    .execute(&mut *tx)
    .await?;
    if attempt.ok {
        sqlx::query(
            "UPDATE webhooks SET consecutive_failures = 0, paused_until = NULL WHERE id = $1",
        )
        .bind(e.hook.webhook.id.to_string())
        .execute(&mut *tx)
        .await?;
    } else {
        sqlx::query(
            "UPDATE webhooks SET consecutive_failures = consecutive_failures + 1, \
             active = CASE WHEN consecutive_failures + 1 >= $2 THEN 0 ELSE active END, \
             paused_until = $3 WHERE id = $1",
        )
        .bind(e.hook.webhook.id.to_string())
        .bind(i64::from(disable_after))
        .bind(attempt.pause_until.map(time_text))
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Turns a webhook that was switched off after its failures back on, its count and pause
/// cleared; its failed deliveries stay failed (history), new events go out again.
pub async fn reactivate(db: &Db, id: uuid::Uuid) -> Result<(), StoreError> {
    sqlx::query(
        "UPDATE webhooks SET active = 1, consecutive_failures = 0, paused_until = NULL \
         WHERE id = $1",
    )
    .bind(id.to_string())
    .execute(db.pool())
    .await?;
    Ok(())
}

/// How many times in a row a webhook has failed.
pub async fn consecutive_failures(db: &Db, hook: uuid::Uuid) -> Result<u32, StoreError> {
    let row = sqlx::query("SELECT consecutive_failures FROM webhooks WHERE id = $1")
        .bind(hook.to_string())
        .fetch_optional(db.pool())
        .await?;
    row.map_or(Ok(0), |r| Ok(get_u32(&r, "consecutive_failures")?))
}

pub async fn deliveries(db: &Db, hook: uuid::Uuid) -> Result<Vec<WebhookDelivery>, StoreError> {
    let rows = sqlx::query(
        "SELECT id, event, status, attempts, response_status, last_error, created_at \
         FROM webhook_deliveries WHERE webhook_id = $1 ORDER BY created_at, id",
    )
    .bind(hook.to_string())
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|r| {
            Ok(WebhookDelivery {
                id: parse_text(r, "id")?,
                event: parse_text(r, "event")?,
                status: parse_text(r, "status")?,
                attempts: get_u32(r, "attempts")?,
                response_status: r
                    .try_get::<Option<i64>, _>("response_status")?
                    .and_then(|s| u16::try_from(s).ok()),
                last_error: r.try_get("last_error")?,
                created_at: get_time(r, "created_at")?,
            })
        })
        .collect()
}
