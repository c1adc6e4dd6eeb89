//! 年度述职评议: one document per leader and per department for a year, from the same data as
//! the other reports, with the exceptions that need an explanation and the explanations
//! recorded later (each an audited event).

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{OptionalExtension, params};

use super::audit::{NewEvent, append};
use super::{Result, Store, StoreError};
use crate::domain::Problem;
use crate::domain::audit::{Anchor, payload_json};
use crate::domain::metrics::{self, End, Figures, Period};
use crate::domain::roles::{Act, Actor, may};
use crate::domain::visits::{Compliance, Staffing};
use crate::text::T;

/// Whose year a document reviews.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subject {
    Leader(i64),
    Department(i64),
}

impl Subject {
    fn kind(self) -> &'static str {
        match self {
            Subject::Leader(_) => "leader",
            Subject::Department(_) => "department",
        }
    }

    fn id(self) -> i64 {
        match self {
            Subject::Leader(id) | Subject::Department(id) => id,
        }
    }
}

/// What needs an explanation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExceptionKind {
    /// A visit of the leader's not held, or left without a leader (空岗).
    VisitMissed {
        date: NaiveDate,
        place_id: i64,
        unstaffed: bool,
    },
    /// A petition the leader owns, or the department handles, open past its deadline.
    Overdue { number: String, due: NaiveDate },
    /// A department's result reported 5 working days or more after the deadline (通报).
    SevereLate {
        number: String,
        round: u8,
        due: NaiveDate,
        ended: NaiveDate,
    },
    /// Reported 已解决 by the department, 未解决 in the petitioner's view (报结不实).
    FalseClosure { number: String, round: u8 },
}

/// An exception, its stable key (what an explanation is recorded against) and its explanation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exception {
    pub key: String,
    pub kind: ExceptionKind,
    /// The text, who recorded it and when.
    pub explanation: Option<(String, String, String)>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct AnnualReview {
    pub year: i32,
    pub subject: Subject,
    pub today: NaiveDate,
    pub head: Option<Anchor>,
    /// A leader's visits of the year; the petitions owned (received in the year).
    pub visits: Compliance,
    pub owned: super::places::Owned,
    /// A department's figures for the year, its score and rank among the ranked.
    pub figures: Figures,
    pub score: Option<i64>,
    pub rank: Option<usize>,
    pub ranked: usize,
    pub exceptions: Vec<Exception>,
}

/// The longest explanation.
pub const EXPLANATION_CHARS: usize = 500;

impl Store {
    /// The year's document for a leader or a department (the director and administrators).
    pub fn annual_review(
        &self,
        actor: &Actor,
        year: i32,
        subject: Subject,
        today: NaiveDate,
    ) -> Result<AnnualReview> {
        may(actor, Act::SeeReview)?;
        may(actor, Act::SeeCenterWork)?;
        let moment = self.read_moment()?;
        let head = self.audit_head()?;
        let period = Period::Year(year);
        let (from, to) = period.bounds();
        let mut out = AnnualReview {
            year,
            subject,
            today,
            head,
            visits: Compliance::default(),
            owned: Default::default(),
            figures: Figures::default(),
            score: None,
            rank: None,
            ranked: 0,
            exceptions: vec![],
        };
        let mut found: Vec<(String, ExceptionKind)> = vec![];
        match subject {
            Subject::Leader(leader) => {
                let report = self.leader_report(actor, period, today)?;
                if let Some(l) = report.leaders.into_iter().find(|l| l.leader_id == leader) {
                    out.visits = l.visits;
                    out.owned = l.owned;
                }
                for v in self.visits_between(from, to)? {
                    if v.leader_id != leader {
                        continue;
                    }
                    let s = v.staffing();
                    if matches!(s, Staffing::NotHeld | Staffing::Unstaffed) {
                        found.push((
                            format!("visit:{}", v.id),
                            ExceptionKind::VisitMissed {
                                date: v.date,
                                place_id: v.place_id,
                                unstaffed: s == Staffing::Unstaffed,
                            },
                        ));
                    }
                }
                found.extend(self.overdue_of(
                    "first_leader_id = ?1 AND received_at >= ?2 AND received_at < ?3",
                    leader,
                    from,
                    to,
                    today,
                )?);
            }
            Subject::Department(dept) => {
                let settings = metrics::Settings::default();
                let ranking = self.department_ranking(actor, period, settings)?;
                out.ranked = ranking.rows.iter().filter(|r| r.rank.is_some()).count();
                if let Some(r) = ranking.rows.iter().find(|r| r.unit == dept) {
                    out.figures = r.figures.clone();
                    out.score = r.score;
                    out.rank = r.rank;
                }
                let cal = self.calendar()?;
                let mut number = self
                    .conn()
                    .prepare_cached("SELECT year, seq FROM tickets WHERE id = ?1")?;
                for d in super::facts::touching(self.conn(), from, to)? {
                    if d.department_id != dept || d.begun < from || d.begun > to {
                        continue;
                    }
                    let c = metrics::counted(&d, from, to, &cal);
                    let n: String = number.query_row([d.ticket_id], |r| {
                        Ok(crate::domain::ticket_number(r.get(0)?, r.get(1)?))
                    })?;
                    if c.severe == 1
                        && let (Some(due), Some(ended), End::Result(_)) = (d.due, d.ended, d.end)
                    {
                        found.push((
                            format!("late:{n}:{}", d.round),
                            ExceptionKind::SevereLate {
                                number: n.clone(),
                                round: d.round,
                                due,
                                ended,
                            },
                        ));
                    }
                    if c.false_closure == 1 {
                        found.push((
                            format!("false:{n}:{}", d.round),
                            ExceptionKind::FalseClosure {
                                number: n,
                                round: d.round,
                            },
                        ));
                    }
                }
                found.extend(self.overdue_of(
                    "department_id = ?1 AND stage = 'handle' AND ?2 <> '' AND ?3 <> ''",
                    dept,
                    from,
                    to,
                    today,
                )?);
            }
        }
        let explained = self.explanations(year, subject)?;
        out.exceptions = found
            .into_iter()
            .map(|(key, kind)| Exception {
                explanation: explained.get(&key).cloned(),
                key,
                kind,
            })
            .collect();
        drop(moment);
        Ok(out)
    }

    /// Open tickets matching `cond` (?1 the subject, ?2 and ?3 the year's bounds) past their
    /// deadline on `today`.
    fn overdue_of(
        &self,
        cond: &str,
        id: i64,
        from: NaiveDate,
        to: NaiveDate,
        today: NaiveDate,
    ) -> Result<Vec<(String, ExceptionKind)>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT year, seq, due FROM tickets
             WHERE open = 1 AND due < ?4 AND {cond} ORDER BY due, id"
        ))?;
        let until = to.succ_opt().unwrap_or(to).to_string();
        let rows = stmt.query_map(
            params![id, from.to_string(), until, today.to_string()],
            |r| {
                let due: String = r.get(2)?;
                Ok((
                    crate::domain::ticket_number(r.get(0)?, r.get(1)?),
                    due.parse::<NaiveDate>().unwrap_or(NaiveDate::MIN),
                ))
            },
        )?;
        let mut out = vec![];
        for row in rows {
            let (number, due) = row?;
            out.push((
                format!("overdue:{number}"),
                ExceptionKind::Overdue { number, due },
            ));
        }
        Ok(out)
    }

    fn explanations(
        &self,
        year: i32,
        subject: Subject,
    ) -> Result<BTreeMap<String, (String, String, String)>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT exception, text, recorded_by, recorded_at FROM review_explanations
             WHERE year = ?1 AND subject_kind = ?2 AND subject_id = ?3",
        )?;
        let rows = stmt.query_map(params![year, subject.kind(), subject.id()], |r| {
            Ok((r.get(0)?, (r.get(1)?, r.get(2)?, r.get(3)?)))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Records (or replaces) the explanation of one exception of a year's document, audited.
    /// The exception must be one the document lists now.
    pub fn explain(
        &mut self,
        actor: &Actor,
        year: i32,
        subject: Subject,
        exception: &str,
        text: &str,
        now: NaiveDateTime,
    ) -> Result<()> {
        may(actor, Act::SeeReview)?;
        may(actor, Act::SeeCenterWork)?;
        let text = crate::domain::text::clean_input(text, EXPLANATION_CHARS, true, true)?;
        let doc = self.annual_review(actor, year, subject, now.date())?;
        if !doc.exceptions.iter().any(|e| e.key == exception) {
            let keys: Vec<&str> = doc.exceptions.iter().map(|e| e.key.as_str()).collect();
            return Err(StoreError::Refused(Problem::fill(
                T::NoSuchReviewException,
                &[
                    &exception,
                    &if keys.is_empty() {
                        "—".to_string()
                    } else {
                        keys.join("、")
                    },
                ],
            )));
        }
        let at = crate::records::fmt_time(now);
        self.write(|tx| {
            let before: Option<String> = tx
                .query_row(
                    "SELECT text FROM review_explanations
                     WHERE year = ?1 AND subject_kind = ?2 AND subject_id = ?3 AND exception = ?4",
                    params![year, subject.kind(), subject.id(), exception],
                    |r| r.get(0),
                )
                .optional()?;
            tx.execute(
                "INSERT INTO review_explanations
                   (year, subject_kind, subject_id, exception, text, recorded_by, recorded_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                 ON CONFLICT (year, subject_kind, subject_id, exception)
                 DO UPDATE SET text = ?5, recorded_by = ?6, recorded_at = ?7",
                params![
                    year,
                    subject.kind(),
                    subject.id(),
                    exception,
                    text,
                    actor.name,
                    at
                ],
            )?;
            let mut e = NewEvent::by(
                actor,
                &at,
                format!("review:{year}:{}:{}", subject.kind(), subject.id()),
                "review_explained",
            );
            e.payload = payload_json(&[
                ("exception", exception.to_string()),
                ("text", text.clone()),
                ("before", before.unwrap_or_default()),
            ]);
            append(tx, e)?;
            Ok(())
        })
    }
}
