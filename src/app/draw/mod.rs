//! The live draw of a hearing panel (抽签), in front of the parties, and instant mediation
//! (即时评议调解) with a quick draw of mediators. Shown in place of the ticket.

use super::delib::DelibView;
use crate::app::DetailEffect;
use crate::keymap::DrawCmd;
use crate::text::T;

use super::form::{Field, FieldId as F, Form, Opt, Val};
use super::{App, Effect, FormKind, MsgKind, OpenForm, PickTarget, Picker, Popup, Reason};
use crate::domain::draw::{PartyInput, Settings};
use crate::domain::vocab::Lang;
use crate::records::draws::{DrawRecord, PoolReport};
use crate::records::hearings::MediationOutcome;

mod run;
mod submit;

/// Forms of the draw.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DrawForm {
    DrawSetup {
        ticket_id: i64,
    },
    PartyInput {
        idx: usize,
    },
    Mediation {
        ticket_id: i64,
    },
    /// Why the clerk leaves a draw after its reveal.
    Abandon {
        draw_id: i64,
    },
    /// Why the director voids a final draw.
    Void {
        draw_id: i64,
    },
}

#[derive(Debug)]
pub enum DrawEffect {
    PrepareDraw {
        ticket_id: i64,
        settings: Settings,
        labels: Vec<String>,
        exclusions: Vec<(String, String)>,
    },
    RevealDraw {
        draw_id: i64,
        nonce: Vec<u8>,
        parties: Vec<PartyInput>,
    },
    /// A party's commitment, recorded as the screen shows it.
    CommitParty {
        draw_id: i64,
        idx: usize,
        label: String,
        commitment: String,
    },
    StrikeDraw {
        draw_id: i64,
        party: usize,
        rep_id: i64,
    },
    FinalizeDraw {
        draw_id: i64,
    },
    PrintDraw {
        draw_id: i64,
    },
    AbandonDraw {
        draw_id: i64,
        reason: String,
    },
    /// The final draw of the ticket that stands, for the director to void (`panel_setup`:
    /// before opening a panel draw's setup, which a standing panel draw makes pointless).
    LoadStanding {
        ticket_id: i64,
        panel_setup: bool,
    },
    VoidDraw {
        draw_id: i64,
        reason: String,
    },
    QuickDraw {
        ticket_id: i64,
    },
    Mediation {
        ticket_id: i64,
        members: Vec<String>,
        member_ids: Option<Vec<i64>>,
        draw_id: Option<i64>,
        /// Why mediators were named by hand (not drawn), when any were.
        manual_reason: String,
        outcome: MediationOutcome,
    },
}

/// A frozen draw, its pool report, the parties' salts and the desk's nonce (kept in memory
/// until the reveal).
pub type PreparedDraw = (Box<DrawRecord>, Box<PoolReport>, Vec<Vec<u8>>, Vec<u8>);

#[derive(Debug)]
pub enum DrawOutcome {
    DrawPrepared(Result<PreparedDraw, String>),
    DrawUpdated(Result<Box<DrawRecord>, String>),
    /// A party's commitment was recorded (or why not).
    Committed(Result<(), String>),
    /// The draw left was recorded as abandoned; the desk goes back to the ticket.
    Abandoned(Result<i64, String>),
    /// The draw that stands, if any, for the void form (or, `panel_setup`, before a new
    /// panel draw is set up).
    Standing {
        draw: Result<Option<Box<DrawRecord>>, String>,
        panel_setup: bool,
    },
    Voided(Result<i64, String>),
    /// A quick draw: its id, the representatives drawn and their names.
    QuickDrawn(Result<(i64, Vec<i64>, Vec<String>), String>),
    Mediated(Result<String, String>),
    Printed(Result<std::path::PathBuf, String>),
}

/// Where a live draw is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DrawPhase {
    /// Party `n` is typing its input.
    Inputs(usize),
    /// Every party has entered: the reveal is next.
    Ready,
    Revealed,
    Final,
}

#[derive(Debug, Clone)]
pub struct DrawLive {
    pub draw: DrawRecord,
    pub report: PoolReport,
    pub labels: Vec<String>,
    pub salts: Vec<Vec<u8>>,
    /// The desk's nonce: only its commitment is in the file until the reveal.
    pub nonce: Vec<u8>,
    pub inputs: Vec<String>,
    pub commitments: Vec<String>,
    pub phase: DrawPhase,
    pub selected: usize,
}

impl App {
    // ---- the live draw --------------------------------------------------------------------

    pub(super) fn draw_command(&mut self, cmd: DrawCmd) -> Vec<Effect> {
        let lang = self.lang;
        let Some(DelibView::Draw(live)) = &mut self.delib else {
            return vec![];
        };
        let draw_id = live.draw.id;
        match (cmd, live.phase) {
            // Leaving before the reveal: the nonce was only in this desk's memory, so the
            // draw can never be revealed; recorded as abandoned, saying so.
            (DrawCmd::Back, DrawPhase::Inputs(_) | DrawPhase::Ready) => {
                let reason = T::LeftBeforeTheReveal.text(crate::domain::Lang::Zh);
                let mut out = vec![Effect::Draw(DrawEffect::AbandonDraw { draw_id, reason })];
                out.extend(self.back_to_ticket());
                return out;
            }
            // Leaving after the reveal asks why, and records it.
            (DrawCmd::Back, DrawPhase::Revealed) => {
                self.form = Some(reason_form(
                    T::AbandonDrawTitle.fill(lang, &[&draw_id]),
                    FormKind::Draw(DrawForm::Abandon { draw_id }),
                    lang,
                ));
            }
            (DrawCmd::Back, DrawPhase::Final) => {
                return self.back_to_ticket();
            }
            (DrawCmd::Confirm, DrawPhase::Inputs(i)) => {
                self.form = Some(party_form(lang, &live.labels, i))
            }
            (DrawCmd::Confirm, DrawPhase::Ready) => {
                let parties = live
                    .labels
                    .iter()
                    .zip(&live.salts)
                    .zip(&live.inputs)
                    .map(|((label, salt), input)| PartyInput {
                        label: label.clone(),
                        salt: salt.clone(),
                        input: input.clone(),
                    })
                    .collect();
                return vec![Effect::Draw(DrawEffect::RevealDraw {
                    draw_id,
                    nonce: live.nonce.clone(),
                    parties,
                })];
            }
            (DrawCmd::Down, DrawPhase::Revealed | DrawPhase::Final) => {
                let n = live.draw.current_panel().len();
                if live.selected + 1 < n {
                    live.selected += 1;
                }
            }
            (DrawCmd::Up, DrawPhase::Revealed | DrawPhase::Final) => {
                live.selected = live.selected.saturating_sub(1)
            }
            (DrawCmd::Strike, DrawPhase::Revealed) => {
                let panel = live.draw.current_panel();
                let Some(member) = panel.get(live.selected).copied() else {
                    return vec![];
                };
                let options = live
                    .labels
                    .iter()
                    .enumerate()
                    .map(|(i, p)| Opt::new(format!("{} {}", i + 1, p), Val::Nth(i)))
                    .collect();
                let title = format!("{}{}", T::StruckBy.text(lang), live.draw.name(member));
                self.popup = Some(Popup::Picker(Picker {
                    title,
                    options,
                    filter: String::new(),
                    selected: 0,
                    target: PickTarget::StrikeParty(member),
                }));
            }
            (DrawCmd::Finalize, DrawPhase::Revealed) => {
                return vec![Effect::Draw(DrawEffect::FinalizeDraw { draw_id })];
            }
            (DrawCmd::Print, DrawPhase::Final) => {
                return vec![Effect::Draw(DrawEffect::PrintDraw { draw_id })];
            }
            // Every command has its arm above for the phases it acts in; in the other phases it
            // does nothing (the hint line offers only what the phase allows).
            _ => {}
        }
        vec![]
    }

    pub(super) fn on_draw(&mut self, o: DrawOutcome) -> Vec<Effect> {
        let lang = self.lang;
        match o {
            DrawOutcome::DrawPrepared(r) => match r {
                Ok((draw, report, salts, nonce)) => {
                    let labels = draw_labels(&self.form);
                    self.form = None;
                    self.delib = Some(DelibView::Draw(Box::new(DrawLive {
                        draw: *draw,
                        report: *report,
                        labels: labels.clone(),
                        salts,
                        nonce,
                        inputs: vec![],
                        commitments: vec![],
                        phase: DrawPhase::Inputs(0),
                        selected: 0,
                    })));
                    self.form = Some(party_form(lang, &labels, 0));
                }
                Err(m) => self.form_error(m),
            },
            DrawOutcome::DrawUpdated(r) => match r {
                Ok(d) => {
                    if let Some(DelibView::Draw(live)) = &mut self.delib {
                        live.phase = if d.state.is_final() {
                            DrawPhase::Final
                        } else {
                            DrawPhase::Revealed
                        };
                        live.draw = *d;
                        if live.phase == DrawPhase::Final {
                            self.flash(T::TheDrawIsFinalReceiptSaved.text(lang), MsgKind::Info);
                        }
                    }
                }
                Err(m) => self.flash(m, MsgKind::Error),
            },
            DrawOutcome::Committed(r) => {
                if let Err(m) = r {
                    self.flash(m, MsgKind::Error);
                }
            }
            DrawOutcome::Abandoned(r) => match r {
                Ok(id) => {
                    self.flash(T::DrawAbandonedSaid.fill(lang, &[&id]), MsgKind::Info);
                    if matches!(&self.delib, Some(DelibView::Draw(live)) if live.draw.id == id) {
                        self.form = None;
                        return self.back_to_ticket();
                    }
                }
                Err(m) => self.form_error(m),
            },
            DrawOutcome::Standing {
                draw: Ok(found),
                panel_setup: true,
            } => match found {
                // A final panel draw stands: the setup form would only be refused on saving.
                Some(d) => self.flash(
                    crate::domain::draw::final_draw_stands(d.id, d.kind).text(lang),
                    MsgKind::Error,
                ),
                None => return self.open_draw_setup(),
            },
            DrawOutcome::Standing {
                draw: r,
                panel_setup: _,
            } => match r {
                Ok(Some(d)) => {
                    let panel: Vec<String> = d
                        .final_panel
                        .iter()
                        .map(|m| d.name(*m).to_string())
                        .collect();
                    let title = T::VoidDrawTitle.fill(
                        lang,
                        &[
                            &d.id,
                            &d.kind.label(lang),
                            &d.created_at,
                            &crate::domain::text::for_terminal(
                                &panel.join(T::ListSeparator.get(lang)),
                            ),
                        ],
                    );
                    self.form = Some(reason_form(
                        title,
                        FormKind::Draw(DrawForm::Void { draw_id: d.id }),
                        lang,
                    ));
                }
                Ok(None) => self.flash(T::NothingToVoid.text(lang), MsgKind::Error),
                Err(m) => self.flash(m, MsgKind::Error),
            },
            DrawOutcome::Voided(r) => match r {
                Ok(id) => {
                    self.form = None;
                    self.flash(T::DrawVoidedSaid.fill(lang, &[&id]), MsgKind::Info);
                    return self.back_to_ticket();
                }
                Err(m) => self.form_error(m),
            },
            DrawOutcome::QuickDrawn(r) => match r {
                Ok((draw_id, ids, names)) => {
                    self.quick_draw = Some((draw_id, ids, names.join("、")));
                    if let Some(of) = &mut self.form {
                        of.form.set_text(F::Members, &names.join("、"));
                        of.form.message = None;
                        of.form.dirty = true;
                    }
                    self.flash(
                        T::DrawnDraw
                            .fill(lang, &[&names.join(T::ListSeparator.get(lang)), &draw_id]),
                        MsgKind::Info,
                    );
                }
                Err(m) => self.form_error(m),
            },
            DrawOutcome::Mediated(r) => match r {
                Ok(msg) => {
                    self.form = None;
                    self.quick_draw = None;
                    self.flash(msg, MsgKind::Info);
                    let id = self.detail.as_ref().map(|d| d.rec.id);
                    return id
                        .map(|id| {
                            Effect::Detail(DetailEffect::Load {
                                id,
                                reason: Reason::User,
                            })
                        })
                        .into_iter()
                        .collect();
                }
                Err(m) => self.form_error(m),
            },
            DrawOutcome::Printed(r) => self.written(r),
        }
        vec![]
    }
}

fn draw_labels(form: &Option<OpenForm>) -> Vec<String> {
    match form {
        Some(of) => [F::Party1, F::Party2, F::Party3]
            .into_iter()
            .map(|k| of.form.text(k).trim().to_string())
            .filter(|s| !s.is_empty())
            .collect(),
        None => vec![],
    }
}

/// A form asking only why (leaving a revealed draw, voiding a final one).
fn reason_form(title: String, kind: FormKind, lang: Lang) -> OpenForm {
    let f = Form::new(
        title,
        vec![Field::text(F::Reason, &T::WhyField.text(lang), "").required()],
    );
    OpenForm::new(kind, f)
}

fn party_form(lang: Lang, labels: &[String], idx: usize) -> OpenForm {
    let label = labels.get(idx).cloned().unwrap_or_default();
    let f = Form::new(
        format!(
            "{} {}{}{colon}{}",
            T::Party.text(lang),
            idx + 1,
            T::PartySuffix.text(lang),
            crate::domain::text::for_terminal(&label),
            colon = lang.colon()
        ),
        vec![
            Field::secret(F::Input, &T::TypeAnyDigitsOrText.text(lang))
                .hint(T::HiddenAfterEnterOnlyItsHash.text(lang)),
        ],
    );
    OpenForm::new(FormKind::Draw(DrawForm::PartyInput { idx }), f)
}
