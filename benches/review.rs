//! 考评 (issue 10) on the `history` shape (SUQIU_BENCH_TICKETS, default 1 000 000 tickets over
//! ten years): what a director asks of the review most. Each figure as the desk computes it
//! (the period and the one before it, every unit ranked), warm and from a cold cache, and beside
//! it the floor: the same rows (the kept day figures, for the bulletin also the petitions and
//! petitioners of its window) read by the same indexes and nothing done with them. Targets: a
//! month's ranking < 100 ms, a year's < 500 ms, the bulletin < 200 ms, the pane's first frame
//! after choosing a period < 100 ms.

use std::time::Duration;

use criterion::{BatchSize, Criterion, SamplingMode, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use suqiu::app::effects::Ctx;
use suqiu::app::{Action, App, Outcome, SessionOutcome};
use suqiu::domain::Lang;
use suqiu::domain::metrics::{Period, Settings};
use suqiu::keymap::Keymap;
use suqiu::store::Store;

mod common;
use common::{Shape, evict, now};

fn open(path: &std::path::Path) -> Store {
    Store::open(path, now()).unwrap().0
}

/// The least any plan does for a period's figures: the kept day figures (`department_days`) of
/// the period and of the one before it, read by their primary key and nothing done with them.
fn floor_rows(c: &rusqlite::Connection, period: Period) -> i64 {
    let mut n = 0i64;
    for p in [period.previous(), period] {
        let (from, to) = p.bounds();
        let mut stmt = c
            .prepare_cached(
                "SELECT department_id, dispatches, second_round, accepted_in_time, with_result,
                        on_time, overdue, severe, returned, evaluated, solved, partly, unasked,
                        false_closure, evaluations, satisfied, handling_days, open, stopped
                 FROM department_days WHERE day BETWEEN ?1 AND ?2",
            )
            .unwrap();
        let mut rows = stmt.query([from.to_string(), to.to_string()]).unwrap();
        while let Some(r) = rows.next().unwrap() {
            n += r.get::<_, i64>(1).unwrap();
        }
    }
    n
}

fn group<'a>(
    c: &'a mut Criterion,
    name: &str,
) -> criterion::BenchmarkGroup<'a, criterion::measurement::WallTime> {
    let mut g = c.benchmark_group(name);
    g.sampling_mode(SamplingMode::Flat)
        .measurement_time(Duration::from_secs(2))
        .warm_up_time(Duration::from_millis(300))
        .sample_size(10);
    g
}

fn ranking(c: &mut Criterion) {
    let shape = Shape::History;
    let path = shape.db();
    let store = open(&path);
    let director = store.session("1002").unwrap().actor;
    let raw =
        rusqlite::Connection::open_with_flags(&path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .unwrap();
    let month = Period::Month(2026, 10);
    // This year so far and the whole year before (a director asks it in late November).
    let year = Period::Year(2026);
    let mut g = group(c, &format!("{}/review", shape.name()));
    for (name, period) in [("month_ranking", month), ("year_ranking", year)] {
        g.bench_function(name, |b| {
            b.iter(|| {
                let r = store
                    .department_ranking(&director, period, Settings::default())
                    .unwrap();
                assert!(!r.rows.is_empty() || common::tickets() < 100_000);
            })
        });
        g.bench_function(format!("{name}/cold"), |b| {
            b.iter_batched(
                || {
                    store.shrink_cache().unwrap();
                    evict(&path);
                },
                |_| {
                    store
                        .department_ranking(&director, period, Settings::default())
                        .unwrap()
                },
                BatchSize::PerIteration,
            )
        });
        g.bench_function(format!("floor/{name}"), |b| {
            b.iter(|| floor_rows(&raw, period))
        });
        g.bench_function(format!("floor/{name}/cold"), |b| {
            b.iter_batched(
                || {
                    raw.execute_batch("PRAGMA shrink_memory").unwrap();
                    evict(&path);
                },
                |_| floor_rows(&raw, period),
                BatchSize::PerIteration,
            )
        });
    }
    // 诉求通报 for the month, as of the bench's day.
    g.bench_function("month_bulletin", |b| {
        b.iter(|| {
            store
                .bulletin(&director, month, 0.85, now().date())
                .unwrap()
        })
    });
    g.bench_function("month_bulletin/cold", |b| {
        b.iter_batched(
            || {
                store.shrink_cache().unwrap();
                evict(&path);
            },
            |_| {
                store
                    .bulletin(&director, month, 0.85, now().date())
                    .unwrap()
            },
            BatchSize::PerIteration,
        )
    });
    g.bench_function("floor/month_bulletin", |b| {
        b.iter(|| bulletin_floor(&raw, month))
    });
    g.bench_function("floor/month_bulletin/cold", |b| {
        b.iter_batched(
            || {
                raw.execute_batch("PRAGMA shrink_memory").unwrap();
                evict(&path);
            },
            |_| bulletin_floor(&raw, month),
            BatchSize::PerIteration,
        )
    });
    g.finish();
}

/// The least any plan reads for a month's bulletin: the petitions received in it and the 90
/// days before (their numbers, and their petitioners' keys) and the named fields of the month's
/// petitions, all by the covering indexes; its units' day figures; and the open tickets past
/// their deadline, each by its index.
fn bulletin_floor(c: &rusqlite::Connection, period: Period) -> i64 {
    let (from, to) = period.bounds();
    let start = (from - chrono::Duration::days(90)).to_string();
    let end = to.succ_opt().unwrap().to_string();
    let mut n = 0i64;
    for (sql, a, b) in [
        (
            "SELECT id, substr(received_at, 1, 10), channel, category_id, place_id, collective,
                    year, seq
             FROM tickets WHERE received_at >= ?1 AND received_at < ?2",
            start.clone(),
            end.clone(),
        ),
        (
            "SELECT p.ticket_id, p.mobile, p.resident_id FROM tickets t
             JOIN petitioners p ON p.ticket_id = t.id
             WHERE t.received_at >= ?1 AND t.received_at < ?2",
            start,
            end.clone(),
        ),
        (
            "SELECT id, year, seq, received_at, petitioner_names, place_id, category_id,
                    head_count, summary
             FROM tickets WHERE received_at >= ?1 AND received_at < ?2",
            from.to_string(),
            end.clone(),
        ),
        (
            "SELECT department_id, evaluations, satisfied FROM department_days
             WHERE day >= ?1 AND day < ?2",
            from.to_string(),
            end,
        ),
        (
            "SELECT id, due, warn_at, state FROM tickets WHERE open = 1 AND due < ?1 AND ?2 <> ''",
            now().date().to_string(),
            "x".to_string(),
        ),
    ] {
        let mut stmt = c.prepare_cached(sql).unwrap();
        let mut rows = stmt.query([a, b]).unwrap();
        while let Some(r) = rows.next().unwrap() {
            n += r.get::<_, i64>(0).unwrap() & 1;
        }
    }
    n
}

fn key(app: &mut App, ctx: &mut Ctx, code: KeyCode) {
    app.dispatch(ctx, Action::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

/// The pane as a director uses it: `7`, then `[` / `]` to the month before and back; each
/// measured step is the key, the ranking and the selected unit's twelve months read, and the
/// frame drawn.
fn pane(c: &mut Criterion) {
    let shape = Shape::History;
    let path = shape.db();
    let store = open(&path);
    let refs = store.refs().unwrap();
    let cal = store.calendar().unwrap();
    let session = store.session("1002").unwrap();
    let mut ctx = Ctx {
        store,
        clock: Box::new(now),
        print_dir: std::env::temp_dir(),
        lang: Lang::Zh,
        demo: None,
    };
    let mut app = App::new(
        Lang::Zh,
        Keymap::defaults().unwrap(),
        refs,
        cal,
        false,
        now(),
    );
    app.dispatch(
        &mut ctx,
        Action::Done(Box::new(Outcome::Session(SessionOutcome::SignedIn(Ok(
            session,
        ))))),
    );
    key(&mut app, &mut ctx, KeyCode::Char('7'));
    let mut term = Terminal::new(TestBackend::new(160, 45)).unwrap();
    let mut back = true;
    let mut g = group(c, &format!("{}/review", shape.name()));
    g.bench_function("pane_period_frame", |b| {
        b.iter(|| {
            key(
                &mut app,
                &mut ctx,
                KeyCode::Char(if back { '[' } else { ']' }),
            );
            back = !back;
            term.draw(|f| suqiu::ui::render(&app, f)).unwrap();
        })
    });
    g.bench_function("pane_period_frame/cold", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                ctx.store.shrink_cache().unwrap();
                evict(&path);
                let t = std::time::Instant::now();
                key(
                    &mut app,
                    &mut ctx,
                    KeyCode::Char(if back { '[' } else { ']' }),
                );
                back = !back;
                term.draw(|f| suqiu::ui::render(&app, f)).unwrap();
                total += t.elapsed();
            }
            total
        })
    });
    g.finish();
    let screen = format!("{:?}", term.backend().buffer());
    assert!(screen.contains("考评"), "the review pane is shown");
}

criterion_group!(benches, ranking, pane);
criterion_main!(benches);
