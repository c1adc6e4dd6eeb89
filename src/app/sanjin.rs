//! 三进 on the desk: the visit calendar (走访日程) and the employed Party members' household
//! work (党员联户). Same pattern as the rest of `app`: keys change state and emit effects;
//! results come back as outcomes. Nothing here touches the database.

use crate::keymap::{MembersCmd, VisitsCmd};
use chrono::{Datelike, NaiveDate, NaiveTime};

use super::form::{Field, FieldId as F, Form, Opt, Val};
use super::{
    App, ConfirmAction, Effect, FormKind, MsgKind, OpenForm, Pane, PickTarget, Picker, Popup,
};
use crate::domain::calendar::parse_date;
use crate::domain::intake::{FirstHandler, IntakeForm, PetitionerForm, validate};
use crate::domain::members::{
    ContactMethod, HouseholdForm, HouseholdInput, MemberForm, MemberInput, WishMoveKind, WishState,
    previous_quarter, quarter, validate_household, validate_member, wish_moves,
};
use crate::domain::visits::{Staffing, VisitMoveKind, VisitSettings, visit_allowed};
use crate::domain::vocab::{Channel, Lang, PlaceKind, Urgency};
use crate::store::members::{ContactRow, Household, Member, NewContact, UnitShare, Wish, WishMove};
use crate::store::visits::{Ledger, Matter, VisitDetail, VisitRow};

fn l(lang: Lang, zh: &str, en: &str) -> String {
    lang.pick(zh, en).to_string()
}

/// What the visits pane lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum VisitView {
    /// The visits of one month.
    #[default]
    Month,
    /// Today and the next seven days.
    Week,
    /// Notices due within the notice period or overdue, not yet posted in their current version.
    Notices,
    /// Visits without a leader (空岗).
    Unstaffed,
    /// One leader's file (一人一档): the petitions they own.
    Ledger,
}

impl VisitView {
    pub const ALL: [VisitView; 5] = [
        VisitView::Month,
        VisitView::Week,
        VisitView::Notices,
        VisitView::Unstaffed,
        VisitView::Ledger,
    ];

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            VisitView::Month => lang.pick("本月日程", "Month"),
            VisitView::Week => lang.pick("未来7天", "Week ahead"),
            VisitView::Notices => lang.pick("预告待发", "Notices due"),
            VisitView::Unstaffed => lang.pick("空岗", "No leader"),
            VisitView::Ledger => lang.pick("一人一档", "Leader's file"),
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct VisitsState {
    pub view: VisitView,
    /// The month shown in the month view.
    pub month: Option<(i32, u32)>,
    pub rows: Vec<VisitRow>,
    pub selected: usize,
    pub detail: Option<VisitDetail>,
    /// Visits without a leader anywhere in the calendar.
    pub unstaffed: usize,
    /// Notices due (and of those, overdue).
    pub notices: (usize, usize),
    pub settings: VisitSettings,
    pub ledger_leader: Option<i64>,
    pub ledger: Option<Ledger>,
    /// Who visits which community, and the township rotation.
    pub assignments: Vec<(i64, i64)>,
    pub rotation: Vec<i64>,
}

/// What the members pane lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum MemberView {
    Units,
    #[default]
    Members,
    Households,
    /// Households without an in-person visit this quarter or the one before.
    Gaps,
    Wishes,
}

impl MemberView {
    pub const ALL: [MemberView; 5] = [
        MemberView::Units,
        MemberView::Members,
        MemberView::Households,
        MemberView::Gaps,
        MemberView::Wishes,
    ];

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            MemberView::Units => lang.pick("单位", "Units"),
            MemberView::Members => lang.pick("党员", "Members"),
            MemberView::Households => lang.pick("服务对象户", "Households"),
            MemberView::Gaps => lang.pick("季度走访缺口", "Quarterly gaps"),
            MemberView::Wishes => lang.pick("微心愿", "Wishes"),
        }
    }
}

/// A quarter's gaps: (year, quarter, households without an in-person visit).
pub type QuarterGaps = (i32, u32, Vec<Household>);

#[derive(Debug, Clone, Default)]
pub struct MembersState {
    pub view: MemberView,
    pub units: Vec<UnitShare>,
    pub members: Vec<Member>,
    pub households: Vec<Household>,
    /// Keyset paging: the first id of each page shown so far, and whether more follow.
    pub pages: Vec<Option<i64>>,
    pub more: bool,
    pub gaps: Vec<QuarterGaps>,
    pub wishes: Vec<Wish>,
    pub selected: usize,
    pub member: Option<MemberDetail>,
    pub household: Option<HouseholdDetail>,
    /// Key-selected members with fewer or more than 3 households, households without a member.
    pub problems: (usize, usize),
    /// The members list shows only those matching (name or initials).
    pub search: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberDetail {
    pub member: Member,
    pub households: Vec<Household>,
    /// Households of the member's community without a member, best match first.
    pub suggestions: Vec<(Household, usize)>,
    pub contacts: Vec<ContactRow>,
    pub tickets: Vec<(String, String)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HouseholdDetail {
    pub household: Household,
    pub member: Option<String>,
    pub last_visit: Option<NaiveDate>,
}

/// Forms of this part of the desk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SanjinForm {
    Absent {
        visit_id: i64,
        version: i64,
    },
    Held {
        visit_id: i64,
        version: i64,
    },
    NotHeld {
        visit_id: i64,
        version: i64,
    },
    Register {
        visit_id: i64,
    },
    Pick {
        visit_id: i64,
    },
    Report {
        visit_id: i64,
    },
    City,
    Assignments,
    Ledger,
    Report2,
    Settings,
    Member,
    MemberSearch,
    Household,
    Contact {
        member_id: Option<i64>,
        household_id: Option<i64>,
    },
    Wish {
        household_id: i64,
    },
    WishMove {
        id: i64,
        to: WishState,
    },
    Escalate {
        member_id: i64,
        household_id: i64,
    },
}

/// Pop-up lists of this part of the desk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SanjinPick {
    /// The leader whose file the ledger view shows.
    Leader,
    /// A household for this member.
    AssignHousehold(i64),
    /// A member for this household.
    AssignMember(i64),
    /// What to do with a wish.
    WishMove(i64),
    /// The member who claims a wish.
    ClaimWish(i64),
}

#[derive(Debug)]
pub enum SanjinEffect {
    LoadVisits {
        view: VisitView,
        month: (i32, u32),
        leader: Option<i64>,
        select: Option<i64>,
    },
    LoadVisit(i64),
    PlanYear(i32),
    Absent {
        id: i64,
        version: i64,
        substitute: Option<i64>,
        new_date: Option<(NaiveDate, NaiveTime)>,
        reason: String,
    },
    Held {
        id: i64,
        version: i64,
        notes: String,
    },
    NotHeld {
        id: i64,
        version: i64,
        reason: String,
    },
    Register {
        visit_id: i64,
        intake: Box<crate::domain::intake::Intake>,
        matter: Matter,
    },
    Pick {
        visit_id: i64,
        n: u32,
    },
    Report {
        visit_id: i64,
        member_id: i64,
        report: String,
    },
    WriteNotice(i64),
    PostNotice {
        id: i64,
        version: i64,
    },
    City {
        place_id: i64,
        date: NaiveDate,
        time: NaiveTime,
        leader: String,
    },
    ExportLedger {
        leader: Option<i64>,
        from: NaiveDate,
        to: NaiveDate,
        xlsx: bool,
    },
    ComplianceReport {
        year: i32,
        half: u32,
    },
    SaveSettings(VisitSettings),
    SaveAssignments {
        communities: Vec<(i64, Vec<i64>)>,
        rotation: Vec<i64>,
    },
    LoadMembers {
        view: MemberView,
        search: String,
        after: Option<i64>,
        select: Option<i64>,
    },
    LoadMember(i64),
    LoadHousehold(i64),
    AddMember(Box<MemberInput>),
    AddHousehold(Box<HouseholdInput>),
    Assign {
        member_id: i64,
        household_id: i64,
    },
    Contact(NewContact),
    AddWish {
        household_id: i64,
        wish: String,
    },
    MoveWish {
        id: i64,
        mv: WishMove,
    },
    Escalate {
        member_id: i64,
        household_id: i64,
        intake: Box<crate::domain::intake::Intake>,
    },
    PrintCard(i64),
    /// Candidates for an assignment pop-up.
    AssignChoices(SanjinPick),
}

#[derive(Debug)]
pub enum SanjinOutcome {
    Visits {
        rows: Vec<VisitRow>,
        unstaffed: usize,
        notices: (usize, usize),
        settings: VisitSettings,
        ledger: Option<Box<Ledger>>,
        select: Option<i64>,
        assignments: Vec<(i64, i64)>,
        rotation: Vec<i64>,
    },
    Visit(Box<VisitDetail>),
    Members {
        view: MemberView,
        units: Vec<UnitShare>,
        members: Vec<Member>,
        households: Vec<Household>,
        gaps: Vec<QuarterGaps>,
        wishes: Vec<Wish>,
        more: bool,
        problems: (usize, usize),
        after: Option<i64>,
        select: Option<i64>,
    },
    Member(Box<MemberDetail>),
    Household(Box<HouseholdDetail>),
    /// A change was saved (the message to show), or refused (why).
    Saved(Result<String, String>),
    Written(Result<std::path::PathBuf, String>),
    Choices(SanjinPick, Vec<Opt>),
}

fn month_of(d: NaiveDate) -> (i32, u32) {
    (d.year(), d.month())
}

fn shift_month((y, m): (i32, u32), delta: i32) -> (i32, u32) {
    let n = y * 12 + m as i32 - 1 + delta;
    (n.div_euclid(12), n.rem_euclid(12) as u32 + 1)
}

impl App {
    // ---- the visits pane ----------------------------------------------------------------

    pub(super) fn load_visits(&self, select: Option<i64>) -> Effect {
        Effect::Sanjin(SanjinEffect::LoadVisits {
            view: self.visits.view,
            month: self.visits.month.unwrap_or_else(|| month_of(self.today())),
            leader: self.visits.ledger_leader,
            select,
        })
    }

    pub(super) fn open_visits(&mut self) -> Vec<Effect> {
        self.pane = Pane::Visits;
        if self.visits.month.is_none() {
            self.visits.month = Some(month_of(self.today()));
            // First time: the cursor goes to the next visit to come.
            self.visits.selected = usize::MAX;
        }
        let sel = self.selected_visit().map(|v| v.id);
        vec![self.load_visits(sel)]
    }

    pub fn selected_visit(&self) -> Option<&VisitRow> {
        if self.visits.view == VisitView::Ledger {
            return None;
        }
        self.visits.rows.get(self.visits.selected)
    }

    fn visit_rows_len(&self) -> usize {
        match (&self.visits.view, &self.visits.ledger) {
            (VisitView::Ledger, Some(l)) => l.petitions.len(),
            (VisitView::Ledger, None) => 0,
            _ => self.visits.rows.len(),
        }
    }

    fn leader_opts(&self, with_none: Option<String>) -> Vec<Opt> {
        let mut v: Vec<Opt> = with_none
            .map(|n| Opt::new(n, Val::None))
            .into_iter()
            .collect();
        v.extend(
            self.refs
                .leaders
                .iter()
                .filter(|x| x.active)
                .map(|x| Opt::new(format!("{} {}", x.name, x.position), Val::Id(x.id))),
        );
        v
    }

    fn community_opts(&self) -> Vec<Opt> {
        self.refs
            .places
            .iter()
            .filter(|p| p.active && p.kind != PlaceKind::Town)
            .map(|p| Opt::new(p.name.clone(), Val::Id(p.id)))
            .collect()
    }

    fn need_visit(&mut self) -> Option<VisitRow> {
        let v = self.selected_visit().cloned();
        if v.is_none() {
            self.flash(
                l(self.lang, "请先选中一次走访", "select a visit first"),
                MsgKind::Error,
            );
        }
        v
    }

    /// The selected visit, if its lifecycle allows this move now; otherwise the reason is shown
    /// at once (rather than after a form is filled in).
    fn need_visit_for(&mut self, kind: VisitMoveKind) -> Option<VisitRow> {
        let v = self.need_visit()?;
        match visit_allowed(kind, &v.facts(self.today())) {
            Ok(()) => Some(v),
            Err(p) => {
                self.flash(p.text(self.lang).to_string(), MsgKind::Error);
                None
            }
        }
    }

    pub(super) fn visits_command(&mut self, cmd: VisitsCmd) -> Vec<Effect> {
        let lang = self.lang;
        let n = self.visit_rows_len();
        let reload_detail = |app: &App| {
            app.selected_visit()
                .map(|v| Effect::Sanjin(SanjinEffect::LoadVisit(v.id)))
                .into_iter()
                .collect::<Vec<_>>()
        };
        match cmd {
            VisitsCmd::Down if self.visits.selected + 1 < n => {
                self.visits.selected += 1;
                return reload_detail(self);
            }
            VisitsCmd::Up if self.visits.selected > 0 => {
                self.visits.selected -= 1;
                return reload_detail(self);
            }
            VisitsCmd::PrevMonth | VisitsCmd::NextMonth => {
                let m = self.visits.month.unwrap_or_else(|| month_of(self.today()));
                self.visits.month = Some(shift_month(
                    m,
                    if cmd == VisitsCmd::PrevMonth { -1 } else { 1 },
                ));
                self.visits.view = VisitView::Month;
                self.visits.selected = 0;
                return vec![self.load_visits(None)];
            }
            VisitsCmd::View => {
                let i = VisitView::ALL
                    .iter()
                    .position(|v| *v == self.visits.view)
                    .unwrap_or(0);
                let next = VisitView::ALL[(i + 1) % VisitView::ALL.len()];
                return self.set_visit_view(next);
            }
            VisitsCmd::Ledger => {
                self.popup = Some(Popup::Picker(Picker {
                    title: l(lang, "一人一档：选择领导", "Leader's file: choose a leader"),
                    options: self.leader_opts(None),
                    filter: String::new(),
                    selected: 0,
                    target: PickTarget::Sanjin(SanjinPick::Leader),
                }));
            }
            VisitsCmd::Open => {
                if self.visits.view == VisitView::Ledger {
                    if let Some(p) = self
                        .visits
                        .ledger
                        .as_ref()
                        .and_then(|x| x.petitions.get(self.visits.selected))
                    {
                        return vec![Effect::LoadTicket {
                            id: p.id,
                            reason: super::Reason::User,
                        }];
                    }
                } else if let Some(v) = self.selected_visit() {
                    return vec![Effect::Sanjin(SanjinEffect::LoadVisit(v.id))];
                }
            }
            VisitsCmd::Plan => {
                let (y, _) = self.visits.month.unwrap_or_else(|| month_of(self.today()));
                self.popup = Some(Popup::Confirm {
                    text: l(
                        lang,
                        &format!("按当前分工和轮值写入 {y} 年全年走访计划？已有的走访保持不变。"),
                        &format!(
                            "Write the {y} plan from the current assignments? Existing visits stay."
                        ),
                    ),
                    action: ConfirmAction::PlanYear(y),
                });
            }
            VisitsCmd::Absent => {
                if let Some(v) = self.need_visit_for(VisitMoveKind::LeaderAbsent) {
                    let unstaffed = v.staffing() == Staffing::Unstaffed;
                    let f = Form::new(
                        format!(
                            "{} {} · {}",
                            v.date.format("%m-%d"),
                            self.refs.place_name(Some(v.place_id)),
                            if unstaffed {
                                l(lang, "安排代替领导", "Staff this visit")
                            } else {
                                l(lang, "领导不能参加", "Leader cannot attend")
                            }
                        ),
                        vec![
                            Field::choice(
                                F::Substitute,
                                &l(lang, "代替的领导", "Substitute"),
                                self.leader_opts(Some(l(
                                    lang,
                                    "（暂无，记为空岗）",
                                    "(none yet: no leader)",
                                ))),
                                Some(Val::None),
                            ),
                            Field::text(
                                F::Date,
                                &l(lang, "改到日期（可空）", "New date (optional)"),
                                "",
                            )
                            .hint(l(
                                lang,
                                "如 2026-12-11；空白则日期不变",
                                "e.g. 2026-12-11; empty keeps the date",
                            )),
                            Field::text(
                                F::Time,
                                &l(lang, "时间", "Time"),
                                &v.time.format("%H:%M").to_string(),
                            ),
                            Field::text(
                                F::Reason,
                                &l(lang, "原因", "Reason"),
                                if unstaffed {
                                    "安排其他领导代替"
                                } else {
                                    ""
                                },
                            )
                            .required(),
                        ],
                    );
                    self.form = Some(OpenForm::new(
                        FormKind::Sanjin(SanjinForm::Absent {
                            visit_id: v.id,
                            version: v.version,
                        }),
                        f,
                    ));
                }
            }
            VisitsCmd::Held => {
                if let Some(v) = self.need_visit_for(VisitMoveKind::RecordHeld) {
                    let notes = self
                        .visits
                        .detail
                        .as_ref()
                        .filter(|d| d.visit.id == v.id)
                        .map(|d| d.visit.notes.clone())
                        .unwrap_or_default();
                    let f = Form::new(
                        format!(
                            "{} {} · {}",
                            v.date.format("%m-%d"),
                            self.refs.place_name(Some(v.place_id)),
                            l(lang, "已举行：访谈记录", "Held: interview notes")
                        ),
                        vec![Field::multiline(
                            F::Notes,
                            &l(lang, "访谈记录", "Notes"),
                            &notes,
                        )],
                    );
                    self.form = Some(OpenForm::new(
                        FormKind::Sanjin(SanjinForm::Held {
                            visit_id: v.id,
                            version: v.version,
                        }),
                        f,
                    ));
                }
            }
            VisitsCmd::NotHeld => {
                if let Some(v) = self.need_visit_for(VisitMoveKind::RecordNotHeld) {
                    let f = Form::new(
                        l(lang, "未举行", "Not held"),
                        vec![Field::text(F::Reason, &l(lang, "原因", "Reason"), "").required()],
                    );
                    self.form = Some(OpenForm::new(
                        FormKind::Sanjin(SanjinForm::NotHeld {
                            visit_id: v.id,
                            version: v.version,
                        }),
                        f,
                    ));
                }
            }
            VisitsCmd::Register => {
                if let Some(v) = self.need_visit_for(VisitMoveKind::Register) {
                    self.form = Some(register_form(self, &v));
                }
            }
            VisitsCmd::Pick => {
                if let Some(v) = self.need_visit_for(VisitMoveKind::PickMembers) {
                    let f = Form::new(
                        l(lang, "随机抽取重点选派党员汇报", "Pick members to report"),
                        vec![Field::text(F::N, &l(lang, "人数（2–4）", "How many (2–4)"), "2")
                            .hint(l(lang, "从本社区重点选派党员中随机抽取，凭据可核验", "drawn from the community's key-selected members; the receipt is verifiable"))],
                    );
                    self.form = Some(OpenForm::new(
                        FormKind::Sanjin(SanjinForm::Pick { visit_id: v.id }),
                        f,
                    ));
                }
            }
            VisitsCmd::Report => {
                let Some(d) = self.visits.detail.clone() else {
                    return vec![];
                };
                if d.picks.is_empty() {
                    self.flash(
                        l(
                            lang,
                            "此次走访还没有抽取党员（m）",
                            "no members picked yet (m)",
                        ),
                        MsgKind::Error,
                    );
                    return vec![];
                }
                let opts = d
                    .picks
                    .iter()
                    .map(|(id, name, _)| Opt::new(name.clone(), Val::Id(*id)))
                    .collect();
                let f = Form::new(
                    l(lang, "党员汇报", "Member's report"),
                    vec![
                        Field::choice(
                            F::Member,
                            &l(lang, "党员", "Member"),
                            opts,
                            (d.picks.first().map(|p| p.0)).map(Val::Id),
                        ),
                        Field::multiline(F::Report, &l(lang, "汇报内容", "Report"), "").required(),
                    ],
                );
                self.form = Some(OpenForm::new(
                    FormKind::Sanjin(SanjinForm::Report {
                        visit_id: d.visit.id,
                    }),
                    f,
                ));
            }
            VisitsCmd::Notice => {
                if let Some(v) = self.need_visit_for(VisitMoveKind::PostNotice) {
                    return vec![Effect::Sanjin(SanjinEffect::WriteNotice(v.id))];
                }
            }
            VisitsCmd::Posted => {
                if let Some(v) = self.need_visit_for(VisitMoveKind::PostNotice) {
                    self.popup = Some(Popup::Confirm {
                        text: l(
                            lang,
                            &format!(
                                "{} {} 的预告已张贴？",
                                v.date.format("%m-%d"),
                                self.refs.place_name(Some(v.place_id))
                            ),
                            "Is the notice up?",
                        ),
                        action: ConfirmAction::PostNotice(v.id, v.version),
                    });
                }
            }
            VisitsCmd::City => {
                let f = Form::new(
                    l(
                        lang,
                        "市领导进社区：区级走访随同调整",
                        "City leader's visit",
                    ),
                    vec![
                        Field::choice(
                            F::Place,
                            &l(lang, "社区", "Community"),
                            self.community_opts(),
                            None,
                        )
                        .required(),
                        Field::text(F::Date, &l(lang, "日期", "Date"), "")
                            .required()
                            .hint(l(lang, "如 2026-12-09", "e.g. 2026-12-09")),
                        Field::text(F::Time, &l(lang, "时间", "Time"), "18:00").required(),
                        Field::text(F::Leader, &l(lang, "市领导", "City leader"), "").required(),
                    ],
                );
                self.form = Some(OpenForm::new(FormKind::Sanjin(SanjinForm::City), f));
            }
            VisitsCmd::Export => {
                let y = self.today().year();
                let mut opts = vec![Opt::new(
                    l(lang, "（全部领导）", "(all leaders)"),
                    Val::None,
                )];
                opts.extend(self.leader_opts(None));
                let f = Form::new(
                    l(lang, "导出一人一档", "Export ledgers"),
                    vec![
                        Field::choice(
                            F::Leader,
                            &l(lang, "领导", "Leader"),
                            opts,
                            Some(self.visits.ledger_leader.map_or(Val::None, Val::Id)),
                        ),
                        Field::text(F::From, &l(lang, "自", "From"), &format!("{y}-01-01"))
                            .required(),
                        Field::text(F::To, &l(lang, "至", "To"), &format!("{y}-12-31")).required(),
                        Field::choice(
                            F::Format,
                            &l(lang, "格式", "Format"),
                            vec![Opt::new("XLSX", Val::Nth(0)), Opt::new("CSV", Val::Nth(1))],
                            Some(Val::Nth(0)),
                        ),
                    ],
                );
                self.form = Some(OpenForm::new(FormKind::Sanjin(SanjinForm::Ledger), f));
            }
            VisitsCmd::HalfReport => {
                let today = self.today();
                let f = Form::new(
                    l(
                        lang,
                        "半年“三进”落实情况报告",
                        "Half-year compliance report",
                    ),
                    vec![
                        Field::text(F::Year, &l(lang, "年份", "Year"), &today.year().to_string())
                            .required(),
                        Field::choice(
                            F::Half,
                            &l(lang, "半年", "Half"),
                            vec![
                                Opt::new(l(lang, "上半年", "H1"), Val::Nth(0)),
                                Opt::new(l(lang, "下半年", "H2"), Val::Nth(1)),
                            ],
                            Some(Val::Nth(if today.month() <= 6 { 0 } else { 1 })),
                        ),
                    ],
                );
                self.form = Some(OpenForm::new(FormKind::Sanjin(SanjinForm::Report2), f));
            }
            VisitsCmd::Assignments => {
                let mut fields = vec![];
                for x in self.refs.leaders.iter().filter(|x| x.active) {
                    let names: Vec<&str> = self
                        .visits
                        .assignments
                        .iter()
                        .filter(|(leader, _)| *leader == x.id)
                        .map(|(_, p)| self.refs.place_name(Some(*p)))
                        .collect();
                    fields.push(Field::text(
                        F::LeaderRow(x.id),
                        &format!("{} {}", x.name, l(lang, "进社区", "visits")),
                        &names.join("、"),
                    ));
                }
                let order: Vec<&str> = self
                    .visits
                    .rotation
                    .iter()
                    .map(|id| self.refs.leader_name(Some(*id)))
                    .collect();
                fields.push(
                    Field::text(
                        F::Rotation,
                        &l(lang, "进乡镇轮值顺序", "Township rotation"),
                        &order.join("、"),
                    )
                    .hint(l(
                        lang,
                        "领导姓名按顺序用“、”分隔；调整顺序即重排轮值",
                        "leaders' names in order, separated by 、",
                    )),
                );
                if let Some(f) = fields.first_mut() {
                    *f = f.clone().hint(l(
                        lang,
                        "社区名称用“、”分隔，可空",
                        "communities separated by 、; may be empty",
                    ));
                }
                self.form = Some(OpenForm::new(
                    FormKind::Sanjin(SanjinForm::Assignments),
                    Form::new(
                        l(
                            lang,
                            "领导分工与轮值（保存后按 P 重排计划）",
                            "Assignments and rotation (then P re-plans)",
                        ),
                        fields,
                    ),
                ));
            }
            VisitsCmd::Settings => {
                let s = self.visits.settings;
                let f = Form::new(
                    l(lang, "走访设置", "Visit settings"),
                    vec![
                        Field::text(
                            F::Community,
                            &l(lang, "进社区时间", "Community visits at"),
                            &s.community_time.format("%H:%M").to_string(),
                        )
                        .required(),
                        Field::text(
                            F::Township,
                            &l(lang, "进乡镇时间", "Township visits at"),
                            &s.township_time.format("%H:%M").to_string(),
                        )
                        .required(),
                        Field::text(
                            F::Days,
                            &l(lang, "提前几天预告", "Notice days before"),
                            &s.notice_days.to_string(),
                        )
                        .required()
                        .hint(l(
                            lang,
                            "1 到 30 天；已排的走访时间不变",
                            "1 to 30; planned visits keep their times",
                        )),
                    ],
                );
                self.form = Some(OpenForm::new(FormKind::Sanjin(SanjinForm::Settings), f));
            }
            // No row further.
            VisitsCmd::Down | VisitsCmd::Up => {}
        }
        vec![]
    }

    fn set_visit_view(&mut self, view: VisitView) -> Vec<Effect> {
        if view == VisitView::Ledger && self.visits.ledger_leader.is_none() {
            self.visits.ledger_leader = self.refs.leaders.iter().find(|x| x.active).map(|x| x.id);
        }
        self.visits.view = view;
        self.visits.selected = 0;
        vec![self.load_visits(None)]
    }

    // ---- the members pane ---------------------------------------------------------------

    pub(super) fn load_members(&self, after: Option<i64>, select: Option<i64>) -> Effect {
        Effect::Sanjin(SanjinEffect::LoadMembers {
            view: self.members.view,
            search: self.members.search.clone(),
            after,
            select,
        })
    }

    pub(super) fn open_members(&mut self) -> Vec<Effect> {
        self.pane = Pane::Members;
        let after = self.members.pages.last().copied().flatten();
        let sel = self.selected_member_id().or(self.selected_household_id());
        vec![self.load_members(after, sel)]
    }

    pub fn member_rows_len(&self) -> usize {
        match self.members.view {
            MemberView::Units => self.members.units.len(),
            MemberView::Members => self.members.members.len(),
            MemberView::Households => self.members.households.len(),
            MemberView::Gaps => self.members.gaps.iter().map(|g| g.2.len()).sum(),
            MemberView::Wishes => self.members.wishes.len(),
        }
    }

    /// The household on the selected row (households, gaps or wishes).
    pub fn selected_household_id(&self) -> Option<i64> {
        let i = self.members.selected;
        match self.members.view {
            MemberView::Households => self.members.households.get(i).map(|h| h.id),
            MemberView::Gaps => self
                .members
                .gaps
                .iter()
                .flat_map(|g| g.2.iter())
                .nth(i)
                .map(|h| h.id),
            MemberView::Wishes => self.members.wishes.get(i).map(|w| w.household_id),
            _ => None,
        }
    }

    pub fn selected_member_id(&self) -> Option<i64> {
        match self.members.view {
            MemberView::Members => self
                .members
                .members
                .get(self.members.selected)
                .map(|m| m.id),
            _ => None,
        }
    }

    fn member_detail_effect(&self) -> Vec<Effect> {
        if let Some(id) = self.selected_member_id() {
            return vec![Effect::Sanjin(SanjinEffect::LoadMember(id))];
        }
        if let Some(id) = self.selected_household_id() {
            return vec![Effect::Sanjin(SanjinEffect::LoadHousehold(id))];
        }
        vec![]
    }

    pub(super) fn members_command(&mut self, cmd: MembersCmd) -> Vec<Effect> {
        let lang = self.lang;
        let n = self.member_rows_len();
        let paged = matches!(
            self.members.view,
            MemberView::Members | MemberView::Households
        );
        match cmd {
            MembersCmd::Down if self.members.selected + 1 < n => {
                self.members.selected += 1;
                return self.member_detail_effect();
            }
            MembersCmd::Up if self.members.selected > 0 => {
                self.members.selected -= 1;
                return self.member_detail_effect();
            }
            MembersCmd::PageDown if paged && self.members.more => {
                let last = match self.members.view {
                    MemberView::Members => self.members.members.last().map(|m| m.id),
                    _ => self.members.households.last().map(|h| h.id),
                };
                self.members.pages.push(last);
                self.members.selected = 0;
                return vec![self.load_members(last, None)];
            }
            MembersCmd::PageUp if paged && self.members.pages.len() > 1 => {
                self.members.pages.pop();
                self.members.selected = 0;
                let after = self.members.pages.last().copied().flatten();
                return vec![self.load_members(after, None)];
            }
            MembersCmd::ViewNext | MembersCmd::ViewPrev => {
                let i = MemberView::ALL
                    .iter()
                    .position(|v| *v == self.members.view)
                    .unwrap_or(0);
                let k = MemberView::ALL.len();
                let j = if cmd == MembersCmd::ViewNext {
                    (i + 1) % k
                } else {
                    (i + k - 1) % k
                };
                self.members.view = MemberView::ALL[j];
                self.members.selected = 0;
                self.members.pages = vec![None];
                self.members.member = None;
                self.members.household = None;
                return vec![self.load_members(None, None)];
            }
            MembersCmd::Search => {
                let f = Form::new(
                    l(lang, "查找党员", "Find a member"),
                    vec![
                        Field::text(
                            F::Q,
                            &l(lang, "姓名或拼音首字母", "Name or initials"),
                            &self.members.search,
                        )
                        .hint(l(
                            lang,
                            "如：唐 或 tl；空白回车清除",
                            "e.g. 唐 or tl; empty clears",
                        )),
                    ],
                );
                self.form = Some(OpenForm::new(FormKind::Sanjin(SanjinForm::MemberSearch), f));
            }
            MembersCmd::Add => match self.members.view {
                MemberView::Households | MemberView::Gaps => self.form = Some(household_form(self)),
                _ => self.form = Some(member_form(self)),
            },
            MembersCmd::Assign => {
                if let Some(m) = self.selected_member_id() {
                    return vec![Effect::Sanjin(SanjinEffect::AssignChoices(
                        SanjinPick::AssignHousehold(m),
                    ))];
                }
                if let Some(h) = self.selected_household_id() {
                    return vec![Effect::Sanjin(SanjinEffect::AssignChoices(
                        SanjinPick::AssignMember(h),
                    ))];
                }
            }
            MembersCmd::Contact => {
                let (member_id, household_id) =
                    (self.selected_member_id(), self.selected_household_id());
                if member_id.is_none() && household_id.is_none() {
                    return vec![];
                }
                self.form = Some(contact_form(self, member_id, household_id));
            }
            MembersCmd::Wish => {
                if self.members.view == MemberView::Wishes
                    && let Some(w) = self.members.wishes.get(self.members.selected)
                {
                    // The moves the wish's lifecycle allows; the value is the move's place in ALL.
                    let opts: Vec<Opt> = wish_moves(w.state)
                        .into_iter()
                        .map(|k| {
                            let label = match k {
                                WishMoveKind::Claim => l(lang, "党员认领", "Claimed by a member"),
                                WishMoveKind::Fulfil => l(lang, "已实现", "Fulfilled"),
                                WishMoveKind::Return => l(lang, "退回", "Returned"),
                            };
                            let at = WishMoveKind::ALL.iter().position(|x| *x == k);
                            Opt::new(label, Val::Nth(at.unwrap_or_default()))
                        })
                        .collect();
                    if opts.is_empty() {
                        self.flash(
                            l(lang, "此心愿已实现", "this wish is fulfilled"),
                            MsgKind::Info,
                        );
                        return vec![];
                    }
                    self.popup = Some(Popup::Picker(Picker {
                        title: l(lang, "微心愿", "Wish"),
                        options: opts,
                        filter: String::new(),
                        selected: 0,
                        target: PickTarget::Sanjin(SanjinPick::WishMove(w.id)),
                    }));
                    return vec![];
                }
                if let Some(h) = self.selected_household_id() {
                    let f = Form::new(
                        l(lang, "登记微心愿", "Add a wish"),
                        vec![Field::text(F::Wish, &l(lang, "心愿", "Wish"), "").required()],
                    );
                    self.form = Some(OpenForm::new(
                        FormKind::Sanjin(SanjinForm::Wish { household_id: h }),
                        f,
                    ));
                } else {
                    self.flash(
                        l(lang, "请先选中一户", "select a household first"),
                        MsgKind::Error,
                    );
                }
            }
            MembersCmd::Escalate => {
                let Some(d) = self.members.household.clone() else {
                    self.flash(
                        l(lang, "请先选中一户", "select a household first"),
                        MsgKind::Error,
                    );
                    return vec![];
                };
                let Some(member_id) = d.household.member_id else {
                    self.flash(
                        l(
                            lang,
                            "此户还没有联系党员，请先分配（s）",
                            "this household has no member yet: assign one (s)",
                        ),
                        MsgKind::Error,
                    );
                    return vec![];
                };
                self.form = Some(escalate_form(self, &d, member_id));
            }
            MembersCmd::PrintCard => {
                if let Some(m) = self.selected_member_id() {
                    return vec![Effect::Sanjin(SanjinEffect::PrintCard(m))];
                }
                self.flash(
                    l(
                        lang,
                        "请在党员列表中选中一名党员",
                        "select a member in the members list",
                    ),
                    MsgKind::Error,
                );
            }
            // No row or page further.
            MembersCmd::Down | MembersCmd::Up | MembersCmd::PageDown | MembersCmd::PageUp => {}
        }
        vec![]
    }

    // ---- pop-ups, confirmations and forms -----------------------------------------------

    pub(super) fn sanjin_picked(&mut self, target: SanjinPick, value: Val) -> Vec<Effect> {
        let (id, nth) = match value {
            Val::Id(id) => (Some(id), None),
            Val::Nth(n) => (None, Some(n)),
            _ => (None, None),
        };
        let lang = self.lang;
        match (target, id) {
            // "(all leaders)" is Val::None: the ledger of every leader.
            (SanjinPick::Leader, _) => {
                self.visits.ledger_leader = id;
                self.set_visit_view(VisitView::Ledger)
            }
            (SanjinPick::AssignHousehold(member_id), Some(household_id)) => {
                vec![Effect::Sanjin(SanjinEffect::Assign {
                    member_id,
                    household_id,
                })]
            }
            (SanjinPick::AssignMember(household_id), Some(member_id)) => {
                vec![Effect::Sanjin(SanjinEffect::Assign {
                    member_id,
                    household_id,
                })]
            }
            (SanjinPick::ClaimWish(id), Some(member_id)) => {
                vec![Effect::Sanjin(SanjinEffect::MoveWish {
                    id,
                    mv: WishMove::Claim { member_id },
                })]
            }
            (
                SanjinPick::AssignHousehold(_)
                | SanjinPick::AssignMember(_)
                | SanjinPick::ClaimWish(_),
                None,
            ) => {
                vec![]
            }
            (SanjinPick::WishMove(id), _) => {
                let Some(kind) = nth.and_then(|n| WishMoveKind::ALL.get(n)).copied() else {
                    return vec![];
                };
                let to = kind.to();
                let title = match kind {
                    WishMoveKind::Claim => l(lang, "党员认领", "Claimed by"),
                    WishMoveKind::Fulfil => l(lang, "心愿已实现", "Fulfilled"),
                    WishMoveKind::Return => l(lang, "退回心愿", "Returned"),
                };
                if to == WishState::Claimed {
                    return vec![Effect::Sanjin(SanjinEffect::AssignChoices(
                        SanjinPick::ClaimWish(id),
                    ))];
                }
                let mut fields = vec![];
                if to == WishState::Fulfilled {
                    fields.push(
                        Field::text(
                            F::Date,
                            &l(lang, "实现日期", "Date"),
                            &self.today().format("%Y-%m-%d").to_string(),
                        )
                        .required(),
                    );
                }
                fields.push(Field::text(F::Note, &l(lang, "说明", "Note"), "").required());
                self.form = Some(OpenForm::new(
                    FormKind::Sanjin(SanjinForm::WishMove { id, to }),
                    Form::new(title, fields),
                ));
                vec![]
            }
        }
    }

    pub(super) fn submit_sanjin(&mut self, kind: SanjinForm) -> Vec<Effect> {
        let lang = self.lang;
        let today = self.today();
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
        let hhmm = |s: &str| NaiveTime::parse_from_str(s.trim(), "%H:%M");
        let bad_time = |s: &str| {
            l(
                lang,
                &format!("时间“{s}”无效，应为 时:分，如 18:00"),
                &format!("“{s}” is not a time; use HH:MM"),
            )
        };
        let fx = |e: SanjinEffect| vec![Effect::Sanjin(e)];
        match kind {
            SanjinForm::Absent { visit_id, version } => {
                let substitute = f.id(F::Substitute);
                let date_s = f.text(F::Date);
                let new_date = if date_s.trim().is_empty() {
                    None
                } else {
                    let d = match parse_date(&date_s) {
                        Ok(d) => d,
                        Err(p) => return fail(f, F::Date, p.text(lang).to_string()),
                    };
                    let t = match hhmm(&f.text(F::Time)) {
                        Ok(t) => t,
                        Err(_) => return fail(f, F::Time, bad_time(&f.text(F::Time))),
                    };
                    if let Err(p) = crate::domain::visits::check_new_date(d, today) {
                        return fail(f, F::Date, p.text(lang).to_string());
                    }
                    Some((d, t))
                };
                fx(SanjinEffect::Absent {
                    id: visit_id,
                    version,
                    substitute,
                    new_date,
                    reason: f.text(F::Reason),
                })
            }
            SanjinForm::Held { visit_id, version } => fx(SanjinEffect::Held {
                id: visit_id,
                version,
                notes: f.text(F::Notes),
            }),
            SanjinForm::NotHeld { visit_id, version } => fx(SanjinEffect::NotHeld {
                id: visit_id,
                version,
                reason: f.text(F::Reason),
            }),
            SanjinForm::Register { visit_id } => {
                let answered = f.choice(F::Outcome) == Some(Val::Nth(0));
                let form = IntakeForm {
                    channel: Some(Channel::LeaderCommunity),
                    petitioners: vec![PetitionerForm {
                        name: f.text(F::Name),
                        mobile: f.text(F::Mobile),
                        resident_id: String::new(),
                        address: f.text(F::Address),
                        place_id: f.id(F::Place),
                    }],
                    collective: false,
                    head_count: String::new(),
                    category_id: f.id(F::Category),
                    summary: f.text(F::Summary),
                    content: f.text(F::Content),
                    request: f.text(F::Request),
                    urgency: Urgency::Normal,
                    // The store sets the visiting leader as first handler.
                    first_handler: Some(FirstHandler::Leader(0)),
                    visit_ref: String::new(),
                };
                let answer = f.text(F::Answer);
                if answered && answer.trim().is_empty() {
                    return fail(
                        f,
                        F::Answer,
                        l(lang, "现场答复的，请填写答复内容", "enter the answer given"),
                    );
                }
                match validate(&form, today) {
                    Ok(intake) => fx(SanjinEffect::Register {
                        visit_id,
                        intake: Box::new(intake),
                        matter: if answered {
                            Matter::Answered(answer)
                        } else {
                            Matter::Petition
                        },
                    }),
                    Err(problems) => {
                        f.set_named_errors(intake_errors(problems, lang));
                        vec![]
                    }
                }
            }
            SanjinForm::Pick { visit_id } => match f.text(F::N).trim().parse::<u32>() {
                Ok(n) if crate::domain::visits::PICK_RANGE.contains(&n) => {
                    fx(SanjinEffect::Pick { visit_id, n })
                }
                _ => fail(f, F::N, l(lang, "请填 2 到 4", "enter 2 to 4")),
            },
            SanjinForm::Report { visit_id } => match f.id(F::Member) {
                Some(member_id) => fx(SanjinEffect::Report {
                    visit_id,
                    member_id,
                    report: f.text(F::Report),
                }),
                None => fail(f, F::Member, l(lang, "请选择党员", "choose the member")),
            },
            SanjinForm::City => {
                let Some(place_id) = f.id(F::Place) else {
                    return fail(f, F::Place, l(lang, "请选择社区", "choose the community"));
                };
                let date = match parse_date(&f.text(F::Date)) {
                    Ok(d) => d,
                    Err(p) => return fail(f, F::Date, p.text(lang).to_string()),
                };
                let time = match hhmm(&f.text(F::Time)) {
                    Ok(t) => t,
                    Err(_) => return fail(f, F::Time, bad_time(&f.text(F::Time))),
                };
                fx(SanjinEffect::City {
                    place_id,
                    date,
                    time,
                    leader: f.text(F::Leader),
                })
            }
            SanjinForm::Assignments => {
                let split = |t: &str| -> Vec<String> {
                    t.split(['、', ',', '，', ';', '；', ' ', '\u{3000}'])
                        .map(str::trim)
                        .filter(|x| !x.is_empty())
                        .map(str::to_string)
                        .collect()
                };
                let mut communities = vec![];
                for x in self.refs.leaders.iter().filter(|x| x.active) {
                    let key = F::LeaderRow(x.id);
                    let mut places = vec![];
                    for name in split(&f.text(key)) {
                        match self
                            .refs
                            .places
                            .iter()
                            .find(|p| p.active && p.name == name && p.kind != PlaceKind::Town)
                        {
                            Some(p) => places.push(p.id),
                            None => {
                                return fail(
                                    f,
                                    key,
                                    l(
                                        lang,
                                        &format!("没有社区/村“{name}”"),
                                        &format!("no community “{name}”"),
                                    ),
                                );
                            }
                        }
                    }
                    communities.push((x.id, places));
                }
                let mut rotation = vec![];
                for name in split(&f.text(F::Rotation)) {
                    match self
                        .refs
                        .leaders
                        .iter()
                        .find(|x| x.active && x.name == name)
                    {
                        Some(x) => rotation.push(x.id),
                        None => {
                            return fail(
                                f,
                                F::Rotation,
                                l(
                                    lang,
                                    &format!("没有在任领导“{name}”"),
                                    &format!("no active leader “{name}”"),
                                ),
                            );
                        }
                    }
                }
                fx(SanjinEffect::SaveAssignments {
                    communities,
                    rotation,
                })
            }
            SanjinForm::Ledger => {
                let from = match parse_date(&f.text(F::From)) {
                    Ok(d) => d,
                    Err(p) => return fail(f, F::From, p.text(lang).to_string()),
                };
                let to = match parse_date(&f.text(F::To)) {
                    Ok(d) => d,
                    Err(p) => return fail(f, F::To, p.text(lang).to_string()),
                };
                if to < from {
                    return fail(
                        f,
                        F::To,
                        l(lang, "结束日期早于开始日期", "before the start"),
                    );
                }
                fx(SanjinEffect::ExportLedger {
                    leader: f.id(F::Leader),
                    from,
                    to,
                    xlsx: f.choice(F::Format) != Some(Val::Nth(1)),
                })
            }
            SanjinForm::Report2 => match f.text(F::Year).trim().parse::<i32>() {
                Ok(year) if (2000..=2100).contains(&year) => fx(SanjinEffect::ComplianceReport {
                    year,
                    half: f.nth(F::Half).map_or(1, |h| h as u32 + 1),
                }),
                _ => fail(f, F::Year, l(lang, "请填四位年份", "enter a year")),
            },
            SanjinForm::Settings => {
                let c = match hhmm(&f.text(F::Community)) {
                    Ok(t) => t,
                    Err(_) => return fail(f, F::Community, bad_time(&f.text(F::Community))),
                };
                let t = match hhmm(&f.text(F::Township)) {
                    Ok(t) => t,
                    Err(_) => return fail(f, F::Township, bad_time(&f.text(F::Township))),
                };
                match f.text(F::Days).trim().parse::<i64>() {
                    Ok(d) => fx(SanjinEffect::SaveSettings(VisitSettings {
                        community_time: c,
                        township_time: t,
                        notice_days: d,
                    })),
                    Err(_) => fail(
                        f,
                        F::Days,
                        l(lang, "请填天数，如 7", "enter a number of days"),
                    ),
                }
            }
            SanjinForm::MemberSearch => {
                self.members.search = f.text(F::Q).trim().to_string();
                self.form = None;
                self.members.view = MemberView::Members;
                self.members.selected = 0;
                self.members.pages = vec![None];
                vec![self.load_members(None, None)]
            }
            SanjinForm::Member => {
                let form = MemberForm {
                    name: f.text(F::Name),
                    unit: f.text(F::Unit),
                    position: f.text(F::Position),
                    place: f
                        .id(F::Place)
                        .and_then(|p| self.refs.place(p))
                        .map(|p| p.name.clone())
                        .unwrap_or_default(),
                    profession: f.text(F::Profession),
                    skills: f.text(F::Skills),
                    pool: f.field(F::Pool).map(|x| x.value_text()).unwrap_or_default(),
                    key_selected: if f.choice(F::Key) == Some(Val::Nth(1)) {
                        "是".into()
                    } else {
                        "否".into()
                    },
                    selected_by: if f.choice(F::Key) == Some(Val::Nth(1)) {
                        f.field(F::By).map(|x| x.value_text()).unwrap_or_default()
                    } else {
                        String::new()
                    },
                    mobile: f.text(F::Mobile),
                };
                match validate_member(&form) {
                    Ok(m) => fx(SanjinEffect::AddMember(Box::new(m))),
                    Err(errs) => {
                        // The domain's names, but for the two choices named shorter here.
                        let map = errs.into_iter().map(|(k, p)| {
                            let k = match k {
                                "key_selected" => "key",
                                "selected_by" => "by",
                                k => k,
                            };
                            (k, p.text(lang).to_string())
                        });
                        f.set_named_errors(map);
                        vec![]
                    }
                }
            }
            SanjinForm::Household => {
                let form = HouseholdForm {
                    place: f
                        .id(F::Place)
                        .and_then(|p| self.refs.place(p))
                        .map(|p| p.name.clone())
                        .unwrap_or_default(),
                    address: f.text(F::Address),
                    head: f.text(F::Head),
                    kind: f.field(F::Kind).map(|x| x.value_text()).unwrap_or_default(),
                    needs: f.text(F::Needs),
                    plan: f.text(F::Plan),
                };
                match validate_household(&form) {
                    Ok(h) => fx(SanjinEffect::AddHousehold(Box::new(h))),
                    Err(errs) => {
                        f.set_named_errors(
                            errs.into_iter().map(|(k, p)| (k, p.text(lang).to_string())),
                        );
                        vec![]
                    }
                }
            }
            SanjinForm::Contact {
                member_id,
                household_id,
            } => {
                let date = match parse_date(&f.text(F::Date)) {
                    Ok(d) => d,
                    Err(p) => return fail(f, F::Date, p.text(lang).to_string()),
                };
                let (Some(m), Some(h)) = (
                    member_id.or(f.id(F::Member)),
                    household_id.or(f.id(F::Household)),
                ) else {
                    let key = if member_id.is_none() {
                        F::Member
                    } else {
                        F::Household
                    };
                    return fail(f, key, l(lang, "请选择", "choose one"));
                };
                let method = f
                    .nth(F::Method)
                    .and_then(|i| ContactMethod::ALL.get(i))
                    .copied()
                    .unwrap_or(ContactMethod::Visit);
                fx(SanjinEffect::Contact(NewContact {
                    member_id: m,
                    household_id: h,
                    date,
                    method,
                    notes: f.text(F::Notes),
                }))
            }
            SanjinForm::Wish { household_id } => fx(SanjinEffect::AddWish {
                household_id,
                wish: f.text(F::Wish),
            }),
            SanjinForm::WishMove { id, to } => {
                let mv = match to {
                    WishState::Fulfilled => match parse_date(&f.text(F::Date)) {
                        Ok(on) => WishMove::Fulfil {
                            on,
                            note: f.text(F::Note),
                        },
                        Err(p) => return fail(f, F::Date, p.text(lang).to_string()),
                    },
                    _ => WishMove::Return {
                        note: f.text(F::Note),
                    },
                };
                fx(SanjinEffect::MoveWish { id, mv })
            }
            SanjinForm::Escalate {
                member_id,
                household_id,
            } => {
                let place = self
                    .members
                    .household
                    .as_ref()
                    .map(|h| h.household.place_id);
                let form = IntakeForm {
                    channel: Some(Channel::PartyMember),
                    petitioners: vec![PetitionerForm {
                        name: f.text(F::Name),
                        mobile: f.text(F::Mobile),
                        resident_id: String::new(),
                        address: f.text(F::Address),
                        place_id: place,
                    }],
                    collective: false,
                    head_count: String::new(),
                    category_id: f.id(F::Category),
                    summary: f.text(F::Summary),
                    content: f.text(F::Content),
                    request: f.text(F::Request),
                    urgency: Urgency::Normal,
                    first_handler: self
                        .session
                        .as_ref()
                        .and_then(|s| s.actor.staff_id)
                        .map(FirstHandler::Staff),
                    visit_ref: String::new(),
                };
                match validate(&form, today) {
                    Ok(intake) => fx(SanjinEffect::Escalate {
                        member_id,
                        household_id,
                        intake: Box::new(intake),
                    }),
                    Err(problems) => {
                        f.set_named_errors(intake_errors(problems, lang));
                        vec![]
                    }
                }
            }
        }
    }

    pub(super) fn on_sanjin(&mut self, o: SanjinOutcome) -> Vec<Effect> {
        let lang = self.lang;
        match o {
            SanjinOutcome::Visits {
                rows,
                unstaffed,
                notices,
                settings,
                ledger,
                select,
                assignments,
                rotation,
            } => {
                self.visits.assignments = assignments;
                self.visits.rotation = rotation;
                let (now, today) = (self.now, self.today());
                // The first visit still waiting for its outcome, else the next one to come.
                let upcoming = || {
                    rows.iter()
                        .position(|r| r.awaits_outcome(now))
                        .or_else(|| rows.iter().position(|r| r.date >= today))
                        .unwrap_or(rows.len().saturating_sub(1))
                };
                self.visits.selected =
                    match select.and_then(|id| rows.iter().position(|r| r.id == id)) {
                        Some(i) => i,
                        None if self.visits.selected == usize::MAX => upcoming(),
                        None => self.visits.selected.min(rows.len().saturating_sub(1)),
                    };
                self.visits.rows = rows;
                self.visits.unstaffed = unstaffed;
                self.visits.notices = notices;
                self.visits.settings = settings;
                self.visits.ledger = ledger.map(|b| *b);
                if self.visits.view == VisitView::Ledger {
                    let n = self.visit_rows_len();
                    self.visits.selected = self.visits.selected.min(n.saturating_sub(1));
                    self.visits.detail = None;
                    return vec![];
                }
                return self
                    .selected_visit()
                    .map(|v| Effect::Sanjin(SanjinEffect::LoadVisit(v.id)))
                    .into_iter()
                    .collect();
            }
            SanjinOutcome::Visit(d) => self.visits.detail = Some(*d),
            SanjinOutcome::Members {
                view,
                units,
                members,
                households,
                gaps,
                wishes,
                more,
                problems,
                after,
                select,
            } => {
                if view != self.members.view {
                    return vec![];
                }
                if self.members.pages.is_empty() {
                    self.members.pages = vec![after];
                }
                self.members.units = units;
                self.members.members = members;
                self.members.households = households;
                self.members.gaps = gaps;
                self.members.wishes = wishes;
                self.members.more = more;
                self.members.problems = problems;
                let n = self.member_rows_len();
                let found = select.and_then(|id| match view {
                    MemberView::Members => self.members.members.iter().position(|m| m.id == id),
                    MemberView::Households => {
                        self.members.households.iter().position(|h| h.id == id)
                    }
                    // A wish moved re-sorts the list: the cursor stays on it.
                    MemberView::Wishes => self.members.wishes.iter().position(|w| w.id == id),
                    _ => None,
                });
                self.members.selected = found
                    .unwrap_or(self.members.selected)
                    .min(n.saturating_sub(1));
                return self.member_detail_effect();
            }
            SanjinOutcome::Member(d) => {
                self.members.member = Some(*d);
                self.members.household = None;
            }
            SanjinOutcome::Household(d) => {
                self.members.household = Some(*d);
                self.members.member = None;
            }
            SanjinOutcome::Saved(r) => match r {
                Ok(msg) => {
                    self.form = None;
                    self.flash(msg, MsgKind::Info);
                    let mut fx = vec![Effect::LoadCounts];
                    match self.pane {
                        Pane::Visits => {
                            let sel = self.selected_visit().map(|v| v.id);
                            fx.push(self.load_visits(sel));
                        }
                        Pane::Members => {
                            let sel = match self.members.view {
                                MemberView::Wishes => {
                                    self.members.wishes.get(self.members.selected).map(|w| w.id)
                                }
                                _ => self.selected_member_id().or(self.selected_household_id()),
                            };
                            let after = self.members.pages.last().copied().flatten();
                            fx.push(self.load_members(after, sel));
                        }
                        _ => {}
                    }
                    return fx;
                }
                Err(m) => match &mut self.form {
                    Some(of) => of.form.message = Some(m),
                    None => self.flash(m, MsgKind::Error),
                },
            },
            SanjinOutcome::Written(r) => {
                self.form = None;
                match r {
                    Ok(p) => self.flash(
                        format!("{}{}", l(lang, "已写入 ", "written to "), p.display()),
                        MsgKind::Info,
                    ),
                    Err(m) => self.flash(m, MsgKind::Error),
                }
            }
            SanjinOutcome::Choices(target, options) => {
                if options.is_empty() {
                    self.flash(
                        match target {
                            SanjinPick::AssignHousehold(_) => l(
                                lang,
                                "本社区没有待分配的服务对象户",
                                "no unassigned household in this community",
                            ),
                            SanjinPick::ClaimWish(_) => l(
                                lang,
                                "此户所在社区没有在册党员",
                                "no member lives in this community",
                            ),
                            _ => l(
                                lang,
                                "本社区没有可联系此户的重点选派党员（每人最多 3 户）",
                                "no key-selected member here has room (3 each)",
                            ),
                        },
                        MsgKind::Error,
                    );
                    return vec![];
                }
                self.popup = Some(Popup::Picker(Picker {
                    title: match target {
                        SanjinPick::AssignHousehold(_) => l(
                            lang,
                            "分配服务对象户（按需求与专长匹配排序）",
                            "Assign a household (best match first)",
                        ),
                        SanjinPick::ClaimWish(_) => {
                            l(lang, "认领心愿的党员", "Member claiming the wish")
                        }
                        _ => l(lang, "分配联系党员", "Assign a member"),
                    },
                    options,
                    filter: String::new(),
                    selected: 0,
                    target: PickTarget::Sanjin(target),
                }));
            }
        }
        vec![]
    }

    /// The quarters whose gaps the pane lists: this one and the one before.
    pub fn gap_quarters(&self) -> [(i32, u32); 2] {
        let now = quarter(self.today());
        [now, previous_quarter(now.0, now.1)]
    }
}

/// The active petition categories, for a choice.
fn category_opts(app: &App) -> Vec<Opt> {
    app.refs
        .categories
        .iter()
        .filter(|c| c.active)
        .map(|c| Opt::new(c.name.clone(), Val::Id(c.id)))
        .collect()
}

/// A choice among a vocabulary's values, valued by position.
fn enum_opts<T: Copy>(all: &[T], zh: fn(T) -> &'static str) -> Vec<Opt> {
    all.iter()
        .enumerate()
        .map(|(i, v)| Opt::new(zh(*v), Val::Nth(i)))
        .collect()
}

/// Intake problems as errors of the one-petitioner forms of this pane.
fn intake_errors(
    problems: Vec<crate::domain::intake::FieldProblem>,
    lang: Lang,
) -> impl Iterator<Item = (String, String)> {
    problems.into_iter().map(move |p| {
        let k = p
            .field
            .strip_prefix("petitioner.0.")
            .unwrap_or(&p.field)
            .to_string();
        (k, p.problem.text(lang).to_string())
    })
}

fn register_form(app: &App, v: &VisitRow) -> OpenForm {
    let lang = app.lang;
    let cats = category_opts(app);
    let f = Form::new(
        format!(
            "{} {} · {}",
            v.date.format("%m-%d"),
            app.refs.place_name(Some(v.place_id)),
            l(lang, "接待登记", "Resident received")
        ),
        vec![
            Field::text(F::Name, &l(lang, "姓名", "Name"), "").required(),
            Field::text(F::Mobile, &l(lang, "手机号", "Mobile"), "").required(),
            Field::choice(
                F::Place,
                &l(lang, "社区/村", "Community"),
                app.community_opts(),
                Some(Val::Id(v.place_id)),
            ),
            Field::text(F::Address, &l(lang, "住址", "Address"), "").required(),
            Field::choice(F::Category, &l(lang, "诉求类别", "Category"), cats, None).required(),
            Field::text(F::Summary, &l(lang, "事项摘要", "Summary"), "").required(),
            Field::multiline(F::Content, &l(lang, "反映内容", "What was raised"), "").required(),
            Field::text(F::Request, &l(lang, "诉求", "Request"), "").required(),
            Field::choice(
                F::Outcome,
                &l(lang, "处理", "Outcome"),
                vec![
                    Opt::new(
                        l(
                            lang,
                            "现场答复（仍按件回访评价）",
                            "Answered on the spot (still followed up)",
                        ),
                        Val::Nth(0),
                    ),
                    Opt::new(
                        l(
                            lang,
                            "转为诉求件，由接待领导首办负责到底",
                            "A petition, owned by the leader",
                        ),
                        Val::Nth(1),
                    ),
                ],
                Some(Val::Nth(1)),
            ),
            Field::multiline(F::Answer, &l(lang, "答复内容", "Answer given"), "")
                .show_if(F::Outcome, vec![Val::Nth(0)]),
        ],
    );
    OpenForm::new(FormKind::Sanjin(SanjinForm::Register { visit_id: v.id }), f)
}

fn member_form(app: &App) -> OpenForm {
    use crate::domain::members::{CadrePool, SelectedBy};
    let lang = app.lang;
    let pools = enum_opts(CadrePool::ALL, CadrePool::zh);
    let by = enum_opts(SelectedBy::ALL, SelectedBy::zh);
    let f = Form::new(
        l(lang, "新增在职党员", "Add a member"),
        vec![
            Field::text(F::Name, &l(lang, "姓名", "Name"), "").required(),
            Field::text(F::Unit, &l(lang, "单位", "Unit"), "")
                .required()
                .hint(l(lang, "区直单位全称，如 区教育局", "e.g. 区教育局")),
            Field::text(F::Position, &l(lang, "职务", "Position"), ""),
            Field::choice(
                F::Place,
                &l(lang, "居住社区", "Community of residence"),
                app.community_opts(),
                None,
            )
            .required(),
            Field::text(F::Profession, &l(lang, "职业", "Profession"), ""),
            Field::text(F::Skills, &l(lang, "专长", "Skills"), "").hint(l(
                lang,
                "用于匹配服务对象户的需求",
                "matched against households' needs",
            )),
            Field::choice(
                F::Pool,
                &l(lang, "干部类别", "Cadre pool"),
                pools,
                Some(Val::Nth(3)),
            ),
            Field::choice(
                F::Key,
                &l(lang, "重点选派", "Key-selected"),
                vec![
                    Opt::new(l(lang, "否", "No"), Val::Nth(0)),
                    Opt::new(l(lang, "是", "Yes"), Val::Nth(1)),
                ],
                Some(Val::Nth(1)),
            ),
            Field::choice(
                F::By,
                &l(lang, "选派方式", "Selected by"),
                by,
                Some(Val::Nth(1)),
            )
            .show_if(F::Key, vec![Val::Nth(1)]),
            Field::text(
                F::Mobile,
                &l(lang, "手机号（可空）", "Mobile (optional)"),
                "",
            ),
        ],
    );
    OpenForm::new(FormKind::Sanjin(SanjinForm::Member), f)
}

fn household_form(app: &App) -> OpenForm {
    use crate::domain::members::HouseholdKind;
    let lang = app.lang;
    let kinds = enum_opts(HouseholdKind::ALL, HouseholdKind::zh);
    let f = Form::new(
        l(lang, "新增服务对象户", "Add a household"),
        vec![
            Field::choice(
                F::Place,
                &l(lang, "社区/村", "Community"),
                app.community_opts(),
                None,
            )
            .required(),
            Field::text(F::Address, &l(lang, "住址", "Address"), "").required(),
            Field::text(F::Head, &l(lang, "户主", "Head of household"), "").required(),
            Field::choice(F::Kind, &l(lang, "户别", "Kind"), kinds, Some(Val::Nth(0))),
            Field::multiline(F::Needs, &l(lang, "需求", "Needs"), ""),
            Field::multiline(F::Plan, &l(lang, "一家一策", "Plan"), ""),
        ],
    );
    OpenForm::new(FormKind::Sanjin(SanjinForm::Household), f)
}

fn contact_form(app: &App, member_id: Option<i64>, household_id: Option<i64>) -> OpenForm {
    let lang = app.lang;
    let methods = enum_opts(ContactMethod::ALL, ContactMethod::zh);
    let mut fields = vec![];
    if member_id.is_some() {
        // The member's households.
        let opts: Vec<Opt> = app
            .members
            .member
            .as_ref()
            .map(|d| {
                d.households
                    .iter()
                    .map(|h| Opt::new(format!("{} {}", h.head, h.address), Val::Id(h.id)))
                    .collect()
            })
            .unwrap_or_default();
        let first = opts.first().map(|o| o.value);
        fields.push(
            Field::choice(
                F::Household,
                &l(lang, "服务对象户", "Household"),
                opts,
                first,
            )
            .required(),
        );
    } else {
        let opts: Vec<Opt> = app
            .members
            .household
            .as_ref()
            .and_then(|d| {
                d.household
                    .member_id
                    .map(|m| (m, d.member.clone().unwrap_or_default()))
            })
            .map(|(m, name)| vec![Opt::new(name, Val::Id(m))])
            .unwrap_or_default();
        let first = opts.first().map(|o| o.value);
        fields
            .push(Field::choice(F::Member, &l(lang, "联系党员", "Member"), opts, first).required());
    }
    fields.push(
        Field::text(
            F::Date,
            &l(lang, "日期", "Date"),
            &app.today().format("%Y-%m-%d").to_string(),
        )
        .required(),
    );
    fields.push(Field::choice(
        F::Method,
        &l(lang, "方式", "Method"),
        methods,
        Some(Val::Nth(0)),
    ));
    fields.push(Field::multiline(
        F::Notes,
        &l(lang, "民情日记", "Notes"),
        "",
    ));
    OpenForm::new(
        FormKind::Sanjin(SanjinForm::Contact {
            member_id,
            household_id,
        }),
        Form::new(l(lang, "记民情日记", "Record a contact"), fields),
    )
}

fn escalate_form(app: &App, d: &HouseholdDetail, member_id: i64) -> OpenForm {
    let lang = app.lang;
    let cats = category_opts(app);
    let f = Form::new(
        l(
            lang,
            "党员无法解决的问题：转为诉求件（在职党员反映）",
            "Escalate to the desk (Party member)",
        ),
        vec![
            Field::text(F::Name, &l(lang, "诉求人", "Petitioner"), &d.household.head).required(),
            Field::text(F::Mobile, &l(lang, "手机号", "Mobile"), "").required(),
            Field::text(
                F::Address,
                &l(lang, "住址", "Address"),
                &d.household.address,
            )
            .required(),
            Field::choice(F::Category, &l(lang, "诉求类别", "Category"), cats, None).required(),
            Field::text(F::Summary, &l(lang, "事项摘要", "Summary"), "").required(),
            Field::multiline(
                F::Content,
                &l(
                    lang,
                    "反映内容（党员已做的工作）",
                    "What was raised (and done)",
                ),
                "",
            )
            .required(),
            Field::text(F::Request, &l(lang, "诉求", "Request"), "").required(),
        ],
    );
    OpenForm::new(
        FormKind::Sanjin(SanjinForm::Escalate {
            member_id,
            household_id: d.household.id,
        }),
        f,
    )
}
