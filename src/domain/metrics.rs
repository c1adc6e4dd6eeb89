//! 考评: the handling units' indicators, computed from the audit log alone (docs/metrics.md says
//! the same in words). Pure: the store hands each ticket's events in log order; nothing here
//! reads a ticket row, so anyone holding the log can recompute every figure.
//!
//! A *dispatch* is one department's turn with one round of one ticket: it begins with the event
//! that moves the ticket into 已派 for that department, and ends with the department's 报结果,
//! its 退单, or the ticket leaving 买单 otherwise.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::calendar::WorkCalendar;
use super::limits::severe_from;
use super::vocab::{Resolution, Satisfaction, Stage, State};

/// One event of a ticket as the log holds it (`payload` as its key-value pairs).
#[derive(Debug, Clone)]
pub struct LogEvent {
    /// The day of the event (the log's `at`, to the day).
    pub on: NaiveDate,
    pub department_id: Option<i64>,
    pub kind: String,
    pub from: Option<State>,
    pub to: Option<State>,
    pub payload: Vec<(String, String)>,
}

impl LogEvent {
    fn get(&self, k: &str) -> Option<&str> {
        self.payload
            .iter()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.as_str())
    }
}

/// How a dispatch ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum End {
    /// Still with the department.
    Open,
    /// 报结果, with the resolution the department claimed.
    Result(Resolution),
    /// 退单.
    Returned,
    /// The ticket left 买单 otherwise (withdrawn, merged, escalated …), to this state.
    Left(State),
}

/// The petitioner's answers about one dispatch's result (回访 and 评价).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Evaluation {
    pub on: NaiveDate,
    /// Whether it was solved in the petitioner's view (`None`: not asked, an older record).
    pub solved: Option<Resolution>,
    pub satisfaction: Satisfaction,
}

/// One department's turn with one round of one ticket.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dispatch {
    pub ticket_id: i64,
    pub department_id: i64,
    pub round: u8,
    pub begun: NaiveDate,
    /// The deadline in force (the dispatch's, or an approved extension's).
    pub due: Option<NaiveDate>,
    pub accepted: Option<NaiveDate>,
    pub ended: Option<NaiveDate>,
    pub end: End,
    pub evaluation: Option<Evaluation>,
    /// The ticket was later closed as unresolved (a second 不满意): never counted as solved.
    pub closed_unresolved: bool,
    /// The ticket was withdrawn or merged after this dispatch began.
    pub stopped: Option<State>,
}

/// The dispatches in one ticket's events (in log order).
pub fn dispatches(ticket_id: i64, events: &[LogEvent]) -> Vec<Dispatch> {
    let mut out: Vec<Dispatch> = vec![];
    // The dispatch whose result waits for the petitioner's answers.
    let mut awaiting: Option<usize> = None;
    let mut current: Option<usize> = None;
    let mut round: u8 = 1;
    // Solved, as the petitioner said in a 回访 whose satisfaction was left for a later 评价.
    let mut asked: Option<Resolution> = None;
    for e in events {
        // The petitioner's answers (in the 回访, or a later 评价) belong to the last result.
        if matches!(e.kind.as_str(), "feedback" | "evaluate") {
            if let Some(v) = e.get("solved").and_then(Resolution::from_code) {
                asked = Some(v);
            }
            if let Some(s) = e.get("satisfaction").and_then(Satisfaction::from_code) {
                if let Some(i) = awaiting.take() {
                    out[i].evaluation = Some(Evaluation {
                        on: e.on,
                        solved: asked,
                        satisfaction: s,
                    });
                }
                asked = None;
                if s == Satisfaction::Dissatisfied {
                    let judged = e.get("round").and_then(|r| r.parse::<u8>().ok());
                    round = judged.unwrap_or(round).saturating_add(1);
                }
            }
        }
        if e.kind == "close_unresolved" {
            for d in out.iter_mut() {
                d.closed_unresolved = true;
            }
        }
        if let Some(to @ (State::Withdrawn | State::Merged)) = e.to {
            for d in out.iter_mut() {
                d.stopped = Some(to);
            }
        }
        // The current dispatch's life.
        if let Some(i) = current {
            let d = &mut out[i];
            match e.kind.as_str() {
                "accept" if d.accepted.is_none() => d.accepted = Some(e.on),
                "extension_decision" if e.get("approved") == Some("true") => {
                    if let Some(due) = e.get("due").and_then(|s| s.parse().ok()) {
                        d.due = Some(due);
                    }
                }
                "report" => {
                    d.end = End::Result(
                        e.get("resolution")
                            .and_then(Resolution::from_code)
                            .unwrap_or(Resolution::Resolved),
                    );
                    d.ended = Some(e.on);
                    current = None;
                    awaiting = Some(i);
                }
                "return" => {
                    d.end = End::Returned;
                    d.ended = Some(e.on);
                    current = None;
                }
                _ => {
                    if let Some(to) = e.to
                        && to.stage() != Stage::Handle
                        && e.to != Some(State::Dispatched)
                    {
                        d.end = End::Left(to);
                        d.ended = Some(e.on);
                        current = None;
                    }
                }
            }
        }
        // A new dispatch begins.
        if e.to == Some(State::Dispatched)
            && e.from != Some(State::Dispatched)
            && let Some(dep) = e.department_id
        {
            out.push(Dispatch {
                ticket_id,
                department_id: dep,
                round,
                begun: e.on,
                due: e.get("due").and_then(|s| s.parse().ok()),
                accepted: None,
                ended: None,
                end: End::Open,
                evaluation: None,
                closed_unresolved: false,
                stopped: None,
            });
            current = Some(out.len() - 1);
        }
    }
    out
}

/// The composite score's weights (响应 = 及时签收率, 解决 = 解决率, 满意 = 满意率) and the number
/// of dispatches below which a unit is listed but not ranked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Settings {
    pub response: u32,
    pub solved: u32,
    pub satisfied: u32,
    pub min_dispatches: usize,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            response: 20,
            solved: 40,
            satisfied: 40,
            min_dispatches: 5,
        }
    }
}

/// One unit's counts for a period; the rates are computed from them (`Figures::rates`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Figures {
    /// 派单数: dispatches begun in the period; of them 二次办理.
    pub dispatches: usize,
    pub second_round: usize,
    /// Accepted (签收) within 1 working day of being dispatched.
    pub accepted_in_time: usize,
    /// Dispatches that ended with a result; of them on or before the deadline in force, after
    /// it (超期), and 5 working days or more after it (严重超期, 通报).
    pub with_result: usize,
    pub on_time: usize,
    pub overdue: usize,
    pub severe: usize,
    /// 退单.
    pub returned: usize,
    /// Dispatches whose ticket was evaluated and the petitioner asked whether it was solved;
    /// of them 已解决 (never after a closure as unresolved) and 部分解决. `unasked`: evaluated
    /// before the question was asked (older records), left out of 解决率.
    pub evaluated: usize,
    pub solved: usize,
    pub partly: usize,
    pub unasked: usize,
    /// 报结不实: reported 已解决 by the department, 未解决 in the petitioner's view.
    pub false_closure: usize,
    /// Evaluations dated in the period (满意率's own base), and of them 满意 or 基本满意.
    pub evaluations: usize,
    pub satisfied: usize,
    /// Working days from dispatch to result, summed over `with_result`.
    pub handling_days: i64,
    /// Still with the department; the ticket withdrawn or merged since (reported apart).
    pub open: usize,
    pub stopped: usize,
}

/// A rate: its numerator and denominator (`None` as a value when the denominator is 0).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rate {
    pub num: usize,
    pub den: usize,
}

impl Rate {
    pub fn value(self) -> Option<f64> {
        (self.den > 0).then(|| self.num as f64 / self.den as f64)
    }
}

/// The rates of one unit.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rates {
    pub accepted_in_time: Rate,
    pub on_time: Rate,
    pub returned: Rate,
    pub solved: Rate,
    pub satisfied: Rate,
    /// Average working days from dispatch to result.
    pub handling_days: Option<f64>,
}

impl Figures {
    pub fn rates(&self) -> Rates {
        let r = |num, den| Rate { num, den };
        Rates {
            accepted_in_time: r(self.accepted_in_time, self.dispatches),
            on_time: r(self.on_time, self.with_result),
            returned: r(self.returned, self.dispatches),
            solved: r(self.solved, self.evaluated),
            satisfied: r(self.satisfied, self.evaluations),
            handling_days: (self.with_result > 0)
                .then(|| self.handling_days as f64 / self.with_result as f64),
        }
    }

    /// The composite score, 0–100, in hundredths (so that equal scores are equal): each rate
    /// weighted; a rate with nothing to measure is left out and the others' weights stand for
    /// the whole. `None`: nothing to measure.
    pub fn score(&self, s: &Settings) -> Option<i64> {
        let r = self.rates();
        let parts = [
            (r.accepted_in_time, s.response),
            (r.solved, s.solved),
            (r.satisfied, s.satisfied),
        ];
        let (mut num, mut den) = (0u128, 0u128);
        for (rate, w) in parts {
            if rate.den > 0 && w > 0 {
                // rate × weight / Σweights, exactly, in hundredths of a point.
                num += rate.num as u128 * u128::from(w) * 10_000 / rate.den as u128;
                den += u128::from(w);
            }
        }
        (den > 0).then(|| ((num + den / 2) / den) as i64)
    }
}

/// The figures of every department for the dispatches begun in `[from, to]` (and the
/// evaluations dated in it, for 满意率): the sum of each dispatch's own (`counted`).
pub fn department_figures(
    all: &[Dispatch],
    from: NaiveDate,
    to: NaiveDate,
    cal: &WorkCalendar,
) -> BTreeMap<i64, Figures> {
    let mut out: BTreeMap<i64, Figures> = BTreeMap::new();
    for d in all {
        let c = counted(d, from, to, cal);
        if c != Figures::default() {
            out.entry(d.department_id).or_default().add(&c);
        }
    }
    out
}

/// What one dispatch counts for in `[from, to]`: each count 0 or 1 (and its handling days).
/// The one definition of every indicator; `department_figures` sums it, `falls_short` reads it.
pub fn counted(d: &Dispatch, from: NaiveDate, to: NaiveDate, cal: &WorkCalendar) -> Figures {
    let mut f = Figures::default();
    let within = |day: NaiveDate| from <= day && day <= to;
    if let Some(e) = d.evaluation
        && within(e.on)
    {
        f.evaluations = 1;
        f.satisfied = usize::from(e.satisfaction != Satisfaction::Dissatisfied);
    }
    if !within(d.begun) {
        return f;
    }
    f.dispatches = 1;
    f.second_round = usize::from(d.round >= 2);
    f.accepted_in_time = usize::from(
        d.accepted
            .is_some_and(|a| cal.working_days_after(d.begun, a) <= 1),
    );
    match d.end {
        End::Result(claimed) => {
            let ended = d.ended.unwrap_or(d.begun);
            f.with_result = 1;
            f.handling_days = cal.working_days_after(d.begun, ended);
            match d.due {
                Some(due) if ended > due => {
                    f.overdue = 1;
                    f.severe = usize::from(ended >= severe_from(due, cal));
                }
                _ => f.on_time = 1,
            }
            if let Some(e) = d.evaluation {
                match e.solved {
                    None => f.unasked = 1,
                    Some(view) => {
                        f.evaluated = 1;
                        f.solved =
                            usize::from(view == Resolution::Resolved && !d.closed_unresolved);
                        f.partly = usize::from(view == Resolution::Partly);
                        f.false_closure = usize::from(
                            claimed == Resolution::Resolved && view == Resolution::Unresolved,
                        );
                    }
                }
            }
        }
        End::Returned => f.returned = 1,
        End::Open => f.open = 1,
        End::Left(_) => {}
    }
    f.stopped = usize::from(d.stopped.is_some());
    f
}

/// The days a dispatch counts on and what it counts for on each: the day it began and the
/// day of its evaluation (one entry when they are the same day). A period's figures are the sum
/// of its days' (`counted` of `[from, to]` is the sum of `counted` of each day in it), which is
/// what lets the store keep figures by day and sum a year of them.
pub fn by_day(d: &Dispatch, cal: &WorkCalendar) -> Vec<(NaiveDate, Figures)> {
    let mut out = vec![(d.begun, counted(d, d.begun, d.begun, cal))];
    if let Some(e) = d.evaluation
        && e.on != d.begun
    {
        out.push((e.on, counted(d, e.on, e.on, cal)));
    }
    out
}

impl Figures {
    /// Adds another unit's (or dispatch's) counts to these.
    pub fn add(&mut self, o: &Figures) {
        self.dispatches += o.dispatches;
        self.second_round += o.second_round;
        self.accepted_in_time += o.accepted_in_time;
        self.with_result += o.with_result;
        self.on_time += o.on_time;
        self.overdue += o.overdue;
        self.severe += o.severe;
        self.returned += o.returned;
        self.evaluated += o.evaluated;
        self.solved += o.solved;
        self.partly += o.partly;
        self.unasked += o.unasked;
        self.false_closure += o.false_closure;
        self.evaluations += o.evaluations;
        self.satisfied += o.satisfied;
        self.handling_days += o.handling_days;
        self.open += o.open;
        self.stopped += o.stopped;
    }
}

/// A figure of the ranking that a director asks to see the tickets of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Figure {
    Score,
    AcceptedInTime,
    OnTime,
    Returned,
    Solved,
    Satisfied,
    FalseClosure,
}

impl Figure {
    pub const ALL: [Figure; 7] = [
        Figure::Score,
        Figure::AcceptedInTime,
        Figure::OnTime,
        Figure::Returned,
        Figure::Solved,
        Figure::Satisfied,
        Figure::FalseClosure,
    ];

    /// The figure's value for a unit: the score in points, a rate as a share, a count.
    pub fn value(self, f: &Figures, s: &Settings) -> Option<f64> {
        let r = f.rates();
        match self {
            Figure::Score => f.score(s).map(|p| p as f64 / 100.0),
            Figure::AcceptedInTime => r.accepted_in_time.value(),
            Figure::OnTime => r.on_time.value(),
            Figure::Returned => r.returned.value(),
            Figure::Solved => r.solved.value(),
            Figure::Satisfied => r.satisfied.value(),
            Figure::FalseClosure => Some(f.false_closure as f64),
        }
    }

    /// Whether a dispatch's own figures (`counted`) are among the tickets behind this figure:
    /// for the score every dispatch and evaluation it counts; for the others those that fall
    /// short (accepted late, result after the deadline, returned, not solved, dissatisfied,
    /// reported solved and not).
    pub fn behind(self, c: &Figures) -> bool {
        match self {
            Figure::Score => c.dispatches + c.evaluations > 0,
            Figure::AcceptedInTime => c.dispatches == 1 && c.accepted_in_time == 0,
            Figure::OnTime => c.overdue == 1,
            Figure::Returned => c.returned == 1,
            Figure::Solved => c.evaluated == 1 && c.solved == 0,
            Figure::Satisfied => c.evaluations == 1 && c.satisfied == 0,
            Figure::FalseClosure => c.false_closure == 1,
        }
    }
}

/// A unit's place in the ranking.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ranked {
    pub unit: i64,
    pub score: Option<i64>,
    /// `None`: listed, not ranked (too few dispatches, or nothing to score).
    pub rank: Option<usize>,
}

/// Ranks units by score, best first; equal scores share a rank (1, 1, 3). Units below the
/// minimum number of dispatches follow, unranked. Ties are listed by unit id.
pub fn rank(figures: &BTreeMap<i64, Figures>, s: &Settings) -> Vec<Ranked> {
    let mut ranked: Vec<Ranked> = vec![];
    let mut unranked: Vec<Ranked> = vec![];
    for (&unit, f) in figures {
        let score = f.score(s);
        let r = Ranked {
            unit,
            score,
            rank: None,
        };
        if f.dispatches >= s.min_dispatches.max(1) && score.is_some() {
            ranked.push(r);
        } else if f.dispatches > 0 || f.evaluations > 0 {
            unranked.push(r);
        }
    }
    ranked.sort_by(|a, b| b.score.cmp(&a.score).then(a.unit.cmp(&b.unit)));
    for i in 0..ranked.len() {
        ranked[i].rank = Some(if i > 0 && ranked[i].score == ranked[i - 1].score {
            ranked[i - 1].rank.unwrap_or(i + 1)
        } else {
            i + 1
        });
    }
    ranked.extend(unranked);
    ranked
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::calendar::tests::shipped;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, day).unwrap()
    }

    fn ev(
        on: NaiveDate,
        kind: &str,
        from: State,
        to: State,
        dep: Option<i64>,
        p: &[(&str, &str)],
    ) -> LogEvent {
        LogEvent {
            on,
            department_id: dep,
            kind: kind.into(),
            from: Some(from),
            to: Some(to),
            payload: p
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        }
    }

    use State as S;

    /// Dispatched, returned, dispatched to another, accepted late, reported 已解决 after its
    /// deadline, the petitioner says 未解决 and is dissatisfied: round 2 to the same unit,
    /// reported on time, satisfied.
    fn history() -> Vec<LogEvent> {
        vec![
            ev(
                d(11, 2),
                "issue",
                S::AwaitingIssue,
                S::Dispatched,
                Some(7),
                &[("due", "2026-11-09")],
            ),
            ev(
                d(11, 2),
                "return",
                S::Dispatched,
                S::AwaitingIssue,
                Some(7),
                &[],
            ),
            ev(
                d(11, 3),
                "issue",
                S::AwaitingIssue,
                S::Dispatched,
                Some(9),
                &[("due", "2026-11-10")],
            ),
            ev(d(11, 5), "accept", S::Dispatched, S::Handling, Some(9), &[]),
            ev(
                d(11, 20),
                "report",
                S::Handling,
                S::AwaitingFeedback,
                Some(9),
                &[("resolution", "resolved")],
            ),
            ev(
                d(11, 23),
                "feedback",
                S::AwaitingFeedback,
                S::Dispatched,
                Some(9),
                &[
                    ("solved", "unresolved"),
                    ("satisfaction", "dissatisfied"),
                    ("round", "1"),
                    ("due", "2026-12-02"),
                ],
            ),
            ev(
                d(11, 23),
                "accept",
                S::Dispatched,
                S::Handling,
                Some(9),
                &[],
            ),
            ev(
                d(11, 27),
                "report",
                S::Handling,
                S::AwaitingFeedback,
                Some(9),
                &[("resolution", "resolved")],
            ),
            ev(
                d(11, 30),
                "feedback",
                S::AwaitingFeedback,
                S::Closed,
                None,
                &[
                    ("solved", "resolved"),
                    ("satisfaction", "satisfied"),
                    ("round", "2"),
                ],
            ),
        ]
    }

    #[test]
    fn a_ticket_s_dispatches_from_its_log() {
        let ds = dispatches(1, &history());
        assert_eq!(ds.len(), 3);
        assert_eq!((ds[0].department_id, ds[0].end), (7, End::Returned));
        assert_eq!(
            (ds[1].department_id, ds[1].round, ds[1].end),
            (9, 1, End::Result(Resolution::Resolved))
        );
        assert_eq!(ds[1].accepted, Some(d(11, 5)));
        assert_eq!(
            ds[1].evaluation.unwrap().solved,
            Some(Resolution::Unresolved)
        );
        assert_eq!(
            (ds[2].round, ds[2].due, ds[2].begun),
            (2, Some(d(12, 2)), d(11, 23))
        );
        assert_eq!(
            ds[2].evaluation.unwrap().satisfaction,
            Satisfaction::Satisfied
        );
    }

    #[test]
    fn the_indicators_of_a_month() {
        let cal = shipped();
        let f = department_figures(&dispatches(1, &history()), d(11, 1), d(11, 30), &cal);
        let seven = &f[&7];
        assert_eq!(
            (seven.dispatches, seven.returned, seven.with_result),
            (1, 1, 0)
        );
        let nine = &f[&9];
        assert_eq!((nine.dispatches, nine.second_round), (2, 1));
        // Dispatched 11-03 (Tue), accepted 11-05: two working days, late; round 2 the same day.
        assert_eq!(nine.accepted_in_time, 1);
        // 11-20 is after 11-10 by 8 working days: 超期 and 严重超期; 11-27 before 12-02.
        assert_eq!(
            (nine.with_result, nine.on_time, nine.overdue, nine.severe),
            (2, 1, 1, 1)
        );
        assert_eq!((nine.evaluated, nine.solved, nine.false_closure), (2, 1, 1));
        assert_eq!((nine.evaluations, nine.satisfied), (2, 1));
        // Score: 响应 1/2, 解决 1/2, 满意 1/2 → 50.00.
        assert_eq!(nine.score(&Settings::default()), Some(5000));
    }

    #[test]
    fn equal_scores_share_a_rank_and_small_units_are_listed_unranked() {
        let f = |n: usize, ok: usize| Figures {
            dispatches: n,
            accepted_in_time: ok,
            ..Figures::default()
        };
        let figs: BTreeMap<i64, Figures> =
            [(1, f(10, 5)), (2, f(10, 9)), (3, f(20, 10)), (4, f(2, 2))].into();
        let r = rank(&figs, &Settings::default());
        let got: Vec<(i64, Option<usize>)> = r.iter().map(|r| (r.unit, r.rank)).collect();
        assert_eq!(got, [(2, Some(1)), (1, Some(2)), (3, Some(2)), (4, None)]);
    }

    #[test]
    fn a_closure_as_unresolved_is_never_solved() {
        let mut h = history();
        h.truncate(8);
        h.push(ev(
            d(11, 30),
            "feedback",
            S::AwaitingFeedback,
            S::SecondDissatisfied,
            None,
            &[
                ("solved", "resolved"),
                ("satisfaction", "dissatisfied"),
                ("round", "2"),
            ],
        ));
        h.push(ev(
            d(11, 30),
            "close_unresolved",
            S::SecondDissatisfied,
            S::Closed,
            None,
            &[],
        ));
        let f = department_figures(&dispatches(1, &h), d(11, 1), d(11, 30), &shipped());
        assert_eq!((f[&9].evaluated, f[&9].solved), (2, 0));
    }
}

/// The period a report covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    /// An ISO week (Monday to Sunday): its year and number.
    Week(i32, u32),
    Month(i32, u32),
    Quarter(i32, u32),
    Half(i32, u32),
    Year(i32),
    Range(NaiveDate, NaiveDate),
}

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
}

fn month_end(y: i32, m: u32) -> NaiveDate {
    let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    ymd(ny, nm, 1).pred_opt().unwrap_or(NaiveDate::MIN)
}

impl Period {
    /// The first and last day, both included.
    pub fn bounds(self) -> (NaiveDate, NaiveDate) {
        match self {
            Period::Week(y, w) => {
                let monday = NaiveDate::from_isoywd_opt(y, w, chrono::Weekday::Mon)
                    .unwrap_or(NaiveDate::MIN);
                (monday, monday + chrono::Duration::days(6))
            }
            Period::Month(y, m) => (ymd(y, m, 1), month_end(y, m)),
            Period::Quarter(y, q) => (ymd(y, q * 3 - 2, 1), month_end(y, q * 3)),
            Period::Half(y, h) => (ymd(y, h * 6 - 5, 1), month_end(y, h * 6)),
            Period::Year(y) => (ymd(y, 1, 1), ymd(y, 12, 31)),
            Period::Range(a, b) => (a, b),
        }
    }

    /// The period before, of the same kind (a range: as many days, ending the day before).
    pub fn previous(self) -> Period {
        match self {
            Period::Week(..) => {
                use chrono::Datelike;
                let w = (self.bounds().0 - chrono::Duration::days(7)).iso_week();
                Period::Week(w.year(), w.week())
            }
            Period::Month(y, 1) => Period::Month(y - 1, 12),
            Period::Month(y, m) => Period::Month(y, m - 1),
            Period::Quarter(y, 1) => Period::Quarter(y - 1, 4),
            Period::Quarter(y, q) => Period::Quarter(y, q - 1),
            Period::Half(y, 1) => Period::Half(y - 1, 2),
            Period::Half(y, h) => Period::Half(y, h - 1),
            Period::Year(y) => Period::Year(y - 1),
            Period::Range(a, b) => {
                let days = (b - a).num_days() + 1;
                Period::Range(
                    a - chrono::Duration::days(days),
                    a - chrono::Duration::days(1),
                )
            }
        }
    }

    /// As a title says it: 2026年11月, 2026年第四季度, 2026年下半年, 2026年度, or the dates.
    pub fn label(self, lang: crate::text::Lang) -> String {
        use crate::text::Lang;
        const Q: [&str; 4] = ["一", "二", "三", "四"];
        match (self, lang) {
            (Period::Week(y, w), Lang::Zh) => format!("{y}年第{w}周"),
            (Period::Week(y, w), Lang::En) => format!("{y}-W{w:02}"),
            (Period::Month(y, m), Lang::Zh) => format!("{y}年{m}月"),
            (Period::Quarter(y, q), Lang::Zh) => {
                format!("{y}年第{}季度", Q[(q as usize).clamp(1, 4) - 1])
            }
            (Period::Half(y, h), Lang::Zh) => {
                format!("{y}年{}半年", if h == 1 { "上" } else { "下" })
            }
            (Period::Year(y), Lang::Zh) => format!("{y}年度"),
            (Period::Month(y, m), Lang::En) => format!("{y}-{m:02}"),
            (Period::Quarter(y, q), Lang::En) => format!("{y} Q{q}"),
            (Period::Half(y, h), Lang::En) => format!("{y} H{h}"),
            (Period::Year(y), Lang::En) => format!("{y}"),
            (Period::Range(a, b), _) => format!("{a} – {b}"),
        }
    }
}

/// An ISO week as typed: `2026-W48`, `2026W48` or `2026年第48周`.
pub fn parse_week(s: &str) -> Result<Period, super::Problem> {
    use crate::text::T;
    let t = s.trim().to_ascii_uppercase();
    let t = t.trim_end_matches('周');
    let (y, w) = t
        .split_once("-W")
        .or_else(|| t.split_once('W'))
        .or_else(|| t.split_once("年第"))
        .unwrap_or(("", ""));
    let y = y
        .trim()
        .parse::<i32>()
        .ok()
        .filter(|y| (2000..=2100).contains(y));
    let w = w.trim().parse::<u32>().ok();
    match (y, w) {
        (Some(y), Some(w)) if NaiveDate::from_isoywd_opt(y, w, chrono::Weekday::Mon).is_some() => {
            Ok(Period::Week(y, w))
        }
        _ => Err(super::Problem::fill(T::NotAPeriod, &[&s, &"2026-W48"])),
    }
}

/// The period from the command line: exactly one of `--month 2026-11`, `--quarter 2026Q4`,
/// `--half 2026H2`, `--year 2026`, or `--from D --to D` (dates as `calendar::parse_date` reads).
pub fn parse_period(
    month: Option<&str>,
    quarter: Option<&str>,
    half: Option<&str>,
    year: Option<&str>,
    from: Option<&str>,
    to: Option<&str>,
) -> Result<Period, super::Problem> {
    use super::Problem;
    use crate::text::T;
    let given = [month, quarter, half, year]
        .iter()
        .filter(|v| v.is_some())
        .count()
        + usize::from(from.is_some() || to.is_some());
    if given != 1 {
        return Err(Problem::of(T::GiveOnePeriod));
    }
    let num = |s: &str| s.trim().parse::<i64>().ok();
    let year_of = |s: &str| {
        num(s)
            .filter(|y| (2000..=2100).contains(y))
            .map(|y| y as i32)
    };
    let split = |s: &str, sep: &[char]| -> Option<(i32, u32)> {
        let s = s.trim();
        let i = s.find(sep)?;
        let y = year_of(&s[..i])?;
        let n = num(s[i..].trim_start_matches(sep))?;
        Some((y, u32::try_from(n).ok()?))
    };
    if let Some(m) = month {
        return split(m.trim().trim_end_matches('月'), &['-', '年', '/', '.'])
            .filter(|(_, n)| (1..=12).contains(n))
            .map(|(y, n)| Period::Month(y, n))
            .ok_or_else(|| Problem::fill(T::NotAPeriod, &[&m, &"2026-11"]));
    }
    if let Some(q) = quarter {
        return split(&q.to_ascii_uppercase(), &['Q', '-'])
            .filter(|(_, n)| (1..=4).contains(n))
            .map(|(y, n)| Period::Quarter(y, n))
            .ok_or_else(|| Problem::fill(T::NotAPeriod, &[&q, &"2026Q4"]));
    }
    if let Some(h) = half {
        return split(&h.to_ascii_uppercase(), &['H', '-'])
            .filter(|(_, n)| (1..=2).contains(n))
            .map(|(y, n)| Period::Half(y, n))
            .ok_or_else(|| Problem::fill(T::NotAPeriod, &[&h, &"2026H2"]));
    }
    if let Some(y) = year {
        return year_of(y.trim_end_matches('年'))
            .map(Period::Year)
            .ok_or_else(|| Problem::fill(T::NotAPeriod, &[&y, &"2026"]));
    }
    let (Some(a), Some(b)) = (from, to) else {
        return Err(Problem::of(T::GiveOnePeriod));
    };
    let (a, b) = (
        super::calendar::parse_date(a)?,
        super::calendar::parse_date(b)?,
    );
    if b < a {
        return Err(Problem::fill(T::PeriodEndsBeforeItBegins, &[&a, &b]));
    }
    Ok(Period::Range(a, b))
}

#[cfg(test)]
mod period_tests {
    use super::*;

    #[test]
    fn weeks_parse_and_step_back_across_the_year() {
        assert_eq!(parse_week("2026-W48"), Ok(Period::Week(2026, 48)));
        assert_eq!(parse_week("2026年第48周"), Ok(Period::Week(2026, 48)));
        assert!(parse_week("2026-W54").is_err());
        let (a, b) = Period::Week(2026, 48).bounds();
        assert_eq!(
            (a.to_string(), b.to_string()),
            ("2026-11-23".into(), "2026-11-29".into())
        );
        assert_eq!(Period::Week(2026, 1).previous(), Period::Week(2025, 52));
        assert_eq!(
            Period::Week(2026, 48).label(crate::text::Lang::Zh),
            "2026年第48周"
        );
    }

    #[test]
    fn periods_parse_and_step_back() {
        let p = |m, q, h, y| parse_period(m, q, h, y, None, None);
        assert_eq!(
            p(Some("2026-11"), None, None, None),
            Ok(Period::Month(2026, 11))
        );
        assert_eq!(
            p(Some("2026年1月"), None, None, None),
            Ok(Period::Month(2026, 1))
        );
        assert_eq!(
            p(None, Some("2026q4"), None, None),
            Ok(Period::Quarter(2026, 4))
        );
        assert_eq!(
            p(None, None, Some("2026H1"), None),
            Ok(Period::Half(2026, 1))
        );
        assert_eq!(p(None, None, None, Some("2026")), Ok(Period::Year(2026)));
        assert!(p(Some("2026-13"), None, None, None).is_err());
        assert!(p(Some("2026-11"), None, None, Some("2026")).is_err());
        assert!(p(None, None, None, None).is_err());
        let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).unwrap();
        assert_eq!(Period::Month(2026, 1).previous(), Period::Month(2025, 12));
        assert_eq!(Period::Quarter(2026, 4).bounds(), (d(10, 1), d(12, 31)));
        assert_eq!(Period::Month(2026, 2).bounds().1, d(2, 28));
        assert_eq!(
            Period::Range(d(11, 1), d(11, 10)).previous(),
            Period::Range(d(10, 22), d(10, 31))
        );
        assert!(
            parse_period(
                None,
                None,
                None,
                None,
                Some("2026-11-10"),
                Some("2026-11-01")
            )
            .is_err()
        );
    }

    mod by_day {
        use super::*;
        use crate::domain::calendar::tests::shipped;
        use proptest::prelude::*;

        fn day(n: i64) -> NaiveDate {
            NaiveDate::from_ymd_opt(2026, 10, 1).unwrap() + chrono::Duration::days(n)
        }

        fn dispatch() -> impl Strategy<Value = Dispatch> {
            (
                0i64..40,
                proptest::option::of(0i64..8),
                proptest::option::of(0i64..30),
                0u8..4,
                proptest::option::of((0i64..20, 0u8..3, proptest::option::of(0u8..3), 0u8..3)),
                any::<bool>(),
                1u8..3,
            )
                .prop_map(|(begun, accepted, due, end, eval, unresolved, round)| {
                    let res = |n: u8| {
                        [
                            Resolution::Resolved,
                            Resolution::Partly,
                            Resolution::Unresolved,
                        ][n as usize]
                    };
                    let ended = day(begun + 3);
                    Dispatch {
                        ticket_id: 1,
                        department_id: 7,
                        round,
                        begun: day(begun),
                        due: due.map(|n| day(begun + n / 3)),
                        accepted: accepted.map(|n| day(begun + n)),
                        ended: (end == 1).then_some(ended),
                        end: match end {
                            0 => End::Open,
                            1 => End::Result(res(round % 3)),
                            2 => End::Returned,
                            _ => End::Left(State::Withdrawn),
                        },
                        evaluation: eval.map(|(after, sat, solved, _)| Evaluation {
                            on: day(begun + 3 + after),
                            solved: solved.map(res),
                            satisfaction: [
                                Satisfaction::Satisfied,
                                Satisfaction::Basically,
                                Satisfaction::Dissatisfied,
                            ][sat as usize],
                        }),
                        closed_unresolved: unresolved,
                        stopped: None,
                    }
                })
        }

        proptest! {
            #[test]
            fn a_periods_figures_are_the_sum_of_its_days(
                ds in proptest::collection::vec(dispatch(), 1..12),
                a in 0i64..70,
                len in 0i64..40,
            ) {
                let cal = shipped();
                let (from, to) = (day(a), day(a + len));
                let whole = department_figures(&ds, from, to, &cal);
                let mut summed: BTreeMap<i64, Figures> = BTreeMap::new();
                for x in &ds {
                    for (on, f) in by_day(x, &cal) {
                        if from <= on && on <= to {
                            summed.entry(x.department_id).or_default().add(&f);
                        }
                    }
                }
                prop_assert_eq!(whole, summed);
            }
        }
    }
}
