//! `/meetings/{id}/verdict`: could this meeting be async? The verdict in words, its reasons as a
//! chart, the cost before and after, the working hours, the rooms, the focus list, and the
//! organizer's three one-click actions. Everything is drawn on the server (SVG included).

use crate::api::verdict::{DecideMeeting, get_verdict_page};
use crate::components::{CalendarLink, ErrorSummary, ReturnHere, VerdictBadge, successes};
use crate::error::AppError;
use crate::model::outcome::Decision;
use crate::model::{AttendeeId, MeetingStatus};
use crate::pages::verdict_charts::{CostTable, HoursChart, ReasonsChart};
use crate::pages::{ActionItems, error_page, meeting_id};
use crate::verdict::VerdictPage as PageData;
use crate::verdict::{ActionKind, FocusEntry, Verdict, VerdictKind};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

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
                    Err(e) => error_page(e, "see the verdict"),
                }
            })}
        </Suspense>
    }
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
        has_start,
    } = page;
    let error = Signal::derive(move || decide.value().get().and_then(Result::err));
    let people = names.clone();
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
    let shorten_words = actions
        .iter()
        .find(|a| a.kind == ActionKind::Shorten)
        .map(|a| a.message.trim_end_matches('.').to_owned())
        .unwrap_or_else(|| "Shorten it".to_owned());
    let shorten_effects: Vec<String> = actions
        .iter()
        .filter(|a| {
            matches!(
                a.kind,
                ActionKind::Shorten | ActionKind::DropAttendees | ActionKind::RemoveItems
            )
        })
        .map(|a| a.message.clone())
        .collect();
    // Once decided, the card says what and when; the verdict as it stands now folds away.
    let decided = outcome.as_ref().map(|o| {
        let zone = jiff::tz::TimeZone::get(&time_zone).unwrap_or(jiff::tz::TimeZone::UTC);
        let when = o.decided_at.to_zoned(zone).strftime("%a %-d %b %Y, %H:%M");
        (o.decision, format!("{when} ({time_zone})"))
    });
    let live = view! {
        <p class="lead">{summary}</p>
        <ul class="plain">
            {actions.into_iter().map(|a| view! { <li>{a.message}</li> }).collect_view()}
        </ul>
    };
    let card = match decided {
        Some((decision, when)) => view! {
            <section class="verdict-card decided" aria-labelledby="verdict-heading">
                <h2 id="verdict-heading">{decision.label()}</h2>
                <p class="lead">
                    {format!(
                        "Decided on {when}. The outcome record below went to everyone invited.",
                    )}
                </p>
                <details>
                    <summary>
                        "The verdict as it stands now: " <VerdictBadge verdict=kind />
                    </summary>
                    {live}
                </details>
            </section>
        }
        .into_any(),
        None => view! {
            <section
                class=format!("verdict-card {}", kind.as_str())
                aria-labelledby="verdict-heading"
            >
                <h2 id="verdict-heading">
                    <VerdictBadge verdict=kind />
                </h2>
                {live}
            </section>
        }
        .into_any(),
    };
    view! {
        <Title text=format!("Verdict: {title}") />
        <p class="crumbs">
            <a href=format!("/meetings/{meeting_id}")>{title.clone()}</a>
            " › Verdict"
        </p>
        <h1>"Could this be async?"</h1>
        {card}
        <ErrorSummary error />
        {open_to_decide
            .then(|| {
                view! {
                    <Actions
                        meeting=meeting_id
                        recommended=kind
                        shorten=shorten_words
                        shorten_effects
                        people=people.clone()
                        decide
                    />
                }
            })}
        {outcome
            .map(|outcome| {
                view! {
                    <OutcomeRecord meeting=meeting_id outcome has_start status />
                    <ActionItems meeting=meeting_id organizer people=people.clone() />
                }
            })}
        <ReasonsChart reasons />
        <CostTable cost organizer />
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
    /// What the shorten button does, as the engine's shorten action says it.
    shorten: String,
    /// What shortening changes, one line each (minutes, people taken off, items removed).
    shorten_effects: Vec<String>,
    /// Who may own an action item written with the decision.
    people: Vec<(AttendeeId, String)>,
    decide: ServerAction<DecideMeeting>,
) -> impl IntoView {
    // Every decision mails the outcome to everyone on the list, so each asks first, on a second
    // step that is a link (`?confirm=hold`), so it works without JavaScript too.
    let confirming = use_query_map().with_untracked(|q| q.get("confirm"));
    let choices = [
        (
            Decision::Cancel,
            "Cancel and go async".to_owned(),
            VerdictKind::Cancel,
        ),
        (Decision::Shorten, shorten, VerdictKind::Shorten),
        (Decision::Hold, "Hold it".to_owned(), VerdictKind::Hold),
    ];
    let owners = people;
    let confirm_form = move |d: Decision, label: String| {
        let owners = owners.clone();
        let effects = match d {
            Decision::Shorten => shorten_effects.clone(),
            Decision::Hold => vec![
                "The meeting is held as planned, with the focus list below.".to_owned(),
                "Everyone invited gets the outcome record now, informed people included."
                    .to_owned(),
            ],
            Decision::Cancel => vec![
                "The meeting is cancelled; its calendar event is withdrawn.".to_owned(),
                "Everyone invited gets the outcome record instead.".to_owned(),
            ],
        };
        view! {
            <div class="confirm" role="group" aria-labelledby="confirm-heading">
                <h3 id="confirm-heading">{format!("{label}?")}</h3>
                <ul>{effects.into_iter().map(|e| view! { <li>{e}</li> }).collect_view()}</ul>
                <ActionForm action=decide attr:class="inline-form">
                    <ReturnHere />
                    <input type="hidden" name="meeting" value=meeting.to_string() />
                    <input type="hidden" name="decision" value=d.as_str() />
                    <DecisionActions people=owners />
                    <button
                        type="submit"
                        class=if d == Decision::Hold { "button" } else { "button danger" }
                    >
                        {format!("Yes, {}", label.to_lowercase())}
                    </button>
                </ActionForm>
                " "
                <a href=format!("/meetings/{meeting}/verdict")>"Keep it as it is"</a>
            </div>
        }
    };
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
                        let class = if kind == recommended { "button" } else { "button secondary" };
                        match d {
                            _ if confirming.as_deref() == Some(d.as_str()) => {
                                confirm_form(d, label).into_any()
                            }
                            _ => {
                                view! {
                                    <a
                                        class=class
                                        href=format!("?confirm={}#act-heading", d.as_str())
                                    >
                                        {label}
                                    </a>
                                }
                                    .into_any()
                            }
                        }
                    })
                    .collect_view()}
            </div>
        </section>
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
                                .map(|outcome| {
                                    let met = matches!(
                                        p.status,
                                        MeetingStatus::Held | MeetingStatus::Shortened
                                    );
                                    view! {
                                        <OutcomeRecord
                                            meeting
                                            outcome
                                            has_start=p.has_start
                                            status=p.status
                                        />
                                        <ActionItems
                                            meeting
                                            organizer=p.organizer
                                            people=p.names.clone()
                                        />
                                        {met
                                            .then(|| {
                                                view! {
                                                    <p>
                                                        <a href=format!(
                                                            "/meetings/{meeting}/feedback",
                                                        )>"Was it worth it?"</a>
                                                    </p>
                                                }
                                            })}
                                    }
                                })}
                        }
                    })
            })}
        </Suspense>
    }
}

/// The written outcome once the organizer has decided, with its Markdown download and the
/// calendar file.
#[component]
fn OutcomeRecord(
    meeting: crate::model::MeetingId,
    outcome: crate::model::outcome::Outcome,
    has_start: bool,
    status: MeetingStatus,
) -> impl IntoView {
    view! {
        <section class="brief-section outcome-record" aria-labelledby="outcome-heading">
            <div class="section-heading">
                <h2 id="outcome-heading">"Outcome record"</h2>
                <span class="downloads">
                    <a
                        class="change-link"
                        href=format!("/api/v1/meetings/{meeting}/outcome.md")
                        download=""
                    >
                        "Download as Markdown"
                    </a>
                    <CalendarLink meeting has_start status class="change-link" />
                </span>
            </div>
            <div class="prose" inner_html=outcome.html.into_string()></div>
        </section>
    }
}

/// Up to two action items written with the decision (blank rows are ignored); more can be
/// added from the outcome record afterwards.
#[component]
fn DecisionActions(people: Vec<(AttendeeId, String)>) -> impl IntoView {
    let rows = [1u8, 2].map(|n| {
        let owners = people.clone();
        view! {
            <div class="action-row" role="group" aria-label=format!("Action item {n}")>
                <div class="field">
                    <label for=format!("a{n}_title")>{format!("Action item {n}: what")}</label>
                    <input id=format!("a{n}_title") name=format!("actions[a{n}_title]") />
                </div>
                <div class="field">
                    <label for=format!("a{n}_owner")>"Who"</label>
                    <select id=format!("a{n}_owner") name=format!("actions[a{n}_owner]")>
                        <option value="">"Choose…"</option>
                        {owners
                            .into_iter()
                            .map(|(id, name)| {
                                view! { <option value=id.to_string()>{name}</option> }
                            })
                            .collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for=format!("a{n}_due")>"Due on"</label>
                    <input id=format!("a{n}_due") type="date" name=format!("actions[a{n}_due]") />
                </div>
            </div>
        }
    });
    view! {
        <fieldset class="decision-actions">
            <legend>"Action items (optional)"</legend>
            {rows.into_iter().collect_view()}
        </fieldset>
    }
}
