-- When the server last received an event of each case, kept on the case's
-- row by the writer in the transaction that stores the events (issue 18
-- §4): the lead window (cases active since) and retention (cases quiet
-- since) read it from the row instead of taking the maximum over every
-- event of every case, and the index that served that maximum is no
-- longer written at every stored event.
-- Room on each page for the writer's update of the row (event count,
-- last received; neither indexed) to stay on its page (a HOT update: no
-- new entry in the table's three indexes).
ALTER TABLE cases ADD COLUMN last_received_ms BIGINT NOT NULL DEFAULT 0;
ALTER TABLE cases SET (fillfactor = 80);
UPDATE cases c SET last_received_ms = COALESCE(
    (SELECT MAX(e.received_at_ms) FROM events e WHERE e.case_id = c.case_id), c.created_at_ms);
DROP INDEX IF EXISTS events_case_received;
