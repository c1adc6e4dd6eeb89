//! The working-day calendar: weekends and public holidays are rest days, make-up working days
//! (调休) are working days even on a weekend. A year without official data is computed as
//! weekends-only, and says so (`missing_years`), until its data is loaded.

use crate::text::T;
use std::collections::{BTreeSet, HashMap};

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use serde::Deserialize;

use super::Problem;

/// One year of official holiday data, in the holiday-cn JSON format.
#[derive(Debug, Clone, Deserialize)]
pub struct HolidayYear {
    pub year: i32,
    #[serde(default)]
    pub papers: Vec<String>,
    pub days: Vec<HolidayDay>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct HolidayDay {
    pub name: String,
    pub date: String,
    #[serde(rename = "isOffDay")]
    pub is_off_day: bool,
}

/// A validated day of holiday data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpecialDay {
    pub date: NaiveDate,
    pub name: String,
    pub off: bool,
}

impl HolidayYear {
    /// Parses and validates a holiday-cn file. Refuses a file with no days (the State Council
    /// has not published that year yet) so that "loaded" always means "has official data".
    pub fn parse(json: &str) -> Result<(i32, Vec<SpecialDay>), Problem> {
        let y: HolidayYear = serde_json::from_str(json)
            .map_err(|e| Problem::fill(T::NotHolidayCnJSONLine, &[&e.line(), &e.column(), &e]))?;
        if !(1990..=2200).contains(&y.year) {
            return Err(Problem::fill(T::YearIsNotPlausible, &[&y.year]));
        }
        if y.days.is_empty() {
            return Err(Problem::fill(T::FileHasNoDaysState, &[&y.year]));
        }
        let mut out: Vec<SpecialDay> = Vec::with_capacity(y.days.len());
        let mut seen: HashMap<NaiveDate, bool> = HashMap::new();
        for (i, d) in y.days.iter().enumerate() {
            let date = NaiveDate::parse_from_str(&d.date, "%Y-%m-%d")
                .map_err(|_| Problem::fill(T::DayHasDateExpectedYYYY, &[&(i + 1), &d.date]))?;
            // Every day of a year's file is in that year: a file whose `year` is wrong would
            // otherwise replace another year's holidays with these days.
            if date.year() != y.year {
                return Err(Problem::fill(T::DateIsNotInYear, &[&d.date, &y.year]));
            }
            if let Some(prev) = seen.insert(date, d.is_off_day)
                && prev != d.is_off_day
            {
                return Err(Problem::fill(T::DateIsMarkedBothOff, &[&d.date]));
            }
            let name = super::text::clean_input(&d.name, 20, false, false)
                .map_err(|p| p.in_field(T::NameField))?;
            out.push(SpecialDay {
                date,
                name,
                off: d.is_off_day,
            });
        }
        Ok((y.year, out))
    }
}

/// Which days are working days.
#[derive(Debug, Clone, Default)]
pub struct WorkCalendar {
    special: HashMap<NaiveDate, bool>,
    years: BTreeSet<i32>,
}

impl WorkCalendar {
    /// Builds the calendar from the years that have data and their special days.
    pub fn new(
        years: impl IntoIterator<Item = i32>,
        days: impl IntoIterator<Item = SpecialDay>,
    ) -> Self {
        WorkCalendar {
            special: days.into_iter().map(|d| (d.date, d.off)).collect(),
            years: years.into_iter().collect(),
        }
    }

    pub fn has_data(&self, year: i32) -> bool {
        self.years.contains(&year)
    }

    pub fn years(&self) -> impl Iterator<Item = i32> + '_ {
        self.years.iter().copied()
    }

    /// Years in `from..=to` without official data (computed as weekends-only).
    pub fn missing_years(&self, from: i32, to: i32) -> Vec<i32> {
        (from..=to).filter(|y| !self.has_data(*y)).collect()
    }

    pub fn is_working_day(&self, d: NaiveDate) -> bool {
        match self.special.get(&d) {
            Some(off) => !off,
            None => !matches!(d.weekday(), Weekday::Sat | Weekday::Sun),
        }
    }

    /// The first working day on or after `d`.
    pub fn roll_forward(&self, d: NaiveDate) -> NaiveDate {
        let mut d = d;
        // A run of rest days is never longer than a few weeks; the bound only guards bad data.
        for _ in 0..366 {
            if self.is_working_day(d) {
                return d;
            }
            d += Duration::days(1);
        }
        d
    }

    /// The `n`-th working day after `start` (the start day itself is not counted);
    /// `n = 0` means the start day, or the next working day if it is a rest day.
    pub fn add_working_days(&self, start: NaiveDate, n: u32) -> NaiveDate {
        if n == 0 {
            return self.roll_forward(start);
        }
        let mut d = start;
        let mut left = n;
        while left > 0 {
            d += Duration::days(1);
            if self.is_working_day(d) {
                left -= 1;
            }
        }
        d
    }

    /// Number of working days `d` with `a < d <= b` (0 when `b <= a`).
    pub fn working_days_after(&self, a: NaiveDate, b: NaiveDate) -> i64 {
        let mut n = 0;
        let mut d = a;
        while d < b {
            d += Duration::days(1);
            if self.is_working_day(d) {
                n += 1;
            }
        }
        n
    }

    /// The date `c` such that `[c, today]` holds exactly `n` working days, with `c` a working day.
    pub fn nth_working_day_back(&self, today: NaiveDate, n: u32) -> NaiveDate {
        let mut d = today;
        let mut count = 0;
        loop {
            if self.is_working_day(d) {
                count += 1;
                if count >= n {
                    return d;
                }
            }
            d -= Duration::days(1);
        }
    }
}

/// Formats a date as people in China write it: 2026年11月26日.
pub fn zh_date(d: NaiveDate) -> String {
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

/// Parses a date typed by a clerk: 2026-11-26, 2026/11/26, 2026.11.26, 20261126 or 2026年11月26日.
pub fn parse_date(s: &str) -> Result<NaiveDate, Problem> {
    let t = s.trim();
    let normalized: String = t
        .chars()
        .map(|c| match c {
            '年' | '月' | '/' | '.' => '-',
            '日' => ' ',
            '０'..='９' => char::from_u32(c as u32 - 0xFF10 + 0x30).unwrap_or(c),
            c => c,
        })
        .collect();
    let normalized = normalized.trim();
    let parsed = if normalized.len() == 8 && normalized.bytes().all(|b| b.is_ascii_digit()) {
        NaiveDate::parse_from_str(normalized, "%Y%m%d")
    } else {
        NaiveDate::parse_from_str(normalized, "%Y-%m-%d")
    };
    parsed.map_err(|_| Problem::fill(T::IsNotValidDateWrite, &[&t]))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    /// The calendar from the shipped holiday data.
    pub(crate) fn shipped() -> WorkCalendar {
        let mut years = vec![];
        let mut days = vec![];
        for json in [
            include_str!("../../data/holiday-cn/2024.json"),
            include_str!("../../data/holiday-cn/2025.json"),
            include_str!("../../data/holiday-cn/2026.json"),
        ] {
            let (y, ds) = HolidayYear::parse(json).unwrap();
            years.push(y);
            days.extend(ds);
        }
        WorkCalendar::new(years, days)
    }

    #[test]
    fn make_up_days_are_working_days_and_holidays_are_not() {
        let c = shipped();
        // 2025-01-26 (Sunday) is a make-up working day before the Spring Festival.
        assert!(c.is_working_day(d(2025, 1, 26)));
        // 2025-01-28 (Tuesday, 除夕) to 2025-02-04 are off.
        for day in 28..=31 {
            assert!(!c.is_working_day(d(2025, 1, day)), "2025-01-{day}");
        }
        for day in 1..=4 {
            assert!(!c.is_working_day(d(2025, 2, day)), "2025-02-{day}");
        }
        assert!(c.is_working_day(d(2025, 2, 5)));
        // 2025-02-08 (Saturday) is a make-up working day.
        assert!(c.is_working_day(d(2025, 2, 8)));
        // 2026-10-01 National Day is off; 2026-10-10 (Saturday) is a make-up working day.
        assert!(!c.is_working_day(d(2026, 10, 1)));
        assert!(c.is_working_day(d(2026, 10, 10)));
        // An ordinary weekend.
        assert!(!c.is_working_day(d(2026, 11, 28)));
    }

    #[test]
    fn adding_working_days_across_the_2026_spring_festival() {
        let c = shipped();
        // 2026: 2/14 (Sat) make-up working day; 2/15–2/23 off; 2/28 (Sat) make-up working day.
        assert!(c.is_working_day(d(2026, 2, 14)));
        assert!(!c.is_working_day(d(2026, 2, 23)));
        assert!(c.is_working_day(d(2026, 2, 28)));
        // Issued Friday 2026-02-13, 3 working days: 2/14 (Sat, make-up), 2/24, 2/25.
        assert_eq!(c.add_working_days(d(2026, 2, 13), 3), d(2026, 2, 25));
        // 0 days on a holiday rolls to the next working day.
        assert_eq!(c.add_working_days(d(2026, 2, 16), 0), d(2026, 2, 24));
        assert_eq!(c.working_days_after(d(2026, 2, 13), d(2026, 2, 25)), 3);
    }

    #[test]
    fn year_without_data_is_weekends_only_and_reported() {
        let c = shipped();
        assert_eq!(c.missing_years(2025, 2027), vec![2027]);
        // 2027-01-01 is a Friday: no data, so it counts as a working day until data is loaded.
        assert!(c.is_working_day(d(2027, 1, 1)));
        assert!(!c.is_working_day(d(2027, 1, 2)));
    }

    #[test]
    fn empty_or_broken_files_are_refused() {
        assert!(
            HolidayYear::parse(include_str!("../../data/holiday-cn/2027.json"))
                .unwrap_err()
                .zh()
                .contains("没有任何日期")
        );
        assert!(
            HolidayYear::parse("{\"year\": 2028, \"days\": [")
                .unwrap_err()
                .zh()
                .contains("第 1 行")
        );
        let bad = r#"{"year":2028,"papers":[],"days":[{"name":"x","date":"2028-13-01","isOffDay":true}]}"#;
        assert!(
            HolidayYear::parse(bad)
                .unwrap_err()
                .zh()
                .contains("2028-13-01")
        );
    }

    #[test]
    fn a_file_whose_year_is_not_its_dates_year_is_refused() {
        // 2026's days in a file that says 2025 would replace 2025's holidays with them.
        let wrong = include_str!("../../data/holiday-cn/2026.json")
            .replacen("\"year\": 2026", "\"year\": 2025", 1)
            .replacen("\"year\":2026", "\"year\":2025", 1);
        assert!(wrong.contains("2025"), "the test must change the year");
        let e = HolidayYear::parse(&wrong).unwrap_err();
        assert!(e.zh().contains("不在文件所写的 2025 年内"), "{}", e.zh());
        assert!(HolidayYear::parse(include_str!("../../data/holiday-cn/2026.json")).is_ok());
        let far = r#"{"year":3026,"papers":[],"days":[{"name":"x","date":"3026-01-01","isOffDay":true}]}"#;
        assert!(HolidayYear::parse(far).unwrap_err().zh().contains("3026"));
    }

    #[test]
    fn nth_working_day_back() {
        let c = shipped();
        // Thursday 2026-11-26 back 5 working days inclusive: 26,25,24,23,20 → 2026-11-20.
        assert_eq!(c.nth_working_day_back(d(2026, 11, 26), 5), d(2026, 11, 20));
    }

    #[test]
    fn dates_as_people_write_them() {
        assert_eq!(zh_date(d(2026, 11, 26)), "2026年11月26日");
        for s in [
            "2026-11-26",
            "2026/11/26",
            "2026.11.26",
            "20261126",
            "2026年11月26日",
            " 2026年11月26日 ",
        ] {
            assert_eq!(parse_date(s).unwrap(), d(2026, 11, 26), "{s}");
        }
        assert!(
            parse_date("2026-02-30")
                .unwrap_err()
                .zh()
                .contains("不是有效日期")
        );
    }
}
