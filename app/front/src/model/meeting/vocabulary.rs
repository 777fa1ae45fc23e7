//! The words of a meeting: its limits, why it exists and where it is in its life.

use crate::model::names::names;

pub const TITLE_MAX: usize = 200;
pub const OUTCOME_MAX: usize = 10_000;
pub const DEFAULT_DURATION_MINUTES: u32 = 30;
pub const DEFAULT_TIME_ZONE: &str = "UTC";
pub const DURATION_MAX: u32 = 480;
pub const HOURLY_RATE_MAX: f64 = 100_000.0;
/// How long before the response deadline reminders go out, in hours (API.md).
pub const REMINDER_HOURS_DEFAULT: u32 = 24;
pub const REMINDER_HOURS_MAX: u32 = 168;

names! {
    /// Why the meeting exists (PRODUCT.md). The kind steers the verdict.
    #[derive(Default)]
    PurposeKind("purpose_kind", "Purpose kind") {
        #[default]
        Decide = "decide" / "Decide",
        Solve = "solve" / "Solve a problem",
        Brainstorm = "brainstorm" / "Brainstorm",
        Plan = "plan" / "Plan",
        Inform = "inform" / "Inform",
        Connect = "connect" / "Connect",
    }
}

impl PurposeKind {
    /// One line that helps the organizer pick honestly.
    pub fn explanation(self) -> &'static str {
        match self {
            Self::Decide => {
                "Reach a decision. Needs a decider; options and trade-offs can be written up first."
            }
            Self::Solve => {
                "Work through a problem together. Pre-reads and comments often solve much of it first."
            }
            Self::Brainstorm => {
                "Generate ideas together. One of the few kinds that gains from people in one room."
            }
            Self::Plan => {
                "Agree on who does what and when. Much of it can be drafted asynchronously."
            }
            Self::Inform => {
                "Share information. It rarely needs a meeting: a written update usually does it."
            }
            Self::Connect => "Build relationships and trust. Being together is the point.",
        }
    }
}

names! {
    /// Where a meeting is in its life (PRODUCT.md).
    #[derive(Default)]
    MeetingStatus("status", "Status") {
        #[default]
        Draft = "draft" / "Draft",
        Circulating = "circulating" / "Circulating",
        Held = "held" / "Held",
        Shortened = "shortened" / "Shortened",
        Cancelled = "cancelled" / "Cancelled",
    }
}
