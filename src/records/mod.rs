//! The records the desk reads: tickets, the queue's pages, the reference lists, draws,
//! hearings, visits, members. Plain data beside the domain, filled by `store/` (the only part
//! that knows how they are kept) and shown by `app/` and `ui/`; nothing here speaks SQL, so a
//! second database fills the same types.

pub mod audit;
pub mod calendar;
pub mod draws;
pub mod hearings;
pub mod members;
pub mod org;
pub mod queue;
pub mod roster;
pub mod staff;
pub mod tickets;
pub mod visits;

use chrono::{NaiveDate, NaiveDateTime};

// How records write dates and times: the same text whichever database keeps them.

/// Stored times: the center's local time, to the second.
pub const TIME_FMT: &str = "%Y-%m-%d %H:%M:%S";
/// An open ticket with no running clock (waiting for a meeting or a deliberation) sorts last.
pub const NO_DUE: &str = "9999-12-31";

pub fn fmt_time(t: NaiveDateTime) -> String {
    t.format(TIME_FMT).to_string()
}

pub fn fmt_date(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

pub fn parse_date(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

pub fn parse_time(s: &str) -> Option<NaiveDateTime> {
    NaiveDateTime::parse_from_str(s, TIME_FMT).ok()
}
