-- Programmatic tiers. The program managers define is one document (the four tiers' names,
-- benefits and rules, the exchange rates, the policy), written whole. An organization's
-- assigned tier stays `organizations.tier`, which content visibility and the CRM card read;
-- its standing between evaluations and every change to it are kept beside it.
CREATE TABLE tier_program (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    document TEXT NOT NULL,
    updated_by BIGINT NOT NULL REFERENCES users (id),
    updated_at BIGINT NOT NULL
);

CREATE TABLE tier_standings (
    organization_id BIGINT PRIMARY KEY REFERENCES organizations (id),
    eligible TEXT NOT NULL CHECK (eligible IN ('registered', 'silver', 'gold', 'platinum')),
    grace_until BIGINT,
    proposed TEXT CHECK (proposed IN ('registered', 'silver', 'gold', 'platinum')),
    override_tier TEXT CHECK (override_tier IN ('registered', 'silver', 'gold', 'platinum')),
    override_until BIGINT,
    override_rationale TEXT,
    evaluated_at BIGINT NOT NULL,
    CHECK ((override_tier IS NULL) = (override_until IS NULL)),
    CHECK ((override_tier IS NULL) = (override_rationale IS NULL))
);

CREATE TABLE tier_history (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    organization_id BIGINT NOT NULL REFERENCES organizations (id),
    event TEXT NOT NULL CHECK (event IN ('promoted', 'promotion_proposed', 'grace_started', 'grace_lifted', 'moved_down', 'overridden', 'override_expired')),
    from_tier TEXT NOT NULL CHECK (from_tier IN ('registered', 'silver', 'gold', 'platinum')),
    to_tier TEXT NOT NULL CHECK (to_tier IN ('registered', 'silver', 'gold', 'platinum')),
    -- None for the evaluation.
    actor_user_id BIGINT REFERENCES users (id),
    rationale TEXT,
    at BIGINT NOT NULL
);
CREATE INDEX tier_history_by_organization ON tier_history (organization_id, id);
