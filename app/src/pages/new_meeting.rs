use crate::api::meetings::CreateMeeting;
use crate::app::use_session;
use crate::components::{ErrorSummary, ReturnHere, TextArea, TextField};
use crate::model::PurposeKind;
use crate::model::meeting::{DEFAULT_DURATION_MINUTES, DEFAULT_TIME_ZONE, TITLE_MAX};
use crate::pages::SignInPrompt;
use leptos::prelude::*;
use leptos_meta::Title;

/// The first step of a brief: what the meeting is for. The form posts to the server function,
/// so it works before (or without) the WASM; once hydrated it explains each purpose kind live.
#[component]
pub fn NewMeetingPage() -> impl IntoView {
    let session = use_session();
    view! {
        <Title text="New meeting" />
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match session.user.await {
                    Ok(Some(_)) => view! { <NewMeetingForm /> }.into_any(),
                    _ => view! { <SignInPrompt what="create a meeting" /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn NewMeetingForm() -> impl IntoView {
    let action = ServerAction::<CreateMeeting>::new();
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    let kind = RwSignal::new(PurposeKind::default());
    view! {
        <h1>"New meeting"</h1>
        <ErrorSummary error />
        <ActionForm action>
            <ReturnHere />
            <TextField
                error
                id="title"
                name="meeting[title]"
                label="Title"
                maxlength=TITLE_MAX
                autocomplete="off"
            />
            <div class="field">
                <label for="purpose_kind">"Purpose"</label>
                <p class="hint" id="purpose_kind-hint">
                    "What must this meeting achieve?"
                </p>
                <select
                    id="purpose_kind"
                    name="meeting[purpose_kind]"
                    aria-describedby="purpose_kind-hint purpose_kind-explanation"
                    on:change=move |ev| {
                        if let Ok(k) = event_target_value(&ev).parse() {
                            kind.set(k);
                        }
                    }
                >
                    {PurposeKind::ALL
                        .into_iter()
                        .map(|k| view! { <option value=k.as_str()>{k.label()}</option> })
                        .collect_view()}
                </select>
                <p class="purpose-explanation" id="purpose_kind-explanation" aria-live="polite">
                    {move || kind.get().explanation()}
                </p>
            </div>
            <TextArea
                error
                id="outcome"
                name="meeting[outcome]"
                label="Desired outcome"
                hint="By the end we will have …"
            />
            <TextField
                error
                id="duration_minutes"
                name="meeting[duration_minutes]"
                label="Duration in minutes"
                kind="number"
                value=DEFAULT_DURATION_MINUTES.to_string()
            />
            <TextField
                error
                id="time_zone"
                name="meeting[time_zone]"
                label="Time zone"
                hint="An IANA name, such as Europe/Paris or America/New_York"
                value=DEFAULT_TIME_ZONE
                autocomplete="off"
            />
            <button type="submit" class="button" disabled=move || action.pending().get()>
                "Create meeting"
            </button>
        </ActionForm>
    }
}
