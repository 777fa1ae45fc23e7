//! The delivery worker inside the server process: it claims what is due, sends it, and records
//! each attempt. Woken when something is queued, and once a second in any case, so a due message
//! goes out within seconds; several server instances on one PostgreSQL share the work without
//! sending anything twice (the claim skips rows another worker holds). On shutdown it finishes
//! the message in flight and stops.

use super::schedule;
use super::transport::Mailer;
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

/// Runs until `stop` turns true; then returns once the message in flight is done.
pub async fn run(state: AppState, mailer: Mailer, mut stop: watch::Receiver<bool>) {
    let mut last_tick: Option<std::time::Instant> = None;
    loop {
        if *stop.borrow() {
            break;
        }
        if last_tick.is_none_or(|t| t.elapsed() >= TICK) {
            last_tick = Some(std::time::Instant::now());
            if let Err(e) = super::scheduler::tick(&state).await {
                tracing::error!(error = ?e, "outbox: the scheduler could not queue");
            }
        }
        match send_due(&state, &mailer, &stop).await {
            Ok(n) if n > 0 => tracing::debug!(sent = n, "outbox: messages handled"),
            Ok(_) => {}
            Err(e) => tracing::error!(error = ?e, "outbox: could not read the queue"),
        }
        if let Err(e) = super::webhooks::send_due(&state).await {
            tracing::error!(error = ?e, "outbox: could not send webhook events");
        }
        tokio::select! {
            () = state.outbox.notified() => {}
            () = tokio::time::sleep(POLL) => {}
            _ = stop.changed() => {}
        }
    }
    tracing::info!("outbox: stopped");
}

/// [`send_due`] with nothing to stop it (tests, and one-off runs).
pub async fn send_now(state: &AppState, mailer: &Mailer) -> Result<usize, AppError> {
    let (_keep, stop) = watch::channel(false);
    send_due(state, mailer, &stop).await
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
            let result = mailer.send(&out).await;
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
