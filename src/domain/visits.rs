//! 三进: district leaders' visits to communities (10th and 25th at 18:00) and to the township
//! (10th and 25th in the afternoon, one leader per date in rotation). A date on a rest day moves
//! to the next working day; a year without official holiday data is planned provisionally.

use crate::text::T;
use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Weekday};
use std::collections::BTreeMap;

mod life;
pub use life::*;
pub mod ledgers;

use super::Problem;
use super::calendar::WorkCalendar;
use super::vocab::vocab;

vocab! {
    /// 进社区 or 进乡镇.
    VisitKind {
        Community = "community", "进社区", "community visit";
        Township = "township", "进乡镇", "township visit";
    }
}

/// The center's visit settings: the hour of each kind of visit and how many days before a
/// visit its notice is due. Stored in `meta`; these are the defaults of the policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VisitSettings {
    pub community_time: NaiveTime,
    pub township_time: NaiveTime,
    pub notice_days: i64,
}

impl Default for VisitSettings {
    fn default() -> Self {
        VisitSettings {
            community_time: NaiveTime::from_hms_opt(18, 0, 0).unwrap_or_default(),
            township_time: NaiveTime::from_hms_opt(14, 30, 0).unwrap_or_default(),
            notice_days: 7,
        }
    }
}

/// The notice period a center may set, in days.
pub const NOTICE_DAYS_RANGE: std::ops::RangeInclusive<i64> = 1..=30;

/// Who visits where: (leader, community) pairs, the township rotation and the township itself.
#[derive(Debug, Clone, Copy)]
pub struct Schedule<'a> {
    pub assignments: &'a [(i64, i64)],
    pub rotation: &'a [i64],
    pub township: Option<i64>,
    pub settings: VisitSettings,
}

/// The two visit days of a month: (nominal date, actual date after moving off rest days).
pub fn visit_days(year: i32, month: u32, cal: &WorkCalendar) -> Vec<(NaiveDate, NaiveDate)> {
    [10, 25]
        .iter()
        .filter_map(|d| NaiveDate::from_ymd_opt(year, month, *d))
        .map(|n| (n, cal.roll_forward(n)))
        .collect()
}

/// A planned visit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedVisit {
    pub kind: VisitKind,
    pub nominal: NaiveDate,
    pub date: NaiveDate,
    pub time: NaiveTime,
    pub place_id: i64,
    pub leader_id: i64,
    /// The year has no official holiday data: the date may still move.
    pub provisional: bool,
}

/// Plans a year (or one month): a community visit per assigned community and leader on each visit
/// day, and one township visit per visit day by rotation. `township` is the township's place id;
/// the rotation continues across months in date order, starting with the first leader in January.
pub fn plan(year: i32, month: Option<u32>, s: &Schedule, cal: &WorkCalendar) -> Vec<PlannedVisit> {
    let Schedule {
        assignments,
        rotation,
        township,
        settings,
    } = *s;
    let (community_time, township_time) = (settings.community_time, settings.township_time);
    let provisional = !cal.has_data(year);
    let mut out = vec![];
    let mut k = 0usize;
    for m in 1..=12u32 {
        for (nominal, date) in visit_days(year, m, cal) {
            if month.is_none_or(|x| x == m) {
                for (leader, place) in assignments {
                    out.push(PlannedVisit {
                        kind: VisitKind::Community,
                        nominal,
                        date,
                        time: community_time,
                        place_id: *place,
                        leader_id: *leader,
                        provisional,
                    });
                }
                if let (Some(t), false) = (township, rotation.is_empty()) {
                    out.push(PlannedVisit {
                        kind: VisitKind::Township,
                        nominal,
                        date,
                        time: township_time,
                        place_id: t,
                        leader_id: rotation[k % rotation.len()],
                        provisional,
                    });
                }
            }
            k += 1;
        }
    }
    out.sort_by_key(|v| (v.date, v.time, v.kind, v.place_id, v.leader_id));
    out
}

/// The day the notice must be posted.
pub fn notice_due(date: NaiveDate, days: i64) -> NaiveDate {
    date - Duration::days(days)
}

/// Where a visit's notice stands on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoticeState {
    /// The visit is past or has its outcome: no notice is needed any more.
    Moot,
    /// The current version is up.
    Posted,
    /// A version was posted, then the leader, date or time changed: a corrected one is due.
    Correct,
    /// Never posted and the due day has passed.
    Overdue,
    DueToday,
    /// Never posted; due on this day.
    DueOn(NaiveDate),
}

/// The notice of a visit on `date` (still planned or not), of which `posted` was put up and
/// `current` is the latest version, seen on `today` with a notice period of `days`.
pub fn notice_state(
    planned: bool,
    date: NaiveDate,
    posted: Option<i64>,
    current: i64,
    days: i64,
    today: NaiveDate,
) -> NoticeState {
    if !planned || date < today {
        return NoticeState::Moot;
    }
    match posted {
        Some(p) if p >= current => NoticeState::Posted,
        Some(_) => NoticeState::Correct,
        None => {
            let due = notice_due(date, days);
            match due.cmp(&today) {
                std::cmp::Ordering::Less => NoticeState::Overdue,
                std::cmp::Ordering::Equal => NoticeState::DueToday,
                std::cmp::Ordering::Greater => NoticeState::DueOn(due),
            }
        }
    }
}

/// The first and last day of a year, or of one month of it.
pub fn period(year: i32, month: Option<u32>) -> (NaiveDate, NaiveDate) {
    let first = NaiveDate::from_ymd_opt(year, month.unwrap_or(1), 1).unwrap_or_default();
    let next = first.checked_add_months(chrono::Months::new(if month.is_some() { 1 } else { 12 }));
    (first, next.and_then(|d| d.pred_opt()).unwrap_or(first))
}

/// The visit day (the 10th or the 25th) whose half-month a date falls in: 1st–15th → the 10th.
pub fn nominal_of(date: NaiveDate) -> NaiveDate {
    date.with_day(if date.day() <= 15 { 10 } else { 25 })
        .unwrap_or(date)
}

/// The week ahead a desk plans for: today and the next seven days.
pub fn week_ahead(today: NaiveDate) -> (NaiveDate, NaiveDate) {
    (today, today + Duration::days(7))
}

pub fn weekday_zh(d: NaiveDate) -> &'static str {
    match d.weekday() {
        Weekday::Mon => "周一",
        Weekday::Tue => "周二",
        Weekday::Wed => "周三",
        Weekday::Thu => "周四",
        Weekday::Fri => "周五",
        Weekday::Sat => "周六",
        Weekday::Sun => "周日",
    }
}

/// How a visit stands for the compliance report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Staffing {
    /// Planned, with its leader.
    Planned,
    /// The leader cannot come and nobody stands in: 空岗, flagged until resolved.
    Unstaffed,
    /// Another leader stands in.
    Substituted,
    Held,
    /// Held by a substitute leader.
    HeldBySubstitute,
    NotHeld,
}

/// The staffing of a visit from its recorded facts.
pub fn staffing(status: VisitStatus, leader_absent: bool, substitute: Option<i64>) -> Staffing {
    match (status, leader_absent, substitute) {
        (VisitStatus::Held, _, Some(_)) => Staffing::HeldBySubstitute,
        (VisitStatus::Held, _, None) => Staffing::Held,
        (VisitStatus::NotHeld, _, _) => Staffing::NotHeld,
        (_, true, Some(_)) => Staffing::Substituted,
        (_, true, None) => Staffing::Unstaffed,
        _ => Staffing::Planned,
    }
}

/// A visit whose time has passed with a leader there to go, and whose outcome nobody has
/// recorded: the desk must record it (待记录结果). A visit at 09:00 today awaits its outcome from
/// 09:00 on, so even the 1st of a month can have one.
pub fn awaits_outcome(staffing: Staffing, at: NaiveDateTime, now: NaiveDateTime) -> bool {
    matches!(staffing, Staffing::Planned | Staffing::Substituted) && at <= now
}

/// A visit moved to another day: not to a day already past (a visit brought forward to this
/// morning is fine). The desk and the command line both ask this; the store enforces it.
pub fn check_new_date(new: NaiveDate, today: NaiveDate) -> Result<(), Problem> {
    if new < today {
        return Err(
            Problem::fill(T::NewDateIsInPast, &[&new.format("%Y-%m-%d")]).in_field(T::NewDate),
        );
    }
    Ok(())
}

/// The leader who stands in must be another leader than the one planned.
pub fn check_substitute(planned: i64, substitute: Option<i64>) -> Result<(), Problem> {
    if substitute == Some(planned) {
        return Err(Problem::of(T::SubstituteMustBeAnotherLeader));
    }
    Ok(())
}

/// How long a visit holds its leader: two visits of one leader that begin closer together
/// than this are at the same time (a leader cannot receive at two places at once).
pub const VISIT_SPAN_MINUTES: i64 = 120;

/// A leader booked for a visit: the visit, who goes (the substitute if there is one), when.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Booking {
    pub visit: i64,
    pub leader: i64,
    pub at: NaiveDateTime,
    pub place_id: i64,
}

/// Two bookings of one leader at the same time in two places (two leaders visiting one
/// community together, one standing in for the other, are one place).
pub fn clash(a: &Booking, b: &Booking) -> bool {
    a.visit != b.visit
        && a.leader == b.leader
        && a.place_id != b.place_id
        && (a.at - b.at).num_minutes().abs() < VISIT_SPAN_MINUTES
}

/// The visits whose leader is booked elsewhere at the same time (the plan flags them), each
/// with the other visit it clashes with.
pub fn clashes(bookings: &[Booking]) -> BTreeMap<i64, i64> {
    let mut by_leader: BTreeMap<i64, Vec<&Booking>> = BTreeMap::new();
    for b in bookings {
        by_leader.entry(b.leader).or_default().push(b);
    }
    let mut out = BTreeMap::new();
    for list in by_leader.values_mut() {
        list.sort_by_key(|b| (b.at, b.visit));
        for w in list.windows(2) {
            if clash(w[0], w[1]) {
                out.entry(w[0].visit).or_insert(w[1].visit);
                out.entry(w[1].visit).or_insert(w[0].visit);
            }
        }
    }
    out
}

/// The booking `leader` would clash with if booked at `at` for `visit`: a substitute cannot be
/// booked at two places at the same time. The store asks this before it books one.
pub fn booked_elsewhere(me: &Booking, others: &[Booking]) -> Option<Booking> {
    others.iter().find(|b| clash(me, b)).copied()
}

/// Whether a petition's category lies in a leader's 分管 portfolio. A leader without recorded
/// categories has the whole district (书记, 区长). Outside it, the seed has the leader 督促 the
/// center and the departments: the petition is marked and goes to the center.
pub fn in_portfolio(leader_categories: &[i64], category: i64) -> bool {
    leader_categories.is_empty() || leader_categories.contains(&category)
}

/// Compliance counts of one leader and kind over a period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Compliance {
    pub planned: u32,
    pub held: u32,
    pub substituted: u32,
    pub not_held: u32,
    pub unstaffed: u32,
}

impl Compliance {
    pub fn add(&mut self, s: Staffing) {
        self.planned += 1;
        match s {
            Staffing::Held => self.held += 1,
            Staffing::HeldBySubstitute | Staffing::Substituted => self.substituted += 1,
            Staffing::NotHeld => self.not_held += 1,
            Staffing::Unstaffed => self.unstaffed += 1,
            Staffing::Planned => {}
        }
    }
}

/// A half year: 1 (January–June) or 2 (July–December).
pub fn half_year(year: i32, half: u32) -> Result<(NaiveDate, NaiveDate), Problem> {
    match half {
        1 => Ok((
            NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or_default(),
            NaiveDate::from_ymd_opt(year, 6, 30).unwrap_or_default(),
        )),
        2 => Ok((
            NaiveDate::from_ymd_opt(year, 7, 1).unwrap_or_default(),
            NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or_default(),
        )),
        _ => Err(Problem::of(T::HalfIs1Or2)),
    }
}

/// A notice (事前预告) as a community posts it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice<'a> {
    pub kind: VisitKind,
    pub leader: &'a str,
    pub position: &'a str,
    pub portfolio: &'a str,
    /// 联络员 (empty: none named).
    pub liaison: &'a str,
    pub date: NaiveDate,
    pub time: NaiveTime,
    pub place: &'a str,
    /// The leader, date or time changed after the first notice was posted.
    pub corrected: bool,
}

impl Notice<'_> {
    pub fn text(&self) -> String {
        let what = match self.kind {
            VisitKind::Community => "进社区",
            VisitKind::Township => "进乡镇",
        };
        let indent = "\u{3000}\u{3000}";
        let mut lines = vec![
            format!(
                "区级领导干部{what}接待预告{}",
                if self.corrected { "（更正）" } else { "" }
            ),
            String::new(),
        ];
        if self.corrected {
            lines.push("原预告的时间或接待领导有变动，以本预告为准。".to_string());
            lines.push(String::new());
        }
        lines.extend([
            "为听取群众诉求、帮助群众解决实际问题，区级领导干部将于".to_string(),
            String::new(),
            format!(
                "{indent}{}（{}）{} 到 {}",
                super::calendar::zh_date(self.date),
                weekday_zh(self.date),
                self.time.format("%H:%M"),
                self.place
            ),
            String::new(),
            "与群众面对面交流。".to_string(),
            String::new(),
            format!("{indent}接待领导：{}", self.leader),
            format!("{indent}职\u{3000}\u{3000}务：{}", self.position),
            format!("{indent}分管工作：{}", self.portfolio),
        ]);
        if !self.liaison.is_empty() {
            lines.push(format!("{indent}联 络 员：{}", self.liaison));
        }
        lines.extend([
            String::new(),
            "欢迎有诉求的居民群众届时前来反映情况。".to_string(),
        ]);
        lines.join("\n") + "\n"
    }
}

#[cfg(test)]
mod tests;
