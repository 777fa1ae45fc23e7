//! The agenda's total as the new item's minutes are typed.

use super::use_field;
use leptos::prelude::*;

#[island(lazy)]
pub fn AgendaProjection(planned: u32, duration: u32, typed: u32) -> impl IntoView {
    let minutes = use_field("item[minutes]");
    let text = move || {
        let typed = minutes
            .get()
            .map(|m| m.trim().parse::<u32>().unwrap_or(0))
            .unwrap_or(typed);
        let with_new = planned + typed;
        if with_new > duration {
            format!(
                "With this item the agenda needs {with_new} minutes, {} more than the meeting's {duration}.",
                with_new - duration,
            )
        } else {
            format!("With this item: {with_new} of {duration} minutes.")
        }
    };
    view! {
        <p class="projection" aria-live="polite">
            {text}
        </p>
    }
}
