//! `/api/v1/meetings/{id}/feedback`: "Was it worth it?" (API.md, "Action items and feedback").

use super::error::{ApiResult, ErrorBody};
use super::extract::{ApiJson, Caller, Id};
use app::model::MeetingId;
use app::model::feedback::{FeedbackInput, FeedbackSummary};
use app::ssr::policy::access::{Read, authorize};
use app::ssr::{AppState, domain::feedback};
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;

/// One answer from someone who met, by their attendee token; stored without them.
#[utoipa::path(post, path = "/api/v1/meetings/{id}/feedback", tag = "feedback",
    params(("id" = MeetingId, Path)), request_body = FeedbackInput,
    responses((status = 204, description = "Recorded"),
        (status = 403, description = "Not someone who met: informed, taken off, or an organizer", body = ErrorBody),
        (status = 409, description = "A second answer, a meeting not ended yet, or cancelled", body = ErrorBody),
        (status = 422, description = "A score outside 1-5, or a note over 1,000 characters", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn give(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Id(id): Id<MeetingId>,
    ApiJson(input): ApiJson<FeedbackInput>,
) -> ApiResult<StatusCode> {
    feedback::give(&state, &actor, id, input).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The answers in aggregate, for the organizers and the team's leads; `average`, `better` and
/// `notes` are `null` below 3 answers.
#[utoipa::path(get, path = "/api/v1/meetings/{id}/feedback", tag = "feedback",
    params(("id" = MeetingId, Path)),
    responses((status = 200, body = FeedbackSummary),
        (status = 403, description = "An attendee", body = ErrorBody),
        (status = 404, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn summary(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Id(id): Id<MeetingId>,
) -> ApiResult<Json<FeedbackSummary>> {
    let auth = authorize::<Read>(&state, &actor, id).await?;
    Ok(Json(feedback::summary(&state, &auth).await?))
}
