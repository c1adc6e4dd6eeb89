//! 三进 through the store, on real temporary database files: the plan and its moves, 空岗,
//! notices, the register at a visit and the tickets it raises, member picks, ledgers, and the
//! Party members' household work.

mod common;

use chrono::{NaiveDate, NaiveTime};
use common::*;
use suqiu::domain::draw::Receipt;
use suqiu::domain::intake::{FirstHandler, Intake, Petitioner};
use suqiu::domain::members::{
    ContactMethod, HouseholdForm, MemberForm, validate_household, validate_member,
};
use suqiu::domain::roles::Actor;
use suqiu::domain::visits::{Staffing, VisitKind};
use suqiu::domain::vocab::{Channel, Classification, State, Urgency};
use suqiu::store::members::{NewContact, WishMove};
use suqiu::store::visits::Matter;
use suqiu::store::{Store, StoreError};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn session(store: &Store, no: &str) -> Actor {
    store.session(no).unwrap().actor
}

fn place(store: &Store, name: &str) -> i64 {
    store
        .refs()
        .unwrap()
        .places
        .iter()
        .find(|p| p.name == name)
        .unwrap()
        .id
}

fn leader(store: &Store, name: &str) -> i64 {
    store
        .refs()
        .unwrap()
        .leaders
        .iter()
        .find(|l| l.name == name)
        .unwrap()
        .id
}

fn resident(store: &Store, name: &str, summary: &str) -> Intake {
    let refs = store.refs().unwrap();
    Intake {
        channel: Channel::Visit,
        petitioners: vec![Petitioner {
            name: name.into(),
            mobile: "13904471111".into(),
            resident_id: None,
            address: "仙城社区3号楼".into(),
            place_id: Some(place(store, "仙城社区")),
        }],
        collective: false,
        head_count: None,
        category_id: refs.categories[0].id,
        summary: summary.into(),
        content: format!("{summary}，请求解决。"),
        request: "请求解决".into(),
        urgency: Urgency::Normal,
        first_handler: FirstHandler::Staff(1),
        visit_ref: None,
    }
}

/// The demonstration org with two leaders on 仙城社区 and 东山社区 and a three-leader rotation,
/// and the 2026 plan from 1 January.
fn planned() -> (tempfile::TempDir, std::path::PathBuf, Store) {
    let (dir, path) = org_db();
    let mut store = open(&path);
    let a = cli();
    let (gao, lin, zheng) = (
        leader(&store, "高志远"),
        leader(&store, "林海涛"),
        leader(&store, "郑晓梅"),
    );
    let (xc, ds) = (place(&store, "仙城社区"), place(&store, "东山社区"));
    store
        .set_assignments(
            &a,
            &[(gao, vec![xc]), (lin, vec![ds])],
            &[gao, lin, zheng],
            now(),
        )
        .unwrap();
    let (added, withdrawn) = store
        .plan_visits(&a, 2026, None, d("2026-01-01"), now())
        .unwrap();
    assert_eq!((added, withdrawn), (24 * 3, 0));
    (dir, path, store)
}

#[test]
fn the_plan_follows_the_calendar_and_a_new_rotation_withdraws_only_untouched_visits_to_come() {
    let (_d, _p, mut store) = planned();
    let a = cli();
    // 2026-10-10 is a make-up working day (Saturday): the visit stays on its date.
    let xc = place(&store, "仙城社区");
    let oct = store
        .visit_on(VisitKind::Community, xc, d("2026-10-10"))
        .unwrap()
        .unwrap();
    assert_eq!(oct.date, d("2026-10-10"));
    // 2026-01-10 is a Saturday: Monday the 12th.
    let jan = store
        .visit_on(VisitKind::Community, xc, d("2026-01-10"))
        .unwrap()
        .unwrap();
    assert_eq!(jan.date, d("2026-01-12"));
    assert_eq!(jan.time, NaiveTime::from_hms_opt(18, 0, 0).unwrap());
    // Planning again adds nothing.
    assert_eq!(
        store
            .plan_visits(&a, 2026, None, d("2026-01-01"), now())
            .unwrap(),
        (0, 0)
    );
    // A new rotation: the township visits to come change leader; past ones stay.
    let (gao, lin, zheng) = (
        leader(&store, "高志远"),
        leader(&store, "林海涛"),
        leader(&store, "郑晓梅"),
    );
    let twp = place(&store, "灯塔镇");
    let dec10 = store
        .visit_on(VisitKind::Township, twp, d("2026-12-10"))
        .unwrap()
        .unwrap();
    let director = session(&store, "1002");
    store
        .leader_cannot_attend(&director, dec10.id, None, Some(zheng), None, "出差", now())
        .unwrap();
    store.set_rotation(&a, &[zheng, lin, gao], now()).unwrap();
    let (added, withdrawn) = store
        .plan_visits(&a, 2026, None, now().date(), now())
        .unwrap();
    // Visit day 23 (12-10) has the same leader in both orders; day 24 (12-25) changes from
    // 高志远 to 郑晓梅: withdrawn and re-added. 12-10 was substituted by hand and stays anyway.
    assert_eq!(withdrawn, 1, "only the untouched visit to come");
    assert_eq!(added, 1, "12-25 with its new leader");
    // The past is not rewritten: the township visit of 11-25 keeps its leader.
    let nov = store
        .visit_on(VisitKind::Township, twp, d("2026-11-25"))
        .unwrap()
        .unwrap();
    assert_eq!(nov.leader_id, [gao, lin, zheng][(2 * 10 + 1) % 3]);
    let dec25 = store
        .visits_between(d("2026-12-25"), d("2026-12-25"))
        .unwrap()
        .into_iter()
        .find(|v| v.kind == VisitKind::Township)
        .unwrap();
    // 24 visit days: 12-25 is the 24th (index 23); the new rotation starts from January too.
    assert_eq!(dec25.leader_id, [zheng, lin, gao][23 % 3]);
    assert!(
        store
            .visits_between(d("2026-12-10"), d("2026-12-10"))
            .unwrap()
            .iter()
            .any(|v| v.id == dec10.id),
        "the substituted visit is kept"
    );
}

#[test]
fn a_year_without_holiday_data_is_provisional_until_loaded_and_then_visits_move() {
    let (_d, _p, mut store) = planned();
    let a = cli();
    store
        .plan_visits(&a, 2027, None, d("2027-01-01"), now())
        .unwrap();
    let xc = place(&store, "仙城社区");
    let before = store
        .visit_on(VisitKind::Community, xc, d("2027-02-10"))
        .unwrap()
        .unwrap();
    assert!(before.provisional);
    assert_eq!(before.date, d("2027-02-10"), "a Wednesday without data");
    // The data arrives: a plausible file with 02-06 to 02-12 off for the Spring Festival and
    // Sunday 02-14 a make-up working day.
    let json = r#"{"year":2027,"papers":[],"days":[
        {"name":"春节","date":"2027-02-06","isOffDay":true},
        {"name":"春节","date":"2027-02-07","isOffDay":true},
        {"name":"春节","date":"2027-02-08","isOffDay":true},
        {"name":"春节","date":"2027-02-09","isOffDay":true},
        {"name":"春节","date":"2027-02-10","isOffDay":true},
        {"name":"春节","date":"2027-02-11","isOffDay":true},
        {"name":"春节","date":"2027-02-12","isOffDay":true},
        {"name":"春节","date":"2027-02-14","isOffDay":false}]}"#;
    store
        .load_calendar_year(&a, json, "2027.json", now())
        .unwrap();
    let moved = store.replan(&a, now()).unwrap();
    let after = store
        .visit_on(VisitKind::Community, xc, d("2027-02-10"))
        .unwrap()
        .unwrap();
    assert!(!after.provisional);
    assert_eq!(
        after.date,
        d("2027-02-14"),
        "the make-up Sunday is a working day"
    );
    assert!(moved.contains(&(after.id, d("2027-02-10"), d("2027-02-14"))));
    // The notice of a moved visit is due again if it was posted.
    assert!(after.notice_version > before.notice_version);
}

#[test]
fn a_leader_who_cannot_come_leaves_a_flagged_gap_until_staffed_and_the_notice_is_corrected() {
    let (_d, _p, mut store) = planned();
    let director = session(&store, "1002");
    let xc = place(&store, "仙城社区");
    let v = store
        .visit_on(VisitKind::Community, xc, d("2026-12-10"))
        .unwrap()
        .unwrap();
    store.post_notice(&director, v.id, None, now()).unwrap();
    assert!(
        store
            .notices_due(d("2026-12-03"), 7)
            .unwrap()
            .iter()
            .all(|x| x.id != v.id)
    );
    store
        .leader_cannot_attend(&director, v.id, None, None, None, "赴省培训", now())
        .unwrap();
    assert_eq!(store.unstaffed_count().unwrap(), 1);
    let row = store.visit_detail(v.id).unwrap().visit;
    assert_eq!(row.staffing(), Staffing::Unstaffed);
    assert!(row.notice_outstanding(), "a corrected notice is due");
    let notice = suqiu::sanjin_files::notice_for(&store, v.id).unwrap_err();
    assert!(notice.message(suqiu::domain::Lang::Zh).contains("空岗"));
    // Another desk acting on what it read before the change is refused, and told who changed it.
    let stale = store
        .record_visit_not_held(&director, v.id, Some(v.version), "下雨", now())
        .unwrap_err();
    assert!(matches!(stale, StoreError::Stale(_)));
    assert!(
        stale
            .message(suqiu::domain::Lang::Zh)
            .contains("在另一窗口修改")
    );
    // Staffed by another leader: the gap closes and the notice names the substitute, corrected.
    let deng = leader(&store, "邓永刚");
    store.staff_visit(&director, v.id, deng, now()).unwrap();
    assert_eq!(store.unstaffed_count().unwrap(), 0);
    let text = suqiu::sanjin_files::notice_for(&store, v.id).unwrap();
    assert!(
        text.contains("（更正）") && text.contains("邓永刚"),
        "{text}"
    );
    // A visit in the future cannot be recorded as held.
    let e = store
        .record_visit_held(&director, v.id, None, "", now())
        .unwrap_err();
    assert!(e.message(suqiu::domain::Lang::Zh).contains("还没到"));
}

#[test]
fn a_city_leaders_visit_moves_every_district_visit_of_that_half_month() {
    let (_d, path, mut store) = planned();
    let a = cli();
    let director = session(&store, "1002");
    let ds = place(&store, "东山社区");
    let (gao, lin, zheng) = (
        leader(&store, "高志远"),
        leader(&store, "林海涛"),
        leader(&store, "郑晓梅"),
    );
    // 郑晓梅 also visits 东山社区 from December: two district visits there on the 25th.
    let xc = place(&store, "仙城社区");
    store
        .set_assignments(
            &a,
            &[(gao, vec![xc]), (lin, vec![ds]), (zheng, vec![ds])],
            &[gao, lin, zheng],
            now(),
        )
        .unwrap();
    store
        .plan_visits(&a, 2026, Some(12), d("2026-12-01"), now())
        .unwrap();
    let before: Vec<_> = store
        .visits_between(d("2026-12-16"), d("2026-12-31"))
        .unwrap()
        .into_iter()
        .filter(|v| v.place_id == ds && v.kind == VisitKind::Community)
        .collect();
    assert_eq!(before.len(), 2, "{before:?}");
    // One notice was already posted: its correction is a new notice.
    store
        .post_notice(&director, before[0].id, None, now())
        .unwrap();
    let three = NaiveTime::from_hms_opt(15, 0, 0).unwrap();
    let moved = store
        .link_city_visit(
            &director,
            ds,
            d("2026-12-22"),
            three,
            "张副市长",
            "组织部李明",
            d("2026-11-20"),
            now(),
        )
        .unwrap();
    assert_eq!(moved.len(), 2);
    for id in &moved {
        let v = store.visit_detail(*id).unwrap().visit;
        assert_eq!(v.nominal, d("2026-12-25"));
        assert_eq!((v.date, v.time), (d("2026-12-22"), three));
        let note = v.city_note.clone().unwrap();
        assert!(
            note.contains("张副市长") && note.contains("组织部李明"),
            "{note}"
        );
        assert!(v.notice_outstanding());
    }
    let text = suqiu::sanjin_files::notice_for(&store, before[0].id).unwrap();
    assert!(
        text.contains("（更正）") && text.contains("15:00"),
        "{text}"
    );
    // The 组织部 coordination and each move are on record.
    let c = rusqlite::Connection::open(&path).unwrap();
    let (by, on): (String, String) = c
        .query_row(
            "SELECT arranged_by, arranged_on FROM city_visits",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((by.as_str(), on.as_str()), ("组织部李明", "2026-11-20"));
    let events: i64 = c
        .query_row(
            "SELECT count(*) FROM audit_log WHERE kind = 'visit_city_linked'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(events, 2);
    // Who arranged it is required.
    let e = store
        .link_city_visit(
            &director,
            ds,
            d("2026-12-23"),
            three,
            "张副市长",
            " ",
            d("2026-11-20"),
            now(),
        )
        .unwrap_err();
    assert!(
        e.message(suqiu::domain::Lang::Zh).contains("组织部协调人"),
        "{}",
        e.message(suqiu::domain::Lang::Zh)
    );
}

#[test]
fn a_substitute_cannot_be_booked_at_two_places_at_once_and_the_plan_flags_a_clash() {
    let (_d, path, mut store) = planned();
    let clerk = session(&store, "1003");
    let xc = place(&store, "仙城社区");
    let ds = place(&store, "东山社区");
    let lin = leader(&store, "林海涛");
    let zheng = leader(&store, "郑晓梅");
    let v = store
        .visit_on(VisitKind::Community, xc, d("2026-12-10"))
        .unwrap()
        .unwrap();
    // 林海涛 visits 东山社区 at 18:00 the same day: he cannot stand in at 仙城社区 at 18:00.
    let e = store
        .leader_cannot_attend(&clerk, v.id, None, Some(lin), None, "外出开会", now())
        .unwrap_err();
    let m = e.message(suqiu::domain::Lang::Zh);
    assert!(
        m.contains("林海涛") && m.contains("18:00") && m.contains("东山社区"),
        "{m}"
    );
    assert_eq!(
        store.visit_detail(v.id).unwrap().visit.substitute_id,
        None,
        "nothing written"
    );
    // 郑晓梅 is free at 18:00.
    store
        .leader_cannot_attend(&clerk, v.id, None, Some(zheng), None, "外出开会", now())
        .unwrap();
    assert!(
        store
            .visit_clashes(d("2026-12-01"), d("2026-12-31"))
            .unwrap()
            .is_empty()
    );
    // A clash written past the desk (sqlite3) is flagged on the plan and on the visit.
    let c = rusqlite::Connection::open(&path).unwrap();
    c.execute(
        "UPDATE visits SET substitute_id = ?1 WHERE id = ?2",
        rusqlite::params![lin, v.id],
    )
    .unwrap();
    let clashes = store
        .visit_clashes(d("2026-12-01"), d("2026-12-31"))
        .unwrap();
    let other = store
        .visit_on(VisitKind::Community, ds, d("2026-12-10"))
        .unwrap()
        .unwrap();
    assert_eq!(clashes.get(&v.id), Some(&other.id));
    assert_eq!(clashes.get(&other.id), Some(&v.id));
    assert_eq!(
        store.visit_detail(v.id).unwrap().clash.map(|x| x.id),
        Some(other.id)
    );
}

#[test]
fn petitions_at_a_visit_are_owned_by_the_leader_who_was_there_and_answers_still_get_feedback() {
    let (_d, path, mut store) = planned();
    let clerk = session(&store, "1003");
    let xc = place(&store, "仙城社区");
    let v = store
        .visit_on(VisitKind::Community, xc, d("2026-11-25"))
        .unwrap()
        .unwrap();
    let gao = leader(&store, "高志远");
    let deng = leader(&store, "邓永刚");
    // Registering before the visit is recorded as held is refused.
    let mut i = resident(&store, "范志刚", "雨污管网堵塞");
    // Within 邓永刚's 分管 categories (the demo org gives him 农村土地 and 市场监管).
    i.category_id = store.refs().unwrap().leader(deng).unwrap().categories[0];
    assert!(matches!(
        with_ctx_mut(&mut store, |s, ctx| s.register_at_visit(
            &clerk,
            v.id,
            &i,
            &Matter::Petition,
            ctx,
            now()
        )),
        Err(StoreError::Refused(_))
    ));
    // 高志远 could not come; 邓永刚 stood in and received the residents.
    store
        .leader_cannot_attend(&clerk, v.id, None, Some(deng), None, "市里会议", now())
        .unwrap();
    store
        .record_visit_held(&clerk, v.id, None, "居民反映管网和停车问题", now())
        .unwrap();
    let (pid, _) = with_ctx_mut(&mut store, |s, ctx| {
        s.register_at_visit(&clerk, v.id, &i, &Matter::Petition, ctx, now())
    })
    .unwrap();
    let a = resident(&store, "陶桂兰", "健身器材损坏");
    let (aid, _) = with_ctx_mut(&mut store, |s, ctx| {
        s.register_at_visit(
            &clerk,
            v.id,
            &a,
            &Matter::Answered("街道本周内维修".into()),
            ctx,
            now(),
        )
    })
    .unwrap();
    let p = store.ticket(&clerk, pid).unwrap();
    assert_eq!(p.channel, Channel::LeaderCommunity);
    assert_eq!(p.first_leader_id, Some(deng), "the leader who was there");
    assert_eq!(p.visit_id, Some(v.id));
    assert_eq!(p.state, State::Registered);
    assert_eq!(
        &p.received_at[..16],
        format!("{} {}", v.date, v.time.format("%H:%M")),
        "received at the visit, not when it was typed"
    );
    let ans = store.ticket(&clerk, aid).unwrap();
    assert_eq!(ans.decision, Some(Classification::OnSite));
    assert_eq!(
        ans.state,
        State::AwaitingFeedback,
        "still followed up and evaluated"
    );
    // The register and the ledgers.
    let detail = store.visit_detail(v.id).unwrap();
    assert_eq!(detail.register.len(), 2);
    let ledger = store
        .leader_ledger(deng, d("2026-01-01"), d("2026-12-31"), None)
        .unwrap();
    assert_eq!(ledger.received, 2);
    assert!(
        ledger
            .petitions
            .iter()
            .any(|x| x.id == pid && x.state == "registered")
    );
    assert!(
        ledger.visits.iter().any(|x| x.id == v.id),
        "a visit stood in for"
    );
    // The counts cover every petition; the desk's list is the newest ones, oldest first.
    assert_eq!(ledger.petitions_total, ledger.petitions.len() as i64);
    let open = ledger
        .petitions
        .iter()
        .filter(|x| State::from_code(&x.state).is_some_and(State::is_open))
        .count() as i64;
    assert_eq!(ledger.petitions_open, open);
    let newest = store
        .leader_ledger(deng, d("2026-01-01"), d("2026-12-31"), Some(1))
        .unwrap();
    assert_eq!(newest.petitions_total, ledger.petitions_total);
    assert_eq!(newest.petitions.len(), 1);
    assert_eq!(newest.petitions[0], *ledger.petitions.last().unwrap());
    let own = store
        .leader_ledger(gao, d("2026-01-01"), d("2026-12-31"), None)
        .unwrap();
    assert!(own.petitions.iter().all(|x| x.id != pid));
    assert_eq!(own.compliance["community"].substituted, 1);
    // The owner stays through the stages.
    let director = session(&store, "1002");
    with_ctx_mut(&mut store, |s, ctx| {
        s.apply_move(
            &director,
            pid,
            p.version,
            &suqiu::domain::flow::Move::Draft {
                classification: Classification::Forward,
                opinion: "转住建局".into(),
            },
            ctx,
            now(),
        )
    })
    .unwrap();
    assert_eq!(
        store.ticket(&clerk, pid).unwrap().first_leader_id,
        Some(deng)
    );
    // The half-year report counts it per leader and kind.
    let report = store.compliance(d("2026-07-01"), d("2026-12-31")).unwrap();
    let gao_c = report.rows[&(gao, VisitKind::Community)];
    assert_eq!(gao_c.planned, 12);
    assert_eq!(gao_c.substituted, 1);
    let _ = path;
}

#[test]
fn members_are_picked_at_random_by_the_verifiable_draw_engine() {
    let (_d, _p, mut store) = planned();
    let a = cli();
    let clerk = session(&store, "1003");
    let rows: Vec<_> = ["甲一", "乙二", "丙三", "丁四"]
        .iter()
        .map(|n| {
            validate_member(&MemberForm {
                name: (*n).into(),
                unit: "区教育局".into(),
                place: "仙城社区".into(),
                key_selected: "是".into(),
                selected_by: "自荐".into(),
                ..MemberForm::default()
            })
            .unwrap()
        })
        .collect();
    store.import_members(&a, &rows, now()).unwrap();
    let xc = place(&store, "仙城社区");
    let v = store
        .visit_on(VisitKind::Community, xc, d("2026-11-25"))
        .unwrap()
        .unwrap();
    assert!(
        store
            .pick_members(&clerk, v.id, 5, b"n", "", now())
            .is_err()
    );
    let (picked, receipt) = store
        .pick_members(&clerk, v.id, 3, b"nonce-1", "", now())
        .unwrap();
    assert_eq!(picked.len(), 3);
    let r = Receipt::parse(&receipt).unwrap();
    assert_eq!(r.verify().unwrap(), picked, "anyone can recompute the pick");
    // Picking again until the result pleases is refused; the director may void the pick with a
    // reason, and the new receipt lists the earlier one (issue 8 §2).
    let e = store
        .pick_members(&clerk, v.id, 3, b"nonce-2", "", now())
        .unwrap_err();
    assert!(
        e.message(suqiu::domain::Lang::Zh)
            .contains("一次抽取即为最终结果")
    );
    assert!(
        store
            .pick_members(&clerk, v.id, 3, b"nonce-2", "重抽", now())
            .is_err(),
        "only the director voids"
    );
    let director = store.session("1002").unwrap().actor;
    let (again, receipt2) = store
        .pick_members(
            &director,
            v.id,
            3,
            b"nonce-2",
            "抽中的党员当天外出学习",
            now(),
        )
        .unwrap();
    let (r2, verified) = Receipt::verify_text(&receipt2).unwrap();
    assert_eq!(verified, again);
    assert_eq!(r2.earlier.len(), 1);
    assert_eq!(r2.earlier[0].panel, picked);
    assert!(receipt2.contains("抽中的党员当天外出学习"));
    let picked = again;
    store
        .member_report(&clerk, v.id, picked[0], "联系户情况良好", now())
        .unwrap();
    let detail = store.visit_detail(v.id).unwrap();
    assert_eq!(detail.picks.len(), 3);
    assert_eq!(detail.picks[0].2, "联系户情况良好");
    // A community without enough key-selected members: the desk is told how many there are.
    let ds = place(&store, "东山社区");
    let dv = store
        .visit_on(VisitKind::Community, ds, d("2026-11-25"))
        .unwrap()
        .unwrap();
    let e = store
        .pick_members(&clerk, dv.id, 2, b"n", "", now())
        .unwrap_err();
    assert!(
        e.message(suqiu::domain::Lang::Zh)
            .contains("只有 0 名，不足 2 名"),
        "{}",
        e.message(suqiu::domain::Lang::Zh)
    );
    // Township visits do not pick members.
    let twp = place(&store, "灯塔镇");
    let t = store
        .visit_on(VisitKind::Township, twp, d("2026-11-25"))
        .unwrap()
        .unwrap();
    assert!(
        store
            .pick_members(&clerk, t.id, 2, b"n", "", now())
            .is_err()
    );
}

fn member(
    name: &str,
    unit: &str,
    place: &str,
    key: bool,
    skills: &str,
) -> suqiu::domain::members::MemberInput {
    validate_member(&MemberForm {
        name: name.into(),
        unit: unit.into(),
        place: place.into(),
        skills: skills.into(),
        key_selected: if key { "是" } else { "否" }.into(),
        selected_by: if key { "支部推荐" } else { "" }.into(),
        ..MemberForm::default()
    })
    .unwrap()
}

fn household(
    place: &str,
    addr: &str,
    kind: &str,
    needs: &str,
) -> suqiu::domain::members::HouseholdInput {
    validate_household(&HouseholdForm {
        place: place.into(),
        address: addr.into(),
        head: format!("户主{addr}"),
        kind: kind.into(),
        needs: needs.into(),
        plan: String::new(),
    })
    .unwrap()
}

#[test]
fn imports_are_all_or_nothing_and_units_below_forty_percent_are_flagged() {
    let (_d, path) = org_db();
    let mut store = open(&path);
    let a = cli();
    let bad = vec![
        member("甲", "区财政局", "仙城社区", true, ""),
        member("乙", "区财政局", "火星社区", false, ""),
    ];
    let e = store.import_members(&a, &bad, now()).unwrap_err();
    assert!(
        e.message(suqiu::domain::Lang::Zh).contains("第 2 条记录"),
        "{}",
        e.message(suqiu::domain::Lang::Zh)
    );
    assert!(
        store.members_page(None, 10).unwrap().0.is_empty(),
        "nothing was written"
    );
    let rows = vec![
        member("甲", "区财政局", "仙城社区", true, ""),
        member("乙", "区财政局", "仙城社区", false, ""),
        member("丙", "区财政局", "仙城社区", false, ""),
        member("丁", "区民政局", "仙城社区", true, ""),
        member("戊", "区民政局", "仙城社区", false, ""),
    ];
    store.import_members(&a, &rows, now()).unwrap();
    let shares = store.unit_shares().unwrap();
    let fin = shares.iter().find(|u| u.name == "区财政局").unwrap();
    assert!(!fin.ok, "1 of 3 is 33 %");
    let civ = shares.iter().find(|u| u.name == "区民政局").unwrap();
    assert!(civ.ok, "1 of 2 is 50 %");
}

#[test]
fn assignment_quarterly_coverage_wishes_and_escalation() {
    let (_d, path) = org_db();
    let mut store = open(&path);
    let a = cli();
    let clerk = session(&store, "1003");
    store
        .import_members(
            &a,
            &[
                member("医生甲", "区卫生健康局", "仙城社区", true, "慢病管理、护理"),
                member("普通乙", "区卫生健康局", "仙城社区", false, ""),
            ],
            now(),
        )
        .unwrap();
    store
        .import_households(
            &a,
            &[
                household("仙城社区", "1号", "帮扶户", "老人行动不便，需要护理"),
                household("仙城社区", "2号", "空巢户", "独居"),
                household("仙城社区", "3号", "三无户", "就业"),
                household("仙城社区", "4号", "诉求户", "纠纷"),
                household("东山社区", "5号", "代表户", "护理"),
            ],
            now(),
        )
        .unwrap();
    let (ms, _) = store.members_page(None, 10).unwrap();
    let (doc, plain) = (ms[0].id, ms[1].id);
    let (hs, _) = store.households_page(None, 10).unwrap();
    // Suggestions: the household whose needs match the doctor's skills comes first.
    let sug = store.suggest_households(doc, 5).unwrap();
    assert_eq!(sug[0].0.address, "1号");
    assert!(
        sug.iter().all(|(h, _)| h.place_id == hs[0].place_id),
        "own community only"
    );
    // Rules: another community, a member who is not key-selected, a fourth household.
    assert!(store.assign(&clerk, doc, hs[4].id, now()).is_err());
    assert!(store.assign(&clerk, plain, hs[0].id, now()).is_err());
    for h in &hs[..3] {
        store.assign(&clerk, doc, h.id, now()).unwrap();
    }
    assert!(
        store.assign(&clerk, doc, hs[3].id, now()).is_err(),
        "three each"
    );
    let p = store.assignment_problems().unwrap();
    assert!(p.members.is_empty());
    assert_eq!(p.unassigned, vec![hs[3].id, hs[4].id]);
    // Quarterly coverage at the boundary: a visit on 09-30 does not count for Q4, one on 10-01
    // does; a phone call never counts. Households assigned in Q4 were not due a visit in Q3.
    let c = |h: i64, date: &str, method| NewContact {
        member_id: doc,
        household_id: h,
        date: d(date),
        method,
        notes: String::new(),
    };
    store
        .add_contact(
            &clerk,
            &c(hs[0].id, "2026-09-30", ContactMethod::Visit),
            now(),
        )
        .unwrap();
    store
        .add_contact(
            &clerk,
            &c(hs[1].id, "2026-10-01", ContactMethod::Visit),
            now(),
        )
        .unwrap();
    store
        .add_contact(
            &clerk,
            &c(hs[2].id, "2026-10-02", ContactMethod::Phone),
            now(),
        )
        .unwrap();
    assert!(
        store
            .add_contact(
                &clerk,
                &c(hs[2].id, "2026-12-01", ContactMethod::Visit),
                now()
            )
            .is_err(),
        "not in the future"
    );
    let q3: Vec<i64> = store
        .coverage_gaps(2026, 3)
        .unwrap()
        .iter()
        .map(|h| h.id)
        .collect();
    let q4: Vec<i64> = store
        .coverage_gaps(2026, 4)
        .unwrap()
        .iter()
        .map(|h| h.id)
        .collect();
    assert!(q3.is_empty(), "{q3:?}");
    assert_eq!(q4, vec![hs[0].id, hs[2].id]);
    // Wishes move forward only.
    let w = store
        .add_wish(&clerk, hs[0].id, "想要一辆轮椅", now())
        .unwrap();
    assert!(
        store
            .move_wish(
                &clerk,
                w,
                &WishMove::Fulfil {
                    on: d("2026-11-20"),
                    note: "x".into()
                },
                now()
            )
            .is_err()
    );
    store
        .move_wish(&clerk, w, &WishMove::Claim { member_id: doc }, now())
        .unwrap();
    store
        .move_wish(
            &clerk,
            w,
            &WishMove::Fulfil {
                on: d("2026-11-20"),
                note: "已送到".into(),
            },
            now(),
        )
        .unwrap();
    let wish = store.wish(w).unwrap();
    assert_eq!(wish.member.as_deref(), Some("医生甲"));
    assert_eq!(wish.fulfilled_on.as_deref(), Some("2026-11-20"));
    // A problem the member cannot solve: a ticket linked to both.
    let mut i = resident(&store, "户主1号", "屋顶漏雨");
    i.first_handler = FirstHandler::Staff(clerk.staff_id.unwrap());
    let (tid, _, _) = with_ctx_mut(&mut store, |s, ctx| {
        s.escalate(&clerk, doc, hs[0].id, &i, false, ctx, now())
    })
    .unwrap();
    let t = store.ticket(&clerk, tid).unwrap();
    assert_eq!(t.channel, Channel::PartyMember);
    assert_eq!(t.member.as_deref(), Some("医生甲（区卫生健康局）"));
    assert!(t.household.unwrap().contains("1号"));
    // The activity card has the households and this year's contacts.
    let m = store.member(doc).unwrap();
    let card = suqiu::sanjin_files::member_card(&store, &m, 2026).unwrap();
    assert!(
        card.contains("在职党员进社区活动卡")
            && card.contains("1号")
            && card.contains("2026-09-30 入户")
    );
    assert!(card.contains("2026-000001"), "{card}");
    assert_eq!(
        store.verify_audit().unwrap(),
        suqiu::domain::audit::Verdict::Intact {
            events: store.totals().unwrap().1
        }
    );
}

#[test]
fn the_notice_period_and_the_visit_times_are_the_centers_to_set() {
    let (_d, _p, mut store) = planned();
    let director = session(&store, "1002");
    let clerk = session(&store, "1003");
    let today = now().date();
    // With the default 7 days nothing is due on 11-26 (the next visits are on 12-10).
    assert_eq!(store.notices_due_count(today).unwrap(), 0);
    let mut s = store.visit_settings().unwrap();
    assert_eq!(s.notice_days, 7);
    s.notice_days = 14;
    s.township_time = NaiveTime::from_hms_opt(15, 0, 0).unwrap();
    assert!(
        store.set_visit_settings(&clerk, s, now()).is_err(),
        "the director decides"
    );
    let too_long = suqiu::domain::visits::VisitSettings {
        notice_days: 31,
        ..s
    };
    assert!(
        store
            .set_visit_settings(&director, too_long, now())
            .is_err()
    );
    store.set_visit_settings(&director, s, now()).unwrap();
    assert_eq!(store.visit_settings().unwrap(), s);
    // 14 days: the three visits of 12-10 are due today; posting one leaves two.
    let due = store.notices_due(today, 14).unwrap();
    assert_eq!(due.len(), 3);
    assert_eq!(store.notices_due_count(today).unwrap(), 3);
    assert!(
        due.iter()
            .all(|v| v.notice_state(14, today) == suqiu::domain::visits::NoticeState::DueToday)
    );
    store
        .post_notice(&clerk, due[0].id, Some(due[0].version), now())
        .unwrap();
    assert_eq!(store.notices_due_count(today).unwrap(), 2);
    // New plans take the township time; those already planned keep theirs.
    let twp = place(&store, "灯塔镇");
    let planned = store
        .visit_on(VisitKind::Township, twp, d("2027-01-10"))
        .unwrap();
    assert!(planned.is_none());
    let plan = store.compute_plan(2027, Some(1)).unwrap();
    assert!(
        plan.iter()
            .filter(|v| v.kind == VisitKind::Township)
            .all(|v| v.time == s.township_time)
    );
    let dec = store
        .visit_on(VisitKind::Township, twp, d("2026-12-10"))
        .unwrap()
        .unwrap();
    assert_eq!(dec.time, NaiveTime::from_hms_opt(14, 30, 0).unwrap());
}

/// A visit cannot be moved to a day already past, whoever asks (the desk checks the same rule;
/// the store enforces it for the command line and any other caller).
#[test]
fn a_visit_is_never_moved_into_the_past() {
    let (_d, path) = demo_db();
    let mut store = open(&path);
    let director = store.session("1002").unwrap().actor;
    let today = now().date();
    let v = store
        .visits_between(
            today + chrono::Duration::days(1),
            today + chrono::Duration::days(40),
        )
        .unwrap()
        .into_iter()
        .find(|v| v.status == suqiu::domain::visits::VisitStatus::Planned && !v.leader_absent)
        .unwrap();
    let yesterday = today - chrono::Duration::days(1);
    let e = store
        .leader_cannot_attend(
            &director,
            v.id,
            None,
            None,
            Some((yesterday, v.time)),
            "改期",
            now(),
        )
        .unwrap_err();
    assert!(
        e.message(suqiu::domain::Lang::Zh).contains("早于今天"),
        "{e}"
    );
    assert_eq!(store.visit_detail(v.id).unwrap().visit.date, v.date);
    store
        .leader_cannot_attend(
            &director,
            v.id,
            None,
            None,
            Some((today + chrono::Duration::days(2), v.time)),
            "改期",
            now(),
        )
        .unwrap();
}

/// Issue 11: a Party member is found by the initials of any plausible reading of the name (乐
/// is yuè as a surname, lè otherwise), and a database whose keys are missing (written before
/// migration 24) is given them when next opened.
#[test]
fn members_are_found_by_every_reading_of_their_names() {
    let (_d, path) = org_db();
    let mut store = open(&path);
    store
        .import_members(
            &cli(),
            &[
                member("乐嘉", "区财政局", "仙城社区", true, ""),
                member("张三", "区财政局", "仙城社区", false, ""),
            ],
            now(),
        )
        .unwrap();
    let names = |store: &suqiu::store::Store, q: &str| -> Vec<String> {
        store
            .find_members(q, None, 10)
            .unwrap()
            .0
            .into_iter()
            .map(|m| m.name)
            .collect()
    };
    for q in ["yj", "lj", "y", "l"] {
        assert_eq!(names(&store, q), vec!["乐嘉".to_string()], "{q}");
    }
    assert_eq!(names(&store, "zs"), vec!["张三".to_string()]);
    assert!(names(&store, "jj").is_empty());
    drop(store);
    // Keys lost, as in a file from before migration 24: opening it writes them again.
    let c = rusqlite::Connection::open(&path).unwrap();
    c.execute_batch(
        "DELETE FROM name_keys; UPDATE meta SET value = 'pending' WHERE key = 'name_keys';",
    )
    .unwrap();
    drop(c);
    let store = open(&path);
    assert_eq!(names(&store, "lj"), vec!["乐嘉".to_string()]);
}

/// A corrected notice is printed to a new file beside the one that was posted, never over it.
#[test]
fn a_corrected_notice_is_a_new_file_beside_the_posted_one() {
    use suqiu::app::Effect;
    use suqiu::app::visits::VisitsEffect;
    let (_d, path, mut store) = planned();
    let director = session(&store, "1002");
    let xc = place(&store, "仙城社区");
    let v = store
        .visit_on(VisitKind::Community, xc, d("2026-12-10"))
        .unwrap()
        .unwrap();
    let (_app, mut ctx) = desk(&path, suqiu::domain::Lang::Zh);
    let s = store.session("1002").unwrap();
    let print = |ctx: &mut suqiu::app::effects::Ctx| {
        ctx.run(Some(&s), Effect::Visits(VisitsEffect::WriteNotice(v.id)));
    };
    print(&mut ctx);
    let dir = path.parent().unwrap().join("打印");
    let first = dir.join(format!("走访预告-20261210-{}.txt", v.id));
    let posted = std::fs::read_to_string(&first).unwrap();
    assert!(!posted.contains("（更正）"), "{posted}");
    store.post_notice(&director, v.id, None, now()).unwrap();
    store
        .leader_cannot_attend(&director, v.id, None, None, None, "赴省培训", now())
        .unwrap();
    store
        .staff_visit(&director, v.id, leader(&store, "邓永刚"), now())
        .unwrap();
    let version = store.visit_detail(v.id).unwrap().visit.notice_version;
    print(&mut ctx);
    let corrected = dir.join(format!("走访预告-20261210-{}-更正{version}.txt", v.id));
    let text = std::fs::read_to_string(&corrected)
        .unwrap_or_else(|e| panic!("{}: {e}", corrected.display()));
    assert!(
        text.contains("（更正）") && text.contains("邓永刚"),
        "{text}"
    );
    assert_eq!(
        std::fs::read_to_string(&first).unwrap(),
        posted,
        "the posted notice is kept"
    );
}

#[test]
fn a_petition_outside_the_leaders_portfolio_is_marked_and_goes_to_the_center() {
    use suqiu::records::org::RefEdit;
    let (_d, _p, mut store) = planned();
    let admin = session(&store, "1001");
    let clerk = session(&store, "1003");
    let refs = store.refs().unwrap();
    let deng = leader(&store, "邓永刚");
    let l = refs.leader(deng).unwrap().clone();
    let input = |cats: &[&str]| {
        suqiu::domain::org::leader_input(
            &l.name,
            &l.position,
            &l.portfolio,
            "党政领导",
            "刘洋 13800001111",
            &cats.iter().map(|c| c.to_string()).collect::<Vec<_>>(),
        )
        .unwrap()
    };
    // A category that does not exist is refused, naming it.
    let e = store
        .save_ref(
            &admin,
            &RefEdit::Leader {
                id: Some(deng),
                input: input(&["不存在的类别"]),
            },
            now(),
        )
        .unwrap_err();
    assert!(e.message(suqiu::domain::Lang::Zh).contains("不存在的类别"));
    let other = refs.categories[1].name.clone();
    store
        .save_ref(
            &admin,
            &RefEdit::Leader {
                id: Some(deng),
                input: input(&[&other]),
            },
            now(),
        )
        .unwrap();
    let refs = store.refs().unwrap();
    assert_eq!(
        refs.leader(deng).unwrap().categories,
        vec![refs.categories[1].id]
    );
    assert_eq!(refs.leader(deng).unwrap().liaison, "刘洋 13800001111");
    // 邓永刚 stands in at 仙城社区 on 11-25; the resident's matter (categories[0]) is not his.
    let xc = place(&store, "仙城社区");
    let v = store
        .visit_on(VisitKind::Community, xc, d("2026-11-25"))
        .unwrap()
        .unwrap();
    store
        .leader_cannot_attend(&clerk, v.id, None, Some(deng), None, "市里会议", now())
        .unwrap();
    let notice = suqiu::sanjin_files::notice_for(&store, v.id).unwrap();
    assert!(notice.contains("联 络 员：刘洋 13800001111"), "{notice}");
    store
        .record_visit_held(&clerk, v.id, None, "", now())
        .unwrap();
    let i = resident(&store, "范志刚", "雨污管网堵塞");
    let (pid, _) = with_ctx_mut(&mut store, |s, ctx| {
        s.register_at_visit(&clerk, v.id, &i, &Matter::Petition, ctx, now())
    })
    .unwrap();
    let p = store.ticket(&clerk, pid).unwrap();
    assert_eq!(p.first_leader_id, None);
    assert_eq!(
        p.first_staff_id, clerk.staff_id,
        "the center follows it up (督促)"
    );
    // Inside his portfolio it stays his.
    let mut j = resident(&store, "陶桂兰", "道路破损");
    j.category_id = refs.categories[1].id;
    let (qid, _) = with_ctx_mut(&mut store, |s, ctx| {
        s.register_at_visit(&clerk, v.id, &j, &Matter::Petition, ctx, now())
    })
    .unwrap();
    assert_eq!(
        store.ticket(&clerk, qid).unwrap().first_leader_id,
        Some(deng)
    );
    let reg = store.visit_detail(v.id).unwrap().register;
    assert_eq!(
        reg.iter().map(|r| r.outside_portfolio).collect::<Vec<_>>(),
        vec![true, false]
    );
}

#[test]
fn ledgers_per_place_are_summarised_monthly_reviewed_by_a_principal_leader_and_heard() {
    use suqiu::domain::visits::ledgers::SummaryState;
    let (_d, path, mut store) = planned();
    let clerk = session(&store, "1003");
    let director = session(&store, "1002");
    let xc = place(&store, "仙城社区");
    let ds = place(&store, "东山社区");
    // January's ledger of 仙城社区: its two community visits, held, a resident answered.
    let jan = store
        .visits_between(d("2026-01-01"), d("2026-01-31"))
        .unwrap();
    let xc_jan: Vec<_> = jan.iter().filter(|v| v.place_id == xc).collect();
    assert_eq!(xc_jan.len(), 2);
    for v in &xc_jan {
        store
            .record_visit_held(&clerk, v.id, None, "", now())
            .unwrap();
    }
    let a = resident(&store, "陶桂兰", "健身器材损坏");
    with_ctx_mut(&mut store, |s, ctx| {
        s.register_at_visit(
            &clerk,
            xc_jan[0].id,
            &a,
            &Matter::Answered("街道维修".into()),
            ctx,
            now(),
        )
    })
    .unwrap();
    let l = store
        .place_ledger(&clerk, xc, d("2026-01-01"), d("2026-01-31"))
        .unwrap();
    assert_eq!(
        (
            l.figures.visits,
            l.figures.held,
            l.figures.residents,
            l.figures.answered
        ),
        (2, 2, 1, 1)
    );
    // Submitted once, by whom and when; the month in progress cannot be.
    let id = store
        .submit_ledger_summary(&clerk, xc, d("2026-01-15"), now())
        .unwrap();
    let e = store
        .submit_ledger_summary(&clerk, xc, d("2026-01-01"), now())
        .unwrap_err();
    assert!(
        e.message(suqiu::domain::Lang::Zh).contains("王芳"),
        "{}",
        e.message(suqiu::domain::Lang::Zh)
    );
    assert!(
        store
            .submit_ledger_summary(&clerk, xc, now().date(), now())
            .is_err()
    );
    let rows = store.ledger_summaries(&clerk, 2026, now().date()).unwrap();
    let jan_xc = rows
        .iter()
        .find(|r| r.place_id == xc && r.from == d("2026-01-01"))
        .unwrap();
    assert_eq!(jan_xc.state, SummaryState::Submitted);
    assert!(jan_xc.figures.contains("现场答复1件"), "{}", jan_xc.figures);
    let jan_ds = rows
        .iter()
        .find(|r| r.place_id == ds && r.from == d("2026-01-01"))
        .unwrap();
    assert_eq!(jan_ds.state, SummaryState::Due);
    // Reviewed by a principal leader (区委书记 or 区长), recorded by the director.
    let zheng = leader(&store, "郑晓梅");
    let gao = leader(&store, "高志远");
    assert!(
        store
            .review_ledger_summary(&clerk, id, gao, "已阅", now())
            .is_err(),
        "a clerk does not"
    );
    let e = store
        .review_ledger_summary(&director, id, zheng, "已阅", now())
        .unwrap_err();
    assert!(e.message(suqiu::domain::Lang::Zh).contains("主要领导"));
    store
        .review_ledger_summary(&director, id, gao, "已阅，抓好整改", now())
        .unwrap();
    assert!(
        store
            .review_ledger_summary(&director, id, gao, "再阅", now())
            .is_err()
    );
    let rows = store.ledger_summaries(&clerk, 2026, now().date()).unwrap();
    let r = rows.iter().find(|r| r.id == Some(id)).unwrap();
    assert_eq!(
        (r.state, r.reviewer_id, r.comments.as_str()),
        (SummaryState::Reviewed, Some(gao), "已阅，抓好整改")
    );
    // A community center's clerk sees its own ledger only.
    let own = session(&store, "3002");
    assert_eq!(store.ledger_places(&own).unwrap(), vec![xc]);
    assert!(
        store
            .place_ledger(&own, ds, d("2026-01-01"), d("2026-01-31"))
            .is_err()
    );
    assert!(
        store
            .ledger_summaries(&own, 2026, now().date())
            .unwrap()
            .iter()
            .all(|r| r.place_id == xc)
    );
    // The half-year report heard: not on a day to come; then in the report.
    let tomorrow = now().date() + chrono::Duration::days(1);
    assert!(
        store
            .record_half_year_heard(&director, 2026, 1, tomorrow, "区委常委会", "", now())
            .is_err()
    );
    store
        .record_half_year_heard(
            &director,
            2026,
            1,
            d("2026-07-15"),
            "区委常委会会议",
            "总体较好",
            now(),
        )
        .unwrap();
    let text =
        suqiu::sanjin_files::compliance_report(&store, 2026, 1, suqiu::domain::Lang::Zh).unwrap();
    assert!(
        text.contains("听取汇报：2026年7月15日 区委常委会会议") && text.contains("总体较好"),
        "{text}"
    );
    let c = rusqlite::Connection::open(&path).unwrap();
    let kinds: Vec<String> = c
        .prepare("SELECT kind FROM audit_log WHERE kind IN ('ledger_submitted', 'ledger_reviewed', 'half_year_heard') ORDER BY id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(
        kinds,
        ["ledger_submitted", "ledger_reviewed", "half_year_heard"]
    );
    // The figures as submitted and the review are the log's: an edit with sqlite3 is named.
    assert!(store.replay_audit().unwrap().problems.is_empty());
    c.execute(
        "UPDATE ledger_summaries SET comments = '同意' WHERE id = ?1",
        [id],
    )
    .unwrap();
    let problems = store.replay_audit().unwrap().problems;
    assert_eq!(problems.len(), 1);
    assert!(
        problems[0].zh().contains("台账汇总与审计日志不符"),
        "{}",
        problems[0].zh()
    );
}

#[test]
fn members_register_are_adjusted_with_history_inspected_at_random_and_hard_problems_reach_the_next_visit()
 {
    use suqiu::domain::members::SelectedBy;
    use suqiu::domain::members::work::{OversightBy, OversightKind};
    use suqiu::store::member_work::MemberMove;
    let (_d, path, mut store) = planned();
    let a = cli();
    let clerk = session(&store, "1003");
    store
        .import_members(
            &a,
            &[
                member("医生甲", "区卫生健康局", "仙城社区", true, "护理"),
                member("普通乙", "区卫生健康局", "仙城社区", false, ""),
                member("普通丙", "区卫生健康局", "东山社区", false, ""),
            ],
            now(),
        )
        .unwrap();
    store
        .import_households(&a, &[household("仙城社区", "1号", "帮扶户", "护理")], now())
        .unwrap();
    let (ms, _) = store.members_page(None, 10).unwrap();
    let (doc, yi, bing) = (ms[0].id, ms[1].id, ms[2].id);
    let unit = ms[0].unit_id;
    let (hs, _) = store.households_page(None, 10).unwrap();
    store.assign(&clerk, doc, hs[0].id, now()).unwrap();
    // 到社区报到: everyone, not only the key-selected; the unit sees who has not.
    assert_eq!(store.unregistered_members(Some(unit)).unwrap().len(), 3);
    let today = now().date();
    store.register_member(&clerk, yi, today, now()).unwrap();
    assert!(
        store
            .register_member(&clerk, doc, today + chrono::Duration::days(1), now())
            .is_err()
    );
    let left: Vec<i64> = store
        .unregistered_members(Some(unit))
        .unwrap()
        .iter()
        .map(|m| m.id)
        .collect();
    assert_eq!(left, vec![doc, bing]);
    // 动态调整: key-selection needs how; the 40 % share follows each change.
    let share = |s: &suqiu::store::Store| {
        let u = s
            .unit_shares()
            .unwrap()
            .into_iter()
            .find(|u| u.id == unit)
            .unwrap();
        (u.key_selected, u.total)
    };
    assert_eq!(share(&store), (1, 3));
    assert!(
        store
            .change_member(
                &clerk,
                yi,
                &MemberMove::KeySelection {
                    key: true,
                    how: None
                },
                today,
                now()
            )
            .is_err()
    );
    store
        .change_member(
            &clerk,
            yi,
            &MemberMove::KeySelection {
                key: true,
                how: Some(SelectedBy::Committee),
            },
            today,
            now(),
        )
        .unwrap();
    assert_eq!(share(&store), (2, 3));
    let m = store.member(yi).unwrap();
    assert_eq!(
        (m.selected_by, m.selected_on.as_deref()),
        (
            Some(SelectedBy::Committee),
            Some(today.to_string().as_str())
        )
    );
    // Ending an assignment with a reason; retiring; the history keeps each change.
    assert!(
        store
            .change_member(
                &clerk,
                yi,
                &MemberMove::EndAssignment {
                    household_id: hs[0].id,
                    reason: "不是他的户".into()
                },
                today,
                now()
            )
            .is_err()
    );
    store
        .change_member(
            &clerk,
            doc,
            &MemberMove::EndAssignment {
                household_id: hs[0].id,
                reason: "户主搬离".into(),
            },
            today,
            now(),
        )
        .unwrap();
    assert_eq!(store.member(doc).unwrap().households, 0);
    store
        .change_member(
            &clerk,
            doc,
            &MemberMove::Retire {
                reason: "调离".into(),
            },
            today,
            now(),
        )
        .unwrap();
    assert_eq!(share(&store), (1, 2), "a retired member leaves the count");
    assert!(
        store.register_member(&clerk, doc, today, now()).is_err(),
        "retired"
    );
    let h: Vec<String> = store
        .member_history(doc)
        .unwrap()
        .into_iter()
        .map(|c| c.kind)
        .collect();
    assert_eq!(h, ["assignment_ended", "retired"]);
    let e = store
        .change_member(
            &clerk,
            yi,
            &MemberMove::Edit {
                position: "科长".into(),
                profession: "".into(),
                skills: "".into(),
                mobile: "123".into(),
            },
            today,
            now(),
        )
        .unwrap_err();
    assert!(
        e.message(suqiu::domain::Lang::Zh).contains("手机"),
        "{}",
        e.message(suqiu::domain::Lang::Zh)
    );
    // The unit's random inspection: the verifiable engine, a receipt that verifies, findings.
    assert!(
        store.draw_inspection(&clerk, unit, 5, b"n", now()).is_err(),
        "only two serving"
    );
    let (id, picked, receipt) = store
        .draw_inspection(&clerk, unit, 2, b"nonce-1", now())
        .unwrap();
    assert_eq!(picked.len(), 2);
    assert!(receipt.starts_with("# 在职党员随机检查调阅凭据"));
    let (_, verified) = suqiu::domain::draw::Receipt::verify_text(&receipt).unwrap();
    assert_eq!(verified, picked);
    store
        .record_inspection_findings(&clerk, id, "日记完整", now())
        .unwrap();
    assert_eq!(
        store.inspections(Some(unit)).unwrap()[0].findings,
        "日记完整"
    );
    // The quarterly meeting and the members without a contact in the quarter.
    let (y, q) = suqiu::domain::members::quarter(today);
    assert_eq!(store.members_without_contact(unit, y, q).unwrap().len(), 2);
    store
        .record_unit_meeting(&clerk, unit, y, q, today, "部署", now())
        .unwrap();
    assert_eq!(store.unit_meeting(unit, y, q).unwrap().unwrap().1, "部署");
    assert!(
        store
            .record_unit_meeting(&clerk, unit, y, 5, today, "", now())
            .is_err()
    );
    // The oversight log.
    store
        .log_oversight(
            &clerk,
            OversightKind::Inspection,
            OversightBy::Organization,
            today,
            Some(unit),
            Some(yi),
            "群众评价好",
            now(),
        )
        .unwrap();
    assert_eq!(store.oversight_log(10).unwrap()[0].findings, "群众评价好");
    // A hard problem goes on the agenda of the next visit to the household's community.
    store
        .change_member(
            &clerk,
            yi,
            &MemberMove::KeySelection {
                key: true,
                how: Some(SelectedBy::Branch),
            },
            today,
            now(),
        )
        .unwrap();
    store.assign(&clerk, yi, hs[0].id, now()).unwrap();
    let mut i = resident(&store, "户主", "危房改造资金缺口");
    i.first_handler = FirstHandler::Staff(clerk.staff_id.unwrap());
    let (_, _, agenda) = with_ctx_mut(&mut store, |s, ctx| {
        s.escalate(&clerk, yi, hs[0].id, &i, true, ctx, now())
    })
    .unwrap();
    let date = agenda.unwrap().unwrap();
    let xc = place(&store, "仙城社区");
    let next = store
        .visits_between(today, today + chrono::Duration::days(40))
        .unwrap()
        .into_iter()
        .find(|v| {
            v.place_id == xc
                && v.kind == VisitKind::Community
                && v.status == suqiu::domain::visits::VisitStatus::Planned
        })
        .unwrap();
    assert_eq!(date, next.date);
    let d = store.visit_detail(next.id).unwrap();
    assert_eq!(d.agenda.len(), 1);
    assert_eq!(d.agenda[0].matter, "危房改造资金缺口");
    let c = rusqlite::Connection::open(&path).unwrap();
    let n: i64 = c
        .query_row("SELECT count(*) FROM audit_log WHERE kind IN ('member_registered', 'member_key_selected', 'member_retired', 'inspection_drawn', 'inspection_findings', 'unit_meeting', 'oversight_logged')", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 8);
    // A registration backdated with sqlite3 is named by the audit.
    assert!(store.replay_audit().unwrap().problems.is_empty());
    c.execute(
        "UPDATE members SET registered_on = '2020-01-01' WHERE id = ?1",
        [yi],
    )
    .unwrap();
    assert!(
        store
            .replay_audit()
            .unwrap()
            .problems
            .iter()
            .any(|p| p.zh().contains("党员报到记录"))
    );
}
