-- Channel data: sales reports from partners and distributors, each row normalized into one
-- list of transactions, counted once however often it is reported.

-- Who sends reports and how their columns read (`columns`: JSON, header and field).
CREATE TABLE channel_sources (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('partner', 'distributor')),
    organization_id BIGINT REFERENCES organizations (id),
    date_order TEXT NOT NULL CHECK (date_order IN ('day_first', 'month_first')),
    currency TEXT,
    columns TEXT NOT NULL DEFAULT '[]',
    created_by BIGINT NOT NULL REFERENCES users (id),
    created_at BIGINT NOT NULL,
    CHECK ((kind = 'partner') = (organization_id IS NOT NULL))
);
CREATE UNIQUE INDEX channel_sources_one_per_partner ON channel_sources (organization_id)
    WHERE organization_id IS NOT NULL;

-- An uploaded report and how far its import has gone: `rows_read` rows are stored, with
-- their outcomes counted, in the same transaction that moved it, so a restart resumes after
-- them. `lease_until`: the instance working on it renews it; another takes over once it lapses.
CREATE TABLE channel_imports (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    source_id BIGINT NOT NULL REFERENCES channel_sources (id),
    file_name TEXT NOT NULL,
    blob_key TEXT NOT NULL,
    format TEXT NOT NULL CHECK (format IN ('csv', 'xlsx')),
    sheet TEXT,
    size BIGINT NOT NULL,
    headers TEXT NOT NULL,
    -- The first rows' cells (JSON), for previewing a mapping before the import runs.
    sample TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('needs_mapping', 'queued', 'running', 'done', 'failed')),
    rows_read BIGINT NOT NULL DEFAULT 0,
    bytes_read BIGINT NOT NULL DEFAULT 0,
    imported BIGINT NOT NULL DEFAULT 0,
    duplicate BIGINT NOT NULL DEFAULT 0,
    rejected BIGINT NOT NULL DEFAULT 0,
    waiting BIGINT NOT NULL DEFAULT 0,
    error TEXT,
    lease_until BIGINT,
    uploaded_by BIGINT NOT NULL REFERENCES users (id),
    created_at BIGINT NOT NULL,
    finished_at BIGINT
);
CREATE INDEX channel_imports_by_state ON channel_imports (state);
CREATE INDEX channel_imports_by_source ON channel_imports (source_id, id);

-- What became of each row. `original` (JSON cells) is kept for rows a person may look at:
-- duplicates, rejections and the review queue; an imported row is its transaction.
CREATE TABLE channel_rows (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    import_id BIGINT NOT NULL REFERENCES channel_imports (id),
    source_id BIGINT NOT NULL REFERENCES channel_sources (id),
    row_number BIGINT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('imported', 'duplicate', 'rejected', 'waiting')),
    reason TEXT,
    field TEXT,
    original TEXT,
    transaction_id BIGINT,
    UNIQUE (import_id, row_number)
);
CREATE INDEX channel_rows_by_status ON channel_rows (import_id, status, id);
CREATE INDEX channel_rows_waiting ON channel_rows (source_id, status, field);

CREATE TABLE channel_transactions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    source_id BIGINT NOT NULL REFERENCES channel_sources (id),
    organization_id BIGINT REFERENCES organizations (id),
    reference TEXT,
    -- Day, customer, product, amount and currency: the same sale reported by two sources.
    fingerprint BIGINT NOT NULL,
    transaction_date TEXT NOT NULL,
    customer_name TEXT NOT NULL,
    customer_key TEXT NOT NULL,
    customer_domain TEXT,
    customer_country TEXT,
    account_id BIGINT REFERENCES accounts (id),
    match_strength TEXT NOT NULL CHECK (match_strength IN ('domain', 'name', 'confirmed', 'none')),
    product_id BIGINT NOT NULL REFERENCES products (id),
    quantity_milli BIGINT,
    unit_price BIGINT,
    amount BIGINT NOT NULL,
    currency TEXT NOT NULL,
    end_of_term TEXT,
    registration_id BIGINT REFERENCES registrations (id),
    opportunity_id BIGINT REFERENCES opportunities (id),
    import_id BIGINT NOT NULL REFERENCES channel_imports (id),
    row_number BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX channel_transactions_by_reference ON channel_transactions (source_id, reference)
    WHERE reference IS NOT NULL;
CREATE INDEX channel_transactions_by_fingerprint ON channel_transactions (fingerprint);
CREATE INDEX channel_transactions_by_organization ON channel_transactions (organization_id, id);

-- Names products are reported under; `alias_key` is the name lower-cased, spaces collapsed.
CREATE TABLE product_aliases (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    product_id BIGINT NOT NULL REFERENCES products (id),
    alias TEXT NOT NULL,
    alias_key TEXT NOT NULL UNIQUE,
    created_by BIGINT REFERENCES users (id),
    created_at BIGINT NOT NULL
);
CREATE INDEX product_aliases_by_product ON product_aliases (product_id);

-- Customer names a person tied to an account in the review queue (by `company::name_key`).
CREATE TABLE customer_aliases (
    name_key TEXT PRIMARY KEY,
    account_id BIGINT NOT NULL REFERENCES accounts (id),
    created_by BIGINT REFERENCES users (id),
    created_at BIGINT NOT NULL
);
