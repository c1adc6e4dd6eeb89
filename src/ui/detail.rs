//! Ticket detail: every field, the timeline of events, the deadline and level, and the moves this
//! user may make now.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

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
        Span::styled(format!("{name}："), theme::label()),
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
        "resolution" => Resolution::from_code(v).map(|c| c.label(lang).to_string()),
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

    let lines = record_lines(app, d);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(format!(" {} ", safe(&r.summary)));
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false })
            .scroll((app.detail_scroll, 0)),
        left,
    );

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
            l.pick("延期申请", "Extension requested"),
            format!(
                "{days} {}：{}",
                l.pick("天", "days"),
                safe(r.pending_ext_reason.as_deref().unwrap_or(""))
            ),
        ));
    }
    lines.push(field(
        l.pick("登记", "Received"),
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
        lines.push(field(l.pick("诉求人", "Petitioner"), s));
    }
    let mut place = app.refs.place_name(r.place_id).to_string();
    if let Some(n) = r.head_count {
        place.push_str(&format!(
            "  {} {n} {}",
            l.pick("集体诉求", "collective,"),
            l.pick("人", "people")
        ));
    }
    lines.push(field(l.pick("社区/村", "Community"), place));
    lines.push(field(
        l.pick("类别", "Category"),
        format!(
            "{} · {}",
            app.refs.category_name(r.category_id),
            r.urgency.label(l)
        ),
    ));
    lines.push(field(
        l.pick("摘要", "Summary"),
        safe(&r.summary).into_owned(),
    ));
    lines.push(Line::styled(
        format!("{}：", l.pick("内容", "Content")),
        theme::label(),
    ));
    for line in crate::domain::text::lines_for_terminal(&r.content) {
        lines.push(Line::raw(format!("  {line}")));
    }
    lines.push(field(
        l.pick("请求", "Request"),
        safe(&r.request).into_owned(),
    ));
    lines.push(field(
        l.pick("首办负责", "First handler"),
        first_handler(r, &app.refs),
    ));
    if let Some(v) = &r.visit_ref {
        let at = r
            .visit_id
            .map(|id| format!("（{}{id}）", l.pick("走访编号 ", "visit ")))
            .unwrap_or_default();
        lines.push(field(
            l.pick("走访场次", "Visit"),
            format!("{}{at}", safe(v)),
        ));
    }
    if let Some(m) = &r.member {
        lines.push(field(
            l.pick("反映党员", "Party member"),
            safe(m).into_owned(),
        ));
    }
    if let Some(h) = &r.household {
        lines.push(field(l.pick("联系户", "Household"), safe(h).into_owned()));
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
        Span::styled(
            format!("{} {} ", l.pick("第", "round"), r.round),
            theme::dim(),
        ),
        Span::styled(l.pick("轮", ""), theme::dim()),
    ];
    if r.escalated {
        head.push(Span::styled(
            l.pick(" 领导督办 ", " escalated "),
            theme::notice(),
        ));
    }
    if r.unresolved_closure {
        head.push(Span::styled(
            l.pick(" 按未解决办结 ", " closed unresolved "),
            theme::error(),
        ));
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
            Span::styled(format!("{}：", l.pick("期限", "Deadline")), theme::label()),
            Span::raw(format!("{}  ", zh_date(due))),
            Span::styled(
                format!(" {} · {} ", lv.label(l), left_text),
                theme::level(lv),
            ),
        ];
        if lv >= crate::domain::vocab::Level::Overdue {
            let what = if lv == crate::domain::vocab::Level::Severe {
                l.pick("  应予通报", "  public criticism due")
            } else {
                l.pick("  应予催办", "  reminder due")
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
            l.pick("拟办", "Proposed"),
            format!(
                "{}：{}",
                c.label(l),
                safe(r.opinion.as_deref().unwrap_or(""))
            ),
        ));
    }
    if let Some(lid) = r.leader_id {
        let decision = r.decision.map(|c| c.label(l)).unwrap_or("");
        lines.push(field(
            l.pick("下单", "Issued"),
            format!(
                "{} · {decision}：{}",
                app.refs.leader_name(Some(lid)),
                safe(r.instruction.as_deref().unwrap_or(""))
            ),
        ));
    }
    if let Some(dep) = r.department_id {
        let returns = d
            .department_returns
            .map(|n| {
                format!(
                    "  （{}{n}{}）",
                    l.pick("该单位累计退单 ", "returns by this department: "),
                    l.pick(" 次", "")
                )
            })
            .unwrap_or_default();
        lines.push(field(
            l.pick("承办单位", "Department"),
            format!("{}{returns}", app.refs.department_name(Some(dep))),
        ));
    }
    if let Some(a) = &r.answer {
        lines.push(field(l.pick("答复", "Answer"), safe(a).into_owned()));
    }
    if let Some(res) = r.resolution {
        lines.push(field(
            l.pick("办理结果", "Result"),
            format!(
                "{}：{}",
                res.label(l),
                safe(r.result.as_deref().unwrap_or(""))
            ),
        ));
    }
    if let Some(s) = r.satisfaction {
        lines.push(field(
            l.pick("群众评价", "Evaluation"),
            s.label(l).to_string(),
        ));
    }
    for (number, kind) in &d.related {
        let what = if *kind == "repeat" {
            l.pick("重复件", "Repeat")
        } else {
            l.pick("并入件", "Merged in")
        };
        lines.push(field(what, number.clone()));
    }
    if r.state == State::Merged || r.repeat_of.is_some() {
        lines.push(Line::styled(
            l.pick(
                "（与其他件关联，见办理记录）",
                "(linked to another ticket; see the timeline)",
            ),
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
                Some(format!("{k}：{}", safe(&v)))
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
    // Show the latest events when the timeline is longer than the pane.
    let height = right.height.saturating_sub(2) as usize;
    let skip = tl.len().saturating_sub(height) as u16;
    let block = Block::default().borders(Borders::ALL).title(format!(
        " {}（{}） ",
        l.pick("办理记录", "Timeline"),
        d.timeline.len()
    ));
    frame.render_widget(
        Paragraph::new(tl)
            .block(block)
            .wrap(Wrap { trim: false })
            .scroll((skip, 0)),
        right,
    );
}

/// What this user may do now, and the key that opens the menu.
fn render_moves(app: &App, frame: &mut Frame, moves: Rect) {
    let l = app.lang;
    // What this user may do now.
    let available = app.available_moves();
    let mut spans = vec![Span::styled(
        format!("{}：", l.pick("可办理", "You may")),
        theme::label(),
    )];
    if available.is_empty() {
        spans.push(Span::styled(
            l.pick(
                "（当前状态下没有您可办理的操作）",
                "(nothing in this state)",
            ),
            theme::dim(),
        ));
    }
    for (i, m) in available.iter().enumerate() {
        spans.push(Span::styled(format!(" {} ", i + 1), theme::key()));
        spans.push(Span::raw(format!(" {}  ", m.label(l))));
    }
    let key = app.keymap.keys_for("detail", "actions").unwrap_or_default();
    let block = Block::default().borders(Borders::ALL).title(format!(
        " {} {} ",
        key,
        l.pick("打开办理菜单", "opens the menu")
    ));
    frame.render_widget(Paragraph::new(Line::from(spans)).block(block), moves);
}
