//! 管理: reference data lists (administrators only). Rows are deactivated, never deleted.

use crate::text::T;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table};

use super::{safe, theme};
use crate::app::{AdminTab, App};

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let l = app.lang;
    let [tabs, table] = Layout::vertical([Constraint::Length(1), Constraint::Min(3)]).areas(area);
    let mut spans = vec![];
    for t in AdminTab::ALL {
        let style = if t == app.admin.tab {
            theme::tab_active()
        } else {
            theme::tab()
        };
        spans.push(Span::styled(format!(" {} ", t.label(l)), style));
        spans.push(Span::raw(" "));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), tabs);
    let (header, rows) = tab_table(app);
    // Reference lists are small: at most a few hundred rows; draw the window around the selection.
    let height = table.height.saturating_sub(3) as usize;
    let start = app.admin.selected.saturating_sub(height.saturating_sub(1));
    let body: Vec<Row> = rows
        .into_iter()
        .enumerate()
        .skip(start)
        .take(height)
        .map(|(i, cells)| {
            let row = Row::new(cells.into_iter().map(Cell::from));
            if i == app.admin.selected {
                row.style(theme::selected())
            } else {
                row
            }
        })
        .collect();
    let widths: Vec<Constraint> = header
        .iter()
        .enumerate()
        .map(|(i, _)| {
            if i == 0 {
                Constraint::Length(28)
            } else {
                Constraint::Min(8)
            }
        })
        .collect();
    let block = Block::default().borders(Borders::ALL).title(format!(
        " {} · {} ",
        T::Admin.get(l),
        app.admin.tab.label(l)
    ));
    frame.render_widget(
        Table::new(body, widths)
            .header(Row::new(header.into_iter().map(Cell::from)).style(theme::header()))
            .block(block),
        table,
    );
}

/// The current tab's header and rows, as text.
fn tab_table(app: &App) -> (Vec<&'static str>, Vec<Vec<String>>) {
    let l = app.lang;
    let r = &app.refs;
    let active = |a: bool| {
        if a {
            T::Active.get(l)
        } else {
            T::Inactive.get(l)
        }
        .to_string()
    };
    let (header, rows): (Vec<&str>, Vec<Vec<String>>) = match app.admin.tab {
        AdminTab::Places => (
            vec![
                T::Name.get(l),
                T::Kind.get(l),
                T::Township.get(l),
                T::StatusTitle.get(l),
            ],
            r.places
                .iter()
                .map(|p| {
                    vec![
                        safe(&p.name).into_owned(),
                        p.kind.label(l).into(),
                        r.place_name(p.parent_id).into(),
                        active(p.active),
                    ]
                })
                .collect(),
        ),
        AdminTab::Centers => (
            vec![
                T::Name.get(l),
                T::Level.get(l),
                T::Place.get(l),
                T::StatusTitle.get(l),
            ],
            r.centers
                .iter()
                .map(|c| {
                    vec![
                        safe(&c.name).into_owned(),
                        c.level.label(l).into(),
                        r.place_name(c.place_id).into(),
                        active(c.active),
                    ]
                })
                .collect(),
        ),
        AdminTab::Departments => (
            vec![T::Name.get(l), T::Supervision.get(l), T::StatusTitle.get(l)],
            r.departments
                .iter()
                .map(|d| {
                    vec![
                        safe(&d.name).into_owned(),
                        if d.supervision {
                            T::YesEscalated.get(l)
                        } else {
                            ""
                        }
                        .into(),
                        active(d.active),
                    ]
                })
                .collect(),
        ),
        AdminTab::Leaders => (
            vec![
                T::PersonName.get(l),
                T::Position.get(l),
                T::Portfolio.get(l),
                T::Kind.get(l),
                T::StatusTitle.get(l),
            ],
            r.leaders
                .iter()
                .map(|x| {
                    vec![
                        safe(&x.name).into_owned(),
                        safe(&x.position).into_owned(),
                        safe(&x.portfolio).into_owned(),
                        x.kind.label(l).into(),
                        active(x.active),
                    ]
                })
                .collect(),
        ),
        AdminTab::Categories => (
            vec![T::Name.get(l), T::StatusTitle.get(l)],
            r.categories
                .iter()
                .map(|c| vec![safe(&c.name).into_owned(), active(c.active)])
                .collect(),
        ),
        AdminTab::Limits => (
            vec![
                T::Phase.get(l),
                T::Category.get(l),
                T::Urgency.get(l),
                T::Limit.get(l),
            ],
            r.limits
                .iter()
                .map(|x| {
                    let cat = x
                        .rule
                        .category_id
                        .map(|c| r.category_name(c).to_string())
                        .unwrap_or_else(|| T::AllDefault.get(l).into());
                    let urg = x
                        .rule
                        .urgency
                        .map(|u| u.label(l).to_string())
                        .unwrap_or_else(|| T::All.get(l).into());
                    let limit = if x.rule.limit.days == 0 {
                        T::SameDay.get(l).to_string()
                    } else {
                        format!("{} {}", x.rule.limit.days, x.rule.limit.kind.label(l))
                    };
                    vec![x.rule.phase.label(l).into(), cat, urg, limit]
                })
                .collect(),
        ),
        AdminTab::Staff => staff_rows(app),
    };
    (header, rows)
}

/// The staff: number, name, role, center, department, whether active.
fn staff_rows(app: &App) -> (Vec<&'static str>, Vec<Vec<String>>) {
    let l = app.lang;
    let r = &app.refs;
    let active = |a: bool| {
        if a {
            T::Active.get(l)
        } else {
            T::Inactive.get(l)
        }
        .to_string()
    };
    (
        vec![
            T::StaffNo.get(l),
            T::PersonName.get(l),
            T::Role.get(l),
            T::CenterShort.get(l),
            T::Unit.get(l),
            T::StatusTitle.get(l),
        ],
        r.staff
            .iter()
            .map(|s| {
                let mut st = active(s.active);
                if s.locked_until
                    .as_deref()
                    .is_some_and(|u| u > app.now.format("%Y-%m-%d %H:%M:%S").to_string().as_str())
                {
                    st.push_str(T::Locked.get(l));
                }
                vec![
                    s.staff_no.clone(),
                    safe(&s.name).into_owned(),
                    s.role.label(l).into(),
                    r.center_name(s.center_id).into(),
                    r.department_name(s.department_id).into(),
                    st,
                ]
            })
            .collect(),
    )
}
