use crate::api::meetings::CreateMeeting;
use crate::components::{ErrorSummary, FieldMessage};
use crate::model::PurposeKind;
use crate::model::meeting::TITLE_MAX;
use leptos::prelude::*;
use leptos_meta::Title;

/// The first step of a brief: what the meeting is for. The form posts to the server function,
/// so it works before (or without) the WASM; once hydrated it explains each purpose kind live.
#[component]
pub fn NewMeetingPage() -> impl IntoView {
    let action = ServerAction::<CreateMeeting>::new();
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    let kind = RwSignal::new(PurposeKind::default());

    view! {
        <Title text="New meeting" />
        <h1>"New meeting"</h1>
        <ErrorSummary error />
        <ActionForm action>
            <div class="field">
                <label for="title">"Title"</label>
                <FieldMessage error field="title" />
                <input
                    id="title"
                    name="meeting[title]"
                    type="text"
                    maxlength=TITLE_MAX
                    autocomplete="off"
                />
            </div>
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
            <div class="field">
                <label for="outcome">"Desired outcome"</label>
                <p class="hint" id="outcome-hint">
                    "By the end we will have …"
                </p>
                <FieldMessage error field="outcome" />
                <textarea
                    id="outcome"
                    name="meeting[outcome]"
                    rows="3"
                    aria-describedby="outcome-hint"
                ></textarea>
            </div>
            <button type="submit" class="button" disabled=move || action.pending().get()>
                "Create meeting"
            </button>
        </ActionForm>
    }
}
