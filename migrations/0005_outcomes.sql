-- The organizer's decision on a meeting and its written outcome record (one per meeting: a
-- later decision replaces the record, never the comments, votes or resolutions it quotes).
CREATE TABLE outcomes (
    meeting_id  TEXT PRIMARY KEY REFERENCES meetings (id) ON DELETE CASCADE,
    decision    TEXT NOT NULL,
    note        TEXT NOT NULL DEFAULT '',
    markdown    TEXT NOT NULL,
    decided_at  TEXT NOT NULL
);

-- "Shorten" takes people off the invitation without deleting them: their comments, votes and
-- personal link stay, so the outcome record still reaches them.
ALTER TABLE attendees ADD COLUMN invited BIGINT NOT NULL DEFAULT 1;
