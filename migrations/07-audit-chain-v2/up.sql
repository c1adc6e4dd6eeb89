-- Audit chain version 2 (src/domain/audit.rs, docs/audit.md): an event's hash covers every
-- column of its row, the ticket, the actor's staff id and the department included. Events
-- written before this migration keep version 1 and still verify under it; the first version-2
-- event is the upgrade event that names the last version-1 event and its hash (written when the
-- store opens, since SQL cannot hash). No later event may be written in version 1.
ALTER TABLE audit_log ADD COLUMN chain INTEGER NOT NULL DEFAULT 1;
