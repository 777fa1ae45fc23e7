//! `/series`: the caller's recurring meetings; `/series/new`: a new one, from a template;
//! `/series/{id}`: its schedule, next occurrence, history and advice, and (for its organizer)
//! skipping a date and ending it.

use crate::api::meetings::time_zones;
use crate::api::series::{
    CreateSeries, EndSeries, SeriesView, SkipSeriesDate, get_series_page, list_series,
    list_templates,
};
use crate::components::{
    Checkbox, CheckboxGroup, ErrorSummary, ReturnHere, SelectField, TextArea, TextField, use_kept,
};
use crate::error::AppError;
use crate::model::forms::{DaysForm, SeriesForm};
use crate::model::meeting::{DEFAULT_TIME_ZONE, TITLE_MAX};
use crate::model::series::{Frequency, Series, SeriesStatus, Template};
use crate::model::{PurposeKind, SeriesId};
use crate::pages::{SignInPrompt, error_page, use_session};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

/// "Every week on Monday · next Mon 7 Dec" for a list entry.
fn summary(s: &Series) -> String {
    let mut out = s.recurrence.describe();
    match (&s.next, s.status) {
        (_, SeriesStatus::Ended) => out.push_str(" · ended"),
        (Some(next), _) => out.push_str(&format!(" · next on {}", next.occurrence_date)),
        (None, _) => {}
    }
    out
}

#[component]
pub fn SeriesListPage() -> impl IntoView {
    let list = Resource::new(|| (), |_| list_series(None));
    let session = use_session();
    view! {
        <Title text="Series" />
        <Suspense fallback=|| {
            view! { <p>"Loading…"</p> }
        }>
            {move || Suspend::new(async move {
                if !matches!(session.user.await, Ok(Some(_))) {
                    return view! { <SignInPrompt what="see your series" /> }.into_any();
                }
                let page = match list.await {
                    Ok(page) => page,
                    Err(e) => return error_page(e, "see your series"),
                };
                view! {
                    <div class="page-heading">
                        <h1>"Series"</h1>
                        <a class="button" href="/series/new">
                            "New series"
                        </a>
                    </div>
                    <p class="lead">
                        "A recurring meeting, where each occurrence still earns its place: its own verdict, what the last one left open carried over, and advice from its history."
                    </p>
                    {if page.series.is_empty() {
                        view! { <p class="empty">"No series yet."</p> }.into_any()
                    } else {
                        view! {
                            <ul class="meeting-list">
                                {page
                                    .series
                                    .iter()
                                    .map(|s| {
                                        view! {
                                            <li class="meeting-list-item">
                                                <a href=format!("/series/{}", s.id)>{s.title.clone()}</a>
                                                <span class="meta">{summary(s)}</span>
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                        }
                            .into_any()
                    }}
                }
                    .into_any()
            })}
        </Suspense>
    }
}

/// The form's first answers: the template's, in the organizer's own zone.
fn initial(template: Option<&Template>, zone: String) -> SeriesForm {
    SeriesForm {
        template_id: template.map(|t| t.id.to_string()).unwrap_or_default(),
        title: template.and_then(|t| t.title.clone()).unwrap_or_default(),
        purpose_kind: template
            .map(|t| t.purpose_kind)
            .unwrap_or_default()
            .as_str()
            .to_owned(),
        outcome: template.map(|t| t.outcome.clone()).unwrap_or_default(),
        duration_minutes: template
            .map(|t| t.duration_minutes.to_string())
            .unwrap_or_else(|| "30".to_owned()),
        time_zone: zone,
        frequency: Frequency::Weekly.as_str().to_owned(),
        interval: "1".to_owned(),
        auto_circulate: Some("on".to_owned()),
        ..Default::default()
    }
}

#[component]
pub fn NewSeriesPage() -> impl IntoView {
    let session = use_session();
    let chosen = use_query_map().with_untracked(|q| q.get("template"));
    let templates = Resource::new(|| (), |_| list_templates());
    let zones = Resource::new(|| (), |_| time_zones());
    let teams = Resource::new(|| (), |_| crate::api::teams::list_teams());
    let profile = Resource::new(|| (), |_| crate::api::profile::get_profile());
    view! {
        <Title text="New series" />
        <Suspense fallback=|| ()>
            {move || {
                let chosen = chosen.clone();
                Suspend::new(async move {
                    if !matches!(session.user.await, Ok(Some(_))) {
                        return view! { <SignInPrompt what="start a series" /> }.into_any();
                    }
                    let templates = templates.await.unwrap_or_default();
                    let zones = zones.await.unwrap_or_default();
                    let teams = teams.await.unwrap_or_default();
                    let zone = profile
                        .await
                        .ok()
                        .and_then(|p| p.time_zone)
                        .unwrap_or_else(|| DEFAULT_TIME_ZONE.to_owned());
                    let template = chosen
                        .as_deref()
                        .and_then(|id| templates.iter().find(|t| t.id.to_string() == id))
                        .cloned();
                    view! { <NewSeriesForm templates template zones teams zone /> }.into_any()
                })
            }}
        </Suspense>
    }
}

#[component]
fn NewSeriesForm(
    templates: Vec<Template>,
    template: Option<Template>,
    zones: Vec<String>,
    teams: Vec<crate::model::team::TeamSummary>,
    zone: String,
) -> impl IntoView {
    let action = ServerAction::<CreateSeries>::new();
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    let form = use_kept::<SeriesForm>(CreateSeries::PATH)
        .unwrap_or_else(|| initial(template.as_ref(), zone));
    let template_options: Vec<(String, String)> =
        std::iter::once((String::new(), "None: start blank".to_owned()))
            .chain(templates.iter().map(|t| {
                (
                    t.id.to_string(),
                    format!("{} ({})", t.name, t.scope.label()),
                )
            }))
            .collect();
    let kinds = PurposeKind::ALL
        .into_iter()
        .map(|k| (k.as_str().to_owned(), k.label().to_owned()))
        .collect();
    let zone_options = zones
        .into_iter()
        .map(|z| (z.clone(), z.replace('_', " ")))
        .collect();
    let frequencies = Frequency::ALL
        .into_iter()
        .map(|f| (f.as_str().to_owned(), f.label().to_owned()))
        .collect();
    let intervals = (1..=crate::model::series::INTERVAL_MAX)
        .map(|n| {
            let label = match n {
                1 => "Every week or month".to_owned(),
                2 => "Every other one".to_owned(),
                n => format!("Every {n}th"),
            };
            (n.to_string(), label)
        })
        .collect();
    let ticked = form.days.clone().unwrap_or_else(DaysForm::none).ticked();
    let days = DaysForm::NAMES
        .iter()
        .zip(1..)
        .map(|(name, n)| Checkbox {
            name: format!("series[days][d{n}]"),
            label: (*name).to_owned(),
            checked: ticked.contains(&n),
        })
        .collect();
    let from_template = template.clone().map(|t| {
        let items: Vec<String> = t
            .agenda
            .iter()
            .map(|i| format!("{} ({} min)", i.title, i.minutes))
            .collect();
        let docs: Vec<String> = t.prereads.iter().map(|d| d.title.clone()).collect();
        view! {
            <section class="brief-section" aria-labelledby="from-template-heading">
                <h2 id="from-template-heading">{format!("From “{}”", t.name)}</h2>
                <dl class="summary">
                    <dt>"Agenda"</dt>
                    <dd>{if items.is_empty() { "None".to_owned() } else { items.join("; ") }}</dd>
                    <dt>"Pre-reads"</dt>
                    <dd>{if docs.is_empty() { "None".to_owned() } else { docs.join("; ") }}</dd>
                </dl>
            </section>
        }
    });
    view! {
        <h1>"New series"</h1>
        <p class="lead">
            "Only the next occurrence exists at a time; each is circulated at your team's lead time, gets its own verdict, and carries over what the one before left open."
        </p>
        <form method="get" action="/series/new" class="inline-form template-choice">
            <SelectField
                error
                id="template"
                name="template"
                label="Start from a template"
                options=template_options
                selected=form.template_id.clone()
            />
            <button type="submit" class="button secondary">
                "Use this template"
            </button>
        </form>
        {from_template}
        <ErrorSummary error />
        <ActionForm action>
            <ReturnHere />
            <input type="hidden" name="series[template_id]" value=form.template_id.clone() />
            {(!teams.is_empty())
                .then(|| {
                    let options = std::iter::once((String::new(), "None: my own series".to_owned()))
                        .chain(teams.into_iter().map(|t| (t.id.to_string(), t.name)))
                        .collect();
                    view! {
                        <SelectField
                            error
                            id="team_id"
                            name="series[team_id]"
                            label="Team"
                            hint="Its occurrences are held to the norms the team's lead set"
                            options
                            selected=form.team_id.clone()
                        />
                    }
                })}
            <TextField
                error
                id="title"
                name="series[title]"
                label="Title"
                maxlength=TITLE_MAX
                autocomplete="off"
                value=form.title
            />
            <SelectField
                error
                id="purpose_kind"
                name="series[purpose_kind]"
                label="Purpose"
                options=kinds
                selected=form.purpose_kind
            />
            <TextArea
                error
                id="outcome"
                name="series[outcome]"
                label="Desired outcome of each occurrence"
                hint="By the end we will have …"
                value=form.outcome
            />
            <div class="field-row">
                <TextField
                    error
                    id="duration_minutes"
                    name="series[duration_minutes]"
                    label="Duration in minutes"
                    kind="number"
                    value=form.duration_minutes
                />
                <TextField
                    error
                    id="first_starts_at"
                    name="series[first_start]"
                    label="First start"
                    kind="datetime-local"
                    hint="In the series' time zone; every occurrence keeps this local time"
                    value=form.first_start
                />
            </div>
            <SelectField
                error
                id="time_zone"
                name="series[time_zone]"
                label="Time zone"
                options=zone_options
                selected=form.time_zone
            />
            <div class="field-row">
                <SelectField
                    error
                    id="recurrence.frequency"
                    name="series[frequency]"
                    label="Repeats"
                    options=frequencies
                    selected=form.frequency
                />
                <SelectField
                    error
                    id="recurrence.interval"
                    name="series[interval]"
                    label="How often"
                    options=intervals
                    selected=form.interval
                />
            </div>
            <CheckboxGroup
                error
                id="recurrence.weekdays"
                legend="On (weekly)"
                hint="None ticked: the first start's weekday"
                boxes=days
                marker="series[days][shown]".to_owned()
            />
            <TextField
                error
                id="ends_on"
                name="series[ends_on]"
                label="Ends on"
                kind="date"
                hint="At most a year after the first start: a series is asked again whether it should go on"
                value=form.ends_on
            />
            <TextArea
                error
                id="attendees"
                name="series[people]"
                label="People (optional)"
                hint="One per line: Name <email>, role, reason. Roles: decider, facilitator, contributor, informed"
                value=form.people
                rows=4
            />
            <div class="field checkbox">
                <input
                    type="checkbox"
                    id="auto_circulate"
                    name="series[auto_circulate]"
                    checked=form.auto_circulate.is_some()
                    aria-describedby="auto_circulate-hint"
                />
                <label for="auto_circulate">"Circulate each occurrence by itself"</label>
                <p class="hint" id="auto_circulate-hint">
                    "At the lead time your team's norms ask for (a day ahead without a team), with their time to respond."
                </p>
            </div>
            <button type="submit" class="button" disabled=move || action.pending().get()>
                "Start the series"
            </button>
        </ActionForm>
    }
}

fn series_id() -> Option<SeriesId> {
    use_params_map().with_untracked(|p| p.get("id").and_then(|id| id.parse().ok()))
}

#[component]
pub fn SeriesPage() -> impl IntoView {
    let id = series_id();
    let page = Resource::new(
        || (),
        move |_| async move {
            match id {
                Some(id) => get_series_page(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <Suspense fallback=|| {
            view! { <p>"Loading…"</p> }
        }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(view) => view! { <SeriesBody view /> }.into_any(),
                    Err(e) => error_page(e, "see this series"),
                }
            })}
        </Suspense>
    }
}

#[component]
fn SeriesBody(view: SeriesView) -> impl IntoView {
    let SeriesView {
        detail,
        organizer,
        upcoming,
        first_start,
    } = view;
    let s = detail.series;
    let id = s.id;
    let skip = ServerAction::<SkipSeriesDate>::new();
    let end = ServerAction::<EndSeries>::new();
    let error = Signal::derive(move || {
        skip.value()
            .get()
            .and_then(Result::err)
            .or_else(|| end.value().get().and_then(Result::err))
    });
    let saved = use_query_map().with_untracked(|q| q.get("saved"));
    let note = match saved.as_deref() {
        Some("skip") => Some("The date is skipped; the series goes on."),
        Some("end") => Some("The series has ended. Its history stays here."),
        _ => None,
    };
    let ended = s.status == SeriesStatus::Ended;
    let history = detail.history;
    let advice = detail.advice;
    let skipped: Vec<String> = s
        .skipped
        .iter()
        .map(|d| d.strftime("%a %-d %b %Y").to_string())
        .collect();
    view! {
        <Title text=s.title.clone() />
        <div class="page-heading">
            <h1>{s.title.clone()}</h1>
            <span class=if ended { "badge" } else { "badge badge-live" }>{s.status.label()}</span>
        </div>
        {note
            .map(|n| {
                view! {
                    <p class="done-note" role="status">
                        {n}
                    </p>
                }
            })}
        <ErrorSummary error />
        <section class="brief-section" aria-labelledby="schedule-heading">
            <h2 id="schedule-heading">"Schedule"</h2>
            <dl class="summary">
                <dt>"Repeats"</dt>
                <dd>{s.recurrence.describe()}</dd>
                <dt>"First start"</dt>
                <dd>
                    {format!("{first_start} ({}), {} minutes", s.time_zone, s.duration_minutes)}
                </dd>
                <dt>"Ends on"</dt>
                <dd>{s.ended_on.unwrap_or(s.ends_on).strftime("%a %-d %b %Y").to_string()}</dd>
                <dt>"Circulates"</dt>
                <dd>
                    {if s.auto_circulate {
                        "By itself, at the lead time the norms ask for"
                    } else {
                        "When you circulate each occurrence"
                    }}
                </dd>
                <dt>"Skipped"</dt>
                <dd>
                    {if skipped.is_empty() { "No date".to_owned() } else { skipped.join("; ") }}
                </dd>
            </dl>
            <p>
                <a href=format!("/api/v1/series/{id}/calendar.ics")>"Calendar entry (.ics)"</a>
            </p>
        </section>
        <section class="brief-section" aria-labelledby="next-heading">
            <h2 id="next-heading">"Next occurrence"</h2>
            {match &s.next {
                Some(next) => {
                    view! {
                        <p>
                            <a href=format!(
                                "/meetings/{}",
                                next.meeting_id,
                            )>{next.occurrence_date.strftime("%a %-d %b %Y").to_string()}</a>
                            {format!(" · {}", next.status.label())}
                        </p>
                    }
                        .into_any()
                }
                None if ended => view! { <p>"None: the series has ended."</p> }.into_any(),
                None => view! { <p>"Made when the current one is over or decided."</p> }.into_any(),
            }}
        </section>
        <section class="brief-section advice" aria-labelledby="advice-heading">
            <h2 id="advice-heading">"Advice"</h2>
            <p class=format!("advice-{}", advice.kind.as_str())>
                <strong>{advice.kind.label()}</strong>
                ": "
                {advice.message.clone()}
            </p>
        </section>
        <section class="brief-section" aria-labelledby="history-heading">
            <h2 id="history-heading">"History"</h2>
            {if history.is_empty() {
                view! { <p class="empty">"No occurrence is over yet."</p> }.into_any()
            } else {
                view! {
                    <table class="history">
                        <caption class="visually-hidden">
                            "Occurrences that are over, newest first"
                        </caption>
                        <thead>
                            <tr>
                                <th scope="col">"Date"</th>
                                <th scope="col">"Status"</th>
                                <th scope="col">"Verdict"</th>
                                <th scope="col">"Attendee-hours"</th>
                            </tr>
                        </thead>
                        <tbody>
                            {history
                                .iter()
                                .map(|h| {
                                    view! {
                                        <tr>
                                            <td>
                                                <a href=format!(
                                                    "/meetings/{}",
                                                    h.meeting_id,
                                                )>
                                                    {h.occurrence_date.strftime("%a %-d %b %Y").to_string()}
                                                </a>
                                            </td>
                                            <td>{h.status.label()}</td>
                                            <td>{h.verdict.label()}</td>
                                            <td>{format!("{:.1}", h.attendee_hours)}</td>
                                        </tr>
                                    }
                                })
                                .collect_view()}
                        </tbody>
                    </table>
                }
                    .into_any()
            }}
        </section>
        {(organizer && !ended)
            .then(|| {
                let dates = upcoming.clone();
                let first = dates.first().map(|(d, _)| d.clone()).unwrap_or_default();
                view! {
                    <section class="settings-section" aria-labelledby="skip-heading">
                        <h2 id="skip-heading">"Skip a date"</h2>
                        {if dates.is_empty() {
                            view! { <p>"No date is left to skip."</p> }.into_any()
                        } else {
                            view! {
                                <ActionForm action=skip>
                                    <ReturnHere />
                                    <input type="hidden" name="id" value=id.to_string() />
                                    <SelectField
                                        error
                                        id="date"
                                        name="date"
                                        label="Date"
                                        hint="A made occurrence is cancelled, and everyone's calendar told"
                                        options=dates
                                        selected=first
                                    />
                                    <button type="submit" class="button secondary">
                                        "Skip this date"
                                    </button>
                                </ActionForm>
                            }
                                .into_any()
                        }}
                    </section>
                    <section class="settings-section" aria-labelledby="end-heading">
                        <h2 id="end-heading">"End the series"</h2>
                        <p>
                            "No occurrence is made after today; the next one is cancelled unless it is circulating. The history stays."
                        </p>
                        <ActionForm action=end>
                            <ReturnHere />
                            <input type="hidden" name="id" value=id.to_string() />
                            <button type="submit" class="button danger">
                                "End the series"
                            </button>
                        </ActionForm>
                    </section>
                }
            })}
    }
}
