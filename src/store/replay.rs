//! Reads each aggregate's rows beside its events for `domain::replay`, which decides whether
//! they agree. Streams: tickets and their moves are merged in id order, never loaded whole.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::{Result, Store, code};
use crate::domain::audit::EventRef;
use crate::domain::replay::{self, DrawRow, Progress, Recorded, Step, VoteRow};
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
    /// 考评's dispatches recomputed from the log and found as stored.
    pub dispatches: u64,
    /// Every row whose state disagrees with its history.
    pub problems: Vec<Problem>,
}

/// What the replay needs from the log, gathered while the chain is checked (one pass in id
/// order, never the log loaded whole): each ticket's progress through the state machine, the
/// visits' and assignments' events, and 退单 by department.
#[derive(Default)]
pub(crate) struct LogFacts {
    tickets: Progresses,
    visit_events: HashMap<i64, Vec<Recorded>>,
    assigned: Vec<(i64, i64, i64)>,
    returns: BTreeMap<i64, i64>,
    /// The last explanation recorded for each (review subject, exception): its text.
    explained: BTreeMap<(String, String), String>,
    /// Each ledger summary ("ledger:place:from"): the figures submitted, the review's comments.
    ledgers: BTreeMap<String, (String, Option<String>)>,
    /// Each member's registration date as last recorded.
    registered: BTreeMap<String, String>,
}

impl LogFacts {
    pub(crate) fn take(&mut self, e: &EventRef) {
        if let Some(t) = e.ticket_id
            && !e.to_state.is_empty()
        {
            let (p, _) = self.tickets.entry(t, e.seq);
            p.step(e.kind, e.from_state, e.to_state);
        }
        match e.kind {
            "visit_held" | "visit_not_held" | "assign" => {
                let (what, id) = e.subject.split_once(':').unwrap_or(("", ""));
                let id: i64 = id.parse().unwrap_or(0);
                match (what, e.kind) {
                    ("member", "assign") => {
                        let household = crate::domain::audit::payload_pairs(e.payload)
                            .into_iter()
                            .find(|(k, _)| k == "household")
                            .and_then(|(_, v)| v.parse().ok())
                            .unwrap_or(0);
                        self.assigned.push((e.seq, id, household));
                    }
                    ("visit", _) => self.visit_events.entry(id).or_default().push(Recorded {
                        seq: e.seq,
                        kind: e.kind.to_string(),
                        payload: e.payload.to_string(),
                    }),
                    _ => {}
                }
            }
            "review_explained" => {
                let pairs = crate::domain::audit::payload_pairs(e.payload);
                let get = |k: &str| {
                    pairs
                        .iter()
                        .find(|(n, _)| n == k)
                        .map(|(_, v)| v.clone())
                        .unwrap_or_default()
                };
                self.explained
                    .insert((e.subject.to_string(), get("exception")), get("text"));
            }
            "ledger_submitted" => {
                self.ledgers
                    .insert(e.subject.to_string(), (e.note.to_string(), None));
            }
            "ledger_reviewed" => {
                if let Some(l) = self.ledgers.get_mut(e.subject) {
                    l.1 = Some(e.note.to_string());
                }
            }
            "member_registered" => {
                let on = crate::domain::audit::payload_pairs(e.payload)
                    .into_iter()
                    .find(|(k, _)| k == "on")
                    .map(|(_, v)| v)
                    .unwrap_or_default();
                self.registered.insert(e.subject.to_string(), on);
            }
            "return" => {
                if let Some(d) = e.department_id {
                    *self.returns.entry(d).or_default() += 1;
                }
            }
            _ => {}
        }
    }
}

impl Store {
    /// Replays the audit log against the rows of tickets, draws, votes, visits and assignments,
    /// and recounts the tallies.
    pub fn replay_audit(&self) -> Result<Replay> {
        Ok(self.audit_check(&[])?.1)
    }

    pub(crate) fn replay_with(&self, mut facts: LogFacts) -> Result<Replay> {
        let mut out = Replay::default();
        let rows = self.replay_tickets(&mut out, &mut facts)?;
        self.replay_draws(&mut out)?;
        self.replay_votes(&mut out)?;
        self.replay_visits_and_assignments(&mut out, &mut facts)?;
        self.recount_tallies(&mut out, rows, &facts.returns)?;
        self.recheck_dispatches(&mut out)?;
        self.recheck_explanations(&mut out, &facts.explained)?;
        self.recheck_ledgers(&mut out, &facts.ledgers, &facts.registered)?;
        Ok(out)
    }

    /// 台账 summaries (figures as submitted, the review's comments) and members' registrations
    /// against the events that recorded them: an edit outside suqiu is named.
    fn recheck_ledgers(
        &self,
        out: &mut Replay,
        logged: &BTreeMap<String, (String, Option<String>)>,
        registered: &BTreeMap<String, String>,
    ) -> Result<()> {
        let rows: BTreeMap<String, (String, Option<String>)> = self
            .conn()
            .prepare("SELECT 'ledger:' || place_id || ':' || period_from, figures, CASE WHEN reviewed_at IS NULL THEN NULL ELSE comments END FROM ledger_summaries")?
            .query_map([], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))?
            .collect::<rusqlite::Result<_>>()?;
        for key in rows.keys().chain(logged.keys()).collect::<BTreeSet<_>>() {
            if rows.get(key) != logged.get(key) {
                out.problems.push(Problem::with(
                    T::LedgerSummaryDiffers,
                    vec![Arg::plain(key)],
                ));
            }
        }
        let rows: BTreeMap<String, String> = self
            .conn()
            .prepare("SELECT 'member:' || id, registered_on FROM members WHERE registered_on IS NOT NULL")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        for key in rows
            .keys()
            .chain(registered.keys())
            .collect::<BTreeSet<_>>()
        {
            if rows.get(key) != registered.get(key) {
                out.problems
                    .push(Problem::with(T::RegistrationDiffers, vec![Arg::plain(key)]));
            }
        }
        Ok(())
    }

    /// Each recorded explanation of a year-end review against the last event that recorded it.
    fn recheck_explanations(
        &self,
        out: &mut Replay,
        logged: &BTreeMap<(String, String), String>,
    ) -> Result<()> {
        let mut stmt = self.conn().prepare(
            "SELECT 'review:' || year || ':' || subject_kind || ':' || subject_id, exception, text
             FROM review_explanations",
        )?;
        let rows: BTreeMap<(String, String), String> = stmt
            .query_map([], |r| Ok(((r.get(0)?, r.get(1)?), r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        for key in rows.keys().chain(logged.keys()).collect::<BTreeSet<_>>() {
            if rows.get(key) != logged.get(key) {
                out.problems.push(Problem::with(
                    T::ExplanationDiffers,
                    vec![Arg::plain(&key.0), Arg::plain(&key.1)],
                ));
            }
        }
        Ok(())
    }

    /// 考评's stored dispatches against the log's (`store::facts::check`), and the day figures
    /// against the stored dispatches (`store::facts::check_days`).
    fn recheck_dispatches(&self, out: &mut Replay) -> Result<()> {
        let found = super::facts::check(self.conn())?;
        out.dispatches = found.dispatches;
        if found.differing_count > 0 {
            let mut number = self
                .conn()
                .prepare("SELECT year, seq FROM tickets WHERE id = ?1")?;
            let names: Vec<String> = found
                .differing
                .iter()
                .map(|id| {
                    number
                        .query_row([id], |r| Ok(ticket_number(r.get(0)?, r.get(1)?)))
                        .unwrap_or_else(|_| format!("#{id}"))
                })
                .collect();
            out.problems.push(Problem::with(
                T::DispatchFactsDiffer,
                vec![
                    Arg::plain(found.differing_count),
                    Arg::plain(names.join("、")),
                ],
            ));
        }
        let (count, days) = super::facts::check_days(self.conn())?;
        if count > 0 {
            let mut name = self
                .conn()
                .prepare("SELECT name FROM departments WHERE id = ?1")?;
            let names: Vec<String> = days
                .iter()
                .map(|(day, unit)| {
                    let unit = name
                        .query_row([unit], |r| r.get::<_, String>(0))
                        .unwrap_or_else(|_| format!("#{unit}"));
                    format!("{day} {unit}")
                })
                .collect();
            out.problems.push(Problem::with(
                T::DepartmentDaysDiffer,
                vec![Arg::plain(count), Arg::plain(names.join("、"))],
            ));
        }
        Ok(())
    }

    /// Each ticket row against its progress; a ticket whose history does not agree is replayed
    /// again from its own events (by the ticket index) for the words of its problem. Returns
    /// what the tallies are recounted from.
    fn replay_tickets(&self, out: &mut Replay, facts: &mut LogFacts) -> Result<TicketRows> {
        let c = self.conn();
        // The tally index holds every column compared (a scan of it, not of the tickets' texts);
        // its order does not matter: progress is found by id.
        let mut tickets = c.prepare(
            "SELECT id, state, center_id, IFNULL(department_id, 0), open
             FROM tickets INDEXED BY tickets_tally",
        )?;
        let mut number = c.prepare("SELECT year, seq FROM tickets WHERE id = ?1")?;
        let mut moves = c.prepare(
            "SELECT id, kind, from_state, to_state FROM audit_log
             WHERE ticket_id = ?1 AND to_state <> '' ORDER BY id",
        )?;
        let mut counted = TicketRows::default();
        let mut disagree = vec![];
        let mut rows = tickets.query([])?;
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            let state: State = code(r, 1, "tickets", State::from_code)?;
            *counted
                .by_state
                .entry((r.get(2)?, r.get(3)?, state.code()))
                .or_default() += 1;
            if r.get::<_, bool>(4)? {
                counted.open.push(id);
            }
            out.tickets += 1;
            if !facts
                .tickets
                .remove(id)
                .is_some_and(|(p, _)| p.agrees(state))
            {
                disagree.push((id, state));
            }
        }
        counted.open.sort_unstable();
        // Each ticket that disagrees, in id order, replayed from its own events for the words.
        disagree.sort_unstable_by_key(|(id, _)| *id);
        for (id, state) in disagree {
            let steps: Vec<Step> = moves
                .query_map([id], |r| {
                    Ok(Step {
                        seq: r.get(0)?,
                        kind: r.get(1)?,
                        from: r.get(2)?,
                        to: r.get(3)?,
                    })
                })?
                .collect::<rusqlite::Result<_>>()?;
            let (year, seq): (i32, i64) = number.query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))?;
            let name = Arg::Problem(Box::new(Problem::fill(
                T::ReplayTicket,
                &[&ticket_number(year, seq)],
            )));
            if let Some(p) = replay::ticket(name, state, &steps) {
                out.problems.push(p);
            }
        }
        // Tickets whose events outlive their row, named once each at their first event.
        let mut orphans: Vec<(i64, i64)> = facts.tickets.rest();
        orphans.sort_unstable();
        for (ticket_id, seq) in orphans {
            out.problems.push(Problem::with(
                T::ReplayNoRow,
                vec![
                    Arg::Problem(Box::new(Problem::fill(T::ReplayTicket, &[&ticket_id]))),
                    Arg::plain(seq),
                ],
            ));
        }
        Ok(counted)
    }

    /// The tallies the triggers keep (migration 10), recounted from their sources: the counts by
    /// center, department and state, 退单 by department, and the index of open tickets.
    fn recount_tallies(
        &self,
        out: &mut Replay,
        rows: TicketRows,
        returns: &BTreeMap<i64, i64>,
    ) -> Result<()> {
        let c = self.conn();
        let truth: BTreeMap<(i64, i64, String), i64> = rows
            .by_state
            .into_iter()
            .map(|((c, d, s), n)| ((c, d, s.to_string()), n))
            .collect();
        let kept: BTreeMap<(i64, i64, String), i64> = c
            // Summed over the stage: a row whose state was changed behind the store's back keeps
            // its old stage, and both tallies count the same state.
            .prepare(
                "SELECT center_id, department_id, state, sum(n) FROM ticket_counts
                 GROUP BY 1, 2, 3 HAVING sum(n) <> 0",
            )?
            .query_map([], |r| Ok(((r.get(0)?, r.get(1)?, r.get(2)?), r.get(3)?)))?
            .collect::<rusqlite::Result<_>>()?;
        for key in truth.keys().chain(kept.keys()).collect::<BTreeSet<_>>() {
            let has = kept.get(key).copied().unwrap_or(0);
            let is = truth.get(key).copied().unwrap_or(0);
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
        let kept: BTreeMap<i64, i64> = c
            .prepare("SELECT department_id, n FROM department_returns WHERE n <> 0")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        for d in returns.keys().chain(kept.keys()).collect::<BTreeSet<_>>() {
            let has = kept.get(d).copied().unwrap_or(0);
            let is = returns.get(d).copied().unwrap_or(0);
            if has != is {
                out.problems.push(Problem::with(
                    T::ReturnTallyDiffers,
                    vec![Arg::plain(d), Arg::plain(has), Arg::plain(is)],
                ));
            }
        }
        let mut indexed: Vec<i64> = c
            .prepare("SELECT rowid FROM ticket_search_open")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        indexed.sort_unstable();
        let (missing, extra) = sorted_differences(&rows.open, &indexed);
        if missing + extra > 0 {
            out.problems.push(Problem::with(
                T::OpenSearchDiffers,
                vec![Arg::plain(missing), Arg::plain(extra)],
            ));
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

    fn replay_visits_and_assignments(&self, out: &mut Replay, facts: &mut LogFacts) -> Result<()> {
        let c = self.conn();
        let visit_events = std::mem::take(&mut facts.visit_events);
        let assigned = std::mem::take(&mut facts.assigned);
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

/// The ticket rows as read once: counts by center, department and state, and the open ones.
#[derive(Default)]
struct TicketRows {
    by_state: HashMap<(i64, i64, &'static str), i64>,
    /// The open tickets' ids, in order.
    open: Vec<i64>,
}

/// How many of `a` are not in `b`, and of `b` not in `a` (both sorted, without repeats).
fn sorted_differences(a: &[i64], b: &[i64]) -> (usize, usize) {
    let (mut i, mut j, mut only_a, mut only_b) = (0, 0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => {
                only_a += 1;
                i += 1;
            }
            std::cmp::Ordering::Greater => {
                only_b += 1;
                j += 1;
            }
            std::cmp::Ordering::Equal => {
                i += 1;
                j += 1;
            }
        }
    }
    (only_a + a.len() - i, only_b + b.len() - j)
}

/// Each ticket's progress and first event, by ticket id: a vector indexed by id (ids are dense,
/// one pass over millions of events), with a map for ids far beyond the vector.
#[derive(Default)]
struct Progresses {
    dense: Vec<Option<(Progress, i64)>>,
    sparse: HashMap<i64, (Progress, i64)>,
}

impl Progresses {
    /// Ids up to this are kept in the vector (64 MB at most).
    const DENSE: i64 = 4_000_000;

    fn entry(&mut self, id: i64, seq: i64) -> &mut (Progress, i64) {
        if (0..Self::DENSE).contains(&id) {
            let i = id as usize;
            if self.dense.len() <= i {
                self.dense.resize(i + 1, None);
            }
            self.dense[i].get_or_insert((Progress::default(), seq))
        } else {
            self.sparse.entry(id).or_insert((Progress::default(), seq))
        }
    }

    fn remove(&mut self, id: i64) -> Option<(Progress, i64)> {
        if (0..Self::DENSE).contains(&id) {
            self.dense.get_mut(id as usize).and_then(Option::take)
        } else {
            self.sparse.remove(&id)
        }
    }

    /// What was not removed: (ticket id, first event), by id.
    fn rest(&mut self) -> Vec<(i64, i64)> {
        let mut out: Vec<(i64, i64)> = self
            .dense
            .drain(..)
            .enumerate()
            .filter_map(|(i, e)| e.map(|(_, first)| (i as i64, first)))
            .collect();
        out.extend(self.sparse.drain().map(|(id, (_, first))| (id, first)));
        out.sort_unstable();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::sorted_differences;

    #[test]
    fn differences_of_sorted_ids_count_each_side() {
        assert_eq!(sorted_differences(&[], &[]), (0, 0));
        assert_eq!(sorted_differences(&[1, 2, 3], &[1, 2, 3]), (0, 0));
        assert_eq!(sorted_differences(&[1, 2, 3, 9], &[2, 4]), (3, 1));
        assert_eq!(sorted_differences(&[5], &[1, 2, 3, 4]), (1, 4));
        assert_eq!(sorted_differences(&[1, 2], &[]), (2, 0));
    }
}
