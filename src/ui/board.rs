//! 一单制看板: four columns 拟单 / 下单 / 买单 / 签单 with counts and overdue marks.

use crate::text::T;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, List, ListItem, Paragraph};

use super::queue::row_level;
use super::{fit, safe, theme};
use crate::app::App;
use crate::domain::text::mask_name;

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let l = app.lang;
    if app.board.columns.is_empty() {
        frame.render_widget(
            Paragraph::new(T::Loading.get(l)).block(Block::default().borders(Borders::ALL)),
            area,
        );
        return;
    }
    let cols = Layout::horizontal([Constraint::Ratio(1, 4); 4]).split(area);
    for (i, c) in app.board.columns.iter().enumerate().take(4) {
        let focused = i == app.board.focus;
        let mut title = vec![Span::styled(
            format!(" {} {} ", c.stage.label(l), c.total),
            if focused {
                theme::tab_active()
            } else {
                theme::header()
            },
        )];
        if c.overdue > 0 {
            title.push(Span::styled(
                format!(" {} {} ", T::Overdue.get(l), c.overdue),
                theme::level(crate::domain::vocab::Level::Overdue),
            ));
        }
        let width = cols[i].width.saturating_sub(2) as usize;
        let items: Vec<ListItem> = c
            .page
            .rows
            .iter()
            .enumerate()
            .map(|(j, r)| {
                let lv = row_level(app, r);
                let mark = match &lv {
                    Some((lv, _)) if *lv >= crate::domain::vocab::Level::Overdue => "●",
                    Some((crate::domain::vocab::Level::Near, _)) => "◐",
                    _ => " ",
                };
                let who = mask_name(&safe(r.petitioner_names.split('、').next().unwrap_or("")));
                let left = lv
                    .as_ref()
                    .map(|(_, t)| t.clone())
                    .unwrap_or_else(|| r.state.label(l).to_string());
                let text = format!(
                    "{} {} {} {}",
                    r.number.get(5..).unwrap_or(&r.number),
                    who,
                    app.refs.category_name(r.category_id),
                    left
                );
                let style = lv.map(|(lv, _)| theme::level(lv)).unwrap_or_default();
                let line = Line::from(vec![
                    Span::styled(mark, style),
                    Span::raw(fit(&text, width.saturating_sub(1))),
                ]);
                let item = ListItem::new(line);
                if focused && j == c.selected {
                    item.style(theme::selected())
                } else {
                    item.style(Style::default())
                }
            })
            .collect();
        let more = if c.page.more_after {
            T::PgdnMore.get(l)
        } else {
            ""
        };
        let block = Block::default()
            .borders(Borders::ALL)
            .title(Line::from(title))
            .title_bottom(Line::from(more).right_aligned());
        frame.render_widget(List::new(items).block(block), cols[i]);
    }
}
