-- Announcements with their edit history, audiences and receipts; delivery of the notification
-- outbox by e-mail and Slack; channel opt-outs; Slack channels per organization; sign-in links;
-- and sign-ins, which the engagement score counts.

-- A message now may be for one person (a user, or an invitee's address) rather than for an
-- organization's feed, may be about an announcement, and may carry a link into the portal.
-- Links are sealed, since sign-in and invitation links carry tokens.
ALTER TABLE outbox ADD COLUMN user_id BIGINT REFERENCES users (id);
ALTER TABLE outbox ADD COLUMN email TEXT;
ALTER TABLE outbox ADD COLUMN announcement_id BIGINT;
ALTER TABLE outbox ADD COLUMN link_sealed TEXT;

-- One row per message and channel recipient: an e-mail address, or an organization's Slack
-- channel. Times are milliseconds, as for webhook deliveries.
CREATE TABLE outbox_deliveries (
    id BIGSERIAL PRIMARY KEY,
    message_id BIGINT NOT NULL REFERENCES outbox (id),
    channel TEXT NOT NULL CHECK (channel IN ('email', 'slack')),
    -- The user an e-mail goes to, when it goes to a user: their opt-outs apply.
    user_id BIGINT REFERENCES users (id),
    email TEXT,
    organization_id BIGINT REFERENCES organizations (id),
    state TEXT NOT NULL CHECK (state IN ('pending', 'delivered', 'dead')),
    attempts BIGINT NOT NULL,
    created_at_ms BIGINT NOT NULL,
    next_attempt_at_ms BIGINT,
    claimed_until_ms BIGINT,
    last_error TEXT,
    last_attempt_at_ms BIGINT,
    delivered_at_ms BIGINT,
    dead_at_ms BIGINT,
    CHECK ((channel = 'email') = (email IS NOT NULL)),
    CHECK ((channel = 'slack') = (organization_id IS NOT NULL)),
    CHECK ((state = 'pending') = (next_attempt_at_ms IS NOT NULL)),
    CHECK ((state = 'delivered') = (delivered_at_ms IS NOT NULL))
);
CREATE INDEX outbox_deliveries_due ON outbox_deliveries (next_attempt_at_ms) WHERE state = 'pending';
CREATE INDEX outbox_deliveries_state ON outbox_deliveries (state, id);
CREATE INDEX outbox_deliveries_message ON outbox_deliveries (message_id);

-- Every channel is on unless the user turned it off for that category.
CREATE TABLE notification_opt_outs (
    user_id BIGINT NOT NULL REFERENCES users (id),
    category TEXT NOT NULL,
    channel TEXT NOT NULL CHECK (channel IN ('email', 'slack')),
    created_at BIGINT NOT NULL,
    PRIMARY KEY (user_id, category, channel)
);

-- A partner organization's Slack incoming webhook.
CREATE TABLE slack_channels (
    organization_id BIGINT PRIMARY KEY REFERENCES organizations (id),
    url_sealed TEXT NOT NULL,
    -- What the portal shows of the URL: its host and last characters.
    url_hint TEXT NOT NULL,
    updated_by BIGINT NOT NULL REFERENCES users (id),
    updated_at BIGINT NOT NULL
);

CREATE TABLE sign_in_links (
    token_hash TEXT PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users (id),
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at BIGINT
);
CREATE INDEX sign_in_links_user ON sign_in_links (user_id);

CREATE TABLE sign_ins (
    id BIGSERIAL PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users (id),
    organization_id BIGINT REFERENCES organizations (id),
    at BIGINT NOT NULL
);
CREATE INDEX sign_ins_organization ON sign_ins (organization_id, at);

CREATE TABLE announcements (
    id BIGSERIAL PRIMARY KEY,
    title TEXT NOT NULL,
    -- Markdown, rendered and sanitized on the server.
    body TEXT NOT NULL,
    -- JSON of the API's Audience.
    audience TEXT NOT NULL,
    requires_ack BIGINT NOT NULL CHECK (requires_ack IN (0, 1)),
    publish_at BIGINT NOT NULL,
    -- When it reached its audience; NULL while scheduled.
    published_at BIGINT,
    version BIGINT NOT NULL,
    created_by BIGINT NOT NULL REFERENCES users (id),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX announcements_due ON announcements (publish_at) WHERE published_at IS NULL;

-- Every version, the first included, so edits after publishing keep the history.
CREATE TABLE announcement_versions (
    announcement_id BIGINT NOT NULL REFERENCES announcements (id),
    version BIGINT NOT NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    edited_by BIGINT NOT NULL REFERENCES users (id),
    edited_at BIGINT NOT NULL,
    PRIMARY KEY (announcement_id, version)
);

-- The organizations an announcement reached, resolved from its audience when published.
CREATE TABLE announcement_organizations (
    announcement_id BIGINT NOT NULL REFERENCES announcements (id),
    organization_id BIGINT NOT NULL REFERENCES organizations (id),
    PRIMARY KEY (announcement_id, organization_id)
);
CREATE INDEX announcement_organizations_organization
    ON announcement_organizations (organization_id, announcement_id);

CREATE TABLE announcement_receipts (
    announcement_id BIGINT NOT NULL REFERENCES announcements (id),
    user_id BIGINT NOT NULL REFERENCES users (id),
    organization_id BIGINT NOT NULL REFERENCES organizations (id),
    read_at BIGINT NOT NULL,
    acknowledged_at BIGINT,
    PRIMARY KEY (announcement_id, user_id)
);
CREATE INDEX announcement_receipts_organization ON announcement_receipts (organization_id, read_at);
