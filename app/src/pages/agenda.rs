//! The brief's agenda step: items with owners and time boxes, in order, against the duration.

use crate::api::agenda::{AddAgendaItem, MoveAgendaItem, RemoveAgendaItem};
use crate::api::meetings::get_brief;
use crate::components::{
    BriefSteps, ErrorSummary, ReturnHere, SelectField, Step, TextArea, TextField, clear_after,
    successes, use_kept,
};
use crate::error::AppError;
use crate::islands::AgendaProjection;
use crate::model::agenda::total_minutes;
use crate::model::brief::Brief;
use crate::model::forms::ItemForm;
use crate::model::{AgendaItem, Attendee, ItemKind, Meeting};
use crate::pages::verdict_preview::VerdictPreview;
use crate::pages::{error_page, meeting_id};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;

/// `/meetings/{id}/agenda`.
#[component]
pub fn AgendaPage() -> impl IntoView {
    let id = meeting_id();
    let add = ServerAction::<AddAgendaItem>::new();
    let moved = ServerAction::<MoveAgendaItem>::new();
    let remove = ServerAction::<RemoveAgendaItem>::new();
    let (a, m, r) = (successes(add), successes(moved), successes(remove));
    let form = clear_after(a);
    let brief = Resource::new(
        move || (id(), a.get(), m.get(), r.get()),
        |(id, ..)| async move {
            match id {
                Some(id) => get_brief(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <Title text="Agenda" />
        <Suspense fallback=|| {
            view! { <p>"Loading…"</p> }
        }>
            {move || Suspend::new(async move {
                match brief.await {
                    Ok(b) if b.meeting.viewer.organizer => {
                        let meeting = b.meeting.id;
                        view! {
                            <Agenda brief=b add moved remove form />
                            <VerdictPreview meeting />
                        }
                            .into_any()
                    }
                    Err(e) => error_page(e, "change this meeting"),
                    Ok(_) => error_page(AppError::Forbidden, "change this meeting"),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Agenda(
    brief: Brief,
    add: ServerAction<AddAgendaItem>,
    moved: ServerAction<MoveAgendaItem>,
    remove: ServerAction<RemoveAgendaItem>,
    form: NodeRef<leptos::html::Form>,
) -> impl IntoView {
    let form_ref = form;
    let Meeting {
        id,
        agenda,
        attendees,
        duration_minutes,
        ..
    } = brief.meeting;
    let planned = total_minutes(&agenda);
    let count = agenda.len();
    let error = Signal::derive(move || add.value().get().and_then(Result::err));
    let form = use_kept::<ItemForm>(AddAgendaItem::PATH).unwrap_or_else(|| ItemForm {
        kind: ItemKind::Discuss.as_str().to_owned(),
        minutes: "10".to_owned(),
        ..Default::default()
    });
    // Once hydrated, the total follows the minutes typed into the new item.
    let typed = form.minutes.trim().parse::<u32>().unwrap_or(0);
    let owners = attendees.clone();
    view! {
        <BriefSteps meeting=Some(id) current=Step::Agenda />
        <h1>"Agenda"</h1>
        <p class="lead">
            "Each item has an owner and a time box. Items that can be settled in writing should be."
        </p>
        <TimeBudget planned duration=duration_minutes />
        {if agenda.is_empty() {
            view! { <p class="empty">"No items yet. A meeting without an agenda is not ready."</p> }
                .into_any()
        } else {
            view! {
                <ol class="agenda-list">
                    {agenda
                        .into_iter()
                        .map(|item| {
                            let owner = owner_name(&attendees, &item);
                            view! { <ItemRow meeting=id item owner count moved remove /> }
                        })
                        .collect_view()}
                </ol>
            }
                .into_any()
        }}
        <h2 id="add-item">"Add an item"</h2>
        <ErrorSummary error />
        <ActionForm action=add node_ref=form_ref attr:aria-labelledby="add-item">
            <ReturnHere />
            <input type="hidden" name="meeting" value=id.to_string() />
            <ItemFields error form owners />
            <AgendaProjection planned duration=duration_minutes typed />
            <button type="submit" class="button" disabled=move || add.pending().get()>
                "Add item"
            </button>
        </ActionForm>
        <p class="next-step">
            <a class="button secondary" href=format!("/meetings/{id}/prereads")>
                "Continue to the pre-reads"
            </a>
        </p>
    }
}

/// The running total against the duration, drawn as a bar, with a warning when it overflows.
#[component]
fn TimeBudget(planned: u32, duration: u32) -> impl IntoView {
    let over = planned.saturating_sub(duration);
    let width = (planned.min(duration) * 100)
        .checked_div(duration)
        .unwrap_or(0)
        .min(100);
    let fill = if over > 0 {
        "budget-fill over"
    } else {
        "budget-fill"
    };
    view! {
        <div class="time-budget">
            <p>
                <strong>{format!("{planned} of {duration} minutes planned")}</strong>
            </p>
            <svg
                class="budget-bar"
                viewBox="0 0 100 6"
                preserveAspectRatio="none"
                aria-hidden="true"
            >
                <rect class="budget-track" x="0" y="0" width="100" height="6" rx="3" />
                <rect class=fill x="0" y="0" width=width height="6" rx="3" />
            </svg>
            {(over > 0)
                .then(|| {
                    view! {
                        <p class="warning" role="alert">
                            <span aria-hidden="true">"⚠ "</span>
                            {format!(
                                "The agenda runs {over} minutes over the meeting's {duration}. Shorten items, settle some in writing, or lengthen the meeting.",
                            )}
                        </p>
                    }
                })}
        </div>
    }
}

fn owner_name(attendees: &[Attendee], item: &AgendaItem) -> Option<String> {
    let owner = item.owner_id?;
    attendees
        .iter()
        .find(|a| a.id == owner)
        .map(|a| a.name.clone())
}

#[component]
fn ItemRow(
    meeting: crate::model::MeetingId,
    item: AgendaItem,
    owner: Option<String>,
    count: usize,
    moved: ServerAction<MoveAgendaItem>,
    remove: ServerAction<RemoveAgendaItem>,
) -> impl IntoView {
    let first = item.position == 0;
    let last = item.position as usize + 1 >= count;
    let id = item.id.to_string();
    let change = format!(" {}", item.title);
    let up = format!("Move {} up", item.title);
    let down = format!("Move {} down", item.title);
    let gone = format!(" {}", item.title);
    let (id_up, id_down) = (id.clone(), id.clone());
    view! {
        <li class="agenda-item" class:resolved=item.resolved_async>
            <div class="agenda-item-main">
                <span class="item-title">{item.title.clone()}</span>
                <span class="meta">
                    {format!("{} · {} min · ", item.kind.label(), item.minutes)}
                    {owner.unwrap_or_else(|| "no owner yet".to_owned())}
                    {item.resolved_async.then_some(" · settled in writing")}
                </span>
            </div>
            <div class="row-actions">
                <a href=format!(
                    "/meetings/{meeting}/agenda/{}",
                    item.id,
                )>"Change" <span class="visually-hidden">{change}</span></a>
                <ActionForm action=moved attr:class="inline-form">
                    <ReturnHere />
                    <input type="hidden" name="id" value=id_up />
                    <input type="hidden" name="by" value="-1" />
                    <button type="submit" class="link-button" disabled=first aria-label=up>
                        "Up"
                    </button>
                </ActionForm>
                <ActionForm action=moved attr:class="inline-form">
                    <ReturnHere />
                    <input type="hidden" name="id" value=id_down />
                    <input type="hidden" name="by" value="1" />
                    <button type="submit" class="link-button" disabled=last aria-label=down>
                        "Down"
                    </button>
                </ActionForm>
                <ActionForm action=remove attr:class="inline-form">
                    <ReturnHere />
                    <input type="hidden" name="id" value=id />
                    <button type="submit" class="link-button">
                        "Remove"
                        <span class="visually-hidden">{gone}</span>
                    </button>
                </ActionForm>
            </div>
        </li>
    }
}

/// The fields of one item, for adding and for changing.
#[component]
pub(super) fn ItemFields(
    #[prop(into)] error: Signal<Option<AppError>>,
    form: ItemForm,
    owners: Vec<Attendee>,
    #[prop(optional)] with_resolution: bool,
) -> impl IntoView {
    let kinds = ItemKind::ALL
        .into_iter()
        .map(|k| (k.as_str().to_owned(), k.label().to_owned()))
        .collect();
    let owner_options = std::iter::once((String::new(), "Nobody yet".to_owned()))
        .chain(
            owners
                .into_iter()
                .map(|a| (a.id.to_string(), format!("{} ({})", a.name, a.role.label()))),
        )
        .collect();
    view! {
        <TextField
            error
            id="title"
            name="item[title]"
            label="Title"
            value=form.title
            autocomplete="off"
        />
        <SelectField
            error
            id="kind"
            name="item[kind]"
            label="Kind"
            options=kinds
            selected=form.kind
        />
        <TextField
            error
            id="minutes"
            name="item[minutes]"
            label="Minutes"
            kind="number"
            value=form.minutes
        />
        <SelectField
            error
            id="owner_id"
            name="item[owner_id]"
            label="Owner"
            hint="Who brings this item and answers for it"
            options=owner_options
            selected=form.owner_id
        />
        {with_resolution
            .then(|| {
                view! {
                    <div class="field checkbox">
                        <input
                            type="checkbox"
                            id="resolved_async"
                            name="item[resolved_async]"
                            checked=form.resolved_async.is_some()
                        />
                        <label for="resolved_async">"Settled in writing, before the meeting"</label>
                    </div>
                    <TextArea
                        error
                        id="resolution"
                        name="item[resolution]"
                        label="Resolution (optional)"
                        hint="What was decided or agreed, in a line or two"
                        value=form.resolution.clone()
                        rows=2
                    />
                }
            })}
    }
}
