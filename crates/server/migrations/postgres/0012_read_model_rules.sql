-- The version of core's rules the stored read models were computed with
-- (core read_model::RULES_VERSION). At start the server compares it with
-- its own and, when they differ, recomputes every case's rows before it
-- answers (read_models::backfill), then stores its version here. No row:
-- computed before this table, by rules of unknown age.
CREATE TABLE read_model_rules (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    version BIGINT NOT NULL
);
