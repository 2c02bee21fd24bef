-- Searches match words of four letters or more as prefixes (store/asset_search.rs). A prefix
-- index lets FTS5 read the entries of a four-letter prefix as one list instead of merging the
-- lists of every word that starts with it, so such a word costs about what a whole word does.
-- The full-text table is built again with it; the triggers of 0006 keep feeding it.
DROP TABLE assets_search;
CREATE VIRTUAL TABLE assets_search USING fts5 (
    title, summary, body,
    content = 'assets', content_rowid = 'id',
    tokenize = 'porter unicode61 remove_diacritics 2',
    prefix = '4'
);
INSERT INTO assets_search (assets_search) VALUES ('rebuild');
