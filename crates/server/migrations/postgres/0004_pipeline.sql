-- The shared pipeline: deals the partner and the vendor follow together, and the notes both
-- sides read. A stage is a slug of the motion's five stages (api::pipeline::stages), or the
-- outcome won or lost.

CREATE TABLE opportunities (
    id BIGSERIAL PRIMARY KEY,
    organization_id BIGINT NOT NULL REFERENCES organizations (id),
    -- The approved deal registration it came from; NULL when a manager created it directly.
    registration_id BIGINT UNIQUE REFERENCES registrations (id),
    customer_name TEXT NOT NULL,
    -- The name lower-cased in Rust, so search matches the same way on both engines.
    customer_search TEXT NOT NULL,
    motion TEXT NOT NULL CHECK (motion IN ('referral', 'reseller', 'marketplace', 'services', 'tech')),
    stage TEXT NOT NULL,
    stage_entered_at BIGINT NOT NULL,
    -- Bit i: exit criterion i of the current stage is confirmed. A stage move clears it.
    criteria_met BIGINT NOT NULL DEFAULT 0,
    loss_reason TEXT,
    closed_at BIGINT,
    owner_name TEXT,
    next_step TEXT,
    next_step_due TEXT,
    amount BIGINT,
    currency TEXT,
    discount_band TEXT,
    price_protection BIGINT NOT NULL DEFAULT 0 CHECK (price_protection IN (0, 1)),
    partner_role TEXT CHECK (partner_role IN ('sourced', 'influenced')),
    attribution_percent BIGINT CHECK (attribution_percent BETWEEN 0 AND 100),
    internal_notes TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    -- The last change a partner can see (a safe field or a shared note).
    updated_at BIGINT NOT NULL,
    -- The last change of any kind, by either side; stale deals are measured from it.
    last_activity_at BIGINT NOT NULL,
    CHECK ((stage IN ('won', 'lost')) = (closed_at IS NOT NULL)),
    CHECK ((stage = 'lost') = (loss_reason IS NOT NULL)),
    CHECK ((amount IS NULL) = (currency IS NULL))
);
CREATE INDEX opportunities_organization_updated ON opportunities (organization_id, updated_at, id);
CREATE INDEX opportunities_updated ON opportunities (updated_at, id);
CREATE INDEX opportunities_activity ON opportunities (last_activity_at);

CREATE TABLE opportunity_notes (
    id BIGSERIAL PRIMARY KEY,
    opportunity_id BIGINT NOT NULL REFERENCES opportunities (id),
    side TEXT NOT NULL CHECK (side IN ('partner', 'vendor')),
    author_user_id BIGINT NOT NULL REFERENCES users (id),
    author_name TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX opportunity_notes_opportunity ON opportunity_notes (opportunity_id, id);

-- Deals approved before the pipeline existed start in their motion's first stage.
INSERT INTO opportunities (organization_id, registration_id, customer_name, customer_search,
    motion, stage, stage_entered_at, amount, currency, partner_role, created_at, updated_at,
    last_activity_at)
SELECT organization_id, id, company_name, LOWER(company_name), motion,
    CASE motion
        WHEN 'referral' THEN 'intro_logged'
        WHEN 'reseller' THEN 'deal_registration'
        WHEN 'marketplace' THEN 'listing_ready'
        WHEN 'services' THEN 'solution_design'
        ELSE 'integration_fit'
    END,
    COALESCE(decided_at, updated_at), estimated_value, currency, partner_role,
    COALESCE(decided_at, updated_at), COALESCE(decided_at, updated_at), COALESCE(decided_at, updated_at)
FROM registrations
WHERE kind = 'deal' AND status IN ('approved', 'expired')
ORDER BY id;
