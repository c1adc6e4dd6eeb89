//! Paper and files: the printed one-ticket form (一单制办理单) and ticket exports (CSV, XLSX).
//!
//! Export columns are documented in `docs/export.md`. CSV is written with a UTF-8 BOM so that
//! Excel opens it as UTF-8; ID numbers and mobile numbers are always written as text.

use crate::text::T;
use crate::words::first_handler;
use std::io::Write;
use std::path::Path;

use chrono::NaiveDate;

use crate::domain::Problem;
use crate::domain::audit::payload_pairs;
use crate::domain::calendar::zh_date;
use crate::domain::flow::MoveKind;
use crate::domain::roles::Actor;
use crate::domain::text::for_terminal;
use crate::domain::vocab::{Classification, FeedbackMethod, Lang, Resolution, Satisfaction, State};
use crate::records::audit::TimelineEntry;
use crate::records::org::Refs;
use crate::records::tickets::{ExportFilter, TicketRecord};
use crate::store::{Store, StoreError};

/// The export columns, in order. The header is part of the file format (the importers and the
/// spreadsheets people keep read these names), so it is Chinese whatever the desk's language.
pub const COLUMNS: &[&str] = &[
    "编号",
    "登记时间",
    "登记中心",
    "来源渠道",
    "诉求人",
    "手机号",
    "身份证号",
    "地址",
    "社区/村",
    "集体诉求人数",
    "类别",
    "紧急程度",
    "诉求摘要",
    "诉求内容",
    "诉求请求",
    "首办负责人",
    "阶段",
    "状态",
    "轮次",
    "拟办分类",
    "拟办意见",
    "下单领导",
    "领导批示",
    "处理方式",
    "承办单位",
    "办理期限",
    "办理结果",
    "结果说明",
    "群众评价",
    "按未解决办结",
    "办结时间",
    "重复件",
    "合并至",
];

/// A printout as it leaves the center: its text, then a footer stating the audit chain's head
/// when it was made, so that whoever files it can later catch a truncated or re-hashed log
/// (`suqiu audit verify --anchor N:HASH`, docs/audit.md). The footer starts with `#`, which a
/// receipt's reader skips.
pub fn stamp(store: &Store, text: &str, lang: Lang) -> Result<String, StoreError> {
    let mut s = text.to_string();
    if !s.ends_with('\n') {
        s.push('\n');
    }
    if let Some(line) = head_line(store, lang)? {
        s.push_str(&line);
        s.push('\n');
    }
    Ok(s)
}

/// The footer line naming the audit head now (`None` on an empty log). Exports end with it as
/// their last row; importers skip it (`roster_files::is_footer`).
pub fn head_line(store: &Store, lang: Lang) -> Result<Option<String>, StoreError> {
    Ok(store
        .audit_head()?
        .map(|h| T::AuditHeadFooter.fill(lang, &[&h.seq, &crate::domain::hex(&h.hash)])))
}

/// Writes a stamped printout named `name` into `dir` (made if missing) and returns its path.
/// Writes a printout into the desk's print folder: the text (`name`, a `.txt`), and beside it
/// the same as an A4 PDF in a CJK font found on this computer. Returns the PDF's path, or the
/// text's when no CJK font is found (the desk then says so: `printed_said`).
pub fn write_printout(
    store: &Store,
    dir: &Path,
    name: &str,
    text: &str,
    lang: Lang,
) -> Result<std::path::PathBuf, StoreError> {
    let text = stamp(store, text, lang)?;
    std::fs::create_dir_all(dir)?;
    let path = dir.join(name);
    let part = path.with_extension("txt.part");
    std::fs::write(&part, &text)?;
    std::fs::rename(&part, &path)?;
    match cjk_font() {
        Ok(font) => {
            let pdf = path.with_extension("pdf");
            let title = name.trim_end_matches(".txt");
            crate::pdf::write_pdf(&pdf, &text, title, font)?;
            Ok(pdf)
        }
        Err(crate::pdf::NoCjkFont) => Ok(path),
    }
}

/// What the desk says of a printout written to `path`: where it is, and when it is only text
/// (no CJK font here), why and what to install.
pub fn printed_said(path: &Path, lang: Lang) -> String {
    if path.extension().is_some_and(|e| e == "pdf") {
        T::PrintedTo.fill(lang, &[&path.display()])
    } else {
        T::PrintedAsTextNoCjkFont.fill(lang, &[&path.display()])
    }
}

/// The CJK font of this process's PDFs, looked for once.
pub fn cjk_font() -> Result<&'static crate::pdf::CjkFont, crate::pdf::NoCjkFont> {
    static FONT: std::sync::OnceLock<Result<crate::pdf::CjkFont, crate::pdf::NoCjkFont>> =
        std::sync::OnceLock::new();
    FONT.get_or_init(crate::pdf::find_cjk_font)
        .as_ref()
        .map_err(Clone::clone)
}

/// `text` as an A4 PDF, or a refusal that says which fonts to install.
pub fn pdf_bytes(text: &str, title: &str) -> Result<Vec<u8>, StoreError> {
    let font = cjk_font().map_err(|_| StoreError::Refused(Problem::of(T::NoCjkFontForPdf)))?;
    crate::pdf::text_to_pdf(text, title, font).map_err(|e| StoreError::Io(std::io::Error::other(e)))
}

fn label<T: Copy>(v: Option<T>, f: fn(T) -> &'static str) -> String {
    v.map(f).unwrap_or("").to_string()
}

/// One exported row, in column order.
pub fn export_row(
    rec: &TicketRecord,
    refs: &Refs,
    number_of: &dyn Fn(i64) -> String,
) -> Vec<String> {
    let ps = &rec.petitioners;
    let join = |f: &dyn Fn(&crate::records::tickets::PetitionerRecord) -> String| {
        ps.iter().map(f).collect::<Vec<_>>().join("；")
    };
    vec![
        rec.number(),
        rec.received_at.clone(),
        refs.center_name(rec.center_id).to_string(),
        rec.channel.zh().to_string(),
        rec.petitioner_names.clone(),
        join(&|p| p.mobile.clone().unwrap_or_default()),
        join(&|p| p.resident_id.clone().unwrap_or_default()),
        join(&|p| p.address.clone()),
        refs.place_name(rec.place_id).to_string(),
        rec.head_count.map(|n| n.to_string()).unwrap_or_default(),
        refs.category_name(rec.category_id).to_string(),
        rec.urgency.zh().to_string(),
        rec.summary.clone(),
        rec.content.clone(),
        rec.request.clone(),
        first_handler(rec, refs, Lang::Zh),
        rec.state.stage().zh().to_string(),
        rec.state.zh().to_string(),
        rec.round.to_string(),
        label(rec.proposed, Classification::zh),
        rec.opinion.clone().unwrap_or_default(),
        refs.leader_name(rec.leader_id).to_string(),
        rec.instruction.clone().unwrap_or_default(),
        label(rec.decision, Classification::zh),
        refs.department_name(rec.department_id).to_string(),
        rec.due_date().map(|d| d.to_string()).unwrap_or_default(),
        label(rec.resolution, Resolution::zh),
        rec.result
            .clone()
            .or_else(|| rec.answer.clone())
            .unwrap_or_default(),
        label(rec.satisfaction, Satisfaction::zh),
        if rec.unresolved_closure {
            "是".into()
        } else {
            String::new()
        },
        rec.closed_at.clone().unwrap_or_default(),
        rec.repeat_of.map(number_of).unwrap_or_default(),
        rec.merged_into.map(number_of).unwrap_or_default(),
    ]
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Xlsx,
}

impl Format {
    pub fn parse(s: &str) -> Result<Format, Problem> {
        match s.to_ascii_lowercase().as_str() {
            "csv" => Ok(Format::Csv),
            "xlsx" => Ok(Format::Xlsx),
            _ => Err(Problem::fill(T::UnknownFormatUseCsvOr, &[&s])),
        }
    }

    /// The format asked for, else the one `out`'s extension names, else XLSX (what an office
    /// opens by default).
    pub fn for_file(asked: Option<&str>, out: &Path) -> Result<Format, Problem> {
        match asked {
            Some(s) => Format::parse(s),
            None => Ok(
                match out
                    .extension()
                    .and_then(|e| e.to_str())
                    .map(str::to_ascii_lowercase)
                {
                    Some(e) if e == "csv" => Format::Csv,
                    _ => Format::Xlsx,
                },
            ),
        }
    }
}

/// Largest number of rows an XLSX sheet holds (header included).
const XLSX_MAX_ROWS: usize = 1_048_576;

fn xlsx_err(e: rust_xlsxwriter::XlsxError) -> StoreError {
    StoreError::Refused(Problem::fill(T::CouldNotWriteXLSX, &[&e]))
}

/// Exports tickets to a file. Writes to a temporary file next to `out` and renames it into
/// place, so a failed export never leaves half a file under the requested name.
pub fn export_tickets(
    store: &Store,
    actor: &Actor,
    filter: &ExportFilter,
    format: Format,
    out: &Path,
) -> Result<usize, StoreError> {
    let refs = store.refs()?;
    let footer = head_line(store, Lang::Zh)?;
    let number_of = |id: i64| -> String {
        store
            .ticket(actor, id)
            .map(|r| r.number())
            .unwrap_or_default()
    };
    let tmp = out.with_extension(format!(
        "{}.part",
        out.extension().and_then(|e| e.to_str()).unwrap_or("tmp")
    ));
    let job = store.progress().start(T::ProgressExport, 0);
    let n = match format {
        Format::Csv => {
            let file = std::fs::File::create(&tmp)?;
            let mut buf = std::io::BufWriter::new(file);
            buf.write_all(b"\xEF\xBB\xBF")?;
            let mut w = csv::Writer::from_writer(buf);
            let io = |e: csv::Error| StoreError::Io(std::io::Error::other(e.to_string()));
            w.write_record(COLUMNS).map_err(io)?;
            let n = store.for_each_ticket(actor, filter, |rec| {
                job.advance(1);
                let row = export_row(rec, &refs, &number_of);
                crate::roster_files::write_csv_row(&mut w, &row).map_err(io)
            })?;
            if let Some(footer) = &footer {
                let row = crate::roster_files::footer_row(footer, COLUMNS.len());
                crate::roster_files::write_csv_row(&mut w, &row).map_err(io)?;
            }
            w.flush()?;
            n
        }
        Format::Xlsx => {
            use crate::sheet;
            let mut wb = rust_xlsxwriter::Workbook::new();
            let sheet = wb.add_worksheet_with_constant_memory();
            sheet.set_name("诉求件").map_err(xlsx_err)?;
            let formats = sheet::Formats::default();
            let kinds: Vec<sheet::Kind> = COLUMNS.iter().map(|h| sheet::kind_of(h)).collect();
            sheet::head(sheet, &formats, COLUMNS, &kinds, &[(0, 14.0), (6, 20.0)])
                .map_err(xlsx_err)?;
            let mut row: u32 = 0;
            let n = store.for_each_ticket(actor, filter, |rec| {
                job.advance(1);
                row += 1;
                if row as usize >= XLSX_MAX_ROWS {
                    return Err(StoreError::Refused(Problem::of(T::MoreRowsThanXLSXSheet)));
                }
                // Counts as numbers, times as dates; the rest (ID numbers and mobiles above
                // all) as text, which a spreadsheet never turns into a number.
                for (c, v) in export_row(rec, &refs, &number_of).iter().enumerate() {
                    sheet::cell(sheet, &formats, row, c as u16, v, kinds[c]).map_err(xlsx_err)?;
                }
                Ok(())
            })?;
            sheet::filter(sheet, COLUMNS.len(), row).map_err(xlsx_err)?;
            if let Some(footer) = &footer {
                crate::roster_files::head_sheet(&mut wb, footer)?;
            }
            wb.save(&tmp).map_err(xlsx_err)?;
            n
        }
    };
    std::fs::rename(&tmp, out)?;
    Ok(n)
}

/// Parses `--from` / `--to` dates.
pub fn parse_filter(
    from: Option<&str>,
    to: Option<&str>,
    state: Option<&str>,
) -> Result<ExportFilter, Problem> {
    let date = |s: Option<&str>| -> Result<Option<chrono::NaiveDate>, Problem> {
        s.map(crate::domain::calendar::parse_date).transpose()
    };
    let state = match state {
        Some(s) => Some(State::parse(s).ok_or_else(|| {
            let all: Vec<&str> = State::ALL.iter().map(|s| s.code()).collect();
            Problem::fill(T::NoStateUseOneOf, &[&s, &all.join(", ")])
        })?),
        None => None,
    };
    Ok(ExportFilter {
        from: date(from)?,
        to: date(to)?,
        state,
    })
}

/// Punctuation that Chinese typesetting never puts at the start of a line.
fn no_line_start(c: char) -> bool {
    "。，、；：？！”’）》】」』…—·.,;:?!)".contains(c)
}

/// Wraps `s` at `width` columns (a CJK character is two), sanitised for the terminal; the
/// printed form and the PDF both set their lines with it.
pub(crate) fn wrap(s: &str, width: usize) -> Vec<String> {
    use unicode_width::UnicodeWidthChar;
    let mut out = vec![];
    for line in s.split('\n') {
        let mut cur = String::new();
        let mut w = 0;
        for c in for_terminal(line).chars() {
            let cw = c.width().unwrap_or(0);
            // 避头点: closing punctuation never starts a line; it stays at the end of the line
            // before, one cell past the width.
            if w + cw > width && (cur.is_empty() || !no_line_start(c)) {
                out.push(std::mem::take(&mut cur));
                w = 0;
            }
            cur.push(c);
            w += cw;
        }
        out.push(cur);
    }
    out
}

/// Width of the printed form, in terminal columns.
const FORM_W: usize = 72;

/// A labelled field of the printed form, wrapped under its label.
fn form_field(name: &str, value: &str, lang: Lang) -> Vec<String> {
    let body = wrap(value, FORM_W - 14);
    body.iter()
        .enumerate()
        .map(|(i, b)| {
            if i == 0 {
                format!("  {name}{}{b}", lang.colon())
            } else {
                format!(
                    "  {}  {b}",
                    " ".repeat(unicode_width::UnicodeWidthStr::width(name))
                )
            }
        })
        .collect()
}

/// The one-ticket form (一单制办理单) as plain text for printing.
pub fn ticket_form(
    rec: &TicketRecord,
    timeline: &[TimelineEntry],
    refs: &Refs,
    today: NaiveDate,
    lang: Lang,
) -> String {
    const W: usize = FORM_W;
    let mut s = String::new();
    let mut line = |t: String| {
        s.push_str(&t);
        s.push('\n');
    };
    let rule = "─".repeat(W / 2);
    line(format!(
        "{:^width$}",
        refs.center_name(rec.center_id),
        width = W - 20
    ));
    line(format!(
        "{:^width$}",
        T::OneTicketHandlingForm.get(lang),
        width = W - 20
    ));
    line(format!(
        "{}{}    {}{}",
        T::NumberLabel.get(lang),
        rec.number(),
        T::ReceivedLabel.get(lang),
        rec.received_at
    ));
    line(rule.clone());
    for t in draft_section(rec, refs, lang) {
        line(t);
    }
    line(String::new());
    for t in issue_section(rec, timeline, refs, lang) {
        line(t);
    }
    line(String::new());
    for t in rounds_section(timeline, refs, today, lang) {
        line(t);
    }
    line(String::new());
    for t in outcome_section(rec, timeline, lang) {
        line(t);
    }
    line(rule);
    line(format!(
        "{}______________    {}______________",
        T::Handler.get(lang),
        T::PetitionerSignature.get(lang)
    ));
    line(format!(
        "{}______________    {}______________",
        T::CenterHead.get(lang),
        T::DateLabel.get(lang)
    ));
    s
}

/// 一、诉求登记（拟单）: how the petition came in, who brought it, what it asks, the draft.
fn draft_section(rec: &TicketRecord, refs: &Refs, lang: Lang) -> Vec<String> {
    let mut out = vec![];
    out.push(T::FormDraftHeading.get(lang).to_string());
    let pets: Vec<String> = rec
        .petitioners
        .iter()
        .map(|p| {
            let mut t = p.name.clone();
            if let Some(m) = &p.mobile {
                t.push_str(&format!("  {m}"));
            }
            if let Some(id) = &p.resident_id {
                t.push_str(&format!("  {id}"));
            }
            if !p.address.is_empty() {
                t.push_str(&format!("  {}", p.address));
            }
            t
        })
        .collect();
    for f in [
        (T::Channel.get(lang), rec.channel.label(lang).to_string()),
        (T::Petitioner.get(lang), pets.join("；")),
        (
            T::Community.get(lang),
            refs.place_name(rec.place_id).to_string(),
        ),
        (
            T::Collective.get(lang),
            rec.head_count
                .map(|n| format!("{n} 人"))
                .unwrap_or_else(|| T::NoLowerShort.get(lang).into()),
        ),
        (
            T::Category.get(lang),
            T::Paren.fill(
                lang,
                &[
                    &refs.category_name(rec.category_id),
                    &rec.urgency.label(lang),
                ],
            ),
        ),
        (T::Summary.get(lang), rec.summary.clone()),
        (T::Content.get(lang), rec.content.clone()),
        (T::PetitionRequest.get(lang), rec.request.clone()),
        (T::FirstHandler.get(lang), first_handler(rec, refs, lang)),
        (T::Classification.get(lang), label(rec.proposed, |c| c.zh())),
        (
            T::ProposedOpinion.get(lang),
            rec.opinion.clone().unwrap_or_default(),
        ),
    ] {
        for t in form_field(f.0, &f.1, lang) {
            out.push(t);
        }
    }
    out
}

/// 二、领导批示（下单）: the leader, the decision and the instruction of the first 下单 (the
/// department and the deadline belong to each round, below). A ticket not yet issued says so
/// and shows no deadline.
fn issue_section(
    rec: &TicketRecord,
    timeline: &[TimelineEntry],
    refs: &Refs,
    lang: Lang,
) -> Vec<String> {
    let mut out = vec![T::FormIssueHeading.get(lang).to_string()];
    let Some(first) = timeline
        .iter()
        .find(|e| MoveKind::from_code(&e.kind) == Some(MoveKind::Issue))
    else {
        out.push(format!("  {}", T::NotYetIssued.get(lang)));
        return out;
    };
    let pairs = payload_pairs(&first.payload);
    let leader = pair(&pairs, "leader")
        .and_then(|id| id.parse().ok())
        .and_then(|id| refs.leader(id))
        .map(|x| T::Paren.fill(lang, &[&x.name, &x.position]))
        .unwrap_or_default();
    let decision = pair(&pairs, "decision")
        .and_then(Classification::from_code)
        .map(|c| c.label(lang).to_string())
        .unwrap_or_default();
    for (name, value) in [
        (T::Leader.get(lang), leader),
        (T::HandlingDecision.get(lang), decision),
        (T::Instruction.get(lang), first.note.clone()),
        (T::IssuedAt.get(lang), short_at(&first.at)),
    ] {
        out.extend(form_field(name, &value, lang));
    }
    if rec.decision.is_some() && rec.instruction.as_deref() != Some(first.note.as_str()) {
        // A later 下单 (after 退单, or 领导督办) is in its round below.
        out.extend(form_field(
            T::LatestInstruction.get(lang),
            rec.instruction.as_deref().unwrap_or(""),
            lang,
        ));
    }
    out
}

fn pair<'a>(pairs: &'a [(String, String)], key: &str) -> Option<&'a str> {
    pairs
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}

/// An event's time as the form prints it: to the minute.
fn short_at(at: &str) -> String {
    at[..16.min(at.len())].to_string()
}

/// One round of handling as the form prints it: how it began, the department and deadline in
/// force, and its events in order.
struct Round<'a> {
    kind: RoundKind,
    department: Option<i64>,
    due: Option<NaiveDate>,
    events: Vec<&'a TimelineEntry>,
}

#[derive(Clone, Copy, PartialEq)]
enum RoundKind {
    /// 第 n 轮办理.
    Nth(u8),
    /// 领导督办 after a second dissatisfied evaluation.
    Supervision,
}

/// Splits the log into rounds: the first 下单 opens round 1; a dissatisfied first evaluation
/// opens round 2 (back to the same department, its deadline in the event, or to the leader
/// again when no department handled it); 领导督办 opens its own part. A 退单 and the 下单 after
/// it stay in their round (the round keeps its clock).
fn rounds(timeline: &[TimelineEntry]) -> Vec<Round<'_>> {
    let mut out: Vec<Round> = vec![];
    // The kind of the next round, when the last event ended one without starting the next.
    let mut next: Option<RoundKind> = None;
    let due_of = |pairs: &[(String, String)]| {
        pair(pairs, "due").and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
    };
    for e in timeline {
        let Some(kind) = MoveKind::from_code(&e.kind) else {
            continue;
        };
        let pairs = payload_pairs(&e.payload);
        match kind {
            MoveKind::Draft | MoveKind::Submit | MoveKind::Withdraw | MoveKind::Merge => {}
            MoveKind::Issue => {
                let department = pair(&pairs, "department").and_then(|d| d.parse().ok());
                let starts = out.is_empty() || next.is_some();
                if starts {
                    out.push(Round {
                        kind: next.take().unwrap_or(RoundKind::Nth(1)),
                        department,
                        due: due_of(&pairs),
                        events: vec![e],
                    });
                } else if let Some(r) = out.last_mut() {
                    r.department = department.or(r.department);
                    r.due = due_of(&pairs).or(r.due);
                    r.events.push(e);
                }
            }
            MoveKind::Escalate => {
                out.push(Round {
                    kind: RoundKind::Supervision,
                    department: None,
                    due: None,
                    events: vec![e],
                });
            }
            MoveKind::Feedback | MoveKind::Evaluate => {
                let department = out.last().and_then(|r| r.department);
                if let Some(r) = out.last_mut() {
                    r.events.push(e);
                }
                let dissatisfied_first = pair(&pairs, "satisfaction") == Some("dissatisfied")
                    && pair(&pairs, "round") == Some("1");
                if dissatisfied_first {
                    if e.to_state == State::Dispatched.code() {
                        out.push(Round {
                            kind: RoundKind::Nth(2),
                            department,
                            due: due_of(&pairs),
                            events: vec![],
                        });
                    } else {
                        next = Some(RoundKind::Nth(2));
                    }
                }
            }
            MoveKind::DecideExtension => {
                if let Some(r) = out.last_mut() {
                    if pair(&pairs, "approved") == Some("true") {
                        r.due = due_of(&pairs).or(r.due);
                    }
                    r.events.push(e);
                }
            }
            _ => {
                if let Some(r) = out.last_mut() {
                    r.events.push(e);
                }
            }
        }
    }
    out
}

/// What an event says beyond its note, in words (the method, the views, the days).
fn event_detail(e: &TimelineEntry, lang: Lang) -> String {
    let mut parts = vec![];
    for (k, v) in payload_pairs(&e.payload) {
        let said = match k.as_str() {
            "method" => FeedbackMethod::from_code(&v).map(|m| m.label(lang).to_string()),
            "satisfaction" => Satisfaction::from_code(&v).map(|m| m.label(lang).to_string()),
            "solved" => crate::domain::vocab::Resolution::from_code(&v).map(|r| {
                format!(
                    "{}{}",
                    T::SolvedInThePetitionersView.get(lang),
                    r.label(lang)
                )
            }),
            "resolution" => {
                crate::domain::vocab::Resolution::from_code(&v).map(|r| r.label(lang).to_string())
            }
            "days" if e.kind == "extension_request" => {
                Some(T::ExtensionDaysAsked.fill(lang, &[&v]))
            }
            "approved" => Some(if v == "true" {
                T::ExtensionApproved.text(lang)
            } else {
                T::ExtensionRefused.text(lang)
            }),
            _ => None,
        };
        parts.extend(said.filter(|x| !x.is_empty()));
    }
    let mut t = format!("{}  {}", short_at(&e.at), e.actor);
    for p in parts {
        t.push_str("  ");
        t.push_str(&p);
    }
    if !e.note.is_empty() {
        t.push_str("  ");
        t.push_str(&e.note);
    }
    t
}

const ORDINALS: [&str; 9] = ["一", "二", "三", "四", "五", "六", "七", "八", "九"];

/// 三、办理与反馈（买单 · 签单）: each round under its own heading: the department and deadline,
/// 签收, progress, extension, result, feedback and evaluation, and whether the round's result
/// came in by its deadline.
fn rounds_section(
    timeline: &[TimelineEntry],
    refs: &Refs,
    today: NaiveDate,
    lang: Lang,
) -> Vec<String> {
    let mut out = vec![T::FormRoundsHeading.get(lang).to_string()];
    let rounds = rounds(timeline);
    if rounds.is_empty() {
        out.push(format!("  {}", T::NoRoundYet.get(lang)));
    }
    for (i, r) in rounds.iter().enumerate() {
        let ord = ORDINALS.get(i).copied().unwrap_or("…");
        out.push(match r.kind {
            RoundKind::Nth(n) => T::RoundHeading.fill(lang, &[&ord, &n]),
            RoundKind::Supervision => T::SupervisionHeading.fill(lang, &[&ord]),
        });
        if r.kind == RoundKind::Nth(2) && r.events.first().is_none_or(|e| e.kind != "issue") {
            out.extend(form_field(
                T::HandlingDepartment.get(lang),
                &T::BackToTheSameDepartment.fill(lang, &[&refs.department_name(r.department)]),
                lang,
            ));
        } else if let Some(decision) = r
            .events
            .first()
            .filter(|e| e.kind == "issue")
            .and_then(|e| {
                pair(&payload_pairs(&e.payload), "decision").and_then(Classification::from_code)
            })
            .filter(|_| r.department.is_none())
        {
            // No department: the leader's decision says who handled it (民事民议, 现场答复 …).
            out.extend(form_field(
                T::HandlingDecision.get(lang),
                decision.label(lang),
                lang,
            ));
        } else if r.department.is_some() {
            out.extend(form_field(
                T::HandlingDepartment.get(lang),
                refs.department_name(r.department),
                lang,
            ));
        }
        if let Some(due) = r.due {
            out.extend(form_field(T::Deadline.get(lang), &zh_date(due), lang));
        }
        for e in &r.events {
            let name = MoveKind::from_code(&e.kind)
                .map(|k| k.label(lang))
                .unwrap_or("");
            out.extend(form_field(name, &event_detail(e, lang), lang));
        }
        // On time: the department's result (报送办理结果) by the deadline in force.
        if let Some(due) = r.due {
            let reported = r
                .events
                .iter()
                .rev()
                .find(|e| e.kind == "report")
                .and_then(|e| {
                    NaiveDate::parse_from_str(&e.at[..10.min(e.at.len())], "%Y-%m-%d").ok()
                });
            let said = match reported {
                Some(d) if d <= due => T::RoundOnTime.fill(lang, &[&zh_date(d), &zh_date(due)]),
                Some(d) => {
                    T::RoundLate.fill(lang, &[&zh_date(d), &zh_date(due), &(d - due).num_days()])
                }
                None if today <= due => T::RoundOpenWithin.fill(lang, &[&zh_date(due)]),
                None => T::RoundOpenLate.fill(lang, &[&zh_date(due), &(today - due).num_days()]),
            };
            out.extend(form_field(T::OnTimeLabel.get(lang), &said, lang));
        }
    }
    out
}

/// 四、办理结果: where the ticket ended (or stands), after how many rounds, the last
/// evaluation and whether it was closed as unresolved, withdrawn or merged.
fn outcome_section(rec: &TicketRecord, timeline: &[TimelineEntry], lang: Lang) -> Vec<String> {
    let mut out = vec![T::FormOutcomeHeading.get(lang).to_string()];
    let rounds = rounds(timeline)
        .iter()
        .filter(|r| matches!(r.kind, RoundKind::Nth(_)))
        .count();
    let mut fields = vec![(
        T::StateLabel.get(lang).trim_end_matches(['：', ':', ' ']),
        rec.state.label(lang).to_string(),
    )];
    if rounds > 0 {
        fields.push((
            T::RoundsLabel.get(lang),
            T::RoundsCount.fill(lang, &[&rounds]),
        ));
    }
    if rec.escalated {
        fields.push((T::Supervised.get(lang), T::YesShort.text(lang)));
    }
    // An open ticket has no outcome yet: what its rounds said so far is above.
    if rec.state.is_open() {
        fields.push((T::OutcomeLabel.get(lang), T::NotClosedYet.text(lang)));
    } else if let Some(r) = rec.resolution {
        fields.push((T::Resolution.get(lang), r.label(lang).to_string()));
    }
    if !rec.state.is_open() {
        if let Some(t) = rec.result.clone().or_else(|| rec.answer.clone()) {
            fields.push((T::ResultNote.get(lang), t));
        }
        if let Some(s) = rec.satisfaction {
            fields.push((T::FinalEvaluation.get(lang), s.label(lang).to_string()));
        }
    }
    if let Some(c) = &rec.closed_at {
        fields.push((T::ClosedAtLabel.get(lang), short_at(c)));
    }
    for e in timeline
        .iter()
        .filter(|e| e.kind == "withdraw" || e.kind == "merge")
    {
        let name = MoveKind::from_code(&e.kind)
            .map(|k| k.label(lang))
            .unwrap_or("");
        let mut t = format!("{}  {}", short_at(&e.at), e.actor);
        if let Some(into) = pair(&payload_pairs(&e.payload), "into") {
            t.push_str(&format!("  {}", T::MergedIntoNumber.fill(lang, &[&into])));
        }
        if !e.note.is_empty() {
            t.push_str(&format!("  {}", e.note));
        }
        fields.push((name, t));
    }
    for (name, value) in fields {
        out.extend(form_field(name, &value, lang));
    }
    if rec.unresolved_closure {
        out.push(format!("  {}", T::ClosedAsUnresolved.get(lang)));
    }
    out
}

/// Writes the form for a ticket number to a file (or returns it).
pub fn ticket_form_for(
    store: &Store,
    actor: &Actor,
    number: &str,
    today: NaiveDate,
    lang: Lang,
) -> Result<String, StoreError> {
    let (year, seq) = crate::domain::parse_ticket_number(number)
        .ok_or_else(|| StoreError::Refused(Problem::fill(T::IsNotTicketNumberLike, &[&number])))?;
    let id = store
        .ticket_id_by_number(year, seq)?
        .ok_or_else(|| StoreError::NotFound(Problem::fill(T::NotFound, &[&number])))?;
    let rec = store.ticket(actor, id)?;
    let timeline = store.timeline(id)?;
    let refs = store.refs()?;
    Ok(ticket_form(&rec, &timeline, &refs, today, lang))
}

/// The minutes of a hearing (评理记录) as plain text for printing.
pub fn hearing_minutes(
    h: &crate::records::hearings::HearingRecord,
    d: &crate::records::draws::DrawRecord,
    lang: Lang,
) -> String {
    use crate::domain::hearing::phase_label;
    let mut s = String::new();
    let mut line = |t: String| {
        s.push_str(&for_terminal(&t));
        s.push('\n');
    };
    line(format!(
        "{:^56}",
        T::MinutesOfThePublicReasoningHearing.get(lang)
    ));
    line(format!(
        "{}{}    {}{}    {}{}",
        T::Case.get(lang),
        h.case,
        T::DateLabel.get(lang),
        h.date,
        T::PlaceLabel.get(lang),
        h.place
    ));
    line(format!(
        "{}{}    {}{}",
        T::HostLabel.get(lang),
        h.host,
        T::DrawReceipt.get(lang),
        d.id
    ));
    line(String::new());
    line(T::MinutesPartiesHeading.get(lang).to_string());
    for (i, p) in h.party_labels.iter().enumerate() {
        line(format!("  {}. {p}", i + 1));
    }
    line(T::MinutesPanelHeading.get(lang).to_string());
    for (rep, name, present, replaces) in &h.attendance {
        let cat = d
            .candidate(*rep)
            .map(|c| c.category.label(lang))
            .unwrap_or("");
        let mut t = format!(
            "  {name}{open}{cat}{close}",
            open = lang.open(),
            close = lang.close()
        );
        if !present {
            t.push_str(T::Absent.get(lang));
        }
        if let Some(r) = replaces {
            t.push_str(&format!("  {}{}", T::AlternateFor.get(lang), h.name(*r)));
        }
        line(t);
    }
    for st in &d.strikes {
        let party = d
            .parties
            .get(st.party)
            .map(|p| p.label.as_str())
            .unwrap_or("");
        line(format!(
            "  {}{party}{}{}，{}{}{}",
            T::AtTheDraw.get(lang),
            T::StruckTag.get(lang),
            d.name(st.member),
            T::ReplacedByPrefix.get(lang),
            d.name(st.replacement),
            T::Text.get(lang)
        ));
    }
    line(T::MinutesProceedingsHeading.get(lang).to_string());
    for (phase, party, note, at) in &h.notes {
        line(format!(
            "  [{}] {} {}{colon}",
            phase_label(phase, lang),
            at.get(11..16).unwrap_or(""),
            party,
            colon = lang.colon()
        ));
        for l2 in note.lines() {
            line(format!("      {l2}"));
        }
    }
    for t in votes_section(h, lang) {
        line(t);
    }
    line(String::new());
    match &h.outcome {
        Some(o) => line(format!("{}{o}", T::ConclusionLabel.get(lang))),
        None => line(T::OutcomeTheHearingIsNotClosed.get(lang).to_string()),
    }
    line(T::TheOutcomeIsAMoralJudgement.get(lang).to_string());
    line(String::new());
    line(format!(
        "{}______________    {}______________",
        T::HostSignature.get(lang),
        T::Recorder.get(lang)
    ));
    line(format!(
        "{}______________________________________",
        T::PanelSignature.get(lang)
    ));
    line(format!(
        "{}______________________________________",
        T::Parties.get(lang)
    ));
    s
}

/// 四、表决: the tie rule, each question with its votes (corrections shown) and its tally.
fn votes_section(h: &crate::records::hearings::HearingRecord, lang: Lang) -> Vec<String> {
    let mut out = vec![];
    out.push(T::MinutesVotesHeading.get(lang).to_string());
    out.push(format!(
        "  {}{}",
        T::TieRule.get(lang),
        h.tie_rule.label(lang)
    ));
    for (qi, q) in h.questions.iter().enumerate() {
        out.push(format!(
            "  {}. {}{open}{}{close}",
            qi + 1,
            q.text,
            q.options.join(" / "),
            open = lang.open(),
            close = lang.close()
        ));
        for v in &h.vote_log {
            let (qn, rep, choice, reason, at, correction) = (
                v.question,
                &v.rep,
                &v.choice,
                &v.reason,
                &v.at,
                &v.correction,
            );
            if qn != qi {
                continue;
            }
            let c = choice
                .and_then(|c| q.options.get(c).cloned())
                .unwrap_or_else(|| T::AbstainLower.get(lang).to_string());
            let mut t = format!(
                "    {} {}{colon}{c}",
                at.get(11..16).unwrap_or(""),
                h.name(*rep),
                colon = lang.colon()
            );
            if !reason.is_empty() {
                t.push_str(&format!("（{}{reason}）", T::ReasonLabel.get(lang)));
            }
            if let Some(cr) = correction {
                t.push_str(&format!("  [{}{cr}]", T::Correction.get(lang)));
            }
            out.push(t);
        }
        match h.tally(qi) {
            Some(t) => {
                let counts: Vec<String> = q
                    .options
                    .iter()
                    .zip(&t.counts)
                    .map(|(o, n)| format!("{o} {n}"))
                    .collect();
                out.push(format!(
                    "    {}{}，{} {}；{}",
                    T::Tally.get(lang),
                    counts.join("，"),
                    T::AbstainLower.get(lang),
                    t.abstentions,
                    t.outcome(q, lang)
                ));
            }
            None => out.push(format!("    {}", T::NotEveryoneHasVoted.get(lang))),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_printed_line_starts_with_closing_punctuation() {
        // Ten characters of two cells fill a 20-cell line exactly; the full stop stays with them.
        let lines = wrap("物业公司未经业主同意。然后上调了物业费，", 20);
        assert_eq!(lines[0], "物业公司未经业主同意。");
        assert!(
            lines.iter().all(|l| !l.starts_with(no_line_start)),
            "{lines:?}"
        );
        let long = "请求核查物业收费依据，未经业主大会同意的恢复原收费标准。".repeat(5);
        for width in 8..40 {
            for l in wrap(&long, width) {
                assert!(!l.starts_with(no_line_start), "{width}: {l}");
            }
        }
    }
}
