-- Organizations, people, sessions, invitations, sign-in throttling and the audit trail.
-- Timestamps are Unix seconds; flags are nullable timestamps, so each one also says when.

CREATE TABLE organizations (
    id BIGSERIAL PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    motion TEXT NOT NULL CHECK (motion IN ('referral', 'reseller', 'marketplace', 'services', 'tech')),
    tier TEXT NOT NULL CHECK (tier IN ('registered', 'silver', 'gold', 'platinum')),
    created_at BIGINT NOT NULL
);

CREATE TABLE users (
    id BIGSERIAL PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('partner_user', 'partner_admin', 'manager', 'admin')),
    organization_id BIGINT REFERENCES organizations (id),
    password_hash TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    last_sign_in_at BIGINT,
    deactivated_at BIGINT,
    CHECK ((role IN ('manager', 'admin')) = (organization_id IS NULL))
);
CREATE INDEX users_organization ON users (organization_id);

CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    csrf_token TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE invitations (
    id BIGSERIAL PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    email TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('partner_user', 'partner_admin', 'manager', 'admin')),
    organization_id BIGINT REFERENCES organizations (id),
    invited_by BIGINT NOT NULL REFERENCES users (id),
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    accepted_at BIGINT,
    revoked_at BIGINT,
    CHECK ((role IN ('manager', 'admin')) = (organization_id IS NULL))
);
CREATE INDEX invitations_email ON invitations (email);

CREATE TABLE login_failures (
    id BIGSERIAL PRIMARY KEY,
    scope TEXT NOT NULL,
    at BIGINT NOT NULL
);
CREATE INDEX login_failures_scope_at ON login_failures (scope, at);

CREATE TABLE audit_log (
    id BIGSERIAL PRIMARY KEY,
    at BIGINT NOT NULL,
    actor_user_id BIGINT REFERENCES users (id),
    action TEXT NOT NULL,
    subject_type TEXT NOT NULL,
    subject_id BIGINT,
    organization_id BIGINT,
    before_json TEXT,
    after_json TEXT,
    rationale TEXT
);
CREATE INDEX audit_log_subject ON audit_log (subject_type, subject_id);
