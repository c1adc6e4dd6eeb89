//! Keys → commands, from `keymaps/default.toml` (embedded) with user overrides merged over it.
//!
//! Each section is a pane or mode. A binding is a key or a sequence of keys ("g g"); a sequence
//! is pending until it completes, and Esc or any non-matching key cancels it. The help overlay
//! and the hint line are generated from the same data (a reverse map from command to keys).

use crate::text::T;
use std::collections::BTreeMap;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde::Deserialize;

use crate::domain::{Arg, Lang, Problem};

pub const DEFAULT_KEYMAP: &str = include_str!("../keymaps/default.toml");

/// The sections (contexts) of the keymap, in the order the help lists them.
pub const SECTIONS: &[&str] = &[
    "global",
    "queue",
    "board",
    "detail",
    "roster",
    "draw",
    "hearing",
    "visits",
    "members",
    "form",
    "form_choice",
    "menu",
    "admin",
    "review",
    "confirm",
    "help",
];

/// Declares the commands of each section: one enum per section (so that a section's handler
/// matches its commands exhaustively: a command nothing handles does not compile), the
/// `Command` that wraps them, and their names as the keymap files write them.
macro_rules! commands {
    ($( $enum:ident $section:literal { $($variant:ident = $name:literal),* $(,)? } )*) => {
        $(
            #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
            pub enum $enum { $($variant),* }

            impl $enum {
                pub const ALL: &'static [$enum] = &[$($enum::$variant),*];
                pub fn name(self) -> &'static str {
                    match self { $($enum::$variant => $name),* }
                }
                pub fn parse(s: &str) -> Option<$enum> {
                    match s { $($name => Some($enum::$variant),)* _ => None }
                }
            }
        )*

        /// A command a key runs, typed by the section it belongs to.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Command { $( $enum($enum) ),* }

        impl Command {
            /// The command named `name` in `section`, as the keymap writes it.
            pub fn parse(section: &str, name: &str) -> Option<Command> {
                match section {
                    $( $section => $enum::parse(name).map(Command::$enum), )*
                    _ => None,
                }
            }
            pub fn name(self) -> &'static str {
                match self { $( Command::$enum(c) => c.name() ),* }
            }
        }

        /// Every command name of a section, for messages and the help.
        pub fn commands(section: &str) -> Vec<&'static str> {
            match section {
                $( $section => $enum::ALL.iter().map(|c| c.name()).collect(), )*
                _ => vec![],
            }
        }
    };
}

commands! {
    RosterCmd "roster" { Down = "down", Up = "up", PageDown = "page_down", PageUp = "page_up", Search = "search", Filter = "filter", ClearFilters = "clear_filters", Add = "add", Edit = "edit", Status = "status", Training = "training" }
    DrawCmd "draw" { Confirm = "confirm", Down = "down", Up = "up", Strike = "strike", Finalize = "finalize", Print = "print", Back = "back" }
    VisitsCmd "visits" { Down = "down", Up = "up", PrevMonth = "prev_month", NextMonth = "next_month", View = "view", Ledger = "ledger", Open = "open", Plan = "plan", Absent = "absent", Held = "held", NotHeld = "not_held", Register = "register", Pick = "pick", Report = "report", Notice = "notice", Posted = "posted", City = "city", Export = "export", HalfReport = "half_report", Explain = "explain", SubmitSummary = "submit_summary", ReviewSummary = "review_summary", Heard = "heard", Settings = "settings", Assignments = "assignments" }
    MembersCmd "members" { Down = "down", Up = "up", PageDown = "page_down", PageUp = "page_up", ViewNext = "view_next", ViewPrev = "view_prev", Search = "search", Add = "add", Assign = "assign", Contact = "contact", Wish = "wish", Escalate = "escalate", PrintCard = "print_card", Register = "register", KeySelect = "key_select", Retire = "retire", EditMember = "edit_member", EndAssignment = "end_assignment", Inspect = "inspect", Findings = "findings", Meeting = "meeting", Oversight = "oversight" }
    HearingCmd "hearing" { Down = "down", Up = "up", Absent = "absent", Open = "open", Note = "note", Questions = "questions", Vote = "vote", Correct = "correct", Finish = "finish", Print = "print", Back = "back" }
    GlobalCmd "global" { Quit = "quit", Help = "help", PaneQueue = "pane_queue", PaneBoard = "pane_board", PaneRoster = "pane_roster", PaneVisits = "pane_visits", PaneMembers = "pane_members", PaneAdmin = "pane_admin", PaneReview = "pane_review", NextPane = "next_pane", Refresh = "refresh", ChangePin = "change_pin", SignOut = "sign_out" }
    QueueCmd "queue" { Down = "down", Up = "up", PageDown = "page_down", PageUp = "page_up", First = "first", Last = "last", Open = "open", Search = "search", Filter = "filter", Sort = "sort", Scope = "scope", Mine = "mine", ClearFilters = "clear_filters", NewTicket = "new_ticket" }
    ReviewCmd "review" { Down = "down", Up = "up", Previous = "previous", Next = "next", Kind = "kind", Figure = "figure", Open = "open" }
    BoardCmd "board" { Left = "left", Right = "right", Down = "down", Up = "up", PageDown = "page_down", PageUp = "page_up", Open = "open", NewTicket = "new_ticket" }
    DetailCmd "detail" { Back = "back", Actions = "actions", Print = "print", ScrollDown = "scroll_down", ScrollUp = "scroll_up", PageDown = "page_down", PageUp = "page_up", EarlierEvents = "earlier_events", LaterEvents = "later_events" }
    FormCmd "form" { NextField = "next_field", PrevField = "prev_field", Save = "save", Cancel = "cancel", AddPetitioner = "add_petitioner", RemovePetitioner = "remove_petitioner", EarlierNext = "earlier_next", MarkRepeat = "mark_repeat", MarkMerge = "mark_merge", QuickDraw = "quick_draw", Help = "help" }
    FormChoiceCmd "form_choice" { ChoiceNext = "choice_next", ChoicePrev = "choice_prev", Pick = "pick", Help = "help" }
    MenuCmd "menu" { Down = "down", Up = "up", Choose = "choose", Cancel = "cancel" }
    AdminCmd "admin" { TabNext = "tab_next", TabPrev = "tab_prev", Down = "down", Up = "up", Add = "add", Edit = "edit", ToggleActive = "toggle_active", Delete = "delete" }
    ConfirmCmd "confirm" { Yes = "yes", No = "no" }
    HelpCmd "help" { Close = "close", Down = "down", Up = "up" }
}

/// A key with modifiers, as written in the keymap ("ctrl-s", "G", "pagedown").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Key {
    pub code: KeyName,
    pub ctrl: bool,
    pub alt: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum KeyName {
    Char(char),
    Enter,
    Esc,
    Tab,
    BackTab,
    Backspace,
    Delete,
    Up,
    Down,
    Left,
    Right,
    PageUp,
    PageDown,
    Home,
    End,
    F(u8),
}

impl Key {
    /// The key of a terminal event (upper-case letters carry their shift in the character).
    pub fn from_event(e: &KeyEvent) -> Option<Key> {
        let code = match e.code {
            KeyCode::Char(' ') => KeyName::Char(' '),
            KeyCode::Char(c) => KeyName::Char(c),
            KeyCode::Enter => KeyName::Enter,
            KeyCode::Esc => KeyName::Esc,
            KeyCode::Tab => KeyName::Tab,
            KeyCode::BackTab => KeyName::BackTab,
            KeyCode::Backspace => KeyName::Backspace,
            KeyCode::Delete => KeyName::Delete,
            KeyCode::Up => KeyName::Up,
            KeyCode::Down => KeyName::Down,
            KeyCode::Left => KeyName::Left,
            KeyCode::Right => KeyName::Right,
            KeyCode::PageUp => KeyName::PageUp,
            KeyCode::PageDown => KeyName::PageDown,
            KeyCode::Home => KeyName::Home,
            KeyCode::End => KeyName::End,
            KeyCode::F(n) => KeyName::F(n),
            _ => return None,
        };
        let ctrl = e.modifiers.contains(KeyModifiers::CONTROL);
        let code = match code {
            // Ctrl-letters are bound in lower case whatever the shift state.
            KeyName::Char(c) if ctrl => KeyName::Char(c.to_ascii_lowercase()),
            c => c,
        };
        Some(Key {
            code,
            ctrl,
            alt: e.modifiers.contains(KeyModifiers::ALT),
        })
    }

    pub fn parse(s: &str) -> Result<Key, String> {
        let mut ctrl = false;
        let mut alt = false;
        let mut rest = s;
        loop {
            if let Some(r) = rest.strip_prefix("ctrl-") {
                ctrl = true;
                rest = r;
            } else if let Some(r) = rest.strip_prefix("alt-") {
                alt = true;
                rest = r;
            } else if let Some(r) = rest.strip_prefix("shift-") {
                // Shift is carried by the character itself (G) or by backtab.
                rest = r;
                if r == "tab" {
                    return Ok(Key {
                        code: KeyName::BackTab,
                        ctrl,
                        alt,
                    });
                }
                if r.chars().count() == 1 {
                    let c = r.chars().next().unwrap_or(' ').to_ascii_uppercase();
                    return Ok(Key {
                        code: KeyName::Char(c),
                        ctrl,
                        alt,
                    });
                }
            } else {
                break;
            }
        }
        let code = match rest {
            "enter" => KeyName::Enter,
            "esc" => KeyName::Esc,
            "tab" => KeyName::Tab,
            "backtab" => KeyName::BackTab,
            "backspace" => KeyName::Backspace,
            "delete" => KeyName::Delete,
            "up" => KeyName::Up,
            "down" => KeyName::Down,
            "left" => KeyName::Left,
            "right" => KeyName::Right,
            "pageup" => KeyName::PageUp,
            "pagedown" => KeyName::PageDown,
            "home" => KeyName::Home,
            "end" => KeyName::End,
            "space" => KeyName::Char(' '),
            f if f.starts_with('f')
                && f.len() > 1
                && f[1..].bytes().all(|b| b.is_ascii_digit()) =>
            {
                let n: u8 = f[1..].parse().map_err(|_| format!("unknown key “{s}”"))?;
                if !(1..=12).contains(&n) {
                    return Err(format!("unknown key “{s}”"));
                }
                KeyName::F(n)
            }
            c if c.chars().count() == 1 => {
                let ch = c.chars().next().unwrap_or(' ');
                KeyName::Char(if ctrl { ch.to_ascii_lowercase() } else { ch })
            }
            _ => return Err(format!("unknown key “{s}”")),
        };
        Ok(Key { code, ctrl, alt })
    }

    pub fn label(&self) -> String {
        let base = match self.code {
            KeyName::Char(' ') => "Space".to_string(),
            KeyName::Char(c) if self.ctrl || self.alt => c.to_ascii_uppercase().to_string(),
            KeyName::Char(c) => c.to_string(),
            KeyName::Enter => "Enter".into(),
            KeyName::Esc => "Esc".into(),
            KeyName::Tab => "Tab".into(),
            KeyName::BackTab => "Shift-Tab".into(),
            KeyName::Backspace => "Backspace".into(),
            KeyName::Delete => "Del".into(),
            KeyName::Up => "↑".into(),
            KeyName::Down => "↓".into(),
            KeyName::Left => "←".into(),
            KeyName::Right => "→".into(),
            KeyName::PageUp => "PgUp".into(),
            KeyName::PageDown => "PgDn".into(),
            KeyName::Home => "Home".into(),
            KeyName::End => "End".into(),
            KeyName::F(n) => format!("F{n}"),
        };
        let mut s = String::new();
        if self.ctrl {
            s.push_str("Ctrl-");
        }
        if self.alt {
            s.push_str("Alt-");
        }
        s.push_str(&base);
        s
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    pub keys: Vec<Key>,
    /// `None`: `run = "none"` in a user file, which removes the default binding of these keys.
    pub run: Option<Command>,
    pub desc: String,
    pub desc_en: String,
}

impl Binding {
    pub fn keys_label(&self) -> String {
        self.keys
            .iter()
            .map(Key::label)
            .collect::<Vec<_>>()
            .join(" ")
    }

    pub fn desc(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.desc,
            Lang::En => {
                if self.desc_en.is_empty() {
                    &self.desc
                } else {
                    &self.desc_en
                }
            }
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileEntry {
    on: String,
    run: toml::Spanned<String>,
    #[serde(default)]
    desc: String,
    #[serde(default)]
    desc_en: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileSection {
    keymap: Vec<FileEntry>,
}

/// The merged keymap.
#[derive(Debug, Clone, Default)]
pub struct Keymap {
    sections: BTreeMap<String, Vec<Binding>>,
}

/// What a key press means in a context.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolved {
    Run(Command),
    /// A prefix of a longer sequence: wait for the next key.
    Pending,
    None,
}

fn parse_file(text: &str, origin: &str) -> Result<BTreeMap<String, Vec<Binding>>, Problem> {
    let raw: BTreeMap<String, FileSection> = toml::from_str(text)
        .map_err(|e| Problem::fill(T::KeymapIsNotValid, &[&origin, &e.message()]))?;
    let mut out = BTreeMap::new();
    for (section, entries) in raw {
        if !SECTIONS.contains(&section.as_str()) {
            return Err(Problem::fill(
                T::UnknownSectionUse,
                &[&origin, &section, &SECTIONS.join(", ")],
            ));
        }
        let mut list = vec![];
        for e in entries.keymap {
            let name = e.run.get_ref().as_str();
            let run = Command::parse(&section, name);
            if name != "none" && run.is_none() {
                let line = text[..e.run.span().start.min(text.len())]
                    .lines()
                    .count()
                    .max(1);
                return Err(Problem::fill(
                    T::LineHasNoCommandUse,
                    &[
                        &origin,
                        &line,
                        &section,
                        &name,
                        &commands(&section).join(", "),
                    ],
                ));
            }
            let keys = e
                .on
                .split_whitespace()
                .map(Key::parse)
                .collect::<Result<Vec<_>, _>>()
                .map_err(|m| Problem::fill(T::KeymapSectionProblem, &[&origin, &section, &m]))?;
            if keys.is_empty() {
                return Err(Problem::fill(T::HasEmptyKey, &[&origin, &section]));
            }
            list.push(Binding {
                keys,
                run,
                desc: e.desc,
                desc_en: e.desc_en,
            });
        }
        out.insert(section, list);
    }
    Ok(out)
}

/// Rejects a key bound twice in a section, and a key that is both a binding and the prefix of
/// a sequence (the sequence could never be typed).
fn check_section(section: &str, list: &[Binding], origin: &str) -> Result<(), Problem> {
    for (i, a) in list.iter().enumerate() {
        for b in &list[i + 1..] {
            let (short, long) = if a.keys.len() <= b.keys.len() {
                (a, b)
            } else {
                (b, a)
            };
            if long.keys.starts_with(&short.keys) {
                let what = if a.keys == b.keys {
                    T::KeyBoundTwice
                } else {
                    T::KeyPrefixOfSequence
                };
                return Err(Problem::with(
                    T::KeyIsBoundTwiceOr,
                    vec![
                        Arg::plain(origin),
                        Arg::plain(section),
                        Arg::plain(short.keys_label()),
                        Arg::Text(what),
                        Arg::plain(a.run.map_or("none", Command::name)),
                        Arg::plain(b.run.map_or("none", Command::name)),
                    ],
                ));
            }
        }
    }
    Ok(())
}

impl Keymap {
    /// The defaults, validated.
    pub fn defaults() -> Result<Keymap, Problem> {
        let sections = parse_file(DEFAULT_KEYMAP, "keymaps/default.toml")?;
        for (s, l) in &sections {
            check_section(s, l, "keymaps/default.toml")?;
        }
        Ok(Keymap { sections })
    }

    /// The defaults with a user file merged over them: an entry with the same keys in the same
    /// section replaces the default one; `run = "none"` removes it.
    pub fn with_overrides(text: &str, origin: &str) -> Result<Keymap, Problem> {
        let mut km = Keymap::defaults()?;
        for (section, list) in parse_file(text, origin)? {
            let target = km.sections.entry(section.clone()).or_default();
            for b in list {
                target.retain(|x| x.keys != b.keys);
                if b.run.is_some() {
                    target.push(b);
                }
            }
            check_section(&section, target, origin)?;
        }
        Ok(km)
    }

    pub fn section(&self, name: &str) -> &[Binding] {
        self.sections.get(name).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Resolves the pending keys plus `key` in a context.
    pub fn resolve(&self, section: &str, pending: &[Key], key: Key) -> Resolved {
        let mut seq: Vec<Key> = pending.to_vec();
        seq.push(key);
        let mut prefix = false;
        for b in self.section(section) {
            if b.keys == seq
                && let Some(run) = b.run
            {
                return Resolved::Run(run);
            }
            if b.keys.starts_with(&seq) {
                prefix = true;
            }
        }
        if prefix {
            Resolved::Pending
        } else {
            Resolved::None
        }
    }

    /// The keys bound to a command in a section (for hints), by the command's name.
    pub fn keys_for(&self, section: &str, run: &str) -> Option<String> {
        self.binding(section, run).map(Binding::keys_label)
    }

    /// The first binding of a command in a section, by the command's name.
    pub fn binding(&self, section: &str, run: &str) -> Option<&Binding> {
        self.section(section)
            .iter()
            .find(|b| b.run.is_some_and(|c| c.name() == run))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_command_name_reads_back_as_itself() {
        for section in SECTIONS {
            for name in commands(section) {
                let c = Command::parse(section, name).unwrap();
                assert_eq!(c.name(), name);
            }
            assert_eq!(Command::parse(section, "no_such_command"), None);
        }
        // Names are per section: "strike" is a draw command, not a queue command.
        assert!(Command::parse("draw", "strike").is_some());
        assert!(Command::parse("queue", "strike").is_none());
    }

    #[test]
    fn the_default_keymap_is_valid_and_covers_every_command() {
        let km = Keymap::defaults().unwrap();
        for s in SECTIONS {
            for c in commands(s) {
                assert!(km.keys_for(s, c).is_some(), "[{s}] {c} has no key");
            }
        }
    }

    #[test]
    fn duplicates_unknown_commands_and_shadowed_sequences_are_rejected() {
        let dup =
            "[queue]\nkeymap = [ { on = \"j\", run = \"down\" }, { on = \"j\", run = \"up\" } ]\n";
        let e = parse_file(dup, "t")
            .and_then(|s| s.iter().try_for_each(|(n, l)| check_section(n, l, "t")))
            .unwrap_err();
        assert!(e.zh().contains("重复绑定"), "{}", e.zh());
        // An unknown command names the file and the line it is on.
        let unknown = "# mine\n[queue]\nkeymap = [\n  { on = \"k\", run = \"up\" },\n  { on = \"j\", run = \"fly\" },\n]\n";
        let e = Keymap::with_overrides(unknown, "my.toml").unwrap_err();
        assert!(
            e.zh().contains("my.toml 第 5 行") && e.zh().contains("没有命令“fly”"),
            "{}",
            e.zh()
        );
        assert!(e.en().contains("my.toml line 5"), "{}", e.en());
        let shadow = "[queue]\nkeymap = [ { on = \"g\", run = \"up\" } ]\n";
        assert!(
            Keymap::with_overrides(shadow, "t")
                .unwrap_err()
                .zh()
                .contains("前缀")
        );
        let section = "[kitchen]\nkeymap = []\n";
        assert!(
            Keymap::with_overrides(section, "t")
                .unwrap_err()
                .zh()
                .contains("kitchen")
        );
        assert!(Key::parse("ctrl-").is_err());
        assert!(Key::parse("f13").is_err());
    }

    #[test]
    fn overrides_replace_and_remove() {
        let km = Keymap::with_overrides(
            "[queue]\nkeymap = [ { on = \"j\", run = \"up\", desc = \"上\" }, { on = \"x\", run = \"none\" } ]\n",
            "user",
        )
        .unwrap();
        let j = Key::parse("j").unwrap();
        assert_eq!(
            km.resolve("queue", &[], j),
            Resolved::Run(Command::QueueCmd(QueueCmd::Up))
        );
        assert_eq!(
            km.resolve("queue", &[], Key::parse("x").unwrap()),
            Resolved::None
        );
    }

    #[test]
    fn sequences_are_pending_until_complete() {
        let km = Keymap::defaults().unwrap();
        let g = Key::parse("g").unwrap();
        assert_eq!(km.resolve("queue", &[], g), Resolved::Pending);
        assert_eq!(
            km.resolve("queue", &[g], g),
            Resolved::Run(Command::QueueCmd(QueueCmd::First))
        );
        assert_eq!(
            km.resolve("queue", &[g], Key::parse("j").unwrap()),
            Resolved::None
        );
    }

    #[test]
    fn key_names() {
        assert_eq!(
            Key::parse("ctrl-s").unwrap(),
            Key {
                code: KeyName::Char('s'),
                ctrl: true,
                alt: false
            }
        );
        assert_eq!(Key::parse("G").unwrap().code, KeyName::Char('G'));
        assert_eq!(Key::parse("shift-tab").unwrap().code, KeyName::BackTab);
        assert_eq!(Key::parse("pagedown").unwrap().label(), "PgDn");
        let e = KeyEvent::new(
            KeyCode::Char('S'),
            KeyModifiers::CONTROL | KeyModifiers::SHIFT,
        );
        assert_eq!(Key::from_event(&e), Some(Key::parse("ctrl-s").unwrap()));
    }
}
