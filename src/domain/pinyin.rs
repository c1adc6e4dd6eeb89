//! Pinyin initials of personal names, so that `zs` finds 张三.
//!
//! The `pinyin` crate gives each character's most common reading first; for several surnames
//! that reading is wrong (单 is shàn as a surname, not dān). Surnames are read from the override
//! table first, compound surnames before single ones; the rest of the name uses the crate.
//!
//! A clerk types the reading they know, and a name's reader may not know which is right (长 is
//! cháng or zhǎng, 乐 lè or yuè): `name_keys` gives every plausible reading's initials as search
//! keys, the preferred one first, so that `tch` and `tzh` both find 唐长海.

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
    ('阚', 'k'), // kàn (the crate reads hǎn)
    ('长', 'c'), // cháng
    ('朝', 'c'), // cháo
    ('重', 'c'), // chóng
    ('藏', 'z'), // zàng
    ('卜', 'b'), // bǔ
    ('柏', 'b'), // bǎi
    ('薄', 'b'), // bó
    ('隗', 'w'), // wěi
    ('郇', 'x'), // xún
    ('洗', 'x'), // xiǎn
    ('冼', 'x'), // xiǎn
    ('费', 'f'), // fèi
    ('宓', 'f'), // fú
    ('令', 'l'), // líng
    ('燕', 'y'), // yān
    ('能', 'n'), // nài
    ('谌', 'c'), // chén
    ('圈', 'j'), // juàn
];

/// Name keys beyond this many readings are not made (a name of many polyphonic characters).
pub const MAX_KEYS: usize = 16;

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

/// Characters that people read more than one way in names, and the initials of each reading.
/// (The crate's own list of readings holds archaic ones — 吴 tūn, 王 yù — that would make `tl`
/// find 吴磊; this list keeps to the readings a clerk may really type.)
const POLYPHONES: &[(char, &str)] = &[
    ('长', "cz"),
    ('乐', "ly"),
    ('单', "dsc"),
    ('重', "zc"),
    ('朝', "zc"),
    ('行', "xh"),
    ('藏', "cz"),
    ('降', "jx"),
    ('强', "qj"),
    ('传', "cz"),
    ('曾', "cz"),
    ('调', "dt"),
    ('会', "hk"),
    ('参', "cs"),
    ('解', "jx"),
    ('区', "qo"),
    ('覃', "tq"),
    ('翟', "dz"),
    ('查', "cz"),
    ('仇', "cq"),
    ('尉', "wy"),
    ('召', "zs"),
    ('秘', "mb"),
    ('繁', "fp"),
    ('种', "zc"),
    ('折', "zs"),
    ('句', "jg"),
    ('阚', "hk"),
    ('隗', "kw"),
    ('谌', "cs"),
    ('圈', "qj"),
    ('宓', "mf"),
    ('郇', "hx"),
    ('蔚', "wy"),
    ('率', "sl"),
    ('奇', "qj"),
    ('弹', "dt"),
    ('宿', "sx"),
    ('系', "xj"),
    ('省', "sx"),
    ('厦', "xs"),
    ('给', "gj"),
    ('校', "xj"),
    ('乘', "cs"),
    ('屏', "pb"),
    ('扁', "bp"),
    ('车', "cj"),
    ('盛', "sc"),
    ('石', "sd"),
    ('柏', "bb"),
    ('朴', "pp"),
    ('缪', "ml"),
    ('沈', "sc"),
    ('万', "wm"),
    ('澹', "dt"),
];

/// Every initial a character is read with in a name: its most common reading's first, then
/// those of its other readings (`POLYPHONES`).
fn char_initials(c: char) -> Vec<char> {
    let mut out: Vec<char> = char_initial(c).into_iter().collect();
    if let Some((_, more)) = POLYPHONES.iter().find(|(p, _)| *p == c) {
        for l in more.chars() {
            if !out.contains(&l) {
                out.push(l);
            }
        }
    }
    out
}

/// Every plausible reading's initials of a personal name, `name_initials` first: the surname
/// read as a surname and then as its other readings, each other character by each of its
/// readings (at most `MAX_KEYS` keys). 唐长海 → tch, tzh; 乐嘉 → yj, lj.
pub fn name_keys(name: &str) -> Vec<String> {
    let name = name.trim();
    let mut slots: Vec<Vec<char>> = vec![];
    let mut rest = name;
    if let Some((surname, initials)) = COMPOUND_SURNAMES.iter().find(|(s, _)| name.starts_with(s)) {
        slots.extend(initials.chars().map(|c| vec![c]));
        rest = &name[surname.len()..];
    } else if let Some(first) = name.chars().next()
        && let Some((_, i)) = SURNAME_OVERRIDES.iter().find(|(c, _)| *c == first)
    {
        let mut letters = vec![*i];
        for l in char_initials(first) {
            if !letters.contains(&l) {
                letters.push(l);
            }
        }
        slots.push(letters);
        rest = &name[first.len_utf8()..];
    }
    slots.extend(rest.chars().map(char_initials).filter(|v| !v.is_empty()));
    let mut keys = vec![String::new()];
    for slot in &slots {
        let mut next = Vec::with_capacity(keys.len() * slot.len());
        for k in &keys {
            for l in slot {
                if next.len() < MAX_KEYS {
                    let mut k = k.clone();
                    k.push(*l);
                    next.push(k);
                }
            }
        }
        keys = next;
    }
    keys.retain(|k| !k.is_empty());
    keys
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
    fn every_plausible_reading_is_a_key() {
        let has = |name: &str, key: &str| name_keys(name).iter().any(|k| k == key);
        assert_eq!(name_keys("唐长海")[0], name_initials("唐长海"));
        assert!(has("唐长海", "tch") && has("唐长海", "tzh"));
        assert!(has("乐嘉", "lj") && has("乐嘉", "yj"));
        assert_eq!(name_keys("乐嘉")[0], "yj", "the surname reading first");
        for (name, keys) in [
            ("覃斌", &["qb", "tb"][..]),
            ("翟志刚", &["zzg", "dzg"]),
            ("盖叫天", &["gjt"]),
            ("区家明", &["ojm", "qjm"]),
            ("单雄信", &["sxx", "cxx", "dxx"]),
            ("解缙", &["xj", "jj"]),
            ("阚泽", &["kz"]),
            ("长孙无忌", &["zswj"]),
        ] {
            for k in keys {
                assert!(has(name, k), "{name} {k}: {:?}", name_keys(name));
            }
        }
        assert_eq!(name_keys("阚泽")[0], "kz");
        assert_eq!(name_keys("张三"), vec!["zs".to_string()]);
        // Archaic readings are no keys: `tl` finds 唐磊, not 吴磊 (吴 tūn) or 王磊.
        for name in ["吴磊", "王磊", "刘洋"] {
            assert_eq!(name_keys(name).len(), 1, "{name}: {:?}", name_keys(name));
        }
        // Many polyphonic characters: a bounded number of keys, the preferred first.
        let many = name_keys("单长乐朝重藏");
        assert!(many.len() <= MAX_KEYS && many[0] == name_initials("单长乐朝重藏"));
        assert!(name_keys("  ").is_empty());
    }

    #[test]
    fn override_applies_to_the_surname_only() {
        // 单 inside a given name keeps its ordinary reading dān.
        assert_eq!(name_initials("王单"), "wd");
    }
}
