-- The limit on an anonymous meeting's comments counts them per pre-read on every new one, on
-- the connection that writes: this index lets that count read the index alone instead of every
-- comment's row.
CREATE INDEX comments_anonymous ON comments (preread_id, anonymous);
