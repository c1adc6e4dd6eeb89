//! 民事民议 from a ticket: which deliberation a ticket waiting for it offers (instant
//! mediation, a panel draw, the hearing) and the live view that then takes the ticket's place.
//! The panes themselves are `roster`, `draw` and `hearing`.

use super::draw::{DrawForm, DrawLive};
use super::hearing::{HearingEffect, HearingView};
use crate::words::l;

use super::form::{Field, FieldId as F, Form, Opt, Val};
use super::{App, Effect, FormKind, MsgKind, OpenForm};
use crate::domain::vocab::{Lang, State};

#[derive(Debug, Clone)]
pub enum DelibView {
    Draw(Box<DrawLive>),
    Hearing(Box<HearingView>),
}

/// The extra actions of a ticket waiting for 民事民议.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DelibAction {
    Mediation,
    Draw,
    Hearing,
}

impl DelibAction {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            DelibAction::Mediation => lang.pick("即时评议调解", "Instant mediation"),
            DelibAction::Draw => lang.pick("抽签组成评理团", "Draw a hearing panel"),
            DelibAction::Hearing => lang.pick("评理大会", "Hearing"),
        }
    }
}

impl App {
    /// Deliberation actions offered on the open ticket (besides the flow's moves).
    pub fn delib_actions(&self) -> Vec<DelibAction> {
        let desk = self.session.as_ref().is_some_and(|s| {
            crate::domain::roles::can(&s.actor, crate::domain::roles::Act::Deliberate)
        });
        match &self.detail {
            Some(d) if desk && d.rec.state == State::AwaitingDeliberation => vec![
                DelibAction::Mediation,
                DelibAction::Draw,
                DelibAction::Hearing,
            ],
            _ => vec![],
        }
    }

    pub(super) fn start_delib(&mut self, a: DelibAction) -> Vec<Effect> {
        let Some(d) = &self.detail else { return vec![] };
        let lang = self.lang;
        let id = d.rec.id;
        let number = d.rec.number();
        match a {
            DelibAction::Mediation => {
                let f = Form::new(
                    format!(
                        "{number} · {}",
                        l(lang, "即时评议调解", "Instant mediation")
                    ),
                    vec![
                        Field::text(F::Members, &l(lang, "参加调解的代表", "Mediators"), "")
                            .required()
                            .hint(l(
                                lang,
                                "姓名用“、”分隔；按 F5 从名册中快速随机抽取 3 人",
                                "names separated by 、; F5 draws 3 at random",
                            )),
                        Field::choice(
                            F::Outcome,
                            &l(lang, "结果", "Outcome"),
                            vec![
                                Opt::new(
                                    l(lang, "达成一致（转签单）", "Agreement (to sign-off)"),
                                    Val::Nth(0),
                                ),
                                Opt::new(
                                    l(lang, "未达成一致，召开评理大会", "No agreement: a hearing"),
                                    Val::Nth(1),
                                ),
                                Opt::new(
                                    l(lang, "未达成一致，回到下单", "No agreement: back to issue"),
                                    Val::Nth(2),
                                ),
                            ],
                            Some(Val::Nth(0)),
                        ),
                        Field::multiline(F::Terms, &l(lang, "协议内容 / 说明", "Terms / note"), "")
                            .required(),
                    ],
                );
                self.form = Some(OpenForm::new(
                    FormKind::Draw(DrawForm::Mediation { ticket_id: id }),
                    f,
                ));
                vec![]
            }
            DelibAction::Draw => {
                let f = Form::new(
                    format!(
                        "{number} · {}",
                        l(lang, "抽签组成评理团：设置", "Draw a panel: settings")
                    ),
                    vec![
                        Field::text(
                            F::Party1,
                            &l(lang, "第一方（及人员）", "Party 1 (and its people)"),
                            "申请人",
                        )
                        .required()
                        .hint(l(
                            lang,
                            "如：申请人 张三、李四",
                            "e.g. 申请人 张三、李四",
                        )),
                        Field::text(
                            F::Party2,
                            &l(lang, "第二方（及人员）", "Party 2 (and its people)"),
                            "被申请人",
                        )
                        .required(),
                        Field::text(
                            F::Party3,
                            &l(lang, "第三方（可空）", "Party 3 (optional)"),
                            "",
                        ),
                        Field::text(F::Panel, &l(lang, "评理团人数", "Panel size"), "7").hint(l(
                            lang,
                            "3 到 15 的奇数",
                            "an odd number from 3 to 15",
                        )),
                        Field::text(F::Alternates, &l(lang, "候补人数", "Alternates"), "3"),
                        Field::text(F::Strikes, &l(lang, "每方可排除", "Strikes per party"), "1"),
                        Field::text(
                            F::MinLegal,
                            &l(lang, "法律政策专业人员至少", "At least legal/policy"),
                            "1",
                        ),
                        Field::text(
                            F::MinDeputies,
                            &l(lang, "两代表一委员至少", "At least deputies"),
                            "2",
                        ),
                        Field::text(F::MinOther, &l(lang, "其他类别至少", "Other minimums"), "")
                            .hint(l(
                                lang,
                                "如：村民代表:1，居民代表:2（用逗号分隔）",
                                "e.g. 村民代表:1, 居民代表:2",
                            )),
                        Field::multiline(
                            F::Exclusions,
                            &l(lang, "回避（每行：姓名 原因）", "Exclusions (name reason)"),
                            "",
                        )
                        .hint(l(
                            lang,
                            "如：王芳 当事人亲属；近 12 个月评理 3 次及以上者自动轮休",
                            "e.g. 王芳 kin; 3+ hearings in 12 months rest automatically",
                        )),
                    ],
                );
                self.form = Some(OpenForm::new(
                    FormKind::Draw(DrawForm::DrawSetup { ticket_id: id }),
                    f,
                ));
                vec![]
            }
            DelibAction::Hearing => vec![Effect::Hearing(HearingEffect::OpenHearing {
                ticket_id: id,
            })],
        }
    }

    pub(crate) fn form_error(&mut self, m: String) {
        match &mut self.form {
            Some(of) => of.form.message = Some(m),
            None => self.flash(m, MsgKind::Error),
        }
    }
}
