//! The one place that reads the wall clock. Everything else is given `now` (or `today`) by its
//! caller, so that tests, the demo and benchmarks can set the time, and CI can run the suite at
//! any date under libfaketime.

use chrono::{Local, NaiveDateTime};

/// The local wall-clock time, as the center's desks live by it (China Standard Time on a
/// correctly configured server).
pub fn now() -> NaiveDateTime {
    Local::now().naive_local()
}
