-- Vendor staff are told once, a week ahead, that a tier set by hand is about to end.
ALTER TABLE tier_standings ADD COLUMN override_reminded_at BIGINT;
