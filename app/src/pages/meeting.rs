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
    let team = m.team_id.is_some();
    let organizers = m.organizers.clone();
    let lead = m.viewer.lead;
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
            {team.then(|| view! { <Organizers meeting=id organizers organizer lead /> })}
        </article>
    }
}

/// A team meeting's organizers: an organizer adds a member of the team or removes one (never
/// the last); a lead reading it may join them.
#[component]
fn Organizers(
    meeting: crate::model::MeetingId,
    organizers: Vec<crate::model::team::Organizer>,
    organizer: bool,
    lead: bool,
) -> impl IntoView {
    use crate::api::organizers::{AddOrganizer, RemoveOrganizer, organizer_choices};
    use crate::components::{ErrorSummary, ReturnHere, SelectField};
    let add = ServerAction::<AddOrganizer>::new();
    let remove = ServerAction::<RemoveOrganizer>::new();
    let error = Signal::derive(move || {
        add.value()
            .get()
            .and_then(Result::err)
            .or_else(|| remove.value().get().and_then(Result::err))
    });
    let choices = Resource::new(|| (), move |_| organizer_choices(meeting));
    let last = organizers.len() <= 1;
    let me = crate::pages::use_session();
    view! {
        <section class="brief-section" aria-labelledby="organizers-heading">
            <h2 id="organizers-heading">"Organizers"</h2>
            <ErrorSummary error />
            <ul>
                {organizers
                    .into_iter()
                    .map(|o| {
                        let label = format!("Remove {} as organizer", o.name);
                        view! {
                            <li>
                                {o.name.clone()}
                                {(organizer && !last)
                                    .then(|| {
                                        view! {
                                            " "
                                            <ActionForm action=remove attr:class="inline-form">
                                                <ReturnHere />
                                                <input type="hidden" name="id" value=meeting.to_string() />
                                                <input
                                                    type="hidden"
                                                    name="user_id"
                                                    value=o.user_id.to_string()
                                                />
                                                <button type="submit" class="link-button" aria-label=label>
                                                    "Remove"
                                                </button>
                                            </ActionForm>
                                        }
                                    })}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    let choices = choices.await.unwrap_or_default();
                    let user = me.user.await.ok().flatten();
                    if organizer && !choices.is_empty() {
                        let options = choices
                            .into_iter()
                            .map(|c| (c.user_id.to_string(), c.name))
                            .collect::<Vec<_>>();
                        let first = options[0].0.clone();
                        view! {
                            <ActionForm action=add>
                                <ReturnHere />
                                <input type="hidden" name="id" value=meeting.to_string() />
                                <SelectField
                                    error
                                    id="user_id"
                                    name="user_id"
                                    label="Add a co-organizer from the team"
                                    options
                                    selected=first
                                />
                                <button type="submit" class="button secondary">
                                    "Add co-organizer"
                                </button>
                            </ActionForm>
                        }
                            .into_any()
                    } else if lead && let Some(user) = user {
                        view! {
                            <ActionForm action=add>
                                <ReturnHere />
                                <input type="hidden" name="id" value=meeting.to_string() />
                                <input type="hidden" name="user_id" value=user.id.to_string() />
                                <button type="submit" class="button secondary">
                                    "Co-organize this meeting"
                                </button>
                            </ActionForm>
                        }
                            .into_any()
                    } else {
                        ().into_any()
                    }
                })}
            </Suspense>
        </section>
    }
}
