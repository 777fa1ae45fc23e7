//! `/api/v1/.../polls` and votes.

use super::error::{ApiResult, ErrorBody};
use super::extract::{ApiJson, Caller, Id};
use app::model::{MeetingId, Poll, PollId, PollInput, Vote, VoteInput};
use app::ssr::policy::access::{Edit, Participate, Read, authorize};
use app::ssr::{AppState, domain::discussion::polls};
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::Serialize;
use utoipa::ToSchema;

#[utoipa::path(post, path = "/api/v1/meetings/{id}/polls", tag = "polls",
    params(("id" = MeetingId, Path)), request_body = PollInput,
    responses((status = 201, body = Poll)),
    security(("bearer" = [])))]
pub async fn create(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Id(id): Id<MeetingId>,
    ApiJson(input): ApiJson<PollInput>,
) -> ApiResult<(StatusCode, Json<Poll>)> {
    let auth = authorize::<Edit>(&state, &actor, id).await?;
    let poll = polls::create(&state, &auth, input).await?;
    Ok((StatusCode::CREATED, Json(poll)))
}

#[derive(Serialize, ToSchema)]
pub struct PollList {
    polls: Vec<Poll>,
}

/// The meeting's polls, the built-in "Do we still need to meet?" first.
#[utoipa::path(get, path = "/api/v1/meetings/{id}/polls", tag = "polls",
    params(("id" = MeetingId, Path)),
    responses((status = 200, body = PollList)),
    security(("bearer" = [])))]
pub async fn list(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Id(id): Id<MeetingId>,
) -> ApiResult<Json<PollList>> {
    let auth = authorize::<Read>(&state, &actor, id).await?;
    let polls = polls::list(&state, &auth).await?;
    Ok(Json(PollList { polls }))
}

/// Close a poll now (the organizer): votes stop and hidden results show. Closing a closed
/// poll changes nothing.
#[utoipa::path(post, path = "/api/v1/polls/{id}/close", tag = "polls",
    params(("id" = PollId, Path)),
    responses((status = 200, body = Poll), (status = 403, description = "Not the organizer", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn close(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Id(id): Id<PollId>,
) -> ApiResult<Json<Poll>> {
    let (auth, poll) = polls::authorize_for::<Edit>(&state, &actor, id).await?;
    Ok(Json(polls::close(&state, &auth, poll).await?))
}

/// Vote (attendees): one vote each, changeable until the poll closes; 409 after.
#[utoipa::path(post, path = "/api/v1/polls/{id}/votes", tag = "polls",
    params(("id" = PollId, Path)), request_body = VoteInput,
    responses((status = 200, body = Vote), (status = 403, description = "The organizer, or someone no longer invited", body = ErrorBody),
        (status = 409, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn vote(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Id(id): Id<PollId>,
    ApiJson(input): ApiJson<VoteInput>,
) -> ApiResult<Json<Vote>> {
    let (auth, poll) = polls::authorize_for::<Participate>(&state, &actor, id).await?;
    Ok(Json(polls::vote(&state, &auth, &poll, input).await?))
}
