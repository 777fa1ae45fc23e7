//! Server functions for the organizer's own settings: name and working hours.

use crate::error::AppError;
use crate::model::Profile;
use crate::model::forms::ProfileForm;
use leptos::prelude::*;

#[server(prefix = "/rpc", endpoint = "get_profile")]
pub async fn get_profile() -> Result<Profile, AppError> {
    use crate::ssr::{domain::people::accounts, web::rpc};
    rpc::run(|call| async move { accounts::profile(&call.state, &call.actor).await }).await
}

/// Saves the whole form; without WASM the browser comes back to the settings page, which says
/// it was saved.
#[server(prefix = "/rpc", endpoint = "save_profile")]
pub async fn save_profile(profile: ProfileForm) -> Result<Profile, AppError> {
    use crate::ssr::web::forms::ReadForm;
    use crate::ssr::{domain::people::accounts, web::rpc};
    rpc::run_form(&profile.clone(), |call| async move {
        call.actor.organizer()?;
        let input = profile.into_input()?;
        let saved = accounts::update_profile(&call.state, &call.actor, input).await?;
        if call.plain_form() {
            leptos_axum::redirect("/settings?saved=hours");
        }
        Ok(saved)
    })
    .await
}
