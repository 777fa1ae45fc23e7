//! The brief's optional step between the agenda and the review: the pre-reads attendees get
//! with the invitation. It is also where the organizer finds every pre-read later.

use crate::components::{BriefSteps, Step};
use crate::error::AppError;
use crate::model::brief::Brief;
use crate::model::{Meeting, PurposeKind};
use crate::pages::{current_brief, error_page};
use leptos::prelude::*;
use leptos_meta::Title;

/// `/meetings/{id}/prereads`.
#[component]
pub fn PrereadsStepPage() -> impl IntoView {
    let brief = current_brief();
    view! {
        <Title text="Pre-reads" />
        <Suspense fallback=|| {
            view! { <p>"Loading…"</p> }
        }>
            {move || Suspend::new(async move {
                match brief.await {
                    Ok(b) if b.meeting.viewer.organizer => {
                        view! { <PrereadsStep brief=b /> }.into_any()
                    }
                    Err(e) => error_page(e, "change this meeting"),
                    Ok(_) => error_page(AppError::Forbidden, "change this meeting"),
                }
            })}
        </Suspense>
    }
}

#[component]
fn PrereadsStep(brief: Brief) -> impl IntoView {
    let Meeting {
        id,
        prereads,
        purpose_kind,
        norm_breaches,
        ..
    } = brief.meeting;
    let required: u32 = prereads
        .iter()
        .filter(|p| p.required)
        .map(|p| p.reading_minutes)
        .sum();
    let none = prereads.is_empty();
    view! {
        <BriefSteps meeting=Some(id) current=Step::Prereads />
        <h1>"Pre-reads " <span class="optional">"(optional)"</span></h1>
        <crate::components::NormBreaches meeting=id breaches=norm_breaches only="prereads" />
        <p class="lead">
            "What attendees read before the meeting and comment on beside each paragraph. Every question settled in writing is time the meeting does not need."
        </p>
        {(none && purpose_kind == PurposeKind::Decide)
            .then(|| {
                view! {
                    <p class="warning" role="note">
                        "This meeting is to decide: write the options and what each one costs, so people come prepared and the room can decide."
                    </p>
                }
            })}
        {if none {
            view! {
                <p class="empty">"No pre-reads yet. Skip this step if the meeting needs none."</p>
            }
                .into_any()
        } else {
            view! {
                <ul class="prereads">
                    {prereads
                        .into_iter()
                        .map(|p| {
                            let page = format!("/meetings/{id}/prereads/{}", p.id);
                            view! {
                                <li>
                                    <a href=page.clone()>{p.title.clone()}</a>
                                    <span class="meta">{p.meta()}</span>
                                    " "
                                    <a class="change-link" href=format!("{page}/edit")>
                                        "Edit"
                                        <span class="visually-hidden">
                                            {format!(" “{}”", p.title)}
                                        </span>
                                    </a>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
                <p>{format!("Required reading: about {required} min.")}</p>
            }
                .into_any()
        }}
        <p class="next-step">
            <a class="button" href=format!("/meetings/{id}/prereads/new")>
                "Add a pre-read"
            </a>
            " "
            <a class="button secondary" href=format!("/meetings/{id}/review")>
                {if none { "Skip to the review" } else { "Continue to the review" }}
            </a>
        </p>
    }
}
