-- The vault's own facts: its id (matches the key envelope), name and creation time.
CREATE TABLE vault_meta (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
) STRICT;
