//! The brief page's lower half: pre-reads and who read them, the attendee's own readiness,
//! the threads the meeting must deal with, and the polls.

use crate::api::polls::{CastVote, ClosePoll, CreatePoll};
use crate::api::prereads::{SetMyState, get_discussion};
use crate::components::{DoneNote, ReturnHere};
use crate::model::discussion::{Discussion, Readiness};
use crate::model::meeting::PrereadSummary;
use crate::model::{MeetingId, Notifications};
use crate::pages::polls::{NewPoll, PollView};
use leptos::prelude::*;

#[component]
pub fn DiscussionSections(
    meeting: MeetingId,
    prereads: Vec<PrereadSummary>,
    organizer: bool,
) -> impl IntoView {
    // Reference-counted, not owned: a render that outlives the request that began it (a client
    // gone mid-page) still holds a live resource.
    let data = ArcResource::new(|| (), move |_| get_discussion(meeting));
    view! {
        <Suspense fallback=|| ()>
            {move || {
                let prereads = prereads.clone();
                let data = data.clone();
                Suspend::new(async move {
                    data.await
                        .ok()
                        .map(|d| {
                            view! { <Sections meeting prereads organizer data=d /> }
                        })
                })
            }}
        </Suspense>
    }
}

#[component]
fn Sections(
    meeting: MeetingId,
    prereads: Vec<PrereadSummary>,
    organizer: bool,
    data: Discussion,
) -> impl IntoView {
    // The forms' actions are made here, in the owner that renders the forms. Made by
    // `DiscussionSections`, outside this Suspense, they belonged to an owner that a server render
    // (the meeting page's own Suspense resolving) could dispose of while this view was still
    // being resolved: a panic under load ("a reactive value that has already been disposed").
    // Pages are not islands, so nothing here runs in the browser to refetch after an action:
    // a form posts, and the page is rendered again.
    let my_state = ServerAction::<SetMyState>::new();
    let vote = ServerAction::<CastVote>::new();
    let create = ServerAction::<CreatePoll>::new();
    let close = ServerAction::<ClosePoll>::new();
    let Discussion {
        polls,
        readiness,
        mine,
        my_notifications,
        informed,
        open,
    } = data;
    let chosen = my_notifications.unwrap_or_default();
    let read: Vec<_> = mine.as_ref().map(|m| m.0.clone()).unwrap_or_default();
    view! {
        <section class="brief-section" aria-labelledby="prereads-heading">
            <div class="section-heading">
                <h2 id="prereads-heading">"Pre-reads"</h2>
                {organizer
                    .then(|| {
                        view! {
                            <a class="change-link" href=format!("/meetings/{meeting}/prereads/new")>
                                "Add a pre-read"
                            </a>
                        }
                    })}
            </div>
            {if prereads.is_empty() {
                view! { <p class="empty">"No pre-reads yet."</p> }.into_any()
            } else {
                view! {
                    <ul class="prereads">
                        {prereads
                            .into_iter()
                            .map(|p| {
                                let done = read.contains(&p.id);
                                let meta = p.meta();
                                view! {
                                    <li>
                                        <a href=format!(
                                            "/meetings/{meeting}/prereads/{}",
                                            p.id,
                                        )>{p.title}</a>
                                        <span class="meta">
                                            {meta} {done.then_some(" · ✓ read")}
                                        </span>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                    .into_any()
            }}
        </section>
        {readiness.map(|r| view! { <ReadinessView readiness=r /> })}
        {mine
            .map(|(_, ready, not_needed)| {
                view! {
                    <section class="brief-section" id="my-state" aria-labelledby="you-heading">
                        <h2 id="you-heading">
                            {if informed { "You are informed" } else { "Your answer" }}
                        </h2>
                        <p>
                            {match (ready, not_needed) {
                                _ if informed => {
                                    "You are on the list to hear the outcome, not to meet, so there is nothing to answer. Read the brief and the pre-reads if they help; the outcome comes to you once it is decided."
                                }
                                (_, true) => "You said you do not need to be there.",
                                (true, _) => "You said you are ready.",
                                _ => {
                                    "Read the pre-reads, then say whether you are ready, or whether you need to be there at all."
                                }
                            }}
                        </p>
                        <DoneNote when="ready" text="Noted: you are ready." />
                        <DoneNote when="not-ready" text="Noted: you are not ready yet." />
                        <DoneNote when="not-needed" text="Noted: you don't need to be there." />
                        <DoneNote when="needed" text="Noted: you do need to be there." />
                        <DoneNote when="messages" text="Your choice of messages is saved." />
                        <div class="my-state" hidden=informed>
                            <ActionForm action=my_state attr:class="inline-form">
                                <ReturnHere />
                                <input type="hidden" name="meeting" value=meeting.to_string() />
                                <input type="hidden" name="ready" value=(!ready).to_string() />
                                <button type="submit" class="button">
                                    {if ready { "I'm not ready after all" } else { "I'm ready" }}
                                </button>
                            </ActionForm>
                            <ActionForm action=my_state attr:class="inline-form">
                                <ReturnHere />
                                <input type="hidden" name="meeting" value=meeting.to_string() />
                                <input
                                    type="hidden"
                                    name="not_needed"
                                    value=(!not_needed).to_string()
                                />
                                <button type="submit" class="button secondary">
                                    {if not_needed {
                                        "I do need to be there"
                                    } else {
                                        "I don't need to be there"
                                    }}
                                </button>
                            </ActionForm>
                        </div>
                        <ActionForm action=my_state attr:class="inline-form">
                            <ReturnHere />
                            <input type="hidden" name="meeting" value=meeting.to_string() />
                            <label for="notifications">"Messages about this meeting"</label>
                            <select id="notifications" name="notifications">
                                {Notifications::ALL
                                    .into_iter()
                                    .map(|n| {
                                        let label = match n {
                                            Notifications::All => {
                                                "Everything: invitation, reminder, digest, outcome"
                                            }
                                            Notifications::Digest => "No reminders: digest and outcome",
                                            Notifications::OutcomeOnly => "Only the outcome",
                                        };
                                        view! {
                                            <option value=n.as_str() selected=n == chosen>
                                                {label}
                                            </option>
                                        }
                                    })
                                    .collect_view()}
                            </select>
                            <button type="submit" class="button secondary">
                                "Save"
                            </button>
                        </ActionForm>
                    </section>
                }
            })}
        {(!open.is_empty())
            .then(|| {
                view! {
                    <section class="brief-section" aria-labelledby="open-heading">
                        <h2 id="open-heading">"Open threads"</h2>
                        <ul class="plain">
                            {open
                                .into_iter()
                                .map(|(pid, title, c)| {
                                    view! {
                                        <li>
                                            <span class=format!(
                                                "tag {}",
                                                c.kind.as_str(),
                                            )>{c.kind.label()}</span>
                                            " "
                                            <a href=format!(
                                                "/meetings/{meeting}/prereads/{pid}#thread-{}",
                                                c.id,
                                            )>{c.body}</a>
                                            <span class="meta">{format!(" · {title}")}</span>
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    </section>
                }
            })}
        <section class="brief-section" aria-labelledby="polls-heading">
            <h2 id="polls-heading">"Polls"</h2>
            {polls
                .into_iter()
                .map(|p| {
                    view! {
                        <PollView
                            poll=p
                            vote
                            can_vote=!organizer && !informed
                            close=organizer.then_some(close)
                        />
                    }
                })
                .collect_view()}
            {organizer.then(|| view! { <NewPoll meeting create /> })}
        </section>
    }
}

/// Who has read what, as progress bars, and where each person stands.
#[component]
fn ReadinessView(readiness: Readiness) -> impl IntoView {
    view! {
        <section class="brief-section" aria-labelledby="readiness-heading">
            <h2 id="readiness-heading">"Readiness"</h2>
            <ul class="progress-list">
                {readiness
                    .prereads
                    .into_iter()
                    .map(|p| {
                        let label = format!(
                            "{}: read by {} of {} who would meet",
                            p.title,
                            p.read,
                            p.of,
                        );
                        view! {
                            <li>
                                <span>{label.clone()}</span>
                                <progress max=p.of.max(1) value=p.read aria-label=label></progress>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
            <table class="people-table">
                <caption class="visually-hidden">"Readiness by person"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Person"</th>
                        <th scope="col">"Required pre-reads read"</th>
                        <th scope="col">"Answer"</th>
                    </tr>
                </thead>
                <tbody>
                    {readiness
                        .people
                        .into_iter()
                        .map(|p| {
                            view! {
                                <tr>
                                    <td>
                                        {format!("{} ({})", p.name, p.role.label().to_lowercase())}
                                    </td>
                                    <td>
                                        {format!("{} of {}", p.required_read, p.required_total)}
                                    </td>
                                    <td>
                                        {match (p.ready, p.not_needed) {
                                            (_, true) => "not needed",
                                            (true, _) => "ready",
                                            _ => "no answer yet",
                                        }}
                                    </td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </section>
    }
}
