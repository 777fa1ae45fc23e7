//! `/api/v1/.../agenda`: the meeting's agenda items.

use super::error::{ApiResult, ErrorBody};
use super::extract::{ApiJson, Caller, Id};
use app::model::{AgendaItem, AgendaItemId, AgendaItemInput, MeetingId};
use app::ssr::{AppState, agenda};
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;

/// Append an item to the agenda (or put it at `position`).
#[utoipa::path(post, path = "/api/v1/meetings/{id}/agenda", tag = "agenda",
    params(("id" = MeetingId, Path)), request_body = AgendaItemInput,
    responses((status = 201, body = AgendaItem), (status = 400, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn add(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Id(id): Id<MeetingId>,
    ApiJson(input): ApiJson<AgendaItemInput>,
) -> ApiResult<(StatusCode, Json<AgendaItem>)> {
    let item = agenda::add(&state, &actor, id, input).await?;
    Ok((StatusCode::CREATED, Json(item)))
}

/// Change an item: any subset of its fields, `position` to move it, `resolved_async` and
/// `resolution` to record that it was settled without meeting.
#[utoipa::path(patch, path = "/api/v1/agenda/{item_id}", tag = "agenda",
    params(("item_id" = AgendaItemId, Path)), request_body = AgendaItemInput,
    responses((status = 200, body = AgendaItem), (status = 400, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn update(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Id(id): Id<AgendaItemId>,
    ApiJson(input): ApiJson<AgendaItemInput>,
) -> ApiResult<Json<AgendaItem>> {
    Ok(Json(agenda::update(&state, &actor, id, input).await?))
}

#[utoipa::path(delete, path = "/api/v1/agenda/{item_id}", tag = "agenda",
    params(("item_id" = AgendaItemId, Path)),
    responses((status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn remove(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Id(id): Id<AgendaItemId>,
) -> ApiResult<StatusCode> {
    agenda::remove(&state, &actor, id).await?;
    Ok(StatusCode::NO_CONTENT)
}
