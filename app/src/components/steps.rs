//! The brief's steps, as a navigation list that says where the organizer is.

use crate::model::MeetingId;
use leptos::prelude::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Purpose,
    People,
    Agenda,
    Prereads,
    Review,
}

impl Step {
    const ALL: [Self; 5] = [
        Self::Purpose,
        Self::People,
        Self::Agenda,
        Self::Prereads,
        Self::Review,
    ];

    fn label(self) -> &'static str {
        match self {
            Self::Purpose => "Purpose",
            Self::People => "People",
            Self::Agenda => "Agenda",
            Self::Prereads => "Pre-reads",
            Self::Review => "Review and circulate",
        }
    }

    fn path(self) -> &'static str {
        match self {
            Self::Purpose => "purpose",
            Self::People => "people",
            Self::Agenda => "agenda",
            Self::Prereads => "prereads",
            Self::Review => "review",
        }
    }
}

/// The step list; without a meeting yet (a new brief), only the current step is a page.
#[component]
pub fn BriefSteps(meeting: Option<MeetingId>, current: Step) -> impl IntoView {
    view! {
        <nav class="brief-steps" aria-label="Steps of the brief">
            <ol>
                {Step::ALL
                    .into_iter()
                    .enumerate()
                    .map(|(i, step)| {
                        let label = format!("{}. {}", i + 1, step.label());
                        let here = step == current;
                        match meeting {
                            Some(id) if !here => {
                                view! {
                                    <li>
                                        <a href=format!(
                                            "/meetings/{id}/{}",
                                            step.path(),
                                        )>{label}</a>
                                    </li>
                                }
                                    .into_any()
                            }
                            _ => {
                                view! {
                                    <li class:current=here aria-current=here.then_some("step")>
                                        {label}
                                    </li>
                                }
                                    .into_any()
                            }
                        }
                    })
                    .collect_view()}
            </ol>
        </nav>
    }
}
