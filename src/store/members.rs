//! Employed Party members: units, members, households, assignments, 民情日记 contacts, 微心愿,
//! quarterly coverage, and problems escalated to the petition desk.

use crate::text::T;
use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{OptionalExtension, Transaction, params};

use super::audit::{NewEvent, append};
use super::imports::{ImportKind, ImportReport};
use super::tickets::{TicketLinks, register_in};
use super::{Result, Store, StoreError, fmt_date, fmt_time, parse_date};
use crate::domain::Problem;
use crate::domain::audit::payload_json;
use crate::domain::flow::FlowCtx;
use crate::domain::intake::Intake;
use crate::domain::members::{
    self, AssignmentFacts, AssignmentProblems, CadrePool, ContactMethod, HouseholdInput,
    HouseholdKind, MemberInput, SelectedBy, WishState, decide_assignment, decide_wish,
    key_share_ok,
};
use crate::domain::pinyin::name_initials;
use crate::domain::roles::{Act, Actor, may};
use crate::domain::text::clean_input;
use crate::domain::vocab::Channel;
use crate::store::tickets::IntakeLink;

pub use crate::records::members::{ContactRow, Household, Member, NewContact, UnitShare, Wish};

pub use crate::domain::members::WishMove;

pub(super) const MEMBER_COLS: &str = "m.id, m.name, m.unit_id, u.name, m.position, m.place_id, m.profession, m.skills, m.pool, m.key_selected, m.selected_by, m.mobile,
    (SELECT count(*) FROM assignments a WHERE a.member_id = m.id AND a.until IS NULL), m.registered_on, m.selected_on, m.active";

pub(super) fn member_row(r: &rusqlite::Row) -> rusqlite::Result<Member> {
    Ok(Member {
        id: r.get(0)?,
        name: r.get(1)?,
        unit_id: r.get(2)?,
        unit: r.get(3)?,
        position: r.get(4)?,
        place_id: r.get(5)?,
        profession: r.get(6)?,
        skills: r.get(7)?,
        pool: crate::store::code(r, 8, "members", CadrePool::from_code)?,
        key_selected: r.get(9)?,
        selected_by: crate::store::opt_code(r, 10, "members", SelectedBy::from_code)?,
        mobile: r.get(11)?,
        households: r.get::<_, i64>(12)? as usize,
        registered_on: r.get(13)?,
        selected_on: r.get(14)?,
        active: r.get(15)?,
    })
}

const HOUSEHOLD_COLS: &str = "h.id, h.place_id, h.address, h.head, h.kind, h.needs, h.plan,
    (SELECT a.member_id FROM assignments a WHERE a.household_id = h.id AND a.until IS NULL LIMIT 1),
    (SELECT m.name FROM assignments a JOIN members m ON m.id = a.member_id WHERE a.household_id = h.id AND a.until IS NULL LIMIT 1)";

fn household_row(r: &rusqlite::Row) -> rusqlite::Result<Household> {
    Ok(Household {
        id: r.get(0)?,
        place_id: r.get(1)?,
        address: r.get(2)?,
        head: r.get(3)?,
        kind: crate::store::code(r, 4, "households", HouseholdKind::from_code)?,
        needs: r.get(5)?,
        plan: r.get(6)?,
        member_id: r.get(7)?,
        member_name: r.get(8)?,
    })
}

fn wish_row(r: &rusqlite::Row) -> rusqlite::Result<Wish> {
    Ok(Wish {
        id: r.get(0)?,
        household_id: r.get(1)?,
        wish: r.get(2)?,
        state: crate::store::code(r, 3, "wishes", WishState::from_code)?,
        member_id: r.get(4)?,
        fulfilled_on: r.get(5)?,
        note: r.get(6)?,
        head: r.get(7)?,
        member: r.get(8)?,
    })
}

const WISH_COLS: &str = "w.id, w.household_id, w.wish, w.state, w.member_id, w.fulfilled_on, w.note, h.head, m.name
    FROM wishes w JOIN households h ON h.id = w.household_id LEFT JOIN members m ON m.id = w.member_id";

fn place_id(tx: &rusqlite::Connection, name: &str) -> Result<i64> {
    tx.query_row("SELECT id FROM places WHERE name = ?1", [name], |r| {
        r.get(0)
    })
    .optional()?
    .ok_or_else(|| StoreError::Refused(Problem::fill(T::NoCommunityOrVillage, &[&name])))
}

fn unit_id(tx: &Transaction, name: &str) -> Result<i64> {
    if let Some(id) = tx
        .query_row("SELECT id FROM units WHERE name = ?1", [name], |r| r.get(0))
        .optional()?
    {
        return Ok(id);
    }
    tx.execute("INSERT INTO units (name) VALUES (?1)", [name])?;
    Ok(super::inserted_id(tx))
}

fn insert_member(tx: &Transaction, m: &MemberInput) -> Result<i64> {
    let unit = unit_id(tx, &m.unit)?;
    let place = place_id(tx, &m.place)?;
    tx.execute(
        "INSERT INTO members (name, name_initials, unit_id, position, place_id, profession, skills, pool, key_selected, selected_by, mobile)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        params![m.name, name_initials(&m.name), unit, m.position, place, m.profession, m.skills, m.pool.code(), m.key_selected, m.selected_by.map(|s| s.code()), m.mobile],
    )?;
    let id = super::inserted_id(tx);
    super::names::set_keys(tx, super::names::Kind::Member, id, &m.name)?;
    Ok(id)
}

fn insert_household(tx: &Transaction, h: &HouseholdInput) -> Result<i64> {
    let place = place_id(tx, &h.place)?;
    tx.execute(
        "INSERT INTO households (place_id, address, head, kind, needs, plan) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![place, h.address, h.head, h.kind.code(), h.needs, h.plan],
    )?;
    Ok(super::inserted_id(tx))
}

fn row_error(i: usize, e: StoreError) -> StoreError {
    match e {
        StoreError::Refused(p) => StoreError::Refused(p.at(T::RecordPlace, i + 1)),
        other => other,
    }
}

fn assign_in(
    tx: &Transaction,
    actor: &Actor,
    at: &str,
    member_id: i64,
    household_id: i64,
    since: NaiveDate,
) -> Result<()> {
    let (place, key): (Option<i64>, bool) = tx.query_row(
        "SELECT place_id, key_selected FROM members WHERE id = ?1",
        [member_id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let hplace: i64 = tx.query_row(
        "SELECT place_id FROM households WHERE id = ?1",
        [household_id],
        |r| r.get(0),
    )?;
    let already: i64 = tx.query_row(
        "SELECT count(*) FROM assignments WHERE member_id = ?1 AND until IS NULL",
        [member_id],
        |r| r.get(0),
    )?;
    let taken: Option<i64> = tx
        .query_row(
            "SELECT member_id FROM assignments WHERE household_id = ?1 AND until IS NULL",
            [household_id],
            |r| r.get(0),
        )
        .optional()?;
    decide_assignment(&AssignmentFacts {
        member_place: place,
        key_selected: key,
        already: already as usize,
        household_place: hplace,
        household_taken: taken.is_some(),
    })?;
    tx.execute(
        "INSERT INTO assignments (member_id, household_id, since) VALUES (?1, ?2, ?3)",
        params![member_id, household_id, fmt_date(since)],
    )?;
    let mut e = NewEvent::by(actor, at, format!("member:{member_id}"), "assign");
    e.payload = payload_json(&[("household", household_id.to_string())]);
    append(tx, e)?;
    Ok(())
}

impl Store {
    /// Imports members: every row is checked first (a refused row means none is imported),
    /// then they go in by batches, as `import_reps`. Units are created on first mention.
    pub fn import_members(
        &mut self,
        actor: &Actor,
        rows: &[MemberInput],
        now: NaiveDateTime,
    ) -> Result<ImportReport> {
        may(actor, Act::KeepMembers)?;
        let kind = ImportKind {
            code: "members",
            row_error: |i, _, e| row_error(i, e),
            check: &|c, m: &MemberInput| place_id(c, &m.place).map(|_| ()),
            insert: &|tx, m, _| insert_member(tx, m).map(|_| ()),
            repeatable: false,
        };
        self.run_import(actor, &kind, rows, now)
    }

    pub fn import_households(
        &mut self,
        actor: &Actor,
        rows: &[HouseholdInput],
        now: NaiveDateTime,
    ) -> Result<ImportReport> {
        may(actor, Act::KeepMembers)?;
        let kind = ImportKind {
            code: "households",
            row_error: |i, _, e| row_error(i, e),
            check: &|c, h: &HouseholdInput| place_id(c, &h.place).map(|_| ()),
            insert: &|tx, h, _| insert_household(tx, h).map(|_| ()),
            repeatable: false,
        };
        self.run_import(actor, &kind, rows, now)
    }

    pub fn add_member(
        &mut self,
        actor: &Actor,
        m: &MemberInput,
        now: NaiveDateTime,
    ) -> Result<i64> {
        may(actor, Act::KeepMembers)?;
        let at = fmt_time(now);
        self.write(|tx| {
            let id = insert_member(tx, m)?;
            let mut e = NewEvent::by(actor, &at, format!("member:{id}"), "member_add");
            e.note = m.name.clone();
            append(tx, e)?;
            Ok(id)
        })
    }

    pub fn add_household(
        &mut self,
        actor: &Actor,
        h: &HouseholdInput,
        now: NaiveDateTime,
    ) -> Result<i64> {
        may(actor, Act::KeepMembers)?;
        let at = fmt_time(now);
        self.write(|tx| {
            let id = insert_household(tx, h)?;
            let mut e = NewEvent::by(actor, &at, format!("household:{id}"), "household_add");
            e.note = h.head.clone();
            append(tx, e)?;
            Ok(id)
        })
    }

    /// (name, unit) of every member on file, to refuse duplicates on import.
    pub fn member_keys(&self) -> Result<std::collections::HashSet<(String, String)>> {
        Ok(self
            .conn()
            .prepare("SELECT m.name, u.name FROM members m JOIN units u ON u.id = m.unit_id")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?)
    }

    /// The address of every household on file, to refuse duplicates on import.
    pub fn household_addresses(&self) -> Result<std::collections::HashSet<String>> {
        Ok(self
            .conn()
            .prepare("SELECT address FROM households")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?)
    }

    /// Each unit's key-selected share against the 40 % minimum.
    pub fn unit_shares(&self) -> Result<Vec<UnitShare>> {
        let rows: Vec<(i64, String, u32, u32)> = self
            .conn()
            .prepare_cached(
                "SELECT u.id, u.name, count(m.id), IFNULL(sum(m.key_selected), 0) FROM units u
                 LEFT JOIN members m ON m.unit_id = u.id AND m.active = 1 WHERE u.active = 1 GROUP BY u.id ORDER BY u.id",
            )?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows
            .into_iter()
            .map(|(id, name, total, key)| UnitShare {
                id,
                name,
                total,
                key_selected: key,
                ok: key_share_ok(key, total),
            })
            .collect())
    }

    /// A page of members in id order (keyset).
    pub fn members_page(&self, after: Option<i64>, limit: usize) -> Result<(Vec<Member>, bool)> {
        self.find_members("", after, limit)
    }

    /// A page of members whose name contains `q` or whose name initials start with it (empty:
    /// everyone), in id order after `after`.
    pub fn find_members(
        &self,
        q: &str,
        after: Option<i64>,
        limit: usize,
    ) -> Result<(Vec<Member>, bool)> {
        let q = q.trim();
        let like = format!("%{}%", q.replace(['%', '_'], ""));
        // Initials by any plausible reading (`store::names`).
        let (lower, upper) = super::names::prefix_bounds(&q.to_ascii_lowercase());
        let mut rows: Vec<Member> = self
            .conn()
            .prepare_cached(&format!(
                "SELECT {MEMBER_COLS} FROM members m JOIN units u ON u.id = m.unit_id
                 WHERE m.active = 1 AND m.id > ?1 AND (?3 = '' OR m.name LIKE ?4
                     OR m.id IN (SELECT owner FROM name_keys
                                 WHERE kind = 'member' AND key >= ?5 AND key < ?6))
                 ORDER BY m.id LIMIT ?2"
            ))?
            .query_map(
                params![after.unwrap_or(0), limit as i64 + 1, q, like, lower, upper],
                member_row,
            )?
            .collect::<rusqlite::Result<_>>()?;
        let more = rows.len() > limit;
        rows.truncate(limit);
        Ok((rows, more))
    }

    pub fn member(&self, id: i64) -> Result<Member> {
        self.conn()
            .prepare_cached(&format!("SELECT {MEMBER_COLS} FROM members m JOIN units u ON u.id = m.unit_id WHERE m.id = ?1"))?
            .query_row([id], member_row)
            .optional()?
            .ok_or_else(|| StoreError::NotFound(Problem::of(T::NoSuchMember)))
    }

    pub fn member_by_name(&self, name: &str) -> Result<Vec<Member>> {
        Ok(self
            .conn()
            .prepare_cached(&format!("SELECT {MEMBER_COLS} FROM members m JOIN units u ON u.id = m.unit_id WHERE m.name = ?1 ORDER BY m.id"))?
            .query_map([name], member_row)?
            .collect::<rusqlite::Result<_>>()?)
    }

    /// Active members living in a community, key-selected first.
    pub fn members_in(&self, place_id: i64) -> Result<Vec<Member>> {
        Ok(self
            .conn()
            .prepare_cached(&format!("SELECT {MEMBER_COLS} FROM members m JOIN units u ON u.id = m.unit_id WHERE m.place_id = ?1 AND m.active = 1 ORDER BY m.key_selected DESC, m.id"))?
            .query_map([place_id], member_row)?
            .collect::<rusqlite::Result<_>>()?)
    }

    pub fn households_page(
        &self,
        after: Option<i64>,
        limit: usize,
    ) -> Result<(Vec<Household>, bool)> {
        let mut rows: Vec<Household> = self
            .conn()
            .prepare_cached(&format!("SELECT {HOUSEHOLD_COLS} FROM households h WHERE h.active = 1 AND h.id > ?1 ORDER BY h.id LIMIT ?2"))?
            .query_map(params![after.unwrap_or(0), limit as i64 + 1], household_row)?
            .collect::<rusqlite::Result<_>>()?;
        let more = rows.len() > limit;
        rows.truncate(limit);
        Ok((rows, more))
    }

    pub fn household(&self, id: i64) -> Result<Household> {
        self.conn()
            .prepare_cached(&format!(
                "SELECT {HOUSEHOLD_COLS} FROM households h WHERE h.id = ?1"
            ))?
            .query_row([id], household_row)
            .optional()?
            .ok_or_else(|| StoreError::NotFound(Problem::of(T::NoSuchHousehold)))
    }

    /// A member's current households.
    pub fn member_households(&self, member_id: i64) -> Result<Vec<Household>> {
        Ok(self
            .conn()
            .prepare_cached(&format!(
                "SELECT {HOUSEHOLD_COLS} FROM households h JOIN assignments a ON a.household_id = h.id AND a.until IS NULL WHERE a.member_id = ?1 ORDER BY h.id"
            ))?
            .query_map([member_id], household_row)?
            .collect::<rusqlite::Result<_>>()?)
    }

    /// Households in the member's community without a member, best match to the member's
    /// profession and skills first.
    pub fn suggest_households(
        &self,
        member_id: i64,
        limit: usize,
    ) -> Result<Vec<(Household, usize)>> {
        let m = self.member(member_id)?;
        let Some(place) = m.place_id else {
            return Ok(vec![]);
        };
        let rows: Vec<Household> = self
            .conn()
            .prepare_cached(&format!(
                "SELECT {HOUSEHOLD_COLS} FROM households h WHERE h.place_id = ?1 AND h.active = 1
                 AND NOT EXISTS (SELECT 1 FROM assignments a WHERE a.household_id = h.id AND a.until IS NULL) ORDER BY h.id"
            ))?
            .query_map([place], household_row)?
            .collect::<rusqlite::Result<_>>()?;
        let skills = format!("{} {}", m.profession, m.skills);
        let mut scored: Vec<(Household, usize)> = rows
            .into_iter()
            .map(|h| {
                let s = members::match_score(&skills, &h.needs);
                (h, s)
            })
            .collect();
        scored.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.id.cmp(&b.0.id)));
        scored.truncate(limit);
        Ok(scored)
    }

    pub fn assign(
        &mut self,
        actor: &Actor,
        member_id: i64,
        household_id: i64,
        now: NaiveDateTime,
    ) -> Result<()> {
        may(actor, Act::KeepMembers)?;
        let at = fmt_time(now);
        self.write(|tx| assign_in(tx, actor, &at, member_id, household_id, now.date()))
    }

    /// Many assignments (member, household) at once, all or none, by the same rules.
    pub fn assign_many(
        &mut self,
        actor: &Actor,
        pairs: &[(i64, i64)],
        now: NaiveDateTime,
    ) -> Result<usize> {
        may(actor, Act::KeepMembers)?;
        let at = fmt_time(now);
        self.write(|tx| {
            for (i, (m, h)) in pairs.iter().enumerate() {
                assign_in(tx, actor, &at, *m, *h, now.date()).map_err(|e| row_error(i, e))?;
            }
            Ok(pairs.len())
        })
    }

    /// Key-selected members without exactly three households, and households without a member.
    pub fn assignment_problems(&self) -> Result<AssignmentProblems> {
        let c = self.conn();
        let key: Vec<i64> = c
            .prepare_cached(
                "SELECT id FROM members WHERE key_selected = 1 AND active = 1 ORDER BY id",
            )?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let hh: Vec<i64> = c
            .prepare_cached("SELECT id FROM households WHERE active = 1 ORDER BY id")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let assigned: Vec<(i64, i64)> = c
            .prepare_cached("SELECT member_id, household_id FROM assignments WHERE until IS NULL")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(members::assignment_problems(&key, &hh, &assigned))
    }

    /// Records a contact (民情日记).
    pub fn add_contact(&mut self, actor: &Actor, c: &NewContact, now: NaiveDateTime) -> Result<()> {
        self.add_contacts(actor, std::slice::from_ref(c), now)
            .map(|_| ())
    }

    /// Records many contacts (a diary kept on paper and typed in later): all or none.
    pub fn add_contacts(
        &mut self,
        actor: &Actor,
        cs: &[NewContact],
        now: NaiveDateTime,
    ) -> Result<usize> {
        may(actor, Act::KeepMembers)?;
        // One contact's problem is said as it is; in a batch, with its record number.
        let which = |i: usize, e: StoreError| if cs.len() > 1 { row_error(i, e) } else { e };
        let mut clean = Vec::with_capacity(cs.len());
        for (i, c) in cs.iter().enumerate() {
            let notes = clean_input(&c.notes, 2000, true, false)
                .map_err(|p| which(i, StoreError::Refused(p.in_field(T::RecordNotesField))))?;
            crate::domain::members::check_not_future(c.date, now.date(), T::ContactDateField)
                .map_err(|p| which(i, StoreError::Refused(p)))?;
            clean.push(notes);
        }
        let at = fmt_time(now);
        self.write(|tx| {
            let mut ins = tx.prepare_cached(
                "INSERT INTO contacts (date, member_id, household_id, method, notes, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?;
            for (c, notes) in cs.iter().zip(&clean) {
                ins.execute(params![fmt_date(c.date), c.member_id, c.household_id, c.method.code(), notes, at])?;
                let mut e = NewEvent::by(actor, &at, format!("member:{}", c.member_id), "contact");
                e.payload = payload_json(&[("household", c.household_id.to_string()), ("method", c.method.code().into()), ("date", fmt_date(c.date))]);
                append(tx, e)?;
            }
            Ok(cs.len())
        })
    }

    /// Contacts of a member in a year, newest first.
    pub fn member_contacts(&self, member_id: i64, year: i32) -> Result<Vec<ContactRow>> {
        Ok(self
            .conn()
            .prepare_cached(
                "SELECT c.date, c.household_id, h.head, c.method, c.notes FROM contacts c JOIN households h ON h.id = c.household_id
                 WHERE c.member_id = ?1 AND c.date >= ?2 AND c.date <= ?3 ORDER BY c.date DESC, c.id DESC",
            )?
            .query_map(params![member_id, format!("{year}-01-01"), format!("{year}-12-31")], |r| {
                Ok(ContactRow {
                    date: r.get(0)?,
                    household_id: r.get(1)?,
                    head: r.get(2)?,
                    method: crate::store::code(r, 3, "contacts", ContactMethod::from_code)?,
                    notes: r.get(4)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?)
    }

    /// Households assigned to a member that had no in-person visit (入户) in the quarter.
    pub fn coverage_gaps(&self, year: i32, q: u32) -> Result<Vec<Household>> {
        let (start, end) = members::quarter_bounds(year, q);
        Ok(self
            .conn()
            .prepare_cached(&format!(
                "SELECT {HOUSEHOLD_COLS} FROM households h
                 WHERE h.active = 1
                   AND EXISTS (SELECT 1 FROM assignments a WHERE a.household_id = h.id AND a.since <= ?2 AND (a.until IS NULL OR a.until >= ?1))
                   AND NOT EXISTS (SELECT 1 FROM contacts c WHERE c.household_id = h.id AND c.method = 'visit' AND c.date >= ?1 AND c.date <= ?2)
                 ORDER BY h.id"
            ))?
            .query_map(params![fmt_date(start), fmt_date(end)], household_row)?
            .collect::<rusqlite::Result<_>>()?)
    }

    pub fn add_wish(
        &mut self,
        actor: &Actor,
        household_id: i64,
        wish: &str,
        now: NaiveDateTime,
    ) -> Result<i64> {
        may(actor, Act::KeepMembers)?;
        let wish = clean_input(wish, 200, false, true).map_err(|p| p.in_field(T::WishField))?;
        let at = fmt_time(now);
        self.write(|tx| {
            tx.execute(
                "INSERT INTO wishes (household_id, wish, at) VALUES (?1, ?2, ?3)",
                params![household_id, wish, at],
            )?;
            let id = super::inserted_id(tx);
            let mut e = NewEvent::by(actor, &at, format!("wish:{id}"), "wish_add");
            e.note = wish;
            append(tx, e)?;
            Ok(id)
        })
    }

    /// Moves a wish: claimed by a member, fulfilled (with date and note), or returned.
    pub fn move_wish(
        &mut self,
        actor: &Actor,
        id: i64,
        mv: &WishMove,
        now: NaiveDateTime,
    ) -> Result<()> {
        may(actor, Act::KeepMembers)?;
        let note = match mv {
            WishMove::Claim { .. } => String::new(),
            WishMove::Fulfil { note, .. } | WishMove::Return { note } => {
                clean_input(note, 500, true, false)
                    .map_err(|p| p.in_field(T::ExplanationNoteField))?
            }
        };
        let at = fmt_time(now);
        self.write(|tx| {
            let from = tx
                .query_row("SELECT id, state FROM wishes WHERE id = ?1", [id], |r| crate::store::code(r, 1, "wishes", WishState::from_code))
                .optional()?
                .ok_or_else(|| StoreError::Refused(Problem::fill(T::NoWish, &[&id])))?;
            let to = decide_wish(from, mv, now.date())?;
            match mv {
                WishMove::Claim { member_id } => {
                    tx.execute("UPDATE wishes SET state = ?4, member_id = ?2, claimed_at = ?3 WHERE id = ?1", params![id, member_id, at, to.code()])?;
                }
                WishMove::Fulfil { on, .. } => {
                    tx.execute("UPDATE wishes SET state = ?4, fulfilled_on = ?2, note = ?3 WHERE id = ?1", params![id, fmt_date(*on), note, to.code()])?;
                }
                WishMove::Return { .. } => {
                    tx.execute("UPDATE wishes SET state = ?3, note = ?2 WHERE id = ?1", params![id, note, to.code()])?;
                }
            }
            let mut e = NewEvent::by(actor, &at, format!("wish:{id}"), "wish_move");
            e.from_state = from.code().into();
            e.to_state = to.code().into();
            e.note = note;
            append(tx, e)?;
            Ok(())
        })
    }

    pub fn wishes(&self, limit: usize) -> Result<Vec<Wish>> {
        Ok(self
            .conn()
            .prepare_cached(&format!(
                "SELECT {WISH_COLS} ORDER BY CASE w.state WHEN 'open' THEN 0 WHEN 'returned' THEN 1 WHEN 'claimed' THEN 2 ELSE 3 END, w.id DESC LIMIT ?1"
            ))?
            .query_map([limit as i64], wish_row)?
            .collect::<rusqlite::Result<_>>()?)
    }

    /// A household's contacts (date, member, method, notes) newest first, and its wishes:
    /// for its card (一户一卡).
    #[allow(clippy::type_complexity)]
    pub fn household_file(
        &self,
        household_id: i64,
    ) -> Result<(Vec<(String, String, ContactMethod, String)>, Vec<Wish>)> {
        let contacts = self
            .conn()
            .prepare_cached(
                "SELECT c.date, m.name, c.method, c.notes FROM contacts c JOIN members m ON m.id = c.member_id
                 WHERE c.household_id = ?1 ORDER BY c.date DESC, c.id DESC LIMIT 200",
            )?
            .query_map([household_id], |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    crate::store::code(r, 2, "contacts", ContactMethod::from_code)?,
                    r.get(3)?,
                ))
            })?
            .collect::<rusqlite::Result<_>>()?;
        let wishes = self
            .conn()
            .prepare_cached(&format!(
                "SELECT {WISH_COLS} WHERE w.household_id = ?1 ORDER BY w.id DESC"
            ))?
            .query_map([household_id], wish_row)?
            .collect::<rusqlite::Result<_>>()?;
        Ok((contacts, wishes))
    }

    /// The wishes a member claimed (and fulfilled), newest first: for the activity card.
    pub fn member_wishes(&self, member_id: i64) -> Result<Vec<Wish>> {
        Ok(self
            .conn()
            .prepare_cached(&format!(
                "SELECT {WISH_COLS} WHERE w.member_id = ?1 ORDER BY w.id DESC"
            ))?
            .query_map([member_id], wish_row)?
            .collect::<rusqlite::Result<_>>()?)
    }

    /// The member's reports at the visits they were picked for: (visit date, place, report).
    pub fn member_visit_reports(&self, member_id: i64) -> Result<Vec<(String, i64, String)>> {
        Ok(self
            .conn()
            .prepare_cached(
                "SELECT v.date, v.place_id, r.report FROM visit_reports r JOIN visits v ON v.id = r.visit_id
                 WHERE r.member_id = ?1 ORDER BY v.date DESC",
            )?
            .query_map([member_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?)
    }

    pub fn wish(&self, id: i64) -> Result<Wish> {
        self.conn()
            .prepare_cached(&format!("SELECT {WISH_COLS} WHERE w.id = ?1"))?
            .query_row([id], wish_row)
            .optional()?
            .ok_or_else(|| StoreError::NotFound(Problem::fill(T::NoWish, &[&id])))
    }

    /// A household's problem the member cannot solve becomes a ticket (在职党员反映), linked to
    /// the member and the household.
    /// `hard`: especially hard (特别疑难), it also goes to the leader at the next visit to the
    /// household's community: on that visit's agenda (returned: the visit's date, or `Some(None)`
    /// when no visit there is planned).
    #[allow(clippy::too_many_arguments, clippy::type_complexity)]
    pub fn escalate(
        &mut self,
        actor: &Actor,
        member_id: i64,
        household_id: i64,
        intake: &Intake,
        hard: bool,
        ctx: &FlowCtx,
        now: NaiveDateTime,
    ) -> Result<(i64, String, Option<Option<NaiveDate>>)> {
        let at = fmt_time(now);
        let mut intake = intake.clone();
        intake.channel = Channel::PartyMember;
        self.write(|tx| {
            let (id, number) = register_in(
                tx,
                actor,
                &intake,
                IntakeLink::None,
                TicketLinks {
                    member_id: Some(member_id),
                    household_id: Some(household_id),
                    ..Default::default()
                },
                ctx,
                &at,
                now,
            )?;
            let agenda = if hard {
                let place: i64 = tx.query_row(
                    "SELECT place_id FROM households WHERE id = ?1",
                    [household_id],
                    |r| r.get(0),
                )?;
                Some(super::member_work::add_to_next_visit(
                    tx,
                    place,
                    member_id,
                    household_id,
                    id,
                    &intake.summary,
                    now.date(),
                    &at,
                )?)
            } else {
                None
            };
            let mut e = NewEvent::by(actor, &at, format!("member:{member_id}"), "escalate");
            e.ticket_id = Some(id);
            let mut details = vec![
                ("household", household_id.to_string()),
                ("ticket", number.clone()),
            ];
            if let Some(a) = agenda {
                details.push((
                    "visit_agenda",
                    a.map(fmt_date).unwrap_or_else(|| "none".into()),
                ));
            }
            e.payload = payload_json(&details);
            append(tx, e)?;
            Ok((id, number, agenda))
        })
    }

    /// Tickets escalated by a member: (number, state code).
    pub fn member_tickets(&self, member_id: i64) -> Result<Vec<(String, String)>> {
        Ok(self
            .conn()
            .prepare_cached("SELECT printf('%d-%06d', year, seq), state FROM tickets WHERE member_id = ?1 ORDER BY id")?
            .query_map([member_id], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?)
    }

    pub fn last_visit_date(&self, household_id: i64) -> Result<Option<NaiveDate>> {
        let d: Option<String> = self.conn().query_row(
            "SELECT max(date) FROM contacts WHERE household_id = ?1 AND method = 'visit'",
            [household_id],
            |r| r.get(0),
        )?;
        Ok(d.as_deref().and_then(parse_date))
    }
}
