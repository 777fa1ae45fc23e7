//! Server functions for the agenda step.

use crate::error::AppError;
use crate::model::forms::ItemForm;
use crate::model::{AgendaItemId, MeetingId};
use leptos::prelude::*;

#[server(prefix = "/rpc", endpoint = "add_agenda_item")]
pub async fn add_agenda_item(meeting: MeetingId, item: ItemForm) -> Result<AgendaItemId, AppError> {
    use crate::ssr::policy::access::{Edit, authorize};
    use crate::ssr::web::forms::ReadForm;
    use crate::ssr::{domain::agenda, web::rpc};
    rpc::run_form(&item.clone(), |call| async move {
        let auth = authorize::<Edit>(&call.state, &call.actor, meeting).await?;
        let input = item.into_input()?;
        Ok(agenda::add(&call.state, &auth, input).await?.id)
    })
    .await
}

#[server(prefix = "/rpc", endpoint = "update_agenda_item")]
pub async fn update_agenda_item(id: AgendaItemId, item: ItemForm) -> Result<(), AppError> {
    use crate::ssr::policy::access::Edit;
    use crate::ssr::web::forms::ReadForm;
    use crate::ssr::{domain::agenda, web::rpc};
    rpc::run_form(&item.clone(), |call| async move {
        let (auth, _) = agenda::authorize_for::<Edit>(&call.state, &call.actor, id).await?;
        let input = item.into_input()?;
        agenda::update(&call.state, &auth, id, input, None).await?;
        leptos_axum::redirect(&format!("/meetings/{}/agenda", auth.id()));
        Ok(())
    })
    .await
}

/// Moves an item one place: `by` is -1 (up) or 1 (down).
#[server(prefix = "/rpc", endpoint = "move_agenda_item")]
pub async fn move_agenda_item(id: AgendaItemId, by: i64) -> Result<(), AppError> {
    use crate::ssr::policy::access::Edit;
    use crate::ssr::{domain::agenda, web::rpc};
    rpc::run(|call| async move {
        let (auth, item) = agenda::authorize_for::<Edit>(&call.state, &call.actor, id).await?;
        agenda::step(&call.state, &auth, &item, by.clamp(-1, 1)).await?;
        Ok(())
    })
    .await
}

#[server(prefix = "/rpc", endpoint = "remove_agenda_item")]
pub async fn remove_agenda_item(id: AgendaItemId) -> Result<(), AppError> {
    use crate::ssr::policy::access::Edit;
    use crate::ssr::{domain::agenda, web::rpc};
    rpc::run(|call| async move {
        let (auth, _) = agenda::authorize_for::<Edit>(&call.state, &call.actor, id).await?;
        agenda::remove(&call.state, &auth, id).await
    })
    .await
}
