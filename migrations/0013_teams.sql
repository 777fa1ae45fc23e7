-- Teams (PRODUCT.md, "Teams: the norms a lead sets once"): members with a role, the norms every
-- meeting of the team is held to, co-organizers, and the exceptions organizers recorded.

CREATE TABLE teams (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    -- the norms as JSON (every field, defaults filled in): read and written whole, never queried
    norms       TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

-- A member is known by their address until they have an account: an invitation to an address
-- becomes active when someone signs up with it.
CREATE TABLE team_members (
    team_id     TEXT NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    -- lower-cased, like users.email_key
    email_key   TEXT NOT NULL,
    email       TEXT NOT NULL,
    name        TEXT NOT NULL,
    user_id     TEXT REFERENCES users (id) ON DELETE CASCADE,
    -- lead, organizer
    role        TEXT NOT NULL,
    -- active, invited
    status      TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    PRIMARY KEY (team_id, email_key)
);
CREATE INDEX team_members_user ON team_members (user_id);
CREATE INDEX team_members_email ON team_members (email_key);

ALTER TABLE meetings ADD COLUMN team_id TEXT REFERENCES teams (id);
-- When the meeting circulated: the norms' windows are measured from it.
ALTER TABLE meetings ADD COLUMN circulated_at TEXT;
-- What lists sort by, newest first: the start, or the creation for a meeting without one
-- (kept by the application with the start, so a page reads the index in order).
ALTER TABLE meetings ADD COLUMN list_at TEXT NOT NULL DEFAULT '';
UPDATE meetings SET list_at = COALESCE(starts_at, created_at);
CREATE INDEX meetings_list ON meetings (list_at, id);
CREATE INDEX meetings_team_list ON meetings (team_id, list_at, id);

-- Everyone who organizes a meeting, its creator included; there is always at least one. The
-- meeting's list_at is kept here too, so an organizer's list is one range of one index, read
-- in order: its first page costs the same at 10 meetings and at 10,000.
CREATE TABLE meeting_organizers (
    meeting_id  TEXT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    user_id     TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    added_at    TEXT NOT NULL,
    list_at     TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (meeting_id, user_id)
);
CREATE INDEX meeting_organizers_user ON meeting_organizers (user_id, list_at, meeting_id);
INSERT INTO meeting_organizers (meeting_id, user_id, added_at, list_at)
    SELECT id, organizer_id, created_at, list_at FROM meetings WHERE organizer_id IS NOT NULL;

-- One per breached norm, recorded when the meeting circulated anyway.
CREATE TABLE norm_exceptions (
    meeting_id  TEXT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    norm        TEXT NOT NULL,
    reason      TEXT NOT NULL,
    by_user_id  TEXT,
    by_name     TEXT NOT NULL,
    at          TEXT NOT NULL,
    PRIMARY KEY (meeting_id, norm)
);

-- A team invitation to an address without an account: its own small outbox, sent in the
-- team's core hours (it belongs to no meeting, so it is not one of a meeting's deliveries).
CREATE TABLE team_invitations (
    id              TEXT PRIMARY KEY,
    team_id         TEXT NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    email_key       TEXT NOT NULL,
    recipient_name  TEXT NOT NULL,
    recipient_email TEXT NOT NULL,
    subject         TEXT NOT NULL,
    body_text       TEXT NOT NULL,
    body_html       TEXT NOT NULL,
    -- queued, sent, failed
    status          TEXT NOT NULL,
    not_before      TEXT NOT NULL,
    attempts        BIGINT NOT NULL DEFAULT 0,
    last_error      TEXT,
    sent_at         TEXT,
    claimed_until   TEXT,
    created_at      TEXT NOT NULL
);
CREATE INDEX team_invitations_due ON team_invitations (status, not_before);
