-- People (console users), their sessions, API key scopes, and the tamper-evident audit log.
-- Keep the same tables and columns as ../sqlite/V4__people_and_audit.sql.
-- Instants are epoch microseconds (BIGINT), as everywhere in this schema.

-- role is the wire name of Role: viewer, reviewer, lead, admin. Names are ASCII (letters, digits,
-- . _ -), so lower(name) is the same on both databases and makes them unique case-insensitively.
-- settings is ReviewerSettings as JSON. locked_until_us is set by too many failed sign-ins.
CREATE TABLE users (
  id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name            TEXT   NOT NULL,
  role            TEXT   NOT NULL CHECK (role IN ('viewer', 'reviewer', 'lead', 'admin')),
  password_hash   TEXT   NOT NULL,
  created_at_us   BIGINT NOT NULL,
  disabled_at_us  BIGINT,
  settings        TEXT   NOT NULL,
  failed_logins   INTEGER NOT NULL DEFAULT 0,
  locked_until_us BIGINT
);
CREATE UNIQUE INDEX users_name ON users (lower(name));

-- A session is looked up by the SHA-256 of its token: the token itself (the cookie) is never stored.
CREATE TABLE sessions (
  token_sha256    TEXT COLLATE "C" NOT NULL PRIMARY KEY,
  user_id         BIGINT NOT NULL REFERENCES users (id),
  csrf_token      TEXT   NOT NULL,
  created_at_us   BIGINT NOT NULL,
  last_seen_at_us BIGINT NOT NULL,
  expires_at_us   BIGINT NOT NULL,
  revoked_at_us   BIGINT
);
CREATE INDEX sessions_by_user ON sessions (user_id);
CREATE INDEX sessions_by_expiry ON sessions (expires_at_us);

-- Scopes are space-separated; keys made before scopes existed keep every scope.
ALTER TABLE api_keys ADD COLUMN scopes TEXT NOT NULL
  DEFAULT 'events:write verdicts:read actions:write lookup:read admin';

-- hash = sha256_hex(prev_hash \n seq \n at_us \n actor \n action \n target \n detail); the first
-- prev_hash is 64 zeros. audit_head holds the last seq and hash: appends lock its one row (FOR
-- UPDATE) so the chain never forks, and verify compares it with the last row, so a cut-off tail shows.
CREATE TABLE audit_log (
  seq       BIGINT NOT NULL PRIMARY KEY,
  at_us     BIGINT NOT NULL,
  actor     TEXT COLLATE "C" NOT NULL,
  action    TEXT COLLATE "C" NOT NULL,
  target    TEXT COLLATE "C" NOT NULL,
  detail    TEXT   NOT NULL,
  prev_hash TEXT   NOT NULL,
  hash      TEXT   NOT NULL
);
CREATE INDEX audit_by_actor ON audit_log (actor, seq);
CREATE INDEX audit_by_action ON audit_log (action, seq);
CREATE INDEX audit_by_target ON audit_log (target, seq);

CREATE TABLE audit_head (
  id   INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
  seq  BIGINT  NOT NULL,
  hash TEXT    NOT NULL
);
INSERT INTO audit_head (id, seq, hash)
  VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- Append-only at the database level too: no UPDATE, DELETE or TRUNCATE, whoever asks.
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP;
END
$$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
