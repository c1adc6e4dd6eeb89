//! Running the visits pane's effects against the store.

use crate::text::T;
use std::path::PathBuf;

use chrono::NaiveDateTime;

use crate::app::effects::Ctx;
use crate::domain::roles::Actor;
use crate::store::StoreError;

impl Ctx {
    /// Runs an effect of the 三进 panes.
    pub(crate) fn run_visits(
        &mut self,
        actor: &Actor,
        e: super::VisitsEffect,
        now: NaiveDateTime,
    ) -> super::VisitsOutcome {
        use super::{VisitsEffect as E, VisitsOutcome as O};

        let lang = self.lang;
        let saved = |r: Result<String, StoreError>, ctx: &Ctx| O::Saved(r.map_err(|e| ctx.msg(e)));
        match e {
            E::LoadVisits {
                view,
                month: (y, m),
                leader,
                select,
            } => self.load_visits_page(actor, view, (y, m), leader, select, now),
            E::LoadPlaceLedger { place_id, from, to } => {
                match self.store.place_ledger(actor, place_id, from, to) {
                    Ok(l) => O::PlaceLedger(Box::new(l)),
                    Err(e) => O::Saved(Err(self.msg(e))),
                }
            }
            E::SubmitSummary { place_id, from } => {
                let r = self
                    .store
                    .submit_ledger_summary(actor, place_id, from, now)
                    .map(|_| T::SummarySubmittedMsg.text(lang));
                saved(r, self)
            }
            E::Review {
                summary_id,
                leader_id,
                comments,
            } => {
                let r = self
                    .store
                    .review_ledger_summary(actor, summary_id, leader_id, &comments, now)
                    .map(|_| T::SummaryReviewedMsg.text(lang));
                saved(r, self)
            }
            E::Heard {
                year,
                half,
                heard_on,
                meeting,
                remarks,
            } => {
                let r = self
                    .store
                    .record_half_year_heard(actor, year, half, heard_on, &meeting, &remarks, now)
                    .map(|_| T::HearingRecorded.text(lang));
                saved(r, self)
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
                        T::PlanWrittenNewVisitsWithdrawn
                            .fill(lang, &[&y, &n, &w])
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
            } => self.record_leader_absent(actor, id, version, substitute, new_date, reason, now),
            E::Held { id, version, notes } => {
                let r = self
                    .store
                    .record_visit_held(actor, id, Some(version), &notes, now)
                    .map(|_| T::RecordedAsHeldRRegistersResidents.text(lang));
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
                    .map(|_| T::RecordedAsNotHeld.text(lang));
                saved(r, self)
            }
            E::Register {
                visit_id,
                intake,
                matter,
            } => self.register_at_visit(actor, visit_id, intake, matter, now),
            E::Pick {
                visit_id,
                n,
                void_reason,
            } => self.pick_reporting_members(actor, visit_id, n, &void_reason, now),
            E::Report {
                visit_id,
                member_id,
                report,
            } => {
                let r = self
                    .store
                    .member_report(actor, visit_id, member_id, &report, now)
                    .map(|_| T::ReportRecorded.text(lang));
                saved(r, self)
            }
            E::WriteNotice(id) => {
                let r = (|| -> Result<PathBuf, StoreError> {
                    let text = crate::sanjin_files::notice_for(&self.store, id)?;
                    let v = self.store.visit_detail(id)?.visit;
                    crate::paper::write_printout(
                        &self.store,
                        &self.print_dir,
                        &crate::sanjin_files::notice_file_name(&v),
                        &text,
                        lang,
                    )
                })();
                O::Written(r.map_err(|e| self.msg(e)))
            }
            E::PostNotice { id, version } => {
                let r = self
                    .store
                    .post_notice(actor, id, Some(version), now)
                    .map(|_| T::NoticeRecordedAsPosted.text(lang));
                saved(r, self)
            }
            E::City {
                place_id,
                date,
                time,
                leader,
                arranged_by,
                arranged_on,
            } => {
                let r = self
                    .store
                    .link_city_visit(
                        actor,
                        place_id,
                        date,
                        time,
                        &leader,
                        &arranged_by,
                        arranged_on,
                        now,
                    )
                    .map(|v| match v.len() {
                        0 => T::RecordedNoPlannedDistrictVisitTo.text(lang),
                        n => T::RecordedTheDistrictVisitMovesTo.fill(lang, &[&n]),
                    });
                saved(r, self)
            }
            E::ExportLedger {
                leader,
                from,
                to,
                xlsx,
            } => self.export_ledger_file(leader, from, to, xlsx),
            E::ComplianceReport { year, half } => {
                let r = (|| -> Result<PathBuf, StoreError> {
                    let text =
                        crate::sanjin_files::compliance_report(&self.store, year, half, lang)?;
                    crate::paper::write_printout(
                        &self.store,
                        &self.print_dir,
                        &format!("三进落实情况-{year}-H{half}.txt"),
                        &text,
                        lang,
                    )
                })();
                O::Written(r.map_err(|e| self.msg(e)))
            }
            E::Explain {
                visit_id,
                leader_id,
                year,
                text,
            } => {
                let r = self
                    .store
                    .explain(
                        actor,
                        year,
                        crate::store::annual::Subject::Leader(leader_id),
                        &format!("visit:{visit_id}"),
                        &text,
                        now,
                    )
                    .map(|_| T::ExplanationRecordedVisit.text(lang));
                saved(r, self)
            }
            E::SaveAssignments {
                communities,
                rotation,
            } => {
                let r = self
                    .store
                    .set_assignments(actor, &communities, &rotation, now)
                    .map(|_| T::SavedPRePlansTheYear.text(lang));
                saved(r, self)
            }
            E::SaveSettings(s) => {
                let r = self
                    .store
                    .set_visit_settings(actor, s, now)
                    .map(|_| T::VisitSettingsSaved.text(lang));
                saved(r, self)
            }
        }
    }

    /// A petition received at a leader's visit, linked to the visit.
    fn register_at_visit(
        &mut self,
        actor: &Actor,
        visit_id: i64,
        intake: Box<crate::domain::intake::Intake>,
        matter: crate::records::visits::Matter,
        now: NaiveDateTime,
    ) -> super::VisitsOutcome {
        use super::VisitsOutcome as O;

        let lang = self.lang;
        let saved = |r: Result<String, StoreError>, ctx: &Ctx| O::Saved(r.map_err(|e| ctx.msg(e)));
        let r = (|| -> Result<String, StoreError> {
            let answered = matches!(matter, crate::records::visits::Matter::Answered(_));
            let (_, number) = self.with_flow(now, |s, ctx| {
                s.register_at_visit(actor, visit_id, &intake, &matter, ctx, now)
            })?;
            Ok(if answered {
                T::AnsweredOnTheSpotAwaitingFeedback
                    .fill(lang, &[&number])
                    .to_string()
            } else {
                T::PetitionRaisedOwnedByTheLeader
                    .fill(lang, &[&number])
                    .to_string()
            })
        })();
        saved(r, self)
    }

    /// Members drawn to report at a community visit.
    fn pick_reporting_members(
        &mut self,
        actor: &Actor,
        visit_id: i64,
        n: u32,
        void_reason: &str,
        now: NaiveDateTime,
    ) -> super::VisitsOutcome {
        use super::VisitsOutcome as O;

        let lang = self.lang;
        let saved = |r: Result<String, StoreError>, ctx: &Ctx| O::Saved(r.map_err(|e| ctx.msg(e)));
        let r = self
            .store
            .pick_members(
                actor,
                visit_id,
                n,
                &crate::store::draws::nonce(),
                void_reason,
                now,
            )
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
                // The receipt, printable and verifiable (`suqiu draw verify FILE`), as written.
                std::fs::create_dir_all(&self.print_dir)?;
                let file = self.print_dir.join(format!(
                    "党员抽取凭据-走访{visit_id}-{}.txt",
                    now.format("%Y%m%d%H%M%S")
                ));
                std::fs::write(&file, &receipt)?;
                Ok(T::PickedReceipt
                    .fill(
                        lang,
                        &[
                            &names.join(T::ListSeparator.get(lang)),
                            &sha.chars().take(12).collect::<String>(),
                        ],
                    )
                    .to_string()
                    + &T::ReceiptWrittenTo.fill(lang, &[&file.display()]))
            });
        saved(r, self)
    }

    /// The leader cannot attend: a substitute, or a new date, and why.
    #[allow(clippy::too_many_arguments)]
    fn record_leader_absent(
        &mut self,
        actor: &Actor,
        id: i64,
        version: i64,
        substitute: Option<i64>,
        new_date: Option<(chrono::NaiveDate, chrono::NaiveTime)>,
        reason: String,
        now: NaiveDateTime,
    ) -> super::VisitsOutcome {
        use super::VisitsOutcome as O;

        let lang = self.lang;
        let saved = |r: Result<String, StoreError>, ctx: &Ctx| O::Saved(r.map_err(|e| ctx.msg(e)));
        let r = self
            .store
            .leader_cannot_attend(actor, id, Some(version), substitute, new_date, &reason, now)
            .map(|_| match (substitute, new_date) {
                (_, Some(_)) => T::RescheduledTheNoticeMustBePosted.text(lang),
                (Some(_), None) => T::SubstituteRecordedTheNoticeNeedsCorrecting.text(lang),
                (None, None) => T::RecordedWithNoLeaderStaffIt.text(lang),
            });
        saved(r, self)
    }

    /// A leader's visit ledger written to a spreadsheet or CSV file.
    fn export_ledger_file(
        &mut self,
        leader: Option<i64>,
        from: chrono::NaiveDate,
        to: chrono::NaiveDate,
        xlsx: bool,
    ) -> super::VisitsOutcome {
        use super::VisitsOutcome as O;

        let lang = self.lang;
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

    /// The visits pane's month, list or ledger, with its counts and settings.
    fn load_visits_page(
        &mut self,
        actor: &Actor,
        view: super::VisitView,
        (y, m): (i32, u32),
        leader: Option<i64>,
        select: Option<i64>,
        now: NaiveDateTime,
    ) -> super::VisitsOutcome {
        use super::{VisitView, VisitsOutcome as O};

        use crate::domain::visits::{NoticeState, period, week_ahead};

        let r = (|| -> Result<O, StoreError> {
            let settings = self.store.visit_settings()?;
            let today = now.date();
            let due = self.store.notices_due(today, settings.notice_days)?;
            let overdue = due
                .iter()
                .filter(|v| v.notice_state(settings.notice_days, today) == NoticeState::Overdue)
                .count();
            let unstaffed = self.store.unstaffed_visits()?;
            let mut ledger = None;
            let summaries = if view == VisitView::Ledgers {
                self.store.ledger_summaries(actor, y, today)?
            } else {
                vec![]
            };
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
                        ledger = Some(Box::new(self.store.leader_ledger(
                            id,
                            from,
                            to,
                            Some(crate::app::LEDGER_ROWS),
                        )?));
                    }
                    vec![]
                }
                VisitView::Ledgers => vec![],
            };
            // A clash is between visits of one day. The month and the week list every visit of
            // their days; the other lists look at all the visits of theirs.
            let clashes = match (rows.first(), rows.last()) {
                _ if matches!(view, VisitView::Month | VisitView::Week) => {
                    crate::domain::visits::clashes(
                        &rows
                            .iter()
                            .filter_map(crate::records::visits::VisitRow::booking)
                            .collect::<Vec<_>>(),
                    )
                }
                (Some(a), Some(b)) => {
                    let (from, to) = (a.date.min(b.date), a.date.max(b.date));
                    let mut c = self.store.visit_clashes(from, to)?;
                    c.retain(|id, _| rows.iter().any(|r| r.id == *id));
                    c
                }
                _ => Default::default(),
            };
            Ok(O::Visits {
                summaries,
                clashes,
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
}
