use crate::components::CalendarLink;
use crate::error::AppError;
use crate::model::brief::Brief;
use crate::pages::brief::BriefBody;
use crate::pages::discussion::DiscussionSections;
use crate::pages::verdict::VerdictSummary;
use crate::pages::{NotFoundPage, SignInPrompt, current_brief};
use leptos::prelude::*;
use leptos_meta::Title;

/// `/meetings/{id}`: the brief, for everyone who may see it.
#[component]
pub fn MeetingPage() -> impl IntoView {
    let brief = current_brief();
    view! {
        <Suspense fallback=|| {
            view! { <p>"Loading…"</p> }
        }>
            {move || Suspend::new(async move {
                match brief.await {
                    Ok(b) => view! { <BriefPage brief=b /> }.into_any(),
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
fn BriefPage(brief: Brief) -> impl IntoView {
    let m = &brief.meeting;
    let me = m
        .viewer
        .attendee_id
        .and_then(|id| m.attendees.iter().find(|a| a.id == id).cloned());
    let organizer = m.viewer.organizer;
    let id = m.id;
    let title = m.title.clone();
    let status = m.status;
    let prereads = m.prereads.clone();
    let has_start = m.starts_at.is_some();
    view! {
        <Title text=title.clone() />
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
                })} <div class="page-heading">
                <h1>{title}</h1>
                <span class="page-actions">
                    <CalendarLink meeting=id has_start status class="button secondary" />
                    {(organizer && status != crate::model::MeetingStatus::Draft)
                        .then(|| {
                            view! {
                                <a
                                    class="button secondary"
                                    href=format!("/meetings/{id}/people#messages-heading")
                                >
                                    "Messages sent"
                                </a>
                            }
                        })}
                    {organizer
                        .then(|| {
                            view! {
                                <a class="button secondary" href=format!("/meetings/{id}/review")>
                                    "Edit the brief"
                                </a>
                            }
                        })}
                </span>
            </div> <p class="meta">
                <span class=format!("status status-{}", status.as_str())>{status.label()}</span>
            </p> <VerdictSummary meeting=id /> <BriefBody brief />
            <DiscussionSections meeting=id prereads organizer />
        </article>
    }
}
