//! Roster files: import (CSV or XLSX, all or nothing, every bad row named), the template, and
//! the export. Columns are documented in docs/roster-file.md.

use crate::text::T;
use std::io::Write;
use std::path::Path;

use calamine::{Data, Reader, open_workbook_auto};
use chrono::NaiveDate;

use crate::domain::roster::{RepForm, RepImport, RepStatus, duplicate_rows, validate_rep};
use crate::domain::text::{for_spreadsheet, from_spreadsheet};
use crate::domain::{Arg, Lang, Problem};
use crate::store::{Store, StoreError, fmt_date};

/// Import and template columns, in order.
pub const COLUMNS: &[&str] = &[
    "姓名",
    "性别",
    "社区/村",
    "类别",
    "产生方式",
    "职业",
    "专长",
    "手机号",
    "任期开始",
    "任期结束",
];
/// Columns an import reads when they are there: 编号 (an export's; a row with one updates that
/// representative), 身份证号, 状态 and 培训学时 (an export's, checked against the records).
pub const OPTIONAL: &[&str] = &["编号", "身份证号", "状态", "培训学时"];
/// Export columns: 编号, the import columns, 身份证号, status and derived service history.
pub const EXPORT_EXTRA: &[&str] = &[
    "身份证号",
    "状态",
    "调解次数",
    "其中人工指定",
    "评理次数",
    "被排除次数",
    "缺席次数",
    "近12个月评理次数",
    "培训学时",
];

fn field_label(f: &str) -> &'static str {
    match f {
        "name" => "姓名",
        "sex" => "性别",
        "place" => "社区/村",
        "category" => "类别",
        "chosen_by" => "产生方式",
        "occupation" => "职业",
        "expertise" => "专长",
        "mobile" => "手机号",
        "term_start" => "任期开始",
        "term_end" => "任期结束",
        "id_number" => "身份证号",
        _ => "?",
    }
}

pub fn cell_text(d: &Data) -> String {
    match d {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Float(f) if f.fract() == 0.0 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => b.to_string(),
        // Excel serial dates count days from 1899-12-30.
        Data::DateTime(dt) => NaiveDate::from_ymd_opt(1899, 12, 30)
            .and_then(|base| base.checked_add_signed(chrono::Duration::days(dt.as_f64() as i64)))
            .map(|d| d.format("%Y-%m-%d").to_string())
            .unwrap_or_else(|| dt.to_string()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.chars().take(10).collect(),
        Data::Error(e) => format!("#{e:?}"),
    }
}

/// The largest file an import reads: checked before anything is read. A district's roster,
/// members or households are thousands of rows, a few megabytes; 32 MB is ten times the
/// largest plausible file and keeps an import's memory bounded.
pub const IMPORT_MAX_BYTES: u64 = 32 * 1024 * 1024;

/// The most rows (header included) an import takes from one file.
pub const IMPORT_MAX_ROWS: usize = 200_000;

/// Reads the rows of a CSV or XLSX file (header row first). A file over `IMPORT_MAX_BYTES` is
/// refused before it is read, one of more than `IMPORT_MAX_ROWS` rows as soon as that many are
/// read; either way nothing is imported and the message says to split the file.
pub fn read_rows(path: &Path) -> Result<Vec<Vec<String>>, Problem> {
    let mut rows = read_table(path)?;
    while rows
        .last()
        .is_some_and(|r| r.iter().all(|c| c.trim().is_empty()))
    {
        rows.pop();
    }
    if rows.last().is_some_and(|r| is_footer(r)) {
        rows.pop();
    }
    Ok(rows)
}

/// In a workbook, the audit head is a second sheet of its own (the data sheet holds only data).
pub fn head_sheet(wb: &mut rust_xlsxwriter::Workbook, footer: &str) -> Result<(), StoreError> {
    let sheet = wb.add_worksheet();
    sheet.set_name(HEAD_SHEET).map_err(xlsx_err)?;
    sheet.write_string(0, 0, footer).map_err(xlsx_err)?;
    Ok(())
}

/// The name of that sheet.
pub const HEAD_SHEET: &str = "审计链头";

/// The footer as a row as wide as the table (a CSV keeps every row the same width).
pub fn footer_row(footer: &str, width: usize) -> Vec<String> {
    let mut row = vec![String::new(); width.max(1)];
    row[0] = footer.to_string();
    row
}

/// The last row of an export, stating the audit head when it was made (`paper::head_line`):
/// one cell starting with `#`, the rest empty. An importer skips it.
pub fn is_footer(row: &[String]) -> bool {
    row.first().is_some_and(|c| c.starts_with("# "))
        && row.iter().skip(1).all(|c| c.trim().is_empty())
}

fn read_table(path: &Path) -> Result<Vec<Vec<String>>, Problem> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    let fail = |e: Arg| Problem::with(T::CannotRead, vec![Arg::plain(path.display()), e]);
    let size = std::fs::metadata(path)
        .map_err(|e| fail(Arg::plain(e)))?
        .len();
    if size > IMPORT_MAX_BYTES {
        return Err(fail(Arg::Problem(Box::new(Problem::fill(
            T::FileTooLargeToImport,
            &[
                &size.div_ceil(1024 * 1024),
                &(IMPORT_MAX_BYTES / 1024 / 1024),
            ],
        )))));
    }
    let too_many = || {
        fail(Arg::Problem(Box::new(Problem::fill(
            T::TooManyRowsToImport,
            &[&IMPORT_MAX_ROWS],
        ))))
    };
    match ext.as_str() {
        "xlsx" | "xls" | "xlsm" | "ods" => {
            // calamine's own words (“Zip error: … EOCD”) mean nothing at a desk.
            let mut wb =
                open_workbook_auto(path).map_err(|_| fail(Arg::Text(T::NotAWorkbookResave)))?;
            let name = wb
                .sheet_names()
                .first()
                .cloned()
                .ok_or_else(|| fail(Arg::Text(T::NoWorksheet)))?;
            let range = wb
                .worksheet_range(&name)
                .map_err(|_| fail(Arg::Text(T::NotAWorkbookResave)))?;
            if range.height() > IMPORT_MAX_ROWS {
                return Err(too_many());
            }
            Ok(range
                .rows()
                .map(|r| r.iter().map(cell_text).collect())
                .collect())
        }
        "csv" | "txt" => {
            let bytes = std::fs::read(path).map_err(|e| fail(Arg::plain(e)))?;
            let text =
                decode_text(&bytes).ok_or_else(|| fail(Arg::Text(T::NotUtf8SaveAsCsvUtf8)))?;
            let text = text.as_str();
            // Excel's “Unicode text” is tab-separated; a CSV is comma-separated.
            let first = text.lines().next().unwrap_or("");
            let delimiter = if first.contains('\t') && !first.contains(',') {
                b'\t'
            } else {
                b','
            };
            let mut rdr = csv::ReaderBuilder::new()
                .has_headers(false)
                .flexible(true)
                .delimiter(delimiter)
                .from_reader(text.as_bytes());
            let mut rows: Vec<Vec<String>> = vec![];
            for (i, rec) in rdr.records().enumerate() {
                let rec = rec.map_err(|e| {
                    fail(Arg::Problem(Box::new(Problem::fill(
                        T::RowSays,
                        &[&(i + 1), &e],
                    ))))
                })?;
                // The reader skips blank lines; keep them as empty rows so that row numbers in
                // messages are the line numbers a spreadsheet or editor shows.
                // The position is where the reader started, before the blank lines it skipped.
                let line = rec
                    .position()
                    .map(|p| {
                        let rest = text.get(p.byte() as usize..).unwrap_or("");
                        let blank = rest.len() - rest.trim_start_matches(['\r', '\n']).len();
                        p.line() as usize + rest[..blank].matches('\n').count()
                    })
                    .unwrap_or(rows.len() + 1);
                while rows.len() + 1 < line {
                    rows.push(vec![]);
                }
                if rows.len() >= IMPORT_MAX_ROWS {
                    return Err(too_many());
                }
                rows.push(
                    rec.iter()
                        .map(|c| from_spreadsheet(c).to_string())
                        .collect(),
                );
            }
            Ok(rows)
        }
        _ => Err(Problem::fill(T::UseCsvOrXlsxFile, &[&path.display()])),
    }
}

/// The text of a file as Chinese offices save it: UTF-8 with or without a BOM, UTF-16 with a
/// BOM (Excel's “Unicode text”), or GB18030 (which includes GBK and GB2312: what Excel and WPS
/// write for “CSV” on a Chinese Windows). `None`: none of these decodes it without error.
pub fn decode_text(bytes: &[u8]) -> Option<String> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return std::str::from_utf8(rest).ok().map(str::to_string);
    }
    for (bom, enc) in [
        (&b"\xFF\xFE"[..], encoding_rs::UTF_16LE),
        (&b"\xFE\xFF"[..], encoding_rs::UTF_16BE),
    ] {
        if let Some(rest) = bytes.strip_prefix(bom) {
            let (text, bad) = enc.decode_without_bom_handling(rest);
            return (!bad).then(|| text.into_owned());
        }
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Some(s.to_string());
    }
    let (text, bad) = encoding_rs::GB18030.decode_without_bom_handling(bytes);
    (!bad).then(|| text.into_owned())
}

/// The header row of a table: the first of its first ten rows that holds every one of `cols`
/// (a title row above it, often merged across the columns, is skipped). `None`: no such row.
pub fn header_row(rows: &[Vec<String>], cols: &[&str]) -> Option<usize> {
    rows.iter().take(10).position(|r| {
        cols.iter().all(|c| {
            r.iter()
                .any(|h| h.trim().trim_start_matches('\u{feff}') == *c)
        })
    })
}

/// The mark on the template's example row: a row with a cell starting with it is not imported.
pub const EXAMPLE_MARK: &str = "【示例】";

/// Whether a row is the template's example (`EXAMPLE_MARK`).
pub fn is_example(row: &[String]) -> bool {
    row.iter().any(|c| c.trim_start().starts_with(EXAMPLE_MARK))
}

/// A date cell as a spreadsheet may hold it: an Excel serial number (days since 1899-12-30,
/// 20000–80000: 1954–2119) becomes `YYYY-MM-DD`; anything else is left as it is.
pub fn excel_serial_date(cell: &str) -> String {
    let t = cell.trim();
    match t.parse::<i64>() {
        Ok(n) if (20_000..=80_000).contains(&n) => NaiveDate::from_ymd_opt(1899, 12, 30)
            .and_then(|b| b.checked_add_signed(chrono::Duration::days(n)))
            .map(|d| d.format("%Y-%m-%d").to_string())
            .unwrap_or_else(|| cell.to_string()),
        _ => cell.to_string(),
    }
}

/// “第 5 行 手机号：…”: a problem of a row's column (named as the file names it).
pub fn row_field_problem(row: usize, column: &str, p: Problem) -> Problem {
    Problem::with(
        T::RowColumnProblem,
        vec![
            Arg::plain(row),
            Arg::plain(column),
            Arg::Problem(Box::new(p)),
        ],
    )
}

/// Validates every row; on any problem returns all of them with their row numbers. A file that
/// names one person twice (or one 编号 twice) is refused naming both rows.
pub fn parse_roster(
    rows: &[Vec<String>],
    today: NaiveDate,
) -> Result<Vec<RepImport>, Vec<Problem>> {
    let mut errors = vec![];
    let at = header_row(rows, COLUMNS).unwrap_or(0);
    let Some(header) = rows.get(at) else {
        return Err(vec![Problem::of(T::FileIsEmpty)]);
    };
    let idx: Vec<Option<usize>> = COLUMNS
        .iter()
        .map(|c| header.iter().position(|h| h.trim() == *c))
        .collect();
    let missing: Vec<&str> = COLUMNS
        .iter()
        .zip(&idx)
        .filter(|(_, i)| i.is_none())
        .map(|(c, _)| *c)
        .collect();
    if !missing.is_empty() {
        return Err(vec![Problem::fill(
            T::HeaderLacksUseTemplate,
            &[&missing.join("、")],
        )]);
    }
    let opt: Vec<Option<usize>> = OPTIONAL
        .iter()
        .map(|c| header.iter().position(|h| h.trim() == *c))
        .collect();
    let mut out = vec![];
    let mut row_of = vec![];
    for (n, row) in rows.iter().enumerate().skip(at + 1) {
        if row.iter().all(|c| c.trim().is_empty()) || is_example(row) {
            continue;
        }
        let get = |k: usize| idx[k].and_then(|i| row.get(i)).cloned().unwrap_or_default();
        let optional = |k: usize| {
            opt[k]
                .and_then(|i| row.get(i))
                .map(|c| c.trim().to_string())
                .unwrap_or_default()
        };
        let mut bad = |column: &str, p: Problem| errors.push(row_field_problem(n + 1, column, p));
        let number = match optional(0) {
            s if s.is_empty() => None,
            s => match s.parse::<i64>() {
                Ok(v) if v > 0 => Some(v),
                _ => {
                    bad(OPTIONAL[0], Problem::of(T::AWholeNumber));
                    None
                }
            },
        };
        let status = match optional(2) {
            s if s.is_empty() => None,
            s => match crate::domain::parse_choice(
                &s,
                RepStatus::parse,
                RepStatus::ALL,
                RepStatus::zh,
                T::FieldState,
            ) {
                Ok(v) => Some(v),
                Err(p) => {
                    bad(OPTIONAL[2], p);
                    None
                }
            },
        };
        let training_hours = match optional(3) {
            s if s.is_empty() => None,
            s => match s.parse::<f64>() {
                Ok(v) if v >= 0.0 && v.is_finite() => Some(v),
                _ => {
                    bad(OPTIONAL[3], Problem::of(T::AWholeNumber));
                    None
                }
            },
        };
        let form = RepForm {
            name: get(0),
            sex: get(1),
            place: get(2),
            category: get(3),
            chosen_by: get(4),
            occupation: get(5),
            expertise: get(6),
            mobile: get(7),
            term_start: excel_serial_date(&get(8)),
            term_end: excel_serial_date(&get(9)),
            resident_id: optional(1),
        };
        match validate_rep(&form, today) {
            Ok(rep) => {
                out.push(RepImport {
                    row: n + 1,
                    number,
                    rep,
                    status,
                    training_hours,
                });
                row_of.push(n + 1);
            }
            Err(es) => {
                for (field, p) in es {
                    errors.push(row_field_problem(n + 1, field_label(field), p));
                }
            }
        }
    }
    for (later, earlier) in duplicate_rows(&out) {
        errors.push(
            Problem::fill(T::SameRowTwice, &[&row_of[earlier]]).at(T::RowPlace, row_of[later]),
        );
    }
    if errors.is_empty() {
        if out.is_empty() {
            return Err(vec![Problem::of(T::NoRepresentativesInFile)]);
        }
        Ok(out)
    } else {
        Err(errors)
    }
}

/// Writes the import template (CSV with BOM, or XLSX with text cells), with one example row
/// (its name marked `EXAMPLE_MARK`, so that importing the template as it is imports no one).
pub fn write_template(out: &Path) -> Result<(), StoreError> {
    let example = [
        "【示例】李秀英",
        "女",
        "仙城社区",
        "人大代表",
        "组织推荐",
        "退休教师",
        "邻里纠纷调解",
        "13812345678",
        "2025-01-01",
        "2027-12-31",
        "",
    ];
    let header: Vec<&str> = COLUMNS.iter().chain(&OPTIONAL[1..2]).copied().collect();
    write_table(
        out,
        "议事代表",
        &header,
        std::iter::once(example.iter().map(|s| s.to_string()).collect()),
        None,
    )
}

fn xlsx_err(e: rust_xlsxwriter::XlsxError) -> StoreError {
    StoreError::Refused(Problem::fill(T::CouldNotWriteXLSX, &[&e]))
}

/// One row of a CSV file, each cell as a spreadsheet must get it (`for_spreadsheet`).
pub fn write_csv_row<W: Write>(w: &mut csv::Writer<W>, row: &[impl AsRef<str>]) -> csv::Result<()> {
    let cells: Vec<_> = row.iter().map(|c| for_spreadsheet(c.as_ref())).collect();
    w.write_record(cells.iter().map(|c| c.as_bytes()))
}

/// A table as CSV (BOM) or XLSX (`sheet`: counts as numbers, dates as dates, the rest text;
/// widths, a frozen header, a filter), chosen by the file extension.
pub fn write_table(
    out: &Path,
    sheet_name: &str,
    header: &[&str],
    rows: impl Iterator<Item = Vec<String>>,
    footer: Option<&str>,
) -> Result<(), StoreError> {
    let ext = out
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    let tmp = out.with_extension(format!("{ext}.part"));
    if ext == "xlsx" {
        use crate::sheet;
        let mut wb = rust_xlsxwriter::Workbook::new();
        let sheet = wb.add_worksheet();
        sheet.set_name(sheet_name).map_err(xlsx_err)?;
        let formats = sheet::Formats::default();
        let kinds: Vec<sheet::Kind> = header.iter().map(|h| sheet::kind_of(h)).collect();
        let widths: Vec<(usize, f64)> = header
            .iter()
            .enumerate()
            .filter_map(|(i, h)| match *h {
                "手机号" => Some((i, 14.0)),
                "身份证号" => Some((i, 20.0)),
                _ => None,
            })
            .collect();
        sheet::head(sheet, &formats, header, &kinds, &widths).map_err(xlsx_err)?;
        let mut n = 0u32;
        for (r, row) in rows.enumerate() {
            n = r as u32 + 1;
            for (c, v) in row.iter().enumerate() {
                let kind = kinds.get(c).copied().unwrap_or(sheet::Kind::Text);
                sheet::cell(sheet, &formats, n, c as u16, v, kind).map_err(xlsx_err)?;
            }
        }
        sheet::filter(sheet, header.len(), n).map_err(xlsx_err)?;
        if let Some(footer) = footer {
            head_sheet(&mut wb, footer)?;
        }
        wb.save(&tmp).map_err(xlsx_err)?;
    } else {
        let mut buf = std::io::BufWriter::new(std::fs::File::create(&tmp)?);
        buf.write_all(b"\xEF\xBB\xBF")?;
        let mut w = csv::Writer::from_writer(buf);
        let io = |e: csv::Error| StoreError::Io(std::io::Error::other(e.to_string()));
        w.write_record(header).map_err(io)?;
        for row in rows {
            write_csv_row(&mut w, &row).map_err(io)?;
        }
        if let Some(footer) = footer {
            write_csv_row(&mut w, &footer_row(footer, header.len())).map_err(io)?;
        }
        w.flush()?;
    }
    std::fs::rename(&tmp, out)?;
    Ok(())
}

/// Exports the roster with service history.
pub fn export_roster(
    store: &Store,
    out: &Path,
    today: NaiveDate,
    lang: Lang,
) -> Result<usize, StoreError> {
    let refs = store.refs()?;
    let mut rows = vec![];
    store.for_each_rep(|r| {
        let s = store.service(r.id, today)?;
        let hours: f64 = store
            .rep_detail(r.id, today)?
            .trainings
            .iter()
            .map(|t| t.2)
            .sum::<f64>()
            // An empty sum of floats is -0.0, which would print as "-0".
            + 0.0;
        rows.push(vec![
            r.id.to_string(),
            r.name.clone(),
            r.sex.label(lang).to_string(),
            refs.place_name(r.place_id).to_string(),
            r.category.label(lang).to_string(),
            r.chosen_by.label(lang).to_string(),
            r.occupation.clone(),
            r.expertise.clone(),
            r.mobile.clone(),
            fmt_date(r.term_start),
            fmt_date(r.term_end),
            r.resident_id.clone().unwrap_or_default(),
            r.status.label(lang).to_string(),
            s.mediations.to_string(),
            s.mediations_manual.to_string(),
            s.hearings.to_string(),
            s.struck.to_string(),
            s.absences.to_string(),
            s.hearings_12m.to_string(),
            hours.to_string(),
        ]);
        Ok(())
    })?;
    let n = rows.len();
    let header: Vec<&str> = std::iter::once(&OPTIONAL[0])
        .chain(COLUMNS.iter())
        .chain(EXPORT_EXTRA.iter())
        .copied()
        .collect();
    let footer = crate::paper::head_line(store, lang)?;
    write_table(
        out,
        "议事代表",
        &header,
        rows.into_iter(),
        footer.as_deref(),
    )?;
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(body: &[&[&str]]) -> Vec<Vec<String>> {
        let mut v = vec![COLUMNS.iter().map(|s| s.to_string()).collect()];
        v.extend(
            body.iter()
                .map(|r| r.iter().map(|s| s.to_string()).collect()),
        );
        v
    }

    fn parse(rows: &[Vec<String>]) -> Result<Vec<RepImport>, Vec<Problem>> {
        parse_roster(rows, NaiveDate::from_ymd_opt(2026, 11, 26).unwrap())
    }

    #[test]
    fn good_rows_parse() {
        let r = parse(&rows(&[&[
            "张三",
            "男",
            "仙城社区",
            "居民代表",
            "自荐",
            "",
            "",
            "13812345678",
            "2025-01-01",
            "2027-12-31",
        ]]))
        .unwrap();
        assert_eq!(r.len(), 1);
    }

    #[test]
    fn every_bad_row_is_named_with_its_number() {
        let e = parse(&rows(&[
            &[
                "张三",
                "男",
                "仙城社区",
                "居民代表",
                "自荐",
                "",
                "",
                "13812345678",
                "2025-01-01",
                "2027-12-31",
            ],
            &[
                "李四",
                "男",
                "仙城社区",
                "居民",
                "自荐",
                "",
                "",
                "1381234",
                "2025-01-01",
                "2027-12-31",
            ],
            &["", "", "", "", "", "", "", "", "", ""],
            &[
                "王五",
                "女",
                "东山社区",
                "村民代表",
                "推荐",
                "",
                "",
                "13912345678",
                "2025-13-01",
                "2027-12-31",
            ],
        ]))
        .unwrap_err();
        let e: Vec<String> = e.iter().map(Problem::zh).collect();
        assert!(e.iter().any(|x| x.starts_with("第 3 行 手机号")), "{e:?}");
        assert!(e.iter().any(|x| x.starts_with("第 3 行 类别")), "{e:?}");
        assert!(e.iter().any(|x| x.starts_with("第 5 行 产生方式")), "{e:?}");
        assert!(e.iter().any(|x| x.starts_with("第 5 行 任期开始")), "{e:?}");
    }

    #[test]
    fn a_wrong_header_says_which_columns_are_missing() {
        let e = parse(&[vec!["姓名".into(), "电话".into()]]).unwrap_err();
        assert!(e[0].zh().contains("缺少列") && e[0].zh().contains("手机号"));
        assert!(e[0].en().contains("lacks the columns"), "{}", e[0].en());
    }

    #[test]
    fn a_file_over_the_import_limits_is_refused_before_it_is_read_whole() {
        let dir = tempfile::tempdir().unwrap();
        // A sparse file: 33 MB long without writing 33 MB.
        let big = dir.path().join("名册.csv");
        std::fs::File::create(&big)
            .unwrap()
            .set_len(IMPORT_MAX_BYTES + 1024 * 1024)
            .unwrap();
        let e = read_rows(&big).unwrap_err();
        assert!(e.zh().contains("超过导入上限 32 MB"), "{}", e.zh());
        assert!(e.en().contains("split it"), "{}", e.en());
        let many = dir.path().join("many.csv");
        std::fs::write(&many, "x\n".repeat(IMPORT_MAX_ROWS + 1)).unwrap();
        let e = read_rows(&many).unwrap_err();
        assert!(e.zh().contains("超过导入上限 200000 行"), "{}", e.zh());
        std::fs::write(&many, "x\n".repeat(IMPORT_MAX_ROWS)).unwrap();
        assert_eq!(read_rows(&many).unwrap().len(), IMPORT_MAX_ROWS);
    }

    #[test]
    fn a_cell_that_would_run_in_a_spreadsheet_is_written_as_text_and_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("t.csv");
        let row = vec![
            "=HYPERLINK(\"http://evil\",\"点此\")".to_string(),
            "张三".to_string(),
        ];
        write_table(&out, "t", &["a", "b"], vec![row.clone()].into_iter(), None).unwrap();
        let text = std::fs::read_to_string(&out).unwrap();
        assert!(text.contains("'=HYPERLINK"), "{text}");
        assert!(
            !text.contains(",=") && !text.contains("\n=") && !text.contains("\"="),
            "{text}"
        );
        let back = read_rows(&out).unwrap();
        assert_eq!(back[1], row);
    }
}
