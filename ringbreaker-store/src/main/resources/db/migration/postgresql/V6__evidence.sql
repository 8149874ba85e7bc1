-- The evidence store: what was preserved, encrypted (AES-256-GCM), content-addressed, retained.
-- Keep the same tables and columns as ../sqlite/V6__evidence.sql.

-- Preservation asked for by a verdict (the policy's automatic 'preserve') or a person; one row per
-- subject, set pending again when its evidence grows. The evidence keeper works them off.
CREATE TABLE evidence_requests (
  subject_type    TEXT COLLATE "C" NOT NULL,
  subject_id      TEXT COLLATE "C" NOT NULL,
  requested_at_us BIGINT NOT NULL,
  requested_by    TEXT    NOT NULL,
  state           TEXT    NOT NULL,
  done_at_us      BIGINT,
  last_error      TEXT    NOT NULL,
  PRIMARY KEY (subject_type, subject_id)
);
CREATE INDEX evidence_requests_pending ON evidence_requests (requested_at_us) WHERE state = 'pending';

-- One sealed copy per distinct content: the address is the SHA-256 of the plaintext.
CREATE TABLE evidence_blobs (
  digest        TEXT COLLATE "C" NOT NULL PRIMARY KEY,
  key_id        TEXT    NOT NULL,
  nonce         BYTEA    NOT NULL,
  ciphertext    BYTEA    NOT NULL,
  size          BIGINT NOT NULL,
  created_at_us BIGINT NOT NULL
);

-- What was preserved about which subject: an event as the platform sent it, or the verdict then.
CREATE TABLE evidence_items (
  id               BIGSERIAL PRIMARY KEY,
  digest           TEXT    NOT NULL,
  subject_type     TEXT COLLATE "C" NOT NULL,
  subject_id       TEXT COLLATE "C" NOT NULL,
  kind             TEXT    NOT NULL,
  source_id        TEXT    NOT NULL,
  preserved_at_us  BIGINT NOT NULL,
  retain_until_us  BIGINT NOT NULL,
  legal_hold       TEXT,
  deleted_at_us    BIGINT,
  deleted_reason   TEXT,
  UNIQUE (subject_type, subject_id, kind, source_id, digest)
);
CREATE INDEX evidence_items_by_subject ON evidence_items (subject_type, subject_id, id);
CREATE INDEX evidence_items_by_digest ON evidence_items (digest);
CREATE INDEX evidence_items_expiring ON evidence_items (retain_until_us) WHERE deleted_at_us IS NULL;
