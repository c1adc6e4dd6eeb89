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

/// The WHERE clause (without cursor) and its arguments.
fn conditions(q: &QueueQuery, vis: Visibility) -> (Vec<String>, Vec<Value>) {
    let mut w: Vec<String> = vec![];
    let mut a: Vec<Value> = vec![];
    let f = &q.filters;
    let open_only = q.scope == Scope::Open || f.level.is_some();
    if open_only {
        w.push("t.open = 1".into());
    } else if q.scope == Scope::Closed {
        w.push("t.open = 0".into());
    }
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
        Some(Query::Number { year, seq }) => {
            w.push("t.year = ? AND t.seq = ?".into());
            a.push(Value::Integer(i64::from(*year)));
            a.push(Value::Integer(*seq));
        }
        Some(Query::Text { fts, verify }) => {
            w.push(SEARCH_MATCH.into());
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

/// Full-text search is SQLite's FTS5 (`ticket_search`, contentless, bigram tokens): the rows a
/// text search reads from and its filter. These two and `tickets::index_for_search` are all a
/// second database replaces for search.
const SEARCH_FROM: &str = "ticket_search s JOIN tickets t ON t.id = s.rowid";
const SEARCH_MATCH: &str = "ticket_search MATCH ?";

impl Store {
    /// One page of the queue, at most `limit` rows.
    pub fn queue_page(
        &self,
        actor: &Actor,
        q: &QueueQuery,
        cursor: &Cursor,
        limit: usize,
    ) -> Result<Page> {
        let (mut w, mut a) = conditions(q, visibility(actor));
        let text_search = matches!(q.search, Some(Query::Text { .. }));
        let from = if text_search {
            SEARCH_FROM
        } else {
            "tickets t"
        };
        let id_col = if text_search { "s.rowid" } else { "t.id" };
        let sort = q.effective_sort();
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
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let mut rows: Vec<QueueRow> = stmt
            .query_map(params_from_iter(a), row)?
            .collect::<rusqlite::Result<_>>()?;
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

    /// How many tickets match, counting at most `cap + 1` (the screen shows "10000+").
    pub fn queue_count(&self, actor: &Actor, q: &QueueQuery, cap: usize) -> Result<usize> {
        let (w, a) = conditions(q, visibility(actor));
        let text_search = matches!(q.search, Some(Query::Text { .. }));
        let from = if text_search {
            SEARCH_FROM
        } else {
            "tickets t"
        };
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

    /// The status bar's counts: 待拟单, 待下单, 超期.
    pub fn desk_counts(&self, actor: &Actor, today: NaiveDate) -> Result<DeskCounts> {
        let (vis_w, vis_a) = match visibility(actor) {
            Visibility::All => (String::new(), vec![]),
            Visibility::Center(c) => (" AND center_id = ?".to_string(), vec![Value::Integer(c)]),
            Visibility::Department(d) => (
                " AND department_id = ?".to_string(),
                vec![Value::Integer(d)],
            ),
        };
        let count = |cond: &str, extra: Vec<Value>| -> Result<i64> {
            let sql = format!("SELECT count(*) FROM tickets WHERE {cond}{vis_w}");
            let mut args = extra;
            args.extend(vis_a.iter().cloned());
            Ok(self
                .conn()
                .prepare_cached(&sql)?
                .query_row(params_from_iter(args), |r| r.get(0))?)
        };
        Ok(DeskCounts {
            to_draft: count("stage = 'draft'", vec![])?,
            to_issue: count("state IN ('awaiting_issue', 'escalated')", vec![])?,
            overdue: count("open = 1 AND due < ?", vec![Value::Text(fmt_date(today))])?,
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
        let mut q = QueueQuery {
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
        let total = self.queue_count(actor, &q, 100_000_000)? as i64;
        q.filters.level = None;
        let (mut w, mut a) = conditions(&q, visibility(actor));
        w.push("t.due < ?".into());
        a.push(Value::Text(fmt_date(today)));
        let sql = format!("SELECT count(*) FROM tickets t WHERE {}", w.join(" AND "));
        let overdue: i64 = self
            .conn()
            .prepare_cached(&sql)?
            .query_row(params_from_iter(a), |r| r.get(0))?;
        Ok((total, overdue, page))
    }
}
