//! The route table (every path of the app is in [`App`]) and the page frame around it, which
//! provides the session the pages share.

use crate::islands::PageScripts;
use crate::pages::{
    AgendaItemPage, AgendaPage, DeletePage, FeedbackPage, HomePage, LinksPage, LogInPage,
    MeetingPage, NewMeetingPage, NewSeriesPage, NotFoundPage, PeoplePage, PersonPage,
    PrereadEditorPage, PrereadPage, PrereadsStepPage, PurposePage, ReviewPage, SeriesListPage,
    SeriesPage, Session, SettingsPage, SignUpPage, TeamPage, TeamsPage, VerdictPage, use_session,
};
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use leptos_meta::MetaTags;
use leptos_meta::{Title, provide_meta_context};
use leptos_router::SsrMode;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

/// The document around the app, rendered on the server only.
#[cfg(feature = "ssr")]
pub fn shell(options: LeptosOptions) -> impl IntoView {
    crate::components::set_content_security_policy();
    let stylesheet = crate::ssr::runtime::assets::Assets::get().stylesheet_href();
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="color-scheme" content="light dark" />
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                <link rel="stylesheet" href=stylesheet />
                <AutoReload options=options.clone() />
                <HydrationScripts options islands=true />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// "<page> · Prework". On the server, leptos_meta writes this text into `<title>` without
/// escaping it, so a meeting titled `</title><script>…` would inject markup: escape it there. In
/// the browser it is assigned to `document.title`, which takes plain text.
fn page_title(title: String) -> String {
    let full = if title.is_empty() {
        "Prework".to_owned()
    } else {
        format!("{title} · Prework")
    };
    crate::components::rcdata_text(full)
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();

    view! {
        <Title formatter=page_title />
        <Router>
            <Frame />
        </Router>
    }
}

/// Everything inside the router: the session, the header and the routes.
#[component]
fn Frame() -> impl IntoView {
    provide_context(Session::start());

    // Pages wait for their data before the first byte (`SsrMode::Async`): the HTML is complete
    // without JavaScript, and a page can still set its status code (404) and headers.
    view! {
        <a class="skip-link" href="#main">
            "Skip to content"
        </a>
        <SiteHeader />
        <main id="main" tabindex="-1">
            <Routes fallback=NotFoundPage>
                <Route path=path!("/") view=HomePage ssr=SsrMode::Async />
                <Route path=path!("/signup") view=SignUpPage ssr=SsrMode::Async />
                <Route path=path!("/login") view=LogInPage ssr=SsrMode::Async />
                <Route path=path!("/settings") view=SettingsPage ssr=SsrMode::Async />
                <Route path=path!("/teams") view=TeamsPage ssr=SsrMode::Async />
                <Route path=path!("/teams/:id") view=TeamPage ssr=SsrMode::Async />
                <Route path=path!("/series") view=SeriesListPage ssr=SsrMode::Async />
                <Route path=path!("/series/new") view=NewSeriesPage ssr=SsrMode::Async />
                <Route path=path!("/series/:id") view=SeriesPage ssr=SsrMode::Async />
                <Route path=path!("/meetings/new") view=NewMeetingPage ssr=SsrMode::Async />
                <Route path=path!("/meetings/:id") view=MeetingPage ssr=SsrMode::Async />
                <Route path=path!("/meetings/:id/purpose") view=PurposePage ssr=SsrMode::Async />
                <Route path=path!("/meetings/:id/people") view=PeoplePage ssr=SsrMode::Async />
                <Route
                    path=path!("/meetings/:id/people/:attendee")
                    view=PersonPage
                    ssr=SsrMode::Async
                />
                <Route path=path!("/meetings/:id/agenda") view=AgendaPage ssr=SsrMode::Async />
                <Route
                    path=path!("/meetings/:id/agenda/:item")
                    view=AgendaItemPage
                    ssr=SsrMode::Async
                />
                <Route path=path!("/meetings/:id/review") view=ReviewPage ssr=SsrMode::Async />
                <Route path=path!("/meetings/:id/links") view=LinksPage ssr=SsrMode::Async />
                <Route path=path!("/meetings/:id/delete") view=DeletePage ssr=SsrMode::Async />
                <Route path=path!("/meetings/:id/verdict") view=VerdictPage ssr=SsrMode::Async />
                <Route path=path!("/meetings/:id/feedback") view=FeedbackPage ssr=SsrMode::Async />
                <Route
                    path=path!("/meetings/:id/prereads")
                    view=PrereadsStepPage
                    ssr=SsrMode::Async
                />
                <Route
                    path=path!("/meetings/:id/prereads/new")
                    view=PrereadEditorPage
                    ssr=SsrMode::Async
                />
                <Route
                    path=path!("/meetings/:id/prereads/:preread")
                    view=PrereadPage
                    ssr=SsrMode::Async
                />
                <Route
                    path=path!("/meetings/:id/prereads/:preread/edit")
                    view=PrereadEditorPage
                    ssr=SsrMode::Async
                />
            </Routes>
        </main>
        <PageScripts />
    }
}

#[component]
fn SiteHeader() -> impl IntoView {
    let session = use_session();
    view! {
        <header class="site-header">
            <nav aria-label="Main">
                <a class="brand" href="/">
                    "Prework"
                </a>
                <Suspense fallback=|| ()>
                    {move || Suspend::new(async move {
                        match session.user.await {
                            Ok(Some(user)) => {
                                view! {
                                    <a href="/">"Your meetings"</a>
                                    <a href="/meetings/new">"New meeting"</a>
                                    <a href="/series">"Series"</a>
                                    <a href="/teams">"Teams"</a>
                                    <a href="/settings">"Settings"</a>
                                    <span class="signed-in-as">{user.name}</span>
                                    <ActionForm action=session.log_out attr:class="inline-form">
                                        <button type="submit" class="link-button">
                                            "Sign out"
                                        </button>
                                    </ActionForm>
                                }
                                    .into_any()
                            }
                            _ => {
                                match session.guest.await {
                                    Ok(Some(name)) => {
                                        // someone who came by their personal link: their meetings
                                        // and their name, no organizer's actions
                                        view! {
                                            <a href="/">"Your invitations"</a>
                                            <span class="signed-in-as">{name}</span>
                                        }
                                            .into_any()
                                    }
                                    _ => {
                                        view! {
                                            <a href="/login">"Sign in"</a>
                                            <a href="/signup">"Create an account"</a>
                                        }
                                            .into_any()
                                    }
                                }
                            }
                        }
                    })}
                </Suspense>
            </nav>
        </header>
    }
}
