//! The disclosure policy: what one viewer (the organizer, or an attendee) may learn of a
//! meeting. Every read model that leaves the server is built here or passes through here (API
//! JSON, pages, server-function answers, the outcome record, the verdict, the calendar), so the
//! rules below hold in one place:
//!
//! - In an anonymous meeting, and for every comment or vote made while it was anonymous, nobody
//!   (the organizer included) learns who wrote or voted what: no author, no author id, and the
//!   time leaves rounded down to the minute, so order and timing cannot point at a person.
//! - A poll's results leave the server only as the overall tally, and not at all while the poll
//!   hides its results and is still open. Tallies by role stay inside the verdict engine, and it
//!   only sees them for polls where they could be shown anyway ([`role_split_visible`]).
//! - Readiness (read, ready, not needed) is the organizer's view (a co-organizer's and a reading
//!   lead's too) and each person's own; other attendees see it only as counts.
//! - Email addresses are for the organizer and the person themself.

use crate::model::comment::CommentAuthor;
use crate::model::{Attendee, AttendeeId, Comment, Poll, UserId};
use crate::ssr::db::attendees::AttendeeRecord;
use crate::ssr::db::comments::CommentRecord;
use crate::ssr::db::polls::{PollRecord, VoteRecord};
use crate::ssr::db::prereads::PrereadRecord;
use crate::verdict::{self, Facts, Verdict};
use jiff::Timestamp;

/// In what capacity the caller was let in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Viewer {
    /// The creator or a co-organizer.
    Organizer(UserId),
    /// A lead of the meeting's team, reading it.
    Lead(UserId),
    Attendee(AttendeeId),
}

impl Viewer {
    pub fn is_organizer(self) -> bool {
        matches!(self, Self::Organizer(_))
    }

    pub fn attendee(self) -> Option<AttendeeId> {
        match self {
            Self::Attendee(id) => Some(id),
            Self::Organizer(_) | Self::Lead(_) => None,
        }
    }
}

/// What one viewer may learn of one meeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Disclosure {
    viewer: Viewer,
    /// The meeting's anonymous mode now (comments and votes also carry their own flag).
    anonymous: bool,
}

impl Disclosure {
    pub fn new(viewer: Viewer, anonymous: bool) -> Self {
        Self { viewer, anonymous }
    }

    pub fn viewer(&self) -> Viewer {
        self.viewer
    }

    /// Whether this viewer sees what the organizer sees: readiness, addresses, the whole
    /// verdict. A reading lead does; nobody, the organizer included, sees anonymous authorship.
    pub fn is_organizer(&self) -> bool {
        matches!(self.viewer, Viewer::Organizer(_) | Viewer::Lead(_))
    }

    /// Whether this viewer may see `person`'s own state (read, ready, not needed) and email.
    pub fn sees_own_state_of(&self, person: AttendeeId) -> bool {
        self.is_organizer() || self.viewer.attendee() == Some(person)
    }

    /// A person on the invitation, as this viewer may see them.
    pub fn attendee(&self, record: AttendeeRecord) -> Attendee {
        let own = self.sees_own_state_of(record.id);
        let f = record.fields;
        Attendee {
            id: record.id,
            name: f.name,
            email: own.then_some(f.email),
            role: f.role,
            reason: f.reason,
            time_zone: f.time_zone,
            work_start: f.work_start,
            work_end: f.work_end,
            work_days: f.work_days,
            notifications: own.then_some(record.notifications),
            ready: own.then_some(record.ready),
            not_needed: own.then_some(record.not_needed),
            version: record.version,
        }
    }

    /// A comment as this viewer may see it. `people` is everyone ever invited (those taken off
    /// the invitation included), so an author keeps their name and role.
    pub fn comment(
        &self,
        c: CommentRecord,
        current: &PrereadRecord,
        people: &[AttendeeRecord],
    ) -> Comment {
        let outdated = c
            .block_id
            .as_ref()
            .is_some_and(|block| !current.blocks.iter().any(|b| &b.id == block));
        let hidden = self.anonymous || c.anonymous || c.author_name.is_empty();
        let author = (!hidden).then(|| CommentAuthor {
            name: c.author_name.clone(),
            role: c
                .author_attendee_id
                .and_then(|a| people.iter().find(|p| p.id == a))
                .map(|p| p.fields.role),
        });
        Comment {
            id: c.id,
            block_id: c.block_id,
            quote: c.quote,
            kind: c.kind,
            body: c.body,
            parent_id: c.parent_id,
            author,
            resolved: c.resolved,
            outdated,
            created_at: anonymous_time(hidden, c.created_at),
        }
    }

    /// A poll as this viewer may see it: the overall tally once results may show, and the
    /// viewer's own vote. Never who voted what.
    pub fn poll(&self, poll: PollRecord, votes: &[VoteRecord], now: Timestamp) -> Poll {
        let closed = is_closed(&poll, now);
        let tally = tally(&poll, votes, now);
        let mine = self.viewer.attendee().and_then(|me| {
            votes
                .iter()
                .find(|v| v.poll_id == poll.id && v.attendee_id == me)
        });
        // reasons by option only, in an order that says nothing of who or when
        let mut reasons: Vec<crate::model::poll::VoteReason> =
            if self.is_organizer() && tally.is_some() {
                votes
                    .iter()
                    .filter(|v| v.poll_id == poll.id && !v.reason.trim().is_empty())
                    .map(|v| crate::model::poll::VoteReason {
                        option: v.option,
                        reason: v.reason.clone(),
                    })
                    .collect()
            } else {
                Vec::new()
            };
        reasons.sort_by(|a, b| (a.option, &a.reason).cmp(&(b.option, &b.reason)));
        Poll {
            id: poll.id,
            question: poll.question,
            options: poll.options,
            anonymous: poll.anonymous,
            hide_results: poll.hide_results,
            closes_at: poll.closes_at,
            closed,
            tally,
            builtin: poll.builtin,
            my_vote: mine.map(|v| v.option),
            my_reason: mine.map(|v| v.reason.clone()),
            reasons,
        }
    }

    /// The verdict as this viewer may read it. The organizer sees it whole; an attendee does
    /// not learn from it who said they are not needed, nor the room plan built on that.
    pub fn verdict(&self, verdict: Verdict, facts: &Facts) -> Verdict {
        if self.is_organizer() {
            verdict
        } else {
            verdict::for_attendees(verdict, facts)
        }
    }
}

/// Decided when read: a poll is closed once its deadline has passed.
pub fn is_closed(poll: &PollRecord, now: Timestamp) -> bool {
    poll.closes_at.is_some_and(|at| at <= now)
}

/// Whether a poll's results may be shown now.
pub fn results_visible(poll: &PollRecord, now: Timestamp) -> bool {
    !poll.hide_results || is_closed(poll, now)
}

/// The one tally that may leave the server: votes per option, overall, in option order; `None`
/// while the results are hidden.
pub fn tally(poll: &PollRecord, votes: &[VoteRecord], now: Timestamp) -> Option<Vec<u32>> {
    results_visible(poll, now).then(|| count(poll, votes.iter()))
}

/// Votes per option among `votes` of this poll.
pub fn count<'a>(poll: &PollRecord, votes: impl Iterator<Item = &'a VoteRecord>) -> Vec<u32> {
    let mut counts = vec![0u32; poll.options.len()];
    for v in votes.filter(|v| v.poll_id == poll.id) {
        if let Some(c) = counts.get_mut(v.option as usize) {
            *c += 1;
        }
    }
    counts
}

/// Whether how one role voted may play a part in what anyone reads (the verdict's "the
/// deciders disagree"): only for a poll whose results show, that is not anonymous, in a meeting
/// that is not anonymous, with no vote cast anonymously. Otherwise even "they disagree" would
/// tell two deciders each other's ballot.
pub fn role_split_visible(
    poll: &PollRecord,
    votes: &[VoteRecord],
    meeting_anonymous: bool,
    now: Timestamp,
) -> bool {
    results_visible(poll, now)
        && !poll.anonymous
        && !meeting_anonymous
        && !votes.iter().any(|v| v.poll_id == poll.id && v.anonymous)
}

/// The time an anonymous comment or vote shows: rounded down to the minute.
pub fn anonymous_time(anonymous: bool, at: Timestamp) -> Timestamp {
    if anonymous {
        Timestamp::from_second(at.as_second() - at.as_second().rem_euclid(60)).unwrap_or(at)
    } else {
        at
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{MeetingId, PollId, Role};

    fn poll(hide: bool, closes_at: Option<&str>, anonymous: bool) -> PollRecord {
        PollRecord {
            id: PollId::new(),
            meeting_id: MeetingId::new(),
            question: "Q?".into(),
            options: vec!["a".into(), "b".into()],
            anonymous,
            hide_results: hide,
            closes_at: closes_at.map(|t| t.parse().unwrap()),
            builtin: false,
        }
    }

    fn vote(p: &PollRecord, option: u32, role: Role, anonymous: bool) -> VoteRecord {
        VoteRecord {
            poll_id: p.id,
            attendee_id: AttendeeId::new(),
            role,
            option,
            reason: String::new(),
            anonymous,
            updated_at: "2026-01-01T00:00:00Z".parse().unwrap(),
        }
    }

    #[test]
    fn hidden_results_show_nothing_until_the_poll_closes() {
        let now: Timestamp = "2026-06-01T12:00:00Z".parse().unwrap();
        let open = poll(true, Some("2026-06-02T00:00:00Z"), false);
        let votes = vec![vote(&open, 1, Role::Decider, false)];
        assert_eq!(tally(&open, &votes, now), None);
        assert!(!role_split_visible(&open, &votes, false, now));
        let closed = poll(true, Some("2026-06-01T11:00:00Z"), false);
        let votes = vec![vote(&closed, 1, Role::Decider, false)];
        assert_eq!(tally(&closed, &votes, now), Some(vec![0, 1]));
        assert!(role_split_visible(&closed, &votes, false, now));
    }

    #[test]
    fn anonymity_of_the_poll_the_meeting_or_any_vote_hides_the_split_by_role() {
        let now: Timestamp = "2026-06-01T12:00:00Z".parse().unwrap();
        let p = poll(false, None, true);
        let votes = vec![vote(&p, 0, Role::Decider, false)];
        assert!(!role_split_visible(&p, &votes, false, now));
        let p = poll(false, None, false);
        let votes = vec![vote(&p, 0, Role::Decider, false)];
        assert!(!role_split_visible(&p, &votes, true, now));
        let votes = vec![vote(&p, 0, Role::Decider, true)];
        assert!(!role_split_visible(&p, &votes, false, now));
        assert_eq!(
            tally(&p, &votes, now),
            Some(vec![1, 0]),
            "the overall tally shows"
        );
    }

    #[test]
    fn anonymous_times_lose_their_seconds() {
        let at: Timestamp = "2026-06-01T12:34:56.789Z".parse().unwrap();
        assert_eq!(
            anonymous_time(true, at),
            "2026-06-01T12:34:00Z".parse::<Timestamp>().unwrap()
        );
        assert_eq!(anonymous_time(false, at), at);
    }
}
