//! `/api/v1/meetings/{id}/verdict`, `/decision`, `/outcome` and `/calendar.ics`.

use super::error::{ApiResult, ErrorBody};
use super::extract::{ApiJson, Caller, Id};
use app::error::AppError;
use app::model::MeetingId;
use app::model::outcome::{Decided, DecisionInput, Outcome};
use app::ssr::policy::access::{Edit, Read, authorize};
use app::ssr::{
    AppState, domain::meetings::calendar, domain::meetings::decision, domain::meetings::verdict,
};
use app::verdict::Verdict;
use axum::Json;
use axum::extract::State;
use axum::http::header;
use axum::response::IntoResponse;

/// The verdict, explained: reasons, cost, actions, breakout rooms.
#[utoipa::path(get, path = "/api/v1/meetings/{id}/verdict", tag = "verdict",
    params(("id" = MeetingId, Path)),
    responses((status = 200, body = Verdict)),
    security(("bearer" = [])))]
pub async fn get(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Id(id): Id<MeetingId>,
) -> ApiResult<Json<Verdict>> {
    let auth = authorize::<Read>(&state, &actor, id).await?;
    Ok(Json(verdict::verdict(&state, &auth).await?))
}

/// Cancel, shorten or hold; writes the outcome record.
#[utoipa::path(post, path = "/api/v1/meetings/{id}/decision", tag = "verdict",
    params(("id" = MeetingId, Path)), request_body = DecisionInput,
    responses((status = 200, body = Decided), (status = 409, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn decide(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Id(id): Id<MeetingId>,
    ApiJson(input): ApiJson<DecisionInput>,
) -> ApiResult<Json<Decided>> {
    let auth = authorize::<Edit>(&state, &actor, id).await?;
    Ok(Json(decision::decide(&state, &auth, input).await?))
}

/// The outcome record once the meeting is decided; 404 before.
#[utoipa::path(get, path = "/api/v1/meetings/{id}/outcome", tag = "verdict",
    params(("id" = MeetingId, Path)),
    responses((status = 200, body = Outcome)),
    security(("bearer" = [])))]
pub async fn outcome(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Id(id): Id<MeetingId>,
) -> ApiResult<Json<Outcome>> {
    let auth = authorize::<Read>(&state, &actor, id).await?;
    let outcome = decision::outcome(&state, &auth).await?;
    Ok(Json(outcome.ok_or(AppError::NotFound)?))
}

/// The outcome record as a Markdown download.
#[utoipa::path(get, path = "/api/v1/meetings/{id}/outcome.md", tag = "verdict",
    params(("id" = MeetingId, Path)),
    responses((status = 200, content_type = "text/markdown", body = String)),
    security(("bearer" = [])))]
pub async fn outcome_markdown(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Id(id): Id<MeetingId>,
) -> ApiResult<impl IntoResponse> {
    let auth = authorize::<Read>(&state, &actor, id).await?;
    let outcome = decision::outcome(&state, &auth)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((
        [
            (
                header::CONTENT_TYPE,
                "text/markdown; charset=utf-8".to_owned(),
            ),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"outcome-{id}.md\""),
            ),
        ],
        outcome.markdown,
    ))
}

/// An iCalendar event with the purpose, agenda and links; a cancellation once cancelled.
#[utoipa::path(get, path = "/api/v1/meetings/{id}/calendar.ics", tag = "verdict",
    params(("id" = MeetingId, Path)),
    responses((status = 200, content_type = "text/calendar", body = String),
        (status = 409, description = "The meeting has no start", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn calendar(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Id(id): Id<MeetingId>,
) -> ApiResult<impl IntoResponse> {
    let auth = authorize::<Read>(&state, &actor, id).await?;
    let ics = calendar::event(&state, &auth).await?;
    Ok((
        [
            (
                header::CONTENT_TYPE,
                "text/calendar; charset=utf-8".to_owned(),
            ),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"meeting-{id}.ics\""),
            ),
        ],
        ics,
    ))
}
