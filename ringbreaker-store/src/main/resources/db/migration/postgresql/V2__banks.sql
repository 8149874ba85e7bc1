-- Hash banks: per-bank settings, and per-entry source, time added, enabled flag and change revision.
-- Keep the same tables and columns as ../sqlite/V2__banks.sql.
-- rev is a change counter shared by banks and bank_entries: each write transaction that changes a
-- bank or an entry stamps it with (max rev over both tables) + 1, holding a transaction advisory
-- lock so that revisions commit in order and a server can poll for changes without missing one.

CREATE TABLE banks (
  name          TEXT COLLATE "C" NOT NULL PRIMARY KEY,
  kind          TEXT    NOT NULL,
  pdq_threshold INTEGER NOT NULL,
  quality_floor INTEGER NOT NULL,
  enabled       BOOLEAN NOT NULL,
  description   TEXT    NOT NULL,
  rev           BIGINT  NOT NULL
);

ALTER TABLE bank_entries ADD COLUMN source      TEXT    NOT NULL DEFAULT '';
ALTER TABLE bank_entries ADD COLUMN added_at_us BIGINT  NOT NULL DEFAULT 0;
ALTER TABLE bank_entries ADD COLUMN enabled     BOOLEAN NOT NULL DEFAULT TRUE;
ALTER TABLE bank_entries ADD COLUMN rev         BIGINT  NOT NULL DEFAULT 0;
UPDATE bank_entries SET rev = 1;
CREATE INDEX bank_entries_by_rev ON bank_entries (rev);

-- A default (match, threshold 31, quality floor 50) bank for each bank V1 entries name, when the
-- name is one a Bank accepts: 1 to 64 letters, digits, '_', '.' or '-', starting with a letter or digit.
INSERT INTO banks (name, kind, pdq_threshold, quality_floor, enabled, description, rev)
SELECT DISTINCT bank, 'match', 31, 50, TRUE, '', 1 FROM bank_entries
WHERE bank ~ '^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$';
