//! Reads each aggregate's rows beside its events for `domain::replay`, which decides whether
//! they agree. Streams: tickets and their moves are merged in id order, never loaded whole.

use std::collections::HashMap;

use super::{Result, Store, code};
use crate::domain::replay::{self, DrawRow, Recorded, Step, VoteRow};
use crate::domain::vocab::State;
use crate::domain::{Arg, Problem, ticket_number};
use crate::text::T;

/// What a replay compared and what disagreed.
#[derive(Debug, Clone, Default)]
pub struct Replay {
    pub tickets: usize,
    pub draws: usize,
    pub votes: usize,
    pub visits: usize,
    pub assignments: usize,
    /// Every row whose state disagrees with its history.
    pub problems: Vec<Problem>,
}

impl Store {
    /// Replays the audit log against the rows of tickets, draws, votes, visits and assignments.
    pub fn replay_audit(&self) -> Result<Replay> {
        let mut out = Replay::default();
        self.replay_tickets(&mut out)?;
        self.replay_draws(&mut out)?;
        self.replay_votes(&mut out)?;
        self.replay_visits_and_assignments(&mut out)?;
        self.recount_tallies(&mut out)?;
        Ok(out)
    }

    /// The tallies the triggers keep (migration 10), recounted from their sources: the counts by
    /// center, department and state, 退单 by department, and the index of open tickets.
    fn recount_tallies(&self, out: &mut Replay) -> Result<()> {
        let c = self.conn();
        let mut truth: std::collections::BTreeMap<(i64, i64, String), i64> = Default::default();
        let mut open_ids = std::collections::BTreeSet::new();
        let mut rows = c.prepare(
            "SELECT id, center_id, IFNULL(department_id, 0), state, open FROM tickets ORDER BY id",
        )?;
        let mut rows = rows.query([])?;
        while let Some(r) = rows.next()? {
            *truth.entry((r.get(1)?, r.get(2)?, r.get(3)?)).or_default() += 1;
            if r.get::<_, bool>(4)? {
                open_ids.insert(r.get::<_, i64>(0)?);
            }
        }
        let kept: Vec<((i64, i64, String), i64)> = c
            .prepare("SELECT center_id, department_id, state, n FROM ticket_counts WHERE n <> 0")?
            .query_map([], |r| Ok(((r.get(0)?, r.get(1)?, r.get(2)?), r.get(3)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let kept: std::collections::BTreeMap<_, _> = kept.into_iter().collect();
        for key in truth
            .keys()
            .chain(kept.keys())
            .collect::<std::collections::BTreeSet<_>>()
        {
            let (has, is) = (
                kept.get(key).copied().unwrap_or(0),
                truth.get(key).copied().unwrap_or(0),
            );
            if has != is {
                let state = State::from_code(&key.2)
                    .map(State::arg)
                    .unwrap_or_else(|| Arg::plain(&key.2));
                out.problems.push(Problem::with(
                    T::TallyDiffers,
                    vec![
                        Arg::plain(key.0),
                        Arg::plain(key.1),
                        state,
                        Arg::plain(has),
                        Arg::plain(is),
                    ],
                ));
            }
        }
        let returns: Vec<(i64, i64, i64)> = c
            .prepare(
                "SELECT d, sum(kept), sum(logged) FROM (
                    SELECT department_id AS d, n AS kept, 0 AS logged FROM department_returns
                    UNION ALL
                    SELECT department_id, 0, count(*) FROM audit_log
                    WHERE kind = 'return' AND department_id IS NOT NULL GROUP BY department_id
                 ) GROUP BY d HAVING sum(kept) <> sum(logged) ORDER BY d",
            )?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        for (d, kept, logged) in returns {
            out.problems.push(Problem::with(
                T::ReturnTallyDiffers,
                vec![Arg::plain(d), Arg::plain(kept), Arg::plain(logged)],
            ));
        }
        let indexed: std::collections::BTreeSet<i64> = c
            .prepare("SELECT rowid FROM ticket_search_open")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let missing = open_ids.difference(&indexed).count();
        let extra = indexed.difference(&open_ids).count();
        if missing + extra > 0 {
            out.problems.push(Problem::with(
                T::OpenSearchDiffers,
                vec![Arg::plain(missing), Arg::plain(extra)],
            ));
        }
        Ok(())
    }

    fn replay_tickets(&self, out: &mut Replay) -> Result<()> {
        let c = self.conn();
        let mut tickets = c.prepare("SELECT id, year, seq, state FROM tickets ORDER BY id")?;
        let mut moves = c.prepare(
            "SELECT ticket_id, id, kind, from_state, to_state FROM audit_log
             WHERE ticket_id IS NOT NULL AND to_state <> '' ORDER BY ticket_id, id",
        )?;
        let mut moves = moves.query([])?;
        let read = |rows: &mut rusqlite::Rows| -> Result<Option<(i64, Step)>> {
            Ok(match rows.next()? {
                Some(r) => Some((
                    r.get(0)?,
                    Step {
                        seq: r.get(1)?,
                        kind: r.get(2)?,
                        from: r.get(3)?,
                        to: r.get(4)?,
                    },
                )),
                None => None,
            })
        };
        let mut next = read(&mut moves)?;
        let mut orphans = Orphans::default();
        let mut rows = tickets.query([])?;
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            let name = Arg::Problem(Box::new(Problem::fill(
                T::ReplayTicket,
                &[&ticket_number(r.get(1)?, r.get(2)?)],
            )));
            let state: State = code(r, 3, "tickets", State::from_code)?;
            let mut steps = vec![];
            while let Some((tid, step)) = next.take() {
                if tid > id {
                    next = Some((tid, step));
                    break;
                }
                if tid == id {
                    steps.push(step);
                } else {
                    orphans.push(out, tid, step.seq);
                }
                next = read(&mut moves)?;
            }
            if let Some(p) = replay::ticket(name, state, &steps) {
                out.problems.push(p);
            }
            out.tickets += 1;
        }
        while let Some((tid, step)) = next.take() {
            orphans.push(out, tid, step.seq);
            next = read(&mut moves)?;
        }
        Ok(())
    }

    fn replay_draws(&self, out: &mut Replay) -> Result<()> {
        let c = self.conn();
        let mut draws = c.prepare(
            "SELECT id, ticket_id, state, pool_hash, nonce_hash, seed, receipt, receipt_sha256
             FROM draws ORDER BY id",
        )?;
        let mut events = c.prepare(
            "SELECT id, kind, payload FROM audit_log WHERE ticket_id = ?1 AND subject = ?2
             ORDER BY id",
        )?;
        let mut strikes = c.prepare(
            "SELECT rep_id, replacement_id FROM draw_strikes WHERE draw_id = ?1 ORDER BY seq",
        )?;
        let mut rows = draws.query([])?;
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            let ticket: i64 = r.get(1)?;
            let row = DrawRow {
                state: r.get(2)?,
                pool_hash: r.get(3)?,
                nonce_hash: r.get(4)?,
                seed: r.get(5)?,
                receipt: r.get(6)?,
                receipt_sha256: r.get(7)?,
                strikes: strikes
                    .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?
                    .collect::<rusqlite::Result<_>>()?,
            };
            let recorded = events
                .query_map(rusqlite::params![ticket, format!("draw:{id}")], recorded)?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            let name = Arg::Problem(Box::new(Problem::fill(T::ReplayDraw, &[&id])));
            out.problems.extend(replay::draw(name, &row, &recorded));
            out.draws += 1;
        }
        Ok(())
    }

    fn replay_votes(&self, out: &mut Replay) -> Result<()> {
        let ids: Vec<(i64, i64)> = self
            .conn()
            .prepare("SELECT id, ticket_id FROM hearings ORDER BY id")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let mut events = self.conn().prepare(
            "SELECT id, kind, payload FROM audit_log WHERE ticket_id = ?1 AND subject = ?2
             AND kind IN ('vote', 'vote_correction') ORDER BY id",
        )?;
        for (id, ticket) in ids {
            let h = self.hearing(id)?;
            let rows: Vec<VoteRow> = h
                .vote_log
                .iter()
                .map(|v| VoteRow {
                    id: v.id,
                    member: v.rep,
                    question: v.question + 1,
                    choice: crate::domain::hearing::choice_word(
                        h.questions
                            .get(v.question)
                            .map(|q| q.options.as_slice())
                            .unwrap_or(&[]),
                        v.choice,
                    ),
                    reason: v.reason.clone(),
                    correction: v.correction.clone(),
                })
                .collect();
            let recorded = events
                .query_map(rusqlite::params![ticket, format!("hearing:{id}")], recorded)?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            out.problems.extend(replay::votes(id, &rows, &recorded));
            out.votes += rows.len();
        }
        Ok(())
    }

    fn replay_visits_and_assignments(&self, out: &mut Replay) -> Result<()> {
        let c = self.conn();
        // One pass over the log for the two kinds of subject without a ticket.
        let mut visit_events: HashMap<i64, Vec<Recorded>> = HashMap::new();
        let mut assigned = vec![];
        let mut stmt = c.prepare(
            "SELECT id, subject, kind, payload FROM audit_log
             WHERE kind IN ('visit_held', 'visit_not_held', 'assign') ORDER BY id",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let seq: i64 = r.get(0)?;
            let subject: String = r.get(1)?;
            let kind: String = r.get(2)?;
            let payload: String = r.get(3)?;
            let (what, id) = subject.split_once(':').unwrap_or(("", ""));
            let id: i64 = id.parse().unwrap_or(0);
            match (what, kind.as_str()) {
                ("member", "assign") => {
                    let household = crate::domain::audit::payload_pairs(&payload)
                        .into_iter()
                        .find(|(k, _)| k == "household")
                        .and_then(|(_, v)| v.parse().ok())
                        .unwrap_or(0);
                    assigned.push((seq, id, household));
                }
                ("visit", _) => {
                    visit_events
                        .entry(id)
                        .or_default()
                        .push(Recorded { seq, kind, payload })
                }
                _ => {}
            }
        }
        let mut visits = c.prepare("SELECT id, status FROM visits ORDER BY id")?;
        let mut rows = visits.query([])?;
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            let status: String = r.get(1)?;
            let name = Arg::Problem(Box::new(Problem::fill(T::ReplayVisit, &[&id])));
            let events = visit_events.get(&id).map(Vec::as_slice).unwrap_or(&[]);
            if let Some(p) = replay::visit(name, &status, events) {
                out.problems.push(p);
            }
            out.visits += 1;
        }
        let rows: Vec<(i64, i64, i64)> = c
            .prepare("SELECT id, member_id, household_id FROM assignments ORDER BY id")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        out.assignments = rows.len();
        out.problems.extend(replay::assignments(&rows, &assigned));
        Ok(())
    }
}

fn recorded(r: &rusqlite::Row) -> rusqlite::Result<Recorded> {
    Ok(Recorded {
        seq: r.get(0)?,
        kind: r.get(1)?,
        payload: r.get(2)?,
    })
}

/// Tickets whose events outlive their row: named once each, at their first event.
#[derive(Default)]
struct Orphans {
    last: Option<i64>,
}

impl Orphans {
    fn push(&mut self, out: &mut Replay, ticket_id: i64, seq: i64) {
        if self.last == Some(ticket_id) {
            return;
        }
        self.last = Some(ticket_id);
        out.problems.push(Problem::with(
            T::ReplayNoRow,
            vec![
                Arg::Problem(Box::new(Problem::fill(T::ReplayTicket, &[&ticket_id]))),
                Arg::plain(seq),
            ],
        ));
    }
}
