//! Petitioner identity: mainland mobile numbers and resident ID numbers (GB 11643-1999).

use crate::text::T;
use chrono::NaiveDate;

use super::Problem;

/// Characters people and spreadsheets put inside a number that are not part of it: every
/// Unicode space (no-break, ideographic, tab …), the zero-width ones, dashes, dots and brackets.
fn is_spacing(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '\u{200B}'
                | '\u{200C}'
                | '\u{200D}'
                | '\u{2060}'
                | '\u{FEFF}'
                | '\u{00AD}'
                | '-'
                | '‐'
                | '‑'
                | '‒'
                | '–'
                | '—'
                | '－'
                | '.'
                | '·'
                | '．'
                | '('
                | ')'
                | '（'
                | '）'
        )
}

/// Normalises a mainland mobile number: full-width digits become ASCII; every space, dash, dot
/// and bracket is removed, then a leading +86 / 0086 / 86 (before 11 digits) and a trunk 0; the
/// rest must match `^1[3-9]\d{9}$`.
pub fn normalize_mobile(input: &str) -> Result<String, Problem> {
    let mut s: String = input
        .chars()
        .map(fullwidth_to_ascii)
        .filter(|c| !is_spacing(*c))
        .collect();
    if let Some(rest) = s.strip_prefix("+86") {
        s = rest.to_string();
    } else if let Some(rest) = s.strip_prefix("0086") {
        s = rest.to_string();
    } else if s.len() == 13
        && let Some(rest) = s.strip_prefix("86")
    {
        s = rest.to_string();
    }
    if s.len() == 12
        && let Some(rest) = s.strip_prefix('0')
    {
        s = rest.to_string();
    }
    if s.is_empty() {
        return Err(Problem::of(T::EnterMobileNumber));
    }
    if !s.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Problem::fill(T::HasCharactersOtherThanDigits, &[&s]));
    }
    if s.len() != 11 {
        return Err(Problem::fill(T::MobileNumberHas11Digits, &[&s.len()]));
    }
    let b = s.as_bytes();
    if b[0] != b'1' || !(b'3'..=b'9').contains(&b[1]) {
        return Err(Problem::of(T::MobileStartsWith13To19));
    }
    Ok(s)
}

/// Whether the first two digits of a resident ID number are a province-level code (GB/T 2260:
/// 11–15, 21–23, 31–37, 41–46, 50–54, 61–65, 71 台湾, 81–83 港澳; 9x the foreigners' permanent
/// residence cards of 2023).
pub fn is_province_code(two: u8) -> bool {
    matches!(two, 11..=15 | 21..=23 | 31..=37 | 41..=46 | 50..=54 | 61..=65 | 71 | 81..=83 | 90..=99)
}

fn fullwidth_to_ascii(c: char) -> char {
    match c {
        '０'..='９' => char::from_u32(c as u32 - 0xFF10 + 0x30).unwrap_or(c),
        'ｘ' | 'Ｘ' => 'X',
        '＋' => '+',
        '－' => '-',
        c => c,
    }
}

const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK: [u8; 11] = *b"10X98765432";

/// The GB 11643 check character for the first 17 digits (ISO 7064 MOD 11-2).
pub fn id_check_char(first17: &[u8]) -> Option<char> {
    if first17.len() != 17 || !first17.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let sum: u32 = first17
        .iter()
        .zip(WEIGHTS)
        .map(|(d, w)| u32::from(d - b'0') * w)
        .sum();
    Some(CHECK[(sum % 11) as usize] as char)
}

/// Validates an 18-character resident ID number: digits, a real birth date not after `today`,
/// and the check character (lower-case x accepted). Returns it with an upper-case X.
pub fn validate_resident_id(input: &str, today: NaiveDate) -> Result<String, Problem> {
    let s: String = input
        .trim()
        .chars()
        .map(fullwidth_to_ascii)
        .filter(|c| !is_spacing(*c))
        .collect::<String>()
        .to_ascii_uppercase();
    let n = s.chars().count();
    if n != 18 {
        return Err(Problem::fill(T::IDNumberHas18Characters, &[&n]));
    }
    let b = s.as_bytes();
    if !b[..17].iter().all(u8::is_ascii_digit) {
        return Err(Problem::of(T::First17CharactersOfID));
    }
    if !(b[17].is_ascii_digit() || b[17] == b'X') {
        return Err(Problem::of(T::LastCharacterOfIDNumber));
    }
    let province = (b[0] - b'0') * 10 + (b[1] - b'0');
    if !is_province_code(province) {
        return Err(Problem::fill(T::IdProvinceCodeInvalid, &[&&s[..2]]));
    }
    let birth = std::str::from_utf8(&b[6..14]).unwrap_or("");
    let date = NaiveDate::parse_from_str(birth, "%Y%m%d")
        .map_err(|_| Problem::fill(T::BirthDateInIdInvalid, &[&birth]))?;
    if date > today {
        return Err(Problem::fill(
            T::BirthDateIsInFuture,
            &[&date.format("%Y-%m-%d")],
        ));
    }
    if date < NaiveDate::from_ymd_opt(1900, 1, 1).unwrap_or(date) {
        return Err(Problem::of(T::BirthDateIsBefore1900));
    }
    let expected = id_check_char(&b[..17]).unwrap_or('?');
    if b[17] as char != expected {
        return Err(Problem::fill(T::CheckCharacterDoesNotMatch, &[&expected]));
    }
    Ok(s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()
    }

    #[test]
    fn mobile_forms_people_write() {
        for ok in [
            "13812345678",
            "+86 138 1234 5678",
            "0086-138-1234-5678",
            "138-1234-5678",
            "１３８１２３４５６７８",
            "+8619912345678",
            "8613812345678",
            "013812345678",
            "+86 0138 1234 5678",
            "138\u{a0}1234\u{a0}5678",
            "138\u{3000}1234\u{3000}5678",
            "138\t1234\t5678",
            "138\u{200b}1234\u{200b}5678",
            "\u{feff}13812345678",
            "138.1234.5678",
            "（0086）138–1234–5678",
        ] {
            assert!(normalize_mobile(ok).is_ok(), "{ok}");
        }
        for same in [
            "+86 138 1234 5678",
            "8613812345678",
            "013812345678",
            "138\u{200b}1234 5678",
        ] {
            assert_eq!(normalize_mobile(same).unwrap(), "13812345678", "{same}");
        }
        for bad in [
            "",
            "1381234567",
            "138123456789",
            "12812345678",
            "23812345678",
            "138l2345678",
        ] {
            assert!(normalize_mobile(bad).is_err(), "{bad}");
        }
        assert!(
            normalize_mobile("1381234567")
                .unwrap_err()
                .zh()
                .contains("10 位")
        );
    }

    #[test]
    fn resident_ids() {
        // The GB 11643 standard's own example.
        assert_eq!(
            validate_resident_id("11010519491231002X", today()).unwrap(),
            "11010519491231002X"
        );
        assert_eq!(
            validate_resident_id("11010519491231002x", today()).unwrap(),
            "11010519491231002X"
        );
        assert!(
            validate_resident_id("110105194912310021", today())
                .unwrap_err()
                .zh()
                .contains("校验位")
        );
        assert!(
            validate_resident_id("11010519491331002X", today())
                .unwrap_err()
                .zh()
                .contains("出生日期")
        );
        assert!(
            validate_resident_id("1101051949123100", today())
                .unwrap_err()
                .zh()
                .contains("18 位")
        );
        // A real date and check digit behind a region that does not exist.
        for region in ["000000", "100105", "160105", "720105", "840105"] {
            let first17 = format!("{region}19491231002");
            let id = format!("{first17}{}", id_check_char(first17.as_bytes()).unwrap());
            let e = validate_resident_id(&id, today()).unwrap_err().zh();
            assert!(e.contains("省级") && e.contains(&region[..2]), "{id}: {e}");
        }
        // Spaces of every kind inside a real one.
        assert_eq!(
            validate_resident_id("110105\u{3000}19491231\u{a0}002x\u{200b}", today()).unwrap(),
            "11010519491231002X"
        );
        // Born in the future: 2027-01-01.
        let mut future = b"22010220270101001".to_vec();
        let c = id_check_char(&future).unwrap();
        future.push(c as u8);
        let future = String::from_utf8(future).unwrap();
        assert!(
            validate_resident_id(&future, today())
                .unwrap_err()
                .zh()
                .contains("晚于今天")
        );
    }

    proptest! {
        #[test]
        fn every_valid_mobile_normalises_to_itself(second in 3u8..=9, rest in "[0-9]{9}") {
            let m = format!("1{second}{rest}");
            prop_assert_eq!(normalize_mobile(&m).unwrap(), m.clone());
            let decorated = format!("+86 {}-{}-{}", &m[..3], &m[3..7], &m[7..]);
            prop_assert_eq!(normalize_mobile(&decorated).unwrap(), m);
        }

        #[test]
        fn mobiles_of_wrong_length_are_refused(d in "[0-9]{0,10}|[1-79][0-9]{11,14}") {
            prop_assert!(normalize_mobile(&d).is_err());
        }

        #[test]
        fn generated_ids_validate_and_any_single_digit_change_is_caught(
            province in proptest::sample::select(vec![11u32, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83, 91]),
            area in 0u32..9999, days in 0i64..40000, order in 0u32..999, pos in 0usize..17, delta in 1u8..10
        ) {
            let birth = NaiveDate::from_ymd_opt(1910, 1, 1).unwrap() + chrono::Duration::days(days);
            prop_assume!(birth <= today());
            let first17 = format!("{province}{area:04}{}{order:03}", birth.format("%Y%m%d"));
            let id = format!("{first17}{}", id_check_char(first17.as_bytes()).unwrap());
            prop_assert_eq!(validate_resident_id(&id, today()).unwrap(), id.clone());
            // Change one digit: either the date breaks or the check digit catches it.
            let mut bytes = id.into_bytes();
            bytes[pos] = b'0' + (bytes[pos] - b'0' + delta) % 10;
            let changed = String::from_utf8(bytes).unwrap();
            prop_assert!(validate_resident_id(&changed, today()).is_err());
        }
    }
}
