-- "No event and no participant without its case" (issue 18 §4), checked
-- by the database once per statement instead of once per row.
--
-- The foreign keys events.case_id and participants.case_id looked the case
-- up and locked its row for every row inserted: the largest single cost of
-- a push on PostgreSQL (measured in the stop 29 note: ingest +36-48 % at 20
-- devices and +30-51 % at 100 once they were checked per statement). The rule
-- stays the database's, so a bug in the writer still cannot store an
-- orphan:
--   * after each INSERT into events or participants, one anti-join of the
--     statement's new rows (a transition table) against cases;
--   * after each DELETE from cases, one look at whether events or
--     participants still name a deleted case (what the keys refused);
--   * a case_id never changes, in any of the three tables (the keys
--     refused a change that would orphan a row; no code changes one).
-- Each refusal carries SQLSTATE 23503, as the keys' did.
--
-- Why no row locks are needed: the keys' row lock kept a concurrent purge
-- from deleting the case between the check and the commit. Here every
-- check first takes the writer's advisory lock (PG_WRITER_LOCK in
-- storage/writer/mod.rs, 23434223198031696 = 0x0053414d454e4f50). The
-- group commit and the retention purge already hold it for their whole
-- transaction (taking it again is immediate); a statement that did not
-- waits here until no other writer is in flight, and the check's query
-- then sees every commit before it (READ COMMITTED: each query of a
-- function takes a new snapshot). So no insert and no delete of these
-- rows can pass each other unseen, whichever process or code path runs
-- them.
--
-- lead_views keeps its foreign key: a lead opens a case one row at a time.
-- SQLite keeps its foreign keys: checked in process, they cost little.

ALTER TABLE events DROP CONSTRAINT IF EXISTS events_case_id_fkey;
ALTER TABLE participants DROP CONSTRAINT IF EXISTS participants_case_id_fkey;

CREATE FUNCTION samenop_new_rows_name_stored_cases() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_advisory_xact_lock(23434223198031696);
    IF EXISTS (SELECT 1 FROM new_rows n
               WHERE NOT EXISTS (SELECT 1 FROM cases c WHERE c.case_id = n.case_id)) THEN
        RAISE EXCEPTION 'a row of "%" names a case that is not stored', TG_TABLE_NAME
            USING ERRCODE = 'foreign_key_violation';
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER events_case_stored AFTER INSERT ON events
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION samenop_new_rows_name_stored_cases();
CREATE TRIGGER participants_case_stored AFTER INSERT ON participants
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION samenop_new_rows_name_stored_cases();

CREATE FUNCTION samenop_gone_cases_named_nowhere() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_advisory_xact_lock(23434223198031696);
    IF EXISTS (SELECT 1 FROM gone g
               WHERE NOT EXISTS (SELECT 1 FROM cases c WHERE c.case_id = g.case_id)
                 AND (EXISTS (SELECT 1 FROM events e WHERE e.case_id = g.case_id)
                      OR EXISTS (SELECT 1 FROM participants p WHERE p.case_id = g.case_id))) THEN
        RAISE EXCEPTION 'a deleted case is still named by its events or participants'
            USING ERRCODE = 'foreign_key_violation';
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER cases_gone_named_nowhere AFTER DELETE ON cases
    REFERENCING OLD TABLE AS gone
    FOR EACH STATEMENT EXECUTE FUNCTION samenop_gone_cases_named_nowhere();

CREATE FUNCTION samenop_case_id_fixed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the case_id of a row of "%" never changes', TG_TABLE_NAME
        USING ERRCODE = 'foreign_key_violation';
END $$;

CREATE TRIGGER cases_case_id_fixed BEFORE UPDATE OF case_id ON cases
    FOR EACH ROW WHEN (OLD.case_id IS DISTINCT FROM NEW.case_id)
    EXECUTE FUNCTION samenop_case_id_fixed();
CREATE TRIGGER events_case_id_fixed BEFORE UPDATE OF case_id ON events
    FOR EACH ROW WHEN (OLD.case_id IS DISTINCT FROM NEW.case_id)
    EXECUTE FUNCTION samenop_case_id_fixed();
CREATE TRIGGER participants_case_id_fixed BEFORE UPDATE OF case_id ON participants
    FOR EACH ROW WHEN (OLD.case_id IS DISTINCT FROM NEW.case_id)
    EXECUTE FUNCTION samenop_case_id_fixed();
