-- Open tickets by the day their warning starts (临期): the warned ones (临期 and overdue) are a
-- range of it, whatever the backlog, so a 临期 page knows the latest deadline it can reach
-- (`queue::near_until`) and never scans the tickets not yet warned (issue 9).
CREATE INDEX tickets_open_warn ON tickets(warn_at, due) WHERE open = 1;
