//! Server functions for meetings and the brief's purpose, review and circulation.

use crate::error::AppError;
use crate::model::brief::{Brief, LinkToSend};
use crate::model::forms::PurposeForm;
use crate::model::meeting::MeetingPage;
use crate::model::{Meeting, MeetingId, TeamId};
use leptos::prelude::*;

/// A page of the caller's meetings (from `cursor`; of one team with `team_id`), or `None` for
/// a visitor with no session (the home page then shows what Prework is: not an error, so no
/// 401).
#[server(prefix = "/rpc", endpoint = "list_meetings")]
pub async fn list_meetings(
    cursor: Option<String>,
    team_id: Option<TeamId>,
) -> Result<Option<MeetingPage>, AppError> {
    use crate::ssr::{domain::meetings, web::rpc};
    rpc::run(|call| async move {
        if call.actor.is_anonymous() {
            return Ok(None);
        }
        let filter = meetings::ListFilter {
            team_id,
            cursor: cursor.filter(|c| !c.is_empty()),
            ..Default::default()
        };
        meetings::list(&call.state, &call.actor, filter)
            .await
            .map(Some)
    })
    .await
}

#[server(prefix = "/rpc", endpoint = "get_meeting")]
pub async fn get_meeting(id: MeetingId) -> Result<Meeting, AppError> {
    use crate::ssr::{domain::meetings, web::rpc};
    rpc::run(|call| async move {
        let auth = call.authorize_read(id).await?;
        meetings::get(&call.state, &auth).await
    })
    .await
}

/// The meeting as its pages show it to the caller.
#[server(prefix = "/rpc", endpoint = "get_brief")]
pub async fn get_brief(id: MeetingId) -> Result<Brief, AppError> {
    use crate::ssr::{domain::meetings::brief, web::rpc};
    rpc::run(|call| async move {
        let auth = call.authorize_read(id).await?;
        brief::brief(&call.state, &auth).await
    })
    .await
}

/// Every IANA time zone the server knows, for the time-zone pickers.
#[server(prefix = "/rpc", endpoint = "time_zones")]
pub async fn time_zones() -> Result<Vec<String>, AppError> {
    use crate::ssr::{text::tz, web::rpc};
    rpc::run(|_| async move { Ok(tz::names().to_vec()) }).await
}

/// Saves the purpose step: creates the meeting (`id` absent) and goes on to the people, or
/// updates it and returns to the review.
#[server(prefix = "/rpc", endpoint = "save_purpose")]
pub async fn save_purpose(
    purpose: PurposeForm,
    id: Option<MeetingId>,
) -> Result<MeetingId, AppError> {
    use crate::ssr::policy::access::{Edit, authorize};
    use crate::ssr::web::forms::ReadForm;
    use crate::ssr::{domain::meetings, web::rpc};
    rpc::run_form(&purpose.clone(), |call| async move {
        // Authorise before reading the answers.
        let auth = match id {
            Some(id) => Some(authorize::<Edit>(&call.state, &call.actor, id).await?),
            None => {
                call.actor.organizer()?;
                None
            }
        };
        let series_too = purpose.apply_to == "series";
        let input = purpose.into_input()?;
        let (meeting, next) = match auth {
            Some(auth) => {
                let updated = meetings::update(&call.state, &auth, input.clone(), None).await?;
                if let (true, Some(series)) = (series_too, updated.series_id) {
                    // the same change for the occurrences to come
                    use crate::ssr::domain::series as domain;
                    let access = domain::authorize(&call.state, &call.actor, series).await?;
                    let change = crate::model::series::SeriesInput {
                        title: input.title,
                        purpose_kind: input.purpose_kind,
                        outcome: input.outcome,
                        why_live: input.why_live,
                        duration_minutes: input.duration_minutes,
                        ..Default::default()
                    };
                    domain::update(&call.state, access, change).await?;
                }
                (updated, "review")
            }
            None => (
                meetings::create(&call.state, &call.actor, input).await?,
                "people",
            ),
        };
        leptos_axum::redirect(&format!("/meetings/{}/{next}", meeting.id));
        Ok(meeting.id)
    })
    .await
}

/// Creates a meeting from the JSON-shaped input (scripts; the browser uses `save_purpose`).
#[server(prefix = "/rpc", endpoint = "create_meeting")]
pub async fn create_meeting(meeting: crate::model::MeetingInput) -> Result<MeetingId, AppError> {
    use crate::ssr::{domain::meetings, web::rpc};
    rpc::run(|call| async move {
        let created = meetings::create(&call.state, &call.actor, meeting).await?;
        leptos_axum::redirect(&format!("/meetings/{}", created.id));
        Ok(created.id)
    })
    .await
}

#[server(prefix = "/rpc", endpoint = "delete_meeting")]
pub async fn delete_meeting(id: MeetingId) -> Result<(), AppError> {
    use crate::ssr::policy::access::{Edit, authorize};
    use crate::ssr::{domain::meetings, web::rpc};
    rpc::run(|call| async move {
        let auth = authorize::<Edit>(&call.state, &call.actor, id).await?;
        meetings::delete(&call.state, &auth).await?;
        leptos_axum::redirect("/");
        Ok(())
    })
    .await
}

/// Circulates the meeting and shows each person's fresh personal link, once.
/// `anyway` (a ticked box) circulates a brief the verdict calls not ready; `exception` is the
/// organizer's reason for circulating a team meeting that breaks its team's norms.
#[server(prefix = "/rpc", endpoint = "circulate_meeting")]
pub async fn circulate_meeting(
    id: MeetingId,
    anyway: Option<String>,
    exception: Option<String>,
) -> Result<(), AppError> {
    use crate::ssr::policy::access::{Edit, authorize};
    use crate::ssr::{domain::meetings::brief, web::rpc};
    rpc::run(|call| async move {
        let auth = authorize::<Edit>(&call.state, &call.actor, id).await?;
        let links = brief::circulate_with_links(
            &call.state,
            &auth,
            anyway.is_some(),
            exception.as_deref().filter(|r| !r.trim().is_empty()),
        )
        .await?;
        for cookie in brief::flash_cookies(id, &links, call.state.config.secure_cookies()) {
            call.add_cookie(&cookie);
        }
        leptos_axum::redirect(&format!("/meetings/{id}/links"));
        Ok(())
    })
    .await
}

/// The links just issued for this meeting, read once.
#[server(prefix = "/rpc", endpoint = "take_links")]
pub async fn take_links(id: MeetingId) -> Result<Vec<LinkToSend>, AppError> {
    use crate::ssr::{domain::meetings::brief, web::rpc};
    rpc::run(|call| async move {
        let auth = call.authorize_read(id).await?;
        auth.require_organizer()?;
        let Some(headers) = call.headers() else {
            return Ok(Vec::new());
        };
        let (links, clear) = brief::take_flash(headers, id);
        for cookie in clear {
            call.add_cookie(&cookie);
        }
        brief::ready_to_send(&call.state, &auth, links).await
    })
    .await
}
