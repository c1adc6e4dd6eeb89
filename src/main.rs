//! suqiu: parse the command line, then open the desk or run a subcommand.

use clap::Parser;

use suqiu::cli::{self, Cli};

fn main() {
    private_files();
    let cli = Cli::parse();
    let lang = match cli::lang_of(&cli.lang) {
        Ok(l) => l,
        Err(p) => {
            eprintln!("suqiu: {p}");
            std::process::exit(2);
        }
    };
    let code = match &cli.command {
        Some(cmd) => cli::run_command(&cli, cmd, lang),
        None => suqiu::tui::run(&cli, lang),
    };
    std::process::exit(code);
}

/// Everything suqiu creates holds personal data (the database and its -wal/-shm files, backups,
/// printouts, exports, the log): files are created 0600 and folders 0700, whatever the
/// user's umask. Files that already exist keep their mode; the desk warns when its database is
/// readable by others.
fn private_files() {
    #[cfg(unix)]
    // SAFETY: umask only sets the process's file-creation mask; it cannot fail and touches no
    // memory. It runs first, before any thread exists.
    unsafe {
        libc::umask(0o077);
    }
}
