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

    fn msg(&self, e: StoreError) -> String {
        e.message(self.lang)
    }

    fn load_ticket(&self, actor: &Actor, id: i64) -> Result<TicketView, StoreError> {
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
            Effect::Sanjin(e) => {
                let actor = match need(&actor) {
                    Ok(a) => a,
                    Err(e) => return Some(Outcome::Error(e)),
                };
                Outcome::Sanjin(self.run_sanjin(&actor, e, now))
            }
            Effect::Quit => return None,
        })
    }
}

impl Ctx {
    /// Runs a store change that needs the flow's context: today, the calendar, the time limits.
    fn with_flow<T>(
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
    fn resolve_names(&self, names: &[String]) -> Result<Vec<i64>, StoreError> {
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

    /// Runs an effect of the 三进 panes.
    fn run_sanjin(
        &mut self,
        actor: &Actor,
        e: super::sanjin::SanjinEffect,
        now: NaiveDateTime,
    ) -> super::sanjin::SanjinOutcome {
        use super::form::{Opt, Val};
        use super::sanjin::{
            HouseholdDetail, MemberDetail, MemberView, SanjinEffect as E, SanjinOutcome as O,
            SanjinPick, VisitView,
        };
        use crate::domain::members::{HOUSEHOLDS_PER_MEMBER, previous_quarter, quarter};
        use crate::domain::visits::{NoticeState, period, week_ahead};
        use chrono::Datelike;
        let lang = self.lang;
        let t = |zh: &str, en: &str| lang.pick(zh, en).to_string();
        let saved = |r: Result<String, StoreError>, ctx: &Ctx| O::Saved(r.map_err(|e| ctx.msg(e)));
        match e {
            E::LoadVisits {
                view,
                month: (y, m),
                leader,
                select,
            } => {
                let r = (|| -> Result<O, StoreError> {
                    let settings = self.store.visit_settings()?;
                    let today = now.date();
                    let due = self.store.notices_due(today, settings.notice_days)?;
                    let overdue = due
                        .iter()
                        .filter(|v| {
                            v.notice_state(settings.notice_days, today) == NoticeState::Overdue
                        })
                        .count();
                    let unstaffed = self.store.unstaffed_visits()?;
                    let mut ledger = None;
                    let rows = match view {
                        VisitView::Month => {
                            let (from, to) = period(y, Some(m));
                            self.store.visits_between(from, to)?
                        }
                        VisitView::Week => {
                            let (from, to) = week_ahead(today);
                            self.store.visits_between(from, to)?
                        }
                        VisitView::Notices => due.clone(),
                        VisitView::Unstaffed => unstaffed.clone(),
                        VisitView::Ledger => {
                            if let Some(id) = leader {
                                let (from, to) = period(y, None);
                                ledger = Some(Box::new(self.store.leader_ledger(id, from, to)?));
                            }
                            vec![]
                        }
                    };
                    Ok(O::Visits {
                        assignments: self.store.leader_communities()?,
                        rotation: self.store.rotation()?,
                        rows,
                        unstaffed: unstaffed.len(),
                        notices: (due.len(), overdue),
                        settings,
                        ledger,
                        select,
                    })
                })();
                r.unwrap_or_else(|e| O::Saved(Err(self.msg(e))))
            }
            E::LoadVisit(id) => match self.store.visit_detail(id) {
                Ok(d) => O::Visit(Box::new(d)),
                Err(e) => O::Saved(Err(self.msg(e))),
            },
            E::PlanYear(y) => {
                let r = self
                    .store
                    .plan_visits(actor, y, None, now.date(), now)
                    .map(|(n, w)| {
                        lang.pick(
                            &format!("已写入 {y} 年走访计划：新增 {n} 次，按新分工取消 {w} 次"),
                            &format!("{y} plan written: {n} new visits, {w} withdrawn"),
                        )
                        .to_string()
                    });
                saved(r, self)
            }
            E::Absent {
                id,
                version,
                substitute,
                new_date,
                reason,
            } => {
                let r = self
                    .store
                    .leader_cannot_attend(
                        actor,
                        id,
                        Some(version),
                        substitute,
                        new_date,
                        &reason,
                        now,
                    )
                    .map(|_| match (substitute, new_date) {
                        (_, Some(_)) => t(
                            "已改期；预告需要重新张贴",
                            "rescheduled; the notice must be posted again",
                        ),
                        (Some(_), None) => t(
                            "已安排代替领导；预告需要更正",
                            "substitute recorded; the notice needs correcting",
                        ),
                        (None, None) => t(
                            "已记为空岗：请尽快安排代替领导",
                            "recorded with no leader: staff it soon",
                        ),
                    });
                saved(r, self)
            }
            E::Held { id, version, notes } => {
                let r = self
                    .store
                    .record_visit_held(actor, id, Some(version), &notes, now)
                    .map(|_| {
                        t(
                            "已记录：走访已举行（r 登记接待的群众）",
                            "recorded as held (r registers residents)",
                        )
                    });
                saved(r, self)
            }
            E::NotHeld {
                id,
                version,
                reason,
            } => {
                let r = self
                    .store
                    .record_visit_not_held(actor, id, Some(version), &reason, now)
                    .map(|_| t("已记录：走访未举行", "recorded as not held"));
                saved(r, self)
            }
            E::Register {
                visit_id,
                intake,
                matter,
            } => {
                let r = (|| -> Result<String, StoreError> {
                    let answered = matches!(matter, crate::store::visits::Matter::Answered(_));
                    let (_, number) = self.with_flow(now, |s, ctx| {
                        s.register_at_visit(actor, visit_id, &intake, &matter, ctx, now)
                    })?;
                    Ok(if answered {
                        lang.pick(
                            &format!("已登记现场答复 {number}（待回访）"),
                            &format!("answered on the spot: {number} (awaiting feedback)"),
                        )
                        .to_string()
                    } else {
                        lang.pick(
                            &format!("已转为诉求件 {number}，由接待领导首办负责"),
                            &format!("petition {number} raised, owned by the leader"),
                        )
                        .to_string()
                    })
                })();
                saved(r, self)
            }
            E::Pick { visit_id, n } => {
                let r = self
                    .store
                    .pick_members(actor, visit_id, n, &crate::store::draws::nonce(), now)
                    .and_then(|(ids, receipt)| {
                        let names: Vec<String> = ids
                            .iter()
                            .map(|id| self.store.member(*id).map(|m| m.name))
                            .collect::<Result<_, _>>()?;
                        let sha = receipt
                            .lines()
                            .last()
                            .unwrap_or("")
                            .replace("receipt_sha256: ", "");
                        Ok(lang
                            .pick(
                                &format!(
                                    "随机抽取：{}（凭据 {}）",
                                    names.join("、"),
                                    sha.chars().take(12).collect::<String>()
                                ),
                                &format!(
                                    "picked: {} (receipt {})",
                                    names.join(", "),
                                    sha.chars().take(12).collect::<String>()
                                ),
                            )
                            .to_string())
                    });
                saved(r, self)
            }
            E::Report {
                visit_id,
                member_id,
                report,
            } => {
                let r = self
                    .store
                    .member_report(actor, visit_id, member_id, &report, now)
                    .map(|_| t("已记录汇报", "report recorded"));
                saved(r, self)
            }
            E::WriteNotice(id) => {
                let r = (|| -> Result<PathBuf, StoreError> {
                    let text = crate::sanjin_files::notice_for(&self.store, id)?;
                    std::fs::create_dir_all(&self.print_dir)?;
                    let v = self.store.visit_detail(id)?.visit;
                    let path = self
                        .print_dir
                        .join(format!("走访预告-{}-{id}.txt", v.date.format("%Y%m%d")));
                    std::fs::write(&path, text)?;
                    Ok(path)
                })();
                O::Written(r.map_err(|e| self.msg(e)))
            }
            E::PostNotice { id, version } => {
                let r = self
                    .store
                    .post_notice(actor, id, Some(version), now)
                    .map(|_| t("已记录：预告已张贴", "notice recorded as posted"));
                saved(r, self)
            }
            E::City {
                place_id,
                date,
                time,
                leader,
            } => {
                let r = self
                    .store
                    .link_city_visit(actor, place_id, date, time, &leader, now)
                    .map(|v| match v {
                        Some(_) => t(
                            "已记录市领导走访；本社区当期区级走访已调整到同一时间",
                            "recorded; the district visit moves to the same time",
                        ),
                        None => t(
                            "已记录市领导走访；本社区当期没有待走访的区级走访",
                            "recorded; no planned district visit to move",
                        ),
                    });
                saved(r, self)
            }
            E::ExportLedger {
                leader,
                from,
                to,
                xlsx,
            } => {
                let r = (|| -> Result<PathBuf, StoreError> {
                    let refs = self.store.refs()?;
                    let name = leader
                        .and_then(|id| refs.leader(id))
                        .map(|l| l.name.clone());
                    std::fs::create_dir_all(&self.print_dir)?;
                    let path = self.print_dir.join(format!(
                        "一人一档-{}-{}-{}.{}",
                        name.as_deref().unwrap_or("全部"),
                        from.format("%Y%m%d"),
                        to.format("%Y%m%d"),
                        if xlsx { "xlsx" } else { "csv" }
                    ));
                    let format = if xlsx {
                        crate::paper::Format::Xlsx
                    } else {
                        crate::paper::Format::Csv
                    };
                    crate::sanjin_files::export_ledger(
                        &self.store,
                        name.as_deref(),
                        from,
                        to,
                        format,
                        &path,
                        lang,
                    )?;
                    Ok(path)
                })();
                O::Written(r.map_err(|e| self.msg(e)))
            }
            E::ComplianceReport { year, half } => {
                let r = (|| -> Result<PathBuf, StoreError> {
                    let text =
                        crate::sanjin_files::compliance_report(&self.store, year, half, lang)?;
                    std::fs::create_dir_all(&self.print_dir)?;
                    let path = self
                        .print_dir
                        .join(format!("三进落实情况-{year}-H{half}.txt"));
                    std::fs::write(&path, text)?;
                    Ok(path)
                })();
                O::Written(r.map_err(|e| self.msg(e)))
            }
            E::SaveAssignments {
                communities,
                rotation,
            } => {
                let r = self
                    .store
                    .set_assignments(actor, &communities, &rotation, now)
                    .map(|_| {
                        t(
                            "已保存分工与轮值；按 P 按新分工重排全年计划",
                            "saved; P re-plans the year",
                        )
                    });
                saved(r, self)
            }
            E::SaveSettings(s) => {
                let r = self
                    .store
                    .set_visit_settings(actor, s, now)
                    .map(|_| t("已保存走访设置", "visit settings saved"));
                saved(r, self)
            }
            E::LoadMembers {
                view,
                search,
                after,
                select,
            } => {
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
                    Ok(O::Members {
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
            E::LoadMember(id) => {
                let r = (|| -> Result<MemberDetail, StoreError> {
                    let member = self.store.member(id)?;
                    let households = self.store.member_households(id)?;
                    let suggestions =
                        if member.key_selected && households.len() < HOUSEHOLDS_PER_MEMBER {
                            self.store.suggest_households(id, 5)?
                        } else {
                            vec![]
                        };
                    Ok(MemberDetail {
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
                let r = self.store.add_member(actor, &m, now).map(|id| {
                    lang.pick(
                        &format!("已新增党员 {}（编号 {id}）", m.name),
                        &format!("member {} added (id {id})", m.name),
                    )
                    .to_string()
                });
                saved(r, self)
            }
            E::AddHousehold(h) => {
                let r = self.store.add_household(actor, &h, now).map(|_| {
                    lang.pick(
                        &format!("已新增服务对象户 {}", h.head),
                        &format!("household {} added", h.head),
                    )
                    .to_string()
                });
                saved(r, self)
            }
            E::Assign {
                member_id,
                household_id,
            } => {
                let r = self
                    .store
                    .assign(actor, member_id, household_id, now)
                    .map(|_| t("已分配", "assigned"));
                saved(r, self)
            }
            E::Contact(c) => {
                let r = self
                    .store
                    .add_contact(actor, &c, now)
                    .map(|_| t("已记入民情日记", "contact recorded"));
                saved(r, self)
            }
            E::AddWish { household_id, wish } => {
                let r = self
                    .store
                    .add_wish(actor, household_id, &wish, now)
                    .map(|_| t("已登记微心愿", "wish recorded"));
                saved(r, self)
            }
            E::MoveWish { id, mv } => {
                let r = self
                    .store
                    .move_wish(actor, id, &mv, now)
                    .map(|_| t("已更新微心愿", "wish updated"));
                saved(r, self)
            }
            E::Escalate {
                member_id,
                household_id,
                intake,
            } => {
                let r = (|| -> Result<String, StoreError> {
                    let (_, number) = self.with_flow(now, |s, ctx| {
                        s.escalate(actor, member_id, household_id, &intake, ctx, now)
                    })?;
                    Ok(lang
                        .pick(
                            &format!("已转为诉求件 {number}（在职党员反映）"),
                            &format!("ticket {number} raised (Party member)"),
                        )
                        .to_string())
                })();
                saved(r, self)
            }
            E::PrintCard(id) => {
                let r = (|| -> Result<PathBuf, StoreError> {
                    let m = self.store.member(id)?;
                    let text =
                        crate::sanjin_files::member_card(&self.store, &m, now.date().year())?;
                    std::fs::create_dir_all(&self.print_dir)?;
                    let path = self
                        .print_dir
                        .join(format!("在职党员进社区活动卡-{}-{id}.txt", m.name));
                    std::fs::write(&path, text)?;
                    Ok(path)
                })();
                O::Written(r.map_err(|e| self.msg(e)))
            }
            E::AssignChoices(target) => {
                let r = (|| -> Result<Vec<Opt>, StoreError> {
                    Ok(match &target {
                        SanjinPick::AssignHousehold(m) => self
                            .store
                            .suggest_households(*m, 50)?
                            .into_iter()
                            .map(|(h, score)| {
                                Opt::new(
                                    format!(
                                        "{} {}（{}）{}",
                                        h.head,
                                        h.address,
                                        h.kind.zh(),
                                        if score > 0 {
                                            format!(" · 匹配 {score}")
                                        } else {
                                            String::new()
                                        }
                                    ),
                                    Val::Id(h.id),
                                )
                            })
                            .collect(),
                        SanjinPick::AssignMember(h) => {
                            let place = self.store.household(*h)?.place_id;
                            self.store
                                .members_in(place)?
                                .into_iter()
                                .filter(|m| m.key_selected && m.households < HOUSEHOLDS_PER_MEMBER)
                                .map(|m| {
                                    Opt::new(
                                        format!(
                                            "{} {} · {}（已联系 {} 户）",
                                            m.name, m.unit, m.skills, m.households
                                        ),
                                        Val::Id(m.id),
                                    )
                                })
                                .collect()
                        }
                        SanjinPick::ClaimWish(w) => {
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
        }
    }
}
