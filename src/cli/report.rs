//! `suqiu report`: 考评 from the audit log (the period, the format, the weights as typed).

use std::path::Path;

use super::{ReportCmd, err, open_store};
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
    let ReportCmd::Departments {
        period: p,
        format,
        out,
        top,
        min_dispatches,
        weights,
    } = cmd;
    let said = |p: Problem| p.text(lang).to_string();
    let period = crate::domain::metrics::parse_period(
        p.month.as_deref(),
        p.quarter.as_deref(),
        p.half.as_deref(),
        p.year.as_deref(),
        p.from.as_deref(),
        p.to.as_deref(),
    )
    .map_err(said)?;
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
