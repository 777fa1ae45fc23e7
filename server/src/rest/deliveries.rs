//! `/api/v1/.../deliveries`: what Prework sent, or will send, for a meeting (the organizer's).

use super::error::{ApiResult, ErrorBody};
use super::extract::{Caller, Id, ListQuery};
use app::model::MeetingId;
use app::model::delivery::Delivery;
use app::ssr::AppState;
use app::ssr::notify::outbox;
use app::ssr::policy::access::{Edit, Read, authorize};
use axum::Json;
use axum::extract::State;
use serde::Serialize;
use utoipa::ToSchema;

#[derive(Serialize, ToSchema)]
pub struct DeliveryList {
    deliveries: Vec<Delivery>,
    /// Where the next page starts; `null` on the last page.
    next_cursor: Option<String>,
}

/// Every message of the meeting, oldest first: `held` ones say until when (`not_before`, UTC).
/// No delivery shows a link secret or a message body.
#[utoipa::path(get, path = "/api/v1/meetings/{id}/deliveries", tag = "deliveries",
    params(("id" = MeetingId, Path),
        ("cursor" = Option<String>, Query, description = "`next_cursor` of the page before"),
        ("limit" = Option<u32>, Query, description = "1 to 200, default 50")),
    responses((status = 200, body = DeliveryList),
        (status = 400, description = "A limit out of range, or a cursor that does not parse", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn list(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Id(id): Id<MeetingId>,
    ListQuery(page): ListQuery,
) -> ApiResult<Json<DeliveryList>> {
    let auth = authorize::<Read>(&state, &actor, id).await?;
    let (deliveries, next_cursor) =
        outbox::log_page(&state, &auth, page.cursor.as_deref(), page.limit).await?;
    Ok(Json(DeliveryList {
        deliveries,
        next_cursor,
    }))
}

/// "Send again": a failed message goes back in the queue (409 unless it failed).
#[utoipa::path(post, path = "/api/v1/deliveries/{id}/retry", tag = "deliveries",
    params(("id" = String, Path, format = Uuid)),
    responses((status = 200, body = Delivery), (status = 409, description = "It has not failed", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn retry(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Id(id): Id<uuid::Uuid>,
) -> ApiResult<Json<Delivery>> {
    let (auth, _) = outbox::authorize_for::<Edit>(&state, &actor, id).await?;
    Ok(Json(outbox::retry(&state, &auth, id).await?))
}
