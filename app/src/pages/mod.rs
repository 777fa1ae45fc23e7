//! Route components, one per file; the route table in `app.rs` maps paths to them.

mod agenda;
mod brief;
mod deliveries;
mod discussion;
mod gate;
mod home;
mod log_in;
mod meeting;
mod not_found;
mod people;
mod preread_editor;
mod prereads;
mod purpose;
mod review;
mod settings;
mod sign_in_prompt;
mod sign_up;
mod verdict;
mod verdict_charts;
mod verdict_preview;

pub use agenda::{AgendaItemPage, AgendaPage};
pub use gate::error_page;
pub use home::HomePage;
pub use log_in::LogInPage;
pub use meeting::MeetingPage;
pub use not_found::NotFoundPage;
pub use people::{PeoplePage, PersonPage};
pub use preread_editor::PrereadEditorPage;
pub use prereads::PrereadPage;
pub use purpose::{NewMeetingPage, PurposePage};
pub use review::{DeletePage, LinksPage, ReviewPage};
pub use settings::SettingsPage;
pub use sign_in_prompt::SignInPrompt;
pub use sign_up::SignUpPage;
pub use verdict::{VerdictBadge, VerdictPage};

use crate::model::MeetingId;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// The meeting id in the current path (`/meetings/:id/...`), if it is one.
pub fn meeting_id() -> impl Fn() -> Option<MeetingId> + Clone + Send + Sync + 'static {
    let params = use_params_map();
    move || params.read().get("id").and_then(|s| s.parse().ok())
}
