//! Builds the one axum router: the Leptos pages and server functions (sharing [`AppState`]),
//! the JSON API, personal links, `/healthz`, the static bundle, and the layers around them all.

use crate::{links, rest, rpc_status, security};
use app::app::{App, shell};
use app::ssr::AppState;
use app::ssr::runtime::assets::Assets;
use app::ssr::runtime::limits::BODY_LIMIT;
use axum::Router;
use axum::body::Body;
use axum::extract::DefaultBodyLimit;
use axum::http::{HeaderValue, Request, header};
use axum::middleware::Next;
use axum::response::Response;
use axum::routing::get;
use leptos_axum::{AxumRouteListing, LeptosRoutes, generate_route_list};
use std::sync::OnceLock;
use std::time::Duration;
use tower_http::compression::CompressionLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tracing::Level;

/// The app's routes, found once per process. Listing them renders the app with resource loading
/// switched off *process-wide* (leptos_server's `IS_SUPPRESSING_RESOURCE_LOAD`), so building a
/// second router while another serves pages would stall those pages' data: seen in the tests,
/// which build a router each (`tests/concurrency.rs`).
fn routes() -> Vec<AxumRouteListing> {
    static ROUTES: OnceLock<Vec<AxumRouteListing>> = OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

pub fn router(state: AppState) -> Router {
    let routes = routes();
    let options = state.leptos_options.clone();

    // The bundle is served precompressed (`make build`'s bundler writes .br and .gz
    // beside each file), so the WASM is never compressed per request.
    let pkg_dir = std::path::Path::new(&*options.site_root).join(&*options.site_pkg_dir);
    let pkg = Router::new()
        .fallback_service(
            ServeDir::new(pkg_dir)
                .precompressed_br()
                .precompressed_gzip(),
        )
        .layer(axum::middleware::from_fn(bundle_caching));

    let mut router = Router::new()
        .route("/healthz", get(rest::health::healthz))
        .route("/i/{token}", get(links::open))
        .route(
            "/u/{token}",
            get(links::unsubscribe_page).post(links::unsubscribe),
        )
        .merge(rest::api())
        .nest("/pkg", pkg)
        .leptos_routes_with_context(&state, routes, provide_request_scope, {
            let options = options.clone();
            move || shell(options.clone())
        })
        .fallback(leptos_axum::file_and_error_handler_with_context::<
            AppState,
            _,
        >(|| {}, shell))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            security::restore_referer,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            security::csrf,
        ))
        .layer(axum::middleware::from_fn(security::page_policy))
        .layer(axum::middleware::from_fn(rpc_status::statuses))
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        // Pages and API answers are compressed per request with what the client prefers:
        // current browsers offer zstd, which tower-http picks first; it encodes a 34 KB brief
        // page 2-4 times faster than brotli's quality 4 for 10 % more bytes, and the encoder is
        // a page's largest single cost under load (issue 14's profile).
        .layer(CompressionLayer::new());
    for (name, value) in security::default_headers() {
        router = router.layer(SetResponseHeaderLayer::if_not_present(name, value));
    }
    router
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(|request: &Request<Body>| {
                    let id = request
                        .headers()
                        .get(&REQUEST_ID)
                        .and_then(|v| v.to_str().ok())
                        .unwrap_or_default();
                    tracing::info_span!(
                        "request",
                        request_id = %id,
                        method = %request.method(),
                        path = %security::loggable_path(request.uri().path()),
                    )
                })
                .on_response(DefaultOnResponse::new().level(Level::INFO))
                .on_failure(|error, latency: Duration, _span: &tracing::Span| {
                    tracing::error!(%error, ?latency, "request failed");
                }),
        )
        // Every request gets an id of ours (one a client sent is replaced): its log lines carry
        // it, the response says it, and the calm error page shows it.
        .layer(PropagateRequestIdLayer::new(REQUEST_ID.clone()))
        .layer(SetRequestIdLayer::new(REQUEST_ID.clone(), MakeRequestUuid))
        .layer(axum::middleware::map_request(
            |mut request: Request<Body>| async move {
                request.headers_mut().remove(&REQUEST_ID);
                request
            },
        ))
        .with_state(state)
}

/// What each request's pages and server functions share (`app::ssr::web::rpc::RequestScope`).
fn provide_request_scope() {
    leptos::prelude::provide_context(app::ssr::web::rpc::RequestScope::default());
}

/// A bundle file named by its content never changes, so browsers keep it for a year without
/// asking again; anything else under `/pkg/` (a debug build's plain names) is revalidated.
async fn bundle_caching(request: Request<Body>, next: Next) -> Response {
    let hashed = request
        .uri()
        .path()
        .rsplit('/')
        .next()
        .is_some_and(|file| Assets::get().is_hashed(file));
    let mut response = next.run(request).await;
    let policy = if hashed && response.status().is_success() {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static(policy));
    response
}

static REQUEST_ID: header::HeaderName = header::HeaderName::from_static("x-request-id");
