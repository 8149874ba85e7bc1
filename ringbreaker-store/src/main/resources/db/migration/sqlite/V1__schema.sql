-- Ringbreaker schema, SQLite flavour. Keep the same tables and columns as ../postgresql/V1__schema.sql.
-- Instants are epoch microseconds (*_us); severity_rank orders none(0) < low < medium < high < critical(4).

CREATE TABLE journal (
  seq            INTEGER PRIMARY KEY AUTOINCREMENT, -- AUTOINCREMENT: a seq is never reused
  event_id       TEXT    NOT NULL UNIQUE,
  type           TEXT    NOT NULL,
  occurred_at_us INTEGER NOT NULL,
  received_at_us INTEGER NOT NULL,
  json           TEXT    NOT NULL
) STRICT;

CREATE TABLE checkpoints (
  consumer      TEXT    NOT NULL PRIMARY KEY,
  seq           INTEGER NOT NULL,
  updated_at_us INTEGER NOT NULL
) STRICT;

CREATE TABLE verdicts (
  subject_type  TEXT    NOT NULL,
  subject_id    TEXT    NOT NULL,
  severity      TEXT    NOT NULL,
  severity_rank INTEGER NOT NULL,
  score         REAL    NOT NULL,
  updated_at_us INTEGER NOT NULL,
  json          TEXT    NOT NULL,
  PRIMARY KEY (subject_type, subject_id)
) STRICT;
CREATE INDEX verdicts_by_rank ON verdicts (severity_rank DESC, score DESC, subject_type, subject_id);
CREATE INDEX verdicts_by_type_rank ON verdicts (subject_type, severity_rank DESC, score DESC, subject_id);

CREATE TABLE hashtags (
  tag  TEXT NOT NULL PRIMARY KEY,
  json TEXT NOT NULL
) STRICT;

CREATE TABLE engine_state (
  kind      TEXT NOT NULL,
  state_key TEXT NOT NULL,
  json      TEXT NOT NULL,
  PRIMARY KEY (kind, state_key)
) STRICT;

CREATE TABLE api_keys (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  name          TEXT    NOT NULL,
  key_prefix    TEXT    NOT NULL,
  key_sha256    TEXT    NOT NULL UNIQUE,
  created_at_us INTEGER NOT NULL,
  revoked_at_us INTEGER
) STRICT;

CREATE TABLE lexicon_terms (
  term          TEXT    NOT NULL PRIMARY KEY,
  category      TEXT    NOT NULL,
  state         TEXT    NOT NULL,
  source        TEXT    NOT NULL,
  updated_at_us INTEGER NOT NULL
) STRICT;

CREATE TABLE bank_entries (
  bank      TEXT NOT NULL,
  hash_type TEXT NOT NULL,
  hash      TEXT NOT NULL,
  label     TEXT NOT NULL,
  PRIMARY KEY (bank, hash_type, hash)
) STRICT;
