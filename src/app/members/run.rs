//! Running the members pane's effects against the store.

use crate::text::T;
use std::path::PathBuf;

use chrono::NaiveDateTime;

use crate::app::effects::Ctx;
use crate::domain::roles::Actor;
use crate::store::StoreError;

impl Ctx {
    /// Runs an effect of the 三进 panes.
    pub(crate) fn run_members(
        &mut self,
        actor: &Actor,
        e: super::MembersEffect,
        now: NaiveDateTime,
    ) -> super::MembersOutcome {
        use super::{HouseholdDetail, MembersEffect as E, MembersOutcome as O};

        use chrono::Datelike;
        let lang = self.lang;
        let saved = |r: Result<String, StoreError>, ctx: &Ctx| O::Saved(r.map_err(|e| ctx.msg(e)));
        match e {
            E::LoadMembers {
                view,
                search,
                after,
                select,
            } => self.load_members_page(view, search, after, select, now),
            E::LoadMember(id) => self.load_member_detail(id, now),
            E::LoadHousehold(id) => {
                let r = (|| -> Result<HouseholdDetail, StoreError> {
                    let household = self.store.household(id)?;
                    let member = match household.member_id {
                        Some(m) => Some(self.store.member(m)?.name),
                        None => None,
                    };
                    Ok(HouseholdDetail {
                        last_visit: self.store.last_visit_date(id)?,
                        household,
                        member,
                    })
                })();
                match r {
                    Ok(d) => O::Household(Box::new(d)),
                    Err(e) => O::Saved(Err(self.msg(e))),
                }
            }
            E::AddMember(m) => {
                let r = self
                    .store
                    .add_member(actor, &m, now)
                    .map(|id| T::MemberAddedId.fill(lang, &[&m.name, &id]).to_string());
                saved(r, self)
            }
            E::AddHousehold(h) => {
                let r = self
                    .store
                    .add_household(actor, &h, now)
                    .map(|_| T::HouseholdAdded.fill(lang, &[&h.head]).to_string());
                saved(r, self)
            }
            E::Assign {
                member_id,
                household_id,
            } => {
                let r = self
                    .store
                    .assign(actor, member_id, household_id, now)
                    .map(|_| T::Assigned.text(lang));
                saved(r, self)
            }
            E::Contact(c) => {
                let r = self
                    .store
                    .add_contact(actor, &c, now)
                    .map(|_| T::ContactRecorded.text(lang));
                saved(r, self)
            }
            E::AddWish { household_id, wish } => {
                let r = self
                    .store
                    .add_wish(actor, household_id, &wish, now)
                    .map(|_| T::WishRecorded.text(lang));
                saved(r, self)
            }
            E::MoveWish { id, mv } => {
                let r = self
                    .store
                    .move_wish(actor, id, &mv, now)
                    .map(|_| T::WishUpdated.text(lang));
                saved(r, self)
            }
            E::Escalate {
                member_id,
                household_id,
                intake,
                hard,
            } => {
                let r = (|| -> Result<String, StoreError> {
                    let (_, number, agenda) = self.with_flow(now, |s, ctx| {
                        s.escalate(actor, member_id, household_id, &intake, hard, ctx, now)
                    })?;
                    let mut msg = T::TicketRaisedPartyMember
                        .fill(lang, &[&number])
                        .to_string();
                    match agenda {
                        Some(Some(d)) => msg.push_str(
                            &T::AddedToVisitAgenda
                                .fill(lang, &[&crate::domain::calendar::zh_date(d)]),
                        ),
                        Some(None) => msg.push_str(&T::NoVisitToComeForAgenda.text(lang)),
                        None => {}
                    }
                    Ok(msg)
                })();
                saved(r, self)
            }
            E::PrintCard(id) => {
                let r = (|| -> Result<PathBuf, StoreError> {
                    let m = self.store.member(id)?;
                    let text =
                        crate::sanjin_files::member_card(&self.store, &m, now.date().year())?;
                    crate::paper::write_printout(
                        &self.store,
                        &self.print_dir,
                        &format!("在职党员进社区活动卡-{}-{id}.txt", m.name),
                        &text,
                        self.lang,
                    )
                })();
                O::Written(r.map_err(|e| self.msg(e)))
            }
            E::Work(w) => self.run_members_work(actor, w, now),
            E::PrintHouseholdCard(id) => {
                let r = (|| -> Result<PathBuf, StoreError> {
                    let h = self.store.household(id)?;
                    let text = crate::sanjin_files::household_card(&self.store, id)?;
                    crate::paper::write_printout(
                        &self.store,
                        &self.print_dir,
                        &format!("一户一卡-{}-{id}.txt", h.head),
                        &text,
                        self.lang,
                    )
                })();
                O::Written(r.map_err(|e| self.msg(e)))
            }
            E::AssignChoices(target) => self.assign_choices(target),
        }
    }

    /// A member with their households, suggestions, contacts and tickets.
    fn load_member_detail(&mut self, id: i64, now: NaiveDateTime) -> super::MembersOutcome {
        use super::{MemberDetail, MembersOutcome as O};

        use crate::domain::members::HOUSEHOLDS_PER_MEMBER;

        use chrono::Datelike;
        let r = (|| -> Result<MemberDetail, StoreError> {
            let member = self.store.member(id)?;
            let households = self.store.member_households(id)?;
            let suggestions = if member.key_selected && households.len() < HOUSEHOLDS_PER_MEMBER {
                self.store.suggest_households(id, 5)?
            } else {
                vec![]
            };
            Ok(MemberDetail {
                history: self.store.member_history(id)?,
                contacts: self.store.member_contacts(id, now.date().year())?,
                tickets: self.store.member_tickets(id)?,
                member,
                households,
                suggestions,
            })
        })();
        match r {
            Ok(d) => O::Member(Box::new(d)),
            Err(e) => O::Saved(Err(self.msg(e))),
        }
    }

    /// Candidates for an assignment or a claim, best match first.
    fn assign_choices(&mut self, target: super::MembersPick) -> super::MembersOutcome {
        use super::{MembersOutcome as O, MembersPick};
        use crate::app::form::{Opt, Val};
        use crate::domain::members::HOUSEHOLDS_PER_MEMBER;
        let lang = self.lang;

        let r = (|| -> Result<Vec<Opt>, StoreError> {
            Ok(match &target {
                MembersPick::AssignHousehold(m) => self
                    .store
                    .suggest_households(*m, 50)?
                    .into_iter()
                    .map(|(h, score)| {
                        Opt::new(
                            format!(
                                "{} {}{}",
                                h.head,
                                T::Paren.fill(lang, &[&h.address, &h.kind.label(lang)]),
                                if score > 0 {
                                    T::MatchScore.fill(lang, &[&score])
                                } else {
                                    String::new()
                                }
                            ),
                            Val::Id(h.id),
                        )
                    })
                    .collect(),
                MembersPick::AssignMember(h) => {
                    let place = self.store.household(*h)?.place_id;
                    self.store
                        .members_in(place)?
                        .into_iter()
                        .filter(|m| m.key_selected && m.households < HOUSEHOLDS_PER_MEMBER)
                        .map(|m| {
                            Opt::new(
                                format!(
                                    "{} {} · {}",
                                    m.name,
                                    m.unit,
                                    T::Paren.fill(
                                        lang,
                                        &[
                                            &m.skills,
                                            &T::HouseholdsInCare.fill(lang, &[&m.households])
                                        ]
                                    )
                                ),
                                Val::Id(m.id),
                            )
                        })
                        .collect()
                }
                MembersPick::ClaimWish(w) => {
                    let wish = self.store.wish(*w)?;
                    let place = self.store.household(wish.household_id)?.place_id;
                    self.store
                        .members_in(place)?
                        .into_iter()
                        .map(|m| Opt::new(format!("{} {}", m.name, m.unit), Val::Id(m.id)))
                        .collect()
                }
                _ => vec![],
            })
        })();
        match r {
            Ok(opts) => O::Choices(target, opts),
            Err(e) => O::Saved(Err(self.msg(e))),
        }
    }

    /// One page of the members pane's current list, with the quarter gaps and problem counts.
    fn load_members_page(
        &mut self,
        view: super::MemberView,
        search: String,
        after: Option<i64>,
        select: Option<i64>,
        now: NaiveDateTime,
    ) -> super::MembersOutcome {
        use super::{MemberView, MembersOutcome as O};

        use crate::domain::members::{previous_quarter, quarter};

        let r = (|| -> Result<O, StoreError> {
            let mut out = (vec![], vec![], vec![], vec![], vec![], false);
            match view {
                MemberView::Units => out.0 = self.store.unit_shares()?,
                MemberView::Members => {
                    let (rows, more) = self.store.find_members(&search, after, 100)?;
                    out.1 = rows;
                    out.5 = more;
                }
                MemberView::Households => {
                    let (rows, more) = self.store.households_page(after, 100)?;
                    out.2 = rows;
                    out.5 = more;
                }
                MemberView::Gaps => {
                    let (y, q) = quarter(now.date());
                    let (py, pq) = previous_quarter(y, q);
                    out.3 = vec![
                        (y, q, self.store.coverage_gaps(y, q)?),
                        (py, pq, self.store.coverage_gaps(py, pq)?),
                    ];
                }
                MemberView::Wishes => out.4 = self.store.wishes(200)?,
            }
            let p = self.store.assignment_problems()?;
            let unit_work = if view == MemberView::Units {
                self.unit_work(&out.0, now.date())?
            } else {
                vec![]
            };
            Ok(O::Members {
                unit_work,
                view,
                units: out.0,
                members: out.1,
                households: out.2,
                gaps: out.3,
                wishes: out.4,
                more: out.5,
                problems: (p.members.len(), p.unassigned.len()),
                after,
                select,
            })
        })();
        r.unwrap_or_else(|e| O::Saved(Err(self.msg(e))))
    }
}
