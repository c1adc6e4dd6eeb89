//! Effects: the store calls and file writes `update` asks for, run by the loop. Each result
//! comes back as an `Action::Done`.

use crate::text::T;
use std::path::PathBuf;

use chrono::NaiveDateTime;

use super::{Effect, Outcome, TicketView};
use crate::domain::Lang;
use crate::domain::flow::FlowCtx;
use crate::domain::roles::Actor;
use crate::records::staff::Session;
use crate::store::{Store, StoreError};

/// What effects need: the database, the clock, where printed forms go.
pub struct Ctx {
    pub store: Store,
    pub clock: Box<dyn Fn() -> NaiveDateTime + Send>,
    pub print_dir: PathBuf,
    pub lang: Lang,
    /// What "load the demonstration district" on the first-run screen runs, given by whoever
    /// builds the desk (the binary passes `demo::init_demo`), so that the desk does not depend
    /// on the demo generator. `None`: the choice says it is not available.
    pub demo: Option<DemoLoader>,
}

/// Writes the demonstration district into an empty store; returns how many tickets it wrote.
pub type DemoLoader = fn(&mut Store, &Actor, NaiveDateTime) -> crate::store::Result<usize>;

impl Ctx {
    pub fn now(&self) -> NaiveDateTime {
        (self.clock)()
    }

    pub(crate) fn msg(&self, e: StoreError) -> String {
        e.message(self.lang)
    }

    pub fn load_ticket(&self, actor: &Actor, id: i64) -> Result<TicketView, StoreError> {
        let rec = self.store.ticket(actor, id)?;
        let timeline = self.store.timeline(id)?;
        let related = self.store.related(id)?;
        let returns = match rec.department_id {
            Some(d) => Some(self.store.return_count(d)?),
            None => None,
        };
        Ok(TicketView {
            rec,
            timeline,
            related,
            department_returns: returns,
        })
    }

    /// Runs one effect for the signed-in user.
    pub fn run(&mut self, session: Option<&Session>, effect: Effect) -> Option<Outcome> {
        let now = self.now();
        let actor = session.map(|s| s.actor.clone());
        let lang = self.lang;
        let need = |a: &Option<Actor>| a.clone().ok_or_else(|| T::NotSignedIn.text(lang));
        Some(match effect {
            Effect::LoadRefs => match (self.store.refs(), self.store.calendar()) {
                (Ok(r), Ok(c)) => Outcome::Refs(Box::new(r), Box::new(c)),
                (Err(e), _) | (_, Err(e)) => Outcome::Error(self.msg(e)),
            },
            Effect::LoadCounts => {
                let actor = match need(&actor) {
                    Ok(a) => a,
                    Err(e) => return Some(Outcome::Error(e)),
                };
                match self.store.desk_counts(&actor, now.date()) {
                    Ok(c) => Outcome::Counts(c),
                    Err(e) => Outcome::Error(self.msg(e)),
                }
            }
            Effect::Poll => match self.store.changed_elsewhere() {
                Ok(changed) => Outcome::Polled { changed },
                Err(e) => Outcome::Error(self.msg(e)),
            },
            Effect::Session(e) => self.run_session(actor.as_ref(), e, now),
            Effect::Queue(e) => match need(&actor) {
                Ok(a) => self.run_queue(&a, e, now),
                Err(e) => Outcome::Error(e),
            },
            Effect::Board(e) => match need(&actor) {
                Ok(a) => self.run_board(&a, e, now),
                Err(e) => Outcome::Error(e),
            },
            Effect::Review(e) => match need(&actor) {
                Ok(a) => self.run_review(&a, e, now),
                Err(e) => Outcome::Error(e),
            },
            Effect::Detail(e) => match need(&actor) {
                Ok(a) => self.run_detail(&a, e, now),
                Err(e) => Outcome::Error(e),
            },
            Effect::Intake(e) => match need(&actor) {
                Ok(a) => self.run_intake(&a, e, now),
                Err(e) => Outcome::Error(e),
            },
            Effect::Admin(e) => match need(&actor) {
                Ok(a) => self.run_admin(&a, e, now),
                Err(e) => Outcome::Error(e),
            },
            Effect::Roster(e) => {
                let actor = match need(&actor) {
                    Ok(a) => a,
                    Err(e) => return Some(Outcome::Error(e)),
                };
                Outcome::Roster(self.run_roster(&actor, e, now))
            }
            Effect::Draw(e) => {
                let actor = match need(&actor) {
                    Ok(a) => a,
                    Err(e) => return Some(Outcome::Error(e)),
                };
                Outcome::Draw(self.run_draw(&actor, e, now))
            }
            Effect::Hearing(e) => {
                let actor = match need(&actor) {
                    Ok(a) => a,
                    Err(e) => return Some(Outcome::Error(e)),
                };
                Outcome::Hearing(self.run_hearing(&actor, e, now))
            }
            Effect::Visits(e) => {
                let actor = match need(&actor) {
                    Ok(a) => a,
                    Err(e) => return Some(Outcome::Error(e)),
                };
                Outcome::Visits(self.run_visits(&actor, e, now))
            }
            Effect::Members(e) => {
                let actor = match need(&actor) {
                    Ok(a) => a,
                    Err(e) => return Some(Outcome::Error(e)),
                };
                Outcome::Members(self.run_members(&actor, e, now))
            }
            Effect::Quit => return None,
        })
    }
}

impl Ctx {
    /// Runs a store change that needs the flow's context: today, the calendar, the time limits.
    pub(crate) fn with_flow<T>(
        &mut self,
        now: NaiveDateTime,
        f: impl FnOnce(&mut Store, &FlowCtx) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let cal = self.store.calendar()?;
        let rules = self.store.refs()?.rules();
        let ctx = FlowCtx {
            today: now.date(),
            cal: &cal,
            rules: &rules,
        };
        f(&mut self.store, &ctx)
    }

    /// Resolves representatives' names typed at the desk (each must name exactly one).
    pub(crate) fn resolve_names(&self, names: &[String]) -> Result<Vec<i64>, StoreError> {
        let mut ids = vec![];
        for n in names {
            let q = crate::records::roster::RosterQuery {
                search: n.clone(),
                ..Default::default()
            };
            let (rows, _) = self.store.roster_page(&q, None, None, 10)?;
            let exact: Vec<_> = rows.iter().filter(|r| &r.name == n).collect();
            match exact.as_slice() {
                [one] => ids.push(one.id),
                [] => {
                    return Err(StoreError::Refused(crate::domain::Problem::fill(
                        T::NoRepresentativeNamed,
                        &[&n],
                    )));
                }
                _ => {
                    return Err(StoreError::Refused(crate::domain::Problem::fill(
                        T::RepresentativesAreNamed,
                        &[&exact.len(), &n],
                    )));
                }
            }
        }
        Ok(ids)
    }
}
