-- 诉求通报 (issue 10) reads the petitions of its period and the 90 days before it (repeats look
-- back that far): their day, channel, category, place, whether collective and number, and their
-- petitioners' mobiles and ID numbers; it names the repeat and collective petitions of its
-- period (first petitioner, summary, head count). Both indexes hold every column read, so that
-- the window is two index ranges and not a lookup of each ticket's and each petitioner's whole
-- row (from a cold cache that took 600 ms for four months at 270 petitions a day). The summary
-- is a short line (the intake caps it), so the index stays a fraction of the table.
DROP INDEX tickets_received;
CREATE INDEX tickets_received
    ON tickets(received_at, channel, category_id, place_id, collective, year, seq, head_count,
               petitioner_names, summary);
CREATE INDEX petitioners_keys ON petitioners(ticket_id, mobile, resident_id);
