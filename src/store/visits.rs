//! Leaders' visits: assignments and rotation, the plan, staffing (空岗), notices, the visit's
//! register and the petitions raised there, random picks of members to report, ledgers.

use crate::text::T;
use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime};
use rusqlite::{OptionalExtension, Transaction, params};

use super::audit::{NewEvent, append};
use super::tickets::{TicketLinks, apply_in, register_in};
use super::{Result, Store, StoreError, fmt_date, fmt_time, parse_date};
use crate::domain::Problem;
use crate::domain::audit::payload_json;
use crate::domain::draw::{self, Candidate, Receipt};
use crate::domain::flow::{Decision, FlowCtx, Move};
use crate::domain::intake::Intake;
use crate::domain::roles::{Act, Actor, may};
use crate::domain::roster::RepCategory;
use crate::domain::text::clean_input;
use crate::domain::visits::{
    self, Compliance, Schedule, Staffing, VisitKind, VisitMove, VisitSettings, VisitStatus,
    decide_visit,
};
use crate::domain::vocab::{Channel, Classification};
use crate::store::tickets::IntakeLink;

pub use crate::records::visits::{
    ComplianceReport, Ledger, LedgerPetition, Matter, RegisterEntry, VisitDetail, VisitRow,
};

fn t(s: &str) -> NaiveTime {
    NaiveTime::parse_from_str(s, "%H:%M").unwrap_or_default()
}

const VISIT_COLS: &str = "id, kind, place_id, nominal_date, date, time, leader_id, leader_absent, substitute_id, status, not_held_reason, provisional, rescheduled, city_note, notes, notice_version, posted_version, version, updated_at, updated_by";

fn visit_row(r: &rusqlite::Row) -> rusqlite::Result<VisitRow> {
    Ok(VisitRow {
        id: r.get(0)?,
        kind: crate::store::code(r, 1, "visits", VisitKind::from_code)?,
        place_id: r.get(2)?,
        nominal: parse_date(&r.get::<_, String>(3)?).unwrap_or_default(),
        date: parse_date(&r.get::<_, String>(4)?).unwrap_or_default(),
        time: t(&r.get::<_, String>(5)?),
        leader_id: r.get(6)?,
        leader_absent: r.get(7)?,
        substitute_id: r.get(8)?,
        status: crate::store::code(r, 9, "visits", VisitStatus::from_code)?,
        not_held_reason: r.get(10)?,
        provisional: r.get(11)?,
        rescheduled: r.get(12)?,
        city_note: r.get(13)?,
        notes: r.get(14)?,
        notice_version: r.get(15)?,
        posted_version: r.get(16)?,
        version: r.get(17)?,
        updated_at: r.get(18)?,
        updated_by: r.get(19)?,
    })
}

fn load_visit(c: &rusqlite::Connection, id: i64) -> Result<VisitRow> {
    c.prepare_cached(&format!("SELECT {VISIT_COLS} FROM visits WHERE id = ?1"))?
        .query_row([id], visit_row)
        .optional()?
        .ok_or_else(|| StoreError::NotFound(Problem::fill(T::NoVisit, &[&id])))
}

/// Loads a visit for a change and refuses it if another desk changed it since `version` was read.
fn load_for_change(tx: &Transaction, id: i64, version: Option<i64>) -> Result<VisitRow> {
    let v = load_visit(tx, id)?;
    if version.is_some_and(|x| x != v.version) {
        let place: String = tx
            .query_row("SELECT name FROM places WHERE id = ?1", [v.place_id], |r| {
                r.get(0)
            })
            .unwrap_or_default();
        return Err(StoreError::Stale(super::Stale {
            number: format!(
                "{} {place}{}",
                fmt_date(v.date),
                v.kind.label(crate::domain::Lang::Zh)
            ),
            by: v.updated_by.clone(),
            at: v.updated_at.clone(),
        }));
    }
    Ok(v)
}

/// As `load_for_change`, and the move decided by the visit's lifecycle: the visit and the status
/// the move leads to.
fn load_deciding(
    tx: &Transaction,
    id: i64,
    version: Option<i64>,
    mv: &VisitMove,
    today: NaiveDate,
) -> Result<(VisitRow, VisitStatus)> {
    let v = load_for_change(tx, id, version)?;
    let to = decide_visit(&v.facts(today), mv)?;
    Ok((v, to))
}

fn event(actor: &Actor, at: &str, visit: i64, kind: &str) -> NewEvent {
    NewEvent::by(actor, at, format!("visit:{visit}"), kind)
}

fn bump(tx: &Transaction, id: i64, actor: &Actor, at: &str, notice_changes: bool) -> Result<()> {
    tx.execute(
        &format!(
            "UPDATE visits SET version = version + 1, updated_at = ?2, updated_by = ?3{} WHERE id = ?1",
            if notice_changes { ", notice_version = notice_version + 1" } else { "" }
        ),
        params![id, at, actor.name],
    )?;
    Ok(())
}

fn write_leader_communities(
    tx: &Transaction,
    actor: &Actor,
    at: &str,
    leader_id: i64,
    places: &[i64],
) -> Result<()> {
    tx.execute(
        "DELETE FROM leader_communities WHERE leader_id = ?1",
        [leader_id],
    )?;
    for p in places {
        tx.execute(
            "INSERT INTO leader_communities (leader_id, place_id) VALUES (?1, ?2)",
            params![leader_id, p],
        )?;
    }
    let mut e = NewEvent::by(
        actor,
        at,
        format!("leader:{leader_id}"),
        "leader_communities",
    );
    e.payload = payload_json(&[(
        "places",
        places
            .iter()
            .map(|p| p.to_string())
            .collect::<Vec<_>>()
            .join(","),
    )]);
    append(tx, e)?;
    Ok(())
}

fn write_rotation(tx: &Transaction, actor: &Actor, at: &str, leaders: &[i64]) -> Result<()> {
    tx.execute("DELETE FROM township_rotation", [])?;
    for (i, l) in leaders.iter().enumerate() {
        tx.execute(
            "INSERT INTO township_rotation (position, leader_id) VALUES (?1, ?2)",
            params![i as i64, l],
        )?;
    }
    let mut e = NewEvent::by(actor, at, "visits", "township_rotation");
    e.payload = payload_json(&[(
        "order",
        leaders
            .iter()
            .map(|p| p.to_string())
            .collect::<Vec<_>>()
            .join(","),
    )]);
    append(tx, e)?;
    Ok(())
}

impl Store {
    /// The communities each leader visits: (leader, place).
    pub fn leader_communities(&self) -> Result<Vec<(i64, i64)>> {
        Ok(self
            .conn()
            .prepare_cached(
                "SELECT leader_id, place_id FROM leader_communities ORDER BY leader_id, place_id",
            )?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?)
    }

    pub fn set_leader_communities(
        &mut self,
        actor: &Actor,
        leader_id: i64,
        places: &[i64],
        now: NaiveDateTime,
    ) -> Result<()> {
        may(actor, Act::KeepVisits)?;
        let at = fmt_time(now);
        self.write(|tx| write_leader_communities(tx, actor, &at, leader_id, places))
    }

    pub fn rotation(&self) -> Result<Vec<i64>> {
        Ok(self
            .conn()
            .prepare_cached("SELECT leader_id FROM township_rotation ORDER BY position")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?)
    }

    pub fn set_rotation(
        &mut self,
        actor: &Actor,
        leaders: &[i64],
        now: NaiveDateTime,
    ) -> Result<()> {
        may(actor, Act::KeepVisits)?;
        let at = fmt_time(now);
        self.write(|tx| write_rotation(tx, actor, &at, leaders))
    }

    /// Every leader's communities and the township rotation, in one change.
    pub fn set_assignments(
        &mut self,
        actor: &Actor,
        communities: &[(i64, Vec<i64>)],
        rotation: &[i64],
        now: NaiveDateTime,
    ) -> Result<()> {
        may(actor, Act::KeepVisits)?;
        let at = fmt_time(now);
        self.write(|tx| {
            for (leader, places) in communities {
                write_leader_communities(tx, actor, &at, *leader, places)?;
            }
            write_rotation(tx, actor, &at, rotation)
        })
    }

    fn township_place(&self) -> Result<Option<i64>> {
        Ok(self
            .conn()
            .query_row(
                "SELECT id FROM places WHERE kind = 'town' AND active = 1 ORDER BY id LIMIT 1",
                [],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// The center's visit settings (times and notice period), defaults where unset.
    pub fn visit_settings(&self) -> Result<VisitSettings> {
        let mut s = VisitSettings::default();
        if let Some(v) = self.meta("visits.community_time")? {
            s.community_time = NaiveTime::parse_from_str(&v, "%H:%M").unwrap_or(s.community_time);
        }
        if let Some(v) = self.meta("visits.township_time")? {
            s.township_time = NaiveTime::parse_from_str(&v, "%H:%M").unwrap_or(s.township_time);
        }
        if let Some(v) = self.meta("visits.notice_days")? {
            s.notice_days = v.parse().unwrap_or(s.notice_days);
        }
        Ok(s)
    }

    /// Changes the visit settings. Visits already planned keep their times; the new ones (and
    /// the notices due from now on) follow the settings.
    pub fn set_visit_settings(
        &mut self,
        actor: &Actor,
        s: VisitSettings,
        now: NaiveDateTime,
    ) -> Result<()> {
        may(actor, Act::ChangeVisitSettings)?;
        if !visits::NOTICE_DAYS_RANGE.contains(&s.notice_days) {
            return Err(StoreError::Refused(Problem::fill(
                T::NoticePeriodIsToDays,
                &[
                    &visits::NOTICE_DAYS_RANGE.start(),
                    &visits::NOTICE_DAYS_RANGE.end(),
                ],
            )));
        }
        let at = fmt_time(now);
        self.write(|tx| {
            let values = [
                ("visits.community_time", s.community_time.format("%H:%M").to_string()),
                ("visits.township_time", s.township_time.format("%H:%M").to_string()),
                ("visits.notice_days", s.notice_days.to_string()),
            ];
            for (k, v) in &values {
                tx.execute("INSERT INTO meta (key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value", params![k, v])?;
            }
            let mut e = NewEvent::by(actor, &at, "visits", "visit_settings");
            e.payload = payload_json(&values.iter().map(|(k, v)| (*k, v.clone())).collect::<Vec<_>>());
            append(tx, e)?;
            Ok(())
        })
    }

    /// The plan of a year (or a month), computed, without writing it.
    pub fn compute_plan(&self, year: i32, month: Option<u32>) -> Result<Vec<visits::PlannedVisit>> {
        let cal = self.calendar()?;
        let assignments = self.leader_communities()?;
        let rotation = self.rotation()?;
        let schedule = Schedule {
            assignments: &assignments,
            rotation: &rotation,
            township: self.township_place()?,
            settings: self.visit_settings()?,
        };
        Ok(visits::plan(year, month, &schedule, &cal))
    }

    /// Writes the plan of a year or month, for the visit days from `since` on (a center starting
    /// mid-year does not invent a past it cannot record). Visits already planned are kept as they
    /// are; visits to come that the current assignments and rotation no longer give (and that
    /// nobody has touched: not moved, not substituted) are withdrawn. Returns (added, withdrawn).
    pub fn plan_visits(
        &mut self,
        actor: &Actor,
        year: i32,
        month: Option<u32>,
        since: NaiveDate,
        now: NaiveDateTime,
    ) -> Result<(usize, usize)> {
        may(actor, Act::KeepVisits)?;
        let plan = self.compute_plan(year, month)?;
        let at = fmt_time(now);
        let (from, to) = visits::period(year, month);
        let today = now.date().max(from);
        self.write(|tx| {
            let mut added = 0;
            let mut ins = tx.prepare_cached(
                "INSERT INTO visits (kind, place_id, nominal_date, date, time, leader_id, provisional, updated_at, updated_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) ON CONFLICT DO NOTHING",
            )?;
            for v in plan.iter().filter(|v| v.date >= since) {
                added += ins.execute(params![
                    v.kind.code(),
                    v.place_id,
                    fmt_date(v.nominal),
                    fmt_date(v.date),
                    v.time.format("%H:%M").to_string(),
                    v.leader_id,
                    v.provisional,
                    at,
                    actor.name
                ])?;
            }
            let wanted: std::collections::HashSet<(&'static str, i64, i64, NaiveDate)> =
                plan.iter().map(|v| (v.kind.code(), v.place_id, v.leader_id, v.nominal)).collect();
            let stale: Vec<VisitRow> = tx
                .prepare(&format!(
                    "SELECT {VISIT_COLS} FROM visits WHERE status = 'planned' AND rescheduled = 0 AND leader_absent = 0
                     AND date >= ?1 AND nominal_date >= ?2 AND nominal_date <= ?3"
                ))?
                .query_map(params![fmt_date(today), fmt_date(from), fmt_date(to)], visit_row)?
                .collect::<rusqlite::Result<Vec<_>>>()?
                .into_iter()
                .filter(|v| !wanted.contains(&(v.kind.code(), v.place_id, v.leader_id, v.nominal)))
                .collect();
            for v in &stale {
                tx.execute("DELETE FROM visits WHERE id = ?1", [v.id])?;
                let mut e = event(actor, &at, v.id, "visit_withdrawn");
                e.note = "分工或轮值调整，按新计划取消".into();
                e.payload = payload_json(&[
                    ("kind", v.kind.code().into()),
                    ("place", v.place_id.to_string()),
                    ("leader", v.leader_id.to_string()),
                    ("date", fmt_date(v.date)),
                    ("notice_posted", v.posted_version.is_some().to_string()),
                ]);
                append(tx, e)?;
            }
            let mut e = NewEvent::by(actor, &at, "visits", "visits_planned");
            e.payload = payload_json(&[
                ("year", year.to_string()),
                ("month", month.map(|m| m.to_string()).unwrap_or_default()),
                ("added", added.to_string()),
                ("withdrawn", stale.len().to_string()),
            ]);
            append(tx, e)?;
            Ok((added, stale.len()))
        })
    }

    /// After new holiday data: moves the visits not yet held to their day under the calendar now,
    /// and says which moved. Visits rescheduled by hand keep their date.
    pub fn replan(
        &mut self,
        actor: &Actor,
        now: NaiveDateTime,
    ) -> Result<Vec<(i64, NaiveDate, NaiveDate)>> {
        let cal = self.calendar()?;
        let at = fmt_time(now);
        let today = fmt_date(now.date());
        self.write(|tx| {
            let rows: Vec<VisitRow> = tx
                .prepare(&format!("SELECT {VISIT_COLS} FROM visits WHERE status = 'planned' AND rescheduled = 0 AND date >= ?1"))?
                .query_map([&today], visit_row)?
                .collect::<rusqlite::Result<_>>()?;
            let mut moved = vec![];
            for v in rows {
                let new_date = cal.roll_forward(v.nominal);
                let provisional = !cal.has_data(v.nominal.year());
                if new_date != v.date || provisional != v.provisional {
                    tx.execute("UPDATE visits SET date = ?2, provisional = ?3 WHERE id = ?1", params![v.id, fmt_date(new_date), provisional])?;
                    bump(tx, v.id, actor, &at, new_date != v.date)?;
                    if new_date != v.date {
                        moved.push((v.id, v.date, new_date));
                    }
                }
            }
            let mut e = NewEvent::by(actor, &at, "visits", "visits_replanned");
            e.payload = payload_json(&[("moved", moved.len().to_string())]);
            append(tx, e)?;
            Ok(moved)
        })
    }

    /// Visits held or planned between two dates, in date order.
    pub fn visits_between(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<VisitRow>> {
        Ok(self
            .conn()
            .prepare_cached(&format!("SELECT {VISIT_COLS} FROM visits WHERE date >= ?1 AND date <= ?2 ORDER BY date, time, kind, place_id, id"))?
            .query_map(params![fmt_date(from), fmt_date(to)], visit_row)?
            .collect::<rusqlite::Result<_>>()?)
    }

    /// One place's visits between two dates, in date order (its 台账).
    pub fn visits_at(
        &self,
        place_id: i64,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<VisitRow>> {
        Ok(self
            .conn()
            .prepare_cached(&format!("SELECT {VISIT_COLS} FROM visits WHERE place_id = ?1 AND date >= ?2 AND date <= ?3 ORDER BY date, time, kind, id"))?
            .query_map(params![place_id, fmt_date(from), fmt_date(to)], visit_row)?
            .collect::<rusqlite::Result<_>>()?)
    }

    /// Every visit without a leader that nobody has staffed yet (空岗).
    pub fn unstaffed_visits(&self) -> Result<Vec<VisitRow>> {
        Ok(self
            .conn()
            .prepare_cached(&format!("SELECT {VISIT_COLS} FROM visits WHERE status = 'planned' AND leader_absent = 1 AND substitute_id IS NULL ORDER BY date"))?
            .query_map([], visit_row)?
            .collect::<rusqlite::Result<_>>()?)
    }

    pub fn unstaffed_count(&self) -> Result<i64> {
        Ok(self.conn().prepare_cached("SELECT count(*) FROM visits WHERE status = 'planned' AND leader_absent = 1 AND substitute_id IS NULL")?.query_row([], |r| r.get(0))?)
    }

    /// How many notices are due (within the notice period) or overdue and not posted.
    pub fn notices_due_count(&self, today: NaiveDate) -> Result<i64> {
        let days = self.visit_settings()?.notice_days;
        Ok(self.notices_due(today, days)?.len() as i64)
    }

    /// Notices due (within `days` of the visit) or overdue, not yet posted in their current version.
    pub fn notices_due(&self, today: NaiveDate, days: i64) -> Result<Vec<VisitRow>> {
        let until = today + chrono::Duration::days(days);
        Ok(self
            .visits_between(today, until)?
            .into_iter()
            .filter(|v| v.notice_outstanding())
            .collect())
    }

    pub fn visit_detail(&self, id: i64) -> Result<VisitDetail> {
        let visit = load_visit(self.conn(), id)?;
        let c = self.conn();
        let register = c
            .prepare_cached(
                "SELECT r.id, r.name, r.place, r.matter, r.outcome, r.ticket_id, printf('%d-%06d', t.year, t.seq), r.outside_portfolio
                 FROM visit_register r LEFT JOIN tickets t ON t.id = r.ticket_id WHERE r.visit_id = ?1 ORDER BY r.id",
            )?
            .query_map([id], |r| {
                Ok(RegisterEntry {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    place: r.get(2)?,
                    matter: r.get(3)?,
                    outcome: r.get(4)?,
                    ticket_id: r.get(5)?,
                    ticket_number: r.get(6)?,
                    outside_portfolio: r.get(7)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let pick: Option<(String, String)> = c.query_row("SELECT members, receipt FROM visit_picks WHERE visit_id = ?1 ORDER BY id DESC LIMIT 1", [id], |r| Ok((r.get(0)?, r.get(1)?))).optional()?;
        let mut picks = vec![];
        let mut receipt = None;
        if let Some((members, r)) = pick {
            receipt = Some(r);
            for m in members.split(',').filter_map(|x| x.parse::<i64>().ok()) {
                let name: String = c
                    .query_row("SELECT name FROM members WHERE id = ?1", [m], |r| r.get(0))
                    .unwrap_or_default();
                let report: String = c
                    .query_row(
                        "SELECT report FROM visit_reports WHERE visit_id = ?1 AND member_id = ?2",
                        params![id, m],
                        |r| r.get(0),
                    )
                    .optional()?
                    .unwrap_or_default();
                picks.push((m, name, report));
            }
        }
        let clash = match visit.booking() {
            Some(b) => {
                let day = self.visits_between(visit.date, visit.date)?;
                let others: Vec<_> = day.iter().filter_map(VisitRow::booking).collect();
                visits::booked_elsewhere(&b, &others)
                    .and_then(|o| day.into_iter().find(|v| v.id == o.visit))
            }
            None => None,
        };
        let explanation = c
            .prepare_cached(
                "SELECT text, recorded_by, recorded_at FROM review_explanations
                 WHERE year = ?1 AND subject_kind = 'leader' AND subject_id = ?2 AND exception = ?3",
            )?
            .query_row(params![visit.date.year(), visit.leader_id, format!("visit:{id}")], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })
            .optional()?;
        let agenda = self.visit_agenda(id)?;
        Ok(VisitDetail {
            visit,
            register,
            picks,
            receipt,
            clash,
            explanation,
            agenda,
        })
    }

    /// Every receipt of the member picks at a visit, voided ones too (oldest first).
    pub fn visit_pick_receipts(&self, visit_id: i64) -> Result<Vec<String>> {
        Ok(self
            .conn()
            .prepare_cached("SELECT receipt FROM visit_picks WHERE visit_id = ?1 ORDER BY id")?
            .query_map([visit_id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?)
    }

    /// The visits between two dates whose leader is booked elsewhere at the same time, each
    /// with the visit it clashes with.
    pub fn visit_clashes(&self, from: NaiveDate, to: NaiveDate) -> Result<BTreeMap<i64, i64>> {
        let bookings: Vec<_> = self
            .visits_between(from, to)?
            .iter()
            .filter_map(VisitRow::booking)
            .collect();
        Ok(visits::clashes(&bookings))
    }

    /// The leader cannot attend: a substitute, a new date, or neither (then the visit is 空岗
    /// and stays flagged until someone staffs it).
    #[allow(clippy::too_many_arguments)]
    pub fn leader_cannot_attend(
        &mut self,
        actor: &Actor,
        id: i64,
        version: Option<i64>,
        substitute: Option<i64>,
        new_date: Option<(NaiveDate, NaiveTime)>,
        reason: &str,
        now: NaiveDateTime,
    ) -> Result<()> {
        may(actor, Act::KeepVisits)?;
        let reason =
            clean_input(reason, 200, false, true).map_err(|p| p.in_field(T::CauseField))?;
        let at = fmt_time(now);
        self.write(|tx| {
            let (v, _) = load_deciding(tx, id, version, &VisitMove::LeaderAbsent { substitute, new_date: new_date.map(|(d, _)| d) }, now.date())?;
            if let Some(s) = substitute {
                let (d, tm) = new_date.unwrap_or((v.date, v.time));
                let others: Vec<_> = tx
                    .prepare_cached(&format!("SELECT {VISIT_COLS} FROM visits WHERE date = ?1"))?
                    .query_map([fmt_date(d)], visit_row)?
                    .collect::<rusqlite::Result<Vec<_>>>()?
                    .iter()
                    .filter_map(VisitRow::booking)
                    .collect();
                let me = visits::Booking { visit: id, leader: s, at: d.and_time(tm), place_id: v.place_id };
                if let Some(b) = visits::booked_elsewhere(&me, &others) {
                    let name = |table: &str, id: i64| -> String {
                        tx.query_row(&format!("SELECT name FROM {table} WHERE id = ?1"), [id], |r| r.get(0))
                            .unwrap_or_default()
                    };
                    return Err(StoreError::Refused(
                        Problem::fill(
                            T::SubstituteIsBooked,
                            &[&name("leaders", s), &b.at.format("%H:%M").to_string(), &name("places", b.place_id)],
                        )
                        .in_field(T::SubstituteField),
                    ));
                }
            }
            match (substitute, new_date) {
                (_, Some((d, tm))) => {
                    tx.execute(
                        "UPDATE visits SET date = ?2, time = ?3, rescheduled = 1, leader_absent = 0, substitute_id = ?4 WHERE id = ?1",
                        params![id, fmt_date(d), tm.format("%H:%M").to_string(), substitute],
                    )?;
                }
                (Some(s), None) => {
                    tx.execute("UPDATE visits SET leader_absent = 1, substitute_id = ?2 WHERE id = ?1", params![id, s])?;
                }
                (None, None) => {
                    tx.execute("UPDATE visits SET leader_absent = 1, substitute_id = NULL WHERE id = ?1", [id])?;
                }
            }
            bump(tx, id, actor, &at, true)?;
            let mut e = event(actor, &at, id, "visit_leader_absent");
            e.note = reason;
            e.payload = payload_json(&[
                ("substitute", substitute.map(|s| s.to_string()).unwrap_or_default()),
                ("new_date", new_date.map(|(d, tm)| format!("{} {}", fmt_date(d), tm.format("%H:%M"))).unwrap_or_default()),
            ]);
            append(tx, e)?;
            Ok(())
        })
    }

    /// Staffs a 空岗 visit with a substitute leader.
    pub fn staff_visit(
        &mut self,
        actor: &Actor,
        id: i64,
        substitute: i64,
        now: NaiveDateTime,
    ) -> Result<()> {
        self.leader_cannot_attend(
            actor,
            id,
            None,
            Some(substitute),
            None,
            "安排其他领导代替",
            now,
        )
    }

    pub fn record_visit_held(
        &mut self,
        actor: &Actor,
        id: i64,
        version: Option<i64>,
        notes: &str,
        now: NaiveDateTime,
    ) -> Result<()> {
        may(actor, Act::KeepVisits)?;
        let notes = clean_input(notes, 4000, true, false)
            .map_err(|p| p.in_field(T::InterviewNotesField))?;
        let at = fmt_time(now);
        self.write(|tx| {
            let (_, to) = load_deciding(tx, id, version, &VisitMove::RecordHeld, now.date())?;
            tx.execute(
                "UPDATE visits SET status = ?3, notes = ?2 WHERE id = ?1",
                params![id, notes, to.code()],
            )?;
            bump(tx, id, actor, &at, false)?;
            append(tx, event(actor, &at, id, "visit_held"))?;
            Ok(())
        })
    }

    pub fn record_visit_not_held(
        &mut self,
        actor: &Actor,
        id: i64,
        version: Option<i64>,
        reason: &str,
        now: NaiveDateTime,
    ) -> Result<()> {
        may(actor, Act::KeepVisits)?;
        let reason =
            clean_input(reason, 200, false, true).map_err(|p| p.in_field(T::CauseField))?;
        let at = fmt_time(now);
        self.write(|tx| {
            let (_, to) = load_deciding(tx, id, version, &VisitMove::RecordNotHeld, now.date())?;
            tx.execute(
                "UPDATE visits SET status = ?3, not_held_reason = ?2 WHERE id = ?1",
                params![id, reason, to.code()],
            )?;
            bump(tx, id, actor, &at, false)?;
            let mut e = event(actor, &at, id, "visit_not_held");
            e.note = reason;
            append(tx, e)?;
            Ok(())
        })
    }

    /// Marks the current notice as posted.
    pub fn post_notice(
        &mut self,
        actor: &Actor,
        id: i64,
        version: Option<i64>,
        now: NaiveDateTime,
    ) -> Result<()> {
        may(actor, Act::KeepVisits)?;
        let at = fmt_time(now);
        self.write(|tx| {
            let (v, _) = load_deciding(tx, id, version, &VisitMove::PostNotice, now.date())?;
            tx.execute(
                "UPDATE visits SET posted_version = notice_version, posted_at = ?2 WHERE id = ?1",
                params![id, at],
            )?;
            let mut e = event(actor, &at, id, "notice_posted");
            e.payload = payload_json(&[("notice_version", v.notice_version.to_string())]);
            append(tx, e)?;
            Ok(())
        })
    }

    /// 市区联动: a city leader visits a community, and every district visit to that community in
    /// that half-month moves to the same date and time, each with its note and a corrected
    /// notice. The district's 组织部 coordination is recorded (who arranged it, when).
    /// Returns the visits moved.
    #[allow(clippy::too_many_arguments)]
    pub fn link_city_visit(
        &mut self,
        actor: &Actor,
        place_id: i64,
        date: NaiveDate,
        time: NaiveTime,
        city_leader: &str,
        arranged_by: &str,
        arranged_on: NaiveDate,
        now: NaiveDateTime,
    ) -> Result<Vec<i64>> {
        may(actor, Act::KeepVisits)?;
        let city_leader = clean_input(city_leader, 40, false, true)
            .map_err(|p| p.in_field(T::CityLeaderField))?;
        let arranged_by = clean_input(arranged_by, 40, false, true)
            .map_err(|p| p.in_field(T::ArrangedByField))?;
        let at = fmt_time(now);
        let nominal = visits::nominal_of(date);
        self.write(|tx| {
            tx.execute(
                "INSERT INTO city_visits (place_id, date, time, city_leader, at, actor, arranged_by, arranged_on) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![place_id, fmt_date(date), time.format("%H:%M").to_string(), city_leader, at, actor.name, arranged_by, fmt_date(arranged_on)],
            )?;
            let city = tx.last_insert_rowid();
            let moved: Vec<i64> = tx
                .prepare_cached(
                    "SELECT id FROM visits WHERE kind = 'community' AND place_id = ?1 AND nominal_date = ?2 AND status = 'planned' ORDER BY id",
                )?
                .query_map(params![place_id, fmt_date(nominal)], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            let note = format!(
                "市领导{city_leader}同日进社区，区级领导进社区随同调整（{}{}协调）",
                crate::domain::calendar::zh_date(arranged_on),
                arranged_by
            );
            for id in &moved {
                let v = load_visit(tx, *id)?;
                decide_visit(&v.facts(now.date()), &VisitMove::LinkCity)?;
                tx.execute(
                    "UPDATE visits SET date = ?2, time = ?3, rescheduled = 1, city_note = ?4 WHERE id = ?1",
                    params![id, fmt_date(date), time.format("%H:%M").to_string(), note],
                )?;
                bump(tx, *id, actor, &at, true)?;
                let mut e = event(actor, &at, *id, "visit_city_linked");
                e.note = note.clone();
                e.payload = payload_json(&[
                    ("city_visit", city.to_string()),
                    ("from", format!("{} {}", fmt_date(v.date), v.time.format("%H:%M"))),
                    ("to", format!("{} {}", fmt_date(date), time.format("%H:%M"))),
                    ("arranged_by", arranged_by.clone()),
                    ("arranged_on", fmt_date(arranged_on)),
                ]);
                append(tx, e)?;
            }
            Ok(moved)
        })
    }

    /// Records a resident received at a visit and what became of the matter: either way a ticket
    /// with the visit's channel, linked to the visit, owned by the leader who was there.
    pub fn register_at_visit(
        &mut self,
        actor: &Actor,
        visit_id: i64,
        intake: &Intake,
        matter: &Matter,
        ctx: &FlowCtx,
        now: NaiveDateTime,
    ) -> Result<(i64, String)> {
        let at = fmt_time(now);
        self.write(|tx| {
            let v = load_visit(tx, visit_id)?;
            decide_visit(&v.facts(now.date()), &VisitMove::Register)?;
            let leader = v.acting_leader();
            let mut intake = intake.clone();
            intake.channel = match v.kind {
                VisitKind::Community => Channel::LeaderCommunity,
                VisitKind::Township => Channel::LeaderTownship,
            };
            intake.first_handler = crate::domain::intake::FirstHandler::Leader(leader);
            // 分管: a petition outside the leader's portfolio goes to the center for 督促 (its
            // first handler is the center's clerk who registers it); an answer on the spot stays
            // the leader's.
            let categories: Vec<i64> = tx
                .prepare_cached("SELECT category_id FROM leader_categories WHERE leader_id = ?1")?
                .query_map([leader], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            let outside = !visits::in_portfolio(&categories, intake.category_id);
            if outside
                && *matter == Matter::Petition
                && let Some(staff) = actor.staff_id
            {
                intake.first_handler = crate::domain::intake::FirstHandler::Staff(staff);
            }
            let place: String = tx.query_row("SELECT name FROM places WHERE id = ?1", [v.place_id], |r| r.get(0)).unwrap_or_default();
            intake.visit_ref = Some(format!("{} {place}", fmt_date(v.date)));
            // Received at the visit: its date and time, not the moment the clerk types it.
            let visit_at = v.date.and_time(v.time);
            let received = (visit_at <= now).then(|| fmt_time(visit_at));
            let links = TicketLinks { visit_id: Some(visit_id), received_at: received, ..Default::default() };
            let (id, number) = register_in(tx, actor, &intake, IntakeLink::None, links, ctx, &at, now)?;
            let outcome = match matter {
                Matter::Answered(answer) => {
                    // Still a ticket, classified 现场答复, so that it gets its feedback and evaluation.
                    apply_in(tx, actor, id, None, &Move::Draft { classification: Classification::OnSite, opinion: "领导走访时现场答复".into() }, ctx, &at)?;
                    apply_in(tx, actor, id, None, &Move::Submit, ctx, &at)?;
                    apply_in(
                        tx,
                        actor,
                        id,
                        None,
                        &Move::Issue { leader_id: leader, leader_active: true, instruction: "走访现场答复".into(), decision: Decision::OnSite { answer: answer.clone() } },
                        ctx,
                        &at,
                    )?;
                    "answered"
                }
                Matter::Petition => "petition",
            };
            let name = intake.petitioners.first().map(|p| p.name.clone()).unwrap_or_default();
            tx.execute(
                "INSERT INTO visit_register (visit_id, name, place, matter, outcome, ticket_id, at, outside_portfolio) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![visit_id, name, place, intake.summary, outcome, id, at, outside],
            )?;
            let mut e = event(actor, &at, visit_id, "visit_register");
            e.ticket_id = Some(id);
            e.note = format!("{name}：{}", intake.summary);
            let mut details = vec![("outcome", outcome.to_string()), ("ticket", number.clone())];
            if outside {
                details.push(("outside_portfolio", "1".into()));
            }
            e.payload = payload_json(&details);
            append(tx, e)?;
            Ok((id, number))
        })
    }

    /// Picks `n` (2 to 4) key-selected members of the visited community at random to report, by
    /// the verifiable draw engine. Returns the members and the receipt.
    pub fn pick_members(
        &mut self,
        actor: &Actor,
        visit_id: i64,
        n: u32,
        nonce: &[u8],
        void_reason: &str,
        now: NaiveDateTime,
    ) -> Result<(Vec<i64>, String)> {
        may(actor, Act::KeepVisits)?;
        let void_reason =
            clean_input(void_reason, 200, false, false).map_err(|p| p.in_field(T::WhyField))?;
        let at = fmt_time(now);
        self.write(|tx| {
            let v = load_visit(tx, visit_id)?;
            decide_visit(&v.facts(now.date()), &VisitMove::PickMembers { n })?;
            // One pick per visit stands: another needs the director to void it, with a reason.
            let standing: Option<(i64, String, String)> = tx
                .query_row(
                    "SELECT id, at, members FROM visit_picks WHERE visit_id = ?1 AND voided_at IS NULL ORDER BY id DESC LIMIT 1",
                    [visit_id],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
                )
                .optional()?;
            if let Some((pick, when, members)) = standing {
                if void_reason.is_empty() {
                    let names: Vec<String> = members
                        .split(',')
                        .filter_map(|m| m.parse::<i64>().ok())
                        .map(|m| tx.query_row("SELECT name FROM members WHERE id = ?1", [m], |r| r.get::<_, String>(0)))
                        .collect::<rusqlite::Result<_>>()?;
                    return Err(StoreError::Refused(Problem::fill(
                        T::MembersWerePicked,
                        &[&when, &crate::domain::text::for_terminal(&names.join("、"))],
                    )));
                }
                may(actor, Act::VoidDraw)?;
                tx.execute(
                    "UPDATE visit_picks SET voided_at = ?2, voided_by = ?3, void_reason = ?4 WHERE id = ?1",
                    params![pick, at, actor.name, void_reason],
                )?;
                let mut e = event(actor, &at, visit_id, "visit_members_voided");
                e.note = void_reason.clone();
                e.payload = payload_json(&[("pick", pick.to_string())]);
                append(tx, e)?;
            }
            // Every earlier pick, voided, is listed on the new receipt.
            let earlier: Vec<draw::Earlier> = tx
                .prepare_cached("SELECT id, receipt, IFNULL(void_reason, '') FROM visit_picks WHERE visit_id = ?1 ORDER BY id")?
                .query_map([visit_id], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?)))?
                .collect::<rusqlite::Result<Vec<_>>>()?
                .into_iter()
                .map(|(id, text, why)| {
                    let r = Receipt::parse(&text)?;
                    Ok(draw::Earlier {
                        id,
                        state: draw::DrawState::Final,
                        created: r.created,
                        seed: r.seed,
                        panel: r.final_panel,
                        ended: Some(why).filter(|w| !w.is_empty()),
                        used: false,
                    })
                })
                .collect::<Result<_, Problem>>()?;
            let pool: Vec<Candidate> = tx
                .prepare_cached("SELECT m.id, m.name, IFNULL(p.name, '') FROM members m LEFT JOIN places p ON p.id = m.place_id WHERE m.place_id = ?1 AND m.key_selected = 1 AND m.active = 1 ORDER BY m.id")?
                .query_map([v.place_id], |r| Ok(Candidate { id: r.get(0)?, name: r.get(1)?, category: RepCategory::ResidentRep, place: r.get(2)? }))?
                .collect::<rusqlite::Result<_>>()?;
            if pool.len() < n as usize {
                return Err(StoreError::Refused(Problem::fill(T::OnlyKeySelectedMembersLive, &[&pool.len(), &n])));
            }
            let (picked, receipt) = draw::plain_pick(
                visit_id,
                format!("visit-{visit_id}"),
                draw::KIND_VISIT_MEMBERS,
                &at,
                pool,
                n,
                nonce,
                earlier,
            )?;
            let text = receipt.render();
            let sha = text.lines().last().and_then(|l| l.strip_prefix("receipt_sha256: ")).unwrap_or("").to_string();
            let members = picked.iter().map(|m| m.to_string()).collect::<Vec<_>>().join(",");
            tx.execute(
                "INSERT INTO visit_picks (visit_id, members, receipt, receipt_sha256, at) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![visit_id, members, text, sha, at],
            )?;
            let mut e = event(actor, &at, visit_id, "visit_members_picked");
            e.payload = payload_json(&[("members", members), ("receipt_sha256", sha)]);
            append(tx, e)?;
            Ok((picked, text))
        })
    }

    pub fn member_report(
        &mut self,
        actor: &Actor,
        visit_id: i64,
        member_id: i64,
        report: &str,
        now: NaiveDateTime,
    ) -> Result<()> {
        may(actor, Act::KeepVisits)?;
        let report =
            clean_input(report, 2000, true, true).map_err(|p| p.in_field(T::ReportField))?;
        let at = fmt_time(now);
        self.write(|tx| {
            let v = load_visit(tx, visit_id)?;
            decide_visit(&v.facts(now.date()), &VisitMove::MemberReport)?;
            tx.execute(
                "INSERT INTO visit_reports (visit_id, member_id, report) VALUES (?1, ?2, ?3)
                 ON CONFLICT(visit_id, member_id) DO UPDATE SET report = excluded.report",
                params![visit_id, member_id, report],
            )?;
            let mut e = event(actor, &at, visit_id, "member_report");
            e.payload = payload_json(&[("member", member_id.to_string())]);
            append(tx, e)?;
            Ok(())
        })
    }

    /// Compliance per leader and kind between two dates, with the exceptions (visits not held
    /// or without a leader). A substitute's visit counts for the leader it was planned for.
    pub fn compliance(&self, from: NaiveDate, to: NaiveDate) -> Result<ComplianceReport> {
        let mut out: BTreeMap<(i64, VisitKind), Compliance> = BTreeMap::new();
        let mut exceptions = vec![];
        for v in self.visits_between(from, to)? {
            let s = v.staffing();
            out.entry((v.leader_id, v.kind)).or_default().add(s);
            if matches!(s, Staffing::NotHeld | Staffing::Unstaffed) {
                exceptions.push(v);
            }
        }
        // 说明或检讨: recorded against the year-end review's exception of the visit.
        let mut explanations = BTreeMap::new();
        for v in &exceptions {
            let e: Option<(String, String, String)> = self
                .conn()
                .prepare_cached(
                    "SELECT text, recorded_by, recorded_at FROM review_explanations
                     WHERE year = ?1 AND subject_kind = 'leader' AND subject_id = ?2 AND exception = ?3",
                )?
                .query_row(params![v.date.year(), v.leader_id, format!("visit:{}", v.id)], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?))
                })
                .optional()?;
            if let Some(e) = e {
                explanations.insert(v.id, e);
            }
        }
        Ok(ComplianceReport {
            rows: out,
            exceptions,
            explanations,
        })
    }

    /// 一人一档: a leader's visits (as planned leader or substitute), residents received, and the
    /// petitions the leader owns with where each one is now.
    /// `rows`: list only the newest so many petitions (the desk; counts cover all of them),
    /// `None` every one (the export).
    pub fn leader_ledger(
        &self,
        leader_id: i64,
        from: NaiveDate,
        to: NaiveDate,
        rows: Option<usize>,
    ) -> Result<Ledger> {
        let c = self.conn();
        let visits: Vec<VisitRow> = c
            .prepare_cached(&format!(
                "SELECT {VISIT_COLS} FROM visits WHERE (leader_id = ?1 OR substitute_id = ?1) AND date >= ?2 AND date <= ?3 ORDER BY date"
            ))?
            .query_map(params![leader_id, fmt_date(from), fmt_date(to)], visit_row)?
            .collect::<rusqlite::Result<_>>()?;
        let mut compliance: BTreeMap<&'static str, Compliance> = BTreeMap::new();
        for v in visits.iter().filter(|v| v.leader_id == leader_id) {
            compliance
                .entry(v.kind.code())
                .or_default()
                .add(v.staffing());
        }
        let received: i64 = c
            .prepare_cached(
                "SELECT count(*) FROM visit_register r JOIN visits v ON v.id = r.visit_id
                 WHERE (v.leader_id = ?1 OR v.substitute_id = ?1) AND v.date >= ?2 AND v.date <= ?3",
            )?
            .query_row(params![leader_id, fmt_date(from), fmt_date(to)], |r| r.get(0))?;
        let end = fmt_date(to + chrono::Duration::days(1));
        let range = params![leader_id, fmt_date(from), end];
        // Both counts from the leader's index (the open ones from its partial index): the
        // entries of the period, never the rows.
        let petitions_total: i64 = c
            .prepare_cached(
                "SELECT count(*) FROM tickets INDEXED BY tickets_first_leader
                 WHERE first_leader_id = ?1 AND received_at >= ?2 AND received_at < ?3",
            )?
            .query_row(range, |r| r.get(0))?;
        let petitions_open: i64 = c
            .prepare_cached(
                "SELECT count(*) FROM tickets INDEXED BY tickets_first_leader_open
                 WHERE first_leader_id = ?1 AND open = 1 AND received_at >= ?2 AND received_at < ?3",
            )?
            .query_row(range, |r| r.get(0))?;
        let limit = rows.map(|n| n as i64).unwrap_or(-1);
        let mut petitions: Vec<LedgerPetition> = c
            .prepare_cached(
                "SELECT id, year, seq, received_at, summary, state, due, satisfaction, visit_id FROM tickets
                 WHERE first_leader_id = ?1 AND received_at >= ?2 AND received_at < ?3
                 ORDER BY received_at DESC, id DESC LIMIT ?4",
            )?
            .query_map(params![leader_id, fmt_date(from), end, limit], |r| {
                Ok(LedgerPetition {
                    id: r.get(0)?,
                    number: crate::domain::ticket_number(r.get(1)?, r.get(2)?),
                    received_at: r.get(3)?,
                    summary: r.get(4)?,
                    state: r.get(5)?,
                    due: r.get::<_, Option<String>>(6)?.filter(|d| d != super::NO_DUE),
                    satisfaction: r.get(7)?,
                    visit_id: r.get(8)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        petitions.reverse();
        Ok(Ledger {
            visits,
            compliance,
            received,
            petitions,
            petitions_total,
            petitions_open,
        })
    }

    /// The planned date of a visit on `nominal` for a place (for tests and the CLI).
    pub fn visit_on(
        &self,
        kind: VisitKind,
        place_id: i64,
        nominal: NaiveDate,
    ) -> Result<Option<VisitRow>> {
        Ok(self
            .conn()
            .prepare_cached(&format!(
                "SELECT {VISIT_COLS} FROM visits WHERE kind = ?1 AND place_id = ?2 AND nominal_date = ?3 ORDER BY id LIMIT 1"
            ))?
            .query_row(params![kind.code(), place_id, fmt_date(nominal)], visit_row)
            .optional()?)
    }
}
