-- Ringbreaker schema, PostgreSQL flavour. Keep the same tables and columns as ../sqlite/V1__schema.sql.
-- Instants are epoch microseconds (*_us); severity_rank orders none(0) < low < medium < high < critical(4).
-- Text keys use COLLATE "C" so that ordering (and keyset pagination) is by code point, as on SQLite.

CREATE TABLE journal (
  seq            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  event_id       TEXT COLLATE "C" NOT NULL UNIQUE,
  type           TEXT   NOT NULL,
  occurred_at_us BIGINT NOT NULL,
  received_at_us BIGINT NOT NULL,
  json           TEXT   NOT NULL
);

CREATE TABLE checkpoints (
  consumer      TEXT COLLATE "C" NOT NULL PRIMARY KEY,
  seq           BIGINT NOT NULL,
  updated_at_us BIGINT NOT NULL
);

CREATE TABLE verdicts (
  subject_type  TEXT COLLATE "C" NOT NULL,
  subject_id    TEXT COLLATE "C" NOT NULL,
  severity      TEXT             NOT NULL,
  severity_rank INTEGER          NOT NULL,
  score         DOUBLE PRECISION NOT NULL,
  updated_at_us BIGINT           NOT NULL,
  json          TEXT             NOT NULL,
  PRIMARY KEY (subject_type, subject_id)
);
CREATE INDEX verdicts_by_rank ON verdicts (severity_rank DESC, score DESC, subject_type, subject_id);
CREATE INDEX verdicts_by_type_rank ON verdicts (subject_type, severity_rank DESC, score DESC, subject_id);

CREATE TABLE hashtags (
  tag  TEXT COLLATE "C" NOT NULL PRIMARY KEY,
  json TEXT NOT NULL
);

CREATE TABLE engine_state (
  kind      TEXT COLLATE "C" NOT NULL,
  state_key TEXT COLLATE "C" NOT NULL,
  json      TEXT NOT NULL,
  PRIMARY KEY (kind, state_key)
);

CREATE TABLE api_keys (
  id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name          TEXT   NOT NULL,
  key_prefix    TEXT   NOT NULL,
  key_sha256    TEXT   NOT NULL UNIQUE,
  created_at_us BIGINT NOT NULL,
  revoked_at_us BIGINT
);

CREATE TABLE lexicon_terms (
  term          TEXT COLLATE "C" NOT NULL PRIMARY KEY,
  category      TEXT   NOT NULL,
  state         TEXT   NOT NULL,
  source        TEXT   NOT NULL,
  updated_at_us BIGINT NOT NULL
);

CREATE TABLE bank_entries (
  bank      TEXT COLLATE "C" NOT NULL,
  hash_type TEXT COLLATE "C" NOT NULL,
  hash      TEXT COLLATE "C" NOT NULL,
  label     TEXT NOT NULL,
  PRIMARY KEY (bank, hash_type, hash)
);
