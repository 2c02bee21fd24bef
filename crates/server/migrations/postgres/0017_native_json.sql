-- The JSON the store keeps becomes PostgreSQL's own jsonb: an announcement's audience and the
-- audit trail's before and after states. The store binds and reads them as JSON on both
-- engines. Webhook payloads stay text: their exact bytes are what the signature covers.
ALTER TABLE announcements ALTER COLUMN audience TYPE JSONB USING audience::jsonb;
ALTER TABLE audit_log ALTER COLUMN before_json TYPE JSONB USING before_json::jsonb;
ALTER TABLE audit_log ALTER COLUMN after_json TYPE JSONB USING after_json::jsonb;
