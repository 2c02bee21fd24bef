-- PostgreSQL's twin widens a finding's score to BIGINT. SQLite's INTEGER already holds 64 bits,
-- so nothing changes here; the file keeps the two engines' migrations numbered alike.
SELECT 1;
