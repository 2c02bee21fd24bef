-- Running totals of the pipeline for the program numbers, so reading them costs a few rows
-- instead of a scan of every deal. Every write of a deal adjusts them in its own transaction
-- (store/opportunities.rs). '' stands for an undecided partner role and for no amount.

CREATE TABLE pipeline_totals (
    motion TEXT NOT NULL,
    partner_role TEXT NOT NULL,
    stage TEXT NOT NULL,
    currency TEXT NOT NULL,
    deals BIGINT NOT NULL,
    value BIGINT NOT NULL,
    -- Seconds from creation to close, summed over the closed deals.
    cycle_seconds BIGINT NOT NULL,
    PRIMARY KEY (motion, partner_role, stage, currency)
);

INSERT INTO pipeline_totals (motion, partner_role, stage, currency, deals, value, cycle_seconds)
SELECT motion, COALESCE(partner_role, ''), stage, COALESCE(currency, ''), COUNT(*),
    COALESCE(SUM(amount), 0), COALESCE(SUM(closed_at - created_at), 0)
FROM opportunities
GROUP BY motion, COALESCE(partner_role, ''), stage, COALESCE(currency, '');

-- Partner-sourced revenue by quarter reads the won deals' close dates and amounts from here.
CREATE INDEX opportunities_wins ON opportunities (stage, partner_role, currency, closed_at, amount);

-- Pipeline pages in each sort order read just the page's rows, for one partner or for all.
CREATE INDEX opportunities_organization_customer ON opportunities (organization_id, customer_search, id);
CREATE INDEX opportunities_organization_entered ON opportunities (organization_id, stage_entered_at, id);
CREATE INDEX opportunities_customer ON opportunities (customer_search, id);
CREATE INDEX opportunities_entered ON opportunities (stage_entered_at, id);
