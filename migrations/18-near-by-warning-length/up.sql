-- 临期 (warn_at <= today <= due) by the warning's length in days, then the deadline. For one
-- length L the 临期 tickets are exactly the deadline range today <= due <= today + L, so a 临期
-- page is a merge of one range per length in deadline order and reads only rows it shows; through
-- the deadline index it passed every ticket due soon whose warning had not started (issue 9).
-- The expression must stay word for word the one in src/store/queue.rs (NEAR_LENGTH).
CREATE INDEX tickets_open_near ON tickets(CAST(julianday(due) - julianday(warn_at) AS INTEGER), due, id)
    WHERE open = 1;
