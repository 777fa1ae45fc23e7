//! The API's error envelope (API.md): `{"error": {"code", "message", "field"}}`, with the status
//! that goes with the code and `Retry-After` on 429.

use app::error::AppError;
use axum::Json;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use utoipa::ToSchema;

pub struct ApiError(pub AppError);

impl From<AppError> for ApiError {
    fn from(error: AppError) -> Self {
        Self(error)
    }
}

#[derive(Serialize, ToSchema)]
pub struct ErrorBody {
    error: ErrorDetail,
    /// With `norm_breached`: every team norm the meeting breaks, and what would satisfy it.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    breaches: Vec<app::model::team::NormBreach>,
}

#[derive(Serialize, ToSchema)]
pub struct ErrorDetail {
    /// `invalid`, `validation`, `unauthenticated`, `forbidden`, `not_found`, `conflict`,
    /// `precondition_failed`, `too_large`, `rate_limited` or `internal`.
    code: &'static str,
    message: String,
    /// The one field at fault, as its JSON name.
    #[serde(skip_serializing_if = "Option::is_none")]
    field: Option<String>,
    /// Every field at fault, when a request breaks several rules at once.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    details: Vec<app::error::FieldError>,
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let error = self.0;
        let status =
            StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let details = match &error {
            AppError::Validation(errors) if errors.len() > 1 => errors.clone(),
            _ => Vec::new(),
        };
        let breaches = match &error {
            AppError::NormBreached(breaches) => breaches.clone(),
            _ => Vec::new(),
        };
        let body = ErrorBody {
            breaches,
            error: ErrorDetail {
                code: error.code(),
                message: error.to_string(),
                field: error.field().map(str::to_owned),
                details,
            },
        };
        let mut response = (status, Json(body)).into_response();
        if let AppError::RateLimited { retry_after_secs } = error
            && let Ok(value) = HeaderValue::from_str(&retry_after_secs.to_string())
        {
            response.headers_mut().insert(header::RETRY_AFTER, value);
        }
        response
    }
}

pub type ApiResult<T> = Result<T, ApiError>;
