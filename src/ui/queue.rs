//! 来件队列: the page of tickets on screen, with filters, deadline and level.

use crate::text::T;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table};

use super::{fit, safe, theme};
use crate::app::App;
use crate::domain::limits::{level, time_left};
use crate::domain::text::mask_name;
use crate::domain::vocab::{DayKind, Level};
use crate::records::queue::{QueueRow, Scope, Sort};

/// Level and time-left text of an open row, if it has a running clock.
pub fn row_level(app: &App, r: &QueueRow) -> Option<(Level, String)> {
    if !r.state.is_open() {
        return None;
    }
    let due = r.due?;
    let lv = level(app.today(), due, r.warn_at.unwrap_or(due), &app.cal);
    let left = time_left(
        app.today(),
        due,
        r.limit_kind.unwrap_or(DayKind::Working),
        &app.cal,
    )
    .text(app.lang);
    Some((lv, left))
}

pub fn filter_line(app: &App) -> Line<'static> {
    let l = app.lang;
    let Some(q) = &app.queue.query else {
        return Line::raw("");
    };
    let mut spans: Vec<Span> = vec![];
    let mut item = |k: &str, v: String, active: bool| {
        spans.push(Span::styled(format!("{k}:"), theme::dim()));
        spans.push(Span::styled(
            format!("{v}  "),
            if active {
                theme::notice()
            } else {
                Style::default()
            },
        ));
    };
    let scope = match q.scope {
        Scope::Open => T::Open.get(l),
        Scope::Closed => T::Closed.get(l),
        Scope::All => T::AllLower.get(l),
    };
    item(T::Scope.get(l), scope.into(), q.scope != Scope::Open);
    let sort = match q.effective_sort() {
        Sort::Due => T::ByDeadline.get(l),
        Sort::NewestFirst => T::Newest.get(l),
        Sort::OldestFirst => T::Oldest.get(l),
    };
    item(T::Sort.get(l), sort.into(), false);
    let f = &q.filters;
    if let Some(s) = f.stage {
        item(T::Stage.get(l), s.label(l).into(), true);
    }
    if let Some(s) = f.state {
        item(T::State.get(l), s.label(l).into(), true);
    }
    if let Some(s) = f.level {
        item(T::LevelShort.get(l), s.label(l).into(), true);
    }
    if let Some(d) = f.department {
        item(
            T::Dept.get(l),
            app.refs.department_name(Some(d)).to_string(),
            true,
        );
    }
    if let Some(c) = f.channel {
        item(T::ChannelShort.get(l), c.label(l).into(), true);
    }
    if let Some(p) = f.place {
        item(
            T::CommunityShort.get(l),
            app.refs.place_name(Some(p)).to_string(),
            true,
        );
    }
    if f.mine.is_some() {
        item(T::Mine.get(l), T::YesLower.get(l).into(), true);
    }
    if let Some(b) = &f.behind {
        item(
            T::ReviewBehind.get(l),
            format!("{} ({})", safe(&b.label), b.ids.len()),
            true,
        );
    }
    if !app.queue.search_text.is_empty() {
        item(
            T::Search.get(l),
            format!("“{}”", safe(&app.queue.search_text)),
            true,
        );
    }
    let cap = if q.search.is_some() {
        crate::app::SEARCH_COUNT_CAP
    } else {
        crate::app::COUNT_CAP
    };
    let count = match app.queue.count {
        Some(n) if n > cap => format!("{cap}+"),
        Some(n) => n.to_string(),
        None => "…".to_string(),
    };
    spans.push(Span::styled(
        format!("{} {count} {}", T::Total.get(l), T::TicketsSuffix.get(l)),
        theme::header(),
    ));
    if app.queue.page_no > 0 {
        spans.push(Span::styled(
            format!(
                "  {} {} {}",
                T::Page.get(l),
                app.queue.page_no,
                T::PageSuffix.get(l)
            ),
            theme::dim(),
        ));
    }
    Line::from(spans)
}

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let l = app.lang;
    let [filters, table] =
        Layout::vertical([Constraint::Length(1), Constraint::Min(3)]).areas(area);
    frame.render_widget(Paragraph::new(filter_line(app)), filters);
    let header = [
        T::Due.get(l),
        T::Number.get(l),
        T::Received.get(l),
        T::Petitioner.get(l),
        T::Community.get(l),
        T::Category.get(l),
        T::StageState.get(l),
        T::Rd.get(l),
        T::TimeLeft.get(l),
        T::HandlingDepartment.get(l),
        T::SummaryShort.get(l),
    ];
    // A deadline in another year shows its year (`short_day`): the column widens for the page.
    let today = app.now.date();
    let other_year = app.queue.page.rows.iter().any(|r| {
        r.due
            .filter(|_| r.state.is_open())
            .is_some_and(|d| chrono::Datelike::year(&d) != chrono::Datelike::year(&today))
    });
    // (width, priority): the number, the state and the time left (the level's colour) stay
    // whole on any screen; the received time goes first, then category, community, department,
    // round, summary, petitioner and the deadline's date.
    let cols: [(u16, u8); 11] = [
        (if other_year { 10 } else { 6 }, 2),
        (12, 0),
        (12, 9),
        (8, 3),
        (10, 7),
        (9, 8),
        (18, 0),
        (3, 5),
        (13, 0),
        (18, 6),
        (10, 4),
    ];
    let keep = super::columns_that_fit(&cols, table.width.saturating_sub(2));
    let last = keep.iter().rposition(|k| *k).unwrap_or(0);
    let widths: Vec<Constraint> = cols
        .iter()
        .enumerate()
        .filter(|(i, _)| keep[*i])
        .map(|(i, (w, _))| {
            if i == last {
                Constraint::Min(*w)
            } else {
                Constraint::Length(*w)
            }
        })
        .collect();
    let pick = |cells: Vec<Cell<'static>>| -> Vec<Cell<'static>> {
        cells
            .into_iter()
            .zip(&keep)
            .filter(|(_, k)| **k)
            .map(|(c, _)| c)
            .collect()
    };
    let rows: Vec<Row> = app
        .queue
        .page
        .rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let lv = row_level(app, r);
            let due = r
                .due
                .filter(|_| r.state.is_open())
                .map(|d| crate::words::short_day(d, today))
                .unwrap_or_else(|| "—".into());
            let received = crate::words::short_time(&r.received_at, today);
            let first = r.petitioner_names.split('、').next().unwrap_or("");
            let mut who = mask_name(&safe(first));
            if r.collective {
                who.push_str(T::AndMore.get(l));
            }
            let stage = format!("{}·{}", r.state.stage().label(l), r.state.label(l));
            let left = lv.as_ref().map(|(_, t)| t.clone()).unwrap_or_default();
            let left_style = lv
                .as_ref()
                .map(|(lv, _)| theme::level(*lv))
                .unwrap_or_default();
            let cells = vec![
                Cell::from(due).style(left_style),
                Cell::from(r.number.clone()),
                Cell::from(received),
                Cell::from(fit(&who, 8)),
                Cell::from(fit(app.refs.place_name(r.place_id), 10)),
                Cell::from(fit(app.refs.category_name(r.category_id), 9)),
                Cell::from(fit(&stage, 18)),
                Cell::from(r.round.to_string()),
                Cell::from(left).style(left_style),
                Cell::from(fit(app.refs.department_name(r.department_id), 18)),
                Cell::from(safe(&r.summary).into_owned()),
            ];
            let row = Row::new(pick(cells));
            if i == app.queue.selected {
                row.style(theme::selected())
            } else {
                row
            }
        })
        .collect();
    let more = match (app.queue.page.more_before, app.queue.page.more_after) {
        (true, true) => T::PgupPgdn.get(l),
        (false, true) => T::Pgdn.get(l),
        (true, false) => T::Pgup.get(l),
        (false, false) => "",
    };
    let empty = app.queue.page.rows.is_empty();
    let title = format!(" {} ", T::Queue.get(l));
    let block = Block::default()
        .borders(Borders::ALL)
        .title(title)
        .title_bottom(Line::from(more).right_aligned());
    if empty {
        let msg = if app.queue.search_text.is_empty() {
            T::NoTicketsMatchXClearsFilters.get(l)
        } else {
            T::NothingFoundXClearsTheSearch.get(l)
        };
        frame.render_widget(Paragraph::new(msg).block(block).style(theme::dim()), table);
        return;
    }
    let t = Table::new(rows, widths)
        .header(
            Row::new(pick(header.iter().map(|h| Cell::from(*h)).collect())).style(theme::header()),
        )
        .block(block)
        .column_spacing(1);
    frame.render_widget(t, table);
}
