//! Submitting the members pane's forms: check what the clerk typed, then ask for the change.

use crate::app::choices::{fail, form_to_check};
use crate::text::T;
use chrono::NaiveTime;

use super::*;
use crate::app::form::{FieldId as F, Val};
use crate::app::{App, Effect};
use crate::domain::calendar::parse_date;
use crate::domain::intake::{FirstHandler, IntakeForm, PetitionerForm, validate};
use crate::domain::members::WishMove;
use crate::domain::members::{
    ContactMethod, HouseholdForm, MemberForm, WishState, validate_household, validate_member,
};
use crate::domain::vocab::{Channel, Urgency};
use crate::records::members::NewContact;

impl App {
    pub(crate) fn submit_members(&mut self, kind: MembersForm) -> Vec<Effect> {
        let lang = self.lang;
        let Some(f) = form_to_check(&mut self.form) else {
            return vec![];
        };
        let _hhmm = |s: &str| NaiveTime::parse_from_str(s.trim(), "%H:%M");
        let _bad_time = |s: &str| T::IsNotATimeUseHh2.fill(lang, &[&s]);
        let fx = |e: MembersEffect| vec![Effect::Members(e)];
        match kind {
            MembersForm::MemberSearch => {
                self.members.search = f.text(F::Q).trim().to_string();
                self.form = None;
                self.members.view = MemberView::Members;
                self.members.selected = 0;
                self.members.pages = vec![None];
                vec![self.load_members(None, None)]
            }
            MembersForm::Member => self.submit_member(),
            MembersForm::Household => {
                let form = HouseholdForm {
                    place: f
                        .id(F::Place)
                        .and_then(|p| self.refs.place(p))
                        .map(|p| p.name.clone())
                        .unwrap_or_default(),
                    address: f.text(F::Address),
                    head: f.text(F::Head),
                    kind: f.field(F::Kind).map(|x| x.value_text()).unwrap_or_default(),
                    needs: f.text(F::Needs),
                    plan: f.text(F::Plan),
                };
                match validate_household(&form) {
                    Ok(h) => fx(MembersEffect::AddHousehold(Box::new(h))),
                    Err(errs) => {
                        f.set_named_errors(
                            errs.into_iter().map(|(k, p)| (k, p.text(lang).to_string())),
                        );
                        vec![]
                    }
                }
            }
            MembersForm::Contact {
                member_id,
                household_id,
            } => self.submit_contact(member_id, household_id),
            MembersForm::Wish { household_id } => fx(MembersEffect::AddWish {
                household_id,
                wish: f.text(F::Wish),
            }),
            MembersForm::WishMove { id, to } => {
                let mv = match to {
                    WishState::Fulfilled => match parse_date(&f.text(F::Date)) {
                        Ok(on) => WishMove::Fulfil {
                            on,
                            note: f.text(F::Note),
                        },
                        Err(p) => return fail(f, F::Date, p.text(lang).to_string()),
                    },
                    _ => WishMove::Return {
                        note: f.text(F::Note),
                    },
                };
                fx(MembersEffect::MoveWish { id, mv })
            }
            MembersForm::Escalate {
                member_id,
                household_id,
            } => self.submit_escalate(member_id, household_id),
            MembersForm::Inspect { .. } | MembersForm::Findings { .. } => {
                self.submit_members_work_undated(kind)
            }
            _ => self.submit_members_work(kind),
        }
    }

    /// A contact with a household (visit, call, message) is recorded.
    fn submit_contact(&mut self, member_id: Option<i64>, household_id: Option<i64>) -> Vec<Effect> {
        let lang = self.lang;
        let Some(f) = form_to_check(&mut self.form) else {
            return vec![];
        };
        let fx = |e: MembersEffect| vec![Effect::Members(e)];
        let date = match parse_date(&f.text(F::Date)) {
            Ok(d) => d,
            Err(p) => return fail(f, F::Date, p.text(lang).to_string()),
        };
        let (Some(m), Some(h)) = (
            member_id.or(f.id(F::Member)),
            household_id.or(f.id(F::Household)),
        ) else {
            let key = if member_id.is_none() {
                F::Member
            } else {
                F::Household
            };
            return fail(f, key, T::ChooseOne.text(lang));
        };
        let method = f
            .nth(F::Method)
            .and_then(|i| ContactMethod::ALL.get(i))
            .copied()
            .unwrap_or(ContactMethod::Visit);
        fx(MembersEffect::Contact(NewContact {
            member_id: m,
            household_id: h,
            date,
            method,
            notes: f.text(F::Notes),
        }))
    }

    /// A problem a member found in a household becomes a petition.
    fn submit_escalate(&mut self, member_id: i64, household_id: i64) -> Vec<Effect> {
        let lang = self.lang;
        let today = self.today();
        let Some(f) = form_to_check(&mut self.form) else {
            return vec![];
        };
        let fx = |e: MembersEffect| vec![Effect::Members(e)];
        let place = self
            .members
            .household
            .as_ref()
            .map(|h| h.household.place_id);
        let form = IntakeForm {
            channel: Some(Channel::PartyMember),
            petitioners: vec![PetitionerForm {
                name: f.text(F::Name),
                mobile: f.text(F::Mobile),
                resident_id: String::new(),
                address: f.text(F::Address),
                place_id: place,
            }],
            collective: false,
            head_count: String::new(),
            category_id: f.id(F::Category),
            summary: f.text(F::Summary),
            content: f.text(F::Content),
            request: f.text(F::Request),
            urgency: Urgency::Normal,
            first_handler: self
                .session
                .as_ref()
                .and_then(|s| s.actor.staff_id)
                .map(FirstHandler::Staff),
            visit_ref: String::new(),
        };
        match validate(&form, today) {
            Ok(intake) => fx(MembersEffect::Escalate {
                member_id,
                household_id,
                intake: Box::new(intake),
                hard: f.nth(F::Kind) == Some(1),
            }),
            Err(problems) => {
                f.set_named_errors(intake_errors(problems, lang));
                vec![]
            }
        }
    }

    /// A new employed Party member.
    fn submit_member(&mut self) -> Vec<Effect> {
        let lang = self.lang;
        let Some(f) = form_to_check(&mut self.form) else {
            return vec![];
        };
        let fx = |e: MembersEffect| vec![Effect::Members(e)];
        let form = MemberForm {
            name: f.text(F::Name),
            unit: f.text(F::Unit),
            position: f.text(F::Position),
            place: f
                .id(F::Place)
                .and_then(|p| self.refs.place(p))
                .map(|p| p.name.clone())
                .unwrap_or_default(),
            profession: f.text(F::Profession),
            skills: f.text(F::Skills),
            pool: f.field(F::Pool).map(|x| x.value_text()).unwrap_or_default(),
            key_selected: if f.choice(F::Key) == Some(Val::Nth(1)) {
                "是".into()
            } else {
                "否".into()
            },
            selected_by: if f.choice(F::Key) == Some(Val::Nth(1)) {
                f.field(F::By).map(|x| x.value_text()).unwrap_or_default()
            } else {
                String::new()
            },
            mobile: f.text(F::Mobile),
        };
        match validate_member(&form) {
            Ok(m) => fx(MembersEffect::AddMember(Box::new(m))),
            Err(errs) => {
                // The domain's names, but for the two choices named shorter here.
                let map = errs.into_iter().map(|(k, p)| {
                    let k = match k {
                        "key_selected" => "key",
                        "selected_by" => "by",
                        k => k,
                    };
                    (k, p.text(lang).to_string())
                });
                f.set_named_errors(map);
                vec![]
            }
        }
    }
}
