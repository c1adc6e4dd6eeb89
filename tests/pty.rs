//! The real binary in a pseudo-terminal: sign in by typing, see the queue, type Chinese, watch
//! another process's change appear within a second, quit with the terminal restored.

mod common;

use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::*;
use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use suqiu::domain::flow::Move;
use suqiu::store::Store;

struct Term {
    parser: Arc<Mutex<vt100::Parser>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
}

impl Term {
    fn start(args: &[&str], home: &std::path::Path) -> Term {
        Term::start_with(args, home, &[])
    }

    fn start_with(args: &[&str], home: &std::path::Path, env: &[(&str, &std::path::Path)]) -> Term {
        let pty = native_pty_system();
        let pair = pty
            .openpty(PtySize {
                rows: 45,
                cols: 160,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_suqiu"));
        cmd.args(args);
        cmd.env("TERM", "xterm-256color");
        cmd.env("HOME", home);
        cmd.env("XDG_DATA_HOME", home.join("data"));
        cmd.env("XDG_CONFIG_HOME", home.join("config"));
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pair.slave.spawn_command(cmd).unwrap();
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().unwrap();
        let writer = pair.master.take_writer().unwrap();
        let parser = Arc::new(Mutex::new(vt100::Parser::new(45, 160, 0)));
        let p = parser.clone();
        std::thread::spawn(move || {
            // Keep the master alive as long as the reader runs.
            let _master = pair.master;
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                p.lock().unwrap().process(&buf[..n]);
            }
        });
        Term {
            parser,
            writer,
            child,
        }
    }

    fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    fn send(&mut self, s: &str) {
        self.writer.write_all(s.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    /// Waits until the screen contains `text`; returns how long it took.
    fn wait_for(&self, text: &str, limit: Duration) -> Duration {
        let start = Instant::now();
        while start.elapsed() < limit {
            if self.screen().contains(text) {
                return start.elapsed();
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!(
            "“{text}” did not appear within {limit:?}:\n{}",
            self.screen()
        );
    }
}

#[test]
fn the_real_desk_in_a_terminal() {
    let (dir, path) = demo_db_at(suqiu::clock::now());
    let mut t = Term::start(&["--db", path.to_str().unwrap()], dir.path());
    t.wait_for("工号", Duration::from_secs(10));
    t.send("1003\r");
    t.send("300300\r");
    t.wait_for("来件队列", Duration::from_secs(5));
    t.wait_for("王芳 · 窗口", Duration::from_secs(5));

    // Chinese typed through the terminal lands in the search field.
    t.send("/");
    t.wait_for("查找", Duration::from_secs(2));
    t.send("物业");
    t.send("\r");
    t.wait_for("搜索:“物业”", Duration::from_secs(2));
    t.send("x");
    t.wait_for("排序:到期先后", Duration::from_secs(2));

    // Another process withdraws the first ticket on the page: the desk sees it within a second.
    let c = rusqlite::Connection::open(&path).unwrap();
    let id: i64 = c
        .query_row(
            "SELECT id FROM tickets WHERE open = 1 ORDER BY due, id LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let number: String = c
        .query_row(
            "SELECT printf('%d-%06d', year, seq) FROM tickets WHERE id = ?1",
            [id],
            |r| r.get(0),
        )
        .unwrap();
    // The page comes back from the worker thread a moment after the header changes.
    t.wait_for(&number, Duration::from_secs(2));
    let mut other = Store::open(&path, suqiu::clock::now()).unwrap().0;
    let director = other.session("1002").unwrap().actor;
    let version = other.ticket(&director, id).unwrap().version;
    let cal = other.calendar().unwrap();
    let rules = other.refs().unwrap().rules();
    let ctx = suqiu::domain::flow::FlowCtx {
        today: suqiu::clock::now().date(),
        cal: &cal,
        rules: &rules,
    };
    other
        .apply_move(
            &director,
            id,
            version,
            &Move::Withdraw {
                reason: "群众来电撤回".into(),
            },
            &ctx,
            suqiu::clock::now(),
        )
        .unwrap();
    let took = t.wait_for("其他窗口更新了本页数据", Duration::from_millis(1500));
    assert!(took <= Duration::from_millis(1500));
    // The reloaded page follows the notice from the worker thread within the same second.
    let start = Instant::now();
    while t.screen().contains(&number) && start.elapsed() < Duration::from_millis(1000) {
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(
        !t.screen().contains(&number),
        "the withdrawn ticket left the page"
    );

    // Quit: the terminal comes back from the alternate screen.
    t.send("\x03");
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(5) {
        if let Ok(Some(status)) = t.child.try_wait() {
            assert!(status.success());
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(
        t.child.try_wait().unwrap().is_some(),
        "the desk did not exit"
    );
    std::thread::sleep(Duration::from_millis(100));
    assert!(
        !t.parser.lock().unwrap().screen().alternate_screen(),
        "the terminal was not restored"
    );
}

#[test]
fn a_newer_database_is_refused_before_the_terminal_is_touched() {
    let (dir, path) = org_db();
    rusqlite::Connection::open(&path)
        .unwrap()
        .execute_batch("PRAGMA user_version = 42")
        .unwrap();
    let mut t = Term::start(&["--db", path.to_str().unwrap()], dir.path());
    t.wait_for("数据库版本 42", Duration::from_secs(10));
    let status = t.child.wait().unwrap();
    assert!(!status.success());
}

#[test]
fn the_draw_screen_in_a_terminal() {
    let (dir, path) = demo_db_at(suqiu::clock::now());
    let drawn = drawn_tickets(&path);
    let number = first_ticket(&path, |t| {
        t.state == suqiu::domain::vocab::State::AwaitingDeliberation && !drawn.contains(&t.number())
    })
    .number();
    let mut t = Term::start(&["--db", path.to_str().unwrap()], dir.path());
    t.wait_for("工号", Duration::from_secs(10));
    t.send("1003\r300300\r");
    t.wait_for("王芳 · 窗口", Duration::from_secs(5));
    t.send("/");
    t.wait_for("查找", Duration::from_secs(2));
    t.send(&format!("{number}\r"));
    t.wait_for("共 1 件", Duration::from_secs(2));
    t.send("\r");
    t.wait_for("可办理", Duration::from_secs(2));
    t.send("a");
    t.wait_for("抽签组成评理团", Duration::from_secs(2));
    t.send("抽签\r");
    t.wait_for("抽签组成评理团：设置", Duration::from_secs(2));
    t.send("\x13");
    t.wait_for("抽签池校验值", Duration::from_secs(5));
    // The parties type through the terminal; the screen shows hashes, never the inputs.
    t.send("31415\r");
    t.wait_for("已输入，校验值", Duration::from_secs(2));
    t.send("\r");
    t.send("风调雨顺\r");
    t.wait_for("按 Enter 揭晓", Duration::from_secs(2));
    assert!(!t.screen().contains("31415") && !t.screen().contains("风调雨顺"));
    t.send("\r");
    t.wait_for("评理团（按抽中先后）", Duration::from_secs(3));
    assert!(t.screen().contains("“风调雨顺”"));
    t.send("\x06");
    t.wait_for("抽签已确认", Duration::from_secs(3));
    t.send("\x03");
    let _ = t.child.wait();
    // The receipt written by the desk verifies with the command line.
    let store = open(&path);
    let last_final = store
        .draws_list(10_000)
        .unwrap()
        .into_iter()
        .filter(|d| d.4 == suqiu::domain::draw::DrawState::Final)
        .map(|d| d.0)
        .max()
        .unwrap();
    let receipt = store.draw(last_final).unwrap().receipt.unwrap();
    let file = dir.path().join("r.txt");
    std::fs::write(&file, receipt).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_suqiu"))
        .args(["draw", "verify"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn the_visit_calendar_and_the_members_pane_in_a_terminal() {
    let (dir, path) = demo_db_at(suqiu::clock::now());
    let mut t = Term::start(&["--db", path.to_str().unwrap()], dir.path());
    t.wait_for("工号", Duration::from_secs(10));
    t.send("1003\r300300\r");
    t.wait_for("走访空岗 1", Duration::from_secs(5));
    t.send("4");
    t.wait_for("待记录结果", Duration::from_secs(3));
    assert!(t.screen().contains("走访日程"));
    // Held, with the interview notes.
    t.send("d");
    t.wait_for("访谈记录", Duration::from_secs(2));
    t.send("居民反映停车难\x13");
    t.wait_for("已记录：走访已举行", Duration::from_secs(3));
    // A key typed at once after the save is the clerk's typing running on, not a command.
    t.send("5");
    t.wait_for("未当作命令", Duration::from_secs(2));
    assert!(!t.screen().contains("联系户数不为3的党员"));
    // After a person's pause it is a command again.
    std::thread::sleep(Duration::from_millis(700));
    t.send("5");
    t.wait_for("联系户数不为3的党员", Duration::from_secs(3));
    t.send("h");
    t.wait_for("低于40%", Duration::from_secs(3));
    t.send("\x03");
    let _ = t.child.wait();
}

/// While another process holds the write lock for 8 seconds, the desk keeps answering keys
/// (the help opens and closes) and says it is saving; when the lock is released the save goes
/// through. Nothing fails with "database is locked".
#[test]
fn the_desk_answers_keys_while_another_process_holds_the_write_lock() {
    let (dir, path) = demo_db_at(suqiu::clock::now());
    let mut t = Term::start(&["--db", path.to_str().unwrap()], dir.path());
    t.wait_for("工号", Duration::from_secs(10));
    t.send("1003\r300300\r");
    t.wait_for("王芳 · 窗口", Duration::from_secs(5));
    // Another process takes the write lock and keeps it for 8 seconds.
    let (locked_tx, locked_rx) = std::sync::mpsc::channel();
    let p = path.clone();
    let holder = std::thread::spawn(move || {
        let c = rusqlite::Connection::open(&p).unwrap();
        c.execute_batch("BEGIN IMMEDIATE").unwrap();
        locked_tx.send(()).unwrap();
        std::thread::sleep(Duration::from_secs(8));
        c.execute_batch("COMMIT").unwrap();
    });
    locked_rx.recv().unwrap();
    let start = Instant::now();
    // Change the PIN: the save waits for the lock.
    t.send("\x10");
    t.wait_for("修改本人密码", Duration::from_secs(2));
    t.send("300300\t258147\t258147\x13");
    t.wait_for("正在写入数据库", Duration::from_secs(3));
    // Keys are answered meanwhile: the help opens and closes.
    t.send("?");
    let took = t.wait_for("全部按键", Duration::from_secs(1));
    assert!(took < Duration::from_secs(1));
    t.send("\x1b");
    assert!(
        start.elapsed() < Duration::from_secs(7),
        "the desk answered only after the lock was released"
    );
    assert!(!t.screen().contains("密码已修改"));
    // The save completes once the lock is free.
    t.wait_for("密码已修改", Duration::from_secs(12));
    assert!(!t.screen().contains("locked"), "{}", t.screen());
    holder.join().unwrap();
    t.send("\x03");
    let _ = t.child.wait();
    let mut store = Store::open(&path, suqiu::clock::now()).unwrap().0;
    assert!(store.sign_in("1003", "258147", suqiu::clock::now()).is_ok());
}

/// A command-line job over a second (`gen` of a few thousand petitions) shows a progress bar
/// on a terminal, and clears it before it says what it did.
#[test]
fn a_long_command_line_job_shows_a_bar_on_a_terminal() {
    let (dir, path) = demo_db_at(suqiu::clock::now());
    let mut t = Term::start(
        &[
            "--db",
            path.to_str().unwrap(),
            "--staff",
            "1001",
            "gen",
            "--tickets",
            "4000",
        ],
        dir.path(),
    );
    t.wait_for("PIN", Duration::from_secs(5));
    t.send("100100\r");
    // Generous: under CI the other tests share the two cores.
    t.wait_for("写入诉求 [", Duration::from_secs(60));
    t.wait_for("已生成 4000 件诉求", Duration::from_secs(120));
    let _ = t.child.wait();
    let s = t.screen();
    assert!(
        !s.contains("写入诉求 ["),
        "the bar is cleared at the end:\n{s}"
    );
}

/// The real binary on a new file: loading the demo shows its progress, and the staff number
/// typed meanwhile does not land in the sign-in form that follows.
#[test]
fn the_first_run_demo_keeps_early_keys_out_of_the_sign_in() {
    let dir = tempfile::TempDir::new().unwrap();
    let path = dir.path().join("new.db");
    let mut t = Term::start(&["--db", path.to_str().unwrap()], dir.path());
    t.wait_for("首次使用", Duration::from_secs(10));
    t.send("\x1b[C");
    t.wait_for("载入演示区", Duration::from_secs(2));
    t.send("\x13");
    t.send("1003\r");
    t.wait_for("已载入演示数据", Duration::from_secs(60));
    let s = t.screen();
    let staff_line = s.lines().find(|l| l.contains("工号*")).unwrap_or_default();
    assert!(!staff_line.contains("1003"), "{s}");
    t.send("1003\r300300\r");
    t.wait_for("王芳 · 窗口", Duration::from_secs(5));
    t.send("\x03");
    let _ = t.child.wait();
}

/// On a desk without a CJK font (here a font folder with none) the print key keeps the text
/// printout and says, in full, that no PDF was made and what to install.
#[test]
fn without_a_cjk_font_the_desk_prints_text_and_says_why() {
    let (dir, path) = demo_db_at(suqiu::clock::now());
    let no_fonts = dir.path().join("no-fonts");
    std::fs::create_dir_all(&no_fonts).unwrap();
    let mut t = Term::start_with(
        &["--db", path.to_str().unwrap()],
        dir.path(),
        &[("SUQIU_FONT_DIR", no_fonts.as_path())],
    );
    t.wait_for("工号", Duration::from_secs(10));
    t.send("1003\r300300\r");
    t.wait_for("王芳 · 窗口", Duration::from_secs(5));
    t.wait_for("第 1 页", Duration::from_secs(5));
    std::thread::sleep(Duration::from_millis(700));
    t.send("\r");
    t.wait_for("办理记录", Duration::from_secs(5));
    t.send("p");
    t.wait_for("未找到中文字体", Duration::from_secs(10));
    let printed: Vec<_> = std::fs::read_dir(path.parent().unwrap().join("打印"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    assert!(printed.iter().any(|n| n.ends_with(".txt")), "{printed:?}");
    assert!(!printed.iter().any(|n| n.ends_with(".pdf")), "{printed:?}");
    t.send("\x03");
    let _ = t.child.wait();
}
