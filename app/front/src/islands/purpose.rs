//! The purpose step's hints, following the purpose chosen.

use super::use_field;
use crate::model::PurposeKind;
use leptos::prelude::*;

/// What the chosen purpose means, under the purpose select.
#[island(lazy)]
pub fn PurposeExplanation(kind: String) -> impl IntoView {
    let chosen = use_field("purpose[purpose_kind]");
    let kind = move || {
        chosen
            .get()
            .unwrap_or_else(|| kind.clone())
            .parse::<PurposeKind>()
            .unwrap_or_default()
    };
    view! {
        <p class="purpose-explanation" id="purpose_kind-explanation" aria-live="polite">
            {move || kind().explanation()}
        </p>
    }
}

/// The nudge under "Why must it be live?" for a meeting that only informs.
#[island(lazy)]
pub fn InformNudge(kind: String) -> impl IntoView {
    let chosen = use_field("purpose[purpose_kind]");
    let inform =
        move || chosen.get().unwrap_or_else(|| kind.clone()) == PurposeKind::Inform.as_str();
    view! {
        <p class="nudge-text" aria-live="polite">
            {move || {
                inform()
                    .then_some(
                        "An update is usually better written down. Say why this one needs a meeting.",
                    )
            }}
        </p>
    }
}
