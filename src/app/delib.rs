//! 民事民议 on the desk: the roster pane, the live draw, instant mediation and the hearing.
//! Same pattern as the rest of `app`: keys change state and emit effects; results come back.

use crate::keymap::{DrawCmd, HearingCmd, RosterCmd};
use chrono::NaiveDate;

use super::form::{Field, FieldId as F, Form, Opt, Val};
use super::{App, Effect, FormKind, MsgKind, OpenForm, Pane, PickTarget, Picker, Popup, Reason};
use crate::domain::calendar::parse_date;
use crate::domain::draw::{Minimum, PartyInput, Settings, commitment};
use crate::domain::hearing::{PHASES, Question, TieRule, default_question, validate_question};
use crate::domain::hex;
use crate::domain::roster::{
    RepCategory, RepForm, RepInput, RepStatus, validate_rep, validate_training,
};
use crate::domain::vocab::{Lang, PlaceKind, State};
use crate::store::draws::{DrawRecord, PoolReport};
use crate::store::hearings::{HearingRecord, MediationOutcome};
use crate::store::roster::{Rep, RepDetail, RosterQuery};

fn l(lang: Lang, zh: &str, en: &str) -> String {
    lang.pick(zh, en).to_string()
}

/// Forms of this part of the desk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DelibForm {
    RosterSearch,
    RepAdd,
    RepEdit { id: i64, version: i64 },
    RepStatus { id: i64 },
    RepTraining { id: i64 },
    DrawSetup { ticket_id: i64 },
    PartyInput { idx: usize },
    Mediation { ticket_id: i64 },
    HearingSetup { draw_id: i64 },
    HearingNote { hearing_id: i64 },
    HearingQuestions { hearing_id: i64 },
    HearingVote { hearing_id: i64 },
    HearingCorrect { hearing_id: i64 },
}

/// What a step of a hearing does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HearingStep {
    Absent(i64),
    Open,
    Note {
        phase: String,
        party: String,
        note: String,
    },
    Questions(Vec<Question>, TieRule),
    Vote {
        question: usize,
        rep: i64,
        choice: Option<usize>,
        reason: String,
    },
    Correct {
        question: usize,
        rep: i64,
        choice: Option<usize>,
        reason: String,
        correction: String,
    },
    Close {
        to_sign: bool,
    },
}

#[derive(Debug)]
pub enum DelibEffect {
    LoadRoster {
        query: RosterQuery,
        after: Option<i64>,
        before: Option<i64>,
        select: Option<i64>,
    },
    LoadRep(i64),
    SaveRep {
        existing: Option<(i64, i64)>,
        input: Box<RepInput>,
    },
    RepStatus {
        id: i64,
        to: RepStatus,
        date: NaiveDate,
        reason: String,
    },
    RepTraining {
        id: i64,
        date: NaiveDate,
        topic: String,
        hours: f64,
    },
    PrepareDraw {
        ticket_id: i64,
        settings: Settings,
        labels: Vec<String>,
        exclusions: Vec<(String, String)>,
    },
    RevealDraw {
        draw_id: i64,
        parties: Vec<PartyInput>,
    },
    StrikeDraw {
        draw_id: i64,
        party: usize,
        rep_id: i64,
    },
    FinalizeDraw {
        draw_id: i64,
    },
    PrintDraw {
        draw_id: i64,
    },
    QuickDraw {
        ticket_id: i64,
    },
    Mediation {
        ticket_id: i64,
        members: Vec<String>,
        member_ids: Option<Vec<i64>>,
        draw_id: Option<i64>,
        outcome: MediationOutcome,
    },
    OpenHearing {
        ticket_id: i64,
    },
    ReloadHearing(i64),
    CreateHearing {
        draw_id: i64,
        date: NaiveDate,
        place: String,
        host: String,
    },
    Hearing {
        hearing_id: i64,
        step: HearingStep,
    },
    PrintHearing {
        hearing_id: i64,
    },
}

/// A frozen draw, its pool report and the parties' salts.
pub type PreparedDraw = (Box<DrawRecord>, Box<PoolReport>, Vec<Vec<u8>>);
/// A ticket's final panel draw and its open hearing, if any.
pub type TicketHearing = (Option<Box<DrawRecord>>, Option<Box<HearingRecord>>);

#[derive(Debug)]
pub enum DelibOutcome {
    Roster {
        rows: Vec<Rep>,
        more_after: bool,
        more_before: bool,
        count: i64,
        select: Option<i64>,
        anchor: (Option<i64>, Option<i64>),
    },
    Rep(Box<RepDetail>),
    RosterSaved(Result<String, String>),
    DrawPrepared(Result<PreparedDraw, String>),
    DrawUpdated(Result<Box<DrawRecord>, String>),
    /// A quick draw: its id, the representatives drawn and their names.
    QuickDrawn(Result<(i64, Vec<i64>, Vec<String>), String>),
    Mediated(Result<String, String>),
    /// The ticket's final panel draw, and its open hearing if there is one.
    HearingOpened(Result<TicketHearing, String>),
    HearingUpdated(Result<Box<HearingRecord>, String>),
    HearingClosed(Result<String, String>),
    Printed(Result<std::path::PathBuf, String>),
}

#[derive(Debug, Clone, Default)]
pub struct RosterState {
    pub query: RosterQuery,
    pub rows: Vec<Rep>,
    pub selected: usize,
    pub more_after: bool,
    pub more_before: bool,
    pub count: i64,
    pub anchor: (Option<i64>, Option<i64>),
    pub detail: Option<RepDetail>,
}

/// Where a live draw is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DrawPhase {
    /// Party `n` is typing its input.
    Inputs(usize),
    /// Every party has entered: the reveal is next.
    Ready,
    Revealed,
    Final,
}

#[derive(Debug, Clone)]
pub struct DrawLive {
    pub draw: DrawRecord,
    pub report: PoolReport,
    pub labels: Vec<String>,
    pub salts: Vec<Vec<u8>>,
    pub inputs: Vec<String>,
    pub commitments: Vec<String>,
    pub phase: DrawPhase,
    pub selected: usize,
}

#[derive(Debug, Clone)]
pub struct HearingView {
    pub hearing: HearingRecord,
    pub panel_size: usize,
    pub selected: usize,
}

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

fn cat_opts(lang: Lang) -> Vec<Opt> {
    RepCategory::ALL
        .iter()
        .enumerate()
        .map(|(i, c)| Opt::new(c.label(lang), Val::Nth(i)))
        .collect()
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
                    FormKind::Delib(DelibForm::Mediation { ticket_id: id }),
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
                    FormKind::Delib(DelibForm::DrawSetup { ticket_id: id }),
                    f,
                ));
                vec![]
            }
            DelibAction::Hearing => vec![Effect::Delib(DelibEffect::OpenHearing { ticket_id: id })],
        }
    }

    // ---- the roster pane ----------------------------------------------------------------

    pub(super) fn load_roster(
        &self,
        after: Option<i64>,
        before: Option<i64>,
        select: Option<i64>,
    ) -> Effect {
        Effect::Delib(DelibEffect::LoadRoster {
            query: self.roster.query.clone(),
            after,
            before,
            select,
        })
    }

    fn selected_rep(&self) -> Option<&Rep> {
        self.roster.rows.get(self.roster.selected)
    }

    pub(super) fn roster_command(&mut self, cmd: RosterCmd) -> Vec<Effect> {
        let lang = self.lang;
        let n = self.roster.rows.len();
        let reload_detail = |app: &App| {
            app.selected_rep()
                .map(|r| Effect::Delib(DelibEffect::LoadRep(r.id)))
                .into_iter()
                .collect::<Vec<_>>()
        };
        match cmd {
            RosterCmd::Down => {
                if self.roster.selected + 1 < n {
                    self.roster.selected += 1;
                    return reload_detail(self);
                } else if self.roster.more_after {
                    return vec![self.load_roster(
                        self.roster.rows.last().map(|r| r.id),
                        None,
                        None,
                    )];
                }
            }
            RosterCmd::Up => {
                if self.roster.selected > 0 {
                    self.roster.selected -= 1;
                    return reload_detail(self);
                } else if self.roster.more_before {
                    let first = self.roster.rows.first().map(|r| r.id);
                    return vec![self.load_roster(None, first, None)];
                }
            }
            RosterCmd::PageDown if self.roster.more_after => {
                return vec![self.load_roster(self.roster.rows.last().map(|r| r.id), None, None)];
            }
            RosterCmd::PageUp if self.roster.more_before => {
                return vec![self.load_roster(None, self.roster.rows.first().map(|r| r.id), None)];
            }
            RosterCmd::Search => {
                let f = Form::new(
                    l(lang, "查找代表", "Find a representative"),
                    vec![
                        Field::text(
                            F::Q,
                            &l(lang, "姓名或拼音首字母", "Name or initials"),
                            &self.roster.query.search,
                        )
                        .hint(l(
                            lang,
                            "如：李秀 或 lxy；空白回车清除",
                            "e.g. 李秀 or lxy; empty clears",
                        )),
                    ],
                );
                self.form = Some(OpenForm::new(FormKind::Delib(DelibForm::RosterSearch), f));
            }
            RosterCmd::Filter => {
                let mut options = vec![Opt::new(l(lang, "（全部）", "(all)"), Val::None)];
                for (i, s) in RepStatus::ALL.iter().enumerate() {
                    options.push(Opt::new(
                        format!("{}：{}", l(lang, "状态", "status"), s.label(lang)),
                        Val::Status(i),
                    ));
                }
                for (i, c) in RepCategory::ALL.iter().enumerate() {
                    options.push(Opt::new(
                        format!("{}：{}", l(lang, "类别", "category"), c.label(lang)),
                        Val::Category(i),
                    ));
                }
                options.push(Opt::new(
                    l(lang, "任期将满（90 天内）", "term ending within 90 days"),
                    Val::Expiring,
                ));
                for p in self
                    .refs
                    .places
                    .iter()
                    .filter(|p| p.kind != PlaceKind::Town)
                {
                    options.push(Opt::new(
                        format!("{}：{}", l(lang, "社区/村", "place"), p.name),
                        Val::Place(p.id),
                    ));
                }
                self.popup = Some(Popup::Picker(Picker {
                    title: l(lang, "筛选代表", "Filter"),
                    options,
                    filter: String::new(),
                    selected: 0,
                    target: PickTarget::RosterFilter,
                }));
            }
            RosterCmd::ClearFilters => {
                self.roster.query = RosterQuery::default();
                return vec![self.load_roster(None, None, None)];
            }
            RosterCmd::Add => self.form = Some(rep_form(lang, &self.refs, None)),
            RosterCmd::Edit => {
                if let Some(d) = &self.roster.detail {
                    self.form = Some(rep_form(lang, &self.refs, Some(&d.rep)));
                }
            }
            RosterCmd::Status => {
                if let Some(r) = self.selected_rep() {
                    let id = r.id;
                    let f = Form::new(
                        format!(
                            "{} · {}",
                            crate::domain::text::for_terminal(&r.name),
                            l(lang, "变更状态", "Change status")
                        ),
                        vec![
                            Field::choice(
                                F::To,
                                &l(lang, "新状态", "New status"),
                                RepStatus::ALL
                                    .iter()
                                    .enumerate()
                                    .map(|(i, s)| Opt::new(s.label(lang), Val::Nth(i)))
                                    .collect(),
                                Some(Val::Nth(1)),
                            ),
                            Field::text(
                                F::Date,
                                &l(lang, "日期", "Date"),
                                &self.today().to_string(),
                            )
                            .required(),
                            Field::text(F::Reason, &l(lang, "原因", "Reason"), "").required(),
                        ],
                    );
                    self.form = Some(OpenForm::new(
                        FormKind::Delib(DelibForm::RepStatus { id }),
                        f,
                    ));
                }
            }
            RosterCmd::Training => {
                if let Some(r) = self.selected_rep() {
                    let id = r.id;
                    let f = Form::new(
                        format!(
                            "{} · {}",
                            crate::domain::text::for_terminal(&r.name),
                            l(lang, "登记培训", "Add training")
                        ),
                        vec![
                            Field::text(
                                F::Date,
                                &l(lang, "日期", "Date"),
                                &self.today().to_string(),
                            )
                            .required(),
                            Field::text(F::Topic, &l(lang, "培训主题", "Topic"), "").required(),
                            Field::text(F::Hours, &l(lang, "学时", "Hours"), "2").required(),
                        ],
                    );
                    self.form = Some(OpenForm::new(
                        FormKind::Delib(DelibForm::RepTraining { id }),
                        f,
                    ));
                }
            }
            // No page before the first or after the last.
            RosterCmd::PageDown | RosterCmd::PageUp => {}
        }
        vec![]
    }

    pub(super) fn roster_filter_picked(&mut self, value: Val) -> Vec<Effect> {
        let q = &mut self.roster.query;
        match value {
            Val::None => {
                *q = RosterQuery {
                    search: q.search.clone(),
                    ..RosterQuery::default()
                }
            }
            Val::Status(i) => q.status = RepStatus::ALL.get(i).copied(),
            Val::Category(i) => q.category = RepCategory::ALL.get(i).copied(),
            Val::Expiring => q.expiring_from = Some(self.now.date()),
            Val::Place(id) => q.place = Some(id),
            _ => return vec![],
        }
        vec![self.load_roster(None, None, None)]
    }

    // ---- the live draw --------------------------------------------------------------------

    pub(super) fn draw_command(&mut self, cmd: DrawCmd) -> Vec<Effect> {
        let lang = self.lang;
        let Some(DelibView::Draw(live)) = &mut self.delib else {
            return vec![];
        };
        let draw_id = live.draw.id;
        match (cmd, live.phase) {
            (DrawCmd::Back, _) => {
                self.delib = None;
                let id = self.detail.as_ref().map(|d| d.rec.id);
                return id
                    .map(|id| Effect::LoadTicket {
                        id,
                        reason: Reason::User,
                    })
                    .into_iter()
                    .collect();
            }
            (DrawCmd::Confirm, DrawPhase::Inputs(i)) => {
                self.form = Some(party_form(lang, &live.labels, i))
            }
            (DrawCmd::Confirm, DrawPhase::Ready) => {
                let parties = live
                    .labels
                    .iter()
                    .zip(&live.salts)
                    .zip(&live.inputs)
                    .map(|((label, salt), input)| PartyInput {
                        label: label.clone(),
                        salt: salt.clone(),
                        input: input.clone(),
                    })
                    .collect();
                return vec![Effect::Delib(DelibEffect::RevealDraw { draw_id, parties })];
            }
            (DrawCmd::Down, DrawPhase::Revealed | DrawPhase::Final) => {
                let n = live.draw.current_panel().len();
                if live.selected + 1 < n {
                    live.selected += 1;
                }
            }
            (DrawCmd::Up, DrawPhase::Revealed | DrawPhase::Final) => {
                live.selected = live.selected.saturating_sub(1)
            }
            (DrawCmd::Strike, DrawPhase::Revealed) => {
                let panel = live.draw.current_panel();
                let Some(member) = panel.get(live.selected).copied() else {
                    return vec![];
                };
                let options = live
                    .labels
                    .iter()
                    .enumerate()
                    .map(|(i, p)| Opt::new(format!("{} {}", i + 1, p), Val::Nth(i)))
                    .collect();
                let title = format!(
                    "{}{}",
                    l(lang, "由哪一方排除：", "Struck by: "),
                    live.draw.name(member)
                );
                self.popup = Some(Popup::Picker(Picker {
                    title,
                    options,
                    filter: String::new(),
                    selected: 0,
                    target: PickTarget::StrikeParty(member),
                }));
            }
            (DrawCmd::Finalize, DrawPhase::Revealed) => {
                return vec![Effect::Delib(DelibEffect::FinalizeDraw { draw_id })];
            }
            (DrawCmd::Print, DrawPhase::Final) => {
                return vec![Effect::Delib(DelibEffect::PrintDraw { draw_id })];
            }
            // Every command has its arm above for the phases it acts in; in the other phases it
            // does nothing (the hint line offers only what the phase allows).
            _ => {}
        }
        vec![]
    }

    // ---- the hearing ----------------------------------------------------------------------

    pub(super) fn hearing_command(&mut self, cmd: HearingCmd) -> Vec<Effect> {
        let lang = self.lang;
        let Some(DelibView::Hearing(v)) = &mut self.delib else {
            return vec![];
        };
        let h = &v.hearing;
        let hid = h.id;
        let sitting = h.sitting();
        let step = |step: HearingStep| {
            vec![Effect::Delib(DelibEffect::Hearing {
                hearing_id: hid,
                step,
            })]
        };
        match cmd {
            HearingCmd::Back => {
                self.delib = None;
                let id = self.detail.as_ref().map(|d| d.rec.id);
                return id
                    .map(|id| Effect::LoadTicket {
                        id,
                        reason: Reason::User,
                    })
                    .into_iter()
                    .collect();
            }
            HearingCmd::Down if v.selected + 1 < sitting.len() => v.selected += 1,
            HearingCmd::Up => v.selected = v.selected.saturating_sub(1),
            HearingCmd::Absent => {
                if let Some(rep) = sitting.get(v.selected) {
                    return step(HearingStep::Absent(*rep));
                }
            }
            HearingCmd::Open => return step(HearingStep::Open),
            HearingCmd::Note => {
                let mut parties: Vec<Opt> = h
                    .party_labels
                    .iter()
                    .enumerate()
                    .map(|(i, p)| Opt::new(p, Val::Nth(i)))
                    .collect();
                parties.push(Opt::new(l(lang, "评理团", "Panel"), Val::Panel));
                parties.push(Opt::new(l(lang, "主持人", "Host"), Val::Host));
                let f = Form::new(
                    l(lang, "记录大会环节", "Record a phase"),
                    vec![
                        Field::choice(
                            F::Phase,
                            &l(lang, "环节", "Phase"),
                            PHASES
                                .iter()
                                .enumerate()
                                .map(|(i, p)| Opt::new(lang.pick(p.1, p.2), Val::Nth(i)))
                                .collect(),
                            Some(Val::Nth(0)),
                        ),
                        Field::choice(
                            F::Party,
                            &l(lang, "发言方", "Speaker"),
                            parties,
                            Some(Val::Nth(0)),
                        ),
                        Field::multiline(F::Note, &l(lang, "记录", "Notes"), "").required(),
                    ],
                );
                self.form = Some(OpenForm::new(
                    FormKind::Delib(DelibForm::HearingNote { hearing_id: hid }),
                    f,
                ));
            }
            HearingCmd::Questions => {
                let q = default_question();
                let f = Form::new(
                    l(
                        lang,
                        "确定表决事项（表决开始后不能再改）",
                        "Fix the questions (they cannot change once voting starts)",
                    ),
                    vec![
                        Field::text(F::Q1, &l(lang, "表决事项 1", "Question 1"), &q.text)
                            .required(),
                        Field::text(F::O1, &l(lang, "选项 1", "Options 1"), &q.options.join("/"))
                            .hint(l(
                                lang,
                                "用 / 分隔；“弃权”总可选",
                                "separated by /; abstention is always possible",
                            )),
                        Field::text(
                            F::Q2,
                            &l(lang, "表决事项 2（可空）", "Question 2 (optional)"),
                            "",
                        ),
                        Field::text(F::O2, &l(lang, "选项 2", "Options 2"), "支持/反对"),
                        Field::choice(
                            F::Tie,
                            &l(lang, "未过半数时", "Without a majority"),
                            vec![
                                Opt::new(TieRule::NoMajority.label(lang), Val::Nth(0)),
                                Opt::new(TieRule::Plurality.label(lang), Val::Nth(1)),
                            ],
                            Some(Val::Nth(0)),
                        ),
                    ],
                );
                self.form = Some(OpenForm::new(
                    FormKind::Delib(DelibForm::HearingQuestions { hearing_id: hid }),
                    f,
                ));
            }
            HearingCmd::Vote | HearingCmd::Correct => {
                if h.questions.is_empty() {
                    self.flash(
                        l(lang, "请先确定表决事项（q）", "fix the questions first (q)"),
                        MsgKind::Error,
                    );
                    return vec![];
                }
                let members: Vec<Opt> = sitting
                    .iter()
                    .map(|r| Opt::new(h.name(*r), Val::Id(*r)))
                    .collect();
                let selected = sitting.get(v.selected).copied();
                let questions: Vec<Opt> = h
                    .questions
                    .iter()
                    .enumerate()
                    .map(|(i, q)| Opt::new(format!("{}. {}", i + 1, q.text), Val::Nth(i)))
                    .collect();
                let mut choices: Vec<Opt> = vec![];
                for (qi, q) in h.questions.iter().enumerate() {
                    for (oi, o) in q.options.iter().enumerate() {
                        choices.push(Opt::new(
                            format!("{}. {o}", qi + 1),
                            Val::Vote {
                                question: qi,
                                option: oi,
                            },
                        ));
                    }
                }
                choices.push(Opt::new(l(lang, "弃权", "Abstain"), Val::Abstain));
                let mut fields = vec![
                    Field::choice(
                        F::Member,
                        &l(lang, "评理团成员", "Member"),
                        members,
                        (selected).map(Val::Id),
                    ),
                    Field::choice(
                        F::Question,
                        &l(lang, "表决事项", "Question"),
                        questions,
                        Some(Val::Nth(0)),
                    ),
                    Field::choice(F::Choice, &l(lang, "表决", "Vote"), choices, None)
                        .required()
                        .hint(l(
                            lang,
                            "投票不公开，全部表决后揭晓",
                            "votes stay hidden until everyone has voted",
                        )),
                    Field::multiline(
                        F::Reason,
                        &l(lang, "理由（可空，异议保留）", "Reason (optional)"),
                        "",
                    ),
                ];
                let kind = if cmd == HearingCmd::Vote {
                    DelibForm::HearingVote { hearing_id: hid }
                } else {
                    fields.push(
                        Field::text(F::Correction, &l(lang, "更正理由", "Why corrected"), "")
                            .required(),
                    );
                    DelibForm::HearingCorrect { hearing_id: hid }
                };
                let title = if cmd == HearingCmd::Vote {
                    l(lang, "逐一表决", "Record a vote")
                } else {
                    l(
                        lang,
                        "更正表决（原票保留并注明）",
                        "Correct a vote (the original is kept)",
                    )
                };
                self.form = Some(OpenForm::new(
                    FormKind::Delib(kind),
                    Form::new(title, fields),
                ));
            }
            HearingCmd::Finish => {
                let options = vec![
                    Opt::new(
                        l(lang, "结果转签单（回访评价）", "To sign-off (feedback)"),
                        Val::Nth(1),
                    ),
                    Opt::new(
                        l(lang, "回到下单（交部门办理）", "Back to issue (handling)"),
                        Val::Nth(0),
                    ),
                ];
                self.popup = Some(Popup::Picker(Picker {
                    title: l(lang, "结束大会：此件去向", "Close the hearing: next step"),
                    options,
                    filter: String::new(),
                    selected: 0,
                    target: PickTarget::HearingClose,
                }));
            }
            HearingCmd::Print => {
                return vec![Effect::Delib(DelibEffect::PrintHearing { hearing_id: hid })];
            }
            // At the last member (or none): nothing to move to.
            HearingCmd::Down => {}
        }
        vec![]
    }

    // ---- forms ----------------------------------------------------------------------------

    pub(super) fn submit_delib(&mut self, kind: DelibForm) -> Vec<Effect> {
        let lang = self.lang;
        let Some(of) = &mut self.form else {
            return vec![];
        };
        let f = &mut of.form;
        f.errors.clear();
        f.message = None;
        let fail = |f: &mut Form, key: F, msg: String| {
            f.set_error(key, msg);
            vec![]
        };
        match kind {
            DelibForm::RosterSearch => {
                self.roster.query.search = f.text(F::Q).trim().to_string();
                self.form = None;
                vec![self.load_roster(None, None, None)]
            }
            DelibForm::RepAdd | DelibForm::RepEdit { .. } => {
                let form = RepForm {
                    name: f.text(F::Name),
                    sex: f.field(F::Sex).map(|x| x.value_text()).unwrap_or_default(),
                    place: f
                        .id(F::Place)
                        .and_then(|p| self.refs.place(p))
                        .map(|p| p.name.clone())
                        .unwrap_or_default(),
                    category: f
                        .nth(F::Category)
                        .and_then(|c| RepCategory::ALL.get(c))
                        .map(|c| c.code().to_string())
                        .unwrap_or_default(),
                    chosen_by: f
                        .field(F::ChosenBy)
                        .map(|x| x.value_text())
                        .unwrap_or_default(),
                    occupation: f.text(F::Occupation),
                    expertise: f.text(F::Expertise),
                    mobile: f.text(F::Mobile),
                    term_start: f.text(F::TermStart),
                    term_end: f.text(F::TermEnd),
                };
                match validate_rep(&form) {
                    Ok(input) => {
                        let existing = match kind {
                            DelibForm::RepEdit { id, version } => Some((id, version)),
                            _ => None,
                        };
                        vec![Effect::Delib(DelibEffect::SaveRep {
                            existing,
                            input: Box::new(input),
                        })]
                    }
                    Err(errs) => {
                        let map = errs.into_iter().map(|(k, p)| (k, p.text(lang).to_string()));
                        f.set_named_errors(map);
                        vec![]
                    }
                }
            }
            DelibForm::RepStatus { id } => {
                let to = f
                    .nth(F::To)
                    .and_then(|i| RepStatus::ALL.get(i))
                    .copied()
                    .unwrap_or(RepStatus::Active);
                match parse_date(&f.text(F::Date)) {
                    Ok(date) => vec![Effect::Delib(DelibEffect::RepStatus {
                        id,
                        to,
                        date,
                        reason: f.text(F::Reason),
                    })],
                    Err(p) => fail(f, F::Date, p.text(lang).to_string()),
                }
            }
            DelibForm::RepTraining { id } => {
                match validate_training(&f.text(F::Date), &f.text(F::Topic), &f.text(F::Hours)) {
                    Ok((date, topic, hours)) => vec![Effect::Delib(DelibEffect::RepTraining {
                        id,
                        date,
                        topic,
                        hours,
                    })],
                    Err(p) => {
                        f.message = Some(p.text(lang).to_string());
                        vec![]
                    }
                }
            }
            DelibForm::DrawSetup { ticket_id } => {
                let num = |f: &Form, k: F| f.text(k).trim().parse::<u32>();
                let mut settings = Settings::default();
                let (Ok(panel), Ok(alternates), Ok(strikes)) =
                    (num(f, F::Panel), num(f, F::Alternates), num(f, F::Strikes))
                else {
                    let key = [F::Panel, F::Alternates, F::Strikes]
                        .into_iter()
                        .find(|k| num(f, *k).is_err())
                        .unwrap_or(F::Panel);
                    return fail(f, key, l(lang, "请填写整数", "a whole number"));
                };
                settings.panel_size = panel;
                settings.alternates = alternates;
                settings.strikes_per_party = strikes;
                let (Ok(legal), Ok(deputies)) = (num(f, F::MinLegal), num(f, F::MinDeputies))
                else {
                    return fail(
                        f,
                        F::MinLegal,
                        l(
                            lang,
                            "请填写整数（0 表示不要求）",
                            "a whole number (0: none)",
                        ),
                    );
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
                    let parsed = part.split_once([':', '：']).and_then(|(c, n)| {
                        Some((RepCategory::parse(c)?, n.trim().parse::<u32>().ok()?))
                    });
                    match parsed {
                        Some((c, n)) if n > 0 => settings.minimums.push(Minimum {
                            categories: vec![c],
                            count: n,
                        }),
                        Some(_) => {}
                        None => {
                            return fail(
                                f,
                                F::MinOther,
                                l(
                                    lang,
                                    &format!("“{part}”应写成 类别:人数，如 村民代表:1"),
                                    &format!("“{part}”: write category:count"),
                                ),
                            );
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
                    return fail(f, F::Party2, l(lang, "至少两方", "at least two parties"));
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
                            l(
                                lang,
                                &format!("“{line}”：请在姓名后写明回避原因"),
                                &format!("“{line}”: add the reason after the name"),
                            ),
                        );
                    }
                    exclusions.push((name.trim().to_string(), reason.trim().to_string()));
                }
                vec![Effect::Delib(DelibEffect::PrepareDraw {
                    ticket_id,
                    settings,
                    labels,
                    exclusions,
                })]
            }
            DelibForm::PartyInput { idx } => {
                let input = f.text(F::Input);
                if input.trim().is_empty() {
                    return fail(
                        f,
                        F::Input,
                        l(lang, "请输入任意数字或文字", "type any digits or text"),
                    );
                }
                self.form = None;
                if let Some(DelibView::Draw(live)) = &mut self.delib
                    && live.phase == DrawPhase::Inputs(idx)
                {
                    let c = hex(&commitment(&live.salts[idx], &input));
                    live.inputs.push(input);
                    live.commitments.push(c);
                    live.phase = if idx + 1 < live.labels.len() {
                        DrawPhase::Inputs(idx + 1)
                    } else {
                        DrawPhase::Ready
                    };
                }
                vec![]
            }
            DelibForm::Mediation { ticket_id } => {
                let members: Vec<String> = f
                    .text(F::Members)
                    .split(['、', ',', '，', ' '])
                    .map(|s| s.trim().to_string())
                    .filter(|s| !s.is_empty())
                    .collect();
                if members.is_empty() {
                    return fail(
                        f,
                        F::Members,
                        l(
                            lang,
                            "请填写参加调解的代表，或按 F5 快速抽取",
                            "name the mediators or press F5",
                        ),
                    );
                }
                let terms = f.text(F::Terms);
                let outcome = match f.choice(F::Outcome) {
                    Some(Val::Nth(1)) => MediationOutcome::Hearing(terms),
                    Some(Val::Nth(2)) => MediationOutcome::BackToIssue(terms),
                    _ => MediationOutcome::Agreement(terms),
                };
                // The quick-drawn representatives, unless the clerk changed the names since.
                let (draw_id, member_ids) = match &self.quick_draw {
                    Some((d, ids, text)) if *text == f.text(F::Members) => {
                        (Some(*d), Some(ids.clone()))
                    }
                    _ => (None, None),
                };
                vec![Effect::Delib(DelibEffect::Mediation {
                    ticket_id,
                    members,
                    member_ids,
                    draw_id,
                    outcome,
                })]
            }
            DelibForm::HearingSetup { draw_id } => match parse_date(&f.text(F::Date)) {
                Ok(date) => vec![Effect::Delib(DelibEffect::CreateHearing {
                    draw_id,
                    date,
                    place: f.text(F::Place),
                    host: f.text(F::Host),
                })],
                Err(p) => fail(f, F::Date, p.text(lang).to_string()),
            },
            DelibForm::HearingNote { hearing_id } => {
                let phase = PHASES
                    .get(f.nth(F::Phase).unwrap_or(0))
                    .map(|p| p.0)
                    .unwrap_or("statement")
                    .to_string();
                let party = f
                    .field(F::Party)
                    .map(|x| x.value_text())
                    .unwrap_or_default();
                vec![Effect::Delib(DelibEffect::Hearing {
                    hearing_id,
                    step: HearingStep::Note {
                        phase,
                        party,
                        note: f.text(F::Note),
                    },
                })]
            }
            DelibForm::HearingQuestions { hearing_id } => {
                let mut qs = vec![];
                for (q, o) in [(F::Q1, F::O1), (F::Q2, F::O2)] {
                    if q == F::Q2 && f.text(q).trim().is_empty() {
                        continue;
                    }
                    match validate_question(&f.text(q), &f.text(o)) {
                        Ok(x) => qs.push(x),
                        Err(p) => return fail(f, o, p.text(lang).to_string()),
                    }
                }
                let rule = if f.choice(F::Tie) == Some(Val::Nth(1)) {
                    TieRule::Plurality
                } else {
                    TieRule::NoMajority
                };
                vec![Effect::Delib(DelibEffect::Hearing {
                    hearing_id,
                    step: HearingStep::Questions(qs, rule),
                })]
            }
            DelibForm::HearingVote { hearing_id } | DelibForm::HearingCorrect { hearing_id } => {
                let Some(rep) = f.id(F::Member) else {
                    return fail(f, F::Member, l(lang, "请选择成员", "choose the member"));
                };
                let question = f.nth(F::Question).unwrap_or(0);
                let Some(c) = f.choice(F::Choice) else {
                    return fail(f, F::Choice, l(lang, "请选择表决意见", "choose the vote"));
                };
                let choice = match c {
                    Val::Abstain => None,
                    Val::Vote {
                        question: q,
                        option,
                    } if q == question => Some(option),
                    _ => {
                        return fail(
                            f,
                            F::Choice,
                            l(
                                lang,
                                "所选意见不属于所选表决事项",
                                "that option belongs to another question",
                            ),
                        );
                    }
                };
                let reason = f.text(F::Reason);
                let step = match kind {
                    DelibForm::HearingVote { .. } => HearingStep::Vote {
                        question,
                        rep,
                        choice,
                        reason,
                    },
                    _ => HearingStep::Correct {
                        question,
                        rep,
                        choice,
                        reason,
                        correction: f.text(F::Correction),
                    },
                };
                vec![Effect::Delib(DelibEffect::Hearing { hearing_id, step })]
            }
        }
    }

    // ---- results --------------------------------------------------------------------------

    pub(super) fn on_delib(&mut self, o: DelibOutcome) -> Vec<Effect> {
        let lang = self.lang;
        match o {
            DelibOutcome::Roster {
                rows,
                more_after,
                more_before,
                count,
                select,
                anchor,
            } => {
                self.roster.selected = select
                    .and_then(|id| rows.iter().position(|r| r.id == id))
                    .unwrap_or(0);
                self.roster.rows = rows;
                self.roster.more_after = more_after;
                self.roster.more_before = more_before;
                self.roster.count = count;
                self.roster.anchor = anchor;
                return self
                    .selected_rep()
                    .map(|r| Effect::Delib(DelibEffect::LoadRep(r.id)))
                    .into_iter()
                    .collect();
            }
            DelibOutcome::Rep(d) => self.roster.detail = Some(*d),
            DelibOutcome::RosterSaved(r) => match r {
                Ok(msg) => {
                    self.form = None;
                    self.flash(msg, MsgKind::Info);
                    let sel = self.selected_rep().map(|r| r.id);
                    let (after, before) = self.roster.anchor;
                    return vec![self.load_roster(after, before, sel)];
                }
                Err(m) => self.form_error(m),
            },
            DelibOutcome::DrawPrepared(r) => match r {
                Ok((draw, report, salts)) => {
                    let labels = draw_labels(&self.form);
                    self.form = None;
                    self.delib = Some(DelibView::Draw(Box::new(DrawLive {
                        draw: *draw,
                        report: *report,
                        labels: labels.clone(),
                        salts,
                        inputs: vec![],
                        commitments: vec![],
                        phase: DrawPhase::Inputs(0),
                        selected: 0,
                    })));
                    self.form = Some(party_form(lang, &labels, 0));
                }
                Err(m) => self.form_error(m),
            },
            DelibOutcome::DrawUpdated(r) => match r {
                Ok(d) => {
                    if let Some(DelibView::Draw(live)) = &mut self.delib {
                        live.phase = if d.state.is_final() {
                            DrawPhase::Final
                        } else {
                            DrawPhase::Revealed
                        };
                        live.draw = *d;
                        if live.phase == DrawPhase::Final {
                            self.flash(
                                l(
                                    lang,
                                    "抽签已确认，凭据已保存（p 打印）",
                                    "the draw is final; receipt saved (p prints)",
                                ),
                                MsgKind::Info,
                            );
                        }
                    }
                }
                Err(m) => self.flash(m, MsgKind::Error),
            },
            DelibOutcome::QuickDrawn(r) => match r {
                Ok((draw_id, ids, names)) => {
                    self.quick_draw = Some((draw_id, ids, names.join("、")));
                    if let Some(of) = &mut self.form {
                        of.form.set_text(F::Members, &names.join("、"));
                        of.form.message = None;
                        of.form.dirty = true;
                    }
                    self.flash(
                        l(
                            lang,
                            &format!("已随机抽取：{}（抽签 #{draw_id}）", names.join("、")),
                            &format!("drawn: {} (draw #{draw_id})", names.join(", ")),
                        ),
                        MsgKind::Info,
                    );
                }
                Err(m) => self.form_error(m),
            },
            DelibOutcome::Mediated(r) => match r {
                Ok(msg) => {
                    self.form = None;
                    self.quick_draw = None;
                    self.flash(msg, MsgKind::Info);
                    let id = self.detail.as_ref().map(|d| d.rec.id);
                    return id
                        .map(|id| Effect::LoadTicket {
                            id,
                            reason: Reason::User,
                        })
                        .into_iter()
                        .collect();
                }
                Err(m) => self.form_error(m),
            },
            DelibOutcome::HearingOpened(r) => match r {
                Ok((Some(draw), Some(h))) => {
                    self.delib = Some(DelibView::Hearing(Box::new(HearingView {
                        hearing: *h,
                        panel_size: draw.settings.panel_size as usize,
                        selected: 0,
                    })));
                }
                Ok((Some(draw), None)) => {
                    let f = Form::new(
                        format!(
                            "{} · {}",
                            draw.case,
                            l(lang, "召开评理大会", "Plan the hearing")
                        ),
                        vec![
                            Field::text(
                                F::Date,
                                &l(lang, "日期", "Date"),
                                &self.today().to_string(),
                            )
                            .required(),
                            Field::text(F::Place, &l(lang, "地点", "Place"), "").required(),
                            Field::text(
                                F::Host,
                                &l(lang, "主持人", "Host"),
                                self.session
                                    .as_ref()
                                    .map(|s| s.actor.name.as_str())
                                    .unwrap_or(""),
                            )
                            .required(),
                        ],
                    );
                    self.form = Some(OpenForm::new(
                        FormKind::Delib(DelibForm::HearingSetup { draw_id: draw.id }),
                        f,
                    ));
                }
                Ok((None, _)) => self.flash(
                    l(
                        lang,
                        "请先“抽签组成评理团”并确认",
                        "draw and confirm a panel first",
                    ),
                    MsgKind::Error,
                ),
                Err(m) => self.flash(m, MsgKind::Error),
            },
            DelibOutcome::HearingUpdated(r) => match r {
                Ok(h) => {
                    self.form = None;
                    match &mut self.delib {
                        Some(DelibView::Hearing(v)) => {
                            v.selected = v.selected.min(h.sitting().len().saturating_sub(1));
                            v.hearing = *h;
                        }
                        _ => {
                            let panel = h.sitting().len();
                            self.delib = Some(DelibView::Hearing(Box::new(HearingView {
                                hearing: *h,
                                panel_size: panel,
                                selected: 0,
                            })));
                        }
                    }
                }
                Err(m) => self.form_error(m),
            },
            DelibOutcome::HearingClosed(r) => match r {
                Ok(outcome) => {
                    self.delib = None;
                    self.flash(
                        l(
                            lang,
                            &format!("评理大会已结束：{outcome}"),
                            &format!("hearing closed: {outcome}"),
                        ),
                        MsgKind::Info,
                    );
                    let id = self.detail.as_ref().map(|d| d.rec.id);
                    return id
                        .map(|id| Effect::LoadTicket {
                            id,
                            reason: Reason::User,
                        })
                        .into_iter()
                        .collect();
                }
                Err(m) => self.flash(m, MsgKind::Error),
            },
            DelibOutcome::Printed(r) => match r {
                Ok(p) => self.flash(
                    l(
                        lang,
                        &format!("已写入 {}", p.display()),
                        &format!("written to {}", p.display()),
                    ),
                    MsgKind::Info,
                ),
                Err(m) => self.flash(m, MsgKind::Error),
            },
        }
        vec![]
    }

    fn form_error(&mut self, m: String) {
        match &mut self.form {
            Some(of) => of.form.message = Some(m),
            None => self.flash(m, MsgKind::Error),
        }
    }

    /// Switching to the roster pane.
    pub(super) fn open_roster(&mut self) -> Vec<Effect> {
        self.pane = Pane::Roster;
        vec![self.load_roster(None, None, None)]
    }
}

fn draw_labels(form: &Option<OpenForm>) -> Vec<String> {
    match form {
        Some(of) => [F::Party1, F::Party2, F::Party3]
            .into_iter()
            .map(|k| of.form.text(k).trim().to_string())
            .filter(|s| !s.is_empty())
            .collect(),
        None => vec![],
    }
}

fn party_form(lang: Lang, labels: &[String], idx: usize) -> OpenForm {
    let label = labels.get(idx).cloned().unwrap_or_default();
    let f = Form::new(
        format!(
            "{} {}{}：{}",
            l(lang, "第", "Party"),
            idx + 1,
            l(lang, " 方", ""),
            crate::domain::text::for_terminal(&label)
        ),
        vec![
            Field::secret(
                F::Input,
                &l(lang, "请输入任意数字或文字", "Type any digits or text"),
            )
            .hint(l(
                lang,
                "输入内容不显示，回车确认后只显示其校验值；全部当事方输入完毕才一并揭晓",
                "hidden; after Enter only its hash is shown; all are revealed together",
            )),
        ],
    );
    OpenForm::new(FormKind::Delib(DelibForm::PartyInput { idx }), f)
}

/// The form to add or edit a representative.
pub fn rep_form(lang: Lang, refs: &crate::store::org::Refs, rep: Option<&Rep>) -> OpenForm {
    let places: Vec<Opt> = refs
        .places
        .iter()
        .filter(|p| p.active && p.kind != PlaceKind::Town)
        .map(|p| Opt::new(&p.name, Val::Id(p.id)))
        .collect();
    let sexes = vec![Opt::new("男", Val::Nth(0)), Opt::new("女", Val::Nth(1))];
    let chosen = vec![
        Opt::new("自荐", Val::Nth(0)),
        Opt::new("组织推荐", Val::Nth(1)),
    ];
    let f = Form::new(
        match rep {
            Some(r) => format!(
                "{} · {}",
                l(lang, "修改代表", "Edit representative"),
                crate::domain::text::for_terminal(&r.name)
            ),
            None => l(lang, "新增议事代表", "Add a representative"),
        },
        vec![
            Field::text(
                F::Name,
                &l(lang, "姓名", "Name"),
                rep.map(|r| r.name.as_str()).unwrap_or(""),
            )
            .required(),
            Field::choice(
                F::Sex,
                &l(lang, "性别", "Sex"),
                sexes,
                Some(Val::Nth(
                    rep.map(|r| (r.sex == crate::domain::roster::Sex::Female) as usize)
                        .unwrap_or(0),
                )),
            ),
            Field::choice(
                F::Place,
                &l(lang, "社区/村", "Community"),
                places,
                rep.and_then(|r| r.place_id).map(Val::Id),
            )
            .required(),
            Field::choice(
                F::Category,
                &l(lang, "类别", "Category"),
                cat_opts(lang),
                rep.and_then(|r| RepCategory::ALL.iter().position(|c| *c == r.category))
                    .map(Val::Nth)
                    .or(Some(Val::Nth(5))),
            ),
            Field::choice(
                F::ChosenBy,
                &l(lang, "产生方式", "Chosen by"),
                chosen,
                Some(Val::Nth(
                    rep.map(|r| {
                        (r.chosen_by == crate::domain::roster::ChosenBy::Recommended) as usize
                    })
                    .unwrap_or(1),
                )),
            ),
            Field::text(
                F::Occupation,
                &l(lang, "职业", "Occupation"),
                rep.map(|r| r.occupation.as_str()).unwrap_or(""),
            ),
            Field::text(
                F::Expertise,
                &l(lang, "专长", "Expertise"),
                rep.map(|r| r.expertise.as_str()).unwrap_or(""),
            ),
            Field::text(
                F::Mobile,
                &l(lang, "手机号", "Mobile"),
                rep.map(|r| r.mobile.as_str()).unwrap_or(""),
            )
            .required(),
            Field::text(
                F::TermStart,
                &l(lang, "任期开始", "Term from"),
                &rep.map(|r| r.term_start.to_string()).unwrap_or_default(),
            )
            .required(),
            Field::text(
                F::TermEnd,
                &l(lang, "任期结束", "Term to"),
                &rep.map(|r| r.term_end.to_string()).unwrap_or_default(),
            )
            .required(),
        ],
    );
    let kind = match rep {
        Some(r) => DelibForm::RepEdit {
            id: r.id,
            version: r.version,
        },
        None => DelibForm::RepAdd,
    };
    OpenForm::new(FormKind::Delib(kind), f)
}
