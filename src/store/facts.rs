//! 考评's materialised dispatches (`dispatch_facts`, migration 20): every dispatch of every
//! ticket as `domain::metrics::dispatches` computes it from that ticket's events.
//!
//! Invariant: the rows of a ticket are always `dispatches(ticket, its events)`. Every event
//! with a ticket is appended through `audit::append` (which calls `refresh` in the same
//! transaction) or through the bulk writer (which refreshes every ticket it touched before each
//! commit). `audit verify` recomputes every row from the log (`check`), so a row edited with
//! `sqlite3` is found.

use chrono::NaiveDate;
use rusqlite::{Connection, Row, params};

use std::collections::BTreeMap;

use super::Result;
use crate::domain::audit::payload_pairs;
use crate::domain::calendar::WorkCalendar;
use crate::domain::metrics::{self, Dispatch, End, Evaluation, Figures, LogEvent, dispatches};
use crate::domain::vocab::{Resolution, Satisfaction, State};

const COLUMNS: &str = "ticket_id, n, department_id, round, begun, due, accepted, ended, end_kind, \
                       end_code, eval_on, eval_solved, eval_satisfaction, closed_unresolved, stopped";

/// The log's columns a dispatch is computed from, for `event`.
pub(crate) const EVENT_COLUMNS: &str =
    "ticket_id, substr(at, 1, 10), department_id, kind, from_state, to_state, payload";

/// One event read with `EVENT_COLUMNS`: its ticket and the event.
pub(crate) fn event(r: &Row) -> rusqlite::Result<(i64, LogEvent)> {
    let on: String = r.get(1)?;
    let state = |s: Option<String>| s.as_deref().and_then(State::from_code);
    Ok((
        r.get(0)?,
        LogEvent {
            on: on.parse().unwrap_or(NaiveDate::MIN),
            department_id: r.get(2)?,
            kind: r.get(3)?,
            from: state(r.get(4)?),
            to: state(r.get(5)?),
            payload: payload_pairs(&r.get::<_, String>(6)?),
        },
    ))
}

fn ticket_events(c: &Connection, ticket_id: i64) -> Result<Vec<LogEvent>> {
    let mut stmt = c.prepare_cached(&format!(
        "SELECT {EVENT_COLUMNS} FROM audit_log WHERE ticket_id = ?1 ORDER BY id"
    ))?;
    let rows = stmt.query_map([ticket_id], event)?;
    Ok(rows
        .map(|r| r.map(|(_, e)| e))
        .collect::<rusqlite::Result<_>>()?)
}

fn day(s: Option<String>) -> Option<NaiveDate> {
    s.and_then(|s| s.parse().ok())
}

fn text(d: Option<NaiveDate>) -> Option<String> {
    d.map(|d| d.to_string())
}

/// A dispatch from a row read with `COLUMNS`.
fn from_row(r: &Row) -> rusqlite::Result<Dispatch> {
    let code: Option<String> = r.get(9)?;
    let end = match r.get::<_, String>(8)?.as_str() {
        "result" => End::Result(
            code.as_deref()
                .and_then(Resolution::from_code)
                .unwrap_or(Resolution::Resolved),
        ),
        "returned" => End::Returned,
        "left" => match code.as_deref().and_then(State::from_code) {
            Some(s) => End::Left(s),
            None => End::Open,
        },
        _ => End::Open,
    };
    let eval_on = day(r.get(10)?);
    let satisfaction: Option<String> = r.get(12)?;
    let evaluation = match (
        eval_on,
        satisfaction.as_deref().and_then(Satisfaction::from_code),
    ) {
        (Some(on), Some(satisfaction)) => Some(Evaluation {
            on,
            solved: r
                .get::<_, Option<String>>(11)?
                .as_deref()
                .and_then(Resolution::from_code),
            satisfaction,
        }),
        _ => None,
    };
    Ok(Dispatch {
        ticket_id: r.get(0)?,
        department_id: r.get(2)?,
        round: r.get::<_, i64>(3)?.clamp(0, 255) as u8,
        begun: day(r.get(4)?).unwrap_or(NaiveDate::MIN),
        due: day(r.get(5)?),
        accepted: day(r.get(6)?),
        ended: day(r.get(7)?),
        end,
        evaluation,
        closed_unresolved: r.get::<_, i64>(13)? != 0,
        stopped: r
            .get::<_, Option<String>>(14)?
            .as_deref()
            .and_then(State::from_code),
    })
}

fn insert(c: &Connection, n: usize, d: &Dispatch) -> Result<()> {
    let (kind, code) = match d.end {
        End::Open => ("open", None),
        End::Result(r) => ("result", Some(r.code())),
        End::Returned => ("returned", None),
        End::Left(s) => ("left", Some(s.code())),
    };
    c.prepare_cached(&format!(
        "INSERT INTO dispatch_facts ({COLUMNS})
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)"
    ))?
    .execute(params![
        d.ticket_id,
        n as i64,
        d.department_id,
        i64::from(d.round),
        d.begun.to_string(),
        text(d.due),
        text(d.accepted),
        text(d.ended),
        kind,
        code,
        text(d.evaluation.map(|e| e.on)),
        d.evaluation.and_then(|e| e.solved).map(|s| s.code()),
        d.evaluation.map(|e| e.satisfaction.code()),
        i64::from(d.closed_unresolved),
        d.stopped.map(|s| s.code()),
    ])?;
    Ok(())
}

/// Rewrites `ticket_id`'s dispatches from its events, inside the caller's transaction, and
/// moves its share of the day figures from the old rows to the new.
pub(crate) fn refresh(c: &Connection, ticket_id: i64) -> Result<()> {
    refresh_with(c, ticket_id, &mut None)
}

/// `refresh`, with the calendar read once for many tickets (`cal` is filled when first needed).
pub(crate) fn refresh_with(
    c: &Connection,
    ticket_id: i64,
    cal: &mut Option<WorkCalendar>,
) -> Result<()> {
    let events = ticket_events(c, ticket_id)?;
    let now = dispatches(ticket_id, &events);
    let stored = stored(c, ticket_id)?;
    if stored == now {
        return Ok(());
    }
    if cal.is_none() {
        *cal = Some(super::calendar::load(c)?);
    }
    let cal = cal.as_ref().expect("loaded above");
    c.prepare_cached("DELETE FROM dispatch_facts WHERE ticket_id = ?1")?
        .execute([ticket_id])?;
    for d in &stored {
        add_days(c, d, -1, cal)?;
    }
    for (n, d) in now.iter().enumerate() {
        insert(c, n, d)?;
        add_days(c, d, 1, cal)?;
    }
    Ok(())
}

/// The day figures' counts, in `DAY_COLUMNS` order.
const DAY_COLUMNS: [&str; 18] = [
    "dispatches",
    "second_round",
    "accepted_in_time",
    "with_result",
    "on_time",
    "overdue",
    "severe",
    "returned",
    "evaluated",
    "solved",
    "partly",
    "unasked",
    "false_closure",
    "evaluations",
    "satisfied",
    "handling_days",
    "open",
    "stopped",
];

fn counts(f: &Figures) -> [i64; 18] {
    let n = |x: usize| x as i64;
    [
        n(f.dispatches),
        n(f.second_round),
        n(f.accepted_in_time),
        n(f.with_result),
        n(f.on_time),
        n(f.overdue),
        n(f.severe),
        n(f.returned),
        n(f.evaluated),
        n(f.solved),
        n(f.partly),
        n(f.unasked),
        n(f.false_closure),
        n(f.evaluations),
        n(f.satisfied),
        f.handling_days,
        n(f.open),
        n(f.stopped),
    ]
}

/// Figures from 18 counts read in `DAY_COLUMNS` order from column `at` on (a count below 0,
/// which only an edit outside suqiu makes, reads as 0; `audit verify` names it).
fn figures_at(r: &Row, at: usize) -> rusqlite::Result<Figures> {
    let mut v = [0i64; 18];
    for (i, x) in v.iter_mut().enumerate() {
        *x = r.get::<_, Option<i64>>(at + i)?.unwrap_or(0);
    }
    let n = |x: i64| x.max(0) as usize;
    Ok(Figures {
        dispatches: n(v[0]),
        second_round: n(v[1]),
        accepted_in_time: n(v[2]),
        with_result: n(v[3]),
        on_time: n(v[4]),
        overdue: n(v[5]),
        severe: n(v[6]),
        returned: n(v[7]),
        evaluated: n(v[8]),
        solved: n(v[9]),
        partly: n(v[10]),
        unasked: n(v[11]),
        false_closure: n(v[12]),
        evaluations: n(v[13]),
        satisfied: n(v[14]),
        handling_days: v[15],
        open: n(v[16]),
        stopped: n(v[17]),
    })
}

/// Adds (`sign` 1) or takes away (-1) one dispatch's share of its days' figures. A day whose
/// unit has neither a dispatch nor an evaluation left is removed.
fn add_days(c: &Connection, d: &Dispatch, sign: i64, cal: &WorkCalendar) -> Result<()> {
    for (day, f) in metrics::by_day(d, cal) {
        let day = day.to_string();
        let v = counts(&f).map(|x| x * sign);
        upsert_day(c, &day, d.department_id, &v)?;
        if sign < 0 {
            c.prepare_cached(
                "DELETE FROM department_days WHERE day = ?1 AND department_id = ?2
                 AND dispatches = 0 AND evaluations = 0",
            )?
            .execute(params![day, d.department_id])?;
        }
    }
    Ok(())
}

/// The statement that adds 18 counts to a (day, unit)'s figures, made once.
static UPSERT_DAY: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    let marks: Vec<String> = (3..=20).map(|i| format!("?{i}")).collect();
    let sets: Vec<String> = DAY_COLUMNS
        .iter()
        .map(|k| format!("{k} = {k} + excluded.{k}"))
        .collect();
    format!(
        "INSERT INTO department_days (day, department_id, {}) VALUES (?1, ?2, {})
         ON CONFLICT (day, department_id) DO UPDATE SET {}",
        DAY_COLUMNS.join(", "),
        marks.join(", "),
        sets.join(", ")
    )
});

fn upsert_day(c: &Connection, day: &str, unit: i64, v: &[i64; 18]) -> Result<()> {
    let mut stmt = c.prepare_cached(&UPSERT_DAY)?;
    let mut p: Vec<&dyn rusqlite::ToSql> = vec![&day, &unit];
    for x in v {
        p.push(x);
    }
    stmt.execute(p.as_slice())?;
    Ok(())
}

/// Every (day, unit)'s figures recomputed from the stored dispatches with `cal`.
fn computed_days(
    c: &Connection,
    cal: &WorkCalendar,
) -> Result<BTreeMap<(NaiveDate, i64), Figures>> {
    let mut out: BTreeMap<(NaiveDate, i64), Figures> = BTreeMap::new();
    let mut stmt = c.prepare(&format!("SELECT {COLUMNS} FROM dispatch_facts"))?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let d = from_row(r)?;
        for (day, f) in metrics::by_day(&d, cal) {
            out.entry((day, d.department_id)).or_default().add(&f);
        }
    }
    Ok(out)
}

fn stored_days(c: &Connection) -> Result<BTreeMap<(NaiveDate, i64), Figures>> {
    let mut out = BTreeMap::new();
    let mut stmt = c.prepare(&format!(
        "SELECT day, department_id, {} FROM department_days",
        DAY_COLUMNS.join(", ")
    ))?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let day: String = r.get(0)?;
        out.insert(
            (day.parse().unwrap_or(NaiveDate::MIN), r.get(1)?),
            figures_at(r, 2)?,
        );
    }
    Ok(out)
}

/// Rewrites every day figure from the stored dispatches and the stored calendar, inside the
/// caller's transaction. Returns the rows written.
pub(crate) fn rebuild_days(c: &Connection) -> Result<u64> {
    let cal = super::calendar::load(c)?;
    let days = computed_days(c, &cal)?;
    c.execute("DELETE FROM department_days", [])?;
    for ((day, unit), f) in &days {
        upsert_day(c, &day.to_string(), *unit, &counts(f))?;
    }
    Ok(days.len() as u64)
}

/// After migration 23, fills the day figures from the stored dispatches (once).
pub(crate) fn fill_days(c: &mut Connection) -> Result<()> {
    super::fill_pending(c, "department_days", |tx| rebuild_days(tx).map(|_| ()))
}

/// The (day, unit)s whose stored figures differ from those recomputed from the stored
/// dispatches (up to ten, and how many).
pub(crate) fn check_days(c: &Connection) -> Result<(u64, Vec<(NaiveDate, i64)>)> {
    let cal = super::calendar::load(c)?;
    let mut computed = computed_days(c, &cal)?;
    let mut differing = vec![];
    let mut count = 0u64;
    let mut note = |k: (NaiveDate, i64)| {
        count += 1;
        if differing.len() < 10 {
            differing.push(k);
        }
    };
    for (k, f) in stored_days(c)? {
        match computed.remove(&k) {
            Some(g) if g == f => {}
            _ => note(k),
        }
    }
    for k in computed.into_keys() {
        note(k);
    }
    differing.sort();
    Ok((count, differing))
}

/// Every unit's figures for `[from, to]`: the sum of its days'.
pub(crate) fn figures_between(
    c: &Connection,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<BTreeMap<i64, Figures>> {
    let sums: Vec<String> = DAY_COLUMNS.iter().map(|k| format!("sum({k})")).collect();
    let mut stmt = c.prepare_cached(&format!(
        "SELECT department_id, {} FROM department_days WHERE day BETWEEN ?1 AND ?2
         GROUP BY department_id",
        sums.join(", ")
    ))?;
    let rows = stmt.query_map(params![from.to_string(), to.to_string()], |r| {
        Ok((r.get(0)?, figures_at(r, 1)?))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Every unit's figures month by month in `[from, to]` (`unit`: one unit's only), keyed by the
/// month's first day.
pub(crate) fn figures_by_month(
    c: &Connection,
    from: NaiveDate,
    to: NaiveDate,
    unit: Option<i64>,
) -> Result<BTreeMap<NaiveDate, BTreeMap<i64, Figures>>> {
    let sums: Vec<String> = DAY_COLUMNS.iter().map(|k| format!("sum({k})")).collect();
    let mut stmt = c.prepare_cached(&format!(
        "SELECT substr(day, 1, 7) || '-01', department_id, {} FROM department_days
         WHERE day BETWEEN ?1 AND ?2 AND (?3 IS NULL OR department_id = ?3)
         GROUP BY 1, 2",
        sums.join(", ")
    ))?;
    let mut out: BTreeMap<NaiveDate, BTreeMap<i64, Figures>> = BTreeMap::new();
    let rows = stmt.query_map(params![from.to_string(), to.to_string(), unit], |r| {
        let m: String = r.get(0)?;
        Ok((
            m.parse().unwrap_or(NaiveDate::MIN),
            r.get::<_, i64>(1)?,
            figures_at(r, 2)?,
        ))
    })?;
    for row in rows {
        let (m, u, f) = row?;
        out.entry(m).or_default().insert(u, f);
    }
    Ok(out)
}

fn stored(c: &Connection, ticket_id: i64) -> Result<Vec<Dispatch>> {
    let mut stmt = c.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM dispatch_facts WHERE ticket_id = ?1 ORDER BY n"
    ))?;
    let rows = stmt.query_map([ticket_id], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Every ticket's events in ticket order, handed to `f` one ticket at a time.
fn each_ticket_history(
    c: &Connection,
    mut f: impl FnMut(i64, &[LogEvent]) -> Result<()>,
) -> Result<()> {
    let mut stmt = c.prepare(&format!(
        "SELECT {EVENT_COLUMNS} FROM audit_log WHERE ticket_id IS NOT NULL ORDER BY ticket_id, id"
    ))?;
    let mut rows = stmt.query([])?;
    let mut ticket: Option<i64> = None;
    let mut events: Vec<LogEvent> = vec![];
    while let Some(r) = rows.next()? {
        let (t, e) = event(r)?;
        if ticket != Some(t) {
            if let Some(prev) = ticket {
                f(prev, &events)?;
            }
            events.clear();
            ticket = Some(t);
        }
        events.push(e);
    }
    if let Some(prev) = ticket {
        f(prev, &events)?;
    }
    Ok(())
}

/// After migration 20, computes every ticket's dispatches from the log (once).
pub(crate) fn fill(c: &mut Connection) -> Result<()> {
    super::fill_pending(c, "dispatch_facts", |tx| {
        tx.execute("DELETE FROM dispatch_facts", [])?;
        each_ticket_history(tx, |t, events| {
            for (n, d) in dispatches(t, events).iter().enumerate() {
                insert(tx, n, d)?;
            }
            Ok(())
        })?;
        rebuild_days(tx)?;
        Ok(())
    })
}

/// The dispatches that count in `[from, to]`: begun in it, or evaluated in it.
pub(crate) fn touching(c: &Connection, from: NaiveDate, to: NaiveDate) -> Result<Vec<Dispatch>> {
    let (from, to) = (from.to_string(), to.to_string());
    let mut out = vec![];
    let mut stmt = c.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM dispatch_facts WHERE begun BETWEEN ?1 AND ?2"
    ))?;
    for d in stmt.query_map(params![from, to], from_row)? {
        out.push(d?);
    }
    let mut stmt = c.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM dispatch_facts
         WHERE eval_on BETWEEN ?1 AND ?2 AND NOT begun BETWEEN ?1 AND ?2"
    ))?;
    for d in stmt.query_map(params![from, to], from_row)? {
        out.push(d?);
    }
    Ok(out)
}

/// What `check` found: tickets whose stored dispatches differ from their log's.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FactsCheck {
    pub tickets: u64,
    pub dispatches: u64,
    /// Up to ten tickets whose rows differ (or have rows and no events), and how many differ.
    pub differing: Vec<i64>,
    pub differing_count: u64,
}

fn differ(out: &mut FactsCheck, t: i64) {
    out.differing_count += 1;
    if out.differing.len() < 10 {
        out.differing.push(t);
    }
}

/// Recomputes every ticket's dispatches from the log and compares them with the stored rows.
pub(crate) fn check(c: &Connection) -> Result<FactsCheck> {
    let mut out = FactsCheck::default();
    let mut stmt = c.prepare(&format!(
        "SELECT {COLUMNS} FROM dispatch_facts ORDER BY ticket_id, n"
    ))?;
    let mut stored = stmt.query_map([], from_row)?.peekable();
    let mut err: Option<rusqlite::Error> = None;
    // Stored rows of tickets before `t` that the log has no dispatch for.
    let mut take_stored = |t: i64, out: &mut FactsCheck, err: &mut Option<rusqlite::Error>| {
        let mut mine = vec![];
        loop {
            match stored.peek() {
                Some(Ok(d)) if d.ticket_id < t => {
                    let orphan = d.ticket_id;
                    while matches!(stored.peek(), Some(Ok(d)) if d.ticket_id == orphan) {
                        stored.next();
                    }
                    differ(out, orphan);
                }
                Some(Ok(d)) if d.ticket_id == t => {
                    if let Some(Ok(d)) = stored.next() {
                        mine.push(d);
                    }
                }
                Some(Err(_)) => {
                    if let Some(Err(e)) = stored.next() {
                        *err = Some(e);
                    }
                    break;
                }
                _ => break,
            }
        }
        mine
    };
    each_ticket_history(c, |t, events| {
        out.tickets += 1;
        let computed = dispatches(t, events);
        out.dispatches += computed.len() as u64;
        let mine = take_stored(t, &mut out, &mut err);
        if mine != computed {
            differ(&mut out, t);
        }
        Ok(())
    })?;
    let rest = take_stored(i64::MAX, &mut out, &mut err);
    if let Some(e) = err {
        return Err(e.into());
    }
    debug_assert!(rest.is_empty());
    Ok(out)
}

impl super::Store {
    /// `suqiu audit rebuild-figures`: every ticket's dispatches recomputed from the log, in one
    /// transaction with the event that records it. Returns the tickets and dispatches written.
    pub fn rebuild_dispatch_facts(
        &mut self,
        actor: &crate::domain::roles::Actor,
        now: chrono::NaiveDateTime,
    ) -> Result<(u64, u64)> {
        crate::domain::roles::may(actor, crate::domain::roles::Act::ManageReferenceData)?;
        self.write(|tx| {
            let before: i64 =
                tx.query_row("SELECT count(*) FROM dispatch_facts", [], |r| r.get(0))?;
            tx.execute("DELETE FROM dispatch_facts", [])?;
            let (mut tickets, mut written) = (0u64, 0u64);
            each_ticket_history(tx, |t, events| {
                let ds = dispatches(t, events);
                if !ds.is_empty() {
                    tickets += 1;
                }
                for (n, d) in ds.iter().enumerate() {
                    insert(tx, n, d)?;
                    written += 1;
                }
                Ok(())
            })?;
            let days = rebuild_days(tx)?;
            super::audit::append(
                tx,
                super::audit::NewEvent {
                    at: crate::records::fmt_time(now),
                    actor: actor.name.clone(),
                    actor_id: actor.staff_id,
                    subject: "audit".into(),
                    kind: "dispatch_facts_rebuilt".into(),
                    payload: crate::domain::audit::payload_json(&[
                        ("rows_before", before.to_string()),
                        ("rows", written.to_string()),
                        ("day_rows", days.to_string()),
                    ]),
                    ..Default::default()
                },
            )?;
            Ok((tickets, written))
        })
    }
}

/// `touching`, with each dispatch's ticket's place and center (from the ticket's row: where it
/// was received, which no move changes).
pub(crate) fn touching_with_place(
    c: &Connection,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<(Dispatch, Option<i64>, i64)>> {
    let (from, to) = (from.to_string(), to.to_string());
    let cols: String = COLUMNS
        .split(", ")
        .map(|c| format!("f.{}", c.trim()))
        .collect::<Vec<_>>()
        .join(", ");
    let mut out = vec![];
    for cond in [
        "f.begun BETWEEN ?1 AND ?2",
        "f.eval_on BETWEEN ?1 AND ?2 AND NOT f.begun BETWEEN ?1 AND ?2",
    ] {
        let mut stmt = c.prepare_cached(&format!(
            "SELECT {cols}, t.place_id, t.center_id FROM dispatch_facts f
             JOIN tickets t ON t.id = f.ticket_id WHERE {cond}"
        ))?;
        let rows = stmt.query_map(params![from, to], |r| {
            Ok((from_row(r)?, r.get(15)?, r.get(16)?))
        })?;
        for row in rows {
            out.push(row?);
        }
    }
    Ok(out)
}
