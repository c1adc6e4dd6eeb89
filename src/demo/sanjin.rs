//! The demo's 三进: leaders' visits of the rolling year, and Party members with their households.

#[allow(unused_imports)]
use super::*;

/// A year of leaders' visits: assignments, the township rotation, the 2026 plan, past visits held
/// (some by substitutes, a few not held), one upcoming visit without a leader (空岗), notices,
/// residents received with an on-site answer and a petition, and members picked to report.
pub fn demo_visits(store: &mut Store, actor: &Actor, now: NaiveDateTime) -> Result<()> {
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
    demo_past_visits(store, &director, &leaders, &keep, since, now)?;
    demo_received_at_visit(store, &director, now)?;
    demo_upcoming_visits(store, &director, now)?;
    demo_ledgers(store, &director, now)
}

/// 台账: the summaries of the year up to the month before last submitted by every place, one reviewed by the
/// 区委书记 with comments; last month's still due. The half-year report before this one heard.
fn demo_ledgers(store: &mut Store, director: &Actor, now: NaiveDateTime) -> Result<()> {
    use crate::domain::visits::ledgers::months_due;
    let today = now.date();
    let mut months = months_due(today.year(), today);
    if months.len() < 2 {
        months = [months_due(today.year() - 1, today), months].concat();
    }
    let Some(&(from, _)) = months.iter().rev().nth(1) else {
        return Ok(());
    };
    let places = store.ledger_places(director)?;
    let mut first = None;
    for &(m, _) in months
        .iter()
        .filter(|(m, _)| *m <= from && m.year() == from.year())
    {
        for p in &places {
            let id = store.submit_ledger_summary(director, *p, m, now)?;
            if m == from {
                first.get_or_insert(id);
            }
        }
    }
    let refs = store.refs()?;
    let secretary = refs
        .leaders
        .iter()
        .find(|l| l.active && crate::domain::visits::ledgers::is_principal(&l.position));
    if let (Some(id), Some(l)) = (first, secretary) {
        store.review_ledger_summary(
            director,
            id,
            l.id,
            "已阅。对群众反映的管网问题要盯住不放，按期回访；现场答复的事项逐件销号。",
            now,
        )?;
    }
    let (year, half) = if today.month() <= 6 {
        (today.year() - 1, 2)
    } else {
        (today.year(), 1)
    };
    let heard = if half == 1 {
        NaiveDate::from_ymd_opt(year, 7, 15)
    } else {
        NaiveDate::from_ymd_opt(year + 1, 1, 20)
    }
    .unwrap_or(today)
    .min(today);
    store.record_half_year_heard(
        director,
        year,
        half,
        heard,
        "区委常委会会议",
        "总体落实较好；个别空岗和未举行的走访要作出说明，联络员要及时对接。",
        now,
    )
}

/// The visits of the past year held (some by a substitute), a few not held, each with its notice
/// posted; `keep` are left to the current month's own story.
fn demo_past_visits(
    store: &mut Store,
    director: &Actor,
    leaders: &[i64],
    keep: &[i64],
    since: NaiveDate,
    now: NaiveDateTime,
) -> Result<()> {
    let past: Vec<_> = store
        .visits_between(since, now.date())?
        .into_iter()
        .filter(|v| v.date.and_time(v.time) < now)
        .collect();
    for (k, v) in past.iter().enumerate() {
        store.post_notice(director, v.id, None, now)?;
        if keep.contains(&v.id) {
            continue;
        }
        match k % 23 {
            7 => store.record_visit_not_held(
                director,
                v.id,
                None,
                "防汛应急值守，经报区委同意另行安排",
                now,
            )?,
            3 | 15 => {
                // The next leader free at that time stands in (the store refuses one booked
                // elsewhere then).
                let at = leaders.iter().position(|l| *l == v.leader_id).unwrap_or(0);
                let mut staffed = false;
                for i in 1..leaders.len() {
                    let sub = leaders[(at + i) % leaders.len()];
                    match store.leader_cannot_attend(
                        director,
                        v.id,
                        None,
                        Some(sub),
                        None,
                        "参加市里会议，由其他领导代替",
                        now,
                    ) {
                        Ok(()) => {
                            staffed = true;
                            break;
                        }
                        Err(crate::store::StoreError::Refused(_)) => continue,
                        Err(e) => return Err(e),
                    }
                }
                // Every leader free then is busy elsewhere: the leader came after all.
                store.record_visit_held(
                    director,
                    v.id,
                    None,
                    if staffed {
                        "代替领导接待居民，记录在案。"
                    } else {
                        "与居民面对面交流，了解社情民意。"
                    },
                    now,
                )?;
            }
            _ => store.record_visit_held(
                director,
                v.id,
                None,
                "与居民面对面交流，了解社情民意。",
                now,
            )?,
        }
    }
    // 说明或检讨: the latest visit not held has its leader's explanation on record (the others
    // are still to be explained).
    if let Some(v) = past
        .iter()
        .enumerate()
        .rev()
        .find(|(k, v)| k % 23 == 7 && !keep.contains(&v.id))
        .map(|(_, v)| v)
    {
        store.explain(
            director,
            v.date.year(),
            crate::store::annual::Subject::Leader(v.leader_id),
            &format!("visit:{}", v.id),
            "当日防汛应急值守，未能按计划走访；已于下一走访日到该社区补充接待，今后遇应急任务提前安排其他领导代替。",
            now,
        )?;
    }
    Ok(())
}

/// Residents received at the latest held community visit of the first leader (高志远 in the
/// demo): an on-site answer and a petition.
fn demo_received_at_visit(store: &mut Store, director: &Actor, now: NaiveDateTime) -> Result<()> {
    use crate::domain::intake::{FirstHandler, Intake, Petitioner};
    use crate::store::visits::Matter;
    let refs = store.refs()?;
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
    // The first leader's latest one, so that the README's ledger (高志远) shows them whatever
    // the time of day (a visit of another leader held earlier today would otherwise be latest).
    let first_leader = refs.leaders.iter().find(|l| l.active).map(|l| l.id);
    let latest = held
        .iter()
        .rev()
        .find(|v| Some(v.leader_id) == first_leader)
        .or(held.last());
    if let Some(v) = latest {
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
            director,
            v.id,
            &mk("陶桂兰", "13904471234", "小区健身器材损坏"),
            &Matter::Answered("已明确由街道负责维修，本周内完成。".into()),
            &ctx,
            now,
        )?;
        store.register_at_visit(
            director,
            v.id,
            &mk("范志刚", "13904475678", "老旧小区雨污管网堵塞"),
            &Matter::Petition,
            &ctx,
            now,
        )?;
    }
    // A matter outside the portfolio of the leader who was there: marked, and the center
    // follows it up (督促).
    let outside = held.iter().rev().find_map(|v| {
        let l = refs.leader(v.acting_leader())?;
        let c = refs
            .categories
            .iter()
            .find(|c| c.active && !l.categories.is_empty() && !l.categories.contains(&c.id))?;
        Some((v, c.id))
    });
    if let Some((v, category)) = outside {
        let intake = Intake {
            channel: Channel::LeaderCommunity,
            petitioners: vec![Petitioner {
                name: "温秀英".into(),
                mobile: "13904479012".into(),
                resident_id: None,
                address: format!("{}2号楼", refs.place_name(Some(v.place_id))),
                place_id: Some(v.place_id),
            }],
            collective: false,
            head_count: None,
            category_id: category,
            summary: "楼道声控灯长期不亮".into(),
            content: "楼道声控灯坏了两个月，老人上下楼不便。".into(),
            request: "请求尽快维修".into(),
            urgency: Urgency::Normal,
            first_handler: FirstHandler::Leader(v.leader_id),
            visit_ref: None,
        };
        store.register_at_visit(director, v.id, &intake, &Matter::Petition, &ctx, now)?;
    }
    Ok(())
}

/// One upcoming visit without a leader, flagged until someone staffs it, and notices posted;
/// a city leader's visit next half-month that moves both district visits to that community.
fn demo_upcoming_visits(store: &mut Store, director: &Actor, now: NaiveDateTime) -> Result<()> {
    let upcoming = store.visits_between(
        now.date() + Duration::days(1),
        now.date() + Duration::days(30),
    )?;
    // 市区联动: the first community with two district visits on one day, after the gap below.
    let community = |v: &&crate::records::visits::VisitRow| {
        v.kind == crate::domain::visits::VisitKind::Community
    };
    let first = upcoming.iter().find(community).map(|v| v.date);
    let pair = upcoming.iter().filter(community).find(|v| {
        Some(v.date) != first
            && upcoming
                .iter()
                .filter(community)
                .filter(|w| w.place_id == v.place_id && w.nominal == v.nominal)
                .count()
                >= 2
    });
    if let Some(v) = pair.cloned() {
        store.link_city_visit(
            director,
            v.place_id,
            v.date,
            chrono::NaiveTime::from_hms_opt(9, 30, 0).unwrap_or_default(),
            "王建国（市委副书记）",
            "区委组织部干部科 刘洋",
            now.date(),
            now,
        )?;
    }
    let upcoming = store.visits_between(
        now.date() + Duration::days(1),
        now.date() + Duration::days(30),
    )?;
    if let Some(v) = upcoming
        .iter()
        .find(|v| v.kind == crate::domain::visits::VisitKind::Community)
    {
        store.leader_cannot_attend(director, v.id, None, None, None, "赴省参加培训", now)?;
    }
    for v in upcoming.iter().skip(2).take(3) {
        store.post_notice(director, v.id, None, now)?;
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
    demo_member_roster(store, actor, &communities, &mut rng, now)?;
    demo_households(store, actor, &communities, &mut rng, now)?;
    let assigned = demo_assignments(store, actor, &mut rng, now)?;
    demo_wishes(store, actor, &assigned, now)?;
    let Ok(director) = store.session("1002").map(|s| s.actor) else {
        return Ok(());
    };
    demo_member_reports(store, &director, &mut rng, now)?;
    demo_escalation(store, &director, &assigned, now)?;
    demo_member_work(store, &director, now)
}

/// 到社区报到 by most members (every unit has a few still to register), one member's
/// key-selection recorded with how and when, one member retired, a unit's random inspection
/// with its findings, its quarterly meeting, and an entry of the 组织部's oversight log.
fn demo_member_work(store: &mut Store, director: &Actor, now: NaiveDateTime) -> Result<()> {
    use crate::domain::members::SelectedBy;
    use crate::domain::members::work::{OversightBy, OversightKind};
    use crate::store::member_work::MemberMove;
    let today = now.date();
    let (members, _) = store.members_page(None, 10_000)?;
    for (i, m) in members.iter().enumerate() {
        if i % 7 != 3 && m.place_id.is_some() {
            let on = today - Duration::days(30 + (i as i64 % 200));
            store.register_member(director, m.id, on, now)?;
        }
    }
    let Some(first) = members
        .iter()
        .find(|m| !m.key_selected && m.place_id.is_some())
    else {
        return Ok(());
    };
    store.change_member(
        director,
        first.id,
        &MemberMove::KeySelection {
            key: true,
            how: Some(SelectedBy::Branch),
        },
        today - Duration::days(20),
        now,
    )?;
    if let Some(leaving) = members.iter().rev().find(|m| !m.key_selected) {
        store.change_member(
            director,
            leaving.id,
            &MemberMove::Retire {
                reason: "工作调动，调离本区".into(),
            },
            today - Duration::days(10),
            now,
        )?;
    }
    let unit = first.unit_id;
    let (id, _, _) = store.draw_inspection(director, unit, 2, b"demo-inspection-nonce", now)?;
    store.record_inspection_findings(
        director,
        id,
        "民情日记记录完整，入户情况属实；一名党员本季度电话联系多、入户少，已提醒。",
        now,
    )?;
    // This quarter's meeting (on the 1st of a quarter, the last one's).
    let (y, q) = crate::domain::members::quarter(today);
    let (start, _) = crate::domain::members::quarter_bounds(y, q);
    let (my, mq, held) = if today > start {
        (y, q, (today - Duration::days(2)).max(start))
    } else {
        let (py, pq) = crate::domain::members::previous_quarter(y, q);
        (py, pq, today - Duration::days(5))
    };
    store.record_unit_meeting(
        director,
        unit,
        my,
        mq,
        held,
        "听取党员联户情况汇报，部署下季度走访和微心愿认领。",
        now,
    )?;
    store.log_oversight(
        director,
        OversightKind::Inspection,
        OversightBy::Organization,
        today - Duration::days(3),
        Some(unit),
        None,
        "随机走访三户服务对象，群众对联系党员评价较好；个别户反映联系不够经常。",
        now,
    )?;
    Ok(())
}

/// The employed Party members of ten district units, some of them key-selected (重点选派).
fn demo_member_roster(
    store: &mut Store,
    actor: &Actor,
    communities: &[String],
    rng: &mut ChaCha8Rng,
    now: NaiveDateTime,
) -> Result<()> {
    use crate::domain::members::{MemberForm, validate_member};
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
                let n = format!("{}{}", pick(rng, SURNAMES), pick(rng, GIVEN));
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
                place: pick(rng, communities).clone(),
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
    Ok(())
}

/// 150 households to serve, of the five kinds, across the communities.
fn demo_households(
    store: &mut Store,
    actor: &Actor,
    communities: &[String],
    rng: &mut ChaCha8Rng,
    now: NaiveDateTime,
) -> Result<()> {
    use crate::domain::members::{HouseholdForm, validate_household};
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
            head: format!("{}{}", pick(rng, SURNAMES), pick(rng, GIVEN)),
            kind: kind.into(),
            needs: need.into(),
            plan: "一户一卡，定期走访，按需服务。".into(),
        };
        if let Ok(h) = validate_household(&form) {
            hrows.push(h);
        }
    }
    store.import_households(actor, &hrows, now)?;
    Ok(())
}

/// Three households for each key-selected member where the community has them, and a year of
/// contacts: an in-person visit each quarter so far, with some gaps. Returns the assignments.
fn demo_assignments(
    store: &mut Store,
    actor: &Actor,
    rng: &mut ChaCha8Rng,
    now: NaiveDateTime,
) -> Result<Vec<(i64, i64)>> {
    use crate::domain::members::ContactMethod;
    use crate::store::members::NewContact;
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
    Ok(assigned)
}

/// Wishes (微心愿) in every state.
fn demo_wishes(
    store: &mut Store,
    actor: &Actor,
    assigned: &[(i64, i64)],
    now: NaiveDateTime,
) -> Result<()> {
    use crate::store::members::WishMove;
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
    Ok(())
}

/// At the held community visits of the last two months, members picked to report on their work.
fn demo_member_reports(
    store: &mut Store,
    director: &Actor,
    rng: &mut ChaCha8Rng,
    now: NaiveDateTime,
) -> Result<()> {
    let recent = store.visits_between(now.date() - Duration::days(60), now.date())?;
    for v in recent.iter().filter(|v| {
        v.status == crate::domain::visits::VisitStatus::Held
            && v.kind == crate::domain::visits::VisitKind::Community
    }) {
        let nonce: [u8; 8] = rng.random();
        if let Ok((picked, _)) = store.pick_members(director, v.id, 2, &nonce, "", now) {
            for m in picked {
                store.member_report(
                    director,
                    v.id,
                    m,
                    "汇报联系户走访情况，反映群众关心的物业和停车问题。",
                    now,
                )?;
            }
        }
    }
    Ok(())
}

/// A problem a member cannot solve goes to the desk as a ticket.
fn demo_escalation(
    store: &mut Store,
    director: &Actor,
    assigned: &[(i64, i64)],
    now: NaiveDateTime,
) -> Result<()> {
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
        store.escalate(director, *m, *h, &intake, true, &ctx, now)?;
    }
    Ok(())
}
