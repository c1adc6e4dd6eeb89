//! Replaying the audit log: what each row's history says the row must be, compared with the
//! row as it is. A ticket's moves are replayed through the state machine (`flow::could_move`),
//! a draw's events give its state, commitments, seed and receipt hash, every vote and every
//! assignment is one event, and a visit's status is its last record. A row that disagrees with
//! its history was changed outside suqiu (`suqiu audit verify` names each one).

use super::audit::payload_pairs;
use super::flow::{MoveKind, could_move};
use super::vocab::State;
use super::{Arg, Problem};
use crate::text::T;

/// One move of a ticket's history, as its event recorded it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    pub seq: i64,
    pub kind: String,
    pub from: String,
    pub to: String,
}

fn state_arg(code: &str) -> Arg {
    match State::from_code(code) {
        Some(s) => s.arg(),
        None if code.is_empty() => Arg::plain("—"),
        None => Arg::plain(code),
    }
}

fn differs(name: &Arg, field: T, now: Arg, history: Arg) -> Problem {
    Problem::with(
        T::ReplayDiffers,
        vec![name.clone(), Arg::Text(field), now, history],
    )
}

/// Whether one recorded move is an edge of the state machine (a registration starts from
/// nothing).
fn possible(kind: &str, from: &str, to: &str) -> bool {
    match (kind, State::from_code(from), State::from_code(to)) {
        ("register", None, Some(State::Registered)) => from.is_empty(),
        (kind, Some(from), Some(to)) => {
            MoveKind::from_code(kind).is_some_and(|k| could_move(k, from, to))
        }
        _ => false,
    }
}

/// A ticket's history replayed one move at a time, as the log is read in order (the check of
/// `ticket` without keeping the moves): where it stands, and whether every move so far
/// started there and was possible. Only a ticket that fails this is replayed again with
/// `ticket`, for the words of its problem.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    at: Option<State>,
    ok: bool,
}

impl Default for Progress {
    fn default() -> Self {
        Progress { at: None, ok: true }
    }
}

impl Progress {
    pub fn step(&mut self, kind: &str, from: &str, to: &str) {
        let at = self.at.map(State::code).unwrap_or("");
        if self.ok && from == at && possible(kind, from, to) {
            self.at = State::from_code(to);
        } else {
            self.ok = false;
        }
    }

    /// True when `ticket` would find nothing wrong with these moves and this row.
    pub fn agrees(&self, row: State) -> bool {
        self.ok && self.at == Some(row)
    }
}

/// A ticket's history replayed move by move (it starts with its registration; each move starts
/// where the one before ended and is an edge of the state machine), then compared with the
/// state in its row. The first disagreement, if any.
pub fn ticket(name: Arg, row: State, steps: &[Step]) -> Option<Problem> {
    if steps.is_empty() {
        return Some(Problem::with(T::ReplayNoHistory, vec![name]));
    }
    let mut at = String::new();
    for s in steps {
        if s.from != at {
            return Some(Problem::with(
                T::ReplayDisjointStep,
                vec![name, Arg::plain(s.seq), state_arg(&s.from), state_arg(&at)],
            ));
        }
        if !possible(&s.kind, &s.from, &s.to) {
            if s.kind != "register" && MoveKind::from_code(&s.kind).is_none() {
                return Some(Problem::with(
                    T::ReplayUnknownKind,
                    vec![name, Arg::plain(s.seq), Arg::plain(&s.kind)],
                ));
            }
            return Some(Problem::with(
                T::ReplayImpossibleStep,
                vec![
                    name,
                    Arg::plain(s.seq),
                    Arg::plain(&s.kind),
                    state_arg(&s.from),
                    state_arg(&s.to),
                ],
            ));
        }
        at = s.to.clone();
    }
    (row.code() != at).then(|| differs(&name, T::FieldState, row.arg(), state_arg(&at)))
}

/// A draw's row as stored.
#[derive(Debug, Clone, Default)]
pub struct DrawRow {
    pub state: String,
    pub pool_hash: String,
    pub nonce_hash: String,
    pub seed: Option<String>,
    pub receipt: Option<String>,
    pub receipt_sha256: Option<String>,
    /// (member struck, replacement) in order.
    pub strikes: Vec<(i64, i64)>,
}

/// One event about a draw.
#[derive(Debug, Clone)]
pub struct Recorded {
    pub seq: i64,
    pub kind: String,
    pub payload: String,
}

/// A draw's row compared with what its events recorded: the state it reached, the pool and
/// nonce commitments made when it was frozen, the seed revealed, the strikes, and the hash of
/// the receipt made final (which the stored receipt must still have, and match).
pub fn draw(name: Arg, row: &DrawRow, events: &[Recorded]) -> Vec<Problem> {
    let mut out = vec![];
    if events.is_empty() {
        return vec![Problem::with(T::ReplayNoHistory, vec![name])];
    }
    let mut state = "";
    let mut strikes = vec![];
    let mut frozen = None;
    let mut seed = None;
    let mut sha = None;
    for e in events {
        let p = payload_pairs(&e.payload);
        let get = |k: &str| {
            p.iter()
                .find(|(key, _)| key == k)
                .map(|(_, v)| v.clone())
                .unwrap_or_default()
        };
        match e.kind.as_str() {
            "draw_frozen" => {
                state = "frozen";
                frozen = Some((get("pool_hash"), get("nonce_hash")));
            }
            "draw_revealed" => {
                state = "drawn";
                seed = Some(get("seed"));
            }
            "draw_strike" => strikes.push((
                get("member").parse().unwrap_or(0),
                get("replacement").parse().unwrap_or(0),
            )),
            "draw_final" => {
                state = "final";
                sha = Some(get("receipt_sha256"));
            }
            _ => {}
        }
    }
    let plain = |s: &str| Arg::plain(if s.is_empty() { "—" } else { s });
    if row.state != state {
        out.push(differs(
            &name,
            T::FieldState,
            plain(&row.state),
            plain(state),
        ));
    }
    if let Some((pool, nonce)) = &frozen {
        if &row.pool_hash != pool {
            out.push(differs(
                &name,
                T::FieldPoolHash,
                plain(&row.pool_hash),
                plain(pool),
            ));
        }
        if &row.nonce_hash != nonce {
            out.push(differs(
                &name,
                T::FieldNonceCommitment,
                plain(&row.nonce_hash),
                plain(nonce),
            ));
        }
    }
    if row.seed != seed {
        out.push(differs(
            &name,
            T::FieldSeed,
            plain(row.seed.as_deref().unwrap_or("")),
            plain(seed.as_deref().unwrap_or("")),
        ));
    }
    if row.strikes != strikes {
        let show = |s: &[(i64, i64)]| {
            s.iter()
                .map(|(m, r)| format!("{m}→{r}"))
                .collect::<Vec<_>>()
                .join(",")
        };
        out.push(differs(
            &name,
            T::FieldStrikes,
            plain(&show(&row.strikes)),
            plain(&show(&strikes)),
        ));
    }
    // The receipt: its own checksum must hold and be the one the final event recorded.
    let stored = row
        .receipt
        .as_deref()
        .map(|text| match super::draw::Receipt::parse(text) {
            Ok(_) => receipt_checksum(text),
            Err(_) => "×".to_string(),
        });
    if stored != sha || (sha.is_some() && row.receipt_sha256 != sha) {
        out.push(differs(
            &name,
            T::FieldReceiptHash,
            plain(stored.as_deref().unwrap_or("")),
            plain(sha.as_deref().unwrap_or("")),
        ));
    }
    out
}

/// The checksum a receipt states on its `receipt_sha256:` line.
pub fn receipt_checksum(text: &str) -> String {
    text.lines()
        .rev()
        .find_map(|l| l.strip_prefix("receipt_sha256: "))
        .unwrap_or("")
        .trim()
        .to_string()
}

/// A vote as its row holds it (and as its event must record it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VoteRow {
    pub id: i64,
    pub member: i64,
    /// 1-based, as the event records it.
    pub question: usize,
    /// The option's text, or `abstain` (`hearing::choice_word`).
    pub choice: String,
    pub reason: String,
    pub correction: Option<String>,
}

impl VoteRow {
    fn matches(&self, payload: &str) -> bool {
        let p = payload_pairs(payload);
        let get = |k: &str| p.iter().find(|(key, _)| key == k).map(|(_, v)| v.as_str());
        get("member") == Some(self.member.to_string().as_str())
            && get("question") == Some(self.question.to_string().as_str())
            && get("choice") == Some(self.choice.as_str())
            && get("reason") == Some(self.reason.as_str())
            && get("correction") == self.correction.as_deref()
    }
}

/// A hearing's votes, oldest first, against its vote and correction events, oldest first:
/// each row is one event and says what the event says.
pub fn votes(hearing: i64, rows: &[VoteRow], events: &[Recorded]) -> Vec<Problem> {
    let mut out = vec![];
    let name = |n: usize| {
        Arg::Problem(Box::new(Problem::with(
            T::ReplayVote,
            vec![Arg::plain(hearing), Arg::plain(n)],
        )))
    };
    for (i, row) in rows.iter().enumerate() {
        match events.get(i) {
            None => out.push(Problem::with(T::ReplayNoHistory, vec![name(i + 1)])),
            Some(e) if !row.matches(&e.payload) => out.push(differs(
                &name(i + 1),
                T::FieldVote,
                Arg::plain(format!("{} {} {}", row.member, row.question, row.choice)),
                Arg::plain(e.payload.clone()),
            )),
            Some(_) => {}
        }
    }
    for (i, e) in events.iter().enumerate().skip(rows.len()) {
        out.push(Problem::with(
            T::ReplayNoRow,
            vec![name(i + 1), Arg::plain(e.seq)],
        ));
    }
    out
}

/// A visit's status against its records: held or not held as last recorded, planned before.
pub fn visit(name: Arg, status: &str, events: &[Recorded]) -> Option<Problem> {
    let recorded = events
        .iter()
        .filter_map(|e| match e.kind.as_str() {
            "visit_held" => Some("held"),
            "visit_not_held" => Some("not_held"),
            _ => None,
        })
        .next_back()
        .unwrap_or("planned");
    (status != recorded).then(|| {
        differs(
            &name,
            T::FieldState,
            Arg::plain(status),
            Arg::plain(recorded),
        )
    })
}

/// The assignments (member, household), oldest first, against the `assign` events: one each.
pub fn assignments(rows: &[(i64, i64, i64)], events: &[(i64, i64, i64)]) -> Vec<Problem> {
    let mut out = vec![];
    let name = |id: i64, member: i64| {
        Arg::Problem(Box::new(Problem::with(
            T::ReplayAssignment,
            vec![Arg::plain(id), Arg::plain(member)],
        )))
    };
    for (i, (id, member, household)) in rows.iter().enumerate() {
        match events.get(i) {
            None => out.push(Problem::with(T::ReplayNoHistory, vec![name(*id, *member)])),
            Some((_, m, h)) if (m, h) != (member, household) => out.push(differs(
                &name(*id, *member),
                T::FieldHousehold,
                Arg::plain(format!("{member}/{household}")),
                Arg::plain(format!("{m}/{h}")),
            )),
            Some(_) => {}
        }
    }
    for (seq, m, _) in events.iter().skip(rows.len()) {
        out.push(Problem::with(
            T::ReplayNoRow,
            vec![name(0, *m), Arg::plain(seq)],
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The one-pass progress agrees exactly when the full replay finds nothing: any
        /// sequence of recorded moves (real ones, impossible ones, unknown kinds) and any row.
        #[test]
        fn progress_agrees_exactly_when_the_replay_finds_nothing(
            moves in proptest::collection::vec((0usize..40, 0usize..20, 0usize..20), 0..8),
            row in 0usize..20,
            start_with_register in any::<bool>(),
        ) {
            let states = State::ALL;
            let code = |i: usize| states.get(i).map(|s| s.code()).unwrap_or("");
            let kind = |i: usize| match MoveKind::ALL.get(i) {
                Some(k) => k.code(),
                None if i.is_multiple_of(2) => "register",
                None => "no_such_move",
            };
            let mut steps = vec![];
            if start_with_register {
                steps.push(step(1, "register", "", "registered"));
            }
            // Chain each move from where the previous one ended half the time, so that real
            // histories are drawn as well as broken ones.
            for (i, (k, f, t)) in moves.iter().enumerate() {
                let from = match steps.last() {
                    Some(prev) if f.is_multiple_of(2) => prev.to.clone(),
                    _ => code(*f).to_string(),
                };
                steps.push(step(i as i64 + 2, kind(*k), &from, code(*t)));
            }
            let row = states[row % states.len()];
            let mut p = Progress::default();
            for s in &steps {
                p.step(&s.kind, &s.from, &s.to);
            }
            let name = Arg::plain("t");
            prop_assert_eq!(p.agrees(row), ticket(name, row, &steps).is_none());
        }
    }

    fn step(seq: i64, kind: &str, from: &str, to: &str) -> Step {
        Step {
            seq,
            kind: kind.into(),
            from: from.into(),
            to: to.into(),
        }
    }

    fn history() -> Vec<Step> {
        vec![
            step(1, "register", "", "registered"),
            step(2, "draft", "registered", "drafted"),
            step(3, "submit", "drafted", "awaiting_issue"),
            step(4, "issue", "awaiting_issue", "dispatched"),
        ]
    }

    #[test]
    fn a_history_that_ends_where_the_row_is_agrees() {
        assert_eq!(ticket(Arg::plain("t"), State::Dispatched, &history()), None);
    }

    #[test]
    fn a_row_changed_without_an_event_is_named() {
        let p = ticket(Arg::plain("t"), State::Closed, &history()).unwrap();
        assert!(p.is(T::ReplayDiffers));
    }

    #[test]
    fn a_step_the_state_machine_has_not_is_named() {
        let mut h = history();
        h.push(step(5, "evaluate", "dispatched", "closed"));
        let p = ticket(Arg::plain("t"), State::Closed, &h).unwrap();
        assert!(p.is(T::ReplayImpossibleStep), "{p:?}");
        let mut h = history();
        h.push(step(5, "report", "handling", "awaiting_feedback"));
        let p = ticket(Arg::plain("t"), State::AwaitingFeedback, &h).unwrap();
        assert!(p.is(T::ReplayDisjointStep));
        let mut h = history();
        h.push(step(5, "teleport", "dispatched", "closed"));
        assert!(
            ticket(Arg::plain("t"), State::Closed, &h)
                .unwrap()
                .is(T::ReplayUnknownKind)
        );
        assert!(
            ticket(Arg::plain("t"), State::Registered, &[])
                .unwrap()
                .is(T::ReplayNoHistory)
        );
    }

    #[test]
    fn votes_and_assignments_are_one_event_each() {
        let row = VoteRow {
            id: 1,
            member: 7,
            question: 1,
            choice: "支持".into(),
            reason: String::new(),
            correction: None,
        };
        let e = Recorded {
            seq: 9,
            kind: "vote".into(),
            payload: r#"{"member":"7","question":"1","choice":"支持","reason":""}"#.into(),
        };
        assert!(votes(1, std::slice::from_ref(&row), std::slice::from_ref(&e)).is_empty());
        let changed = VoteRow {
            choice: "反对".into(),
            ..row.clone()
        };
        assert!(votes(1, &[changed], std::slice::from_ref(&e))[0].is(T::ReplayDiffers));
        assert!(votes(1, &[], std::slice::from_ref(&e))[0].is(T::ReplayNoRow));
        assert!(votes(1, &[row], &[])[0].is(T::ReplayNoHistory));
        assert!(assignments(&[(1, 2, 3)], &[(5, 2, 3)]).is_empty());
        assert!(assignments(&[(1, 2, 4)], &[(5, 2, 3)])[0].is(T::ReplayDiffers));
    }
}
