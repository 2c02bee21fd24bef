-- A customer the company matcher finds under a near spelling of an account's name is matched
-- with the strength `similar`.
ALTER TABLE channel_transactions DROP CONSTRAINT channel_transactions_match_strength_check;
ALTER TABLE channel_transactions ADD CONSTRAINT channel_transactions_match_strength_check
    CHECK (match_strength IN ('domain', 'name', 'similar', 'confirmed', 'none'));

-- The program's numbers read partners' reported sales by currency and day.
CREATE INDEX channel_transactions_by_currency_day
    ON channel_transactions (currency, transaction_date) WHERE organization_id IS NOT NULL;

-- Only about one row in a hundred waits for a person: the review queue (oldest first) and the
-- rows a lesson settles are found through indexes of those alone, which the import, writing a
-- row for every line of a report, hardly has to keep.
DROP INDEX channel_rows_waiting;
CREATE INDEX channel_rows_waiting ON channel_rows (source_id, field, id) WHERE status = 'waiting';
CREATE INDEX channel_rows_waiting_by_id ON channel_rows (id) WHERE status = 'waiting';
