-- Versions: a document the family marks as a newer version of another (an updated EP report, a
-- re-issued plan). One older document per newer one; the older may be followed by several.
--
-- No declared foreign keys on purpose: a handover package follows declared keys to decide what
-- travels, and a version mark only means something where both documents are. The documents
-- module checks both ids on every write and never deletes a document.
CREATE TABLE doc_versions (
    document_id TEXT PRIMARY KEY,
    supersedes  TEXT NOT NULL,
    created     TEXT NOT NULL,
    CHECK (document_id != supersedes)
) STRICT;

CREATE INDEX doc_versions_older ON doc_versions (supersedes);
