//! Appending to and verifying the hash-chained audit log.

use rusqlite::{Connection, OptionalExtension, Transaction, params};

use super::{Result, Store};
use crate::domain::audit::{Event, GENESIS, Verdict, Verifier, chain, parse_hash};
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

/// Appends one event inside the caller's transaction (which must be IMMEDIATE, so the last
/// hash read here is still the last when it commits). Returns its sequence number.
pub(crate) fn append(tx: &Transaction, e: NewEvent) -> Result<i64> {
    let last: Option<(i64, String)> = tx
        .query_row(
            "SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let (seq, prev) = match last {
        Some((id, h)) => (id + 1, parse_hash(&h).unwrap_or(GENESIS)),
        None => (1, GENESIS),
    };
    let event = Event {
        seq,
        at: e.at,
        actor: e.actor,
        subject: e.subject,
        kind: e.kind,
        from_state: e.from_state,
        to_state: e.to_state,
        note: e.note,
        payload: e.payload,
    };
    let hash = chain(&prev, &event);
    tx.prepare_cached(
        "INSERT INTO audit_log (id, at, actor, actor_id, subject, ticket_id, department_id, kind,
                                from_state, to_state, note, payload, prev_hash, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
    )?
    .execute(params![
        seq,
        event.at,
        event.actor,
        e.actor_id,
        event.subject,
        e.ticket_id,
        e.department_id,
        event.kind,
        event.from_state,
        event.to_state,
        event.note,
        event.payload,
        hex(&prev),
        hex(&hash),
    ])?;
    Ok(seq)
}

/// Walks the whole chain in order and names the first broken link.
pub(crate) fn verify(conn: &Connection) -> Result<Verdict> {
    let mut stmt = conn.prepare(
        "SELECT id, at, actor, subject, kind, from_state, to_state, note, payload, prev_hash, hash
         FROM audit_log ORDER BY id",
    )?;
    let mut rows = stmt.query([])?;
    let mut v = Verifier::default();
    while let Some(r) = rows.next()? {
        let e = Event {
            seq: r.get(0)?,
            at: r.get(1)?,
            actor: r.get(2)?,
            subject: r.get(3)?,
            kind: r.get(4)?,
            from_state: r.get(5)?,
            to_state: r.get(6)?,
            note: r.get(7)?,
            payload: r.get(8)?,
        };
        let prev: String = r.get(9)?;
        let hash: String = r.get(10)?;
        if let Err(reason) = v.check(&e, &prev, &hash) {
            return Ok(Verdict::Broken { seq: e.seq, reason });
        }
    }
    Ok(Verdict::Intact { events: v.count() })
}

impl Store {
    pub fn verify_audit(&self) -> Result<Verdict> {
        verify(self.conn())
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

    /// Number of 退单 per department.
    pub fn return_count(&self, department_id: i64) -> Result<i64> {
        Ok(self.conn().query_row(
            "SELECT count(*) FROM audit_log WHERE department_id = ?1 AND kind = 'return'",
            [department_id],
            |r| r.get(0),
        )?)
    }
}
