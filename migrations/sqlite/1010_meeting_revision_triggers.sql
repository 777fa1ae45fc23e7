-- SQLite's half of 0010_meeting_revision.sql: every insert, update and delete of a row that
-- hangs off a meeting raises that meeting's revision, in the same transaction as the change.
-- (Numbered apart from the shared migrations so the two lists never claim the same version.)

CREATE TRIGGER attendees_insert_revision AFTER INSERT ON attendees
BEGIN
    UPDATE meetings SET revision = revision + 1 WHERE id = NEW.meeting_id;
END;

CREATE TRIGGER attendees_update_revision AFTER UPDATE ON attendees
BEGIN
    UPDATE meetings SET revision = revision + 1 WHERE id = NEW.meeting_id;
END;

CREATE TRIGGER attendees_delete_revision AFTER DELETE ON attendees
BEGIN
    UPDATE meetings SET revision = revision + 1 WHERE id = OLD.meeting_id;
END;

CREATE TRIGGER agenda_items_insert_revision AFTER INSERT ON agenda_items
BEGIN
    UPDATE meetings SET revision = revision + 1 WHERE id = NEW.meeting_id;
END;

CREATE TRIGGER agenda_items_update_revision AFTER UPDATE ON agenda_items
BEGIN
    UPDATE meetings SET revision = revision + 1 WHERE id = NEW.meeting_id;
END;

CREATE TRIGGER agenda_items_delete_revision AFTER DELETE ON agenda_items
BEGIN
    UPDATE meetings SET revision = revision + 1 WHERE id = OLD.meeting_id;
END;

CREATE TRIGGER prereads_insert_revision AFTER INSERT ON prereads
BEGIN
    UPDATE meetings SET revision = revision + 1 WHERE id = NEW.meeting_id;
END;

CREATE TRIGGER prereads_update_revision AFTER UPDATE ON prereads
BEGIN
    UPDATE meetings SET revision = revision + 1 WHERE id = NEW.meeting_id;
END;

CREATE TRIGGER prereads_delete_revision AFTER DELETE ON prereads
BEGIN
    UPDATE meetings SET revision = revision + 1 WHERE id = OLD.meeting_id;
END;

CREATE TRIGGER polls_insert_revision AFTER INSERT ON polls
BEGIN
    UPDATE meetings SET revision = revision + 1 WHERE id = NEW.meeting_id;
END;

CREATE TRIGGER polls_update_revision AFTER UPDATE ON polls
BEGIN
    UPDATE meetings SET revision = revision + 1 WHERE id = NEW.meeting_id;
END;

CREATE TRIGGER polls_delete_revision AFTER DELETE ON polls
BEGIN
    UPDATE meetings SET revision = revision + 1 WHERE id = OLD.meeting_id;
END;

CREATE TRIGGER outcomes_insert_revision AFTER INSERT ON outcomes
BEGIN
    UPDATE meetings SET revision = revision + 1 WHERE id = NEW.meeting_id;
END;

CREATE TRIGGER outcomes_update_revision AFTER UPDATE ON outcomes
BEGIN
    UPDATE meetings SET revision = revision + 1 WHERE id = NEW.meeting_id;
END;

CREATE TRIGGER outcomes_delete_revision AFTER DELETE ON outcomes
BEGIN
    UPDATE meetings SET revision = revision + 1 WHERE id = OLD.meeting_id;
END;

CREATE TRIGGER preread_versions_insert_revision AFTER INSERT ON preread_versions
BEGIN
    UPDATE meetings SET revision = revision + 1 WHERE id = (SELECT meeting_id FROM prereads WHERE id = NEW.preread_id);
END;

CREATE TRIGGER preread_versions_update_revision AFTER UPDATE ON preread_versions
BEGIN
    UPDATE meetings SET revision = revision + 1 WHERE id = (SELECT meeting_id FROM prereads WHERE id = NEW.preread_id);
END;

CREATE TRIGGER preread_versions_delete_revision AFTER DELETE ON preread_versions
BEGIN
    UPDATE meetings SET revision = revision + 1 WHERE id = (SELECT meeting_id FROM prereads WHERE id = OLD.preread_id);
END;

CREATE TRIGGER comments_insert_revision AFTER INSERT ON comments
BEGIN
    UPDATE meetings SET revision = revision + 1 WHERE id = (SELECT meeting_id FROM prereads WHERE id = NEW.preread_id);
END;

CREATE TRIGGER comments_update_revision AFTER UPDATE ON comments
BEGIN
    UPDATE meetings SET revision = revision + 1 WHERE id = (SELECT meeting_id FROM prereads WHERE id = NEW.preread_id);
END;

CREATE TRIGGER comments_delete_revision AFTER DELETE ON comments
BEGIN
    UPDATE meetings SET revision = revision + 1 WHERE id = (SELECT meeting_id FROM prereads WHERE id = OLD.preread_id);
END;

CREATE TRIGGER preread_reads_insert_revision AFTER INSERT ON preread_reads
BEGIN
    UPDATE meetings SET revision = revision + 1 WHERE id = (SELECT meeting_id FROM prereads WHERE id = NEW.preread_id);
END;

CREATE TRIGGER preread_reads_update_revision AFTER UPDATE ON preread_reads
BEGIN
    UPDATE meetings SET revision = revision + 1 WHERE id = (SELECT meeting_id FROM prereads WHERE id = NEW.preread_id);
END;

CREATE TRIGGER preread_reads_delete_revision AFTER DELETE ON preread_reads
BEGIN
    UPDATE meetings SET revision = revision + 1 WHERE id = (SELECT meeting_id FROM prereads WHERE id = OLD.preread_id);
END;

CREATE TRIGGER votes_insert_revision AFTER INSERT ON votes
BEGIN
    UPDATE meetings SET revision = revision + 1 WHERE id = (SELECT meeting_id FROM polls WHERE id = NEW.poll_id);
END;

CREATE TRIGGER votes_update_revision AFTER UPDATE ON votes
BEGIN
    UPDATE meetings SET revision = revision + 1 WHERE id = (SELECT meeting_id FROM polls WHERE id = NEW.poll_id);
END;

CREATE TRIGGER votes_delete_revision AFTER DELETE ON votes
BEGIN
    UPDATE meetings SET revision = revision + 1 WHERE id = (SELECT meeting_id FROM polls WHERE id = OLD.poll_id);
END;
