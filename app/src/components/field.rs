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
