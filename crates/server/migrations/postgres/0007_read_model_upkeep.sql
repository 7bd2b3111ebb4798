-- Each case's part in the shift lead's weekly figures (core
-- evaluation::case_figures, JSON; 'null' for a case without a report time),
-- kept beside its list row so GET /api/v1/figures sums stored parts instead
-- of folding the region (issue 18 §1). NULL: not computed yet; the first
-- start after this migration fills it (read_models::backfill).
ALTER TABLE case_rows ADD COLUMN figures TEXT;

-- Cases whose read models lag their events. The writer marks every case a
-- group wrote in, in that group's transaction (one small row, instead of
-- refolding and rewriting the case's rows at every push); a reader brings
-- the marked cases of its region up to date before it reads
-- (routes::list::refresh_stale), and the writer catches up on its own when
-- it has had nothing to do for a moment. A list therefore never shows a
-- case without its newest events.
CREATE TABLE read_model_dirty (
    case_id TEXT PRIMARY KEY,
    region  TEXT NOT NULL
);
CREATE INDEX read_model_dirty_region ON read_model_dirty (region);
