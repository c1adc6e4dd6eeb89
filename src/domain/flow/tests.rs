use super::*;
use crate::domain::calendar::tests::shipped;
use crate::domain::limits::default_rules;
use crate::domain::vocab::CenterLevel;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn staff(role: Role, dept: Option<i64>) -> Actor {
    Actor {
        staff_id: Some(1),
        name: "测试".into(),
        role,
        center_id: Some(1),
        center_level: CenterLevel::District,
        department_id: dept,
    }
}

fn clerk() -> Actor {
    staff(Role::Clerk, None)
}
fn director() -> Actor {
    staff(Role::Director, None)
}
fn dept(id: i64) -> Actor {
    staff(Role::Department, Some(id))
}

const HOUSING: DeptFacts = DeptFacts {
    id: 3,
    supervision: false,
    active: true,
};
const SUPERVISION: DeptFacts = DeptFacts {
    id: 9,
    supervision: true,
    active: true,
};

fn facts(state: State) -> TicketFacts {
    TicketFacts {
        id: 100,
        state,
        round: 1,
        center_id: 1,
        category_id: 1,
        urgency: Urgency::Normal,
        department_id: None,
        extension_used: false,
        pending_extension_days: None,
        escalated: false,
        round_issued_on: None,
        due: None,
        limit_kind: None,
        clock_start: None,
    }
}

/// What the store does with a change, for walking the flow in tests.
fn after(mut t: TicketFacts, c: &Change) -> TicketFacts {
    t.state = c.to;
    let u = &c.updates;
    if let Some(dpt) = u.department_id {
        t.department_id = dpt;
    }
    if let Some(clock) = u.clock {
        t.due = clock.map(|c| c.due);
        t.clock_start = clock.map(|c| c.start);
        t.limit_kind = clock.map(|c| c.kind);
    }
    if let Some(r) = u.round_issued_on {
        t.round_issued_on = r;
    }
    if let Some(r) = u.round {
        t.round = r;
    }
    if let Some(e) = u.extension_used {
        t.extension_used = e;
    }
    if let Some(p) = &u.pending_extension {
        t.pending_extension_days = p.as_ref().map(|(d, _)| *d);
    }
    if let Some(e) = u.escalated {
        t.escalated = e;
    }
    t
}

struct Walk {
    t: TicketFacts,
    cal: WorkCalendar,
    rules: Vec<LimitRule>,
    today: NaiveDate,
}

impl Walk {
    fn new(state: State) -> Walk {
        Walk {
            t: facts(state),
            cal: shipped(),
            rules: default_rules(),
            today: d(2026, 11, 2),
        }
    }
    fn ctx(&self) -> FlowCtx<'_> {
        FlowCtx {
            today: self.today,
            cal: &self.cal,
            rules: &self.rules,
        }
    }
    fn go(&mut self, actor: &Actor, mv: Move) -> Change {
        let c = decide(&self.t, actor, &mv, &self.ctx())
            .unwrap_or_else(|p| panic!("{mv:?} refused: {}", p.zh()));
        self.t = after(self.t.clone(), &c);
        c
    }
    fn refused(&self, actor: &Actor, mv: Move) -> Problem {
        decide(&self.t, actor, &mv, &self.ctx()).expect_err("should be refused")
    }
}

fn dispatch(dept: DeptFacts, due: NaiveDate) -> Move {
    Move::Issue {
        leader_id: 1,
        leader_active: true,
        instruction: "请住建局阅处，限期答复。".into(),
        decision: Decision::Dispatch {
            department: dept,
            due,
        },
    }
}

fn evaluate(s: Satisfaction) -> Move {
    Move::Evaluate {
        satisfaction: s,
        note: String::new(),
    }
}

fn report() -> Move {
    Move::Report {
        resolution: Resolution::Resolved,
        result: "已维修完毕".into(),
    }
}

fn feedback() -> Move {
    Move::Feedback {
        by: "灯塔镇群众诉求服务中心".into(),
        method: FeedbackMethod::Phone,
        solved: Resolution::Resolved,
        satisfaction: None,
        note: "已电话告知".into(),
    }
}

/// The expected legality matrix, written out independently of `allowed`.
fn expected(
    state: State,
    kind: MoveKind,
    role: Role,
    own_dept: bool,
    escalated: bool,
    ext_used: bool,
) -> bool {
    use MoveKind as K;
    use State as S;
    if !state.is_open() {
        return false;
    }
    let desk = matches!(role, Role::Clerk | Role::Director);
    let department = role == Role::Department && own_dept;
    match kind {
        K::Draft => desk && matches!(state, S::Registered | S::Drafted),
        K::Submit => desk && state == S::Drafted,
        K::Issue => desk && matches!(state, S::AwaitingIssue | S::Escalated),
        K::RecordMeeting => desk && state == S::AwaitingMeeting,
        K::RecordDeliberation => desk && state == S::AwaitingDeliberation,
        K::Accept => department && state == S::Dispatched,
        K::Progress => department && state == S::Handling,
        K::RequestExtension => department && state == S::Handling && !ext_used,
        K::DecideExtension => role == Role::Director && state == S::ExtensionRequested,
        K::Return => department && matches!(state, S::Dispatched | S::Handling),
        K::Report => department && state == S::Handling,
        K::Feedback => desk && state == S::AwaitingFeedback,
        K::Evaluate => desk && state == S::AwaitingEvaluation,
        K::Escalate => role == Role::Director && state == S::SecondDissatisfied && !escalated,
        K::CloseUnresolved => role == Role::Director && state == S::SecondDissatisfied,
        K::Withdraw | K::Merge => desk,
    }
}

#[test]
fn every_state_kind_and_role_matches_the_matrix() {
    let mut checked = 0;
    for &state in State::ALL {
        for &kind in MoveKind::ALL {
            for &role in Role::ALL {
                for own in [true, false] {
                    for escalated in [false, true] {
                        for ext in [false, true] {
                            let mut t = facts(state);
                            t.department_id = Some(3);
                            t.escalated = escalated;
                            t.extension_used = ext;
                            let actor = match role {
                                Role::Department => dept(if own { 3 } else { 4 }),
                                r => staff(r, None),
                            };
                            // A department user of another department cannot even see the ticket.
                            let want = expected(state, kind, role, own, escalated, ext);
                            let got = allowed(kind, &t, &actor);
                            assert_eq!(
                                got.is_ok(),
                                want,
                                "{state:?} {kind:?} {role:?} own={own} esc={escalated} ext={ext}: {got:?}"
                            );
                            if let Err(p) = got {
                                assert!(!p.zh().is_empty() && !p.en().is_empty());
                            }
                            checked += 1;
                        }
                    }
                }
            }
        }
    }
    assert_eq!(
        checked,
        State::ALL.len() * MoveKind::ALL.len() * Role::ALL.len() * 8
    );
}

#[test]
fn available_lists_only_legal_moves() {
    let t = facts(State::Registered);
    assert_eq!(
        available(&t, &clerk()),
        vec![MoveKind::Draft, MoveKind::Withdraw, MoveKind::Merge]
    );
    assert!(available(&t, &dept(3)).is_empty());
    assert!(available(&facts(State::Closed), &director()).is_empty());
}

#[test]
fn the_whole_flow_two_rounds_escalation_and_unresolved_closure() {
    let mut w = Walk::new(State::Registered);
    let c = w.go(
        &clerk(),
        Move::Draft {
            classification: Classification::Forward,
            opinion: "建议转住建局办理".into(),
        },
    );
    assert_eq!((c.from, c.to), (State::Registered, State::Drafted));
    w.go(&clerk(), Move::Submit);
    assert_eq!(w.t.state, State::AwaitingIssue);
    // The leader's issue, recorded by the desk. Monday 2026-11-02 + 7 working days = 2026-11-11.
    let due = default_due(&w.t, &w.ctx());
    assert_eq!(due, d(2026, 11, 11));
    let c = w.go(&clerk(), dispatch(HOUSING, due));
    assert_eq!(c.to, State::Dispatched);
    assert_eq!(c.updates.decision, Some(Classification::Forward));
    assert_eq!(w.t.department_id, Some(3));
    assert_eq!(w.t.due, Some(due));
    // Only the department may accept; another department may not.
    assert!(w.refused(&clerk(), Move::Accept).zh().contains("承办单位"));
    assert!(w.refused(&dept(4), Move::Accept).zh().contains("无权"));
    w.go(&dept(3), Move::Accept);
    w.go(
        &dept(3),
        Move::Progress {
            note: "已现场查看".into(),
        },
    );
    assert_eq!(w.t.state, State::Handling);
    // Extension: at most 30 days, once, approved by a director.
    assert!(
        w.refused(
            &dept(3),
            Move::RequestExtension {
                days: 31,
                reason: "x".into()
            }
        )
        .zh()
        .contains("30")
    );
    w.go(
        &dept(3),
        Move::RequestExtension {
            days: 10,
            reason: "需协调产权单位".into(),
        },
    );
    assert!(
        w.refused(
            &clerk(),
            Move::DecideExtension {
                approve: true,
                note: String::new()
            }
        )
        .zh()
        .contains("主任")
    );
    let c = w.go(
        &director(),
        Move::DecideExtension {
            approve: true,
            note: "同意".into(),
        },
    );
    // 2026-11-11 + 10 calendar days = 2026-11-21 (Saturday) → Monday 2026-11-23.
    assert_eq!(w.t.due, Some(d(2026, 11, 23)));
    assert!(c.details.contains(&("due", "2026-11-23".into())));
    assert!(
        w.refused(
            &dept(3),
            Move::RequestExtension {
                days: 5,
                reason: "再延".into()
            }
        )
        .zh()
        .contains("一次")
    );
    w.go(&dept(3), report());
    assert_eq!(w.t.state, State::AwaitingFeedback);
    w.go(&clerk(), feedback());
    // Round 1 dissatisfied: back to the same department for round 2, with a new extension allowed.
    let c = w.go(&clerk(), evaluate(Satisfaction::Dissatisfied));
    assert_eq!(c.to, State::Dispatched);
    assert_eq!(
        (w.t.round, w.t.department_id, w.t.extension_used),
        (2, Some(3), false)
    );
    w.go(&dept(3), Move::Accept);
    w.go(&dept(3), report());
    w.go(&clerk(), feedback());
    w.go(&clerk(), evaluate(Satisfaction::Dissatisfied));
    assert_eq!(w.t.state, State::SecondDissatisfied);
    // Escalation to leader supervision: it must go to the supervision office.
    w.go(
        &director(),
        Move::Escalate {
            note: "群众多次不满意，提请领导督办".into(),
        },
    );
    assert_eq!(w.t.state, State::Escalated);
    assert!(
        w.refused(&clerk(), dispatch(HOUSING, d(2026, 11, 30)))
            .zh()
            .contains("督查室")
    );
    let on_site = Move::Issue {
        leader_id: 1,
        leader_active: true,
        instruction: "x".into(),
        decision: Decision::OnSite { answer: "y".into() },
    };
    assert!(w.refused(&clerk(), on_site).zh().contains("督查室"));
    w.go(&clerk(), dispatch(SUPERVISION, d(2026, 11, 30)));
    assert!(w.t.escalated);
    w.go(&dept(9), Move::Accept);
    w.go(&dept(9), report());
    w.go(&clerk(), feedback());
    w.go(&clerk(), evaluate(Satisfaction::Dissatisfied));
    // Already escalated once: only closure as unresolved remains.
    assert!(
        w.refused(
            &director(),
            Move::Escalate {
                note: "再督".into()
            }
        )
        .zh()
        .contains("已经领导督办")
    );
    let c = w.go(
        &director(),
        Move::CloseUnresolved {
            note: "经督办仍未解决，按未解决办结".into(),
        },
    );
    assert_eq!(c.to, State::Closed);
    assert_eq!(c.updates.unresolved_closure, Some(true));
    assert!(available(&w.t, &director()).is_empty());
}

#[test]
fn satisfied_closes_and_basically_satisfied_closes() {
    for s in [Satisfaction::Satisfied, Satisfaction::Basically] {
        let mut w = Walk::new(State::AwaitingEvaluation);
        let c = w.go(&clerk(), evaluate(s));
        assert_eq!(c.to, State::Closed);
        assert_eq!(c.updates.clock, Some(None));
    }
}

#[test]
fn return_goes_back_to_awaiting_issue_without_restarting_the_clock() {
    let mut w = Walk::new(State::AwaitingIssue);
    let due = default_due(&w.t, &w.ctx());
    w.go(&clerk(), dispatch(HOUSING, due));
    let c = w.go(
        &dept(3),
        Move::Return {
            reason: "不属于本单位职责".into(),
        },
    );
    assert_eq!(c.to, State::AwaitingIssue);
    assert_eq!(
        c.department_id,
        Some(3),
        "the return counts against the department"
    );
    assert_eq!(w.t.department_id, None);
    assert!(w.refused(&dept(3), Move::Accept).zh().contains("无权"));
    // Two weeks later the leader re-issues: the default deadline is still the first one.
    w.today = d(2026, 11, 16);
    assert_eq!(default_due(&w.t, &w.ctx()), due);
    // An explicitly later deadline is allowed but the clock still starts at the first 下单.
    w.go(&clerk(), dispatch(SUPERVISION, d(2026, 11, 25)));
    assert_eq!(w.t.clock_start, Some(d(2026, 11, 2)));
}

#[test]
fn leader_decisions_at_issue() {
    let cases: Vec<(Decision, State, Classification)> = vec![
        (
            Decision::OnSite {
                answer: "政策明确，已当场答复".into(),
            },
            State::AwaitingFeedback,
            Classification::OnSite,
        ),
        (
            Decision::Explain {
                explanation: "诉求超出政策，耐心解释".into(),
            },
            State::AwaitingFeedback,
            Classification::Explain,
        ),
        (
            Decision::SpecialMeeting {
                topic: "老旧小区改造资金".into(),
            },
            State::AwaitingMeeting,
            Classification::SpecialMeeting,
        ),
        (
            Decision::Deliberation {
                note: String::new(),
            },
            State::AwaitingDeliberation,
            Classification::Deliberation,
        ),
        (
            Decision::NotAccept {
                lawful_channel: "向人民法院起诉".into(),
                reason: "属民事诉讼范围".into(),
            },
            State::NotAccepted,
            Classification::NotAccepted,
        ),
    ];
    for (decision, to, class) in cases {
        let mut w = Walk::new(State::AwaitingIssue);
        let c = w.go(
            &clerk(),
            Move::Issue {
                leader_id: 2,
                leader_active: true,
                instruction: "阅".into(),
                decision,
            },
        );
        assert_eq!(c.to, to);
        assert_eq!(c.updates.decision, Some(class));
    }
}

#[test]
fn not_accepted_needs_the_lawful_channel() {
    let w = Walk::new(State::AwaitingIssue);
    let p = w.refused(
        &clerk(),
        Move::Issue {
            leader_id: 2,
            leader_active: true,
            instruction: "阅".into(),
            decision: Decision::NotAccept {
                lawful_channel: " ".into(),
                reason: "x".into(),
            },
        },
    );
    assert!(p.zh().contains("法定途径"), "{}", p.zh());
}

#[test]
fn meeting_and_deliberation_outcomes() {
    let mut w = Walk::new(State::AwaitingMeeting);
    w.go(
        &clerk(),
        Move::RecordMeeting {
            decision: "区政府专题会议决定由住建局牵头".into(),
        },
    );
    assert_eq!(w.t.state, State::AwaitingIssue);
    let mut w = Walk::new(State::AwaitingDeliberation);
    w.go(
        &clerk(),
        Move::RecordDeliberation {
            outcome: "双方达成调解协议".into(),
            to_sign: true,
        },
    );
    assert_eq!(w.t.state, State::AwaitingFeedback);
    let mut w = Walk::new(State::AwaitingDeliberation);
    w.go(
        &clerk(),
        Move::RecordDeliberation {
            outcome: "未达成一致，交职能部门".into(),
            to_sign: false,
        },
    );
    assert_eq!(w.t.state, State::AwaitingIssue);
}

#[test]
fn round_one_dissatisfied_without_department_goes_back_to_the_leader() {
    let mut w = Walk::new(State::AwaitingIssue);
    w.go(
        &clerk(),
        Move::Issue {
            leader_id: 1,
            leader_active: true,
            instruction: "阅".into(),
            decision: Decision::OnSite { answer: "a".into() },
        },
    );
    w.go(&clerk(), feedback());
    let c = w.go(&clerk(), evaluate(Satisfaction::Dissatisfied));
    assert_eq!(c.to, State::AwaitingIssue);
    assert_eq!(w.t.round, 2);
}

#[test]
fn withdraw_and_merge_from_every_open_state() {
    for &s in State::ALL.iter().filter(|s| s.is_open()) {
        let mut w = Walk::new(s);
        w.t.department_id = Some(3);
        let c = w.go(
            &clerk(),
            Move::Withdraw {
                reason: "群众申请撤回".into(),
            },
        );
        assert_eq!(c.to, State::Withdrawn);
        let mut w = Walk::new(s);
        let target = MergeTarget {
            id: 7,
            number: "2026-000007".into(),
            state: State::Handling,
            center_id: 1,
            department_id: None,
        };
        let c = w.go(
            &clerk(),
            Move::Merge {
                into: target,
                note: String::new(),
            },
        );
        assert_eq!(c.to, State::Merged);
        assert_eq!(c.updates.merged_into, Some(7));
    }
}

#[test]
fn merge_refuses_itself_and_closed_targets() {
    let w = Walk::new(State::Registered);
    let mut target = MergeTarget {
        id: 100,
        number: "2026-000100".into(),
        state: State::Handling,
        center_id: 1,
        department_id: None,
    };
    assert!(
        w.refused(
            &clerk(),
            Move::Merge {
                into: target.clone(),
                note: String::new()
            }
        )
        .zh()
        .contains("自己")
    );
    target.id = 5;
    target.state = State::Closed;
    assert!(
        w.refused(
            &clerk(),
            Move::Merge {
                into: target,
                note: String::new()
            }
        )
        .zh()
        .contains("只能标为重复件")
    );
    assert!(check_merge_target("2026-000100", State::Handling).is_ok());
    assert!(check_merge_target("2026-000100", State::Withdrawn).is_err());
}

#[test]
fn deadlines_must_be_working_days_not_in_the_past() {
    let w = Walk::new(State::AwaitingIssue);
    assert!(
        w.refused(&clerk(), dispatch(HOUSING, d(2026, 10, 30)))
            .zh()
            .contains("早于今天")
    );
    // 2026-11-07 is a Saturday.
    assert!(
        w.refused(&clerk(), dispatch(HOUSING, d(2026, 11, 7)))
            .zh()
            .contains("2026-11-09")
    );
    let inactive = DeptFacts {
        active: false,
        ..HOUSING
    };
    assert!(
        w.refused(&clerk(), dispatch(inactive, d(2026, 11, 9)))
            .zh()
            .contains("停用")
    );
}

#[test]
fn rejected_extension_keeps_the_deadline() {
    let mut w = Walk::new(State::AwaitingIssue);
    w.go(&clerk(), dispatch(HOUSING, d(2026, 11, 11)));
    w.go(&dept(3), Move::Accept);
    w.go(
        &dept(3),
        Move::RequestExtension {
            days: 5,
            reason: "等待材料".into(),
        },
    );
    w.go(
        &director(),
        Move::DecideExtension {
            approve: false,
            note: "不同意，按期办结".into(),
        },
    );
    assert_eq!(w.t.state, State::Handling);
    assert_eq!(w.t.due, Some(d(2026, 11, 11)));
    assert!(w.t.extension_used);
}

#[test]
fn over_long_text_is_refused_with_what_to_fix() {
    let w = Walk::new(State::Registered);
    let p = w.refused(
        &clerk(),
        Move::Draft {
            classification: Classification::Forward,
            opinion: "长".repeat(2001),
        },
    );
    assert!(
        p.zh().starts_with("拟办意见") && p.zh().contains("删减 1 字"),
        "{}",
        p.zh()
    );
}

/// 回访 and 评价 in one call: the petitioner's own view of whether it was solved is recorded
/// beside the department's claim, and the evaluation decides the next state in the same event;
/// a second round's deadline is in the event.
#[test]
fn feedback_with_an_evaluation_is_one_event() {
    let mut w = Walk::new(State::AwaitingFeedback);
    w.t.department_id = Some(3);
    let c = w.go(
        &clerk(),
        Move::Feedback {
            by: "灯塔镇群众诉求服务中心".into(),
            method: FeedbackMethod::Phone,
            solved: Resolution::Unresolved,
            satisfaction: Some(Satisfaction::Dissatisfied),
            note: String::new(),
        },
    );
    assert_eq!((c.to, w.t.round), (State::Dispatched, 2));
    let detail = |k: &str| {
        c.details
            .iter()
            .find(|(n, _)| *n == k)
            .map(|(_, v)| v.clone())
    };
    assert_eq!(detail("solved").as_deref(), Some("unresolved"));
    assert_eq!(detail("satisfaction").as_deref(), Some("dissatisfied"));
    assert_eq!(detail("round").as_deref(), Some("1"));
    assert_eq!(detail("due"), w.t.due.map(|d| d.to_string()));
    assert!(detail("due").is_some());
    assert!(could_move(
        MoveKind::Feedback,
        State::AwaitingFeedback,
        State::Dispatched
    ));
    // Satisfied in the same call closes; an answer left for later waits for 评价.
    let mut w = Walk::new(State::AwaitingFeedback);
    let closed = w.go(
        &clerk(),
        Move::Feedback {
            by: "x".into(),
            method: FeedbackMethod::Sms,
            solved: Resolution::Resolved,
            satisfaction: Some(Satisfaction::Satisfied),
            note: String::new(),
        },
    );
    assert_eq!(closed.to, State::Closed);
    let mut w = Walk::new(State::AwaitingFeedback);
    assert_eq!(w.go(&clerk(), feedback()).to, State::AwaitingEvaluation);
}

#[test]
fn a_deadline_beyond_the_catalogue_or_in_a_year_without_data_is_doubted_and_the_default_is_not() {
    let w = Walk::new(State::AwaitingIssue);
    let ctx = w.ctx();
    let offered = default_due(&w.t, &ctx);
    assert!(due_doubts(&w.t, &ctx, offered).is_empty());
    let later = due_doubts(&w.t, &ctx, offered + chrono::Duration::days(30));
    assert_eq!(later.len(), 1);
    assert!(later[0].zh().contains("晚 30 天"), "{}", later[0].zh());
    // A year the shipped calendar has no data for (working days counted Monday to Friday).
    let year = (2030..2100).find(|y| !w.cal.has_data(*y)).unwrap();
    let far = d(year, 3, 2);
    let doubts = due_doubts(&w.t, &ctx, far);
    assert_eq!(doubts.len(), 2);
    assert!(
        doubts[1]
            .zh()
            .contains(&format!("{year} 年还没有官方节假日安排"))
    );
}
