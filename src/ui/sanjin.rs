//! 三进 screens: the visit calendar (走访日程, with 空岗 in red) and the Party members' household
//! work (党员联户). Lists on the left, the selected item on the right.

use chrono::Datelike;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table, TableState, Wrap};

use super::{fit, safe, theme};
use crate::app::App;
use crate::app::members::MemberView;
use crate::app::visits::VisitView;
use crate::domain::calendar::zh_date;
use crate::domain::members::{HOUSEHOLDS_PER_MEMBER, key_share_missing};
use crate::domain::visits::{NoticeState, Staffing, VisitKind, weekday_zh};
use crate::domain::vocab::{Lang, State};
use crate::sanjin_files::{status_label, visit_remarks};
use crate::store::visits::VisitRow;

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

fn kv(k: &str, v: String) -> Line<'static> {
    Line::from(vec![
        Span::styled(format!("{k}："), theme::label()),
        Span::raw(v),
    ])
}

fn view_tabs<'a>(items: Vec<(String, bool, Style)>) -> Line<'a> {
    let mut spans = vec![];
    for (label, active, style) in items {
        spans.push(Span::styled(
            format!(" {label} "),
            if active { theme::tab_active() } else { style },
        ));
        spans.push(Span::raw(" "));
    }
    Line::from(spans)
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

pub fn render_members(app: &App, frame: &mut Frame, area: Rect) {
    let l = app.lang;
    let s = &app.members;
    let [top, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(3)]).areas(area);
    let mut tabs: Vec<(String, bool, Style)> = MemberView::ALL
        .iter()
        .map(|v| (v.label(l).to_string(), *v == s.view, theme::tab()))
        .collect();
    let (members_off, lonely) = s.problems;
    tabs.push((
        format!(
            "{} {} │ {} {}",
            l.pick("联系户数不为3的党员", "members without 3 households"),
            members_off,
            l.pick("无人联系的户", "households without a member"),
            lonely
        ),
        false,
        if members_off + lonely > 0 {
            theme::warn()
        } else {
            theme::dim()
        },
    ));
    frame.render_widget(Paragraph::new(view_tabs(tabs)), top);
    let [list, detail] =
        Layout::horizontal([Constraint::Percentage(58), Constraint::Percentage(42)]).areas(body);
    let (header, widths, rows): (Vec<&str>, Vec<Constraint>, Vec<Row>) = match s.view {
        MemberView::Units => (
            vec![
                l.pick("单位", "Unit"),
                l.pick("在职党员", "Members"),
                l.pick("重点选派", "Key-selected"),
                l.pick("占比", "Share"),
                l.pick("40%要求", "40% rule"),
            ],
            vec![
                Constraint::Length(24),
                Constraint::Length(9),
                Constraint::Length(9),
                Constraint::Length(6),
                Constraint::Min(10),
            ],
            s.units
                .iter()
                .map(|u| {
                    let share = (u.key_selected * 100).checked_div(u.total).unwrap_or(0);
                    let rule = if u.ok {
                        Cell::from(l.pick("达标", "met"))
                    } else {
                        Cell::from(format!(
                            "{}{}{}",
                            l.pick("低于40%，还差 ", "below 40%: "),
                            key_share_missing(u.key_selected, u.total),
                            l.pick(" 人", " more")
                        ))
                        .style(theme::error())
                    };
                    Row::new(vec![
                        Cell::from(fit(&u.name, 24)),
                        Cell::from(u.total.to_string()),
                        Cell::from(u.key_selected.to_string()),
                        Cell::from(format!("{share}%")),
                        rule,
                    ])
                })
                .collect(),
        ),
        MemberView::Members => (
            vec![
                l.pick("编号", "No."),
                l.pick("姓名", "Name"),
                l.pick("单位", "Unit"),
                l.pick("居住社区", "Lives in"),
                l.pick("干部类别", "Pool"),
                l.pick("重点选派", "Key"),
                l.pick("联系户", "Households"),
            ],
            vec![
                Constraint::Length(5),
                Constraint::Length(8),
                Constraint::Length(18),
                Constraint::Length(10),
                Constraint::Length(9),
                Constraint::Length(9),
                Constraint::Min(6),
            ],
            s.members
                .iter()
                .map(|m| {
                    let hh = Cell::from(m.households.to_string()).style(
                        if m.key_selected && m.households != HOUSEHOLDS_PER_MEMBER {
                            theme::error()
                        } else {
                            Style::default()
                        },
                    );
                    Row::new(vec![
                        Cell::from(m.id.to_string()),
                        Cell::from(fit(&m.name, 8)),
                        Cell::from(fit(&m.unit, 18)),
                        Cell::from(fit(app.refs.place_name(m.place_id), 10)),
                        Cell::from(m.pool.label(l).to_string()),
                        Cell::from(if m.key_selected {
                            m.selected_by
                                .map(|b| b.label(l))
                                .unwrap_or(l.pick("是", "yes"))
                                .to_string()
                        } else {
                            "—".into()
                        }),
                        hh,
                    ])
                })
                .collect(),
        ),
        MemberView::Households | MemberView::Gaps => {
            let mut rows = vec![];
            let mut push = |h: &crate::store::members::Household, q: Option<(i32, u32)>| {
                let member = match &h.member_name {
                    Some(m) => Cell::from(fit(m, 8)),
                    None => Cell::from(l.pick("无人联系", "none")).style(theme::error()),
                };
                let mut cells = vec![];
                if let Some((y, q)) = q {
                    cells.push(Cell::from(format!("{y}Q{q}")).style(theme::warn()));
                } else {
                    cells.push(Cell::from(h.id.to_string()));
                }
                cells.extend([
                    Cell::from(fit(&h.head, 8)),
                    Cell::from(fit(app.refs.place_name(Some(h.place_id)), 10)),
                    Cell::from(fit(&h.address, 26)),
                    Cell::from(h.kind.label(l).to_string()),
                    member,
                ]);
                rows.push(Row::new(cells));
            };
            if s.view == MemberView::Households {
                for h in &s.households {
                    push(h, None);
                }
            } else {
                for (y, q, hs) in &s.gaps {
                    for h in hs {
                        push(h, Some((*y, *q)));
                    }
                }
            }
            (
                vec![
                    if s.view == MemberView::Gaps {
                        l.pick("季度", "Quarter")
                    } else {
                        l.pick("编号", "No.")
                    },
                    l.pick("户主", "Head"),
                    l.pick("社区", "Community"),
                    l.pick("住址", "Address"),
                    l.pick("户别", "Kind"),
                    l.pick("联系党员", "Member"),
                ],
                vec![
                    Constraint::Length(7),
                    Constraint::Length(8),
                    Constraint::Length(10),
                    Constraint::Length(26),
                    Constraint::Length(7),
                    Constraint::Min(8),
                ],
                rows,
            )
        }
        MemberView::Wishes => (
            vec![
                l.pick("编号", "No."),
                l.pick("心愿", "Wish"),
                l.pick("户主", "Household"),
                l.pick("状态", "State"),
                l.pick("认领党员", "Claimed by"),
                l.pick("说明", "Note"),
            ],
            vec![
                Constraint::Length(5),
                Constraint::Length(28),
                Constraint::Length(8),
                Constraint::Length(7),
                Constraint::Length(9),
                Constraint::Min(10),
            ],
            s.wishes
                .iter()
                .map(|w| {
                    let note = match &w.fulfilled_on {
                        Some(d) => format!("{d} {}", w.note),
                        None => w.note.clone(),
                    };
                    Row::new(vec![
                        Cell::from(w.id.to_string()),
                        Cell::from(fit(&w.wish, 28)),
                        Cell::from(fit(&w.head, 8)),
                        Cell::from(w.state.label(l).to_string()),
                        Cell::from(fit(w.member.as_deref().unwrap_or(""), 9)),
                        Cell::from(fit(&note, 30)),
                    ])
                })
                .collect(),
        ),
    };
    let n = rows.len();
    let more = match (s.pages.len() > 1, s.more) {
        (true, true) => " ↑ PgUp · PgDn ↓ ",
        (false, true) => " PgDn ↓ ",
        (true, false) => " ↑ PgUp ",
        _ => "",
    };
    let title = match s.view {
        MemberView::Gaps => {
            let [a, b] = app.gap_quarters();
            format!(
                " {} {}Q{} / {}Q{}：{} ",
                l.pick("未入户走访的联系户", "Households not visited in person"),
                a.0,
                a.1,
                b.0,
                b.1,
                n
            )
        }
        MemberView::Members if !s.search.is_empty() => format!(
            " {} · {}“{}” ",
            MemberView::Members.label(l),
            l.pick("查找", "find "),
            safe(&s.search)
        ),
        v => format!(" {} ", v.label(l)),
    };
    let mut state =
        TableState::default().with_selected(if n == 0 { None } else { Some(s.selected) });
    frame.render_stateful_widget(
        Table::new(rows, widths)
            .header(Row::new(header.into_iter().map(Cell::from)).style(theme::header()))
            .row_highlight_style(theme::selected())
            .block(
                Block::default()
                    .borders(Borders::ALL)
                    .title(title)
                    .title_bottom(Line::from(more).right_aligned()),
            ),
        list,
        &mut state,
    );
    render_member_detail(app, frame, detail);
}

fn render_member_detail(app: &App, frame: &mut Frame, area: Rect) {
    let l = app.lang;
    let s = &app.members;
    let mut lines: Vec<Line> = vec![];
    if let Some(d) = s
        .member
        .as_ref()
        .filter(|d| Some(d.member.id) == app.selected_member_id())
    {
        let m = &d.member;
        lines.push(Line::styled(
            format!(
                "{} · {} {}",
                safe(&m.name),
                safe(&m.unit),
                safe(&m.position)
            ),
            theme::title(),
        ));
        lines.push(kv(
            l.pick("居住社区", "Lives in"),
            app.refs.place_name(m.place_id).to_string(),
        ));
        lines.push(kv(
            l.pick("职业/专长", "Profession/skills"),
            format!("{} · {}", safe(&m.profession), safe(&m.skills)),
        ));
        lines.push(kv(
            l.pick("干部类别", "Pool"),
            format!(
                "{}　{}{}",
                m.pool.label(l),
                if m.key_selected {
                    l.pick("重点选派", "key-selected")
                } else {
                    l.pick("非重点选派", "not key-selected")
                },
                m.selected_by
                    .map(|b| format!("（{}）", b.label(l)))
                    .unwrap_or_default()
            ),
        ));
        lines.push(Line::styled(
            format!(
                "{}（{}/{}）",
                l.pick("联系服务对象户", "Households"),
                d.households.len(),
                HOUSEHOLDS_PER_MEMBER
            ),
            if m.key_selected && d.households.len() != HOUSEHOLDS_PER_MEMBER {
                theme::error()
            } else {
                theme::header()
            },
        ));
        for h in &d.households {
            lines.push(Line::raw(format!(
                "  {}（{}）{}",
                safe(&h.head),
                h.kind.label(l),
                safe(&h.address)
            )));
            lines.push(Line::styled(
                format!("    {}", safe(&h.needs)),
                theme::dim(),
            ));
        }
        if !d.suggestions.is_empty() {
            lines.push(Line::styled(
                l.pick(
                    "建议分配（本社区无人联系、需求与专长相符；s 分配）",
                    "Suggested (s assigns)",
                ),
                theme::notice(),
            ));
            for (h, score) in &d.suggestions {
                let score = if *score > 0 {
                    format!(" · {} {score}", l.pick("匹配", "match"))
                } else {
                    String::new()
                };
                lines.push(Line::raw(format!(
                    "  {}（{}）{}{score}",
                    safe(&h.head),
                    h.kind.label(l),
                    safe(&h.address),
                )));
                lines.push(Line::styled(
                    format!("    {}", safe(&h.needs)),
                    theme::dim(),
                ));
            }
        }
        lines.push(Line::styled(
            format!(
                "{}（{}）",
                l.pick("本年民情日记", "Contacts this year"),
                d.contacts.len()
            ),
            theme::header(),
        ));
        for c in d.contacts.iter().take(8) {
            lines.push(Line::raw(format!(
                "  {} {} {}：{}",
                c.date,
                c.method.label(l),
                safe(&c.head),
                safe(&c.notes)
            )));
        }
        if !d.tickets.is_empty() {
            lines.push(Line::styled(
                l.pick("反映到中心的诉求", "Escalated"),
                theme::header(),
            ));
            for (n, st) in &d.tickets {
                lines.push(Line::raw(format!(
                    "  {n} {}",
                    State::from_code(st).map(|x| x.label(l)).unwrap_or("")
                )));
            }
        }
    } else if let Some(d) = s
        .household
        .as_ref()
        .filter(|d| Some(d.household.id) == app.selected_household_id())
    {
        let h = &d.household;
        lines.push(Line::styled(
            format!("{} · {}", safe(&h.head), h.kind.label(l)),
            theme::title(),
        ));
        lines.push(kv(
            l.pick("社区", "Community"),
            app.refs.place_name(Some(h.place_id)).to_string(),
        ));
        lines.push(kv(l.pick("住址", "Address"), safe(&h.address).into_owned()));
        lines.push(kv(l.pick("需求", "Needs"), safe(&h.needs).into_owned()));
        lines.push(kv(l.pick("一家一策", "Plan"), safe(&h.plan).into_owned()));
        match &d.member {
            Some(m) => lines.push(kv(l.pick("联系党员", "Member"), safe(m).into_owned())),
            None => lines.push(Line::styled(
                l.pick("无人联系：按 s 分配党员", "No member: s assigns one"),
                theme::error(),
            )),
        }
        lines.push(kv(
            l.pick("最近入户", "Last home visit"),
            d.last_visit
                .map(zh_date)
                .unwrap_or_else(|| l.pick("无", "none").into()),
        ));
    } else {
        lines.push(Line::styled(hint_for(s.view, l), theme::dim()));
    }
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: false }).block(
            Block::default()
                .borders(Borders::ALL)
                .title(l.pick(" 详情 ", " Detail ")),
        ),
        area,
    );
}

fn hint_for(view: MemberView, l: Lang) -> &'static str {
    match view {
        MemberView::Units => l.pick(
            "每个区直单位重点选派的在职党员不少于 40%；未达标的单位标红。",
            "Each unit key-selects at least 40 % of its members; units below are red.",
        ),
        _ => l.pick("选中一行查看详情", "Select a row"),
    }
}
