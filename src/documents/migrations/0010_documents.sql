-- Documents: originals stored byte for byte, content-addressed by SHA-256, with metadata beside
-- them (never in them), text per page as a derivative, and full-text search.

-- One row per distinct file ever stored (originals and renditions). The bytes live in chunks so
-- a large file is never one huge value in memory.
CREATE TABLE doc_blobs (
    sha256  TEXT PRIMARY KEY NOT NULL CHECK (length(sha256) = 64),
    size    INTEGER NOT NULL CHECK (size >= 0),
    chunks  INTEGER NOT NULL CHECK (chunks >= 0),
    created TEXT NOT NULL
) STRICT;

CREATE TABLE doc_blob_chunks (
    id     INTEGER PRIMARY KEY,
    sha256 TEXT NOT NULL REFERENCES doc_blobs (sha256),
    seq    INTEGER NOT NULL CHECK (seq >= 0),
    data   BLOB NOT NULL,
    UNIQUE (sha256, seq)
) STRICT;

-- An original is never changed once stored.
CREATE TRIGGER doc_blob_chunks_immutable BEFORE UPDATE ON doc_blob_chunks
BEGIN
    SELECT RAISE(ABORT, 'an original document is never changed');
END;

-- One document per distinct original: importing the same bytes again links it again instead.
CREATE TABLE documents (
    id               TEXT PRIMARY KEY NOT NULL,
    -- A stable number for the search index's row ids (page rows are num * 100000 + page).
    num              INTEGER NOT NULL UNIQUE,
    sha256           TEXT NOT NULL UNIQUE REFERENCES doc_blobs (sha256),
    file_name        TEXT NOT NULL,
    format           TEXT NOT NULL CHECK (format IN ('pdf', 'jpeg', 'png', 'tiff', 'email', 'word', 'text')),
    media_type       TEXT NOT NULL,
    size             INTEGER NOT NULL,
    title            TEXT NOT NULL,
    kind             TEXT NOT NULL CHECK (kind IN ('report', 'letter', 'plan', 'decision', 'minutes',
                                                   'school_report', 'evidence', 'photo', 'email', 'other')),
    author           TEXT,
    dated            TEXT,
    received         TEXT,
    plan_section     TEXT,
    tags             TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(tags)),
    pages            INTEGER NOT NULL DEFAULT 0,
    text_status      TEXT NOT NULL,
    status_note      TEXT,
    details          TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(details)),
    rendition_sha256 TEXT REFERENCES doc_blobs (sha256),
    imported         TEXT NOT NULL,
    updated          TEXT NOT NULL
) STRICT;

CREATE INDEX documents_kind ON documents (kind);

-- Links from a document to a child, to the email it came with, to correspondence or people.
CREATE TABLE doc_links (
    document_id TEXT NOT NULL REFERENCES documents (id),
    target_kind TEXT NOT NULL CHECK (target_kind IN ('child', 'email', 'correspondence', 'person', 'plan')),
    target_id   TEXT NOT NULL,
    created     TEXT NOT NULL,
    PRIMARY KEY (document_id, target_kind, target_id)
) STRICT;

CREATE INDEX doc_links_target ON doc_links (target_kind, target_id);

-- Every time a file was imported (the same original may arrive more than once).
CREATE TABLE doc_imports (
    id          INTEGER PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents (id),
    file_name   TEXT NOT NULL,
    imported    TEXT NOT NULL
) STRICT;

-- Text per page, a derivative: from the PDF text layer, OCR, the email or the text file.
CREATE TABLE doc_pages (
    document_id TEXT NOT NULL REFERENCES documents (id),
    page        INTEGER NOT NULL CHECK (page >= 1),
    text        TEXT NOT NULL,
    source      TEXT NOT NULL CHECK (source IN ('layer', 'ocr', 'email', 'text', 'none')),
    needs_ocr   INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (document_id, page)
) STRICT;

-- Full-text search: one row per page (body) and one per document (page 0: title and metadata).
CREATE VIRTUAL TABLE doc_search USING fts5 (
    title,
    meta,
    body,
    document_id UNINDEXED,
    page UNINDEXED,
    tokenize = 'unicode61 remove_diacritics 2'
);
