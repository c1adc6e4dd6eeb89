//! The 考评 pane: the department ranking of a period chosen by keys, a bar per unit for the
//! chosen figure, the selected unit's twelve months of it, and `Enter` to open the queue on
//! exactly the tickets behind the figure. For the director and administrators; a department
//! account sees its own line. Everything is read off the UI thread (`ReviewEffect`).

use chrono::{Datelike, NaiveDateTime};

use crate::app::effects::Ctx;
use crate::app::{App, Effect, MsgKind, Outcome};
use crate::domain::metrics::{Figure, Period, Settings};
use crate::domain::roles::Actor;
use crate::keymap::ReviewCmd;
use crate::records::queue::{Behind, QueueQuery, Scope, Sort};
use crate::store::reports::DepartmentRanking;
use crate::text::T;

#[derive(Debug)]
pub enum ReviewEffect {
    /// The ranking of a period and the trend of one unit (the selected one, or the first).
    Load {
        period: Period,
        figure: Figure,
        unit: Option<i64>,
    },
    /// The tickets behind a unit's figure, for the queue.
    Behind {
        period: Period,
        unit: i64,
        figure: Figure,
        label: String,
    },
}

#[derive(Debug)]
pub enum ReviewOutcome {
    Loaded {
        ranking: Box<DepartmentRanking>,
        trend: Vec<(Period, Option<f64>)>,
        unit: Option<i64>,
    },
    Behind {
        label: String,
        ids: Vec<i64>,
    },
}

/// The kinds of period the pane steps through (`t`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PeriodKind {
    #[default]
    Month,
    Quarter,
    Half,
    Year,
}

#[derive(Debug, Clone, Default)]
pub struct ReviewState {
    /// `None` until first opened: then the last full month.
    pub period: Option<Period>,
    pub kind: PeriodKind,
    pub figure: usize,
    pub ranking: Option<DepartmentRanking>,
    pub selected: usize,
    /// The selected unit's twelve months of the figure, and whose they are.
    pub trend: Vec<(Period, Option<f64>)>,
    pub trend_unit: Option<i64>,
}

/// The period of `kind` that holds `day`.
fn period_of(kind: PeriodKind, day: chrono::NaiveDate) -> Period {
    let (y, m) = (day.year(), day.month());
    match kind {
        PeriodKind::Month => Period::Month(y, m),
        PeriodKind::Quarter => Period::Quarter(y, m.div_ceil(3)),
        PeriodKind::Half => Period::Half(y, m.div_ceil(6)),
        PeriodKind::Year => Period::Year(y),
    }
}

impl ReviewState {
    pub fn figure(&self) -> Figure {
        Figure::ALL[self.figure % Figure::ALL.len()]
    }

    pub fn selected_unit(&self) -> Option<i64> {
        self.ranking
            .as_ref()
            .and_then(|r| r.rows.get(self.selected))
            .map(|r| r.unit)
    }
}

impl App {
    /// Opening the pane: the last full month the first time, then where it was left.
    pub(crate) fn open_review(&mut self) -> Vec<Effect> {
        if self.review.period.is_none() {
            let last_month = self.today().with_day(1).and_then(|d| d.pred_opt());
            self.review.period = Some(period_of(
                PeriodKind::Month,
                last_month.unwrap_or(self.today()),
            ));
        }
        vec![self.load_review()]
    }

    pub(crate) fn load_review(&self) -> Effect {
        let today = self.today();
        Effect::Review(ReviewEffect::Load {
            period: self
                .review
                .period
                .unwrap_or_else(|| period_of(PeriodKind::Month, today)),
            figure: self.review.figure(),
            unit: self.review.selected_unit(),
        })
    }

    pub(crate) fn review_command(&mut self, cmd: ReviewCmd) -> Vec<Effect> {
        let n = self.review.ranking.as_ref().map_or(0, |r| r.rows.len());
        let Some(period) = self.review.period else {
            return self.open_review();
        };
        match cmd {
            ReviewCmd::Down => {
                if self.review.selected + 1 < n {
                    self.review.selected += 1;
                    return vec![self.load_review()];
                }
            }
            ReviewCmd::Up => {
                if self.review.selected > 0 {
                    self.review.selected -= 1;
                    return vec![self.load_review()];
                }
            }
            ReviewCmd::Previous | ReviewCmd::Next => {
                let p = if cmd == ReviewCmd::Previous {
                    period.previous()
                } else {
                    // The period after: the one holding the day after this one ends.
                    let after = period.bounds().1.succ_opt().unwrap_or(period.bounds().1);
                    period_of(self.review.kind, after)
                };
                if p.bounds().0 > self.today() {
                    self.flash(T::ThatPeriodHasNotBegun.text(self.lang), MsgKind::Info);
                    return vec![];
                }
                self.review.period = Some(p);
                return vec![self.load_review()];
            }
            ReviewCmd::Kind => {
                self.review.kind = match self.review.kind {
                    PeriodKind::Month => PeriodKind::Quarter,
                    PeriodKind::Quarter => PeriodKind::Half,
                    PeriodKind::Half => PeriodKind::Year,
                    PeriodKind::Year => PeriodKind::Month,
                };
                self.review.period = Some(period_of(self.review.kind, period.bounds().0));
                return vec![self.load_review()];
            }
            ReviewCmd::Figure => {
                self.review.figure = (self.review.figure + 1) % Figure::ALL.len();
                return vec![self.load_review()];
            }
            ReviewCmd::Open => {
                let (Some(rep), Some(unit)) = (&self.review.ranking, self.review.selected_unit())
                else {
                    return vec![];
                };
                let name = rep
                    .rows
                    .iter()
                    .find(|r| r.unit == unit)
                    .map(|r| r.name.clone())
                    .unwrap_or_default();
                let figure = self.review.figure();
                let label = format!(
                    "{} {} {}",
                    name,
                    period.label(self.lang),
                    figure_label(figure, self.lang)
                );
                return vec![Effect::Review(ReviewEffect::Behind {
                    period,
                    unit,
                    figure,
                    label,
                })];
            }
        }
        vec![]
    }

    pub(super) fn on_review(&mut self, o: ReviewOutcome) -> Vec<Effect> {
        match o {
            ReviewOutcome::Loaded {
                ranking,
                trend,
                unit,
            } => {
                let n = ranking.rows.len();
                self.review.selected = unit
                    .and_then(|u| ranking.rows.iter().position(|r| r.unit == u))
                    .unwrap_or(self.review.selected)
                    .min(n.saturating_sub(1));
                self.review.ranking = Some(*ranking);
                self.review.trend = trend;
                self.review.trend_unit = unit;
                vec![]
            }
            ReviewOutcome::Behind { label, ids } => {
                if ids.is_empty() {
                    self.flash(T::NoTicketsBehindThisFigure.text(self.lang), MsgKind::Info);
                    return vec![];
                }
                let b = crate::domain::limits::level_bounds(self.today(), &self.cal);
                let mut q = QueueQuery::new(&b);
                q.scope = Scope::All;
                q.sort = Sort::NewestFirst;
                q.filters.behind = Some(Behind {
                    label,
                    ids: ids.into(),
                });
                self.queue.search_text.clear();
                self.queue.search_error = None;
                self.pane = crate::app::Pane::Queue;
                self.detail = None;
                self.delib = None;
                self.set_query(q)
            }
        }
    }
}

/// A figure's name as the pane and the queue's filter line say it.
pub fn figure_label(f: Figure, lang: crate::domain::Lang) -> &'static str {
    match f {
        Figure::Score => T::CompositeScore.get(lang),
        Figure::AcceptedInTime => T::AcceptedInTimeRate.get(lang),
        Figure::OnTime => T::OnTimeRate.get(lang),
        Figure::Returned => T::ReturnRate.get(lang),
        Figure::Solved => T::SolvedRate.get(lang),
        Figure::Satisfied => T::SatisfiedRate.get(lang),
        Figure::FalseClosure => T::FalseClosure.get(lang),
    }
}

impl Ctx {
    /// Runs one of this pane's effects.
    pub(crate) fn run_review(
        &mut self,
        actor: &Actor,
        e: ReviewEffect,
        _now: NaiveDateTime,
    ) -> Outcome {
        let settings = Settings::default();
        match e {
            ReviewEffect::Load {
                period,
                figure,
                unit,
            } => {
                let ranking = match self.store.department_ranking(actor, period, settings) {
                    Ok(r) => r,
                    Err(e) => return Outcome::Error(self.msg(e)),
                };
                let unit = unit
                    .filter(|u| ranking.rows.iter().any(|r| r.unit == *u))
                    .or_else(|| ranking.rows.first().map(|r| r.unit));
                let trend = match unit {
                    Some(u) => match self.store.unit_trend(actor, u, period, figure, settings) {
                        Ok(t) => t,
                        Err(e) => return Outcome::Error(self.msg(e)),
                    },
                    None => vec![],
                };
                Outcome::Review(ReviewOutcome::Loaded {
                    ranking: Box::new(ranking),
                    trend,
                    unit,
                })
            }
            ReviewEffect::Behind {
                period,
                unit,
                figure,
                label,
            } => match self.store.tickets_behind(actor, period, unit, figure) {
                Ok(ids) => Outcome::Review(ReviewOutcome::Behind { label, ids }),
                Err(e) => Outcome::Error(self.msg(e)),
            },
        }
    }
}
