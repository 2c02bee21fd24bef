-- Incentives: commission plans by version, who is credited for a deal, and the ledger of what
-- partners earn and are paid. The ledger is append-only (enforced below); an earning's status
-- moves beside it, in earning_states.
CREATE TABLE incentive_plan_versions (
    version BIGINT PRIMARY KEY,
    document JSONB NOT NULL,
    created_by BIGINT NOT NULL REFERENCES users (id),
    created_at BIGINT NOT NULL
);

-- A won deal's credit per partner and role; the shares of one role never exceed 100 %.
CREATE TABLE attributions (
    opportunity_id BIGINT NOT NULL REFERENCES opportunities (id),
    organization_id BIGINT NOT NULL REFERENCES organizations (id),
    role TEXT NOT NULL CHECK (role IN ('sourced', 'influenced')),
    share_bp INTEGER NOT NULL CHECK (share_bp BETWEEN 1 AND 10000),
    PRIMARY KEY (opportunity_id, organization_id, role)
);

-- Writers of one deal's credits take turns on the deal's row, so two of them cannot each add
-- a share the other does not see.
CREATE FUNCTION attributions_within_whole() RETURNS trigger AS $$
BEGIN
    PERFORM 1 FROM opportunities WHERE id = NEW.opportunity_id FOR UPDATE;
    IF (SELECT SUM(share_bp) FROM attributions
        WHERE opportunity_id = NEW.opportunity_id AND role = NEW.role) > 10000 THEN
        RAISE EXCEPTION 'attribution shares of one role exceed 100 %%'
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER attributions_within_whole AFTER INSERT OR UPDATE ON attributions
FOR EACH ROW EXECUTE FUNCTION attributions_within_whole();

CREATE TABLE ledger_entries (
    id BIGSERIAL PRIMARY KEY,
    organization_id BIGINT NOT NULL REFERENCES organizations (id),
    currency TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('earning', 'reversal', 'adjustment', 'payout', 'payout_failed')),
    -- Minor units; earnings positive, reversals and payouts negative.
    amount BIGINT NOT NULL,
    opportunity_id BIGINT REFERENCES opportunities (id),
    role TEXT CHECK (role IN ('sourced', 'influenced')),
    plan_version BIGINT REFERENCES incentive_plan_versions (version),
    -- The win that earned it, and how many times the deal's earnings had been reversed before:
    -- a deal won again after reopening, or credited anew, earns again.
    won_at BIGINT,
    generation INTEGER,
    sequence INTEGER,
    -- YYYY-MM-DD: an earning counts from this day (a recurring share's later months wait).
    accrues_on TEXT NOT NULL,
    reverses BIGINT UNIQUE REFERENCES ledger_entries (id),
    computation TEXT NOT NULL DEFAULT '',
    actor_user_id BIGINT REFERENCES users (id),
    rationale TEXT,
    created_at BIGINT NOT NULL,
    UNIQUE (opportunity_id, organization_id, role, won_at, generation, sequence)
);
CREATE INDEX ledger_entries_by_organization ON ledger_entries (organization_id, id);
CREATE INDEX ledger_entries_by_opportunity ON ledger_entries (opportunity_id);

CREATE FUNCTION ledger_entries_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'the ledger is append-only' USING ERRCODE = 'restrict_violation';
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER ledger_entries_append_only BEFORE UPDATE OR DELETE ON ledger_entries
FOR EACH ROW EXECUTE FUNCTION ledger_entries_append_only();

CREATE TABLE earning_states (
    earning_id BIGINT PRIMARY KEY REFERENCES ledger_entries (id),
    status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'paid', 'reversed')),
    approved_by BIGINT REFERENCES users (id),
    approved_at BIGINT,
    updated_at BIGINT NOT NULL
);
CREATE INDEX earning_states_by_status ON earning_states (status);

-- Where an organization is paid; the IBAN or other account reference is sealed with a key
-- derived from the server's secret key, and shown masked.
CREATE TABLE payees (
    organization_id BIGINT PRIMARY KEY REFERENCES organizations (id),
    account_holder TEXT NOT NULL,
    account_sealed TEXT NOT NULL,
    -- Set for SEPA accounts (the account is an IBAN).
    bic TEXT,
    updated_by BIGINT NOT NULL REFERENCES users (id),
    updated_at BIGINT NOT NULL
);

-- Payout batches: the payable balances per organization and currency above a minimum, with
-- where each is paid as it stood; confirming one writes its payouts to the ledger, once.
CREATE TABLE payout_batches (
    id BIGSERIAL PRIMARY KEY,
    -- Unique, the end-to-end reference of the transfers.
    reference TEXT NOT NULL UNIQUE,
    minimum BIGINT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('draft', 'confirmed', 'paid')),
    created_by BIGINT NOT NULL REFERENCES users (id),
    created_at BIGINT NOT NULL,
    confirmed_by BIGINT REFERENCES users (id),
    confirmed_at BIGINT,
    paid_at BIGINT
);

CREATE TABLE payout_payments (
    id BIGSERIAL PRIMARY KEY,
    batch_id BIGINT NOT NULL REFERENCES payout_batches (id),
    organization_id BIGINT NOT NULL REFERENCES organizations (id),
    currency TEXT NOT NULL,
    amount BIGINT NOT NULL CHECK (amount > 0),
    account_holder TEXT NOT NULL,
    account_sealed TEXT NOT NULL,
    bic TEXT,
    state TEXT NOT NULL CHECK (state IN ('proposed', 'confirmed', 'failed')),
    payout_entry_id BIGINT REFERENCES ledger_entries (id),
    failed_entry_id BIGINT REFERENCES ledger_entries (id),
    UNIQUE (batch_id, organization_id, currency)
);

-- A partner questioning an earning, and the manager's answer; one open question per earning.
CREATE TABLE earning_disputes (
    id BIGSERIAL PRIMARY KEY,
    earning_id BIGINT NOT NULL REFERENCES ledger_entries (id),
    organization_id BIGINT NOT NULL REFERENCES organizations (id),
    comment TEXT NOT NULL,
    raised_by BIGINT NOT NULL REFERENCES users (id),
    raised_at BIGINT NOT NULL,
    answer TEXT,
    answered_by BIGINT REFERENCES users (id),
    answered_at BIGINT
);
CREATE UNIQUE INDEX earning_disputes_one_open ON earning_disputes (earning_id) WHERE answer IS NULL;
