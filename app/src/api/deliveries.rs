//! Server functions for the organizer's delivery log: what Prework sent, or holds, per person.

use crate::error::AppError;
use crate::model::MeetingId;
use crate::model::delivery::Delivery;
use leptos::prelude::*;

#[server(prefix = "/rpc", endpoint = "get_deliveries")]
pub async fn get_deliveries(meeting: MeetingId) -> Result<Vec<Delivery>, AppError> {
    use crate::ssr::notify::outbox;
    use crate::ssr::web::rpc;
    rpc::run(|call| async move {
        let auth = call.authorize_read(meeting).await?;
        outbox::log(&call.state, &auth).await
    })
    .await
}

/// "Send again": a failed message goes back in the queue.
#[server(prefix = "/rpc", endpoint = "retry_delivery")]
pub async fn retry_delivery(delivery: uuid::Uuid) -> Result<(), AppError> {
    use crate::ssr::notify::outbox;
    use crate::ssr::policy::access::Edit;
    use crate::ssr::web::rpc;
    rpc::run(|call| async move {
        let (auth, _) = outbox::authorize_for::<Edit>(&call.state, &call.actor, delivery).await?;
        outbox::retry(&call.state, &auth, delivery).await?;
        Ok(())
    })
    .await
}
