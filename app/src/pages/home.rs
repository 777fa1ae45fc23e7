use crate::api::meetings::list_meetings;
use crate::components::{MeetingList, MorePages};
use crate::model::meeting::MeetingPage;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The organizer's dashboard; for someone who only opened personal links, their invitations;
/// for everyone else, what Prework is and how to start.
#[component]
pub fn HomePage() -> impl IntoView {
    let cursor = use_query_map().with_untracked(|q| q.get("cursor"));
    let later = cursor.is_some();
    let meetings = Resource::new(move || cursor.clone(), |c| list_meetings(c, None));
    let session = crate::pages::use_session();
    view! {
        <Suspense fallback=|| {
            view! { <p>"Loading…"</p> }
        }>
            {move || Suspend::new(async move {
                let organizer = matches!(session.user.await, Ok(Some(_)));
                match meetings.await {
                    Ok(Some(page)) if organizer => view! { <Dashboard page later /> }.into_any(),
                    Ok(Some(page)) => view! { <Invitations page later /> }.into_any(),
                    Ok(None) => view! { <Landing /> }.into_any(),
                    Err(e) => view! { <p role="alert">{e.to_string()}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Dashboard(page: MeetingPage, later: bool) -> impl IntoView {
    let MeetingPage {
        meetings,
        next_cursor,
    } = page;
    let list = if meetings.is_empty() && !later {
        view! {
            <p class="empty">
                "No meetings yet. Start with the purpose: what must the meeting achieve?"
            </p>
        }
        .into_any()
    } else {
        view! {
            <MeetingList meetings />
            <MorePages base="/".to_owned() next=next_cursor later />
        }
        .into_any()
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
fn Invitations(page: MeetingPage, later: bool) -> impl IntoView {
    let MeetingPage {
        meetings,
        next_cursor,
    } = page;
    view! {
        <Title text="Your invitations" />
        <h1>"Your invitations"</h1>
        <p class="hint">
            "The meetings your personal links opened in this browser. To organize meetings of your own, "
            <a href="/signup">"create an account"</a> "."
        </p>
        <MeetingList meetings />
        <MorePages base="/".to_owned() next=next_cursor later />
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
