-- Hash banks: per-bank settings, and per-entry source, time added, enabled flag and change revision.
-- Keep the same tables and columns as ../postgresql/V2__banks.sql.
-- rev is a change counter shared by banks and bank_entries: each write transaction that changes a
-- bank or an entry stamps it with (max rev over both tables) + 1, so a server can poll for changes.

CREATE TABLE banks (
  name          TEXT    NOT NULL PRIMARY KEY,
  kind          TEXT    NOT NULL,
  pdq_threshold INTEGER NOT NULL,
  quality_floor INTEGER NOT NULL,
  enabled       INTEGER NOT NULL,
  description   TEXT    NOT NULL,
  rev           INTEGER NOT NULL
) STRICT;

ALTER TABLE bank_entries ADD COLUMN source      TEXT    NOT NULL DEFAULT '';
ALTER TABLE bank_entries ADD COLUMN added_at_us INTEGER NOT NULL DEFAULT 0;
ALTER TABLE bank_entries ADD COLUMN enabled     INTEGER NOT NULL DEFAULT 1;
ALTER TABLE bank_entries ADD COLUMN rev         INTEGER NOT NULL DEFAULT 0;
UPDATE bank_entries SET rev = 1;
CREATE INDEX bank_entries_by_rev ON bank_entries (rev);

-- A default (match, threshold 31, quality floor 50) bank for each bank V1 entries name, when the
-- name is one a Bank accepts: 1 to 64 letters, digits, '_', '.' or '-', starting with a letter or digit.
INSERT INTO banks (name, kind, pdq_threshold, quality_floor, enabled, description, rev)
SELECT DISTINCT bank, 'match', 31, 50, 1, '', 1 FROM bank_entries
WHERE length(bank) BETWEEN 1 AND 64 AND bank GLOB '[A-Za-z0-9]*' AND bank NOT GLOB '*[^A-Za-z0-9_.-]*';
