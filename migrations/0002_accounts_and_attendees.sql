-- Organizers, their sessions and API tokens, and the people invited to meetings. Secrets are
-- never stored: only the SHA-256 of each random token (TEXT, hex).

CREATE TABLE users (
    id            TEXT PRIMARY KEY,
    name          TEXT NOT NULL,
    email         TEXT NOT NULL,
    -- lower-cased, so addresses compare case-insensitively
    email_key     TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    created_at    TEXT NOT NULL
);

-- Browser sessions (an HttpOnly cookie). One session may carry an organizer and any number of
-- attendee grants from personal links opened in that browser.
CREATE TABLE sessions (
    token_hash    TEXT PRIMARY KEY,
    user_id       TEXT REFERENCES users (id) ON DELETE CASCADE,
    created_at    TEXT NOT NULL,
    last_seen_at  TEXT NOT NULL,
    -- absolute expiry; idle expiry is last_seen_at plus the idle limit
    expires_at    TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

-- Organizer API tokens (Bearer), revoked by logout.
CREATE TABLE api_tokens (
    token_hash    TEXT PRIMARY KEY,
    user_id       TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at    TEXT NOT NULL,
    last_seen_at  TEXT NOT NULL,
    expires_at    TEXT NOT NULL
);
CREATE INDEX api_tokens_user ON api_tokens (user_id);

ALTER TABLE meetings ADD COLUMN organizer_id TEXT REFERENCES users (id) ON DELETE CASCADE;
CREATE INDEX meetings_organizer ON meetings (organizer_id, created_at);

CREATE TABLE attendees (
    id          TEXT PRIMARY KEY,
    meeting_id  TEXT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    name        TEXT NOT NULL,
    email       TEXT NOT NULL,
    email_key   TEXT NOT NULL,
    role        TEXT NOT NULL,
    reason      TEXT NOT NULL,
    time_zone   TEXT,
    work_start  TEXT,
    work_end    TEXT,
    -- the personal link's secret, hashed; regenerating the link replaces it
    token_hash  TEXT NOT NULL UNIQUE,
    ready       BIGINT NOT NULL DEFAULT 0,
    not_needed  BIGINT NOT NULL DEFAULT 0,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    UNIQUE (meeting_id, email_key)
);
CREATE INDEX attendees_meeting ON attendees (meeting_id, created_at);

CREATE TABLE session_attendees (
    session_hash TEXT NOT NULL REFERENCES sessions (token_hash) ON DELETE CASCADE,
    attendee_id  TEXT NOT NULL REFERENCES attendees (id) ON DELETE CASCADE,
    PRIMARY KEY (session_hash, attendee_id)
);
CREATE INDEX session_attendees_attendee ON session_attendees (attendee_id);
