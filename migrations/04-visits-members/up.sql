-- 三进: leaders' visits (calendar, notices, registers, member picks) and employed Party members
-- (units, members, households, assignments, contacts, wishes).

-- Which communities each leader visits (进社区), and the township rotation (进乡镇).
CREATE TABLE leader_communities (
    leader_id INTEGER NOT NULL REFERENCES leaders(id),
    place_id  INTEGER NOT NULL REFERENCES places(id),
    PRIMARY KEY (leader_id, place_id)
) STRICT;

CREATE TABLE township_rotation (
    position  INTEGER PRIMARY KEY,
    leader_id INTEGER NOT NULL REFERENCES leaders(id)
) STRICT;

CREATE TABLE visits (
    id               INTEGER PRIMARY KEY,
    kind             TEXT NOT NULL CHECK (kind IN ('community', 'township')),
    place_id         INTEGER NOT NULL REFERENCES places(id),
    -- The 10th or 25th it stands for; `date` is when it is held (moved off rest days).
    nominal_date     TEXT NOT NULL,
    date             TEXT NOT NULL,
    time             TEXT NOT NULL,
    leader_id        INTEGER NOT NULL REFERENCES leaders(id),
    -- The leader cannot attend (until a substitute is found, the visit is 空岗).
    leader_absent    INTEGER NOT NULL DEFAULT 0,
    substitute_id    INTEGER REFERENCES leaders(id),
    status           TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'held', 'not_held')),
    not_held_reason  TEXT,
    provisional      INTEGER NOT NULL DEFAULT 0,
    rescheduled      INTEGER NOT NULL DEFAULT 0,
    city_note        TEXT,
    notes            TEXT NOT NULL DEFAULT '',
    -- Notices: the version increments when leader, date or time change after planning.
    notice_version   INTEGER NOT NULL DEFAULT 1,
    posted_version   INTEGER,
    posted_at        TEXT,
    version          INTEGER NOT NULL DEFAULT 1,
    updated_at       TEXT NOT NULL,
    updated_by       TEXT NOT NULL,
    UNIQUE (kind, place_id, leader_id, nominal_date)
) STRICT;
CREATE INDEX visits_date ON visits(date);
CREATE INDEX visits_leader_date ON visits(leader_id, date);
CREATE INDEX visits_substitute ON visits(substitute_id) WHERE substitute_id IS NOT NULL;

-- City leaders' visits: the district visit there in that half-month moves to the same time.
CREATE TABLE city_visits (
    id          INTEGER PRIMARY KEY,
    place_id    INTEGER NOT NULL REFERENCES places(id),
    date        TEXT NOT NULL,
    time        TEXT NOT NULL,
    city_leader TEXT NOT NULL,
    at          TEXT NOT NULL,
    actor       TEXT NOT NULL
) STRICT;

-- Residents received at a visit, and what became of each matter.
CREATE TABLE visit_register (
    id        INTEGER PRIMARY KEY,
    visit_id  INTEGER NOT NULL REFERENCES visits(id),
    name      TEXT NOT NULL,
    place     TEXT NOT NULL DEFAULT '',
    matter    TEXT NOT NULL,
    outcome   TEXT NOT NULL CHECK (outcome IN ('answered', 'petition')),
    ticket_id INTEGER REFERENCES tickets(id),
    at        TEXT NOT NULL
) STRICT;
CREATE INDEX visit_register_visit ON visit_register(visit_id);

-- The key-selected members picked at random to report at a community visit (receipt verifiable).
CREATE TABLE visit_picks (
    id             INTEGER PRIMARY KEY,
    visit_id       INTEGER NOT NULL REFERENCES visits(id),
    members        TEXT NOT NULL,
    receipt        TEXT NOT NULL,
    receipt_sha256 TEXT NOT NULL,
    at             TEXT NOT NULL
) STRICT;

CREATE TABLE visit_reports (
    visit_id  INTEGER NOT NULL REFERENCES visits(id),
    member_id INTEGER NOT NULL,
    report    TEXT NOT NULL,
    PRIMARY KEY (visit_id, member_id)
) STRICT;

CREATE TABLE units (
    id     INTEGER PRIMARY KEY,
    name   TEXT NOT NULL UNIQUE,
    active INTEGER NOT NULL DEFAULT 1
) STRICT;

CREATE TABLE members (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL,
    name_initials TEXT NOT NULL,
    unit_id       INTEGER NOT NULL REFERENCES units(id),
    position      TEXT NOT NULL DEFAULT '',
    place_id      INTEGER REFERENCES places(id),
    profession    TEXT NOT NULL DEFAULT '',
    skills        TEXT NOT NULL DEFAULT '',
    pool          TEXT NOT NULL DEFAULT 'other',
    key_selected  INTEGER NOT NULL DEFAULT 0,
    selected_by   TEXT,
    mobile        TEXT,
    active        INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE INDEX members_unit ON members(unit_id);
CREATE INDEX members_place ON members(place_id, key_selected);

CREATE TABLE households (
    id       INTEGER PRIMARY KEY,
    place_id INTEGER NOT NULL REFERENCES places(id),
    address  TEXT NOT NULL,
    head     TEXT NOT NULL,
    kind     TEXT NOT NULL,
    needs    TEXT NOT NULL DEFAULT '',
    plan     TEXT NOT NULL DEFAULT '',
    active   INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE INDEX households_place ON households(place_id);

CREATE TABLE assignments (
    id           INTEGER PRIMARY KEY,
    member_id    INTEGER NOT NULL REFERENCES members(id),
    household_id INTEGER NOT NULL REFERENCES households(id),
    since        TEXT NOT NULL,
    until        TEXT
) STRICT;
CREATE INDEX assignments_member ON assignments(member_id) WHERE until IS NULL;
CREATE INDEX assignments_household ON assignments(household_id, since);

-- 民情日记.
CREATE TABLE contacts (
    id           INTEGER PRIMARY KEY,
    date         TEXT NOT NULL,
    member_id    INTEGER NOT NULL REFERENCES members(id),
    household_id INTEGER NOT NULL REFERENCES households(id),
    method       TEXT NOT NULL CHECK (method IN ('visit', 'phone', 'sms', 'online')),
    notes        TEXT NOT NULL DEFAULT '',
    at           TEXT NOT NULL
) STRICT;
CREATE INDEX contacts_household_date ON contacts(household_id, date) WHERE method = 'visit';
CREATE INDEX contacts_member_date ON contacts(member_id, date);

-- 微心愿.
CREATE TABLE wishes (
    id           INTEGER PRIMARY KEY,
    household_id INTEGER NOT NULL REFERENCES households(id),
    wish         TEXT NOT NULL,
    state        TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'claimed', 'fulfilled', 'returned')),
    member_id    INTEGER REFERENCES members(id),
    claimed_at   TEXT,
    fulfilled_on TEXT,
    note         TEXT NOT NULL DEFAULT '',
    at           TEXT NOT NULL
) STRICT;
CREATE INDEX wishes_state ON wishes(state);

-- Tickets raised at a visit, or by a member for a household.
ALTER TABLE tickets ADD COLUMN visit_id INTEGER REFERENCES visits(id);
ALTER TABLE tickets ADD COLUMN member_id INTEGER REFERENCES members(id);
ALTER TABLE tickets ADD COLUMN household_id INTEGER REFERENCES households(id);
CREATE INDEX tickets_visit ON tickets(visit_id) WHERE visit_id IS NOT NULL;
CREATE INDEX tickets_first_leader ON tickets(first_leader_id, received_at) WHERE first_leader_id IS NOT NULL;
CREATE INDEX tickets_member ON tickets(member_id) WHERE member_id IS NOT NULL;
