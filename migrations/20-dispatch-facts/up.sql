-- 考评 (issue 10): every dispatch of every ticket, as `domain::metrics::dispatches` computes it
-- from that ticket's events in the audit log. Kept by the transaction that appends each event
-- (`store::facts::refresh`), so that a year's ranking reads these rows and not the log;
-- `audit verify` recomputes every row from the log and names any that differ.
-- Dates are 'YYYY-MM-DD'; `end_kind` is open | result | returned | left, and `end_code` the
-- resolution the department claimed (result) or the state the ticket left 买单 for (left).
CREATE TABLE dispatch_facts (
    ticket_id         INTEGER NOT NULL,
    n                 INTEGER NOT NULL,
    department_id     INTEGER NOT NULL,
    round             INTEGER NOT NULL,
    begun             TEXT NOT NULL,
    due               TEXT,
    accepted          TEXT,
    ended             TEXT,
    end_kind          TEXT NOT NULL CHECK (end_kind IN ('open', 'result', 'returned', 'left')),
    end_code          TEXT,
    eval_on           TEXT,
    eval_solved       TEXT,
    eval_satisfaction TEXT,
    closed_unresolved INTEGER NOT NULL,
    stopped           TEXT,
    PRIMARY KEY (ticket_id, n)
) STRICT, WITHOUT ROWID;

-- A period's dispatches, and its evaluations (满意率 is by the date of the evaluation).
CREATE INDEX dispatch_facts_begun ON dispatch_facts(begun);
CREATE INDEX dispatch_facts_eval ON dispatch_facts(eval_on) WHERE eval_on IS NOT NULL;

-- Filled from the log when the database is next opened (`store::facts::fill`).
INSERT INTO meta (key, value) VALUES ('dispatch_facts', 'pending')
    ON CONFLICT (key) DO UPDATE SET value = 'pending';
