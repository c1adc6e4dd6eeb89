//! The audit log as an outsider attacks it with `sqlite3`: events moved to another ticket,
//! the newest events deleted, the whole chain re-hashed after an edit. Each is caught, by the
//! chain itself or by an anchor kept from an earlier printout (docs/audit.md).

mod common;

use std::process::Command;

use common::*;
use rusqlite::{Connection, params};
use suqiu::domain::audit::{Anchor, Event, GENESIS, UPGRADE_KIND, Verdict, chain, parse_hash};
use suqiu::domain::hex;
use suqiu::store::Store;
use suqiu::text::{Lang, T};

fn head(store: &Store) -> Anchor {
    store.audit_head().unwrap().expect("events")
}

/// Opens a connection without the log's guards (as someone with `sqlite3` would).
fn unguarded(path: &std::path::Path) -> Connection {
    let c = Connection::open(path).unwrap();
    c.execute_batch("DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;")
        .unwrap();
    c
}

fn event_of(r: &rusqlite::Row) -> rusqlite::Result<Event> {
    Ok(Event {
        seq: r.get(0)?,
        version: r.get(1)?,
        at: r.get(2)?,
        actor: r.get(3)?,
        actor_id: r.get(4)?,
        subject: r.get(5)?,
        ticket_id: r.get(6)?,
        department_id: r.get(7)?,
        kind: r.get(8)?,
        from_state: r.get(9)?,
        to_state: r.get(10)?,
        note: r.get(11)?,
        payload: r.get(12)?,
    })
}

/// Recomputes every hash from event `from` on, as an attacker who read docs/audit.md would.
fn rechain(c: &Connection, from: i64) {
    let prev: String = c
        .query_row(
            "SELECT prev_hash FROM audit_log WHERE id = ?1",
            [from],
            |r| r.get(0),
        )
        .unwrap();
    let mut prev = parse_hash(&prev).unwrap();
    let events: Vec<Event> = c
        .prepare(
            "SELECT id, chain, at, actor, actor_id, subject, ticket_id, department_id, kind,
                    from_state, to_state, note, payload FROM audit_log WHERE id >= ?1 ORDER BY id",
        )
        .unwrap()
        .query_map([from], event_of)
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    for e in events {
        let h = chain(&prev, &e);
        c.execute(
            "UPDATE audit_log SET prev_hash = ?1, hash = ?2 WHERE id = ?3",
            params![hex(&prev), hex(&h), e.seq],
        )
        .unwrap();
        prev = h;
    }
}

#[test]
fn an_event_moved_to_another_ticket_breaks_the_chain() {
    let (_d, path) = demo_db();
    let store = open(&path);
    let c = unguarded(&path);
    let (id, ticket): (i64, i64) = c
        .query_row(
            "SELECT id, ticket_id FROM audit_log WHERE kind = 'feedback' ORDER BY id LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    c.execute(
        "UPDATE audit_log SET ticket_id = ?1 WHERE id = ?2",
        params![ticket + 1, id],
    )
    .unwrap();
    assert!(matches!(
        store.verify_audit().unwrap(),
        Verdict::Broken { seq, .. } if seq == id
    ));
    // So is one given to another actor or department.
    c.execute(
        "UPDATE audit_log SET ticket_id = ?1, actor_id = actor_id + 1 WHERE id = ?2",
        params![ticket, id],
    )
    .unwrap();
    assert!(matches!(
        store.verify_audit().unwrap(),
        Verdict::Broken { .. }
    ));
}

#[test]
fn deleting_the_newest_events_is_caught_by_an_earlier_anchor() {
    let (_d, path) = demo_db();
    let store = open(&path);
    let anchor = head(&store);
    let c = unguarded(&path);
    c.execute("DELETE FROM audit_log WHERE id > ?1", [anchor.seq - 5])
        .unwrap();
    // The chain that is left is intact: only the anchor can tell.
    assert!(matches!(
        store.verify_audit().unwrap(),
        Verdict::Intact { .. }
    ));
    let report = store.verify_audit_with(&[anchor]).unwrap();
    assert_eq!(report.anchor_problems.len(), 1);
    assert!(report.anchor_problems[0].is(T::AnchorMissing));
}

#[test]
fn a_re_hashed_chain_is_caught_by_an_earlier_anchor() {
    let (_d, path) = demo_db();
    let store = open(&path);
    let anchor = head(&store);
    let earlier = Anchor::parse(&format!("{}:{}", 100, {
        let h: String = Connection::open(&path)
            .unwrap()
            .query_row("SELECT hash FROM audit_log WHERE id = 100", [], |r| {
                r.get(0)
            })
            .unwrap();
        h
    }))
    .unwrap();
    let c = unguarded(&path);
    c.execute(
        "UPDATE audit_log SET note = note || '（改）' WHERE id = 500",
        [],
    )
    .unwrap();
    rechain(&c, 500);
    assert!(matches!(
        store.verify_audit().unwrap(),
        Verdict::Intact { .. }
    ));
    let report = store.verify_audit_with(&[earlier, anchor]).unwrap();
    // The anchor before the edit still holds; the one after it does not.
    assert_eq!(report.anchor_problems.len(), 1, "{report:?}");
    assert!(report.anchor_problems[0].is(T::AnchorDiffers));
}

#[test]
fn a_version_1_log_is_upgraded_with_an_event_naming_its_head() {
    let dir = tempfile::TempDir::new().unwrap();
    let path = dir.path().join("v6.db");
    suqiu::store::create_at_version(&path, 6).unwrap();
    let mut prev = GENESIS;
    {
        let c = Connection::open(&path).unwrap();
        for seq in 1..=3 {
            let e = Event {
                seq,
                version: 1,
                at: "2026-11-01 09:00:00".into(),
                actor: "王芳".into(),
                actor_id: None,
                subject: "org".into(),
                ticket_id: None,
                department_id: None,
                kind: "org_load".into(),
                from_state: String::new(),
                to_state: String::new(),
                note: format!("第{seq}次"),
                payload: "{}".into(),
            };
            let h = chain(&prev, &e);
            c.execute(
                "INSERT INTO audit_log (id, at, actor, subject, kind, note, payload, prev_hash, hash)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                params![e.seq, e.at, e.actor, e.subject, e.kind, e.note, e.payload, hex(&prev), hex(&h)],
            )
            .unwrap();
            prev = h;
        }
    }
    let (store, _) = Store::open(&path, now()).unwrap();
    assert_eq!(store.verify_audit().unwrap(), Verdict::Intact { events: 4 });
    let c = Connection::open(&path).unwrap();
    let (kind, version, payload): (String, i64, String) = c
        .query_row(
            "SELECT kind, chain, payload FROM audit_log WHERE id = 4",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!((kind.as_str(), version), (UPGRADE_KIND, 2));
    assert!(payload.contains(&hex(&prev)), "{payload}");
    // Opening again adds nothing; the old events still verify under version 1.
    drop(store);
    let (store, _) = Store::open(&path, now()).unwrap();
    assert_eq!(store.verify_audit().unwrap(), Verdict::Intact { events: 4 });
    // Rewriting an old event in version 1 form after the upgrade is refused by the chain.
    let c = unguarded(&path);
    c.execute("UPDATE audit_log SET chain = 1 WHERE id = 4", [])
        .unwrap();
    assert!(matches!(
        store.verify_audit().unwrap(),
        Verdict::Broken { seq: 4, .. }
    ));
}

/// The chain as a second implementation, written from docs/audit.md alone, sees it: the same
/// verdict on an intact log, the same break on a tampered one, the same anchors.
#[test]
fn the_python_verifier_agrees() {
    if Command::new("python3").arg("--version").output().is_err() {
        panic!("python3 is needed for this test (.ci/run installs it)");
    }
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/scripts/verify-audit.py");
    let (_d, path) = demo_db();
    let store = open(&path);
    let h = head(&store);
    let run = |anchor: &str| {
        Command::new("python3")
            .arg(script)
            .arg(&path)
            .args(["--anchor", anchor])
            .output()
            .unwrap()
    };
    let line = format!("{}:{}", h.seq, hex(&h.hash));
    let out = run(&line);
    assert!(out.status.success(), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stdout).contains(&format!("head {}", h.line())));
    let c = unguarded(&path);
    c.execute("UPDATE audit_log SET department_id = 1 WHERE id = 77", [])
        .unwrap();
    let out = run(&line);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("BROKEN at event 77"));
    assert!(matches!(
        store.verify_audit().unwrap(),
        Verdict::Broken { seq: 77, .. }
    ));
}

/// Rows changed with `sqlite3` and no event: each is named by the replay (issue 8 §1).
#[test]
fn the_replay_names_every_row_changed_without_an_event() {
    let (_d, path) = demo_db();
    let store = open(&path);
    let clean = store.replay_audit().unwrap();
    assert!(clean.problems.is_empty(), "{:?}", clean.problems);
    assert!(clean.tickets > 300 && clean.draws > 0 && clean.votes > 0);
    assert!(clean.visits > 0 && clean.assignments > 0);

    let c = Connection::open(&path).unwrap();
    let (ticket, number): (i64, String) = c
        .query_row(
            "SELECT id, printf('%d-%06d', year, seq) FROM tickets WHERE state = 'handling' LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    c.execute(
        "UPDATE tickets SET state = 'closed' WHERE id = ?1",
        [ticket],
    )
    .unwrap();
    let draw: i64 = c
        .query_row(
            "SELECT id FROM draws WHERE state = 'final' LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    c.execute(
        "UPDATE draws SET seed = '00' || substr(seed, 3) WHERE id = ?1",
        [draw],
    )
    .unwrap();
    c.execute_batch(
        "DROP TRIGGER hearing_votes_no_update;
         UPDATE hearing_votes SET choice = 1 - choice WHERE id = (SELECT min(id) FROM hearing_votes WHERE choice IS NOT NULL);
         UPDATE visits SET status = 'held' WHERE id = (SELECT min(id) FROM visits WHERE status = 'planned');
         UPDATE assignments SET household_id = household_id + 1 WHERE id = (SELECT max(id) FROM assignments);",
    )
    .unwrap();
    let replay = store.replay_audit().unwrap();
    let said: Vec<String> = replay
        .problems
        .iter()
        .map(|p| p.text(suqiu::domain::Lang::Zh))
        .collect();
    assert_eq!(said.len(), 5, "{said:#?}");
    for (part, what) in [
        (format!("诉求件 {number}"), "状态"),
        (format!("抽签 {draw}"), "种子"),
        ("评理会".to_string(), "选票"),
        ("走访".to_string(), "状态"),
        ("结对".to_string(), "结对户"),
    ] {
        assert!(
            said.iter().any(|s| s.contains(&part) && s.contains(what)),
            "{part} {what}: {said:#?}"
        );
    }
    // The chain itself is intact: only the replay can tell.
    assert!(matches!(
        store.verify_audit().unwrap(),
        Verdict::Intact { .. }
    ));
}

#[test]
fn audit_verify_exits_1_naming_a_ticket_whose_state_was_changed() {
    let (_d, path) = demo_db_at(suqiu::clock::now());
    let c = Connection::open(&path).unwrap();
    let number: String = c
        .query_row(
            "UPDATE tickets SET state = 'closed'
             WHERE id = (SELECT min(id) FROM tickets WHERE state = 'handling')
             RETURNING printf('%d-%06d', year, seq)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let out = suqiu_cmd()
        .args(["audit", "verify", "--db"])
        .arg(&path)
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{said}");
    assert!(said.contains("审计链完整"), "{said}");
    assert!(said.contains(&format!("诉求件 {number}")), "{said}");
}

/// `audit verify` reads the log in batches on one thread and checks them on another: a change
/// is named at its own event wherever it falls (first, either side of a batch's end, last), an
/// anchor is found in any batch, and a column emptied to NULL is an error, not a hang.
#[test]
fn a_change_is_named_at_its_event_across_the_reading_batches() {
    let (_d, path) = demo_db();
    let store = open(&path);
    let last = head(&store);
    assert!(
        last.seq > 4097,
        "the demo log spans two batches: {}",
        last.seq
    );
    let c = unguarded(&path);
    let hash_of = |seq: i64| -> [u8; 32] {
        let h: String = c
            .query_row("SELECT hash FROM audit_log WHERE id = ?1", [seq], |r| {
                r.get(0)
            })
            .unwrap();
        parse_hash(&h).unwrap()
    };
    let anchors: Vec<Anchor> = [1, 4096, 4097, last.seq]
        .into_iter()
        .map(|seq| Anchor {
            seq,
            hash: hash_of(seq),
        })
        .collect();
    let report = store.verify_audit_with(&anchors).unwrap();
    assert!(report.anchor_problems.is_empty(), "{report:?}");
    assert!(matches!(report.verdict, Verdict::Intact { events } if events as i64 == last.seq));
    for seq in [1, 4095, 4096, 4097, last.seq - 1, last.seq] {
        c.execute(
            "UPDATE audit_log SET note = note || '·' WHERE id = ?1",
            [seq],
        )
        .unwrap();
        assert!(
            matches!(store.verify_audit().unwrap(), Verdict::Broken { seq: s, .. } if s == seq),
            "a change at {seq}"
        );
        c.execute(
            "UPDATE audit_log SET note = substr(note, 1, length(note) - 1) WHERE id = ?1",
            [seq],
        )
        .unwrap();
    }
    assert!(matches!(
        store.verify_audit().unwrap(),
        Verdict::Intact { .. }
    ));
    // Bytes that are not UTF-8 (the table is STRICT: a NULL or a blob cannot be stored): the
    // event they are in breaks the chain, by name.
    for bad in ["CAST(X'E7FF' AS TEXT)", "CAST(X'41C0' AS TEXT)"] {
        c.execute(
            &format!("UPDATE audit_log SET note = {bad} WHERE id = 4100"),
            [],
        )
        .unwrap();
        match store.verify_audit().unwrap() {
            Verdict::Broken { seq: 4100, reason } => {
                assert!(reason.is(T::AuditColumnNotText), "{bad}: {reason:?}");
                assert!(reason.text(Lang::Zh).contains("note"), "{reason:?}");
            }
            v => panic!("{bad}: {v:?}"),
        }
    }
}
