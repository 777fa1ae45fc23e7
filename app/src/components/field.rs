//! One labelled form control in the GOV.UK manner: label, optional hint, the field's own error
//! message, then the control, tied together with `aria-describedby`.

use crate::error::AppError;
use leptos::prelude::*;

/// A single-line input. `id` is also the field's name in errors (`AppError::message_for`), so
/// the error summary's `#id` links land on it.
#[component]
pub fn TextField(
    #[prop(into)] error: Signal<Option<AppError>>,
    id: &'static str,
    name: &'static str,
    label: &'static str,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional, into)] value: Option<String>,
    #[prop(optional)] maxlength: Option<usize>,
) -> impl IntoView {
    let message = move || {
        error
            .get()
            .and_then(|e| e.message_for(id).map(str::to_owned))
    };
    let described_by = move || describe(id, hint.is_some(), message().is_some());
    view! {
        <div class="field" class:field-invalid=move || message().is_some()>
            <label for=id>{label}</label>
            {hint
                .map(|hint| {
                    view! {
                        <p class="hint" id=format!("{id}-hint")>
                            {hint}
                        </p>
                    }
                })}
            {move || message().map(|m| view! { <ErrorLine id m /> })}
            <input
                id=id
                name=name
                type=kind
                autocomplete=autocomplete
                value=value
                maxlength=maxlength
                aria-describedby=described_by
                aria-invalid=move || message().is_some().then_some("true")
            />
        </div>
    }
}

/// A multi-line text field.
#[component]
pub fn TextArea(
    #[prop(into)] error: Signal<Option<AppError>>,
    id: &'static str,
    name: &'static str,
    label: &'static str,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(optional, into)] value: Option<String>,
    #[prop(default = 3)] rows: u32,
) -> impl IntoView {
    let value = value.map(rcdata_text);
    let message = move || {
        error
            .get()
            .and_then(|e| e.message_for(id).map(str::to_owned))
    };
    let described_by = move || describe(id, hint.is_some(), message().is_some());
    view! {
        <div class="field" class:field-invalid=move || message().is_some()>
            <label for=id>{label}</label>
            {hint
                .map(|hint| {
                    view! {
                        <p class="hint" id=format!("{id}-hint")>
                            {hint}
                        </p>
                    }
                })}
            {move || message().map(|m| view! { <ErrorLine id m /> })}
            <textarea
                id=id
                name=name
                rows=rows
                aria-describedby=described_by
                aria-invalid=move || message().is_some().then_some("true")
            >
                {value}
            </textarea>
        </div>
    }
}

/// One checkbox of a [`CheckboxGroup`]: its form name, its label, whether it starts ticked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checkbox {
    pub name: String,
    pub label: String,
    pub checked: bool,
}

/// Checkboxes under one legend. `id` names the group in errors; the first box carries it, so
/// the error summary's `#id` link lands on a control that takes focus.
#[component]
pub fn CheckboxGroup(
    #[prop(into)] error: Signal<Option<AppError>>,
    id: &'static str,
    legend: &'static str,
    #[prop(optional)] hint: Option<&'static str>,
    boxes: Vec<Checkbox>,
    /// A hidden field posted with the group, so "none ticked" can be told from "not shown".
    #[prop(optional)]
    marker: Option<String>,
) -> impl IntoView {
    let message = move || {
        error
            .get()
            .and_then(|e| e.message_for(id).map(str::to_owned))
    };
    let described_by = move || describe(id, hint.is_some(), message().is_some());
    view! {
        <fieldset
            class="field checkbox-group"
            class:field-invalid=move || message().is_some()
            aria-describedby=described_by
        >
            <legend>{legend}</legend>
            {marker.map(|name| view! { <input type="hidden" name=name value="1" /> })}
            {hint
                .map(|hint| {
                    view! {
                        <p class="hint" id=format!("{id}-hint")>
                            {hint}
                        </p>
                    }
                })}
            {move || message().map(|m| view! { <ErrorLine id m /> })}
            <div class="checkbox-options">
                {boxes
                    .into_iter()
                    .enumerate()
                    .map(|(i, b)| {
                        let box_id = if i == 0 { id.to_owned() } else { format!("{id}-{i}") };
                        view! {
                            <div class="checkbox">
                                <input
                                    type="checkbox"
                                    id=box_id.clone()
                                    name=b.name
                                    checked=b.checked
                                />
                                <label for=box_id>{b.label}</label>
                            </div>
                        }
                    })
                    .collect_view()}
            </div>
        </fieldset>
    }
}

/// A person's (or the organizer's own) working hours: when the day starts and ends, and the
/// days worked. The time fields are named `start_name` and `end_name`; the day boxes sit under
/// `days_prefix` (`person[days][d1]`), with a hidden marker so "none ticked" can be told from
/// "not shown".
#[component]
pub fn WorkingHours(
    #[prop(into)] error: Signal<Option<AppError>>,
    start_name: &'static str,
    end_name: &'static str,
    days_prefix: &'static str,
    start: String,
    end: String,
    days: crate::model::forms::DaysForm,
) -> impl IntoView {
    let ticked = days.ticked();
    let boxes = crate::model::forms::DaysForm::NAMES
        .iter()
        .zip(1..)
        .map(|(name, n)| Checkbox {
            name: format!("{days_prefix}[days][d{n}]"),
            label: (*name).to_owned(),
            checked: ticked.contains(&n),
        })
        .collect();
    view! {
        <div class="field-row">
            <TextField
                error
                id="work_start"
                name=start_name
                label="Working day starts (optional)"
                kind="time"
                value=start
            />
            <TextField
                error
                id="work_end"
                name=end_name
                label="Working day ends (optional)"
                kind="time"
                value=end
            />
        </div>
        <CheckboxGroup
            error
            id="work_days"
            legend="Working days"
            hint="Prework sends nothing on the other days."
            boxes
            marker=format!("{days_prefix}[days][shown]")
        />
    }
}

/// Text for the inside of `<textarea>` or `<title>`. Leptos' server renderer writes a
/// textarea's children without escaping them (tachys marks the element as raw text), so a stored
/// `</textarea><script>` would end the element and run: on the server, escape what ends it. In
/// the browser the text becomes a DOM text node and must stay as it is.
pub fn rcdata_text(text: String) -> String {
    if cfg!(feature = "ssr") {
        text.replace('&', "&amp;").replace('<', "&lt;")
    } else {
        text
    }
}

#[component]
fn ErrorLine(id: &'static str, m: String) -> impl IntoView {
    view! {
        <p class="field-error" id=format!("{id}-error")>
            <span class="visually-hidden">"Error: "</span>
            {m}
        </p>
    }
}

fn describe(id: &str, hint: bool, error: bool) -> Option<String> {
    let parts: Vec<String> = [
        hint.then(|| format!("{id}-hint")),
        error.then(|| format!("{id}-error")),
    ]
    .into_iter()
    .flatten()
    .collect();
    (!parts.is_empty()).then(|| parts.join(" "))
}
