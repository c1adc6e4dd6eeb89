//! The visit calendar (走访日程, with 空岗 in red): the month or the list on the left, the
//! selected visit or the ledger on the right.

use crate::text::T;
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
        NoticeState::Posted => (T::Posted.get(l).into(), Style::default()),
        NoticeState::Correct => (T::CorrectIt.get(l).into(), theme::warn()),
        NoticeState::Overdue => (T::NoticeOverdue.get(l).into(), theme::error()),
        NoticeState::DueToday => (T::DueToday.get(l).into(), theme::warn()),
        NoticeState::DueOn(due) => (
            format!(
                "{}{}",
                crate::words::short_day(due, app.now.date()),
                T::DueSuffix.get(l)
            ),
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
                T::OnBehalfOf.get(app.lang),
                planned
            ) + T::CloseParen.get(app.lang)
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
                            format!("（{}{}）", T::OverduePrefix.get(l), s.notices.1)
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
                VisitView::Ledgers => (v.label(l).to_string(), theme::tab()),
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
    if s.view == VisitView::Ledgers {
        render_ledgers(app, frame, list, detail);
        return;
    }
    let header = [
        T::Date.get(l),
        T::Time.get(l),
        T::TypeKind.get(l),
        T::Venue.get(l),
        T::ReceivingLeader.get(l),
        T::StatusTitle.get(l),
        T::Notice.get(l),
    ];
    let rows: Vec<Row> = s
        .rows
        .iter()
        .map(|v| {
            let (notice, nstyle) = notice_label(app, v);
            let staffing = v.staffing();
            let (mut status, mut status_style) = visit_status(app, v);
            if s.clashes.contains_key(&v.id) {
                status = format!("⚠{} {status}", T::Clash.get(l));
                status_style = theme::error();
            }
            let mut date = format!(
                "{} {}",
                crate::words::short_day(v.date, app.now.date()),
                weekday(l, v.date)
            );
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
    // A visit in another year shows its year (`short_day`): the column widens for the page.
    let other_year = s
        .rows
        .iter()
        .any(|v| chrono::Datelike::year(&v.date) != chrono::Datelike::year(&app.now.date()));
    let widths = [
        Constraint::Length(if other_year { 16 } else { 10 }),
        Constraint::Length(5),
        Constraint::Length(if l == Lang::En { 9 } else { 7 }),
        Constraint::Length(10),
        Constraint::Length(20),
        Constraint::Length(18),
        Constraint::Min(8),
    ];
    let title = match s.view {
        VisitView::Month => format!(" {} {} ", T::Visits.get(l), month_label(l, month)),
        v => format!(" {} ", v.label(l)),
    };
    let foot = if s.rows.iter().any(|v| v.provisional) {
        T::ProvisionalNoHolidayData.get(l)
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
            VisitView::Month => T::NoVisitsThisMonthPWrites.get(l),
            VisitView::Unstaffed => T::NoVisitWithoutALeader.get(l),
            VisitView::Notices => T::NoNoticeDue.get(l),
            _ => T::NoVisits.get(l),
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
    let lines = visit_lines(app);
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: false }).block(
            Block::default()
                .borders(Borders::ALL)
                .title(T::VisitDetailTitle.get(l)),
        ),
        area,
    );
}

/// The selected visit: when and where, who goes, its notice, the residents received and the members picked.
fn visit_lines(app: &App) -> Vec<Line<'_>> {
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
            T::When.get(l),
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
            lines.push(kv(T::Nominal.get(l), zh_date(v.nominal)));
        }
        let leader = app.refs.leader(v.leader_id);
        lines.push(kv(
            T::AssignedLeader.get(l),
            leader
                .map(|x| format!("{} {}", x.name, x.position))
                .unwrap_or_default(),
        ));
        if let Some(s) = v.substitute_id {
            lines.push(kv(
                T::SubstituteLeader.get(l),
                app.refs.leader_name(Some(s)).to_string(),
            ));
        }
        let staffing = v.staffing();
        let (status, style) = visit_status(app, v);
        lines.push(Line::from(vec![
            Span::styled(format!("{}：", T::StatusTitle.get(l)), theme::label()),
            Span::styled(status, style),
        ]));
        if staffing == Staffing::Unstaffed {
            lines.push(Line::styled(
                T::NoLeaderPressAToStaff.get(l),
                theme::error(),
            ));
        }
        if let Some(c) = &d.clash {
            lines.push(Line::styled(
                T::ClashWith.fill(
                    l,
                    &[&format!(
                        "{} {} {}",
                        c.time.format("%H:%M"),
                        app.refs.place_name(Some(c.place_id)),
                        app.refs.leader_name(Some(c.acting_leader()))
                    )],
                ) + T::PressAToChangeTheSubstitute.get(l),
                theme::error(),
            ));
        }
        let (notice, nstyle) = notice_label(app, v);
        lines.push(Line::from(vec![
            Span::styled(format!("{}：", T::Notice.get(l)), theme::label()),
            Span::styled(notice, nstyle),
            Span::styled(
                format!("  {}{}", T::Version.get(l), v.notice_version) + T::EditionSuffix.get(l),
                theme::dim(),
            ),
        ]));
        if matches!(staffing, Staffing::NotHeld | Staffing::Unstaffed) {
            lines.push(match &d.explanation {
                Some((text, by, at)) => kv(
                    T::ExplanationOrSelfCriticism.get(l),
                    format!(
                        "{}（{} {}）",
                        safe(text),
                        safe(by),
                        at.get(..10).unwrap_or(at)
                    ),
                ),
                None => Line::styled(
                    format!(
                        "{}{}{}",
                        T::ExplanationOrSelfCriticism.get(l),
                        l.colon(),
                        T::NotYetExplainedPressE.get(l)
                    ),
                    theme::warn(),
                ),
            });
        }
        if !d.agenda.is_empty() {
            lines.push(Line::styled(T::VisitAgenda.get(l), theme::header()));
            for a in &d.agenda {
                lines.push(Line::raw(format!(
                    "  {} · {}{}{}{}",
                    safe(&a.member),
                    safe(&a.household),
                    l.colon(),
                    safe(&a.matter),
                    a.ticket
                        .as_ref()
                        .map(|t| format!(" [{t}]"))
                        .unwrap_or_default()
                )));
            }
        }
        let remarks = visit_remarks(v, l);
        if !remarks.is_empty() {
            lines.push(kv(T::Remarks.get(l), safe(&remarks).into_owned()));
        }
        if !v.notes.is_empty() {
            lines.push(Line::styled(T::InterviewNotes.get(l), theme::header()));
            for n in v.notes.lines() {
                lines.push(Line::raw(format!("  {}", safe(n))));
            }
        }
        lines.push(Line::styled(
            T::Paren.fill(l, &[&T::ResidentsReceivedTitle.get(l), &d.register.len()]),
            theme::header(),
        ));
        for r in &d.register {
            let outcome = match r.outcome.as_str() {
                "answered" => T::Answered.get(l),
                _ => T::ToPetition.get(l),
            };
            let mut line = vec![Span::raw(format!(
                "  {} {}{colon}{}  [{}{}]",
                safe(&r.name),
                safe(&r.place),
                safe(&r.matter),
                outcome,
                r.ticket_number
                    .as_ref()
                    .map(|n| format!(" {n}"))
                    .unwrap_or_default(),
                colon = l.colon()
            ))];
            if r.outside_portfolio {
                line.push(Span::styled(
                    format!(" {}", T::OutsidePortfolio.get(l)),
                    theme::warn(),
                ));
            }
            lines.push(Line::from(line));
        }
        if v.kind == VisitKind::Community {
            lines.push(Line::styled(
                T::MembersPickedToReport.get(l),
                theme::header(),
            ));
            if d.picks.is_empty() {
                lines.push(Line::styled(T::NoneYetM.get(l), theme::dim()));
            }
            for (_, name, report) in &d.picks {
                lines.push(Line::raw(format!(
                    "  {}{colon}{}",
                    safe(name),
                    if report.is_empty() {
                        T::ToReportR.get(l).to_string()
                    } else {
                        safe(report).into_owned()
                    },
                    colon = l.colon()
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
                        T::Receipt.get(l),
                        safe(&sha.chars().take(16).collect::<String>())
                    ),
                    theme::dim(),
                ));
            }
        }
    } else {
        lines.push(Line::styled(T::SelectAVisit.get(l), theme::dim()));
    }
    lines
}

fn render_ledger(app: &App, frame: &mut Frame, list: Rect, detail: Rect) {
    let l = app.lang;
    let s = &app.visits;
    let leader = s.ledger_leader.and_then(|id| app.refs.leader(id));
    let year = s.month.map(|m| m.0).unwrap_or(0);
    let header = [
        T::NumberShort.get(l),
        T::Accepted.get(l),
        T::SummaryShort.get(l),
        T::Now.get(l),
        T::HandlingDue.get(l),
        T::EvaluationShort.get(l),
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
        T::LeaderSFile.get(l),
        leader.map(|x| x.name.as_str()).unwrap_or(""),
        year,
        T::PetitionsOwnedEnterOpens.get(l)
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
        lines.push(kv(T::PortfolioShort.get(l), x.portfolio.clone()));
        if !x.categories.is_empty() {
            lines.push(kv(
                T::PortfolioCategoriesField.get(l),
                x.categories
                    .iter()
                    .map(|c| app.refs.category_name(*c))
                    .collect::<Vec<_>>()
                    .join("、"),
            ));
        }
        if !x.liaison.is_empty() {
            lines.push(kv(T::Liaison.get(l), safe(&x.liaison).into_owned()));
        }
        lines.push(Line::styled(
            format!("{}年{}", year, T::VisitsSuffix.get(l)),
            theme::header(),
        ));
        for (kind, c) in &ledger.compliance {
            let label = VisitKind::from_code(kind).map(|k| k.label(l)).unwrap_or("");
            lines.push(Line::raw(format!(
                "  {label}{colon}{} {} · {} {} · {} {} · {} {} · {} {}",
                T::Planned.get(l),
                c.planned,
                T::Held.get(l),
                c.held,
                T::Substituted.get(l),
                c.substituted,
                T::NotHeldLower.get(l),
                c.not_held,
                T::NoLeaderLower.get(l),
                c.unstaffed,
                colon = l.colon()
            )));
        }
        let stood_in = ledger.visits.iter().filter(|v| v.leader_id != x.id).count();
        if stood_in > 0 {
            lines.push(Line::raw(format!(
                "  {}{stood_in}",
                T::StoodInForOthers.get(l)
            )));
        }
        lines.push(kv(
            T::ResidentsReceivedTitle.get(l),
            ledger.received.to_string(),
        ));
        let mut owned = format!(
            "{}（{} {}）",
            ledger.petitions_total,
            T::Open.get(l),
            ledger.petitions_open
        );
        if (ledger.petitions.len() as i64) < ledger.petitions_total {
            owned.push_str(&T::LedgerListsNewest.fill(l, &[&ledger.petitions.len()]));
        }
        lines.push(kv(T::PetitionsOwned.get(l), owned));
        lines.push(Line::styled(T::RecentVisits.get(l), theme::header()));
        for v in ledger.visits.iter().rev().take(12) {
            lines.push(Line::raw(format!(
                "  {} {} {} {}",
                crate::words::short_day(v.date, app.now.date()),
                v.kind.label(l),
                app.refs.place_name(Some(v.place_id)),
                status_label(v, &app.refs, l, Some(app.now))
            )));
        }
    } else {
        lines.push(Line::styled(T::PressLToChooseALeader.get(l), theme::dim()));
    }
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: false }).block(
            Block::default()
                .borders(Borders::ALL)
                .title(T::DutySummaryTitle.get(l)),
        ),
        detail,
    );
}

// ---- members ----------------------------------------------------------------------------------

/// 社区台账: the year's monthly summaries of each place (due, submitted, reviewed) on the left,
/// the selected one's ledger, figures and review on the right.
fn render_ledgers(app: &App, frame: &mut Frame, list: Rect, detail: Rect) {
    use crate::domain::visits::ledgers::SummaryState;
    let l = app.lang;
    let s = &app.visits;
    let state_label = |st: SummaryState| match st {
        SummaryState::Due => (T::SummaryDue.get(l), theme::warn()),
        SummaryState::Submitted => (T::SummarySubmitted.get(l), Style::default()),
        SummaryState::Reviewed => (T::SummaryReviewed.get(l), theme::dim()),
    };
    let rows: Vec<Row> = s
        .summaries
        .iter()
        .map(|r| {
            let (label, style) = state_label(r.state);
            Row::new(vec![
                Cell::from(r.from.format("%Y-%m").to_string()),
                Cell::from(fit(app.refs.place_name(Some(r.place_id)), 10)),
                Cell::from(label).style(style),
                Cell::from(fit(
                    &r.reviewer_id
                        .map(|x| app.refs.leader_name(Some(x)).to_string())
                        .unwrap_or_default(),
                    10,
                )),
            ])
        })
        .collect();
    let mut state = TableState::default().with_selected(if s.summaries.is_empty() {
        None
    } else {
        Some(s.selected)
    });
    let due = s
        .summaries
        .iter()
        .filter(|r| r.state == SummaryState::Due)
        .count();
    let submitted = s
        .summaries
        .iter()
        .filter(|r| r.state == SummaryState::Submitted)
        .count();
    let title = format!(
        " {} · {} {} · {} {} ",
        T::CommunityLedgers.get(l),
        T::SummaryDue.get(l),
        due,
        T::SummarySubmitted.get(l),
        submitted
    );
    frame.render_stateful_widget(
        Table::new(
            rows,
            [
                Constraint::Length(8),
                Constraint::Length(10),
                Constraint::Length(8),
                Constraint::Min(10),
            ],
        )
        .header(
            Row::new(
                [
                    T::MonthColumn.get(l),
                    T::Venue.get(l),
                    T::StatusTitle.get(l),
                    T::ReviewerField.get(l),
                ]
                .map(Cell::from),
            )
            .style(theme::header()),
        )
        .row_highlight_style(theme::selected())
        .block(Block::default().borders(Borders::ALL).title(title)),
        list,
        &mut state,
    );
    if s.summaries.is_empty() {
        let inner = Rect {
            x: list.x + 2,
            y: list.y + 2,
            width: list.width.saturating_sub(4),
            height: 1,
        };
        frame.render_widget(
            Paragraph::new(T::NoLedgerSummaries.get(l)).style(theme::dim()),
            inner,
        );
    }
    let mut lines: Vec<Line> = vec![];
    if let Some(r) = app.selected_summary() {
        lines.push(Line::styled(
            format!(
                "{} · {}{}{}",
                app.refs.place_name(Some(r.place_id)),
                zh_date(r.from),
                T::DateTo.get(l),
                zh_date(r.to)
            ),
            theme::title(),
        ));
        let (label, style) = state_label(r.state);
        lines.push(Line::from(vec![
            Span::styled(
                format!("{}{}", T::StatusTitle.get(l), l.colon()),
                theme::label(),
            ),
            Span::styled(label, style),
        ]));
        if let Some((by, at)) = &r.submitted {
            lines.push(kv(
                T::SummarySubmitted.get(l),
                format!("{} {}", safe(by), at),
            ));
            lines.push(Line::raw(format!("  {}", r.figures)));
        }
        if let (Some(leader), Some((by, at))) = (r.reviewer_id, &r.reviewed) {
            lines.push(kv(
                T::ReviewerField.get(l),
                format!(
                    "{}（{} {} {}）",
                    app.refs.leader_name(Some(leader)),
                    safe(by),
                    T::RecordedAt.get(l),
                    at
                ),
            ));
            lines.push(kv(
                T::ReviewCommentsField.get(l),
                safe(&r.comments).into_owned(),
            ));
        }
        lines.push(Line::raw(""));
        if let Some(pl) = s
            .place_ledger
            .as_ref()
            .filter(|p| p.place_id == r.place_id && p.from == Some(r.from))
        {
            lines.push(Line::styled(pl.figures.text(), theme::header()));
            for v in &pl.visits {
                lines.push(Line::raw(format!(
                    "  {} {} {} {}",
                    v.date.format("%m-%d"),
                    v.kind.label(l),
                    app.refs.leader_name(Some(v.acting_leader())),
                    status_label(v, &app.refs, l, Some(app.now))
                )));
            }
            for m in &pl.matters {
                let mut spans = vec![Span::raw(format!(
                    "  {} {}{}{} [{}]",
                    m.date.format("%m-%d"),
                    safe(&m.name),
                    l.colon(),
                    safe(&m.matter),
                    if m.answered {
                        T::Answered.get(l).to_string()
                    } else {
                        format!(
                            "{} {}",
                            m.number.clone().unwrap_or_default(),
                            m.state
                                .as_deref()
                                .and_then(crate::domain::vocab::State::from_code)
                                .map(|x| x.label(l))
                                .unwrap_or("")
                        )
                    }
                ))];
                if m.outside_portfolio {
                    spans.push(Span::styled(
                        format!(" {}", T::OutsidePortfolio.get(l)),
                        theme::warn(),
                    ));
                }
                lines.push(Line::from(spans));
            }
        }
        lines.push(Line::raw(""));
        lines.push(Line::styled(
            match r.state {
                SummaryState::Due => T::LedgerKeysDue.get(l),
                SummaryState::Submitted => T::LedgerKeysSubmitted.get(l),
                SummaryState::Reviewed => T::LedgerKeysReviewed.get(l),
            },
            theme::dim(),
        ));
    }
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: false }).block(
            Block::default()
                .borders(Borders::ALL)
                .title(T::CommunityLedgers.get(l)),
        ),
        detail,
    );
}
