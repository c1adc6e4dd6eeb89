//! 民事民议: the roster, draws, instant mediation and hearings, on real database files, through
//! the store, the keys and the command line.

mod common;

use suqiu::app::form::FieldId as F;

use std::path::Path;
use std::process::Command;

use common::*;
use ratatui::crossterm::event::KeyCode;
use suqiu::app::delib::DelibView;
use suqiu::app::draw::DrawPhase;
use suqiu::domain::audit::Verdict;
use suqiu::domain::draw::{Minimum, PartyInput, Receipt, Settings};
use suqiu::domain::flow::FlowCtx;
use suqiu::domain::hearing::{TieRule, default_question};
use suqiu::domain::roster::{RepCategory, RepForm, RepStatus, validate_rep};
use suqiu::domain::vocab::State;
use suqiu::store::Store;
use suqiu::store::draws::DEFAULT_MAX_HEARINGS;
use suqiu::store::hearings::MediationOutcome;
use suqiu::store::roster::RosterQuery;

/// The first ticket waiting for 民事民议 that has no draw yet (read through the store).
fn waiting(path: &Path) -> suqiu::records::tickets::TicketRecord {
    let drawn = drawn_tickets(path);
    first_ticket(path, |t| {
        t.state == State::AwaitingDeliberation && !drawn.contains(&t.number())
    })
}

fn waiting_ticket(path: &Path) -> i64 {
    waiting(path).id
}

fn parties() -> Vec<PartyInput> {
    vec![
        PartyInput {
            label: "申请人".into(),
            salt: vec![1; 16],
            input: "1234".into(),
        },
        PartyInput {
            label: "被申请人".into(),
            salt: vec![2; 16],
            input: "公道自在人心".into(),
        },
    ]
}

/// Records each party's commitment, as the desk does when it shows it, then reveals.
fn commit_and_reveal(
    store: &mut Store,
    actor: &suqiu::domain::roles::Actor,
    id: i64,
    nonce: &[u8],
    parties: &[PartyInput],
) -> Result<suqiu::records::draws::DrawRecord, suqiu::store::StoreError> {
    for (i, p) in parties.iter().enumerate() {
        let c = suqiu::domain::hex(&suqiu::domain::draw::commitment(&p.salt, &p.input));
        store.commit_draw_party(actor, id, i, &p.label, &c, now())?;
    }
    store.reveal_draw(actor, id, nonce, parties, now())
}

fn panel_settings() -> Settings {
    Settings {
        panel_size: 7,
        alternates: 3,
        strikes_per_party: 1,
        minimums: vec![Minimum {
            categories: vec![RepCategory::LegalProfessional],
            count: 1,
        }],
    }
}

fn flow_ctx<T>(store: &Store, f: impl FnOnce(&FlowCtx) -> T) -> T {
    with_ctx(store, f)
}

#[test]
fn the_roster_is_adjusted_never_rewritten() {
    let (_d, path) = demo_db();
    let mut store = open(&path);
    let clerk = store.session("1003").unwrap().actor;
    let form = RepForm {
        name: "单振宇".into(),
        sex: "男".into(),
        place: "仙城社区".into(),
        category: "法律政策专业人员".into(),
        chosen_by: "自荐".into(),
        occupation: "律师".into(),
        expertise: "物业纠纷".into(),
        mobile: "+86 139 0000 1111".into(),
        // A term that began last year and ends within 90 days, whatever today is.
        term_start: (now().date() - chrono::Duration::days(300))
            .format("%Y-%m-%d")
            .to_string(),
        term_end: (now().date() + chrono::Duration::days(35))
            .format("%Y-%m-%d")
            .to_string(),
        resident_id: String::new(),
    };
    let id = store
        .add_rep(&clerk, &validate_rep(&form, now().date()).unwrap(), now())
        .unwrap();
    store
        .change_rep_status(
            &clerk,
            id,
            RepStatus::Suspended,
            now().date(),
            "外出培训三个月",
            now(),
        )
        .unwrap();
    store
        .change_rep_status(
            &clerk,
            id,
            RepStatus::Active,
            now().date(),
            "培训结束",
            now(),
        )
        .unwrap();
    assert!(
        store
            .change_rep_status(&clerk, id, RepStatus::Active, now().date(), "x", now())
            .is_err()
    );
    store
        .add_training(&clerk, id, now().date(), "人民调解实务", 3.0, now())
        .unwrap();
    let d = store.rep_detail(id, now().date()).unwrap();
    assert_eq!(d.status_changes.len(), 2);
    assert_eq!(d.trainings.len(), 1);
    // Found by pinyin initials (单 as a surname is shàn, and its other readings dān and chán)
    // and by part of the name.
    for q in ["szy", "dzy", "czy", "振宇"] {
        let (rows, _) = store
            .roster_page(
                &RosterQuery {
                    search: q.into(),
                    ..Default::default()
                },
                None,
                None,
                10,
            )
            .unwrap();
        assert!(rows.iter().any(|r| r.id == id), "{q}");
    }
    // Term ending within 90 days.
    let (rows, _) = store
        .roster_page(
            &RosterQuery {
                expiring_from: Some(now().date()),
                ..Default::default()
            },
            None,
            None,
            100,
        )
        .unwrap();
    assert!(rows.iter().any(|r| r.id == id));
    // A department user may not change the roster.
    let dept = store.session("2001").unwrap().actor;
    assert!(
        store
            .add_training(&dept, id, now().date(), "x", 1.0, now())
            .is_err()
    );
}

#[test]
fn a_draw_from_freeze_to_receipt_verifies_and_every_step_is_audited() {
    let (dir, path) = demo_db();
    let mut store = open(&path);
    let clerk = store.session("1003").unwrap().actor;
    let ticket = waiting_ticket(&path);
    let settings = panel_settings();
    // An exclusion for a conflict of interest.
    let excluded = 18;
    let report = store
        .eligible_pool(
            now().date(),
            &[(excluded, "当事人亲属".into())],
            &settings,
            2,
            DEFAULT_MAX_HEARINGS,
        )
        .unwrap();
    assert!(!report.pool.iter().any(|c| c.id == excluded));
    assert_eq!(report.excluded.len(), 1);
    let id = store
        .freeze_draw(
            &clerk,
            ticket,
            suqiu::domain::draw::DrawKind::Panel,
            &settings,
            2,
            &report,
            b"0123456789abcdef0123456789abcdef",
            now(),
        )
        .unwrap();
    // An abandoned draw is visible from here on.
    assert!(
        store
            .draws_list(10)
            .unwrap()
            .iter()
            .any(|d| d.0 == id && d.4 == suqiu::domain::draw::DrawState::Frozen)
    );
    let nonce = b"0123456789abcdef0123456789abcdef";
    // Until the reveal the file holds only the nonce's commitment (issue 8 §3).
    let stored: String = rusqlite::Connection::open(&path)
        .unwrap()
        .query_row("SELECT nonce FROM draws WHERE id = ?1", [id], |r| r.get(0))
        .unwrap();
    assert_eq!(stored, "");
    // Not with another nonce, nor with an input other than the one committed.
    assert!(commit_and_reveal(&mut store, &clerk, id, b"another nonce", &parties()).is_err());
    let mut changed = parties();
    changed[1].input = "换了一个".into();
    let e = store
        .reveal_draw(&clerk, id, nonce, &changed, now())
        .unwrap_err();
    assert!(
        e.message(suqiu::domain::Lang::Zh).contains("承诺"),
        "{}",
        e.message(suqiu::domain::Lang::Zh)
    );
    let d = commit_and_reveal(&mut store, &clerk, id, nonce, &parties()).unwrap();
    assert!(
        store
            .reveal_draw(&clerk, id, nonce, &parties(), now())
            .is_err(),
        "a draw is revealed once"
    );
    let panel = d.current_panel();
    assert_eq!(panel.len(), 7);
    assert!(
        panel
            .iter()
            .any(|m| d.candidate(*m).unwrap().category == RepCategory::LegalProfessional)
    );
    // A member whose category no minimum needs: the next in order takes the seat.
    let free = *panel
        .iter()
        .find(|m| {
            let c = d.candidate(**m).unwrap().category;
            !settings.minimums.iter().any(|mi| mi.covers(c))
        })
        .unwrap();
    // (The panel is the first seven in order, except where a minimum pulled one up.)
    let next = *d.order.iter().find(|m| !panel.contains(m)).unwrap();
    let d = store.strike_draw(&clerk, id, 0, free, now()).unwrap();
    assert_eq!(
        d.strikes[0].replacement, next,
        "the next in order replaces the struck member"
    );
    assert!(
        store
            .strike_draw(&clerk, id, 0, d.current_panel()[1], now())
            .unwrap_err()
            .message(suqiu::domain::Lang::Zh)
            .contains("已用完")
    );
    store
        .strike_draw(&clerk, id, 1, d.current_panel()[1], now())
        .unwrap();
    let d = store.finalize_draw(&clerk, id, now()).unwrap();
    let receipt = d.receipt.clone().unwrap();
    assert_eq!(
        Receipt::parse(&receipt).unwrap().verify().unwrap(),
        d.final_panel
    );
    // `suqiu draw verify` recomputes it without the database; a tampered copy fails.
    let file = dir.path().join("receipt.txt");
    std::fs::write(&file, &receipt).unwrap();
    let out = suqiu_cmd()
        .args(["draw", "verify"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(String::from_utf8_lossy(&out.stdout).ends_with("OK\n"));
    std::fs::write(&file, receipt.replace("\"1234\"", "\"1235\"")).unwrap();
    let out = suqiu_cmd()
        .args(["draw", "verify"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let kinds: Vec<String> = rusqlite::Connection::open(&path)
        .unwrap()
        .prepare("SELECT kind FROM audit_log WHERE subject = ?1 ORDER BY id")
        .unwrap()
        .query_map([format!("draw:{id}")], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(
        kinds,
        [
            "draw_frozen",
            // Each party's commitment as shown, twice: once before the refused reveal.
            "draw_commit",
            "draw_commit",
            "draw_commit",
            "draw_commit",
            "draw_revealed",
            "draw_strike",
            "draw_strike",
            "draw_final"
        ]
    );
    assert!(matches!(
        store.verify_audit().unwrap(),
        Verdict::Intact { .. }
    ));
}

#[test]
fn an_infeasible_draw_is_explained_and_busy_representatives_rest() {
    let (_d, path) = demo_db();
    let store = open(&path);
    let mut s = panel_settings();
    s.panel_size = 15;
    s.alternates = 15;
    s.minimums = vec![Minimum {
        categories: vec![RepCategory::CppccMember],
        count: 9,
    }];
    let report = store
        .eligible_pool(now().date(), &[], &s, 2, DEFAULT_MAX_HEARINGS)
        .unwrap();
    let e = suqiu::domain::draw::feasibility(&report.pool, &s, 2).unwrap_err();
    assert!(e.zh().contains("政协委员"), "{}", e.zh());
    // With a rest threshold of 1 hearing, those who sat in the demo hearing rest …
    let report = store
        .eligible_pool(now().date(), &[], &panel_settings(), 2, 1)
        .unwrap();
    assert!(!report.rested.is_empty() && !report.rest_relaxed);
    for (id, _, n) in &report.rested {
        assert!(*n >= 1);
        assert!(!report.pool.iter().any(|c| c.id == *id));
    }
    // … unless resting them makes the draw impossible: then they stay and the screen says so.
    let rested: Vec<i64> = report.rested.iter().map(|r| r.0).collect();
    let s = panel_settings();
    let need = (s.panel_size + s.alternates) as usize;
    let all = store
        .eligible_pool(now().date(), &[], &s, 2, 999)
        .unwrap()
        .pool;
    let mut keep: Vec<i64> = rested.iter().copied().take(need - 1).collect();
    let others = need - keep.len();
    keep.extend(
        all.iter()
            .map(|c| c.id)
            .filter(|id| !rested.contains(id))
            .take(others),
    );
    let exclusions: Vec<(i64, String)> = all
        .iter()
        .filter(|c| !keep.contains(&c.id))
        .map(|c| (c.id, "测试".into()))
        .collect();
    let report = store
        .eligible_pool(now().date(), &exclusions, &s, 2, 1)
        .unwrap();
    assert!(report.rest_relaxed);
    assert_eq!(report.pool.len(), need);
}

#[test]
fn instant_mediation_moves_the_ticket_and_counts_as_service() {
    let (_d, path) = demo_db();
    let mut store = open(&path);
    let clerk = store.session("1003").unwrap().actor;
    let ticket = waiting_ticket(&path);
    let members = [30, 31, 32];
    let before: Vec<i64> = members
        .iter()
        .map(|m| store.service(*m, now().date()).unwrap().mediations)
        .collect();
    let (cal, rules) = (store.calendar().unwrap(), store.refs().unwrap().rules());
    let ctx = FlowCtx {
        today: now().date(),
        cal: &cal,
        rules: &rules,
    };
    // Named by hand, not drawn: refused without a reason, recorded as such with one.
    let agreement = MediationOutcome::Agreement("双方握手言和，楼上赔偿修缮费 800 元".into());
    let e = store
        .record_mediation(&clerk, ticket, &members, None, "", &agreement, &ctx, now())
        .unwrap_err();
    assert!(e.message(suqiu::domain::Lang::Zh).contains("指定理由"));
    store
        .record_mediation(
            &clerk,
            ticket,
            &members,
            None,
            "双方当事人共同提名三位熟悉情况的代表",
            &agreement,
            &ctx,
            now(),
        )
        .unwrap();
    let manual: i64 = rusqlite::Connection::open(&path)
        .unwrap()
        .query_row(
            "SELECT count(*) FROM mediation_members WHERE manual = 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(manual, 3);
    assert_eq!(
        store
            .service(members[0], now().date())
            .unwrap()
            .mediations_manual,
        1
    );
    let rec = store.ticket(&clerk, ticket).unwrap();
    assert_eq!(rec.state, State::AwaitingFeedback);
    assert!(rec.answer.unwrap().contains("800 元"));
    for (m, b) in members.iter().zip(before) {
        assert_eq!(store.service(*m, now().date()).unwrap().mediations, b + 1);
    }
}

#[test]
fn a_hearing_needs_a_full_panel_keeps_votes_hidden_and_never_edits_them() {
    let (_d, path) = demo_db();
    let mut store = open(&path);
    let clerk = store.session("1003").unwrap().actor;
    let ticket = waiting_ticket(&path);
    let mut s = panel_settings();
    s.alternates = 1;
    s.strikes_per_party = 0;
    let report = store
        .eligible_pool(now().date(), &[], &s, 2, DEFAULT_MAX_HEARINGS)
        .unwrap();
    let id = store
        .freeze_draw(
            &clerk,
            ticket,
            suqiu::domain::draw::DrawKind::Panel,
            &s,
            2,
            &report,
            b"nonce-for-this-test",
            now(),
        )
        .unwrap();
    commit_and_reveal(&mut store, &clerk, id, b"nonce-for-this-test", &parties()).unwrap();
    let d = store.finalize_draw(&clerk, id, now()).unwrap();
    let h = store
        .create_hearing(&clerk, id, now().date(), "区中心议事厅", "王芳", now())
        .unwrap();
    // Members no minimum depends on (the minimums' rule is tested on its own).
    let free: Vec<i64> = d
        .final_panel
        .iter()
        .copied()
        .filter(|m| {
            let c = d.candidate(*m).unwrap().category;
            !s.minimums.iter().any(|min| min.covers(c))
        })
        .collect();
    let panel = [free[0], free[1]];
    // One absence: the named alternate sits. A second: no alternate left.
    let absences = store.service(panel[0], now().date()).unwrap().absences;
    let alt = store.mark_absent(&clerk, h, panel[0], now()).unwrap();
    assert_eq!(alt, d.alternates()[0]);
    assert!(
        store
            .mark_absent(&clerk, h, panel[1], now())
            .unwrap_err()
            .message(suqiu::domain::Lang::Zh)
            .contains("候补已用完")
    );
    store.open_hearing(&clerk, h, now()).unwrap();
    assert!(
        store.mark_absent(&clerk, h, panel[1], now()).is_err(),
        "attendance is fixed once open"
    );
    store
        .add_hearing_note(&clerk, h, "statement", "申请人", "陈述意见", now())
        .unwrap();
    let q2 = suqiu::domain::hearing::validate_question("是否建议物业退还多收费用", "建议/不建议")
        .unwrap();
    store
        .fix_questions(
            &clerk,
            h,
            &[default_question(), q2],
            TieRule::NoMajority,
            now(),
        )
        .unwrap();
    assert!(
        store
            .add_hearing_note(&clerk, h, "debate", "申请人", "迟到的发言", now())
            .is_err(),
        "no notes once voting"
    );
    let sitting = store.hearing(h).unwrap().sitting();
    assert_eq!(sitting.len(), 7);
    assert!(sitting.contains(&alt) && !sitting.contains(&panel[0]));
    assert!(
        store
            .cast_vote(&clerk, h, 0, panel[0], Some(0), "", now())
            .is_err(),
        "the absent member does not vote"
    );
    for (i, m) in sitting.iter().enumerate() {
        store
            .cast_vote(
                &clerk,
                h,
                0,
                *m,
                if i < 4 { Some(0) } else { Some(1) },
                "",
                now(),
            )
            .unwrap();
        if i < 6 {
            // Hidden until every present member has voted.
            assert!(store.hearing(h).unwrap().tally(0).is_none());
        }
    }
    assert!(
        store
            .cast_vote(&clerk, h, 0, sitting[0], Some(1), "", now())
            .unwrap_err()
            .message(suqiu::domain::Lang::Zh)
            .contains("更正")
    );
    let t = store.hearing(h).unwrap().tally(0).unwrap();
    assert_eq!((t.counts.clone(), t.winner), (vec![4, 3], Some(0)));
    // Question 2 ends 3–3 with one abstention: no majority.
    for (i, m) in sitting.iter().enumerate() {
        let c = match i {
            0..=2 => Some(0),
            3..=5 => Some(1),
            _ => None,
        };
        store
            .cast_vote(
                &clerk,
                h,
                1,
                *m,
                c,
                if i == 6 { "回避表态" } else { "" },
                now(),
            )
            .unwrap();
    }
    // A correction supersedes; the original stays in the record.
    store
        .correct_vote(&clerk, h, 0, sitting[3], Some(1), "", "成员当场更正", now())
        .unwrap();
    let rec = store.hearing(h).unwrap();
    let t = rec.tally(0).unwrap();
    assert_eq!(
        (t.counts.clone(), t.winner),
        (vec![3, 4], Some(1)),
        "the correction turned 4–3 into 3–4"
    );
    assert_eq!(rec.tally(1).unwrap().winner, None, "3–3 with an abstention");
    assert_eq!(rec.vote_log.len(), 15);
    let c = rusqlite::Connection::open(&path).unwrap();
    assert!(
        c.execute("UPDATE hearing_votes SET choice = 0", [])
            .is_err(),
        "votes are never edited"
    );
    assert!(
        c.execute("DELETE FROM hearing_votes", []).is_err(),
        "votes are never deleted"
    );
    // Every vote and correction is in the log with its choice and reason.
    let logged: Vec<(String, String)> = c
        .prepare("SELECT kind, payload FROM audit_log WHERE kind IN ('vote', 'vote_correction') AND subject = ?1 ORDER BY id")
        .unwrap()
        .query_map([format!("hearing:{h}")], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(logged.len(), 15);
    assert!(
        logged
            .iter()
            .all(|(_, p)| p.contains("\"choice\"") && p.contains("\"member\"")),
        "{logged:?}"
    );
    assert!(
        logged
            .iter()
            .any(|(_, p)| p.contains("回避表态") && p.contains("abstain")),
        "{logged:?}"
    );
    assert!(
        logged
            .iter()
            .any(|(k, p)| k == "vote_correction" && p.contains("成员当场更正")),
        "{logged:?}"
    );
    let ctx_store = open(&path);
    let outcome = flow_ctx(&ctx_store, |ctx| {
        store.close_hearing(&clerk, h, false, ctx, now())
    })
    .unwrap();
    assert!(outcome.contains("未形成多数意见"), "{outcome}");
    let t = store.ticket(&clerk, ticket).unwrap();
    assert_eq!(t.state, State::AwaitingIssue);
    let last = store
        .timeline(ticket)
        .unwrap()
        .into_iter()
        .rfind(|e| e.kind == "deliberation")
        .unwrap();
    assert!(last.note.contains("不具法律约束力"), "{}", last.note);
    // Service history counts the hearing and the absence.
    assert_eq!(
        store.service(panel[0], now().date()).unwrap().absences,
        absences + 1
    );
    assert!(store.service(alt, now().date()).unwrap().hearings >= 1);
    let minutes = suqiu_cmd()
        .args(["print", "hearing", &h.to_string(), "--db"])
        .arg(&path)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&minutes.stdout);
    for part in [
        "评理记录",
        "缺席",
        "候补递补",
        "更正，理由：成员当场更正",
        "弃权 1",
        "未形成多数意见",
        "不具有法律约束力",
        "评理团成员签字",
    ] {
        assert!(text.contains(part), "missing {part}\n{text}");
    }
}

#[test]
fn roster_files_import_all_or_nothing_template_and_export() {
    let (dir, path) = demo_db();
    let run = |args: &[&str]| {
        suqiu_cmd()
            .args(args)
            .arg("--db")
            .arg(&path)
            .output()
            .unwrap()
    };
    let template = dir.path().join("模板.xlsx");
    assert!(
        run(&["roster", "template", "--out", template.to_str().unwrap()])
            .status
            .success()
    );
    let csv = dir.path().join("new.csv");
    std::fs::write(
        &csv,
        "\u{feff}姓名,性别,社区/村,类别,产生方式,职业,专长,手机号,任期开始,任期结束\n\
         王大力,男,仙城社区,居民代表,自荐,,,13800001111,2026-01-01,2028-12-31\n\
         李小花,女,不存在社区,居民代表,自荐,,,13800002222,2026-01-01,2028-12-31\n",
    )
    .unwrap();
    let before = open(&path)
        .roster_count(&suqiu::store::roster::RosterQuery::default())
        .unwrap();
    let out = run(&["roster", "import", csv.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("第 3 行"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let after = open(&path)
        .roster_count(&suqiu::store::roster::RosterQuery::default())
        .unwrap();
    assert_eq!(before, after, "nothing imported");
    std::fs::write(
        &csv,
        std::fs::read_to_string(&csv)
            .unwrap()
            .replace("不存在社区", "东山社区")
            .replace("13800002222", "1380000"),
    )
    .unwrap();
    let out = run(&["roster", "import", csv.to_str().unwrap()]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("第 3 行 手机号"));
    std::fs::write(
        &csv,
        std::fs::read_to_string(&csv)
            .unwrap()
            .replace(",1380000,", ",13800002222,"),
    )
    .unwrap();
    let out = run(&["roster", "import", csv.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let xlsx = dir.path().join("roster.xlsx");
    assert!(
        run(&[
            "roster",
            "export",
            "--format",
            "xlsx",
            "--out",
            xlsx.to_str().unwrap()
        ])
        .status
        .success()
    );
    use calamine::Reader;
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook(&xlsx).unwrap();
    let range = wb.worksheet_range("议事代表").unwrap();
    assert_eq!(range.height() as i64, after + 3);
    assert!(
        range
            .rows()
            .skip(1)
            .all(|r| matches!(&r[8], calamine::Data::String(s) if s.len() == 11)),
        "mobiles are text"
    );
    let list = run(&["draw", "list"]);
    assert!(String::from_utf8_lossy(&list.stdout).contains("评理团"));
}

/// Opens the first ticket waiting for 民事民议 and its action menu entry `label`.
fn act_delib(
    app: &mut suqiu::app::App,
    ctx: &mut suqiu::app::effects::Ctx,
    number: &str,
    label: &str,
) {
    if app.detail.as_ref().map(|d| d.rec.number()) != Some(number.to_string()) {
        open_ticket(app, ctx, number);
    }
    typ(app, ctx, "a");
    typ(app, ctx, label);
    key(app, ctx, KeyCode::Enter);
}

#[test]
fn journey_draw_with_strikes_then_a_hearing_with_an_absence_to_sign_off() {
    let (_d, path) = demo_db();
    let waiting = waiting(&path);
    let number = waiting.number();
    let (mut app, mut ctx) = signed_in(&path, "1003", "300300");
    act_delib(&mut app, &mut ctx, &number, "抽签");
    ctrl(&mut app, &mut ctx, 's');
    assert!(
        matches!(app.delib, Some(DelibView::Draw(_))),
        "{}",
        screen(&app)
    );
    // Each party types its own input; only its hash is shown.
    typ(&mut app, &mut ctx, "2718\n");
    key(&mut app, &mut ctx, KeyCode::Enter);
    typ(&mut app, &mut ctx, "海内存知己\n");
    let s = screen(&app);
    assert!(
        !s.contains("2718") && !s.contains("海内存知己") && s.contains("已输入，校验值"),
        "{s}"
    );
    key(&mut app, &mut ctx, KeyCode::Enter);
    let Some(DelibView::Draw(live)) = &app.delib else {
        panic!()
    };
    assert_eq!(live.phase, DrawPhase::Revealed);
    assert!(screen(&app).contains("“2718”"));
    // One strike each.
    typ(&mut app, &mut ctx, "x");
    key(&mut app, &mut ctx, KeyCode::Enter);
    typ(&mut app, &mut ctx, "jx");
    typ(&mut app, &mut ctx, "2");
    key(&mut app, &mut ctx, KeyCode::Enter);
    let Some(DelibView::Draw(live)) = &app.delib else {
        panic!()
    };
    assert_eq!(live.draw.strikes.len(), 2, "{}", screen(&app));
    assert_eq!(
        live.draw
            .strikes
            .iter()
            .map(|s| s.party)
            .collect::<Vec<_>>(),
        vec![0, 1]
    );
    ctrl(&mut app, &mut ctx, 'f');
    let Some(DelibView::Draw(live)) = &app.delib else {
        panic!()
    };
    assert_eq!(live.phase, DrawPhase::Final);
    key(&mut app, &mut ctx, KeyCode::Esc);
    // The hearing.
    act_delib(&mut app, &mut ctx, &number, "评理大会");
    key(&mut app, &mut ctx, KeyCode::Tab);
    typ(&mut app, &mut ctx, "区中心议事厅");
    ctrl(&mut app, &mut ctx, 's');
    assert!(
        matches!(app.delib, Some(DelibView::Hearing(_))),
        "{}",
        screen(&app)
    );
    typ(&mut app, &mut ctx, "jx");
    typ(&mut app, &mut ctx, "o");
    typ(&mut app, &mut ctx, "n");
    key(&mut app, &mut ctx, KeyCode::Tab);
    key(&mut app, &mut ctx, KeyCode::Tab);
    typ(&mut app, &mut ctx, "申请人陈述诉求与证据");
    ctrl(&mut app, &mut ctx, 's');
    typ(&mut app, &mut ctx, "q");
    ctrl(&mut app, &mut ctx, 's');
    typ(&mut app, &mut ctx, "kkkkkkkkk");
    for i in 0..7 {
        typ(&mut app, &mut ctx, "v");
        key(&mut app, &mut ctx, KeyCode::Tab);
        key(&mut app, &mut ctx, KeyCode::Tab);
        typ(&mut app, &mut ctx, if i < 5 { "支持" } else { "反对" });
        key(&mut app, &mut ctx, KeyCode::Enter);
        ctrl(&mut app, &mut ctx, 's');
        assert!(app.form.is_none(), "vote {i}: {}", screen(&app));
        if i < 6 {
            assert!(!screen(&app).contains("支持 5"), "votes stay hidden");
        }
        typ(&mut app, &mut ctx, "j");
    }
    assert!(screen(&app).contains("支持 5  反对 2"), "{}", screen(&app));
    typ(&mut app, &mut ctx, "f");
    key(&mut app, &mut ctx, KeyCode::Enter);
    assert!(app.delib.is_none());
    assert_eq!(
        app.detail.as_ref().unwrap().rec.state,
        State::AwaitingFeedback
    );
    assert!(matches!(
        ctx.store.verify_audit().unwrap(),
        Verdict::Intact { .. }
    ));
}

#[test]
fn instant_mediation_by_keys_with_a_quick_draw() {
    let (_d, path) = demo_db();
    let waiting = waiting(&path);
    let number = waiting.number();
    let (mut app, mut ctx) = signed_in(&path, "1002", "200200");
    act_delib(&mut app, &mut ctx, &number, "调解");
    key(&mut app, &mut ctx, KeyCode::F(5));
    let members = app.form.as_ref().unwrap().form.text(F::Members);
    assert_eq!(members.split('、').count(), 3, "{members}");
    // Drawing again until the result pleases: the same three (the draw stands until the
    // director voids it).
    key(&mut app, &mut ctx, KeyCode::F(5));
    assert_eq!(app.form.as_ref().unwrap().form.text(F::Members), members);
    let draws: i64 = rusqlite::Connection::open(&path)
        .unwrap()
        .query_row(
            "SELECT count(*) FROM draws WHERE ticket_id = ?1 AND kind = 'mediation'",
            [waiting.id],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(draws, 1);
    for _ in 0..3 {
        key(&mut app, &mut ctx, KeyCode::Tab);
    }
    typ(&mut app, &mut ctx, "双方同意共同出资维修");
    ctrl(&mut app, &mut ctx, 's');
    assert!(app.form.is_none(), "{}", screen(&app));
    assert_eq!(
        app.detail.as_ref().unwrap().rec.state,
        State::AwaitingFeedback
    );
}

#[test]
fn deliberation_screens() {
    let (_d, path) = demo_db();
    let (mut app, mut ctx) = signed_in(&path, "1003", "300300");
    typ(&mut app, &mut ctx, "3");
    insta::with_settings!({ snapshot_path => "snapshots", prepend_module_to_snapshot => false }, {
        if fixed_time() {
            insta::assert_snapshot!("roster", screen(&app));
        }
    });
    let c = rusqlite::Connection::open(&path).unwrap();
    let (number, hearing): (String, i64) = c
        .query_row("SELECT printf('%d-%06d', t.year, t.seq), h.id FROM hearings h JOIN tickets t ON t.id = h.ticket_id LIMIT 1", [], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap();
    // The demo's finished draw and hearing (its randomness is fixed, so the screens are stable).
    typ(&mut app, &mut ctx, "1");
    open_ticket(&mut app, &mut ctx, &number);
    let h = ctx.store.hearing(hearing).unwrap();
    let d = ctx.store.draw(h.draw_id).unwrap();
    let report = suqiu::store::draws::PoolReport {
        pool: d.pool.clone(),
        excluded: vec![],
        rested: vec![],
        rest_relaxed: false,
    };
    let labels = d.parties.iter().map(|p| p.label.clone()).collect();
    let inputs = d.parties.iter().map(|p| p.input.clone()).collect();
    let commitments = d
        .parties
        .iter()
        .map(|p| suqiu::domain::hex(&suqiu::domain::draw::commitment(&p.salt, &p.input)))
        .collect();
    app.delib = Some(DelibView::Draw(Box::new(suqiu::app::draw::DrawLive {
        draw: d,
        report,
        labels,
        salts: vec![],
        nonce: vec![],
        inputs,
        commitments,
        phase: DrawPhase::Final,
        selected: 0,
    })));
    insta::with_settings!({ snapshot_path => "snapshots", prepend_module_to_snapshot => false }, {
        if fixed_time() {
            insta::assert_snapshot!("draw", screen(&app));
        }
    });
    app.delib = Some(DelibView::Hearing(Box::new(
        suqiu::app::hearing::HearingView {
            hearing: h,
            panel_size: 7,
            selected: 0,
        },
    )));
    insta::with_settings!({ snapshot_path => "snapshots", prepend_module_to_snapshot => false }, {
        if fixed_time() {
            insta::assert_snapshot!("hearing", screen(&app));
        }
    });
}

/// One person is one representative: a second entry is refused on add and on import (naming
/// the row), an exported roster imports back as it was (by 编号: no doubles, a person who left
/// stays 退出, training hours checked), and a person entered twice before the rule is in a
/// draw's pool once (issue 8 §2).
#[test]
fn one_person_is_one_representative_and_an_export_imports_back_as_it_was() {
    let (dir, path) = demo_db();
    let mut store = open(&path);
    let clerk = store.session("1003").unwrap().actor;
    let q = RosterQuery::default();
    let count = |s: &Store| s.roster_count(&RosterQuery::default()).unwrap();
    let before = count(&store);
    let (page, _) = store.roster_page(&q, None, None, 1).unwrap();
    let first = store.rep(page[0].id).unwrap();
    // The same name and mobile again, at the desk: refused, naming the entry there is.
    let again = RepForm {
        name: first.name.clone(),
        sex: "女".into(),
        place: "东山社区".into(),
        category: "居民代表".into(),
        chosen_by: "自荐".into(),
        occupation: String::new(),
        expertise: String::new(),
        mobile: first.mobile.clone(),
        term_start: "2026-01-01".into(),
        term_end: "2028-12-31".into(),
        resident_id: String::new(),
    };
    let err = store
        .add_rep(&clerk, &validate_rep(&again, now().date()).unwrap(), now())
        .unwrap_err();
    assert!(
        err.message(suqiu::domain::Lang::Zh)
            .contains(&format!("编号 {}", first.id)),
        "{}",
        err.message(suqiu::domain::Lang::Zh)
    );
    // The same resident ID under another name and mobile: refused too.
    let mut with_id = again.clone();
    with_id.name = "甲乙丙".into();
    with_id.mobile = "13911112222".into();
    with_id.resident_id = "11010519491231002X".into();
    store
        .add_rep(
            &clerk,
            &validate_rep(&with_id, now().date()).unwrap(),
            now(),
        )
        .unwrap();
    let mut other = with_id.clone();
    other.name = "丁戊己".into();
    other.mobile = "13933334444".into();
    assert!(
        store
            .add_rep(&clerk, &validate_rep(&other, now().date()).unwrap(), now())
            .is_err()
    );
    assert_eq!(count(&store), before + 1);
    // Someone leaves; a training is recorded.
    store
        .change_rep_status(
            &clerk,
            first.id,
            RepStatus::Retired,
            now().date(),
            "迁出本区",
            now(),
        )
        .unwrap();
    store
        .add_training(&clerk, first.id, now().date(), "调解技巧", 2.5, now())
        .unwrap();
    drop(store);

    let run = |args: &[&str]| {
        suqiu_cmd()
            .args(args)
            .arg("--db")
            .arg(&path)
            .output()
            .unwrap()
    };
    for ext in ["csv", "xlsx"] {
        let out = dir.path().join(format!("名册.{ext}"));
        let o = run(&[
            "roster",
            "export",
            "--format",
            ext,
            "--out",
            out.to_str().unwrap(),
        ]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let o = run(&["roster", "import", out.to_str().unwrap()]);
        assert!(
            o.status.success(),
            "{ext}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        let store = open(&path);
        assert_eq!(count(&store), before + 1, "{ext}: nobody doubled");
        let back = store.rep(first.id).unwrap();
        assert_eq!(back.status, RepStatus::Retired, "{ext}: who left stays out");
        assert_eq!(back.resident_id, first.resident_id);
    }
    // An edited export updates by 编号; a changed training total is refused, naming the row.
    let out = dir.path().join("名册.csv");
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(!text.contains(",'-0"), "no training is 0 hours, not -0");
    let edited = text.replacen(&first.mobile, "13955556666", 1);
    std::fs::write(&out, &edited).unwrap();
    let o = run(&["roster", "import", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(open(&path).rep(first.id).unwrap().mobile, "13955556666");
    let hours: String = edited
        .lines()
        .map(|l| match l.strip_prefix(&format!("{},", first.id)) {
            Some(_) => format!("{},40\n", l.rsplit_once(',').unwrap().0),
            None => format!("{l}\n"),
        })
        .collect();
    assert_ne!(hours, edited);
    std::fs::write(&out, &hours).unwrap();
    let o = run(&["roster", "import", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("培训学时为 40"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    // A file naming one person twice is refused, naming both rows.
    let csv = dir.path().join("twice.csv");
    std::fs::write(
        &csv,
        "\u{feff}姓名,性别,社区/村,类别,产生方式,职业,专长,手机号,任期开始,任期结束\n\
         王大力,男,仙城社区,居民代表,自荐,,,13800001111,2026-01-01,2028-12-31\n\
         王大力,男,东山社区,居民代表,自荐,,,13800001111,2026-01-01,2028-12-31\n",
    )
    .unwrap();
    let o = run(&["roster", "import", csv.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("第 3 行：与第 2 行是同一人"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );

    // A roster written before the rule, with someone in it twice: the pool takes them once.
    let c = rusqlite::Connection::open(&path).unwrap();
    let (dup_of, name): (i64, String) = c
        .query_row(
            "SELECT id, name FROM representatives WHERE status = 'active' ORDER BY id LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    c.execute(
        "INSERT INTO representatives (name, name_initials, sex, place_id, category, chosen_by, occupation,
            expertise, mobile, term_start, term_end, status, updated_at, updated_by)
         SELECT name, name_initials, sex, place_id, category, chosen_by, occupation, expertise, mobile,
            term_start, term_end, status, updated_at, updated_by FROM representatives WHERE id = ?1",
        [dup_of],
    )
    .unwrap();
    let copy = c.last_insert_rowid();
    let store = open(&path);
    let report = store
        .eligible_pool(
            now().date(),
            &[],
            &panel_settings(),
            2,
            DEFAULT_MAX_HEARINGS,
        )
        .unwrap();
    assert!(report.pool.iter().any(|c| c.id == dup_of));
    assert!(!report.pool.iter().any(|c| c.id == copy), "{name} twice");
    assert!(
        report
            .excluded
            .iter()
            .any(|(id, _, why)| *id == copy && why.contains(&format!("编号 {dup_of}")))
    );
}

/// A second implementation of the draw, written in Python from docs/draw-protocol.md alone,
/// reproduces every receipt of the demo (panels, mediations, members picked at visits) line by
/// line, and refuses one whose readable summary was forged (issue 8 §3).
#[test]
fn every_demo_receipt_verifies_in_an_independent_implementation() {
    use sha2::Digest;
    let (dir, path) = demo_db();
    let c = rusqlite::Connection::open(&path).unwrap();
    let receipts: Vec<String> = c
        .prepare(
            "SELECT receipt FROM draws WHERE receipt IS NOT NULL
             UNION ALL SELECT receipt FROM visit_picks UNION ALL SELECT receipt FROM member_inspections",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert!(receipts.len() > 10, "{}", receipts.len());
    let mut files = vec![];
    for (i, r) in receipts.iter().enumerate() {
        let f = dir.path().join(format!("凭据{i}.txt"));
        std::fs::write(&f, r).unwrap();
        files.push(f);
    }
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/scripts/verify-receipt.py");
    let out = Command::new("python3")
        .arg(script)
        .args(&files)
        .output()
        .expect("python3 (.ci/run installs it)");
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{said}");
    assert_eq!(said.matches(": OK, draw").count(), receipts.len(), "{said}");
    // A panel receipt with a commitment of each party, and a forged line.
    let panel = receipts
        .iter()
        .find(|r| r.contains("\"panel\"") && r.contains("format: 2"))
        .expect("a panel draw");
    assert!(
        panel
            .lines()
            .filter(|l| l.starts_with("party: "))
            .all(|l| { l.rsplit(' ').next().is_some_and(|c| c.len() == 64) })
    );
    let pos = panel.rfind("receipt_sha256: ").unwrap();
    let body = panel[..pos].replacen("# 评理团 1：", "# 评理团 1：冒名", 1);
    let sum: String = sha2::Sha256::digest(body.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let forged = dir.path().join("伪造.txt");
    std::fs::write(&forged, format!("{body}receipt_sha256: {sum}\n")).unwrap();
    let out = Command::new("python3")
        .arg(script)
        .arg(&forged)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let out = suqiu_cmd()
        .args(["draw", "verify"])
        .arg(&forged)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("冒名"));
}

/// The only 法律政策专业人员 of a panel is absent: the replacement keeps the minimum, by the
/// rule of strikes, or the hearing cannot sit (issue 8 §2). The nonce is searched for a draw in
/// which the first named alternate is of another category.
#[test]
fn an_absent_member_is_replaced_by_an_alternate_that_keeps_the_minimum() {
    use suqiu::domain::draw;
    let (_d, path) = demo_db();
    let mut store = open(&path);
    let clerk = store.session("1003").unwrap().actor;
    let ticket = waiting_ticket(&path);
    let mut s = panel_settings();
    s.alternates = 3;
    s.strikes_per_party = 0;
    let report = store
        .eligible_pool(now().date(), &[], &s, 2, DEFAULT_MAX_HEARINGS)
        .unwrap();
    let legal = |id: i64| {
        report
            .pool
            .iter()
            .any(|c| c.id == id && c.category == RepCategory::LegalProfessional)
    };
    let ph = draw::pool_hash(&report.pool);
    let nonce = (0u32..10_000)
        .map(|n| format!("absence-nonce-{n}").into_bytes())
        .find(|nonce| {
            let o = draw::order(
                report.pool.len(),
                &draw::seed(&ph, &waiting(&path).number(), nonce, &parties()),
            );
            let panel = draw::select(&o, &report.pool, &s);
            let ids: Vec<i64> = o.iter().map(|i| report.pool[*i].id).collect();
            let panel_ids: Vec<i64> = panel.iter().map(|i| report.pool[*i].id).collect();
            let alternates: Vec<i64> = ids
                .iter()
                .copied()
                .filter(|i| !panel_ids.contains(i))
                .take(3)
                .collect();
            panel_ids.iter().filter(|i| legal(**i)).count() == 1 && !legal(alternates[0])
        })
        .expect("a nonce giving such a draw");
    let id = store
        .freeze_draw(
            &clerk,
            ticket,
            draw::DrawKind::Panel,
            &s,
            2,
            &report,
            &nonce,
            now(),
        )
        .unwrap();
    commit_and_reveal(&mut store, &clerk, id, &nonce, &parties()).unwrap();
    let d = store.finalize_draw(&clerk, id, now()).unwrap();
    let h = store
        .create_hearing(&clerk, id, now().date(), "区中心议事厅", "王芳", now())
        .unwrap();
    let lawyer = *d.final_panel.iter().find(|m| legal(**m)).unwrap();
    let named: Vec<i64> = d.alternates().into_iter().take(3).collect();
    match store.mark_absent(&clerk, h, lawyer, now()) {
        Ok(alt) => {
            assert!(legal(alt), "{alt} keeps the minimum");
            assert_ne!(alt, named[0], "not simply the next alternate");
        }
        Err(e) => {
            assert!(!named.iter().any(|a| legal(*a)));
            assert!(
                e.message(suqiu::domain::Lang::Zh)
                    .contains("法律政策专业人员"),
                "{}",
                e.message(suqiu::domain::Lang::Zh)
            );
        }
    }
}

/// One draw per purpose becomes final: a second is refused until the director voids the first
/// with a reason; a draw left after its reveal records why; the final receipt lists every
/// earlier attempt (issue 8 §2).
#[test]
fn a_final_draw_stands_until_the_director_voids_it_and_the_next_receipt_lists_it() {
    let (_d, path) = demo_db();
    let mut store = open(&path);
    let clerk = store.session("1003").unwrap().actor;
    let director = store.session("1002").unwrap().actor;
    let ticket = waiting_ticket(&path);
    let s = panel_settings();
    let report = store
        .eligible_pool(now().date(), &[], &s, 2, DEFAULT_MAX_HEARINGS)
        .unwrap();
    let freeze = |store: &mut Store, nonce: &[u8]| {
        store.freeze_draw(
            &clerk,
            ticket,
            suqiu::domain::draw::DrawKind::Panel,
            &s,
            2,
            &report,
            nonce,
            now(),
        )
    };
    // A first attempt, left before the reveal; a second, left after it with a reason.
    let first = freeze(&mut store, b"nonce-one").unwrap();
    store
        .abandon_draw(&clerk, first, "揭晓前离开", now())
        .unwrap();
    let second = freeze(&mut store, b"nonce-two").unwrap();
    commit_and_reveal(&mut store, &clerk, second, b"nonce-two", &parties()).unwrap();
    assert!(
        store.abandon_draw(&clerk, second, "  ", now()).is_err(),
        "a reason"
    );
    store
        .abandon_draw(
            &clerk,
            second,
            "被申请人对抽签结果有异议，双方同意改日重抽",
            now(),
        )
        .unwrap();
    assert!(
        store.finalize_draw(&clerk, second, now()).is_err(),
        "it has ended"
    );
    // The third becomes final: a fourth is refused.
    let third = freeze(&mut store, b"nonce-three").unwrap();
    commit_and_reveal(&mut store, &clerk, third, b"nonce-three", &parties()).unwrap();
    let d3 = store.finalize_draw(&clerk, third, now()).unwrap();
    let e = freeze(&mut store, b"nonce-four").unwrap_err();
    assert!(
        e.message(suqiu::domain::Lang::Zh)
            .contains(&format!("抽签 {third}")),
        "{}",
        e.message(suqiu::domain::Lang::Zh)
    );
    // Its receipt lists the two attempts before it, with why.
    let (r3, _) = Receipt::verify_text(d3.receipt.as_deref().unwrap()).unwrap();
    assert_eq!(
        r3.earlier.iter().map(|e| e.id).collect::<Vec<_>>(),
        [first, second]
    );
    assert!(d3.receipt.as_deref().unwrap().contains("双方同意改日重抽"));
    // Only the director voids, with a reason; then a new draw may be made, and a hearing
    // cannot be planned on the voided one.
    assert!(store.void_draw(&clerk, third, "重抽", now()).is_err());
    assert!(store.void_draw(&director, third, "", now()).is_err());
    store
        .void_draw(
            &director,
            third,
            "评理团成员与当事人有利害关系，经主任批准重抽",
            now(),
        )
        .unwrap();
    assert!(
        store
            .create_hearing(&clerk, third, now().date(), "区中心议事厅", "王芳", now())
            .is_err()
    );
    let fourth = freeze(&mut store, b"nonce-four").unwrap();
    commit_and_reveal(&mut store, &clerk, fourth, b"nonce-four", &parties()).unwrap();
    let d4 = store.finalize_draw(&clerk, fourth, now()).unwrap();
    let text = d4.receipt.unwrap();
    let (r4, _) = Receipt::verify_text(&text).unwrap();
    assert_eq!(r4.earlier.len(), 3);
    assert_eq!(r4.earlier[2].seed, d3.seed.unwrap());
    assert!(text.contains("# 此前的抽签"), "{text}");
    assert!(text.contains("经主任批准重抽"));
    // The independent implementation reads the attempts too.
    let f = _d.path().join("第四次.txt");
    std::fs::write(&f, &text).unwrap();
    let out = Command::new("python3")
        .arg(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/scripts/verify-receipt.py"
        ))
        .arg(&f)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(matches!(
        store.verify_audit().unwrap(),
        Verdict::Intact { .. }
    ));
    assert!(store.replay_audit().unwrap().problems.is_empty());
}

/// From the keyboard: leaving a revealed draw asks why; a final draw cannot be drawn again;
/// the director voids it with a reason, and then it can (issue 8 §2).
#[test]
fn journey_leaving_a_revealed_draw_asks_why_and_only_the_director_voids_a_final_one() {
    let (_d, path) = demo_db();
    let number = waiting(&path).number();
    let (mut app, mut ctx) = signed_in(&path, "1003", "300300");
    let reveal = |app: &mut suqiu::app::App, ctx: &mut suqiu::app::effects::Ctx| {
        act_delib(app, ctx, &number, "抽签");
        ctrl(app, ctx, 's');
        typ(app, ctx, "2718\n");
        key(app, ctx, KeyCode::Enter);
        typ(app, ctx, "海内存知己\n");
        key(app, ctx, KeyCode::Enter);
        let Some(DelibView::Draw(live)) = &app.delib else {
            panic!("{}", screen(app))
        };
        assert_eq!(live.phase, DrawPhase::Revealed);
        live.draw.id
    };
    let first = reveal(&mut app, &mut ctx);
    key(&mut app, &mut ctx, KeyCode::Esc);
    assert!(screen(&app).contains("请说明理由"), "{}", screen(&app));
    ctrl(&mut app, &mut ctx, 's');
    assert!(app.delib.is_some(), "not without a reason");
    typ(&mut app, &mut ctx, "当事人要求暂停");
    ctrl(&mut app, &mut ctx, 's');
    assert!(app.delib.is_none(), "{}", screen(&app));
    let d = ctx.store.draw(first).unwrap();
    assert_eq!(d.ended.map(|e| e.2).as_deref(), Some("当事人要求暂停"));
    // A second draw, made final; a third is refused.
    let second = reveal(&mut app, &mut ctx);
    ctrl(&mut app, &mut ctx, 'f');
    key(&mut app, &mut ctx, KeyCode::Esc);
    act_delib(&mut app, &mut ctx, &number, "抽签");
    // The setup form is not even opened: it could not be saved.
    assert!(app.form.is_none(), "{}", screen(&app));
    assert!(
        screen(&app).contains(&format!("抽签 {second}")),
        "{}",
        screen(&app)
    );
    assert!(app.delib.is_none());
    key(&mut app, &mut ctx, KeyCode::Esc);
    // The clerk is not offered the void; the director is.
    let s = {
        typ(&mut app, &mut ctx, "a");
        screen(&app)
    };
    assert!(!s.contains("作废抽签"), "{s}");
    key(&mut app, &mut ctx, KeyCode::Esc);
    let (mut app, mut ctx) = signed_in(&path, "1002", "200200");
    act_delib(&mut app, &mut ctx, &number, "作废");
    assert!(
        screen(&app).contains(&format!("作废抽签 {second}")),
        "{}",
        screen(&app)
    );
    typ(&mut app, &mut ctx, "抽中的代表与申请人系同事");
    ctrl(&mut app, &mut ctx, 's');
    assert!(
        ctx.store.draw(second).unwrap().ended.is_some(),
        "{}",
        screen(&app)
    );
    let third = reveal(&mut app, &mut ctx);
    ctrl(&mut app, &mut ctx, 'f');
    let receipt = ctx.store.draw(third).unwrap().receipt.unwrap();
    assert!(
        receipt.contains("当事人要求暂停") && receipt.contains("系同事"),
        "{receipt}"
    );
}

/// Representatives resting under the rest rule are listed on the receipt with why, so the
/// pool's completeness can be checked from it (issue 8 §3).
#[test]
fn those_resting_are_listed_on_the_receipt_with_why() {
    let (_d, path) = demo_db();
    let mut store = open(&path);
    let clerk = store.session("1003").unwrap().actor;
    let ticket = waiting_ticket(&path);
    let s = panel_settings();
    // Anyone who sat a hearing in the last year rests.
    let report = store.eligible_pool(now().date(), &[], &s, 2, 1).unwrap();
    assert!(
        !report.rested.is_empty() && !report.rest_relaxed,
        "{report:?}"
    );
    let id = store
        .freeze_draw(
            &clerk,
            ticket,
            suqiu::domain::draw::DrawKind::Panel,
            &s,
            2,
            &report,
            b"rest-nonce",
            now(),
        )
        .unwrap();
    commit_and_reveal(&mut store, &clerk, id, b"rest-nonce", &parties()).unwrap();
    let d = store.finalize_draw(&clerk, id, now()).unwrap();
    let (r, _) = Receipt::verify_text(d.receipt.as_deref().unwrap()).unwrap();
    for (rep, _, n) in &report.rested {
        assert!(
            r.exclusions
                .iter()
                .any(|(e, why)| e == rep && why.contains("轮休") && why.contains(&n.to_string())),
            "{rep} resting is on the receipt: {:?}",
            r.exclusions
        );
        assert!(!r.pool.iter().any(|c| c.id == *rep));
    }
}

/// Leaving a draw before its reveal records it as abandoned, saying why: the nonce lived only in
/// that desk's memory (issue 8 §2, §3).
#[test]
fn journey_leaving_before_the_reveal_is_recorded() {
    let (_d, path) = demo_db();
    let number = waiting(&path).number();
    let (mut app, mut ctx) = signed_in(&path, "1003", "300300");
    act_delib(&mut app, &mut ctx, &number, "抽签");
    ctrl(&mut app, &mut ctx, 's');
    let Some(DelibView::Draw(live)) = &app.delib else {
        panic!("{}", screen(&app))
    };
    let id = live.draw.id;
    // The first party's input form, then the draw itself.
    key(&mut app, &mut ctx, KeyCode::Esc);
    key(&mut app, &mut ctx, KeyCode::Esc);
    assert!(app.delib.is_none(), "{}", screen(&app));
    let d = ctx.store.draw(id).unwrap();
    let why = d.ended.map(|e| e.2).unwrap_or_default();
    assert!(why.contains("揭晓前离开"), "{why:?}");
    // A new draw may be made; its receipt will list this one.
    act_delib(&mut app, &mut ctx, &number, "抽签");
    ctrl(&mut app, &mut ctx, 's');
    assert!(
        matches!(app.delib, Some(DelibView::Draw(_))),
        "{}",
        screen(&app)
    );
}

/// Issue 11: what Chinese Excel and WPS write. A "CSV" in GB18030 with a title row merged above
/// the header and dates as serial numbers; Excel's tab-separated "Unicode text"; the template
/// imported as it is (its example row is no one); a damaged workbook and a file in no known
/// encoding refused in words a clerk can act on, nothing imported.
#[test]
fn roster_imports_take_what_chinese_excel_writes() {
    let (dir, path) = demo_db();
    let run = |args: &[&str]| {
        suqiu_cmd()
            .args(args)
            .arg("--db")
            .arg(&path)
            .output()
            .unwrap()
    };
    let count = || {
        open(&path)
            .roster_count(&suqiu::store::roster::RosterQuery::default())
            .unwrap()
    };
    let before = count();
    for ext in ["xlsx", "csv"] {
        let template = dir.path().join(format!("模板.{ext}"));
        assert!(
            run(&["roster", "template", "--out", template.to_str().unwrap()])
                .status
                .success()
        );
        let out = run(&["roster", "import", template.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(1), "{ext}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("没有"), "{ext}: {err}");
        assert_eq!(count(), before, "the example is no one ({ext})");
    }
    let serial = |d: &str| {
        (chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap()
            - chrono::NaiveDate::from_ymd_opt(1899, 12, 30).unwrap())
        .num_days()
    };
    let text = format!(
        "仙城街道议事代表名单（2026 年）,,,,,,,,,\r\n\
         姓名,性别,社区/村,类别,产生方式,职业,专长,手机号,任期开始,任期结束\r\n\
         欧阳明月,女,仙城社区,居民代表,自荐,教师,,+86 138\u{a0}0000 3333,{},{}\r\n",
        serial("2026-01-01"),
        serial("2028-12-31")
    );
    let (gbk, _, bad) = encoding_rs::GB18030.encode(&text);
    assert!(!bad);
    assert!(std::str::from_utf8(&gbk).is_err(), "really not UTF-8");
    let csv = dir.path().join("名单.csv");
    std::fs::write(&csv, &gbk).unwrap();
    let out = run(&["roster", "import", csv.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(count(), before + 1);
    let store = open(&path);
    let (rows, _) = store
        .roster_page(
            &suqiu::store::roster::RosterQuery {
                search: "欧阳明月".into(),
                ..Default::default()
            },
            None,
            None,
            5,
        )
        .unwrap();
    let d = store.rep_detail(rows[0].id, now().date()).unwrap();
    assert_eq!(d.rep.term_start.to_string(), "2026-01-01");
    assert_eq!(d.rep.term_end.to_string(), "2028-12-31");
    assert_eq!(d.rep.mobile, "13800003333");
    drop(store);
    // A bad row under a title row is named by the line a spreadsheet shows.
    let bad_text = text
        .replace("欧阳明月", "司马光")
        .replace("仙城社区", "不存在社区");
    std::fs::write(&csv, encoding_rs::GB18030.encode(&bad_text).0).unwrap();
    let out = run(&["roster", "import", csv.to_str().unwrap()]);
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("第 3 行"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Excel's "Unicode text": UTF-16 with a BOM, tab-separated.
    let tabbed = "姓名\t性别\t社区/村\t类别\t产生方式\t职业\t专长\t手机号\t任期开始\t任期结束\r\n\
                  诸葛亮\t男\t仙城社区\t居民代表\t自荐\t\t\t13800004444\t2026-01-01\t2028-12-31\r\n";
    let mut utf16 = vec![0xFF, 0xFE];
    for u in tabbed.encode_utf16() {
        utf16.extend(u.to_le_bytes());
    }
    let txt = dir.path().join("名单.txt");
    std::fs::write(&txt, utf16).unwrap();
    let out = run(&["roster", "import", txt.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(count(), before + 2);
    // A damaged workbook, and bytes in no encoding: refused, in words to act on.
    let broken = dir.path().join("坏.xlsx");
    std::fs::write(&broken, b"PK\x03\x04 not really a zip").unwrap();
    let out = run(&["roster", "import", broken.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.code() == Some(1) && err.contains("另存为") && !err.contains("Zip"),
        "{err}"
    );
    let garbage = dir.path().join("乱码.csv");
    std::fs::write(&garbage, b"\x81\x30\xff\xff,\xfe\n").unwrap();
    let out = run(&["roster", "import", garbage.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("编码无法识别"), "{err}");
    assert_eq!(count(), before + 2);
}
