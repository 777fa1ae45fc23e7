//! Queries on `feedback_asks`, `feedback_marks` and `feedback_tallies` (see the migration for
//! why an answer is never a row of its own).

use super::webhooks::NewEvent;
use super::{Db, StoreError};
use crate::model::feedback::{Answer, BetterCounts, Tally};
use crate::model::{AttendeeId, MeetingId, SeriesId};
use jiff::Timestamp;
use jiff::civil::Date;
use sqlx::Row;
use sqlx::any::AnyRow;

/// The one-way mark that `attendee` answered about `meeting`.
fn mark(meeting: MeetingId, attendee: AttendeeId) -> String {
    crate::ssr::auth::tokens::hash_token(&format!("{meeting}:{attendee}"))
}

fn count(row: &AnyRow, c: &str) -> Result<u32, StoreError> {
    Ok(u32::try_from(row.try_get::<i64, _>(c)?).unwrap_or(0))
}

fn tally_from_row(row: &AnyRow) -> Result<Tally, StoreError> {
    let notes: String = row.try_get("notes")?;
    Ok(Tally {
        responses: count(row, "responses")?,
        score_total: count(row, "score_total")?,
        better: BetterCounts {
            agenda: count(row, "better_agenda")?,
            focus: count(row, "better_focus")?,
            participation: count(row, "better_participation")?,
            next_steps: count(row, "better_next_steps")?,
            could_have_been_async: count(row, "better_async")?,
        },
        notes: serde_json::from_str(&notes)
            .map_err(|_| crate::ssr::ServerError::corrupt("feedback_tallies.notes"))?,
    })
}

const TALLY: &str = "responses, score_total, better_agenda, better_focus, better_participation, \
    better_next_steps, better_async, notes";

/// Records one answer: its mark, and the answer added into the meeting's tally (a new note at
/// a place drawn from `draw` among the notes there, so their order says nothing of who came
/// when). False, with nothing changed, when this person answered already. `summary` makes the
/// events to queue with the new tally, in the same transaction.
#[allow(clippy::too_many_arguments)]
pub async fn answer(
    db: &Db,
    meeting: MeetingId,
    series: Option<SeriesId>,
    attendee: AttendeeId,
    answer: &Answer,
    draw: u64,
    now: Timestamp,
    summary: impl FnOnce(&Tally) -> Vec<NewEvent>,
) -> Result<bool, StoreError> {
    let mut tx = db.begin_under(meeting).await?;
    let inserted = sqlx::query(
        "INSERT INTO feedback_marks (meeting_id, mark) VALUES ($1, $2) ON CONFLICT DO NOTHING",
    )
    .bind(meeting.to_string())
    .bind(mark(meeting, attendee))
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if inserted == 0 {
        return Ok(false);
    }
    sqlx::query(
        "INSERT INTO feedback_tallies (meeting_id, series_id) VALUES ($1, $2) \
         ON CONFLICT DO NOTHING",
    )
    .bind(meeting.to_string())
    .bind(series.map(|s| s.to_string()))
    .execute(&mut *tx)
    .await?;
    let row = sqlx::query(&format!(
        "SELECT {TALLY} FROM feedback_tallies WHERE meeting_id = $1"
    ))
    .bind(meeting.to_string())
    .fetch_one(&mut *tx)
    .await?;
    // under the meeting's lock: the tally is worked out here and written whole
    let mut tally = tally_from_row(&row)?;
    tally.add(answer, draw);
    let b = &tally.better;
    sqlx::query(
        "UPDATE feedback_tallies SET responses = $2, score_total = $3, better_agenda = $4, \
         better_focus = $5, better_participation = $6, better_next_steps = $7, \
         better_async = $8, notes = $9 WHERE meeting_id = $1",
    )
    .bind(meeting.to_string())
    .bind(i64::from(tally.responses))
    .bind(i64::from(tally.score_total))
    .bind(i64::from(b.agenda))
    .bind(i64::from(b.focus))
    .bind(i64::from(b.participation))
    .bind(i64::from(b.next_steps))
    .bind(i64::from(b.could_have_been_async))
    .bind(serde_json::to_string(&tally.notes).unwrap_or_else(|_| "[]".into()))
    .execute(&mut *tx)
    .await?;
    let events = summary(&tally);
    super::webhooks::queue_in(&mut tx, &events, now).await?;
    tx.commit().await?;
    Ok(true)
}

/// Whether `attendee` answered about `meeting`.
pub async fn answered(
    db: &Db,
    meeting: MeetingId,
    attendee: AttendeeId,
) -> Result<bool, StoreError> {
    Ok(
        sqlx::query("SELECT 1 AS one FROM feedback_marks WHERE meeting_id = $1 AND mark = $2")
            .bind(meeting.to_string())
            .bind(mark(meeting, attendee))
            .fetch_optional(db.pool())
            .await?
            .is_some(),
    )
}

/// A meeting's tally (empty when nobody answered).
pub async fn tally(db: &Db, meeting: MeetingId) -> Result<Tally, StoreError> {
    let row = sqlx::query(&format!(
        "SELECT {TALLY} FROM feedback_tallies WHERE meeting_id = $1"
    ))
    .bind(meeting.to_string())
    .fetch_optional(db.pool())
    .await?;
    Ok(row
        .as_ref()
        .map(tally_from_row)
        .transpose()?
        .unwrap_or_default())
}

/// The tallies of these meetings (one query), by meeting.
pub async fn tallies(
    db: &Db,
    meetings: &[MeetingId],
) -> Result<Vec<(MeetingId, Tally)>, StoreError> {
    let rows = super::fetch_for_meetings(
        db,
        &format!("SELECT meeting_id, {TALLY} FROM feedback_tallies WHERE meeting_id IN ({{ids}})"),
        meetings,
    )
    .await?;
    rows.iter()
        .map(|r| Ok((super::parse_text(r, "meeting_id")?, tally_from_row(r)?)))
        .collect()
}

/// The score totals of these series' occurrences (one query): (series, responses, total).
pub async fn series_scores(
    db: &Db,
    series: &[SeriesId],
) -> Result<Vec<(SeriesId, u32, u32)>, StoreError> {
    let rows = super::fetch_for_ids(
        db,
        "SELECT series_id, CAST(SUM(responses) AS BIGINT) AS responses, \
         CAST(SUM(score_total) AS BIGINT) AS total \
         FROM feedback_tallies WHERE series_id IN ({ids}) GROUP BY series_id",
        series,
    )
    .await?;
    rows.iter()
        .map(|r| {
            Ok((
                super::parse_text(r, "series_id")?,
                count(r, "responses")?,
                count(r, "total")?,
            ))
        })
        .collect()
}

/// Held and shortened meetings that ended between `from` and `now` and whose people were not
/// asked yet, by start. The caller filters by end (start plus duration, which the database
/// keeps inside the meeting's fields).
pub async fn to_ask(
    db: &Db,
    from: Timestamp,
    now: Timestamp,
    limit: u32,
) -> Result<Vec<MeetingId>, StoreError> {
    let rows = sqlx::query(
        "SELECT m.id FROM meetings m WHERE m.status IN ('held', 'shortened') \
         AND m.starts_at IS NOT NULL AND m.starts_at >= $1 AND m.starts_at <= $2 \
         AND NOT EXISTS (SELECT 1 FROM feedback_asks f WHERE f.meeting_id = m.id) \
         ORDER BY m.starts_at LIMIT $3",
    )
    .bind(super::time_text(from))
    .bind(super::time_text(now))
    .bind(i64::from(limit))
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|r| Ok(super::parse_text(r, "id")?))
        .collect()
}

/// Queues the requests and records that these meetings' people were asked: one transaction.
pub async fn ask(
    db: &Db,
    meetings: &[MeetingId],
    messages: &[super::deliveries::NewDelivery],
    on: Date,
    now: Timestamp,
) -> Result<(), StoreError> {
    let mut tx = db.begin_write().await?;
    for m in meetings {
        sqlx::query(
            "INSERT INTO feedback_asks (meeting_id, asked_on) VALUES ($1, $2) \
             ON CONFLICT DO NOTHING",
        )
        .bind(m.to_string())
        .bind(on.to_string())
        .execute(&mut *tx)
        .await?;
    }
    super::deliveries::insert_in(&mut tx, messages, now).await?;
    tx.commit().await?;
    Ok(())
}

/// One occurrence's answers, for its series' later verdicts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OccurrenceTally {
    pub series_id: SeriesId,
    pub date: Date,
    pub responses: u32,
    pub score_total: u32,
    pub said_async: u32,
}

/// The answered occurrences of these series (one query), newest first.
pub async fn for_series(db: &Db, series: &[SeriesId]) -> Result<Vec<OccurrenceTally>, StoreError> {
    let rows = super::fetch_for_ids(
        db,
        "SELECT t.series_id, m.occurrence_date, t.responses, t.score_total, t.better_async \
         FROM feedback_tallies t JOIN meetings m ON m.id = t.meeting_id \
         WHERE t.series_id IN ({ids}) AND m.occurrence_date IS NOT NULL \
         ORDER BY m.occurrence_date DESC",
        series,
    )
    .await?;
    rows.iter()
        .map(|r| {
            Ok(OccurrenceTally {
                series_id: super::parse_text(r, "series_id")?,
                date: super::parse_text(r, "occurrence_date")?,
                responses: count(r, "responses")?,
                score_total: count(r, "score_total")?,
                said_async: count(r, "better_async")?,
            })
        })
        .collect()
}
