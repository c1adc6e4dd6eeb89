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
use crate::text::T;
use chrono::NaiveDate;

pub(crate) fn decision_opts(lang: Lang, escalated: bool) -> Vec<Opt> {
    let labels = [
        T::DispatchToADepartment.text(lang),
        T::AnsweredOnSite.text(lang),
        T::Explanation.text(lang),
        T::SpecialMeeting.text(lang),
        T::ResidentDeliberation.text(lang),
        T::NotAcceptedLawfulChannel.text(lang),
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
    let note = |key: F, label: T| Field::multiline(key, &label.text(lang), "").required();
    let fields: Vec<Field> = match kind {
        MoveKind::Draft => vec![
            Field::choice(
                F::Classification,
                &T::Classification.text(lang),
                vocab_opts(Classification::ALL, |c| c.label(lang)),
                rec.proposed
                    .and_then(|c| idx_of(Classification::ALL, c))
                    .or(Some(Val::Nth(1))),
            )
            .required(),
            Field::multiline(
                F::Opinion,
                &T::ProposedOpinion.text(lang),
                rec.opinion.as_deref().unwrap_or(""),
            )
            .required(),
        ],
        MoveKind::Issue => issue_fields(lang, refs, rec, default_due),
        MoveKind::RecordMeeting => vec![note(F::Decision, T::MeetingDecision)],
        MoveKind::RecordDeliberation => vec![
            Field::choice(
                F::Next,
                &T::Outcome.text(lang),
                vec![
                    Opt::new(T::AgreementThenSignOff.text(lang), Val::Nth(0)),
                    Opt::new(T::NoAgreementBackToIssue.text(lang), Val::Nth(1)),
                ],
                Some(Val::Nth(0)),
            ),
            note(F::Outcome, T::AgreedOutcome),
        ],
        MoveKind::Progress => vec![note(F::Note, T::Progress)],
        MoveKind::RequestExtension => vec![
            Field::text(F::Days, &T::ExtensionDays.text(lang), "").required(),
            note(F::Reason, T::ReasonToldToThePetitioner),
        ],
        MoveKind::DecideExtension => vec![
            Field::choice(
                F::Approve,
                &T::Decision.text(lang),
                vec![
                    Opt::new(T::Approve.text(lang), Val::Nth(1)),
                    Opt::new(T::Refuse.text(lang), Val::Nth(0)),
                ],
                Some(Val::Nth(1)),
            )
            .hint(format!(
                "{} {} {}{colon}{}",
                T::Requested.text(lang),
                rec.pending_ext_days.unwrap_or(0),
                T::Days.text(lang),
                crate::domain::text::for_terminal(rec.pending_ext_reason.as_deref().unwrap_or("")),
                colon = lang.colon()
            )),
            Field::multiline(F::Note, &T::Note.text(lang), ""),
        ],
        MoveKind::Return => vec![note(F::Reason, T::ReasonForReturning)],
        MoveKind::Report => vec![
            Field::choice(
                F::Resolution,
                &T::Resolution.text(lang),
                vocab_opts(Resolution::ALL, |r| r.label(lang)),
                Some(Val::Nth(0)),
            ),
            note(F::Result, T::WhatWasDone),
        ],
        MoveKind::Feedback => feedback_fields(lang, refs, rec),
        MoveKind::Evaluate => vec![
            satisfaction_field(lang, rec, false),
            Field::multiline(F::Note, &T::Comments.text(lang), ""),
        ],
        MoveKind::Escalate => vec![note(F::Note, T::EscalationReason)],
        MoveKind::CloseUnresolved => vec![note(F::Note, T::ExplanationFlaggedUnresolved)],
        MoveKind::Withdraw => vec![note(F::Reason, T::WithdrawalReason)],
        MoveKind::Merge => vec![
            Field::text(F::Into, &T::MergeIntoNumber.text(lang), "")
                .required()
                .hint(T::MergeTargetHint.text(lang)),
            Field::multiline(F::Note, &T::MergeNote.text(lang), ""),
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

/// How satisfied the petitioner is, with no answer chosen for them; in the 回访 they may also
/// answer later (`later`: a last option, 待评价).
fn satisfaction_field(lang: Lang, rec: &TicketRecord, later: bool) -> Field {
    let mut opts = vocab_opts(Satisfaction::ALL, |s| s.label(lang));
    if later {
        opts.push(Opt::new(T::AnswersLater.text(lang), Val::Nth(LATER)));
    }
    Field::choice(F::Satisfaction, &T::Evaluation.text(lang), opts, None)
        .required()
        .hint(if rec.round < 2 {
            T::DissatisfiedStartsASecondRound.text(lang)
        } else {
            T::DissatisfiedAgainADirectorDecidesEscalation.text(lang)
        })
}

/// The 回访's "answers later" option.
const LATER: usize = 99;

/// The fields of the feedback visit (回访): how, whom, whether the matter was solved in the
/// petitioner's view (beside what the department reported) and how satisfied they are.
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
                    T::Paren.fill(lang, &[&p.name, &p.kind.label(lang)]),
                    Val::Place(p.id),
                )
            }),
    );
    vec![
        Field::choice(
            F::By,
            &T::FeedbackBy.text(lang),
            by,
            Some(Val::Id(rec.center_id)),
        ),
        Field::choice(
            F::Method,
            &T::Method.text(lang),
            vocab_opts(FeedbackMethod::ALL, |m| m.label(lang)),
            Some(Val::Nth(0)),
        ),
        Field::choice(
            F::Solved,
            &T::SolvedInThePetitionersView.text(lang),
            vocab_opts(Resolution::ALL, |r| r.label(lang)),
            None,
        )
        .required()
        .hint(
            T::DepartmentReported.fill(
                lang,
                &[&rec
                    .resolution
                    .map(|r| r.label(lang).to_string())
                    .unwrap_or_else(|| "—".into())],
            ),
        ),
        satisfaction_field(lang, rec, true),
        Field::multiline(F::Note, &T::Notes.text(lang), ""),
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
            &T::Leader.text(lang),
            refs.leaders
                .iter()
                .filter(|x| x.active)
                .map(|x| Opt::new(T::Paren.fill(lang, &[&x.name, &x.position]), Val::Id(x.id)))
                .collect(),
            (rec.first_leader_id.or(rec.leader_id)).map(Val::Id),
        )
        .required(),
        Field::choice(
            F::Decision,
            &T::HandlingDecision.text(lang),
            decision_opts(lang, escalated),
            Some(if escalated {
                Val::Nth(0)
            } else {
                Val::Nth(decision_for(rec.proposed))
            }),
        ),
        Field::choice(
            F::Department,
            &T::HandlingDepartment.text(lang),
            refs.departments
                .iter()
                .filter(|d| d.active)
                .map(|d| {
                    Opt::new(
                        if d.supervision {
                            T::SupervisedDepartment.fill(lang, &[&d.name])
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
        Field::text(F::Due, &T::Deadline.text(lang), &default_due.to_string())
            .show_if(F::Decision, vec![Val::Nth(0)])
            .hint(T::DefaultFromTheCatalogueCountedFrom.text(lang)),
        Field::multiline(F::Instruction, &T::Instruction.text(lang), "").required(),
        Field::multiline(F::Answer, &T::AnswerExplanation.text(lang), "")
            .show_if(F::Decision, vec![Val::Nth(1), Val::Nth(2)]),
        Field::multiline(F::Topic, &T::MeetingTopic.text(lang), "")
            .show_if(F::Decision, vec![Val::Nth(3)]),
        Field::multiline(F::Plan, &T::DeliberationPlan.text(lang), "")
            .show_if(F::Decision, vec![Val::Nth(4)]),
        Field::text(F::LawfulChannel, &T::LawfulChannel.text(lang), "")
            .show_if(F::Decision, vec![Val::Nth(5)])
            .hint(T::EGSueInCourtLabour.text(lang)),
        Field::multiline(F::Reason, &T::Reason.text(lang), "")
            .show_if(F::Decision, vec![Val::Nth(5)]),
    ]
}

pub(crate) fn required_text(lang: Lang, f: &mut Form, key: F) -> String {
    let v = f.text(key);
    if v.trim().is_empty() {
        let label = f.field(key).map(|x| x.label.clone()).unwrap_or_default();
        f.errors.insert(key, T::IsRequired.fill(lang, &[&label]));
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
                    f.errors.insert(F::Days, T::WholeNumberFromOne.text(lang));
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
        MoveKind::Feedback => {
            let solved = answer(lang, f, F::Solved, Resolution::ALL);
            let later = f.nth(F::Satisfaction) == Some(LATER);
            let satisfaction = if later {
                None
            } else {
                answer(lang, f, F::Satisfaction, Satisfaction::ALL)
            };
            Move::Feedback {
                by: f.field(F::By).map(|x| x.value_text()).unwrap_or_default(),
                method: pick_vocab(FeedbackMethod::ALL, f.nth(F::Method))
                    .unwrap_or(FeedbackMethod::Phone),
                solved: solved.unwrap_or(Resolution::Unresolved),
                satisfaction,
                note: f.text(F::Note),
            }
        }
        MoveKind::Evaluate => Move::Evaluate {
            satisfaction: answer(lang, f, F::Satisfaction, Satisfaction::ALL)
                .unwrap_or(Satisfaction::Dissatisfied),
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
                f.errors.insert(F::Into, T::EnterATicketNumber.text(lang));
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

/// The petitioner's answer in a closed list: nothing is chosen for them, so an unanswered
/// question is the field's error (the fallback value is never submitted).
fn answer<V: Copy>(lang: Lang, f: &mut Form, key: F, all: &[V]) -> Option<V> {
    let v = pick_vocab(all, f.nth(key));
    if v.is_none() {
        f.errors
            .insert(key, T::ChooseThePetitionersAnswer.text(lang));
    }
    v
}

/// The issue move's fields: the leader, the instruction, and what the leader decided.
fn issue_move(lang: Lang, refs: &Refs, f: &mut Form) -> Result<Move, Invalid> {
    let leader_id = f.id(F::Leader).unwrap_or(0);
    if leader_id == 0 {
        f.errors.insert(F::Leader, T::ChooseTheLeader.text(lang));
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
                    f.errors
                        .insert(F::Department, T::ChooseTheDepartment.text(lang));
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
