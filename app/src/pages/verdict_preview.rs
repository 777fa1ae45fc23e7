//! The verdict beside the brief while the organizer writes it. The server sends the meeting's
//! facts once; the engine then runs in the browser on every change to the fields the step
//! edits, with no round trip. Without JavaScript the same component is rendered by the server
//! from what is saved, at each step.

use crate::api::verdict::get_verdict_facts;
use crate::model::{MeetingId, PurposeKind};
use crate::verdict::{self, Facts};
use leptos::prelude::*;

/// What the step's form currently says, over what is saved. `None` keeps the saved value.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Edits {
    pub purpose: Option<PurposeKind>,
    pub duration_minutes: Option<u32>,
}

impl Edits {
    fn apply(self, mut facts: Facts) -> Facts {
        if let Some(p) = self.purpose {
            facts.purpose = p;
        }
        if let Some(d) = self.duration_minutes.filter(|d| *d > 0) {
            facts.duration_minutes = d;
        }
        facts
    }
}

#[component]
pub fn VerdictPreview(
    meeting: MeetingId,
    #[prop(into, optional)] edits: Signal<Edits>,
    /// Changes whenever the step saved something, to fetch the facts again.
    #[prop(into, optional)]
    refresh: Signal<usize>,
) -> impl IntoView {
    let facts = Resource::new(move || refresh.get(), move |_| get_verdict_facts(meeting));
    view! {
        <aside class="verdict-preview" aria-labelledby="preview-verdict-heading">
            <h2 id="preview-verdict-heading">"Verdict so far"</h2>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    facts
                        .await
                        .ok()
                        .map(|facts| {
                            let v = Memo::new(move |_| verdict::decide(
                                &edits.get().apply(facts.clone()),
                            ));
                            view! {
                                <p aria-live="polite">
                                    <span class=move || {
                                        format!("verdict-badge {}", v.read().verdict.as_str())
                                    }>{move || v.read().verdict.label()}</span>
                                    " "
                                    {move || v.read().summary.clone()}
                                </p>
                                <p class="hint">
                                    {move || {
                                        let c = &v.read().cost;
                                        format!(
                                            "{} attendee-hours as planned, {} as suggested.",
                                            c.planned_attendee_hours,
                                            c.suggested_attendee_hours,
                                        )
                                    }}
                                </p>
                                <a href=format!("/meetings/{meeting}/verdict")>"See the reasons"</a>
                            }
                        })
                })}
            </Suspense>
        </aside>
    }
}
