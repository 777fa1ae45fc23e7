//! A meeting's organizers: its creator and the co-organizers who edit it like them (members of
//! the meeting's team). There is always at least one.

use crate::error::AppError;
use crate::model::team::Organizer;
use crate::model::{MeetingId, UserId};
use crate::ssr::AppState;
use crate::ssr::auth::Actor;
use crate::ssr::db::{self, organizers::RemovedOrganizer};
use crate::ssr::policy::access::{Authorized, Edit, Read, Viewer, authorize};
use crate::ssr::runtime::limits::WriterKey;

/// Adds `user` as an organizer. An organizer of the meeting adds any member of its team; a
/// lead reading the team's meeting may add only themselves. Authorised before anything is
/// read of the request's user.
pub async fn add(
    state: &AppState,
    actor: &Actor,
    meeting: MeetingId,
    user: UserId,
) -> Result<Vec<Organizer>, AppError> {
    let auth = authorize::<Read>(state, actor, meeting).await?;
    match auth.viewer() {
        Viewer::Organizer(me) => state.limits.check_write(WriterKey::User(me))?,
        Viewer::Lead(me) if me == user => state.limits.check_write(WriterKey::User(me))?,
        Viewer::Lead(_) | Viewer::Attendee(_) => return Err(AppError::Forbidden),
    }
    let Some(team) = auth.meeting().team_id else {
        return Err(AppError::validation(
            "user_id",
            "This meeting belongs to no team: co-organizers are members of its team",
        ));
    };
    if !db::teams::is_member(&state.db, team, user).await? {
        return Err(AppError::validation(
            "user_id",
            "Co-organizers are members of the meeting's team",
        ));
    }
    db::organizers::add(&state.db, meeting, user, state.now()).await?;
    list(state, meeting).await
}

/// Removes an organizer: 404 for someone who is not one, 409 for the last.
pub async fn remove(
    state: &AppState,
    auth: &Authorized<Edit>,
    user: UserId,
) -> Result<(), AppError> {
    match db::organizers::remove(&state.db, auth.id(), user).await? {
        RemovedOrganizer::Removed => Ok(()),
        RemovedOrganizer::NotOrganizer => Err(AppError::NotFound),
        RemovedOrganizer::Last => Err(AppError::Conflict(
            "A meeting always keeps one organizer: add another before removing this one.".into(),
        )),
    }
}

async fn list(state: &AppState, meeting: MeetingId) -> Result<Vec<Organizer>, AppError> {
    Ok(db::organizers::for_meetings(&state.db, &[meeting])
        .await?
        .into_iter()
        .map(|(_, o)| o)
        .collect())
}

/// Who could be added as a co-organizer: the active members of the meeting's team who are not
/// organizers yet (for an organizer's form; nobody outside a team).
pub async fn choices(
    state: &AppState,
    auth: &Authorized<Read>,
) -> Result<Vec<Organizer>, AppError> {
    auth.require_organizer()?;
    let Some(team) = auth.meeting().team_id else {
        return Ok(Vec::new());
    };
    let current = auth.rows(state).await?;
    Ok(db::teams::members(&state.db, team)
        .await?
        .into_iter()
        .filter_map(|m| {
            let user_id = m.user_id?;
            let already = current.organizers.iter().any(|o| o.user_id == user_id);
            (!already).then_some(Organizer {
                user_id,
                name: m.name,
            })
        })
        .collect())
}
