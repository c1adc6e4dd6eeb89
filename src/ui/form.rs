//! Forms and pop-up lists. The focused text field is drawn by ratatui-textarea; the terminal
//! cursor is returned so the caller can put it on the caret (IME candidate windows follow it).

use crate::text::T;
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

use super::{centered, fit, safe, theme};
use crate::app::form::{Field, FieldId as F, Form, Input};
use crate::app::{App, FormKind, OpenForm, Picker};
use crate::records::tickets::IntakeLink;

const LABEL_W: u16 = 22;
const SIDE_W: u16 = 50;

fn field_height(f: &Field, has_error: bool) -> u16 {
    let body = match &f.input {
        Input::Text {
            multiline: true, ..
        } => {
            if f.key == F::Content {
                6
            } else {
                3
            }
        }
        _ => 1,
    };
    body + u16::from(has_error)
}

/// The form's message broken into lines of the form's width (`width`: the fields' area).
fn f_message_lines(of: &OpenForm, width: u16) -> Vec<String> {
    match &of.form.message {
        Some(m) => super::wrap(m, width as usize),
        None => vec![],
    }
}

/// Where a form is drawn over the main area.
pub fn area_for(of: &OpenForm, main: Rect) -> Rect {
    match of.kind {
        FormKind::Intake => main,
        FormKind::Search => centered(main, 110, 6),
        _ => {
            let rows: u16 = of
                .form
                .fields
                .iter()
                .enumerate()
                .filter(|(i, _)| of.form.visible(*i))
                .map(|(_, f)| field_height(f, of.form.errors.contains_key(&f.key)))
                .sum();
            let width = 110.min(main.width);
            let message = f_message_lines(of, width.saturating_sub(2)).len() as u16;
            centered(main, width, rows + 5 + message.max(1))
        }
    }
}

/// Draws a form; returns the terminal cursor position for the focused text field.
pub fn render(app: &App, of: &OpenForm, frame: &mut Frame, area: Rect) -> Option<Position> {
    let l = app.lang;
    super::clear_popup(frame, area);
    let title = format!(" {} ", safe(&of.form.title));
    let save = app.keymap.keys_for("form", "save").unwrap_or_default();
    let cancel = app.keymap.keys_for("form", "cancel").unwrap_or_default();
    let bottom = match of.kind {
        FormKind::SignIn => T::EnterSignsIn.get(l).to_string(),
        FormKind::Search => T::EnterFindsEscCancels.get(l).to_string(),
        FormKind::Setup => format!(" {save} {}  Tab {} ", T::Ok.get(l), T::Next.get(l)),
        _ => format!(
            " {save} {}  {cancel} {}  Tab/Shift-Tab {} ",
            T::Save.get(l),
            T::Cancel.get(l),
            T::Move.get(l)
        ),
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .title(title)
        .title_bottom(Line::from(bottom).right_aligned())
        .border_style(theme::title());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    // The earlier petitions beside the form when there is room, else below it (a narrow desk
    // must still notice a repeat petitioner), taking at most half the form's height.
    let (fields_area, side, below) = if of.kind == FormKind::Intake && inner.width > SIDE_W + 60 {
        (
            Rect {
                width: inner.width - SIDE_W - 1,
                ..inner
            },
            Some(Rect {
                x: inner.x + inner.width - SIDE_W,
                width: SIDE_W,
                ..inner
            }),
            None,
        )
    } else if of.kind == FormKind::Intake && !of.earlier.is_empty() {
        let want = of.earlier.len() as u16 + 4;
        let h = want.min(inner.height / 2).max(4).min(inner.height);
        (
            Rect {
                height: inner.height - h,
                ..inner
            },
            None,
            Some(Rect {
                y: inner.y + inner.height - h,
                height: h,
                ..inner
            }),
        )
    } else {
        (inner, None, None)
    };
    // The form's message, wrapped in full above the hint line.
    let message: Vec<String> = f_message_lines(of, fields_area.width);
    let msg_h = message.len() as u16;
    // At the bottom: the focused field's hint and the form's message (as many lines as it takes).
    let body = Rect {
        height: fields_area.height.saturating_sub(1 + msg_h.max(1)),
        ..fields_area
    };
    let f = &of.form;
    let visible: Vec<usize> = (0..f.fields.len()).filter(|i| f.visible(*i)).collect();
    let heights: Vec<u16> = visible
        .iter()
        .map(|i| field_height(&f.fields[*i], f.errors.contains_key(&f.fields[*i].key)))
        .collect();
    // Scroll so that the focused field is on screen.
    let focus_pos = visible.iter().position(|i| *i == f.focus).unwrap_or(0);
    let mut start = 0;
    while start < focus_pos && heights[start..=focus_pos].iter().sum::<u16>() > body.height {
        start += 1;
    }
    let mut y = body.y;
    let mut cursor = None;
    for (k, &i) in visible.iter().enumerate().skip(start) {
        let h = heights[k];
        if y + h > body.y + body.height {
            break;
        }
        if let Some(c) = render_field(
            app,
            f,
            i,
            Rect {
                x: body.x,
                y,
                width: body.width,
                height: h,
            },
            frame,
        ) {
            cursor = Some(c);
        }
        y += h;
    }
    let hint_y = fields_area.y + fields_area.height.saturating_sub(1 + msg_h.max(1));
    if let Some(h) = f
        .focused()
        .map(|x| x.hint.as_str())
        .filter(|h| !h.is_empty())
    {
        frame.render_widget(
            Paragraph::new(Span::styled(
                fit(h, fields_area.width as usize),
                theme::dim(),
            )),
            Rect {
                x: fields_area.x,
                y: hint_y,
                width: fields_area.width,
                height: 1,
            },
        );
    }
    for (k, m) in message.iter().enumerate() {
        frame.render_widget(
            Paragraph::new(Span::styled(m.clone(), theme::error())),
            Rect {
                x: fields_area.x,
                y: hint_y + 1 + k as u16,
                width: fields_area.width,
                height: 1,
            },
        );
    }
    if let Some(side) = side {
        render_earlier(app, of, frame, side);
    }
    if let Some(below) = below {
        render_earlier_below(app, of, frame, below);
    }
    cursor
}

/// One field of the form in its slot: label, input, and its error under it; the cursor if it is focused.
fn render_field(app: &App, f: &Form, i: usize, slot: Rect, frame: &mut Frame) -> Option<Position> {
    let l = app.lang;
    let field = &f.fields[i];
    let body = slot;
    let y = slot.y;
    let h = slot.height;
    let mut cursor = None;
    let focused = i == f.focus;
    let error = f.errors.get(&field.key);
    let label_style = if focused {
        theme::focused_label()
    } else if error.is_some() {
        theme::error()
    } else {
        theme::label()
    };
    let mark = if field.required { "*" } else { " " };
    let pad = (LABEL_W as usize).saturating_sub(field.label.width() + 2);
    let label = format!("{}{}{mark} ", " ".repeat(pad), field.label);
    frame.render_widget(
        Paragraph::new(Span::styled(fit(&label, LABEL_W as usize), label_style)),
        Rect {
            x: body.x,
            y,
            width: LABEL_W.min(body.width),
            height: 1,
        },
    );
    let input = Rect {
        x: body.x + LABEL_W,
        y,
        width: body.width.saturating_sub(LABEL_W),
        height: h - u16::from(error.is_some()),
    };
    match &field.input {
        Input::Text { area: ta, .. } => {
            frame.render_widget(Block::default().style(theme::input()), input);
            if focused {
                frame.render_widget(&**ta, input);
                let sc = ta.screen_cursor();
                let (top, left) = ta.scroll_offset();
                let cx = input.x + (sc.col as u16).saturating_sub(left);
                let cy = input.y + (sc.row as u16).saturating_sub(top);
                cursor = Some(Position {
                    x: cx.min(input.right().saturating_sub(1)),
                    y: cy.min(input.bottom().saturating_sub(1)),
                });
            } else {
                let text = if ta.mask_char().is_some() {
                    "•".repeat(field.value_text().chars().count())
                } else {
                    field.value_text()
                };
                let lines: Vec<Line> = crate::domain::text::lines_for_terminal(&text)
                    .map(|s| Line::raw(s.into_owned()))
                    .collect();
                frame.render_widget(
                    Paragraph::new(lines)
                        .wrap(Wrap { trim: false })
                        .style(Style::default()),
                    input,
                );
            }
        }
        Input::Choice { options, selected } => {
            let value = selected
                .and_then(|s| options.get(s))
                .map(|o| safe(&o.label).into_owned())
                .unwrap_or_else(|| T::Choose.get(l).to_string());
            let text = if focused {
                format!("‹ {value} ›   {}", T::CycleEnterOrTypeToSearch.get(l))
            } else {
                value
            };
            let style = if focused {
                theme::selected()
            } else {
                Style::default()
            };
            frame.render_widget(
                Paragraph::new(Span::styled(fit(&text, input.width as usize), style)),
                input,
            );
        }
        Input::Toggle(b) => {
            let text = if *b {
                T::CheckboxYes.get(l)
            } else {
                T::CheckboxNo.get(l)
            };
            frame.render_widget(
                Paragraph::new(Span::styled(
                    text,
                    if focused {
                        theme::selected()
                    } else {
                        Style::default()
                    },
                )),
                input,
            );
        }
    }
    if let Some(e) = error {
        frame.render_widget(
            Paragraph::new(Span::styled(format!("↑ {}", safe(e)), theme::error())),
            Rect {
                x: input.x,
                y: y + h - 1,
                width: input.width,
                height: 1,
            },
        );
    }
    cursor
}

/// The intake's panel of earlier petitions by the same mobile or ID.
fn render_earlier(app: &App, of: &OpenForm, frame: &mut Frame, area: Rect) {
    let l = app.lang;
    let mut lines: Vec<Line> = vec![];
    if of.earlier.is_empty() {
        lines.push(Line::styled(
            T::EarlierPetitionsOfThisMobileOr.get(l),
            theme::dim(),
        ));
    } else {
        lines.push(Line::styled(
            format!(
                "{} {} {}",
                T::Found.get(l),
                of.earlier.len(),
                T::EarlierPetitions.get(l)
            ),
            theme::warn(),
        ));
        for (i, e) in of.earlier.iter().enumerate() {
            let chosen = Some(i) == of.earlier_sel;
            let linked = match of.link {
                IntakeLink::RepeatOf(id) if id == e.id => T::RepeatTag.get(l),
                IntakeLink::MergeInto(id) if id == e.id => T::Merge.get(l),
                _ => "",
            };
            let style = if chosen {
                theme::selected()
            } else {
                Style::default()
            };
            let on = if e.matched_on == "mobile" {
                T::SameMobile.get(l)
            } else {
                T::Id.get(l)
            };
            lines.push(Line::styled(
                fit(
                    &format!(
                        "{} {} {} {}{linked}",
                        if chosen { "▶" } else { " " },
                        e.number,
                        e.received_at.get(..10).unwrap_or(""),
                        e.state.label(l)
                    ),
                    area.width as usize,
                ),
                style,
            ));
            lines.push(Line::styled(
                fit(
                    &format!("   {} · {on} · {}", safe(&e.name), safe(&e.summary)),
                    area.width as usize,
                ),
                theme::dim(),
            ));
        }
        lines.push(Line::raw(""));
        let k = |c: &str| app.keymap.keys_for("form", c).unwrap_or_default();
        lines.push(Line::from(vec![
            Span::styled(format!(" {} ", k("earlier_next")), theme::key()),
            Span::raw(T::SelectNext.get(l)),
        ]));
        lines.push(Line::from(vec![
            Span::styled(format!(" {} ", k("mark_repeat")), theme::key()),
            Span::raw(T::MarkAsRepeatAgainUndo.get(l)),
        ]));
        lines.push(Line::from(vec![
            Span::styled(format!(" {} ", k("mark_merge")), theme::key()),
            Span::raw(T::MergeIntoTheOpenOne.get(l)),
        ]));
    }
    let status = match of.link {
        IntakeLink::None => T::SavedAsANewTicket.get(l).to_string(),
        IntakeLink::RepeatOf(_) => T::SavedAndLinkedAsARepeat.get(l).to_string(),
        IntakeLink::MergeInto(_) => T::SavedAndMergedIntoTheSelected.get(l).to_string(),
    };
    lines.push(Line::raw(""));
    lines.push(Line::styled(status, theme::notice()));
    let block = Block::default()
        .borders(Borders::ALL)
        .title(T::EarlierPetitionsTitle.get(l));
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false }),
        area,
    );
}

/// The earlier petitions under a narrow intake form: one line each, and the keys in the title.
fn render_earlier_below(app: &App, of: &OpenForm, frame: &mut Frame, area: Rect) {
    let l = app.lang;
    let k = |c: &str| app.keymap.keys_for("form", c).unwrap_or_default();
    let mut lines: Vec<Line> = vec![
        Line::styled(
            format!(
                "{} {} {}",
                T::Found.get(l),
                of.earlier.len(),
                T::EarlierPetitions.get(l),
            ),
            theme::warn(),
        ),
        Line::styled(
            fit(
                &format!(
                    "{}{} {}{} {}{}",
                    k("earlier_next"),
                    T::SelectNext.get(l),
                    k("mark_repeat"),
                    T::MarkAsRepeatAgainUndo.get(l),
                    k("mark_merge"),
                    T::MergeIntoTheOpenOne.get(l),
                ),
                area.width as usize,
            ),
            theme::dim(),
        ),
    ];
    let rows = area.height.saturating_sub(3) as usize;
    let start = of
        .earlier_sel
        .unwrap_or(0)
        .saturating_sub(rows.saturating_sub(1));
    for (i, e) in of.earlier.iter().enumerate().skip(start).take(rows) {
        let chosen = Some(i) == of.earlier_sel;
        let linked = match of.link {
            IntakeLink::RepeatOf(id) if id == e.id => T::RepeatTag.get(l),
            IntakeLink::MergeInto(id) if id == e.id => T::Merge.get(l),
            _ => "",
        };
        lines.push(Line::styled(
            fit(
                &format!(
                    "{}{} {} {}{linked} {} {}",
                    if chosen { "▶" } else { " " },
                    e.number,
                    e.received_at.get(..10).unwrap_or(""),
                    e.state.label(l),
                    safe(&e.name),
                    safe(&e.summary)
                ),
                area.width as usize,
            ),
            if chosen {
                theme::selected()
            } else {
                Style::default()
            },
        ));
    }
    let block = Block::default()
        .borders(Borders::TOP)
        .title(T::EarlierPetitionsTitle.get(l))
        .border_style(theme::warn());
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

/// A pop-up list with type-to-filter; returns the cursor position (on the filter text).
pub fn render_picker(app: &App, p: &Picker, frame: &mut Frame, area: Rect) -> Position {
    let l = app.lang;
    let visible = p.visible();
    let height = (visible.len() as u16 + 4).clamp(6, area.height.saturating_sub(4));
    let width = visible
        .iter()
        .map(|o| o.label.width() as u16)
        .max()
        .unwrap_or(20)
        .max(30)
        + 6;
    let r = centered(area, width.min(area.width), height);
    super::clear_popup(frame, r);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(format!(" {} ", safe(&p.title)))
        .border_style(theme::title());
    let inner = block.inner(r);
    frame.render_widget(block, r);
    let filter = format!("{}{}", T::FilterPrefix.get(l), safe(&p.filter));
    frame.render_widget(
        Paragraph::new(Span::styled(filter.clone(), theme::dim())),
        Rect { height: 1, ..inner },
    );
    let rows = inner.height.saturating_sub(1) as usize;
    let start = p.selected.saturating_sub(rows.saturating_sub(1));
    let lines: Vec<Line> = visible
        .iter()
        .enumerate()
        .skip(start)
        .take(rows)
        .map(|(i, o)| {
            let text = fit(&o.label, inner.width as usize);
            if i == p.selected {
                Line::styled(text, theme::selected())
            } else {
                Line::raw(text)
            }
        })
        .collect();
    let list_area = Rect {
        y: inner.y + 1,
        height: inner.height.saturating_sub(1),
        ..inner
    };
    if lines.is_empty() {
        frame.render_widget(
            Paragraph::new(Span::styled(T::NoMatchBackspace.get(l), theme::dim())),
            list_area,
        );
    } else {
        frame.render_widget(Paragraph::new(lines), list_area);
    }
    Position {
        x: (inner.x + filter.width() as u16).min(inner.right().saturating_sub(1)),
        y: inner.y,
    }
}
