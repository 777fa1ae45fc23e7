//! `/api/v1/.../attendees` and the attendee's own state.

use super::error::{ApiResult, ErrorBody};
use super::extract::{ApiJson, Caller, Id};
use app::model::{Attendee, AttendeeId, AttendeeInput, AttendeeWithLink, MeetingId};
use app::ssr::AppState;
use app::ssr::attendees::{self, OwnState, OwnStateInput};
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;

/// Invite a person. The answer carries their personal link and its token: the only time the
/// secret is shown.
#[utoipa::path(post, path = "/api/v1/meetings/{id}/attendees", tag = "attendees",
    params(("id" = MeetingId, Path)), request_body = AttendeeInput,
    responses((status = 201, body = AttendeeWithLink), (status = 400, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, description = "Already invited", body = ErrorBody),
        (status = 422, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn add(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Id(id): Id<MeetingId>,
    ApiJson(input): ApiJson<AttendeeInput>,
) -> ApiResult<(StatusCode, Json<AttendeeWithLink>)> {
    let added = attendees::add(&state, &actor, id, input).await?;
    Ok((StatusCode::CREATED, Json(added)))
}

#[utoipa::path(patch, path = "/api/v1/attendees/{id}", tag = "attendees",
    params(("id" = AttendeeId, Path)), request_body = AttendeeInput,
    responses((status = 200, body = Attendee), (status = 400, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn update(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Id(id): Id<AttendeeId>,
    ApiJson(input): ApiJson<AttendeeInput>,
) -> ApiResult<Json<Attendee>> {
    Ok(Json(attendees::update(&state, &actor, id, input).await?))
}

#[utoipa::path(delete, path = "/api/v1/attendees/{id}", tag = "attendees",
    params(("id" = AttendeeId, Path)),
    responses((status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn remove(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Id(id): Id<AttendeeId>,
) -> ApiResult<StatusCode> {
    attendees::remove(&state, &actor, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Issue a new personal link; the old one stops working at once.
#[utoipa::path(post, path = "/api/v1/attendees/{id}/link", tag = "attendees",
    params(("id" = AttendeeId, Path)),
    responses((status = 200, body = AttendeeWithLink), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn regenerate_link(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Id(id): Id<AttendeeId>,
) -> ApiResult<Json<AttendeeWithLink>> {
    Ok(Json(attendees::regenerate_link(&state, &actor, id).await?))
}

/// The attendee's own state: ready, or not needed.
#[utoipa::path(post, path = "/api/v1/meetings/{id}/me", tag = "attendees",
    params(("id" = MeetingId, Path)), request_body = OwnStateInput,
    responses((status = 200, body = OwnState), (status = 401, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 409, description = "The caller is not an attendee", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn me(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Id(id): Id<MeetingId>,
    ApiJson(input): ApiJson<OwnStateInput>,
) -> ApiResult<Json<OwnState>> {
    Ok(Json(
        attendees::set_own_state(&state, &actor, id, input).await?,
    ))
}
