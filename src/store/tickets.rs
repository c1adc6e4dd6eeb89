//! Tickets: registration, the record, moves through the flow, repeat lookup, search tokens.

use crate::text::T;
use chrono::{Datelike, NaiveDateTime};
use rusqlite::types::Value;
use rusqlite::{OptionalExtension, Row, Transaction, params, params_from_iter};

use super::audit::{NewEvent, append};
use super::{NO_DUE, Result, Stale, Store, StoreError, fmt_date, fmt_time};
use crate::domain::Arg;
use crate::domain::audit::payload_json;
use crate::domain::flow::{self, Change, Clock, DeptFacts, FlowCtx, MergeTarget, Move};
use crate::domain::intake::{FirstHandler, Intake};
use crate::domain::roles::{Act, Actor, Visibility, can_see, may, visibility};
use crate::domain::search::index_tokens;
use crate::domain::vocab::{
    Channel, Classification, DayKind, Resolution, Satisfaction, State, Urgency,
};
use crate::domain::{Problem, ticket_number};

pub use crate::records::tickets::{
    EarlierPetition, ExportFilter, IntakeLink, PetitionerRecord, TicketRecord,
};

impl TicketRecord {
    /// Applies a decided change to the record: the one place where a move's updates become
    /// field values, for the live store and for the generator alike.
    pub fn apply(&mut self, change: &Change, actor: &Actor, at: &str) {
        let u = &change.updates;
        let open = change.to.is_open();
        self.state = change.to;
        self.version += 1;
        self.updated_at = at.to_string();
        self.updated_by = actor.name.clone();
        if let Some(c) = u.proposed {
            self.proposed = Some(c);
        }
        if let Some(o) = &u.opinion {
            self.opinion = Some(o.clone());
        }
        if let Some(c) = u.decision {
            self.decision = Some(c);
        }
        if let Some(l) = u.leader_id {
            self.leader_id = Some(l);
        }
        if let Some(i) = &u.instruction {
            self.instruction = Some(i.clone());
        }
        if let Some(a) = &u.answer {
            self.answer = Some(a.clone());
        }
        if let Some(d) = u.department_id {
            self.department_id = d;
        }
        let clock = match u.clock {
            Some(c) => Some(c),
            None if !open => Some(None),
            None => None,
        };
        if let Some(clock) = clock {
            let [start, due, warn, kind] = clock_columns(clock, open);
            self.clock_start = start;
            self.due = due;
            self.warn_at = warn;
            self.limit_kind = kind.as_deref().and_then(DayKind::from_code);
        }
        if let Some(r) = u.round_issued_on {
            self.round_issued_on = r.map(fmt_date);
        }
        if let Some(r) = u.round {
            self.round = r;
        }
        if let Some(e) = u.extension_used {
            self.extension_used = e;
        }
        if let Some(p) = &u.pending_extension {
            self.pending_ext_days = p.as_ref().map(|(d, _)| *d);
            self.pending_ext_reason = p.as_ref().map(|(_, r)| r.clone());
        }
        if let Some(r) = u.resolution {
            self.resolution = Some(r);
        }
        if let Some(r) = &u.result {
            self.result = Some(r.clone());
        }
        if let Some(s) = u.satisfaction {
            self.satisfaction = s;
        }
        if let Some(e) = u.escalated {
            self.escalated = e;
        }
        if let Some(e) = u.unresolved_closure {
            self.unresolved_closure = e;
        }
        if let Some(m) = u.merged_into {
            self.merged_into = Some(m);
        }
        if !open {
            self.closed_at = Some(at.to_string());
        }
    }

    /// A newly registered ticket, before it is stored (`id` and `seq` are filled in by the
    /// caller).
    #[allow(clippy::too_many_arguments)]
    pub fn new_registered(
        intake: &Intake,
        center_id: i64,
        year: i32,
        seq: i64,
        actor: &Actor,
        at: &str,
        clock: Clock,
        repeat_of: Option<i64>,
    ) -> TicketRecord {
        let (first_staff_id, first_leader_id) = match intake.first_handler {
            FirstHandler::Staff(s) => (Some(s), None),
            FirstHandler::Leader(l) => (None, Some(l)),
        };
        let [clock_start, due, warn_at, limit_kind] = clock_columns(Some(clock), true);
        TicketRecord {
            id: 0,
            year,
            seq,
            center_id,
            channel: intake.channel,
            received_at: at.to_string(),
            registered_by: actor.staff_id,
            first_staff_id,
            first_leader_id,
            petitioner_names: intake
                .petitioners
                .iter()
                .map(|p| p.name.as_str())
                .collect::<Vec<_>>()
                .join("、"),
            place_id: intake.petitioners.first().and_then(|p| p.place_id),
            collective: intake.collective,
            head_count: intake.head_count,
            category_id: intake.category_id,
            urgency: intake.urgency,
            summary: intake.summary.clone(),
            content: intake.content.clone(),
            request: intake.request.clone(),
            visit_ref: intake.visit_ref.clone(),
            state: State::Registered,
            round: 1,
            proposed: None,
            opinion: None,
            decision: None,
            leader_id: None,
            instruction: None,
            answer: None,
            department_id: None,
            round_issued_on: None,
            clock_start,
            due,
            warn_at,
            limit_kind: limit_kind.as_deref().and_then(DayKind::from_code),
            extension_used: false,
            pending_ext_days: None,
            pending_ext_reason: None,
            resolution: None,
            result: None,
            satisfaction: None,
            escalated: false,
            unresolved_closure: false,
            repeat_of,
            merged_into: None,
            closed_at: None,
            version: 1,
            updated_at: at.to_string(),
            updated_by: actor.name.clone(),
            visit_id: None,
            member: None,
            household: None,
            petitioners: intake
                .petitioners
                .iter()
                .map(|p| PetitionerRecord {
                    name: p.name.clone(),
                    mobile: Some(p.mobile.clone()),
                    resident_id: p.resident_id.clone(),
                    address: p.address.clone(),
                    place_id: p.place_id,
                })
                .collect(),
        }
    }

    /// The search tokens of this ticket.
    pub fn search_tokens(&self) -> String {
        let names: Vec<&str> = self.petitioners.iter().map(|p| p.name.as_str()).collect();
        let mobiles: Vec<&str> = self
            .petitioners
            .iter()
            .filter_map(|p| p.mobile.as_deref())
            .collect();
        let mut texts = vec![
            self.summary.as_str(),
            self.content.as_str(),
            self.request.as_str(),
        ];
        texts.extend_from_slice(&mobiles);
        index_tokens(&texts, &names)
    }
}

const RECORD_COLS: &str = "id, year, seq, center_id, channel, received_at, registered_by, first_staff_id, first_leader_id,
    petitioner_names, place_id, collective, head_count, category_id, urgency, summary, content, request, visit_ref,
    state, round, proposed, opinion, decision, leader_id, instruction, answer, department_id, round_issued_on,
    clock_start, due, warn_at, limit_kind, extension_used, pending_ext_days, pending_ext_reason, resolution, result,
    satisfaction, escalated, unresolved_closure, repeat_of, merged_into, closed_at, version, updated_at, updated_by,
    visit_id,
    (SELECT m.name || '（' || u.name || '）' FROM members m JOIN units u ON u.id = m.unit_id WHERE m.id = tickets.member_id),
    (SELECT h.head || ' ' || h.address FROM households h WHERE h.id = tickets.household_id)";

/// A closed-list column of `tickets` that may be NULL (see `store::opt_code`).
fn code<T>(r: &Row, i: usize, f: fn(&str) -> Option<T>) -> rusqlite::Result<Option<T>> {
    super::opt_code(r, i, "tickets", f)
}

fn record_from_row(r: &Row) -> rusqlite::Result<TicketRecord> {
    Ok(TicketRecord {
        id: r.get(0)?,
        year: r.get(1)?,
        seq: r.get(2)?,
        center_id: r.get(3)?,
        channel: super::code(r, 4, "tickets", Channel::from_code)?,
        received_at: r.get(5)?,
        registered_by: r.get(6)?,
        first_staff_id: r.get(7)?,
        first_leader_id: r.get(8)?,
        petitioner_names: r.get(9)?,
        place_id: r.get(10)?,
        collective: r.get(11)?,
        head_count: r.get(12)?,
        category_id: r.get(13)?,
        urgency: super::code(r, 14, "tickets", Urgency::from_code)?,
        summary: r.get(15)?,
        content: r.get(16)?,
        request: r.get(17)?,
        visit_ref: r.get(18)?,
        state: super::code(r, 19, "tickets", State::from_code)?,
        round: r.get(20)?,
        proposed: code(r, 21, Classification::from_code)?,
        opinion: r.get(22)?,
        decision: code(r, 23, Classification::from_code)?,
        leader_id: r.get(24)?,
        instruction: r.get(25)?,
        answer: r.get(26)?,
        department_id: r.get(27)?,
        round_issued_on: r.get(28)?,
        clock_start: r.get(29)?,
        due: r.get(30)?,
        warn_at: r.get(31)?,
        limit_kind: code(r, 32, DayKind::from_code)?,
        extension_used: r.get(33)?,
        pending_ext_days: r.get(34)?,
        pending_ext_reason: r.get(35)?,
        resolution: code(r, 36, Resolution::from_code)?,
        result: r.get(37)?,
        satisfaction: code(r, 38, Satisfaction::from_code)?,
        escalated: r.get(39)?,
        unresolved_closure: r.get(40)?,
        repeat_of: r.get(41)?,
        merged_into: r.get(42)?,
        closed_at: r.get(43)?,
        version: r.get(44)?,
        updated_at: r.get(45)?,
        updated_by: r.get(46)?,
        visit_id: r.get(47)?,
        member: r.get(48)?,
        household: r.get(49)?,
        petitioners: vec![],
    })
}

fn load_record(conn: &rusqlite::Connection, id: i64) -> Result<Option<TicketRecord>> {
    let rec = conn
        .prepare_cached(&format!("SELECT {RECORD_COLS} FROM tickets WHERE id = ?1"))?
        .query_row([id], record_from_row)
        .optional()?;
    let Some(mut rec) = rec else { return Ok(None) };
    let mut s = conn.prepare_cached(
        "SELECT name, mobile, resident_id, address, place_id FROM petitioners WHERE ticket_id = ?1 ORDER BY idx",
    )?;
    rec.petitioners = s
        .query_map([id], |r| {
            Ok(PetitionerRecord {
                name: r.get(0)?,
                mobile: r.get(1)?,
                resident_id: r.get(2)?,
                address: r.get(3)?,
                place_id: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(Some(rec))
}

fn not_found(what: &str) -> StoreError {
    StoreError::NotFound(Problem::fill(T::NotFound, &[&what]))
}

/// A record visible to the actor, or a refusal that does not reveal whether it exists.
fn visible_record(conn: &rusqlite::Connection, actor: &Actor, id: i64) -> Result<TicketRecord> {
    match load_record(conn, id)? {
        Some(r) if can_see(actor, r.center_id, r.department_id) => Ok(r),
        _ => Err(not_found(&format!("#{id}"))),
    }
}

/// The clock columns for a state: open tickets without a clock sort last (NO_DUE); closed
/// tickets have none.
fn clock_columns(clock: Option<Clock>, open: bool) -> [Option<String>; 4] {
    match clock {
        Some(c) => [
            Some(fmt_date(c.start)),
            Some(fmt_date(c.due)),
            Some(fmt_date(c.warn_at)),
            Some(c.kind.code().into()),
        ],
        None if open => [None, Some(NO_DUE.into()), Some(NO_DUE.into()), None],
        None => [None, None, None, None],
    }
}

/// Inserts a ticket row as it stands, its petitioners and its search tokens; returns the id.
pub(crate) fn insert_record(c: &rusqlite::Connection, rec: &TicketRecord) -> Result<i64> {
    let stage = rec.state.stage().code();
    c.prepare_cached(
            "INSERT INTO tickets (year, seq, center_id, channel, received_at, registered_by, first_staff_id, first_leader_id,
                petitioner_names, place_id, collective, head_count, category_id, urgency, summary, content, request, visit_ref,
                state, stage, open, round, proposed, opinion, decision, leader_id, instruction, answer, department_id,
                round_issued_on, clock_start, due, warn_at, limit_kind, extension_used, pending_ext_days, pending_ext_reason,
                resolution, result, satisfaction, escalated, unresolved_closure, repeat_of, merged_into, closed_at, version,
                updated_at, updated_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22,
                ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32, ?33, ?34, ?35, ?36, ?37, ?38, ?39, ?40, ?41, ?42, ?43, ?44,
                ?45, ?46, ?47, ?48)",
        )?
        .execute(params![
            rec.year,
            rec.seq,
            rec.center_id,
            rec.channel.code(),
            rec.received_at,
            rec.registered_by,
            rec.first_staff_id,
            rec.first_leader_id,
            rec.petitioner_names,
            rec.place_id,
            rec.collective,
            rec.head_count,
            rec.category_id,
            rec.urgency.code(),
            rec.summary,
            rec.content,
            rec.request,
            rec.visit_ref,
            rec.state.code(),
            stage,
            rec.state.is_open(),
            rec.round,
            rec.proposed.map(|c| c.code()),
            rec.opinion,
            rec.decision.map(|c| c.code()),
            rec.leader_id,
            rec.instruction,
            rec.answer,
            rec.department_id,
            rec.round_issued_on,
            rec.clock_start,
            rec.due,
            rec.warn_at,
            rec.limit_kind.map(|k| k.code()),
            rec.extension_used,
            rec.pending_ext_days,
            rec.pending_ext_reason,
            rec.resolution.map(|r| r.code()),
            rec.result,
            rec.satisfaction.map(|s| s.code()),
            rec.escalated,
            rec.unresolved_closure,
            rec.repeat_of,
            rec.merged_into,
            rec.closed_at,
            rec.version,
            rec.updated_at,
            rec.updated_by,
        ])?;
    let id = super::inserted_id(c);
    let mut ins = c.prepare_cached(
            "INSERT INTO petitioners (ticket_id, idx, name, mobile, resident_id, address, place_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?;
    for (i, p) in rec.petitioners.iter().enumerate() {
        ins.execute(params![
            id,
            i as i64,
            p.name,
            p.mobile,
            p.resident_id,
            p.address,
            p.place_id
        ])?;
    }
    index_for_search(c, id, &rec.search_tokens(), rec.state.is_open())?;
    Ok(id)
}

/// Adds a ticket's search tokens to the full-text index (SQLite FTS5; see `queue::SEARCH_FROM`),
/// and while it is open to the index of open tickets (which a trigger leaves when it closes).
pub(crate) fn index_for_search(
    c: &rusqlite::Connection,
    id: i64,
    tokens: &str,
    open: bool,
) -> Result<()> {
    c.prepare_cached("INSERT INTO ticket_search (rowid, tokens) VALUES (?1, ?2)")?
        .execute(params![id, tokens])?;
    if open {
        c.prepare_cached("INSERT INTO ticket_search_open (rowid, tokens) VALUES (?1, ?2)")?
            .execute(params![id, tokens])?;
    }
    Ok(())
}

/// Rewrites one ticket's search tokens from its record (both indexes), inside the caller's
/// transaction: after the tokens' rules change (`store::names::fill_tickets`).
pub(crate) fn reindex_for_search(c: &rusqlite::Connection, id: i64) -> Result<()> {
    let Some(rec) = load_record(c, id)? else {
        return Ok(());
    };
    c.prepare_cached("DELETE FROM ticket_search WHERE rowid = ?1")?
        .execute([id])?;
    c.prepare_cached("DELETE FROM ticket_search_open WHERE rowid = ?1")?
        .execute([id])?;
    index_for_search(c, id, &rec.search_tokens(), rec.state.is_open())
}

/// After migration 10: the open tickets' tokens into `ticket_search_open`, once (the tokens are
/// computed here, not in SQL). One transaction: a killed process leaves it pending, to redo.
pub(crate) fn fill_open_search(c: &mut rusqlite::Connection) -> Result<()> {
    super::fill_pending(c, "open_search", |tx| {
        tx.execute("DELETE FROM ticket_search_open", [])?;
        let ids: Vec<i64> = tx
            .prepare("SELECT id FROM tickets WHERE open = 1 ORDER BY id")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for id in ids {
            if let Some(rec) = load_record(tx, id)? {
                tx.prepare_cached(
                    "INSERT INTO ticket_search_open (rowid, tokens) VALUES (?1, ?2)",
                )?
                .execute(params![id, rec.search_tokens()])?;
            }
        }
        Ok(())
    })
}

/// Makes a move inside the caller's transaction (for steps that write more than the ticket,
/// such as a hearing's outcome). `version = None` acts on the version read here.
pub(crate) fn apply_in(
    tx: &Transaction,
    actor: &Actor,
    id: i64,
    version: Option<i64>,
    mv: &Move,
    ctx: &FlowCtx,
    at: &str,
) -> Result<Change> {
    let rec = visible_record(tx, actor, id)?;
    if version.is_some_and(|v| v != rec.version) {
        return Err(StoreError::Stale(Stale {
            number: rec.number(),
            by: rec.updated_by.clone(),
            at: rec.updated_at.clone(),
        }));
    }
    let mv = refresh_move(tx, mv)?;
    let change = flow::decide(&rec.facts(), actor, &mv, ctx)?;
    write_change(tx, actor, &rec, &change, at)?;
    Ok(change)
}

/// Where a ticket came from besides its channel: a leader's visit, a Party member and household.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TicketLinks {
    pub visit_id: Option<i64>,
    pub member_id: Option<i64>,
    pub household_id: Option<i64>,
    /// When the petition was received, if earlier than its registration (a petition raised at
    /// a visit is received at the visit's date and time, whenever the clerk types it).
    pub received_at: Option<String>,
}

/// Registers a petition inside the caller's transaction.
#[allow(clippy::too_many_arguments)]
pub(crate) fn register_in(
    tx: &Transaction,
    actor: &Actor,
    intake: &Intake,
    link: IntakeLink,
    links: TicketLinks,
    ctx: &FlowCtx,
    at: &str,
    now: NaiveDateTime,
) -> Result<(i64, String)> {
    may(actor, Act::Register)?;
    let Some(center_id) = actor.center_id else {
        return Err(StoreError::Refused(Problem::of(
            T::RegisteringUserMustBelongTo,
        )));
    };
    match intake.first_handler {
        FirstHandler::Staff(s) => {
            let who: Option<(String, bool)> = tx
                .query_row(
                    "SELECT id, role, active FROM staff WHERE id = ?1",
                    [s],
                    |r| Ok((r.get(1)?, r.get(2)?)),
                )
                .optional()?;
            let ok = who.is_some_and(|(role, active)| {
                crate::domain::vocab::Role::from_code(&role)
                    .is_some_and(|r| crate::domain::roles::may_handle_first(r, active))
            });
            if !ok {
                return Err(StoreError::Refused(
                    Problem::of(T::FirstHandlerMustBeActive).in_field(T::FirstHandlerHeadField),
                ));
            }
        }
        FirstHandler::Leader(l) => {
            let active: Option<bool> = tx
                .query_row("SELECT active FROM leaders WHERE id = ?1", [l], |r| {
                    r.get(0)
                })
                .optional()?;
            if active != Some(true) {
                return Err(StoreError::Refused(
                    Problem::of(T::FirstHandlerMustBeServing).in_field(T::FirstHandlerHeadField),
                ));
            }
        }
    }
    let clock = flow::intake_clock(now.date(), intake.category_id, intake.urgency, ctx);
    let repeat_of = match link {
        IntakeLink::RepeatOf(id) | IntakeLink::MergeInto(id) => {
            visible_record(tx, actor, id)?;
            Some(id)
        }
        IntakeLink::None => None,
    };
    let year = now.year();
    let seq: i64 = tx.query_row(
        "SELECT IFNULL(MAX(seq), 0) + 1 FROM tickets WHERE year = ?1",
        [year],
        |r| r.get(0),
    )?;
    let mut rec =
        TicketRecord::new_registered(intake, center_id, year, seq, actor, at, clock, repeat_of);
    if let Some(r) = &links.received_at {
        rec.received_at = r.clone();
    }
    rec.id = insert_record(tx, &rec)?;
    if links.visit_id.is_some() || links.member_id.is_some() || links.household_id.is_some() {
        tx.execute(
            "UPDATE tickets SET visit_id = ?2, member_id = ?3, household_id = ?4 WHERE id = ?1",
            params![rec.id, links.visit_id, links.member_id, links.household_id],
        )?;
    }
    append(tx, register_event(&rec, actor, at))?;
    if let IntakeLink::MergeInto(target) = link {
        let mv = refresh_move(
            tx,
            &Move::Merge {
                into: MergeTarget {
                    id: target,
                    number: String::new(),
                    state: State::Closed,
                    center_id: 0,
                    department_id: None,
                },
                note: "登记时合并".into(),
            },
        )?;
        let change = flow::decide(&rec.facts(), actor, &mv, ctx)?;
        write_change(tx, actor, &rec, &change, at)?;
    }
    Ok((rec.id, rec.number()))
}

/// The audit event of a change to `before`.
pub fn change_event(before: &TicketRecord, change: &Change, actor: &Actor, at: &str) -> NewEvent {
    let mut e = NewEvent::by(
        actor,
        at,
        format!("ticket:{}", before.number()),
        change.kind.code(),
    );
    e.ticket_id = Some(before.id);
    e.department_id = change.department_id;
    e.from_state = change.from.code().into();
    e.to_state = change.to.code().into();
    e.note = change.note.clone();
    e.payload = payload_json(&change.details);
    e
}

/// The audit event of a registration at `at`. A petition received earlier (at a visit) has
/// its `received_at` in the event.
pub fn register_event(rec: &TicketRecord, actor: &Actor, at: &str) -> NewEvent {
    let mut e = NewEvent::by(actor, at, format!("ticket:{}", rec.number()), "register");
    e.ticket_id = Some(rec.id);
    e.to_state = State::Registered.code().into();
    e.note = rec.summary.clone();
    let mut details = vec![
        ("channel", rec.channel.code().to_string()),
        ("category", rec.category_id.to_string()),
    ];
    if let Some(r) = rec.repeat_of {
        details.push(("repeat_of", r.to_string()));
    }
    if rec.received_at != at {
        details.push(("received_at", rec.received_at.clone()));
    }
    e.payload = payload_json(&details);
    e
}

/// Writes a change: the whole mutable part of the row, guarded by the version, then the event.
fn write_change(
    tx: &Transaction,
    actor: &Actor,
    rec: &TicketRecord,
    change: &Change,
    at: &str,
) -> Result<()> {
    let mut new = rec.clone();
    new.apply(change, actor, at);
    let n = update_row(tx, Some(rec.version), &new)?;
    if n == 0 {
        return Err(stale_error(tx, rec)?);
    }
    append(tx, change_event(rec, change, actor, at))?;
    Ok(())
}

/// Writes every changing column of a ticket's row from `new` (its petitioners and search tokens
/// never change), if the row is still at `expected_version`; returns the rows written (0: stale).
pub(crate) fn update_row(
    c: &rusqlite::Connection,
    expected_version: Option<i64>,
    new: &TicketRecord,
) -> Result<usize> {
    Ok(c
        .prepare_cached(
            "UPDATE tickets SET state = ?3, stage = ?4, open = ?5, round = ?6, proposed = ?7, opinion = ?8, decision = ?9,
                leader_id = ?10, instruction = ?11, answer = ?12, department_id = ?13, round_issued_on = ?14,
                clock_start = ?15, due = ?16, warn_at = ?17, limit_kind = ?18, extension_used = ?19,
                pending_ext_days = ?20, pending_ext_reason = ?21, resolution = ?22, result = ?23, satisfaction = ?24,
                escalated = ?25, unresolved_closure = ?26, merged_into = ?27, closed_at = ?28, version = ?29,
                updated_at = ?30, updated_by = ?31
             WHERE id = ?1 AND (?2 IS NULL OR version = ?2)",
        )?
        .execute(params![
            new.id,
            expected_version,
            new.state.code(),
            new.state.stage().code(),
            new.state.is_open(),
            new.round,
            new.proposed.map(|c| c.code()),
            new.opinion,
            new.decision.map(|c| c.code()),
            new.leader_id,
            new.instruction,
            new.answer,
            new.department_id,
            new.round_issued_on,
            new.clock_start,
            new.due,
            new.warn_at,
            new.limit_kind.map(|k| k.code()),
            new.extension_used,
            new.pending_ext_days,
            new.pending_ext_reason,
            new.resolution.map(|r| r.code()),
            new.result,
            new.satisfaction.map(|s| s.code()),
            new.escalated,
            new.unresolved_closure,
            new.merged_into,
            new.closed_at,
            new.version,
            new.updated_at,
            new.updated_by,
        ])?)
}

fn stale_error(tx: &Transaction, rec: &TicketRecord) -> Result<StoreError> {
    let (by, at): (String, String) = tx.query_row(
        "SELECT updated_by, updated_at FROM tickets WHERE id = ?1",
        [rec.id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    Ok(StoreError::Stale(Stale {
        number: rec.number(),
        by,
        at,
    }))
}

/// Re-reads what a move refers to (department, leader, merge target) inside the transaction,
/// so a decision never rests on another desk's outdated view.
fn refresh_move(tx: &Transaction, mv: &Move) -> Result<Move> {
    let mut mv = mv.clone();
    match &mut mv {
        Move::Issue {
            leader_id,
            leader_active,
            decision,
            ..
        } => {
            *leader_active = tx
                .query_row(
                    "SELECT active FROM leaders WHERE id = ?1",
                    [*leader_id],
                    |r| r.get(0),
                )
                .optional()?
                .ok_or_else(|| {
                    StoreError::NotFound(Problem::with(
                        T::NotFound,
                        vec![Arg::Text(T::LeaderLower)],
                    ))
                })?;
            if let flow::Decision::Dispatch { department, .. } = decision {
                let (supervision, active): (bool, bool) = tx
                    .query_row(
                        "SELECT supervision, active FROM departments WHERE id = ?1",
                        [department.id],
                        |r| Ok((r.get(0)?, r.get(1)?)),
                    )
                    .optional()?
                    .ok_or_else(|| {
                        StoreError::NotFound(Problem::with(
                            T::NotFound,
                            vec![Arg::Text(T::HandlingDepartment)],
                        ))
                    })?;
                *department = DeptFacts {
                    id: department.id,
                    supervision,
                    active,
                };
            }
        }
        Move::Merge { into, .. } => {
            // The desk names the target by its number; the id is looked up here.
            let id = match (into.id, crate::domain::parse_ticket_number(&into.number)) {
                (0, Some((year, seq))) => tx
                    .query_row(
                        "SELECT id FROM tickets WHERE year = ?1 AND seq = ?2",
                        params![year, seq],
                        |r| r.get(0),
                    )
                    .optional()?
                    .ok_or_else(|| not_found(&into.number))?,
                (id, _) => id,
            };
            let target = load_record(tx, id)?.ok_or_else(|| not_found(&into.number))?;
            *into = MergeTarget {
                id: target.id,
                number: target.number(),
                state: target.state,
                center_id: target.center_id,
                department_id: target.department_id,
            };
        }
        _ => {}
    }
    Ok(mv)
}

fn visibility_sql(v: Visibility, alias: &str) -> (String, Option<i64>) {
    match v {
        Visibility::All => (String::new(), None),
        Visibility::Center(c) => (format!(" AND {alias}.center_id = ?"), Some(c)),
        Visibility::Department(d) => (format!(" AND {alias}.department_id = ?"), Some(d)),
    }
}

impl Store {
    /// Loads a ticket the actor may see.
    pub fn ticket(&self, actor: &Actor, id: i64) -> Result<TicketRecord> {
        visible_record(self.conn(), actor, id)
    }

    pub fn ticket_id_by_number(&self, year: i32, seq: i64) -> Result<Option<i64>> {
        Ok(self
            .conn()
            .query_row(
                "SELECT id FROM tickets WHERE year = ?1 AND seq = ?2",
                params![year, seq],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// The ticket's version now (to tell whether a screen shows an outdated copy).
    pub fn ticket_version(&self, id: i64) -> Result<Option<i64>> {
        Ok(self
            .conn()
            .query_row("SELECT version FROM tickets WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .optional()?)
    }

    /// Registers a petition: one transaction writes the ticket, its petitioners, its search
    /// tokens and its audit event (and, for a merge at intake, the merge and its event).
    pub fn register(
        &mut self,
        actor: &Actor,
        intake: &Intake,
        link: IntakeLink,
        ctx: &FlowCtx,
        now: NaiveDateTime,
    ) -> Result<(i64, String)> {
        let at = fmt_time(now);
        self.write(|tx| {
            register_in(
                tx,
                actor,
                intake,
                link,
                TicketLinks::default(),
                ctx,
                &at,
                now,
            )
        })
    }

    /// Makes one move: re-reads the ticket inside the transaction, refuses a stale version,
    /// asks the domain, writes the change and its audit event.
    pub fn apply_move(
        &mut self,
        actor: &Actor,
        id: i64,
        version: i64,
        mv: &Move,
        ctx: &FlowCtx,
        now: NaiveDateTime,
    ) -> Result<Change> {
        let at = fmt_time(now);
        self.write(|tx| apply_in(tx, actor, id, Some(version), mv, ctx, &at))
    }

    /// Earlier petitions by the same mobile number or resident ID, newest first.
    pub fn earlier_petitions(
        &self,
        actor: &Actor,
        mobile: Option<&str>,
        resident_id: Option<&str>,
        limit: usize,
    ) -> Result<Vec<EarlierPetition>> {
        let (vis, vis_arg) = visibility_sql(visibility(actor), "t");
        let mut out: Vec<EarlierPetition> = vec![];
        for (col, value, label) in [
            ("mobile", mobile, "mobile"),
            ("resident_id", resident_id, "resident_id"),
        ] {
            let Some(value) = value else { continue };
            let sql = format!(
                "SELECT t.id, t.year, t.seq, t.received_at, t.summary, t.state, p.name
                 FROM petitioners p JOIN tickets t ON t.id = p.ticket_id
                 WHERE p.{col} = ?{vis} ORDER BY t.id DESC LIMIT {limit}"
            );
            let mut stmt = self.conn().prepare_cached(&sql)?;
            let mut args: Vec<Value> = vec![Value::Text(value.to_string())];
            if let Some(v) = vis_arg {
                args.push(Value::Integer(v));
            }
            let rows = stmt.query_map(params_from_iter(args), |r| {
                Ok(EarlierPetition {
                    id: r.get(0)?,
                    number: ticket_number(r.get(1)?, r.get(2)?),
                    received_at: r.get(3)?,
                    summary: r.get(4)?,
                    state: crate::store::code(r, 5, "audit_log", State::from_code)?,
                    name: r.get(6)?,
                    matched_on: label,
                })
            })?;
            for row in rows {
                let row = row?;
                if !out.iter().any(|o| o.id == row.id) {
                    out.push(row);
                }
            }
        }
        out.sort_by_key(|p| std::cmp::Reverse(p.id));
        out.truncate(limit);
        Ok(out)
    }

    /// Tickets registered as repeats of this one, and the ones merged into it.
    pub fn related(&self, id: i64) -> Result<Vec<(String, &'static str)>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT year, seq, 'repeat' FROM tickets WHERE repeat_of = ?1
             UNION ALL SELECT year, seq, 'merged' FROM tickets WHERE merged_into = ?1 ORDER BY 1, 2",
        )?;
        let rows = stmt.query_map([id], |r| {
            let kind: String = r.get(2)?;
            Ok((
                ticket_number(r.get(0)?, r.get(1)?),
                if kind == "repeat" { "repeat" } else { "merged" },
            ))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

impl Store {
    /// Streams the tickets the actor may see, oldest first, without loading them all.
    pub fn for_each_ticket(
        &self,
        actor: &Actor,
        filter: &ExportFilter,
        mut f: impl FnMut(&TicketRecord) -> Result<()>,
    ) -> Result<usize> {
        let mut w: Vec<String> = vec![];
        let mut a: Vec<Value> = vec![];
        if let Some(from) = filter.from {
            w.push("received_at >= ?".into());
            a.push(Value::Text(fmt_date(from)));
        }
        if let Some(to) = filter.to {
            w.push("received_at < ?".into());
            a.push(Value::Text(fmt_date(to + chrono::Duration::days(1))));
        }
        if let Some(s) = filter.state {
            w.push("state = ?".into());
            a.push(Value::Text(s.code().into()));
        }
        let (vis, vis_arg) = visibility_sql(visibility(actor), "tickets");
        if let Some(v) = vis_arg {
            w.push(vis.trim_start_matches(" AND ").to_string());
            a.push(Value::Integer(v));
        }
        let where_sql = if w.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", w.join(" AND "))
        };
        let mut stmt = self.conn().prepare(&format!(
            "SELECT {RECORD_COLS} FROM tickets {where_sql} ORDER BY id"
        ))?;
        let mut rows = stmt.query(params_from_iter(a))?;
        let mut pets = self.conn().prepare_cached(
            "SELECT name, mobile, resident_id, address, place_id FROM petitioners WHERE ticket_id = ?1 ORDER BY idx",
        )?;
        let mut n = 0;
        while let Some(r) = rows.next()? {
            let mut rec = record_from_row(r)?;
            rec.petitioners = pets
                .query_map([rec.id], |r| {
                    Ok(PetitionerRecord {
                        name: r.get(0)?,
                        mobile: r.get(1)?,
                        resident_id: r.get(2)?,
                        address: r.get(3)?,
                        place_id: r.get(4)?,
                    })
                })?
                .collect::<rusqlite::Result<_>>()?;
            f(&rec)?;
            n += 1;
        }
        Ok(n)
    }
}
