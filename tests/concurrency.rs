//! Several desks on one file: real concurrent processes.
//!
//! The test re-runs its own executable as worker processes (the ignored `worker` entry point),
//! each signed in as the same department user, adding progress notes to the same few tickets.
//! Every write re-reads the version it acts on; a stale one is refused and retried. No update
//! may be lost, every version must match its history, and the audit chain must hold.

mod common;

use std::process::Command;

use common::*;
use suqiu::domain::audit::Verdict;
use suqiu::domain::flow::{FlowCtx, Move};
use suqiu::store::{Store, StoreError};

const WORKERS: usize = 4;
const NOTES_EACH: usize = 25;

#[test]
#[ignore = "entry point of the child processes of several_processes_write_without_losing_updates"]
fn worker() {
    let path = std::env::var("SUQIU_WORKER_DB").expect("run by the multi-process test");
    let ids: Vec<i64> = std::env::var("SUQIU_WORKER_TICKETS")
        .unwrap()
        .split(',')
        .map(|s| s.parse().unwrap())
        .collect();
    let me: usize = std::env::var("SUQIU_WORKER_ID").unwrap().parse().unwrap();
    let (mut store, _) = Store::open(std::path::Path::new(&path), now()).unwrap();
    let actor = store.session("2001").unwrap().actor;
    let cal = store.calendar().unwrap();
    let rules = store.refs().unwrap().rules();
    let ctx = FlowCtx {
        today: now().date(),
        cal: &cal,
        rules: &rules,
    };
    let mut stale = 0;
    for n in 0..NOTES_EACH {
        let id = ids[(n + me) % ids.len()];
        loop {
            let version = store.ticket(&actor, id).unwrap().version;
            // A clerk takes a moment between reading the ticket and acting on it.
            std::thread::sleep(std::time::Duration::from_millis(2));
            let mv = Move::Progress {
                note: format!("进程{me}第{n}条"),
            };
            match store.apply_move(&actor, id, version, &mv, &ctx, now()) {
                Ok(_) => break,
                Err(StoreError::Stale(_)) => stale += 1,
                Err(e) => panic!("{e}"),
            }
        }
    }
    println!("\nSTALE {stale}");
}

#[test]
fn several_processes_write_without_losing_updates() {
    let (_d, path) = demo_db();
    let store = open(&path);
    let dept = store.session("2001").unwrap().actor.department_id.unwrap();
    let ids: Vec<i64> = tickets(&path)
        .into_iter()
        .filter(|t| {
            t.state == suqiu::domain::vocab::State::Handling && t.department_id == Some(dept)
        })
        .map(|t| t.id)
        .take(3)
        .collect();
    assert_eq!(
        ids.len(),
        3,
        "the demo has handling tickets for the housing bureau"
    );
    let versions_before: Vec<i64> = ids
        .iter()
        .map(|id| store.ticket_version(*id).unwrap().unwrap())
        .collect();
    let list = ids
        .iter()
        .map(|i| i.to_string())
        .collect::<Vec<_>>()
        .join(",");
    let exe = std::env::current_exe().unwrap();
    let children: Vec<_> = (0..WORKERS)
        .map(|w| {
            Command::new(&exe)
                .args([
                    "--exact",
                    "worker",
                    "--ignored",
                    "--nocapture",
                    "--test-threads",
                    "1",
                ])
                .env("SUQIU_WORKER_DB", &path)
                .env("SUQIU_WORKER_TICKETS", &list)
                .env("SUQIU_WORKER_ID", w.to_string())
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let mut stale_total = 0;
    for child in children {
        let out = child.wait_with_output().unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "worker failed: {text}\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        stale_total += text
            .lines()
            .find_map(|l| l.split_once("STALE ").map(|x| x.1))
            .and_then(|n| n.split_whitespace().next()?.parse::<usize>().ok())
            .unwrap_or(0);
    }
    // Every note is there, once; each version counts its history (read through the store).
    let store = open(&path);
    let mut notes = 0;
    for (id, before) in ids.iter().zip(versions_before) {
        let timeline = store.timeline(*id).unwrap();
        let added = timeline
            .iter()
            .filter(|e| e.kind == "progress" && e.note.starts_with("进程"))
            .count() as i64;
        notes += added as usize;
        let version = store.ticket_version(*id).unwrap().unwrap();
        assert_eq!(version, before + added, "ticket {id}");
        assert_eq!(
            version,
            timeline.len() as i64,
            "ticket {id}: one version per event (register + moves)"
        );
    }
    assert_eq!(notes, WORKERS * NOTES_EACH);
    assert!(matches!(
        store.verify_audit().unwrap(),
        Verdict::Intact { .. }
    ));
    eprintln!("stale edits refused and retried: {stale_total}");
}

#[test]
#[ignore = "entry point of the child processes of two_desks_acting_on_the_same_version_one_wins"]
fn racer() {
    let path = std::env::var("SUQIU_RACE_DB").expect("run by the race test");
    let id: i64 = std::env::var("SUQIU_RACE_TICKET").unwrap().parse().unwrap();
    let me = std::env::var("SUQIU_RACE_ID").unwrap();
    let dir = std::path::PathBuf::from(std::env::var("SUQIU_RACE_DIR").unwrap());
    let (mut store, _) = Store::open(std::path::Path::new(&path), now()).unwrap();
    let actor = store
        .session(if me == "0" { "1003" } else { "1004" })
        .unwrap()
        .actor;
    let cal = store.calendar().unwrap();
    let rules = store.refs().unwrap().rules();
    let ctx = FlowCtx {
        today: now().date(),
        cal: &cal,
        rules: &rules,
    };
    let version = store.ticket(&actor, id).unwrap().version;
    // Both desks have read the same version; wait for the other, then both act.
    std::fs::write(dir.join(format!("ready-{me}")), "").unwrap();
    while !(dir.join("ready-0").exists() && dir.join("ready-1").exists()) {
        std::thread::sleep(std::time::Duration::from_millis(1));
    }
    let mv = Move::Withdraw {
        reason: format!("窗口{me}撤回"),
    };
    match store.apply_move(&actor, id, version, &mv, &ctx, now()) {
        Ok(_) => println!("\nRESULT WON"),
        Err(StoreError::Stale(s)) => println!("\nRESULT STALE {}", s.by),
        Err(e) => panic!("{e}"),
    }
}

#[test]
fn two_desks_acting_on_the_same_version_one_wins() {
    let (dir, path) = demo_db();
    let id = first_ticket(&path, |t| {
        t.state == suqiu::domain::vocab::State::AwaitingIssue
    })
    .id;
    let exe = std::env::current_exe().unwrap();
    let children: Vec<_> = (0..2)
        .map(|w| {
            Command::new(&exe)
                .args([
                    "--exact",
                    "racer",
                    "--ignored",
                    "--nocapture",
                    "--test-threads",
                    "1",
                ])
                .env("SUQIU_RACE_DB", &path)
                .env("SUQIU_RACE_TICKET", id.to_string())
                .env("SUQIU_RACE_ID", w.to_string())
                .env("SUQIU_RACE_DIR", dir.path())
                .stdout(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let results: Vec<String> = children
        .into_iter()
        .map(|c| {
            let out = c.wait_with_output().unwrap();
            assert!(out.status.success());
            let text = String::from_utf8_lossy(&out.stdout).into_owned();
            text.lines()
                .find_map(|l| l.split_once("RESULT ").map(|x| x.1.trim().to_string()))
                .unwrap_or_else(|| panic!("no result in {text}"))
        })
        .collect();
    assert_eq!(
        results.iter().filter(|r| *r == "WON").count(),
        1,
        "{results:?}"
    );
    let loser = results
        .iter()
        .find(|r| r.starts_with("STALE"))
        .expect("one refused");
    assert!(loser.contains("王芳") || loser.contains("李明"), "{loser}");
    let withdrawals = open(&path)
        .timeline(id)
        .unwrap()
        .iter()
        .filter(|e| e.kind == "withdraw")
        .count();
    assert_eq!(withdrawals, 1);
}

/// `suqiu gen` (the real binary) writes in batches beside eight desks that keep saving: every
/// desk's save goes through (none fails with "database is locked"), gen writes every ticket it
/// reports, and the chain verifies.
#[test]
fn gen_runs_beside_eight_writers() {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};
    const WRITERS: usize = 8;
    const TICKETS: usize = 4000;
    let (_d, path) = demo_db();
    let store = open(&path);
    let (tickets_before, _) = store.totals().unwrap();
    // The housing bureau's desks note progress on the tickets they handle.
    let director = store.session("2001").unwrap().actor;
    let b = suqiu::domain::limits::level_bounds(now().date(), &store.calendar().unwrap());
    let mut q = suqiu::store::queue::QueueQuery::new(&b);
    q.filters.state = Some(suqiu::domain::vocab::State::Handling);
    let ids: Vec<i64> = store
        .queue_page(&director, &q, &suqiu::store::queue::Cursor::First, 50)
        .unwrap()
        .rows
        .iter()
        .map(|r| r.id)
        .collect();
    assert!(!ids.is_empty());
    drop(store);
    let done = Arc::new(AtomicBool::new(false));
    let writers: Vec<_> = (0..WRITERS)
        .map(|me| {
            let (path, ids, done) = (path.clone(), ids.clone(), done.clone());
            std::thread::spawn(move || {
                let mut store = open(&path);
                let director = store.session("2001").unwrap().actor;
                let mut written = 0usize;
                let mut n = 0usize;
                while !done.load(Ordering::Relaxed) || written < 3 {
                    n += 1;
                    let id = ids[(n + me) % ids.len()];
                    let version = store.ticket(&director, id).unwrap().version;
                    let mv = Move::Progress {
                        note: format!("并发写入{me}-{n}"),
                    };
                    let r = with_ctx_mut(&mut store, |s, ctx| {
                        s.apply_move(&director, id, version, &mv, ctx, now())
                    });
                    match r {
                        Ok(_) => written += 1,
                        Err(StoreError::Stale(_)) => {}
                        Err(e) => panic!("writer {me}: {e}"),
                    }
                    std::thread::sleep(std::time::Duration::from_millis(15));
                }
                written
            })
        })
        .collect();
    let out = suqiu_cmd()
        .args([
            "gen",
            "--tickets",
            &TICKETS.to_string(),
            "--seed",
            "11",
            "--db",
        ])
        .arg(&path)
        .output()
        .unwrap();
    done.store(true, Ordering::Relaxed);
    let written: Vec<usize> = writers.into_iter().map(|w| w.join().unwrap()).collect();
    assert!(
        out.status.success(),
        "gen failed beside other writers: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let store = open(&path);
    let (tickets_after, _) = store.totals().unwrap();
    assert_eq!(tickets_after, tickets_before + TICKETS);
    assert!(
        String::from_utf8_lossy(&out.stdout).contains(&TICKETS.to_string()),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(matches!(
        store.verify_audit().unwrap(),
        Verdict::Intact { .. }
    ));
    eprintln!("writes by the desks during gen: {written:?}");
}

/// A roster import of tens of thousands of rows, by the real binary: it commits in batches, so a
/// desk saving beside it never waits more than about a second; killed half-way it loses nothing,
/// and importing the same file again resumes where it stopped; imported in full, the same file
/// is refused the next time (nobody goes in twice). The chain verifies throughout.
#[test]
// A failing assertion leaves a child to init, which reaps it; every passing path waits.
#[allow(clippy::zombie_processes)]
fn a_long_import_lets_desks_save_and_resumes_after_a_kill() {
    use std::time::{Duration, Instant};
    const ROWS: usize = 30_000;
    let (dir, path) = demo_db();
    let csv = dir.path().join("名册.csv");
    let mut text = String::from(
        "\u{feff}姓名,性别,社区/村,类别,产生方式,职业,专长,手机号,任期开始,任期结束\n",
    );
    for i in 0..ROWS {
        text.push_str(&format!(
            "代表{i},男,仙城社区,居民代表,自荐,,,139{i:08},2026-01-01,2028-12-31\n"
        ));
    }
    std::fs::write(&csv, text).unwrap();
    let all = suqiu::store::roster::RosterQuery::default();
    // The demo imported its roster, members and households already.
    let before = open(&path).roster_count(&all).unwrap() as usize;
    let import = || {
        suqiu_cmd()
            .args(["roster", "import", csv.to_str().unwrap(), "--db"])
            .arg(&path)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap()
    };

    // Killed once its first batches are in.
    let mut child = import();
    let store = open(&path);
    let earlier = store.imports(1).unwrap().first().map_or(0, |r| r.id);
    let started = Instant::now();
    let cut = loop {
        let row = store.imports(1).unwrap().into_iter().next();
        if row.is_some_and(|r| r.id > earlier && r.done > 0) {
            child.kill().unwrap();
            child.wait().unwrap();
            break store.imports(1).unwrap().remove(0);
        }
        if started.elapsed() > Duration::from_secs(120) {
            child.kill().unwrap();
            child.wait().unwrap();
            panic!("no batch committed in two minutes");
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    assert!(
        cut.finished_at.is_none() && cut.done < ROWS,
        "killed too late: {cut:?}"
    );
    assert_eq!(
        store.roster_count(&all).unwrap() as usize,
        before + cut.done,
        "what a committed batch says is in, is in"
    );

    // Resumed, while a desk keeps saving beside it.
    let mut child = import();
    let mut desk = open(&path);
    let clerk = desk.session("1002").unwrap().actor;
    let mut longest = Duration::ZERO;
    let mut saves = 0;
    while child.try_wait().unwrap().is_none() {
        let t = Instant::now();
        use suqiu::domain::roster::{ChosenBy, RepCategory, RepInput, Sex};
        let r = RepInput {
            name: format!("窗口新增{saves}"),
            sex: Sex::Female,
            place: "仙城社区".into(),
            category: RepCategory::ResidentRep,
            chosen_by: ChosenBy::SelfNominated,
            occupation: String::new(),
            expertise: String::new(),
            mobile: format!("137{saves:08}"),
            term_start: now().date(),
            term_end: now().date() + chrono::Duration::days(700),
            resident_id: None,
        };
        desk.add_rep(&clerk, &r, now()).unwrap();
        longest = longest.max(t.elapsed());
        saves += 1;
        std::thread::sleep(Duration::from_millis(30));
    }
    let out = child.wait_with_output().unwrap();
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(said.contains("接续上次中断的导入"), "{said}");
    assert!(saves > 0);
    assert!(
        longest < Duration::from_millis(1500),
        "a desk waited {longest:?} to save beside the import"
    );
    assert_eq!(
        desk.roster_count(&all).unwrap() as usize,
        before + ROWS + saves,
        "every row once, and every save of the desk"
    );
    let last = desk.imports(1).unwrap().remove(0);
    assert_eq!(
        (last.id, last.done),
        (cut.id, ROWS),
        "the same import, finished"
    );
    assert!(last.finished_at.is_some());

    // The same file again: refused (every one of them is on the roster now), nothing written.
    let out = import().wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("已在名册中"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        desk.roster_count(&all).unwrap() as usize,
        before + ROWS + saves
    );
    assert!(matches!(
        desk.verify_audit().unwrap(),
        Verdict::Intact { .. }
    ));
    eprintln!("{saves} saves beside the import, the longest took {longest:?}");
}
