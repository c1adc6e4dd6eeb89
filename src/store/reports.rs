//! 考评: the log read for the department ranking (`domain::metrics` computes it). One read
//! transaction, so the figures and the audit head they state are of the same moment.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::{Result, Store};
use crate::domain::audit::Anchor;
use crate::domain::metrics::{self, Figures, Period, Settings};
use crate::domain::roles::{Act, Actor, Visibility, may, visibility};

/// One unit's line in the ranking: this period's figures, score and rank, and the previous
/// period's score and rank beside them.
#[derive(Debug, Clone, PartialEq)]
pub struct RankingRow {
    pub unit: i64,
    pub name: String,
    pub figures: Figures,
    pub score: Option<i64>,
    pub rank: Option<usize>,
    pub previous_score: Option<i64>,
    pub previous_rank: Option<usize>,
}

/// 承办单位考评 for a period.
#[derive(Debug, Clone, PartialEq)]
pub struct DepartmentRanking {
    pub period: Period,
    pub previous: Period,
    pub settings: Settings,
    /// The newest event the figures include.
    pub head: Option<Anchor>,
    /// Ranked units best first, then those listed but not ranked. A department user sees its
    /// own line only (with its place among all).
    pub rows: Vec<RankingRow>,
    /// The rows are one department's own (no 红黑榜 is shown to it).
    pub own_only: bool,
}

impl Store {
    /// The department ranking for `period`, with the period before it, from the audit log.
    pub fn department_ranking(
        &self,
        actor: &Actor,
        period: Period,
        settings: Settings,
    ) -> Result<DepartmentRanking> {
        may(actor, Act::SeeReview)?;
        let moment = self.read_moment()?;
        let previous = period.previous();
        let (from, to) = period.bounds();
        let (prev_from, prev_to) = previous.bounds();
        let head = self.audit_head()?;
        // The sums of the kept day figures (`store::facts`): a period's figures are the sum of
        // its days' (`metrics::by_day`), as `audit verify` checks against the dispatches.
        let now = super::facts::figures_between(self.conn(), from, to)?;
        let before = super::facts::figures_between(self.conn(), prev_from, prev_to)?;
        let ranked_now = metrics::rank(&now, &settings);
        let ranked_before: BTreeMap<i64, metrics::Ranked> = metrics::rank(&before, &settings)
            .into_iter()
            .map(|r| (r.unit, r))
            .collect();
        let names: BTreeMap<i64, String> = self
            .conn()
            .prepare_cached("SELECT id, name FROM departments")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let own = match visibility(actor) {
            Visibility::Department(d) => Some(d),
            _ => None,
        };
        let rows = ranked_now
            .into_iter()
            .filter(|r| own.is_none_or(|d| d == r.unit))
            .map(|r| RankingRow {
                unit: r.unit,
                name: names.get(&r.unit).cloned().unwrap_or_default(),
                figures: now.get(&r.unit).cloned().unwrap_or_default(),
                score: r.score,
                rank: r.rank,
                previous_score: ranked_before.get(&r.unit).and_then(|p| p.score),
                previous_rank: ranked_before.get(&r.unit).and_then(|p| p.rank),
            })
            .collect();
        drop(moment);
        Ok(DepartmentRanking {
            period,
            previous,
            settings,
            head,
            rows,
            own_only: own.is_some(),
        })
    }

    /// Every dispatch begun in `[from, to]` or evaluated in it, from the dispatches kept
    /// beside the log (`store::facts`: the log's own, as `audit verify` checks).
    fn dispatches_touching(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<metrics::Dispatch>> {
        super::facts::touching(self.conn(), from, to)
    }
}

impl Store {
    /// The tickets behind one unit's figure in a period (`Figure::behind`), by id, each once.
    /// A department account asks only of its own unit (another's is no tickets).
    pub fn tickets_behind(
        &self,
        actor: &Actor,
        period: Period,
        unit: i64,
        figure: metrics::Figure,
    ) -> Result<Vec<i64>> {
        may(actor, Act::SeeReview)?;
        if let Visibility::Department(d) = visibility(actor)
            && d != unit
        {
            return Ok(vec![]);
        }
        let moment = self.read_moment()?;
        let (from, to) = period.bounds();
        let cal = self.calendar()?;
        let mut ids: Vec<i64> = self
            .dispatches_touching(from, to)?
            .iter()
            .filter(|d| d.department_id == unit)
            .filter(|d| figure.behind(&metrics::counted(d, from, to, &cal)))
            .map(|d| d.ticket_id)
            .collect();
        drop(moment);
        ids.sort_unstable();
        ids.dedup();
        Ok(ids)
    }

    /// One unit's figure month by month: the twelve months ending with the one `last` ends in.
    pub fn unit_trend(
        &self,
        actor: &Actor,
        unit: i64,
        last: Period,
        figure: metrics::Figure,
        settings: Settings,
    ) -> Result<Vec<(Period, Option<f64>)>> {
        may(actor, Act::SeeReview)?;
        if let Visibility::Department(d) = visibility(actor)
            && d != unit
        {
            return Ok(vec![]);
        }
        let months = twelve_months(last);
        let mut by_month = super::facts::figures_by_month(
            self.conn(),
            months[0].bounds().0,
            last.bounds().1,
            Some(unit),
        )?;
        Ok(months
            .into_iter()
            .map(|m| {
                let f = by_month
                    .remove(&m.bounds().0)
                    .and_then(|mut units| units.remove(&unit))
                    .unwrap_or_default();
                (m, figure.value(&f, &settings))
            })
            .collect())
    }
}

/// Every unit's composite score (hundredths of a point) month by month.
pub type ScoreTrend = Vec<(Period, BTreeMap<i64, Option<i64>>)>;

/// The twelve months ending with the one `last` ends in, oldest first.
fn twelve_months(last: Period) -> Vec<Period> {
    use chrono::Datelike;
    let end = last.bounds().1;
    let mut months = vec![Period::Month(end.year(), end.month())];
    for _ in 0..11 {
        let before = months[0].previous();
        months.insert(0, before);
    }
    months
}

impl Store {
    /// Every unit's composite score month by month, the twelve months ending with the one
    /// `last` ends in (the ranking's trend chart). A department account: its own unit only.
    pub fn score_trend(
        &self,
        actor: &Actor,
        last: Period,
        settings: Settings,
    ) -> Result<ScoreTrend> {
        may(actor, Act::SeeReview)?;
        let own = match visibility(actor) {
            Visibility::Department(d) => Some(d),
            _ => None,
        };
        let months = twelve_months(last);
        let mut by_month = super::facts::figures_by_month(
            self.conn(),
            months[0].bounds().0,
            last.bounds().1,
            own,
        )?;
        Ok(months
            .into_iter()
            .map(|m| {
                let scores = by_month
                    .remove(&m.bounds().0)
                    .unwrap_or_default()
                    .into_iter()
                    .filter(|(u, _)| own.is_none_or(|d| d == *u))
                    .map(|(u, f)| (u, f.score(&settings)))
                    .collect();
                (m, scores)
            })
            .collect())
    }

    /// One read transaction for a report, so that its parts and the audit head it states are
    /// of one moment; `None` inside a report that already holds one (a year-end review reads
    /// the ranking and the leaders' report within its own).
    pub(crate) fn read_moment(&self) -> Result<Option<rusqlite::Transaction<'_>>> {
        if self.conn().is_autocommit() {
            Ok(Some(self.conn().unchecked_transaction()?))
        } else {
            Ok(None)
        }
    }
}
