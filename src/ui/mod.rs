//! Rendering: one function per pane, drawing the `App` into a frame. Only the visible rows are
//! built. Every string from a petitioner, a file or the database goes through `safe` first.

use crate::text::T;
use std::borrow::Cow;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::style::{Style, Stylize};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use unicode_width::UnicodeWidthStr;

use crate::app::{App, MsgKind, Pane, Popup, Screen};
use crate::domain::text::for_terminal;

pub mod admin;
pub mod board;
pub mod detail;
pub mod draw;
pub mod form;
pub mod hearing;
pub mod members;
pub mod queue;
pub mod review;
pub mod roster;
pub mod theme;
pub mod visits;

/// Untrusted text made safe for the terminal.
pub fn safe(s: &str) -> Cow<'_, str> {
    for_terminal(s)
}

/// Cuts `s` to at most `width` terminal cells, with … when cut.
pub fn fit(s: &str, width: usize) -> String {
    use unicode_width::UnicodeWidthChar;
    let s = safe(s);
    if s.width() <= width {
        return s.into_owned();
    }
    let mut out = String::new();
    let mut w = 0;
    for c in s.chars() {
        let cw = c.width().unwrap_or(0);
        if w + cw + 1 > width {
            break;
        }
        out.push(c);
        w += cw;
    }
    out.push('…');
    out
}

pub(crate) fn kv(k: &str, v: String) -> Line<'static> {
    Line::from(vec![
        Span::styled(format!("{k}{}", label_sep(k)), theme::label()),
        Span::raw(v),
    ])
}

/// What follows a label: the full-width colon after Chinese, ": " after a Latin word.
pub(crate) fn label_sep(label: &str) -> &'static str {
    if label.chars().last().is_some_and(|c| c.is_ascii()) {
        ": "
    } else {
        "："
    }
}

pub(crate) fn view_tabs<'a>(items: Vec<(String, bool, Style)>) -> Line<'a> {
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

pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let w = width.min(area.width);
    let h = height.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

/// Draws the whole desk.
pub fn render(app: &App, frame: &mut Frame) {
    let area = frame.area();
    let mut cursor: Option<Position> = None;
    match app.screen {
        Screen::Setup | Screen::SignIn => {
            render_welcome(app, frame, area);
            if let Some(of) = &app.form {
                let w = if app.screen == Screen::Setup { 90 } else { 60 };
                let h = if app.screen == Screen::Setup { 20 } else { 11 };
                let r = centered(area, w, h);
                cursor = form::render(app, of, frame, r);
            }
        }
        Screen::Desk => {
            let [top, main, hints, status] = Layout::vertical([
                Constraint::Length(1),
                Constraint::Min(3),
                Constraint::Length(1),
                Constraint::Length(1),
            ])
            .areas(area);
            render_tabs(app, frame, top);
            match (&app.delib, &app.detail) {
                (Some(crate::app::delib::DelibView::Draw(live)), _) => {
                    draw::render_draw(app, live, frame, main)
                }
                (Some(crate::app::delib::DelibView::Hearing(v)), _) => {
                    hearing::render_hearing(app, v, frame, main)
                }
                (None, Some(_)) => detail::render(app, frame, main),
                (None, None) => match app.pane {
                    Pane::Queue => queue::render(app, frame, main),
                    Pane::Board => board::render(app, frame, main),
                    Pane::Review => review::render(app, frame, main),
                    Pane::Roster => roster::render_roster(app, frame, main),
                    Pane::Visits => visits::render_visits(app, frame, main),
                    Pane::Members => members::render_members(app, frame, main),
                    Pane::Admin => admin::render(app, frame, main),
                },
            }
            render_hints(app, frame, hints);
            render_status(app, frame, status);
            if let Some(of) = &app.form {
                let r = form::area_for(of, main);
                cursor = form::render(app, of, frame, r);
            }
        }
    }
    match &app.popup {
        Some(Popup::Help { scroll }) => render_help(app, frame, area, *scroll),
        Some(Popup::Confirm { text, .. }) => render_confirm(app, frame, area, text),
        Some(Popup::Picker(p)) => cursor = Some(form::render_picker(app, p, frame, area)),
        None => {}
    }
    if let Some(c) = cursor {
        // The real cursor sits on the caret, so the IME candidate window appears there.
        frame.set_cursor_position(c);
    }
}

fn render_welcome(app: &App, frame: &mut Frame, area: Rect) {
    let l = app.lang;
    let title = vec![
        Line::from(T::Suqiu.get(l)).bold().centered(),
        Line::from(T::PetitionServiceCenterDesk.get(l)).centered(),
    ];
    let r = Rect {
        y: area.y + 1,
        height: 2.min(area.height),
        ..area
    };
    frame.render_widget(Paragraph::new(title).style(theme::title()), r);
    if !app.status.missing_years.is_empty() {
        let years: Vec<String> = app
            .status
            .missing_years
            .iter()
            .map(|y| y.to_string())
            .collect();
        let warn = T::HasNoOfficialHolidayData.get(l);
        let r = Rect {
            y: area.bottom().saturating_sub(1),
            height: 1,
            ..area
        };
        frame.render_widget(
            Paragraph::new(format!("⚠ {}{warn}", years.join("、")))
                .style(theme::warn())
                .centered(),
            r,
        );
    }
}

fn render_tabs(app: &App, frame: &mut Frame, area: Rect) {
    let l = app.lang;
    let mut spans = vec![Span::styled(T::AppTitle.get(l), theme::title())];
    for pane in app.panes() {
        let style = if app.pane == pane && app.detail.is_none() {
            theme::tab_active()
        } else {
            theme::tab()
        };
        // The key that opens it, as the keymap binds it (a user's keymap may move it).
        let key = app
            .keymap
            .binding("global", &format!("pane_{}", pane.section()))
            .map(|b| b.keys_label())
            .unwrap_or_default();
        spans.push(Span::raw(" "));
        spans.push(Span::styled(format!(" {key} {} ", pane.label(l)), style));
    }
    if let Some(d) = &app.detail {
        spans.push(Span::raw(" "));
        spans.push(Span::styled(
            format!(" {} {} ", T::Ticket.get(l), d.rec.number()),
            theme::tab_active(),
        ));
    }
    if let Some(s) = &app.session {
        let right = format!("{} ", s.center_name);
        let used: usize = spans.iter().map(|s| s.content.width()).sum();
        let pad = (area.width as usize).saturating_sub(used + right.width());
        spans.push(Span::raw(" ".repeat(pad)));
        spans.push(Span::styled(right, theme::dim()));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// The hearing's keys for the moves its lifecycle allows in this state.
fn hearing_hints(state: crate::domain::hearing::HearingState) -> Vec<&'static str> {
    use crate::domain::hearing::{HearingMoveKind as K, hearing_moves};
    let mut out: Vec<&str> = hearing_moves(state)
        .into_iter()
        .map(|k| match k {
            K::MarkAbsent => "absent",
            K::Open => "open",
            K::Note => "note",
            K::FixQuestions => "questions",
            K::Vote => "vote",
            K::Correct => "correct",
            K::Close => "finish",
        })
        .collect();
    out.extend(["print", "back"]);
    out
}

/// The visit pane's keys: the moves the selected visit allows, most pressing first (its outcome,
/// then its residents, then its staffing and notice), then moving about.
fn visit_hints(visit: Option<crate::domain::visits::VisitFacts>) -> Vec<&'static str> {
    use crate::domain::visits::{VisitMoveKind as K, visit_moves};
    let allowed = visit.map(|v| visit_moves(&v)).unwrap_or_default();
    let mut out: Vec<&str> = [
        (K::RecordHeld, "held"),
        (K::Register, "register"),
        (K::LeaderAbsent, "absent"),
        (K::PostNotice, "notice"),
        (K::PickMembers, "pick"),
        (K::RecordNotHeld, "not_held"),
    ]
    .into_iter()
    .filter(|(k, _)| allowed.contains(k))
    .map(|(_, name)| name)
    .collect();
    out.extend(["view", "next_month", "ledger"]);
    out
}

/// The hint line: the main keys of the current context, from the keymap.
fn render_hints(app: &App, frame: &mut Frame, area: Rect) {
    let l = app.lang;
    let offered: Vec<&str>;
    let (section, cmds): (&str, &[&str]) = match (&app.popup, &app.form) {
        (Some(_), _) => ("menu", &["choose", "cancel"]),
        (None, Some(_)) => ("form", &["next_field", "save", "cancel"]),
        (None, None) if matches!(app.delib, Some(crate::app::delib::DelibView::Draw(_))) => {
            ("draw", &["confirm", "strike", "finalize", "print", "back"])
        }
        (None, None) if matches!(app.delib, Some(crate::app::delib::DelibView::Hearing(_))) => {
            // The moves the hearing's lifecycle allows now, then printing and leaving.
            let Some(crate::app::delib::DelibView::Hearing(v)) = &app.delib else {
                unreachable!()
            };
            offered = hearing_hints(v.hearing.state);
            ("hearing", &offered)
        }
        (None, None) if app.detail.is_some() => ("detail", &["actions", "print", "back"]),
        (None, None) => match app.pane {
            Pane::Queue => (
                "queue",
                &[
                    "open",
                    "new_ticket",
                    "search",
                    "filter",
                    "sort",
                    "scope",
                    "mine",
                    "clear_filters",
                ],
            ),
            Pane::Board => ("board", &["open", "left", "right", "new_ticket"]),
            Pane::Review => ("review", &["open", "figure", "previous", "next", "kind"]),
            Pane::Roster => (
                "roster",
                &[
                    "search",
                    "filter",
                    "add",
                    "edit",
                    "status",
                    "training",
                    "clear_filters",
                ],
            ),
            Pane::Visits => {
                offered = visit_hints(app.selected_visit().map(|v| v.facts(app.today())));
                ("visits", &offered)
            }
            Pane::Members => (
                "members",
                &[
                    "view_next",
                    "add",
                    "assign",
                    "contact",
                    "wish",
                    "escalate",
                    "print_card",
                ],
            ),
            Pane::Admin => ("admin", &["add", "edit", "toggle_active", "tab_next"]),
        },
    };
    // The help key always shows; the hints before it as many as fit, in order (a narrow
    // terminal keeps the first, most used ones, and ? lists the rest).
    let mut help = vec![];
    // In a form the help key is the form's (F1): there `?` types a question mark.
    let help_key = if app.form.is_some() {
        app.keymap.keys_for("form", "help")
    } else {
        app.keymap.keys_for("global", "help")
    };
    if let Some(k) = help_key {
        help.push(Span::styled(format!(" {k} "), theme::key()));
        help.push(Span::raw(format!(" {}", T::AllKeys.get(l))));
    }
    let room = (area.width as usize).saturating_sub(Line::from(help.clone()).width());
    let mut spans = vec![];
    let mut used = 0;
    // What this user may not do is not offered (a department account registers nothing).
    let may_register = app
        .session
        .as_ref()
        .is_some_and(|s| crate::domain::roles::can(&s.actor, crate::domain::roles::Act::Register));
    for c in cmds.iter().filter(|c| **c != "new_ticket" || may_register) {
        if let Some(b) = app.keymap.binding(section, c) {
            let hint = [
                Span::styled(format!(" {} ", b.keys_label()), theme::key()),
                Span::raw(format!(" {}  ", b.desc(l))),
            ];
            let w = hint.iter().map(Span::width).sum::<usize>();
            if used + w > room {
                break;
            }
            used += w;
            spans.extend(hint);
        }
    }
    spans.extend(help);
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

fn render_status(app: &App, frame: &mut Frame, area: Rect) {
    let l = app.lang;
    let mut spans: Vec<Span> = vec![];
    if let Some(s) = &app.session {
        spans.push(Span::styled(
            format!(" {} · {} ", safe(&s.actor.name), s.actor.role.label(l)),
            theme::status_user(),
        ));
    }
    let c = app.status.counts;
    spans.push(Span::raw(format!(
        " {} {} │ {} {} │ ",
        T::ToDraft.get(l),
        c.to_draft,
        T::ToIssue.get(l),
        c.to_issue
    )));
    spans.push(Span::styled(
        format!("{} {}", T::Overdue.get(l), c.overdue),
        if c.overdue > 0 {
            theme::level(crate::domain::vocab::Level::Overdue)
        } else {
            Style::default()
        },
    ));
    let center = app.sees_center_work();
    if center && c.unstaffed > 0 {
        spans.push(Span::raw(" │ "));
        spans.push(Span::styled(
            format!("{} {}", T::VisitsWithoutALeader.get(l), c.unstaffed),
            theme::error(),
        ));
    }
    if center && c.notices_due > 0 {
        spans.push(Span::raw(" │ "));
        spans.push(Span::styled(
            format!("{} {}", T::NoticesDueLower.get(l), c.notices_due),
            theme::warn(),
        ));
    }
    if app.status.db_readable_by_others {
        spans.push(Span::raw(" │ "));
        spans.push(Span::styled(
            format!("⚠ {}", T::DatabaseReadableByOthers.get(l)),
            theme::warn(),
        ));
    }
    if !app.status.missing_years.is_empty() {
        let years: Vec<String> = app
            .status
            .missing_years
            .iter()
            .map(|y| y.to_string())
            .collect();
        spans.push(Span::raw(" │ "));
        spans.push(Span::styled(
            format!("⚠ {}{}", years.join("、"), T::NoHolidayData.get(l)),
            theme::warn(),
        ));
    }
    if let Some(n) = &app.status.notice {
        spans.push(Span::raw(" │ "));
        spans.push(Span::styled(n.clone(), theme::notice()));
    }
    if let Some(w) = app.status.working {
        spans.push(Span::raw(" │ "));
        spans.push(Span::styled(
            format!(
                "⏳ {} {}",
                T::SavingAnotherDeskIsWritingPlease.get(l),
                T::S.fill(l, &[&w.as_secs()])
            ),
            theme::warn(),
        ));
    }
    if let Some((m, kind)) = &app.status.message {
        spans.push(Span::raw(" │ "));
        spans.push(Span::styled(
            safe(m).into_owned(),
            if *kind == MsgKind::Error {
                theme::error()
            } else {
                theme::info()
            },
        ));
    }
    frame.render_widget(
        Paragraph::new(Line::from(spans)).style(theme::status_bar()),
        area,
    );
}

/// The help overlay, generated from the keymap.
fn render_help(app: &App, frame: &mut Frame, area: Rect, scroll: u16) {
    let l = app.lang;
    let r = centered(area, 100, area.height.saturating_sub(4));
    frame.render_widget(Clear, r);
    let names = |s: &str| -> &'static str {
        match s {
            "global" => T::Everywhere.get(l),
            "queue" => T::Queue.get(l),
            "board" => T::Board.get(l),
            "review" => T::ReviewPane.get(l),
            "detail" => T::TicketDetail.get(l),
            "form" => T::Forms.get(l),
            "form_choice" => T::ChoicesInForms.get(l),
            "menu" => T::PopUpListsTypeToFilter.get(l),
            "admin" => T::Admin.get(l),
            "roster" => T::RosterTitle.get(l),
            "visits" => T::LeadersVisits.get(l),
            "members" => T::PartyMembersAndHouseholds.get(l),
            "draw" => T::Draw.get(l),
            "hearing" => T::Hearing.get(l),
            "confirm" => T::Confirm.get(l),
            _ => T::Help.get(l),
        }
    };
    let mut lines: Vec<Line> = vec![];
    // From inside a form: the form's keys and the text-editing keys come first.
    let in_form = app.form.is_some();
    let mut sections: Vec<&str> = crate::keymap::SECTIONS.to_vec();
    if in_form {
        sections.sort_by_key(|s| !matches!(*s, "form" | "form_choice"));
    }
    for (i, s) in sections.into_iter().enumerate() {
        if in_form && i == 2 {
            lines.push(Line::from(Span::styled(
                T::TextEditingKeys.get(l),
                theme::title(),
            )));
            for row in T::TextEditingKeysList.get(l).lines() {
                let (keys, desc) = row.split_once('|').unwrap_or((row, ""));
                let pad = 16usize.saturating_sub(keys.width());
                lines.push(Line::from(vec![
                    Span::raw("  "),
                    Span::styled(keys.to_string(), theme::key()),
                    Span::raw(" ".repeat(pad + 1)),
                    Span::raw(desc.to_string()),
                ]));
            }
            lines.push(Line::raw(""));
        }
        lines.push(Line::from(Span::styled(names(s), theme::title())));
        for b in app.keymap.section(s) {
            let keys = b.keys_label();
            let pad = 16usize.saturating_sub(keys.width());
            lines.push(Line::from(vec![
                Span::raw("  "),
                Span::styled(keys, theme::key()),
                Span::raw(" ".repeat(pad + 1)),
                Span::raw(b.desc(l).to_string()),
            ]));
        }
        lines.push(Line::raw(""));
    }
    let block = Block::default()
        .borders(Borders::ALL)
        .title(T::HelpKeysEscClosesJK.get(l));
    frame.render_widget(Paragraph::new(lines).block(block).scroll((scroll, 0)), r);
}

fn render_confirm(app: &App, frame: &mut Frame, area: Rect, text: &str) {
    let l = app.lang;
    let width = (text.width() as u16 + 8).clamp(40, area.width);
    let r = centered(area, width, 5);
    frame.render_widget(Clear, r);
    let lines = vec![
        Line::raw(safe(text).into_owned()),
        Line::raw(""),
        Line::from(vec![
            Span::styled(" y/Enter ", theme::key()),
            Span::raw(T::YesButton.get(l)),
            Span::styled(" n/Esc ", theme::key()),
            Span::raw(T::NoButton.get(l)),
        ]),
    ];
    frame.render_widget(
        Paragraph::new(lines)
            .block(
                Block::default()
                    .borders(Borders::ALL)
                    .title(T::ConfirmTitle.get(l)),
            )
            .centered(),
        r,
    );
}

#[cfg(test)]
mod tests {
    use super::label_sep;

    #[test]
    fn a_label_is_followed_by_the_colon_of_its_script() {
        assert_eq!(label_sep("姓名"), "：");
        assert_eq!(label_sep("Lives in"), ": ");
        assert_eq!(label_sep("Term to"), ": ");
    }
}
