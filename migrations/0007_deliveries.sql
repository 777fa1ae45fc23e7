-- What Prework sends (PRODUCT.md, "What Prework sends"): a transactional outbox of messages,
-- written in the same transaction as the change that causes them, and each attempt to send one.

-- Working days besides hours: ISO weekdays, comma-separated ("1,2,3,4,5" is Monday to Friday).
ALTER TABLE attendees ADD COLUMN work_days TEXT NOT NULL DEFAULT '1,2,3,4,5';
-- What the person wants to receive: all, digest, outcome_only.
ALTER TABLE attendees ADD COLUMN notifications TEXT NOT NULL DEFAULT 'all';
-- How long before the response deadline reminders go out.
ALTER TABLE meetings ADD COLUMN reminder_hours BIGINT NOT NULL DEFAULT 24;

-- Extra personal-link secrets (hashed): the one mailed with an invitation lives here, so the
-- link the API handed out when the person was added keeps working too. Issuing a new link
-- ends all of them.
CREATE TABLE link_secrets (
    token_hash  TEXT PRIMARY KEY,
    attendee_id TEXT NOT NULL REFERENCES attendees (id) ON DELETE CASCADE,
    created_at  TEXT NOT NULL
);
CREATE INDEX link_secrets_attendee ON link_secrets (attendee_id);

CREATE TABLE deliveries (
    id              TEXT PRIMARY KEY,
    meeting_id      TEXT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    -- invitation, informed_notice, reminder, digest, deadline, outcome, cancellation
    kind            TEXT NOT NULL,
    -- one message per cause: a second enqueue of the same key does nothing
    dedup_key       TEXT NOT NULL UNIQUE,
    attendee_id     TEXT REFERENCES attendees (id) ON DELETE CASCADE,
    user_id         TEXT REFERENCES users (id) ON DELETE CASCADE,
    recipient_name  TEXT NOT NULL,
    recipient_email TEXT NOT NULL,
    subject         TEXT NOT NULL,
    -- the bodies, with the personal link left as a placeholder
    body_text       TEXT NOT NULL,
    body_html       TEXT NOT NULL,
    -- an iCalendar attachment (invitation, cancellation), or NULL
    ics             TEXT,
    -- the personal link's secret, only until the message has been sent
    secret          TEXT,
    -- queued, held, sent, failed, suppressed
    status          TEXT NOT NULL,
    -- not to be sent before (the recipient's working hours, or a retry's backoff)
    not_before      TEXT NOT NULL,
    attempts        BIGINT NOT NULL DEFAULT 0,
    last_error      TEXT,
    sent_at         TEXT,
    -- a worker that claimed it holds it until then (a worker that died lets it go)
    claimed_until   TEXT,
    created_at      TEXT NOT NULL
);
CREATE INDEX deliveries_due ON deliveries (status, not_before);
CREATE INDEX deliveries_meeting ON deliveries (meeting_id, created_at);

CREATE TABLE delivery_attempts (
    delivery_id TEXT NOT NULL REFERENCES deliveries (id) ON DELETE CASCADE,
    attempt     BIGINT NOT NULL,
    at          TEXT NOT NULL,
    ok          BIGINT NOT NULL,
    error       TEXT,
    PRIMARY KEY (delivery_id, attempt)
);
