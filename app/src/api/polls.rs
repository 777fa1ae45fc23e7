//! Server functions for polls.

use crate::error::AppError;
use crate::model::forms::PollForm;
use crate::model::{MeetingId, PollId};
use leptos::prelude::*;

#[server(prefix = "/rpc", endpoint = "create_poll")]
pub async fn create_poll(meeting: MeetingId, poll: PollForm) -> Result<PollId, AppError> {
    use crate::ssr::policy::access::{Edit, authorize};
    use crate::ssr::{domain::discussion::polls, web::forms, web::rpc};
    rpc::run_form(&poll.clone(), |call| async move {
        let auth = authorize::<Edit>(&call.state, &call.actor, meeting).await?;
        let zone = jiff::tz::TimeZone::get(&auth.meeting().fields.time_zone)
            .unwrap_or(jiff::tz::TimeZone::UTC);
        let input = forms::poll_input(poll, &zone)?;
        Ok(polls::create(&call.state, &auth, input).await?.id)
    })
    .await
}

#[server(prefix = "/rpc", endpoint = "close_poll")]
pub async fn close_poll(poll: PollId) -> Result<(), AppError> {
    use crate::ssr::policy::access::Edit;
    use crate::ssr::{domain::discussion::polls, web::rpc};
    rpc::run(|call| async move {
        let (auth, record) = polls::authorize_for::<Edit>(&call.state, &call.actor, poll).await?;
        polls::close(&call.state, &auth, record).await?;
        Ok(())
    })
    .await
}

#[server(prefix = "/rpc", endpoint = "cast_vote")]
pub async fn cast_vote(poll: PollId, option: i64, reason: Option<String>) -> Result<(), AppError> {
    use crate::model::VoteInput;
    use crate::ssr::policy::access::Participate;
    use crate::ssr::{domain::discussion::polls, web::rpc};
    rpc::run(|call| async move {
        let (auth, record) =
            polls::authorize_for::<Participate>(&call.state, &call.actor, poll).await?;
        polls::vote(&call.state, &auth, &record, VoteInput { option, reason }).await?;
        call.back_with_note(&format!("poll-{poll}"), &format!("vote-{poll}"));
        Ok(())
    })
    .await
}
