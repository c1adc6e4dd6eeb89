//! The one-ticket flow (一单制): every state, every move, who may make it, and what it changes.
//!
//! `allowed` answers "may this actor make this kind of move now?" without the move's details;
//! the UI offers exactly the kinds for which it says yes. `decide` validates a whole move and
//! returns the `Change` the store writes, in one transaction, together with its audit event.

use crate::domain::Arg;
use crate::text::T;
use chrono::NaiveDate;

use super::Problem;
use super::calendar::WorkCalendar;
use super::limits::{self, Limit, LimitRule, MAX_EXTENSION_DAYS, find_limit};
use super::roles::{Actor, can_see};
use super::text::clean_input;
use super::vocab::{
    Classification, DayKind, FeedbackMethod, LimitPhase, Resolution, Role, Satisfaction, State,
    Urgency,
};

/// The kinds of move, for menus and permission checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MoveKind {
    Draft,
    Submit,
    Issue,
    RecordMeeting,
    RecordDeliberation,
    Accept,
    Progress,
    RequestExtension,
    DecideExtension,
    Return,
    Report,
    Feedback,
    Evaluate,
    Escalate,
    CloseUnresolved,
    Withdraw,
    Merge,
}

impl MoveKind {
    pub const ALL: &'static [MoveKind] = &[
        MoveKind::Draft,
        MoveKind::Submit,
        MoveKind::Issue,
        MoveKind::RecordMeeting,
        MoveKind::RecordDeliberation,
        MoveKind::Accept,
        MoveKind::Progress,
        MoveKind::RequestExtension,
        MoveKind::DecideExtension,
        MoveKind::Return,
        MoveKind::Report,
        MoveKind::Feedback,
        MoveKind::Evaluate,
        MoveKind::Escalate,
        MoveKind::CloseUnresolved,
        MoveKind::Withdraw,
        MoveKind::Merge,
    ];

    /// Stable code, stored as the audit event kind.
    pub fn code(self) -> &'static str {
        match self {
            MoveKind::Draft => "draft",
            MoveKind::Submit => "submit",
            MoveKind::Issue => "issue",
            MoveKind::RecordMeeting => "meeting",
            MoveKind::RecordDeliberation => "deliberation",
            MoveKind::Accept => "accept",
            MoveKind::Progress => "progress",
            MoveKind::RequestExtension => "extension_request",
            MoveKind::DecideExtension => "extension_decision",
            MoveKind::Return => "return",
            MoveKind::Report => "report",
            MoveKind::Feedback => "feedback",
            MoveKind::Evaluate => "evaluate",
            MoveKind::Escalate => "escalate",
            MoveKind::CloseUnresolved => "close_unresolved",
            MoveKind::Withdraw => "withdraw",
            MoveKind::Merge => "merge",
        }
    }

    pub fn from_code(s: &str) -> Option<MoveKind> {
        MoveKind::ALL.iter().copied().find(|k| k.code() == s)
    }

    /// The move's name as a value of a problem, in the reader's language.
    pub fn arg(self) -> crate::domain::Arg {
        crate::domain::Arg::Label(self.zh(), self.en())
    }

    pub fn zh(self) -> &'static str {
        match self {
            MoveKind::Draft => "拟办",
            MoveKind::Submit => "提交下单",
            MoveKind::Issue => "下单（领导批示）",
            MoveKind::RecordMeeting => "记录专题会议结果",
            MoveKind::RecordDeliberation => "记录民事民议结果",
            MoveKind::Accept => "签收",
            MoveKind::Progress => "办理进展",
            MoveKind::RequestExtension => "申请延期",
            MoveKind::DecideExtension => "审批延期",
            MoveKind::Return => "退单",
            MoveKind::Report => "报送办理结果",
            MoveKind::Feedback => "回访反馈",
            MoveKind::Evaluate => "群众评价",
            MoveKind::Escalate => "提请领导督办",
            MoveKind::CloseUnresolved => "按未解决办结",
            MoveKind::Withdraw => "撤回",
            MoveKind::Merge => "合并到其他件",
        }
    }

    pub fn en(self) -> &'static str {
        match self {
            MoveKind::Draft => "Draft opinion",
            MoveKind::Submit => "Submit for issue",
            MoveKind::Issue => "Issue (leader's instruction)",
            MoveKind::RecordMeeting => "Record meeting decision",
            MoveKind::RecordDeliberation => "Record deliberation outcome",
            MoveKind::Accept => "Accept",
            MoveKind::Progress => "Progress note",
            MoveKind::RequestExtension => "Request extension",
            MoveKind::DecideExtension => "Decide extension",
            MoveKind::Return => "Return",
            MoveKind::Report => "Report result",
            MoveKind::Feedback => "Feedback call",
            MoveKind::Evaluate => "Evaluation",
            MoveKind::Escalate => "Escalate to leader",
            MoveKind::CloseUnresolved => "Close as unresolved",
            MoveKind::Withdraw => "Withdraw",
            MoveKind::Merge => "Merge into another",
        }
    }

    pub fn label(self, lang: super::Lang) -> &'static str {
        lang.pick(self.zh(), self.en())
    }
}

/// What the domain needs to know about a ticket to rule on a move.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TicketFacts {
    pub id: i64,
    pub state: State,
    pub round: u8,
    pub center_id: i64,
    pub category_id: i64,
    pub urgency: Urgency,
    pub department_id: Option<i64>,
    pub extension_used: bool,
    pub pending_extension_days: Option<u32>,
    pub escalated: bool,
    /// The first 下单 of this round: the handling clock is not restarted by a 退单.
    pub round_issued_on: Option<NaiveDate>,
    pub due: Option<NaiveDate>,
    pub limit_kind: Option<DayKind>,
    pub clock_start: Option<NaiveDate>,
}

/// A department as the flow needs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DeptFacts {
    pub id: i64,
    pub supervision: bool,
    pub active: bool,
}

/// The ticket another is merged into.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MergeTarget {
    pub id: i64,
    pub number: String,
    pub state: State,
    pub center_id: i64,
    pub department_id: Option<i64>,
}

/// The leader's decision at 下单.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    /// 转办 to a functional department, or 督办 through the supervision office.
    Dispatch {
        department: DeptFacts,
        due: NaiveDate,
    },
    OnSite {
        answer: String,
    },
    Explain {
        explanation: String,
    },
    SpecialMeeting {
        topic: String,
    },
    Deliberation {
        note: String,
    },
    NotAccept {
        lawful_channel: String,
        reason: String,
    },
}

/// A move with everything it carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Move {
    Draft {
        classification: Classification,
        opinion: String,
    },
    Submit,
    Issue {
        leader_id: i64,
        leader_active: bool,
        instruction: String,
        decision: Decision,
    },
    RecordMeeting {
        decision: String,
    },
    RecordDeliberation {
        outcome: String,
        to_sign: bool,
    },
    Accept,
    Progress {
        note: String,
    },
    RequestExtension {
        days: u32,
        reason: String,
    },
    DecideExtension {
        approve: bool,
        note: String,
    },
    Return {
        reason: String,
    },
    Report {
        resolution: Resolution,
        result: String,
    },
    /// 回访 and 评价 are one phone call: whether the matter was solved in the petitioner's own
    /// view, and how satisfied they are (`None`: they will answer later, by 评价).
    Feedback {
        by: String,
        method: FeedbackMethod,
        solved: Resolution,
        satisfaction: Option<Satisfaction>,
        note: String,
    },
    Evaluate {
        satisfaction: Satisfaction,
        note: String,
    },
    Escalate {
        note: String,
    },
    CloseUnresolved {
        note: String,
    },
    Withdraw {
        reason: String,
    },
    Merge {
        into: MergeTarget,
        note: String,
    },
}

impl Move {
    pub fn kind(&self) -> MoveKind {
        match self {
            Move::Draft { .. } => MoveKind::Draft,
            Move::Submit => MoveKind::Submit,
            Move::Issue { .. } => MoveKind::Issue,
            Move::RecordMeeting { .. } => MoveKind::RecordMeeting,
            Move::RecordDeliberation { .. } => MoveKind::RecordDeliberation,
            Move::Accept => MoveKind::Accept,
            Move::Progress { .. } => MoveKind::Progress,
            Move::RequestExtension { .. } => MoveKind::RequestExtension,
            Move::DecideExtension { .. } => MoveKind::DecideExtension,
            Move::Return { .. } => MoveKind::Return,
            Move::Report { .. } => MoveKind::Report,
            Move::Feedback { .. } => MoveKind::Feedback,
            Move::Evaluate { .. } => MoveKind::Evaluate,
            Move::Escalate { .. } => MoveKind::Escalate,
            Move::CloseUnresolved { .. } => MoveKind::CloseUnresolved,
            Move::Withdraw { .. } => MoveKind::Withdraw,
            Move::Merge { .. } => MoveKind::Merge,
        }
    }
}

/// What the store needs besides the ticket: today, the calendar and the time-limit catalogue.
pub struct FlowCtx<'a> {
    pub today: NaiveDate,
    pub cal: &'a WorkCalendar,
    pub rules: &'a [LimitRule],
}

/// A running clock: when it started, when it is due, from when it is 临期.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Clock {
    pub start: NaiveDate,
    pub due: NaiveDate,
    pub warn_at: NaiveDate,
    pub kind: DayKind,
}

impl Clock {
    pub fn start(start: NaiveDate, limit: Limit, cal: &WorkCalendar) -> Clock {
        let due = limits::deadline(start, limit, cal);
        Clock::until(start, due, limit.kind, cal)
    }

    pub fn until(start: NaiveDate, due: NaiveDate, kind: DayKind, cal: &WorkCalendar) -> Clock {
        Clock {
            start,
            due,
            warn_at: limits::warn_date(start, due, kind, cal),
            kind,
        }
    }
}

/// Field updates a move makes. `None` leaves a field alone.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Updates {
    pub proposed: Option<Classification>,
    pub opinion: Option<String>,
    pub decision: Option<Classification>,
    pub leader_id: Option<i64>,
    pub instruction: Option<String>,
    /// `Some(None)` clears the department.
    pub department_id: Option<Option<i64>>,
    /// `Some(None)` stops the clock (waiting states and closure).
    pub clock: Option<Option<Clock>>,
    pub round_issued_on: Option<Option<NaiveDate>>,
    pub round: Option<u8>,
    pub extension_used: Option<bool>,
    pub pending_extension: Option<Option<(u32, String)>>,
    pub resolution: Option<Resolution>,
    pub result: Option<String>,
    pub satisfaction: Option<Option<Satisfaction>>,
    pub escalated: Option<bool>,
    pub unresolved_closure: Option<bool>,
    pub merged_into: Option<i64>,
    /// The answer given at 现场答复 / 解释说明 or the agreement of a deliberation.
    pub answer: Option<String>,
}

/// What a move does: the new state, field updates, and the audit event's content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub kind: MoveKind,
    pub from: State,
    pub to: State,
    /// What the user wrote (reason, opinion, instruction …).
    pub note: String,
    /// Structured details for the audit event, in a fixed key order.
    pub details: Vec<(&'static str, String)>,
    pub updates: Updates,
    /// The department this event counts against (退单 counts per department).
    pub department_id: Option<i64>,
}

const NOTE_MAX: usize = 2000;
const SHORT_MAX: usize = 200;

fn is_desk(actor: &Actor) -> bool {
    matches!(actor.role, Role::Clerk | Role::Director)
}

/// Whether this actor may make this kind of move on this ticket now, and if not, why.
pub fn allowed(kind: MoveKind, t: &TicketFacts, actor: &Actor) -> Result<(), Problem> {
    use MoveKind as K;
    if !can_see(actor, t.center_id, t.department_id) {
        return Err(Problem::of(T::YouMayNotSeeThis));
    }
    if !t.state.is_open() {
        return Err(Problem::with(T::ThisTicketIsAndCannot, vec![t.state.arg()]));
    }
    let state_ok = leaves(kind, t.state) && !(kind == K::Escalate && t.escalated);
    if !state_ok {
        if kind == K::Escalate && t.escalated {
            return Err(Problem::of(T::ThisTicketWasAlreadyEscalated));
        }
        return Err(Problem::with(
            T::TicketInCannotBeMoved,
            vec![t.state.arg(), kind.arg()],
        ));
    }
    match kind {
        K::Accept | K::Progress | K::RequestExtension | K::Return | K::Report => {
            if actor.role != Role::Department {
                return Err(Problem::with(
                    T::IsDoneByHandlingDepartment,
                    vec![kind.arg()],
                ));
            }
            if actor.department_id.is_none() || actor.department_id != t.department_id {
                return Err(Problem::of(T::ThisTicketIsNotAssigned));
            }
            if kind == K::RequestExtension && t.extension_used {
                return Err(Problem::of(T::ExtensionWasAlreadyRequestedIn));
            }
            Ok(())
        }
        K::DecideExtension | K::Escalate | K::CloseUnresolved => {
            if actor.role != Role::Director {
                return Err(Problem::with(T::IsDecidedByDirector, vec![kind.arg()]));
            }
            Ok(())
        }
        _ => {
            if !is_desk(actor) {
                return Err(Problem::with(T::IsDoneByCenterS, vec![kind.arg()]));
            }
            Ok(())
        }
    }
}

/// Whether a move of `kind` can be made in `state` (an open one): the state machine's edges out.
fn leaves(kind: MoveKind, state: State) -> bool {
    use MoveKind as K;
    use State as S;
    match kind {
        K::Draft => matches!(state, S::Registered | S::Drafted),
        K::Submit => state == S::Drafted,
        K::Issue => matches!(state, S::AwaitingIssue | S::Escalated),
        K::RecordMeeting => state == S::AwaitingMeeting,
        K::RecordDeliberation => state == S::AwaitingDeliberation,
        K::Accept => state == S::Dispatched,
        K::Progress => state == S::Handling,
        K::RequestExtension => state == S::Handling,
        K::DecideExtension => state == S::ExtensionRequested,
        K::Return => matches!(state, S::Dispatched | S::Handling),
        K::Report => state == S::Handling,
        K::Feedback => state == S::AwaitingFeedback,
        K::Evaluate => state == S::AwaitingEvaluation,
        K::Escalate | K::CloseUnresolved => state == S::SecondDissatisfied,
        K::Withdraw | K::Merge => true,
    }
}

/// Whether a move of `kind` can end in `to` (what `decide` may return): the edges in.
fn reaches(kind: MoveKind, to: State) -> bool {
    use MoveKind as K;
    use State as S;
    match kind {
        K::Draft => to == S::Drafted,
        K::Submit | K::RecordMeeting | K::Return => to == S::AwaitingIssue,
        K::Issue => matches!(
            to,
            S::Dispatched
                | S::AwaitingMeeting
                | S::AwaitingDeliberation
                | S::AwaitingFeedback
                | S::NotAccepted
        ),
        K::RecordDeliberation => matches!(to, S::AwaitingFeedback | S::AwaitingIssue),
        K::Accept | K::Progress | K::DecideExtension => to == S::Handling,
        K::RequestExtension => to == S::ExtensionRequested,
        K::Report => to == S::AwaitingFeedback,
        K::Feedback => matches!(
            to,
            S::AwaitingEvaluation
                | S::Closed
                | S::Dispatched
                | S::AwaitingIssue
                | S::SecondDissatisfied
        ),
        K::Evaluate => matches!(
            to,
            S::Closed | S::Dispatched | S::AwaitingIssue | S::SecondDissatisfied
        ),
        K::Escalate => to == S::Escalated,
        K::CloseUnresolved => to == S::Closed,
        K::Withdraw => to == S::Withdrawn,
        K::Merge => to == S::Merged,
    }
}

/// Whether the state machine has a move of `kind` from `from` to `to` (replaying a history).
pub fn could_move(kind: MoveKind, from: State, to: State) -> bool {
    from.is_open() && leaves(kind, from) && reaches(kind, to)
}

/// Every kind of move this actor may make on this ticket now: the UI offers exactly these.
pub fn available(t: &TicketFacts, actor: &Actor) -> Vec<MoveKind> {
    MoveKind::ALL
        .iter()
        .copied()
        .filter(|k| allowed(*k, t, actor).is_ok())
        .collect()
}

fn text(s: &str, max: usize, field: T) -> Result<String, Problem> {
    clean_input(s, max, max > SHORT_MAX, true).map_err(|p| p.in_field(field))
}

fn optional_text(s: &str, max: usize, field: T) -> Result<String, Problem> {
    clean_input(s, max, max > SHORT_MAX, false).map_err(|p| p.in_field(field))
}

fn accept_clock(ctx: &FlowCtx, t: &TicketFacts) -> Clock {
    let limit = find_limit(ctx.rules, LimitPhase::Accept, t.category_id, t.urgency);
    Clock::start(ctx.today, limit, ctx.cal)
}

fn feedback_clock(ctx: &FlowCtx, t: &TicketFacts) -> Clock {
    let limit = find_limit(ctx.rules, LimitPhase::Feedback, t.category_id, t.urgency);
    Clock::start(ctx.today, limit, ctx.cal)
}

/// The deadline offered at 下单: the catalogue's limit from the first 下单 of this round, so that a
/// ticket bounced by 退单 does not get a fresh clock.
pub fn default_due(t: &TicketFacts, ctx: &FlowCtx) -> NaiveDate {
    let limit = find_limit(ctx.rules, LimitPhase::Handle, t.category_id, t.urgency);
    let start = t.round_issued_on.unwrap_or(ctx.today);
    limits::deadline(start, limit, ctx.cal)
}

/// Why a deadline typed at 下单 deserves a second look before it is saved (the move is lawful
/// either way): it lies beyond the catalogue's deadline for this ticket, or in a year without
/// official holiday data, where working days are counted Monday to Friday and a holiday may
/// fall on it. Empty when neither.
pub fn due_doubts(t: &TicketFacts, ctx: &FlowCtx, due: NaiveDate) -> Vec<Problem> {
    let mut out = vec![];
    let limit_due = default_due(t, ctx);
    if due > limit_due {
        let later = (due - limit_due).num_days();
        out.push(Problem::fill(
            T::DueBeyondTheCatalogue,
            &[
                &crate::domain::calendar::zh_date(due),
                &crate::domain::calendar::zh_date(limit_due),
                &later,
            ],
        ));
    }
    use chrono::Datelike;
    if !ctx.cal.missing_years(due.year(), due.year()).is_empty() {
        out.push(Problem::fill(
            T::DueInAYearWithoutHolidayData,
            &[&due.year()],
        ));
    }
    out
}

/// A petition can be merged only into an open one: a closed or stopped ticket can only be
/// named as what a new one repeats. The intake form offers merging by this rule, and `decide`
/// enforces it.
pub fn check_merge_target(number: &str, state: State) -> Result<(), Problem> {
    if state.is_open() {
        return Ok(());
    }
    Err(Problem::with(
        T::IsMarkItAsRepeat,
        vec![Arg::plain(number), state.arg()],
    ))
}

/// Rules on a whole move and returns what it changes.
pub fn decide(t: &TicketFacts, actor: &Actor, mv: &Move, ctx: &FlowCtx) -> Result<Change, Problem> {
    use State as S;
    let kind = mv.kind();
    allowed(kind, t, actor)?;
    let mut u = Updates::default();
    let mut details: Vec<(&'static str, String)> = vec![];
    let mut department_id = None;
    let (to, note) = match mv {
        Move::Draft {
            classification,
            opinion,
        } => {
            let opinion = text(opinion, NOTE_MAX, T::ProposedOpinionField)?;
            u.proposed = Some(*classification);
            u.opinion = Some(opinion.clone());
            details.push(("classification", classification.code().into()));
            (S::Drafted, opinion)
        }
        Move::Submit => (S::AwaitingIssue, String::new()),
        Move::Issue {
            leader_id,
            leader_active,
            instruction,
            decision,
        } => decide_issue(
            t,
            ctx,
            leader_id,
            leader_active,
            instruction,
            decision,
            &mut u,
            &mut details,
            &mut department_id,
        )?,
        Move::RecordMeeting { decision } => {
            let decision = text(decision, NOTE_MAX, T::MeetingDecisionField)?;
            u.clock = Some(Some(accept_clock(ctx, t)));
            (S::AwaitingIssue, decision)
        }
        Move::RecordDeliberation { outcome, to_sign } => {
            let outcome = text(outcome, NOTE_MAX, T::OutcomeField)?;
            details.push(("next", if *to_sign { "sign" } else { "issue" }.into()));
            if *to_sign {
                u.answer = Some(outcome.clone());
                u.clock = Some(Some(feedback_clock(ctx, t)));
                (S::AwaitingFeedback, outcome)
            } else {
                u.clock = Some(Some(accept_clock(ctx, t)));
                (S::AwaitingIssue, outcome)
            }
        }
        Move::Accept => {
            department_id = t.department_id;
            (S::Handling, String::new())
        }
        Move::Progress { note } => {
            department_id = t.department_id;
            (S::Handling, text(note, NOTE_MAX, T::ProgressField)?)
        }
        Move::RequestExtension { days, reason } => {
            if *days == 0 || *days > MAX_EXTENSION_DAYS {
                return Err(Problem::fill(T::ExtensionIs1ToDays, &[&MAX_EXTENSION_DAYS]));
            }
            let reason = text(reason, NOTE_MAX, T::ReasonField)?;
            u.extension_used = Some(true);
            u.pending_extension = Some(Some((*days, reason.clone())));
            details.push(("days", days.to_string()));
            department_id = t.department_id;
            (S::ExtensionRequested, reason)
        }
        Move::DecideExtension { approve, note } => {
            let note = optional_text(note, NOTE_MAX, T::NoteField)?;
            u.pending_extension = Some(None);
            details.push(("approved", approve.to_string()));
            if *approve {
                let days = t.pending_extension_days.unwrap_or(0);
                if let (Some(due), Some(start)) = (t.due, t.clock_start) {
                    let new_due = limits::extend(due, days, ctx.cal);
                    let kind = t.limit_kind.unwrap_or(DayKind::Working);
                    u.clock = Some(Some(Clock::until(start, new_due, kind, ctx.cal)));
                    details.push(("days", days.to_string()));
                    details.push(("due", new_due.to_string()));
                }
            }
            department_id = t.department_id;
            (S::Handling, note)
        }
        Move::Return { reason } => {
            let reason = text(reason, NOTE_MAX, T::ReturnReasonField)?;
            department_id = t.department_id;
            u.department_id = Some(None);
            (S::AwaitingIssue, reason)
        }
        Move::Report { resolution, result } => {
            let result = text(result, NOTE_MAX, T::ResultField)?;
            u.resolution = Some(*resolution);
            u.result = Some(result.clone());
            u.clock = Some(Some(feedback_clock(ctx, t)));
            details.push(("resolution", resolution.code().into()));
            department_id = t.department_id;
            (S::AwaitingFeedback, result)
        }
        Move::Feedback {
            by,
            method,
            solved,
            satisfaction,
            note,
        } => {
            let by = text(by, SHORT_MAX, T::FeedbackByField)?;
            let note = optional_text(note, NOTE_MAX, T::NotesField)?;
            details.push(("by", by));
            details.push(("method", method.code().into()));
            details.push(("solved", solved.code().into()));
            match satisfaction {
                None => (S::AwaitingEvaluation, note),
                Some(s) => (
                    evaluated(t, ctx, *s, &mut u, &mut details, &mut department_id),
                    note,
                ),
            }
        }
        Move::Evaluate { satisfaction, note } => {
            let note = optional_text(note, NOTE_MAX, T::CommentsField)?;
            let to = evaluated(
                t,
                ctx,
                *satisfaction,
                &mut u,
                &mut details,
                &mut department_id,
            );
            (to, note)
        }
        Move::Escalate { note } => {
            let note = text(note, NOTE_MAX, T::EscalationReasonField)?;
            u.clock = Some(Some(accept_clock(ctx, t)));
            u.department_id = Some(None);
            (S::Escalated, note)
        }
        Move::CloseUnresolved { note } => {
            let note = text(note, NOTE_MAX, T::ExplanationField)?;
            u.unresolved_closure = Some(true);
            u.clock = Some(None);
            (S::Closed, note)
        }
        Move::Withdraw { reason } => {
            let reason = text(reason, NOTE_MAX, T::WithdrawalReasonField)?;
            u.clock = Some(None);
            (S::Withdrawn, reason)
        }
        Move::Merge { into, note } => decide_merge(t, actor, into, note, &mut u, &mut details)?,
    };
    Ok(Change {
        kind,
        from: t.state,
        to,
        note,
        details,
        updates: u,
        department_id,
    })
}

/// Merging into another open ticket the actor may see (合并): the merged one closes into it.
fn decide_merge(
    t: &TicketFacts,
    actor: &Actor,
    into: &MergeTarget,
    note: &str,
    u: &mut Updates,
    details: &mut Vec<(&'static str, String)>,
) -> Result<(State, String), Problem> {
    use State as S;
    if into.id == t.id {
        return Err(Problem::of(T::TicketCannotBeMergedInto));
    }
    check_merge_target(&into.number, into.state)?;
    if !can_see(actor, into.center_id, into.department_id) {
        return Err(Problem::fill(T::YouMayNotSee, &[&into.number]));
    }
    let note = optional_text(note, NOTE_MAX, T::MergeNoteField)?;
    u.merged_into = Some(into.id);
    u.clock = Some(None);
    details.push(("into", into.number.clone()));
    Ok((S::Merged, note))
}

/// Issuing (下单): the leader's instruction and decision; dispatch names the department and due date.
#[allow(clippy::too_many_arguments)]
fn decide_issue(
    t: &TicketFacts,
    ctx: &FlowCtx,
    leader_id: &i64,
    leader_active: &bool,
    instruction: &str,
    decision: &Decision,
    u: &mut Updates,
    details: &mut Vec<(&'static str, String)>,
    department_id: &mut Option<i64>,
) -> Result<(State, String), Problem> {
    use State as S;
    if !leader_active {
        return Err(Problem::of(T::ThatLeaderIsInactiveChoose));
    }
    let instruction = text(instruction, NOTE_MAX, T::InstructionField)?;
    u.leader_id = Some(*leader_id);
    u.instruction = Some(instruction.clone());
    details.push(("leader", leader_id.to_string()));
    let to = match decision {
        Decision::Dispatch { department, due } => {
            if !department.active {
                return Err(Problem::of(T::ThatDepartmentIsInactive));
            }
            if t.state == S::Escalated && !department.supervision {
                return Err(Problem::of(T::EscalatedTicketGoesToSupervision));
            }
            if *due < ctx.today {
                return Err(Problem::fill(T::DeadlineIsBeforeToday, &[&due]));
            }
            if !ctx.cal.is_working_day(*due) {
                return Err(Problem::fill(
                    T::DeadlineIsRestDayUse,
                    &[&due, &ctx.cal.roll_forward(*due)],
                ));
            }
            let class = if department.supervision {
                Classification::Supervise
            } else {
                Classification::Forward
            };
            // The clock of this round started at its first 下单; a new round or a
            // 领导督办 starts it anew.
            let issued_on = if t.state == S::Escalated {
                ctx.today
            } else {
                t.round_issued_on.unwrap_or(ctx.today)
            };
            let limit = find_limit(ctx.rules, LimitPhase::Handle, t.category_id, t.urgency);
            u.decision = Some(class);
            u.department_id = Some(Some(department.id));
            u.round_issued_on = Some(Some(issued_on));
            u.clock = Some(Some(Clock::until(issued_on, *due, limit.kind, ctx.cal)));
            if t.state == S::Escalated {
                u.escalated = Some(true);
            }
            details.push(("decision", class.code().into()));
            details.push(("department", department.id.to_string()));
            details.push(("due", due.to_string()));
            *department_id = Some(department.id);
            S::Dispatched
        }
        _ if t.state == S::Escalated => {
            return Err(Problem::of(T::EscalatedTicketCanOnlyBe));
        }
        Decision::OnSite { answer }
        | Decision::Explain {
            explanation: answer,
        } => {
            let (class, field) = match decision {
                Decision::OnSite { .. } => (Classification::OnSite, T::AnswerField),
                _ => (Classification::Explain, T::ExplanationContentField),
            };
            let answer = text(answer, NOTE_MAX, field)?;
            u.decision = Some(class);
            u.answer = Some(answer.clone());
            u.department_id = Some(None);
            u.clock = Some(Some(feedback_clock(ctx, t)));
            details.push(("decision", class.code().into()));
            details.push(("answer", answer));
            S::AwaitingFeedback
        }
        Decision::SpecialMeeting { topic } => {
            let topic = text(topic, NOTE_MAX, T::MeetingTopicField)?;
            u.decision = Some(Classification::SpecialMeeting);
            u.clock = Some(None);
            details.push(("decision", Classification::SpecialMeeting.code().into()));
            details.push(("topic", topic));
            S::AwaitingMeeting
        }
        Decision::Deliberation { note } => {
            let note = optional_text(note, NOTE_MAX, T::DeliberationPlanField)?;
            u.decision = Some(Classification::Deliberation);
            u.clock = Some(None);
            details.push(("decision", Classification::Deliberation.code().into()));
            if !note.is_empty() {
                details.push(("plan", note));
            }
            S::AwaitingDeliberation
        }
        Decision::NotAccept {
            lawful_channel,
            reason,
        } => {
            let channel = text(lawful_channel, SHORT_MAX, T::LawfulChannelField)?;
            let reason = text(reason, NOTE_MAX, T::RejectionReasonField)?;
            u.decision = Some(Classification::NotAccepted);
            u.clock = Some(None);
            details.push(("decision", Classification::NotAccepted.code().into()));
            details.push(("lawful_channel", channel));
            details.push(("reason", reason));
            S::NotAccepted
        }
    };
    Ok((to, instruction))
}

/// Where the petitioner's evaluation (群众评价) takes the ticket: closed when satisfied; a second
/// round when dissatisfied the first time (back to the same department with a fresh clock, or
/// to the leader when no department handled it); the director's decision after a second
/// dissatisfied evaluation.
/// The petitioner's evaluation, in the 回访 or later: recorded with the round it judges, and
/// the ticket's next state. A second round's deadline goes in the event (the reports read the
/// deadline in force from the log).
fn evaluated(
    t: &TicketFacts,
    ctx: &FlowCtx,
    satisfaction: Satisfaction,
    u: &mut Updates,
    details: &mut Vec<(&'static str, String)>,
    department_id: &mut Option<i64>,
) -> State {
    u.satisfaction = Some(Some(satisfaction));
    details.push(("satisfaction", satisfaction.code().into()));
    details.push(("round", t.round.to_string()));
    let to = after_evaluation(t, ctx, satisfaction, u, department_id);
    if to == State::Dispatched
        && let Some(Some(c)) = &u.clock
    {
        details.push(("due", c.due.to_string()));
    }
    to
}

fn after_evaluation(
    t: &TicketFacts,
    ctx: &FlowCtx,
    satisfaction: Satisfaction,
    u: &mut Updates,
    department_id: &mut Option<i64>,
) -> State {
    use State as S;
    match satisfaction {
        Satisfaction::Satisfied | Satisfaction::Basically => {
            u.clock = Some(None);
            S::Closed
        }
        Satisfaction::Dissatisfied if t.round < 2 => {
            u.round = Some(2);
            u.extension_used = Some(false);
            match t.department_id {
                // 二次办理: back to the same department with a fresh round clock.
                Some(d) => {
                    let limit = find_limit(ctx.rules, LimitPhase::Handle, t.category_id, t.urgency);
                    u.clock = Some(Some(Clock::start(ctx.today, limit, ctx.cal)));
                    u.round_issued_on = Some(Some(ctx.today));
                    *department_id = Some(d);
                    S::Dispatched
                }
                // No department handled it (on-site answer, explanation, deliberation):
                // the leader decides again.
                None => {
                    u.clock = Some(Some(accept_clock(ctx, t)));
                    u.round_issued_on = Some(None);
                    S::AwaitingIssue
                }
            }
        }
        Satisfaction::Dissatisfied => {
            u.clock = Some(None);
            S::SecondDissatisfied
        }
    }
}

/// The clock of a newly registered ticket: the acceptance limit from the day it was received.
pub fn intake_clock(
    received: NaiveDate,
    category_id: i64,
    urgency: Urgency,
    ctx: &FlowCtx,
) -> Clock {
    let limit = find_limit(ctx.rules, LimitPhase::Accept, category_id, urgency);
    Clock::start(received, limit, ctx.cal)
}

#[cfg(test)]
mod tests;
