-- suqiu schema, version 1.
-- Dates are 'YYYY-MM-DD', times 'YYYY-MM-DD HH:MM:SS' in the center's local time.
-- Codes (states, roles, channels …) are the stable ASCII codes of src/domain/vocab.rs.

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE centers (
    id       INTEGER PRIMARY KEY,
    name     TEXT NOT NULL UNIQUE,
    level    TEXT NOT NULL CHECK (level IN ('district', 'town', 'community')),
    place_id INTEGER REFERENCES places(id),
    active   INTEGER NOT NULL DEFAULT 1
) STRICT;

-- Where petitioners live: urban communities, the township, its villages.
CREATE TABLE places (
    id        INTEGER PRIMARY KEY,
    name      TEXT NOT NULL UNIQUE,
    kind      TEXT NOT NULL CHECK (kind IN ('community', 'town', 'village')),
    parent_id INTEGER REFERENCES places(id),
    active    INTEGER NOT NULL DEFAULT 1
) STRICT;

CREATE TABLE departments (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    supervision INTEGER NOT NULL DEFAULT 0,
    active      INTEGER NOT NULL DEFAULT 1
) STRICT;

CREATE TABLE leaders (
    id        INTEGER PRIMARY KEY,
    name      TEXT NOT NULL UNIQUE,
    position  TEXT NOT NULL,
    portfolio TEXT NOT NULL DEFAULT '',
    kind      TEXT NOT NULL CHECK (kind IN ('party_gov', 'court_procuratorate')),
    active    INTEGER NOT NULL DEFAULT 1
) STRICT;

CREATE TABLE categories (
    id     INTEGER PRIMARY KEY,
    name   TEXT NOT NULL UNIQUE,
    active INTEGER NOT NULL DEFAULT 1
) STRICT;

-- The time-limit catalogue; a NULL category or urgency applies to all.
CREATE TABLE time_limits (
    id          INTEGER PRIMARY KEY,
    phase       TEXT NOT NULL CHECK (phase IN ('accept', 'handle', 'feedback')),
    category_id INTEGER REFERENCES categories(id),
    urgency     TEXT CHECK (urgency IN ('normal', 'urgent')),
    days        INTEGER NOT NULL CHECK (days BETWEEN 0 AND 365),
    day_kind    TEXT NOT NULL CHECK (day_kind IN ('working', 'calendar'))
) STRICT;
CREATE UNIQUE INDEX time_limits_key ON time_limits(phase, IFNULL(category_id, 0), IFNULL(urgency, ''));

CREATE TABLE staff (
    id              INTEGER PRIMARY KEY,
    staff_no        TEXT NOT NULL UNIQUE,
    name            TEXT NOT NULL,
    role            TEXT NOT NULL CHECK (role IN ('admin', 'director', 'clerk', 'department')),
    center_id       INTEGER NOT NULL REFERENCES centers(id),
    department_id   INTEGER REFERENCES departments(id),
    pin_hash        TEXT NOT NULL,
    active          INTEGER NOT NULL DEFAULT 1,
    failed_attempts INTEGER NOT NULL DEFAULT 0,
    locked_until    TEXT,
    CHECK ((role = 'department') = (department_id IS NOT NULL))
) STRICT;

-- Official holiday data: which years are loaded, and their special days.
CREATE TABLE calendar_years (
    year      INTEGER PRIMARY KEY,
    loaded_at TEXT NOT NULL,
    source    TEXT NOT NULL
) STRICT;

CREATE TABLE calendar_days (
    date TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    off  INTEGER NOT NULL
) STRICT;

CREATE TABLE tickets (
    id                    INTEGER PRIMARY KEY,
    year                  INTEGER NOT NULL,
    seq                   INTEGER NOT NULL,
    center_id             INTEGER NOT NULL REFERENCES centers(id),
    channel               TEXT NOT NULL,
    received_at           TEXT NOT NULL,
    registered_by         INTEGER REFERENCES staff(id),
    -- 首办负责: whoever received it owns it to the end (a staff member or a leader).
    first_staff_id        INTEGER REFERENCES staff(id),
    first_leader_id       INTEGER REFERENCES leaders(id),
    petitioner_names      TEXT NOT NULL,
    place_id              INTEGER REFERENCES places(id),
    collective            INTEGER NOT NULL DEFAULT 0,
    head_count            INTEGER,
    category_id           INTEGER NOT NULL REFERENCES categories(id),
    urgency               TEXT NOT NULL,
    summary               TEXT NOT NULL,
    content               TEXT NOT NULL,
    request               TEXT NOT NULL,
    visit_ref             TEXT,
    state                 TEXT NOT NULL,
    stage                 TEXT NOT NULL,
    open                  INTEGER NOT NULL,
    round                 INTEGER NOT NULL DEFAULT 1,
    proposed              TEXT,
    opinion               TEXT,
    decision              TEXT,
    leader_id             INTEGER REFERENCES leaders(id),
    instruction           TEXT,
    answer                TEXT,
    department_id         INTEGER REFERENCES departments(id),
    round_issued_on       TEXT,
    clock_start           TEXT,
    due                   TEXT,
    warn_at               TEXT,
    limit_kind            TEXT,
    extension_used        INTEGER NOT NULL DEFAULT 0,
    pending_ext_days      INTEGER,
    pending_ext_reason    TEXT,
    resolution            TEXT,
    result                TEXT,
    satisfaction          TEXT,
    escalated             INTEGER NOT NULL DEFAULT 0,
    unresolved_closure    INTEGER NOT NULL DEFAULT 0,
    repeat_of             INTEGER REFERENCES tickets(id),
    merged_into           INTEGER REFERENCES tickets(id),
    closed_at             TEXT,
    version               INTEGER NOT NULL DEFAULT 1,
    updated_at            TEXT NOT NULL,
    updated_by            TEXT NOT NULL,
    UNIQUE (year, seq)
) STRICT;

-- Queue paging: every filter has an index in id order (scope "all") and, for open tickets, in
-- due order. Partial indexes on open tickets stay small however many years are closed.
CREATE INDEX tickets_state ON tickets(state);
CREATE INDEX tickets_stage ON tickets(stage);
CREATE INDEX tickets_department ON tickets(department_id);
CREATE INDEX tickets_channel ON tickets(channel);
CREATE INDEX tickets_place ON tickets(place_id);
CREATE INDEX tickets_first_staff ON tickets(first_staff_id);
CREATE INDEX tickets_center ON tickets(center_id);
CREATE INDEX tickets_open ON tickets(open);
CREATE INDEX tickets_open_due ON tickets(due, id) WHERE open = 1;
CREATE INDEX tickets_open_state_due ON tickets(state, due, id) WHERE open = 1;
CREATE INDEX tickets_open_stage_due ON tickets(stage, due, id) WHERE open = 1;
CREATE INDEX tickets_open_department_due ON tickets(department_id, due, id) WHERE open = 1;
CREATE INDEX tickets_open_channel_due ON tickets(channel, due, id) WHERE open = 1;
CREATE INDEX tickets_open_place_due ON tickets(place_id, due, id) WHERE open = 1;
CREATE INDEX tickets_open_first_staff_due ON tickets(first_staff_id, due, id) WHERE open = 1;
CREATE INDEX tickets_open_center_due ON tickets(center_id, due, id) WHERE open = 1;
CREATE INDEX tickets_open_department ON tickets(department_id, id) WHERE open = 1;
CREATE INDEX tickets_open_channel ON tickets(channel, id) WHERE open = 1;
CREATE INDEX tickets_open_place ON tickets(place_id, id) WHERE open = 1;
CREATE INDEX tickets_open_first_staff ON tickets(first_staff_id, id) WHERE open = 1;
CREATE INDEX tickets_open_center ON tickets(center_id, id) WHERE open = 1;
CREATE INDEX tickets_received ON tickets(received_at);
CREATE INDEX tickets_repeat_of ON tickets(repeat_of) WHERE repeat_of IS NOT NULL;
CREATE INDEX tickets_merged_into ON tickets(merged_into) WHERE merged_into IS NOT NULL;

CREATE TABLE petitioners (
    id          INTEGER PRIMARY KEY,
    ticket_id   INTEGER NOT NULL REFERENCES tickets(id),
    idx         INTEGER NOT NULL,
    name        TEXT NOT NULL,
    mobile      TEXT,
    resident_id TEXT,
    address     TEXT NOT NULL DEFAULT '',
    place_id    INTEGER REFERENCES places(id),
    UNIQUE (ticket_id, idx)
) STRICT;
CREATE INDEX petitioners_mobile ON petitioners(mobile) WHERE mobile IS NOT NULL;
CREATE INDEX petitioners_resident_id ON petitioners(resident_id) WHERE resident_id IS NOT NULL;

-- Overlapping bigrams, words and name initials of each ticket (see src/domain/search.rs).
-- Contentless with detail=none: the index holds only which tickets have which token.
CREATE VIRTUAL TABLE ticket_search USING fts5(
    tokens, content = '', contentless_delete = 1, detail = none, tokenize = 'unicode61'
);

-- The audit log is the ticket timeline and the record of every change: append-only, and each
-- row's hash chains onto the previous one (src/domain/audit.rs).
CREATE TABLE audit_log (
    id            INTEGER PRIMARY KEY,
    at            TEXT NOT NULL,
    actor         TEXT NOT NULL,
    actor_id      INTEGER,
    subject       TEXT NOT NULL,
    ticket_id     INTEGER REFERENCES tickets(id),
    department_id INTEGER,
    kind          TEXT NOT NULL,
    from_state    TEXT NOT NULL DEFAULT '',
    to_state      TEXT NOT NULL DEFAULT '',
    note          TEXT NOT NULL DEFAULT '',
    payload       TEXT NOT NULL DEFAULT '{}',
    prev_hash     TEXT NOT NULL,
    hash          TEXT NOT NULL
) STRICT;
CREATE INDEX audit_ticket ON audit_log(ticket_id, id) WHERE ticket_id IS NOT NULL;
CREATE INDEX audit_department_kind ON audit_log(department_id, kind) WHERE department_id IS NOT NULL;

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;

-- Default time limits (DOMAIN.md): acceptance 15 calendar days; handling 7 working days, urgent
-- the same day; feedback 5 working days.
INSERT INTO time_limits (phase, category_id, urgency, days, day_kind) VALUES
    ('accept', NULL, NULL, 15, 'calendar'),
    ('handle', NULL, 'normal', 7, 'working'),
    ('handle', NULL, 'urgent', 0, 'working'),
    ('feedback', NULL, NULL, 5, 'working');
