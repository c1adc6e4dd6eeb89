//! suqiu: parse the command line, then open the desk or run a subcommand.

use clap::Parser;

use suqiu::cli::{self, Cli};

fn main() {
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
