-- The open tickets by deadline, each index now holding the day its warning starts: a 临期 page
-- reads its deadline range in order and passes each ticket not yet warned in the index, without
-- reading its row (a city's last 临期 page was 6–7× the least read of its rows; issue 9). The
-- page's order, (due, id), is unchanged.
DROP INDEX tickets_open_due;
CREATE INDEX tickets_open_due ON tickets(due, id, warn_at) WHERE open = 1;
DROP INDEX tickets_open_state_due;
CREATE INDEX tickets_open_state_due ON tickets(state, due, id, warn_at) WHERE open = 1;
DROP INDEX tickets_open_stage_due;
CREATE INDEX tickets_open_stage_due ON tickets(stage, due, id, warn_at) WHERE open = 1;
DROP INDEX tickets_open_department_due;
CREATE INDEX tickets_open_department_due ON tickets(department_id, due, id, warn_at) WHERE open = 1;
DROP INDEX tickets_open_channel_due;
CREATE INDEX tickets_open_channel_due ON tickets(channel, due, id, warn_at) WHERE open = 1;
DROP INDEX tickets_open_place_due;
CREATE INDEX tickets_open_place_due ON tickets(place_id, due, id, warn_at) WHERE open = 1;
DROP INDEX tickets_open_first_staff_due;
CREATE INDEX tickets_open_first_staff_due ON tickets(first_staff_id, due, id, warn_at) WHERE open = 1;
DROP INDEX tickets_open_center_due;
CREATE INDEX tickets_open_center_due ON tickets(center_id, due, id, warn_at) WHERE open = 1;
