-- Webhooks: an organizer's URLs that receive signed JSON (or Slack-style text) for the events
-- they chose, across all their meetings; each event to each webhook is a delivery of its own,
-- queued in the transaction of its cause and sent by the same worker as mail.
CREATE TABLE webhooks (
    id                   TEXT PRIMARY KEY,
    user_id              TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    url                  TEXT NOT NULL,
    -- comma-separated event names
    events               TEXT NOT NULL,
    -- json or slack
    format               TEXT NOT NULL,
    -- the HMAC key: needed in clear to sign, shown to the organizer once
    secret               TEXT NOT NULL,
    active               BIGINT NOT NULL DEFAULT 1,
    consecutive_failures BIGINT NOT NULL DEFAULT 0,
    created_at           TEXT NOT NULL
);
CREATE INDEX webhooks_user ON webhooks (user_id);

CREATE TABLE webhook_deliveries (
    id              TEXT PRIMARY KEY,
    webhook_id      TEXT NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
    event           TEXT NOT NULL,
    dedup_key       TEXT NOT NULL UNIQUE,
    -- the event's JSON body ({id, event, created_at, meeting, data})
    payload         TEXT NOT NULL,
    status          TEXT NOT NULL,
    attempts        BIGINT NOT NULL DEFAULT 0,
    not_before      TEXT NOT NULL,
    claimed_until   TEXT,
    response_status BIGINT,
    last_error      TEXT,
    created_at      TEXT NOT NULL
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (status, not_before);
CREATE INDEX webhook_deliveries_hook ON webhook_deliveries (webhook_id, created_at);

-- A poll's closing is an event once.
ALTER TABLE polls ADD COLUMN closed_announced BIGINT NOT NULL DEFAULT 0;
