//! Submitting the visits pane's forms: check what the clerk typed, then ask for the change.

use crate::app::choices::{fail, form_to_check};
use crate::text::T;
use chrono::NaiveTime;

use super::*;
use crate::app::form::{FieldId as F, Val};
use crate::app::{App, Effect};
use crate::domain::calendar::parse_date;
use crate::domain::intake::{FirstHandler, IntakeForm, PetitionerForm, validate};
use crate::domain::visits::VisitSettings;
use crate::domain::vocab::{Channel, PlaceKind, Urgency};
use crate::records::visits::Matter;

impl App {
    pub(crate) fn submit_visits(&mut self, kind: VisitsForm) -> Vec<Effect> {
        let lang = self.lang;
        let Some(f) = form_to_check(&mut self.form) else {
            return vec![];
        };
        let hhmm = |s: &str| NaiveTime::parse_from_str(s.trim(), "%H:%M");
        let bad_time = |s: &str| T::IsNotATimeUseHh2.fill(lang, &[&s]);
        let fx = |e: VisitsEffect| vec![Effect::Visits(e)];
        match kind {
            VisitsForm::Absent { visit_id, version } => self.submit_absent(visit_id, version),
            VisitsForm::Held { visit_id, version } => fx(VisitsEffect::Held {
                id: visit_id,
                version,
                notes: f.text(F::Notes),
            }),
            VisitsForm::NotHeld { visit_id, version } => fx(VisitsEffect::NotHeld {
                id: visit_id,
                version,
                reason: f.text(F::Reason),
            }),
            VisitsForm::Register { visit_id } => self.submit_register(visit_id),
            VisitsForm::Pick { visit_id } => match f.text(F::N).trim().parse::<u32>() {
                Ok(n) if crate::domain::visits::PICK_RANGE.contains(&n) => fx(VisitsEffect::Pick {
                    visit_id,
                    n,
                    void_reason: f.text(F::Reason),
                }),
                _ => fail(f, F::N, T::EnterTwoToFour.text(lang)),
            },
            VisitsForm::Report { visit_id } => match f.id(F::Member) {
                Some(member_id) => fx(VisitsEffect::Report {
                    visit_id,
                    member_id,
                    report: f.text(F::Report),
                }),
                None => fail(f, F::Member, T::ChooseThePartyMember.text(lang)),
            },
            VisitsForm::City => {
                let Some(place_id) = f.id(F::Place) else {
                    return fail(f, F::Place, T::ChooseTheCommunity.text(lang));
                };
                let date = match parse_date(&f.text(F::Date)) {
                    Ok(d) => d,
                    Err(p) => return fail(f, F::Date, p.text(lang).to_string()),
                };
                let time = match hhmm(&f.text(F::Time)) {
                    Ok(t) => t,
                    Err(_) => return fail(f, F::Time, bad_time(&f.text(F::Time))),
                };
                let arranged_on = match parse_date(&f.text(F::ArrangedOn)) {
                    Ok(d) => d,
                    Err(p) => return fail(f, F::ArrangedOn, p.text(lang).to_string()),
                };
                fx(VisitsEffect::City {
                    place_id,
                    date,
                    time,
                    leader: f.text(F::Leader),
                    arranged_by: f.text(F::ArrangedBy),
                    arranged_on,
                })
            }
            VisitsForm::Explain {
                visit_id,
                leader_id,
                year,
            } => fx(VisitsEffect::Explain {
                visit_id,
                leader_id,
                year,
                text: f.text(F::Note),
            }),
            VisitsForm::Review { summary_id } => match f.id(F::Leader) {
                Some(leader_id) => fx(VisitsEffect::Review {
                    summary_id,
                    leader_id,
                    comments: f.text(F::Note),
                }),
                None => fail(f, F::Leader, T::ReviewerMustBePrincipal.text(lang)),
            },
            VisitsForm::Heard => {
                let year = match f.text(F::Year).trim().parse::<i32>() {
                    Ok(y) if (2000..=2100).contains(&y) => y,
                    _ => return fail(f, F::Year, T::EnterAYear.text(lang)),
                };
                let heard_on = match parse_date(&f.text(F::Date)) {
                    Ok(d) => d,
                    Err(p) => return fail(f, F::Date, p.text(lang).to_string()),
                };
                fx(VisitsEffect::Heard {
                    year,
                    half: f.nth(F::Half).map_or(1, |h| h as u32 + 1),
                    heard_on,
                    meeting: f.text(F::Topic),
                    remarks: f.text(F::Note),
                })
            }
            VisitsForm::Assignments => self.submit_assignments(),
            VisitsForm::Ledger => self.submit_ledger_export(),
            VisitsForm::Report2 => match f.text(F::Year).trim().parse::<i32>() {
                Ok(year) if (2000..=2100).contains(&year) => fx(VisitsEffect::ComplianceReport {
                    year,
                    half: f.nth(F::Half).map_or(1, |h| h as u32 + 1),
                }),
                _ => fail(f, F::Year, T::EnterAYear.text(lang)),
            },
            VisitsForm::Settings => {
                let c = match hhmm(&f.text(F::Community)) {
                    Ok(t) => t,
                    Err(_) => return fail(f, F::Community, bad_time(&f.text(F::Community))),
                };
                let t = match hhmm(&f.text(F::Township)) {
                    Ok(t) => t,
                    Err(_) => return fail(f, F::Township, bad_time(&f.text(F::Township))),
                };
                match f.text(F::Days).trim().parse::<i64>() {
                    Ok(d) => fx(VisitsEffect::SaveSettings(VisitSettings {
                        community_time: c,
                        township_time: t,
                        notice_days: d,
                    })),
                    Err(_) => fail(f, F::Days, T::EnterANumberOfDays.text(lang)),
                }
            }
        }
    }

    /// The ledger export form: whose ledger, which dates, which format.
    fn submit_ledger_export(&mut self) -> Vec<Effect> {
        let lang = self.lang;
        let Some(f) = form_to_check(&mut self.form) else {
            return vec![];
        };
        let fx = |e: VisitsEffect| vec![Effect::Visits(e)];
        let from = match parse_date(&f.text(F::From)) {
            Ok(d) => d,
            Err(p) => return fail(f, F::From, p.text(lang).to_string()),
        };
        let to = match parse_date(&f.text(F::To)) {
            Ok(d) => d,
            Err(p) => return fail(f, F::To, p.text(lang).to_string()),
        };
        if to < from {
            return fail(f, F::To, T::BeforeTheStart.text(lang));
        }
        fx(VisitsEffect::ExportLedger {
            leader: f.id(F::Leader),
            from,
            to,
            xlsx: f.choice(F::Format) != Some(Val::Nth(1)),
        })
    }

    /// The "leader cannot attend" form.
    fn submit_absent(&mut self, visit_id: i64, version: i64) -> Vec<Effect> {
        let lang = self.lang;
        let today = self.today();
        let Some(f) = form_to_check(&mut self.form) else {
            return vec![];
        };
        let hhmm = |s: &str| NaiveTime::parse_from_str(s.trim(), "%H:%M");
        let bad_time = |s: &str| T::IsNotATimeUseHh2.fill(lang, &[&s]);
        let fx = |e: VisitsEffect| vec![Effect::Visits(e)];
        let substitute = f.id(F::Substitute);
        let date_s = f.text(F::Date);
        let new_date = if date_s.trim().is_empty() {
            None
        } else {
            let d = match parse_date(&date_s) {
                Ok(d) => d,
                Err(p) => return fail(f, F::Date, p.text(lang).to_string()),
            };
            let t = match hhmm(&f.text(F::Time)) {
                Ok(t) => t,
                Err(_) => return fail(f, F::Time, bad_time(&f.text(F::Time))),
            };
            if let Err(p) = crate::domain::visits::check_new_date(d, today) {
                return fail(f, F::Date, p.text(lang).to_string());
            }
            Some((d, t))
        };
        fx(VisitsEffect::Absent {
            id: visit_id,
            version,
            substitute,
            new_date,
            reason: f.text(F::Reason),
        })
    }

    /// Who visits which community, and the township rotation.
    fn submit_assignments(&mut self) -> Vec<Effect> {
        let lang = self.lang;
        let Some(f) = form_to_check(&mut self.form) else {
            return vec![];
        };
        let fx = |e: VisitsEffect| vec![Effect::Visits(e)];
        let split = |t: &str| -> Vec<String> {
            t.split(['、', ',', '，', ';', '；', ' ', '\u{3000}'])
                .map(str::trim)
                .filter(|x| !x.is_empty())
                .map(str::to_string)
                .collect()
        };
        let mut communities = vec![];
        for x in self.refs.leaders.iter().filter(|x| x.active) {
            let key = F::LeaderRow(x.id);
            let mut places = vec![];
            for name in split(&f.text(key)) {
                match self
                    .refs
                    .places
                    .iter()
                    .find(|p| p.active && p.name == name && p.kind != PlaceKind::Town)
                {
                    Some(p) => places.push(p.id),
                    None => {
                        return fail(f, key, T::NoCommunity.fill(lang, &[&name]));
                    }
                }
            }
            communities.push((x.id, places));
        }
        let mut rotation = vec![];
        for name in split(&f.text(F::Rotation)) {
            match self
                .refs
                .leaders
                .iter()
                .find(|x| x.active && x.name == name)
            {
                Some(x) => rotation.push(x.id),
                None => {
                    return fail(f, F::Rotation, T::NoActiveLeader.fill(lang, &[&name]));
                }
            }
        }
        fx(VisitsEffect::SaveAssignments {
            communities,
            rotation,
        })
    }

    /// A petition taken at a visit.
    fn submit_register(&mut self, visit_id: i64) -> Vec<Effect> {
        let lang = self.lang;
        let today = self.today();
        let Some(f) = form_to_check(&mut self.form) else {
            return vec![];
        };
        let fx = |e: VisitsEffect| vec![Effect::Visits(e)];
        let answered = f.choice(F::Outcome) == Some(Val::Nth(0));
        let form = IntakeForm {
            channel: Some(Channel::LeaderCommunity),
            petitioners: vec![PetitionerForm {
                name: f.text(F::Name),
                mobile: f.text(F::Mobile),
                resident_id: String::new(),
                address: f.text(F::Address),
                place_id: f.id(F::Place),
            }],
            collective: false,
            head_count: String::new(),
            category_id: f.id(F::Category),
            summary: f.text(F::Summary),
            content: f.text(F::Content),
            request: f.text(F::Request),
            urgency: Urgency::Normal,
            // The store sets the visiting leader as first handler.
            first_handler: Some(FirstHandler::Leader(0)),
            visit_ref: String::new(),
        };
        let answer = f.text(F::Answer);
        if answered && answer.trim().is_empty() {
            return fail(f, F::Answer, T::EnterTheAnswerGiven.text(lang));
        }
        match validate(&form, today) {
            Ok(intake) => fx(VisitsEffect::Register {
                visit_id,
                intake: Box::new(intake),
                matter: if answered {
                    Matter::Answered(answer)
                } else {
                    Matter::Petition
                },
            }),
            Err(problems) => {
                f.set_named_errors(intake_errors(problems, lang));
                vec![]
            }
        }
    }
}
