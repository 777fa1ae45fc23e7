-- Action items (PRODUCT.md, "After the meeting"): what a meeting decided someone does, by when.
-- The owner is a person on the meeting; open ones carry over to a series' next occurrence.

CREATE TABLE action_items (
    id          TEXT PRIMARY KEY,
    meeting_id  TEXT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    title       TEXT NOT NULL,
    owner_id    TEXT NOT NULL REFERENCES attendees (id) ON DELETE CASCADE,
    -- YYYY-MM-DD
    due_on      TEXT NOT NULL,
    note        TEXT NOT NULL DEFAULT '',
    done        BIGINT NOT NULL DEFAULT 0,
    done_at     TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE INDEX action_items_meeting ON action_items (meeting_id, created_at, id);
-- the reminders' scan: open items by due date
CREATE INDEX action_items_open ON action_items (done, due_on);
