//! 来件队列: the page of tickets on screen, with filters, deadline and level.

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
        Scope::Open => l.pick("在办", "open"),
        Scope::Closed => l.pick("已结", "closed"),
        Scope::All => l.pick("全部", "all"),
    };
    item(
        l.pick("范围", "Scope"),
        scope.into(),
        q.scope != Scope::Open,
    );
    let sort = match q.effective_sort() {
        Sort::Due => l.pick("到期先后", "deadline"),
        Sort::NewestFirst => l.pick("新登记在前", "newest"),
        Sort::OldestFirst => l.pick("早登记在前", "oldest"),
    };
    item(l.pick("排序", "Sort"), sort.into(), false);
    let f = &q.filters;
    if let Some(s) = f.stage {
        item(l.pick("阶段", "Stage"), s.label(l).into(), true);
    }
    if let Some(s) = f.state {
        item(l.pick("状态", "State"), s.label(l).into(), true);
    }
    if let Some(s) = f.level {
        item(l.pick("等级", "Level"), s.label(l).into(), true);
    }
    if let Some(d) = f.department {
        item(
            l.pick("单位", "Dept"),
            app.refs.department_name(Some(d)).to_string(),
            true,
        );
    }
    if let Some(c) = f.channel {
        item(l.pick("渠道", "Channel"), c.label(l).into(), true);
    }
    if let Some(p) = f.place {
        item(
            l.pick("社区", "Community"),
            app.refs.place_name(Some(p)).to_string(),
            true,
        );
    }
    if f.mine.is_some() {
        item(l.pick("我的", "Mine"), l.pick("是", "yes").into(), true);
    }
    if !app.queue.search_text.is_empty() {
        item(
            l.pick("搜索", "Search"),
            format!("“{}”", safe(&app.queue.search_text)),
            true,
        );
    }
    let cap = if q.search.is_some() {
        crate::app::SEARCH_COUNT_CAP
    } else {
        crate::app::COUNT_CAP
    };
    let count = if app.queue.count > cap {
        format!("{cap}+")
    } else {
        app.queue.count.to_string()
    };
    spans.push(Span::styled(
        format!("{} {count} {}", l.pick("共", "total"), l.pick("件", "")),
        theme::header(),
    ));
    if app.queue.page_no > 0 {
        spans.push(Span::styled(
            format!(
                "  {} {} {}",
                l.pick("第", "page"),
                app.queue.page_no,
                l.pick("页", "")
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
        l.pick("到期", "Due"),
        l.pick("编号", "Number"),
        l.pick("登记", "Received"),
        l.pick("诉求人", "Petitioner"),
        l.pick("社区/村", "Community"),
        l.pick("类别", "Category"),
        l.pick("阶段·状态", "Stage · state"),
        l.pick("轮", "Rd"),
        l.pick("剩余", "Time left"),
        l.pick("承办单位", "Department"),
        l.pick("摘要", "Summary"),
    ];
    let widths = [
        Constraint::Length(6),
        Constraint::Length(12),
        Constraint::Length(12),
        Constraint::Length(8),
        Constraint::Length(10),
        Constraint::Length(9),
        Constraint::Length(18),
        Constraint::Length(3),
        Constraint::Length(13),
        Constraint::Length(18),
        Constraint::Min(10),
    ];
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
                .map(|d| d.format("%m-%d").to_string())
                .unwrap_or_else(|| "—".into());
            let received = r.received_at.get(5..16).unwrap_or("").to_string();
            let first = r.petitioner_names.split('、').next().unwrap_or("");
            let mut who = mask_name(&safe(first));
            if r.collective {
                who.push_str(l.pick("等", "+"));
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
            let row = Row::new(cells);
            if i == app.queue.selected {
                row.style(theme::selected())
            } else {
                row
            }
        })
        .collect();
    let more = match (app.queue.page.more_before, app.queue.page.more_after) {
        (true, true) => l.pick(" ↑ 上页 PgUp · PgDn 下页 ↓ ", " ↑ PgUp · PgDn ↓ "),
        (false, true) => l.pick(" PgDn 下页 ↓ ", " PgDn ↓ "),
        (true, false) => l.pick(" ↑ 上页 PgUp ", " ↑ PgUp "),
        (false, false) => "",
    };
    let empty = app.queue.page.rows.is_empty();
    let title = format!(" {} ", l.pick("来件队列", "Queue"));
    let block = Block::default()
        .borders(Borders::ALL)
        .title(title)
        .title_bottom(Line::from(more).right_aligned());
    if empty {
        let msg = if app.queue.search_text.is_empty() {
            l.pick(
                "没有符合条件的诉求件（x 清除筛选）",
                "No tickets match (x clears filters)",
            )
        } else {
            l.pick(
                "没有找到（x 清除搜索）",
                "Nothing found (x clears the search)",
            )
        };
        frame.render_widget(Paragraph::new(msg).block(block).style(theme::dim()), table);
        return;
    }
    let t = Table::new(rows, widths)
        .header(Row::new(header.iter().map(|h| Cell::from(*h))).style(theme::header()))
        .block(block)
        .column_spacing(1);
    frame.render_widget(t, table);
}
