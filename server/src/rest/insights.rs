//! `/api/v1/teams/{id}/insights` and its CSV (API.md, "Insights (a team's lead)").

use super::error::{ApiError, ApiResult, ErrorBody};
use super::extract::{Caller, Id};
use app::error::AppError;
use app::model::TeamId;
use app::model::insights::Insights;
use app::ssr::{AppState, domain::insights};
use axum::Json;
use axum::extract::State;
use axum::http::{header, request::Parts};
use axum::response::IntoResponse;

/// `?weeks=N`: a value that is not a whole number is 400 `invalid` (the range is the domain's).
pub struct Weeks(pub Option<i64>);

impl axum::extract::FromRequestParts<AppState> for Weeks {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &AppState) -> Result<Self, ApiError> {
        let query = parts.uri.query().unwrap_or("");
        let mut weeks = None;
        for (name, value) in form_urlencoded::parse(query.as_bytes()) {
            if name == "weeks" {
                weeks = Some(value.parse::<i64>().map_err(|_| {
                    ApiError(AppError::invalid(
                        "weeks",
                        "weeks must be a whole number from 1 to 52",
                    ))
                })?);
            }
        }
        Ok(Self(weeks))
    }
}

/// Per ISO week in the team's zone (the current one last), per member, per series and per
/// norm; only for the team's leads.
#[utoipa::path(get, path = "/api/v1/teams/{id}/insights", tag = "teams",
    params(("id" = TeamId, Path),
        ("weeks" = Option<u32>, Query, description = "1 to 52, default 12")),
    responses((status = 200, body = Insights),
        (status = 400, description = "`weeks` out of range", body = ErrorBody),
        (status = 404, description = "No team of which the caller is a lead", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn get(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Id(id): Id<TeamId>,
    Weeks(weeks): Weeks,
) -> ApiResult<Json<Insights>> {
    Ok(Json(insights::read(&state, &actor, id, weeks).await?))
}

/// The `weeks` figures as CSV: a header row of the field names, then one row per week.
#[utoipa::path(get, path = "/api/v1/teams/{id}/insights.csv", tag = "teams",
    params(("id" = TeamId, Path),
        ("weeks" = Option<u32>, Query, description = "1 to 52, default 12")),
    responses((status = 200, content_type = "text/csv", body = String),
        (status = 400, description = "`weeks` out of range", body = ErrorBody),
        (status = 404, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn csv(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Id(id): Id<TeamId>,
    Weeks(weeks): Weeks,
) -> ApiResult<impl IntoResponse> {
    let figures = insights::read(&state, &actor, id, weeks).await?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"insights-{id}.csv\""),
            ),
        ],
        figures.csv(),
    ))
}
