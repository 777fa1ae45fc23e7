//! Route components, one per file; the route table in `app.rs` maps paths to them.

mod home;
mod meeting;
mod new_meeting;
mod not_found;

pub use home::HomePage;
pub use meeting::MeetingPage;
pub use new_meeting::NewMeetingPage;
pub use not_found::NotFoundPage;
