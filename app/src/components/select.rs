//! A labelled `<select>`, in the manner of [`TextField`](super::TextField).

use crate::error::AppError;
use leptos::prelude::*;

#[component]
pub fn SelectField(
    #[prop(into)] error: Signal<Option<AppError>>,
    id: &'static str,
    name: &'static str,
    label: &'static str,
    #[prop(optional)] hint: Option<&'static str>,
    /// (value, label) pairs, in order.
    options: Vec<(String, String)>,
    #[prop(into)] selected: String,
    /// Called with the new value when the choice changes (once hydrated).
    #[prop(optional)]
    on_change: Option<Callback<String>>,
) -> impl IntoView {
    let message = move || {
        error
            .get()
            .and_then(|e| e.message_for(id).map(str::to_owned))
    };
    let described_by = move || {
        let parts: Vec<String> = [
            hint.map(|_| format!("{id}-hint")),
            message().map(|_| format!("{id}-error")),
        ]
        .into_iter()
        .flatten()
        .collect();
        (!parts.is_empty()).then(|| parts.join(" "))
    };
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
            {move || {
                message()
                    .map(|m| {
                        view! {
                            <p class="field-error" id=format!("{id}-error")>
                                <span class="visually-hidden">"Error: "</span>
                                {m}
                            </p>
                        }
                    })
            }}
            <select
                id=id
                name=name
                aria-describedby=described_by
                aria-invalid=move || message().is_some().then_some("true")
                on:change=move |ev| {
                    if let Some(cb) = on_change {
                        cb.run(event_target_value(&ev));
                    }
                }
            >
                {options
                    .into_iter()
                    .map(|(value, text)| {
                        let is_selected = value == selected;
                        view! {
                            <option value=value selected=is_selected>
                                {text}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}
