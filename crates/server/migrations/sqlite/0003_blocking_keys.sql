-- Blocking keys (domain/blocking.rs): the conflict check looks up the registrations and
-- accounts that might name the same customer here instead of reading them all. A name's keys
-- follow from its stored name_key, so an edit deletes the old name's keys and adds the new.

CREATE TABLE account_blocks (
    block TEXT NOT NULL,
    account_id INTEGER NOT NULL REFERENCES accounts (id),
    PRIMARY KEY (block, account_id)
) WITHOUT ROWID;

CREATE TABLE registration_blocks (
    block TEXT NOT NULL,
    registration_id INTEGER NOT NULL REFERENCES registrations (id),
    PRIMARY KEY (block, registration_id)
) WITHOUT ROWID;

-- Which version of the matching rules the stored name_key, domain_key and blocks follow;
-- start-up computes them again when the code's version differs. 0: never computed.
CREATE TABLE matching_keys (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    version INTEGER NOT NULL
);
INSERT INTO matching_keys (id, version) VALUES (1, 0);

-- The submission budget reads one organization's latest submissions.
CREATE INDEX registrations_submitted ON registrations (organization_id, submitted_at);
