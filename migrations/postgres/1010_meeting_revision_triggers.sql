-- PostgreSQL's half of 0010_meeting_revision.sql: every insert, update and delete of a row
-- that hangs off a meeting raises that meeting's revision, in the same transaction as the
-- change. (Numbered apart from the shared migrations so the two lists never claim the same
-- version.)

CREATE FUNCTION raise_revision_by_meeting() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    changed RECORD;
BEGIN
    IF TG_OP = 'DELETE' THEN changed := OLD; ELSE changed := NEW; END IF;
    UPDATE meetings SET revision = revision + 1 WHERE id = changed.meeting_id;
    RETURN NULL;
END
$$;

CREATE FUNCTION raise_revision_by_preread() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    changed RECORD;
BEGIN
    IF TG_OP = 'DELETE' THEN changed := OLD; ELSE changed := NEW; END IF;
    UPDATE meetings SET revision = revision + 1 WHERE id = (SELECT meeting_id FROM prereads WHERE id = changed.preread_id);
    RETURN NULL;
END
$$;

CREATE FUNCTION raise_revision_by_poll() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    changed RECORD;
BEGIN
    IF TG_OP = 'DELETE' THEN changed := OLD; ELSE changed := NEW; END IF;
    UPDATE meetings SET revision = revision + 1 WHERE id = (SELECT meeting_id FROM polls WHERE id = changed.poll_id);
    RETURN NULL;
END
$$;

CREATE TRIGGER attendees_revision AFTER INSERT OR UPDATE OR DELETE ON attendees
    FOR EACH ROW EXECUTE FUNCTION raise_revision_by_meeting();

CREATE TRIGGER agenda_items_revision AFTER INSERT OR UPDATE OR DELETE ON agenda_items
    FOR EACH ROW EXECUTE FUNCTION raise_revision_by_meeting();

CREATE TRIGGER prereads_revision AFTER INSERT OR UPDATE OR DELETE ON prereads
    FOR EACH ROW EXECUTE FUNCTION raise_revision_by_meeting();

CREATE TRIGGER polls_revision AFTER INSERT OR UPDATE OR DELETE ON polls
    FOR EACH ROW EXECUTE FUNCTION raise_revision_by_meeting();

CREATE TRIGGER outcomes_revision AFTER INSERT OR UPDATE OR DELETE ON outcomes
    FOR EACH ROW EXECUTE FUNCTION raise_revision_by_meeting();

CREATE TRIGGER preread_versions_revision AFTER INSERT OR UPDATE OR DELETE ON preread_versions
    FOR EACH ROW EXECUTE FUNCTION raise_revision_by_preread();

CREATE TRIGGER comments_revision AFTER INSERT OR UPDATE OR DELETE ON comments
    FOR EACH ROW EXECUTE FUNCTION raise_revision_by_preread();

CREATE TRIGGER preread_reads_revision AFTER INSERT OR UPDATE OR DELETE ON preread_reads
    FOR EACH ROW EXECUTE FUNCTION raise_revision_by_preread();

CREATE TRIGGER votes_revision AFTER INSERT OR UPDATE OR DELETE ON votes
    FOR EACH ROW EXECUTE FUNCTION raise_revision_by_poll();
