//! 台账 per community and for the township: what a month's summary counts, when one is due,
//! and who may review it (定期汇总，上报区党政主要领导审阅).

use chrono::{Datelike, NaiveDate};

use crate::domain::Problem;
use crate::text::T;

/// A ledger summary's state for one place and month.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SummaryState {
    /// The month is over and nothing is submitted yet.
    Due,
    Submitted,
    Reviewed,
}

/// The figures of a place's ledger over a period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct LedgerFigures {
    pub visits: u32,
    pub held: u32,
    pub residents: u32,
    pub answered: u32,
    pub petitions: u32,
    pub petitions_open: u32,
}

impl LedgerFigures {
    /// As submitted and as the reviewer reads it.
    pub fn text(&self) -> String {
        format!(
            "走访{}次（已举行{}次），接待群众{}人次，现场答复{}件，转为诉求件{}件（在办{}件）",
            self.visits,
            self.held,
            self.residents,
            self.answered,
            self.petitions,
            self.petitions_open
        )
    }
}

/// The months of `year` whose summary is due by `today`: every month already over.
pub fn months_due(year: i32, today: NaiveDate) -> Vec<(NaiveDate, NaiveDate)> {
    (1..=12)
        .filter_map(|m| {
            let from = NaiveDate::from_ymd_opt(year, m, 1)?;
            let next = if m == 12 {
                NaiveDate::from_ymd_opt(year + 1, 1, 1)?
            } else {
                NaiveDate::from_ymd_opt(year, m + 1, 1)?
            };
            (next <= today).then(|| (from, next.pred_opt().unwrap_or(next)))
        })
        .collect()
}

/// The month of a date, as a summary's period.
pub fn month_of(d: NaiveDate) -> (NaiveDate, NaiveDate) {
    let from = d.with_day(1).unwrap_or(d);
    let to = months_due(
        d.year(),
        NaiveDate::from_ymd_opt(d.year() + 1, 1, 1).unwrap_or(d),
    )
    .into_iter()
    .find(|(f, _)| *f == from)
    .map(|(_, t)| t)
    .unwrap_or(d);
    (from, to)
}

/// A summary can be submitted only for a month that is over.
pub fn check_submit(to: NaiveDate, today: NaiveDate) -> Result<(), Problem> {
    if to >= today {
        return Err(Problem::fill(
            T::LedgerMonthNotOver,
            &[&to.format("%Y-%m-%d")],
        ));
    }
    Ok(())
}

/// 区党政主要领导: the 区委书记 and the 区长 (not a deputy).
pub fn is_principal(position: &str) -> bool {
    position
        .split(['、', ',', '，', ' '])
        .any(|p| p == "区委书记" || p == "区长")
}

/// Whether a summary may be reviewed by this leader now.
pub fn check_review(state: SummaryState, principal: bool) -> Result<(), Problem> {
    if !principal {
        return Err(Problem::of(T::ReviewerMustBePrincipal));
    }
    match state {
        SummaryState::Submitted => Ok(()),
        SummaryState::Due => Err(Problem::of(T::SummaryNotSubmittedYet)),
        SummaryState::Reviewed => Err(Problem::of(T::SummaryAlreadyReviewed)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn a_month_is_due_once_it_is_over() {
        assert_eq!(months_due(2026, d("2026-01-31")), vec![]);
        assert_eq!(
            months_due(2026, d("2026-02-01")),
            vec![(d("2026-01-01"), d("2026-01-31"))]
        );
        assert_eq!(months_due(2026, d("2027-01-01")).len(), 12);
        assert_eq!(
            months_due(2026, d("2027-01-01"))[11],
            (d("2026-12-01"), d("2026-12-31"))
        );
        assert_eq!(
            month_of(d("2024-02-10")),
            (d("2024-02-01"), d("2024-02-29"))
        );
        assert!(check_submit(d("2026-11-30"), d("2026-12-01")).is_ok());
        assert!(check_submit(d("2026-11-30"), d("2026-11-30")).is_err());
    }

    #[test]
    fn only_the_secretary_and_the_district_head_review() {
        assert!(is_principal("区委书记"));
        assert!(is_principal("区委副书记、区长"));
        assert!(!is_principal("区委副书记"));
        assert!(!is_principal("区委常委、常务副区长"));
        assert!(!is_principal("副区长"));
        assert!(check_review(SummaryState::Submitted, true).is_ok());
        assert!(check_review(SummaryState::Submitted, false).is_err());
        assert!(check_review(SummaryState::Reviewed, true).is_err());
        assert!(check_review(SummaryState::Due, true).is_err());
    }
}
