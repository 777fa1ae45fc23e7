//! `/api/v1/.../agenda`: the meeting's agenda items.

use super::error::{ApiResult, ErrorBody};
use super::etag::{IfMatch, Tagged};
use super::extract::{ApiJson, Caller, Id};
use app::model::{AgendaItem, AgendaItemId, AgendaItemInput, MeetingId};
use app::ssr::policy::access::{Edit, authorize};
use app::ssr::{AppState, domain::agenda};
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;

/// Append an item to the agenda (or put it at `position`).
#[utoipa::path(post, path = "/api/v1/meetings/{id}/agenda", tag = "agenda",
    params(("id" = MeetingId, Path)), request_body = AgendaItemInput,
    responses((status = 201, body = AgendaItem, headers(("ETag" = String, description = "The row's version")))),
    security(("bearer" = [])))]
pub async fn add(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Id(id): Id<MeetingId>,
    ApiJson(input): ApiJson<AgendaItemInput>,
) -> ApiResult<Tagged<Json<AgendaItem>>> {
    let auth = authorize::<Edit>(&state, &actor, id).await?;
    let item = agenda::add(&state, &auth, input).await?;
    Ok(Tagged(StatusCode::CREATED, item.version, Json(item)))
}

/// Change an item: any subset of its fields, `position` to move it, `resolved_async` and
/// `resolution` to record that it was settled without meeting.
#[utoipa::path(patch, path = "/api/v1/agenda/{item_id}", tag = "agenda",
    params(("item_id" = AgendaItemId, Path),
        ("If-Match" = Option<String>, Header, description = "The ETag last read")),
    request_body = AgendaItemInput,
    responses((status = 200, body = AgendaItem, headers(("ETag" = String, description = "The row's version"))),
        (status = 412, description = "If-Match names an old version", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn update(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Id(id): Id<AgendaItemId>,
    IfMatch(if_match): IfMatch,
    ApiJson(input): ApiJson<AgendaItemInput>,
) -> ApiResult<Tagged<Json<AgendaItem>>> {
    let (auth, _) = agenda::authorize_for::<Edit>(&state, &actor, id).await?;
    let item = agenda::update(&state, &auth, id, input, if_match).await?;
    Ok(Tagged(StatusCode::OK, item.version, Json(item)))
}

#[utoipa::path(delete, path = "/api/v1/agenda/{item_id}", tag = "agenda",
    params(("item_id" = AgendaItemId, Path)),
    responses((status = 204)),
    security(("bearer" = [])))]
pub async fn remove(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Id(id): Id<AgendaItemId>,
) -> ApiResult<StatusCode> {
    let (auth, _) = agenda::authorize_for::<Edit>(&state, &actor, id).await?;
    agenda::remove(&state, &auth, id).await?;
    Ok(StatusCode::NO_CONTENT)
}
