//! The lifecycles of a 微心愿 (open → claimed → fulfilled, or returned and claimed again) and of
//! a member's assignment to a household (active → ended). The store calls `decide_wish` and
//! `decide_assignment` inside its transaction; the desk asks `wish_moves` which moves to offer.

use crate::text::T;
use chrono::NaiveDate;

use super::{HOUSEHOLDS_PER_MEMBER, WishState, check_not_future};
use crate::domain::Problem;

/// What happens to a 微心愿.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WishMove {
    Claim { member_id: i64 },
    Fulfil { on: NaiveDate, note: String },
    Return { note: String },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WishMoveKind {
    Claim,
    Fulfil,
    Return,
}

impl WishMoveKind {
    pub const ALL: &'static [WishMoveKind] = &[
        WishMoveKind::Claim,
        WishMoveKind::Fulfil,
        WishMoveKind::Return,
    ];

    /// The state the move leads to.
    pub fn to(self) -> WishState {
        match self {
            WishMoveKind::Claim => WishState::Claimed,
            WishMoveKind::Fulfil => WishState::Fulfilled,
            WishMoveKind::Return => WishState::Returned,
        }
    }
}

impl WishMove {
    pub fn kind(&self) -> WishMoveKind {
        match self {
            WishMove::Claim { .. } => WishMoveKind::Claim,
            WishMove::Fulfil { .. } => WishMoveKind::Fulfil,
            WishMove::Return { .. } => WishMoveKind::Return,
        }
    }

    pub fn to(&self) -> WishState {
        self.kind().to()
    }
}

/// Whether a wish in this state may make this move, and if not, why.
pub fn wish_allowed(kind: WishMoveKind, from: WishState) -> Result<(), Problem> {
    use WishMoveKind as K;
    use WishState as S;
    let ok = matches!(
        (kind, from),
        (K::Claim, S::Open | S::Returned) | (K::Fulfil | K::Return, S::Claimed)
    );
    if ok {
        return Ok(());
    }
    let to = kind.to();
    Err(Problem::with(
        T::WishCannotGoFromTo,
        vec![from.arg(), to.arg()],
    ))
}

/// The moves the desk offers on a wish in this state.
pub fn wish_moves(from: WishState) -> Vec<WishMoveKind> {
    WishMoveKind::ALL
        .iter()
        .copied()
        .filter(|k| wish_allowed(*k, from).is_ok())
        .collect()
}

/// Validates a move on `today` and returns the state it leads to.
pub fn decide_wish(from: WishState, mv: &WishMove, today: NaiveDate) -> Result<WishState, Problem> {
    wish_allowed(mv.kind(), from)?;
    if let WishMove::Fulfil { on, .. } = mv {
        check_not_future(*on, today, T::FulfilledOnField)?;
    }
    Ok(mv.to())
}

/// The facts an assignment of a household to a member is judged on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AssignmentFacts {
    pub member_place: Option<i64>,
    pub key_selected: bool,
    /// The member's households now.
    pub already: usize,
    pub household_place: i64,
    /// The household has a member now.
    pub household_taken: bool,
}

/// A member may take a household only when key-selected, in their own community, at most
/// three, and only a household nobody looks after yet.
pub fn decide_assignment(f: &AssignmentFacts) -> Result<(), Problem> {
    if !f.key_selected {
        return Err(Problem::of(T::OnlyKeySelectedMembersAre));
    }
    if f.member_place != Some(f.household_place) {
        return Err(Problem::of(T::HouseholdMustBeInMember));
    }
    if f.already >= HOUSEHOLDS_PER_MEMBER {
        return Err(Problem::fill(
            T::MemberHasHouseholdsAlready,
            &[&HOUSEHOLDS_PER_MEMBER],
        ));
    }
    if f.household_taken {
        return Err(Problem::of(T::ThisHouseholdAlreadyHasMember));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use WishState as S;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
    }

    #[test]
    fn a_wish_is_claimed_then_fulfilled_or_returned_and_claimed_again() {
        let claim = WishMove::Claim { member_id: 3 };
        let fulfil = WishMove::Fulfil {
            on: day(20),
            note: String::new(),
        };
        let back = WishMove::Return {
            note: "联系不上".into(),
        };
        assert_eq!(decide_wish(S::Open, &claim, day(26)), Ok(S::Claimed));
        assert_eq!(decide_wish(S::Claimed, &fulfil, day(26)), Ok(S::Fulfilled));
        assert_eq!(decide_wish(S::Claimed, &back, day(26)), Ok(S::Returned));
        assert_eq!(decide_wish(S::Returned, &claim, day(26)), Ok(S::Claimed));
        assert!(decide_wish(S::Open, &fulfil, day(26)).is_err());
        assert!(decide_wish(S::Fulfilled, &claim, day(26)).is_err());
        assert!(decide_wish(S::Fulfilled, &back, day(26)).is_err());
        assert_eq!(
            wish_moves(S::Claimed),
            vec![WishMoveKind::Fulfil, WishMoveKind::Return]
        );
        assert!(wish_moves(S::Fulfilled).is_empty());
    }

    #[test]
    fn a_wish_is_not_fulfilled_in_the_future() {
        let later = WishMove::Fulfil {
            on: day(27),
            note: String::new(),
        };
        assert!(
            decide_wish(S::Claimed, &later, day(26))
                .unwrap_err()
                .zh()
                .contains("不能晚于今天")
        );
    }

    #[test]
    fn an_assignment_needs_a_key_member_of_the_community_with_room_and_a_free_household() {
        let ok = AssignmentFacts {
            member_place: Some(1),
            key_selected: true,
            already: 2,
            household_place: 1,
            household_taken: false,
        };
        assert!(decide_assignment(&ok).is_ok());
        for bad in [
            AssignmentFacts {
                key_selected: false,
                ..ok
            },
            AssignmentFacts {
                member_place: Some(2),
                ..ok
            },
            AssignmentFacts {
                member_place: None,
                ..ok
            },
            AssignmentFacts { already: 3, ..ok },
            AssignmentFacts {
                household_taken: true,
                ..ok
            },
        ] {
            assert!(decide_assignment(&bad).is_err(), "{bad:?}");
        }
    }
}
