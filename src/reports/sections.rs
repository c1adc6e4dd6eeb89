//! A report as titled tables (the bulletin, and the reports that follow it): printed as text
//! with aligned columns, written as one CSV (each table under its title row) or as an XLSX
//! with a sheet per table (numbers as numbers, shares as percentages, dates as dates, frozen
//! header row, a filter, column widths). Untrusted text is cleaned for the terminal in text and
//! for the spreadsheet (no formula injection) in CSV and XLSX.

use std::io::Write;
use std::path::Path;

use chrono::NaiveDate;
use unicode_width::UnicodeWidthStr;

use crate::domain::text::{for_spreadsheet, for_terminal};
use crate::store::StoreError;

/// A heading or label in the language asked for (the reports' own words).
pub fn tr(lang: crate::domain::Lang, zh: &str, en: &str) -> String {
    match lang {
        crate::domain::Lang::Zh => zh.to_string(),
        crate::domain::Lang::En => en.to_string(),
    }
}

/// One cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Count(usize),
    /// A share, 0–1 (`None`: nothing to measure, shown as —).
    Share(Option<f64>),
    /// A change from the period before (+3, −2).
    Change(i64),
    Date(NaiveDate),
    /// A measure with one decimal (average working days); `None` shown as —.
    Number(Option<f64>),
}

impl Cell {
    fn text(&self) -> String {
        match self {
            Cell::Text(s) => for_terminal(s).into_owned(),
            Cell::Count(n) => n.to_string(),
            Cell::Share(Some(v)) => format!("{:.1}%", v * 100.0),
            Cell::Share(None) => "—".into(),
            Cell::Change(0) => "0".into(),
            Cell::Change(n) => format!("{n:+}"),
            Cell::Date(d) => d.format("%Y-%m-%d").to_string(),
            Cell::Number(Some(v)) => format!("{v:.1}"),
            Cell::Number(None) => "—".into(),
        }
    }

    fn csv(&self) -> String {
        match self {
            Cell::Text(s) => for_spreadsheet(s).into_owned(),
            // A spreadsheet reads a share as a number: 0.875, not "87.5%".
            Cell::Share(Some(v)) => format!("{v:.4}"),
            Cell::Share(None) | Cell::Number(None) => String::new(),
            Cell::Change(n) => n.to_string(),
            other => other.text(),
        }
    }
}

/// A titled table.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    pub title: String,
    /// The sheet's name in an XLSX (at most 31 characters, no `[]:*?/\`).
    pub sheet: String,
    pub heads: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
    /// Said when the table has no rows.
    pub empty: String,
    /// Printed text shows at most this many rows, then says how many more the files hold.
    pub text_rows: Option<usize>,
}

fn pad(s: &str, w: usize) -> String {
    let have = UnicodeWidthStr::width(s);
    format!("{s}{}", " ".repeat(w.saturating_sub(have)))
}

/// The sections as printable text under `preface` (its lines as given).
pub fn text(preface: &str, sections: &[Section], more: &dyn Fn(usize) -> String) -> String {
    let mut out = String::from(preface);
    for s in sections {
        out.push_str(&format!("\n{}\n", for_terminal(&s.title)));
        if s.rows.is_empty() {
            out.push_str(&format!("{}\n", s.empty));
            continue;
        }
        let shown = s.text_rows.unwrap_or(usize::MAX).min(s.rows.len());
        let table: Vec<Vec<String>> = s.rows[..shown]
            .iter()
            .map(|r| r.iter().map(Cell::text).collect())
            .collect();
        let widths: Vec<usize> = (0..s.heads.len())
            .map(|i| {
                table
                    .iter()
                    .filter_map(|row| row.get(i))
                    .map(|c| UnicodeWidthStr::width(c.as_str()))
                    .chain([UnicodeWidthStr::width(s.heads[i].as_str())])
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        let line = |row: &[String]| -> String {
            let cells: Vec<String> = row.iter().zip(&widths).map(|(c, w)| pad(c, *w)).collect();
            format!("{}\n", cells.join("  ").trim_end())
        };
        out.push_str(&line(&s.heads));
        for row in &table {
            out.push_str(&line(row));
        }
        if shown < s.rows.len() {
            out.push_str(&format!("{}\n", more(s.rows.len() - shown)));
        }
    }
    out
}

/// Every section in one CSV (UTF-8 with BOM): the title row, the header, the rows, a blank
/// row; then the stated lines (`# …`) at the end.
pub fn write_csv(path: &Path, sections: &[Section], stated: &[String]) -> Result<(), StoreError> {
    let width = sections.iter().map(|s| s.heads.len()).max().unwrap_or(1);
    let file = std::fs::File::create(path)?;
    let mut buf = std::io::BufWriter::new(file);
    buf.write_all(b"\xEF\xBB\xBF")?;
    let mut w = csv::WriterBuilder::new().flexible(true).from_writer(buf);
    let io = |e: csv::Error| StoreError::Io(std::io::Error::other(e.to_string()));
    let fill = |mut row: Vec<String>| {
        row.resize(width, String::new());
        row
    };
    for s in sections {
        w.write_record(fill(vec![for_spreadsheet(&s.title).into_owned()]))
            .map_err(io)?;
        w.write_record(fill(s.heads.clone())).map_err(io)?;
        for r in &s.rows {
            w.write_record(fill(r.iter().map(Cell::csv).collect()))
                .map_err(io)?;
        }
        w.write_record(fill(vec![])).map_err(io)?;
    }
    for line in stated {
        w.write_record(crate::roster_files::footer_row(line, width))
            .map_err(io)?;
    }
    w.flush()?;
    Ok(())
}

fn xlsx_err(e: rust_xlsxwriter::XlsxError) -> StoreError {
    StoreError::Refused(crate::domain::Problem::fill(
        crate::text::T::CouldNotWriteXLSX,
        &[&e],
    ))
}

/// An XLSX with a sheet per section (title in the first row, header frozen below it, a
/// filter over the table), then the sheet stating the audit head. `chart`: for a section (by
/// index), a bar chart of one column (by index) against its first column.
pub fn write_xlsx(
    path: &Path,
    sections: &[Section],
    stated: &[String],
    charts: &[(usize, u16)],
) -> Result<(), StoreError> {
    use rust_xlsxwriter::{Chart, ChartType, ExcelDateTime, Format as X, Workbook};
    let mut wb = Workbook::new();
    let bold = X::new().set_bold();
    let pct = X::new().set_num_format("0.0%");
    let change = X::new().set_num_format("+0;-0;0");
    let date = X::new().set_num_format("yyyy-mm-dd");
    let text = X::new().set_num_format("@");
    let one = X::new().set_num_format("0.0");
    for (i, s) in sections.iter().enumerate() {
        let sheet = wb.add_worksheet();
        sheet.set_name(&s.sheet).map_err(xlsx_err)?;
        sheet
            .write_string_with_format(0, 0, for_spreadsheet(&s.title), &bold)
            .map_err(xlsx_err)?;
        let mut widths: Vec<usize> = s
            .heads
            .iter()
            .map(|h| UnicodeWidthStr::width(h.as_str()))
            .collect();
        for (c, h) in s.heads.iter().enumerate() {
            sheet
                .write_string_with_format(1, c as u16, h, &bold)
                .map_err(xlsx_err)?;
        }
        for (r, row) in s.rows.iter().enumerate() {
            let r = r as u32 + 2;
            for (c, cell) in row.iter().enumerate() {
                if let Some(w) = widths.get_mut(c) {
                    *w = (*w).max(UnicodeWidthStr::width(cell.text().as_str()).min(60));
                }
                let c = c as u16;
                match cell {
                    Cell::Text(v) => sheet
                        .write_string_with_format(r, c, for_spreadsheet(v), &text)
                        .map(|_| ()),
                    Cell::Count(v) => sheet.write_number(r, c, *v as f64).map(|_| ()),
                    Cell::Share(Some(v)) => {
                        sheet.write_number_with_format(r, c, *v, &pct).map(|_| ())
                    }
                    Cell::Share(None) | Cell::Number(None) => Ok(()),
                    Cell::Number(Some(v)) => {
                        sheet.write_number_with_format(r, c, *v, &one).map(|_| ())
                    }
                    Cell::Change(v) => sheet
                        .write_number_with_format(r, c, *v as f64, &change)
                        .map(|_| ()),
                    Cell::Date(d) => {
                        use chrono::Datelike;
                        let x = ExcelDateTime::from_ymd(
                            d.year() as u16,
                            d.month() as u8,
                            d.day() as u8,
                        )
                        .map_err(xlsx_err)?;
                        sheet
                            .write_datetime_with_format(r, c, &x, &date)
                            .map(|_| ())
                    }
                }
                .map_err(xlsx_err)?;
            }
        }
        for (c, w) in widths.iter().enumerate() {
            sheet
                .set_column_width(c as u16, (*w as f64 + 2.0).max(8.0))
                .map_err(xlsx_err)?;
        }
        sheet.set_freeze_panes(2, 0).map_err(xlsx_err)?;
        let n = s.rows.len() as u32;
        if n > 0 && !s.heads.is_empty() {
            sheet
                .autofilter(1, 0, n + 1, s.heads.len() as u16 - 1)
                .map_err(xlsx_err)?;
        }
        for &(_, col) in charts.iter().filter(|(k, _)| *k == i) {
            if n == 0 {
                continue;
            }
            let mut chart = Chart::new(ChartType::Column);
            let name = s.heads.get(col as usize).cloned().unwrap_or_default();
            chart
                .add_series()
                .set_categories((s.sheet.as_str(), 2, 0, n + 1, 0))
                .set_values((s.sheet.as_str(), 2, col, n + 1, col))
                .set_name(name.as_str());
            chart.title().set_name(for_spreadsheet(&s.title).as_ref());
            chart.legend().set_hidden();
            sheet.insert_chart(n + 3, 0, &chart).map_err(xlsx_err)?;
        }
    }
    crate::roster_files::head_sheet(&mut wb, &stated.join("  "))?;
    wb.save(path).map_err(xlsx_err)?;
    Ok(())
}
