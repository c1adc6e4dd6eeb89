//! Submitting the roster pane's forms: check what the clerk typed, then ask for the change.

use super::*;
use crate::app::choices::{fail, form_to_check};
use crate::app::form::FieldId as F;
use crate::app::{App, Effect};
use crate::domain::calendar::parse_date;
use crate::domain::roster::{
    ChosenBy, RepCategory, RepForm, RepStatus, Sex, validate_rep, validate_training,
};

impl App {
    pub(crate) fn submit_roster(&mut self, kind: RosterForm) -> Vec<Effect> {
        let lang = self.lang;
        let today = self.today();
        let Some(f) = form_to_check(&mut self.form) else {
            return vec![];
        };
        match kind {
            RosterForm::RosterSearch => {
                self.roster.query.search = f.text(F::Q).trim().to_string();
                self.form = None;
                vec![self.load_roster(None, None, None)]
            }
            RosterForm::RepAdd | RosterForm::RepEdit { .. } => {
                let form = RepForm {
                    name: f.text(F::Name),
                    sex: f
                        .nth(F::Sex)
                        .and_then(|n| Sex::ALL.get(n))
                        .map(|s| s.code().to_string())
                        .unwrap_or_default(),
                    place: f
                        .id(F::Place)
                        .and_then(|p| self.refs.place(p))
                        .map(|p| p.name.clone())
                        .unwrap_or_default(),
                    category: f
                        .nth(F::Category)
                        .and_then(|c| RepCategory::ALL.get(c))
                        .map(|c| c.code().to_string())
                        .unwrap_or_default(),
                    chosen_by: f
                        .nth(F::ChosenBy)
                        .and_then(|n| ChosenBy::ALL.get(n))
                        .map(|c| c.code().to_string())
                        .unwrap_or_default(),
                    occupation: f.text(F::Occupation),
                    expertise: f.text(F::Expertise),
                    mobile: f.text(F::Mobile),
                    term_start: f.text(F::TermStart),
                    term_end: f.text(F::TermEnd),
                    resident_id: f.text(F::IdNumber),
                };
                match validate_rep(&form, today) {
                    Ok(input) => {
                        let existing = match kind {
                            RosterForm::RepEdit { id, version } => Some((id, version)),
                            _ => None,
                        };
                        vec![Effect::Roster(RosterEffect::SaveRep {
                            existing,
                            input: Box::new(input),
                        })]
                    }
                    Err(errs) => {
                        let map = errs.into_iter().map(|(k, p)| (k, p.text(lang).to_string()));
                        f.set_named_errors(map);
                        vec![]
                    }
                }
            }
            RosterForm::RepStatus { id } => {
                let to = f
                    .nth(F::To)
                    .and_then(|i| RepStatus::ALL.get(i))
                    .copied()
                    .unwrap_or(RepStatus::Active);
                match parse_date(&f.text(F::Date)) {
                    Ok(date) => vec![Effect::Roster(RosterEffect::RepStatus {
                        id,
                        to,
                        date,
                        reason: f.text(F::Reason),
                    })],
                    Err(p) => fail(f, F::Date, p.text(lang).to_string()),
                }
            }
            RosterForm::RepTraining { id } => {
                match validate_training(&f.text(F::Date), &f.text(F::Topic), &f.text(F::Hours)) {
                    Ok((date, topic, hours)) => vec![Effect::Roster(RosterEffect::RepTraining {
                        id,
                        date,
                        topic,
                        hours,
                    })],
                    Err(p) => {
                        f.message = Some(p.text(lang).to_string());
                        vec![]
                    }
                }
            }
        }
    }
}
