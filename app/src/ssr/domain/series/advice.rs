//! What a series' history advises (PRODUCT.md: "when most recent occurrences were cancelled as
//! async or rated poorly, suggest meeting less often, going async, shortening, or ending the
//! series"). Pure: the history in, one piece of advice with its reason out.
//!
//! The rules look at the last [`WINDOW`] occurrences that are over or decided, newest first,
//! and say nothing but `keep` before there are [`AT_LEAST`] of them. In order:
//! 1. `end`: all of the last four were cancelled, or they were rated below 2 of 5 on average
//!    (over at least three rated ones).
//! 2. `go_async`: rated below 3 of 5 on average (over at least three rated ones).
//! 3. `less_often` when three or more of the window were cancelled and the series can meet
//!    half as often (an interval of 1 or 2); `go_async` when it already meets only every third
//!    or fourth week or month.
//! 4. `go_async`: two or more of the window were held although their verdict said cancel.
//! 5. `shorten`: two or more of the held ones (held or shortened) were shortened, or every
//!    held one was held shorter than planned; the message names the minutes they took.
//! 6. `keep` otherwise, with the counts.

use crate::model::MeetingStatus;
use crate::model::outcome::VerdictKind;
use crate::model::series::{Advice, AdviceKind, Frequency, HistoryEntry, Recurrence};

/// How many recent occurrences the advice weighs.
pub const WINDOW: usize = 4;
/// How many it needs before it advises anything but keeping the series.
pub const AT_LEAST: usize = 3;

/// One past occurrence, with what the history entry does not say: how long it was planned for
/// and how long it was held.
#[derive(Debug, Clone)]
pub struct Past<'a> {
    pub entry: &'a HistoryEntry,
    pub planned_minutes: u32,
    pub held_minutes: u32,
}

fn advice(kind: AdviceKind, message: String) -> Advice {
    Advice { kind, message }
}

/// "every other week", "every 4 weeks", "every other month".
fn every(frequency: Frequency, interval: u8) -> String {
    let unit = match frequency {
        Frequency::Weekly => "week",
        Frequency::Monthly => "month",
    };
    match interval {
        1 => format!("every {unit}"),
        2 => format!("every other {unit}"),
        n => format!("every {n} {unit}s"),
    }
}

/// The advice from `history` (newest first) for a series that repeats as `rule`.
pub fn advise(history: &[Past], rule: &Recurrence) -> Advice {
    let window: Vec<&Past> = history.iter().take(WINDOW).collect();
    let n = window.len();
    if n < AT_LEAST {
        return advice(
            AdviceKind::Keep,
            format!(
                "Too early to tell: {} so far. Advice comes once {AT_LEAST} occurrences are over.",
                match n {
                    0 => "no occurrence is over".to_owned(),
                    1 => "one occurrence is over".to_owned(),
                    n => format!("{n} occurrences are over"),
                }
            ),
        );
    }
    let cancelled = window
        .iter()
        .filter(|p| p.entry.status == MeetingStatus::Cancelled)
        .count();
    let held: Vec<&&Past> = window
        .iter()
        .filter(|p| {
            matches!(
                p.entry.status,
                MeetingStatus::Held | MeetingStatus::Shortened
            )
        })
        .collect();
    let rated: Vec<f64> = window.iter().filter_map(|p| p.entry.worth_it).collect();
    let average = (rated.len() >= AT_LEAST).then(|| rated.iter().sum::<f64>() / rated.len() as f64);

    if n >= WINDOW && cancelled == n {
        return advice(
            AdviceKind::End,
            format!(
                "All of the last {n} were cancelled as async: end the series and keep the work written."
            ),
        );
    }
    if let Some(avg) = average.filter(|a| *a < 2.0) {
        return advice(
            AdviceKind::End,
            format!(
                "The last {} were rated {avg:.1} of 5 on average: end the series.",
                rated.len()
            ),
        );
    }
    if let Some(avg) = average.filter(|a| *a < 3.0) {
        return advice(
            AdviceKind::GoAsync,
            format!(
                "The last {} were rated {avg:.1} of 5 on average: try the next ones async.",
                rated.len()
            ),
        );
    }
    if cancelled >= 3 {
        let doubled = rule.interval * 2;
        if doubled <= 4 {
            return advice(
                AdviceKind::LessOften,
                format!(
                    "{} of the last {n} were cancelled as async: meet {}.",
                    cancelled,
                    every(rule.frequency, doubled)
                ),
            );
        }
        return advice(
            AdviceKind::GoAsync,
            format!(
                "{} of the last {n} were cancelled as async, though it meets only {}: go async.",
                cancelled,
                every(rule.frequency, rule.interval)
            ),
        );
    }
    let held_against = held
        .iter()
        .filter(|p| p.entry.verdict == VerdictKind::Cancel)
        .count();
    if held_against >= 2 {
        return advice(
            AdviceKind::GoAsync,
            format!(
                "{held_against} of the last {n} were held although their verdict said they could be async: try going async."
            ),
        );
    }
    let shortened = held
        .iter()
        .filter(|p| p.entry.status == MeetingStatus::Shortened)
        .count();
    let all_shorter = !held.is_empty() && held.iter().all(|p| p.held_minutes < p.planned_minutes);
    if shortened >= 2 || (held.len() >= 2 && all_shorter) {
        let took = held.iter().map(|p| p.held_minutes).sum::<u32>() / held.len().max(1) as u32;
        let planned = held.first().map_or(0, |p| p.planned_minutes);
        return advice(
            AdviceKind::Shorten,
            format!(
                "{} of the last {} held were shorter than planned, {took} minutes on average: plan {took} minutes instead of {planned}.",
                held.iter()
                    .filter(|p| p.held_minutes < p.planned_minutes)
                    .count(),
                held.len()
            ),
        );
    }
    advice(
        AdviceKind::Keep,
        format!(
            "Of the last {n}, {} were held and {cancelled} cancelled: it earns its place.",
            held.len()
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::MeetingId;

    fn entry(status: MeetingStatus, verdict: VerdictKind, worth: Option<f64>) -> HistoryEntry {
        HistoryEntry {
            meeting_id: MeetingId::new(),
            occurrence_date: jiff::civil::date(2026, 12, 7),
            starts_at: "2026-12-07T10:00:00Z".parse().unwrap(),
            status,
            verdict,
            attendee_hours: 3.0,
            worth_it: worth,
        }
    }

    fn weekly(interval: u8) -> Recurrence {
        Recurrence {
            frequency: Frequency::Weekly,
            interval,
            weekdays: vec![1],
        }
    }

    fn advise_on(entries: &[HistoryEntry], minutes: &[(u32, u32)], rule: &Recurrence) -> Advice {
        let past: Vec<Past> = entries
            .iter()
            .zip(minutes.iter().chain(std::iter::repeat(&(60, 60))))
            .map(|(e, (planned, held))| Past {
                entry: e,
                planned_minutes: *planned,
                held_minutes: *held,
            })
            .collect();
        advise(&past, rule)
    }

    use MeetingStatus::{Cancelled, Held, Shortened};
    use VerdictKind::{Cancel, Hold};

    #[test]
    fn too_short_a_history_keeps_the_series() {
        let h = [
            entry(Cancelled, Cancel, None),
            entry(Cancelled, Cancel, None),
        ];
        let a = advise_on(&h, &[], &weekly(1));
        assert_eq!(a.kind, AdviceKind::Keep);
        assert!(a.message.contains("Too early"), "{}", a.message);
    }

    #[test]
    fn three_of_four_cancelled_meets_less_often() {
        let h = [
            entry(Cancelled, Cancel, None),
            entry(Cancelled, Cancel, None),
            entry(Held, Hold, None),
            entry(Cancelled, Cancel, None),
        ];
        let a = advise_on(&h, &[], &weekly(1));
        assert_eq!(a.kind, AdviceKind::LessOften);
        assert_eq!(
            a.message,
            "3 of the last 4 were cancelled as async: meet every other week."
        );
        // already every third week: half as often is too rare, so go async
        assert_eq!(advise_on(&h, &[], &weekly(3)).kind, AdviceKind::GoAsync);
    }

    #[test]
    fn all_four_cancelled_ends_it() {
        let h = [
            entry(Cancelled, Cancel, None),
            entry(Cancelled, Cancel, None),
            entry(Cancelled, Cancel, None),
            entry(Cancelled, Cancel, None),
        ];
        assert_eq!(advise_on(&h, &[], &weekly(1)).kind, AdviceKind::End);
    }

    #[test]
    fn held_against_the_verdict_goes_async() {
        let h = [
            entry(Held, Cancel, None),
            entry(Held, Hold, None),
            entry(Held, Cancel, None),
        ];
        let a = advise_on(&h, &[], &weekly(1));
        assert_eq!(a.kind, AdviceKind::GoAsync);
        assert!(
            a.message.starts_with("2 of the last 3 were held"),
            "{}",
            a.message
        );
    }

    #[test]
    fn consistently_shorter_shortens() {
        let h = [
            entry(Shortened, Hold, None),
            entry(Held, Hold, None),
            entry(Shortened, Hold, None),
        ];
        let a = advise_on(&h, &[(60, 40), (60, 60), (60, 35)], &weekly(1));
        assert_eq!(a.kind, AdviceKind::Shorten);
        assert!(a.message.contains("45 minutes on average"), "{}", a.message);
        assert!(a.message.contains("instead of 60"), "{}", a.message);
    }

    #[test]
    fn poor_ratings_go_async_and_very_poor_ones_end_it() {
        let h = [
            entry(Held, Hold, Some(2.5)),
            entry(Held, Hold, Some(2.8)),
            entry(Held, Hold, Some(2.4)),
        ];
        assert_eq!(advise_on(&h, &[], &weekly(1)).kind, AdviceKind::GoAsync);
        let worse = [
            entry(Held, Hold, Some(1.5)),
            entry(Held, Hold, Some(1.8)),
            entry(Held, Hold, Some(2.0)),
        ];
        assert_eq!(advise_on(&worse, &[], &weekly(1)).kind, AdviceKind::End);
    }

    #[test]
    fn a_healthy_series_is_kept() {
        let h = [
            entry(Held, Hold, Some(4.2)),
            entry(Cancelled, Cancel, None),
            entry(Held, Hold, None),
            entry(Held, Hold, None),
            entry(Cancelled, Cancel, None),
        ];
        let a = advise_on(&h, &[], &weekly(1));
        assert_eq!(a.kind, AdviceKind::Keep);
        assert_eq!(
            a.message,
            "Of the last 4, 3 were held and 1 cancelled: it earns its place."
        );
    }
}
