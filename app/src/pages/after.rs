//! After the meeting: its action items (listed with the outcome; added by the organizer, marked
//! done by their owner from their personal link) and `/meetings/{id}/feedback`, "Was it worth
//! it?". Every form is a plain POST, so all of it works before the WASM arrives.

use crate::api::followup::{
    AddAction, GiveFeedback, SetActionDone, get_actions, get_feedback_page,
};
use crate::components::{
    DoneNote, ErrorSummary, ReturnHere, SelectField, TextArea, TextField, successes,
};
use crate::error::AppError;
use crate::model::AttendeeId;
use crate::model::MeetingId;
use crate::model::feedback::{Better, FeedbackPage as PageData, FeedbackSummary, OwnFeedback};
use crate::pages::{error_page, meeting_id};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The meeting's action items: each with its owner and due date, a done button for its owner
/// (and the organizer), and the organizer's form to add one.
#[component]
pub fn ActionItems(
    meeting: MeetingId,
    organizer: bool,
    /// The people on the meeting, who may own an item.
    people: Vec<(AttendeeId, String)>,
) -> impl IntoView {
    let add = ServerAction::<AddAction>::new();
    let done = ServerAction::<SetActionDone>::new();
    let (added, toggled) = (successes(add), successes(done));
    let items = Resource::new(
        move || (added.get(), toggled.get()),
        move |_| get_actions(meeting),
    );
    let error = Signal::derive(move || {
        add.value()
            .get()
            .and_then(Result::err)
            .or_else(|| done.value().get().and_then(Result::err))
    });
    let owners: Vec<(String, String)> = std::iter::once((String::new(), "Choose…".to_owned()))
        .chain(
            people
                .iter()
                .map(|(id, name)| (id.to_string(), name.clone())),
        )
        .collect();
    view! {
        <section class="brief-section" id="actions" aria-labelledby="actions-heading">
            <h2 id="actions-heading">"Action items"</h2>
            <DoneNote when="action_added" text="The action item is added; its owner is told." />
            <ErrorSummary error />
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    match items.await {
                        Ok((list, me)) if list.is_empty() => {
                            let _ = me;
                            view! { <p class="hint">"No action items yet."</p> }.into_any()
                        }
                        Ok((list, me)) => {
                            view! {
                                <ul class="plain action-items">
                                    {list
                                        .into_iter()
                                        .map(|a| {
                                            let mine = me == Some(a.owner.id);
                                            let can = mine || organizer;
                                            view! {
                                                <li id=format!("action-{}", a.id)>
                                                    <span class=if a.done {
                                                        "tag done"
                                                    } else {
                                                        "tag"
                                                    }>{if a.done { "Done" } else { "Open" }}</span>
                                                    " "
                                                    <strong>{a.title.clone()}</strong>
                                                    {format!(" — {}, due {}", a.owner.name, a.due_on)}
                                                    {(!a.note.is_empty())
                                                        .then(|| view! { <p class="hint">{a.note.clone()}</p> })}
                                                    {can
                                                        .then(|| {
                                                            view! {
                                                                <ActionForm action=done attr:class="inline-form">
                                                                    <ReturnHere />
                                                                    <input type="hidden" name="id" value=a.id.to_string() />
                                                                    <input
                                                                        type="hidden"
                                                                        name="done"
                                                                        value=(!a.done).to_string()
                                                                    />
                                                                    <button
                                                                        type="submit"
                                                                        class="button secondary"
                                                                        aria-label=format!(
                                                                            "{}: {}",
                                                                            if a.done { "Open it again" } else { "Mark done" },
                                                                            a.title,
                                                                        )
                                                                    >
                                                                        {if a.done { "Open it again" } else { "Mark done" }}
                                                                    </button>
                                                                </ActionForm>
                                                            }
                                                        })}
                                                </li>
                                            }
                                        })
                                        .collect_view()}
                                </ul>
                            }
                                .into_any()
                        }
                        Err(_) => ().into_any(),
                    }
                })}
            </Suspense>
            {organizer
                .then(|| {
                    view! {
                        <ActionForm action=add attr:aria-labelledby="add-action-heading">
                            <h3 id="add-action-heading">"Add an action item"</h3>
                            <ReturnHere />
                            <input type="hidden" name="meeting" value=meeting.to_string() />
                            <TextField
                                error
                                id="title"
                                name="form[title]"
                                label="What is to be done"
                            />
                            <SelectField
                                error
                                id="owner_id"
                                name="form[owner_id]"
                                label="Who does it"
                                options=owners.clone()
                                selected=""
                            />
                            <TextField
                                error
                                id="due_on"
                                name="form[due_on]"
                                label="Due on"
                                kind="date"
                            />
                            <TextArea error id="note" name="form[note]" label="Note (optional)" />
                            <button type="submit" class="button">
                                "Add the action item"
                            </button>
                        </ActionForm>
                    }
                })}
        </section>
    }
}

/// `/meetings/{id}/feedback`: the caller's answer (the mail's links land here with `?score=`,
/// preselected; only the button records it), or the aggregate for organizers and leads.
#[component]
pub fn FeedbackPage() -> impl IntoView {
    let meeting = meeting_id();
    let give = ServerAction::<GiveFeedback>::new();
    let given = successes(give);
    let key = meeting.clone();
    let page = Resource::new(
        move || (key(), given.get()),
        |(id, _)| async move {
            match id {
                Some(id) => get_feedback_page(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <Suspense fallback=|| {
            view! { <p>"Loading…"</p> }
        }>
            {move || {
                let id = meeting();
                Suspend::new(async move {
                    match (page.await, id) {
                        (Ok(p), Some(id)) => {
                            view! { <Feedback page=p meeting=id give /> }.into_any()
                        }
                        (Err(e), _) => error_page(e, "say whether it was worth it"),
                        (_, None) => error_page(AppError::NotFound, "say whether it was worth it"),
                    }
                })
            }}
        </Suspense>
    }
}

#[component]
fn Feedback(page: PageData, meeting: MeetingId, give: ServerAction<GiveFeedback>) -> impl IntoView {
    let error = Signal::derive(move || give.value().get().and_then(Result::err));
    let chosen = use_query_map()
        .with_untracked(|q| q.get("score"))
        .unwrap_or_default();
    let body = match page.own {
        OwnFeedback::Answered => view! {
            <p class="lead" role="status">
                "Thank you: your answer is recorded. Nobody can see who gave which score."
            </p>
        }
        .into_any(),
        OwnFeedback::NotYet(why) => view! { <p class="lead">{why}</p> }.into_any(),
        OwnFeedback::NotAsked => ().into_any(),
        OwnFeedback::Open => view! {
            <ErrorSummary error />
            <ActionForm action=give attr:aria-labelledby="feedback-heading">
                <ReturnHere />
                <input type="hidden" name="meeting" value=meeting.to_string() />
                <fieldset class="field" id="score">
                    <legend>"How worth your time was it?"</legend>
                    {crate::model::feedback::SCORE_LABELS
                        .iter()
                        .enumerate()
                        .map(|(i, label)| {
                            let value = (i + 1).to_string();
                            let checked = value == chosen;
                            view! {
                                <label class="choice">
                                    <input
                                        type="radio"
                                        name="form[score]"
                                        value=value.clone()
                                        checked=checked
                                        required=true
                                    />
                                    {*label}
                                </label>
                            }
                        })
                        .collect_view()}
                </fieldset>
                <fieldset class="field">
                    <legend>"What would have made it better? (optional)"</legend>
                    {Better::ALL
                        .iter()
                        .map(|b| {
                            view! {
                                <label class="choice">
                                    <input
                                        type="checkbox"
                                        name=format!("form[{}]", b.as_str())
                                        value="on"
                                    />
                                    {b.label()}
                                </label>
                            }
                        })
                        .collect_view()}
                </fieldset>
                <TextArea
                    error
                    id="note"
                    name="form[note]"
                    label="A note (optional, at most 1,000 characters)"
                />
                <p class="hint">
                    "Your answer is anonymous: it is stored without your name, and shown only together with others, once at least 3 people answered."
                </p>
                <button type="submit" class="button">
                    "Send my answer"
                </button>
            </ActionForm>
        }
        .into_any(),
    };
    view! {
        <Title text=format!("Was it worth it? {}", page.title) />
        <p class="crumbs">
            <a href=format!("/meetings/{meeting}")>{page.title.clone()}</a>
            " › Was it worth it?"
        </p>
        <h1 id="feedback-heading">"Was it worth it?"</h1>
        <DoneNote when="feedback_given" text="Thank you: your answer is recorded." />
        {body}
        {page.summary.map(|s| view! { <FeedbackFigures summary=s /> })}
    }
}

/// What the answers say together (nothing below 3 answers).
#[component]
pub fn FeedbackFigures(summary: FeedbackSummary) -> impl IntoView {
    let FeedbackSummary {
        invited,
        responses,
        average,
        better,
        notes,
    } = summary;
    view! {
        <section class="brief-section" aria-labelledby="answers-heading">
            <h2 id="answers-heading">"What people said"</h2>
            <p>{format!("{responses} of {invited} people who met answered.")}</p>
            {match (average, better, notes) {
                (Some(avg), Some(better), Some(notes)) => {
                    view! {
                        <p class="lead">{format!("On average {avg:.1} of 5.")}</p>
                        <div
                            class="chart-scroll"
                            tabindex="0"
                            role="group"
                            aria-label="What would have made it better"
                        >
                            <table>
                                <caption>"What would have made it better"</caption>
                                <thead>
                                    <tr>
                                        <th scope="col">"Answer"</th>
                                        <th scope="col">"People"</th>
                                    </tr>
                                </thead>
                                <tbody>
                                    {Better::ALL
                                        .iter()
                                        .map(|b| {
                                            view! {
                                                <tr>
                                                    <th scope="row">{b.label()}</th>
                                                    <td>{better.get(*b)}</td>
                                                </tr>
                                            }
                                        })
                                        .collect_view()}
                                </tbody>
                            </table>
                        </div>
                        {(!notes.is_empty())
                            .then(|| {
                                view! {
                                    <h3>"Notes"</h3>
                                    <ul>
                                        {notes
                                            .into_iter()
                                            .map(|n| view! { <li>{n}</li> })
                                            .collect_view()}
                                    </ul>
                                }
                            })}
                    }
                        .into_any()
                }
                _ => {
                    view! {
                        <p class="hint">
                            "The answers are shown once at least 3 people answered, so nobody's can be told apart."
                        </p>
                    }
                        .into_any()
                }
            }}
        </section>
    }
}
