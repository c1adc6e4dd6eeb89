//! 台账 per community and for the township (灯塔镇): the visits there, the residents received,
//! the matters and what became of each; the monthly summaries submitted and reviewed by a
//! principal leader; the half-year report heard by the district committee.

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{OptionalExtension, params};

use super::audit::{NewEvent, append};
use super::{Result, Store, StoreError, fmt_date, fmt_time, parse_date};
use crate::domain::Problem;
use crate::domain::audit::payload_json;
use crate::domain::roles::{Act, Actor, Visibility, may, visibility};
use crate::domain::text::clean_input;
use crate::domain::visits::ledgers::{
    LedgerFigures, SummaryState, check_review, check_submit, is_principal, months_due,
};
use crate::domain::vocab::PlaceKind;
use crate::text::T;

pub use crate::records::visits::VisitRow;

/// A matter received at a visit to the place, and where it is now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LedgerMatter {
    pub date: NaiveDate,
    pub name: String,
    pub matter: String,
    pub answered: bool,
    pub outside_portfolio: bool,
    pub ticket_id: Option<i64>,
    pub number: Option<String>,
    pub state: Option<String>,
}

/// A place's ledger over a period.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PlaceLedger {
    pub place_id: i64,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub visits: Vec<VisitRow>,
    pub matters: Vec<LedgerMatter>,
    pub figures: LedgerFigures,
}

/// One place's summary for one month: due, or as submitted and reviewed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SummaryRow {
    pub id: Option<i64>,
    pub place_id: i64,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub state: SummaryState,
    pub figures: String,
    pub submitted: Option<(String, String)>,
    pub reviewer_id: Option<i64>,
    pub comments: String,
    pub reviewed: Option<(String, String)>,
}

/// The half-year report heard: date, meeting, remarks, who recorded it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hearing {
    pub heard_on: NaiveDate,
    pub meeting: String,
    pub remarks: String,
    pub recorded_by: String,
}

impl Store {
    /// The places whose ledgers this actor sees: every community and the township, or a
    /// community (township) center's own place only.
    pub fn ledger_places(&self, actor: &Actor) -> Result<Vec<i64>> {
        may(actor, Act::SeeCenterWork)?;
        let refs = self.refs()?;
        let own = match visibility(actor) {
            Visibility::Center(c) => Some(
                refs.centers
                    .iter()
                    .find(|x| x.id == c)
                    .and_then(|x| x.place_id)
                    .unwrap_or(-1),
            ),
            _ => None,
        };
        Ok(refs
            .places
            .iter()
            .filter(|p| p.active && matches!(p.kind, PlaceKind::Community | PlaceKind::Town))
            .filter(|p| own.is_none_or(|o| o == p.id))
            .map(|p| p.id)
            .collect())
    }

    fn check_place(&self, actor: &Actor, place_id: i64) -> Result<()> {
        if !self.ledger_places(actor)?.contains(&place_id) {
            return Err(StoreError::Refused(Problem::of(T::NotYourCommunityLedger)));
        }
        Ok(())
    }

    /// 台账 of a community (or the township) between two dates: its visits, the residents
    /// received and each matter with where its petition is now, and the figures.
    pub fn place_ledger(
        &self,
        actor: &Actor,
        place_id: i64,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<PlaceLedger> {
        self.check_place(actor, place_id)?;
        let visits = self.visits_at(place_id, from, to)?;
        let c = self.conn();
        let mut matters = vec![];
        for v in &visits {
            let rows = c
                .prepare_cached(
                    "SELECT r.name, r.matter, r.outcome, r.outside_portfolio, r.ticket_id,
                            printf('%d-%06d', t.year, t.seq), t.state
                     FROM visit_register r LEFT JOIN tickets t ON t.id = r.ticket_id
                     WHERE r.visit_id = ?1 ORDER BY r.id",
                )?
                .query_map([v.id], |r| {
                    Ok(LedgerMatter {
                        date: v.date,
                        name: r.get(0)?,
                        matter: r.get(1)?,
                        answered: r.get::<_, String>(2)? == "answered",
                        outside_portfolio: r.get(3)?,
                        ticket_id: r.get(4)?,
                        number: r.get(5)?,
                        state: r.get(6)?,
                    })
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            matters.extend(rows);
        }
        let figures = LedgerFigures {
            visits: visits.len() as u32,
            held: visits
                .iter()
                .filter(|v| v.status == crate::domain::visits::VisitStatus::Held)
                .count() as u32,
            residents: matters.len() as u32,
            answered: matters.iter().filter(|m| m.answered).count() as u32,
            petitions: matters.iter().filter(|m| !m.answered).count() as u32,
            petitions_open: matters
                .iter()
                .filter(|m| !m.answered && m.state.as_deref().is_some_and(|s| s != "closed"))
                .count() as u32,
        };
        Ok(PlaceLedger {
            place_id,
            from: Some(from),
            to: Some(to),
            visits,
            matters,
            figures,
        })
    }

    /// The year's monthly summaries of the places the actor sees: every month already over,
    /// due until submitted, then submitted, then reviewed. Newest month first.
    pub fn ledger_summaries(
        &self,
        actor: &Actor,
        year: i32,
        today: NaiveDate,
    ) -> Result<Vec<SummaryRow>> {
        let places = self.ledger_places(actor)?;
        let mut out = vec![];
        let mut stmt = self.conn().prepare_cached(
            "SELECT id, figures, submitted_by, submitted_at, reviewer_id, comments, reviewed_by, reviewed_at, period_to
             FROM ledger_summaries WHERE place_id = ?1 AND period_from = ?2",
        )?;
        for (from, to) in months_due(year, today).into_iter().rev() {
            for p in &places {
                let row = stmt
                    .query_row(params![p, fmt_date(from)], |r| {
                        Ok((
                            r.get::<_, i64>(0)?,
                            r.get::<_, String>(1)?,
                            (r.get::<_, String>(2)?, r.get::<_, String>(3)?),
                            r.get::<_, Option<i64>>(4)?,
                            r.get::<_, String>(5)?,
                            match (
                                r.get::<_, Option<String>>(6)?,
                                r.get::<_, Option<String>>(7)?,
                            ) {
                                (Some(a), Some(b)) => Some((a, b)),
                                _ => None,
                            },
                        ))
                    })
                    .optional()?;
                out.push(match row {
                    Some((id, figures, submitted, reviewer_id, comments, reviewed)) => SummaryRow {
                        id: Some(id),
                        place_id: *p,
                        from,
                        to,
                        state: if reviewed.is_some() {
                            SummaryState::Reviewed
                        } else {
                            SummaryState::Submitted
                        },
                        figures,
                        submitted: Some(submitted),
                        reviewer_id,
                        comments,
                        reviewed,
                    },
                    None => SummaryRow {
                        id: None,
                        place_id: *p,
                        from,
                        to,
                        state: SummaryState::Due,
                        figures: String::new(),
                        submitted: None,
                        reviewer_id: None,
                        comments: String::new(),
                        reviewed: None,
                    },
                });
            }
        }
        Ok(out)
    }

    /// Submits a place's summary for a month that is over: the figures as they stand, who and
    /// when, audited. Once submitted it is not submitted again.
    pub fn submit_ledger_summary(
        &mut self,
        actor: &Actor,
        place_id: i64,
        from: NaiveDate,
        now: NaiveDateTime,
    ) -> Result<i64> {
        may(actor, Act::KeepVisits)?;
        let (from, to) = crate::domain::visits::ledgers::month_of(from);
        check_submit(to, now.date())?;
        let ledger = self.place_ledger(actor, place_id, from, to)?;
        let figures = ledger.figures.text();
        let at = fmt_time(now);
        self.write(|tx| {
            let before: Option<(String, String)> = tx
                .query_row(
                    "SELECT submitted_at, submitted_by FROM ledger_summaries WHERE place_id = ?1 AND period_from = ?2",
                    params![place_id, fmt_date(from)],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?;
            if let Some((when, who)) = before {
                return Err(StoreError::Refused(Problem::fill(
                    T::SummaryAlreadySubmitted,
                    &[&when, &who],
                )));
            }
            tx.execute(
                "INSERT INTO ledger_summaries (place_id, period_from, period_to, figures, submitted_by, submitted_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![place_id, fmt_date(from), fmt_date(to), figures, actor.name, at],
            )?;
            let id = tx.last_insert_rowid();
            let mut e = NewEvent::by(actor, &at, format!("ledger:{place_id}:{}", fmt_date(from)), "ledger_submitted");
            e.note = figures.clone();
            e.payload = payload_json(&[("summary", id.to_string()), ("to", fmt_date(to))]);
            append(tx, e)?;
            Ok(id)
        })
    }

    /// Records a principal leader's review of a submitted summary, with comments, in the
    /// leader's name (the desk's director records it, as 下单 is). Audited.
    pub fn review_ledger_summary(
        &mut self,
        actor: &Actor,
        id: i64,
        leader_id: i64,
        comments: &str,
        now: NaiveDateTime,
    ) -> Result<()> {
        may(actor, Act::RecordLeaderReview)?;
        let comments = clean_input(comments, 1000, true, true)
            .map_err(|p| p.in_field(T::ReviewCommentsField))?;
        let at = fmt_time(now);
        self.write(|tx| {
            let row: Option<(i64, String, Option<String>)> = tx
                .query_row(
                    "SELECT place_id, period_from, reviewed_at FROM ledger_summaries WHERE id = ?1",
                    [id],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
                )
                .optional()?;
            let Some((place_id, from, reviewed)) = row else {
                return Err(StoreError::Refused(Problem::of(T::SummaryNotSubmittedYet)));
            };
            let leader: Option<(String, String, bool)> = tx
                .query_row(
                    "SELECT name, position, active FROM leaders WHERE id = ?1",
                    [leader_id],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
                )
                .optional()?;
            let (name, position, active) = leader.unwrap_or_default();
            let state = if reviewed.is_some() {
                SummaryState::Reviewed
            } else {
                SummaryState::Submitted
            };
            check_review(state, active && is_principal(&position))
                .map_err(|p| p.in_field(T::ReviewerField))?;
            tx.execute(
                "UPDATE ledger_summaries SET reviewer_id = ?2, comments = ?3, reviewed_by = ?4, reviewed_at = ?5, version = version + 1 WHERE id = ?1",
                params![id, leader_id, comments, actor.name, at],
            )?;
            let mut e = NewEvent::by(actor, &at, format!("ledger:{place_id}:{from}"), "ledger_reviewed");
            e.note = comments.clone();
            e.payload = payload_json(&[("summary", id.to_string()), ("leader", name)]);
            append(tx, e)?;
            Ok(())
        })
    }

    /// Records that the district committee heard the half-year report (每半年听取汇报).
    #[allow(clippy::too_many_arguments)]
    pub fn record_half_year_heard(
        &mut self,
        actor: &Actor,
        year: i32,
        half: u32,
        heard_on: NaiveDate,
        meeting: &str,
        remarks: &str,
        now: NaiveDateTime,
    ) -> Result<()> {
        may(actor, Act::KeepVisits)?;
        crate::domain::visits::half_year(year, half)?;
        let meeting =
            clean_input(meeting, 100, false, true).map_err(|p| p.in_field(T::MeetingField))?;
        let remarks =
            clean_input(remarks, 2000, true, false).map_err(|p| p.in_field(T::RemarksField))?;
        if heard_on > now.date() {
            return Err(StoreError::Refused(
                Problem::fill(T::DateIsInTheFuture, &[&fmt_date(heard_on)])
                    .in_field(T::HeardOnField),
            ));
        }
        let at = fmt_time(now);
        self.write(|tx| {
            tx.execute(
                "INSERT INTO half_year_hearings (year, half, heard_on, meeting, remarks, recorded_by, recorded_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                 ON CONFLICT (year, half) DO UPDATE SET heard_on = ?3, meeting = ?4, remarks = ?5, recorded_by = ?6, recorded_at = ?7",
                params![year, half, fmt_date(heard_on), meeting, remarks, actor.name, at],
            )?;
            let mut e = NewEvent::by(actor, &at, format!("half_year:{year}:{half}"), "half_year_heard");
            e.note = meeting.clone();
            e.payload = payload_json(&[("heard_on", fmt_date(heard_on)), ("remarks", remarks.clone())]);
            append(tx, e)?;
            Ok(())
        })
    }

    pub fn half_year_heard(&self, year: i32, half: u32) -> Result<Option<Hearing>> {
        Ok(self
            .conn()
            .prepare_cached(
                "SELECT heard_on, meeting, remarks, recorded_by FROM half_year_hearings WHERE year = ?1 AND half = ?2",
            )?
            .query_row(params![year, half], |r| {
                Ok(Hearing {
                    heard_on: parse_date(&r.get::<_, String>(0)?).unwrap_or_default(),
                    meeting: r.get(1)?,
                    remarks: r.get(2)?,
                    recorded_by: r.get(3)?,
                })
            })
            .optional()?)
    }
}
