-- Issue 14 §4: a shift lead's device pulls only the cases the lead opened
-- (not the region's history). opened_seq orders the older history of a
-- case opened later after the lead's cursor, as participants.joined_seq does.
CREATE TABLE lead_views (
    case_id      TEXT NOT NULL REFERENCES cases (case_id),
    username     TEXT NOT NULL,
    opened_seq   INTEGER NOT NULL,
    opened_at_ms INTEGER NOT NULL,
    PRIMARY KEY (case_id, username)
);
CREATE INDEX lead_views_user ON lead_views (username, opened_seq);

-- Retention: whose devices still hold a purged case and must be told to
-- drop it. Only a random case id and an account name: no personal data.
CREATE TABLE purge_notices (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    case_id      TEXT NOT NULL,
    username     TEXT NOT NULL,
    purged_at_ms INTEGER NOT NULL
);
CREATE INDEX purge_notices_user ON purge_notices (username, id);

-- What an audited search looked for (the lead's search text).
ALTER TABLE audit_log ADD COLUMN detail TEXT;

-- The lead window and retention ask for each case's last activity.
CREATE INDEX events_case_received ON events (case_id, received_at_ms);

-- Retention: a purged case's id, with the highest seq it held, so the
-- writer never hands a seq out twice (the pull cursor must only grow).
CREATE TABLE purged_cases (
    case_id      TEXT PRIMARY KEY,
    max_seq      INTEGER NOT NULL,
    purged_at_ms INTEGER NOT NULL
);
