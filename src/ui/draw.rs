//! The live draw, shown to the parties: readable from a distance, the commitments and
//! hashes in a block font.

use crate::text::T;
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
            format!(" {} {} ", T::PanelDraw.get(l), d.case),
            theme::title(),
        ))
        .border_style(theme::title());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    // On a short screen the codes are one line each (the receipt has them in full) and the
    // nonce and seed share a line, so the whole panel stays on screen.
    let head_lines = head_lines(app, live);
    let head_h: u16 = head_lines
        .iter()
        .map(|l| (l.width() as u16).div_ceil(inner.width.max(1)).max(1))
        .sum();
    let result_need = d.settings.panel_size as u16 + d.strikes.len() as u16 + 7;
    let parties_h = live.labels.len() as u16 + 1;
    let compact = inner.height < head_h + 7 + parties_h + result_need;
    let [head, codes, parties, result] = Layout::vertical([
        Constraint::Length(head_h),
        Constraint::Length(if compact { 2 } else { 7 }),
        Constraint::Length(parties_h),
        Constraint::Min(5),
    ])
    .areas(inner);
    frame.render_widget(Paragraph::new(head_lines).wrap(Wrap { trim: true }), head);
    if compact {
        let code = |label: &str, hash: &str| {
            let label = format!("{label} ");
            let room = (inner.width as usize)
                .saturating_sub(unicode_width::UnicodeWidthStr::width(label.as_str()) + 8);
            Line::from(vec![
                Span::styled(label, theme::header()),
                Span::styled(
                    hash.get(..8).unwrap_or(hash).to_string(),
                    Style::default().add_modifier(Modifier::BOLD),
                ),
                Span::styled(super::fit(hash.get(8..).unwrap_or(""), room), theme::dim()),
            ])
        };
        frame.render_widget(
            Paragraph::new(vec![
                code(T::PoolHashShort.get(l), &d.pool_hash),
                code(T::DeskNonceHashPublishedFirst.get(l), &d.nonce_hash),
            ]),
            codes,
        );
    } else {
        // The two codes published before anyone types.
        let [c1, c2] = Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)])
            .areas(codes);
        let mut pool_lines = vec![Line::styled(T::PoolHashShort.get(l), theme::header())];
        pool_lines.extend(big_code(&d.pool_hash, 8));
        pool_lines.push(Line::styled(d.pool_hash.clone(), theme::dim()));
        frame.render_widget(Paragraph::new(pool_lines), c1);
        let mut nonce_lines = vec![Line::styled(
            T::DeskNonceHashPublishedFirst.get(l),
            theme::header(),
        )];
        nonce_lines.extend(big_code(&d.nonce_hash, 8));
        nonce_lines.push(Line::styled(d.nonce_hash.clone(), theme::dim()));
        frame.render_widget(Paragraph::new(nonce_lines), c2);
    }
    // The parties' inputs: hidden, only their commitments shown until the reveal.
    let mut p = vec![Line::styled(
        T::PartiesInputsHiddenCommitmentsShown.get(l),
        theme::header(),
    )];
    for (i, label) in live.labels.iter().enumerate() {
        let status = match (live.commitments.get(i), live.phase) {
            (Some(c), DrawPhase::Revealed | DrawPhase::Final) => format!(
                "{} “{}”  {}",
                T::Input.get(l),
                safe(&live.inputs[i]),
                &c[..16]
            ),
            (Some(c), _) => format!("{}  {}…", T::EnteredCommitment.get(l), &c[..16]),
            (None, DrawPhase::Inputs(n)) if n == i => T::NowTypingEnter.get(l).to_string(),
            _ => T::Waiting.get(l).to_string(),
        };
        let label = safe(label);
        let pad = " "
            .repeat(10usize.saturating_sub(unicode_width::UnicodeWidthStr::width(label.as_ref())));
        p.push(Line::from(vec![
            Span::styled(format!(" {} {label}{pad} ", i + 1), theme::title()),
            Span::raw(status),
        ]));
    }
    frame.render_widget(Paragraph::new(p), parties);
    // The result.
    render_result(app, live, frame, result, compact);
}

/// The draw's case, panel size, minimums, exclusions and rested representatives.
fn head_lines(app: &App, live: &DrawLive) -> Vec<Line<'static>> {
    let l = app.lang;
    let d = &live.draw;
    let s = &d.settings;
    let mut h = vec![Line::from(vec![
        Span::styled(
            format!(
                "{} {} {}",
                T::Pool.get(l),
                d.pool.len(),
                T::PeopleSuffix.get(l)
            ),
            theme::title(),
        ),
        Span::raw(format!(
            "   {} {} · {} {} · {} {}",
            T::PanelLower.get(l),
            s.panel_size,
            T::AlternatesLower.get(l),
            s.alternates,
            T::StrikesEach.get(l),
            s.strikes_per_party
        )),
    ])];
    let mins: Vec<String> = s.minimums.iter().map(|m| m.label_zh()).collect();
    if !mins.is_empty() {
        h.push(Line::raw(format!(
            "{}{}",
            T::Minimums.get(l),
            mins.join("；")
        )));
    }
    let mut notes = vec![];
    for (_, name, reason) in &live.report.excluded {
        notes.push(T::Paren.fill(l, &[&safe(name), &safe(reason)]));
    }
    if !notes.is_empty() {
        h.push(Line::raw(format!(
            "{}{}",
            T::Excluded.get(l),
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
            T::ServedOftenButKeptTheDraw.get(l)
        } else {
            T::RestingAfterThreeHearings.get(l)
        };
        h.push(Line::styled(
            format!("{what}{}", names.join("、")),
            theme::warn(),
        ));
    }
    h
}

/// The result: who was drawn, the strikes, the alternates, the receipt.
fn render_result(app: &App, live: &DrawLive, frame: &mut Frame, result: Rect, compact: bool) {
    let l = app.lang;
    let d = &live.draw;
    let s = &d.settings;
    let mut r: Vec<Line> = vec![];
    match live.phase {
        DrawPhase::Inputs(_) => r.push(Line::styled(
            T::EachPartyTypesInTurnThen.get(l),
            theme::dim(),
        )),
        DrawPhase::Ready => r.push(Line::styled(
            T::EveryPartyHasEnteredPressEnter.get(l),
            theme::notice(),
        )),
        DrawPhase::Revealed | DrawPhase::Final => {
            let seed = d.seed.clone().unwrap_or_default();
            if compact {
                let short = |s: &str| format!("{}…  ", s.get(..16).unwrap_or(s));
                r.push(Line::from(vec![
                    Span::styled(T::DeskNonceRevealed.get(l), theme::label()),
                    Span::raw(short(&d.nonce)),
                    Span::styled(T::Seed.get(l), theme::label()),
                    Span::raw(short(&seed)),
                ]));
            } else {
                r.push(Line::from(vec![
                    Span::styled(T::DeskNonceRevealed.get(l), theme::label()),
                    Span::raw(d.nonce.clone()),
                ]));
                r.push(Line::from(vec![
                    Span::styled(T::Seed.get(l), theme::label()),
                    Span::raw(seed),
                ]));
            }
            r.push(Line::styled(T::ThePanelInDrawOrder.get(l), theme::header()));
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
                T::AlternatesInOrder.get(l),
                alts.join("  ")
            )));
            for st in &d.strikes {
                let party = live.labels.get(st.party).map(|s| s.as_str()).unwrap_or("");
                r.push(Line::styled(
                    format!(
                        "{} {} {}，{} {} {}",
                        safe(party),
                        T::Struck.get(l),
                        safe(d.name(st.member)),
                        T::ReplacedBy.get(l),
                        safe(d.name(st.replacement)),
                        T::StepsIn.get(l)
                    ),
                    theme::warn(),
                ));
            }
            if live.phase == DrawPhase::Final {
                r.push(Line::styled(
                    T::FinalTheReceiptIsSavedP.get(l),
                    theme::info(),
                ));
            } else {
                r.push(Line::styled(
                    T::SelectXStrikesForAParty.get(l),
                    theme::dim(),
                ));
            }
        }
    }
    frame.render_widget(Paragraph::new(r).wrap(Wrap { trim: false }), result);
}

// ---- the hearing ----------------------------------------------------------------------------
