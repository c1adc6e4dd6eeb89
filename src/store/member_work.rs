//! The members' work beyond their households: 到社区报到, 动态调整 with its history, the units'
//! random inspections and quarterly meetings, the 组织部's and 机关党工委's oversight, and the
//! hard problems that go on the agenda of the next leader's visit.

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{OptionalExtension, Transaction, params};

use super::audit::{NewEvent, append};
use super::members::{MEMBER_COLS, member_row};
use super::{Result, Store, StoreError, fmt_date, fmt_time};
use crate::domain::Problem;
use crate::domain::audit::payload_json;
use crate::domain::draw::{self, Candidate};
use crate::domain::members::work::{
    OversightBy, OversightKind, check_inspection_size, check_key_selection, check_member_date,
    check_registration,
};
use crate::domain::members::{SelectedBy, quarter_bounds};
use crate::domain::roles::{Act, Actor, may};
use crate::domain::roster::RepCategory;
use crate::domain::text::clean_input;
use crate::records::members::Member;
use crate::text::T;

/// One dated change of a member.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberChange {
    pub on: String,
    pub kind: String,
    pub detail: String,
    pub actor: String,
}

/// A unit's random inspection of its members' diaries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inspection {
    pub id: i64,
    pub unit_id: i64,
    pub drawn_at: String,
    pub drawn_by: String,
    pub members: Vec<i64>,
    pub receipt: String,
    pub findings: String,
}

/// An entry of the oversight log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OversightRow {
    pub id: i64,
    pub kind: OversightKind,
    pub by: OversightBy,
    pub on: String,
    pub unit_id: Option<i64>,
    pub member_id: Option<i64>,
    pub findings: String,
}

pub use crate::records::visits::AgendaItem;

/// How a member changes (动态调整).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MemberMove {
    /// Key-selected (with how), or no longer.
    KeySelection { key: bool, how: Option<SelectedBy> },
    /// Leaves the programme: their open assignments end with the reason.
    Retire { reason: String },
    /// One household's assignment ends, with the reason.
    EndAssignment { household_id: i64, reason: String },
    /// Position, profession, skills, mobile.
    Edit {
        position: String,
        profession: String,
        skills: String,
        mobile: String,
    },
}

fn change(
    tx: &Transaction,
    actor: &Actor,
    at: &str,
    member: i64,
    on: NaiveDate,
    kind: &str,
    detail: &str,
) -> Result<()> {
    tx.execute(
        "INSERT INTO member_changes (member_id, on_date, kind, detail, actor, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![member, fmt_date(on), kind, detail, actor.name, at],
    )?;
    let mut e = NewEvent::by(
        actor,
        at,
        format!("member:{member}"),
        format!("member_{kind}"),
    );
    e.note = detail.to_string();
    e.payload = payload_json(&[("on", fmt_date(on))]);
    append(tx, e)?;
    Ok(())
}

fn load_member(tx: &rusqlite::Connection, id: i64) -> Result<Member> {
    tx.prepare_cached(&format!(
        "SELECT {MEMBER_COLS} FROM members m JOIN units u ON u.id = m.unit_id WHERE m.id = ?1"
    ))?
    .query_row([id], member_row)
    .optional()?
    .ok_or_else(|| StoreError::NotFound(Problem::of(T::NoSuchMember)))
}

impl Store {
    /// 到社区报到: the member registered with the community where they live, on `on`.
    pub fn register_member(
        &mut self,
        actor: &Actor,
        member_id: i64,
        on: NaiveDate,
        now: NaiveDateTime,
    ) -> Result<()> {
        may(actor, Act::KeepMembers)?;
        check_member_date(on, now.date())?;
        let at = fmt_time(now);
        self.write(|tx| {
            let m = load_member(tx, member_id)?;
            check_registration(m.place_id, m.active)?;
            tx.execute(
                "UPDATE members SET registered_on = ?2 WHERE id = ?1",
                params![member_id, fmt_date(on)],
            )?;
            let place: String = tx
                .query_row("SELECT name FROM places WHERE id = ?1", [m.place_id], |r| {
                    r.get(0)
                })
                .unwrap_or_default();
            change(tx, actor, &at, member_id, on, "registered", &place)
        })
    }

    /// Serving members who have not registered with their home community, per unit (or of one).
    pub fn unregistered_members(&self, unit_id: Option<i64>) -> Result<Vec<Member>> {
        Ok(self
            .conn()
            .prepare_cached(&format!(
                "SELECT {MEMBER_COLS} FROM members m JOIN units u ON u.id = m.unit_id
                 WHERE m.active = 1 AND m.registered_on IS NULL AND (?1 IS NULL OR m.unit_id = ?1)
                 ORDER BY m.unit_id, m.id"
            ))?
            .query_map([unit_id], member_row)?
            .collect::<rusqlite::Result<_>>()?)
    }

    /// 动态调整: one change of a member, dated, kept in the history and the audit log. The 40 %
    /// share follows (it counts serving key-selected members).
    pub fn change_member(
        &mut self,
        actor: &Actor,
        member_id: i64,
        mv: &MemberMove,
        on: NaiveDate,
        now: NaiveDateTime,
    ) -> Result<()> {
        may(actor, Act::KeepMembers)?;
        check_member_date(on, now.date())?;
        let at = fmt_time(now);
        let reason =
            |r: &str| clean_input(r, 200, false, true).map_err(|p| p.in_field(T::ReasonField));
        let mv = match mv {
            MemberMove::Retire { reason: r } => MemberMove::Retire { reason: reason(r)? },
            MemberMove::EndAssignment {
                household_id,
                reason: r,
            } => MemberMove::EndAssignment {
                household_id: *household_id,
                reason: reason(r)?,
            },
            MemberMove::Edit {
                position,
                profession,
                skills,
                mobile,
            } => MemberMove::Edit {
                position: clean_input(position, 40, false, false)?,
                profession: clean_input(profession, 40, false, false)?,
                skills: clean_input(skills, 200, false, false)?,
                mobile: if mobile.trim().is_empty() {
                    String::new()
                } else {
                    crate::domain::person::normalize_mobile(mobile)?
                },
            },
            other => other.clone(),
        };
        self.write(|tx| {
            let m = load_member(tx, member_id)?;
            if !m.active {
                return Err(StoreError::Refused(Problem::of(T::MemberIsRetired)));
            }
            match &mv {
                MemberMove::KeySelection { key, how } => {
                    check_key_selection(*key, *how)?;
                    tx.execute(
                        "UPDATE members SET key_selected = ?2, selected_by = ?3, selected_on = ?4 WHERE id = ?1",
                        params![member_id, key, how.map(|h| h.code()), key.then(|| fmt_date(on))],
                    )?;
                    let (kind, detail) = match how {
                        Some(h) if *key => ("key_selected", h.zh().to_string()),
                        _ => ("key_unselected", String::new()),
                    };
                    change(tx, actor, &at, member_id, on, kind, &detail)
                }
                MemberMove::Retire { reason } => {
                    tx.execute(
                        "UPDATE members SET active = 0, key_selected = 0, retired_on = ?2 WHERE id = ?1",
                        params![member_id, fmt_date(on)],
                    )?;
                    tx.execute(
                        "UPDATE assignments SET until = ?2, end_reason = ?3 WHERE member_id = ?1 AND until IS NULL",
                        params![member_id, fmt_date(on), reason],
                    )?;
                    change(tx, actor, &at, member_id, on, "retired", reason)
                }
                MemberMove::EndAssignment { household_id, reason } => {
                    let n = tx.execute(
                        "UPDATE assignments SET until = ?3, end_reason = ?4 WHERE member_id = ?1 AND household_id = ?2 AND until IS NULL",
                        params![member_id, household_id, fmt_date(on), reason],
                    )?;
                    if n == 0 {
                        return Err(StoreError::Refused(Problem::of(T::NotThisMembersHousehold)));
                    }
                    let head: String = tx
                        .query_row("SELECT head FROM households WHERE id = ?1", [household_id], |r| r.get(0))
                        .unwrap_or_default();
                    change(tx, actor, &at, member_id, on, "assignment_ended", &format!("{head}：{reason}"))
                }
                MemberMove::Edit { position, profession, skills, mobile } => {
                    tx.execute(
                        "UPDATE members SET position = ?2, profession = ?3, skills = ?4, mobile = NULLIF(?5, '') WHERE id = ?1",
                        params![member_id, position, profession, skills, mobile],
                    )?;
                    let mut was = vec![];
                    if m.position != *position {
                        was.push(format!("职务 {}→{}", m.position, position));
                    }
                    if m.profession != *profession {
                        was.push(format!("职业 {}→{}", m.profession, profession));
                    }
                    if m.skills != *skills {
                        was.push(format!("专长 {}→{}", m.skills, skills));
                    }
                    if m.mobile.as_deref().unwrap_or("") != mobile {
                        was.push("电话".to_string());
                    }
                    change(tx, actor, &at, member_id, on, "edited", &was.join("；"))
                }
            }
        })
    }

    /// A member's history, oldest first.
    pub fn member_history(&self, member_id: i64) -> Result<Vec<MemberChange>> {
        Ok(self
            .conn()
            .prepare_cached(
                "SELECT on_date, kind, detail, actor FROM member_changes WHERE member_id = ?1 ORDER BY id",
            )?
            .query_map([member_id], |r| {
                Ok(MemberChange { on: r.get(0)?, kind: r.get(1)?, detail: r.get(2)?, actor: r.get(3)? })
            })?
            .collect::<rusqlite::Result<_>>()?)
    }

    /// 派出单位随机检查调阅: the unit draws `n` of its serving members at random by the verifiable
    /// draw engine (the receipt is kept and printed), to inspect their diaries.
    pub fn draw_inspection(
        &mut self,
        actor: &Actor,
        unit_id: i64,
        n: u32,
        nonce: &[u8],
        now: NaiveDateTime,
    ) -> Result<(i64, Vec<i64>, String)> {
        may(actor, Act::KeepMembers)?;
        let at = fmt_time(now);
        self.write(|tx| {
            let pool: Vec<Candidate> = tx
                .prepare_cached(
                    "SELECT m.id, m.name, IFNULL(p.name, '') FROM members m LEFT JOIN places p ON p.id = m.place_id
                     WHERE m.unit_id = ?1 AND m.active = 1 ORDER BY m.id",
                )?
                .query_map([unit_id], |r| {
                    Ok(Candidate { id: r.get(0)?, name: r.get(1)?, category: RepCategory::ResidentRep, place: r.get(2)? })
                })?
                .collect::<rusqlite::Result<_>>()?;
            check_inspection_size(n, pool.len())?;
            let seq: i64 = tx.query_row("SELECT IFNULL(MAX(id), 0) + 1 FROM member_inspections", [], |r| r.get(0))?;
            let (picked, receipt) = draw::plain_pick(
                seq,
                format!("inspection-{unit_id}-{seq}"),
                draw::KIND_MEMBER_INSPECTION,
                &at,
                pool,
                n,
                nonce,
                vec![],
            )?;
            let text = receipt.render();
            let members = picked.iter().map(|m| m.to_string()).collect::<Vec<_>>().join(",");
            tx.execute(
                "INSERT INTO member_inspections (id, unit_id, drawn_at, drawn_by, members, receipt) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![seq, unit_id, at, actor.name, members, text],
            )?;
            let mut e = NewEvent::by(actor, &at, format!("unit:{unit_id}"), "inspection_drawn");
            e.payload = payload_json(&[
                ("inspection", seq.to_string()),
                ("members", members),
                ("receipt_sha256", text.lines().last().unwrap_or("").replace("receipt_sha256: ", "")),
            ]);
            append(tx, e)?;
            Ok((seq, picked, text))
        })
    }

    /// What the inspection found in the diaries drawn.
    pub fn record_inspection_findings(
        &mut self,
        actor: &Actor,
        id: i64,
        findings: &str,
        now: NaiveDateTime,
    ) -> Result<()> {
        may(actor, Act::KeepMembers)?;
        let findings =
            clean_input(findings, 2000, true, true).map_err(|p| p.in_field(T::FindingsField))?;
        let at = fmt_time(now);
        self.write(|tx| {
            let unit: Option<i64> = tx
                .query_row("SELECT unit_id FROM member_inspections WHERE id = ?1", [id], |r| r.get(0))
                .optional()?;
            let Some(unit) = unit else {
                return Err(StoreError::NotFound(Problem::fill(T::NoSuchInspection, &[&id])));
            };
            tx.execute(
                "UPDATE member_inspections SET findings = ?2, findings_at = ?3, findings_by = ?4 WHERE id = ?1",
                params![id, findings, at, actor.name],
            )?;
            let mut e = NewEvent::by(actor, &at, format!("unit:{unit}"), "inspection_findings");
            e.note = findings.clone();
            e.payload = payload_json(&[("inspection", id.to_string())]);
            append(tx, e)?;
            Ok(())
        })
    }

    pub fn inspections(&self, unit_id: Option<i64>) -> Result<Vec<Inspection>> {
        Ok(self
            .conn()
            .prepare_cached(
                "SELECT id, unit_id, drawn_at, drawn_by, members, receipt, findings FROM member_inspections
                 WHERE ?1 IS NULL OR unit_id = ?1 ORDER BY id DESC",
            )?
            .query_map([unit_id], |r| {
                Ok(Inspection {
                    id: r.get(0)?,
                    unit_id: r.get(1)?,
                    drawn_at: r.get(2)?,
                    drawn_by: r.get(3)?,
                    members: r
                        .get::<_, String>(4)?
                        .split(',')
                        .filter_map(|x| x.parse().ok())
                        .collect(),
                    receipt: r.get(5)?,
                    findings: r.get(6)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?)
    }

    /// 每季度集中调度: a unit's quarterly meeting on its members' work (one per quarter; held
    /// again, it replaces the record).
    #[allow(clippy::too_many_arguments)]
    pub fn record_unit_meeting(
        &mut self,
        actor: &Actor,
        unit_id: i64,
        year: i32,
        quarter: u32,
        held_on: NaiveDate,
        notes: &str,
        now: NaiveDateTime,
    ) -> Result<()> {
        may(actor, Act::KeepMembers)?;
        if !(1..=4).contains(&quarter) {
            return Err(StoreError::Refused(Problem::of(T::QuarterIs1To4)));
        }
        check_member_date(held_on, now.date())?;
        let notes = clean_input(notes, 2000, true, false).map_err(|p| p.in_field(T::NotesField))?;
        let at = fmt_time(now);
        self.write(|tx| {
            tx.execute(
                "INSERT INTO unit_meetings (unit_id, year, quarter, held_on, notes, actor, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                 ON CONFLICT (unit_id, year, quarter) DO UPDATE SET held_on = ?4, notes = ?5, actor = ?6, at = ?7",
                params![unit_id, year, quarter, fmt_date(held_on), notes, actor.name, at],
            )?;
            let mut e = NewEvent::by(actor, &at, format!("unit:{unit_id}"), "unit_meeting");
            e.note = notes.clone();
            e.payload = payload_json(&[("quarter", format!("{year}Q{quarter}")), ("held_on", fmt_date(held_on))]);
            append(tx, e)?;
            Ok(())
        })
    }

    /// The quarter's meeting of a unit, if held: (date, notes).
    pub fn unit_meeting(
        &self,
        unit_id: i64,
        year: i32,
        quarter: u32,
    ) -> Result<Option<(String, String)>> {
        Ok(self
            .conn()
            .prepare_cached("SELECT held_on, notes FROM unit_meetings WHERE unit_id = ?1 AND year = ?2 AND quarter = ?3")?
            .query_row(params![unit_id, year, quarter], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?)
    }

    /// A unit's serving members without a single contact in the quarter: listed for its
    /// quarterly meeting.
    pub fn members_without_contact(
        &self,
        unit_id: i64,
        year: i32,
        quarter: u32,
    ) -> Result<Vec<Member>> {
        let (from, to) = quarter_bounds(year, quarter);
        Ok(self
            .conn()
            .prepare_cached(&format!(
                "SELECT {MEMBER_COLS} FROM members m JOIN units u ON u.id = m.unit_id
                 WHERE m.unit_id = ?1 AND m.active = 1
                   AND NOT EXISTS (SELECT 1 FROM contacts c WHERE c.member_id = m.id AND c.date >= ?2 AND c.date <= ?3)
                 ORDER BY m.id"
            ))?
            .query_map(params![unit_id, fmt_date(from), fmt_date(to)], member_row)?
            .collect::<rusqlite::Result<_>>()?)
    }

    /// 明察暗访, 工作调度会, 情况通报会: an entry of the oversight log, with its findings, linked to
    /// a unit and a member where there is one.
    #[allow(clippy::too_many_arguments)]
    pub fn log_oversight(
        &mut self,
        actor: &Actor,
        kind: OversightKind,
        by: OversightBy,
        on: NaiveDate,
        unit_id: Option<i64>,
        member_id: Option<i64>,
        findings: &str,
        now: NaiveDateTime,
    ) -> Result<i64> {
        may(actor, Act::KeepMembers)?;
        check_member_date(on, now.date())?;
        let findings =
            clean_input(findings, 2000, true, true).map_err(|p| p.in_field(T::FindingsField))?;
        let at = fmt_time(now);
        self.write(|tx| {
            tx.execute(
                "INSERT INTO oversight_log (kind, by_org, on_date, unit_id, member_id, findings, actor, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![kind.code(), by.code(), fmt_date(on), unit_id, member_id, findings, actor.name, at],
            )?;
            let id = tx.last_insert_rowid();
            let mut e = NewEvent::by(actor, &at, format!("oversight:{id}"), "oversight_logged");
            e.note = findings.clone();
            e.payload = payload_json(&[
                ("kind", kind.code().to_string()),
                ("by", by.code().to_string()),
                ("unit", unit_id.map(|u| u.to_string()).unwrap_or_default()),
                ("member", member_id.map(|u| u.to_string()).unwrap_or_default()),
            ]);
            append(tx, e)?;
            Ok(id)
        })
    }

    pub fn oversight_log(&self, limit: usize) -> Result<Vec<OversightRow>> {
        Ok(self
            .conn()
            .prepare_cached(
                "SELECT id, kind, by_org, on_date, unit_id, member_id, findings FROM oversight_log ORDER BY on_date DESC, id DESC LIMIT ?1",
            )?
            .query_map([limit as i64], |r| {
                Ok(OversightRow {
                    id: r.get(0)?,
                    kind: crate::store::code(r, 1, "oversight_log", OversightKind::from_code)?,
                    by: crate::store::code(r, 2, "oversight_log", OversightBy::from_code)?,
                    on: r.get(3)?,
                    unit_id: r.get(4)?,
                    member_id: r.get(5)?,
                    findings: r.get(6)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?)
    }

    /// The hard problems members put on a visit's agenda.
    pub fn visit_agenda(&self, visit_id: i64) -> Result<Vec<AgendaItem>> {
        Ok(self
            .conn()
            .prepare_cached(
                "SELECT IFNULL(m.name, ''), IFNULL(h.head, ''), a.matter, printf('%d-%06d', t.year, t.seq)
                 FROM visit_agenda a LEFT JOIN members m ON m.id = a.member_id
                 LEFT JOIN households h ON h.id = a.household_id LEFT JOIN tickets t ON t.id = a.ticket_id
                 WHERE a.visit_id = ?1 ORDER BY a.id",
            )?
            .query_map([visit_id], |r| {
                Ok(AgendaItem { member: r.get(0)?, household: r.get(1)?, matter: r.get(2)?, ticket: r.get(3)? })
            })?
            .collect::<rusqlite::Result<_>>()?)
    }
}

#[allow(clippy::too_many_arguments)]
/// Puts a hard problem on the agenda of the next planned community visit to `place_id` from
/// `today` on. Returns that visit's date, or none if no visit there is planned.
pub(super) fn add_to_next_visit(
    tx: &Transaction,
    place_id: i64,
    member_id: i64,
    household_id: i64,
    ticket_id: i64,
    matter: &str,
    today: NaiveDate,
    at: &str,
) -> Result<Option<NaiveDate>> {
    let next: Option<(i64, String)> = tx
        .query_row(
            "SELECT id, date FROM visits WHERE kind = 'community' AND place_id = ?1 AND status = 'planned' AND date >= ?2
             ORDER BY date, time, id LIMIT 1",
            params![place_id, fmt_date(today)],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let Some((visit, date)) = next else {
        return Ok(None);
    };
    tx.execute(
        "INSERT INTO visit_agenda (visit_id, member_id, household_id, ticket_id, matter, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![visit, member_id, household_id, ticket_id, matter, at],
    )?;
    Ok(super::parse_date(&date))
}
