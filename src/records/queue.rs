//! What the desk reads about queue: the records the store returns and the desk shows.

use crate::domain::limits::LevelBounds;
use crate::domain::search::Query;
use crate::domain::vocab::{Channel, DayKind, Level, Stage, State};
use chrono::NaiveDate;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Scope {
    /// 在办: open tickets (the default).
    #[default]
    Open,
    /// 已结: closed, withdrawn, merged, not accepted.
    Closed,
    All,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    /// Earliest deadline first (open tickets only).
    #[default]
    Due,
    NewestFirst,
    OldestFirst,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filters {
    pub stage: Option<Stage>,
    pub state: Option<State>,
    pub level: Option<Level>,
    pub department: Option<i64>,
    pub channel: Option<Channel>,
    pub place: Option<i64>,
    /// 我的: tickets whose first handler is this staff member.
    pub mine: Option<i64>,
    /// Exactly these tickets: those behind a figure of 考评 (its label says which).
    pub behind: Option<Behind>,
}

/// The tickets behind a figure, as the queue shows them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Behind {
    pub label: String,
    pub ids: std::sync::Arc<[i64]>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueueQuery {
    pub scope: Scope,
    pub sort: Sort,
    pub filters: Filters,
    pub search: Option<Query>,
    pub today: NaiveDate,
    pub severe_before: NaiveDate,
}

impl QueueQuery {
    pub fn new(bounds: &LevelBounds) -> QueueQuery {
        QueueQuery {
            scope: Scope::Open,
            sort: Sort::Due,
            filters: Filters::default(),
            search: None,
            today: bounds.today,
            severe_before: bounds.severe_before,
        }
    }

    /// The sort actually used: deadlines only mean something for open tickets, search results
    /// come newest first, and a level filter lists by deadline.
    pub fn effective_sort(&self) -> Sort {
        let open_only = self.scope == Scope::Open
            || self.filters.level.is_some()
            || self.filters.state.is_some_and(State::is_open);
        match self.sort {
            Sort::Due if !open_only || matches!(self.search, Some(Query::Text { .. })) => {
                Sort::NewestFirst
            }
            // A level is a range of deadlines: its tickets are listed by deadline (in id order
            // a page of 严重超期 would pass every open ticket due later).
            _ if self.filters.level.is_some() && self.search.is_none() => Sort::Due,
            s => s,
        }
    }
}

/// Where a page starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cursor {
    First,
    Last,
    After(Key),
    Before(Key),
}

/// The position of a row in the sort order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Key {
    pub due: String,
    pub id: i64,
}

/// One line of the queue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueueRow {
    pub id: i64,
    pub number: String,
    pub received_at: String,
    pub petitioner_names: String,
    pub place_id: Option<i64>,
    pub category_id: i64,
    pub channel: Channel,
    pub state: State,
    pub round: u8,
    pub due: Option<NaiveDate>,
    pub warn_at: Option<NaiveDate>,
    pub limit_kind: Option<DayKind>,
    pub department_id: Option<i64>,
    pub collective: bool,
    pub summary: String,
    pub version: i64,
    pub(crate) due_key: String,
}

impl QueueRow {
    pub fn key(&self) -> Key {
        Key {
            due: self.due_key.clone(),
            id: self.id,
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Page {
    pub rows: Vec<QueueRow>,
    pub more_before: bool,
    pub more_after: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DeskCounts {
    pub to_draft: i64,
    pub to_issue: i64,
    pub overdue: i64,
    /// Visits without a leader (空岗), flagged until someone staffs them.
    pub unstaffed: i64,
    /// Visit notices due or overdue and not posted in their current version.
    pub notices_due: i64,
}
