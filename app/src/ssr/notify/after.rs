//! What Prework says after a meeting: an owner's action items in the outcome, the reminder the
//! working day before one is due, and "Was it worth it?" once a held meeting has ended. Built
//! like the other messages (`super::messages`).

use super::messages::{Body, Composed, LINK, MeetingMail, clean};
use crate::model::action::ActionItem;
use crate::ssr::db::attendees::AttendeeRecord;

/// The items one person owns, as a paragraph of the outcome (nothing when they own none).
pub(super) fn owned_items(body: &mut Body, owned: &[ActionItem]) {
    if owned.is_empty() {
        return;
    }
    let lines: Vec<String> = owned
        .iter()
        .map(|a| format!("{}, due {}", clean(&a.title), a.due_on))
        .collect();
    let heading = if owned.len() == 1 {
        "One action item is yours:"
    } else {
        "These action items are yours:"
    };
    body.list(heading, &lines);
    body.link("Mark them done from your personal link", LINK);
}

/// The reminder on the working day before an item is due.
pub fn action_reminder(m: &MeetingMail, person: &AttendeeRecord, item: &ActionItem) -> Composed {
    let mut body = Body::default();
    body.para(&format!("Hello {},", clean(&person.fields.name)));
    body.para(&format!(
        "“{}” is due {} ({}), from “{}”.",
        clean(&item.title),
        item.due_on.strftime("%A %-d %B"),
        item.due_on,
        m.title()
    ));
    if !item.note.is_empty() {
        body.para(&clean(&item.note));
    }
    body.para("Once it is done, mark it done: everyone on the meeting sees it.");
    body.link("Mark it done from your personal link", LINK);
    body.finish(format!("Due {}: {}", item.due_on, clean(&item.title)))
}

/// "Was it worth it?": five links, each to a page that asks once more before recording (a mail
/// client's link preview opens links; it must never answer for anyone).
pub fn feedback_request(m: &MeetingMail, person: &AttendeeRecord) -> Composed {
    let mut body = Body::default();
    body.para(&format!("Hello {},", clean(&person.fields.name)));
    body.para(&format!(
        "“{}” has ended. Was it worth your time? Pick one; the page it opens lets you add what \
         would have made it better.",
        m.title()
    ));
    for (i, label) in crate::model::feedback::SCORE_LABELS.iter().enumerate() {
        body.link(label, &format!("{LINK}?feedback={}", i + 1));
    }
    body.para(
        "Your answer is anonymous: nobody, the organizer included, can learn who gave which \
         score. Answers are shown only together, once at least 3 people answered.",
    );
    body.finish(format!("Was it worth it? {}", m.title()))
}
