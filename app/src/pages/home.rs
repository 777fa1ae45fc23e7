use crate::api::meetings::list_meetings;
use crate::model::MeetingSummary;
use leptos::prelude::*;
use leptos_meta::Title;

/// The list of meetings and the way to start a new one.
#[component]
pub fn HomePage() -> impl IntoView {
    let meetings = Resource::new(|| (), |_| list_meetings());
    view! {
        <Title text="Your meetings" />
        <div class="page-heading">
            <h1>"Your meetings"</h1>
            <a class="button" href="/meetings/new">
                "New meeting"
            </a>
        </div>
        <Suspense fallback=|| {
            view! { <p>"Loading meetings…"</p> }
        }>
            {move || Suspend::new(async move {
                match meetings.await {
                    Ok(list) if list.is_empty() => {
                        view! {
                            <p class="empty">
                                "No meetings yet. Start with the purpose: what must the meeting achieve?"
                            </p>
                        }
                            .into_any()
                    }
                    Ok(list) => view! { <MeetingList meetings=list /> }.into_any(),
                    Err(e) => view! { <p role="alert">{e.to_string()}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn MeetingList(meetings: Vec<MeetingSummary>) -> impl IntoView {
    view! {
        <ul class="meeting-list">
            {meetings
                .into_iter()
                .map(|m| {
                    view! {
                        <li class="meeting-list-item">
                            <a href=format!("/meetings/{}", m.id)>{m.title}</a>
                            <span class="meta">
                                {m.purpose_kind.label()} " · "
                                <span class=format!(
                                    "status status-{}",
                                    m.status.as_str(),
                                )>{m.status.label()}</span>
                            </span>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}
