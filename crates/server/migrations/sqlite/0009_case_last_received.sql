-- When the server last received an event of each case, kept on the case's
-- row by the writer in the transaction that stores the events (issue 18
-- §4): the lead window (cases active since) and retention (cases quiet
-- since) read it from the row instead of taking the maximum over every
-- event of every case, and the index that served that maximum is no
-- longer written at every stored event.
ALTER TABLE cases ADD COLUMN last_received_ms INTEGER NOT NULL DEFAULT 0;
UPDATE cases SET last_received_ms = COALESCE(
    (SELECT MAX(e.received_at_ms) FROM events e WHERE e.case_id = cases.case_id), created_at_ms);
DROP INDEX IF EXISTS events_case_received;
