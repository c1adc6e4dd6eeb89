//! Submitting the hearing pane's forms: check what the clerk typed, then ask for the change.

use super::*;
use crate::app::choices::{fail, form_to_check};
use crate::app::form::{FieldId as F, Val};
use crate::app::{App, Effect};
use crate::domain::calendar::parse_date;
use crate::domain::hearing::{PHASES, TieRule, validate_question};
use crate::text::T;

impl App {
    pub(crate) fn submit_hearing(&mut self, kind: HearingForm) -> Vec<Effect> {
        let lang = self.lang;
        let Some(f) = form_to_check(&mut self.form) else {
            return vec![];
        };
        match kind {
            HearingForm::HearingSetup { draw_id } => match parse_date(&f.text(F::Date)) {
                Ok(date) => vec![Effect::Hearing(HearingEffect::CreateHearing {
                    draw_id,
                    date,
                    place: f.text(F::Place),
                    host: f.text(F::Host),
                })],
                Err(p) => fail(f, F::Date, p.text(lang).to_string()),
            },
            HearingForm::HearingNote { hearing_id } => {
                let phase = PHASES
                    .get(f.nth(F::Phase).unwrap_or(0))
                    .map(|p| p.0)
                    .unwrap_or("statement")
                    .to_string();
                let party = f
                    .field(F::Party)
                    .map(|x| x.value_text())
                    .unwrap_or_default();
                vec![Effect::Hearing(HearingEffect::Hearing {
                    hearing_id,
                    step: HearingStep::Note {
                        phase,
                        party,
                        note: f.text(F::Note),
                    },
                })]
            }
            HearingForm::HearingQuestions { hearing_id } => {
                let mut qs = vec![];
                for (q, o) in [(F::Q1, F::O1), (F::Q2, F::O2)] {
                    if q == F::Q2 && f.text(q).trim().is_empty() {
                        continue;
                    }
                    match validate_question(&f.text(q), &f.text(o)) {
                        Ok(x) => qs.push(x),
                        Err(p) => return fail(f, o, p.text(lang).to_string()),
                    }
                }
                let rule = if f.choice(F::Tie) == Some(Val::Nth(1)) {
                    TieRule::Plurality
                } else {
                    TieRule::NoMajority
                };
                vec![Effect::Hearing(HearingEffect::Hearing {
                    hearing_id,
                    step: HearingStep::Questions(qs, rule),
                })]
            }
            HearingForm::HearingVote { hearing_id }
            | HearingForm::HearingCorrect { hearing_id } => {
                let Some(rep) = f.id(F::Member) else {
                    return fail(f, F::Member, T::ChooseTheMember.text(lang));
                };
                let question = f.nth(F::Question).unwrap_or(0);
                let Some(c) = f.choice(F::Choice) else {
                    return fail(f, F::Choice, T::ChooseTheVote.text(lang));
                };
                let choice = match c {
                    Val::Abstain => None,
                    Val::Vote {
                        question: q,
                        option,
                    } if q == question => Some(option),
                    _ => {
                        return fail(
                            f,
                            F::Choice,
                            T::ThatOptionBelongsToAnotherQuestion.text(lang),
                        );
                    }
                };
                let reason = f.text(F::Reason);
                let step = match kind {
                    HearingForm::HearingVote { .. } => HearingStep::Vote {
                        question,
                        rep,
                        choice,
                        reason,
                    },
                    _ => HearingStep::Correct {
                        question,
                        rep,
                        choice,
                        reason,
                        correction: f.text(F::Correction),
                    },
                };
                vec![Effect::Hearing(HearingEffect::Hearing { hearing_id, step })]
            }
        }
    }
}
