-- The queue overview (GET /v1/queues, the console's home page) without reading the cases table:
-- counts per queue and state, the oldest opening and SLA breaches come from this index alone.
-- Partial: only active cases, so its size follows the open backlog, not every case ever decided.
-- SqlCases.queues filters on exactly this state list, which is what lets the planner use it.
-- Keep the same index as ../postgresql/V8__queue_overview.sql (V7 belongs to another feature).
CREATE INDEX cases_active ON cases (queue, state, opened_at_us, sla_due_at_us)
  WHERE state IN ('open', 'claimed', 'awaiting_confirmation');
