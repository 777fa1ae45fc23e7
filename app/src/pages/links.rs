//! `/meetings/{id}/links`: the personal links just issued, shown this once.

use crate::api::meetings::take_links;
use crate::error::AppError;
use crate::pages::{error_page, meeting_id};
use leptos::prelude::*;
use leptos_meta::Title;

/// `/meetings/{id}/links`: the personal links just issued, shown this once.
#[component]
pub fn LinksPage() -> impl IntoView {
    let id = meeting_id();
    let links = Resource::new(id.clone(), |id| async move {
        match id {
            Some(id) => take_links(id).await,
            None => Err(AppError::NotFound),
        }
    });
    view! {
        <Title text="Personal links" />
        <Suspense fallback=|| {
            view! { <p>"Loading…"</p> }
        }>
            {move || {
                let meeting = id();
                Suspend::new(async move {
                    match links.await {
                        Ok(links) if links.is_empty() => {
                            view! {
                                <h1>"Personal links"</h1>
                                <p>
                                    "Links are shown only once, right after they are issued. To send someone their link again, issue a new one on the People step."
                                </p>
                                {meeting
                                    .map(|m| {
                                        view! {
                                            <p>
                                                <a href=format!("/meetings/{m}/people")>"Go to People"</a>
                                            </p>
                                        }
                                    })}
                            }
                                .into_any()
                        }
                        Ok(links) => {
                            view! {
                                <h1>"Send each person their link"</h1>
                                <p class="lead">
                                    "Copy each link and send it to its person. Each link opens the brief for that person only. They are shown only now: Prework keeps no copy."
                                </p>
                                <table class="links-table">
                                    <caption class="visually-hidden">"Personal links"</caption>
                                    <thead>
                                        <tr>
                                            <th scope="col">"Person"</th>
                                            <th scope="col">"Personal link"</th>
                                        </tr>
                                    </thead>
                                    <tbody>
                                        {links
                                            .into_iter()
                                            .map(|l| {
                                                let field = format!("link-{}", l.attendee_id);
                                                view! {
                                                    <tr>
                                                        <td>
                                                            <label for=field
                                                                .clone()>
                                                                {format!("{} ({})", l.name, l.role.label())}
                                                            </label>
                                                        </td>
                                                        <td>
                                                            <input
                                                                id=field
                                                                class="link-field"
                                                                type="text"
                                                                readonly=true
                                                                value=l.link
                                                            />
                                                        </td>
                                                    </tr>
                                                }
                                            })
                                            .collect_view()}
                                    </tbody>
                                </table>
                                {meeting
                                    .map(|m| {
                                        view! {
                                            <p>
                                                <a class="button" href=format!("/meetings/{m}")>
                                                    "Done: see the brief"
                                                </a>
                                            </p>
                                        }
                                    })}
                            }
                                .into_any()
                        }
                        Err(e) => error_page(e, "see these links"),
                    }
                })
            }}
        </Suspense>
    }
}
