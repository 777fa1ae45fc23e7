//! The delivery worker inside the server process: it claims what is due, sends it, and records
//! each attempt. Woken when something is queued, and once a second in any case, so a due message
//! goes out within seconds; several server instances on one PostgreSQL share the work without
//! sending anything twice (the claim skips rows another worker holds). Webhooks go out from a
//! loop of their own beside it ([`super::webhooks::run`]), so no receiver, however slow, ever
//! holds a message. A message's secrets (its personal link, its unsubscribe token) are minted
//! as it leaves, only their hashes stored: no row, and no page of the database file, ever
//! holds one. On shutdown it finishes the message in flight and stops.

use super::schedule;
use super::transport::{Mailer, Secrets};
use crate::error::AppError;
use crate::ssr::AppState;
use crate::ssr::db;
use std::time::Duration;
use tokio::sync::watch;

/// Messages one claim takes at most.
const BATCH: u32 = 10;
/// How often the worker looks for due messages when nothing wakes it.
const POLL: Duration = Duration::from_secs(1);

/// How often the scheduler looks for messages time has made due (reminders, deadlines).
const TICK: Duration = Duration::from_secs(5);

/// Runs until `stop` turns true; then returns once the message in flight is done and the
/// webhook attempts under way have ended.
pub async fn run(state: AppState, mailer: Mailer, stop: watch::Receiver<bool>) {
    let hooks = tokio::spawn(super::webhooks::run(state.clone(), stop.clone()));
    mail(state, mailer, stop).await;
    if let Err(e) = hooks.await {
        tracing::error!(error = %e, "outbox: the webhook loop failed");
    }
}

async fn mail(state: AppState, mailer: Mailer, mut stop: watch::Receiver<bool>) {
    let mut last_tick: Option<std::time::Instant> = None;
    loop {
        if *stop.borrow() {
            break;
        }
        if last_tick.is_none_or(|t| t.elapsed() >= TICK) {
            last_tick = Some(std::time::Instant::now());
            if let Err(e) = crate::ssr::domain::series::occurrences::tick(&state).await {
                tracing::error!(error = ?e, "outbox: the series could not make their occurrences");
            }
            if let Err(e) = super::scheduler::tick(&state).await {
                tracing::error!(error = ?e, "outbox: the scheduler could not queue");
            }
            if let Err(e) = super::followups::tick(&state).await {
                tracing::error!(error = ?e, "outbox: the follow-ups could not queue");
            }
        }
        if let Err(e) = send_team_invitations(&state, &mailer).await {
            tracing::error!(error = ?e, "outbox: could not send the team invitations");
        }
        match send_due(&state, &mailer, &stop).await {
            Ok(n) if n > 0 => tracing::debug!(sent = n, "outbox: messages handled"),
            Ok(_) => {}
            Err(e) => tracing::error!(error = ?e, "outbox: could not read the queue"),
        }
        tokio::select! {
            () = state.outbox.mail.notified() => {}
            () = tokio::time::sleep(POLL) => {}
            _ = stop.changed() => {}
        }
    }
    tracing::info!("outbox: stopped");
}

/// [`send_due`] with nothing to stop it (tests, and one-off runs), team invitations first.
pub async fn send_now(state: &AppState, mailer: &Mailer) -> Result<usize, AppError> {
    let (_keep, stop) = watch::channel(false);
    let invitations = send_team_invitations(state, mailer).await?;
    Ok(invitations + send_due(state, mailer, &stop).await?)
}

/// Sends the team invitations due now (their own small queue: they belong to no meeting).
pub async fn send_team_invitations(state: &AppState, mailer: &Mailer) -> Result<usize, AppError> {
    let now = state.now();
    let claimed =
        db::teams::claim_invitations(&state.db, now, now + state.config.outbox_lease, BATCH)
            .await?;
    for out in &claimed {
        let letter = super::transport::Letter {
            id: out.id,
            recipient_name: &out.recipient_name,
            recipient_email: &out.recipient_email,
            subject: &out.subject,
            body_text: out.body_text.clone(),
            body_html: out.body_html.clone(),
            ics: None,
        };
        let result = mailer.send_letter(&letter).await;
        let now = state.now();
        let outcome = match &result {
            Ok(()) => Ok(()),
            Err(e) => Err((
                e.0.as_str(),
                schedule::backoff(out.attempt).map(|wait| now + wait),
            )),
        };
        db::teams::mark_invitation(&state.db, out.id, outcome, now).await?;
    }
    Ok(claimed.len())
}

/// Claims the messages due now and sends them one by one, stopping early (between messages)
/// when `stop` turns true; returns how many were attempted. Tests call it directly, on a
/// manual clock.
pub async fn send_due(
    state: &AppState,
    mailer: &Mailer,
    stop: &watch::Receiver<bool>,
) -> Result<usize, AppError> {
    let mut handled = 0;
    loop {
        let now = state.now();
        let claimed =
            db::deliveries::claim_due(&state.db, now, now + state.config.outbox_lease, BATCH)
                .await?;
        if claimed.is_empty() {
            return Ok(handled);
        }
        for out in claimed {
            if *stop.borrow() {
                // left claimed: another worker (or this one, restarted) takes it after the lease
                return Ok(handled);
            }
            handled += 1;
            let Some(secrets) = mint(state, &out).await? else {
                // the person left the meeting since it was queued: nothing to send
                continue;
            };
            let result = mailer.send(&out, &secrets).await;
            let now = state.now();
            match result {
                Ok(()) => db::deliveries::mark_sent(&state.db, out.id, out.attempt, now).await?,
                Err(e) => {
                    let retry = schedule::backoff(out.attempt).map(|wait| now + wait);
                    db::deliveries::mark_failed(&state.db, out.id, out.attempt, &e.0, retry, now)
                        .await?;
                }
            }
        }
    }
}

/// The secrets a message leaves with, their hashes stored first (so the link works the moment
/// the message arrives); `None` when the message or its person is gone.
async fn mint(
    state: &AppState,
    out: &db::deliveries::Outgoing,
) -> Result<Option<Secrets>, AppError> {
    use crate::ssr::auth::tokens::{TokenKind, hash_token};
    let link = match (out.personal_link, out.attendee_id) {
        (true, Some(_)) => Some(crate::ssr::domain::people::accounts::token(
            TokenKind::Attendee,
        )?),
        _ => None,
    };
    let unsubscribe = if out.one_click {
        let mut bytes = [0u8; 16];
        getrandom::fill(&mut bytes).map_err(|e| {
            tracing::error!(error = %e, "the OS random generator failed");
            AppError::Internal
        })?;
        let token: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
        let hash = hash_token(&token);
        Some((token, hash))
    } else {
        None
    };
    let hashes = db::deliveries::MintedHashes {
        link: link.as_ref().map(|(_, hash)| hash.clone()),
        unsubscribe: unsubscribe.as_ref().map(|(_, hash)| hash.clone()),
    };
    if (hashes.link.is_some() || hashes.unsubscribe.is_some())
        && !db::deliveries::store_minted(&state.db, out, &hashes, state.now()).await?
    {
        return Ok(None);
    }
    Ok(Some(Secrets {
        link: link.map(|(secret, _)| secret),
        unsubscribe: unsubscribe.map(|(token, _)| token),
    }))
}
