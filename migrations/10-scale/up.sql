-- Fast at any scale (issue 9): what the desk shows most is read from something sized by what it
-- shows, not by the years behind it. Every table here is kept by triggers inside the same
-- transaction as the change it follows, and `suqiu audit verify` recounts each from its source.

-- 在办 search: the search tokens of open tickets only, so that a search in the desk's default
-- scope reads an index sized by the backlog. Rows are added with the ticket (the store computes
-- the tokens) and leave when the ticket closes; a closed ticket never reopens
-- (`State::is_open`). Filled for existing open tickets by the store right after migrating
-- (meta 'open_search' = 'pending' until then).
CREATE VIRTUAL TABLE ticket_search_open USING fts5(
    tokens, content = '', contentless_delete = 1, detail = none, tokenize = 'unicode61'
);
INSERT INTO meta (key, value) VALUES ('open_search', 'pending');
CREATE TRIGGER tickets_leave_open_search AFTER UPDATE OF open ON tickets
WHEN old.open = 1 AND new.open = 0
BEGIN
    DELETE FROM ticket_search_open WHERE rowid = new.id;
END;

-- The status bar's and the board's counts: tickets by center, department (0: none yet), stage
-- and state. A few hundred rows however many tickets there are.
CREATE TABLE ticket_counts (
    center_id     INTEGER NOT NULL,
    department_id INTEGER NOT NULL,
    stage         TEXT NOT NULL,
    state         TEXT NOT NULL,
    n             INTEGER NOT NULL,
    PRIMARY KEY (center_id, department_id, stage, state)
) WITHOUT ROWID;
INSERT INTO ticket_counts (center_id, department_id, stage, state, n)
    SELECT center_id, IFNULL(department_id, 0), stage, state, count(*) FROM tickets GROUP BY 1, 2, 3, 4;
CREATE TRIGGER tickets_count_insert AFTER INSERT ON tickets
BEGIN
    INSERT INTO ticket_counts (center_id, department_id, stage, state, n)
        VALUES (new.center_id, IFNULL(new.department_id, 0), new.stage, new.state, 1)
        ON CONFLICT (center_id, department_id, stage, state) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER tickets_count_update AFTER UPDATE OF center_id, department_id, stage, state ON tickets
WHEN old.center_id IS NOT new.center_id OR old.department_id IS NOT new.department_id
    OR old.stage IS NOT new.stage OR old.state IS NOT new.state
BEGIN
    UPDATE ticket_counts SET n = n - 1
        WHERE center_id = old.center_id AND department_id = IFNULL(old.department_id, 0)
          AND stage = old.stage AND state = old.state;
    INSERT INTO ticket_counts (center_id, department_id, stage, state, n)
        VALUES (new.center_id, IFNULL(new.department_id, 0), new.stage, new.state, 1)
        ON CONFLICT (center_id, department_id, stage, state) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER tickets_count_delete AFTER DELETE ON tickets
BEGIN
    UPDATE ticket_counts SET n = n - 1
        WHERE center_id = old.center_id AND department_id = IFNULL(old.department_id, 0)
          AND stage = old.stage AND state = old.state;
END;

-- 退单 per department (shown with every ticket's detail), counted as the audit log grows.
CREATE TABLE department_returns (
    department_id INTEGER PRIMARY KEY,
    n             INTEGER NOT NULL
);
INSERT INTO department_returns (department_id, n)
    SELECT department_id, count(*) FROM audit_log
    WHERE kind = 'return' AND department_id IS NOT NULL GROUP BY department_id;
CREATE TRIGGER audit_count_return AFTER INSERT ON audit_log
WHEN new.kind = 'return' AND new.department_id IS NOT NULL
BEGIN
    INSERT INTO department_returns (department_id, n) VALUES (new.department_id, 1)
        ON CONFLICT (department_id) DO UPDATE SET n = n + 1;
END;

-- Open tickets in id order by state and by stage (newest / oldest first within a state).
CREATE INDEX tickets_open_state ON tickets(state, id) WHERE open = 1;
CREATE INDEX tickets_open_stage ON tickets(stage, id) WHERE open = 1;
