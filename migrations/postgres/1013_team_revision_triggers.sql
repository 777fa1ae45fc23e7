-- PostgreSQL's half of 0013_teams.sql: a meeting's organizers and its norm exceptions hang off
-- it like its people, so changing them raises its revision (see 1010).

CREATE TRIGGER meeting_organizers_revision AFTER INSERT OR UPDATE OR DELETE ON meeting_organizers
    FOR EACH ROW EXECUTE FUNCTION raise_revision_by_meeting();
CREATE TRIGGER norm_exceptions_revision AFTER INSERT OR UPDATE OR DELETE ON norm_exceptions
    FOR EACH ROW EXECUTE FUNCTION raise_revision_by_meeting();
