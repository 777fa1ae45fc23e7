//! A page of meetings as the dashboard and a team's page list them, and the link to the next
//! page (a plain link: it works before any WASM arrives).

use crate::model::outcome::VerdictKind;
use crate::model::{MeetingStatus, MeetingSummary};
use leptos::prelude::*;

/// The verdict as a small coloured label, for the dashboard and the brief.
#[component]
pub fn VerdictBadge(verdict: VerdictKind) -> impl IntoView {
    view! { <span class=format!("verdict-badge {}", verdict.as_str())>{verdict.label()}</span> }
}

/// "Show more" to the next page, and back to the first from a later one.
#[component]
pub fn MorePages(base: String, next: Option<String>, later: bool) -> impl IntoView {
    let join = if base.contains('?') { '&' } else { '?' };
    view! {
        <nav class="more-pages" aria-label="More meetings">
            {next
                .map(|c| {
                    view! {
                        <a class="button secondary" href=format!("{base}{join}cursor={c}")>
                            "Show more"
                        </a>
                    }
                })}
            {later.then(|| view! { <a href=base.clone()>"Back to the newest"</a> })}
        </nav>
    }
}

#[component]
pub fn MeetingList(meetings: Vec<MeetingSummary>) -> impl IntoView {
    view! {
        <ul class="meeting-list">
            {meetings
                .into_iter()
                .map(|m| {
                    let people = match m.attendee_count {
                        1 => "1 person".to_owned(),
                        n => format!("{n} people"),
                    };
                    let zone = jiff::tz::TimeZone::get(&m.time_zone)
                        .unwrap_or(jiff::tz::TimeZone::UTC);
                    let start = m
                        .starts_at
                        .map(|t| {
                            format!(
                                "{} ({})",
                                t.to_zoned(zone.clone()).strftime("%a %-d %b, %H:%M"),
                                m.time_zone,
                            )
                        })
                        .unwrap_or_else(|| "not scheduled".to_owned());
                    let decided = matches!(
                        m.status,
                        MeetingStatus::Held | MeetingStatus::Shortened | MeetingStatus::Cancelled
                    );
                    let status = match m.status {
                        MeetingStatus::Held => "Going ahead",
                        MeetingStatus::Shortened => "Going ahead, shortened",
                        other => other.label(),
                    };
                    let verdict = m.verdict.filter(|_| !decided);
                    // in the meeting's own zone, named, as the brief shows it
                    // a decided meeting says what was decided, not a verdict that no longer
                    // applies; a meeting held later says it goes ahead, not that it was held
                    view! {
                        <li class="meeting-list-item">
                            <a href=format!("/meetings/{}", m.id)>{m.title}</a>
                            <span class="meta">
                                {m.purpose_kind.label()} " · " {start} " · " {people} " · "
                                <span class=format!(
                                    "status status-{}",
                                    m.status.as_str(),
                                )>{status}</span>
                                {verdict
                                    .map(|v| {
                                        view! {
                                            " · "
                                            <VerdictBadge verdict=v />
                                        }
                                    })}
                            </span>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}
