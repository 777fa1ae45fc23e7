//! Domain operations on the people invited to a meeting, and the attendee's own state.

use crate::error::AppError;
use crate::model::attendee::ATTENDEES_MAX;
use crate::model::preread::PREREADS_MAX;
use crate::model::{
    Attendee, AttendeeId, AttendeeInput, AttendeeWithLink, Notifications, PrereadId,
};
use crate::ssr::auth::Actor;
use crate::ssr::auth::tokens::TokenKind;
use crate::ssr::db::{self, StoreError, attendees::AttendeeRecord};
use crate::ssr::domain::meetings::{IfMatch, check_version};
use crate::ssr::domain::people::accounts::token;
use crate::ssr::policy::access::{Authorized, Edit, Participate, Permission, authorize_via};
use crate::ssr::{AppState, text::tz};
use serde::{Deserialize, Serialize};

pub async fn add(
    state: &AppState,
    auth: &Authorized<Edit>,
    input: AttendeeInput,
) -> Result<(AttendeeWithLink, u64), AppError> {
    let fields = input.into_new()?;
    if let Some(zone) = &fields.time_zone {
        tz::check("time_zone", zone)?;
    }
    let (secret, hash) = token(TokenKind::Attendee)?;
    let record = AttendeeRecord {
        id: AttendeeId::new(),
        meeting_id: auth.id(),
        fields,
        ready: false,
        not_needed: false,
        created_at: state.now(),
        invited: true,
        notifications: Default::default(),
        version: 1,
    };
    // Someone added once the brief is out gets their invitation as circulating sends it;
    // whether it is out is decided under the meeting's lock, so it is composed on demand.
    let mut invitation = Vec::new();
    if auth.meeting().status == crate::model::MeetingStatus::Circulating {
        invitation = invitation_for(state, auth, &record).await?;
    }
    loop {
        let added = db::attendees::insert_within_limit(
            &state.db,
            &record,
            &hash,
            ATTENDEES_MAX,
            &invitation,
        )
        .await;
        match added {
            Ok(db::attendees::Added::Added) => break,
            Ok(db::attendees::Added::NeedsInvitation) if invitation.is_empty() => {
                invitation = invitation_for(state, auth, &record).await?;
            }
            Ok(db::attendees::Added::NeedsInvitation) => return Err(AppError::Internal),
            Ok(db::attendees::Added::Full) => {
                return Err(AppError::validation(
                    "attendees",
                    format!("A meeting can have at most {ATTENDEES_MAX} attendees"),
                ));
            }
            Err(StoreError::Duplicate) => {
                return Err(AppError::Conflict(
                    "This person is already invited to the meeting.".into(),
                ));
            }
            Err(e) => return Err(e.into()),
        }
    }
    if !invitation.is_empty() {
        state.outbox.notify_one();
    }
    let attendee = auth.disclosure().attendee(record);
    let version = attendee.version;
    Ok((with_link(state, attendee, secret), version))
}

/// The invitation (or the informed notice) of one person added to a circulating meeting.
async fn invitation_for(
    state: &AppState,
    auth: &Authorized<Edit>,
    person: &AttendeeRecord,
) -> Result<Vec<db::deliveries::NewDelivery>, AppError> {
    let ctx = crate::ssr::notify::outbox::invitation_context(state, auth).await?;
    Ok(crate::ssr::notify::outbox::invitations(
        state,
        auth,
        &ctx,
        std::slice::from_ref(person),
    ))
}

/// Changes the fields sent, merged with the row as it is when written (one transaction); with
/// `if_match`, a person changed since the caller read them is left alone (412).
pub async fn update(
    state: &AppState,
    auth: &Authorized<Edit>,
    id: AttendeeId,
    input: AttendeeInput,
    if_match: IfMatch,
) -> Result<Attendee, AppError> {
    if let Some(Some(zone)) = &input.time_zone {
        tz::check("time_zone", zone.trim())?;
    }
    let updated = db::attendees::update_fields(&state.db, id, auth.id(), state.now(), |current| {
        check_version(if_match, current.version)?;
        input.apply_to(current.fields.clone())
    })
    .await;
    match updated {
        Ok(record) => Ok(auth.disclosure().attendee(record)),
        Err(AppError::Conflict(_)) => Err(AppError::Conflict(
            "Another attendee of this meeting has that email address.".into(),
        )),
        Err(e) => Err(e),
    }
}

pub async fn remove(
    state: &AppState,
    auth: &Authorized<Edit>,
    id: AttendeeId,
) -> Result<(), AppError> {
    db::attendees::delete(&state.db, auth.id(), id).await?;
    Ok(())
}

/// Issues a new personal link; the old one stops working at once, along with the browser
/// sessions it opened.
pub async fn regenerate_link(
    state: &AppState,
    auth: &Authorized<Edit>,
    record: AttendeeRecord,
) -> Result<AttendeeWithLink, AppError> {
    let (secret, hash) = token(TokenKind::Attendee)?;
    db::attendees::replace_token(&state.db, auth.id(), record.id, &hash).await?;
    Ok(with_link(state, auth.disclosure().attendee(record), secret))
}

/// What an attendee says about themself: pre-reads now read, ready, not needed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct OwnStateInput {
    pub read: Option<Vec<PrereadId>>,
    pub ready: Option<bool>,
    pub not_needed: Option<bool>,
    /// `all`, `digest` or `outcome_only`.
    pub notifications: Option<Notifications>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct OwnState {
    /// The pre-reads this attendee has read.
    pub read: Vec<PrereadId>,
    pub ready: bool,
    pub not_needed: bool,
    pub notifications: Notifications,
}

/// Marks pre-reads read and sets the readiness flags, all in one transaction. The `read` list
/// is deduplicated and may name only this meeting's pre-reads.
pub async fn set_own_state(
    state: &AppState,
    auth: &Authorized<Participate>,
    input: OwnStateInput,
) -> Result<OwnState, AppError> {
    let attendee = auth.viewer().attendee().ok_or_else(|| {
        AppError::Conflict("Only attendees have their own state; the organizer has none.".into())
    })?;
    let meeting = auth.id();
    let mut read: Vec<PrereadId> = Vec::new();
    if let Some(list) = &input.read {
        if list.len() > PREREADS_MAX {
            return Err(AppError::validation(
                "read",
                format!("List each pre-read once: a meeting has at most {PREREADS_MAX}"),
            ));
        }
        for id in list {
            if !read.contains(id) {
                read.push(*id);
            }
        }
        let prereads = db::prereads::list_for_meeting(&state.db, meeting).await?;
        if read.iter().any(|r| !prereads.iter().any(|p| p.id == *r)) {
            return Err(AppError::validation(
                "read",
                "Mark only this meeting's pre-reads as read",
            ));
        }
    }
    let changed = !read.is_empty() || input.ready.is_some() || input.not_needed.is_some();
    let events = if changed {
        vec![crate::ssr::notify::webhooks::event(
            auth.meeting(),
            crate::model::delivery::WebhookEvent::ReadinessChanged,
            serde_json::json!({
                "attendee_id": attendee,
                "read": read,
                "ready": input.ready,
                "not_needed": input.not_needed,
            }),
            format!("{attendee}:{}", state.now().as_microsecond()),
            state.now(),
        )]
    } else {
        Vec::new()
    };
    let change = db::attendees::OwnChange {
        read: &read,
        ready: input.ready,
        not_needed: input.not_needed,
        notifications: input.notifications,
    };
    db::attendees::set_own_state(
        &state.db,
        auth.id(),
        attendee,
        &change,
        &events,
        state.now(),
    )
    .await?;
    if changed {
        state.outbox.notify_one();
    }
    let record = db::attendees::get(&state.db, attendee)
        .await?
        .ok_or(AppError::NotFound)?;
    let read = db::prereads::reads_for_meeting(&state.db, meeting)
        .await?
        .into_iter()
        .filter(|(who, _)| *who == attendee)
        .map(|(_, preread)| preread)
        .collect();
    Ok(OwnState {
        read,
        ready: record.ready,
        not_needed: record.not_needed,
        notifications: record.notifications,
    })
}

/// Loads an attendee and authorises `A` on their meeting.
pub async fn authorize_for<A: Permission>(
    state: &AppState,
    actor: &Actor,
    id: AttendeeId,
) -> Result<(Authorized<A>, AttendeeRecord), AppError> {
    authorize_via(state, actor, db::attendees::get(&state.db, id), |a| {
        a.meeting_id
    })
    .await
}

fn with_link(state: &AppState, attendee: Attendee, token: String) -> AttendeeWithLink {
    AttendeeWithLink {
        link: format!("{}/i/{token}", state.config.public_url),
        attendee,
        token,
    }
}
