//! The messages time causes, queued by the worker's periodic tick: one reminder a day before
//! the response deadline to each person who has not yet acted, and the verdict to the organizer
//! once the deadline has passed. Their de-duplication keys make a tick idempotent: running it
//! twice, or on two server instances, queues each message once.

use super::messages::MeetingMail;
use super::outbox::{self, Extras, Letter, Timing};
use super::schedule::Hours;
use super::updates::{self, CommentLine, Left};
use super::webhooks;
use crate::error::AppError;
use crate::model::Notifications;
use crate::model::delivery::WebhookEvent;
use crate::model::delivery::{DeliveryKind, DeliveryStatus};
use crate::ssr::db::deliveries::NewDelivery;
use crate::ssr::db::meetings::DeadlineMeeting;
use crate::ssr::domain::meetings::verdict::{Loaded, load_many};
use crate::ssr::{AppState, db, policy::disclosure};
use jiff::{SignedDuration, Timestamp};

/// The longest a reminder may come before its deadline (API.md: `reminder_hours` ≤ 168).
const REMINDER_HORIZON: SignedDuration = SignedDuration::from_hours(168);
/// How long after its deadline a meeting's verdict may still be sent (a server that was down
/// for a weekend still sends it; one down for longer does not send stale news).
const DEADLINE_GRACE: SignedDuration = SignedDuration::from_hours(7 * 24);

/// Queues what is due now; returns how many messages it queued (at most; keys already queued
/// are skipped).
pub async fn tick(state: &AppState) -> Result<usize, AppError> {
    let now = state.now();
    let mut digests = digests(state, now).await?;
    digests.extend(reply_digests(state, now).await?);
    let meetings = db::meetings::with_deadline_between(
        &state.db,
        now - DEADLINE_GRACE,
        now + REMINDER_HORIZON,
    )
    .await?;
    if meetings.is_empty() && digests.is_empty() {
        poll_closings(state, now).await?;
        return Ok(0);
    }
    let ids: Vec<_> = meetings.iter().map(|m| m.id).collect();
    let loaded = load_many(state, &ids).await?;
    let votes = db::polls::votes_for_meetings(&state.db, &ids).await?;
    let prereads = db::prereads::list_for_meetings(&state.db, &ids).await?;
    let mut messages = digests;
    let mut events = Vec::new();
    for meeting in &meetings {
        let Some(loaded) = loaded.iter().find(|l| l.record.id == meeting.id) else {
            continue;
        };
        let docs: Vec<_> = prereads
            .iter()
            .filter(|p| p.meeting_id == meeting.id)
            .cloned()
            .collect();
        let mail = MeetingMail {
            record: &loaded.record,
            organizer: &meeting.organizer.name,
            prereads: &docs,
            base: &state.config.public_url,
        };
        let Some(deadline) = meeting.deadline else {
            continue;
        };
        if deadline <= now {
            messages.push(deadline_message(&mail, meeting, loaded, now)?);
            let verdict = &loaded.verdict;
            events.push(webhooks::event(
                &loaded.record,
                WebhookEvent::DeadlineReached,
                serde_json::json!({
                    "verdict": verdict.verdict,
                    "summary": verdict.summary,
                }),
                meeting.id.to_string(),
                now,
            ));
        } else {
            let reminder_from = deadline
                - SignedDuration::from_hours(i64::from(loaded.record.fields.reminder_hours));
            if now >= reminder_from {
                messages.extend(reminders(&mail, deadline, loaded, &votes, now));
            }
        }
    }
    let queued = messages.len();
    db::deliveries::enqueue(&state.db, &messages, &events, now).await?;
    poll_closings(state, now).await?;
    if queued > 0 {
        state.outbox.notify_one();
    }
    Ok(queued)
}

/// The reminders of one meeting, each with the person's own link.
fn reminders(
    mail: &MeetingMail,
    deadline: Timestamp,
    loaded: &Loaded,
    votes: &[db::polls::VoteRecord],
    now: Timestamp,
) -> Vec<NewDelivery> {
    let open_polls: Vec<_> = loaded
        .polls
        .iter()
        .map(|(p, _)| p)
        .filter(|p| !disclosure::is_closed(p, now))
        .collect();
    let required = loaded.facts.required_prereads;
    let mut out = Vec::new();
    // informed people need the outcome, not the meeting: nothing to remind them of
    let people = loaded
        .people
        .iter()
        .filter(|p| !p.not_needed && p.fields.role != crate::model::Role::Informed);
    for person in people {
        let facts = loaded.facts.people.iter().find(|f| f.id == person.id);
        let unread = required.saturating_sub(facts.map_or(0, |f| f.required_read));
        let answered = |poll: &db::polls::PollRecord| {
            votes
                .iter()
                .any(|v| v.poll_id == poll.id && v.attendee_id == person.id)
        };
        let left = Left {
            unread,
            required,
            polls: open_polls.iter().filter(|p| !answered(p)).count() as u32,
            not_ready: !person.ready,
        };
        if left.is_empty() {
            continue;
        }
        let hours = Hours::of_attendee(&person.fields, &loaded.record.fields.time_zone);
        let at = hours.next_open(now);
        if at >= deadline {
            // their next working window opens after the deadline: a reminder would come too late
            continue;
        }
        let local_day = now.to_zoned(hours.zone.clone()).date();
        let composed = updates::reminder(mail, person, deadline, left);
        let opted_out = person.notifications != Notifications::All;
        let status = outbox::initial_status(opted_out, at, now);
        let sent = status != DeliveryStatus::Suppressed;
        let letter = Letter {
            kind: DeliveryKind::Reminder,
            dedup_key: format!("reminder:{}:{}:{local_day}", mail.record.id, person.id),
            composed,
            ics: None,
            personal_link: sent,
        };
        let extras = Extras {
            one_click: true,
            covers: Vec::new(),
        };
        let timing = Timing {
            status,
            not_before: at,
        };
        out.push(outbox::to_attendee(mail, person, letter, timing, extras));
    }
    out
}

/// A poll that closed tells the organizer's webhooks once, with its overall tally.
async fn poll_closings(state: &AppState, now: Timestamp) -> Result<(), AppError> {
    let closed = db::webhooks::take_closed_polls(&state.db, now).await?;
    if closed.is_empty() {
        return Ok(());
    }
    let mut ids: Vec<_> = closed.iter().map(|p| p.meeting_id).collect();
    ids.sort();
    ids.dedup();
    let records = db::meetings::get_many(&state.db, &ids).await?;
    let votes = db::polls::votes_for_meetings(&state.db, &ids).await?;
    let events: Vec<_> = closed
        .iter()
        .filter_map(|poll| {
            let record = records.iter().find(|r| r.id == poll.meeting_id)?;
            Some(webhooks::event(
                record,
                WebhookEvent::PollClosed,
                serde_json::json!({
                    "poll": {
                        "id": poll.id,
                        "question": poll.question,
                        "options": poll.options,
                        "tally": disclosure::tally(poll, &votes, now),
                    }
                }),
                poll.id.to_string(),
                now,
            ))
        })
        .collect();
    db::webhooks::queue(&state.db, &events, now).await?;
    Ok(())
}

/// How far back a digest looks for new comments.
const DIGEST_WINDOW: SignedDuration = SignedDuration::from_hours(7 * 24);

/// The organizers' digests: new threads and replies since their meeting's last digest, at most
/// one a working day (the key is the day it goes out, in the organizer's zone), and nothing
/// when nothing is new.
async fn digests(state: &AppState, now: Timestamp) -> Result<Vec<NewDelivery>, AppError> {
    let rows = db::comments::comments_for_digests(&state.db, now - DIGEST_WINDOW).await?;
    let mut ids: Vec<_> = rows.iter().map(|(m, _, _)| *m).collect();
    ids.dedup();
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let organizers = db::meetings::with_organizers(&state.db, &ids).await?;
    let loaded = load_many(state, &ids).await?;
    let mut out = Vec::new();
    for meeting in &organizers {
        let Some(l) = loaded.iter().find(|l| l.record.id == meeting.id) else {
            continue;
        };
        let new: Vec<_> = rows
            .iter()
            .filter(|(m, _, c)| *m == meeting.id && c.author_user_id != Some(meeting.organizer.id))
            .collect();
        let lines: Vec<CommentLine> = new
            .iter()
            .map(|(_, title, c)| CommentLine {
                preread: title.clone(),
                quote: c.quote.clone(),
                kind: c.kind,
                author: (!l.record.fields.anonymous && !c.anonymous && !c.author_name.is_empty())
                    .then(|| c.author_name.clone()),
                body: c.body.clone(),
                reply: c.parent_id.is_some(),
            })
            .collect();
        if lines.is_empty() {
            continue;
        }
        let ready = l.people.iter().filter(|p| p.ready).count() as u32;
        let verdict = &l.verdict;
        let mail = MeetingMail {
            record: &l.record,
            organizer: &meeting.organizer.name,
            prereads: &[],
            base: &state.config.public_url,
        };
        let composed = updates::digest(
            &mail,
            &meeting.organizer.name,
            &lines,
            ready,
            l.people.len() as u32,
            verdict,
        );
        let (id, user) = (meeting.id, meeting.organizer.id);
        let mut digest = outbox::to_organizer(
            meeting,
            &l.record.fields.time_zone,
            DeliveryKind::Digest,
            |day| format!("digest:{id}:{user}:{day}"),
            composed,
            now,
        )?;
        digest.covers = new.iter().map(|(_, _, c)| c.id).collect();
        out.push(digest);
    }
    Ok(out)
}

/// Replies to the people who wrote in their threads, batched into one digest a working day each
/// (the key is the day it goes out, in their zone); not sent to who chose only the outcome.
async fn reply_digests(state: &AppState, now: Timestamp) -> Result<Vec<NewDelivery>, AppError> {
    let rows = db::comments::replies_for_digests(&state.db, now - DIGEST_WINDOW).await?;
    let mut ids: Vec<_> = rows.iter().map(|(m, _, _, _)| *m).collect();
    ids.dedup();
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let loaded = load_many(state, &ids).await?;
    let mut out = Vec::new();
    for l in &loaded {
        let mut participants: Vec<_> = rows
            .iter()
            .filter(|(m, _, _, _)| *m == l.record.id)
            .map(|(_, _, p, _)| *p)
            .collect();
        participants.dedup();
        for participant in participants {
            // people taken off the invitation are not among `people`: they get the outcome only
            let Some(person) = l.people.iter().find(|p| p.id == participant) else {
                continue;
            };
            let theirs: Vec<_> = rows
                .iter()
                .filter(|(m, _, p, _)| *m == l.record.id && *p == participant)
                .collect();
            let lines: Vec<CommentLine> = theirs
                .iter()
                .map(|(_, title, _, c)| CommentLine {
                    preread: title.clone(),
                    quote: c.quote.clone(),
                    kind: c.kind,
                    author: (!l.record.fields.anonymous && !c.author_name.is_empty())
                        .then(|| c.author_name.clone()),
                    body: c.body.clone(),
                    reply: true,
                })
                .collect();
            let mail = MeetingMail {
                record: &l.record,
                organizer: "",
                prereads: &[],
                base: &state.config.public_url,
            };
            let composed = updates::replies(&mail, person, &lines);
            let hours = Hours::of_attendee(&person.fields, &l.record.fields.time_zone);
            let at = hours.next_open(now);
            let day = at.to_zoned(hours.zone.clone()).date();
            let opted_out = person.notifications == Notifications::OutcomeOnly;
            let letter = Letter {
                kind: DeliveryKind::Digest,
                dedup_key: format!("digest:{}:{}:{day}", l.record.id, person.id),
                composed,
                ics: None,
                personal_link: false,
            };
            let timing = Timing {
                status: outbox::initial_status(opted_out, at, now),
                not_before: at,
            };
            let extras = Extras {
                one_click: true,
                covers: theirs.iter().map(|(_, _, _, c)| c.id).collect(),
            };
            out.push(outbox::to_attendee(&mail, person, letter, timing, extras));
        }
    }
    Ok(out)
}

/// The verdict as it stands, to the organizer, once per meeting.
fn deadline_message(
    mail: &MeetingMail,
    meeting: &DeadlineMeeting,
    loaded: &Loaded,
    now: Timestamp,
) -> Result<NewDelivery, AppError> {
    let composed = updates::deadline(mail, &meeting.organizer.name, &loaded.verdict);
    let id = meeting.id;
    outbox::to_organizer(
        meeting,
        &loaded.record.fields.time_zone,
        DeliveryKind::Deadline,
        |_| format!("deadline:{id}"),
        composed,
        now,
    )
}
