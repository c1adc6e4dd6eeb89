//! A form of fields: text (ratatui-textarea), choices and toggles. Tab / Shift-Tab move between
//! visible fields; typing, IME input and pastes land in the focused field.

use std::collections::BTreeMap;

use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::style::Style;
use ratatui_textarea::{CursorMove, TextArea};

pub use super::field_id::{FieldId, PetitionerField};
use crate::domain::pinyin::text_initials;
use crate::domain::text::clean_paste;

/// What a chosen option stands for: each kind of value says what it is, so that no picker
/// packs two kinds into one number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Val {
    /// "(all)", "(none)": no value.
    None,
    /// The n-th entry of a closed list (a vocabulary's `ALL`, yes/no, a party, a question …).
    Nth(usize),
    /// A row of a table by its id: a place, department, category, staff account, member,
    /// household or representative.
    Id(i64),
    /// A district leader by id (listed beside staff as a first handler).
    Leader(i64),
    /// Roster filter: a status, a category (by their place in `ALL`), a place, terms ending soon.
    Status(usize),
    Category(usize),
    Place(i64),
    Expiring,
    /// One of the 民事民议 actions listed after the flow's moves in the action menu.
    Deliberation(usize),
    /// A vote: an option of a question, or an abstention.
    Vote {
        question: usize,
        option: usize,
    },
    Abstain,
    /// Who spoke in a hearing besides the parties.
    Panel,
    Host,
}

/// One option of a choice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Opt {
    pub label: String,
    pub value: Val,
    /// Lower-case text matched by type-to-filter: the label and its pinyin initials.
    pub search: String,
}

impl Opt {
    pub fn new(label: impl Into<String>, value: Val) -> Opt {
        let label = label.into();
        let search = format!("{} {}", label.to_lowercase(), text_initials(&label));
        Opt {
            label,
            value,
            search,
        }
    }

    pub fn matches(&self, filter: &str) -> bool {
        self.rank(filter).is_some()
    }

    /// How early `filter` occurs: in characters from the start of the label, or of its pinyin
    /// initials, whichever is earlier (`None`: it does not). A typed filter lists the options
    /// whose match comes earliest first: `zf` puts 区住房和城乡建设局 (q·zf…) before
    /// 区委区政府督查室 (qwq·zf…).
    pub fn rank(&self, filter: &str) -> Option<usize> {
        let f = filter.trim().to_lowercase();
        if f.is_empty() {
            return Some(0);
        }
        let (label, initials) = self.search.rsplit_once(' ').unwrap_or((&self.search, ""));
        let at = |hay: &str| hay.find(&f).map(|b| hay[..b].chars().count());
        match (at(label), at(initials)) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a
                .or(b)
                .or_else(|| self.search.contains(&f).then_some(usize::MAX)),
        }
    }
}

#[derive(Debug, Clone)]
pub enum Input {
    Text {
        area: Box<TextArea<'static>>,
        multiline: bool,
    },
    Choice {
        options: Vec<Opt>,
        selected: Option<usize>,
    },
    Toggle(bool),
}

#[derive(Debug, Clone)]
pub struct Field {
    pub key: FieldId,
    pub label: String,
    pub input: Input,
    pub required: bool,
    pub hint: String,
    /// Shown only while the choice field `.0` has one of the values `.1`.
    pub show_if: Option<(FieldId, Vec<Val>)>,
}

fn new_area(initial: &str, masked: bool) -> Box<TextArea<'static>> {
    let lines: Vec<String> = if initial.is_empty() {
        vec![String::new()]
    } else {
        initial.split('\n').map(str::to_string).collect()
    };
    let mut a = TextArea::new(lines);
    a.set_cursor_line_style(Style::default());
    a.move_cursor(CursorMove::Bottom);
    a.move_cursor(CursorMove::End);
    if masked {
        a.set_mask_char('•');
    }
    Box::new(a)
}

impl Field {
    pub fn text(key: FieldId, label: &str, initial: &str) -> Field {
        Field {
            key,
            label: label.into(),
            input: Input::Text {
                area: new_area(initial, false),
                multiline: false,
            },
            required: false,
            hint: String::new(),
            show_if: None,
        }
    }

    pub fn multiline(key: FieldId, label: &str, initial: &str) -> Field {
        Field {
            key,
            label: label.into(),
            input: Input::Text {
                area: new_area(initial, false),
                multiline: true,
            },
            required: false,
            hint: String::new(),
            show_if: None,
        }
    }

    pub fn secret(key: FieldId, label: &str) -> Field {
        Field {
            key,
            label: label.into(),
            input: Input::Text {
                area: new_area("", true),
                multiline: false,
            },
            required: true,
            hint: String::new(),
            show_if: None,
        }
    }

    pub fn choice(
        key: FieldId,
        label: &str,
        options: Vec<Opt>,
        selected_value: Option<Val>,
    ) -> Field {
        let selected = selected_value.and_then(|v| options.iter().position(|o| o.value == v));
        Field {
            key,
            label: label.into(),
            input: Input::Choice { options, selected },
            required: false,
            hint: String::new(),
            show_if: None,
        }
    }

    pub fn toggle(key: FieldId, label: &str, on: bool) -> Field {
        Field {
            key,
            label: label.into(),
            input: Input::Toggle(on),
            required: false,
            hint: String::new(),
            show_if: None,
        }
    }

    pub fn required(mut self) -> Field {
        self.required = true;
        self
    }

    pub fn hint(mut self, h: impl Into<String>) -> Field {
        self.hint = h.into();
        self
    }

    pub fn show_if(mut self, key: FieldId, values: Vec<Val>) -> Field {
        self.show_if = Some((key, values));
        self
    }

    pub fn value_text(&self) -> String {
        match &self.input {
            Input::Text { area, .. } => area.lines().join("\n"),
            Input::Choice { options, selected } => selected
                .and_then(|i| options.get(i))
                .map(|o| o.label.clone())
                .unwrap_or_default(),
            Input::Toggle(b) => b.to_string(),
        }
    }

    pub fn is_text(&self) -> bool {
        matches!(self.input, Input::Text { .. })
    }

    pub fn is_multiline(&self) -> bool {
        matches!(
            self.input,
            Input::Text {
                multiline: true,
                ..
            }
        )
    }
}

/// A form being filled in.
#[derive(Debug, Clone)]
pub struct Form {
    pub title: String,
    pub fields: Vec<Field>,
    pub focus: usize,
    /// Field → what is wrong with it.
    pub errors: BTreeMap<FieldId, String>,
    /// A message for the whole form (a refusal, a stale ticket …).
    pub message: Option<String>,
    pub dirty: bool,
}

impl Form {
    pub fn new(title: impl Into<String>, fields: Vec<Field>) -> Form {
        let mut f = Form {
            title: title.into(),
            fields,
            focus: 0,
            errors: BTreeMap::new(),
            message: None,
            dirty: false,
        };
        if !f.visible(0) {
            f.next();
        }
        f
    }

    pub fn index(&self, key: FieldId) -> Option<usize> {
        self.fields.iter().position(|f| f.key == key)
    }

    pub fn field(&self, key: FieldId) -> Option<&Field> {
        self.fields.iter().find(|f| f.key == key)
    }

    pub fn text(&self, key: FieldId) -> String {
        self.field(key).map(Field::value_text).unwrap_or_default()
    }

    pub fn choice(&self, key: FieldId) -> Option<Val> {
        match self.field(key).map(|f| &f.input) {
            Some(Input::Choice { options, selected }) => {
                selected.and_then(|i| options.get(i)).map(|o| o.value)
            }
            _ => None,
        }
    }

    /// The chosen entry of a closed list, if the choice is one.
    pub fn nth(&self, key: FieldId) -> Option<usize> {
        match self.choice(key) {
            Some(Val::Nth(n)) => Some(n),
            _ => None,
        }
    }

    /// The chosen row's id, if the choice is one.
    pub fn id(&self, key: FieldId) -> Option<i64> {
        match self.choice(key) {
            Some(Val::Id(id)) => Some(id),
            _ => None,
        }
    }

    /// Whether the yes/no choice `key` is on yes (the second option).
    pub fn yes(&self, key: FieldId) -> bool {
        self.nth(key) == Some(1)
    }

    pub fn toggle(&self, key: FieldId) -> bool {
        matches!(self.field(key).map(|f| &f.input), Some(Input::Toggle(true)))
    }

    pub fn set_text(&mut self, key: FieldId, value: &str) {
        if let Some(i) = self.index(key)
            && let Input::Text { area, .. } = &mut self.fields[i].input
        {
            let masked = area.mask_char().is_some();
            *area = new_area(value, masked);
        }
    }

    pub fn visible(&self, i: usize) -> bool {
        match self.fields.get(i).and_then(|f| f.show_if.as_ref()) {
            None => i < self.fields.len(),
            Some((key, values)) => self.choice(*key).is_some_and(|v| values.contains(&v)),
        }
    }

    pub fn focused(&self) -> Option<&Field> {
        self.fields.get(self.focus)
    }

    pub fn focused_key(&self) -> Option<FieldId> {
        self.focused().map(|f| f.key)
    }

    pub fn next(&mut self) {
        let n = self.fields.len();
        for step in 1..=n {
            let i = (self.focus + step) % n;
            if self.visible(i) {
                self.focus = i;
                return;
            }
        }
    }

    pub fn prev(&mut self) {
        let n = self.fields.len();
        for step in 1..=n {
            let i = (self.focus + n - step) % n;
            if self.visible(i) {
                self.focus = i;
                return;
            }
        }
    }

    pub fn focus_key(&mut self, key: FieldId) {
        if let Some(i) = self.index(key) {
            self.focus = i;
        }
    }

    /// Whether the focused field is the last visible one.
    pub fn at_last(&self) -> bool {
        !(self.focus + 1..self.fields.len()).any(|i| self.visible(i))
    }

    /// A key for the focused text field. Returns true if the text changed.
    pub fn type_key(&mut self, key: KeyEvent) -> bool {
        let Some(field) = self.fields.get_mut(self.focus) else {
            return false;
        };
        let changed = match &mut field.input {
            Input::Text { area, multiline } => {
                if key.code == KeyCode::Enter && !*multiline {
                    return false;
                }
                // As in a shell line: Ctrl-U deletes to the line's start, Ctrl-K to its end,
                // Ctrl-W the word before the cursor, Ctrl-A / Ctrl-E go to the start / end;
                // Ctrl-Z undoes (the text area's own Ctrl-U).
                let ctrl = key
                    .modifiers
                    .contains(ratatui::crossterm::event::KeyModifiers::CONTROL);
                match key.code {
                    KeyCode::Char('u') if ctrl => area.delete_line_by_head(),
                    KeyCode::Char('k') if ctrl => area.delete_line_by_end(),
                    KeyCode::Char('w') if ctrl => area.delete_word(),
                    KeyCode::Char('z') if ctrl => area.undo(),
                    KeyCode::Char('a') if ctrl => {
                        area.move_cursor(ratatui_textarea::CursorMove::Head);
                        false
                    }
                    KeyCode::Char('e') if ctrl => {
                        area.move_cursor(ratatui_textarea::CursorMove::End);
                        false
                    }
                    _ => area.input(key),
                }
            }
            Input::Toggle(b) => {
                if matches!(
                    key.code,
                    KeyCode::Char(' ') | KeyCode::Enter | KeyCode::Left | KeyCode::Right
                ) {
                    *b = !*b;
                    true
                } else {
                    false
                }
            }
            Input::Choice { .. } => false,
        };
        if changed {
            self.dirty = true;
            let k = field.key;
            self.errors.remove(&k);
        }
        changed
    }

    /// Pasted text (or an IME commit delivered as a paste) into the focused text field.
    pub fn paste(&mut self, text: &str) -> bool {
        let Some(field) = self.fields.get_mut(self.focus) else {
            return false;
        };
        if let Input::Text { area, multiline } = &mut field.input {
            let clean = clean_paste(text, *multiline);
            if clean.is_empty() {
                return false;
            }
            area.insert_str(clean);
            self.dirty = true;
            let k = field.key;
            self.errors.remove(&k);
            return true;
        }
        false
    }

    /// Moves the focused choice by `delta` options.
    pub fn cycle(&mut self, delta: isize) {
        if let Some(field) = self.fields.get_mut(self.focus)
            && let Input::Choice { options, selected } = &mut field.input
            && !options.is_empty()
        {
            // Stops at the first and the last option: a choice never wraps round unseen.
            let n = options.len() as isize;
            let cur = selected
                .map(|s| s as isize)
                .unwrap_or(if delta > 0 { -1 } else { n });
            *selected = Some((cur + delta).clamp(0, n - 1) as usize);
            self.dirty = true;
            let k = field.key;
            self.errors.remove(&k);
        }
    }

    /// Sets the focused choice to the option with `value`.
    pub fn choose(&mut self, index: usize, value: Val) {
        if let Some(field) = self.fields.get_mut(index)
            && let Input::Choice { options, selected } = &mut field.input
        {
            *selected = options.iter().position(|o| o.value == value);
            self.dirty = true;
            let k = field.key;
            self.errors.remove(&k);
        }
    }

    /// One field's problem, added to those already shown, with the focus on the first.
    pub fn set_error(&mut self, key: FieldId, msg: String) {
        let mut e = std::mem::take(&mut self.errors);
        e.insert(key, msg);
        self.set_errors(e);
    }

    /// Problems a domain rule reported by field name: each goes to its field, and one whose
    /// name this form does not know goes to the form's message, so that none is lost.
    pub fn set_named_errors<N: AsRef<str>>(
        &mut self,
        errors: impl IntoIterator<Item = (N, String)>,
    ) {
        let mut known = vec![];
        let mut other = vec![];
        for (name, msg) in errors {
            match FieldId::from_name(name.as_ref()).filter(|k| self.index(*k).is_some()) {
                Some(k) => known.push((k, msg)),
                None => other.push(msg),
            }
        }
        if !other.is_empty() {
            self.message = Some(other.join("；"));
        }
        self.set_errors(known);
    }

    pub fn set_errors(&mut self, errors: impl IntoIterator<Item = (FieldId, String)>) {
        self.errors = errors.into_iter().collect();
        // Focus the first field with a problem.
        if let Some(i) = self
            .fields
            .iter()
            .position(|f| self.errors.contains_key(&f.key))
        {
            self.focus = i;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::FieldId as F;
    use super::*;
    use ratatui::crossterm::event::KeyModifiers;

    fn key(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
    }

    #[test]
    fn typing_ime_text_and_pastes_land_in_the_focused_field() {
        let mut f = Form::new(
            "t",
            vec![
                Field::text(F::Name, "甲", ""),
                Field::multiline(F::Notes, "乙", ""),
            ],
        );
        for c in "张三".chars() {
            f.type_key(key(c));
        }
        assert_eq!(f.text(F::Name), "张三");
        f.paste("\x1b[31m物业\r\n费");
        assert_eq!(f.text(F::Name), "张三[31m物业 费");
        f.next();
        f.paste("第一行\n第二行");
        assert_eq!(f.text(F::Notes), "第一行\n第二行");
        assert!(f.dirty);
    }

    #[test]
    fn hidden_fields_are_skipped() {
        let mut f = Form::new(
            "t",
            vec![
                Field::choice(
                    F::Kind,
                    "类",
                    vec![Opt::new("甲", Val::Nth(0)), Opt::new("乙", Val::Nth(1))],
                    Some(Val::Nth(0)),
                ),
                Field::text(F::Plan, "仅乙", "").show_if(F::Kind, vec![Val::Nth(1)]),
                Field::text(F::Note, "末", ""),
            ],
        );
        f.next();
        assert_eq!(f.focused_key(), Some(F::Note));
        f.prev();
        f.cycle(1);
        assert_eq!(f.choice(F::Kind), Some(Val::Nth(1)));
        f.next();
        assert_eq!(f.focused_key(), Some(F::Plan));
    }

    #[test]
    fn options_match_by_pinyin_initials() {
        let o = Opt::new("区住房和城乡建设局", Val::Id(1));
        assert!(o.matches("zf"));
        assert!(o.matches("住房"));
        assert!(!o.matches("教育"));
    }

    #[test]
    fn a_typed_filter_lists_the_earliest_match_first() {
        let picker = crate::app::Picker {
            title: String::new(),
            options: vec![
                Opt::new("区委区政府督查室", Val::Id(1)),
                Opt::new("区住房和城乡建设局", Val::Id(2)),
                Opt::new("区教育局", Val::Id(3)),
            ],
            filter: "zf".into(),
            selected: 0,
            target: crate::app::PickTarget::RosterFilter,
        };
        let labels: Vec<&str> = picker.visible().iter().map(|o| o.label.as_str()).collect();
        assert_eq!(labels, ["区住房和城乡建设局", "区委区政府督查室"]);
    }

    #[test]
    fn cycling_a_choice_stops_at_either_end() {
        let opts = vec![Opt::new("甲", Val::Nth(0)), Opt::new("乙", Val::Nth(1))];
        let mut f = Form::new("t", vec![Field::choice(F::Kind, "类", opts, None)]);
        f.cycle(1);
        f.cycle(1);
        f.cycle(1);
        assert_eq!(
            f.choice(F::Kind),
            Some(Val::Nth(1)),
            "no wrap past the last"
        );
        f.cycle(-1);
        f.cycle(-1);
        assert_eq!(
            f.choice(F::Kind),
            Some(Val::Nth(0)),
            "no wrap past the first"
        );
    }
}
