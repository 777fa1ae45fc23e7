//! Who is calling. Every request resolves to an [`Actor`] from exactly one credential: a Bearer
//! token (an organizer's API token or an attendee's personal-link secret) or the browser's
//! session cookie. What the actor may do with a meeting is decided in `ssr::policy::access`.

pub mod cookies;
pub mod passwords;
pub mod tokens;

use crate::error::AppError;
use crate::model::{AttendeeId, UserId};
use crate::ssr::AppState;
use crate::ssr::db;
use http::HeaderMap;
use http::header::AUTHORIZATION;
use jiff::{SignedDuration, Timestamp};
use tokens::{TokenKind, hash_token};

/// Browser sessions end after two weeks without use, and after thirty days in any case.
pub const SESSION_IDLE: SignedDuration = SignedDuration::from_hours(14 * 24);
pub const SESSION_ABSOLUTE: SignedDuration = SignedDuration::from_hours(30 * 24);
/// API tokens end after thirty days without use, and after ninety days in any case.
pub const API_TOKEN_IDLE: SignedDuration = SignedDuration::from_hours(30 * 24);
pub const API_TOKEN_ABSOLUTE: SignedDuration = SignedDuration::from_hours(90 * 24);
/// `last_seen_at` is written at most this often, so reads do not each cost a write.
const TOUCH_EVERY: SignedDuration = SignedDuration::from_hours(1);

/// How the caller proved who they are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Credential {
    None,
    /// A browser session cookie, by the hash of its token.
    Session(String),
    /// An organizer's API token, by its hash.
    ApiToken(String),
    /// An attendee's personal-link secret used as a Bearer token.
    AttendeeToken,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub user: Option<UserId>,
    /// The attendees this caller acts as: personal links opened in this browser, or the one
    /// attendee whose token is presented.
    pub attendees: Vec<AttendeeId>,
    pub credential: Credential,
}

impl Actor {
    pub fn anonymous() -> Self {
        Self {
            user: None,
            attendees: Vec::new(),
            credential: Credential::None,
        }
    }

    pub fn is_anonymous(&self) -> bool {
        self.user.is_none() && self.attendees.is_empty()
    }

    /// The organizer, or 401 (nobody) / 403 (an attendee, who has no account).
    pub fn organizer(&self) -> Result<UserId, AppError> {
        match self.user {
            Some(user) => Ok(user),
            None if self.attendees.is_empty() => Err(AppError::Unauthenticated),
            None => Err(AppError::Forbidden),
        }
    }

    /// Whether the credential is ambient (sent by the browser on its own), so state changes
    /// made with it need the cross-site request check.
    pub fn is_cookie(&self) -> bool {
        matches!(self.credential, Credential::Session(_))
    }
}

/// Resolves the caller from the request's headers. A Bearer token that opens nothing is 401:
/// a client that sent credentials must learn they are wrong rather than be treated as nobody.
pub async fn actor(state: &AppState, headers: &HeaderMap) -> Result<Actor, AppError> {
    let now = state.now();
    if let Some(value) = headers.get(AUTHORIZATION) {
        let token = value
            .to_str()
            .ok()
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::trim)
            .ok_or(AppError::Unauthenticated)?;
        return bearer(state, token, now).await;
    }
    let secure = state.config.secure_cookies();
    let Some(token) = cookies::read(headers, secure) else {
        return Ok(Actor::anonymous());
    };
    let hash = hash_token(&token);
    let Some(session) =
        db::sessions::find_session(&state.db, &hash, now, now - SESSION_IDLE).await?
    else {
        // An expired or revoked cookie is simply no session: the browser is signed out.
        return Ok(Actor::anonymous());
    };
    if now.duration_since(session.last_seen_at) > TOUCH_EVERY {
        db::sessions::touch_session(&state.db, &hash, now).await?;
    }
    Ok(Actor {
        user: session.user_id,
        attendees: session.attendee_ids,
        credential: Credential::Session(hash),
    })
}

async fn bearer(state: &AppState, token: &str, now: Timestamp) -> Result<Actor, AppError> {
    let hash = hash_token(token);
    match TokenKind::of(token) {
        Some(TokenKind::Organizer) => {
            let (user, last_seen) =
                db::sessions::find_api_token(&state.db, &hash, now, now - API_TOKEN_IDLE)
                    .await?
                    .ok_or(AppError::Unauthenticated)?;
            if now.duration_since(last_seen) > TOUCH_EVERY {
                db::sessions::touch_api_token(&state.db, &hash, now).await?;
            }
            Ok(Actor {
                user: Some(user),
                attendees: Vec::new(),
                credential: Credential::ApiToken(hash),
            })
        }
        Some(TokenKind::Attendee) => {
            let (attendee, _meeting) = db::attendees::find_by_token(&state.db, &hash)
                .await?
                .ok_or(AppError::Unauthenticated)?;
            Ok(Actor {
                user: None,
                attendees: vec![attendee],
                credential: Credential::AttendeeToken,
            })
        }
        Some(TokenKind::Session) | None => Err(AppError::Unauthenticated),
    }
}
