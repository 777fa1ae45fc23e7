//! The verdict beside the brief while the organizer writes it: the engine runs in the browser
//! on the facts the page was rendered with (after the disclosure policy), over what the step's
//! form says now, with no round trip.

use super::use_field;
use crate::model::PurposeKind;
use crate::verdict::{self, Facts};
use leptos::prelude::*;

#[island(lazy)]
pub fn LiveVerdict(meeting: String, facts: Facts) -> impl IntoView {
    let purpose = use_field("purpose[purpose_kind]");
    let duration = use_field("purpose[duration_minutes]");
    let v = Memo::new(move |_| {
        let mut facts = facts.clone();
        if let Some(kind) = purpose.get().and_then(|k| k.parse::<PurposeKind>().ok()) {
            facts.purpose = kind;
        }
        if let Some(minutes) = duration
            .get()
            .and_then(|d| d.trim().parse::<u32>().ok())
            .filter(|d| *d > 0)
        {
            facts.duration_minutes = minutes;
        }
        verdict::decide(&facts)
    });
    view! {
        <p aria-live="polite">
            <span class=move || {
                format!("verdict-badge {}", v.read().verdict.as_str())
            }>{move || v.read().verdict.label()}</span>
            " "
            {move || v.read().summary.clone()}
        </p>
        <p class="hint">
            {move || {
                let c = &v.read().cost;
                format!(
                    "{} as planned, {} as suggested.",
                    verdict::attendee_hours_text(c.planned_attendee_hours),
                    verdict::attendee_hours_text(c.suggested_attendee_hours),
                )
            }}
        </p>
        <a href=format!("/meetings/{meeting}/verdict")>"See the reasons"</a>
    }
}
