//! HTTP handlers outside the Leptos app: the health check and the JSON API (API.md). Handlers
//! stay thin: extract, call the domain operation in `app::ssr`, answer. The OpenAPI document is
//! generated from the handlers' annotations, so it lists exactly the routes that exist.

pub mod actions;
pub mod agenda;
pub mod attendees;
pub mod auth;
pub mod deliveries;
pub mod doc;
pub mod error;
pub mod etag;
pub mod extract;
pub mod feedback;
pub mod health;
pub mod insights;
pub mod meetings;
pub mod polls;
pub mod prereads;
pub mod series;
pub mod teams;
pub mod verdict;
pub mod webhooks;

use app::error::AppError;
use app::ssr::AppState;
use axum::Json;
use axum::Router;
use axum::routing::get;
use doc::BearerAuth;
use error::ApiError;
use utoipa::{Modify, OpenApi};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Prework API",
        version = "1",
        description = "Meetings that earn their place: briefs, attendees, pre-reads, verdicts."
    ),
    modifiers(&BearerAuth)
)]
struct ApiDoc;

/// The `/api/v1` routes and their OpenAPI document, served at `/api/v1/openapi.json`.
pub fn api() -> Router<AppState> {
    let (router, openapi) = OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(auth::signup))
        .routes(routes!(auth::login))
        .routes(routes!(auth::logout))
        .routes(routes!(auth::me, auth::update_me))
        .routes(routes!(meetings::create, meetings::list))
        .routes(routes!(meetings::get, meetings::update, meetings::delete))
        .routes(routes!(meetings::circulate))
        .routes(routes!(meetings::add_organizer))
        .routes(routes!(meetings::remove_organizer))
        .routes(routes!(series::create, series::list))
        .routes(routes!(series::get, series::update))
        .routes(routes!(series::skip))
        .routes(routes!(series::end))
        .routes(routes!(series::calendar))
        .routes(routes!(series::create_template, series::list_templates))
        .routes(routes!(teams::create, teams::list))
        .routes(routes!(teams::get, teams::update))
        .routes(routes!(teams::add_member))
        .routes(routes!(teams::remove_member))
        .routes(routes!(actions::create, actions::list))
        .routes(routes!(actions::update, actions::delete))
        .routes(routes!(feedback::give, feedback::summary))
        .routes(routes!(insights::get))
        .routes(routes!(insights::csv))
        .routes(routes!(agenda::add))
        .routes(routes!(agenda::update, agenda::remove))
        .routes(routes!(attendees::add))
        .routes(routes!(attendees::update, attendees::remove))
        .routes(routes!(attendees::regenerate_link))
        .routes(routes!(attendees::me))
        .routes(routes!(prereads::create))
        .routes(routes!(prereads::get, prereads::replace))
        .routes(routes!(prereads::comment, prereads::comments))
        .routes(routes!(prereads::resolve))
        .routes(routes!(polls::create, polls::list))
        .routes(routes!(polls::vote))
        .routes(routes!(polls::close))
        .routes(routes!(verdict::get))
        .routes(routes!(verdict::decide))
        .routes(routes!(verdict::outcome))
        .routes(routes!(verdict::outcome_markdown))
        .routes(routes!(verdict::calendar))
        .routes(routes!(deliveries::list))
        .routes(routes!(deliveries::retry))
        .routes(routes!(webhooks::create, webhooks::list))
        .routes(routes!(webhooks::delete))
        .routes(routes!(webhooks::deliveries))
        .split_for_parts();
    // after every route is in: the failures each operation can answer with
    let mut openapi = openapi;
    doc::StandardAnswers.modify(&mut openapi);
    let openapi = std::sync::Arc::new(openapi);
    router
        .route(
            "/api/v1/openapi.json",
            get(move || {
                let openapi = openapi.clone();
                async move { Json(openapi.as_ref().clone()) }
            }),
        )
        .route("/api/v1/{*rest}", axum::routing::any(unknown_route))
}

async fn unknown_route() -> ApiError {
    ApiError(AppError::NotFound)
}
