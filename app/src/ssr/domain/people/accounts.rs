//! Signing up, in and out, and opening personal links: the operations behind both the browser
//! forms and `/api/v1/auth`.

use crate::error::AppError;
use crate::model::user::email_key;
use crate::model::{Credentials, MeetingId, NewAccount, User, UserId};
use crate::ssr::AppState;
use crate::ssr::auth::tokens::{TokenKind, hash_token, new_token};
use crate::ssr::auth::{self, Actor, Credential, passwords};
use crate::ssr::db;
use std::net::IpAddr;

/// Where a new credential goes: a browser cookie or an API client.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Channel {
    Browser,
    Api,
}

/// A user and the secret that now signs them in on `channel`.
pub struct SignedIn {
    pub user: User,
    pub token: String,
}

pub async fn sign_up(
    state: &AppState,
    input: NewAccount,
    ip: IpAddr,
    channel: Channel,
    previous: &Actor,
) -> Result<SignedIn, AppError> {
    let input = input.validate()?;
    let key = email_key(&input.email);
    state.limits.check_signup(ip, &key)?;
    let password_hash = passwords::hash(input.password).await?;
    let user = User {
        id: UserId::new(),
        name: input.name,
        email: input.email,
    };
    match db::users::insert(&state.db, &user, &key, &password_hash, state.now()).await {
        Err(db::StoreError::Duplicate) => {
            return Err(AppError::Conflict(
                "An account with this email address already exists. Sign in instead.".into(),
            ));
        }
        other => other?,
    }
    // teams that invited this address: the memberships become theirs
    db::teams::activate_invitations(&state.db, user.id, &key).await?;
    let token = issue(state, user.id, channel, previous).await?;
    Ok(SignedIn { user, token })
}

pub async fn log_in(
    state: &AppState,
    input: Credentials,
    ip: IpAddr,
    channel: Channel,
    previous: &Actor,
) -> Result<SignedIn, AppError> {
    let key = email_key(&input.email);
    state.limits.check_login(ip, &key)?;
    let found = db::users::find_by_email(&state.db, &key).await?;
    let (user, stored) = match found {
        Some((user, hash)) => (Some(user), Some(hash)),
        None => (None, None),
    };
    // Unknown email and wrong password: the same work, the same answer.
    let matches = passwords::verify(input.password, stored).await?;
    let user = user.filter(|_| matches).ok_or_else(|| {
        AppError::SignInFailed("The email address or password is not right.".into())
    })?;
    let token = issue(state, user.id, channel, previous).await?;
    Ok(SignedIn { user, token })
}

/// Ends the credential the caller used: the browser session (and its cookie) or the API token.
pub async fn log_out(state: &AppState, actor: &Actor) -> Result<(), AppError> {
    match &actor.credential {
        Credential::Session(hash) => db::sessions::delete_session(&state.db, hash).await?,
        Credential::ApiToken(hash) => db::sessions::delete_api_token(&state.db, hash).await?,
        Credential::AttendeeToken => return Err(AppError::Forbidden),
        Credential::None => return Err(AppError::Unauthenticated),
    }
    Ok(())
}

/// A new browser session (rotating any earlier one, keeping its attendee grants) or API token.
async fn issue(
    state: &AppState,
    user: UserId,
    channel: Channel,
    previous: &Actor,
) -> Result<String, AppError> {
    let now = state.now();
    match channel {
        Channel::Browser => {
            let (token, hash) = token(TokenKind::Session)?;
            let old = match &previous.credential {
                Credential::Session(old) => Some(old.as_str()),
                _ => None,
            };
            let expires = now + auth::SESSION_ABSOLUTE;
            db::sessions::rotate_session(&state.db, old, &hash, Some(user), now, expires).await?;
            Ok(token)
        }
        Channel::Api => {
            let (token, hash) = token(TokenKind::Organizer)?;
            let expires = now + auth::API_TOKEN_ABSOLUTE;
            db::sessions::insert_api_token(&state.db, &hash, user, now, expires).await?;
            Ok(token)
        }
    }
}

/// Opens a personal link in the browser: the attendee is added to the current session, or to
/// a new one whose token is returned for the cookie. Unknown links are not found.
pub async fn open_link(
    state: &AppState,
    link_token: &str,
    current: &Actor,
) -> Result<(MeetingId, Option<String>), AppError> {
    if auth::tokens::TokenKind::of(link_token) != Some(TokenKind::Attendee) {
        return Err(AppError::NotFound);
    }
    let (attendee, meeting) = db::attendees::find_by_token(&state.db, &hash_token(link_token))
        .await?
        .ok_or(AppError::NotFound)?;
    match &current.credential {
        Credential::Session(hash) => {
            db::sessions::grant_attendee(&state.db, hash, attendee).await?;
            Ok((meeting, None))
        }
        _ => {
            let now = state.now();
            let (token, hash) = token(TokenKind::Session)?;
            let expires = now + auth::SESSION_ABSOLUTE;
            db::sessions::insert_attendee_session(&state.db, &hash, attendee, now, expires).await?;
            Ok((meeting, Some(token)))
        }
    }
}

pub async fn current_user(state: &AppState, actor: &Actor) -> Result<Option<User>, AppError> {
    match actor.user {
        Some(id) => Ok(db::users::get(&state.db, id).await?),
        None => Ok(None),
    }
}

/// The name of the person whose personal links this browser opened, when it is no organizer's:
/// the header greets them by it (the first link's, if the links name different people).
pub async fn guest_name(state: &AppState, actor: &Actor) -> Result<Option<String>, AppError> {
    if actor.user.is_some() {
        return Ok(None);
    }
    let Some(first) = actor.attendees.first() else {
        return Ok(None);
    };
    Ok(db::attendees::get(&state.db, *first)
        .await?
        .map(|a| a.fields.name))
}

pub(crate) fn token(kind: TokenKind) -> Result<(String, String), AppError> {
    new_token(kind).map_err(|e| {
        tracing::error!(error = %e, "the OS random generator failed");
        AppError::Internal
    })
}

/// The organizer's own profile and hours.
pub async fn profile(state: &AppState, actor: &Actor) -> Result<crate::model::Profile, AppError> {
    let user = actor.organizer()?;
    db::users::profile(&state.db, user)
        .await?
        .ok_or(AppError::Unauthenticated)
}

/// Changes the organizer's name or hours (only the fields sent, in one transaction).
pub async fn update_profile(
    state: &AppState,
    actor: &Actor,
    input: crate::model::ProfileInput,
) -> Result<crate::model::Profile, AppError> {
    let user = actor.organizer()?;
    state
        .limits
        .check_write(crate::ssr::runtime::limits::WriterKey::User(user))?;
    if let Some(Some(zone)) = &input.time_zone {
        crate::ssr::text::tz::check("time_zone", zone.trim())?;
    }
    db::users::update_profile(&state.db, user, |current| input.apply_to(current)).await
}
