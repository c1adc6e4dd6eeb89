//! The rules of the petition desk, pure: no SQL, no terminal, no clock, no RNG.
//!
//! Everything that decides something (who may move a ticket where, when a deadline falls, whether
//! a mobile number is valid) lives in exactly one function here and is unit-tested here. Time and
//! randomness are passed in by the caller.

pub mod audit;
pub mod calendar;
pub mod draw;
pub mod flow;
pub mod hearing;
pub mod intake;
pub mod limits;
pub mod members;
pub mod org;
pub mod person;
pub mod pinyin;
pub mod roles;
pub mod roster;
pub mod search;
pub mod text;
pub mod visits;
pub mod vocab;

pub use vocab::Lang;

/// A refusal or validation failure, in the user's language. Every message says what to fix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub zh: String,
    pub en: String,
}

impl Problem {
    pub fn new(zh: impl Into<String>, en: impl Into<String>) -> Self {
        Problem {
            zh: zh.into(),
            en: en.into(),
        }
    }

    pub fn text(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }

    /// The same problem, prefixed with the field it concerns.
    pub fn in_field(self, zh_field: &str, en_field: &str) -> Self {
        Problem {
            zh: format!("{zh_field}：{}", self.zh),
            en: format!("{en_field}: {}", self.en),
        }
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.zh)
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
}
