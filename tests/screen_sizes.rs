//! The desk at the sizes desks really have (80×24, 100×30, 160×45): the queue, the intake form
//! with a repeat petitioner, a ticket's detail and the draw, as snapshots, and the rules the
//! snapshots only show (numbers, levels and states whole; popups inside the screen; wide
//! characters at a popup's edge do not eat its border).

mod common;

use common::*;
use ratatui::crossterm::event::KeyCode;
use suqiu::app::delib::DelibView;
use suqiu::app::draw::DrawPhase;
use suqiu::app::effects::Ctx;
use suqiu::app::{Action, App};

const SIZES: [(u16, u16); 3] = [(80, 24), (100, 30), (160, 45)];

fn snap(name: &str, text: &str) {
    if !fixed_time() {
        return;
    }
    insta::with_settings!({ snapshot_path => "snapshots", prepend_module_to_snapshot => false }, {
        insta::assert_snapshot!(name, text);
    });
}

fn resize(app: &mut App, ctx: &mut Ctx, w: u16, h: u16) {
    app.dispatch(ctx, Action::Resize(w, h));
}

/// Every ticket number on screen is whole (`2026-000123`, never `2026-000…`).
fn numbers_whole(s: &str) {
    for line in s.lines() {
        for (i, _) in line.match_indices("20") {
            let rest = &line[i..];
            if rest.len() > 5
                && rest.as_bytes()[4] == b'-'
                && rest[..4].bytes().all(|b| b.is_ascii_digit())
            {
                let digits = rest[5..].bytes().take_while(|b| b.is_ascii_digit()).count();
                if digits > 0 && digits < 6 && rest[5..].chars().nth(digits) != Some(':') {
                    // A date (2026-12-01) has two digits; a number has six.
                    let next = rest[5 + digits..].chars().next();
                    assert!(
                        digits == 2 && next != Some('…'),
                        "a cut ticket number in {line:?}\n{s}"
                    );
                }
            }
        }
    }
}

#[test]
fn the_queue_keeps_number_level_and_state_whole_at_every_size() {
    let (_d, path) = demo_db();
    let (mut app, mut ctx) = signed_in(&path, "1003", "300300");
    for (w, h) in SIZES {
        resize(&mut app, &mut ctx, w, h);
        let s = screen_at(&app, w, h);
        numbers_whole(&s);
        // Every row on the page shows its number and its whole stage·state.
        for r in &app.queue.page.rows {
            let line = s
                .lines()
                .find(|l| l.contains(&r.number))
                .unwrap_or_else(|| panic!("{} not on screen at {w}×{h}\n{s}", r.number));
            let stage = format!(
                "{}·{}",
                r.state.stage().label(app.lang),
                r.state.label(app.lang)
            );
            assert!(line.contains(&stage), "{stage} cut at {w}×{h}: {line}");
            if let Some((_, left)) = suqiu::ui::queue::row_level(&app, r) {
                assert!(line.contains(&left), "{left} cut at {w}×{h}: {line}");
            }
        }
        snap(&format!("queue_{w}x{h}"), &s);
    }
}

#[test]
fn the_intake_form_shows_earlier_petitions_at_every_size() {
    let (_d, path) = demo_db();
    let mobile = tickets(&path)
        .into_iter()
        .rev()
        .find_map(|t| t.petitioners.last().cloned())
        .and_then(|p| p.mobile)
        .unwrap();
    for (w, h) in SIZES {
        let (mut app, mut ctx) = signed_in(&path, "1003", "300300");
        resize(&mut app, &mut ctx, w, h);
        typ(&mut app, &mut ctx, "n");
        typ(&mut app, &mut ctx, "欧阳娜娜");
        key(&mut app, &mut ctx, KeyCode::Tab);
        typ(&mut app, &mut ctx, &mobile);
        key(&mut app, &mut ctx, KeyCode::Tab);
        let s = screen_at(&app, w, h);
        assert!(
            !app.form.as_ref().unwrap().earlier.is_empty(),
            "the lookup found the earlier petitions"
        );
        assert!(
            s.contains("既往诉求"),
            "the earlier-petitions panel at {w}×{h}\n{s}"
        );
        numbers_whole(&s);
        snap(&format!("intake_{w}x{h}"), &s);
    }
}

#[test]
fn the_detail_fits_every_size_and_scrolls_by_page() {
    let (_d, path) = demo_db();
    let (mut app, mut ctx) = signed_in(&path, "1002", "200200");
    let ticket = first_ticket(&path, |t| t.state == suqiu::domain::vocab::State::Escalated);
    open_ticket(&mut app, &mut ctx, &ticket.number());
    for (w, h) in SIZES {
        resize(&mut app, &mut ctx, w, h);
        let s = screen_at(&app, w, h);
        assert!(s.contains(&ticket.number()), "{s}");
        numbers_whole(&s);
        snap(&format!("detail_{w}x{h}"), &s);
    }
    // PgDn moves a page, not a line.
    resize(&mut app, &mut ctx, 80, 24);
    let before = screen_at(&app, 80, 24);
    key(&mut app, &mut ctx, KeyCode::PageDown);
    // A page is the screen less its bars, the moves box, the borders and two lines kept.
    let page = 24 - 10;
    let max = app.detail_scroll_max.get();
    assert!(max > 1, "the record is longer than the pane at 80×24");
    assert_eq!(app.detail_scroll, max.min(page));
    assert_ne!(before, screen_at(&app, 80, 24));
    // Never past the end: the way back is one key per page.
    for _ in 0..5 {
        key(&mut app, &mut ctx, KeyCode::PageDown);
    }
    assert_eq!(app.detail_scroll, max);
    for _ in 0..max.div_ceil(page) {
        key(&mut app, &mut ctx, KeyCode::PageUp);
    }
    assert_eq!(app.detail_scroll, 0);
    assert_eq!(screen_at(&app, 80, 24), before);
    // The timeline shows its latest event; `[` goes back to the earlier ones, `]` returns.
    let latest = ticket_events_latest(&app);
    assert!(before.contains(&latest), "{latest} in\n{before}");
    typ(&mut app, &mut ctx, "[");
    let earlier = screen_at(&app, 80, 24);
    assert_ne!(earlier, before);
    typ(&mut app, &mut ctx, "]]]]");
    assert_eq!(screen_at(&app, 80, 24), before);
}

/// The time of the open ticket's latest event as the timeline writes it (`MM-DD HH:MM`).
fn ticket_events_latest(app: &App) -> String {
    let at = &app.detail.as_ref().unwrap().timeline.last().unwrap().at;
    format!("{} {}", &at[5..10], &at[11..16])
}

#[test]
fn the_draw_fits_every_size() {
    let (_d, path) = demo_db();
    let (mut app, mut ctx) = signed_in(&path, "1003", "300300");
    let c = rusqlite::Connection::open(&path).unwrap();
    let (number, hearing): (String, i64) = c
        .query_row("SELECT printf('%d-%06d', t.year, t.seq), h.id FROM hearings h JOIN tickets t ON t.id = h.ticket_id LIMIT 1", [], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap();
    open_ticket(&mut app, &mut ctx, &number);
    let h = ctx.store.hearing(hearing).unwrap();
    let d = ctx.store.draw(h.draw_id).unwrap();
    let report = suqiu::store::draws::PoolReport {
        pool: d.pool.clone(),
        excluded: vec![],
        rested: vec![],
        rest_relaxed: false,
    };
    let labels = d.parties.iter().map(|p| p.label.clone()).collect();
    let inputs = d.parties.iter().map(|p| p.input.clone()).collect();
    let commitments = d
        .parties
        .iter()
        .map(|p| suqiu::domain::hex(&suqiu::domain::draw::commitment(&p.salt, &p.input)))
        .collect();
    app.delib = Some(DelibView::Draw(Box::new(suqiu::app::draw::DrawLive {
        draw: d,
        report,
        labels,
        salts: vec![],
        nonce: vec![],
        inputs,
        commitments,
        phase: DrawPhase::Final,
        selected: 0,
    })));
    for (w, h) in SIZES {
        resize(&mut app, &mut ctx, w, h);
        let s = screen_at(&app, w, h);
        assert!(s.contains(&number), "{s}");
        snap(&format!("draw_{w}x{h}"), &s);
    }
}

/// A popup at a narrow screen stays inside it, and a wide character just left of a popup's
/// border is blanked, so the terminal does not draw it over the border.
#[test]
fn popups_stay_inside_and_keep_their_borders() {
    let (_d, path) = demo_db();
    let (mut app, mut ctx) = signed_in(&path, "1003", "300300");
    resize(&mut app, &mut ctx, 80, 24);
    for keys in ["f", "?", "s"] {
        typ(&mut app, &mut ctx, keys);
        let mut term = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).unwrap();
        term.draw(|f| suqiu::ui::render(&app, f)).unwrap();
        let buf = term.backend().buffer();
        // Every line with a left border '│' or corner has no wide character ending on it.
        for y in 0..24u16 {
            for x in 1..80u16 {
                let sym = buf[(x, y)].symbol();
                if matches!(sym, "│" | "┌" | "└" | "├") {
                    let left = buf[(x - 1, y)].symbol();
                    assert!(
                        unicode_width::UnicodeWidthStr::width(left) < 2,
                        "a wide {left:?} eats the border at ({x},{y}) after {keys:?}\n{}",
                        screen_at(&app, 80, 24)
                    );
                }
            }
        }
        key(&mut app, &mut ctx, KeyCode::Esc);
    }
}
