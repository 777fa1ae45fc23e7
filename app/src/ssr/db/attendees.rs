//! Queries on `attendees`.

use super::StoreError;
use super::{Db, get_time, parse_text, time_text};
use crate::model::attendee::AttendeeFields;
use crate::model::{AttendeeId, MeetingId, TimeOfDay};
use crate::ssr::ServerError;
use jiff::Timestamp;
use sqlx::any::AnyRow;
use sqlx::{Any, Row, Transaction};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttendeeRecord {
    pub id: AttendeeId,
    pub meeting_id: MeetingId,
    pub fields: AttendeeFields,
    pub ready: bool,
    pub not_needed: bool,
    pub created_at: Timestamp,
    /// Still on the invitation ("shorten" takes people off it without deleting them).
    pub invited: bool,
    pub notifications: crate::model::Notifications,
    /// Goes up with every change to the person's fields: the API's `ETag`.
    pub version: u64,
}

const COLUMNS: &str = "id, meeting_id, name, email, role, reason, time_zone, work_start, \
    work_end, work_days, notifications, ready, not_needed, created_at, invited, version";

/// Adds an attendee unless the meeting already has `max`; the count and the insert happen in
/// one write transaction so two concurrent additions cannot both squeeze past the limit.
/// Returns false when the meeting is full. A duplicate email is a unique violation.
pub async fn insert_within_limit(
    db: &Db,
    record: &AttendeeRecord,
    token_hash: &str,
    max: usize,
    invitation: &[super::deliveries::NewDelivery],
) -> Result<Added, StoreError> {
    let mut tx = db.begin_under(record.meeting_id).await?;
    let count: i64 = sqlx::query("SELECT COUNT(*) AS n FROM attendees WHERE meeting_id = $1")
        .bind(record.meeting_id.to_string())
        .fetch_one(&mut *tx)
        .await?
        .try_get("n")?;
    if count >= max as i64 {
        return Ok(Added::Full);
    }
    // read under the lock circulating takes too: a person added to a circulating meeting gets
    // their invitation in this transaction, whatever the caller saw before it
    let circulating = sqlx::query("SELECT status FROM meetings WHERE id = $1")
        .bind(record.meeting_id.to_string())
        .fetch_one(&mut *tx)
        .await?
        .try_get::<String, _>("status")?
        == crate::model::MeetingStatus::Circulating.as_str();
    if circulating && invitation.is_empty() {
        return Ok(Added::NeedsInvitation);
    }
    insert_in(&mut tx, record, token_hash).await?;
    if circulating {
        super::deliveries::insert_in(&mut tx, invitation, record.created_at).await?;
    }
    tx.commit().await?;
    Ok(Added::Added)
}

/// Inserts one attendee in the caller's transaction (no limit, no invitation: the callers
/// check those).
pub(super) async fn insert_in(
    tx: &mut Transaction<'static, Any>,
    record: &AttendeeRecord,
    token_hash: &str,
) -> Result<(), StoreError> {
    let f = &record.fields;
    let now = time_text(record.created_at);
    sqlx::query(
        "INSERT INTO attendees (id, meeting_id, name, email, email_key, role, reason, time_zone, \
         work_start, work_end, work_days, token_hash, ready, not_needed, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $13, $11, 0, 0, $12, $12)",
    )
    .bind(record.id.to_string())
    .bind(record.meeting_id.to_string())
    .bind(&f.name)
    .bind(&f.email)
    .bind(crate::model::user::email_key(&f.email))
    .bind(f.role.as_str())
    .bind(&f.reason)
    .bind(f.time_zone.clone())
    .bind(f.work_start.map(|t| t.to_string()))
    .bind(f.work_end.map(|t| t.to_string()))
    .bind(token_hash)
    .bind(&now)
    .bind(f.work_days.to_string())
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// What [`insert_within_limit`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Added {
    Added,
    /// The meeting has the most people it may: nothing changed.
    Full,
    /// The meeting is circulating and the person's invitation was not given: nothing changed.
    NeedsInvitation,
}

/// Reads the attendee under its meeting's lock, lets `merge` compute the new fields (or refuse),
/// and writes them with the next version, in one write transaction. A taken email is
/// [`StoreError::Duplicate`].
pub async fn update_fields<E>(
    db: &Db,
    id: AttendeeId,
    meeting: MeetingId,
    now: Timestamp,
    merge: impl FnOnce(&AttendeeRecord) -> Result<AttendeeFields, E>,
) -> Result<AttendeeRecord, E>
where
    E: From<StoreError>,
{
    let sql = format!("SELECT {COLUMNS} FROM attendees WHERE id = $1 AND meeting_id = $2");
    let (mut tx, row) = super::begin_with_row(db, meeting, &sql, id.to_string()).await?;
    let current = record_from_row(&row)?;
    let f = merge(&current)?;
    sqlx::query(
        "UPDATE attendees SET name = $2, email = $3, email_key = $4, role = $5, reason = $6, \
         time_zone = $7, work_start = $8, work_end = $9, updated_at = $10, work_days = $11, \
         version = version + 1 WHERE id = $1",
    )
    .bind(id.to_string())
    .bind(&f.name)
    .bind(&f.email)
    .bind(crate::model::user::email_key(&f.email))
    .bind(f.role.as_str())
    .bind(&f.reason)
    .bind(f.time_zone.clone())
    .bind(f.work_start.map(|t| t.to_string()))
    .bind(f.work_end.map(|t| t.to_string()))
    .bind(time_text(now))
    .bind(f.work_days.to_string())
    .execute(&mut *tx)
    .await
    .map_err(StoreError::from)?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok(AttendeeRecord {
        fields: f,
        version: current.version + 1,
        ..current
    })
}

/// Gives the attendee a new link secret and ends the browser grants the old link opened.
pub async fn replace_token(
    db: &Db,
    meeting: MeetingId,
    id: AttendeeId,
    token_hash: &str,
) -> Result<(), StoreError> {
    let mut tx = db.begin_under(meeting).await?;
    replace_token_in(&mut tx, id, token_hash).await?;
    tx.commit().await?;
    Ok(())
}

/// Adds a personal-link secret beside the person's current one (inside the caller's
/// transaction): the secret an invitation carries.
pub(super) async fn add_secret_in(
    tx: &mut Transaction<'static, Any>,
    id: AttendeeId,
    token_hash: &str,
    now: Timestamp,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO link_secrets (token_hash, attendee_id, created_at) VALUES ($1, $2, $3)",
    )
    .bind(token_hash)
    .bind(id.to_string())
    .bind(time_text(now))
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// [`replace_token`] inside the caller's transaction: every earlier secret of the person ends.
pub(super) async fn replace_token_in(
    tx: &mut Transaction<'static, Any>,
    id: AttendeeId,
    token_hash: &str,
) -> Result<(), StoreError> {
    sqlx::query("UPDATE attendees SET token_hash = $2 WHERE id = $1")
        .bind(id.to_string())
        .bind(token_hash)
        .execute(&mut **tx)
        .await?;
    sqlx::query("DELETE FROM link_secrets WHERE attendee_id = $1")
        .bind(id.to_string())
        .execute(&mut **tx)
        .await?;
    sqlx::query("DELETE FROM session_attendees WHERE attendee_id = $1")
        .bind(id.to_string())
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// What an attendee says about themself: the pre-reads now read, and the flags (`None` leaves
/// one as it is).
pub struct OwnChange<'a> {
    pub read: &'a [crate::model::PrereadId],
    pub ready: Option<bool>,
    pub not_needed: Option<bool>,
    pub notifications: Option<crate::model::Notifications>,
}

/// Writes an attendee's own change and the events it causes, at once, under the meeting's lock
/// ([`Db::begin_under`]).
pub async fn set_own_state(
    db: &Db,
    meeting: MeetingId,
    id: AttendeeId,
    change: &OwnChange<'_>,
    events: &[super::webhooks::NewEvent],
    now: Timestamp,
) -> Result<(), StoreError> {
    let OwnChange {
        read,
        ready,
        not_needed,
        notifications,
    } = *change;
    let mut tx = db.begin_under(meeting).await?;
    for preread in read {
        sqlx::query(
            "INSERT INTO preread_reads (attendee_id, preread_id, read_at) VALUES ($1, $2, $3) \
             ON CONFLICT DO NOTHING",
        )
        .bind(id.to_string())
        .bind(preread.to_string())
        .bind(time_text(now))
        .execute(&mut *tx)
        .await?;
    }
    if ready.is_some() || not_needed.is_some() || notifications.is_some() {
        sqlx::query(
            "UPDATE attendees SET ready = COALESCE($2, ready), \
             not_needed = COALESCE($3, not_needed), \
             notifications = COALESCE($5, notifications), updated_at = $4 WHERE id = $1",
        )
        .bind(id.to_string())
        .bind(ready.map(i64::from))
        .bind(not_needed.map(i64::from))
        .bind(time_text(now))
        .bind(notifications.map(|n| n.as_str()))
        .execute(&mut *tx)
        .await?;
    }
    super::webhooks::queue_in(&mut tx, events, now).await?;
    tx.commit().await?;
    Ok(())
}

pub async fn delete(db: &Db, meeting: MeetingId, id: AttendeeId) -> Result<(), StoreError> {
    let mut tx = db.begin_under(meeting).await?;
    sqlx::query("DELETE FROM attendees WHERE id = $1 AND meeting_id = $2")
        .bind(id.to_string())
        .bind(meeting.to_string())
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

pub async fn get(db: &Db, id: AttendeeId) -> Result<Option<AttendeeRecord>, StoreError> {
    let row = sqlx::query(&format!("SELECT {COLUMNS} FROM attendees WHERE id = $1"))
        .bind(id.to_string())
        .fetch_optional(db.pool())
        .await?;
    row.as_ref().map(record_from_row).transpose()
}

/// Everyone invited to a meeting, in the order they were added.
pub async fn list_for_meeting(
    db: &Db,
    meeting: MeetingId,
) -> Result<Vec<AttendeeRecord>, StoreError> {
    list_for_meetings(db, &[meeting]).await
}

/// Everyone ever invited to a meeting, those "shorten" took off the invitation included: whose
/// names and roles earlier comments keep.
pub async fn list_everyone_for_meeting(
    db: &Db,
    meeting: MeetingId,
) -> Result<Vec<AttendeeRecord>, StoreError> {
    everyone_for_meetings(db, &[meeting]).await
}

/// Everyone ever invited to any of these meetings, those taken off the invitation included
/// (one query).
pub async fn everyone_for_meetings(
    db: &Db,
    meetings: &[MeetingId],
) -> Result<Vec<AttendeeRecord>, StoreError> {
    let sql = format!(
        "SELECT {COLUMNS} FROM attendees WHERE meeting_id IN ({{ids}}) ORDER BY created_at, id"
    );
    let rows = super::fetch_for_meetings(db, &sql, meetings).await?;
    rows.iter().map(record_from_row).collect()
}

/// Everyone invited to any of these meetings (one query).
pub async fn list_for_meetings(
    db: &Db,
    meetings: &[MeetingId],
) -> Result<Vec<AttendeeRecord>, StoreError> {
    let sql = format!(
        "SELECT {COLUMNS} FROM attendees WHERE meeting_id IN ({{ids}}) AND invited = 1 \
         ORDER BY created_at, id"
    );
    let rows = super::fetch_for_meetings(db, &sql, meetings).await?;
    rows.iter().map(record_from_row).collect()
}

/// The attendee (and their meeting) whose personal link has this hash.
pub async fn find_by_token(
    db: &Db,
    token_hash: &str,
) -> Result<Option<(AttendeeId, MeetingId)>, StoreError> {
    let row = sqlx::query(
        "SELECT id, meeting_id FROM attendees WHERE token_hash = $1 \
         UNION ALL SELECT a.id, a.meeting_id FROM link_secrets l \
         JOIN attendees a ON a.id = l.attendee_id WHERE l.token_hash = $1",
    )
    .bind(token_hash)
    .fetch_optional(db.pool())
    .await?;
    row.map(|row| Ok((parse_text(&row, "id")?, parse_text(&row, "meeting_id")?)))
        .transpose()
}

fn record_from_row(row: &AnyRow) -> Result<AttendeeRecord, StoreError> {
    let time_of_day = |column: &str| -> Result<Option<TimeOfDay>, StoreError> {
        row.try_get::<Option<String>, _>(column)?
            .map(|t| {
                t.parse()
                    .map_err(|_| ServerError::corrupt(column.to_owned()))
            })
            .transpose()
            .map_err(StoreError::from)
    };
    Ok(AttendeeRecord {
        id: parse_text(row, "id")?,
        meeting_id: parse_text(row, "meeting_id")?,
        fields: AttendeeFields {
            name: row.try_get("name")?,
            email: row.try_get("email")?,
            role: parse_text(row, "role")?,
            reason: row.try_get("reason")?,
            time_zone: row.try_get("time_zone")?,
            work_start: time_of_day("work_start")?,
            work_end: time_of_day("work_end")?,
            work_days: parse_text(row, "work_days")?,
        },
        notifications: parse_text(row, "notifications")?,
        ready: row.try_get::<i64, _>("ready")? != 0,
        not_needed: row.try_get::<i64, _>("not_needed")? != 0,
        created_at: get_time(row, "created_at")?,
        invited: row.try_get::<i64, _>("invited")? != 0,
        version: row.try_get::<i64, _>("version")?.max(0) as u64,
    })
}
