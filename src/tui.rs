//! placeholder
pub fn run(_cli: &crate::cli::Cli, _lang: crate::domain::Lang) -> i32 {
    1
}
