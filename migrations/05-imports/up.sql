-- Imports commit in batches so that no desk waits for a long one. Each import is recorded with
-- the SHA-256 of its file: an import cut short (a killed process, a full disk) resumes where it
-- stopped when the same file is imported again, and a file already imported is refused.
CREATE TABLE imports (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind IN ('reps', 'members', 'households')),
    sha256      TEXT NOT NULL,
    total       INTEGER NOT NULL,
    done        INTEGER NOT NULL DEFAULT 0,
    started_at  TEXT NOT NULL,
    finished_at TEXT,
    actor       TEXT NOT NULL
) STRICT;
CREATE INDEX imports_file ON imports(kind, sha256);
