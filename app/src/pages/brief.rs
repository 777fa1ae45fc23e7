//! The brief itself, as the brief page and the review show it.

use crate::model::agenda::total_minutes;
use crate::model::brief::Brief;
use crate::model::{Attendee, Role};
use leptos::prelude::*;

/// Every section of the brief; with `editable`, each has a link to the step that changes it.
#[component]
pub fn BriefBody(brief: Brief, #[prop(optional)] editable: bool) -> impl IntoView {
    let m = brief.meeting;
    let id = m.id;
    let change = move |step: &'static str, what: &'static str| {
        editable.then(|| {
            view! {
                <a class="change-link" href=format!("/meetings/{id}/{step}")>
                    "Change"
                    <span class="visually-hidden">{format!(" {what}")}</span>
                </a>
            }
        })
    };
    let planned = total_minutes(&m.agenda);
    let when = match &brief.starts_at {
        Some(start) => format!(
            "{start} ({}), {} minutes",
            brief.time_zone, m.duration_minutes
        ),
        None => format!("Not scheduled yet; {} minutes", m.duration_minutes),
    };
    let owner_of = {
        let people = m.attendees.clone();
        move |id| {
            people
                .iter()
                .find(|a: &&Attendee| Some(a.id) == id)
                .map(|a| a.name.clone())
        }
    };
    let groups: Vec<(Role, Vec<Attendee>)> = Role::ALL
        .into_iter()
        .map(|role| {
            (
                role,
                m.attendees
                    .iter()
                    .filter(|a| a.role == role)
                    .cloned()
                    .collect(),
            )
        })
        .filter(|(_, people): &(Role, Vec<Attendee>)| !people.is_empty())
        .collect();
    let series_line = brief.series.clone().map(|line| {
        view! { <crate::components::SeriesLineNote line date=m.occurrence_date /> }
    });
    let carried = view! {
        <crate::components::CarriedOverList
            meeting=id
            carried=m.carried_over.clone()
            organizer=m.viewer.organizer
        />
    };
    view! {
        {series_line}
        <section class="brief-section" aria-labelledby="purpose-heading">
            <div class="section-heading">
                <h2 id="purpose-heading">"Purpose"</h2>
                {change("purpose", "the purpose")}
            </div>
            <crate::components::NormExceptions
                exceptions=m.norm_exceptions.clone()
                time_zone=brief.time_zone.clone()
            />
            <dl class="summary">
                <dt>"Kind"</dt>
                <dd>{m.purpose_kind.label()} ": " {m.purpose_kind.explanation()}</dd>
                <dt>"Desired outcome"</dt>
                <dd class="outcome">
                    "By the end we will have: "
                    {crate::model::prose::outcome_phrase(&m.outcome).to_owned()}
                </dd>
                {m
                    .why_live
                    .map(|why| {
                        view! {
                            <dt>"Why it must be live"</dt>
                            <dd>{why}</dd>
                        }
                    })}
                <dt>"When"</dt>
                <dd>{when}</dd>
                {brief
                    .response_deadline
                    .map(|d| {
                        view! {
                            <dt>"Respond by"</dt>
                            <dd>{format!("{d} ({})", brief.time_zone)}</dd>
                        }
                    })}
                {m
                    .hourly_rate
                    .map(|r| {
                        view! {
                            <dt>"Hourly rate"</dt>
                            <dd>{format!("{r:.2} per person-hour")}</dd>
                        }
                    })}
                {m
                    .anonymous
                    .then(|| {
                        view! {
                            <dt>"Anonymous mode"</dt>
                            <dd>"On: comments and votes show no author"</dd>
                        }
                    })}
            </dl>
        </section>
        <section class="brief-section" aria-labelledby="agenda-heading">
            <div class="section-heading">
                <h2 id="agenda-heading">"Agenda"</h2>
                {change("agenda", "the agenda")}
            </div>
            {if m.agenda.is_empty() {
                view! { <p class="empty">"No agenda yet."</p> }.into_any()
            } else {
                view! {
                    <ol class="agenda-list">
                        {m
                            .agenda
                            .into_iter()
                            .map(|item| {
                                let owner = owner_of(item.owner_id)
                                    .unwrap_or_else(|| "no owner yet".to_owned());
                                view! {
                                    <li class="agenda-item" class:resolved=item.resolved_async>
                                        <div class="agenda-item-main">
                                            <span class="item-title">{item.title}</span>
                                            <span class="meta">
                                                {format!(
                                                    "{} · {} min · {owner}",
                                                    item.kind.label(),
                                                    item.minutes,
                                                )}
                                            </span>
                                            {item
                                                .resolved_async
                                                .then(|| {
                                                    view! {
                                                        <span class="resolution">
                                                            "Settled in writing: " {item.resolution}
                                                        </span>
                                                    }
                                                })}
                                        </div>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ol>
                    <p class="meta">
                        {format!("{planned} of {} minutes planned", m.duration_minutes)}
                    </p>
                }
                    .into_any()
            }}
        </section>
        {carried}
        <section class="brief-section" aria-labelledby="people-heading">
            <div class="section-heading">
                <h2 id="people-heading">"People"</h2>
                {change("people", "the people")}
            </div>
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
    }
}
