-- Certifications move from the organization to the people holding them. Managers define them
-- (the three fixed ones become the first definitions, keeping their codes, which asset
-- audiences name); a person earns one on a day and holds it until it expires, or until a
-- release it predates asks for renewal. A motion or a product may require one for filings.
CREATE TABLE certifications (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL CHECK (kind IN ('product', 'sales')),
    validity_months INTEGER NOT NULL CHECK (validity_months BETWEEN 1 AND 60),
    renewal_release TEXT,
    -- YYYY-MM-DD; holders who earned it before must renew by renewal_due_on.
    renewal_released_on TEXT,
    renewal_due_on TEXT,
    how_to_earn TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    CHECK ((renewal_release IS NULL) = (renewal_released_on IS NULL)),
    CHECK ((renewal_release IS NULL) = (renewal_due_on IS NULL))
);

-- Filings of an organization in the motion, or naming the product, need a holder.
CREATE TABLE certification_requirements (
    certification_id BIGINT NOT NULL REFERENCES certifications (id),
    motion TEXT CHECK (motion IN ('referral', 'reseller', 'marketplace', 'services', 'tech')),
    product_id BIGINT REFERENCES products (id),
    CHECK ((motion IS NULL) <> (product_id IS NULL))
);
CREATE INDEX certification_requirements_by_certification
    ON certification_requirements (certification_id);

-- Every earning is kept; a person's latest earning of a certification is the one that counts.
CREATE TABLE person_certifications (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id BIGINT NOT NULL REFERENCES users (id),
    organization_id BIGINT NOT NULL REFERENCES organizations (id),
    certification_id BIGINT NOT NULL REFERENCES certifications (id),
    -- YYYY-MM-DD; valid_until is earned_on plus the validity, the first day it no longer holds.
    earned_on TEXT NOT NULL,
    valid_until TEXT NOT NULL,
    source TEXT NOT NULL CHECK (source IN ('recorded', 'imported', 'migrated')),
    recorded_by BIGINT REFERENCES users (id),
    recorded_at BIGINT NOT NULL,
    reminded_at BIGINT,
    UNIQUE (user_id, certification_id, earned_on)
);
CREATE INDEX person_certifications_by_organization
    ON person_certifications (organization_id, certification_id);
-- Counting a certification's holders (the definitions list, what a filing lacks).
CREATE INDEX person_certifications_by_certification
    ON person_certifications (certification_id, user_id);

INSERT INTO certifications (code, name, kind, validity_months, created_at, updated_at)
SELECT code, name, kind, 24, CAST(strftime('%s', 'now') AS INTEGER), CAST(strftime('%s', 'now') AS INTEGER)
FROM (SELECT 'sales_foundations' AS code, 'Sales Foundations' AS name, 'sales' AS kind
      UNION ALL SELECT 'solutions_architect', 'Solutions Architect', 'product'
      UNION ALL SELECT 'implementation_specialist', 'Implementation Specialist', 'product');

-- Each organization's certifications go to its first partner admin (or else its first person),
-- earned when they were granted and valid 24 months (clamped to the month's last day, as the
-- server adds months). An organization with nobody keeps them in organization_certifications,
-- where they count until a manager records them for someone.
INSERT INTO person_certifications
    (user_id, organization_id, certification_id, earned_on, valid_until, source, recorded_at)
SELECT
    (SELECT u.id FROM users u WHERE u.organization_id = oc.organization_id
     ORDER BY u.deactivated_at IS NOT NULL, u.role <> 'partner_admin', u.id LIMIT 1),
    oc.organization_id, c.id, date(oc.granted_at, 'unixepoch'),
    min(date(oc.granted_at, 'unixepoch', '+24 months'),
        date(oc.granted_at, 'unixepoch', 'start of month', '+25 months', '-1 day')),
    'migrated', oc.granted_at
FROM organization_certifications oc JOIN certifications c ON c.code = oc.certification
WHERE EXISTS (SELECT 1 FROM users u WHERE u.organization_id = oc.organization_id);

DELETE FROM organization_certifications
WHERE EXISTS (SELECT 1 FROM users u WHERE u.organization_id = organization_certifications.organization_id);
