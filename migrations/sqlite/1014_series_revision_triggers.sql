-- SQLite's half of 0014_series.sql: what an occurrence carries over hangs off it like its
-- people, so changing it raises its revision (see 1010).

CREATE TRIGGER carried_over_insert_revision AFTER INSERT ON carried_over
BEGIN
    UPDATE meetings SET revision = revision + 1 WHERE id = NEW.meeting_id;
END;

CREATE TRIGGER carried_over_update_revision AFTER UPDATE ON carried_over
BEGIN
    UPDATE meetings SET revision = revision + 1 WHERE id = NEW.meeting_id;
END;

CREATE TRIGGER carried_over_delete_revision AFTER DELETE ON carried_over
BEGIN
    UPDATE meetings SET revision = revision + 1 WHERE id = OLD.meeting_id;
END;
