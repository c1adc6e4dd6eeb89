//! The open ticket (办理单): its record, timeline and related tickets, the flow's moves offered
//! on it, and the printed form.

use crate::app::choices::Invalid;
use crate::app::effects::Ctx;
use crate::app::form::{Opt, Val};
use crate::app::{
    App, ConfirmAction, Effect, FormKind, MsgKind, Outcome, PickTarget, Picker, Popup, Reason,
};
use crate::domain::flow::{self, Change, Move, MoveKind};
use crate::domain::roles::Actor;
use crate::keymap::DetailCmd;
use crate::records::audit::TimelineEntry;
use crate::records::tickets::TicketRecord;
use crate::store::StoreError;
use crate::text::T;
use chrono::NaiveDateTime;
use std::path::PathBuf;

mod moves;
pub use moves::*;

/// A ticket with what the detail pane shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TicketView {
    pub rec: TicketRecord,
    pub timeline: Vec<TimelineEntry>,
    pub related: Vec<(String, &'static str)>,
    pub department_returns: Option<i64>,
}

#[derive(Debug)]
pub enum DetailEffect {
    Load { id: i64, reason: Reason },
    Move { id: i64, version: i64, mv: Move },
    Print { id: i64 },
}

#[derive(Debug)]
pub enum DetailOutcome {
    Ticket(Result<Box<TicketView>, String>, Reason),
    /// The change, or why not (and whether another desk moved the ticket first).
    Moved {
        id: i64,
        change: Result<Box<Change>, (String, bool)>,
    },
    Printed(Result<std::path::PathBuf, String>),
}

impl App {
    /// The moves this user may make on the open ticket.
    pub fn available_moves(&self) -> Vec<MoveKind> {
        match (&self.detail, &self.session) {
            (Some(d), Some(s)) => flow::available(&d.rec.facts(), &s.actor),
            _ => vec![],
        }
    }

    pub(crate) fn detail_command(&mut self, cmd: DetailCmd) -> Vec<Effect> {
        match cmd {
            DetailCmd::Back => {
                self.detail = None;
                self.detail_scroll = 0;
                self.timeline_back = 0;
                self.reload_all(Reason::User)
            }
            DetailCmd::Actions => {
                let moves = self.available_moves();
                let extra = self.delib_actions();
                if moves.is_empty() && extra.is_empty() {
                    self.flash(T::ThereIsNothingYouCanDo.text(self.lang), MsgKind::Info);
                    return vec![];
                }
                let mut options: Vec<Opt> = moves
                    .iter()
                    .enumerate()
                    .map(|(i, m)| {
                        Opt::new(format!("{} {}", i + 1, m.label(self.lang)), Val::Nth(i))
                    })
                    .collect();
                // 民事民议: mediation, the draw and the hearing, after the flow's moves.
                for (k, a) in extra.iter().enumerate() {
                    options.push(Opt::new(
                        format!("{} {}", moves.len() + k + 1, a.label(self.lang)),
                        Val::Deliberation(k),
                    ));
                }
                self.popup = Some(Popup::Picker(Picker {
                    title: T::Act.text(self.lang),
                    options,
                    filter: String::new(),
                    selected: 0,
                    target: PickTarget::Actions,
                }));
                vec![]
            }
            DetailCmd::Print => match &self.detail {
                Some(d) => vec![Effect::Detail(DetailEffect::Print { id: d.rec.id })],
                None => vec![],
            },
            DetailCmd::ScrollDown => {
                self.detail_scroll = self
                    .detail_scroll
                    .saturating_add(1)
                    .min(self.detail_scroll_max.get());
                vec![]
            }
            DetailCmd::ScrollUp => {
                self.detail_scroll = self.detail_scroll.saturating_sub(1);
                vec![]
            }
            DetailCmd::PageDown => {
                self.detail_scroll = self
                    .detail_scroll
                    .saturating_add(self.detail_page())
                    .min(self.detail_scroll_max.get());
                vec![]
            }
            DetailCmd::PageUp => {
                self.detail_scroll = self.detail_scroll.saturating_sub(self.detail_page());
                vec![]
            }
            DetailCmd::EarlierEvents => {
                self.timeline_back = self
                    .timeline_back
                    .saturating_add(self.detail_page())
                    .min(self.timeline_back_max.get());
                vec![]
            }
            DetailCmd::LaterEvents => {
                self.timeline_back = self.timeline_back.saturating_sub(self.detail_page());
                vec![]
            }
        }
    }

    /// After a save refused as stale, the ticket as the other desk left it: the open move form
    /// says what changed, and either moves onto the new version (the next save puts the
    /// clerk's text on top of the other desk's change, with the rules checked again) or says
    /// why the move is no longer possible, the text still there to copy.
    fn rebase_stale_form(&mut self, view: &TicketView) {
        let lang = self.lang;
        let save = self.keymap.keys_for("form", "save").unwrap_or_default();
        let Some(of) = &mut self.form else { return };
        let FormKind::Move { kind, id, version } = &mut of.kind else {
            return;
        };
        let Some(seen) = of.stale_events else { return };
        if *id != view.rec.id {
            return;
        }
        of.stale_events = None;
        // The events the clerk had not seen (the latest one if the count is off).
        let seen = seen.min(view.timeline.len().saturating_sub(1));
        let changes: Vec<String> = view
            .timeline
            .iter()
            .skip(seen)
            .map(|e| {
                let to = crate::domain::vocab::State::from_code(&e.to_state)
                    .map(|s| format!(" → {}", s.label(lang)))
                    .unwrap_or_default();
                format!(
                    "{} {} {}{to}",
                    crate::words::short_time(&e.at, self.now.date()),
                    e.actor,
                    crate::words::event_label(&e.kind, lang)
                )
            })
            .collect();
        let changes = changes.join("；");
        let allowed = match &self.session {
            Some(s) => flow::allowed(*kind, &view.rec.facts(), &s.actor),
            None => return,
        };
        of.form.message = Some(match allowed {
            Ok(()) => {
                *version = view.rec.version;
                T::StaleApplyOnTop.fill(lang, &[&changes, &save])
            }
            Err(p) => T::StaleMoveNoLongerPossible.fill(lang, &[&changes, &p.text(lang)]),
        });
    }

    /// A page of the detail's panes: the screen less its bars, the moves box and the borders,
    /// less two lines kept from the page before.
    fn detail_page(&self) -> u16 {
        self.size.1.saturating_sub(3 + 3 + 2 + 2).max(1)
    }

    pub(crate) fn start_move(&mut self, kind: MoveKind) -> Vec<Effect> {
        let Some(d) = &self.detail else { return vec![] };
        let (id, version) = (d.rec.id, d.rec.version);
        // Re-check: the UI offers only legal moves, and asks the domain again here.
        if let Some(s) = &self.session
            && let Err(p) = flow::allowed(kind, &d.rec.facts(), &s.actor)
        {
            self.flash(p.text(self.lang), MsgKind::Error);
            return vec![];
        }
        match kind {
            MoveKind::Submit | MoveKind::Accept => {
                let text = match kind {
                    MoveKind::Submit => {
                        T::SubmitForTheLeaderSIssue.fill(self.lang, &[&d.rec.number()])
                    }
                    _ => T::Accept.fill(self.lang, &[&d.rec.number()]),
                };
                self.popup = Some(Popup::Confirm {
                    text,
                    action: ConfirmAction::Move { kind, id, version },
                });
                vec![]
            }
            _ => {
                let ctx = flow::FlowCtx {
                    today: self.today(),
                    cal: &self.cal,
                    rules: &self.refs.rules(),
                };
                let default_due = flow::default_due(&d.rec.facts(), &ctx);
                self.form = Some(move_form(self.lang, &self.refs, kind, &d.rec, default_due));
                vec![]
            }
        }
    }

    /// The move form was saved.
    pub(super) fn submit_move_form(
        &mut self,
        kind: MoveKind,
        id: i64,
        version: i64,
    ) -> Vec<Effect> {
        let lang = self.lang;
        let Some(of) = &mut self.form else {
            return vec![];
        };
        let ctx_rules = self.refs.rules();
        let mv = match submit_move(lang, &self.refs, &mut of.form, kind, ctx_rules.as_slice()) {
            Ok(mv) => mv,
            Err(Invalid) => return vec![],
        };
        // A deadline beyond the catalogue's, or in a year without holiday data: ask first.
        if let flow::Move::Issue {
            decision: flow::Decision::Dispatch { due, .. },
            ..
        } = &mv
            && let Some(d) = &self.detail
        {
            let ctx = flow::FlowCtx {
                today: self.today(),
                cal: &self.cal,
                rules: &ctx_rules,
            };
            let doubts = flow::due_doubts(&d.rec.facts(), &ctx, *due);
            if !doubts.is_empty() {
                let mut text: Vec<String> = doubts.iter().map(|p| p.text(lang)).collect();
                text.push(T::KeepThisDeadline.text(lang));
                self.popup = Some(Popup::Confirm {
                    text: text.join("；"),
                    action: ConfirmAction::SaveMove {
                        id,
                        version,
                        mv: Box::new(mv),
                    },
                });
                return vec![];
            }
        }
        vec![Effect::Detail(DetailEffect::Move { id, version, mv })]
    }

    pub(super) fn on_detail(&mut self, o: DetailOutcome) -> Vec<Effect> {
        match o {
            DetailOutcome::Ticket(Ok(view), reason) => {
                if reason == Reason::Poll {
                    if let Some(d) = &self.detail
                        && d.rec.version != view.rec.version
                    {
                        self.note_other_desk();
                    }
                    if self.detail.is_none() {
                        return vec![];
                    }
                } else {
                    self.detail_scroll = 0;
                    self.timeline_back = 0;
                }
                self.rebase_stale_form(&view);
                self.detail = Some(*view);
                vec![]
            }
            DetailOutcome::Ticket(Err(msg), _) => {
                self.detail = None;
                self.flash(msg, MsgKind::Error);
                vec![]
            }
            DetailOutcome::Moved { id, change } => match change {
                Ok(change) => {
                    self.form = None;
                    let number = self
                        .detail
                        .as_ref()
                        .map(|d| d.rec.number())
                        .unwrap_or_default();
                    self.flash(
                        T::NowInState.fill(
                            self.lang,
                            &[
                                &number,
                                &change.kind.label(self.lang),
                                &change.to.label(self.lang),
                            ],
                        ),
                        MsgKind::Info,
                    );
                    let mut fx = self.reload_all(Reason::User);
                    if !fx
                        .iter()
                        .any(|e| matches!(e, Effect::Detail(DetailEffect::Load { .. })))
                    {
                        fx.push(Effect::Detail(DetailEffect::Load {
                            id,
                            reason: Reason::User,
                        }));
                    }
                    fx
                }
                Err((msg, stale)) => {
                    if stale {
                        // Another desk moved it: keep the form and every word typed, reload,
                        // and let the reload say what the other desk did (`on_detail`).
                        let seen = self.detail.as_ref().map_or(0, |d| d.timeline.len());
                        match &mut self.form {
                            Some(of) => {
                                of.form.message = Some(msg);
                                of.stale_events = Some(seen);
                            }
                            None => self.flash(msg, MsgKind::Error),
                        }
                        return vec![
                            Effect::Detail(DetailEffect::Load {
                                id,
                                reason: Reason::User,
                            }),
                            Effect::LoadCounts,
                        ];
                    }
                    match &mut self.form {
                        Some(of) => of.form.message = Some(msg),
                        None => self.flash(msg, MsgKind::Error),
                    }
                    vec![]
                }
            },
            DetailOutcome::Printed(Ok(path)) => {
                self.flash(crate::paper::printed_said(&path, self.lang), MsgKind::Info);
                vec![]
            }
            DetailOutcome::Printed(Err(msg)) => {
                self.flash(msg, MsgKind::Error);
                vec![]
            }
        }
    }
}

impl Ctx {
    /// Runs one of this pane's effects.
    pub(crate) fn run_detail(
        &mut self,
        actor: &Actor,
        e: DetailEffect,
        now: NaiveDateTime,
    ) -> Outcome {
        match e {
            DetailEffect::Load { id, reason } => Outcome::Detail(DetailOutcome::Ticket(
                self.load_ticket(actor, id)
                    .map(Box::new)
                    .map_err(|e| self.msg(e)),
                reason,
            )),
            DetailEffect::Move { id, version, mv } => {
                match self.with_flow(now, |s, ctx| {
                    s.apply_move(actor, id, version, &mv, ctx, now)
                }) {
                    Ok(change) => Outcome::Detail(DetailOutcome::Moved {
                        id,
                        change: Ok(Box::new(change)),
                    }),
                    Err(StoreError::Stale(s)) => Outcome::Detail(DetailOutcome::Moved {
                        id,
                        change: Err((
                            T::StaleTextKept.fill(
                                self.lang,
                                &[
                                    &s.number,
                                    &s.by,
                                    &crate::words::short_time(&s.at, now.date()),
                                ],
                            ),
                            true,
                        )),
                    }),
                    Err(e) => Outcome::Detail(DetailOutcome::Moved {
                        id,
                        change: Err((self.msg(e), false)),
                    }),
                }
            }
            DetailEffect::Print { id } => {
                let result = (|| -> Result<PathBuf, StoreError> {
                    let view = self.load_ticket(actor, id)?;
                    let refs = self.store.refs()?;
                    let form = crate::paper::ticket_form(
                        &view.rec,
                        &view.timeline,
                        &refs,
                        now.date(),
                        self.lang,
                    );
                    crate::paper::write_printout(
                        &self.store,
                        &self.print_dir,
                        &format!("一单制办理单-{}.txt", view.rec.number()),
                        &form,
                        self.lang,
                    )
                })();
                Outcome::Detail(DetailOutcome::Printed(result.map_err(|e| self.msg(e))))
            }
        }
    }
}
