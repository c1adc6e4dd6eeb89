//! The command line: start the desk, or run a subcommand for scripts and audits.

use crate::text::T;
use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::Datelike;
use clap::{Parser, Subcommand};

use crate::demo;
use crate::domain::audit::{Anchor, Verdict};
use crate::domain::calendar::parse_date;
use crate::domain::org::OrgFile;
use crate::domain::roles::Actor;
use crate::domain::{Lang, Problem};
use crate::paper;
use crate::sanjin_files;
use crate::store::{Opened, Store, StoreError};

mod access;
mod bar;
mod checks;
mod report;
use access::{init_cmd, init_new, sign_in, signs_in};
use checks::{audit_cmd, draw_verify};
use report::report_cmd;

#[derive(Debug, Parser)]
#[command(
    name = "suqiu",
    version,
    about = "诉求：群众诉求服务中心窗口系统 (petition service center desk)"
)]
pub struct Cli {
    /// The database file [default: the platform data directory, e.g. ~/.local/share/suqiu/suqiu.db]
    #[arg(long, env = "SUQIU_DB", global = true)]
    pub db: Option<PathBuf>,
    /// UI language: zh (简体中文, default) or en
    #[arg(long, global = true, default_value = "zh")]
    pub lang: String,
    /// Open the desk on a fresh demonstration database in a temporary file
    #[arg(long)]
    pub demo: bool,
    /// A keymap file merged over the defaults [default: <config dir>/suqiu/keymap.toml if present]
    #[arg(long, global = true)]
    pub keymap: Option<PathBuf>,
    /// Act as this staff member (工号) for commands that read personal data or change data; the
    /// PIN is read from the terminal, or from SUQIU_PIN
    #[arg(long, env = "SUQIU_STAFF", global = true)]
    pub staff: Option<String>,
    /// Sign the desk out after this many minutes without a key (0: never)
    #[arg(long, default_value_t = crate::app::DEFAULT_IDLE_MINUTES)]
    pub idle_minutes: i64,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create and migrate a database file; with --demo, write the demonstration district
    Init {
        #[arg(long)]
        demo: bool,
        /// A new file: the center's name (with --staff and --name, its first administrator)
        #[arg(long)]
        center: Option<String>,
        /// A new file: the first administrator's name
        #[arg(long)]
        name: Option<String>,
    },
    /// Reference data (communities, departments, leaders, categories, time limits, staff)
    Org {
        #[command(subcommand)]
        cmd: OrgCmd,
    },
    /// The working-day calendar (official holidays and make-up working days)
    Calendar {
        #[command(subcommand)]
        cmd: CalendarCmd,
    },
    /// The hash-chained audit log
    Audit {
        #[command(subcommand)]
        cmd: AuditCmd,
    },
    /// Export data
    Export {
        #[command(subcommand)]
        cmd: ExportCmd,
    },
    /// Print forms as text
    Print {
        #[command(subcommand)]
        cmd: PrintCmd,
    },
    /// The roster of deliberation representatives (议事代表名册)
    Roster {
        #[command(subcommand)]
        cmd: RosterCmd,
    },
    /// Panel draws (抽签): list them, or verify a receipt without the database
    Draw {
        #[command(subcommand)]
        cmd: DrawCmd,
    },
    /// Leaders' visits (三进): the plan, notices, the half-year report, settings
    Visits {
        #[command(subcommand)]
        cmd: VisitsCmd,
    },
    /// Leaders' ledgers (一人一档)
    Ledger {
        #[command(subcommand)]
        cmd: LedgerCmd,
    },
    /// Employed Party members (在职党员): import the list (columns: docs/sanjin-files.md)
    Members {
        #[command(subcommand)]
        cmd: MembersCmd,
    },
    /// The members' units (派出单位): random inspections, quarterly meetings, oversight
    Units {
        #[command(subcommand)]
        cmd: UnitsCmd,
    },
    /// Households served by members (服务对象户): import the list (columns: docs/sanjin-files.md)
    Households {
        #[command(subcommand)]
        cmd: HouseholdsCmd,
    },
    /// 考评 reports from the audit log (docs/metrics.md): the department ranking with its 红黑榜
    Report {
        #[command(subcommand)]
        cmd: ReportCmd,
    },
    /// Generate realistic petitions at scale (for benchmarks and trials)
    Gen {
        /// How many tickets
        #[arg(long)]
        tickets: usize,
        /// Random seed (the same seed gives the same data)
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Spread the tickets over this many days before now (default: about 270 a working
        /// day, a district's history; `--days 10` with 300 000 tickets is a city's backlog)
        #[arg(long)]
        days: Option<i64>,
    },
}

#[derive(Debug, Subcommand)]
pub enum VisitsCmd {
    /// Print the plan: date, weekday, time, kind, place, leader, status
    Plan {
        #[arg(long)]
        year: i32,
        #[arg(long)]
        month: Option<u32>,
        /// text (aligned columns) or csv (UTF-8 with BOM, to standard output or --out)
        #[arg(long, default_value = "text")]
        format: String,
        #[arg(long)]
        out: Option<PathBuf>,
        /// Write the plan into the database (visits already planned are kept as they are)
        #[arg(long)]
        save: bool,
    },
    /// Write the notice (事前预告) of a visit for printing; a change after posting gives a corrected one
    Notice {
        id: i64,
        #[arg(long)]
        out: PathBuf,
    },
    /// The half-year compliance report (per leader and kind, with the exceptions)
    Report {
        #[arg(long)]
        year: i32,
        /// 1 (January–June) or 2 (July–December)
        #[arg(long)]
        half: u32,
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// 市区联动: a city leader visits a community; every district visit there in that
    /// half-month moves to the same time (each with its note and a corrected notice)
    City {
        /// The community, by name
        #[arg(long)]
        place: String,
        /// 2026-12-22
        #[arg(long)]
        date: String,
        /// 15:00
        #[arg(long)]
        time: String,
        /// The city leader, e.g. 王建国（市委副书记）
        #[arg(long)]
        leader: String,
        /// Who in the district's 组织部 arranged it
        #[arg(long)]
        arranged_by: String,
        /// When it was arranged (default: today)
        #[arg(long)]
        arranged_on: Option<String>,
    },
    /// 说明或检讨: record the leader's explanation of a visit not held or left without a leader
    Explain {
        id: i64,
        #[arg(long)]
        text: String,
    },
    /// Show or change the visit times and the notice period
    Settings {
        /// Community visits, e.g. 18:00
        #[arg(long)]
        community_time: Option<String>,
        /// Township visits, e.g. 14:30
        #[arg(long)]
        township_time: Option<String>,
        /// Days before a visit its notice is due (1–30)
        #[arg(long)]
        notice_days: Option<i64>,
    },
}

#[derive(Debug, Subcommand)]
pub enum LedgerCmd {
    /// Export one leader's ledger or all of them: visits, residents received, petitions and where each is now
    Export {
        #[arg(long, conflicts_with = "all", required_unless_present = "all")]
        leader: Option<String>,
        #[arg(long)]
        all: bool,
        /// From this date (2026-01-01 or 2026年1月1日)
        #[arg(long)]
        from: String,
        #[arg(long)]
        to: String,
        #[arg(long, default_value = "xlsx")]
        format: String,
        #[arg(long)]
        out: PathBuf,
    },
    /// 社区台账: a community's (or the township's) ledger of a month: visits, residents, matters
    Show {
        #[arg(long)]
        place: String,
        /// 2026-10
        #[arg(long)]
        month: String,
    },
    /// The year's monthly summaries of every place: due, submitted, reviewed
    Summaries {
        #[arg(long)]
        year: i32,
    },
    /// Submit a place's summary of a month that is over (定期汇总上报)
    Submit {
        #[arg(long)]
        place: String,
        #[arg(long)]
        month: String,
    },
    /// Record a principal leader's review of a submitted summary (the director, in the leader's name)
    Review {
        #[arg(long)]
        place: String,
        #[arg(long)]
        month: String,
        /// 区委书记 or 区长, by name
        #[arg(long)]
        leader: String,
        #[arg(long)]
        comments: String,
    },
    /// 每半年听取汇报: record that the district committee heard the half-year report
    Heard {
        #[arg(long)]
        year: i32,
        #[arg(long)]
        half: u32,
        #[arg(long)]
        date: String,
        #[arg(long)]
        meeting: String,
        #[arg(long, default_value = "")]
        remarks: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum MembersCmd {
    /// Import members from CSV or XLSX; all rows or none
    Import { file: PathBuf },
    /// 到社区报到: a member registered with the community where they live
    Register {
        id: i64,
        /// Default: today
        #[arg(long)]
        date: Option<String>,
    },
    /// Serving members not yet registered with their home community (one unit, or all)
    Unregistered {
        #[arg(long)]
        unit: Option<String>,
    },
    /// 动态调整: key-select (--how 自荐/支部推荐/党委决定), --unselect, --retire REASON, or
    /// --end-household ID --reason REASON; dated (default today); kept in the history
    Change {
        id: i64,
        #[arg(long)]
        how: Option<String>,
        #[arg(long)]
        unselect: bool,
        #[arg(long)]
        retire: Option<String>,
        #[arg(long)]
        end_household: Option<i64>,
        #[arg(long)]
        reason: Option<String>,
        #[arg(long)]
        date: Option<String>,
    },
    /// A member's history of changes
    History { id: i64 },
}

#[derive(Debug, Subcommand)]
pub enum UnitsCmd {
    /// 随机检查调阅: draw members of a unit at random (writes the receipt to --out)
    Inspect {
        #[arg(long)]
        unit: String,
        #[arg(long, default_value_t = 3)]
        n: u32,
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Record what an inspection found
    Findings {
        id: i64,
        #[arg(long)]
        text: String,
    },
    /// 每季度集中调度: record a unit's quarterly meeting, and list its members without a contact
    Meeting {
        #[arg(long)]
        unit: String,
        #[arg(long)]
        year: i32,
        #[arg(long)]
        quarter: u32,
        /// When it was held (without it: only list the members without a contact)
        #[arg(long)]
        date: Option<String>,
        #[arg(long, default_value = "")]
        notes: String,
    },
    /// 明察暗访 / 工作调度会 / 情况通报会 by 组织部 or 机关党工委
    Oversight {
        /// inspection | meeting | briefing (明察暗访 / 工作调度会 / 情况通报会)
        #[arg(long)]
        kind: String,
        /// organization | work_committee (区委组织部 / 区直机关党工委)
        #[arg(long)]
        by: String,
        #[arg(long)]
        date: String,
        #[arg(long)]
        unit: Option<String>,
        #[arg(long)]
        member: Option<i64>,
        #[arg(long)]
        findings: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum HouseholdsCmd {
    /// Import households from CSV or XLSX; all rows or none
    Import { file: PathBuf },
}

#[derive(Debug, Subcommand)]
pub enum OrgCmd {
    /// Load a TOML org file (format: docs/org-file.md; example: data/org-demo.toml)
    Load { file: PathBuf },
}

#[derive(Debug, Subcommand)]
pub enum CalendarCmd {
    /// Load a year of holiday data in the holiday-cn JSON format
    Load { file: PathBuf },
    /// Which years have official data
    Status,
}

#[derive(Debug, Subcommand)]
pub enum AuditCmd {
    /// Walk the chain; exit status 1 and the first broken link if it is broken
    Verify {
        /// An event number and hash someone kept (`N:HASH`, from a printout's footer, `audit
        /// head` or an anchor slip): fails naming it when event N is missing or differs
        #[arg(long = "anchor", value_name = "N:HASH")]
        anchors: Vec<String>,
    },
    /// Print the newest event's number and hash on one line: `N HASH`
    Head,
    /// Rebuild the review's dispatch table from the audit log (administrator; audited), when
    /// `audit verify` says it disagrees
    RebuildFigures,
    /// Write a dated anchor slip for filing (the head, the chain's verdict, signature lines)
    Anchor {
        /// Write to this file instead of standard output
        #[arg(long)]
        out: Option<PathBuf>,
    },
}

/// The period of a report: exactly one of these.
#[derive(Debug, clap::Args)]
pub struct PeriodArgs {
    /// An ISO week, e.g. 2026-W48
    #[arg(long)]
    week: Option<String>,
    /// A month, e.g. 2026-11
    #[arg(long)]
    month: Option<String>,
    /// A quarter, e.g. 2026Q4
    #[arg(long)]
    quarter: Option<String>,
    /// A half-year, e.g. 2026H2
    #[arg(long)]
    half: Option<String>,
    /// A year, e.g. 2026
    #[arg(long)]
    year: Option<String>,
    /// From this date (2026-11-01 or 2026年11月1日), with --to
    #[arg(long)]
    from: Option<String>,
    /// To this date, included
    #[arg(long)]
    to: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum ReportCmd {
    /// 承办单位考评: every handling unit's indicators, score and rank, the change from the
    /// period before, and the 红黑榜 (a department account: its own line)
    Departments {
        #[command(flatten)]
        period: PeriodArgs,
        /// text, csv or xlsx
        #[arg(long, default_value = "text")]
        format: String,
        /// The file to write (text: printed when not given)
        #[arg(long)]
        out: Option<PathBuf>,
        /// How many units the 红榜 and the 黑榜 name
        #[arg(long, default_value_t = 5)]
        top: usize,
        /// Dispatches below which a unit is listed but not ranked
        #[arg(long, default_value_t = 5)]
        min_dispatches: usize,
        /// The score's weights, 响应:解决:满意
        #[arg(long, default_value = "20:40:40")]
        weights: String,
    },
    /// 诉求通报 for a week or a month: received by channel and category, 热点, repeat
    /// petitions, units below the satisfaction threshold, 催办 and 通报 due, collective
    /// petitions and the leaders' visits (the director and administrators)
    Bulletin {
        #[command(flatten)]
        period: PeriodArgs,
        /// text, csv or xlsx
        #[arg(long, default_value = "text")]
        format: String,
        /// The file to write (text: printed when not given)
        #[arg(long)]
        out: Option<PathBuf>,
        /// Units whose satisfaction is below this percentage are named
        #[arg(long, default_value_t = 85)]
        threshold: u32,
    },
    /// 考评 by place: each community and village and each center, the same indicators (the
    /// director and administrators)
    Places {
        #[command(flatten)]
        period: PeriodArgs,
        /// text, csv or xlsx
        #[arg(long, default_value = "text")]
        format: String,
        /// The file to write (text: printed when not given)
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// 年度述职评议: one document per leader or department for the year, with the exceptions that
    /// need an explanation (all leaders and departments when neither is named)
    Annual {
        /// The year, e.g. 2026
        #[arg(long)]
        year: String,
        /// A leader, by name
        #[arg(long)]
        leader: Option<String>,
        /// A department (承办单位), by name
        #[arg(long)]
        department: Option<String>,
        /// text, csv or xlsx
        #[arg(long, default_value = "text")]
        format: String,
        /// The file to write (one leader or department; text: printed when not given)
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Record the explanation of one exception of a year-end review (audited)
    Explain {
        #[arg(long)]
        year: String,
        #[arg(long)]
        leader: Option<String>,
        #[arg(long)]
        department: Option<String>,
        /// The exception's key as the document lists it (visit:12, overdue:2026-000123 …)
        #[arg(long)]
        exception: String,
        /// The explanation (at most 500 characters)
        #[arg(long)]
        text: String,
    },
    /// 考评 of the 区直单位 (三进): key-selected share, household coverage in the period, contacts,
    /// wishes fulfilled and petitions raised by their members
    Units {
        #[command(flatten)]
        period: PeriodArgs,
        /// text, csv or xlsx
        #[arg(long, default_value = "text")]
        format: String,
        /// The file to write (text: printed when not given)
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// 考评 by leader: visits planned, held, substituted, not held and unstaffed, and the
    /// petitions each leader owns (首办负责) with their outcomes
    Leaders {
        #[command(flatten)]
        period: PeriodArgs,
        /// text, csv or xlsx
        #[arg(long, default_value = "text")]
        format: String,
        /// The file to write (text: printed when not given)
        #[arg(long)]
        out: Option<PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
pub enum ExportCmd {
    /// Tickets as XLSX or CSV (UTF-8 with BOM); columns in docs/export.md
    Tickets {
        /// xlsx or csv (default: by the --out file's extension, else xlsx)
        #[arg(long)]
        format: Option<String>,
        #[arg(long)]
        out: PathBuf,
        /// Received on or after this date (2026-11-01 or 2026年11月1日)
        #[arg(long)]
        from: Option<String>,
        /// Received on or before this date
        #[arg(long)]
        to: Option<String>,
        /// Only tickets in this state (code or Chinese name, e.g. closed or 已办结)
        #[arg(long)]
        state: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum RosterCmd {
    /// Import representatives from CSV or XLSX (columns: docs/roster-file.md); all rows or none
    Import { file: PathBuf },
    /// Write an import template (.csv or .xlsx by the file name)
    Template {
        #[arg(long)]
        out: PathBuf,
    },
    /// Export the roster with service history
    Export {
        /// xlsx or csv (default: by the --out file's extension, else xlsx)
        #[arg(long)]
        format: Option<String>,
        #[arg(long)]
        out: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
pub enum DrawCmd {
    /// The draws: id, ticket, date, kind, state
    List,
    /// Recompute a draw from its receipt; prints the panel and OK, or the first mismatch (exit 1)
    Verify { receipt: PathBuf },
}

#[derive(Debug, Subcommand)]
pub enum PrintCmd {
    /// The one-ticket form (一单制办理单) of a ticket, e.g. 2026-000123
    Ticket {
        number: String,
        /// Write to this file instead of standard output
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// The receipt of a draw (verifiable with `suqiu draw verify`)
    Draw {
        id: i64,
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// The minutes of a hearing (评理记录)
    Hearing {
        id: i64,
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// A member's activity card (在职党员进社区活动卡): by id, or by name if unique
    Card {
        member: String,
        /// The year of contacts shown [default: this year]
        #[arg(long)]
        year: Option<i32>,
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// A household's card (一户一卡): kind, needs, plan, member, contacts, wishes
    HouseholdCard {
        id: i64,
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// The receipt of the members picked at a visit (verifiable: suqiu draw verify FILE)
    PickReceipt {
        visit: i64,
        #[arg(long)]
        out: Option<PathBuf>,
    },
}

pub fn lang_of(s: &str) -> Result<Lang, Problem> {
    match s.to_ascii_lowercase().as_str() {
        "zh" | "zh-cn" | "cn" => Ok(Lang::Zh),
        "en" => Ok(Lang::En),
        _ => Err(Problem::fill(T::UnknownLanguageUseZhOr, &[&s])),
    }
}

/// The platform's default database path.
pub fn default_db() -> PathBuf {
    directories::ProjectDirs::from("cn", "suqiu", "suqiu")
        .map(|d| d.data_dir().join("suqiu.db"))
        .unwrap_or_else(|| PathBuf::from("suqiu.db"))
}

pub fn db_path(cli: &Cli) -> PathBuf {
    cli.db.clone().unwrap_or_else(default_db)
}

pub use crate::clock::os_user;

/// Opens the database of a subcommand. It must exist: a mistyped `--db` is an error naming the
/// path, never a new empty database (that would, for one, verify as an intact audit chain).
/// Only `init` and the desk's first-run screen make a new one (`create_or_open_store`).
pub fn open_store(path: &Path, lang: Lang) -> Result<Store, String> {
    if !path.exists() {
        return Err(T::NoDatabaseAt.fill(lang, &[&path.display()]));
    }
    create_or_open_store(path, lang)
}

/// Opens the database, making it (and its folder) first when it does not exist yet.
pub fn create_or_open_store(path: &Path, lang: Lang) -> Result<Store, String> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    match Store::open(path, crate::clock::now()) {
        Ok((mut store, opened)) => {
            store.set_progress(bar::progress().clone());
            if let Opened::Migrated { from, backup } = &opened {
                eprintln!(
                    "{}",
                    T::MigratedTheDatabaseFromVersionTo.fill(
                        lang,
                        &[&from, &crate::store::schema_version(), &backup.display()]
                    )
                );
            }
            Ok(store)
        }
        Err(e) => Err(e.message(lang)),
    }
}

/// Runs a subcommand; returns the process exit status.
pub fn run_command(cli: &Cli, cmd: &Command, lang: Lang) -> i32 {
    let watch = bar::watch(lang);
    let result = run_inner(cli, cmd, lang);
    drop(watch);
    match result {
        Ok(code) => code,
        Err(msg) => {
            eprintln!("suqiu: {msg}");
            1
        }
    }
}

fn err(lang: Lang) -> impl Fn(StoreError) -> String {
    move |e| e.message(lang)
}

fn run_inner(cli: &Cli, cmd: &Command, lang: Lang) -> Result<i32, String> {
    let path = db_path(cli);
    let now = crate::clock::now();
    let actor = if signs_in(cmd) {
        sign_in(cli, &path, now, lang)?
    } else {
        Actor::cli(&os_user())
    };
    // A department account exports and prints its own tickets (the store keeps it to them)
    // and nothing of the center's other work.
    let tickets_only = matches!(
        cmd,
        Command::Export {
            cmd: ExportCmd::Tickets { .. }
        } | Command::Print {
            cmd: PrintCmd::Ticket { .. }
        } | Command::Report {
            cmd: ReportCmd::Departments { .. }
        }
    );
    if signs_in(cmd) && !tickets_only {
        crate::domain::roles::may(&actor, crate::domain::roles::Act::SeeCenterWork)
            .map_err(|p| p.text(lang))?;
    }
    match cmd {
        Command::Init { demo: true, .. } => init_cmd(&path, &actor, true, now, lang),
        Command::Init {
            demo: false,
            center,
            name,
        } => init_new(
            &path,
            (center.as_deref(), cli.staff.as_deref(), name.as_deref()),
            now,
            lang,
        ),
        Command::Org {
            cmd: OrgCmd::Load { file },
        } => {
            let text =
                std::fs::read_to_string(file).map_err(|e| format!("{}: {e}", file.display()))?;
            let plan = OrgFile::parse(&text)
                .and_then(|f| f.plan())
                .map_err(|p| format!("{}: {}", file.display(), p.text(lang)))?;
            let mut store = open_store(&path, lang)?;
            let summary = store.load_org(&actor, &plan, now).map_err(err(lang))?;
            println!("{}", T::Loaded.fill(lang, &[&file.display(), &summary]));
            Ok(0)
        }
        Command::Calendar {
            cmd: CalendarCmd::Load { file },
        } => {
            let text =
                std::fs::read_to_string(file).map_err(|e| format!("{}: {e}", file.display()))?;
            let mut store = open_store(&path, lang)?;
            let source = file
                .file_name()
                .map(|n| n.to_string_lossy().to_string())
                .unwrap_or_default();
            let (year, days) = store
                .load_calendar_year(&actor, &text, &source, now)
                .map_err(|e| format!("{}: {}", file.display(), e.message(lang)))?;
            println!("{}", T::LoadedSpecialDays.fill(lang, &[&year, &days]));
            let moved = store.replan(&actor, now).map_err(err(lang))?;
            print_moved(&store, &moved, lang).map_err(err(lang))?;
            Ok(0)
        }
        Command::Calendar {
            cmd: CalendarCmd::Status,
        } => calendar_status(&path, now, lang),
        Command::Audit {
            cmd: AuditCmd::RebuildFigures,
        } => {
            let mut store = open_store(&path, lang)?;
            let (tickets, dispatches) = store
                .rebuild_dispatch_facts(&actor, now)
                .map_err(err(lang))?;
            println!(
                "{}",
                T::DispatchFactsRebuilt.fill(lang, &[&tickets, &dispatches])
            );
            Ok(0)
        }
        Command::Audit { cmd } => audit_cmd(&path, cmd, now, lang),
        Command::Export {
            cmd:
                ExportCmd::Tickets {
                    format,
                    out,
                    from,
                    to,
                    state,
                },
        } => {
            let format = paper::Format::for_file(format.as_deref(), out)
                .map_err(|p| p.text(lang).to_string())?;
            let filter = paper::parse_filter(from.as_deref(), to.as_deref(), state.as_deref())
                .map_err(|p| p.text(lang).to_string())?;
            let store = open_store(&path, lang)?;
            let n =
                paper::export_tickets(&store, &actor, &filter, format, out).map_err(err(lang))?;
            println!("{}", T::ExportedTickets.fill(lang, &[&n, &out.display()]));
            Ok(0)
        }
        Command::Print { cmd } => print_cmd(&path, &actor, cmd, now, lang),
        Command::Report { cmd } => report_cmd(&path, &actor, cmd, now, lang),
        Command::Roster {
            cmd: RosterCmd::Import { file },
        } => roster_import(&path, &actor, file, now, lang),
        Command::Roster {
            cmd: RosterCmd::Template { out },
        } => {
            crate::roster_files::write_template(out).map_err(err(lang))?;
            println!("{}", T::TemplateWrittenTo.fill(lang, &[&out.display()]));
            Ok(0)
        }
        Command::Roster {
            cmd: RosterCmd::Export { format, out },
        } => {
            let format = paper::Format::for_file(format.as_deref(), out)
                .map_err(|p| p.text(lang).to_string())?;
            let out = match format {
                paper::Format::Csv => out.with_extension("csv"),
                paper::Format::Xlsx => out.with_extension("xlsx"),
            };
            let store = open_store(&path, lang)?;
            let n = crate::roster_files::export_roster(&store, &out, now.date(), lang)
                .map_err(err(lang))?;
            println!(
                "{}",
                T::ExportedRepresentatives.fill(lang, &[&n, &out.display()])
            );
            Ok(0)
        }
        Command::Draw { cmd: DrawCmd::List } => {
            let store = open_store(&path, lang)?;
            println!("{}", T::DrawListHeader.get(lang));
            for (id, number, at, kind, state) in store.draws_list(10_000).map_err(err(lang))? {
                let (kind, state) = (kind.label(lang), state.label(lang));
                println!("{id}\t{number}\t{at}\t{kind}\t{state}");
            }
            Ok(0)
        }
        Command::Draw {
            cmd: DrawCmd::Verify { receipt },
        } => draw_verify(receipt, cli.db.as_deref(), lang),
        Command::Visits { cmd } => visits_cmd(&path, &actor, cmd, now, lang),
        Command::Ledger {
            cmd:
                LedgerCmd::Export {
                    leader,
                    all: _,
                    from,
                    to,
                    format,
                    out,
                },
        } => ledger_export(&path, leader.as_deref(), from, to, format, out, lang),
        Command::Ledger { cmd } => ledger_cmd(&path, &actor, cmd, now, lang),
        Command::Members {
            cmd: MembersCmd::Import { file },
        } => {
            let rows =
                crate::roster_files::read_rows(file).map_err(|p| p.text(lang).to_string())?;
            let mut store = open_store(&path, lang)?;
            let refs = store.refs().map_err(err(lang))?;
            let existing = store.member_keys().map_err(err(lang))?;
            let members = sanjin_files::parse_members(&rows, &refs, &existing)
                .map_err(|errors| import_errors(file, &errors, lang))?;
            let n = store
                .import_members(&actor, &members, now)
                .map_err(err(lang))?;
            println!("{}", import_said(&n, T::UnitMembers, lang));
            Ok(0)
        }
        Command::Members { cmd } => member_work_cmd(&path, &actor, cmd, now, lang),
        Command::Units { cmd } => units_cmd(&path, &actor, cmd, now, lang),
        Command::Households {
            cmd: HouseholdsCmd::Import { file },
        } => {
            let rows =
                crate::roster_files::read_rows(file).map_err(|p| p.text(lang).to_string())?;
            let mut store = open_store(&path, lang)?;
            let refs = store.refs().map_err(err(lang))?;
            let existing = store.household_addresses().map_err(err(lang))?;
            let households = sanjin_files::parse_households(&rows, &refs, &existing)
                .map_err(|errors| import_errors(file, &errors, lang))?;
            let n = store
                .import_households(&actor, &households, now)
                .map_err(err(lang))?;
            println!("{}", import_said(&n, T::UnitHouseholds, lang));
            Ok(0)
        }
        Command::Gen {
            tickets,
            seed,
            days,
        } => {
            if !crate::domain::roles::can(&actor, crate::domain::roles::Act::ManageReferenceData) {
                return Err(T::OnlyAnAdministratorGenerates.text(lang));
            }
            let mut opts = demo::GenOptions::at_scale(*tickets, *seed, now);
            if let Some(d) = days {
                if *d < 1 {
                    return Err(T::GenDaysAtLeastOne.text(lang));
                }
                opts.days = *d;
            }
            gen_cmd(&path, &actor, &opts, lang)
        }
    }
}

/// A community, village or the township, by its name as typed.
fn place_named(refs: &crate::records::org::Refs, name: &str, lang: Lang) -> Result<i64, String> {
    refs.places
        .iter()
        .find(|p| p.name == name.trim())
        .map(|p| p.id)
        .ok_or_else(|| T::NoCommunity.fill(lang, &[&name.trim()]).to_string())
}

fn unit_of(refs_units: &[(i64, String)], name: &str, lang: Lang) -> Result<i64, String> {
    refs_units
        .iter()
        .find(|(_, n)| n == name.trim())
        .map(|(id, _)| *id)
        .ok_or_else(|| {
            T::NoUnitOneOf
                .fill(
                    lang,
                    &[
                        &name.trim(),
                        &refs_units
                            .iter()
                            .map(|(_, n)| n.as_str())
                            .collect::<Vec<_>>()
                            .join("、"),
                    ],
                )
                .to_string()
        })
}

/// `suqiu members register | unregistered | change | history`.
fn member_work_cmd(
    path: &Path,
    actor: &Actor,
    cmd: &MembersCmd,
    now: chrono::NaiveDateTime,
    lang: Lang,
) -> Result<i32, String> {
    use crate::domain::members::SelectedBy;
    use crate::store::member_work::MemberMove;
    let mut store = open_store(path, lang)?;
    let day = |s: &Option<String>| match s {
        Some(s) => parse_date(s).map_err(|p| p.text(lang).to_string()),
        None => Ok(now.date()),
    };
    let units: Vec<(i64, String)> = store
        .unit_shares()
        .map_err(err(lang))?
        .into_iter()
        .map(|u| (u.id, u.name))
        .collect();
    match cmd {
        MembersCmd::Import { .. } => unreachable!("handled above"),
        MembersCmd::Register { id, date } => {
            store
                .register_member(actor, *id, day(date)?, now)
                .map_err(err(lang))?;
            println!("{}", T::MemberRegistered.get(lang));
        }
        MembersCmd::Unregistered { unit } => {
            let unit = unit
                .as_deref()
                .map(|u| unit_of(&units, u, lang))
                .transpose()?;
            for m in store.unregistered_members(unit).map_err(err(lang))? {
                println!(
                    "{}  {}  {}",
                    m.id,
                    crate::domain::text::for_terminal(&m.name),
                    m.unit
                );
            }
        }
        MembersCmd::Change {
            id,
            how,
            unselect,
            retire,
            end_household,
            reason,
            date,
        } => {
            let mv = match (how, unselect, retire, end_household) {
                (Some(h), false, None, None) => MemberMove::KeySelection {
                    key: true,
                    how: Some(
                        SelectedBy::ALL
                            .iter()
                            .copied()
                            .find(|b| b.zh() == h.trim() || b.code() == h.trim())
                            .ok_or_else(|| T::SayHowTheMemberWasSelected.get(lang).to_string())?,
                    ),
                },
                (None, true, None, None) => MemberMove::KeySelection {
                    key: false,
                    how: None,
                },
                (None, false, Some(r), None) => MemberMove::Retire { reason: r.clone() },
                (None, false, None, Some(h)) => MemberMove::EndAssignment {
                    household_id: *h,
                    reason: reason.clone().unwrap_or_default(),
                },
                _ => return Err(T::OneChangeAtATime.get(lang).to_string()),
            };
            store
                .change_member(actor, *id, &mv, day(date)?, now)
                .map_err(err(lang))?;
            println!("{}", T::MemberChanged.get(lang));
        }
        MembersCmd::History { id } => {
            for c in store.member_history(*id).map_err(err(lang))? {
                println!(
                    "{}  {}  {}  {}",
                    c.on,
                    c.kind,
                    crate::domain::text::for_terminal(&c.detail),
                    c.actor
                );
            }
        }
    }
    Ok(0)
}

/// `suqiu units inspect | findings | meeting | oversight`.
fn units_cmd(
    path: &Path,
    actor: &Actor,
    cmd: &UnitsCmd,
    now: chrono::NaiveDateTime,
    lang: Lang,
) -> Result<i32, String> {
    use crate::domain::members::work::{OversightBy, OversightKind};
    let mut store = open_store(path, lang)?;
    let units: Vec<(i64, String)> = store
        .unit_shares()
        .map_err(err(lang))?
        .into_iter()
        .map(|u| (u.id, u.name))
        .collect();
    let day = |s: &str| parse_date(s).map_err(|p| p.text(lang).to_string());
    match cmd {
        UnitsCmd::Inspect { unit, n, out } => {
            let unit = unit_of(&units, unit, lang)?;
            let (id, picked, receipt) = store
                .draw_inspection(actor, unit, *n, &crate::store::draws::nonce(), now)
                .map_err(err(lang))?;
            println!("#{id}");
            for m in picked {
                println!("  {m}  {}", store.member(m).map_err(err(lang))?.name);
            }
            if let Some(out) = out {
                write_out(out, &receipt, "随机检查调阅凭据", lang)?;
                println!("{}", T::Wrote.fill(lang, &[&out.display()]));
            }
        }
        UnitsCmd::Findings { id, text } => {
            store
                .record_inspection_findings(actor, *id, text, now)
                .map_err(err(lang))?;
            println!("{}", T::FindingsRecorded.get(lang));
        }
        UnitsCmd::Meeting {
            unit,
            year,
            quarter,
            date,
            notes,
        } => {
            let unit = unit_of(&units, unit, lang)?;
            if let Some(d) = date {
                store
                    .record_unit_meeting(actor, unit, *year, *quarter, day(d)?, notes, now)
                    .map_err(err(lang))?;
                println!("{}", T::MeetingRecorded.get(lang));
            }
            if !(1..=4).contains(quarter) {
                return Err(T::QuarterIs1To4.get(lang).to_string());
            }
            println!("{}", T::UnitWithoutContact.get(lang));
            for m in store
                .members_without_contact(unit, *year, *quarter)
                .map_err(err(lang))?
            {
                println!("  {}  {}", m.id, crate::domain::text::for_terminal(&m.name));
            }
        }
        UnitsCmd::Oversight {
            kind,
            by,
            date,
            unit,
            member,
            findings,
        } => {
            let kind = OversightKind::ALL
                .iter()
                .copied()
                .find(|k| k.code() == kind.trim() || k.zh() == kind.trim())
                .ok_or_else(|| T::UnknownOversightKind.fill(lang, &[&kind]).to_string())?;
            let by = OversightBy::ALL
                .iter()
                .copied()
                .find(|k| k.code() == by.trim() || k.zh() == by.trim())
                .ok_or_else(|| T::UnknownOversightKind.fill(lang, &[&by]).to_string())?;
            let unit = unit
                .as_deref()
                .map(|u| unit_of(&units, u, lang))
                .transpose()?;
            let id = store
                .log_oversight(actor, kind, by, day(date)?, unit, *member, findings, now)
                .map_err(err(lang))?;
            println!("#{id} {}", T::OversightRecorded.get(lang));
        }
    }
    Ok(0)
}

/// `suqiu ledger show | summaries | submit | review | heard`: the places' ledgers.
fn ledger_cmd(
    path: &Path,
    actor: &Actor,
    cmd: &LedgerCmd,
    now: chrono::NaiveDateTime,
    lang: Lang,
) -> Result<i32, String> {
    use crate::domain::visits::ledgers::{SummaryState, month_of};
    let mut store = open_store(path, lang)?;
    let refs = store.refs().map_err(err(lang))?;
    let place_of = |name: &str| place_named(&refs, name, lang);
    let month = |s: &str| {
        parse_date(&format!("{}-01", s.trim()))
            .or_else(|_| parse_date(s))
            .map(month_of)
            .map_err(|p| p.text(lang).to_string())
    };
    let state = |st: SummaryState| match st {
        SummaryState::Due => T::SummaryDue.get(lang),
        SummaryState::Submitted => T::SummarySubmitted.get(lang),
        SummaryState::Reviewed => T::SummaryReviewed.get(lang),
    };
    match cmd {
        LedgerCmd::Export { .. } => unreachable!("handled by ledger_export"),
        LedgerCmd::Show { place, month: m } => {
            let (from, to) = month(m)?;
            let l = store
                .place_ledger(actor, place_of(place)?, from, to)
                .map_err(err(lang))?;
            println!("{} {}", place.trim(), from.format("%Y-%m"));
            println!("{}", l.figures.text());
            for v in &l.visits {
                println!(
                    "  {} {} {} {}",
                    v.date,
                    v.kind.label(lang),
                    refs.leader_name(Some(v.acting_leader())),
                    crate::words::status_label(v, &refs, lang, Some(now))
                );
            }
            for x in &l.matters {
                println!(
                    "  {} {}：{} [{}]{}",
                    x.date,
                    crate::domain::text::for_terminal(&x.name),
                    crate::domain::text::for_terminal(&x.matter),
                    [
                        if x.answered {
                            T::Answered.get(lang)
                        } else {
                            ""
                        },
                        x.number.as_deref().unwrap_or("")
                    ]
                    .iter()
                    .filter(|s| !s.is_empty())
                    .copied()
                    .collect::<Vec<_>>()
                    .join(" "),
                    if x.outside_portfolio {
                        format!(" {}", T::OutsidePortfolio.get(lang))
                    } else {
                        String::new()
                    }
                );
            }
        }
        LedgerCmd::Summaries { year } => {
            for r in store
                .ledger_summaries(actor, *year, now.date())
                .map_err(err(lang))?
            {
                println!(
                    "{}  {}  {}  {}  {}",
                    r.from.format("%Y-%m"),
                    refs.place_name(Some(r.place_id)),
                    state(r.state),
                    r.reviewer_id
                        .map(|x| refs.leader_name(Some(x)).to_string())
                        .unwrap_or_default(),
                    r.figures
                );
            }
        }
        LedgerCmd::Submit { place, month: m } => {
            let (from, _) = month(m)?;
            store
                .submit_ledger_summary(actor, place_of(place)?, from, now)
                .map_err(err(lang))?;
            println!("{}", T::SummarySubmittedMsg.get(lang));
        }
        LedgerCmd::Review {
            place,
            month: m,
            leader,
            comments,
        } => {
            let (from, _) = month(m)?;
            let p = place_of(place)?;
            let row = store
                .ledger_summaries(actor, from.year(), now.date())
                .map_err(err(lang))?
                .into_iter()
                .find(|r| r.place_id == p && r.from == from)
                .and_then(|r| r.id)
                .ok_or_else(|| T::SummaryNotSubmittedYet.get(lang).to_string())?;
            let l = refs
                .leaders
                .iter()
                .find(|l| l.name == leader.trim())
                .ok_or_else(|| T::ReviewerMustBePrincipal.get(lang).to_string())?;
            store
                .review_ledger_summary(actor, row, l.id, comments, now)
                .map_err(err(lang))?;
            println!("{}", T::SummaryReviewedMsg.get(lang));
        }
        LedgerCmd::Heard {
            year,
            half,
            date,
            meeting,
            remarks,
        } => {
            let d = parse_date(date).map_err(|p| p.text(lang).to_string())?;
            store
                .record_half_year_heard(actor, *year, *half, d, meeting, remarks, now)
                .map_err(err(lang))?;
            println!("{}", T::HearingRecorded.get(lang));
        }
    }
    Ok(0)
}

/// `suqiu ledger export`: one leader's visit ledger, or all of them, to XLSX or CSV.
fn ledger_export(
    path: &Path,
    leader: Option<&str>,
    from: &str,
    to: &str,
    format: &str,
    out: &Path,
    lang: Lang,
) -> Result<i32, String> {
    let format = paper::Format::parse(format).map_err(|p| p.text(lang).to_string())?;
    let day = |s: &str| parse_date(s).map_err(|p| p.text(lang).to_string());
    let (from, to) = (day(from)?, day(to)?);
    if to < from {
        return Err(T::ToIsBeforeFrom.get(lang).to_string());
    }
    let store = open_store(path, lang)?;
    let n = sanjin_files::export_ledger(&store, leader, from, to, format, out, lang)
        .map_err(err(lang))?;
    println!("{}", T::ExportedRows.fill(lang, &[&n, &out.display()]));
    Ok(0)
}

/// `suqiu roster import`: representatives from a spreadsheet or CSV, all rows checked first.
fn roster_import(
    path: &Path,
    actor: &Actor,
    file: &Path,
    now: chrono::NaiveDateTime,
    lang: Lang,
) -> Result<i32, String> {
    let rows = crate::roster_files::read_rows(file).map_err(|p| p.text(lang).to_string())?;
    let reps = match crate::roster_files::parse_roster(&rows, now.date()) {
        Ok(r) => r,
        Err(errors) => return Err(import_errors(file, &errors, lang)),
    };
    let mut store = open_store(path, lang)?;
    let n = store.import_reps(actor, &reps, now).map_err(err(lang))?;
    println!("{}", import_said(&n, T::UnitRepresentatives, lang));
    Ok(0)
}

/// `suqiu calendar status`: which years have holiday data, and whether next year's is due.
fn calendar_status(path: &Path, now: chrono::NaiveDateTime, lang: Lang) -> Result<i32, String> {
    let store = open_store(path, lang)?;
    let status = store.calendar_status().map_err(err(lang))?;
    for y in &status {
        println!(
            "{}",
            T::LoadedDaysOffMakeUpWorking.fill(
                lang,
                &[
                    &y.year,
                    &y.off_days,
                    &y.makeup_days,
                    &y.source,
                    &y.loaded_at
                ]
            )
        );
    }
    let cal = store.calendar().map_err(err(lang))?;
    use chrono::Datelike;
    let this = now.year();
    let missing = cal.missing_years(this, this + 1);
    for y in &missing {
        println!("{}", T::NoOfficialHolidayDataComputedAs.fill(lang, &[&y]));
    }
    Ok(0)
}

/// `suqiu gen`: generated tickets at scale (for benchmarks), beside other writers.
fn gen_cmd(path: &Path, actor: &Actor, opts: &demo::GenOptions, lang: Lang) -> Result<i32, String> {
    let mut store = open_store(path, lang)?;
    if store.is_empty().map_err(err(lang))? {
        demo::load_demo_org(&mut store, actor, opts.now).map_err(err(lang))?;
    }
    let started = std::time::Instant::now();
    let report = demo::generate(&mut store, opts).map_err(err(lang))?;
    store.analyze().map_err(err(lang))?;
    let secs = format!("{:.1}", started.elapsed().as_secs_f64());
    println!(
        "{}",
        T::GeneratedTickets.fill(lang, &[&report.tickets, &report.events, &secs])
    );
    Ok(0)
}

/// Writes a printout to `out`: an A4 PDF in a CJK font when the name ends in `.pdf`, else the
/// text. Through a `.part` file and a rename: a killed process leaves the old file or none.
fn write_out(out: &Path, text: &str, title: &str, lang: Lang) -> Result<(), String> {
    let pdf = out
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("pdf"));
    let bytes = if pdf {
        paper::pdf_bytes(text, title).map_err(err(lang))?
    } else {
        text.as_bytes().to_vec()
    };
    let part = out.with_extension("part");
    std::fs::write(&part, bytes)
        .and_then(|()| std::fs::rename(&part, out))
        .map_err(|e| format!("{}: {e}", out.display()))
}

/// `suqiu print`: a ticket form, a draw receipt, hearing minutes or a member card, to a file or stdout.
fn print_cmd(
    path: &Path,
    actor: &Actor,
    cmd: &PrintCmd,
    now: chrono::NaiveDateTime,
    lang: Lang,
) -> Result<i32, String> {
    let store = open_store(path, lang)?;
    let (form, out) = match cmd {
        PrintCmd::Ticket { number, out } => (
            paper::ticket_form_for(&store, actor, number, now.date(), lang).map_err(err(lang))?,
            out,
        ),
        PrintCmd::Draw { id, out } => {
            let d = store.draw(*id).map_err(err(lang))?;
            let text = match store.checked_receipt(*id).map_err(err(lang))? {
                Some(r) => r,
                None => {
                    return Err(T::DrawIsNotFinalNoReceipt
                        .fill(lang, &[&id, &d.state.label(lang)])
                        .to_string());
                }
            };
            (text, out)
        }
        PrintCmd::Hearing { id, out } => {
            let h = store.hearing(*id).map_err(err(lang))?;
            let d = store.draw(h.draw_id).map_err(err(lang))?;
            (paper::hearing_minutes(&h, &d, lang), out)
        }
        PrintCmd::Card { member, year, out } => {
            let m = sanjin_files::find_member(&store, member).map_err(err(lang))?;
            let year = year.unwrap_or_else(|| now.year());
            (
                sanjin_files::member_card(&store, &m, year).map_err(err(lang))?,
                out,
            )
        }
        PrintCmd::HouseholdCard { id, out } => (
            sanjin_files::household_card(&store, *id).map_err(err(lang))?,
            out,
        ),
        PrintCmd::PickReceipt { visit, out } => {
            // Printed as stored: its checksum covers every line, so nothing is stamped on it.
            let r = store
                .visit_detail(*visit)
                .map_err(err(lang))?
                .receipt
                .ok_or_else(|| T::NoMemberPickYet.get(lang).to_string())?;
            match out {
                Some(out) => {
                    write_out(out, &r, "党员抽取凭据", lang)?;
                    println!("{}", T::Wrote.fill(lang, &[&out.display()]));
                }
                None => print!("{r}"),
            }
            return Ok(0);
        }
    };
    let form = paper::stamp(&store, &form, lang).map_err(err(lang))?;
    match out {
        Some(out) => {
            write_out(out, &form, "打印件", lang)?;
            println!("{}", T::Wrote.fill(lang, &[&out.display()]));
        }
        None => {
            let mut stdout = std::io::stdout().lock();
            stdout
                .write_all(form.as_bytes())
                .map_err(|e| e.to_string())?;
        }
    }
    Ok(0)
}

/// What an import did, in words: how many rows (`unit` names them) and, when it resumed an
/// interrupted run, how many were in already.
fn import_said(r: &crate::store::imports::ImportReport, unit: T, lang: Lang) -> String {
    let mut out = T::Imported.fill(lang, &[&r.imported, &unit.get(lang)]);
    if r.resumed_from > 0 {
        out.push_str(&T::ResumingAnInterruptedImportWereIn.fill(lang, &[&r.resumed_from]));
    }
    out
}

/// Prints each error with the file name; says that nothing was imported.
fn import_errors(file: &Path, errors: &[Problem], lang: Lang) -> String {
    for e in errors {
        eprintln!("{}: {}", file.display(), e.text(lang));
    }
    T::ErrorsNothingWasImported
        .fill(lang, &[&errors.len()])
        .to_string()
}

fn print_moved(
    store: &Store,
    moved: &[(i64, chrono::NaiveDate, chrono::NaiveDate)],
    lang: Lang,
) -> Result<(), StoreError> {
    if moved.is_empty() {
        return Ok(());
    }
    let refs = store.refs()?;
    println!(
        "{}",
        T::VisitsMovedUnderTheNewData.fill(lang, &[&moved.len()])
    );
    for (id, from, to) in moved {
        let v = store.visit_detail(*id)?.visit;
        println!(
            "  {id}  {} → {}  {} {} {}",
            from.format("%Y-%m-%d"),
            to.format("%Y-%m-%d"),
            v.kind.label(lang),
            refs.place_name(Some(v.place_id)),
            refs.leader_name(Some(v.leader_id))
        );
    }
    Ok(())
}

fn hhmm(s: &str, lang: Lang) -> Result<chrono::NaiveTime, String> {
    chrono::NaiveTime::parse_from_str(s.trim(), "%H:%M")
        .map_err(|_| T::IsNotATimeUseHh.fill(lang, &[&s]).to_string())
}

fn visits_cmd(
    path: &Path,
    actor: &Actor,
    cmd: &VisitsCmd,
    now: chrono::NaiveDateTime,
    lang: Lang,
) -> Result<i32, String> {
    match cmd {
        VisitsCmd::Plan {
            year,
            month,
            format,
            out,
            save,
        } => {
            if !(2000..=2100).contains(year) {
                return Err(T::YearOutOfRange.get(lang).to_string());
            }
            if month.is_some_and(|m| !(1..=12).contains(&m)) {
                return Err(T::MonthOutOfRange.get(lang).to_string());
            }
            let mut store = open_store(path, lang)?;
            if *save {
                let (n, w) = store
                    .plan_visits(actor, *year, *month, now.date(), now)
                    .map_err(err(lang))?;
                eprintln!("{}", T::SavedNewVisitsVisitsToCome.fill(lang, &[&n, &w]));
            }
            let (rows, saved) =
                sanjin_files::plan_rows(&store, *year, *month, now, lang).map_err(err(lang))?;
            match format.to_ascii_lowercase().as_str() {
                "text" | "txt" => {
                    let text = sanjin_files::aligned(sanjin_files::PLAN_COLUMNS, &rows);
                    let text = paper::stamp(&store, &text, lang).map_err(err(lang))?;
                    match out {
                        Some(out) => std::fs::write(out, text)
                            .map_err(|e| format!("{}: {e}", out.display()))?,
                        None => print!("{text}"),
                    }
                }
                "csv" => match out {
                    Some(out) => {
                        sanjin_files::plan_csv(&store, &out.with_extension("csv"), rows, lang)
                            .map_err(err(lang))?;
                    }
                    None => {
                        let mut w = csv::Writer::from_writer(std::io::stdout().lock());
                        let io = |e: csv::Error| e.to_string();
                        w.write_record(sanjin_files::PLAN_COLUMNS).map_err(io)?;
                        for r in &rows {
                            crate::roster_files::write_csv_row(&mut w, r).map_err(io)?;
                        }
                        if let Some(f) = paper::head_line(&store, lang).map_err(err(lang))? {
                            let row = crate::roster_files::footer_row(
                                &f,
                                sanjin_files::PLAN_COLUMNS.len(),
                            );
                            crate::roster_files::write_csv_row(&mut w, &row).map_err(io)?;
                        }
                        w.flush().map_err(|e| e.to_string())?;
                    }
                },
                other => {
                    return Err(T::UnknownFormatUseTextOrCsv
                        .fill(lang, &[&other])
                        .to_string());
                }
            }
            if !saved {
                eprintln!("{}", T::ThisPeriodIsNotSavedYet.get(lang));
            }
            Ok(0)
        }
        VisitsCmd::Notice { id, out } => {
            let store = open_store(path, lang)?;
            let text = sanjin_files::notice_for(&store, *id).map_err(err(lang))?;
            let text = paper::stamp(&store, &text, lang).map_err(err(lang))?;
            write_out(out, &text, "走访预告", lang)?;
            println!(
                "{}",
                T::WroteMarkItPostedInThe.fill(lang, &[&out.display()])
            );
            Ok(0)
        }
        VisitsCmd::City {
            place,
            date,
            time,
            leader,
            arranged_by,
            arranged_on,
        } => {
            let mut store = open_store(path, lang)?;
            let refs = store.refs().map_err(err(lang))?;
            let place_id = place_named(&refs, place, lang)?;
            let day = |s: &str| parse_date(s).map_err(|p| p.text(lang).to_string());
            let on = match arranged_on {
                Some(s) => day(s)?,
                None => now.date(),
            };
            let moved = store
                .link_city_visit(
                    actor,
                    place_id,
                    day(date)?,
                    hhmm(time, lang)?,
                    leader,
                    arranged_by,
                    on,
                    now,
                )
                .map_err(err(lang))?;
            println!(
                "{}",
                match moved.len() {
                    0 => T::RecordedNoPlannedDistrictVisitTo.text(lang),
                    n => T::RecordedTheDistrictVisitMovesTo.fill(lang, &[&n]),
                }
            );
            for id in moved {
                println!("  #{id}");
            }
            Ok(0)
        }
        VisitsCmd::Explain { id, text } => {
            let mut store = open_store(path, lang)?;
            let v = store.visit_detail(*id).map_err(err(lang))?.visit;
            if !matches!(
                v.staffing(),
                crate::domain::visits::Staffing::NotHeld
                    | crate::domain::visits::Staffing::Unstaffed
            ) {
                return Err(T::OnlyAMissedVisitIsExplained.get(lang).to_string());
            }
            store
                .explain(
                    actor,
                    v.date.year(),
                    crate::store::annual::Subject::Leader(v.leader_id),
                    &format!("visit:{id}"),
                    text,
                    now,
                )
                .map_err(err(lang))?;
            println!("{}", T::ExplanationRecordedVisit.get(lang));
            Ok(0)
        }
        VisitsCmd::Report { year, half, out } => {
            let store = open_store(path, lang)?;
            let text =
                sanjin_files::compliance_report(&store, *year, *half, lang).map_err(err(lang))?;
            let text = paper::stamp(&store, &text, lang).map_err(err(lang))?;
            match out {
                Some(out) => write_out(out, &text, "落实情况报告", lang)?,
                None => print!("{text}"),
            }
            Ok(0)
        }
        VisitsCmd::Settings {
            community_time,
            township_time,
            notice_days,
        } => {
            let mut store = open_store(path, lang)?;
            let mut s = store.visit_settings().map_err(err(lang))?;
            let change =
                community_time.is_some() || township_time.is_some() || notice_days.is_some();
            if let Some(t) = community_time {
                s.community_time = hhmm(t, lang)?;
            }
            if let Some(t) = township_time {
                s.township_time = hhmm(t, lang)?;
            }
            if let Some(n) = notice_days {
                s.notice_days = *n;
            }
            if change {
                store.set_visit_settings(actor, s, now).map_err(err(lang))?;
            }
            println!(
                "{}",
                T::CommunityTownshipNoticeDaysBefore.fill(
                    lang,
                    &[
                        &s.community_time.format("%H:%M"),
                        &s.township_time.format("%H:%M"),
                        &s.notice_days
                    ]
                )
            );
            Ok(0)
        }
    }
}
