//! The brief's first step, what the meeting is for, when, and what it costs; and
//! `/meetings/{id}/purpose`, where it is changed later.

use crate::api::meetings::{SavePurpose, time_zones};
use crate::components::{
    BriefSteps, ErrorSummary, ReturnHere, SelectField, Step, TextArea, TextField, use_kept,
};
use crate::error::AppError;
use crate::islands::{InformNudge, PurposeExplanation};
use crate::model::forms::PurposeForm;
use crate::model::meeting::TITLE_MAX;
use crate::model::{MeetingId, PurposeKind};
use crate::pages::verdict_preview::VerdictPreview;
use crate::pages::{current_brief, error_page};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;

/// `/meetings/{id}/purpose`: changing the purpose later.
#[component]
pub fn PurposePage() -> impl IntoView {
    let brief = current_brief();
    let zones = Resource::new(|| (), |_| time_zones());
    view! {
        <Title text="Purpose" />
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let zones = zones.await.unwrap_or_default();
                match brief.await {
                    Ok(b) if b.meeting.viewer.organizer => {
                        let breaches = b.meeting.norm_breaches.clone();
                        let series = b.series.clone().filter(|s| s.organizer);
                        view! {
                            <PurposeStep
                                id=Some(b.meeting.id)
                                initial=b.purpose_form
                                zones
                                breaches
                                teams=Vec::new()
                                series
                            />
                        }
                            .into_any()
                    }
                    Err(e) => error_page(e, "change this meeting"),
                    Ok(_) => error_page(AppError::Forbidden, "change this meeting"),
                }
            })}
        </Suspense>
    }
}

#[component]
pub(super) fn PurposeStep(
    id: Option<MeetingId>,
    initial: PurposeForm,
    zones: Vec<String>,
    breaches: Vec<crate::model::team::NormBreach>,
    /// On a new meeting, the caller's teams to choose from (none: no choice to make).
    teams: Vec<crate::model::team::TeamSummary>,
    /// On an occurrence of a series its caller organizes: the choice to change the series too.
    #[prop(default = None)]
    series: Option<crate::model::series::SeriesLine>,
) -> impl IntoView {
    let action = ServerAction::<SavePurpose>::new();
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    let form = use_kept::<PurposeForm>(SavePurpose::PATH).unwrap_or(initial);
    let kinds = PurposeKind::ALL
        .into_iter()
        .map(|k| (k.as_str().to_owned(), k.label().to_owned()))
        .collect();
    let zone_options = zones
        .into_iter()
        .map(|z| (z.clone(), z.replace('_', " ")))
        .collect();
    let heading = if id.is_some() {
        "Purpose"
    } else {
        "New meeting"
    };
    let submit = if id.is_some() {
        "Save and review"
    } else {
        "Save and continue"
    };
    view! {
        <BriefSteps meeting=id current=Step::Purpose />
        <h1>{heading}</h1>
        {id
            .map(|meeting| {
                view! { <crate::components::NormBreaches meeting breaches only="purpose" /> }
            })}
        <ErrorSummary error />
        <ActionForm action>
            <ReturnHere />
            {id.map(|id| view! { <input type="hidden" name="id" value=id.to_string() /> })}
            {(!form.template_id.is_empty())
                .then(|| {
                    view! {
                        <input
                            type="hidden"
                            name="purpose[template_id]"
                            value=form.template_id.clone()
                        />
                    }
                })}
            {series
                .map(|line| {
                    let series_too = form.apply_to == "series";
                    view! {
                        <fieldset class="field radio-group">
                            <legend>"Change"</legend>
                            <div class="radio">
                                <input
                                    type="radio"
                                    id="apply_to_this"
                                    name="purpose[apply_to]"
                                    value="this"
                                    checked=!series_too
                                />
                                <label for="apply_to_this">"This occurrence only"</label>
                            </div>
                            <div class="radio">
                                <input
                                    type="radio"
                                    id="apply_to_series"
                                    name="purpose[apply_to]"
                                    value="series"
                                    checked=series_too
                                />
                                <label for="apply_to_series">
                                    {format!(
                                        "This occurrence and the series “{}” (the occurrences to come)",
                                        line.title,
                                    )}
                                </label>
                            </div>
                        </fieldset>
                    }
                })}
            {(!teams.is_empty())
                .then(|| {
                    let options = std::iter::once((
                            String::new(),
                            "None: my own meeting".to_owned(),
                        ))
                        .chain(teams.into_iter().map(|t| (t.id.to_string(), t.name)))
                        .collect();
                    view! {
                        <SelectField
                            error
                            id="team_id"
                            name="purpose[team_id]"
                            label="Team"
                            hint="A team's meeting is held to the norms its lead set"
                            options
                            selected=form.team_id.clone()
                        />
                    }
                })}
            <TextField
                error
                id="title"
                name="purpose[title]"
                label="Title"
                maxlength=TITLE_MAX
                autocomplete="off"
                value=form.title
            />
            <SelectField
                error
                id="purpose_kind"
                name="purpose[purpose_kind]"
                label="Purpose"
                hint="What must this meeting achieve?"
                options=kinds
                selected=form.purpose_kind.clone()
            />
            <PurposeExplanation kind=form.purpose_kind.clone() />
            <TextArea
                error
                id="outcome"
                name="purpose[outcome]"
                label="Desired outcome"
                hint="Finish the sentence “By the end we will have …”, e.g. “a signed choice between two vendors”"
                value=form.outcome
            />
            <div class="field">
                <TextArea
                    error
                    id="why_live"
                    name="purpose[why_live]"
                    label="Why must it be live? (optional)"
                    hint="What can people only do together, at the same time? Meetings to inform or plan rarely need it."
                    value=form.why_live
                    rows=2
                />
                <InformNudge kind=form.purpose_kind />
            </div>
            <div class="field-row">
                <TextField
                    error
                    id="duration_minutes"
                    name="purpose[duration_minutes]"
                    label="Duration in minutes"
                    kind="number"
                    value=form.duration_minutes
                />
                <TextField
                    error
                    id="starts_at"
                    name="purpose[starts_at]"
                    label="Start (optional)"
                    kind="datetime-local"
                    hint="In the meeting's time zone"
                    value=form.starts_at
                />
            </div>
            <SelectField
                error
                id="time_zone"
                name="purpose[time_zone]"
                label="Time zone"
                hint="Where the meeting's times are set"
                options=zone_options
                selected=form.time_zone
            />
            <TextField
                error
                id="response_deadline"
                name="purpose[response_deadline]"
                label="Response deadline (optional)"
                kind="datetime-local"
                hint="When pre-reads should be read and comments made, in the meeting's time zone"
                value=form.response_deadline
            />
            <TextField
                error
                id="hourly_rate"
                name="purpose[hourly_rate]"
                label="Hourly rate (optional)"
                hint="What an hour of one person's time costs, to put a price on the meeting"
                value=form.hourly_rate
                autocomplete="off"
            />
            <div class="field checkbox">
                <input
                    type="checkbox"
                    id="anonymous"
                    name="purpose[anonymous]"
                    checked=form.anonymous.is_some()
                    aria-describedby="anonymous-hint"
                />
                <label for="anonymous">"Anonymous mode"</label>
                <p class="hint" id="anonymous-hint">
                    "Comments and votes show no author to anyone, you included. Turning it off later never reveals them."
                </p>
            </div>
            <button type="submit" class="button" disabled=move || action.pending().get()>
                {submit}
            </button>
        </ActionForm>
        {id.map(|meeting| view! { <VerdictPreview meeting /> })}
    }
}
