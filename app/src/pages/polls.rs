//! Polls on the meeting page: the question with its tally (when the organizer shows it), the
//! ballot, and the organizer's form for a new poll.

use crate::api::polls::{CastVote, ClosePoll, CreatePoll};
use crate::components::{DoneNote, ErrorSummary, ReturnHere, TextArea, TextField, use_kept};
use crate::model::forms::PollForm;
use crate::model::{MeetingId, Poll};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

#[component]
pub(super) fn PollView(
    poll: Poll,
    vote: ServerAction<CastVote>,
    can_vote: bool,
    /// The organizer's: a poll without a deadline that hides its results could never close.
    close: Option<ServerAction<ClosePoll>>,
) -> impl IntoView {
    let total: u32 = poll.tally.as_ref().map(|t| t.iter().sum()).unwrap_or(0);
    let id = poll.id;
    let group = format!("poll-{id}");
    let (anchor, heading) = (group.clone(), format!("{group}-q"));
    let open = !poll.closed;
    view! {
        <div class="poll" id=anchor>
            <h3 id=heading>{poll.question.clone()}</h3>
            <DoneNote when=format!("vote-{id}") text="Your vote is saved." />
            <p class="meta">
                {if poll.closed { "Closed" } else { "Open" }}
                {poll.anonymous.then_some(" · anonymous")}
                {(poll.tally.is_none()).then_some(" · results shown when it closes")}
            </p>
            {poll
                .tally
                .clone()
                .map(|tally| {
                    view! {
                        <ul class="progress-list">
                            {poll
                                .options
                                .iter()
                                .zip(tally)
                                .map(|(option, n)| {
                                    let label = format!("{option}: {n} of {total}");
                                    view! {
                                        <li>
                                            <span>{label.clone()}</span>
                                            <progress
                                                max=total.max(1)
                                                value=n
                                                aria-label=label
                                            ></progress>
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    }
                })}
            {(!poll.reasons.is_empty())
                .then(|| {
                    view! {
                        <details class="vote-reasons">
                            <summary>
                                {format!(
                                    "{} reason{} given",
                                    poll.reasons.len(),
                                    if poll.reasons.len() == 1 { "" } else { "s" },
                                )}
                            </summary>
                            <ul>
                                {poll
                                    .reasons
                                    .iter()
                                    .map(|r| {
                                        let option = poll
                                            .options
                                            .get(r.option as usize)
                                            .cloned()
                                            .unwrap_or_default();
                                        view! {
                                            <li>
                                                <strong>{option}</strong>
                                                ": "
                                                {r.reason.clone()}
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                        </details>
                    }
                })}
            {close
                .filter(|_| open)
                .map(|close| {
                    view! {
                        <ActionForm action=close attr:class="inline-form">
                            <ReturnHere />
                            <input type="hidden" name="poll" value=id.to_string() />
                            <button type="submit" class="button secondary">
                                "Close this poll now"
                                <span class="visually-hidden">
                                    {format!(": {}", poll.question)}
                                </span>
                            </button>
                        </ActionForm>
                    }
                })}
            {(can_vote && open)
                .then(|| {
                    view! {
                        <ActionForm action=vote>
                            <ReturnHere />
                            <input type="hidden" name="poll" value=id.to_string() />
                            <fieldset>
                                <legend>
                                    {if poll.my_vote.is_some() {
                                        "Change your vote"
                                    } else {
                                        "Your vote"
                                    }}
                                </legend>
                                {poll
                                    .options
                                    .iter()
                                    .enumerate()
                                    .map(|(i, option)| {
                                        let input_id = format!("{group}-{i}");
                                        view! {
                                            <div class="radio">
                                                <input
                                                    type="radio"
                                                    id=input_id.clone()
                                                    name="option"
                                                    value=i.to_string()
                                                    checked=poll.my_vote == Some(i as u32)
                                                />
                                                <label for=input_id>{option.clone()}</label>
                                            </div>
                                        }
                                    })
                                    .collect_view()}
                            </fieldset>
                            <label for=format!("{group}-reason")>"Why? (optional)"</label>
                            <input
                                type="text"
                                id=format!("{group}-reason")
                                name="reason"
                                value=poll.my_reason.clone().unwrap_or_default()
                            />
                            <button type="submit" class="button secondary">
                                "Vote"
                            </button>
                        </ActionForm>
                    }
                })}
        </div>
    }
}

#[component]
pub(super) fn NewPoll(meeting: MeetingId, create: ServerAction<CreatePoll>) -> impl IntoView {
    let error = Signal::derive(move || create.value().get().and_then(Result::err));
    let form = use_kept::<PollForm>(CreatePoll::PATH).unwrap_or_default();
    let reopened = form != PollForm::default();
    view! {
        <details class="new-poll" open=reopened>
            <summary>"Ask a question"</summary>
            <ErrorSummary error />
            <ActionForm action=create>
                <ReturnHere />
                <input type="hidden" name="meeting" value=meeting.to_string() />
                <TextField
                    error
                    id="question"
                    name="poll[question]"
                    label="Question"
                    value=form.question
                    autocomplete="off"
                />
                <TextArea
                    error
                    id="options"
                    name="poll[options]"
                    label="Options"
                    hint="One per line, two to twenty"
                    value=form.options
                    rows=3
                />
                <TextField
                    error
                    id="closes_at"
                    name="poll[closes_at]"
                    label="Closes (optional)"
                    kind="datetime-local"
                    hint="In the meeting's time zone"
                    value=form.closes_at
                />
                <div class="field checkbox">
                    <input
                        type="checkbox"
                        id="hide_results"
                        name="poll[hide_results]"
                        checked=form.hide_results.is_some()
                    />
                    <label for="hide_results">"Hide results until it closes"</label>
                </div>
                <div class="field checkbox">
                    <input
                        type="checkbox"
                        id="poll_anonymous"
                        name="poll[anonymous]"
                        checked=form.anonymous.is_some()
                    />
                    <label for="poll_anonymous">"Anonymous votes"</label>
                </div>
                <button type="submit" class="button secondary">
                    "Add the poll"
                </button>
            </ActionForm>
        </details>
    }
}
