-- The agenda: ordered items, each with an optional owner among the meeting's attendees.
CREATE TABLE agenda_items (
    id             TEXT PRIMARY KEY,
    meeting_id     TEXT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    title          TEXT NOT NULL,
    kind           TEXT NOT NULL,
    minutes        BIGINT NOT NULL,
    -- a removed attendee leaves the item without an owner rather than removing the item
    owner_id       TEXT REFERENCES attendees (id) ON DELETE SET NULL,
    -- 0-based order within the meeting, kept dense by every write
    position       BIGINT NOT NULL,
    resolved_async BIGINT NOT NULL DEFAULT 0,
    resolution     TEXT NOT NULL DEFAULT '',
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
);
CREATE INDEX agenda_items_meeting ON agenda_items (meeting_id, position);
