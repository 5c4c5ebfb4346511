-- Exchange (src/exchange): backup settings, the history of backups made, and where handed-over
-- records came from. Nothing here is needed to read the record itself.

-- One row per setting; values are JSON.
CREATE TABLE exchange_settings (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL CHECK (json_valid(value))
) STRICT;

-- Every successful backup, newest last. `fingerprint` summarises the record at that moment, so an
-- automatic backup is skipped when nothing has changed since.
CREATE TABLE backup_history (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    file        TEXT NOT NULL,
    bytes       INTEGER NOT NULL,
    fingerprint TEXT NOT NULL,
    automatic   INTEGER NOT NULL CHECK (automatic IN (0, 1))
) STRICT;

-- Handover packages made here and brought in here: who made them, when, for which child.
CREATE TABLE handovers (
    id           TEXT PRIMARY KEY NOT NULL,
    direction    TEXT NOT NULL CHECK (direction IN ('export', 'import')),
    child_id     TEXT NOT NULL,
    made_by      TEXT NOT NULL,
    made_at      TEXT NOT NULL,
    delete_after TEXT,
    at           TEXT NOT NULL,
    rows_added   INTEGER NOT NULL DEFAULT 0,
    documents    INTEGER NOT NULL DEFAULT 0,
    manifest     TEXT NOT NULL CHECK (json_valid(manifest))
) STRICT;
