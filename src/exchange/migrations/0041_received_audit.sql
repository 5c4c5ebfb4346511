-- Audit history that arrived with handover packages (src/exchange): the sender's own entries about
-- the documents it sent, kept exactly as written under the sending vault's id, so each entry's hash
-- can still be checked against its content and the entry before it. The receiver's own chain
-- (audit_log) records each import separately.

CREATE TABLE received_audit (
    source_vault TEXT NOT NULL,
    seq          INTEGER NOT NULL,
    at           TEXT NOT NULL,
    action       TEXT NOT NULL,
    subject      TEXT NOT NULL,
    detail       TEXT NOT NULL,
    prev_hash    TEXT NOT NULL,
    hash         TEXT NOT NULL,
    package_id   TEXT NOT NULL,
    PRIMARY KEY (source_vault, seq)
) STRICT;

CREATE TRIGGER received_audit_no_update BEFORE UPDATE ON received_audit
BEGIN
    SELECT RAISE(ABORT, 'received audit history is kept as it came');
END;
