//! The desk's performance targets, on two generated shapes (benches/common: a district's
//! `history`, default 1 000 000 tickets over ten years, and a `city`'s backlog, 300 000 in ten
//! days; SUQIU_BENCH_SHAPE picks one). Each database is generated once into target/bench-data/.
//! Benchmark ids are `{shape}/{group}/…`; `…/cold` evicts the file from the operating system's
//! cache and empties the store's before each measured call; `floor/…` is the least any plan does
//! for the same rows (the page's rows read by id). scripts/bench-table.py prints the figures with
//! their floors and targets (issues 2 and 9). Memory: benches/memory.rs.

use std::time::Duration;

use criterion::{
    BatchSize, BenchmarkGroup, BenchmarkId, Criterion, SamplingMode, criterion_group,
    criterion_main, measurement::WallTime,
};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use suqiu::app::effects::Ctx;
use suqiu::app::{App, Outcome, SessionOutcome};
use suqiu::domain::Lang;
use suqiu::domain::flow::{FlowCtx, Move};
use suqiu::domain::limits::level_bounds;
use suqiu::domain::search::parse_query;
use suqiu::domain::vocab::{Channel, Level, Stage, State};
use suqiu::keymap::Keymap;
use suqiu::store::Store;
use suqiu::store::queue::{Cursor, Filters, QueueQuery, Scope, Sort};

mod common;
use common::{Shape, evict, now};

fn open(path: &std::path::Path) -> Store {
    Store::open(path, now()).unwrap().0
}

fn queries(store: &Store, b: &suqiu::domain::limits::LevelBounds) -> Vec<(String, QueueQuery)> {
    let refs = store.refs().unwrap();
    let housing = refs
        .departments
        .iter()
        .find(|d| d.name.contains("住房"))
        .map(|d| d.id);
    let place = refs.places.first().map(|p| p.id);
    let me = store.session("1003").unwrap().actor.staff_id;
    let filters: Vec<(&str, Filters)> = vec![
        ("none", Filters::default()),
        (
            "stage",
            Filters {
                stage: Some(Stage::Handle),
                ..Default::default()
            },
        ),
        (
            "state",
            Filters {
                state: Some(State::Handling),
                ..Default::default()
            },
        ),
        (
            "rare_state",
            Filters {
                state: Some(State::ExtensionRequested),
                ..Default::default()
            },
        ),
        (
            "level_overdue",
            Filters {
                level: Some(Level::Overdue),
                ..Default::default()
            },
        ),
        (
            "level_severe",
            Filters {
                level: Some(Level::Severe),
                ..Default::default()
            },
        ),
        (
            "level_near",
            Filters {
                level: Some(Level::Near),
                ..Default::default()
            },
        ),
        (
            "department",
            Filters {
                department: housing,
                ..Default::default()
            },
        ),
        (
            "channel",
            Filters {
                channel: Some(Channel::PartyMember),
                ..Default::default()
            },
        ),
        (
            "place",
            Filters {
                place,
                ..Default::default()
            },
        ),
        (
            "mine",
            Filters {
                mine: me,
                ..Default::default()
            },
        ),
        (
            "dept_and_channel",
            Filters {
                department: housing,
                channel: Some(Channel::Phone),
                ..Default::default()
            },
        ),
    ];
    let mut out = vec![];
    for scope in [Scope::Open, Scope::Closed, Scope::All] {
        for sort in [Sort::Due, Sort::NewestFirst, Sort::OldestFirst] {
            for (name, f) in &filters {
                let mut q = QueueQuery::new(b);
                q.scope = scope;
                q.sort = sort;
                q.filters = f.clone();
                if q.effective_sort() != sort {
                    continue;
                }
                if scope != Scope::Open && (f.level.is_some() || f.stage.is_some()) {
                    continue;
                }
                out.push((format!("{scope:?}/{sort:?}/{name}"), q));
            }
        }
    }
    out
}

/// Ids of a page, for its floor.
fn ids(p: &suqiu::store::queue::Page) -> Vec<i64> {
    p.rows.iter().map(|r| r.id).collect()
}

fn queue_pages(c: &mut Criterion) {
    for shape in Shape::chosen() {
        let path = shape.db();
        let store = open(&path);
        let director = store.session("1002").unwrap().actor;
        let cal = store.calendar().unwrap();
        let b = level_bounds(now().date(), &cal);
        let mut g = c.benchmark_group(format!("{}/queue_page", shape.name()));
        g.measurement_time(Duration::from_millis(800))
            .warm_up_time(Duration::from_millis(200))
            .sample_size(20);
        let mut floors = vec![];
        for (name, q) in queries(&store, &b) {
            // The first page, a page deep in the list (after 20 pages of 38 rows), the last.
            let mut cursor = Cursor::First;
            for _ in 0..20 {
                let p = store.queue_page(&director, &q, &cursor, 38).unwrap();
                match p.rows.last() {
                    Some(r) if p.more_after => cursor = Cursor::After(r.key()),
                    _ => break,
                }
            }
            for (pos, at) in [
                ("first", Cursor::First),
                ("deep", cursor),
                ("last", Cursor::Last),
            ] {
                let id = BenchmarkId::new(pos, &name);
                g.bench_with_input(id.clone(), &q, |bch, q| {
                    bch.iter(|| store.queue_page(&director, q, &at, 38).unwrap())
                });
                let rows = ids(&store.queue_page(&director, &q, &at, 38).unwrap());
                if !rows.is_empty() {
                    floors.push((id, rows));
                }
            }
        }
        g.finish();
        // Every first page again with a cold cache (ten calls each).
        let mut g = c.benchmark_group(format!("{}/queue_page_cold", shape.name()));
        g.sampling_mode(SamplingMode::Flat)
            .measurement_time(Duration::from_millis(100))
            .warm_up_time(Duration::from_millis(1))
            .sample_size(10);
        for (name, q) in queries(&store, &b) {
            g.bench_with_input(BenchmarkId::new("first", &name), &q, |bch, q| {
                bch.iter_batched(
                    || cold(&store, &path),
                    |_| store.queue_page(&director, q, &Cursor::First, 38).unwrap(),
                    BatchSize::PerIteration,
                )
            });
        }
        g.finish();
        floor(
            c,
            &format!("{}/floor/queue_page", shape.name()),
            &store,
            floors,
        );

        // The counts beside the queue (capped at 10 000) and in the status bar, warm and cold.
        let mut g = c.benchmark_group(format!("{}/counts", shape.name()));
        g.measurement_time(Duration::from_secs(1))
            .warm_up_time(Duration::from_millis(200))
            .sample_size(20);
        for scope in [Scope::Open, Scope::Closed, Scope::All] {
            let mut q = QueueQuery::new(&b);
            q.scope = scope;
            if scope != Scope::Open {
                q.sort = Sort::NewestFirst;
            }
            g.bench_function(format!("queue/{scope:?}"), |bch| {
                bch.iter(|| {
                    store
                        .queue_count(&director, &q, suqiu::app::COUNT_CAP)
                        .unwrap()
                })
            });
            let refs = store.refs().unwrap();
            let housing = refs
                .departments
                .iter()
                .find(|d| d.name.contains("住房"))
                .map(|d| d.id);
            q.filters = Filters {
                department: housing,
                channel: Some(Channel::Phone),
                ..Default::default()
            };
            g.bench_function(format!("queue/{scope:?}/dept_and_channel"), |bch| {
                bch.iter(|| {
                    store
                        .queue_count(&director, &q, suqiu::app::COUNT_CAP)
                        .unwrap()
                })
            });
        }
        g.bench_function("status_bar", |bch| {
            bch.iter(|| store.desk_counts(&director, now().date()).unwrap())
        });

        g.bench_function("board_columns", |bch| {
            bch.iter(|| {
                for stage in [Stage::Draft, Stage::Issue, Stage::Handle, Stage::Sign] {
                    store
                        .board_column(&director, stage, now().date(), &Cursor::First, 10)
                        .unwrap();
                }
            })
        });
        g.finish();
        let mut g = cold_group(c, &format!("{}/counts", shape.name()));
        g.bench_function("status_bar/cold", |bch| {
            bch.iter_batched(
                || cold(&store, &path),
                |_| store.desk_counts(&director, now().date()).unwrap(),
                BatchSize::PerIteration,
            )
        });
        g.bench_function("board_columns/cold", |bch| {
            bch.iter_batched(
                || cold(&store, &path),
                |_| {
                    for stage in [Stage::Draft, Stage::Issue, Stage::Handle, Stage::Sign] {
                        store
                            .board_column(&director, stage, now().date(), &Cursor::First, 10)
                            .unwrap();
                    }
                },
                BatchSize::PerIteration,
            )
        });
        g.finish();
    }
}

/// A group for cold-cache figures: ten calls, each after emptying the caches.
fn cold_group<'a>(c: &'a mut Criterion, name: &str) -> BenchmarkGroup<'a, WallTime> {
    let mut g = c.benchmark_group(name);
    g.sampling_mode(SamplingMode::Flat)
        .measurement_time(Duration::from_millis(100))
        .warm_up_time(Duration::from_millis(1))
        .sample_size(10);
    g
}

/// Empties both caches: the operating system's for the file, and the store's own.
fn cold(store: &Store, path: &std::path::Path) {
    store.shrink_cache().unwrap();
    evict(path);
}

fn search(c: &mut Criterion) {
    for shape in Shape::chosen() {
        let path = shape.db();
        let store = open(&path);
        let director = store.session("1002").unwrap().actor;
        let cal = store.calendar().unwrap();
        let b = level_bounds(now().date(), &cal);
        // Flat sampling: the cold calls here take tens of milliseconds each.
        let mut g = c.benchmark_group(format!("{}/search", shape.name()));
        g.sampling_mode(SamplingMode::Flat)
            .measurement_time(Duration::from_millis(600))
            .warm_up_time(Duration::from_millis(100))
            .sample_size(10);
        let mut floors = vec![];
        for (name, text) in [
            ("two_chars_common", "物业"),
            ("two_chars_rare", "油烟"),
            ("three_chars", "物业费"),
            ("long_phrase", "未经业主同意"),
            ("initials", "zjg"),
            ("number", "2026-000123"),
            ("mobile_prefix", "1391234"),
        ] {
            for scope in [Scope::Open, Scope::Closed, Scope::All] {
                let mut q = QueueQuery::new(&b);
                q.scope = scope;
                q.search = Some(parse_query(text).unwrap());
                let id = format!("{name}/{scope:?}");
                // What the desk waits for: the page (its count follows on its own, below).
                g.bench_function(&id, |bch| {
                    bch.iter(|| store.queue_page(&director, &q, &Cursor::First, 38).unwrap())
                });
                g.bench_function(format!("{id}/count"), |bch| {
                    bch.iter(|| {
                        store
                            .queue_count(&director, &q, suqiu::app::SEARCH_COUNT_CAP)
                            .unwrap()
                    })
                });
                if matches!(name, "two_chars_common" | "three_chars" | "initials") {
                    g.bench_function(format!("{id}/cold"), |bch| {
                        bch.iter_batched(
                            || cold(&store, &path),
                            |_| store.queue_page(&director, &q, &Cursor::First, 38).unwrap(),
                            BatchSize::PerIteration,
                        )
                    });
                    g.bench_function(format!("{id}/count/cold"), |bch| {
                        bch.iter_batched(
                            || cold(&store, &path),
                            |_| {
                                store
                                    .queue_count(&director, &q, suqiu::app::SEARCH_COUNT_CAP)
                                    .unwrap()
                            },
                            BatchSize::PerIteration,
                        )
                    });
                }
                let rows = ids(&store.queue_page(&director, &q, &Cursor::First, 38).unwrap());
                if !rows.is_empty() {
                    floors.push((BenchmarkId::from_parameter(&id), rows));
                }
            }
        }
        g.finish();
        floor(c, &format!("{}/floor/search", shape.name()), &store, floors);
    }
}

/// The floor of each page: its rows read by their ids.
fn floor(c: &mut Criterion, group: &str, store: &Store, floors: Vec<(BenchmarkId, Vec<i64>)>) {
    let mut f = c.benchmark_group(group);
    f.measurement_time(Duration::from_millis(400))
        .warm_up_time(Duration::from_millis(100))
        .sample_size(10);
    for (id, rows) in floors {
        f.bench_with_input(id, &rows, |bch, rows| {
            bch.iter(|| store.rows_by_id(rows).unwrap())
        });
    }
    f.finish();
}

fn desk(path: &std::path::Path) -> (App, Ctx) {
    let store = open(path);
    let refs = store.refs().unwrap();
    let cal = store.calendar().unwrap();
    let ctx = Ctx {
        store,
        clock: Box::new(now),
        print_dir: std::env::temp_dir(),
        lang: Lang::Zh,
        demo: None,
    };
    (
        App::new(
            Lang::Zh,
            Keymap::defaults().unwrap(),
            refs,
            cal,
            false,
            now(),
        ),
        ctx,
    )
}

fn render(app: &App, term: &mut Terminal<TestBackend>) {
    term.draw(|f| suqiu::ui::render(app, f)).unwrap();
}

fn frames(c: &mut Criterion) {
    for shape in Shape::chosen() {
        frames_of(c, shape);
    }
}

fn frames_of(c: &mut Criterion, shape: Shape) {
    let path = shape.db();
    let mut g = c.benchmark_group(format!("{}/desk", shape.name()));
    g.sampling_mode(SamplingMode::Flat)
        .measurement_time(Duration::from_secs(1))
        .warm_up_time(Duration::from_millis(200))
        .sample_size(10);
    // Opening the file (migration check, pragmas), loading reference data and the calendar, and
    // drawing the first frame (the sign-in screen).
    g.bench_function("open_to_first_frame", |bch| {
        bch.iter(|| {
            let (app, _ctx) = desk(&path);
            let mut term = Terminal::new(TestBackend::new(160, 45)).unwrap();
            render(&app, &mut term);
        })
    });
    // The same, then (after the PIN check, which is deliberately slow and not counted) the
    // desk's first frame: status counts, the first queue page, drawn.
    g.bench_function("open_to_first_desk_frame", |bch| {
        bch.iter(|| {
            let (mut app, mut ctx) = desk(&path);
            let session = ctx.store.session("1003").unwrap();
            app.dispatch(
                &mut ctx,
                suqiu::app::Action::Done(Box::new(Outcome::Session(SessionOutcome::SignedIn(Ok(
                    session,
                ))))),
            );
            let mut term = Terminal::new(TestBackend::new(160, 45)).unwrap();
            render(&app, &mut term);
            assert!(!app.queue.page.rows.is_empty());
        })
    });
    // The same from a cold cache: the file evicted, a fresh process's state.
    g.bench_function("open_to_first_desk_frame/cold", |bch| {
        bch.iter_batched(
            || evict(&path),
            |_| {
                let (mut app, mut ctx) = desk(&path);
                let session = ctx.store.session("1003").unwrap();
                app.dispatch(
                    &mut ctx,
                    suqiu::app::Action::Done(Box::new(Outcome::Session(SessionOutcome::SignedIn(
                        Ok(session),
                    )))),
                );
                let mut term = Terminal::new(TestBackend::new(160, 45)).unwrap();
                render(&app, &mut term);
            },
            BatchSize::PerIteration,
        )
    });
    let (mut app, mut ctx) = desk(&path);
    let session = ctx.store.session("1003").unwrap();
    app.dispatch(
        &mut ctx,
        suqiu::app::Action::Done(Box::new(Outcome::Session(SessionOutcome::SignedIn(Ok(
            session,
        ))))),
    );
    let mut term = Terminal::new(TestBackend::new(160, 45)).unwrap();
    g.bench_function("render_queue_160x45", |bch| {
        bch.iter(|| render(&app, &mut term))
    });
    app.dispatch(
        &mut ctx,
        suqiu::app::Action::Key(ratatui::crossterm::event::KeyEvent::from(
            ratatui::crossterm::event::KeyCode::Char('2'),
        )),
    );
    g.bench_function("render_board_160x45", |bch| {
        bch.iter(|| render(&app, &mut term))
    });
    // A ticket's detail (record, timeline, related, the department's 退单): the newest one and
    // one from the first year, warm and cold.
    let director = ctx.store.session("1002").unwrap().actor;
    let (oldest, newest): (i64, i64) = {
        let c = rusqlite::Connection::open(&path).unwrap();
        c.query_row(
            "SELECT min(id), max(id) FROM tickets WHERE department_id IS NOT NULL",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap()
    };
    for (name, id) in [("newest", newest), ("oldest", oldest)] {
        g.bench_function(format!("detail_open/{name}"), |bch| {
            bch.iter(|| ctx.load_ticket(&director, id).unwrap())
        });
        g.bench_function(format!("detail_open/{name}/cold"), |bch| {
            bch.iter_batched(
                || cold(&ctx.store, &path),
                |_| ctx.load_ticket(&director, id).unwrap(),
                BatchSize::PerIteration,
            )
        });
    }
    g.finish();
}

fn transitions(c: &mut Criterion) {
    if !Shape::chosen().contains(&Shape::History) {
        return;
    }
    let path = Shape::History.db();
    let mut store = open(&path);
    let actor = store.session("2001").unwrap().actor;
    let dept = actor.department_id;
    let id: i64 = {
        let director = store.session("1002").unwrap().actor;
        let b = level_bounds(now().date(), &store.calendar().unwrap());
        let mut q = QueueQuery::new(&b);
        q.filters = Filters {
            state: Some(State::Handling),
            department: dept,
            ..Default::default()
        };
        store
            .queue_page(&director, &q, &Cursor::First, 1)
            .unwrap()
            .rows[0]
            .id
    };
    let cal = store.calendar().unwrap();
    let rules = store.refs().unwrap().rules();
    let ctx = FlowCtx {
        today: now().date(),
        cal: &cal,
        rules: &rules,
    };
    let mut g = c.benchmark_group("transition");
    g.measurement_time(Duration::from_secs(3))
        .warm_up_time(Duration::from_millis(300))
        .sample_size(30);
    // One move: re-read in an IMMEDIATE transaction, version check, domain decision, row update,
    // audit event chained, commit with synchronous=FULL.
    g.bench_function("commit_progress_note", |bch| {
        bch.iter(|| {
            let version = store.ticket(&actor, id).unwrap().version;
            store
                .apply_move(
                    &actor,
                    id,
                    version,
                    &Move::Progress {
                        note: "基准测试：办理进展".into(),
                    },
                    &ctx,
                    now(),
                )
                .unwrap()
        })
    });
    g.finish();
}

criterion_group!(benches, frames, queue_pages, search, transitions);
criterion_main!(benches);
