//! Keys → commands, from `keymaps/default.toml` (embedded) with user overrides merged over it.
//!
//! Each section is a pane or mode. A binding is a key or a sequence of keys ("g g"); a sequence
//! is pending until it completes, and Esc or any non-matching key cancels it. The help overlay
//! and the hint line are generated from the same data (a reverse map from command to keys).

use std::collections::BTreeMap;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde::Deserialize;

use crate::domain::{Lang, Problem};

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
    "confirm",
    "help",
];

/// Every command a key can run, per section. A binding to anything else is rejected.
pub fn commands(section: &str) -> &'static [&'static str] {
    match section {
        "roster" => &[
            "down",
            "up",
            "page_down",
            "page_up",
            "search",
            "filter",
            "clear_filters",
            "add",
            "edit",
            "status",
            "training",
        ],
        "draw" => &[
            "confirm", "down", "up", "strike", "finalize", "print", "back",
        ],
        "visits" => &[
            "down",
            "up",
            "prev_month",
            "next_month",
            "view",
            "ledger",
            "open",
            "plan",
            "absent",
            "held",
            "not_held",
            "register",
            "pick",
            "report",
            "notice",
            "posted",
            "city",
            "export",
            "half_report",
            "settings",
            "assignments",
        ],
        "members" => &[
            "down",
            "up",
            "page_down",
            "page_up",
            "view_next",
            "view_prev",
            "search",
            "add",
            "assign",
            "contact",
            "wish",
            "escalate",
            "print_card",
        ],
        "hearing" => &[
            "down",
            "up",
            "absent",
            "open",
            "note",
            "questions",
            "vote",
            "correct",
            "finish",
            "print",
            "back",
        ],
        "global" => &[
            "quit",
            "help",
            "pane_queue",
            "pane_board",
            "pane_roster",
            "pane_visits",
            "pane_members",
            "pane_admin",
            "next_pane",
            "refresh",
            "change_pin",
            "sign_out",
        ],
        "queue" => &[
            "down",
            "up",
            "page_down",
            "page_up",
            "first",
            "last",
            "open",
            "search",
            "filter",
            "sort",
            "scope",
            "mine",
            "clear_filters",
            "new_ticket",
        ],
        "board" => &[
            "left",
            "right",
            "down",
            "up",
            "page_down",
            "page_up",
            "open",
            "new_ticket",
        ],
        "detail" => &["back", "actions", "print", "scroll_down", "scroll_up"],
        "form" => &[
            "next_field",
            "prev_field",
            "save",
            "cancel",
            "add_petitioner",
            "remove_petitioner",
            "earlier_next",
            "mark_repeat",
            "mark_merge",
            "quick_draw",
        ],
        "form_choice" => &["choice_next", "choice_prev", "pick"],
        "menu" => &["down", "up", "choose", "cancel"],
        "admin" => &[
            "tab_next",
            "tab_prev",
            "down",
            "up",
            "add",
            "edit",
            "toggle_active",
            "delete",
        ],
        "confirm" => &["yes", "no"],
        "help" => &["close", "down", "up"],
        _ => &[],
    }
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
    pub run: String,
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
    run: String,
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
    Run(String),
    /// A prefix of a longer sequence: wait for the next key.
    Pending,
    None,
}

fn parse_file(text: &str, origin: &str) -> Result<BTreeMap<String, Vec<Binding>>, Problem> {
    let raw: BTreeMap<String, FileSection> = toml::from_str(text).map_err(|e| {
        Problem::new(
            format!("{origin}：按键文件格式错误：{}", e.message()),
            format!("{origin}: keymap is not valid: {}", e.message()),
        )
    })?;
    let mut out = BTreeMap::new();
    for (section, entries) in raw {
        if !SECTIONS.contains(&section.as_str()) {
            return Err(Problem::new(
                format!(
                    "{origin}：没有“{section}”这一节，可用：{}",
                    SECTIONS.join(", ")
                ),
                format!(
                    "{origin}: unknown section “{section}”; use {}",
                    SECTIONS.join(", ")
                ),
            ));
        }
        let mut list = vec![];
        for e in entries.keymap {
            if e.run != "none" && !commands(&section).contains(&e.run.as_str()) {
                return Err(Problem::new(
                    format!(
                        "{origin}：[{section}] 没有命令“{}”，可用：{}",
                        e.run,
                        commands(&section).join(", ")
                    ),
                    format!(
                        "{origin}: [{section}] has no command “{}”; use {}",
                        e.run,
                        commands(&section).join(", ")
                    ),
                ));
            }
            let keys =
                e.on.split_whitespace()
                    .map(Key::parse)
                    .collect::<Result<Vec<_>, _>>()
                    .map_err(|m| {
                        Problem::new(
                            format!("{origin}：[{section}] {m}"),
                            format!("{origin}: [{section}] {m}"),
                        )
                    })?;
            if keys.is_empty() {
                return Err(Problem::new(
                    format!("{origin}：[{section}] 有空的按键"),
                    format!("{origin}: [{section}] has an empty key"),
                ));
            }
            list.push(Binding {
                keys,
                run: e.run,
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
                    "重复绑定"
                } else {
                    "是另一序列的前缀"
                };
                return Err(Problem::new(
                    format!(
                        "{origin}：[{section}] 按键 {} {what}（{} / {}）",
                        short.keys_label(),
                        a.run,
                        b.run
                    ),
                    format!(
                        "{origin}: [{section}] key {} is bound twice or shadows a sequence ({} / {})",
                        short.keys_label(),
                        a.run,
                        b.run
                    ),
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
                if b.run != "none" {
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
            if b.keys == seq {
                return Resolved::Run(b.run.clone());
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

    /// The keys bound to a command in a section (for hints).
    pub fn keys_for(&self, section: &str, run: &str) -> Option<String> {
        self.section(section)
            .iter()
            .find(|b| b.run == run)
            .map(|b| b.keys_label())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert!(e.zh.contains("重复绑定"), "{}", e.zh);
        let unknown = "[queue]\nkeymap = [ { on = \"j\", run = \"fly\" } ]\n";
        assert!(
            Keymap::with_overrides(unknown, "t")
                .unwrap_err()
                .zh
                .contains("没有命令“fly”")
        );
        let shadow = "[queue]\nkeymap = [ { on = \"g\", run = \"up\" } ]\n";
        assert!(
            Keymap::with_overrides(shadow, "t")
                .unwrap_err()
                .zh
                .contains("前缀")
        );
        let section = "[kitchen]\nkeymap = []\n";
        assert!(
            Keymap::with_overrides(section, "t")
                .unwrap_err()
                .zh
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
        assert_eq!(km.resolve("queue", &[], j), Resolved::Run("up".into()));
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
        assert_eq!(km.resolve("queue", &[g], g), Resolved::Run("first".into()));
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
