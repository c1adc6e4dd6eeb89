-- One draw per purpose becomes final (src/domain/draw/life.rs, `may_draw_again`): a draw ends
-- when it is abandoned before it is final (with a reason after its reveal) or when the director
-- voids a final one with a reason; only then may the same purpose be drawn again, and the new
-- draw's receipt lists every earlier attempt. The same for the members picked at a visit.
ALTER TABLE draws ADD COLUMN ended_at TEXT;
ALTER TABLE draws ADD COLUMN ended_by TEXT;
ALTER TABLE draws ADD COLUMN end_reason TEXT;
ALTER TABLE visit_picks ADD COLUMN voided_at TEXT;
ALTER TABLE visit_picks ADD COLUMN voided_by TEXT;
ALTER TABLE visit_picks ADD COLUMN void_reason TEXT;
-- A mediator named by hand rather than drawn is recorded as such, with the reason: service
-- counts say which, and a quick draw's mediators cannot be edited into someone never drawn and
-- still count as drawn.
ALTER TABLE mediations ADD COLUMN manual_reason TEXT;
ALTER TABLE mediation_members ADD COLUMN manual INTEGER NOT NULL DEFAULT 0;
