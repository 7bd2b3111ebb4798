-- How often something a shift lead's list shows changed in each region
-- (issue 18 §3): the writer raises a region's mark in the transaction that
-- stores events or notes refusals there, and a retention purge raises it
-- too. A lead's waiting pull answers when the mark moved past the one in
-- its cursor, so the lead's list asks again only then (and when a row's
-- flags change with the clock) instead of after every quiet pull. In the
-- database, not in one process: two servers on one database hand out the
-- same mark, whichever one a lead's pulls reach.
CREATE TABLE region_marks (
    region TEXT PRIMARY KEY,
    mark   BIGINT NOT NULL
);
