//! The demo roster of representatives and its deliberations (mediations, draws, hearings).

use super::*;
#[allow(unused_imports)]
use crate::text::T;

/// About 60 representatives across every category and community, some trained, some
/// suspended or retired, some with terms about to end.
pub fn demo_roster(store: &mut Store, actor: &Actor, now: NaiveDateTime) -> Result<usize> {
    use crate::domain::roster::{RepForm, RepStatus, validate_rep};
    let refs = store.refs()?;
    let communities: Vec<String> = refs
        .places
        .iter()
        .filter(|p| p.kind == PlaceKind::Community)
        .map(|p| p.name.clone())
        .collect();
    let villages: Vec<String> = refs
        .places
        .iter()
        .filter(|p| p.kind == PlaceKind::Village)
        .map(|p| p.name.clone())
        .collect();
    if communities.is_empty() {
        return Ok(0);
    }
    let mut rng = ChaCha8Rng::seed_from_u64(60);
    let plan: &[(&str, usize, &[&str])] = &[
        ("党代表", 6, &["社区党委书记", "企业党支部书记", "退休干部"]),
        ("人大代表", 6, &["个体工商户", "小学校长", "社区医生"]),
        ("政协委员", 5, &["律师", "企业负责人", "中学教师"]),
        (
            "法律政策专业人员",
            10,
            &[
                "律师",
                "人民调解员",
                "退休法官",
                "司法所工作人员",
                "法律援助律师",
            ],
        ),
        ("社会人士", 8, &["退休教师", "老党员", "楼栋长", "志愿者"]),
        (
            "居民代表",
            15,
            &["退休职工", "物业业委会成员", "网格员", "个体经营者"],
        ),
        (
            "村民代表",
            10,
            &["种粮大户", "村医", "合作社负责人", "村民小组长"],
        ),
    ];
    let expertise = [
        "邻里纠纷调解",
        "物业管理",
        "劳动争议",
        "婚姻家庭",
        "土地承包",
        "房屋质量",
        "政策解读",
        "矛盾调处",
    ];
    let mut rows = vec![];
    // Names are unique in the demo roster, so that names typed at the desk are unambiguous.
    let mut used = std::collections::HashSet::new();
    for (category, n, jobs) in plan {
        for _ in 0..*n {
            let place = if *category == "村民代表" && !villages.is_empty() {
                pick(&mut rng, &villages).clone()
            } else {
                pick(&mut rng, &communities).clone()
            };
            let end_year = if chance(&mut rng, 0.15) { 2026 } else { 2027 };
            let form = RepForm {
                name: loop {
                    let n = format!("{}{}", pick(&mut rng, SURNAMES), pick(&mut rng, GIVEN));
                    if used.insert(n.clone()) {
                        break n;
                    }
                },
                sex: if chance(&mut rng, 0.5) { "男" } else { "女" }.into(),
                place,
                category: (*category).into(),
                chosen_by: if chance(&mut rng, 0.6) {
                    "组织推荐"
                } else {
                    "自荐"
                }
                .into(),
                occupation: pick(&mut rng, jobs).to_string(),
                expertise: format!(
                    "{}、{}",
                    pick(&mut rng, &expertise),
                    pick(&mut rng, &expertise)
                ),
                mobile: format!(
                    "1{}{:09}",
                    rng.random_range(3..=9),
                    rng.random_range(0..1_000_000_000u64)
                ),
                term_start: "2025-01-01".into(),
                term_end: format!("{end_year}-12-31"),
                resident_id: String::new(),
            };
            if let Ok(rep) = validate_rep(&form, now.date()) {
                rows.push(crate::domain::roster::RepImport {
                    row: 0,
                    number: None,
                    rep,
                    status: None,
                    training_hours: None,
                });
            }
        }
    }
    let n = store.import_reps(actor, &rows, now)?;
    let ids: Vec<i64> = {
        let (page, _) = store.roster_page(&Default::default(), None, None, 1000)?;
        page.iter().map(|r| r.id).collect()
    };
    for (k, id) in ids.iter().enumerate() {
        let day = NaiveDate::from_ymd_opt(2025, 3 + (k % 9) as u32, 10).unwrap_or(now.date());
        store.add_training(actor, *id, day, "群众议事规则与调解技巧", 4.0, now)?;
        if k % 3 == 0 {
            store.add_training(
                actor,
                *id,
                day + Duration::days(120),
                "信访工作条例解读",
                2.5,
                now,
            )?;
        }
    }
    if let (Some(a), Some(b)) = (ids.get(5), ids.get(11)) {
        store.change_rep_status(
            actor,
            *a,
            RepStatus::Suspended,
            now.date() - Duration::days(40),
            "外出务工，暂停半年",
            now,
        )?;
        store.change_rep_status(
            actor,
            *b,
            RepStatus::Retired,
            now.date() - Duration::days(90),
            "本人申请退出",
            now,
        )?;
    }
    Ok(n.imported)
}

/// Finished deliberations for the demo, whatever the day: two instant mediations (one agreed,
/// one sent on to a hearing), three final panel draws with receipts, and two finished hearings
/// with an absence, votes and a corrected vote. The generator leaves eight tickets waiting for
/// 民事民议 (see `DELIBERATION_NEEDED`); the rest are left for the desk to try.
pub fn demo_deliberations(store: &mut Store, now: NaiveDateTime) -> Result<()> {
    use crate::domain::draw::Settings;
    use crate::store::hearings::MediationOutcome;
    let director = match store.session("1002") {
        Ok(s) => s.actor,
        Err(_) => return Ok(()),
    };
    let waiting: Vec<i64> = {
        let b = crate::domain::limits::level_bounds(now.date(), &store.calendar()?);
        let mut q = crate::store::queue::QueueQuery::new(&b);
        q.sort = crate::store::queue::Sort::OldestFirst;
        q.filters.state = Some(State::AwaitingDeliberation);
        store
            .queue_page(&director, &q, &crate::store::queue::Cursor::First, 20)?
            .rows
            .iter()
            .map(|r| r.id)
            .collect()
    };
    // Five are used here and at least two stay for the desk (tests/demo_dates.rs). The
    // generator aims at eight, but a ticket whose next step would fall after `now` stops short
    // of its state (seen at 01:26 on 2026-12-02: seven), so seven are enough.
    if waiting.len() < DELIBERATION_NEEDED {
        return Err(StoreError::Refused(crate::domain::Problem::fill(
            T::DemoMadeOnlyTicketsAwaiting,
            &[&waiting.len(), &DELIBERATION_NEEDED],
        )));
    }
    let cal = store.calendar()?;
    let rules = store.refs()?.rules();
    let ctx = FlowCtx {
        today: now.date(),
        cal: &cal,
        rules: &rules,
    };
    let t = |h: i64| now - Duration::minutes(h);
    // 1. Quick draws of three mediators: one reached agreement, one sent the case to a hearing.
    let settings = Settings {
        panel_size: 3,
        alternates: 0,
        strikes_per_party: 0,
        minimums: vec![],
    };
    for (k, (ticket, outcome)) in [
        (
            waiting[0],
            MediationOutcome::Agreement(
                "双方同意由楼上住户修复防水层，费用各担一半，月底前完成。".into(),
            ),
        ),
        (
            waiting[4],
            MediationOutcome::Hearing("双方对费用分担意见分歧较大，同意提交评理大会。".into()),
        ),
    ]
    .into_iter()
    .enumerate()
    {
        let base = 700 - 60 * k as i64;
        let pool = store.eligible_pool(
            now.date(),
            &[],
            &settings,
            0,
            crate::domain::draw::DEFAULT_MAX_HEARINGS,
        )?;
        let nonce = fixed_bytes(&format!("demo-mediation-nonce-{k}"));
        let d = store.freeze_draw(
            &director,
            ticket,
            crate::domain::draw::DrawKind::Mediation,
            &settings,
            0,
            &pool,
            &nonce,
            t(base),
        )?;
        store.reveal_draw(&director, d, &nonce, &[], t(base - 1))?;
        let rec = store.finalize_draw(&director, d, t(base - 2))?;
        store.record_mediation(
            &director,
            ticket,
            &rec.final_panel,
            Some(d),
            "",
            &outcome,
            &ctx,
            t(base - 30),
        )?;
    }
    // 2. Panel draws with one strike per party; two hearings held, one still to be held.
    demo_panel(store, &director, waiting[1], 0, true, &ctx, t(560))?;
    demo_panel(store, &director, waiting[2], 1, true, &ctx, t(300))?;
    demo_panel(store, &director, waiting[3], 2, false, &ctx, t(100))?;
    Ok(())
}

/// How many tickets waiting for 民事民议 the demo needs (the generator aims at eight): five it
/// uses, two left for the desk.
const DELIBERATION_NEEDED: usize = 7;

/// The demo's randomness is fixed so that its receipts (and the screens showing them) are the
/// same every time; a real draw takes its nonce and salts from the operating system.
fn fixed_bytes(tag: &str) -> Vec<u8> {
    sha2::Sha256::digest(tag.as_bytes()).to_vec()
}

/// A panel draw for `ticket` with a strike per party, made final at `at`; with `hear`, the
/// hearing follows: a member absent (an alternate sits), the phases, votes, a corrected vote,
/// and the outcome written to the ticket.
fn demo_panel(
    store: &mut Store,
    director: &Actor,
    ticket: i64,
    k: usize,
    hear: bool,
    ctx: &FlowCtx,
    at: NaiveDateTime,
) -> Result<()> {
    use crate::domain::draw::{Minimum, PartyInput, Settings};
    use crate::domain::hearing::{TieRule, default_question};
    use crate::domain::roster::RepCategory;
    let t = |m: i64| at + Duration::minutes(m);
    let settings = Settings {
        panel_size: 7,
        alternates: 3,
        strikes_per_party: 1,
        minimums: vec![
            Minimum {
                categories: vec![RepCategory::LegalProfessional],
                count: 1,
            },
            Minimum {
                categories: vec![
                    RepCategory::PartyDeputy,
                    RepCategory::NpcDeputy,
                    RepCategory::CppccMember,
                ],
                count: 2,
            },
        ],
    };
    let pool = store.eligible_pool(
        ctx.today,
        &[],
        &settings,
        2,
        crate::domain::draw::DEFAULT_MAX_HEARINGS,
    )?;
    let nonce = fixed_bytes(&format!("demo-panel-nonce-{k}"));
    let d = store.freeze_draw(
        director,
        ticket,
        crate::domain::draw::DrawKind::Panel,
        &settings,
        2,
        &pool,
        &nonce,
        t(0),
    )?;
    let inputs = [
        ("2718", "邻里和睦 1024"),
        ("1949", "和为贵"),
        ("88", "远亲不如近邻"),
    ];
    let (a, b) = inputs[k % inputs.len()];
    let parties = vec![
        PartyInput {
            label: "申请人".into(),
            salt: fixed_bytes(&format!("demo-salt-{k}-1"))[..16].to_vec(),
            input: a.into(),
        },
        PartyInput {
            label: "被申请人".into(),
            salt: fixed_bytes(&format!("demo-salt-{k}-2"))[..16].to_vec(),
            input: b.into(),
        },
    ];
    for (i, p) in parties.iter().enumerate() {
        let c = crate::domain::hex(&crate::domain::draw::commitment(&p.salt, &p.input));
        store.commit_draw_party(director, d, i, &p.label, &c, t(2 + i as i64))?;
    }
    let rec = store.reveal_draw(director, d, &nonce, &parties, t(5))?;
    let first = rec.current_panel()[0];
    let rec = store.strike_draw(director, d, 0, first, t(6))?;
    let last = *rec.current_panel().last().unwrap_or(&first);
    store.strike_draw(director, d, 1, last, t(7))?;
    let rec = store.finalize_draw(director, d, t(8))?;
    let h = store.create_hearing(
        director,
        d,
        ctx.today,
        "灯塔镇群众诉求服务中心议事厅",
        "孙丽华",
        t(20),
    )?;
    if !hear {
        return Ok(());
    }
    // One member is absent: the first, from the third on, whom a named alternate can replace
    // keeping the minimums (an absence that no alternate can cover is refused).
    let mut replaced = false;
    for m in rec.final_panel.iter().skip(2) {
        if store.mark_absent(director, h, *m, t(25)).is_ok() {
            replaced = true;
            break;
        }
    }
    if !replaced {
        store.mark_absent(director, h, rec.final_panel[2], t(25))?;
    }
    store.open_hearing(director, h, t(30))?;
    for (phase, party, note) in [
        (
            "statement",
            "申请人",
            "楼上卫生间长期漏水，天棚发霉脱落，多次协商未果。",
        ),
        (
            "statement",
            "被申请人",
            "漏水原因是公共管道老化，不应由本户承担全部责任。",
        ),
        (
            "evidence",
            "申请人",
            "提交漏水照片 6 张、物业维修记录 2 份。",
        ),
        (
            "debate",
            "被申请人",
            "同意先维修，费用应由物业公共维修资金分担。",
        ),
        ("deliberation", "评理团", "评理团成员逐一发表意见。"),
    ] {
        store.add_hearing_note(director, h, phase, party, note, t(40))?;
    }
    store.fix_questions(
        director,
        h,
        &[default_question()],
        TieRule::NoMajority,
        t(80),
    )?;
    let sitting = store.hearing(h)?.sitting();
    for (i, m) in sitting.iter().enumerate() {
        let choice = match (i + k) % 7 {
            0..=3 => Some(0),
            4 | 5 => Some(1),
            _ => None,
        };
        store.cast_vote(
            director,
            h,
            0,
            *m,
            choice,
            if i == 4 { "双方均有责任" } else { "" },
            t(100),
        )?;
    }
    store.correct_vote(
        director,
        h,
        0,
        sitting[5],
        Some(0),
        "",
        "成员表示误按选项，当场更正",
        t(105),
    )?;
    store.close_hearing(director, h, true, ctx, t(110))?;
    Ok(())
}
