//! Queries on `meetings`.

use super::StoreError;
use super::{Db, get_time, get_u32, optional_time, parse_text, time_text};
use crate::model::{
    MeetingFields, MeetingId, MeetingStatus, MeetingSummary, SeriesId, TeamId, UserId,
};
use crate::ssr::ServerError;
use jiff::Timestamp;
use jiff::civil::Date;
use sqlx::Row;
use sqlx::any::AnyRow;

/// A meeting as stored, without its attendees.
#[derive(Debug, Clone, PartialEq)]
pub struct MeetingRecord {
    pub id: MeetingId,
    /// Who created it, and who Prework's messages to "the organizer" go to (another organizer
    /// takes this over when the creator is removed).
    pub organizer_id: Option<UserId>,
    /// The team whose norms it is held to, if any.
    pub team_id: Option<TeamId>,
    /// When it circulated: where the norms' windows are measured from.
    pub circulated_at: Option<Timestamp>,
    pub fields: MeetingFields,
    pub status: MeetingStatus,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    /// The series it is an occurrence of, if any.
    pub occurrence: Option<Occurrence>,
    /// Goes up by one with every change to the row: the API's `ETag`.
    pub version: u64,
    /// Goes up with every change to the rows hanging off the meeting (a trigger's work, see
    /// `migrations/0010_meeting_revision.sql`): what [`super::rows`] keys its copies by.
    pub revision: i64,
}

/// What makes a meeting one occurrence of a series.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Occurrence {
    pub series_id: SeriesId,
    /// Its date in the series' zone.
    pub date: Date,
    /// The start the series' rule gives that date: its calendar's `RECURRENCE-ID`, whatever
    /// the start was moved to since.
    pub original_start: Timestamp,
    /// What the series' history advised when it was made: a reason of its verdict.
    pub advice: Option<crate::model::series::Advice>,
}

const COLUMNS: &str = "id, organizer_id, title, purpose_kind, outcome, why_live, starts_at, \
    duration_minutes, time_zone, response_deadline, anonymous, hourly_rate_cents, status, \
    created_at, updated_at, version, reminder_hours, team_id, list_at, series_id, \
    occurrence_date, occurrence_start, series_advice";
/// What a read selects: the row's columns and the revision of what hangs off it.
const SELECTED: &str = "id, organizer_id, title, purpose_kind, outcome, why_live, starts_at, \
    duration_minutes, time_zone, response_deadline, anonymous, hourly_rate_cents, status, \
    created_at, updated_at, version, reminder_hours, revision, team_id, circulated_at, series_id, \
    occurrence_date, occurrence_start, series_advice";

/// Adds a meeting with its built-in poll, in one transaction: a meeting never exists without
/// it, so no read ever has to write it.
pub async fn insert(
    db: &Db,
    m: &MeetingRecord,
    builtin: &super::polls::PollRecord,
) -> Result<(), StoreError> {
    insert_many(db, std::slice::from_ref(m), std::slice::from_ref(builtin)).await
}

/// Adds meetings, each with its built-in poll (`builtins[i]` for `meetings[i]`), in one
/// transaction (one meeting for the app; many at once when a benchmark seeds a large team).
pub async fn insert_many(
    db: &Db,
    meetings: &[MeetingRecord],
    builtins: &[super::polls::PollRecord],
) -> Result<(), StoreError> {
    let mut tx = db.begin_write().await?;
    for (m, builtin) in meetings.iter().zip(builtins) {
        insert_in(&mut tx, m, builtin).await?;
    }
    tx.commit().await?;
    Ok(())
}

pub(super) async fn insert_in(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    m: &MeetingRecord,
    builtin: &super::polls::PollRecord,
) -> Result<(), StoreError> {
    let f = &m.fields;
    sqlx::query(&format!(
        "INSERT INTO meetings ({COLUMNS}) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, 1, $16, $17, $18, \
         $19, $20, $21, $22)"
    ))
    .bind(m.id.to_string())
    .bind(m.organizer_id.map(|u| u.to_string()))
    .bind(&f.title)
    .bind(f.purpose_kind.as_str())
    .bind(&f.outcome)
    .bind(f.why_live.clone())
    .bind(f.starts_at.map(time_text))
    .bind(i64::from(f.duration_minutes))
    .bind(&f.time_zone)
    .bind(f.response_deadline.map(time_text))
    .bind(i64::from(f.anonymous))
    .bind(f.hourly_rate_cents)
    .bind(m.status.as_str())
    .bind(time_text(m.created_at))
    .bind(time_text(m.updated_at))
    .bind(i64::from(f.reminder_hours))
    .bind(m.team_id.map(|t| t.to_string()))
    .bind(list_at(f, m.created_at))
    .bind(m.occurrence.as_ref().map(|o| o.series_id.to_string()))
    .bind(m.occurrence.as_ref().map(|o| o.date.to_string()))
    .bind(m.occurrence.as_ref().map(|o| time_text(o.original_start)))
    .bind(
        m.occurrence
            .as_ref()
            .and_then(|o| o.advice.as_ref())
            .and_then(|a| serde_json::to_string(a).ok()),
    )
    .execute(&mut **tx)
    .await?;
    if let Some(organizer) = m.organizer_id {
        sqlx::query(
            "INSERT INTO meeting_organizers (meeting_id, user_id, added_at, list_at) \
             VALUES ($1, $2, $3, $4)",
        )
        .bind(m.id.to_string())
        .bind(organizer.to_string())
        .bind(time_text(m.created_at))
        .bind(list_at(f, m.created_at))
        .execute(&mut **tx)
        .await?;
    }
    super::polls::insert_in(tx, builtin, m.created_at).await?;
    Ok(())
}

/// Reads the meeting under its row lock, lets `merge` compute the new fields from it (or
/// refuse), and writes them with the next version, all in one write transaction: two
/// concurrent edits of different fields both take effect, and a refused one changes nothing.
pub async fn update_fields<E>(
    db: &Db,
    id: MeetingId,
    now: Timestamp,
    merge: impl FnOnce(&MeetingRecord) -> Result<MeetingFields, E>,
) -> Result<MeetingRecord, E>
where
    E: From<StoreError>,
{
    let sql = format!("SELECT {SELECTED} FROM meetings WHERE id = $1 AND id = $2");
    let (mut tx, row) = super::begin_with_row(db, id, &sql, id.to_string()).await?;
    let current = record_from_row(&row)?;
    let f = merge(&current)?;
    sqlx::query(
        "UPDATE meetings SET title = $2, purpose_kind = $3, outcome = $4, why_live = $5, \
         starts_at = $6, duration_minutes = $7, time_zone = $8, response_deadline = $9, \
         anonymous = $10, hourly_rate_cents = $11, updated_at = $12, reminder_hours = $13, \
         list_at = $14, version = version + 1 \
         WHERE id = $1",
    )
    .bind(id.to_string())
    .bind(&f.title)
    .bind(f.purpose_kind.as_str())
    .bind(&f.outcome)
    .bind(f.why_live.clone())
    .bind(f.starts_at.map(time_text))
    .bind(i64::from(f.duration_minutes))
    .bind(&f.time_zone)
    .bind(f.response_deadline.map(time_text))
    .bind(i64::from(f.anonymous))
    .bind(f.hourly_rate_cents)
    .bind(time_text(now))
    .bind(i64::from(f.reminder_hours))
    .bind(list_at(&f, current.created_at))
    .execute(&mut *tx)
    .await
    .map_err(StoreError::from)?;
    if f.starts_at != current.fields.starts_at {
        // the organizers' lists sort by it too
        sqlx::query("UPDATE meeting_organizers SET list_at = $2 WHERE meeting_id = $1")
            .bind(id.to_string())
            .bind(list_at(&f, current.created_at))
            .execute(&mut *tx)
            .await
            .map_err(StoreError::from)?;
    }
    tx.commit().await.map_err(StoreError::from)?;
    Ok(MeetingRecord {
        fields: f,
        updated_at: now,
        version: current.version + 1,
        ..current
    })
}

/// What lists sort by: the start, or the creation for a meeting without one.
fn list_at(f: &MeetingFields, created_at: Timestamp) -> String {
    time_text(f.starts_at.unwrap_or(created_at))
}

/// Moves a meeting from one status to another; false (and nothing changed) when it was no
/// longer in `from`, so two concurrent transitions cannot both happen.
pub async fn transition(
    db: &Db,
    id: MeetingId,
    from: MeetingStatus,
    to: MeetingStatus,
    now: Timestamp,
) -> Result<bool, StoreError> {
    let done = sqlx::query(
        "UPDATE meetings SET status = $3, updated_at = $4, version = version + 1 \
         WHERE id = $1 AND status = $2",
    )
    .bind(id.to_string())
    .bind(from.as_str())
    .bind(to.as_str())
    .bind(time_text(now))
    .execute(db.pool())
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Deletes a meeting; its attendees and everything else hang off it and go with it.
pub async fn delete(db: &Db, id: MeetingId) -> Result<(), StoreError> {
    sqlx::query("DELETE FROM meetings WHERE id = $1")
        .bind(id.to_string())
        .execute(db.pool())
        .await?;
    Ok(())
}

/// These meetings, in no particular order (one query).
pub async fn get_many(db: &Db, ids: &[MeetingId]) -> Result<Vec<MeetingRecord>, StoreError> {
    let sql = format!("SELECT {SELECTED} FROM meetings WHERE id IN ({{ids}})");
    let rows = super::fetch_for_meetings(db, &sql, ids).await?;
    rows.iter().map(record_from_row).collect()
}

pub async fn get(db: &Db, id: MeetingId) -> Result<Option<MeetingRecord>, StoreError> {
    let row = sqlx::query(&format!("SELECT {SELECTED} FROM meetings WHERE id = $1"))
        .bind(id.to_string())
        .fetch_optional(db.pool())
        .await?;
    row.as_ref().map(record_from_row).transpose()
}

/// How circulating treats the personal links people already have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Links {
    /// Everyone's link is replaced by the new one (the browser shows the new ones once).
    Replace,
    /// The new secret is added beside the link handed out when the person was added (the API).
    Add,
}

/// Moves a draft to circulating, stores each person's new link secret (hashed) and queues the
/// invitations, in one write transaction; false, and nothing changed, when the meeting was no
/// longer a draft.
pub async fn circulate(
    db: &Db,
    id: MeetingId,
    tokens: &[(crate::model::AttendeeId, String)],
    links: Links,
    queued: &Queued<'_>,
    now: Timestamp,
) -> Result<Circulated, StoreError> {
    let Queued {
        invitations,
        events,
        exceptions,
    } = *queued;
    let mut tx = db.begin_under(id).await?;
    let moved = sqlx::query(
        "UPDATE meetings SET status = 'circulating', updated_at = $2, circulated_at = $2, \
         version = version + 1 WHERE id = $1 AND status = 'draft'",
    )
    .bind(id.to_string())
    .bind(time_text(now))
    .execute(&mut *tx)
    .await?;
    if moved.rows_affected() != 1 {
        return Ok(Circulated::NotDraft);
    }
    // the invitations were written from a list read before this transaction: under the lock,
    // the people must still be exactly those (every addition and removal takes the same lock)
    let people = sqlx::query("SELECT id FROM attendees WHERE meeting_id = $1")
        .bind(id.to_string())
        .fetch_all(&mut *tx)
        .await?;
    let same = people.len() == tokens.len()
        && people.iter().all(|r| {
            r.try_get::<String, _>("id")
                .is_ok_and(|a| tokens.iter().any(|(t, _)| t.to_string() == a))
        });
    if !same {
        return Ok(Circulated::PeopleChanged);
    }
    for (attendee, hash) in tokens {
        match links {
            Links::Replace => super::attendees::replace_token_in(&mut tx, *attendee, hash).await?,
            Links::Add => super::attendees::add_secret_in(&mut tx, *attendee, hash, now).await?,
        }
    }
    super::deliveries::insert_in(&mut tx, invitations, now).await?;
    super::webhooks::queue_in(&mut tx, events, now).await?;
    super::organizers::insert_exceptions_in(&mut tx, id, exceptions, now).await?;
    tx.commit().await?;
    Ok(Circulated::Moved)
}

/// What circulating writes beside the move: the invitations, the webhook events and the norm
/// exceptions the organizer gave reasons for.
#[derive(Debug, Clone, Copy)]
pub struct Queued<'a> {
    pub invitations: &'a [super::deliveries::NewDelivery],
    pub events: &'a [super::webhooks::NewEvent],
    pub exceptions: &'a [super::organizers::NewException],
}

/// What [`circulate`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Circulated {
    Moved,
    /// The meeting was no longer a draft: nothing changed.
    NotDraft,
    /// Someone was added or removed since the invitations were written: nothing changed.
    PeopleChanged,
}

/// One of the caller's attendee grants on a meeting, and whether that person is still on the
/// invitation ("shorten" takes people off it: they keep reading, they no longer take part).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Grant {
    pub attendee: crate::model::AttendeeId,
    pub invited: bool,
}

/// What the caller is to a meeting: an organizer of it, a lead of its team, and which of their
/// attendee grants belongs to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Standing {
    pub organizer: bool,
    pub lead: bool,
    pub grant: Option<Grant>,
}

/// A meeting and the caller's standing on it, in one query: what authorization reads.
pub async fn get_with_grant(
    db: &Db,
    id: MeetingId,
    user: Option<UserId>,
    attendee_ids: &[crate::model::AttendeeId],
) -> Result<Option<(MeetingRecord, Standing)>, StoreError> {
    let attendee_filter = if attendee_ids.is_empty() {
        "1 = 0".to_owned()
    } else {
        let placeholders: Vec<String> = (0..attendee_ids.len())
            .map(|i| format!("${}", i + 3))
            .collect();
        format!("a.id IN ({})", placeholders.join(", "))
    };
    let columns = SELECTED
        .split(", ")
        .map(|c| format!("m.{c}"))
        .collect::<Vec<_>>()
        .join(", ");
    let sql = format!(
        "SELECT {columns}, a.id AS attendee_id, a.invited AS attendee_invited, \
         (SELECT COUNT(*) FROM meeting_organizers o WHERE o.meeting_id = m.id \
            AND o.user_id = $2) AS is_organizer, \
         (SELECT COUNT(*) FROM team_members t WHERE t.team_id = m.team_id \
            AND t.user_id = $2 AND t.role = 'lead' AND t.status = 'active') AS is_lead \
         FROM meetings m \
         LEFT JOIN attendees a ON a.meeting_id = m.id AND {attendee_filter} \
         WHERE m.id = $1"
    );
    let mut query = sqlx::query(&sql)
        .bind(id.to_string())
        .bind(user.map(|u| u.to_string()).unwrap_or_default());
    for attendee in attendee_ids {
        query = query.bind(attendee.to_string());
    }
    let Some(row) = query.fetch_optional(db.pool()).await? else {
        return Ok(None);
    };
    let attendee: Option<String> = row.try_get("attendee_id")?;
    let grant = match attendee {
        Some(a) => Some(Grant {
            attendee: a.parse().map_err(|_| ServerError::corrupt("attendee_id"))?,
            invited: row.try_get::<Option<i64>, _>("attendee_invited")? != Some(0),
        }),
        None => None,
    };
    let standing = Standing {
        organizer: user.is_some() && row.try_get::<i64, _>("is_organizer")? > 0,
        lead: user.is_some() && row.try_get::<i64, _>("is_lead")? > 0,
        grant,
    };
    Ok(Some((record_from_row(&row)?, standing)))
}

const SUMMARY: &str = "SELECT m.id, m.title, m.purpose_kind, m.status, m.starts_at, m.time_zone, \
    m.created_at, m.team_id, m.list_at, \
    (SELECT COUNT(*) FROM attendees c WHERE c.meeting_id = m.id AND c.invited = 1) AS attendee_count";

/// Whose meetings a list holds.
#[derive(Debug, Clone)]
pub enum ListScope {
    /// The meetings this user organizes (created or co-organizes).
    Organizer(UserId),
    /// A team's meetings as this member sees them: every one for a lead, their own otherwise.
    Team {
        team: TeamId,
        user: UserId,
        lead: bool,
    },
    /// The circulated meetings these attendee grants open.
    Attendees(Vec<crate::model::AttendeeId>),
}

/// Where a page starts: after this list position (exclusive).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListPosition {
    pub list_at: String,
    pub id: MeetingId,
}

/// One page of a list, newest start first, and where the next page starts (`None`: the last).
/// Keyset pagination on (start, id): a page costs the same however many meetings come before
/// it, and meetings added meanwhile never make an item appear twice or be skipped.
pub async fn list_page(
    db: &Db,
    scope: &ListScope,
    status: Option<MeetingStatus>,
    after: Option<&ListPosition>,
    limit: u32,
) -> Result<(Vec<MeetingSummary>, Option<ListPosition>), StoreError> {
    let mut binds: Vec<String> = Vec::new();
    let mut bind = |value: String| {
        binds.push(value);
        format!("${}", binds.len())
    };
    let mut filters = Vec::new();
    // An organizer's lists walk their own rows of `meeting_organizers` (which keep `list_at`)
    // in index order; a lead's team list walks `meetings_team_list`. Either way a page reads
    // its own rows and no more.
    let mut from = "FROM meetings m";
    let mut order = "m.list_at DESC, m.id DESC";
    let mut position = ("m.list_at", "m.id");
    match scope {
        ListScope::Organizer(user) => {
            from = "FROM meeting_organizers o JOIN meetings m ON m.id = o.meeting_id";
            order = "o.list_at DESC, o.meeting_id DESC";
            position = ("o.list_at", "o.meeting_id");
            filters.push(format!("o.user_id = {}", bind(user.to_string())));
        }
        ListScope::Team { team, user, lead } => {
            if !lead {
                from = "FROM meeting_organizers o JOIN meetings m ON m.id = o.meeting_id";
                order = "o.list_at DESC, o.meeting_id DESC";
                position = ("o.list_at", "o.meeting_id");
                filters.push(format!("o.user_id = {}", bind(user.to_string())));
            }
            filters.push(format!("m.team_id = {}", bind(team.to_string())));
        }
        ListScope::Attendees(ids) => {
            if ids.is_empty() {
                return Ok((Vec::new(), None));
            }
            let places: Vec<String> = ids.iter().map(|a| bind(a.to_string())).collect();
            filters.push(format!(
                "m.status <> 'draft' AND m.id IN \
                 (SELECT a.meeting_id FROM attendees a WHERE a.id IN ({}))",
                places.join(", ")
            ));
        }
    }
    if let Some(status) = status {
        filters.push(format!("m.status = {}", bind(status.as_str().to_owned())));
    }
    if let Some(after) = after {
        let at = bind(after.list_at.clone());
        let id = bind(after.id.to_string());
        let (at_column, id_column) = position;
        filters.push(format!(
            "({at_column} < {at} OR ({at_column} = {at} AND {id_column} < {id}))"
        ));
    }
    let sql = format!(
        "{SUMMARY} {from} WHERE {} ORDER BY {order} LIMIT {}",
        filters.join(" AND "),
        limit + 1
    );
    let mut query = sqlx::query(&sql);
    for value in binds {
        query = query.bind(value);
    }
    let rows = query.fetch_all(db.pool()).await?;
    let more = rows.len() > limit as usize;
    let mut page = Vec::with_capacity(rows.len().min(limit as usize));
    let mut last = None;
    for row in rows.iter().take(limit as usize) {
        let summary = summary_from_row(row)?;
        last = Some(ListPosition {
            list_at: row.try_get("list_at")?,
            id: summary.id,
        });
        page.push(summary);
    }
    Ok((page, if more { last } else { None }))
}

fn summary_from_row(row: &AnyRow) -> Result<MeetingSummary, StoreError> {
    Ok(MeetingSummary {
        id: parse_text(row, "id")?,
        title: row.try_get("title")?,
        purpose_kind: parse_text(row, "purpose_kind")?,
        status: parse_text(row, "status")?,
        starts_at: optional_time(row, "starts_at")?,
        time_zone: row.try_get("time_zone")?,
        attendee_count: get_u32(row, "attendee_count")?,
        created_at: get_time(row, "created_at")?,
        team_id: row
            .try_get::<Option<String>, _>("team_id")?
            .map(|t| t.parse())
            .transpose()
            .map_err(|_| ServerError::corrupt("team_id"))?,
        verdict: None,
    })
}

fn record_from_row(row: &AnyRow) -> Result<MeetingRecord, StoreError> {
    let organizer: Option<String> = row.try_get("organizer_id")?;
    Ok(MeetingRecord {
        id: parse_text(row, "id")?,
        organizer_id: organizer
            .map(|o| o.parse())
            .transpose()
            .map_err(|_| ServerError::corrupt("organizer_id"))?,
        team_id: row
            .try_get::<Option<String>, _>("team_id")?
            .map(|t| t.parse())
            .transpose()
            .map_err(|_| ServerError::corrupt("team_id"))?,
        circulated_at: optional_time(row, "circulated_at")?,
        fields: MeetingFields {
            title: row.try_get("title")?,
            purpose_kind: parse_text(row, "purpose_kind")?,
            outcome: row.try_get("outcome")?,
            why_live: row.try_get("why_live")?,
            starts_at: optional_time(row, "starts_at")?,
            duration_minutes: get_u32(row, "duration_minutes")?,
            time_zone: row.try_get("time_zone")?,
            response_deadline: optional_time(row, "response_deadline")?,
            anonymous: row.try_get::<i64, _>("anonymous")? != 0,
            hourly_rate_cents: row.try_get("hourly_rate_cents")?,
            reminder_hours: get_u32(row, "reminder_hours")?,
        },
        status: parse_text(row, "status")?,
        created_at: get_time(row, "created_at")?,
        updated_at: get_time(row, "updated_at")?,
        occurrence: occurrence_from_row(row)?,
        version: row.try_get::<i64, _>("version")?.max(0) as u64,
        revision: row.try_get("revision")?,
    })
}

fn occurrence_from_row(row: &AnyRow) -> Result<Option<Occurrence>, StoreError> {
    let Some(series) = row.try_get::<Option<String>, _>("series_id")? else {
        return Ok(None);
    };
    let date: Option<String> = row.try_get("occurrence_date")?;
    let advice: Option<String> = row.try_get("series_advice")?;
    Ok(Some(Occurrence {
        series_id: series
            .parse()
            .map_err(|_| ServerError::corrupt("series_id"))?,
        date: date
            .and_then(|d| d.parse().ok())
            .ok_or_else(|| ServerError::corrupt("occurrence_date"))?,
        original_start: get_time(row, "occurrence_start")?,
        advice: advice.and_then(|a| serde_json::from_str(&a).ok()),
    }))
}

/// A meeting with its organizer and deadline: what the messages time causes need (reminders
/// before the deadline, the verdict at it, digests and blocker alerts to the organizer).
#[derive(Debug, Clone)]
pub struct DeadlineMeeting {
    pub id: MeetingId,
    pub deadline: Option<Timestamp>,
    pub organizer: crate::model::Profile,
    /// `all`, or `outcome_only` once the organizer unsubscribed this meeting's messages.
    pub organizer_notifications: crate::model::Notifications,
}

/// Circulating meetings whose response deadline falls in `[from, to]`.
pub async fn with_deadline_between(
    db: &Db,
    from: Timestamp,
    to: Timestamp,
) -> Result<Vec<DeadlineMeeting>, StoreError> {
    let sql = format!(
        "{ORGANIZED} WHERE m.status = 'circulating' AND m.response_deadline IS NOT NULL \
         AND m.response_deadline >= $1 AND m.response_deadline <= $2 \
         ORDER BY m.response_deadline, m.id"
    );
    let rows = sqlx::query(&sql)
        .bind(time_text(from))
        .bind(time_text(to))
        .fetch_all(db.pool())
        .await?;
    rows.iter().map(organized_from_row).collect()
}

/// These meetings with their organizers (one query).
pub async fn with_organizers(
    db: &Db,
    ids: &[MeetingId],
) -> Result<Vec<DeadlineMeeting>, StoreError> {
    let sql = format!("{ORGANIZED} WHERE m.id IN ({{ids}})");
    let rows = super::fetch_for_meetings(db, &sql, ids).await?;
    rows.iter().map(organized_from_row).collect()
}

const ORGANIZED: &str = "SELECT m.id, m.response_deadline, m.organizer_notifications, \
    u.id AS user_id, u.name, u.email, u.time_zone, u.work_start, u.work_end, u.work_days \
    FROM meetings m JOIN users u ON u.id = m.organizer_id";

fn organized_from_row(r: &AnyRow) -> Result<DeadlineMeeting, StoreError> {
    let time = |column: &str| -> Result<Option<crate::model::TimeOfDay>, StoreError> {
        Ok(r.try_get::<Option<String>, _>(column)?
            .and_then(|t| t.parse().ok()))
    };
    Ok(DeadlineMeeting {
        id: parse_text(r, "id")?,
        deadline: optional_time(r, "response_deadline")?,
        organizer_notifications: parse_text(r, "organizer_notifications")?,
        organizer: crate::model::Profile {
            id: parse_text(r, "user_id")?,
            name: r.try_get("name")?,
            email: r.try_get("email")?,
            time_zone: r.try_get("time_zone")?,
            work_start: time("work_start")?,
            work_end: time("work_end")?,
            work_days: parse_text(r, "work_days")?,
        },
    })
}
