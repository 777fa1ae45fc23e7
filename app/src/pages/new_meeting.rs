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
    let templates = Resource::new(|| (), |_| crate::api::series::list_templates());
    let chosen = leptos_router::hooks::use_query_map().with_untracked(|q| q.get("template"));
    view! {
        <Title text="New meeting" />
        <Suspense fallback=|| ()>
            {move || {
                let chosen = chosen.clone();
                Suspend::new(async move {
                    let user = session.user.await;
                    let templates = templates.await.unwrap_or_default();
                    let template = chosen
                        .as_deref()
                        .and_then(|id| templates.iter().find(|t| t.id.to_string() == id))
                        .cloned();
                    let zones = zones.await.unwrap_or_default();
                    let teams = teams.await.unwrap_or_default();
                    let zone = profile
                        .await
                        .ok()
                        .and_then(|p| p.time_zone)
                        .unwrap_or_else(|| DEFAULT_TIME_ZONE.to_owned());
                    match user {
                        Ok(Some(_)) => {
                            let initial = match &template {
                                Some(t) => {
                                    PurposeForm {
                                        title: t.title.clone().unwrap_or_default(),
                                        purpose_kind: t.purpose_kind.as_str().to_owned(),
                                        outcome: t.outcome.clone(),
                                        why_live: t.why_live.clone().unwrap_or_default(),
                                        duration_minutes: t.duration_minutes.to_string(),
                                        time_zone: zone,
                                        template_id: t.id.to_string(),
                                        ..Default::default()
                                    }
                                }
                                None => {
                                    PurposeForm {
                                        purpose_kind: PurposeKind::default().as_str().to_owned(),
                                        duration_minutes: DEFAULT_DURATION_MINUTES.to_string(),
                                        time_zone: zone,
                                        ..Default::default()
                                    }
                                }
                            };
                            let options: Vec<(String, String)> = std::iter::once((
                                    String::new(),
                                    "None: start blank".to_owned(),
                                ))
                                .chain(
                                    templates
                                        .iter()
                                        .map(|t| {
                                            (
                                                t.id.to_string(),
                                                format!("{} ({})", t.name, t.scope.label()),
                                            )
                                        }),
                                )
                                .collect();
                            let selected = initial.template_id.clone();
                            // the organizer's own zone when they gave one, else UTC; a template's
                            // fields when one was chosen
                            view! {
                                <form
                                    method="get"
                                    action="/meetings/new"
                                    class="inline-form template-choice"
                                >
                                    <crate::components::SelectField
                                        error=Signal::derive(|| None)
                                        id="template"
                                        name="template"
                                        label="Start from a template"
                                        hint="Its purpose, outcome, agenda and pre-reads; change any of them"
                                        options
                                        selected
                                    />
                                    <button type="submit" class="button secondary">
                                        "Use this template"
                                    </button>
                                </form>
                                <PurposeStep id=None initial zones breaches=Vec::new() teams />
                            }
                                .into_any()
                        }
                        Ok(None) => view! { <SignInPrompt what="create a meeting" /> }.into_any(),
                        Err(e) => error_page(e, "create a meeting"),
                    }
                })
            }}
        </Suspense>
    }
}
