//! The live draw, shown to the parties: readable from a distance, the commitments and
//! hashes in a block font.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::{safe, theme};
use crate::app::App;
use crate::app::draw::{DrawLive, DrawPhase};

/// A 3×5 block font for hexadecimal digits, so short codes can be read across a room.
fn glyph(c: char) -> [&'static str; 5] {
    match c.to_ascii_lowercase() {
        '0' => ["███", "█ █", "█ █", "█ █", "███"],
        '1' => [" █ ", "██ ", " █ ", " █ ", "███"],
        '2' => ["███", "  █", "███", "█  ", "███"],
        '3' => ["███", "  █", "███", "  █", "███"],
        '4' => ["█ █", "█ █", "███", "  █", "  █"],
        '5' => ["███", "█  ", "███", "  █", "███"],
        '6' => ["███", "█  ", "███", "█ █", "███"],
        '7' => ["███", "  █", "  █", "  █", "  █"],
        '8' => ["███", "█ █", "███", "█ █", "███"],
        '9' => ["███", "█ █", "███", "  █", "███"],
        'a' => ["███", "█ █", "███", "█ █", "█ █"],
        'b' => ["██ ", "█ █", "██ ", "█ █", "██ "],
        'c' => ["███", "█  ", "█  ", "█  ", "███"],
        'd' => ["██ ", "█ █", "█ █", "█ █", "██ "],
        'e' => ["███", "█  ", "███", "█  ", "███"],
        'f' => ["███", "█  ", "███", "█  ", "█  "],
        _ => ["   ", "   ", "   ", "   ", "   "],
    }
}

/// The first `n` characters of a hex code in the block font.
pub fn big_code(code: &str, n: usize) -> Vec<Line<'static>> {
    let chars: Vec<char> = code.chars().take(n).collect();
    (0..5)
        .map(|row| {
            let mut s = String::new();
            for (i, c) in chars.iter().enumerate() {
                if i > 0 {
                    s.push_str(if i % 4 == 0 { "   " } else { " " });
                }
                s.push_str(glyph(*c)[row]);
            }
            Line::styled(s, Style::default().add_modifier(Modifier::BOLD))
        })
        .collect()
}

// ---- roster ---------------------------------------------------------------------------------
pub fn render_draw(app: &App, live: &DrawLive, frame: &mut Frame, area: Rect) {
    let l = app.lang;
    let d = &live.draw;
    let block = Block::default()
        .borders(Borders::ALL)
        .title(Span::styled(
            format!(" {} {} ", l.pick("评理团抽签", "Panel draw"), d.case),
            theme::title(),
        ))
        .border_style(theme::title());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [head, codes, parties, result] = Layout::vertical([
        Constraint::Length(4),
        Constraint::Length(7),
        Constraint::Length(live.labels.len() as u16 + 2),
        Constraint::Min(5),
    ])
    .areas(inner);
    render_head(app, live, frame, head);
    // The two codes published before anyone types.
    let [c1, c2] =
        Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(codes);
    let mut pool_lines = vec![Line::styled(
        l.pick("抽签池校验值（前 8 位）", "Pool hash (first 8)"),
        theme::header(),
    )];
    pool_lines.extend(big_code(&d.pool_hash, 8));
    pool_lines.push(Line::styled(d.pool_hash.clone(), theme::dim()));
    frame.render_widget(Paragraph::new(pool_lines), c1);
    let mut nonce_lines = vec![Line::styled(
        l.pick(
            "系统随机数校验值（先公布）",
            "Desk nonce hash (published first)",
        ),
        theme::header(),
    )];
    nonce_lines.extend(big_code(&d.nonce_hash, 8));
    nonce_lines.push(Line::styled(d.nonce_hash.clone(), theme::dim()));
    frame.render_widget(Paragraph::new(nonce_lines), c2);
    // The parties' inputs: hidden, only their commitments shown until the reveal.
    let mut p = vec![Line::styled(
        l.pick(
            "当事各方输入（不显示，只显示校验值）",
            "Parties' inputs (hidden; commitments shown)",
        ),
        theme::header(),
    )];
    for (i, label) in live.labels.iter().enumerate() {
        let status = match (live.commitments.get(i), live.phase) {
            (Some(c), DrawPhase::Revealed | DrawPhase::Final) => format!(
                "{} “{}”  {}",
                l.pick("输入", "input"),
                safe(&live.inputs[i]),
                &c[..16]
            ),
            (Some(c), _) => format!(
                "{}  {}…",
                l.pick("已输入，校验值", "entered, commitment"),
                &c[..16]
            ),
            (None, DrawPhase::Inputs(n)) if n == i => l
                .pick("▶ 请输入（Enter 开始）", "▶ now typing (Enter)")
                .to_string(),
            _ => l.pick("等待", "waiting").to_string(),
        };
        p.push(Line::from(vec![
            Span::styled(format!(" {} {:<8} ", i + 1, safe(label)), theme::title()),
            Span::raw(status),
        ]));
    }
    frame.render_widget(Paragraph::new(p), parties);
    // The result.
    render_result(app, live, frame, result);
}

/// The draw's case, panel size, minimums, exclusions and rested representatives.
fn render_head(app: &App, live: &DrawLive, frame: &mut Frame, head: Rect) {
    let l = app.lang;
    let d = &live.draw;
    let s = &d.settings;
    let mut h = vec![Line::from(vec![
        Span::styled(
            format!(
                "{} {} {}",
                l.pick("抽签池", "Pool"),
                d.pool.len(),
                l.pick("人", "")
            ),
            theme::title(),
        ),
        Span::raw(format!(
            "   {} {} · {} {} · {} {}",
            l.pick("评理团", "panel"),
            s.panel_size,
            l.pick("候补", "alternates"),
            s.alternates,
            l.pick("每方可排除", "strikes each"),
            s.strikes_per_party
        )),
    ])];
    let mins: Vec<String> = s.minimums.iter().map(|m| m.label_zh()).collect();
    if !mins.is_empty() {
        h.push(Line::raw(format!(
            "{}{}",
            l.pick("最低人数：", "Minimums: "),
            mins.join("；")
        )));
    }
    let mut notes = vec![];
    for (_, name, reason) in &live.report.excluded {
        notes.push(format!("{}（{}）", safe(name), safe(reason)));
    }
    if !notes.is_empty() {
        h.push(Line::raw(format!(
            "{}{}",
            l.pick("回避：", "Excluded: "),
            notes.join("、")
        )));
    }
    if !live.report.rested.is_empty() {
        let names: Vec<String> = live
            .report
            .rested
            .iter()
            .map(|(_, n, k)| format!("{}({k})", safe(n)))
            .collect();
        let what = if live.report.rest_relaxed {
            l.pick(
                "近12个月评理较多但仍在池中（否则人数不足）：",
                "Served often but kept (the draw needs them): ",
            )
        } else {
            l.pick(
                "近12个月评理3次及以上，本次轮休：",
                "Resting (3+ hearings in 12 months): ",
            )
        };
        h.push(Line::styled(
            format!("{what}{}", names.join("、")),
            theme::warn(),
        ));
    }
    frame.render_widget(Paragraph::new(h).wrap(Wrap { trim: true }), head);
}

/// The result: who was drawn, the strikes, the alternates, the receipt.
fn render_result(app: &App, live: &DrawLive, frame: &mut Frame, result: Rect) {
    let l = app.lang;
    let d = &live.draw;
    let s = &d.settings;
    let mut r: Vec<Line> = vec![];
    match live.phase {
        DrawPhase::Inputs(_) => r.push(Line::styled(
            l.pick(
                "各方依次输入后揭晓。",
                "Each party types in turn; then the reveal.",
            ),
            theme::dim(),
        )),
        DrawPhase::Ready => r.push(Line::styled(
            l.pick(
                "全部当事方已输入。按 Enter 揭晓抽签结果。",
                "Every party has entered. Press Enter to reveal.",
            ),
            theme::notice(),
        )),
        DrawPhase::Revealed | DrawPhase::Final => {
            r.push(Line::from(vec![
                Span::styled(
                    l.pick("系统随机数（揭晓）：", "Desk nonce (revealed): "),
                    theme::label(),
                ),
                Span::raw(d.nonce.clone()),
            ]));
            r.push(Line::from(vec![
                Span::styled(l.pick("种子：", "Seed: "), theme::label()),
                Span::raw(d.seed.clone().unwrap_or_default()),
            ]));
            r.push(Line::styled(
                l.pick("评理团（按抽中先后）：", "The panel (in draw order):"),
                theme::header(),
            ));
            for (i, id) in d.current_panel().iter().enumerate() {
                let c = d.candidate(*id);
                let text = format!(
                    " {:>2}. {}  {}  {}",
                    i + 1,
                    safe(c.map(|c| c.name.as_str()).unwrap_or("?")),
                    c.map(|c| c.category.label(l)).unwrap_or(""),
                    safe(c.map(|c| c.place.as_str()).unwrap_or(""))
                );
                let style = if i == live.selected && live.phase == DrawPhase::Revealed {
                    theme::selected()
                } else {
                    Style::default().add_modifier(Modifier::BOLD)
                };
                r.push(Line::styled(text, style));
            }
            let alts: Vec<String> = d
                .alternates()
                .iter()
                .take(s.alternates as usize)
                .enumerate()
                .map(|(i, id)| format!("{} {}", i + 1, safe(d.name(*id))))
                .collect();
            r.push(Line::raw(format!(
                "{}{}",
                l.pick("候补（依次递补）：", "Alternates (in order): "),
                alts.join("  ")
            )));
            for st in &d.strikes {
                let party = live.labels.get(st.party).map(|s| s.as_str()).unwrap_or("");
                r.push(Line::styled(
                    format!(
                        "{} {} {}，{} {} {}",
                        safe(party),
                        l.pick("排除", "struck"),
                        safe(d.name(st.member)),
                        l.pick("由", "replaced by"),
                        safe(d.name(st.replacement)),
                        l.pick("递补", "")
                    ),
                    theme::warn(),
                ));
            }
            if live.phase == DrawPhase::Final {
                r.push(Line::styled(
                    l.pick(
                        "抽签已确认，凭据已保存。按 p 打印凭据，Esc 返回。",
                        "Final; the receipt is saved. p prints it, Esc goes back.",
                    ),
                    theme::info(),
                ));
            } else {
                r.push(Line::styled(
                    l.pick(
                        "↑↓ 选择成员，x 由某一方排除；Ctrl-F 确认抽签结果。",
                        "↑↓ select, x strikes for a party; Ctrl-F makes it final.",
                    ),
                    theme::dim(),
                ));
            }
        }
    }
    frame.render_widget(Paragraph::new(r).wrap(Wrap { trim: false }), result);
}

// ---- the hearing ----------------------------------------------------------------------------
