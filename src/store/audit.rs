//! Appending to and verifying the hash-chained audit log.

use rusqlite::{Connection, OptionalExtension, Transaction, params};

use super::{Result, Store};
use crate::domain::Problem;
use crate::domain::audit::{
    Anchor, CURRENT_VERSION, Event, GENESIS, UPGRADE_KIND, Verdict, Verifier, chain, parse_hash,
    payload_json,
};
use crate::domain::hex;
use crate::domain::roles::Actor;

pub use crate::records::audit::TimelineEntry;

/// An event to append. The sequence number and hashes are assigned by `append`.
#[derive(Debug, Clone, Default)]
pub struct NewEvent {
    pub at: String,
    pub actor: String,
    pub actor_id: Option<i64>,
    pub subject: String,
    pub ticket_id: Option<i64>,
    pub department_id: Option<i64>,
    pub kind: String,
    pub from_state: String,
    pub to_state: String,
    pub note: String,
    pub payload: String,
}

impl NewEvent {
    pub fn by(
        actor: &Actor,
        at: &str,
        subject: impl Into<String>,
        kind: impl Into<String>,
    ) -> NewEvent {
        NewEvent {
            at: at.to_string(),
            actor: actor.name.clone(),
            actor_id: actor.staff_id,
            subject: subject.into(),
            kind: kind.into(),
            payload: "{}".into(),
            ..NewEvent::default()
        }
    }
}

impl NewEvent {
    /// The event as it is hashed, numbered `seq`, in the current chain version.
    pub(crate) fn numbered(self, seq: i64) -> Event {
        Event {
            seq,
            version: CURRENT_VERSION,
            at: self.at,
            actor: self.actor,
            actor_id: self.actor_id,
            subject: self.subject,
            ticket_id: self.ticket_id,
            department_id: self.department_id,
            kind: self.kind,
            from_state: self.from_state,
            to_state: self.to_state,
            note: self.note,
            payload: self.payload,
        }
    }
}

/// The newest event's number and hash (0 and the genesis hash on an empty log).
pub(crate) fn head(c: &Connection) -> Result<(i64, [u8; 32])> {
    let last: Option<(i64, String)> = c
        .prepare_cached("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1")?
        .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    Ok(match last {
        Some((id, h)) => (id, parse_hash(&h).unwrap_or(GENESIS)),
        None => (0, GENESIS),
    })
}

/// Writes `event` chained onto `prev`; returns its hash.
pub(crate) fn insert(c: &Connection, event: &Event, prev: &[u8; 32]) -> Result<[u8; 32]> {
    let hash = chain(prev, event);
    c.prepare_cached(
        "INSERT INTO audit_log (id, chain, at, actor, actor_id, subject, ticket_id, department_id,
                                kind, from_state, to_state, note, payload, prev_hash, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
    )?
    .execute(params![
        event.seq,
        event.version,
        event.at,
        event.actor,
        event.actor_id,
        event.subject,
        event.ticket_id,
        event.department_id,
        event.kind,
        event.from_state,
        event.to_state,
        event.note,
        event.payload,
        hex(prev),
        hex(&hash),
    ])?;
    Ok(hash)
}

/// Appends one event inside the caller's transaction (which must be IMMEDIATE, so the last
/// hash read here is still the last when it commits). Returns its sequence number.
pub(crate) fn append(tx: &Transaction, e: NewEvent) -> Result<i64> {
    let (last, prev) = head(tx)?;
    let event = e.numbered(last + 1);
    insert(tx, &event, &prev)?;
    Ok(event.seq)
}

/// On a log whose events are all version 1 (written before migration 07), appends the event
/// that starts version 2 and names the old head. Does nothing on an empty or upgraded log.
pub(crate) fn upgrade_chain(c: &mut Connection, now: &str) -> Result<()> {
    let tx = c.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    let newest: Option<i64> = tx
        .query_row(
            "SELECT chain FROM audit_log ORDER BY id DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .optional()?;
    if newest == Some(1) {
        let (seq, prev) = head(&tx)?;
        let event = NewEvent {
            at: now.to_string(),
            actor: "suqiu".into(),
            subject: "audit".into(),
            kind: UPGRADE_KIND.into(),
            payload: payload_json(&[("head_seq", seq.to_string()), ("head_hash", hex(&prev))]),
            ..NewEvent::default()
        }
        .numbered(seq + 1);
        insert(&tx, &event, &prev)?;
    }
    tx.commit()?;
    Ok(())
}

/// Walks the whole chain in order and names the first broken link; then checks each anchor.
/// `seen` is shown every event as it is read (the replay's facts are gathered in the same
/// pass: the log is read once).
pub(crate) fn verify(
    conn: &Connection,
    anchors: &[Anchor],
    mut seen: impl FnMut(&Event),
) -> Result<AuditReport> {
    let mut stmt = conn.prepare(
        "SELECT id, chain, at, actor, actor_id, subject, ticket_id, department_id, kind,
                from_state, to_state, note, payload, prev_hash, hash
         FROM audit_log ORDER BY id",
    )?;
    let mut rows = stmt.query([])?;
    let mut v = Verifier::default();
    let mut at_anchor: Vec<Option<[u8; 32]>> = vec![None; anchors.len()];
    let mut verdict = None;
    while let Some(r) = rows.next()? {
        let e = Event {
            seq: r.get(0)?,
            version: r.get(1)?,
            at: r.get(2)?,
            actor: r.get(3)?,
            actor_id: r.get(4)?,
            subject: r.get(5)?,
            ticket_id: r.get(6)?,
            department_id: r.get(7)?,
            kind: r.get(8)?,
            from_state: r.get(9)?,
            to_state: r.get(10)?,
            note: r.get(11)?,
            payload: r.get(12)?,
        };
        let prev: String = r.get(13)?;
        let hash: String = r.get(14)?;
        for (a, found) in anchors.iter().zip(at_anchor.iter_mut()) {
            if a.seq == e.seq {
                *found = Some(parse_hash(&hash).unwrap_or(GENESIS));
            }
        }
        if verdict.is_none()
            && let Err(reason) = v.check(&e, &prev, &hash)
        {
            verdict = Some(Verdict::Broken { seq: e.seq, reason });
        }
        seen(&e);
    }
    let (last_seq, _) = head(conn)?;
    let anchor_problems = anchors
        .iter()
        .zip(&at_anchor)
        .filter_map(|(a, found)| a.check(found.as_ref(), last_seq).err())
        .collect();
    Ok(AuditReport {
        verdict: verdict.unwrap_or(Verdict::Intact { events: v.count() }),
        anchor_problems,
    })
}

/// What `verify` found: the chain's verdict and every anchor that no longer holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditReport {
    pub verdict: Verdict,
    pub anchor_problems: Vec<Problem>,
}

impl Store {
    pub fn verify_audit(&self) -> Result<Verdict> {
        Ok(verify(self.conn(), &[], |_| {})?.verdict)
    }

    /// The chain and each anchor (`suqiu audit verify --anchor`).
    pub fn verify_audit_with(&self, anchors: &[Anchor]) -> Result<AuditReport> {
        verify(self.conn(), anchors, |_| {})
    }

    /// Everything `suqiu audit verify` checks, reading the log once: the chain and its anchors,
    /// then every row against its history and every tally against what it counts.
    pub fn audit_check(&self, anchors: &[Anchor]) -> Result<(AuditReport, super::replay::Replay)> {
        let mut facts = super::replay::LogFacts::default();
        let report = verify(self.conn(), anchors, |e| facts.take(e))?;
        let replay = self.replay_with(facts)?;
        Ok((report, replay))
    }

    /// The newest event's number and hash, as every printout states it; `None` on an empty log.
    pub fn audit_head(&self) -> Result<Option<Anchor>> {
        let (seq, hash) = head(self.conn())?;
        Ok((seq > 0).then_some(Anchor { seq, hash }))
    }

    /// The number of tickets and of audit events, for reports after bulk writes.
    pub fn totals(&self) -> Result<(usize, u64)> {
        let t: i64 = self
            .conn()
            .query_row("SELECT COUNT(*) FROM tickets", [], |r| r.get(0))?;
        let e: i64 =
            self.conn()
                .query_row("SELECT IFNULL(MAX(id), 0) FROM audit_log", [], |r| r.get(0))?;
        Ok((t as usize, e as u64))
    }

    /// Appends a standalone event (sign-ins, reference data changes, calendar loads).
    pub fn log(&mut self, e: NewEvent) -> Result<i64> {
        self.write(|tx| append(tx, e))
    }

    /// The events of one ticket, oldest first.
    pub fn timeline(&self, ticket_id: i64) -> Result<Vec<TimelineEntry>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT id, at, actor, kind, from_state, to_state, note, payload
             FROM audit_log WHERE ticket_id = ?1 ORDER BY id",
        )?;
        let rows = stmt.query_map([ticket_id], |r| {
            Ok(TimelineEntry {
                seq: r.get(0)?,
                at: r.get(1)?,
                actor: r.get(2)?,
                kind: r.get(3)?,
                from_state: r.get(4)?,
                to_state: r.get(5)?,
                note: r.get(6)?,
                payload: r.get(7)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Number of 退单 per department (kept by a trigger as the log grows: one row read however
    /// long the history; `audit verify` recounts it).
    pub fn return_count(&self, department_id: i64) -> Result<i64> {
        Ok(self
            .conn()
            .prepare_cached("SELECT n FROM department_returns WHERE department_id = ?1")?
            .query_row([department_id], |r| r.get(0))
            .optional()?
            .unwrap_or(0))
    }
}
