//! The queue: pages of tickets by filter and sort, fetched with keyset pagination so that any
//! page costs the same however deep it is, and counts for the status bar and the board.

use chrono::NaiveDate;
use rusqlite::params_from_iter;
use rusqlite::types::Value;

use super::{NO_DUE, Result, Store, fmt_date, parse_date};
use crate::domain::roles::{Actor, Visibility, visibility};
use crate::domain::search::Query;
use crate::domain::ticket_number;
use crate::domain::vocab::{Channel, DayKind, Level, Stage, State};

pub use crate::records::queue::{
    Cursor, DeskCounts, Filters, Key, Page, QueueQuery, QueueRow, Scope, Sort,
};

const ROW_COLS: &str = "t.id, t.year, t.seq, t.received_at, t.petitioner_names, t.place_id, t.category_id, t.channel,
    t.state, t.round, t.due, t.warn_at, t.limit_kind, t.department_id, t.collective, t.summary, t.version";

fn row(r: &rusqlite::Row) -> rusqlite::Result<QueueRow> {
    let due: Option<String> = r.get(10)?;
    let warn: Option<String> = r.get(11)?;
    let real = |s: &Option<String>| s.as_deref().filter(|d| *d != NO_DUE).and_then(parse_date);
    Ok(QueueRow {
        id: r.get(0)?,
        number: ticket_number(r.get(1)?, r.get(2)?),
        received_at: r.get(3)?,
        petitioner_names: r.get(4)?,
        place_id: r.get(5)?,
        category_id: r.get(6)?,
        channel: crate::store::code(r, 7, "tickets", Channel::from_code)?,
        state: crate::store::code(r, 8, "tickets", State::from_code)?,
        round: r.get(9)?,
        due: real(&due),
        warn_at: real(&warn),
        limit_kind: crate::store::opt_code(r, 12, "tickets", DayKind::from_code)?,
        department_id: r.get(13)?,
        collective: r.get(14)?,
        summary: r.get(15)?,
        version: r.get(16)?,
        due_key: due.unwrap_or_default(),
    })
}

/// Which rows a query reads: open tickets only, closed only, or all. A state or stage filter
/// implies one (an open state is only ever on an open ticket), so that the partial indexes on
/// open tickets fit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Rows {
    Open,
    Closed,
    All,
}

fn rows_read(q: &QueueQuery) -> Rows {
    let f = &q.filters;
    let implied = f
        .state
        .map(State::is_open)
        .or(f.stage.map(|s| s != Stage::Closed));
    match (q.scope, f.level.is_some(), implied) {
        (Scope::Open, _, _) | (_, true, _) | (_, _, Some(true)) => Rows::Open,
        (Scope::Closed, _, _) | (_, _, Some(false)) => Rows::Closed,
        (Scope::All, _, None) => Rows::All,
    }
}

/// An open-only scope asked for closed rows (在办 with 已办结), or the other way: nothing matches.
fn contradictory(q: &QueueQuery) -> bool {
    let f = &q.filters;
    q.scope == Scope::Open
        && (f.state.is_some_and(|s| !s.is_open()) || f.stage == Some(Stage::Closed))
        || q.scope == Scope::Closed
            && (f.state.is_some_and(State::is_open)
                || f.stage.is_some_and(|s| s != Stage::Closed)
                || f.level.is_some())
}

/// The warning's length in days, as `tickets_open_near` (migration 18) indexes it, word for word.
const NEAR_LENGTH: &str = "CAST(julianday(due) - julianday(warn_at) AS INTEGER)";

/// What a 临期 page needs to know of the open tickets, as last read, and when: the latest
/// deadline in a warning window (`until`) and the warning lengths with a 临期 ticket today.
#[derive(Debug, Clone)]
pub(crate) struct NearMemo {
    today: String,
    data_version: i64,
    changes: u64,
    until: Option<String>,
    lengths: Vec<NearArm>,
}

/// One warning length with 临期 tickets today: the length in days, its range's last day
/// (`today + len`), and the first and last 临期 deadline in it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct NearArm {
    len: i64,
    end: String,
    first: String,
    last: String,
}

/// The bounds of 临期 for one query (see `Store::near_bounds`).
#[derive(Debug, Clone, Default)]
struct NearBounds {
    until: Option<String>,
    lengths: Vec<NearArm>,
}

/// At most this many warning lengths are merged (there are a handful: a few working days in
/// calendar days); beyond, a 临期 page reads the deadline range (the same rows, slower).
const NEAR_ARMS: usize = 32;

/// A 临期 page by deadline as a merge of one deadline range per warning length `L`
/// (`today <= due <= today + L` in `tickets_open_near`), each already in deadline order: SQLite
/// runs the arms as co-routines and stops at the page's last row, so it reads the rows it shows
/// and one more per length. Lengths whose 临期 deadlines all lie before an `After` cursor (or
/// after a `Before` one) are left out: the tail of 临期 reads one or two ranges. The warning
/// needs no test of its own: deadlines and warnings are stored as dates (`fmt_date`), so for a
/// ticket of length `L`, `warn_at <= today` is exactly `due <= today + L` (the tests compare the
/// pages with the domain's 临期 both ways).
fn near_page_sql(
    q: &QueueQuery,
    cursor: &Cursor,
    limit: usize,
    lengths: &[NearArm],
) -> (String, Vec<Value>) {
    let today = fmt_date(q.today);
    let backwards = matches!(cursor, Cursor::Before(_) | Cursor::Last);
    let dir = if backwards { "DESC" } else { "ASC" };
    let mut arms = Vec::with_capacity(lengths.len());
    let mut a = vec![];
    let needed = |arm: &&NearArm| match cursor {
        Cursor::After(k) => arm.last >= k.due,
        Cursor::Before(k) => arm.first <= k.due,
        Cursor::First | Cursor::Last => true,
    };
    let select = |len: i64, range: &str| {
        format!(
            "SELECT t.due, t.id FROM tickets t INDEXED BY tickets_open_near
             WHERE t.open = 1 AND {NEAR_LENGTH} = {len} AND {range}"
        )
    };
    let text = |s: &str| Value::Text(s.to_string());
    for arm in lengths.iter().filter(needed) {
        match cursor {
            Cursor::First | Cursor::Last => {
                arms.push(select(arm.len, "t.due >= ? AND t.due <= ?"));
                a.extend([text(&today), text(&arm.end)]);
            }
            // Past the cursor in one length: the rest of the cursor's day by id, then the days
            // after (before) it, each one range SQLite seeks exactly. (A row value `(due, id) >
            // (?, ?)` it seeks by the deadline alone, passing every ticket of the cursor's day
            // up to it; given two lower bounds it may seek the looser.)
            Cursor::After(k) | Cursor::Before(k) => {
                let id_op = if backwards { "<" } else { ">" };
                if today <= k.due && k.due <= arm.end {
                    arms.push(select(arm.len, &format!("t.due = ? AND t.id {id_op} ?")));
                    a.extend([text(&k.due), Value::Integer(k.id)]);
                }
                let rest = match (backwards, k.due.as_str()) {
                    (false, d) if d >= arm.end.as_str() => None,
                    (false, d) if d >= today.as_str() => Some(("t.due > ? AND t.due <= ?", d)),
                    (true, d) if d <= today.as_str() => None,
                    (true, d) if d <= arm.end.as_str() => Some(("t.due < ? AND t.due >= ?", d)),
                    _ => Some(("t.due >= ? AND t.due <= ?", "")),
                };
                match rest {
                    Some((range, "")) => {
                        arms.push(select(arm.len, range));
                        a.extend([text(&today), text(&arm.end)]);
                    }
                    Some((range, d)) => {
                        let other = if backwards { &today } else { &arm.end };
                        arms.push(select(arm.len, range));
                        a.extend([text(d), text(other)]);
                    }
                    None => {}
                }
            }
        }
    }
    if arms.is_empty() {
        // Nothing past the cursor: one seek to a length no ticket has.
        return (
            format!(
                "SELECT {ROW_COLS} FROM tickets t INDEXED BY tickets_open_near
                 WHERE t.open = 1 AND {NEAR_LENGTH} = -1"
            ),
            vec![],
        );
    }
    // The merge reads the index alone (deadline and id); only the page's rows are then read,
    // by id. Their order is the merge's, restored by `queue_page` (`near_by_length`).
    let sql = format!(
        "SELECT {ROW_COLS} FROM ({} ORDER BY 1 {dir}, 2 {dir} LIMIT {}) m
         CROSS JOIN tickets t ON t.id = m.id",
        arms.join(" UNION ALL "),
        limit + 1
    );
    (sql, a)
}

/// Whether a 临期 page is read as a merge of one deadline range per warning length: by
/// deadline, with no other filter, search or limit on who sees what (every other 临期 page reads
/// the index of its other filter, which holds the warning too).
fn near_by_length(q: &QueueQuery, vis: Visibility) -> bool {
    let f = &q.filters;
    f.level == Some(Level::Near)
        && f.behind.is_none()
        && q.effective_sort() == Sort::Due
        && q.search.is_none()
        && matches!(vis, Visibility::All)
        && f.stage.is_none()
        && f.state.is_none()
        && f.department.is_none()
        && f.channel.is_none()
        && f.place.is_none()
        && f.mine.is_none()
        && !contradictory(q)
}

/// Only the tickets the account sees.
fn push_visibility(w: &mut Vec<String>, a: &mut Vec<Value>, vis: Visibility) {
    match vis {
        Visibility::All => {}
        Visibility::Center(c) => {
            w.push("t.center_id = ?".into());
            a.push(Value::Integer(c));
        }
        Visibility::Department(d) => {
            w.push("t.department_id = ?".into());
            a.push(Value::Integer(d));
        }
    }
}

/// The WHERE clause (without cursor) and its arguments.
/// `near_until`: for 临期, the latest deadline of any ticket in its warning window
/// (`Store::near_bounds`), which bounds the deadline range a page or count reads.
fn conditions(
    q: &QueueQuery,
    vis: Visibility,
    near_until: Option<&str>,
) -> (Vec<String>, Vec<Value>) {
    let mut w: Vec<String> = vec![];
    let mut a: Vec<Value> = vec![];
    let f = &q.filters;
    // A ticket number finds its ticket in any scope and past every filter (a clerk who types
    // the number on a slip wants that ticket), still only among the tickets the account sees.
    if let Some(Query::Number { year, seq }) = &q.search {
        push_visibility(&mut w, &mut a, vis);
        w.push("t.year = ? AND t.seq = ?".into());
        a.push(Value::Integer(i64::from(*year)));
        a.push(Value::Integer(*seq));
        return (w, a);
    }
    match rows_read(q) {
        Rows::Open => w.push("t.open = 1".into()),
        Rows::Closed => w.push("t.open = 0".into()),
        Rows::All => {}
    }
    if contradictory(q) {
        w.push("0".into());
    }
    push_visibility(&mut w, &mut a, vis);
    if let Some(s) = f.stage {
        w.push("t.stage = ?".into());
        a.push(Value::Text(s.code().into()));
    }
    if let Some(s) = f.state {
        w.push("t.state = ?".into());
        a.push(Value::Text(s.code().into()));
    }
    if let Some(d) = f.department {
        w.push("t.department_id = ?".into());
        a.push(Value::Integer(d));
    }
    if let Some(c) = f.channel {
        w.push("t.channel = ?".into());
        a.push(Value::Text(c.code().into()));
    }
    if let Some(p) = f.place {
        w.push("t.place_id = ?".into());
        a.push(Value::Integer(p));
    }
    if let Some(m) = f.mine {
        w.push("t.first_staff_id = ?".into());
        a.push(Value::Integer(m));
    }
    if let Some(b) = &f.behind {
        // At most a period's dispatches of one unit: their ids as numbers in the statement.
        let ids: Vec<String> = b.ids.iter().map(i64::to_string).collect();
        w.push(format!("t.id IN ({})", ids.join(",")));
    }
    let today = Value::Text(fmt_date(q.today));
    match f.level {
        None => {}
        Some(Level::Severe) => {
            w.push("t.due < ?".into());
            a.push(Value::Text(fmt_date(q.severe_before)));
        }
        Some(Level::Overdue) => {
            // 超期 but not yet 严重超期.
            w.push("t.due < ? AND t.due >= ?".into());
            a.push(today);
            a.push(Value::Text(fmt_date(q.severe_before)));
        }
        Some(Level::Near) => {
            w.push("t.due >= ? AND t.warn_at <= ?".into());
            a.push(today.clone());
            a.push(today);
            // Without it, a page read from the latest deadline down (the last page) would pass
            // every ticket not yet warned before the first one that is.
            if let Some(until) = near_until {
                w.push("t.due <= ?".into());
                a.push(Value::Text(until.to_string()));
            }
        }
        Some(Level::Normal) => {
            // Tickets without a running clock (waiting for a meeting …) have no level.
            w.push("t.warn_at > ? AND t.due < ?".into());
            a.push(today);
            a.push(Value::Text(NO_DUE.into()));
        }
    }
    match &q.search {
        None => {}
        // Answered above, before the scope and the filters.
        Some(Query::Number { .. }) => {}
        Some(Query::Text { fts, verify }) => {
            w.push(if rows_read(q) == Rows::Open {
                "s.ticket_search_open MATCH ?".into()
            } else {
                "s.ticket_search MATCH ?".into()
            });
            a.push(Value::Text(fts.clone()));
            for v in verify {
                w.push(
                    "(instr(t.summary, ?) > 0 OR instr(t.content, ?) > 0 OR instr(t.request, ?) > 0 OR instr(t.petitioner_names, ?) > 0)"
                        .into(),
                );
                for _ in 0..4 {
                    a.push(Value::Text(v.clone()));
                }
            }
        }
    }
    (w, a)
}

/// The one index a queue page reads, named so that the planner cannot choose another
/// (`INDEXED BY`): the statistics of a ten-year history and of a city's backlog lead SQLite's
/// planner to different plans, some of them a sort of every open ticket. Each index here
/// returns the rows in the page's order, so a page reads about as many index entries as it
/// shows (tested with `EXPLAIN QUERY PLAN` in tests/queue_plans.rs). The most selective filter
/// leads: 我的, community, department, channel, state, stage; then who may see what.
fn index_for(q: &QueueQuery, vis: Visibility, sort: Sort) -> Option<&'static str> {
    let f = &q.filters;
    // A few tickets by id: read by their ids and ordered, whatever else is asked.
    if f.behind.is_some() {
        return None;
    }
    let rows = rows_read(q);
    let dims: [(bool, &'static str); 7] = [
        (f.mine.is_some(), "first_staff"),
        (f.place.is_some(), "place"),
        (f.department.is_some(), "department"),
        (f.channel.is_some(), "channel"),
        (f.state.is_some(), "state"),
        (f.stage.is_some(), "stage"),
        (
            !matches!(vis, Visibility::All),
            match vis {
                Visibility::Department(_) => "department",
                _ => "center",
            },
        ),
    ];
    let dim = dims.iter().find(|(on, _)| *on).map(|(_, d)| *d);
    // Department and channel together: their own indexes (在办 by deadline or by id; outside it
    // newest or oldest first).
    if f.department.is_some() && f.channel.is_some() && f.mine.is_none() && f.place.is_none() {
        match (rows, sort) {
            (Rows::Open, Sort::Due) => return Some("tickets_open_department_channel_due"),
            (Rows::Open, Sort::NewestFirst | Sort::OldestFirst) => {
                return Some("tickets_open_department_channel");
            }
            (Rows::Closed, Sort::NewestFirst | Sort::OldestFirst) => {
                return Some("tickets_closed_department_channel");
            }
            (Rows::All, Sort::NewestFirst | Sort::OldestFirst) => {
                return Some("tickets_department_channel");
            }
            _ => {}
        }
    }
    Some(match (rows, sort, dim) {
        (Rows::Open, Sort::Due, None) => "tickets_open_due",
        (Rows::Open, Sort::Due, Some(d)) => match d {
            "first_staff" => "tickets_open_first_staff_due",
            "place" => "tickets_open_place_due",
            "department" => "tickets_open_department_due",
            "channel" => "tickets_open_channel_due",
            "state" => "tickets_open_state_due",
            "stage" => "tickets_open_stage_due",
            _ => "tickets_open_center_due",
        },
        (Rows::Open, _, None) | (Rows::Closed, _, None) => "tickets_open",
        (Rows::Open, _, Some(d)) => match d {
            "first_staff" => "tickets_open_first_staff",
            "place" => "tickets_open_place",
            "department" => "tickets_open_department",
            "channel" => "tickets_open_channel",
            "state" => "tickets_open_state",
            "stage" => "tickets_open_stage",
            _ => "tickets_open_center",
        },
        // 已结: closed tickets only (a state or stage filter has its own: closed states are few).
        (Rows::Closed, _, Some(d)) if !matches!(d, "state" | "stage") => match d {
            "first_staff" => "tickets_closed_first_staff",
            "place" => "tickets_closed_place",
            "department" => "tickets_closed_department",
            "channel" => "tickets_closed_channel",
            _ => "tickets_closed_center",
        },
        (_, _, Some(d)) => match d {
            "first_staff" => "tickets_first_staff",
            "place" => "tickets_place",
            "department" => "tickets_department",
            "channel" => "tickets_channel",
            "state" => "tickets_state",
            "stage" => "tickets_stage",
            _ => "tickets_center",
        },
        // Everything newest or oldest first: the table itself, in id order.
        (Rows::All, _, None) => return None,
    })
}

/// Full-text search is SQLite's FTS5 (`ticket_search`, contentless, bigram tokens): the rows a
/// text search reads from; in 在办 `ticket_search_open`, the same tokens of open tickets only.
/// These two, the MATCH in `conditions` and `tickets::index_for_search` are all a second
/// database replaces for search.
const SEARCH_FROM: &str = "ticket_search s CROSS JOIN tickets t ON t.id = s.rowid";
const SEARCH_FROM_OPEN: &str = "ticket_search_open s CROSS JOIN tickets t ON t.id = s.rowid";

/// The FROM clause of a page or count: the search index first for a text search (CROSS JOIN
/// keeps it outermost), else the table through its one index.
fn from_clause(q: &QueueQuery, vis: Visibility, sort: Sort) -> String {
    if matches!(q.search, Some(Query::Text { .. })) {
        return if rows_read(q) == Rows::Open {
            SEARCH_FROM_OPEN
        } else {
            SEARCH_FROM
        }
        .to_string();
    }
    // A number is one row by its unique key; a contradiction is no row (SQLite finds no plan
    // through a named index for a WHERE that is false).
    if matches!(q.search, Some(Query::Number { .. })) || contradictory(q) {
        return "tickets t".into();
    }
    match index_for(q, vis, sort) {
        Some(ix) => format!("tickets t INDEXED BY {ix}"),
        None => "tickets t".into(),
    }
}

impl Store {
    /// One page of the queue, at most `limit` rows.
    pub fn queue_page(
        &self,
        actor: &Actor,
        q: &QueueQuery,
        cursor: &Cursor,
        limit: usize,
    ) -> Result<Page> {
        let (sql, a) = self.page_sql(actor, q, cursor, limit);
        let backwards = matches!(cursor, Cursor::Before(_) | Cursor::Last);
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let mut rows: Vec<QueueRow> = stmt
            .query_map(params_from_iter(a), row)?
            .collect::<rusqlite::Result<_>>()?;
        if near_by_length(q, visibility(actor)) {
            // Read by id after the merge: put back in the merge's order.
            rows.sort_by(|x, y| (&x.due_key, x.id).cmp(&(&y.due_key, y.id)));
            if backwards {
                rows.reverse();
            }
        }
        let more = rows.len() > limit;
        rows.truncate(limit);
        if backwards {
            rows.reverse();
        }
        let (more_before, more_after) = match cursor {
            Cursor::First => (false, more),
            Cursor::Last => (more, false),
            Cursor::After(_) => (true, more),
            Cursor::Before(_) => (more, true),
        };
        Ok(Page {
            rows,
            more_before,
            more_after,
        })
    }

    /// For a 临期 filter, the latest deadline among open tickets in their warning window (read
    /// from the warned tickets' index: those 临期 and overdue, not the whole backlog) and the
    /// warning lengths of open tickets (a skip over `tickets_open_near`, one step per length);
    /// for any other query nothing. If they cannot be read the query goes unbounded (slower, the
    /// same rows). Kept until the day or the data changes (anyone's commit, or this connection's
    /// write): a clerk paging through 临期 reads them once.
    fn near_bounds(&self, q: &QueueQuery) -> NearBounds {
        if q.filters.level != Some(Level::Near) {
            return NearBounds::default();
        }
        let today = fmt_date(q.today);
        let Ok(version) = super::data_version(self.conn()) else {
            return NearBounds::default();
        };
        let changes = self.conn().total_changes();
        if let Some(m) = self.near_memo.borrow().as_ref()
            && m.today == today
            && m.data_version == version
            && m.changes == changes
        {
            return NearBounds {
                until: m.until.clone(),
                lengths: m.lengths.clone(),
            };
        }
        let latest = self
            .conn()
            .prepare_cached(
                "SELECT max(due) FROM tickets INDEXED BY tickets_open_warn
                 WHERE open = 1 AND warn_at <= ?1 AND due >= ?1",
            )
            .and_then(|mut s| s.query_row([&today], |r| r.get::<_, Option<String>>(0)));
        let until = match latest {
            Ok(Some(due)) => Some(due),
            // No ticket is 临期: a bound no deadline meets.
            Ok(None) => Some(String::new()),
            Err(_) => None,
        };
        // Without the lengths a page reads the deadline range up to `until` (the same rows).
        let lengths = self.near_arms(q.today).unwrap_or_default();
        *self.near_memo.borrow_mut() = Some(NearMemo {
            today,
            data_version: version,
            changes,
            until: until.clone(),
            lengths: lengths.clone(),
        });
        NearBounds { until, lengths }
    }

    /// The warning lengths of open tickets (a skip over `tickets_open_near`, one step per
    /// length), and for each its first and last 临期 deadline today (two seeks); lengths with no
    /// 临期 ticket are left out.
    fn near_arms(&self, today: NaiveDate) -> rusqlite::Result<Vec<NearArm>> {
        let all: Vec<i64> = self
            .conn()
            .prepare_cached(&format!(
                "WITH RECURSIVE l(v) AS (
                     SELECT (SELECT min({NEAR_LENGTH}) FROM tickets INDEXED BY tickets_open_near
                             WHERE open = 1 AND {NEAR_LENGTH} >= 0)
                     UNION ALL
                     SELECT (SELECT min({NEAR_LENGTH}) FROM tickets INDEXED BY tickets_open_near
                             WHERE open = 1 AND {NEAR_LENGTH} > l.v)
                     FROM l WHERE l.v IS NOT NULL
                 )
                 SELECT v FROM l WHERE v IS NOT NULL"
            ))?
            .query_map([], |r| r.get::<_, i64>(0))?
            .collect::<rusqlite::Result<_>>()?;
        let range = format!(
            "FROM tickets INDEXED BY tickets_open_near
             WHERE open = 1 AND {NEAR_LENGTH} = ?1 AND due >= ?2 AND due <= ?3 AND warn_at <= ?2"
        );
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT (SELECT min(due) {range}), (SELECT max(due) {range})"
        ))?;
        let from = fmt_date(today);
        let mut out = vec![];
        for len in all {
            let end = u64::try_from(len)
                .ok()
                .and_then(|n| today.checked_add_days(chrono::Days::new(n)))
                .map_or_else(|| NO_DUE.to_string(), fmt_date);
            let (first, last): (Option<String>, Option<String>) = stmt
                .query_row(rusqlite::params![len, from, end], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })?;
            if let (Some(first), Some(last)) = (first, last) {
                out.push(NearArm {
                    len,
                    end,
                    first,
                    last,
                });
            }
        }
        Ok(out)
    }

    /// The statement of one page (at most `limit + 1` rows, to know whether there are more).
    fn page_sql(
        &self,
        actor: &Actor,
        q: &QueueQuery,
        cursor: &Cursor,
        limit: usize,
    ) -> (String, Vec<Value>) {
        let near = self.near_bounds(q);
        if near_by_length(q, visibility(actor))
            && !near.lengths.is_empty()
            && near.lengths.len() <= NEAR_ARMS
        {
            return near_page_sql(q, cursor, limit, &near.lengths);
        }
        let (mut w, mut a) = conditions(q, visibility(actor), near.until.as_deref());
        let text_search = matches!(q.search, Some(Query::Text { .. }));
        let sort = q.effective_sort();
        let from = from_clause(q, visibility(actor), sort);
        let id_col = if text_search { "s.rowid" } else { "t.id" };
        // `forward` is the direction of the sort; a Before/Last cursor reads backwards.
        let backwards = matches!(cursor, Cursor::Before(_) | Cursor::Last);
        match (sort, cursor) {
            (Sort::Due, Cursor::After(k)) => {
                w.push("(t.due, t.id) > (?, ?)".into());
                a.extend([Value::Text(k.due.clone()), Value::Integer(k.id)]);
            }
            (Sort::Due, Cursor::Before(k)) => {
                w.push("(t.due, t.id) < (?, ?)".into());
                a.extend([Value::Text(k.due.clone()), Value::Integer(k.id)]);
            }
            (Sort::NewestFirst, Cursor::After(k)) | (Sort::OldestFirst, Cursor::Before(k)) => {
                w.push(format!("{id_col} < ?"));
                a.push(Value::Integer(k.id));
            }
            (Sort::NewestFirst, Cursor::Before(k)) | (Sort::OldestFirst, Cursor::After(k)) => {
                w.push(format!("{id_col} > ?"));
                a.push(Value::Integer(k.id));
            }
            _ => {}
        }
        let ascending = match sort {
            Sort::Due | Sort::OldestFirst => !backwards,
            Sort::NewestFirst => backwards,
        };
        let dir = if ascending { "ASC" } else { "DESC" };
        let order = match sort {
            Sort::Due => format!("t.due {dir}, t.id {dir}"),
            _ => format!("{id_col} {dir}"),
        };
        let where_sql = if w.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", w.join(" AND "))
        };
        let sql = format!(
            "SELECT {ROW_COLS} FROM {from} {where_sql} ORDER BY {order} LIMIT {}",
            limit + 1
        );
        (sql, a)
    }

    /// How many tickets match, counting at most `cap + 1` (the screen shows "10000+").
    pub fn queue_count(&self, actor: &Actor, q: &QueueQuery, cap: usize) -> Result<usize> {
        if let Some(n) = self.counted(actor, q)? {
            return Ok((n as usize).min(cap + 1));
        }
        let near = self.near_bounds(q);
        let (mut w, a) = conditions(q, visibility(actor), near.until.as_deref());
        let text_search = matches!(q.search, Some(Query::Text { .. }));
        let mut from = from_clause(q, visibility(actor), q.effective_sort());
        // A search whose only condition is the match (and, in 在办, being open, which its index
        // already is) counts the index's entries without reading a ticket.
        if text_search {
            let implied = |c: &str| rows_read(q) == Rows::Open && c == "t.open = 1";
            let rest = w
                .iter()
                .filter(|c| !(c.contains(" MATCH ") || implied(c)))
                .count();
            if rest == 0 {
                from = from
                    .split(" CROSS JOIN ")
                    .next()
                    .unwrap_or_default()
                    .to_string();
                w.retain(|c| c.contains(" MATCH "));
            }
        }
        let where_sql = if w.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", w.join(" AND "))
        };
        // Search hits are counted newest first, over the same (warm) pages the list reads.
        let order = if text_search {
            "ORDER BY s.rowid DESC"
        } else {
            ""
        };
        let sql = format!(
            "SELECT count(*) FROM (SELECT 1 FROM {from} {where_sql} {order} LIMIT {})",
            cap + 1
        );
        let n: i64 = self
            .conn()
            .prepare_cached(&sql)?
            .query_row(params_from_iter(a), |r| r.get(0))?;
        Ok(n as usize)
    }

    /// A count the tallies answer (`ticket_counts`, kept by triggers): no search, no level, and
    /// only the filters the tallies are kept by (scope, stage, state, department) and who may
    /// see what. `None`: the rows must be counted.
    fn counted(&self, actor: &Actor, q: &QueueQuery) -> Result<Option<i64>> {
        let f = &q.filters;
        if q.search.is_some()
            || f.behind.is_some()
            || f.level.is_some()
            || f.channel.is_some()
            || f.place.is_some()
            || f.mine.is_some()
        {
            return Ok(None);
        }
        let mut w = vec![];
        let mut a = vec![];
        match q.scope {
            Scope::Open => w.push("stage <> 'closed'"),
            Scope::Closed => w.push("stage = 'closed'"),
            Scope::All => {}
        }
        if let Some(s) = f.stage {
            w.push("stage = ?");
            a.push(Value::Text(s.code().into()));
        }
        if let Some(s) = f.state {
            w.push("state = ?");
            a.push(Value::Text(s.code().into()));
        }
        if let Some(d) = f.department {
            w.push("department_id = ?");
            a.push(Value::Integer(d));
        }
        Ok(Some(self.tally(actor, &w, a)?))
    }

    /// The sum of the tallies matching `conds` that `actor` may see.
    fn tally(&self, actor: &Actor, conds: &[&str], mut args: Vec<Value>) -> Result<i64> {
        let mut w: Vec<&str> = conds.to_vec();
        match visibility(actor) {
            Visibility::All => {}
            Visibility::Center(c) => {
                w.push("center_id = ?");
                args.push(Value::Integer(c));
            }
            Visibility::Department(d) => {
                w.push("department_id = ?");
                args.push(Value::Integer(d));
            }
        }
        let where_sql = if w.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", w.join(" AND "))
        };
        let sql = format!("SELECT IFNULL(sum(n), 0) FROM ticket_counts {where_sql}");
        Ok(self
            .conn()
            .prepare_cached(&sql)?
            .query_row(params_from_iter(args), |r| r.get(0))?)
    }

    /// Open tickets past their deadline, optionally in one stage: a range of the due index (the
    /// overdue ones only, however long the backlog).
    fn overdue_count(&self, actor: &Actor, stage: Option<Stage>, today: NaiveDate) -> Result<i64> {
        let q = QueueQuery {
            scope: Scope::Open,
            sort: Sort::Due,
            filters: Filters {
                stage,
                ..Filters::default()
            },
            search: None,
            today,
            severe_before: today,
        };
        let vis = visibility(actor);
        let (mut w, mut a) = conditions(&q, vis, None);
        w.push("t.due < ?".into());
        a.push(Value::Text(fmt_date(today)));
        let sql = format!(
            "SELECT count(*) FROM {} WHERE {}",
            from_clause(&q, vis, Sort::Due),
            w.join(" AND ")
        );
        Ok(self
            .conn()
            .prepare_cached(&sql)?
            .query_row(params_from_iter(a), |r| r.get(0))?)
    }

    /// The status bar's counts: 待拟单, 待下单, 超期.
    pub fn desk_counts(&self, actor: &Actor, today: NaiveDate) -> Result<DeskCounts> {
        Ok(DeskCounts {
            to_draft: self.tally(actor, &["stage = 'draft'"], vec![])?,
            to_issue: self.tally(actor, &["state IN ('awaiting_issue', 'escalated')"], vec![])?,
            overdue: self.overdue_count(actor, None, today)?,
            unstaffed: self.unstaffed_count()?,
            notices_due: self.notices_due_count(today)?,
        })
    }

    /// One column of the 一单制 board: its count, how many are overdue, and the first rows by
    /// deadline.
    pub fn board_column(
        &self,
        actor: &Actor,
        stage: Stage,
        today: NaiveDate,
        cursor: &Cursor,
        limit: usize,
    ) -> Result<(i64, i64, Page)> {
        let q = QueueQuery {
            scope: Scope::Open,
            sort: Sort::Due,
            filters: Filters {
                stage: Some(stage),
                ..Filters::default()
            },
            search: None,
            today,
            severe_before: today,
        };
        let page = self.queue_page(actor, &q, cursor, limit)?;
        let total = self.tally(
            actor,
            &["stage = ?"],
            vec![Value::Text(stage.code().into())],
        )?;
        let overdue = self.overdue_count(actor, Some(stage), today)?;
        Ok((total, overdue, page))
    }

    /// The floor of a page (benchmarks): the same rows read by their ids, the least any plan
    /// does to show them.
    #[doc(hidden)]
    pub fn rows_by_id(&self, ids: &[i64]) -> Result<Vec<QueueRow>> {
        let list = vec!["?"; ids.len()].join(",");
        let sql = format!("SELECT {ROW_COLS} FROM tickets t WHERE t.id IN ({list})");
        Ok(self
            .conn()
            .prepare_cached(&sql)?
            .query_map(params_from_iter(ids), row)?
            .collect::<rusqlite::Result<_>>()?)
    }

    /// The plan SQLite chose for a queue page (for tests: each step of `EXPLAIN QUERY PLAN`).
    #[doc(hidden)]
    pub fn queue_plan(
        &self,
        actor: &Actor,
        q: &QueueQuery,
        cursor: &Cursor,
    ) -> Result<Vec<String>> {
        let sql = self.page_sql(actor, q, cursor, 38);
        let mut stmt = self
            .conn()
            .prepare(&format!("EXPLAIN QUERY PLAN {}", sql.0))?;
        let rows = stmt
            .query_map(params_from_iter(sql.1), |r| r.get::<_, String>(3))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }
}
