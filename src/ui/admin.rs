//! 管理: reference data lists (administrators only). Rows are deactivated, never deleted.

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
        l.pick("管理", "Admin"),
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
            l.pick("在用", "active")
        } else {
            l.pick("停用", "inactive")
        }
        .to_string()
    };
    let (header, rows): (Vec<&str>, Vec<Vec<String>>) = match app.admin.tab {
        AdminTab::Places => (
            vec![
                l.pick("名称", "Name"),
                l.pick("类别", "Kind"),
                l.pick("所属乡镇", "Township"),
                l.pick("状态", "Status"),
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
                l.pick("名称", "Name"),
                l.pick("级别", "Level"),
                l.pick("所在地", "Place"),
                l.pick("状态", "Status"),
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
            vec![
                l.pick("名称", "Name"),
                l.pick("督查室", "Supervision"),
                l.pick("状态", "Status"),
            ],
            r.departments
                .iter()
                .map(|d| {
                    vec![
                        safe(&d.name).into_owned(),
                        if d.supervision {
                            l.pick("是（督办）", "yes")
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
                l.pick("姓名", "Name"),
                l.pick("职务", "Position"),
                l.pick("分工", "Portfolio"),
                l.pick("类别", "Kind"),
                l.pick("状态", "Status"),
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
            vec![l.pick("名称", "Name"), l.pick("状态", "Status")],
            r.categories
                .iter()
                .map(|c| vec![safe(&c.name).into_owned(), active(c.active)])
                .collect(),
        ),
        AdminTab::Limits => (
            vec![
                l.pick("环节", "Phase"),
                l.pick("类别", "Category"),
                l.pick("紧急程度", "Urgency"),
                l.pick("时限", "Limit"),
            ],
            r.limits
                .iter()
                .map(|x| {
                    let cat = x
                        .rule
                        .category_id
                        .map(|c| r.category_name(c).to_string())
                        .unwrap_or_else(|| l.pick("（全部，默认）", "(all, default)").into());
                    let urg = x
                        .rule
                        .urgency
                        .map(|u| u.label(l).to_string())
                        .unwrap_or_else(|| l.pick("（全部）", "(all)").into());
                    let limit = if x.rule.limit.days == 0 {
                        l.pick("当天", "same day").to_string()
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
            l.pick("在用", "active")
        } else {
            l.pick("停用", "inactive")
        }
        .to_string()
    };
    (
        vec![
            l.pick("工号", "No."),
            l.pick("姓名", "Name"),
            l.pick("角色", "Role"),
            l.pick("中心", "Center"),
            l.pick("单位", "Department"),
            l.pick("状态", "Status"),
        ],
        r.staff
            .iter()
            .map(|s| {
                let mut st = active(s.active);
                if s.locked_until
                    .as_deref()
                    .is_some_and(|u| u > app.now.format("%Y-%m-%d %H:%M:%S").to_string().as_str())
                {
                    st.push_str(l.pick("（已锁定）", " (locked)"));
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
