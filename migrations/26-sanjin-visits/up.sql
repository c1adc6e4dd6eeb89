-- Issue 12, 三进 visits.
-- Each district leader's 联络员: the liaison their department names (三、(一)), printed on the
-- notices and the leader's file.
ALTER TABLE leaders ADD COLUMN liaison TEXT NOT NULL DEFAULT '';

-- A leader's 分管 portfolio as petition categories. A leader with none recorded has the whole
-- district (书记, 区长). A petition raised at a visit outside the acting leader's categories is
-- marked and goes to the center for 督促 (`domain::visits::in_portfolio`).
CREATE TABLE leader_categories (
    leader_id   INTEGER NOT NULL REFERENCES leaders(id),
    category_id INTEGER NOT NULL REFERENCES categories(id),
    PRIMARY KEY (leader_id, category_id)
) STRICT, WITHOUT ROWID;

-- 市区联动: the district's 组织部 coordination of a city leader's visit (who arranged it, when).
ALTER TABLE city_visits ADD COLUMN arranged_by TEXT NOT NULL DEFAULT '';
ALTER TABLE city_visits ADD COLUMN arranged_on TEXT;

-- A matter received at a visit outside the leader's portfolio (1), routed to the center.
ALTER TABLE visit_register ADD COLUMN outside_portfolio INTEGER NOT NULL DEFAULT 0;
CREATE INDEX visit_register_ticket ON visit_register(ticket_id) WHERE ticket_id IS NOT NULL;
