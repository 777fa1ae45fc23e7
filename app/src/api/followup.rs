//! Server functions for what follows a meeting: its action items (added from the outcome page,
//! marked done by their owner) and "Was it worth it?". Each authorises through the domain
//! operation first.

use crate::error::AppError;
use crate::model::action::ActionItem;
use crate::model::feedback::FeedbackPage;
use crate::model::forms::{ActionForm, FeedbackForm};
use crate::model::{ActionId, MeetingId};
use leptos::prelude::*;

/// A meeting's action items, for anyone who may read it, and who the caller is on it.
#[server(prefix = "/rpc", endpoint = "get_actions")]
pub async fn get_actions(
    meeting: MeetingId,
) -> Result<(Vec<ActionItem>, Option<crate::model::AttendeeId>), AppError> {
    use crate::ssr::{domain::actions, web::rpc};
    rpc::run(|call| async move {
        let auth = call.authorize_read(meeting).await?;
        Ok((
            actions::list(&call.state, &auth).await?,
            auth.viewer().attendee(),
        ))
    })
    .await
}

#[server(prefix = "/rpc", endpoint = "add_action")]
pub async fn add_action(meeting: MeetingId, form: ActionForm) -> Result<ActionItem, AppError> {
    use crate::ssr::policy::access::{Edit, authorize};
    use crate::ssr::{domain::actions, web::rpc};
    let input = form.input();
    rpc::run_form(&form, |call| async move {
        let auth = authorize::<Edit>(&call.state, &call.actor, meeting).await?;
        let item = actions::add(&call.state, &auth, input).await?;
        call.back_with_note("actions", "action_added");
        Ok(item)
    })
    .await
}

/// The owner (or an organizer) marks an item done, or open again.
#[server(prefix = "/rpc", endpoint = "set_action_done")]
pub async fn set_action_done(id: ActionId, done: bool) -> Result<ActionItem, AppError> {
    use crate::model::action::ActionInput;
    use crate::ssr::{domain::actions, web::rpc};
    rpc::run(|call| async move {
        let input = ActionInput {
            done: Some(done),
            ..Default::default()
        };
        let item = actions::update(&call.state, &call.actor, id, input).await?;
        call.back_to(&format!("action-{id}"));
        Ok(item)
    })
    .await
}

#[server(prefix = "/rpc", endpoint = "get_feedback_page")]
pub async fn get_feedback_page(meeting: MeetingId) -> Result<FeedbackPage, AppError> {
    use crate::ssr::policy::access::Viewer;
    use crate::ssr::{domain::feedback, web::rpc};
    rpc::run(|call| async move {
        let auth = call.authorize_read(meeting).await?;
        let summary = match auth.viewer() {
            Viewer::Attendee(_) => None,
            _ => Some(feedback::summary(&call.state, &auth).await?),
        };
        Ok(FeedbackPage {
            title: auth.meeting().fields.title.clone(),
            own: feedback::own_state(&call.state, &auth).await?,
            summary,
        })
    })
    .await
}

/// Records the caller's answer: only this POST does (the mail's links open the page).
#[server(prefix = "/rpc", endpoint = "give_feedback")]
pub async fn give_feedback(meeting: MeetingId, form: FeedbackForm) -> Result<(), AppError> {
    use crate::ssr::{domain::feedback, web::rpc};
    let input = form.input();
    rpc::run_form(&form, |call| async move {
        feedback::give(&call.state, &call.actor, meeting, input).await?;
        call.back_with_note("main", "feedback_given");
        Ok(())
    })
    .await
}
