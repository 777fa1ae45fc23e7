//! `/api/v1/series` and `/api/v1/templates`: recurring meetings and the templates briefs start
//! from (API.md, "Series and templates").

use super::error::{ApiResult, ErrorBody};
use super::extract::{ApiJson, Caller, Id, ListQuery};
use app::model::SeriesId;
use app::model::series::{
    SeriesDetail, SeriesInput, SeriesPage, SkipInput, Template, TemplateInput,
};
use app::ssr::AppState;
use app::ssr::domain::{series, templates};
use axum::Json;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::IntoResponse;
use serde::Serialize;
use utoipa::ToSchema;

/// Start a series; its first occurrence is made with it (and circulated at the lead time the
/// team's norms ask for, with `auto_circulate`).
#[utoipa::path(post, path = "/api/v1/series", tag = "series", request_body = SeriesInput,
    responses((status = 201, body = SeriesDetail),
        (status = 404, description = "`team_id` or `template_id` names none of the caller's", body = ErrorBody),
        (status = 422, description = "A field breaks a rule (`recurrence.interval`, `ends_on`, `agenda[0].minutes`)", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn create(
    State(state): State<AppState>,
    Caller(actor): Caller,
    ApiJson(input): ApiJson<SeriesInput>,
) -> ApiResult<(StatusCode, Json<SeriesDetail>)> {
    let made = series::create(&state, &actor, input).await?;
    Ok((StatusCode::CREATED, Json(made)))
}

/// The caller's series, newest first (a team's with `team_id`: all of them for its lead).
#[utoipa::path(get, path = "/api/v1/series", tag = "series",
    params(("team_id" = Option<app::model::TeamId>, Query),
        ("cursor" = Option<String>, Query, description = "`next_cursor` of the page before"),
        ("limit" = Option<u32>, Query, description = "1 to 200, default 50")),
    responses((status = 200, body = SeriesPage),
        (status = 400, description = "A limit out of range, or a cursor that does not parse", body = ErrorBody),
        (status = 404, description = "`team_id` names no team of the caller's", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn list(
    State(state): State<AppState>,
    Caller(actor): Caller,
    ListQuery(filter): ListQuery,
) -> ApiResult<Json<SeriesPage>> {
    let filter = series::ListFilter {
        team_id: filter.team_id,
        cursor: filter.cursor,
        limit: filter.limit,
    };
    Ok(Json(series::list(&state, &actor, filter).await?))
}

/// A series with its history and advice: for its organizer and its team's leads.
#[utoipa::path(get, path = "/api/v1/series/{id}", tag = "series",
    params(("id" = SeriesId, Path)),
    responses((status = 200, body = SeriesDetail), (status = 404, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn get(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Id(id): Id<SeriesId>,
) -> ApiResult<Json<SeriesDetail>> {
    let access = series::authorize(&state, &actor, id).await?;
    Ok(Json(series::detail(&state, &access.record).await?))
}

/// Change the series: occurrences not yet made, and the next one while it is a draft.
#[utoipa::path(patch, path = "/api/v1/series/{id}", tag = "series",
    params(("id" = SeriesId, Path)), request_body = SeriesInput,
    responses((status = 200, body = SeriesDetail),
        (status = 403, description = "A lead who does not organize it", body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 422, description = "A field breaks a rule, or `team_id`/`first_starts_at` was sent", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn update(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Id(id): Id<SeriesId>,
    ApiJson(input): ApiJson<SeriesInput>,
) -> ApiResult<Json<SeriesDetail>> {
    let access = series::authorize(&state, &actor, id).await?;
    Ok(Json(series::update(&state, access, input).await?))
}

/// Skip one date: not made when ahead, cancelled (as with a decision) when made already.
#[utoipa::path(post, path = "/api/v1/series/{id}/skip", tag = "series",
    params(("id" = SeriesId, Path)), request_body = SkipInput,
    responses((status = 200, body = SeriesDetail),
        (status = 403, description = "A lead who does not organize it", body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 409, description = "That occurrence was decided already", body = ErrorBody),
        (status = 422, description = "Not a date of the series, or one that has passed (`date`)", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn skip(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Id(id): Id<SeriesId>,
    ApiJson(input): ApiJson<SkipInput>,
) -> ApiResult<Json<SeriesDetail>> {
    let access = series::authorize(&state, &actor, id).await?;
    Ok(Json(
        series::skip(&state, &actor, access, input.date).await?,
    ))
}

/// End the series today, keeping its history; the next occurrence is cancelled unless it is
/// circulating already.
#[utoipa::path(post, path = "/api/v1/series/{id}/end", tag = "series",
    params(("id" = SeriesId, Path)),
    responses((status = 200, body = SeriesDetail),
        (status = 403, description = "A lead who does not organize it", body = ErrorBody),
        (status = 404, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn end(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Id(id): Id<SeriesId>,
) -> ApiResult<Json<SeriesDetail>> {
    let access = series::authorize(&state, &actor, id).await?;
    Ok(Json(series::end(&state, &actor, access).await?))
}

/// The series as one calendar event: `RRULE` with `UNTIL`, `EXDATE`s and `RECURRENCE-ID`
/// overrides.
#[utoipa::path(get, path = "/api/v1/series/{id}/calendar.ics", tag = "series",
    params(("id" = SeriesId, Path)),
    responses((status = 200, content_type = "text/calendar", body = String),
        (status = 404, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn calendar(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Id(id): Id<SeriesId>,
) -> ApiResult<impl IntoResponse> {
    let access = series::authorize(&state, &actor, id).await?;
    let ics = series::calendar(&state, &access).await?;
    Ok((
        [
            (
                header::CONTENT_TYPE,
                "text/calendar; charset=utf-8".to_owned(),
            ),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"series-{id}.ics\""),
            ),
        ],
        ics,
    ))
}

/// Add a personal template, or a team's (`team_id`, for a member of that team).
#[utoipa::path(post, path = "/api/v1/templates", tag = "series", request_body = TemplateInput,
    responses((status = 201, body = Template),
        (status = 404, description = "`team_id` names no team of the caller's", body = ErrorBody),
        (status = 422, description = "A field breaks a rule", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn create_template(
    State(state): State<AppState>,
    Caller(actor): Caller,
    ApiJson(input): ApiJson<TemplateInput>,
) -> ApiResult<(StatusCode, Json<Template>)> {
    let template = templates::create(&state, &actor, input).await?;
    Ok((StatusCode::CREATED, Json(template)))
}

#[derive(Serialize, ToSchema)]
pub struct TemplateList {
    templates: Vec<Template>,
}

/// The built-in templates (at least one per purpose kind), the caller's and their teams'.
#[utoipa::path(get, path = "/api/v1/templates", tag = "series",
    responses((status = 200, body = TemplateList)),
    security(("bearer" = [])))]
pub async fn list_templates(
    State(state): State<AppState>,
    Caller(actor): Caller,
) -> ApiResult<Json<TemplateList>> {
    Ok(Json(TemplateList {
        templates: templates::list(&state, &actor).await?,
    }))
}
