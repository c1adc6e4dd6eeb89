//! 考评 by place and by leader: the same indicators per community and village and per center,
//! and each leader's visits and the petitions the leader owns (首办负责), with their outcomes.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rusqlite::params;

use super::{Result, Store};
use crate::domain::audit::Anchor;
use crate::domain::metrics::{self, Figures, Period};
use crate::domain::roles::{Act, Actor, may};
use crate::domain::visits::Compliance;

/// One place's or center's line: petitions received in the period and the figures of the
/// dispatches of its tickets.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PlaceLine {
    pub received: usize,
    pub figures: Figures,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PlaceReport {
    pub period: Period,
    pub head: Option<Anchor>,
    /// By place (`None`: tickets with no place).
    pub places: BTreeMap<Option<i64>, PlaceLine>,
    pub centers: BTreeMap<i64, PlaceLine>,
}

/// The petitions a leader owns (首办负责) received in the period, by outcome.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Owned {
    pub total: usize,
    pub open: usize,
    /// Open and past the deadline on the cut-off's day.
    pub overdue: usize,
    pub closed: usize,
    /// Of the evaluated: 满意 or 基本满意 at the last evaluation; 不满意.
    pub satisfied: usize,
    pub dissatisfied: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct LeaderLine {
    pub leader_id: i64,
    /// Both kinds of visit together (a substitute's visit counts for the planned leader).
    pub visits: Compliance,
    pub owned: Owned,
}

#[derive(Debug, Clone, PartialEq)]
pub struct LeaderReport {
    pub period: Period,
    pub today: NaiveDate,
    pub head: Option<Anchor>,
    pub leaders: Vec<LeaderLine>,
}

impl Store {
    /// 考评 by place and by center (the director and administrators).
    pub fn place_report(&self, actor: &Actor, period: Period) -> Result<PlaceReport> {
        may(actor, Act::SeeReview)?;
        may(actor, Act::SeeCenterWork)?;
        let moment = self.conn().unchecked_transaction()?;
        let head = self.audit_head()?;
        let (from, to) = period.bounds();
        let cal = self.calendar()?;
        let mut places: BTreeMap<Option<i64>, PlaceLine> = BTreeMap::new();
        let mut centers: BTreeMap<i64, PlaceLine> = BTreeMap::new();
        for (d, place, center) in super::facts::touching_with_place(self.conn(), from, to)? {
            let c = metrics::counted(&d, from, to, &cal);
            places.entry(place).or_default().figures.add(&c);
            centers.entry(center).or_default().figures.add(&c);
        }
        let mut stmt = self.conn().prepare_cached(
            "SELECT place_id, center_id, count(*) FROM tickets
             WHERE received_at >= ?1 AND received_at < ?2 GROUP BY place_id, center_id",
        )?;
        let until = to.succ_opt().unwrap_or(to).to_string();
        let rows = stmt.query_map(params![from.to_string(), until], |r| {
            Ok((
                r.get::<_, Option<i64>>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, i64>(2)?,
            ))
        })?;
        for row in rows {
            let (p, c, n) = row?;
            places.entry(p).or_default().received += n as usize;
            centers.entry(c).or_default().received += n as usize;
        }
        drop(moment);
        Ok(PlaceReport {
            period,
            head,
            places,
            centers,
        })
    }

    /// 考评 by leader: visits planned and how they went, and the petitions each owns.
    pub fn leader_report(
        &self,
        actor: &Actor,
        period: Period,
        today: NaiveDate,
    ) -> Result<LeaderReport> {
        may(actor, Act::SeeReview)?;
        may(actor, Act::SeeCenterWork)?;
        let moment = self.conn().unchecked_transaction()?;
        let head = self.audit_head()?;
        let (from, to) = period.bounds();
        let mut visits: BTreeMap<i64, Compliance> = BTreeMap::new();
        for ((leader, _), c) in self.compliance(from, to)?.rows {
            let v = visits.entry(leader).or_default();
            v.planned += c.planned;
            v.held += c.held;
            v.substituted += c.substituted;
            v.not_held += c.not_held;
            v.unstaffed += c.unstaffed;
        }
        let until = to.succ_opt().unwrap_or(to).to_string();
        // The satisfaction of a ticket's last evaluated dispatch (the log's, kept beside it).
        let mut stmt = self.conn().prepare_cached(
            "SELECT t.first_leader_id, t.open, t.open = 1 AND t.due < ?3,
                    (SELECT f.eval_satisfaction FROM dispatch_facts f
                     WHERE f.ticket_id = t.id AND f.eval_satisfaction IS NOT NULL
                     ORDER BY f.n DESC LIMIT 1)
             FROM tickets t
             WHERE t.first_leader_id IS NOT NULL AND t.received_at >= ?1 AND t.received_at < ?2",
        )?;
        let rows = stmt.query_map(params![from.to_string(), until, today.to_string()], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, bool>(1)?,
                r.get::<_, bool>(2)?,
                r.get::<_, Option<String>>(3)?,
            ))
        })?;
        let mut owned: BTreeMap<i64, Owned> = BTreeMap::new();
        for row in rows {
            let (leader, open, overdue, sat) = row?;
            let o = owned.entry(leader).or_default();
            o.total += 1;
            if open {
                o.open += 1;
            } else {
                o.closed += 1;
            }
            o.overdue += usize::from(overdue);
            match sat.as_deref() {
                Some("dissatisfied") => o.dissatisfied += 1,
                Some(_) => o.satisfied += 1,
                None => {}
            }
        }
        let ids: Vec<i64> = self
            .conn()
            .prepare_cached("SELECT id FROM leaders ORDER BY id")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let mut leaders = vec![];
        for id in ids {
            let (v, o) = (visits.remove(&id), owned.remove(&id));
            if v.is_some() || o.is_some() {
                leaders.push(LeaderLine {
                    leader_id: id,
                    visits: v.unwrap_or_default(),
                    owned: o.unwrap_or_default(),
                });
            }
        }
        drop(moment);
        Ok(LeaderReport {
            period,
            today,
            head,
            leaders,
        })
    }
}
