//! A team lead's insights on the team page: hours per week (held and saved, stacked), each
//! member's hours against the team's average, the series ranked by cost. Each chart is SVG
//! drawn on the server with the same figures as a table below it, and the weeks as CSV.

use crate::api::teams::get_team_insights;
use crate::model::TeamId;
use crate::model::insights::{Insights, PersonFigures, SeriesFigures, WeekFigures};
use leptos::prelude::*;

const WIDTH: f64 = 640.0;

fn fmt(v: f64) -> String {
    format!("{v:.1}")
}

/// The insights section (leads only: the server answers 404 to anyone else).
#[component]
pub fn TeamInsights(team: TeamId) -> impl IntoView {
    let figures = Resource::new(|| (), move |_| get_team_insights(team, None));
    view! {
        <section class="brief-section" id="insights" aria-labelledby="insights-heading">
            <div class="section-heading">
                <h2 id="insights-heading">"Insights: the last 12 weeks"</h2>
                <a
                    class="change-link"
                    href=format!("/api/v1/teams/{team}/insights.csv")
                    download=""
                >
                    "Download the weeks as CSV"
                </a>
            </div>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    figures.await.ok().map(|i| view! { <Figures insights=i /> })
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn Figures(insights: Insights) -> impl IntoView {
    let Insights {
        weeks,
        people,
        series,
        exceptions,
    } = insights;
    view! {
        <WeeksChart weeks />
        <PeopleChart people />
        <SeriesChart series />
        <h3>"Norm exceptions"</h3>
        {if exceptions.is_empty() {
            view! { <p class="hint">"No meeting circulated past a norm in these weeks."</p> }
                .into_any()
        } else {
            view! {
                <ul>
                    {exceptions
                        .into_iter()
                        .map(|e| view! { <li>{format!("{}: {}", e.norm, e.count)}</li> })
                        .collect_view()}
                </ul>
            }
                .into_any()
        }}
    }
}

/// Attendee-hours per week: held (solid) with what going async saved stacked on top.
#[component]
fn WeeksChart(weeks: Vec<WeekFigures>) -> impl IntoView {
    let top = weeks
        .iter()
        .map(|w| w.attendee_hours_held + w.attendee_hours_saved)
        .fold(1.0f64, f64::max);
    let (height, base) = (180.0, 150.0);
    let step = WIDTH / weeks.len().max(1) as f64;
    let scale = (base - 10.0) / top;
    let held: f64 = weeks.iter().map(|w| w.attendee_hours_held).sum();
    let saved: f64 = weeks.iter().map(|w| w.attendee_hours_saved).sum();
    let label = format!(
        "Attendee-hours per week: {} held and {} saved over {} weeks",
        fmt(held),
        fmt(saved),
        weeks.len()
    );
    let bars = weeks
        .iter()
        .enumerate()
        .map(|(i, w)| {
            let x = i as f64 * step + step * 0.15;
            let bw = step * 0.7;
            let h_held = w.attendee_hours_held * scale;
            let h_saved = w.attendee_hours_saved * scale;
            view! {
                <rect class="bar-held" x=x y=base - h_held width=bw height=h_held />
                <rect class="bar-saved" x=x y=base - h_held - h_saved width=bw height=h_saved />
                <text x=x + bw / 2.0 y=base + 16.0 text-anchor="middle" class="axis-label">
                    {w.week.split('-').nth(1).unwrap_or_default().to_owned()}
                </text>
            }
        })
        .collect_view();
    view! {
        <h3>"Hours per week"</h3>
        <div class="chart-scroll" tabindex="0" role="group" aria-label="Chart of hours per week">
            <svg
                class="insights-chart"
                viewBox=format!("0 0 {WIDTH} {height}")
                role="img"
                aria-label=label
            >
                // the scale: the top of the drawing area, in attendee-hours
                <text x="4" y="12" class="axis-label">
                    {format!("{} h", fmt(top))}
                </text>
                <line class="average" x1="0" x2=WIDTH y1="10" y2="10" />
                {bars}
            </svg>
        </div>
        <p class="legend">
            <span class="key key-held"></span>
            " held "
            <span class="key key-saved"></span>
            " saved by going async"
        </p>
        <div class="chart-scroll" tabindex="0" role="group" aria-label="The weeks' figures">
            <table>
                <caption>"Meetings and attendee-hours per week"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Week"</th>
                        <th scope="col">"Held"</th>
                        <th scope="col">"Shortened"</th>
                        <th scope="col">"Cancelled"</th>
                        <th scope="col">"Hours planned"</th>
                        <th scope="col">"Hours held"</th>
                        <th scope="col">"Hours saved"</th>
                        <th scope="col">"Cost planned"</th>
                        <th scope="col">"Cost saved"</th>
                    </tr>
                </thead>
                <tbody>
                    {weeks
                        .into_iter()
                        .map(|w| {
                            let money = |v: Option<f64>| {
                                v.map(|v| format!("{v:.2}")).unwrap_or_else(|| "—".into())
                            };
                            view! {
                                <tr>
                                    <th scope="row">{w.week.clone()}</th>
                                    <td>{w.held}</td>
                                    <td>{w.shortened}</td>
                                    <td>{w.cancelled}</td>
                                    <td>{fmt(w.attendee_hours_planned)}</td>
                                    <td>{fmt(w.attendee_hours_held)}</td>
                                    <td>{fmt(w.attendee_hours_saved)}</td>
                                    <td>{money(w.cost_planned)}</td>
                                    <td>{money(w.cost_saved)}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// Each member's hours a week in meetings, against the team's average (a dashed line).
#[component]
fn PeopleChart(people: Vec<PersonFigures>) -> impl IntoView {
    const ROW: f64 = 26.0;
    const LEFT: f64 = 180.0;
    let top = people
        .iter()
        .map(|p| p.hours_per_week)
        .fold(1.0f64, f64::max);
    let average = if people.is_empty() {
        0.0
    } else {
        people.iter().map(|p| p.hours_per_week).sum::<f64>() / people.len() as f64
    };
    let scale = (WIDTH - LEFT - 40.0) / top;
    let height = people.len().max(1) as f64 * ROW + 10.0;
    let label = format!(
        "Hours a week in meetings per member; the team's average is {}",
        fmt(average)
    );
    let rows = people
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let y = i as f64 * ROW + 4.0;
            view! {
                <text x=LEFT - 8.0 y=y + 15.0 text-anchor="end" class="axis-label">
                    {p.name.clone()}
                </text>
                <rect class="bar-held" x=LEFT y=y width=p.hours_per_week * scale height=ROW - 8.0 />
            }
        })
        .collect_view();
    let line = LEFT + average * scale;
    view! {
        <h3>"Each member's hours a week"</h3>
        <div class="chart-scroll" tabindex="0" role="group" aria-label="Chart of hours per member">
            <svg
                class="insights-chart"
                viewBox=format!("0 0 {WIDTH} {height}")
                role="img"
                aria-label=label
            >
                {rows}
                <line class="average" x1=line x2=line y1="0" y2=height />
            </svg>
        </div>
        <div class="chart-scroll" tabindex="0" role="group" aria-label="Each member's hours">
            <table>
                <caption>
                    {format!("Hours a week in meetings (team average {})", fmt(average))}
                </caption>
                <thead>
                    <tr>
                        <th scope="col">"Member"</th>
                        <th scope="col">"Hours a week"</th>
                    </tr>
                </thead>
                <tbody>
                    {people
                        .into_iter()
                        .map(|p| {
                            view! {
                                <tr>
                                    <th scope="row">{p.name}</th>
                                    <td>{fmt(p.hours_per_week)}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// The team's series, the costliest first.
#[component]
fn SeriesChart(series: Vec<SeriesFigures>) -> impl IntoView {
    const ROW: f64 = 26.0;
    const LEFT: f64 = 220.0;
    if series.is_empty() {
        return view! {
            <h3>"Series by cost"</h3>
            <p class="hint">"The team has no recurring meetings."</p>
        }
        .into_any();
    }
    let top = series
        .iter()
        .map(|s| s.attendee_hours_per_month)
        .fold(1.0f64, f64::max);
    let scale = (WIDTH - LEFT - 40.0) / top;
    let height = series.len() as f64 * ROW + 10.0;
    let rows = series
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let y = i as f64 * ROW + 4.0;
            view! {
                <text x=LEFT - 8.0 y=y + 15.0 text-anchor="end" class="axis-label">
                    {s.title.clone()}
                </text>
                <rect
                    class="bar-held"
                    x=LEFT
                    y=y
                    width=s.attendee_hours_per_month * scale
                    height=ROW - 8.0
                />
            }
        })
        .collect_view();
    view! {
        <h3>"Series by cost"</h3>
        <div class="chart-scroll" tabindex="0" role="group" aria-label="Chart of series by cost">
            <svg
                class="insights-chart"
                viewBox=format!("0 0 {WIDTH} {height}")
                role="img"
                aria-label="Attendee-hours a month per series, the costliest first"
            >
                {rows}
            </svg>
        </div>
        <div class="chart-scroll" tabindex="0" role="group" aria-label="The series' figures">
            <table>
                <caption>"Series, the costliest first"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Series"</th>
                        <th scope="col">"Hours a month"</th>
                        <th scope="col">"Cost a month"</th>
                        <th scope="col">"Worth it (of 5)"</th>
                        <th scope="col">"Advice"</th>
                    </tr>
                </thead>
                <tbody>
                    {series
                        .into_iter()
                        .map(|s| {
                            view! {
                                <tr>
                                    <th scope="row">
                                        <a href=format!("/series/{}", s.series_id)>{s.title}</a>
                                    </th>
                                    <td>{fmt(s.attendee_hours_per_month)}</td>
                                    <td>
                                        {s
                                            .cost_per_month
                                            .map(|c| format!("{c:.2}"))
                                            .unwrap_or_else(|| "—".into())}
                                    </td>
                                    <td>
                                        {s
                                            .worth_it
                                            .map(fmt)
                                            .unwrap_or_else(|| "fewer than 3 answers".into())}
                                    </td>
                                    <td>{s.advice.as_str().replace('_', " ")}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}
