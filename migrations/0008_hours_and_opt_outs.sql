-- Organizers' own hours (GET/PATCH /api/v1/me): messages to them wait for their working day too.
ALTER TABLE users ADD COLUMN time_zone TEXT;
ALTER TABLE users ADD COLUMN work_start TEXT;
ALTER TABLE users ADD COLUMN work_end TEXT;
ALTER TABLE users ADD COLUMN work_days TEXT NOT NULL DEFAULT '1,2,3,4,5';

-- The organizer's choice per meeting (all, or outcome_only once they unsubscribed its digests).
ALTER TABLE meetings ADD COLUMN organizer_notifications TEXT NOT NULL DEFAULT 'all';

-- One-click unsubscribe (RFC 8058): the token a message's List-Unsubscribe carries. It can only
-- turn that person's messages for that meeting down, so it is kept as is.
ALTER TABLE deliveries ADD COLUMN unsubscribe_token TEXT;
CREATE INDEX deliveries_unsubscribe ON deliveries (unsubscribe_token);

-- Which comments a digest told its organizer about, so the next digest tells only what is new
-- (comment times cannot say it exactly: an anonymous comment's time is its minute).
CREATE TABLE digest_comments (
    delivery_id TEXT NOT NULL REFERENCES deliveries (id) ON DELETE CASCADE,
    comment_id  TEXT NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
    PRIMARY KEY (delivery_id, comment_id)
);
CREATE INDEX digest_comments_comment ON digest_comments (comment_id);
