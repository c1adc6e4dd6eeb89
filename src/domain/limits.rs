//! Time limits, deadlines and the derived level of an open ticket (正常 / 临期 / 超期 / 严重超期).
//!
//! The department's clock starts at 下单. A deadline that falls on a rest day moves to the next
//! working day. 临期 is reached when 80 % of the limit is used; 超期 (催办 due) the day after the
//! deadline; 严重超期 (通报 due) once 5 working days have passed since the deadline.

use crate::text::T;
use chrono::{Duration, NaiveDate};

use super::Problem;
use super::calendar::WorkCalendar;
use super::vocab::{DayKind, Level, LimitPhase, Urgency};

/// A time limit: so many working or calendar days.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limit {
    pub days: u32,
    pub kind: DayKind,
}

/// Share of the limit after which a ticket is 临期, in percent.
pub const NEAR_PERCENT: u32 = 80;
/// Working days past the deadline after which a ticket is 严重超期 (通报).
pub const SEVERE_WORKING_DAYS: u32 = 5;
/// The longest extension a director may approve, in calendar days.
pub const MAX_EXTENSION_DAYS: u32 = 30;
/// The longest limit the catalogue accepts.
pub const MAX_LIMIT_DAYS: u32 = 365;

/// One row of the time-limit catalogue. `category_id = None` is the default for all categories.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LimitRule {
    pub phase: LimitPhase,
    pub category_id: Option<i64>,
    pub urgency: Option<Urgency>,
    pub limit: Limit,
}

/// The defaults from DOMAIN.md: acceptance decided within 15 days; 12345 practice of urgent
/// matters the same day and general ones in 7 working days; feedback within 5 working days.
pub fn default_rules() -> Vec<LimitRule> {
    vec![
        LimitRule {
            phase: LimitPhase::Accept,
            category_id: None,
            urgency: None,
            limit: Limit {
                days: 15,
                kind: DayKind::Calendar,
            },
        },
        LimitRule {
            phase: LimitPhase::Handle,
            category_id: None,
            urgency: Some(Urgency::Normal),
            limit: Limit {
                days: 7,
                kind: DayKind::Working,
            },
        },
        LimitRule {
            phase: LimitPhase::Handle,
            category_id: None,
            urgency: Some(Urgency::Urgent),
            limit: Limit {
                days: 0,
                kind: DayKind::Working,
            },
        },
        LimitRule {
            phase: LimitPhase::Feedback,
            category_id: None,
            urgency: None,
            limit: Limit {
                days: 5,
                kind: DayKind::Working,
            },
        },
    ]
}

/// Picks the most specific rule: category and urgency, then category, then urgency, then default.
pub fn find_limit(
    rules: &[LimitRule],
    phase: LimitPhase,
    category_id: i64,
    urgency: Urgency,
) -> Limit {
    let score = |r: &LimitRule| -> Option<u8> {
        if r.phase != phase {
            return None;
        }
        let cat = match r.category_id {
            Some(c) if c == category_id => 2,
            Some(_) => return None,
            None => 0,
        };
        let urg = match r.urgency {
            Some(u) if u == urgency => 1,
            Some(_) => return None,
            None => 0,
        };
        Some(cat + urg)
    };
    rules
        .iter()
        .filter_map(|r| score(r).map(|s| (s, r.limit)))
        .max_by_key(|(s, _)| *s)
        .map(|(_, l)| l)
        .unwrap_or(match phase {
            LimitPhase::Accept => Limit {
                days: 15,
                kind: DayKind::Calendar,
            },
            LimitPhase::Handle => Limit {
                days: 7,
                kind: DayKind::Working,
            },
            LimitPhase::Feedback => Limit {
                days: 5,
                kind: DayKind::Working,
            },
        })
}

pub fn validate_limit_days(days: i64) -> Result<u32, Problem> {
    if !(0..=i64::from(MAX_LIMIT_DAYS)).contains(&days) {
        return Err(Problem::fill(T::LimitIs0ToDays, &[&MAX_LIMIT_DAYS]));
    }
    Ok(days as u32)
}

/// The deadline for a clock started on `start`.
pub fn deadline(start: NaiveDate, limit: Limit, cal: &WorkCalendar) -> NaiveDate {
    match limit.kind {
        DayKind::Working => cal.add_working_days(start, limit.days),
        DayKind::Calendar => cal.roll_forward(start + Duration::days(i64::from(limit.days))),
    }
}

/// A deadline extended by `days` calendar days, moved to a working day.
pub fn extend(due: NaiveDate, days: u32, cal: &WorkCalendar) -> NaiveDate {
    cal.roll_forward(due + Duration::days(i64::from(days)))
}

/// The date from which the ticket is 临期: when 80 % of the time from `start` to `due` is used,
/// counted in the limit's kind of days.
pub fn warn_date(start: NaiveDate, due: NaiveDate, kind: DayKind, cal: &WorkCalendar) -> NaiveDate {
    if due <= start {
        return start;
    }
    match kind {
        DayKind::Working => {
            let total = cal.working_days_after(start, due) as u32;
            let used = (total * NEAR_PERCENT).div_ceil(100);
            cal.add_working_days(start, used).min(due)
        }
        DayKind::Calendar => {
            let total = (due - start).num_days();
            let used = (total * i64::from(NEAR_PERCENT) + 99) / 100;
            (start + Duration::days(used)).min(due)
        }
    }
}

/// The level of an open ticket on `today`.
pub fn level(today: NaiveDate, due: NaiveDate, warn_at: NaiveDate, cal: &WorkCalendar) -> Level {
    if today > due {
        if today >= severe_from(due, cal) {
            Level::Severe
        } else {
            Level::Overdue
        }
    } else if today >= warn_at {
        Level::Near
    } else {
        Level::Normal
    }
}

/// The first day on which a ticket due on `due` is 严重超期.
pub fn severe_from(due: NaiveDate, cal: &WorkCalendar) -> NaiveDate {
    cal.add_working_days(due, SEVERE_WORKING_DAYS)
}

/// Date bounds for filtering by level on `today`, as ranges over `due` (and `warn_at` for 临期).
/// Tickets with `due < severe_before` are 严重超期; `due < today` are overdue (including severe).
pub struct LevelBounds {
    pub today: NaiveDate,
    pub severe_before: NaiveDate,
}

pub fn level_bounds(today: NaiveDate, cal: &WorkCalendar) -> LevelBounds {
    // severe iff add_working_days(due, 5) <= today iff due < c, where c is the 5th working day
    // back from today counting today when it is a working day.
    LevelBounds {
        today,
        severe_before: cal.nth_working_day_back(today, SEVERE_WORKING_DAYS),
    }
}

/// How much time is left, for the queue's 剩余 column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeLeft {
    /// Working (or calendar) days left after today.
    Days(i64, DayKind),
    DueToday,
    /// Days past the deadline (working days).
    Late(i64),
}

pub fn time_left(today: NaiveDate, due: NaiveDate, kind: DayKind, cal: &WorkCalendar) -> TimeLeft {
    if today == due {
        TimeLeft::DueToday
    } else if today < due {
        match kind {
            DayKind::Working => TimeLeft::Days(cal.working_days_after(today, due), kind),
            DayKind::Calendar => TimeLeft::Days((due - today).num_days(), kind),
        }
    } else {
        TimeLeft::Late(cal.working_days_after(due, today).max(1))
    }
}

impl TimeLeft {
    pub fn text(self, lang: super::Lang) -> String {
        match (self, lang) {
            (TimeLeft::DueToday, super::Lang::Zh) => "今日到期".into(),
            (TimeLeft::DueToday, super::Lang::En) => "due today".into(),
            (TimeLeft::Days(n, DayKind::Working), super::Lang::Zh) => format!("剩{n}个工作日"),
            // 拟单's limit counts calendar days: said so, beside the stages counted in working days.
            (TimeLeft::Days(n, DayKind::Calendar), super::Lang::Zh) => format!("剩{n}个自然日"),
            (TimeLeft::Days(n, DayKind::Working), super::Lang::En) => format!("{n} wd left"),
            (TimeLeft::Days(n, DayKind::Calendar), super::Lang::En) => format!("{n} cal. d left"),
            (TimeLeft::Late(n), super::Lang::Zh) => format!("超{n}个工作日"),
            (TimeLeft::Late(n), super::Lang::En) => format!("{n} wd late"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::calendar::tests::shipped;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    const W7: Limit = Limit {
        days: 7,
        kind: DayKind::Working,
    };

    #[test]
    fn deadline_over_national_day_2025() {
        let c = shipped();
        // 2025: 10/1–10/8 off; 9/28 (Sun) and 10/11 (Sat) are make-up working days.
        // Issued Friday 2025-09-26: 9/28, 9/29, 9/30, 10/9, 10/10, 10/11, 10/13 → 2025-10-13.
        assert_eq!(deadline(d(2025, 9, 26), W7, &c), d(2025, 10, 13));
    }

    #[test]
    fn calendar_day_deadline_on_a_rest_day_moves_to_the_next_working_day() {
        let c = shipped();
        let l = Limit {
            days: 15,
            kind: DayKind::Calendar,
        };
        // 2026-01-20 + 15 = 2026-02-04 (Wednesday): a working day.
        assert_eq!(deadline(d(2026, 1, 20), l, &c), d(2026, 2, 4));
        // 2026-02-01 + 15 = 2026-02-16: Spring Festival → 2026-02-24.
        assert_eq!(deadline(d(2026, 2, 1), l, &c), d(2026, 2, 24));
        // 2026-01-20 + 20 = 2026-02-09 is a Monday.
        assert_eq!(extend(d(2026, 1, 20), 20, &c), d(2026, 2, 9));
        // Extension landing on Saturday 2026-11-28 moves to Monday 11-30.
        assert_eq!(extend(d(2026, 11, 20), 8, &c), d(2026, 11, 30));
    }

    #[test]
    fn same_day_limit() {
        let c = shipped();
        let l = Limit {
            days: 0,
            kind: DayKind::Working,
        };
        assert_eq!(deadline(d(2026, 11, 26), l, &c), d(2026, 11, 26));
        assert_eq!(deadline(d(2026, 11, 28), l, &c), d(2026, 11, 30));
    }

    #[test]
    fn levels_through_the_life_of_a_ticket() {
        let c = shipped();
        // Issued Monday 2026-11-09, 7 working days → Wednesday 2026-11-18.
        let start = d(2026, 11, 9);
        let due = deadline(start, W7, &c);
        assert_eq!(due, d(2026, 11, 18));
        // 80 % of 7 = 5.6 → 6 working days used → 2026-11-17.
        let warn = warn_date(start, due, DayKind::Working, &c);
        assert_eq!(warn, d(2026, 11, 17));
        assert_eq!(level(d(2026, 11, 16), due, warn, &c), Level::Normal);
        assert_eq!(level(d(2026, 11, 17), due, warn, &c), Level::Near);
        assert_eq!(level(d(2026, 11, 18), due, warn, &c), Level::Near);
        assert_eq!(level(d(2026, 11, 19), due, warn, &c), Level::Overdue);
        // 5 working days after 11-18: 19, 20, 23, 24, 25 → severe from 2026-11-25.
        assert_eq!(level(d(2026, 11, 24), due, warn, &c), Level::Overdue);
        assert_eq!(level(d(2026, 11, 25), due, warn, &c), Level::Severe);
        let b = level_bounds(d(2026, 11, 25), &c);
        assert!(due < b.severe_before);
        let b = level_bounds(d(2026, 11, 24), &c);
        assert!(due >= b.severe_before);
    }

    #[test]
    fn level_bounds_agree_with_level_for_every_day_of_2026() {
        let c = shipped();
        let mut due = d(2025, 12, 1);
        while due < d(2026, 12, 31) {
            for offset in [1, 3, 7, 9, 12] {
                let today = due + Duration::days(offset);
                let lv = level(today, due, due, &c);
                let b = level_bounds(today, &c);
                assert_eq!(
                    lv == Level::Severe,
                    due < b.severe_before,
                    "due {due} today {today}"
                );
            }
            due += Duration::days(1);
        }
    }

    #[test]
    fn most_specific_rule_wins() {
        let mut rules = default_rules();
        rules.push(LimitRule {
            phase: LimitPhase::Handle,
            category_id: Some(9),
            urgency: None,
            limit: Limit {
                days: 15,
                kind: DayKind::Working,
            },
        });
        assert_eq!(
            find_limit(&rules, LimitPhase::Handle, 1, Urgency::Normal),
            W7
        );
        assert_eq!(
            find_limit(&rules, LimitPhase::Handle, 1, Urgency::Urgent).days,
            0
        );
        assert_eq!(
            find_limit(&rules, LimitPhase::Handle, 9, Urgency::Normal).days,
            15
        );
        assert_eq!(
            find_limit(&rules, LimitPhase::Accept, 9, Urgency::Normal).days,
            15
        );
        assert_eq!(
            find_limit(&rules, LimitPhase::Accept, 9, Urgency::Normal).kind,
            DayKind::Calendar
        );
    }

    #[test]
    fn time_left_texts() {
        let c = shipped();
        let today = d(2026, 11, 26);
        assert_eq!(
            time_left(today, today, DayKind::Working, &c),
            TimeLeft::DueToday
        );
        assert_eq!(
            time_left(today, d(2026, 11, 30), DayKind::Working, &c),
            TimeLeft::Days(2, DayKind::Working)
        );
        assert_eq!(
            time_left(today, d(2026, 11, 24), DayKind::Working, &c),
            TimeLeft::Late(2)
        );
        assert_eq!(
            TimeLeft::Late(2).text(crate::domain::Lang::Zh),
            "超2个工作日"
        );
    }
}
