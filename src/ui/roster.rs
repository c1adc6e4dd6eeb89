//! The roster of deliberation representatives: the page on the left, the selected one on the right.

use crate::text::T;
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
        item(T::StatusTitle.get(l), s.label(l).into());
    }
    if let Some(c) = q.category {
        item(T::Category.get(l), c.label(l).into());
    }
    if let Some(p) = q.place {
        item(
            T::CommunityPlace.get(l),
            app.refs.place_name(Some(p)).into(),
        );
    }
    if q.expiring_from.is_some() {
        item(T::Term.get(l), T::EndingWithinNinetyDays.get(l).into());
    }
    if !q.search.is_empty() {
        item(T::Find.get(l), format!("“{}”", safe(&q.search)));
    }
    spans.push(Span::styled(
        format!(
            "{} {} {}",
            T::Total.get(l),
            app.roster.count,
            T::PeopleSuffix.get(l)
        ),
        theme::header(),
    ));
    frame.render_widget(Paragraph::new(Line::from(spans)), filters);
    let [list, detail] =
        Layout::horizontal([Constraint::Percentage(60), Constraint::Percentage(40)]).areas(body);
    let header = [
        T::NumberShort.get(l),
        T::PersonName.get(l),
        T::Category.get(l),
        T::Community.get(l),
        T::TermToShort.get(l),
        T::StatusTitle.get(l),
        T::MobileShort.get(l),
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
        .title(format!(" {} ", T::Representatives.get(l)))
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
                .title(T::Detail.get(l)),
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
                Span::styled(format!("{k}{colon}", colon = l.colon()), theme::label()),
                Span::raw(v),
            ])
        };
        lines.push(Line::styled(
            T::Paren.fill(l, &[&safe(&r.name), &r.sex.label(l)]),
            theme::title(),
        ));
        lines.push(kv(
            T::Category.get(l),
            format!("{} · {}", r.category.label(l), r.chosen_by.label(l)),
        ));
        lines.push(kv(
            T::Community.get(l),
            app.refs.place_name(r.place_id).to_string(),
        ));
        lines.push(kv(T::Occupation.get(l), safe(&r.occupation).into_owned()));
        lines.push(kv(T::Expertise.get(l), safe(&r.expertise).into_owned()));
        lines.push(kv(T::MobileShort.get(l), r.mobile.clone()));
        lines.push(kv(
            T::Term.get(l),
            format!("{} — {}", r.term_start, r.term_end),
        ));
        lines.push(kv(T::StatusTitle.get(l), r.status.label(l).to_string()));
        let s = d.service;
        lines.push(Line::styled(
            T::ServiceFromTheRecords.get(l),
            theme::header(),
        ));
        let manual = if s.mediations_manual > 0 {
            T::OfWhichNamedByHand.fill(l, &[&s.mediations_manual])
        } else {
            String::new()
        };
        lines.push(Line::raw(format!(
            "  {} {}{manual}  {} {}  {} {}  {} {}  {} {}",
            T::Mediations.get(l),
            s.mediations,
            T::Hearings.get(l),
            s.hearings,
            T::LastTwelveMonths.get(l),
            s.hearings_12m,
            T::WasStruck.get(l),
            s.struck,
            T::AbsentShort.get(l),
            s.absences
        )));
        lines.push(Line::styled(T::Training.get(l), theme::header()));
        for (date, topic, hours) in &d.trainings {
            lines.push(Line::raw(format!(
                "  {date} {} {hours}{}",
                safe(topic),
                T::H.get(l)
            )));
        }
        if !d.status_changes.is_empty() {
            lines.push(Line::styled(T::StatusChanges.get(l), theme::header()));
            for (date, from, to, reason, by) in &d.status_changes {
                lines.push(Line::raw(format!(
                    "  {date} {}→{} {} {open}{}{close}",
                    from.label(l),
                    to.label(l),
                    safe(reason),
                    safe(by),
                    open = l.open(),
                    close = l.close()
                )));
            }
        }
    }
    lines
}

// ---- the live draw --------------------------------------------------------------------------
