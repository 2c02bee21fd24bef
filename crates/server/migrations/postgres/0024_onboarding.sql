-- Onboarding plans, one per motion, written whole; what a partner did is read from the tables
-- that record it, so only the steps a manager ticks by hand are kept here.
CREATE TABLE onboarding_plans (
    motion TEXT PRIMARY KEY CHECK (motion IN ('referral', 'reseller', 'marketplace', 'services', 'tech')),
    document JSONB NOT NULL,
    updated_by BIGINT NOT NULL REFERENCES users (id),
    updated_at BIGINT NOT NULL
);

CREATE TABLE onboarding_ticks (
    organization_id BIGINT NOT NULL REFERENCES organizations (id),
    step_key TEXT NOT NULL,
    ticked_by BIGINT NOT NULL REFERENCES users (id),
    ticked_at BIGINT NOT NULL,
    PRIMARY KEY (organization_id, step_key)
);
