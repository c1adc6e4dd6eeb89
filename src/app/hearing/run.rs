//! Running the hearing pane's effects against the store.

use std::path::PathBuf;

use chrono::NaiveDateTime;

use crate::app::effects::Ctx;
use crate::domain::roles::Actor;
use crate::store::StoreError;

use super::*;

impl Ctx {
    pub(crate) fn run_hearing(
        &mut self,
        actor: &Actor,
        e: super::HearingEffect,
        now: NaiveDateTime,
    ) -> super::HearingOutcome {
        use super::{HearingEffect as E, HearingOutcome as O};

        let lang = self.lang;
        let msg = move |e: StoreError| e.message(lang);
        match e {
            E::OpenHearing { ticket_id } => {
                let r = (|| -> Result<_, StoreError> {
                    let draw = self
                        .store
                        .ticket_draws(ticket_id)?
                        .into_iter()
                        .rev()
                        .find(|d| crate::domain::draw::ready_for_hearing(d.kind, d.state));
                    let hearing = match &draw {
                        Some(d) => {
                            let mut found = None;
                            for h in self.store.ticket_hearings(ticket_id)?.into_iter().rev() {
                                let rec = self.store.hearing(h)?;
                                if rec.draw_id == d.id && !rec.state.is_closed() {
                                    found = Some(Box::new(rec));
                                    break;
                                }
                            }
                            found
                        }
                        None => None,
                    };
                    Ok((draw.map(Box::new), hearing))
                })();
                O::HearingOpened(r.map_err(msg))
            }
            E::ReloadHearing(id) => {
                O::HearingUpdated(self.store.hearing(id).map(Box::new).map_err(msg))
            }
            E::CreateHearing {
                draw_id,
                date,
                place,
                host,
            } => {
                let r = self
                    .store
                    .create_hearing(actor, draw_id, date, &place, &host, now)
                    .and_then(|id| self.store.hearing(id));
                O::HearingUpdated(r.map(Box::new).map_err(msg))
            }
            E::Hearing { hearing_id, step } => {
                let h = hearing_id;
                let r = match step {
                    HearingStep::Absent(rep) => {
                        self.store.mark_absent(actor, h, rep, now).map(|_| ())
                    }
                    HearingStep::Open => self.store.open_hearing(actor, h, now),
                    HearingStep::Note { phase, party, note } => self
                        .store
                        .add_hearing_note(actor, h, &phase, &party, &note, now),
                    HearingStep::Questions(qs, rule) => {
                        self.store.fix_questions(actor, h, &qs, rule, now)
                    }
                    HearingStep::Vote {
                        question,
                        rep,
                        choice,
                        reason,
                    } => self
                        .store
                        .cast_vote(actor, h, question, rep, choice, &reason, now),
                    HearingStep::Correct {
                        question,
                        rep,
                        choice,
                        reason,
                        correction,
                    } => self.store.correct_vote(
                        actor,
                        h,
                        question,
                        rep,
                        choice,
                        &reason,
                        &correction,
                        now,
                    ),
                    HearingStep::Close { to_sign } => {
                        let r = self
                            .with_flow(now, |s, ctx| s.close_hearing(actor, h, to_sign, ctx, now));
                        return O::HearingClosed(r.map_err(msg));
                    }
                };
                O::HearingUpdated(
                    r.and_then(|_| self.store.hearing(h))
                        .map(Box::new)
                        .map_err(msg),
                )
            }
            E::PrintHearing { hearing_id } => {
                let r = (|| -> Result<PathBuf, StoreError> {
                    let h = self.store.hearing(hearing_id)?;
                    let d = self.store.draw(h.draw_id)?;
                    crate::paper::write_printout(
                        &self.store,
                        &self.print_dir,
                        &format!("评理记录-{}-{hearing_id}.txt", h.case),
                        &crate::paper::hearing_minutes(&h, &d, lang),
                        lang,
                    )
                })();
                O::Printed(r.map_err(msg))
            }
        }
    }
}
