//! Text from petitioners and files: what may be stored, and how it is made safe to draw.
//!
//! Two separate jobs. `clean_input` validates what a user typed or a file provided before it is
//! stored (and says what to fix). `for_terminal` is applied to every untrusted string before it
//! reaches the screen, so that even a value written by an older version or by hand into the
//! database cannot move the cursor, recolour the screen or reverse the reading order.

use crate::text::T;
use std::borrow::Cow;

use super::Problem;

/// True for characters that must never reach a terminal: C0/C1 controls, DEL, and the Unicode
/// bidirectional overrides, embeddings and isolates (the "Trojan Source" characters).
pub fn is_unsafe_char(c: char) -> bool {
    let u = c as u32;
    u < 0x20
        || (0x7f..=0x9f).contains(&u)
        || matches!(
            u,
            0x061c | 0x200e | 0x200f | 0x202a..=0x202e | 0x2066..=0x2069 | 0xfff9..=0xfffb
        )
}

/// Makes one line of untrusted text safe to draw: unsafe characters become U+FFFD so a reader
/// can see that something was there; tabs become a space.
pub fn for_terminal(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe_char) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(|c| match c {
                '\t' => ' ',
                c if is_unsafe_char(c) => '\u{fffd}',
                c => c,
            })
            .collect(),
    )
}

/// The characters that make a spreadsheet cell a formula (or, after a tab or a carriage return
/// is trimmed, turn it into one) in Excel, WPS and LibreOffice.
const FORMULA_START: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A cell as a CSV file must hold it so that a spreadsheet shows it and never runs it: a cell
/// that begins like a formula gets a leading apostrophe (the spreadsheet shows the apostrophe;
/// the text after it is the value). `from_spreadsheet` undoes it when the file is read back.
pub fn for_spreadsheet(s: &str) -> Cow<'_, str> {
    if s.starts_with(FORMULA_START) {
        Cow::Owned(format!("'{s}"))
    } else if long_number(s) {
        // A spreadsheet opening the file would make an 18-digit ID number a number, and save it
        // back as 2.20403195411245E+017: a leading tab keeps it text in Excel, WPS and
        // LibreOffice (tested with LibreOffice headless), and shows nothing.
        Cow::Owned(format!("\t{s}"))
    } else {
        Cow::Borrowed(s)
    }
}

/// Digits too many for a spreadsheet's number (more than 15 lose precision; from 12 on,
/// spreadsheets show them in scientific notation): ID numbers, account numbers. An 11-digit
/// mobile is kept as it is.
fn long_number(s: &str) -> bool {
    s.len() >= 12 && s.bytes().all(|b| b.is_ascii_digit())
}

/// A cell read from a CSV file: the apostrophe `for_spreadsheet` put before a formula-like cell
/// is taken off again (and only that one), as is the tab before a long number.
pub fn from_spreadsheet(s: &str) -> &str {
    match s.strip_prefix('\'') {
        Some(rest) if rest.starts_with(FORMULA_START) => rest,
        _ => match s.strip_prefix('\t') {
            Some(rest) if long_number(rest) => rest,
            _ => s,
        },
    }
}

/// Splits multi-line untrusted text into safe lines.
pub fn lines_for_terminal(s: &str) -> impl Iterator<Item = Cow<'_, str>> {
    s.split('\n')
        .map(|l| for_terminal(l.strip_suffix('\r').unwrap_or(l)))
}

/// What pasted text becomes in a field: controls removed (a terminal never sees them), tabs to
/// spaces, and for single-line fields newlines to spaces. Bidi overrides are dropped.
pub fn clean_paste(s: &str, multiline: bool) -> String {
    let s = s.replace("\r\n", "\n").replace('\r', "\n");
    s.chars()
        .filter_map(|c| match c {
            '\n' if multiline => Some('\n'),
            '\n' | '\t' => Some(' '),
            c if is_unsafe_char(c) => None,
            c => Some(c),
        })
        .collect()
}

/// Validates stored text: trims it, normalises line ends, rejects control characters and text
/// longer than `max_chars`. `required` rejects empty text.
pub fn clean_input(
    s: &str,
    max_chars: usize,
    multiline: bool,
    required: bool,
) -> Result<String, Problem> {
    let s = s.replace("\r\n", "\n");
    let s = s.trim();
    if s.is_empty() {
        if required {
            return Err(Problem::of(T::MustNotBeEmpty));
        }
        return Ok(String::new());
    }
    if let Some((pos, c)) = s
        .chars()
        .enumerate()
        .find(|&(_, c)| is_unsafe_char(c) && !(multiline && c == '\n'))
    {
        return Err(Problem::fill(
            T::CharacterIsControlCharacterU,
            &[&(pos + 1), &format!("{:04X}", c as u32)],
        ));
    }
    if !multiline && s.contains('\n') {
        return Err(Problem::of(T::MustBeSingleLineRemove));
    }
    let n = s.chars().count();
    if n > max_chars {
        return Err(Problem::fill(
            T::AtMostCharactersHasRemove,
            &[&max_chars, &n, &(n - max_chars)],
        ));
    }
    Ok(s.to_string())
}

/// Masks a person's name for lists: 张三 → 张*, 欧阳娜娜 → 欧***.
pub fn mask_name(name: &str) -> String {
    let mut chars = name.chars();
    match chars.next() {
        None => String::new(),
        Some(first) => {
            let rest = chars.count().max(1);
            let mut s = String::new();
            s.push(first);
            s.extend(std::iter::repeat_n('*', rest));
            s
        }
    }
}

/// Masks a mobile number: 13812345678 → 138****5678.
pub fn mask_mobile(m: &str) -> String {
    if m.len() == 11 && m.is_ascii() {
        format!("{}****{}", &m[..3], &m[7..])
    } else {
        "*".repeat(m.chars().count())
    }
}

/// Masks a resident ID number: keeps the first 4 and last 4 characters.
pub fn mask_id(id: &str) -> String {
    if id.len() == 18 && id.is_ascii() {
        format!("{}**********{}", &id[..4], &id[14..])
    } else {
        "*".repeat(id.chars().count())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_and_bidi_never_reach_the_terminal() {
        let evil = "张三\x1b[2J\x1b]0;pwned\x07\u{202e}cod.exe\u{9b}31m";
        let safe = for_terminal(evil);
        assert!(!safe.chars().any(is_unsafe_char), "{safe:?}");
        assert!(safe.contains("张三"));
        assert_eq!(for_terminal("平常文字"), Cow::Borrowed("平常文字"));
    }

    #[test]
    fn paste_is_cleaned_for_the_field_kind() {
        assert_eq!(clean_paste("物业\r\n费\x1b[31m", false), "物业 费[31m");
        assert_eq!(clean_paste("第一行\r\n第二行\t!", true), "第一行\n第二行 !");
        assert_eq!(clean_paste("a\u{202e}b", true), "ab");
    }

    #[test]
    fn input_validation_says_what_to_fix() {
        assert_eq!(
            clean_input("  小区停车难 ", 10, false, true).unwrap(),
            "小区停车难"
        );
        let e = clean_input("一二三四五六", 5, false, true).unwrap_err();
        assert!(
            e.zh().contains("最多 5 字") && e.zh().contains("删减 1 字"),
            "{}",
            e.zh()
        );
        let e = clean_input("ab\x07c", 50, false, true).unwrap_err();
        assert!(e.zh().contains("第 3 个字符"), "{}", e.zh());
        assert!(clean_input("  ", 5, false, true).is_err());
        assert_eq!(clean_input("  ", 5, false, false).unwrap(), "");
        assert!(clean_input("a\nb", 5, false, true).is_err());
        assert_eq!(clean_input("a\r\nb", 5, true, true).unwrap(), "a\nb");
    }

    #[test]
    fn masks() {
        assert_eq!(mask_name("张三"), "张*");
        assert_eq!(mask_name("欧阳娜娜"), "欧***");
        assert_eq!(mask_name("王"), "王*");
        assert_eq!(mask_mobile("13812345678"), "138****5678");
        assert_eq!(mask_id("11010519491231002X"), "1101**********002X");
    }

    #[test]
    fn a_cell_that_a_spreadsheet_would_run_is_shown_as_text_and_read_back_as_it_was() {
        for cell in [
            "=HYPERLINK(\"http://x\",\"点我\")",
            "+86 139",
            "-1",
            "@SUM(A1)",
            "\t=1",
            "\r=1",
        ] {
            let out = for_spreadsheet(cell);
            assert!(out.starts_with('\''), "{cell:?} → {out:?}");
            assert_eq!(from_spreadsheet(&out), cell);
        }
        for cell in [
            "张三",
            "13912345678",
            "2026-11-26",
            "",
            "'quoted",
            "1=1",
            "11010519491231002X",
        ] {
            assert_eq!(for_spreadsheet(cell), cell);
            assert_eq!(from_spreadsheet(cell), cell);
        }
        // A long number is kept text by a leading tab, and read back without it.
        let id = "220403195411245012";
        assert_eq!(for_spreadsheet(id), format!("\t{id}"));
        assert_eq!(from_spreadsheet(&for_spreadsheet(id)), id);
        assert_eq!(
            from_spreadsheet("\tabc"),
            "\tabc",
            "only before a long number"
        );
    }
}
