//! Ticket detail: every field, the timeline of events, the deadline and level, and the moves this
//! user may make now.

use crate::text::T;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::{safe, theme};
use crate::app::{App, TicketView};
use crate::domain::audit::payload_pairs;
use crate::domain::calendar::zh_date;
use crate::domain::limits::{level, time_left};
use crate::domain::text::mask_id;
use crate::domain::vocab::{
    Classification, DayKind, FeedbackMethod, Lang, Resolution, Satisfaction, State,
};
use crate::words::first_handler;

fn field<'a>(name: &str, value: String) -> Line<'a> {
    Line::from(vec![
        Span::styled(format!("{name}{}", super::label_sep(name)), theme::label()),
        Span::raw(value),
    ])
}

fn detail_value(lang: Lang, app: &App, k: &str, v: &str) -> Option<(String, String)> {
    let key = crate::words::detail_label(k, lang)?.to_string();
    let id = v.parse::<i64>().ok();
    let value = match k {
        "classification" | "decision" => {
            Classification::from_code(v).map(|c| c.label(lang).to_string())
        }
        "department" => id.map(|d| app.refs.department_name(Some(d)).to_string()),
        "leader" => id.map(|d| app.refs.leader_name(Some(d)).to_string()),
        "category" => id.map(|d| app.refs.category_name(d).to_string()),
        "channel" => crate::domain::vocab::Channel::from_code(v).map(|c| c.label(lang).to_string()),
        "resolution" | "solved" => Resolution::from_code(v).map(|c| c.label(lang).to_string()),
        "satisfaction" => Satisfaction::from_code(v).map(|c| c.label(lang).to_string()),
        "method" => FeedbackMethod::from_code(v).map(|c| c.label(lang).to_string()),
        _ => crate::words::detail_value(k, v, lang),
    }
    .unwrap_or_else(|| v.to_string());
    Some((key, value))
}

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let Some(d) = &app.detail else { return };
    let r = &d.rec;
    let [main, moves] = Layout::vertical([Constraint::Min(5), Constraint::Length(3)]).areas(area);
    let [left, right] =
        Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(main);

    let lines = super::wrap_lines(record_lines(app, d), left.width.saturating_sub(2));
    let height = left.height.saturating_sub(2);
    // Scrolled no further than the last line; the title says when more is below or above.
    let last = (lines.len() as u16).saturating_sub(height);
    let scroll = app.detail_scroll.min(last);
    app.detail_scroll_max.set(last);
    let more = match (scroll > 0, scroll < last) {
        (true, true) => T::PgupPgdn.get(app.lang),
        (false, true) => T::Pgdn.get(app.lang),
        (true, false) => T::Pgup.get(app.lang),
        (false, false) => "",
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .title(format!(" {} ", safe(&r.summary)))
        .title_bottom(Line::from(more).right_aligned());
    frame.render_widget(Paragraph::new(lines).block(block).scroll((scroll, 0)), left);

    render_timeline(app, d, frame, right);

    render_moves(app, frame, moves);
}

/// Every field of the ticket, with its deadline and level.
fn record_lines<'a>(app: &'a App, d: &'a TicketView) -> Vec<Line<'a>> {
    let l = app.lang;
    let r = &d.rec;
    let mut lines: Vec<Line> = vec![];
    lines.extend(head_and_deadline(app, r));
    if let Some(days) = r.pending_ext_days {
        lines.push(field(
            T::ExtensionRequested.get(l),
            format!(
                "{days} {}{colon}{}",
                T::Days.get(l),
                safe(r.pending_ext_reason.as_deref().unwrap_or("")),
                colon = l.colon()
            ),
        ));
    }
    lines.push(field(
        T::Received.get(l),
        format!(
            "{}  {}  {}",
            r.received_at,
            r.channel.label(l),
            app.refs.center_name(r.center_id)
        ),
    ));
    for p in &r.petitioners {
        let mut s = safe(&p.name).into_owned();
        if let Some(m) = &p.mobile {
            s.push_str(&format!("  {m}"));
        }
        if let Some(id) = &p.resident_id {
            s.push_str(&format!("  {}", mask_id(id)));
        }
        if !p.address.is_empty() {
            s.push_str(&format!("  {}", safe(&p.address)));
        }
        lines.push(field(T::Petitioner.get(l), s));
    }
    let mut place = app.refs.place_name(r.place_id).to_string();
    if let Some(n) = r.head_count {
        place.push_str(&format!(
            "  {} {n} {}",
            T::CollectiveComma.get(l),
            T::People.get(l)
        ));
    }
    lines.push(field(T::Community.get(l), place));
    lines.push(field(
        T::Category.get(l),
        format!(
            "{} · {}",
            app.refs.category_name(r.category_id),
            r.urgency.label(l)
        ),
    ));
    lines.push(field(T::SummaryShort.get(l), safe(&r.summary).into_owned()));
    lines.push(Line::styled(
        format!("{}：", T::ContentShort.get(l)),
        theme::label(),
    ));
    for line in crate::domain::text::lines_for_terminal(&r.content) {
        lines.push(Line::raw(format!("  {line}")));
    }
    lines.push(field(T::RequestShort.get(l), safe(&r.request).into_owned()));
    lines.push(field(
        T::FirstHandler.get(l),
        first_handler(r, &app.refs, l),
    ));
    if let Some(v) = &r.visit_ref {
        let at = r
            .visit_id
            .map(|id| format!("（{}{id}）", T::VisitNumberPrefix.get(l)))
            .unwrap_or_default();
        lines.push(field(T::Visit.get(l), format!("{}{at}", safe(v))));
    }
    if let Some(m) = &r.member {
        lines.push(field(T::RaisingMember.get(l), safe(m).into_owned()));
    }
    if let Some(h) = &r.household {
        lines.push(field(T::ContactHousehold.get(l), safe(h).into_owned()));
    }
    lines.extend(handling_lines(app, d));
    lines
}

/// The number, stage and state, the flags, and the deadline with its level.
fn head_and_deadline<'a>(
    app: &'a App,
    r: &'a crate::records::tickets::TicketRecord,
) -> Vec<Line<'a>> {
    let l = app.lang;
    let mut lines: Vec<Line> = vec![];
    let mut head = vec![
        Span::styled(format!(" {} ", r.number()), theme::tab_active()),
        Span::raw(format!(
            " {} · {} ",
            r.state.stage().label(l),
            r.state.label(l)
        )),
        Span::styled(format!("{} {} ", T::Round.get(l), r.round), theme::dim()),
        Span::styled(T::RoundSuffix.get(l), theme::dim()),
    ];
    if r.escalated {
        head.push(Span::styled(T::Escalated.get(l), theme::notice()));
    }
    if r.unresolved_closure {
        head.push(Span::styled(T::ClosedUnresolved.get(l), theme::error()));
    }
    lines.push(Line::from(head));
    // The deadline and its level.
    if let (true, Some(due)) = (r.state.is_open(), r.due_date()) {
        let warn = r
            .warn_at
            .as_deref()
            .and_then(crate::records::parse_date)
            .unwrap_or(due);
        let lv = level(app.today(), due, warn, &app.cal);
        let left_text = time_left(
            app.today(),
            due,
            r.limit_kind.unwrap_or(DayKind::Working),
            &app.cal,
        )
        .text(l);
        let mut spans = vec![
            Span::styled(format!("{}：", T::DeadlineShort.get(l)), theme::label()),
            Span::raw(format!("{}  ", zh_date(due))),
            Span::styled(
                format!(" {} · {} ", lv.label(l), left_text),
                theme::level(lv),
            ),
        ];
        if lv >= crate::domain::vocab::Level::Overdue {
            let what = if lv == crate::domain::vocab::Level::Severe {
                T::PublicCriticismDue.get(l)
            } else {
                T::ReminderDue.get(l)
            };
            spans.push(Span::styled(what, theme::error()));
        }
        lines.push(Line::from(spans));
    }
    lines
}

/// How the ticket is being handled: the proposal, the leader, the department, the answer, the result, related tickets.
fn handling_lines<'a>(app: &'a App, d: &'a TicketView) -> Vec<Line<'a>> {
    let l = app.lang;
    let r = &d.rec;
    let mut lines: Vec<Line> = vec![];
    if let Some(c) = r.proposed {
        lines.push(field(
            T::Proposed.get(l),
            format!(
                "{}{colon}{}",
                c.label(l),
                safe(r.opinion.as_deref().unwrap_or("")),
                colon = l.colon()
            ),
        ));
    }
    if let Some(lid) = r.leader_id {
        let decision = r.decision.map(|c| c.label(l)).unwrap_or("");
        lines.push(field(
            T::Issued.get(l),
            format!(
                "{} · {decision}{colon}{}",
                app.refs.leader_name(Some(lid)),
                safe(r.instruction.as_deref().unwrap_or("")),
                colon = l.colon()
            ),
        ));
    }
    if let Some(dep) = r.department_id {
        let returns = d
            .department_returns
            .map(|n| {
                format!(
                    "  {open}{}{n}{}{close}",
                    T::ReturnsByThisDepartment.get(l),
                    T::TimesSuffix.get(l),
                    open = l.open(),
                    close = l.close()
                )
            })
            .unwrap_or_default();
        lines.push(field(
            T::HandlingDepartment.get(l),
            format!("{}{returns}", app.refs.department_name(Some(dep))),
        ));
    }
    if let Some(a) = &r.answer {
        lines.push(field(T::Answer.get(l), safe(a).into_owned()));
    }
    if let Some(res) = r.resolution {
        lines.push(field(
            T::Result.get(l),
            format!(
                "{}{colon}{}",
                res.label(l),
                safe(r.result.as_deref().unwrap_or("")),
                colon = l.colon()
            ),
        ));
    }
    if let Some(s) = r.satisfaction {
        lines.push(field(T::Evaluation.get(l), s.label(l).to_string()));
    }
    for (number, kind) in &d.related {
        let what = if *kind == "repeat" {
            T::Repeat.get(l)
        } else {
            T::MergedIn.get(l)
        };
        lines.push(field(what, number.clone()));
    }
    if r.state == State::Merged || r.repeat_of.is_some() {
        lines.push(Line::styled(
            T::LinkedToAnotherTicketSeeThe.get(l),
            theme::dim(),
        ));
    }
    lines
}

/// The timeline: the latest events when it is longer than the pane.
fn render_timeline(app: &App, d: &TicketView, frame: &mut Frame, right: Rect) {
    let l = app.lang;
    // The timeline.
    let mut tl: Vec<Line> = vec![];
    for e in &d.timeline {
        let kind = crate::words::event_label(&e.kind, l);
        let arrow = match (
            State::from_code(&e.from_state),
            State::from_code(&e.to_state),
        ) {
            (Some(a), Some(b)) if a != b => format!("  {} → {}", a.label(l), b.label(l)),
            _ => String::new(),
        };
        tl.push(Line::from(vec![
            Span::styled(e.at.get(5..16).unwrap_or(&e.at).to_string(), theme::dim()),
            Span::raw(" "),
            Span::styled(safe(&e.actor).into_owned(), theme::label()),
            Span::raw(" "),
            Span::styled(kind, theme::header()),
            Span::raw(arrow),
        ]));
        let details: Vec<String> = payload_pairs(&e.payload)
            .into_iter()
            // Category and channel are on the ticket; hashes and id lists are in the receipt.
            .filter(|(k, _)| {
                !matches!(
                    k.as_str(),
                    "category"
                        | "channel"
                        | "seed"
                        | "panel"
                        | "pool_hash"
                        | "nonce_hash"
                        | "receipt_sha256"
                        | "member"
                        | "replacement"
                        | "party"
                        | "absent"
                )
            })
            .filter_map(|(k, v)| {
                let (k, v) = detail_value(l, app, &k, &v)?;
                Some(format!("{k}{colon}{}", safe(&v), colon = l.colon()))
            })
            .collect();
        if !details.is_empty() {
            tl.push(Line::styled(
                format!("    {}", details.join("；")),
                theme::dim(),
            ));
        }
        if !e.note.is_empty() {
            for line in crate::domain::text::lines_for_terminal(&e.note) {
                tl.push(Line::raw(format!("    {line}")));
            }
        }
    }
    // Show the latest events when the timeline is longer than the pane (`[` goes back).
    let tl = super::wrap_lines(tl, right.width.saturating_sub(2));
    let height = right.height.saturating_sub(2) as usize;
    let latest = tl.len().saturating_sub(height) as u16;
    let skip = latest.saturating_sub(app.timeline_back);
    app.timeline_back_max.set(latest);
    let more = match (skip > 0, skip < latest) {
        (true, true) => "[ ]",
        (true, false) => "[",
        (false, true) => "]",
        (false, false) => "",
    };
    let block = Block::default().borders(Borders::ALL).title(format!(
        " {}{open}{}{close} ",
        T::Timeline.get(l),
        d.timeline.len(),
        open = l.open(),
        close = l.close()
    ));
    let block = block.title_bottom(Line::from(more).right_aligned());
    frame.render_widget(Paragraph::new(tl).block(block).scroll((skip, 0)), right);
}

/// What this user may do now, and the key that opens the menu.
fn render_moves(app: &App, frame: &mut Frame, moves: Rect) {
    let l = app.lang;
    // What this user may do now.
    let available = app.available_moves();
    let mut spans = vec![Span::styled(
        format!("{}：", T::YouMay.get(l)),
        theme::label(),
    )];
    if available.is_empty() {
        spans.push(Span::styled(T::NothingInThisState.get(l), theme::dim()));
    }
    for (i, m) in available.iter().enumerate() {
        spans.push(Span::styled(format!(" {} ", i + 1), theme::key()));
        spans.push(Span::raw(format!(" {}  ", m.label(l))));
    }
    let key = app.keymap.keys_for("detail", "actions").unwrap_or_default();
    let block = Block::default().borders(Borders::ALL).title(format!(
        " {} {} ",
        key,
        T::OpensTheMenu.get(l)
    ));
    frame.render_widget(Paragraph::new(Line::from(spans)).block(block), moves);
}
