//! The working-day calendar's data: which years are loaded, and their special days.

use chrono::NaiveDateTime;
use rusqlite::params;

use super::audit::{NewEvent, append};
use super::{Result, Store, fmt_date, fmt_time, parse_date};
use crate::domain::audit::payload_json;
use crate::domain::calendar::{HolidayYear, SpecialDay, WorkCalendar};
use crate::domain::roles::{Act, Actor, may};

pub use crate::records::calendar::YearStatus;

/// The working-day calendar as stored (the loaded years and their special days).
pub(crate) fn load(c: &rusqlite::Connection) -> Result<WorkCalendar> {
    let mut years = c.prepare_cached("SELECT year FROM calendar_years")?;
    let years: Vec<i32> = years
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut days = c.prepare_cached("SELECT date, name, off FROM calendar_days")?;
    let days: Vec<SpecialDay> = days
        .query_map([], |r| {
            let date: String = r.get(0)?;
            Ok((date, r.get::<_, String>(1)?, r.get::<_, bool>(2)?))
        })?
        .filter_map(|r| r.ok())
        .filter_map(|(date, name, off)| {
            parse_date(&date).map(|date| SpecialDay { date, name, off })
        })
        .collect();
    Ok(WorkCalendar::new(years, days))
}

impl Store {
    pub fn calendar(&self) -> Result<WorkCalendar> {
        load(self.conn())
    }

    pub fn calendar_status(&self) -> Result<Vec<YearStatus>> {
        let mut stmt = self.conn().prepare(
            "SELECT y.year, y.loaded_at, y.source,
                    (SELECT count(*) FROM calendar_days d WHERE substr(d.date, 1, 4) = printf('%04d', y.year) AND d.off = 1),
                    (SELECT count(*) FROM calendar_days d WHERE substr(d.date, 1, 4) = printf('%04d', y.year) AND d.off = 0)
             FROM calendar_years y ORDER BY y.year",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(YearStatus {
                year: r.get(0)?,
                loaded_at: r.get(1)?,
                source: r.get(2)?,
                off_days: r.get(3)?,
                makeup_days: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Loads (or reloads) one year of holiday-cn data: all or nothing, audited.
    pub fn load_calendar_year(
        &mut self,
        actor: &Actor,
        json: &str,
        source: &str,
        now: NaiveDateTime,
    ) -> Result<(i32, usize)> {
        may(actor, Act::ManageReferenceData)?;
        let (year, days) = HolidayYear::parse(json)?;
        let at = fmt_time(now);
        self.write(|tx| {
            // Reloading a year replaces the days that file is about; days of neighbouring
            // years in the file (a make-up day in late December) are upserted.
            tx.execute(
                "DELETE FROM calendar_days WHERE substr(date, 1, 4) = printf('%04d', ?1)",
                [year],
            )?;
            let mut ins = tx.prepare_cached(
                "INSERT INTO calendar_days (date, name, off) VALUES (?1, ?2, ?3)
                 ON CONFLICT(date) DO UPDATE SET name = excluded.name, off = excluded.off",
            )?;
            for d in &days {
                ins.execute(params![fmt_date(d.date), d.name, d.off])?;
            }
            tx.execute(
                "INSERT INTO calendar_years (year, loaded_at, source) VALUES (?1, ?2, ?3)
                 ON CONFLICT(year) DO UPDATE SET loaded_at = excluded.loaded_at, source = excluded.source",
                params![year, at, source],
            )?;
            let mut e = NewEvent::by(actor, &at, format!("calendar:{year}"), "calendar_load");
            e.payload = payload_json(&[("days", days.len().to_string()), ("source", source.to_string())]);
            append(tx, e)?;
            // Working days changed: 考评's day figures are recounted with the new calendar.
            super::facts::rebuild_days(tx)?;
            Ok(())
        })?;
        Ok((year, days.len()))
    }
}
