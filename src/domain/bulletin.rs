//! 诉求通报 (the week's or the month's bulletin): what came in and what recurs. Pure: the store
//! hands the petitions received in the period and the 90 days before it; nothing here reads a
//! database. docs/metrics.md states the same rules in words.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;

use super::vocab::Channel;

/// A repeat looks back this many days.
pub const REPEAT_DAYS: i64 = 90;

/// One petition as it came in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Received {
    pub id: i64,
    pub on: NaiveDate,
    pub channel: Channel,
    pub category_id: i64,
    pub place_id: Option<i64>,
    pub collective: bool,
    /// Who petitioned, as keys that name one person (`person_key`): mobiles and resident ID
    /// numbers as stored (normalised at intake).
    pub people: Vec<u64>,
}

/// What a person's key says: a mobile or a resident ID number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyKind {
    Mobile,
    ResidentId,
}

/// One number for one person's mobile or ID number, equal exactly when the stored text is:
/// the digits themselves (an ID's check character follows from its 17 digits) tagged by kind;
/// text that is not such a number (written before intake checked it) by a hash of it, tagged
/// apart so that it never equals a real one.
pub fn person_key(kind: KeyKind, stored: &str) -> u64 {
    const ID: u64 = 1 << 60;
    const OTHER: u64 = 1 << 62;
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    match kind {
        KeyKind::Mobile if stored.len() == 11 && digits(stored) => stored.parse().unwrap_or(0),
        KeyKind::ResidentId
            if stored.len() == 18
                && digits(&stored[..17])
                && crate::domain::person::id_check_char(&stored.as_bytes()[..17])
                    == Some(stored.as_bytes()[17] as char) =>
        {
            ID | stored[..17].parse::<u64>().unwrap_or(0)
        }
        _ => {
            // FNV-1a over the kind and the text: stable across builds and runs.
            let mut h: u64 = 0xcbf2_9ce4_8422_2325;
            for b in [kind as u8].iter().chain(stored.as_bytes()) {
                h ^= u64::from(*b);
                h = h.wrapping_mul(0x0100_0000_01b3);
            }
            OTHER | (h >> 2)
        }
    }
}

/// Why a petition is a repeat.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum RepeatBy {
    /// The same petitioner (mobile or ID number) within 90 days.
    Person,
    /// The same place and category within 90 days.
    PlaceAndCategory,
}

/// A petition received in the period that repeats an earlier one (the latest earlier one that
/// it repeats, the same person before the same place).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Repeat {
    pub id: i64,
    pub earlier: i64,
    pub by: RepeatBy,
    /// Petitions in the chain up to this one within the window (this one included).
    pub times: usize,
}

/// Each petition received in `[from, to]` whose petitioner, or whose place and category,
/// petitioned before within `REPEAT_DAYS` days (on or before its own day, received earlier).
/// `all` is in order of receipt and holds the 90 days before `from`.
pub fn repeats(all: &[Received], from: NaiveDate, to: NaiveDate) -> Vec<Repeat> {
    // The last petition seen of each person and of each place and category, with the count of
    // the chain (petitions no more than 90 days apart from the one before).
    let mut by_person: HashMap<u64, (i64, NaiveDate, usize)> = HashMap::new();
    let mut by_place: HashMap<(i64, i64), (i64, NaiveDate, usize)> = HashMap::new();
    let mut out = vec![];
    let near = |then: NaiveDate, now: NaiveDate| (now - then).num_days() <= REPEAT_DAYS;
    for r in all {
        let mut found: Option<Repeat> = None;
        for p in &r.people {
            if let Some(&(id, on, n)) = by_person.get(p)
                && near(on, r.on)
                && found.is_none_or(|f| f.times < n + 1)
            {
                found = Some(Repeat {
                    id: r.id,
                    earlier: id,
                    by: RepeatBy::Person,
                    times: n + 1,
                });
            }
        }
        let place_key = r.place_id.map(|p| (p, r.category_id));
        if found.is_none()
            && let Some(k) = place_key
            && let Some(&(id, on, n)) = by_place.get(&k)
            && near(on, r.on)
        {
            found = Some(Repeat {
                id: r.id,
                earlier: id,
                by: RepeatBy::PlaceAndCategory,
                times: n + 1,
            });
        }
        for p in &r.people {
            let n = match by_person.get(p) {
                Some(&(_, on, n)) if near(on, r.on) => n + 1,
                _ => 1,
            };
            by_person.insert(*p, (r.id, r.on, n));
        }
        if let Some(k) = place_key {
            let n = match by_place.get(&k) {
                Some(&(_, on, n)) if near(on, r.on) => n + 1,
                _ => 1,
            };
            by_place.insert(k, (r.id, r.on, n));
        }
        if let Some(f) = found
            && from <= r.on
            && r.on <= to
        {
            out.push(f);
        }
    }
    out
}

/// Counts by a key of the petitions received in `[from, to]`.
pub fn count_by<K: Ord>(
    all: &[Received],
    from: NaiveDate,
    to: NaiveDate,
    key: impl Fn(&Received) -> K,
) -> BTreeMap<K, usize> {
    let mut out = BTreeMap::new();
    for r in all.iter().filter(|r| from <= r.on && r.on <= to) {
        *out.entry(key(r)).or_default() += 1;
    }
    out
}

/// A category among the period's most petitioned (热点): its count, its share of the period's
/// petitions, and its count the period before.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Hot {
    pub category_id: i64,
    pub count: usize,
    pub share: f64,
    pub before: usize,
}

/// The `n` categories with the most petitions in the period, most first (ties by id), with the
/// count of the period before beside each.
pub fn hot(
    now: &BTreeMap<i64, usize>,
    before: &BTreeMap<i64, usize>,
    total: usize,
    n: usize,
) -> Vec<Hot> {
    let mut v: Vec<(i64, usize)> = now.iter().map(|(k, c)| (*k, *c)).collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    v.into_iter()
        .take(n)
        .map(|(category_id, count)| Hot {
            category_id,
            count,
            share: if total > 0 {
                count as f64 / total as f64
            } else {
                0.0
            },
            before: before.get(&category_id).copied().unwrap_or(0),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, day).unwrap()
    }

    fn r(id: i64, on: NaiveDate, place: Option<i64>, cat: i64, who: &str) -> Received {
        Received {
            id,
            on,
            channel: Channel::Visit,
            category_id: cat,
            place_id: place,
            collective: false,
            people: vec![person_key(KeyKind::Mobile, who)],
        }
    }

    #[test]
    fn a_person_key_is_equal_exactly_when_the_number_is() {
        let m = |s| person_key(KeyKind::Mobile, s);
        let i = |s| person_key(KeyKind::ResidentId, s);
        assert_eq!(m("13812345678"), m("13812345678"));
        assert_ne!(m("13812345678"), m("13812345679"));
        assert_ne!(i("11010519491231002X"), m("11010519491231002X"));
        assert_ne!(
            i("11010519491231002X"),
            i("110105194912310021"),
            "a bad check is text"
        );
        assert_eq!(m("138-1234"), m("138-1234"));
        assert_ne!(m("138-1234"), i("138-1234"));
    }

    #[test]
    fn repeats_by_person_then_by_place_within_ninety_days() {
        let all = vec![
            r(1, d(7, 1), Some(1), 1, "a"),
            // 92 days later: too late to repeat 1.
            r(2, d(10, 1), Some(2), 2, "a"),
            r(3, d(11, 2), Some(3), 3, "a"),
            r(4, d(11, 3), Some(3), 3, "b"),
            r(5, d(11, 4), Some(9), 4, "c"),
            r(6, d(11, 20), Some(3), 5, "a"),
        ];
        let got = repeats(&all, d(11, 1), d(11, 30));
        assert_eq!(
            got,
            vec![
                Repeat {
                    id: 3,
                    earlier: 2,
                    by: RepeatBy::Person,
                    times: 2
                },
                Repeat {
                    id: 4,
                    earlier: 3,
                    by: RepeatBy::PlaceAndCategory,
                    times: 2
                },
                Repeat {
                    id: 6,
                    earlier: 3,
                    by: RepeatBy::Person,
                    times: 3
                },
            ]
        );
        // Petitions before the period are looked back to, never listed.
        assert!(repeats(&all, d(10, 1), d(10, 31)).is_empty());
    }

    #[test]
    fn hot_categories_most_first_with_their_share_and_the_period_before() {
        let now = BTreeMap::from([(1, 5), (2, 10), (3, 5)]);
        let before = BTreeMap::from([(2, 4)]);
        let h = hot(&now, &before, 20, 2);
        assert_eq!(h.len(), 2);
        assert_eq!((h[0].category_id, h[0].count, h[0].before), (2, 10, 4));
        assert!((h[0].share - 0.5).abs() < 1e-9);
        assert_eq!((h[1].category_id, h[1].before), (1, 0));
    }
}
