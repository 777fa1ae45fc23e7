//! The organizer's view of what Prework sent: each message per person, held ones with the
//! moment they will go, failed ones with why and a way to send them again.

use crate::api::deliveries::{RetryDelivery, get_deliveries};
use crate::components::ReturnHere;
use crate::model::MeetingId;
use crate::model::delivery::{Delivery, DeliveryKind, DeliveryStatus};
use leptos::prelude::*;

fn kind_label(kind: DeliveryKind) -> &'static str {
    match kind {
        DeliveryKind::Invitation => "Invitation",
        DeliveryKind::InformedNotice => "Note to an informed person",
        DeliveryKind::Reminder => "Reminder",
        DeliveryKind::Digest => "Digest",
        DeliveryKind::Deadline => "Verdict at the deadline",
        DeliveryKind::Outcome => "Outcome",
        DeliveryKind::Cancellation => "Cancellation",
        DeliveryKind::TeamInvitation => "Team invitation",
        DeliveryKind::ActionReminder => "Action item reminder",
        DeliveryKind::FeedbackRequest => "Was it worth it?",
    }
}

/// Where a message is, in words.
fn state(d: &Delivery) -> String {
    match d.status {
        DeliveryStatus::Queued => "Waiting to go".to_owned(),
        DeliveryStatus::Held => match d.not_before {
            Some(at) => format!(
                "Held for their working hours, until {} UTC",
                at.strftime("%a %-d %b, %H:%M")
            ),
            None => "Held for their working hours".to_owned(),
        },
        DeliveryStatus::Sent => "Sent".to_owned(),
        DeliveryStatus::Failed => format!(
            "Failed after {} attempts: {}",
            d.attempts,
            d.last_error.as_deref().unwrap_or("no reason given")
        ),
        DeliveryStatus::Suppressed => "Not sent: they chose fewer messages".to_owned(),
    }
}

/// The delivery log of one meeting (the organizer's).
#[component]
pub fn DeliveryLog(meeting: MeetingId) -> impl IntoView {
    // reference-counted, as `discussion::DiscussionSections`'s
    let log = ArcResource::new(|| (), move |_| get_deliveries(meeting));
    view! {
        <Suspense fallback=|| ()>
            {move || {
                let log = log.clone();
                Suspend::new(async move {
                    let log = log.await.unwrap_or_default();
                    let retry = ServerAction::<RetryDelivery>::new();
                    (!log.is_empty())
                        .then(|| {
                            // made with the form that uses it, in the owner that renders it (see
                            // `discussion::Sections`)
                            view! {
                                <section class="brief-section" aria-labelledby="messages-heading">
                                    <h2 id="messages-heading">"Messages"</h2>
                                    <table class="people-table">
                                        <caption class="visually-hidden">
                                            "What Prework sent, per person"
                                        </caption>
                                        <thead>
                                            <tr>
                                                <th scope="col">"To"</th>
                                                <th scope="col">"Message"</th>
                                                <th scope="col">"State"</th>
                                                <th scope="col">
                                                    <span class="visually-hidden">"Actions"</span>
                                                </th>
                                            </tr>
                                        </thead>
                                        <tbody>
                                            {log
                                                .into_iter()
                                                .map(|d| {
                                                    let failed = d.status == DeliveryStatus::Failed;
                                                    let id = d.id.to_string();
                                                    view! {
                                                        <tr>
                                                            <td>{d.recipient.name.clone()}</td>
                                                            <td>{kind_label(d.kind)}</td>
                                                            <td>{state(&d)}</td>
                                                            <td>
                                                                {failed
                                                                    .then(|| {
                                                                        view! {
                                                                            <ActionForm action=retry attr:class="inline-form">
                                                                                <ReturnHere />
                                                                                <input type="hidden" name="delivery" value=id />
                                                                                <button type="submit" class="button secondary">
                                                                                    "Send again"
                                                                                </button>
                                                                            </ActionForm>
                                                                        }
                                                                    })}
                                                            </td>
                                                        </tr>
                                                    }
                                                })
                                                .collect_view()}
                                        </tbody>
                                    </table>
                                </section>
                            }
                        })
                })
            }}
        </Suspense>
    }
}
