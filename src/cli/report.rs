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
            let format = crate::reports::ReportFormat::parse(format)
                .map_err(said)?
                .for_out(out.as_deref());
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
        ReportCmd::Annual {
            year,
            leader,
            department,
            format,
            out,
        } => {
            let year = year_of(year).map_err(said)?;
            let format = crate::reports::ReportFormat::parse(format)
                .map_err(said)?
                .for_out(out.as_deref());
            let store = open_store(path, lang)?;
            let refs = store.refs().map_err(err(lang))?;
            let subjects =
                subjects(&refs, leader.as_deref(), department.as_deref()).map_err(said)?;
            let mut docs = vec![];
            for s in subjects {
                docs.push(
                    store
                        .annual_review(actor, year, s, now.date())
                        .map_err(err(lang))?,
                );
            }
            use crate::reports::annual;
            match (out, format) {
                (None, crate::reports::ReportFormat::Text) => {
                    let texts: Vec<String> = docs
                        .iter()
                        .map(|d| annual::text(d, &refs, now, lang))
                        .collect();
                    print!("{}", texts.join(&format!("\n{}\n\n", "═".repeat(40))));
                }
                (None, _) => return Err(said(Problem::of(T::GiveOutForASpreadsheet))),
                (Some(out), f) => {
                    if docs.len() != 1 {
                        return Err(said(Problem::of(T::AnnualOneSubjectPerFile)));
                    }
                    annual::write(&docs[0], &refs, f, out, now, lang).map_err(err(lang))?;
                    println!("{}", T::ReportWrittenTo.fill(lang, &[&out.display()]));
                }
            }
            return Ok(0);
        }
        ReportCmd::Explain {
            year,
            leader,
            department,
            exception,
            text,
        } => {
            let year = year_of(year).map_err(said)?;
            let mut store = open_store(path, lang)?;
            let refs = store.refs().map_err(err(lang))?;
            let subjects =
                subjects(&refs, leader.as_deref(), department.as_deref()).map_err(said)?;
            let [subject] = subjects[..] else {
                return Err(said(Problem::of(T::AnnualOneSubjectPerFile)));
            };
            store
                .explain(actor, year, subject, exception, text, now)
                .map_err(err(lang))?;
            println!("{}", T::ExplanationRecorded.fill(lang, &[exception]));
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
            let format = crate::reports::ReportFormat::parse(format)
                .map_err(said)?
                .for_out(out.as_deref());
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
                    // A bar per place, center or unit: 派单 (places, centers), 选派占比 (units); the
                    // leaders' table has none.
                    let charts: &[(usize, u16)] = match cmd {
                        ReportCmd::Places { .. } => &[(0, 3), (1, 3)],
                        ReportCmd::Units { .. } => &[(0, 3)],
                        _ => &[],
                    };
                    places::emit(&preface, &secs, &stated, f, out, charts).map_err(err(lang))?;
                    println!("{}", T::ReportWrittenTo.fill(lang, &[&out.display()]));
                }
            }
            return Ok(0);
        }
    };
    let period = parse(p).map_err(said)?;
    let format = crate::reports::ReportFormat::parse(format)
        .map_err(said)?
        .for_out(out.as_deref());
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
            let trend = match f {
                crate::reports::ReportFormat::Table(crate::paper::Format::Xlsx) => store
                    .score_trend(actor, period, settings)
                    .map_err(err(lang))?,
                _ => vec![],
            };
            crate::reports::write_ranking(&rep, &trend, *top, f, out, now, lang)
                .map_err(err(lang))?;
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

fn year_of(s: &str) -> Result<i32, Problem> {
    match crate::domain::metrics::parse_period(None, None, None, Some(s), None, None)? {
        crate::domain::metrics::Period::Year(y) => Ok(y),
        _ => Err(Problem::fill(T::NotAPeriod, &[&s, &"2026"])),
    }
}

/// The leader or department named, or every active leader then every active department.
fn subjects(
    refs: &crate::records::org::Refs,
    leader: Option<&str>,
    department: Option<&str>,
) -> Result<Vec<crate::store::annual::Subject>, Problem> {
    use crate::store::annual::Subject;
    match (leader, department) {
        (Some(_), Some(_)) => Err(Problem::of(T::AnnualOneSubjectPerFile)),
        (Some(n), None) => refs
            .leaders
            .iter()
            .find(|l| l.name == n.trim())
            .map(|l| vec![Subject::Leader(l.id)])
            .ok_or_else(|| Problem::fill(T::NoSuchLeaderOrDepartment, &[&n])),
        (None, Some(n)) => refs
            .departments
            .iter()
            .find(|d| d.name == n.trim())
            .map(|d| vec![Subject::Department(d.id)])
            .ok_or_else(|| Problem::fill(T::NoSuchLeaderOrDepartment, &[&n])),
        (None, None) => Ok(refs
            .leaders
            .iter()
            .filter(|l| l.active)
            .map(|l| Subject::Leader(l.id))
            .chain(
                refs.departments
                    .iter()
                    .filter(|d| d.active)
                    .map(|d| Subject::Department(d.id)),
            )
            .collect()),
    }
}
