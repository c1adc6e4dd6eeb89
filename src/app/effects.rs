//! Effects: the store calls and file writes `update` asks for, run by the loop. Each result
//! comes back as an `Action::Done`.

use std::path::PathBuf;

use chrono::NaiveDateTime;

use super::{Effect, Outcome, TicketView};
use crate::domain::Lang;
use crate::domain::flow::FlowCtx;
use crate::domain::roles::Actor;
use crate::store::staff::Session;
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

    pub(crate) fn load_ticket(&self, actor: &Actor, id: i64) -> Result<TicketView, StoreError> {
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
        let need = |a: &Option<Actor>| a.clone().ok_or_else(|| "未登录".to_string());
        Some(match effect {
            Effect::SignIn { staff_no, pin } => Outcome::SignedIn(
                self.store
                    .sign_in(&staff_no, &pin, now)
                    .map_err(|e| self.msg(e)),
            ),
            Effect::Setup {
                center,
                level,
                admin,
                pin,
            } => Outcome::SignedIn(
                self.store
                    .setup(&center, level, &admin, &pin, now)
                    .map_err(|e| self.msg(e)),
            ),
            Effect::LoadDemo => {
                let cli = Actor::cli(&crate::clock::os_user());
                Outcome::DemoLoaded(match self.demo {
                    Some(load) => load(&mut self.store, &cli, now).map_err(|e| self.msg(e)),
                    None => Err(self
                        .lang
                        .pick("此版本不带示范数据", "this build has no demonstration data")
                        .to_string()),
                })
            }
            Effect::LoadRefs => match (self.store.refs(), self.store.calendar()) {
                (Ok(r), Ok(c)) => Outcome::Refs(Box::new(r), Box::new(c)),
                (Err(e), _) | (_, Err(e)) => Outcome::Error(self.msg(e)),
            },
            Effect::LoadQueue {
                query,
                cursor,
                select,
                page_size,
                reason,
            } => {
                let actor = match need(&actor) {
                    Ok(a) => a,
                    Err(e) => return Some(Outcome::Error(e)),
                };
                let page = self.store.queue_page(&actor, &query, &cursor, page_size);
                let cap = if query.search.is_some() {
                    super::SEARCH_COUNT_CAP
                } else {
                    super::COUNT_CAP
                };
                let count = self.store.queue_count(&actor, &query, cap);
                match (page, count) {
                    (Ok(page), Ok(count)) => Outcome::Queue {
                        page,
                        count,
                        cursor,
                        select,
                        reason,
                    },
                    (Err(e), _) | (_, Err(e)) => Outcome::Error(self.msg(e)),
                }
            }
            Effect::LoadBoard {
                cursors,
                page_size,
                reason,
            } => {
                let actor = match need(&actor) {
                    Ok(a) => a,
                    Err(e) => return Some(Outcome::Error(e)),
                };
                let mut cols = vec![];
                for (stage, cursor) in cursors {
                    match self
                        .store
                        .board_column(&actor, stage, now.date(), &cursor, page_size)
                    {
                        Ok((total, overdue, page)) => {
                            cols.push((stage, total, overdue, page, cursor))
                        }
                        Err(e) => return Some(Outcome::Error(self.msg(e))),
                    }
                }
                Outcome::Board(cols, reason)
            }
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
            Effect::LoadTicket { id, reason } => {
                let actor = match need(&actor) {
                    Ok(a) => a,
                    Err(e) => return Some(Outcome::Error(e)),
                };
                Outcome::Ticket(
                    self.load_ticket(&actor, id)
                        .map(Box::new)
                        .map_err(|e| self.msg(e)),
                    reason,
                )
            }
            Effect::Move { id, version, mv } => {
                let actor = match need(&actor) {
                    Ok(a) => a,
                    Err(e) => return Some(Outcome::Error(e)),
                };
                match self.with_flow(now, |s, ctx| {
                    s.apply_move(&actor, id, version, &mv, ctx, now)
                }) {
                    Ok(change) => Outcome::Moved {
                        id,
                        change: Ok(change),
                    },
                    Err(e @ StoreError::Stale(_)) => Outcome::Moved {
                        id,
                        change: Err((self.msg(e), true)),
                    },
                    Err(e) => Outcome::Moved {
                        id,
                        change: Err((self.msg(e), false)),
                    },
                }
            }
            Effect::Register { intake, link } => {
                let actor = match need(&actor) {
                    Ok(a) => a,
                    Err(e) => return Some(Outcome::Error(e)),
                };
                Outcome::Registered(
                    self.with_flow(now, |s, ctx| s.register(&actor, &intake, link, ctx, now))
                        .map_err(|e| self.msg(e)),
                )
            }
            Effect::Earlier {
                mobile,
                resident_id,
            } => {
                let actor = match need(&actor) {
                    Ok(a) => a,
                    Err(e) => return Some(Outcome::Error(e)),
                };
                match self.store.earlier_petitions(
                    &actor,
                    mobile.as_deref(),
                    resident_id.as_deref(),
                    20,
                ) {
                    Ok(list) => Outcome::Earlier(list),
                    Err(e) => Outcome::Error(self.msg(e)),
                }
            }
            Effect::SaveRef(edit) => {
                let actor = match need(&actor) {
                    Ok(a) => a,
                    Err(e) => return Some(Outcome::Error(e)),
                };
                Outcome::Saved(
                    self.store
                        .save_ref(&actor, &edit, now)
                        .map(|_| ())
                        .map_err(|e| self.msg(e)),
                )
            }
            Effect::SetRefActive { table, id, active } => {
                let actor = match need(&actor) {
                    Ok(a) => a,
                    Err(e) => return Some(Outcome::Error(e)),
                };
                Outcome::Saved(
                    self.store
                        .set_ref_active(&actor, table, id, active, now)
                        .map_err(|e| self.msg(e)),
                )
            }
            Effect::DeleteLimit(id) => {
                let actor = match need(&actor) {
                    Ok(a) => a,
                    Err(e) => return Some(Outcome::Error(e)),
                };
                Outcome::Saved(
                    self.store
                        .delete_limit(&actor, id, now)
                        .map_err(|e| self.msg(e)),
                )
            }
            Effect::SaveStaff {
                id,
                input,
                center_id,
                department_id,
            } => {
                let actor = match need(&actor) {
                    Ok(a) => a,
                    Err(e) => return Some(Outcome::Error(e)),
                };
                Outcome::Saved(
                    self.store
                        .save_staff(&actor, id, &input, center_id, department_id, now)
                        .map(|_| ())
                        .map_err(|e| self.msg(e)),
                )
            }
            Effect::SetStaffActive { id, active } => {
                let actor = match need(&actor) {
                    Ok(a) => a,
                    Err(e) => return Some(Outcome::Error(e)),
                };
                Outcome::Saved(
                    self.store
                        .set_staff_active(&actor, id, active, now)
                        .map_err(|e| self.msg(e)),
                )
            }
            Effect::ChangePin { old, new } => {
                let actor = match need(&actor) {
                    Ok(a) => a,
                    Err(e) => return Some(Outcome::Error(e)),
                };
                Outcome::Saved(
                    self.store
                        .change_own_pin(&actor, &old, &new, now)
                        .map_err(|e| self.msg(e)),
                )
            }
            Effect::Print { id } => {
                let actor = match need(&actor) {
                    Ok(a) => a,
                    Err(e) => return Some(Outcome::Error(e)),
                };
                let result = (|| -> Result<PathBuf, StoreError> {
                    let view = self.load_ticket(&actor, id)?;
                    let refs = self.store.refs()?;
                    let form =
                        crate::paper::ticket_form(&view.rec, &view.timeline, &refs, self.lang);
                    std::fs::create_dir_all(&self.print_dir)?;
                    let path = self
                        .print_dir
                        .join(format!("一单制办理单-{}.txt", view.rec.number()));
                    std::fs::write(&path, form)?;
                    Ok(path)
                })();
                Outcome::Printed(result.map_err(|e| self.msg(e)))
            }
            Effect::Poll => match self.store.changed_elsewhere() {
                Ok(changed) => Outcome::Polled { changed },
                Err(e) => Outcome::Error(self.msg(e)),
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
            let q = crate::store::roster::RosterQuery {
                search: n.clone(),
                ..Default::default()
            };
            let (rows, _) = self.store.roster_page(&q, None, None, 10)?;
            let exact: Vec<_> = rows.iter().filter(|r| &r.name == n).collect();
            match exact.as_slice() {
                [one] => ids.push(one.id),
                [] => {
                    return Err(StoreError::Refused(crate::domain::Problem::new(
                        format!("名册中没有“{n}”"),
                        format!("no representative named “{n}”"),
                    )));
                }
                _ => {
                    return Err(StoreError::Refused(crate::domain::Problem::new(
                        format!(
                            "名册中有 {} 位“{n}”，请在名册中核对后改用快速抽取或调整姓名",
                            exact.len()
                        ),
                        format!("{} representatives are named “{n}”", exact.len()),
                    )));
                }
            }
        }
        Ok(ids)
    }
}
