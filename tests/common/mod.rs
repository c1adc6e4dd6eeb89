//! Shared helpers for the integration tests: real database files in temporary directories,
//! the demonstration district at a fixed time, and a desk driven by keys.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use chrono::{NaiveDate, NaiveDateTime};
use ratatui::Terminal;
use ratatui::backend::{Backend, TestBackend};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use tempfile::TempDir;

use suqiu::app::effects::Ctx;
use suqiu::app::{Action, App};
use suqiu::domain::Lang;
use suqiu::domain::flow::FlowCtx;
use suqiu::domain::roles::Actor;
use suqiu::keymap::Keymap;
use suqiu::store::Store;

/// The tests' "now": Thursday 2026-11-26, 10:00, unless `SUQIU_TEST_CLOCK=wall` asks for the
/// wall clock (`suqiu::clock::now()`). CI runs the journeys and the pty tests that way again
/// under libfaketime at the 1st of a month, a Spring Festival day and a day in 2027.
pub fn now() -> NaiveDateTime {
    if fixed_time() {
        NaiveDate::from_ymd_opt(2026, 11, 26)
            .unwrap()
            .and_hms_opt(10, 0, 0)
            .unwrap()
    } else {
        suqiu::clock::now()
    }
}

/// Whether the tests run at their fixed time (snapshots are compared only then: a screen shows
/// the date).
pub fn fixed_time() -> bool {
    std::env::var("SUQIU_TEST_CLOCK").map_or(true, |v| v != "wall")
}

/// A date as people in China write it, 2026年11月26日.
pub fn zh_date(d: NaiveDate) -> String {
    suqiu::domain::calendar::zh_date(d)
}

/// The real binary, acting as the demo's administrator (1001, 赵建国) where a command signs in:
/// the staff number and PIN are passed as a script would pass them.
pub fn suqiu_cmd() -> std::process::Command {
    let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_suqiu"));
    c.env("SUQIU_STAFF", "1001").env("SUQIU_PIN", "100100");
    c
}

pub fn cli() -> Actor {
    Actor::cli("test")
}

/// A fresh database file with the demonstration district, generated at `now()`.
pub fn demo_db() -> (TempDir, PathBuf) {
    demo_db_at(now())
}

/// The demonstration district generated at `at`: tests that run the real binary make it at
/// the wall clock's time (`suqiu::clock::now()`), which the binary reads too, so that under
/// libfaketime both see the same day.
pub fn demo_db_at(at: NaiveDateTime) -> (TempDir, PathBuf) {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("suqiu.db");
    let (mut store, _) = Store::open(&path, at).unwrap();
    suqiu::demo::init_demo(&mut store, &cli(), at).unwrap();
    (dir, path)
}

/// How many tickets a database holds (the demo's count grows as later issues add to it).
pub fn ticket_count(path: &std::path::Path) -> i64 {
    open(path).totals().unwrap().0 as i64
}

/// A fresh database with only the demonstration district's reference data.
pub fn org_db() -> (TempDir, PathBuf) {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("suqiu.db");
    let (mut store, _) = Store::open(&path, now()).unwrap();
    suqiu::demo::load_demo_org(&mut store, &cli(), now()).unwrap();
    (dir, path)
}

pub fn open(path: &Path) -> Store {
    Store::open(path, now()).unwrap().0
}

pub fn with_ctx<T>(store: &Store, f: impl FnOnce(&FlowCtx) -> T) -> T {
    let cal = store.calendar().unwrap();
    let rules = store.refs().unwrap().rules();
    let ctx = FlowCtx {
        today: now().date(),
        cal: &cal,
        rules: &rules,
    };
    f(&ctx)
}

/// Runs a store change that needs the flow's context (calendar and time limits) at `now()`.
pub fn with_ctx_mut<T>(store: &mut Store, f: impl FnOnce(&mut Store, &FlowCtx) -> T) -> T {
    let cal = store.calendar().unwrap();
    let rules = store.refs().unwrap().rules();
    let ctx = FlowCtx {
        today: now().date(),
        cal: &cal,
        rules: &rules,
    };
    f(store, &ctx)
}

/// A desk on `path` at the fixed time, not yet signed in.
pub fn desk(path: &Path, lang: Lang) -> (App, Ctx) {
    let store = open(path);
    let refs = store.refs().unwrap();
    let cal = store.calendar().unwrap();
    let empty = store.is_empty().unwrap();
    let print_dir = path.parent().unwrap().join("打印");
    let ctx = Ctx {
        store,
        clock: Box::new(now),
        print_dir,
        lang,
        demo: Some(|store, actor, now| {
            suqiu::demo::init_demo(store, actor, now).map(|r| r.tickets)
        }),
    };
    let app = App::new(lang, Keymap::defaults().unwrap(), refs, cal, empty, now());
    (app, ctx)
}

/// A desk signed in as `staff_no` by typing at the sign-in screen.
pub fn signed_in(path: &Path, staff_no: &str, pin: &str) -> (App, Ctx) {
    let (mut app, mut ctx) = desk(path, Lang::Zh);
    typ(&mut app, &mut ctx, staff_no);
    key(&mut app, &mut ctx, KeyCode::Enter);
    typ(&mut app, &mut ctx, pin);
    key(&mut app, &mut ctx, KeyCode::Enter);
    assert!(
        app.session.is_some(),
        "sign-in as {staff_no} failed: {:?}",
        app.form.as_ref().and_then(|f| f.form.message.clone())
    );
    (app, ctx)
}

pub fn key(app: &mut App, ctx: &mut Ctx, code: KeyCode) {
    app.dispatch(ctx, Action::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

pub fn ctrl(app: &mut App, ctx: &mut Ctx, c: char) {
    app.dispatch(
        ctx,
        Action::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)),
    );
}

/// Types text key by key, as a keyboard (or an IME sending characters) would.
pub fn typ(app: &mut App, ctx: &mut Ctx, text: &str) {
    for c in text.chars() {
        let code = if c == '\n' {
            KeyCode::Enter
        } else {
            KeyCode::Char(c)
        };
        app.dispatch(ctx, Action::Key(KeyEvent::new(code, KeyModifiers::NONE)));
    }
}

pub fn paste(app: &mut App, ctx: &mut Ctx, text: &str) {
    app.dispatch(ctx, Action::Paste(text.to_string()));
}

/// Renders the desk at 160×45 and returns the screen as text.
pub fn screen(app: &App) -> String {
    screen_at(app, 160, 45)
}

pub fn screen_at(app: &App, w: u16, h: u16) -> String {
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    term.draw(|f| suqiu::ui::render(app, f)).unwrap();
    let buf = term.backend().buffer();
    let mut out = String::new();
    for y in 0..h {
        let mut line = String::new();
        let mut skip = 0;
        for x in 0..w {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let sym = buf[(x, y)].symbol();
            skip = unicode_width::UnicodeWidthStr::width(sym).saturating_sub(1);
            line.push_str(sym);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// The terminal cursor position after drawing.
pub fn cursor(app: &App) -> Option<(u16, u16)> {
    let mut term = Terminal::new(TestBackend::new(160, 45)).unwrap();
    term.draw(|f| suqiu::ui::render(app, f)).unwrap();
    let p = term.backend_mut().get_cursor_position().ok()?;
    Some((p.x, p.y))
}

/// Opens a ticket by number through the search (as a clerk would).
pub fn open_ticket(app: &mut App, ctx: &mut Ctx, number: &str) {
    typ(app, ctx, "/");
    typ(app, ctx, number);
    key(app, ctx, KeyCode::Enter);
    key(app, ctx, KeyCode::Enter);
    assert_eq!(
        app.detail.as_ref().map(|d| d.rec.number()),
        Some(number.to_string()),
        "{}",
        screen(app)
    );
}

/// Every ticket, read through the store as the command line (which sees all), in id order.
pub fn tickets(path: &Path) -> Vec<suqiu::records::tickets::TicketRecord> {
    let mut all = vec![];
    open(path)
        .for_each_ticket(&cli(), &Default::default(), |t| {
            all.push(t.clone());
            Ok(())
        })
        .unwrap();
    all
}

/// The first ticket (by id) that `pred` accepts, read through the store.
pub fn first_ticket(
    path: &Path,
    pred: impl Fn(&suqiu::records::tickets::TicketRecord) -> bool,
) -> suqiu::records::tickets::TicketRecord {
    tickets(path)
        .into_iter()
        .find(|t| pred(t))
        .expect("the demonstration district has such a ticket")
}

/// Tickets that already have a panel draw.
pub fn drawn_tickets(path: &Path) -> Vec<String> {
    open(path)
        .draws_list(10_000)
        .unwrap()
        .into_iter()
        .map(|d| d.1)
        .collect()
}
