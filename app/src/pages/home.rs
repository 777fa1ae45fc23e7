use crate::api::meetings::list_meetings;
use crate::model::{MeetingStatus, MeetingSummary};
use crate::pages::VerdictBadge;
use leptos::prelude::*;
use leptos_meta::Title;

/// The organizer's dashboard; for someone who only opened personal links, their invitations;
/// for everyone else, what Prework is and how to start.
#[component]
pub fn HomePage() -> impl IntoView {
    let meetings = Resource::new(|| (), |_| list_meetings());
    let session = crate::pages::use_session();
    view! {
        <Suspense fallback=|| {
            view! { <p>"Loading…"</p> }
        }>
            {move || Suspend::new(async move {
                let organizer = matches!(session.user.await, Ok(Some(_)));
                match meetings.await {
                    Ok(Some(list)) if organizer => view! { <Dashboard meetings=list /> }.into_any(),
                    Ok(Some(list)) => view! { <Invitations meetings=list /> }.into_any(),
                    Ok(None) => view! { <Landing /> }.into_any(),
                    Err(e) => view! { <p role="alert">{e.to_string()}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Dashboard(meetings: Vec<MeetingSummary>) -> impl IntoView {
    let list = if meetings.is_empty() {
        view! {
            <p class="empty">
                "No meetings yet. Start with the purpose: what must the meeting achieve?"
            </p>
        }
        .into_any()
    } else {
        view! { <MeetingList meetings /> }.into_any()
    };
    view! {
        <Title text="Your meetings" />
        <div class="page-heading">
            <h1>"Your meetings"</h1>
            <a class="button" href="/meetings/new">
                "New meeting"
            </a>
        </div>
        {list}
    }
}

/// Someone who came by their personal links: the meetings those links opened in this browser,
/// and nothing an organizer does.
#[component]
fn Invitations(meetings: Vec<MeetingSummary>) -> impl IntoView {
    view! {
        <Title text="Your invitations" />
        <h1>"Your invitations"</h1>
        <p class="hint">
            "The meetings your personal links opened in this browser. To organize meetings of your own, "
            <a href="/signup">"create an account"</a> "."
        </p>
        <MeetingList meetings />
    }
}

#[component]
fn Landing() -> impl IntoView {
    view! {
        <Title text="Make meetings earn their place" />
        <section class="landing">
            <h1>"Make meetings earn their place"</h1>
            <p class="lead">
                "Write down what a meeting is for and what it must achieve. Invite only the people who must be there, each with a reason. Circulate the pre-reads and let people comment before anyone meets."
            </p>
            <p class="lead">
                "Then Prework tells you honestly whether the meeting is still needed: cancel and go async, shorten it, or hold it with a focus list, and what each choice costs."
            </p>
            <p class="landing-actions">
                <a class="button" href="/signup">
                    "Create an account"
                </a>
                <a class="button secondary" href="/login">
                    "Sign in"
                </a>
            </p>
            <p class="hint">
                "Invited to a meeting? Open the personal link the organizer sent you; you need no account."
            </p>
        </section>
    }
}

#[component]
fn MeetingList(meetings: Vec<MeetingSummary>) -> impl IntoView {
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
