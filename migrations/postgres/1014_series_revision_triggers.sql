-- PostgreSQL's half of 0014_series.sql: what an occurrence carries over hangs off it like its
-- people, so changing it raises its revision (see 1010).

CREATE TRIGGER carried_over_revision AFTER INSERT OR UPDATE OR DELETE ON carried_over
    FOR EACH ROW EXECUTE FUNCTION raise_revision_by_meeting();
