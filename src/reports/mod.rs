//! 考评 on paper and in spreadsheets: the department ranking (承办单位考评) with its 红黑榜, as
//! printable text, CSV (UTF-8 with BOM, for Excel) or XLSX (numbers as numbers, percentages
//! formatted, frozen header, a native chart). Every output states the period, the cut-off time
//! and the audit head it was computed at; the same data gives the same bytes (XLSX: apart from
//! the file's creation time).

use std::io::Write;
use std::path::Path;

use chrono::NaiveDateTime;
use unicode_width::UnicodeWidthStr;

use crate::domain::Lang;
use crate::domain::metrics::{Rate, Rates};
use crate::paper::Format;
use crate::store::StoreError;
use crate::store::reports::{DepartmentRanking, RankingRow};

/// How a report is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportFormat {
    Text,
    /// The text, set on A4 pages in a CJK font (`pdf`).
    Pdf,
    Table(Format),
}

impl ReportFormat {
    pub fn parse(s: &str) -> Result<ReportFormat, crate::domain::Problem> {
        if s.eq_ignore_ascii_case("text") || s.eq_ignore_ascii_case("txt") {
            return Ok(ReportFormat::Text);
        }
        if s.eq_ignore_ascii_case("pdf") {
            return Ok(ReportFormat::Pdf);
        }
        Format::parse(s).map(ReportFormat::Table)
    }

    /// Text asked for a file named `….pdf` is the PDF.
    pub fn for_out(self, out: Option<&std::path::Path>) -> ReportFormat {
        let pdf = out
            .and_then(|o| o.extension())
            .is_some_and(|e| e.eq_ignore_ascii_case("pdf"));
        match self {
            ReportFormat::Text if pdf => ReportFormat::Pdf,
            f => f,
        }
    }
}

/// A column: its heading in each language and how a row fills it.
struct Column {
    zh: &'static str,
    en: &'static str,
    cell: fn(&RankingRow, &Rates) -> Cell,
}

#[derive(Debug, Clone, PartialEq)]
enum Cell {
    Text(String),
    Count(usize),
    /// A share, 0–1 (`None`: nothing to measure, shown as —).
    Share(Option<f64>),
    Number(Option<f64>),
}

fn share(r: Rate) -> Cell {
    Cell::Share(r.value())
}

fn points(s: Option<i64>) -> Option<f64> {
    s.map(|s| s as f64 / 100.0)
}

const COLUMNS: &[Column] = &[
    Column {
        zh: "名次",
        en: "Rank",
        cell: |r, _| r.rank.map_or(Cell::Text("—".into()), Cell::Count),
    },
    Column {
        zh: "承办单位",
        en: "Unit",
        cell: |r, _| Cell::Text(r.name.clone()),
    },
    Column {
        zh: "综合得分",
        en: "Score",
        cell: |r, _| Cell::Number(points(r.score)),
    },
    Column {
        zh: "派单数",
        en: "Dispatches",
        cell: |r, _| Cell::Count(r.figures.dispatches),
    },
    Column {
        zh: "二次办理",
        en: "Round 2",
        cell: |r, _| Cell::Count(r.figures.second_round),
    },
    Column {
        zh: "及时签收率",
        en: "Accepted in time",
        cell: |_, x| share(x.accepted_in_time),
    },
    Column {
        zh: "按时办结率",
        en: "On time",
        cell: |_, x| share(x.on_time),
    },
    Column {
        zh: "超期",
        en: "Overdue",
        cell: |r, _| Cell::Count(r.figures.overdue),
    },
    Column {
        zh: "严重超期",
        en: "Severely overdue",
        cell: |r, _| Cell::Count(r.figures.severe),
    },
    Column {
        zh: "退单数",
        en: "Returned",
        cell: |r, _| Cell::Count(r.figures.returned),
    },
    Column {
        zh: "退单率",
        en: "Return rate",
        cell: |_, x| share(x.returned),
    },
    Column {
        zh: "解决率",
        en: "Solved",
        cell: |_, x| share(x.solved),
    },
    Column {
        zh: "部分解决",
        en: "Partly solved",
        cell: |r, _| Cell::Count(r.figures.partly),
    },
    Column {
        zh: "满意率",
        en: "Satisfied",
        cell: |_, x| share(x.satisfied),
    },
    Column {
        zh: "评价数",
        en: "Evaluations",
        cell: |r, _| Cell::Count(r.figures.evaluations),
    },
    Column {
        zh: "报结不实",
        en: "False closure",
        cell: |r, _| Cell::Count(r.figures.false_closure),
    },
    Column {
        zh: "平均办理工作日",
        en: "Avg working days",
        cell: |_, x| Cell::Number(x.handling_days),
    },
    Column {
        zh: "撤回/合并",
        en: "Withdrawn/merged",
        cell: |r, _| Cell::Count(r.figures.stopped),
    },
    Column {
        zh: "上期名次",
        en: "Previous rank",
        cell: |r, _| r.previous_rank.map_or(Cell::Text("—".into()), Cell::Count),
    },
    Column {
        zh: "得分变化",
        en: "Score change",
        cell: |r, _| {
            Cell::Number(match (r.score, r.previous_score) {
                (Some(a), Some(b)) => points(Some(a - b)),
                _ => None,
            })
        },
    },
];

fn heading(c: &Column, lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => c.zh,
        Lang::En => c.en,
    }
}

fn cell_text(c: &Cell) -> String {
    match c {
        Cell::Text(s) => crate::domain::text::for_terminal(s).into_owned(),
        Cell::Count(n) => n.to_string(),
        Cell::Share(Some(v)) => format!("{:.1}%", v * 100.0),
        Cell::Number(Some(v)) => format!("{v:.2}"),
        Cell::Share(None) | Cell::Number(None) => "—".into(),
    }
}

fn cells(r: &RankingRow) -> Vec<Cell> {
    let rates = r.figures.rates();
    COLUMNS.iter().map(|c| (c.cell)(r, &rates)).collect()
}

fn head_text(h: &Option<crate::domain::audit::Anchor>) -> String {
    h.as_ref()
        .map(|a| format!("{}:{}", a.seq, crate::domain::hex(&a.hash)))
        .unwrap_or_else(|| "—".into())
}

/// The ranked units, best first (红榜) and worst first (黑榜), at most `n` each.
fn red_black(rep: &DepartmentRanking, n: usize) -> (Vec<&RankingRow>, Vec<&RankingRow>) {
    if rep.own_only {
        return (vec![], vec![]);
    }
    let ranked: Vec<&RankingRow> = rep.rows.iter().filter(|r| r.rank.is_some()).collect();
    let n = n.min(ranked.len() / 2).max(usize::from(ranked.len() == 1));
    let red = ranked.iter().take(n).copied().collect();
    let black = ranked.iter().rev().take(n).copied().collect();
    (red, black)
}

fn pad(s: &str, w: usize) -> String {
    let have = UnicodeWidthStr::width(s);
    format!("{s}{}", " ".repeat(w.saturating_sub(have)))
}

/// The printable ranking.
pub fn ranking_text(rep: &DepartmentRanking, top: usize, now: NaiveDateTime, lang: Lang) -> String {
    let (from, to) = rep.period.bounds();
    let zh = lang == Lang::Zh;
    let mut out = String::new();
    let title = if zh {
        "承办单位考评"
    } else {
        "Handling units ranking"
    };
    out.push_str(&format!("{title}  {}\n", rep.period.label(lang)));
    out.push_str(&if zh {
        format!(
            "统计时段：{from} 至 {to}（按派单日期；满意率按评价日期）；对比上期：{}\n截止时间：{}；审计链头：{}\n综合得分 = 及时签收率×{} + 解决率×{} + 满意率×{}（权重之和归一）；派单不足 {} 件的单位列出但不排名\n\n",
            rep.previous.label(lang),
            now.format("%Y-%m-%d %H:%M"),
            head_text(&rep.head),
            rep.settings.response,
            rep.settings.solved,
            rep.settings.satisfied,
            rep.settings.min_dispatches,
        )
    } else {
        format!(
            "Period: {from} to {to} (by dispatch date; satisfaction by evaluation date); compared with {}\nCut-off: {}; audit head: {}\nScore = accepted in time×{} + solved×{} + satisfied×{} (weights normalised); units with fewer than {} dispatches are listed, not ranked\n\n",
            rep.previous.label(lang),
            now.format("%Y-%m-%d %H:%M"),
            head_text(&rep.head),
            rep.settings.response,
            rep.settings.solved,
            rep.settings.satisfied,
            rep.settings.min_dispatches,
        )
    });
    let table: Vec<Vec<String>> = rep
        .rows
        .iter()
        .map(|r| cells(r).iter().map(cell_text).collect())
        .collect();
    let widths: Vec<usize> = COLUMNS
        .iter()
        .enumerate()
        .map(|(i, c)| {
            table
                .iter()
                .map(|row| UnicodeWidthStr::width(row[i].as_str()))
                .chain([UnicodeWidthStr::width(heading(c, lang))])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let line = |row: Vec<String>| -> String {
        let cells: Vec<String> = row.iter().zip(&widths).map(|(c, w)| pad(c, *w)).collect();
        format!("{}\n", cells.join("  ").trim_end())
    };
    out.push_str(&line(
        COLUMNS
            .iter()
            .map(|c| heading(c, lang).to_string())
            .collect(),
    ));
    for row in table {
        out.push_str(&line(row));
    }
    if rep.rows.is_empty() {
        out.push_str(if zh {
            "（本时段没有派单）\n"
        } else {
            "(no dispatches in the period)\n"
        });
    }
    let (red, black) = red_black(rep, top);
    let lists = if rep.own_only {
        vec![]
    } else {
        vec![
            (if zh { "红榜" } else { "Best" }, red),
            (if zh { "黑榜" } else { "Worst" }, black),
        ]
    };
    for (name, list) in lists {
        out.push_str(&format!("\n{name}："));
        let names: Vec<String> = list
            .iter()
            .map(|r| {
                format!(
                    "{}（{}）",
                    crate::domain::text::for_terminal(&r.name),
                    cell_text(&Cell::Number(points(r.score)))
                )
            })
            .collect();
        out.push_str(&if names.is_empty() {
            "—".to_string()
        } else {
            names.join("、")
        });
        out.push('\n');
    }
    out
}

/// Writes the ranking to `out` as text, CSV or XLSX (through a temporary file renamed into
/// place: a failed write never leaves half a report under the name asked for).
pub fn write_ranking(
    rep: &DepartmentRanking,
    trend: &Trend,
    top: usize,
    format: ReportFormat,
    out: &Path,
    now: NaiveDateTime,
    lang: Lang,
) -> Result<(), StoreError> {
    let tmp = out.with_extension(format!(
        "{}.part",
        out.extension().and_then(|e| e.to_str()).unwrap_or("tmp")
    ));
    let footer = format!(
        "# {} {}",
        if lang == Lang::Zh {
            "审计链头"
        } else {
            "audit head"
        },
        head_text(&rep.head)
    );
    match format {
        ReportFormat::Text => std::fs::write(&tmp, ranking_text(rep, top, now, lang))?,
        ReportFormat::Pdf => std::fs::write(
            &tmp,
            crate::paper::pdf_bytes(&ranking_text(rep, top, now, lang), "考评")?,
        )?,
        ReportFormat::Table(Format::Csv) => {
            let file = std::fs::File::create(&tmp)?;
            let mut buf = std::io::BufWriter::new(file);
            buf.write_all(b"\xEF\xBB\xBF")?;
            let mut w = csv::Writer::from_writer(buf);
            let io = |e: csv::Error| StoreError::Io(std::io::Error::other(e.to_string()));
            let head: Vec<String> = COLUMNS
                .iter()
                .map(|c| heading(c, lang).to_string())
                .collect();
            w.write_record(&head).map_err(io)?;
            for r in &rep.rows {
                let row: Vec<String> = cells(r)
                    .iter()
                    .map(|c| match c {
                        // A spreadsheet reads a share as a number: 0.875, not "87.5%".
                        Cell::Share(Some(v)) => format!("{v:.4}"),
                        Cell::Share(None) | Cell::Number(None) => String::new(),
                        Cell::Text(s) if s == "—" => String::new(),
                        other => cell_text(other),
                    })
                    .collect();
                crate::roster_files::write_csv_row(&mut w, &row).map_err(io)?;
            }
            let period = format!(
                "# {} {}",
                rep.period.label(lang),
                now.format("%Y-%m-%d %H:%M")
            );
            for line in [period, footer] {
                let row = crate::roster_files::footer_row(&line, COLUMNS.len());
                crate::roster_files::write_csv_row(&mut w, &row).map_err(io)?;
            }
            w.flush()?;
        }
        ReportFormat::Table(Format::Xlsx) => write_xlsx(rep, trend, top, &tmp, &footer, now, lang)?,
    }
    std::fs::rename(&tmp, out)?;
    Ok(())
}

fn xlsx_err(e: rust_xlsxwriter::XlsxError) -> StoreError {
    StoreError::Refused(crate::domain::Problem::fill(
        crate::text::T::CouldNotWriteXLSX,
        &[&e],
    ))
}

/// Every unit's score month by month (`Store::score_trend`).
pub type Trend = Vec<(
    crate::domain::metrics::Period,
    std::collections::BTreeMap<i64, Option<i64>>,
)>;

fn write_xlsx(
    rep: &DepartmentRanking,
    trend: &Trend,
    top: usize,
    path: &Path,
    footer: &str,
    now: NaiveDateTime,
    lang: Lang,
) -> Result<(), StoreError> {
    use rust_xlsxwriter::{Chart, ChartType, Format as X, Workbook};
    let zh = lang == Lang::Zh;
    let mut wb = Workbook::new();
    let bold = X::new().set_bold();
    let pct = X::new().set_num_format("0.0%");
    let num = X::new().set_num_format("0.00");
    let text = X::new().set_num_format("@");
    let n = rep.rows.len() as u32;
    {
        let sheet = wb.add_worksheet();
        sheet
            .set_name(if zh { "承办单位考评" } else { "Ranking" })
            .map_err(xlsx_err)?;
        sheet
            .write_string_with_format(
                0,
                0,
                format!(
                    "{} {}",
                    if zh {
                        "承办单位考评"
                    } else {
                        "Handling units ranking"
                    },
                    rep.period.label(lang)
                ),
                &bold,
            )
            .map_err(xlsx_err)?;
        for (c, col) in COLUMNS.iter().enumerate() {
            sheet
                .write_string_with_format(1, c as u16, heading(col, lang), &bold)
                .map_err(xlsx_err)?;
            let w = UnicodeWidthStr::width(heading(col, lang)).max(8) as f64 + 2.0;
            sheet
                .set_column_width(c as u16, if c == 1 { 24.0 } else { w })
                .map_err(xlsx_err)?;
        }
        sheet.set_freeze_panes(2, 2).map_err(xlsx_err)?;
        for (i, r) in rep.rows.iter().enumerate() {
            let row = i as u32 + 2;
            for (c, cell) in cells(r).iter().enumerate() {
                let c = c as u16;
                match cell {
                    Cell::Text(s) => sheet.write_string_with_format(row, c, s, &text).map(|_| ()),
                    Cell::Count(v) => sheet.write_number(row, c, *v as f64).map(|_| ()),
                    Cell::Share(Some(v)) => {
                        sheet.write_number_with_format(row, c, *v, &pct).map(|_| ())
                    }
                    Cell::Number(Some(v)) => {
                        sheet.write_number_with_format(row, c, *v, &num).map(|_| ())
                    }
                    Cell::Share(None) | Cell::Number(None) => Ok(()),
                }
                .map_err(xlsx_err)?;
            }
        }
        let stated = format!("{} {}", now.format("%Y-%m-%d %H:%M"), footer);
        sheet.write_string(n + 3, 0, stated).map_err(xlsx_err)?;
        if n > 0 {
            let sheet_name = if zh { "承办单位考评" } else { "Ranking" };
            let mut chart = Chart::new(ChartType::Bar);
            chart
                .add_series()
                .set_categories((sheet_name, 2, 1, n + 1, 1))
                .set_values((sheet_name, 2, 2, n + 1, 2))
                .set_name(if zh { "综合得分" } else { "Score" });
            chart
                .title()
                .set_name(if zh { "综合得分" } else { "Score" });
            chart.legend().set_hidden();
            sheet.insert_chart(n + 5, 1, &chart).map_err(xlsx_err)?;
        }
    }
    {
        let (red, black) = red_black(rep, top);
        let sheet = wb.add_worksheet();
        sheet
            .set_name(if zh { "红黑榜" } else { "Best and worst" })
            .map_err(xlsx_err)?;
        let heads = if zh {
            ["榜", "名次", "承办单位", "综合得分"]
        } else {
            ["List", "Rank", "Unit", "Score"]
        };
        for (c, h) in heads.iter().enumerate() {
            sheet
                .write_string_with_format(0, c as u16, *h, &bold)
                .map_err(xlsx_err)?;
        }
        sheet.set_column_width(2, 24.0).map_err(xlsx_err)?;
        sheet.set_freeze_panes(1, 0).map_err(xlsx_err)?;
        let mut row = 1;
        for (name, list) in [
            (if zh { "红榜" } else { "Best" }, red),
            (if zh { "黑榜" } else { "Worst" }, black),
        ] {
            for r in list {
                sheet.write_string(row, 0, name).map_err(xlsx_err)?;
                if let Some(k) = r.rank {
                    sheet.write_number(row, 1, k as f64).map_err(xlsx_err)?;
                }
                sheet
                    .write_string_with_format(row, 2, &r.name, &text)
                    .map_err(xlsx_err)?;
                if let Some(s) = points(r.score) {
                    sheet
                        .write_number_with_format(row, 3, s, &num)
                        .map_err(xlsx_err)?;
                }
                row += 1;
            }
        }
    }
    if !trend.is_empty() && !rep.rows.is_empty() {
        // The trend: a row per month, a column per unit (in the ranking's order), a line each.
        let name = if zh { "得分趋势" } else { "Score trend" };
        let sheet = wb.add_worksheet();
        sheet.set_name(name).map_err(xlsx_err)?;
        sheet
            .write_string_with_format(0, 0, if zh { "月份" } else { "Month" }, &bold)
            .map_err(xlsx_err)?;
        sheet.set_column_width(0, 12.0).map_err(xlsx_err)?;
        for (c, r) in rep.rows.iter().enumerate() {
            let c = c as u16 + 1;
            sheet
                .write_string_with_format(0, c, &r.name, &bold)
                .map_err(xlsx_err)?;
            sheet.set_column_width(c, 14.0).map_err(xlsx_err)?;
        }
        sheet.set_freeze_panes(1, 1).map_err(xlsx_err)?;
        for (i, (month, scores)) in trend.iter().enumerate() {
            let row = i as u32 + 1;
            sheet
                .write_string(row, 0, month.label(lang))
                .map_err(xlsx_err)?;
            for (c, r) in rep.rows.iter().enumerate() {
                if let Some(Some(s)) = scores.get(&r.unit) {
                    sheet
                        .write_number_with_format(row, c as u16 + 1, *s as f64 / 100.0, &num)
                        .map_err(xlsx_err)?;
                }
            }
        }
        let months = trend.len() as u32;
        let mut chart = Chart::new(ChartType::Line);
        for c in 0..rep.rows.len() as u16 {
            chart
                .add_series()
                .set_categories((name, 1, 0, months, 0))
                .set_values((name, 1, c + 1, months, c + 1))
                .set_name((name, 0, c + 1));
        }
        chart.title().set_name(if zh {
            "综合得分趋势"
        } else {
            "Score trend"
        });
        sheet
            .insert_chart(months + 2, 1, &chart)
            .map_err(xlsx_err)?;
    }
    crate::roster_files::head_sheet(&mut wb, footer)?;
    wb.save(path).map_err(xlsx_err)?;
    Ok(())
}
pub mod annual;
pub mod bulletin;
pub mod places;
pub mod sections;
