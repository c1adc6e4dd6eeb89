//! Pinyin initials of personal names, so that `zs` finds 张三.
//!
//! The `pinyin` crate gives each character's most common reading first; for several surnames
//! that reading is wrong (单 is shàn as a surname, not dān). Surnames are read from the override
//! table first, compound surnames before single ones; the rest of the name uses the crate.

use pinyin::ToPinyin;

/// Compound surnames (复姓) and their initials.
const COMPOUND_SURNAMES: &[(&str, &str)] = &[
    ("尉迟", "yc"),
    ("单于", "cy"),
    ("欧阳", "oy"),
    ("司马", "sm"),
    ("上官", "sg"),
    ("诸葛", "zg"),
    ("东方", "df"),
    ("皇甫", "hf"),
    ("令狐", "lh"),
    ("慕容", "mr"),
    ("长孙", "zs"),
    ("宇文", "yw"),
    ("司徒", "st"),
    ("公孙", "gs"),
    ("澹台", "tt"),
    ("万俟", "mq"),
];

/// Surnames whose surname reading differs from the character's most common reading.
const SURNAME_OVERRIDES: &[(char, char)] = &[
    ('单', 's'), // shàn
    ('曾', 'z'), // zēng
    ('解', 'x'), // xiè
    ('仇', 'q'), // qiú
    ('区', 'o'), // ōu
    ('查', 'z'), // zhā
    ('覃', 'q'), // qín
    ('朴', 'p'), // piáo
    ('盖', 'g'), // gě
    ('缪', 'm'), // miào
    ('乐', 'y'), // yuè
    ('繁', 'p'), // pó
    ('秘', 'b'), // bì
    ('员', 'y'), // yùn
    ('种', 'c'), // chóng
    ('召', 's'), // shào
    ('那', 'n'), // nā
    ('华', 'h'), // huà
    ('任', 'r'), // rén
    ('翟', 'z'), // zhái
    ('尉', 'w'), // wèi
    ('折', 's'), // shé
    ('句', 'g'), // gōu
    ('沈', 's'), // shěn
];

fn char_initial(c: char) -> Option<char> {
    if c.is_ascii_alphanumeric() {
        return Some(c.to_ascii_lowercase());
    }
    c.to_pinyin()
        .and_then(|p| p.first_letter().chars().next())
        .map(|l| l.to_ascii_lowercase())
}

/// The pinyin initials of a personal name: 张三 → zs, 单雄信 → sxx, 尉迟恭 → ycg.
pub fn name_initials(name: &str) -> String {
    let name = name.trim();
    let mut out = String::new();
    let mut rest = name;
    if let Some((surname, initials)) = COMPOUND_SURNAMES.iter().find(|(s, _)| name.starts_with(s)) {
        out.push_str(initials);
        rest = &name[surname.len()..];
    } else if let Some(first) = name.chars().next()
        && let Some((_, i)) = SURNAME_OVERRIDES.iter().find(|(c, _)| *c == first)
    {
        out.push(*i);
        rest = &name[first.len_utf8()..];
    }
    out.extend(rest.chars().filter_map(char_initial));
    out
}

/// The pinyin initials of ordinary text (not a name): every character's most common reading.
pub fn text_initials(s: &str) -> String {
    s.chars().filter_map(char_initial).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_names() {
        assert_eq!(name_initials("张三"), "zs");
        assert_eq!(name_initials("李秀英"), "lxy");
        assert_eq!(name_initials("王芳"), "wf");
    }

    #[test]
    fn surnames_with_special_readings() {
        assert_eq!(name_initials("单雄信"), "sxx");
        assert_eq!(name_initials("曾国藩"), "zgf");
        assert_eq!(name_initials("解缙"), "xj");
        assert_eq!(name_initials("仇英"), "qy");
        assert_eq!(name_initials("区家明"), "ojm");
        assert_eq!(name_initials("查良镛"), "zly");
        assert_eq!(name_initials("覃斌"), "qb");
        assert_eq!(name_initials("尉迟恭"), "ycg");
        assert_eq!(name_initials("欧阳修"), "oyx");
        assert_eq!(name_initials("乐嘉"), "yj");
    }

    #[test]
    fn override_applies_to_the_surname_only() {
        // 单 inside a given name keeps its ordinary reading dān.
        assert_eq!(name_initials("王单"), "wd");
    }
}
