//! The Party members' household work (党员联户): units, members, households, gaps and wishes
//! on the left, the selected member or household on the right.

use crate::text::T;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table, TableState, Wrap};

use super::{fit, safe, theme};
use super::{kv, view_tabs};
use crate::app::App;
use crate::app::members::{HouseholdDetail, MemberDetail, MemberView};
use crate::domain::calendar::zh_date;
use crate::domain::members::{HOUSEHOLDS_PER_MEMBER, key_share_missing};
use crate::domain::vocab::{Lang, State};
use crate::records::members::Household;

pub fn render_members(app: &App, frame: &mut Frame, area: Rect) {
    let l = app.lang;
    let s = &app.members;
    let [top, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(3)]).areas(area);
    let mut tabs: Vec<(String, bool, Style)> = MemberView::ALL
        .iter()
        .map(|v| (v.label(l).to_string(), *v == s.view, theme::tab()))
        .collect();
    let (members_off, lonely) = s.problems;
    tabs.push((
        format!(
            "{} {} │ {} {}",
            T::MembersWithoutThreeHouseholds.get(l),
            members_off,
            T::HouseholdsWithoutAMember.get(l),
            lonely
        ),
        false,
        if members_off + lonely > 0 {
            theme::warn()
        } else {
            theme::dim()
        },
    ));
    frame.render_widget(Paragraph::new(view_tabs(tabs)), top);
    let [list, detail] =
        Layout::horizontal([Constraint::Percentage(58), Constraint::Percentage(42)]).areas(body);
    let (header, widths, rows) = member_table(app);
    let n = rows.len();
    let more = match (s.pages.len() > 1, s.more) {
        (true, true) => " ↑ PgUp · PgDn ↓ ",
        (false, true) => " PgDn ↓ ",
        (true, false) => " ↑ PgUp ",
        _ => "",
    };
    let title = match s.view {
        MemberView::Gaps => {
            let [a, b] = app.gap_quarters();
            format!(
                " {} {}Q{} / {}Q{}{colon}{} ",
                T::HouseholdsNotVisitedInPerson.get(l),
                a.0,
                a.1,
                b.0,
                b.1,
                n,
                colon = l.colon()
            )
        }
        MemberView::Members if !s.search.is_empty() => format!(
            " {} · {}“{}” ",
            MemberView::Members.label(l),
            T::FindPrefix.get(l),
            safe(&s.search)
        ),
        v => format!(" {} ", v.label(l)),
    };
    let mut state =
        TableState::default().with_selected(if n == 0 { None } else { Some(s.selected) });
    frame.render_stateful_widget(
        Table::new(rows, widths)
            .header(Row::new(header.into_iter().map(Cell::from)).style(theme::header()))
            .row_highlight_style(theme::selected())
            .block(
                Block::default()
                    .borders(Borders::ALL)
                    .title(title)
                    .title_bottom(Line::from(more).right_aligned()),
            ),
        list,
        &mut state,
    );
    render_member_detail(app, frame, detail);
}

/// The list of the current view: its header, column widths and rows.
fn member_table(app: &App) -> (Vec<&'static str>, Vec<Constraint>, Vec<Row<'_>>) {
    let l = app.lang;
    let s = &app.members;
    let (header, widths, rows): (Vec<&str>, Vec<Constraint>, Vec<Row>) = match s.view {
        MemberView::Units => units_rows(app),
        MemberView::Members => members_rows(app),
        MemberView::Households | MemberView::Gaps => {
            let mut rows = vec![];
            let mut push = |h: &crate::records::members::Household, q: Option<(i32, u32)>| {
                let member = match &h.member_name {
                    Some(m) => Cell::from(fit(m, 8)),
                    None => Cell::from(T::NoContact.get(l)).style(theme::error()),
                };
                let mut cells = vec![];
                if let Some((y, q)) = q {
                    cells.push(Cell::from(format!("{y}Q{q}")).style(theme::warn()));
                } else {
                    cells.push(Cell::from(h.id.to_string()));
                }
                cells.extend([
                    Cell::from(fit(&h.head, 8)),
                    Cell::from(fit(app.refs.place_name(Some(h.place_id)), 10)),
                    Cell::from(fit(&h.address, 26)),
                    Cell::from(h.kind.label(l).to_string()),
                    member,
                ]);
                rows.push(Row::new(cells));
            };
            if s.view == MemberView::Households {
                for h in &s.households {
                    push(h, None);
                }
            } else {
                for (y, q, hs) in &s.gaps {
                    for h in hs {
                        push(h, Some((*y, *q)));
                    }
                }
            }
            (
                vec![
                    if s.view == MemberView::Gaps {
                        T::Quarter.get(l)
                    } else {
                        T::NumberShort.get(l)
                    },
                    T::Head.get(l),
                    T::CommunityShort.get(l),
                    T::Address.get(l),
                    T::HouseholdKind.get(l),
                    T::ContactMember.get(l),
                ],
                vec![
                    Constraint::Length(7),
                    Constraint::Length(8),
                    Constraint::Length(10),
                    Constraint::Length(26),
                    Constraint::Length(7),
                    Constraint::Min(8),
                ],
                rows,
            )
        }
        MemberView::Wishes => (
            vec![
                T::NumberShort.get(l),
                T::WishShort.get(l),
                T::HouseholdHead.get(l),
                T::State.get(l),
                T::ClaimingMember.get(l),
                T::NoteShort.get(l),
            ],
            vec![
                Constraint::Length(5),
                Constraint::Length(28),
                Constraint::Length(8),
                Constraint::Length(7),
                Constraint::Length(9),
                Constraint::Min(10),
            ],
            s.wishes
                .iter()
                .map(|w| {
                    let note = match &w.fulfilled_on {
                        Some(d) => format!("{d} {}", w.note),
                        None => w.note.clone(),
                    };
                    Row::new(vec![
                        Cell::from(w.id.to_string()),
                        Cell::from(fit(&w.wish, 28)),
                        Cell::from(fit(&w.head, 8)),
                        Cell::from(w.state.label(l).to_string()),
                        Cell::from(fit(w.member.as_deref().unwrap_or(""), 9)),
                        Cell::from(fit(&note, 30)),
                    ])
                })
                .collect(),
        ),
    };
    (header, widths, rows)
}

/// The units and their share of key-selected members against the 40% rule.
fn units_rows(app: &App) -> (Vec<&'static str>, Vec<Constraint>, Vec<Row<'_>>) {
    let l = app.lang;
    let s = &app.members;
    (
        vec![
            T::UnitShort.get(l),
            T::EmployedMembers.get(l),
            T::KeySelected.get(l),
            T::Share.get(l),
            T::FortyPercentRule.get(l),
            T::UnitUnregistered.get(l),
            T::UnitWithoutContact.get(l),
            T::UnitMeeting.get(l),
            T::UnitInspection.get(l),
        ],
        vec![
            Constraint::Length(24),
            Constraint::Length(9),
            Constraint::Length(9),
            Constraint::Length(6),
            Constraint::Length(16),
            Constraint::Length(7),
            Constraint::Length(10),
            Constraint::Length(10),
            Constraint::Min(8),
        ],
        s.units
            .iter()
            .enumerate()
            .map(|(i, u)| {
                let w = s.unit_work.get(i).cloned().unwrap_or_default();
                let share = (u.key_selected * 100).checked_div(u.total).unwrap_or(0);
                let rule = if u.ok {
                    Cell::from(T::Met.get(l))
                } else {
                    Cell::from(format!(
                        "{}{}{}",
                        T::BelowFortyPercent.get(l),
                        key_share_missing(u.key_selected, u.total),
                        T::More.get(l)
                    ))
                    .style(theme::error())
                };
                Row::new(vec![
                    Cell::from(fit(&u.name, 24)),
                    Cell::from(u.total.to_string()),
                    Cell::from(u.key_selected.to_string()),
                    Cell::from(format!("{share}%")),
                    rule,
                    Cell::from(w.unregistered.to_string()).style(if w.unregistered > 0 {
                        theme::warn()
                    } else {
                        Style::default()
                    }),
                    Cell::from(w.without_contact.to_string()).style(if w.without_contact > 0 {
                        theme::warn()
                    } else {
                        Style::default()
                    }),
                    Cell::from(w.meeting.clone().unwrap_or_else(|| "—".into())),
                    Cell::from(match w.inspection {
                        Some((id, true)) => format!("#{id} ✓"),
                        Some((id, false)) => format!("#{id} …"),
                        None => "—".into(),
                    }),
                ])
            })
            .collect(),
    )
}

/// The members list: name, unit, key-selected, households.
fn members_rows(app: &App) -> (Vec<&'static str>, Vec<Constraint>, Vec<Row<'_>>) {
    let l = app.lang;
    let s = &app.members;
    (
        vec![
            T::NumberShort.get(l),
            T::PersonName.get(l),
            T::UnitShort.get(l),
            T::LivesIn.get(l),
            T::CadrePool.get(l),
            T::Key.get(l),
            T::ContactHouseholds.get(l),
        ],
        vec![
            Constraint::Length(5),
            Constraint::Length(8),
            Constraint::Length(18),
            Constraint::Length(10),
            Constraint::Length(9),
            Constraint::Length(9),
            Constraint::Min(6),
        ],
        s.members
            .iter()
            .map(|m| {
                let hh = Cell::from(m.households.to_string()).style(
                    if m.key_selected && m.households != HOUSEHOLDS_PER_MEMBER {
                        theme::error()
                    } else {
                        Style::default()
                    },
                );
                Row::new(vec![
                    Cell::from(m.id.to_string()),
                    Cell::from(fit(&m.name, 8)),
                    Cell::from(fit(&m.unit, 18)),
                    Cell::from(fit(app.refs.place_name(m.place_id), 10)),
                    Cell::from(m.pool.label(l).to_string()),
                    Cell::from(if m.key_selected {
                        m.selected_by
                            .map(|b| b.label(l))
                            .unwrap_or(T::YesLower.get(l))
                            .to_string()
                    } else {
                        "—".into()
                    }),
                    hh,
                ])
            })
            .collect(),
    )
}

fn render_member_detail(app: &App, frame: &mut Frame, area: Rect) {
    let l = app.lang;
    let s = &app.members;
    let lines = if let Some(d) = s
        .member
        .as_ref()
        .filter(|d| Some(d.member.id) == app.selected_member_id())
    {
        member_lines(app, d)
    } else if let Some(d) = s
        .household
        .as_ref()
        .filter(|d| Some(d.household.id) == app.selected_household_id())
    {
        household_lines(app, d)
    } else if let Some(d) = s.unit.as_ref().filter(|d| {
        s.view == MemberView::Units && s.units.get(s.selected).map(|u| u.id) == Some(d.unit_id)
    }) {
        unit_lines(app, d)
    } else {
        vec![Line::styled(hint_for(s.view, l), theme::dim())]
    };
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: false }).block(
            Block::default()
                .borders(Borders::ALL)
                .title(T::Detail.get(l)),
        ),
        area,
    );
}

/// A unit: who has not registered, who had no contact this quarter, its meeting, its
/// inspections and findings, the oversight of it; the keys for each.
fn unit_lines<'a>(app: &App, d: &crate::app::members::work::UnitDetail) -> Vec<Line<'a>> {
    let l = app.lang;
    let names = |v: &[String]| {
        if v.is_empty() {
            "—".to_string()
        } else {
            safe(&v.join("、")).into_owned()
        }
    };
    let mut lines = vec![
        Line::styled(
            app.members
                .units
                .iter()
                .find(|u| u.id == d.unit_id)
                .map(|u| u.name.clone())
                .unwrap_or_default(),
            theme::title(),
        ),
        kv(T::UnitUnregistered.get(l), names(&d.unregistered)),
        kv(
            &format!(
                "{}（{}年第{}季度）",
                T::UnitWithoutContact.get(l),
                d.quarter.0,
                d.quarter.1
            ),
            names(&d.without_contact),
        ),
        kv(
            T::QuarterlyMeeting.get(l),
            d.meeting
                .as_ref()
                .map(|(on, notes)| format!("{on} {}", safe(notes)))
                .unwrap_or_else(|| T::NotYetQ.get(l).to_string()),
        ),
    ];
    lines.push(Line::styled(T::RandomInspection.get(l), theme::header()));
    for i in &d.inspections {
        let who: Vec<&str> = i
            .members
            .iter()
            .filter_map(|m| d.names.get(m).map(|s| s.as_str()))
            .collect();
        lines.push(Line::raw(format!(
            "  #{} {} {}",
            i.id,
            i.drawn_at.get(..10).unwrap_or(""),
            safe(&who.join("、"))
        )));
        lines.push(Line::styled(
            format!(
                "    {}",
                if i.findings.is_empty() {
                    T::FindingsToRecordF.get(l).to_string()
                } else {
                    safe(&i.findings).into_owned()
                }
            ),
            if i.findings.is_empty() {
                theme::warn()
            } else {
                theme::dim()
            },
        ));
    }
    if d.inspections.is_empty() {
        lines.push(Line::styled(T::NoInspectionYet.get(l), theme::dim()));
    }
    if !d.oversight.is_empty() {
        lines.push(Line::styled(T::OversightLog.get(l), theme::header()));
        for o in &d.oversight {
            lines.push(Line::raw(format!(
                "  {} {} {}：{}",
                o.on,
                o.by.label(l),
                o.kind.label(l),
                safe(&o.findings)
            )));
        }
    }
    lines.push(Line::styled(T::UnitKeys.get(l), theme::dim()));
    lines
}

/// A member: who, where, the pool, the households served and suggested, contacts, tickets.
fn member_lines<'a>(app: &App, d: &MemberDetail) -> Vec<Line<'a>> {
    let l = app.lang;
    let mut lines: Vec<Line> = vec![];
    let m = &d.member;
    lines.push(Line::styled(
        format!(
            "{} · {} {}",
            safe(&m.name),
            safe(&m.unit),
            safe(&m.position)
        ),
        theme::title(),
    ));
    lines.push(Line::from(vec![
        Span::styled(
            format!("{}{}", T::LivesIn.get(l), l.colon()),
            theme::label(),
        ),
        Span::raw(app.refs.place_name(m.place_id).to_string()),
        match &m.registered_on {
            Some(d) => Span::styled(
                format!("  {} {d}", T::RegisterWithCommunity.get(l)),
                theme::dim(),
            ),
            None => Span::styled(format!("  {}（g）", T::Unregistered.get(l)), theme::warn()),
        },
    ]));
    lines.push(kv(
        T::ProfessionSkills.get(l),
        format!("{} · {}", safe(&m.profession), safe(&m.skills)),
    ));
    lines.push(kv(
        T::CadrePool.get(l),
        format!(
            "{}{}{}{}",
            m.pool.label(l),
            l.pick("　", " "),
            if m.key_selected {
                T::KeySelectedLower.get(l)
            } else {
                T::NotKeySelected.get(l)
            },
            m.selected_by
                .map(|b| format!(
                    "{open}{}{close}",
                    b.label(l),
                    open = l.open(),
                    close = l.close()
                ))
                .unwrap_or_default()
        ),
    ));
    lines.push(Line::styled(
        format!(
            "{}{open}{}/{}{close}",
            T::ServedHouseholds.get(l),
            d.households.len(),
            HOUSEHOLDS_PER_MEMBER,
            open = l.open(),
            close = l.close()
        ),
        if m.key_selected && d.households.len() != HOUSEHOLDS_PER_MEMBER {
            theme::error()
        } else {
            theme::header()
        },
    ));
    for h in &d.households {
        lines.extend(household_brief(h, "", l));
    }
    if !d.suggestions.is_empty() {
        lines.push(Line::styled(T::SuggestedSAssigns.get(l), theme::notice()));
        for (h, score) in &d.suggestions {
            let score = if *score > 0 {
                format!(" · {} {score}", T::Match.get(l))
            } else {
                String::new()
            };
            lines.extend(household_brief(h, &score, l));
        }
    }
    lines.push(Line::styled(
        T::Paren.fill(l, &[&T::ContactsThisYear.get(l), &d.contacts.len()]),
        theme::header(),
    ));
    for c in d.contacts.iter().take(8) {
        lines.push(Line::raw(format!(
            "  {} {} {}{colon}{}",
            c.date,
            c.method.label(l),
            safe(&c.head),
            safe(&c.notes),
            colon = l.colon()
        )));
    }
    if !d.tickets.is_empty() {
        lines.push(Line::styled(T::RaisedToCenter.get(l), theme::header()));
        for (n, st) in &d.tickets {
            lines.push(Line::raw(format!(
                "  {n} {}",
                State::from_code(st).map(|x| x.label(l)).unwrap_or("")
            )));
        }
    }
    if !d.history.is_empty() {
        lines.push(Line::styled(T::MemberHistory.get(l), theme::header()));
        for c in d.history.iter().rev().take(8) {
            let what = match c.kind.as_str() {
                "registered" => T::RegisterWithCommunity.get(l),
                "key_selected" => T::KeySelectedYes.get(l),
                "key_unselected" => T::KeySelectedNo.get(l),
                "retired" => T::RetireMember.get(l),
                "assignment_ended" => T::EndAssignment.get(l),
                _ => T::EditMember.get(l),
            };
            lines.push(Line::raw(format!(
                "  {} {what} {}（{}）",
                c.on,
                safe(&c.detail),
                safe(&c.actor)
            )));
        }
    }
    lines
}

/// A household served: head, kind, address, needs and plan, its member and last home visit.
fn household_lines<'a>(app: &App, d: &HouseholdDetail) -> Vec<Line<'a>> {
    let l = app.lang;
    let mut lines: Vec<Line> = vec![];
    let h = &d.household;
    lines.push(Line::styled(
        format!("{} · {}", safe(&h.head), h.kind.label(l)),
        theme::title(),
    ));
    lines.push(kv(
        T::CommunityShort.get(l),
        app.refs.place_name(Some(h.place_id)).to_string(),
    ));
    lines.push(kv(T::Address.get(l), safe(&h.address).into_owned()));
    lines.push(kv(T::Needs.get(l), safe(&h.needs).into_owned()));
    lines.push(kv(T::Plan.get(l), safe(&h.plan).into_owned()));
    match &d.member {
        Some(m) => lines.push(kv(T::ContactMember.get(l), safe(m).into_owned())),
        None => lines.push(Line::styled(T::NoMemberSAssignsOne.get(l), theme::error())),
    }
    lines.push(kv(
        T::LastHomeVisit.get(l),
        d.last_visit
            .map(zh_date)
            .unwrap_or_else(|| T::NoneLower.get(l).into()),
    ));
    lines
}

/// A household in a member's list: “head (kind) address” and its needs under it.
fn household_brief<'a>(h: &Household, extra: &str, l: Lang) -> [Line<'a>; 2] {
    [
        Line::raw(format!(
            "  {}{}{}{extra}",
            T::Paren.fill(l, &[&safe(&h.head), &h.kind.label(l)]),
            l.pick("", " "),
            safe(&h.address),
        )),
        Line::styled(format!("    {}", safe(&h.needs)), theme::dim()),
    ]
}

fn hint_for(view: MemberView, l: Lang) -> &'static str {
    match view {
        MemberView::Units => T::EachUnitKeySelectsAtLeast.get(l),
        _ => T::SelectARow.get(l),
    }
}
