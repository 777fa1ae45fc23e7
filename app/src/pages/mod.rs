//! Route components, one per file; the route table in `app.rs` maps paths to them.

mod home;
mod log_in;
mod meeting;
mod new_meeting;
mod not_found;
mod sign_in_prompt;
mod sign_up;

pub use home::HomePage;
pub use log_in::LogInPage;
pub use meeting::MeetingPage;
pub use new_meeting::NewMeetingPage;
pub use not_found::NotFoundPage;
pub use sign_in_prompt::SignInPrompt;
pub use sign_up::SignUpPage;
