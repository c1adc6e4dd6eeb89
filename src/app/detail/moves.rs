//! The forms of the flow's moves: which fields each move asks for, and how the filled-in
//! form becomes a `Move` (the rules are the domain's).

use crate::app::choices::{Invalid, err, idx_of, pick_vocab, vocab_opts};
use crate::app::form::{Field, FieldId as F, Form, Opt, Val};
use crate::app::intake::DECISIONS;
use crate::app::{FormKind, OpenForm};
use crate::domain::calendar::parse_date;
use crate::domain::flow::{Decision, DeptFacts, MergeTarget, Move, MoveKind};
use crate::domain::limits::LimitRule;
use crate::domain::vocab::{
    Classification, FeedbackMethod, PlaceKind, Resolution, Satisfaction, State,
};
use crate::domain::{Lang, parse_ticket_number};
use crate::records::org::Refs;
use crate::records::tickets::TicketRecord;
use crate::words::l;
use chrono::NaiveDate;

pub(crate) fn decision_opts(lang: Lang, escalated: bool) -> Vec<Opt> {
    let labels = [
        l(
            lang,
            "转办 / 督办（交承办单位）",
            "Dispatch to a department",
        ),
        l(lang, "现场答复", "Answered on site"),
        l(lang, "解释说明", "Explanation"),
        l(lang, "提请专题会议", "Special meeting"),
        l(lang, "民事民议", "Resident deliberation"),
        l(
            lang,
            "不予受理（告知法定途径）",
            "Not accepted (lawful channel)",
        ),
    ];
    labels
        .into_iter()
        .enumerate()
        .take(if escalated { 1 } else { 6 })
        .map(|(i, s)| Opt::new(s, Val::Nth(i)))
        .collect()
}

pub(crate) fn decision_for(c: Option<Classification>) -> usize {
    match c {
        Some(Classification::OnSite) => 1,
        Some(Classification::Explain) => 2,
        Some(Classification::SpecialMeeting) => 3,
        Some(Classification::Deliberation) => 4,
        Some(Classification::NotAccepted) => 5,
        _ => 0,
    }
}

/// The form for one move on a ticket.
pub fn move_form(
    lang: Lang,
    refs: &Refs,
    kind: MoveKind,
    rec: &TicketRecord,
    default_due: NaiveDate,
) -> OpenForm {
    let title = format!(
        "{} · {} · {}",
        rec.number(),
        kind.label(lang),
        crate::domain::text::for_terminal(&rec.summary)
    );
    let note = |key: F, zh: &str, en: &str| Field::multiline(key, &l(lang, zh, en), "").required();
    let fields: Vec<Field> = match kind {
        MoveKind::Draft => vec![
            Field::choice(
                F::Classification,
                &l(lang, "拟办分类", "Classification"),
                vocab_opts(Classification::ALL, |c| c.label(lang)),
                rec.proposed
                    .and_then(|c| idx_of(Classification::ALL, c))
                    .or(Some(Val::Nth(1))),
            )
            .required(),
            Field::multiline(
                F::Opinion,
                &l(lang, "拟办意见", "Proposed opinion"),
                rec.opinion.as_deref().unwrap_or(""),
            )
            .required(),
        ],
        MoveKind::Issue => issue_fields(lang, refs, rec, default_due),
        MoveKind::RecordMeeting => vec![note(F::Decision, "会议决定", "Meeting decision")],
        MoveKind::RecordDeliberation => vec![
            Field::choice(
                F::Next,
                &l(lang, "结果", "Outcome"),
                vec![
                    Opt::new(
                        l(lang, "达成一致，转签单", "Agreement: to sign-off"),
                        Val::Nth(0),
                    ),
                    Opt::new(
                        l(lang, "未达成一致，回到下单", "No agreement: back to issue"),
                        Val::Nth(1),
                    ),
                ],
                Some(Val::Nth(0)),
            ),
            note(F::Outcome, "议定结果", "Outcome"),
        ],
        MoveKind::Progress => vec![note(F::Note, "进展情况", "Progress")],
        MoveKind::RequestExtension => vec![
            Field::text(
                F::Days,
                &l(
                    lang,
                    "延期天数（自然日，最多 30）",
                    "Days (calendar, at most 30)",
                ),
                "",
            )
            .required(),
            note(
                F::Reason,
                "延期理由（将告知诉求人）",
                "Reason (told to the petitioner)",
            ),
        ],
        MoveKind::DecideExtension => vec![
            Field::choice(
                F::Approve,
                &l(lang, "审批", "Decision"),
                vec![
                    Opt::new(l(lang, "同意", "Approve"), Val::Nth(1)),
                    Opt::new(l(lang, "不同意", "Refuse"), Val::Nth(0)),
                ],
                Some(Val::Nth(1)),
            )
            .hint(format!(
                "{} {} {}：{}",
                l(lang, "申请延期", "requested"),
                rec.pending_ext_days.unwrap_or(0),
                l(lang, "天", "days"),
                crate::domain::text::for_terminal(rec.pending_ext_reason.as_deref().unwrap_or(""))
            )),
            Field::multiline(F::Note, &l(lang, "审批意见", "Note"), ""),
        ],
        MoveKind::Return => vec![note(F::Reason, "退单理由", "Reason for returning")],
        MoveKind::Report => vec![
            Field::choice(
                F::Resolution,
                &l(lang, "办理结果", "Resolution"),
                vocab_opts(Resolution::ALL, |r| r.label(lang)),
                Some(Val::Nth(0)),
            ),
            note(F::Result, "结果说明", "What was done"),
        ],
        MoveKind::Feedback => feedback_fields(lang, refs, rec),
        MoveKind::Evaluate => vec![
            Field::choice(
                F::Satisfaction,
                &l(lang, "群众评价", "Evaluation"),
                vocab_opts(Satisfaction::ALL, |s| s.label(lang)),
                Some(Val::Nth(0)),
            )
            .hint(if rec.round < 2 {
                l(
                    lang,
                    "不满意将进入二次办理",
                    "dissatisfied starts a second round",
                )
            } else {
                l(
                    lang,
                    "二次办理后仍不满意，将由主任决定领导督办或按未解决办结",
                    "dissatisfied again: a director decides escalation or closure",
                )
            }),
            Field::multiline(F::Note, &l(lang, "评价意见", "Comments"), ""),
        ],
        MoveKind::Escalate => vec![note(F::Note, "督办事由", "Reason")],
        MoveKind::CloseUnresolved => vec![note(
            F::Note,
            "办结说明（将标记为未解决）",
            "Explanation (flagged unresolved)",
        )],
        MoveKind::Withdraw => vec![note(F::Reason, "撤回原因", "Reason")],
        MoveKind::Merge => vec![
            Field::text(
                F::Into,
                &l(lang, "合并到（编号）", "Merge into (number)"),
                "",
            )
            .required()
            .hint(l(
                lang,
                "如 2026-000123；只能合并到在办件",
                "e.g. 2026-000123; must be open",
            )),
            Field::multiline(F::Note, &l(lang, "合并说明", "Note"), ""),
        ],
        MoveKind::Submit | MoveKind::Accept => vec![],
    };
    OpenForm::new(
        FormKind::Move {
            kind,
            id: rec.id,
            version: rec.version,
        },
        Form::new(title, fields),
    )
}

/// The fields of the feedback visit (回访): how, whom, what was said.
fn feedback_fields(lang: Lang, refs: &Refs, rec: &TicketRecord) -> Vec<Field> {
    let mut by: Vec<Opt> = refs
        .centers
        .iter()
        .filter(|c| c.active)
        .map(|c| Opt::new(&c.name, Val::Id(c.id)))
        .collect();
    by.extend(
        refs.places
            .iter()
            .filter(|p| p.active && p.kind != PlaceKind::Village)
            .map(|p| {
                Opt::new(
                    format!("{}（{}）", p.name, p.kind.label(lang)),
                    Val::Place(p.id),
                )
            }),
    );
    vec![
        Field::choice(
            F::By,
            &l(lang, "回访单位", "Feedback by"),
            by,
            Some(Val::Id(rec.center_id)),
        ),
        Field::choice(
            F::Method,
            &l(lang, "回访方式", "Method"),
            vocab_opts(FeedbackMethod::ALL, |m| m.label(lang)),
            Some(Val::Nth(0)),
        ),
        Field::multiline(F::Note, &l(lang, "回访情况", "Notes"), ""),
    ]
}

/// The fields of issuing a ticket (下单): the leader, the instruction, the decision and its department and due date.
fn issue_fields(lang: Lang, refs: &Refs, rec: &TicketRecord, default_due: NaiveDate) -> Vec<Field> {
    let escalated = rec.state == State::Escalated;
    let supervision = refs.supervision_department().map(|d| d.id);
    let dept_default = if escalated || rec.proposed == Some(Classification::Supervise) {
        supervision
    } else {
        rec.department_id
    };
    vec![
        Field::choice(
            F::Leader,
            &l(lang, "下单领导", "Leader"),
            refs.leaders
                .iter()
                .filter(|x| x.active)
                .map(|x| Opt::new(format!("{}（{}）", x.name, x.position), Val::Id(x.id)))
                .collect(),
            (rec.first_leader_id.or(rec.leader_id)).map(Val::Id),
        )
        .required(),
        Field::choice(
            F::Decision,
            &l(lang, "处理方式", "Decision"),
            decision_opts(lang, escalated),
            Some(if escalated {
                Val::Nth(0)
            } else {
                Val::Nth(decision_for(rec.proposed))
            }),
        ),
        Field::choice(
            F::Department,
            &l(lang, "承办单位", "Department"),
            refs.departments
                .iter()
                .filter(|d| d.active)
                .map(|d| {
                    Opt::new(
                        if d.supervision {
                            format!("{}（督办）", d.name)
                        } else {
                            d.name.clone()
                        },
                        Val::Id(d.id),
                    )
                })
                .collect(),
            (dept_default).map(Val::Id),
        )
        .show_if(F::Decision, vec![Val::Nth(0)]),
        Field::text(
            F::Due,
            &l(lang, "办理期限", "Deadline"),
            &default_due.to_string(),
        )
        .show_if(F::Decision, vec![Val::Nth(0)])
        .hint(l(
            lang,
            "默认按时限目录从首次下单起算；2026-12-01 或 2026年12月1日",
            "default from the catalogue, counted from the first issue",
        )),
        Field::multiline(F::Instruction, &l(lang, "领导批示", "Instruction"), "").required(),
        Field::multiline(
            F::Answer,
            &l(lang, "答复 / 解释内容", "Answer / explanation"),
            "",
        )
        .show_if(F::Decision, vec![Val::Nth(1), Val::Nth(2)]),
        Field::multiline(F::Topic, &l(lang, "会议议题", "Meeting topic"), "")
            .show_if(F::Decision, vec![Val::Nth(3)]),
        Field::multiline(F::Plan, &l(lang, "民事民议安排", "Deliberation plan"), "")
            .show_if(F::Decision, vec![Val::Nth(4)]),
        Field::text(F::LawfulChannel, &l(lang, "法定途径", "Lawful channel"), "")
            .show_if(F::Decision, vec![Val::Nth(5)])
            .hint(l(
                lang,
                "如：向人民法院起诉、申请劳动仲裁",
                "e.g. sue in court, labour arbitration",
            )),
        Field::multiline(F::Reason, &l(lang, "不予受理理由", "Reason"), "")
            .show_if(F::Decision, vec![Val::Nth(5)]),
    ]
}

pub(crate) fn required_text(lang: Lang, f: &mut Form, key: F) -> String {
    let v = f.text(key);
    if v.trim().is_empty() {
        let label = f.field(key).map(|x| x.label.clone()).unwrap_or_default();
        f.errors.insert(
            key,
            l(
                lang,
                &format!("请填写{label}"),
                &format!("{label} is required"),
            ),
        );
    }
    v
}

/// Builds the move from the form. Texts are validated by the domain when the move is decided;
/// here only what the domain cannot see (dates and numbers as typed) is parsed.
pub fn submit_move(
    lang: Lang,
    refs: &Refs,
    f: &mut Form,
    kind: MoveKind,
    _rules: &[LimitRule],
) -> Result<Move, Invalid> {
    f.errors.clear();
    f.message = None;
    let mv = match kind {
        MoveKind::Draft => Move::Draft {
            classification: pick_vocab(Classification::ALL, f.nth(F::Classification))
                .unwrap_or(Classification::Forward),
            opinion: required_text(lang, f, F::Opinion),
        },
        MoveKind::Issue => issue_move(lang, refs, f)?,
        MoveKind::RecordMeeting => Move::RecordMeeting {
            decision: required_text(lang, f, F::Decision),
        },
        MoveKind::RecordDeliberation => Move::RecordDeliberation {
            outcome: required_text(lang, f, F::Outcome),
            to_sign: f.choice(F::Next) == Some(Val::Nth(0)),
        },
        MoveKind::Progress => Move::Progress {
            note: required_text(lang, f, F::Note),
        },
        MoveKind::RequestExtension => {
            let days = match f.text(F::Days).trim().parse::<u32>() {
                Ok(d) => d,
                Err(_) => {
                    f.errors.insert(
                        F::Days,
                        l(
                            lang,
                            "请填写 1 到 30 之间的整数",
                            "a whole number from 1 to 30",
                        ),
                    );
                    0
                }
            };
            Move::RequestExtension {
                days,
                reason: required_text(lang, f, F::Reason),
            }
        }
        MoveKind::DecideExtension => Move::DecideExtension {
            approve: f.choice(F::Approve) == Some(Val::Nth(1)),
            note: f.text(F::Note),
        },
        MoveKind::Return => Move::Return {
            reason: required_text(lang, f, F::Reason),
        },
        MoveKind::Report => Move::Report {
            resolution: pick_vocab(Resolution::ALL, f.nth(F::Resolution))
                .unwrap_or(Resolution::Resolved),
            result: required_text(lang, f, F::Result),
        },
        MoveKind::Feedback => Move::Feedback {
            by: f.field(F::By).map(|x| x.value_text()).unwrap_or_default(),
            method: pick_vocab(FeedbackMethod::ALL, f.nth(F::Method))
                .unwrap_or(FeedbackMethod::Phone),
            note: f.text(F::Note),
        },
        MoveKind::Evaluate => Move::Evaluate {
            satisfaction: pick_vocab(Satisfaction::ALL, f.nth(F::Satisfaction))
                .unwrap_or(Satisfaction::Satisfied),
            note: f.text(F::Note),
        },
        MoveKind::Escalate => Move::Escalate {
            note: required_text(lang, f, F::Note),
        },
        MoveKind::CloseUnresolved => Move::CloseUnresolved {
            note: required_text(lang, f, F::Note),
        },
        MoveKind::Withdraw => Move::Withdraw {
            reason: required_text(lang, f, F::Reason),
        },
        MoveKind::Merge => {
            let number = f.text(F::Into);
            if parse_ticket_number(&number).is_none() {
                f.errors.insert(
                    F::Into,
                    l(
                        lang,
                        "请填写编号，如 2026-000123",
                        "a ticket number like 2026-000123",
                    ),
                );
            }
            Move::Merge {
                into: MergeTarget {
                    id: 0,
                    number: number.trim().to_string(),
                    state: State::Registered,
                    center_id: 0,
                    department_id: None,
                },
                note: f.text(F::Note),
            }
        }
        MoveKind::Submit => Move::Submit,
        MoveKind::Accept => Move::Accept,
    };
    if !f.errors.is_empty() {
        let errors = std::mem::take(&mut f.errors);
        f.set_errors(errors);
        return Err(Invalid);
    }
    Ok(mv)
}

/// The issue move's fields: the leader, the instruction, and what the leader decided.
fn issue_move(lang: Lang, refs: &Refs, f: &mut Form) -> Result<Move, Invalid> {
    let leader_id = f.id(F::Leader).unwrap_or(0);
    if leader_id == 0 {
        f.errors
            .insert(F::Leader, l(lang, "请选择下单领导", "choose the leader"));
    }
    let instruction = required_text(lang, f, F::Instruction);
    let decision = match DECISIONS
        .get(f.nth(F::Decision).unwrap_or(0))
        .copied()
        .unwrap_or("dispatch")
    {
        "dispatch" => {
            let dept = f.id(F::Department).and_then(|d| refs.department(d));
            let due = parse_date(&f.text(F::Due));
            match (dept, due) {
                (Some(d), Ok(due)) => Some(Decision::Dispatch {
                    department: DeptFacts {
                        id: d.id,
                        supervision: d.supervision,
                        active: d.active,
                    },
                    due,
                }),
                (None, _) => {
                    f.errors.insert(
                        F::Department,
                        l(lang, "请选择承办单位", "choose the department"),
                    );
                    None
                }
                (_, Err(p)) => {
                    err(f, F::Due, p, lang);
                    None
                }
            }
        }
        "on_site" => Some(Decision::OnSite {
            answer: required_text(lang, f, F::Answer),
        }),
        "explain" => Some(Decision::Explain {
            explanation: required_text(lang, f, F::Answer),
        }),
        "meeting" => Some(Decision::SpecialMeeting {
            topic: required_text(lang, f, F::Topic),
        }),
        "deliberation" => Some(Decision::Deliberation {
            note: f.text(F::Plan),
        }),
        _ => Some(Decision::NotAccept {
            lawful_channel: required_text(lang, f, F::LawfulChannel),
            reason: required_text(lang, f, F::Reason),
        }),
    };
    let leader_active = refs.leader(leader_id).is_some_and(|x| x.active);
    match decision {
        Some(decision) => Ok(Move::Issue {
            leader_id,
            leader_active,
            instruction,
            decision,
        }),
        None => Err(Invalid),
    }
}
