//! The demonstration district holds everything the README promises whatever the day it is
//! made: the 1st of a month, a Spring Festival holiday, a year without holiday data, New Year's
//! Eve and New Year's Day. Read through the store, as the desk reads it.

use chrono::{Datelike, NaiveDate, NaiveDateTime};
use tempfile::TempDir;

use suqiu::domain::roles::Actor;
use suqiu::domain::vocab::State;
use suqiu::store::Store;

fn at(y: i32, m: u32, d: u32, h: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(y, m, d)
        .unwrap()
        .and_hms_opt(h, 0, 0)
        .unwrap()
}

fn check_demo(now: NaiveDateTime) {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("suqiu.db");
    let (mut store, _) = Store::open(&path, now).unwrap();
    suqiu::demo::init_demo(&mut store, &Actor::cli("test"), now)
        .unwrap_or_else(|e| panic!("demo at {now}: {}", e.message(suqiu::domain::Lang::Zh)));
    let day = format!("demo made at {now}");

    // 民事民议: finished mediations, three final draws with receipts, two finished hearings
    // with votes and a correction, and tickets still waiting for the desk.
    let mediations = store.mediations_list(100).unwrap();
    assert!(
        mediations.iter().any(|m| m.3 == "agreement"),
        "{day}: {mediations:?}"
    );
    assert!(mediations.len() >= 2, "{day}: {mediations:?}");
    let panels: Vec<_> = store
        .draws_list(100)
        .unwrap()
        .into_iter()
        .filter(|d| suqiu::domain::draw::ready_for_hearing(d.3, d.4))
        .collect();
    assert!(panels.len() >= 3, "{day}: {panels:?}");
    for d in &panels {
        let rec = store.draw(d.0).unwrap();
        assert!(rec.receipt.is_some(), "{day}: draw {} has no receipt", d.0);
    }
    let closed: Vec<_> = store
        .hearings_list(100)
        .unwrap()
        .into_iter()
        .filter(|h| h.3.is_closed())
        .map(|h| store.hearing(h.0).unwrap())
        .collect();
    assert!(closed.len() >= 2, "{day}: {} closed hearings", closed.len());
    for h in &closed {
        assert!(h.tally(0).is_some(), "{day}: hearing {} has no tally", h.id);
        assert!(
            h.vote_log.iter().any(|v| v.correction.is_some()),
            "{day}: hearing {} has no corrected vote",
            h.id
        );
        assert!(h.attendance.iter().any(|a| !a.2), "{day}: nobody absent");
    }
    let director = store.session("1002").unwrap().actor;
    let b = suqiu::domain::limits::level_bounds(now.date(), &store.calendar().unwrap());
    let mut q = suqiu::store::queue::QueueQuery::new(&b);
    q.filters.state = Some(State::AwaitingDeliberation);
    let waiting = store
        .queue_page(&director, &q, &suqiu::store::queue::Cursor::First, 50)
        .unwrap()
        .rows;
    let untouched = waiting
        .iter()
        .filter(|r| store.ticket_draws(r.id).unwrap().is_empty())
        .count();
    assert!(
        untouched >= 2,
        "{day}: {untouched} waiting tickets without a draw"
    );

    // The visits of this month, past and to come, one of them still to record.
    let (from, to) = suqiu::domain::visits::period(now.year(), Some(now.month()));
    let month = store.visits_between(from, to).unwrap();
    let when = |v: &suqiu::store::visits::VisitRow| v.date.and_time(v.time);
    assert!(month.iter().any(|v| when(v) < now), "{day}: no past visit");
    assert!(
        month.iter().any(|v| when(v) > now),
        "{day}: no visit to come"
    );
    assert!(
        month.iter().any(|v| v.awaits_outcome(now)),
        "{day}: no visit awaiting its outcome"
    );
    let year_ago = now.date() - chrono::Duration::days(330);
    let held = store
        .visits_between(year_ago, now.date())
        .unwrap()
        .into_iter()
        .filter(|v| v.status == suqiu::domain::visits::VisitStatus::Held)
        .count();
    assert!(
        held > 100,
        "{day}: only {held} visits held in the last year"
    );
    assert_eq!(store.unstaffed_count().unwrap(), 1, "{day}: 空岗");

    // Every state of the one-ticket flow is there.
    for s in [
        State::Registered,
        State::Drafted,
        State::AwaitingIssue,
        State::Dispatched,
        State::Handling,
        State::ExtensionRequested,
        State::AwaitingEvaluation,
        State::SecondDissatisfied,
        State::Escalated,
    ] {
        let mut q = suqiu::store::queue::QueueQuery::new(&b);
        q.filters.state = Some(s);
        let rows = store
            .queue_page(&director, &q, &suqiu::store::queue::Cursor::First, 1)
            .unwrap()
            .rows;
        assert!(!rows.is_empty(), "{day}: no ticket in {s:?}");
    }
    assert!(
        matches!(
            store.verify_audit().unwrap(),
            suqiu::domain::audit::Verdict::Intact { .. }
        ),
        "{day}: chain"
    );
    // Every row agrees with its history, replayed through the rules.
    let replay = store.replay_audit().unwrap();
    assert!(replay.problems.is_empty(), "{day}: {:#?}", replay.problems);
}

#[test]
fn demo_on_the_first_of_a_month() {
    check_demo(at(2026, 12, 1, 10));
}

#[test]
fn demo_in_the_spring_festival() {
    check_demo(at(2026, 2, 20, 10));
}

#[test]
fn demo_in_a_year_without_holiday_data() {
    check_demo(at(2027, 3, 1, 10));
}

#[test]
fn demo_on_new_years_eve() {
    check_demo(at(2026, 12, 31, 16));
}

#[test]
fn demo_on_new_years_day() {
    check_demo(at(2026, 1, 1, 9));
}

#[test]
fn demo_on_a_visit_evening() {
    check_demo(at(2026, 11, 25, 19));
}
