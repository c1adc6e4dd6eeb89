//! Search tokens for Chinese text.
//!
//! SQLite's trigram tokenizer finds nothing for two-character queries, and Chinese queries are
//! often two characters (物业, 停车). So each text is indexed as its overlapping character bigrams
//! (物业费 → 物业 业费), plus its Latin/digit words, plus `py`+initials for personal names. A query
//! of two Han characters is one exact token lookup; a longer one is the AND of its bigrams, then
//! verified as a substring so that 物业…业费 far apart does not match 物业费. Queries are built
//! only from characters this module emits as tokens, each quoted, so FTS syntax typed by a user
//! (quotes, `OR`, `*`, `NEAR`) cannot change the query.

use crate::text::T;
use std::collections::BTreeSet;

use super::Problem;
use super::pinyin::name_keys;

/// Han ideographs (CJK Unified Ideographs and extensions, compatibility ideographs).
pub fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4dbf | 0x4e00..=0x9fff | 0xf900..=0xfaff | 0x20000..=0x2ffff | 0x30000..=0x3134f)
}

/// Full-width ASCII to ASCII, upper to lower case.
fn fold(c: char) -> char {
    let c = match c as u32 {
        0xff01..=0xff5e => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
        0x3000 => ' ',
        _ => c,
    };
    c.to_ascii_lowercase()
}

#[derive(Debug, PartialEq, Eq)]
enum Run {
    Han(Vec<char>),
    Word(String),
}

fn runs(s: &str) -> Vec<Run> {
    let mut out = vec![];
    let mut han: Vec<char> = vec![];
    let mut word = String::new();
    for c in s.chars().map(fold) {
        if is_han(c) {
            if !word.is_empty() {
                out.push(Run::Word(std::mem::take(&mut word)));
            }
            han.push(c);
        } else if c.is_ascii_alphanumeric() {
            if !han.is_empty() {
                out.push(Run::Han(std::mem::take(&mut han)));
            }
            word.push(c);
        } else {
            if !han.is_empty() {
                out.push(Run::Han(std::mem::take(&mut han)));
            }
            if !word.is_empty() {
                out.push(Run::Word(std::mem::take(&mut word)));
            }
        }
    }
    if !han.is_empty() {
        out.push(Run::Han(han));
    }
    if !word.is_empty() {
        out.push(Run::Word(word));
    }
    out
}

/// Builds the token text for a ticket: bigrams and words of `texts`, and for each of `names`
/// its bigrams plus `py`+initials of each plausible reading. Tokens are deduplicated and space-separated.
pub fn index_tokens(texts: &[&str], names: &[&str]) -> String {
    let mut set: BTreeSet<String> = BTreeSet::new();
    for t in texts.iter().chain(names.iter()) {
        for run in runs(t) {
            match run {
                Run::Han(chars) => {
                    for w in chars.windows(2) {
                        set.insert(w.iter().collect());
                    }
                }
                Run::Word(w) => {
                    // Words of up to 32 characters: longer runs are noise (hashes, URLs).
                    if w.len() <= 32 {
                        set.insert(w);
                    }
                }
            }
        }
    }
    for n in names {
        // Every plausible reading (长 c/z …), so that initials typed by either find the name.
        for initials in name_keys(n) {
            set.insert(format!("py{initials}"));
        }
    }
    let mut out = String::new();
    for t in set {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&t);
    }
    out
}

/// A parsed search: an FTS5 MATCH expression, and substrings every hit must contain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Query {
    /// A ticket number was typed: look it up directly.
    Number {
        year: i32,
        seq: i64,
    },
    Text {
        fts: String,
        verify: Vec<String>,
    },
}

/// Parses what was typed after `/`.
pub fn parse_query(q: &str) -> Result<Query, Problem> {
    let q = q.trim();
    if let Some((year, seq)) = super::parse_ticket_number(q) {
        return Ok(Query::Number { year, seq });
    }
    let mut parts: Vec<String> = vec![];
    let mut verify: Vec<String> = vec![];
    let mut lone_han = false;
    for term in q.split(|c: char| c.is_whitespace() || c == '\u{3000}') {
        for run in runs(term) {
            match run {
                Run::Han(chars) if chars.len() == 1 => lone_han = true,
                Run::Han(chars) => {
                    let bigrams: BTreeSet<String> =
                        chars.windows(2).map(|w| w.iter().collect()).collect();
                    let expr: Vec<String> = bigrams.iter().map(|b| format!("\"{b}\"")).collect();
                    parts.push(expr.join(" AND "));
                    if chars.len() > 2 {
                        verify.push(chars.iter().collect());
                    }
                }
                Run::Word(w) => {
                    let w: String = w.chars().take(32).collect();
                    if w.bytes().all(|b| b.is_ascii_lowercase()) {
                        parts.push(format!("(\"py{w}\"* OR \"{w}\"*)"));
                    } else {
                        parts.push(format!("\"{w}\"*"));
                    }
                }
            }
        }
    }
    if parts.is_empty() {
        return Err(if lone_han {
            Problem::of(T::TypeAtLeastTwoChinese)
        } else {
            Problem::of(T::TypeWordsTicketNumberOr)
        });
    }
    let fts = parts
        .iter()
        .map(|p| format!("({p})"))
        .collect::<Vec<_>>()
        .join(" AND ");
    Ok(Query::Text { fts, verify })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bigrams_words_and_initials() {
        let t = index_tokens(&["小区物业费上涨", "电话 13812345678"], &["张三"]);
        let tokens: Vec<&str> = t.split(' ').collect();
        for want in [
            "小区",
            "区物",
            "物业",
            "业费",
            "费上",
            "上涨",
            "电话",
            "13812345678",
            "张三",
            "pyzs",
        ] {
            assert!(tokens.contains(&want), "{want} missing from {t}");
        }
        assert!(!tokens.contains(&"小"));
    }

    #[test]
    fn two_characters_is_one_token_longer_is_verified() {
        assert_eq!(
            parse_query("物业").unwrap(),
            Query::Text {
                fts: "(\"物业\")".into(),
                verify: vec![]
            }
        );
        assert_eq!(
            parse_query("物业费").unwrap(),
            Query::Text {
                fts: "(\"业费\" AND \"物业\")".into(),
                verify: vec!["物业费".into()]
            }
        );
    }

    #[test]
    fn initials_and_numbers() {
        assert_eq!(
            parse_query("zs").unwrap(),
            Query::Text {
                fts: "((\"pyzs\"* OR \"zs\"*))".into(),
                verify: vec![]
            }
        );
        assert_eq!(
            parse_query(" 2026-000123 ").unwrap(),
            Query::Number {
                year: 2026,
                seq: 123
            }
        );
        assert_eq!(
            parse_query("１３８").unwrap(),
            Query::Text {
                fts: "(\"138\"*)".into(),
                verify: vec![]
            }
        );
    }

    #[test]
    fn fts_syntax_in_input_is_inert() {
        let Query::Text { fts, .. } = parse_query("物业\" OR \"x NEAR(停车 *) -").unwrap()
        else {
            panic!()
        };
        assert_eq!(
            fts,
            "(\"物业\") AND ((\"pyor\"* OR \"or\"*)) AND ((\"pyx\"* OR \"x\"*)) AND ((\"pynear\"* OR \"near\"*)) AND (\"停车\")"
        );
    }

    #[test]
    fn too_short_queries_say_what_to_type() {
        assert!(parse_query("物").unwrap_err().zh().contains("两个汉字"));
        assert!(parse_query("  ").is_err());
        assert!(parse_query("\"*").is_err());
    }
}
