-- Every build of a saved pack (src/bundle), kept so that a re-issue can append late additions after
-- the pages people already cite: the plan as built (sections, documents and their page numbers) and
-- the text documents that were set as pages (emails, record extracts), as they were on the day.
-- late_from is the first page of the late additions an issue added (NULL for a full build).

CREATE TABLE bundle_issues (
    pack_id     TEXT NOT NULL REFERENCES bundle_packs (id) ON DELETE CASCADE,
    issue       INTEGER NOT NULL CHECK (issue >= 1),
    built       TEXT NOT NULL,
    sha256      TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    pages       INTEGER NOT NULL,
    late_from   INTEGER,
    plan        TEXT NOT NULL,
    texts       TEXT NOT NULL,
    PRIMARY KEY (pack_id, issue)
) STRICT;
