//! Server functions for the people step.

use crate::error::AppError;
use crate::model::forms::PersonForm;
use crate::model::{AttendeeId, MeetingId};
use leptos::prelude::*;

/// Invites a person. Without WASM the browser comes back to the people page (its referrer).
#[server(prefix = "/rpc", endpoint = "add_attendee")]
pub async fn add_attendee(meeting: MeetingId, person: PersonForm) -> Result<AttendeeId, AppError> {
    use crate::ssr::policy::access::{Edit, authorize};
    use crate::ssr::web::forms::ReadForm;
    use crate::ssr::{domain::people::attendees, web::rpc};
    rpc::run_form(&person.clone(), |call| async move {
        let auth = authorize::<Edit>(&call.state, &call.actor, meeting).await?;
        let input = person.into_input()?;
        let (added, _) = attendees::add(&call.state, &auth, input).await?;
        Ok(added.attendee.id)
    })
    .await
}

#[server(prefix = "/rpc", endpoint = "update_attendee")]
pub async fn update_attendee(attendee: AttendeeId, person: PersonForm) -> Result<(), AppError> {
    use crate::ssr::policy::access::Edit;
    use crate::ssr::web::forms::ReadForm;
    use crate::ssr::{domain::people::attendees, web::rpc};
    rpc::run_form(&person.clone(), |call| async move {
        let (auth, _) =
            attendees::authorize_for::<Edit>(&call.state, &call.actor, attendee).await?;
        let input = person.into_input()?;
        attendees::update(&call.state, &auth, attendee, input, None).await?;
        leptos_axum::redirect(&format!("/meetings/{}/people", auth.id()));
        Ok(())
    })
    .await
}

#[server(prefix = "/rpc", endpoint = "remove_attendee")]
pub async fn remove_attendee(attendee: AttendeeId) -> Result<(), AppError> {
    use crate::ssr::policy::access::Edit;
    use crate::ssr::{domain::people::attendees, web::rpc};
    rpc::run(|call| async move {
        let (auth, _) =
            attendees::authorize_for::<Edit>(&call.state, &call.actor, attendee).await?;
        attendees::remove(&call.state, &auth, attendee).await
    })
    .await
}

/// Issues a new personal link for one person and shows it once.
#[server(prefix = "/rpc", endpoint = "regenerate_link")]
pub async fn regenerate_link(attendee: AttendeeId) -> Result<(), AppError> {
    use crate::ssr::policy::access::Edit;
    use crate::ssr::{domain::meetings::brief, domain::people::attendees, web::rpc};
    rpc::run(|call| async move {
        let (auth, record) =
            attendees::authorize_for::<Edit>(&call.state, &call.actor, attendee).await?;
        let (meeting, link) = brief::new_link(&call.state, &auth, record).await?;
        for cookie in brief::flash_cookies(meeting, &[link], call.state.config.secure_cookies()) {
            call.add_cookie(&cookie);
        }
        leptos_axum::redirect(&format!("/meetings/{meeting}/links"));
        Ok(())
    })
    .await
}
