//! Snapshots of every pane at 160×45 with the demonstration district's Chinese data, at a fixed
//! time. A changed screen fails until the new snapshot is reviewed (`cargo insta review`).

mod common;

use common::*;
use ratatui::crossterm::event::KeyCode;
use suqiu::domain::Lang;

fn snap(name: &str, text: String) {
    if !fixed_time() {
        return;
    }
    insta::with_settings!({ snapshot_path => "snapshots", prepend_module_to_snapshot => false }, {
        insta::assert_snapshot!(name, text);
    });
}

#[test]
fn sign_in_and_setup_screens() {
    let (_d, path) = demo_db();
    let (mut app, mut ctx) = desk(&path, Lang::Zh);
    typ(&mut app, &mut ctx, "1003");
    snap("sign_in", screen(&app));
    let dir = tempfile::TempDir::new().unwrap();
    let (app, _ctx) = desk(&dir.path().join("empty.db"), Lang::Zh);
    snap("setup", screen(&app));
}

#[test]
fn queue_board_and_help() {
    let (_d, path) = demo_db();
    let (mut app, mut ctx) = signed_in(&path, "1003", "300300");
    snap("queue", screen(&app));
    typ(&mut app, &mut ctx, "f");
    snap("queue_filter_menu", screen(&app));
    key(&mut app, &mut ctx, KeyCode::Esc);
    typ(&mut app, &mut ctx, "2");
    snap("board", screen(&app));
    typ(&mut app, &mut ctx, "?");
    snap("help", screen(&app));
}

#[test]
fn queue_in_english() {
    let (_d, path) = demo_db();
    let (mut app, mut ctx) = desk(&path, Lang::En);
    typ(&mut app, &mut ctx, "1002\n200200\n");
    snap("queue_en", screen(&app));
}

#[test]
fn ticket_detail_action_menu_and_issue_form() {
    let (_d, path) = demo_db();
    let (mut app, mut ctx) = signed_in(&path, "1002", "200200");
    let ticket = first_ticket(&path, |t| {
        t.state == suqiu::domain::vocab::State::AwaitingIssue
    });
    open_ticket(&mut app, &mut ctx, &ticket.number());
    snap("detail", screen(&app));
    typ(&mut app, &mut ctx, "a");
    snap("action_menu", screen(&app));
    typ(&mut app, &mut ctx, "1");
    snap("issue_form", screen(&app));
}

#[test]
fn a_long_history_in_detail() {
    let (_d, path) = demo_db();
    let (mut app, mut ctx) = signed_in(&path, "1002", "200200");
    let ticket = first_ticket(&path, |t| t.state == suqiu::domain::vocab::State::Escalated);
    open_ticket(&mut app, &mut ctx, &ticket.number());
    snap("detail_escalated", screen(&app));
}

#[test]
fn intake_form_with_errors_and_earlier_petitions() {
    let (_d, path) = demo_db();
    // The last petitioner registered.
    let mobile = tickets(&path)
        .into_iter()
        .rev()
        .find_map(|t| t.petitioners.last().cloned())
        .and_then(|p| p.mobile)
        .unwrap();
    let (mut app, mut ctx) = signed_in(&path, "1003", "300300");
    typ(&mut app, &mut ctx, "n");
    snap("intake_empty", screen(&app));
    typ(&mut app, &mut ctx, "欧阳娜娜");
    key(&mut app, &mut ctx, KeyCode::Tab);
    typ(&mut app, &mut ctx, &mobile);
    key(&mut app, &mut ctx, KeyCode::Tab);
    typ(&mut app, &mut ctx, "22040319800101123");
    ctrl(&mut app, &mut ctx, 's');
    snap("intake_errors", screen(&app));
}

#[test]
fn admin_pane() {
    let (_d, path) = demo_db();
    let (mut app, mut ctx) = signed_in(&path, "1001", "100100");
    typ(&mut app, &mut ctx, "6");
    snap("admin_places", screen(&app));
    typ(&mut app, &mut ctx, "lll");
    snap("admin_leaders", screen(&app));
    typ(&mut app, &mut ctx, "ll");
    snap("admin_limits", screen(&app));
    typ(&mut app, &mut ctx, "l");
    snap("admin_staff", screen(&app));
    typ(&mut app, &mut ctx, "e");
    snap("admin_staff_form", screen(&app));
}

#[test]
fn review_pane() {
    let (_d, path) = demo_db();
    let (mut app, mut ctx) = signed_in(&path, "1002", "200200");
    typ(&mut app, &mut ctx, "7");
    snap("review", screen(&app));
    typ(&mut app, &mut ctx, "t");
    typ(&mut app, &mut ctx, "i");
    snap("review_quarter_accepted", screen(&app));
}
