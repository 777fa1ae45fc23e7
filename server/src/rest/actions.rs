//! `/api/v1/meetings/{id}/actions` and `/api/v1/actions/{id}`: action items (API.md, "Action
//! items and feedback").

use super::error::{ApiResult, ErrorBody};
use super::extract::{ApiJson, Caller, Id, ListQuery};
use app::model::action::{ActionInput, ActionItem};
use app::model::{ActionId, MeetingId};
use app::ssr::policy::access::{Edit, Read, authorize};
use app::ssr::{AppState, domain::actions};
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::Serialize;
use utoipa::ToSchema;

/// The organizer adds an item once the meeting circulates; its owner is a person on it.
#[utoipa::path(post, path = "/api/v1/meetings/{id}/actions", tag = "actions",
    params(("id" = MeetingId, Path)), request_body = ActionInput,
    responses((status = 201, body = ActionItem),
        (status = 403, description = "Not an organizer of the meeting", body = ErrorBody),
        (status = 409, description = "The meeting is still a draft", body = ErrorBody),
        (status = 422, description = "A field breaks a rule, or the owner is no one on the meeting", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn create(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Id(id): Id<MeetingId>,
    ApiJson(input): ApiJson<ActionInput>,
) -> ApiResult<(StatusCode, Json<ActionItem>)> {
    let auth = authorize::<Edit>(&state, &actor, id).await?;
    let item = actions::add(&state, &auth, input).await?;
    Ok((StatusCode::CREATED, Json(item)))
}

#[derive(Serialize, ToSchema)]
pub struct ActionList {
    actions: Vec<ActionItem>,
    /// `null` on the last page.
    next_cursor: Option<String>,
}

/// A meeting's action items, oldest first, a page at a time, for anyone who may read the
/// meeting.
#[utoipa::path(get, path = "/api/v1/meetings/{id}/actions", tag = "actions",
    params(("id" = MeetingId, Path),
        ("cursor" = Option<String>, Query, description = "`next_cursor` of the page before"),
        ("limit" = Option<u32>, Query, description = "1 to 200, default 50")),
    responses((status = 200, body = ActionList),
        (status = 400, description = "A limit out of range, or a cursor that does not parse", body = ErrorBody),
        (status = 404, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn list(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Id(id): Id<MeetingId>,
    ListQuery(page): ListQuery,
) -> ApiResult<Json<ActionList>> {
    let auth = authorize::<Read>(&state, &actor, id).await?;
    let (actions, next_cursor) =
        actions::list_page(&state, &auth, page.cursor.as_deref(), page.limit).await?;
    Ok(Json(ActionList {
        actions,
        next_cursor,
    }))
}

/// The organizer changes any field; the owner (by their link) may only mark it done.
#[utoipa::path(patch, path = "/api/v1/actions/{id}", tag = "actions",
    params(("id" = ActionId, Path)), request_body = ActionInput,
    responses((status = 200, body = ActionItem),
        (status = 403, description = "The owner sending more than `done`, or anyone else", body = ErrorBody),
        (status = 404, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn update(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Id(id): Id<ActionId>,
    ApiJson(input): ApiJson<ActionInput>,
) -> ApiResult<Json<ActionItem>> {
    Ok(Json(actions::update(&state, &actor, id, input).await?))
}

#[utoipa::path(delete, path = "/api/v1/actions/{id}", tag = "actions",
    params(("id" = ActionId, Path)),
    responses((status = 204),
        (status = 403, description = "Not an organizer of the meeting", body = ErrorBody),
        (status = 404, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn delete(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Id(id): Id<ActionId>,
) -> ApiResult<StatusCode> {
    actions::delete(&state, &actor, id).await?;
    Ok(StatusCode::NO_CONTENT)
}
