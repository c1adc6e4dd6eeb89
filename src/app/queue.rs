//! The queue pane (诉求队列): the signed-in desk's tickets, paged from the database by keyset,
//! with search, filters, scope and sort.

use crate::app::choices::vocab_opts;
use crate::app::effects::Ctx;
use crate::app::form::{Field, FieldId as F, Form, Opt, Val};
use crate::app::{
    App, DetailEffect, Effect, FormKind, OpenForm, Outcome, PickTarget, Picker, Popup, Reason,
    Select,
};
use crate::domain::Lang;
use crate::domain::limits::level_bounds;
use crate::domain::roles::Actor;
use crate::domain::search::parse_query;
use crate::domain::vocab::{Channel, Level, Stage, State};
use crate::keymap::QueueCmd;
use crate::records::org::Refs;
use crate::records::queue::{Cursor, Page, QueueQuery, Scope, Sort};
use crate::text::T;
use chrono::NaiveDateTime;

#[derive(Debug)]
pub enum QueueEffect {
    /// One page: shown as soon as its rows are read.
    Load {
        query: QueueQuery,
        cursor: Cursor,
        select: Select,
        page_size: usize,
        reason: Reason,
        /// Count the query again after the page (false when only paging through it).
        recount: bool,
    },
    /// How many match, capped: it follows the page and never holds it up (in the terminal it
    /// runs on its own connection and thread, see `worker.rs`).
    Count { query: QueueQuery },
}

#[derive(Debug)]
pub enum QueueOutcome {
    Page {
        page: Page,
        query: QueueQuery,
        cursor: Cursor,
        select: Select,
        reason: Reason,
        recount: bool,
    },
    Count {
        query: QueueQuery,
        count: usize,
    },
}

#[derive(Debug, Clone, Default)]
pub struct QueueState {
    pub query: Option<QueueQuery>,
    pub page: Page,
    pub selected: usize,
    /// How many match the query `counted` (None: being counted).
    pub count: Option<usize>,
    pub counted: Option<QueueQuery>,
    pub anchor: Option<Cursor>,
    pub page_no: usize,
    pub search_text: String,
    pub search_error: Option<String>,
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
            FilterDim::Stage => T::Stage.get(lang),
            FilterDim::State => T::State.get(lang),
            FilterDim::Level => T::LimitLevel.get(lang),
            FilterDim::Department => T::HandlingDepartment.get(lang),
            FilterDim::Channel => T::Channel.get(lang),
            FilterDim::Place => T::Community.get(lang),
        }
    }
}

impl App {
    pub fn queue_rows(&self) -> usize {
        (self.size.1 as usize).saturating_sub(7).max(3)
    }

    /// The query on screen, with today's deadline bounds.
    pub fn fresh_query(&self) -> QueueQuery {
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

    /// A page of the queue, then its count again (the query or the data may have changed).
    pub(crate) fn load_queue(&self, cursor: Cursor, select: Select, reason: Reason) -> Effect {
        Effect::Queue(QueueEffect::Load {
            query: self.fresh_query(),
            cursor,
            select,
            page_size: self.queue_rows(),
            reason,
            recount: true,
        })
    }

    /// Another page of the same query: its count stands.
    pub(crate) fn page_queue(&self, cursor: Cursor, select: Select) -> Effect {
        Effect::Queue(QueueEffect::Load {
            query: self.fresh_query(),
            cursor,
            select,
            page_size: self.queue_rows(),
            reason: Reason::User,
            recount: false,
        })
    }

    pub(crate) fn reload_queue(&self, reason: Reason) -> Effect {
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

    pub(crate) fn selected_row_id(&self) -> Option<i64> {
        self.queue.page.rows.get(self.queue.selected).map(|r| r.id)
    }

    pub(crate) fn queue_command(&mut self, cmd: QueueCmd) -> Vec<Effect> {
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
                vec![self.page_queue(Cursor::First, Select::First)]
            }
            QueueCmd::Last => {
                self.queue.page_no = 0;
                vec![self.page_queue(Cursor::Last, Select::Last)]
            }
            QueueCmd::Open => match self.selected_row_id() {
                Some(id) => vec![Effect::Detail(DetailEffect::Load {
                    id,
                    reason: Reason::User,
                })],
                None => vec![],
            },
            QueueCmd::Search => {
                let mut f = search(self.lang, &self.queue.search_text);
                f.form.message = self.queue.search_error.clone();
                self.form = Some(f);
                vec![]
            }
            QueueCmd::Filter => {
                let options = vocab_opts(&FilterDim::ALL, |d| d.label(self.lang));
                self.popup = Some(Popup::Picker(Picker {
                    title: T::FilterBy.text(self.lang),
                    options,
                    filter: String::new(),
                    selected: 0,
                    target: PickTarget::FilterDim,
                }));
                vec![]
            }
            QueueCmd::Sort => {
                let mut q = self.fresh_query();
                if q.filters.level.is_some() && q.search.is_none() {
                    self.flash(
                        T::LevelListsByDeadline.text(self.lang),
                        crate::app::MsgKind::Info,
                    );
                    return vec![];
                }
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

    pub(crate) fn set_query(&mut self, q: QueueQuery) -> Vec<Effect> {
        self.queue.query = Some(q);
        self.queue.page_no = 1;
        vec![self.load_queue(Cursor::First, Select::First, Reason::User)]
    }

    pub(crate) fn queue_next_page(&mut self, select: Select) -> Vec<Effect> {
        match self.queue.page.rows.last() {
            Some(last) => {
                self.queue.page_no += 1;
                vec![self.page_queue(Cursor::After(last.key()), select)]
            }
            None => vec![],
        }
    }

    pub(crate) fn queue_prev_page(&mut self, select: Select) -> Vec<Effect> {
        match self.queue.page.rows.first() {
            Some(first) => {
                self.queue.page_no = self.queue.page_no.saturating_sub(1);
                vec![self.page_queue(Cursor::Before(first.key()), select)]
            }
            None => vec![],
        }
    }

    /// A filter dimension was chosen: offer its values.
    pub(super) fn pick_filter_dim(&mut self, nth: Option<usize>) -> Vec<Effect> {
        let Some(dim) = nth.and_then(|n| FilterDim::ALL.get(n)).copied() else {
            return vec![];
        };
        let options = filter_options(self.lang, &self.refs, dim);
        self.popup = Some(Popup::Picker(Picker {
            title: dim.label(self.lang).to_string(),
            options,
            filter: String::new(),
            selected: 0,
            target: PickTarget::FilterValue(dim),
        }));
        vec![]
    }

    /// A filter's value was chosen ("(all)" clears it).
    pub(super) fn pick_filter_value(
        &mut self,
        dim: FilterDim,
        value: Val,
        nth: Option<usize>,
    ) -> Vec<Effect> {
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
            FilterDim::Channel => f.channel = nth.and_then(|n| Channel::ALL.get(n)).copied(),
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

    /// The search form: an empty search clears it; a malformed one says why on the form.
    pub(super) fn submit_search(&mut self) -> Vec<Effect> {
        let lang = self.lang;
        let mut q = self.fresh_query();
        let Some(of) = &mut self.form else {
            return vec![];
        };
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
                self.set_query(q)
            }
            Err(p) => {
                of.form.message = Some(p.text(lang).to_string());
                vec![]
            }
        }
    }

    pub(super) fn on_queue(&mut self, o: QueueOutcome) -> Vec<Effect> {
        match o {
            QueueOutcome::Count { query, count } => {
                // A count of a query no longer on screen is dropped.
                if query == self.fresh_query() {
                    self.queue.count = Some(count);
                    self.queue.counted = Some(query);
                }
                vec![]
            }
            QueueOutcome::Page {
                page,
                query,
                cursor,
                select,
                reason,
                recount,
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
                    return vec![self.page_queue(Cursor::First, Select::First)];
                }
                if !page.more_before {
                    self.queue.page_no = 1;
                }
                self.queue.page = page;
                self.queue.anchor = Some(cursor);
                let changed = self.queue.counted.as_ref() != Some(&query);
                if changed {
                    self.queue.count = None;
                }
                if changed || recount {
                    vec![Effect::Queue(QueueEffect::Count { query })]
                } else {
                    vec![]
                }
            }
        }
    }
}

pub fn search(lang: Lang, current: &str) -> OpenForm {
    let f = Form::new(
        T::Search.text(lang),
        vec![Field::text(F::Q, &T::Find.text(lang), current).hint(T::SearchHint.text(lang))],
    );
    OpenForm::new(FormKind::Search, f)
}

pub fn filter_options(lang: Lang, refs: &Refs, dim: FilterDim) -> Vec<Opt> {
    let mut v = vec![Opt::new(T::All.text(lang), Val::None)];
    match dim {
        FilterDim::Stage => v.extend(vocab_opts(Stage::ALL, |s| s.label(lang))),
        FilterDim::State => v.extend(vocab_opts(State::ALL, |s| s.label(lang))),
        FilterDim::Level => v.extend(vocab_opts(Level::ALL, |s| s.label(lang))),
        FilterDim::Channel => v.extend(vocab_opts(Channel::ALL, |s| s.label(lang))),
        FilterDim::Department => v.extend(
            refs.departments
                .iter()
                .map(|d| Opt::new(&d.name, Val::Id(d.id))),
        ),
        FilterDim::Place => v.extend(refs.places.iter().map(|p| Opt::new(&p.name, Val::Id(p.id)))),
    }
    v
}

// ---- administration -------------------------------------------------------------------------------

pub(super) fn same_rows(a: &Page, b: &Page) -> bool {
    a.rows.len() == b.rows.len()
        && a.rows
            .iter()
            .zip(&b.rows)
            .all(|(x, y)| x.id == y.id && x.version == y.version)
}

impl Ctx {
    /// Runs one of this pane's effects.
    pub(crate) fn run_queue(
        &mut self,
        actor: &Actor,
        e: QueueEffect,
        _now: NaiveDateTime,
    ) -> Outcome {
        match e {
            QueueEffect::Load {
                query,
                cursor,
                select,
                page_size,
                reason,
                recount,
            } => match self.store.queue_page(actor, &query, &cursor, page_size) {
                Ok(page) => Outcome::Queue(QueueOutcome::Page {
                    page,
                    query,
                    cursor,
                    select,
                    reason,
                    recount,
                }),
                Err(e) => Outcome::Error(self.msg(e)),
            },
            QueueEffect::Count { query } => count_outcome(&self.store, actor, query, self.lang),
        }
    }
}

/// A query's count, capped ("10000+"; a search "1000+"), as the outcome the desk takes.
pub(crate) fn count_outcome(
    store: &crate::store::Store,
    actor: &Actor,
    query: QueueQuery,
    lang: Lang,
) -> Outcome {
    let cap = if query.search.is_some() {
        super::SEARCH_COUNT_CAP
    } else {
        super::COUNT_CAP
    };
    match store.queue_count(actor, &query, cap) {
        Ok(count) => Outcome::Queue(QueueOutcome::Count { query, count }),
        Err(e) => Outcome::Error(e.message(lang)),
    }
}
