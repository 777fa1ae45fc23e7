//! The rules, in PRODUCT.md's order: not ready, hold, cancel, shorten, otherwise hold. Each
//! group of signals is one method of [`Scan`], called in that order, so the reasons read in it.

use super::advice::{
    action, focus, hours, money, names, plural, reason, shorten_plan, summary, why_drop,
};
use super::facts::{Facts, ItemFacts, PersonFacts, clock};
use super::plan::{best_day, breakout_rooms};
use super::{
    ActionKind, Cost, Direction, FocusEntry, Reason, ShortenPlan, Span, Verdict, VerdictAction,
    VerdictKind,
};
use crate::model::{AttendeeId, CommentKind, PurposeKind, Role};

/// Minutes of commenting the async alternative allows each person, beside their reading.
const COMMENTING_MINUTES: u32 = 10;
/// Above this many invitees, the list itself is a signal.
const LARGE_INVITE: usize = 8;

/// The verdict for a snapshot of a meeting.
pub fn decide(facts: &Facts) -> Verdict {
    let mut scan = Scan::new(facts);
    let blocking = scan.not_ready();
    let hold_now = scan.hold();
    let (cancel_because, shared_window) = scan.cancel();
    scan.shorten();
    scan.inform();

    let plan = shorten_plan(facts);
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
    let advice = scan.advice(verdict, blocking, &plan, &focus);
    let cost = scan.cost(advice.minutes, advice.people);
    let people = facts.people.len();
    let summary = summary(
        verdict,
        &scan.reasons,
        &cancel_because,
        &plan,
        people,
        facts.duration_minutes,
    );
    Verdict {
        verdict,
        summary,
        reasons: scan.reasons,
        cost,
        actions: advice.actions,
        breakout_rooms: advice.rooms,
        focus,
        shared_window,
    }
}

/// One pass over the facts: what every rule group reads, and the reasons found so far.
struct Scan<'a> {
    facts: &'a Facts,
    people: &'a [PersonFacts],
    /// The people who would be in the room.
    meeting: Vec<&'a PersonFacts>,
    open_items: Vec<&'a ItemFacts>,
    reasons: Vec<Reason>,
}

/// What the verdict asks of the organizer, and the meeting it leaves.
struct Advice {
    actions: Vec<VerdictAction>,
    rooms: Option<Vec<Vec<AttendeeId>>>,
    minutes: u32,
    people: usize,
}

impl<'a> Scan<'a> {
    fn new(facts: &'a Facts) -> Self {
        Scan {
            facts,
            people: &facts.people,
            meeting: facts.people.iter().filter(|p| p.would_meet()).collect(),
            open_items: facts.agenda.iter().filter(|i| !i.resolved).collect(),
            reasons: Vec::new(),
        }
    }

    /// Not ready: what must be settled before anything else; each comes with its action.
    fn not_ready(&mut self) -> Vec<VerdictAction> {
        let people = self.people;
        let open_minutes: u32 = self.open_items.iter().map(|i| i.minutes).sum();
        let mut blocking = Vec::new();
        if self.facts.agenda.is_empty() {
            self.reasons.push(reason(
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
        if self.facts.purpose == PurposeKind::Decide
            && !people.iter().any(|p| p.role == Role::Decider)
        {
            self.reasons.push(reason(
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
        if open_minutes > self.facts.duration_minutes {
            let over = open_minutes - self.facts.duration_minutes;
            self.reasons.push(reason(
                "time_boxes",
                Direction::Blocking,
                3,
                format!(
                    "The agenda needs {open_minutes} minutes; the meeting has {}.",
                    self.facts.duration_minutes
                ),
            ));
            let mut a = action(
                ActionKind::TrimAgenda,
                format!("Cut {over} minutes from the agenda, or make the meeting longer."),
            );
            a.minutes = Some(self.facts.duration_minutes);
            blocking.push(a);
        }

        blocking
    }

    /// Signals for holding: open blockers and concerns, deciders who disagree, a purpose that
    /// takes people together. True when any calls for the meeting now.
    fn hold(&mut self) -> bool {
        let open_items = &self.open_items;
        let open_of = |kind: CommentKind| {
            self.facts
                .open_threads
                .iter()
                .filter(|t| t.kind == kind)
                .count()
        };
        let (blockers, concerns) = (open_of(CommentKind::Blocker), open_of(CommentKind::Concern));
        if blockers > 0 {
            self.reasons.push(reason(
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
            self.reasons.push(reason(
                "concerns",
                Direction::Live,
                3,
                format!(
                    "{} still open.",
                    plural(concerns, "concern is", "concerns are")
                ),
            ));
        }
        let split: Vec<&str> = self
            .facts
            .polls
            .iter()
            .filter(|p| p.deciders_split)
            .map(|p| p.question.as_str())
            .collect();
        if !split.is_empty() {
            self.reasons.push(reason(
                "decider_split",
                Direction::Live,
                3,
                format!("The deciders disagree on “{}”.", split.join("”, “")),
            ));
        }
        let together = matches!(
            self.facts.purpose,
            PurposeKind::Brainstorm | PurposeKind::Connect
        );
        if together && !open_items.is_empty() {
            self.reasons.push(reason(
                "purpose",
                Direction::Live,
                3,
                format!(
                    "To {} takes people together, and {} open.",
                    self.facts.purpose.as_str(),
                    plural(open_items.len(), "item is", "items are")
                ),
            ));
        }
        blockers + concerns > 0 || !split.is_empty() || (together && !open_items.is_empty())
    }

    /// Signals for cancelling: why the meeting could go async (empty when nothing does), and
    /// the working hours the people who would meet share.
    fn cancel(&mut self) -> (Vec<&'static str>, Option<Span>) {
        let people = self.people;
        let open_items = &self.open_items;
        let meeting_ids: Vec<AttendeeId> = self.meeting.iter().map(|p| p.id).collect();
        let mut cancel_because = Vec::new();
        if self.facts.purpose == PurposeKind::Inform {
            self.reasons.push(reason(
                "purpose",
                Direction::Async,
                3,
                "Its purpose is only to inform: a written update does that.".into(),
            ));
            cancel_because.push("its purpose is only to inform");
        }
        if !self.facts.agenda.is_empty() && open_items.is_empty() {
            self.reasons.push(reason(
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
            self.reasons.push(reason(
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
        let best = best_day(&self.facts.days, &meeting_ids);
        let shared_window = best.and_then(|(_, w)| w);
        match best {
            Some((day, None)) => {
                self.reasons.push(reason(
                    "working_hours",
                    Direction::Async,
                    3,
                    format!("The people who would meet share no working hours on {}: someone would meet outside their day.", day.date),
                ));
                cancel_because.push("the people who would meet share no working hours");
            }
            Some((_, Some(w))) if w.minutes() < self.facts.duration_minutes as i32 => {
                self.reasons.push(reason(
                    "working_hours",
                    Direction::Async,
                    1,
                    format!("Working hours overlap by only {} minutes.", w.minutes()),
                ))
            }
            Some((_, Some(w))) => self.reasons.push(reason(
                "working_hours",
                Direction::Live,
                1,
                format!("Working hours overlap by {} minutes.", w.minutes()),
            )),
            None => {}
        }
        self.slot_outside_hours(shared_window);

        (cancel_because, shared_window)
    }

    /// The meeting's slot, on its day, against the working hours of each person who would meet:
    /// a slot outside someone's day is a reason to move it (to the shared window, when there
    /// is one), not a reason to meet.
    fn slot_outside_hours(&mut self, shared_window: Option<Span>) {
        let Some((day, slot)) = self
            .facts
            .days
            .iter()
            .find_map(|d| d.slot.map(|slot| (d, slot)))
        else {
            return;
        };
        let outside: Vec<String> = day
            .people
            .iter()
            .filter(|p| self.meeting.iter().any(|m| m.id == p.id))
            .filter(|p| slot.start < p.span.start || slot.end > p.span.end)
            .map(|p| format!("{} ({} their time)", p.name, p.their_clock(slot.start)))
            .collect();
        let whose = match outside.as_slice() {
            [] => return,
            [one] => {
                let (name, when) = one.split_once(" (").unwrap_or((one, ""));
                format!("{name}'s working hours ({when}")
            }
            many => format!(
                "the working hours of {}",
                names(many.iter().map(String::as_str))
            ),
        };
        let move_to = match shared_window {
            Some(w) => format!(
                " Everyone who would meet is at work from {} to {} (meeting time): move the slot there.",
                clock(w.start),
                clock(w.end)
            ),
            None => String::new(),
        };
        self.reasons.push(reason(
            "working_hours",
            Direction::Async,
            2,
            format!("The slot falls outside {whose}.{move_to}"),
        ));
    }

    /// Signals for shortening: resolved items, people who only need the outcome or have no
    /// reason to be there. They depend on roles and reasons, which everyone sees, and never on
    /// who said they are not needed, which only the organizer sees.
    fn shorten(&mut self) {
        let people = self.people;
        let open_items = &self.open_items;
        let resolved = self.facts.agenda.len() - open_items.len();
        if resolved > 0 && !open_items.is_empty() {
            self.reasons.push(reason(
                "resolved_items",
                Direction::Async,
                2,
                format!(
                    "{} resolved in writing.",
                    plural(resolved, "agenda item was", "agenda items were")
                ),
            ));
        }
        let informed: Vec<&str> = people
            .iter()
            .filter(|p| p.role == Role::Informed)
            .map(|p| p.name.as_str())
            .collect();
        if !informed.is_empty() {
            self.reasons.push(reason(
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
            self.reasons.push(reason(
                "missing_reasons",
                Direction::Async,
                2,
                format!(
                    "No reason is given for {}.",
                    names(reasonless.iter().copied())
                ),
            ));
        }
    }

    /// Signals that only inform: reading, readiness, the size of the list, the meeting poll.
    fn inform(&mut self) {
        let people = self.people;
        let meeting = &self.meeting;
        if self.facts.required_prereads > 0 && !meeting.is_empty() {
            let behind = meeting
                .iter()
                .filter(|p| p.required_read < self.facts.required_prereads)
                .count();
            if behind > 0 {
                self.reasons.push(reason(
                    "unread_prereads",
                    Direction::Live,
                    1,
                    format!(
                        "{behind} of the {} who would meet {} not read every required pre-read.",
                        meeting.len(),
                        if behind == 1 { "has" } else { "have" }
                    ),
                ));
            } else {
                self.reasons.push(reason(
                    "unread_prereads",
                    Direction::Async,
                    1,
                    "Everyone who would meet has read the required pre-reads.".into(),
                ));
            }
        }
        let ready = meeting.iter().filter(|p| p.ready).count();
        if ready > 0 {
            self.reasons.push(reason(
                "readiness",
                Direction::Async,
                1,
                format!(
                    "{ready} of the {} who would meet {} ready.",
                    meeting.len(),
                    if ready == 1 {
                        "says they are"
                    } else {
                        "say they are"
                    }
                ),
            ));
        }
        if people.len() > LARGE_INVITE {
            self.reasons.push(reason(
                "invite_size",
                Direction::Async,
                1,
                format!(
                    "{} people are invited; large meetings rarely decide.",
                    people.len()
                ),
            ));
        }
        let builtin = self.facts.polls.iter().filter(|p| p.builtin);
        if let Some([yes, no, ..]) = builtin.filter_map(|p| p.tally.as_deref()).next() {
            let (yes, no) = (*yes, *no);
            if yes + no > 0 {
                let direction = if no > yes {
                    Direction::Async
                } else {
                    Direction::Live
                };
                self.reasons.push(reason(
                    "meeting_poll",
                    direction,
                    1,
                    format!("Asked whether they still need to meet: {yes} yes, {no} no."),
                ));
            }
        }
    }

    /// The actions that go with the verdict, and the meeting it would leave.
    fn advice(
        &self,
        verdict: VerdictKind,
        blocking: Vec<VerdictAction>,
        plan: &ShortenPlan,
        focus: &[FocusEntry],
    ) -> Advice {
        let (facts, people, meeting) = (self.facts, self.people, &self.meeting);
        let mut actions = Vec::new();
        let mut rooms = None;
        let (minutes, people_left) = match verdict {
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
                    format!("{}.", plan.words(facts.duration_minutes, people.len())),
                );
                a.minutes = Some(plan.minutes);
                actions.push(a);
                if !plan.drop.is_empty() {
                    let listed = people.iter().filter_map(|p| {
                        why_drop(p, facts).map(|why| format!("{} ({why})", p.name))
                    });
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

        Advice {
            actions,
            rooms,
            minutes,
            people: people_left,
        }
    }

    /// The cost as planned, as suggested, and of the written alternative.
    fn cost(&self, suggested_minutes: u32, suggested_people: usize) -> Cost {
        let (facts, people) = (self.facts, self.people.len());
        let planned_hours = hours(people, facts.duration_minutes);
        let suggested_hours = hours(suggested_people, suggested_minutes);
        Cost {
            planned_minutes: facts.duration_minutes,
            planned_attendee_hours: planned_hours,
            suggested_minutes,
            suggested_attendee_hours: suggested_hours,
            planned_money: money(planned_hours, facts.hourly_rate),
            suggested_money: money(suggested_hours, facts.hourly_rate),
            async_attendee_hours: hours(
                people,
                facts.required_reading_minutes + COMMENTING_MINUTES,
            ),
        }
    }
}
