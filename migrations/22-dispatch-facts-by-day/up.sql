-- 考评 reads a period's dispatches by the day they began: the rows are kept in that order (the
-- primary key), so that a month or a year is one contiguous range and not one lookup per row
-- through an index (a year's ranking read 140 000 rows that way in 450 ms at 200 000 tickets).
-- A ticket's own rows (rewritten with each of its events) are found by `dispatch_facts_ticket`.
CREATE TABLE dispatch_facts_by_day (
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
    PRIMARY KEY (begun, ticket_id, n)
) STRICT, WITHOUT ROWID;

INSERT INTO dispatch_facts_by_day
    SELECT ticket_id, n, department_id, round, begun, due, accepted, ended, end_kind, end_code,
           eval_on, eval_solved, eval_satisfaction, closed_unresolved, stopped
    FROM dispatch_facts;
DROP TABLE dispatch_facts;
ALTER TABLE dispatch_facts_by_day RENAME TO dispatch_facts;
CREATE UNIQUE INDEX dispatch_facts_ticket ON dispatch_facts(ticket_id, n);
CREATE INDEX dispatch_facts_eval ON dispatch_facts(eval_on) WHERE eval_on IS NOT NULL;
