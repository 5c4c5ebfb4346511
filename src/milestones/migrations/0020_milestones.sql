-- Recorded deadline events and deadline settings (src/milestones). Dates are ISO 8601 text; ids
-- come from carefile::ids. child_id and correspondence_id name rows of the record module, which
-- milestones checks through record:: functions rather than foreign keys into another module's tables.

CREATE TABLE deadline_events (
    id                TEXT PRIMARY KEY NOT NULL,
    child_id          TEXT NOT NULL,
    kind              TEXT NOT NULL,
    dated             TEXT NOT NULL,
    until             TEXT,
    tribunal_order    TEXT,
    review_outcome    TEXT,
    days              INTEGER,
    correspondence_id TEXT,
    note              TEXT,
    created           TEXT NOT NULL
) STRICT;

CREATE INDEX deadline_events_child ON deadline_events (child_id, dated);

-- One row: the engine's settings as JSON (missing fields take their documented defaults).
CREATE TABLE deadline_settings (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    settings TEXT NOT NULL,
    updated  TEXT NOT NULL
) STRICT;
