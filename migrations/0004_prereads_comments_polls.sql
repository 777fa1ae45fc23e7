-- Pre-reads (every version kept, rendered once), anchored comments, reading, and polls.

CREATE TABLE prereads (
    id          TEXT PRIMARY KEY,
    meeting_id  TEXT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    required    BIGINT NOT NULL DEFAULT 1,
    version     BIGINT NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE INDEX prereads_meeting ON prereads (meeting_id, created_at);

-- Markdown is rendered on write, so pages never render it on read.
CREATE TABLE preread_versions (
    preread_id      TEXT NOT NULL REFERENCES prereads (id) ON DELETE CASCADE,
    version         BIGINT NOT NULL,
    title           TEXT NOT NULL,
    markdown        TEXT NOT NULL,
    html            TEXT NOT NULL,
    -- JSON: [{id, kind, text, html}]
    blocks          TEXT NOT NULL,
    reading_minutes BIGINT NOT NULL,
    created_at      TEXT NOT NULL,
    PRIMARY KEY (preread_id, version)
);

-- In an anonymous meeting nothing identifying is stored with a comment, so turning the mode
-- off later can reveal nothing.
CREATE TABLE comments (
    id                 TEXT PRIMARY KEY,
    preread_id         TEXT NOT NULL REFERENCES prereads (id) ON DELETE CASCADE,
    block_id           TEXT,
    quote              TEXT NOT NULL DEFAULT '',
    kind               TEXT NOT NULL,
    body               TEXT NOT NULL,
    parent_id          TEXT REFERENCES comments (id) ON DELETE CASCADE,
    author_attendee_id TEXT REFERENCES attendees (id) ON DELETE SET NULL,
    author_user_id     TEXT REFERENCES users (id) ON DELETE SET NULL,
    author_name        TEXT NOT NULL DEFAULT '',
    anonymous          BIGINT NOT NULL,
    resolved           BIGINT NOT NULL DEFAULT 0,
    version            BIGINT NOT NULL,
    created_at         TEXT NOT NULL
);
CREATE INDEX comments_preread ON comments (preread_id, created_at);

CREATE TABLE preread_reads (
    attendee_id TEXT NOT NULL REFERENCES attendees (id) ON DELETE CASCADE,
    preread_id  TEXT NOT NULL REFERENCES prereads (id) ON DELETE CASCADE,
    read_at     TEXT NOT NULL,
    PRIMARY KEY (attendee_id, preread_id)
);
CREATE INDEX preread_reads_preread ON preread_reads (preread_id);

CREATE TABLE polls (
    id           TEXT PRIMARY KEY,
    meeting_id   TEXT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    question     TEXT NOT NULL,
    -- JSON array of strings
    options      TEXT NOT NULL,
    anonymous    BIGINT NOT NULL DEFAULT 0,
    hide_results BIGINT NOT NULL DEFAULT 0,
    closes_at    TEXT,
    -- 1 for the built-in "Do we still need to meet?", one per meeting
    builtin      BIGINT NOT NULL DEFAULT 0,
    created_at   TEXT NOT NULL
);
CREATE INDEX polls_meeting ON polls (meeting_id, created_at);
CREATE UNIQUE INDEX polls_one_builtin ON polls (meeting_id) WHERE builtin = 1;

-- One vote per attendee per poll; who voted is never shown for anonymous polls or meetings.
CREATE TABLE votes (
    poll_id     TEXT NOT NULL REFERENCES polls (id) ON DELETE CASCADE,
    attendee_id TEXT NOT NULL REFERENCES attendees (id) ON DELETE CASCADE,
    choice      BIGINT NOT NULL,
    reason      TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    PRIMARY KEY (poll_id, attendee_id)
);
