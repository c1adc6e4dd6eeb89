//! Who may see and do what. Every screen and subcommand asks these functions; none decides alone.

use super::Problem;
use super::vocab::{CenterLevel, Role};
use crate::text::T;

/// The person acting: a signed-in staff member, or a subcommand run by an OS user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    /// Staff row id; `None` for the command line.
    pub staff_id: Option<i64>,
    /// Shown in the audit log and in "changed by …" messages: a name, or `cli:<os user>`.
    pub name: String,
    pub role: Role,
    pub center_id: Option<i64>,
    pub center_level: CenterLevel,
    /// For 承办单位 users: the one department they act for.
    pub department_id: Option<i64>,
}

impl Actor {
    /// A subcommand: acts as `cli:<os user>` with administrator rights (it has the file).
    pub fn cli(os_user: &str) -> Actor {
        Actor {
            staff_id: None,
            name: format!("cli:{os_user}"),
            role: Role::Admin,
            center_id: None,
            center_level: CenterLevel::District,
            department_id: None,
        }
    }
}

/// Which tickets a user may see. The store turns this into a WHERE clause.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Visibility {
    All,
    /// A town or community center sees the tickets registered at that center.
    Center(i64),
    /// A department user sees the tickets currently assigned to that department.
    Department(i64),
}

pub fn visibility(actor: &Actor) -> Visibility {
    match (
        actor.role,
        actor.department_id,
        actor.center_id,
        actor.center_level,
    ) {
        (Role::Department, Some(d), _, _) => Visibility::Department(d),
        // A department account without a department sees nothing it could act on; the store
        // refuses to create one, so this is only a guard.
        (Role::Department, None, _, _) => Visibility::Department(-1),
        (_, _, Some(c), CenterLevel::Town | CenterLevel::Community) => Visibility::Center(c),
        _ => Visibility::All,
    }
}

/// Whether a ticket with these facts is visible to the actor.
pub fn can_see(actor: &Actor, ticket_center: i64, ticket_department: Option<i64>) -> bool {
    match visibility(actor) {
        Visibility::All => true,
        Visibility::Center(c) => c == ticket_center,
        Visibility::Department(d) => ticket_department == Some(d),
    }
}

/// An act outside the ticket flow (the flow's own moves are `flow::allowed`), named with the
/// area it touches. `may` is the one answer to "may this actor do this act here".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Act {
    /// Register a petition at the desk (拟单).
    Register,
    /// Change reference data: places, centers, departments, leaders, categories, time limits,
    /// staff.
    ManageReferenceData,
    /// Change the representatives' roster (add, edit, status, training, imports).
    KeepRoster,
    /// Run 民事民议: draws, instant mediations and hearings.
    Deliberate,
    /// Keep the leaders' visit calendar: plan, record, staff, notices, registrations at visits.
    KeepVisits,
    /// Change the visit times and the notice period.
    ChangeVisitSettings,
    /// Keep the employed Party members' work: members, households, contacts, wishes.
    KeepMembers,
    /// Void a final draw (a panel, mediators, the members picked at a visit) so that it may be
    /// drawn again: the director alone, with a reason.
    VoidDraw,
    /// See the center's own work beyond tickets: the roster, draws and hearings, the visit
    /// calendar and ledgers, the members and the households they serve (their addresses and
    /// needs). Everyone but a department account, which sees its own tickets only.
    SeeCenterWork,
    /// See 考评 (the rankings): the director and administrators; a department account its own
    /// unit's line only (the store keeps it to it). Not the desk's clerks.
    SeeReview,
    /// Record a principal leader's review of a ledger summary (in the leader's name, as 下单
    /// is): the director.
    RecordLeaderReview,
}

/// May `actor` do `act`? `Err` says who may, in both languages, for the screen.
///
/// - The center's desk (窗口 and 主任) registers, deliberates and keeps the roster, the visits
///   and the members' work; administrators keep reference data, and also the roster, the visit
///   calendar and the members' files (they load them from files) but never deliberate: a draw
///   or a hearing is held in front of the parties by the desk.
/// - Only the director or an administrator changes the visit settings.
/// - Department users (承办单位) do none of these: they act on the tickets assigned to them.
pub fn may(actor: &Actor, act: Act) -> Result<(), Problem> {
    use Role::*;
    let allowed = match act {
        Act::Register | Act::Deliberate => matches!(actor.role, Clerk | Director),
        Act::ManageReferenceData => actor.role == Admin,
        Act::KeepRoster | Act::KeepVisits | Act::KeepMembers => {
            matches!(actor.role, Clerk | Director | Admin)
        }
        Act::ChangeVisitSettings => matches!(actor.role, Director | Admin),
        Act::VoidDraw => actor.role == Director,
        Act::SeeCenterWork => actor.role != Department,
        Act::SeeReview => actor.role != Clerk,
        Act::RecordLeaderReview => actor.role == Director,
    };
    if allowed {
        return Ok(());
    }
    Err(match act {
        Act::Register => Problem::with(T::CannotRegisterPetitionsClerkOr, vec![actor.role.arg()]),
        Act::ManageReferenceData => Problem::of(T::OnlyAdministratorMayChangeReference),
        Act::KeepRoster => Problem::of(T::RosterIsKeptByCenter),
        Act::Deliberate => Problem::of(T::DrawsAndDeliberationsAreRun),
        Act::KeepVisits => Problem::of(T::VisitCalendarIsKeptBy),
        Act::ChangeVisitSettings => Problem::of(T::OnlyDirectorOrAdministratorChanges),
        Act::KeepMembers => Problem::of(T::KeptByCenterAndCommunities),
        Act::VoidDraw => Problem::of(T::OnlyTheDirectorVoidsADraw),
        Act::SeeCenterWork => Problem::of(T::DepartmentUsersSeeTheirTickets),
        Act::SeeReview => Problem::of(T::ReviewIsForDirectors),
        Act::RecordLeaderReview => Problem::of(T::OnlyTheDirectorRecordsReviews),
    })
}

/// Who may be named first handler (首办负责人) of a petition: an active member of the center's
/// desk (窗口 or 主任). A leader may be too (at a visit, or when a leader takes it on); that is a
/// leader, not a staff member, and is checked against the active leaders.
pub fn may_handle_first(role: Role, active: bool) -> bool {
    active && matches!(role, Role::Clerk | Role::Director)
}

/// `may`, as a yes or no: what the screens use to offer an act.
pub fn can(actor: &Actor, act: Act) -> bool {
    may(actor, act).is_ok()
}

/// Staff numbers are short codes people type at sign-in.
pub fn validate_staff_no(s: &str) -> Result<String, Problem> {
    let s = s.trim();
    if s.is_empty() || s.len() > 16 || !s.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return Err(Problem::of(T::StaffNumberIs1To));
    }
    Ok(s.to_string())
}

/// PINs are 4 to 12 digits.
pub fn validate_pin(s: &str) -> Result<(), Problem> {
    if !(4..=12).contains(&s.len()) || !s.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Problem::of(T::PINIs4To12));
    }
    // The first PINs anyone tries: one digit repeated (000000, 8888), or a run of consecutive
    // digits up or down (123456, 987654, 3456).
    let d: Vec<i8> = s.bytes().map(|b| (b - b'0') as i8).collect();
    let steps: Vec<i8> = d.windows(2).map(|w| w[1] - w[0]).collect();
    if steps.iter().all(|x| *x == 0)
        || steps.iter().all(|x| *x == 1)
        || steps.iter().all(|x| *x == -1)
    {
        return Err(Problem::of(T::PinTooEasyToGuess));
    }
    Ok(())
}

/// Nothing may leave the center without an administrator: no change of roles, accounts or org
/// file that ends with no active administrator (nobody could then manage accounts or
/// reference data). `active_admins` is the count after the change.
pub fn check_keeps_an_administrator(active_admins: i64) -> Result<(), Problem> {
    if active_admins < 1 {
        return Err(Problem::of(T::WouldLeaveNoAdministrator));
    }
    Ok(())
}

/// Sign-in lockout: after this many wrong PINs in a row the account is locked …
pub const MAX_FAILED_SIGN_INS: i64 = 5;
/// … for this many minutes.
pub const LOCK_MINUTES: i64 = 5;

/// What a failed sign-in does to the account.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FailedSignIn {
    /// Count the failure; this many tries remain.
    Count { failures: i64, remaining: i64 },
    /// This failure locks the account.
    Lock { failures: i64 },
}

pub fn after_failed_sign_in(previous_failures: i64) -> FailedSignIn {
    let failures = previous_failures + 1;
    if failures >= MAX_FAILED_SIGN_INS {
        FailedSignIn::Lock { failures }
    } else {
        FailedSignIn::Count {
            failures,
            remaining: MAX_FAILED_SIGN_INS - failures,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actor(role: Role, level: CenterLevel, dept: Option<i64>) -> Actor {
        Actor {
            staff_id: Some(1),
            name: "王芳".into(),
            role,
            center_id: Some(7),
            center_level: level,
            department_id: dept,
        }
    }

    #[test]
    fn department_users_see_their_department_only() {
        let a = actor(Role::Department, CenterLevel::District, Some(3));
        assert!(can_see(&a, 1, Some(3)));
        assert!(!can_see(&a, 1, Some(4)));
        assert!(!can_see(&a, 1, None));
    }

    #[test]
    fn lower_centers_see_their_own_tickets_district_sees_all() {
        let town = actor(Role::Clerk, CenterLevel::Town, None);
        assert!(can_see(&town, 7, None));
        assert!(!can_see(&town, 8, None));
        let district = actor(Role::Clerk, CenterLevel::District, None);
        assert!(can_see(&district, 8, Some(2)));
    }

    #[test]
    fn who_may_do_what_outside_the_flow() {
        // Role × act: the whole table, so that a change to one cell is a visible decision.
        let roles = [Role::Clerk, Role::Director, Role::Department, Role::Admin];
        let table: &[(Act, [bool; 4])] = &[
            (Act::Register, [true, true, false, false]),
            (Act::ManageReferenceData, [false, false, false, true]),
            (Act::KeepRoster, [true, true, false, true]),
            (Act::Deliberate, [true, true, false, false]),
            (Act::KeepVisits, [true, true, false, true]),
            (Act::ChangeVisitSettings, [false, true, false, true]),
            (Act::KeepMembers, [true, true, false, true]),
            (Act::RecordLeaderReview, [false, true, false, false]),
        ];
        for (act, row) in table {
            for (role, expected) in roles.iter().zip(row) {
                let dept = (*role == Role::Department).then_some(1);
                let a = actor(*role, CenterLevel::District, dept);
                assert_eq!(can(&a, *act), *expected, "{role:?} {act:?}");
                // A refusal says who may, in Chinese.
                if !expected {
                    assert!(!may(&a, *act).unwrap_err().zh().is_empty());
                }
            }
        }
        assert!(may(&Actor::cli("root"), Act::ManageReferenceData).is_ok());
        assert_eq!(Actor::cli("root").name, "cli:root");
    }

    #[test]
    fn five_wrong_pins_lock() {
        assert_eq!(
            after_failed_sign_in(0),
            FailedSignIn::Count {
                failures: 1,
                remaining: 4
            }
        );
        assert_eq!(
            after_failed_sign_in(3),
            FailedSignIn::Count {
                failures: 4,
                remaining: 1
            }
        );
        assert_eq!(after_failed_sign_in(4), FailedSignIn::Lock { failures: 5 });
    }

    #[test]
    fn staff_numbers_and_pins() {
        assert!(validate_staff_no("1001").is_ok());
        assert!(validate_staff_no("10 01").is_err());
        assert!(validate_pin("2580").is_ok());
        assert!(validate_pin("300300").is_ok());
        assert!(validate_pin("123").is_err());
        assert!(validate_pin("12a4").is_err());
        for easy in [
            "123456",
            "654321",
            "000000",
            "888888",
            "1234",
            "456789",
            "9876543210",
        ] {
            let e = validate_pin(easy).unwrap_err();
            assert!(e.zh().contains("太容易"), "{easy}: {}", e.zh());
        }
        assert!(
            validate_pin("123457").is_ok(),
            "only a whole run is refused"
        );
    }

    #[test]
    fn the_center_always_keeps_an_administrator() {
        assert!(check_keeps_an_administrator(1).is_ok());
        assert!(
            check_keeps_an_administrator(0)
                .unwrap_err()
                .zh()
                .contains("管理员")
        );
    }
}
