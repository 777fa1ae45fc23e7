//! The one authorization decision, actor × meeting × action, that every server function and
//! API route makes before anything else.
//!
//! - The organizer may do everything with their meetings.
//! - An attendee may read a circulated meeting and take part in it (comment, vote, set their
//!   own state); never edit it. Before it is circulated, it does not exist for them.
//! - Anyone else learns nothing: the meeting is "not found", whether or not it exists.
//! - A caller with no credential at all is asked to sign in (401), for every meeting alike.

use super::auth::Actor;
use super::db::{self, Db};
use crate::error::AppError;
use crate::model::{AttendeeId, MeetingId, MeetingStatus, UserId};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// See the brief, its pre-reads and discussion.
    Read,
    /// Change the brief, its agenda, people, pre-reads; circulate, decide, delete.
    Edit,
    /// Comment, vote, mark read and ready: what an attendee does.
    Participate,
}

/// In what capacity the caller was let in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Viewer {
    Organizer(UserId),
    Attendee(AttendeeId),
}

impl Viewer {
    pub fn is_organizer(self) -> bool {
        matches!(self, Self::Organizer(_))
    }

    pub fn attendee(self) -> Option<AttendeeId> {
        match self {
            Self::Attendee(id) => Some(id),
            Self::Organizer(_) => None,
        }
    }
}

/// Decides whether `actor` may do `action` on `meeting`, in one query.
pub async fn authorize(
    db: &Db,
    actor: &Actor,
    meeting: MeetingId,
    action: Action,
) -> Result<Viewer, AppError> {
    if actor.is_anonymous() {
        return Err(AppError::Unauthenticated);
    }
    let Some((organizer, status, attendee)) =
        db::meetings::access_facts(db, meeting, &actor.attendees).await?
    else {
        return Err(AppError::NotFound);
    };
    decide(actor.user, organizer, status, attendee, action)
}

/// The decision itself, without I/O, so every cell of the matrix can be unit-tested.
fn decide(
    user: Option<UserId>,
    organizer: Option<UserId>,
    status: MeetingStatus,
    attendee: Option<AttendeeId>,
    action: Action,
) -> Result<Viewer, AppError> {
    if let (Some(user), Some(organizer)) = (user, organizer)
        && user == organizer
    {
        return Ok(Viewer::Organizer(user));
    }
    match attendee {
        Some(attendee) if status != MeetingStatus::Draft => match action {
            Action::Read | Action::Participate => Ok(Viewer::Attendee(attendee)),
            Action::Edit => Err(AppError::Forbidden),
        },
        _ => Err(AppError::NotFound),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_access_matrix() {
        let owner = UserId::new();
        let other = UserId::new();
        let guest = AttendeeId::new();
        use Action::*;
        use MeetingStatus::*;
        let cases = [
            // (user, attendee grant on this meeting, status, action, expected)
            (Some(owner), None, Draft, Edit, Ok(Viewer::Organizer(owner))),
            (
                Some(owner),
                None,
                Circulating,
                Read,
                Ok(Viewer::Organizer(owner)),
            ),
            (
                Some(other),
                None,
                Circulating,
                Read,
                Err(AppError::NotFound),
            ),
            (Some(other), None, Draft, Edit, Err(AppError::NotFound)),
            (
                None,
                Some(guest),
                Circulating,
                Read,
                Ok(Viewer::Attendee(guest)),
            ),
            (
                None,
                Some(guest),
                Circulating,
                Participate,
                Ok(Viewer::Attendee(guest)),
            ),
            (
                None,
                Some(guest),
                Circulating,
                Edit,
                Err(AppError::Forbidden),
            ),
            (None, Some(guest), Draft, Read, Err(AppError::NotFound)),
            (
                None,
                Some(guest),
                Cancelled,
                Read,
                Ok(Viewer::Attendee(guest)),
            ),
            (None, None, Circulating, Read, Err(AppError::NotFound)),
            // an organizer who also holds an attendee link of someone else's meeting
            (
                Some(other),
                Some(guest),
                Circulating,
                Edit,
                Err(AppError::Forbidden),
            ),
        ];
        for (user, attendee, status, action, expected) in cases {
            assert_eq!(
                decide(user, Some(owner), status, attendee, action),
                expected,
                "{user:?} {attendee:?} {status:?} {action:?}"
            );
        }
    }

    #[test]
    fn ownerless_meetings_are_nobodys() {
        let user = UserId::new();
        assert_eq!(
            decide(Some(user), None, MeetingStatus::Draft, None, Action::Read),
            Err(AppError::NotFound)
        );
    }
}
