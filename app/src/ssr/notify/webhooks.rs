//! Webhooks: an organizer's URLs told of their meetings' events (API.md, "Webhooks"), as JSON
//! signed with HMAC-SHA256 (`Prework-Signature: t=<unix>,v1=<hex of "<t>.<body>">`) or as
//! Slack-style `{"text": ...}`. A URL whose host resolves to a private, loopback or link-local
//! address is refused, at registration and again at each send, connecting to the address that
//! was checked (no DNS rebinding past the check), unless `PREWORK_WEBHOOK_ALLOW_PRIVATE=true`.
//! Anonymity holds: events carry what the organizer may read, never an author of an anonymous
//! meeting.

use super::address::{check_public, parse_url};
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
use crate::ssr::limits::WriterKey;
use hmac::{Hmac, Mac};
use jiff::Timestamp;
use sha2::Sha256;
use std::time::Duration;

/// A webhook that failed this many times in a row is turned off.
pub const DISABLE_AFTER: u32 = 20;
const TIMEOUT: Duration = Duration::from_secs(10);

/// The body of an event: `{id, event, created_at, meeting: {id, title, status}, data}`.
pub fn event(
    meeting: &MeetingRecord,
    event: WebhookEvent,
    data: serde_json::Value,
    key: String,
    now: Timestamp,
) -> NewEvent {
    let payload = serde_json::json!({
        "id": uuid::Uuid::now_v7(),
        "event": event.as_str(),
        "created_at": now.to_string(),
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
    super::super::flash::set(SECRET_FLASH, &(owner, created), secure)
}

/// The webhook `user` just registered, with its secret, and the cookies that forget it. Another
/// organizer signing in on the same browser meanwhile sees nothing.
pub fn take_secret(
    user: UserId,
    headers: &http::HeaderMap,
) -> (Option<WebhookWithSecret>, Vec<String>) {
    let (flashed, clear) =
        super::super::flash::take::<(UserId, WebhookWithSecret)>(headers, SECRET_FLASH);
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
    format!("Prework: “{}” {what}", crate::ssr::escape::one_line(title))
}

/// Sends the webhook events due now; returns how many were attempted.
pub async fn send_due(state: &AppState) -> Result<usize, AppError> {
    let now = state.now();
    let claimed =
        db::webhooks::claim_due(&state.db, now, now + state.config.outbox_lease, 10).await?;
    let handled = claimed.len();
    for e in claimed {
        let result = send(state, &e).await;
        let (ok, status, error) = match result {
            Ok(status) if (200..300).contains(&status) => (true, Some(status), None),
            Ok(status) => (
                false,
                Some(status),
                Some(format!("The endpoint answered {status}.")),
            ),
            Err(error) => (false, None, Some(error)),
        };
        let retry = if ok {
            None
        } else {
            schedule::backoff(e.attempt).map(|wait| state.now() + wait)
        };
        db::webhooks::record(
            &state.db,
            &e,
            ok,
            status,
            error.as_deref(),
            retry,
            DISABLE_AFTER,
        )
        .await?;
    }
    Ok(handled)
}

async fn send(state: &AppState, e: &OutgoingEvent) -> Result<u16, String> {
    let hook = &e.hook;
    let target =
        parse_url(&hook.webhook.url).map_err(|_| "The address is not valid.".to_owned())?;
    let mut client = reqwest::Client::builder()
        .timeout(TIMEOUT)
        .redirect(reqwest::redirect::Policy::none());
    if !state.config.webhook_allow_private {
        // connect to the address just checked, whatever the name resolves to a moment later
        let addr = check_public(&target)
            .await
            .map_err(|_| "The address resolves to a private network.".to_owned())?;
        client = client.resolve(&target.host, addr);
    }
    let client = client
        .build()
        .map_err(|_| "The request could not be made.".to_owned())?;
    let body = match hook.webhook.format {
        WebhookFormat::Json => e.payload.clone(),
        WebhookFormat::Slack => {
            let payload: serde_json::Value = serde_json::from_str(&e.payload).unwrap_or_default();
            serde_json::json!({ "text": slack_text(&payload) }).to_string()
        }
    };
    let response = client
        .post(&hook.webhook.url)
        .header("Content-Type", "application/json")
        .header("User-Agent", "Prework-Webhooks/1")
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
                "The endpoint did not answer within 10 seconds.".to_owned()
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
