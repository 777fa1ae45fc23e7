//! `/meetings/{id}/verdict`: could this meeting be async? The verdict in words, its reasons as a
//! chart, the cost before and after, the working hours, the rooms, the focus list, and the
//! organizer's three one-click actions. Everything is drawn on the server (SVG included).

use crate::api::verdict::{DecideMeeting, get_verdict_page};
use crate::components::{ErrorSummary, ReturnHere, successes};
use crate::error::AppError;
use crate::model::outcome::{Decision, VerdictPage as PageData};
use crate::model::{AttendeeId, MeetingStatus};
use crate::pages::{NotFoundPage, SignInPrompt, meeting_id};
use crate::verdict::{Cost, DayHours, Direction, FocusEntry, Reason, Span, Verdict, VerdictKind};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn VerdictPage() -> impl IntoView {
    let meeting = meeting_id();
    let decide = ServerAction::<DecideMeeting>::new();
    let decided = successes(decide);
    let page = Resource::new(
        move || (meeting(), decided.get()),
        |(id, _)| async move {
            match id {
                Some(id) => get_verdict_page(id).await,
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
                    Ok(p) => view! { <Verdicts page=p decide /> }.into_any(),
                    Err(AppError::Unauthenticated) => {
                        view! { <SignInPrompt what="see the verdict" /> }.into_any()
                    }
                    Err(_) => view! { <NotFoundPage /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The verdict as a small coloured label, for the dashboard and the brief.
#[component]
pub fn VerdictBadge(verdict: VerdictKind) -> impl IntoView {
    view! { <span class=format!("verdict-badge {}", verdict.as_str())>{verdict.label()}</span> }
}

#[component]
fn Verdicts(page: PageData, decide: ServerAction<DecideMeeting>) -> impl IntoView {
    let PageData {
        meeting_id,
        title,
        status,
        time_zone,
        organizer,
        verdict,
        names,
        day,
        outcome,
        meeting_count,
    } = page;
    let error = Signal::derive(move || decide.value().get().and_then(Result::err));
    let name = move |id: &AttendeeId| {
        names
            .iter()
            .find(|(n, _)| n == id)
            .map(|(_, s)| s.clone())
            .unwrap_or_default()
    };
    let Verdict {
        verdict: kind,
        summary,
        reasons,
        cost,
        actions,
        breakout_rooms,
        focus,
        shared_window,
    } = verdict;
    let open_to_decide = organizer && status != MeetingStatus::Cancelled;
    view! {
        <Title text=format!("Verdict: {title}") />
        <p class="crumbs">
            <a href=format!("/meetings/{meeting_id}")>{title.clone()}</a>
            " › Verdict"
        </p>
        <h1>"Could this be async?"</h1>
        <section class=format!("verdict-card {}", kind.as_str()) aria-labelledby="verdict-heading">
            <h2 id="verdict-heading">
                <VerdictBadge verdict=kind />
            </h2>
            <p class="lead">{summary}</p>
            <ul class="plain">
                {actions.into_iter().map(|a| view! { <li>{a.message}</li> }).collect_view()}
            </ul>
        </section>
        <ErrorSummary error />
        {open_to_decide
            .then(|| {
                view! {
                    <Actions
                        meeting=meeting_id
                        recommended=kind
                        shorten_to=cost.suggested_minutes
                        decide
                    />
                }
            })}
        {outcome
            .map(|o| {
                view! {
                    <section class="brief-section outcome-record" aria-labelledby="outcome-heading">
                        <div class="section-heading">
                            <h2 id="outcome-heading">"Outcome record"</h2>
                            <a
                                class="change-link"
                                href=format!("/api/v1/meetings/{meeting_id}/outcome.md")
                                download=""
                            >
                                "Download as Markdown"
                            </a>
                        </div>
                        <div class="prose" inner_html=o.html.into_string()></div>
                    </section>
                }
            })}
        <ReasonsChart reasons />
        <CostTable cost />
        {day
            .map(|d| {
                view! { <HoursChart day=d shared=shared_window time_zone meeting=meeting_count /> }
            })}
        {breakout_rooms
            .map(|rooms| {
                view! {
                    <section class="brief-section" aria-labelledby="rooms-heading">
                        <h2 id="rooms-heading">"Breakout rooms"</h2>
                        <ol class="rooms">
                            {rooms
                                .into_iter()
                                .map(|room| {
                                    let people: Vec<String> = room.iter().map(&name).collect();
                                    view! { <li>{people.join(", ")}</li> }
                                })
                                .collect_view()}
                        </ol>
                    </section>
                }
            })}
        <FocusList meeting=meeting_id focus />
    }
    .into_any()
}

#[component]
fn Actions(
    meeting: crate::model::MeetingId,
    recommended: VerdictKind,
    shorten_to: u32,
    decide: ServerAction<DecideMeeting>,
) -> impl IntoView {
    let choices = [
        (
            Decision::Cancel,
            "Cancel and go async".to_owned(),
            VerdictKind::Cancel,
        ),
        (
            Decision::Shorten,
            format!("Shorten to {shorten_to} minutes"),
            VerdictKind::Shorten,
        ),
        (Decision::Hold, "Hold it".to_owned(), VerdictKind::Hold),
    ];
    view! {
        <section class="brief-section" aria-labelledby="act-heading">
            <h2 id="act-heading">"Act on it"</h2>
            <p class="hint">
                "Each writes the outcome record and shows it to everyone invited, informed people included."
            </p>
            <div class="my-state">
                {choices
                    .into_iter()
                    .filter(|(d, ..)| {
                        *d != Decision::Shorten || recommended == VerdictKind::Shorten
                    })
                    .map(|(d, label, kind)| {
                        view! {
                            <ActionForm action=decide attr:class="inline-form">
                                <ReturnHere />
                                <input type="hidden" name="meeting" value=meeting.to_string() />
                                <input type="hidden" name="decision" value=d.as_str() />
                                <button
                                    type="submit"
                                    class=if kind == recommended {
                                        "button"
                                    } else {
                                        "button secondary"
                                    }
                                >
                                    {label}
                                </button>
                            </ActionForm>
                        }
                    })
                    .collect_view()}
            </div>
        </section>
    }
}

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
        _ => "Other",
    }
}

/// The reasons as bars: async to the left of the axis, live and blocking to the right.
#[component]
fn ReasonsChart(reasons: Vec<Reason>) -> impl IntoView {
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
fn CostTable(cost: Cost) -> impl IntoView {
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
                    <tr>
                        <th scope="row">"Money (hourly rate × hours)"</th>
                        <td>{money(cost.planned_money)}</td>
                        <td>{money(cost.suggested_money)}</td>
                    </tr>
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
fn HoursChart(
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
            <ul class="plain hint">
                {day
                    .people
                    .into_iter()
                    .map(|p| {
                        view! {
                            <li>
                                {format!(
                                    "{}: {} to {} here ({})",
                                    p.name,
                                    clock(p.span.start),
                                    clock(p.span.end),
                                    p.zone,
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

#[component]
fn FocusList(
    meeting: crate::model::MeetingId,
    focus: Vec<FocusEntry>,
    #[prop(default = "Focus list")] heading: &'static str,
) -> impl IntoView {
    (!focus.is_empty()).then(|| {
        view! {
            <section class="brief-section" aria-labelledby="focus-heading">
                <h2 id="focus-heading">{heading}</h2>
                <ul class="plain">
                    {focus
                        .into_iter()
                        .map(|f| {
                            let href = match (f.preread_id, f.comment_id) {
                                (Some(p), Some(c)) => {
                                    format!("/meetings/{meeting}/prereads/{p}#thread-{c}")
                                }
                                _ => format!("/meetings/{meeting}/agenda"),
                            };
                            view! {
                                <li>
                                    <span class="tag">{f.label}</span>
                                    " "
                                    <a href=href>{f.text}</a>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </section>
        }
    })
}

/// The brief's verdict box: the badge, the summary, a link to the reasons, and the outcome
/// record once the organizer has decided.
#[component]
pub fn VerdictSummary(meeting: crate::model::MeetingId) -> impl IntoView {
    let page = Resource::new(|| (), move |_| get_verdict_page(meeting));
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                page.await
                    .ok()
                    .map(|p| {
                        view! {
                            <section
                                class=format!("verdict-card {}", p.verdict.verdict.as_str())
                                aria-labelledby="brief-verdict-heading"
                            >
                                <h2 id="brief-verdict-heading">
                                    "Could this be async? "
                                    <VerdictBadge verdict=p.verdict.verdict />
                                </h2>
                                <p>{p.verdict.summary.clone()}</p>
                                <a href=format!(
                                    "/meetings/{meeting}/verdict",
                                )>"See the reasons and the cost"</a>
                            </section>
                            {(p.status == MeetingStatus::Held)
                                .then(|| {
                                    view! {
                                        <FocusList
                                            meeting
                                            focus=p.verdict.focus.clone()
                                            heading="Start the meeting with"
                                        />
                                    }
                                })}
                            {p
                                .outcome
                                .map(|o| {
                                    view! {
                                        <section
                                            class="brief-section outcome-record"
                                            aria-labelledby="brief-outcome-heading"
                                        >
                                            <div class="section-heading">
                                                <h2 id="brief-outcome-heading">"Outcome record"</h2>
                                                <a
                                                    class="change-link"
                                                    href=format!("/api/v1/meetings/{meeting}/outcome.md")
                                                    download=""
                                                >
                                                    "Download as Markdown"
                                                </a>
                                            </div>
                                            <div class="prose" inner_html=o.html.into_string()></div>
                                        </section>
                                    }
                                })}
                        }
                    })
            })}
        </Suspense>
    }
}
