//! The rules, in PRODUCT.md's order: not ready, hold, cancel, shorten, otherwise hold. Each
//! group of signals is one method of [`Scan`] (`signals`), called in that order, so the reasons
//! read in it; then the actions and the cost that go with the verdict (`actions`).

mod actions;
mod signals;

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
}
