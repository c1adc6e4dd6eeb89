//! The lifecycle of a 评理大会: planned (attendance checked) → open (the phases) → voting →
//! closed. The store calls `decide_hearing` inside its transaction; the desk asks
//! `hearing_moves` which moves to offer.

use super::check_full_panel;
use crate::domain::Problem;
use crate::domain::draw::{DrawKind, DrawState, Minimum, ready_for_hearing};
use crate::domain::roster::RepCategory;
use crate::domain::vocab::{State, vocab};
use crate::text::T;

vocab! {
    HearingState {
        Planned = "planned", "待开始（核对出席）", "planned (check attendance)";
        Open = "open", "进行中", "in progress";
        Voting = "voting", "表决中", "voting";
        Closed = "closed", "已结束", "closed";
    }
}

impl HearingState {
    /// Whether the members sat: a planned hearing that never opened does not count as service.
    pub fn sat(self) -> bool {
        self != HearingState::Planned
    }

    /// Closed: its outcome is on the ticket and nothing about it changes any more.
    pub fn is_closed(self) -> bool {
        self == HearingState::Closed
    }
}

/// What can happen to a hearing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HearingMoveKind {
    MarkAbsent,
    Open,
    Note,
    FixQuestions,
    Vote,
    Correct,
    Close,
}

impl HearingMoveKind {
    pub const ALL: &'static [HearingMoveKind] = &[
        HearingMoveKind::MarkAbsent,
        HearingMoveKind::Open,
        HearingMoveKind::Note,
        HearingMoveKind::FixQuestions,
        HearingMoveKind::Vote,
        HearingMoveKind::Correct,
        HearingMoveKind::Close,
    ];
}

/// A move with the facts it is judged on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HearingMove<'a> {
    /// A sitting member is absent: the next alternate in draw order not yet seen takes the seat.
    MarkAbsent {
        rep: i64,
        sitting: &'a [i64],
        seen: &'a [i64],
        alternates: &'a [i64],
        /// The category of each member and alternate, and the draw's minimums: the
        /// replacement keeps every minimum, by the rule of strikes.
        categories: &'a [(i64, RepCategory)],
        minimums: &'a [Minimum],
    },
    Open {
        panel_size: usize,
        present: usize,
    },
    Note,
    FixQuestions {
        count: usize,
    },
    /// A vote, or with `correction` a new vote superseding the member's effective one.
    Vote {
        name: &'a str,
        sitting: bool,
        already_voted: bool,
        correction: bool,
    },
    Close {
        all_voted: bool,
    },
}

impl HearingMove<'_> {
    pub fn kind(&self) -> HearingMoveKind {
        match self {
            HearingMove::MarkAbsent { .. } => HearingMoveKind::MarkAbsent,
            HearingMove::Open { .. } => HearingMoveKind::Open,
            HearingMove::Note => HearingMoveKind::Note,
            HearingMove::FixQuestions { .. } => HearingMoveKind::FixQuestions,
            HearingMove::Vote {
                correction: false, ..
            } => HearingMoveKind::Vote,
            HearingMove::Vote {
                correction: true, ..
            } => HearingMoveKind::Correct,
            HearingMove::Close { .. } => HearingMoveKind::Close,
        }
    }
}

/// What a move changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HearingChange {
    pub to: HearingState,
    /// The alternate who takes an absent member's seat.
    pub replacement: Option<i64>,
}

/// Whether a move of this kind may be made on a hearing in this state, and if not, why.
pub fn hearing_allowed(kind: HearingMoveKind, state: HearingState) -> Result<(), Problem> {
    use HearingMoveKind as K;
    use HearingState as S;
    let ok = matches!(
        (kind, state),
        (K::MarkAbsent | K::Open, S::Planned)
            | (K::Note | K::FixQuestions, S::Open)
            | (K::Vote | K::Correct | K::Close, S::Voting)
    );
    if ok {
        return Ok(());
    }
    Err(match kind {
        K::MarkAbsent => Problem::of(T::AttendanceIsFixedOnceHearing),
        K::Open => Problem::of(T::HearingHasStarted),
        K::Note => Problem::of(T::NotesAreTakenWhileHearing),
        K::FixQuestions => Problem::of(T::QuestionsAreFixedWhileHearing),
        K::Vote | K::Correct => Problem::of(T::NotVotingNow),
        K::Close => Problem::of(T::VotingNotOpen),
    })
}

/// The moves the desk offers on a hearing in this state.
pub fn hearing_moves(state: HearingState) -> Vec<HearingMoveKind> {
    HearingMoveKind::ALL
        .iter()
        .copied()
        .filter(|k| hearing_allowed(*k, state).is_ok())
        .collect()
}

/// A hearing is planned on a final 评理团 draw of a ticket still awaiting deliberation; it
/// starts planned. (A mediation's outcome "a hearing follows" asks the same of the ticket.)
pub fn plan_hearing(
    draw: Option<(DrawKind, DrawState)>,
    ticket: Option<State>,
) -> Result<HearingState, Problem> {
    if let Some((kind, state)) = draw
        && !ready_for_hearing(kind, state)
    {
        return Err(Problem::of(T::PanelDrawMustBeFinal));
    }
    if ticket != Some(State::AwaitingDeliberation) {
        return Err(Problem::of(T::TicketIsNotAwaitingDeliberation));
    }
    Ok(HearingState::Planned)
}

/// At most this many questions are put to the vote.
pub const MAX_QUESTIONS: usize = 5;

/// Validates a move and returns what it changes.
pub fn decide_hearing(state: HearingState, mv: &HearingMove) -> Result<HearingChange, Problem> {
    hearing_allowed(mv.kind(), state)?;
    let stay = HearingChange {
        to: state,
        replacement: None,
    };
    match mv {
        HearingMove::MarkAbsent {
            rep,
            sitting,
            seen,
            alternates,
            categories,
            minimums,
        } => {
            if !sitting.contains(rep) {
                return Err(Problem::of(T::NotOnPanel));
            }
            let cat = |id: i64| categories.iter().find(|(i, _)| *i == id).map(|(_, c)| *c);
            // As for a strike: when the panel would fall below a minimum without the absent
            // member, the replacement must be of that minimum's categories.
            let remaining: Vec<i64> = sitting.iter().copied().filter(|i| i != rep).collect();
            let needed = minimums.iter().find(|m| {
                cat(*rep).is_some_and(|c| m.covers(c))
                    && (remaining
                        .iter()
                        .filter(|i| cat(**i).is_some_and(|c| m.covers(c)))
                        .count() as u32)
                        < m.count
            });
            let Some(alt) = alternates.iter().copied().find(|a| {
                !seen.contains(a) && needed.is_none_or(|m| cat(*a).is_some_and(|c| m.covers(c)))
            }) else {
                return Err(match needed {
                    Some(m) => Problem::fill(T::NoAlternateKeepsMinimum, &[&m.label_zh()]),
                    None => Problem::of(T::NoAlternatesLeftPanelCannot),
                });
            };
            Ok(HearingChange {
                replacement: Some(alt),
                ..stay
            })
        }
        HearingMove::Open {
            panel_size,
            present,
        } => {
            check_full_panel(*panel_size, *present)?;
            Ok(HearingChange {
                to: HearingState::Open,
                ..stay
            })
        }
        HearingMove::Note => Ok(stay),
        HearingMove::FixQuestions { count } => {
            if *count == 0 || *count > MAX_QUESTIONS {
                return Err(Problem::fill(T::N1ToQuestions, &[&MAX_QUESTIONS]));
            }
            Ok(HearingChange {
                to: HearingState::Voting,
                ..stay
            })
        }
        HearingMove::Vote {
            name,
            sitting,
            already_voted,
            correction,
        } => {
            if !sitting {
                return Err(Problem::of(T::OnlySittingMembersVote));
            }
            match (correction, already_voted) {
                (false, true) => Err(Problem::fill(T::AlreadyVotedRecordCorrectionWith, &[&name])),
                (true, false) => Err(Problem::of(T::NothingToCorrect)),
                _ => Ok(stay),
            }
        }
        HearingMove::Close { all_voted } => {
            if !all_voted {
                return Err(Problem::of(T::NotEverySittingMemberHas));
            }
            Ok(HearingChange {
                to: HearingState::Closed,
                ..stay
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use HearingState as S;

    fn vote(sitting: bool, already_voted: bool, correction: bool) -> HearingMove<'static> {
        HearingMove::Vote {
            name: "张三",
            sitting,
            already_voted,
            correction,
        }
    }

    #[test]
    fn a_hearing_goes_planned_open_voting_closed() {
        let open = HearingMove::Open {
            panel_size: 7,
            present: 7,
        };
        assert_eq!(decide_hearing(S::Planned, &open).unwrap().to, S::Open);
        assert!(decide_hearing(S::Open, &open).is_err(), "cannot open twice");
        let fix = HearingMove::FixQuestions { count: 1 };
        assert_eq!(decide_hearing(S::Open, &fix).unwrap().to, S::Voting);
        assert!(
            decide_hearing(S::Voting, &fix).is_err(),
            "questions are fixed once"
        );
        let close = HearingMove::Close { all_voted: true };
        assert_eq!(decide_hearing(S::Voting, &close).unwrap().to, S::Closed);
        for k in HearingMoveKind::ALL {
            assert!(
                hearing_allowed(*k, S::Closed).is_err(),
                "{k:?} after closing"
            );
        }
        assert_eq!(
            hearing_moves(S::Planned),
            vec![HearingMoveKind::MarkAbsent, HearingMoveKind::Open]
        );
        assert_eq!(
            hearing_moves(S::Voting),
            vec![
                HearingMoveKind::Vote,
                HearingMoveKind::Correct,
                HearingMoveKind::Close
            ]
        );
    }

    #[test]
    fn a_hearing_opens_only_with_a_full_panel() {
        let short = HearingMove::Open {
            panel_size: 7,
            present: 6,
        };
        assert!(
            decide_hearing(S::Planned, &short)
                .unwrap_err()
                .zh()
                .contains("实到 6 人")
        );
    }

    #[test]
    fn an_absent_member_needed_for_a_minimum_is_replaced_within_it() {
        use RepCategory as R;
        let legal = Minimum {
            categories: vec![R::LegalProfessional],
            count: 1,
        };
        let categories = [
            (1, R::LegalProfessional),
            (2, R::ResidentRep),
            (3, R::ResidentRep),
            (10, R::VillagerRep),
            (11, R::LegalProfessional),
        ];
        let mv = |seen: &'static [i64], alternates: &'static [i64]| HearingMove::MarkAbsent {
            rep: 1,
            sitting: &[1, 2, 3],
            seen,
            alternates,
            categories: &categories,
            minimums: std::slice::from_ref(&legal),
        };
        // The only 法律政策专业人员 is absent: the 村民代表 next in order does not keep the
        // minimum, the next 法律政策专业人员 does.
        assert_eq!(
            decide_hearing(S::Planned, &mv(&[1, 2, 3], &[10, 11]))
                .unwrap()
                .replacement,
            Some(11)
        );
        let e = decide_hearing(S::Planned, &mv(&[1, 2, 3], &[10])).unwrap_err();
        assert!(e.is(T::NoAlternateKeepsMinimum));
    }

    #[test]
    fn an_absent_member_is_replaced_by_the_next_unseen_alternate() {
        let sitting = [1, 2, 3];
        let seen = [1, 2, 3, 10];
        let alternates = [10, 11, 12];
        let mv = HearingMove::MarkAbsent {
            rep: 2,
            sitting: &sitting,
            seen: &seen,
            alternates: &alternates,
            categories: &[],
            minimums: &[],
        };
        assert_eq!(
            decide_hearing(S::Planned, &mv).unwrap().replacement,
            Some(11)
        );
        let stranger = HearingMove::MarkAbsent {
            rep: 99,
            sitting: &sitting,
            seen: &seen,
            alternates: &alternates,
            categories: &[],
            minimums: &[],
        };
        assert!(decide_hearing(S::Planned, &stranger).is_err());
        let all_seen = [1, 2, 3, 10, 11, 12];
        let none_left = HearingMove::MarkAbsent {
            rep: 2,
            sitting: &sitting,
            seen: &all_seen,
            alternates: &alternates,
            categories: &[],
            minimums: &[],
        };
        assert!(
            decide_hearing(S::Planned, &none_left)
                .unwrap_err()
                .zh()
                .contains("候补已用完")
        );
    }

    #[test]
    fn one_vote_per_member_then_only_corrections() {
        assert!(decide_hearing(S::Voting, &vote(true, false, false)).is_ok());
        assert!(
            decide_hearing(S::Voting, &vote(true, true, false))
                .unwrap_err()
                .zh()
                .contains("张三已经表决")
        );
        assert!(decide_hearing(S::Voting, &vote(true, true, true)).is_ok());
        assert!(decide_hearing(S::Voting, &vote(true, false, true)).is_err());
        assert!(decide_hearing(S::Voting, &vote(false, false, false)).is_err());
        assert!(decide_hearing(S::Open, &vote(true, false, false)).is_err());
        assert!(decide_hearing(S::Voting, &HearingMove::Close { all_voted: false }).is_err());
    }

    #[test]
    fn a_hearing_needs_a_final_panel_draw_and_a_waiting_ticket() {
        let waiting = Some(State::AwaitingDeliberation);
        let final_panel = Some((DrawKind::Panel, DrawState::Final));
        assert_eq!(plan_hearing(final_panel, waiting), Ok(S::Planned));
        assert!(plan_hearing(Some((DrawKind::Panel, DrawState::Drawn)), waiting).is_err());
        assert!(plan_hearing(Some((DrawKind::Mediation, DrawState::Final)), waiting).is_err());
        assert!(plan_hearing(final_panel, Some(State::Handling)).is_err());
        assert!(plan_hearing(None, None).is_err());
        assert!(plan_hearing(None, waiting).is_ok());
    }

    #[test]
    fn one_to_five_questions() {
        assert!(decide_hearing(S::Open, &HearingMove::FixQuestions { count: 0 }).is_err());
        assert!(decide_hearing(S::Open, &HearingMove::FixQuestions { count: 6 }).is_err());
        assert!(decide_hearing(S::Open, &HearingMove::FixQuestions { count: 5 }).is_ok());
    }
}
