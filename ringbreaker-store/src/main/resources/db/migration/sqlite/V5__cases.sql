-- The review queue: cases, their subjects, the words they are found by, and people's decisions.
-- Keep the same tables and columns as ../postgresql/V5__cases.sql (V4 and V6 belong to other features).
-- state is the wire name of CaseState: open, claimed, awaiting_confirmation, decided, closed.
-- priority is the case's weighted score without age; sort_key = priority minus an amount per hour
-- since the epoch at opened_at, so ordering by sort_key is ordering by priority plus age at any
-- moment, and "the next case" is an index scan (see CasePriority).

CREATE TABLE cases (
  id             INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
  case_key       TEXT    NOT NULL,
  queue          TEXT    NOT NULL,
  state          TEXT    NOT NULL,
  priority       REAL    NOT NULL,
  sort_key       REAL    NOT NULL,
  severity_rank  INTEGER NOT NULL,
  opened_at_us   INTEGER NOT NULL,
  sla_due_at_us  INTEGER NOT NULL,
  claimed_by     TEXT,
  lease_until_us INTEGER,
  decided_at_us  INTEGER,
  subjects       INTEGER NOT NULL,
  reports        INTEGER NOT NULL,
  ring           TEXT
) STRICT;
-- "The next open case of a queue" and "a page of a queue": both read this index in order.
CREATE INDEX cases_by_queue ON cases (queue, state, sort_key DESC, id);
CREATE INDEX cases_by_state ON cases (state, sort_key DESC, id);
-- Claimed cases whose lease ran out are taken again; few, found by lease end.
CREATE INDEX cases_leased ON cases (lease_until_us, id) WHERE state = 'claimed';
CREATE INDEX cases_by_key ON cases (case_key, id);

CREATE TABLE case_subjects (
  case_id       INTEGER NOT NULL REFERENCES cases (id),
  subject_type  TEXT    NOT NULL,
  subject_id    TEXT    NOT NULL,
  queue         TEXT    NOT NULL,
  severity_rank INTEGER NOT NULL,
  priority      REAL    NOT NULL,
  actions       TEXT    NOT NULL,
  reports       INTEGER NOT NULL,
  weighted_reports REAL NOT NULL,
  report_ids    TEXT    NOT NULL,
  risk          INTEGER NOT NULL,
  ring          TEXT,
  author        TEXT,
  verdict_key   TEXT    NOT NULL,
  updated_at_us INTEGER NOT NULL,
  PRIMARY KEY (case_id, subject_type, subject_id)
) STRICT;
CREATE INDEX case_subjects_by_subject ON case_subjects (subject_type, subject_id, case_id);
CREATE INDEX case_subjects_by_ring ON case_subjects (ring, case_id) WHERE ring IS NOT NULL;

-- Exact, lowercased words a case is found by: account ids, item ids, tags, links, hashes, handles.
CREATE TABLE case_terms (
  term    TEXT    NOT NULL,
  case_id INTEGER NOT NULL,
  PRIMARY KEY (term, case_id)
) STRICT;

CREATE TABLE decisions (
  id                INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
  case_id           INTEGER NOT NULL REFERENCES cases (id),
  subject_type      TEXT    NOT NULL,
  subject_id        TEXT    NOT NULL,
  reviewer          TEXT    NOT NULL,
  decision          TEXT    NOT NULL,
  category          TEXT    NOT NULL,
  reason            TEXT    NOT NULL,
  actions           TEXT    NOT NULL,
  state             TEXT    NOT NULL,
  decided_at_us     INTEGER NOT NULL,
  second_reviewer   TEXT,
  confirmed_at_us   INTEGER,
  applied_at_us     INTEGER
) STRICT;
CREATE INDEX decisions_by_case ON decisions (case_id, id);
CREATE INDEX decisions_by_subject ON decisions (subject_type, subject_id, id);
-- Feedback (banks, lexicon, ring seeds) not yet applied: few, read after every decision and at start.
CREATE INDEX decisions_unapplied ON decisions (id) WHERE applied_at_us IS NULL;
