//! Server functions for a meeting's organizers: who may be added, adding (an organizer adds a
//! member of the team; a lead adds themselves) and removing (never the last).

use crate::error::AppError;
use crate::model::team::Organizer;
use crate::model::{MeetingId, UserId};
use leptos::prelude::*;

#[server(prefix = "/rpc", endpoint = "organizer_choices")]
pub async fn organizer_choices(id: MeetingId) -> Result<Vec<Organizer>, AppError> {
    use crate::ssr::{domain::meetings::organizers, web::rpc};
    rpc::run(|call| async move {
        let auth = call.authorize_read(id).await?;
        if !auth.viewer().is_organizer() {
            return Ok(Vec::new());
        }
        organizers::choices(&call.state, &auth).await
    })
    .await
}

#[server(prefix = "/rpc", endpoint = "add_organizer")]
pub async fn add_organizer(id: MeetingId, user_id: UserId) -> Result<(), AppError> {
    use crate::ssr::{domain::meetings::organizers, web::rpc};
    rpc::run(|call| async move {
        organizers::add(&call.state, &call.actor, id, user_id).await?;
        leptos_axum::redirect(&format!("/meetings/{id}#organizers-heading"));
        Ok(())
    })
    .await
}

#[server(prefix = "/rpc", endpoint = "remove_organizer")]
pub async fn remove_organizer(id: MeetingId, user_id: UserId) -> Result<(), AppError> {
    use crate::ssr::policy::access::{Edit, authorize};
    use crate::ssr::{domain::meetings::organizers, web::rpc};
    rpc::run(|call| async move {
        let auth = authorize::<Edit>(&call.state, &call.actor, id).await?;
        organizers::remove(&call.state, &auth, user_id).await?;
        if call.actor.user == Some(user_id) {
            // no longer theirs: back to their own meetings
            leptos_axum::redirect("/");
        } else {
            leptos_axum::redirect(&format!("/meetings/{id}#organizers-heading"));
        }
        Ok(())
    })
    .await
}
