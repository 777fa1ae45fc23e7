//! `/meetings/{id}/agenda/{item}`: one agenda item, edited on its own page.

use crate::api::agenda::UpdateAgendaItem;
use crate::api::meetings::get_brief;
use crate::components::{ErrorSummary, ReturnHere, use_kept};
use crate::error::AppError;
use crate::model::MeetingId;
use crate::model::forms::ItemForm;
use crate::model::{AgendaItem, AgendaItemId, Attendee};
use crate::pages::agenda::ItemFields;
use crate::pages::{NotFoundPage, meeting_id};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// `/meetings/{id}/agenda/{item}`: changing one item, or recording that it was settled.
#[component]
pub fn AgendaItemPage() -> impl IntoView {
    let id = meeting_id();
    let params = use_params_map();
    let wanted = move || {
        params
            .read()
            .get("item")
            .and_then(|s| s.parse::<AgendaItemId>().ok())
    };
    let brief = Resource::new(id, |id| async move {
        match id {
            Some(id) => get_brief(id).await,
            None => Err(AppError::NotFound),
        }
    });
    view! {
        <Title text="Change an agenda item" />
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let found = brief
                    .await
                    .ok()
                    .filter(|b| b.meeting.viewer.organizer)
                    .and_then(|b| {
                        let wanted = wanted()?;
                        let item = b.meeting.agenda.iter().find(|i| i.id == wanted)?.clone();
                        Some((item, b.meeting.attendees, b.meeting.id))
                    });
                match found {
                    Some((item, owners, meeting)) => {
                        view! { <EditItem meeting item owners /> }.into_any()
                    }
                    None => view! { <NotFoundPage /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn EditItem(meeting: MeetingId, item: AgendaItem, owners: Vec<Attendee>) -> impl IntoView {
    let action = ServerAction::<UpdateAgendaItem>::new();
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    let stored = ItemForm {
        title: item.title.clone(),
        kind: item.kind.as_str().to_owned(),
        minutes: item.minutes.to_string(),
        owner_id: item.owner_id.map(|o| o.to_string()).unwrap_or_default(),
        resolved_async: item.resolved_async.then(|| "on".to_owned()),
        resolution: item.resolution.clone(),
    };
    let form = use_kept::<ItemForm>(UpdateAgendaItem::PATH).unwrap_or(stored);
    view! {
        <p class="crumbs">
            <a href=format!("/meetings/{meeting}/agenda")>"Back to the agenda"</a>
        </p>
        <h1>{format!("Change “{}”", item.title)}</h1>
        <ErrorSummary error />
        <ActionForm action>
            <ReturnHere />
            <input type="hidden" name="id" value=item.id.to_string() />
            <ItemFields error form owners with_resolution=true />
            <button type="submit" class="button" disabled=move || action.pending().get()>
                "Save"
            </button>
        </ActionForm>
    }
}
