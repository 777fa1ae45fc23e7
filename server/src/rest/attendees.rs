//! `/api/v1/.../attendees` and the attendee's own state.

use super::error::{ApiResult, ErrorBody};
use super::etag::{IfMatch, Tagged};
use super::extract::{ApiJson, Caller, Id};
use app::model::{Attendee, AttendeeId, AttendeeInput, AttendeeWithLink, MeetingId};
use app::ssr::AppState;
use app::ssr::domain::people::attendees::{self, OwnState, OwnStateInput};
use app::ssr::policy::access::{Edit, Participate, authorize};
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;

/// Invite a person. The answer carries their personal link and its token: the only time the
/// secret is shown.
#[utoipa::path(post, path = "/api/v1/meetings/{id}/attendees", tag = "attendees",
    params(("id" = MeetingId, Path)), request_body = AttendeeInput,
    responses((status = 201, body = AttendeeWithLink, headers(("ETag" = String, description = "The row's version"))),
        (status = 409, description = "Already invited", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn add(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Id(id): Id<MeetingId>,
    ApiJson(input): ApiJson<AttendeeInput>,
) -> ApiResult<Tagged<Json<AttendeeWithLink>>> {
    let auth = authorize::<Edit>(&state, &actor, id).await?;
    let (added, version) = attendees::add(&state, &auth, input).await?;
    Ok(Tagged(StatusCode::CREATED, version, Json(added)))
}

#[utoipa::path(patch, path = "/api/v1/attendees/{id}", tag = "attendees",
    params(("id" = AttendeeId, Path),
        ("If-Match" = Option<String>, Header, description = "The ETag last read")),
    request_body = AttendeeInput,
    responses((status = 200, body = Attendee, headers(("ETag" = String, description = "The row's version"))),
        (status = 409, body = ErrorBody),
        (status = 412, description = "If-Match names an old version", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn update(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Id(id): Id<AttendeeId>,
    IfMatch(if_match): IfMatch,
    ApiJson(input): ApiJson<AttendeeInput>,
) -> ApiResult<Tagged<Json<Attendee>>> {
    let (auth, _) = attendees::authorize_for::<Edit>(&state, &actor, id).await?;
    let attendee = attendees::update(&state, &auth, id, input, if_match).await?;
    Ok(Tagged(StatusCode::OK, attendee.version, Json(attendee)))
}

#[utoipa::path(delete, path = "/api/v1/attendees/{id}", tag = "attendees",
    params(("id" = AttendeeId, Path)),
    responses((status = 204)),
    security(("bearer" = [])))]
pub async fn remove(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Id(id): Id<AttendeeId>,
) -> ApiResult<StatusCode> {
    let (auth, _) = attendees::authorize_for::<Edit>(&state, &actor, id).await?;
    attendees::remove(&state, &auth, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Issue a new personal link; the old one stops working at once.
#[utoipa::path(post, path = "/api/v1/attendees/{id}/link", tag = "attendees",
    params(("id" = AttendeeId, Path)),
    responses((status = 200, body = AttendeeWithLink)),
    security(("bearer" = [])))]
pub async fn regenerate_link(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Id(id): Id<AttendeeId>,
) -> ApiResult<Json<AttendeeWithLink>> {
    let (auth, record) = attendees::authorize_for::<Edit>(&state, &actor, id).await?;
    Ok(Json(
        attendees::regenerate_link(&state, &auth, record).await?,
    ))
}

/// The attendee's own state: ready, or not needed.
#[utoipa::path(post, path = "/api/v1/meetings/{id}/me", tag = "attendees",
    params(("id" = MeetingId, Path)), request_body = OwnStateInput,
    responses((status = 200, body = OwnState), (status = 403, description = "No longer on the invitation", body = ErrorBody),
        (status = 409, description = "The caller is not an attendee", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn me(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Id(id): Id<MeetingId>,
    ApiJson(input): ApiJson<OwnStateInput>,
) -> ApiResult<Json<OwnState>> {
    let auth = authorize::<Participate>(&state, &actor, id).await?;
    Ok(Json(attendees::set_own_state(&state, &auth, input).await?))
}
