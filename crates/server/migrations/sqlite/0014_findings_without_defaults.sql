-- 0013 added a finding's strength and score with defaults only to fill the rows stored before;
-- PostgreSQL then dropped the defaults, so that every new finding must state both. SQLite cannot
-- drop a default, so the table is built again without them, keeping its rows and its ids (and
-- the id sequence, so that no id is used twice).
CREATE TABLE registration_findings_new (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    registration_id BIGINT NOT NULL REFERENCES registrations (id),
    matched_registration_id BIGINT REFERENCES registrations (id),
    matched_account_id BIGINT REFERENCES accounts (id),
    strength TEXT NOT NULL CHECK (strength IN ('exact', 'same_name', 'strong', 'possible')),
    score INTEGER NOT NULL CHECK (score BETWEEN 0 AND 100),
    CHECK ((matched_registration_id IS NULL) <> (matched_account_id IS NULL))
);
INSERT INTO registration_findings_new
    (id, registration_id, matched_registration_id, matched_account_id, strength, score)
SELECT id, registration_id, matched_registration_id, matched_account_id, strength, score
FROM registration_findings;
DELETE FROM sqlite_sequence WHERE name = 'registration_findings_new';
INSERT INTO sqlite_sequence (name, seq)
SELECT 'registration_findings_new', seq FROM sqlite_sequence WHERE name = 'registration_findings';
DROP TABLE registration_findings;
ALTER TABLE registration_findings_new RENAME TO registration_findings;
CREATE INDEX registration_findings_registration ON registration_findings (registration_id);
