-- Issue 13: what each participant has seen of a case. seen_seq is the
-- highest seq of the case's events the server handed this user in a pull;
-- a participant supersedes only ids at or below it (or their own).
-- Participants from before this version are taken to have seen everything
-- stored so far, so no honest device's next edit bounces after the upgrade.
ALTER TABLE participants ADD COLUMN seen_seq INTEGER NOT NULL DEFAULT 0;
UPDATE participants SET seen_seq = (SELECT COALESCE(MAX(seq), 0) FROM events);
