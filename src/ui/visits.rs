//! The visit calendar (走访日程, with 空岗 in red): the month or the list on the left, the
//! selected visit or the ledger on the right.

use chrono::Datelike;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table, TableState, Wrap};

use super::{fit, safe, theme};
use super::{kv, view_tabs};
use crate::app::App;
use crate::app::visits::VisitView;
use crate::domain::calendar::zh_date;
use crate::domain::visits::{NoticeState, Staffing, VisitKind, weekday_zh};
use crate::domain::vocab::{Lang, State};
use crate::records::visits::VisitRow;
use crate::words::{status_label, visit_remarks};

fn month_label(l: Lang, (y, m): (i32, u32)) -> String {
    match l {
        Lang::Zh => format!("{y}年{m}月"),
        Lang::En => format!("{y}-{m:02}"),
    }
}

fn weekday(l: Lang, d: chrono::NaiveDate) -> String {
    match l {
        Lang::Zh => weekday_zh(d).to_string(),
        Lang::En => d.format("%a").to_string(),
    }
}

/// The notice of a visit, in words, and whether it needs attention.
pub fn notice_label(app: &App, v: &VisitRow) -> (String, Style) {
    let l = app.lang;
    match v.notice_state(app.visits.settings.notice_days, app.today()) {
        NoticeState::Moot => ("—".into(), theme::dim()),
        NoticeState::Posted => (l.pick("已张贴", "posted").into(), Style::default()),
        NoticeState::Correct => (l.pick("需更正", "correct it").into(), theme::warn()),
        NoticeState::Overdue => (l.pick("逾期未发", "overdue").into(), theme::error()),
        NoticeState::DueToday => (l.pick("今日应发", "due today").into(), theme::warn()),
        NoticeState::DueOn(due) => (
            format!("{}{}", due.format("%m-%d"), l.pick(" 发", " due")),
            theme::dim(),
        ),
    }
}

/// The status of a visit as the pane shows it: a past visit without an outcome asks for one.
fn visit_status(app: &App, v: &VisitRow) -> (String, Style) {
    let style = match v.staffing() {
        _ if v.awaits_outcome(app.now) => theme::warn(),
        Staffing::Unstaffed => theme::error(),
        Staffing::NotHeld => theme::warn(),
        Staffing::Held | Staffing::HeldBySubstitute => theme::dim(),
        _ => Style::default(),
    };
    (status_label(v, &app.refs, app.lang, Some(app.now)), style)
}

fn leader_cell(app: &App, v: &VisitRow) -> String {
    let planned = app.refs.leader_name(Some(v.leader_id));
    match v.substitute_id {
        Some(s) => {
            format!(
                "{}{}{}",
                app.refs.leader_name(Some(s)),
                app.lang.pick("（代 ", " (for "),
                planned
            ) + app.lang.pick("）", ")")
        }
        None => planned.to_string(),
    }
}

pub fn render_visits(app: &App, frame: &mut Frame, area: Rect) {
    let l = app.lang;
    let [top, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(3)]).areas(area);
    let s = &app.visits;
    let month = s.month.unwrap_or((app.today().year(), app.today().month()));
    let tabs = VisitView::ALL
        .iter()
        .map(|v| {
            let (label, style) = match v {
                VisitView::Month => (
                    format!("{} {}", v.label(l), month_label(l, month)),
                    theme::tab(),
                ),
                VisitView::Notices => (
                    format!(
                        "{} {}{}",
                        v.label(l),
                        s.notices.0,
                        if s.notices.1 > 0 {
                            format!("（{}{}）", l.pick("逾期 ", "overdue "), s.notices.1)
                        } else {
                            String::new()
                        }
                    ),
                    if s.notices.1 > 0 {
                        theme::warn()
                    } else {
                        theme::tab()
                    },
                ),
                VisitView::Unstaffed => (
                    format!("{} {}", v.label(l), s.unstaffed),
                    if s.unstaffed > 0 {
                        theme::error()
                    } else {
                        theme::tab()
                    },
                ),
                VisitView::Ledger => (
                    match s.ledger_leader {
                        Some(id) => format!("{} {}", v.label(l), app.refs.leader_name(Some(id))),
                        None => v.label(l).to_string(),
                    },
                    theme::tab(),
                ),
                VisitView::Week => (v.label(l).to_string(), theme::tab()),
            };
            (label, *v == s.view, style)
        })
        .collect();
    frame.render_widget(Paragraph::new(view_tabs(tabs)), top);
    let [list, detail] =
        Layout::horizontal([Constraint::Percentage(58), Constraint::Percentage(42)]).areas(body);
    if s.view == VisitView::Ledger {
        render_ledger(app, frame, list, detail);
        return;
    }
    let header = [
        l.pick("日期", "Date"),
        l.pick("时间", "Time"),
        l.pick("类型", "Kind"),
        l.pick("地点", "Place"),
        l.pick("接待领导", "Leader"),
        l.pick("状态", "Status"),
        l.pick("预告", "Notice"),
    ];
    let rows: Vec<Row> = s
        .rows
        .iter()
        .map(|v| {
            let (notice, nstyle) = notice_label(app, v);
            let staffing = v.staffing();
            let (status, status_style) = visit_status(app, v);
            let mut date = format!("{} {}", v.date.format("%m-%d"), weekday(l, v.date));
            if v.provisional {
                date.push('*');
            }
            let row = Row::new(vec![
                Cell::from(date),
                Cell::from(v.time.format("%H:%M").to_string()),
                Cell::from(v.kind.label(l).to_string()),
                Cell::from(fit(app.refs.place_name(Some(v.place_id)), 10)),
                Cell::from(fit(&leader_cell(app, v), 20)),
                Cell::from(fit(&status, 18)).style(status_style),
                Cell::from(notice).style(nstyle),
            ]);
            if staffing == Staffing::Unstaffed {
                row.style(theme::error())
            } else {
                row
            }
        })
        .collect();
    let widths = [
        Constraint::Length(10),
        Constraint::Length(5),
        Constraint::Length(if l == Lang::En { 9 } else { 7 }),
        Constraint::Length(10),
        Constraint::Length(20),
        Constraint::Length(18),
        Constraint::Min(8),
    ];
    let title = match s.view {
        VisitView::Month => format!(
            " {} {} ",
            l.pick("走访日程", "Visits"),
            month_label(l, month)
        ),
        v => format!(" {} ", v.label(l)),
    };
    let foot = if s.rows.iter().any(|v| v.provisional) {
        l.pick(
            " * 日期暂定：当年无官方节假日数据 ",
            " * provisional: no holiday data ",
        )
    } else {
        ""
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .title(title)
        .title_bottom(Line::from(foot));
    let mut state = TableState::default().with_selected(if s.rows.is_empty() {
        None
    } else {
        Some(s.selected)
    });
    let table = Table::new(rows, widths)
        .header(Row::new(header.map(Cell::from)).style(theme::header()))
        .row_highlight_style(theme::selected())
        .block(block);
    frame.render_stateful_widget(table, list, &mut state);
    if s.rows.is_empty() {
        let msg = match s.view {
            VisitView::Month => l.pick(
                "本月没有走访记录。按 P 按分工和轮值写入全年计划。",
                "No visits this month. P writes the year's plan.",
            ),
            VisitView::Unstaffed => l.pick("没有空岗。", "No visit without a leader."),
            VisitView::Notices => l.pick("没有待发的预告。", "No notice due."),
            _ => l.pick("没有走访。", "No visits."),
        };
        let inner = Rect {
            x: list.x + 2,
            y: list.y + 2,
            width: list.width.saturating_sub(4),
            height: 1,
        };
        frame.render_widget(Paragraph::new(msg).style(theme::dim()), inner);
    }
    render_visit_detail(app, frame, detail);
}

fn render_visit_detail(app: &App, frame: &mut Frame, area: Rect) {
    let l = app.lang;
    let mut lines: Vec<Line> = vec![];
    let sel = app.selected_visit();
    if let (Some(d), Some(v)) = (&app.visits.detail, sel)
        && d.visit.id == v.id
    {
        let v = &d.visit;
        lines.push(Line::styled(
            format!(
                "{} · {}",
                v.kind.label(l),
                app.refs.place_name(Some(v.place_id))
            ),
            theme::title(),
        ));
        lines.push(kv(
            l.pick("时间", "When"),
            match l {
                Lang::Zh => format!(
                    "{}（{}）{}",
                    zh_date(v.date),
                    weekday_zh(v.date),
                    v.time.format("%H:%M")
                ),
                Lang::En => format!(
                    "{} {}",
                    v.date.format("%a %Y-%m-%d"),
                    v.time.format("%H:%M")
                ),
            },
        ));
        if v.date != v.nominal {
            lines.push(kv(l.pick("原定", "Nominal"), zh_date(v.nominal)));
        }
        let leader = app.refs.leader(v.leader_id);
        lines.push(kv(
            l.pick("分工领导", "Assigned leader"),
            leader
                .map(|x| format!("{} {}", x.name, x.position))
                .unwrap_or_default(),
        ));
        if let Some(s) = v.substitute_id {
            lines.push(kv(
                l.pick("代替领导", "Substitute"),
                app.refs.leader_name(Some(s)).to_string(),
            ));
        }
        let staffing = v.staffing();
        let (status, style) = visit_status(app, v);
        lines.push(Line::from(vec![
            Span::styled(format!("{}：", l.pick("状态", "Status")), theme::label()),
            Span::styled(status, style),
        ]));
        if staffing == Staffing::Unstaffed {
            lines.push(Line::styled(
                l.pick(
                    "  空岗：原定领导不能参加，尚未安排代替。按 a 安排。",
                    "  No leader: press a to staff this visit.",
                ),
                theme::error(),
            ));
        }
        let (notice, nstyle) = notice_label(app, v);
        lines.push(Line::from(vec![
            Span::styled(format!("{}：", l.pick("预告", "Notice")), theme::label()),
            Span::styled(notice, nstyle),
            Span::styled(
                format!("  {}{}", l.pick("第 ", "version "), v.notice_version) + l.pick(" 版", ""),
                theme::dim(),
            ),
        ]));
        let remarks = visit_remarks(v, l);
        if !remarks.is_empty() {
            lines.push(kv(l.pick("备注", "Notes"), safe(&remarks).into_owned()));
        }
        if !v.notes.is_empty() {
            lines.push(Line::styled(
                l.pick("访谈记录", "Interview notes"),
                theme::header(),
            ));
            for n in v.notes.lines() {
                lines.push(Line::raw(format!("  {}", safe(n))));
            }
        }
        lines.push(Line::styled(
            format!(
                "{}（{}）",
                l.pick("接待群众", "Residents received"),
                d.register.len()
            ),
            theme::header(),
        ));
        for r in &d.register {
            let outcome = match r.outcome.as_str() {
                "answered" => l.pick("现场答复", "answered"),
                _ => l.pick("转诉求", "petition"),
            };
            lines.push(Line::raw(format!(
                "  {} {}：{}  [{}{}]",
                safe(&r.name),
                safe(&r.place),
                safe(&r.matter),
                outcome,
                r.ticket_number
                    .as_ref()
                    .map(|n| format!(" {n}"))
                    .unwrap_or_default()
            )));
        }
        if v.kind == VisitKind::Community {
            lines.push(Line::styled(
                l.pick("抽取党员汇报", "Members picked to report"),
                theme::header(),
            ));
            if d.picks.is_empty() {
                lines.push(Line::styled(
                    l.pick("  尚未抽取（m）", "  none yet (m)"),
                    theme::dim(),
                ));
            }
            for (_, name, report) in &d.picks {
                lines.push(Line::raw(format!(
                    "  {}：{}",
                    safe(name),
                    if report.is_empty() {
                        l.pick("（待汇报，R 记录）", "(to report: R)").to_string()
                    } else {
                        safe(report).into_owned()
                    }
                )));
            }
            if let Some(r) = &d.receipt
                && let Some(sha) = r
                    .lines()
                    .last()
                    .and_then(|x| x.strip_prefix("receipt_sha256: "))
            {
                lines.push(Line::styled(
                    format!(
                        "  {} {}…",
                        l.pick("抽取凭据", "receipt"),
                        safe(&sha.chars().take(16).collect::<String>())
                    ),
                    theme::dim(),
                ));
            }
        }
    } else {
        lines.push(Line::styled(
            l.pick("选中一次走访查看详情", "Select a visit"),
            theme::dim(),
        ));
    }
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: false }).block(
            Block::default()
                .borders(Borders::ALL)
                .title(l.pick(" 走访详情 ", " Visit ")),
        ),
        area,
    );
}

fn render_ledger(app: &App, frame: &mut Frame, list: Rect, detail: Rect) {
    let l = app.lang;
    let s = &app.visits;
    let leader = s.ledger_leader.and_then(|id| app.refs.leader(id));
    let year = s.month.map(|m| m.0).unwrap_or(0);
    let header = [
        l.pick("编号", "No."),
        l.pick("受理", "Received"),
        l.pick("摘要", "Summary"),
        l.pick("当前", "Now"),
        l.pick("办理期限", "Due"),
        l.pick("评价", "Evaluation"),
    ];
    let petitions = s
        .ledger
        .as_ref()
        .map(|x| x.petitions.as_slice())
        .unwrap_or(&[]);
    let rows: Vec<Row> = petitions
        .iter()
        .map(|p| {
            let state = State::from_code(&p.state);
            Row::new(vec![
                Cell::from(p.number.clone()),
                Cell::from(p.received_at.get(5..10).unwrap_or("").to_string()),
                Cell::from(fit(&p.summary, 22)),
                Cell::from(
                    state
                        .map(|x| format!("{}·{}", x.stage().label(l), x.label(l)))
                        .unwrap_or_default(),
                ),
                Cell::from(p.due.clone().unwrap_or_default()),
                Cell::from(
                    p.satisfaction
                        .as_deref()
                        .and_then(crate::domain::vocab::Satisfaction::from_code)
                        .map(|x| x.label(l).to_string())
                        .unwrap_or_default(),
                ),
            ])
        })
        .collect();
    let widths = [
        Constraint::Length(12),
        Constraint::Length(6),
        Constraint::Length(23),
        Constraint::Length(16),
        Constraint::Length(11),
        Constraint::Min(6),
    ];
    let mut state = TableState::default().with_selected(if petitions.is_empty() {
        None
    } else {
        Some(s.selected)
    });
    let title = format!(
        " {} · {} {}年 · {} ",
        l.pick("一人一档", "Leader's file"),
        leader.map(|x| x.name.as_str()).unwrap_or(""),
        year,
        l.pick(
            "首办负责的诉求（Enter 打开）",
            "petitions owned (Enter opens)"
        )
    );
    frame.render_stateful_widget(
        Table::new(rows, widths)
            .header(Row::new(header.map(Cell::from)).style(theme::header()))
            .row_highlight_style(theme::selected())
            .block(Block::default().borders(Borders::ALL).title(title)),
        list,
        &mut state,
    );
    let mut lines = vec![];
    if let (Some(x), Some(ledger)) = (leader, &s.ledger) {
        lines.push(Line::styled(
            format!("{} {}", x.name, x.position),
            theme::title(),
        ));
        lines.push(kv(l.pick("分管", "Portfolio"), x.portfolio.clone()));
        lines.push(Line::styled(
            format!("{}年{}", year, l.pick("走访", " visits")),
            theme::header(),
        ));
        for (kind, c) in &ledger.compliance {
            let label = VisitKind::from_code(kind).map(|k| k.label(l)).unwrap_or("");
            lines.push(Line::raw(format!(
                "  {label}：{} {} · {} {} · {} {} · {} {} · {} {}",
                l.pick("计划", "planned"),
                c.planned,
                l.pick("已走访", "held"),
                c.held,
                l.pick("代替", "substituted"),
                c.substituted,
                l.pick("未举行", "not held"),
                c.not_held,
                l.pick("空岗", "no leader"),
                c.unstaffed
            )));
        }
        let stood_in = ledger.visits.iter().filter(|v| v.leader_id != x.id).count();
        if stood_in > 0 {
            lines.push(Line::raw(format!(
                "  {}{stood_in}",
                l.pick("代替其他领导：", "stood in for others: ")
            )));
        }
        lines.push(kv(
            l.pick("接待群众", "Residents received"),
            ledger.received.to_string(),
        ));
        let open = ledger
            .petitions
            .iter()
            .filter(|p| State::from_code(&p.state).is_some_and(|s| s.is_open()))
            .count();
        lines.push(kv(
            l.pick("首办诉求", "Petitions owned"),
            format!(
                "{}（{} {}）",
                ledger.petitions.len(),
                l.pick("在办", "open"),
                open
            ),
        ));
        lines.push(Line::styled(
            l.pick("最近走访", "Recent visits"),
            theme::header(),
        ));
        for v in ledger.visits.iter().rev().take(12) {
            lines.push(Line::raw(format!(
                "  {} {} {} {}",
                v.date.format("%m-%d"),
                v.kind.label(l),
                app.refs.place_name(Some(v.place_id)),
                status_label(v, &app.refs, l, Some(app.now))
            )));
        }
    } else {
        lines.push(Line::styled(
            l.pick("按 L 选择领导", "Press L to choose a leader"),
            theme::dim(),
        ));
    }
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: false }).block(
            Block::default()
                .borders(Borders::ALL)
                .title(l.pick(" 履职汇总 ", " Summary ")),
        ),
        detail,
    );
}

// ---- members ----------------------------------------------------------------------------------
