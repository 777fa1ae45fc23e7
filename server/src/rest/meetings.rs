//! `/api/v1/meetings`: the brief.

use super::error::{ApiResult, ErrorBody};
use super::etag::{IfMatch, Tagged};
use super::extract::{ApiJson, Caller, Id};
use app::model::{Meeting, MeetingId, MeetingInput, MeetingSummary};
use app::ssr::policy::access::{Edit, Read, authorize};
use app::ssr::{AppState, domain::meetings};
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
    responses((status = 201, body = Meeting, headers(("ETag" = String, description = "The row's version")))),
    security(("bearer" = [])))]
pub async fn create(
    State(state): State<AppState>,
    Caller(actor): Caller,
    ApiJson(input): ApiJson<MeetingInput>,
) -> ApiResult<Tagged<Json<Meeting>>> {
    let meeting = meetings::create(&state, &actor, input).await?;
    Ok(Tagged(StatusCode::CREATED, meeting.version, Json(meeting)))
}

/// The caller's meetings: an organizer's own; for an attendee token, the meeting it opens.
#[utoipa::path(get, path = "/api/v1/meetings", tag = "meetings",
    responses((status = 200, body = MeetingList)),
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
    responses((status = 200, body = Meeting, headers(("ETag" = String, description = "The row's version"))),
        (status = 404, description = "Unknown, or not yours to see", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn get(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Id(id): Id<MeetingId>,
) -> ApiResult<Tagged<Json<Meeting>>> {
    let auth = authorize::<Read>(&state, &actor, id).await?;
    let meeting = meetings::get(&state, &auth).await?;
    Ok(Tagged(StatusCode::OK, meeting.version, Json(meeting)))
}

/// Change any subset of the meeting's fields; `null` clears an optional one. Only the fields
/// sent change, atomically; with `If-Match`, a meeting changed since is left alone (412).
#[utoipa::path(patch, path = "/api/v1/meetings/{id}", tag = "meetings",
    params(("id" = MeetingId, Path),
        ("If-Match" = Option<String>, Header, description = "The ETag last read")),
    request_body = MeetingInput,
    responses((status = 200, body = Meeting, headers(("ETag" = String, description = "The row's version"))),
        (status = 412, description = "If-Match names an old version", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn update(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Id(id): Id<MeetingId>,
    IfMatch(if_match): IfMatch,
    ApiJson(input): ApiJson<MeetingInput>,
) -> ApiResult<Tagged<Json<Meeting>>> {
    let auth = authorize::<Edit>(&state, &actor, id).await?;
    let meeting = meetings::update(&state, &auth, input, if_match).await?;
    Ok(Tagged(StatusCode::OK, meeting.version, Json(meeting)))
}

#[utoipa::path(delete, path = "/api/v1/meetings/{id}", tag = "meetings",
    params(("id" = MeetingId, Path)),
    responses((status = 204)),
    security(("bearer" = [])))]
pub async fn delete(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Id(id): Id<MeetingId>,
) -> ApiResult<StatusCode> {
    let auth = authorize::<Edit>(&state, &actor, id).await?;
    meetings::delete(&state, &auth).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Make the meeting visible to its attendees.
#[utoipa::path(post, path = "/api/v1/meetings/{id}/circulate", tag = "meetings",
    params(("id" = MeetingId, Path)),
    responses((status = 200, body = Meeting), (status = 409, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn circulate(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Id(id): Id<MeetingId>,
) -> ApiResult<Tagged<Json<Meeting>>> {
    let auth = authorize::<Edit>(&state, &actor, id).await?;
    let meeting = meetings::circulate(&state, &auth).await?;
    Ok(Tagged(StatusCode::OK, meeting.version, Json(meeting)))
}
