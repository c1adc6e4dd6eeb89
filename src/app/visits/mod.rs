//! The visit calendar pane (走访日程): district leaders' visits to communities, their
//! outcomes, the notices, the ledgers. Keys change state and emit effects; results come back
//! as outcomes ([`run`] is the only part that touches the store).

use crate::app::DetailEffect;
use crate::keymap::VisitsCmd;
use crate::text::T;
use chrono::{Datelike, NaiveDate, NaiveTime};

use super::form::{Field, FieldId as F, Form, Opt, Val};
use super::{
    App, ConfirmAction, Effect, FormKind, MsgKind, OpenForm, Pane, PickTarget, Picker, Popup,
};
use crate::domain::visits::{Staffing, VisitMoveKind, VisitSettings, visit_allowed};
use crate::domain::vocab::Lang;
use crate::records::visits::{Ledger, Matter, VisitDetail, VisitRow};

/// What the visits pane lists.
mod run;
mod submit;

use super::choices::{category_opts, intake_errors};

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
    /// 社区台账: each community's (and the township's) monthly summaries, due, submitted and
    /// reviewed; a community center sees its own.
    Ledgers,
}

impl VisitView {
    pub const ALL: [VisitView; 6] = [
        VisitView::Month,
        VisitView::Week,
        VisitView::Notices,
        VisitView::Unstaffed,
        VisitView::Ledger,
        VisitView::Ledgers,
    ];

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            VisitView::Month => T::Month.get(lang),
            VisitView::Week => T::WeekAhead.get(lang),
            VisitView::Notices => T::NoticesDue.get(lang),
            VisitView::Unstaffed => T::NoLeader.get(lang),
            VisitView::Ledger => T::LeaderSFile.get(lang),
            VisitView::Ledgers => T::CommunityLedgers.get(lang),
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
    /// Visits of the rows whose leader is booked elsewhere at the same time (→ the other).
    pub clashes: std::collections::BTreeMap<i64, i64>,
    /// The ledgers view: the year's summaries, and the selected one's place ledger.
    pub summaries: Vec<crate::store::ledgers::SummaryRow>,
    pub place_ledger: Option<crate::store::ledgers::PlaceLedger>,
}

/// Forms of the visits pane.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VisitsForm {
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
    /// 说明或检讨 of a missed visit: recorded against its year-end review exception.
    Explain {
        visit_id: i64,
        leader_id: i64,
        year: i32,
    },
    /// A principal leader's review of a submitted ledger summary.
    Review {
        summary_id: i64,
    },
    /// The half-year report heard.
    Heard,
    Assignments,
    Ledger,
    Report2,
    Settings,
}

/// Pop-up lists of the visits pane.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VisitsPick {
    /// The leader whose file the ledger view shows.
    Leader,
}

#[derive(Debug)]
pub enum VisitsEffect {
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
        /// The director's reason for voiding an earlier pick (empty: none).
        void_reason: String,
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
        arranged_by: String,
        arranged_on: NaiveDate,
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
    Explain {
        visit_id: i64,
        leader_id: i64,
        year: i32,
        text: String,
    },
    LoadPlaceLedger {
        place_id: i64,
        from: NaiveDate,
        to: NaiveDate,
    },
    SubmitSummary {
        place_id: i64,
        from: NaiveDate,
    },
    Review {
        summary_id: i64,
        leader_id: i64,
        comments: String,
    },
    Heard {
        year: i32,
        half: u32,
        heard_on: NaiveDate,
        meeting: String,
        remarks: String,
    },
    SaveSettings(VisitSettings),
    SaveAssignments {
        communities: Vec<(i64, Vec<i64>)>,
        rotation: Vec<i64>,
    },
}

#[derive(Debug)]
pub enum VisitsOutcome {
    Visits {
        rows: Vec<VisitRow>,
        unstaffed: usize,
        notices: (usize, usize),
        settings: VisitSettings,
        ledger: Option<Box<Ledger>>,
        select: Option<i64>,
        assignments: Vec<(i64, i64)>,
        rotation: Vec<i64>,
        clashes: std::collections::BTreeMap<i64, i64>,
        summaries: Vec<crate::store::ledgers::SummaryRow>,
    },
    Visit(Box<VisitDetail>),
    PlaceLedger(Box<crate::store::ledgers::PlaceLedger>),
    /// A change was saved (the message to show), or refused (why).
    Saved(Result<String, String>),
    Written(Result<std::path::PathBuf, String>),
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
        Effect::Visits(VisitsEffect::LoadVisits {
            view: self.visits.view,
            month: self.visits.month.unwrap_or_else(|| month_of(self.today())),
            leader: self.visits.ledger_leader,
            select,
        })
    }

    /// The selected summary of the ledgers view.
    pub fn selected_summary(&self) -> Option<&crate::store::ledgers::SummaryRow> {
        if self.visits.view != VisitView::Ledgers {
            return None;
        }
        self.visits.summaries.get(self.visits.selected)
    }

    fn load_place_ledger(&self) -> Vec<Effect> {
        self.selected_summary()
            .map(|r| {
                Effect::Visits(VisitsEffect::LoadPlaceLedger {
                    place_id: r.place_id,
                    from: r.from,
                    to: r.to,
                })
            })
            .into_iter()
            .collect()
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
            (VisitView::Ledgers, _) => self.visits.summaries.len(),
            _ => self.visits.rows.len(),
        }
    }

    fn need_visit(&mut self) -> Option<VisitRow> {
        let v = self.selected_visit().cloned();
        if v.is_none() {
            self.flash(T::SelectAVisitFirst.text(self.lang), MsgKind::Error);
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
            if app.visits.view == VisitView::Ledgers {
                return app.load_place_ledger();
            }
            app.selected_visit()
                .map(|v| Effect::Visits(VisitsEffect::LoadVisit(v.id)))
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
                    title: T::LeaderSFileChooseALeader.text(lang),
                    options: self.leader_opts(None),
                    filter: String::new(),
                    selected: 0,
                    target: PickTarget::Visits(VisitsPick::Leader),
                }));
            }
            VisitsCmd::Open => return self.open_selected_row(),
            VisitsCmd::Plan => {
                let (y, _) = self.visits.month.unwrap_or_else(|| month_of(self.today()));
                self.popup = Some(Popup::Confirm {
                    text: T::WriteThePlanFromTheCurrent.fill(lang, &[&y]),
                    action: ConfirmAction::PlanYear(y),
                });
            }
            VisitsCmd::Absent => return self.open_absent_form(),
            VisitsCmd::Held => return self.open_held_form(),
            VisitsCmd::NotHeld => {
                if let Some(v) = self.need_visit_for(VisitMoveKind::RecordNotHeld) {
                    let f = Form::new(
                        T::NotHeld.text(lang),
                        vec![Field::text(F::Reason, &T::ReasonShort.text(lang), "").required()],
                    );
                    self.form = Some(OpenForm::new(
                        FormKind::Visits(VisitsForm::NotHeld {
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
                    let mut fields = vec![
                        Field::text(F::N, &T::HowManyTwoToFour.text(lang), "2")
                            .hint(T::DrawnFromTheCommunitySKey.text(lang)),
                    ];
                    // Only the director may void an earlier pick: only the director sees it.
                    if self.session.as_ref().is_some_and(|s| {
                        crate::domain::roles::can(&s.actor, crate::domain::roles::Act::VoidDraw)
                    }) {
                        fields.push(Field::text(
                            F::Reason,
                            &T::VoidReasonDirectorOnly.text(lang),
                            "",
                        ));
                    }
                    let f = Form::new(T::PickMembersToReport.text(lang), fields);
                    self.form = Some(OpenForm::new(
                        FormKind::Visits(VisitsForm::Pick { visit_id: v.id }),
                        f,
                    ));
                }
            }
            VisitsCmd::Report => return self.open_report_form(),
            VisitsCmd::Notice => {
                if let Some(v) = self.need_visit_for(VisitMoveKind::PostNotice) {
                    return vec![Effect::Visits(VisitsEffect::WriteNotice(v.id))];
                }
            }
            VisitsCmd::Posted => {
                if let Some(v) = self.need_visit_for(VisitMoveKind::PostNotice) {
                    self.popup = Some(Popup::Confirm {
                        text: T::IsTheNoticeUp.fill(
                            lang,
                            &[
                                &crate::words::short_day(v.date, self.today()),
                                &self.refs.place_name(Some(v.place_id)),
                            ],
                        ),
                        action: ConfirmAction::PostNotice(v.id, v.version),
                    });
                }
            }
            VisitsCmd::City => return self.open_city_form(),
            VisitsCmd::Export => return self.open_ledger_export_form(),
            VisitsCmd::HalfReport => return self.open_half_report_form(),
            VisitsCmd::Explain => return self.open_explain_form(),
            VisitsCmd::SubmitSummary => match self.selected_summary().cloned() {
                Some(r) if r.state == crate::domain::visits::ledgers::SummaryState::Due => {
                    return vec![Effect::Visits(VisitsEffect::SubmitSummary {
                        place_id: r.place_id,
                        from: r.from,
                    })];
                }
                Some(_) => self.flash(T::SummaryAlreadySubmittedShort.text(lang), MsgKind::Error),
                None => self.flash(T::ChooseALedgerSummary.text(lang), MsgKind::Error),
            },
            VisitsCmd::ReviewSummary => return self.open_review_form(),
            VisitsCmd::Heard => return self.open_heard_form(),
            VisitsCmd::Assignments => return self.open_assignments_form(),
            VisitsCmd::Settings => return self.open_settings_form(),
            // No row further.
            VisitsCmd::Down | VisitsCmd::Up => {}
        }
        vec![]
    }

    /// `VisitsCmd::Open`.
    fn open_selected_row(&mut self) -> Vec<Effect> {
        if self.visits.view == VisitView::Ledger {
            if let Some(p) = self
                .visits
                .ledger
                .as_ref()
                .and_then(|x| x.petitions.get(self.visits.selected))
            {
                return vec![Effect::Detail(DetailEffect::Load {
                    id: p.id,
                    reason: super::Reason::User,
                })];
            }
        } else if let Some(v) = self.selected_visit() {
            return vec![Effect::Visits(VisitsEffect::LoadVisit(v.id))];
        }
        vec![]
    }

    /// `VisitsCmd::Absent`.
    fn open_absent_form(&mut self) -> Vec<Effect> {
        let lang = self.lang;
        if let Some(v) = self.need_visit_for(VisitMoveKind::LeaderAbsent) {
            let unstaffed = v.staffing() == Staffing::Unstaffed;
            let f = Form::new(
                format!(
                    "{} {} · {}",
                    crate::words::short_day(v.date, self.today()),
                    self.refs.place_name(Some(v.place_id)),
                    if unstaffed {
                        T::StaffThisVisit.text(lang)
                    } else {
                        T::LeaderCannotAttend.text(lang)
                    }
                ),
                vec![
                    Field::choice(
                        F::Substitute,
                        &T::Substitute.text(lang),
                        self.leader_opts(Some(T::NoneYetNoLeader.text(lang))),
                        Some(Val::None),
                    ),
                    Field::text(F::Date, &T::NewDateOptional.text(lang), "")
                        .hint(T::NewDateHint.text(lang)),
                    Field::text(
                        F::Time,
                        &T::Time.text(lang),
                        &v.time.format("%H:%M").to_string(),
                    ),
                    Field::text(
                        F::Reason,
                        &T::ReasonShort.text(lang),
                        if unstaffed {
                            T::AnotherLeaderStandsIn.get(lang)
                        } else {
                            ""
                        },
                    )
                    .required(),
                ],
            );
            self.form = Some(OpenForm::new(
                FormKind::Visits(VisitsForm::Absent {
                    visit_id: v.id,
                    version: v.version,
                }),
                f,
            ));
        }
        vec![]
    }

    /// `VisitsCmd::Held`.
    fn open_held_form(&mut self) -> Vec<Effect> {
        let lang = self.lang;
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
                    crate::words::short_day(v.date, self.today()),
                    self.refs.place_name(Some(v.place_id)),
                    T::HeldInterviewNotes.text(lang)
                ),
                vec![Field::multiline(
                    F::Notes,
                    &T::InterviewRecord.text(lang),
                    &notes,
                )],
            );
            self.form = Some(OpenForm::new(
                FormKind::Visits(VisitsForm::Held {
                    visit_id: v.id,
                    version: v.version,
                }),
                f,
            ));
        }
        vec![]
    }

    /// `VisitsCmd::Report`.
    fn open_report_form(&mut self) -> Vec<Effect> {
        let lang = self.lang;
        let Some(d) = self.visits.detail.clone() else {
            return vec![];
        };
        if d.picks.is_empty() {
            self.flash(T::NoMembersPickedYetM.text(lang), MsgKind::Error);
            return vec![];
        }
        let opts = d
            .picks
            .iter()
            .map(|(id, name, _)| Opt::new(name.clone(), Val::Id(*id)))
            .collect();
        let f = Form::new(
            T::MemberSReport.text(lang),
            vec![
                Field::choice(
                    F::Member,
                    &T::PartyMember.text(lang),
                    opts,
                    (d.picks.first().map(|p| p.0)).map(Val::Id),
                ),
                Field::multiline(F::Report, &T::Report.text(lang), "").required(),
            ],
        );
        self.form = Some(OpenForm::new(
            FormKind::Visits(VisitsForm::Report {
                visit_id: d.visit.id,
            }),
            f,
        ));
        vec![]
    }

    /// `VisitsCmd::Explain`: the leader's 说明或检讨 of a visit not held or left without a
    /// leader, shown in the half-year report and the year-end review.
    fn open_explain_form(&mut self) -> Vec<Effect> {
        let lang = self.lang;
        let Some(v) = self.need_visit() else {
            return vec![];
        };
        if !matches!(v.staffing(), Staffing::NotHeld | Staffing::Unstaffed) {
            self.flash(T::OnlyAMissedVisitIsExplained.text(lang), MsgKind::Error);
            return vec![];
        }
        let current = self
            .visits
            .detail
            .as_ref()
            .filter(|d| d.visit.id == v.id)
            .and_then(|d| d.explanation.as_ref())
            .map(|(t, _, _)| t.clone())
            .unwrap_or_default();
        let f = Form::new(
            format!(
                "{} {} · {}",
                crate::words::short_day(v.date, self.today()),
                self.refs.place_name(Some(v.place_id)),
                T::ExplainMissedVisit.text(lang)
            ),
            vec![
                Field::multiline(F::Note, &T::ExplanationOrSelfCriticism.text(lang), &current)
                    .required(),
            ],
        );
        self.form = Some(OpenForm::new(
            FormKind::Visits(VisitsForm::Explain {
                visit_id: v.id,
                leader_id: v.leader_id,
                year: v.date.year(),
            }),
            f,
        ));
        vec![]
    }

    /// `VisitsCmd::ReviewSummary`: the reviewer (a principal leader) and the comments.
    fn open_review_form(&mut self) -> Vec<Effect> {
        let lang = self.lang;
        let Some(r) = self.selected_summary().cloned() else {
            self.flash(T::ChooseALedgerSummary.text(lang), MsgKind::Error);
            return vec![];
        };
        let (Some(id), crate::domain::visits::ledgers::SummaryState::Submitted) = (r.id, r.state)
        else {
            self.flash(
                match r.state {
                    crate::domain::visits::ledgers::SummaryState::Due => T::SummaryNotSubmittedYet,
                    _ => T::SummaryAlreadyReviewed,
                }
                .text(lang),
                MsgKind::Error,
            );
            return vec![];
        };
        let principals: Vec<Opt> = self
            .refs
            .leaders
            .iter()
            .filter(|l| l.active && crate::domain::visits::ledgers::is_principal(&l.position))
            .map(|l| Opt::new(format!("{} {}", l.name, l.position), Val::Id(l.id)))
            .collect();
        let first = principals.first().map(|o| o.value);
        let f = Form::new(
            format!(
                "{} {} · {}",
                self.refs.place_name(Some(r.place_id)),
                r.from.format("%Y-%m"),
                T::ReviewerField.text(lang)
            ),
            vec![
                Field::choice(F::Leader, &T::ReviewerField.text(lang), principals, first)
                    .required(),
                Field::multiline(F::Note, &T::ReviewCommentsField.text(lang), "").required(),
            ],
        );
        self.form = Some(OpenForm::new(
            FormKind::Visits(VisitsForm::Review { summary_id: id }),
            f,
        ));
        vec![]
    }

    /// `VisitsCmd::Heard`: the half-year report heard by the district committee.
    fn open_heard_form(&mut self) -> Vec<Effect> {
        let lang = self.lang;
        let today = self.today();
        // The half-year last over (or this one, in its last month).
        let (year, half) = if today.month() <= 6 {
            (today.year() - 1, 2)
        } else {
            (today.year(), 1)
        };
        let f = Form::new(
            T::HalfHeardTitle.text(lang),
            vec![
                Field::text(F::Year, &T::Year.text(lang), &year.to_string()).required(),
                Field::choice(
                    F::Half,
                    &T::Half.text(lang),
                    vec![
                        Opt::new(T::FirstHalf.text(lang), Val::Nth(0)),
                        Opt::new(T::SecondHalf.text(lang), Val::Nth(1)),
                    ],
                    Some(Val::Nth(half - 1)),
                ),
                Field::text(
                    F::Date,
                    &T::HeardOnField.text(lang),
                    &today.format("%Y-%m-%d").to_string(),
                )
                .required()
                .hint(T::DateExample.text(lang)),
                Field::text(F::Topic, &T::MeetingField.text(lang), "").required(),
                Field::multiline(F::Note, &T::RemarksField.text(lang), ""),
            ],
        );
        self.form = Some(OpenForm::new(FormKind::Visits(VisitsForm::Heard), f));
        vec![]
    }

    /// `VisitsCmd::City`.
    fn open_city_form(&mut self) -> Vec<Effect> {
        let lang = self.lang;
        let f = Form::new(
            T::CityLeaderSVisit.text(lang),
            vec![
                Field::choice(
                    F::Place,
                    &T::CommunityShort.text(lang),
                    self.community_opts(),
                    None,
                )
                .required(),
                Field::text(F::Date, &T::Date.text(lang), "")
                    .required()
                    .hint(T::DateExample.text(lang)),
                Field::text(F::Time, &T::Time.text(lang), "18:00").required(),
                Field::text(F::Leader, &T::CityLeader.text(lang), "").required(),
                Field::text(F::ArrangedBy, &T::ArrangedByField.text(lang), "").required(),
                Field::text(
                    F::ArrangedOn,
                    &T::ArrangedOnField.text(lang),
                    &self.today().format("%Y-%m-%d").to_string(),
                )
                .required()
                .hint(T::DateExample.text(lang)),
            ],
        );
        self.form = Some(OpenForm::new(FormKind::Visits(VisitsForm::City), f));
        vec![]
    }

    /// `VisitsCmd::Export`.
    fn open_ledger_export_form(&mut self) -> Vec<Effect> {
        let lang = self.lang;
        let y = self.today().year();
        let mut opts = vec![Opt::new(T::AllLeaders.text(lang), Val::None)];
        opts.extend(self.leader_opts(None));
        let f = Form::new(
            T::ExportLedgers.text(lang),
            vec![
                Field::choice(
                    F::Leader,
                    &T::LeaderShort.text(lang),
                    opts,
                    Some(self.visits.ledger_leader.map_or(Val::None, Val::Id)),
                ),
                Field::text(F::From, &T::From.text(lang), &format!("{y}-01-01")).required(),
                Field::text(F::To, &T::To.text(lang), &format!("{y}-12-31")).required(),
                Field::choice(
                    F::Format,
                    &T::Format.text(lang),
                    vec![Opt::new("XLSX", Val::Nth(0)), Opt::new("CSV", Val::Nth(1))],
                    Some(Val::Nth(0)),
                ),
            ],
        );
        self.form = Some(OpenForm::new(FormKind::Visits(VisitsForm::Ledger), f));
        vec![]
    }

    /// `VisitsCmd::HalfReport`.
    fn open_half_report_form(&mut self) -> Vec<Effect> {
        let lang = self.lang;
        let today = self.today();
        let f = Form::new(
            T::HalfYearComplianceReport.text(lang),
            vec![
                Field::text(F::Year, &T::Year.text(lang), &today.year().to_string()).required(),
                Field::choice(
                    F::Half,
                    &T::Half.text(lang),
                    vec![
                        Opt::new(T::FirstHalf.text(lang), Val::Nth(0)),
                        Opt::new(T::SecondHalf.text(lang), Val::Nth(1)),
                    ],
                    Some(Val::Nth(if today.month() <= 6 { 0 } else { 1 })),
                ),
            ],
        );
        self.form = Some(OpenForm::new(FormKind::Visits(VisitsForm::Report2), f));
        vec![]
    }

    /// `VisitsCmd::Assignments`.
    fn open_assignments_form(&mut self) -> Vec<Effect> {
        let lang = self.lang;
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
                &format!("{} {}", x.name, T::CommunityVisits.text(lang)),
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
                &T::TownshipRotation.text(lang),
                &order.join("、"),
            )
            .hint(T::LeadersNamesInOrderSeparatedBy.text(lang)),
        );
        if let Some(f) = fields.first_mut() {
            *f = f
                .clone()
                .hint(T::CommunitiesSeparatedByMayBeEmpty.text(lang));
        }
        self.form = Some(OpenForm::new(
            FormKind::Visits(VisitsForm::Assignments),
            Form::new(T::AssignmentsAndRotationThenPRe.text(lang), fields),
        ));
        vec![]
    }

    /// `VisitsCmd::Settings`.
    fn open_settings_form(&mut self) -> Vec<Effect> {
        let lang = self.lang;
        // A form this user may not save is not opened.
        if let Some(s) = &self.session
            && let Err(p) =
                crate::domain::roles::may(&s.actor, crate::domain::roles::Act::ChangeVisitSettings)
        {
            self.flash(p.text(lang), MsgKind::Error);
            return vec![];
        }
        let s = self.visits.settings;
        let f = Form::new(
            T::VisitSettings.text(lang),
            vec![
                Field::text(
                    F::Community,
                    &T::CommunityVisitsAt.text(lang),
                    &s.community_time.format("%H:%M").to_string(),
                )
                .required(),
                Field::text(
                    F::Township,
                    &T::TownshipVisitsAt.text(lang),
                    &s.township_time.format("%H:%M").to_string(),
                )
                .required(),
                Field::text(
                    F::Days,
                    &T::NoticeDaysBefore.text(lang),
                    &s.notice_days.to_string(),
                )
                .required()
                .hint(T::NoticeDaysHint.text(lang)),
            ],
        );
        self.form = Some(OpenForm::new(FormKind::Visits(VisitsForm::Settings), f));
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

    pub(super) fn visits_picked(&mut self, target: VisitsPick, value: Val) -> Vec<Effect> {
        let id = match value {
            Val::Id(id) => Some(id),
            _ => None,
        };
        match target {
            // "(all leaders)" is Val::None: the ledger of every leader.
            VisitsPick::Leader => {
                self.visits.ledger_leader = id;
                self.set_visit_view(VisitView::Ledger)
            }
        }
    }

    pub(super) fn on_visits(&mut self, o: VisitsOutcome) -> Vec<Effect> {
        match o {
            VisitsOutcome::Visits {
                rows,
                unstaffed,
                notices,
                settings,
                ledger,
                select,
                assignments,
                rotation,
                clashes,
                summaries,
            } => {
                self.visits.clashes = clashes;
                self.visits.summaries = summaries;
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
                if self.visits.view == VisitView::Ledgers {
                    let n = self.visit_rows_len();
                    self.visits.selected = self.visits.selected.min(n.saturating_sub(1));
                    self.visits.detail = None;
                    return self.load_place_ledger();
                }
                if self.visits.view == VisitView::Ledger {
                    let n = self.visit_rows_len();
                    self.visits.selected = self.visits.selected.min(n.saturating_sub(1));
                    self.visits.detail = None;
                    return vec![];
                }
                return self
                    .selected_visit()
                    .map(|v| Effect::Visits(VisitsEffect::LoadVisit(v.id)))
                    .into_iter()
                    .collect();
            }
            VisitsOutcome::Visit(d) => self.visits.detail = Some(*d),
            VisitsOutcome::PlaceLedger(l) => self.visits.place_ledger = Some(*l),
            VisitsOutcome::Saved(r) => {
                let sel = self.selected_visit().map(|v| v.id);
                let reload = self.load_visits(sel);
                return self.after_save(r, reload);
            }
            VisitsOutcome::Written(r) => self.written(r),
        }
        vec![]
    }
}

fn register_form(app: &App, v: &VisitRow) -> OpenForm {
    let lang = app.lang;
    let cats = category_opts(app);
    let f = Form::new(
        format!(
            "{} {} · {}",
            crate::words::short_day(v.date, app.today()),
            app.refs.place_name(Some(v.place_id)),
            T::ResidentReceived.text(lang)
        ),
        vec![
            Field::text(F::Name, &T::PersonName.text(lang), "").required(),
            Field::text(F::Mobile, &T::Mobile.text(lang), "").required(),
            Field::choice(
                F::Place,
                &T::Community.text(lang),
                app.community_opts(),
                Some(Val::Id(v.place_id)),
            ),
            Field::text(F::Address, &T::Address.text(lang), "").required(),
            Field::choice(F::Category, &T::PetitionCategory.text(lang), cats, None).required(),
            Field::text(F::Summary, &T::MatterSummary.text(lang), "").required(),
            Field::multiline(F::Content, &T::WhatWasRaised.text(lang), "").required(),
            Field::text(F::Request, &T::Request.text(lang), "").required(),
            Field::choice(
                F::Outcome,
                &T::Handling.text(lang),
                vec![
                    Opt::new(T::AnsweredOnTheSpotStillFollowed.text(lang), Val::Nth(0)),
                    Opt::new(T::APetitionOwnedByTheLeader.text(lang), Val::Nth(1)),
                ],
                Some(Val::Nth(1)),
            ),
            Field::multiline(F::Answer, &T::AnswerGiven.text(lang), "")
                .show_if(F::Outcome, vec![Val::Nth(0)]),
        ],
    );
    OpenForm::new(FormKind::Visits(VisitsForm::Register { visit_id: v.id }), f)
}
