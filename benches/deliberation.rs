//! 民事民议 targets (issue 3): a draw from a pool of 10 000 with minimums < 5 ms; `draw verify`
//! < 5 ms; a roster page at 10 000 representatives < 5 ms.

use std::path::PathBuf;
use std::time::Duration;

use chrono::{NaiveDate, NaiveDateTime};
use criterion::{Criterion, criterion_group, criterion_main};

use suqiu::domain::draw::{self, Candidate, Minimum, PartyInput, Receipt, Settings};
use suqiu::domain::hex;
use suqiu::domain::roles::Actor;
use suqiu::domain::roster::{RepCategory, RepForm, RepStatus, validate_rep};
use suqiu::store::Store;
use suqiu::store::roster::RosterQuery;

const POOL: usize = 10_000;

fn now() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 26)
        .unwrap()
        .and_hms_opt(10, 0, 0)
        .unwrap()
}

fn pool() -> Vec<Candidate> {
    (0..POOL)
        .map(|i| Candidate {
            id: i as i64 + 1,
            name: format!("代表{i:05}"),
            category: RepCategory::ALL[(i * 7 + i / 3) % RepCategory::ALL.len()],
            place: ["仙城社区", "东山社区", "灯塔村"][i % 3].to_string(),
        })
        .collect()
}

fn settings() -> Settings {
    Settings {
        panel_size: 15,
        alternates: 5,
        strikes_per_party: 2,
        minimums: vec![
            Minimum {
                categories: vec![RepCategory::LegalProfessional],
                count: 2,
            },
            Minimum {
                categories: vec![
                    RepCategory::PartyDeputy,
                    RepCategory::NpcDeputy,
                    RepCategory::CppccMember,
                ],
                count: 3,
            },
            Minimum {
                categories: vec![RepCategory::VillagerRep],
                count: 1,
            },
        ],
    }
}

fn parties() -> Vec<PartyInput> {
    vec![
        PartyInput {
            label: "申请人".into(),
            salt: vec![1; 16],
            input: "8848".into(),
        },
        PartyInput {
            label: "被申请人".into(),
            salt: vec![2; 16],
            input: "明月几时有".into(),
        },
    ]
}

/// The whole computation of a draw: pool hash, seed, full order, panel with minimums, and one
/// strike per party.
fn run_draw(pool: &[Candidate], s: &Settings) -> Receipt {
    let ph = draw::pool_hash(pool);
    let nonce = b"benchmark-nonce-0123456789abcdef";
    let ps = parties();
    let sd = draw::seed(&ph, "2026-000123", nonce, &ps);
    let order = draw::order(pool.len(), &sd);
    let panel = draw::select(&order, pool, s);
    let (p1, r1) = draw::strike(&order, pool, s, &panel, &[], panel[0]).unwrap();
    let (p2, r2) = draw::strike(&order, pool, s, &p1, &[panel[0]], p1[1]).unwrap();
    Receipt {
        draw_id: 1,
        case: "2026-000123".into(),
        kind: "panel".into(),
        created: "2026-11-26 10:00:00".into(),
        settings: s.clone(),
        exclusions: vec![],
        pool: pool.to_vec(),
        pool_hash: hex(&ph),
        nonce: hex(nonce),
        nonce_hash: hex(&draw::nonce_hash(nonce)),
        commitments: ps
            .iter()
            .map(|p| hex(&draw::commitment(&p.salt, &p.input)))
            .collect(),
        format: draw::RECEIPT_FORMAT,
        earlier: vec![],
        parties: ps,
        seed: hex(&sd),
        order: order.iter().map(|i| pool[*i].id).collect(),
        panel: panel.iter().map(|i| pool[*i].id).collect(),
        strikes: vec![
            draw::Strike {
                party: 0,
                member: pool[panel[0]].id,
                replacement: pool[r1].id,
            },
            draw::Strike {
                party: 1,
                member: pool[p1[1]].id,
                replacement: pool[r2].id,
            },
        ],
        final_panel: p2.iter().map(|i| pool[*i].id).collect(),
    }
}

fn draws(c: &mut Criterion) {
    let pool = pool();
    let s = settings();
    draw::feasibility(&pool, &s, 2).unwrap();
    let mut g = c.benchmark_group("draw");
    g.measurement_time(Duration::from_secs(3))
        .warm_up_time(Duration::from_millis(300))
        .sample_size(30);
    g.bench_function("pool_10000_with_minimums", |b| {
        b.iter(|| run_draw(&pool, &s))
    });
    let text = run_draw(&pool, &s).render();
    // What `suqiu draw verify` does: parse, recompute, and check every line (re-rendered).
    g.bench_function("verify_receipt_pool_10000", |b| {
        b.iter(|| Receipt::verify_text(&text).unwrap())
    });
    // Its parts, to see where the time goes.
    g.bench_function("verify_parts/parse", |b| {
        b.iter(|| Receipt::parse(&text).unwrap())
    });
    let parsed = Receipt::parse(&text).unwrap();
    g.bench_function("verify_parts/recompute", |b| {
        b.iter(|| parsed.verify().unwrap())
    });
    g.bench_function("verify_parts/render", |b| b.iter(|| parsed.render()));
    g.finish();
}

fn roster_db() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("target")
        .join("bench-data");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("roster-10000.db");
    let done = dir.join("roster-10000.done");
    if !done.exists() {
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
        }
        let (mut store, _) = Store::open(&path, now()).unwrap();
        let cli = Actor::cli("bench");
        suqiu::demo::load_demo_org(&mut store, &cli, now()).unwrap();
        let places = [
            "仙城社区",
            "东山社区",
            "安家社区",
            "先锋社区",
            "富国社区",
            "灯塔村",
            "共荣村",
        ];
        let surnames = [
            "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "单", "曾",
        ];
        let given = ["建国", "秀英", "志强", "海燕", "立新", "红梅", "明", "静"];
        let rows: Vec<_> = (0..POOL)
            .map(|i| {
                validate_rep(
                    &RepForm {
                        name: format!(
                            "{}{}{}",
                            surnames[i % surnames.len()],
                            given[(i / 12) % given.len()],
                            ["", "华", "平"][i % 3]
                        ),
                        sex: if i % 2 == 0 { "男" } else { "女" }.into(),
                        place: places[i % places.len()].into(),
                        category: RepCategory::ALL[i % RepCategory::ALL.len()].code().into(),
                        chosen_by: "自荐".into(),
                        occupation: "退休职工".into(),
                        expertise: "邻里调解".into(),
                        mobile: format!("138{:08}", i),
                        term_start: "2025-01-01".into(),
                        term_end: if i % 10 == 0 {
                            "2026-12-31".into()
                        } else {
                            "2027-12-31".into()
                        },
                        resident_id: String::new(),
                    },
                    now().date(),
                )
                .map(|rep| suqiu::domain::roster::RepImport {
                    row: 0,
                    number: None,
                    rep,
                    status: None,
                    training_hours: None,
                })
                .unwrap()
            })
            .collect();
        store.import_reps(&cli, &rows, now()).unwrap();
        store.analyze().unwrap();
        std::fs::write(&done, "").unwrap();
    }
    path
}

fn roster(c: &mut Criterion) {
    let path = roster_db();
    let (store, _) = Store::open(&path, now()).unwrap();
    let place = store.refs().unwrap().places.first().map(|p| p.id);
    let mut g = c.benchmark_group("roster_page_10000");
    g.measurement_time(Duration::from_secs(2))
        .warm_up_time(Duration::from_millis(300))
        .sample_size(30);
    let cases: Vec<(&str, RosterQuery)> = vec![
        ("all", RosterQuery::default()),
        (
            "status_suspended",
            RosterQuery {
                status: Some(RepStatus::Suspended),
                ..Default::default()
            },
        ),
        (
            "category",
            RosterQuery {
                category: Some(RepCategory::LegalProfessional),
                ..Default::default()
            },
        ),
        (
            "place",
            RosterQuery {
                place,
                ..Default::default()
            },
        ),
        (
            "expiring",
            RosterQuery {
                expiring_from: Some(now().date()),
                ..Default::default()
            },
        ),
        (
            "initials",
            RosterQuery {
                search: "zjg".into(),
                ..Default::default()
            },
        ),
        (
            "name_part",
            RosterQuery {
                search: "秀英".into(),
                ..Default::default()
            },
        ),
    ];
    for (name, q) in cases {
        g.bench_function(name, |b| {
            b.iter(|| {
                let page = store.roster_page(&q, None, None, 38).unwrap();
                let count = store.roster_count(&q).unwrap();
                (page, count)
            })
        });
        g.bench_function(format!("{name}/deep"), |b| {
            b.iter(|| store.roster_page(&q, Some(8000), None, 38).unwrap())
        });
    }
    g.finish();
}

criterion_group!(benches, draws, roster);
criterion_main!(benches);
