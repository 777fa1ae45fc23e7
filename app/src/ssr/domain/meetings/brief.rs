//! The brief as its pages show it, and the personal links shown once after they are issued.
//!
//! Links are secrets stored only as hashes, so they can be shown only when issued. A browser
//! without WASM learns of them through a redirect, which cannot carry a page; so the freshly
//! issued links ride in a short-lived, HttpOnly, SameSite=Strict cookie to the links page,
//! which reads it once and clears it. Nothing secret is kept on the server.

use crate::error::AppError;
use crate::model::Role;
use crate::model::brief::{Brief, IssuedLink, LinkToSend};
use crate::model::forms::PurposeForm;
use crate::model::outcome::VerdictKind;
use crate::model::{AttendeeId, MeetingId, MeetingStatus};
use crate::ssr::auth::tokens::TokenKind;
use crate::ssr::db::attendees::AttendeeRecord;
use crate::ssr::db::meetings::Links;
use crate::ssr::domain::people::accounts::token;
use crate::ssr::policy::access::{Authorized, Edit};
use crate::ssr::{AppState, db, domain::meetings};
use crate::verdict::Direction;
use http::HeaderMap;
use jiff::Timestamp;
use jiff::tz::TimeZone;

pub async fn brief<A>(state: &AppState, auth: &Authorized<A>) -> Result<Brief, AppError> {
    let meeting = meetings::get(state, auth).await?;
    let own_zone = meeting
        .viewer
        .attendee_id
        .and_then(|me| meeting.attendees.iter().find(|a| a.id == me))
        .and_then(|a| a.time_zone.clone());
    let time_zone = own_zone.unwrap_or_else(|| meeting.time_zone.clone());
    let zone = TimeZone::get(&time_zone).unwrap_or(TimeZone::UTC);
    let meeting_zone = TimeZone::get(&meeting.time_zone).unwrap_or(TimeZone::UTC);
    let shown = |t: Option<Timestamp>| {
        t.map(|t| {
            t.to_zoned(zone.clone())
                .strftime("%a %-d %b %Y, %H:%M")
                .to_string()
        })
    };
    let input = |t: Option<Timestamp>| {
        t.map(|t| {
            t.to_zoned(meeting_zone.clone())
                .strftime("%Y-%m-%dT%H:%M")
                .to_string()
        })
        .unwrap_or_default()
    };
    let purpose_form = if meeting.viewer.organizer {
        PurposeForm {
            title: meeting.title.clone(),
            purpose_kind: meeting.purpose_kind.as_str().to_owned(),
            outcome: meeting.outcome.clone(),
            why_live: meeting.why_live.clone().unwrap_or_default(),
            starts_at: input(meeting.starts_at),
            duration_minutes: meeting.duration_minutes.to_string(),
            time_zone: meeting.time_zone.clone(),
            response_deadline: input(meeting.response_deadline),
            hourly_rate: meeting
                .hourly_rate
                .map(|r| r.to_string())
                .unwrap_or_default(),
            anonymous: meeting.anonymous.then(|| "on".to_owned()),
            team_id: meeting.team_id.map(|t| t.to_string()).unwrap_or_default(),
            ..Default::default()
        }
    } else {
        PurposeForm::default()
    };
    let warnings = if meeting.viewer.organizer {
        warnings(&meeting, state.now())
    } else {
        Vec::new()
    };
    let not_ready = if meeting.viewer.organizer && meeting.status == MeetingStatus::Draft {
        not_ready(state, auth).await?
    } else {
        Vec::new()
    };
    let series = series_line(state, &meeting, auth.viewer()).await?;
    Ok(Brief {
        series,
        starts_at: shown(meeting.starts_at),
        response_deadline: shown(meeting.response_deadline),
        time_zone,
        purpose_form,
        warnings,
        not_ready,
        meeting,
    })
}

/// The line naming an occurrence's series: its title and schedule.
async fn series_line(
    state: &AppState,
    meeting: &crate::model::Meeting,
    viewer: crate::ssr::policy::access::Viewer,
) -> Result<Option<crate::model::series::SeriesLine>, AppError> {
    let Some(id) = meeting.series_id else {
        return Ok(None);
    };
    let Some(series) = db::series::get(&state.db, id).await? else {
        return Ok(None);
    };
    let organizer = matches!(viewer, crate::ssr::policy::access::Viewer::Organizer(u) if u == series.organizer_id);
    Ok(Some(crate::model::series::SeriesLine {
        id,
        title: series.fields.title.clone(),
        schedule: series.fields.recurrence.describe(),
        organizer,
    }))
}

/// What Review points out before the brief goes out: nothing here stops it circulating.
fn warnings(meeting: &crate::model::Meeting, now: Timestamp) -> Vec<String> {
    let mut out = Vec::new();
    if meeting.agenda.is_empty() {
        out.push(
            "There is no agenda yet: people will not know what the meeting must get through."
                .to_owned(),
        );
    }
    if meeting.purpose_kind == crate::model::PurposeKind::Decide && meeting.prereads.is_empty() {
        out.push("A meeting to decide has no pre-read: write the options down first, so people come prepared.".to_owned());
    }
    if meeting.starts_at.is_some_and(|t| t < now) {
        out.push("The start is in the past.".to_owned());
    }
    if meeting.response_deadline.is_some_and(|t| t < now) {
        out.push("The response deadline is in the past.".to_owned());
    }
    if let (Some(deadline), Some(start)) = (meeting.response_deadline, meeting.starts_at)
        && deadline > start
    {
        out.push("The response deadline is after the start.".to_owned());
    }
    out
}

/// Why the verdict calls the brief not ready (each blocking reason), or nothing when it is.
pub async fn not_ready<A>(state: &AppState, auth: &Authorized<A>) -> Result<Vec<String>, AppError> {
    let verdict = crate::ssr::domain::meetings::verdict::verdict(state, auth).await?;
    if verdict.verdict != VerdictKind::NotReady {
        return Ok(Vec::new());
    }
    Ok(verdict
        .reasons
        .into_iter()
        .filter(|r| r.direction == Direction::Blocking)
        .map(|r| r.message)
        .collect())
}

/// Circulates the meeting from the browser: it becomes visible to its attendees, and each of
/// them gets a fresh personal link (earlier ones stop working), returned to be shown once. A
/// brief the verdict calls not ready goes out only when the organizer said so (`anyway`):
/// otherwise nothing changes and the answer lists why it is not ready.
pub async fn circulate_with_links(
    state: &AppState,
    auth: &Authorized<Edit>,
    anyway: bool,
    exception: Option<&str>,
) -> Result<Vec<IssuedLink>, AppError> {
    if !anyway && auth.meeting().status == MeetingStatus::Draft {
        let reasons = not_ready(state, auth).await?;
        if !reasons.is_empty() {
            return Err(AppError::validation(
                "anyway",
                format!(
                    "This brief is not ready: {} Fix that first, or tick “Circulate it anyway”.",
                    reasons.join(" ")
                ),
            ));
        }
    }
    // Issuing links replaces everyone's, so it happens once, when the draft goes out; later,
    // links are issued one person at a time. The mailed invitations carry the same links.
    meetings::circulate_with(state, auth, Links::Replace, exception)
        .await?
        .ok_or_else(|| {
            AppError::Conflict(
                "This brief was already circulated. Issue a new link for a person on the People step."
                    .into(),
            )
        })
}

/// The links with each person's invitation ready to send by hand (a `mailto:`).
pub async fn ready_to_send<A>(
    state: &AppState,
    auth: &Authorized<A>,
    links: Vec<IssuedLink>,
) -> Result<Vec<LinkToSend>, AppError> {
    use crate::ssr::notify::messages::{self, MeetingMail};
    if links.is_empty() {
        return Ok(Vec::new());
    }
    let ctx = crate::ssr::notify::outbox::context(state, auth).await?;
    let people = db::attendees::list_everyone_for_meeting(&state.db, auth.id()).await?;
    let mail = MeetingMail {
        record: auth.meeting(),
        organizer: &ctx.organizer,
        prereads: &ctx.prereads,
        base: &state.config.public_url,
    };
    Ok(links
        .into_iter()
        .map(|issued| {
            let mailto = people.iter().find(|p| p.id == issued.attendee_id).map(|p| {
                let composed = if p.fields.role == Role::Informed {
                    messages::informed_notice(&mail, p)
                } else {
                    messages::invitation(&mail, p, &ctx.asks())
                };
                messages::mailto(&p.fields.email, &composed, &issued.link)
            });
            LinkToSend { issued, mailto }
        })
        .collect())
}

/// A new link for one person (the old one stops working).
pub async fn new_link(
    state: &AppState,
    auth: &Authorized<Edit>,
    record: AttendeeRecord,
) -> Result<(MeetingId, IssuedLink), AppError> {
    let link = issue(
        state,
        auth.id(),
        record.id,
        record.fields.name,
        record.fields.role,
    )
    .await?;
    Ok((auth.id(), link))
}

async fn issue(
    state: &AppState,
    meeting: MeetingId,
    attendee: AttendeeId,
    name: String,
    role: crate::model::Role,
) -> Result<IssuedLink, AppError> {
    let (secret, hash) = token(TokenKind::Attendee)?;
    db::attendees::replace_token(&state.db, meeting, attendee, &hash).await?;
    Ok(IssuedLink {
        attendee_id: attendee,
        name,
        role,
        link: format!("{}/i/{secret}", state.config.public_url),
    })
}

const FLASH: &str = "prework_links";

/// `Set-Cookie` values that carry `links` (for `meeting`) to the links page.
pub fn flash_cookies(meeting: MeetingId, links: &[IssuedLink], secure: bool) -> Vec<String> {
    crate::ssr::web::flash::set(FLASH, &(meeting, links), secure)
}

/// Reads the links flashed for `meeting`, with the `Set-Cookie` values that clear them.
pub fn take_flash(headers: &HeaderMap, meeting: MeetingId) -> (Vec<IssuedLink>, Vec<String>) {
    let (flashed, clear) =
        crate::ssr::web::flash::take::<(MeetingId, Vec<IssuedLink>)>(headers, FLASH);
    let links = flashed
        .filter(|(m, _)| *m == meeting)
        .map(|(_, links)| links)
        .unwrap_or_default();
    (links, clear)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Role;

    #[test]
    fn flashed_links_survive_the_round_trip_in_chunks() {
        let meeting = MeetingId::new();
        let links: Vec<IssuedLink> = (0..200)
            .map(|i| IssuedLink {
                attendee_id: AttendeeId::new(),
                name: format!("Person {i} “quoted”"),
                role: Role::Contributor,
                link: format!("http://127.0.0.1:3000/i/pwa_{i:043}"),
            })
            .collect();
        let cookies = flash_cookies(meeting, &links, false);
        assert!(cookies.len() > 2, "200 links need several cookies");
        assert!(cookies.iter().all(|c| c.len() < 4_000));
        let mut headers = HeaderMap::new();
        let pairs: Vec<String> = cookies
            .iter()
            .filter(|c| !c.contains("Max-Age=0"))
            .map(|c| c.split(';').next().unwrap().to_owned())
            .collect();
        headers.insert(http::header::COOKIE, pairs.join("; ").parse().unwrap());
        let (back, clear) = take_flash(&headers, meeting);
        assert_eq!(back, links);
        assert_eq!(clear.len(), pairs.len());
        // another meeting's page does not show them
        assert!(take_flash(&headers, MeetingId::new()).0.is_empty());
    }
}
