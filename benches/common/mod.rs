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

/// The benchmark database: generated once (the demo district's reference data, then `gen`).
pub fn bench_db(n: usize) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("target")
        .join("bench-data");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("{n}.db"));
    let done = dir.join(format!("{n}.done"));
    if !done.exists() {
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
        }
        eprintln!("generating {n} tickets into {} (once)…", path.display());
        let (mut store, _) = Store::open(&path, now()).unwrap();
        let cli = Actor::cli("bench");
        suqiu::demo::load_demo_org(&mut store, &cli, now()).unwrap();
        suqiu::demo::generate(&mut store, &suqiu::demo::GenOptions::at_scale(n, 1, now())).unwrap();
        store.analyze().unwrap();
        std::fs::write(&done, "").unwrap();
    }
    path
}
