//! Issue 9: every queue page reads one index in the page's order (no sort of every matching
//! row, whatever the planner's statistics say), and the tallies the triggers keep agree with
//! the rows they count, through moves, edits behind the store's back and `audit verify`.

mod common;

use common::{demo_db, now, open};
use suqiu::domain::limits::level_bounds;
use suqiu::domain::roles::Actor;
use suqiu::domain::search::parse_query;
use suqiu::domain::vocab::{Channel, Level, Stage, State};
use suqiu::store::Store;
use suqiu::store::queue::{Cursor, Filters, Key, QueueQuery, Scope, Sort};

fn filters(store: &Store, me: Option<i64>) -> Vec<(&'static str, Filters)> {
    let refs = store.refs().unwrap();
    let dept = refs.departments.first().map(|d| d.id);
    let place = refs.places.first().map(|p| p.id);
    let f = Filters::default;
    vec![
        ("none", f()),
        (
            "stage",
            Filters {
                stage: Some(Stage::Handle),
                ..f()
            },
        ),
        (
            "closed_stage",
            Filters {
                stage: Some(Stage::Closed),
                ..f()
            },
        ),
        (
            "state",
            Filters {
                state: Some(State::Handling),
                ..f()
            },
        ),
        (
            "closed_state",
            Filters {
                state: Some(State::Closed),
                ..f()
            },
        ),
        (
            "level_overdue",
            Filters {
                level: Some(Level::Overdue),
                ..f()
            },
        ),
        (
            "level_severe",
            Filters {
                level: Some(Level::Severe),
                ..f()
            },
        ),
        (
            "level_near",
            Filters {
                level: Some(Level::Near),
                ..f()
            },
        ),
        (
            "level_normal",
            Filters {
                level: Some(Level::Normal),
                ..f()
            },
        ),
        (
            "department",
            Filters {
                department: dept,
                ..f()
            },
        ),
        (
            "channel",
            Filters {
                channel: Some(Channel::PartyMember),
                ..f()
            },
        ),
        ("place", Filters { place, ..f() }),
        ("mine", Filters { mine: me, ..f() }),
        (
            "dept_and_channel",
            Filters {
                department: dept,
                channel: Some(Channel::Phone),
                ..f()
            },
        ),
        (
            "state_and_place",
            Filters {
                state: Some(State::Handling),
                place,
                ..f()
            },
        ),
    ]
}

fn actors(store: &Store) -> Vec<(&'static str, Actor)> {
    vec![
        ("admin", store.session("1001").unwrap().actor),
        ("director", store.session("1002").unwrap().actor),
        ("clerk", store.session("1003").unwrap().actor),
        ("department", store.session("2001").unwrap().actor),
    ]
}

#[test]
fn every_queue_page_reads_one_index_in_its_order() {
    let (_d, path) = demo_db();
    let store = open(&path);
    let b = level_bounds(now().date(), &store.calendar().unwrap());
    let key = Key {
        due: "2026-11-20".into(),
        id: 50,
    };
    let mut checked = 0;
    for (who, actor) in actors(&store) {
        for (name, f) in filters(&store, actor.staff_id) {
            for scope in [Scope::Open, Scope::Closed, Scope::All] {
                for sort in [Sort::Due, Sort::NewestFirst, Sort::OldestFirst] {
                    let mut q = QueueQuery::new(&b);
                    q.scope = scope;
                    q.sort = sort;
                    q.filters = f.clone();
                    for cursor in [
                        Cursor::First,
                        Cursor::After(key.clone()),
                        Cursor::Before(key.clone()),
                        Cursor::Last,
                    ] {
                        // 在办 with a closed state, or 已结 with an open one: nothing to read
                        // (SQLite tests the false WHERE once, before any row).
                        let nothing = match scope {
                            Scope::Open => name.starts_with("closed_"),
                            Scope::Closed => {
                                !name.starts_with("closed_") && {
                                    f.state.is_some() || f.stage.is_some() || f.level.is_some()
                                }
                            }
                            Scope::All => false,
                        };
                        if nothing {
                            let p = store.queue_page(&actor, &q, &cursor, 38).unwrap();
                            assert!(p.rows.is_empty(), "{who} {name} {scope:?}");
                            continue;
                        }
                        let plan = store.queue_plan(&actor, &q, &cursor).unwrap();
                        let text = plan.join(" / ");
                        let case = format!("{who} {name} {scope:?} {sort:?} {cursor:?}: {text}");
                        assert!(!text.contains("TEMP B-TREE"), "sorts its rows: {case}");
                        assert!(
                            text.contains("USING INDEX")
                                || text.contains("USING COVERING INDEX")
                                || text.contains("USING INTEGER PRIMARY KEY")
                                || (text.starts_with("SCAN t") && q.effective_sort() != Sort::Due),
                            "reads no index in order: {case}"
                        );
                        // And the page itself runs (an index that does not fit is an error).
                        if let Err(e) = store.queue_page(&actor, &q, &cursor, 38) {
                            panic!("{case}: {e:?}");
                        }
                        checked += 1;
                    }
                }
            }
        }
    }
    assert!(checked > 1500, "{checked}");
}

#[test]
fn searches_read_the_search_index_first_and_never_sort() {
    let (_d, path) = demo_db();
    let store = open(&path);
    let b = level_bounds(now().date(), &store.calendar().unwrap());
    for (_, actor) in actors(&store) {
        for text in ["物业", "物业费", "zjg"] {
            for scope in [Scope::Open, Scope::Closed, Scope::All] {
                for cursor in [Cursor::First, Cursor::Last] {
                    let mut q = QueueQuery::new(&b);
                    q.scope = scope;
                    q.search = Some(parse_query(text).unwrap());
                    let plan = store.queue_plan(&actor, &q, &cursor).unwrap().join(" / ");
                    assert!(
                        plan.starts_with("SCAN s VIRTUAL TABLE"),
                        "{text} {scope:?}: {plan}"
                    );
                    assert!(!plan.contains("TEMP B-TREE"), "{text} {scope:?}: {plan}");
                }
            }
        }
    }
}

/// id, open, due, state, department, channel.
type Row = (i64, bool, String, String, Option<i64>, String);

/// The page of a pinned plan is the page of the plain query: the same rows in the same order.
#[test]
fn pinned_pages_are_the_pages_of_the_query() {
    let (_d, path) = demo_db();
    let store = open(&path);
    let b = level_bounds(now().date(), &store.calendar().unwrap());
    let director = store.session("1002").unwrap().actor;
    let all: Vec<Row> = {
        let c = rusqlite::Connection::open(&path).unwrap();
        let mut s = c
            .prepare("SELECT id, open, due, state, department_id, channel FROM tickets ORDER BY id")
            .unwrap();
        s.query_map([], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get::<_, Option<String>>(2)?.unwrap_or_default(),
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
            ))
        })
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
    };
    for (name, f) in filters(&store, director.staff_id) {
        if f.level.is_some() || f.place.is_some() || f.mine.is_some() || f.stage.is_some() {
            continue;
        }
        for scope in [Scope::Open, Scope::Closed, Scope::All] {
            let mut q = QueueQuery::new(&b);
            q.scope = scope;
            q.filters = f.clone();
            let mut expected: Vec<&Row> = all
                .iter()
                .filter(|t| match scope {
                    Scope::Open => t.1,
                    Scope::Closed => !t.1,
                    Scope::All => true,
                })
                .filter(|t| f.state.is_none_or(|s| s.code() == t.3))
                .filter(|t| f.department.is_none_or(|d| t.4 == Some(d)))
                .filter(|t| f.channel.is_none_or(|c| c.code() == t.5))
                .collect();
            match q.effective_sort() {
                Sort::Due => expected.sort_by(|a, b| (&a.2, a.0).cmp(&(&b.2, b.0))),
                Sort::NewestFirst => expected.sort_by_key(|t| std::cmp::Reverse(t.0)),
                Sort::OldestFirst => {}
            }
            let mut got = vec![];
            let mut cursor = Cursor::First;
            loop {
                let p = store
                    .queue_page(&director, &q, &cursor, 7)
                    .unwrap_or_else(|e| panic!("{name} {scope:?}: {e:?}"));
                got.extend(p.rows.iter().map(|r| r.id));
                match p.rows.last() {
                    Some(r) if p.more_after => cursor = Cursor::After(r.key()),
                    _ => break,
                }
            }
            let want: Vec<i64> = expected.iter().map(|t| t.0).collect();
            assert_eq!(got, want, "{name} {scope:?}");
            let count = store.queue_count(&director, &q, 100_000).unwrap();
            assert_eq!(count, want.len(), "count {name} {scope:?}");
        }
    }
}

fn tally_problems(store: &Store) -> Vec<String> {
    store
        .replay_audit()
        .unwrap()
        .problems
        .iter()
        .map(|p| p.text(suqiu::domain::Lang::Zh))
        .collect()
}

#[test]
fn the_tallies_follow_every_move_and_audit_verify_recounts_them() {
    let (_d, path) = demo_db();
    let store = open(&path);
    assert_eq!(tally_problems(&store), Vec::<String>::new());
    let director = store.session("1002").unwrap().actor;
    let b = level_bounds(now().date(), &store.calendar().unwrap());
    // The status bar's counts are the rows' counts.
    let c = rusqlite::Connection::open(&path).unwrap();
    let n = |sql: &str| -> i64 { c.query_row(sql, [], |r| r.get(0)).unwrap() };
    let counts = store.desk_counts(&director, now().date()).unwrap();
    let center = match suqiu::domain::roles::visibility(&director) {
        suqiu::domain::roles::Visibility::Center(c) => format!("= {c}"),
        _ => "IS NOT NULL".into(),
    };
    assert_eq!(
        counts.to_draft,
        n(&format!(
            "SELECT count(*) FROM tickets WHERE stage = 'draft' AND center_id {center}"
        ))
    );
    assert_eq!(
        counts.overdue,
        n(&format!(
            "SELECT count(*) FROM tickets WHERE open = 1 AND due < '{}' AND center_id {center}",
            now().date()
        ))
    );
    let q = QueueQuery::new(&b);
    assert_eq!(
        store.queue_count(&director, &q, 100_000).unwrap() as i64,
        n(&format!(
            "SELECT count(*) FROM tickets WHERE open = 1 AND center_id {center}"
        ))
    );
    drop(store);

    // Someone edits the tallies with sqlite3: verify names it.
    c.execute(
        "UPDATE ticket_counts SET n = n + 2 WHERE (center_id, department_id, stage, state) IN
         (SELECT center_id, department_id, stage, state FROM ticket_counts LIMIT 1)",
        [],
    )
    .unwrap();
    c.execute("UPDATE department_returns SET n = n + 1", [])
        .unwrap();
    c.execute(
        "DELETE FROM ticket_search_open WHERE rowid = (SELECT min(id) FROM tickets WHERE open = 1)",
        [],
    )
    .unwrap();
    let store = open(&path);
    let problems = tally_problems(&store);
    assert!(
        problems.iter().any(|p| p.contains("计数表与工单不符")),
        "{problems:?}"
    );
    assert!(
        problems
            .iter()
            .any(|p| p.contains("退单计数与审计日志不符")),
        "{problems:?}"
    );
    assert!(
        problems
            .iter()
            .any(|p| p.contains("在办检索索引与工单不符：1 件")),
        "{problems:?}"
    );
    let out = common::suqiu_cmd()
        .args(["--db", path.to_str().unwrap(), "audit", "verify"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("计数表与工单不符"));
}

#[test]
fn an_open_ticket_leaves_the_open_search_when_it_closes_and_the_index_is_rebuilt_once() {
    let (_d, path) = demo_db();
    let c = rusqlite::Connection::open(&path).unwrap();
    let open_ids = |c: &rusqlite::Connection| -> Vec<i64> {
        c.prepare("SELECT id FROM tickets WHERE open = 1 ORDER BY id")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap()
    };
    let indexed = |c: &rusqlite::Connection| -> Vec<i64> {
        c.prepare("SELECT rowid FROM ticket_search_open ORDER BY rowid")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap()
    };
    assert!(!open_ids(&c).is_empty());
    assert_eq!(indexed(&c), open_ids(&c));
    // As if migration 10 had just run on an older file: the index is filled when the store opens.
    c.execute_batch(
        "DELETE FROM ticket_search_open; UPDATE meta SET value = 'pending' WHERE key = 'open_search';",
    )
    .unwrap();
    assert!(indexed(&c).is_empty());
    let store = open(&path);
    assert_eq!(indexed(&c), open_ids(&c));
    // A search in 在办 finds the open tickets' words, in 已结 only closed ones.
    let director = store.session("1002").unwrap().actor;
    let b = level_bounds(now().date(), &store.calendar().unwrap());
    for scope in [Scope::Open, Scope::Closed] {
        let mut q = QueueQuery::new(&b);
        q.scope = scope;
        q.search = Some(parse_query("物业").unwrap());
        let p = store
            .queue_page(&director, &q, &Cursor::First, 500)
            .unwrap();
        assert!(!p.rows.is_empty(), "{scope:?}");
        assert!(
            p.rows
                .iter()
                .all(|r| r.state.is_open() == (scope == Scope::Open)),
            "{scope:?}"
        );
    }
}

/// A search's count is the number of rows its pages show, in every scope and for every actor
/// (with or without reading the tickets: a bare match is counted from the index alone).
#[test]
fn search_counts_are_the_rows_their_pages_show() {
    let (_d, path) = demo_db();
    let store = open(&path);
    let b = level_bounds(now().date(), &store.calendar().unwrap());
    for (who, actor) in actors(&store) {
        for text in ["物业", "物业费", "zjg", "漏水"] {
            for scope in [Scope::Open, Scope::Closed, Scope::All] {
                let mut q = QueueQuery::new(&b);
                q.scope = scope;
                q.search = Some(parse_query(text).unwrap());
                let mut n = 0;
                let mut cursor = Cursor::First;
                loop {
                    let p = store.queue_page(&actor, &q, &cursor, 50).unwrap();
                    n += p.rows.len();
                    match p.rows.last() {
                        Some(r) if p.more_after => cursor = Cursor::After(r.key()),
                        _ => break,
                    }
                }
                assert_eq!(
                    store.queue_count(&actor, &q, 100_000).unwrap(),
                    n,
                    "{who} {text} {scope:?}"
                );
            }
        }
    }
}

/// ANALYZE leaves no STAT4 samples in the file (with them SQLite prepares a statement again
/// each time a value bound to an indexed column changes), and a file that has some loses them
/// when the store opens it; the row counts of sqlite_stat1 stay.
#[test]
fn the_planner_keeps_row_counts_but_no_samples() {
    let (_d, path) = demo_db();
    let store = open(&path);
    store.analyze().unwrap();
    let c = rusqlite::Connection::open(&path).unwrap();
    let n = |sql: &str| -> i64 { c.query_row(sql, [], |r| r.get(0)).unwrap() };
    assert!(n("SELECT count(*) FROM sqlite_stat1") > 10);
    assert_eq!(n("SELECT count(*) FROM sqlite_stat4"), 0);
    drop(store);
    // ANALYZE run by hand with sqlite3: samples again, gone at the next open.
    c.execute_batch("ANALYZE").unwrap();
    assert!(n("SELECT count(*) FROM sqlite_stat4") > 0);
    let _store = open(&path);
    assert_eq!(n("SELECT count(*) FROM sqlite_stat4"), 0);
    assert!(n("SELECT count(*) FROM sqlite_stat1") > 10);
}

/// 临期 pages (bounded by the latest deadline in a warning window) hold exactly the tickets the
/// domain calls 临期, forwards from the first page and backwards from the last.
#[test]
fn near_pages_hold_exactly_the_near_tickets_both_ways() {
    let (_d, path) = demo_db();
    let store = open(&path);
    let cal = store.calendar().unwrap();
    let today = now().date();
    let b = level_bounds(today, &cal);
    let director = store.session("1002").unwrap().actor;
    let c = rusqlite::Connection::open(&path).unwrap();
    let mut want: Vec<(String, i64)> = c
        .prepare("SELECT id, due, warn_at FROM tickets WHERE open = 1 AND due <> ?1")
        .unwrap()
        .query_map([suqiu::store::NO_DUE], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
            ))
        })
        .unwrap()
        .map(|r| r.unwrap())
        .filter(|(_, due, warn)| {
            let d = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
            suqiu::domain::limits::level(today, d(due), d(warn), &cal) == Level::Near
        })
        .map(|(id, due, _)| (due, id))
        .collect();
    want.sort();
    let want: Vec<i64> = want.into_iter().map(|(_, id)| id).collect();
    assert!(!want.is_empty(), "the demo has 临期 tickets");
    let mut q = QueueQuery::new(&b);
    q.filters.level = Some(Level::Near);
    let mut forward = vec![];
    let mut cursor = Cursor::First;
    loop {
        let p = store.queue_page(&director, &q, &cursor, 3).unwrap();
        forward.extend(p.rows.iter().map(|r| r.id));
        match p.rows.last() {
            Some(r) if p.more_after => cursor = Cursor::After(r.key()),
            _ => break,
        }
    }
    assert_eq!(forward, want);
    let mut backward = vec![];
    let mut cursor = Cursor::Last;
    loop {
        let p = store.queue_page(&director, &q, &cursor, 3).unwrap();
        backward.splice(0..0, p.rows.iter().map(|r| r.id));
        match p.rows.first() {
            Some(r) if p.more_before => cursor = Cursor::Before(r.key()),
            _ => break,
        }
    }
    assert_eq!(backward, want);
    assert_eq!(
        store.queue_count(&director, &q, 100_000).unwrap(),
        want.len()
    );
}

/// The index a plan reads and its columns.
fn index_read(c: &rusqlite::Connection, plan: &str) -> Option<(String, Vec<String>)> {
    let ix = plan
        .split("USING INDEX ")
        .nth(1)
        .or_else(|| plan.split("USING COVERING INDEX ").nth(1))?
        .split_whitespace()
        .next()?;
    let cols = c
        .prepare(&format!("SELECT name FROM pragma_index_info('{ix}')"))
        .unwrap()
        .query_map([], |r| r.get::<_, Option<String>>(0))
        .unwrap()
        .map(|r| r.unwrap().unwrap_or_else(|| "<expression>".into()))
        .collect();
    Some((ix.to_string(), cols))
}

/// A 临期 page reads a deadline range in which many tickets are not yet warned: the index it
/// reads holds the day each warning starts, so those are passed in the index and their rows are
/// never read (migration 15). For every actor and every filter beside the level. With no other
/// filter and no limit on what the actor sees, the page is a merge of one deadline range per
/// warning length (migration 18), each arm by the length then the deadline: no ticket passed.
#[test]
fn near_pages_test_the_warning_in_the_index() {
    let (_d, path) = demo_db();
    let store = open(&path);
    let b = level_bounds(now().date(), &store.calendar().unwrap());
    let c = rusqlite::Connection::open(&path).unwrap();
    let mut checked = 0;
    let mut merged = 0;
    for (who, actor) in actors(&store) {
        for (name, f) in filters(&store, actor.staff_id) {
            if f.level.is_some() || name.starts_with("closed_") {
                continue;
            }
            let mut q = QueueQuery::new(&b);
            q.filters = f.clone();
            q.filters.level = Some(Level::Near);
            let by_length = name == "none"
                && matches!(
                    suqiu::domain::roles::visibility(&actor),
                    suqiu::domain::roles::Visibility::All
                );
            for cursor in [Cursor::First, Cursor::Last] {
                let steps = store.queue_plan(&actor, &q, &cursor).unwrap();
                let plan = steps.join(" / ");
                if by_length {
                    assert!(plan.contains("MERGE (UNION ALL)"), "{who}: {plan}");
                    // Each arm reads the index alone; the page's rows are then read by id.
                    let arms: Vec<&String> = steps
                        .iter()
                        .filter(|s| s.contains("tickets_open_near"))
                        .collect();
                    assert!(
                        arms.iter().all(|a| a.contains("COVERING INDEX")),
                        "{who}: {plan}"
                    );
                    assert!(plan.contains("USING INTEGER PRIMARY KEY"), "{who}: {plan}");
                    assert!(!arms.is_empty(), "{who}: one arm per length: {plan}");
                    for arm in arms {
                        let (ix, cols) = index_read(&c, arm).unwrap();
                        assert_eq!(ix, "tickets_open_near", "{who}: {plan}");
                        assert_eq!(cols[..3], ["<expression>", "due", "id"], "{who}: {plan}");
                        assert!(arm.contains("due>? AND due<?"), "{who}: {arm}");
                    }
                    merged += 1;
                } else {
                    let (ix, cols) = index_read(&c, &plan)
                        .unwrap_or_else(|| panic!("{who} {name}: no index in {plan}"));
                    assert!(
                        cols.iter().any(|c| c == "warn_at"),
                        "{who} {name} {cursor:?}: {ix} ({cols:?}) lacks warn_at: {plan}"
                    );
                }
                checked += 1;
            }
        }
    }
    assert!(checked >= 40, "{checked}");
    assert!(merged >= 4, "admin and director see all: {merged}");
}

/// The latest 临期 deadline is kept between pages, and read again when anyone commits: a
/// ticket warned since (by another desk) with a later deadline than any before is on the last
/// 临期 page at once.
#[test]
fn the_kept_near_bound_follows_other_desks_commits() {
    let (_d, path) = demo_db();
    let store = open(&path);
    let today = now().date();
    let b = level_bounds(today, &store.calendar().unwrap());
    let director = store.session("1002").unwrap().actor;
    let mut q = QueueQuery::new(&b);
    q.filters.level = Some(Level::Near);
    let before = store.queue_page(&director, &q, &Cursor::Last, 5).unwrap();
    let last_due = before.rows.last().unwrap().due.unwrap();
    let c = rusqlite::Connection::open(&path).unwrap();
    // An open ticket not 临期, given a deadline after every 临期 one and a warning from today.
    let id: i64 = c
        .query_row(
            "SELECT id FROM tickets WHERE open = 1 AND warn_at > ?1 AND due <> ?2 LIMIT 1",
            rusqlite::params![today.to_string(), suqiu::store::NO_DUE],
            |r| r.get(0),
        )
        .unwrap();
    assert!(last_due < today + chrono::Duration::days(400));
    let later = (today + chrono::Duration::days(400)).to_string();
    c.execute(
        "UPDATE tickets SET due = ?1, warn_at = ?2 WHERE id = ?3",
        rusqlite::params![later, today.to_string(), id],
    )
    .unwrap();
    let after = store.queue_page(&director, &q, &Cursor::Last, 5).unwrap();
    assert_eq!(after.rows.last().map(|r| r.id), Some(id));
    // And the next day is another bound (nothing is 临期 a year from now in the demo but it).
    let mut next = q.clone();
    next.today = today + chrono::Duration::days(399);
    let page = store
        .queue_page(&director, &next, &Cursor::Last, 5)
        .unwrap();
    assert_eq!(page.rows.last().map(|r| r.id), Some(id));
}

/// Department and channel together read an index that holds both, in every scope and sort but
/// 已结/全部 by deadline (migrations 13 and 17): no row of the department on another channel is
/// read to be passed over.
#[test]
fn department_and_channel_pages_read_an_index_of_both() {
    let (_d, path) = demo_db();
    let store = open(&path);
    let b = level_bounds(now().date(), &store.calendar().unwrap());
    let c = rusqlite::Connection::open(&path).unwrap();
    let director = store.session("1002").unwrap().actor;
    let f = filters(&store, director.staff_id)
        .into_iter()
        .find(|(n, _)| *n == "dept_and_channel")
        .unwrap()
        .1;
    for (scope, sort) in [
        (Scope::Open, Sort::Due),
        (Scope::Open, Sort::NewestFirst),
        (Scope::Open, Sort::OldestFirst),
        (Scope::Closed, Sort::NewestFirst),
        (Scope::All, Sort::OldestFirst),
    ] {
        let mut q = QueueQuery::new(&b);
        q.scope = scope;
        q.sort = sort;
        q.filters = f.clone();
        let plan = store
            .queue_plan(&director, &q, &Cursor::First)
            .unwrap()
            .join(" / ");
        let (ix, cols) =
            index_read(&c, &plan).unwrap_or_else(|| panic!("{scope:?} {sort:?}: {plan}"));
        assert!(
            cols.iter().any(|c| c == "department_id") && cols.iter().any(|c| c == "channel"),
            "{scope:?} {sort:?}: {ix} {cols:?}"
        );
    }
}
