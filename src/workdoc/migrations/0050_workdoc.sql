-- The tribunal working document (src/workdoc): a copy of the plan's disputed wording, row by row,
-- with each side's proposals, kept as numbered versions (one per exchange). child_id, plan_id and
-- item_id name rows of the record module and document ids in evidence name rows of the documents
-- module; both are checked through those modules' functions rather than foreign keys.

CREATE TABLE workdocs (
    id           TEXT PRIMARY KEY NOT NULL,
    child_id     TEXT NOT NULL,
    plan_id      TEXT NOT NULL,
    plan_version INTEGER NOT NULL,
    sections     TEXT NOT NULL,
    created      TEXT NOT NULL
) STRICT;

CREATE INDEX workdocs_child ON workdocs (child_id, created);

-- A version is edited until it is sent (exported) or received (imported); from then on it is
-- frozen, and the next edit starts a new version copied from it.
CREATE TABLE workdoc_versions (
    id         TEXT PRIMARY KEY NOT NULL,
    workdoc_id TEXT NOT NULL REFERENCES workdocs (id),
    number     INTEGER NOT NULL,
    dated      TEXT NOT NULL,
    origin     TEXT NOT NULL,
    frozen     INTEGER NOT NULL DEFAULT 0,
    note       TEXT,
    -- JSON: wording in an imported file that matched no row, for the family to place.
    unplaced   TEXT NOT NULL DEFAULT '[]',
    created    TEXT NOT NULL,
    UNIQUE (workdoc_id, number)
) STRICT;

CREATE TABLE workdoc_rows (
    version_id TEXT NOT NULL REFERENCES workdoc_versions (id),
    row_number INTEGER NOT NULL,
    section    TEXT NOT NULL,
    kind       TEXT NOT NULL,
    item_id    TEXT,
    label      TEXT,
    original   TEXT NOT NULL,
    family     TEXT,
    la         TEXT,
    agreed     TEXT,
    status     TEXT NOT NULL,
    -- JSON: the evidence each side cites (document, page, paragraph).
    evidence   TEXT NOT NULL DEFAULT '[]',
    -- JSON: what the provision check found in the original wording.
    flags      TEXT NOT NULL DEFAULT '[]',
    PRIMARY KEY (version_id, row_number)
) STRICT;

-- A version once sent or received is kept exactly as it was.
CREATE TRIGGER workdoc_rows_frozen_update BEFORE UPDATE ON workdoc_rows
WHEN (SELECT frozen FROM workdoc_versions WHERE id = OLD.version_id) = 1
BEGIN SELECT RAISE(ABORT, 'working document version is frozen'); END;

CREATE TRIGGER workdoc_rows_frozen_delete BEFORE DELETE ON workdoc_rows
WHEN (SELECT frozen FROM workdoc_versions WHERE id = OLD.version_id) = 1
BEGIN SELECT RAISE(ABORT, 'working document version is frozen'); END;

CREATE TRIGGER workdoc_rows_frozen_insert BEFORE INSERT ON workdoc_rows
WHEN (SELECT frozen FROM workdoc_versions WHERE id = NEW.version_id) = 1
BEGIN SELECT RAISE(ABORT, 'working document version is frozen'); END;

CREATE TRIGGER workdoc_versions_frozen BEFORE UPDATE ON workdoc_versions
WHEN OLD.frozen = 1
BEGIN SELECT RAISE(ABORT, 'working document version is frozen'); END;
