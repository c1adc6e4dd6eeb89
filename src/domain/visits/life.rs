//! The lifecycle of a visit: planned → held or not held. While planned, its leader may be
//! unable to come (a substitute stands in, or the visit moves, or it stays 空岗 until staffed)
//! and its notice is posted; once held, residents received there are registered and, at a
//! community visit, members are picked to report. The store calls `decide_visit` inside its
//! transaction; the desk asks `visit_moves` which moves to offer.

use crate::text::T;
use chrono::NaiveDate;

use super::{VisitKind, check_new_date, check_substitute};
use crate::domain::Problem;
use crate::domain::vocab::vocab;

vocab! {
    VisitStatus {
        Planned = "planned", "待走访", "planned";
        Held = "held", "已举行", "held";
        NotHeld = "not_held", "未举行", "not held";
    }
}

/// How many members a community visit picks to report.
pub const PICK_RANGE: std::ops::RangeInclusive<u32> = 2..=4;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VisitMoveKind {
    /// The leader cannot come: a substitute, a new date, or neither (空岗).
    LeaderAbsent,
    PostNotice,
    /// A city leader's visit the same half-month: the district visit moves with it.
    LinkCity,
    RecordHeld,
    RecordNotHeld,
    Register,
    PickMembers,
    MemberReport,
}

impl VisitMoveKind {
    pub const ALL: &'static [VisitMoveKind] = &[
        VisitMoveKind::LeaderAbsent,
        VisitMoveKind::PostNotice,
        VisitMoveKind::LinkCity,
        VisitMoveKind::RecordHeld,
        VisitMoveKind::RecordNotHeld,
        VisitMoveKind::Register,
        VisitMoveKind::PickMembers,
        VisitMoveKind::MemberReport,
    ];
}

/// The facts of a visit a move is judged on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VisitFacts {
    pub status: VisitStatus,
    pub kind: VisitKind,
    pub date: NaiveDate,
    pub leader_id: i64,
    pub leader_absent: bool,
    pub substitute_id: Option<i64>,
    /// The day the move is judged on (a visit to come is not held yet).
    pub today: NaiveDate,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VisitMove {
    LeaderAbsent {
        substitute: Option<i64>,
        new_date: Option<NaiveDate>,
    },
    PostNotice,
    LinkCity,
    RecordHeld,
    RecordNotHeld,
    Register,
    PickMembers {
        n: u32,
    },
    MemberReport,
}

impl VisitMove {
    pub fn kind(&self) -> VisitMoveKind {
        match self {
            VisitMove::LeaderAbsent { .. } => VisitMoveKind::LeaderAbsent,
            VisitMove::PostNotice => VisitMoveKind::PostNotice,
            VisitMove::LinkCity => VisitMoveKind::LinkCity,
            VisitMove::RecordHeld => VisitMoveKind::RecordHeld,
            VisitMove::RecordNotHeld => VisitMoveKind::RecordNotHeld,
            VisitMove::Register => VisitMoveKind::Register,
            VisitMove::PickMembers { .. } => VisitMoveKind::PickMembers,
            VisitMove::MemberReport => VisitMoveKind::MemberReport,
        }
    }
}

/// Whether a move of this kind may be made on this visit, and if not, why.
pub fn visit_allowed(kind: VisitMoveKind, v: &VisitFacts) -> Result<(), Problem> {
    use VisitMoveKind as K;
    use VisitStatus as S;
    match kind {
        K::LeaderAbsent | K::PostNotice | K::LinkCity | K::RecordNotHeld => {
            if v.status != S::Planned {
                return Err(Problem::of(T::ThisVisitAlreadyHasIts));
            }
        }
        K::RecordHeld => {
            if v.status == S::NotHeld {
                return Err(Problem::of(T::ThisVisitIsRecordedAs));
            }
            if v.leader_absent && v.substitute_id.is_none() {
                return Err(Problem::of(T::ThisVisitHasNoLeader));
            }
            if v.date > v.today {
                let d = v.date.format("%Y-%m-%d");
                return Err(Problem::fill(T::VisitIsOnItCannot, &[&d]));
            }
        }
        K::Register => {
            if v.status != S::Held {
                return Err(Problem::of(T::RecordVisitAsHeldFirst));
            }
        }
        // Members may be picked ahead, so that they come prepared to report.
        K::PickMembers | K::MemberReport => {
            if v.status == S::NotHeld {
                return Err(Problem::of(T::ThisVisitWasNotHeld));
            }
        }
    }
    if matches!(kind, K::PickMembers | K::MemberReport | K::LinkCity)
        && v.kind != VisitKind::Community
    {
        return Err(Problem::of(T::MembersArePickedAtCommunity));
    }
    Ok(())
}

/// The moves the desk offers on this visit.
pub fn visit_moves(v: &VisitFacts) -> Vec<VisitMoveKind> {
    VisitMoveKind::ALL
        .iter()
        .copied()
        .filter(|k| visit_allowed(*k, v).is_ok())
        .collect()
}

/// Validates a move and returns the status it leads to.
pub fn decide_visit(v: &VisitFacts, mv: &VisitMove) -> Result<VisitStatus, Problem> {
    visit_allowed(mv.kind(), v)?;
    match *mv {
        VisitMove::LeaderAbsent {
            substitute,
            new_date,
        } => {
            check_substitute(v.leader_id, substitute)?;
            if let Some(d) = new_date {
                check_new_date(d, v.today)?;
            }
            Ok(VisitStatus::Planned)
        }
        VisitMove::RecordHeld => Ok(VisitStatus::Held),
        VisitMove::RecordNotHeld => Ok(VisitStatus::NotHeld),
        VisitMove::PickMembers { n } => {
            if !PICK_RANGE.contains(&n) {
                return Err(Problem::fill(
                    T::PickToMembers,
                    &[&PICK_RANGE.start(), &PICK_RANGE.end()],
                ));
            }
            Ok(v.status)
        }
        VisitMove::PostNotice
        | VisitMove::LinkCity
        | VisitMove::Register
        | VisitMove::MemberReport => Ok(v.status),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use VisitMoveKind as K;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, day).unwrap()
    }

    fn facts(status: VisitStatus, kind: VisitKind) -> VisitFacts {
        VisitFacts {
            status,
            kind,
            date: d(11, 10),
            leader_id: 7,
            leader_absent: false,
            substitute_id: None,
            today: d(11, 10),
        }
    }

    #[test]
    fn a_planned_visit_is_held_or_not_and_then_only_its_follow_up_remains() {
        let v = facts(VisitStatus::Planned, VisitKind::Community);
        let held = VisitMove::RecordHeld;
        assert_eq!(decide_visit(&v, &held), Ok(VisitStatus::Held));
        assert_eq!(
            decide_visit(&v, &VisitMove::RecordNotHeld),
            Ok(VisitStatus::NotHeld)
        );
        assert!(
            decide_visit(&v, &VisitMove::Register).is_err(),
            "register after it is held"
        );
        let h = facts(VisitStatus::Held, VisitKind::Community);
        assert_eq!(
            visit_moves(&h),
            vec![K::RecordHeld, K::Register, K::PickMembers, K::MemberReport]
        );
        let n = facts(VisitStatus::NotHeld, VisitKind::Community);
        assert!(visit_moves(&n).is_empty());
        assert!(decide_visit(&n, &held).unwrap_err().zh().contains("未举行"));
    }

    #[test]
    fn a_visit_is_not_held_before_its_day() {
        let mut v = facts(VisitStatus::Planned, VisitKind::Township);
        v.today = d(11, 9);
        assert!(
            decide_visit(&v, &VisitMove::RecordHeld)
                .unwrap_err()
                .zh()
                .contains("还没到")
        );
        assert!(
            !visit_moves(&v).contains(&K::RecordHeld),
            "not offered either"
        );
    }

    #[test]
    fn an_unstaffed_visit_is_staffed_before_it_is_held() {
        let mut v = facts(VisitStatus::Planned, VisitKind::Community);
        v.leader_absent = true;
        let held = VisitMove::RecordHeld;
        assert!(decide_visit(&v, &held).unwrap_err().zh().contains("空岗"));
        v.substitute_id = Some(8);
        assert!(decide_visit(&v, &held).is_ok());
    }

    #[test]
    fn a_substitute_is_another_leader_and_a_moved_visit_is_not_in_the_past() {
        let mut v = facts(VisitStatus::Planned, VisitKind::Community);
        v.today = d(11, 5);
        let absent = |substitute, new_date| VisitMove::LeaderAbsent {
            substitute,
            new_date,
        };
        assert!(decide_visit(&v, &absent(Some(7), None)).is_err());
        assert!(decide_visit(&v, &absent(Some(8), None)).is_ok());
        assert!(decide_visit(&v, &absent(None, Some(d(11, 4)))).is_err());
        assert!(decide_visit(&v, &absent(None, Some(d(11, 5)))).is_ok());
        let mut held = facts(VisitStatus::Held, VisitKind::Community);
        held.today = d(11, 5);
        assert!(decide_visit(&held, &absent(Some(8), None)).is_err());
    }

    #[test]
    fn members_are_picked_two_to_four_at_community_visits_not_called_off() {
        let c = facts(VisitStatus::Held, VisitKind::Community);
        for (n, ok) in [(1, false), (2, true), (4, true), (5, false)] {
            assert_eq!(
                decide_visit(&c, &VisitMove::PickMembers { n }).is_ok(),
                ok,
                "{n}"
            );
        }
        let t = facts(VisitStatus::Held, VisitKind::Township);
        assert!(
            decide_visit(&t, &VisitMove::PickMembers { n: 3 })
                .unwrap_err()
                .zh()
                .contains("进社区")
        );
        let p = facts(VisitStatus::Planned, VisitKind::Community);
        assert!(
            decide_visit(&p, &VisitMove::PickMembers { n: 3 }).is_ok(),
            "ahead of the visit"
        );
        let n = facts(VisitStatus::NotHeld, VisitKind::Community);
        assert!(decide_visit(&n, &VisitMove::PickMembers { n: 3 }).is_err());
    }
}
