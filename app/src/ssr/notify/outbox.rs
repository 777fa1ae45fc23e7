//! Which messages a change causes, composed and timed for each recipient, ready to be written in
//! the change's own transaction; and the organizer's delivery log.

use super::messages::{self, MeetingMail};
use super::schedule::Hours;
use crate::error::AppError;
use crate::model::delivery::{Delivery, DeliveryKind, DeliveryStatus};
use crate::model::outcome::Decision;
use crate::model::{MeetingStatus, Role};
use crate::ssr::db::attendees::AttendeeRecord;
use crate::ssr::db::deliveries::NewDelivery;
use crate::ssr::db::meetings::MeetingRecord;
use crate::ssr::db::{self};
use crate::ssr::policy::access::{Authorized, Edit, Read};
use crate::ssr::{AppState, domain::meetings::calendar};
use jiff::Timestamp;

/// A message's state when queued: not sent when its recipient opted out, held when their
/// working window opens later, else ready to go.
pub fn initial_status(opted_out: bool, at: Timestamp, now: Timestamp) -> DeliveryStatus {
    if opted_out {
        DeliveryStatus::Suppressed
    } else if at > now {
        DeliveryStatus::Held
    } else {
        DeliveryStatus::Queued
    }
}

/// When a message to `person` may go, and whether that means holding it.
fn timing(
    person: &AttendeeRecord,
    meeting_zone: &str,
    now: Timestamp,
) -> (DeliveryStatus, Timestamp) {
    let hours = Hours::of_attendee(&person.fields, meeting_zone);
    let at = hours.next_open(now);
    (initial_status(false, at, now), at)
}

/// One message to one person, before it is timed.
pub(super) struct Letter {
    pub kind: DeliveryKind,
    pub dedup_key: String,
    pub composed: messages::Composed,
    pub ics: Option<String>,
    /// Whether it carries the person's own link (minted when it leaves).
    pub personal_link: bool,
}

/// When a message may go: its first status and the moment it is due.
pub(super) struct Timing {
    pub status: DeliveryStatus,
    pub not_before: Timestamp,
}

/// What only recurring updates (reminders, digests) carry: the one-click unsubscribe, and the
/// comments a digest covers.
#[derive(Default)]
pub(super) struct Extras {
    pub one_click: bool,
    pub covers: Vec<crate::model::CommentId>,
}

fn message(
    mail: &MeetingMail,
    person: &AttendeeRecord,
    letter: Letter,
    now: Timestamp,
) -> NewDelivery {
    let (status, not_before) = timing(person, &mail.record.fields.time_zone, now);
    to_attendee(
        mail,
        person,
        letter,
        Timing { status, not_before },
        Extras::default(),
    )
}

/// The one builder of a message to an attendee: every row of theirs is made here.
pub(super) fn to_attendee(
    mail: &MeetingMail,
    person: &AttendeeRecord,
    letter: Letter,
    timing: Timing,
    extras: Extras,
) -> NewDelivery {
    let Letter {
        kind,
        dedup_key,
        composed,
        ics,
        personal_link,
    } = letter;
    let Timing { status, not_before } = timing;
    NewDelivery {
        id: uuid::Uuid::now_v7(),
        meeting_id: mail.record.id,
        kind,
        dedup_key,
        attendee_id: Some(person.id),
        user_id: None,
        recipient_name: person.fields.name.clone(),
        recipient_email: person.fields.email.clone(),
        subject: composed.subject,
        body_text: composed.text,
        body_html: composed.html,
        ics,
        personal_link,
        status,
        not_before,
        one_click: extras.one_click,
        covers: extras.covers,
    }
}

/// What a meeting's messages draw on, read once.
pub struct Context {
    pub organizer: String,
    /// The organizer's address, for the invitation's calendar `ORGANIZER`.
    pub organizer_email: Option<String>,
    pub prereads: Vec<db::prereads::PrereadRecord>,
    pub agenda: Vec<crate::model::AgendaItem>,
    /// Everyone's name, for the agenda items they lead.
    pub names: Vec<(crate::model::AttendeeId, String)>,
    /// The questions of the polls still open, which an invitation asks people to answer.
    pub open_polls: Vec<String>,
    /// For an occurrence of a series: the series' one calendar entry, and who has it already.
    pub series: Option<SeriesInvite>,
}

/// The calendar an occurrence's invitation carries: the whole series, once per person (an
/// invitation to a later occurrence carries none to those invited to an earlier one).
pub struct SeriesInvite {
    pub record: db::series::SeriesRecord,
    pub schedule: crate::model::recurrence::Schedule,
    pub occurrences: Vec<db::occurrences::OccurrenceRow>,
    pub skips: Vec<jiff::civil::Date>,
    /// The addresses (as keys) invited to an earlier occurrence.
    pub known: Vec<String>,
}

async fn series_invite(
    state: &AppState,
    record: &MeetingRecord,
) -> Result<Option<SeriesInvite>, AppError> {
    let Some(o) = &record.occurrence else {
        return Ok(None);
    };
    let Some(series) = db::series::get(&state.db, o.series_id).await? else {
        return Ok(None);
    };
    let schedule = series.schedule();
    Ok(Some(SeriesInvite {
        occurrences: db::occurrences::occurrences(&state.db, series.id).await?,
        skips: db::series::skips(&state.db, series.id).await?,
        known: db::occurrences::earlier_addresses(&state.db, series.id, o.date).await?,
        schedule,
        record: series,
    }))
}

impl Context {
    /// What an invitation asks and shows besides the pre-reads.
    pub fn asks(&self) -> messages::Asks<'_> {
        messages::Asks {
            agenda: &self.agenda,
            owners: &self.names,
            polls: &self.open_polls,
        }
    }
}

/// What invitations draw on: [`context`] and, for an occurrence, its series' calendar entry and
/// who has it already (only invitations carry it, so only they read it).
pub async fn invitation_context<A>(
    state: &AppState,
    auth: &Authorized<A>,
) -> Result<Context, AppError> {
    let mut ctx = context(state, auth).await?;
    ctx.series = series_invite(state, auth.meeting()).await?;
    Ok(ctx)
}

/// What a meeting's messages draw on (its series' calendar entry aside: see
/// [`invitation_context`]).
pub async fn context<A>(state: &AppState, auth: &Authorized<A>) -> Result<Context, AppError> {
    let organizer = match auth.meeting().organizer_id {
        Some(user) => db::users::get(&state.db, user).await?,
        None => None,
    };
    let (name, email) = organizer.map(|u| (u.name, u.email)).unzip();
    let now = state.now();
    let open_polls = db::polls::list_for_meetings(&state.db, &[auth.id()])
        .await?
        .into_iter()
        .filter(|p| !crate::ssr::policy::disclosure::is_closed(p, now))
        .map(|p| p.question)
        .collect();
    let names = db::attendees::list_for_meeting(&state.db, auth.id())
        .await?
        .into_iter()
        .map(|p| (p.id, p.fields.name))
        .collect();
    Ok(Context {
        organizer: name.unwrap_or_else(|| "The organizer".to_owned()),
        organizer_email: email,
        prereads: db::prereads::list_for_meeting(&state.db, auth.id()).await?,
        agenda: db::agenda::list_for_meeting(&state.db, auth.id()).await?,
        names,
        open_polls,
        series: None,
    })
}

/// The invitations of a meeting going out: one per person, each with their own link; an
/// `informed` person gets the note that the outcome will reach them instead.
pub fn invitations(
    state: &AppState,
    auth: &Authorized<Edit>,
    ctx: &Context,
    people: &[AttendeeRecord],
) -> Vec<NewDelivery> {
    let record = auth.meeting();
    let now = state.now();
    let mail = MeetingMail {
        record,
        organizer: &ctx.organizer,
        prereads: &ctx.prereads,
        base: &state.config.public_url,
    };
    let ics = |person: &AttendeeRecord| match &ctx.series {
        Some(series) => series_calendar_for(state, ctx, series, person),
        None => calendar_for(
            state,
            ctx,
            record,
            &ctx.agenda,
            person,
            calendar::Method::Request,
        ),
    };
    people
        .iter()
        .map(|person| {
            let (kind, composed, ics) = if person.fields.role == Role::Informed {
                let composed = messages::informed_notice(&mail, person);
                (DeliveryKind::InformedNotice, composed, None)
            } else {
                let composed = messages::invitation(&mail, person, &ctx.asks());
                (DeliveryKind::Invitation, composed, ics(person))
            };
            let letter = Letter {
                kind,
                dedup_key: format!("{}:{}:{}", kind.as_str(), record.id, person.id),
                composed,
                ics,
                personal_link: true,
            };
            message(&mail, person, letter, now)
        })
        .collect()
}

/// The calendar file a person's invitation, update or cancellation carries, when the meeting
/// has a start and the person an address; its `ATTENDEE` is them alone.
fn calendar_for(
    state: &AppState,
    ctx: &Context,
    record: &MeetingRecord,
    agenda: &[crate::model::AgendaItem],
    person: &AttendeeRecord,
    method: calendar::Method,
) -> Option<String> {
    record.fields.starts_at?;
    let email = Some(person.fields.email.as_str()).filter(|e| !e.trim().is_empty())?;
    let parties = ctx
        .organizer_email
        .as_deref()
        .map(|organizer| calendar::Parties {
            organizer: (&ctx.organizer, organizer),
            attendee: (&person.fields.name, email),
        });
    Some(calendar::ics(
        record,
        agenda,
        &ctx.prereads,
        &state.config.public_url,
        method,
        parties.as_ref(),
    ))
}

/// The series' calendar entry for a person's first invitation to one of its occurrences;
/// none for someone who has it from an earlier one.
fn series_calendar_for(
    state: &AppState,
    ctx: &Context,
    series: &SeriesInvite,
    person: &AttendeeRecord,
) -> Option<String> {
    let email = Some(person.fields.email.as_str()).filter(|e| !e.trim().is_empty())?;
    if series.known.contains(&crate::model::user::email_key(email)) {
        return None;
    }
    let parties = ctx
        .organizer_email
        .as_deref()
        .map(|organizer| calendar::Parties {
            organizer: (&ctx.organizer, organizer),
            attendee: (&person.fields.name, email),
        });
    Some(calendar::series_ics(
        &calendar::SeriesCalendar {
            record: &series.record,
            schedule: &series.schedule,
            occurrences: &series.occurrences,
            skips: &series.skips,
        },
        &state.config.public_url,
        calendar::Method::Request,
        parties.as_ref(),
    ))
}

/// What a decision does to one person's calendar (RFC 5546): a cancellation takes the event
/// out of everyone's; shortening takes it out of the calendars of those it takes off the
/// invitation and sends those who stay the event as it now is (shorter, its agenda trimmed, a
/// higher `SEQUENCE`); holding changes nothing. `informed` people never had the event.
fn calendar_after(decision: Decision, person: &AttendeeRecord) -> Option<calendar::Method> {
    match decision {
        Decision::Cancel => Some(calendar::Method::Cancel),
        Decision::Hold => None,
        Decision::Shorten if person.fields.role == Role::Informed => None,
        Decision::Shorten if !person.invited => Some(calendar::Method::Cancel),
        Decision::Shorten => Some(calendar::Method::Request),
    }
}

/// The meeting and its agenda as a decision leaves them, for the calendar files its messages
/// carry.
pub struct Decided<'a> {
    pub record: &'a MeetingRecord,
    pub agenda: &'a [crate::model::AgendaItem],
}

/// The outcome, to everyone on the list (`informed` people and those taken off the invitation
/// included), with what their calendar needs ([`calendar_after`]); when the meeting is
/// cancelled, it is the cancellation.
#[allow(clippy::too_many_arguments)]
pub fn outcomes(
    state: &AppState,
    auth: &Authorized<Edit>,
    ctx: &Context,
    everyone: &[AttendeeRecord],
    decision: Decision,
    decided: &Decided,
    record: (&str, &str),
    actions: &[crate::model::action::ActionItem],
    decided_at: Timestamp,
) -> Vec<NewDelivery> {
    let outcome_record = record;
    let record = auth.meeting();
    let mail = MeetingMail {
        record,
        organizer: &ctx.organizer,
        prereads: &ctx.prereads,
        base: &state.config.public_url,
    };
    let kind = match decision {
        Decision::Cancel => DeliveryKind::Cancellation,
        Decision::Hold | Decision::Shorten => DeliveryKind::Outcome,
    };
    everyone
        .iter()
        .map(|person| {
            let owned: Vec<_> = actions
                .iter()
                .filter(|a| a.owner.id == person.id && !a.done)
                .cloned()
                .collect();
            let mut yours = messages::Body::default();
            super::after::owned_items(&mut yours, &owned);
            let composed = messages::outcome(&mail, person, decision, outcome_record, &yours);
            let ics = calendar_after(decision, person).and_then(|method| {
                let mut shown = decided.record.clone();
                if method == calendar::Method::Cancel {
                    shown.status = MeetingStatus::Cancelled;
                }
                calendar_for(state, ctx, &shown, decided.agenda, person, method)
            });
            let letter = Letter {
                kind,
                dedup_key: format!(
                    "{}:{}:{}:{}",
                    kind.as_str(),
                    record.id,
                    person.id,
                    decided_at.as_microsecond()
                ),
                composed,
                ics,
                // an owner marks their items done from their link
                personal_link: !owned.is_empty(),
            };
            message(&mail, person, letter, decided_at)
        })
        .collect()
}

/// The organizer's log of a meeting's messages.
pub async fn log(state: &AppState, auth: &Authorized<Read>) -> Result<Vec<Delivery>, AppError> {
    auth.require_organizer()?;
    Ok(db::deliveries::list_for_meeting(&state.db, auth.id()).await?)
}

/// One page of the messages, oldest first (API.md, "Lists are pages"): `cursor` as the page
/// before answered it, `limit` 1–200 (default 50).
pub async fn log_page(
    state: &AppState,
    auth: &Authorized<Read>,
    cursor: Option<&str>,
    limit: Option<u32>,
) -> Result<(Vec<Delivery>, Option<String>), AppError> {
    use crate::ssr::domain::paging;
    auth.require_organizer()?;
    let after = paging::stored_after(cursor)?;
    let (page, end) =
        db::deliveries::page_for_meeting(&state.db, auth.id(), after, paging::size(limit)).await?;
    let next = paging::next_from_stored(end);
    Ok((page, next))
}

/// "Send again": a failed message goes back in the queue (409 unless it had failed).
pub async fn retry(
    state: &AppState,
    auth: &Authorized<Edit>,
    id: uuid::Uuid,
) -> Result<Delivery, AppError> {
    if !db::deliveries::requeue_failed(&state.db, id, state.now()).await? {
        return Err(AppError::Conflict(
            "Only a message that failed can be sent again.".into(),
        ));
    }
    state.outbox.notify_one();
    let (meeting, delivery) = db::deliveries::get(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if meeting != auth.id() {
        return Err(AppError::NotFound);
    }
    Ok(delivery)
}

/// Loads a delivery and authorises `A` on its meeting.
pub async fn authorize_for<A: crate::ssr::policy::access::Permission>(
    state: &AppState,
    actor: &crate::ssr::auth::Actor,
    id: uuid::Uuid,
) -> Result<(Authorized<A>, Delivery), AppError> {
    crate::ssr::policy::access::authorize_via(
        state,
        actor,
        db::deliveries::get(&state.db, id),
        |d| d.0,
    )
    .await
    .map(|(auth, (_, delivery))| (auth, delivery))
}

/// Who among `people` gets a new personal link secret with their invitation.
pub fn new_secrets(
    people: &[AttendeeRecord],
) -> Result<Vec<(AttendeeRecord, String, String)>, AppError> {
    people
        .iter()
        .map(|p| {
            let (secret, hash) = crate::ssr::domain::people::accounts::token(
                crate::ssr::auth::tokens::TokenKind::Attendee,
            )?;
            Ok((p.clone(), secret, hash))
        })
        .collect()
}

/// One-click unsubscribe by a message's token: that person's messages for that meeting are the
/// outcome only from now on, and what was waiting to be sent is not. False for an unknown token.
pub async fn unsubscribe(state: &AppState, token: &str) -> Result<bool, AppError> {
    let plausible = token.len() == 32 && token.chars().all(|c| c.is_ascii_hexdigit());
    if !plausible {
        return Ok(false);
    }
    let hash = crate::ssr::auth::tokens::hash_token(&token.to_ascii_lowercase());
    Ok(db::deliveries::unsubscribe(&state.db, &hash).await?)
}

/// Messages sent before unsubscribe tokens were stored hashed kept theirs in clear: each is
/// replaced by its hash (a click on the old mail still works), once, at start-up.
pub async fn hash_old_unsubscribe_tokens(state: &AppState) -> Result<usize, AppError> {
    let old = db::deliveries::clear_unsubscribe_tokens(&state.db).await?;
    for (id, token) in &old {
        let hash = crate::ssr::auth::tokens::hash_token(&token.to_ascii_lowercase());
        db::deliveries::hash_unsubscribe_token(&state.db, *id, &hash).await?;
    }
    if !old.is_empty() {
        tracing::info!(
            count = old.len(),
            "outbox: stored old unsubscribe tokens as hashes"
        );
    }
    Ok(old.len())
}

/// A message to a meeting's organizer, in their working hours (suppressed once they turned the
/// meeting's messages down). `key` makes its de-duplication key from the day, in the
/// organizer's zone, the message will go out.
pub fn to_organizer(
    meeting: &crate::ssr::db::meetings::DeadlineMeeting,
    meeting_zone: &str,
    kind: DeliveryKind,
    key: impl FnOnce(jiff::civil::Date) -> String,
    composed: messages::Composed,
    now: Timestamp,
) -> Result<NewDelivery, AppError> {
    let o = &meeting.organizer;
    let hours = Hours::of_organizer(o, meeting_zone);
    let at = hours.next_open(now);
    let opted_out = meeting.organizer_notifications != crate::model::Notifications::All;
    let status = initial_status(opted_out, at, now);
    Ok(NewDelivery {
        id: uuid::Uuid::now_v7(),
        meeting_id: meeting.id,
        kind,
        dedup_key: key(at.to_zoned(hours.zone.clone()).date()),
        attendee_id: None,
        user_id: Some(o.id),
        recipient_name: o.name.clone(),
        recipient_email: o.email.clone(),
        subject: composed.subject,
        body_text: composed.text,
        body_html: composed.html,
        ics: None,
        personal_link: false,
        status,
        not_before: at,
        one_click: true,
        covers: Vec::new(),
    })
}
