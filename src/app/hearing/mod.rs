//! The hearing (评理大会): attendance, the phases' notes, the questions, the panel's votes
//! and corrections, the close. Shown in place of the ticket.

use super::delib::DelibView;
use crate::keymap::HearingCmd;
use crate::text::T;
use chrono::NaiveDate;

use super::form::{Field, FieldId as F, Form, Opt, Val};
use super::{App, Effect, FormKind, MsgKind, OpenForm, PickTarget, Picker, Popup};
use crate::domain::hearing::{PHASES, Question, TieRule, default_question};
use crate::records::draws::DrawRecord;
use crate::records::hearings::HearingRecord;

mod run;
mod submit;

/// What a step of a hearing does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HearingStep {
    Absent(i64),
    Open,
    Note {
        phase: String,
        party: String,
        note: String,
    },
    Questions(Vec<Question>, TieRule),
    Vote {
        question: usize,
        rep: i64,
        choice: Option<usize>,
        reason: String,
    },
    Correct {
        question: usize,
        rep: i64,
        choice: Option<usize>,
        reason: String,
        correction: String,
    },
    Close {
        to_sign: bool,
    },
}

/// Forms of the hearing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HearingForm {
    HearingSetup { draw_id: i64 },
    HearingNote { hearing_id: i64 },
    HearingQuestions { hearing_id: i64 },
    HearingVote { hearing_id: i64 },
    HearingCorrect { hearing_id: i64 },
}

#[derive(Debug)]
pub enum HearingEffect {
    OpenHearing {
        ticket_id: i64,
    },
    ReloadHearing(i64),
    CreateHearing {
        draw_id: i64,
        date: NaiveDate,
        place: String,
        host: String,
    },
    Hearing {
        hearing_id: i64,
        step: HearingStep,
    },
    PrintHearing {
        hearing_id: i64,
    },
}

/// A ticket's final panel draw and its open hearing, if any.
pub type TicketHearing = (Option<Box<DrawRecord>>, Option<Box<HearingRecord>>);

#[derive(Debug)]
pub enum HearingOutcome {
    /// The ticket's final panel draw, and its open hearing if there is one.
    HearingOpened(Result<TicketHearing, String>),
    HearingUpdated(Result<Box<HearingRecord>, String>),
    HearingClosed(Result<String, String>),
    Printed(Result<std::path::PathBuf, String>),
}

#[derive(Debug, Clone)]
pub struct HearingView {
    pub hearing: HearingRecord,
    pub panel_size: usize,
    pub selected: usize,
}

impl App {
    // ---- the hearing ----------------------------------------------------------------------

    pub(super) fn hearing_command(&mut self, cmd: HearingCmd) -> Vec<Effect> {
        let lang = self.lang;
        let Some(DelibView::Hearing(v)) = &mut self.delib else {
            return vec![];
        };
        let h = &v.hearing;
        let hid = h.id;
        let sitting = h.sitting();
        let step = |step: HearingStep| {
            vec![Effect::Hearing(HearingEffect::Hearing {
                hearing_id: hid,
                step,
            })]
        };
        match cmd {
            HearingCmd::Back => {
                return self.back_to_ticket();
            }
            HearingCmd::Down if v.selected + 1 < sitting.len() => v.selected += 1,
            HearingCmd::Up => v.selected = v.selected.saturating_sub(1),
            HearingCmd::Absent => {
                if let Some(rep) = sitting.get(v.selected) {
                    return step(HearingStep::Absent(*rep));
                }
            }
            HearingCmd::Open => return step(HearingStep::Open),
            HearingCmd::Note => return self.open_note_form(),
            HearingCmd::Questions => return self.open_questions_form(),
            HearingCmd::Vote | HearingCmd::Correct => {
                if h.questions.is_empty() {
                    self.flash(T::FixTheQuestionsFirstQ.text(lang), MsgKind::Error);
                    return vec![];
                }
                let members: Vec<Opt> = sitting
                    .iter()
                    .map(|r| Opt::new(h.name(*r), Val::Id(*r)))
                    .collect();
                let selected = sitting.get(v.selected).copied();
                let questions: Vec<Opt> = h
                    .questions
                    .iter()
                    .enumerate()
                    .map(|(i, q)| Opt::new(format!("{}. {}", i + 1, q.text), Val::Nth(i)))
                    .collect();
                let mut choices: Vec<Opt> = vec![];
                for (qi, q) in h.questions.iter().enumerate() {
                    for (oi, o) in q.options.iter().enumerate() {
                        choices.push(Opt::new(
                            format!("{}. {o}", qi + 1),
                            Val::Vote {
                                question: qi,
                                option: oi,
                            },
                        ));
                    }
                }
                choices.push(Opt::new(T::Abstain.text(lang), Val::Abstain));
                let mut fields = vec![
                    Field::choice(
                        F::Member,
                        &T::Member.text(lang),
                        members,
                        (selected).map(Val::Id),
                    ),
                    Field::choice(
                        F::Question,
                        &T::Question.text(lang),
                        questions,
                        Some(Val::Nth(0)),
                    ),
                    Field::choice(F::Choice, &T::Vote.text(lang), choices, None)
                        .required()
                        .hint(T::VotesStayHiddenUntilEveryoneHas.text(lang)),
                    Field::multiline(F::Reason, &T::ReasonOptional.text(lang), ""),
                ];
                let kind = if cmd == HearingCmd::Vote {
                    HearingForm::HearingVote { hearing_id: hid }
                } else {
                    fields.push(
                        Field::text(F::Correction, &T::WhyCorrected.text(lang), "").required(),
                    );
                    HearingForm::HearingCorrect { hearing_id: hid }
                };
                let title = if cmd == HearingCmd::Vote {
                    T::RecordAVote.text(lang)
                } else {
                    T::CorrectAVoteTheOriginalIs.text(lang)
                };
                self.form = Some(OpenForm::new(
                    FormKind::Hearing(kind),
                    Form::new(title, fields),
                ));
            }
            HearingCmd::Finish => return self.open_close_choice(),
            HearingCmd::Print => {
                return vec![Effect::Hearing(HearingEffect::PrintHearing {
                    hearing_id: hid,
                })];
            }
            // At the last member (or none): nothing to move to.
            HearingCmd::Down => {}
        }
        vec![]
    }

    /// `HearingCmd::Note`.
    fn open_note_form(&mut self) -> Vec<Effect> {
        let lang = self.lang;
        let Some(DelibView::Hearing(v)) = &mut self.delib else {
            return vec![];
        };
        let h = &v.hearing;
        let hid = h.id;
        let mut parties: Vec<Opt> = h
            .party_labels
            .iter()
            .enumerate()
            .map(|(i, p)| Opt::new(p, Val::Nth(i)))
            .collect();
        parties.push(Opt::new(T::Panel.text(lang), Val::Panel));
        parties.push(Opt::new(T::Host.text(lang), Val::Host));
        let f = Form::new(
            T::RecordAPhase.text(lang),
            vec![
                Field::choice(
                    F::Phase,
                    &T::Phase.text(lang),
                    PHASES
                        .iter()
                        .enumerate()
                        .map(|(i, p)| Opt::new(lang.pick(p.1, p.2), Val::Nth(i)))
                        .collect(),
                    Some(Val::Nth(0)),
                ),
                Field::choice(F::Party, &T::Speaker.text(lang), parties, Some(Val::Nth(0))),
                Field::multiline(F::Note, &T::Record.text(lang), "").required(),
            ],
        );
        self.form = Some(OpenForm::new(
            FormKind::Hearing(HearingForm::HearingNote { hearing_id: hid }),
            f,
        ));
        vec![]
    }

    /// `HearingCmd::Questions`.
    fn open_questions_form(&mut self) -> Vec<Effect> {
        let lang = self.lang;
        let Some(DelibView::Hearing(v)) = &mut self.delib else {
            return vec![];
        };
        let h = &v.hearing;
        let hid = h.id;
        let q = default_question();
        let f = Form::new(
            T::FixTheQuestionsTheyCannotChange.text(lang),
            vec![
                Field::text(F::Q1, &T::QuestionOne.text(lang), &q.text).required(),
                Field::text(F::O1, &T::OptionsOne.text(lang), &q.options.join("/"))
                    .hint(T::SeparatedByAbstentionIsAlwaysPossible.text(lang)),
                Field::text(F::Q2, &T::QuestionTwoOptional.text(lang), ""),
                Field::text(F::O2, &T::OptionsTwo.text(lang), T::ForAgainst.get(lang)),
                Field::choice(
                    F::Tie,
                    &T::WithoutAMajority.text(lang),
                    vec![
                        Opt::new(TieRule::NoMajority.label(lang), Val::Nth(0)),
                        Opt::new(TieRule::Plurality.label(lang), Val::Nth(1)),
                    ],
                    Some(Val::Nth(0)),
                ),
            ],
        );
        self.form = Some(OpenForm::new(
            FormKind::Hearing(HearingForm::HearingQuestions { hearing_id: hid }),
            f,
        ));
        vec![]
    }

    /// `HearingCmd::Finish`: where the ticket goes after the hearing.
    fn open_close_choice(&mut self) -> Vec<Effect> {
        let lang = self.lang;
        if !matches!(self.delib, Some(DelibView::Hearing(_))) {
            return vec![];
        }
        let options = vec![
            Opt::new(T::ToSignOffFeedback.text(lang), Val::Nth(1)),
            Opt::new(T::BackToIssueHandling.text(lang), Val::Nth(0)),
        ];
        self.popup = Some(Popup::Picker(Picker {
            title: T::CloseTheHearingNextStep.text(lang),
            options,
            filter: String::new(),
            selected: 0,
            target: PickTarget::HearingClose,
        }));
        vec![]
    }

    pub(super) fn on_hearing(&mut self, o: HearingOutcome) -> Vec<Effect> {
        let lang = self.lang;
        match o {
            HearingOutcome::HearingOpened(r) => match r {
                Ok((Some(draw), Some(h))) => {
                    self.delib = Some(DelibView::Hearing(Box::new(HearingView {
                        hearing: *h,
                        panel_size: draw.settings.panel_size as usize,
                        selected: 0,
                    })));
                }
                Ok((Some(draw), None)) => {
                    let f = Form::new(
                        format!("{} · {}", draw.case, T::PlanTheHearing.text(lang)),
                        vec![
                            Field::text(F::Date, &T::Date.text(lang), &self.today().to_string())
                                .required(),
                            Field::text(F::Place, &T::Venue.text(lang), "").required(),
                            Field::text(
                                F::Host,
                                &T::Host.text(lang),
                                self.session
                                    .as_ref()
                                    .map(|s| s.actor.name.as_str())
                                    .unwrap_or(""),
                            )
                            .required(),
                        ],
                    );
                    self.form = Some(OpenForm::new(
                        FormKind::Hearing(HearingForm::HearingSetup { draw_id: draw.id }),
                        f,
                    ));
                }
                Ok((None, _)) => {
                    self.flash(T::DrawAndConfirmAPanelFirst.text(lang), MsgKind::Error)
                }
                Err(m) => self.flash(m, MsgKind::Error),
            },
            HearingOutcome::HearingUpdated(r) => match r {
                Ok(h) => {
                    self.form = None;
                    match &mut self.delib {
                        Some(DelibView::Hearing(v)) => {
                            v.selected = v.selected.min(h.sitting().len().saturating_sub(1));
                            v.hearing = *h;
                        }
                        _ => {
                            let panel = h.sitting().len();
                            self.delib = Some(DelibView::Hearing(Box::new(HearingView {
                                hearing: *h,
                                panel_size: panel,
                                selected: 0,
                            })));
                        }
                    }
                }
                Err(m) => self.form_error(m),
            },
            HearingOutcome::HearingClosed(r) => match r {
                Ok(outcome) => {
                    self.flash(T::HearingClosed.fill(lang, &[&outcome]), MsgKind::Info);
                    return self.back_to_ticket();
                }
                Err(m) => self.flash(m, MsgKind::Error),
            },
            HearingOutcome::Printed(r) => self.written(r),
        }
        vec![]
    }
}
