use super::*;
use crate::domain::calendar::tests::shipped;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// Every visit day of 2025 and 2026: the nominal 10th/25th and the day it is held, worked out by
/// hand from the State Council's notices (weekends, holidays, make-up working days).
const EXPECTED: &[(&str, &str)] = &[
    ("2025-01-10", "2025-01-10"),
    ("2025-01-25", "2025-01-26"),
    ("2025-02-10", "2025-02-10"),
    ("2025-02-25", "2025-02-25"),
    ("2025-03-10", "2025-03-10"),
    ("2025-03-25", "2025-03-25"),
    ("2025-04-10", "2025-04-10"),
    ("2025-04-25", "2025-04-25"),
    ("2025-05-10", "2025-05-12"),
    ("2025-05-25", "2025-05-26"),
    ("2025-06-10", "2025-06-10"),
    ("2025-06-25", "2025-06-25"),
    ("2025-07-10", "2025-07-10"),
    ("2025-07-25", "2025-07-25"),
    ("2025-08-10", "2025-08-11"),
    ("2025-08-25", "2025-08-25"),
    ("2025-09-10", "2025-09-10"),
    ("2025-09-25", "2025-09-25"),
    ("2025-10-10", "2025-10-10"),
    ("2025-10-25", "2025-10-27"),
    ("2025-11-10", "2025-11-10"),
    ("2025-11-25", "2025-11-25"),
    ("2025-12-10", "2025-12-10"),
    ("2025-12-25", "2025-12-25"),
    ("2026-01-10", "2026-01-12"),
    ("2026-01-25", "2026-01-26"),
    ("2026-02-10", "2026-02-10"),
    ("2026-02-25", "2026-02-25"),
    ("2026-03-10", "2026-03-10"),
    ("2026-03-25", "2026-03-25"),
    ("2026-04-10", "2026-04-10"),
    ("2026-04-25", "2026-04-27"),
    ("2026-05-10", "2026-05-11"),
    ("2026-05-25", "2026-05-25"),
    ("2026-06-10", "2026-06-10"),
    ("2026-06-25", "2026-06-25"),
    ("2026-07-10", "2026-07-10"),
    ("2026-07-25", "2026-07-27"),
    ("2026-08-10", "2026-08-10"),
    ("2026-08-25", "2026-08-25"),
    ("2026-09-10", "2026-09-10"),
    ("2026-09-25", "2026-09-28"),
    ("2026-10-10", "2026-10-10"),
    ("2026-10-25", "2026-10-26"),
    ("2026-11-10", "2026-11-10"),
    ("2026-11-25", "2026-11-25"),
    ("2026-12-10", "2026-12-10"),
    ("2026-12-25", "2026-12-25"),
];

#[test]
fn every_visit_day_of_2025_and_2026() {
    let cal = shipped();
    let mut got = vec![];
    for year in [2025, 2026] {
        for m in 1..=12 {
            got.extend(visit_days(year, m, &cal));
        }
    }
    let want: Vec<(NaiveDate, NaiveDate)> = EXPECTED.iter().map(|(a, b)| (d(a), d(b))).collect();
    assert_eq!(got, want);
}

#[test]
fn the_special_cases() {
    let cal = shipped();
    // 2026-10-10 is a Saturday but a make-up working day: the visit stays on its date.
    assert_eq!(
        visit_days(2026, 10, &cal)[0],
        (d("2026-10-10"), d("2026-10-10"))
    );
    // 2025-01-25 is a Saturday; Sunday 01-26 is a make-up working day before the Spring Festival.
    assert_eq!(visit_days(2025, 1, &cal)[1].1, d("2025-01-26"));
    // 2024-02-10 falls in the whole Spring Festival week (02-10 to 02-17): the next working day
    // is Sunday 02-18, a make-up working day.
    assert_eq!(visit_days(2024, 2, &cal)[0].1, d("2024-02-18"));
    // 2026-09-25 is the Mid-Autumn Festival.
    assert_eq!(visit_days(2026, 9, &cal)[1].1, d("2026-09-28"));
}

#[test]
fn a_year_without_data_is_provisional_and_weekends_only() {
    let cal = shipped();
    // 2027-04-10 is a Saturday: Monday 04-12 until the 2027 data says otherwise.
    assert_eq!(visit_days(2027, 4, &cal)[0].1, d("2027-04-12"));
    let s = Schedule {
        assignments: &[(1, 10)],
        rotation: &[1],
        township: Some(20),
        settings: VisitSettings::default(),
    };
    let p = plan(2027, Some(4), &s, &cal);
    assert!(p.iter().all(|v| v.provisional));
    let p = plan(2026, Some(4), &s, &cal);
    assert!(p.iter().all(|v| !v.provisional));
}

#[test]
fn community_visits_per_assignment_and_one_township_leader_per_date_in_rotation() {
    let cal = shipped();
    let t18 = NaiveTime::from_hms_opt(18, 0, 0).unwrap();
    let t1430 = NaiveTime::from_hms_opt(14, 30, 0).unwrap();
    let settings = VisitSettings {
        community_time: t18,
        township_time: t1430,
        notice_days: 7,
    };
    let s = Schedule {
        assignments: &[(1, 10), (1, 11), (2, 12)],
        rotation: &[7, 8, 9],
        township: Some(20),
        settings,
    };
    let p = plan(2026, None, &s, &cal);
    // 24 visit days: 3 community visits and 1 township visit each.
    assert_eq!(p.len(), 24 * 4);
    let township: Vec<i64> = p
        .iter()
        .filter(|v| v.kind == VisitKind::Township)
        .map(|v| v.leader_id)
        .collect();
    assert_eq!(&township[..6], &[7, 8, 9, 7, 8, 9]);
    assert!(
        p.iter()
            .filter(|v| v.kind == VisitKind::Community)
            .all(|v| v.time == t18)
    );
    assert!(
        p.iter()
            .filter(|v| v.kind == VisitKind::Township)
            .all(|v| v.time == t1430)
    );
    // One month continues the rotation where the year left it.
    let s = Schedule {
        assignments: &[],
        ..s
    };
    let march = plan(2026, Some(3), &s, &cal);
    assert_eq!(
        march.iter().map(|v| v.leader_id).collect::<Vec<_>>(),
        vec![8, 9]
    );
}

#[test]
fn staffing_and_compliance() {
    let mut c = Compliance::default();
    for s in [
        staffing(VisitStatus::Held, false, None),
        staffing(VisitStatus::Held, true, Some(3)),
        staffing(VisitStatus::Planned, true, None),
        staffing(VisitStatus::NotHeld, false, None),
        staffing(VisitStatus::Planned, false, None),
    ] {
        c.add(s);
    }
    assert_eq!(
        c,
        Compliance {
            planned: 5,
            held: 1,
            substituted: 1,
            not_held: 1,
            unstaffed: 1
        }
    );
    assert_eq!(notice_due(d("2026-12-10"), 7), d("2026-12-03"));
    assert!(half_year(2026, 3).is_err());
}

#[test]
fn the_notice_reads_like_a_community_notice() {
    let mut n = Notice {
        kind: VisitKind::Community,
        leader: "韩东升",
        position: "区委常委、常务副区长",
        portfolio: "财政、住建",
        liaison: "",
        date: d("2026-12-10"),
        time: NaiveTime::from_hms_opt(18, 0, 0).unwrap(),
        place: "仙城社区",
        corrected: false,
    };
    let t = n.text();
    assert!(t.contains("2026年12月10日（周四）18:00 到 仙城社区"), "{t}");
    assert!(t.contains("接待领导：韩东升") && t.contains("分管工作：财政、住建"));
    assert!(!t.contains("更正"));
    n.corrected = true;
    let t = n.text();
    assert!(t.starts_with("区级领导干部进社区接待预告（更正）"), "{t}");
    assert!(t.contains("以本预告为准"));
    assert!(!t.contains("联 络 员"));
    n.liaison = "刘洋 13800001111";
    assert!(n.text().contains("联 络 员：刘洋 13800001111"));
}

#[test]
fn a_leader_booked_twice_at_once_is_a_clash() {
    let at = |s: &str| NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap();
    let b = |visit, leader, s: &str| Booking {
        visit,
        leader,
        at: at(s),
        place_id: visit,
    };
    let list = [
        b(1, 7, "2026-11-25 18:00"),
        b(2, 7, "2026-11-25 18:00"),
        b(3, 7, "2026-11-25 14:30"),
        b(4, 8, "2026-11-25 18:00"),
        b(5, 8, "2026-11-26 18:00"),
    ];
    let c = clashes(&list);
    assert_eq!(c.keys().copied().collect::<Vec<_>>(), vec![1, 2]);
    assert_eq!(c[&1], 2);
    let me = |visit, leader, s: &str, place| Booking {
        visit,
        leader,
        at: at(s),
        place_id: place,
    };
    // 14:30 and 18:00 are three and a half hours apart: the township visit, then the community.
    assert_eq!(
        booked_elsewhere(&me(9, 7, "2026-11-25 14:30", 9), &list).map(|x| x.visit),
        Some(3)
    );
    assert_eq!(
        booked_elsewhere(&me(9, 7, "2026-11-25 16:01", 9), &list).map(|x| x.visit),
        Some(1)
    );
    assert_eq!(
        booked_elsewhere(&me(9, 7, "2026-11-25 20:00", 9), &list),
        None
    );
    assert_eq!(
        booked_elsewhere(&me(9, 7, "2026-11-25 12:30", 9), &list),
        None
    );
    // A visit does not clash with itself (a substitute re-booked where they already go).
    assert_eq!(
        booked_elsewhere(&me(3, 7, "2026-11-25 14:30", 3), &list),
        None
    );
    assert_eq!(
        booked_elsewhere(&me(9, 8, "2026-11-24 18:00", 9), &list),
        None
    );
    // Standing in where one already goes at that time (two leaders on one community) is one place.
    assert_eq!(
        booked_elsewhere(&me(9, 8, "2026-11-25 18:00", 4), &list),
        None
    );
    assert!(
        clashes(&[
            b(1, 7, "2026-11-25 18:00"),
            Booking {
                place_id: 1,
                ..b(2, 7, "2026-11-25 18:00")
            }
        ])
        .is_empty()
    );
}

#[test]
fn portfolio_categories() {
    assert!(in_portfolio(&[], 5), "no categories: the whole district");
    assert!(in_portfolio(&[1, 5], 5));
    assert!(!in_portfolio(&[1, 2], 5));
}

#[test]
fn notices_periods_and_half_months() {
    let today = d("2026-11-26");
    let st =
        |planned, date, posted, current| notice_state(planned, d(date), posted, current, 7, today);
    assert_eq!(
        st(true, "2026-12-10", None, 1),
        NoticeState::DueOn(d("2026-12-03"))
    );
    assert_eq!(st(true, "2026-12-03", None, 1), NoticeState::DueToday);
    assert_eq!(st(true, "2026-11-30", None, 1), NoticeState::Overdue);
    assert_eq!(st(true, "2026-11-30", Some(1), 1), NoticeState::Posted);
    assert_eq!(st(true, "2026-12-10", Some(1), 2), NoticeState::Correct);
    assert_eq!(st(true, "2026-11-25", None, 1), NoticeState::Moot, "past");
    assert_eq!(
        st(false, "2026-12-10", None, 1),
        NoticeState::Moot,
        "not held or held"
    );
    assert_eq!(period(2026, Some(2)), (d("2026-02-01"), d("2026-02-28")));
    assert_eq!(period(2024, Some(2)).1, d("2024-02-29"));
    assert_eq!(period(2026, Some(12)).1, d("2026-12-31"));
    assert_eq!(period(2026, None), (d("2026-01-01"), d("2026-12-31")));
    assert_eq!(nominal_of(d("2026-12-15")), d("2026-12-10"));
    assert_eq!(nominal_of(d("2026-12-16")), d("2026-12-25"));
    assert_eq!(nominal_of(d("2026-12-31")), d("2026-12-25"));
}

#[test]
fn a_visit_moves_only_to_today_or_later_and_another_leader_stands_in() {
    let today = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    assert!(check_new_date(today, today).is_ok());
    assert!(check_new_date(today + chrono::Duration::days(3), today).is_ok());
    let e = check_new_date(today - chrono::Duration::days(1), today).unwrap_err();
    assert!(e.zh().contains("2026-11-30"), "{}", e.zh());
    assert!(check_substitute(4, Some(4)).is_err());
    assert!(check_substitute(4, Some(5)).is_ok());
    assert!(check_substitute(4, None).is_ok());
}

#[test]
fn a_visit_awaits_its_outcome_from_its_hour() {
    let d = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    let at = d.and_hms_opt(9, 0, 0).unwrap();
    let before = d.and_hms_opt(8, 59, 0).unwrap();
    let after = d.and_hms_opt(9, 1, 0).unwrap();
    assert!(!awaits_outcome(Staffing::Planned, at, before));
    assert!(awaits_outcome(Staffing::Planned, at, after));
    assert!(awaits_outcome(Staffing::Substituted, at, after));
    assert!(!awaits_outcome(Staffing::Unstaffed, at, after));
    assert!(!awaits_outcome(Staffing::Held, at, after));
    assert!(!awaits_outcome(Staffing::NotHeld, at, after));
}
