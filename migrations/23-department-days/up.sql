-- 考评 (issue 10): every department's figures day by day, the sum over its dispatches of what
-- each counts for on that day (`domain::metrics::counted` of the one-day period: a dispatch
-- counts on the day it began, and its evaluation on the day of the evaluation). Any period's
-- figures are the sum of its days', so a year's ranking reads some 18 000 rows and not every
-- dispatch of the year. Kept by the same transactions that keep `dispatch_facts`
-- (`store::facts::refresh` adds a ticket's new rows and takes away its old ones), rebuilt when
-- a year's holidays are reloaded (working days change), and recomputed by `audit verify`.
CREATE TABLE department_days (
    day              TEXT NOT NULL,
    department_id    INTEGER NOT NULL,
    dispatches       INTEGER NOT NULL,
    second_round     INTEGER NOT NULL,
    accepted_in_time INTEGER NOT NULL,
    with_result      INTEGER NOT NULL,
    on_time          INTEGER NOT NULL,
    overdue          INTEGER NOT NULL,
    severe           INTEGER NOT NULL,
    returned         INTEGER NOT NULL,
    evaluated        INTEGER NOT NULL,
    solved           INTEGER NOT NULL,
    partly           INTEGER NOT NULL,
    unasked          INTEGER NOT NULL,
    false_closure    INTEGER NOT NULL,
    evaluations      INTEGER NOT NULL,
    satisfied        INTEGER NOT NULL,
    handling_days    INTEGER NOT NULL,
    open             INTEGER NOT NULL,
    stopped          INTEGER NOT NULL,
    PRIMARY KEY (day, department_id)
) STRICT, WITHOUT ROWID;

-- Filled from `dispatch_facts` when the database is next opened (`store::facts::fill_days`).
INSERT INTO meta (key, value) VALUES ('department_days', 'pending')
    ON CONFLICT (key) DO UPDATE SET value = 'pending';
