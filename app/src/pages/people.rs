//! The brief's people step: who must be there, in what role, and why.

use crate::api::attendees::{AddAttendee, RegenerateLink, RemoveAttendee};
use crate::api::meetings::{get_brief, time_zones};
use crate::components::{
    BriefSteps, ErrorSummary, ReturnHere, SelectField, Step, TextArea, TextField, WorkingHours,
    clear_after, successes, use_kept,
};
use crate::error::AppError;
use crate::model::brief::Brief;
use crate::model::forms::PersonForm;
use crate::model::{Attendee, MeetingId, MeetingStatus, Role};
use crate::pages::deliveries::DeliveryLog;
use crate::pages::verdict_preview::VerdictPreview;
use crate::pages::{error_page, meeting_id};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;

/// More people than this rarely decide anything together (the brief nudges above it).
const LARGE: usize = 8;

/// `/meetings/{id}/people`.
#[component]
pub fn PeoplePage() -> impl IntoView {
    let id = meeting_id();
    let add = ServerAction::<AddAttendee>::new();
    let remove = ServerAction::<RemoveAttendee>::new();
    let (added, removed) = (successes(add), successes(remove));
    let form = clear_after(added);
    let brief = Resource::new(
        move || (id(), added.get(), removed.get()),
        |(id, _, _)| async move {
            match id {
                Some(id) => get_brief(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    let zones = Resource::new(|| (), |_| time_zones());
    view! {
        <Title text="People" />
        <Suspense fallback=|| {
            view! { <p>"Loading…"</p> }
        }>
            {move || Suspend::new(async move {
                let zones = zones.await.unwrap_or_default();
                match brief.await {
                    Ok(b) if b.meeting.viewer.organizer => {
                        let meeting = b.meeting.id;
                        view! {
                            <People brief=b zones add remove form />
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
fn People(
    brief: Brief,
    zones: Vec<String>,
    add: ServerAction<AddAttendee>,
    remove: ServerAction<RemoveAttendee>,
    form: NodeRef<leptos::html::Form>,
) -> impl IntoView {
    let form_ref = form;
    let meeting = brief.meeting;
    let id = meeting.id;
    let circulated = meeting.status != MeetingStatus::Draft;
    let people = meeting.attendees;
    let breaches = meeting.norm_breaches;
    let nudges = nudges(&people);
    let error = Signal::derive(move || add.value().get().and_then(Result::err));
    // After a successful addition the form starts empty again; after a failure it keeps the
    // answers (from the address without WASM, in the fields themselves with it).
    let form = use_kept::<PersonForm>(AddAttendee::PATH).unwrap_or_else(|| PersonForm {
        role: Role::Contributor.as_str().to_owned(),
        ..Default::default()
    });
    view! {
        <BriefSteps meeting=Some(id) current=Step::People />
        <h1>"Who must be there?"</h1>
        <crate::components::NormBreaches meeting=id breaches only="people" />
        <p class="lead">
            "Invite only the people the outcome needs, each with the reason they are needed."
        </p>
        {(!nudges.is_empty())
            .then(|| {
                view! {
                    <div class="nudges" role="note" aria-label="Suggestions">
                        <ul>{nudges.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}</ul>
                    </div>
                }
            })}
        {if people.is_empty() {
            view! { <p class="empty">"Nobody is invited yet."</p> }.into_any()
        } else {
            view! {
                <table class="people-table">
                    <caption class="visually-hidden">"People invited"</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Name"</th>
                            <th scope="col">"Role"</th>
                            <th scope="col">"Reason"</th>
                            <th scope="col">
                                <span class="visually-hidden">"Actions"</span>
                            </th>
                        </tr>
                    </thead>
                    <tbody>
                        {people
                            .into_iter()
                            .map(|p| view! { <PersonRow meeting=id person=p remove circulated /> })
                            .collect_view()}
                    </tbody>
                </table>
            }
                .into_any()
        }}
        {circulated.then(|| view! { <DeliveryLog meeting=id /> })}
        <h2 id="add-person">"Add a person"</h2>
        <ErrorSummary error />
        <ActionForm action=add node_ref=form_ref attr:aria-labelledby="add-person">
            <ReturnHere />
            <input type="hidden" name="meeting" value=id.to_string() />
            <PersonFields error form zones />
            <button type="submit" class="button" disabled=move || add.pending().get()>
                "Add person"
            </button>
        </ActionForm>
        <p class="next-step">
            <a class="button secondary" href=format!("/meetings/{id}/agenda")>
                "Continue to the agenda"
            </a>
        </p>
    }
}

#[component]
fn PersonRow(
    meeting: MeetingId,
    person: Attendee,
    remove: ServerAction<RemoveAttendee>,
    circulated: bool,
) -> impl IntoView {
    let new_link = ServerAction::<RegenerateLink>::new();
    let change = format!(" {}", person.name);
    let gone = format!(" {}", person.name);
    let for_whom = format!(" for {}", person.name);
    let (id_remove, id_link) = (person.id.to_string(), person.id.to_string());
    view! {
        <tr>
            <td>
                <strong>{person.name.clone()}</strong>
                <br />
                <span class="meta">{person.email.clone().unwrap_or_default()}</span>
            </td>
            <td>{person.role.label()}</td>
            <td>
                {if person.reason.is_empty() {
                    view! { <span class="missing">"No reason given"</span> }.into_any()
                } else {
                    view! { <span>{person.reason.clone()}</span> }.into_any()
                }}
            </td>
            <td>
                <div class="row-actions">
                    <a href=format!(
                        "/meetings/{meeting}/people/{}",
                        person.id,
                    )>"Change" <span class="visually-hidden">{change}</span></a>
                    <ActionForm action=remove attr:class="inline-form">
                        <ReturnHere />
                        <input type="hidden" name="attendee" value=id_remove />
                        <button type="submit" class="link-button">
                            "Remove"
                            <span class="visually-hidden">{gone}</span>
                        </button>
                    </ActionForm>
                    {circulated
                        .then(|| {
                            view! {
                                <ActionForm action=new_link attr:class="inline-form">
                                    <ReturnHere />
                                    <input type="hidden" name="attendee" value=id_link />
                                    <button type="submit" class="link-button">
                                        "New link"
                                        <span class="visually-hidden">{for_whom}</span>
                                    </button>
                                </ActionForm>
                            }
                        })}
                </div>
            </td>
        </tr>
    }
}

/// The fields of one person, for adding and for changing.
#[component]
pub(super) fn PersonFields(
    #[prop(into)] error: Signal<Option<AppError>>,
    form: PersonForm,
    zones: Vec<String>,
) -> impl IntoView {
    let roles = Role::ALL
        .into_iter()
        .map(|r| (r.as_str().to_owned(), r.label().to_owned()))
        .collect();
    let zone_options = std::iter::once((String::new(), "Same as the meeting".to_owned()))
        .chain(zones.into_iter().map(|z| (z.clone(), z.replace('_', " "))))
        .collect();
    view! {
        <TextField
            error
            id="name"
            name="person[name]"
            label="Name"
            autocomplete="off"
            value=form.name
        />
        <TextField
            error
            id="email"
            name="person[email]"
            label="Email address"
            kind="email"
            autocomplete="off"
            value=form.email
        />
        <SelectField
            error
            id="role"
            name="person[role]"
            label="Role"
            hint="Deciders decide; facilitators run the meeting; contributors bring what the outcome needs; informed people only need the outcome."
            options=roles
            selected=form.role
        />
        <TextArea
            error
            id="reason"
            name="person[reason]"
            label="Why are they needed?"
            hint="One line, shown to them: “You are here as … because …”"
            value=form.reason
            rows=2
        />
        <SelectField
            error
            id="time_zone"
            name="person[time_zone]"
            label="Time zone"
            options=zone_options
            selected=form.time_zone
        />
        <WorkingHours
            error
            start_name="person[work_start]"
            end_name="person[work_end]"
            days_prefix="person"
            start=form.work_start
            end=form.work_end
            days=form.days.unwrap_or_default()
        />
    }
}

/// What the article behind Prework would object to in this list.
fn nudges(people: &[Attendee]) -> Vec<String> {
    let mut out = Vec::new();
    for p in people {
        if p.role == Role::Informed {
            out.push(format!(
                "{} only needs to be informed: send them the outcome record instead of an invitation.",
                p.name
            ));
        }
        if p.reason.trim().is_empty() {
            out.push(format!(
                "{} has no reason to be there yet. Add one, or take them off.",
                p.name
            ));
        }
    }
    if people.len() > LARGE {
        out.push(format!(
            "{} people are invited. Above {LARGE}, few meetings decide well: could some follow in writing?",
            people.len()
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::AttendeeId;

    fn person(name: &str, role: Role, reason: &str) -> Attendee {
        Attendee {
            id: AttendeeId::new(),
            name: name.into(),
            email: None,
            role,
            reason: reason.into(),
            time_zone: None,
            work_start: None,
            work_end: None,
            work_days: Default::default(),
            notifications: None,
            ready: None,
            not_needed: None,
            version: 0,
        }
    }

    #[test]
    fn nudges_name_informed_people_missing_reasons_and_crowds() {
        let mut people = vec![
            person("Kai", Role::Informed, "finance"),
            person("Bo", Role::Contributor, " "),
        ];
        let n = nudges(&people);
        assert_eq!(n.len(), 2);
        assert!(n[0].starts_with("Kai only needs to be informed"));
        assert!(n[1].starts_with("Bo has no reason"));
        for i in 0..7 {
            people.push(person(&format!("P{i}"), Role::Contributor, "x"));
        }
        assert!(
            nudges(&people)
                .last()
                .unwrap()
                .starts_with("9 people are invited")
        );
    }
}
