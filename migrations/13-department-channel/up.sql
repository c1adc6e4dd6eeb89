-- Department and channel together (which channel brings a department its petitions), the
-- combination of filters the center uses most, in id order: closed tickets on their own (a
-- city's backlog is mostly open, and a 已结 page through the department's index passed every
-- open one), and all of them (issue 9).
CREATE INDEX tickets_closed_department_channel ON tickets(department_id, channel, id) WHERE open = 0;
CREATE INDEX tickets_department_channel ON tickets(department_id, channel, id);
