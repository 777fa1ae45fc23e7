//! `/teams`: the caller's teams and a new one; `/teams/{id}`: a team's members, its norms (a
//! lead edits them) and its meetings.

use crate::api::meetings::time_zones;
use crate::api::teams::{
    AddTeamMember, CreateTeam, RemoveTeamMember, SaveNorms, TeamPage as PageData, get_team_page,
    list_teams,
};
use crate::components::{
    Checkbox, CheckboxGroup, ErrorSummary, MeetingList, MorePages, ReturnHere, SelectField,
    TextField, use_kept,
};
use crate::error::AppError;
use crate::model::PurposeKind;
use crate::model::TeamId;
use crate::model::forms::{DaysForm, MemberForm, NormsForm};
use crate::model::team::{Member, MemberStatus, Team, TeamRole};
use crate::pages::error_page;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn TeamsPage() -> impl IntoView {
    let teams = Resource::new(|| (), |_| list_teams());
    let create = ServerAction::<CreateTeam>::new();
    let error = Signal::derive(move || create.value().get().and_then(Result::err));
    let session = crate::pages::use_session();
    view! {
        <Title text="Teams" />
        <Suspense fallback=|| {
            view! { <p>"Loading…"</p> }
        }>
            {move || Suspend::new(async move {
                if !matches!(session.user.await, Ok(Some(_))) {
                    return error_page(AppError::Unauthenticated, "see your teams");
                }
                let list = match teams.await {
                    Ok(list) => list,
                    Err(e) => return error_page(e, "see your teams"),
                };
                view! {
                    <h1>"Teams"</h1>
                    <p class="lead">
                        "A team's lead sets the norms once (how long people get to respond, how many are invited, the no-meeting days); every meeting of the team is held to them."
                    </p>
                    {if list.is_empty() {
                        view! { <p class="empty">"You are in no team yet."</p> }.into_any()
                    } else {
                        view! {
                            <ul class="meeting-list">
                                {list
                                    .into_iter()
                                    .map(|t| {
                                        view! {
                                            <li class="meeting-list-item">
                                                <a href=format!("/teams/{}", t.id)>{t.name}</a>
                                                <span class="meta">{t.role.label()}</span>
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                        }
                            .into_any()
                    }}
                    <section class="settings-section" aria-labelledby="new-team-heading">
                        <h2 id="new-team-heading">"New team"</h2>
                        <ErrorSummary error />
                        <ActionForm action=create>
                            <ReturnHere />
                            <TextField
                                error
                                id="name"
                                name="name"
                                label="Team name"
                                maxlength=crate::model::team::TEAM_NAME_MAX
                            />
                            <button
                                type="submit"
                                class="button"
                                disabled=move || create.pending().get()
                            >
                                "Create the team"
                            </button>
                        </ActionForm>
                    </section>
                }
                    .into_any()
            })}
        </Suspense>
    }
}

fn team_id() -> Option<TeamId> {
    use_params_map().with_untracked(|p| p.get("id").and_then(|id| id.parse().ok()))
}

#[component]
pub fn TeamPage() -> impl IntoView {
    let id = team_id();
    let cursor = use_query_map().with_untracked(|q| q.get("cursor"));
    let later = cursor.is_some();
    let page = Resource::new(
        move || cursor.clone(),
        move |cursor| async move {
            match id {
                Some(id) => get_team_page(id, cursor).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    let zones = Resource::new(|| (), |_| time_zones());
    view! {
        <Suspense fallback=|| {
            view! { <p>"Loading…"</p> }
        }>
            {move || Suspend::new(async move {
                let zones = zones.await.unwrap_or_default();
                match page.await {
                    Ok(data) => view! { <Team data zones later /> }.into_any(),
                    Err(e) => error_page(e, "see this team"),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Team(data: PageData, zones: Vec<String>, later: bool) -> impl IntoView {
    let PageData { team, meetings, me } = data;
    let lead = team.role == TeamRole::Lead;
    let team_id = team.id;
    let base = format!("/teams/{}", team.id);
    let list = if meetings.meetings.is_empty() && !later {
        view! { <p class="empty">"No meetings of this team that you can see yet."</p> }.into_any()
    } else {
        view! {
            <MeetingList meetings=meetings.meetings />
            <MorePages base=base.clone() next=meetings.next_cursor later />
        }
        .into_any()
    };
    let title = team.name.clone();
    view! {
        <Title text=title.clone() />
        <div class="page-heading">
            <h1>{title}</h1>
            <a class="button" href="/meetings/new">
                "New meeting"
            </a>
        </div>
        <p class="meta">
            {match team.role {
                TeamRole::Lead => "You are a lead of this team: you set its norms and members.",
                TeamRole::Organizer => "You organize meetings in this team.",
            }}
        </p>
        <Members team=team.clone() me lead />
        <NormsSection team zones lead />
        {lead.then(|| view! { <crate::pages::insights::TeamInsights team=team_id /> })}
        <section class="settings-section" aria-labelledby="team-meetings-heading">
            <h2 id="team-meetings-heading">"Meetings"</h2>
            <p class="hint">
                {if lead {
                    "Every meeting of the team: a lead reads them all."
                } else {
                    "The team's meetings you organize."
                }}
            </p>
            {list}
        </section>
    }
}

#[component]
fn Members(team: Team, me: crate::model::UserId, lead: bool) -> impl IntoView {
    let add = ServerAction::<AddTeamMember>::new();
    let remove = ServerAction::<RemoveTeamMember>::new();
    let error = Signal::derive(move || {
        add.value()
            .get()
            .and_then(Result::err)
            .or_else(|| remove.value().get().and_then(Result::err))
    });
    let form = use_kept::<MemberForm>(AddTeamMember::PATH).unwrap_or(MemberForm {
        role: TeamRole::Organizer.as_str().to_owned(),
        ..Default::default()
    });
    let roles = TeamRole::ALL
        .into_iter()
        .map(|r| (r.as_str().to_owned(), r.label().to_owned()))
        .collect::<Vec<_>>();
    let id = team.id;
    let rows = team
        .members
        .into_iter()
        .map(|m| view! { <MemberRow member=m team=id me lead remove /> })
        .collect_view();
    view! {
        <section class="settings-section" aria-labelledby="members-heading">
            <h2 id="members-heading">"Members"</h2>
            <ErrorSummary error />
            <table class="people-table">
                <caption class="visually-hidden">"Members of the team"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Name"</th>
                        <th scope="col">"Email"</th>
                        <th scope="col">"Role"</th>
                        <th scope="col">"Status"</th>
                        {lead.then(|| view! { <th scope="col">"Remove"</th> })}
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
            {lead
                .then(|| {
                    view! {
                        <h3>"Add a member"</h3>
                        <p class="hint">
                            "Someone without an account gets an invitation by mail, in the team's core hours; they join when they sign up with that address."
                        </p>
                        <ActionForm action=add>
                            <ReturnHere />
                            <input type="hidden" name="id" value=id.to_string() />
                            <TextField
                                error
                                id="email"
                                name="member[email]"
                                label="Email"
                                kind="email"
                                autocomplete="off"
                                value=form.email
                            />
                            <TextField
                                error
                                id="name"
                                name="member[name]"
                                label="Name (if they have no account yet)"
                                value=form.name
                            />
                            <SelectField
                                error
                                id="role"
                                name="member[role]"
                                label="Role"
                                options=roles
                                selected=form.role
                            />
                            <button
                                type="submit"
                                class="button"
                                disabled=move || add.pending().get()
                            >
                                "Add member"
                            </button>
                        </ActionForm>
                    }
                })}
        </section>
    }
}

#[component]
fn MemberRow(
    member: Member,
    team: TeamId,
    me: crate::model::UserId,
    lead: bool,
    remove: ServerAction<RemoveTeamMember>,
) -> impl IntoView {
    let label = format!("Remove {}", member.name);
    let is_me = member.user_id == Some(me);
    view! {
        <tr>
            <td>{member.name.clone()} {is_me.then_some(" (you)")}</td>
            <td>{member.email.clone()}</td>
            <td>{member.role.label()}</td>
            <td>
                {match member.status {
                    MemberStatus::Active => "Active",
                    MemberStatus::Invited => "Invited: waiting for sign-up",
                }}
            </td>
            {lead
                .then(|| {
                    view! {
                        <td>
                            <ActionForm action=remove>
                                <ReturnHere />
                                <input type="hidden" name="id" value=team.to_string() />
                                {match member.user_id {
                                    Some(u) => {
                                        view! {
                                            <input type="hidden" name="user_id" value=u.to_string() />
                                        }
                                            .into_any()
                                    }
                                    None => {
                                        view! {
                                            <input
                                                type="hidden"
                                                name="email"
                                                value=member.email.clone()
                                            />
                                        }
                                            .into_any()
                                    }
                                }}
                                <button type="submit" class="button secondary" aria-label=label>
                                    "Remove"
                                </button>
                            </ActionForm>
                        </td>
                    }
                })}
        </tr>
    }
}

#[component]
fn NormsSection(team: Team, zones: Vec<String>, lead: bool) -> impl IntoView {
    let n = team.norms.clone();
    let summary = view! {
        <ul class="norms">
            <li>
                {format!("At least {} hours to respond before the deadline.", n.min_response_hours)}
            </li>
            <li>{format!("Circulated at least {} hours before the start.", n.min_lead_hours)}</li>
            <li>
                {format!(
                    "At most {} invited; at most {} minutes.",
                    match n.max_invitees {
                        1 => "1 person".to_owned(),
                        k => format!("{k} people"),
                    },
                    n.max_minutes,
                )}
            </li>
            <li>
                {if n.no_meeting_days.is_empty() {
                    "No no-meeting days.".to_owned()
                } else {
                    format!(
                        "No meetings on {}.",
                        n
                            .no_meeting_days
                            .iter()
                            .map(|d| crate::model::team::weekday_name(*d))
                            .collect::<Vec<_>>()
                            .join(", "),
                    )
                }}
            </li>
            <li>
                {format!(
                    "Core hours {}–{} ({}), for people who gave no hours of their own.",
                    n.core_start,
                    n.core_end,
                    n.time_zone,
                )}
            </li>
        </ul>
    };
    view! {
        <section class="settings-section" aria-labelledby="norms-heading">
            <h2 id="norms-heading">"Norms"</h2>
            <p class="hint">
                "A brief that breaks a norm shows it while it is written; it circulates only when the organizer says why, and everyone sees that reason."
            </p>
            {summary}
            {lead.then(|| view! { <NormsForm team=team.id norms=n zones /> })}
        </section>
    }
}

#[component]
fn NormsForm(team: TeamId, norms: crate::model::team::Norms, zones: Vec<String>) -> impl IntoView {
    let action = ServerAction::<SaveNorms>::new();
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    let saved_before = use_query_map().with_untracked(|q| q.get_str("saved") == Some("norms"));
    let saved = move || match action.value().get() {
        Some(result) => result.is_ok(),
        None => saved_before,
    };
    let form = use_kept::<NormsForm>(SaveNorms::PATH).unwrap_or_else(|| NormsForm::of(&norms));
    let zone_options = zones
        .into_iter()
        .map(|z| (z.clone(), z.replace('_', " ")))
        .collect::<Vec<_>>();
    let ticked = form.days.clone().unwrap_or_else(DaysForm::none).ticked();
    let days = DaysForm::NAMES
        .iter()
        .zip(1..)
        .map(|(name, n)| Checkbox {
            name: format!("norms[days][d{n}]"),
            label: (*name).to_owned(),
            checked: ticked.contains(&n),
        })
        .collect::<Vec<_>>();
    let kinds = PurposeKind::ALL
        .into_iter()
        .map(|k| Checkbox {
            name: format!("norms[preread][{}]", k.as_str()),
            label: k.label().to_owned(),
            checked: form.preread.contains_key(k.as_str()),
        })
        .collect::<Vec<_>>();
    view! {
        <p class="notice" role="status">
            {move || saved().then_some("The norms are saved.")}
        </p>
        <ErrorSummary error />
        <ActionForm action>
            <ReturnHere />
            <input type="hidden" name="id" value=team.to_string() />
            <TextField
                error
                id="min_response_hours"
                name="norms[min_response_hours]"
                label="Hours people get to respond (0–336)"
                kind="number"
                value=form.min_response_hours
            />
            <TextField
                error
                id="min_lead_hours"
                name="norms[min_lead_hours]"
                label="Hours of notice before the start (0–720)"
                kind="number"
                value=form.min_lead_hours
            />
            <TextField
                error
                id="max_invitees"
                name="norms[max_invitees]"
                label="Most people on one invitation (1–200)"
                kind="number"
                value=form.max_invitees
            />
            <TextField
                error
                id="max_minutes"
                name="norms[max_minutes]"
                label="Longest meeting, in minutes (5–480)"
                kind="number"
                value=form.max_minutes
            />
            <CheckboxGroup
                error
                id="no_meeting_days"
                legend="No-meeting days"
                boxes=days
                marker="norms[days][shown]".to_owned()
            />
            <CheckboxGroup
                error
                id="require_preread_for"
                legend="A pre-read is required before meetings to"
                boxes=kinds
            />
            <TextField
                error
                id="core_start"
                name="norms[core_start]"
                label="Core hours start"
                kind="time"
                value=form.core_start
            />
            <TextField
                error
                id="core_end"
                name="norms[core_end]"
                label="Core hours end"
                kind="time"
                value=form.core_end
            />
            <SelectField
                error
                id="time_zone"
                name="norms[time_zone]"
                label="The team's time zone"
                options=zone_options
                selected=form.time_zone
            />
            <TextField
                error
                id="hourly_rate"
                name="norms[hourly_rate]"
                label="Cost of an attendee-hour (optional)"
                value=form.hourly_rate
            />
            <label class="checkbox">
                <input
                    type="checkbox"
                    name="norms[anonymous_by_default]"
                    checked=form.anonymous_by_default.is_some()
                />
                " New meetings are anonymous"
            </label>
            <button type="submit" class="button" disabled=move || action.pending().get()>
                "Save the norms"
            </button>
        </ActionForm>
    }
}
