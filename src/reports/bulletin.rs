//! 诉求通报 on paper and in spreadsheets: the tables of `store::bulletin::Bulletin`, stating the
//! period, the cut-off time and the audit head.

use std::path::Path;

use chrono::NaiveDateTime;

use super::sections::{self, Cell, Section, tr};
use super::{ReportFormat, head_text};
use crate::domain::Lang;
use crate::domain::bulletin::RepeatBy;
use crate::domain::vocab::Level;
use crate::paper::Format;
use crate::records::org::Refs;
use crate::store::StoreError;
use crate::store::bulletin::Bulletin;

fn heads(lang: Lang, h: &[(&str, &str)]) -> Vec<String> {
    h.iter().map(|(zh, en)| tr(lang, zh, en)).collect()
}

fn change(now: usize, before: usize) -> Cell {
    Cell::Change(now as i64 - before as i64)
}

/// How many repeat petitions printed text lists (the files hold all).
pub const TEXT_REPEATS: usize = 30;

/// The bulletin's tables, in the order printed.
pub fn sections(b: &Bulletin, refs: &Refs, lang: Lang) -> Vec<Section> {
    let none = tr(lang, "（无）", "(none)");
    let share = |n: usize| Cell::Share((b.received > 0).then(|| n as f64 / b.received as f64));
    let category = |id: i64| refs.category_name(id).to_string();
    let place = |id: Option<i64>| refs.place_name(id).to_string();
    let mut out = vec![];
    let mut by_channel: Vec<Vec<Cell>> = b
        .by_channel
        .iter()
        .map(|(c, n, before)| {
            vec![
                Cell::Text(c.label(lang).to_string()),
                Cell::Count(*n),
                share(*n),
                Cell::Count(*before),
                change(*n, *before),
            ]
        })
        .collect();
    by_channel.push(vec![
        Cell::Text(tr(lang, "合计", "Total")),
        Cell::Count(b.received),
        share(b.received),
        Cell::Count(b.received_before),
        change(b.received, b.received_before),
    ]);
    out.push(Section {
        title: tr(lang, "一、受理情况（按渠道）", "1. Received, by channel"),
        sheet: tr(lang, "按渠道", "By channel"),
        heads: heads(
            lang,
            &[
                ("渠道", "Channel"),
                ("本期", "This period"),
                ("占比", "Share"),
                ("上期", "Before"),
                ("增减", "Change"),
            ],
        ),
        rows: by_channel,
        empty: none.clone(),
        text_rows: None,
    });
    out.push(Section {
        title: tr(lang, "二、受理情况（按类别）", "2. Received, by category"),
        sheet: tr(lang, "按类别", "By category"),
        heads: heads(
            lang,
            &[
                ("类别", "Category"),
                ("本期", "This period"),
                ("占比", "Share"),
                ("上期", "Before"),
                ("增减", "Change"),
            ],
        ),
        rows: b
            .by_category
            .iter()
            .map(|(c, n, before)| {
                vec![
                    Cell::Text(category(*c)),
                    Cell::Count(*n),
                    share(*n),
                    Cell::Count(*before),
                    change(*n, *before),
                ]
            })
            .collect(),
        empty: none.clone(),
        text_rows: None,
    });
    out.push(Section {
        title: tr(lang, "三、热点问题", "3. Most petitioned (hot spots)"),
        sheet: tr(lang, "热点", "Hot spots"),
        heads: heads(
            lang,
            &[
                ("类别", "Category"),
                ("件数", "Petitions"),
                ("占比", "Share"),
                ("上期", "Before"),
                ("增减", "Change"),
            ],
        ),
        rows: b
            .hot
            .iter()
            .map(|h| {
                vec![
                    Cell::Text(category(h.category_id)),
                    Cell::Count(h.count),
                    Cell::Share(Some(h.share)),
                    Cell::Count(h.before),
                    change(h.count, h.before),
                ]
            })
            .collect(),
        empty: none.clone(),
        text_rows: None,
    });
    out.push(Section {
        title: tr(
            lang,
            "四、重复诉求（同一诉求人，或同一地点同类问题，90日内再次反映）",
            "4. Repeat petitions (the same petitioner, or the same place and category, within 90 days)",
        ),
        sheet: tr(lang, "重复诉求", "Repeats"),
        heads: heads(
            lang,
            &[
                ("编号", "Number"),
                ("受理日期", "Received"),
                ("诉求人", "Petitioner"),
                ("地点", "Place"),
                ("类别", "Category"),
                ("依据", "By"),
                ("前次", "Earlier"),
                ("90日内次数", "Times in 90 days"),
                ("摘要", "Summary"),
            ],
        ),
        rows: b
            .repeats
            .iter()
            .map(|r| {
                vec![
                    Cell::Text(r.ticket.number.clone()),
                    Cell::Date(r.ticket.on),
                    Cell::Text(r.ticket.petitioner.clone()),
                    Cell::Text(place(r.ticket.place_id)),
                    Cell::Text(category(r.ticket.category_id)),
                    Cell::Text(match r.by {
                        RepeatBy::Person => tr(lang, "同一诉求人", "same petitioner"),
                        RepeatBy::PlaceAndCategory => tr(lang, "同地点同类", "same place and category"),
                    }),
                    Cell::Text(r.earlier.clone()),
                    Cell::Count(r.times),
                    Cell::Text(r.ticket.summary.clone()),
                ]
            })
            .collect(),
        empty: none.clone(),
        text_rows: Some(TEXT_REPEATS),
    });
    out.push(Section {
        title: match lang {
            Lang::Zh => format!("五、满意率低于 {:.0}% 的承办单位", b.threshold * 100.0),
            Lang::En => format!("5. Units below {:.0}% satisfaction", b.threshold * 100.0),
        },
        sheet: tr(lang, "满意率偏低", "Low satisfaction"),
        heads: heads(
            lang,
            &[
                ("承办单位", "Unit"),
                ("评价数", "Evaluations"),
                ("满意数", "Satisfied"),
                ("满意率", "Satisfaction"),
            ],
        ),
        rows: b
            .low_satisfaction
            .iter()
            .map(|(d, r)| {
                vec![
                    Cell::Text(refs.department_name(Some(*d)).to_string()),
                    Cell::Count(r.den),
                    Cell::Count(r.num),
                    Cell::Share(r.value()),
                ]
            })
            .collect(),
        empty: none.clone(),
        text_rows: None,
    });
    out.push(Section {
        title: match lang {
            Lang::Zh => format!(
                "六、应催办、通报的诉求件（截至 {}，超期即催办，超期5个工作日通报）",
                b.today
            ),
            Lang::En => format!(
                "6. Reminders and public notices due (on {}: overdue, a reminder; 5 working days overdue, a notice)",
                b.today
            ),
        },
        sheet: tr(lang, "催办通报", "Reminders"),
        heads: heads(
            lang,
            &[
                ("编号", "Number"),
                ("责任单位", "Responsible"),
                ("状态", "State"),
                ("期限", "Deadline"),
                ("处理", "Action"),
            ],
        ),
        rows: b
            .due
            .iter()
            .map(|d| {
                vec![
                    Cell::Text(d.number.clone()),
                    // With a department only while it handles the ticket (买单); otherwise the
                    // center's own desk is late.
                    Cell::Text(match d.department_id {
                        Some(_) if d.state.stage() == crate::domain::vocab::Stage::Handle => {
                            refs.department_name(d.department_id).to_string()
                        }
                        _ => tr(lang, "中心", "the center"),
                    }),
                    Cell::Text(d.state.label(lang).to_string()),
                    Cell::Date(d.due),
                    Cell::Text(match d.level {
                        Level::Severe => tr(lang, "通报", "public notice"),
                        _ => tr(lang, "催办", "reminder"),
                    }),
                ]
            })
            .collect(),
        empty: none.clone(),
        text_rows: None,
    });
    out.push(Section {
        title: tr(lang, "七、集体诉求", "7. Collective petitions"),
        sheet: tr(lang, "集体诉求", "Collective"),
        heads: heads(
            lang,
            &[
                ("编号", "Number"),
                ("受理日期", "Received"),
                ("人数", "People"),
                ("地点", "Place"),
                ("类别", "Category"),
                ("摘要", "Summary"),
            ],
        ),
        rows: b
            .collective
            .iter()
            .map(|t| {
                vec![
                    Cell::Text(t.number.clone()),
                    Cell::Date(t.on),
                    t.head_count
                        .map(|n| Cell::Count(n.max(0) as usize))
                        .unwrap_or(Cell::Text("—".into())),
                    Cell::Text(place(t.place_id)),
                    Cell::Text(category(t.category_id)),
                    Cell::Text(t.summary.clone()),
                ]
            })
            .collect(),
        empty: none.clone(),
        text_rows: None,
    });
    out.push(Section {
        title: tr(lang, "八、领导干部接访下访", "8. Leaders' visits"),
        sheet: tr(lang, "领导接访", "Visits"),
        heads: heads(
            lang,
            &[
                ("日期", "Date"),
                ("类型", "Kind"),
                ("地点", "Place"),
                ("领导", "Leader"),
                ("情况", "Held"),
            ],
        ),
        rows: b
            .visits
            .iter()
            .map(|v| {
                vec![
                    Cell::Date(v.date),
                    Cell::Text(v.kind.label(lang).to_string()),
                    Cell::Text(refs.place_name(Some(v.place_id)).to_string()),
                    Cell::Text(refs.leader_name(Some(v.leader_id)).to_string()),
                    Cell::Text(crate::words::status_label(v, refs, lang, None)),
                ]
            })
            .collect(),
        empty: none,
        text_rows: None,
    });
    out
}

fn preface(b: &Bulletin, now: NaiveDateTime, lang: Lang) -> String {
    let (from, to) = b.period.bounds();
    match lang {
        Lang::Zh => format!(
            "诉求通报  {}\n统计时段：{from} 至 {to}（按受理日期；满意率按评价日期）；对比上期：{}\n截止时间：{}；审计链头：{}\n本期受理 {} 件，上期 {} 件。\n",
            b.period.label(lang),
            b.previous.label(lang),
            now.format("%Y-%m-%d %H:%M"),
            head_text(&b.head),
            b.received,
            b.received_before,
        ),
        Lang::En => format!(
            "Petitions bulletin  {}\nPeriod: {from} to {to} (by date received; satisfaction by evaluation date); compared with {}\nCut-off: {}; audit head: {}\nReceived {} this period, {} the period before.\n",
            b.period.label(lang),
            b.previous.label(lang),
            now.format("%Y-%m-%d %H:%M"),
            head_text(&b.head),
            b.received,
            b.received_before,
        ),
    }
}

/// The printable bulletin.
pub fn text(b: &Bulletin, refs: &Refs, now: NaiveDateTime, lang: Lang) -> String {
    let more = |n: usize| match lang {
        Lang::Zh => format!("……另有 {n} 件，见 CSV 或 XLSX（--format xlsx --out 文件）"),
        Lang::En => format!("… {n} more in the CSV or XLSX (--format xlsx --out FILE)"),
    };
    sections::text(&preface(b, now, lang), &sections(b, refs, lang), &more)
}

/// Writes the bulletin as text, CSV or XLSX, through a temporary file renamed into place.
pub fn write(
    b: &Bulletin,
    refs: &Refs,
    format: ReportFormat,
    out: &Path,
    now: NaiveDateTime,
    lang: Lang,
) -> Result<(), StoreError> {
    let tmp = out.with_extension(format!(
        "{}.part",
        out.extension().and_then(|e| e.to_str()).unwrap_or("tmp")
    ));
    let stated = vec![
        format!(
            "# {} {}",
            b.period.label(lang),
            now.format("%Y-%m-%d %H:%M")
        ),
        format!(
            "# {} {}",
            tr(lang, "审计链头", "audit head"),
            head_text(&b.head)
        ),
    ];
    let secs = sections(b, refs, lang);
    match format {
        ReportFormat::Text => std::fs::write(&tmp, text(b, refs, now, lang))?,
        ReportFormat::Pdf => std::fs::write(
            &tmp,
            crate::paper::pdf_bytes(&text(b, refs, now, lang), "通报")?,
        )?,
        ReportFormat::Table(Format::Csv) => sections::write_csv(&tmp, &secs, &stated)?,
        // The charts: petitions by category, and the hot spots.
        ReportFormat::Table(Format::Xlsx) => {
            sections::write_xlsx(&tmp, &secs, &stated, &[(1, 1), (2, 1)])?
        }
    }
    std::fs::rename(&tmp, out)?;
    Ok(())
}
