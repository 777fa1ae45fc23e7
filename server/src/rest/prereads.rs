//! `/api/v1/.../prereads` and `/api/v1/.../comments`.

use super::error::{ApiResult, ErrorBody};
use super::extract::{ApiJson, Caller, Id};
use app::model::{Comment, CommentId, CommentInput, MeetingId, Preread, PrereadId, PrereadInput};
use app::ssr::{AppState, prereads};
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Add a Markdown pre-read; it is rendered and sanitised once, here.
#[utoipa::path(post, path = "/api/v1/meetings/{id}/prereads", tag = "prereads",
    params(("id" = MeetingId, Path)), request_body = PrereadInput,
    responses((status = 201, body = Preread), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn create(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Id(id): Id<MeetingId>,
    ApiJson(input): ApiJson<PrereadInput>,
) -> ApiResult<(StatusCode, Json<Preread>)> {
    let preread = prereads::create(&state, &actor, id, input).await?;
    Ok((StatusCode::CREATED, Json(preread)))
}

#[utoipa::path(get, path = "/api/v1/prereads/{id}", tag = "prereads",
    params(("id" = PrereadId, Path)),
    responses((status = 200, body = Preread), (status = 401, body = ErrorBody),
        (status = 404, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn get(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Id(id): Id<PrereadId>,
) -> ApiResult<Json<Preread>> {
    Ok(Json(prereads::get(&state, &actor, id).await?))
}

/// Replace the text: a new version (`version` + 1). Comments on blocks that changed become
/// outdated.
#[utoipa::path(put, path = "/api/v1/prereads/{id}", tag = "prereads",
    params(("id" = PrereadId, Path)), request_body = PrereadInput,
    responses((status = 200, body = Preread), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn replace(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Id(id): Id<PrereadId>,
    ApiJson(input): ApiJson<PrereadInput>,
) -> ApiResult<Json<Preread>> {
    Ok(Json(prereads::update(&state, &actor, id, input).await?))
}

#[utoipa::path(post, path = "/api/v1/prereads/{id}/comments", tag = "comments",
    params(("id" = PrereadId, Path)), request_body = CommentInput,
    responses((status = 201, body = Comment), (status = 400, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn comment(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Id(id): Id<PrereadId>,
    ApiJson(input): ApiJson<CommentInput>,
) -> ApiResult<(StatusCode, Json<Comment>)> {
    let comment = prereads::add_comment(&state, &actor, id, input).await?;
    Ok((StatusCode::CREATED, Json(comment)))
}

#[derive(Serialize, ToSchema)]
pub struct CommentList {
    comments: Vec<Comment>,
}

#[utoipa::path(get, path = "/api/v1/prereads/{id}/comments", tag = "comments",
    params(("id" = PrereadId, Path)),
    responses((status = 200, body = CommentList), (status = 404, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn comments(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Id(id): Id<PrereadId>,
) -> ApiResult<Json<CommentList>> {
    let comments = prereads::comments(&state, &actor, id).await?;
    Ok(Json(CommentList { comments }))
}

#[derive(Deserialize, ToSchema)]
pub struct Resolve {
    resolved: bool,
}

/// Resolve or reopen a thread (the organizer, or the thread's author).
#[utoipa::path(post, path = "/api/v1/comments/{id}/resolve", tag = "comments",
    params(("id" = CommentId, Path)), request_body = Resolve,
    responses((status = 200, body = Comment), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody)),
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
