//! Desk state and update (The Elm Architecture): an `Action` comes in, the state changes, and
//! `Effect`s go out to be run by the loop (`effects::Ctx::run`), whose results come back as
//! `Action::Done`. Tests drive `App::dispatch` with key sequences against a real database.

use crate::keymap::{
    AdminCmd, BoardCmd, Command, ConfirmCmd, DetailCmd, FormChoiceCmd, FormCmd, GlobalCmd, HelpCmd,
    MenuCmd, QueueCmd,
};
use std::collections::VecDeque;

use chrono::{NaiveDate, NaiveDateTime};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::domain::calendar::WorkCalendar;
use crate::domain::flow::{self, Change, Move, MoveKind};
use crate::domain::intake::Intake;
use crate::domain::limits::level_bounds;
use crate::domain::org::StaffInput;
use crate::domain::roles::{Act, can};
use crate::domain::search::parse_query;
use crate::domain::vocab::{CenterLevel, Channel, Level, Stage, State};
use crate::domain::{Lang, Problem};
use crate::keymap::{Key, Keymap, Resolved};
use crate::store::audit::TimelineEntry;
use crate::store::org::{RefEdit, RefTable, Refs};
use crate::store::queue::{Cursor, DeskCounts, Page, QueueQuery, Scope, Sort};
use crate::store::staff::Session;
use crate::store::tickets::{EarlierPetition, IntakeLink, TicketRecord};

mod choices;
pub mod delib;
pub mod draw;
pub mod effects;
pub mod field_id;
pub mod form;
pub mod forms;
pub mod hearing;
pub mod members;
pub mod roster;
pub mod visits;
pub mod worker;

use delib::DelibView;
use draw::{DrawEffect, DrawForm, DrawOutcome};
use form::{FieldId as F, Form, Input, Opt, Val};
use hearing::{HearingEffect, HearingForm, HearingOutcome};
use members::{MembersEffect, MembersForm, MembersOutcome, MembersPick, MembersState};
use roster::{RosterEffect, RosterForm, RosterOutcome, RosterState};
use visits::{VisitsEffect, VisitsForm, VisitsOutcome, VisitsPick, VisitsState};

/// The queue shows "10000+" beyond this many matches …
pub const COUNT_CAP: usize = 10_000;
/// … and a search "1000+": beyond that a clerk refines the search rather than reads on.
pub const SEARCH_COUNT_CAP: usize = 1_000;
/// How often the desk asks whether another desk changed the database.
pub const POLL_MS: i64 = 500;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Setup,
    SignIn,
    Desk,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Queue,
    Board,
    Roster,
    Visits,
    Members,
    Admin,
}

/// Why data is being (re)loaded: by the user, or because another desk changed something.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    User,
    Poll,
}

/// Which row to select after a page loads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Select {
    First,
    Last,
    Keep(i64),
    Index(usize),
}

#[derive(Debug)]
pub enum Action {
    Key(KeyEvent),
    Paste(String),
    Tick,
    Resize(u16, u16),
    Done(Box<Outcome>),
}

#[derive(Debug)]
pub enum Effect {
    SignIn {
        staff_no: String,
        pin: String,
    },
    Setup {
        center: String,
        level: CenterLevel,
        admin: StaffInput,
        pin: String,
    },
    LoadDemo,
    LoadRefs,
    LoadQueue {
        query: QueueQuery,
        cursor: Cursor,
        select: Select,
        page_size: usize,
        reason: Reason,
    },
    LoadBoard {
        cursors: Vec<(Stage, Cursor)>,
        page_size: usize,
        reason: Reason,
    },
    LoadCounts,
    LoadTicket {
        id: i64,
        reason: Reason,
    },
    Move {
        id: i64,
        version: i64,
        mv: Move,
    },
    Register {
        intake: Box<Intake>,
        link: IntakeLink,
    },
    Earlier {
        mobile: Option<String>,
        resident_id: Option<String>,
    },
    SaveRef(RefEdit),
    SetRefActive {
        table: RefTable,
        id: i64,
        active: bool,
    },
    DeleteLimit(i64),
    SaveStaff {
        id: Option<i64>,
        input: StaffInput,
        center_id: i64,
        department_id: Option<i64>,
    },
    SetStaffActive {
        id: i64,
        active: bool,
    },
    ChangePin {
        old: String,
        new: String,
    },
    Print {
        id: i64,
    },
    Poll,
    Roster(RosterEffect),
    Draw(DrawEffect),
    Hearing(HearingEffect),
    Visits(VisitsEffect),
    Members(MembersEffect),
    Quit,
}

/// A ticket with what the detail pane shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TicketView {
    pub rec: TicketRecord,
    pub timeline: Vec<TimelineEntry>,
    pub related: Vec<(String, &'static str)>,
    pub department_returns: Option<i64>,
}

#[derive(Debug)]
pub enum Outcome {
    SignedIn(Result<Session, String>),
    DemoLoaded(Result<usize, String>),
    Refs(Box<Refs>, Box<WorkCalendar>),
    Queue {
        page: Page,
        count: usize,
        cursor: Cursor,
        select: Select,
        reason: Reason,
    },
    Board(Vec<(Stage, i64, i64, Page, Cursor)>, Reason),
    Counts(DeskCounts),
    Ticket(Result<Box<TicketView>, String>, Reason),
    Moved {
        id: i64,
        change: Result<Change, (String, bool)>,
    },
    Registered(Result<(i64, String), String>),
    Earlier(Vec<EarlierPetition>),
    Saved(Result<(), String>),
    Printed(Result<std::path::PathBuf, String>),
    Polled {
        changed: bool,
    },
    Roster(RosterOutcome),
    Draw(DrawOutcome),
    Hearing(HearingOutcome),
    Visits(VisitsOutcome),
    Members(MembersOutcome),
    Error(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormKind {
    SignIn,
    Setup,
    Intake,
    Move {
        kind: MoveKind,
        id: i64,
        version: i64,
    },
    Search,
    Ref(AdminTab, Option<i64>),
    Staff(Option<i64>),
    ChangePin,
    Roster(RosterForm),
    Draw(DrawForm),
    Hearing(HearingForm),
    Visits(VisitsForm),
    Members(MembersForm),
}

/// A form on screen, with the intake's earlier-petition panel.
#[derive(Debug, Clone)]
pub struct OpenForm {
    pub kind: FormKind,
    pub form: Form,
    pub earlier: Vec<EarlierPetition>,
    pub earlier_sel: Option<usize>,
    pub link: IntakeLink,
    /// The (mobile, ID) last looked up, so typing does not query on every key.
    pub looked_up: (Option<String>, Option<String>),
}

impl OpenForm {
    pub fn new(kind: FormKind, form: Form) -> OpenForm {
        OpenForm {
            kind,
            form,
            earlier: vec![],
            earlier_sel: None,
            link: IntakeLink::None,
            looked_up: (None, None),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FilterDim {
    Stage,
    State,
    Level,
    Department,
    Channel,
    Place,
}

impl FilterDim {
    pub const ALL: [FilterDim; 6] = [
        FilterDim::Stage,
        FilterDim::State,
        FilterDim::Level,
        FilterDim::Department,
        FilterDim::Channel,
        FilterDim::Place,
    ];

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            FilterDim::Stage => lang.pick("阶段", "Stage"),
            FilterDim::State => lang.pick("状态", "State"),
            FilterDim::Level => lang.pick("时限等级", "Level"),
            FilterDim::Department => lang.pick("承办单位", "Department"),
            FilterDim::Channel => lang.pick("来源渠道", "Channel"),
            FilterDim::Place => lang.pick("社区/村", "Community"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PickTarget {
    FormField(usize),
    Actions,
    FilterDim,
    FilterValue(FilterDim),
    RosterFilter,
    /// Which party strikes this representative.
    StrikeParty(i64),
    HearingClose,
    Visits(VisitsPick),
    Members(MembersPick),
}

#[derive(Debug, Clone)]
pub struct Picker {
    pub title: String,
    pub options: Vec<Opt>,
    pub filter: String,
    pub selected: usize,
    pub target: PickTarget,
}

impl Picker {
    pub fn visible(&self) -> Vec<&Opt> {
        self.options
            .iter()
            .filter(|o| o.matches(&self.filter))
            .collect()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConfirmAction {
    DiscardForm,
    /// A move without fields (提交下单, 签收): confirm, then make it.
    Move {
        kind: MoveKind,
        id: i64,
        version: i64,
    },
    /// Write a year's visit plan.
    PlanYear(i32),
    /// The notice of this visit (as read at this version) is up.
    PostNotice(i64, i64),
}

#[derive(Debug, Clone)]
pub enum Popup {
    Help { scroll: u16 },
    Confirm { text: String, action: ConfirmAction },
    Picker(Picker),
}

#[derive(Debug, Clone, Default)]
pub struct QueueState {
    pub query: Option<QueueQuery>,
    pub page: Page,
    pub selected: usize,
    pub count: usize,
    pub anchor: Option<Cursor>,
    pub page_no: usize,
    pub search_text: String,
    pub search_error: Option<String>,
}

#[derive(Debug, Clone)]
pub struct BoardColumn {
    pub stage: Stage,
    pub total: i64,
    pub overdue: i64,
    pub page: Page,
    pub anchor: Cursor,
    pub selected: usize,
}

#[derive(Debug, Clone, Default)]
pub struct BoardState {
    pub columns: Vec<BoardColumn>,
    pub focus: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum AdminTab {
    #[default]
    Places,
    Centers,
    Departments,
    Leaders,
    Categories,
    Limits,
    Staff,
}

impl AdminTab {
    pub const ALL: [AdminTab; 7] = [
        AdminTab::Places,
        AdminTab::Centers,
        AdminTab::Departments,
        AdminTab::Leaders,
        AdminTab::Categories,
        AdminTab::Limits,
        AdminTab::Staff,
    ];

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            AdminTab::Places => lang.pick("社区/村", "Communities"),
            AdminTab::Centers => lang.pick("中心", "Centers"),
            AdminTab::Departments => lang.pick("承办单位", "Departments"),
            AdminTab::Leaders => lang.pick("区级领导", "Leaders"),
            AdminTab::Categories => lang.pick("诉求类别", "Categories"),
            AdminTab::Limits => lang.pick("办理时限", "Time limits"),
            AdminTab::Staff => lang.pick("工作人员", "Staff"),
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct AdminState {
    pub tab: AdminTab,
    pub selected: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MsgKind {
    Info,
    Error,
}

#[derive(Debug, Clone, Default)]
pub struct StatusState {
    pub counts: DeskCounts,
    pub message: Option<(String, MsgKind)>,
    /// "Another desk changed what is on screen" (with the time).
    pub notice: Option<String>,
    pub missing_years: Vec<i32>,
    /// The store has been working on a request this long (shown after a moment: "saving").
    pub working: Option<std::time::Duration>,
}

/// The whole desk.
pub struct App {
    pub lang: Lang,
    pub screen: Screen,
    pub session: Option<Session>,
    pub refs: Refs,
    pub cal: WorkCalendar,
    pub now: NaiveDateTime,
    pub size: (u16, u16),
    pub pane: Pane,
    pub queue: QueueState,
    pub board: BoardState,
    pub detail: Option<TicketView>,
    pub detail_scroll: u16,
    pub admin: AdminState,
    pub form: Option<OpenForm>,
    pub popup: Option<Popup>,
    pub status: StatusState,
    pub keymap: Keymap,
    pub pending: Vec<Key>,
    pub last_poll: NaiveDateTime,
    pub roster: RosterState,
    /// A live draw or hearing, shown in place of the ticket.
    pub delib: Option<DelibView>,
    /// The quick draw of mediators being recorded: draw id, representatives, their names as shown.
    pub quick_draw: Option<(i64, Vec<i64>, String)>,
    pub visits: VisitsState,
    pub members: MembersState,
    pub quit: bool,
}

fn t(lang: Lang, zh: &str, en: &str) -> String {
    lang.pick(zh, en).to_string()
}

impl App {
    /// A desk on a database: the setup screen if it is empty, else the sign-in screen.
    pub fn new(
        lang: Lang,
        keymap: Keymap,
        refs: Refs,
        cal: WorkCalendar,
        empty: bool,
        now: NaiveDateTime,
    ) -> App {
        let mut app = App {
            lang,
            screen: if empty { Screen::Setup } else { Screen::SignIn },
            session: None,
            refs,
            cal,
            now,
            size: (160, 45),
            pane: Pane::Queue,
            queue: QueueState::default(),
            board: BoardState::default(),
            detail: None,
            detail_scroll: 0,
            admin: AdminState::default(),
            form: None,
            popup: None,
            status: StatusState::default(),
            keymap,
            pending: vec![],
            last_poll: now,
            roster: RosterState::default(),
            visits: VisitsState::default(),
            members: MembersState::default(),
            delib: None,
            quick_draw: None,
            quit: false,
        };
        app.update_missing_years();
        app.form = Some(if empty {
            forms::setup(lang)
        } else {
            forms::sign_in(lang)
        });
        app
    }

    pub fn today(&self) -> NaiveDate {
        self.now.date()
    }

    fn update_missing_years(&mut self) {
        use chrono::Datelike;
        let y = self.today().year();
        self.status.missing_years = self.cal.missing_years(y, y + 1);
    }

    pub fn flash(&mut self, msg: impl Into<String>, kind: MsgKind) {
        self.status.message = Some((msg.into(), kind));
    }

    /// Rows of the queue table that fit on screen.
    pub fn queue_rows(&self) -> usize {
        (self.size.1 as usize).saturating_sub(7).max(3)
    }

    pub fn board_rows(&self) -> usize {
        (self.size.1 as usize).saturating_sub(9).max(3)
    }

    fn fresh_query(&self) -> QueueQuery {
        let b = level_bounds(self.today(), &self.cal);
        let mut q = self
            .queue
            .query
            .clone()
            .unwrap_or_else(|| QueueQuery::new(&b));
        q.today = b.today;
        q.severe_before = b.severe_before;
        q
    }

    fn load_queue(&self, cursor: Cursor, select: Select, reason: Reason) -> Effect {
        Effect::LoadQueue {
            query: self.fresh_query(),
            cursor,
            select,
            page_size: self.queue_rows(),
            reason,
        }
    }

    fn reload_queue(&self, reason: Reason) -> Effect {
        let select = self
            .queue
            .page
            .rows
            .get(self.queue.selected)
            .map(|r| Select::Keep(r.id))
            .unwrap_or(Select::First);
        self.load_queue(
            self.queue.anchor.clone().unwrap_or(Cursor::First),
            select,
            reason,
        )
    }

    fn load_board(&self, reason: Reason) -> Effect {
        let cursors = [Stage::Draft, Stage::Issue, Stage::Handle, Stage::Sign]
            .iter()
            .map(|s| {
                let anchor = self
                    .board
                    .columns
                    .iter()
                    .find(|c| c.stage == *s)
                    .map(|c| c.anchor.clone())
                    .unwrap_or(Cursor::First);
                (*s, anchor)
            })
            .collect();
        Effect::LoadBoard {
            cursors,
            page_size: self.board_rows(),
            reason,
        }
    }

    /// What is on screen, reloaded (after a change here or on another desk).
    fn reload_all(&self, reason: Reason) -> Vec<Effect> {
        let mut fx = vec![Effect::LoadCounts];
        match self.pane {
            Pane::Queue => fx.push(self.reload_queue(reason)),
            Pane::Board => fx.push(self.load_board(reason)),
            Pane::Roster => {
                let (after, before) = self.roster.anchor;
                let sel = self.roster.rows.get(self.roster.selected).map(|r| r.id);
                fx.push(Effect::Roster(RosterEffect::LoadRoster {
                    query: self.roster.query.clone(),
                    after,
                    before,
                    select: sel,
                }));
            }
            Pane::Visits => {
                let sel = self.selected_visit().map(|v| v.id);
                fx.push(self.load_visits(sel));
            }
            Pane::Members => {
                let sel = self.selected_member_id().or(self.selected_household_id());
                let after = self.members.pages.last().copied().flatten();
                fx.push(self.load_members(after, sel));
            }
            Pane::Admin => fx.push(Effect::LoadRefs),
        }
        if let Some(DelibView::Hearing(v)) = &self.delib {
            fx.push(Effect::Hearing(HearingEffect::ReloadHearing(v.hearing.id)));
        }
        if let Some(d) = &self.detail {
            fx.push(Effect::LoadTicket {
                id: d.rec.id,
                reason,
            });
        }
        fx
    }

    /// One action on the UI thread: the state changes, and the effects to run come back (the
    /// terminal's loop sends them to the worker). `Quit` is taken here.
    pub fn step(&mut self, action: Action) -> Vec<Effect> {
        let mut fx = self.update(action);
        if fx.iter().any(|e| matches!(e, Effect::Quit)) {
            self.quit = true;
            fx.retain(|e| !matches!(e, Effect::Quit));
        }
        fx
    }

    /// The synchronous runner (tests, benchmarks): runs an action and every effect it causes on
    /// this thread, feeding results back in, until quiet.
    pub fn dispatch(&mut self, ctx: &mut effects::Ctx, action: Action) {
        let mut queue = VecDeque::from([action]);
        while let Some(a) = queue.pop_front() {
            if let Action::Tick = a {
                self.now = ctx.now();
            }
            for e in self.update(a) {
                if matches!(e, Effect::Quit) {
                    self.quit = true;
                    continue;
                }
                if let Some(out) = ctx.run(self.session.as_ref(), e) {
                    queue.push_back(Action::Done(Box::new(out)));
                }
            }
        }
    }

    /// The state transition. Never touches the database.
    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        match action {
            Action::Key(k) => {
                if k.kind != KeyEventKind::Press {
                    return vec![];
                }
                self.on_key(k)
            }
            Action::Paste(text) => {
                if let Some(f) = &mut self.form {
                    f.form.paste(&text);
                    return self.after_form_edit();
                }
                if let Some(Popup::Picker(p)) = &mut self.popup {
                    p.filter
                        .push_str(&crate::domain::text::clean_paste(&text, false));
                    p.selected = 0;
                }
                vec![]
            }
            Action::Resize(w, h) => {
                let rows_changed = h != self.size.1;
                self.size = (w, h);
                if rows_changed && self.screen == Screen::Desk {
                    return self.reload_all(Reason::User);
                }
                vec![]
            }
            Action::Tick => {
                if self.screen == Screen::Desk
                    && (self.now - self.last_poll).num_milliseconds() >= POLL_MS
                {
                    self.last_poll = self.now;
                    return vec![Effect::Poll];
                }
                vec![]
            }
            Action::Done(o) => self.on_outcome(*o),
        }
    }

    // ---- keys -------------------------------------------------------------------------------

    fn section(&self) -> &'static str {
        match (&self.popup, &self.form) {
            (Some(Popup::Help { .. }), _) => "help",
            (Some(Popup::Confirm { .. }), _) => "confirm",
            (Some(Popup::Picker(_)), _) => "menu",
            (None, Some(_)) => "form",
            (None, None) if matches!(self.delib, Some(DelibView::Draw(_))) => "draw",
            (None, None) if matches!(self.delib, Some(DelibView::Hearing(_))) => "hearing",
            (None, None) if self.detail.is_some() => "detail",
            (None, None) => match self.pane {
                Pane::Queue => "queue",
                Pane::Board => "board",
                Pane::Roster => "roster",
                Pane::Visits => "visits",
                Pane::Members => "members",
                Pane::Admin => "admin",
            },
        }
    }

    fn on_key(&mut self, k: KeyEvent) -> Vec<Effect> {
        if k.code == KeyCode::Char('c') && k.modifiers.contains(KeyModifiers::CONTROL) {
            return vec![Effect::Quit];
        }
        let Some(key) = Key::from_event(&k) else {
            return vec![];
        };
        let section = self.section();
        // A pending sequence ("g g") continues in the section it started in.
        match self.keymap.resolve(section, &self.pending, key) {
            Resolved::Run(cmd) => {
                self.pending.clear();
                return self.run_command(cmd, k);
            }
            Resolved::Pending => {
                self.pending.push(key);
                return vec![];
            }
            Resolved::None => {
                let had_pending = !self.pending.is_empty();
                self.pending.clear();
                if had_pending {
                    return vec![];
                }
            }
        }
        match section {
            "form" => self.form_key(k, key),
            "menu" => self.menu_key(k),
            "help" | "confirm" => vec![],
            _ => {
                // Panes fall back to the global section.
                match self.keymap.resolve("global", &[], key) {
                    Resolved::Run(cmd) => self.run_command(cmd, k),
                    _ => vec![],
                }
            }
        }
    }

    /// Routes a command to the handler of its section; each handler matches its own commands
    /// exhaustively.
    fn run_command(&mut self, cmd: Command, k: KeyEvent) -> Vec<Effect> {
        match cmd {
            Command::GlobalCmd(c) => self.global_command(c),
            Command::QueueCmd(c) => self.queue_command(c),
            Command::BoardCmd(c) => self.board_command(c),
            Command::DetailCmd(c) => self.detail_command(c),
            Command::AdminCmd(c) => self.admin_command(c),
            Command::RosterCmd(c) => self.roster_command(c),
            Command::VisitsCmd(c) => self.visits_command(c),
            Command::MembersCmd(c) => self.members_command(c),
            Command::DrawCmd(c) => self.draw_command(c),
            Command::HearingCmd(c) => self.hearing_command(c),
            Command::FormCmd(c) => self.form_command(c, k),
            Command::MenuCmd(c) => self.menu_command(c),
            Command::ConfirmCmd(c) => self.confirm_command(c),
            Command::HelpCmd(c) => {
                if let Some(Popup::Help { scroll }) = &mut self.popup {
                    match c {
                        HelpCmd::Down => *scroll = scroll.saturating_add(1),
                        HelpCmd::Up => *scroll = scroll.saturating_sub(1),
                        HelpCmd::Close => self.popup = None,
                    }
                }
                vec![]
            }
            // The choice keys are read by the form's own key handling (`form_key`).
            Command::FormChoiceCmd(_) => vec![],
        }
    }

    fn global_command(&mut self, cmd: GlobalCmd) -> Vec<Effect> {
        if self.screen != Screen::Desk {
            return if cmd == GlobalCmd::Quit {
                vec![Effect::Quit]
            } else {
                vec![]
            };
        }
        match cmd {
            GlobalCmd::Quit => vec![Effect::Quit],
            GlobalCmd::Help => {
                self.popup = Some(Popup::Help { scroll: 0 });
                vec![]
            }
            GlobalCmd::PaneQueue => self.switch_pane(Pane::Queue),
            GlobalCmd::PaneBoard => self.switch_pane(Pane::Board),
            GlobalCmd::PaneAdmin => self.switch_pane(Pane::Admin),
            GlobalCmd::PaneRoster => self.switch_pane(Pane::Roster),
            GlobalCmd::PaneVisits => self.switch_pane(Pane::Visits),
            GlobalCmd::PaneMembers => self.switch_pane(Pane::Members),
            GlobalCmd::NextPane => {
                let next = match self.pane {
                    Pane::Queue => Pane::Board,
                    Pane::Board => Pane::Roster,
                    Pane::Roster => Pane::Visits,
                    Pane::Visits => Pane::Members,
                    Pane::Members if self.is_admin() => Pane::Admin,
                    _ => Pane::Queue,
                };
                self.switch_pane(next)
            }
            GlobalCmd::Refresh => {
                self.status.notice = None;
                let mut fx = self.reload_all(Reason::User);
                fx.push(Effect::LoadRefs);
                fx
            }
            GlobalCmd::ChangePin => {
                self.form = Some(forms::change_pin(self.lang));
                vec![]
            }
            GlobalCmd::SignOut => {
                self.session = None;
                self.screen = Screen::SignIn;
                self.detail = None;
                self.popup = None;
                self.queue = QueueState::default();
                self.board = BoardState::default();
                self.visits = VisitsState::default();
                self.members = MembersState::default();
                self.status = StatusState {
                    missing_years: self.status.missing_years.clone(),
                    ..StatusState::default()
                };
                self.form = Some(forms::sign_in(self.lang));
                vec![]
            }
        }
    }

    pub fn is_admin(&self) -> bool {
        self.session
            .as_ref()
            .is_some_and(|s| can(&s.actor, Act::ManageReferenceData))
    }

    fn switch_pane(&mut self, pane: Pane) -> Vec<Effect> {
        if pane == Pane::Admin && !self.is_admin() {
            self.flash(
                t(
                    self.lang,
                    "管理窗格仅限管理员",
                    "the admin pane is for administrators",
                ),
                MsgKind::Error,
            );
            return vec![];
        }
        self.detail = None;
        self.delib = None;
        self.pane = pane;
        match pane {
            Pane::Queue => vec![self.reload_queue(Reason::User)],
            Pane::Board => vec![self.load_board(Reason::User)],
            Pane::Roster => self.open_roster(),
            Pane::Visits => self.open_visits(),
            Pane::Members => self.open_members(),
            Pane::Admin => vec![Effect::LoadRefs],
        }
    }

    // ---- the queue --------------------------------------------------------------------------

    fn selected_row_id(&self) -> Option<i64> {
        self.queue.page.rows.get(self.queue.selected).map(|r| r.id)
    }

    fn queue_command(&mut self, cmd: QueueCmd) -> Vec<Effect> {
        let n = self.queue.page.rows.len();
        match cmd {
            QueueCmd::Down => {
                if self.queue.selected + 1 < n {
                    self.queue.selected += 1;
                    vec![]
                } else if self.queue.page.more_after {
                    self.queue_next_page(Select::First)
                } else {
                    vec![]
                }
            }
            QueueCmd::Up => {
                if self.queue.selected > 0 {
                    self.queue.selected -= 1;
                    vec![]
                } else if self.queue.page.more_before {
                    self.queue_prev_page(Select::Last)
                } else {
                    vec![]
                }
            }
            QueueCmd::PageDown => {
                if self.queue.page.more_after {
                    self.queue_next_page(Select::Index(self.queue.selected))
                } else {
                    self.queue.selected = n.saturating_sub(1);
                    vec![]
                }
            }
            QueueCmd::PageUp => {
                if self.queue.page.more_before {
                    self.queue_prev_page(Select::Index(self.queue.selected))
                } else {
                    self.queue.selected = 0;
                    vec![]
                }
            }
            QueueCmd::First => {
                self.queue.page_no = 1;
                vec![self.load_queue(Cursor::First, Select::First, Reason::User)]
            }
            QueueCmd::Last => {
                self.queue.page_no = 0;
                vec![self.load_queue(Cursor::Last, Select::Last, Reason::User)]
            }
            QueueCmd::Open => match self.selected_row_id() {
                Some(id) => vec![Effect::LoadTicket {
                    id,
                    reason: Reason::User,
                }],
                None => vec![],
            },
            QueueCmd::Search => {
                let mut f = forms::search(self.lang, &self.queue.search_text);
                f.form.message = self.queue.search_error.clone();
                self.form = Some(f);
                vec![]
            }
            QueueCmd::Filter => {
                let options = FilterDim::ALL
                    .iter()
                    .enumerate()
                    .map(|(i, d)| Opt::new(d.label(self.lang), Val::Nth(i)))
                    .collect();
                self.popup = Some(Popup::Picker(Picker {
                    title: t(self.lang, "按什么筛选", "Filter by"),
                    options,
                    filter: String::new(),
                    selected: 0,
                    target: PickTarget::FilterDim,
                }));
                vec![]
            }
            QueueCmd::Sort => {
                let mut q = self.fresh_query();
                q.sort = match q.effective_sort() {
                    Sort::Due => Sort::NewestFirst,
                    Sort::NewestFirst => Sort::OldestFirst,
                    Sort::OldestFirst if q.scope == Scope::Open => Sort::Due,
                    Sort::OldestFirst => Sort::NewestFirst,
                };
                self.set_query(q)
            }
            QueueCmd::Scope => {
                let mut q = self.fresh_query();
                q.scope = match q.scope {
                    Scope::Open => Scope::Closed,
                    Scope::Closed => Scope::All,
                    Scope::All => Scope::Open,
                };
                if q.scope != Scope::Open && q.sort == Sort::Due {
                    q.sort = Sort::NewestFirst;
                }
                if q.scope == Scope::Open && q.sort == Sort::NewestFirst && q.search.is_none() {
                    q.sort = Sort::Due;
                }
                if q.scope != Scope::Open {
                    q.filters.level = None;
                }
                self.set_query(q)
            }
            QueueCmd::Mine => {
                let mut q = self.fresh_query();
                q.filters.mine = match q.filters.mine {
                    Some(_) => None,
                    None => self.session.as_ref().and_then(|s| s.actor.staff_id),
                };
                self.set_query(q)
            }
            QueueCmd::ClearFilters => {
                let b = level_bounds(self.today(), &self.cal);
                self.queue.search_text.clear();
                self.queue.search_error = None;
                self.set_query(QueueQuery::new(&b))
            }
            QueueCmd::NewTicket => self.open_intake(),
        }
    }

    fn set_query(&mut self, q: QueueQuery) -> Vec<Effect> {
        self.queue.query = Some(q);
        self.queue.page_no = 1;
        vec![self.load_queue(Cursor::First, Select::First, Reason::User)]
    }

    fn queue_next_page(&mut self, select: Select) -> Vec<Effect> {
        match self.queue.page.rows.last() {
            Some(last) => {
                self.queue.page_no += 1;
                vec![self.load_queue(Cursor::After(last.key()), select, Reason::User)]
            }
            None => vec![],
        }
    }

    fn queue_prev_page(&mut self, select: Select) -> Vec<Effect> {
        match self.queue.page.rows.first() {
            Some(first) => {
                self.queue.page_no = self.queue.page_no.saturating_sub(1);
                vec![self.load_queue(Cursor::Before(first.key()), select, Reason::User)]
            }
            None => vec![],
        }
    }

    fn open_intake(&mut self) -> Vec<Effect> {
        let Some(s) = &self.session else {
            return vec![];
        };
        if let Err(p) = crate::domain::roles::may(&s.actor, Act::Register) {
            self.flash(p.text(self.lang), MsgKind::Error);
            return vec![];
        }
        self.form = Some(forms::intake(self.lang, &self.refs, s));
        vec![]
    }

    // ---- the board --------------------------------------------------------------------------

    fn board_command(&mut self, cmd: BoardCmd) -> Vec<Effect> {
        let ncol = self.board.columns.len();
        if ncol == 0 {
            return if cmd == BoardCmd::NewTicket {
                self.open_intake()
            } else {
                vec![]
            };
        }
        let focus = self.board.focus.min(ncol - 1);
        match cmd {
            BoardCmd::Left => self.board.focus = (focus + ncol - 1) % ncol,
            BoardCmd::Right => self.board.focus = (focus + 1) % ncol,
            BoardCmd::Down => {
                let c = &mut self.board.columns[focus];
                if c.selected + 1 < c.page.rows.len() {
                    c.selected += 1;
                }
            }
            BoardCmd::Up => {
                let c = &mut self.board.columns[focus];
                c.selected = c.selected.saturating_sub(1);
            }
            BoardCmd::PageDown | BoardCmd::PageUp => {
                let c = &mut self.board.columns[focus];
                let next = if cmd == BoardCmd::PageDown {
                    c.page
                        .more_after
                        .then(|| c.page.rows.last().map(|r| Cursor::After(r.key())))
                        .flatten()
                } else {
                    c.page
                        .more_before
                        .then(|| c.page.rows.first().map(|r| Cursor::Before(r.key())))
                        .flatten()
                };
                if let Some(cur) = next {
                    c.anchor = cur;
                    c.selected = 0;
                    return vec![self.load_board(Reason::User)];
                }
            }
            BoardCmd::Open => {
                if let Some(r) = self.board.columns[focus]
                    .page
                    .rows
                    .get(self.board.columns[focus].selected)
                {
                    return vec![Effect::LoadTicket {
                        id: r.id,
                        reason: Reason::User,
                    }];
                }
            }
            BoardCmd::NewTicket => return self.open_intake(),
        }
        vec![]
    }

    // ---- the ticket ---------------------------------------------------------------------------

    /// The moves this user may make on the open ticket.
    pub fn available_moves(&self) -> Vec<MoveKind> {
        match (&self.detail, &self.session) {
            (Some(d), Some(s)) => flow::available(&d.rec.facts(), &s.actor),
            _ => vec![],
        }
    }

    fn detail_command(&mut self, cmd: DetailCmd) -> Vec<Effect> {
        match cmd {
            DetailCmd::Back => {
                self.detail = None;
                self.detail_scroll = 0;
                self.reload_all(Reason::User)
            }
            DetailCmd::Actions => {
                let moves = self.available_moves();
                let extra = self.delib_actions();
                if moves.is_empty() && extra.is_empty() {
                    self.flash(
                        t(
                            self.lang,
                            "此件在当前状态下没有您可办理的操作",
                            "there is nothing you can do with this ticket now",
                        ),
                        MsgKind::Info,
                    );
                    return vec![];
                }
                let mut options: Vec<Opt> = moves
                    .iter()
                    .enumerate()
                    .map(|(i, m)| {
                        Opt::new(format!("{} {}", i + 1, m.label(self.lang)), Val::Nth(i))
                    })
                    .collect();
                // 民事民议: mediation, the draw and the hearing, after the flow's moves.
                for (k, a) in extra.iter().enumerate() {
                    options.push(Opt::new(
                        format!("{} {}", moves.len() + k + 1, a.label(self.lang)),
                        Val::Deliberation(k),
                    ));
                }
                self.popup = Some(Popup::Picker(Picker {
                    title: t(self.lang, "办理", "Act"),
                    options,
                    filter: String::new(),
                    selected: 0,
                    target: PickTarget::Actions,
                }));
                vec![]
            }
            DetailCmd::Print => match &self.detail {
                Some(d) => vec![Effect::Print { id: d.rec.id }],
                None => vec![],
            },
            DetailCmd::ScrollDown => {
                self.detail_scroll = self.detail_scroll.saturating_add(1);
                vec![]
            }
            DetailCmd::ScrollUp => {
                self.detail_scroll = self.detail_scroll.saturating_sub(1);
                vec![]
            }
        }
    }

    fn start_move(&mut self, kind: MoveKind) -> Vec<Effect> {
        let Some(d) = &self.detail else { return vec![] };
        let (id, version) = (d.rec.id, d.rec.version);
        // Re-check: the UI offers only legal moves, and asks the domain again here.
        if let Some(s) = &self.session
            && let Err(p) = flow::allowed(kind, &d.rec.facts(), &s.actor)
        {
            self.flash(p.text(self.lang), MsgKind::Error);
            return vec![];
        }
        match kind {
            MoveKind::Submit | MoveKind::Accept => {
                let text = match kind {
                    MoveKind::Submit => t(
                        self.lang,
                        &format!("将 {} 提交领导下单？", d.rec.number()),
                        &format!("Submit {} for the leader's issue?", d.rec.number()),
                    ),
                    _ => t(
                        self.lang,
                        &format!("签收 {}？签收后开始办理。", d.rec.number()),
                        &format!("Accept {}?", d.rec.number()),
                    ),
                };
                self.popup = Some(Popup::Confirm {
                    text,
                    action: ConfirmAction::Move { kind, id, version },
                });
                vec![]
            }
            _ => {
                let ctx = flow::FlowCtx {
                    today: self.today(),
                    cal: &self.cal,
                    rules: &self.refs.rules(),
                };
                let default_due = flow::default_due(&d.rec.facts(), &ctx);
                self.form = Some(forms::move_form(
                    self.lang,
                    &self.refs,
                    kind,
                    &d.rec,
                    default_due,
                ));
                vec![]
            }
        }
    }

    // ---- admin ------------------------------------------------------------------------------

    fn admin_command(&mut self, cmd: AdminCmd) -> Vec<Effect> {
        let tabs = AdminTab::ALL;
        let i = tabs.iter().position(|x| *x == self.admin.tab).unwrap_or(0);
        let len = forms::admin_len(&self.refs, self.admin.tab);
        match cmd {
            AdminCmd::TabNext => {
                self.admin.tab = tabs[(i + 1) % tabs.len()];
                self.admin.selected = 0;
            }
            AdminCmd::TabPrev => {
                self.admin.tab = tabs[(i + tabs.len() - 1) % tabs.len()];
                self.admin.selected = 0;
            }
            AdminCmd::Down => {
                if self.admin.selected + 1 < len {
                    self.admin.selected += 1;
                }
            }
            AdminCmd::Up => self.admin.selected = self.admin.selected.saturating_sub(1),
            AdminCmd::Add => {
                self.form = Some(forms::admin_form(
                    self.lang,
                    &self.refs,
                    self.admin.tab,
                    None,
                ))
            }
            AdminCmd::Edit => {
                if let Some(id) = forms::admin_id(&self.refs, self.admin.tab, self.admin.selected) {
                    self.form = Some(forms::admin_form(
                        self.lang,
                        &self.refs,
                        self.admin.tab,
                        Some(id),
                    ));
                }
            }
            AdminCmd::ToggleActive => {
                if let Some((table, id, active)) =
                    forms::admin_toggle(&self.refs, self.admin.tab, self.admin.selected)
                {
                    return vec![match table {
                        None => Effect::SetStaffActive {
                            id,
                            active: !active,
                        },
                        Some(table) => Effect::SetRefActive {
                            table,
                            id,
                            active: !active,
                        },
                    }];
                }
            }
            AdminCmd::Delete => {
                if self.admin.tab == AdminTab::Limits
                    && let Some(id) =
                        forms::admin_id(&self.refs, self.admin.tab, self.admin.selected)
                {
                    return vec![Effect::DeleteLimit(id)];
                }
            }
        }
        vec![]
    }

    // ---- forms ------------------------------------------------------------------------------

    fn form_command(&mut self, cmd: FormCmd, k: KeyEvent) -> Vec<Effect> {
        let Some(of) = &mut self.form else {
            return vec![];
        };
        match cmd {
            FormCmd::NextField => of.form.next(),
            FormCmd::PrevField => of.form.prev(),
            FormCmd::Save => return self.submit_form(),
            FormCmd::Cancel => {
                if matches!(of.kind, FormKind::SignIn | FormKind::Setup) {
                    return vec![];
                }
                if of.form.dirty && of.kind != FormKind::Search {
                    self.popup = Some(Popup::Confirm {
                        text: t(self.lang, "放弃已填写的内容？", "Discard what was typed?"),
                        action: ConfirmAction::DiscardForm,
                    });
                } else {
                    self.form = None;
                }
            }
            FormCmd::AddPetitioner if of.kind == FormKind::Intake => {
                forms::add_petitioner(self.lang, &self.refs, &mut of.form)
            }
            FormCmd::RemovePetitioner if of.kind == FormKind::Intake => {
                forms::remove_petitioner(&mut of.form)
            }
            FormCmd::QuickDraw if matches!(of.kind, FormKind::Draw(DrawForm::Mediation { .. })) => {
                if let FormKind::Draw(DrawForm::Mediation { ticket_id }) = of.kind {
                    return vec![Effect::Draw(DrawEffect::QuickDraw { ticket_id })];
                }
            }
            FormCmd::EarlierNext if !of.earlier.is_empty() => {
                of.earlier_sel = Some(
                    of.earlier_sel
                        .map(|i| (i + 1) % of.earlier.len())
                        .unwrap_or(0),
                );
            }
            FormCmd::MarkRepeat | FormCmd::MarkMerge if of.kind == FormKind::Intake => {
                let Some(sel) = of.earlier_sel.and_then(|i| of.earlier.get(i)) else {
                    of.form.message = Some(t(
                        self.lang,
                        "请先用 F2 选择一条既往诉求",
                        "select an earlier petition with F2 first",
                    ));
                    return vec![];
                };
                let link = if cmd == FormCmd::MarkRepeat {
                    IntakeLink::RepeatOf(sel.id)
                } else if let Err(p) =
                    crate::domain::flow::check_merge_target(&sel.number, sel.state)
                {
                    of.form.message = Some(p.text(self.lang).to_string());
                    return vec![];
                } else {
                    IntakeLink::MergeInto(sel.id)
                };
                of.link = if of.link == link {
                    IntakeLink::None
                } else {
                    link
                };
                of.form.message = None;
            }
            _ => {
                // Not a form command here (e.g. Ctrl-N outside intake): treat as typing.
                return self.form_key(
                    k,
                    Key::from_event(&k).unwrap_or(Key {
                        code: crate::keymap::KeyName::Esc,
                        ctrl: false,
                        alt: false,
                    }),
                );
            }
        }
        vec![]
    }

    fn form_key(&mut self, k: KeyEvent, key: Key) -> Vec<Effect> {
        let Some(of) = &mut self.form else {
            return vec![];
        };
        let is_choice = matches!(
            of.form.focused().map(|f| &f.input),
            Some(Input::Choice { .. })
        );
        if is_choice {
            if let Resolved::Run(cmd) = self.keymap.resolve("form_choice", &[], key) {
                match cmd {
                    Command::FormChoiceCmd(FormChoiceCmd::ChoiceNext) => of.form.cycle(1),
                    Command::FormChoiceCmd(FormChoiceCmd::ChoicePrev) => of.form.cycle(-1),
                    _ => {
                        let idx = of.form.focus;
                        if let Some(Input::Choice { options, selected }) =
                            of.form.fields.get(idx).map(|f| &f.input)
                        {
                            let title = of.form.fields[idx].label.clone();
                            self.popup = Some(Popup::Picker(Picker {
                                title,
                                options: options.clone(),
                                filter: String::new(),
                                selected: selected.unwrap_or(0),
                                target: PickTarget::FormField(idx),
                            }));
                        }
                    }
                }
                return self.after_form_edit();
            }
            // Typing on a choice opens its list with the typed text as the filter.
            if let KeyCode::Char(c) = k.code
                && !k.modifiers.contains(KeyModifiers::CONTROL)
            {
                let idx = of.form.focus;
                if let Some(Input::Choice { options, .. }) =
                    of.form.fields.get(idx).map(|f| &f.input)
                {
                    let title = of.form.fields[idx].label.clone();
                    self.popup = Some(Popup::Picker(Picker {
                        title,
                        options: options.clone(),
                        filter: c.to_string(),
                        selected: 0,
                        target: PickTarget::FormField(idx),
                    }));
                }
            }
            return vec![];
        }
        if k.code == KeyCode::Enter && !of.form.focused().is_some_and(|f| f.is_multiline()) {
            // Enter: next field; on the last field of a short form (sign-in, search), save.
            if matches!(
                of.kind,
                FormKind::SignIn
                    | FormKind::Search
                    | FormKind::ChangePin
                    | FormKind::Draw(DrawForm::PartyInput { .. })
                    | FormKind::Roster(RosterForm::RosterSearch)
                    | FormKind::Members(MembersForm::MemberSearch)
            ) && of.form.at_last()
            {
                return self.submit_form();
            }
            of.form.next();
            return vec![];
        }
        of.form.type_key(k);
        self.after_form_edit()
    }

    /// After the form changed: at intake, look up earlier petitions of the typed mobile or ID.
    fn after_form_edit(&mut self) -> Vec<Effect> {
        let today = self.today();
        let Some(of) = &mut self.form else {
            return vec![];
        };
        if of.kind != FormKind::Intake {
            return vec![];
        }
        let (mobile, rid) = forms::lookup_keys(&of.form, today);
        if (mobile.clone(), rid.clone()) != of.looked_up {
            of.looked_up = (mobile.clone(), rid.clone());
            if mobile.is_none() && rid.is_none() {
                of.earlier.clear();
                of.earlier_sel = None;
                return vec![];
            }
            return vec![Effect::Earlier {
                mobile,
                resident_id: rid,
            }];
        }
        vec![]
    }

    fn submit_form(&mut self) -> Vec<Effect> {
        let today = self.today();
        let mut q = self.fresh_query();
        let Some(of) = &mut self.form else {
            return vec![];
        };
        let lang = self.lang;
        let result = match of.kind.clone() {
            FormKind::SignIn => {
                let staff_no = of.form.text(F::StaffNo);
                let pin = of.form.text(F::Pin);
                of.form.set_text(F::Pin, "");
                Ok(vec![Effect::SignIn { staff_no, pin }])
            }
            FormKind::Setup => forms::submit_setup(lang, &mut of.form),
            FormKind::Search => {
                let text = of.form.text(F::Q);
                if text.trim().is_empty() {
                    q.search = None;
                    self.queue.search_text.clear();
                    self.queue.search_error = None;
                    self.form = None;
                    return self.set_query(q);
                }
                match parse_query(&text) {
                    Ok(query) => {
                        q.search = Some(query);
                        self.queue.search_text = text.trim().to_string();
                        self.queue.search_error = None;
                        self.form = None;
                        return self.set_query(q);
                    }
                    Err(p) => {
                        of.form.message = Some(p.text(lang).to_string());
                        Err(forms::Invalid)
                    }
                }
            }
            FormKind::Intake => match forms::submit_intake(lang, &mut of.form, today) {
                Ok(intake) => Ok(vec![Effect::Register {
                    intake: Box::new(intake),
                    link: of.link,
                }]),
                Err(forms::Invalid) => Err(forms::Invalid),
            },
            FormKind::Move { kind, id, version } => {
                let ctx_rules = self.refs.rules();
                match forms::submit_move(lang, &self.refs, &mut of.form, kind, ctx_rules.as_slice())
                {
                    Ok(mv) => Ok(vec![Effect::Move { id, version, mv }]),
                    Err(forms::Invalid) => Err(forms::Invalid),
                }
            }
            FormKind::Ref(tab, id) => forms::submit_admin(lang, &self.refs, &mut of.form, tab, id),
            FormKind::Staff(id) => forms::submit_staff(lang, &self.refs, &mut of.form, id),
            FormKind::ChangePin => forms::submit_change_pin(lang, &mut of.form),
            FormKind::Roster(kind) => return self.submit_roster(kind),
            FormKind::Draw(kind) => return self.submit_draw(kind),
            FormKind::Hearing(kind) => return self.submit_hearing(kind),
            FormKind::Visits(kind) => return self.submit_visits(kind),
            FormKind::Members(kind) => return self.submit_members(kind),
        };
        result.unwrap_or_default()
    }

    // ---- popups -----------------------------------------------------------------------------

    fn menu_key(&mut self, k: KeyEvent) -> Vec<Effect> {
        let Some(Popup::Picker(p)) = &mut self.popup else {
            return vec![];
        };
        match k.code {
            KeyCode::Backspace => {
                p.filter.pop();
                p.selected = 0;
            }
            KeyCode::Char(c)
                if c.is_ascii_digit() && c != '0' && p.target == PickTarget::Actions =>
            {
                let i = (c as u8 - b'1') as usize;
                if i < p.visible().len() {
                    p.selected = i;
                    return self.menu_command(MenuCmd::Choose);
                }
            }
            KeyCode::Char(c) if !k.modifiers.contains(KeyModifiers::CONTROL) => {
                p.filter.push(c);
                p.selected = 0;
            }
            _ => {}
        }
        vec![]
    }

    fn menu_command(&mut self, cmd: MenuCmd) -> Vec<Effect> {
        let Some(Popup::Picker(p)) = &mut self.popup else {
            return vec![];
        };
        let n = p.visible().len();
        match cmd {
            // An empty filtered list has nothing to move to.
            MenuCmd::Down | MenuCmd::Up if n == 0 => {}
            MenuCmd::Down => p.selected = (p.selected + 1) % n,
            MenuCmd::Up => p.selected = (p.selected + n - 1) % n,
            MenuCmd::Cancel => self.popup = None,
            MenuCmd::Choose => {
                let Some(value) = p.visible().get(p.selected).map(|o| o.value) else {
                    return vec![];
                };
                let target = p.target.clone();
                self.popup = None;
                return self.picked(target, value);
            }
        }
        vec![]
    }

    fn picked(&mut self, target: PickTarget, value: Val) -> Vec<Effect> {
        let nth = match value {
            Val::Nth(n) => Some(n),
            _ => None,
        };
        match target {
            PickTarget::FormField(idx) => {
                if let Some(of) = &mut self.form {
                    of.form.choose(idx, value);
                }
                self.after_form_edit()
            }
            PickTarget::Actions => match value {
                Val::Deliberation(k) => match self.delib_actions().get(k) {
                    Some(a) => self.start_delib(*a),
                    None => vec![],
                },
                Val::Nth(n) => match self.available_moves().get(n) {
                    Some(kind) => self.start_move(*kind),
                    None => vec![],
                },
                _ => vec![],
            },
            PickTarget::RosterFilter => self.roster_filter_picked(value),
            PickTarget::Visits(t) => self.visits_picked(t, value),
            PickTarget::Members(t) => self.members_picked(t, value),
            PickTarget::StrikeParty(member) => match (&self.delib, nth) {
                (Some(DelibView::Draw(live)), Some(party)) => {
                    vec![Effect::Draw(DrawEffect::StrikeDraw {
                        draw_id: live.draw.id,
                        party,
                        rep_id: member,
                    })]
                }
                _ => vec![],
            },
            PickTarget::HearingClose => match &self.delib {
                Some(DelibView::Hearing(v)) => vec![Effect::Hearing(HearingEffect::Hearing {
                    hearing_id: v.hearing.id,
                    step: hearing::HearingStep::Close {
                        to_sign: nth == Some(1),
                    },
                })],
                _ => vec![],
            },
            PickTarget::FilterDim => {
                let Some(dim) = nth.and_then(|n| FilterDim::ALL.get(n)).copied() else {
                    return vec![];
                };
                let options = forms::filter_options(self.lang, &self.refs, dim);
                self.popup = Some(Popup::Picker(Picker {
                    title: dim.label(self.lang).to_string(),
                    options,
                    filter: String::new(),
                    selected: 0,
                    target: PickTarget::FilterValue(dim),
                }));
                vec![]
            }
            PickTarget::FilterValue(dim) => {
                let mut q = self.fresh_query();
                let f = &mut q.filters;
                // "(all)" is Val::None: every arm then clears its filter.
                let id = match value {
                    Val::Id(id) => Some(id),
                    _ => None,
                };
                match dim {
                    FilterDim::Stage => f.stage = nth.and_then(|n| Stage::ALL.get(n)).copied(),
                    FilterDim::State => f.state = nth.and_then(|n| State::ALL.get(n)).copied(),
                    FilterDim::Level => f.level = nth.and_then(|n| Level::ALL.get(n)).copied(),
                    FilterDim::Department => f.department = id,
                    FilterDim::Channel => {
                        f.channel = nth.and_then(|n| Channel::ALL.get(n)).copied()
                    }
                    FilterDim::Place => f.place = id,
                }
                if q.filters.level.is_some() {
                    q.scope = Scope::Open;
                }
                if let Some(s) = q.filters.state {
                    q.scope = if s.is_open() {
                        Scope::Open
                    } else {
                        Scope::Closed
                    };
                    if !s.is_open() && q.sort == Sort::Due {
                        q.sort = Sort::NewestFirst;
                    }
                }
                if q.filters.stage == Some(Stage::Closed) {
                    q.scope = Scope::Closed;
                    if q.sort == Sort::Due {
                        q.sort = Sort::NewestFirst;
                    }
                }
                self.set_query(q)
            }
        }
    }

    fn confirm_command(&mut self, cmd: ConfirmCmd) -> Vec<Effect> {
        let Some(Popup::Confirm { action, .. }) = self.popup.take() else {
            return vec![];
        };
        if cmd != ConfirmCmd::Yes {
            return vec![];
        }
        match action {
            ConfirmAction::DiscardForm => {
                self.form = None;
                vec![]
            }
            ConfirmAction::Move { kind, id, version } => {
                let mv = match kind {
                    MoveKind::Submit => Move::Submit,
                    _ => Move::Accept,
                };
                vec![Effect::Move { id, version, mv }]
            }
            ConfirmAction::PlanYear(y) => vec![Effect::Visits(VisitsEffect::PlanYear(y))],
            ConfirmAction::PostNotice(id, version) => {
                vec![Effect::Visits(VisitsEffect::PostNotice { id, version })]
            }
        }
    }

    // ---- results ----------------------------------------------------------------------------

    fn on_outcome(&mut self, o: Outcome) -> Vec<Effect> {
        match o {
            Outcome::SignedIn(Ok(session)) => {
                self.session = Some(session);
                self.screen = Screen::Desk;
                self.form = None;
                self.pane = Pane::Queue;
                self.status.message = None;
                let b = level_bounds(self.today(), &self.cal);
                self.queue.query = Some(QueueQuery::new(&b));
                self.queue.page_no = 1;
                vec![
                    Effect::LoadRefs,
                    Effect::LoadCounts,
                    self.load_queue(Cursor::First, Select::First, Reason::User),
                ]
            }
            Outcome::SignedIn(Err(msg)) => {
                if let Some(of) = &mut self.form {
                    of.form.message = Some(msg);
                }
                vec![]
            }
            Outcome::DemoLoaded(Ok(n)) => {
                self.screen = Screen::SignIn;
                self.form = Some(forms::sign_in(self.lang));
                if let Some(of) = &mut self.form {
                    of.form.message = Some(t(
                        self.lang,
                        &format!("已载入演示数据（{n} 件诉求）。窗口王芳：工号 1003，密码 300300"),
                        &format!("Demo loaded ({n} tickets). Clerk: staff number 1003, PIN 300300"),
                    ));
                }
                vec![Effect::LoadRefs]
            }
            Outcome::DemoLoaded(Err(msg)) => {
                if let Some(of) = &mut self.form {
                    of.form.message = Some(msg);
                }
                vec![]
            }
            Outcome::Refs(refs, cal) => {
                self.refs = *refs;
                self.cal = *cal;
                self.update_missing_years();
                let len = forms::admin_len(&self.refs, self.admin.tab);
                if self.admin.selected >= len {
                    self.admin.selected = len.saturating_sub(1);
                }
                vec![]
            }
            Outcome::Queue {
                page,
                count,
                cursor,
                select,
                reason,
            } => {
                if reason == Reason::Poll && !same_rows(&self.queue.page, &page) {
                    self.note_other_desk();
                }
                self.queue.selected = match select {
                    Select::First => 0,
                    Select::Last => page.rows.len().saturating_sub(1),
                    Select::Index(i) => i.min(page.rows.len().saturating_sub(1)),
                    Select::Keep(id) => page
                        .rows
                        .iter()
                        .position(|r| r.id == id)
                        .unwrap_or(self.queue.selected.min(page.rows.len().saturating_sub(1))),
                };
                // An empty page after paging past the end: stay where we were.
                if page.rows.is_empty()
                    && matches!(cursor, Cursor::After(_) | Cursor::Before(_))
                    && reason == Reason::User
                {
                    return vec![self.load_queue(Cursor::First, Select::First, Reason::User)];
                }
                if !page.more_before {
                    self.queue.page_no = 1;
                }
                self.queue.page = page;
                self.queue.count = count;
                self.queue.anchor = Some(cursor);
                vec![]
            }
            Outcome::Board(cols, reason) => {
                let changed = self.board.columns.len() != cols.len()
                    || self
                        .board
                        .columns
                        .iter()
                        .zip(&cols)
                        .any(|(a, b)| !same_rows(&a.page, &b.3) || a.total != b.1);
                if reason == Reason::Poll && changed {
                    self.note_other_desk();
                }
                let old = std::mem::take(&mut self.board.columns);
                self.board.columns = cols
                    .into_iter()
                    .map(|(stage, total, overdue, page, anchor)| {
                        let prev = old
                            .iter()
                            .find(|c| c.stage == stage)
                            .map(|c| c.selected)
                            .unwrap_or(0);
                        let selected = prev.min(page.rows.len().saturating_sub(1));
                        BoardColumn {
                            stage,
                            total,
                            overdue,
                            page,
                            anchor,
                            selected,
                        }
                    })
                    .collect();
                vec![]
            }
            Outcome::Counts(c) => {
                self.status.counts = c;
                vec![]
            }
            Outcome::Ticket(Ok(view), reason) => {
                if reason == Reason::Poll {
                    if let Some(d) = &self.detail
                        && d.rec.version != view.rec.version
                    {
                        self.note_other_desk();
                    }
                    if self.detail.is_none() {
                        return vec![];
                    }
                } else {
                    self.detail_scroll = 0;
                }
                self.detail = Some(*view);
                vec![]
            }
            Outcome::Ticket(Err(msg), _) => {
                self.detail = None;
                self.flash(msg, MsgKind::Error);
                vec![]
            }
            Outcome::Moved { id, change } => match change {
                Ok(change) => {
                    self.form = None;
                    let number = self
                        .detail
                        .as_ref()
                        .map(|d| d.rec.number())
                        .unwrap_or_default();
                    self.flash(
                        t(
                            self.lang,
                            &format!("{number}：{}，现为“{}”", change.kind.zh(), change.to.zh()),
                            &format!("{number}: {}, now “{}”", change.kind.en(), change.to.en()),
                        ),
                        MsgKind::Info,
                    );
                    let mut fx = self.reload_all(Reason::User);
                    if !fx.iter().any(|e| matches!(e, Effect::LoadTicket { .. })) {
                        fx.push(Effect::LoadTicket {
                            id,
                            reason: Reason::User,
                        });
                    }
                    fx
                }
                Err((msg, stale)) => {
                    if stale {
                        // Another desk moved it: close the form, reload, say who and when.
                        self.form = None;
                        self.flash(msg, MsgKind::Error);
                        return vec![
                            Effect::LoadTicket {
                                id,
                                reason: Reason::User,
                            },
                            Effect::LoadCounts,
                        ];
                    }
                    match &mut self.form {
                        Some(of) => of.form.message = Some(msg),
                        None => self.flash(msg, MsgKind::Error),
                    }
                    vec![]
                }
            },
            Outcome::Registered(Ok((id, number))) => {
                let merged = self
                    .form
                    .as_ref()
                    .is_some_and(|f| matches!(f.link, IntakeLink::MergeInto(_)));
                self.form = None;
                self.flash(
                    if merged {
                        t(
                            self.lang,
                            &format!("已登记 {number}，并已合并到所选在办件"),
                            &format!("registered {number} and merged it into the selected ticket"),
                        )
                    } else {
                        t(
                            self.lang,
                            &format!("已登记 {number}"),
                            &format!("registered {number}"),
                        )
                    },
                    MsgKind::Info,
                );
                let mut fx = self.reload_all(Reason::User);
                fx.push(Effect::LoadTicket {
                    id,
                    reason: Reason::User,
                });
                fx
            }
            Outcome::Registered(Err(msg)) => {
                match &mut self.form {
                    Some(of) => of.form.message = Some(msg),
                    None => self.flash(msg, MsgKind::Error),
                }
                vec![]
            }
            Outcome::Earlier(list) => {
                if let Some(of) = &mut self.form {
                    of.earlier_sel = if list.is_empty() { None } else { Some(0) };
                    if let IntakeLink::RepeatOf(id) | IntakeLink::MergeInto(id) = of.link
                        && !list.iter().any(|e| e.id == id)
                    {
                        of.link = IntakeLink::None;
                    }
                    of.earlier = list;
                }
                vec![]
            }
            Outcome::Saved(Ok(())) => {
                if matches!(
                    self.form.as_ref().map(|f| &f.kind),
                    Some(FormKind::ChangePin)
                ) {
                    self.flash(t(self.lang, "密码已修改", "PIN changed"), MsgKind::Info);
                } else {
                    self.flash(t(self.lang, "已保存", "saved"), MsgKind::Info);
                }
                self.form = None;
                vec![Effect::LoadRefs]
            }
            Outcome::Saved(Err(msg)) => {
                match &mut self.form {
                    Some(of) => of.form.message = Some(msg),
                    None => self.flash(msg, MsgKind::Error),
                }
                vec![]
            }
            Outcome::Printed(Ok(path)) => {
                self.flash(
                    t(
                        self.lang,
                        &format!("办理单已写入 {}", path.display()),
                        &format!("form written to {}", path.display()),
                    ),
                    MsgKind::Info,
                );
                vec![]
            }
            Outcome::Printed(Err(msg)) | Outcome::Error(msg) => {
                self.flash(msg, MsgKind::Error);
                vec![]
            }
            Outcome::Roster(o) => self.on_roster(o),
            Outcome::Draw(o) => self.on_draw(o),
            Outcome::Hearing(o) => self.on_hearing(o),
            Outcome::Visits(o) => self.on_visits(o),
            Outcome::Members(o) => self.on_members(o),
            Outcome::Polled { changed } => {
                let day_changed = self
                    .queue
                    .query
                    .as_ref()
                    .is_some_and(|q| q.today != self.today());
                if changed || day_changed {
                    let mut fx = self.reload_all(Reason::Poll);
                    if changed {
                        fx.push(Effect::LoadRefs);
                    }
                    fx
                } else {
                    vec![]
                }
            }
        }
    }

    /// A pane's change came back: on success close the form, say so and reload what the pane
    /// shows (`reload`); on refusal keep the form open with the reason on it.
    fn after_save(&mut self, r: Result<String, String>, reload: Effect) -> Vec<Effect> {
        match r {
            Ok(msg) => {
                self.form = None;
                self.flash(msg, MsgKind::Info);
                vec![Effect::LoadCounts, reload]
            }
            Err(m) => {
                match &mut self.form {
                    Some(of) => of.form.message = Some(m),
                    None => self.flash(m, MsgKind::Error),
                }
                vec![]
            }
        }
    }

    /// A file was written (or could not be): say where.
    fn written(&mut self, r: Result<std::path::PathBuf, String>) {
        self.form = None;
        match r {
            Ok(p) => self.flash(
                format!("{}{}", t(self.lang, "已写入 ", "written to "), p.display()),
                MsgKind::Info,
            ),
            Err(m) => self.flash(m, MsgKind::Error),
        }
    }

    fn note_other_desk(&mut self) {
        let at = self.now.format("%H:%M:%S");
        self.status.notice = Some(t(
            self.lang,
            &format!("其他窗口更新了本页数据（{at}），已刷新"),
            &format!("another desk changed this page ({at}); refreshed"),
        ));
    }

    /// The problem to show for a domain refusal in a form.
    pub fn problem_text(&self, p: &Problem) -> String {
        p.text(self.lang).to_string()
    }
}

fn same_rows(a: &Page, b: &Page) -> bool {
    a.rows.len() == b.rows.len()
        && a.rows
            .iter()
            .zip(&b.rows)
            .all(|(x, y)| x.id == y.id && x.version == y.version)
}
