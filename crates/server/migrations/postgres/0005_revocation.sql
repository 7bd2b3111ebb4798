-- Issue 16 §2: a session ended by disabling its account or revoking its
-- device is kept (marked) until well past its expiry, so the device's next
-- request learns why (account_disabled / device_revoked) and wipes itself,
-- instead of seeing an ordinary expired session.
ALTER TABLE sessions ADD COLUMN ended TEXT;
ALTER TABLE sessions ADD COLUMN ended_at_ms BIGINT;
