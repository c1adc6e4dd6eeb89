-- A recorded vote is never deleted either (it was already never updated): a correction is a new
-- row that supersedes the earlier one, and the vote and its correction are in the audit log with
-- their choice and reason.
CREATE TRIGGER hearing_votes_no_delete BEFORE DELETE ON hearing_votes
BEGIN
    SELECT RAISE(ABORT, 'votes are never deleted; record a correction');
END;
