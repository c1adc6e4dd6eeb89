//! Reference data: centers, places, departments, leaders, categories, the time-limit catalogue.
//! Rows are deactivated, never deleted, so every ticket keeps what it refers to.

use crate::domain::Arg;
use crate::text::T;
use std::collections::HashMap;

use chrono::NaiveDateTime;
use rusqlite::{OptionalExtension, Transaction, params};

use super::audit::{NewEvent, append};
use super::staff::hash_pin;
use super::{Result, Store, StoreError, fmt_time};
use crate::domain::Problem;
use crate::domain::audit::payload_json;
use crate::domain::limits::{Limit, LimitRule};
use crate::domain::org::OrgPlan;
use crate::domain::roles::{Act, Actor, may};
use crate::domain::vocab::{CenterLevel, DayKind, LeaderKind, LimitPhase, PlaceKind, Urgency};

pub use crate::records::org::{
    Category, Center, Department, Leader, LimitRow, Place, RefEdit, RefTable, Refs,
};

impl RefTable {
    fn sql_name(self) -> &'static str {
        match self {
            RefTable::Centers => "centers",
            RefTable::Places => "places",
            RefTable::Departments => "departments",
            RefTable::Leaders => "leaders",
            RefTable::Categories => "categories",
            RefTable::Limits => "time_limits",
        }
    }
}

fn unique_violation(e: &rusqlite::Error) -> bool {
    matches!(e, rusqlite::Error::SqliteFailure(f, _) if f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE)
}

fn duplicate(name: &str) -> StoreError {
    StoreError::Refused(Problem::fill(T::AlreadyExists, &[&name]))
}

pub(crate) fn load_refs(conn: &rusqlite::Connection) -> Result<Refs> {
    let mut r = Refs::default();
    let mut s =
        conn.prepare_cached("SELECT id, name, level, place_id, active FROM centers ORDER BY id")?;
    r.centers = s
        .query_map([], |x| {
            Ok(Center {
                id: x.get(0)?,
                name: x.get(1)?,
                level: CenterLevel::from_code(&x.get::<_, String>(2)?)
                    .unwrap_or(CenterLevel::District),
                place_id: x.get(3)?,
                active: x.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut s =
        conn.prepare_cached("SELECT id, name, kind, parent_id, active FROM places ORDER BY id")?;
    r.places = s
        .query_map([], |x| {
            Ok(Place {
                id: x.get(0)?,
                name: x.get(1)?,
                kind: crate::store::code(x, 2, "places", PlaceKind::from_code)?,
                parent_id: x.get(3)?,
                active: x.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut s =
        conn.prepare_cached("SELECT id, name, supervision, active FROM departments ORDER BY id")?;
    r.departments = s
        .query_map([], |x| {
            Ok(Department {
                id: x.get(0)?,
                name: x.get(1)?,
                supervision: x.get(2)?,
                active: x.get(3)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut s = conn.prepare_cached(
        "SELECT id, name, position, portfolio, kind, active, liaison,
                (SELECT group_concat(category_id) FROM leader_categories c WHERE c.leader_id = leaders.id)
         FROM leaders ORDER BY id",
    )?;
    r.leaders = s
        .query_map([], |x| {
            Ok(Leader {
                id: x.get(0)?,
                name: x.get(1)?,
                position: x.get(2)?,
                portfolio: x.get(3)?,
                kind: LeaderKind::from_code(&x.get::<_, String>(4)?)
                    .unwrap_or(LeaderKind::PartyGov),
                active: x.get(5)?,
                liaison: x.get(6)?,
                categories: x
                    .get::<_, Option<String>>(7)?
                    .unwrap_or_default()
                    .split(',')
                    .filter_map(|c| c.parse().ok())
                    .collect(),
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut s = conn.prepare_cached("SELECT id, name, active FROM categories ORDER BY id")?;
    r.categories = s
        .query_map([], |x| {
            Ok(Category {
                id: x.get(0)?,
                name: x.get(1)?,
                active: x.get(2)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut s = conn.prepare_cached(
        "SELECT id, phase, category_id, urgency, days, day_kind FROM time_limits ORDER BY phase, category_id IS NOT NULL, category_id, urgency",
    )?;
    r.limits = s
        .query_map([], |x| {
            let phase: String = x.get(1)?;
            let urgency: Option<String> = x.get(3)?;
            let kind: String = x.get(5)?;
            Ok(LimitRow {
                id: x.get(0)?,
                rule: LimitRule {
                    phase: LimitPhase::from_code(&phase)
                        .ok_or_else(|| crate::store::unknown_code(x, 1, "time_limits", &phase))?,
                    category_id: x.get(2)?,
                    urgency: match urgency.as_deref() {
                        None => None,
                        Some(u) => {
                            Some(Urgency::from_code(u).ok_or_else(|| {
                                crate::store::unknown_code(x, 3, "time_limits", u)
                            })?)
                        }
                    },
                    limit: Limit {
                        days: x.get(4)?,
                        kind: DayKind::from_code(&kind).ok_or_else(|| {
                            crate::store::unknown_code(x, 5, "time_limits", &kind)
                        })?,
                    },
                },
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    r.staff = super::staff::load_briefs(conn)?;
    r.index();
    Ok(r)
}

fn id_by_name(tx: &Transaction, table: &str, name: &str) -> Result<Option<i64>> {
    Ok(tx
        .query_row(
            &format!("SELECT id FROM {table} WHERE name = ?1"),
            [name],
            |r| r.get(0),
        )
        .optional()?)
}

fn need_id(tx: &Transaction, table: &str, name: &str, what: T) -> Result<i64> {
    id_by_name(tx, table, name)?.ok_or_else(|| {
        StoreError::Refused(Problem::with(
            T::NoNamedAddItFirst,
            vec![Arg::Text(what), Arg::plain(name)],
        ))
    })
}

/// Writes one reference row; returns its id and what the audit event should say.
fn save_in(tx: &Transaction, edit: &RefEdit) -> Result<(i64, &'static str, String)> {
    let res = match edit {
        RefEdit::Center {
            id,
            name,
            level,
            place_id,
        } => match id {
            None => tx
                .execute(
                    "INSERT INTO centers (name, level, place_id) VALUES (?1, ?2, ?3)",
                    params![name, level.code(), place_id],
                )
                .map(|_| (super::inserted_id(tx), "centers", name.clone())),
            Some(id) => tx
                .execute(
                    "UPDATE centers SET name = ?2, level = ?3, place_id = ?4 WHERE id = ?1",
                    params![id, name, level.code(), place_id],
                )
                .map(|_| (*id, "centers", name.clone())),
        },
        RefEdit::Place {
            id,
            name,
            kind,
            parent_id,
        } => {
            if *kind == PlaceKind::Village && parent_id.is_none() {
                return Err(StoreError::Refused(Problem::of(T::VillageNeedsItsTownship)));
            }
            match id {
                None => tx
                    .execute(
                        "INSERT INTO places (name, kind, parent_id) VALUES (?1, ?2, ?3)",
                        params![name, kind.code(), parent_id],
                    )
                    .map(|_| (super::inserted_id(tx), "places", name.clone())),
                Some(id) => tx
                    .execute(
                        "UPDATE places SET name = ?2, kind = ?3, parent_id = ?4 WHERE id = ?1",
                        params![id, name, kind.code(), parent_id],
                    )
                    .map(|_| (*id, "places", name.clone())),
            }
        }
        RefEdit::Department {
            id,
            name,
            supervision,
        } => match id {
            None => tx
                .execute(
                    "INSERT INTO departments (name, supervision) VALUES (?1, ?2)",
                    params![name, supervision],
                )
                .map(|_| (super::inserted_id(tx), "departments", name.clone())),
            Some(id) => tx
                .execute(
                    "UPDATE departments SET name = ?2, supervision = ?3 WHERE id = ?1",
                    params![id, name, supervision],
                )
                .map(|_| (*id, "departments", name.clone())),
        },
        RefEdit::Leader { id, input } => {
            let saved = match id {
                None => tx
                    .execute(
                        "INSERT INTO leaders (name, position, portfolio, kind, liaison) VALUES (?1, ?2, ?3, ?4, ?5)",
                        params![input.name, input.position, input.portfolio, input.kind.code(), input.liaison],
                    )
                    .map(|_| (super::inserted_id(tx), "leaders", input.name.clone())),
                Some(id) => tx
                    .execute(
                        "UPDATE leaders SET name = ?2, position = ?3, portfolio = ?4, kind = ?5, liaison = ?6 WHERE id = ?1",
                        params![id, input.name, input.position, input.portfolio, input.kind.code(), input.liaison],
                    )
                    .map(|_| (*id, "leaders", input.name.clone())),
            };
            if let Ok((leader, _, _)) = &saved {
                tx.execute(
                    "DELETE FROM leader_categories WHERE leader_id = ?1",
                    [leader],
                )?;
                for c in &input.categories {
                    let cat: Option<i64> = tx
                        .query_row("SELECT id FROM categories WHERE name = ?1", [c], |r| {
                            r.get(0)
                        })
                        .optional()?;
                    let Some(cat) = cat else {
                        return Err(StoreError::Refused(
                            Problem::fill(T::NoSuchPortfolioCategory, &[c])
                                .in_field(T::PortfolioCategoriesField),
                        ));
                    };
                    tx.execute(
                        "INSERT OR IGNORE INTO leader_categories (leader_id, category_id) VALUES (?1, ?2)",
                        params![leader, cat],
                    )?;
                }
            }
            saved
        }
        RefEdit::Category { id, name } => match id {
            None => tx
                .execute("INSERT INTO categories (name) VALUES (?1)", params![name])
                .map(|_| (super::inserted_id(tx), "categories", name.clone())),
            Some(id) => tx
                .execute(
                    "UPDATE categories SET name = ?2 WHERE id = ?1",
                    params![id, name],
                )
                .map(|_| (*id, "categories", name.clone())),
        },
        RefEdit::Limit {
            id,
            phase,
            category_id,
            urgency,
            days,
            kind,
        } => {
            let label = format!(
                "{}/{}/{}",
                phase.code(),
                category_id.map(|c| c.to_string()).unwrap_or("*".into()),
                urgency.map(|u| u.code()).unwrap_or("*")
            );
            match id {
                None => tx
                    .execute(
                        "INSERT INTO time_limits (phase, category_id, urgency, days, day_kind) VALUES (?1, ?2, ?3, ?4, ?5)
                         ON CONFLICT DO UPDATE SET days = excluded.days, day_kind = excluded.day_kind",
                        params![phase.code(), category_id, urgency.map(|u| u.code()), days, kind.code()],
                    )
                    .map(|_| (super::inserted_id(tx), "time_limits", label)),
                Some(id) => tx
                    .execute(
                        "UPDATE time_limits SET days = ?2, day_kind = ?3 WHERE id = ?1",
                        params![id, days, kind.code()],
                    )
                    .map(|_| (*id, "time_limits", label)),
            }
        }
    };
    res.map_err(|e| {
        if unique_violation(&e) {
            let name = match edit {
                RefEdit::Center { name, .. }
                | RefEdit::Place { name, .. }
                | RefEdit::Department { name, .. }
                | RefEdit::Category { name, .. } => name.clone(),
                RefEdit::Leader { input, .. } => input.name.clone(),
                RefEdit::Limit { .. } => "时限".into(),
            };
            duplicate(&name)
        } else {
            StoreError::from(e)
        }
    })
}

impl Store {
    pub fn refs(&self) -> Result<Refs> {
        load_refs(self.conn())
    }

    /// True until the first center exists: the desk then shows the setup screen.
    pub fn is_empty(&self) -> Result<bool> {
        Ok(self
            .conn()
            .query_row("SELECT count(*) FROM centers", [], |r| r.get::<_, i64>(0))?
            == 0)
    }

    /// Adds or changes one reference row, audited.
    pub fn save_ref(&mut self, actor: &Actor, edit: &RefEdit, now: NaiveDateTime) -> Result<i64> {
        may(actor, Act::ManageReferenceData)?;
        let at = fmt_time(now);
        self.write(|tx| {
            let (id, table, label) = save_in(tx, edit)?;
            let mut e = NewEvent::by(actor, &at, format!("org:{table}:{id}"), "ref_save");
            e.note = label;
            e.payload = payload_json(&[("edit", format!("{edit:?}"))]);
            append(tx, e)?;
            Ok(id)
        })
    }

    /// Deactivates or reactivates a row. Nothing a ticket refers to is ever deleted.
    pub fn set_ref_active(
        &mut self,
        actor: &Actor,
        table: RefTable,
        id: i64,
        active: bool,
        now: NaiveDateTime,
    ) -> Result<()> {
        may(actor, Act::ManageReferenceData)?;
        if table == RefTable::Limits {
            return Err(StoreError::Refused(Problem::of(
                T::LimitsAreEditedNotDeactivated,
            )));
        }
        let at = fmt_time(now);
        self.write(|tx| {
            let n = tx.execute(
                &format!("UPDATE {} SET active = ?2 WHERE id = ?1", table.sql_name()),
                params![id, active],
            )?;
            if n == 0 {
                return Err(StoreError::NotFound(Problem::of(T::NoSuchRow)));
            }
            let e = NewEvent::by(
                actor,
                &at,
                format!("org:{}:{id}", table.sql_name()),
                if active {
                    "ref_activate"
                } else {
                    "ref_deactivate"
                },
            );
            append(tx, e)?;
            Ok(())
        })
    }

    /// Deletes a catalogue refinement (never a default row; nothing refers to limits).
    pub fn delete_limit(&mut self, actor: &Actor, id: i64, now: NaiveDateTime) -> Result<()> {
        may(actor, Act::ManageReferenceData)?;
        let at = fmt_time(now);
        self.write(|tx| {
            let n = tx.execute(
                "DELETE FROM time_limits WHERE id = ?1 AND category_id IS NOT NULL",
                [id],
            )?;
            if n == 0 {
                return Err(StoreError::Refused(Problem::of(
                    T::DefaultLimitCannotBeDeleted,
                )));
            }
            append(
                tx,
                NewEvent::by(actor, &at, format!("org:time_limits:{id}"), "ref_delete"),
            )?;
            Ok(())
        })
    }

    /// Loads an org file: everything or nothing, matched by name (staff by number), audited.
    pub fn load_org(
        &mut self,
        actor: &Actor,
        plan: &OrgPlan,
        now: NaiveDateTime,
    ) -> Result<String> {
        may(actor, Act::ManageReferenceData)?;
        let at = fmt_time(now);
        // Hash the PINs before taking the write lock: argon2 is deliberately slow.
        let mut pins: HashMap<String, String> = HashMap::new();
        for s in &plan.staff {
            if let Some(pin) = &s.pin {
                pins.insert(s.staff_no.clone(), hash_pin(pin)?);
            }
        }
        self.write(|tx| {
            let mut added = 0;
            let mut updated = 0;
            let mut count = |existing: Option<i64>| {
                if existing.is_some() {
                    updated += 1
                } else {
                    added += 1
                }
            };
            // Townships before villages: a village's township may come later in the file.
            let mut places: Vec<_> = plan.places.iter().collect();
            places.sort_by_key(|(_, kind, _)| *kind == PlaceKind::Village);
            for (name, kind, parent) in places {
                let parent_id = match parent {
                    Some(p) => Some(need_id(tx, "places", p, T::TownshipField)?),
                    None => None,
                };
                let id = id_by_name(tx, "places", name)?;
                count(id);
                save_in(tx, &RefEdit::Place { id, name: name.clone(), kind: *kind, parent_id })?;
            }
            for (name, level, place) in &plan.centers {
                let place_id = match place {
                    Some(p) => Some(need_id(tx, "places", p, T::LocationField)?),
                    None => None,
                };
                let id = id_by_name(tx, "centers", name)?;
                count(id);
                save_in(tx, &RefEdit::Center { id, name: name.clone(), level: *level, place_id })?;
            }
            for (name, supervision) in &plan.departments {
                let id = id_by_name(tx, "departments", name)?;
                count(id);
                save_in(tx, &RefEdit::Department { id, name: name.clone(), supervision: *supervision })?;
            }
            for name in &plan.categories {
                let id = id_by_name(tx, "categories", name)?;
                count(id);
                save_in(tx, &RefEdit::Category { id, name: name.clone() })?;
            }
            for l in &plan.leaders {
                let id = id_by_name(tx, "leaders", &l.name)?;
                count(id);
                save_in(tx, &RefEdit::Leader { id, input: l.clone() })?;
            }
            for (phase, category, urgency, days, kind) in &plan.time_limits {
                let category_id = match category {
                    Some(c) => Some(need_id(tx, "categories", c, T::CategoryLower)?),
                    None => None,
                };
                let existing: Option<i64> = tx
                    .query_row(
                        "SELECT id FROM time_limits WHERE phase = ?1 AND IFNULL(category_id, 0) = IFNULL(?2, 0) AND IFNULL(urgency, '') = IFNULL(?3, '')",
                        params![phase.code(), category_id, urgency.map(|u| u.code())],
                        |r| r.get(0),
                    )
                    .optional()?;
                count(existing);
                save_in(tx, &RefEdit::Limit { id: None, phase: *phase, category_id, urgency: *urgency, days: *days, kind: *kind })?;
            }
            for s in &plan.staff {
                let center_id = need_id(tx, "centers", &s.center, T::CenterShortField)?;
                let department_id = match &s.department {
                    Some(d) => Some(need_id(tx, "departments", d, T::DepartmentField)?),
                    None => None,
                };
                let existing: Option<i64> = tx
                    .query_row("SELECT id FROM staff WHERE staff_no = ?1", [&s.staff_no], |r| r.get(0))
                    .optional()?;
                count(existing);
                match existing {
                    Some(id) => {
                        tx.execute(
                            "UPDATE staff SET name = ?2, role = ?3, center_id = ?4, department_id = ?5 WHERE id = ?1",
                            params![id, s.name, s.role.code(), center_id, department_id],
                        )?;
                    }
                    None => {
                        let Some(hash) = pins.get(&s.staff_no) else {
                            return Err(StoreError::Refused(Problem::fill(T::NewAccountNeedsInitialPin, &[&s.staff_no])));
                        };
                        tx.execute(
                            "INSERT INTO staff (staff_no, name, role, center_id, department_id, pin_hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                            params![s.staff_no, s.name, s.role.code(), center_id, department_id, hash],
                        )?;
                    }
                }
            }
            crate::domain::roles::check_keeps_an_administrator(super::staff::active_admins(tx)?)?;
            let summary = format!("新增 {added} 条，更新 {updated} 条");
            let mut e = NewEvent::by(actor, &at, "org", "org_load");
            e.note = summary.clone();
            e.payload = payload_json(&[("added", added.to_string()), ("updated", updated.to_string())]);
            append(tx, e)?;
            Ok(summary)
        })
    }
}
