//! `/meetings/{id}/links`: the personal links just issued, shown this once.

use crate::api::meetings::take_links;
use crate::error::AppError;
use crate::islands::CopyButton;
use crate::model::brief::LinkToSend;
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
                                    "Each link opens the brief for that person only. They are shown only now: Prework keeps no copy. Prework has queued an invitation to each address; if you send them yourself, copy the link or open the invitation in your mail program."
                                </p>
                                <LinkList links />
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

/// One box per person, then every link in one box; a box is a read-only text area, so a long
/// link wraps instead of being cut off, and works (select, copy) without JavaScript.
#[component]
fn LinkList(links: Vec<LinkToSend>) -> impl IntoView {
    let all = links
        .iter()
        .map(|l| {
            format!(
                "{} ({}): {}",
                l.issued.name,
                l.issued.role.label(),
                l.issued.link
            )
        })
        .collect::<Vec<_>>()
        .join("\n");
    // a link takes two lines on a phone
    let rows = (links.len() * 2).clamp(3, 12);
    view! {
        <ul class="links-list">
            {links
                .into_iter()
                .map(|LinkToSend { issued, mailto }| {
                    let field = format!("link-{}", issued.attendee_id);
                    let person = format!("{} ({})", issued.name, issued.role.label());
                    view! {
                        <li class="link-row">
                            <label for=field.clone()>{person.clone()}</label>
                            <textarea id=field.clone() class="link-field" rows="2" readonly=true>
                                {issued.link}
                            </textarea>
                            <div class="link-actions">
                                <CopyButton target=field what=format!("{person}'s link") />
                                {mailto
                                    .map(|href| {
                                        view! {
                                            <a class="button secondary" href=href>
                                                "Email the invitation"
                                                <span class="visually-hidden">
                                                    {format!(" to {person}")}
                                                </span>
                                            </a>
                                        }
                                    })}
                            </div>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
        <div class="link-row all-links">
            <label for="all-links">"All links, one per line"</label>
            <textarea id="all-links" class="link-field" rows=rows readonly=true>
                {all}
            </textarea>
            <div class="link-actions">
                <CopyButton target="all-links".to_owned() what="all links".to_owned() />
            </div>
        </div>
    }
}
