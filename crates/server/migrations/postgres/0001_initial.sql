-- Times are milliseconds since the Unix epoch, UTC. Ids are UUID text.
CREATE TABLE users (
    username        TEXT PRIMARY KEY,
    display_name    TEXT NOT NULL,
    organisation    TEXT NOT NULL,
    role            TEXT NOT NULL,
    region          TEXT NOT NULL,
    password_hash   TEXT NOT NULL,
    disabled        BIGINT NOT NULL DEFAULT 0,
    failed_logins   BIGINT NOT NULL DEFAULT 0,
    locked_until_ms BIGINT,
    created_at_ms   BIGINT NOT NULL
);

-- Only the SHA-256 of a bearer token is stored.
CREATE TABLE sessions (
    token_hash    TEXT PRIMARY KEY,
    username      TEXT NOT NULL REFERENCES users (username),
    device_id     TEXT,
    created_at_ms BIGINT NOT NULL,
    expires_at_ms BIGINT NOT NULL
);
CREATE INDEX sessions_expiry ON sessions (expires_at_ms);

CREATE TABLE cases (
    case_id        TEXT PRIMARY KEY,
    region         TEXT NOT NULL,
    opened_seq     BIGINT NOT NULL,
    created_at_ms  BIGINT NOT NULL,
    reported_at_ms BIGINT NOT NULL,
    source         TEXT NOT NULL,
    address_hint   TEXT NOT NULL,
    opened_by      TEXT NOT NULL,
    opener_name    TEXT NOT NULL,
    opener_org     TEXT NOT NULL
);
CREATE INDEX cases_region_reported ON cases (region, reported_at_ms);
CREATE INDEX cases_region_created ON cases (region, created_at_ms);

-- seq is assigned by the single writer in commit order: the pull cursor.
-- body is the canonical JSON of the event (serde_json::to_vec).
CREATE TABLE events (
    seq            BIGINT PRIMARY KEY,
    id             TEXT NOT NULL UNIQUE,
    case_id        TEXT NOT NULL REFERENCES cases (case_id),
    author         TEXT NOT NULL,
    body           BYTEA NOT NULL,
    received_at_ms BIGINT NOT NULL
);
CREATE INDEX events_case ON events (case_id, seq);

-- Who takes part in which case, from the seq of their first event in it.
CREATE TABLE participants (
    case_id    TEXT NOT NULL REFERENCES cases (case_id),
    username   TEXT NOT NULL,
    joined_seq BIGINT NOT NULL,
    PRIMARY KEY (case_id, username)
);
CREATE INDEX participants_user ON participants (username, joined_seq);

-- Pushed events the server refused, per case: a flag for the shift lead.
-- No event content is kept.
CREATE TABLE rejections (
    id       BIGSERIAL PRIMARY KEY,
    case_id  TEXT NOT NULL,
    event_id TEXT NOT NULL,
    username TEXT NOT NULL,
    code     TEXT NOT NULL,
    at_ms    BIGINT NOT NULL
);
CREATE INDEX rejections_case ON rejections (case_id);

-- Every read of a case: who, what, which case, when.
CREATE TABLE audit_log (
    id       BIGSERIAL PRIMARY KEY,
    at_ms    BIGINT NOT NULL,
    username TEXT NOT NULL,
    role     TEXT NOT NULL,
    action   TEXT NOT NULL,
    case_id  TEXT
);
CREATE INDEX audit_case ON audit_log (case_id);
