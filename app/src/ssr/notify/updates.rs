//! What time and comments cause Prework to say: the reminder before the deadline, the verdict
//! at it, a blocker alert, and the digests of new comments and replies. Built like the other
//! messages (`super::messages`), from what its reader may read: "Someone" when anonymous.

use super::messages::{Body, Composed, LINK, MeetingMail, clean, local_time, zone_of};
use crate::ssr::db::attendees::AttendeeRecord;
use jiff::Timestamp;

/// What is still open for one person before the deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Left {
    pub unread: u32,
    pub required: u32,
    pub polls: u32,
    pub not_ready: bool,
}

impl Left {
    pub fn is_empty(&self) -> bool {
        self.unread == 0 && self.polls == 0 && !self.not_ready
    }

    /// "2 of 3 required pre-reads, 1 poll, and saying you are ready".
    pub fn words(&self) -> String {
        let mut parts = Vec::new();
        if self.unread > 0 {
            parts.push(format!(
                "{} of {} required pre-read{}",
                self.unread,
                self.required,
                if self.required == 1 { "" } else { "s" }
            ));
        }
        if self.polls > 0 {
            parts.push(format!(
                "{} poll{}",
                self.polls,
                if self.polls == 1 { "" } else { "s" }
            ));
        }
        if self.not_ready {
            parts.push("saying you are ready".to_owned());
        }
        match parts.as_slice() {
            [] => String::new(),
            [one] => one.clone(),
            [init @ .., last] => format!("{}, and {last}", init.join(", ")),
        }
    }
}

/// One reminder before the response deadline, saying what is left; never sent to someone who
/// has done everything or said they are not needed.
pub fn reminder(
    m: &MeetingMail,
    person: &AttendeeRecord,
    deadline: Timestamp,
    left: Left,
) -> Composed {
    let zone = zone_of(person, m.record);
    let mut body = Body::default();
    body.para(&format!("Hello {},", clean(&person.fields.name)));
    body.para(&format!(
        "“{}” needs your part by {}. Still open for you: {}.",
        m.title(),
        local_time(deadline, zone),
        left.words()
    ));
    body.para("If you do not need to be there, say so on the brief: that counts too.");
    body.link("Your personal link", LINK);
    body.finish(format!("Reminder: {}", m.title()))
}

/// The verdict, to the organizer when the response deadline passes: they need not come to it.
pub fn deadline(m: &MeetingMail, organizer: &str, verdict: &crate::verdict::Verdict) -> Composed {
    let mut body = Body::default();
    body.para(&format!("Hello {},", clean(organizer)));
    body.para(&format!(
        "The response deadline for “{}” has passed. {}",
        m.title(),
        verdict.summary
    ));
    // the series' advice gets a paragraph of its own, so it is not also a reason
    let reasons: Vec<String> = verdict
        .reasons
        .iter()
        .filter(|r| r.signal != "series_advice")
        .map(|r| r.message.clone())
        .collect();
    body.list("Why:", &reasons);
    if let Some(advice) = m.record.occurrence.as_ref().and_then(|o| o.advice.as_ref()) {
        body.para(&format!(
            "What the series' history advises: {}. {}",
            advice.kind.label(),
            clean(&advice.message)
        ));
        if let Some(o) = &m.record.occurrence {
            body.link("The series", &format!("{}/series/{}", m.base, o.series_id));
        }
    }
    body.link(
        "Act on it (cancel, shorten or hold)",
        &format!("{}/verdict", m.brief_url()),
    );
    body.finish(format!(
        "Verdict: {} — {}",
        m.title(),
        verdict.verdict.label()
    ))
}

/// A new comment as a digest or a blocker alert shows it: who (or "Someone" in an anonymous
/// meeting), on which pre-read and paragraph, what kind, what it says.
#[derive(Debug, Clone)]
pub struct CommentLine {
    pub preread: String,
    pub quote: String,
    pub kind: crate::model::CommentKind,
    pub author: Option<String>,
    pub body: String,
    pub reply: bool,
}

impl CommentLine {
    fn words(&self) -> String {
        let who = self
            .author
            .as_deref()
            .map(clean)
            .unwrap_or_else(|| "Someone".to_owned());
        let what = if self.reply {
            "replied".to_owned()
        } else {
            format!("raised a {}", self.kind.label().to_lowercase())
        };
        let body = shortened(&clean(&self.body), 280);
        if self.quote.trim().is_empty() {
            format!("{who} {what}: {body}")
        } else {
            let quote = shortened(&clean(&self.quote), 80);
            format!("{who} {what} on “{quote}”: {body}")
        }
    }
}

/// `text` in at most `max` characters, cut at a word's end and marked "…" when cut (a cut
/// mid-word reads as a typo).
fn shortened(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let head: String = text.chars().take(max).collect();
    let cut = head
        .rfind(char::is_whitespace)
        .filter(|at| *at > head.len() / 2)
        .map_or(head.as_str(), |at| &head[..at]);
    format!(
        "{}…",
        cut.trim_end_matches(|c: char| c.is_whitespace() || c == ',')
    )
}

/// A blocker goes to the organizer at once (within their working hours), with a link to the
/// thread itself (`thread_url`).
pub fn blocker(m: &MeetingMail, organizer: &str, line: &CommentLine, thread_url: &str) -> Composed {
    let mut body = Body::default();
    body.para(&format!("Hello {},", clean(organizer)));
    body.para(&format!(
        "A blocker was raised on “{}” of “{}”. It holds the meeting until it is settled.",
        clean(&line.preread),
        m.title()
    ));
    body.para(&line.words());
    body.link("Read it in context", thread_url);
    body.finish(format!("Blocker: {}", m.title()))
}

/// The day's new threads and replies, grouped by pre-read, with readiness and the verdict as
/// it stands; at most one a working day.
pub fn digest(
    m: &MeetingMail,
    organizer: &str,
    lines: &[CommentLine],
    ready: u32,
    invited: u32,
    verdict: &crate::verdict::Verdict,
) -> Composed {
    let mut body = Body::default();
    body.para(&format!("Hello {},", clean(organizer)));
    body.para(&format!(
        "New on “{}”: {} comment{}. {ready} of {invited} say they are ready. {}",
        m.title(),
        lines.len(),
        if lines.len() == 1 { "" } else { "s" },
        verdict.summary
    ));
    let mut prereads: Vec<&str> = Vec::new();
    for line in lines {
        if !prereads.contains(&line.preread.as_str()) {
            prereads.push(&line.preread);
        }
    }
    for preread in prereads {
        let items: Vec<String> = lines
            .iter()
            .filter(|l| l.preread == preread)
            .map(CommentLine::words)
            .collect();
        body.list(&format!("On “{}”:", clean(preread)), &items);
    }
    body.link("Open the brief", &m.brief_url());
    body.finish(format!("Digest: {}", m.title()))
}

/// New replies in the threads someone wrote in, batched into their digest.
pub fn replies(m: &MeetingMail, person: &AttendeeRecord, lines: &[CommentLine]) -> Composed {
    let mut body = Body::default();
    body.para(&format!("Hello {},", clean(&person.fields.name)));
    body.para(&format!(
        "New replies in threads you wrote in, on “{}”:",
        m.title()
    ));
    let items: Vec<String> = lines.iter().map(CommentLine::words).collect();
    body.list("Replies:", &items);
    body.link("Answer on the brief", &m.brief_url());
    body.finish(format!("Replies: {}", m.title()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reminder_says_what_is_left() {
        let left = Left {
            unread: 2,
            required: 3,
            polls: 1,
            not_ready: true,
        };
        assert_eq!(
            left.words(),
            "2 of 3 required pre-reads, 1 poll, and saying you are ready"
        );
        let only = Left {
            unread: 0,
            required: 3,
            polls: 2,
            not_ready: false,
        };
        assert_eq!(only.words(), "2 polls");
        assert!(!only.is_empty());
    }
}
