//! `/api/v1/teams`: teams, their members and norms (API.md, "Teams").

use super::error::{ApiResult, ErrorBody};
use super::extract::{ApiJson, Caller, Id};
use app::model::TeamId;
use app::model::UserId;
use app::model::team::{Member, MemberInput, Team, TeamInput, TeamSummary};
use app::ssr::AppState;
use app::ssr::domain::teams;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde::Serialize;
use utoipa::ToSchema;

/// Create a team; the caller is its `lead`. Norms left out take their defaults.
#[utoipa::path(post, path = "/api/v1/teams", tag = "teams", request_body = TeamInput,
    responses((status = 201, body = Team),
        (status = 422, description = "A name or a norm out of range (`norms.<name>`)", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn create(
    State(state): State<AppState>,
    Caller(actor): Caller,
    ApiJson(input): ApiJson<TeamInput>,
) -> ApiResult<(StatusCode, Json<Team>)> {
    let team = teams::create(&state, &actor, input).await?;
    Ok((StatusCode::CREATED, Json(team)))
}

#[derive(Serialize, ToSchema)]
pub struct TeamList {
    teams: Vec<TeamSummary>,
}

/// The caller's teams, with their role in each.
#[utoipa::path(get, path = "/api/v1/teams", tag = "teams",
    responses((status = 200, body = TeamList)),
    security(("bearer" = [])))]
pub async fn list(
    State(state): State<AppState>,
    Caller(actor): Caller,
) -> ApiResult<Json<TeamList>> {
    Ok(Json(TeamList {
        teams: teams::list(&state, &actor).await?,
    }))
}

/// A team, for its members only (404 for anyone else).
#[utoipa::path(get, path = "/api/v1/teams/{id}", tag = "teams",
    params(("id" = TeamId, Path)),
    responses((status = 200, body = Team), (status = 404, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn get(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Id(id): Id<TeamId>,
) -> ApiResult<Json<Team>> {
    let access = teams::authorize(&state, &actor, id).await?;
    Ok(Json(teams::get(&state, access).await?))
}

/// A lead changes the name or the norms (merged field by field).
#[utoipa::path(patch, path = "/api/v1/teams/{id}", tag = "teams",
    params(("id" = TeamId, Path)), request_body = TeamInput,
    responses((status = 200, body = Team),
        (status = 403, description = "A member who is not a lead", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn update(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Id(id): Id<TeamId>,
    ApiJson(input): ApiJson<TeamInput>,
) -> ApiResult<Json<Team>> {
    let access = teams::authorize(&state, &actor, id).await?;
    Ok(Json(teams::update(&state, access, input).await?))
}

/// A lead adds a member by address: `active` when an account has it, else `invited` (an
/// invitation mail goes out in the team's core hours).
#[utoipa::path(post, path = "/api/v1/teams/{id}/members", tag = "teams",
    params(("id" = TeamId, Path)), request_body = MemberInput,
    responses((status = 201, body = Member),
        (status = 409, description = "Already a member", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn add_member(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Id(id): Id<TeamId>,
    ApiJson(input): ApiJson<MemberInput>,
) -> ApiResult<(StatusCode, Json<Member>)> {
    let access = teams::authorize(&state, &actor, id).await?;
    let member = teams::add_member(&state, access, input).await?;
    Ok((StatusCode::CREATED, Json(member)))
}

/// A lead removes a member; the last lead stays (409).
#[utoipa::path(delete, path = "/api/v1/teams/{id}/members/{user_id}", tag = "teams",
    params(("id" = TeamId, Path), ("user_id" = UserId, Path)),
    responses((status = 204), (status = 409, description = "The last lead", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn remove_member(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Path((id, user)): Path<(String, String)>,
) -> ApiResult<StatusCode> {
    let not_found = || super::error::ApiError(app::error::AppError::NotFound);
    let id: TeamId = id.parse().map_err(|_| not_found())?;
    let access = teams::authorize(&state, &actor, id).await?;
    let user: UserId = user.parse().map_err(|_| not_found())?;
    teams::remove_member(&state, access, user).await?;
    Ok(StatusCode::NO_CONTENT)
}
