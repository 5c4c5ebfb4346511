-- A photo of each child (src/record/photo.rs), kept inside the encrypted vault like everything
-- else. One per child: replacing it overwrites the row. Only JPEG and PNG, checked by the core
-- before writing; the limits here are a second line of defence.

CREATE TABLE child_photos (
    child_id TEXT PRIMARY KEY NOT NULL REFERENCES children(id) ON DELETE CASCADE,
    format   TEXT NOT NULL CHECK (format IN ('jpeg', 'png')),
    width    INTEGER NOT NULL CHECK (width > 0),
    height   INTEGER NOT NULL CHECK (height > 0),
    bytes    BLOB NOT NULL CHECK (length(bytes) BETWEEN 1 AND 5242880),
    updated  TEXT NOT NULL
) STRICT;
