//! Draws (抽签) as they happen: frozen pool, revealed order, strikes, final receipt. Each step
//! is one audited transaction, so an abandoned or repeated draw is always visible.

use crate::text::T;
use chrono::{NaiveDate, NaiveDateTime};
use rand::{Rng, RngExt, TryRng};
use rusqlite::{OptionalExtension, params};

use super::audit::{NewEvent, append};
use super::{Result, Store, StoreError, fmt_date, fmt_time};
use crate::domain::Problem;
use crate::domain::audit::payload_json;
use crate::domain::draw::{
    self, Candidate, DrawKind, DrawMove, DrawState, Minimum, PartyInput, Settings, Strike,
    decide_draw,
};
use crate::domain::hex;
use crate::domain::roles::{Act, Actor, can_see, may};
use crate::domain::roster::RepCategory;
use crate::domain::vocab::State;

pub use crate::records::draws::{DrawRecord, DrawSummary, PoolReport};

/// Fresh randomness from the operating system, for nonces and salts.
pub fn os_random(n: usize) -> Vec<u8> {
    let mut v = vec![0u8; n];
    let mut rng = rand::rngs::SysRng;
    if rng.try_fill_bytes(&mut v).is_err() {
        // Fall back to the thread generator (seeded from the OS).
        rand::rng().fill_bytes(&mut v);
    }
    v
}

pub use crate::domain::draw::DEFAULT_MAX_HEARINGS;

fn encode_minimums(m: &[Minimum]) -> String {
    m.iter()
        .map(|m| {
            format!(
                "{}:{}",
                m.count,
                m.categories
                    .iter()
                    .map(|c| c.code())
                    .collect::<Vec<_>>()
                    .join(",")
            )
        })
        .collect::<Vec<_>>()
        .join(";")
}

/// The minimums as stored (`2:npc_deputy,cppcc;1:lawyer`); anything else is an error naming the
/// draw and the value, never a minimum quietly dropped.
fn decode_minimums(s: &str, draw_id: i64) -> Result<Vec<Minimum>> {
    let bad = || StoreError::Db(super::DbError::unknown("draws", draw_id, "minimums", s));
    s.split(';')
        .filter(|x| !x.is_empty())
        .map(|x| {
            let (n, cats) = x.split_once(':').ok_or_else(bad)?;
            Ok(Minimum {
                count: n.parse().map_err(|_| bad())?,
                categories: cats
                    .split(',')
                    .map(|c| RepCategory::from_code(c).ok_or_else(bad))
                    .collect::<Result<_>>()?,
            })
        })
        .collect()
}

/// The ticket a deliberation step acts on: visible, and waiting for 民事民议.
fn deliberation_ticket(
    c: &rusqlite::Connection,
    actor: &Actor,
    ticket_id: i64,
) -> Result<(String, i64)> {
    let row: Option<(i32, i64, String, i64, Option<i64>)> = c
        .query_row(
            "SELECT year, seq, state, center_id, department_id FROM tickets WHERE id = ?1",
            [ticket_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )
        .optional()?;
    let Some((year, seq, state, center, dept)) = row else {
        return Err(StoreError::NotFound(Problem::of(T::NoSuchTicket)));
    };
    if !can_see(actor, center, dept) {
        return Err(StoreError::NotFound(Problem::of(T::NoSuchTicket)));
    }
    if State::from_code(&state) != Some(State::AwaitingDeliberation) {
        return Err(StoreError::Refused(Problem::of(
            T::OnlyTicketAwaitingDeliberationCan,
        )));
    }
    Ok((crate::domain::ticket_number(year, seq), ticket_id))
}

impl Store {
    /// The eligible pool on `today`: active representatives within their term, without the
    /// excluded ones, and resting those who sat in `max_hearings` or more hearings in the last
    /// 12 months unless that makes the draw infeasible.
    pub fn eligible_pool(
        &self,
        today: NaiveDate,
        exclusions: &[(i64, String)],
        settings: &Settings,
        parties: usize,
        max_hearings: i64,
    ) -> Result<PoolReport> {
        let d = fmt_date(today);
        let year_ago = fmt_date(draw::rest_window_start(today));
        let mut stmt = self.conn().prepare_cached(
            "SELECT r.id, r.name, r.category, IFNULL(p.name, ''),
                    (SELECT count(*) FROM hearing_attendance a JOIN hearings h ON h.id = a.hearing_id
                      WHERE a.rep_id = r.id AND a.present = 1 AND h.state != 'planned' AND h.date >= ?2),
                    r.mobile, r.resident_id
             FROM representatives r LEFT JOIN places p ON p.id = r.place_id
             WHERE r.status = 'active' AND r.term_start <= ?1 AND r.term_end >= ?1
             ORDER BY r.id",
        )?;
        let rows: Vec<(Candidate, i64, String, Option<String>)> = stmt
            .query_map(params![d, year_ago], |r| {
                Ok((
                    Candidate {
                        id: r.get(0)?,
                        name: r.get(1)?,
                        category: RepCategory::from_code(&r.get::<_, String>(2)?)
                            .unwrap_or(RepCategory::ResidentRep),
                        place: r.get(3)?,
                    },
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                ))
            })?
            .collect::<rusqlite::Result<_>>()?;
        // One person is in the pool once, however often the roster names them (a roster
        // written before one person was one entry): the later entries are excluded, saying why.
        let people: Vec<(i64, &str, &str, Option<&str>)> = rows
            .iter()
            .map(|(c, _, m, rid)| (c.id, c.name.as_str(), m.as_str(), rid.as_deref()))
            .collect();
        let twice = crate::domain::roster::second_entries(&people);
        let mut excluded = vec![];
        let mut all = vec![];
        for (c, n, _, _) in rows {
            match twice.iter().find(|(id, _)| *id == c.id) {
                Some((_, first)) => excluded.push((
                    c.id,
                    c.name.clone(),
                    T::SamePersonAsNumber.fill(crate::domain::Lang::Zh, &[first]),
                )),
                None => all.push((c, n)),
            }
        }
        let not_excluded: Vec<(Candidate, i64)> = all
            .into_iter()
            .filter(
                |(c, _)| match exclusions.iter().find(|(id, _)| *id == c.id) {
                    Some((_, reason)) => {
                        excluded.push((c.id, c.name.clone(), reason.clone()));
                        false
                    }
                    None => true,
                },
            )
            .collect();
        let r = draw::apply_rest(not_excluded, max_hearings, settings, parties);
        Ok(PoolReport {
            pool: r.pool,
            excluded,
            rested: r.rested,
            rest_relaxed: r.relaxed,
        })
    }

    /// Freezes the pool and commits the desk's nonce: the draw exists from here on.
    #[allow(clippy::too_many_arguments)]
    pub fn freeze_draw(
        &mut self,
        actor: &Actor,
        ticket_id: i64,
        kind: DrawKind,
        settings: &Settings,
        parties: usize,
        report: &PoolReport,
        nonce: &[u8],
        now: NaiveDateTime,
    ) -> Result<i64> {
        may(actor, Act::Deliberate)?;
        draw::feasibility(&report.pool, settings, parties)?;
        let at = fmt_time(now);
        let ph = hex(&draw::pool_hash(&report.pool));
        let nh = hex(&draw::nonce_hash(nonce));
        self.write(|tx| {
            let (number, _) = deliberation_ticket(tx, actor, ticket_id)?;
            // One draw per purpose becomes final: another needs the first voided.
            draw::may_draw_again(kind, &earlier_draws(tx, ticket_id, kind, i64::MAX)?)?;
            tx.execute(
                "INSERT INTO draws (ticket_id, kind, state, created_at, created_by, panel_size, alternates, strikes, minimums, pool_size, pool_hash, nonce, nonce_hash)
                 VALUES (?1, ?2, 'frozen', ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                params![
                    ticket_id,
                    kind.code(),
                    at,
                    actor.name,
                    settings.panel_size,
                    settings.alternates,
                    settings.strikes_per_party,
                    encode_minimums(&settings.minimums),
                    report.pool.len() as i64,
                    ph,
                    // Until the reveal only the nonce's commitment is stored: another desk
                    // reading the file cannot learn the nonce and foresee the draw.
                    "",
                    nh
                ],
            )?;
            let id = super::inserted_id(tx);
            let mut ins = tx.prepare_cached("INSERT INTO draw_pool (draw_id, rep_id, name, category, place) VALUES (?1, ?2, ?3, ?4, ?5)")?;
            for c in &report.pool {
                ins.execute(params![id, c.id, c.name, c.category.code(), c.place])?;
            }
            for (rep, _, reason) in &report.excluded {
                tx.execute("INSERT INTO draw_exclusions (draw_id, rep_id, reason) VALUES (?1, ?2, ?3)", params![id, rep, reason])?;
            }
            // Those resting are listed with why, so that the pool's completeness can be checked
            // from the receipt (unless the rule was set aside and they are in the pool).
            for (rep, _, n) in &report.rested {
                if !report.pool.iter().any(|c| c.id == *rep) {
                    let why = T::RestedFromThePool.fill(crate::domain::Lang::Zh, &[n]);
                    tx.execute("INSERT INTO draw_exclusions (draw_id, rep_id, reason) VALUES (?1, ?2, ?3)", params![id, rep, why])?;
                }
            }
            let mut e = NewEvent::by(actor, &at, format!("draw:{id}"), "draw_frozen");
            e.ticket_id = Some(ticket_id);
            e.note = format!("{number} {}", kind.zh());
            e.payload = payload_json(&[("pool_size", report.pool.len().to_string()), ("pool_hash", ph.clone()), ("nonce_hash", nh.clone())]);
            append(tx, e)?;
            Ok(id)
        })
    }

    /// Reveals: every party's input is in; the seed, the order and the panel are computed and
    /// stored.
    pub fn reveal_draw(
        &mut self,
        actor: &Actor,
        draw_id: i64,
        nonce: &[u8],
        parties: &[PartyInput],
        now: NaiveDateTime,
    ) -> Result<DrawRecord> {
        may(actor, Act::Deliberate)?;
        let at = fmt_time(now);
        self.write(|tx| {
            let d = load_draw(tx, draw_id)?;
            draw::refuse_ended(&d.ended)?;
            let to = decide_draw(d.state, &DrawMove::Reveal)?;
            deliberation_ticket(tx, actor, d.ticket_id)?;
            if hex(&draw::nonce_hash(nonce)) != d.nonce_hash {
                return Err(StoreError::Refused(Problem::of(T::NonceDoesNotMatchItsCommitment)));
            }
            // Each input must be the one whose commitment was recorded when it was shown.
            let recorded = recorded_commitments(tx, d.ticket_id, draw_id)?;
            for (i, p) in parties.iter().enumerate() {
                let c = hex(&draw::commitment(&p.salt, &p.input));
                if recorded.get(&(i + 1)) != Some(&c) {
                    return Err(StoreError::Refused(Problem::fill(T::PartyCommitmentNotRecorded, &[&crate::domain::text::for_terminal(&p.label)])));
                }
            }
            tx.execute("UPDATE draws SET nonce = ?2 WHERE id = ?1", params![draw_id, hex(nonce)])?;
            let ph = draw::pool_hash(&d.pool);
            let sd = draw::seed(&ph, &d.case, nonce, parties);
            let order = draw::order(d.pool.len(), &sd);
            let panel = draw::select(&order, &d.pool, &d.settings);
            for (i, p) in parties.iter().enumerate() {
                tx.execute(
                    "INSERT INTO draw_parties (draw_id, idx, label, salt, input, commitment) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                    params![draw_id, i as i64, p.label, hex(&p.salt), p.input, hex(&draw::commitment(&p.salt, &p.input))],
                )?;
            }
            let mut ins = tx.prepare_cached("INSERT INTO draw_order (draw_id, position, rep_id) VALUES (?1, ?2, ?3)")?;
            for (pos, i) in order.iter().enumerate() {
                ins.execute(params![draw_id, pos as i64, d.pool[*i].id])?;
            }
            tx.execute("UPDATE draws SET state = ?3, seed = ?2 WHERE id = ?1", params![draw_id, hex(&sd), to.code()])?;
            let mut e = NewEvent::by(actor, &at, format!("draw:{draw_id}"), "draw_revealed");
            e.ticket_id = Some(d.ticket_id);
            let panel_ids: Vec<String> = panel.iter().map(|i| d.pool[*i].id.to_string()).collect();
            e.payload = payload_json(&[("seed", hex(&sd)), ("panel", panel_ids.join(","))]);
            append(tx, e)?;
            load_draw(tx, draw_id)
        })
    }

    /// Abandons a draw not made final (leaving the draw screen): after the reveal with the
    /// clerk's reason; before it, with the reason that the nonce is gone.
    pub fn abandon_draw(
        &mut self,
        actor: &Actor,
        draw_id: i64,
        reason: &str,
        now: NaiveDateTime,
    ) -> Result<()> {
        may(actor, Act::Deliberate)?;
        let reason = crate::domain::text::clean_input(reason, 200, false, true)
            .map_err(|p| p.in_field(T::WhyField))?;
        let at = fmt_time(now);
        self.write(|tx| {
            let d = load_draw(tx, draw_id)?;
            draw::may_abandon(d.state, &ended(tx, draw_id)?)?;
            end_draw(tx, actor, &d, "draw_abandoned", &reason, &at)
        })
    }

    /// The director voids a final draw, with a reason, so that its purpose may be drawn again
    /// (the new draw's receipt lists it).
    pub fn void_draw(
        &mut self,
        actor: &Actor,
        draw_id: i64,
        reason: &str,
        now: NaiveDateTime,
    ) -> Result<()> {
        let reason = crate::domain::text::clean_input(reason, 200, false, true)
            .map_err(|p| p.in_field(T::WhyField))?;
        let at = fmt_time(now);
        self.write(|tx| {
            let d = load_draw(tx, draw_id)?;
            let hearing: Option<i64> = tx
                .query_row(
                    "SELECT id FROM hearings WHERE draw_id = ?1 LIMIT 1",
                    [draw_id],
                    |r| r.get(0),
                )
                .optional()?;
            draw::may_void(
                d.state,
                &ended(tx, draw_id)?,
                hearing,
                crate::domain::roles::can(actor, Act::VoidDraw),
            )?;
            end_draw(tx, actor, &d, "draw_voided", &reason, &at)
        })
    }

    /// The final draw of a ticket that stands (not voided, not used by a mediation), if any:
    /// what the director would void.
    pub fn standing_draw(&self, ticket_id: i64) -> Result<Option<DrawRecord>> {
        for kind in [DrawKind::Panel, DrawKind::Mediation] {
            if let Some(d) = self.standing_draw_of(ticket_id, kind)? {
                return Ok(Some(d));
            }
        }
        Ok(None)
    }

    /// The final draw of a ticket for one purpose that stands, if any.
    pub fn standing_draw_of(&self, ticket_id: i64, kind: DrawKind) -> Result<Option<DrawRecord>> {
        match earlier_draws(self.conn(), ticket_id, kind, i64::MAX)?
            .into_iter()
            .find(|e| e.stands())
        {
            Some(e) => Ok(Some(load_draw(self.conn(), e.id)?)),
            None => Ok(None),
        }
    }

    /// Records a party's commitment as the screen shows it, before the reveal: the reveal then
    /// accepts only the input that gives it.
    pub fn commit_draw_party(
        &mut self,
        actor: &Actor,
        draw_id: i64,
        idx: usize,
        label: &str,
        commitment: &str,
        now: NaiveDateTime,
    ) -> Result<()> {
        may(actor, Act::Deliberate)?;
        let at = fmt_time(now);
        self.write(|tx| {
            let d = load_draw(tx, draw_id)?;
            draw::refuse_ended(&d.ended)?;
            decide_draw(d.state, &DrawMove::Reveal)?;
            let mut e = NewEvent::by(actor, &at, format!("draw:{draw_id}"), "draw_commit");
            e.ticket_id = Some(d.ticket_id);
            e.note = label.to_string();
            e.payload = payload_json(&[
                ("party", (idx + 1).to_string()),
                ("label", label.to_string()),
                ("commitment", commitment.to_string()),
            ]);
            append(tx, e)?;
            Ok(())
        })
    }

    /// A party strikes a panel member, replaced by the next eligible alternate.
    pub fn strike_draw(
        &mut self,
        actor: &Actor,
        draw_id: i64,
        party: usize,
        rep_id: i64,
        now: NaiveDateTime,
    ) -> Result<DrawRecord> {
        may(actor, Act::Deliberate)?;
        let at = fmt_time(now);
        self.write(|tx| {
            let d = load_draw(tx, draw_id)?;
            draw::refuse_ended(&d.ended)?;
            let labels: Vec<String> = d.parties.iter().map(|p| p.label.clone()).collect();
            let used = d.strikes.iter().filter(|s| s.party == party).count() as u32;
            decide_draw(d.state, &DrawMove::Strike { party, parties: &labels, used, per_party: d.settings.strikes_per_party })?;
            let (order, panel, struck) = d.positions();
            let member = d.pool.iter().position(|c| c.id == rep_id).ok_or_else(|| StoreError::Refused(Problem::of(T::NotInPool)))?;
            let (_, r) = draw::strike(&order, &d.pool, &d.settings, &panel, &struck, member)?;
            let replacement = d.pool[r].id;
            tx.execute(
                "INSERT INTO draw_strikes (draw_id, seq, party_idx, rep_id, replacement_id) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![draw_id, d.strikes.len() as i64, party as i64, rep_id, replacement],
            )?;
            let mut e = NewEvent::by(actor, &at, format!("draw:{draw_id}"), "draw_strike");
            e.ticket_id = Some(d.ticket_id);
            e.note = format!("{}排除{}，由{}递补", d.parties[party].label, d.name(rep_id), d.name(replacement));
            e.payload = payload_json(&[("party", (party + 1).to_string()), ("member", rep_id.to_string()), ("replacement", replacement.to_string())]);
            append(tx, e)?;
            load_draw(tx, draw_id)
        })
    }

    /// Makes the draw final: the panel is fixed and the receipt stored (its hash audited).
    pub fn finalize_draw(
        &mut self,
        actor: &Actor,
        draw_id: i64,
        now: NaiveDateTime,
    ) -> Result<DrawRecord> {
        may(actor, Act::Deliberate)?;
        let at = fmt_time(now);
        self.write(|tx| {
            let mut d = load_draw(tx, draw_id)?;
            draw::refuse_ended(&d.ended)?;
            let to = decide_draw(d.state, &DrawMove::Finalize)?;
            d.earlier = earlier_draws(tx, d.ticket_id, d.kind, draw_id)?;
            let receipt = d.receipt();
            receipt.verify()?;
            let text = receipt.render();
            let sha = text
                .lines()
                .last()
                .and_then(|l| l.strip_prefix("receipt_sha256: "))
                .unwrap_or("")
                .to_string();
            for (pos, id) in receipt.final_panel.iter().enumerate() {
                tx.execute(
                    "INSERT INTO draw_panel (draw_id, position, rep_id) VALUES (?1, ?2, ?3)",
                    params![draw_id, pos as i64, id],
                )?;
            }
            tx.execute(
                "UPDATE draws SET state = ?4, receipt = ?2, receipt_sha256 = ?3 WHERE id = ?1",
                params![draw_id, text, sha, to.code()],
            )?;
            let mut e = NewEvent::by(actor, &at, format!("draw:{draw_id}"), "draw_final");
            e.ticket_id = Some(d.ticket_id);
            e.payload = payload_json(&[("receipt_sha256", sha)]);
            append(tx, e)?;
            load_draw(tx, draw_id)
        })
    }

    /// The receipt checksum the `draw_final` event of a draw recorded, if it was made final.
    pub fn draw_final_checksum(&self, draw_id: i64) -> Result<Option<String>> {
        use rusqlite::OptionalExtension;
        let payload: Option<String> = self
            .conn()
            .query_row(
                "SELECT payload FROM audit_log
                 WHERE ticket_id = (SELECT ticket_id FROM draws WHERE id = ?1)
                   AND subject = 'draw:' || ?1 AND kind = 'draw_final'
                 ORDER BY id DESC LIMIT 1",
                [draw_id],
                |r| r.get(0),
            )
            .optional()?;
        Ok(payload.and_then(|p| {
            crate::domain::audit::payload_pairs(&p)
                .into_iter()
                .find(|(k, _)| k == "receipt_sha256")
                .map(|(_, v)| v)
        }))
    }

    /// A final draw's stored receipt, refused when it is not the one its final event recorded.
    pub fn checked_receipt(&self, draw_id: i64) -> Result<Option<String>> {
        let d = self.draw(draw_id)?;
        let Some(text) = d.receipt else {
            return Ok(None);
        };
        let own = crate::domain::replay::receipt_checksum(&text);
        let recorded = self.draw_final_checksum(draw_id)?.unwrap_or_default();
        let holds = crate::domain::draw::Receipt::parse(&text).is_ok();
        if !holds || own != recorded {
            return Err(StoreError::Refused(Problem::fill(
                T::ReceiptDiffersFromItsEvent,
                &[&draw_id, &own, &recorded],
            )));
        }
        Ok(Some(text))
    }

    pub fn draw(&self, draw_id: i64) -> Result<DrawRecord> {
        load_draw(self.conn(), draw_id)
    }

    /// Draws, newest first: (id, ticket number, created, kind, state).
    pub fn draws_list(&self, limit: usize) -> Result<Vec<DrawSummary>> {
        let mut stmt = self.conn().prepare(
            "SELECT d.id, printf('%d-%06d', t.year, t.seq), d.created_at, d.kind, d.state FROM draws d JOIN tickets t ON t.id = d.ticket_id ORDER BY d.id DESC LIMIT ?1",
        )?;
        let rows = stmt.query_map([limit as i64], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                super::code(r, 3, "draws", DrawKind::from_code)?,
                super::code(r, 4, "draws", DrawState::from_code)?,
            ))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The draws of one ticket, oldest first.
    pub fn ticket_draws(&self, ticket_id: i64) -> Result<Vec<DrawRecord>> {
        let ids: Vec<i64> = self
            .conn()
            .prepare_cached("SELECT id FROM draws WHERE ticket_id = ?1 ORDER BY id")?
            .query_map([ticket_id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        ids.into_iter().map(|id| self.draw(id)).collect()
    }
}

fn hex_decode(s: &str) -> Vec<u8> {
    (0..s.len() / 2)
        .filter_map(|i| u8::from_str_radix(&s[2 * i..2 * i + 2], 16).ok())
        .collect()
}

/// How a draw ended, if it did.
fn ended(c: &rusqlite::Connection, draw_id: i64) -> Result<draw::Ended> {
    Ok(c.query_row(
        "SELECT ended_at, ended_by, end_reason FROM draws WHERE id = ?1",
        [draw_id],
        |r| {
            Ok(
                match (
                    r.get::<_, Option<String>>(0)?,
                    r.get::<_, Option<String>>(1)?,
                    r.get::<_, Option<String>>(2)?,
                ) {
                    (Some(at), Some(by), why) => Some((at, by, why.unwrap_or_default())),
                    _ => None,
                },
            )
        },
    )?)
}

fn end_draw(
    tx: &rusqlite::Transaction,
    actor: &Actor,
    d: &DrawRecord,
    kind: &str,
    reason: &str,
    at: &str,
) -> Result<()> {
    tx.execute(
        "UPDATE draws SET ended_at = ?2, ended_by = ?3, end_reason = ?4 WHERE id = ?1",
        params![d.id, at, actor.name, reason],
    )?;
    let mut e = NewEvent::by(actor, at, format!("draw:{}", d.id), kind);
    e.ticket_id = Some(d.ticket_id);
    e.note = reason.to_string();
    append(tx, e)?;
    Ok(())
}

/// The draws of a ticket for one purpose made before `before`, oldest first.
pub(crate) fn earlier_draws(
    c: &rusqlite::Connection,
    ticket_id: i64,
    kind: DrawKind,
    before: i64,
) -> Result<Vec<draw::Earlier>> {
    let ids: Vec<i64> = c
        .prepare_cached(
            "SELECT id FROM draws WHERE ticket_id = ?1 AND kind = ?2 AND id < ?3 ORDER BY id",
        )?
        .query_map(params![ticket_id, kind.code(), before], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut out = vec![];
    for id in ids {
        let d = load_draw_only(c, id)?;
        let used: bool = c.query_row(
            "SELECT EXISTS (SELECT 1 FROM mediations WHERE draw_id = ?1)",
            [id],
            |r| r.get(0),
        )?;
        out.push(draw::Earlier {
            id,
            state: d.state,
            created: d.created_at.clone(),
            seed: d.seed.clone().unwrap_or_default(),
            panel: d.current_panel(),
            ended: ended(c, id)?.map(|(_, _, why)| why),
            used,
        });
    }
    Ok(out)
}

/// The commitments recorded for a draw, by party number (1-based); the latest for each.
fn recorded_commitments(
    c: &rusqlite::Connection,
    ticket_id: i64,
    draw_id: i64,
) -> Result<std::collections::HashMap<usize, String>> {
    let mut out = std::collections::HashMap::new();
    let mut stmt = c.prepare_cached(
        "SELECT payload FROM audit_log WHERE ticket_id = ?1 AND subject = ?2 AND kind = 'draw_commit' ORDER BY id",
    )?;
    let rows = stmt.query_map(params![ticket_id, format!("draw:{draw_id}")], |r| {
        r.get::<_, String>(0)
    })?;
    for p in rows {
        let pairs = crate::domain::audit::payload_pairs(&p?);
        let get = |k: &str| {
            pairs
                .iter()
                .find(|(key, _)| key == k)
                .map(|(_, v)| v.clone())
        };
        if let (Some(n), Some(c)) = (get("party").and_then(|n| n.parse().ok()), get("commitment")) {
            out.insert(n, c);
        }
    }
    Ok(out)
}

/// A draw and how it ended. The earlier draws for its purpose, which only its receipt lists,
/// are read when it is made final (`finalize_draw`), not with every step.
pub(crate) fn load_draw(c: &rusqlite::Connection, id: i64) -> Result<DrawRecord> {
    let mut d = load_draw_only(c, id)?;
    d.ended = ended(c, id)?;
    Ok(d)
}

/// A draw as stored, without the earlier draws.
fn load_draw_only(c: &rusqlite::Connection, id: i64) -> Result<DrawRecord> {
    type Head = (
        i64,
        i32,
        i64,
        String,
        String,
        String,
        String,
        u32,
        u32,
        u32,
        String,
        String,
        String,
        String,
        Option<String>,
        Option<String>,
    );
    let head: Option<Head> = c
        .query_row(
            "SELECT d.ticket_id, t.year, t.seq, d.kind, d.state, d.created_at, d.created_by, d.panel_size, d.alternates, d.strikes,
                    d.minimums, d.pool_hash, d.nonce, d.nonce_hash, d.seed, d.receipt
             FROM draws d JOIN tickets t ON t.id = d.ticket_id WHERE d.id = ?1",
            [id],
            |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                    r.get(7)?,
                    r.get(8)?,
                    r.get(9)?,
                    r.get(10)?,
                    r.get(11)?,
                    r.get(12)?,
                    r.get(13)?,
                    r.get(14)?,
                    r.get(15)?,
                ))
            },
        )
        .optional()?;
    let Some((
        ticket_id,
        year,
        seq,
        kind,
        state,
        created_at,
        created_by,
        panel_size,
        alternates,
        strikes_per_party,
        minimums,
        pool_hash,
        nonce,
        nonce_hash,
        seed,
        receipt,
    )) = head
    else {
        return Err(StoreError::NotFound(Problem::fill(T::NoDraw, &[&id])));
    };
    let pool: Vec<Candidate> = c
        .prepare_cached("SELECT rep_id, name, category, place FROM draw_pool WHERE draw_id = ?1 ORDER BY rep_id")?
        .query_map([id], |r| {
            Ok(Candidate {
                id: r.get(0)?,
                name: r.get(1)?,
                category: crate::store::code(r, 2, "draw_pool", RepCategory::from_code)?,
                place: r.get(3)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let exclusions = c
        .prepare_cached(
            "SELECT rep_id, reason FROM draw_exclusions WHERE draw_id = ?1 ORDER BY rep_id",
        )?
        .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let rows: Vec<(PartyInput, String)> = c
        .prepare_cached(
            "SELECT label, salt, input, commitment FROM draw_parties WHERE draw_id = ?1 ORDER BY idx",
        )?
        .query_map([id], |r| {
            Ok((
                PartyInput {
                    label: r.get(0)?,
                    salt: hex_decode(&r.get::<_, String>(1)?),
                    input: r.get(2)?,
                },
                r.get(3)?,
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let (parties, commitments): (Vec<PartyInput>, Vec<String>) = rows.into_iter().unzip();
    let order: Vec<i64> = c
        .prepare_cached("SELECT rep_id FROM draw_order WHERE draw_id = ?1 ORDER BY position")?
        .query_map([id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let strikes: Vec<Strike> = c
        .prepare_cached("SELECT party_idx, rep_id, replacement_id FROM draw_strikes WHERE draw_id = ?1 ORDER BY seq")?
        .query_map([id], |r| Ok(Strike { party: r.get::<_, i64>(0)? as usize, member: r.get(1)?, replacement: r.get(2)? }))?
        .collect::<rusqlite::Result<_>>()?;
    let settings = Settings {
        panel_size,
        alternates,
        strikes_per_party,
        minimums: decode_minimums(&minimums, id)?,
    };
    let mut rec = DrawRecord {
        id,
        ticket_id,
        case: crate::domain::ticket_number(year, seq),
        kind: DrawKind::from_code(&kind)
            .ok_or_else(|| StoreError::Db(super::DbError::unknown("draws", id, "kind", &kind)))?,
        state: DrawState::from_code(&state)
            .ok_or_else(|| StoreError::Db(super::DbError::unknown("draws", id, "state", &state)))?,
        created_at,
        created_by,
        settings,
        pool,
        pool_hash,
        nonce,
        nonce_hash,
        exclusions,
        parties,
        commitments,
        earlier: vec![],
        ended: None,
        seed,
        order,
        panel: vec![],
        strikes,
        final_panel: vec![],
        receipt,
    };
    if !rec.order.is_empty() {
        let pos = |rid: &i64| rec.pool.iter().position(|c| c.id == *rid).unwrap_or(0);
        let order_pos: Vec<usize> = rec.order.iter().map(pos).collect();
        rec.panel = draw::select(&order_pos, &rec.pool, &rec.settings)
            .iter()
            .map(|i| rec.pool[*i].id)
            .collect();
        rec.final_panel = rec.current_panel();
    }
    Ok(rec)
}

/// A salt per party, from the operating system.
pub fn salts(n: usize) -> Vec<Vec<u8>> {
    (0..n).map(|_| os_random(16)).collect()
}

/// A helper for one-off use: a fresh nonce.
pub fn nonce() -> Vec<u8> {
    let mut v = os_random(32);
    // Guard against an all-zero buffer if the OS RNG failed silently.
    if v.iter().all(|b| *b == 0) {
        v = rand::rng().random::<[u8; 32]>().to_vec();
    }
    v
}
