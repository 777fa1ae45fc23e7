use crate::api::meetings::get_meeting;
use crate::error::AppError;
use crate::model::{Attendee, Meeting, MeetingId, Role};
use crate::pages::{NotFoundPage, SignInPrompt};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// The brief of one meeting, for everyone who may see it.
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
                    Err(AppError::Unauthenticated) => {
                        view! { <SignInPrompt what="see this meeting" /> }.into_any()
                    }
                    Err(AppError::NotFound) => view! { <NotFoundPage /> }.into_any(),
                    Err(e) => view! { <p role="alert">{e.to_string()}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Brief(meeting: Meeting) -> impl IntoView {
    let me = meeting
        .viewer
        .attendee_id
        .and_then(|id| meeting.attendees.iter().find(|a| a.id == id).cloned());
    let groups: Vec<(Role, Vec<Attendee>)> = Role::ALL
        .into_iter()
        .map(|role| {
            let people: Vec<Attendee> = meeting
                .attendees
                .iter()
                .filter(|a| a.role == role)
                .cloned()
                .collect();
            (role, people)
        })
        .filter(|(_, people)| !people.is_empty())
        .collect();
    view! {
        <Title text=meeting.title.clone() />
        <article class="brief">
            {me
                .map(|me| {
                    let because = if me.reason.is_empty() {
                        String::new()
                    } else {
                        format!(" because {}", me.reason)
                    };
                    view! {
                        <p class="you-are-here">
                            "You are here as " <strong>{me.role.as_str()}</strong> {because}
                        </p>
                    }
                })} <h1>{meeting.title}</h1>
            <p class="meta">
                {meeting.purpose_kind.label()} " · "
                <span class=format!(
                    "status status-{}",
                    meeting.status.as_str(),
                )>{meeting.status.label()}</span> " · " {meeting.duration_minutes} " minutes"
            </p> <section aria-labelledby="outcome-heading">
                <h2 id="outcome-heading">"Desired outcome"</h2>
                <p class="outcome">"By the end we will have: " {meeting.outcome}</p>
            </section> <section aria-labelledby="people-heading">
                <h2 id="people-heading">"People"</h2>
                {if groups.is_empty() {
                    view! { <p class="empty">"Nobody is invited yet."</p> }.into_any()
                } else {
                    groups
                        .into_iter()
                        .map(|(role, people)| {
                            view! {
                                <h3>{role.label()}</h3>
                                <ul class="people">
                                    {people
                                        .into_iter()
                                        .map(|p| {
                                            view! {
                                                <li>
                                                    <strong>{p.name}</strong>
                                                    {(!p.reason.is_empty()).then(|| format!(": {}", p.reason))}
                                                </li>
                                            }
                                        })
                                        .collect_view()}
                                </ul>
                            }
                        })
                        .collect_view()
                        .into_any()
                }}
            </section>
        </article>
    }
}
