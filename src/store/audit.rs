//! Appending to and verifying the hash-chained audit log.

use rusqlite::{Connection, OptionalExtension, Transaction, params};

use super::{Result, Store};
use crate::domain::Problem;
use crate::domain::audit::{
    Anchor, CURRENT_VERSION, Event, EventRef, GENESIS, UPGRADE_KIND, Verdict, Verifier, chain,
    parse_hash, payload_json,
};
use crate::domain::hex;
use crate::domain::roles::Actor;
use crate::text::T;

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
    if let Some(t) = event.ticket_id {
        super::facts::refresh(tx, t)?;
    }
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

/// Rows read from the log and handed to the thread that checks them, their text in one buffer
/// (no string per column: a log has millions of events). The reading thread only copies bytes;
/// the checking thread tells whether they are text (UTF-8), one row at a time.
#[derive(Default)]
struct Batch {
    ints: Vec<Ints>,
    text: Vec<u8>,
    /// Per row, where each of its `TEXTS` text columns ends in `text`.
    ends: Vec<[u32; TEXTS]>,
}

/// A row's id, chain version, actor id, ticket id and department id.
type Ints = (i64, i64, Option<i64>, Option<i64>, Option<i64>);

/// The text columns, by their place in the query.
const TEXT_COLUMNS: [(usize, &str); TEXTS] = [
    (2, "at"),
    (3, "actor"),
    (5, "subject"),
    (8, "kind"),
    (9, "from_state"),
    (10, "to_state"),
    (11, "note"),
    (12, "payload"),
    (13, "prev_hash"),
    (14, "hash"),
];
const TEXTS: usize = 10;
const BATCH_ROWS: usize = 4096;

/// Row `i` of a batch as an event, with its stored previous hash and hash, and the first of
/// its columns that is not text (bytes that are not UTF-8, written with `sqlite3`; that column
/// reads as empty and the event breaks the chain).
type Row<'a> = (EventRef<'a>, &'a str, &'a str, Option<&'static str>);

impl Batch {
    fn clear(&mut self) {
        self.ints.clear();
        self.text.clear();
        self.ends.clear();
    }

    fn push(&mut self, r: &rusqlite::Row) -> rusqlite::Result<()> {
        self.ints
            .push((r.get(0)?, r.get(1)?, r.get(4)?, r.get(6)?, r.get(7)?));
        let mut ends = [0u32; TEXTS];
        for (end, (col, _)) in ends.iter_mut().zip(TEXT_COLUMNS) {
            let v = r.get_ref(col)?;
            let b = v.as_bytes().map_err(|e| {
                rusqlite::Error::FromSqlConversionFailure(col, v.data_type(), Box::new(e))
            })?;
            self.text.extend_from_slice(b);
            *end = self.text.len() as u32;
        }
        self.ends.push(ends);
        Ok(())
    }

    fn row(&self, i: usize) -> Row<'_> {
        let start = if i == 0 {
            0
        } else {
            self.ends[i - 1][TEXTS - 1]
        } as usize;
        let ends = &self.ends[i];
        let span = &self.text[start..ends[TEXTS - 1] as usize];
        let mut t = [""; TEXTS];
        let mut not_text = None;
        // One check of the whole row: if it is UTF-8 and each column starts on a character,
        // each column is UTF-8.
        match std::str::from_utf8(span) {
            Ok(all)
                if ends
                    .iter()
                    .all(|e| all.is_char_boundary(*e as usize - start)) =>
            {
                let mut from = 0;
                for (slot, end) in t.iter_mut().zip(ends) {
                    let end = *end as usize - start;
                    *slot = &all[from..end];
                    from = end;
                }
            }
            _ => {
                let mut from = start;
                for ((slot, end), (_, name)) in t.iter_mut().zip(ends).zip(TEXT_COLUMNS) {
                    match std::str::from_utf8(&self.text[from..*end as usize]) {
                        Ok(s) => *slot = s,
                        Err(_) => not_text = not_text.or(Some(name)),
                    }
                    from = *end as usize;
                }
            }
        }
        let (seq, version, actor_id, ticket_id, department_id) = self.ints[i];
        let e = EventRef {
            seq,
            version,
            at: t[0],
            actor: t[1],
            actor_id,
            subject: t[2],
            ticket_id,
            department_id,
            kind: t[3],
            from_state: t[4],
            to_state: t[5],
            note: t[6],
            payload: t[7],
        };
        (e, t[8], t[9], not_text)
    }
}

/// What the checking thread found: the first broken link, the hash at each anchor's event and
/// how many events were checked.
struct Checked {
    verdict: Option<Verdict>,
    at_anchor: Vec<Option<[u8; 32]>>,
    count: u64,
}

/// Walks the whole chain in order and names the first broken link; then checks each anchor.
/// `seen` is shown every event as it is read (the replay's facts are gathered in the same
/// pass: the log is read once).
///
/// Two threads (two cores): this one steps SQLite through the log and copies each batch of
/// rows into one buffer; the other hashes, links and shows them to `seen`, while the next batch
/// is read. Batches go back to be refilled, so the pass allocates a few buffers in all.
pub(crate) fn verify(
    conn: &Connection,
    anchors: &[Anchor],
    mut seen: impl FnMut(&EventRef) + Send,
) -> Result<AuditReport> {
    let mut stmt = conn.prepare(
        "SELECT id, chain, at, actor, actor_id, subject, ticket_id, department_id, kind,
                from_state, to_state, note, payload, prev_hash, hash
         FROM audit_log ORDER BY id",
    )?;
    let (full_tx, full_rx) = std::sync::mpsc::sync_channel::<Batch>(3);
    let (empty_tx, empty_rx) = std::sync::mpsc::channel::<Batch>();
    let (read, checked) = std::thread::scope(|scope| {
        let checker = scope.spawn(move || {
            let mut v = Verifier::default();
            let mut out = Checked {
                verdict: None,
                at_anchor: vec![None; anchors.len()],
                count: 0,
            };
            for batch in full_rx {
                for i in 0..batch.ints.len() {
                    let (e, prev, hash, not_text) = batch.row(i);
                    for (a, found) in anchors.iter().zip(out.at_anchor.iter_mut()) {
                        if a.seq == e.seq {
                            *found = Some(parse_hash(hash).unwrap_or(GENESIS));
                        }
                    }
                    if out.verdict.is_none()
                        && let Some(column) = not_text
                    {
                        out.verdict = Some(Verdict::Broken {
                            seq: e.seq,
                            reason: Problem::fill(T::AuditColumnNotText, &[&column]),
                        });
                    }
                    if out.verdict.is_none()
                        && let Err(reason) = v.check(e, prev, hash)
                    {
                        out.verdict = Some(Verdict::Broken { seq: e.seq, reason });
                    }
                    seen(&e);
                }
                // The reader may have stopped: a batch it no longer wants is dropped.
                let _ = empty_tx.send(batch);
            }
            out.count = v.count();
            out
        });
        let read = (|| -> rusqlite::Result<()> {
            let mut rows = stmt.query([])?;
            let mut batch = Batch::default();
            while let Some(r) = rows.next()? {
                batch.push(r)?;
                if batch.ints.len() == BATCH_ROWS {
                    let mut next = empty_rx.try_recv().unwrap_or_default();
                    next.clear();
                    if full_tx.send(std::mem::replace(&mut batch, next)).is_err() {
                        break;
                    }
                }
            }
            if !batch.ints.is_empty() {
                let _ = full_tx.send(batch);
            }
            Ok(())
        })();
        drop(full_tx);
        let checked = match checker.join() {
            Ok(c) => c,
            Err(panic) => std::panic::resume_unwind(panic),
        };
        (read, checked)
    });
    read?;
    let (last_seq, _) = head(conn)?;
    let anchor_problems = anchors
        .iter()
        .zip(&checked.at_anchor)
        .filter_map(|(a, found)| a.check(found.as_ref(), last_seq).err())
        .collect();
    Ok(AuditReport {
        verdict: checked.verdict.unwrap_or(Verdict::Intact {
            events: checked.count,
        }),
        anchor_problems,
    })
}

/// What `verify` found: the chain's verdict and every anchor that no longer holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditReport {
    pub verdict: Verdict,
    pub anchor_problems: Vec<Problem>,
}

/// How many events the log holds (its newest number): the total of a check's progress.
fn events_so_far(conn: &Connection) -> Result<u64> {
    let n: i64 = conn.query_row("SELECT IFNULL(MAX(id), 0) FROM audit_log", [], |r| r.get(0))?;
    Ok(n.max(0) as u64)
}

impl Store {
    pub fn verify_audit(&self) -> Result<Verdict> {
        Ok(self.verify_audit_with(&[])?.verdict)
    }

    /// The chain and each anchor (`suqiu audit verify --anchor`), as of one moment.
    pub fn verify_audit_with(&self, anchors: &[Anchor]) -> Result<AuditReport> {
        let moment = self.conn().unchecked_transaction()?;
        let job = self
            .progress()
            .start(T::ProgressAudit, events_so_far(&moment)?);
        verify(&moment, anchors, |_| job.advance(1))
    }

    /// Everything `suqiu audit verify` checks, reading the log once: the chain and its anchors,
    /// then every row against its history and every tally against what it counts. All of it
    /// in one read transaction: a desk that registers or moves a ticket meanwhile is not seen
    /// half (its row without its event, or the reverse).
    pub fn audit_check(&self, anchors: &[Anchor]) -> Result<(AuditReport, super::replay::Replay)> {
        let moment = self.conn().unchecked_transaction()?;
        let mut facts = super::replay::LogFacts::default();
        let job = self
            .progress()
            .start(T::ProgressAudit, events_so_far(&moment)?);
        let report = verify(&moment, anchors, |e| {
            facts.take(e);
            job.advance(1)
        })?;
        drop(job);
        let replay = self.replay_with(facts)?;
        drop(moment);
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
