//! The one authorization decision, actor × meeting × action, that every server function and
//! API route makes before anything else.
//!
//! - An organizer (its creator, or a co-organizer) may do everything with the meeting.
//! - A lead of the meeting's team reads it (drafts included), and changes nothing unless also
//!   an organizer of it.
//! - An attendee may read a circulated meeting and take part in it (comment, vote, set their
//!   own state); never edit it. Before it is circulated, it does not exist for them.
//! - Someone "shorten" took off the invitation still reads the meeting and its outcome, but no
//!   longer takes part.
//! - Anyone else learns nothing: the meeting is "not found", whether or not it exists.
//! - A caller with no credential at all is asked to sign in (401), for every meeting alike.

use crate::error::AppError;
use crate::model::{MeetingId, MeetingStatus, UserId};
use crate::ssr::AppState;
use crate::ssr::auth::Actor;
pub use crate::ssr::db::meetings::Grant;
use crate::ssr::db::meetings::Standing;
use crate::ssr::db::{self, meetings::MeetingRecord, rows::MeetingRows};
use crate::ssr::policy::disclosure::Disclosure;
pub use crate::ssr::policy::disclosure::Viewer;
use crate::ssr::runtime::limits::WriterKey;
use std::marker::PhantomData;
use std::sync::Arc;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// See the brief, its pre-reads and discussion.
    Read,
    /// Change the brief, its agenda, people, pre-reads; circulate, decide, delete.
    Edit,
    /// Comment, vote, mark read and ready: what an attendee does.
    Participate,
}

/// The permission an [`Authorized`] proves, as a type, so that an operation's signature says
/// what it needs and cannot be called with less.
pub trait Permission: Send + Sync + 'static {
    const ACTION: Action;
    /// Whether holding it means writing, so the writer's rate limit counts it.
    const WRITES: bool;
}

/// Reading a meeting: its organizer, or one of its attendees once it circulates.
#[derive(Debug)]
pub struct Read;
/// Changing a meeting: its organizer only.
#[derive(Debug)]
pub struct Edit;
/// Taking part (comment, vote, own state): the organizer, or an attendee still invited.
#[derive(Debug)]
pub struct Participate;

impl Permission for Read {
    const ACTION: Action = Action::Read;
    const WRITES: bool = false;
}
impl Permission for Edit {
    const ACTION: Action = Action::Edit;
    const WRITES: bool = true;
}
impl Permission for Participate {
    const ACTION: Action = Action::Participate;
    const WRITES: bool = true;
}

/// Proof that a caller may do `A` with one meeting, holding that meeting's row as it was read
/// in the same query, and whose eyes every answer built from it is for. Only [`authorize`]
/// makes one, so a domain operation that takes it cannot run unauthorised.
#[derive(Debug)]
pub struct Authorized<A> {
    meeting: MeetingRecord,
    viewer: Viewer,
    /// Whether nothing is written under this proof: then the meeting row it holds is the one
    /// every answer shows. A write's answer must show the write, so it reads the meeting again.
    read_only: bool,
    _permission: PhantomData<A>,
}

impl<A> Authorized<A> {
    pub fn meeting(&self) -> &MeetingRecord {
        &self.meeting
    }

    pub fn id(&self) -> MeetingId {
        self.meeting.id
    }

    pub fn viewer(&self) -> Viewer {
        self.viewer
    }

    /// What this viewer may learn of this meeting (`ssr::policy::disclosure`).
    pub fn disclosure(&self) -> Disclosure {
        Disclosure::new(self.viewer, self.meeting.fields.anonymous)
    }

    /// Every permission includes reading: the answer to a write is a read.
    pub fn as_read(&self) -> Authorized<Read> {
        Authorized {
            meeting: self.meeting.clone(),
            viewer: self.viewer,
            read_only: self.read_only,
            _permission: PhantomData,
        }
    }

    /// The meeting's row and the rows hanging off it ([`db::rows`]), as this caller's answer
    /// must show them: for a read, as of the row read when authorising (no query at all while
    /// the meeting is unchanged); for a write, read again, so the answer includes the write.
    pub async fn current(
        &self,
        state: &AppState,
    ) -> Result<(MeetingRecord, Arc<MeetingRows>), AppError> {
        let record = if self.read_only {
            self.meeting.clone()
        } else {
            db::meetings::get(&state.db, self.id())
                .await?
                .ok_or(AppError::NotFound)?
        };
        let rows = db::rows::for_meeting(&state.db, &record).await?;
        Ok((record, rows))
    }

    /// The rows hanging off the meeting, as [`Self::current`] has them.
    pub async fn rows(&self, state: &AppState) -> Result<Arc<MeetingRows>, AppError> {
        Ok(self.current(state).await?.1)
    }
}

impl Authorized<Read> {
    /// For the organizer's own views that change nothing (the live preview's facts, the links
    /// just issued): reading them is not a write, so it holds [`Read`], not [`Edit`].
    pub fn require_organizer(&self) -> Result<UserId, AppError> {
        match self.viewer {
            Viewer::Organizer(user) => Ok(user),
            Viewer::Lead(_) | Viewer::Attendee(_) => Err(AppError::Forbidden),
        }
    }
}

impl Authorized<Edit> {
    /// Edit is the organizer's alone.
    pub fn organizer(&self) -> UserId {
        match self.viewer {
            Viewer::Organizer(user) => user,
            // `decide` grants Edit to organizers alone
            Viewer::Lead(_) | Viewer::Attendee(_) => unreachable!("only an organizer holds Edit"),
        }
    }
}

/// Decides whether `actor` may do `A` on `meeting`, reading the meeting and the caller's grant
/// in one query, and returns the proof with the meeting in it. A write also counts against the
/// writer's rate limit (`ssr::runtime::limits`), once the writer is known to be allowed.
pub async fn authorize<A: Permission>(
    state: &AppState,
    actor: &Actor,
    meeting: MeetingId,
) -> Result<Authorized<A>, AppError> {
    if actor.is_anonymous() {
        return Err(AppError::Unauthenticated);
    }
    let found =
        db::meetings::get_with_grant(&state.db, meeting, actor.user, &actor.attendees).await?;
    let Some((record, standing)) = found else {
        return Err(AppError::NotFound);
    };
    let viewer = decide(actor.user, standing, record.status, A::ACTION)?;
    if A::WRITES {
        state.limits.check_write(WriterKey::from(viewer))?;
    }
    Ok(Authorized {
        meeting: record,
        viewer,
        read_only: !A::WRITES,
        _permission: PhantomData,
    })
}

/// The proof the scheduler acts under when it circulates an occurrence of a series: the
/// meeting's own organizer's, held by nobody else. `None` for a meeting no organizer holds.
/// No rate limit is counted: nobody sent a request.
pub fn for_scheduler(meeting: MeetingRecord) -> Option<Authorized<Edit>> {
    let organizer = meeting.organizer_id?;
    Some(Authorized {
        meeting,
        viewer: Viewer::Organizer(organizer),
        read_only: false,
        _permission: PhantomData,
    })
}

/// Loads one of a meeting's parts (an attendee, an agenda item, a pre-read, a poll) with
/// `found`, and authorises `A` on the meeting it belongs to. A part the caller may not see is
/// as unknown as one that does not exist (404 either way).
pub async fn authorize_via<A: Permission, R>(
    state: &AppState,
    actor: &Actor,
    found: impl Future<Output = Result<Option<R>, db::StoreError>>,
    meeting_of: impl FnOnce(&R) -> MeetingId,
) -> Result<(Authorized<A>, R), AppError> {
    if actor.is_anonymous() {
        return Err(AppError::Unauthenticated);
    }
    let part = found.await?.ok_or(AppError::NotFound)?;
    let auth = authorize::<A>(state, actor, meeting_of(&part)).await?;
    Ok((auth, part))
}

impl From<Viewer> for WriterKey {
    fn from(viewer: Viewer) -> Self {
        match viewer {
            Viewer::Organizer(user) | Viewer::Lead(user) => Self::User(user),
            Viewer::Attendee(attendee) => Self::Attendee(attendee),
        }
    }
}

/// The decision itself, without I/O, so every cell of the matrix can be unit-tested.
/// An organizer first; then someone's own attendee link (they take part as that person); then
/// a reading lead; anyone else is told nothing.
fn decide(
    user: Option<UserId>,
    standing: Standing,
    status: MeetingStatus,
    action: Action,
) -> Result<Viewer, AppError> {
    if let Some(user) = user
        && standing.organizer
    {
        return Ok(Viewer::Organizer(user));
    }
    match standing.grant {
        Some(grant) if status != MeetingStatus::Draft => {
            return match action {
                Action::Read => Ok(Viewer::Attendee(grant.attendee)),
                Action::Participate if grant.invited => Ok(Viewer::Attendee(grant.attendee)),
                Action::Participate | Action::Edit => Err(AppError::Forbidden),
            };
        }
        _ => {}
    }
    match (user, standing.lead) {
        (Some(lead), true) => match action {
            Action::Read => Ok(Viewer::Lead(lead)),
            Action::Participate | Action::Edit => Err(AppError::Forbidden),
        },
        _ => Err(AppError::NotFound),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::AttendeeId;

    #[test]
    fn the_access_matrix() {
        let owner = UserId::new();
        let other = UserId::new();
        let guest = Grant {
            attendee: AttendeeId::new(),
            invited: true,
        };
        let gone = Grant {
            invited: false,
            ..guest
        };
        let organizer = Standing {
            organizer: true,
            ..Standing::default()
        };
        let nobody = Standing::default();
        let attendee = Standing {
            grant: Some(guest),
            ..Standing::default()
        };
        let taken_off = Standing {
            grant: Some(gone),
            ..Standing::default()
        };
        let lead = Standing {
            lead: true,
            ..Standing::default()
        };
        let lead_and_attendee = Standing {
            lead: true,
            grant: Some(guest),
            ..Standing::default()
        };
        use Action::*;
        use MeetingStatus::*;
        let cases = [
            // (user, standing, status, action, expected)
            (
                Some(owner),
                organizer,
                Draft,
                Edit,
                Ok(Viewer::Organizer(owner)),
            ),
            (
                Some(owner),
                organizer,
                Circulating,
                Read,
                Ok(Viewer::Organizer(owner)),
            ),
            (
                Some(owner),
                organizer,
                Held,
                Participate,
                Ok(Viewer::Organizer(owner)),
            ),
            (
                Some(other),
                nobody,
                Circulating,
                Read,
                Err(AppError::NotFound),
            ),
            (Some(other), nobody, Draft, Edit, Err(AppError::NotFound)),
            (
                None,
                attendee,
                Circulating,
                Read,
                Ok(Viewer::Attendee(guest.attendee)),
            ),
            (
                None,
                attendee,
                Circulating,
                Participate,
                Ok(Viewer::Attendee(guest.attendee)),
            ),
            (None, attendee, Circulating, Edit, Err(AppError::Forbidden)),
            (None, attendee, Draft, Read, Err(AppError::NotFound)),
            (
                None,
                attendee,
                Cancelled,
                Read,
                Ok(Viewer::Attendee(guest.attendee)),
            ),
            (None, nobody, Circulating, Read, Err(AppError::NotFound)),
            // taken off the invitation by "shorten": reads the outcome, takes no part
            (
                None,
                taken_off,
                Shortened,
                Read,
                Ok(Viewer::Attendee(guest.attendee)),
            ),
            (
                None,
                taken_off,
                Shortened,
                Participate,
                Err(AppError::Forbidden),
            ),
            // an organizer who also holds an attendee link of someone else's meeting
            (
                Some(other),
                attendee,
                Circulating,
                Edit,
                Err(AppError::Forbidden),
            ),
            // a lead of the meeting's team reads it, drafts included, and changes nothing
            (Some(other), lead, Draft, Read, Ok(Viewer::Lead(other))),
            (
                Some(other),
                lead,
                Circulating,
                Read,
                Ok(Viewer::Lead(other)),
            ),
            (
                Some(other),
                lead,
                Circulating,
                Edit,
                Err(AppError::Forbidden),
            ),
            (
                Some(other),
                lead,
                Circulating,
                Participate,
                Err(AppError::Forbidden),
            ),
            // a lead's standing needs their account: a link alone is not a lead
            (None, lead, Circulating, Read, Err(AppError::NotFound)),
            // a lead invited to the meeting takes part as that person
            (
                Some(other),
                lead_and_attendee,
                Circulating,
                Participate,
                Ok(Viewer::Attendee(guest.attendee)),
            ),
            (
                Some(other),
                lead_and_attendee,
                Draft,
                Read,
                Ok(Viewer::Lead(other)),
            ),
        ];
        for (user, standing, status, action, expected) in cases {
            assert_eq!(
                decide(user, standing, status, action),
                expected,
                "{user:?} {standing:?} {status:?} {action:?}"
            );
        }
    }
}
