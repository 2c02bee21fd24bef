-- Ranked conflict findings (domain/conflict.rs): each finding keeps how strong the match is
-- and a score from 0 to 100 to rank by. The kinds of match stored before map onto strengths:
-- a domain is exact, a name the same name, a similar name strong.
ALTER TABLE registration_findings ADD COLUMN strength TEXT NOT NULL DEFAULT 'strong'
    CHECK (strength IN ('exact', 'same_name', 'strong', 'possible'));
ALTER TABLE registration_findings ADD COLUMN score INTEGER NOT NULL DEFAULT 70
    CHECK (score BETWEEN 0 AND 100);
UPDATE registration_findings SET
    strength = CASE match_kind WHEN 'domain' THEN 'exact' WHEN 'name' THEN 'same_name' ELSE 'strong' END,
    score = CASE match_kind WHEN 'domain' THEN 100 WHEN 'name' THEN 95 ELSE 70 END;
ALTER TABLE registration_findings DROP COLUMN match_kind;
ALTER TABLE registration_findings ALTER COLUMN strength DROP DEFAULT;
ALTER TABLE registration_findings ALTER COLUMN score DROP DEFAULT;

-- An account's other names: a CRM export that holds one company several times is imported as
-- one account. The conflict check finds the account under each of them (account_blocks).
CREATE TABLE account_names (
    id BIGSERIAL PRIMARY KEY,
    account_id BIGINT NOT NULL REFERENCES accounts (id),
    name TEXT NOT NULL,
    name_key TEXT NOT NULL,
    UNIQUE (account_id, name_key)
);
