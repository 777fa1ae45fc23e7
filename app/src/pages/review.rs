//! The brief's last step: the whole brief on one page, then circulate it; and the page that
//! shows the personal links once.

use crate::api::meetings::{CirculateMeeting, DeleteMeeting, get_brief, take_links};
use crate::components::{BriefSteps, ErrorSummary, ReturnHere, Step};
use crate::error::AppError;
use crate::model::MeetingStatus;
use crate::model::brief::Brief;
use crate::pages::brief::BriefBody;
use crate::pages::deliveries::DeliveryLog;
use crate::pages::verdict_preview::VerdictPreview;
use crate::pages::{error_page, meeting_id};
use leptos::prelude::*;
use leptos_meta::Title;

fn organizer_brief() -> Resource<Result<Brief, AppError>> {
    let id = meeting_id();
    Resource::new(id, |id| async move {
        match id {
            Some(id) => get_brief(id).await,
            None => Err(AppError::NotFound),
        }
    })
}

/// `/meetings/{id}/review`.
#[component]
pub fn ReviewPage() -> impl IntoView {
    let brief = organizer_brief();
    view! {
        <Title text="Review and circulate" />
        <Suspense fallback=|| {
            view! { <p>"Loading…"</p> }
        }>
            {move || Suspend::new(async move {
                match brief.await {
                    Ok(b) if b.meeting.viewer.organizer => {
                        let meeting = b.meeting.id;
                        view! {
                            <Review brief=b />
                            <DeliveryLog meeting />
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
fn Review(brief: Brief) -> impl IntoView {
    let action = ServerAction::<CirculateMeeting>::new();
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    let id = brief.meeting.id;
    let status = brief.meeting.status;
    let people = brief.meeting.attendees.len();
    view! {
        <BriefSteps meeting=Some(id) current=Step::Review />
        <h1>"Review and circulate"</h1>
        <ErrorSummary error />
        <BriefBody brief editable=true />
        <section class="circulate" aria-labelledby="circulate-heading">
            <h2 id="circulate-heading">"Circulate"</h2>
            {match status {
                MeetingStatus::Draft => {
                    view! {
                        <p>
                            {format!(
                                "Circulating makes the brief visible to the {people} people invited, and gives you each person's personal link to send them. Links are shown once; you can issue a new one for anybody later.",
                            )}
                        </p>
                        <ActionForm action>
                            <ReturnHere />
                            <input type="hidden" name="id" value=id.to_string() />
                            <button
                                type="submit"
                                class="button"
                                disabled=move || action.pending().get()
                            >
                                "Circulate the brief"
                            </button>
                        </ActionForm>
                    }
                        .into_any()
                }
                other => {
                    view! {
                        <p>
                            {format!(
                                "This brief is {}. To send someone their link again, issue a new one on the People step.",
                                other.label().to_lowercase(),
                            )}
                        </p>
                    }
                        .into_any()
                }
            }}
        </section>
        <p class="danger-zone">
            <a href=format!("/meetings/{id}/delete")>"Delete this meeting"</a>
        </p>
    }
}

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

/// `/meetings/{id}/delete`: deleting, after a confirmation.
#[component]
pub fn DeletePage() -> impl IntoView {
    let brief = organizer_brief();
    let action = ServerAction::<DeleteMeeting>::new();
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    view! {
        <Title text="Delete meeting" />
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match brief.await {
                    Ok(b) if b.meeting.viewer.organizer => {
                        let people = b.meeting.attendees.len();
                        view! {
                            <h1>{format!("Delete “{}”?", b.meeting.title)}</h1>
                            <ErrorSummary error />
                            <p>
                                {format!(
                                    "The brief, its agenda and its {people} invitations are deleted for good. Personal links stop working.",
                                )}
                            </p>
                            <ActionForm action>
                                <ReturnHere />
                                <input type="hidden" name="id" value=b.meeting.id.to_string() />
                                <button type="submit" class="button danger">
                                    "Delete this meeting"
                                </button>
                                " "
                                <a href=format!("/meetings/{}/review", b.meeting.id)>"Keep it"</a>
                            </ActionForm>
                        }
                            .into_any()
                    }
                    Ok(_) => error_page(AppError::Forbidden, "delete this meeting"),
                    Err(e) => error_page(e, "delete this meeting"),
                }
            })}
        </Suspense>
    }
}
