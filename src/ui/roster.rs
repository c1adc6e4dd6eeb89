//! The roster of deliberation representatives: the page on the left, the selected one on the right.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table, Wrap};

use super::{fit, safe, theme};
use crate::app::App;
use crate::domain::roster::term_expiring;
use crate::domain::text::mask_mobile;

pub fn render_roster(app: &App, frame: &mut Frame, area: Rect) {
    let l = app.lang;
    let [filters, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(3)]).areas(area);
    let q = &app.roster.query;
    let mut spans = vec![];
    let mut item = |k: &str, v: String| {
        spans.push(Span::styled(format!("{k}:"), theme::dim()));
        spans.push(Span::styled(format!("{v}  "), theme::notice()));
    };
    if let Some(s) = q.status {
        item(l.pick("状态", "Status"), s.label(l).into());
    }
    if let Some(c) = q.category {
        item(l.pick("类别", "Category"), c.label(l).into());
    }
    if let Some(p) = q.place {
        item(
            l.pick("社区/村", "Place"),
            app.refs.place_name(Some(p)).into(),
        );
    }
    if q.expiring_from.is_some() {
        item(
            l.pick("任期", "Term"),
            l.pick("90 天内届满", "ending within 90 days").into(),
        );
    }
    if !q.search.is_empty() {
        item(l.pick("查找", "Find"), format!("“{}”", safe(&q.search)));
    }
    spans.push(Span::styled(
        format!(
            "{} {} {}",
            l.pick("共", "total"),
            app.roster.count,
            l.pick("人", "")
        ),
        theme::header(),
    ));
    frame.render_widget(Paragraph::new(Line::from(spans)), filters);
    let [list, detail] =
        Layout::horizontal([Constraint::Percentage(60), Constraint::Percentage(40)]).areas(body);
    let header = [
        l.pick("编号", "No."),
        l.pick("姓名", "Name"),
        l.pick("类别", "Category"),
        l.pick("社区/村", "Community"),
        l.pick("任期至", "Term to"),
        l.pick("状态", "Status"),
        l.pick("手机", "Mobile"),
    ];
    let rows: Vec<Row> = app
        .roster
        .rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let expiring = r.status == crate::domain::roster::RepStatus::Active
                && term_expiring(
                    r.term_end,
                    app.today(),
                    crate::domain::roster::EXPIRING_DAYS,
                );
            let term = Cell::from(r.term_end.to_string()).style(if expiring {
                theme::warn()
            } else {
                Style::default()
            });
            let row = Row::new(vec![
                Cell::from(r.id.to_string()),
                Cell::from(fit(&r.name, 8)),
                Cell::from(r.category.label(l).to_string()),
                Cell::from(fit(app.refs.place_name(r.place_id), 10)),
                term,
                Cell::from(r.status.label(l).to_string()),
                Cell::from(mask_mobile(&r.mobile)),
            ]);
            if i == app.roster.selected {
                row.style(theme::selected())
            } else {
                row
            }
        })
        .collect();
    let widths = [
        Constraint::Length(5),
        Constraint::Length(9),
        Constraint::Length(17),
        Constraint::Length(11),
        Constraint::Length(11),
        Constraint::Length(5),
        Constraint::Min(11),
    ];
    let more = match (app.roster.more_before, app.roster.more_after) {
        (true, true) => " ↑ PgUp · PgDn ↓ ",
        (false, true) => " PgDn ↓ ",
        (true, false) => " ↑ PgUp ",
        _ => "",
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .title(format!(" {} ", l.pick("议事代表名册", "Representatives")))
        .title_bottom(Line::from(more).right_aligned());
    frame.render_widget(
        Table::new(rows, widths)
            .header(Row::new(header.map(Cell::from)).style(theme::header()))
            .block(block),
        list,
    );
    let lines = rep_lines(app);
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: false }).block(
            Block::default()
                .borders(Borders::ALL)
                .title(l.pick(" 详情 ", " Detail ")),
        ),
        detail,
    );
}

/// The selected representative's file: details, terms, trainings, hearings sat.
fn rep_lines(app: &App) -> Vec<Line<'_>> {
    let l = app.lang;
    let mut lines: Vec<Line> = vec![];
    if let Some(d) = &app.roster.detail {
        let r = &d.rep;
        let kv = |k: &str, v: String| {
            Line::from(vec![
                Span::styled(format!("{k}："), theme::label()),
                Span::raw(v),
            ])
        };
        lines.push(Line::styled(
            format!("{}（{}）", safe(&r.name), r.sex.label(l)),
            theme::title(),
        ));
        lines.push(kv(
            l.pick("类别", "Category"),
            format!("{} · {}", r.category.label(l), r.chosen_by.label(l)),
        ));
        lines.push(kv(
            l.pick("社区/村", "Community"),
            app.refs.place_name(r.place_id).to_string(),
        ));
        lines.push(kv(
            l.pick("职业", "Occupation"),
            safe(&r.occupation).into_owned(),
        ));
        lines.push(kv(
            l.pick("专长", "Expertise"),
            safe(&r.expertise).into_owned(),
        ));
        lines.push(kv(l.pick("手机", "Mobile"), r.mobile.clone()));
        lines.push(kv(
            l.pick("任期", "Term"),
            format!("{} — {}", r.term_start, r.term_end),
        ));
        lines.push(kv(l.pick("状态", "Status"), r.status.label(l).to_string()));
        let s = d.service;
        lines.push(Line::styled(
            l.pick("履职情况（由记录统计）", "Service (from the records)"),
            theme::header(),
        ));
        lines.push(Line::raw(format!(
            "  {} {}  {} {}  {} {}  {} {}  {} {}",
            l.pick("调解", "mediations"),
            s.mediations,
            l.pick("评理", "hearings"),
            s.hearings,
            l.pick("近12月评理", "last 12 months"),
            s.hearings_12m,
            l.pick("被排除", "struck"),
            s.struck,
            l.pick("缺席", "absent"),
            s.absences
        )));
        lines.push(Line::styled(l.pick("培训", "Training"), theme::header()));
        for (date, topic, hours) in &d.trainings {
            lines.push(Line::raw(format!(
                "  {date} {} {hours}{}",
                safe(topic),
                l.pick("学时", " h")
            )));
        }
        if !d.status_changes.is_empty() {
            lines.push(Line::styled(
                l.pick("状态变更", "Status changes"),
                theme::header(),
            ));
            for (date, from, to, reason, by) in &d.status_changes {
                lines.push(Line::raw(format!(
                    "  {date} {}→{} {} （{}）",
                    from.label(l),
                    to.label(l),
                    safe(reason),
                    safe(by)
                )));
            }
        }
    }
    lines
}

// ---- the live draw --------------------------------------------------------------------------
