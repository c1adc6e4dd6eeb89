//! The rules of the petition desk, pure: no SQL, no terminal, no clock, no RNG.
//!
//! Everything that decides something (who may move a ticket where, when a deadline falls, whether
//! a mobile number is valid) lives in exactly one function here and is unit-tested here. Time and
//! randomness are passed in by the caller.

pub mod audit;
pub mod bulletin;
pub mod calendar;
pub mod draw;
pub mod flow;
pub mod hearing;
pub mod intake;
pub mod limits;
pub mod members;
pub mod metrics;
pub mod org;
pub mod person;
pub mod pinyin;
pub mod replay;
pub mod roles;
pub mod roster;
pub mod search;
pub mod text;
pub mod visits;
pub mod vocab;

pub use crate::text::Lang;
use crate::text::T;

/// A refusal or validation failure. It names its words in the catalogue (`crate::text`) and keeps
/// the values it speaks of, and is put into words only when shown, in the reader's language.
/// Every message says what to fix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    text: T,
    args: Vec<Arg>,
}

/// A value a problem speaks of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arg {
    /// A value as it is (a number, a name, a date).
    Plain(String),
    /// A word of the catalogue (a field's name).
    Text(T),
    /// A label of the vocabulary (a state, a role), in both languages as `vocab!` declares it.
    Label(&'static str, &'static str),
    /// Another problem (the reason inside “row 5: …”).
    Problem(Box<Problem>),
}

impl Arg {
    pub fn plain(v: impl std::fmt::Display) -> Arg {
        Arg::Plain(v.to_string())
    }
}

impl Problem {
    /// A problem that is one fixed text.
    pub fn of(text: T) -> Self {
        Problem {
            text,
            args: Vec::new(),
        }
    }

    /// A problem whose text has `{0}`, `{1}` … filled with these values.
    pub fn fill(text: T, args: &[&dyn std::fmt::Display]) -> Self {
        Problem {
            text,
            args: args.iter().map(|a| Arg::Plain(a.to_string())).collect(),
        }
    }

    /// A problem whose values may be words or problems themselves.
    pub fn with(text: T, args: Vec<Arg>) -> Self {
        Problem { text, args }
    }

    /// Which text of the catalogue this problem is (the outermost one).
    pub fn kind(&self) -> T {
        self.text
    }

    /// Whether this problem, or one it wraps, is `text`.
    pub fn is(&self, text: T) -> bool {
        self.text == text
            || self
                .args
                .iter()
                .any(|a| matches!(a, Arg::Problem(p) if p.is(text)))
    }

    /// The field this problem concerns, if it was put in one (`in_field`).
    pub fn field(&self) -> Option<T> {
        match (self.text, self.args.first()) {
            (T::InField, Some(Arg::Text(f))) => Some(*f),
            _ => None,
        }
    }

    /// The problem in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        let args: Vec<String> = self
            .args
            .iter()
            .map(|a| match a {
                Arg::Plain(s) => s.clone(),
                Arg::Text(t) => t.text(lang),
                Arg::Label(zh, en) => lang.pick(zh, en).to_string(),
                Arg::Problem(p) => p.text(lang),
            })
            .collect();
        let refs: Vec<&dyn std::fmt::Display> =
            args.iter().map(|s| s as &dyn std::fmt::Display).collect();
        self.text.fill(lang, &refs)
    }

    /// The problem in Chinese (the default language).
    pub fn zh(&self) -> String {
        self.text(Lang::Zh)
    }

    /// The problem in English.
    pub fn en(&self) -> String {
        self.text(Lang::En)
    }

    /// The same problem, prefixed with the field it concerns.
    pub fn in_field(self, field: T) -> Self {
        Problem::with(
            T::InField,
            vec![Arg::Text(field), Arg::Problem(Box::new(self))],
        )
    }

    /// The same problem, prefixed with where it was found: `place` is a text with one number
    /// (“第 {0} 行”, “row {0}”).
    pub fn at(self, place: T, n: usize) -> Self {
        Problem::with(
            T::AtPlace,
            vec![
                Arg::Problem(Box::new(Problem::fill(place, &[&n]))),
                Arg::Problem(Box::new(self)),
            ],
        )
    }
}

/// “类别“x”无效，应为：甲、乙” — a value that is not one of the choices (the choices as files
/// write them).
pub fn not_one_of<'a>(field: T, value: &str, choices: impl Iterator<Item = &'a str>) -> Problem {
    let choices: Vec<&str> = choices.collect();
    Problem::with(
        T::IsNotOneOf,
        vec![
            Arg::Text(field),
            Arg::plain(value),
            Arg::Plain(choices.join("、")),
        ],
    )
}

/// A value of a closed list as typed or imported (its code or its label): the value, or which
/// values the field takes (`not_one_of`), the choices named by `label`.
pub fn parse_choice<V: Copy>(
    s: &str,
    parse: fn(&str) -> Option<V>,
    all: &[V],
    label: fn(V) -> &'static str,
    field: T,
) -> Result<V, Problem> {
    parse(s).ok_or_else(|| not_one_of(field, s, all.iter().map(|v| label(*v))))
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text(Lang::Zh))
    }
}

impl std::error::Error for Problem {}

/// Human ticket number: `2026-000123`.
pub fn ticket_number(year: i32, seq: i64) -> String {
    format!("{year}-{seq:06}")
}

/// Parses `2026-000123` (or `2026-123`) into (year, seq).
pub fn parse_ticket_number(s: &str) -> Option<(i32, i64)> {
    let (y, n) = s.trim().split_once('-')?;
    if y.len() != 4 || n.is_empty() || n.len() > 9 {
        return None;
    }
    if !y.bytes().all(|b| b.is_ascii_digit()) || !n.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some((y.parse().ok()?, n.parse().ok()?))
}

/// Lower-case hexadecimal of a byte string (sha2 0.11 digests do not format with `{:x}`).
pub fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(DIGITS[(b >> 4) as usize] as char);
        s.push(DIGITS[(b & 15) as usize] as char);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticket_numbers_round_trip() {
        assert_eq!(ticket_number(2026, 123), "2026-000123");
        assert_eq!(parse_ticket_number("2026-000123"), Some((2026, 123)));
        assert_eq!(parse_ticket_number("2026-7"), Some((2026, 7)));
        assert_eq!(parse_ticket_number("26-000123"), None);
        assert_eq!(parse_ticket_number("2026-"), None);
        assert_eq!(parse_ticket_number("2026-12a"), None);
    }

    #[test]
    fn hex_formats_bytes() {
        assert_eq!(hex(&[0, 15, 16, 255]), "000f10ff");
    }

    #[test]
    fn a_problem_is_put_into_words_only_when_shown_and_in_either_language() {
        let p = text::clean_input("a\u{202E}b", 10, false, true).unwrap_err();
        let row = p.clone().in_field(T::ReasonShort).at(T::RowPlace, 5);
        assert!(row.zh().starts_with("第 5 行：原因："), "{}", row.zh());
        assert!(row.en().starts_with("row 5: "), "{}", row.en());
        assert!(
            !row.en()
                .chars()
                .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{}",
            row.en()
        );
        assert!(
            row.is(p.kind()),
            "the wrapped problem is still known by what it is"
        );
        assert_eq!(
            p.clone().in_field(T::ReasonShort).field(),
            Some(T::ReasonShort)
        );
        assert_eq!(p.field(), None);
        let label = Problem::with(T::ThisTicketIsAndCannot, vec![vocab::State::Closed.arg()]);
        assert!(
            label.zh().contains(vocab::State::Closed.zh()),
            "{}",
            label.zh()
        );
        assert!(
            label.en().contains(vocab::State::Closed.en()),
            "{}",
            label.en()
        );
        assert_eq!(
            label.to_string(),
            label.zh(),
            "shown without a language, a problem is Chinese"
        );
    }
}
