//! Queries on decisions and outcome records.

use super::StoreError;
use super::{Db, get_time, parse_text, time_text};
use crate::model::{AgendaItemId, AttendeeId, MeetingId, MeetingStatus};
use jiff::Timestamp;
use sqlx::Row;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutcomeRecord {
    pub meeting_id: MeetingId,
    pub decision: String,
    pub note: String,
    pub markdown: String,
    pub decided_at: Timestamp,
}

/// What a decision changes, applied in one write transaction with its outcome record.
pub struct Apply<'a> {
    pub status: MeetingStatus,
    pub duration_minutes: Option<u32>,
    pub uninvite: &'a [AttendeeId],
    pub remove_items: &'a [AgendaItemId],
    /// Action items written with the decision.
    pub actions: &'a [(crate::model::ActionId, crate::model::action::ActionFields)],
    /// The meeting's share of its team's insights, as this decision leaves it.
    pub share: Option<&'a super::insights::Share>,
}

/// Applies a decision, writes its record and queues its messages, in one write transaction.
pub async fn decide(
    db: &Db,
    apply: Apply<'_>,
    outcome: &OutcomeRecord,
    messages: &[super::deliveries::NewDelivery],
    events: &[super::webhooks::NewEvent],
) -> Result<(), StoreError> {
    let meeting = outcome.meeting_id.to_string();
    let mut tx = db.begin_under(outcome.meeting_id).await?;
    sqlx::query(
        "UPDATE meetings SET status = $2, duration_minutes = COALESCE($3, duration_minutes), \
         updated_at = $4, version = version + 1 WHERE id = $1",
    )
    .bind(&meeting)
    .bind(apply.status.as_str())
    .bind(apply.duration_minutes.map(i64::from))
    .bind(time_text(outcome.decided_at))
    .execute(&mut *tx)
    .await?;
    for id in apply.uninvite {
        sqlx::query("UPDATE attendees SET invited = 0 WHERE id = $1 AND meeting_id = $2")
            .bind(id.to_string())
            .bind(&meeting)
            .execute(&mut *tx)
            .await?;
    }
    for id in apply.remove_items {
        sqlx::query("DELETE FROM agenda_items WHERE id = $1 AND meeting_id = $2")
            .bind(id.to_string())
            .bind(&meeting)
            .execute(&mut *tx)
            .await?;
    }
    if !apply.remove_items.is_empty() {
        super::agenda::renumber_all(&mut tx, outcome.meeting_id).await?;
    }
    sqlx::query(
        "INSERT INTO outcomes (meeting_id, decision, note, markdown, decided_at) \
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (meeting_id) DO UPDATE SET \
         decision = excluded.decision, note = excluded.note, markdown = excluded.markdown, \
         decided_at = excluded.decided_at",
    )
    .bind(&meeting)
    .bind(&outcome.decision)
    .bind(&outcome.note)
    .bind(&outcome.markdown)
    .bind(time_text(outcome.decided_at))
    .execute(&mut *tx)
    .await?;
    if let Some(share) = apply.share {
        super::insights::replace_in(&mut tx, share).await?;
    }
    for (id, fields) in apply.actions {
        super::actions::insert_in(&mut tx, outcome.meeting_id, *id, fields, outcome.decided_at)
            .await?;
    }
    super::deliveries::insert_in(&mut tx, messages, outcome.decided_at).await?;
    super::webhooks::queue_in(&mut tx, events, outcome.decided_at).await?;
    tx.commit().await?;
    Ok(())
}

/// The outcome records of these meetings, those decided (one query).
pub async fn for_meetings(
    db: &Db,
    meetings: &[MeetingId],
) -> Result<Vec<OutcomeRecord>, StoreError> {
    let sql = "SELECT meeting_id, decision, note, markdown, decided_at FROM outcomes \
         WHERE meeting_id IN ({ids})";
    let rows = super::fetch_for_meetings(db, sql, meetings).await?;
    rows.iter()
        .map(|r| {
            Ok(OutcomeRecord {
                meeting_id: parse_text(r, "meeting_id")?,
                decision: r.try_get("decision")?,
                note: r.try_get("note")?,
                markdown: r.try_get("markdown")?,
                decided_at: get_time(r, "decided_at")?,
            })
        })
        .collect()
}
