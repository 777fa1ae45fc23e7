//! An occurrence's ties to its series: the line naming the series, and what it carries over
//! from the occurrences before it (each with its date and a link to where it came from; the
//! organizer can put one on the agenda).

use crate::api::series::CarryToAgenda;
use crate::model::MeetingId;
use crate::model::series::{CarriedKind, CarriedOver, SeriesLine};
use leptos::prelude::*;

/// "Part of the series Platform sync (Every week on Monday): this is the one of Mon 7 Dec."
#[component]
pub fn SeriesLineNote(line: SeriesLine, date: Option<jiff::civil::Date>) -> impl IntoView {
    let date = date.map(|d| d.strftime("%a %-d %b %Y").to_string());
    view! {
        <p class="series-line">
            "Part of the series " <a href=format!("/series/{}", line.id)>{line.title}</a>
            {format!(" ({})", line.schedule)}
            {date.map(|d| format!(": this is the occurrence of {d}."))}
        </p>
    }
}

#[component]
pub fn CarriedOverList(
    meeting: MeetingId,
    carried: Vec<CarriedOver>,
    /// Whether the viewer may put entries on the agenda.
    organizer: bool,
) -> impl IntoView {
    let action = ServerAction::<CarryToAgenda>::new();
    (!carried.is_empty()).then(|| {
        view! {
            <section class="brief-section" aria-labelledby="carried-heading">
                <h2 id="carried-heading">"Carried over"</h2>
                <p class="hint">"Left open by earlier occurrences of the series."</p>
                <ul class="carried-list">
                    {carried
                        .into_iter()
                        .map(|c| {
                            let kind = match (c.kind, c.thread_kind) {
                                (CarriedKind::Thread, Some(k)) => k.label().to_owned(),
                                (kind, _) => kind.label().to_owned(),
                            };
                            let from = c.from_date.strftime("%a %-d %b %Y").to_string();
                            view! {
                                <li class="carried">
                                    <span class="badge">{kind}</span>
                                    " "
                                    <span class="carried-text">{c.text.clone()}</span>
                                    " "
                                    <a class="meta" href=c.link.clone()>
                                        {format!("from {from}")}
                                    </a>
                                    {match (organizer, c.agenda_item_id) {
                                        (_, Some(_)) => {
                                            view! { <span class="meta">" · on the agenda"</span> }
                                                .into_any()
                                        }
                                        (true, None) => {
                                            view! {
                                                <ActionForm action attr:class="inline-form">
                                                    <input
                                                        type="hidden"
                                                        name="meeting"
                                                        value=meeting.to_string()
                                                    />
                                                    <input type="hidden" name="source" value=c.id.to_string() />
                                                    <button type="submit" class="link-button">
                                                        "Add to the agenda"
                                                    </button>
                                                </ActionForm>
                                            }
                                                .into_any()
                                        }
                                        (false, None) => ().into_any(),
                                    }}
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </section>
        }
    })
}
