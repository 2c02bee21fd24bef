-- SQLite's twin builds registration_findings again without the defaults of strength and score,
-- which 0013 already dropped here: nothing to change on PostgreSQL.
SELECT 1;
