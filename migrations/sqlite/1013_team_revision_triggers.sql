-- SQLite's half of 0013_teams.sql: a meeting's organizers and its norm exceptions hang off it
-- like its people, so changing them raises its revision (see 1010).

CREATE TRIGGER meeting_organizers_insert_revision AFTER INSERT ON meeting_organizers
BEGIN
    UPDATE meetings SET revision = revision + 1 WHERE id = NEW.meeting_id;
END;

CREATE TRIGGER meeting_organizers_update_revision AFTER UPDATE ON meeting_organizers
BEGIN
    UPDATE meetings SET revision = revision + 1 WHERE id = NEW.meeting_id;
END;

CREATE TRIGGER meeting_organizers_delete_revision AFTER DELETE ON meeting_organizers
BEGIN
    UPDATE meetings SET revision = revision + 1 WHERE id = OLD.meeting_id;
END;

CREATE TRIGGER norm_exceptions_insert_revision AFTER INSERT ON norm_exceptions
BEGIN
    UPDATE meetings SET revision = revision + 1 WHERE id = NEW.meeting_id;
END;

CREATE TRIGGER norm_exceptions_update_revision AFTER UPDATE ON norm_exceptions
BEGIN
    UPDATE meetings SET revision = revision + 1 WHERE id = NEW.meeting_id;
END;

CREATE TRIGGER norm_exceptions_delete_revision AFTER DELETE ON norm_exceptions
BEGIN
    UPDATE meetings SET revision = revision + 1 WHERE id = OLD.meeting_id;
END;
