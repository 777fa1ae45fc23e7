//! The occurrences of a series: making the next one (with what the one before left open),
//! circulating it at the lead time, cancelling one, and reading the history. The scheduler's
//! tick ([`tick`]) drives it; every step is idempotent and one transaction, so two server
//! instances on one PostgreSQL make and circulate each occurrence once.

use super::advice::{self, Past};
use super::schedule_of;
use crate::error::AppError;
use crate::model::agenda::AgendaFields;
use crate::model::outcome::{Decision, DecisionInput};
use crate::model::series::{Advice, CarriedKind, CarriedOver, HistoryEntry, SeriesInput};
use crate::model::team::Norms;
use crate::model::{
    ActionId, AgendaItemId, AttendeeId, CommentId, CommentKind, MeetingId, MeetingStatus, SeriesId,
};
use crate::ssr::AppState;
use crate::ssr::auth::Actor;
use crate::ssr::auth::tokens::TokenKind;
use crate::ssr::db::meetings::{Links, MeetingRecord, Occurrence};
use crate::ssr::db::occurrences::OccurrenceRow;
use crate::ssr::db::series::{NewPreread, SeriesRecord, WholeMeeting};
use crate::ssr::db::{self, attendees::AttendeeRecord};
use crate::ssr::domain::meetings;
use crate::ssr::policy::access::{self, Edit};
use jiff::{SignedDuration, Timestamp};

/// How many series, and how many circulations, one tick takes at most (the rest wait for the
/// next tick, seconds later).
const BATCH: u32 = 100;
/// How much of a thread an occurrence carries as its text.
const CARRIED_TEXT: usize = 300;

/// Whether an occurrence is over: decided, or its end has passed.
pub fn is_over(o: &OccurrenceRow, now: Timestamp) -> bool {
    let decided = matches!(
        o.status,
        MeetingStatus::Held | MeetingStatus::Shortened | MeetingStatus::Cancelled
    );
    decided || end_of(o) <= now
}

fn end_of(o: &OccurrenceRow) -> Timestamp {
    let start = o.starts_at.unwrap_or(o.original_start);
    start
        .checked_add(SignedDuration::from_mins(i64::from(o.duration_minutes)))
        .unwrap_or(start)
}

/// The norms an occurrence is held to: its team's; none for a series of no team.
async fn norms_of(state: &AppState, record: &SeriesRecord) -> Result<Option<Norms>, AppError> {
    Ok(match record.team_id {
        Some(team) => db::teams::get(&state.db, team).await?.map(|t| t.norms),
        None => None,
    })
}

/// When an occurrence starting at `start` circulates and when its answers are due (API.md):
/// circulated `max(min_lead_hours, response window)` before it starts, where the series' own
/// response window is its team's `min_response_hours` (24 hours without a team, which has no
/// lead time to ask for either); not before `now`. Answers are due one window after
/// circulating, and not after the start.
pub fn timing(
    norms: Option<&Norms>,
    start: Timestamp,
    now: Timestamp,
) -> (Timestamp, Option<Timestamp>) {
    let (lead_hours, window_hours) = match norms {
        Some(n) => (n.min_lead_hours, n.min_response_hours),
        None => (0, Norms::default().min_response_hours),
    };
    let window = SignedDuration::from_hours(i64::from(window_hours));
    let lead = SignedDuration::from_hours(i64::from(lead_hours.max(window_hours)));
    // checked: a start at the very end of time must not overflow
    let circulate = start.checked_sub(lead).unwrap_or(start).max(now).min(start);
    let deadline =
        (!window.is_zero()).then(|| circulate.checked_add(window).unwrap_or(start).min(start));
    (circulate, deadline)
}

/// The next occurrence to make after `previous` (the first when there is none): the first
/// date of the schedule that is not skipped and still ahead, with the series' brief, people,
/// agenda and pre-reads, and what `previous` leaves open. `None` when no date is left.
pub async fn next_for(
    state: &AppState,
    record: &SeriesRecord,
    previous: Option<&OccurrenceRow>,
    norms: Option<&Norms>,
    now: Timestamp,
) -> Result<Option<WholeMeeting>, AppError> {
    let schedule = schedule_of(record);
    let skips = db::series::skips(&state.db, record.id).await?;
    let mut date = match previous {
        Some(p) => schedule.next_after(p.date),
        None => schedule.first_date(),
    };
    while let Some(d) = date {
        if !skips.contains(&d) && schedule.start_of(d) > now {
            break;
        }
        date = schedule.next_after(d);
    }
    let Some(date) = date else {
        return Ok(None);
    };
    let f = &record.fields;
    let start = schedule.start_of(date);
    let (circulate_at, deadline) = timing(norms, start, now);
    let window_hours = deadline.map_or(0, |d| d.duration_since(circulate_at).as_hours());
    let advice = record.advice.clone();
    let id = MeetingId::new();
    let meeting = MeetingRecord {
        id,
        organizer_id: Some(record.organizer_id),
        team_id: record.team_id,
        circulated_at: None,
        fields: crate::model::MeetingFields {
            title: f.title.clone(),
            purpose_kind: f.purpose_kind,
            outcome: f.outcome.clone(),
            why_live: f.why_live.clone(),
            starts_at: Some(start),
            duration_minutes: f.duration_minutes,
            time_zone: f.time_zone.clone(),
            response_deadline: deadline,
            anonymous: f.anonymous,
            hourly_rate_cents: f.hourly_rate_cents,
            // halfway through the window, so a reminder never follows the invitation at once
            reminder_hours: (window_hours / 2).clamp(1, 24) as u32,
        },
        status: MeetingStatus::Draft,
        created_at: now,
        updated_at: now,
        occurrence: Some(Occurrence {
            series_id: record.id,
            date,
            original_start: start,
            advice: advice.clone(),
        }),
        version: 1,
        revision: 0,
    };
    let Parts {
        people,
        agenda,
        prereads,
    } = parts(f, id, now).await?;
    let carried = match previous {
        Some(p) => left_open(state, p).await?,
        None => Vec::new(),
    };
    let end = start
        .checked_add(SignedDuration::from_mins(i64::from(f.duration_minutes)))
        .unwrap_or(start);
    Ok(Some(WholeMeeting {
        builtin: crate::ssr::domain::discussion::polls::builtin(id),
        meeting,
        people,
        agenda,
        prereads,
        carried,
        auto_circulate_at: f.auto_circulate.then_some(circulate_at),
        check_at: end,
        advice,
    }))
}

/// The people, agenda and pre-reads of an occurrence, made afresh from the series.
pub struct Parts {
    pub people: Vec<(AttendeeRecord, String)>,
    pub agenda: Vec<(AgendaItemId, AgendaFields)>,
    pub prereads: Vec<NewPreread>,
}

async fn parts(
    f: &crate::model::series::SeriesFields,
    id: MeetingId,
    now: Timestamp,
) -> Result<Parts, AppError> {
    let mut people = Vec::with_capacity(f.attendees.len());
    for person in &f.attendees {
        // a secret nobody holds: each invitation mints the link its person gets
        let (_, hash) = crate::ssr::domain::people::accounts::token(TokenKind::Attendee)?;
        people.push((
            AttendeeRecord {
                id: AttendeeId::new(),
                meeting_id: id,
                fields: person.clone(),
                ready: false,
                not_needed: false,
                created_at: now,
                invited: true,
                notifications: Default::default(),
                version: 1,
            },
            hash,
        ));
    }
    let agenda = crate::ssr::domain::templates::agenda_of(&f.agenda);
    let prereads = crate::ssr::domain::templates::prereads_of(&f.prereads).await?;
    Ok(Parts {
        people,
        agenda,
        prereads,
    })
}

/// What `previous` leaves open for the next occurrence: its unresolved `blocker`, `concern`
/// and `question` threads, its open action items, and what it carried itself that is still
/// open (keeping where it first came from). Each once.
async fn left_open(
    state: &AppState,
    previous: &OccurrenceRow,
) -> Result<Vec<CarriedOver>, AppError> {
    let Some(record) = db::meetings::get(&state.db, previous.meeting_id).await? else {
        return Ok(Vec::new());
    };
    let rows = db::rows::for_meeting(&state.db, &record).await?;
    // whether each carried entry is still open: one query per kind, not one per entry
    let threads: Vec<_> = carried_ids(&rows.carried, CarriedKind::Thread, CommentId);
    let actions: Vec<_> = carried_ids(&rows.carried, CarriedKind::ActionItem, ActionId);
    let open_threads = db::comments::unresolved_among(&state.db, &threads).await?;
    let open_actions = db::actions::open_among(&state.db, &actions).await?;
    let mut out: Vec<CarriedOver> = Vec::new();
    for c in &rows.carried {
        let still_open = match c.kind {
            CarriedKind::Thread => open_threads.contains(&CommentId(c.id)),
            CarriedKind::ActionItem => open_actions.contains(&ActionId(c.id)),
        };
        if still_open && !out.iter().any(|o| o.id == c.id) {
            out.push(CarriedOver {
                agenda_item_id: None,
                ..c.clone()
            });
        }
    }
    let open = rows.comments.iter().filter(|c| {
        c.parent_id.is_none()
            && !c.resolved
            && matches!(
                c.kind,
                CommentKind::Blocker | CommentKind::Concern | CommentKind::Question
            )
    });
    for c in open {
        if out.iter().any(|o| o.id == c.id.0) {
            continue;
        }
        out.push(CarriedOver {
            kind: CarriedKind::Thread,
            id: c.id.0,
            text: c.body.chars().take(CARRIED_TEXT).collect(),
            thread_kind: Some(c.kind),
            from_meeting_id: previous.meeting_id,
            from_date: previous.date,
            link: format!(
                "/meetings/{}/prereads/{}#thread-{}",
                previous.meeting_id, c.preread_id, c.id
            ),
            agenda_item_id: None,
        });
    }
    let items = db::actions::list_for_meeting(&state.db, previous.meeting_id).await?;
    for item in items.iter().filter(|i| !i.done) {
        if out.iter().any(|o| o.id == item.id.0) {
            continue;
        }
        let text = format!("{} ({}, due {})", item.title, item.owner.name, item.due_on);
        out.push(CarriedOver {
            kind: CarriedKind::ActionItem,
            id: item.id.0,
            text: text.chars().take(CARRIED_TEXT).collect(),
            thread_kind: None,
            from_meeting_id: previous.meeting_id,
            from_date: previous.date,
            link: format!("/meetings/{}#action-{}", previous.meeting_id, item.id),
            agenda_item_id: None,
        });
    }
    Ok(out)
}

/// The original ids of the carried entries of one kind.
fn carried_ids<T>(
    carried: &[CarriedOver],
    kind: CarriedKind,
    id: impl Fn(uuid::Uuid) -> T,
) -> Vec<T> {
    carried
        .iter()
        .filter(|c| c.kind == kind)
        .map(|c| id(c.id))
        .collect()
}

/// Makes the next occurrence of a series when the one before it is over (or there is none):
/// true when it made one. A series with no date left ends by itself.
pub async fn advance(state: &AppState, series: SeriesId) -> Result<bool, AppError> {
    let Some(record) = db::series::get(&state.db, series).await? else {
        return Ok(false);
    };
    if record.status != crate::model::series::SeriesStatus::Active {
        return Ok(false);
    }
    let now = state.now();
    let rows = db::occurrences::occurrences(&state.db, series).await?;
    let latest = rows.first();
    if let Some(current) = latest
        && !is_over(current, now)
    {
        // look again when it is over (a decision asks sooner)
        db::series::check_at(&state.db, series, end_of(current)).await?;
        return Ok(false);
    }
    let norms = norms_of(state, &record).await?;
    let (_, advice) = history(state, &record, &rows).await?;
    let mut record = record;
    record.advice = Some(advice);
    let Some(next) = next_for(state, &record, latest, norms.as_ref(), now).await? else {
        db::series::run_out(&state.db, series, now).await?;
        return Ok(false);
    };
    Ok(db::series::insert_occurrence(&state.db, &next).await?)
}

/// The scheduler's part: makes the occurrences now due and circulates those whose lead time
/// has come. Returns how many it made and circulated.
pub async fn tick(state: &AppState) -> Result<usize, AppError> {
    let now = state.now();
    let mut done = 0;
    for series in db::series::due(&state.db, now, BATCH).await? {
        match advance(state, series.id).await {
            Ok(true) => done += 1,
            Ok(false) => {}
            Err(e) => {
                tracing::error!(error = ?e, series = %series.id, "series: could not make the next occurrence")
            }
        }
    }
    for meeting in db::occurrences::circulations_due(&state.db, now, BATCH).await? {
        match circulate(state, meeting).await {
            Ok(true) => done += 1,
            Ok(false) => {}
            Err(e) => {
                tracing::error!(error = ?e, %meeting, "series: could not circulate an occurrence")
            }
        }
    }
    Ok(done)
}

/// Circulates an occurrence on its organizer's behalf, once: one that breaks its team's norms
/// stays a draft (its brief names the breaches; the organizer circulates it with a reason).
async fn circulate(state: &AppState, meeting: MeetingId) -> Result<bool, AppError> {
    let Some(record) = db::meetings::get(&state.db, meeting).await? else {
        return Ok(false);
    };
    let Some(auth) = access::for_scheduler(record) else {
        db::occurrences::circulation_tried(&state.db, meeting).await?;
        return Ok(false);
    };
    let result = meetings::circulate_with(state, &auth, Links::Add, None).await;
    db::occurrences::circulation_tried(&state.db, meeting).await?;
    match result {
        Ok(issued) => Ok(issued.is_some()),
        Err(AppError::NormBreached(breaches)) => {
            tracing::info!(%meeting, breaches = breaches.len(), "series: an occurrence breaks its team's norms and stays a draft");
            Ok(false)
        }
        Err(e) => Err(e),
    }
}

/// Cancels one occurrence: a draft quietly (nobody was invited yet), a circulating one as the
/// organizer's decision to cancel, with its outcome and calendar cancellation; one decided
/// already cannot be (409).
pub async fn cancel(
    state: &AppState,
    actor: &Actor,
    row: &OccurrenceRow,
    note: &str,
) -> Result<(), AppError> {
    match row.status {
        MeetingStatus::Draft => {
            db::meetings::transition(
                &state.db,
                row.meeting_id,
                MeetingStatus::Draft,
                MeetingStatus::Cancelled,
                state.now(),
            )
            .await?;
            Ok(())
        }
        MeetingStatus::Circulating => {
            let auth = access::authorize::<Edit>(state, actor, row.meeting_id).await?;
            meetings::decision::decide(
                state,
                &auth,
                DecisionInput {
                    decision: Some(Decision::Cancel),
                    note: Some(note.to_owned()),
                    actions: None,
                },
            )
            .await?;
            Ok(())
        }
        _ => Err(AppError::Conflict(
            "That occurrence was decided already; it cannot be skipped.".into(),
        )),
    }
}

/// The occurrences that are over or decided, newest first, each with its verdict and hours,
/// and what they advise.
pub async fn history(
    state: &AppState,
    record: &SeriesRecord,
    rows: &[OccurrenceRow],
) -> Result<(Vec<HistoryEntry>, Advice), AppError> {
    let now = state.now();
    let over: Vec<&OccurrenceRow> = rows.iter().filter(|o| is_over(o, now)).collect();
    let ids: Vec<MeetingId> = over.iter().map(|o| o.meeting_id).collect();
    let loaded = meetings::verdict::load_many(state, &ids).await?;
    let tallies = db::feedback::tallies(&state.db, &ids).await?;
    let mut entries = Vec::with_capacity(over.len());
    let mut minutes = Vec::with_capacity(over.len());
    for o in &over {
        let Some(l) = loaded.iter().find(|l| l.record.id == o.meeting_id) else {
            continue;
        };
        let meeting = l.facts.people.iter().filter(|p| p.would_meet()).count() as f64;
        let held_minutes = l.record.fields.duration_minutes;
        let attendee_hours = if o.status == MeetingStatus::Cancelled {
            0.0
        } else {
            meeting * f64::from(held_minutes) / 60.0
        };
        entries.push(HistoryEntry {
            meeting_id: o.meeting_id,
            occurrence_date: o.date,
            starts_at: o.starts_at.unwrap_or(o.original_start),
            status: o.status,
            verdict: l.verdict.verdict,
            attendee_hours: (attendee_hours * 100.0).round() / 100.0,
            worth_it: tallies
                .iter()
                .find(|(m, _)| *m == o.meeting_id)
                .and_then(|(_, t)| t.summary(0).average),
        });
        minutes.push((record.fields.duration_minutes, held_minutes));
    }
    let past: Vec<Past> = entries
        .iter()
        .zip(&minutes)
        .map(|(entry, (planned, held))| Past {
            entry,
            planned_minutes: *planned,
            held_minutes: *held,
        })
        .collect();
    let advice = advice::advise(&past, &record.fields.recurrence);
    Ok((entries, advice))
}

/// After the series changed: its next occurrence, while a draft, takes the change. A draft
/// whose date the new rule no longer has is cancelled quietly, and the next date made instead.
pub async fn refresh_draft(
    state: &AppState,
    record: &SeriesRecord,
    input: &SeriesInput,
) -> Result<(), AppError> {
    let now = state.now();
    let rows = db::occurrences::occurrences(&state.db, record.id).await?;
    let Some(draft) = rows
        .first()
        .filter(|o| o.status == MeetingStatus::Draft && !is_over(o, now))
    else {
        return Ok(());
    };
    let schedule = schedule_of(record);
    if !schedule.is_date(draft.date) {
        db::meetings::transition(
            &state.db,
            draft.meeting_id,
            MeetingStatus::Draft,
            MeetingStatus::Cancelled,
            now,
        )
        .await?;
        db::series::check_at(&state.db, record.id, now).await?;
        advance(state, record.id).await?;
        return Ok(());
    }
    let f = &record.fields;
    let start = schedule.start_of(draft.date);
    db::meetings::update_fields(&state.db, draft.meeting_id, now, |current| {
        let mut next = current.fields.clone();
        if input.title.is_some() {
            next.title = f.title.clone();
        }
        if input.purpose_kind.is_some() {
            next.purpose_kind = f.purpose_kind;
        }
        if input.outcome.is_some() {
            next.outcome = f.outcome.clone();
        }
        if input.why_live.is_some() {
            next.why_live = f.why_live.clone();
        }
        if input.duration_minutes.is_some() {
            next.duration_minutes = f.duration_minutes;
        }
        if input.anonymous.is_some() {
            next.anonymous = f.anonymous;
        }
        if input.hourly_rate.is_some() {
            next.hourly_rate_cents = f.hourly_rate_cents;
        }
        if input.time_zone.is_some() {
            next.time_zone = f.time_zone.clone();
            next.starts_at = Some(start);
        }
        Ok::<_, AppError>(next)
    })
    .await?;
    if input.agenda.is_some() || input.attendees.is_some() || input.prereads.is_some() {
        let parts = parts(f, draft.meeting_id, now).await?;
        db::series::replace_parts(
            &state.db,
            draft.meeting_id,
            input.attendees.is_some().then_some(parts.people.as_slice()),
            input.agenda.is_some().then_some(parts.agenda.as_slice()),
            input
                .prereads
                .is_some()
                .then_some(parts.prereads.as_slice()),
            now,
        )
        .await?;
    }
    Ok(())
}
