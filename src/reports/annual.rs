//! 年度述职评议 on paper: one document per leader or department, its year in figures, the
//! exceptions that need an explanation, each with the explanation recorded or room for it.

use std::path::Path;

use chrono::NaiveDateTime;

use super::sections::{self, Cell, Section, tr};
use super::{ReportFormat, head_text};
use crate::domain::Lang;
use crate::paper::Format;
use crate::records::org::Refs;
use crate::store::StoreError;
use crate::store::annual::{AnnualReview, ExceptionKind, Subject};

fn subject_name(r: &AnnualReview, refs: &Refs) -> String {
    match r.subject {
        Subject::Leader(id) => refs.leader_name(Some(id)).to_string(),
        Subject::Department(id) => refs.department_name(Some(id)).to_string(),
    }
}

/// What an exception is, in words.
pub fn exception_text(k: &ExceptionKind, refs: &Refs, lang: Lang) -> String {
    match (k, lang) {
        (
            ExceptionKind::VisitMissed {
                date,
                place_id,
                unstaffed,
            },
            Lang::Zh,
        ) => format!(
            "{date} {} 接访{}",
            refs.place_name(Some(*place_id)),
            if *unstaffed {
                "空岗（无人接访）"
            } else {
                "未举行"
            }
        ),
        (
            ExceptionKind::VisitMissed {
                date,
                place_id,
                unstaffed,
            },
            Lang::En,
        ) => format!(
            "{date} {}: visit {}",
            refs.place_name(Some(*place_id)),
            if *unstaffed {
                "left without a leader"
            } else {
                "not held"
            }
        ),
        (ExceptionKind::Overdue { number, due }, Lang::Zh) => {
            format!("诉求件 {number} 超期未办结（期限 {due}）")
        }
        (ExceptionKind::Overdue { number, due }, Lang::En) => {
            format!("Petition {number} open past its deadline ({due})")
        }
        (
            ExceptionKind::SevereLate {
                number,
                round,
                due,
                ended,
            },
            Lang::Zh,
        ) => {
            format!("诉求件 {number} 第{round}轮 严重超期报结（期限 {due}，{ended} 报结，已通报）")
        }
        (
            ExceptionKind::SevereLate {
                number,
                round,
                due,
                ended,
            },
            Lang::En,
        ) => format!(
            "Petition {number} round {round}: result 5+ working days late (deadline {due}, reported {ended})"
        ),
        (ExceptionKind::FalseClosure { number, round }, Lang::Zh) => {
            format!("诉求件 {number} 第{round}轮 报结不实（报已解决，诉求人称未解决）")
        }
        (ExceptionKind::FalseClosure { number, round }, Lang::En) => format!(
            "Petition {number} round {round}: reported solved, unsolved in the petitioner's view"
        ),
    }
}

/// The document's tables: the year in figures, then the exceptions.
pub fn sections_of(r: &AnnualReview, refs: &Refs, lang: Lang) -> Vec<Section> {
    let mut figures: Vec<Vec<Cell>> = vec![];
    let mut row = |zh: &str, en: &str, c: Cell| figures.push(vec![Cell::Text(tr(lang, zh, en)), c]);
    match r.subject {
        Subject::Leader(_) => {
            let v = &r.visits;
            row(
                "应接访下访",
                "Visits planned",
                Cell::Count(v.planned as usize),
            );
            row(
                "本人接访",
                "Held by the leader",
                Cell::Count(v.held as usize),
            );
            row(
                "他人代替",
                "By a substitute",
                Cell::Count(v.substituted as usize),
            );
            row("未举行", "Not held", Cell::Count(v.not_held as usize));
            row(
                "空岗",
                "Without a leader",
                Cell::Count(v.unstaffed as usize),
            );
            let o = &r.owned;
            row("首办负责诉求", "Petitions owned", Cell::Count(o.total));
            row("已办结", "Closed", Cell::Count(o.closed));
            row("在办", "Open", Cell::Count(o.open));
            row("超期", "Overdue", Cell::Count(o.overdue));
            let ev = o.satisfied + o.dissatisfied;
            row(
                "满意率",
                "Satisfaction",
                Cell::Share((ev > 0).then(|| o.satisfied as f64 / ev as f64)),
            );
        }
        Subject::Department(_) => {
            let f = &r.figures;
            let rt = f.rates();
            row("派单数", "Dispatches", Cell::Count(f.dispatches));
            row("二次办理", "Second rounds", Cell::Count(f.second_round));
            row(
                "及时签收率",
                "Accepted in time",
                Cell::Share(rt.accepted_in_time.value()),
            );
            row("按时办结率", "On time", Cell::Share(rt.on_time.value()));
            row("严重超期（通报）", "Severely late", Cell::Count(f.severe));
            row("退单率", "Returned", Cell::Share(rt.returned.value()));
            row("解决率", "Solved", Cell::Share(rt.solved.value()));
            row("满意率", "Satisfied", Cell::Share(rt.satisfied.value()));
            row("报结不实", "False closures", Cell::Count(f.false_closure));
            row(
                "综合得分",
                "Score",
                Cell::Number(r.score.map(|s| s as f64 / 100.0)),
            );
            row(
                "名次",
                "Rank",
                Cell::Text(match r.rank {
                    Some(k) => format!("{k} / {}", r.ranked),
                    None => tr(lang, "未排名", "not ranked"),
                }),
            );
        }
    }
    let blank = tr(
        lang,
        "（待说明）＿＿＿＿＿＿＿＿＿＿",
        "(to explain) ______________",
    );
    let exceptions = r
        .exceptions
        .iter()
        .map(|e| {
            vec![
                Cell::Text(e.key.clone()),
                Cell::Text(exception_text(&e.kind, refs, lang)),
                Cell::Text(match &e.explanation {
                    Some((text, by, at)) => format!("{text}（{by} {}）", &at[..at.len().min(16)]),
                    None => blank.clone(),
                }),
            ]
        })
        .collect();
    vec![
        Section {
            title: tr(lang, "一、全年情况", "1. The year in figures"),
            sheet: tr(lang, "全年情况", "The year"),
            heads: vec![tr(lang, "项目", "Item"), tr(lang, "数值", "Value")],
            rows: figures,
            empty: String::new(),
            text_rows: None,
        },
        Section {
            title: tr(
                lang,
                "二、需要说明的事项（说明用 suqiu report explain 记录，审计留痕）",
                "2. Exceptions to explain (recorded with suqiu report explain, audited)",
            ),
            sheet: tr(lang, "需说明事项", "Exceptions"),
            heads: vec![
                tr(lang, "事项编号", "Key"),
                tr(lang, "事项", "Exception"),
                tr(lang, "说明", "Explanation"),
            ],
            rows: exceptions,
            empty: tr(lang, "（无）", "(none)"),
            text_rows: None,
        },
    ]
}

pub fn preface(r: &AnnualReview, refs: &Refs, now: NaiveDateTime, lang: Lang) -> String {
    let who = subject_name(r, refs);
    match lang {
        Lang::Zh => format!(
            "{}年度述职评议  {who}\n统计时段：{}-01-01 至 {}-12-31；超期截至 {}\n截止时间：{}；审计链头：{}\n",
            r.year,
            r.year,
            r.year,
            r.today,
            now.format("%Y-%m-%d %H:%M"),
            head_text(&r.head)
        ),
        Lang::En => format!(
            "Year-end review {}  {who}\nPeriod: {}-01-01 to {}-12-31; overdue on {}\nCut-off: {}; audit head: {}\n",
            r.year,
            r.year,
            r.year,
            r.today,
            now.format("%Y-%m-%d %H:%M"),
            head_text(&r.head)
        ),
    }
}

/// The printable document.
pub fn text(r: &AnnualReview, refs: &Refs, now: NaiveDateTime, lang: Lang) -> String {
    sections::text(
        &preface(r, refs, now, lang),
        &sections_of(r, refs, lang),
        &|_| String::new(),
    ) + &tr(
        lang,
        "\n述职人（签字）：＿＿＿＿＿＿    评议人（签字）：＿＿＿＿＿＿    日期：＿＿＿＿＿＿\n",
        "\nReviewed (signature): ________    Reviewer (signature): ________    Date: ________\n",
    )
}

/// Writes the document as text, CSV or XLSX.
pub fn write(
    r: &AnnualReview,
    refs: &Refs,
    format: ReportFormat,
    out: &Path,
    now: NaiveDateTime,
    lang: Lang,
) -> Result<(), StoreError> {
    let stated = super::places::stated(&format!("{}", r.year), &r.head, now, lang);
    match format {
        ReportFormat::Text => {
            let tmp = out.with_extension("txt.part");
            std::fs::write(&tmp, text(r, refs, now, lang))?;
            std::fs::rename(&tmp, out)?;
            Ok(())
        }
        ReportFormat::Pdf => {
            let tmp = out.with_extension("pdf.part");
            std::fs::write(
                &tmp,
                crate::paper::pdf_bytes(&text(r, refs, now, lang), "年度考评")?,
            )?;
            std::fs::rename(&tmp, out)?;
            Ok(())
        }
        f @ ReportFormat::Table(Format::Csv | Format::Xlsx) => super::places::emit(
            &preface(r, refs, now, lang),
            &sections_of(r, refs, lang),
            &stated,
            f,
            out,
            &[],
        ),
    }
}
