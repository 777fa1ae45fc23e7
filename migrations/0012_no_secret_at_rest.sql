-- What Prework sends keeps no secret at rest (issue 24). A message no longer stores the
-- personal link's secret until it is sent: it says whether it carries a link, and the link is
-- minted when the message leaves, only its hash kept (in link_secrets, and here so that a retry
-- can withdraw the one it replaces). The same for the one-click unsubscribe token: its hash is
-- what a click is looked up by. Rows queued before this keep working: their secret's hash was
-- stored when they were queued, and a new link is minted for them at sending.
ALTER TABLE deliveries ADD COLUMN personal_link BIGINT NOT NULL DEFAULT 0;
ALTER TABLE deliveries ADD COLUMN link_hash TEXT;
ALTER TABLE deliveries ADD COLUMN one_click BIGINT NOT NULL DEFAULT 0;
ALTER TABLE deliveries ADD COLUMN unsubscribe_hash TEXT;
UPDATE deliveries SET personal_link = 1 WHERE secret IS NOT NULL AND attendee_id IS NOT NULL;
UPDATE deliveries SET one_click = 1 WHERE unsubscribe_token IS NOT NULL;
UPDATE deliveries SET secret = NULL;
ALTER TABLE deliveries DROP COLUMN secret;
-- unsubscribe_token keeps the tokens of messages sent before this until the server hashes
-- them into unsubscribe_hash at its next start (SQL cannot hash on SQLite); then it is empty.
CREATE INDEX deliveries_unsubscribe_hash ON deliveries (unsubscribe_hash);

-- A webhook whose endpoint keeps failing waits before its next attempt, all its events with it,
-- so a receiver that never answers costs one attempt per backoff, not one per event.
ALTER TABLE webhooks ADD COLUMN paused_until TEXT;
