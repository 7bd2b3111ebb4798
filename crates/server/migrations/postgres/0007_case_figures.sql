-- Each case's part in the shift lead's weekly figures (core
-- evaluation::case_figures, JSON; 'null' for a case without a report time),
-- kept beside its list row so GET /api/v1/figures sums stored parts instead
-- of folding the region (issue 18 §1). NULL: not computed yet; the first
-- start after this migration fills it (read_models::backfill).
ALTER TABLE case_rows ADD COLUMN figures TEXT;
