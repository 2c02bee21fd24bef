-- PostgreSQL's twin turns the three stored flags into booleans. SQLite has no boolean type:
-- its flags stay integers held to 0 and 1 by their CHECK, which its driver reads as bool, and
-- TRUE in SQL is 1. The file keeps the two engines' migrations numbered alike.
SELECT 1;
