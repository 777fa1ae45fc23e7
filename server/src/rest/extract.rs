//! Extractors for the JSON API: the caller, the client's address, and a JSON body whose every
//! failure is reported in the API's terms (400 naming the field, 413 over the limit).

use super::error::ApiError;
use app::error::AppError;
use app::ssr::AppState;
use app::ssr::auth::{self, Actor};
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{FromRequest, FromRequestParts, Path, Request};
use axum::http::header::CONTENT_TYPE;
use axum::http::request::Parts;
use serde::de::DeserializeOwned;
use std::net::IpAddr;

/// Whoever the request's credential says it is; a request without one is 401 here, before
/// its body is read, so nobody learns how the API would judge a body they may not send.
pub struct Caller(pub Actor);

impl FromRequestParts<AppState> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let actor = auth::actor(state, &parts.headers).await?;
        if actor.is_anonymous() {
            return Err(ApiError(AppError::Unauthenticated));
        }
        Ok(Self(actor))
    }
}

/// Whoever the request's credential says it is, anonymous when it carries none: for signing
/// up and in, which anybody may do.
pub struct AnyCaller(pub Actor);

impl FromRequestParts<AppState> for AnyCaller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        Ok(Self(auth::actor(state, &parts.headers).await?))
    }
}

/// The client's address for rate limits: the peer, or behind a trusted proxy the address it
/// reports.
pub struct ClientIp(pub IpAddr);

impl FromRequestParts<AppState> for ClientIp {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        Ok(Self(app::ssr::runtime::limits::request_ip(
            parts,
            &state.config.trusted_proxies,
        )))
    }
}

/// An id from the path. One that does not even parse names nothing that exists: 404, the same
/// answer as for an id the caller may not see.
pub struct Id<T>(pub T);

impl<T> FromRequestParts<AppState> for Id<T>
where
    T: std::str::FromStr + Send,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let Path(raw) = Path::<String>::from_request_parts(parts, state)
            .await
            .map_err(|_| ApiError(AppError::NotFound))?;
        raw.parse()
            .map(Id)
            .map_err(|_| ApiError(AppError::NotFound))
    }
}

/// A JSON body. Malformed JSON, a wrong type, an unknown enum value or an unparseable time is
/// 400 `invalid` naming the field; a body over the limit is 413 `too_large`.
pub struct ApiJson<T>(pub T);

impl<T: DeserializeOwned> FromRequest<AppState> for ApiJson<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &AppState) -> Result<Self, ApiError> {
        let is_json = req
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| {
                let mime = v
                    .split(';')
                    .next()
                    .unwrap_or("")
                    .trim()
                    .to_ascii_lowercase();
                mime == "application/json" || mime.ends_with("+json")
            });
        let bytes = Bytes::from_request(req, state).await.map_err(|e| match e {
            BytesRejection::FailedToBufferBody(_) => ApiError(AppError::TooLarge),
            _ => ApiError(AppError::invalid(
                "body",
                "The request body could not be read.",
            )),
        })?;
        if !is_json {
            return Err(ApiError(AppError::invalid(
                "body",
                "Send JSON with the header Content-Type: application/json.",
            )));
        }
        let bytes = if bytes.is_empty() {
            Bytes::from_static(b"{}")
        } else {
            bytes
        };
        parse(&bytes).map(ApiJson)
    }
}

/// A JSON body that may be left out: no body at all is `T::default()` (so `POST .../circulate`
/// without one keeps working); a body is read as [`ApiJson`] reads it.
pub struct OptionalJson<T>(pub T);

impl<T: DeserializeOwned + Default> FromRequest<AppState> for OptionalJson<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &AppState) -> Result<Self, ApiError> {
        let empty = req
            .headers()
            .get(axum::http::header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.trim() == "0")
            || (req.headers().get(CONTENT_TYPE).is_none()
                && req
                    .headers()
                    .get(axum::http::header::TRANSFER_ENCODING)
                    .is_none()
                && req
                    .headers()
                    .get(axum::http::header::CONTENT_LENGTH)
                    .is_none());
        if empty {
            return Ok(Self(T::default()));
        }
        ApiJson::<T>::from_request(req, state)
            .await
            .map(|ApiJson(t)| Self(t))
    }
}

/// A list's query string (API.md, "Lists are pages"): `cursor`, `limit` and the filters, every
/// malformed value 400 `invalid` naming its parameter.
pub struct ListQuery(pub app::ssr::domain::meetings::ListFilter);

impl FromRequestParts<AppState> for ListQuery {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &AppState) -> Result<Self, ApiError> {
        use app::ssr::domain::meetings::ListFilter;
        use app::ssr::domain::paging::limit as page_limit;
        let mut filter = ListFilter::default();
        let query = parts.uri.query().unwrap_or("");
        for (name, value) in form_urlencoded::parse(query.as_bytes()) {
            let (name, value) = (name.into_owned(), value.into_owned());
            let bad = |what: &str| ApiError(AppError::invalid(name.clone(), what.to_owned()));
            match name.as_str() {
                "team_id" => {
                    filter.team_id = Some(value.parse().map_err(|_| bad("team_id is a team's id"))?)
                }
                "status" => filter.status = Some(value.parse().map_err(ApiError)?),
                "cursor" if !value.is_empty() => filter.cursor = Some(value),
                "limit" => {
                    let n: i64 = value
                        .parse()
                        .map_err(|_| bad("limit must be a whole number from 1 to 200"))?;
                    filter.limit = page_limit(Some(n)).map_err(ApiError)?;
                }
                _ => {}
            }
        }
        Ok(Self(filter))
    }
}

/// Parses JSON, naming the field at fault (`starts_at`, `options[2]`) in the error.
pub fn parse<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    serde_path_to_error::deserialize(&mut deserializer).map_err(|e| {
        let field = e.path().to_string();
        let inner = e.inner();
        let message = if inner.is_syntax() || inner.is_eof() {
            "The body is not valid JSON.".to_owned()
        } else {
            // serde's message names the expected type or variants, never server internals.
            format!(
                "{}: {}",
                display_field(&field),
                strip_position(&inner.to_string())
            )
        };
        // The root (".") or a place inside broken JSON ("?") is the body as a whole.
        let field = if field == "." || field.contains('?') {
            "body".to_owned()
        } else {
            field
        };
        ApiError(AppError::invalid(field, message))
    })
}

fn display_field(path: &str) -> &str {
    if path == "." || path.contains('?') {
        "body"
    } else {
        path
    }
}

/// Drops serde_json's " at line 1 column 42" suffix, which says nothing to an API user.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_owned(),
        None => message.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Body {
        kind: app::model::PurposeKind,
        minutes: i64,
    }

    #[test]
    fn errors_name_the_field() {
        let e = parse::<Body>(br#"{"kind": "party", "minutes": 3}"#)
            .err()
            .unwrap()
            .0;
        assert_eq!((e.code(), e.field()), ("invalid", Some("kind")));
        assert!(e.to_string().contains("decide"), "{e}");
        let e = parse::<Body>(br#"{"kind": "decide", "minutes": "3"}"#)
            .err()
            .unwrap()
            .0;
        assert_eq!(e.field(), Some("minutes"));
        let e = parse::<Body>(b"{not json").err().unwrap().0;
        assert_eq!((e.code(), e.field()), ("invalid", Some("body")));
    }
}
