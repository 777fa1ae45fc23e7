//! The messages that follow a meeting, queued by the scheduler's tick: an action item's owner
//! is reminded once on the working day before it is due, in their hours; and once a held or
//! shortened meeting has ended, each person who met is asked whether it was worth it. Their
//! de-duplication keys (and the record that a meeting's people were asked) make a tick
//! idempotent on any number of server instances.

use super::after;
use super::messages::MeetingMail;
use super::outbox::{self, Extras, Letter, Timing};
use super::schedule::Hours;
use crate::error::AppError;
use crate::model::action::ActionItem;
use crate::model::delivery::{DeliveryKind, DeliveryStatus};
use crate::model::{MeetingId, Notifications};
use crate::ssr::db::attendees::AttendeeRecord;
use crate::ssr::db::deliveries::NewDelivery;
use crate::ssr::db::meetings::MeetingRecord;
use crate::ssr::domain::feedback::{ended_at, was_asked};
use crate::ssr::{AppState, db};
use jiff::civil::Date;
use jiff::{SignedDuration, Timestamp, ToSpan};

/// How long after its end a meeting's people may still be asked (a server down for a weekend
/// still asks; one down longer does not ask about a meeting long past).
const ASK_GRACE: SignedDuration = SignedDuration::from_hours(7 * 24);
/// How many meetings one tick asks about at most (the rest wait for the next tick).
const BATCH: u32 = 100;

/// Queues what is due now; returns how many messages it queued (at most).
pub async fn tick(state: &AppState) -> Result<usize, AppError> {
    let now = state.now();
    let mut queued = action_reminders(state, now).await?;
    queued += feedback_requests(state, now).await?;
    if queued > 0 {
        state.outbox.notify_one();
    }
    Ok(queued)
}

/// The owner's working day before `due` (the last of their working days strictly before it),
/// within a week.
pub fn working_day_before(hours: &Hours, due: Date) -> Option<Date> {
    (1..=7i64)
        .filter_map(|back| due.checked_sub(back.days()).ok())
        .find(|d| hours.days.contains(d.weekday().to_monday_one_offset()))
}

/// When an item's reminder may go: from the start of the owner's working day before it is due,
/// at their next open hour, and only while that is still before the due date. `None` when no
/// reminder is due at `now` (too early, or too late to be the day before).
pub fn reminder_at(hours: &Hours, due: Date, now: Timestamp) -> Option<Timestamp> {
    let day = working_day_before(hours, due)?;
    let from = day.to_zoned(hours.zone.clone()).ok()?.timestamp();
    if now < from {
        return None;
    }
    let at = hours.next_open(now);
    (at.to_zoned(hours.zone.clone()).date() < due).then_some(at)
}

fn mail<'a>(record: &'a MeetingRecord, base: &'a str) -> MeetingMail<'a> {
    MeetingMail {
        record,
        organizer: "",
        prereads: &[],
        base,
    }
}

async fn action_reminders(state: &AppState, now: Timestamp) -> Result<usize, AppError> {
    // the candidates: due within the next week and a half of any zone's today
    let today = now.to_zoned(jiff::tz::TimeZone::UTC).date();
    let items = db::actions::open_due_between(
        &state.db,
        today.yesterday().unwrap_or(today),
        today.checked_add(10.days()).unwrap_or(today),
    )
    .await?;
    if items.is_empty() {
        return Ok(0);
    }
    let mut ids: Vec<MeetingId> = items.iter().map(|i| i.meeting_id).collect();
    ids.sort();
    ids.dedup();
    let records = db::meetings::get_many(&state.db, &ids).await?;
    let people = db::attendees::everyone_for_meetings(&state.db, &ids).await?;
    let mut messages = Vec::new();
    for item in &items {
        let (Some(record), Some(owner)) = (
            records.iter().find(|r| r.id == item.meeting_id),
            people.iter().find(|p| p.id == item.owner.id),
        ) else {
            continue;
        };
        if let Some(m) = reminder(state, record, owner, item, now) {
            messages.push(m);
        }
    }
    let n = messages.len();
    db::deliveries::enqueue(&state.db, &messages, &[], now).await?;
    Ok(n)
}

fn reminder(
    state: &AppState,
    record: &MeetingRecord,
    owner: &AttendeeRecord,
    item: &ActionItem,
    now: Timestamp,
) -> Option<NewDelivery> {
    let hours = Hours::of_attendee(&owner.fields, &record.fields.time_zone);
    let at = reminder_at(&hours, item.due_on, now)?;
    let mail = mail(record, &state.config.public_url);
    let status = outbox::initial_status(owner.notifications == Notifications::OutcomeOnly, at, now);
    let letter = Letter {
        kind: DeliveryKind::ActionReminder,
        dedup_key: format!("action_reminder:{}", item.id),
        composed: after::action_reminder(&mail, owner, item),
        ics: None,
        personal_link: status != DeliveryStatus::Suppressed,
    };
    Some(outbox::to_attendee(
        &mail,
        owner,
        letter,
        Timing {
            status,
            not_before: at,
        },
        Extras {
            one_click: true,
            covers: Vec::new(),
        },
    ))
}

async fn feedback_requests(state: &AppState, now: Timestamp) -> Result<usize, AppError> {
    let floor = now - ASK_GRACE - SignedDuration::from_hours(24);
    let ids = db::feedback::to_ask(&state.db, floor, now, BATCH).await?;
    if ids.is_empty() {
        return Ok(0);
    }
    let records = db::meetings::get_many(&state.db, &ids).await?;
    let ended: Vec<&MeetingRecord> = records
        .iter()
        .filter(|r| ended_at(r).is_some_and(|end| end <= now && end >= now - ASK_GRACE))
        .collect();
    if ended.is_empty() {
        return Ok(0);
    }
    let ended_ids: Vec<MeetingId> = ended.iter().map(|r| r.id).collect();
    let people = db::attendees::everyone_for_meetings(&state.db, &ended_ids).await?;
    let mut messages = Vec::new();
    for record in &ended {
        let mail = mail(record, &state.config.public_url);
        for person in people
            .iter()
            .filter(|p| p.meeting_id == record.id && was_asked(p))
        {
            let hours = Hours::of_attendee(&person.fields, &record.fields.time_zone);
            let at = hours.next_open(now);
            let status =
                outbox::initial_status(person.notifications == Notifications::OutcomeOnly, at, now);
            let letter = Letter {
                kind: DeliveryKind::FeedbackRequest,
                dedup_key: format!("feedback_request:{}:{}", record.id, person.id),
                composed: after::feedback_request(&mail, person),
                ics: None,
                personal_link: status != DeliveryStatus::Suppressed,
            };
            messages.push(outbox::to_attendee(
                &mail,
                person,
                letter,
                Timing {
                    status,
                    not_before: at,
                },
                Extras {
                    one_click: true,
                    covers: Vec::new(),
                },
            ));
        }
    }
    let n = messages.len();
    let on = now.to_zoned(jiff::tz::TimeZone::UTC).date();
    db::feedback::ask(&state.db, &ended_ids, &messages, on, now).await?;
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::WorkDays;
    use jiff::civil::date;

    fn hours(zone: &str) -> Hours {
        Hours::of(Some(zone), "UTC", None, None, &WorkDays::default())
    }

    #[test]
    fn the_day_before_monday_is_friday() {
        let h = hours("Asia/Tokyo");
        // Mon 7 Dec 2026 → Fri 4 Dec; Wed 9 Dec → Tue 8 Dec
        assert_eq!(
            working_day_before(&h, date(2026, 12, 7)),
            Some(date(2026, 12, 4))
        );
        assert_eq!(
            working_day_before(&h, date(2026, 12, 9)),
            Some(date(2026, 12, 8))
        );
    }

    #[test]
    fn the_reminder_comes_in_the_owners_hours_of_that_day() {
        let h = hours("Asia/Tokyo");
        let due = date(2026, 12, 7);
        // Thu 3 Dec 23:00 UTC is Fri 4 Dec 08:00 in Tokyo: the day, before its hours
        let early = "2026-12-03T14:00:00Z".parse().unwrap();
        assert_eq!(reminder_at(&h, due, early), None);
        let at = reminder_at(&h, due, "2026-12-03T23:00:00Z".parse().unwrap()).unwrap();
        assert_eq!(at, "2026-12-04T00:00:00Z".parse::<Timestamp>().unwrap());
        // Friday evening in Tokyo: the next open hour is Monday, the due date: too late
        let late = "2026-12-04T10:00:00Z".parse().unwrap();
        assert_eq!(reminder_at(&h, due, late), None);
    }
}
