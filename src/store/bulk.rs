//! Bulk loading for the demonstration district and `suqiu gen`: tickets already at their final
//! state, with their history appended to the audit chain in time order. Commits in batches and
//! with `synchronous = OFF`; on error the open batch is rolled back.
//!
//! Other desks write while a bulk load runs: a batch holds the write lock for at most
//! `BATCH_TIME`, then commits and pauses so that a waiting desk gets in, and each new batch
//! re-reads the chain's head (another desk may have appended meanwhile).

use std::time::{Duration, Instant};

use super::audit::head;
use super::{Result, Store};
use crate::store::audit::NewEvent;
use crate::store::tickets::{TicketRecord, insert_record};

/// How long one batch may hold the write lock: a desk waiting to save waits about this long.
pub const BATCH_TIME: Duration = Duration::from_millis(400);

/// The pause between batches, longer than SQLite's longest busy-handler sleep (100 ms), so that
/// a desk waiting for the lock takes it before the next batch does.
pub(crate) const BATCH_PAUSE: Duration = Duration::from_millis(120);

/// Appends to the audit chain and inserts generated tickets, one open transaction at a time.
pub struct BulkWriter<'a> {
    store: &'a mut Store,
    seq: i64,
    prev: [u8; 32],
    in_batch: usize,
    batch: usize,
    started: Instant,
    /// Tickets with events in the open batch: their dispatches are refreshed before it commits.
    touched: std::collections::BTreeSet<i64>,
}

impl<'a> BulkWriter<'a> {
    /// Next ticket sequence number for `year`.
    pub fn next_seq(&self, year: i32) -> Result<i64> {
        Ok(self.store.conn().query_row(
            "SELECT IFNULL(MAX(seq), 0) + 1 FROM tickets WHERE year = ?1",
            [year],
            |r| r.get(0),
        )?)
    }

    fn tick(&mut self) -> Result<()> {
        self.in_batch += 1;
        if self.in_batch >= self.batch || self.started.elapsed() >= BATCH_TIME {
            self.refresh_touched()?;
            self.store.conn().execute_batch("COMMIT")?;
            std::thread::sleep(BATCH_PAUSE);
            self.store.conn().execute_batch("BEGIN IMMEDIATE")?;
            (self.seq, self.prev) = head(self.store.conn())?;
            self.in_batch = 0;
            self.started = Instant::now();
        }
        Ok(())
    }

    /// Inserts a ticket row, its petitioners and its search tokens, and its registration event
    /// (made by `event` from the row with its new id), in the same batch. `rec.id` is ignored;
    /// the new id is returned.
    pub fn register(
        &mut self,
        rec: &TicketRecord,
        event: impl FnOnce(&TicketRecord) -> NewEvent,
    ) -> Result<i64> {
        let id = insert_record(self.store.conn(), rec)?;
        let mut rec = rec.clone();
        rec.id = id;
        self.chain(event(&rec))?;
        self.tick()?;
        Ok(id)
    }

    /// Appends a ticket's move and writes its row as it stands after it, in the same batch.
    pub fn append_move(&mut self, e: NewEvent, after: &TicketRecord) -> Result<()> {
        self.chain(e)?;
        super::tickets::update_row(self.store.conn(), None, after)?;
        self.tick()
    }

    /// Appends one event to the chain. Callers append in time order.
    pub fn append(&mut self, e: NewEvent) -> Result<()> {
        self.chain(e)?;
        self.tick()
    }

    fn refresh_touched(&mut self) -> Result<()> {
        let mut cal = None;
        for t in std::mem::take(&mut self.touched) {
            super::facts::refresh_with(self.store.conn(), t, &mut cal)?;
        }
        Ok(())
    }

    fn chain(&mut self, e: NewEvent) -> Result<()> {
        self.seq += 1;
        if let Some(t) = e.ticket_id {
            self.touched.insert(t);
        }
        let event = e.numbered(self.seq);
        self.prev = super::audit::insert(self.store.conn(), &event, &self.prev)?;
        Ok(())
    }
}

impl Store {
    /// Runs a bulk load. Other desks can keep reading; writers wait for each batch.
    pub fn bulk<T>(
        &mut self,
        batch: usize,
        f: impl FnOnce(&mut BulkWriter) -> Result<T>,
    ) -> Result<T> {
        self.conn()
            .execute_batch("PRAGMA synchronous = OFF; BEGIN IMMEDIATE")?;
        let (seq, prev) = head(self.conn())?;
        let mut w = BulkWriter {
            store: self,
            seq,
            prev,
            in_batch: 0,
            batch: batch.max(1),
            started: Instant::now(),
            touched: Default::default(),
        };
        let out = f(&mut w).and_then(|v| w.refresh_touched().map(|()| v));
        let end = match &out {
            Ok(_) => "COMMIT",
            Err(_) => "ROLLBACK",
        };
        let closed = self.conn().execute_batch(end);
        self.conn().execute_batch("PRAGMA synchronous = FULL")?;
        closed?;
        out
    }
}
