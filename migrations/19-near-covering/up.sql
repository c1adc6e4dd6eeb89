-- 临期 pages merge their ranges on the index alone, then read the page's rows by id: the index
-- of migration 18 gains the columns those arms test (the warning behind the length, and open, the
-- partial index's own condition), so that SQLite reads no ticket it will not show (issue 9).
DROP INDEX tickets_open_near;
CREATE INDEX tickets_open_near ON tickets(CAST(julianday(due) - julianday(warn_at) AS INTEGER), due, id, warn_at, open)
    WHERE open = 1;
