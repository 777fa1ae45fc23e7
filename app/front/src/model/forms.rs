//! What the browser's forms post: every answer as the text the person typed, so nothing is lost
//! to a parse error and each failure names its field. The server turns these into the typed
//! inputs (`ssr::forms`), the same ones the JSON API takes.

use serde::{Deserialize, Serialize};

/// The query parameter that carries a failed form's answers back to it (no-WASM posts).
pub const KEPT_PARAM: &str = "__form";

/// A page of this site to go back to after signing in: a path, never another origin (`//host`,
/// `/\\host`, a scheme) and nothing a header could not carry.
pub fn local_path(path: &str) -> Option<&str> {
    let local = path.starts_with('/')
        && !path.starts_with("//")
        && !path.starts_with("/\\")
        && path.len() <= 2_000
        && path.chars().all(|c| c.is_ascii_graphic());
    local.then_some(path)
}

/// `text` as a query-string value: unreserved characters and `/` stay, everything else is
/// percent-encoded (a space as `%20`, never `+`, which the router's query parser reads
/// literally).
pub fn query_value(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{local_path, query_value};

    #[test]
    fn query_values_are_percent_encoded() {
        assert_eq!(query_value("/meetings/1/people"), "/meetings/1/people");
        assert_eq!(query_value("a b+c&d=é"), "a%20b%2Bc%26d%3D%C3%A9");
    }

    #[test]
    fn only_paths_of_this_site_are_ways_back() {
        assert_eq!(local_path("/meetings/1/people"), Some("/meetings/1/people"));
        for other in [
            "//evil.example",
            "/\\evil.example",
            "https://evil.example",
            "",
            "meetings",
            "/a b",
            "/a\r\nX: y",
        ] {
            assert_eq!(local_path(other), None, "{other:?}");
        }
    }
}

/// The brief's first step.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PurposeForm {
    pub title: String,
    pub purpose_kind: String,
    pub outcome: String,
    #[serde(default)]
    pub why_live: String,
    /// `YYYY-MM-DDTHH:MM` in the meeting's time zone, or empty.
    #[serde(default)]
    pub starts_at: String,
    pub duration_minutes: String,
    pub time_zone: String,
    #[serde(default)]
    pub response_deadline: String,
    #[serde(default)]
    pub hourly_rate: String,
    /// A checkbox: present ("on") when ticked.
    #[serde(default)]
    pub anonymous: Option<String>,
    /// On a new meeting: the team it belongs to, or empty for the personal space.
    #[serde(default)]
    pub team_id: String,
    /// On a new meeting: the template it starts from, or empty.
    #[serde(default)]
    pub template_id: String,
    /// On an occurrence of a series: `series` to make the change to the series as well.
    #[serde(default)]
    pub apply_to: String,
}

/// The new-series form. Fields left empty take the template's values.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeriesForm {
    #[serde(default)]
    pub template_id: String,
    #[serde(default)]
    pub team_id: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub purpose_kind: String,
    #[serde(default)]
    pub outcome: String,
    #[serde(default)]
    pub duration_minutes: String,
    #[serde(default)]
    pub time_zone: String,
    /// `YYYY-MM-DDTHH:MM` in the series' time zone.
    #[serde(default)]
    pub first_start: String,
    #[serde(default)]
    pub frequency: String,
    #[serde(default)]
    pub interval: String,
    /// Weekly only: the days it meets (none ticked: the first start's day).
    #[serde(default)]
    pub days: Option<DaysForm>,
    /// `YYYY-MM-DD`
    #[serde(default)]
    pub ends_on: String,
    /// A checkbox: present ("on") when ticked.
    #[serde(default)]
    pub auto_circulate: Option<String>,
    /// One person per line: `Name <email>, role, reason`.
    #[serde(default)]
    pub people: String,
}

/// One person on the invitation list.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonForm {
    pub name: String,
    pub email: String,
    pub role: String,
    #[serde(default)]
    pub reason: String,
    /// Empty: the meeting's time zone.
    #[serde(default)]
    pub time_zone: String,
    #[serde(default)]
    pub work_start: String,
    #[serde(default)]
    pub work_end: String,
    /// Absent: the form had no working days (the person's stay as they are).
    #[serde(default)]
    pub days: Option<DaysForm>,
}

/// Working days as seven checkboxes, `d1` (Monday) to `d7` (Sunday), each present when ticked,
/// beside a hidden `shown` field: a form that showed the boxes with none ticked chose no day (an
/// error), where a form without them leaves the days as they are.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DaysForm {
    #[serde(default)]
    pub shown: Option<String>,
    #[serde(default)]
    pub d1: Option<String>,
    #[serde(default)]
    pub d2: Option<String>,
    #[serde(default)]
    pub d3: Option<String>,
    #[serde(default)]
    pub d4: Option<String>,
    #[serde(default)]
    pub d5: Option<String>,
    #[serde(default)]
    pub d6: Option<String>,
    #[serde(default)]
    pub d7: Option<String>,
}

impl DaysForm {
    pub const NAMES: [&'static str; 7] = [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ];

    pub fn none() -> Self {
        Self::of(&[])
    }

    /// The boxes ticked for these ISO weekdays (1 = Monday ... 7 = Sunday).
    pub fn of(days: &[u8]) -> Self {
        let tick = |d: u8| days.contains(&d).then(|| "on".to_owned());
        Self {
            shown: Some("1".to_owned()),
            d1: tick(1),
            d2: tick(2),
            d3: tick(3),
            d4: tick(4),
            d5: tick(5),
            d6: tick(6),
            d7: tick(7),
        }
    }

    /// The ISO weekdays ticked, Monday first.
    pub fn ticked(&self) -> Vec<i64> {
        [
            &self.d1, &self.d2, &self.d3, &self.d4, &self.d5, &self.d6, &self.d7,
        ]
        .into_iter()
        .zip(1..)
        .filter_map(|(d, n)| d.is_some().then_some(n))
        .collect()
    }
}

impl Default for DaysForm {
    /// Monday to Friday, like [`super::WorkDays`].
    fn default() -> Self {
        Self::of(super::WorkDays::default().days())
    }
}

/// The sign-up answers a failed sign-up keeps (never the password).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountKept {
    pub name: String,
    pub email: String,
}

/// The organizer's own name and working hours (`/settings`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileForm {
    pub name: String,
    /// Empty: none given (their meetings' zones are used).
    #[serde(default)]
    pub time_zone: String,
    #[serde(default)]
    pub work_start: String,
    #[serde(default)]
    pub work_end: String,
    #[serde(default)]
    pub days: Option<DaysForm>,
}

/// A webhook to register: each event a checkbox named after it, dots as underscores.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WebhookForm {
    pub url: String,
    #[serde(default)]
    pub format: String,
    #[serde(default)]
    pub meeting_circulated: Option<String>,
    #[serde(default)]
    pub comment_created: Option<String>,
    #[serde(default)]
    pub readiness_changed: Option<String>,
    #[serde(default)]
    pub poll_closed: Option<String>,
    #[serde(default)]
    pub deadline_reached: Option<String>,
    #[serde(default)]
    pub decision_made: Option<String>,
    #[serde(default)]
    pub action_created: Option<String>,
    #[serde(default)]
    pub action_done: Option<String>,
    #[serde(default)]
    pub feedback_summary: Option<String>,
}

impl WebhookForm {
    /// The form field of `event`: `comment.created` is `comment_created`.
    pub fn field(event: super::delivery::WebhookEvent) -> String {
        event.as_str().replace('.', "_")
    }

    pub fn ticked(&self, event: super::delivery::WebhookEvent) -> bool {
        use super::delivery::WebhookEvent as E;
        match event {
            E::MeetingCirculated => &self.meeting_circulated,
            E::CommentCreated => &self.comment_created,
            E::ReadinessChanged => &self.readiness_changed,
            E::PollClosed => &self.poll_closed,
            E::DeadlineReached => &self.deadline_reached,
            E::DecisionMade => &self.decision_made,
            E::ActionCreated => &self.action_created,
            E::ActionDone => &self.action_done,
            E::FeedbackSummary => &self.feedback_summary,
        }
        .is_some()
    }
}

/// One agenda item.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemForm {
    pub title: String,
    pub kind: String,
    pub minutes: String,
    /// Empty: nobody yet.
    #[serde(default)]
    pub owner_id: String,
    /// A checkbox: present when the item was settled without meeting.
    #[serde(default)]
    pub resolved_async: Option<String>,
    #[serde(default)]
    pub resolution: String,
}

/// A pre-read, as its editor posts it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrereadForm {
    pub title: String,
    pub markdown: String,
    /// A checkbox: present when reading it is required.
    #[serde(default)]
    pub required: Option<String>,
}

/// A comment or reply.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommentForm {
    #[serde(default)]
    pub block_id: String,
    pub kind: String,
    pub body: String,
    #[serde(default)]
    pub parent_id: String,
}

/// A new poll; options one per line.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PollForm {
    pub question: String,
    pub options: String,
    #[serde(default)]
    pub hide_results: Option<String>,
    #[serde(default)]
    pub anonymous: Option<String>,
    /// `YYYY-MM-DDTHH:MM` in the meeting's time zone, or empty.
    #[serde(default)]
    pub closes_at: String,
}

/// A team's norms as the lead's form posts them: every field text, the days and purpose kinds
/// as checkboxes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NormsForm {
    pub min_response_hours: String,
    pub min_lead_hours: String,
    pub max_invitees: String,
    pub max_minutes: String,
    pub core_start: String,
    pub core_end: String,
    pub time_zone: String,
    #[serde(default)]
    pub hourly_rate: String,
    #[serde(default)]
    pub anonymous_by_default: Option<String>,
    /// The no-meeting days.
    #[serde(default)]
    pub days: Option<DaysForm>,
    /// The purpose kinds that need a pre-read, each present when ticked.
    #[serde(default)]
    pub preread: std::collections::BTreeMap<String, String>,
}

impl NormsForm {
    pub fn of(n: &crate::model::team::Norms) -> Self {
        Self {
            min_response_hours: n.min_response_hours.to_string(),
            min_lead_hours: n.min_lead_hours.to_string(),
            max_invitees: n.max_invitees.to_string(),
            max_minutes: n.max_minutes.to_string(),
            core_start: n.core_start.to_string(),
            core_end: n.core_end.to_string(),
            time_zone: n.time_zone.clone(),
            hourly_rate: n.hourly_rate.map(|r| r.to_string()).unwrap_or_default(),
            anonymous_by_default: n.anonymous_by_default.then(|| "on".to_owned()),
            days: Some(DaysForm::of(&n.no_meeting_days)),
            preread: n
                .require_preread_for
                .iter()
                .map(|k| (k.as_str().to_owned(), "on".to_owned()))
                .collect(),
        }
    }
}

/// Adding a member on the team page.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberForm {
    pub email: String,
    #[serde(default)]
    pub name: String,
    pub role: String,
}

/// "Was it worth it?" as its page posts it: the score, a checkbox per "better", the note.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedbackForm {
    pub score: String,
    #[serde(default)]
    pub agenda: Option<String>,
    #[serde(default)]
    pub focus: Option<String>,
    #[serde(default)]
    pub participation: Option<String>,
    #[serde(default)]
    pub next_steps: Option<String>,
    #[serde(default)]
    pub could_have_been_async: Option<String>,
    #[serde(default)]
    pub note: String,
}

impl FeedbackForm {
    /// The form as the API's input: a score that is no number is out of range.
    pub fn input(&self) -> super::feedback::FeedbackInput {
        use super::feedback::Better;
        let ticked = [
            (&self.agenda, Better::Agenda),
            (&self.focus, Better::Focus),
            (&self.participation, Better::Participation),
            (&self.next_steps, Better::NextSteps),
            (&self.could_have_been_async, Better::CouldHaveBeenAsync),
        ];
        super::feedback::FeedbackInput {
            score: Some(self.score.trim().parse().unwrap_or(0)),
            better: ticked
                .iter()
                .filter(|(v, _)| v.is_some())
                .map(|(_, b)| *b)
                .collect(),
            note: Some(self.note.clone()).filter(|n| !n.trim().is_empty()),
        }
    }
}

/// An action item as the outcome page adds it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionForm {
    pub title: String,
    pub owner_id: String,
    pub due_on: String,
    #[serde(default)]
    pub note: String,
}

impl ActionForm {
    /// The form as the API's input; a field that does not parse is named as missing.
    pub fn input(&self) -> super::action::ActionInput {
        super::action::ActionInput {
            title: Some(self.title.clone()),
            owner_id: self.owner_id.parse().ok(),
            due_on: self.due_on.trim().parse().ok(),
            note: Some(self.note.clone()),
            done: None,
        }
    }
}

/// The decision form's optional action items: two rows of what, who and when.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionActionsForm {
    #[serde(default)]
    pub a1_title: String,
    #[serde(default)]
    pub a1_owner: String,
    #[serde(default)]
    pub a1_due: String,
    #[serde(default)]
    pub a2_title: String,
    #[serde(default)]
    pub a2_owner: String,
    #[serde(default)]
    pub a2_due: String,
}

impl DecisionActionsForm {
    /// The rows that say anything, as the decision's `actions` (a row with a title but no
    /// owner or date is checked, and named, like any other).
    pub fn inputs(&self) -> Vec<super::action::ActionInput> {
        [
            (&self.a1_title, &self.a1_owner, &self.a1_due),
            (&self.a2_title, &self.a2_owner, &self.a2_due),
        ]
        .into_iter()
        .filter(|(t, o, d)| !(t.trim().is_empty() && o.is_empty() && d.is_empty()))
        .map(|(t, o, d)| super::action::ActionInput {
            title: Some(t.clone()),
            owner_id: o.parse().ok(),
            due_on: d.trim().parse().ok(),
            note: None,
            done: None,
        })
        .collect()
    }
}
