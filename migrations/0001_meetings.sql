-- Portable across SQLite and PostgreSQL (STACK.md): TEXT, BIGINT and DOUBLE PRECISION only;
-- ids are UUID text, times fixed-width RFC 3339 UTC text, flags 0/1.
CREATE TABLE meetings (
    id                TEXT PRIMARY KEY,
    title             TEXT NOT NULL,
    purpose_kind      TEXT NOT NULL,
    outcome           TEXT NOT NULL,
    why_live          TEXT,
    starts_at         TEXT,
    duration_minutes  BIGINT NOT NULL,
    time_zone         TEXT NOT NULL,
    response_deadline TEXT,
    anonymous         BIGINT NOT NULL DEFAULT 0,
    -- money in cents so sums stay exact
    hourly_rate_cents BIGINT,
    status            TEXT NOT NULL DEFAULT 'draft',
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL
);

CREATE INDEX meetings_created_at ON meetings (created_at);
