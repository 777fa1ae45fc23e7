//! A lead's view of the team's meeting load (API.md, "Insights (a team's lead)").

use super::SeriesId;
use super::series::AdviceKind;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// `weeks` when none is asked for, and the most one may ask for.
pub const WEEKS_DEFAULT: u32 = 12;
pub const WEEKS_MAX: u32 = 52;

/// One ISO week in the team's zone. Attendee-hours count the people who would be in the room
/// (not `informed` people, not those who said they are not needed).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct WeekFigures {
    /// `2026-W48`
    pub week: String,
    pub held: u32,
    pub shortened: u32,
    pub cancelled: u32,
    pub attendee_hours_planned: f64,
    pub attendee_hours_held: f64,
    pub attendee_hours_saved: f64,
    /// `null` without an hourly rate.
    pub cost_planned: Option<f64>,
    pub cost_saved: Option<f64>,
}

/// A member's hours in meetings, on average over the weeks asked for (hours only: never what
/// they answered).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct PersonFigures {
    pub name: String,
    pub email: String,
    pub hours_per_week: f64,
}

/// A series of the team, ranked by cost.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct SeriesFigures {
    pub series_id: SeriesId,
    pub title: String,
    pub attendee_hours_per_month: f64,
    pub cost_per_month: Option<f64>,
    /// The average score of its occurrences' answers; `null` below 3 answers.
    pub worth_it: Option<f64>,
    pub advice: AdviceKind,
}

/// How often the organizers circulated past a norm.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ExceptionCount {
    pub norm: String,
    pub count: u32,
}

/// `GET /api/v1/teams/{id}/insights`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Insights {
    /// Oldest first, ending with the current week; empty weeks as zeros.
    pub weeks: Vec<WeekFigures>,
    pub people: Vec<PersonFigures>,
    pub series: Vec<SeriesFigures>,
    pub exceptions: Vec<ExceptionCount>,
}

/// The CSV's header: the `weeks` field names.
pub const CSV_HEADER: [&str; 9] = [
    "week",
    "held",
    "shortened",
    "cancelled",
    "attendee_hours_planned",
    "attendee_hours_held",
    "attendee_hours_saved",
    "cost_planned",
    "cost_saved",
];

impl Insights {
    /// `text/csv` (RFC 4180): the header, then one row per week; a missing cost is empty.
    pub fn csv(&self) -> String {
        let mut out = CSV_HEADER.join(",");
        out.push_str("\r\n");
        let money = |v: Option<f64>| v.map(|v| format!("{v:.2}")).unwrap_or_default();
        for w in &self.weeks {
            out.push_str(&format!(
                "{},{},{},{},{:.2},{:.2},{:.2},{},{}\r\n",
                w.week,
                w.held,
                w.shortened,
                w.cancelled,
                w.attendee_hours_planned,
                w.attendee_hours_held,
                w.attendee_hours_saved,
                money(w.cost_planned),
                money(w.cost_saved),
            ));
        }
        out
    }
}

/// An ISO week's name: `2026-W05`.
pub fn week_name(date: jiff::civil::Date) -> String {
    let w = date.iso_week_date();
    format!("{:04}-W{:02}", w.year(), w.week())
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn iso_weeks_cross_the_year_as_iso_says() {
        assert_eq!(week_name(date(2026, 11, 30)), "2026-W49");
        assert_eq!(week_name(date(2027, 1, 1)), "2026-W53");
        assert_eq!(week_name(date(2024, 12, 30)), "2025-W01");
    }
}
