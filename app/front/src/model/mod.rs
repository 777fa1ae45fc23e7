//! Types shared by the server and the browser: ids, the typed inputs of each command with their
//! validation, and the read models pages render.

pub mod action;
pub mod agenda;
pub mod attendee;
pub mod brief;
pub mod comment;
pub mod delivery;
pub mod discussion;
pub mod feedback;
pub mod forms;
pub mod hours;
mod ids;
pub mod input;
pub mod insights;
pub mod meeting;
pub(crate) mod names;
pub mod outcome;
pub mod poll;
pub mod precondition;
pub mod preread;
pub mod prose;
pub mod recurrence;
pub mod series;
pub mod team;
pub mod user;

pub use agenda::{AgendaItem, AgendaItemInput, ItemKind};
pub use attendee::{
    Attendee, AttendeeInput, AttendeeWithLink, Notifications, Role, TimeOfDay, WeekdaysInput,
    WorkDays,
};
pub use comment::{Comment, CommentInput, CommentKind};
pub use ids::{
    ActionId, AgendaItemId, AttendeeId, CommentId, MeetingId, PollId, PrereadId, SeriesId, TeamId,
    TemplateId, UserId,
};
pub use meeting::{
    Meeting, MeetingFields, MeetingInput, MeetingStatus, MeetingSummary, MeetingViewer, PurposeKind,
};
pub use poll::{Poll, PollInput, Vote, VoteInput};
pub use precondition::Precondition;
pub use preread::{Preread, PrereadInput};
pub use user::{Credentials, NewAccount, Profile, ProfileInput, User};

/// Length of a string as a person counts it (Unicode scalar values), for the API's limits.
pub fn char_len(s: &str) -> usize {
    s.chars().count()
}
