//! `/api/v1/meetings`: the brief.

use super::error::{ApiResult, ErrorBody};
use super::etag::{IfMatch, Tagged};
use super::extract::{ApiJson, Caller, Id, ListQuery, OptionalJson};
use app::model::meeting::MeetingPage;
use app::model::team::Organizer;
use app::model::{Meeting, MeetingId, MeetingInput, MeetingStatus, TeamId, UserId};
use app::ssr::policy::access::{Edit, Read, authorize};
use app::ssr::{AppState, domain::meetings};
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Create a meeting (a draft, visible only to its organizer until circulated).
#[utoipa::path(post, path = "/api/v1/meetings", tag = "meetings", request_body = MeetingInput,
    responses((status = 201, body = Meeting, headers(("ETag" = String, description = "The row's version"))),
        (status = 404, description = "`team_id` names no team of the caller's", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn create(
    State(state): State<AppState>,
    Caller(actor): Caller,
    ApiJson(input): ApiJson<MeetingInput>,
) -> ApiResult<Tagged<Json<Meeting>>> {
    let meeting = meetings::create(&state, &actor, input).await?;
    Ok(Tagged(StatusCode::CREATED, meeting.version, Json(meeting)))
}

/// A page of the caller's meetings, newest start first: an organizer's own and those they
/// co-organize (with `team_id`, the team's as its member sees them: every one for a lead); for
/// an attendee token, the meeting it opens.
#[utoipa::path(get, path = "/api/v1/meetings", tag = "meetings",
    params(("team_id" = Option<TeamId>, Query), ("status" = Option<MeetingStatus>, Query),
        ("cursor" = Option<String>, Query, description = "`next_cursor` of the page before"),
        ("limit" = Option<u32>, Query, description = "1 to 200, default 50")),
    responses((status = 200, body = MeetingPage),
        (status = 400, description = "A limit out of range, or a cursor that does not parse", body = ErrorBody),
        (status = 404, description = "`team_id` names no team of the caller's", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn list(
    State(state): State<AppState>,
    Caller(actor): Caller,
    ListQuery(filter): ListQuery,
) -> ApiResult<Json<MeetingPage>> {
    Ok(Json(meetings::list(&state, &actor, filter).await?))
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

/// Why a team meeting circulates in breach of its team's norms.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct CirculateInput {
    exception: Option<ExceptionInput>,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct ExceptionInput {
    reason: String,
}

/// Make the meeting visible to its attendees. A team meeting that breaches a norm is 422
/// `norm_breached` with every breach, unless `exception.reason` says why: then one exception
/// per breached norm is recorded.
#[utoipa::path(post, path = "/api/v1/meetings/{id}/circulate", tag = "meetings",
    params(("id" = MeetingId, Path)), request_body(content = Option<CirculateInput>),
    responses((status = 200, body = Meeting), (status = 409, body = ErrorBody),
        (status = 422, description = "`norm_breached`, with `breaches`", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn circulate(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Id(id): Id<MeetingId>,
    OptionalJson(input): OptionalJson<CirculateInput>,
) -> ApiResult<Tagged<Json<Meeting>>> {
    let auth = authorize::<Edit>(&state, &actor, id).await?;
    let reason = input.exception.map(|e| e.reason);
    let meeting = meetings::circulate(&state, &auth, reason.as_deref()).await?;
    Ok(Tagged(StatusCode::OK, meeting.version, Json(meeting)))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct OrganizerInput {
    user_id: UserId,
}

#[derive(Serialize, ToSchema)]
pub struct OrganizerList {
    organizers: Vec<Organizer>,
}

/// Add a co-organizer: a member of the meeting's team. An organizer of the meeting adds
/// anyone of the team; a lead of the team may add themselves.
#[utoipa::path(post, path = "/api/v1/meetings/{id}/organizers", tag = "meetings",
    params(("id" = MeetingId, Path)), request_body = OrganizerInput,
    responses((status = 201, body = OrganizerList),
        (status = 422, description = "Not a member of the meeting's team", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn add_organizer(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Id(id): Id<MeetingId>,
    ApiJson(input): ApiJson<OrganizerInput>,
) -> ApiResult<(StatusCode, Json<OrganizerList>)> {
    let organizers = meetings::organizers::add(&state, &actor, id, input.user_id).await?;
    Ok((StatusCode::CREATED, Json(OrganizerList { organizers })))
}

/// Remove an organizer; the last one stays (409).
#[utoipa::path(delete, path = "/api/v1/meetings/{id}/organizers/{user_id}", tag = "meetings",
    params(("id" = MeetingId, Path), ("user_id" = UserId, Path)),
    responses((status = 204), (status = 409, description = "The last organizer", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn remove_organizer(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Path((id, user)): Path<(String, String)>,
) -> ApiResult<StatusCode> {
    let not_found = || super::error::ApiError(app::error::AppError::NotFound);
    let id: MeetingId = id.parse().map_err(|_| not_found())?;
    let auth = authorize::<Edit>(&state, &actor, id).await?;
    let user: UserId = user.parse().map_err(|_| not_found())?;
    meetings::organizers::remove(&state, &auth, user).await?;
    Ok(StatusCode::NO_CONTENT)
}
