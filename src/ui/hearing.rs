//! The hearing: attendance, phases, questions and the panel's votes.

use crate::text::T;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::{safe, theme};
use crate::app::App;
use crate::app::hearing::HearingView;
use crate::domain::hearing::phase_label;
use crate::domain::vocab::Lang;
use crate::records::hearings::HearingRecord as Hearing;

pub fn render_hearing(app: &App, v: &HearingView, frame: &mut Frame, area: Rect) {
    let l = app.lang;
    let h = &v.hearing;
    let state = h.state.label(l);
    let title = format!(
        " {} {} · {} · {} · {}{} · {} ",
        T::Hearing.get(l),
        h.case,
        h.date,
        safe(&h.place),
        T::HostPrefix.get(l),
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
    let lines = panel_lines(v, l);
    frame.render_widget(
        Paragraph::new(lines).block(Block::default().borders(Borders::RIGHT)),
        panel,
    );
    let n = proceeding_lines(h, l);
    let skip = n.len().saturating_sub(notes.height as usize) as u16;
    frame.render_widget(
        Paragraph::new(n)
            .wrap(Wrap { trim: false })
            .scroll((skip, 0)),
        notes,
    );
    let q = vote_lines(h, l);
    frame.render_widget(
        Paragraph::new(q).block(Block::default().borders(Borders::TOP)),
        votes,
    );
}

/// Who sits on the panel, who is absent and who stands in, and who has voted.
fn panel_lines<'a>(v: &HearingView, l: Lang) -> Vec<Line<'a>> {
    let h = &v.hearing;
    let sitting = h.sitting();
    let mut lines = vec![Line::styled(
        format!(
            "{}{open}{}/{}{close}",
            T::Sitting.get(l),
            sitting.len(),
            v.panel_size,
            open = l.open(),
            close = l.close()
        ),
        theme::header(),
    )];
    for (rep, name, present, replaces) in &h.attendance {
        let mut t = format!(" {}", safe(name));
        if !present {
            t.push_str(T::Absent.get(l));
        }
        if let Some(r) = replaces {
            t.push_str(&format!("  {}{}", T::For.get(l), safe(h.name(*r))));
            t.push_str(T::CloseParen.get(l));
        }
        if *present && !h.questions.is_empty() {
            let done = h.votes.iter().all(|q| q.iter().any(|v| v.rep == *rep));
            t.push_str(if done {
                T::Voted.get(l)
            } else {
                T::NotVoted.get(l)
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
    lines
}

/// What was said in each phase, by whom.
fn proceeding_lines<'a>(h: &Hearing, l: Lang) -> Vec<Line<'a>> {
    let mut n: Vec<Line> = vec![Line::styled(T::Proceedings.get(l), theme::header())];
    for (phase, party, note, _) in &h.notes {
        n.push(Line::from(vec![
            Span::styled(
                format!(
                    "[{}] {}{colon}",
                    phase_label(phase, l),
                    safe(party),
                    colon = l.colon()
                ),
                theme::label(),
            ),
            Span::raw(safe(note).into_owned()),
        ]));
    }
    n
}

/// The questions, each with its count so far or its result once everyone has voted.
fn vote_lines<'a>(h: &Hearing, l: Lang) -> Vec<Line<'a>> {
    let sitting = h.sitting();
    let voted_all = !h.questions.is_empty() && (0..h.questions.len()).all(|q| h.tally(q).is_some());
    let mut q: Vec<Line> = vec![Line::styled(
        T::Paren.fill(l, &[&T::Votes.get(l), &h.tie_rule.label(l)]),
        theme::header(),
    )];
    if h.questions.is_empty() {
        q.push(Line::styled(T::NoQuestionsFixedYetQ.get(l), theme::dim()));
    }
    for (qi, question) in h.questions.iter().enumerate() {
        let count = h.votes.get(qi).map(|v| v.len()).unwrap_or(0);
        q.push(Line::raw(format!(
            "{}. {}{open}{}{close}",
            qi + 1,
            safe(&question.text),
            question.options.join(" / "),
            open = l.open(),
            close = l.close()
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
                        "   {}{comma}{} {} → {}",
                        counts.join("  "),
                        T::AbstainLower.get(l),
                        t.abstentions,
                        t.outcome(question, l),
                        comma = l.comma()
                    ),
                    theme::notice(),
                ));
            }
            None => q.push(Line::styled(
                format!(
                    "   {} {}/{}{comma}{}",
                    T::VotedShort.get(l),
                    count,
                    sitting.len(),
                    T::RevealedWhenEveryoneHasVoted.get(l),
                    comma = l.comma()
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
            T::EveryoneHasVotedFClosesThe.get(l),
            theme::info(),
        ));
    }
    q
}
