//! Issue 10: the department ranking (承办单位考评) from the audit log. Its figures are recomputed
//! here by an independent query over the log (SQL, not `domain::metrics`), a department sees only
//! its own line, and the files it writes are what a spreadsheet expects.

mod common;

use std::collections::BTreeMap;

use chrono::Duration;
use common::{demo_db, now, open, suqiu_cmd};
use suqiu::domain::metrics::{Period, Settings};

/// Per department, from the log alone: dispatches begun in the period (the events moving a
/// ticket into 已派 for a department), how each ended (the first later event that reports,
/// returns, or leaves 买单), whether the result was on or before the deadline in force (the
/// dispatch's, or the last approved extension's before the end), 报结不实 and the
/// evaluations dated in the period (attributed to the department of the ticket's last 报结果).
fn independent(path: &std::path::Path, from: &str, to: &str) -> BTreeMap<i64, [usize; 7]> {
    let c = rusqlite::Connection::open(path).unwrap();
    let sql = "
    WITH b AS (
        SELECT id, ticket_id, department_id AS d, substr(at, 1, 10) AS day,
               json_extract(payload, '$.due') AS due
        FROM audit_log
        WHERE to_state = 'dispatched' AND from_state <> 'dispatched' AND department_id IS NOT NULL
    ),
    e AS (
        SELECT b.*, (SELECT min(x.id) FROM audit_log x
                     WHERE x.ticket_id = b.ticket_id AND x.id > b.id
                       AND (x.kind IN ('report', 'return')
                            OR (x.to_state <> ''
                                AND x.to_state NOT IN ('dispatched', 'handling', 'extension_requested')))
                    ) AS end_id
        FROM b
    ),
    f AS (
        SELECT e.*, x.kind AS end_kind, substr(x.at, 1, 10) AS end_day,
               json_extract(x.payload, '$.resolution') AS claimed,
               coalesce((SELECT json_extract(y.payload, '$.due') FROM audit_log y
                         WHERE y.ticket_id = e.ticket_id AND y.id > e.id AND y.id < e.end_id
                           AND y.kind = 'extension_decision'
                           AND json_extract(y.payload, '$.approved') = 'true'
                         ORDER BY y.id DESC LIMIT 1), e.due) AS due_in_force,
               (SELECT json_extract(z.payload, '$.solved') FROM audit_log z
                WHERE z.ticket_id = e.ticket_id AND z.id > e.end_id
                  AND z.kind IN ('feedback', 'evaluate')
                  AND json_extract(z.payload, '$.satisfaction') IS NOT NULL
                ORDER BY z.id LIMIT 1) AS solved
        FROM e LEFT JOIN audit_log x ON x.id = e.end_id
    )
    SELECT d,
           count(*),
           ifnull(sum(end_kind = 'return'), 0),
           ifnull(sum(end_kind = 'report'), 0),
           ifnull(sum(end_kind = 'report' AND (due_in_force IS NULL OR end_day <= due_in_force)), 0),
           ifnull(sum(end_kind = 'report' AND claimed = 'resolved' AND solved = 'unresolved'), 0)
    FROM f WHERE day >= ?1 AND day <= ?2 GROUP BY d";
    let mut out: BTreeMap<i64, [usize; 7]> = BTreeMap::new();
    let mut stmt = c.prepare(sql).unwrap();
    let rows = stmt
        .query_map([from, to], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                [
                    r.get::<_, i64>(1)? as usize,
                    r.get::<_, i64>(2)? as usize,
                    r.get::<_, i64>(3)? as usize,
                    r.get::<_, i64>(4)? as usize,
                    r.get::<_, i64>(5)? as usize,
                    0,
                    0,
                ],
            ))
        })
        .unwrap();
    for r in rows {
        let (d, v) = r.unwrap();
        out.insert(d, v);
    }
    // Evaluations dated in the period, to the department of the last 报结果 before each.
    let evals = "
    SELECT (SELECT r.department_id FROM audit_log r
            WHERE r.ticket_id = v.ticket_id AND r.id < v.id AND r.kind = 'report'
            ORDER BY r.id DESC LIMIT 1) AS d,
           count(*), ifnull(sum(json_extract(v.payload, '$.satisfaction') <> 'dissatisfied'), 0)
    FROM audit_log v
    WHERE v.kind IN ('feedback', 'evaluate') AND json_extract(v.payload, '$.satisfaction') IS NOT NULL
      AND substr(v.at, 1, 10) >= ?1 AND substr(v.at, 1, 10) <= ?2
      AND EXISTS (SELECT 1 FROM audit_log p WHERE p.ticket_id = v.ticket_id AND p.id < v.id
                  AND p.kind = 'report'
                  AND NOT EXISTS (SELECT 1 FROM audit_log q WHERE q.ticket_id = v.ticket_id
                                  AND q.id > p.id AND q.id < v.id
                                  AND json_extract(q.payload, '$.satisfaction') IS NOT NULL))
    GROUP BY d";
    let mut stmt = c.prepare(evals).unwrap();
    let rows = stmt
        .query_map([from, to], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)? as usize,
                r.get::<_, i64>(2)? as usize,
            ))
        })
        .unwrap();
    for r in rows {
        let (d, n, ok) = r.unwrap();
        let v = out.entry(d).or_default();
        v[5] = n;
        v[6] = ok;
    }
    out
}

/// `suqiu audit verify` on the file: whether it passed, and what it printed.
fn audit_verify(path: &std::path::Path) -> (bool, String) {
    let out = suqiu_cmd()
        .arg("--db")
        .arg(path)
        .args(["audit", "verify"])
        .output()
        .unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).to_string(),
    )
}

#[test]
fn every_count_of_the_ranking_is_the_log_s() {
    let (_d, path) = demo_db();
    let store = open(&path);
    let director = store.session("1002").unwrap().actor;
    let to = now().date();
    let from = to - Duration::days(60);
    let rep = store
        .department_ranking(&director, Period::Range(from, to), Settings::default())
        .unwrap();
    let want = independent(&path, &from.to_string(), &to.to_string());
    let got: BTreeMap<i64, [usize; 7]> = rep
        .rows
        .iter()
        .map(|r| {
            let f = &r.figures;
            (
                r.unit,
                [
                    f.dispatches,
                    f.returned,
                    f.with_result,
                    f.on_time,
                    f.false_closure,
                    f.evaluations,
                    f.satisfied,
                ],
            )
        })
        .collect();
    assert_eq!(got, want);
    // The demo shows something at both ends: returns, round 2, 报结不实, overdue results.
    let sum = |f: fn(&suqiu::domain::metrics::Figures) -> usize| {
        rep.rows.iter().map(|r| f(&r.figures)).sum::<usize>()
    };
    assert!(sum(|f| f.returned) > 0, "returns");
    assert!(sum(|f| f.second_round) > 0, "round 2");
    assert!(sum(|f| f.overdue) > 0, "overdue");
    assert!(sum(|f| f.evaluated) > 0, "asked whether solved");
    let ranked: Vec<_> = rep.rows.iter().filter(|r| r.rank.is_some()).collect();
    assert!(ranked.len() >= 4, "{ranked:?}");
    assert!(
        ranked.first().unwrap().score > ranked.last().unwrap().score,
        "some units good, some poor"
    );
    // Ranks: best first, equal scores share one, the unranked last.
    for w in ranked.windows(2) {
        assert!(w[0].score >= w[1].score);
        if w[0].score == w[1].score {
            assert_eq!(w[0].rank, w[1].rank);
        }
    }
    assert_eq!(rep.head, store.audit_head().unwrap());
}

#[test]
fn a_department_sees_its_own_line_only() {
    let (_d, path) = demo_db();
    let store = open(&path);
    let dept = store.session("2001").unwrap().actor;
    let director = store.session("1002").unwrap().actor;
    let to = now().date();
    let p = Period::Range(to - Duration::days(90), to);
    let own = store
        .department_ranking(&dept, p, Settings::default())
        .unwrap();
    let all = store
        .department_ranking(&director, p, Settings::default())
        .unwrap();
    assert!(own.own_only && !all.own_only);
    assert_eq!(own.rows.len(), 1);
    assert_eq!(Some(own.rows[0].unit), dept.department_id);
    let same = all
        .rows
        .iter()
        .find(|r| r.unit == own.rows[0].unit)
        .unwrap();
    assert_eq!(
        same, &own.rows[0],
        "its line as the director sees it, rank included"
    );
    let text = suqiu::reports::ranking_text(&own, 5, now(), suqiu::domain::Lang::Zh);
    assert!(!text.contains("红榜") && !text.contains("黑榜"), "{text}");
    let others: Vec<&str> = all
        .rows
        .iter()
        .filter(|r| r.unit != own.rows[0].unit)
        .map(|r| r.name.as_str())
        .collect();
    assert!(others.iter().all(|n| !text.contains(n)), "{text}");
}

#[test]
fn the_ranking_on_paper_and_in_spreadsheets() {
    let (dir, path) = demo_db();
    let month = {
        let d = now().date() - Duration::days(30);
        format!("{}", d.format("%Y-%m"))
    };
    let run = |args: &[&str]| {
        let out = suqiu_cmd()
            .arg("--db")
            .arg(&path)
            .args(["report", "departments", "--month", &month])
            .args(args)
            .output()
            .unwrap();
        (
            out.status.success(),
            String::from_utf8_lossy(&out.stdout).to_string(),
            String::from_utf8_lossy(&out.stderr).to_string(),
        )
    };
    let (ok, text, err) = run(&[]);
    assert!(ok, "{err}");
    assert!(text.contains("承办单位考评") && text.contains("审计链头") && text.contains("红榜"));
    // Read-only and deterministic: the same figures twice (the cut-off line aside).
    let strip = |s: &str| -> String {
        s.lines()
            .filter(|l| !l.starts_with("截止时间"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert_eq!(strip(&run(&[]).1), strip(&text));

    let csv = dir.path().join("考评.csv");
    let (ok, _, err) = run(&["--format", "csv", "--out", csv.to_str().unwrap()]);
    assert!(ok, "{err}");
    let bytes = std::fs::read(&csv).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "Excel needs the BOM");
    let body = String::from_utf8(bytes[3..].to_vec()).unwrap();
    let mut lines = body.lines();
    assert!(
        lines
            .next()
            .unwrap()
            .starts_with("名次,承办单位,综合得分,派单数")
    );
    let first: Vec<&str> = lines.next().unwrap().split(',').collect();
    assert_eq!(first[0], "1");
    assert!(
        first[5]
            .parse::<f64>()
            .is_ok_and(|v| (0.0..=1.0).contains(&v)),
        "{first:?}"
    );
    assert!(
        body.trim_end()
            .lines()
            .last()
            .unwrap()
            .starts_with("# 审计链头")
    );

    let xlsx = dir.path().join("考评.xlsx");
    let (ok, _, err) = run(&["--format", "xlsx", "--out", xlsx.to_str().unwrap()]);
    assert!(ok, "{err}");
    use calamine::{Data, Reader, Xlsx, open_workbook};
    let mut wb: Xlsx<_> = open_workbook(&xlsx).unwrap();
    assert_eq!(
        wb.sheet_names(),
        ["承办单位考评", "红黑榜", "得分趋势", "审计链头"]
    );
    // The trend: twelve months, the last the report's, a score per unit where it has one.
    let trend = wb.worksheet_range("得分趋势").unwrap();
    assert_eq!(trend.height(), 13, "a header and twelve months");
    assert!(
        (1..13).any(
            |r| matches!(trend.get_value((r, 1)), Some(Data::Float(v)) if (0.0..=100.0).contains(v))
        ),
        "scores as numbers"
    );
    let range = wb.worksheet_range("承办单位考评").unwrap();
    assert_eq!(
        range.get_value((1, 3)),
        Some(&Data::String("派单数".into()))
    );
    assert!(
        matches!(range.get_value((2, 3)), Some(Data::Float(_))),
        "numbers as numbers"
    );
    assert!(matches!(range.get_value((2, 5)), Some(Data::Float(v)) if *v <= 1.0));

    // Bad input says what to fix and writes nothing.
    let (ok, _, err) = run(&["--year", "2026"]);
    assert!(!ok && err.contains("请给出一个时段"), "{err}");
    let bad = suqiu_cmd()
        .arg("--db")
        .arg(&path)
        .args(["report", "departments", "--month", "2026-13"])
        .output()
        .unwrap();
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("2026-11"));
    let (ok, _, err) = run(&["--weights", "a:b"]);
    assert!(!ok && err.contains("20:40:40"), "{err}");
    let (ok, _, err) = run(&["--format", "xlsx"]);
    assert!(!ok && err.contains("--out"), "{err}");
}

/// The 考评 pane from the keyboard: the director sees every unit of last month, steps the
/// figure, and `Enter` opens the queue on exactly the tickets behind the unit's figure; a
/// department sees its own line; a desk clerk is refused.
#[test]
fn the_review_pane_from_the_keyboard() {
    use common::{key, screen, signed_in, typ};
    use ratatui::crossterm::event::KeyCode;
    use suqiu::domain::metrics::Figure;
    let (_d, path) = demo_db();
    let (mut app, mut ctx) = signed_in(&path, "1002", "200200");
    typ(&mut app, &mut ctx, "7");
    let s = screen(&app);
    assert!(
        s.contains("考评") && s.contains("综合得分") && s.contains("近12个月"),
        "{s}"
    );
    let rep = app.review.ranking.clone().expect("the ranking is loaded");
    assert!(rep.rows.len() >= 3, "{s}");
    let last_month = {
        use chrono::Datelike;
        let d = now().date().with_day(1).unwrap().pred_opt().unwrap();
        Period::Month(d.year(), d.month())
    };
    assert_eq!(rep.period, last_month);
    // Find a unit with a result after its deadline (按时办结率 below 100 %), by keys.
    typ(&mut app, &mut ctx, "i");
    typ(&mut app, &mut ctx, "i");
    assert_eq!(app.review.figure(), Figure::OnTime);
    let target = rep
        .rows
        .iter()
        .position(|r| r.figures.overdue > 0)
        .expect("the demo has a late result last month");
    for _ in 0..target {
        typ(&mut app, &mut ctx, "j");
    }
    let unit = rep.rows[target].unit;
    key(&mut app, &mut ctx, KeyCode::Enter);
    let q = app.queue.query.clone().unwrap();
    let behind = q
        .filters
        .behind
        .clone()
        .expect("the queue shows the tickets behind");
    let store = open(&path);
    let director = store.session("1002").unwrap().actor;
    let want = store
        .tickets_behind(&director, last_month, unit, Figure::OnTime)
        .unwrap();
    assert_eq!(behind.ids.to_vec(), want);
    let mut shown: Vec<i64> = app.queue.page.rows.iter().map(|r| r.id).collect();
    shown.sort_unstable();
    assert_eq!(shown, want, "exactly those tickets, closed ones included");
    assert_eq!(app.queue.count, Some(want.len()));
    let s = screen(&app);
    assert!(
        s.contains("考评:") && s.contains(&rep.rows[target].name),
        "{s}"
    );
    // Previous period by key: the month before.
    typ(&mut app, &mut ctx, "7");
    typ(&mut app, &mut ctx, "[");
    assert_eq!(
        app.review.ranking.as_ref().unwrap().period,
        last_month.previous()
    );

    // A department: its own line; a clerk: refused, no tab.
    let (mut dept, mut dc) = signed_in(&path, "2001", "400400");
    typ(&mut dept, &mut dc, "7");
    let own = dept.review.ranking.clone().unwrap();
    let dept_actor = store.session("2001").unwrap().actor;
    assert!(own.own_only);
    assert_eq!(
        own.rows.iter().map(|r| Some(r.unit)).collect::<Vec<_>>(),
        [dept_actor.department_id],
        "its own line and no other"
    );
    let (mut clerk, mut cc) = signed_in(&path, "1003", "300300");
    assert!(!screen(&clerk).contains("考评"));
    typ(&mut clerk, &mut cc, "7");
    assert!(clerk.review.ranking.is_none());
    assert!(
        screen(&clerk).contains("考评由主任、管理员查看"),
        "{}",
        screen(&clerk)
    );
    let clerk_actor = store.session("1003").unwrap().actor;
    assert!(
        store
            .department_ranking(&clerk_actor, last_month, Settings::default())
            .is_err()
    );
}

/// The dispatches the reports read are kept beside the log by the same transactions: after a
/// desk's moves they are the log's own; a row changed with `sqlite3` is named by `audit
/// verify`, and `audit rebuild-figures` (an administrator, audited) restores the log's.
#[test]
fn the_kept_dispatches_are_the_log_s_and_tampering_is_found() {
    let (_d, path) = demo_db();
    let verify = || audit_verify(&path);
    let (ok, text) = verify();
    assert!(ok, "{text}");
    let c = rusqlite::Connection::open(&path).unwrap();
    let kept: i64 = c
        .query_row("SELECT count(*) FROM dispatch_facts", [], |r| r.get(0))
        .unwrap();
    let dispatched: i64 = c
        .query_row(
            "SELECT count(*) FROM audit_log WHERE to_state = 'dispatched'
               AND from_state <> 'dispatched' AND department_id IS NOT NULL",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(kept, dispatched, "one row per dispatch in the log");
    // Someone improves a department's figures by hand: a 退单 becomes a result.
    let (ticket, year, seq): (i64, i32, i64) = c
        .query_row(
            "SELECT f.ticket_id, t.year, t.seq FROM dispatch_facts f JOIN tickets t ON t.id = f.ticket_id
             WHERE f.end_kind = 'returned' LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    c.execute(
        "UPDATE dispatch_facts SET end_kind = 'result', end_code = 'resolved' WHERE ticket_id = ?1
           AND end_kind = 'returned'",
        [ticket],
    )
    .unwrap();
    let (ok, text) = verify();
    assert!(!ok, "a changed dispatch fails the check");
    let number = suqiu::domain::ticket_number(year, seq);
    assert!(
        text.contains("考评派单表") && text.contains(&number),
        "{text}"
    );
    // A clerk may not rebuild it; an administrator does, and the event says so.
    let clerk = suqiu_cmd()
        .env("SUQIU_STAFF", "1003")
        .env("SUQIU_PIN", "300300")
        .arg("--db")
        .arg(&path)
        .args(["audit", "rebuild-figures"])
        .output()
        .unwrap();
    assert!(!clerk.status.success());
    let admin = suqiu_cmd()
        .arg("--db")
        .arg(&path)
        .args(["audit", "rebuild-figures"])
        .output()
        .unwrap();
    assert!(
        admin.status.success(),
        "{}",
        String::from_utf8_lossy(&admin.stderr)
    );
    let (ok, text) = verify();
    assert!(ok, "{text}");
    let rebuilt: i64 = c
        .query_row(
            "SELECT count(*) FROM audit_log WHERE kind = 'dispatch_facts_rebuilt'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(rebuilt, 1);
    // A desk's move keeps them: the department reports a result on a ticket in hand.
    let store = open(&path);
    let dept = store.session("2001").unwrap().actor;
    drop(store);
    let before: i64 = c
        .query_row(
            "SELECT count(*) FROM dispatch_facts WHERE end_kind = 'result'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let handling = common::tickets(&path)
        .into_iter()
        .find(|t| {
            t.state == suqiu::domain::vocab::State::Handling
                && t.department_id == dept.department_id
        })
        .unwrap();
    let mut store = open(&path);
    common::with_ctx_mut(&mut store, |s, ctx| {
        s.apply_move(
            &dept,
            handling.id,
            handling.version,
            &suqiu::domain::flow::Move::Report {
                resolution: suqiu::domain::vocab::Resolution::Resolved,
                result: "已督促物业清理楼道并恢复原收费标准。".into(),
            },
            ctx,
            now(),
        )
        .unwrap();
    });
    let after: i64 = c
        .query_row(
            "SELECT count(*) FROM dispatch_facts WHERE end_kind = 'result'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(after, before + 1);
    let (ok, text) = verify();
    assert!(ok, "{text}");
}

/// The bulletin's counts and repeats, recomputed here from the tickets by plain SQL: received
/// by channel, and the repeat petitions (an earlier petition within 90 days by the same mobile
/// or ID number, or at the same place in the same category).
#[test]
fn the_bulletin_counts_and_repeats_are_the_tickets_own() {
    let (_d, path) = demo_db();
    let store = open(&path);
    let director = store.session("1002").unwrap().actor;
    let month = Period::Month(2026, 11);
    let b = store
        .bulletin(&director, month, 0.85, now().date())
        .unwrap();
    let c = rusqlite::Connection::open(&path).unwrap();
    let by_channel: BTreeMap<String, usize> = c
        .prepare(
            "SELECT channel, count(*) FROM tickets
             WHERE received_at >= '2026-11-01' AND received_at < '2026-12-01' GROUP BY channel",
        )
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get::<_, i64>(1)? as usize)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let mine: BTreeMap<String, usize> = b
        .by_channel
        .iter()
        .filter(|(_, n, _)| *n > 0)
        .map(|(ch, n, _)| (ch.code().to_string(), *n))
        .collect();
    assert_eq!(mine, by_channel);
    assert_eq!(b.received, by_channel.values().sum::<usize>());
    assert!(b.received > 20, "the demo's month has petitions");
    let repeats: std::collections::BTreeSet<String> = c
        .prepare(
            "SELECT DISTINCT t.year || '-' || printf('%06d', t.seq) FROM tickets t
             WHERE t.received_at >= '2026-11-01' AND t.received_at < '2026-12-01'
               AND EXISTS (
                 SELECT 1 FROM tickets e
                 WHERE (e.received_at < t.received_at OR (e.received_at = t.received_at AND e.id < t.id))
                   AND julianday(substr(t.received_at, 1, 10)) - julianday(substr(e.received_at, 1, 10)) <= 90
                   AND ((e.place_id = t.place_id AND e.category_id = t.category_id)
                        OR EXISTS (SELECT 1 FROM petitioners p JOIN petitioners q
                                     ON (p.mobile = q.mobile AND p.mobile <> '')
                                     OR (p.resident_id = q.resident_id AND p.resident_id <> '')
                                   WHERE p.ticket_id = t.id AND q.ticket_id = e.id)))",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let listed: std::collections::BTreeSet<String> =
        b.repeats.iter().map(|r| r.ticket.number.clone()).collect();
    assert_eq!(listed, repeats);
    assert!(!repeats.is_empty(), "the demo has repeat petitions");
    // 催办 and 通报: every open ticket past its deadline, and nothing else.
    let overdue: i64 = c
        .query_row(
            "SELECT count(*) FROM tickets WHERE open = 1 AND due < ?1",
            [now().date().to_string()],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(b.due.len() as i64, overdue);
    let collective: i64 = c
        .query_row(
            "SELECT count(*) FROM tickets WHERE collective = 1
               AND received_at >= '2026-11-01' AND received_at < '2026-12-01'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(b.collective.len() as i64, collective);
    // Only the center's director and administrators see it.
    for staff in ["1003", "2001"] {
        let actor = store.session(staff).unwrap().actor;
        assert!(store.bulletin(&actor, month, 0.85, now().date()).is_err());
    }
}

/// The bulletin on paper and in files: the period, the cut-off and the audit head stated; the
/// same bytes twice; CSV with a BOM; XLSX with a sheet per table, counts as numbers, dates as
/// dates; a petitioner's text that tries to reach the terminal or a spreadsheet does not.
#[test]
fn the_bulletin_on_paper_and_in_spreadsheets() {
    use calamine::{Data, Reader, Xlsx, open_workbook};
    let (dir, path) = demo_db();
    // A petitioner's summary with an escape sequence and a formula.
    let c = rusqlite::Connection::open(&path).unwrap();
    c.execute(
        "UPDATE tickets SET summary = '=HYPERLINK(\"x\")' || char(27) || '[31m' WHERE id =
           (SELECT id FROM tickets WHERE collective = 1 AND received_at >= '2026-11-01'
              AND received_at < '2026-12-01' LIMIT 1)",
        [],
    )
    .unwrap();
    let run = |args: &[&str]| {
        let out = suqiu_cmd()
            .env("SUQIU_STAFF", "1002")
            .env("SUQIU_PIN", "200200")
            .arg("--db")
            .arg(&path)
            .args(["report", "bulletin", "--month", "2026-11"])
            .args(args)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).to_string()
    };
    let text = run(&[]);
    assert!(text.starts_with("诉求通报  2026年11月"), "{text}");
    assert!(text.contains("审计链头："));
    for part in [
        "一、受理情况",
        "三、热点问题",
        "四、重复诉求",
        "六、应催办",
        "七、集体诉求",
        "八、领导干部接访",
    ] {
        assert!(text.contains(part), "{part}");
    }
    assert!(!text.contains('\u{1b}'), "no escape reaches the terminal");
    let csv = dir.path().join("b.csv");
    run(&["--format", "csv", "--out", csv.to_str().unwrap()]);
    let first = std::fs::read(&csv).unwrap();
    run(&["--format", "csv", "--out", csv.to_str().unwrap()]);
    // Each run signs in (an event: a new audit head) at its own minute; the rest is the same.
    let body = |b: &[u8]| -> String {
        String::from_utf8_lossy(b)
            .lines()
            .filter(|l| !l.starts_with("# "))
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert_eq!(
        body(&first),
        body(&std::fs::read(&csv).unwrap()),
        "the same bytes twice"
    );
    assert!(first.starts_with(b"\xEF\xBB\xBF"));
    let body = String::from_utf8(first[3..].to_vec()).unwrap();
    assert!(!body.contains(",=HYPERLINK"), "no formula in the CSV");
    assert!(body.contains("# 审计链头"));
    let xlsx = dir.path().join("b.xlsx");
    run(&["--format", "xlsx", "--out", xlsx.to_str().unwrap()]);
    let mut wb: Xlsx<_> = open_workbook(&xlsx).unwrap();
    let names = wb.sheet_names();
    for s in [
        "按渠道",
        "按类别",
        "热点",
        "重复诉求",
        "满意率偏低",
        "催办通报",
        "集体诉求",
        "领导接访",
        "审计链头",
    ] {
        assert!(names.iter().any(|n| n == s), "sheet {s} in {names:?}");
    }
    let channel = wb.worksheet_range("按渠道").unwrap();
    assert!(
        matches!(channel.get((2, 1)), Some(Data::Float(_))),
        "counts are numbers"
    );
    let repeats = wb.worksheet_range("重复诉求").unwrap();
    assert!(
        matches!(repeats.get((2, 1)), Some(Data::DateTime(_))),
        "dates are dates: {:?}",
        repeats.get((2, 1))
    );
    let collective = wb.worksheet_range("集体诉求").unwrap();
    assert!(
        collective
            .rows()
            .all(|r| !matches!(r.get(5), Some(Data::String(s)) if s.starts_with('='))),
        "a summary is never a formula"
    );
}

/// By place and by leader: the petitions received per place and owned per leader are the
/// tickets' own (plain SQL); the dispatches by place add up to the department ranking's; the
/// visits are the visit compliance's; clerks and departments are refused; the files are written.
#[test]
fn the_reports_by_place_and_by_leader() {
    let (dir, path) = demo_db();
    let store = open(&path);
    let director = store.session("1002").unwrap().actor;
    let month = Period::Month(2026, 11);
    let r = store.place_report(&director, month).unwrap();
    let c = rusqlite::Connection::open(&path).unwrap();
    let received: BTreeMap<Option<i64>, usize> = c
        .prepare(
            "SELECT place_id, count(*) FROM tickets
             WHERE received_at >= '2026-11-01' AND received_at < '2026-12-01' GROUP BY place_id",
        )
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get::<_, i64>(1)? as usize)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let mine: BTreeMap<Option<i64>, usize> = r
        .places
        .iter()
        .filter(|(_, l)| l.received > 0)
        .map(|(p, l)| (*p, l.received))
        .collect();
    assert_eq!(mine, received);
    let ranking = store
        .department_ranking(&director, month, Settings::default())
        .unwrap();
    let by_dept: usize = ranking.rows.iter().map(|r| r.figures.dispatches).sum();
    let by_place: usize = r.places.values().map(|l| l.figures.dispatches).sum();
    let by_center: usize = r.centers.values().map(|l| l.figures.dispatches).sum();
    assert_eq!((by_place, by_center), (by_dept, by_dept));
    assert!(by_dept > 0);
    let l = store.leader_report(&director, month, now().date()).unwrap();
    let owned: BTreeMap<i64, usize> = c
        .prepare(
            "SELECT first_leader_id, count(*) FROM tickets WHERE first_leader_id IS NOT NULL
               AND received_at >= '2026-11-01' AND received_at < '2026-12-01' GROUP BY first_leader_id",
        )
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get::<_, i64>(1)? as usize)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let mine: BTreeMap<i64, usize> = l
        .leaders
        .iter()
        .filter(|x| x.owned.total > 0)
        .map(|x| (x.leader_id, x.owned.total))
        .collect();
    assert_eq!(mine, owned);
    let planned: u32 = l.leaders.iter().map(|x| x.visits.planned).sum();
    let (from, to) = month.bounds();
    let visits = store.visits_between(from, to).unwrap().len() as u32;
    assert_eq!(planned, visits);
    for staff in ["1003", "2001"] {
        let actor = store.session(staff).unwrap().actor;
        assert!(store.place_report(&actor, month).is_err());
        assert!(store.leader_report(&actor, month, now().date()).is_err());
    }
    for (report, sheet) in [("places", "按社区村"), ("leaders", "按领导")] {
        let xlsx = dir.path().join(format!("{report}.xlsx"));
        let out = suqiu_cmd()
            .env("SUQIU_STAFF", "1002")
            .env("SUQIU_PIN", "200200")
            .arg("--db")
            .arg(&path)
            .args([
                "report", report, "--month", "2026-11", "--format", "xlsx", "--out",
            ])
            .arg(&xlsx)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        use calamine::Reader;
        let mut wb: calamine::Xlsx<_> = calamine::open_workbook(&xlsx).unwrap();
        let range = wb.worksheet_range(sheet).unwrap();
        assert!(range.height() > 2, "{report}: a header and rows");
        assert!(matches!(
            range.get((2, 1)),
            Some(calamine::Data::Float(_)) | Some(calamine::Data::String(_))
        ));
    }
}

/// The 区直单位: members and key-selected per unit are the roster's own; coverage never exceeds
/// the households; the 40 % rule is the domain's; clerks are refused.
#[test]
fn the_report_of_the_units() {
    let (_d, path) = demo_db();
    let store = open(&path);
    let director = store.session("1002").unwrap().actor;
    let r = store
        .unit_report(&director, Period::Quarter(2026, 4))
        .unwrap();
    let c = rusqlite::Connection::open(&path).unwrap();
    let members: BTreeMap<i64, (u32, u32)> = c
        .prepare(
            "SELECT unit_id, count(*), sum(key_selected) FROM members WHERE active = 1 GROUP BY unit_id",
        )
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(!r.units.is_empty());
    for u in &r.units {
        assert_eq!(
            members.get(&u.unit_id).copied().unwrap_or((0, 0)),
            (u.members, u.key_selected)
        );
        assert!(u.visited <= u.households);
        assert_eq!(
            u.key_share_ok,
            suqiu::domain::members::key_share_ok(u.key_selected, u.members)
        );
    }
    assert!(
        r.units.iter().any(|u| u.contacts > 0),
        "the demo has contacts this quarter"
    );
    assert!(
        r.units.iter().any(|u| !u.key_share_ok),
        "and a unit below 40 %"
    );
    let clerk = store.session("1003").unwrap().actor;
    assert!(store.unit_report(&clerk, Period::Quarter(2026, 4)).is_err());
}

/// 年度述职评议: a leader's and a department's year with the exceptions to explain; an
/// explanation recorded from the command line (the director; audited, control characters and
/// unknown exceptions refused, clerks refused) shows in the document; one changed with
/// `sqlite3` fails `audit verify`.
#[test]
fn the_year_end_review_and_its_explanations() {
    let (_d, path) = demo_db();
    let run = |staff: (&str, &str), args: &[&str]| {
        let out = suqiu_cmd()
            .env("SUQIU_STAFF", staff.0)
            .env("SUQIU_PIN", staff.1)
            .arg("--db")
            .arg(&path)
            .args(args)
            .output()
            .unwrap();
        (
            out.status.success(),
            String::from_utf8_lossy(&out.stdout).to_string(),
            String::from_utf8_lossy(&out.stderr).to_string(),
        )
    };
    let director = ("1002", "200200");
    let store = open(&path);
    let refs = store.refs().unwrap();
    let actor = store.session("1002").unwrap().actor;
    // The leader with a missed visit this year.
    let (leader, key) = refs
        .leaders
        .iter()
        .find_map(|l| {
            let doc = store
                .annual_review(
                    &actor,
                    2026,
                    suqiu::store::annual::Subject::Leader(l.id),
                    now().date(),
                )
                .unwrap();
            doc.exceptions
                .iter()
                .find(|e| e.key.starts_with("visit:"))
                .map(|e| (l.name.clone(), e.key.clone()))
        })
        .expect("the demo has a visit not held");
    drop(store);
    let (ok, text, _) = run(
        director,
        &["report", "annual", "--year", "2026", "--leader", &leader],
    );
    assert!(ok);
    assert!(
        text.starts_with(&format!("2026年度述职评议  {leader}")),
        "{text}"
    );
    assert!(text.contains(&key) && text.contains("（待说明）"));
    let why = "当日参加全区防汛紧急会议，已于次日补接访。";
    let explain = |staff, exception: &str, t: &str| {
        run(
            staff,
            &[
                "report",
                "explain",
                "--year",
                "2026",
                "--leader",
                &leader,
                "--exception",
                exception,
                "--text",
                t,
            ],
        )
    };
    assert!(!explain(("1003", "300300"), &key, why).0, "a clerk may not");
    let (ok, _, err) = explain(director, "visit:999999", why);
    assert!(
        !ok && err.contains(&key),
        "an unknown exception names the real ones: {err}"
    );
    let (ok, _, err) = explain(director, &key, "a\u{1b}[31m");
    assert!(!ok && err.contains("U+001B"), "{err}");
    assert!(explain(director, &key, why).0);
    let (_, text, _) = run(
        director,
        &["report", "annual", "--year", "2026", "--leader", &leader],
    );
    assert!(text.contains(why), "{text}");
    let (ok, _, _) = run(director, &["audit", "verify"]);
    assert!(ok);
    // The department's year: its figures and rank are the ranking's.
    let (ok, text, _) = run(
        director,
        &[
            "report",
            "annual",
            "--year",
            "2026",
            "--department",
            "区住房和城乡建设局",
        ],
    );
    assert!(
        ok && text.contains("综合得分") && text.contains("名次"),
        "{text}"
    );
    // An explanation improved by hand is found.
    let c = rusqlite::Connection::open(&path).unwrap();
    c.execute("UPDATE review_explanations SET text = '无需说明'", [])
        .unwrap();
    let (ok, out, _) = run(director, &["audit", "verify"]);
    assert!(!ok && out.contains("述职评议说明与审计日志不符"), "{out}");
}

/// The day figures a period's ranking sums (`department_days`): every month of the last year,
/// and the year, agree with the log recomputed independently; a figure changed by hand is found
/// by `audit verify` and rebuilt; reloading a year's holidays recounts them.
#[test]
fn the_kept_day_figures_are_the_log_s_and_tampering_is_found() {
    use chrono::Datelike;
    let (_d, path) = demo_db();
    let store = open(&path);
    let director = store.session("1002").unwrap().actor;
    let today = now().date();
    let mut month = Period::Month(today.year(), today.month());
    let counts = |rep: &suqiu::store::reports::DepartmentRanking| -> BTreeMap<i64, [usize; 7]> {
        rep.rows
            .iter()
            .map(|r| {
                let f = &r.figures;
                let v = [
                    f.dispatches,
                    f.returned,
                    f.with_result,
                    f.on_time,
                    f.false_closure,
                    f.evaluations,
                    f.satisfied,
                ];
                (r.unit, v)
            })
            .collect()
    };
    let mut seen = 0;
    for _ in 0..13 {
        let (from, to) = month.bounds();
        let rep = store
            .department_ranking(&director, month, Settings::default())
            .unwrap();
        let want = independent(&path, &from.to_string(), &to.to_string());
        assert_eq!(counts(&rep), want, "{month:?}");
        seen += want.len();
        month = month.previous();
    }
    assert!(seen > 20, "a year of months with dispatches");
    let year = Period::Year(today.year() - 1);
    let (from, to) = year.bounds();
    let rep = store
        .department_ranking(&director, year, Settings::default())
        .unwrap();
    assert_eq!(
        counts(&rep),
        independent(&path, &from.to_string(), &to.to_string())
    );
    drop(store);

    let verify = || audit_verify(&path);
    assert!(verify().0);
    // Someone makes a department's month look better by hand.
    let c = rusqlite::Connection::open(&path).unwrap();
    let (day, unit): (String, i64) = c
        .query_row(
            "SELECT day, department_id FROM department_days WHERE evaluations > satisfied
             ORDER BY day DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    c.execute(
        "UPDATE department_days SET satisfied = evaluations WHERE day = ?1 AND department_id = ?2",
        rusqlite::params![day, unit],
    )
    .unwrap();
    let (ok, text) = verify();
    assert!(!ok, "a changed day figure fails the check");
    assert!(
        text.contains("考评日汇总表") && text.contains(&day),
        "{text}"
    );
    // A day taken away is found too.
    c.execute(
        "DELETE FROM department_days WHERE (day, department_id) IN
           (SELECT day, department_id FROM department_days WHERE day <> ?1 LIMIT 1)",
        [&day],
    )
    .unwrap();
    let (ok, text) = verify();
    assert!(!ok && text.contains("2 处"), "{text}");
    let admin = suqiu_cmd()
        .arg("--db")
        .arg(&path)
        .args(["audit", "rebuild-figures"])
        .output()
        .unwrap();
    assert!(admin.status.success());
    let (ok, text) = verify();
    assert!(ok, "{text}");

    // A year's holidays reloaded: every weekday of last month is declared a day off. The
    // month's working days change, so its figures do, and they stay the dispatches' own.
    let last = Period::Month(today.year(), today.month()).previous();
    let (from, to) = last.bounds();
    let store = open(&path);
    let before = store
        .department_ranking(&director, last, Settings::default())
        .unwrap();
    drop(store);
    let days: Vec<String> = (0..=(to - from).num_days())
        .map(|i| from + Duration::days(i))
        .map(|d| format!(r#"{{"name": "测试", "date": "{d}", "isOffDay": true}}"#))
        .collect();
    let dir = tempfile::TempDir::new().unwrap();
    let file = dir.path().join(format!("{}.json", from.year()));
    std::fs::write(
        &file,
        format!(
            r#"{{"year": {}, "papers": [], "days": [{}]}}"#,
            from.year(),
            days.join(", ")
        ),
    )
    .unwrap();
    let load = suqiu_cmd()
        .arg("--db")
        .arg(&path)
        .args(["calendar", "load"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(
        load.status.success(),
        "{}",
        String::from_utf8_lossy(&load.stderr)
    );
    let store = open(&path);
    let after = store
        .department_ranking(&director, last, Settings::default())
        .unwrap();
    let days_of = |r: &suqiu::store::reports::DepartmentRanking| -> i64 {
        r.rows.iter().map(|r| r.figures.handling_days).sum()
    };
    assert!(
        days_of(&after) < days_of(&before),
        "no working days in the month: {} → {}",
        days_of(&before),
        days_of(&after)
    );
    drop(store);
    let (ok, text) = verify();
    assert!(ok, "{text}");
}
