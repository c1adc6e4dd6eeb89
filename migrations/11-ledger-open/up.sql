-- A leader's open petitions in a period (the 一人一档 count), from the leader's own entries: the
-- ledger counts them without reading a ticket row (issue 9).
CREATE INDEX tickets_first_leader_open ON tickets(first_leader_id, received_at)
    WHERE first_leader_id IS NOT NULL AND open = 1;
