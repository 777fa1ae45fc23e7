//! The verdict page's charts, drawn on the server as SVG with a text equivalent beside each:
//! the reasons, the cost, the working hours.

use crate::verdict::{Cost, DayHours, Direction, Reason, Span};
use leptos::prelude::*;

/// The chart's name for a reason's signal.
fn signal_label(signal: &str) -> &'static str {
    match signal {
        "agenda" => "Agenda",
        "decider" => "Decider",
        "time_boxes" => "Time boxes",
        "blockers" => "Blockers",
        "concerns" => "Concerns",
        "decider_split" => "Deciders split",
        "purpose" => "Purpose",
        "resolved_items" => "Resolved items",
        "not_needed" => "Not needed",
        "working_hours" => "Working hours",
        "informed" => "Informed people",
        "missing_reasons" => "Missing reasons",
        "unread_prereads" => "Unread pre-reads",
        "readiness" => "Readiness",
        "invite_size" => "Invite size",
        "meeting_poll" => "“Still meet?” poll",
        "series_scores" => "Series' answers",
        _ => "Other",
    }
}

/// The reasons as bars: async to the left of the axis, live and blocking to the right.
#[component]
pub(super) fn ReasonsChart(reasons: Vec<Reason>) -> impl IntoView {
    const ROW: usize = 30;
    const UNIT: usize = 80;
    let height = (reasons.len() * ROW).max(ROW) + 24;
    let total = |d: Direction| {
        reasons
            .iter()
            .filter(|r| r.direction == d)
            .map(|r| u32::from(r.weight))
            .sum::<u32>()
    };
    let label = format!(
        "Weight of the reasons: {} for async, {} for meeting, {} blocking",
        total(Direction::Async),
        total(Direction::Live),
        total(Direction::Blocking)
    );
    view! {
        <section class="brief-section" aria-labelledby="reasons-heading">
            <h2 id="reasons-heading">"Why"</h2>
            <div class="chart-scroll" tabindex="0" role="group" aria-label="Chart of the reasons">
                <svg
                    class="reasons-chart"
                    viewBox=format!("0 0 640 {height}")
                    role="img"
                    aria-label=label
                >
                    <text x="160" y="14" text-anchor="middle" class="axis-label">
                        "← async"
                    </text>
                    <text x="480" y="14" text-anchor="middle" class="axis-label">
                        "live →"
                    </text>
                    <line x1="320" x2="320" y1="20" y2=height class="axis" />
                    {reasons
                        .iter()
                        .enumerate()
                        .map(|(i, r)| {
                            let y = 24 + i * ROW;
                            let w = usize::from(r.weight) * UNIT;
                            let (x, tx, anchor) = match r.direction {
                                Direction::Async => (320 - w, 326, "start"),
                                _ => (320, 314, "end"),
                            };
                            view! {
                                <rect
                                    x=x
                                    y=y + 4
                                    width=w
                                    height=ROW - 10
                                    rx="3"
                                    class=format!("bar {}", direction(r.direction))
                                />
                                <text x=tx y=y + 19 text-anchor=anchor class="bar-label">
                                    {signal_label(&r.signal)}
                                </text>
                            }
                        })
                        .collect_view()}
                </svg>
            </div>
            <ul class="reasons">
                {reasons
                    .into_iter()
                    .map(|r| {
                        view! {
                            <li class=direction(r.direction)>
                                <span class=format!(
                                    "tag {}",
                                    direction(r.direction),
                                )>{direction(r.direction)}</span>
                                " "
                                {r.message}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}

fn direction(d: Direction) -> &'static str {
    match d {
        Direction::Async => "async",
        Direction::Live => "live",
        Direction::Blocking => "blocking",
    }
}

#[component]
pub(super) fn CostTable(
    cost: Cost,
    /// The money row tells the hourly rate: the organizer's to know, not the attendees'.
    organizer: bool,
) -> impl IntoView {
    let money = |m: Option<f64>| m.map(|m| format!("{m:.2}")).unwrap_or_else(|| "–".into());
    view! {
        <section class="brief-section" aria-labelledby="cost-heading">
            <h2 id="cost-heading">"Cost"</h2>
            <table class="cost">
                <thead>
                    <tr>
                        <th scope="col">""<span class="visually-hidden">"Measure"</span></th>
                        <th scope="col">"As planned"</th>
                        <th scope="col">"As suggested"</th>
                    </tr>
                </thead>
                <tbody>
                    <tr>
                        <th scope="row">"Minutes"</th>
                        <td>{cost.planned_minutes}</td>
                        <td>{cost.suggested_minutes}</td>
                    </tr>
                    <tr>
                        <th scope="row">"Attendee-hours"</th>
                        <td>{format!("{:.2}", cost.planned_attendee_hours)}</td>
                        <td>{format!("{:.2}", cost.suggested_attendee_hours)}</td>
                    </tr>
                    {organizer
                        .then(|| {
                            view! {
                                <tr>
                                    <th scope="row">"Money (hourly rate × hours)"</th>
                                    <td>{money(cost.planned_money)}</td>
                                    <td>{money(cost.suggested_money)}</td>
                                </tr>
                            }
                        })}
                </tbody>
            </table>
            <p class="hint">
                {format!(
                    "Doing it in writing instead: about {:.2} attendee-hours of reading and commenting.",
                    cost.async_attendee_hours,
                )}
            </p>
        </section>
    }
}

/// One band per person on a 24-hour axis of the meeting's zone; the shared window and the
/// meeting's slot marked.
#[component]
pub(super) fn HoursChart(
    day: DayHours,
    shared: Option<Span>,
    time_zone: String,
    meeting: u32,
) -> impl IntoView {
    const LEFT: i32 = 150;
    const ROW: i32 = 26;
    let x = |minutes: i32| LEFT + minutes.clamp(0, 1440) / 2;
    let rows = day.people.len() as i32;
    let height = 30 + rows * ROW;
    let band = move |s: Span, y: i32, h: i32, class: &'static str| {
        let (a, b) = (x(s.start), x(s.end));
        view! { <rect x=a y=y width=(b - a).max(0) height=h class=class /> }
    };
    let caption = match shared {
        _ if meeting < 2 => {
            "Fewer than two people would meet, so there are no working hours to share.".to_owned()
        }
        Some(w) => format!(
            "Everyone who would meet shares {} to {} ({time_zone}) on {}.",
            clock(w.start),
            clock(w.end),
            day.date
        ),
        None => format!(
            "The people who would meet share no working hours on {} ({time_zone}).",
            day.date
        ),
    };
    view! {
        <section class="brief-section" aria-labelledby="hours-heading">
            <h2 id="hours-heading">"Working hours"</h2>
            <p>{caption.clone()}</p>
            <div
                class="chart-scroll"
                tabindex="0"
                role="group"
                aria-label="Chart of the working hours"
            >
                <svg
                    class="hours-chart"
                    viewBox=format!("0 0 {} {height}", LEFT + 730)
                    role="img"
                    aria-label=caption
                >
                    {(0..=8)
                        .map(|i| {
                            let minutes = i * 180;
                            view! {
                                <line x1=x(minutes) x2=x(minutes) y1="18" y2=height class="tick" />
                                <text x=x(minutes) y="12" text-anchor="middle" class="axis-label">
                                    {format!("{:02}", minutes / 60)}
                                </text>
                            }
                        })
                        .collect_view()}
                    {shared.map(|w| band(w, 18, height - 18, "shared"))}
                    {day.slot.map(|s| band(s, 18, height - 18, "slot"))}
                    {day
                        .people
                        .iter()
                        .enumerate()
                        .map(|(i, p)| {
                            let y = 24 + i as i32 * ROW;
                            view! {
                                <text x="0" y=y + 14 class="bar-label">
                                    {p.name.clone()}
                                </text>
                                {band(p.span, y, ROW - 8, "band")}
                            }
                        })
                        .collect_view()}
                </svg>
            </div>
            <ul class="plain hint">
                {day
                    .people
                    .into_iter()
                    .map(|p| {
                        view! {
                            <li>
                                {format!(
                                    "{} ({}): {} to {} their time, {} to {} meeting time",
                                    p.name,
                                    p.zone,
                                    p.their_clock(p.span.start),
                                    p.their_clock(p.span.end),
                                    clock(p.span.start),
                                    clock(p.span.end),
                                )}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}

/// "09:30", or "21:00 the day before" for a time off this day.
fn clock(minutes: i32) -> String {
    let hm = |m: i32| format!("{:02}:{:02}", m.rem_euclid(1440) / 60, m.rem_euclid(60));
    match minutes {
        m if m < 0 => format!("{} the day before", hm(m)),
        m if m > 1440 => format!("{} the next day", hm(m)),
        m => hm(m),
    }
}
