-- A meeting's revision goes up with every change to the rows that hang off it (people, agenda,
-- pre-reads and their versions, comments, reads, polls, votes, the outcome). The server keeps a
-- meeting's rows in memory under the revision they were read at, and each request reads the
-- revision with the meeting's own row: a changed revision is a changed meeting, whichever
-- process wrote it. The triggers that raise it are written per database (`sqlite/`,
-- `postgres/`), because the two spell triggers differently.
ALTER TABLE meetings ADD COLUMN revision BIGINT NOT NULL DEFAULT 0;
