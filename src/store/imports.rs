//! Imports of many rows (the roster, members, households) in batches: every row is checked
//! before anything is written, then rows are inserted in transactions of at most `BATCH_TIME`
//! each, so that another desk waiting to save waits well under a second.
//!
//! An import is recorded in `imports` with the SHA-256 of its rows and how many are in. Progress
//! is committed with each batch, so an import cut short (a killed process, a full disk) loses
//! nothing: importing the same rows again resumes where it stopped. Rows already imported in
//! full are refused, so that a file imported twice does not put everyone in twice.

use crate::text::T;
use std::time::Instant;

use chrono::NaiveDateTime;
use rusqlite::{OptionalExtension, Transaction, params};
use sha2::{Digest, Sha256};

use super::audit::{NewEvent, append};
use super::bulk::{BATCH_PAUSE, BATCH_TIME};
use super::{Result, Store, StoreError, fmt_time};
use crate::domain::audit::payload_json;
use crate::domain::roles::Actor;
use crate::domain::{Problem, hex};

/// What an import did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImportReport {
    /// Rows inserted by this run.
    pub imported: usize,
    /// Rows an earlier, interrupted run of the same import had inserted already.
    pub resumed_from: usize,
}

/// The identity of an import: the SHA-256 over its validated rows, one per line.
pub fn rows_sha256<T: std::fmt::Debug>(rows: &[T]) -> String {
    let mut h = Sha256::new();
    for r in rows {
        h.update(format!("{r:?}\n").as_bytes());
    }
    hex(&h.finalize())
}

/// One kind of import: how to check a row without writing, and how to insert it.
pub(crate) struct ImportKind<'a, T> {
    /// `reps`, `members` or `households`.
    pub code: &'static str,
    /// A row's refusal, named by its place in the file.
    /// (`i` is the row's place among the rows; the file's line is the row's own where it
    /// keeps one.)
    pub row_error: fn(usize, &T, StoreError) -> StoreError,
    pub check: &'a dyn Fn(&rusqlite::Connection, &T) -> Result<()>,
    pub insert: &'a dyn Fn(&Transaction, &T, &str) -> Result<()>,
    /// Whether the same rows may be imported again after they went in in full: true where
    /// importing twice cannot double anything (the roster: a person already on it is refused,
    /// a row with its 编号 updates); false where it would (members, households).
    pub repeatable: bool,
}

/// Where an import stands: its id and how many rows are in.
fn start(
    tx: &Transaction,
    actor: &Actor,
    (code, repeatable): (&str, bool),
    sha: &str,
    total: usize,
    at: &str,
) -> Result<(i64, usize)> {
    let prior: Option<(i64, i64, i64, Option<String>, String)> = tx
        .query_row(
            "SELECT id, total, done, finished_at, actor FROM imports WHERE kind = ?1 AND sha256 = ?2 ORDER BY id DESC LIMIT 1",
            params![code, sha],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )
        .optional()?;
    match prior {
        Some((_, total, _, Some(finished), by)) if !repeatable => {
            // `YYYY-MM-DD HH:MM`, and the actor as the terminal may show it.
            let on: String = finished.chars().take(16).collect();
            let by = crate::domain::text::for_terminal(&by);
            Err(StoreError::Refused(Problem::fill(
                T::TheseRowsWereImportedOn,
                &[&on, &by, &total],
            )))
        }
        Some((id, t, done, None, _)) if t as usize == total => Ok((id, done as usize)),
        _ => {
            tx.execute(
                "INSERT INTO imports (kind, sha256, total, started_at, actor) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![code, sha, total as i64, at, actor.name],
            )?;
            let id = super::inserted_id(tx);
            let mut e = NewEvent::by(actor, at, format!("import:{id}"), "import_started");
            e.payload = payload_json(&[
                ("kind", code.into()),
                ("rows", total.to_string()),
                ("sha256", sha.into()),
            ]);
            append(tx, e)?;
            Ok((id, 0))
        }
    }
}

impl Store {
    /// Runs an import: checks every row, then inserts in batches, committing progress with each.
    pub(crate) fn run_import<T: std::fmt::Debug>(
        &mut self,
        actor: &Actor,
        kind: &ImportKind<T>,
        rows: &[T],
        now: NaiveDateTime,
    ) -> Result<ImportReport> {
        let sha = rows_sha256(rows);
        // Rows an interrupted run of these rows put in already are not checked again (they are
        // in: a check that a person is not on the roster yet would refuse them).
        let already: usize = self
            .conn()
            .query_row(
                "SELECT done FROM imports WHERE kind = ?1 AND sha256 = ?2 AND total = ?3
                   AND finished_at IS NULL ORDER BY id DESC LIMIT 1",
                params![kind.code, sha, rows.len() as i64],
                |r| r.get::<_, i64>(0),
            )
            .optional()?
            .unwrap_or(0) as usize;
        for (i, r) in rows.iter().enumerate().skip(already) {
            (kind.check)(self.conn(), r).map_err(|e| (kind.row_error)(i, r, e))?;
        }
        let at = fmt_time(now);
        let (id, resumed_from) = self.write(|tx| {
            start(
                tx,
                actor,
                (kind.code, kind.repeatable),
                &sha,
                rows.len(),
                &at,
            )
        })?;
        let progress = self.progress().clone();
        let job = progress.start(crate::text::T::ProgressImport, rows.len() as u64);
        let mut done = resumed_from;
        job.set(done as u64);
        while done < rows.len() {
            if done > resumed_from {
                std::thread::sleep(BATCH_PAUSE);
            }
            done = self.write(|tx| {
                let started = Instant::now();
                let mut i = done;
                while i < rows.len() && (i == done || started.elapsed() < BATCH_TIME) {
                    (kind.insert)(tx, &rows[i], &at)
                        .map_err(|e| (kind.row_error)(i, &rows[i], e))?;
                    i += 1;
                }
                tx.execute(
                    "UPDATE imports SET done = ?2 WHERE id = ?1",
                    params![id, i as i64],
                )?;
                Ok(i)
            })?;
            job.set(done as u64);
        }
        drop(job);
        self.write(|tx| {
            tx.execute(
                "UPDATE imports SET finished_at = ?2 WHERE id = ?1",
                params![id, at],
            )?;
            let mut e = NewEvent::by(actor, &at, format!("import:{id}"), "import_done");
            e.payload = payload_json(&[
                ("kind", kind.code.into()),
                ("rows", rows.len().to_string()),
                ("resumed_from", resumed_from.to_string()),
            ]);
            append(tx, e)?;
            Ok(())
        })?;
        Ok(ImportReport {
            imported: rows.len() - resumed_from,
            resumed_from,
        })
    }
}

/// A recorded import, for the auditor and for a clerk wondering whether a file went in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportRow {
    pub id: i64,
    /// `reps`, `members` or `households`.
    pub kind: String,
    pub sha256: String,
    pub total: usize,
    pub done: usize,
    pub started_at: String,
    /// `None` while running, or when cut short and not yet resumed.
    pub finished_at: Option<String>,
    pub actor: String,
}

impl Store {
    /// Imports, newest first.
    pub fn imports(&self, limit: usize) -> Result<Vec<ImportRow>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT id, kind, sha256, total, done, started_at, finished_at, actor FROM imports ORDER BY id DESC LIMIT ?1",
        )?;
        let rows = stmt.query_map([limit as i64], |r| {
            Ok(ImportRow {
                id: r.get(0)?,
                kind: r.get(1)?,
                sha256: r.get(2)?,
                total: r.get::<_, i64>(3)? as usize,
                done: r.get::<_, i64>(4)? as usize,
                started_at: r.get(5)?,
                finished_at: r.get(6)?,
                actor: r.get(7)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
