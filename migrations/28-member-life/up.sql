-- Issue 12 §3: the employed Party members' life in the programme.
-- 到社区报到: every member registers with the community where they live (members.place_id).
ALTER TABLE members ADD COLUMN registered_on TEXT;
-- 动态调整: when a member was key-selected (how: selected_by), when retired and why.
ALTER TABLE members ADD COLUMN selected_on TEXT;
ALTER TABLE members ADD COLUMN retired_on TEXT;
ALTER TABLE assignments ADD COLUMN end_reason TEXT;

-- Every change of a member, dated: the history the desk shows (the audit log has the same).
CREATE TABLE member_changes (
    id        INTEGER PRIMARY KEY,
    member_id INTEGER NOT NULL REFERENCES members(id),
    on_date   TEXT NOT NULL,
    kind      TEXT NOT NULL CHECK (kind IN ('registered', 'edited', 'key_selected', 'key_unselected', 'retired', 'assignment_ended')),
    detail    TEXT NOT NULL DEFAULT '',
    actor     TEXT NOT NULL,
    at        TEXT NOT NULL
) STRICT;
CREATE INDEX member_changes_member ON member_changes(member_id, id);

-- 派出单位随机检查调阅: a unit draws members at random (the verifiable engine) to inspect their
-- 民情日记, then records what it found.
CREATE TABLE member_inspections (
    id          INTEGER PRIMARY KEY,
    unit_id     INTEGER NOT NULL REFERENCES units(id),
    drawn_at    TEXT NOT NULL,
    drawn_by    TEXT NOT NULL,
    members     TEXT NOT NULL,
    receipt     TEXT NOT NULL,
    findings    TEXT NOT NULL DEFAULT '',
    findings_at TEXT,
    findings_by TEXT
) STRICT;

-- 每季度集中调度: a unit's quarterly meeting on its members' work.
CREATE TABLE unit_meetings (
    id      INTEGER PRIMARY KEY,
    unit_id INTEGER NOT NULL REFERENCES units(id),
    year    INTEGER NOT NULL,
    quarter INTEGER NOT NULL CHECK (quarter BETWEEN 1 AND 4),
    held_on TEXT NOT NULL,
    notes   TEXT NOT NULL DEFAULT '',
    actor   TEXT NOT NULL,
    at      TEXT NOT NULL,
    UNIQUE (unit_id, year, quarter)
) STRICT;

-- 明察暗访 and 工作调度会 / 情况通报会 by the 组织部 and the 机关党工委.
CREATE TABLE oversight_log (
    id        INTEGER PRIMARY KEY,
    kind      TEXT NOT NULL CHECK (kind IN ('inspection', 'meeting', 'briefing')),
    by_org    TEXT NOT NULL CHECK (by_org IN ('organization', 'work_committee')),
    on_date   TEXT NOT NULL,
    unit_id   INTEGER REFERENCES units(id),
    member_id INTEGER REFERENCES members(id),
    findings  TEXT NOT NULL,
    actor     TEXT NOT NULL,
    at        TEXT NOT NULL
) STRICT;

-- A problem a member cannot solve that is especially hard goes to the leader at that
-- community's next visit: it is on that visit's agenda.
CREATE TABLE visit_agenda (
    id           INTEGER PRIMARY KEY,
    visit_id     INTEGER NOT NULL REFERENCES visits(id),
    member_id    INTEGER REFERENCES members(id),
    household_id INTEGER REFERENCES households(id),
    ticket_id    INTEGER REFERENCES tickets(id),
    matter       TEXT NOT NULL,
    at           TEXT NOT NULL
) STRICT;
CREATE INDEX visit_agenda_visit ON visit_agenda(visit_id);

