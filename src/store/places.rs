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
        let moment = self.read_moment()?;
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
        let moment = self.read_moment()?;
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

/// One 区直单位's line: its members and the 40 % rule, its households' in-person coverage in the
/// period, contacts, wishes fulfilled and petitions its members raised (escalations).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitLine {
    pub unit_id: i64,
    pub name: String,
    pub members: u32,
    pub key_selected: u32,
    pub key_share_ok: bool,
    /// Households assigned to its members at some time in the period, and of them visited in
    /// person (入户) in the period.
    pub households: u32,
    pub visited: u32,
    pub contacts: u32,
    pub wishes_fulfilled: u32,
    pub escalations: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct UnitReport {
    pub period: Period,
    pub head: Option<Anchor>,
    pub units: Vec<UnitLine>,
}

impl Store {
    /// 考评 of the 区直单位 whose Party members work in the communities (三进).
    pub fn unit_report(&self, actor: &Actor, period: Period) -> Result<UnitReport> {
        may(actor, Act::SeeReview)?;
        may(actor, Act::SeeCenterWork)?;
        let moment = self.read_moment()?;
        let head = self.audit_head()?;
        let (from, to) = period.bounds();
        let (f, t) = (from.to_string(), to.to_string());
        let until = to.succ_opt().unwrap_or(to).to_string();
        let count = |sql: &str, args: &[&dyn rusqlite::ToSql]| -> Result<BTreeMap<i64, u32>> {
            let mut stmt = self.conn().prepare_cached(sql)?;
            let rows = stmt.query_map(args, |r| Ok((r.get::<_, i64>(0)?, r.get::<_, u32>(1)?)))?;
            Ok(rows.collect::<rusqlite::Result<_>>()?)
        };
        let households = count(
            "SELECT m.unit_id, count(DISTINCT a.household_id) FROM assignments a
             JOIN members m ON m.id = a.member_id
             WHERE a.since <= ?2 AND (a.until IS NULL OR a.until >= ?1) GROUP BY m.unit_id",
            &[&f, &t],
        )?;
        let visited = count(
            "SELECT m.unit_id, count(DISTINCT a.household_id) FROM assignments a
             JOIN members m ON m.id = a.member_id
             WHERE a.since <= ?2 AND (a.until IS NULL OR a.until >= ?1)
               AND EXISTS (SELECT 1 FROM contacts c WHERE c.household_id = a.household_id
                             AND c.method = 'visit' AND c.date BETWEEN ?1 AND ?2)
             GROUP BY m.unit_id",
            &[&f, &t],
        )?;
        let contacts = count(
            "SELECT m.unit_id, count(*) FROM contacts c JOIN members m ON m.id = c.member_id
             WHERE c.date BETWEEN ?1 AND ?2 GROUP BY m.unit_id",
            &[&f, &t],
        )?;
        let wishes = count(
            "SELECT m.unit_id, count(*) FROM wishes w JOIN members m ON m.id = w.member_id
             WHERE w.state = 'fulfilled' AND w.fulfilled_on BETWEEN ?1 AND ?2 GROUP BY m.unit_id",
            &[&f, &t],
        )?;
        let escalations = count(
            "SELECT m.unit_id, count(*) FROM tickets x JOIN members m ON m.id = x.member_id
             WHERE x.received_at >= ?1 AND x.received_at < ?2 GROUP BY m.unit_id",
            &[&f, &until],
        )?;
        let units = self
            .unit_shares()?
            .into_iter()
            .map(|u| UnitLine {
                unit_id: u.id,
                households: households.get(&u.id).copied().unwrap_or(0),
                visited: visited.get(&u.id).copied().unwrap_or(0),
                contacts: contacts.get(&u.id).copied().unwrap_or(0),
                wishes_fulfilled: wishes.get(&u.id).copied().unwrap_or(0),
                escalations: escalations.get(&u.id).copied().unwrap_or(0),
                name: u.name,
                members: u.total,
                key_selected: u.key_selected,
                key_share_ok: u.ok,
            })
            .collect();
        drop(moment);
        Ok(UnitReport {
            period,
            head,
            units,
        })
    }
}
