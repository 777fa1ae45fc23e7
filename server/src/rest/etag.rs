//! Optimistic concurrency on the API (API.md, "Concurrency"): Meeting, AgendaItem and Attendee
//! answers carry their row's version as an `ETag`, and a write may send it back in `If-Match`.

use super::error::ApiError;
use app::model::Precondition;
use app::model::precondition::etag;
use app::ssr::AppState;
use axum::extract::FromRequestParts;
use axum::http::header::{ETAG, IF_MATCH};
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

/// The request's `If-Match`, when it has one. A header that is not even text names no version,
/// so it matches none: the write is refused rather than done unguarded.
pub struct IfMatch(pub Option<Precondition>);

impl FromRequestParts<AppState> for IfMatch {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &AppState) -> Result<Self, ApiError> {
        let values: Vec<&HeaderValue> = parts.headers.get_all(IF_MATCH).iter().collect();
        if values.is_empty() {
            return Ok(Self(None));
        }
        let joined = values
            .iter()
            .map(|v| v.to_str().unwrap_or(""))
            .collect::<Vec<_>>()
            .join(",");
        Ok(Self(Some(Precondition::parse(&joined))))
    }
}

/// An answer with the `ETag` of the row version it shows.
pub struct Tagged<T>(pub StatusCode, pub u64, pub T);

impl<T: IntoResponse> IntoResponse for Tagged<T> {
    fn into_response(self) -> Response {
        let Tagged(status, version, body) = self;
        let mut response = (status, body).into_response();
        if let Ok(value) = HeaderValue::from_str(&etag(version)) {
            response.headers_mut().insert(ETAG, value);
        }
        response
    }
}
