//! The board pane (看板): one column per stage of the one-ticket flow, each paged on its own.

use crate::app::effects::Ctx;
use crate::app::queue::same_rows;
use crate::app::{App, DetailEffect, Effect, Outcome, Reason};
use crate::domain::roles::Actor;
use crate::domain::vocab::Stage;
use crate::keymap::BoardCmd;
use crate::records::queue::{Cursor, Page};
use chrono::NaiveDateTime;

#[derive(Debug)]
pub enum BoardEffect {
    Load {
        cursors: Vec<(Stage, Cursor)>,
        page_size: usize,
        reason: Reason,
    },
}

/// Per stage: its total, how many are overdue, the page shown and where it starts.
pub type BoardColumns = Vec<(Stage, i64, i64, Page, Cursor)>;

#[derive(Debug)]
pub enum BoardOutcome {
    Columns(BoardColumns, Reason),
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

impl App {
    pub fn board_rows(&self) -> usize {
        (self.size.1 as usize).saturating_sub(9).max(3)
    }

    pub(crate) fn load_board(&self, reason: Reason) -> Effect {
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
        Effect::Board(BoardEffect::Load {
            cursors,
            page_size: self.board_rows(),
            reason,
        })
    }

    pub(crate) fn board_command(&mut self, cmd: BoardCmd) -> Vec<Effect> {
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
                    return vec![Effect::Detail(DetailEffect::Load {
                        id: r.id,
                        reason: Reason::User,
                    })];
                }
            }
            BoardCmd::NewTicket => return self.open_intake(),
        }
        vec![]
    }

    pub(super) fn on_board(&mut self, o: BoardOutcome) -> Vec<Effect> {
        match o {
            BoardOutcome::Columns(cols, reason) => {
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
        }
    }
}

impl Ctx {
    /// Runs one of this pane's effects.
    pub(crate) fn run_board(
        &mut self,
        actor: &Actor,
        e: BoardEffect,
        now: NaiveDateTime,
    ) -> Outcome {
        match e {
            BoardEffect::Load {
                cursors,
                page_size,
                reason,
            } => {
                let mut cols = vec![];
                for (stage, cursor) in cursors {
                    match self
                        .store
                        .board_column(actor, stage, now.date(), &cursor, page_size)
                    {
                        Ok((total, overdue, page)) => {
                            cols.push((stage, total, overdue, page, cursor))
                        }
                        Err(e) => return Outcome::Error(self.msg(e)),
                    }
                }
                Outcome::Board(BoardOutcome::Columns(cols, reason))
            }
        }
    }
}
