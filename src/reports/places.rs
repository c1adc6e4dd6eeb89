//! 考评 by place, by center and by leader, on paper and in spreadsheets.

use std::path::Path;

use chrono::NaiveDateTime;

use super::sections::{self, Cell, Section, tr};
use super::{ReportFormat, head_text};
use crate::domain::Lang;
use crate::domain::metrics::Figures;
use crate::paper::Format;
use crate::records::org::Refs;
use crate::store::StoreError;
use crate::store::places::{LeaderReport, PlaceLine, PlaceReport};

const FIGURE_HEADS: &[(&str, &str)] = &[
    ("受理", "Received"),
    ("派单", "Dispatches"),
    ("及时签收率", "Accepted in time"),
    ("按时办结率", "On time"),
    ("退单率", "Returned"),
    ("解决率", "Solved"),
    ("满意率", "Satisfied"),
    ("报结不实", "False closure"),
    ("平均办理工作日", "Avg working days"),
];

fn figure_cells(l: &PlaceLine) -> Vec<Cell> {
    let f: &Figures = &l.figures;
    let r = f.rates();
    vec![
        Cell::Count(l.received),
        Cell::Count(f.dispatches),
        Cell::Share(r.accepted_in_time.value()),
        Cell::Share(r.on_time.value()),
        Cell::Share(r.returned.value()),
        Cell::Share(r.solved.value()),
        Cell::Share(r.satisfied.value()),
        Cell::Count(f.false_closure),
        Cell::Number(r.handling_days),
    ]
}

fn heads(lang: Lang, first: &[(&str, &str)], rest: &[(&str, &str)]) -> Vec<String> {
    first
        .iter()
        .chain(rest)
        .map(|(zh, en)| tr(lang, zh, en))
        .collect()
}

/// The tables by place and by center.
pub fn place_sections(r: &PlaceReport, refs: &Refs, lang: Lang) -> Vec<Section> {
    let none = tr(lang, "（无）", "(none)");
    let mut places: Vec<Vec<Cell>> = r
        .places
        .iter()
        .map(|(p, l)| {
            let (name, kind) = match p.and_then(|id| refs.place(id)) {
                Some(place) => (place.name.clone(), place.kind.label(lang).to_string()),
                None => (tr(lang, "（未填地点）", "(no place)"), String::new()),
            };
            let mut row = vec![Cell::Text(name), Cell::Text(kind)];
            row.extend(figure_cells(l));
            row
        })
        .collect();
    places.sort_by(|a, b| match (&a[2], &b[2]) {
        (Cell::Count(x), Cell::Count(y)) => y.cmp(x),
        _ => std::cmp::Ordering::Equal,
    });
    let centers: Vec<Vec<Cell>> = r
        .centers
        .iter()
        .map(|(c, l)| {
            let center = refs.center(*c);
            let mut row = vec![
                Cell::Text(refs.center_name(*c).to_string()),
                Cell::Text(
                    center
                        .map(|c| c.level.label(lang).to_string())
                        .unwrap_or_default(),
                ),
            ];
            row.extend(figure_cells(l));
            row
        })
        .collect();
    vec![
        Section {
            title: tr(lang, "一、按社区、村", "1. By community and village"),
            sheet: tr(lang, "按社区村", "By place"),
            heads: heads(lang, &[("地点", "Place"), ("类型", "Kind")], FIGURE_HEADS),
            rows: places,
            empty: none.clone(),
            text_rows: None,
        },
        Section {
            title: tr(lang, "二、按诉求服务中心", "2. By center"),
            sheet: tr(lang, "按中心", "By center"),
            heads: heads(lang, &[("中心", "Center"), ("层级", "Level")], FIGURE_HEADS),
            rows: centers,
            empty: none,
            text_rows: None,
        },
    ]
}

/// The table by leader.
pub fn leader_sections(r: &LeaderReport, refs: &Refs, lang: Lang) -> Vec<Section> {
    let rows = r
        .leaders
        .iter()
        .map(|l| {
            let v = &l.visits;
            let o = &l.owned;
            let evaluated = o.satisfied + o.dissatisfied;
            vec![
                Cell::Text(refs.leader_name(Some(l.leader_id)).to_string()),
                Cell::Count(v.planned as usize),
                Cell::Count(v.held as usize),
                Cell::Count(v.substituted as usize),
                Cell::Count(v.not_held as usize),
                Cell::Count(v.unstaffed as usize),
                Cell::Count(o.total),
                Cell::Count(o.open),
                Cell::Count(o.overdue),
                Cell::Count(o.closed),
                Cell::Share((evaluated > 0).then(|| o.satisfied as f64 / evaluated as f64)),
            ]
        })
        .collect();
    vec![Section {
        title: match lang {
            Lang::Zh => format!("领导干部接访下访与首办负责诉求（超期截至 {}）", r.today),
            Lang::En => format!(
                "Leaders' visits and the petitions they own (overdue on {})",
                r.today
            ),
        },
        sheet: tr(lang, "按领导", "By leader"),
        heads: [
            ("领导", "Leader"),
            ("应走访", "Planned"),
            ("本人走访", "Held"),
            ("他人代替", "Substituted"),
            ("未举行", "Not held"),
            ("空岗", "Unstaffed"),
            ("首办诉求", "Owned"),
            ("在办", "Open"),
            ("超期", "Overdue"),
            ("办结", "Closed"),
            ("满意率", "Satisfied"),
        ]
        .iter()
        .map(|(zh, en)| tr(lang, zh, en))
        .collect(),
        rows,
        empty: tr(lang, "（无）", "(none)"),
        text_rows: None,
    }]
}

/// What a report by place or by leader states above its tables.
pub fn preface(
    title: (&str, &str),
    period: crate::domain::metrics::Period,
    head: &Option<crate::domain::audit::Anchor>,
    now: NaiveDateTime,
    lang: Lang,
) -> String {
    let (from, to) = period.bounds();
    match lang {
        Lang::Zh => format!(
            "{}  {}\n统计时段：{from} 至 {to}（受理按受理日期，派单按派单日期，满意率按评价日期）\n截止时间：{}；审计链头：{}\n",
            title.0,
            period.label(lang),
            now.format("%Y-%m-%d %H:%M"),
            head_text(head)
        ),
        Lang::En => format!(
            "{}  {}\nPeriod: {from} to {to} (received by date received, dispatches by dispatch date, satisfaction by evaluation date)\nCut-off: {}; audit head: {}\n",
            title.1,
            period.label(lang),
            now.format("%Y-%m-%d %H:%M"),
            head_text(head)
        ),
    }
}

/// The lines a file states at its end: the period with the cut-off, and the audit head.
pub fn stated(
    period_label: &str,
    head: &Option<crate::domain::audit::Anchor>,
    now: NaiveDateTime,
    lang: Lang,
) -> Vec<String> {
    vec![
        format!("# {period_label} {}", now.format("%Y-%m-%d %H:%M")),
        format!(
            "# {} {}",
            tr(lang, "审计链头", "audit head"),
            head_text(head)
        ),
    ]
}

/// Writes titled tables as text, CSV or XLSX, through a temporary file renamed into place.
pub fn emit(
    preface: &str,
    secs: &[Section],
    stated: &[String],
    format: ReportFormat,
    out: &Path,
    charts: &[(usize, u16)],
) -> Result<(), StoreError> {
    let tmp = out.with_extension(format!(
        "{}.part",
        out.extension().and_then(|e| e.to_str()).unwrap_or("tmp")
    ));
    match format {
        ReportFormat::Text => {
            std::fs::write(&tmp, sections::text(preface, secs, &|_| String::new()))?
        }
        ReportFormat::Pdf => std::fs::write(
            &tmp,
            crate::paper::pdf_bytes(&sections::text(preface, secs, &|_| String::new()), "报告")?,
        )?,
        ReportFormat::Table(Format::Csv) => sections::write_csv(&tmp, secs, stated)?,
        ReportFormat::Table(Format::Xlsx) => sections::write_xlsx(&tmp, secs, stated, charts)?,
    }
    std::fs::rename(&tmp, out)?;
    Ok(())
}

/// The table of the 区直单位.
pub fn unit_sections(r: &crate::store::places::UnitReport, lang: Lang) -> Vec<Section> {
    let share = |n: u32, d: u32| Cell::Share((d > 0).then(|| f64::from(n) / f64::from(d)));
    vec![Section {
        title: tr(
            lang,
            "区直单位在职党员进社区（骨干选派不少于40%；入户走访覆盖率为期内有入户记录的结对户占比）",
            "Units' Party members in the communities (at least 40 % key-selected; coverage: paired households visited in person in the period)",
        ),
        sheet: tr(lang, "按单位", "By unit"),
        heads: [
            ("单位", "Unit"),
            ("党员", "Members"),
            ("骨干选派", "Key-selected"),
            ("选派占比", "Share"),
            ("达标", "Meets 40 %"),
            ("结对户", "Households"),
            ("已入户", "Visited"),
            ("覆盖率", "Coverage"),
            ("联系次数", "Contacts"),
            ("微心愿办结", "Wishes fulfilled"),
            ("反映诉求", "Escalations"),
        ]
        .iter()
        .map(|(zh, en)| tr(lang, zh, en))
        .collect(),
        rows: r
            .units
            .iter()
            .map(|u| {
                vec![
                    Cell::Text(u.name.clone()),
                    Cell::Count(u.members as usize),
                    Cell::Count(u.key_selected as usize),
                    share(u.key_selected, u.members),
                    Cell::Text(if u.key_share_ok {
                        tr(lang, "是", "yes")
                    } else {
                        tr(lang, "否", "no")
                    }),
                    Cell::Count(u.households as usize),
                    Cell::Count(u.visited as usize),
                    share(u.visited, u.households),
                    Cell::Count(u.contacts as usize),
                    Cell::Count(u.wishes_fulfilled as usize),
                    Cell::Count(u.escalations as usize),
                ]
            })
            .collect(),
        empty: tr(lang, "（无）", "(none)"),
        text_rows: None,
    }]
}
