//! `/api/v1/meetings`: the brief.

use super::error::{ApiResult, ErrorBody};
use super::extract::{ApiJson, Caller, Id};
use app::model::{Meeting, MeetingId, MeetingInput, MeetingSummary};
use app::ssr::{AppState, meetings};
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::Serialize;
use utoipa::ToSchema;

#[derive(Serialize, ToSchema)]
pub struct MeetingList {
    meetings: Vec<MeetingSummary>,
}

/// Create a meeting (a draft, visible only to its organizer until circulated).
#[utoipa::path(post, path = "/api/v1/meetings", tag = "meetings", request_body = MeetingInput,
    responses((status = 201, body = Meeting), (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 422, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn create(
    State(state): State<AppState>,
    Caller(actor): Caller,
    ApiJson(input): ApiJson<MeetingInput>,
) -> ApiResult<(StatusCode, Json<Meeting>)> {
    let meeting = meetings::create(&state, &actor, input).await?;
    Ok((StatusCode::CREATED, Json(meeting)))
}

/// The caller's meetings: an organizer's own; for an attendee token, the meeting it opens.
#[utoipa::path(get, path = "/api/v1/meetings", tag = "meetings",
    responses((status = 200, body = MeetingList), (status = 401, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn list(
    State(state): State<AppState>,
    Caller(actor): Caller,
) -> ApiResult<Json<MeetingList>> {
    let meetings = meetings::list(&state, &actor).await?;
    Ok(Json(MeetingList { meetings }))
}

#[utoipa::path(get, path = "/api/v1/meetings/{id}", tag = "meetings",
    params(("id" = MeetingId, Path)),
    responses((status = 200, body = Meeting), (status = 401, body = ErrorBody),
        (status = 404, description = "Unknown, or not yours to see", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn get(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Id(id): Id<MeetingId>,
) -> ApiResult<Json<Meeting>> {
    Ok(Json(meetings::get(&state, &actor, id).await?))
}

/// Change any subset of the meeting's fields; `null` clears an optional one.
#[utoipa::path(patch, path = "/api/v1/meetings/{id}", tag = "meetings",
    params(("id" = MeetingId, Path)), request_body = MeetingInput,
    responses((status = 200, body = Meeting), (status = 400, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn update(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Id(id): Id<MeetingId>,
    ApiJson(input): ApiJson<MeetingInput>,
) -> ApiResult<Json<Meeting>> {
    Ok(Json(meetings::update(&state, &actor, id, input).await?))
}

#[utoipa::path(delete, path = "/api/v1/meetings/{id}", tag = "meetings",
    params(("id" = MeetingId, Path)),
    responses((status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn delete(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Id(id): Id<MeetingId>,
) -> ApiResult<StatusCode> {
    meetings::delete(&state, &actor, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Make the meeting visible to its attendees.
#[utoipa::path(post, path = "/api/v1/meetings/{id}/circulate", tag = "meetings",
    params(("id" = MeetingId, Path)),
    responses((status = 200, body = Meeting), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn circulate(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Id(id): Id<MeetingId>,
) -> ApiResult<Json<Meeting>> {
    Ok(Json(meetings::circulate(&state, &actor, id).await?))
}
