//! 三进 on paper and in files: the visit plan, notices, the leaders' ledgers and the half-year
//! compliance report, the member's activity card, and the member and household imports (all rows
//! or none, every bad row named). Columns are documented in docs/sanjin-files.md.

use crate::text::T;
use crate::words::{status_label, visit_remarks};
use std::collections::HashSet;
use std::path::Path;

use chrono::{NaiveDate, NaiveDateTime};

use crate::domain::calendar::zh_date;
use crate::domain::members::{
    HouseholdForm, HouseholdInput, MemberForm, MemberInput, validate_household, validate_member,
};
use crate::domain::visits::{Notice, Staffing, VisitKind, half_year, weekday_zh};
use crate::domain::vocab::{Lang, Satisfaction, State};
use crate::domain::{Arg, Problem};
use crate::paper::Format;
use crate::records::members::Member;
use crate::records::org::Refs;
use crate::records::visits::{Ledger, VisitRow};
use crate::roster_files::row_field_problem;
use crate::roster_files::write_table;
use crate::store::{Store, StoreError};

/// Member import columns, in order.
pub const MEMBER_COLUMNS: &[&str] = &[
    "姓名",
    "单位",
    "职务",
    "居住社区",
    "职业",
    "专长",
    "干部类别",
    "重点选派",
    "选派方式",
    "手机号",
];

/// Household import columns, in order.
pub const HOUSEHOLD_COLUMNS: &[&str] = &["社区/村", "住址", "户主", "户别", "需求", "一家一策"];

fn member_field(f: &str) -> &'static str {
    match f {
        "name" => "姓名",
        "unit" => "单位",
        "position" => "职务",
        "place" => "居住社区",
        "profession" => "职业",
        "skills" => "专长",
        "pool" => "干部类别",
        "key_selected" => "重点选派",
        "selected_by" => "选派方式",
        "mobile" => "手机号",
        _ => "?",
    }
}

fn household_field(f: &str) -> &'static str {
    match f {
        "place" => "社区/村",
        "address" => "住址",
        "head" => "户主",
        "kind" => "户别",
        "needs" => "需求",
        "plan" => "一家一策",
        _ => "?",
    }
}

/// Finds each named column in the header row; names the missing ones.
/// Returns the header's row (a title row above it is skipped) and each column's place.
fn column_index(
    rows: &[Vec<String>],
    cols: &[&str],
    what: T,
) -> Result<(usize, Vec<usize>), Vec<Problem>> {
    let at = crate::roster_files::header_row(rows, cols).unwrap_or(0);
    let Some(header) = rows.get(at) else {
        return Err(vec![Problem::of(T::FileIsEmpty)]);
    };
    let idx: Vec<Option<usize>> = cols
        .iter()
        .map(|c| {
            header
                .iter()
                .position(|h| h.trim().trim_start_matches('\u{feff}') == *c)
        })
        .collect();
    let missing: Vec<&str> = cols
        .iter()
        .zip(&idx)
        .filter(|(_, i)| i.is_none())
        .map(|(c, _)| *c)
        .collect();
    if !missing.is_empty() {
        return Err(vec![Problem::with(
            T::HeaderLacksSeeDocs,
            vec![Arg::Plain(missing.join("、")), Arg::Text(what)],
        )]);
    }
    Ok((at, idx.into_iter().flatten().collect()))
}

fn community_names(refs: &Refs) -> HashSet<&str> {
    refs.places
        .iter()
        .filter(|p| p.active)
        .map(|p| p.name.as_str())
        .collect()
}

/// Validates every member row against the communities and the members already on file.
/// `existing` holds (name, unit) of the members on file.
pub fn parse_members(
    rows: &[Vec<String>],
    refs: &Refs,
    existing: &HashSet<(String, String)>,
) -> Result<Vec<MemberInput>, Vec<Problem>> {
    let (at, idx) = column_index(rows, MEMBER_COLUMNS, T::MemberListFile)?;
    let places = community_names(refs);
    let mut seen: HashSet<(String, String)> = HashSet::new();
    let mut errors = vec![];
    let mut out = vec![];
    for (n, row) in rows.iter().enumerate().skip(at + 1) {
        if row.iter().all(|c| c.trim().is_empty()) || crate::roster_files::is_example(row) {
            continue;
        }
        let get = |k: usize| row.get(idx[k]).cloned().unwrap_or_default();
        let form = MemberForm {
            name: get(0),
            unit: get(1),
            position: get(2),
            place: get(3),
            profession: get(4),
            skills: get(5),
            pool: get(6),
            key_selected: get(7),
            selected_by: get(8),
            mobile: get(9),
        };
        match validate_member(&form) {
            Ok(m) => {
                if !places.contains(m.place.as_str()) {
                    errors.push(row_field_problem(
                        n + 1,
                        "居住社区",
                        Problem::fill(T::NoSuchCommunityAdmin, &[&m.place]),
                    ));
                }
                let key = (m.name.clone(), m.unit.clone());
                if existing.contains(&key) {
                    errors.push(Problem::fill(
                        T::RowMemberOnFile,
                        &[&(n + 1), &m.name, &m.unit],
                    ));
                } else if !seen.insert(key) {
                    errors.push(Problem::fill(
                        T::RowMemberTwice,
                        &[&(n + 1), &m.name, &m.unit],
                    ));
                }
                out.push(m);
            }
            Err(es) => {
                for (field, p) in es {
                    errors.push(row_field_problem(n + 1, member_field(field), p));
                }
            }
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    if out.is_empty() {
        return Err(vec![Problem::of(T::NoMembersInFile)]);
    }
    Ok(out)
}

/// Validates every household row. `existing` holds the addresses on file.
pub fn parse_households(
    rows: &[Vec<String>],
    refs: &Refs,
    existing: &HashSet<String>,
) -> Result<Vec<HouseholdInput>, Vec<Problem>> {
    let (at, idx) = column_index(rows, HOUSEHOLD_COLUMNS, T::HouseholdListFile)?;
    let places = community_names(refs);
    let mut seen: HashSet<String> = HashSet::new();
    let mut errors = vec![];
    let mut out = vec![];
    for (n, row) in rows.iter().enumerate().skip(at + 1) {
        if row.iter().all(|c| c.trim().is_empty()) || crate::roster_files::is_example(row) {
            continue;
        }
        let get = |k: usize| row.get(idx[k]).cloned().unwrap_or_default();
        let form = HouseholdForm {
            place: get(0),
            address: get(1),
            head: get(2),
            kind: get(3),
            needs: get(4),
            plan: get(5),
        };
        match validate_household(&form) {
            Ok(h) => {
                if !places.contains(h.place.as_str()) {
                    errors.push(row_field_problem(
                        n + 1,
                        "社区/村",
                        Problem::fill(T::NoSuchCommunityAdmin, &[&h.place]),
                    ));
                }
                if existing.contains(&h.address) {
                    errors.push(row_field_problem(
                        n + 1,
                        "住址",
                        Problem::fill(T::AlreadyOnFile, &[&h.address]),
                    ));
                } else if !seen.insert(h.address.clone()) {
                    errors.push(row_field_problem(
                        n + 1,
                        "住址",
                        Problem::fill(T::TwiceInFile, &[&h.address]),
                    ));
                }
                out.push(h);
            }
            Err(es) => {
                for (field, p) in es {
                    errors.push(row_field_problem(n + 1, household_field(field), p));
                }
            }
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    if out.is_empty() {
        return Err(vec![Problem::of(T::NoHouseholdsInFile)]);
    }
    Ok(out)
}

/// The plan's columns.
pub const PLAN_COLUMNS: &[&str] = &[
    "日期", "星期", "时间", "类型", "地点", "领导", "状态", "备注",
];

/// One row of the plan table. With `now`, a past visit still without its outcome says so.
pub fn plan_row(v: &VisitRow, refs: &Refs, lang: Lang, now: Option<NaiveDateTime>) -> Vec<String> {
    let status = status_label(v, refs, lang, now);
    vec![
        v.date.format("%Y-%m-%d").to_string(),
        weekday_zh(v.date).into(),
        v.time.format("%H:%M").to_string(),
        v.kind.label(lang).into(),
        refs.place_name(Some(v.place_id)).into(),
        refs.leader_name(Some(v.leader_id)).into(),
        status,
        visit_remarks(v, lang),
    ]
}

/// The plan of a year or month: the stored visits if the period is planned, else the plan as
/// it would be written (`false` in the second value).
pub fn plan_rows(
    store: &Store,
    year: i32,
    month: Option<u32>,
    now: NaiveDateTime,
    lang: Lang,
) -> Result<(Vec<Vec<String>>, bool), StoreError> {
    let refs = store.refs()?;
    let (from, to) = crate::domain::visits::period(year, month);
    let stored = store.visits_between(from, to)?;
    if !stored.is_empty() {
        // A leader booked at two places at once is flagged (the desk's ⚠撞期).
        let clashes = crate::domain::visits::clashes(
            &stored
                .iter()
                .filter_map(VisitRow::booking)
                .collect::<Vec<_>>(),
        );
        return Ok((
            stored
                .iter()
                .map(|v| {
                    let mut row = plan_row(v, &refs, lang, Some(now));
                    if clashes.contains_key(&v.id) {
                        row[6] = format!("{}·{}", T::Clash.get(lang), row[6]);
                    }
                    row
                })
                .collect(),
            true,
        ));
    }
    let rows = store
        .compute_plan(year, month)?
        .iter()
        .map(|p| {
            vec![
                p.date.format("%Y-%m-%d").to_string(),
                weekday_zh(p.date).into(),
                p.time.format("%H:%M").to_string(),
                p.kind.label(lang).into(),
                refs.place_name(Some(p.place_id)).into(),
                refs.leader_name(Some(p.leader_id)).into(),
                T::NotSaved.get(lang).into(),
                if p.provisional {
                    T::ProvisionalDateNoHolidayData.get(lang).into()
                } else if p.date != p.nominal {
                    format!("{}{}", T::MovedFrom.get(lang), p.nominal.format("%m-%d"))
                } else {
                    String::new()
                },
            ]
        })
        .collect();
    Ok((rows, false))
}

/// Pads columns to their display width (CJK characters are two columns wide).
pub fn aligned(header: &[&str], rows: &[Vec<String>]) -> String {
    use unicode_width::UnicodeWidthStr;
    let n = header.len();
    let mut w: Vec<usize> = header.iter().map(|h| h.width()).collect();
    for r in rows {
        for (i, c) in r.iter().enumerate().take(n) {
            w[i] = w[i].max(c.width());
        }
    }
    let line = |cells: Vec<&str>| {
        let mut s = String::new();
        for (i, c) in cells.iter().enumerate() {
            s.push_str(c);
            if i + 1 < cells.len() {
                s.push_str(&" ".repeat(w[i] - c.width() + 2));
            }
        }
        s.trim_end().to_string() + "\n"
    };
    let mut out = line(header.to_vec());
    for r in rows {
        out.push_str(&line(r.iter().map(String::as_str).collect()));
    }
    out
}

/// Writes the plan as CSV (UTF-8 with BOM) to a file, or as text.
pub fn plan_csv(
    store: &Store,
    out: &Path,
    rows: Vec<Vec<String>>,
    lang: Lang,
) -> Result<(), StoreError> {
    let footer = crate::paper::head_line(store, lang)?;
    write_table(
        out,
        "走访日程",
        PLAN_COLUMNS,
        rows.into_iter(),
        footer.as_deref(),
    )
}

/// The file a visit's notice is printed to: the first notice `走访预告-20261210-42.txt`, and a
/// corrected one (after a posted notice, a change of leader or date) a new file beside it,
/// `走访预告-20261210-42-更正2.txt` for the notice's version 2, so that the notice that was
/// posted is never written over.
pub fn notice_file_name(v: &crate::records::visits::VisitRow) -> String {
    let base = format!("走访预告-{}-{}", v.date.format("%Y%m%d"), v.id);
    if v.posted_version.is_some_and(|p| p < v.notice_version) {
        format!("{base}-更正{}.txt", v.notice_version)
    } else {
        format!("{base}.txt")
    }
}

/// The notice (事前预告) of a visit as it stands: corrected if a version was posted before.
pub fn notice_for(store: &Store, id: i64) -> Result<String, StoreError> {
    let refs = store.refs()?;
    let d = store.visit_detail(id)?;
    let v = &d.visit;
    if v.staffing() == Staffing::Unstaffed {
        return Err(StoreError::Refused(Problem::of(
            T::ThisVisitHasNoLeaderStaff,
        )));
    }
    let leader = refs.leader(v.acting_leader());
    Ok(Notice {
        kind: v.kind,
        leader: leader.map(|l| l.name.as_str()).unwrap_or(""),
        position: leader.map(|l| l.position.as_str()).unwrap_or(""),
        portfolio: leader.map(|l| l.portfolio.as_str()).unwrap_or(""),
        liaison: leader.map(|l| l.liaison.as_str()).unwrap_or(""),
        date: v.date,
        time: v.time,
        place: refs.place_name(Some(v.place_id)),
        corrected: v.posted_version.is_some_and(|p| p < v.notice_version),
    }
    .text())
}

/// A leader's ledger columns (one table, the kind of record in the first column).
pub const LEDGER_COLUMNS: &[&str] = &[
    "领导",
    "记录",
    "日期",
    "时间",
    "类型",
    "地点",
    "状态",
    "备注",
    "诉求编号",
    "诉求摘要",
    "当前阶段",
    "办理期限",
    "评价",
];

fn stage_of(state: &str, lang: Lang) -> String {
    State::from_code(state)
        .map(|s| format!("{}·{}", s.stage().label(lang), s.label(lang)))
        .unwrap_or_else(|| state.to_string())
}

/// The rows of one leader's ledger.
pub fn ledger_rows(leader: &str, l: &Ledger, refs: &Refs, lang: Lang) -> Vec<Vec<String>> {
    let mut rows = vec![];
    for (kind, c) in &l.compliance {
        let label = VisitKind::from_code(kind)
            .map(|k| k.label(lang))
            .unwrap_or("");
        rows.push(vec![
            leader.into(),
            T::SummaryLower.get(lang).into(),
            String::new(),
            String::new(),
            label.into(),
            String::new(),
            String::new(),
            format!(
                "{} {} · {} {} · {} {} · {} {} · {} {}",
                T::Planned.get(lang),
                c.planned,
                T::Held.get(lang),
                c.held,
                T::Substituted.get(lang),
                c.substituted,
                T::NotHeldLower.get(lang),
                c.not_held,
                T::Unstaffed.get(lang),
                c.unstaffed
            ),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
        ]);
    }
    rows.push(vec![
        leader.into(),
        T::SummaryLower.get(lang).into(),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        format!("{}{}", T::ResidentsReceived.get(lang), l.received),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
    ]);
    for v in &l.visits {
        let mut r = plan_row(v, refs, lang, None);
        let remarks = r.pop().unwrap_or_default();
        let status = r.pop().unwrap_or_default();
        rows.push(vec![
            leader.into(),
            T::VisitLower.get(lang).into(),
            r[0].clone(),
            r[2].clone(),
            r[3].clone(),
            r[4].clone(),
            status,
            if r[5] != leader {
                format!("{}{}；{remarks}", T::StandingInFor.get(lang), r[5])
            } else {
                remarks
            },
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
        ]);
    }
    for p in &l.petitions {
        rows.push(vec![
            leader.into(),
            T::Petition.get(lang).into(),
            p.received_at.chars().take(10).collect(),
            p.received_at.chars().skip(11).take(5).collect(),
            String::new(),
            String::new(),
            stage_of(&p.state, lang),
            String::new(),
            p.number.clone(),
            p.summary.clone(),
            State::from_code(&p.state)
                .map(|s| s.stage().label(lang))
                .unwrap_or("")
                .into(),
            p.due.clone().unwrap_or_default(),
            p.satisfaction
                .as_deref()
                .and_then(Satisfaction::from_code)
                .map(|s| s.label(lang).to_string())
                .unwrap_or_default(),
        ]);
    }
    rows
}

/// Exports the ledgers of one leader (by name) or of all leaders between two dates.
pub fn export_ledger(
    store: &Store,
    leader: Option<&str>,
    from: NaiveDate,
    to: NaiveDate,
    format: Format,
    out: &Path,
    lang: Lang,
) -> Result<usize, StoreError> {
    let refs = store.refs()?;
    let leaders: Vec<(i64, String)> = match leader {
        Some(name) => {
            let l = refs
                .leaders
                .iter()
                .find(|l| l.name == name.trim())
                .ok_or_else(|| {
                    let names: Vec<&str> = refs.leaders.iter().map(|l| l.name.as_str()).collect();
                    StoreError::Refused(Problem::fill(
                        T::NoLeaderOneOf,
                        &[&name.trim(), &names.join("、")],
                    ))
                })?;
            vec![(l.id, l.name.clone())]
        }
        None => refs
            .leaders
            .iter()
            .map(|l| (l.id, l.name.clone()))
            .collect(),
    };
    let mut rows = vec![];
    for (id, name) in &leaders {
        let l = store.leader_ledger(*id, from, to, None)?;
        // The leader's portfolio and 联络员 head their rows.
        if let Some(x) = refs.leader(*id) {
            let cats: Vec<&str> = x
                .categories
                .iter()
                .map(|c| refs.category_name(*c))
                .collect();
            let mut row = vec![String::new(); LEDGER_COLUMNS.len()];
            row[0] = name.clone();
            row[1] = T::Liaison.get(lang).into();
            row[LEDGER_COLUMNS.len() - 1] = format!(
                "{}；{}{}{}",
                if x.liaison.is_empty() {
                    "—"
                } else {
                    &x.liaison
                },
                T::PortfolioShort.get(lang),
                lang.colon(),
                if cats.is_empty() {
                    x.portfolio.clone()
                } else {
                    format!("{}（{}）", x.portfolio, cats.join("、"))
                }
            );
            rows.push(row);
        }
        rows.extend(ledger_rows(name, &l, &refs, lang));
    }
    let out = match format {
        Format::Csv => out.with_extension("csv"),
        Format::Xlsx => out.with_extension("xlsx"),
    };
    let n = rows.len();
    let footer = crate::paper::head_line(store, lang)?;
    write_table(
        &out,
        "一人一档",
        LEDGER_COLUMNS,
        rows.into_iter(),
        footer.as_deref(),
    )?;
    Ok(n)
}

/// The half-year compliance report the district committee hears, as text.
pub fn compliance_report(
    store: &Store,
    year: i32,
    half: u32,
    lang: Lang,
) -> Result<String, StoreError> {
    let (from, to) = half_year(year, half)?;
    let refs = store.refs()?;
    let report = store.compliance(from, to)?;
    let mut out = format!(
        "{}\n{} {} — {}\n\n",
        T::DistrictLeadersVisitsH.fill(
            lang,
            &[
                &year,
                &if half == 1 {
                    T::FirstHalf
                } else {
                    T::SecondHalf
                }
                .get(lang)
            ]
        ),
        T::Period.get(lang),
        zh_date(from),
        zh_date(to)
    );
    let header = [
        T::LeaderLower.get(lang),
        T::KindLower.get(lang),
        T::Planned.get(lang),
        T::Held.get(lang),
        T::Substituted.get(lang),
        T::NotHeldLower.get(lang),
        T::Unstaffed.get(lang),
        T::ToCome.get(lang),
    ];
    let rows: Vec<Vec<String>> = report
        .rows
        .iter()
        .map(|((leader, kind), c)| {
            vec![
                refs.leader_name(Some(*leader)).to_string(),
                kind.label(lang).to_string(),
                c.planned.to_string(),
                c.held.to_string(),
                c.substituted.to_string(),
                c.not_held.to_string(),
                c.unstaffed.to_string(),
                (c.planned - c.held - c.substituted - c.not_held - c.unstaffed).to_string(),
            ]
        })
        .collect();
    out.push_str(&aligned(&header, &rows));
    out.push('\n');
    // 每半年听取汇报.
    out.push_str(&match store.half_year_heard(year, half)? {
        Some(h) => {
            let mut s = T::HalfHeard
                .fill(lang, &[&zh_date(h.heard_on), &h.meeting, &h.recorded_by])
                .to_string();
            if !h.remarks.is_empty() {
                s.push_str(&format!("{}{}", lang.colon(), h.remarks.replace('\n', " ")));
            }
            s + "\n\n"
        }
        None => T::HalfNotHeard.get(lang).to_string() + "\n\n",
    });
    out.push_str(T::ExceptionsN.get(lang));
    if report.exceptions.is_empty() {
        out.push_str(T::NoneN.get(lang));
    }
    for v in &report.exceptions {
        out.push_str(&format!(
            "  {} {} {} {} {}：{}\n",
            v.date.format("%Y-%m-%d"),
            v.kind.label(lang),
            refs.place_name(Some(v.place_id)),
            refs.leader_name(Some(v.leader_id)),
            status_label(v, &refs, lang, None),
            v.not_held_reason
                .as_deref()
                .unwrap_or(T::NoSubstitute.get(lang))
        ));
        // 说明或检讨: the leader's explanation, recorded later (E on the visit at the desk).
        out.push_str(&match report.explanations.get(&v.id) {
            Some((text, by, at)) => format!(
                "    {}{}{}（{} {}）\n",
                T::ExplanationOrSelfCriticism.get(lang),
                lang.colon(),
                text.replace('\n', " "),
                by,
                at.get(..10).unwrap_or(at)
            ),
            None => format!(
                "    {}{}{}\n",
                T::ExplanationOrSelfCriticism.get(lang),
                lang.colon(),
                T::NotYetExplained.get(lang)
            ),
        });
    }
    Ok(out)
}

/// 一户一卡: a household's card, printable: the household, its kind and needs, the plan
/// (一家一策), the member who serves it and how to reach them, the contacts and the wishes.
pub fn household_card(store: &Store, household_id: i64) -> Result<String, StoreError> {
    use std::fmt::Write as _;
    let refs = store.refs()?;
    let h = store.household(household_id)?;
    let (contacts, wishes) = store.household_file(household_id)?;
    let rule = "━".repeat(40);
    let mut s = String::new();
    let _ = writeln!(s, "在职党员联系服务对象户 一户一卡");
    let _ = writeln!(s, "{rule}");
    let _ = writeln!(s, "户主：{}　　住址：{}", h.head, h.address);
    let _ = writeln!(
        s,
        "所在社区：{}　　类别：{}",
        refs.place_name(Some(h.place_id)),
        h.kind.zh()
    );
    let _ = writeln!(s, "需求：{}", h.needs);
    let _ = writeln!(s, "一家一策：{}", h.plan);
    let _ = writeln!(s, "{rule}");
    match h.member_id.map(|m| store.member(m)).transpose()? {
        Some(m) => {
            let _ = writeln!(s, "联系党员：{}（{} {}）", m.name, m.unit, m.position);
            let _ = writeln!(s, "联系电话：{}", m.mobile.as_deref().unwrap_or(""));
        }
        None => {
            let _ = writeln!(s, "联系党员：（尚未分配）");
        }
    }
    let _ = writeln!(s, "{rule}");
    let _ = writeln!(s, "联系记录（{} 次）", contacts.len());
    for (date, member, method, notes) in &contacts {
        let _ = writeln!(s, "{date} {member} {}：{notes}", method.zh());
    }
    let _ = writeln!(s, "{rule}");
    let _ = writeln!(s, "微心愿（{} 个）", wishes.len());
    for w in &wishes {
        let _ = writeln!(
            s,
            "{} {}{}",
            w.state.zh(),
            w.wish,
            w.member
                .as_deref()
                .map(|m| format!("（{m}）"))
                .unwrap_or_default()
        );
    }
    let _ = writeln!(s, "{rule}");
    let _ = writeln!(
        s,
        "社区党组织意见：\n\n\n签字（盖章）：　　　　　　　　年　　月　　日"
    );
    Ok(s)
}

/// Finds a member by id or by name (a name shared by several members must be told apart).
pub fn find_member(store: &Store, key: &str) -> Result<Member, StoreError> {
    if let Ok(id) = key.trim().parse::<i64>() {
        return store.member(id);
    }
    let mut found = store.member_by_name(key.trim())?;
    match found.len() {
        1 => Ok(found.remove(0)),
        0 => Err(StoreError::NotFound(Problem::fill(
            T::NoMember,
            &[&key.trim()],
        ))),
        _ => {
            let which: Vec<String> = found
                .iter()
                .map(|m| format!("{}（{}）", m.id, m.unit))
                .collect();
            Err(StoreError::Refused(Problem::fill(
                T::MembersAreCalledUseId,
                &[&found.len(), &key.trim(), &which.join("、")],
            )))
        }
    }
}

/// The member's activity card (在职党员进社区活动卡): who they are, their households, this year's
/// contacts, wishes and escalations.
pub fn member_card(store: &Store, m: &Member, year: i32) -> Result<String, StoreError> {
    use std::fmt::Write as _;
    let refs = store.refs()?;
    let mut s = String::new();
    let rule = "━".repeat(40);
    let _ = writeln!(s, "在职党员进社区活动卡");
    let _ = writeln!(s, "{rule}");
    let _ = writeln!(
        s,
        "姓名：{}　　单位：{}　　职务：{}",
        m.name, m.unit, m.position
    );
    let _ = writeln!(
        s,
        "居住社区：{}　　干部类别：{}",
        refs.place_name(m.place_id),
        m.pool.zh()
    );
    let _ = writeln!(
        s,
        "重点选派：{}{}",
        if m.key_selected { "是" } else { "否" },
        m.selected_by
            .map(|b| format!("（{}）", b.zh()))
            .unwrap_or_default()
    );
    let _ = writeln!(s, "职业：{}　　专长：{}", m.profession, m.skills);
    let _ = writeln!(s, "联系电话：{}", m.mobile.as_deref().unwrap_or(""));
    let _ = writeln!(s, "{rule}");
    let households = store.member_households(m.id)?;
    let _ = writeln!(s, "联系服务对象户（{} 户）", households.len());
    for (i, h) in households.iter().enumerate() {
        let _ = writeln!(s, "{}. {} {}（{}）", i + 1, h.head, h.address, h.kind.zh());
        let _ = writeln!(s, "   需求：{}", h.needs);
        let _ = writeln!(s, "   一家一策：{}", h.plan);
    }
    let _ = writeln!(s, "{rule}");
    let contacts = store.member_contacts(m.id, year)?;
    let _ = writeln!(s, "{year}年民情日记（{} 次）", contacts.len());
    for c in contacts.iter().rev() {
        let _ = writeln!(s, "{} {} {}：{}", c.date, c.method.zh(), c.head, c.notes);
    }
    let wishes = store.member_wishes(m.id)?;
    if !wishes.is_empty() {
        let _ = writeln!(s, "{rule}");
        let _ = writeln!(s, "认领的微心愿（{} 个）", wishes.len());
        for w in &wishes {
            let _ = writeln!(
                s,
                "{} {}：{}{}",
                w.state.zh(),
                w.head,
                w.wish,
                w.fulfilled_on
                    .as_deref()
                    .map(|d| format!("（{d} 实现）"))
                    .unwrap_or_default()
            );
        }
    }
    let reports = store.member_visit_reports(m.id)?;
    if !reports.is_empty() {
        let _ = writeln!(s, "{rule}");
        let _ = writeln!(s, "领导走访时的汇报（{} 次）", reports.len());
        for (date, place, report) in &reports {
            let _ = writeln!(s, "{date} {}：{report}", refs.place_name(Some(*place)));
        }
    }
    let tickets = store.member_tickets(m.id)?;
    if !tickets.is_empty() {
        let _ = writeln!(s, "{rule}");
        let _ = writeln!(s, "反映到中心的诉求");
        for (number, state) in tickets {
            let st = State::from_code(&state).map(|s| s.zh()).unwrap_or("");
            let _ = writeln!(s, "{number} {st}");
        }
    }
    let _ = writeln!(s, "{rule}");
    let _ = writeln!(
        s,
        "社区党组织意见：\n\n\n签字（盖章）：　　　　　　　　年　　月　　日"
    );
    Ok(s)
}
