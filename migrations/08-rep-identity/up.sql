-- One person is one representative (src/store/roster.rs, `refuse_same_person`): the roster keeps
-- an optional resident ID, and a second entry with the same resident ID, or the same name and
-- mobile, is refused on add, edit and import. The indexes make that lookup cheap; they are not
-- UNIQUE because a roster written before this migration may hold a person twice, which a draw's
-- pool then takes once (the lower 编号).
ALTER TABLE representatives ADD COLUMN resident_id TEXT;
CREATE INDEX reps_resident_id ON representatives(resident_id) WHERE resident_id IS NOT NULL;
CREATE INDEX reps_name_mobile ON representatives(name, mobile);
