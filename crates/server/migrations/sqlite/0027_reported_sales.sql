-- A customer the company matcher finds under a near spelling of an account's name is matched
-- with the strength `similar`. SQLite cannot change a CHECK, so the table is built again,
-- keeping its rows, its ids and its id sequence.
CREATE TABLE channel_transactions_new (
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
    match_strength TEXT NOT NULL
        CHECK (match_strength IN ('domain', 'name', 'similar', 'confirmed', 'none')),
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
INSERT INTO channel_transactions_new SELECT * FROM channel_transactions;
DELETE FROM sqlite_sequence WHERE name = 'channel_transactions_new';
INSERT INTO sqlite_sequence (name, seq)
SELECT 'channel_transactions_new', seq FROM sqlite_sequence WHERE name = 'channel_transactions';
DROP TABLE channel_transactions;
ALTER TABLE channel_transactions_new RENAME TO channel_transactions;
CREATE UNIQUE INDEX channel_transactions_by_reference ON channel_transactions (source_id, reference)
    WHERE reference IS NOT NULL;
CREATE INDEX channel_transactions_by_fingerprint ON channel_transactions (fingerprint);
CREATE INDEX channel_transactions_by_organization ON channel_transactions (organization_id, id);

-- The program's numbers read partners' reported sales by currency and day.
CREATE INDEX channel_transactions_by_currency_day
    ON channel_transactions (currency, transaction_date) WHERE organization_id IS NOT NULL;

-- Only about one row in a hundred waits for a person: the review queue (oldest first) and the
-- rows a lesson settles are found through indexes of those alone, which the import, writing a
-- row for every line of a report, hardly has to keep.
DROP INDEX channel_rows_waiting;
CREATE INDEX channel_rows_waiting ON channel_rows (source_id, field, id) WHERE status = 'waiting';
CREATE INDEX channel_rows_waiting_by_id ON channel_rows (id) WHERE status = 'waiting';
