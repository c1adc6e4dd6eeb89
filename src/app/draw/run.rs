//! Running the draw pane's effects against the store.

use crate::text::T;
use std::path::PathBuf;

use chrono::NaiveDateTime;

use crate::app::effects::Ctx;
use crate::domain::roles::Actor;
use crate::store::StoreError;

impl Ctx {
    pub(crate) fn run_draw(
        &mut self,
        actor: &Actor,
        e: super::DrawEffect,
        now: NaiveDateTime,
    ) -> super::DrawOutcome {
        use super::{DrawEffect as E, DrawOutcome as O};
        use crate::domain::draw::DEFAULT_MAX_HEARINGS;
        use crate::store::draws::{nonce, salts};
        let lang = self.lang;
        let msg = move |e: StoreError| e.message(lang);
        match e {
            E::PrepareDraw {
                ticket_id,
                settings,
                labels,
                exclusions,
            } => {
                let result = (|| -> Result<_, StoreError> {
                    let mut ex = vec![];
                    for (name, reason) in &exclusions {
                        let ids = self.resolve_names(std::slice::from_ref(name))?;
                        ex.push((ids[0], reason.clone()));
                    }
                    let report = self.store.eligible_pool(
                        now.date(),
                        &ex,
                        &settings,
                        labels.len(),
                        DEFAULT_MAX_HEARINGS,
                    )?;
                    // The nonce stays in this desk's memory until the reveal; the file holds only
                    // its commitment.
                    let nonce = nonce();
                    let id = self.store.freeze_draw(
                        actor,
                        ticket_id,
                        crate::domain::draw::DrawKind::Panel,
                        &settings,
                        labels.len(),
                        &report,
                        &nonce,
                        now,
                    )?;
                    Ok((
                        Box::new(self.store.draw(id)?),
                        Box::new(report),
                        salts(labels.len()),
                        nonce,
                    ))
                })();
                O::DrawPrepared(result.map_err(msg))
            }
            E::RevealDraw {
                draw_id,
                nonce,
                parties,
            } => O::DrawUpdated(
                self.store
                    .reveal_draw(actor, draw_id, &nonce, &parties, now)
                    .map(Box::new)
                    .map_err(msg),
            ),
            E::AbandonDraw { draw_id, reason } => O::Abandoned(
                self.store
                    .abandon_draw(actor, draw_id, &reason, now)
                    .map(|_| draw_id)
                    .map_err(msg),
            ),
            E::LoadStanding {
                ticket_id,
                panel_setup,
            } => O::Standing {
                draw: if panel_setup {
                    self.store
                        .standing_draw_of(ticket_id, crate::domain::draw::DrawKind::Panel)
                } else {
                    self.store.standing_draw(ticket_id)
                }
                .map(|d| d.map(Box::new))
                .map_err(msg),
                panel_setup,
            },
            E::VoidDraw { draw_id, reason } => O::Voided(
                self.store
                    .void_draw(actor, draw_id, &reason, now)
                    .map(|_| draw_id)
                    .map_err(msg),
            ),
            E::CommitParty {
                draw_id,
                idx,
                label,
                commitment,
            } => O::Committed(
                self.store
                    .commit_draw_party(actor, draw_id, idx, &label, &commitment, now)
                    .map_err(msg),
            ),
            E::StrikeDraw {
                draw_id,
                party,
                rep_id,
            } => O::DrawUpdated(
                self.store
                    .strike_draw(actor, draw_id, party, rep_id, now)
                    .map(Box::new)
                    .map_err(msg),
            ),
            E::FinalizeDraw { draw_id } => O::DrawUpdated(
                self.store
                    .finalize_draw(actor, draw_id, now)
                    .map(Box::new)
                    .map_err(msg),
            ),
            E::PrintDraw { draw_id } => {
                let r = (|| -> Result<PathBuf, StoreError> {
                    let d = self.store.draw(draw_id)?;
                    crate::paper::write_printout(
                        &self.store,
                        &self.print_dir,
                        &format!("抽签凭据-{}-{draw_id}.txt", d.case),
                        &self.store.checked_receipt(draw_id)?.unwrap_or_default(),
                        lang,
                    )
                })();
                O::Printed(r.map_err(msg))
            }
            E::QuickDraw { ticket_id } => {
                let r = (|| -> Result<(i64, Vec<i64>, Vec<String>), StoreError> {
                    // A mediators' draw of this case that stands is the draw: pressing F5 again
                    // shows it, it does not draw again until the result pleases.
                    if let Some(d) = self
                        .store
                        .standing_draw_of(ticket_id, crate::domain::draw::DrawKind::Mediation)?
                    {
                        let names = d
                            .final_panel
                            .iter()
                            .map(|r| d.name(*r).to_string())
                            .collect();
                        return Ok((d.id, d.final_panel.clone(), names));
                    }
                    let settings = crate::domain::draw::Settings {
                        panel_size: 3,
                        alternates: 0,
                        strikes_per_party: 0,
                        minimums: vec![],
                    };
                    let report = self.store.eligible_pool(
                        now.date(),
                        &[],
                        &settings,
                        0,
                        DEFAULT_MAX_HEARINGS,
                    )?;
                    let nonce = nonce();
                    let id = self.store.freeze_draw(
                        actor,
                        ticket_id,
                        crate::domain::draw::DrawKind::Mediation,
                        &settings,
                        0,
                        &report,
                        &nonce,
                        now,
                    )?;
                    self.store.reveal_draw(actor, id, &nonce, &[], now)?;
                    let d = self.store.finalize_draw(actor, id, now)?;
                    Ok((
                        id,
                        d.final_panel.clone(),
                        d.final_panel
                            .iter()
                            .map(|r| d.name(*r).to_string())
                            .collect(),
                    ))
                })();
                O::QuickDrawn(r.map_err(msg))
            }
            E::Mediation {
                ticket_id,
                members,
                member_ids,
                draw_id,
                manual_reason,
                outcome,
            } => {
                let r = (|| -> Result<String, StoreError> {
                    let ids = match member_ids {
                        Some(ids) => ids,
                        None => self.resolve_names(&members)?,
                    };
                    self.with_flow(now, |s, ctx| {
                        s.record_mediation(
                            actor,
                            ticket_id,
                            &ids,
                            draw_id,
                            &manual_reason,
                            &outcome,
                            ctx,
                            now,
                        )
                    })?;
                    Ok(T::MediationRecorded.get(lang).to_string())
                })();
                O::Mediated(r.map_err(msg))
            }
        }
    }
}
