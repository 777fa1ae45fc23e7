//! `/meetings/{id}/people/{attendee}`: one invited person's details, edited on their own page.

use crate::api::attendees::UpdateAttendee;
use crate::api::meetings::{get_brief, time_zones};
use crate::components::{ErrorSummary, ReturnHere, use_kept};
use crate::error::AppError;
use crate::model::forms::{DaysForm, PersonForm};
use crate::model::{Attendee, AttendeeId};
use crate::pages::people::PersonFields;
use crate::pages::{NotFoundPage, meeting_id};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// `/meetings/{id}/people/{attendee}`: changing one person.
#[component]
pub fn PersonPage() -> impl IntoView {
    let id = meeting_id();
    let params = use_params_map();
    let attendee = move || {
        params
            .read()
            .get("attendee")
            .and_then(|s| s.parse::<AttendeeId>().ok())
    };
    let brief = Resource::new(id, |id| async move {
        match id {
            Some(id) => get_brief(id).await,
            None => Err(AppError::NotFound),
        }
    });
    let zones = Resource::new(|| (), |_| time_zones());
    view! {
        <Title text="Change a person" />
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let zones = zones.await.unwrap_or_default();
                let found = brief
                    .await
                    .ok()
                    .filter(|b| b.meeting.viewer.organizer)
                    .and_then(|b| {
                        let wanted = attendee()?;
                        b.meeting.attendees.into_iter().find(|a| a.id == wanted)
                    });
                match found {
                    Some(person) => view! { <EditPerson person zones /> }.into_any(),
                    None => view! { <NotFoundPage /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn EditPerson(person: Attendee, zones: Vec<String>) -> impl IntoView {
    let action = ServerAction::<UpdateAttendee>::new();
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    let stored = PersonForm {
        name: person.name.clone(),
        email: person.email.clone().unwrap_or_default(),
        role: person.role.as_str().to_owned(),
        reason: person.reason.clone(),
        time_zone: person.time_zone.clone().unwrap_or_default(),
        work_start: person.work_start.map(|t| t.to_string()).unwrap_or_default(),
        work_end: person.work_end.map(|t| t.to_string()).unwrap_or_default(),
        days: Some(DaysForm::of(person.work_days.days())),
    };
    let form = use_kept::<PersonForm>(UpdateAttendee::PATH).unwrap_or(stored);
    view! {
        <h1>{format!("Change {}", person.name)}</h1>
        <ErrorSummary error />
        <ActionForm action>
            <ReturnHere />
            <input type="hidden" name="attendee" value=person.id.to_string() />
            <PersonFields error form zones />
            <button type="submit" class="button" disabled=move || action.pending().get()>
                "Save"
            </button>
        </ActionForm>
    }
}
