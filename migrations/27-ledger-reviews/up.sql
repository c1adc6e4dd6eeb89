-- Issue 12 §2: 台账 summaries that are reviewed, and the half-year report heard.
-- A place's (a community's, or the township's) ledger summary for one month: submitted by the
-- desk (who, when, the figures as submitted), then reviewed by a principal district leader
-- (区委书记 or 区长) with comments, recorded by the desk in the leader's name, as 下单 is.
CREATE TABLE ledger_summaries (
    id           INTEGER PRIMARY KEY,
    place_id     INTEGER NOT NULL REFERENCES places(id),
    period_from  TEXT NOT NULL,
    period_to    TEXT NOT NULL,
    figures      TEXT NOT NULL,
    submitted_by TEXT NOT NULL,
    submitted_at TEXT NOT NULL,
    reviewer_id  INTEGER REFERENCES leaders(id),
    comments     TEXT NOT NULL DEFAULT '',
    reviewed_by  TEXT,
    reviewed_at  TEXT,
    version      INTEGER NOT NULL DEFAULT 1,
    UNIQUE (place_id, period_from)
) STRICT;

-- 每半年听取汇报: the district committee heard the half-year report (date, meeting, remarks).
CREATE TABLE half_year_hearings (
    year        INTEGER NOT NULL,
    half        INTEGER NOT NULL CHECK (half IN (1, 2)),
    heard_on    TEXT NOT NULL,
    meeting     TEXT NOT NULL,
    remarks     TEXT NOT NULL DEFAULT '',
    recorded_by TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    PRIMARY KEY (year, half)
) STRICT;

CREATE INDEX visits_place_date ON visits(place_id, date);
