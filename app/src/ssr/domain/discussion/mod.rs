//! Discussion: pre-reads and their anchored comments, polls, and the views behind the pre-read
//! page and the brief's readiness, focus and poll sections.

pub mod polls;
pub mod prereads;

use crate::error::AppError;
use crate::model::MeetingViewer;
use crate::model::comment::CommentKind;
use crate::model::discussion::{
    BlockFocus, Discussion, PersonProgress, PrereadPage, PrereadProgress, Readiness,
};
use crate::ssr::AppState;
use crate::ssr::db::prereads::PrereadRecord;
use crate::ssr::policy::access::{Authorized, Viewer};

pub async fn preread_page<A>(
    state: &AppState,
    auth: &Authorized<A>,
    record: PrereadRecord,
) -> Result<PrereadPage, AppError> {
    let id = record.id;
    let (comments, own_threads) = prereads::comments_and_own(state, auth, &record).await?;
    let preread = prereads::view(record.clone());
    let meeting = auth.meeting();
    let viewer = auth.viewer();
    let read = match viewer.attendee() {
        Some(me) => auth.rows(state).await?.reads.contains(&(me, id)),
        None => false,
    };
    let focus = if viewer.is_organizer() {
        preread
            .blocks
            .iter()
            .map(|b| {
                let counts = CommentKind::ALL
                    .into_iter()
                    .map(|kind| {
                        let n = comments
                            .iter()
                            .filter(|c| c.parent_id.is_none() && c.kind == kind)
                            .filter(|c| c.block_id.as_deref() == Some(b.id.as_str()))
                            .count() as u32;
                        (kind, n)
                    })
                    .filter(|(_, n)| *n > 0)
                    .collect();
                BlockFocus {
                    block_id: b.id.clone(),
                    counts,
                }
            })
            .filter(|f| !f.counts.is_empty())
            .collect()
    } else {
        Vec::new()
    };
    Ok(PrereadPage {
        meeting_id: record.meeting_id,
        meeting_title: meeting.fields.title.clone(),
        anonymous: meeting.fields.anonymous,
        viewer: MeetingViewer {
            organizer: viewer.is_organizer(),
            lead: matches!(viewer, Viewer::Lead(_)),
            attendee_id: viewer.attendee(),
        },
        preread,
        comments,
        read,
        own_threads,
        focus,
    })
}

/// Polls, readiness and the open threads of a meeting, from its rows ([`Authorized::rows`]).
pub async fn discussion<A>(state: &AppState, auth: &Authorized<A>) -> Result<Discussion, AppError> {
    let viewer = auth.viewer();
    let disclosure = auth.disclosure();
    let rows = auth.rows(state).await?;
    let polls = polls::shown(auth, &rows, state.now());
    let docs = &rows.prereads;
    let everyone = &rows.everyone;
    let people: Vec<_> = rows.invited().collect();
    let reads = &rows.reads;
    let open = rows
        .comments
        .iter()
        .filter(|c| c.parent_id.is_none() && !c.resolved && c.kind.needs_attention())
        .filter_map(|c| {
            let doc = docs.iter().find(|d| d.id == c.preread_id)?;
            Some((
                doc.id,
                doc.title.clone(),
                disclosure.comment(c.clone(), doc, everyone),
            ))
        })
        .collect();
    let readiness = viewer.is_organizer().then(|| {
        // PRODUCT.md's denominator, as the verdict counts it: the people who would meet (not
        // informed, not "not needed").
        let invited: Vec<_> = people
            .iter()
            .filter(|p| !p.not_needed && p.fields.role != crate::model::Role::Informed)
            .collect();
        let required: Vec<_> = docs.iter().filter(|d| d.required).collect();
        Readiness {
            prereads: docs
                .iter()
                .map(|d| PrereadProgress {
                    id: d.id,
                    title: d.title.clone(),
                    required: d.required,
                    read: invited
                        .iter()
                        .filter(|p| reads.contains(&(p.id, d.id)))
                        .count() as u32,
                    of: invited.len() as u32,
                })
                .collect(),
            people: people
                .iter()
                .map(|p| PersonProgress {
                    id: p.id,
                    name: p.fields.name.clone(),
                    role: p.fields.role,
                    required_read: required
                        .iter()
                        .filter(|d| reads.contains(&(p.id, d.id)))
                        .count() as u32,
                    required_total: required.len() as u32,
                    ready: p.ready,
                    not_needed: p.not_needed,
                })
                .collect(),
        }
    });
    let mine = match viewer {
        Viewer::Attendee(me) => {
            let person = people.iter().find(|p| p.id == me);
            Some((
                reads
                    .iter()
                    .filter(|(a, _)| *a == me)
                    .map(|(_, d)| *d)
                    .collect(),
                person.is_some_and(|p| p.ready),
                person.is_some_and(|p| p.not_needed),
            ))
        }
        Viewer::Organizer(_) | Viewer::Lead(_) => None,
    };
    let my_notifications = viewer
        .attendee()
        .and_then(|me| people.iter().find(|p| p.id == me))
        .map(|p| p.notifications);
    let informed = viewer
        .attendee()
        .and_then(|me| people.iter().find(|p| p.id == me))
        .is_some_and(|p| p.fields.role == crate::model::Role::Informed);
    Ok(Discussion {
        polls,
        readiness,
        mine,
        my_notifications,
        informed,
        open,
    })
}
