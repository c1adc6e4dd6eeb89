-- Issue 11: every plausible reading of a name is a search key (`domain::pinyin::name_keys`:
-- 长 c/z, 乐 y/l, 单 s/c/d …), so that initials typed by either reading find the person. One
-- row per key of each representative ('rep') and Party member ('member'); written with the
-- person's row (`store::names::set_keys`). `name_initials` keeps the preferred reading.
CREATE TABLE name_keys (
    kind  TEXT NOT NULL CHECK (kind IN ('rep', 'member')),
    key   TEXT NOT NULL,
    owner INTEGER NOT NULL,
    PRIMARY KEY (kind, key, owner)
) STRICT, WITHOUT ROWID;

CREATE INDEX name_keys_owner ON name_keys(kind, owner);

-- Filled (and `name_initials` recomputed with the current readings) when the database is next
-- opened (`store::names::fill`).
INSERT INTO meta (key, value) VALUES ('name_keys', 'pending')
    ON CONFLICT (key) DO UPDATE SET value = 'pending';

-- The tickets' search tokens gain the other readings of their petitioners' names: re-indexed
-- in batches from the ticket after this id (`store::names::fill_tickets`; 'built' when done).
INSERT INTO meta (key, value) VALUES ('name_keys_tickets', '0')
    ON CONFLICT (key) DO UPDATE SET value = '0';
