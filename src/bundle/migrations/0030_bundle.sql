-- Saved packs (src/bundle): what a pack is made of, as the request JSON that rebuilds it, and what
-- its last build was (so a re-issue can keep earlier page references). child_id names a row of the
-- record module, checked through record:: functions rather than a foreign key.

CREATE TABLE bundle_packs (
    id               TEXT PRIMARY KEY NOT NULL,
    child_id         TEXT NOT NULL,
    kind             TEXT NOT NULL,
    title            TEXT NOT NULL,
    request          TEXT NOT NULL,
    created          TEXT NOT NULL,
    updated          TEXT NOT NULL,
    last_built       TEXT,
    last_sha256      TEXT,
    last_fingerprint TEXT,
    last_pages       INTEGER
) STRICT;

CREATE INDEX bundle_packs_child ON bundle_packs (child_id, updated);
