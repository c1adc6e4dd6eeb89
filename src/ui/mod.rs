//! Rendering: one function per pane, drawing the `App` into a frame. Only the visible rows are
//! built. Every string from a petitioner, a file or the database goes through `safe` first.

use crate::text::T;
use std::borrow::Cow;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::style::{Style, Stylize};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};
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

/// `s` broken into lines of at most `width` cells (CJK breaks anywhere; a Latin word stays
/// whole when it fits a line). Untrusted text is made safe first. Nothing is cut.
pub fn wrap(s: &str, width: usize) -> Vec<String> {
    use unicode_width::UnicodeWidthChar;
    let width = width.max(2);
    let closing = |c: char| "，。、；：？！）」』”’》,.;:?!)".contains(c);
    let mut out = vec![];
    for para in s.split('\n') {
        let para = safe(para.trim_end_matches('\r'));
        // Tokens: a run of Latin letters and digits (a word, a number), or one other character.
        let mut tokens: Vec<String> = vec![];
        for c in para.chars() {
            let latin = c.is_ascii_alphanumeric();
            match tokens.last_mut() {
                Some(t) if latin && t.chars().last().is_some_and(|p| p.is_ascii_alphanumeric()) => {
                    t.push(c)
                }
                _ => tokens.push(c.to_string()),
            }
        }
        let mut line = String::new();
        let mut w = 0usize;
        for t in tokens {
            let tw = t.width();
            if w + tw > width && w > 0 {
                let mut carry = String::new();
                // Closing punctuation never starts a line: the character it closes comes along.
                if t.chars().next().is_some_and(closing)
                    && let Some(last) = line.pop()
                {
                    carry.push(last);
                }
                out.push(line.trim_end().to_string());
                line = carry;
                w = line.width();
                if t == " " {
                    continue;
                }
            }
            if tw > width {
                for c in t.chars() {
                    let cw = c.width().unwrap_or(0);
                    if w + cw > width {
                        out.push(std::mem::take(&mut line));
                        w = 0;
                    }
                    line.push(c);
                    w += cw;
                }
                continue;
            }
            line.push_str(&t);
            w += tw;
        }
        out.push(line.trim_end().to_string());
    }
    out
}

/// Lines broken to `width` cells keeping each span's style, so that a pane can count its
/// lines (to scroll to the end, or to stop at it) as the terminal shows them.
pub fn wrap_lines(lines: Vec<Line<'_>>, width: u16) -> Vec<Line<'static>> {
    use unicode_width::UnicodeWidthChar;
    let width = width.max(2) as usize;
    let mut out = vec![];
    for line in lines {
        if line.width() <= width {
            out.push(
                Line::from(
                    line.spans
                        .into_iter()
                        .map(|s| Span::styled(s.content.into_owned(), s.style))
                        .collect::<Vec<_>>(),
                )
                .style(line.style),
            );
            continue;
        }
        let mut cur: Vec<Span<'static>> = vec![];
        let mut w = 0;
        for span in line.spans {
            let mut text = String::new();
            for c in span.content.chars() {
                let cw = c.width().unwrap_or(0);
                if w + cw > width {
                    if !text.is_empty() {
                        cur.push(Span::styled(std::mem::take(&mut text), span.style));
                    }
                    out.push(Line::from(std::mem::take(&mut cur)).style(line.style));
                    w = 0;
                }
                text.push(c);
                w += cw;
            }
            if !text.is_empty() {
                cur.push(Span::styled(text, span.style));
            }
        }
        out.push(Line::from(cur).style(line.style));
    }
    out
}

/// Which columns of a table fit `width` cells: each column is (its width, its priority; 0 is
/// kept always), with one cell between columns. Columns are dropped from the highest priority
/// number down (the last listed first among equals) until the rest fit, so a ticket's number,
/// deadline level and state stay whole on any screen and what matters less goes first.
pub fn columns_that_fit(cols: &[(u16, u8)], width: u16) -> Vec<bool> {
    let mut keep = vec![true; cols.len()];
    let total = |keep: &[bool]| -> u32 {
        let shown: Vec<u32> = cols
            .iter()
            .zip(keep)
            .filter(|(_, k)| **k)
            .map(|(c, _)| u32::from(c.0))
            .collect();
        shown.iter().sum::<u32>() + shown.len().saturating_sub(1) as u32
    };
    let mut order: Vec<usize> = (0..cols.len()).filter(|i| cols[*i].1 > 0).collect();
    order.sort_by_key(|i| (std::cmp::Reverse(cols[*i].1), std::cmp::Reverse(*i)));
    for i in order {
        if total(&keep) <= u32::from(width) {
            break;
        }
        keep[i] = false;
    }
    keep
}

/// Clears a popup's rectangle; a wide character under the popup's left edge whose first half
/// lies just outside it is blanked, because a terminal would draw the whole character over the
/// popup's border (and the right edge likewise).
pub fn clear_popup(frame: &mut Frame, r: Rect) {
    use unicode_width::UnicodeWidthStr;
    frame.render_widget(Clear, r);
    let area = frame.area();
    let buf = frame.buffer_mut();
    for y in r.y..r.y.saturating_add(r.height).min(area.y + area.height) {
        if r.x > area.x {
            let cell = &mut buf[(r.x - 1, y)];
            if cell.symbol().width() > 1 {
                cell.set_symbol(" ");
            }
        }
        let right = r.x.saturating_add(r.width);
        if right < area.x + area.width {
            let cell = &mut buf[(right, y)];
            if cell.symbol().is_empty() {
                cell.set_symbol(" ");
            }
        }
    }
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
                Constraint::Length(status_height(app, area.width)),
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
    if let Some(what) = app.waiting_for {
        render_waiting(app, what, frame, area);
        cursor = None;
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
    // On a narrow screen the panes not shown are named by their key alone.
    let build = |short: bool| -> Vec<Span<'static>> {
        let mut spans = vec![Span::styled(T::AppTitle.get(l), theme::title())];
        for pane in app.panes() {
            let active = app.pane == pane && app.detail.is_none();
            let style = if active {
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
            if short && !active {
                spans.push(Span::styled(format!(" {key} "), style));
            } else {
                spans.push(Span::styled(format!(" {key} {} ", pane.label(l)), style));
            }
        }
        if let Some(d) = &app.detail {
            spans.push(Span::raw(" "));
            spans.push(Span::styled(
                format!(" {} {} ", T::Ticket.get(l), d.rec.number()),
                theme::tab_active(),
            ));
        }
        spans
    };
    let width = |spans: &[Span]| -> usize { spans.iter().map(|s| s.content.width()).sum() };
    let mut spans = build(false);
    if width(&spans) > area.width as usize {
        spans = build(true);
    }
    if let Some(s) = &app.session {
        let right = format!("{} ", s.center_name);
        let used = width(&spans);
        if used + right.width() < area.width as usize {
            let pad = (area.width as usize).saturating_sub(used + right.width());
            spans.push(Span::raw(" ".repeat(pad)));
            spans.push(Span::styled(right, theme::dim()));
        }
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
    for c in cmds.iter().filter(|c| app.offers(section, c)) {
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
    let mut spans = status_spans(app);
    let used: usize = spans.iter().map(|s| s.width()).sum();
    let Some((m, kind)) = &app.status.message else {
        let bar = Paragraph::new(Line::from(spans)).style(theme::status_bar());
        // Wrapped only when the counts do not fit one line (a wrapped line loses its space).
        let bar = if used > area.width as usize {
            bar.wrap(Wrap { trim: true })
        } else {
            bar
        };
        frame.render_widget(bar, area);
        return;
    };
    let style = if *kind == MsgKind::Error {
        theme::error()
    } else {
        theme::info()
    };
    let m = safe(m).into_owned();
    let mut lines = vec![];
    if used + 3 + m.width() <= area.width as usize {
        spans.push(Span::raw(" │ "));
        spans.push(Span::styled(m, style));
        lines.push(Line::from(spans));
    } else {
        // Too long for the bar: the message gets lines of its own above it, in full.
        lines.extend(
            wrap(&m, area.width.saturating_sub(2) as usize)
                .into_iter()
                .map(|l| Line::from(Span::styled(format!(" {l}"), style))),
        );
        lines.push(Line::from(spans));
    }
    let bar = Paragraph::new(lines).style(theme::status_bar());
    let bar = if used > area.width as usize {
        bar.wrap(Wrap { trim: true })
    } else {
        bar
    };
    frame.render_widget(bar, area);
}

/// The status bar's height: one line, and the message's own lines when it does not fit beside
/// the counts (at most a third of the screen).
fn status_height(app: &App, width: u16) -> u16 {
    let spans = status_spans(app);
    let full: usize = spans.iter().map(|s| s.width()).sum();
    // As the bar draws it: a wrapped line loses its leading space.
    let used = if full > width as usize {
        spans
            .iter()
            .map(|s| s.content.as_ref())
            .collect::<String>()
            .trim_start()
            .width()
    } else {
        full
    };
    // The counts wrap onto a second line on a narrow screen rather than lose the warnings.
    let bar = if used > width as usize { 2 } else { 1 };
    let Some((m, _)) = &app.status.message else {
        return bar;
    };
    let m = safe(m);
    if used + 3 + m.width() <= width as usize {
        return 1;
    }
    let lines = wrap(&m, width.saturating_sub(2) as usize).len() as u16;
    bar + lines.min(app.size.1 / 3).max(1)
}

/// The status bar's counts and warnings (the message is placed by `render_status`).
fn status_spans(app: &App) -> Vec<Span<'static>> {
    let l = app.lang;
    let mut spans: Vec<Span<'static>> = vec![];
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
        // A long job says how far it has got; a save that waits says why it waits.
        let said = match app.progress.reading() {
            Some(r) if r.total > 0 => format!("⏳ {} {}/{}", r.what.get(l), r.done, r.total),
            Some(r) => format!("⏳ {} {}", r.what.get(l), r.done),
            None => format!(
                "⏳ {} {}",
                T::SavingAnotherDeskIsWritingPlease.get(l),
                T::S.fill(l, &[&w.as_secs()])
            ),
        };
        spans.push(Span::styled(said, theme::warn()));
    }
    spans
}

/// The help overlay, generated from the keymap.
fn render_help(app: &App, frame: &mut Frame, area: Rect, scroll: u16) {
    let l = app.lang;
    let r = centered(area, 100, area.height.saturating_sub(4));
    clear_popup(frame, r);
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
    // Only what this user may do (a department account: no roster, visits, members or admin).
    sections.retain(|s| app.session.is_none() || app.offers(s, ""));
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
            if app.session.is_some() && b.run.is_some_and(|c| !app.offers(s, c.name())) {
                continue;
            }
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

/// A job the desk waits for (loading the demo): what runs, how far it has got, and that keys
/// do nothing until it is done.
fn render_waiting(app: &App, what: T, frame: &mut Frame, area: Rect) {
    let l = app.lang;
    let width = 56.min(area.width);
    let inner = width.saturating_sub(4) as usize;
    let mut lines = vec![Line::raw("")];
    match app.progress.reading() {
        Some(r) if r.total > 0 => {
            let label = format!("{} ", r.what.get(l));
            let count = format!(" {}/{}", r.done.min(r.total), r.total);
            let bar_w = inner.saturating_sub(label.width() + count.width()).max(4);
            let filled = (bar_w as u64 * r.done.min(r.total) / r.total) as usize;
            lines.push(Line::from(vec![
                Span::raw(label),
                Span::styled("█".repeat(filled), theme::key()),
                Span::raw("░".repeat(bar_w - filled)),
                Span::raw(count),
            ]));
        }
        Some(r) => lines.push(Line::raw(format!("{} …", r.what.get(l)))),
        None => lines.push(Line::raw("…")),
    }
    lines.push(Line::raw(""));
    for w in wrap(T::ProgressKeysWait.get(l), inner) {
        lines.push(Line::raw(w));
    }
    let r = centered(area, width, lines.len() as u16 + 2);
    clear_popup(frame, r);
    frame.render_widget(
        Paragraph::new(lines)
            .block(
                Block::default()
                    .borders(Borders::ALL)
                    .title(format!(" {} ", what.get(l))),
            )
            .centered(),
        r,
    );
}

fn render_confirm(app: &App, frame: &mut Frame, area: Rect, text: &str) {
    let l = app.lang;
    let width = (text.width() as u16 + 8).clamp(40, area.width.min(100));
    let body = wrap(text, width.saturating_sub(4) as usize);
    let r = centered(area, width, body.len() as u16 + 4);
    clear_popup(frame, r);
    let mut lines: Vec<Line> = body.into_iter().map(Line::raw).collect();
    lines.extend([
        Line::raw(""),
        Line::from(vec![
            Span::styled(" y/Enter ", theme::key()),
            Span::raw(T::YesButton.get(l)),
            Span::styled(" n/Esc ", theme::key()),
            Span::raw(T::NoButton.get(l)),
        ]),
    ]);
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
    use super::{columns_that_fit, label_sep, wrap};
    use unicode_width::UnicodeWidthStr;

    #[test]
    fn wrapping_cuts_nothing_and_no_line_starts_with_closing_punctuation() {
        let text = "另一窗口（李明）已于12月1日 09:30改动此件，请核对后再保存。你的文字仍在表单中，可以在对方的改动之上保存。";
        for width in [8, 13, 20, 37, 60] {
            let lines = wrap(text, width);
            assert_eq!(
                lines.concat().replace(' ', ""),
                text.replace(' ', ""),
                "{width}"
            );
            for l in &lines {
                assert!(l.width() <= width, "{l:?} wider than {width}");
                assert!(!l.starts_with(['，', '。', '、', '）']), "{l:?} at {width}");
            }
        }
        // A Latin word stays whole when it fits.
        assert_eq!(
            wrap("press Ctrl-S to save", 12),
            vec!["press Ctrl-S", "to save"]
        );
        assert_eq!(wrap("a\nb", 10), vec!["a", "b"]);
    }

    #[test]
    fn columns_are_dropped_by_priority_until_the_rest_fit() {
        let cols = [(12, 0), (18, 0), (10, 2), (8, 1), (20, 3)];
        assert_eq!(columns_that_fit(&cols, 200), vec![true; 5]);
        // 12+18+10+8+20 + 4 spaces = 72: without the 20 (priority 3) it is 51.
        assert_eq!(
            columns_that_fit(&cols, 60),
            vec![true, true, true, true, false]
        );
        assert_eq!(
            columns_that_fit(&cols, 40),
            vec![true, true, false, true, false]
        );
        // Never the priority-0 columns, even when they do not fit.
        assert_eq!(
            columns_that_fit(&cols, 10),
            vec![true, true, false, false, false]
        );
    }

    #[test]
    fn a_label_is_followed_by_the_colon_of_its_script() {
        assert_eq!(label_sep("姓名"), "：");
        assert_eq!(label_sep("Lives in"), ": ");
        assert_eq!(label_sep("Term to"), ": ");
    }
}
