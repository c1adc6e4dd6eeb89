//! The demonstration district and `suqiu gen`: realistic petitions pushed through the real flow.
//!
//! Every generated ticket lives its life through `domain::flow::decide` at simulated times, so
//! its final state, its deadlines and its audit history are exactly what the desk would have
//! written. Events of all tickets are appended to the audit chain in time order.

use std::collections::{BTreeMap, HashMap};

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime};
use rand::rngs::ChaCha8Rng;
use rand::{Rng, RngExt, SeedableRng};
use sha2::Digest;

use crate::domain::calendar::WorkCalendar;
use crate::domain::flow::{self, Decision, DeptFacts, FlowCtx, MergeTarget, Move};
use crate::domain::intake::{FirstHandler, Intake, Petitioner};
use crate::domain::limits::LimitRule;
use crate::domain::org::OrgFile;
use crate::domain::person::id_check_char;
use crate::domain::roles::Actor;
use crate::domain::vocab::{
    CenterLevel, Channel, Classification, FeedbackMethod, PlaceKind, Resolution, Role,
    Satisfaction, State, Urgency,
};
use crate::store::audit::NewEvent;
use crate::store::org::Refs;
use crate::store::tickets::{TicketRecord, change_event, register_event};
use crate::store::{Result, Store, StoreError, fmt_time};

/// The demonstration district's reference data (also the example org file).
pub const DEMO_ORG: &str = include_str!("../data/org-demo.toml");

/// How many petitions the demonstration district has.
pub const DEMO_TICKETS: usize = 300;

#[derive(Debug, Clone)]
pub struct GenOptions {
    pub tickets: usize,
    pub seed: u64,
    pub now: NaiveDateTime,
    /// The tickets are spread over this many days before `now`.
    pub days: i64,
    /// Make sure every state occurs (for the demonstration district).
    pub cover_all_states: bool,
    /// Tickets per transaction.
    pub batch: usize,
}

impl GenOptions {
    /// About 270 petitions a working day: a busy district over the years.
    pub fn at_scale(tickets: usize, seed: u64, now: NaiveDateTime) -> GenOptions {
        let days = ((tickets as i64) / 270).max(30);
        GenOptions {
            tickets,
            seed,
            now,
            days,
            cover_all_states: false,
            batch: 20_000,
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct GenReport {
    pub tickets: usize,
    pub events: u64,
    pub by_state: BTreeMap<&'static str, usize>,
}

/// Loads the demonstration district's reference data.
pub fn load_demo_org(store: &mut Store, actor: &Actor, now: NaiveDateTime) -> Result<String> {
    let plan = OrgFile::parse(DEMO_ORG)?.plan()?;
    store.load_org(actor, &plan, now)
}

/// `suqiu init --demo`: the reference data and about 300 petitions in every state.
pub fn init_demo(store: &mut Store, actor: &Actor, now: NaiveDateTime) -> Result<GenReport> {
    if !store.is_empty()? {
        return Err(StoreError::Refused(crate::domain::Problem::new(
            "数据库里已有数据，演示数据只能写入新的数据库文件",
            "the database already has data; the demo goes into a new file",
        )));
    }
    load_demo_org(store, actor, now)?;
    let opts = GenOptions {
        tickets: DEMO_TICKETS,
        seed: 20261126,
        now,
        days: 90,
        cover_all_states: true,
        batch: 100_000,
    };
    let mut report = generate(store, &opts)?;
    demo_roster(store, actor, now)?;
    demo_deliberations(store, now)?;
    demo_visits(store, actor, now)?;
    demo_members(store, actor, now)?;
    store.analyze()?;
    (report.tickets, report.events) = store.totals()?;
    Ok(report)
}

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
            };
            if let Ok(r) = validate_rep(&form) {
                rows.push(r);
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
/// 民事民议 (see `DELIBERATION_TICKETS`); the last three are left for the desk to try.
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
    if waiting.len() < DELIBERATION_TICKETS {
        return Err(StoreError::Refused(crate::domain::Problem::new(
            format!(
                "演示数据只生成了 {} 件待民事民议的诉求，需要 {DELIBERATION_TICKETS} 件",
                waiting.len()
            ),
            format!(
                "the demo made only {} tickets awaiting deliberation; it needs {DELIBERATION_TICKETS}",
                waiting.len()
            ),
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
            crate::store::draws::DEFAULT_MAX_HEARINGS,
        )?;
        let d = store.freeze_draw(
            &director,
            ticket,
            crate::domain::draw::DrawKind::Mediation,
            &settings,
            0,
            &pool,
            &fixed_bytes(&format!("demo-mediation-nonce-{k}")),
            t(base),
        )?;
        store.reveal_draw(&director, d, &[], t(base - 1))?;
        let rec = store.finalize_draw(&director, d, t(base - 2))?;
        store.record_mediation(
            &director,
            ticket,
            &rec.final_panel,
            Some(d),
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

/// How many tickets the demo leaves waiting for 民事民议 before `demo_deliberations` runs.
const DELIBERATION_TICKETS: usize = 8;

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
        crate::store::draws::DEFAULT_MAX_HEARINGS,
    )?;
    let d = store.freeze_draw(
        director,
        ticket,
        crate::domain::draw::DrawKind::Panel,
        &settings,
        2,
        &pool,
        &fixed_bytes(&format!("demo-panel-nonce-{k}")),
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
    let rec = store.reveal_draw(director, d, &parties, t(5))?;
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
    store.mark_absent(director, h, rec.final_panel[2], t(25))?;
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

// ---- text material ------------------------------------------------------------------------

const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林",
    "何", "郭", "马", "罗", "梁", "宋", "郑", "谢", "韩", "唐", "冯", "于", "董", "萧", "程", "曹",
    "袁", "邓", "许", "傅", "沈", "曾", "彭", "吕", "苏", "卢", "蒋", "蔡", "贾", "丁", "魏", "薛",
    "叶", "阎", "单", "解", "仇", "欧阳", "查", "覃",
];
const GIVEN: &[&str] = &[
    "建国", "秀英", "桂兰", "淑珍", "玉兰", "凤英", "志强", "海燕", "春梅", "国庆", "丽娟", "德明",
    "红梅", "永福", "金凤", "立新", "文华", "晓东", "秀兰", "振华", "玉珍", "宝山", "淑芬", "凤琴",
    "长海", "雪梅", "桂芝", "志刚", "爱华", "明", "静", "勇", "敏", "军", "磊", "洋", "艳", "杰",
    "娟", "涛", "超", "霞", "平", "刚", "丹", "鑫", "悦", "婷", "浩", "宇",
];

struct Template {
    category: &'static str,
    summary: &'static str,
    content: &'static str,
    request: &'static str,
}

const TEMPLATES: &[Template] = &[
    Template {
        category: "物业管理",
        summary: "小区物业费未经业主同意上涨",
        content: "我是{place}{b}号楼居民。物业公司自{m}月起将物业费由每平方米0.{p}元上调到1.{q}元，没有召开业主大会，也没有公示收费依据。多次到物业办公室询问，工作人员只说是公司决定。",
        request: "请求核查物业收费依据，未经业主大会同意的恢复原收费标准。",
    },
    Template {
        category: "物业管理",
        summary: "楼道堆放杂物物业不清理",
        content: "{place}{b}号楼{u}单元楼道长期堆放纸箱、旧家具，存在消防隐患。向物业反映三次，物业称是住户自己的东西不便处理，至今没有清理。",
        request: "请求督促物业清理楼道杂物，消除消防隐患。",
    },
    Template {
        category: "供暖供热",
        summary: "供暖期室温长期不达标",
        content: "{place}{b}号楼{u}单元{r}室，供暖开始后室温一直在{t}度左右，白天老人在家只能穿棉袄。已向供热公司报修两次，来人放过一次气，没有改善。",
        request: "请求供热单位上门检测，尽快使室温达到18度标准。",
    },
    Template {
        category: "供暖供热",
        summary: "暖气管道漏水无人维修",
        content: "{place}{b}号楼地下室暖气主管道漏水已{d}天，积水进入楼道，一楼住户墙面返潮。供热公司和物业互相推诿，说不清归谁维修。",
        request: "请求明确维修责任单位，立即维修漏水管道。",
    },
    Template {
        category: "房屋质量",
        summary: "新建回迁楼外墙渗水",
        content: "我家在{place}回迁小区{b}号楼，入住不到两年，外墙多处渗水，卧室墙皮脱落发霉。开发商维修过一次，下雨后依旧渗水。",
        request: "请求责成建设单位在保修期内彻底维修，并赔偿室内损失。",
    },
    Template {
        category: "征地拆迁",
        summary: "征收补偿款未按协议足额发放",
        content: "{place}棚户区改造征收，我家于去年签订补偿协议，约定补偿款分两次发放。第二笔{x}万元至今未发放，多次到征收办询问，答复是资金未到位。",
        request: "请求按协议尽快发放剩余补偿款。",
    },
    Template {
        category: "劳动保障",
        summary: "建筑工地拖欠农民工工资",
        content: "我们{n}人在{place}附近一处建筑工地做木工，自{m}月起工资一直拖欠，总计约{x}万元。包工头已联系不上，总包单位说钱已经拨给分包。",
        request: "请求人社部门介入，督促总包单位支付拖欠工资。",
    },
    Template {
        category: "劳动保障",
        summary: "企业未给职工缴纳社会保险",
        content: "我在{place}一家商贸公司工作{d}个月，公司一直没有给缴纳社会保险，签合同时说试用期后缴纳，试用期过了仍未办理。",
        request: "请求依法责令企业补缴社会保险。",
    },
    Template {
        category: "社会救助",
        summary: "申请低保审核时间过长",
        content: "我是{place}居民，丈夫去年病故，本人无固定收入，独自抚养孩子。{m}月份提交了低保申请材料，至今没有审核结果。",
        request: "请求加快审核，符合条件的尽快纳入低保。",
    },
    Template {
        category: "社会救助",
        summary: "残疾人两项补贴停发",
        content: "我儿子是二级肢体残疾，一直领取残疾人两项补贴。从{m}月起补贴停发，社区说是系统核对问题，让等通知，已经等了{d}天。",
        request: "请求查明原因，恢复发放并补发停发期间的补贴。",
    },
    Template {
        category: "医疗卫生",
        summary: "社区卫生服务站长期缺医少药",
        content: "{place}卫生服务站只有一名医生，常用降压药经常缺货，老年人只能坐车到市里医院开药，很不方便。",
        request: "请求增加医务人员，保障常用药品供应。",
    },
    Template {
        category: "教育",
        summary: "孩子入学被划到远距离学校",
        content: "我家住{place}{b}号楼，孩子今年上一年级，按学区应在附近小学就读，却被分到{x}公里外的学校，每天接送困难。",
        request: "请求核实学区划分，安排就近入学。",
    },
    Template {
        category: "市容环境",
        summary: "夜市烧烤油烟噪音扰民",
        content: "{place}路边夜市每晚营业到凌晨一两点，烧烤油烟直冲居民楼，喧哗声很大，老人孩子休息不好。",
        request: "请求规范夜市经营时间和位置，治理油烟噪音。",
    },
    Template {
        category: "市容环境",
        summary: "垃圾清运不及时",
        content: "{place}{b}号楼旁的垃圾点已经{d}天没有清运，垃圾堆满溢出，气味很大，招老鼠苍蝇。",
        request: "请求环卫部门及时清运，增加清运频次。",
    },
    Template {
        category: "道路交通",
        summary: "小区门前道路坑洼积水",
        content: "{place}小区门前道路路面破损，坑洼较多，下雨后积水没过脚踝，老人出行多次摔倒。",
        request: "请求对该路段进行维修，完善排水。",
    },
    Template {
        category: "道路交通",
        summary: "停车难乱停车堵塞消防通道",
        content: "{place}小区车位不足，大量车辆停在消防通道和楼门口，救护车曾经进不来。物业管不了，居民之间经常吵架。",
        request: "请求规划增设停车位，清理占用消防通道的车辆。",
    },
    Template {
        category: "邻里纠纷",
        summary: "楼上住户漏水拒不维修",
        content: "我住{place}{b}号楼{u}单元{r}室，楼上卫生间漏水导致我家天棚发霉脱落。多次找楼上协商，对方拒绝维修也不赔偿。",
        request: "请求协调楼上住户维修防水，赔偿损失。",
    },
    Template {
        category: "邻里纠纷",
        summary: "邻居占用公共楼道安装铁门",
        content: "{place}{b}号楼{u}单元一户居民在楼道私自安装铁门，占用公共面积，影响其他住户通行和搬运家具。",
        request: "请求拆除私自安装的铁门，恢复楼道原状。",
    },
    Template {
        category: "农村土地",
        summary: "承包地被他人占用",
        content: "我是{place}村民，家里{x}亩承包地被同组村民占用种植，对方称是原来口头换的地。我有土地承包经营权证。",
        request: "请求依法确认承包经营权，归还被占用土地。",
    },
    Template {
        category: "农村土地",
        summary: "宅基地确权面积与实际不符",
        content: "{place}宅基地确权登记时，我家面积比实际少了{x}平方米，已向村里反映，村里让找镇里，镇里让找自然资源部门。",
        request: "请求重新核实测量，更正确权面积。",
    },
    Template {
        category: "市场监管",
        summary: "超市销售过期食品",
        content: "{m}月{d}日在{place}附近一家超市购买的牛奶已过保质期，找超市退换，超市只同意退款不承认问题。",
        request: "请求市场监管部门查处，依法赔偿。",
    },
    Template {
        category: "生态环境",
        summary: "小作坊夜间排放刺鼻气体",
        content: "{place}附近一处加工小作坊夜间生产，排出刺鼻气体，周边居民晚上不敢开窗，怀疑没有环保手续。",
        request: "请求环保部门检查，依法处理。",
    },
    Template {
        category: "其他",
        summary: "希望增设公交线路站点",
        content: "{place}居民到区政务中心办事需要换乘两次公交车，老年人出行不便，希望调整线路或增设站点。",
        request: "请求研究增设公交站点。",
    },
];

const OPINIONS: &[&str] = &[
    "建议转{dept}依法依规办理，按期答复群众。",
    "诉求属实，建议由{dept}牵头核查处理。",
    "建议转{dept}调查核实，限期解决并向群众反馈。",
];
const INSTRUCTIONS: &[&str] = &[
    "请{dept}阅处，限期办结，结果报诉求中心。",
    "转{dept}办理，务必做好群众工作。",
    "请{dept}高度重视，认真核查，按时反馈。",
];
const RESULTS: &[&str] = &[
    "已派人现场核查，问题已整改完毕，并向诉求人当面说明情况。",
    "经核实，已责成相关单位限期整改，目前已完成主要整改内容。",
    "已协调相关单位落实，诉求人对处理过程知情。",
    "经调查，诉求部分属实，已按政策解决可解决部分，其余已作解释。",
];

fn fill(t: &str, rng: &mut impl Rng, place: &str, dept: &str) -> String {
    let mut s = t.replace("{place}", place).replace("{dept}", dept);
    for (k, lo, hi) in [
        ("{b}", 1, 40),
        ("{u}", 1, 6),
        ("{r}", 101, 1802),
        ("{m}", 1, 12),
        ("{d}", 3, 40),
        ("{x}", 2, 20),
        ("{y}", 21, 35),
        ("{t}", 12, 16),
        ("{n}", 5, 30),
        ("{p}", 5, 9),
        ("{q}", 1, 5),
    ] {
        while s.contains(k) {
            let v: i64 = rng.random_range(lo..=hi);
            s = s.replacen(k, &v.to_string(), 1);
        }
    }
    s
}

fn pick<'a, T>(rng: &mut impl Rng, xs: &'a [T]) -> &'a T {
    &xs[rng.random_range(0..xs.len())]
}

fn chance(rng: &mut impl Rng, p: f64) -> bool {
    rng.random_bool(p.clamp(0.0, 1.0))
}

// ---- the simulated district -----------------------------------------------------------------

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum DecisionKind {
    Dispatch,
    Supervise,
    OnSite,
    Explain,
    Meeting,
    Deliberation,
    NotAccept,
}

#[derive(Clone, Debug)]
struct Intent {
    decision: DecisionKind,
    late: bool,
    extension: bool,
    return_first: bool,
    dissatisfied: u8,
    escalate: bool,
    withdraw_after: Option<u8>,
    stop_at: Option<State>,
    /// A plain case with the default time limits (for guaranteed coverage of states).
    simple: bool,
}

struct Person {
    name: String,
    mobile: String,
    resident_id: Option<String>,
    place_id: Option<i64>,
    address: String,
    last_ticket: Option<(i64, String, Option<NaiveDateTime>)>,
    last_center: i64,
}

struct World {
    refs: Refs,
    cal: WorkCalendar,
    rules: Vec<LimitRule>,
    clerks: HashMap<i64, Vec<Actor>>,
    district_center: i64,
    directors: Vec<Actor>,
    dept_actors: HashMap<i64, Actor>,
    dept_for_category: HashMap<i64, Vec<i64>>,
    general_depts: Vec<i64>,
    supervision: Option<i64>,
    leaders: Vec<i64>,
    places: Vec<i64>,
}

fn staff_actor(refs: &Refs, s: &crate::store::staff::StaffBrief) -> Actor {
    let level = refs
        .center(s.center_id)
        .map(|c| c.level)
        .unwrap_or(CenterLevel::District);
    Actor {
        staff_id: Some(s.id),
        name: s.name.clone(),
        role: s.role,
        center_id: Some(s.center_id),
        center_level: level,
        department_id: s.department_id,
    }
}

const CATEGORY_DEPARTMENTS: &[(&str, &str)] = &[
    ("物业", "住房"),
    ("供暖", "供热"),
    ("房屋", "住房"),
    ("征地", "自然资源"),
    ("劳动", "人力资源"),
    ("救助", "民政"),
    ("医疗", "卫生"),
    ("教育", "教育"),
    ("市容", "城市管理"),
    ("道路", "交通"),
    ("邻里", "司法"),
    ("农村", "农业农村"),
    ("市场", "市场监督"),
    ("生态", "生态环境"),
];

impl World {
    fn new(store: &Store) -> Result<World> {
        let refs = store.refs()?;
        let cal = store.calendar()?;
        let rules = refs.rules();
        let district_center = refs
            .centers
            .iter()
            .find(|c| c.level == CenterLevel::District)
            .or(refs.centers.first())
            .map(|c| c.id)
            .ok_or_else(|| {
                StoreError::Refused(crate::domain::Problem::new(
                    "请先建立中心和基础数据",
                    "set up the center first",
                ))
            })?;
        let mut clerks: HashMap<i64, Vec<Actor>> = HashMap::new();
        let mut directors = vec![];
        let mut dept_actors = HashMap::new();
        for s in refs.staff.iter().filter(|s| s.active) {
            let a = staff_actor(&refs, s);
            match s.role {
                Role::Clerk => clerks.entry(s.center_id).or_default().push(a),
                Role::Director => {
                    directors.push(a.clone());
                    clerks.entry(s.center_id).or_default().push(a);
                }
                Role::Department => {
                    if let Some(d) = s.department_id {
                        dept_actors.entry(d).or_insert(a);
                    }
                }
                Role::Admin => {}
            }
        }
        if clerks.get(&district_center).is_none_or(|v| v.is_empty()) || directors.is_empty() {
            return Err(StoreError::Refused(crate::domain::Problem::new(
                "生成数据需要区中心至少一名窗口和一名主任账号",
                "generating needs a clerk and a director at the district center",
            )));
        }
        let active_depts: Vec<&crate::store::org::Department> =
            refs.departments.iter().filter(|d| d.active).collect();
        let general_depts: Vec<i64> = active_depts
            .iter()
            .filter(|d| !d.supervision)
            .map(|d| d.id)
            .collect();
        if general_depts.is_empty() {
            return Err(StoreError::Refused(crate::domain::Problem::new(
                "生成数据需要至少一个承办单位",
                "generating needs a department",
            )));
        }
        let supervision = active_depts.iter().find(|d| d.supervision).map(|d| d.id);
        let mut dept_for_category = HashMap::new();
        for c in &refs.categories {
            let ids: Vec<i64> = CATEGORY_DEPARTMENTS
                .iter()
                .filter(|(ck, _)| c.name.contains(ck))
                .flat_map(|(_, dk)| {
                    active_depts
                        .iter()
                        .filter(move |d| d.name.contains(dk))
                        .map(|d| d.id)
                })
                .collect();
            dept_for_category.insert(c.id, ids);
        }
        for d in &active_depts {
            dept_actors.entry(d.id).or_insert_with(|| Actor {
                staff_id: None,
                name: format!("{}经办人", d.name),
                role: Role::Department,
                center_id: Some(district_center),
                center_level: CenterLevel::District,
                department_id: Some(d.id),
            });
        }
        let leaders = refs
            .leaders
            .iter()
            .filter(|l| l.active)
            .map(|l| l.id)
            .collect::<Vec<_>>();
        if leaders.is_empty() || refs.categories.is_empty() {
            return Err(StoreError::Refused(crate::domain::Problem::new(
                "生成数据需要领导和诉求类别",
                "generating needs leaders and categories",
            )));
        }
        let places = refs
            .places
            .iter()
            .filter(|p| p.active && p.kind != PlaceKind::Town)
            .map(|p| p.id)
            .collect();
        Ok(World {
            refs,
            cal,
            rules,
            clerks,
            district_center,
            directors,
            dept_actors,
            dept_for_category,
            general_depts,
            supervision,
            leaders,
            places,
        })
    }

    fn ctx(&self, today: NaiveDate) -> FlowCtx<'_> {
        FlowCtx {
            today,
            cal: &self.cal,
            rules: &self.rules,
        }
    }

    fn dept_for(&self, category_id: i64, rng: &mut impl Rng) -> i64 {
        match self.dept_for_category.get(&category_id) {
            Some(ids) if !ids.is_empty() && chance(rng, 0.9) => *pick(rng, ids),
            _ => *pick(rng, &self.general_depts),
        }
    }

    /// A time `k` working days after `t`, during office hours.
    fn after_working_days(&self, t: NaiveDateTime, k: u32, rng: &mut impl Rng) -> NaiveDateTime {
        let day = self.cal.add_working_days(t.date(), k);
        let minutes = rng.random_range(0..(8 * 60));
        let candidate = day.and_time(NaiveTime::from_hms_opt(8, 30, 0).unwrap_or_default())
            + Duration::minutes(minutes);
        if candidate <= t {
            t + Duration::minutes(rng.random_range(5..90))
        } else {
            candidate
        }
    }
}

fn random_person(world: &World, rng: &mut impl Rng) -> Person {
    let name = format!("{}{}", pick(rng, SURNAMES), pick(rng, GIVEN));
    let mobile = format!(
        "1{}{:09}",
        rng.random_range(3..=9),
        rng.random_range(0..1_000_000_000u64)
    );
    let resident_id = chance(rng, 0.4).then(|| {
        let birth = NaiveDate::from_ymd_opt(
            rng.random_range(1940..=2004),
            rng.random_range(1..=12),
            rng.random_range(1..=28),
        )
        .unwrap_or_default();
        let first17 = format!(
            "220403{}{:03}",
            birth.format("%Y%m%d"),
            rng.random_range(0..1000)
        );
        let check = id_check_char(first17.as_bytes()).unwrap_or('0');
        format!("{first17}{check}")
    });
    let place_id = (!world.places.is_empty()).then(|| *pick(rng, &world.places));
    let place = world.refs.place_name(place_id).to_string();
    let address = match place_id.and_then(|p| world.refs.place(p)).map(|p| p.kind) {
        Some(PlaceKind::Village) => format!("{place}{}组", rng.random_range(1..=9)),
        _ => format!(
            "{place}{}号楼{}单元{}室",
            rng.random_range(1..=40),
            rng.random_range(1..=6),
            rng.random_range(101..=1802)
        ),
    };
    Person {
        name,
        mobile,
        resident_id,
        place_id,
        address,
        last_ticket: None,
        last_center: world.district_center,
    }
}

fn random_intent(rng: &mut impl Rng) -> Intent {
    let r: f64 = rng.random();
    let decision = match r {
        r if r < 0.66 => DecisionKind::Dispatch,
        r if r < 0.76 => DecisionKind::Supervise,
        r if r < 0.84 => DecisionKind::OnSite,
        r if r < 0.89 => DecisionKind::Explain,
        r if r < 0.93 => DecisionKind::Meeting,
        r if r < 0.97 => DecisionKind::Deliberation,
        _ => DecisionKind::NotAccept,
    };
    let dissatisfied = if chance(rng, 0.09) {
        if chance(rng, 0.3) { 2 } else { 1 }
    } else {
        0
    };
    Intent {
        decision,
        late: chance(rng, 0.12),
        extension: chance(rng, 0.06),
        return_first: chance(rng, 0.04),
        dissatisfied,
        escalate: dissatisfied >= 2 && chance(rng, 0.6),
        withdraw_after: chance(rng, 0.02).then(|| rng.random_range(1..=4)),
        stop_at: None,
        simple: false,
    }
}

fn fixed_intent(state: State) -> Intent {
    let mut i = Intent {
        decision: DecisionKind::Dispatch,
        late: false,
        extension: false,
        return_first: false,
        dissatisfied: 0,
        escalate: false,
        withdraw_after: None,
        stop_at: Some(state),
        simple: true,
    };
    match state {
        State::AwaitingMeeting => i.decision = DecisionKind::Meeting,
        State::AwaitingDeliberation => i.decision = DecisionKind::Deliberation,
        State::NotAccepted => i.decision = DecisionKind::NotAccept,
        State::ExtensionRequested => i.extension = true,
        State::SecondDissatisfied => i.dissatisfied = 2,
        State::Escalated => {
            i.dissatisfied = 2;
            i.escalate = true;
        }
        State::Withdrawn => i.withdraw_after = Some(3),
        _ => {}
    }
    i
}

/// Days before `now` at which a ticket can have reached `state` (min, max).
fn age_for(state: State) -> (i64, i64) {
    match state {
        State::Registered | State::Drafted => (0, 0),
        State::AwaitingIssue => (0, 1),
        State::AwaitingMeeting | State::AwaitingDeliberation | State::Dispatched => (2, 5),
        State::Handling | State::ExtensionRequested => (6, 10),
        State::AwaitingFeedback | State::AwaitingEvaluation => (15, 25),
        State::SecondDissatisfied | State::Escalated => (40, 55),
        _ => (5, 60),
    }
}

fn place_label(world: &World, place_id: Option<i64>) -> String {
    let p = world.refs.place_name(place_id);
    if p.is_empty() {
        "辖区".into()
    } else {
        p.to_string()
    }
}

/// Lives one ticket's life from `t0` until it closes, stops, or the next step is after `now`.
fn simulate(
    world: &World,
    rec: &mut TicketRecord,
    intent: &Intent,
    t0: NaiveDateTime,
    now: NaiveDateTime,
    merge_into: Option<MergeTarget>,
    rng: &mut impl Rng,
) -> Vec<(NaiveDateTime, NewEvent)> {
    let mut events = vec![];
    let mut t = t0;
    let mut steps: u8 = 0;
    let mut returned = false;
    let mut progress_noted = false;
    let mut meeting_done = false;
    let clerks = world
        .clerks
        .get(&rec.center_id)
        .filter(|v| !v.is_empty())
        .or_else(|| world.clerks.get(&world.district_center));
    let Some(clerks) = clerks else { return events };
    let clerk = pick(rng, clerks).clone();
    let director = pick(rng, &world.directors).clone();
    let place = place_label(world, rec.place_id);
    let mut planned_dept = world.dept_for(rec.category_id, rng);
    if let Some(target) = merge_into {
        let at_t = t + Duration::minutes(rng.random_range(5..40));
        if at_t > now {
            return events;
        }
        let mv = Move::Merge {
            into: target,
            note: "同一诉求人同一事项，合并办理".into(),
        };
        // A clerk who may not see the earlier ticket cannot merge into it: the new one then
        // lives its own life.
        if let Ok(change) = flow::decide(&rec.facts(), &clerk, &mv, &world.ctx(at_t.date())) {
            let at = fmt_time(at_t);
            events.push((at_t, change_event(rec, &change, &clerk, &at)));
            rec.apply(&change, &clerk, &at);
            return events;
        }
    }
    loop {
        if !rec.state.is_open() || intent.stop_at == Some(rec.state) {
            break;
        }
        steps += 1;
        let dept_name = world.refs.department_name(Some(planned_dept)).to_string();
        let (when, actor, mv): (NaiveDateTime, Actor, Move) = if intent.withdraw_after
            == Some(steps)
        {
            (
                t + Duration::hours(rng.random_range(2..48)),
                clerk.clone(),
                Move::Withdraw {
                    reason: "诉求人表示问题已自行协商解决，申请撤回".into(),
                },
            )
        } else {
            match rec.state {
                State::Registered => {
                    let classification = match intent.decision {
                        DecisionKind::Dispatch => Classification::Forward,
                        DecisionKind::Supervise => Classification::Supervise,
                        DecisionKind::OnSite => Classification::OnSite,
                        DecisionKind::Explain => Classification::Explain,
                        DecisionKind::Meeting => Classification::SpecialMeeting,
                        DecisionKind::Deliberation => Classification::Deliberation,
                        DecisionKind::NotAccept => Classification::NotAccepted,
                    };
                    let tmpl = *pick::<&str>(rng, OPINIONS);
                    let opinion = fill(tmpl, rng, &place, &dept_name);
                    (
                        t + Duration::minutes(rng.random_range(10..120)),
                        clerk.clone(),
                        Move::Draft {
                            classification,
                            opinion,
                        },
                    )
                }
                State::Drafted => (
                    t + Duration::minutes(rng.random_range(5..40)),
                    clerk.clone(),
                    Move::Submit,
                ),
                State::AwaitingIssue | State::Escalated => {
                    let when = world.after_working_days(t, rng.random_range(0..=2), rng);
                    let leader_id = *pick(rng, &world.leaders);
                    let kind = if rec.state == State::Escalated || meeting_done || returned {
                        if rec.state == State::Escalated {
                            DecisionKind::Supervise
                        } else {
                            DecisionKind::Dispatch
                        }
                    } else if rec.round > 1 && rec.department_id.is_none() {
                        DecisionKind::Dispatch
                    } else {
                        intent.decision
                    };
                    let decision = match kind {
                        DecisionKind::Dispatch | DecisionKind::Supervise => {
                            let dept = if kind == DecisionKind::Supervise {
                                world.supervision.unwrap_or(planned_dept)
                            } else {
                                planned_dept
                            };
                            let facts = world.refs.department(dept).map(|d| DeptFacts {
                                id: d.id,
                                supervision: d.supervision,
                                active: d.active,
                            });
                            let Some(department) = facts else { break };
                            let due = flow::default_due(&rec.facts(), &world.ctx(when.date()));
                            Decision::Dispatch {
                                department,
                                due: due.max(world.cal.roll_forward(when.date())),
                            }
                        }
                        DecisionKind::OnSite => Decision::OnSite {
                            answer: "相关政策明确，已向诉求人当面答复并提供办理指引。".into(),
                        },
                        DecisionKind::Explain => Decision::Explain {
                            explanation: "诉求超出政策规定范围，已向诉求人耐心解释相关规定。"
                                .into(),
                        },
                        DecisionKind::Meeting => Decision::SpecialMeeting {
                            topic: format!(
                                "研究{}涉及的{}问题",
                                place,
                                world.refs.category_name(rec.category_id)
                            ),
                        },
                        DecisionKind::Deliberation => Decision::Deliberation {
                            note: "组织群众议事代表即时评议调解".into(),
                        },
                        DecisionKind::NotAccept => Decision::NotAccept {
                            lawful_channel: "依法向人民法院提起诉讼".into(),
                            reason: "该事项属于民事诉讼受理范围，已告知诉求人依法维权途径。".into(),
                        },
                    };
                    let tmpl = *pick::<&str>(rng, INSTRUCTIONS);
                    let instruction = fill(tmpl, rng, &place, &dept_name);
                    (
                        when,
                        clerk.clone(),
                        Move::Issue {
                            leader_id,
                            leader_active: true,
                            instruction,
                            decision,
                        },
                    )
                }
                State::AwaitingMeeting => {
                    meeting_done = true;
                    (
                        world.after_working_days(t, rng.random_range(5..=12), rng),
                        clerk.clone(),
                        Move::RecordMeeting {
                            decision: format!(
                                "专题会议决定由{dept_name}牵头，相关单位配合，限期解决。"
                            ),
                        },
                    )
                }
                State::AwaitingDeliberation => {
                    let to_sign = chance(rng, 0.65);
                    meeting_done = true;
                    let outcome = if to_sign {
                        "经议事代表评议调解，双方达成一致意见。"
                    } else {
                        "评议未能达成一致，建议转职能部门依法处理。"
                    };
                    (
                        world.after_working_days(t, rng.random_range(3..=8), rng),
                        clerk.clone(),
                        Move::RecordDeliberation {
                            outcome: outcome.into(),
                            to_sign,
                        },
                    )
                }
                State::Dispatched => {
                    let dept = rec.department_id.unwrap_or(planned_dept);
                    let Some(actor) = world.dept_actors.get(&dept).cloned() else {
                        break;
                    };
                    let when = world.after_working_days(t, rng.random_range(0..=1), rng);
                    if intent.return_first && !returned && rec.round == 1 {
                        returned = true;
                        planned_dept = *pick(rng, &world.general_depts);
                        (
                            when,
                            actor,
                            Move::Return {
                                reason: "该事项不属于本单位职责范围，建议转有关部门。".into(),
                            },
                        )
                    } else {
                        (when, actor, Move::Accept)
                    }
                }
                State::Handling => {
                    let dept = rec.department_id.unwrap_or(planned_dept);
                    let Some(actor) = world.dept_actors.get(&dept).cloned() else {
                        break;
                    };
                    let due = rec.due_date().unwrap_or(t.date());
                    if intent.extension && !rec.extension_used {
                        (
                            world.after_working_days(t, 1, rng),
                            actor,
                            Move::RequestExtension {
                                days: rng.random_range(10..=30),
                                reason: "涉及多个产权单位，需进一步协调。".into(),
                            },
                        )
                    } else if !progress_noted && chance(rng, 0.4) {
                        progress_noted = true;
                        (
                            world.after_working_days(t, 1, rng),
                            actor,
                            Move::Progress {
                                note: "已到现场查看，正在协调相关单位。".into(),
                            },
                        )
                    } else {
                        let when = if intent.late {
                            world.after_working_days(
                                due.and_hms_opt(9, 0, 0).unwrap_or(t),
                                rng.random_range(1..=9),
                                rng,
                            )
                        } else {
                            let left = world.cal.working_days_after(t.date(), due).max(0) as u32;
                            world.after_working_days(t, rng.random_range(0..=left), rng)
                        };
                        let resolution = match rng.random_range(0..10) {
                            0 => Resolution::Unresolved,
                            1 | 2 => Resolution::Partly,
                            _ => Resolution::Resolved,
                        };
                        (
                            when,
                            actor,
                            Move::Report {
                                resolution,
                                result: pick(rng, RESULTS).to_string(),
                            },
                        )
                    }
                }
                State::ExtensionRequested => {
                    let approve = chance(rng, 0.85);
                    (
                        world.after_working_days(t, 1, rng),
                        director.clone(),
                        Move::DecideExtension {
                            approve,
                            note: if approve {
                                "同意延期".into()
                            } else {
                                "不同意延期，请按期办结".into()
                            },
                        },
                    )
                }
                State::AwaitingFeedback => {
                    let by = world.refs.center_name(rec.center_id).to_string();
                    let method = *pick(
                        rng,
                        &[
                            FeedbackMethod::Phone,
                            FeedbackMethod::Phone,
                            FeedbackMethod::HomeVisit,
                            FeedbackMethod::InPerson,
                        ],
                    );
                    (
                        world.after_working_days(t, rng.random_range(1..=3), rng),
                        clerk.clone(),
                        Move::Feedback {
                            by,
                            method,
                            note: "已将办理结果告知诉求人".into(),
                        },
                    )
                }
                State::AwaitingEvaluation => {
                    let rounds_unhappy = u8::from(rec.round >= 2) + u8::from(rec.escalated);
                    let satisfaction = if intent.dissatisfied > rounds_unhappy {
                        Satisfaction::Dissatisfied
                    } else if chance(rng, 0.8) {
                        Satisfaction::Satisfied
                    } else {
                        Satisfaction::Basically
                    };
                    let note = if satisfaction == Satisfaction::Dissatisfied {
                        "诉求人认为问题没有根本解决"
                    } else {
                        ""
                    };
                    (
                        t + Duration::minutes(rng.random_range(5..60)),
                        clerk.clone(),
                        Move::Evaluate {
                            satisfaction,
                            note: note.into(),
                        },
                    )
                }
                State::SecondDissatisfied => {
                    let when = world.after_working_days(t, rng.random_range(1..=3), rng);
                    if intent.escalate && !rec.escalated && world.supervision.is_some() {
                        (
                            when,
                            director.clone(),
                            Move::Escalate {
                                note: "二次办理后群众仍不满意，提请领导督办".into(),
                            },
                        )
                    } else {
                        (
                            when,
                            director.clone(),
                            Move::CloseUnresolved {
                                note: "经二次办理，诉求超出政策规定，已做好解释，按未解决办结"
                                    .into(),
                            },
                        )
                    }
                }
                _ => break,
            }
        };
        if when > now {
            break;
        }
        let at = fmt_time(when);
        match flow::decide(&rec.facts(), &actor, &mv, &world.ctx(when.date())) {
            Ok(change) => {
                events.push((when, change_event(rec, &change, &actor, &at)));
                rec.apply(&change, &actor, &at);
                t = when;
            }
            Err(_) => break,
        }
    }
    events
}

/// Generates `opts.tickets` petitions into the database.
pub fn generate(store: &mut Store, opts: &GenOptions) -> Result<GenReport> {
    let world = World::new(store)?;
    let mut rng = ChaCha8Rng::seed_from_u64(opts.seed);
    let n = opts.tickets;
    let start = opts.now - Duration::days(opts.days);
    // Registration times, spread over working days and office hours, in order.
    let mut plan: Vec<(NaiveDateTime, Intent)> = Vec::with_capacity(n);
    let span_minutes = (opts.now - start).num_minutes().max(1);
    for _ in 0..n {
        let offset = rng.random_range(0..span_minutes);
        let mut t = start + Duration::minutes(offset);
        if !world.cal.is_working_day(t.date()) && chance(&mut rng, 0.85) {
            t = world
                .cal
                .roll_forward(t.date())
                .and_hms_opt(8, 30, 0)
                .unwrap_or(t)
                + Duration::minutes(rng.random_range(0..480));
        }
        let tod = t.time();
        if !(NaiveTime::from_hms_opt(8, 0, 0).unwrap_or_default()
            ..NaiveTime::from_hms_opt(18, 0, 0).unwrap_or_default())
            .contains(&tod)
        {
            t = t.date().and_hms_opt(8, 30, 0).unwrap_or(t)
                + Duration::minutes(rng.random_range(0..480));
        }
        if t > opts.now {
            t = opts.now - Duration::minutes(rng.random_range(1..600));
        }
        plan.push((t, random_intent(&mut rng)));
    }
    if opts.cover_all_states {
        let cover: &[State] = &[
            State::Registered,
            State::Registered,
            State::Drafted,
            State::Drafted,
            State::AwaitingIssue,
            State::AwaitingIssue,
            State::AwaitingIssue,
            State::AwaitingMeeting,
            State::AwaitingDeliberation,
            State::AwaitingDeliberation,
            State::AwaitingDeliberation,
            State::AwaitingDeliberation,
            State::AwaitingDeliberation,
            State::AwaitingDeliberation,
            State::AwaitingDeliberation,
            State::AwaitingDeliberation,
            State::Dispatched,
            State::Dispatched,
            State::Handling,
            State::Handling,
            State::ExtensionRequested,
            State::ExtensionRequested,
            State::AwaitingFeedback,
            State::AwaitingEvaluation,
            State::AwaitingEvaluation,
            State::AwaitingEvaluation,
            State::SecondDissatisfied,
            State::SecondDissatisfied,
            State::Escalated,
            State::Escalated,
            State::NotAccepted,
            State::Withdrawn,
        ];
        for (i, s) in cover.iter().enumerate().take(n) {
            let (lo, hi) = age_for(*s);
            // Ages count working days back, so that a ticket reaches its state on any day: in
            // the Spring Festival week, five calendar days back are all holidays.
            let age = rng.random_range(lo..=hi) as u32;
            let day = if lo == 0 {
                opts.now.date()
            } else {
                world.cal.nth_working_day_back(opts.now.date(), age + 1)
            };
            let mut t = day.and_hms_opt(8, 40, 0).unwrap_or(opts.now)
                + Duration::minutes(rng.random_range(0..300));
            if lo == 0 || t >= opts.now {
                // Today's tickets: early enough for the first steps to have happened.
                t = opts.now - Duration::minutes(170 + i as i64 * 7);
            }
            plan[i] = (t, fixed_intent(*s));
        }
    }
    plan.sort_by_key(|(t, _)| *t);

    let mut people: Vec<Person> = Vec::new();
    let mut report = GenReport::default();
    let mut merges_left = if opts.cover_all_states { 3 } else { usize::MAX };
    store.bulk(opts.batch, |w| {
        let mut pending: BTreeMap<(NaiveDateTime, u64), NewEvent> = BTreeMap::new();
        let mut counter: u64 = 0;
        for (t0, intent) in plan {
            // Append every event that happened before this registration.
            while let Some(entry) = pending.first_entry() {
                if entry.key().0 > t0 {
                    break;
                }
                w.append(entry.remove())?;
                report.events += 1;
            }
            // A repeat petitioner (same mobile and ID), now and then.
            let repeat = !people.is_empty() && chance(&mut rng, 0.1);
            let person_idx = if repeat {
                let lo = people.len().saturating_sub(500);
                rng.random_range(lo..people.len())
            } else {
                people.push(random_person(&world, &mut rng));
                people.len() - 1
            };
            let person = &people[person_idx];
            let previous = if repeat {
                person.last_ticket.clone()
            } else {
                None
            };
            let still_open = previous
                .as_ref()
                .is_some_and(|(_, _, closed)| closed.is_none_or(|c| c > t0));
            let mut merge_target = None;
            if still_open
                && intent.stop_at.is_none()
                && merges_left > 0
                && chance(&mut rng, if opts.cover_all_states { 1.0 } else { 0.3 })
                && let Some((id, number, _)) = &previous
            {
                merge_target = Some(MergeTarget {
                    id: *id,
                    number: number.clone(),
                    state: State::Handling,
                    center_id: person.last_center,
                    department_id: None,
                });
                merges_left = merges_left.saturating_sub(1);
            }
            let template = if intent.simple {
                &TEMPLATES[rng.random_range(0..2)]
            } else {
                pick(&mut rng, TEMPLATES)
            };
            let category_id = world
                .refs
                .categories
                .iter()
                .find(|c| c.name == template.category && c.active)
                .or_else(|| world.refs.categories.first())
                .map(|c| c.id)
                .unwrap_or(1);
            let place = place_label(&world, person.place_id);
            let channel = *pick(
                &mut rng,
                &[
                    Channel::Visit,
                    Channel::Visit,
                    Channel::Visit,
                    Channel::Visit,
                    Channel::Visit,
                    Channel::Visit,
                    Channel::Visit,
                    Channel::Phone,
                    Channel::Phone,
                    Channel::Phone,
                    Channel::Phone,
                    Channel::Phone,
                    Channel::Letter,
                    Channel::Online,
                    Channel::Online,
                    Channel::Online,
                    Channel::LeaderCommunity,
                    Channel::LeaderCommunity,
                    Channel::LeaderTownship,
                    Channel::PartyMember,
                    Channel::LowerCenter,
                ],
            );
            let center_id = match person.place_id.and_then(|p| world.refs.place(p)) {
                Some(p) if chance(&mut rng, 0.3) => world
                    .refs
                    .centers
                    .iter()
                    .find(|c| {
                        c.active
                            && (c.place_id == Some(p.id)
                                || (p.kind == PlaceKind::Village && c.place_id == p.parent_id))
                    })
                    .map(|c| c.id)
                    .unwrap_or(world.district_center),
                _ => world.district_center,
            };
            let clerk = world
                .clerks
                .get(&center_id)
                .filter(|v| !v.is_empty())
                .or_else(|| world.clerks.get(&world.district_center))
                .map(|v| pick(&mut rng, v).clone());
            let Some(clerk) = clerk else { continue };
            let center_id = clerk.center_id.unwrap_or(world.district_center);
            let leader_channel =
                matches!(channel, Channel::LeaderCommunity | Channel::LeaderTownship);
            let first_handler = if leader_channel {
                FirstHandler::Leader(*pick(&mut rng, &world.leaders))
            } else {
                FirstHandler::Staff(clerk.staff_id.unwrap_or(0))
            };
            let visit_ref = leader_channel.then(|| {
                let day = if t0.day() >= 25 {
                    25
                } else if t0.day() >= 10 {
                    10
                } else {
                    25
                };
                let date = if day == 25 && t0.day() < 10 {
                    let prev = t0.date() - Duration::days(t0.day() as i64);
                    prev.with_day(25).unwrap_or(prev)
                } else {
                    t0.date().with_day(day).unwrap_or(t0.date())
                };
                format!("{} {}", date.format("%Y-%m-%d"), place)
            });
            let collective = chance(&mut rng, 0.06);
            let intake = Intake {
                channel,
                petitioners: vec![Petitioner {
                    name: person.name.clone(),
                    mobile: person.mobile.clone(),
                    resident_id: person.resident_id.clone(),
                    address: person.address.clone(),
                    place_id: person.place_id,
                }],
                collective,
                head_count: collective.then(|| rng.random_range(5..=60)),
                category_id,
                summary: template.summary.to_string(),
                content: fill(template.content, &mut rng, &place, ""),
                request: template.request.to_string(),
                urgency: if !intent.simple && chance(&mut rng, 0.06) {
                    Urgency::Urgent
                } else {
                    Urgency::Normal
                },
                first_handler,
                visit_ref,
            };
            let year = t0.year();
            // Read afresh for every ticket: a desk may register one between two batches.
            let seq = w.next_seq(year)?;
            let at = fmt_time(t0);
            let ctx = world.ctx(t0.date());
            let clock = flow::intake_clock(t0.date(), category_id, intake.urgency, &ctx);
            let repeat_of = previous.as_ref().map(|(id, _, _)| *id);
            let mut rec = TicketRecord::new_registered(
                &intake, center_id, year, seq, &clerk, &at, clock, repeat_of,
            );
            let registered = rec.clone();
            let mut events = simulate(
                &world,
                &mut rec,
                &intent,
                t0,
                opts.now,
                merge_target.clone(),
                &mut rng,
            );
            let id = w.insert_ticket(&rec)?;
            let mut reg = registered;
            reg.id = id;
            counter += 1;
            pending.insert((t0, counter), register_event(&reg, &clerk));
            for (when, mut e) in events.drain(..) {
                e.ticket_id = Some(id);
                counter += 1;
                pending.insert((when, counter), e);
            }
            let closed = if rec.state.is_open() {
                None
            } else {
                rec.closed_at.as_deref().and_then(crate::store::parse_time)
            };
            people[person_idx].last_ticket = Some((id, rec.number(), closed));
            people[person_idx].last_center = rec.center_id;
            *report.by_state.entry(rec.state.code()).or_default() += 1;
            report.tickets += 1;
        }
        for (_, e) in std::mem::take(&mut pending) {
            w.append(e)?;
            report.events += 1;
        }
        Ok(())
    })?;
    Ok(report)
}

/// A year of leaders' visits: assignments, the township rotation, the 2026 plan, past visits held
/// (some by substitutes, a few not held), one upcoming visit without a leader (空岗), notices,
/// residents received with an on-site answer and a petition, and members picked to report.
pub fn demo_visits(store: &mut Store, actor: &Actor, now: NaiveDateTime) -> Result<()> {
    use crate::domain::intake::{FirstHandler, Intake, Petitioner};
    use crate::store::visits::Matter;
    let refs = store.refs()?;
    let communities: Vec<i64> = refs
        .places
        .iter()
        .filter(|p| p.kind == PlaceKind::Community && p.active)
        .map(|p| p.id)
        .collect();
    let leaders: Vec<i64> = refs
        .leaders
        .iter()
        .filter(|l| l.active)
        .map(|l| l.id)
        .collect();
    if communities.is_empty() || leaders.is_empty() {
        return Ok(());
    }
    for (i, l) in leaders.iter().enumerate() {
        store.set_leader_communities(actor, *l, &[communities[i % communities.len()]], now)?;
    }
    store.set_rotation(actor, &leaders, now)?;
    // A rolling year of visits, whatever the day: the year before too when today is early in
    // the year, and next January when today is in December.
    let since = now.date() - Duration::days(365);
    for year in since.year()..=now.year() {
        store.plan_visits(actor, year, None, since, now)?;
    }
    if now.month() == 12 {
        store.plan_visits(actor, now.year() + 1, Some(1), since, now)?;
    }
    let Ok(director) = store.session("1002").map(|s| s.actor) else {
        return Ok(());
    };
    let keep = demo_current_month(store, &director, &communities, now)?;
    let past: Vec<_> = store
        .visits_between(since, now.date())?
        .into_iter()
        .filter(|v| v.date.and_time(v.time) < now)
        .collect();
    for (k, v) in past.iter().enumerate() {
        store.post_notice(&director, v.id, None, now)?;
        if keep.contains(&v.id) {
            continue;
        }
        match k % 23 {
            7 => store.record_visit_not_held(
                &director,
                v.id,
                None,
                "防汛应急值守，经报区委同意另行安排",
                now,
            )?,
            3 | 15 => {
                let sub = leaders[(leaders.iter().position(|l| *l == v.leader_id).unwrap_or(0)
                    + 1)
                    % leaders.len()];
                store.leader_cannot_attend(
                    &director,
                    v.id,
                    None,
                    Some(sub),
                    None,
                    "参加市里会议，由其他领导代替",
                    now,
                )?;
                store.record_visit_held(
                    &director,
                    v.id,
                    None,
                    "代替领导接待居民，记录在案。",
                    now,
                )?;
            }
            _ => store.record_visit_held(
                &director,
                v.id,
                None,
                "与居民面对面交流，了解社情民意。",
                now,
            )?,
        }
    }
    // Residents received at the latest held community visit: an on-site answer and a petition.
    let cal = store.calendar()?;
    let rules = refs.rules();
    let ctx = FlowCtx {
        today: now.date(),
        cal: &cal,
        rules: &rules,
    };
    let held: Vec<_> = store
        .visits_between(now.date() - Duration::days(40), now.date())?
        .into_iter()
        .filter(|v| {
            v.status == crate::domain::visits::VisitStatus::Held
                && v.kind == crate::domain::visits::VisitKind::Community
        })
        .collect();
    if let Some(v) = held.last() {
        let category = refs
            .categories
            .iter()
            .find(|c| c.name == "市容环境")
            .or(refs.categories.first())
            .map(|c| c.id)
            .unwrap_or(1);
        let mk = |name: &str, mobile: &str, summary: &str| Intake {
            channel: Channel::LeaderCommunity,
            petitioners: vec![Petitioner {
                name: name.into(),
                mobile: mobile.into(),
                resident_id: None,
                address: format!("{}5号楼", refs.place_name(Some(v.place_id))),
                place_id: Some(v.place_id),
            }],
            collective: false,
            head_count: None,
            category_id: category,
            summary: summary.into(),
            content: format!("{summary}，希望尽快解决。"),
            request: "请求有关部门处理".into(),
            urgency: Urgency::Normal,
            first_handler: FirstHandler::Leader(v.leader_id),
            visit_ref: None,
        };
        store.register_at_visit(
            &director,
            v.id,
            &mk("陶桂兰", "13904471234", "小区健身器材损坏"),
            &Matter::Answered("已明确由街道负责维修，本周内完成。".into()),
            &ctx,
            now,
        )?;
        store.register_at_visit(
            &director,
            v.id,
            &mk("范志刚", "13904475678", "老旧小区雨污管网堵塞"),
            &Matter::Petition,
            &ctx,
            now,
        )?;
    }
    // One upcoming visit without a leader, flagged until someone staffs it.
    let upcoming = store.visits_between(
        now.date() + Duration::days(1),
        now.date() + Duration::days(30),
    )?;
    if let Some(v) = upcoming
        .iter()
        .find(|v| v.kind == crate::domain::visits::VisitKind::Community)
    {
        store.leader_cannot_attend(&director, v.id, None, None, None, "赴省参加培训", now)?;
    }
    for v in upcoming.iter().skip(2).take(3) {
        store.post_notice(&director, v.id, None, now)?;
    }
    Ok(())
}

/// The visits of the current month both past and to come, whatever the day: visits fall on the
/// 10th and 25th, so on the 1st one is brought forward to this morning, and after the 25th one is
/// put off to this evening, as happens when a leader's diary changes. Returns the visits left
/// for the desk to record (待记录结果): the latest past community visits in the first community.
fn demo_current_month(
    store: &mut Store,
    director: &Actor,
    communities: &[i64],
    now: NaiveDateTime,
) -> Result<Vec<i64>> {
    use crate::domain::visits::VisitKind;
    let today = now.date();
    let (from, to) = crate::domain::visits::period(now.year(), Some(now.month()));
    let month = store.visits_between(from, to)?;
    let at = |v: &crate::store::visits::VisitRow| v.date.and_time(v.time);
    let first = communities[0];
    let is_first = move |v: &crate::store::visits::VisitRow| {
        v.kind == VisitKind::Community && v.place_id == first
    };
    if !month.iter().any(|v| at(v) < now)
        && let Some(v) = month.iter().find(|v| is_first(v))
    {
        let nine = today.and_hms_opt(9, 0, 0).unwrap_or(now);
        let early = if now > nine + Duration::minutes(30) {
            nine
        } else {
            (now - Duration::minutes(30)).max(today.and_hms_opt(0, 0, 0).unwrap_or(now))
        };
        store.leader_cannot_attend(
            director,
            v.id,
            None,
            None,
            Some((today, early.time())),
            "区人代会期间无法按时走访，提前到今日上午",
            now,
        )?;
    }
    let month = store.visits_between(from, to)?;
    if !month.iter().any(|v| at(v) > now) {
        let other = communities.get(1).copied().unwrap_or(communities[0]);
        if let Some(v) = month
            .iter()
            .rev()
            .find(|v| v.kind == VisitKind::Community && v.place_id == other)
        {
            // This evening at the usual hour, or an hour from now if that has passed.
            let usual = today.and_time(v.time);
            let late = if usual > now + Duration::minutes(30) {
                usual
            } else {
                (now + Duration::hours(1))
                    .min(today.and_hms_opt(23, 59, 0).unwrap_or(now))
                    .max(now + Duration::minutes(1))
            };
            store.leader_cannot_attend(
                director,
                v.id,
                None,
                None,
                Some((late.date(), late.time())),
                "原定当日雨雪天气，经与社区商定延后举行",
                now,
            )?;
            store.post_notice(director, v.id, None, now)?;
        }
    }
    let month = store.visits_between(from, to)?;
    let past: Vec<_> = month.iter().filter(|v| at(v) < now).collect();
    let last = past.iter().filter(|v| is_first(v)).map(|v| v.date).max();
    let keep: Vec<i64> = match last {
        Some(d) => past
            .iter()
            .filter(|v| is_first(v) && v.date == d)
            .map(|v| v.id)
            .collect(),
        None => past.last().map(|v| v.id).into_iter().collect(),
    };
    Ok(keep)
}

/// Units and about 120 employed members (some units below 40 %), about 150 households of the five
/// kinds, assignments, a year of contacts with some quarterly gaps, and wishes in every state.
pub fn demo_members(store: &mut Store, actor: &Actor, now: NaiveDateTime) -> Result<()> {
    use crate::domain::members::{
        ContactMethod, HouseholdForm, MemberForm, validate_household, validate_member,
    };
    use crate::store::members::{NewContact, WishMove};
    let refs = store.refs()?;
    let communities: Vec<String> = refs
        .places
        .iter()
        .filter(|p| p.kind == PlaceKind::Community && p.active)
        .map(|p| p.name.clone())
        .collect();
    if communities.is_empty() {
        return Ok(());
    }
    let mut rng = ChaCha8Rng::seed_from_u64(120);
    let units: &[(&str, usize, f64)] = &[
        ("区教育局", 16, 0.5),
        ("区卫生健康局", 14, 0.5),
        ("区住房和城乡建设局", 12, 0.45),
        ("区民政局", 10, 0.5),
        ("区财政局", 12, 0.25),
        ("区人力资源和社会保障局", 12, 0.42),
        ("区城市管理行政执法局", 12, 0.5),
        ("区司法局", 10, 0.6),
        ("区交通运输局", 11, 0.3),
        ("区农业农村局", 11, 0.45),
    ];
    let skills: &[(&str, &str)] = &[
        ("教师", "家庭教育、课业辅导"),
        ("医生", "慢病管理、护理、健康咨询"),
        ("工程师", "房屋维修、水电安全"),
        ("社会工作者", "心理疏导、政策咨询"),
        ("会计", "理财咨询、低保政策"),
        ("人社专员", "就业指导、社保政策"),
        ("执法队员", "市容环境、邻里纠纷"),
        ("律师", "法律援助、合同纠纷"),
        ("驾驶员", "出行帮扶"),
        ("农技员", "种植技术、农村土地"),
    ];
    let mut used = std::collections::HashSet::new();
    let mut rows = vec![];
    for (k, (unit, n, share)) in units.iter().enumerate() {
        let key_n = (*n as f64 * share).round() as usize;
        for i in 0..*n {
            let name = loop {
                let n = format!("{}{}", pick(&mut rng, SURNAMES), pick(&mut rng, GIVEN));
                if used.insert(n.clone()) {
                    break n;
                }
            };
            let (prof, skill) = skills[k % skills.len()];
            let key = i < key_n;
            let form = MemberForm {
                name,
                unit: (*unit).into(),
                position: if i == 0 {
                    "副局长".into()
                } else {
                    "科员".into()
                },
                place: pick(&mut rng, &communities).clone(),
                profession: prof.into(),
                skills: skill.into(),
                pool: ["区管干部", "后备干部", "年轻干部", "其他"][i % 4].into(),
                key_selected: if key { "是" } else { "否" }.into(),
                selected_by: if key {
                    ["自荐", "支部推荐", "党委决定"][i % 3].into()
                } else {
                    String::new()
                },
                mobile: format!(
                    "1{}{:09}",
                    rng.random_range(3..=9),
                    rng.random_range(0..1_000_000_000u64)
                ),
            };
            if let Ok(m) = validate_member(&form) {
                rows.push(m);
            }
        }
    }
    store.import_members(actor, &rows, now)?;
    let needs: &[(&str, &str)] = &[
        ("帮扶户", "老人行动不便，需要定期护理和健康咨询"),
        ("三无户", "需要就业指导和低保政策咨询"),
        ("空巢户", "独居老人，需要陪伴和房屋水电安全检查"),
        ("诉求户", "与物业有纠纷，需要法律援助和邻里纠纷调解"),
        ("代表户", "孩子需要课业辅导和家庭教育指导"),
    ];
    let mut hrows = vec![];
    for i in 0..150 {
        let (kind, need) = needs[i % needs.len()];
        let form = HouseholdForm {
            place: communities[i % communities.len()].clone(),
            address: format!(
                "{}{}号楼{}单元{}室",
                communities[i % communities.len()],
                rng.random_range(1..=30),
                rng.random_range(1..=6),
                rng.random_range(101..=1502)
            ),
            head: format!("{}{}", pick(&mut rng, SURNAMES), pick(&mut rng, GIVEN)),
            kind: kind.into(),
            needs: need.into(),
            plan: "一户一卡，定期走访，按需服务。".into(),
        };
        if let Ok(h) = validate_household(&form) {
            hrows.push(h);
        }
    }
    store.import_households(actor, &hrows, now)?;
    // Assign three households to each key-selected member where the community has them.
    let (members, _) = store.members_page(None, 1000)?;
    let since = NaiveDate::from_ymd_opt(now.year(), 1, 5).unwrap_or(now.date());
    let year_start = since.and_hms_opt(9, 0, 0).unwrap_or(now);
    let mut assigned: Vec<(i64, i64)> = vec![];
    for (k, m) in members.iter().filter(|m| m.key_selected).enumerate() {
        let want = if k % 11 == 5 { 2 } else { 3 };
        for (h, _) in store.suggest_households(m.id, want)? {
            store.assign(actor, m.id, h.id, year_start)?;
            assigned.push((m.id, h.id));
        }
    }
    // A year of contacts: an in-person visit each quarter so far, with some gaps.
    let (this_year, this_q) = crate::domain::members::quarter(now.date());
    for (n, (m, h)) in assigned.iter().enumerate() {
        for q in 1..=this_q {
            let (start, end) = crate::domain::members::quarter_bounds(this_year, q);
            let end = end.min(now.date() - Duration::days(1));
            if end < start || (n % 7 == 3 && q >= this_q.saturating_sub(1)) {
                continue;
            }
            let days = (end - start).num_days().max(1);
            let d = start + Duration::days(rng.random_range(0..days));
            let visit = NewContact {
                member_id: *m,
                household_id: *h,
                date: d,
                method: ContactMethod::Visit,
                notes: "入户走访，了解近况，宣传政策。".into(),
            };
            store.add_contact(actor, &visit, now)?;
            if n % 2 == 0 {
                let call = NewContact {
                    date: d + Duration::days(10).min(end - d),
                    method: ContactMethod::Phone,
                    notes: "电话回访。".into(),
                    ..visit
                };
                store.add_contact(actor, &call, now)?;
            }
        }
    }
    // Wishes in every state.
    let wishes = [
        "希望有人帮忙修理漏水的水龙头",
        "想给孙子找一位数学辅导老师",
        "希望社区帮忙申请助听器",
        "想学用智能手机视频通话",
        "需要一辆轮椅",
        "希望有人陪同去医院复查",
    ];
    for (i, w) in wishes.iter().enumerate() {
        let Some((m, h)) = assigned.get(i * 5) else {
            break;
        };
        let id = store.add_wish(actor, *h, w, now)?;
        let claim = WishMove::Claim { member_id: *m };
        let then = match i % 4 {
            2 => Some(WishMove::Fulfil {
                on: now.date() - Duration::days(3),
                note: "已上门完成".into(),
            }),
            3 => Some(WishMove::Return {
                note: "超出个人能力，转社区统筹".into(),
            }),
            _ => None,
        };
        if i % 4 != 0 {
            store.move_wish(actor, id, &claim, now)?;
        }
        if let Some(mv) = then {
            store.move_wish(actor, id, &mv, now)?;
        }
    }
    // At the held community visits of the last two months, members picked to report on their work.
    let Ok(director) = store.session("1002").map(|s| s.actor) else {
        return Ok(());
    };
    let recent = store.visits_between(now.date() - Duration::days(60), now.date())?;
    for v in recent.iter().filter(|v| {
        v.status == crate::domain::visits::VisitStatus::Held
            && v.kind == crate::domain::visits::VisitKind::Community
    }) {
        let nonce: [u8; 8] = rng.random();
        if let Ok((picked, _)) = store.pick_members(&director, v.id, 2, &nonce, now) {
            for m in picked {
                store.member_report(
                    &director,
                    v.id,
                    m,
                    "汇报联系户走访情况，反映群众关心的物业和停车问题。",
                    now,
                )?;
            }
        }
    }
    // A problem a member cannot solve goes to the desk as a ticket.
    if let (Some((m, h)), Some(staff)) = (assigned.get(3), director.staff_id) {
        let refs = store.refs()?;
        let cal = store.calendar()?;
        let rules = refs.rules();
        let ctx = FlowCtx {
            today: now.date(),
            cal: &cal,
            rules: &rules,
        };
        let hh = store.household(*h)?;
        let category = refs
            .categories
            .iter()
            .find(|c| c.name == "住房保障")
            .or(refs.categories.first())
            .map(|c| c.id)
            .unwrap_or(1);
        let intake = crate::domain::intake::Intake {
            channel: Channel::PartyMember,
            petitioners: vec![crate::domain::intake::Petitioner {
                name: hh.head.clone(),
                mobile: "13904479876".into(),
                resident_id: None,
                address: hh.address.clone(),
                place_id: Some(hh.place_id),
            }],
            collective: false,
            head_count: None,
            category_id: category,
            summary: "住房漏雨多次报修未解决".into(),
            content: "联系户反映屋顶漏雨，物业多次报修未解决，党员协调无果。".into(),
            request: "请求协调维修".into(),
            urgency: Urgency::Normal,
            first_handler: crate::domain::intake::FirstHandler::Staff(staff),
            visit_ref: None,
        };
        store.escalate(&director, *m, *h, &intake, &ctx, now)?;
    }
    Ok(())
}
