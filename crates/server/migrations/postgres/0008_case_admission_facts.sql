-- What admission reads of every stored case a push writes in (issue 13
-- §3 the opening's stamp, §5 the event cap), kept on the case's row by the
-- writer in the transaction that stores the events (issue 18 §4). Counting
-- the case's events and reading its opening event back at every push was
-- the costliest statement of a push (pg_stat_statements: 5 ms a push).
ALTER TABLE cases
    ADD COLUMN event_count BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN opened_wall_ms BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN opened_counter BIGINT NOT NULL DEFAULT 0;
UPDATE cases c SET
    event_count = (SELECT COUNT(*) FROM events e WHERE e.case_id = c.case_id),
    opened_wall_ms = COALESCE((SELECT (convert_from(e.body, 'UTF8')::jsonb #>> '{stamp,wall_ms}')::bigint
                               FROM events e WHERE e.seq = c.opened_seq), 0),
    opened_counter = COALESCE((SELECT (convert_from(e.body, 'UTF8')::jsonb #>> '{stamp,counter}')::bigint
                               FROM events e WHERE e.seq = c.opened_seq), 0);
