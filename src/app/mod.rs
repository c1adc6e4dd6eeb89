//! Desk state and update (The Elm Architecture): an `Action` comes in, the state changes, and
//! `Effect`s go out to be run by the loop (`effects::Ctx::run`), whose results come back as
//! `Action::Done`. Tests drive `App::dispatch` with key sequences against a real database.

use crate::keymap::{Command, GlobalCmd, HelpCmd};
use crate::text::T;
use std::collections::VecDeque;

use chrono::{NaiveDate, NaiveDateTime};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::domain::calendar::WorkCalendar;
use crate::domain::flow::MoveKind;
use crate::domain::roles::{Act, can};
use crate::domain::{Lang, Problem};
use crate::keymap::{Key, Keymap, Resolved};
use crate::records::org::Refs;
use crate::records::queue::DeskCounts;
use crate::records::staff::Session;
use crate::records::tickets::{EarlierPetition, IntakeLink};

pub mod admin;
pub mod board;
pub mod choices;
pub mod delib;
pub mod detail;
pub mod draw;
pub mod effects;
pub mod field_id;
pub mod form;
mod form_keys;
pub mod hearing;
pub mod intake;
pub mod members;
mod panes;
mod popups;
pub mod queue;
pub mod review;
pub mod roster;
pub mod session;
pub mod visits;
pub mod worker;

pub use admin::{AdminEffect, AdminOutcome, AdminState, AdminTab};
pub use board::{BoardColumn, BoardEffect, BoardOutcome, BoardState};
use delib::DelibView;
pub use detail::{DetailEffect, DetailOutcome, TicketView};
use draw::{DrawEffect, DrawForm, DrawOutcome};
use form::{Form, Opt};
use hearing::{HearingEffect, HearingForm, HearingOutcome};
pub use intake::{IntakeEffect, IntakeOutcome};
use members::{MembersEffect, MembersForm, MembersOutcome, MembersPick, MembersState};
pub use panes::Pane;
pub use queue::{FilterDim, QueueEffect, QueueOutcome, QueueState};
pub use review::{ReviewEffect, ReviewOutcome, ReviewState};
use roster::{RosterEffect, RosterForm, RosterOutcome, RosterState};
pub use session::{SessionEffect, SessionOutcome};
use visits::{VisitsEffect, VisitsForm, VisitsOutcome, VisitsPick, VisitsState};

/// The queue shows "10000+" beyond this many matches …
pub const COUNT_CAP: usize = 10_000;
/// … and a search "1000+": beyond that a clerk refines the search rather than reads on.
pub const SEARCH_COUNT_CAP: usize = 1_000;
/// A leader's ledger on screen lists this many of the newest petitions (its counts cover all;
/// the export lists every one).
pub const LEDGER_ROWS: usize = 300;
/// How often the desk asks whether another desk changed the database.
pub const POLL_MS: i64 = 500;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Setup,
    SignIn,
    Desk,
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

/// What `update` asks the loop to run: the desk-wide requests, and each pane's own.
#[derive(Debug)]
pub enum Effect {
    LoadRefs,
    LoadCounts,
    Poll,
    Quit,
    Session(SessionEffect),
    Queue(QueueEffect),
    Board(BoardEffect),
    Detail(DetailEffect),
    Intake(IntakeEffect),
    Admin(AdminEffect),
    Roster(RosterEffect),
    Draw(DrawEffect),
    Hearing(HearingEffect),
    Visits(VisitsEffect),
    Members(MembersEffect),
    Review(ReviewEffect),
}

/// What came back from an effect: the desk-wide results, and each pane's own.
#[derive(Debug)]
pub enum Outcome {
    Refs(Box<Refs>, Box<WorkCalendar>),
    Counts(DeskCounts),
    Polled { changed: bool },
    Error(String),
    Session(SessionOutcome),
    Queue(QueueOutcome),
    Board(BoardOutcome),
    Detail(DetailOutcome),
    Intake(IntakeOutcome),
    Admin(AdminOutcome),
    Roster(RosterOutcome),
    Draw(DrawOutcome),
    Hearing(HearingOutcome),
    Visits(VisitsOutcome),
    Members(MembersOutcome),
    Review(ReviewOutcome),
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
    /// A save refused because another desk changed the ticket: how many timeline events the
    /// clerk's view had, so the reload can say what the other desk did.
    pub stale_events: Option<usize>,
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
            stale_events: None,
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
    /// The options the filter matches, the earliest match first (`Opt::rank`; ties in their
    /// own order).
    pub fn visible(&self) -> Vec<&Opt> {
        let mut v: Vec<(usize, &Opt)> = self
            .options
            .iter()
            .filter_map(|o| o.rank(&self.filter).map(|r| (r, o)))
            .collect();
        v.sort_by_key(|(r, _)| *r);
        v.into_iter().map(|(_, o)| o).collect()
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum ConfirmAction {
    DiscardForm,
    /// A move without fields (提交下单, 签收): confirm, then make it.
    Move {
        kind: MoveKind,
        id: i64,
        version: i64,
    },
    /// A move whose form asked a second look (a deadline beyond the catalogue's, or in a year
    /// without holiday data): confirm, then save it as typed; No goes back to the form.
    SaveMove {
        id: i64,
        version: i64,
        mv: Box<crate::domain::flow::Move>,
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
    /// The database file can be read by other users of this computer (its mode lets them).
    pub db_readable_by_others: bool,
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
    /// How many lines the detail's timeline is scrolled back from its latest event.
    pub timeline_back: u16,
    /// The furthest each detail pane can scroll, as last drawn (so a key never scrolls past
    /// the end and the way back is one key per page).
    pub detail_scroll_max: std::cell::Cell<u16>,
    pub timeline_back_max: std::cell::Cell<u16>,
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
    pub review: ReviewState,
    pub quit: bool,
    /// The last key or paste; the desk signs out once it is `idle_limit` old.
    pub last_input: NaiveDateTime,
    /// The channel this desk last registered a petition by: the next intake starts with it
    /// (a desk at the reception window takes 来访 all day, the phone desk 来电).
    pub last_channel: Option<crate::app::form::Val>,
    /// How long a signed-in desk may stand untouched (`--idle-minutes`; `None`: never).
    pub idle_limit: Option<chrono::Duration>,
    /// A job the desk waits for before any key counts (loading the demo: the sign-in form
    /// comes after it, and keys typed meanwhile would land there); shown with its progress.
    pub waiting_for: Option<T>,
    /// The store's progress counter (shared with the worker's store), for `waiting_for`.
    pub progress: crate::progress::Progress,
    /// When a save last closed a form: the characters typed in the moment after are the
    /// clerk's typing running on, not commands for the list (see `TYPED_AFTER_SAVE_MS`).
    pub saved_at: Option<NaiveDateTime>,
}

/// How long after a save closes a form a plain character is taken for typing that ran on
/// (and dropped, with a word) rather than a command for the list or the ticket.
pub const TYPED_AFTER_SAVE_MS: i64 = 600;

/// How long a signed-in desk may stand untouched before it signs out, unless told otherwise.
pub const DEFAULT_IDLE_MINUTES: i64 = 15;

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
            timeline_back: 0,
            detail_scroll_max: std::cell::Cell::new(u16::MAX),
            timeline_back_max: std::cell::Cell::new(u16::MAX),
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
            review: ReviewState::default(),
            delib: None,
            quick_draw: None,
            quit: false,
            last_input: now,
            last_channel: None,
            idle_limit: Some(chrono::Duration::minutes(DEFAULT_IDLE_MINUTES)),
            waiting_for: None,
            progress: Default::default(),
            saved_at: None,
        };
        app.update_missing_years();
        app.form = Some(if empty {
            session::setup(lang)
        } else {
            session::sign_in(lang)
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
    /// What is on screen, reloaded (after a change here or on another desk).
    fn reload_all(&self, reason: Reason) -> Vec<Effect> {
        let mut fx = vec![Effect::LoadCounts, self.reload_pane(reason)];
        if let Some(DelibView::Hearing(v)) = &self.delib {
            fx.push(Effect::Hearing(HearingEffect::ReloadHearing(v.hearing.id)));
        }
        if let Some(d) = &self.detail {
            fx.push(Effect::Detail(DetailEffect::Load {
                id: d.rec.id,
                reason,
            }));
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
                self.last_input = self.now;
                self.on_key(k)
            }
            Action::Paste(text) => {
                self.last_input = self.now;
                if self.waiting_for.is_some() {
                    return vec![];
                }
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
                if self.session.is_some()
                    && self
                        .idle_limit
                        .is_some_and(|limit| self.now - self.last_input >= limit)
                {
                    self.sign_out();
                    let minutes = self.idle_limit.map_or(0, |l| l.num_minutes());
                    if let Some(f) = &mut self.form {
                        f.form.message = Some(T::SignedOutAfterIdle.fill(self.lang, &[&minutes]));
                    }
                    return vec![];
                }
                if self.screen == Screen::Desk
                    && (self.now - self.last_poll).num_milliseconds() >= POLL_MS
                {
                    self.last_poll = self.now;
                    return vec![Effect::Poll];
                }
                vec![]
            }
            Action::Done(o) => {
                // A form that a result closes was saved (Esc closes forms on a key, not here).
                // Signing in is not typing that runs on: the commands right after it are meant.
                let had_form = self.form.as_ref().is_some_and(|f| {
                    !matches!(
                        f.kind,
                        FormKind::SignIn | FormKind::Setup | FormKind::ChangePin | FormKind::Search
                    )
                });
                let fx = self.on_outcome(*o);
                if had_form && self.form.is_none() {
                    self.saved_at = Some(self.now);
                }
                fx
            }
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
            (None, None) => self.pane.section(),
        }
    }

    fn on_key(&mut self, k: KeyEvent) -> Vec<Effect> {
        if k.code == KeyCode::Char('c') && k.modifiers.contains(KeyModifiers::CONTROL) {
            return vec![Effect::Quit];
        }
        if self.waiting_for.is_some() {
            return vec![];
        }
        if self.typed_on_after_save(&k) {
            return vec![];
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

    /// A plain character just after a save closed its form, with no form or popup open now:
    /// the clerk's typing that ran on past Ctrl-S. It is dropped (with a word in the status
    /// bar) instead of running a list command such as `n` or `a`. The clock is the desk's own
    /// (`now`, read once per turn of the loop): a desk whose clock does not move (tests at a
    /// fixed time) never drops anything.
    fn typed_on_after_save(&mut self, k: &KeyEvent) -> bool {
        let Some(at) = self.saved_at else {
            return false;
        };
        let since = (self.now - at).num_milliseconds();
        if since <= 0 || since >= TYPED_AFTER_SAVE_MS {
            if since != 0 {
                self.saved_at = None;
            }
            return false;
        }
        let plain = matches!(k.code, KeyCode::Char(_))
            && !k
                .modifiers
                .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        if !plain || self.form.is_some() || self.popup.is_some() {
            return false;
        }
        self.flash(T::TypedAfterSaveNotRun.text(self.lang), MsgKind::Info);
        true
    }

    /// Routes a command to the handler of its section; each handler matches its own commands
    /// exhaustively.
    fn run_command(&mut self, cmd: Command, k: KeyEvent) -> Vec<Effect> {
        match cmd {
            Command::GlobalCmd(c) => self.global_command(c),
            Command::QueueCmd(c) => self.queue_command(c),
            Command::BoardCmd(c) => self.board_command(c),
            Command::ReviewCmd(c) => self.review_command(c),
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
            GlobalCmd::PaneReview => self.switch_pane(Pane::Review),
            GlobalCmd::PaneRoster => self.switch_pane(Pane::Roster),
            GlobalCmd::PaneVisits => self.switch_pane(Pane::Visits),
            GlobalCmd::PaneMembers => self.switch_pane(Pane::Members),
            GlobalCmd::NextPane => self.switch_pane(self.next_pane()),
            GlobalCmd::Refresh => {
                self.status.notice = None;
                let mut fx = self.reload_all(Reason::User);
                fx.push(Effect::LoadRefs);
                fx
            }
            GlobalCmd::ChangePin => {
                self.form = Some(session::change_pin(self.lang));
                vec![]
            }
            GlobalCmd::SignOut => {
                self.sign_out();
                vec![]
            }
        }
    }

    /// Back to the sign-in screen: nothing of the session's data stays on screen or in memory.
    fn sign_out(&mut self) {
        self.session = None;
        self.screen = Screen::SignIn;
        self.detail = None;
        self.delib = None;
        self.quick_draw = None;
        self.popup = None;
        self.queue = QueueState::default();
        self.board = BoardState::default();
        self.visits = VisitsState::default();
        self.members = MembersState::default();
        self.review = ReviewState::default();
        self.roster = RosterState::default();
        self.admin = AdminState::default();
        self.status = StatusState {
            missing_years: self.status.missing_years.clone(),
            db_readable_by_others: self.status.db_readable_by_others,
            ..StatusState::default()
        };
        self.form = Some(session::sign_in(self.lang));
    }

    pub fn is_admin(&self) -> bool {
        self.session
            .as_ref()
            .is_some_and(|s| can(&s.actor, Act::ManageReferenceData))
    }

    /// Whether this user sees the roster, the visits and the members' work (not a department).
    pub fn sees_center_work(&self) -> bool {
        self.session
            .as_ref()
            .is_some_and(|s| can(&s.actor, Act::SeeCenterWork))
    }

    /// Whether this user sees 考评 (the director, administrators, a department its own line).
    pub fn sees_review(&self) -> bool {
        self.session
            .as_ref()
            .is_some_and(|s| can(&s.actor, Act::SeeReview))
    }

    fn switch_pane(&mut self, pane: Pane) -> Vec<Effect> {
        if pane.center_work() && !self.sees_center_work() {
            self.flash(
                T::DepartmentUsersSeeTheirTickets.text(self.lang),
                MsgKind::Error,
            );
            return vec![];
        }
        if pane == Pane::Review && !self.sees_review() {
            self.flash(T::ReviewIsForDirectors.text(self.lang), MsgKind::Error);
            return vec![];
        }
        if pane.admin_only() && !self.is_admin() {
            self.flash(
                T::TheAdminPaneIsForAdministrators.text(self.lang),
                MsgKind::Error,
            );
            return vec![];
        }
        self.detail = None;
        self.delib = None;
        self.open_pane(pane)
    }

    // ---- results ----------------------------------------------------------------------------

    fn on_outcome(&mut self, o: Outcome) -> Vec<Effect> {
        match o {
            Outcome::Refs(refs, cal) => {
                self.refs = *refs;
                self.cal = *cal;
                self.update_missing_years();
                let len = admin::admin_len(&self.refs, self.admin.tab);
                if self.admin.selected >= len {
                    self.admin.selected = len.saturating_sub(1);
                }
                vec![]
            }
            Outcome::Counts(c) => {
                self.status.counts = c;
                vec![]
            }
            Outcome::Error(msg) => {
                self.flash(msg, MsgKind::Error);
                vec![]
            }
            Outcome::Session(o) => self.on_session(o),
            Outcome::Queue(o) => self.on_queue(o),
            Outcome::Board(o) => self.on_board(o),
            Outcome::Review(o) => self.on_review(o),
            Outcome::Detail(o) => self.on_detail(o),
            Outcome::Intake(o) => self.on_intake(o),
            Outcome::Admin(o) => self.on_admin(o),
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
            // A printout (its PDF, or its text when no CJK font is here) says which.
            Ok(p) if p.extension().is_some_and(|e| e == "pdf" || e == "txt") => {
                self.flash(crate::paper::printed_said(&p, self.lang), MsgKind::Info)
            }
            Ok(p) => self.flash(
                format!("{}{}", T::WrittenTo.text(self.lang), p.display()),
                MsgKind::Info,
            ),
            Err(m) => self.flash(m, MsgKind::Error),
        }
    }

    fn note_other_desk(&mut self) {
        let at = self.now.format("%H:%M:%S");
        self.status.notice = Some(T::AnotherDeskChangedThisPageRefreshed.fill(self.lang, &[&at]));
    }

    /// The problem to show for a domain refusal in a form.
    pub fn problem_text(&self, p: &Problem) -> String {
        p.text(self.lang).to_string()
    }
}
