-- Row versions for optimistic concurrency: each Meeting, AgendaItem and Attendee answer carries
-- its row's version as an ETag, and a write with a stale If-Match changes nothing (412).
ALTER TABLE meetings ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
ALTER TABLE agenda_items ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
ALTER TABLE attendees ADD COLUMN version BIGINT NOT NULL DEFAULT 1;

-- A vote cast while its poll or its meeting was anonymous stays anonymous for good, like a
-- comment: the flag is kept with the vote, not read from the mode of the day.
ALTER TABLE votes ADD COLUMN anonymous BIGINT NOT NULL DEFAULT 0;
UPDATE votes SET anonymous = 1
WHERE poll_id IN (
    SELECT p.id FROM polls p JOIN meetings m ON m.id = p.meeting_id
    WHERE p.anonymous = 1 OR m.anonymous = 1
);

-- Reads never write: the built-in "Do we still need to meet?" is now created with its meeting.
-- Meetings that were never read before this release get theirs here; SQL cannot make a UUID
-- portably, so these take their meeting's id (ids are unique per table, and nothing else shares
-- the polls table's key space).
INSERT INTO polls (id, meeting_id, question, options, anonymous, hide_results, closes_at, builtin,
                   created_at)
SELECT m.id, m.id, 'Do we still need to meet?',
       '["Yes, we need to meet","No, we can settle it without meeting"]', 0, 0, NULL, 1,
       m.created_at
FROM meetings m
WHERE NOT EXISTS (SELECT 1 FROM polls p WHERE p.meeting_id = m.id AND p.builtin = 1);

-- Counting one author's comments on a pre-read (the 500 limit) without a scan.
CREATE INDEX comments_author ON comments (preread_id, author_attendee_id);
CREATE INDEX comments_user ON comments (preread_id, author_user_id);
CREATE INDEX votes_attendee ON votes (attendee_id);
