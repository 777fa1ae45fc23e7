//! A meeting's rows (people, agenda, pre-reads, reads, comments, polls, votes, the outcome), read once per
//! revision and shared by every page and answer built from them.
//!
//! A brief page used to read the same rows three times over (the brief, the verdict and the
//! discussion each load their own), on every request. Here they are read in ten queries when
//! the meeting has changed and not at all when it has not: the meeting's own row, which every
//! request reads anyway to authorise, carries a revision that the database's triggers raise with
//! each change to anything hanging off it (`migrations/0010_meeting_revision.sql`). A copy is
//! used only for the very revision it was read at, so a change made by any process, through any
//! path, is seen by the next request: nothing here has to be told about writes.
//!
//! What a viewer may see is not decided here: the copy holds rows, and every answer still goes
//! through `ssr::policy::disclosure` per request, like the times that depend on "now".

use super::attendees::AttendeeRecord;
use super::comments::CommentRecord;
use super::meetings::MeetingRecord;
use super::outcomes::OutcomeRecord;
use super::polls::{PollRecord, VoteRecord};
use super::prereads::PrereadRecord;
use super::{Db, StoreError};
use crate::model::{AgendaItem, AttendeeId, MeetingId, PrereadId};
use std::any::Any;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// Everything hanging off one meeting, as it was at `revision`.
#[derive(Debug, Default)]
pub struct MeetingRows {
    pub revision: i64,
    /// Everyone ever on the invitation, in the order they were added, those "shorten" took off
    /// it included (`invited` says which): earlier comments keep their names and roles.
    pub everyone: Vec<AttendeeRecord>,
    pub agenda: Vec<AgendaItem>,
    /// The current version of each pre-read, in the order they were added.
    pub prereads: Vec<PrereadRecord>,
    /// Who has read which pre-read.
    pub reads: Vec<(AttendeeId, PrereadId)>,
    /// Every comment on the meeting's pre-reads, oldest first.
    pub comments: Vec<CommentRecord>,
    /// The built-in poll first.
    pub polls: Vec<PollRecord>,
    /// The votes of people still on the invitation.
    pub votes: Vec<VoteRecord>,
    /// The organizer's decision and its written record, once decided.
    pub outcome: Option<OutcomeRecord>,
    /// Everyone who organizes it, its creator first.
    pub organizers: Vec<crate::model::team::Organizer>,
    /// The team norms it circulated in breach of, with the reasons given.
    pub exceptions: Vec<crate::model::team::NormException>,
    /// What an occurrence carries over from the ones before it.
    pub carried: Vec<crate::model::series::CarriedOver>,
    /// What a layer above works out from these rows, kept with them: it is worked out again
    /// only for a new revision (a new copy), or when what else it depends on has changed.
    pub derived: Derived,
}

/// One value worked out from a copy of the rows, of a type this layer does not know (the
/// verdict's facts: `ssr::domain::meetings::verdict`). Its owner checks whatever else it depends on (the
/// meeting's own row, the time) before using it.
#[derive(Default)]
pub struct Derived(Mutex<Option<Arc<dyn Any + Send + Sync>>>);

impl Derived {
    /// The kept value, if there is one of type `T`.
    pub fn get<T: Any + Send + Sync>(&self) -> Option<Arc<T>> {
        let kept = self.0.lock().unwrap_or_else(|e| e.into_inner()).clone()?;
        kept.downcast().ok()
    }

    /// Keeps `value` in place of what was kept.
    pub fn set<T: Any + Send + Sync>(&self, value: Arc<T>) {
        *self.0.lock().unwrap_or_else(|e| e.into_inner()) = Some(value);
    }
}

impl std::fmt::Debug for Derived {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Derived")
    }
}

impl MeetingRows {
    /// The people on the invitation now.
    pub fn invited(&self) -> impl Iterator<Item = &AttendeeRecord> {
        self.everyone.iter().filter(|p| p.invited)
    }
}

/// How many meetings' rows are kept. A large meeting's rows weigh a few hundred kilobytes
/// (pre-reads are kept with their rendered HTML); the meetings people have open this hour are
/// far fewer than this.
const CAPACITY: usize = 256;

/// The copies, by meeting; the one used longest ago goes when a new one does not fit.
#[derive(Debug, Default)]
pub(crate) struct RowsCache {
    entries: Mutex<Entries>,
}

#[derive(Debug, Default)]
struct Entries {
    by_meeting: HashMap<MeetingId, (Arc<MeetingRows>, u64)>,
    /// A counter standing for "when", for the least-recently-used choice.
    tick: u64,
}

impl RowsCache {
    fn get(&self, meeting: MeetingId, revision: i64) -> Option<Arc<MeetingRows>> {
        let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        entries.tick += 1;
        let tick = entries.tick;
        let (rows, used) = entries.by_meeting.get_mut(&meeting)?;
        if rows.revision != revision {
            return None;
        }
        *used = tick;
        Some(rows.clone())
    }

    /// Keeps `rows` unless a copy of a later revision is already there (a slow reader must not
    /// put back what a faster one replaced).
    fn put(&self, meeting: MeetingId, rows: Arc<MeetingRows>) {
        let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        entries.tick += 1;
        let tick = entries.tick;
        if let Some((kept, used)) = entries.by_meeting.get_mut(&meeting) {
            if kept.revision <= rows.revision {
                *kept = rows;
                *used = tick;
            }
            return;
        }
        if entries.by_meeting.len() >= CAPACITY {
            let oldest = entries
                .by_meeting
                .iter()
                .min_by_key(|(_, (_, used))| *used)
                .map(|(id, _)| *id);
            if let Some(oldest) = oldest {
                entries.by_meeting.remove(&oldest);
            }
        }
        entries.by_meeting.insert(meeting, (rows, tick));
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.entries.lock().unwrap().by_meeting.len()
    }
}

/// The rows of the meeting `record` was read from, as of `record`'s revision.
pub async fn for_meeting(db: &Db, record: &MeetingRecord) -> Result<Arc<MeetingRows>, StoreError> {
    let mut rows = for_meetings(db, std::slice::from_ref(record)).await?;
    Ok(rows.pop().unwrap_or_default())
}

/// The rows of each of these meetings, in the same order: those not kept at their revision are
/// read together, ten queries however many meetings are missing.
pub async fn for_meetings(
    db: &Db,
    records: &[MeetingRecord],
) -> Result<Vec<Arc<MeetingRows>>, StoreError> {
    let cache = db.rows_cache();
    let mut found: Vec<Option<Arc<MeetingRows>>> = records
        .iter()
        .map(|r| cache.get(r.id, r.revision))
        .collect();
    let missing: Vec<MeetingId> = records
        .iter()
        .zip(&found)
        .filter(|(_, f)| f.is_none())
        .map(|(r, _)| r.id)
        .collect();
    if !missing.is_empty() {
        let mut read = read(db, &missing).await?;
        for (record, slot) in records.iter().zip(found.iter_mut()) {
            if slot.is_some() {
                continue;
            }
            let mut rows = read.remove(&record.id).unwrap_or_default();
            // Read after the revision was, so at least as new as it: kept under the revision
            // the caller saw, it can only be newer than a later reader of that revision expects.
            rows.revision = record.revision;
            let rows = Arc::new(rows);
            cache.put(record.id, rows.clone());
            *slot = Some(rows);
        }
    }
    Ok(found.into_iter().map(Option::unwrap_or_default).collect())
}

/// Reads the rows of these meetings from the database (ten queries), dealt to their meetings.
async fn read(db: &Db, ids: &[MeetingId]) -> Result<HashMap<MeetingId, MeetingRows>, StoreError> {
    let mut rows: HashMap<MeetingId, MeetingRows> =
        ids.iter().map(|id| (*id, MeetingRows::default())).collect();
    for p in super::attendees::everyone_for_meetings(db, ids).await? {
        rows.entry(p.meeting_id).or_default().everyone.push(p);
    }
    for (m, item) in super::agenda::list_for_meetings(db, ids).await? {
        rows.entry(m).or_default().agenda.push(item);
    }
    // Reads, comments and votes find their meeting through their pre-read or poll.
    let mut doc_meeting = HashMap::new();
    for d in super::prereads::list_for_meetings(db, ids).await? {
        doc_meeting.insert(d.id, d.meeting_id);
        rows.entry(d.meeting_id).or_default().prereads.push(d);
    }
    for read in super::prereads::reads_for_meetings(db, ids).await? {
        if let Some(m) = doc_meeting.get(&read.1) {
            rows.entry(*m).or_default().reads.push(read);
        }
    }
    for c in super::comments::comments_for_meetings(db, ids).await? {
        if let Some(m) = doc_meeting.get(&c.preread_id) {
            rows.entry(*m).or_default().comments.push(c);
        }
    }
    let mut poll_meeting = HashMap::new();
    for p in super::polls::list_for_meetings(db, ids).await? {
        poll_meeting.insert(p.id, p.meeting_id);
        rows.entry(p.meeting_id).or_default().polls.push(p);
    }
    for v in super::polls::votes_for_meetings(db, ids).await? {
        if let Some(m) = poll_meeting.get(&v.poll_id) {
            rows.entry(*m).or_default().votes.push(v);
        }
    }
    for o in super::outcomes::for_meetings(db, ids).await? {
        let meeting = o.meeting_id;
        rows.entry(meeting).or_default().outcome = Some(o);
    }
    for (m, o) in super::organizers::for_meetings(db, ids).await? {
        rows.entry(m).or_default().organizers.push(o);
    }
    for (m, e) in super::organizers::exceptions_for_meetings(db, ids).await? {
        rows.entry(m).or_default().exceptions.push(e);
    }
    for (m, c) in super::carried::for_meetings(db, ids).await? {
        rows.entry(m).or_default().carried.push(c);
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(revision: i64) -> Arc<MeetingRows> {
        Arc::new(MeetingRows {
            revision,
            ..Default::default()
        })
    }

    #[test]
    fn a_copy_serves_only_its_own_revision() {
        let cache = RowsCache::default();
        let m = MeetingId::new();
        cache.put(m, rows(3));
        assert!(cache.get(m, 3).is_some());
        assert!(
            cache.get(m, 4).is_none(),
            "a later revision is a changed meeting"
        );
        assert!(cache.get(m, 2).is_none());
        assert!(cache.get(MeetingId::new(), 3).is_none());
    }

    #[test]
    fn a_slow_reader_does_not_put_back_an_older_copy() {
        let cache = RowsCache::default();
        let m = MeetingId::new();
        cache.put(m, rows(5));
        cache.put(m, rows(4));
        assert!(cache.get(m, 5).is_some());
        cache.put(m, rows(6));
        assert!(cache.get(m, 6).is_some());
    }

    #[test]
    fn the_copy_used_longest_ago_goes_first() {
        let cache = RowsCache::default();
        let ids: Vec<MeetingId> = (0..CAPACITY).map(|_| MeetingId::new()).collect();
        for id in &ids {
            cache.put(*id, rows(1));
        }
        // the first one is used again, so the second is now the oldest
        assert!(cache.get(ids[0], 1).is_some());
        cache.put(MeetingId::new(), rows(1));
        assert_eq!(cache.len(), CAPACITY);
        assert!(cache.get(ids[0], 1).is_some());
        assert!(cache.get(ids[1], 1).is_none());
    }
}
