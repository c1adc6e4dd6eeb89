//! Submitting the draw pane's forms: check what the clerk typed, then ask for the change.

use super::*;
use crate::app::choices::{fail, form_to_check};
use crate::app::form::{FieldId as F, Form, Val};
use crate::app::{App, Effect};
use crate::domain::draw::{Minimum, Settings, commitment};
use crate::domain::hex;
use crate::domain::roster::RepCategory;
use crate::records::hearings::MediationOutcome;
use crate::text::T;

impl App {
    pub(crate) fn submit_draw(&mut self, kind: DrawForm) -> Vec<Effect> {
        let lang = self.lang;
        let Some(f) = form_to_check(&mut self.form) else {
            return vec![];
        };
        match kind {
            DrawForm::DrawSetup { ticket_id } => self.submit_draw_setup(ticket_id),
            DrawForm::PartyInput { idx } => {
                let input = f.text(F::Input);
                if input.trim().is_empty() {
                    return fail(f, F::Input, T::TypeAnyDigitsOrTextLower.text(lang));
                }
                self.form = None;
                if let Some(DelibView::Draw(live)) = &mut self.delib
                    && live.phase == DrawPhase::Inputs(idx)
                {
                    let c = hex(&commitment(&live.salts[idx], &input));
                    live.inputs.push(input);
                    live.commitments.push(c.clone());
                    live.phase = if idx + 1 < live.labels.len() {
                        DrawPhase::Inputs(idx + 1)
                    } else {
                        DrawPhase::Ready
                    };
                    // Recorded as it is shown, before anyone sees the next party's.
                    return vec![Effect::Draw(DrawEffect::CommitParty {
                        draw_id: live.draw.id,
                        idx,
                        label: live.labels[idx].clone(),
                        commitment: c,
                    })];
                }
                vec![]
            }
            DrawForm::Abandon { draw_id } | DrawForm::Void { draw_id } => {
                let reason = f.text(F::Reason);
                if reason.trim().is_empty() {
                    return fail(f, F::Reason, T::AReasonIsNeeded.text(lang));
                }
                vec![Effect::Draw(match kind {
                    DrawForm::Void { .. } => DrawEffect::VoidDraw { draw_id, reason },
                    _ => DrawEffect::AbandonDraw { draw_id, reason },
                })]
            }
            DrawForm::Mediation { ticket_id } => {
                let members: Vec<String> = f
                    .text(F::Members)
                    .split(['、', ',', '，', ' '])
                    .map(|s| s.trim().to_string())
                    .filter(|s| !s.is_empty())
                    .collect();
                if members.is_empty() {
                    return fail(f, F::Members, T::NameTheMediators.text(lang));
                }
                let terms = f.text(F::Terms);
                let outcome = match f.choice(F::Outcome) {
                    Some(Val::Nth(1)) => MediationOutcome::Hearing(terms),
                    Some(Val::Nth(2)) => MediationOutcome::BackToIssue(terms),
                    _ => MediationOutcome::Agreement(terms),
                };
                // The quick draw, if there was one: the store tells the drawn mediators from
                // those named by hand (which need the reason).
                let (draw_id, member_ids) = match &self.quick_draw {
                    Some((d, ids, text)) if *text == f.text(F::Members) => {
                        (Some(*d), Some(ids.clone()))
                    }
                    Some((d, _, _)) => (Some(*d), None),
                    None => (None, None),
                };
                vec![Effect::Draw(DrawEffect::Mediation {
                    ticket_id,
                    members,
                    member_ids,
                    draw_id,
                    manual_reason: f.text(F::Reason),
                    outcome,
                })]
            }
        }
    }

    /// The draw setup form: panel size, minimums by category, exclusions, the parties.
    fn submit_draw_setup(&mut self, ticket_id: i64) -> Vec<Effect> {
        let lang = self.lang;
        let Some(f) = form_to_check(&mut self.form) else {
            return vec![];
        };
        let num = |f: &Form, k: F| f.text(k).trim().parse::<u32>();
        let mut settings = Settings::default();
        let (Ok(panel), Ok(alternates), Ok(strikes)) =
            (num(f, F::Panel), num(f, F::Alternates), num(f, F::Strikes))
        else {
            let key = [F::Panel, F::Alternates, F::Strikes]
                .into_iter()
                .find(|k| num(f, *k).is_err())
                .unwrap_or(F::Panel);
            return fail(f, key, T::AWholeNumber.text(lang));
        };
        settings.panel_size = panel;
        settings.alternates = alternates;
        settings.strikes_per_party = strikes;
        let (Ok(legal), Ok(deputies)) = (num(f, F::MinLegal), num(f, F::MinDeputies)) else {
            return fail(f, F::MinLegal, T::WholeNumberOrZero.text(lang));
        };
        if legal > 0 {
            settings.minimums.push(Minimum {
                categories: vec![RepCategory::LegalProfessional],
                count: legal,
            });
        }
        if deputies > 0 {
            settings.minimums.push(Minimum {
                categories: vec![
                    RepCategory::PartyDeputy,
                    RepCategory::NpcDeputy,
                    RepCategory::CppccMember,
                ],
                count: deputies,
            });
        }
        for part in f
            .text(F::MinOther)
            .split([',', '，', '、', ';', '；'])
            .map(str::trim)
            .filter(|x| !x.is_empty())
        {
            let parsed = part
                .split_once([':', '：'])
                .and_then(|(c, n)| Some((RepCategory::parse(c)?, n.trim().parse::<u32>().ok()?)));
            match parsed {
                Some((c, n)) if n > 0 => settings.minimums.push(Minimum {
                    categories: vec![c],
                    count: n,
                }),
                Some(_) => {}
                None => {
                    return fail(f, F::MinOther, T::WriteCategoryCount.fill(lang, &[&part]));
                }
            }
        }
        if let Err(p) = crate::domain::draw::validate_settings(&settings, 2) {
            return fail(f, F::Panel, p.text(lang).to_string());
        }
        let labels: Vec<String> = [F::Party1, F::Party2, F::Party3]
            .into_iter()
            .map(|k| f.text(k).trim().to_string())
            .filter(|s| !s.is_empty())
            .collect();
        if labels.len() < 2 {
            return fail(f, F::Party2, T::AtLeastTwoParties.text(lang));
        }
        let mut exclusions = vec![];
        for line in f
            .text(F::Exclusions)
            .lines()
            .map(str::trim)
            .filter(|x| !x.is_empty())
        {
            let (name, reason) = line.split_once([' ', '\u{3000}']).unwrap_or((line, ""));
            if reason.trim().is_empty() {
                return fail(
                    f,
                    F::Exclusions,
                    T::AddTheReasonAfterTheName.fill(lang, &[&line]),
                );
            }
            exclusions.push((name.trim().to_string(), reason.trim().to_string()));
        }
        vec![Effect::Draw(DrawEffect::PrepareDraw {
            ticket_id,
            settings,
            labels,
            exclusions,
        })]
    }
}
