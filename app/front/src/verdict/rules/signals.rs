//! The signals, one method per group of PRODUCT.md's rules, each adding its reasons.

use super::*;

impl Scan<'_> {
    /// Not ready: what must be settled before anything else; each comes with its action.
    pub(super) fn not_ready(&mut self) -> Vec<VerdictAction> {
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
    pub(super) fn hold(&mut self) -> bool {
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
    pub(super) fn cancel(&mut self) -> (Vec<&'static str>, Option<Span>) {
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
    pub(super) fn slot_outside_hours(&mut self, shared_window: Option<Span>) {
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
    pub(super) fn shorten(&mut self) {
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

    /// Signals that only inform: reading, readiness, the size of the list, the meeting poll,
    /// the team's norms.
    pub(super) fn inform(&mut self) {
        if let Some(day) = &self.facts.no_meeting_day {
            self.reasons.push(reason(
                "no_meeting_day",
                Direction::Async,
                1,
                format!("It falls on a {day}, your team's no-meeting day: write it up instead?"),
            ));
        }
        if let Some(advice) = &self.facts.series_advice {
            self.reasons.push(reason(
                "series_advice",
                Direction::Async,
                1,
                format!("Its series' history: {advice}"),
            ));
        }
        if let Some(scores) = &self.facts.series_scores {
            let average = scores.average();
            // low scores, or half the room saying it could have been written, lean async
            let low = average < 3.5 || scores.could_have_been_async * 2 >= scores.responses;
            self.reasons.push(reason(
                "series_scores",
                if low { Direction::Async } else { Direction::Live },
                if average < 2.5 { 2 } else { 1 },
                format!(
                    "The last {} averaged {average:.1} of 5; {} of {} people said it could have                      been async.",
                    if scores.occurrences == 1 {
                        "occurrence".to_owned()
                    } else {
                        format!("{} occurrences", scores.occurrences)
                    },
                    scores.could_have_been_async,
                    scores.responses
                ),
            ));
        }
        if !self.facts.norm_exceptions.is_empty() {
            let n = self.facts.norm_exceptions.len();
            self.reasons.push(reason(
                "norm_exception",
                Direction::Async,
                1,
                format!(
                    "It circulated in breach of {} of your team's norms ({}), by exception.",
                    if n == 1 {
                        "one".to_owned()
                    } else {
                        n.to_string()
                    },
                    self.facts.norm_exceptions.join(", ")
                ),
            ));
        }
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
}
