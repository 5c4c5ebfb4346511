-- Families (src/record): a vault holds one or more families (a family's own vault: one; an
-- advocate's: many), each with its children and people. Documents belong to a family through their
-- links to its children, people, plans and correspondence (the documents module asks
-- `record::families` which ids those are). A vault made before families existed gets one family
-- holding every child and person.

CREATE TABLE families (
    id      TEXT PRIMARY KEY NOT NULL,
    name    TEXT NOT NULL,
    created TEXT NOT NULL
) STRICT;

ALTER TABLE children ADD COLUMN family_id TEXT REFERENCES families(id);
ALTER TABLE people ADD COLUMN family_id TEXT REFERENCES families(id);
CREATE INDEX children_family ON children(family_id);
CREATE INDEX people_family ON people(family_id);
-- The caseload's "last contact" of a child is one step down this index (reading the rows instead
-- costs a page decryption each: 50,000 entries took seconds without it). The expression must stay
-- exactly as `record::families::last_contact` writes it.
CREATE INDEX correspondence_child_last ON correspondence(
    child_id, coalesce(dated, sent, received, substr(created, 1, 10)));

INSERT INTO families (id, name, created)
SELECT 'fa_' || lower(hex(randomblob(8))),
       coalesce((SELECT coalesce(preferred_name, name) FROM children ORDER BY created, id LIMIT 1),
                'My family'),
       strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
 WHERE EXISTS (SELECT 1 FROM children) OR EXISTS (SELECT 1 FROM people);

UPDATE children SET family_id = (SELECT id FROM families LIMIT 1);
UPDATE people SET family_id = (SELECT id FROM families LIMIT 1);
