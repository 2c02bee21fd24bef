-- PostgreSQL's twin turns the stored JSON into jsonb. SQLite keeps JSON as text, which its
-- driver reads and writes as JSON; the file keeps the two engines' migrations numbered alike.
SELECT 1;
