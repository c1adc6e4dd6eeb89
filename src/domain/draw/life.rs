//! The lifecycle of a draw (frozen → drawn → final) and the rest rule of its pool.
//!
//! The store calls `decide_draw` inside its transaction; the desk asks `draw_moves` which moves
//! to offer. Nothing else compares a draw's state.

use crate::text::T;
use chrono::{Duration, NaiveDate};

use super::{Candidate, Settings, canonical, feasibility};
use crate::domain::Problem;
use crate::domain::vocab::vocab;

/// Hearings in the last 12 months at or above which a representative rests (the default
/// of a center's draw settings).
pub const DEFAULT_MAX_HEARINGS: i64 = 3;

vocab! {
    /// What a draw seats: a 评理团 for a hearing, or mediators for an instant mediation.
    DrawKind {
        Panel = "panel", "评理团", "panel";
        Mediation = "mediation", "调解员", "mediators";
    }
}

vocab! {
    DrawState {
        /// The pool and the desk's nonce are committed; the parties have not typed yet.
        Frozen = "frozen", "已冻结未揭晓", "frozen, not revealed";
        /// Every input is in and the order is known; strikes may follow.
        Drawn = "drawn", "已揭晓未确认", "revealed, not final";
        /// The panel is fixed and the receipt stored.
        Final = "final", "已确认", "final";
    }
}

impl DrawState {
    /// The panel is fixed: the receipt exists and nothing about the draw changes any more.
    pub fn is_final(self) -> bool {
        self == DrawState::Final
    }
}

/// A draw a hearing may be planned on: a 评理团 draw made final.
pub fn ready_for_hearing(kind: DrawKind, state: DrawState) -> bool {
    kind == DrawKind::Panel && state.is_final()
}

/// What can happen to a draw.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DrawMoveKind {
    Reveal,
    Strike,
    Finalize,
}

impl DrawMoveKind {
    pub const ALL: &'static [DrawMoveKind] = &[
        DrawMoveKind::Reveal,
        DrawMoveKind::Strike,
        DrawMoveKind::Finalize,
    ];
}

/// A move with the facts it is judged on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DrawMove<'a> {
    Reveal,
    /// A party strikes a member: `used` strikes of `per_party` are spent already.
    Strike {
        party: usize,
        parties: &'a [String],
        used: u32,
        per_party: u32,
    },
    Finalize,
}

impl DrawMove<'_> {
    pub fn kind(&self) -> DrawMoveKind {
        match self {
            DrawMove::Reveal => DrawMoveKind::Reveal,
            DrawMove::Strike { .. } => DrawMoveKind::Strike,
            DrawMove::Finalize => DrawMoveKind::Finalize,
        }
    }
}

/// Whether a move of this kind may be made on a draw in this state, and if not, why.
pub fn draw_allowed(kind: DrawMoveKind, state: DrawState) -> Result<(), Problem> {
    use DrawMoveKind as K;
    use DrawState as S;
    match (kind, state) {
        (K::Reveal, S::Frozen) | (K::Strike, S::Drawn) | (K::Finalize, S::Drawn) => Ok(()),
        (K::Reveal, _) => Err(Problem::of(T::ThisDrawWasAlreadyRevealed)),
        (K::Strike, _) => Err(Problem::of(T::StrikesAreMadeAfterReveal)),
        (K::Finalize, _) => Err(Problem::of(T::OnlyRevealedDrawCanBe)),
    }
}

/// The moves the desk offers on a draw in this state.
pub fn draw_moves(state: DrawState) -> Vec<DrawMoveKind> {
    DrawMoveKind::ALL
        .iter()
        .copied()
        .filter(|k| draw_allowed(*k, state).is_ok())
        .collect()
}

/// Validates a move and returns the state it leads to.
pub fn decide_draw(state: DrawState, mv: &DrawMove) -> Result<DrawState, Problem> {
    draw_allowed(mv.kind(), state)?;
    Ok(match mv {
        DrawMove::Reveal => DrawState::Drawn,
        DrawMove::Strike {
            party,
            parties,
            used,
            per_party,
        } => {
            let Some(label) = parties.get(*party) else {
                return Err(Problem::of(T::NoSuchParty));
            };
            if used >= per_party {
                return Err(Problem::fill(
                    T::HasUsedItsStrikesEach,
                    &[&label, &per_party],
                ));
            }
            DrawState::Drawn
        }
        DrawMove::Finalize => DrawState::Final,
    })
}

/// An earlier draw for the same purpose (the same ticket and kind), as a new draw sees it and
/// its receipt lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Earlier {
    pub id: i64,
    pub state: DrawState,
    pub created: String,
    /// Empty when it was never revealed.
    pub seed: String,
    /// The panel it had reached (its final panel, or the one revealed).
    pub panel: Vec<i64>,
    /// Why it was voided or abandoned: `None` while it stands or was left without a word.
    pub ended: Option<String>,
    /// A mediation draw a recorded mediation used (its purpose is served).
    pub used: bool,
}

impl Earlier {
    /// A final draw that was not voided and whose purpose is not served yet.
    pub fn stands(&self) -> bool {
        self.state.is_final() && self.ended.is_none() && !self.used
    }

    /// What became of it, for the receipt's summary.
    pub fn outcome_zh(&self) -> &'static str {
        if self.state.is_final() {
            T::EarlierDrawVoided.get(crate::domain::Lang::Zh)
        } else {
            T::EarlierDrawAbandoned.get(crate::domain::Lang::Zh)
        }
    }
}

/// Whether a new draw may be made for a purpose that already had these draws: a final draw
/// stands until the director voids it (a mediation draw also until a mediation used it).
pub fn may_draw_again(kind: DrawKind, earlier: &[Earlier]) -> Result<(), Problem> {
    match earlier.iter().find(|e| e.stands()) {
        Some(e) => Err(final_draw_stands(e.id, kind)),
        None => Ok(()),
    }
}

/// Why a purpose is not drawn again: its final draw `id` stands.
pub fn final_draw_stands(id: i64, kind: DrawKind) -> Problem {
    Problem::with(
        T::AFinalDrawStands,
        vec![crate::domain::Arg::plain(id), kind.arg()],
    )
}

/// How a draw ended, if it did: (when, by whom, why).
pub type Ended = Option<(String, String, String)>;

/// A draw that ended (abandoned or voided) takes no further move.
pub fn refuse_ended(ended: &Ended) -> Result<(), Problem> {
    match ended {
        Some((at, by, why)) => Err(Problem::fill(T::DrawAlreadyEnded, &[at, by, why])),
        None => Ok(()),
    }
}

/// Voiding a final draw: the director, with a reason (checked by the caller), on a draw no
/// hearing was planned on.
pub fn may_void(
    state: DrawState,
    ended: &Ended,
    hearing: Option<i64>,
    director: bool,
) -> Result<(), Problem> {
    if !director {
        return Err(Problem::of(T::OnlyTheDirectorVoidsADraw));
    }
    refuse_ended(ended)?;
    if !state.is_final() {
        return Err(Problem::of(T::OnlyAFinalDrawIsVoided));
    }
    if let Some(h) = hearing {
        return Err(Problem::fill(T::DrawHasAHearing, &[&h]));
    }
    Ok(())
}

/// Abandoning a draw not made final (leaving it, with a reason after the reveal).
pub fn may_abandon(state: DrawState, ended: &Ended) -> Result<(), Problem> {
    refuse_ended(ended)?;
    if state.is_final() {
        return Err(Problem::of(T::AFinalDrawIsNotAbandoned));
    }
    Ok(())
}

/// Hearings sat within this many days before a draw count towards the rest rule.
pub const REST_WINDOW_DAYS: i64 = 365;

/// The first day of the rest window of a draw on `today` (also the "last 12 months" of a
/// representative's service record).
pub fn rest_window_start(today: NaiveDate) -> NaiveDate {
    today - Duration::days(REST_WINDOW_DAYS)
}

/// The pool after the rest rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rested {
    pub pool: Vec<Candidate>,
    /// (id, name, hearings sat in the window) of those rested.
    pub rested: Vec<(i64, String, i64)>,
    /// The rest rule was set aside because honouring it made the draw infeasible.
    pub relaxed: bool,
}

/// The rest rule: a representative who sat `max_hearings` or more hearings in the window rests,
/// unless resting them makes the draw infeasible; then nobody rests and the draw says so.
/// `candidates` are (candidate, hearings sat in the window).
pub fn apply_rest(
    candidates: Vec<(Candidate, i64)>,
    max_hearings: i64,
    settings: &Settings,
    parties: usize,
) -> Rested {
    let rested: Vec<(i64, String, i64)> = candidates
        .iter()
        .filter(|(_, n)| *n >= max_hearings)
        .map(|(c, n)| (c.id, c.name.clone(), *n))
        .collect();
    let resting_pool: Vec<Candidate> = candidates
        .iter()
        .filter(|(_, n)| *n < max_hearings)
        .map(|(c, _)| c.clone())
        .collect();
    if rested.is_empty() || feasibility(&resting_pool, settings, parties).is_ok() {
        return Rested {
            pool: canonical(resting_pool),
            rested,
            relaxed: false,
        };
    }
    Rested {
        pool: canonical(candidates.into_iter().map(|(c, _)| c).collect()),
        rested,
        relaxed: true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::roster::RepCategory;

    fn cand(id: i64) -> Candidate {
        Candidate {
            id,
            name: format!("代表{id}"),
            category: RepCategory::ResidentRep,
            place: String::new(),
        }
    }

    fn settings(panel: u32) -> Settings {
        Settings {
            panel_size: panel,
            alternates: 0,
            strikes_per_party: 0,
            minimums: vec![],
        }
    }

    #[test]
    fn a_draw_moves_frozen_drawn_final_and_never_back() {
        assert_eq!(
            decide_draw(DrawState::Frozen, &DrawMove::Reveal),
            Ok(DrawState::Drawn)
        );
        assert_eq!(
            decide_draw(DrawState::Drawn, &DrawMove::Finalize),
            Ok(DrawState::Final)
        );
        assert!(decide_draw(DrawState::Drawn, &DrawMove::Reveal).is_err());
        assert!(decide_draw(DrawState::Frozen, &DrawMove::Finalize).is_err());
        assert!(decide_draw(DrawState::Final, &DrawMove::Finalize).is_err());
        assert_eq!(draw_moves(DrawState::Frozen), vec![DrawMoveKind::Reveal]);
        assert_eq!(
            draw_moves(DrawState::Drawn),
            vec![DrawMoveKind::Strike, DrawMoveKind::Finalize]
        );
        assert!(draw_moves(DrawState::Final).is_empty());
    }

    #[test]
    fn a_party_strikes_only_within_its_quota() {
        let parties = vec!["申请方".to_string(), "被申请方".to_string()];
        let strike = |party, used| DrawMove::Strike {
            party,
            parties: &parties,
            used,
            per_party: 2,
        };
        assert_eq!(
            decide_draw(DrawState::Drawn, &strike(0, 1)),
            Ok(DrawState::Drawn)
        );
        let e = decide_draw(DrawState::Drawn, &strike(1, 2)).unwrap_err();
        assert!(e.zh().contains("被申请方已用完"), "{e}");
        assert!(decide_draw(DrawState::Drawn, &strike(2, 0)).is_err());
        assert!(decide_draw(DrawState::Final, &strike(0, 0)).is_err());
    }

    #[test]
    fn the_rest_window_is_365_days() {
        let d = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
        assert_eq!(
            rest_window_start(d),
            NaiveDate::from_ymd_opt(2025, 3, 1).unwrap()
        );
    }

    #[test]
    fn the_busy_rest_unless_that_leaves_too_few() {
        let c: Vec<(Candidate, i64)> = (1..=5)
            .map(|i| (cand(i), if i <= 2 { 3 } else { 0 }))
            .collect();
        let r = apply_rest(c.clone(), 3, &settings(3), 2);
        assert!(!r.relaxed);
        assert_eq!(
            r.pool.iter().map(|c| c.id).collect::<Vec<_>>(),
            vec![3, 4, 5]
        );
        assert_eq!(r.rested.len(), 2);
        let r = apply_rest(c, 3, &settings(5), 2);
        assert!(r.relaxed, "resting two leaves 3 for a panel of 5");
        assert_eq!(r.pool.len(), 5);
    }
}
