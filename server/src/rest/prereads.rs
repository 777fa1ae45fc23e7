//! `/api/v1/.../prereads` and `/api/v1/.../comments`.

use super::error::{ApiResult, ErrorBody};
use super::extract::{ApiJson, Caller, Id};
use app::model::{Comment, CommentId, CommentInput, MeetingId, Preread, PrereadId, PrereadInput};
use app::ssr::policy::access::{Edit, Participate, Read, authorize};
use app::ssr::{AppState, domain::discussion::prereads};
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Add a Markdown pre-read; it is rendered and sanitised once, here.
#[utoipa::path(post, path = "/api/v1/meetings/{id}/prereads", tag = "prereads",
    params(("id" = MeetingId, Path)), request_body = PrereadInput,
    responses((status = 201, body = Preread)),
    security(("bearer" = [])))]
pub async fn create(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Id(id): Id<MeetingId>,
    ApiJson(input): ApiJson<PrereadInput>,
) -> ApiResult<(StatusCode, Json<Preread>)> {
    let auth = authorize::<Edit>(&state, &actor, id).await?;
    let preread = prereads::create(&state, &auth, input).await?;
    Ok((StatusCode::CREATED, Json(preread)))
}

#[utoipa::path(get, path = "/api/v1/prereads/{id}", tag = "prereads",
    params(("id" = PrereadId, Path)),
    responses((status = 200, body = Preread)),
    security(("bearer" = [])))]
pub async fn get(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Id(id): Id<PrereadId>,
) -> ApiResult<Json<Preread>> {
    let (_, record) = prereads::authorize_for::<Read>(&state, &actor, id).await?;
    Ok(Json(prereads::view(record)))
}

/// Replace the text: a new version (`version` + 1). Comments on blocks that changed become
/// outdated.
#[utoipa::path(put, path = "/api/v1/prereads/{id}", tag = "prereads",
    params(("id" = PrereadId, Path)), request_body = PrereadInput,
    responses((status = 200, body = Preread), (status = 422, description = "A rule broken, or 200 versions already", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn replace(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Id(id): Id<PrereadId>,
    ApiJson(input): ApiJson<PrereadInput>,
) -> ApiResult<Json<Preread>> {
    let (auth, current) = prereads::authorize_for::<Edit>(&state, &actor, id).await?;
    Ok(Json(prereads::update(&state, &auth, current, input).await?))
}

#[utoipa::path(post, path = "/api/v1/prereads/{id}/comments", tag = "comments",
    params(("id" = PrereadId, Path)), request_body = CommentInput,
    responses((status = 201, body = Comment), (status = 422, description = "A rule broken, or 500 comments already", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn comment(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Id(id): Id<PrereadId>,
    ApiJson(input): ApiJson<CommentInput>,
) -> ApiResult<(StatusCode, Json<Comment>)> {
    let (auth, record) = prereads::authorize_for::<Participate>(&state, &actor, id).await?;
    let comment = prereads::add_comment(&state, &auth, &record, input).await?;
    Ok((StatusCode::CREATED, Json(comment)))
}

#[derive(Serialize, ToSchema)]
pub struct CommentList {
    comments: Vec<Comment>,
}

#[utoipa::path(get, path = "/api/v1/prereads/{id}/comments", tag = "comments",
    params(("id" = PrereadId, Path)),
    responses((status = 200, body = CommentList)),
    security(("bearer" = [])))]
pub async fn comments(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Id(id): Id<PrereadId>,
) -> ApiResult<Json<CommentList>> {
    let (auth, record) = prereads::authorize_for::<Read>(&state, &actor, id).await?;
    let comments = prereads::comments(&state, &auth, &record).await?;
    Ok(Json(CommentList { comments }))
}

#[derive(Deserialize, ToSchema)]
pub struct Resolve {
    resolved: bool,
}

/// Resolve or reopen a thread (the organizer, or the thread's author).
#[utoipa::path(post, path = "/api/v1/comments/{id}/resolve", tag = "comments",
    params(("id" = CommentId, Path)), request_body = Resolve,
    responses((status = 200, body = Comment)),
    security(("bearer" = [])))]
pub async fn resolve(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Id(id): Id<CommentId>,
    ApiJson(input): ApiJson<Resolve>,
) -> ApiResult<Json<Comment>> {
    Ok(Json(
        prereads::resolve(&state, &actor, id, input.resolved).await?,
    ))
}
