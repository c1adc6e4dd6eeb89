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
            Effect::Delib(e) => {
                let actor = match need(&actor) {
                    Ok(a) => a,
                    Err(e) => return Some(Outcome::Error(e)),
                };
                Outcome::Delib(self.run_delib(&actor, e, now))
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

    fn run_delib(
        &mut self,
        actor: &Actor,
        e: super::delib::DelibEffect,
        now: NaiveDateTime,
    ) -> super::delib::DelibOutcome {
        use super::delib::{DelibEffect as E, DelibOutcome as O, HearingStep};
        use crate::store::draws::{DEFAULT_MAX_HEARINGS, nonce, salts};
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
                        .map(|_| lang.pick("已保存", "saved").to_string()),
                    None => self.store.add_rep(actor, &input, now).map(|_| {
                        lang.pick("已新增议事代表", "representative added")
                            .to_string()
                    }),
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
                    .map(|_| lang.pick("状态已变更", "status changed").to_string())
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
                    .map(|_| lang.pick("培训已登记", "training recorded").to_string())
                    .map_err(msg),
            ),
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
                    let id = self.store.freeze_draw(
                        actor,
                        ticket_id,
                        crate::domain::draw::DrawKind::Panel,
                        &settings,
                        labels.len(),
                        &report,
                        &nonce(),
                        now,
                    )?;
                    Ok((
                        Box::new(self.store.draw(id)?),
                        Box::new(report),
                        salts(labels.len()),
                    ))
                })();
                O::DrawPrepared(result.map_err(msg))
            }
            E::RevealDraw { draw_id, parties } => O::DrawUpdated(
                self.store
                    .reveal_draw(actor, draw_id, &parties, now)
                    .map(Box::new)
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
                    std::fs::create_dir_all(&self.print_dir)?;
                    let path = self
                        .print_dir
                        .join(format!("抽签凭据-{}-{draw_id}.txt", d.case));
                    std::fs::write(&path, d.receipt.unwrap_or_default())?;
                    Ok(path)
                })();
                O::Printed(r.map_err(msg))
            }
            E::QuickDraw { ticket_id } => {
                let r = (|| -> Result<(i64, Vec<i64>, Vec<String>), StoreError> {
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
                    let id = self.store.freeze_draw(
                        actor,
                        ticket_id,
                        crate::domain::draw::DrawKind::Mediation,
                        &settings,
                        0,
                        &report,
                        &nonce(),
                        now,
                    )?;
                    self.store.reveal_draw(actor, id, &[], now)?;
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
                outcome,
            } => {
                let r = (|| -> Result<String, StoreError> {
                    let ids = match member_ids {
                        Some(ids) => ids,
                        None => self.resolve_names(&members)?,
                    };
                    self.with_flow(now, |s, ctx| {
                        s.record_mediation(actor, ticket_id, &ids, draw_id, &outcome, ctx, now)
                    })?;
                    Ok(lang
                        .pick("调解结果已记录", "mediation recorded")
                        .to_string())
                })();
                O::Mediated(r.map_err(msg))
            }
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
                    std::fs::create_dir_all(&self.print_dir)?;
                    let path = self
                        .print_dir
                        .join(format!("评理记录-{}-{hearing_id}.txt", h.case));
                    std::fs::write(&path, crate::paper::hearing_minutes(&h, &d, lang))?;
                    Ok(path)
                })();
                O::Printed(r.map_err(msg))
            }
        }
    }
}
