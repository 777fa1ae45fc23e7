//! The engine's words and sums: reasons and actions, names in a sentence, hours and money, the
//! shortening plan, the focus list and the one-sentence summary.

use super::facts::{Facts, PersonFacts};
use super::{ActionKind, Direction, FocusEntry, Reason, ShortenPlan, VerdictAction, VerdictKind};
use crate::model::Role;

pub(super) fn reason(signal: &str, direction: Direction, weight: u8, message: String) -> Reason {
    Reason {
        signal: signal.to_owned(),
        direction,
        weight,
        message,
    }
}

pub(super) fn action(kind: ActionKind, message: String) -> VerdictAction {
    VerdictAction {
        kind,
        message,
        attendee_ids: Vec::new(),
        item_ids: Vec::new(),
        comment_ids: Vec::new(),
        minutes: None,
    }
}

/// "Ana, Ben and Kai".
pub(super) fn names<'a>(list: impl IntoIterator<Item = &'a str>) -> String {
    let list: Vec<&str> = list.into_iter().collect();
    match list.as_slice() {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

pub(super) fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

pub(super) fn hours(people: usize, minutes: u32) -> f64 {
    (people as f64 * f64::from(minutes) / 60.0 * 100.0).round() / 100.0
}

pub(super) fn money(hours: f64, rate: Option<f64>) -> Option<f64> {
    rate.map(|r| (hours * r * 100.0).round() / 100.0)
}

/// Why each person would come off the invitation, if any. Someone who owns an open agenda
/// item is needed for it, whatever else holds: the item would be left without its owner.
pub(super) fn why_drop(p: &PersonFacts, facts: &Facts) -> Option<&'static str> {
    let owns_open_item = facts
        .agenda
        .iter()
        .any(|i| !i.resolved && i.owner == Some(p.id));
    if owns_open_item {
        None
    } else if p.not_needed {
        Some("said they are not needed")
    } else if p.role == Role::Informed {
        Some("only needs the outcome")
    } else if !p.has_reason {
        Some("has no reason to be there")
    } else {
        None
    }
}

/// What "Shorten" would do with these facts.
pub fn shorten_plan(facts: &Facts) -> ShortenPlan {
    let open_minutes: u32 = facts
        .agenda
        .iter()
        .filter(|i| !i.resolved)
        .map(|i| i.minutes)
        .sum();
    ShortenPlan {
        minutes: open_minutes.min(facts.duration_minutes),
        drop: facts
            .people
            .iter()
            .filter(|p| why_drop(p, facts).is_some())
            .map(|p| p.id)
            .collect(),
        remove_items: facts
            .agenda
            .iter()
            .filter(|i| i.resolved)
            .map(|i| i.id)
            .collect(),
    }
}

/// The focus list: open threads that need an answer, then undecided items.
pub(super) fn focus(facts: &Facts) -> Vec<FocusEntry> {
    let threads = facts
        .open_threads
        .iter()
        .filter(|t| t.kind.needs_attention())
        .map(|t| FocusEntry {
            label: t.kind.label().to_owned(),
            text: t.excerpt.clone(),
            comment_id: Some(t.id),
            preread_id: Some(t.preread),
            item_id: None,
        });
    let items = facts
        .agenda
        .iter()
        .filter(|i| !i.resolved)
        .map(|i| FocusEntry {
            label: "Agenda".to_owned(),
            text: i.title.clone(),
            comment_id: None,
            preread_id: None,
            item_id: Some(i.id),
        });
    threads.chain(items).collect()
}

pub(super) fn summary(
    verdict: VerdictKind,
    reasons: &[Reason],
    cancel_because: &[&str],
    plan: &ShortenPlan,
    people: usize,
    minutes: u32,
) -> String {
    match verdict {
        VerdictKind::NotReady => {
            let first = reasons
                .iter()
                .find(|r| r.direction == Direction::Blocking)
                .map(|r| r.message.as_str())
                .unwrap_or_default();
            format!("Not ready: {first}")
        }
        VerdictKind::Cancel => format!(
            "Cancel and go async: {}.",
            cancel_because
                .first()
                .copied()
                .unwrap_or("nothing needs the meeting")
        ),
        VerdictKind::Shorten => format!(
            "Shorten it: {} minutes with {} instead of {minutes} with {people}.",
            plan.minutes,
            plural(people - plan.drop.len(), "person", "people"),
        ),
        VerdictKind::Hold => match reasons
            .iter()
            .find(|r| r.weight == 3 && r.direction != Direction::Async)
        {
            Some(r) => format!("Hold it: {}", r.message),
            None => "Hold it as planned: nothing shows it could be done in writing.".into(),
        },
    }
}
