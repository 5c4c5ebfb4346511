-- Search over the record's words (correspondence, plan sections, progress notes), owned by the
-- documents module beside `doc_search`. The record's tables stay the record module's: this index
-- is filled from `record::search_text::searchable_text` and refreshed when its digest changes.
CREATE VIRTUAL TABLE record_search USING fts5 (
    title,
    body,
    source UNINDEXED,
    item_id UNINDEXED,
    child_id UNINDEXED,
    dated UNINDEXED,
    tokenize = 'unicode61 remove_diacritics 2'
);

-- The SHA-256 of the record text the index was last built from (one row).
CREATE TABLE record_search_state (
    id     INTEGER PRIMARY KEY CHECK (id = 1),
    digest TEXT NOT NULL
) STRICT;
