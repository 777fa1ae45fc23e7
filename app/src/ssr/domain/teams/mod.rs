//! Teams: their members and norms (PRODUCT.md, "Teams: the norms a lead sets once"), and how a
//! meeting of a team is held to them. Who may do what with a team is decided here, in
//! [`authorize`], as `policy::access` decides it for meetings: a member reads, a lead changes;
//! anyone else learns nothing (404), whether or not the team exists.

pub mod norms;

use crate::error::AppError;
use crate::model::team::{
    Member, MemberInput, MemberStatus, Team, TeamInput, TeamRole, TeamSummary,
};
use crate::model::user::{email_key, is_email};
use crate::model::{TeamId, UserId};
use crate::ssr::AppState;
use crate::ssr::auth::Actor;
use crate::ssr::db::{self, teams::TeamRecord};
use crate::ssr::runtime::limits::WriterKey;
use crate::ssr::text::tz;

/// Proof that the caller is an active member of the team, with their role.
#[derive(Debug, Clone)]
pub struct TeamAccess {
    pub team: TeamRecord,
    pub user: UserId,
    pub role: TeamRole,
}

impl TeamAccess {
    /// A lead's changes; 403 for a member who is not one.
    pub fn require_lead(&self) -> Result<(), AppError> {
        match self.role {
            TeamRole::Lead => Ok(()),
            TeamRole::Organizer => Err(AppError::Forbidden),
        }
    }
}

/// The caller's membership of `team`: 401 without an account, 404 for anyone not an active
/// member (the team's existence is never confirmed).
pub async fn authorize(
    state: &AppState,
    actor: &Actor,
    team: TeamId,
) -> Result<TeamAccess, AppError> {
    // an attendee's link opens one meeting and no team: as unknown as for anyone else
    let user = actor.organizer().map_err(|e| match e {
        AppError::Forbidden => AppError::NotFound,
        other => other,
    })?;
    let (team, role) = db::teams::get_for_member(&state.db, team, user)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(TeamAccess { team, user, role })
}

pub async fn create(state: &AppState, actor: &Actor, input: TeamInput) -> Result<Team, AppError> {
    let user = actor.organizer()?;
    state.limits.check_write(WriterKey::User(user))?;
    let name = input
        .checked_name()?
        .ok_or_else(|| AppError::validation("name", "Enter the team's name"))?;
    let norms = norms::checked(input.norms, Default::default())?;
    let me = db::users::get(&state.db, user)
        .await?
        .ok_or(AppError::Unauthenticated)?;
    let team = TeamRecord {
        id: TeamId::new(),
        name,
        norms,
    };
    let lead = db::teams::NewMember {
        email_key: email_key(&me.email),
        email: me.email,
        name: me.name,
        user_id: Some(user),
        role: TeamRole::Lead,
    };
    db::teams::insert(&state.db, &team, &lead, state.now()).await?;
    view(state, team, TeamRole::Lead).await
}

pub async fn list(state: &AppState, actor: &Actor) -> Result<Vec<TeamSummary>, AppError> {
    let user = actor.organizer()?;
    Ok(db::teams::list_for_user(&state.db, user).await?)
}

pub async fn get(state: &AppState, access: TeamAccess) -> Result<Team, AppError> {
    view(state, access.team, access.role).await
}

async fn view(state: &AppState, team: TeamRecord, role: TeamRole) -> Result<Team, AppError> {
    let members = db::teams::members(&state.db, team.id).await?;
    Ok(Team {
        id: team.id,
        name: team.name,
        role,
        norms: team.norms,
        members,
    })
}

/// A lead changes the name or norms (merged field by field).
pub async fn update(
    state: &AppState,
    access: TeamAccess,
    input: TeamInput,
) -> Result<Team, AppError> {
    access.require_lead()?;
    state.limits.check_write(WriterKey::User(access.user))?;
    let name = input.checked_name()?;
    let norms = norms::checked(input.norms, access.team.norms.clone())?;
    let team = TeamRecord {
        name: name.unwrap_or(access.team.name.clone()),
        norms,
        ..access.team
    };
    db::teams::update(&state.db, &team, state.now()).await?;
    view(state, team, access.role).await
}

/// A lead adds someone by address: active at once when they have an account, else invited by
/// mail (held to the team's core hours in its zone) until they sign up with that address.
pub async fn add_member(
    state: &AppState,
    access: TeamAccess,
    input: MemberInput,
) -> Result<Member, AppError> {
    access.require_lead()?;
    state.limits.check_write(WriterKey::User(access.user))?;
    let email = input.email.trim().to_owned();
    let given = input.name.as_deref().map(str::trim).unwrap_or_default();
    let mut checks = crate::error::Checks::default();
    checks
        .check(is_email(&email), "email", "Enter a valid email address")
        .check(
            crate::model::char_len(given) <= crate::model::user::NAME_MAX,
            "name",
            format!(
                "A name is at most {} characters",
                crate::model::user::NAME_MAX
            ),
        );
    checks.finish()?;
    let key = email_key(&email);
    let account = db::users::find_by_email(&state.db, &key)
        .await?
        .map(|(u, _)| u);
    let name = match (&account, given) {
        (Some(user), _) => user.name.clone(),
        (None, "") => email.split('@').next().unwrap_or_default().to_owned(),
        (None, given) => given.to_owned(),
    };
    let member = db::teams::NewMember {
        email_key: key,
        email: email.clone(),
        name: name.clone(),
        user_id: account.as_ref().map(|u| u.id),
        role: input.role,
    };
    let invitation = match account {
        Some(_) => None,
        None => Some(invitation(state, &access, &name, &email).await?),
    };
    match db::teams::add_member(
        &state.db,
        access.team.id,
        &member,
        invitation.as_ref(),
        state.now(),
    )
    .await
    {
        Err(db::StoreError::Duplicate) => {
            return Err(AppError::Conflict(
                "This address is already a member of the team.".into(),
            ));
        }
        other => other?,
    }
    if invitation.is_some() {
        state.outbox.notify_one();
    }
    Ok(Member {
        user_id: member.user_id,
        name,
        email,
        role: input.role,
        status: if member.user_id.is_some() {
            MemberStatus::Active
        } else {
            MemberStatus::Invited
        },
    })
}

async fn invitation(
    state: &AppState,
    access: &TeamAccess,
    name: &str,
    email: &str,
) -> Result<db::teams::NewInvitation, AppError> {
    let inviter = db::users::get(&state.db, access.user)
        .await?
        .map(|u| u.name)
        .unwrap_or_default();
    let letter = crate::ssr::notify::messages::team_invitation(
        &state.config.public_url,
        &access.team.name,
        &inviter,
        name,
        email,
    );
    let n = &access.team.norms;
    let hours = crate::ssr::notify::schedule::Hours::of(
        None,
        &n.time_zone,
        Some(n.core_start),
        Some(n.core_end),
        &crate::model::WorkDays::default(),
    );
    Ok(db::teams::NewInvitation {
        id: uuid::Uuid::now_v7(),
        subject: letter.subject,
        body_text: letter.text,
        body_html: letter.html,
        not_before: hours.next_open(state.now()),
    })
}

/// A lead removes a member; never the team's last lead (409).
pub async fn remove_member(
    state: &AppState,
    access: TeamAccess,
    who: UserId,
) -> Result<(), AppError> {
    access.require_lead()?;
    state.limits.check_write(WriterKey::User(access.user))?;
    remove(state, &access, db::teams::MemberKey::User(who)).await
}

/// A lead withdraws an invitation not yet taken up, by its address (the browser's form).
pub async fn withdraw_invitation(
    state: &AppState,
    access: TeamAccess,
    email: &str,
) -> Result<(), AppError> {
    access.require_lead()?;
    state.limits.check_write(WriterKey::User(access.user))?;
    remove(
        state,
        &access,
        db::teams::MemberKey::Invited(email_key(email)),
    )
    .await
}

async fn remove(
    state: &AppState,
    access: &TeamAccess,
    key: db::teams::MemberKey,
) -> Result<(), AppError> {
    match db::teams::remove_member(&state.db, access.team.id, &key, state.now()).await? {
        db::teams::Removed::Removed => Ok(()),
        db::teams::Removed::NotMember => Err(AppError::NotFound),
        db::teams::Removed::LastLead => Err(AppError::Conflict(
            "A team always keeps one lead: make someone else a lead first.".into(),
        )),
    }
}

/// Checks a team's time zone name against the time-zone database (400 like every zone).
pub(crate) fn check_zone(zone: &str) -> Result<(), AppError> {
    tz::check("norms.time_zone", zone)
}
