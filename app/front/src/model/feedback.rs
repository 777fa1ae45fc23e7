//! "Was it worth it?" (API.md, "Action items and feedback"): one answer per person who met, kept
//! without the person and shown only in aggregate, from [`SHOWN_FROM`] answers on.

use super::names::names;
use crate::error::{AppError, Checks};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// The five answers, 1 to 5, as people read them (the mail's links and the page's choices).
pub const SCORE_LABELS: [&str; 5] = [
    "1 — not worth it",
    "2 — hardly",
    "3 — somewhat",
    "4 — worth it",
    "5 — very much worth it",
];

/// Below this many answers no figure is shown (a smaller group's average tells who said what).
pub const SHOWN_FROM: u32 = 3;
pub const NOTE_MAX: usize = 1_000;

names!(
    /// What would have made the meeting better.
    Better("better", "What would have made it better") {
        Agenda = "agenda" / "A clearer agenda",
        Focus = "focus" / "More focus",
        Participation = "participation" / "The right people, taking part",
        NextSteps = "next_steps" / "Clear next steps",
        CouldHaveBeenAsync = "could_have_been_async" / "It could have been async",
    }
);

/// `POST /api/v1/meetings/{id}/feedback`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct FeedbackInput {
    pub score: Option<i64>,
    #[serde(default)]
    pub better: Vec<Better>,
    pub note: Option<String>,
}

/// A valid answer: a score 1–5, each "better" once, a trimmed note (empty when none).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    pub score: u8,
    pub better: Vec<Better>,
    pub note: String,
}

impl FeedbackInput {
    pub fn validate(self) -> Result<Answer, AppError> {
        let note = self.note.map(|n| n.trim().to_owned()).unwrap_or_default();
        let mut checks = Checks::default();
        checks
            .check(self.score.is_some(), "score", "Choose a score from 1 to 5")
            .check(
                self.score.is_none_or(|s| (1..=5).contains(&s)),
                "score",
                "The score is a whole number from 1 to 5",
            )
            .check(
                note.chars().count() <= NOTE_MAX,
                "note",
                format!("The note must be at most {NOTE_MAX} characters"),
            );
        checks.finish()?;
        let mut better = self.better;
        better.sort_by_key(|b| b.as_str());
        better.dedup();
        Ok(Answer {
            score: self.score.and_then(|s| u8::try_from(s).ok()).unwrap_or(1),
            better,
            note,
        })
    }
}

/// How often each "better" was chosen.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct BetterCounts {
    pub agenda: u32,
    pub focus: u32,
    pub participation: u32,
    pub next_steps: u32,
    pub could_have_been_async: u32,
}

impl BetterCounts {
    pub fn get(&self, b: Better) -> u32 {
        match b {
            Better::Agenda => self.agenda,
            Better::Focus => self.focus,
            Better::Participation => self.participation,
            Better::NextSteps => self.next_steps,
            Better::CouldHaveBeenAsync => self.could_have_been_async,
        }
    }
}

/// `GET /api/v1/meetings/{id}/feedback`: `invited` are the people asked (those who met);
/// `average`, `better` and `notes` stay `null` while fewer than [`SHOWN_FROM`] answered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct FeedbackSummary {
    pub invited: u32,
    pub responses: u32,
    pub average: Option<f64>,
    pub better: Option<BetterCounts>,
    pub notes: Option<Vec<String>>,
}

/// A meeting's answers as stored: counts and notes, no person.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tally {
    pub responses: u32,
    pub score_total: u32,
    pub better: BetterCounts,
    pub notes: Vec<String>,
}

impl Tally {
    /// Adds one answer; its note (if any) goes in at place `draw % (notes + 1)`.
    pub fn add(&mut self, answer: &Answer, draw: u64) {
        self.responses += 1;
        self.score_total += u32::from(answer.score);
        for b in &answer.better {
            match b {
                Better::Agenda => self.better.agenda += 1,
                Better::Focus => self.better.focus += 1,
                Better::Participation => self.better.participation += 1,
                Better::NextSteps => self.better.next_steps += 1,
                Better::CouldHaveBeenAsync => self.better.could_have_been_async += 1,
            }
        }
        if !answer.note.is_empty() {
            let at = (draw % (self.notes.len() as u64 + 1)) as usize;
            self.notes.insert(at, answer.note.clone());
        }
    }

    /// What may be shown of it to the organizer or a lead.
    pub fn summary(&self, invited: u32) -> FeedbackSummary {
        let shown = self.responses >= SHOWN_FROM;
        FeedbackSummary {
            invited,
            responses: self.responses,
            average: shown.then(|| round2(f64::from(self.score_total) / f64::from(self.responses))),
            better: shown.then(|| self.better.clone()),
            notes: shown.then(|| self.notes.clone()),
        }
    }
}

/// Where the caller stands with the question, for their page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum OwnFeedback {
    /// Not one of the people asked (an organizer, a lead, informed, taken off).
    NotAsked,
    /// Why it cannot be answered yet (or at all).
    NotYet(String),
    Open,
    Answered,
}

/// The "Was it worth it?" page: the caller's standing, and the aggregate for those who may
/// read it (organizers, leads).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FeedbackPage {
    pub title: String,
    pub own: OwnFeedback,
    pub summary: Option<FeedbackSummary>,
}

pub fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_run_from_one_to_five() {
        for bad in [0, 6, -1] {
            let e = FeedbackInput {
                score: Some(bad),
                ..Default::default()
            }
            .validate()
            .unwrap_err();
            assert_eq!(e.field_errors()[0].field, "score");
        }
        assert!(FeedbackInput::default().validate().is_err());
        let a = FeedbackInput {
            score: Some(4),
            better: vec![Better::Focus, Better::Agenda, Better::Focus],
            note: Some("  shorter  ".into()),
        }
        .validate()
        .unwrap();
        assert_eq!(a.better, [Better::Agenda, Better::Focus]);
        assert_eq!(a.note, "shorter");
        let long = FeedbackInput {
            score: Some(3),
            note: Some("x".repeat(NOTE_MAX + 1)),
            ..Default::default()
        };
        assert_eq!(long.validate().unwrap_err().field_errors()[0].field, "note");
    }

    #[test]
    fn nothing_is_shown_below_three_answers() {
        let mut t = Tally {
            responses: 2,
            score_total: 9,
            notes: vec!["a".into()],
            ..Default::default()
        };
        let s = t.summary(5);
        assert_eq!((s.invited, s.responses), (5, 2));
        assert!(s.average.is_none() && s.better.is_none() && s.notes.is_none());
        t.responses = 3;
        t.score_total = 7;
        assert_eq!(t.summary(5).average, Some(2.33));
    }
}
