-- Account security: limits reserved before the work they guard, how each session started,
-- two-factor sign-in (TOTP) with recovery codes, sign-ins waiting for their second factor, and
-- portal settings.

-- One row per attempt reserved in a scope (e.g. wrong passwords for one account from one
-- address); a scope's budget is spent when it holds enough rows inside the window. Failures
-- used to be recorded after the slow check, which parallel requests overran.
DROP TABLE login_failures;
CREATE TABLE throttle_attempts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    scope TEXT NOT NULL,
    at BIGINT NOT NULL
);
CREATE INDEX throttle_attempts_scope_at ON throttle_attempts (scope, at);

-- Setting a password without the current one is allowed only soon after a sign-in link.
ALTER TABLE sessions ADD COLUMN started_by TEXT NOT NULL DEFAULT 'password'
    CHECK (started_by IN ('password', 'sign_in_link', 'invitation'));

-- A user's TOTP secret, sealed with the server's key. It asks for codes at sign-in only once
-- the user confirmed one (`enabled_at`); `last_step` is the newest time step whose code was
-- accepted, so a code cannot be used twice.
CREATE TABLE two_factor (
    user_id BIGINT PRIMARY KEY REFERENCES users (id),
    secret_sealed TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    enabled_at BIGINT,
    last_step BIGINT
);

-- Keyed hashes of the one-time recovery codes.
CREATE TABLE recovery_codes (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id BIGINT NOT NULL REFERENCES users (id),
    code_hash TEXT NOT NULL,
    used_at BIGINT
);
CREATE INDEX recovery_codes_user ON recovery_codes (user_id, code_hash);

-- A first factor passed (password or sign-in link) waiting for the code; the token's keyed
-- hash only.
CREATE TABLE pending_sign_ins (
    token_hash TEXT PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users (id),
    started_by TEXT NOT NULL CHECK (started_by IN ('password', 'sign_in_link')),
    expires_at BIGINT NOT NULL
);

-- Portal-wide settings administrators change, by name.
CREATE TABLE portal_settings (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
