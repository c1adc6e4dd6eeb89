//! 考评: the ranking of the period as a table, a horizontal bar per unit for the chosen figure,
//! and the selected unit's twelve months of it.

use ratatui::Frame;
use ratatui::layout::{Constraint, Direction, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, BarGroup, Block, Borders, Paragraph, Row, Table};

use super::{fit, safe, theme};
use crate::app::App;
use crate::app::review::figure_label;
use crate::domain::metrics::{Figure, Period, Rate, Settings};
use crate::text::T;

fn pct(r: Rate) -> String {
    r.value()
        .map(|v| format!("{:.1}%", v * 100.0))
        .unwrap_or_else(|| "—".into())
}

fn points(s: Option<i64>) -> String {
    s.map(|s| format!("{:.2}", s as f64 / 100.0))
        .unwrap_or_else(|| "—".into())
}

/// A figure's value as its bar says it, and the bar's length (0–1000).
fn shown(f: Figure, v: Option<f64>) -> (String, u64) {
    match (f, v) {
        (_, None) => ("—".into(), 0),
        (Figure::Score, Some(v)) => (format!("{v:.1}"), (v * 10.0).round() as u64),
        (Figure::FalseClosure, Some(v)) => (format!("{v:.0}"), (v * 100.0).round() as u64),
        (_, Some(v)) => (format!("{:.1}%", v * 100.0), (v * 1000.0).round() as u64),
    }
}

fn month_label(p: &Period) -> String {
    match p {
        Period::Month(_, m) => format!("{m}"),
        other => other.label(crate::domain::Lang::En),
    }
}

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let l = app.lang;
    let r = &app.review;
    let figure = r.figure();
    let Some(rep) = &r.ranking else {
        frame.render_widget(
            Paragraph::new(T::Loading.get(l)).block(Block::default().borders(Borders::ALL)),
            area,
        );
        return;
    };
    let [head, body] = Layout::vertical([Constraint::Length(2), Constraint::Min(5)]).areas(area);
    let (from, to) = rep.period.bounds();
    let head_text = rep
        .head
        .as_ref()
        .map(|h| format!("{} #{}", T::AuditHeadWord.get(l), h.seq))
        .unwrap_or_default();
    frame.render_widget(
        Paragraph::new(vec![
            Line::from(vec![
                Span::styled(
                    format!(" {} {} ", T::ReviewPane.get(l), rep.period.label(l)),
                    theme::header(),
                ),
                Span::raw(format!(
                    " {from} – {to}  {head_text}  {}{}",
                    T::FigureWord.get(l),
                    l.colon(),
                )),
                Span::styled(
                    format!(" {} ", figure_label(figure, l)),
                    theme::tab_active(),
                ),
            ]),
            Line::styled(
                T::ReviewEnterHint.fill(l, &[&figure_label(figure, l)]),
                theme::dim(),
            ),
        ]),
        head,
    );
    let [left, right] =
        Layout::horizontal([Constraint::Percentage(63), Constraint::Percentage(37)]).areas(body);

    // The ranking.
    let heads = [
        "#",
        T::Dept.get(l),
        T::DispatchesShort.get(l),
        T::AcceptedInTimeRate.get(l),
        T::OnTimeRate.get(l),
        T::ReturnRate.get(l),
        T::SolvedRate.get(l),
        T::SatisfiedRate.get(l),
        T::FalseClosure.get(l),
        T::CompositeScore.get(l),
        "±",
    ];
    let name_width = 18usize;
    let rows: Vec<Row> = rep
        .rows
        .iter()
        .enumerate()
        .map(|(i, row)| {
            let x = row.figures.rates();
            let change = match (row.score, row.previous_score) {
                (Some(a), Some(b)) => format!("{:+.1}", (a - b) as f64 / 100.0),
                _ => "—".into(),
            };
            let cells = vec![
                row.rank.map_or("—".into(), |k| k.to_string()),
                fit(&safe(&row.name), name_width),
                row.figures.dispatches.to_string(),
                pct(x.accepted_in_time),
                pct(x.on_time),
                pct(x.returned),
                pct(x.solved),
                pct(x.satisfied),
                row.figures.false_closure.to_string(),
                points(row.score),
                change,
            ];
            let style = if i == r.selected {
                theme::selected()
            } else if row.rank.is_none() {
                theme::dim()
            } else {
                Style::default()
            };
            Row::new(cells).style(style)
        })
        .collect();
    let widths = [
        Constraint::Length(3),
        Constraint::Length(name_width as u16),
        Constraint::Length(4),
        Constraint::Length(8),
        Constraint::Length(8),
        Constraint::Length(8),
        Constraint::Length(8),
        Constraint::Length(8),
        Constraint::Length(8),
        Constraint::Length(8),
        Constraint::Length(6),
    ];
    let title = if rep.rows.is_empty() {
        format!(" {} ", T::NoDispatchesInThePeriod.get(l))
    } else {
        format!(
            " {} {}:{}:{} ",
            T::CompositeScore.get(l),
            rep.settings.response,
            rep.settings.solved,
            rep.settings.satisfied
        )
    };
    frame.render_widget(
        Table::new(rows, widths)
            .header(Row::new(heads.to_vec()).style(theme::header()))
            .block(Block::default().borders(Borders::ALL).title(title)),
        left,
    );

    // A bar per unit for the chosen figure, then the selected unit's twelve months.
    let [bars_area, trend_area] =
        Layout::vertical([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(right);
    let settings = Settings::default();
    let values: Vec<(String, u64)> = rep
        .rows
        .iter()
        .map(|row| shown(figure, figure.value(&row.figures, &settings)))
        .collect();
    // Shares and scores on one scale (0–100 %); counts on their largest.
    let max = match figure {
        Figure::FalseClosure => values.iter().map(|v| v.1).max().unwrap_or(0).max(100),
        _ => 1000,
    };
    let bars: Vec<Bar> = rep
        .rows
        .iter()
        .zip(values)
        .map(|(row, (text, len))| {
            Bar::default()
                .value(len)
                .text_value(text)
                .label(Line::from(fit(&safe(&row.name), 10)))
        })
        .collect();
    frame.render_widget(
        BarChart::default()
            .direction(Direction::Horizontal)
            .bar_width(1)
            .bar_gap(0)
            .max(max)
            .bar_style(theme::header())
            .data(BarGroup::default().bars(&bars))
            .block(
                Block::default()
                    .borders(Borders::ALL)
                    .title(format!(" {} ", figure_label(figure, l))),
            ),
        bars_area,
    );
    let unit = rep
        .rows
        .iter()
        .find(|row| Some(row.unit) == r.trend_unit)
        .map(|row| safe(&row.name).to_string())
        .unwrap_or_default();
    let months: Vec<Bar> = r
        .trend
        .iter()
        .map(|(p, v)| {
            let (text, len) = shown(figure, *v);
            Bar::default()
                .value(len)
                .text_value(text)
                .label(Line::from(month_label(p)))
        })
        .collect();
    let bar_width = (trend_area.width.saturating_sub(2) / 12)
        .saturating_sub(1)
        .clamp(1, 7);
    frame.render_widget(
        BarChart::default()
            .bar_width(bar_width)
            .bar_gap(1)
            .max(max)
            .bar_style(theme::header())
            .data(BarGroup::default().bars(&months))
            .block(Block::default().borders(Borders::ALL).title(format!(
                " {} ",
                T::TrendOfTwelveMonths.fill(l, &[&unit, &figure_label(figure, l)])
            ))),
        trend_area,
    );
}
