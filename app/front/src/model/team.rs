//! Teams (PRODUCT.md, "Teams: the norms a lead sets once"): members with a role, and the norms
//! every meeting of the team is held to. A norm is a rule with a recorded way out: [`breaches`]
//! says, from a brief as it stands, which norms it breaks and what would satisfy each.

use super::TimeOfDay;
use super::ids::TeamId;
use super::meeting::{HOURLY_RATE_MAX, PurposeKind};
use super::names::names;
use super::{UserId, char_len};
use crate::error::{AppError, Checks};
use jiff::{SignedDuration, Timestamp};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

pub const TEAM_NAME_MAX: usize = 200;
/// An exception's reason (API.md: 1–500 chars).
pub const EXCEPTION_REASON_MAX: usize = 500;

names! {
    /// What a member may do: a lead sets the norms and the members, and reads every meeting of
    /// the team; an organizer organizes the team's meetings.
    TeamRole("role", "Role") {
        Lead = "lead" / "Lead",
        Organizer = "organizer" / "Organizer",
    }
}

names! {
    /// A membership is `invited` until someone signs up with its address.
    MemberStatus("status", "Status") {
        Active = "active" / "Active",
        Invited = "invited" / "Invited",
    }
}

names! {
    /// A norm, by its field name (API.md): what breaches and exceptions name.
    Norm("norm", "Norm") {
        MaxInvitees = "max_invitees" / "Invitees",
        MinResponseHours = "min_response_hours" / "Response window",
        MinLeadHours = "min_lead_hours" / "Notice",
        NoMeetingDays = "no_meeting_days" / "No-meeting days",
        MaxMinutes = "max_minutes" / "Length",
        RequirePrereadFor = "require_preread_for" / "Pre-read",
    }
}

impl Norm {
    /// The brief's step where the organizer can satisfy it.
    pub fn step(self) -> &'static str {
        match self {
            Self::MaxInvitees => "people",
            Self::MinResponseHours
            | Self::MinLeadHours
            | Self::NoMeetingDays
            | Self::MaxMinutes => "purpose",
            Self::RequirePrereadFor => "prereads",
        }
    }
}

/// The norms, every field with its default (API.md, "Teams").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Norms {
    pub min_response_hours: u32,
    pub min_lead_hours: u32,
    pub max_invitees: u32,
    /// ISO weekdays, 1 = Monday.
    pub no_meeting_days: Vec<u8>,
    #[schema(value_type = String, example = "09:00")]
    pub core_start: TimeOfDay,
    #[schema(value_type = String, example = "17:00")]
    pub core_end: TimeOfDay,
    pub time_zone: String,
    pub max_minutes: u32,
    pub require_preread_for: Vec<PurposeKind>,
    pub anonymous_by_default: bool,
    pub hourly_rate: Option<f64>,
}

impl Default for Norms {
    fn default() -> Self {
        Self {
            min_response_hours: 24,
            min_lead_hours: 72,
            max_invitees: 8,
            no_meeting_days: Vec::new(),
            core_start: TimeOfDay::hm(9, 0),
            core_end: TimeOfDay::hm(17, 0),
            time_zone: "UTC".to_owned(),
            max_minutes: 60,
            require_preread_for: vec![PurposeKind::Decide],
            anonymous_by_default: false,
            hourly_rate: None,
        }
    }
}

/// Norms as a request sends them: each field optional, merged field by field onto the current
/// norms (or the defaults). Numbers are read wide so that out of range is a 422 naming the
/// field, not a malformed body.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NormsInput {
    pub min_response_hours: Option<i64>,
    pub min_lead_hours: Option<i64>,
    pub max_invitees: Option<i64>,
    pub no_meeting_days: Option<Vec<i64>>,
    #[schema(value_type = Option<String>)]
    pub core_start: Option<TimeOfDay>,
    #[schema(value_type = Option<String>)]
    pub core_end: Option<TimeOfDay>,
    pub time_zone: Option<String>,
    pub max_minutes: Option<i64>,
    pub require_preread_for: Option<Vec<PurposeKind>>,
    pub anonymous_by_default: Option<bool>,
    #[serde(default, deserialize_with = "super::input::nullable")]
    #[schema(value_type = Option<f64>)]
    pub hourly_rate: Option<Option<f64>>,
}

fn ranged(checks: &mut Checks, value: Option<i64>, name: &str, lo: i64, hi: i64) -> Option<u32> {
    let v = value?;
    if (lo..=hi).contains(&v) {
        Some(v as u32)
    } else {
        checks.add(
            &format!("norms.{name}"),
            format!("{name} must be between {lo} and {hi}"),
        );
        None
    }
}

impl NormsInput {
    /// The norms with these fields applied onto `current`, every broken rule at once. The time
    /// zone's name is checked against the time-zone database by the server.
    pub fn apply_to(self, current: Norms) -> Result<Norms, AppError> {
        let mut next = current;
        let mut checks = Checks::default();
        if let Some(v) = ranged(
            &mut checks,
            self.min_response_hours,
            "min_response_hours",
            0,
            336,
        ) {
            next.min_response_hours = v;
        }
        if let Some(v) = ranged(&mut checks, self.min_lead_hours, "min_lead_hours", 0, 720) {
            next.min_lead_hours = v;
        }
        if let Some(v) = ranged(&mut checks, self.max_invitees, "max_invitees", 1, 200) {
            next.max_invitees = v;
        }
        if let Some(v) = ranged(&mut checks, self.max_minutes, "max_minutes", 5, 480) {
            next.max_minutes = v;
        }
        if let Some(days) = self.no_meeting_days {
            let mut out: Vec<u8> = Vec::new();
            let mut bad = false;
            for d in days {
                match u8::try_from(d).ok().filter(|d| (1..=7).contains(d)) {
                    Some(day) if !out.contains(&day) => out.push(day),
                    Some(_) => {}
                    None => bad = true,
                }
            }
            if bad || out.len() == 7 {
                checks.add(
                    "norms.no_meeting_days",
                    if bad {
                        "no_meeting_days are ISO weekdays: 1 (Monday) to 7 (Sunday)"
                    } else {
                        "no_meeting_days cannot be every day of the week"
                    },
                );
            } else {
                out.sort_unstable();
                next.no_meeting_days = out;
            }
        }
        if let Some(t) = self.core_start {
            next.core_start = t;
        }
        if let Some(t) = self.core_end {
            next.core_end = t;
        }
        if next.core_end <= next.core_start {
            checks.add("norms.core_end", "core_end must be after core_start");
        }
        if let Some(zone) = self.time_zone {
            next.time_zone = zone.trim().to_owned();
        }
        if let Some(mut kinds) = self.require_preread_for {
            kinds.sort_by_key(|k| PurposeKind::ALL.iter().position(|a| a == k));
            kinds.dedup();
            next.require_preread_for = kinds;
        }
        if let Some(anonymous) = self.anonymous_by_default {
            next.anonymous_by_default = anonymous;
        }
        if let Some(rate) = self.hourly_rate {
            let valid = rate.is_none_or(|r| r.is_finite() && (0.0..=HOURLY_RATE_MAX).contains(&r));
            checks.check(
                valid,
                "norms.hourly_rate",
                format!("hourly_rate must be between 0 and {HOURLY_RATE_MAX}"),
            );
            if valid {
                next.hourly_rate = rate.map(|r| (r * 100.0).round() / 100.0);
            }
        }
        checks.finish()?;
        Ok(next)
    }
}

/// Creating a team.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct TeamInput {
    pub name: Option<String>,
    pub norms: Option<NormsInput>,
}

impl TeamInput {
    /// The name, trimmed and within its limit, or `None` when not sent.
    pub fn checked_name(&self) -> Result<Option<String>, AppError> {
        let Some(name) = &self.name else {
            return Ok(None);
        };
        let name = name.trim();
        let mut checks = Checks::default();
        checks
            .check(!name.is_empty(), "name", "Enter the team's name")
            .check(
                char_len(name) <= TEAM_NAME_MAX,
                "name",
                format!("A team's name is at most {TEAM_NAME_MAX} characters"),
            );
        checks.finish()?;
        Ok(Some(name.to_owned()))
    }
}

/// Adding a member by email.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct MemberInput {
    pub email: String,
    pub name: Option<String>,
    pub role: TeamRole,
}

/// A member as the team shows it: `user_id` once they have an account.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Member {
    pub user_id: Option<UserId>,
    pub name: String,
    pub email: String,
    pub role: TeamRole,
    pub status: MemberStatus,
}

/// A team as its members read it, with the caller's own role.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Team {
    pub id: TeamId,
    pub name: String,
    pub role: TeamRole,
    pub norms: Norms,
    pub members: Vec<Member>,
}

/// A team in the caller's list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct TeamSummary {
    pub id: TeamId,
    pub name: String,
    pub role: TeamRole,
}

/// One norm a brief breaks as it stands, and what would satisfy it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct NormBreach {
    pub norm: Norm,
    pub message: String,
}

/// Someone who organizes a meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Organizer {
    pub user_id: UserId,
    pub name: String,
}

/// A breach the organizer circulated anyway, with their reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct NormException {
    pub norm: Norm,
    pub reason: String,
    pub by: Organizer,
    #[schema(value_type = String, format = DateTime)]
    pub at: Timestamp,
}

/// What the norms are checked against: a brief as it stands.
#[derive(Debug, Clone, PartialEq)]
pub struct BriefFacts {
    /// People on the attendee list (organizers are not on it).
    pub invitees: u32,
    pub duration_minutes: u32,
    pub purpose_kind: PurposeKind,
    pub prereads: u32,
    pub starts_at: Option<Timestamp>,
    pub response_deadline: Option<Timestamp>,
    /// When it circulated, or now for a draft: where the windows are measured from.
    pub from: Timestamp,
    /// The start's ISO weekday in the team's time zone (1 = Monday), when it has a start.
    pub start_weekday: Option<u8>,
}

fn hours(n: u32) -> String {
    if n == 1 {
        "1 hour".to_owned()
    } else {
        format!("{n} hours")
    }
}

/// "Monday" for 1.
pub fn weekday_name(day: u8) -> &'static str {
    match day {
        1 => "Monday",
        2 => "Tuesday",
        3 => "Wednesday",
        4 => "Thursday",
        5 => "Friday",
        6 => "Saturday",
        _ => "Sunday",
    }
}

/// Every norm `facts` breaks, in the order of the brief's steps, each with what would satisfy it.
pub fn breaches(norms: &Norms, facts: &BriefFacts) -> Vec<NormBreach> {
    let mut out = Vec::new();
    let mut breach = |norm, message: String| out.push(NormBreach { norm, message });
    if facts.duration_minutes > norms.max_minutes {
        breach(
            Norm::MaxMinutes,
            format!(
                "{} minutes planned; your team's limit is {}. Shorten it, or say why.",
                facts.duration_minutes, norms.max_minutes
            ),
        );
    }
    if let Some(day) = facts.start_weekday
        && norms.no_meeting_days.contains(&day)
    {
        breach(
            Norm::NoMeetingDays,
            format!(
                "It starts on a {}, your team's no-meeting day. Move it to another day, or say why.",
                weekday_name(day)
            ),
        );
    }
    if let Some(start) = facts.starts_at {
        let lead = start.duration_since(facts.from);
        if lead < SignedDuration::from_hours(i64::from(norms.min_lead_hours)) {
            breach(
                Norm::MinLeadHours,
                format!(
                    "It starts {} after circulating; your team asks for at least {}. Move the start later, or say why.",
                    span_words(lead),
                    hours(norms.min_lead_hours)
                ),
            );
        }
    }
    if let Some(until) = facts.response_deadline.or(facts.starts_at) {
        let window = until.duration_since(facts.from);
        if window < SignedDuration::from_hours(i64::from(norms.min_response_hours)) {
            breach(
                Norm::MinResponseHours,
                format!(
                    "People get {} to respond; your team asks for at least {}. Move the response deadline later, or say why.",
                    span_words(window),
                    hours(norms.min_response_hours)
                ),
            );
        }
    }
    if facts.invitees > norms.max_invitees {
        breach(
            Norm::MaxInvitees,
            format!(
                "{} people invited; your team's limit is {}. Take {} off, or say why.",
                facts.invitees,
                norms.max_invitees,
                match facts.invitees - norms.max_invitees {
                    1 => "one".to_owned(),
                    n => n.to_string(),
                }
            ),
        );
    }
    if norms.require_preread_for.contains(&facts.purpose_kind) && facts.prereads == 0 {
        breach(
            Norm::RequirePrereadFor,
            format!(
                "Your team asks for a pre-read before a {} meeting. Add one, or say why.",
                facts.purpose_kind.as_str()
            ),
        );
    }
    out
}

/// "3 hours", "40 minutes", "no time" for a span that may be negative.
fn span_words(span: SignedDuration) -> String {
    let minutes = span.as_secs().max(0) / 60;
    match minutes {
        0 => "no time".to_owned(),
        m if m < 120 => format!("{m} minutes"),
        m => hours((m / 60) as u32),
    }
}

/// Checks an exception's reason: 1–500 characters after trimming.
pub fn exception_reason(reason: &str) -> Result<String, AppError> {
    let reason = reason.trim();
    let mut checks = Checks::default();
    checks
        .check(
            !reason.is_empty(),
            "exception.reason",
            "Say why this meeting breaks the team's norms",
        )
        .check(
            char_len(reason) <= EXCEPTION_REASON_MAX,
            "exception.reason",
            format!("The reason is at most {EXCEPTION_REASON_MAX} characters"),
        );
    checks.finish()?;
    Ok(reason.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts() -> BriefFacts {
        let from: Timestamp = "2026-12-01T09:00:00Z".parse().unwrap();
        BriefFacts {
            invitees: 8,
            duration_minutes: 60,
            purpose_kind: PurposeKind::Plan,
            prereads: 0,
            starts_at: Some(from + SignedDuration::from_hours(72)),
            response_deadline: Some(from + SignedDuration::from_hours(24)),
            from,
            start_weekday: Some(5),
        }
    }

    fn norms_hit(f: &BriefFacts, n: &Norms) -> Vec<Norm> {
        breaches(n, f).into_iter().map(|b| b.norm).collect()
    }

    #[test]
    fn at_each_bound_nothing_breaches() {
        assert_eq!(norms_hit(&facts(), &Norms::default()), vec![]);
    }

    #[test]
    fn one_past_each_bound_breaches_that_norm_alone() {
        let n = Norms::default();
        let mut f = facts();
        f.invitees = 9;
        assert_eq!(norms_hit(&f, &n), vec![Norm::MaxInvitees]);
        assert!(
            breaches(&n, &f)[0]
                .message
                .starts_with("9 people invited; your team's limit is 8. Take one off, or say why.")
        );
        let mut f = facts();
        f.duration_minutes = 61;
        assert_eq!(norms_hit(&f, &n), vec![Norm::MaxMinutes]);
        let mut f = facts();
        f.response_deadline = Some(f.from + SignedDuration::from_mins(24 * 60 - 1));
        assert_eq!(norms_hit(&f, &n), vec![Norm::MinResponseHours]);
        let mut f = facts();
        f.starts_at = Some(f.from + SignedDuration::from_mins(72 * 60 - 1));
        assert_eq!(norms_hit(&f, &n), vec![Norm::MinLeadHours]);
        let mut f = facts();
        f.purpose_kind = PurposeKind::Decide;
        assert_eq!(norms_hit(&f, &n), vec![Norm::RequirePrereadFor]);
        f.prereads = 1;
        assert_eq!(norms_hit(&f, &n), vec![]);
        let n = Norms {
            no_meeting_days: vec![5],
            ..Norms::default()
        };
        assert_eq!(norms_hit(&facts(), &n), vec![Norm::NoMeetingDays]);
    }

    #[test]
    fn without_a_deadline_the_window_runs_to_the_start_and_without_a_start_there_is_none() {
        let n = Norms::default();
        let mut f = facts();
        f.response_deadline = None;
        assert_eq!(norms_hit(&f, &n), vec![]);
        f.starts_at = None;
        f.start_weekday = None;
        assert_eq!(norms_hit(&f, &n), vec![]);
    }

    #[test]
    fn norms_merge_field_by_field_and_name_the_field_out_of_range() {
        let input = NormsInput {
            max_invitees: Some(5),
            ..NormsInput::default()
        };
        let merged = input.apply_to(Norms::default()).unwrap();
        assert_eq!(merged.max_invitees, 5);
        assert_eq!(merged.min_lead_hours, 72);
        for (input, field) in [
            (
                NormsInput {
                    min_response_hours: Some(337),
                    ..NormsInput::default()
                },
                "norms.min_response_hours",
            ),
            (
                NormsInput {
                    min_lead_hours: Some(-1),
                    ..NormsInput::default()
                },
                "norms.min_lead_hours",
            ),
            (
                NormsInput {
                    max_invitees: Some(0),
                    ..NormsInput::default()
                },
                "norms.max_invitees",
            ),
            (
                NormsInput {
                    max_minutes: Some(481),
                    ..NormsInput::default()
                },
                "norms.max_minutes",
            ),
            (
                NormsInput {
                    no_meeting_days: Some(vec![8]),
                    ..NormsInput::default()
                },
                "norms.no_meeting_days",
            ),
            (
                NormsInput {
                    core_start: Some(TimeOfDay::hm(18, 0)),
                    ..NormsInput::default()
                },
                "norms.core_end",
            ),
            (
                NormsInput {
                    hourly_rate: Some(Some(-3.0)),
                    ..NormsInput::default()
                },
                "norms.hourly_rate",
            ),
        ] {
            assert_eq!(
                input.apply_to(Norms::default()).unwrap_err().field(),
                Some(field)
            );
        }
        let edges = NormsInput {
            min_response_hours: Some(336),
            min_lead_hours: Some(0),
            max_invitees: Some(200),
            max_minutes: Some(5),
            no_meeting_days: Some(vec![3, 3, 1]),
            ..NormsInput::default()
        };
        let n = edges.apply_to(Norms::default()).unwrap();
        assert_eq!(n.no_meeting_days, vec![1, 3]);
    }

    #[test]
    fn an_exception_needs_a_reason_of_at_most_500() {
        assert!(exception_reason("  ").is_err());
        assert!(exception_reason(&"x".repeat(501)).is_err());
        assert_eq!(exception_reason(" Board asked ").unwrap(), "Board asked");
    }
}
