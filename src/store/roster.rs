//! The roster of deliberation representatives: records, status history, training, service
//! history derived from the draws, mediations and hearings.

use crate::text::T;
use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::types::Value;
use rusqlite::{OptionalExtension, Row, Transaction, params, params_from_iter};

use super::audit::{NewEvent, append};
use super::imports::{ImportKind, ImportReport};
use super::{Result, Stale, Store, StoreError, fmt_date, fmt_time, parse_date};
use crate::domain::Lang;
use crate::domain::Problem;
use crate::domain::audit::payload_json;
use crate::domain::pinyin::name_initials;
use crate::domain::roles::{Act, Actor, may};
use crate::domain::roster::{
    ChosenBy, RepCategory, RepImport, RepInput, RepStatus, Sex, validate_status_change,
};

pub use crate::records::roster::{Rep, RepDetail, RosterQuery, Service};

const REP_COLS: &str = "id, name, sex, place_id, category, chosen_by, occupation, expertise, mobile, term_start, term_end, status, version, updated_at, updated_by, resident_id";

fn rep_row(r: &Row) -> rusqlite::Result<Rep> {
    let date = |i: usize| -> rusqlite::Result<NaiveDate> {
        Ok(parse_date(&r.get::<_, String>(i)?).unwrap_or_default())
    };
    Ok(Rep {
        id: r.get(0)?,
        name: r.get(1)?,
        sex: crate::store::code(r, 2, "representatives", Sex::from_code)?,
        place_id: r.get(3)?,
        category: RepCategory::from_code(&r.get::<_, String>(4)?)
            .unwrap_or(RepCategory::ResidentRep),
        chosen_by: crate::store::code(r, 5, "representatives", ChosenBy::from_code)?,
        occupation: r.get(6)?,
        expertise: r.get(7)?,
        mobile: r.get(8)?,
        term_start: date(9)?,
        term_end: date(10)?,
        status: crate::store::code(r, 11, "representatives", RepStatus::from_code)?,
        resident_id: r.get(15)?,
        version: r.get(12)?,
        updated_at: r.get(13)?,
        updated_by: r.get(14)?,
    })
}

fn place_id(tx: &rusqlite::Connection, name: &str) -> Result<i64> {
    tx.query_row("SELECT id FROM places WHERE name = ?1", [name], |r| {
        r.get(0)
    })
    .optional()?
    .ok_or_else(|| StoreError::Refused(Problem::fill(T::NoCommunityOrVillageAddIt, &[&name])))
}

/// Refuses a representative who is on the roster already as another entry (`except`): the
/// same resident ID, or the same name and mobile. One person is one representative.
fn refuse_same_person(c: &rusqlite::Connection, r: &RepInput, except: Option<i64>) -> Result<()> {
    let found: Option<i64> = c
        .prepare_cached(
            "SELECT id FROM representatives
             WHERE ((?1 IS NOT NULL AND resident_id = ?1) OR (name = ?2 AND mobile = ?3))
               AND id IS NOT ?4
             ORDER BY id LIMIT 1",
        )?
        .query_row(params![r.resident_id, r.name, r.mobile, except], |row| {
            row.get(0)
        })
        .optional()?;
    match found {
        Some(id) => Err(StoreError::Refused(Problem::fill(
            T::SamePersonOnRoster,
            &[&crate::domain::text::for_terminal(&r.name), &id],
        ))),
        None => Ok(()),
    }
}

fn insert_rep(tx: &Transaction, actor: &Actor, r: &RepInput, at: &str) -> Result<i64> {
    let place = place_id(tx, &r.place)?;
    refuse_same_person(tx, r, None)?;
    tx.prepare_cached(
        "INSERT INTO representatives (name, name_initials, sex, place_id, category, chosen_by, occupation, expertise, mobile,
            term_start, term_end, status, updated_at, updated_by, resident_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, 'active', ?12, ?13, ?14)",
    )?
    .execute(params![
        r.name,
        name_initials(&r.name),
        r.sex.code(),
        place,
        r.category.code(),
        r.chosen_by.code(),
        r.occupation,
        r.expertise,
        r.mobile,
        fmt_date(r.term_start),
        fmt_date(r.term_end),
        at,
        actor.name,
        r.resident_id
    ])?;
    let id = super::inserted_id(tx);
    super::names::set_keys(tx, super::names::Kind::Rep, id, &r.name)?;
    let mut e = NewEvent::by(actor, at, format!("rep:{id}"), "rep_add");
    e.note = r.name.clone();
    e.payload = payload_json(&[
        ("category", r.category.code().into()),
        ("place", r.place.clone()),
    ]);
    append(tx, e)?;
    Ok(id)
}

/// Writes a representative's fields (at `version`, when given) and audits it.
fn update_rep(
    tx: &Transaction,
    actor: &Actor,
    id: i64,
    version: Option<i64>,
    r: &RepInput,
    at: &str,
) -> Result<()> {
    let place = place_id(tx, &r.place)?;
    refuse_same_person(tx, r, Some(id))?;
    let n = tx.execute(
        "UPDATE representatives SET name = ?3, name_initials = ?4, sex = ?5, place_id = ?6, category = ?7, chosen_by = ?8,
            occupation = ?9, expertise = ?10, mobile = ?11, term_start = ?12, term_end = ?13, resident_id = ?16,
            version = version + 1, updated_at = ?14, updated_by = ?15
         WHERE id = ?1 AND (?2 IS NULL OR version = ?2)",
        params![
            id,
            version,
            r.name,
            name_initials(&r.name),
            r.sex.code(),
            place,
            r.category.code(),
            r.chosen_by.code(),
            r.occupation,
            r.expertise,
            r.mobile,
            fmt_date(r.term_start),
            fmt_date(r.term_end),
            at,
            actor.name,
            r.resident_id,
        ],
    )?;
    if n == 0 {
        let (by, when): (String, String) = tx.query_row(
            "SELECT updated_by, updated_at FROM representatives WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        return Err(StoreError::Stale(Stale {
            number: r.name.clone(),
            by,
            at: when,
        }));
    }
    super::names::set_keys(tx, super::names::Kind::Rep, id, &r.name)?;
    let mut e = NewEvent::by(actor, at, format!("rep:{id}"), "rep_edit");
    e.note = r.name.clone();
    append(tx, e)?;
    Ok(())
}

/// Changes a representative's status and keeps the change (date, reason) in its history.
fn set_status(
    tx: &Transaction,
    actor: &Actor,
    id: i64,
    to: RepStatus,
    date: NaiveDate,
    reason: &str,
    at: &str,
) -> Result<()> {
    let from = tx.query_row(
        "SELECT id, status FROM representatives WHERE id = ?1",
        [id],
        |r| crate::store::code(r, 1, "representatives", RepStatus::from_code),
    )?;
    let reason = validate_status_change(from, to, reason)?;
    tx.execute(
        "UPDATE representatives SET status = ?2, version = version + 1, updated_at = ?3, updated_by = ?4 WHERE id = ?1",
        params![id, to.code(), at, actor.name],
    )?;
    tx.execute(
        "INSERT INTO rep_status_changes (rep_id, date, from_status, to_status, reason, at, actor) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![id, fmt_date(date), from.code(), to.code(), reason, at, actor.name],
    )?;
    let mut e = NewEvent::by(actor, at, format!("rep:{id}"), "rep_status");
    e.from_state = from.code().into();
    e.to_state = to.code().into();
    e.note = reason;
    e.payload = payload_json(&[("date", fmt_date(date))]);
    append(tx, e)?;
    Ok(())
}

/// A row of a roster file that names a 编号: the representative must be there, and the training
/// hours it states (an export's) must be what the records add up to.
fn check_update(c: &rusqlite::Connection, id: i64, row: &RepImport) -> Result<()> {
    let exists: Option<i64> = c
        .query_row("SELECT id FROM representatives WHERE id = ?1", [id], |r| {
            r.get(0)
        })
        .optional()?;
    if exists.is_none() {
        return Err(StoreError::Refused(Problem::fill(
            T::NoSuchRepNumber,
            &[&id],
        )));
    }
    if let Some(stated) = row.training_hours {
        let recorded: f64 = c.query_row(
            "SELECT IFNULL(SUM(hours), 0) FROM rep_trainings WHERE rep_id = ?1",
            [id],
            |r| r.get(0),
        )?;
        if (stated - recorded).abs() > 0.001 {
            return Err(StoreError::Refused(Problem::fill(
                T::TrainingHoursAreRecorded,
                &[&stated, &recorded],
            )));
        }
    }
    Ok(())
}

/// Imports one row: a new representative, or an update of the one its 编号 names (its fields
/// when they differ, and its status, kept as a status change, when that differs).
fn import_row(tx: &Transaction, actor: &Actor, row: &RepImport, at: &str) -> Result<()> {
    let today = super::parse_time(at).map(|t| t.date()).unwrap_or_default();
    let Some(id) = row.number else {
        insert_rep(tx, actor, &row.rep, at)?;
        if let Some(status) = row.status.filter(|s| *s != RepStatus::Active) {
            let id = super::inserted_id(tx);
            set_status(
                tx,
                actor,
                id,
                status,
                today,
                &T::ChangedByRosterImport.text(Lang::Zh),
                at,
            )?;
        }
        return Ok(());
    };
    check_update(tx, id, row)?;
    let now: Rep = tx.query_row(
        &format!("SELECT {REP_COLS} FROM representatives WHERE id = ?1"),
        [id],
        rep_row,
    )?;
    let place: Option<i64> = Some(place_id(tx, &row.rep.place)?);
    let r = &row.rep;
    let same = now.name == r.name
        && now.sex == r.sex
        && now.place_id == place
        && now.category == r.category
        && now.chosen_by == r.chosen_by
        && now.occupation == r.occupation
        && now.expertise == r.expertise
        && now.mobile == r.mobile
        && now.term_start == r.term_start
        && now.term_end == r.term_end
        && now.resident_id == r.resident_id;
    if !same {
        update_rep(tx, actor, id, None, r, at)?;
    }
    if let Some(status) = row.status.filter(|s| *s != now.status) {
        set_status(
            tx,
            actor,
            id,
            status,
            today,
            &T::ChangedByRosterImport.text(Lang::Zh),
            at,
        )?;
    }
    Ok(())
}

fn roster_where(q: &RosterQuery) -> (Vec<String>, Vec<Value>) {
    let mut w = vec![];
    let mut a = vec![];
    if let Some(s) = q.status {
        w.push("status = ?".to_string());
        a.push(Value::Text(s.code().into()));
    }
    if let Some(c) = q.category {
        w.push("category = ?".to_string());
        a.push(Value::Text(c.code().into()));
    }
    if let Some(p) = q.place {
        w.push("place_id = ?".to_string());
        a.push(Value::Integer(p));
    }
    if let Some(from) = q.expiring_from {
        w.push("term_end >= ? AND term_end <= ?".to_string());
        a.push(Value::Text(fmt_date(from)));
        a.push(Value::Text(fmt_date(
            from + chrono::Duration::days(crate::domain::roster::EXPIRING_DAYS),
        )));
    }
    let s = q.search.trim().to_lowercase();
    if !s.is_empty() {
        if s.bytes().all(|b| b.is_ascii_lowercase()) {
            // Initials, by any plausible reading: a prefix range on the keys.
            let (lower, upper) = super::names::prefix_bounds(&s);
            w.push(super::names::matches_anon(super::names::Kind::Rep));
            a.push(Value::Text(lower));
            a.push(Value::Text(upper));
        } else {
            w.push("instr(name, ?) > 0".to_string());
            a.push(Value::Text(q.search.trim().to_string()));
        }
    }
    (w, a)
}

impl Store {
    pub fn add_rep(&mut self, actor: &Actor, r: &RepInput, now: NaiveDateTime) -> Result<i64> {
        may(actor, Act::KeepRoster)?;
        let at = fmt_time(now);
        self.write(|tx| insert_rep(tx, actor, r, &at))
    }

    /// Imports representatives. Every row is checked before anything is written (a refused
    /// row means none is imported); rows then go in by batches, so that other desks keep
    /// saving, and an import cut short resumes when the same rows are imported again.
    pub fn import_reps(
        &mut self,
        actor: &Actor,
        rows: &[RepImport],
        now: NaiveDateTime,
    ) -> Result<ImportReport> {
        may(actor, Act::KeepRoster)?;
        let kind = ImportKind {
            code: "reps",
            row_error: |i, r: &RepImport, e| match e {
                StoreError::Refused(p) => {
                    StoreError::Refused(p.at(T::RowPlace, if r.row > 0 { r.row } else { i + 2 }))
                }
                other => other,
            },
            check: &|c, r: &RepImport| {
                place_id(c, &r.rep.place)?;
                match r.number {
                    Some(id) => {
                        check_update(c, id, r)?;
                        refuse_same_person(c, &r.rep, Some(id))?;
                    }
                    None => refuse_same_person(c, &r.rep, None)?,
                }
                Ok(())
            },
            insert: &|tx, r, at| import_row(tx, actor, r, at),
            repeatable: true,
        };
        self.run_import(actor, &kind, rows, now)
    }

    pub fn edit_rep(
        &mut self,
        actor: &Actor,
        id: i64,
        version: i64,
        r: &RepInput,
        now: NaiveDateTime,
    ) -> Result<()> {
        may(actor, Act::KeepRoster)?;
        let at = fmt_time(now);
        self.write(|tx| update_rep(tx, actor, id, Some(version), r, &at))
    }

    /// Changes a representative's status, keeping the change with its date and reason.
    pub fn change_rep_status(
        &mut self,
        actor: &Actor,
        id: i64,
        to: RepStatus,
        date: NaiveDate,
        reason: &str,
        now: NaiveDateTime,
    ) -> Result<()> {
        may(actor, Act::KeepRoster)?;
        let at = fmt_time(now);
        self.write(|tx| set_status(tx, actor, id, to, date, reason, &at))
    }

    pub fn add_training(
        &mut self,
        actor: &Actor,
        id: i64,
        date: NaiveDate,
        topic: &str,
        hours: f64,
        now: NaiveDateTime,
    ) -> Result<()> {
        may(actor, Act::KeepRoster)?;
        let at = fmt_time(now);
        self.write(|tx| {
            tx.execute(
                "INSERT INTO rep_trainings (rep_id, date, topic, hours) VALUES (?1, ?2, ?3, ?4)",
                params![id, fmt_date(date), topic, hours],
            )?;
            let mut e = NewEvent::by(actor, &at, format!("rep:{id}"), "rep_training");
            e.note = topic.to_string();
            e.payload = payload_json(&[("date", fmt_date(date)), ("hours", hours.to_string())]);
            append(tx, e)?;
            Ok(())
        })
    }

    pub fn rep(&self, id: i64) -> Result<Rep> {
        self.conn()
            .prepare_cached(&format!(
                "SELECT {REP_COLS} FROM representatives WHERE id = ?1"
            ))?
            .query_row([id], rep_row)
            .optional()?
            .ok_or_else(|| StoreError::NotFound(Problem::of(T::NoSuchRepresentative)))
    }

    /// Service history as of `today`.
    pub fn service(&self, id: i64, today: NaiveDate) -> Result<Service> {
        let c = self.conn();
        let year_ago = fmt_date(crate::domain::draw::rest_window_start(today));
        Ok(Service {
            mediations: c.prepare_cached("SELECT count(*) FROM mediation_members WHERE rep_id = ?1")?.query_row([id], |r| r.get(0))?,
            mediations_manual: c.prepare_cached("SELECT count(*) FROM mediation_members WHERE rep_id = ?1 AND manual = 1")?.query_row([id], |r| r.get(0))?,
            hearings: c
                .prepare_cached("SELECT count(*) FROM hearing_attendance a JOIN hearings h ON h.id = a.hearing_id WHERE a.rep_id = ?1 AND a.present = 1 AND h.state != 'planned'")?
                .query_row([id], |r| r.get(0))?,
            struck: c.prepare_cached("SELECT count(*) FROM draw_strikes WHERE rep_id = ?1")?.query_row([id], |r| r.get(0))?,
            absences: c.prepare_cached("SELECT count(*) FROM hearing_attendance WHERE rep_id = ?1 AND present = 0")?.query_row([id], |r| r.get(0))?,
            hearings_12m: c
                .prepare_cached("SELECT count(*) FROM hearing_attendance a JOIN hearings h ON h.id = a.hearing_id WHERE a.rep_id = ?1 AND a.present = 1 AND h.state != 'planned' AND h.date >= ?2")?
                .query_row(params![id, year_ago], |r| r.get(0))?,
        })
    }

    pub fn rep_detail(&self, id: i64, today: NaiveDate) -> Result<RepDetail> {
        let rep = self.rep(id)?;
        let c = self.conn();
        let status_changes = c
            .prepare_cached("SELECT date, from_status, to_status, reason, actor FROM rep_status_changes WHERE rep_id = ?1 ORDER BY id")?
            .query_map([id], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    crate::store::code(r, 1, "rep_status_changes", RepStatus::from_code)?,
                    crate::store::code(r, 2, "rep_status_changes", RepStatus::from_code)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, String>(4)?,
                ))
            })?
            .collect::<rusqlite::Result<_>>()?;
        let trainings = c
            .prepare_cached(
                "SELECT date, topic, hours FROM rep_trainings WHERE rep_id = ?1 ORDER BY date, id",
            )?
            .query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(RepDetail {
            rep,
            status_changes,
            trainings,
            service: self.service(id, today)?,
        })
    }

    /// A page of the roster in id order after `after` (keyset), at most `limit` rows.
    pub fn roster_page(
        &self,
        q: &RosterQuery,
        after: Option<i64>,
        before: Option<i64>,
        limit: usize,
    ) -> Result<(Vec<Rep>, bool)> {
        let (mut w, mut a) = roster_where(q);
        let desc = before.is_some();
        if let Some(x) = after {
            w.push("id > ?".into());
            a.push(Value::Integer(x));
        }
        if let Some(x) = before {
            w.push("id < ?".into());
            a.push(Value::Integer(x));
        }
        let where_sql = if w.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", w.join(" AND "))
        };
        let sql = format!(
            "SELECT {REP_COLS} FROM representatives {where_sql} ORDER BY id {} LIMIT {}",
            if desc { "DESC" } else { "ASC" },
            limit + 1
        );
        let mut rows: Vec<Rep> = self
            .conn()
            .prepare_cached(&sql)?
            .query_map(params_from_iter(a), rep_row)?
            .collect::<rusqlite::Result<_>>()?;
        let more = rows.len() > limit;
        rows.truncate(limit);
        if desc {
            rows.reverse();
        }
        Ok((rows, more))
    }

    pub fn roster_count(&self, q: &RosterQuery) -> Result<i64> {
        let (w, a) = roster_where(q);
        let where_sql = if w.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", w.join(" AND "))
        };
        Ok(self
            .conn()
            .prepare_cached(&format!("SELECT count(*) FROM representatives {where_sql}"))?
            .query_row(params_from_iter(a), |r| r.get(0))?)
    }

    /// Streams every representative in id order (for the export).
    pub fn for_each_rep(&self, mut f: impl FnMut(&Rep) -> Result<()>) -> Result<usize> {
        let mut stmt = self.conn().prepare(&format!(
            "SELECT {REP_COLS} FROM representatives ORDER BY id"
        ))?;
        let mut rows = stmt.query([])?;
        let mut n = 0;
        while let Some(r) = rows.next()? {
            f(&rep_row(r)?)?;
            n += 1;
        }
        Ok(n)
    }
}
