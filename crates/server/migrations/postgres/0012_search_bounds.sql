-- The SQLite twin of this migration adds a four-letter prefix index to its full-text table.
-- PostgreSQL's GIN index finds the entries of a prefix in its sorted keys already, and each
-- search statement runs under a timeout (store/asset_search.rs), so only the note changes.
COMMENT ON INDEX assets_search IS
    'Full-text search of assets: every word, as a prefix from four letters (store/asset_search.rs)';
