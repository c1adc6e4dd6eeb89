//! `suqiu report`: 考评 from the audit log (the period, the format, the weights as typed).

use std::path::Path;

use super::{PeriodArgs, ReportCmd, err, open_store};
use crate::domain::Problem;
use crate::domain::roles::Actor;
use crate::text::{Lang, T};

pub(super) fn report_cmd(
    path: &Path,
    actor: &Actor,
    cmd: &ReportCmd,
    now: chrono::NaiveDateTime,
    lang: Lang,
) -> Result<i32, String> {
    let said = |p: Problem| p.text(lang).to_string();
    let (p, format, out, top, min_dispatches, weights) = match cmd {
        ReportCmd::Departments {
            period,
            format,
            out,
            top,
            min_dispatches,
            weights,
        } => (period, format, out, top, min_dispatches, weights),
        ReportCmd::Bulletin {
            period,
            format,
            out,
            threshold,
        } => {
            let period = parse(period).map_err(said)?;
            let format = crate::reports::ReportFormat::parse(format).map_err(said)?;
            let store = open_store(path, lang)?;
            let refs = store.refs().map_err(err(lang))?;
            let b = store
                .bulletin(actor, period, f64::from(*threshold) / 100.0, now.date())
                .map_err(err(lang))?;
            use crate::reports::bulletin;
            match (out, format) {
                (None, crate::reports::ReportFormat::Text) => {
                    print!("{}", bulletin::text(&b, &refs, now, lang));
                }
                (None, _) => return Err(said(Problem::of(T::GiveOutForASpreadsheet))),
                (Some(out), f) => {
                    bulletin::write(&b, &refs, f, out, now, lang).map_err(err(lang))?;
                    println!("{}", T::ReportWrittenTo.fill(lang, &[&out.display()]));
                }
            }
            return Ok(0);
        }
        ReportCmd::Places {
            period,
            format,
            out,
        }
        | ReportCmd::Leaders {
            period,
            format,
            out,
        }
        | ReportCmd::Units {
            period,
            format,
            out,
        } => {
            use crate::reports::places;
            let period = parse(period).map_err(said)?;
            let format = crate::reports::ReportFormat::parse(format).map_err(said)?;
            let store = open_store(path, lang)?;
            let refs = store.refs().map_err(err(lang))?;
            let (preface, secs, head) = if matches!(cmd, ReportCmd::Places { .. }) {
                let r = store.place_report(actor, period).map_err(err(lang))?;
                (
                    places::preface(
                        ("考评（按地点）", "Review by place"),
                        period,
                        &r.head,
                        now,
                        lang,
                    ),
                    places::place_sections(&r, &refs, lang),
                    r.head,
                )
            } else if matches!(cmd, ReportCmd::Units { .. }) {
                let r = store.unit_report(actor, period).map_err(err(lang))?;
                (
                    places::preface(
                        ("考评（区直单位）", "Review of the units"),
                        period,
                        &r.head,
                        now,
                        lang,
                    ),
                    places::unit_sections(&r, lang),
                    r.head,
                )
            } else {
                let r = store
                    .leader_report(actor, period, now.date())
                    .map_err(err(lang))?;
                (
                    places::preface(
                        ("考评（按领导）", "Review by leader"),
                        period,
                        &r.head,
                        now,
                        lang,
                    ),
                    places::leader_sections(&r, &refs, lang),
                    r.head,
                )
            };
            match (out, format) {
                (None, crate::reports::ReportFormat::Text) => {
                    print!(
                        "{}",
                        crate::reports::sections::text(&preface, &secs, &|_| String::new())
                    );
                }
                (None, _) => return Err(said(Problem::of(T::GiveOutForASpreadsheet))),
                (Some(out), f) => {
                    let stated = places::stated(&period.label(lang), &head, now, lang);
                    places::emit(&preface, &secs, &stated, f, out).map_err(err(lang))?;
                    println!("{}", T::ReportWrittenTo.fill(lang, &[&out.display()]));
                }
            }
            return Ok(0);
        }
    };
    let period = parse(p).map_err(said)?;
    let format = crate::reports::ReportFormat::parse(format).map_err(said)?;
    let w: Vec<u32> = weights
        .split([':', '：', ','])
        .map(|x| x.trim().parse::<u32>())
        .collect::<Result<_, _>>()
        .ok()
        .filter(|w: &Vec<u32>| w.len() == 3 && w.iter().any(|x| *x > 0))
        .ok_or_else(|| said(Problem::fill(T::WeightsAreThreeNumbers, &[weights])))?;
    let settings = crate::domain::metrics::Settings {
        response: w[0],
        solved: w[1],
        satisfied: w[2],
        min_dispatches: *min_dispatches,
    };
    let store = open_store(path, lang)?;
    let rep = store
        .department_ranking(actor, period, settings)
        .map_err(err(lang))?;
    match (out, format) {
        (None, crate::reports::ReportFormat::Text) => {
            print!("{}", crate::reports::ranking_text(&rep, *top, now, lang));
        }
        (None, _) => return Err(said(Problem::of(T::GiveOutForASpreadsheet))),
        (Some(out), f) => {
            crate::reports::write_ranking(&rep, *top, f, out, now, lang).map_err(err(lang))?;
            println!("{}", T::ReportWrittenTo.fill(lang, &[&out.display()]));
        }
    }
    Ok(0)
}

/// The period as given: `--week`, or one of the others (`metrics::parse_period`).
fn parse(p: &PeriodArgs) -> Result<crate::domain::metrics::Period, Problem> {
    let others = [&p.month, &p.quarter, &p.half, &p.year, &p.from, &p.to]
        .iter()
        .any(|v| v.is_some());
    match (&p.week, others) {
        (Some(w), false) => crate::domain::metrics::parse_week(w),
        (Some(_), true) => Err(Problem::of(T::GiveOnePeriod)),
        (None, _) => crate::domain::metrics::parse_period(
            p.month.as_deref(),
            p.quarter.as_deref(),
            p.half.as_deref(),
            p.year.as_deref(),
            p.from.as_deref(),
            p.to.as_deref(),
        ),
    }
}
