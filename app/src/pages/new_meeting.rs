//! `/meetings/new`: a new brief starts at its purpose step.

use crate::api::meetings::time_zones;
use crate::model::PurposeKind;
use crate::model::forms::PurposeForm;
use crate::model::meeting::{DEFAULT_DURATION_MINUTES, DEFAULT_TIME_ZONE};
use crate::pages::purpose::PurposeStep;
use crate::pages::use_session;
use crate::pages::{SignInPrompt, error_page};
use leptos::prelude::*;
use leptos_meta::Title;

/// `/meetings/new`: a new brief starts here.
#[component]
pub fn NewMeetingPage() -> impl IntoView {
    let session = use_session();
    let zones = Resource::new(|| (), |_| time_zones());
    let teams = Resource::new(|| (), |_| crate::api::teams::list_teams());
    let profile = Resource::new(|| (), |_| crate::api::profile::get_profile());
    view! {
        <Title text="New meeting" />
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let user = session.user.await;
                let zones = zones.await.unwrap_or_default();
                let teams = teams.await.unwrap_or_default();
                let zone = profile
                    .await
                    .ok()
                    .and_then(|p| p.time_zone)
                    .unwrap_or_else(|| DEFAULT_TIME_ZONE.to_owned());
                match user {
                    Ok(Some(_)) => {
                        let initial = PurposeForm {
                            purpose_kind: PurposeKind::default().as_str().to_owned(),
                            duration_minutes: DEFAULT_DURATION_MINUTES.to_string(),
                            time_zone: zone,
                            ..Default::default()
                        };
                        // the organizer's own zone when they gave one, else UTC
                        view! { <PurposeStep id=None initial zones breaches=Vec::new() teams /> }
                            .into_any()
                    }
                    Ok(None) => view! { <SignInPrompt what="create a meeting" /> }.into_any(),
                    Err(e) => error_page(e, "create a meeting"),
                }
            })}
        </Suspense>
    }
}
