-- The content hub: assets with their file versions, facet tags, full-text search, usage
-- events, and the certifications partner organizations hold (an asset may require one).

CREATE TABLE organization_certifications (
    organization_id BIGINT NOT NULL REFERENCES organizations (id),
    certification TEXT NOT NULL
        CHECK (certification IN ('sales_foundations', 'solutions_architect', 'implementation_specialist')),
    granted_at BIGINT NOT NULL,
    PRIMARY KEY (organization_id, certification)
);

CREATE TABLE assets (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('draft', 'published', 'archived')),
    title TEXT NOT NULL,
    summary TEXT NOT NULL,
    body TEXT NOT NULL,
    -- The body rendered and sanitized when written, so reads never render.
    body_html TEXT NOT NULL,
    language TEXT NOT NULL,
    -- Lists as text, one item per line (tags cannot hold control characters); the
    -- asset_tags rows hold the same values for filtering and facets.
    motions TEXT NOT NULL,
    industries TEXT NOT NULL,
    use_cases TEXT NOT NULL,
    -- Audience: '' for everyone, else ',gold,platinum,' so a LIKE '%,gold,%' tests membership
    -- the same way on both engines.
    audience_tiers TEXT NOT NULL,
    audience_motions TEXT NOT NULL,
    audience_certification TEXT NOT NULL DEFAULT '',  -- '' when none is required
    link TEXT,
    current_version_id BIGINT,
    -- Views plus downloads ever, for "most used"; asset_events has each one.
    use_count BIGINT NOT NULL DEFAULT 0,
    created_by BIGINT NOT NULL REFERENCES users (id),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    published_at BIGINT
);
-- Partners' lists and counts read only these columns, so they never touch the wide rows.
CREATE INDEX assets_visible ON assets (state, published_at, id, kind, audience_tiers, audience_motions, audience_certification);
CREATE INDEX assets_state_used ON assets (state, use_count, id);

CREATE TABLE asset_versions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    asset_id BIGINT NOT NULL REFERENCES assets (id),
    number BIGINT NOT NULL,
    storage_key TEXT NOT NULL UNIQUE,
    file_name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    uploaded_by BIGINT NOT NULL REFERENCES users (id),
    uploaded_at BIGINT NOT NULL,
    UNIQUE (asset_id, number)
);

CREATE TABLE asset_tags (
    asset_id BIGINT NOT NULL REFERENCES assets (id),
    facet TEXT NOT NULL CHECK (facet IN ('kind', 'motion', 'industry', 'use_case')),
    value TEXT NOT NULL,
    PRIMARY KEY (asset_id, facet, value)
);
CREATE INDEX asset_tags_value ON asset_tags (facet, value, asset_id);

-- Facet counts of the published assets per audience, kept by every write of an asset
-- (store/assets.rs), so a partner opening the hub reads a few rows instead of counting.
CREATE TABLE asset_facet_totals (
    audience_tiers TEXT NOT NULL,
    audience_motions TEXT NOT NULL,
    audience_certification TEXT NOT NULL,
    facet TEXT NOT NULL,
    value TEXT NOT NULL,
    n BIGINT NOT NULL,
    PRIMARY KEY (audience_tiers, audience_motions, audience_certification, facet, value)
);

CREATE TABLE asset_events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    asset_id BIGINT NOT NULL REFERENCES assets (id),
    organization_id BIGINT NOT NULL REFERENCES organizations (id),
    user_id BIGINT NOT NULL REFERENCES users (id),
    kind TEXT NOT NULL CHECK (kind IN ('view', 'download')),
    at BIGINT NOT NULL
);
CREATE INDEX asset_events_asset ON asset_events (asset_id, at);
CREATE INDEX asset_events_organization ON asset_events (organization_id, at);
CREATE INDEX asset_events_at ON asset_events (at);

-- When each user opened the hub, so cards can be marked new since the previous visit.
CREATE TABLE content_visits (
    user_id BIGINT PRIMARY KEY REFERENCES users (id),
    previous_visit_at BIGINT,
    last_seen_at BIGINT NOT NULL
);

-- Full-text search over title, summary and body, kept in step with assets by triggers.
CREATE VIRTUAL TABLE assets_search USING fts5 (
    title, summary, body,
    content = 'assets', content_rowid = 'id',
    tokenize = 'porter unicode61 remove_diacritics 2'
);
CREATE TRIGGER assets_search_insert AFTER INSERT ON assets BEGIN
    INSERT INTO assets_search (rowid, title, summary, body) VALUES (new.id, new.title, new.summary, new.body);
END;
CREATE TRIGGER assets_search_update AFTER UPDATE OF title, summary, body ON assets BEGIN
    INSERT INTO assets_search (assets_search, rowid, title, summary, body)
        VALUES ('delete', old.id, old.title, old.summary, old.body);
    INSERT INTO assets_search (rowid, title, summary, body) VALUES (new.id, new.title, new.summary, new.body);
END;
CREATE TRIGGER assets_search_delete AFTER DELETE ON assets BEGIN
    INSERT INTO assets_search (assets_search, rowid, title, summary, body)
        VALUES ('delete', old.id, old.title, old.summary, old.body);
END;
