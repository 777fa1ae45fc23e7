//! `/api/v1/auth`: sign up, log in, log out with API tokens.

use super::error::{ApiResult, ErrorBody};
use super::extract::{AnyCaller, ApiJson, Caller, ClientIp};
use app::model::{Credentials, NewAccount, Profile, ProfileInput, User};
use app::ssr::AppState;
use app::ssr::domain::people::accounts::{self, Channel};
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::Serialize;
use utoipa::ToSchema;

#[derive(Serialize, ToSchema)]
pub struct SignedIn {
    user: User,
    /// The organizer's API token: send it as `Authorization: Bearer <token>`.
    token: String,
}

impl From<accounts::SignedIn> for SignedIn {
    fn from(s: accounts::SignedIn) -> Self {
        Self {
            user: s.user,
            token: s.token,
        }
    }
}

/// Create an organizer account.
#[utoipa::path(post, path = "/api/v1/auth/signup", tag = "auth", request_body = NewAccount,
    responses(
        (status = 201, body = SignedIn),
        (status = 401, description = "An Authorization header whose token does not work", body = ErrorBody),
        (status = 409, description = "The email is taken", body = ErrorBody)))]
pub async fn signup(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    AnyCaller(actor): AnyCaller,
    ApiJson(input): ApiJson<NewAccount>,
) -> ApiResult<(StatusCode, Json<SignedIn>)> {
    let signed_in = accounts::sign_up(&state, input, ip, Channel::Api, &actor).await?;
    Ok((StatusCode::CREATED, Json(signed_in.into())))
}

/// Sign in and receive an API token.
#[utoipa::path(post, path = "/api/v1/auth/login", tag = "auth", request_body = Credentials,
    responses(
        (status = 200, body = SignedIn),
        (status = 401, description = "Wrong email or password (one answer for both)", body = ErrorBody)))]
pub async fn login(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    AnyCaller(actor): AnyCaller,
    ApiJson(input): ApiJson<Credentials>,
) -> ApiResult<Json<SignedIn>> {
    let signed_in = accounts::log_in(&state, input, ip, Channel::Api, &actor).await?;
    Ok(Json(signed_in.into()))
}

/// Revoke the token this request is made with.
#[utoipa::path(post, path = "/api/v1/auth/logout", tag = "auth",
    responses((status = 204)),
    security(("bearer" = [])))]
pub async fn logout(State(state): State<AppState>, Caller(actor): Caller) -> ApiResult<StatusCode> {
    accounts::log_out(&state, &actor).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The organizer's own hours: messages to them wait for their working day.
#[utoipa::path(get, path = "/api/v1/me", tag = "auth",
    responses((status = 200, body = Profile), (status = 403, description = "An attendee link has no account", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn me(State(state): State<AppState>, Caller(actor): Caller) -> ApiResult<Json<Profile>> {
    Ok(Json(accounts::profile(&state, &actor).await?))
}

/// Change any subset of `{name, time_zone, work_start, work_end, work_days}`.
#[utoipa::path(patch, path = "/api/v1/me", tag = "auth", request_body = ProfileInput,
    responses((status = 200, body = Profile)),
    security(("bearer" = [])))]
pub async fn update_me(
    State(state): State<AppState>,
    Caller(actor): Caller,
    ApiJson(input): ApiJson<ProfileInput>,
) -> ApiResult<Json<Profile>> {
    Ok(Json(accounts::update_profile(&state, &actor, input).await?))
}
