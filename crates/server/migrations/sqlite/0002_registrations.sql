-- Deal and lead registrations, the product catalog they name, the vendor's account book, the
-- conflict findings recorded at submission, and the notification outbox that decisions and
-- reminders are written to.

CREATE TABLE products (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL UNIQUE,
    created_at BIGINT NOT NULL,
    archived_at BIGINT
);

-- The vendor's own accounts: customers with an owner (direct sales) and maybe an incumbent partner.
CREATE TABLE accounts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    domain TEXT,
    name_key TEXT NOT NULL,
    domain_key TEXT,
    owner TEXT NOT NULL,
    incumbent_organization_id BIGINT REFERENCES organizations (id),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX accounts_domain_key ON accounts (domain_key);
CREATE INDEX accounts_name_key ON accounts (name_key);

CREATE TABLE registrations (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    organization_id BIGINT NOT NULL REFERENCES organizations (id),
    submitted_by BIGINT REFERENCES users (id),
    submitter_name TEXT NOT NULL,
    submitter_email TEXT NOT NULL,
    -- The client address of a submission through the organization's registration link.
    submitted_from TEXT,
    -- A retried submission with the same key finds the first one instead of making a second.
    idempotency_key TEXT,
    request_hash TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('deal', 'lead')),
    company_name TEXT NOT NULL,
    company_domain TEXT NOT NULL,
    -- Matching keys: the normalized name and the registrable domain (NULL for free mail).
    name_key TEXT NOT NULL,
    domain_key TEXT,
    country TEXT NOT NULL,
    contact_name TEXT NOT NULL,
    contact_email TEXT NOT NULL,
    contact_title TEXT,
    motion TEXT NOT NULL CHECK (motion IN ('referral', 'reseller', 'marketplace', 'services', 'tech')),
    estimated_value BIGINT,
    currency TEXT,
    expected_close TEXT,
    description TEXT NOT NULL,
    partner_role TEXT NOT NULL CHECK (partner_role IN ('sourced', 'influenced')),
    status TEXT NOT NULL CHECK (status IN ('submitted', 'info_requested', 'approved', 'declined', 'withdrawn', 'expired')),
    conflict TEXT NOT NULL CHECK (conflict IN ('none', 'review')),
    submitted_at BIGINT NOT NULL,
    decide_by BIGINT NOT NULL,
    decided_at BIGINT,
    decided_by BIGINT REFERENCES users (id),
    decline_reason TEXT,
    decision_rationale TEXT,
    protection_ends_at BIGINT,
    -- The manager's open question while the status is info_requested.
    info_question TEXT,
    reminded_at BIGINT,
    sla_flagged_at BIGINT,
    extension_status TEXT CHECK (extension_status IN ('requested', 'approved', 'declined')),
    extension_justification TEXT,
    extension_requested_at BIGINT,
    extension_rationale TEXT,
    updated_at BIGINT NOT NULL,
    CHECK ((kind = 'deal') = (estimated_value IS NOT NULL AND currency IS NOT NULL AND expected_close IS NOT NULL)),
    CHECK ((status IN ('approved', 'expired')) = (protection_ends_at IS NOT NULL)),
    CHECK ((extension_status IS NULL) = (extension_requested_at IS NULL)),
    CHECK ((status = 'info_requested') = (info_question IS NOT NULL))
);
CREATE UNIQUE INDEX registrations_idempotency ON registrations (organization_id, idempotency_key);
CREATE INDEX registrations_organization ON registrations (organization_id, id);
CREATE INDEX registrations_status ON registrations (status, submitted_at);
CREATE INDEX registrations_domain_key ON registrations (domain_key);
CREATE INDEX registrations_protection ON registrations (protection_ends_at);
CREATE INDEX registrations_submitted_from ON registrations (submitted_from, submitted_at);

-- Each organization's secret link for sellers without a portal account; only its hash is kept.
CREATE TABLE registration_links (
    organization_id BIGINT PRIMARY KEY REFERENCES organizations (id),
    token_hash TEXT NOT NULL UNIQUE,
    created_by BIGINT NOT NULL REFERENCES users (id),
    created_at BIGINT NOT NULL
);

CREATE TABLE registration_products (
    registration_id BIGINT NOT NULL REFERENCES registrations (id),
    product_id BIGINT NOT NULL REFERENCES products (id),
    PRIMARY KEY (registration_id, product_id)
);

CREATE TABLE registration_findings (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    registration_id BIGINT NOT NULL REFERENCES registrations (id),
    matched_registration_id BIGINT REFERENCES registrations (id),
    matched_account_id BIGINT REFERENCES accounts (id),
    match_kind TEXT NOT NULL CHECK (match_kind IN ('domain', 'name', 'similar_name')),
    CHECK ((matched_registration_id IS NULL) <> (matched_account_id IS NULL))
);
CREATE INDEX registration_findings_registration ON registration_findings (registration_id);

-- Messages for people, written in the same transaction as the event that causes them.
CREATE TABLE outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at BIGINT NOT NULL,
    category TEXT NOT NULL,
    organization_id BIGINT REFERENCES organizations (id),
    registration_id BIGINT REFERENCES registrations (id),
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    delivered_at BIGINT
);
CREATE INDEX outbox_organization ON outbox (organization_id, id);
