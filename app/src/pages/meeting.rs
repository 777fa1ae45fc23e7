use crate::api::meetings::get_meeting;
use crate::error::AppError;
use crate::model::{Meeting, MeetingId};
use crate::pages::NotFoundPage;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// The brief of one meeting.
#[component]
pub fn MeetingPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || {
        params
            .read()
            .get("id")
            .and_then(|s| s.parse::<MeetingId>().ok())
    };
    let meeting = Resource::new(id, |id| async move {
        match id {
            Some(id) => get_meeting(id).await,
            None => Err(AppError::NotFound),
        }
    });
    view! {
        <Suspense fallback=|| {
            view! { <p>"Loading…"</p> }
        }>
            {move || Suspend::new(async move {
                match meeting.await {
                    Ok(m) => view! { <Brief meeting=m /> }.into_any(),
                    Err(AppError::NotFound) => view! { <NotFoundPage /> }.into_any(),
                    Err(e) => view! { <p role="alert">{e.to_string()}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Brief(meeting: Meeting) -> impl IntoView {
    view! {
        <Title text=meeting.title.clone() />
        <article class="brief">
            <h1>{meeting.title}</h1>
            <p class="meta">
                {meeting.purpose_kind.label()} " · "
                <span class=format!(
                    "status status-{}",
                    meeting.status.as_str(),
                )>{meeting.status.label()}</span> " · " {meeting.duration_minutes} " minutes"
            </p>
            <section aria-labelledby="outcome-heading">
                <h2 id="outcome-heading">"Desired outcome"</h2>
                <p class="outcome">"By the end we will have: " {meeting.outcome}</p>
            </section>
        </article>
    }
}
