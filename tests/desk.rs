//! Key-sequence journeys through `App::dispatch` on a real database, and what the screen shows.

mod common;

use suqiu::app::form::FieldId as F;

use chrono::Datelike;
use common::*;
use ratatui::crossterm::event::KeyCode;
use suqiu::app::effects::Ctx;
use suqiu::app::{App, Popup};
use suqiu::domain::audit::Verdict;
use suqiu::domain::flow::MoveKind;
use suqiu::domain::vocab::State;

/// Opens the action menu and picks `kind` by its number, as a clerk would.
fn act(app: &mut App, ctx: &mut Ctx, kind: MoveKind) {
    let moves = app.available_moves();
    let i = moves
        .iter()
        .position(|m| *m == kind)
        .unwrap_or_else(|| panic!("{kind:?} not offered; offered {moves:?}\n{}", screen(app)));
    typ(app, ctx, "a");
    assert!(
        matches!(app.popup, Some(Popup::Picker(_))),
        "{}",
        screen(app)
    );
    typ(app, ctx, &(i + 1).to_string());
}

/// Picks an option of the focused choice by typing part of its name.
fn choose(app: &mut App, ctx: &mut Ctx, filter: &str) {
    typ(app, ctx, filter);
    key(app, ctx, KeyCode::Enter);
}

fn state(app: &App) -> State {
    app.detail.as_ref().expect("a ticket is open").rec.state
}

fn refresh(app: &mut App, ctx: &mut Ctx) {
    ctrl(app, ctx, 'r');
}

#[test]
fn register_then_all_four_stages_with_a_second_round_to_closure() {
    let (_d, path) = demo_db();
    let (mut clerk, mut cc) = signed_in(&path, "1003", "300300");
    // 拟单: register.
    typ(&mut clerk, &mut cc, "n");
    typ(&mut clerk, &mut cc, "张三");
    key(&mut clerk, &mut cc, KeyCode::Tab);
    typ(&mut clerk, &mut cc, "+86 138-1234-5678");
    key(&mut clerk, &mut cc, KeyCode::Tab);
    typ(&mut clerk, &mut cc, "11010519491231002x");
    key(&mut clerk, &mut cc, KeyCode::Tab);
    typ(&mut clerk, &mut cc, "仙城社区3号楼2单元");
    key(&mut clerk, &mut cc, KeyCode::Tab);
    choose(&mut clerk, &mut cc, "仙城");
    key(&mut clerk, &mut cc, KeyCode::Tab);
    key(&mut clerk, &mut cc, KeyCode::Tab);
    choose(&mut clerk, &mut cc, "物业");
    key(&mut clerk, &mut cc, KeyCode::Tab);
    key(&mut clerk, &mut cc, KeyCode::Tab);
    typ(&mut clerk, &mut cc, "小区物业费上涨");
    key(&mut clerk, &mut cc, KeyCode::Tab);
    typ(
        &mut clerk,
        &mut cc,
        "物业公司未经业主大会同意上调物业费。\n要求说明依据。",
    );
    key(&mut clerk, &mut cc, KeyCode::Tab);
    typ(&mut clerk, &mut cc, "恢复原收费标准");
    ctrl(&mut clerk, &mut cc, 's');
    assert!(clerk.form.is_none(), "{}", screen(&clerk));
    let rec = &clerk.detail.as_ref().unwrap().rec;
    let number = rec.number();
    // The newest ticket, numbered in this year's sequence.
    assert_eq!(rec.id, ticket_count(&path));
    assert!(
        number.starts_with(&format!("{}-", now().year())),
        "{number}"
    );
    assert_eq!(rec.petitioners[0].mobile.as_deref(), Some("13812345678"));
    assert_eq!(
        rec.petitioners[0].resident_id.as_deref(),
        Some("11010519491231002X")
    );
    assert_eq!(
        rec.content,
        "物业公司未经业主大会同意上调物业费。\n要求说明依据。"
    );
    assert_eq!(clerk.refs.place_name(rec.place_id), "仙城社区");

    // 拟办, 提交.
    act(&mut clerk, &mut cc, MoveKind::Draft);
    key(&mut clerk, &mut cc, KeyCode::Tab);
    typ(&mut clerk, &mut cc, "建议转区住建局核查物业收费依据");
    ctrl(&mut clerk, &mut cc, 's');
    assert_eq!(state(&clerk), State::Drafted);
    act(&mut clerk, &mut cc, MoveKind::Submit);
    typ(&mut clerk, &mut cc, "y");
    assert_eq!(state(&clerk), State::AwaitingIssue);

    // 下单: the leader's instruction, recorded by the desk.
    act(&mut clerk, &mut cc, MoveKind::Issue);
    choose(&mut clerk, &mut cc, "韩东升");
    key(&mut clerk, &mut cc, KeyCode::Tab);
    key(&mut clerk, &mut cc, KeyCode::Tab);
    choose(&mut clerk, &mut cc, "住房");
    key(&mut clerk, &mut cc, KeyCode::Tab);
    key(&mut clerk, &mut cc, KeyCode::Tab);
    typ(&mut clerk, &mut cc, "请区住建局阅处，限期答复。");
    ctrl(&mut clerk, &mut cc, 's');
    // A deadline in a year without official holiday data is confirmed first (at the tests'
    // fixed time the catalogue's deadline falls in December 2026, which has data).
    if let Some(Popup::Confirm { text, .. }) = &clerk.popup {
        assert!(text.contains("没有官方节假日安排"), "{text}");
        assert!(!fixed_time());
        typ(&mut clerk, &mut cc, "y");
    }
    assert_eq!(state(&clerk), State::Dispatched, "{}", screen(&clerk));
    // Thursday 2026-11-26 + 7 working days = Monday 2026-12-07 (at another date, by the
    // calendar the desk uses).
    let due = if fixed_time() {
        "2026-12-07".to_string()
    } else {
        clerk
            .cal
            .add_working_days(now().date(), 7)
            .format("%Y-%m-%d")
            .to_string()
    };
    assert_eq!(
        clerk.detail.as_ref().unwrap().rec.due.as_deref(),
        Some(due.as_str())
    );

    // 买单: the department accepts and reports.
    let (mut dept, mut dc) = signed_in(&path, "2001", "400400");
    open_ticket(&mut dept, &mut dc, &number);
    act(&mut dept, &mut dc, MoveKind::Accept);
    typ(&mut dept, &mut dc, "y");
    assert_eq!(state(&dept), State::Handling);
    act(&mut dept, &mut dc, MoveKind::Report);
    key(&mut dept, &mut dc, KeyCode::Tab);
    typ(&mut dept, &mut dc, "已约谈物业公司，暂停执行新收费标准。");
    ctrl(&mut dept, &mut dc, 's');
    assert_eq!(state(&dept), State::AwaitingFeedback);

    // 签单: one call (回访 and 评价): nothing is answered for the petitioner, who says the
    // matter is not solved and is dissatisfied, which starts round 2.
    refresh(&mut clerk, &mut cc);
    act(&mut clerk, &mut cc, MoveKind::Feedback);
    ctrl(&mut clerk, &mut cc, 's');
    assert_eq!(
        state(&clerk),
        State::AwaitingFeedback,
        "unanswered: not sent"
    );
    assert!(
        screen(&clerk).contains("请选择诉求人的回答"),
        "{}",
        screen(&clerk)
    );
    // The focus is on the first unanswered question.
    choose(&mut clerk, &mut cc, "未解决");
    key(&mut clerk, &mut cc, KeyCode::Tab);
    choose(&mut clerk, &mut cc, "不满意");
    key(&mut clerk, &mut cc, KeyCode::Tab);
    typ(&mut clerk, &mut cc, "只是暂停，没有恢复原价");
    ctrl(&mut clerk, &mut cc, 's');
    let rec = &clerk.detail.as_ref().unwrap().rec;
    assert_eq!((rec.state, rec.round), (State::Dispatched, 2));

    // Round 2.
    refresh(&mut dept, &mut dc);
    act(&mut dept, &mut dc, MoveKind::Accept);
    typ(&mut dept, &mut dc, "y");
    act(&mut dept, &mut dc, MoveKind::Report);
    key(&mut dept, &mut dc, KeyCode::Tab);
    typ(
        &mut dept,
        &mut dc,
        "物业公司已恢复原收费标准并退还多收费用。",
    );
    ctrl(&mut dept, &mut dc, 's');
    refresh(&mut clerk, &mut cc);
    act(&mut clerk, &mut cc, MoveKind::Feedback);
    key(&mut clerk, &mut cc, KeyCode::Tab);
    key(&mut clerk, &mut cc, KeyCode::Tab);
    choose(&mut clerk, &mut cc, "已解决");
    key(&mut clerk, &mut cc, KeyCode::Tab);
    choose(&mut clerk, &mut cc, "满意");
    ctrl(&mut clerk, &mut cc, 's');
    let rec = &clerk.detail.as_ref().unwrap().rec;
    assert_eq!((rec.state, rec.round), (State::Closed, 2));
    assert!(clerk.available_moves().is_empty());
    let s = screen(&clerk);
    assert!(s.contains("已结 · 已办结") && s.contains("第 2 轮"), "{s}");
    assert!(matches!(
        cc.store.verify_audit().unwrap(),
        Verdict::Intact { .. }
    ));
    let kinds: Vec<String> = cc
        .store
        .timeline(rec.id)
        .unwrap()
        .into_iter()
        .map(|e| e.kind)
        .collect();
    assert_eq!(
        kinds,
        [
            "register", "draft", "submit", "issue", "accept", "report", "feedback", "accept",
            "report", "feedback"
        ]
    );
}

#[test]
fn a_department_user_cannot_see_another_departments_ticket() {
    let (_d, path) = demo_db();
    let store = open(&path);
    let director = store.session("1002").unwrap().actor;
    let housing = store.session("2001").unwrap().actor.department_id;
    // A ticket of the housing bureau.
    let theirs = first_ticket(&path, |t| t.department_id == housing && t.state.is_open());
    let (year, seq) = (theirs.year, theirs.seq);
    let number = theirs.number();
    assert!(store.ticket_id_by_number(year, seq).unwrap().is_some());
    drop(director);
    let (mut hr, mut hc) = signed_in(&path, "2003", "400400");
    typ(&mut hr, &mut hc, "/");
    typ(&mut hr, &mut hc, &number);
    key(&mut hr, &mut hc, KeyCode::Enter);
    assert!(hr.queue.page.rows.is_empty());
    key(&mut hr, &mut hc, KeyCode::Enter);
    assert!(hr.detail.is_none());
    assert!(screen(&hr).contains("没有找到"));
    // Every row the HR user sees is HR's.
    typ(&mut hr, &mut hc, "x");
    for r in &hr.queue.page.rows {
        assert_eq!(
            r.department_id,
            hr.session.as_ref().unwrap().actor.department_id
        );
    }
    // And the housing user sees it.
    let (mut h, mut c2) = signed_in(&path, "2001", "400400");
    open_ticket(&mut h, &mut c2, &number);
}

#[test]
fn a_stale_move_is_refused_with_who_and_when_and_the_ticket_reloads() {
    let (_d, path) = demo_db();
    let registered = first_ticket(&path, |t| t.state == State::Registered);
    let number = registered.number();
    let (mut a, mut ac) = signed_in(&path, "1003", "300300");
    let (mut b, mut bc) = signed_in(&path, "1002", "200200");
    open_ticket(&mut a, &mut ac, &number);
    open_ticket(&mut b, &mut bc, &number);
    // Desk B drafts it (at the tests' time; on the wall clock, within this minute or the next).
    let at = now();
    act(&mut b, &mut bc, MoveKind::Draft);
    key(&mut b, &mut bc, KeyCode::Tab);
    typ(&mut b, &mut bc, "转住建局");
    ctrl(&mut b, &mut bc, 's');
    assert_eq!(state(&b), State::Drafted);
    // Desk A, still showing the old version, tries to withdraw it.
    act(&mut a, &mut ac, MoveKind::Withdraw);
    typ(&mut a, &mut ac, "群众电话撤回");
    ctrl(&mut a, &mut ac, 's');
    let s = screen(&a);
    let said = |t: chrono::NaiveDateTime| format!("{}", t.format("%H:%M"));
    assert!(
        s.contains("孙丽华")
            && (s.contains(&said(at)) || s.contains(&said(at + chrono::Duration::minutes(1)))),
        "{s}"
    );
    assert_eq!(state(&a), State::Drafted, "reloaded, nothing merged");
    // The form is still open with every word typed, and says what the other desk did.
    let of = a.form.as_ref().expect("the refused form stays open");
    assert_eq!(of.form.text(F::Reason), "群众电话撤回");
    let msg = of.form.message.clone().unwrap();
    assert!(
        msg.contains("孙丽华") && msg.contains("拟办") && msg.contains("Ctrl-S"),
        "{msg}"
    );
    // The whole message is on screen, wrapped, at 160 columns and at 80.
    for (w, h) in [(160, 45), (80, 24)] {
        let s = screen_at(&a, w, h);
        let flat: String = s
            .lines()
            .flat_map(|l| l.chars())
            .filter(|c| !c.is_whitespace() && *c != '│')
            .collect();
        let m: String = msg.chars().filter(|c| !c.is_whitespace()).collect();
        assert!(flat.contains(&m), "{msg}\n{s}");
    }
    // A second save applies the clerk's text on top of the other desk's change.
    ctrl(&mut a, &mut ac, 's');
    assert!(
        a.form.is_none(),
        "{:?}",
        a.form.as_ref().map(|f| &f.form.message)
    );
    assert_eq!(state(&a), State::Withdrawn);
    let d = a.detail.as_ref().unwrap();
    assert!(
        d.timeline.iter().any(|e| e.note.contains("群众电话撤回")),
        "{:?}",
        d.timeline
    );
}

#[test]
fn a_stale_move_that_is_no_longer_possible_keeps_the_text_and_says_why() {
    let (_d, path) = demo_db();
    let registered = first_ticket(&path, |t| t.state == State::Registered);
    let number = registered.number();
    let (mut a, mut ac) = signed_in(&path, "1003", "300300");
    let (mut b, mut bc) = signed_in(&path, "1002", "200200");
    open_ticket(&mut a, &mut ac, &number);
    open_ticket(&mut b, &mut bc, &number);
    // A drafts; meanwhile B withdraws the ticket, so a draft is no longer possible.
    act(&mut a, &mut ac, MoveKind::Draft);
    key(&mut a, &mut ac, KeyCode::Tab);
    typ(&mut a, &mut ac, "A 的拟办意见");
    act(&mut b, &mut bc, MoveKind::Withdraw);
    typ(&mut b, &mut bc, "群众电话撤回");
    ctrl(&mut b, &mut bc, 's');
    assert_eq!(state(&b), State::Withdrawn);
    ctrl(&mut a, &mut ac, 's');
    let of = a.form.as_ref().expect("the refused form stays open");
    let msg = of.form.message.clone().unwrap();
    assert!(msg.contains("撤回") && msg.contains("Esc"), "{msg}");
    assert!(
        !msg.contains("Ctrl-S 即"),
        "no offer to save what can no longer be done: {msg}"
    );
    assert!(
        of.form
            .fields
            .iter()
            .any(|f| matches!(&f.input, suqiu::app::form::Input::Text { .. })
                && of.form.text(f.key).contains("A 的拟办意见")),
        "the typed opinion is kept"
    );
    assert_eq!(state(&a), State::Withdrawn);
}

/// A save the file refuses (here read-only, as on a read-only medium or with the wrong
/// permissions) keeps the form and every word typed, says what to do in the form, and the
/// same Ctrl-S saves once the file can be written again.
#[test]
fn a_save_the_file_refuses_keeps_the_form_and_its_text() {
    let (_d, path) = demo_db();
    let registered = first_ticket(&path, |t| t.state == State::Registered);
    let number = registered.number();
    let (mut a, mut ac) = signed_in(&path, "1003", "300300");
    open_ticket(&mut a, &mut ac, &number);
    act(&mut a, &mut ac, MoveKind::Withdraw);
    typ(&mut a, &mut ac, "群众电话撤回，已核实本人意愿");
    ac.store.set_query_only(true).unwrap();
    ctrl(&mut a, &mut ac, 's');
    let of = a.form.as_ref().expect("the refused form stays open");
    assert_eq!(of.form.text(F::Reason), "群众电话撤回，已核实本人意愿");
    let msg = of.form.message.clone().unwrap();
    assert!(
        msg.contains("只读") && msg.contains("内容仍在") && msg.contains("Ctrl-S"),
        "{msg}"
    );
    let flat: String = screen_at(&a, 80, 24)
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '│')
        .collect();
    let m: String = msg.chars().filter(|c| !c.is_whitespace()).collect();
    assert!(
        flat.contains(&m),
        "the whole message in the form at 80×24:\n{}",
        screen_at(&a, 80, 24)
    );
    assert_eq!(state(&a), State::Registered);
    // The file can be written again: the same form saves.
    ac.store.set_query_only(false).unwrap();
    ctrl(&mut a, &mut ac, 's');
    assert!(
        a.form.is_none(),
        "{:?}",
        a.form.as_ref().map(|f| &f.form.message)
    );
    assert_eq!(state(&a), State::Withdrawn);
}

#[test]
fn validation_errors_are_shown_on_their_fields_and_nothing_is_lost() {
    let (_d, path) = demo_db();
    let (mut app, mut ctx) = signed_in(&path, "1003", "300300");
    typ(&mut app, &mut ctx, "n");
    typ(&mut app, &mut ctx, "李四");
    key(&mut app, &mut ctx, KeyCode::Tab);
    typ(&mut app, &mut ctx, "1381234567");
    key(&mut app, &mut ctx, KeyCode::Tab);
    typ(&mut app, &mut ctx, "110105194912310021");
    ctrl(&mut app, &mut ctx, 's');
    let form = &app.form.as_ref().expect("still open").form;
    assert!(
        form.errors[&F::Petitioner(0, suqiu::app::form::PetitionerField::Mobile)].contains("11 位")
    );
    assert!(
        form.errors[&F::Petitioner(0, suqiu::app::form::PetitionerField::ResidentId)]
            .contains("校验位")
    );
    assert!(form.errors[&F::Summary].contains("不能为空"));
    assert!(form.errors.contains_key(&F::Category));
    assert_eq!(
        form.text(F::Petitioner(0, suqiu::app::form::PetitionerField::Name)),
        "李四",
        "typed text is kept"
    );
    let s = screen(&app);
    assert!(
        s.contains("手机号应为 11 位，现有 10 位") && s.contains("校验位不符"),
        "{s}"
    );
    // Esc asks before throwing the typing away.
    key(&mut app, &mut ctx, KeyCode::Esc);
    assert!(matches!(app.popup, Some(Popup::Confirm { .. })));
    typ(&mut app, &mut ctx, "n");
    assert!(app.form.is_some());
    key(&mut app, &mut ctx, KeyCode::Esc);
    typ(&mut app, &mut ctx, "y");
    assert!(app.form.is_none());
}

#[test]
fn earlier_petitions_appear_while_typing_and_a_repeat_is_linked() {
    let (_d, path) = demo_db();
    let closed = tickets(&path)
        .into_iter()
        .rev()
        .find(|t| {
            t.state == State::Closed && t.petitioners.first().is_some_and(|p| p.mobile.is_some())
        })
        .unwrap();
    let (mobile, tid) = (
        closed.petitioners[0].mobile.clone().unwrap_or_default(),
        closed.id,
    );
    let (mut app, mut ctx) = signed_in(&path, "1003", "300300");
    typ(&mut app, &mut ctx, "n");
    typ(&mut app, &mut ctx, "张三");
    key(&mut app, &mut ctx, KeyCode::Tab);
    // The IME or a paste can deliver the number in one piece.
    paste(
        &mut app,
        &mut ctx,
        &format!("{} {} {}", &mobile[..3], &mobile[3..7], &mobile[7..]),
    );
    let of = app.form.as_ref().unwrap();
    assert!(of.earlier.iter().any(|e| e.id == tid), "{:?}", of.earlier);
    assert!(screen(&app).contains("件既往诉求"));
    // A closed one can be marked as repeated but not merged into.
    while app
        .form
        .as_ref()
        .unwrap()
        .earlier_sel
        .and_then(|i| app.form.as_ref().unwrap().earlier.get(i))
        .map(|e| e.id)
        != Some(tid)
    {
        key(&mut app, &mut ctx, KeyCode::F(2));
    }
    ctrl(&mut app, &mut ctx, 'g');
    assert!(
        app.form
            .as_ref()
            .unwrap()
            .form
            .message
            .as_deref()
            .unwrap_or("")
            .contains("不能合并")
    );
    ctrl(&mut app, &mut ctx, 't');
    assert_eq!(
        app.form.as_ref().unwrap().link,
        suqiu::store::tickets::IntakeLink::RepeatOf(tid)
    );
}

#[test]
fn the_cursor_sits_on_the_caret_for_ime_input() {
    let (_d, path) = demo_db();
    let (mut app, mut ctx) = signed_in(&path, "1003", "300300");
    typ(&mut app, &mut ctx, "n");
    let (x0, y0) = cursor(&app).expect("a cursor");
    typ(&mut app, &mut ctx, "张三");
    let (x1, y1) = cursor(&app).unwrap();
    assert_eq!(
        (x1 - x0, y1),
        (4, y0),
        "two wide characters move the caret four cells"
    );
    paste(&mut app, &mut ctx, "丰");
    assert_eq!(cursor(&app).unwrap().0 - x0, 6);
    assert_eq!(
        app.form
            .as_ref()
            .unwrap()
            .form
            .text(F::Petitioner(0, suqiu::app::form::PetitionerField::Name)),
        "张三丰"
    );
}

#[test]
fn untrusted_text_never_reaches_the_terminal_raw() {
    let (_d, path) = demo_db();
    let c = rusqlite::Connection::open(&path).unwrap();
    c.execute("UPDATE tickets SET summary = '物业\x1b[2J\x1b]0;x\x07\u{202e}费' WHERE id = (SELECT max(id) FROM tickets WHERE open = 1)", []).unwrap();
    c.execute("UPDATE petitioners SET name = '\u{202e}张\x1b[31m三' WHERE ticket_id = (SELECT max(id) FROM tickets WHERE open = 1)", []).unwrap();
    let (mut app, mut ctx) = signed_in(&path, "1002", "200200");
    typ(&mut app, &mut ctx, "s");
    let s = screen(&app);
    assert!(s.contains("物业�[2J�]0;x��费"), "{s}");
    assert!(
        !s.lines()
            .any(|l| l.chars().any(suqiu::domain::text::is_unsafe_char)),
        "{s}"
    );
    key(&mut app, &mut ctx, KeyCode::Enter);
    let s = screen(&app);
    assert!(
        !s.lines()
            .any(|l| l.chars().any(suqiu::domain::text::is_unsafe_char)),
        "{s}"
    );
}

#[test]
fn queue_paging_filters_search_and_sort_from_the_keyboard() {
    let (_d, path) = demo_db();
    let (mut app, mut ctx) = signed_in(&path, "1002", "200200");
    let first_page: Vec<i64> = app.queue.page.rows.iter().map(|r| r.id).collect();
    assert_eq!(
        first_page.len(),
        app.queue_rows().min(app.queue.count.unwrap())
    );
    // Scope: all tickets, newest first; then page down and back up.
    typ(&mut app, &mut ctx, "v");
    typ(&mut app, &mut ctx, "v");
    let total = ticket_count(&path);
    assert_eq!(app.queue.count, Some(total as usize));
    let p1: Vec<i64> = app.queue.page.rows.iter().map(|r| r.id).collect();
    assert_eq!(p1[0], total);
    key(&mut app, &mut ctx, KeyCode::PageDown);
    let p2: Vec<i64> = app.queue.page.rows.iter().map(|r| r.id).collect();
    assert_eq!(p2[0], p1.last().unwrap() - 1);
    assert_eq!(app.queue.page_no, 2);
    key(&mut app, &mut ctx, KeyCode::PageUp);
    assert_eq!(
        app.queue.page.rows.iter().map(|r| r.id).collect::<Vec<_>>(),
        p1
    );
    typ(&mut app, &mut ctx, "G");
    assert_eq!(app.queue.page.rows.last().map(|r| r.id), Some(1));
    typ(&mut app, &mut ctx, "gg");
    assert_eq!(app.queue.page.rows.first().map(|r| r.id), Some(total));
    // Filter: state 已办结.
    typ(&mut app, &mut ctx, "f");
    choose(&mut app, &mut ctx, "状态");
    choose(&mut app, &mut ctx, "已办结");
    assert!(app.queue.page.rows.iter().all(|r| r.state == State::Closed));
    assert!(screen(&app).contains("状态:已办结"));
    // Search within it: pinyin initials of a surname.
    typ(&mut app, &mut ctx, "x");
    typ(&mut app, &mut ctx, "/");
    typ(&mut app, &mut ctx, "物业");
    key(&mut app, &mut ctx, KeyCode::Enter);
    assert!(!app.queue.page.rows.is_empty());
    assert!(app.queue.page.rows.iter().all(|r| {
        r.summary.contains("物业")
            || ctx
                .store
                .ticket(&app.session.as_ref().unwrap().actor, r.id)
                .unwrap()
                .content
                .contains("物业")
    }));
    // A one-character search says what to type, and keeps the query.
    typ(&mut app, &mut ctx, "/");
    for _ in 0..2 {
        key(&mut app, &mut ctx, KeyCode::Backspace);
    }
    typ(&mut app, &mut ctx, "物");
    key(&mut app, &mut ctx, KeyCode::Enter);
    assert!(screen(&app).contains("请至少输入两个汉字"));
}

#[test]
fn the_board_shows_four_stages_with_counts() {
    let (_d, path) = demo_db();
    let (mut app, mut ctx) = signed_in(&path, "1002", "200200");
    typ(&mut app, &mut ctx, "2");
    assert_eq!(app.board.columns.len(), 4, "{}", screen(&app));
    let open = tickets(&path).iter().filter(|t| t.state.is_open()).count() as i64;
    assert_eq!(app.board.columns.iter().map(|c| c.total).sum::<i64>(), open);
    typ(&mut app, &mut ctx, "ll");
    key(&mut app, &mut ctx, KeyCode::Enter);
    assert_eq!(
        app.detail.as_ref().unwrap().rec.state.stage(),
        suqiu::domain::vocab::Stage::Handle
    );
}

#[test]
fn tab_walks_the_panes_this_user_may_open_and_the_tabs_show_them() {
    use suqiu::app::Pane;
    let (_d, path) = demo_db();
    let walk = |app: &mut App, ctx: &mut Ctx| {
        let mut seen = vec![app.pane];
        for _ in 0..7 {
            key(app, ctx, KeyCode::Tab);
            seen.push(app.pane);
        }
        seen
    };
    let (mut clerk, mut cc) = signed_in(&path, "1003", "300300");
    let clerk_walk = walk(&mut clerk, &mut cc);
    assert_eq!(
        clerk_walk[..6],
        [
            Pane::Queue,
            Pane::Board,
            Pane::Roster,
            Pane::Visits,
            Pane::Members,
            Pane::Queue
        ]
    );
    assert!(!screen(&clerk).contains("6 管理"));
    let (mut admin, mut ac) = signed_in(&path, "1001", "100100");
    let admin_walk = walk(&mut admin, &mut ac);
    assert_eq!(admin_walk[5], Pane::Admin);
    assert_eq!(admin_walk[6], Pane::Review);
    assert_eq!(admin_walk[7], Pane::Queue);
    assert!(screen(&admin).contains("6 管理"), "{}", screen(&admin));
    assert!(screen(&admin).contains("7 考评"), "{}", screen(&admin));
    // The director has no 管理 tab: 考评 keeps its key's number, 7.
    let (mut director, mut dc) = signed_in(&path, "1002", "200200");
    let director_walk = walk(&mut director, &mut dc);
    assert_eq!(director_walk[5], Pane::Review);
    assert!(screen(&director).contains("7 考评") && !screen(&director).contains("6 考评"));
}

#[test]
fn administrators_edit_reference_data_and_others_cannot_open_the_pane() {
    let (_d, path) = demo_db();
    let (mut clerk, mut cc) = signed_in(&path, "1003", "300300");
    typ(&mut clerk, &mut cc, "6");
    assert_ne!(clerk.pane, suqiu::app::Pane::Admin);
    assert!(screen(&clerk).contains("管理窗格仅限管理员"));
    let (mut admin, mut ac) = signed_in(&path, "1001", "100100");
    typ(&mut admin, &mut ac, "6");
    typ(&mut admin, &mut ac, "ll");
    assert!(screen(&admin).contains("区委区政府督查室"));
    typ(&mut admin, &mut ac, "a");
    typ(&mut admin, &mut ac, "区退役军人事务局");
    ctrl(&mut admin, &mut ac, 's');
    assert!(
        admin
            .refs
            .departments
            .iter()
            .any(|d| d.name == "区退役军人事务局")
    );
    // Deactivate the first department: it stays, marked 停用.
    typ(&mut admin, &mut ac, "d");
    assert!(!admin.refs.departments[0].active);
    assert!(screen(&admin).contains("停用"));
    // A duplicate name is refused in the form.
    typ(&mut admin, &mut ac, "a");
    typ(&mut admin, &mut ac, "区民政局");
    ctrl(&mut admin, &mut ac, 's');
    assert!(
        admin
            .form
            .as_ref()
            .unwrap()
            .form
            .message
            .as_deref()
            .unwrap_or("")
            .contains("已存在")
    );
}

#[test]
fn first_run_offers_setup_or_the_demo() {
    let dir = tempfile::TempDir::new().unwrap();
    let path = dir.path().join("new.db");
    let (mut app, mut ctx) = desk(&path, suqiu::domain::Lang::Zh);
    assert_eq!(app.screen, suqiu::app::Screen::Setup);
    key(&mut app, &mut ctx, KeyCode::Right);
    ctrl(&mut app, &mut ctx, 's');
    assert_eq!(app.screen, suqiu::app::Screen::SignIn);
    assert!(screen(&app).contains("工号 1003"));
    typ(&mut app, &mut ctx, "1003\n300300\n");
    assert!(app.queue.count.unwrap() > 20);
}

/// While the demo loads the desk shows how far it has got, and keys typed meanwhile do not
/// land in the sign-in form that comes after.
#[test]
fn keys_typed_while_the_demo_loads_are_not_kept_for_the_sign_in() {
    use ratatui::crossterm::event::{KeyEvent, KeyModifiers};
    use suqiu::app::Action;
    let dir = tempfile::TempDir::new().unwrap();
    let path = dir.path().join("new.db");
    let (mut app, mut ctx) = desk(&path, suqiu::domain::Lang::Zh);
    key(&mut app, &mut ctx, KeyCode::Right);
    // Ctrl-S asks the store to load the demo; the job has not run yet.
    let fx = app.update(Action::Key(KeyEvent::new(
        KeyCode::Char('s'),
        KeyModifiers::CONTROL,
    )));
    let s = screen(&app);
    assert!(
        s.contains("正在载入演示数据") && s.contains("按键不起作用"),
        "{s}"
    );
    // The clerk types the staff number meanwhile: nothing happens.
    for c in "1003\r".chars() {
        let code = if c == '\r' {
            KeyCode::Enter
        } else {
            KeyCode::Char(c)
        };
        assert!(
            app.update(Action::Key(KeyEvent::new(code, KeyModifiers::NONE)))
                .is_empty()
        );
    }
    for e in fx {
        if let Some(o) = ctx.run(app.session.as_ref(), e) {
            app.dispatch(&mut ctx, Action::Done(Box::new(o)));
        }
    }
    assert_eq!(app.screen, suqiu::app::Screen::SignIn);
    assert!(app.waiting_for.is_none());
    assert_eq!(
        app.form.as_ref().unwrap().form.text(F::StaffNo),
        "",
        "{}",
        screen(&app)
    );
    assert!(!screen(&app).contains("正在载入"));
}

/// Typing that runs on just after Ctrl-S (the form closes under the clerk's fingers) does not
/// run list commands; a moment later the same key does.
#[test]
fn characters_typed_just_after_a_save_are_not_run_as_commands() {
    let (_d, path) = demo_db();
    let registered = first_ticket(&path, |t| t.state == State::Registered);
    let (mut a, mut ac) = signed_in(&path, "1003", "300300");
    open_ticket(&mut a, &mut ac, &registered.number());
    act(&mut a, &mut ac, MoveKind::Draft);
    key(&mut a, &mut ac, KeyCode::Tab);
    typ(&mut a, &mut ac, "转住建局");
    ctrl(&mut a, &mut ac, 's');
    assert!(a.form.is_none());
    assert_eq!(state(&a), State::Drafted);
    // 100 ms later the clerk's fingers are still typing: `a` would open the action menu.
    a.now += chrono::Duration::milliseconds(100);
    typ(&mut a, &mut ac, "a");
    assert!(a.popup.is_none(), "{}", screen(&a));
    assert!(screen(&a).contains("未当作命令"), "{}", screen(&a));
    // A moment later it is a command again.
    a.now += chrono::Duration::milliseconds(700);
    typ(&mut a, &mut ac, "a");
    assert!(matches!(a.popup, Some(Popup::Picker(_))), "{}", screen(&a));
}

/// A deadline typed far beyond the catalogue's asks for confirmation and says by how much;
/// No goes back to the form as typed, Yes issues with that deadline.
#[test]
fn a_deadline_beyond_the_catalogue_asks_first_and_says_why() {
    let (_d, path) = demo_db();
    let waiting = first_ticket(&path, |t| t.state == State::AwaitingIssue && t.round == 1);
    let (mut app, mut ctx) = signed_in(&path, "1003", "300300");
    open_ticket(&mut app, &mut ctx, &waiting.number());
    act(&mut app, &mut ctx, MoveKind::Issue);
    choose(&mut app, &mut ctx, "韩东升");
    key(&mut app, &mut ctx, KeyCode::Tab);
    // 转办, whatever the draft proposed.
    choose(&mut app, &mut ctx, "转办");
    key(&mut app, &mut ctx, KeyCode::Tab);
    choose(&mut app, &mut ctx, "住房");
    key(&mut app, &mut ctx, KeyCode::Tab);
    let offered =
        suqiu::domain::calendar::parse_date(&app.form.as_ref().unwrap().form.text(F::Due)).unwrap();
    // Thirty working days past the catalogue's deadline (a slip of the keyboard, or a choice).
    let far = app.cal.add_working_days(offered, 30);
    ctrl(&mut app, &mut ctx, 'u');
    typ(&mut app, &mut ctx, &far.format("%Y-%m-%d").to_string());
    key(&mut app, &mut ctx, KeyCode::Tab);
    typ(&mut app, &mut ctx, "请区住建局阅处。");
    ctrl(&mut app, &mut ctx, 's');
    let Some(Popup::Confirm { text, .. }) = &app.popup else {
        panic!("no confirmation:\n{}", screen(&app));
    };
    let later = (far - offered).num_days();
    assert!(
        text.contains(&zh_date(far))
            && text.contains(&zh_date(offered))
            && text.contains(&format!("晚 {later} 天")),
        "{text}"
    );
    assert!(screen(&app).contains("仍按此期限下单"), "{}", screen(&app));
    // No: back to the form, as typed, nothing saved.
    typ(&mut app, &mut ctx, "n");
    assert!(app.popup.is_none());
    assert_eq!(
        app.form.as_ref().unwrap().form.text(F::Due),
        far.format("%Y-%m-%d").to_string()
    );
    assert_eq!(state(&app), State::AwaitingIssue);
    // Yes: issued with that deadline.
    ctrl(&mut app, &mut ctx, 's');
    typ(&mut app, &mut ctx, "y");
    assert!(app.form.is_none(), "{}", screen(&app));
    assert_eq!(state(&app), State::Dispatched);
    assert_eq!(
        app.detail.as_ref().unwrap().rec.due.as_deref(),
        Some(far.to_string().as_str())
    );
}

/// What a role may not do is not offered: the help and the hints of a department account
/// list no registration, no roster, visits, members or admin pane; an administrator is not
/// offered registration or draws; a clerk is not offered the visit settings.
#[test]
fn the_help_and_hints_offer_only_what_the_role_may_do() {
    let (_d, path) = demo_db();
    let help = |no: &str, pin: &str| {
        let (mut app, mut ctx) = signed_in(&path, no, pin);
        let hints = screen(&app);
        typ(&mut app, &mut ctx, "?");
        // The whole help, scrolled through.
        let mut all = String::new();
        for _ in 0..40 {
            all.push_str(&screen_at(&app, 160, 45));
            typ(&mut app, &mut ctx, "j");
            for _ in 0..30 {
                typ(&mut app, &mut ctx, "j");
            }
        }
        (hints, all)
    };
    let (hints, all) = help("2001", "400400");
    assert!(
        !hints.contains("登记新诉求") && !all.contains("登记新诉求"),
        "{all}"
    );
    for pane in [
        "议事代表名册",
        "走访日程（领导三进）",
        "管理（管理员）",
        "抽签",
    ] {
        assert!(
            !all.contains(pane),
            "{pane} offered to a department:\n{all}"
        );
    }
    assert!(all.contains("来件队列") && all.contains("搜索"));
    let (_, all) = help("1001", "100100");
    assert!(!all.contains("登记新诉求"), "{all}");
    assert!(all.contains("管理（管理员）") && all.contains("议事代表名册"));
    let (hints, all) = help("1003", "300300");
    assert!(hints.contains("登记新诉求") && all.contains("登记新诉求"));
    assert!(all.contains("议事代表名册") && !all.contains("管理（管理员）"));
    assert!(!all.contains("走访时间与预告天数"), "{all}");
    let (_, all) = help("1002", "200200");
    assert!(all.contains("走访时间与预告天数"));
}

#[test]
fn setup_creates_the_center_and_its_administrator() {
    let dir = tempfile::TempDir::new().unwrap();
    let path = dir.path().join("new.db");
    let (mut app, mut ctx) = desk(&path, suqiu::domain::Lang::Zh);
    key(&mut app, &mut ctx, KeyCode::Tab);
    typ(&mut app, &mut ctx, "灯塔镇群众诉求服务中心");
    key(&mut app, &mut ctx, KeyCode::Tab);
    key(&mut app, &mut ctx, KeyCode::Right);
    key(&mut app, &mut ctx, KeyCode::Tab);
    typ(&mut app, &mut ctx, "8001");
    key(&mut app, &mut ctx, KeyCode::Tab);
    typ(&mut app, &mut ctx, "周敏");
    key(&mut app, &mut ctx, KeyCode::Tab);
    typ(&mut app, &mut ctx, "246810");
    key(&mut app, &mut ctx, KeyCode::Tab);
    typ(&mut app, &mut ctx, "246811");
    ctrl(&mut app, &mut ctx, 's');
    assert!(app.form.as_ref().unwrap().form.errors[&F::Pin2].contains("不一致"));
    key(&mut app, &mut ctx, KeyCode::Backspace);
    typ(&mut app, &mut ctx, "0");
    ctrl(&mut app, &mut ctx, 's');
    let s = app.session.as_ref().expect("signed in");
    assert_eq!(
        (s.actor.name.as_str(), s.center_name.as_str()),
        ("周敏", "灯塔镇群众诉求服务中心")
    );
    assert_eq!(s.actor.role, suqiu::domain::vocab::Role::Admin);
}

#[test]
fn the_print_key_writes_the_one_ticket_form() {
    let (_d, path) = demo_db();
    let (mut app, mut ctx) = signed_in(&path, "1003", "300300");
    typ(&mut app, &mut ctx, "v");
    key(&mut app, &mut ctx, KeyCode::Enter);
    let number = app.detail.as_ref().unwrap().rec.number();
    typ(&mut app, &mut ctx, "p");
    let file = path
        .parent()
        .unwrap()
        .join("打印")
        .join(format!("一单制办理单-{number}.txt"));
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(
        text.contains("群众诉求“一单制”办理单")
            && text.contains(&number)
            && text.contains("诉求人签字")
    );
    // Beside the text, the A4 PDF (a CJK font is on every desk CI builds: fonts-noto-cjk).
    let pdf = file.with_extension("pdf");
    let bytes = std::fs::read(&pdf).unwrap_or_else(|e| panic!("{}: {e}", pdf.display()));
    assert!(bytes.starts_with(b"%PDF-"));
    let s = screen(&app);
    assert!(s.contains("已写入") && s.contains("A4 PDF"), "{s}");
}

/// No timeline shows an internal code (`visit_register`, `outcome：answered`, `pool_size：59`,
/// `tie_rule：no_majority`): tickets raised at a visit and by a Party member, and the tickets of
/// the demo's mediation, draws and hearings, read in words. The screen is scrolled through.
#[test]
fn timelines_show_words_not_codes() {
    let (_d, path) = demo_db();
    let (mut app, mut ctx) = signed_in(&path, "1002", "200200");
    let mut numbers: Vec<String> = ctx
        .store
        .hearings_list(10)
        .unwrap()
        .into_iter()
        .map(|h| h.1)
        .collect();
    numbers.extend(
        ctx.store
            .mediations_list(10)
            .unwrap()
            .into_iter()
            .map(|m| m.1),
    );
    let director = app.session.as_ref().unwrap().actor.clone();
    let b = suqiu::domain::limits::level_bounds(now().date(), &app.cal);
    for channel in [
        suqiu::domain::vocab::Channel::LeaderCommunity,
        suqiu::domain::vocab::Channel::PartyMember,
    ] {
        let mut q = suqiu::store::queue::QueueQuery::new(&b);
        q.scope = suqiu::store::queue::Scope::All;
        q.filters.channel = Some(channel);
        let rows = ctx
            .store
            .queue_page(&director, &q, &suqiu::store::queue::Cursor::First, 3)
            .unwrap()
            .rows;
        assert!(!rows.is_empty(), "{channel:?}");
        numbers.extend(rows.iter().map(|r| r.number.clone()));
    }
    let code = |s: &str| {
        s.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .find(|w| w.contains('_') && w.chars().any(|c| c.is_ascii_lowercase()))
            .map(str::to_string)
    };
    for number in numbers {
        typ(&mut app, &mut ctx, "1x");
        for _ in 0..3 {
            if screen(&app).contains("范围:全部") {
                break;
            }
            typ(&mut app, &mut ctx, "v");
        }
        open_ticket(&mut app, &mut ctx, &number);
        assert!(app.detail.is_some(), "{number}");
        // A tall screen shows the whole timeline.
        let s = screen_at(&app, 160, 300);
        assert!(s.contains(&number), "{s}");
        assert_eq!(code(&s), None, "{number}:\n{s}");
        for raw in [
            "outcome：",
            "household：",
            "pool_size",
            "tie_rule",
            "answered",
        ] {
            assert!(!s.contains(raw), "{number} shows {raw}:\n{s}");
        }
        key(&mut app, &mut ctx, KeyCode::Esc);
    }
}

/// The first-handler list holds staff and leaders side by side; a leader picked there is a
/// leader (not a staff account with the same number), and the choice says so.
#[test]
fn a_leader_picked_as_first_handler_is_a_leader() {
    use suqiu::app::form::Val;
    let (_d, path) = demo_db();
    let (mut app, mut ctx) = signed_in(&path, "1003", "300300");
    let leader = ctx.store.refs().unwrap().leaders[0].clone();
    typ(&mut app, &mut ctx, "n");
    let i = app
        .form
        .as_ref()
        .unwrap()
        .form
        .index(F::FirstHandler)
        .unwrap();
    app.form.as_mut().unwrap().form.focus = i;
    typ(&mut app, &mut ctx, &leader.name);
    assert!(
        matches!(app.popup, Some(Popup::Picker(_))),
        "typing opens the list"
    );
    key(&mut app, &mut ctx, KeyCode::Enter);
    let form = &app.form.as_ref().unwrap().form;
    assert_eq!(form.choice(F::FirstHandler), Some(Val::Leader(leader.id)));
    assert!(form.text(F::FirstHandler).contains(&leader.name));
}

/// A desk left alone signs out after its idle time (15 minutes unless `--idle-minutes` says
/// otherwise), and nothing of the session stays on screen; a key in time keeps it open.
#[test]
fn an_untouched_desk_signs_out_after_its_idle_time() {
    use suqiu::app::{Action, Screen};
    let (_d, path) = demo_db();
    let (mut app, mut ctx) = signed_in(&path, "1003", "300300");
    key(&mut app, &mut ctx, KeyCode::Down);
    let start = app.now;
    app.now = start + chrono::Duration::minutes(14);
    app.update(Action::Tick);
    assert!(app.session.is_some(), "14 minutes is not yet idle");
    key(&mut app, &mut ctx, KeyCode::Down);
    app.now = start + chrono::Duration::minutes(14 + 14);
    app.update(Action::Tick);
    assert!(app.session.is_some(), "a key restarts the idle time");
    app.now = start + chrono::Duration::minutes(14 + 15);
    app.update(Action::Tick);
    assert!(app.session.is_none());
    assert_eq!(app.screen, Screen::SignIn);
    assert!(app.queue.query.is_none() && app.queue.count.is_none() && app.detail.is_none());
    let said = app
        .form
        .as_ref()
        .and_then(|f| f.form.message.clone())
        .unwrap_or_default();
    assert!(said.contains("15 分钟无操作"), "{said}");
    // Told never to sign out, it stays.
    let (mut app, mut ctx) = signed_in(&path, "1003", "300300");
    app.idle_limit = None;
    key(&mut app, &mut ctx, KeyCode::Down);
    app.now += chrono::Duration::hours(8);
    app.update(Action::Tick);
    assert!(app.session.is_some());
}

/// A department account sees its own tickets and nothing of the center's other work: the
/// roster, the visits (and the leaders' ledgers) and the members' households (their addresses
/// and needs) are neither offered nor opened (issue 8 §4).
#[test]
fn a_department_user_is_offered_its_tickets_only() {
    use suqiu::app::Pane;
    let (_d, path) = demo_db();
    let (mut app, mut ctx) = signed_in(&path, "2001", "400400");
    // 考评 too: the store keeps it to its own unit's line (tests/reports.rs).
    assert_eq!(app.panes(), [Pane::Queue, Pane::Board, Pane::Review]);
    let mut seen = vec![app.pane];
    for _ in 0..3 {
        key(&mut app, &mut ctx, KeyCode::Tab);
        seen.push(app.pane);
    }
    assert_eq!(seen, [Pane::Queue, Pane::Board, Pane::Review, Pane::Queue]);
    for k in ["3", "4", "5"] {
        typ(&mut app, &mut ctx, k);
        assert_ne!(app.pane, Pane::Roster);
        assert_ne!(app.pane, Pane::Visits);
        assert_ne!(app.pane, Pane::Members);
    }
    let s = screen(&app);
    assert!(s.contains("承办单位账号只查看和办理本单位的诉求件"), "{s}");
    let tabs = s.lines().next().unwrap();
    assert!(
        !tabs.contains("议事代表") && !tabs.contains("党员联户"),
        "{tabs}"
    );
    // Nor is registering a petition offered, nor the visits' state shown.
    assert!(!s.contains("登记新诉求") && !s.contains("走访空岗"), "{s}");
}

/// Issue 9: a page shows as soon as its rows are read and its count follows; paging through the
/// same query never counts again; a count for a query no longer on screen is dropped; in the
/// terminal the count runs on its own thread and connection, beside the page.
#[test]
fn the_count_follows_the_page_and_paging_does_not_recount() {
    use suqiu::app::{Action, Effect, QueueEffect};
    let (_d, path) = demo_db();
    let (mut app, mut ctx) = signed_in(&path, "1003", "300300");
    let counted = app.queue.count.expect("counted after sign-in");
    assert!(counted > app.queue_rows(), "{counted}");
    // PgDn: a page, and no count.
    let fx = app.update(Action::Key(KeyCode::PageDown.into()));
    assert!(
        fx.iter()
            .all(|e| matches!(e, Effect::Queue(QueueEffect::Load { recount: false, .. }))),
        "{fx:?}"
    );
    for e in fx {
        if let Some(o) = ctx.run(app.session.as_ref(), e) {
            let more = app.update(Action::Done(Box::new(o)));
            assert!(more.is_empty(), "paging asked for {more:?}");
        }
    }
    assert_eq!(app.queue.page_no, 2);
    assert_eq!(app.queue.count, Some(counted));
    // A new scope: the page comes first with the count pending ("…"), then the count.
    let fx = app.update(Action::Key(KeyCode::Char('v').into()));
    let load = fx.into_iter().next().expect("a page load");
    let o = ctx.run(app.session.as_ref(), load).unwrap();
    let after = app.update(Action::Done(Box::new(o)));
    assert_eq!(app.queue.count, None);
    assert!(screen(&app).contains("共 … 件"), "{}", screen(&app));
    let [count @ Effect::Queue(QueueEffect::Count { .. })] = after.as_slice() else {
        panic!("{after:?}")
    };
    let _ = count;
    // A count of the earlier query arriving late is dropped.
    let stale = app.queue.counted.clone().unwrap();
    app.update(Action::Done(Box::new(suqiu::app::Outcome::Queue(
        suqiu::app::QueueOutcome::Count {
            query: stale,
            count: 99_999,
        },
    ))));
    assert_eq!(app.queue.count, None);
    for e in after {
        let o = ctx.run(app.session.as_ref(), e).unwrap();
        app.update(Action::Done(Box::new(o)));
    }
    assert!(app.queue.count.is_some_and(|n| n != 99_999));

    // The real worker: the count comes back from its own thread.
    let session = app.session.clone();
    let query = app.fresh_query();
    let mut worker = suqiu::app::worker::Worker::spawn(ctx).unwrap();
    worker.submit(
        session.as_ref(),
        Effect::Queue(QueueEffect::Count {
            query: query.clone(),
        }),
    );
    let start = std::time::Instant::now();
    let mut got = None;
    while got.is_none() && start.elapsed() < std::time::Duration::from_secs(10) {
        for o in worker.outcomes(std::time::Duration::from_millis(20)) {
            if let suqiu::app::Outcome::Queue(suqiu::app::QueueOutcome::Count { query: q, count }) =
                *o
            {
                assert_eq!(q, query);
                got = Some(count);
            }
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    assert_eq!(got, app.queue.count);
    assert!(
        worker.waiting().is_none(),
        "a count is not a job the store's thread waits on"
    );
}

/// Issue 9: a deadline level is listed by deadline; the sort key says so instead of sorting.
#[test]
fn a_level_filter_lists_by_deadline_and_the_sort_key_says_so() {
    use suqiu::store::queue::Sort;
    let (_d, path) = demo_db();
    let (mut app, mut ctx) = signed_in(&path, "1003", "300300");
    typ(&mut app, &mut ctx, "f");
    choose(&mut app, &mut ctx, "时限等级");
    choose(&mut app, &mut ctx, "超期");
    let q = app.fresh_query();
    assert!(q.filters.level.is_some());
    assert_eq!(q.effective_sort(), Sort::Due);
    let rows: Vec<_> = app.queue.page.rows.iter().map(|r| r.due).collect();
    let mut sorted = rows.clone();
    sorted.sort();
    assert_eq!(rows, sorted, "by deadline");
    typ(&mut app, &mut ctx, "s");
    assert_eq!(app.fresh_query().effective_sort(), Sort::Due);
    assert!(
        screen(&app).contains("按期限等级筛选时按到期先后排列"),
        "{}",
        screen(&app)
    );
}

/// Issue 11: F1 opens help from inside a form (the form's keys and the editing keys first) and
/// the form stays as typed; `?` in a text field types a question mark; Ctrl-W, Ctrl-U, Ctrl-K
/// and Ctrl-Z edit as in a shell line.
#[test]
fn help_opens_from_a_form_and_the_text_keys_work_as_in_a_shell_line() {
    let (_d, path) = demo_db();
    let (mut app, mut ctx) = signed_in(&path, "1003", "300300");
    typ(&mut app, &mut ctx, "n");
    let name = F::Petitioner(0, suqiu::app::form::PetitionerField::Name);
    let text = |app: &App| app.form.as_ref().unwrap().form.text(name);
    typ(&mut app, &mut ctx, "李四 张三");
    ctrl(&mut app, &mut ctx, 'w');
    assert!(
        text(&app).starts_with("李四") && !text(&app).contains("张三"),
        "{}",
        text(&app)
    );
    ctrl(&mut app, &mut ctx, 'u');
    assert_eq!(text(&app), "");
    typ(&mut app, &mut ctx, "王五");
    key(&mut app, &mut ctx, KeyCode::Left);
    ctrl(&mut app, &mut ctx, 'k');
    assert_eq!(text(&app), "王");
    ctrl(&mut app, &mut ctx, 'z');
    assert_eq!(text(&app), "王五");
    key(&mut app, &mut ctx, KeyCode::End);
    typ(&mut app, &mut ctx, "?");
    assert_eq!(text(&app), "王五?", "a question mark is typed");
    assert!(app.popup.is_none());
    key(&mut app, &mut ctx, KeyCode::F(1));
    assert!(matches!(app.popup, Some(Popup::Help { .. })));
    let s = screen(&app);
    assert!(s.contains("文字栏的编辑键") && s.contains("Ctrl-U"), "{s}");
    assert!(s.contains("表单"), "{s}");
    key(&mut app, &mut ctx, KeyCode::Esc);
    assert!(app.popup.is_none());
    assert_eq!(text(&app), "王五?", "the form is as it was");
}

/// Issue 11: the intake opens on the petitioner's name, and the channel is the one this desk
/// last registered by.
#[test]
fn intake_opens_on_the_petitioner_with_the_desks_last_channel() {
    let (_d, path) = demo_db();
    let (mut app, mut ctx) = signed_in(&path, "1003", "300300");
    typ(&mut app, &mut ctx, "n");
    let name = F::Petitioner(0, suqiu::app::form::PetitionerField::Name);
    assert_eq!(app.form.as_ref().unwrap().form.focused_key(), Some(name));
    let first = app.form.as_ref().unwrap().form.choice(F::Channel);
    // Register one by phone (来电).
    let of = app.form.as_mut().unwrap();
    let i = of.form.index(F::Channel).unwrap();
    of.form.choose(i, suqiu::app::form::Val::Nth(1));
    typ(&mut app, &mut ctx, "李四");
    key(&mut app, &mut ctx, KeyCode::Tab);
    typ(&mut app, &mut ctx, "13812345678");
    let f = &mut app.form.as_mut().unwrap().form;
    let s = f.index(F::Summary).unwrap();
    f.focus = s;
    typ(&mut app, &mut ctx, "楼道灯坏了");
    key(&mut app, &mut ctx, KeyCode::Tab);
    typ(&mut app, &mut ctx, "三楼楼道灯坏了一周");
    key(&mut app, &mut ctx, KeyCode::Tab);
    typ(&mut app, &mut ctx, "尽快修好");
    let c = app.form.as_ref().unwrap().form.index(F::Category).unwrap();
    app.form.as_mut().unwrap().form.focus = c;
    key(&mut app, &mut ctx, KeyCode::Right);
    ctrl(&mut app, &mut ctx, 's');
    assert!(app.form.is_none(), "{}", screen(&app));
    // The new ticket's detail is shown; back to the queue, and a new intake.
    key(&mut app, &mut ctx, KeyCode::Esc);
    typ(&mut app, &mut ctx, "n");
    let form = &app.form.as_ref().unwrap().form;
    assert_eq!(form.choice(F::Channel), Some(suqiu::app::form::Val::Nth(1)));
    assert_ne!(first, form.choice(F::Channel));
    assert!(!form.dirty, "an untouched intake closes without asking");
}
