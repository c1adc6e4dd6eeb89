//! 民事民议 from a ticket: which deliberation a ticket waiting for it offers (instant
//! mediation, a panel draw, the hearing) and the live view that then takes the ticket's place.
//! The panes themselves are `roster`, `draw` and `hearing`.

use super::draw::{DrawForm, DrawLive};
use super::hearing::{HearingEffect, HearingView};
use crate::app::{DetailEffect, Reason};
use crate::text::T;

use super::form::{Field, FieldId as F, Form, Opt, Val};
use super::{App, Effect, FormKind, MsgKind, OpenForm};
use crate::domain::vocab::{Lang, State};

#[derive(Debug, Clone)]
pub enum DelibView {
    Draw(Box<DrawLive>),
    Hearing(Box<HearingView>),
}

/// The extra actions of a ticket waiting for 民事民议.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DelibAction {
    Mediation,
    Draw,
    Hearing,
    /// The director voids the case's final draw (so that it may be drawn again).
    VoidDraw,
}

impl DelibAction {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            DelibAction::Mediation => T::InstantMediation.get(lang),
            DelibAction::Draw => T::DrawAHearingPanel.get(lang),
            DelibAction::Hearing => T::Hearing.get(lang),
            DelibAction::VoidDraw => T::VoidADraw.get(lang),
        }
    }
}

impl App {
    /// Deliberation actions offered on the open ticket (besides the flow's moves).
    pub fn delib_actions(&self) -> Vec<DelibAction> {
        let desk = self.session.as_ref().is_some_and(|s| {
            crate::domain::roles::can(&s.actor, crate::domain::roles::Act::Deliberate)
        });
        let director = self.session.as_ref().is_some_and(|s| {
            crate::domain::roles::can(&s.actor, crate::domain::roles::Act::VoidDraw)
        });
        match &self.detail {
            Some(d) if desk && d.rec.state == State::AwaitingDeliberation => {
                let mut v = vec![
                    DelibAction::Mediation,
                    DelibAction::Draw,
                    DelibAction::Hearing,
                ];
                if director {
                    v.push(DelibAction::VoidDraw);
                }
                v
            }
            _ => vec![],
        }
    }

    pub(super) fn start_delib(&mut self, a: DelibAction) -> Vec<Effect> {
        let Some(d) = &self.detail else { return vec![] };
        let lang = self.lang;
        let id = d.rec.id;
        let number = d.rec.number();
        match a {
            DelibAction::Mediation => {
                let f = Form::new(
                    format!("{number} · {}", T::InstantMediation.text(lang)),
                    vec![
                        Field::text(F::Members, &T::Mediators.text(lang), "")
                            .required()
                            .hint(T::MediatorNamesHint.text(lang)),
                        Field::text(F::Reason, &T::ManualChoiceReason.text(lang), "")
                            .hint(T::ManualChoiceHint.text(lang)),
                        Field::choice(
                            F::Outcome,
                            &T::Outcome.text(lang),
                            vec![
                                Opt::new(T::AgreementToSignOff.text(lang), Val::Nth(0)),
                                Opt::new(T::NoAgreementAHearing.text(lang), Val::Nth(1)),
                                Opt::new(T::NoAgreementBackToIssue.text(lang), Val::Nth(2)),
                            ],
                            Some(Val::Nth(0)),
                        ),
                        Field::multiline(F::Terms, &T::TermsNote.text(lang), "").required(),
                    ],
                );
                self.form = Some(OpenForm::new(
                    FormKind::Draw(DrawForm::Mediation { ticket_id: id }),
                    f,
                ));
                vec![]
            }
            // First whether a final panel draw stands (then there is nothing to set up).
            DelibAction::Draw => vec![Effect::Draw(super::draw::DrawEffect::LoadStanding {
                ticket_id: id,
                panel_setup: true,
            })],
            DelibAction::Hearing => vec![Effect::Hearing(HearingEffect::OpenHearing {
                ticket_id: id,
            })],
            DelibAction::VoidDraw => vec![Effect::Draw(super::draw::DrawEffect::LoadStanding {
                ticket_id: id,
                panel_setup: false,
            })],
        }
    }

    /// The setup form of a panel draw for the open ticket.
    pub(crate) fn open_draw_setup(&mut self) -> Vec<Effect> {
        let Some(d) = &self.detail else { return vec![] };
        let lang = self.lang;
        let id = d.rec.id;
        let number = d.rec.number();
        let f = Form::new(
            format!("{number} · {}", T::DrawAPanelSettings.text(lang)),
            vec![
                Field::text(
                    F::Party1,
                    &T::PartyOneHint.text(lang),
                    T::Applicant.get(lang),
                )
                .required()
                .hint(T::PartiesExample.text(lang)),
                Field::text(
                    F::Party2,
                    &T::PartyTwoHint.text(lang),
                    T::Respondent.get(lang),
                )
                .required(),
                Field::text(F::Party3, &T::PartyThreeOptional.text(lang), ""),
                Field::text(F::Panel, &T::PanelSize.text(lang), "7")
                    .hint(T::AnOddPanelSize.text(lang)),
                Field::text(F::Alternates, &T::Alternates.text(lang), "3"),
                Field::text(F::Strikes, &T::StrikesPerParty.text(lang), "1"),
                Field::text(F::MinLegal, &T::AtLeastLegalPolicy.text(lang), "1"),
                Field::text(F::MinDeputies, &T::AtLeastDeputies.text(lang), "2"),
                Field::text(F::MinOther, &T::OtherMinimums.text(lang), "")
                    .hint(T::MinimumsExample.text(lang)),
                Field::multiline(F::Exclusions, &T::ExclusionsNameReason.text(lang), "")
                    .hint(T::ExclusionsHint.text(lang)),
            ],
        );
        self.form = Some(OpenForm::new(
            FormKind::Draw(DrawForm::DrawSetup { ticket_id: id }),
            f,
        ));
        vec![]
    }

    /// Leaves the live draw or hearing for the ticket it belongs to, reloaded.
    pub(crate) fn back_to_ticket(&mut self) -> Vec<Effect> {
        self.delib = None;
        self.detail
            .as_ref()
            .map(|d| {
                Effect::Detail(DetailEffect::Load {
                    id: d.rec.id,
                    reason: Reason::User,
                })
            })
            .into_iter()
            .collect()
    }

    pub(crate) fn form_error(&mut self, m: String) {
        match &mut self.form {
            Some(of) => of.form.message = Some(m),
            None => self.flash(m, MsgKind::Error),
        }
    }
}
