-- The child's record (src/record): children, people, correspondence and agreed actions, plans and
-- their versions (sections, needs, outcomes, provision), outcome progress, the delivery log, the
-- term calendar and SEN Support cycles. Dates are ISO 8601 text; ids come from carefile::ids.

CREATE TABLE children (
    id              TEXT PRIMARY KEY NOT NULL,
    name            TEXT NOT NULL,
    preferred_name  TEXT,
    dob             TEXT NOT NULL,
    local_authority TEXT,
    setting         TEXT,
    about_likes     TEXT NOT NULL DEFAULT '',
    about_matters   TEXT NOT NULL DEFAULT '',
    about_support   TEXT NOT NULL DEFAULT '',
    created         TEXT NOT NULL
) STRICT;

CREATE TABLE people (
    id           TEXT PRIMARY KEY NOT NULL,
    name         TEXT NOT NULL,
    role         TEXT,
    organisation TEXT,
    email        TEXT,
    phone        TEXT,
    address      TEXT,
    notes        TEXT,
    created      TEXT NOT NULL
) STRICT;

CREATE TABLE correspondence (
    id                TEXT PRIMARY KEY NOT NULL,
    child_id          TEXT REFERENCES children(id),
    person_id         TEXT REFERENCES people(id),
    kind              TEXT NOT NULL CHECK (kind IN ('letter', 'email', 'call', 'meeting', 'text')),
    direction         TEXT NOT NULL CHECK (direction IN ('in', 'out')),
    subject           TEXT NOT NULL,
    dated             TEXT,
    sent              TEXT,
    received          TEXT,
    channel           TEXT,
    proof_of_delivery TEXT,
    summary           TEXT NOT NULL,
    created           TEXT NOT NULL
) STRICT;
CREATE INDEX correspondence_child ON correspondence(child_id);

CREATE TABLE correspondence_actions (
    id                TEXT PRIMARY KEY NOT NULL,
    correspondence_id TEXT NOT NULL REFERENCES correspondence(id),
    position          INTEGER NOT NULL,
    action            TEXT NOT NULL,
    owner             TEXT,
    due               TEXT,
    done              INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX correspondence_actions_entry ON correspondence_actions(correspondence_id);

CREATE TABLE plans (
    id              TEXT PRIMARY KEY NOT NULL,
    child_id        TEXT NOT NULL REFERENCES children(id),
    kind            TEXT NOT NULL
                    CHECK (kind IN ('ehc_plan', 'sen_support_plan', 'individual_support_plan', 'other')),
    title           TEXT NOT NULL,
    local_authority TEXT,
    named_setting   TEXT,
    caseworker_id   TEXT REFERENCES people(id),
    ceased          TEXT,
    created         TEXT NOT NULL
) STRICT;
CREATE INDEX plans_child ON plans(child_id);

-- A version is entered while `frozen` = 0 and kept exactly as issued once frozen: the triggers
-- below refuse any change to a frozen version or anything in it.
CREATE TABLE plan_versions (
    id      TEXT PRIMARY KEY NOT NULL,
    plan_id TEXT NOT NULL REFERENCES plans(id),
    number  INTEGER NOT NULL,
    stage   TEXT CHECK (stage IN ('draft', 'final', 'amended')),
    issued  TEXT,
    frozen  INTEGER NOT NULL DEFAULT 0 CHECK (frozen IN (0, 1)),
    note    TEXT,
    created TEXT NOT NULL,
    UNIQUE (plan_id, number)
) STRICT;

CREATE TABLE plan_sections (
    version_id TEXT NOT NULL REFERENCES plan_versions(id),
    section    TEXT NOT NULL
               CHECK (section IN ('A', 'B', 'C', 'D', 'E', 'F', 'G', 'H1', 'H2', 'I', 'J', 'K')),
    label      TEXT,
    position   INTEGER NOT NULL,
    text       TEXT NOT NULL,
    PRIMARY KEY (version_id, section)
) STRICT;

CREATE TABLE plan_needs (
    version_id TEXT NOT NULL REFERENCES plan_versions(id),
    need_id    TEXT NOT NULL,
    section    TEXT NOT NULL CHECK (section IN ('B', 'C', 'D')),
    position   INTEGER NOT NULL,
    area       TEXT,
    text       TEXT NOT NULL,
    PRIMARY KEY (version_id, need_id)
) STRICT;

CREATE TABLE plan_outcomes (
    version_id TEXT NOT NULL REFERENCES plan_versions(id),
    outcome_id TEXT NOT NULL,
    position   INTEGER NOT NULL,
    text       TEXT NOT NULL,
    pfa_area   TEXT CHECK (pfa_area IN ('employment', 'independent_living', 'community', 'health')),
    by_when    TEXT,
    PRIMARY KEY (version_id, outcome_id)
) STRICT;

CREATE TABLE plan_provision (
    version_id    TEXT NOT NULL REFERENCES plan_versions(id),
    provision_id  TEXT NOT NULL,
    section       TEXT NOT NULL CHECK (section IN ('F', 'G', 'H1', 'H2')),
    position      INTEGER NOT NULL,
    what          TEXT NOT NULL,
    who           TEXT,
    qualification TEXT,
    times         INTEGER CHECK (times IS NULL OR times > 0),
    per           TEXT CHECK (per IN ('day', 'week', 'term', 'year')),
    minutes       INTEGER CHECK (minutes IS NULL OR minutes > 0),
    group_size    TEXT,
    place         TEXT,
    start_date    TEXT,
    end_date      TEXT,
    funded_by     TEXT,
    PRIMARY KEY (version_id, provision_id),
    CHECK ((times IS NULL) = (per IS NULL)),
    CHECK (start_date IS NULL OR end_date IS NULL OR end_date >= start_date)
) STRICT;

CREATE TABLE plan_provision_needs (
    version_id   TEXT NOT NULL,
    provision_id TEXT NOT NULL,
    need_id      TEXT NOT NULL,
    PRIMARY KEY (version_id, provision_id, need_id),
    FOREIGN KEY (version_id, provision_id) REFERENCES plan_provision(version_id, provision_id),
    FOREIGN KEY (version_id, need_id) REFERENCES plan_needs(version_id, need_id)
) STRICT;

CREATE TRIGGER plan_versions_frozen_update BEFORE UPDATE ON plan_versions WHEN OLD.frozen = 1
BEGIN SELECT RAISE(ABORT, 'plan version is frozen'); END;
CREATE TRIGGER plan_versions_frozen_delete BEFORE DELETE ON plan_versions WHEN OLD.frozen = 1
BEGIN SELECT RAISE(ABORT, 'plan version is frozen'); END;

CREATE TRIGGER plan_sections_frozen_insert BEFORE INSERT ON plan_sections
WHEN (SELECT frozen FROM plan_versions WHERE id = NEW.version_id) = 1
BEGIN SELECT RAISE(ABORT, 'plan version is frozen'); END;
CREATE TRIGGER plan_sections_frozen_update BEFORE UPDATE ON plan_sections
WHEN (SELECT frozen FROM plan_versions WHERE id = OLD.version_id) = 1
BEGIN SELECT RAISE(ABORT, 'plan version is frozen'); END;
CREATE TRIGGER plan_sections_frozen_delete BEFORE DELETE ON plan_sections
WHEN (SELECT frozen FROM plan_versions WHERE id = OLD.version_id) = 1
BEGIN SELECT RAISE(ABORT, 'plan version is frozen'); END;

CREATE TRIGGER plan_needs_frozen_insert BEFORE INSERT ON plan_needs
WHEN (SELECT frozen FROM plan_versions WHERE id = NEW.version_id) = 1
BEGIN SELECT RAISE(ABORT, 'plan version is frozen'); END;
CREATE TRIGGER plan_needs_frozen_update BEFORE UPDATE ON plan_needs
WHEN (SELECT frozen FROM plan_versions WHERE id = OLD.version_id) = 1
BEGIN SELECT RAISE(ABORT, 'plan version is frozen'); END;
CREATE TRIGGER plan_needs_frozen_delete BEFORE DELETE ON plan_needs
WHEN (SELECT frozen FROM plan_versions WHERE id = OLD.version_id) = 1
BEGIN SELECT RAISE(ABORT, 'plan version is frozen'); END;

CREATE TRIGGER plan_outcomes_frozen_insert BEFORE INSERT ON plan_outcomes
WHEN (SELECT frozen FROM plan_versions WHERE id = NEW.version_id) = 1
BEGIN SELECT RAISE(ABORT, 'plan version is frozen'); END;
CREATE TRIGGER plan_outcomes_frozen_update BEFORE UPDATE ON plan_outcomes
WHEN (SELECT frozen FROM plan_versions WHERE id = OLD.version_id) = 1
BEGIN SELECT RAISE(ABORT, 'plan version is frozen'); END;
CREATE TRIGGER plan_outcomes_frozen_delete BEFORE DELETE ON plan_outcomes
WHEN (SELECT frozen FROM plan_versions WHERE id = OLD.version_id) = 1
BEGIN SELECT RAISE(ABORT, 'plan version is frozen'); END;

CREATE TRIGGER plan_provision_frozen_insert BEFORE INSERT ON plan_provision
WHEN (SELECT frozen FROM plan_versions WHERE id = NEW.version_id) = 1
BEGIN SELECT RAISE(ABORT, 'plan version is frozen'); END;
CREATE TRIGGER plan_provision_frozen_update BEFORE UPDATE ON plan_provision
WHEN (SELECT frozen FROM plan_versions WHERE id = OLD.version_id) = 1
BEGIN SELECT RAISE(ABORT, 'plan version is frozen'); END;
CREATE TRIGGER plan_provision_frozen_delete BEFORE DELETE ON plan_provision
WHEN (SELECT frozen FROM plan_versions WHERE id = OLD.version_id) = 1
BEGIN SELECT RAISE(ABORT, 'plan version is frozen'); END;

CREATE TRIGGER plan_provision_needs_frozen_insert BEFORE INSERT ON plan_provision_needs
WHEN (SELECT frozen FROM plan_versions WHERE id = NEW.version_id) = 1
BEGIN SELECT RAISE(ABORT, 'plan version is frozen'); END;
CREATE TRIGGER plan_provision_needs_frozen_delete BEFORE DELETE ON plan_provision_needs
WHEN (SELECT frozen FROM plan_versions WHERE id = OLD.version_id) = 1
BEGIN SELECT RAISE(ABORT, 'plan version is frozen'); END;

-- Progress notes follow an outcome across versions (outcome_id is stable).
CREATE TABLE outcome_progress (
    id         TEXT PRIMARY KEY NOT NULL,
    plan_id    TEXT NOT NULL REFERENCES plans(id),
    outcome_id TEXT NOT NULL,
    dated      TEXT NOT NULL,
    source     TEXT NOT NULL
               CHECK (source IN ('review', 'report', 'school', 'parent', 'child', 'other')),
    note       TEXT NOT NULL,
    created    TEXT NOT NULL
) STRICT;
CREATE INDEX outcome_progress_plan ON outcome_progress(plan_id);

-- Sessions delivered, missed or cancelled against a provision item (provision_id is stable).
CREATE TABLE delivery_sessions (
    id           TEXT PRIMARY KEY NOT NULL,
    plan_id      TEXT NOT NULL REFERENCES plans(id),
    provision_id TEXT NOT NULL,
    dated        TEXT NOT NULL,
    status       TEXT NOT NULL CHECK (status IN ('delivered', 'missed', 'cancelled')),
    minutes      INTEGER CHECK (minutes IS NULL OR minutes > 0),
    reason       TEXT,
    note         TEXT,
    created      TEXT NOT NULL
) STRICT;
CREATE INDEX delivery_sessions_plan ON delivery_sessions(plan_id, provision_id);

-- Term dates the user has set; school years without rows use the default England pattern.
CREATE TABLE term_dates (
    school_year      INTEGER NOT NULL,
    term             TEXT NOT NULL CHECK (term IN ('autumn', 'spring', 'summer')),
    starts           TEXT NOT NULL,
    ends             TEXT NOT NULL,
    half_term_starts TEXT,
    half_term_ends   TEXT,
    PRIMARY KEY (school_year, term),
    CHECK (ends >= starts)
) STRICT;

CREATE TABLE sen_support_cycles (
    id              TEXT PRIMARY KEY NOT NULL,
    child_id        TEXT NOT NULL REFERENCES children(id),
    started         TEXT NOT NULL,
    assessment      TEXT NOT NULL,
    outcomes        TEXT NOT NULL,
    support         TEXT NOT NULL,
    expected_impact TEXT NOT NULL,
    review_due      TEXT NOT NULL,
    reviewed        TEXT,
    review_notes    TEXT,
    created         TEXT NOT NULL,
    CHECK (review_due >= started)
) STRICT;
CREATE INDEX sen_support_cycles_child ON sen_support_cycles(child_id);
