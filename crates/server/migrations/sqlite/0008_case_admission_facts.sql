-- What admission reads of every stored case a push writes in (issue 13
-- §3 the opening's stamp, §5 the event cap), kept on the case's row by the
-- writer in the transaction that stores the events (issue 18 §4). Counting
-- the case's events and reading its opening event back at every push was
-- the costliest statement of a push on PostgreSQL (pg_stat_statements).
ALTER TABLE cases ADD COLUMN event_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE cases ADD COLUMN opened_wall_ms INTEGER NOT NULL DEFAULT 0;
ALTER TABLE cases ADD COLUMN opened_counter INTEGER NOT NULL DEFAULT 0;
UPDATE cases SET
    event_count = (SELECT COUNT(*) FROM events e WHERE e.case_id = cases.case_id),
    opened_wall_ms = COALESCE((SELECT json_extract(CAST(e.body AS TEXT), '$.stamp.wall_ms')
                               FROM events e WHERE e.seq = cases.opened_seq), 0),
    opened_counter = COALESCE((SELECT json_extract(CAST(e.body AS TEXT), '$.stamp.counter')
                               FROM events e WHERE e.seq = cases.opened_seq), 0);
