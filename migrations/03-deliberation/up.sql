-- 民事民议: deliberation representatives, verifiable draws, instant mediations, hearings.

CREATE TABLE representatives (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL,
    -- Pinyin initials of the name, for `zs` → 张三.
    name_initials TEXT NOT NULL,
    sex           TEXT NOT NULL CHECK (sex IN ('male', 'female')),
    place_id      INTEGER REFERENCES places(id),
    category      TEXT NOT NULL,
    chosen_by     TEXT NOT NULL CHECK (chosen_by IN ('self', 'recommended')),
    occupation    TEXT NOT NULL DEFAULT '',
    expertise     TEXT NOT NULL DEFAULT '',
    mobile        TEXT NOT NULL,
    term_start    TEXT NOT NULL,
    term_end      TEXT NOT NULL,
    status        TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended', 'retired')),
    version       INTEGER NOT NULL DEFAULT 1,
    updated_at    TEXT NOT NULL,
    updated_by    TEXT NOT NULL
) STRICT;
CREATE INDEX reps_status ON representatives(status);
CREATE INDEX reps_category ON representatives(category);
CREATE INDEX reps_place ON representatives(place_id);
CREATE INDEX reps_term_end ON representatives(term_end);
CREATE INDEX reps_initials ON representatives(name_initials);

-- The roster is adjusted over time, never rewritten: every status change is kept.
CREATE TABLE rep_status_changes (
    id          INTEGER PRIMARY KEY,
    rep_id      INTEGER NOT NULL REFERENCES representatives(id),
    date        TEXT NOT NULL,
    from_status TEXT NOT NULL,
    to_status   TEXT NOT NULL,
    reason      TEXT NOT NULL,
    at          TEXT NOT NULL,
    actor       TEXT NOT NULL
) STRICT;
CREATE INDEX rep_status_changes_rep ON rep_status_changes(rep_id, id);

CREATE TABLE rep_trainings (
    id     INTEGER PRIMARY KEY,
    rep_id INTEGER NOT NULL REFERENCES representatives(id),
    date   TEXT NOT NULL,
    topic  TEXT NOT NULL,
    hours  REAL NOT NULL
) STRICT;
CREATE INDEX rep_trainings_rep ON rep_trainings(rep_id, date);

-- A draw is written when its pool is frozen, so an abandoned draw is never invisible.
CREATE TABLE draws (
    id             INTEGER PRIMARY KEY,
    ticket_id      INTEGER NOT NULL REFERENCES tickets(id),
    kind           TEXT NOT NULL CHECK (kind IN ('panel', 'mediation')),
    state          TEXT NOT NULL CHECK (state IN ('frozen', 'drawn', 'final')),
    created_at     TEXT NOT NULL,
    created_by     TEXT NOT NULL,
    panel_size     INTEGER NOT NULL,
    alternates     INTEGER NOT NULL,
    strikes        INTEGER NOT NULL,
    minimums       TEXT NOT NULL DEFAULT '',
    pool_size      INTEGER NOT NULL,
    pool_hash      TEXT NOT NULL,
    nonce          TEXT NOT NULL,
    nonce_hash     TEXT NOT NULL,
    seed           TEXT,
    receipt        TEXT,
    receipt_sha256 TEXT
) STRICT;
CREATE INDEX draws_ticket ON draws(ticket_id, id);

CREATE TABLE draw_pool (
    draw_id  INTEGER NOT NULL REFERENCES draws(id),
    rep_id   INTEGER NOT NULL REFERENCES representatives(id),
    name     TEXT NOT NULL,
    category TEXT NOT NULL,
    place    TEXT NOT NULL,
    PRIMARY KEY (draw_id, rep_id)
) STRICT;

CREATE TABLE draw_exclusions (
    draw_id INTEGER NOT NULL REFERENCES draws(id),
    rep_id  INTEGER NOT NULL REFERENCES representatives(id),
    reason  TEXT NOT NULL
) STRICT;

CREATE TABLE draw_parties (
    draw_id    INTEGER NOT NULL REFERENCES draws(id),
    idx        INTEGER NOT NULL,
    label      TEXT NOT NULL,
    salt       TEXT NOT NULL,
    input      TEXT NOT NULL,
    commitment TEXT NOT NULL,
    PRIMARY KEY (draw_id, idx)
) STRICT;

-- The full ordered list; role: panel, alternate (named alternates), rest.
CREATE TABLE draw_order (
    draw_id  INTEGER NOT NULL REFERENCES draws(id),
    position INTEGER NOT NULL,
    rep_id   INTEGER NOT NULL REFERENCES representatives(id),
    PRIMARY KEY (draw_id, position)
) STRICT;

CREATE TABLE draw_strikes (
    draw_id        INTEGER NOT NULL REFERENCES draws(id),
    seq            INTEGER NOT NULL,
    party_idx      INTEGER NOT NULL,
    rep_id         INTEGER NOT NULL REFERENCES representatives(id),
    replacement_id INTEGER NOT NULL REFERENCES representatives(id),
    PRIMARY KEY (draw_id, seq)
) STRICT;
CREATE INDEX draw_strikes_rep ON draw_strikes(rep_id);

-- The final panel of a draw (after strikes), in draw order.
CREATE TABLE draw_panel (
    draw_id  INTEGER NOT NULL REFERENCES draws(id),
    position INTEGER NOT NULL,
    rep_id   INTEGER NOT NULL REFERENCES representatives(id),
    PRIMARY KEY (draw_id, position)
) STRICT;

CREATE TABLE mediations (
    id         INTEGER PRIMARY KEY,
    ticket_id  INTEGER NOT NULL REFERENCES tickets(id),
    draw_id    INTEGER REFERENCES draws(id),
    held_at    TEXT NOT NULL,
    outcome    TEXT NOT NULL CHECK (outcome IN ('agreement', 'hearing', 'issue')),
    terms      TEXT NOT NULL DEFAULT '',
    actor      TEXT NOT NULL
) STRICT;
CREATE INDEX mediations_ticket ON mediations(ticket_id);

CREATE TABLE mediation_members (
    mediation_id INTEGER NOT NULL REFERENCES mediations(id),
    rep_id       INTEGER NOT NULL REFERENCES representatives(id),
    PRIMARY KEY (mediation_id, rep_id)
) STRICT;
CREATE INDEX mediation_members_rep ON mediation_members(rep_id);

CREATE TABLE hearings (
    id          INTEGER PRIMARY KEY,
    ticket_id   INTEGER NOT NULL REFERENCES tickets(id),
    draw_id     INTEGER NOT NULL REFERENCES draws(id),
    date        TEXT NOT NULL,
    place       TEXT NOT NULL,
    host        TEXT NOT NULL,
    state       TEXT NOT NULL CHECK (state IN ('planned', 'open', 'voting', 'closed')),
    tie_rule    TEXT NOT NULL DEFAULT 'no_majority',
    outcome     TEXT,
    to_sign     INTEGER,
    created_at  TEXT NOT NULL,
    closed_at   TEXT,
    version     INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE INDEX hearings_ticket ON hearings(ticket_id);

-- Who sat: the panel as it started (absent members replaced by alternates, recorded).
CREATE TABLE hearing_attendance (
    hearing_id  INTEGER NOT NULL REFERENCES hearings(id),
    rep_id      INTEGER NOT NULL REFERENCES representatives(id),
    present     INTEGER NOT NULL,
    replaces    INTEGER REFERENCES representatives(id),
    PRIMARY KEY (hearing_id, rep_id)
) STRICT;
CREATE INDEX hearing_attendance_rep ON hearing_attendance(rep_id);

CREATE TABLE hearing_notes (
    id         INTEGER PRIMARY KEY,
    hearing_id INTEGER NOT NULL REFERENCES hearings(id),
    phase      TEXT NOT NULL,
    party      TEXT NOT NULL,
    note       TEXT NOT NULL,
    at         TEXT NOT NULL,
    actor      TEXT NOT NULL
) STRICT;
CREATE INDEX hearing_notes_hearing ON hearing_notes(hearing_id, id);

CREATE TABLE hearing_questions (
    hearing_id INTEGER NOT NULL REFERENCES hearings(id),
    idx        INTEGER NOT NULL,
    text       TEXT NOT NULL,
    options    TEXT NOT NULL,
    PRIMARY KEY (hearing_id, idx)
) STRICT;

-- Votes are never edited: a correction is a new row that supersedes the earlier one.
CREATE TABLE hearing_votes (
    id           INTEGER PRIMARY KEY,
    hearing_id   INTEGER NOT NULL REFERENCES hearings(id),
    question_idx INTEGER NOT NULL,
    rep_id       INTEGER NOT NULL REFERENCES representatives(id),
    choice       INTEGER,
    reason       TEXT NOT NULL DEFAULT '',
    at           TEXT NOT NULL,
    actor        TEXT NOT NULL,
    supersedes   INTEGER REFERENCES hearing_votes(id),
    correction   TEXT
) STRICT;
CREATE INDEX hearing_votes_hearing ON hearing_votes(hearing_id, question_idx, rep_id);

CREATE TRIGGER hearing_votes_no_update BEFORE UPDATE ON hearing_votes
BEGIN
    SELECT RAISE(ABORT, 'votes are never edited; record a correction');
END;
