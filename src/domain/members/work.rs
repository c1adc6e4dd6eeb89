//! The members' work as the seed asks it of them and of their units: registering with the
//! community where they live (到社区报到), 动态调整 (key-selection, retirement, the end of an
//! assignment), the unit's random inspection of diaries and its quarterly meeting, and the
//! 组织部's and 机关党工委's oversight.

use chrono::NaiveDate;

use crate::domain::Problem;
use crate::domain::vocab::vocab;
use crate::text::T;

vocab! {
    /// What the 组织部 or the 机关党工委 did.
    OversightKind {
        Inspection = "inspection", "明察暗访", "Inspection";
        Meeting = "meeting", "工作调度会", "Work meeting";
        Briefing = "briefing", "情况通报会", "Briefing";
    }
}

vocab! {
    OversightBy {
        Organization = "organization", "区委组织部", "Organisation department";
        WorkCommittee = "work_committee", "区直机关党工委", "Working committee of district organs";
    }
}

/// How many members a unit's inspection draws.
pub const INSPECTION_RANGE: std::ops::RangeInclusive<u32> = 1..=10;

/// A dated act of a member's (registering, a change, a retirement): not a day to come.
pub fn check_member_date(on: NaiveDate, today: NaiveDate) -> Result<(), Problem> {
    if on > today {
        return Err(Problem::fill(
            T::DateIsInTheFuture,
            &[&on.format("%Y-%m-%d")],
        ));
    }
    Ok(())
}

/// A member registers with the community where they live: they must have one, and be serving.
pub fn check_registration(home: Option<i64>, active: bool) -> Result<(), Problem> {
    if !active {
        return Err(Problem::of(T::MemberIsRetired));
    }
    if home.is_none() {
        return Err(Problem::of(T::MemberHasNoHomeCommunity));
    }
    Ok(())
}

/// Key-selection needs how the member was chosen (自荐, 支部推荐 or 党委决定).
pub fn check_key_selection<S>(key: bool, how: Option<S>) -> Result<(), Problem> {
    if key && how.is_none() {
        return Err(Problem::of(T::SayHowTheMemberWasSelected));
    }
    Ok(())
}

pub fn check_inspection_size(n: u32, members: usize) -> Result<(), Problem> {
    if !INSPECTION_RANGE.contains(&n) {
        return Err(Problem::fill(
            T::InspectionSize,
            &[&INSPECTION_RANGE.start(), &INSPECTION_RANGE.end()],
        ));
    }
    if members < n as usize {
        return Err(Problem::fill(T::UnitHasTooFewMembers, &[&members, &n]));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn members_work_rules() {
        assert!(check_member_date(d("2026-12-01"), d("2026-12-01")).is_ok());
        assert!(check_member_date(d("2026-12-02"), d("2026-12-01")).is_err());
        assert!(check_registration(Some(1), true).is_ok());
        assert!(check_registration(None, true).is_err());
        assert!(check_registration(Some(1), false).is_err());
        assert!(check_key_selection::<u8>(true, None).is_err());
        assert!(check_key_selection(true, Some(1)).is_ok());
        assert!(check_key_selection::<u8>(false, None).is_ok());
        assert!(check_inspection_size(3, 10).is_ok());
        assert!(check_inspection_size(0, 10).is_err());
        assert!(check_inspection_size(3, 2).is_err());
    }
}
