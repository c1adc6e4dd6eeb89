//! The desk's performance targets, on generated data (default 1 000 000 tickets; set
//! SUQIU_BENCH_TICKETS for another size). The database is generated once into
//! target/bench-data/ and reused. Targets (issue 2): open to first frame < 200 ms; any queue page
//! < 5 ms; rendering the queue at 160×45 < 5 ms; a 2-character Chinese search < 50 ms and a
//! longer one < 20 ms; a transition committed < 5 ms. Memory: benches/memory.rs.

use std::time::Duration;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
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
use common::{bench_db, now, tickets};

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

fn queue_pages(c: &mut Criterion) {
    let path = bench_db(tickets());
    let store = open(&path);
    let director = store.session("1002").unwrap().actor;
    let cal = store.calendar().unwrap();
    let b = level_bounds(now().date(), &cal);
    let mut g = c.benchmark_group("queue_page");
    g.measurement_time(Duration::from_secs(2))
        .warm_up_time(Duration::from_millis(300))
        .sample_size(30);
    for (name, q) in queries(&store, &b) {
        // The first page, and a page deep in the list (after 20 pages of 38 rows).
        g.bench_with_input(BenchmarkId::new("first", &name), &q, |bch, q| {
            bch.iter(|| store.queue_page(&director, q, &Cursor::First, 38).unwrap())
        });
        let mut cursor = Cursor::First;
        for _ in 0..20 {
            let p = store.queue_page(&director, &q, &cursor, 38).unwrap();
            match p.rows.last() {
                Some(r) if p.more_after => cursor = Cursor::After(r.key()),
                _ => break,
            }
        }
        g.bench_with_input(BenchmarkId::new("deep", &name), &q, |bch, q| {
            bch.iter(|| store.queue_page(&director, q, &cursor, 38).unwrap())
        });
        g.bench_with_input(BenchmarkId::new("last", &name), &q, |bch, q| {
            bch.iter(|| store.queue_page(&director, q, &Cursor::Last, 38).unwrap())
        });
    }
    // The count shown beside the queue (capped at 10 000).
    let q = QueueQuery::new(&b);
    g.bench_function("count/open", |bch| {
        bch.iter(|| store.queue_count(&director, &q, 10_000).unwrap())
    });
    let mut all = QueueQuery::new(&b);
    all.scope = Scope::All;
    g.bench_function("count/all_capped", |bch| {
        bch.iter(|| store.queue_count(&director, &all, 10_000).unwrap())
    });
    g.bench_function("status_counts", |bch| {
        bch.iter(|| store.desk_counts(&director, now().date()).unwrap())
    });
    g.finish();
}

fn search(c: &mut Criterion) {
    let path = bench_db(tickets());
    let store = open(&path);
    let director = store.session("1002").unwrap().actor;
    let cal = store.calendar().unwrap();
    let b = level_bounds(now().date(), &cal);
    let mut g = c.benchmark_group("search");
    g.measurement_time(Duration::from_secs(3))
        .warm_up_time(Duration::from_millis(300))
        .sample_size(20);
    for (name, text) in [
        ("two_chars_common", "物业"),
        ("two_chars_rare", "油烟"),
        ("three_chars", "物业费"),
        ("long_phrase", "未经业主同意"),
        ("initials", "zjg"),
        ("number", "2026-000123"),
        ("mobile_prefix", "1391234"),
    ] {
        let mut q = QueueQuery::new(&b);
        q.scope = Scope::All;
        q.search = Some(parse_query(text).unwrap());
        g.bench_function(name, |bch| {
            bch.iter(|| {
                let page = store.queue_page(&director, &q, &Cursor::First, 38).unwrap();
                let count = store
                    .queue_count(&director, &q, suqiu::app::SEARCH_COUNT_CAP)
                    .unwrap();
                (page, count)
            })
        });
    }
    g.finish();
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
    let path = bench_db(tickets());
    let mut g = c.benchmark_group("desk");
    g.measurement_time(Duration::from_secs(3))
        .warm_up_time(Duration::from_millis(300))
        .sample_size(20);
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
    g.finish();
}

fn transitions(c: &mut Criterion) {
    let path = bench_db(tickets());
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
