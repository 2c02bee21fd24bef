-- A customer the company matcher finds under a near spelling of an account's name is matched
-- with the strength `similar`.
ALTER TABLE channel_transactions DROP CONSTRAINT channel_transactions_match_strength_check;
ALTER TABLE channel_transactions ADD CONSTRAINT channel_transactions_match_strength_check
    CHECK (match_strength IN ('domain', 'name', 'similar', 'confirmed', 'none'));

-- The program's numbers read partners' reported sales by currency and day.
CREATE INDEX channel_transactions_by_currency_day
    ON channel_transactions (currency, transaction_date);
