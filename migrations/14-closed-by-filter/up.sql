-- 已结 by one filter, in id order, closed tickets only: in a city's backlog most of a
-- department's (a channel's, a community's …) tickets are open, and a 已结 page read through the
-- filter's index over all tickets passed them one by one (2.5 ms warm, 177 ms cold; issue 9).
CREATE INDEX tickets_closed_department ON tickets(department_id, id) WHERE open = 0;
CREATE INDEX tickets_closed_channel ON tickets(channel, id) WHERE open = 0;
CREATE INDEX tickets_closed_place ON tickets(place_id, id) WHERE open = 0;
CREATE INDEX tickets_closed_first_staff ON tickets(first_staff_id, id) WHERE open = 0;
CREATE INDEX tickets_closed_center ON tickets(center_id, id) WHERE open = 0;
