-- Deliveries on their way (claimed, not yet recorded), counted per target by each claim so
-- that a slow receiver holds only its own share of the workers.
CREATE INDEX webhook_deliveries_held ON webhook_deliveries (claimed_until_ms)
    WHERE state = 'pending' AND claimed_until_ms IS NOT NULL;
CREATE INDEX outbox_deliveries_held ON outbox_deliveries (claimed_until_ms)
    WHERE state = 'pending' AND claimed_until_ms IS NOT NULL;
