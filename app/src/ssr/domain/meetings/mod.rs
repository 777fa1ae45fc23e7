//! Domain operations on meetings, shared by the server functions and the JSON API. Each takes
//! the caller's [`Authorized`] proof (authorised first), validates second, then writes. The
//! brief's views, the calendar entry, the verdict's inputs and the organizer's decision live
//! beside them.

pub mod brief;
pub mod calendar;
pub mod decision;
pub mod organizers;
pub mod verdict;

use crate::error::{AppError, Checks};
use crate::model::brief::IssuedLink;
use crate::model::delivery::WebhookEvent;
use crate::model::{Meeting, MeetingId, MeetingInput, MeetingStatus, MeetingViewer};
use crate::ssr::auth::Actor;
use crate::ssr::db::{self, meetings::Links, meetings::MeetingRecord, rows::MeetingRows};
use crate::ssr::domain::teams;
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
    let mut input = input;
    let team_id = input.team_id.take();
    if let Some(team) = team_id {
        // a member's team only; any other is as unknown as one that does not exist
        let (team, _) = db::teams::get_for_member(&state.db, team, organizer)
            .await?
            .ok_or(AppError::NotFound)?;
        let n = team.norms;
        input.time_zone.get_or_insert(n.time_zone);
        input.anonymous.get_or_insert(n.anonymous_by_default);
        input.hourly_rate.get_or_insert(n.hourly_rate);
    }
    let template = match input.template_id.take() {
        Some(id) => Some(crate::ssr::domain::templates::get(state, actor, id).await?),
        None => None,
    };
    if let Some(t) = &template {
        // the body's fields replace the template's
        if input.title.is_none() {
            input.title = t.title.clone();
        }
        input.purpose_kind.get_or_insert(t.purpose_kind);
        input.outcome.get_or_insert_with(|| t.outcome.clone());
        input.why_live.get_or_insert_with(|| t.why_live.clone());
        input
            .duration_minutes
            .get_or_insert(i64::from(t.duration_minutes));
    }
    let now = state.now();
    let fields = not_in_the_past(&input, now).merge(input.into_new())?;
    tz::check("time_zone", &fields.time_zone)?;
    let record = MeetingRecord {
        id: MeetingId::new(),
        organizer_id: Some(organizer),
        team_id,
        circulated_at: None,
        fields,
        status: MeetingStatus::Draft,
        created_at: now,
        updated_at: now,
        version: 1,
        revision: 0,
        occurrence: None,
    };
    let builtin = crate::ssr::domain::discussion::polls::builtin(record.id);
    match &template {
        None => db::meetings::insert(&state.db, &record, &builtin).await?,
        Some(t) => {
            let whole = db::series::WholeMeeting {
                agenda: crate::ssr::domain::templates::agenda_of(&t.agenda),
                prereads: crate::ssr::domain::templates::prereads_of(&t.prereads).await?,
                meeting: record.clone(),
                builtin,
                people: Vec::new(),
                carried: Vec::new(),
                auto_circulate_at: None,
                check_at: now,
                advice: None,
            };
            db::series::insert_meeting(&state.db, &whole).await?;
        }
    }
    load(
        state,
        record,
        Disclosure::new(Viewer::Organizer(organizer), false),
    )
    .await
}

/// Which page of which meetings a list asks for (API.md, "Lists are pages").
#[derive(Debug, Clone, Default)]
pub struct ListFilter {
    pub team_id: Option<crate::model::TeamId>,
    pub status: Option<MeetingStatus>,
    pub cursor: Option<String>,
    pub limit: Option<u32>,
}

/// A meeting's position in a list: its start (or creation) and id.
fn position(cursor: super::paging::Cursor) -> db::meetings::ListPosition {
    db::meetings::ListPosition {
        list_at: db::time_text(cursor.at),
        id: MeetingId(cursor.id),
    }
}

fn cursor_of(position: &db::meetings::ListPosition) -> Option<String> {
    let at: Timestamp = position.list_at.parse().ok()?;
    Some(
        super::paging::Cursor {
            at,
            id: position.id.0,
        }
        .to_string(),
    )
}

/// One page of the meetings the caller may open: an organizer's own and those they
/// co-organize (a team's, as its member sees them, with `team_id`); for an attendee, the
/// circulated meetings their links open. Newest start first, each with its verdict.
pub async fn list(
    state: &AppState,
    actor: &Actor,
    filter: ListFilter,
) -> Result<crate::model::meeting::MeetingPage, AppError> {
    use db::meetings::ListScope;
    let scope = match (actor.user, filter.team_id) {
        (Some(user), Some(team)) => {
            let access = teams::authorize(state, actor, team).await?;
            ListScope::Team {
                team,
                user,
                lead: access.role == crate::model::team::TeamRole::Lead,
            }
        }
        (Some(user), None) => ListScope::Organizer(user),
        (None, _) if actor.attendees.is_empty() => return Err(AppError::Unauthenticated),
        (None, Some(_)) => return Err(AppError::NotFound),
        (None, None) => ListScope::Attendees(actor.attendees.clone()),
    };
    let after = filter
        .cursor
        .as_deref()
        .map(super::paging::Cursor::parse)
        .transpose()?
        .map(position);
    let limit = filter
        .limit
        .unwrap_or(super::paging::PAGE_DEFAULT)
        .clamp(1, super::paging::PAGE_MAX);
    let (mut list, next) =
        db::meetings::list_page(&state.db, &scope, filter.status, after.as_ref(), limit).await?;
    // every verdict at once, in the same handful of queries as one
    let ids: Vec<MeetingId> = list.iter().map(|m| m.id).collect();
    let loaded = crate::ssr::domain::meetings::verdict::load_many(state, &ids).await?;
    for summary in &mut list {
        let facts = loaded.iter().find(|l| l.record.id == summary.id);
        summary.verdict = facts.map(|l| l.verdict.verdict);
    }
    Ok(crate::model::meeting::MeetingPage {
        meetings: list,
        next_cursor: next.as_ref().and_then(cursor_of),
    })
}

/// The whole meeting as the caller may see it.
pub async fn get<A>(state: &AppState, auth: &Authorized<A>) -> Result<Meeting, AppError> {
    let (record, rows) = auth.current(state).await?;
    let norms = teams::norms::of_meeting(state, &record).await?;
    Ok(view(
        record,
        &rows,
        auth.disclosure(),
        norms.as_ref(),
        state.now(),
    ))
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
    if let Some(occurrence) = &auth.meeting().occurrence {
        // a deleted occurrence is a skipped date: its series does not make it again
        db::series::add_skip(&state.db, occurrence.series_id, occurrence.date).await?;
        db::series::check_at(&state.db, occurrence.series_id, state.now()).await?;
    }
    Ok(())
}

/// Makes a draft visible to its attendees and invites them by mail, each with a new personal
/// link (added beside the one the API handed out when they were added). Circulating again
/// changes nothing; a meeting that was already decided cannot go back to circulating.
pub async fn circulate(
    state: &AppState,
    auth: &Authorized<Edit>,
    exception: Option<&str>,
) -> Result<Meeting, AppError> {
    let issued = circulate_with(state, auth, Links::Add, exception).await?;
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
    exception: Option<&str>,
) -> Result<Option<Vec<IssuedLink>>, AppError> {
    const TRIES: usize = 5;
    if auth.meeting().status != MeetingStatus::Draft {
        return Ok(None);
    }
    let norms = teams::norms::of_meeting(state, auth.meeting()).await?;
    let exceptions = norm_exceptions(state, auth, norms.as_ref(), exception).await?;
    let ctx = outbox::invitation_context(state, auth).await?;
    let mut circulated = auth.meeting().clone();
    circulated.status = MeetingStatus::Circulating;
    for _ in 0..TRIES {
        let mut people = db::attendees::list_for_meeting(&state.db, auth.id()).await?;
        if let Some(n) = &norms {
            // invitations go in the team's core hours to people who gave no hours of their own
            for p in &mut people {
                teams::norms::fill_hours(n, &mut p.fields);
            }
        }
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
            &db::meetings::Queued {
                invitations: &invitations,
                events: &events,
                exceptions: &exceptions,
            },
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

/// A team meeting that breaks its team's norms circulates only with the organizer's reason:
/// without one, every breach is named (422 `norm_breached`) and nothing changes; with one, an
/// exception is recorded for each breached norm. A reason given where nothing is breached is
/// not recorded.
async fn norm_exceptions(
    state: &AppState,
    auth: &Authorized<Edit>,
    norms: Option<&crate::model::team::Norms>,
    reason: Option<&str>,
) -> Result<Vec<db::organizers::NewException>, AppError> {
    let (record, rows) = auth.current(state).await?;
    let breaches = teams::norms::of(norms, &record, &rows, state.now());
    if breaches.is_empty() {
        return Ok(Vec::new());
    }
    let Some(reason) = reason else {
        return Err(AppError::NormBreached(breaches));
    };
    let reason = crate::model::team::exception_reason(reason)?;
    let user = auth.organizer();
    let by = crate::model::team::Organizer {
        user_id: user,
        name: db::users::get(&state.db, user)
            .await?
            .map(|u| u.name)
            .unwrap_or_default(),
    };
    Ok(breaches
        .into_iter()
        .map(|b| db::organizers::NewException {
            norm: b.norm,
            reason: reason.clone(),
            by: by.clone(),
        })
        .collect())
}

/// The whole meeting as `disclosure` lets its viewer see it, from its rows as of `record`.
async fn load(
    state: &AppState,
    record: MeetingRecord,
    disclosure: Disclosure,
) -> Result<Meeting, AppError> {
    let rows = db::rows::for_meeting(&state.db, &record).await?;
    let norms = teams::norms::of_meeting(state, &record).await?;
    Ok(view(record, &rows, disclosure, norms.as_ref(), state.now()))
}

fn view(
    record: MeetingRecord,
    rows: &MeetingRows,
    disclosure: Disclosure,
    norms: Option<&crate::model::team::Norms>,
    now: Timestamp,
) -> Meeting {
    let norm_breaches = teams::norms::of(norms, &record, rows, now);
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
    meeting.organizers = rows.organizers.clone();
    meeting.norm_breaches = norm_breaches;
    meeting.norm_exceptions = rows.exceptions.clone();
    meeting.carried_over = rows.carried.clone();
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
            lead: matches!(viewer, Viewer::Lead(_)),
            attendee_id: viewer.attendee(),
        },
        readiness: Default::default(),
        team_id: record.team_id,
        organizers: Vec::new(),
        norm_breaches: Vec::new(),
        norm_exceptions: Vec::new(),
        series_id: record.occurrence.as_ref().map(|o| o.series_id),
        occurrence_date: record.occurrence.as_ref().map(|o| o.date),
        carried_over: Vec::new(),
        version: record.version,
    }
}
