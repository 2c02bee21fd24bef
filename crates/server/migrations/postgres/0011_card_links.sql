-- Every signed card link a manager makes: its id is signed into the URL (`lid`), so one link
-- can be revoked while the others keep working. Times are Unix seconds.

CREATE TABLE card_links (
    id BIGSERIAL PRIMARY KEY,
    system TEXT NOT NULL REFERENCES integrations (system),
    subject_type TEXT NOT NULL CHECK (subject_type IN ('opportunity', 'registration')),
    subject_id BIGINT NOT NULL,
    issued_by BIGINT NOT NULL REFERENCES users (id),
    issued_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    revoked_at BIGINT,
    revoked_by BIGINT REFERENCES users (id),
    revoke_rationale TEXT,
    CHECK ((revoked_at IS NULL) = (revoked_by IS NULL))
);
CREATE INDEX card_links_newest ON card_links (system, id);
