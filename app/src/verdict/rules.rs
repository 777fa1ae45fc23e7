//! The rules, in PRODUCT.md's order: not ready, hold, cancel, shorten, otherwise hold.

use super::advice::{
    action, focus, hours, money, names, plural, reason, shorten_plan, summary, why_drop,
};
use super::facts::{Facts, PersonFacts};
use super::plan::{best_day, breakout_rooms};
use super::{ActionKind, Cost, Direction, Verdict, VerdictKind};
use crate::model::{AttendeeId, CommentKind, PurposeKind, Role};

/// Minutes of commenting the async alternative allows each person, beside their reading.
const COMMENTING_MINUTES: u32 = 10;
/// Above this many invitees, the list itself is a signal.
const LARGE_INVITE: usize = 8;

/// The verdict for a snapshot of a meeting.
pub fn decide(facts: &Facts) -> Verdict {
    let mut reasons = Vec::new();
    let people = &facts.people;
    let meeting: Vec<&PersonFacts> = people.iter().filter(|p| p.would_meet()).collect();
    let meeting_ids: Vec<AttendeeId> = meeting.iter().map(|p| p.id).collect();
    let open_items: Vec<_> = facts.agenda.iter().filter(|i| !i.resolved).collect();
    let open_minutes: u32 = open_items.iter().map(|i| i.minutes).sum();
    let plan = shorten_plan(facts);

    // ---- not ready ---------------------------------------------------------------------
    let mut blocking = Vec::new();
    if facts.agenda.is_empty() {
        reasons.push(reason(
            "agenda",
            Direction::Blocking,
            3,
            "There is no agenda yet.".into(),
        ));
        blocking.push(action(
            ActionKind::AddAgenda,
            "Add the agenda: what must the meeting get through?".into(),
        ));
    }
    if facts.purpose == PurposeKind::Decide && !people.iter().any(|p| p.role == Role::Decider) {
        reasons.push(reason(
            "decider",
            Direction::Blocking,
            3,
            "A meeting to decide has no decider.".into(),
        ));
        blocking.push(action(
            ActionKind::AddDecider,
            "Invite the person who decides, with the role decider.".into(),
        ));
    }
    if open_minutes > facts.duration_minutes {
        let over = open_minutes - facts.duration_minutes;
        reasons.push(reason(
            "time_boxes",
            Direction::Blocking,
            3,
            format!(
                "The agenda needs {open_minutes} minutes; the meeting has {}.",
                facts.duration_minutes
            ),
        ));
        let mut a = action(
            ActionKind::TrimAgenda,
            format!("Cut {over} minutes from the agenda, or make the meeting longer."),
        );
        a.minutes = Some(facts.duration_minutes);
        blocking.push(a);
    }

    // ---- signals for holding -------------------------------------------------------------
    let open_of = |kind: CommentKind| facts.open_threads.iter().filter(|t| t.kind == kind).count();
    let (blockers, concerns) = (open_of(CommentKind::Blocker), open_of(CommentKind::Concern));
    if blockers > 0 {
        reasons.push(reason(
            "blockers",
            Direction::Blocking,
            3,
            format!(
                "{} open: settle {} together.",
                plural(blockers, "blocker is", "blockers are"),
                if blockers == 1 { "it" } else { "them" }
            ),
        ));
    }
    if concerns > 0 {
        reasons.push(reason(
            "concerns",
            Direction::Live,
            3,
            format!(
                "{} still open.",
                plural(concerns, "concern is", "concerns are")
            ),
        ));
    }
    let split: Vec<&str> = facts
        .polls
        .iter()
        .filter(|p| p.deciders_split)
        .map(|p| p.question.as_str())
        .collect();
    if !split.is_empty() {
        reasons.push(reason(
            "decider_split",
            Direction::Live,
            3,
            format!("The deciders disagree on “{}”.", split.join("”, “")),
        ));
    }
    let together = matches!(
        facts.purpose,
        PurposeKind::Brainstorm | PurposeKind::Connect
    );
    if together && !open_items.is_empty() {
        reasons.push(reason(
            "purpose",
            Direction::Live,
            3,
            format!(
                "To {} takes people together, and {} open.",
                facts.purpose.as_str(),
                plural(open_items.len(), "item is", "items are")
            ),
        ));
    }
    let hold_now =
        blockers + concerns > 0 || !split.is_empty() || (together && !open_items.is_empty());

    // ---- signals for cancelling ------------------------------------------------------------
    let mut cancel_because = Vec::new();
    if facts.purpose == PurposeKind::Inform {
        reasons.push(reason(
            "purpose",
            Direction::Async,
            3,
            "Its purpose is only to inform: a written update does that.".into(),
        ));
        cancel_because.push("its purpose is only to inform");
    }
    if !facts.agenda.is_empty() && open_items.is_empty() {
        reasons.push(reason(
            "resolved_items",
            Direction::Async,
            3,
            "Every agenda item was resolved in writing.".into(),
        ));
        cancel_because.push("every agenda item was resolved in writing");
    }
    let not_needed = people.iter().filter(|p| p.not_needed).count();
    if not_needed > 0 {
        let most = not_needed * 2 > people.len();
        reasons.push(reason(
            "not_needed",
            Direction::Async,
            if most { 3 } else { 2 },
            format!(
                "{} of {} said they do not need to be there.",
                not_needed,
                people.len()
            ),
        ));
        if most {
            cancel_because.push("most people said they do not need to be there");
        }
    }
    let best = best_day(&facts.days, &meeting_ids);
    let shared_window = best.and_then(|(_, w)| w);
    match best {
        Some((day, None)) => {
            reasons.push(reason(
                "working_hours",
                Direction::Async,
                3,
                format!("The people who would meet share no working hours on {}: someone would meet outside their day.", day.date),
            ));
            cancel_because.push("the people who would meet share no working hours");
        }
        Some((_, Some(w))) if w.minutes() < facts.duration_minutes as i32 => reasons.push(reason(
            "working_hours",
            Direction::Async,
            1,
            format!("Working hours overlap by only {} minutes.", w.minutes()),
        )),
        Some((_, Some(w))) => reasons.push(reason(
            "working_hours",
            Direction::Live,
            1,
            format!("Working hours overlap by {} minutes.", w.minutes()),
        )),
        None => {}
    }

    // ---- signals for shortening --------------------------------------------------------------
    let resolved = facts.agenda.len() - open_items.len();
    if resolved > 0 && !open_items.is_empty() {
        reasons.push(reason(
            "resolved_items",
            Direction::Async,
            2,
            format!(
                "{} resolved in writing.",
                plural(resolved, "agenda item was", "agenda items were")
            ),
        ));
    }
    // These lists depend on roles and reasons, which everyone sees, and never on who said they
    // are not needed, which only the organizer sees.
    let informed: Vec<&str> = people
        .iter()
        .filter(|p| p.role == Role::Informed)
        .map(|p| p.name.as_str())
        .collect();
    if !informed.is_empty() {
        reasons.push(reason(
            "informed",
            Direction::Async,
            2,
            format!(
                "{} only {} the outcome.",
                names(informed.iter().copied()),
                if informed.len() == 1 { "needs" } else { "need" }
            ),
        ));
    }
    let reasonless: Vec<&str> = people
        .iter()
        .filter(|p| !p.has_reason && p.role != Role::Informed)
        .map(|p| p.name.as_str())
        .collect();
    if !reasonless.is_empty() {
        reasons.push(reason(
            "missing_reasons",
            Direction::Async,
            2,
            format!(
                "No reason is given for {}.",
                names(reasonless.iter().copied())
            ),
        ));
    }

    // ---- signals that only inform ---------------------------------------------------------------
    if facts.required_prereads > 0 && !meeting.is_empty() {
        let behind = meeting
            .iter()
            .filter(|p| p.required_read < facts.required_prereads)
            .count();
        if behind > 0 {
            reasons.push(reason(
                "unread_prereads",
                Direction::Live,
                1,
                format!(
                    "{} of {} have not read every required pre-read.",
                    behind,
                    meeting.len()
                ),
            ));
        } else {
            reasons.push(reason(
                "unread_prereads",
                Direction::Async,
                1,
                "Everyone who would meet has read the required pre-reads.".into(),
            ));
        }
    }
    let ready = meeting.iter().filter(|p| p.ready).count();
    if ready > 0 {
        reasons.push(reason(
            "readiness",
            Direction::Async,
            1,
            format!("{} of {} say they are ready.", ready, meeting.len()),
        ));
    }
    if people.len() > LARGE_INVITE {
        reasons.push(reason(
            "invite_size",
            Direction::Async,
            1,
            format!(
                "{} people are invited; large meetings rarely decide.",
                people.len()
            ),
        ));
    }
    let builtin = facts.polls.iter().filter(|p| p.builtin);
    if let Some([yes, no, ..]) = builtin.filter_map(|p| p.tally.as_deref()).next() {
        let (yes, no) = (*yes, *no);
        if yes + no > 0 {
            let direction = if no > yes {
                Direction::Async
            } else {
                Direction::Live
            };
            reasons.push(reason(
                "meeting_poll",
                direction,
                1,
                format!("Asked whether they still need to meet: {yes} yes, {no} no."),
            ));
        }
    }

    // ---- the verdict ---------------------------------------------------------------------------
    let verdict = if !blocking.is_empty() {
        VerdictKind::NotReady
    } else if hold_now {
        VerdictKind::Hold
    } else if !cancel_because.is_empty() {
        VerdictKind::Cancel
    } else if !plan.remove_items.is_empty() || !plan.drop.is_empty() {
        VerdictKind::Shorten
    } else {
        VerdictKind::Hold
    };

    let focus = focus(facts);
    let mut actions = Vec::new();
    let mut rooms = None;
    let (suggested_minutes, suggested_people) = match verdict {
        VerdictKind::NotReady => {
            actions = blocking;
            (facts.duration_minutes, people.len())
        }
        VerdictKind::Cancel => {
            actions.push(action(
                ActionKind::Cancel,
                "Cancel the meeting and send everyone the written outcome.".into(),
            ));
            (0, 0)
        }
        VerdictKind::Shorten => {
            let mut a = action(
                ActionKind::Shorten,
                format!("Shorten it to {} minutes.", plan.minutes),
            );
            a.minutes = Some(plan.minutes);
            actions.push(a);
            if !plan.drop.is_empty() {
                let listed = people
                    .iter()
                    .filter_map(|p| why_drop(p).map(|why| format!("{} ({why})", p.name)));
                let listed: Vec<String> = listed.collect();
                let mut a = action(
                    ActionKind::DropAttendees,
                    format!(
                        "Take {} off the invitation.",
                        names(listed.iter().map(String::as_str))
                    ),
                );
                a.attendee_ids = plan.drop.clone();
                actions.push(a);
            }
            if !plan.remove_items.is_empty() {
                let titles = facts
                    .agenda
                    .iter()
                    .filter(|i| i.resolved)
                    .map(|i| format!("“{}”", i.title));
                let titles: Vec<String> = titles.collect();
                let mut a = action(
                    ActionKind::RemoveItems,
                    format!(
                        "Remove {}: resolved in writing.",
                        names(titles.iter().map(String::as_str))
                    ),
                );
                a.item_ids = plan.remove_items.clone();
                actions.push(a);
            }
            (plan.minutes, people.len() - plan.drop.len())
        }
        VerdictKind::Hold => {
            actions.push(action(
                ActionKind::Hold,
                "Hold it as planned, starting with the focus list.".into(),
            ));
            if !focus.is_empty() {
                let mut a = action(
                    ActionKind::Focus,
                    format!(
                        "Focus on {}.",
                        plural(focus.len(), "open point", "open points")
                    ),
                );
                a.comment_ids = focus.iter().filter_map(|f| f.comment_id).collect();
                a.item_ids = focus.iter().filter_map(|f| f.item_id).collect();
                actions.push(a);
            }
            rooms = breakout_rooms(people);
            if let Some(plan) = &rooms {
                let sizes: Vec<String> = plan.iter().map(|r| r.len().to_string()).collect();
                actions.push(action(
                    ActionKind::SplitRooms,
                    format!(
                        "Split the {} people into {} rooms of {}.",
                        meeting.len(),
                        plan.len(),
                        names(sizes.iter().map(String::as_str))
                    ),
                ));
            }
            (facts.duration_minutes, people.len())
        }
    };

    let planned_hours = hours(people.len(), facts.duration_minutes);
    let suggested_hours = hours(suggested_people, suggested_minutes);
    let cost = Cost {
        planned_minutes: facts.duration_minutes,
        planned_attendee_hours: planned_hours,
        suggested_minutes,
        suggested_attendee_hours: suggested_hours,
        planned_money: money(planned_hours, facts.hourly_rate),
        suggested_money: money(suggested_hours, facts.hourly_rate),
        async_attendee_hours: hours(
            people.len(),
            facts.required_reading_minutes + COMMENTING_MINUTES,
        ),
    };
    let summary = summary(
        verdict,
        &reasons,
        &cancel_because,
        &plan,
        people.len(),
        facts.duration_minutes,
    );
    Verdict {
        verdict,
        summary,
        reasons,
        cost,
        actions,
        breakout_rooms: rooms,
        focus,
        shared_window,
    }
}
