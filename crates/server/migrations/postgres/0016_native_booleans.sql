-- The three stored flags become PostgreSQL's own boolean: the store binds and reads them as
-- Rust's bool, and SQL compares them with TRUE, which both engines understand.
ALTER TABLE opportunities DROP CONSTRAINT opportunities_price_protection_check;
ALTER TABLE opportunities ALTER COLUMN price_protection DROP DEFAULT;
ALTER TABLE opportunities ALTER COLUMN price_protection TYPE BOOLEAN
    USING price_protection <> 0;
ALTER TABLE opportunities ALTER COLUMN price_protection SET DEFAULT FALSE;

ALTER TABLE announcements DROP CONSTRAINT announcements_requires_ack_check;
ALTER TABLE announcements ALTER COLUMN requires_ack TYPE BOOLEAN USING requires_ack <> 0;

ALTER TABLE webhook_endpoints DROP CONSTRAINT webhook_endpoints_enabled_check;
ALTER TABLE webhook_endpoints ALTER COLUMN enabled TYPE BOOLEAN USING enabled <> 0;
