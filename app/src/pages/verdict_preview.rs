//! The verdict beside the brief while the organizer writes it. The server fetches the meeting's
//! facts (after the disclosure policy) and hands them to the [`LiveVerdict`] island, which runs
//! the engine in the browser on every change to the step's fields. Without JavaScript the same
//! island is rendered by the server from what is saved.

use crate::api::verdict::get_verdict_facts;
use crate::islands::LiveVerdict;
use crate::model::MeetingId;
use leptos::prelude::*;

#[component]
pub fn VerdictPreview(meeting: MeetingId) -> impl IntoView {
    let facts = Resource::new(|| (), move |_| get_verdict_facts(meeting));
    view! {
        <aside class="verdict-preview" aria-labelledby="preview-verdict-heading">
            <h2 id="preview-verdict-heading">"Verdict so far"</h2>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    facts
                        .await
                        .ok()
                        .map(|facts| view! { <LiveVerdict meeting=meeting.to_string() facts /> })
                })}
            </Suspense>
        </aside>
    }
}
