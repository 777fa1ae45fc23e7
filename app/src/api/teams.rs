//! Server functions for teams: the caller's teams, one team's page, and a lead's changes to its
//! members and norms. Each authorises through `ssr::domain::teams::authorize` first.

use crate::error::AppError;
use crate::model::forms::{MemberForm, NormsForm};
use crate::model::meeting::MeetingPage;
use crate::model::team::{Team, TeamSummary};
use crate::model::{TeamId, UserId};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// A team's page: the team and a page of its meetings as the caller sees them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TeamPage {
    pub team: Team,
    pub meetings: MeetingPage,
    /// The caller's own account, to tell their row among the members.
    pub me: UserId,
}

#[server(prefix = "/rpc", endpoint = "list_teams")]
pub async fn list_teams() -> Result<Vec<TeamSummary>, AppError> {
    use crate::ssr::{domain::teams, web::rpc};
    rpc::run(|call| async move {
        if call.actor.user.is_none() {
            return Ok(Vec::new());
        }
        teams::list(&call.state, &call.actor).await
    })
    .await
}

#[server(prefix = "/rpc", endpoint = "get_team_page")]
pub async fn get_team_page(id: TeamId, cursor: Option<String>) -> Result<TeamPage, AppError> {
    use crate::ssr::domain::{meetings, teams};
    use crate::ssr::web::rpc;
    rpc::run(|call| async move {
        let access = teams::authorize(&call.state, &call.actor, id).await?;
        let me = access.user;
        let team = teams::get(&call.state, access).await?;
        let filter = meetings::ListFilter {
            team_id: Some(id),
            cursor: cursor.filter(|c| !c.is_empty()),
            ..Default::default()
        };
        let meetings = meetings::list(&call.state, &call.actor, filter).await?;
        Ok(TeamPage { team, meetings, me })
    })
    .await
}

/// Creates a team, the caller its lead, and goes to its page.
#[server(prefix = "/rpc", endpoint = "create_team")]
pub async fn create_team(name: String) -> Result<TeamId, AppError> {
    use crate::model::team::TeamInput;
    use crate::ssr::{domain::teams, web::rpc};
    rpc::run(|call| async move {
        let input = TeamInput {
            name: Some(name),
            norms: None,
        };
        let team = teams::create(&call.state, &call.actor, input).await?;
        leptos_axum::redirect(&format!("/teams/{}", team.id));
        Ok(team.id)
    })
    .await
}

/// A lead saves the whole norms form.
#[server(prefix = "/rpc", endpoint = "save_norms")]
pub async fn save_norms(id: TeamId, norms: NormsForm) -> Result<(), AppError> {
    use crate::model::team::TeamInput;
    use crate::ssr::web::forms::ReadForm;
    use crate::ssr::{domain::teams, web::rpc};
    rpc::run_form(&norms.clone(), |call| async move {
        let access = teams::authorize(&call.state, &call.actor, id).await?;
        access.require_lead()?;
        let input = TeamInput {
            name: None,
            norms: Some(norms.into_input()?),
        };
        teams::update(&call.state, access, input).await?;
        leptos_axum::redirect(&format!("/teams/{id}?saved=norms#norms-heading"));
        Ok(())
    })
    .await
}

/// A lead adds a member by address.
#[server(prefix = "/rpc", endpoint = "add_team_member")]
pub async fn add_team_member(id: TeamId, member: MemberForm) -> Result<(), AppError> {
    use crate::model::team::{MemberInput, TeamRole};
    use crate::ssr::{domain::teams, web::rpc};
    rpc::run_form(&member.clone(), |call| async move {
        let access = teams::authorize(&call.state, &call.actor, id).await?;
        access.require_lead()?;
        let role: TeamRole = member.role.parse()?;
        let name = member.name.trim();
        let input = MemberInput {
            email: member.email,
            name: (!name.is_empty()).then(|| name.to_owned()),
            role,
        };
        teams::add_member(&call.state, access, input).await?;
        leptos_axum::redirect(&format!("/teams/{id}?saved=member#members-heading"));
        Ok(())
    })
    .await
}

/// A lead removes a member (by account), or withdraws an invitation (by address).
#[server(prefix = "/rpc", endpoint = "remove_team_member")]
pub async fn remove_team_member(
    id: TeamId,
    user_id: Option<UserId>,
    email: Option<String>,
) -> Result<(), AppError> {
    use crate::ssr::{domain::teams, web::rpc};
    rpc::run(|call| async move {
        let access = teams::authorize(&call.state, &call.actor, id).await?;
        match (user_id, email) {
            (Some(user), _) => teams::remove_member(&call.state, access, user).await?,
            (None, Some(email)) => teams::withdraw_invitation(&call.state, access, &email).await?,
            (None, None) => return Err(AppError::invalid("user_id", "Say whom to remove")),
        }
        leptos_axum::redirect(&format!("/teams/{id}#members-heading"));
        Ok(())
    })
    .await
}

/// A team's insights, for its leads (404 for anyone else).
#[server(prefix = "/rpc", endpoint = "get_team_insights")]
pub async fn get_team_insights(
    id: TeamId,
    weeks: Option<u32>,
) -> Result<crate::model::insights::Insights, AppError> {
    use crate::ssr::{domain::insights, web::rpc};
    rpc::run(|call| async move {
        insights::read(&call.state, &call.actor, id, weeks.map(i64::from)).await
    })
    .await
}
