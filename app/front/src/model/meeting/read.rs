//! A meeting as pages and the API read it: the brief's meeting, its list entry, and what its
//! viewer may do.

use super::vocabulary::*;
use crate::model::attendee::Attendee;
use crate::model::{AgendaItem, AttendeeId, MeetingId, PrereadId};
use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A meeting as its brief page and the API show it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Meeting {
    pub id: MeetingId,
    pub title: String,
    pub purpose_kind: PurposeKind,
    pub outcome: String,
    pub why_live: Option<String>,
    #[schema(value_type = Option<String>, format = DateTime)]
    pub starts_at: Option<Timestamp>,
    pub duration_minutes: u32,
    pub time_zone: String,
    #[schema(value_type = Option<String>, format = DateTime)]
    pub response_deadline: Option<Timestamp>,
    pub anonymous: bool,
    pub hourly_rate: Option<f64>,
    pub reminder_hours: u32,
    pub status: MeetingStatus,
    #[schema(value_type = String, format = DateTime)]
    pub created_at: Timestamp,
    #[schema(value_type = String, format = DateTime)]
    pub updated_at: Timestamp,
    pub agenda: Vec<AgendaItem>,
    pub attendees: Vec<Attendee>,
    /// Filled by the pre-reads; empty until then.
    pub prereads: Vec<PrereadSummary>,
    /// Who is looking: the organizer, or which attendee.
    pub viewer: MeetingViewer,
    /// Readiness in numbers, for everyone; who exactly is the organizer's view.
    pub readiness: ReadinessCounts,
    /// The team whose norms it is held to, if any.
    pub team_id: Option<crate::model::TeamId>,
    /// Everyone who organizes it, its creator first.
    pub organizers: Vec<crate::model::team::Organizer>,
    /// The team norms it breaks as it stands now.
    pub norm_breaches: Vec<crate::model::team::NormBreach>,
    /// The breaches it circulated with, and why.
    pub norm_exceptions: Vec<crate::model::team::NormException>,
    /// The series it is an occurrence of, if any, and its date in the series' zone.
    pub series_id: Option<crate::model::SeriesId>,
    #[schema(value_type = Option<String>, format = Date)]
    pub occurrence_date: Option<jiff::civil::Date>,
    /// What it carries from earlier occurrences of its series.
    pub carried_over: Vec<crate::model::series::CarriedOver>,
    /// The row's version, sent as the `ETag` header rather than in the body.
    #[serde(skip)]
    pub version: u64,
}

/// How many of the people invited said they are ready, or not needed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ReadinessCounts {
    pub invited: u32,
    pub ready: u32,
    pub not_needed: u32,
}

/// A pre-read as the meeting lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct PrereadSummary {
    pub id: PrereadId,
    pub title: String,
    pub required: bool,
    pub version: u32,
    pub reading_minutes: u32,
}

impl PrereadSummary {
    /// What a list of pre-reads says beside the title: " · required · about 8 min".
    pub fn meta(&self) -> String {
        format!(
            " · {} · about {} min",
            if self.required {
                "required"
            } else {
                "optional"
            },
            self.reading_minutes
        )
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct MeetingViewer {
    pub organizer: bool,
    /// A lead of the meeting's team reading it (not organizing it).
    #[serde(default)]
    pub lead: bool,
    pub attendee_id: Option<AttendeeId>,
}

/// A meeting as a list shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct MeetingSummary {
    pub id: MeetingId,
    pub title: String,
    pub purpose_kind: PurposeKind,
    pub status: MeetingStatus,
    #[schema(value_type = Option<String>, format = DateTime)]
    pub starts_at: Option<Timestamp>,
    /// The meeting's IANA time zone, the one its times are shown in.
    pub time_zone: String,
    pub attendee_count: u32,
    #[schema(value_type = String, format = DateTime)]
    pub created_at: Timestamp,
    /// The verdict right now (computed, never stored).
    pub verdict: Option<crate::model::outcome::VerdictKind>,
    /// The team whose norms it is held to, if any.
    pub team_id: Option<crate::model::TeamId>,
}

/// One page of meetings, newest start first (API.md, "Lists are pages").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct MeetingPage {
    pub meetings: Vec<MeetingSummary>,
    /// Where the next page starts; `null` on the last page.
    pub next_cursor: Option<String>,
}
