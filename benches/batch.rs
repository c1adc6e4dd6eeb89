//! The batch commands against their floors (issue 9), on both shapes: `suqiu audit verify`
//! (the chain, the replay and the tallies, reading the log once) against a full scan of the
//! log reading every column, and the CSV export against `sqlite3 -csv` of the same columns
//! (benches/export-floor.sql; measured only where the sqlite3 command is installed). Each call
//! takes seconds at scale: ten samples of one call each.

mod common;

use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};

use common::{Shape, now};
use suqiu::paper::{Format, export_tickets};
use suqiu::store::Store;
use suqiu::store::tickets::ExportFilter;

fn batch(c: &mut Criterion) {
    for shape in Shape::chosen() {
        let path = shape.db();
        let (store, _) = Store::open(&path, now()).unwrap();
        let admin = store.session("1001").unwrap().actor;
        let mut g = c.benchmark_group(format!("{}/batch", shape.name()));
        g.sample_size(10)
            .measurement_time(Duration::from_secs(1))
            .warm_up_time(Duration::from_millis(1));
        g.bench_function("audit_verify", |b| {
            b.iter(|| {
                let (report, replay) = store.audit_check(&[]).unwrap();
                assert!(replay.problems.is_empty());
                report
            })
        });
        g.bench_function("floor/audit_log_scan", |b| {
            b.iter(|| {
                let c = rusqlite::Connection::open(&path).unwrap();
                let mut s = c.prepare("SELECT * FROM audit_log ORDER BY id").unwrap();
                let n = s.column_count();
                let mut rows = s.query([]).unwrap();
                let mut bytes = 0usize;
                while let Some(r) = rows.next().unwrap() {
                    for i in 0..n {
                        bytes += match r.get_ref(i).unwrap() {
                            rusqlite::types::ValueRef::Text(t) => t.len(),
                            _ => 8,
                        };
                    }
                }
                bytes
            })
        });
        let dir = tempfile::TempDir::new().unwrap();
        let out = dir.path().join("tickets.csv");
        g.bench_function("export_csv", |b| {
            b.iter(|| {
                export_tickets(&store, &admin, &ExportFilter::default(), Format::Csv, &out).unwrap()
            })
        });
        let sql = std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/export-floor.sql"),
        )
        .unwrap();
        let sqlite3 = std::process::Command::new("sqlite3")
            .arg("-version")
            .output()
            .is_ok_and(|o| o.status.success());
        if sqlite3 {
            let floor = dir.path().join("floor.csv");
            g.bench_function("floor/sqlite3_csv", |b| {
                b.iter(|| {
                    let status = std::process::Command::new("sqlite3")
                        .arg("-csv")
                        .arg(&path)
                        .arg(&sql)
                        .stdout(std::fs::File::create(&floor).unwrap())
                        .status()
                        .unwrap();
                    assert!(status.success());
                })
            });
        }
        g.finish();
    }
}

criterion_group!(benches, batch);
criterion_main!(benches);
