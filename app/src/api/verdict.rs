//! Server functions for the verdict, the organizer's decision and the outcome record.

use crate::error::AppError;
use crate::model::MeetingId;
use crate::model::outcome::Decision;
use crate::verdict::Facts;
use crate::verdict::VerdictPage;
use leptos::prelude::*;

#[server(prefix = "/rpc", endpoint = "get_verdict_page")]
pub async fn get_verdict_page(meeting: MeetingId) -> Result<VerdictPage, AppError> {
    use crate::ssr::{domain::meetings::decision, domain::meetings::verdict, web::rpc};
    rpc::run(|call| async move {
        let auth = call.authorize_read(meeting).await?;
        let mut page = verdict::page(&call.state, &auth).await?;
        page.outcome = decision::outcome(&call.state, &auth).await?;
        Ok(page)
    })
    .await
}

/// The meeting's facts, for the verdict the brief's steps preview as the organizer types.
#[server(prefix = "/rpc", endpoint = "get_verdict_facts")]
pub async fn get_verdict_facts(meeting: MeetingId) -> Result<Facts, AppError> {
    use crate::ssr::{domain::meetings::verdict, web::rpc};
    rpc::run(|call| async move {
        let auth = call.authorize_read(meeting).await?;
        verdict::facts(&call.state, &auth).await
    })
    .await
}

/// Cancel, shorten or hold, then back to the verdict page with the outcome record.
#[server(prefix = "/rpc", endpoint = "decide_meeting")]
pub async fn decide_meeting(
    meeting: MeetingId,
    decision: Decision,
    actions: Option<crate::model::forms::DecisionActionsForm>,
) -> Result<(), AppError> {
    use crate::model::outcome::DecisionInput;
    use crate::ssr::policy::access::{Edit, authorize};
    use crate::ssr::{domain::meetings::decision as decide, web::rpc};
    rpc::run(|call| async move {
        let auth = authorize::<Edit>(&call.state, &call.actor, meeting).await?;
        let actions = actions.map(|a| a.inputs()).filter(|a| !a.is_empty());
        let input = DecisionInput {
            decision: Some(decision),
            note: None,
            actions,
        };
        decide::decide(&call.state, &auth, input).await?;
        leptos_axum::redirect(&format!("/meetings/{meeting}/verdict"));
        Ok(())
    })
    .await
}
