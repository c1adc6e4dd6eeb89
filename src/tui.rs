//! The terminal: start-up, the event loop, and a terminal that is always restored.
//!
//! Only key presses count; pastes (bracketed paste, how many IMEs commit text) go to the focused
//! field; the loop polls the database's `data_version` through `Action::Tick`. A panic restores
//! the terminal (ratatui's hook, plus bracketed paste off) and is written to the log file.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

use ratatui::crossterm::event::{
    self, DisableBracketedPaste, EnableBracketedPaste, Event, KeyEventKind,
};
use ratatui::crossterm::execute;

use crate::app::effects::Ctx;
use crate::app::worker::Worker;
use crate::app::{Action, App};
use crate::cli::{Cli, create_or_open_store, db_path};
use crate::domain::Lang;
use crate::keymap::Keymap;

/// The log file: next to the default database, in the platform data directory.
pub fn log_path() -> PathBuf {
    crate::cli::default_db().with_file_name("suqiu.log")
}

pub fn log(msg: &str) {
    let path = log_path();
    if let Some(dir) = path.parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    if let Ok(mut f) = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
    {
        let _ = writeln!(
            f,
            "{} {msg}",
            crate::clock::now().format("%Y-%m-%d %H:%M:%S")
        );
    }
}

/// The keymap: defaults, then `--keymap FILE` or `<config dir>/suqiu/keymap.toml`.
pub fn load_keymap(explicit: Option<&Path>) -> Result<Keymap, String> {
    let user = explicit.map(Path::to_path_buf).or_else(|| {
        directories::ProjectDirs::from("cn", "suqiu", "suqiu")
            .map(|d| d.config_dir().join("keymap.toml"))
            .filter(|p| p.exists())
    });
    match user {
        None => Keymap::defaults().map_err(|p| p.to_string()),
        Some(path) => {
            let text =
                std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            Keymap::with_overrides(&text, &path.display().to_string()).map_err(|p| p.to_string())
        }
    }
}

/// Whether users other than the owner may read the file (its mode gives group or others read).
pub fn readable_by_others(path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::metadata(path).is_ok_and(|m| m.permissions().mode() & 0o044 != 0)
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        false
    }
}

struct TempDb(PathBuf);

impl Drop for TempDb {
    fn drop(&mut self) {
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", self.0.display()));
        }
    }
}

/// Opens the desk. Returns the process exit status.
pub fn run(cli: &Cli, lang: Lang) -> i32 {
    let keymap = match load_keymap(cli.keymap.as_deref()) {
        Ok(k) => k,
        Err(e) => {
            eprintln!("suqiu: {e}");
            return 2;
        }
    };
    let mut _temp = None;
    let path = if cli.demo {
        let p = std::env::temp_dir().join(format!("suqiu-demo-{}.db", std::process::id()));
        _temp = Some(TempDb(p.clone()));
        p
    } else {
        db_path(cli)
    };
    let mut store = match create_or_open_store(&path, lang) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("suqiu: {e}");
            return 1;
        }
    };
    if cli.demo {
        let actor = crate::domain::roles::Actor::cli(&crate::cli::os_user());
        if let Err(e) = crate::demo::init_demo(&mut store, &actor, crate::clock::now()) {
            eprintln!("suqiu: {}", e.message(lang));
            return 1;
        }
    }
    let (refs, cal, empty) = match (store.refs(), store.calendar(), store.is_empty()) {
        (Ok(r), Ok(c), Ok(e)) => (r, c, e),
        (Err(e), _, _) | (_, Err(e), _) | (_, _, Err(e)) => {
            eprintln!("suqiu: {}", e.message(lang));
            return 1;
        }
    };
    let print_dir = path
        .parent()
        .map(|p| p.join("打印"))
        .unwrap_or_else(|| PathBuf::from("打印"));
    let ctx = Ctx {
        store,
        clock: Box::new(crate::clock::now),
        print_dir,
        lang,
        demo: Some(|store, actor, now| {
            crate::demo::init_demo(store, actor, now).map(|r| r.tickets)
        }),
    };
    let mut app = App::new(lang, keymap, refs, cal, empty, ctx.now());
    app.progress = ctx.store.progress().clone();
    app.status.db_readable_by_others = readable_by_others(&path);
    app.idle_limit = (cli.idle_minutes > 0).then(|| chrono::Duration::minutes(cli.idle_minutes));

    // The panic hook: log the panic; ratatui's hook (installed by init) restores the terminal
    // first and then calls this one.
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(std::io::stdout(), DisableBracketedPaste);
        log(&format!("panic: {info}"));
        previous(info);
    }));
    let mut terminal = ratatui::init();
    let _ = execute!(std::io::stdout(), EnableBracketedPaste);
    if let Ok(size) = terminal.size() {
        app.size = (size.width, size.height);
    }
    let result = event_loop(&mut terminal, &mut app, ctx);
    let _ = execute!(std::io::stdout(), DisableBracketedPaste);
    ratatui::restore();
    match result {
        Ok(()) => 0,
        Err(e) => {
            log(&format!("error: {e}"));
            eprintln!("suqiu: {e}（{}）", log_path().display());
            1
        }
    }
}

fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    app: &mut App,
    ctx: Ctx,
) -> std::io::Result<()> {
    let mut worker = Worker::spawn(ctx)?;
    let submit = |worker: &mut Worker, app: &App, fx: Vec<crate::app::Effect>| {
        for e in fx {
            worker.submit(app.session.as_ref(), e);
        }
    };
    loop {
        // Shown once a request has waited a moment (a save behind another desk's write lock).
        app.status.working = worker
            .waiting()
            .filter(|w| *w >= Duration::from_millis(300));
        terminal.draw(|f| crate::ui::render(app, f))?;
        if app.quit {
            // A save still running finishes before the desk closes (at most the save's own
            // waits); its result is not shown, but it is not lost.
            let limit = std::time::Instant::now()
                + crate::store::SAVE_WAIT * crate::store::SAVE_TRIES
                + Duration::from_secs(2);
            while worker.waiting().is_some() && worker.alive() && std::time::Instant::now() < limit
            {
                app.status.working = worker.waiting();
                terminal.draw(|f| crate::ui::render(app, f))?;
                let _ = worker.outcomes(Duration::from_millis(100));
            }
            return Ok(());
        }
        if !worker.alive() {
            return Err(std::io::Error::other("the store's worker thread stopped"));
        }
        if event::poll(Duration::from_millis(50))? {
            // Drain everything that arrived (an IME commit can be a burst of keys), then draw.
            loop {
                let action = match event::read()? {
                    Event::Key(k) if k.kind == KeyEventKind::Press => Some(Action::Key(k)),
                    Event::Paste(s) => Some(Action::Paste(s)),
                    Event::Resize(w, h) => Some(Action::Resize(w, h)),
                    _ => None,
                };
                if let Some(a) = action {
                    let fx = app.step(a);
                    submit(&mut worker, app, fx);
                }
                if app.quit || !event::poll(Duration::from_millis(0))? {
                    break;
                }
            }
        }
        // Results that came back; each may ask for more work.
        for o in worker.outcomes(Duration::from_millis(0)) {
            let fx = app.step(Action::Done(o));
            submit(&mut worker, app, fx);
        }
        app.now = crate::clock::now();
        let fx = app.step(Action::Tick);
        submit(&mut worker, app, fx);
    }
}
