-- CRM integrations, the CRM deals linked to Portico deals, the CRM events received, and the
-- webhook outbox: events written in the same transaction as the change behind them, and one
-- delivery per subscribed endpoint. Webhook times are milliseconds (columns ending in _ms).

CREATE TABLE integrations (
    system TEXT PRIMARY KEY CHECK (system IN ('hubspot', 'salesforce')),
    -- Space-separated origins allowed to frame the card (CSP frame-ancestors sources).
    frame_origins TEXT NOT NULL,
    -- Secrets are sealed with a key derived from the server's secret key.
    secret_sealed TEXT NOT NULL,
    secret_created_at BIGINT NOT NULL,
    app_secret_sealed TEXT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);

-- A CRM deal and the Portico deal it is; the *_as_of columns hold the CRM time of the last
-- change applied to each field, so an older event never overwrites a newer one.
CREATE TABLE crm_deal_links (
    system TEXT NOT NULL CHECK (system IN ('hubspot', 'salesforce')),
    crm_deal_id TEXT NOT NULL,
    opportunity_id BIGINT NOT NULL REFERENCES opportunities (id),
    linked_as_of BIGINT NOT NULL,
    stage_as_of BIGINT,
    owner_as_of BIGINT,
    amount_as_of BIGINT,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (system, crm_deal_id),
    UNIQUE (system, opportunity_id)
);
CREATE INDEX crm_deal_links_opportunity ON crm_deal_links (opportunity_id);

-- Every CRM event id seen, so a repeated event is acknowledged and not applied twice.
CREATE TABLE crm_events (
    system TEXT NOT NULL,
    event_id TEXT NOT NULL,
    received_at BIGINT NOT NULL,
    outcome TEXT NOT NULL,
    PRIMARY KEY (system, event_id)
);

CREATE TABLE webhook_endpoints (
    id BIGSERIAL PRIMARY KEY,
    url TEXT NOT NULL,
    description TEXT NOT NULL,
    -- Comma-wrapped list, e.g. ',registration.approved,asset.published,'.
    event_types TEXT NOT NULL,
    enabled BIGINT NOT NULL CHECK (enabled IN (0, 1)),
    secret_sealed TEXT NOT NULL,
    sla_seconds BIGINT NOT NULL,
    sla_percent BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);

CREATE TABLE webhook_events (
    id BIGSERIAL PRIMARY KEY,
    message_id TEXT NOT NULL UNIQUE,
    event_type TEXT NOT NULL,
    -- What the event is about, e.g. 'registration:42': deliveries keep its order per endpoint.
    subject TEXT NOT NULL,
    payload TEXT NOT NULL,
    created_at_ms BIGINT NOT NULL
);

CREATE TABLE webhook_deliveries (
    id BIGSERIAL PRIMARY KEY,
    endpoint_id BIGINT NOT NULL REFERENCES webhook_endpoints (id),
    event_id BIGINT NOT NULL REFERENCES webhook_events (id),
    subject TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('pending', 'delivered', 'dead')),
    attempts BIGINT NOT NULL,
    -- The event's time, copied so the health report reads one table.
    created_at_ms BIGINT NOT NULL,
    next_attempt_at_ms BIGINT,
    -- A worker holds the delivery until then; after a crash another takes it over.
    claimed_until_ms BIGINT,
    last_status BIGINT,
    last_error TEXT,
    last_attempt_at_ms BIGINT,
    delivered_at_ms BIGINT,
    latency_ms BIGINT,
    dead_at_ms BIGINT,
    UNIQUE (endpoint_id, event_id),
    CHECK ((state = 'pending') = (next_attempt_at_ms IS NOT NULL)),
    CHECK ((state = 'delivered') = (delivered_at_ms IS NOT NULL))
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at_ms) WHERE state = 'pending';
CREATE INDEX webhook_deliveries_queue ON webhook_deliveries (endpoint_id, subject, id) WHERE state = 'pending';
CREATE INDEX webhook_deliveries_endpoint ON webhook_deliveries (endpoint_id, state, id);
CREATE INDEX webhook_deliveries_recent ON webhook_deliveries (endpoint_id, created_at_ms);
CREATE INDEX webhook_deliveries_attempted ON webhook_deliveries (endpoint_id, last_attempt_at_ms);
