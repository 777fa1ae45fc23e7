//! What each message says, as plain text and HTML. Composed when queued, from what everyone on
//! the list may read (the outcome record and the brief, never an author or a ballot); the
//! personal link is a placeholder until the moment of sending, so no stored body holds a secret.

use crate::model::outcome::Decision;
use crate::model::prose::{outcome_phrase, sentence};
use crate::model::{AgendaItem, AttendeeId, Role};
use crate::ssr::db::attendees::AttendeeRecord;
use crate::ssr::db::meetings::MeetingRecord;
use crate::ssr::db::prereads::PrereadRecord;
use crate::ssr::text::escape::{html, one_line};
use jiff::Timestamp;
use jiff::tz::TimeZone;
use std::fmt::Write;

/// Stands for the recipient's personal link in a stored body.
pub const LINK: &str = "%%PREWORK_PERSONAL_LINK%%";

/// A message's words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Composed {
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// What every message about one meeting draws on.
pub struct MeetingMail<'a> {
    pub record: &'a MeetingRecord,
    pub organizer: &'a str,
    pub prereads: &'a [PrereadRecord],
    /// The app's public origin, for links.
    pub base: &'a str,
}

impl MeetingMail<'_> {
    pub(super) fn title(&self) -> String {
        clean(&self.record.fields.title)
    }

    pub(super) fn brief_url(&self) -> String {
        format!("{}/meetings/{}", self.base, self.record.id)
    }
}

/// People's text on one line, without anything that could stand for the link.
pub(super) fn clean(text: &str) -> String {
    one_line(text).replace(LINK, "")
}

/// Free text (an outcome, a reason) with its line breaks, without the link's placeholder.
fn clean_block(text: &str) -> String {
    text.replace(LINK, "")
        .replace("\r\n", "\n")
        .replace('\r', "\n")
}

/// A time in the recipient's zone: "Tue 1 Dec 2026, 10:00 (America/New_York)".
pub fn local_time(at: Timestamp, zone: &str) -> String {
    let tz = TimeZone::get(zone).unwrap_or(TimeZone::UTC);
    format!(
        "{} ({zone})",
        at.to_zoned(tz).strftime("%a %-d %b %Y, %H:%M")
    )
}

/// The zone a person reads times in: their own, else the meeting's.
pub fn zone_of<'a>(person: &'a AttendeeRecord, meeting: &'a MeetingRecord) -> &'a str {
    person
        .fields
        .time_zone
        .as_deref()
        .unwrap_or(&meeting.fields.time_zone)
}

/// Plain text and HTML built side by side, paragraph by paragraph.
#[derive(Default)]
pub(super) struct Body {
    pub(super) text: String,
    pub(super) html: String,
}

impl Body {
    pub(super) fn para(&mut self, text: &str) {
        let _ = writeln!(self.text, "{text}\n");
        let _ = writeln!(self.html, "<p>{}</p>", html(text).replace('\n', "<br>"));
    }

    pub(super) fn link(&mut self, label: &str, url: &str) {
        let _ = writeln!(self.text, "{label}: {url}\n");
        let _ = writeln!(
            self.html,
            "<p><a href=\"{}\">{}</a></p>",
            html(url),
            html(label)
        );
    }

    pub(super) fn list(&mut self, heading: &str, items: &[String]) {
        if items.is_empty() {
            return;
        }
        let _ = writeln!(self.text, "{heading}");
        let _ = writeln!(self.html, "<p>{}</p><ul>", html(heading));
        for item in items {
            let _ = writeln!(self.text, "- {item}");
            let _ = writeln!(self.html, "<li>{}</li>", html(item));
        }
        self.text.push('\n');
        self.html.push_str("</ul>\n");
    }

    pub(super) fn finish(self, subject: String) -> Composed {
        Composed {
            subject,
            text: self.text,
            html: format!(
                "<!DOCTYPE html><html><body style=\"font-family: sans-serif; line-height: 1.5\">\n{}</body></html>\n",
                self.html
            ),
        }
    }
}

/// What an invitation asks of its reader besides reading, and the agenda it shows.
#[derive(Default)]
pub struct Asks<'a> {
    pub agenda: &'a [AgendaItem],
    /// Who owns each agenda item.
    pub owners: &'a [(AttendeeId, String)],
    /// The questions of the polls still open.
    pub polls: &'a [String],
}

/// The invitation: why the meeting exists, why this person is on it, what is asked of them and
/// by when (in their own time), the agenda, and their personal link.
pub fn invitation(m: &MeetingMail, person: &AttendeeRecord, asks: &Asks) -> Composed {
    let f = &m.record.fields;
    let zone = zone_of(person, m.record);
    let mut body = Body::default();
    body.para(&format!("Hello {},", clean(&person.fields.name)));
    body.para(&format!(
        "{} asks you to prepare for “{}”.",
        clean(m.organizer),
        m.title()
    ));
    body.para(&format!(
        "Purpose: {}. By the end we will have: {}",
        f.purpose_kind.label(),
        sentence(&clean_block(outcome_phrase(&f.outcome)))
    ));
    if let Some(why) = f.why_live.as_deref().filter(|w| !w.trim().is_empty()) {
        body.para(&format!(
            "Why it needs a meeting: {}",
            sentence(&clean_block(why))
        ));
    }
    // the reason stays as the organizer wrote it, after a colon: no case to guess, no stop doubled
    let role = person.fields.role.label().to_lowercase();
    let reason = clean(&person.fields.reason);
    body.para(&if reason.trim().is_empty() {
        format!("You are here as {role}.")
    } else {
        format!("You are here as {role}. Why you: {}", sentence(&reason))
    });
    if let Some(start) = f.starts_at {
        body.para(&format!(
            "When: {}, for {} minutes.",
            local_time(start, zone),
            f.duration_minutes
        ));
    }
    let mut asked: Vec<String> = m
        .prereads
        .iter()
        .map(|p| {
            format!(
                "Read “{}” (about {} min{})",
                clean(&p.title),
                p.reading_minutes.max(1),
                if p.required { "" } else { ", optional" }
            )
        })
        .collect();
    asked.extend(
        asks.polls
            .iter()
            .map(|q| format!("Answer the poll “{}”", clean(q))),
    );
    asked.push(
        "Then say “I'm ready” on the brief, or “I don't need to be there” if the meeting can do without you"
            .to_owned(),
    );
    let by = f
        .response_deadline
        .map(|deadline| format!(" by {}", local_time(deadline, zone)))
        .unwrap_or_default();
    body.list(&format!("What we ask of you{by}:"), &asked);
    if f.response_deadline.is_some() {
        body.para("Nobody expects an answer at once: do it when it suits your day.");
    }
    let planned: u32 = asks.agenda.iter().map(|i| i.minutes).sum();
    let agenda: Vec<String> = asks
        .agenda
        .iter()
        .map(|item| {
            let owner = item
                .owner_id
                .and_then(|o| asks.owners.iter().find(|(id, _)| *id == o))
                .map(|(_, name)| format!(", led by {}", clean(name)))
                .unwrap_or_default();
            format!(
                "{} ({}, {} min{owner})",
                clean(&item.title),
                item.kind.label().to_lowercase(),
                item.minutes
            )
        })
        .collect();
    body.list(
        &format!("Agenda ({planned} of {} minutes):", f.duration_minutes),
        &agenda,
    );
    body.link(
        "Your personal link (it opens the brief as you; keep it to yourself)",
        LINK,
    );
    body.finish(format!("Prepare for: {}", m.title()))
}

/// A `mailto:` URI (RFC 6068) that opens `composed` to `to` in the sender's own mail program,
/// with `link` in place of the personal link's placeholder.
pub fn mailto(to: &str, composed: &Composed, link: &str) -> String {
    use crate::model::forms::query_value;
    let to = match to.trim().rsplit_once('@') {
        Some((local, domain)) => format!("{}@{}", query_value(local), query_value(domain)),
        None => query_value(to.trim()),
    };
    // Line breaks in a `mailto:` body are CRLF.
    let body = composed
        .text
        .replace(LINK, link)
        .trim_end()
        .replace('\n', "\r\n");
    format!(
        "mailto:{to}?subject={}&body={}",
        query_value(&composed.subject),
        query_value(&body)
    )
}

/// For `informed` people: the outcome will reach them instead of a meeting.
pub fn informed_notice(m: &MeetingMail, person: &AttendeeRecord) -> Composed {
    let mut body = Body::default();
    body.para(&format!("Hello {},", clean(&person.fields.name)));
    body.para(&format!(
        "{} keeps you informed about “{}”. You do not need to attend: you will receive the written outcome when it is decided.",
        clean(m.organizer),
        m.title()
    ));
    body.link("Read the brief whenever you like", LINK);
    body.finish(format!("For your information: {}", m.title()))
}

/// The outcome record, to everyone on the list; a cancellation says so in its subject (and
/// carries the calendar cancellation).
pub(super) fn outcome(
    m: &MeetingMail,
    person: &AttendeeRecord,
    decision: Decision,
    record: (&str, &str),
    yours: &Body,
) -> Composed {
    let (record_markdown, record_html) = record;
    let subject = match decision {
        Decision::Cancel => format!("Cancelled: {}", m.title()),
        Decision::Shorten => format!("Shortened: {}", m.title()),
        Decision::Hold => format!("Outcome: {}", m.title()),
    };
    let greeting = format!("Hello {},", clean(&person.fields.name));
    let intro = match (decision, person.invited, person.fields.role) {
        (Decision::Cancel, _, _) => "The meeting is cancelled; the work goes on in writing.",
        (_, false, _) => "You are no longer on the invitation; here is what was decided.",
        (_, _, Role::Informed) => "Here is what was decided; no need to attend.",
        _ => "Here is what was decided before the meeting.",
    };
    let url = m.brief_url();
    // `yours`: what is the reader's own to do (their action items), before the record
    let text = format!(
        "{greeting}\n\n{intro}\n\n{}{}\n\nThe brief: {url}\n",
        yours.text,
        clean_block(&crate::ssr::text::escape::markdown_to_text(record_markdown))
    );
    let html = format!(
        "<!DOCTYPE html><html><body style=\"font-family: sans-serif; line-height: 1.5\">\n<p>{}</p>\n<p>{}</p>\n{}{}\n<p><a href=\"{}\">The brief</a></p>\n</body></html>\n",
        html(&greeting),
        html(intro),
        yours.html,
        record_html.replace(LINK, ""),
        html(&url)
    );
    Composed {
        subject,
        text,
        html,
    }
}

/// The invitation to join a team, for an address without an account: who asked, and the
/// sign-up link (signing up with this address makes the membership active).
pub fn team_invitation(base: &str, team: &str, inviter: &str, name: &str, email: &str) -> Composed {
    let mut body = Body::default();
    body.para(&format!("Hello {},", clean(name)));
    body.para(&format!(
        "{} added you to the team “{}” on Prework, where the team's meetings are briefed, read and commented on before anyone meets, and only held when they must be.",
        clean(inviter),
        clean(team)
    ));
    body.para(&format!(
        "Create your account with this address ({}) and you are in the team.",
        clean(email)
    ));
    body.link("Create your account", &format!("{base}/signup"));
    body.finish(format!("Join the team {} on Prework", clean(team)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::attendee::AttendeeFields;
    use crate::model::{MeetingFields, MeetingId, MeetingStatus, PurposeKind};

    fn meeting() -> MeetingRecord {
        MeetingRecord {
            team_id: None,
            circulated_at: None,
            id: MeetingId::new(),
            organizer_id: None,
            fields: MeetingFields {
                title: "Vendor <choice>".into(),
                purpose_kind: PurposeKind::Decide,
                outcome: "A signed %%PREWORK_PERSONAL_LINK%% contract".into(),
                why_live: None,
                starts_at: Some("2026-12-01T15:00:00Z".parse().unwrap()),
                duration_minutes: 45,
                time_zone: "Europe/Paris".into(),
                response_deadline: Some("2026-11-30T15:00:00Z".parse().unwrap()),
                anonymous: false,
                hourly_rate_cents: None,
                reminder_hours: 24,
            },
            status: MeetingStatus::Circulating,
            created_at: Timestamp::UNIX_EPOCH,
            updated_at: Timestamp::UNIX_EPOCH,
            version: 1,
            revision: 0,
            occurrence: None,
        }
    }

    fn person(zone: Option<&str>) -> AttendeeRecord {
        AttendeeRecord {
            id: crate::model::AttendeeId::new(),
            meeting_id: MeetingId::new(),
            fields: AttendeeFields {
                name: "Ana\r\nBcc: x@evil.example".into(),
                email: "ana@example.com".into(),
                role: Role::Decider,
                reason: "owns the budget".into(),
                time_zone: zone.map(str::to_owned),
                work_start: None,
                work_end: None,
                work_days: Default::default(),
            },
            ready: false,
            not_needed: false,
            created_at: Timestamp::UNIX_EPOCH,
            invited: true,
            notifications: Default::default(),
            version: 1,
        }
    }

    fn mail(record: &MeetingRecord) -> MeetingMail<'_> {
        MeetingMail {
            record,
            organizer: "Olga",
            prereads: &[],
            base: "https://prework.example",
        }
    }

    #[test]
    fn an_invitation_says_why_you_are_there_in_your_own_time() {
        let record = meeting();
        let mail = mail(&record);
        let c = invitation(&mail, &person(Some("America/New_York")), &Asks::default());
        assert_eq!(c.subject, "Prepare for: Vendor <choice>");
        assert!(
            c.text
                .contains("You are here as decider. Why you: owns the budget.")
        );
        assert!(
            c.text.contains("Tue 1 Dec 2026, 10:00 (America/New_York)"),
            "{}",
            c.text
        );
        assert!(c.text.contains("Mon 30 Nov 2026, 10:00 (America/New_York)"));
        // the placeholder appears once: where the link goes, never from people's text
        assert_eq!(c.text.matches(LINK).count(), 1);
        assert_eq!(c.html.matches(LINK).count(), 1);
        // names stay on one line, and HTML is escaped
        assert!(c.text.contains("Hello Ana Bcc: x@evil.example,"));
        assert!(c.html.contains("Vendor &lt;choice&gt;") && !c.html.contains("<choice>"));
    }

    #[test]
    fn a_mailto_carries_the_invitation_with_the_link_and_nothing_more() {
        let record = meeting();
        let mail = mail(&record);
        let mut to = person(None);
        to.fields.email = "ana+team@example.com".into();
        let c = invitation(&mail, &to, &Asks::default());
        let link = "https://prework.example/i/pwa_secret";
        let uri = mailto(&to.fields.email, &c, link);
        // the address keeps its `@`; a `+` or `&` in it cannot start another header
        assert!(uri.starts_with(
            "mailto:ana%2Bteam@example.com?subject=Prepare%20for%3A%20Vendor%20%3Cchoice%3E&body="
        ));
        let body = uri.split("&body=").nth(1).unwrap();
        assert_eq!(
            uri.matches('&').count(),
            1,
            "one separator, the rest encoded"
        );
        assert!(!body.contains(' ') && !body.contains('\n'));
        assert!(body.contains("%0D%0A"), "line breaks are CRLF");
        assert!(body.contains("https%3A//prework.example/i/pwa_secret"));
        assert!(!body.contains("PREWORK_PERSONAL_LINK"));
    }

    #[test]
    fn an_invitation_says_what_is_asked_with_the_agenda_and_reads_as_sentences() {
        let mut record = meeting();
        record.fields.outcome = "By the end we will have chosen a vendor..".into();
        let mut ana = person(None);
        ana.fields.reason = "Ran the three vendor trials and wrote the criteria..".into();
        let dana = crate::model::AttendeeId::new();
        let agenda = [crate::model::AgendaItem {
            id: crate::model::AgendaItemId::new(),
            title: "Choose the vendor".into(),
            kind: crate::model::ItemKind::Decide,
            minutes: 20,
            owner_id: Some(dana),
            position: 0,
            resolved_async: false,
            resolution: String::new(),
            version: 1,
        }];
        let owners = [(dana, "Dana".to_owned())];
        let polls = ["Which vendor?".to_owned()];
        let prereads = [PrereadRecord {
            id: crate::model::PrereadId::new(),
            meeting_id: record.id,
            required: true,
            version: 1,
            title: "Vendor memo".into(),
            markdown: String::new(),
            html: crate::model::preread::SafeHtml::from_sanitized(String::new()),
            blocks: Vec::new(),
            reading_minutes: 4,
        }];
        let mail = MeetingMail {
            prereads: &prereads,
            ..mail(&record)
        };
        let asks = Asks {
            agenda: &agenda,
            owners: &owners,
            polls: &polls,
        };
        let c = invitation(&mail, &ana, &asks);
        for line in [
            "By the end we will have: chosen a vendor.",
            "You are here as decider. Why you: Ran the three vendor trials and wrote the criteria.",
            "What we ask of you by Mon 30 Nov 2026, 16:00 (Europe/Paris):",
            "- Read “Vendor memo” (about 4 min)",
            "- Answer the poll “Which vendor?”",
            "- Then say “I'm ready” on the brief",
            "Agenda (20 of 45 minutes):",
            "- Choose the vendor (decide, 20 min, led by Dana)",
        ] {
            assert!(c.text.contains(line), "{line} missing:\n{}", c.text);
        }
        assert!(
            !c.text.contains("have: By the end") && !c.text.contains(".."),
            "{}",
            c.text
        );
        assert!(
            c.html
                .contains("<li>Choose the vendor (decide, 20 min, led by Dana)</li>")
        );
    }
}
