//! 民事民议 screens: the roster, the live draw (shown to the parties, readable from a distance)
//! and the hearing.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table, Wrap};

use super::{fit, safe, theme};
use crate::app::App;
use crate::app::draw::{DrawLive, DrawPhase};
use crate::app::hearing::HearingView;
use crate::domain::hearing::phase_label;
use crate::domain::roster::term_expiring;
use crate::domain::text::mask_mobile;

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

pub fn render_roster(app: &App, frame: &mut Frame, area: Rect) {
    let l = app.lang;
    let [filters, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(3)]).areas(area);
    let q = &app.roster.query;
    let mut spans = vec![];
    let mut item = |k: &str, v: String| {
        spans.push(Span::styled(format!("{k}:"), theme::dim()));
        spans.push(Span::styled(format!("{v}  "), theme::notice()));
    };
    if let Some(s) = q.status {
        item(l.pick("状态", "Status"), s.label(l).into());
    }
    if let Some(c) = q.category {
        item(l.pick("类别", "Category"), c.label(l).into());
    }
    if let Some(p) = q.place {
        item(
            l.pick("社区/村", "Place"),
            app.refs.place_name(Some(p)).into(),
        );
    }
    if q.expiring_from.is_some() {
        item(
            l.pick("任期", "Term"),
            l.pick("90 天内届满", "ending within 90 days").into(),
        );
    }
    if !q.search.is_empty() {
        item(l.pick("查找", "Find"), format!("“{}”", safe(&q.search)));
    }
    spans.push(Span::styled(
        format!(
            "{} {} {}",
            l.pick("共", "total"),
            app.roster.count,
            l.pick("人", "")
        ),
        theme::header(),
    ));
    frame.render_widget(Paragraph::new(Line::from(spans)), filters);
    let [list, detail] =
        Layout::horizontal([Constraint::Percentage(60), Constraint::Percentage(40)]).areas(body);
    let header = [
        l.pick("编号", "No."),
        l.pick("姓名", "Name"),
        l.pick("类别", "Category"),
        l.pick("社区/村", "Community"),
        l.pick("任期至", "Term to"),
        l.pick("状态", "Status"),
        l.pick("手机", "Mobile"),
    ];
    let rows: Vec<Row> = app
        .roster
        .rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let expiring = r.status == crate::domain::roster::RepStatus::Active
                && term_expiring(
                    r.term_end,
                    app.today(),
                    crate::domain::roster::EXPIRING_DAYS,
                );
            let term = Cell::from(r.term_end.to_string()).style(if expiring {
                theme::warn()
            } else {
                Style::default()
            });
            let row = Row::new(vec![
                Cell::from(r.id.to_string()),
                Cell::from(fit(&r.name, 8)),
                Cell::from(r.category.label(l).to_string()),
                Cell::from(fit(app.refs.place_name(r.place_id), 10)),
                term,
                Cell::from(r.status.label(l).to_string()),
                Cell::from(mask_mobile(&r.mobile)),
            ]);
            if i == app.roster.selected {
                row.style(theme::selected())
            } else {
                row
            }
        })
        .collect();
    let widths = [
        Constraint::Length(5),
        Constraint::Length(9),
        Constraint::Length(17),
        Constraint::Length(11),
        Constraint::Length(11),
        Constraint::Length(5),
        Constraint::Min(11),
    ];
    let more = match (app.roster.more_before, app.roster.more_after) {
        (true, true) => " ↑ PgUp · PgDn ↓ ",
        (false, true) => " PgDn ↓ ",
        (true, false) => " ↑ PgUp ",
        _ => "",
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .title(format!(" {} ", l.pick("议事代表名册", "Representatives")))
        .title_bottom(Line::from(more).right_aligned());
    frame.render_widget(
        Table::new(rows, widths)
            .header(Row::new(header.map(Cell::from)).style(theme::header()))
            .block(block),
        list,
    );
    let mut lines: Vec<Line> = vec![];
    if let Some(d) = &app.roster.detail {
        let r = &d.rep;
        let kv = |k: &str, v: String| {
            Line::from(vec![
                Span::styled(format!("{k}："), theme::label()),
                Span::raw(v),
            ])
        };
        lines.push(Line::styled(
            format!("{}（{}）", safe(&r.name), r.sex.label(l)),
            theme::title(),
        ));
        lines.push(kv(
            l.pick("类别", "Category"),
            format!("{} · {}", r.category.label(l), r.chosen_by.label(l)),
        ));
        lines.push(kv(
            l.pick("社区/村", "Community"),
            app.refs.place_name(r.place_id).to_string(),
        ));
        lines.push(kv(
            l.pick("职业", "Occupation"),
            safe(&r.occupation).into_owned(),
        ));
        lines.push(kv(
            l.pick("专长", "Expertise"),
            safe(&r.expertise).into_owned(),
        ));
        lines.push(kv(l.pick("手机", "Mobile"), r.mobile.clone()));
        lines.push(kv(
            l.pick("任期", "Term"),
            format!("{} — {}", r.term_start, r.term_end),
        ));
        lines.push(kv(l.pick("状态", "Status"), r.status.label(l).to_string()));
        let s = d.service;
        lines.push(Line::styled(
            l.pick("履职情况（由记录统计）", "Service (from the records)"),
            theme::header(),
        ));
        lines.push(Line::raw(format!(
            "  {} {}  {} {}  {} {}  {} {}  {} {}",
            l.pick("调解", "mediations"),
            s.mediations,
            l.pick("评理", "hearings"),
            s.hearings,
            l.pick("近12月评理", "last 12 months"),
            s.hearings_12m,
            l.pick("被排除", "struck"),
            s.struck,
            l.pick("缺席", "absent"),
            s.absences
        )));
        lines.push(Line::styled(l.pick("培训", "Training"), theme::header()));
        for (date, topic, hours) in &d.trainings {
            lines.push(Line::raw(format!(
                "  {date} {} {hours}{}",
                safe(topic),
                l.pick("学时", " h")
            )));
        }
        if !d.status_changes.is_empty() {
            lines.push(Line::styled(
                l.pick("状态变更", "Status changes"),
                theme::header(),
            ));
            for (date, from, to, reason, by) in &d.status_changes {
                lines.push(Line::raw(format!(
                    "  {date} {}→{} {} （{}）",
                    from.label(l),
                    to.label(l),
                    safe(reason),
                    safe(by)
                )));
            }
        }
    }
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: false }).block(
            Block::default()
                .borders(Borders::ALL)
                .title(l.pick(" 详情 ", " Detail ")),
        ),
        detail,
    );
}

// ---- the live draw --------------------------------------------------------------------------

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

pub fn render_hearing(app: &App, v: &HearingView, frame: &mut Frame, area: Rect) {
    let l = app.lang;
    let h = &v.hearing;
    let state = h.state.label(l);
    let title = format!(
        " {} {} · {} · {} · {}{} · {} ",
        l.pick("评理大会", "Hearing"),
        h.case,
        h.date,
        safe(&h.place),
        l.pick("主持 ", "host "),
        safe(&h.host),
        state
    );
    let block = Block::default()
        .borders(Borders::ALL)
        .title(Span::styled(title, theme::title()))
        .border_style(theme::title());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [top, votes] = Layout::vertical([
        Constraint::Min(8),
        Constraint::Length(h.questions.len() as u16 * 2 + 3),
    ])
    .areas(inner);
    let [panel, notes] =
        Layout::horizontal([Constraint::Percentage(40), Constraint::Percentage(60)]).areas(top);
    let sitting = h.sitting();
    let mut lines = vec![Line::styled(
        format!(
            "{}（{}/{}）",
            l.pick("评理团出席", "Sitting"),
            sitting.len(),
            v.panel_size
        ),
        theme::header(),
    )];
    let voted_all = !h.questions.is_empty() && (0..h.questions.len()).all(|q| h.tally(q).is_some());
    for (rep, name, present, replaces) in &h.attendance {
        let mut t = format!(" {}", safe(name));
        if !present {
            t.push_str(l.pick("  缺席", "  absent"));
        }
        if let Some(r) = replaces {
            t.push_str(&format!(
                "  {}{}",
                l.pick("（递补", "(for "),
                safe(h.name(*r))
            ));
            t.push_str(l.pick("）", ")"));
        }
        if *present && !h.questions.is_empty() {
            let done = h.votes.iter().all(|q| q.iter().any(|v| v.rep == *rep));
            t.push_str(if done {
                l.pick("  已表决", "  voted")
            } else {
                l.pick("  未表决", "  not voted")
            });
        }
        let sel = sitting.get(v.selected) == Some(rep);
        let style = if sel {
            theme::selected()
        } else if !present {
            theme::dim()
        } else {
            Style::default().add_modifier(Modifier::BOLD)
        };
        lines.push(Line::styled(t, style));
    }
    frame.render_widget(
        Paragraph::new(lines).block(Block::default().borders(Borders::RIGHT)),
        panel,
    );
    let mut n: Vec<Line> = vec![Line::styled(
        l.pick("各环节记录", "Proceedings"),
        theme::header(),
    )];
    for (phase, party, note, _) in &h.notes {
        n.push(Line::from(vec![
            Span::styled(
                format!("[{}] {}：", phase_label(phase, l), safe(party)),
                theme::label(),
            ),
            Span::raw(safe(note).into_owned()),
        ]));
    }
    let skip = n.len().saturating_sub(notes.height as usize) as u16;
    frame.render_widget(
        Paragraph::new(n)
            .wrap(Wrap { trim: false })
            .scroll((skip, 0)),
        notes,
    );
    let mut q: Vec<Line> = vec![Line::styled(
        format!("{}（{}）", l.pick("表决", "Votes"), h.tie_rule.label(l)),
        theme::header(),
    )];
    if h.questions.is_empty() {
        q.push(Line::styled(
            l.pick("表决事项尚未确定（q）。", "No questions fixed yet (q)."),
            theme::dim(),
        ));
    }
    for (qi, question) in h.questions.iter().enumerate() {
        let count = h.votes.get(qi).map(|v| v.len()).unwrap_or(0);
        q.push(Line::raw(format!(
            "{}. {}（{}）",
            qi + 1,
            safe(&question.text),
            question.options.join(" / ")
        )));
        match h.tally(qi) {
            Some(t) => {
                let counts: Vec<String> = question
                    .options
                    .iter()
                    .zip(&t.counts)
                    .map(|(o, c)| format!("{o} {c}"))
                    .collect();
                q.push(Line::styled(
                    format!(
                        "   {}，{} {} → {}",
                        counts.join("  "),
                        l.pick("弃权", "abstain"),
                        t.abstentions,
                        t.outcome(question, l)
                    ),
                    theme::notice(),
                ));
            }
            None => q.push(Line::styled(
                format!(
                    "   {} {}/{}，{}",
                    l.pick("已表决", "voted"),
                    count,
                    sitting.len(),
                    l.pick("全部表决后揭晓结果", "revealed when everyone has voted")
                ),
                theme::dim(),
            )),
        }
    }
    if voted_all
        && crate::domain::hearing::hearing_allowed(
            crate::domain::hearing::HearingMoveKind::Close,
            h.state,
        )
        .is_ok()
    {
        q.push(Line::styled(
            l.pick(
                "全部表决完毕。按 f 结束大会并决定此件去向。",
                "Everyone has voted. f closes the hearing.",
            ),
            theme::info(),
        ));
    }
    frame.render_widget(
        Paragraph::new(q).block(Block::default().borders(Borders::TOP)),
        votes,
    );
}
