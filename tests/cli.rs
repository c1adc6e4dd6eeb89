//! The real binary's subcommands.

mod common;

use std::path::Path;
use std::process::{Command, Output};

use calamine::{Data, Reader, Xlsx, open_workbook};
use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime};

fn suqiu(db: &Path, args: &[&str]) -> Output {
    common::suqiu_cmd()
        .args(args)
        .arg("--db")
        .arg(db)
        .env("USER", "auditor")
        .output()
        .expect("run suqiu")
}

/// The binary reads the wall clock (under libfaketime in CI's date runs), so its demo is made
/// at that time too, and the tests' dates are relative to it.
fn wall() -> NaiveDateTime {
    suqiu::clock::now()
}

fn demo() -> (tempfile::TempDir, std::path::PathBuf) {
    common::demo_db_at(wall())
}

fn ymd(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn init_demo_then_audit_verify() {
    let dir = tempfile::TempDir::new().unwrap();
    let db = dir.path().join("demo.db");
    let o = suqiu(&db, &["init", "--demo"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let tickets = common::ticket_count(&db);
    // 300 generated, plus those raised at leader visits and by Party members.
    assert!(tickets > 300, "{tickets}");
    assert!(
        stdout(&o).contains(&format!("{tickets} 件诉求")),
        "{}",
        stdout(&o)
    );
    let o = suqiu(&db, &["audit", "verify"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("审计链完整"));
    // The loads were done as cli:<os user>.
    let actor: String = rusqlite::Connection::open(&db)
        .unwrap()
        .query_row(
            "SELECT actor FROM audit_log WHERE kind = 'org_load'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(actor, "cli:auditor");
    // A second demo into the same file is refused.
    let o = suqiu(&db, &["init", "--demo"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("已有数据"));
}

#[test]
fn audit_verify_names_the_first_broken_link_and_exits_1() {
    let (_d, db) = demo();
    let c = rusqlite::Connection::open(&db).unwrap();
    c.execute_batch(
        "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET actor = '李鬼' WHERE id = 42;",
    )
    .unwrap();
    drop(c);
    let o = suqiu(&db, &["audit", "verify"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("第 42 条"), "{}", stdout(&o));
    let o = suqiu(&db, &["--lang", "en", "audit", "verify"]);
    assert!(stdout(&o).contains("broken at event 42"), "{}", stdout(&o));
}

#[test]
fn calendar_status_and_load() {
    let (_d, db) = common::org_db();
    let o = suqiu(&db, &["calendar", "status"]);
    let out = stdout(&o);
    assert!(
        out.contains("2026 年：已载入")
            && out.contains(&format!("{} 年：无官方节假日数据", wall().year() + 1)),
        "{out}"
    );
    let empty = concat!(env!("CARGO_MANIFEST_DIR"), "/data/holiday-cn/2027.json");
    let o = suqiu(&db, &["calendar", "load", empty]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("没有任何日期"), "{}", stderr(&o));
    let dir = tempfile::TempDir::new().unwrap();
    let broken = dir.path().join("2028.json");
    std::fs::write(
        &broken,
        "{\"year\": 2028, \"days\": [ {\"name\": \"元旦\", \"date\": \"2028-01-01\"",
    )
    .unwrap();
    let o = suqiu(&db, &["calendar", "load", broken.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("不是 holiday-cn 格式"),
        "{}",
        stderr(&o)
    );
    let good = dir.path().join("2027.json");
    std::fs::write(
        &good,
        r#"{"year":2027,"papers":[],"days":[{"name":"元旦","date":"2027-01-01","isOffDay":true}]}"#,
    )
    .unwrap();
    let o = suqiu(&db, &["calendar", "load", good.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&suqiu(&db, &["calendar", "status"])).contains("2027 年：已载入"));
}

#[test]
fn org_load_reports_errors_with_their_row_and_writes_nothing() {
    let (_d, db) = common::org_db();
    let dir = tempfile::TempDir::new().unwrap();
    let f = dir.path().join("org.toml");
    std::fs::write(&f, "[[departments]]\nname = \"区信访局\"\n\n[[leaders]]\nname = \"钱多多\"\nposition = \"副区长\"\nkind = \"区长\"\n").unwrap();
    let o = suqiu(&db, &["org", "load", f.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("[leaders] 第 1 条"), "{}", stderr(&o));
    let refs = common::open(&db).refs().unwrap();
    assert!(
        !refs.departments.iter().any(|d| d.name == "区信访局"),
        "all or nothing"
    );
    std::fs::write(&f, "[[departments]]\nname = \"区信访局\"\n").unwrap();
    let o = suqiu(&db, &["org", "load", f.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("新增 1 条"));
}

#[test]
fn export_csv_with_bom_and_xlsx_with_ids_as_text() {
    let (_d, db) = demo();
    let from = ymd(wall().date() - Duration::days(60));
    let dir = tempfile::TempDir::new().unwrap();
    let csv_path = dir.path().join("t.csv");
    let o = suqiu(
        &db,
        &[
            "export",
            "tickets",
            "--format",
            "csv",
            "--out",
            csv_path.to_str().unwrap(),
            "--from",
            &from,
            "--state",
            "已办结",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let bytes = std::fs::read(&csv_path).unwrap();
    assert_eq!(&bytes[..3], b"\xEF\xBB\xBF");
    let mut rdr = csv::Reader::from_reader(&bytes[3..]);
    let headers = rdr.headers().unwrap().clone();
    assert_eq!(&headers[0], "编号");
    assert_eq!(headers.len(), suqiu::paper::COLUMNS.len());
    let mut rows: Vec<csv::StringRecord> = rdr.records().map(Result::unwrap).collect();
    // The last row states the audit head when the file was made.
    assert!(rows.pop().unwrap()[0].starts_with("# 审计链头"));
    assert!(!rows.is_empty());
    let state_col = headers.iter().position(|h| h == "状态").unwrap();
    let received_col = headers.iter().position(|h| h == "登记时间").unwrap();
    assert!(
        rows.iter()
            .all(|r| &r[state_col] == "已办结" && &r[received_col] >= from.as_str())
    );

    let xlsx_path = dir.path().join("t.xlsx");
    let o = suqiu(
        &db,
        &["export", "tickets", "--out", xlsx_path.to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let mut wb: Xlsx<_> = open_workbook(&xlsx_path).unwrap();
    let range = wb.worksheet_range("诉求件").unwrap();
    let tickets = common::ticket_count(&db);
    assert_eq!(range.height() as i64, tickets + 1);
    let head = wb.worksheet_range(suqiu::roster_files::HEAD_SHEET).unwrap();
    assert!(head.get((0, 0)).unwrap().to_string().contains("--anchor"));
    let id_col = suqiu::paper::COLUMNS
        .iter()
        .position(|c| *c == "身份证号")
        .unwrap();
    let ids: Vec<&Data> = range
        .rows()
        .skip(1)
        .map(|r| &r[id_col])
        .filter(|d| !matches!(d, Data::Empty) && !d.to_string().is_empty())
        .collect();
    assert!(!ids.is_empty());
    assert!(
        ids.iter()
            .all(|d| matches!(d, Data::String(s) if s.len() == 18)),
        "ID numbers must be text: {:?}",
        ids.first()
    );
    // Issue 11: XLSX as offices use it (the default for an .xlsx file): times are dates, counts
    // are numbers, mobiles stay text; widths, a frozen header row and a filter.
    let col = |name: &str| {
        suqiu::paper::COLUMNS
            .iter()
            .position(|c| *c == name)
            .unwrap()
    };
    let first = range.rows().nth(1).unwrap();
    assert!(
        matches!(first[col("登记时间")], Data::DateTime(_)),
        "{:?}",
        first[col("登记时间")]
    );
    assert!(matches!(first[col("轮次")], Data::Float(_)));
    assert!(
        range
            .rows()
            .skip(1)
            .map(|r| &r[col("手机号")])
            .filter(|d| !matches!(d, Data::Empty))
            .all(|d| matches!(d, Data::String(_)))
    );
    let xml = Command::new("unzip")
        .arg("-p")
        .arg(&xlsx_path)
        .arg("xl/worksheets/sheet1.xml")
        .output()
        .expect("unzip (installed by .ci/run)");
    let xml = String::from_utf8_lossy(&xml.stdout);
    assert!(xml.contains(r#"ySplit="1""#), "frozen header");
    assert!(xml.contains("<autoFilter ref=\"A1:"), "a filter");
    assert!(xml.contains("<col "), "column widths");
    // A bad date says what to write.
    let o = suqiu(
        &db,
        &[
            "export",
            "tickets",
            "--out",
            "x.csv",
            "--from",
            "2026-13-01",
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("2026-11-26"), "{}", stderr(&o));
}

#[test]
fn print_ticket_writes_the_one_ticket_form() {
    let (_d, db) = demo();
    let number = common::first_ticket(&db, |t| {
        t.state == suqiu::domain::vocab::State::Closed && t.round == 2
    })
    .number();
    let o = suqiu(&db, &["print", "ticket", &number]);
    assert!(o.status.success(), "{}", stderr(&o));
    let form = stdout(&o);
    for part in [
        "群众诉求“一单制”办理单",
        "一、诉求登记（拟单）",
        "二、领导批示（下单）",
        "三、承办单位办理与反馈评价（买单 · 签单）",
        "（一）第 1 轮办理",
        "（二）第 2 轮办理",
        "四、办理结果",
        "共 2 轮",
        "最终评价",
        "诉求人签字",
        &number,
    ] {
        assert!(form.contains(part), "missing {part}\n{form}");
    }
    // Each round under its own heading, with its department, deadline, 签收, result,
    // feedback and whether it finished on time.
    let second = form.find("（二）第 2 轮办理").unwrap();
    let (one, two) = form.split_at(second);
    let one = &one[one.find("（一）第 1 轮办理").unwrap()..];
    let two = &two[..two.find("四、办理结果").unwrap()];
    // A round a department handled shows its 签收, result and timeliness; one without (民事民议,
    // 现场答复) says how the leader decided it. At the tests' fixed time both rounds of the first
    // such ticket went to a department.
    for round in [one, two] {
        assert!(round.contains("回访反馈"), "{round}");
        if round.contains("承办单位") {
            for part in ["办理期限", "签收", "报送办理结果", "按时办结"] {
                assert!(round.contains(part), "missing {part} in\n{round}");
            }
        } else {
            assert!(round.contains("处理方式"), "{round}");
        }
    }
    if common::fixed_time() {
        assert!(
            one.contains("承办单位") && two.contains("退回原承办单位二次办理"),
            "{form}"
        );
    }
    // No line starts with closing punctuation (避头点).
    for l in form.lines() {
        let t = l.trim_start();
        assert!(
            !t.starts_with(['。', '，', '、', '；', '：', '）', '”']),
            "a line starts with punctuation: {l:?}\n{form}"
        );
    }
    // A ticket not yet issued: no 下单 deadline, and it says so.
    let registered =
        common::first_ticket(&db, |t| t.state == suqiu::domain::vocab::State::Registered).number();
    let o = suqiu(&db, &["print", "ticket", &registered]);
    let form = stdout(&o);
    assert!(
        form.contains("尚未下单") && !form.contains("办理期限"),
        "{form}"
    );
    let o = suqiu(&db, &["print", "ticket", "2026-999999"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("找不到"));
    let o = suqiu(&db, &["print", "ticket", "abc"]);
    assert!(stderr(&o).contains("编号形如"));
}

#[test]
fn a_newer_database_is_refused_by_every_command() {
    let (_d, db) = common::org_db();
    rusqlite::Connection::open(&db)
        .unwrap()
        .execute_batch("PRAGMA user_version = 99")
        .unwrap();
    let o = suqiu(&db, &["calendar", "status"]);
    assert_eq!(o.status.code(), Some(1));
    let e = stderr(&o);
    assert!(
        e.contains("数据库版本 99")
            && e.contains(&format!("支持的版本 {}", suqiu::store::schema_version())),
        "{e}"
    );
}

#[test]
fn gen_adds_tickets_at_scale_and_the_chain_still_verifies() {
    let (_d, db) = demo();
    let count = || common::ticket_count(&db);
    let before = count();
    let o = suqiu(&db, &["gen", "--tickets", "2000", "--seed", "7"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(count(), before + 2000);
    assert_eq!(suqiu(&db, &["audit", "verify"]).status.code(), Some(0));
}

#[test]
fn a_process_killed_mid_write_loses_nothing_committed() {
    let (_d, db) = demo();
    let mut child = common::suqiu_cmd()
        .args(["gen", "--tickets", "300000", "--db"])
        .arg(&db)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(2500));
    assert!(
        child.try_wait().unwrap().is_none(),
        "gen finished before it could be killed"
    );
    child.kill().unwrap();
    let _ = child.wait();
    let c = rusqlite::Connection::open(&db).unwrap();
    let ok: String = c
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(ok, "ok");
    drop(c);
    let n = common::ticket_count(&db);
    assert!(n >= 300, "the demo's tickets are all still there ({n})");
    let o = suqiu(&db, &["audit", "verify"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
}

#[test]
fn visits_plan_notice_report_and_ledger_export() {
    let (d, db) = demo();
    // The plan of a month as text and as CSV.
    // The month of the demo's visit without a leader (空岗), within the coming 30 days.
    let store = common::open(&db);
    let gap = store.unstaffed_visits().unwrap().remove(0);
    let refs = store.refs().unwrap();
    drop(store);
    let (y, m) = (gap.date.year().to_string(), gap.date.month().to_string());
    let o = suqiu(&db, &["visits", "plan", "--year", &y, "--month", &m]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(text.starts_with("日期"), "{text}");
    let line = format!(
        "{}  {}  18:00  进社区  {}",
        ymd(gap.date),
        suqiu::domain::visits::weekday_zh(gap.date),
        refs.place_name(Some(gap.place_id))
    );
    assert!(text.contains(&line), "{line}\n{text}");
    assert!(text.contains("空岗"), "{text}");
    let o = suqiu(
        &db,
        &[
            "visits", "plan", "--year", &y, "--month", &m, "--format", "csv",
        ],
    );
    let csv = stdout(&o);
    assert!(
        csv.starts_with("日期,星期,时间,类型,地点,领导,状态,备注"),
        "{csv}"
    );
    // A year not planned yet is computed, marked provisional without holiday data, not saved.
    // (2032-04-10 is a Saturday: the visit moves to Monday the 12th.)
    let o = suqiu(&db, &["visits", "plan", "--year", "2032", "--month", "4"]);
    let text = stdout(&o);
    assert!(
        text.contains("2032-04-12  周一") && text.contains("日期暂定"),
        "{text}"
    );
    assert!(stderr(&o).contains("--save"));
    let o = suqiu(&db, &["visits", "plan", "--year", "2032", "--month", "13"]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("月份应为 1 到 12"));
    // The visit times and the notice period are the center's to set.
    let o = suqiu(&db, &["visits", "settings"]);
    assert!(
        stdout(&o).contains("进乡镇 14:30") && stdout(&o).contains("提前 7 天"),
        "{}",
        stdout(&o)
    );
    let o = suqiu(
        &db,
        &[
            "visits",
            "settings",
            "--township-time",
            "15:00",
            "--notice-days",
            "10",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("进乡镇 15:00") && stdout(&o).contains("提前 10 天"));
    let o = suqiu(&db, &["visits", "settings", "--township-time", "25:00"]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("时间“25:00”无效"), "{}", stderr(&o));
    // A notice for printing.
    let today = wall().date();
    let id = common::open(&db)
        .visits_between(today + Duration::days(1), today + Duration::days(60))
        .unwrap()
        .into_iter()
        .find(|v| v.status == suqiu::domain::visits::VisitStatus::Planned && !v.leader_absent)
        .unwrap()
        .id;
    let notice = d.path().join("预告.txt");
    let o = suqiu(
        &db,
        &[
            "visits",
            "notice",
            &id.to_string(),
            "--out",
            notice.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let text = std::fs::read_to_string(&notice).unwrap();
    assert!(
        text.contains("接待领导：") && text.contains("欢迎有诉求的居民群众"),
        "{text}"
    );
    // The half-year report names the exceptions.
    // The half-year that holds the day 100 days ago has months of visits behind it.
    let back = today - Duration::days(100);
    let (hy, half) = (
        back.year().to_string(),
        if back.month() <= 6 { "1" } else { "2" },
    );
    let o = suqiu(&db, &["visits", "report", "--year", &hy, "--half", half]);
    let text = stdout(&o);
    assert!(
        text.contains("例外情况") && text.contains("未举行："),
        "{text}"
    );
    // Ledgers: one leader as CSV with a BOM, all as XLSX; an unknown leader is named.
    let out = d.path().join("ledger.csv");
    let o = suqiu(
        &db,
        &[
            "ledger",
            "export",
            "--leader",
            "高志远",
            "--from",
            &ymd(today - Duration::days(365)),
            "--to",
            &common::zh_date(today),
            "--format",
            "csv",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let bytes = std::fs::read(&out).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    assert!(
        text.contains("高志远,汇总")
            && text.contains("高志远,走访")
            && text.contains("高志远,诉求"),
        "{text}"
    );
    let xlsx = d.path().join("all.xlsx");
    let o = suqiu(
        &db,
        &[
            "ledger",
            "export",
            "--all",
            "--from",
            &ymd(today - Duration::days(180)),
            "--to",
            &ymd(today),
            "--out",
            xlsx.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let mut wb: Xlsx<_> = open_workbook(&xlsx).unwrap();
    let range = wb.worksheet_range("一人一档").unwrap();
    assert!(range.height() > 100);
    let o = suqiu(
        &db,
        &[
            "ledger",
            "export",
            "--leader",
            "无此人",
            "--from",
            "2026-01-01",
            "--to",
            "2026-12-31",
            "--out",
            xlsx.to_str().unwrap(),
        ],
    );
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("没有领导“无此人”；可选：高志远"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn members_and_households_import_all_or_nothing_with_row_numbers() {
    let (d, db) = common::org_db();
    let bad = d.path().join("members.csv");
    std::fs::write(
        &bad,
        "姓名,单位,职务,居住社区,职业,专长,干部类别,重点选派,选派方式,手机号\n\
         张三,区教育局,科员,仙城社区,教师,课业辅导,年轻干部,是,自荐,13812345678\n\
         \n\
         李四,区教育局,科员,火星社区,,,,否,,\n\
         王五,区教育局,科员,仙城社区,,,外星干部,也许,,123\n",
    )
    .unwrap();
    let o = suqiu(&db, &["members", "import", bad.to_str().unwrap()]);
    assert!(!o.status.success());
    let e = stderr(&o);
    assert!(e.contains("第 4 行 居住社区：没有社区/村“火星社区”"), "{e}");
    assert!(
        e.contains("第 5 行 干部类别") && e.contains("第 5 行 手机号"),
        "{e}"
    );
    assert!(e.contains("未导入任何一行"), "{e}");
    assert!(
        common::open(&db)
            .members_page(None, 1)
            .unwrap()
            .0
            .is_empty(),
        "nothing was imported"
    );
    let good = d.path().join("ok.csv");
    std::fs::write(
        &good,
        "\u{feff}姓名,单位,职务,居住社区,职业,专长,干部类别,重点选派,选派方式,手机号\n\
         张三,区教育局,科员,仙城社区,教师,课业辅导,年轻干部,是,自荐,13812345678\n",
    )
    .unwrap();
    let o = suqiu(&db, &["members", "import", good.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    // The same member again is refused.
    let o = suqiu(&db, &["members", "import", good.to_str().unwrap()]);
    assert!(
        stderr(&o).contains("第 2 行：张三（区教育局）已在名单中"),
        "{}",
        stderr(&o)
    );
    let h = d.path().join("h.csv");
    std::fs::write(
        &h,
        "社区/村,住址,户主,户别,需求,一家一策\n\
         仙城社区,仙城社区1号楼101室,王大爷,空巢户,陪伴,每周电话\n",
    )
    .unwrap();
    let o = suqiu(&db, &["households", "import", h.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    // The card of the member.
    let o = suqiu(&db, &["print", "card", "张三"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("在职党员进社区活动卡"));
    let o = suqiu(&db, &["print", "card", "无名氏"]);
    assert!(stderr(&o).contains("没有党员“无名氏”"));
}

#[test]
fn loading_a_years_holidays_moves_the_visits_planned_without_them() {
    let (d, db) = demo();
    let o = suqiu(
        &db,
        &["visits", "plan", "--year", "2032", "--month", "2", "--save"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("已写入"), "{}", stderr(&o));
    // 2032-02-10 is a Tuesday; with the 10th to 12th off, the visit moves to Friday the 13th.
    let json = d.path().join("2032.json");
    std::fs::write(
        &json,
        r#"{"year":2032,"papers":[],"days":[
        {"name":"春节","date":"2032-02-10","isOffDay":true},
        {"name":"春节","date":"2032-02-11","isOffDay":true},
        {"name":"春节","date":"2032-02-12","isOffDay":true}]}"#,
    )
    .unwrap();
    let o = suqiu(&db, &["calendar", "load", json.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains("调整了") && out.contains("2032-02-10 → 2032-02-13"),
        "{out}"
    );
}

/// Everything the binary creates is private: the database and its -wal/-shm files 0600, the
/// folders it makes 0700, exports 0600 — whatever the caller's umask (here the usual 022). A
/// database that others can read is flagged.
#[cfg(unix)]
#[test]
fn files_suqiu_creates_are_private_to_its_user() {
    use std::os::unix::fs::PermissionsExt;
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    let dir = tempfile::TempDir::new().unwrap();
    let db = dir.path().join("新建").join("demo.db");
    let o = Command::new("sh")
        .arg("-c")
        .arg("umask 022 && exec \"$0\" --db \"$1\" init --demo")
        .arg(env!("CARGO_BIN_EXE_suqiu"))
        .arg(&db)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(mode(&db), 0o600, "the database");
    assert_eq!(mode(db.parent().unwrap()), 0o700, "the folder it made");
    for side in ["-wal", "-shm"] {
        let p = std::path::PathBuf::from(format!("{}{side}", db.display()));
        if p.exists() {
            assert_eq!(mode(&p), 0o600, "{side}");
        }
    }
    assert!(!suqiu::tui::readable_by_others(&db));
    let out = dir.path().join("export.csv");
    let o = Command::new("sh")
        .arg("-c")
        .arg("umask 022 && exec \"$0\" --db \"$1\" export tickets --format csv --out \"$2\"")
        .env("SUQIU_STAFF", "1001")
        .env("SUQIU_PIN", "100100")
        .arg(env!("CARGO_BIN_EXE_suqiu"))
        .arg(&db)
        .arg(&out)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(mode(&out), 0o600, "an export");
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o644)).unwrap();
    assert!(
        suqiu::tui::readable_by_others(&db),
        "a readable database is flagged"
    );
}

/// A cell of an export that a spreadsheet would run as a formula is written as text: a
/// representative whose expertise someone typed as a formula is exported with an apostrophe.
#[test]
fn an_export_never_holds_a_formula() {
    let (_d, db) = demo();
    let evil = "=HYPERLINK(\"http://example.invalid\",\"点此\")";
    let import = db.with_file_name("import.csv");
    std::fs::write(
        &import,
        format!(
            "姓名,性别,社区/村,类别,产生方式,职业,专长,手机号,任期开始,任期结束\n\
             钱多多,女,仙城社区,居民代表,自荐,,\"{}\",13912340000,2026-01-01,2028-12-31\n",
            evil.replace('"', "\"\"")
        ),
    )
    .unwrap();
    let o = suqiu(&db, &["roster", "import", import.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = suqiu(
        &db,
        &[
            "roster",
            "export",
            "--out",
            db.with_file_name("roster.csv").to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let text = std::fs::read_to_string(db.with_file_name("roster.csv")).unwrap();
    assert!(text.contains("\"'=HYPERLINK("), "{text}");
    for line in text.lines() {
        for cell in line.split(',') {
            let cell = cell.trim_start_matches(['"', '\u{feff}']);
            assert!(
                !cell.starts_with(['=', '+', '-', '@']),
                "a cell a spreadsheet would run: {cell:?} in {line:?}"
            );
        }
    }
}

/// A mistyped `--db` is an error naming the path; it does not make a new empty database (which
/// `audit verify` would then call intact). `init` makes one.
#[test]
fn a_database_that_does_not_exist_is_made_only_by_init() {
    let dir = tempfile::TempDir::new().unwrap();
    let db = dir.path().join("sqiu.db");
    for args in [
        &["audit", "verify"][..],
        &["export", "tickets", "--format", "csv", "--out", "x.csv"][..],
        &["roster", "export", "--out", "x.csv"][..],
        &["calendar", "status"][..],
    ] {
        let o = suqiu(&db, args);
        assert_ne!(o.status.code(), Some(0), "{args:?}: {}", stdout(&o));
        assert!(
            stderr(&o).contains("没有数据库"),
            "{args:?}: {}",
            stderr(&o)
        );
        assert!(stderr(&o).contains("sqiu.db"), "{args:?}: names the path");
        assert!(!db.exists(), "{args:?} made a database");
    }
    // A new file gets its center and first administrator, or is not made.
    let o = suqiu(&db, &["init"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("第一位管理员"), "{}", stderr(&o));
    assert!(!db.exists());
    let o = suqiu(
        &db,
        &[
            "init",
            "--center",
            "测试区群众诉求服务中心",
            "--name",
            "赵建国",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(db.exists());
    let o = suqiu(&db, &["audit", "verify"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // And that administrator can sign in and act (the helper passes 1001 and its PIN).
    let o = suqiu(&db, &["draw", "list"]);
    assert!(o.status.success(), "{}", stderr(&o));
}

/// Subcommands that read personal data or change data act as a signed-in staff member: no
/// sign-in, a wrong PIN, another role's act are refused; the audit names who acted (issue 8 §4).
#[test]
fn subcommands_act_as_a_signed_in_staff_member() {
    let (d, db) = demo();
    let out = d.path().join("x.csv");
    let plain = |args: &[&str], env: &[(&str, &str)]| {
        let mut c = Command::new(env!("CARGO_BIN_EXE_suqiu"));
        c.args(args)
            .arg("--db")
            .arg(&db)
            .env_remove("SUQIU_STAFF")
            .env_remove("SUQIU_PIN");
        for (k, v) in env {
            c.env(k, v);
        }
        c.stdin(std::process::Stdio::null()).output().unwrap()
    };
    let export = ["export", "tickets", "--out", out.to_str().unwrap()];
    let o = plain(&export, &[]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("--staff"), "{}", stderr(&o));
    assert!(!out.exists());
    let o = plain(&export, &[("SUQIU_STAFF", "1002"), ("SUQIU_PIN", "111111")]);
    assert_eq!(o.status.code(), Some(1));
    assert!(!out.exists());
    // USER is not who acts: an org load by a clerk is refused, whatever USER says.
    let o = plain(
        &[
            "org",
            "load",
            concat!(env!("CARGO_MANIFEST_DIR"), "/data/org-demo.toml"),
        ],
        &[
            ("SUQIU_STAFF", "1003"),
            ("SUQIU_PIN", "300300"),
            ("USER", "赵建国"),
        ],
    );
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    // The director exports, and the audit names the director.
    let o = plain(&export, &[("SUQIU_STAFF", "1002"), ("SUQIU_PIN", "200200")]);
    assert!(o.status.success(), "{}", stderr(&o));
    let c = rusqlite::Connection::open(&db).unwrap();
    let (ok, wrong): (i64, i64) = c
        .query_row(
            "SELECT sum(kind = 'sign_in' AND actor = '孙丽华'), sum(kind = 'sign_in_failed')
             FROM audit_log WHERE subject = 'staff:1002'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert!(ok >= 1 && wrong >= 1, "{ok} {wrong}");
    // Checking a receipt or the chain needs no one.
    let o = plain(&["audit", "verify"], &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
}

/// Anyone may check a receipt: `draw verify` needs no database (nor a sign-in), even with a
/// `--db` that does not exist.
#[test]
fn a_receipt_is_checked_without_a_database() {
    let (d, db) = demo();
    let draws = suqiu::store::Store::open(&db, wall())
        .unwrap()
        .0
        .draws_list(1000)
        .unwrap();
    let id = draws
        .iter()
        .find(|x| x.4 == suqiu::domain::draw::DrawState::Final)
        .map(|x| x.0)
        .expect("the demo has a final draw");
    let receipt = d.path().join("凭据.txt");
    let o = suqiu(
        &db,
        &[
            "print",
            "draw",
            &id.to_string(),
            "--out",
            receipt.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let nowhere = d.path().join("没有这个库.db");
    let o = suqiu(&nowhere, &["draw", "verify", receipt.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(!nowhere.exists());
}

/// `audit head` prints `N HASH`; every printout and export states that head; an anchor taken
/// from one catches a log cut short afterwards, naming the anchor (issue 8 §1).
#[test]
fn printouts_state_the_audit_head_and_anchors_catch_a_truncated_log() {
    let (d, db) = demo();
    // Each command signs in (an audited event), so each printout states the head it saw.
    let anchor_of = |text: &str| -> String {
        let line = text
            .lines()
            .rev()
            .find(|l| l.contains("--anchor "))
            .unwrap_or_else(|| panic!("no audit head in {text}"));
        let a = line.rsplit("--anchor ").next().unwrap();
        a.split([' ', ',', '"']).next().unwrap().to_string()
    };
    let holds = |anchor: &str| {
        let o = suqiu(&db, &["audit", "verify", "--anchor", anchor]);
        assert_eq!(o.status.code(), Some(0), "{anchor}: {}", stdout(&o));
    };
    // A ticket form, a draw receipt (which still verifies with its footer) and exports.
    let number = common::first_ticket(&db, |_| true).number();
    let form = stdout(&suqiu(&db, &["print", "ticket", &number]));
    assert!(
        form.trim_end().lines().last().unwrap().contains("--anchor"),
        "{form}"
    );
    holds(&anchor_of(&form));
    let draw: i64 = rusqlite::Connection::open(&db)
        .unwrap()
        .query_row(
            "SELECT id FROM draws WHERE receipt IS NOT NULL LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let receipt = d.path().join("receipt.txt");
    let o = suqiu(
        &db,
        &[
            "print",
            "draw",
            &draw.to_string(),
            "--out",
            receipt.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    holds(&anchor_of(&std::fs::read_to_string(&receipt).unwrap()));
    let o = suqiu(&db, &["draw", "verify", receipt.to_str().unwrap()]);
    assert!(o.status.success(), "{}{}", stdout(&o), stderr(&o));
    let csv = d.path().join("t.csv");
    let o = suqiu(&db, &["export", "tickets", "--out", csv.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = std::fs::read_to_string(&csv).unwrap();
    assert!(
        text.trim_end().lines().last().unwrap().contains("--anchor"),
        "{text}"
    );
    holds(&anchor_of(&text));
    let roster = d.path().join("r.csv");
    let o = suqiu(
        &db,
        &["roster", "export", "--out", roster.to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    holds(&anchor_of(&std::fs::read_to_string(&roster).unwrap()));
    // `audit head` prints `N HASH` and signs no one in: the head it shows is the newest.
    let o = suqiu(&db, &["audit", "head"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let head = stdout(&o).trim().to_string();
    let (n, hash) = head.split_once(' ').expect("N HASH");
    assert_eq!(hash.len(), 64);
    let anchor = format!("{n}:{hash}");
    holds(&anchor);
    let o = suqiu(&db, &["audit", "anchor"]);
    assert!(stdout(&o).contains(&anchor), "{}", stdout(&o));
    // Someone deletes the newest events: the chain that is left verifies, the anchor does not.
    let c = rusqlite::Connection::open(&db).unwrap();
    c.execute_batch(&format!(
        "DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE id > {n} - 3;"
    ))
    .unwrap();
    drop(c);
    let o = suqiu(&db, &["audit", "verify", "--anchor", &anchor]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    assert!(
        stdout(&o).contains(&format!("锚点 {n} 不符")),
        "{}",
        stdout(&o)
    );
    let o = suqiu(&db, &["audit", "verify", "--anchor", "12:xyz"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("格式不对"), "{}", stderr(&o));
}

/// A stored receipt replaced after the draw was final (even one with a correct checksum of its
/// own) is refused by `print draw` and by `draw verify --db`: its checksum is not the one the
/// `draw_final` event recorded (issue 8 §3).
#[test]
fn a_receipt_replaced_in_the_database_is_refused() {
    use sha2::Digest;
    let (d, db) = demo();
    let c = rusqlite::Connection::open(&db).unwrap();
    let (id, receipt): (i64, String) = c
        .query_row(
            "SELECT id, receipt FROM draws WHERE state = 'final' LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let printed = d.path().join("原凭据.txt");
    let o = suqiu(
        &db,
        &[
            "print",
            "draw",
            &id.to_string(),
            "--out",
            printed.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let o = suqiu(&db, &["draw", "verify", printed.to_str().unwrap()]);
    assert!(stdout(&o).contains("一致"), "{}", stdout(&o));
    // A forged receipt: a changed summary line, and a checksum recomputed to match.
    let pos = receipt.rfind("receipt_sha256: ").unwrap();
    let body = receipt[..pos].replacen("# ", "# （改）", 1);
    let sum = hex(&sha2::Sha256::digest(body.as_bytes()));
    let forged = format!("{body}receipt_sha256: {sum}\n");
    c.execute(
        "UPDATE draws SET receipt = ?1, receipt_sha256 = ?2 WHERE id = ?3",
        rusqlite::params![forged, sum, id],
    )
    .unwrap();
    let o = suqiu(&db, &["print", "draw", &id.to_string()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("与审计日志不符"), "{}", stderr(&o));
    let o = suqiu(&db, &["draw", "verify", printed.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    let o = suqiu(&db, &["audit", "verify"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains(&format!("抽签 {id}")), "{}", stdout(&o));
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

/// `init --demo` is all or nothing: killed midway it leaves no half demo under the name, and
/// run again it writes the whole of it (issue 8 §5).
#[test]
fn a_demo_killed_midway_leaves_nothing_half_written_and_can_be_redone() {
    let dir = tempfile::TempDir::new().unwrap();
    let db = dir.path().join("demo.db");
    let mut child = common::suqiu_cmd()
        .args(["init", "--demo", "--db"])
        .arg(&db)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Until a part of it has been written.
    let part = dir.path().join("demo.db.demo-part");
    let started = std::time::Instant::now();
    while !part.exists() && started.elapsed() < std::time::Duration::from_secs(20) {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    std::thread::sleep(std::time::Duration::from_millis(300));
    let finished = child.try_wait().unwrap().is_some();
    child.kill().unwrap();
    let _ = child.wait();
    if !finished {
        assert!(!db.exists(), "no half demo under the database's name");
    }
    let o = suqiu(&db, &["init", "--demo"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!part.exists());
    assert!(common::ticket_count(&db) > 300);
    let o = suqiu(&db, &["audit", "verify"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
}

/// A department account exports only its own department's tickets, and none of the center's
/// other work: roster, ledgers, member cards (issue 8 §4).
#[test]
fn a_department_account_exports_its_own_tickets_and_nothing_else() {
    let (d, db) = demo();
    let as_dept = |args: &[&str]| {
        let mut c = common::suqiu_cmd();
        c.args(args)
            .arg("--db")
            .arg(&db)
            .env("SUQIU_STAFF", "2001")
            .env("SUQIU_PIN", "400400");
        c.output().unwrap()
    };
    let out = d.path().join("本单位.csv");
    let o = as_dept(&["export", "tickets", "--out", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = std::fs::read_to_string(&out).unwrap();
    let mut rdr = csv::Reader::from_reader(text.as_bytes());
    let col = rdr
        .headers()
        .unwrap()
        .iter()
        .position(|h| h == "承办单位")
        .unwrap();
    let depts: std::collections::HashSet<String> = rdr
        .records()
        .map(Result::unwrap)
        .filter(|r| !r[0].starts_with('#'))
        .map(|r| r[col].to_string())
        .collect();
    assert_eq!(depts.len(), 1, "{depts:?}");
    let all = common::ticket_count(&db) as usize;
    assert!(text.lines().count() < all, "not every ticket");
    for args in [
        &["roster", "export", "--out", "r.csv"][..],
        &[
            "ledger",
            "export",
            "--all",
            "--from",
            "2026-01-01",
            "--to",
            "2026-12-31",
            "--out",
            "l.csv",
        ],
        &["print", "card", "1"],
        &["print", "household-card", "1"],
        &["print", "pick-receipt", "1"],
        &["ledger", "summaries", "--year", "2026"],
        &[
            "ledger",
            "show",
            "--place",
            "仙城社区",
            "--month",
            "2026-10",
        ],
        &["draw", "list"],
    ] {
        let o = as_dept(args);
        assert_eq!(o.status.code(), Some(1), "{args:?}: {}", stdout(&o));
        assert!(
            stderr(&o).contains("承办单位账号"),
            "{args:?}: {}",
            stderr(&o)
        );
    }
}

/// ID numbers and mobiles in a CSV export survive a spreadsheet's open-and-save: LibreOffice
/// headless opens the export (as UTF-8, its other import options as they come) and saves it
/// as CSV again; every ID number and mobile reads back as it was (issue 8 §5). .ci/run installs
/// LibreOffice (libreoffice-calc-nogui).
#[test]
fn id_numbers_and_mobiles_survive_a_spreadsheet_open_and_save() {
    let soffice = ["soffice", "libreoffice"]
        .into_iter()
        .find(|c| Command::new(c).arg("--version").output().is_ok())
        .expect(
            "LibreOffice (soffice) is needed for this test: apt-get install libreoffice-calc-nogui",
        );
    let (d, db) = demo();
    let csv_path = d.path().join("诉求件.csv");
    let o = suqiu(
        &db,
        &["export", "tickets", "--out", csv_path.to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let out_dir = d.path().join("saved");
    let o = Command::new(soffice)
        .env("HOME", d.path())
        .args([
            "--headless",
            "--infilter=CSV:44,34,76",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76",
            "--outdir",
        ])
        .arg(&out_dir)
        .arg(&csv_path)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let saved = out_dir.join("诉求件.csv");
    let before = suqiu::roster_files::read_rows(&csv_path).unwrap();
    let after = suqiu::roster_files::read_rows(&saved).unwrap();
    let col = |name: &str| before[0].iter().position(|h| h == name).unwrap();
    let (id, mobile) = (col("身份证号"), col("手机号"));
    let ids = before.iter().skip(1).filter(|r| r[id].len() == 18).count();
    assert!(ids > 50, "the export has ID numbers: {ids}");
    assert_eq!(before.len(), after.len());
    for (b, a) in before.iter().zip(&after).skip(1) {
        assert_eq!(b[id], a[id], "an ID number after the spreadsheet");
        assert_eq!(b[mobile], a[mobile], "a mobile after the spreadsheet");
    }
}

/// In a script (stderr not a terminal) a long job draws no bar: stderr has no progress text
/// and no terminal control characters.
#[test]
fn a_long_job_in_a_script_stays_quiet() {
    let (_d, path) = common::demo_db();
    let out = common::suqiu_cmd()
        .args([
            "--db",
            path.to_str().unwrap(),
            "--staff",
            "1001",
            "gen",
            "--tickets",
            "3000",
        ])
        .env("SUQIU_PIN", "100100")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        !err.contains("写入诉求") && !err.contains('\r') && !err.contains('\x1b'),
        "{err:?}"
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("已生成 3000 件诉求"));
}

fn poppler(tool: &str) -> &str {
    assert!(
        Command::new(tool).arg("-v").output().is_ok(),
        "poppler's {tool} is needed for this test: apt-get install poppler-utils"
    );
    tool
}

/// The dark share of page `page` of a PDF rendered by poppler (`pdftoppm`, grey, 40 dpi).
fn inked(pdf: &Path, page: u32) -> f64 {
    let out = Command::new(poppler("pdftoppm"))
        .args([
            "-gray",
            "-r",
            "40",
            "-f",
            &page.to_string(),
            "-l",
            &page.to_string(),
        ])
        .arg(pdf)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // A binary PGM: "P5\n<w> <h>\n255\n" then one byte per pixel.
    let b = out.stdout;
    let mut fields = 0;
    let mut i = 0;
    while fields < 4 {
        while b[i].is_ascii_whitespace() {
            i += 1;
        }
        while !b[i].is_ascii_whitespace() {
            i += 1;
        }
        fields += 1;
    }
    let pixels = &b[i + 1..];
    pixels.iter().filter(|p| **p < 128).count() as f64 / pixels.len() as f64
}

fn pdf_text(pdf: &Path) -> String {
    let out = Command::new(poppler("pdftotext"))
        .args(["-layout"])
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// `print ticket --out x.pdf`: an A4 PDF with a subset of a CJK font embedded, whose pages
/// render with ink on them and whose text reads back as the form's.
#[test]
fn a_ticket_form_prints_as_an_a4_pdf_with_an_embedded_cjk_subset() {
    let (d, db) = demo();
    let number = common::first_ticket(&db, |t| {
        t.state == suqiu::domain::vocab::State::Closed && t.round == 2
    })
    .number();
    let pdf = d.path().join("form.pdf");
    let o = suqiu(
        &db,
        &["print", "ticket", &number, "--out", pdf.to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    // A subset, not the whole font (Noto Sans CJK is some 20 MB).
    assert!(bytes.len() < 400_000, "{} bytes", bytes.len());
    let info = Command::new(poppler("pdfinfo")).arg(&pdf).output().unwrap();
    let info = String::from_utf8_lossy(&info.stdout);
    assert!(
        info.contains("595.28 x 841.89") || info.contains("A4"),
        "{info}"
    );
    let fonts = Command::new(poppler("pdffonts"))
        .arg(&pdf)
        .output()
        .unwrap();
    let fonts = String::from_utf8_lossy(&fonts.stdout).to_string();
    let line = fonts
        .lines()
        .find(|l| l.contains('+'))
        .unwrap_or_else(|| panic!("no subset font:\n{fonts}"));
    assert!(
        line.contains("yes yes yes"),
        "embedded, subset, with a Unicode map: {line}"
    );
    // pdftotext drops the spaces beside CJK characters: compare without any.
    let text = pdf_text(&pdf);
    let flat: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    for part in [
        "群众诉求“一单制”办理单",
        number.as_str(),
        "（一）第1轮办理",
        "（二）第2轮办理",
        "按时办结",
        "四、办理结果",
        "第1页共",
    ] {
        assert!(flat.contains(part), "missing {part}:\n{text}");
    }
    let ink = inked(&pdf, 1);
    assert!(ink > 0.005 && ink < 0.5, "page 1 ink {ink}");
}

/// The notices, reports and the other printouts take `.pdf` as well; without a CJK font (here
/// a font folder with none in it) the PDF is refused with what to install, and nothing is
/// written.
#[test]
fn reports_and_notices_print_as_pdf_and_without_a_cjk_font_the_pdf_is_refused() {
    let (d, db) = demo();
    let report = d.path().join("通报.pdf");
    let o = suqiu(
        &db,
        &[
            "report",
            "bulletin",
            "--year",
            "2026",
            "--out",
            report.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(pdf_text(&report).contains("审计链头"));
    assert!(inked(&report, 1) > 0.002);
    let no_fonts = d.path().join("no-fonts");
    std::fs::create_dir_all(&no_fonts).unwrap();
    let pdf = d.path().join("x.pdf");
    let o = common::suqiu_cmd()
        .args([
            "--db",
            db.to_str().unwrap(),
            "report",
            "bulletin",
            "--year",
            "2026",
        ])
        .args(["--out", pdf.to_str().unwrap()])
        .env("SUQIU_FONT_DIR", &no_fonts)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let e = stderr(&o);
    assert!(
        e.contains("未找到中文字体") && e.contains("fonts-noto-cjk") && e.contains(".txt"),
        "{e}"
    );
    assert!(!pdf.exists());
}

#[test]
fn visits_city_link_moves_both_district_visits_and_a_missed_visit_is_explained() {
    let (_d, db) = demo();
    let store = common::open(&db);
    let gap = store.unstaffed_visits().unwrap().remove(0);
    let refs = store.refs().unwrap();
    let ds = refs
        .places
        .iter()
        .find(|p| p.name == "东山社区")
        .unwrap()
        .id;
    let today = wall().date();
    let next: Vec<_> = store
        .visits_between(
            today + chrono::Duration::days(1),
            today + chrono::Duration::days(40),
        )
        .unwrap()
        .into_iter()
        .filter(|v| {
            v.place_id == ds
                && v.city_note.is_none()
                && v.kind == suqiu::domain::visits::VisitKind::Community
        })
        .collect();
    drop(store);
    let day = ymd(next[0].date);
    let o = suqiu(
        &db,
        &[
            "visits",
            "city",
            "--place",
            "东山社区",
            "--date",
            &day,
            "--time",
            "10:00",
            "--leader",
            "王建国",
            "--arranged-by",
            "组织部 刘洋",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("2次区级走访"), "{}", stdout(&o));
    let o = suqiu(
        &db,
        &[
            "visits",
            "city",
            "--place",
            "无此社区",
            "--date",
            &day,
            "--time",
            "10:00",
            "--leader",
            "王建国",
            "--arranged-by",
            "刘洋",
        ],
    );
    assert!(!o.status.success() && stderr(&o).contains("无此社区"));
    // The gap (空岗) is explained; the half-year report shows it.
    let id = gap.id.to_string();
    let o = suqiu(
        &db,
        &[
            "visits",
            "explain",
            &id,
            "--text",
            "赴省培训，未及时安排代替领导，已作检讨",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let half = if gap.date.month() <= 6 { "1" } else { "2" };
    let o = suqiu(
        &db,
        &[
            "visits",
            "report",
            "--year",
            &gap.date.year().to_string(),
            "--half",
            half,
        ],
    );
    assert!(
        stdout(&o).contains("说明或检讨：赴省培训"),
        "{}",
        stdout(&o)
    );
    // A visit to come that is staffed has nothing to explain.
    let o = suqiu(
        &db,
        &["visits", "explain", &next[0].id.to_string(), "--text", "x"],
    );
    assert!(
        !o.status.success() && stderr(&o).contains("只有未举行或空岗"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn ledger_show_submit_review_and_heard() {
    let (_d, db) = demo();
    let last = wall().date().with_day(1).unwrap() - chrono::Duration::days(1);
    let m = format!("{}", last.format("%Y-%m"));
    let o = suqiu(
        &db,
        &["ledger", "show", "--place", "仙城社区", "--month", &m],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("走访") && stdout(&o).contains("进社区"),
        "{}",
        stdout(&o)
    );
    let o = suqiu(
        &db,
        &["ledger", "submit", "--place", "仙城社区", "--month", &m],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let o = suqiu(
        &db,
        &["ledger", "submit", "--place", "仙城社区", "--month", &m],
    );
    assert!(
        !o.status.success() && stderr(&o).contains("已于"),
        "{}",
        stderr(&o)
    );
    // The command line is not the director: it cannot record a leader's review.
    let o = suqiu(
        &db,
        &[
            "ledger",
            "review",
            "--place",
            "仙城社区",
            "--month",
            &m,
            "--leader",
            "高志远",
            "--comments",
            "阅",
        ],
    );
    assert!(
        !o.status.success() && stderr(&o).contains("主任"),
        "{}",
        stderr(&o)
    );
    let o = suqiu(
        &db,
        &["ledger", "summaries", "--year", &last.year().to_string()],
    );
    assert!(
        stdout(&o).contains(&format!("{m}  仙城社区  已上报")),
        "{}",
        stdout(&o)
    );
    let o = suqiu(
        &db,
        &[
            "ledger",
            "heard",
            "--year",
            "2026",
            "--half",
            "3",
            "--date",
            "2026-07-15",
            "--meeting",
            "常委会",
        ],
    );
    assert!(!o.status.success());
}

#[test]
fn the_household_card_and_the_activity_card_say_everything_on_paper() {
    let (_d, db) = demo();
    let store = common::open(&db);
    let member: i64 = rusqlite::Connection::open(&db)
        .unwrap()
        .query_row("SELECT member_id FROM visit_reports LIMIT 1", [], |r| {
            r.get(0)
        })
        .unwrap();
    let h = store.member_households(member).unwrap().remove(0);
    drop(store);
    let o = suqiu(&db, &["print", "household-card", &h.id.to_string()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    for want in [
        "一户一卡",
        &h.head,
        "一家一策：",
        "联系党员：",
        "联系记录",
        "微心愿",
    ] {
        assert!(text.contains(want), "{want}: {text}");
    }
    let o = suqiu(&db, &["print", "card", &member.to_string()]);
    assert!(stdout(&o).contains("领导走访时的汇报"), "{}", stdout(&o));
    let o = suqiu(&db, &["print", "household-card", "999999"]);
    assert!(!o.status.success());
}

#[test]
fn members_register_change_and_units_inspect_meet_and_log_oversight() {
    let (d, db) = demo();
    let o = suqiu(&db, &["members", "unregistered", "--unit", "区教育局"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let id = stdout(&o)
        .lines()
        .next()
        .unwrap()
        .split_whitespace()
        .next()
        .unwrap()
        .to_string();
    assert!(suqiu(&db, &["members", "register", &id]).status.success());
    assert!(
        !stdout(&suqiu(
            &db,
            &["members", "unregistered", "--unit", "区教育局"]
        ))
        .contains(&format!("{id}  "))
    );
    let o = suqiu(&db, &["members", "change", &id, "--how", "随便"]);
    assert!(
        !o.status.success() && stderr(&o).contains("选派方式"),
        "{}",
        stderr(&o)
    );
    assert!(
        suqiu(&db, &["members", "change", &id, "--how", "党委决定"])
            .status
            .success()
    );
    let o = suqiu(
        &db,
        &[
            "members", "change", &id, "--retire", "退休", "--how", "自荐",
        ],
    );
    assert!(!o.status.success() && stderr(&o).contains("一次只做一项"));
    assert!(
        suqiu(&db, &["members", "change", &id, "--retire", "退休"])
            .status
            .success()
    );
    let h = stdout(&suqiu(&db, &["members", "history", &id]));
    assert!(
        h.contains("registered") && h.contains("key_selected") && h.contains("retired"),
        "{h}"
    );
    let out = d.path().join("ins.txt");
    let o = suqiu(
        &db,
        &[
            "units",
            "inspect",
            "--unit",
            "区教育局",
            "--n",
            "2",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let v = common::suqiu_cmd()
        .args(["draw", "verify"])
        .arg(&out)
        .output()
        .unwrap();
    assert!(v.status.success(), "{}", String::from_utf8_lossy(&v.stdout));
    let o = suqiu(&db, &["units", "inspect", "--unit", "无此单位"]);
    assert!(!o.status.success() && stderr(&o).contains("区教育局"));
    let y = wall().year().to_string();
    let o = suqiu(
        &db,
        &[
            "units",
            "meeting",
            "--unit",
            "区教育局",
            "--year",
            &y,
            "--quarter",
            "4",
        ],
    );
    assert!(stdout(&o).contains("本季无联系"), "{}", stdout(&o));
    let o = suqiu(
        &db,
        &[
            "units",
            "oversight",
            "--kind",
            "明察暗访",
            "--by",
            "区委组织部",
            "--date",
            &ymd(wall().date()),
            "--unit",
            "区教育局",
            "--findings",
            "良好",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
}
