//! The one place that reads the wall clock (and the OS user). Everything else is given `now` (or `today`) by its
//! caller, so that tests, the demo and benchmarks can set the time, and CI can run the suite at
//! any date under libfaketime.

use chrono::{Local, NaiveDateTime};

/// The OS user, for `cli:<os user>` in the audit log: like the clock, a fact of the machine
/// read in one place below the desk and the command line.
pub fn os_user() -> String {
    std::env::var("USER")
        .or_else(|_| std::env::var("USERNAME"))
        .ok()
        .filter(|u| !u.trim().is_empty())
        .unwrap_or_else(|| "unknown".into())
}

/// The local wall-clock time, as the center's desks live by it (China Standard Time on a
/// correctly configured server).
pub fn now() -> NaiveDateTime {
    Local::now().naive_local()
}
