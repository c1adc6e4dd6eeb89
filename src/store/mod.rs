//! The only place that speaks SQL. One file per aggregate; the audit chain in `audit.rs`.
//!
//! Every change a user makes is one `IMMEDIATE` transaction that writes the new state and its
//! audit event together. Tickets carry a version: an update made against a stale version is
//! refused with who changed it and when, never merged.

use crate::text::T;
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::NaiveDateTime;
use include_dir::{Dir, include_dir};
use rusqlite::{Connection, OpenFlags, TransactionBehavior};
use rusqlite_migration::Migrations;

use crate::domain::{Lang, Problem};

pub mod annual;
pub mod audit;
pub mod bulk;
pub mod bulletin;
pub mod calendar;
pub mod draws;
pub mod facts;
pub mod hearings;
pub mod imports;
pub mod ledgers;
pub mod member_work;
pub mod members;
pub(crate) mod names;
pub mod org;
pub mod places;
pub mod queue;
pub mod replay;
pub mod reports;
pub mod roster;
pub mod staff;
pub mod tickets;
pub mod visits;

static MIGRATIONS_DIR: Dir = include_dir!("$CARGO_MANIFEST_DIR/migrations");

/// The schema version this build writes (the number of migrations).
pub fn schema_version() -> usize {
    MIGRATIONS_DIR.dirs().count()
}

fn migrations() -> Result<Migrations<'static>, StoreError> {
    Migrations::from_directory(&MIGRATIONS_DIR).map_err(|e| StoreError::Migration(e.to_string()))
}

/// Creates a database at an older schema version (for testing upgrades).
#[doc(hidden)]
pub fn create_at_version(path: &Path, version: usize) -> Result<()> {
    let mut conn = Connection::open(path)?;
    migrations()?
        .to_version(&mut conn, version)
        .map_err(|e| StoreError::Migration(e.to_string()))?;
    Ok(())
}

pub use crate::records::{NO_DUE, TIME_FMT, fmt_date, fmt_time, parse_date, parse_time};

/// Another desk changed the ticket since it was loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stale {
    pub number: String,
    pub by: String,
    pub at: String,
}

#[derive(Debug)]
pub enum StoreError {
    /// A rule or a validation said no; the message says what to fix.
    Refused(Problem),
    Stale(Stale),
    NotFound(Problem),
    /// The file was written by a later suqiu.
    NewerSchema {
        db: usize,
        app: usize,
    },
    /// Another desk held the write lock for longer than a save waits (`SAVE_WAIT` and the
    /// retries): nothing was written, and the clerk's input is still on screen.
    Busy,
    /// The disk (or the file's size limit) is full: the transaction was rolled back, nothing
    /// was written, and the clerk's input is still on screen.
    Full,
    /// The file or its folder cannot be written (read-only medium, permissions).
    ReadOnly,
    /// Any other database failure, in words (no database engine's type leaks out of the store:
    /// the next store may not be SQLite).
    Db(DbError),
    Io(std::io::Error),
    Migration(String),
}

/// A database failure the store could not turn into a rule or a conflict, as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DbError(String);

impl DbError {
    /// A closed-list value read outside its list (see `code`).
    pub(crate) fn unknown(table: &str, id: i64, column: &str, value: &str) -> DbError {
        DbError(unknown_text(table, &format!("id {id}"), column, value))
    }
}

impl std::fmt::Display for DbError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl StoreError {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            StoreError::Refused(p) | StoreError::NotFound(p) => p.text(lang),
            StoreError::Stale(s) => {
                T::ChangedOnAnotherDesk.fill(lang, &[&s.number, &s.by, &short_time(&s.at)])
            }
            StoreError::NewerSchema { db, app } => T::NewerSchema.fill(lang, &[db, app]),
            StoreError::Busy => T::BusyNotSaved.text(lang),
            StoreError::Full => T::DiskFullNotSaved.text(lang),
            StoreError::ReadOnly => T::ReadOnlyNotSaved.text(lang),
            StoreError::Db(e) => T::DatabaseError.fill(lang, &[e]),
            StoreError::Io(e) => T::FileError.fill(lang, &[e]),
            StoreError::Migration(e) => T::MigrationFailed.fill(lang, &[e]),
        }
    }
}

/// Reads a closed-list code (a `vocab!` value) from column `idx` of a row of `table`. A value
/// outside the list is an error naming the table, the row and the value (someone changed the
/// file behind the store's back, or a newer suqiu wrote it), never a silent default.
pub(crate) fn code<T>(
    r: &rusqlite::Row,
    idx: usize,
    table: &str,
    parse: impl Fn(&str) -> Option<T>,
) -> rusqlite::Result<T> {
    let value: String = r.get(idx)?;
    parse(&value).ok_or_else(|| unknown_code(r, idx, table, &value))
}

/// As `code`, for a column that may be NULL (`None`); a value outside its list is still an error.
pub(crate) fn opt_code<T>(
    r: &rusqlite::Row,
    idx: usize,
    table: &str,
    parse: impl Fn(&str) -> Option<T>,
) -> rusqlite::Result<Option<T>> {
    match r.get::<_, Option<String>>(idx)? {
        None => Ok(None),
        Some(v) => parse(&v)
            .map(Some)
            .ok_or_else(|| unknown_code(r, idx, table, &v)),
    }
}

/// What a closed-list value outside its list is called, naming the table, row and value.
fn unknown_text(table: &str, row: &str, column: &str, value: &str) -> String {
    let value = crate::domain::text::for_terminal(value);
    // Both languages at once: this text is made where no language is known (inside a row
    // mapper) and ends in logs as well as on screen.
    let args: [&dyn std::fmt::Display; 4] = [&table, &row, &column, &value];
    format!(
        "{} / {}",
        T::UnknownStoredValue.fill(Lang::Zh, &args),
        T::UnknownStoredValue.fill(Lang::En, &args)
    )
}

/// The error `code` returns, for values read before they are parsed.
pub(crate) fn unknown_code(
    r: &rusqlite::Row,
    idx: usize,
    table: &str,
    value: &str,
) -> rusqlite::Error {
    let stmt = r.as_ref();
    let column = stmt.column_name(idx).unwrap_or("?").to_string();
    let row = match stmt.column_name(0) {
        Ok("id") => r
            .get::<_, i64>(0)
            .map(|id| format!("id {id}"))
            .unwrap_or_else(|_| "?".into()),
        _ => "?".into(),
    };
    rusqlite::Error::FromSqlConversionFailure(
        idx,
        rusqlite::types::Type::Text,
        unknown_text(table, &row, &column, value).into(),
    )
}

fn short_time(at: &str) -> String {
    // "2026-11-26 14:03:12" → "14:03" when it is a stored time.
    parse_time(at)
        .map(|t| t.format("%H:%M").to_string())
        .unwrap_or_else(|| at.to_string())
}

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.message(Lang::Zh))
    }
}

impl std::error::Error for StoreError {}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        if is_busy(&e) {
            StoreError::Busy
        } else if e.sqlite_error_code() == Some(rusqlite::ErrorCode::DiskFull) {
            StoreError::Full
        } else if e.sqlite_error_code() == Some(rusqlite::ErrorCode::ReadOnly) {
            StoreError::ReadOnly
        } else {
            StoreError::Db(DbError(e.to_string()))
        }
    }
}

fn is_busy(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
    )
}

/// How long one attempt at a save waits for another desk's write lock (SQLite's busy timeout).
pub const SAVE_WAIT: Duration = Duration::from_secs(5);

/// How many times a save is tried before the clerk is told (`StoreError::Busy`).
pub const SAVE_TRIES: u32 = 3;

impl From<std::io::Error> for StoreError {
    fn from(e: std::io::Error) -> Self {
        StoreError::Io(e)
    }
}

impl From<Problem> for StoreError {
    fn from(p: Problem) -> Self {
        StoreError::Refused(p)
    }
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// What happened when the file was opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Opened {
    Created,
    Current,
    /// Migrated from `from` to the current version after a backup copy at `backup`.
    Migrated {
        from: usize,
        backup: PathBuf,
    },
}

/// A connection to one database file.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    data_version: i64,
    /// The latest deadline of a 临期 ticket (`queue::near_until`) as last read: for which day,
    /// at which `PRAGMA data_version` (other connections' commits) and `total_changes` (this
    /// one's writes). Any change of either reads it again.
    near_memo: std::cell::RefCell<Option<queue::NearMemo>>,
    /// How far a long job of this store has got (the demo, an import, an export, the audit
    /// check), for the desk's popup and the command line's bar.
    progress: crate::progress::Progress,
}

impl Store {
    /// Opens (creating if needed) and migrates a database file.
    ///
    /// A file from a later suqiu is refused before anything is written (not even the WAL
    /// switch). An older schema is copied next to the file with `VACUUM INTO` before migrating.
    pub fn open(path: &Path, now: NaiveDateTime) -> Result<(Store, Opened)> {
        let exists = path.exists() && std::fs::metadata(path)?.len() > 0;
        let app = schema_version();
        let mut opened = Opened::Created;
        if exists {
            let probe = Connection::open_with_flags(
                path,
                OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
            )?;
            probe.busy_timeout(Duration::from_secs(5))?;
            let db: i64 = probe.query_row("PRAGMA user_version", [], |r| r.get(0))?;
            let db = db.max(0) as usize;
            if db > app {
                return Err(StoreError::NewerSchema { db, app });
            }
            if db == app {
                opened = Opened::Current;
            } else if db > 0 {
                let backup = backup_path(path, db, now);
                copy_before_migrating(&probe, &backup)?;
                opened = Opened::Migrated { from: db, backup };
            } else {
                // An existing file without our version: refuse to touch anything that is not
                // an empty SQLite database.
                let tables: i64 =
                    probe.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))?;
                if tables > 0 {
                    return Err(StoreError::Refused(Problem::fill(
                        T::IsNotSuqiuDatabaseIt,
                        &[&path.display()],
                    )));
                }
            }
        }
        let mut conn = Connection::open(path)?;
        configure(&conn)?;
        migrations()?
            .to_latest(&mut conn)
            .map_err(|e| StoreError::Migration(e.to_string()))?;
        audit::upgrade_chain(&mut conn, &fmt_time(now))?;
        tickets::fill_open_search(&mut conn)?;
        facts::fill(&mut conn)?;
        facts::fill_days(&mut conn)?;
        names::fill(&mut conn)?;
        names::fill_tickets(&mut conn)?;
        forget_samples(&conn)?;
        let data_version = data_version(&conn)?;
        Ok((
            Store {
                conn,
                path: path.to_path_buf(),
                data_version,
                near_memo: Default::default(),
                progress: Default::default(),
            },
            opened,
        ))
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// A second connection to the same file, for reads on another thread (the queue's counts):
    /// WAL lets it read while this one writes. Opened on a file this store has migrated.
    pub fn reader(&self) -> Result<Store> {
        let conn = Connection::open_with_flags(
            &self.path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        conn.busy_timeout(SAVE_WAIT)?;
        conn.execute_batch("PRAGMA cache_size = -16000; PRAGMA temp_store = MEMORY;")?;
        let data_version = data_version(&conn)?;
        Ok(Store {
            conn,
            path: self.path.clone(),
            data_version,
            near_memo: Default::default(),
            progress: Default::default(),
        })
    }

    /// The counter this store's long jobs count on.
    pub fn progress(&self) -> &crate::progress::Progress {
        &self.progress
    }

    /// Counts this store's long jobs on `p` (shared with whoever shows them).
    pub fn set_progress(&mut self, p: crate::progress::Progress) {
        self.progress = p;
    }

    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }

    /// True when another connection (another desk) committed since the last call.
    pub fn changed_elsewhere(&mut self) -> Result<bool> {
        let v = data_version(&self.conn)?;
        let changed = v != self.data_version;
        self.data_version = v;
        Ok(changed)
    }

    /// Runs `f` in one IMMEDIATE transaction: the write lock is taken at the start, so what is
    /// read inside (the last audit hash, a ticket's version) cannot change before the commit.
    /// Runs `f` in one IMMEDIATE transaction and commits. While another desk holds the write
    /// lock this waits (`SAVE_WAIT` per try, `SAVE_TRIES` tries) before it says `Busy`; the lock
    /// is taken before `f` runs, so `f` runs once.
    pub(crate) fn write<T>(
        &mut self,
        f: impl FnOnce(&rusqlite::Transaction) -> Result<T>,
    ) -> Result<T> {
        let mut tries = 0;
        let tx = loop {
            match self
                .conn
                .transaction_with_behavior(TransactionBehavior::Immediate)
            {
                Ok(tx) => break tx,
                Err(e) if is_busy(&e) && tries + 1 < SAVE_TRIES => tries += 1,
                Err(e) => return Err(e.into()),
            }
        };
        let out = f(&tx)?;
        tx.commit()?;
        // Our own commit is not "another desk".
        self.data_version = data_version(&self.conn)?;
        Ok(out)
    }

    /// Closes the store with everything in its main file (the write-ahead log checkpointed and
    /// switched off), so that the file can be moved; the next open turns the log on again.
    pub fn into_one_file(self) -> Result<()> {
        self.conn
            .execute_batch("PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode = DELETE;")?;
        Ok(())
    }

    /// A value from the `meta` table.
    pub fn meta(&self, key: &str) -> Result<Option<String>> {
        use rusqlite::OptionalExtension;
        Ok(self
            .conn
            .query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
            .optional()?)
    }

    /// Frees this connection's page cache (`PRAGMA shrink_memory`): with the file evicted from
    /// the operating system's cache as well, the next read is a cold one (benchmarks).
    #[doc(hidden)]
    pub fn shrink_cache(&self) -> Result<()> {
        self.conn.execute_batch("PRAGMA shrink_memory")?;
        Ok(())
    }

    /// Caps the file at the pages it has now (`PRAGMA max_page_count`), so that the next write
    /// that needs a new page fails as a full disk does (SQLite's own `SQLITE_FULL`): how tests
    /// show that a save refused for lack of space loses nothing.
    #[doc(hidden)]
    pub fn cap_size_at_current(&self) -> Result<()> {
        let pages: i64 = self.conn.query_row("PRAGMA page_count", [], |r| r.get(0))?;
        self.conn
            .execute_batch(&format!("PRAGMA max_page_count = {pages}"))?;
        Ok(())
    }

    /// Makes this connection refuse every write (`PRAGMA query_only`), as a file on a read-only
    /// medium does (SQLite's own `SQLITE_READONLY`): how tests show that a refused save loses
    /// nothing.
    #[doc(hidden)]
    pub fn set_query_only(&self, on: bool) -> Result<()> {
        self.conn
            .execute_batch(&format!("PRAGMA query_only = {}", if on { 1 } else { 0 }))?;
        Ok(())
    }

    /// Updates the planner's statistics (after bulk loads): the row counts of `sqlite_stat1`
    /// only (`forget_samples`).
    pub fn analyze(&self) -> Result<()> {
        self.conn.execute_batch("ANALYZE")?;
        forget_samples(&self.conn)?;
        Ok(())
    }
}

/// Pragmas for every connection. WAL lets desks read while one writes; `synchronous = FULL`
/// makes each committed move durable even on power loss (measured: well within the 5 ms
/// budget for a transition, see benches/desk.rs); foreign keys guard every reference.
fn configure(conn: &Connection) -> Result<()> {
    conn.busy_timeout(SAVE_WAIT)?;
    conn.execute_batch(
        "PRAGMA journal_mode = WAL;
         PRAGMA synchronous = FULL;
         PRAGMA foreign_keys = ON;
         PRAGMA cache_size = -32000;
         PRAGMA temp_store = MEMORY;",
    )?;
    Ok(())
}

fn backup_path(path: &Path, version: usize, now: NaiveDateTime) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| "suqiu.db".into());
    let stamp = now.format("%Y%m%d-%H%M%S");
    let mut candidate = path.with_file_name(format!("{name}.v{version}-{stamp}.bak"));
    let mut n = 1;
    while candidate.exists() {
        candidate = path.with_file_name(format!("{name}.v{version}-{stamp}-{n}.bak"));
        n += 1;
    }
    candidate
}

// ---- SQLite-only features, each behind one named function -------------------------------------
// A second database (PostgreSQL) replaces these and nothing else: `RETURNING id` for
// `inserted_id`, LISTEN/NOTIFY or a change counter for `data_version`, `pg_dump` for
// `copy_before_migrating`; full-text search is `queue::SEARCH_FROM`/`SEARCH_FROM_OPEN`,
// the MATCH in `queue::conditions` and `tickets::index_for_search`.

/// Drops the index samples `ANALYZE` writes to `sqlite_stat4` (the bundled SQLite is built with
/// STAT4) and reloads the statistics. With samples, SQLite prepares a statement again each
/// time a value bound to an indexed column changes, since the samples might favour another
/// plan: measured, that re-preparing was a third of a ticket export's time and would be paid on
/// every page of the queue. The desk's plans are named (`queue::index_for`) and need no
/// samples; `sqlite_stat1`'s row counts stay. Writes only when there are samples.
fn forget_samples(c: &rusqlite::Connection) -> Result<()> {
    let has_table: i64 = c.query_row(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_stat4'",
        [],
        |r| r.get(0),
    )?;
    if has_table > 0 {
        let samples: i64 = c.query_row("SELECT count(*) FROM sqlite_stat4", [], |r| r.get(0))?;
        if samples > 0 {
            c.execute_batch("DELETE FROM sqlite_stat4; ANALYZE sqlite_schema;")?;
        }
    }
    Ok(())
}

/// The id of the row the last INSERT on this connection created.
/// Runs `fill` once for a table a migration left to be filled by the store (meta `key` =
/// 'pending'), in one IMMEDIATE transaction that then marks it 'built': a killed process
/// leaves it pending, to redo; two desks opening at once fill it once.
pub(crate) fn fill_pending(
    c: &mut Connection,
    key: &str,
    fill: impl FnOnce(&rusqlite::Transaction) -> Result<()>,
) -> Result<()> {
    let pending = |c: &Connection| -> Result<bool> {
        Ok(c.query_row(
            "SELECT count(*) FROM meta WHERE key = ?1 AND value = 'pending'",
            [key],
            |r| r.get::<_, i64>(0),
        )? > 0)
    };
    if !pending(c)? {
        return Ok(());
    }
    let tx = c.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    if pending(&tx)? {
        fill(&tx)?;
        tx.execute("UPDATE meta SET value = 'built' WHERE key = ?1", [key])?;
    }
    tx.commit()?;
    Ok(())
}

pub(crate) fn inserted_id(c: &rusqlite::Connection) -> i64 {
    c.last_insert_rowid()
}

/// A counter that changes when another connection commits (cheap: it reads no data).
fn data_version(c: &rusqlite::Connection) -> Result<i64> {
    Ok(c.query_row("PRAGMA data_version", [], |r| r.get(0))?)
}

/// A consistent copy of the database file, taken before a migration.
fn copy_before_migrating(c: &rusqlite::Connection, to: &Path) -> Result<()> {
    c.execute("VACUUM INTO ?1", [to.to_string_lossy()])?;
    Ok(())
}
