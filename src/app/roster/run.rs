//! Running the roster pane's effects against the store.

use crate::text::T;
use chrono::NaiveDateTime;

use crate::app::effects::Ctx;
use crate::domain::roles::Actor;
use crate::store::StoreError;

impl Ctx {
    pub(crate) fn run_roster(
        &mut self,
        actor: &Actor,
        e: super::RosterEffect,
        now: NaiveDateTime,
    ) -> super::RosterOutcome {
        use super::{RosterEffect as E, RosterOutcome as O};

        let lang = self.lang;
        let msg = move |e: StoreError| e.message(lang);
        match e {
            E::LoadRoster {
                query,
                after,
                before,
                select,
            } => {
                let page = self.store.roster_page(&query, after, before, 60);
                let count = self.store.roster_count(&query);
                match (page, count) {
                    (Ok((rows, more)), Ok(count)) => {
                        let (more_after, more_before) = match (after, before) {
                            (_, Some(_)) => (true, more),
                            (Some(_), None) => (more, true),
                            (None, None) => (more, false),
                        };
                        O::Roster {
                            rows,
                            more_after,
                            more_before,
                            count,
                            select,
                            anchor: (after, before),
                        }
                    }
                    (Err(e), _) | (_, Err(e)) => O::RosterSaved(Err(msg(e))),
                }
            }
            E::LoadRep(id) => match self.store.rep_detail(id, now.date()) {
                Ok(d) => O::Rep(Box::new(d)),
                Err(e) => O::RosterSaved(Err(msg(e))),
            },
            E::SaveRep { existing, input } => {
                let r = match existing {
                    Some((id, version)) => self
                        .store
                        .edit_rep(actor, id, version, &input, now)
                        .map(|_| T::Saved.get(lang).to_string()),
                    None => self
                        .store
                        .add_rep(actor, &input, now)
                        .map(|_| T::RepresentativeAdded.get(lang).to_string()),
                };
                O::RosterSaved(r.map_err(msg))
            }
            E::RepStatus {
                id,
                to,
                date,
                reason,
            } => O::RosterSaved(
                self.store
                    .change_rep_status(actor, id, to, date, &reason, now)
                    .map(|_| T::StatusChanged.get(lang).to_string())
                    .map_err(msg),
            ),
            E::RepTraining {
                id,
                date,
                topic,
                hours,
            } => O::RosterSaved(
                self.store
                    .add_training(actor, id, date, &topic, hours, now)
                    .map(|_| T::TrainingRecorded.get(lang).to_string())
                    .map_err(msg),
            ),
        }
    }
}
