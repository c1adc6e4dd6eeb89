//! 在职党员进社区: employed Party members, key selection (at least 40 % of each unit), the five
//! kinds of households, three households per key-selected member, quarterly in-person contact,
//! and 微心愿.

use crate::domain::Arg;
use crate::text::T;
use std::collections::{BTreeSet, HashMap};

use chrono::{Datelike, NaiveDate};

mod life;
pub use life::*;
pub mod work;

use super::Problem;
use super::person::normalize_mobile;
use super::text::clean_input;
use super::vocab::vocab;

vocab! {
    CadrePool {
        Managed = "managed", "区管干部", "District-managed cadre";
        Reserve = "reserve", "后备干部", "Reserve cadre";
        Young = "young", "年轻干部", "Young cadre";
        Other = "other", "其他", "Other";
    }
}

vocab! {
    SelectedBy {
        SelfNominated = "self", "自荐", "Self-nominated";
        Branch = "branch", "支部推荐", "Branch recommendation";
        Committee = "committee", "党委决定", "Party committee decision";
    }
}

vocab! {
    /// 五类群众.
    HouseholdKind {
        Aided = "aided", "帮扶户", "Aided";
        ThreeNo = "three_no", "三无户", "No job, income or support";
        EmptyNest = "empty_nest", "空巢户", "Empty nest";
        Petition = "petition", "诉求户", "Has a petition";
        Representative = "representative", "代表户", "Representative";
    }
}

vocab! {
    ContactMethod {
        Visit = "visit", "入户", "Home visit";
        Phone = "phone", "电话", "Phone";
        Sms = "sms", "短信", "SMS";
        Online = "online", "网络", "Online";
    }
}

vocab! {
    WishState {
        Open = "open", "待认领", "Open";
        Claimed = "claimed", "已认领", "Claimed";
        Fulfilled = "fulfilled", "已实现", "Fulfilled";
        Returned = "returned", "已退回", "Returned";
    }
}

/// The minimum share of key-selected members in each unit, in percent.
pub const KEY_SHARE_PERCENT: u32 = 40;
/// Households per key-selected member.
pub const HOUSEHOLDS_PER_MEMBER: usize = 3;

/// Whether a unit meets the 40 % rule (a unit without employed members has nothing to meet).
pub fn key_share_ok(key_selected: u32, total: u32) -> bool {
    total == 0 || key_selected * 100 >= KEY_SHARE_PERCENT * total
}

/// How many more members a unit must key-select to reach 40 %.
pub fn key_share_missing(key_selected: u32, total: u32) -> u32 {
    let need = (KEY_SHARE_PERCENT * total).div_ceil(100);
    need.saturating_sub(key_selected)
}

/// The calendar quarter of a date: (year, 1..=4).
pub fn quarter(d: NaiveDate) -> (i32, u32) {
    (d.year(), (d.month() - 1) / 3 + 1)
}

/// The first and last day of a quarter.
pub fn quarter_bounds(year: i32, q: u32) -> (NaiveDate, NaiveDate) {
    let start = NaiveDate::from_ymd_opt(year, (q - 1) * 3 + 1, 1).unwrap_or_default();
    let next = if q == 4 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(year, q * 3 + 1, 1)
    };
    (
        start,
        next.unwrap_or_default().pred_opt().unwrap_or_default(),
    )
}

/// The quarter before.
pub fn previous_quarter(year: i32, q: u32) -> (i32, u32) {
    if q == 1 { (year - 1, 4) } else { (year, q - 1) }
}

/// Households without an in-person visit in the quarter: `visits` are (household, date) of
/// 入户 contacts; `households` are the ones that need a visit (assigned in that quarter).
pub fn coverage_gaps(
    households: &[i64],
    visits: &[(i64, NaiveDate)],
    year: i32,
    q: u32,
) -> Vec<i64> {
    let (start, end) = quarter_bounds(year, q);
    let seen: BTreeSet<i64> = visits
        .iter()
        .filter(|(_, d)| *d >= start && *d <= end)
        .map(|(h, _)| *h)
        .collect();
    households
        .iter()
        .copied()
        .filter(|h| !seen.contains(h))
        .collect()
}

fn bigrams(s: &str) -> BTreeSet<String> {
    let chars: Vec<char> = s.chars().filter(|c| c.is_alphanumeric()).collect();
    chars.windows(2).map(|w| w.iter().collect()).collect()
}

/// How well a member's profession and skills match a household's needs: shared character pairs.
pub fn match_score(skills: &str, needs: &str) -> usize {
    let a = bigrams(skills);
    bigrams(needs).iter().filter(|b| a.contains(*b)).count()
}

/// What the assignment check flags.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AssignmentProblems {
    /// Key-selected members with fewer or more than 3 households: (member, how many).
    pub members: Vec<(i64, usize)>,
    /// Households without a member.
    pub unassigned: Vec<i64>,
}

/// Problems with assignments: key-selected members without exactly 3 households, and households
/// without a member. `assigned` is (member, household) pairs.
pub fn assignment_problems(
    key_members: &[i64],
    households: &[i64],
    assigned: &[(i64, i64)],
) -> AssignmentProblems {
    let mut per_member: HashMap<i64, usize> = HashMap::new();
    for (m, _) in assigned {
        *per_member.entry(*m).or_default() += 1;
    }
    let members = key_members
        .iter()
        .map(|m| (*m, per_member.get(m).copied().unwrap_or(0)))
        .filter(|(_, n)| *n != HOUSEHOLDS_PER_MEMBER)
        .collect();
    let covered: BTreeSet<i64> = assigned.iter().map(|(_, h)| *h).collect();
    let lonely = households
        .iter()
        .copied()
        .filter(|h| !covered.contains(h))
        .collect();
    AssignmentProblems {
        members,
        unassigned: lonely,
    }
}

/// A day something was done (a contact, a wish fulfilled) cannot be after today.
pub fn check_not_future(on: NaiveDate, today: NaiveDate, what: T) -> Result<(), Problem> {
    if on > today {
        return Err(Problem::with(T::IsInFuture, vec![Arg::Text(what)]));
    }
    Ok(())
}

/// A member as typed or imported.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MemberForm {
    pub name: String,
    pub unit: String,
    pub position: String,
    pub place: String,
    pub profession: String,
    pub skills: String,
    pub pool: String,
    pub key_selected: String,
    pub selected_by: String,
    pub mobile: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberInput {
    pub name: String,
    pub unit: String,
    pub position: String,
    pub place: String,
    pub profession: String,
    pub skills: String,
    pub pool: CadrePool,
    pub key_selected: bool,
    pub selected_by: Option<SelectedBy>,
    pub mobile: Option<String>,
}

type FieldErrors = Vec<(&'static str, Problem)>;

fn yes(s: &str) -> Result<bool, Problem> {
    match s.trim() {
        "是" | "yes" | "y" | "1" | "true" => Ok(true),
        "否" | "no" | "n" | "0" | "false" | "" => Ok(false),
        other => Err(Problem::fill(T::ShouldBeYesOrNo, &[&other])),
    }
}

pub fn validate_member(f: &MemberForm) -> Result<MemberInput, FieldErrors> {
    let mut e: FieldErrors = vec![];
    fn take<V>(e: &mut FieldErrors, k: &'static str, r: Result<V, Problem>) -> Option<V> {
        r.map_err(|p| e.push((k, p))).ok()
    }
    let name = take(&mut e, "name", clean_input(&f.name, 20, false, true));
    let unit = take(&mut e, "unit", clean_input(&f.unit, 40, false, true));
    let position = take(
        &mut e,
        "position",
        clean_input(&f.position, 40, false, false),
    );
    let place = take(&mut e, "place", clean_input(&f.place, 40, false, true));
    let profession = take(
        &mut e,
        "profession",
        clean_input(&f.profession, 40, false, false),
    );
    let skills = take(&mut e, "skills", clean_input(&f.skills, 100, false, false));
    let pool = take(
        &mut e,
        "pool",
        super::parse_choice(
            if f.pool.trim().is_empty() {
                "其他"
            } else {
                &f.pool
            },
            CadrePool::parse,
            CadrePool::ALL,
            CadrePool::zh,
            T::CadrePoolLabel,
        ),
    );
    let key = take(&mut e, "key_selected", yes(&f.key_selected));
    let by = if f.selected_by.trim().is_empty() {
        Some(None)
    } else {
        take(
            &mut e,
            "selected_by",
            super::parse_choice(
                &f.selected_by,
                SelectedBy::parse,
                SelectedBy::ALL,
                SelectedBy::zh,
                T::ChosenBy,
            )
            .map(Some),
        )
    };
    if key == Some(true) && by == Some(None) {
        e.push(("selected_by", Problem::of(T::KeySelectedMemberNeedsHow)));
    }
    let mobile = if f.mobile.trim().is_empty() {
        Some(None)
    } else {
        take(&mut e, "mobile", normalize_mobile(&f.mobile).map(Some))
    };
    if !e.is_empty() {
        return Err(e);
    }
    match (
        name, unit, position, place, profession, skills, pool, key, by, mobile,
    ) {
        (
            Some(name),
            Some(unit),
            Some(position),
            Some(place),
            Some(profession),
            Some(skills),
            Some(pool),
            Some(key_selected),
            Some(selected_by),
            Some(mobile),
        ) => Ok(MemberInput {
            name,
            unit,
            position,
            place,
            profession,
            skills,
            pool,
            key_selected,
            selected_by: if key_selected { selected_by } else { None },
            mobile,
        }),
        _ => Err(e),
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HouseholdForm {
    pub place: String,
    pub address: String,
    pub head: String,
    pub kind: String,
    pub needs: String,
    pub plan: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HouseholdInput {
    pub place: String,
    pub address: String,
    pub head: String,
    pub kind: HouseholdKind,
    pub needs: String,
    pub plan: String,
}

pub fn validate_household(f: &HouseholdForm) -> Result<HouseholdInput, FieldErrors> {
    let mut e: FieldErrors = vec![];
    fn take<T>(e: &mut FieldErrors, k: &'static str, r: Result<T, Problem>) -> Option<T> {
        r.map_err(|p| e.push((k, p))).ok()
    }
    let place = take(&mut e, "place", clean_input(&f.place, 40, false, true));
    let address = take(&mut e, "address", clean_input(&f.address, 100, false, true));
    let head = take(&mut e, "head", clean_input(&f.head, 20, false, true));
    let kind = take(
        &mut e,
        "kind",
        super::parse_choice(
            &f.kind,
            HouseholdKind::parse,
            HouseholdKind::ALL,
            HouseholdKind::zh,
            T::HouseholdKindField,
        ),
    );
    let needs = take(&mut e, "needs", clean_input(&f.needs, 200, false, false));
    let plan = take(&mut e, "plan", clean_input(&f.plan, 500, true, false));
    if !e.is_empty() {
        return Err(e);
    }
    match (place, address, head, kind, needs, plan) {
        (Some(place), Some(address), Some(head), Some(kind), Some(needs), Some(plan)) => {
            Ok(HouseholdInput {
                place,
                address,
                head,
                kind,
                needs,
                plan,
            })
        }
        _ => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_is_done_in_the_future() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        let what = T::ContactDateField;
        assert!(check_not_future(today, today, what).is_ok());
        assert!(check_not_future(today - chrono::Duration::days(1), today, what).is_ok());
        let e = check_not_future(today + chrono::Duration::days(1), today, what).unwrap_err();
        assert_eq!(e.zh(), "联系日期不能晚于今天");
    }

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn the_forty_percent_rule() {
        assert!(key_share_ok(4, 10));
        assert!(!key_share_ok(3, 10));
        assert!(key_share_ok(2, 5));
        assert!(!key_share_ok(1, 3), "1 of 3 is 33 %");
        assert!(key_share_ok(0, 0));
        assert_eq!(key_share_missing(3, 10), 1);
        assert_eq!(key_share_missing(0, 3), 2, "40 % of 3 rounds up to 2");
        assert_eq!(key_share_missing(5, 10), 0);
    }

    #[test]
    fn quarters_at_their_boundaries() {
        assert_eq!(quarter(d("2026-03-31")), (2026, 1));
        assert_eq!(quarter(d("2026-04-01")), (2026, 2));
        assert_eq!(quarter(d("2026-12-31")), (2026, 4));
        assert_eq!(quarter_bounds(2026, 4), (d("2026-10-01"), d("2026-12-31")));
        assert_eq!(quarter_bounds(2024, 1), (d("2024-01-01"), d("2024-03-31")));
        assert_eq!(previous_quarter(2026, 1), (2025, 4));
        // A visit on the last day of a quarter counts for that quarter only.
        let visits = [(1, d("2026-03-31")), (2, d("2026-04-01"))];
        assert_eq!(coverage_gaps(&[1, 2, 3], &visits, 2026, 1), vec![2, 3]);
        assert_eq!(coverage_gaps(&[1, 2, 3], &visits, 2026, 2), vec![1, 3]);
    }

    #[test]
    fn matching_and_assignment_checks() {
        assert!(
            match_score("医生、护理、老年病", "老人需要定期量血压和护理")
                > match_score("律师、合同纠纷", "老人需要定期量血压和护理")
        );
        let p = assignment_problems(
            &[1, 2],
            &[10, 11, 12, 13, 14],
            &[(1, 10), (1, 11), (1, 12), (2, 13)],
        );
        assert_eq!(p.members, vec![(2, 1)]);
        assert_eq!(p.unassigned, vec![14]);
    }

    #[test]
    fn member_and_household_validation_names_fields() {
        let m = MemberForm {
            name: "赵红".into(),
            unit: "区教育局".into(),
            place: "仙城社区".into(),
            key_selected: "是".into(),
            ..Default::default()
        };
        let e = validate_member(&m).unwrap_err();
        assert_eq!(
            e.iter().map(|x| x.0).collect::<Vec<_>>(),
            vec!["selected_by"]
        );
        let m = MemberForm {
            selected_by: "支部推荐".into(),
            mobile: "138 0013 8000".into(),
            ..m
        };
        let ok = validate_member(&m).unwrap();
        assert_eq!(
            (ok.key_selected, ok.selected_by, ok.pool),
            (true, Some(SelectedBy::Branch), CadrePool::Other)
        );
        let h = HouseholdForm {
            place: "仙城社区".into(),
            address: "3号楼".into(),
            head: "孙大爷".into(),
            kind: "五保户".into(),
            ..Default::default()
        };
        assert!(
            validate_household(&h).unwrap_err()[0]
                .1
                .zh()
                .contains("空巢户")
        );
    }
}
