//! The brief's last step: the whole brief on one page, then circulate it; and the page that
//! shows the personal links once.

use crate::api::meetings::CirculateMeeting;
use crate::components::{BriefSteps, ErrorSummary, NormBreaches, ReturnHere, Step, TextArea};
use crate::error::AppError;
use crate::model::MeetingStatus;
use crate::model::brief::Brief;
use crate::pages::brief::BriefBody;
use crate::pages::deliveries::DeliveryLog;
use crate::pages::verdict_preview::VerdictPreview;
use crate::pages::{current_brief, error_page};
use leptos::prelude::*;
use leptos_meta::Title;

/// `/meetings/{id}/review`.
#[component]
pub fn ReviewPage() -> impl IntoView {
    let brief = current_brief();
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
    let warnings = brief.warnings.clone();
    let not_ready = brief.not_ready.clone();
    let confirm = !not_ready.is_empty();
    let breaches = brief.meeting.norm_breaches.clone();
    let breached = !breaches.is_empty();
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
                        {(!warnings.is_empty())
                            .then(|| {
                                view! {
                                    <div
                                        class="warnings"
                                        role="note"
                                        aria-labelledby="warnings-heading"
                                    >
                                        <h3 id="warnings-heading">"Before you circulate"</h3>
                                        <ul>
                                            {warnings
                                                .iter()
                                                .map(|w| view! { <li>{w.clone()}</li> })
                                                .collect_view()}
                                        </ul>
                                    </div>
                                }
                            })}
                        <p>
                            {format!(
                                "Circulating makes the brief visible to the {people} people invited and mails each of them an invitation with their personal link, which you also see once. You can issue a new link for anybody later.",
                            )}
                        </p>
                        <NormBreaches meeting=id breaches />
                        {confirm
                            .then(|| {
                                view! {
                                    <div
                                        class="error-summary not-ready"
                                        role="region"
                                        aria-labelledby="not-ready-heading"
                                    >
                                        <h3 id="not-ready-heading">"This brief is not ready"</h3>
                                        <ul>
                                            {not_ready
                                                .iter()
                                                .map(|r| view! { <li>{r.clone()}</li> })
                                                .collect_view()}
                                        </ul>
                                        <p>
                                            "People would be asked to prepare for a meeting the verdict already calls not ready. Fix what is listed, or circulate it anyway."
                                        </p>
                                    </div>
                                }
                            })}
                        <ActionForm action>
                            <ReturnHere />
                            <input type="hidden" name="id" value=id.to_string() />
                            {confirm
                                .then(|| {
                                    view! {
                                        <div class="field checkbox">
                                            <input
                                                type="checkbox"
                                                id="anyway"
                                                name="anyway"
                                                value="on"
                                            />
                                            <label for="anyway">
                                                "Circulate it anyway: I know it is not ready"
                                            </label>
                                        </div>
                                    }
                                })}
                            {breached
                                .then(|| {
                                    view! {
                                        <TextArea
                                            error
                                            id="exception.reason"
                                            name="exception"
                                            label="Why this meeting breaks the team's norms"
                                            hint="Required to circulate it as it is. Everyone invited sees this reason, and your lead sees it among the team's exceptions."
                                            rows=3
                                        />
                                    }
                                })}
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
