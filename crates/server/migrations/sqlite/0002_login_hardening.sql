-- Issue 13 part 4: idle timeout, auth audit (IP, device), TOTP second factor.
-- A session's last use (the idle timeout counts from it).
ALTER TABLE sessions ADD COLUMN last_used_ms INTEGER;
CREATE INDEX sessions_user ON sessions (username);
-- Auth events are audited with where they came from.
ALTER TABLE audit_log ADD COLUMN ip TEXT;
ALTER TABLE audit_log ADD COLUMN device_id TEXT;
CREATE INDEX audit_user ON audit_log (username);
-- Base32 TOTP secret when enrolled; the last accepted time step (a code is used once).
ALTER TABLE users ADD COLUMN totp_secret TEXT;
ALTER TABLE users ADD COLUMN totp_last_step INTEGER;
