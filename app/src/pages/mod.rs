//! Route components, one per file; the route table in `app.rs` maps paths to them.

mod after;
mod agenda;
mod agenda_item;
mod brief;
mod delete;
mod deliveries;
mod discussion;
mod gate;
mod home;
mod insights;
mod links;
mod log_in;
mod meeting;
mod new_meeting;
mod not_found;
mod people;
mod person;
mod polls;
mod preread_editor;
mod prereads;
mod prereads_step;
mod purpose;
mod review;
mod series;
mod session;
mod settings;
mod sign_in_prompt;
mod sign_up;
mod teams;
mod threads;
mod verdict;
mod verdict_charts;
mod verdict_preview;

pub use after::{ActionItems, FeedbackFigures, FeedbackPage};
pub use agenda::AgendaPage;
pub use agenda_item::AgendaItemPage;
pub use delete::DeletePage;
pub use gate::error_page;
pub use home::HomePage;
pub use links::LinksPage;
pub use log_in::LogInPage;
pub use meeting::MeetingPage;
pub use new_meeting::NewMeetingPage;
pub use not_found::NotFoundPage;
pub use people::PeoplePage;
pub use person::PersonPage;
pub use preread_editor::PrereadEditorPage;
pub use prereads::PrereadPage;
pub use prereads_step::PrereadsStepPage;
pub use purpose::PurposePage;
pub use review::ReviewPage;
pub use series::{NewSeriesPage, SeriesListPage, SeriesPage};
pub use session::{Session, use_session};
pub use settings::SettingsPage;
pub use sign_in_prompt::SignInPrompt;
pub use sign_up::SignUpPage;
pub use teams::{TeamPage, TeamsPage};
pub use verdict::VerdictPage;

use crate::api::meetings::get_brief;
use crate::error::AppError;
use crate::model::MeetingId;
use crate::model::brief::Brief;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// The meeting id in the current path (`/meetings/:id/...`), if it is one.
pub fn meeting_id() -> impl Fn() -> Option<MeetingId> + Clone + Send + Sync + 'static {
    let params = use_params_map();
    move || params.read().get("id").and_then(|s| s.parse().ok())
}

/// The brief of the meeting in the current path, as its viewer may see it.
pub fn current_brief() -> Resource<Result<Brief, AppError>> {
    let id = meeting_id();
    Resource::new(id, |id| async move {
        match id {
            Some(id) => get_brief(id).await,
            None => Err(AppError::NotFound),
        }
    })
}
