//! 三进 targets (issue 4): planning a year of visits for 30 leaders < 5 ms; the ledger of one
//! leader over 5 years with 1 000 000 tickets in the database < 20 ms; quarterly coverage for
//! 10 000 households < 20 ms.

mod common;

use std::path::PathBuf;
use std::time::Duration;

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};

use common::{bench_db, now, tickets};
use suqiu::domain::members::{
    ContactMethod, HouseholdForm, MemberForm, validate_household, validate_member,
};
use suqiu::domain::roles::Actor;
use suqiu::domain::visits::{Schedule, VisitSettings, plan};
use suqiu::domain::vocab::PlaceKind;
use suqiu::store::Store;
use suqiu::store::members::NewContact;

const HOUSEHOLDS: usize = 10_000;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn plan_year(c: &mut Criterion) {
    // The shipped calendar (2024–2026) from a real database.
    let dir = tempfile::TempDir::new().unwrap();
    let (store, _) = Store::open(&dir.path().join("cal.db"), now()).unwrap();
    let cal = store.calendar().unwrap();
    // 30 leaders: 24 on one or two communities each, the rest in the township rotation too.
    let assignments: Vec<(i64, i64)> = (1..=30)
        .flat_map(|l| {
            let mut v = vec![(l, 100 + l)];
            if l % 4 == 0 {
                v.push((l, 200 + l));
            }
            v
        })
        .collect();
    let rotation: Vec<i64> = (1..=30).collect();
    let s = Schedule {
        assignments: &assignments,
        rotation: &rotation,
        township: Some(999),
        settings: VisitSettings::default(),
    };
    assert_eq!(
        plan(2026, None, &s, &cal).len(),
        24 * (assignments.len() + 1)
    );
    let mut g = c.benchmark_group("visits");
    g.measurement_time(Duration::from_secs(3))
        .warm_up_time(Duration::from_secs(1))
        .sample_size(30);
    g.bench_function("plan_year_30_leaders", |b| {
        b.iter(|| plan(2026, None, &s, &cal))
    });
    g.finish();
}

/// The 1 000 000-ticket database with five years of visits planned for the leaders.
fn ledger_db() -> (PathBuf, i64) {
    let path = bench_db(tickets());
    let (mut store, _) = Store::open(&path, now()).unwrap();
    let cli = Actor::cli("bench");
    let refs = store.refs().unwrap();
    let communities: Vec<i64> = refs
        .places
        .iter()
        .filter(|p| p.kind == PlaceKind::Community)
        .map(|p| p.id)
        .collect();
    let leaders: Vec<i64> = refs.leaders.iter().map(|l| l.id).collect();
    let assignments: Vec<(i64, Vec<i64>)> = leaders
        .iter()
        .enumerate()
        .map(|(i, l)| (*l, vec![communities[i % communities.len()]]))
        .collect();
    store
        .set_assignments(&cli, &assignments, &leaders, now())
        .unwrap();
    for y in 2022..=2026 {
        store.plan_visits(&cli, y, None, d(y, 1, 1), now()).unwrap();
    }
    (path, leaders[0])
}

fn ledger(c: &mut Criterion) {
    let (path, leader) = ledger_db();
    let (store, _) = Store::open(&path, now()).unwrap();
    let l = store
        .leader_ledger(leader, d(2022, 1, 1), d(2026, 12, 31), None)
        .unwrap();
    eprintln!(
        "ledger of leader {leader} over 2022–2026: {} visits, {} petitions, {} tickets in the database",
        l.visits.len(),
        l.petitions_total,
        tickets()
    );
    assert!(l.visits.len() >= 5 * 24);
    let mut g = c.benchmark_group("visits");
    g.measurement_time(Duration::from_secs(4))
        .warm_up_time(Duration::from_secs(1))
        .sample_size(30);
    g.bench_function(format!("ledger_5_years_{}_tickets", tickets()), |b| {
        b.iter(|| {
            store
                .leader_ledger(
                    leader,
                    d(2022, 1, 1),
                    d(2026, 12, 31),
                    Some(suqiu::app::LEDGER_ROWS),
                )
                .unwrap()
        })
    });
    g.finish();
}

/// 10 000 households in the demo district's communities, three to each key-selected member,
/// an in-person visit in each of Q3 and Q4 2026 for most of them: generated once.
fn members_db() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("target")
        .join("bench-data");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("members-{HOUSEHOLDS}.db"));
    let done = dir.join(format!("members-{HOUSEHOLDS}.done"));
    if done.exists() {
        return path;
    }
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    eprintln!(
        "generating {HOUSEHOLDS} households into {} (once)…",
        path.display()
    );
    let (mut store, _) = Store::open(&path, now()).unwrap();
    let cli = Actor::cli("bench");
    suqiu::demo::load_demo_org(&mut store, &cli, now()).unwrap();
    let refs = store.refs().unwrap();
    let communities: Vec<String> = refs
        .places
        .iter()
        .filter(|p| p.kind == PlaceKind::Community)
        .map(|p| p.name.clone())
        .collect();
    let kinds = ["帮扶户", "三无户", "空巢户", "诉求户", "代表户"];
    let households: Vec<_> = (0..HOUSEHOLDS)
        .map(|i| {
            validate_household(&HouseholdForm {
                place: communities[i % communities.len()].clone(),
                address: format!(
                    "{}{}号楼{}室",
                    communities[i % communities.len()],
                    i / 100,
                    i % 100
                ),
                head: format!("户主{i}"),
                kind: kinds[i % kinds.len()].into(),
                needs: "老人需要定期护理".into(),
                plan: String::new(),
            })
            .unwrap()
        })
        .collect();
    store.import_households(&cli, &households, now()).unwrap();
    let members: Vec<_> = (0..HOUSEHOLDS.div_ceil(3))
        .map(|i| {
            validate_member(&MemberForm {
                name: format!("党员{i}"),
                unit: format!("区直单位{}", i % 40),
                place: communities[i % communities.len()].clone(),
                skills: "护理".into(),
                key_selected: "是".into(),
                selected_by: "支部推荐".into(),
                ..MemberForm::default()
            })
            .unwrap()
        })
        .collect();
    store.import_members(&cli, &members, now()).unwrap();
    // Member i lives where households i, i+n, i+2n… do: give each its three in that community.
    let (ms, _) = store.members_page(None, HOUSEHOLDS).unwrap();
    let (hs, _) = store.households_page(None, HOUSEHOLDS).unwrap();
    let mut by_place: std::collections::HashMap<i64, Vec<i64>> = Default::default();
    for h in &hs {
        by_place.entry(h.place_id).or_default().push(h.id);
    }
    let mut pairs = vec![];
    for m in &ms {
        let free = by_place.get_mut(&m.place_id.unwrap()).unwrap();
        for _ in 0..3 {
            if let Some(h) = free.pop() {
                pairs.push((m.id, h));
            }
        }
    }
    store.assign_many(&cli, &pairs, now()).unwrap();
    let mut contacts = vec![];
    for (k, (m, h)) in pairs.iter().enumerate() {
        for (q, date) in [
            (3, d(2026, 8, 1 + (k % 28) as u32)),
            (4, d(2026, 10, 1 + (k % 28) as u32)),
        ] {
            if (k + q) % 20 == 0 {
                continue; // about 5 % gaps each quarter
            }
            contacts.push(NewContact {
                member_id: *m,
                household_id: *h,
                date,
                method: if k % 7 == 0 {
                    ContactMethod::Phone
                } else {
                    ContactMethod::Visit
                },
                notes: "入户走访".into(),
            });
        }
    }
    store.add_contacts(&cli, &contacts, now()).unwrap();
    store.analyze().unwrap();
    std::fs::write(&done, "").unwrap();
    path
}

fn coverage(c: &mut Criterion) {
    let path = members_db();
    let (store, _) = Store::open(&path, now()).unwrap();
    let gaps = store.coverage_gaps(2026, 4).unwrap();
    eprintln!(
        "{HOUSEHOLDS} households: {} without a home visit in 2026 Q4",
        gaps.len()
    );
    assert!(!gaps.is_empty() && gaps.len() < HOUSEHOLDS / 2);
    let mut g = c.benchmark_group("members");
    g.measurement_time(Duration::from_secs(4))
        .warm_up_time(Duration::from_secs(1))
        .sample_size(30);
    g.bench_function("quarterly_coverage_10000_households", |b| {
        b.iter(|| store.coverage_gaps(2026, 4).unwrap())
    });
    g.finish();
}

criterion_group!(benches, plan_year, ledger, coverage);
criterion_main!(benches);
