//! Server functions for polls.

use crate::error::AppError;
use crate::model::forms::PollForm;
use crate::model::{MeetingId, PollId};
use leptos::prelude::*;

#[server(prefix = "/rpc", endpoint = "create_poll")]
pub async fn create_poll(meeting: MeetingId, poll: PollForm) -> Result<PollId, AppError> {
    use crate::ssr::access::{Action, authorize};
    use crate::ssr::{db, polls, rpc};
    rpc::run_form(&poll.clone(), |call| async move {
        authorize(&call.state.db, &call.actor, meeting, Action::Edit).await?;
        let record = db::meetings::get(&call.state.db, meeting)
            .await?
            .ok_or(AppError::NotFound)?;
        let zone =
            jiff::tz::TimeZone::get(&record.fields.time_zone).unwrap_or(jiff::tz::TimeZone::UTC);
        let input = poll.into_input(&zone)?;
        Ok(polls::create(&call.state, &call.actor, meeting, input)
            .await?
            .id)
    })
    .await
}

#[server(prefix = "/rpc", endpoint = "cast_vote")]
pub async fn cast_vote(poll: PollId, option: i64, reason: Option<String>) -> Result<(), AppError> {
    use crate::model::VoteInput;
    use crate::ssr::{polls, rpc};
    rpc::run(|call| async move {
        polls::vote(&call.state, &call.actor, poll, VoteInput { option, reason }).await?;
        Ok(())
    })
    .await
}
