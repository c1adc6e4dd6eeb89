//! The benchmark database, generated once and shared by the benches.
#![allow(dead_code)]

use std::path::PathBuf;

use chrono::{NaiveDate, NaiveDateTime};
use suqiu::domain::roles::Actor;
use suqiu::store::Store;

pub fn now() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 26)
        .unwrap()
        .and_hms_opt(10, 0, 0)
        .unwrap()
}

pub fn tickets() -> usize {
    std::env::var("SUQIU_BENCH_TICKETS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1_000_000)
}

/// The two shapes of data (issue 9): a district's `history` (SUQIU_BENCH_TICKETS over ten
/// years, a few thousand open) and a `city`'s backlog (SUQIU_BENCH_CITY, default 300 000, in
/// ten days, most of them open).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    History,
    City,
}

impl Shape {
    pub fn name(self) -> &'static str {
        match self {
            Shape::History => "history",
            Shape::City => "city",
        }
    }

    pub fn tickets(self) -> usize {
        match self {
            Shape::History => tickets(),
            Shape::City => std::env::var("SUQIU_BENCH_CITY")
                .ok()
                .and_then(|s| s.parse().ok())
                .unwrap_or(300_000),
        }
    }

    /// The shapes to measure: both, or the one SUQIU_BENCH_SHAPE names.
    pub fn chosen() -> Vec<Shape> {
        match std::env::var("SUQIU_BENCH_SHAPE").as_deref() {
            Ok("history") => vec![Shape::History],
            Ok("city") => vec![Shape::City],
            _ => vec![Shape::History, Shape::City],
        }
    }

    pub fn db(self) -> PathBuf {
        match self {
            Shape::History => bench_db(self.tickets()),
            Shape::City => generated(
                &format!("city-{}-10d", self.tickets()),
                self.tickets(),
                Some(10),
            ),
        }
    }
}

/// The benchmark database: generated once (the demo district's reference data, then `gen`).
pub fn bench_db(n: usize) -> PathBuf {
    generated(&n.to_string(), n, None)
}

fn generated(name: &str, n: usize, days: Option<i64>) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("target")
        .join("bench-data");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("{name}.db"));
    // Regenerated when the generator changes (the tag), not when the schema does: an older
    // schema is migrated when the store opens it, as a district's file would be.
    let done = dir.join(format!("{name}.gen2.done"));
    // One generator at a time: another benchmark generating the same file is waited for (a
    // lock left by a killed run is removed by hand: target/bench-data/NAME.lock).
    let lock = dir.join(format!("{name}.lock"));
    while !done.exists()
        && std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&lock)
            .is_err()
    {
        eprintln!(
            "waiting for {} (another run is generating it)…",
            lock.display()
        );
        std::thread::sleep(std::time::Duration::from_secs(10));
    }
    if !done.exists() {
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
        }
        eprintln!("generating {n} tickets into {} (once)…", path.display());
        let (mut store, _) = Store::open(&path, now()).unwrap();
        let cli = Actor::cli("bench");
        suqiu::demo::load_demo_org(&mut store, &cli, now()).unwrap();
        let mut opts = suqiu::demo::GenOptions::at_scale(n, 1, now());
        if let Some(d) = days {
            opts.days = d;
        }
        suqiu::demo::generate(&mut store, &opts).unwrap();
        store.analyze().unwrap();
        std::fs::write(&done, "").unwrap();
    }
    let _ = std::fs::remove_file(&lock);
    path
}

/// Evicts a database file (and its log) from the operating system's page cache
/// (`posix_fadvise(DONTNEED)` after `fsync`), so that the next read comes from the disk: the
/// cold-cache half of each figure. The store's own page cache must be emptied as well
/// (`Store::shrink_cache`).
pub fn evict(path: &std::path::Path) {
    use std::os::fd::AsRawFd;
    for suffix in ["", "-wal"] {
        let p = format!("{}{suffix}", path.display());
        if let Ok(f) = std::fs::File::open(&p) {
            let _ = f.sync_all();
            // SAFETY: a valid open descriptor; the call only advises the kernel.
            unsafe {
                libc::posix_fadvise(f.as_raw_fd(), 0, 0, libc::POSIX_FADV_DONTNEED);
            }
        }
    }
}
