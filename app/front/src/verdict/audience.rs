//! The verdict as an attendee reads it: the same verdict, reasons and cost, without what only
//! the organizer may know (who said they are not needed, and the room plan built on it).

use super::advice::{names, plural};
use super::facts::{Facts, PersonFacts};
use super::{ActionKind, Verdict};
use crate::model::Role;

/// Why a person would come off the invitation, when the reason is one everyone can see (their
/// role or their missing reason), never their own "I don't need to be there".
fn public_reason(p: &PersonFacts) -> Option<&'static str> {
    if p.role == Role::Informed {
        Some("only needs the outcome")
    } else if !p.has_reason {
        Some("has no reason to be there")
    } else {
        None
    }
}

/// Rewrites `verdict` for an attendee's eyes.
pub fn for_attendees(mut verdict: Verdict, facts: &Facts) -> Verdict {
    for action in &mut verdict.actions {
        if action.kind != ActionKind::DropAttendees {
            continue;
        }
        let dropped: Vec<&PersonFacts> = facts
            .people
            .iter()
            .filter(|p| action.attendee_ids.contains(&p.id))
            .collect();
        let mut listed: Vec<String> = dropped
            .iter()
            .filter_map(|p| public_reason(p).map(|why| format!("{} ({why})", p.name)))
            .collect();
        let unnamed = dropped.len() - listed.len();
        if unnamed > 0 {
            listed.push(if listed.is_empty() {
                plural(unnamed, "person", "people")
            } else {
                plural(unnamed, "other person", "other people")
            });
        }
        action.message = format!(
            "Take {} off the invitation.",
            names(listed.iter().map(String::as_str))
        );
        action.attendee_ids.retain(|id| {
            dropped
                .iter()
                .any(|p| p.id == *id && public_reason(p).is_some())
        });
    }
    verdict.breakout_rooms = None;
    verdict
}
