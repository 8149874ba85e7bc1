-- The action outbox: actions the policy decided, delivered to the platform by webhook.
-- Keep the same tables and columns as ../postgresql/V3__outbox.sql.
-- state is the wire name of OutboxState: awaiting_person, pending, delivered, failed, cancelled.
-- payload is the JSON body delivered as given; action_id is the platform's dedupe key.

CREATE TABLE outbox (
  action_id          TEXT    NOT NULL PRIMARY KEY,
  subject_type       TEXT    NOT NULL,
  subject_id         TEXT    NOT NULL,
  action             TEXT    NOT NULL,
  payload            TEXT    NOT NULL,
  state              TEXT    NOT NULL,
  attempts           INTEGER NOT NULL,
  created_at_us      INTEGER NOT NULL,
  next_attempt_at_us INTEGER NOT NULL,
  delivered_at_us    INTEGER,
  last_error         TEXT    NOT NULL,
  updated_at_us      INTEGER NOT NULL,
  decided_by         TEXT
) STRICT;
-- The deliverer's question, "what is due now", reads only pending rows in due order.
CREATE INDEX outbox_due ON outbox (next_attempt_at_us, action_id) WHERE state = 'pending';
CREATE INDEX outbox_by_state ON outbox (state, created_at_us, action_id);
CREATE INDEX outbox_by_subject ON outbox (subject_type, subject_id, created_at_us, action_id);
CREATE INDEX outbox_by_created ON outbox (created_at_us, action_id);
