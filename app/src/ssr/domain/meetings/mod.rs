//! Domain operations on meetings, shared by the server functions and the JSON API. Each takes
//! the caller's [`Authorized`] proof (authorised first), validates second, then writes. The
//! brief's views, the calendar entry, the verdict's inputs and the organizer's decision live
//! beside them.

pub mod brief;
pub mod calendar;
pub mod decision;
pub mod verdict;

use crate::error::{AppError, Checks};
use crate::model::brief::IssuedLink;
use crate::model::delivery::WebhookEvent;
use crate::model::{
    Meeting, MeetingId, MeetingInput, MeetingStatus, MeetingSummary, MeetingViewer,
};
use crate::ssr::auth::Actor;
use crate::ssr::db::{self, meetings::Links, meetings::MeetingRecord, rows::MeetingRows};
use crate::ssr::notify::{outbox, webhooks};
use crate::ssr::policy::access::{Authorized, Edit, Viewer};
use crate::ssr::policy::disclosure::Disclosure;
use crate::ssr::runtime::limits::WriterKey;
use crate::ssr::{AppState, text::tz};
use jiff::Timestamp;

/// A precondition from `If-Match`: the row version the caller last saw.
pub type IfMatch = Option<crate::model::Precondition>;

pub async fn create(
    state: &AppState,
    actor: &Actor,
    input: MeetingInput,
) -> Result<Meeting, AppError> {
    let organizer = actor.organizer()?;
    state.limits.check_write(WriterKey::User(organizer))?;
    let now = state.now();
    let fields = not_in_the_past(&input, now).merge(input.into_new())?;
    tz::check("time_zone", &fields.time_zone)?;
    let record = MeetingRecord {
        id: MeetingId::new(),
        organizer_id: Some(organizer),
        fields,
        status: MeetingStatus::Draft,
        created_at: now,
        updated_at: now,
        version: 1,
        revision: 0,
    };
    let builtin = crate::ssr::domain::discussion::polls::builtin(record.id);
    db::meetings::insert(&state.db, &record, &builtin).await?;
    Ok(assemble(
        record,
        Vec::new(),
        Vec::new(),
        Disclosure::new(Viewer::Organizer(organizer), false),
    ))
}

/// The meetings the caller may open: an organizer's own; for an attendee, the circulated
/// meetings their links open.
pub async fn list(state: &AppState, actor: &Actor) -> Result<Vec<MeetingSummary>, AppError> {
    let mut list = match actor.user {
        Some(user) => db::meetings::list_for_organizer(&state.db, user).await?,
        None if actor.attendees.is_empty() => return Err(AppError::Unauthenticated),
        None => db::meetings::list_for_attendees(&state.db, &actor.attendees).await?,
    };
    // every verdict at once, in the same handful of queries as one
    let ids: Vec<MeetingId> = list.iter().map(|m| m.id).collect();
    let loaded = crate::ssr::domain::meetings::verdict::load_many(state, &ids).await?;
    for summary in &mut list {
        let facts = loaded.iter().find(|l| l.record.id == summary.id);
        summary.verdict = facts.map(|l| l.verdict.verdict);
    }
    Ok(list)
}

/// The whole meeting as the caller may see it.
pub async fn get<A>(state: &AppState, auth: &Authorized<A>) -> Result<Meeting, AppError> {
    let (record, rows) = auth.current(state).await?;
    Ok(view(record, &rows, auth.disclosure()))
}

/// The meeting as it is now, after the caller's own write, for the caller's eyes.
pub async fn reload<A>(state: &AppState, auth: &Authorized<A>) -> Result<Meeting, AppError> {
    let record = db::meetings::get(&state.db, auth.id())
        .await?
        .ok_or(AppError::NotFound)?;
    load(state, record, auth.disclosure()).await
}

/// Changes the fields sent, merged with the row as it is at the moment of writing, in one
/// transaction. With `if_match`, a row changed since the caller read it is left alone (412).
pub async fn update(
    state: &AppState,
    auth: &Authorized<Edit>,
    input: MeetingInput,
    if_match: IfMatch,
) -> Result<Meeting, AppError> {
    if let Some(tz_name) = &input.time_zone {
        tz::check("time_zone", tz_name.trim())?;
    }
    let now = state.now();
    let record = db::meetings::update_fields(&state.db, auth.id(), now, |current| {
        check_version(if_match, current.version)?;
        not_in_the_past(&input, now).merge(input.apply_to(current.fields.clone()))
    })
    .await?;
    load(state, record, auth.disclosure()).await
}

/// A start being set must lie ahead: a meeting cannot be planned in the past. (One that has
/// started may still be edited; only a new start is checked.)
fn not_in_the_past(input: &MeetingInput, now: Timestamp) -> Checks {
    let mut checks = Checks::default();
    if let Some(Some(start)) = input.starts_at
        && start < now
    {
        checks.add("starts_at", "The start must be in the future");
    }
    checks
}

/// 412 when the caller's `If-Match` names another version than the row's.
pub fn check_version(if_match: IfMatch, current: u64) -> Result<(), AppError> {
    match if_match {
        Some(precondition) if !precondition.matches(current) => Err(AppError::PreconditionFailed),
        _ => Ok(()),
    }
}

pub async fn delete(state: &AppState, auth: &Authorized<Edit>) -> Result<(), AppError> {
    db::meetings::delete(&state.db, auth.id()).await?;
    Ok(())
}

/// Makes a draft visible to its attendees and invites them by mail, each with a new personal
/// link (added beside the one the API handed out when they were added). Circulating again
/// changes nothing; a meeting that was already decided cannot go back to circulating.
pub async fn circulate(state: &AppState, auth: &Authorized<Edit>) -> Result<Meeting, AppError> {
    let issued = circulate_with(state, auth, Links::Add).await?;
    let meeting = reload(state, auth).await?;
    if issued.is_none() && meeting.status != MeetingStatus::Circulating {
        return Err(AppError::Conflict(
            "This meeting has already been decided; it cannot be circulated again.".into(),
        ));
    }
    Ok(meeting)
}

/// Moves a draft to circulating, giving each person a new link secret and queuing their
/// invitation, all in one transaction. The links issued, or `None` when the meeting was no
/// longer a draft (then nothing changed). Someone added while the invitations were written is
/// not left out: the move is refused when the people it was written for are no longer all of
/// them, and written again.
pub async fn circulate_with(
    state: &AppState,
    auth: &Authorized<Edit>,
    links: Links,
) -> Result<Option<Vec<IssuedLink>>, AppError> {
    const TRIES: usize = 5;
    if auth.meeting().status != MeetingStatus::Draft {
        return Ok(None);
    }
    let ctx = outbox::context(state, auth).await?;
    let mut circulated = auth.meeting().clone();
    circulated.status = MeetingStatus::Circulating;
    for _ in 0..TRIES {
        let people = db::attendees::list_for_meeting(&state.db, auth.id()).await?;
        let secrets = outbox::new_secrets(&people)?;
        let invitations = outbox::invitations(state, auth, &ctx, &people);
        let hashes: Vec<_> = secrets
            .iter()
            .map(|(p, _, hash)| (p.id, hash.clone()))
            .collect();
        let events = [webhooks::event(
            &circulated,
            WebhookEvent::MeetingCirculated,
            serde_json::json!({ "attendees": people.len() }),
            auth.id().to_string(),
            state.now(),
        )];
        let moved = db::meetings::circulate(
            &state.db,
            auth.id(),
            &hashes,
            links,
            &invitations,
            &events,
            state.now(),
        )
        .await?;
        match moved {
            db::meetings::Circulated::Moved => {}
            db::meetings::Circulated::NotDraft => return Ok(None),
            db::meetings::Circulated::PeopleChanged => continue,
        }
        state.outbox.notify_one();
        return Ok(Some(
            secrets
                .into_iter()
                .map(|(p, secret, _)| IssuedLink {
                    attendee_id: p.id,
                    name: p.fields.name,
                    role: p.fields.role,
                    link: format!("{}/i/{secret}", state.config.public_url),
                })
                .collect(),
        ));
    }
    tracing::warn!(meeting = %auth.id(), "circulating: the people kept changing");
    Err(AppError::Conflict(
        "The people on this meeting changed while it was being circulated. Please try again."
            .into(),
    ))
}

/// The whole meeting as `disclosure` lets its viewer see it, from its rows as of `record`.
async fn load(
    state: &AppState,
    record: MeetingRecord,
    disclosure: Disclosure,
) -> Result<Meeting, AppError> {
    let rows = db::rows::for_meeting(&state.db, &record).await?;
    Ok(view(record, &rows, disclosure))
}

fn view(record: MeetingRecord, rows: &MeetingRows, disclosure: Disclosure) -> Meeting {
    let people: Vec<_> = rows.invited().collect();
    let readiness = crate::model::meeting::ReadinessCounts {
        invited: people.len() as u32,
        ready: people.iter().filter(|p| p.ready).count() as u32,
        not_needed: people.iter().filter(|p| p.not_needed).count() as u32,
    };
    let people = people
        .into_iter()
        .map(|a| disclosure.attendee(a.clone()))
        .collect();
    let mut meeting = assemble(record, rows.agenda.clone(), people, disclosure);
    meeting.readiness = readiness;
    meeting.prereads = rows
        .prereads
        .iter()
        .map(|p| crate::model::meeting::PrereadSummary {
            id: p.id,
            title: p.title.clone(),
            required: p.required,
            version: p.version,
            reading_minutes: p.reading_minutes,
        })
        .collect();
    meeting
}

fn assemble(
    record: MeetingRecord,
    agenda: Vec<crate::model::AgendaItem>,
    attendees: Vec<crate::model::Attendee>,
    disclosure: Disclosure,
) -> Meeting {
    let viewer = disclosure.viewer();
    let hourly_rate = record.fields.hourly_rate();
    let f = record.fields;
    Meeting {
        id: record.id,
        title: f.title,
        purpose_kind: f.purpose_kind,
        outcome: f.outcome,
        why_live: f.why_live,
        starts_at: f.starts_at,
        duration_minutes: f.duration_minutes,
        time_zone: f.time_zone,
        response_deadline: f.response_deadline,
        anonymous: f.anonymous,
        hourly_rate,
        reminder_hours: f.reminder_hours,
        status: record.status,
        created_at: record.created_at,
        updated_at: record.updated_at,
        agenda,
        attendees,
        prereads: Vec::new(),
        viewer: MeetingViewer {
            organizer: viewer.is_organizer(),
            attendee_id: viewer.attendee(),
        },
        readiness: Default::default(),
        version: record.version,
    }
}
