//! Spreadsheet cells as offices use them: counts are numbers, dates and times are dates, and
//! everything else (ID numbers and mobiles above all) is text that Excel never turns into a
//! number. Each exported sheet has column widths, a frozen header row and a filter.

use rust_xlsxwriter::{ExcelDateTime, Format, Worksheet, XlsxError};
use unicode_width::UnicodeWidthStr;

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Text, written as text (`@`), a long one in a wide column.
    Text,
    LongText,
    /// A whole number.
    Count,
    /// A number with one decimal.
    Decimal,
    /// `YYYY-MM-DD`.
    Date,
    /// `YYYY-MM-DD HH:MM:SS` (or without seconds).
    Time,
}

/// The formats a sheet's cells are written with.
pub struct Formats {
    bold: Format,
    text: Format,
    date: Format,
    time: Format,
    decimal: Format,
}

impl Default for Formats {
    fn default() -> Formats {
        Formats {
            bold: Format::new().set_bold(),
            text: Format::new().set_num_format("@"),
            date: Format::new().set_num_format("yyyy-mm-dd"),
            time: Format::new().set_num_format("yyyy-mm-dd hh:mm"),
            decimal: Format::new().set_num_format("0.0"),
        }
    }
}

/// A column's width in characters: the header's (CJK counts two) or the kind's, whichever is
/// wider.
fn width(head: &str, kind: Kind) -> f64 {
    let least = match kind {
        Kind::Text => 12.0,
        Kind::LongText => 36.0,
        Kind::Count | Kind::Decimal => 8.0,
        Kind::Date => 12.0,
        Kind::Time => 17.0,
    };
    (UnicodeWidthStr::width(head) as f64 + 2.0).max(least)
}

/// Writes the header row (bold) and sets every column's width and the frozen header. Call
/// before the rows (a constant-memory sheet takes widths only then).
pub fn head(
    sheet: &mut Worksheet,
    f: &Formats,
    header: &[&str],
    kinds: &[Kind],
    widths: &[(usize, f64)],
) -> Result<(), XlsxError> {
    for (c, h) in header.iter().enumerate() {
        let kind = kinds.get(c).copied().unwrap_or(Kind::Text);
        let w = widths
            .iter()
            .find(|(i, _)| *i == c)
            .map(|(_, w)| *w)
            .unwrap_or_else(|| width(h, kind));
        sheet.set_column_width(c as u16, w)?;
    }
    for (c, h) in header.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, *h, &f.bold)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    Ok(())
}

/// The filter over the header and `rows` data rows.
pub fn filter(sheet: &mut Worksheet, columns: usize, rows: u32) -> Result<(), XlsxError> {
    if columns > 0 {
        sheet.autofilter(0, 0, rows, columns as u16 - 1)?;
    }
    Ok(())
}

/// Writes one cell as its column's kind. An empty value is no cell; a value that is not what
/// the kind expects is written as text, as it is.
pub fn cell(
    sheet: &mut Worksheet,
    f: &Formats,
    row: u32,
    col: u16,
    value: &str,
    kind: Kind,
) -> Result<(), XlsxError> {
    if value.is_empty() {
        return Ok(());
    }
    match kind {
        Kind::Count | Kind::Decimal => {
            if let Ok(n) = value.trim().parse::<f64>()
                && n.is_finite()
            {
                if kind == Kind::Decimal {
                    sheet.write_number_with_format(row, col, n, &f.decimal)?;
                } else {
                    sheet.write_number(row, col, n)?;
                }
                return Ok(());
            }
        }
        Kind::Date => {
            if let Some(d) = date(value) {
                sheet.write_datetime_with_format(row, col, &d, &f.date)?;
                return Ok(());
            }
        }
        Kind::Time => {
            if let Some(t) = time(value) {
                sheet.write_datetime_with_format(row, col, &t, &f.time)?;
                return Ok(());
            }
        }
        Kind::Text | Kind::LongText => {}
    }
    // A string cell is never evaluated, so it is written as it is (no CSV-style guard).
    sheet.write_string_with_format(row, col, value, &f.text)?;
    Ok(())
}

fn date(s: &str) -> Option<ExcelDateTime> {
    use chrono::Datelike;
    let d = chrono::NaiveDate::parse_from_str(s.get(..10)?, "%Y-%m-%d").ok()?;
    ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8).ok()
}

fn time(s: &str) -> Option<ExcelDateTime> {
    use chrono::Timelike;
    let t = chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S")
        .or_else(|_| chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M"))
        .ok()?;
    date(s)?
        .and_hms(t.hour() as u16, t.minute() as u8, t.second() as f64)
        .ok()
}

/// The kind of a column by what its name says (the exports' own columns).
pub fn kind_of(head: &str) -> Kind {
    match head {
        "集体诉求人数"
        | "轮次"
        | "编号"
        | "调解次数"
        | "其中人工指定"
        | "评理次数"
        | "被排除次数"
        | "缺席次数"
        | "近12个月评理次数" => Kind::Count,
        "培训学时" => Kind::Decimal,
        "任期开始" | "任期结束" | "办理期限" => Kind::Date,
        "登记时间" | "办结时间" => Kind::Time,
        "诉求摘要" | "地址" => Kind::LongText,
        "诉求内容" | "诉求请求" | "拟办意见" | "领导批示" | "结果说明" => {
            Kind::LongText
        }
        _ => Kind::Text,
    }
}
