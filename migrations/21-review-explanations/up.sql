-- 年度述职评议 (issue 10): the explanation recorded for each exception of a leader's or a
-- department's year (a missed visit, an overdue petition, a result reported late …), after
-- the document is printed. One current text per exception; every change is an audited event
-- (`review_explained`), so the history of an explanation is the log's.
CREATE TABLE review_explanations (
    id           INTEGER PRIMARY KEY,
    year         INTEGER NOT NULL,
    subject_kind TEXT NOT NULL CHECK (subject_kind IN ('leader', 'department')),
    subject_id   INTEGER NOT NULL,
    exception    TEXT NOT NULL,
    text         TEXT NOT NULL,
    recorded_by  TEXT NOT NULL,
    recorded_at  TEXT NOT NULL,
    UNIQUE (year, subject_kind, subject_id, exception)
) STRICT;
