-- Recurring meetings and templates (PRODUCT.md, "Recurring meetings: every occurrence earns its
-- place"). A series is a template brief with a schedule; each occurrence is an ordinary meeting
-- that points back at it. Only the next occurrence exists as a meeting at any time.

CREATE TABLE series (
    id              TEXT PRIMARY KEY,
    organizer_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    team_id         TEXT REFERENCES teams (id),
    -- the template brief and its schedule as JSON (model::series::SeriesFields): read and
    -- written whole, never queried
    fields          TEXT NOT NULL,
    -- active, ended
    status          TEXT NOT NULL,
    -- the day it was ended early (its calendar's UNTIL), when it was
    ended_on        TEXT,
    -- what its history advises, as JSON (model::series::Advice), kept with each change of it
    advice          TEXT,
    -- when the scheduler next looks at it: the end of its current occurrence (or at once)
    check_at        TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    version         BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX series_organizer ON series (organizer_id, created_at, id);
CREATE INDEX series_team ON series (team_id, created_at, id);
CREATE INDEX series_due ON series (status, check_at);

-- Dates skipped ahead of time (no meeting is ever made for them).
CREATE TABLE series_skips (
    series_id       TEXT NOT NULL REFERENCES series (id) ON DELETE CASCADE,
    -- YYYY-MM-DD in the series' zone
    occurrence_date TEXT NOT NULL,
    PRIMARY KEY (series_id, occurrence_date)
);

-- An occurrence knows its series and its date; the unique key is what makes creating it
-- idempotent: two server instances that both try create it once.
ALTER TABLE meetings ADD COLUMN series_id TEXT REFERENCES series (id) ON DELETE SET NULL;
ALTER TABLE meetings ADD COLUMN occurrence_date TEXT;
-- the start the series' rule gives that date (its calendar's RECURRENCE-ID)
ALTER TABLE meetings ADD COLUMN occurrence_start TEXT;
-- the series' advice when it was made, a reason of its verdict (JSON, model::series::Advice)
ALTER TABLE meetings ADD COLUMN series_advice TEXT;
-- when the scheduler circulates it (a series with auto_circulate), until it has tried
ALTER TABLE meetings ADD COLUMN auto_circulate_at TEXT;
CREATE INDEX meetings_auto_circulate ON meetings (auto_circulate_at);
CREATE UNIQUE INDEX meetings_occurrence ON meetings (series_id, occurrence_date);

-- What an occurrence carries from earlier ones: open threads (and, later, action items). The
-- key keeps each from being carried into one meeting twice.
CREATE TABLE carried_over (
    meeting_id      TEXT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    -- thread, action_item
    kind            TEXT NOT NULL,
    source_id       TEXT NOT NULL,
    text            TEXT NOT NULL,
    thread_kind     TEXT,
    from_meeting_id TEXT NOT NULL,
    from_date       TEXT NOT NULL,
    -- where it can be read: a thread's page, an action item's meeting
    link            TEXT NOT NULL,
    agenda_item_id  TEXT,
    position        BIGINT NOT NULL,
    PRIMARY KEY (meeting_id, kind, source_id)
);

-- Personal and team templates (the built-in ones live in the code).
CREATE TABLE templates (
    id              TEXT PRIMARY KEY,
    -- personal, team
    scope           TEXT NOT NULL,
    owner_id        TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    team_id         TEXT REFERENCES teams (id) ON DELETE CASCADE,
    -- the whole template as JSON (model::series::Template)
    body            TEXT NOT NULL,
    created_at      TEXT NOT NULL
);
CREATE INDEX templates_owner ON templates (owner_id);
CREATE INDEX templates_team ON templates (team_id);
