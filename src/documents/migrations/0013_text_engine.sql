-- The MuPDF text engine (docs/decisions/pdf-text-engine.md).

-- Documents whose PDF text is waiting to be read again by a newer engine: one row each, removed in
-- the same transaction that stores the new text, so a re-read stopped by a crash or by closing
-- the app carries on where it was. Every PDF (and Word rendition) imported before this engine is
-- queued once, here.
CREATE TABLE doc_reread (
    document_id TEXT PRIMARY KEY REFERENCES documents (id),
    engine      TEXT NOT NULL
) STRICT;
INSERT INTO doc_reread (document_id, engine)
    SELECT id, 'mupdf-1' FROM documents WHERE format = 'pdf' OR rendition_sha256 IS NOT NULL;

-- The index gains `joins`: words hyphenated across a line end, written whole ("assess-" + "ment"
-- gives "assessment"), so a search finds them while the page text stays as printed.
CREATE VIRTUAL TABLE doc_search_next USING fts5 (
    title,
    meta,
    body,
    joins,
    document_id UNINDEXED,
    page UNINDEXED,
    tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO doc_search_next (rowid, title, meta, body, joins, document_id, page)
    SELECT rowid, title, meta, body, '', document_id, page FROM doc_search;
DROP TABLE doc_search;
ALTER TABLE doc_search_next RENAME TO doc_search;

-- `record_search` passes to the record module, which keeps it at write time, item by item
-- (record::search_text). Rows are found by item through `record_search_rows`. The digest the old
-- design rebuilt by goes; a vault from before is rebuilt once, marked here.
DROP TABLE record_search_state;
CREATE TABLE record_search_rows (
    source  TEXT NOT NULL,
    item_id TEXT NOT NULL,
    row     INTEGER NOT NULL,
    PRIMARY KEY (source, item_id, row)
) STRICT;
CREATE TABLE record_search_rebuild (
    id INTEGER PRIMARY KEY CHECK (id = 1)
) STRICT;
INSERT INTO record_search_rebuild (id) VALUES (1);
