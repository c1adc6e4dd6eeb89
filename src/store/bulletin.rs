//! 诉求通报: the rows of a week's or a month's bulletin, read in one transaction (so that every
//! part and the audit head it states are of the same moment). `domain::bulletin` decides what
//! recurs; `domain::metrics` the satisfaction; `reports::bulletin_*` prints it.

use std::collections::HashMap;

use chrono::{Duration, NaiveDate};
use rusqlite::params;

use super::{Result, Store};
use crate::domain::audit::Anchor;
use crate::domain::bulletin::{self, Hot, KeyKind, Received, RepeatBy, person_key};
use crate::domain::limits;
use crate::domain::metrics::{Period, Rate};
use crate::domain::roles::{Act, Actor, may};
use crate::domain::vocab::Channel;
use crate::domain::vocab::Level;
use crate::records::visits::VisitRow;

/// A petition as a bulletin names it: its number, day, masked petitioner and summary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Named {
    pub id: i64,
    pub number: String,
    pub on: NaiveDate,
    /// The first petitioner, masked (王*).
    pub petitioner: String,
    pub place_id: Option<i64>,
    pub category_id: i64,
    pub head_count: Option<i64>,
    pub summary: String,
}

/// A repeat petition and the earlier one it repeats.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RepeatLine {
    pub ticket: Named,
    pub earlier: String,
    pub by: RepeatBy,
    pub times: usize,
}

/// An open ticket past its deadline: 催办 from the day after it, 通报 from 5 working days late.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DueLine {
    pub number: String,
    pub department_id: Option<i64>,
    pub state: crate::domain::vocab::State,
    pub due: NaiveDate,
    pub level: Level,
}

/// 诉求通报 for a period.
#[derive(Debug, Clone, PartialEq)]
pub struct Bulletin {
    pub period: Period,
    pub previous: Period,
    /// The day the 催办 and 通报 are counted on (the cut-off's).
    pub today: NaiveDate,
    pub head: Option<Anchor>,
    pub received: usize,
    pub received_before: usize,
    /// Per channel: this period, the period before.
    pub by_channel: Vec<(Channel, usize, usize)>,
    /// Per category (by id): this period, the period before; most first.
    pub by_category: Vec<(i64, usize, usize)>,
    pub hot: Vec<Hot>,
    pub repeats: Vec<RepeatLine>,
    /// Units whose 满意率 in the period is below `threshold` (0–1), lowest first.
    pub threshold: f64,
    pub low_satisfaction: Vec<(i64, Rate)>,
    pub due: Vec<DueLine>,
    pub collective: Vec<Named>,
    pub visits: Vec<VisitRow>,
}

/// How many categories the 热点 names.
pub const HOT: usize = 5;

/// Each petition's number by id: (year, sequence).
type Numbers = HashMap<i64, (i32, i64)>;

const NAMED_COLS: &str = "year, seq, substr(received_at, 1, 10), petitioner_names, place_id, \
                          category_id, head_count, summary, id";

fn named_row(r: &rusqlite::Row) -> rusqlite::Result<Named> {
    let names: String = r.get(3)?;
    let first = names
        .split(['、', ','])
        .next()
        .unwrap_or("")
        .trim()
        .to_string();
    let on: String = r.get(2)?;
    Ok(Named {
        id: r.get(8)?,
        number: crate::domain::ticket_number(r.get(0)?, r.get(1)?),
        on: on.parse().unwrap_or(NaiveDate::MIN),
        petitioner: crate::domain::text::mask_name(&first),
        place_id: r.get(4)?,
        category_id: r.get(5)?,
        head_count: r.get(6)?,
        summary: r.get(7)?,
    })
}

impl Store {
    /// The bulletin for `period` as of `today`: center-wide (the director and administrators).
    pub fn bulletin(
        &self,
        actor: &Actor,
        period: Period,
        threshold: f64,
        today: NaiveDate,
    ) -> Result<Bulletin> {
        may(actor, Act::SeeReview)?;
        may(actor, Act::SeeCenterWork)?;
        let moment = self.read_moment()?;
        let head = self.audit_head()?;
        let (from, to) = period.bounds();
        let previous = period.previous();
        let (prev_from, prev_to) = previous.bounds();
        let start = (from - Duration::days(bulletin::REPEAT_DAYS)).min(prev_from);
        let (all, numbers) = self.received_between(start, to)?;
        let channels = bulletin::count_by(&all, from, to, |r| r.channel.code());
        let channels_before = bulletin::count_by(&all, prev_from, prev_to, |r| r.channel.code());
        let by_channel = Channel::ALL
            .iter()
            .map(|c| {
                (
                    *c,
                    channels.get(c.code()).copied().unwrap_or(0),
                    channels_before.get(c.code()).copied().unwrap_or(0),
                )
            })
            .filter(|(_, a, b)| a + b > 0)
            .collect();
        let cats = bulletin::count_by(&all, from, to, |r| r.category_id);
        let cats_before = bulletin::count_by(&all, prev_from, prev_to, |r| r.category_id);
        let received: usize = cats.values().sum();
        let received_before: usize = cats_before.values().sum();
        let mut by_category: Vec<(i64, usize, usize)> = cats
            .keys()
            .chain(cats_before.keys())
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .map(|k| {
                (
                    *k,
                    cats.get(k).copied().unwrap_or(0),
                    cats_before.get(k).copied().unwrap_or(0),
                )
            })
            .collect();
        by_category.sort_by(|a, b| b.1.cmp(&a.1).then(b.2.cmp(&a.2)).then(a.0.cmp(&b.0)));
        let hot = bulletin::hot(&cats, &cats_before, received, HOT);
        let found = bulletin::repeats(&all, from, to);
        let collective_ids: Vec<i64> = all
            .iter()
            .filter(|r| r.collective && from <= r.on && r.on <= to)
            .map(|r| r.id)
            .collect();
        let mut wanted: Vec<i64> = found
            .iter()
            .map(|f| f.id)
            .chain(collective_ids.iter().copied())
            .collect();
        wanted.sort_unstable();
        wanted.dedup();
        let named = self.named_all(&wanted, from, to)?;
        let take = |id: i64| -> Result<Named> {
            match named.get(&id) {
                Some(n) => Ok(n.clone()),
                None => self.named(id),
            }
        };
        let mut repeats = Vec::with_capacity(found.len());
        for f in &found {
            let ticket = take(f.id)?;
            let earlier = numbers
                .get(&f.earlier)
                .map(|(y, s)| crate::domain::ticket_number(*y, *s))
                .unwrap_or_default();
            repeats.push(RepeatLine {
                ticket,
                earlier,
                by: f.by,
                times: f.times,
            });
        }
        let collective = collective_ids
            .into_iter()
            .map(take)
            .collect::<Result<Vec<_>>>()?;
        let cal = self.calendar()?;
        let figures = super::facts::figures_between(self.conn(), from, to)?;
        let mut low_satisfaction: Vec<(i64, Rate)> = figures
            .iter()
            .map(|(d, f)| (*d, f.rates().satisfied))
            .filter(|(_, r)| r.value().is_some_and(|v| v < threshold))
            .collect();
        low_satisfaction.sort_by(|a, b| {
            let (x, y) = (a.1.value().unwrap_or(0.0), b.1.value().unwrap_or(0.0));
            x.total_cmp(&y).then(a.0.cmp(&b.0))
        });
        let due = self.due_lines(today, &cal)?;
        let visits = self.visits_between(from, to)?;
        drop(moment);
        Ok(Bulletin {
            period,
            previous,
            today,
            head,
            received,
            received_before,
            by_channel,
            by_category,
            hot,
            repeats,
            threshold,
            low_satisfaction,
            due,
            collective,
            visits,
        })
    }

    /// Petitions received in `[from, to]`, in order of receipt, with their petitioners' keys,
    /// and each one's number (year, sequence). Both read from covering indexes (migration 25).
    fn received_between(&self, from: NaiveDate, to: NaiveDate) -> Result<(Vec<Received>, Numbers)> {
        let (a, b) = (from.to_string(), to.succ_opt().unwrap_or(to).to_string());
        let mut people: HashMap<i64, Vec<u64>> = HashMap::new();
        let mut stmt = self.conn().prepare_cached(
            "SELECT p.ticket_id, p.mobile, p.resident_id
             FROM tickets t JOIN petitioners p ON p.ticket_id = t.id
             WHERE t.received_at >= ?1 AND t.received_at < ?2",
        )?;
        let mut rows = stmt.query(params![a, b])?;
        while let Some(r) = rows.next()? {
            let keys = people.entry(r.get(0)?).or_default();
            for (col, kind) in [(1, KeyKind::Mobile), (2, KeyKind::ResidentId)] {
                if let rusqlite::types::ValueRef::Text(t) = r.get_ref(col)?
                    && !t.is_empty()
                {
                    keys.push(person_key(kind, &String::from_utf8_lossy(t)));
                }
            }
        }
        let mut stmt = self.conn().prepare_cached(
            "SELECT id, substr(received_at, 1, 10), channel, category_id, place_id, collective,
                    year, seq
             FROM tickets WHERE received_at >= ?1 AND received_at < ?2
             ORDER BY received_at, id",
        )?;
        let mut rows = stmt.query(params![a, b])?;
        let mut out = vec![];
        let mut numbers = HashMap::new();
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            numbers.insert(id, (r.get(6)?, r.get(7)?));
            let on: String = r.get(1)?;
            let channel: String = r.get(2)?;
            out.push(Received {
                id,
                on: on.parse().unwrap_or(NaiveDate::MIN),
                channel: Channel::from_code(&channel).unwrap_or(Channel::Visit),
                category_id: r.get(3)?,
                place_id: r.get(4)?,
                collective: r.get(5)?,
                people: people.remove(&id).unwrap_or_default(),
            });
        }
        Ok((out, numbers))
    }

    fn named(&self, id: i64) -> Result<Named> {
        let mut stmt = self
            .conn()
            .prepare_cached(&format!("SELECT {NAMED_COLS} FROM tickets WHERE id = ?1"))?;
        Ok(stmt.query_row([id], named_row)?)
    }

    /// `named` of each of `ids`, all received in `[from, to]`: one range of the receipt index,
    /// which holds every column named (migration 25), so no ticket's row is read.
    fn named_all(
        &self,
        ids: &[i64],
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<HashMap<i64, Named>> {
        let mut out = HashMap::with_capacity(ids.len());
        if ids.is_empty() {
            return Ok(out);
        }
        let wanted: std::collections::HashSet<i64> = ids.iter().copied().collect();
        let (a, b) = (from.to_string(), to.succ_opt().unwrap_or(to).to_string());
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT {NAMED_COLS} FROM tickets INDEXED BY tickets_received
             WHERE received_at >= ?1 AND received_at < ?2"
        ))?;
        let mut rows = stmt.query(params![a, b])?;
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(8)?;
            if wanted.contains(&id) {
                out.insert(id, named_row(r)?);
            }
        }
        Ok(out)
    }

    /// Open tickets past their deadline on `today`, the most overdue first.
    fn due_lines(
        &self,
        today: NaiveDate,
        cal: &crate::domain::calendar::WorkCalendar,
    ) -> Result<Vec<DueLine>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT year, seq, department_id, due, warn_at, state FROM tickets
             WHERE open = 1 AND due < ?1 ORDER BY due, id",
        )?;
        let rows = stmt.query_map([today.to_string()], |r| {
            let due: String = r.get(3)?;
            let warn: Option<String> = r.get(4)?;
            Ok((
                crate::domain::ticket_number(r.get(0)?, r.get(1)?),
                r.get::<_, Option<i64>>(2)?,
                due.parse::<NaiveDate>().unwrap_or(NaiveDate::MIN),
                warn.and_then(|w| w.parse::<NaiveDate>().ok()),
                r.get::<_, String>(5)?,
            ))
        })?;
        let mut out = vec![];
        for row in rows {
            let (number, department_id, due, warn, state) = row?;
            let Some(state) = crate::domain::vocab::State::from_code(&state) else {
                continue;
            };
            let level = limits::level(today, due, warn.unwrap_or(due), cal);
            if matches!(level, Level::Overdue | Level::Severe) {
                out.push(DueLine {
                    number,
                    department_id,
                    state,
                    due,
                    level,
                });
            }
        }
        Ok(out)
    }
}
