//! Who acts on the command line: which commands sign in, the sign-in and its PIN, and making
//! a new file (its first administrator, or the whole demo at once).

use std::path::{Path, PathBuf};

use super::*;

/// Whether a command reads personal data or changes data, and so acts as a signed-in staff
/// member. The others: making a file (`init`), checking a receipt or the audit log, the
/// calendar's status and the roster template, which hold no one's data.
pub(super) fn signs_in(cmd: &Command) -> bool {
    !matches!(
        cmd,
        Command::Init { .. }
            | Command::Draw {
                cmd: DrawCmd::Verify { .. }
            }
            | Command::Audit {
                cmd: AuditCmd::Verify { .. } | AuditCmd::Head | AuditCmd::Anchor { .. }
            }
            | Command::Calendar {
                cmd: CalendarCmd::Status
            }
            | Command::Roster {
                cmd: RosterCmd::Template { .. }
            }
    )
}

/// Signs in as `--staff` with the PIN from SUQIU_PIN or the terminal: the desk's sign-in, with
/// its lockout, audited alike.
pub(super) fn sign_in(
    cli: &Cli,
    path: &Path,
    now: chrono::NaiveDateTime,
    lang: Lang,
) -> Result<Actor, String> {
    let Some(staff) = cli.staff.as_deref() else {
        return Err(T::SignInNeeded.text(lang));
    };
    let mut store = open_store(path, lang)?;
    let pin = read_pin(lang)?;
    Ok(store.sign_in(staff, &pin, now).map_err(err(lang))?.actor)
}

/// The PIN: SUQIU_PIN, else a line typed at the terminal without echo, else a line of stdin.
pub(super) fn read_pin(lang: Lang) -> Result<String, String> {
    use std::io::IsTerminal;
    if let Ok(pin) = std::env::var("SUQIU_PIN") {
        return Ok(pin);
    }
    if !std::io::stdin().is_terminal() {
        let mut line = String::new();
        std::io::stdin()
            .read_line(&mut line)
            .map_err(|e| e.to_string())?;
        return Ok(line.trim().to_string());
    }
    use ratatui::crossterm::event::{Event, KeyCode, KeyEventKind, read};
    use ratatui::crossterm::terminal::{disable_raw_mode, enable_raw_mode};
    eprint!("{}", T::PinPrompt.get(lang));
    enable_raw_mode().map_err(|e| e.to_string())?;
    let mut pin = String::new();
    let result = loop {
        match read() {
            Ok(Event::Key(k)) if k.kind != KeyEventKind::Release => match k.code {
                KeyCode::Enter => break Ok(()),
                KeyCode::Esc => break Err(T::SignInNeeded.text(lang)),
                KeyCode::Backspace => {
                    pin.pop();
                }
                KeyCode::Char(c) => pin.push(c),
                _ => {}
            },
            Ok(_) => {}
            Err(e) => break Err(e.to_string()),
        }
    };
    let _ = disable_raw_mode();
    eprintln!();
    result.map(|_| pin)
}

/// `suqiu init`: a new database, with the demonstration district if asked.
pub(super) fn init_cmd(
    path: &Path,
    actor: &Actor,
    with_demo: bool,
    now: chrono::NaiveDateTime,
    lang: Lang,
) -> Result<i32, String> {
    if !with_demo {
        create_or_open_store(path, lang)?;
        println!("{}", T::DatabaseReady.fill(lang, &[&path.display()]));
        return Ok(0);
    }
    // The demonstration district is written whole or not at all: into a file beside the
    // target, renamed into place once complete. A run cut short leaves only that file, which
    // the next run removes and writes again.
    if path.exists() && !open_store(path, lang)?.is_empty().map_err(err(lang))? {
        return Err(T::DatabaseAlreadyHasDataDemo.text(lang));
    }
    let part = sibling(path, ".demo-part");
    let remove = |p: &Path| {
        for suffix in ["", "-wal", "-shm"] {
            let f = sibling(p, suffix);
            if f.exists() {
                std::fs::remove_file(&f).map_err(|e| format!("{}: {e}", f.display()))?;
            }
        }
        Ok::<(), String>(())
    };
    remove(&part)?;
    let report = {
        let mut store = create_or_open_store(&part, lang)?;
        let report = demo::init_demo(&mut store, actor, now).map_err(err(lang))?;
        store.into_one_file().map_err(err(lang))?;
        report
    };
    remove(path)?;
    std::fs::rename(&part, path).map_err(|e| format!("{}: {e}", path.display()))?;
    println!(
        "{}",
        T::WroteTheDemonstrationDistrictTicketsAudit
            .fill(lang, &[&report.tickets, &report.events, &path.display()])
    );
    Ok(0)
}

/// `suqiu init` without --demo: a new file gets its center and first administrator; an existing
/// one is migrated.
pub(super) fn init_new(
    path: &Path,
    (center, staff, name): (Option<&str>, Option<&str>, Option<&str>),
    now: chrono::NaiveDateTime,
    lang: Lang,
) -> Result<i32, String> {
    if path.exists()
        && std::fs::metadata(path)
            .map(|m| m.len() > 0)
            .unwrap_or(false)
    {
        create_or_open_store(path, lang)?;
        println!("{}", T::DatabaseReady.fill(lang, &[&path.display()]));
        return Ok(0);
    }
    let (Some(center), Some(staff), Some(name)) = (center, staff, name) else {
        return Err(T::FirstAdministratorNeeded.text(lang));
    };
    let pin = read_pin(lang)?;
    let admin = crate::domain::org::StaffInput {
        staff_no: staff.trim().to_string(),
        name: name.trim().to_string(),
        role: crate::domain::vocab::Role::Admin,
        center: center.trim().to_string(),
        department: None,
        pin: None,
    };
    // Validated before anything is made, so that a weak PIN leaves no file behind.
    crate::domain::roles::validate_pin(&pin).map_err(|p| p.text(lang))?;
    let mut store = create_or_open_store(path, lang)?;
    let s = store
        .setup(
            center.trim(),
            crate::domain::vocab::CenterLevel::District,
            &admin,
            &pin,
            now,
        )
        .map_err(err(lang))?;
    println!(
        "{}",
        T::CreatedWithAdministrator.fill(
            lang,
            &[
                &path.display(),
                &center.trim(),
                &s.actor.name,
                &admin.staff_no
            ]
        )
    );
    Ok(0)
}

/// `path` with `suffix` after its file name (`suqiu.db` → `suqiu.db-wal`).
pub(super) fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(suffix);
    path.with_file_name(name)
}
