-- Read models (issue 18 §1): each case as a shift lead's organisation sees
-- it (core read_model::CaseProjection), and its board items, rewritten by
-- the writer in the transaction that stores the case's events. The rows
-- are filled on the first start after this migration (read_models::backfill)
-- and rebuilt by `samenop-server reindex`.
CREATE TABLE case_rows (
    case_id          TEXT NOT NULL,
    viewer_org       TEXT NOT NULL,
    region           TEXT NOT NULL,
    reported_at_ms   BIGINT NOT NULL,
    -- the last event of any organisation (the lead window) and the last
    -- one this organisation may see (changed since the lead's visit)
    last_received_ms BIGINT NOT NULL,
    last_visible_ms  BIGINT NOT NULL,
    status           TEXT NOT NULL,
    -- when the projection may stop holding (CaseProjection::valid_until)
    valid_until_ms   BIGINT,
    projection       TEXT NOT NULL,
    PRIMARY KEY (case_id, viewer_org)
);
CREATE INDEX case_rows_list ON case_rows (region, viewer_org, reported_at_ms, case_id);
CREATE INDEX case_rows_stale ON case_rows (region, valid_until_ms);

CREATE TABLE board_rows (
    case_id          TEXT NOT NULL,
    viewer_org       TEXT NOT NULL,
    measure_id       TEXT NOT NULL,
    region           TEXT NOT NULL,
    last_received_ms BIGINT NOT NULL,
    -- board order: with a moment first, by that moment (ms; 0 without)
    no_due           BIGINT NOT NULL,
    due_ms           BIGINT NOT NULL,
    item             TEXT NOT NULL,
    PRIMARY KEY (case_id, viewer_org, measure_id)
);
CREATE INDEX board_rows_order ON board_rows (region, viewer_org, no_due, due_ms, case_id, measure_id);

-- A lead's last visits, read with every list page.
CREATE INDEX audit_user_action ON audit_log (username, action, case_id, at_ms);
