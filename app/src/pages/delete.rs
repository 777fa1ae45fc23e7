//! `/meetings/{id}/delete`: deleting a meeting, after a confirmation.

use crate::api::meetings::DeleteMeeting;
use crate::components::{ErrorSummary, ReturnHere};
use crate::error::AppError;
use crate::pages::{current_brief, error_page};
use leptos::prelude::*;
use leptos_meta::Title;

/// `/meetings/{id}/delete`: deleting, after a confirmation.
#[component]
pub fn DeletePage() -> impl IntoView {
    let brief = current_brief();
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
