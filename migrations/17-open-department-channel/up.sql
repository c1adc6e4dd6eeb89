-- Department and channel together in 在办 (the desk's default scope), by deadline and by id: their
-- own indexes, as migration 13 gave the closed and all tickets. Through the department's index a
-- page checked the channel in each row it passed (2–4× the least read of its rows; issue 9).
CREATE INDEX tickets_open_department_channel_due ON tickets(department_id, channel, due, id, warn_at)
    WHERE open = 1;
CREATE INDEX tickets_open_department_channel ON tickets(department_id, channel, id) WHERE open = 1;
