//! A team meeting's breaches of its team's norms (while the brief is written) and the
//! exceptions it circulated with (for everyone who reads it).

use crate::model::MeetingId;
use crate::model::team::{NormBreach, NormException};
use leptos::prelude::*;

/// The breaches, each with what would satisfy it and a link to the step where that is done;
/// `only` keeps those of one step (`purpose`, `people`, `prereads`), none keeps all.
#[component]
pub fn NormBreaches(
    meeting: MeetingId,
    breaches: Vec<NormBreach>,
    #[prop(optional)] only: Option<&'static str>,
) -> impl IntoView {
    let shown: Vec<NormBreach> = breaches
        .into_iter()
        .filter(|b| only.is_none_or(|step| b.norm.step() == step))
        .collect();
    (!shown.is_empty()).then(|| {
        view! {
            <div
                class="warnings norm-breaches"
                role="note"
                aria-labelledby="norms-breached-heading"
            >
                <h2 id="norms-breached-heading">"Your team's norms"</h2>
                <ul>
                    {shown
                        .into_iter()
                        .map(|b| {
                            let step = b.norm.step();
                            view! {
                                <li data-norm=b.norm.as_str()>
                                    <strong>{b.norm.label()} ": "</strong>
                                    {b.message}
                                    {only
                                        .is_none()
                                        .then(|| {
                                            view! {
                                                " "
                                                <a href=format!(
                                                    "/meetings/{meeting}/{step}",
                                                )>"Change it"</a>
                                            }
                                        })}
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </div>
        }
    })
}

/// The norms the meeting circulated in breach of, why, by whom and when.
#[component]
pub fn NormExceptions(exceptions: Vec<NormException>, time_zone: String) -> impl IntoView {
    (!exceptions.is_empty()).then(|| {
        let zone = jiff::tz::TimeZone::get(&time_zone).unwrap_or(jiff::tz::TimeZone::UTC);
        view! {
            <section class="norm-exceptions" aria-labelledby="exceptions-heading">
                <h2 id="exceptions-heading">"Exceptions to the team's norms"</h2>
                <ul>
                    {exceptions
                        .into_iter()
                        .map(|e| {
                            let at = e
                                .at
                                .to_zoned(zone.clone())
                                .strftime("%a %-d %b %Y")
                                .to_string();
                            view! {
                                <li data-norm=e.norm.as_str()>
                                    <strong>{e.norm.label()} ": "</strong>
                                    "“"
                                    {e.reason}
                                    "” "
                                    <span class="meta">{format!("{}, {at}", e.by.name)}</span>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </section>
        }
    })
}
