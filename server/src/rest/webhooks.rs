//! `/api/v1/webhooks`: an organizer's signed event feeds (API.md, "Webhooks").

use super::error::{ApiResult, ErrorBody};
use super::extract::{ApiJson, Caller, Id};
use app::model::delivery::{Webhook, WebhookDelivery, WebhookInput, WebhookWithSecret};
use app::ssr::AppState;
use app::ssr::notify::webhooks;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::Serialize;
use utoipa::ToSchema;

/// Register a URL for events of all the caller's meetings. The secret that signs each delivery
/// (`Prework-Signature`) is in this answer only.
#[utoipa::path(post, path = "/api/v1/webhooks", tag = "webhooks", request_body = WebhookInput,
    responses((status = 201, body = WebhookWithSecret),
        (status = 400, description = "Malformed, or an unknown event", body = ErrorBody),
        (status = 422, description = "No event, or a private address", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn create(
    State(state): State<AppState>,
    Caller(actor): Caller,
    ApiJson(input): ApiJson<WebhookInput>,
) -> ApiResult<(StatusCode, Json<WebhookWithSecret>)> {
    let hook = webhooks::create(&state, &actor, input).await?;
    Ok((StatusCode::CREATED, Json(hook)))
}

#[derive(Serialize, ToSchema)]
pub struct WebhookList {
    webhooks: Vec<Webhook>,
}

/// The caller's webhooks, without their secrets.
#[utoipa::path(get, path = "/api/v1/webhooks", tag = "webhooks",
    responses((status = 200, body = WebhookList)),
    security(("bearer" = [])))]
pub async fn list(
    State(state): State<AppState>,
    Caller(actor): Caller,
) -> ApiResult<Json<WebhookList>> {
    let webhooks = webhooks::list(&state, &actor).await?;
    Ok(Json(WebhookList { webhooks }))
}

#[utoipa::path(delete, path = "/api/v1/webhooks/{id}", tag = "webhooks",
    params(("id" = String, Path, format = Uuid)),
    responses((status = 204)),
    security(("bearer" = [])))]
pub async fn delete(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Id(id): Id<uuid::Uuid>,
) -> ApiResult<StatusCode> {
    webhooks::delete(&state, &actor, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Serialize, ToSchema)]
pub struct WebhookDeliveryList {
    deliveries: Vec<WebhookDelivery>,
}

/// What was sent to one webhook, oldest first.
#[utoipa::path(get, path = "/api/v1/webhooks/{id}/deliveries", tag = "webhooks",
    params(("id" = String, Path, format = Uuid)),
    responses((status = 200, body = WebhookDeliveryList)),
    security(("bearer" = [])))]
pub async fn deliveries(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Id(id): Id<uuid::Uuid>,
) -> ApiResult<Json<WebhookDeliveryList>> {
    let deliveries = webhooks::deliveries(&state, &actor, id).await?;
    Ok(Json(WebhookDeliveryList { deliveries }))
}
