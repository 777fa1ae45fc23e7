//! Webhooks: an organizer's URLs told of their meetings' events (API.md, "Webhooks"), as JSON
//! signed with HMAC-SHA256 (`Prework-Signature: t=<unix>,v1=<hex of "<t>.<body>">`) or as
//! Slack-style `{"text": ...}`. Only public addresses are reached ([`super::address`]: checked
//! at registration, and by the one client's resolver at each send), unless
//! `PREWORK_WEBHOOK_ALLOW_PRIVATE=true`. Anonymity holds: events carry what the organizer may
//! read, never an author of an anonymous meeting, and every time and time-ordered id about an
//! anonymous meeting is rounded to the minute, the envelope's included.
//!
//! Sending is a loop of its own ([`run`]), apart from mail: no webhook ever delays a message.
//! Attempts run concurrently, at most [`PER_OWNER`] of one organizer's at once and
//! [`IN_FLIGHT_MAX`] in all, each bounded by `address::ATTEMPT_DEADLINE`; a webhook that fails
//! waits out a backoff with all its events (one attempt per backoff, not one per event) and is
//! turned off after [`DISABLE_AFTER`] failures in a row. So a receiver that never answers holds
//! only its own owner's events, and those only for a few seconds at a time.

use super::address::{ATTEMPT_DEADLINE, check_public, literal_allowed, parse_url};
use super::schedule;
use crate::error::AppError;
use crate::model::UserId;
use crate::model::delivery::{
    Webhook, WebhookDelivery, WebhookEvent, WebhookFormat, WebhookInput, WebhookWithSecret,
};
use crate::ssr::AppState;
use crate::ssr::auth::Actor;
use crate::ssr::db::meetings::MeetingRecord;
use crate::ssr::db::webhooks::{NewEvent, OutgoingEvent, WebhookRecord};
use crate::ssr::db::{self};
use crate::ssr::runtime::limits::WriterKey;
use hmac::{Hmac, Mac};
use jiff::Timestamp;
use sha2::Sha256;
use std::collections::HashMap;
use std::time::Duration;
use tokio::sync::watch;
use tokio::task::JoinSet;

/// A webhook that failed this many times in a row is turned off.
pub const DISABLE_AFTER: u32 = 20;
/// At most this many attempts to one organizer's webhooks at once (per server process).
pub const PER_OWNER: u32 = 2;
/// At most this many attempts at once in all.
pub const IN_FLIGHT_MAX: usize = 32;
/// How often the loop looks for due events when nothing wakes it.
const POLL: Duration = Duration::from_secs(1);

/// The body of an event: `{id, event, created_at, meeting: {id, title, status}, data}`. In an
/// anonymous meeting its time and its id (a v7 id carries its time) say only the minute.
pub fn event(
    meeting: &MeetingRecord,
    event: WebhookEvent,
    data: serde_json::Value,
    key: String,
    now: Timestamp,
) -> NewEvent {
    let at = crate::ssr::policy::disclosure::anonymous_time(meeting.fields.anonymous, now);
    let id = uuid::Uuid::new_v7(uuid::Timestamp::from_unix(
        uuid::NoContext,
        u64::try_from(at.as_second()).unwrap_or(0),
        at.subsec_nanosecond().unsigned_abs(),
    ));
    let payload = serde_json::json!({
        "id": id,
        "event": event.as_str(),
        "created_at": at.to_string(),
        "meeting": {
            "id": meeting.id,
            "title": meeting.fields.title,
            "status": meeting.status.as_str(),
        },
        "data": data,
    });
    NewEvent {
        meeting_id: meeting.id,
        event,
        payload: payload.to_string(),
        key: format!("{}:{key}", event.as_str()),
        at,
    }
}

pub async fn create(
    state: &AppState,
    actor: &Actor,
    input: WebhookInput,
) -> Result<WebhookWithSecret, AppError> {
    let user = actor.organizer()?;
    state.limits.check_write(WriterKey::User(user))?;
    let url = input.url.trim().to_owned();
    let mut events = Vec::new();
    for e in input.events {
        if !events.contains(&e) {
            events.push(e);
        }
    }
    if events.is_empty() {
        return Err(AppError::validation("events", "Choose at least one event"));
    }
    let target = parse_url(&url)?;
    if !state.config.webhook_allow_private {
        check_public(&target).await?;
    }
    let mut bytes = [0u8; 24];
    getrandom::fill(&mut bytes).map_err(|_| AppError::Internal)?;
    let secret = format!(
        "whsec_{}",
        bytes.iter().map(|b| format!("{b:02x}")).collect::<String>()
    );
    let webhook = Webhook {
        id: uuid::Uuid::now_v7(),
        url,
        events,
        format: input.format.unwrap_or(WebhookFormat::Json),
        active: true,
    };
    let record = WebhookRecord {
        webhook: webhook.clone(),
        user_id: user,
        secret: secret.clone(),
    };
    db::webhooks::insert(&state.db, &record, state.now()).await?;
    Ok(WebhookWithSecret { webhook, secret })
}

const SECRET_FLASH: &str = "prework_webhook";

/// `Set-Cookie` values that carry a new webhook's secret to the settings page, for its owner.
pub fn flash_secret(created: &WebhookWithSecret, owner: UserId, secure: bool) -> Vec<String> {
    crate::ssr::web::flash::set(SECRET_FLASH, &(owner, created), secure)
}

/// The webhook `user` just registered, with its secret, and the cookies that forget it. Another
/// organizer signing in on the same browser meanwhile sees nothing.
pub fn take_secret(
    user: UserId,
    headers: &http::HeaderMap,
) -> (Option<WebhookWithSecret>, Vec<String>) {
    let (flashed, clear) =
        crate::ssr::web::flash::take::<(UserId, WebhookWithSecret)>(headers, SECRET_FLASH);
    let created = flashed
        .filter(|(owner, _)| *owner == user)
        .map(|(_, created)| created);
    (created, clear)
}

pub async fn list(state: &AppState, actor: &Actor) -> Result<Vec<Webhook>, AppError> {
    let user = actor.organizer()?;
    Ok(db::webhooks::list_for_user(&state.db, user)
        .await?
        .into_iter()
        .map(|h| h.webhook)
        .collect())
}

/// The caller's own webhook, or 404 (another organizer's is as unknown as none).
async fn own(state: &AppState, actor: &Actor, id: uuid::Uuid) -> Result<WebhookRecord, AppError> {
    let user = actor.organizer()?;
    db::webhooks::get(&state.db, id)
        .await?
        .filter(|h| h.user_id == user)
        .ok_or(AppError::NotFound)
}

pub async fn delete(state: &AppState, actor: &Actor, id: uuid::Uuid) -> Result<(), AppError> {
    let hook = own(state, actor, id).await?;
    state.limits.check_write(WriterKey::User(hook.user_id))?;
    db::webhooks::delete(&state.db, id).await?;
    Ok(())
}

/// The owner turns a webhook switched off after its failures back on.
pub async fn reactivate(state: &AppState, actor: &Actor, id: uuid::Uuid) -> Result<(), AppError> {
    let hook = own(state, actor, id).await?;
    state.limits.check_write(WriterKey::User(hook.user_id))?;
    db::webhooks::reactivate(&state.db, id).await?;
    Ok(())
}

pub async fn deliveries(
    state: &AppState,
    actor: &Actor,
    id: uuid::Uuid,
) -> Result<Vec<WebhookDelivery>, AppError> {
    own(state, actor, id).await?;
    Ok(db::webhooks::deliveries(&state.db, id).await?)
}

/// `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`.
pub fn signature(secret: &str, at: Timestamp, body: &str) -> String {
    let t = at.as_second();
    let mut mac =
        Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC takes any key length");
    mac.update(format!("{t}.{body}").as_bytes());
    let hex: String = mac
        .finalize()
        .into_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    format!("t={t},v1={hex}")
}

/// The Slack-style text of an event.
fn slack_text(payload: &serde_json::Value) -> String {
    let title = payload["meeting"]["title"].as_str().unwrap_or_default();
    let what = match payload["event"].as_str().unwrap_or_default() {
        "meeting.circulated" => "was circulated".to_owned(),
        "comment.created" => format!(
            "has a new {}",
            payload["data"]["comment"]["kind"]
                .as_str()
                .unwrap_or("comment")
        ),
        "readiness.changed" => "has a readiness change".to_owned(),
        "poll.closed" => "has a poll that closed".to_owned(),
        "deadline.reached" => format!(
            "reached its response deadline: {}",
            payload["data"]["summary"].as_str().unwrap_or_default()
        ),
        "decision.made" => format!(
            "was decided: {}",
            payload["data"]["decision"].as_str().unwrap_or_default()
        ),
        other => other.to_owned(),
    };
    format!(
        "Prework: “{}” {what}",
        crate::ssr::text::escape::one_line(title)
    )
}

/// The attempts under way in this process, and whose they are.
#[derive(Default)]
pub struct Dispatcher {
    in_flight: JoinSet<UserId>,
    busy: HashMap<UserId, u32>,
}

impl Dispatcher {
    /// Claims what is due and may start now, and starts it; returns how many it started.
    pub async fn dispatch(&mut self, state: &AppState) -> Result<usize, AppError> {
        let room = IN_FLIGHT_MAX.saturating_sub(self.in_flight.len());
        if room == 0 {
            return Ok(0);
        }
        let now = state.now();
        let busy = &self.busy;
        let claimed = db::webhooks::claim_due(
            &state.db,
            now,
            now + state.config.outbox_lease,
            room as u32,
            |owner| PER_OWNER.saturating_sub(busy.get(&owner).copied().unwrap_or(0)),
            PER_OWNER,
        )
        .await?;
        let started = claimed.len();
        for e in claimed {
            let owner = e.hook.user_id;
            *self.busy.entry(owner).or_default() += 1;
            let state = state.clone();
            self.in_flight.spawn(async move {
                if let Err(err) = attempt(&state, &e).await {
                    // left claimed: tried again once its lease runs out
                    tracing::error!(error = ?err, event = %e.id, "webhooks: could not record an attempt");
                }
                owner
            });
        }
        Ok(started)
    }

    /// Waits for one attempt to end; `None` when none is under way.
    pub async fn next_done(&mut self) -> Option<()> {
        let done = self.in_flight.join_next().await?;
        match done {
            Ok(owner) => {
                if let Some(n) = self.busy.get_mut(&owner) {
                    *n = n.saturating_sub(1);
                    if *n == 0 {
                        self.busy.remove(&owner);
                    }
                }
            }
            Err(e) => {
                // a panicked attempt: its owner's count can no longer be told apart, so start over
                tracing::error!(error = %e, "webhooks: an attempt panicked");
                self.busy.clear();
            }
        }
        Some(())
    }

    fn idle(&self) -> bool {
        self.in_flight.is_empty()
    }
}

/// The webhook loop inside the server process, apart from mail's: runs until `stop` turns
/// true, then lets the attempts under way end (each within `ATTEMPT_DEADLINE`).
pub async fn run(state: AppState, mut stop: watch::Receiver<bool>) {
    let mut dispatcher = Dispatcher::default();
    loop {
        if *stop.borrow() {
            break;
        }
        if let Err(e) = dispatcher.dispatch(&state).await {
            tracing::error!(error = ?e, "webhooks: could not read the queue");
        }
        tokio::select! {
            () = state.outbox.webhooks.notified() => {}
            () = tokio::time::sleep(POLL) => {}
            Some(()) = dispatcher.next_done(), if !dispatcher.idle() => {}
            _ = stop.changed() => {}
        }
    }
    while dispatcher.next_done().await.is_some() {}
    tracing::info!("webhooks: stopped");
}

/// Sends every event due now and waits for the attempts to end; returns how many were made.
/// Tests call it directly, on a manual clock.
pub async fn send_due(state: &AppState) -> Result<usize, AppError> {
    let mut dispatcher = Dispatcher::default();
    let mut handled = 0;
    loop {
        let started = dispatcher.dispatch(state).await?;
        handled += started;
        if started == 0 && dispatcher.idle() {
            return Ok(handled);
        }
        dispatcher.next_done().await;
    }
}

/// One attempt, recorded.
async fn attempt(state: &AppState, e: &OutgoingEvent) -> Result<(), AppError> {
    let result = send(state, e).await;
    let (ok, status, error) = match result {
        Ok(status) if (200..300).contains(&status) => (true, Some(status), None),
        Ok(status) => (
            false,
            Some(status),
            Some(format!("The endpoint answered {status}.")),
        ),
        Err(error) => (false, None, Some(error)),
    };
    let now = state.now();
    let (retry_at, pause_until) = if ok {
        (None, None)
    } else {
        let failures = db::webhooks::consecutive_failures(&state.db, e.hook.webhook.id).await? + 1;
        (
            schedule::backoff(e.attempt).map(|wait| now + wait),
            Some(now + schedule::backoff(failures).unwrap_or(jiff::SignedDuration::from_hours(24))),
        )
    };
    let attempt = db::webhooks::Attempt {
        ok,
        response_status: status,
        error: error.as_deref(),
        retry_at,
        pause_until,
    };
    db::webhooks::record(&state.db, e, &attempt, DISABLE_AFTER).await?;
    Ok(())
}

async fn send(state: &AppState, e: &OutgoingEvent) -> Result<u16, String> {
    let hook = &e.hook;
    let target =
        parse_url(&hook.webhook.url).map_err(|_| "The address is not valid.".to_owned())?;
    if !state.config.webhook_allow_private && !literal_allowed(&target) {
        return Err("The address is not public.".to_owned());
    }
    let body = match hook.webhook.format {
        WebhookFormat::Json => e.payload.clone(),
        WebhookFormat::Slack => {
            let payload: serde_json::Value = serde_json::from_str(&e.payload).unwrap_or_default();
            serde_json::json!({ "text": slack_text(&payload) }).to_string()
        }
    };
    let response = state
        .webhook_client
        .post(target)
        .header("Content-Type", "application/json")
        .header(
            "Prework-Signature",
            signature(&hook.secret, state.now(), &body),
        )
        .body(body)
        .send()
        .await
        .map_err(|err| {
            tracing::warn!(error = %err, webhook = %hook.webhook.id, "webhook attempt failed");
            if err.is_timeout() {
                format!(
                    "The endpoint did not answer within {} seconds.",
                    ATTEMPT_DEADLINE.as_secs()
                )
            } else if err.is_connect() {
                "The endpoint could not be reached, or its address is not public.".to_owned()
            } else {
                "The endpoint could not be reached.".to_owned()
            }
        })?;
    Ok(response.status().as_u16())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signatures_sign_the_time_and_the_body() {
        let at = Timestamp::from_second(1_700_000_000).unwrap();
        let sig = signature("whsec_test", at, "{}");
        assert!(sig.starts_with("t=1700000000,v1="));
        assert_eq!(sig.len(), "t=1700000000,v1=".len() + 64);
        assert_ne!(sig, signature("whsec_other", at, "{}"));
    }
}
