//! Queries on `series`, `series_skips` and `carried_over`, and the transaction that makes an
//! occurrence: the meeting, its built-in poll, people, agenda, pre-reads and what it carries
//! over, together or not at all.

use super::StoreError;
use super::attendees::AttendeeRecord;
use super::meetings::MeetingRecord;
use super::polls::PollRecord;
use super::prereads::NewVersion;
use super::{Db, get_time, parse_text, time_text};
use crate::model::agenda::AgendaFields;
use crate::model::preread::{Block, SafeHtml};
use crate::model::series::{Advice, CarriedOver, SeriesFields, SeriesStatus};
use crate::model::{AgendaItemId, MeetingId, MeetingStatus, PrereadId, SeriesId, TeamId, UserId};
use crate::ssr::ServerError;
use jiff::Timestamp;
use jiff::civil::Date;
use sqlx::Row;
use sqlx::any::AnyRow;

/// A series as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct SeriesRecord {
    pub id: SeriesId,
    pub organizer_id: UserId,
    pub team_id: Option<TeamId>,
    pub fields: SeriesFields,
    pub status: SeriesStatus,
    pub ended_on: Option<Date>,
    pub advice: Option<Advice>,
    /// When the scheduler next looks at it.
    pub check_at: Timestamp,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    pub version: u64,
}

impl SeriesRecord {
    /// Its dates: the rule from the first start to `ends_on`, or to the day it was ended.
    pub fn schedule(&self) -> crate::model::recurrence::Schedule {
        let f = &self.fields;
        let zone = jiff::tz::TimeZone::get(&f.time_zone).unwrap_or(jiff::tz::TimeZone::UTC);
        let schedule = crate::model::recurrence::Schedule::new(
            zone,
            f.first_starts_at,
            f.recurrence.clone(),
            f.ends_on,
        );
        match self.ended_on {
            Some(day) => schedule.until(day),
            None => schedule,
        }
    }
}

const COLUMNS: &str = "id, organizer_id, team_id, fields, status, ended_on, advice, check_at, \
    created_at, updated_at, version";

fn record_from_row(row: &AnyRow) -> Result<SeriesRecord, StoreError> {
    let fields: String = row.try_get("fields")?;
    let advice: Option<String> = row.try_get("advice")?;
    let ended_on: Option<String> = row.try_get("ended_on")?;
    Ok(SeriesRecord {
        id: parse_text(row, "id")?,
        organizer_id: parse_text(row, "organizer_id")?,
        team_id: row
            .try_get::<Option<String>, _>("team_id")?
            .map(|t| t.parse())
            .transpose()
            .map_err(|_| ServerError::corrupt("team_id"))?,
        fields: serde_json::from_str(&fields).map_err(|_| ServerError::corrupt("series fields"))?,
        status: parse_text(row, "status")?,
        ended_on: ended_on
            .map(|d| d.parse())
            .transpose()
            .map_err(|_| ServerError::corrupt("ended_on"))?,
        advice: advice.and_then(|a| serde_json::from_str(&a).ok()),
        check_at: get_time(row, "check_at")?,
        created_at: get_time(row, "created_at")?,
        updated_at: get_time(row, "updated_at")?,
        version: row.try_get::<i64, _>("version")?.max(0) as u64,
    })
}

fn fields_json(f: &SeriesFields) -> Result<String, StoreError> {
    serde_json::to_string(f).map_err(|_| StoreError::Other(ServerError::corrupt("series fields")))
}

/// A pre-read of an occurrence to be, rendered.
#[derive(Debug, Clone)]
pub struct NewPreread {
    pub id: PrereadId,
    pub required: bool,
    pub title: String,
    pub markdown: String,
    pub html: SafeHtml,
    pub blocks: Vec<Block>,
    pub reading_minutes: u32,
}

/// Everything a meeting is made with at once: an occurrence, or a meeting from a template.
#[derive(Debug, Clone)]
pub struct WholeMeeting {
    pub meeting: MeetingRecord,
    pub builtin: PollRecord,
    /// Each person with the hash of a link secret nobody holds: their invitation mints the one
    /// they get.
    pub people: Vec<(AttendeeRecord, String)>,
    pub agenda: Vec<(AgendaItemId, AgendaFields)>,
    pub prereads: Vec<NewPreread>,
    pub carried: Vec<CarriedOver>,
    /// When the scheduler circulates it, for a series that does so.
    pub auto_circulate_at: Option<Timestamp>,
    /// When the scheduler next looks at the series: the end of this occurrence.
    pub check_at: Timestamp,
    pub advice: Option<Advice>,
}

/// Adds a series, and its first occurrence when it has one, in one transaction.
pub async fn insert(
    db: &Db,
    s: &SeriesRecord,
    first: Option<&WholeMeeting>,
) -> Result<(), StoreError> {
    let mut tx = db.begin_write().await?;
    sqlx::query(&format!(
        "INSERT INTO series ({COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 1)"
    ))
    .bind(s.id.to_string())
    .bind(s.organizer_id.to_string())
    .bind(s.team_id.map(|t| t.to_string()))
    .bind(fields_json(&s.fields)?)
    .bind(s.status.as_str())
    .bind(s.ended_on.map(|d| d.to_string()))
    .bind(
        s.advice
            .as_ref()
            .and_then(|a| serde_json::to_string(a).ok()),
    )
    .bind(time_text(s.check_at))
    .bind(time_text(s.created_at))
    .bind(time_text(s.updated_at))
    .execute(&mut *tx)
    .await?;
    if let Some(o) = first {
        occurrence_in(&mut tx, o).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Makes the next occurrence of an active series, unless another writer made it first (or
/// the series was ended meanwhile): false then, and nothing changed. The series row is taken
/// first, so two server instances wait on each other here rather than both inserting; the
/// unique key on `(series_id, occurrence_date)` settles whatever gets past that.
pub async fn insert_occurrence(db: &Db, o: &WholeMeeting) -> Result<bool, StoreError> {
    let Some(occurrence) = &o.meeting.occurrence else {
        return Ok(false);
    };
    let mut tx = db.begin_write().await?;
    let active = sqlx::query(
        "UPDATE series SET check_at = $2, advice = $3 WHERE id = $1 AND status = 'active'",
    )
    .bind(occurrence.series_id.to_string())
    .bind(time_text(o.check_at))
    .bind(
        o.advice
            .as_ref()
            .and_then(|a| serde_json::to_string(a).ok()),
    )
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if active == 0 {
        return Ok(false);
    }
    let taken: i64 = sqlx::query(
        "SELECT COUNT(*) AS n FROM meetings WHERE series_id = $1 AND occurrence_date = $2",
    )
    .bind(occurrence.series_id.to_string())
    .bind(occurrence.date.to_string())
    .fetch_one(&mut *tx)
    .await?
    .try_get("n")?;
    if taken > 0 {
        return Ok(false);
    }
    match occurrence_in(&mut tx, o).await {
        Ok(()) => {}
        Err(StoreError::Duplicate) => return Ok(false),
        Err(e) => return Err(e),
    }
    tx.commit().await?;
    Ok(true)
}

async fn occurrence_in(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    o: &WholeMeeting,
) -> Result<(), StoreError> {
    let m = &o.meeting;
    super::meetings::insert_in(tx, m, &o.builtin).await?;
    if let Some(at) = o.auto_circulate_at {
        sqlx::query("UPDATE meetings SET auto_circulate_at = $2 WHERE id = $1")
            .bind(m.id.to_string())
            .bind(time_text(at))
            .execute(&mut **tx)
            .await?;
    }
    for (person, hash) in &o.people {
        super::attendees::insert_in(tx, person, hash).await?;
    }
    for (i, (id, item)) in o.agenda.iter().enumerate() {
        super::agenda::insert_in(tx, m.id, *id, item, i as i64, m.created_at).await?;
    }
    for d in &o.prereads {
        let version = NewVersion {
            title: Some(&d.title),
            markdown: &d.markdown,
            html: &d.html,
            blocks: &d.blocks,
            reading_minutes: d.reading_minutes,
        };
        super::prereads::insert_in(tx, m.id, d.id, d.required, &version, m.created_at).await?;
    }
    for (i, c) in o.carried.iter().enumerate() {
        sqlx::query(
            "INSERT INTO carried_over (meeting_id, kind, source_id, text, thread_kind, \
             from_meeting_id, from_date, link, agenda_item_id, position) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, NULL, $9)",
        )
        .bind(m.id.to_string())
        .bind(c.kind.as_str())
        .bind(c.id.to_string())
        .bind(&c.text)
        .bind(c.thread_kind.map(|k| k.as_str()))
        .bind(c.from_meeting_id.to_string())
        .bind(c.from_date.to_string())
        .bind(&c.link)
        .bind(i as i64)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

/// Adds a meeting with its parts (a meeting started from a template), in one transaction.
pub async fn insert_meeting(db: &Db, whole: &WholeMeeting) -> Result<(), StoreError> {
    let mut tx = db.begin_write().await?;
    occurrence_in(&mut tx, whole).await?;
    tx.commit().await?;
    Ok(())
}

pub async fn get(db: &Db, id: SeriesId) -> Result<Option<SeriesRecord>, StoreError> {
    let row = sqlx::query(&format!("SELECT {COLUMNS} FROM series WHERE id = $1"))
        .bind(id.to_string())
        .fetch_optional(db.pool())
        .await?;
    row.as_ref().map(record_from_row).transpose()
}

/// Whose series a list shows.
#[derive(Debug, Clone)]
pub enum ListScope {
    /// An organizer's own.
    Organizer(UserId),
    /// A team's: all of them for a lead, else the caller's own in it.
    Team {
        team: TeamId,
        user: UserId,
        lead: bool,
    },
}

/// One page of series, newest first, after `(created_at, id)` when given; the position of the
/// last one when more follow.
pub async fn list_page(
    db: &Db,
    scope: &ListScope,
    after: Option<(Timestamp, SeriesId)>,
    limit: u32,
) -> Result<(Vec<SeriesRecord>, Option<(Timestamp, SeriesId)>), StoreError> {
    let mut binds: Vec<String> = Vec::new();
    let mut filters = Vec::new();
    let bind = |value: String, binds: &mut Vec<String>| {
        binds.push(value);
        format!("${}", binds.len())
    };
    match scope {
        ListScope::Organizer(user) => {
            filters.push(format!(
                "organizer_id = {}",
                bind(user.to_string(), &mut binds)
            ));
        }
        ListScope::Team { team, user, lead } => {
            filters.push(format!("team_id = {}", bind(team.to_string(), &mut binds)));
            if !lead {
                filters.push(format!(
                    "organizer_id = {}",
                    bind(user.to_string(), &mut binds)
                ));
            }
        }
    }
    if let Some((at, id)) = after {
        let at = bind(time_text(at), &mut binds);
        let id = bind(id.to_string(), &mut binds);
        filters.push(format!(
            "(created_at < {at} OR (created_at = {at} AND id < {id}))"
        ));
    }
    let sql = format!(
        "SELECT {COLUMNS} FROM series WHERE {} ORDER BY created_at DESC, id DESC LIMIT {}",
        filters.join(" AND "),
        limit + 1
    );
    let mut query = sqlx::query(&sql);
    for b in &binds {
        query = query.bind(b.clone());
    }
    let rows = query.fetch_all(db.pool()).await?;
    let mut out: Vec<SeriesRecord> = rows.iter().map(record_from_row).collect::<Result<_, _>>()?;
    let next = if out.len() > limit as usize {
        out.truncate(limit as usize);
        out.last().map(|s| (s.created_at, s.id))
    } else {
        None
    };
    Ok((out, next))
}

/// Reads the series under its row's lock, lets `merge` compute the new fields (or refuse), and
/// writes them with the next version: one write transaction. `then` runs in it, for what must
/// change with the series (its next occurrence while a draft).
pub async fn update<E>(
    db: &Db,
    id: SeriesId,
    now: Timestamp,
    merge: impl FnOnce(&SeriesRecord) -> Result<SeriesFields, E>,
) -> Result<SeriesRecord, E>
where
    E: From<StoreError>,
{
    let mut tx = db.begin_write().await.map_err(StoreError::from)?;
    let locked = sqlx::query("UPDATE series SET version = version WHERE id = $1")
        .bind(id.to_string())
        .execute(&mut *tx)
        .await
        .map_err(StoreError::from)?
        .rows_affected();
    if locked == 0 {
        return Err(StoreError::NotFound.into());
    }
    let row = sqlx::query(&format!("SELECT {COLUMNS} FROM series WHERE id = $1"))
        .bind(id.to_string())
        .fetch_one(&mut *tx)
        .await
        .map_err(StoreError::from)?;
    let current = record_from_row(&row)?;
    let fields = merge(&current)?;
    sqlx::query(
        "UPDATE series SET fields = $2, updated_at = $3, version = version + 1 WHERE id = $1",
    )
    .bind(id.to_string())
    .bind(fields_json(&fields)?)
    .bind(time_text(now))
    .execute(&mut *tx)
    .await
    .map_err(StoreError::from)?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok(SeriesRecord {
        fields,
        updated_at: now,
        version: current.version + 1,
        ..current
    })
}

/// Ends an active series on `on`; false when it had ended already.
pub async fn end(db: &Db, id: SeriesId, on: Date, now: Timestamp) -> Result<bool, StoreError> {
    let done = sqlx::query(
        "UPDATE series SET status = 'ended', ended_on = $2, updated_at = $3, \
         version = version + 1 WHERE id = $1 AND status = 'active'",
    )
    .bind(id.to_string())
    .bind(on.to_string())
    .bind(time_text(now))
    .execute(db.pool())
    .await?;
    Ok(done.rows_affected() == 1)
}

/// A series with no date left ends by itself (its `UNTIL` stays its end date).
pub async fn run_out(db: &Db, id: SeriesId, now: Timestamp) -> Result<(), StoreError> {
    sqlx::query(
        "UPDATE series SET status = 'ended', updated_at = $2, version = version + 1 \
         WHERE id = $1 AND status = 'active'",
    )
    .bind(id.to_string())
    .bind(time_text(now))
    .execute(db.pool())
    .await?;
    Ok(())
}

/// Asks the scheduler to look at the series at `at` (at once, after a decision).
pub async fn check_at(db: &Db, id: SeriesId, at: Timestamp) -> Result<(), StoreError> {
    sqlx::query("UPDATE series SET check_at = $2 WHERE id = $1")
        .bind(id.to_string())
        .bind(time_text(at))
        .execute(db.pool())
        .await?;
    Ok(())
}

/// Keeps what the history advises now.
pub async fn set_advice(db: &Db, id: SeriesId, advice: &Advice) -> Result<(), StoreError> {
    sqlx::query("UPDATE series SET advice = $2 WHERE id = $1")
        .bind(id.to_string())
        .bind(serde_json::to_string(advice).ok())
        .execute(db.pool())
        .await?;
    Ok(())
}

/// Active series the scheduler should look at by `now`, oldest look first.
pub async fn due(db: &Db, now: Timestamp, limit: u32) -> Result<Vec<SeriesRecord>, StoreError> {
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM series WHERE status = 'active' AND check_at <= $1 \
         ORDER BY check_at LIMIT {limit}"
    ))
    .bind(time_text(now))
    .fetch_all(db.pool())
    .await?;
    rows.iter().map(record_from_row).collect()
}

/// Skips a date ahead of time (again: nothing changes).
pub async fn add_skip(db: &Db, id: SeriesId, date: Date) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO series_skips (series_id, occurrence_date) VALUES ($1, $2) \
         ON CONFLICT DO NOTHING",
    )
    .bind(id.to_string())
    .bind(date.to_string())
    .execute(db.pool())
    .await?;
    Ok(())
}

pub async fn skips(db: &Db, id: SeriesId) -> Result<Vec<Date>, StoreError> {
    Ok(skips_of(db, &[id])
        .await?
        .into_iter()
        .map(|(_, d)| d)
        .collect())
}

/// The skipped dates of these series (one query), by series, in date order.
pub async fn skips_of(db: &Db, ids: &[SeriesId]) -> Result<Vec<(SeriesId, Date)>, StoreError> {
    let rows = super::fetch_for_ids(
        db,
        "SELECT series_id, occurrence_date FROM series_skips WHERE series_id IN ({ids}) \
         ORDER BY occurrence_date",
        ids,
    )
    .await?;
    rows.iter()
        .map(|r| {
            Ok((
                parse_text(r, "series_id")?,
                parse_text(r, "occurrence_date")?,
            ))
        })
        .collect()
}

/// Replaces a draft's people, agenda or pre-reads (each when given) with the series' own, in
/// one transaction under the meeting's lock; nothing changes once it is no longer a draft.
pub async fn replace_parts(
    db: &Db,
    meeting: MeetingId,
    people: Option<&[(AttendeeRecord, String)]>,
    agenda: Option<&[(AgendaItemId, AgendaFields)]>,
    prereads: Option<&[NewPreread]>,
    now: Timestamp,
) -> Result<(), StoreError> {
    let mut tx = db.begin_under(meeting).await?;
    let draft: String = sqlx::query("SELECT status FROM meetings WHERE id = $1")
        .bind(meeting.to_string())
        .fetch_one(&mut *tx)
        .await?
        .try_get("status")?;
    if draft != MeetingStatus::Draft.as_str() {
        return Ok(());
    }
    if let Some(people) = people {
        sqlx::query("DELETE FROM attendees WHERE meeting_id = $1")
            .bind(meeting.to_string())
            .execute(&mut *tx)
            .await?;
        for (person, hash) in people {
            super::attendees::insert_in(&mut tx, person, hash).await?;
        }
    }
    if let Some(agenda) = agenda {
        sqlx::query("DELETE FROM agenda_items WHERE meeting_id = $1")
            .bind(meeting.to_string())
            .execute(&mut *tx)
            .await?;
        for (i, (id, item)) in agenda.iter().enumerate() {
            super::agenda::insert_in(&mut tx, meeting, *id, item, i as i64, now).await?;
        }
    }
    if let Some(prereads) = prereads {
        sqlx::query("DELETE FROM prereads WHERE meeting_id = $1")
            .bind(meeting.to_string())
            .execute(&mut *tx)
            .await?;
        for d in prereads {
            let version = NewVersion {
                title: Some(&d.title),
                markdown: &d.markdown,
                html: &d.html,
                blocks: &d.blocks,
                reading_minutes: d.reading_minutes,
            };
            super::prereads::insert_in(&mut tx, meeting, d.id, d.required, &version, now).await?;
        }
    }
    tx.commit().await?;
    Ok(())
}

/// Every series of a team (one query), for its insights.
pub async fn for_team(db: &Db, team: TeamId) -> Result<Vec<SeriesRecord>, StoreError> {
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM series WHERE team_id = $1 ORDER BY created_at, id"
    ))
    .bind(team.to_string())
    .fetch_all(db.pool())
    .await?;
    rows.iter().map(record_from_row).collect()
}
