-- "Was it worth it?" and a lead's insights (PRODUCT.md, "After the meeting").
--
-- Feedback is kept so that nobody, with database access and every timestamp, can join a person
-- to what they answered: `feedback_marks` says only that someone answered (a one-way hash of
-- the meeting and the attendee, no time); `feedback_tallies` keeps the answers as one row of
-- counts per meeting, with the notes in a JSON array each new note enters at a random place. No
-- answer is a row of its own, so there is no row order, id or time to line up with the marks.

-- The meetings whose people were asked (one row each: the scheduler asks once).
CREATE TABLE feedback_asks (
    meeting_id  TEXT PRIMARY KEY REFERENCES meetings (id) ON DELETE CASCADE,
    -- YYYY-MM-DD: no time finer than the day
    asked_on    TEXT NOT NULL
);

-- the scheduler's look for meetings that ended and were not asked yet
CREATE INDEX meetings_status_start ON meetings (status, starts_at);

CREATE TABLE feedback_marks (
    meeting_id  TEXT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    -- hex SHA-256 of "<meeting id>:<attendee id>"
    mark        TEXT NOT NULL,
    PRIMARY KEY (meeting_id, mark)
);

CREATE TABLE feedback_tallies (
    meeting_id      TEXT PRIMARY KEY REFERENCES meetings (id) ON DELETE CASCADE,
    series_id       TEXT,
    responses       BIGINT NOT NULL DEFAULT 0,
    score_total     BIGINT NOT NULL DEFAULT 0,
    better_agenda          BIGINT NOT NULL DEFAULT 0,
    better_focus           BIGINT NOT NULL DEFAULT 0,
    better_participation   BIGINT NOT NULL DEFAULT 0,
    better_next_steps      BIGINT NOT NULL DEFAULT 0,
    better_async           BIGINT NOT NULL DEFAULT 0,
    -- a JSON array of strings, in no order that says when each came
    notes           TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX feedback_tallies_series ON feedback_tallies (series_id);

-- Insights come from aggregates kept as meetings are decided, not from a scan per view. Each
-- decided meeting of a team has its figures here (so a second decision replaces its share
-- rather than adding to it), and the weekly sums below change by the difference.
CREATE TABLE meeting_insights (
    meeting_id      TEXT PRIMARY KEY,
    team_id         TEXT NOT NULL,
    -- the ISO week of its start in the team's zone: 2026-W48
    week            TEXT NOT NULL,
    series_id       TEXT NOT NULL DEFAULT '',
    status          TEXT NOT NULL,
    -- attendee-minutes: minutes times the people who would be in the room
    minutes_planned BIGINT NOT NULL,
    minutes_held    BIGINT NOT NULL,
    -- JSON: [{"email", "name", "minutes"}] of the people who met
    people          TEXT NOT NULL DEFAULT '[]'
);

CREATE TABLE insight_weeks (
    team_id         TEXT NOT NULL,
    week            TEXT NOT NULL,
    -- '' for meetings of no series
    series_id       TEXT NOT NULL DEFAULT '',
    held            BIGINT NOT NULL DEFAULT 0,
    shortened       BIGINT NOT NULL DEFAULT 0,
    cancelled       BIGINT NOT NULL DEFAULT 0,
    minutes_planned BIGINT NOT NULL DEFAULT 0,
    minutes_held    BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (team_id, week, series_id)
);

CREATE TABLE insight_people (
    team_id     TEXT NOT NULL,
    week        TEXT NOT NULL,
    -- lower-cased, as team members are matched
    email       TEXT NOT NULL,
    name        TEXT NOT NULL,
    minutes     BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (team_id, week, email)
);
