//! The audit chain: `hash_n = SHA-256(hash_{n-1} ‖ canonical bytes of event n)`.
//!
//! The canonical bytes are a version tag followed by fields, each as its length (u32, big
//! endian) and its UTF-8 bytes, in a fixed order (docs/audit.md, with test vectors). Version 1
//! (the first schema) hashed nine fields and left the ticket, the actor's staff id and the
//! department out; version 2 (migration 07 onwards) hashes every column of the row. Changing
//! any byte of any column, reordering events or deleting one breaks every later hash; deleting
//! the newest events or re-hashing the whole chain is caught by an anchor (`Anchor`) someone
//! kept from an earlier printout.

use sha2::{Digest, Sha256};

use super::{Problem, hex};
use crate::text::T;

/// The hash before the first event.
pub const GENESIS: [u8; 32] = [0; 32];
const TAG_V1: &[u8] = b"suqiu-audit-v1";
const TAG_V2: &[u8] = b"suqiu-audit-v2";
/// The version new events are written in.
pub const CURRENT_VERSION: i64 = 2;
/// The event that starts version 2 on a database that has version-1 events: its payload names
/// the last version-1 event and its hash.
pub const UPGRADE_KIND: &str = "audit_chain_v2";

/// One audit event as it is hashed: every column of its row but the two hashes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    pub seq: i64,
    /// The canonical form this event was hashed in (1 or 2).
    pub version: i64,
    pub at: String,
    pub actor: String,
    pub actor_id: Option<i64>,
    /// What the event is about: `ticket:2026-000123`, `staff:1001`, `org`, `calendar:2027` …
    pub subject: String,
    pub ticket_id: Option<i64>,
    pub department_id: Option<i64>,
    pub kind: String,
    pub from_state: String,
    pub to_state: String,
    pub note: String,
    /// Structured details, canonical JSON.
    pub payload: String,
}

/// One event's columns borrowed from wherever they were read (a batch of rows in `audit
/// verify`, an `Event` elsewhere): hashed and checked without being copied.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EventRef<'a> {
    pub seq: i64,
    pub version: i64,
    pub at: &'a str,
    pub actor: &'a str,
    pub actor_id: Option<i64>,
    pub subject: &'a str,
    pub ticket_id: Option<i64>,
    pub department_id: Option<i64>,
    pub kind: &'a str,
    pub from_state: &'a str,
    pub to_state: &'a str,
    pub note: &'a str,
    pub payload: &'a str,
}

impl<'a> From<&'a Event> for EventRef<'a> {
    fn from(e: &'a Event) -> Self {
        EventRef {
            seq: e.seq,
            version: e.version,
            at: &e.at,
            actor: &e.actor,
            actor_id: e.actor_id,
            subject: &e.subject,
            ticket_id: e.ticket_id,
            department_id: e.department_id,
            kind: &e.kind,
            from_state: &e.from_state,
            to_state: &e.to_state,
            note: &e.note,
            payload: &e.payload,
        }
    }
}

/// An optional integer's digits, or nothing.
fn opt_decimal(v: Option<i64>, buf: &mut [u8; 20]) -> &[u8] {
    match v {
        Some(v) => decimal(v, buf),
        None => b"",
    }
}

/// An integer's decimal digits, written into `buf` (no allocation: `audit verify` formats three
/// or four per event).
fn decimal(v: i64, buf: &mut [u8; 20]) -> &[u8] {
    let mut n = v.unsigned_abs();
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    if v < 0 {
        i -= 1;
        buf[i] = b'-';
    }
    &buf[i..]
}

/// An id's digits in version 2's form; version 1 left the ids out.
fn v2_id(v2: bool, v: Option<i64>, buf: &mut [u8; 20]) -> Option<&[u8]> {
    v2.then(|| opt_decimal(v, buf))
}

impl EventRef<'_> {
    /// Appends the bytes hashed for this event, in its version's form, to `out`: the version's
    /// tag, then each field as its length (u32, big endian) and its bytes.
    fn canonical(&self, out: &mut Vec<u8>) {
        let v2 = self.version != 1;
        out.extend_from_slice(if v2 { TAG_V2 } else { TAG_V1 });
        let (mut seq, mut actor_id, mut ticket_id, mut department_id) =
            ([0u8; 20], [0; 20], [0; 20], [0; 20]);
        let fields = [
            Some(decimal(self.seq, &mut seq)),
            Some(self.at.as_bytes()),
            Some(self.actor.as_bytes()),
            v2_id(v2, self.actor_id, &mut actor_id),
            Some(self.subject.as_bytes()),
            v2_id(v2, self.ticket_id, &mut ticket_id),
            v2_id(v2, self.department_id, &mut department_id),
            Some(self.kind.as_bytes()),
            Some(self.from_state.as_bytes()),
            Some(self.to_state.as_bytes()),
            Some(self.note.as_bytes()),
            Some(self.payload.as_bytes()),
        ];
        for f in fields.into_iter().flatten() {
            out.extend_from_slice(&(f.len() as u32).to_be_bytes());
            out.extend_from_slice(f);
        }
    }

    /// The bytes hashed for this event, in its version's form.
    pub fn canonical_bytes(&self) -> Vec<u8> {
        let mut v = Vec::with_capacity(256);
        self.canonical(&mut v);
        v
    }

    /// The hash of this event chained onto `prev`, its canonical bytes written into `scratch`
    /// (one buffer for a whole walk of the log).
    fn chain_with(&self, prev: &[u8; 32], scratch: &mut Vec<u8>) -> [u8; 32] {
        scratch.clear();
        self.canonical(scratch);
        let mut h = Sha256::new();
        h.update(prev);
        h.update(&scratch);
        h.finalize().into()
    }

    /// The hash of this event chained onto `prev`.
    pub fn chain(&self, prev: &[u8; 32]) -> [u8; 32] {
        self.chain_with(prev, &mut Vec::with_capacity(256))
    }
}

impl Event {
    /// The bytes hashed for this event, in its version's form.
    pub fn canonical_bytes(&self) -> Vec<u8> {
        EventRef::from(self).canonical_bytes()
    }
}

/// The hash of `event` chained onto `prev`.
pub fn chain(prev: &[u8; 32], event: &Event) -> [u8; 32] {
    EventRef::from(event).chain(prev)
}

/// Parses a stored hex hash (64 hex digits, either case).
pub fn parse_hash(hex: &str) -> Option<[u8; 32]> {
    fn nibble(c: u8) -> Option<u8> {
        match c {
            b'0'..=b'9' => Some(c - b'0'),
            b'a'..=b'f' => Some(c - b'a' + 10),
            b'A'..=b'F' => Some(c - b'A' + 10),
            _ => None,
        }
    }
    let b = hex.as_bytes();
    if b.len() != 64 {
        return None;
    }
    let mut out = [0u8; 32];
    for (i, o) in out.iter_mut().enumerate() {
        *o = (nibble(b[2 * i])? << 4) | nibble(b[2 * i + 1])?;
    }
    Some(out)
}

/// Canonical JSON for an event payload: the details as an object in the given order.
pub fn payload_json(details: &[(&str, String)]) -> String {
    let mut s = String::from("{");
    for (i, (k, v)) in details.iter().enumerate() {
        if i > 0 {
            s.push(',');
        }
        s.push_str(&serde_json::to_string(k).unwrap_or_default());
        s.push(':');
        s.push_str(&serde_json::to_string(v).unwrap_or_default());
    }
    s.push('}');
    s
}

/// Reads a payload back into key/value pairs (for timelines and exports).
pub fn payload_pairs(json: &str) -> Vec<(String, String)> {
    match serde_json::from_str::<serde_json::Value>(json) {
        Ok(serde_json::Value::Object(map)) => map
            .into_iter()
            .map(|(k, v)| {
                let v = match v {
                    serde_json::Value::String(s) => s,
                    other => other.to_string(),
                };
                (k, v)
            })
            .collect(),
        _ => vec![],
    }
}

/// Where a chain breaks, if it does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    Intact {
        events: u64,
    },
    /// The first event whose stored hash does not match, or whose link is wrong.
    Broken {
        seq: i64,
        reason: Problem,
    },
}

/// An event's number and hash as someone kept it (from a printout's footer, `suqiu audit head`
/// or an anchor slip). A log that no longer holds event `seq` with this hash was truncated,
/// rewritten or re-hashed since.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Anchor {
    pub seq: i64,
    pub hash: [u8; 32],
}

impl Anchor {
    /// Reads `N:HASH` (or `N HASH`, as `suqiu audit head` prints it).
    pub fn parse(s: &str) -> Result<Anchor, Problem> {
        let bad = || Problem::fill(T::AnchorMalformed, &[&s]);
        let (n, h) = s.trim().split_once([':', ' ']).ok_or_else(bad)?;
        let seq = n
            .trim()
            .parse::<i64>()
            .ok()
            .filter(|n| *n > 0)
            .ok_or_else(bad)?;
        let hash = parse_hash(&h.trim().to_ascii_lowercase()).ok_or_else(bad)?;
        Ok(Anchor { seq, hash })
    }

    /// What a printout states: `N HASH`.
    pub fn line(&self) -> String {
        format!("{} {}", self.seq, hex(&self.hash))
    }

    /// Whether the log (whose newest event is `last_seq`, and whose event `seq` hashes to
    /// `found`, if it has one) still holds this anchor.
    pub fn check(&self, found: Option<&[u8; 32]>, last_seq: i64) -> Result<(), Problem> {
        match found {
            None => Err(Problem::fill(T::AnchorMissing, &[&self.seq, &last_seq])),
            Some(h) if *h != self.hash => Err(Problem::fill(
                T::AnchorDiffers,
                &[&self.seq, &hex(h), &hex(&self.hash)],
            )),
            Some(_) => Ok(()),
        }
    }
}

/// Walks events in order, checking each stored `(prev_hash, hash)` pair, that versions never go
/// back, and that version 2 starts (on a log that had version 1) with the upgrade event naming
/// the last version-1 head.
pub struct Verifier {
    prev: [u8; 32],
    /// `prev` as it is stored (lowercase hex): the next event's link is compared with it as
    /// bytes, without parsing.
    prev_hex: [u8; 64],
    count: u64,
    last_seq: i64,
    version: i64,
    /// The canonical bytes of the event being checked (one buffer for the whole walk).
    scratch: Vec<u8>,
}

impl Default for Verifier {
    fn default() -> Self {
        Verifier {
            prev: GENESIS,
            prev_hex: hex_digits(&GENESIS),
            count: 0,
            last_seq: 0,
            version: 0,
            scratch: Vec::with_capacity(1024),
        }
    }
}

/// A hash's lowercase hex digits, as the log stores them.
fn hex_digits(h: &[u8; 32]) -> [u8; 64] {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = [0u8; 64];
    for (i, b) in h.iter().enumerate() {
        out[2 * i] = DIGITS[(b >> 4) as usize];
        out[2 * i + 1] = DIGITS[(b & 15) as usize];
    }
    out
}

/// Whether `stored` is `h`: compared as lowercase hex bytes first (as suqiu writes them), else
/// parsed (uppercase digits, written by hand, are the same hash).
fn stored_is(stored: &str, h: &[u8; 32], h_hex: &[u8; 64]) -> Option<bool> {
    if stored.as_bytes() == h_hex {
        return Some(true);
    }
    parse_hash(stored).map(|s| s == *h)
}

impl Verifier {
    /// Checks the next event. Returns the reason it breaks the chain, if it does.
    pub fn check<'a>(
        &mut self,
        event: impl Into<EventRef<'a>>,
        stored_prev: &str,
        stored_hash: &str,
    ) -> Result<(), Problem> {
        let event = event.into();
        if event.seq <= self.last_seq {
            return Err(Problem::fill(
                T::AuditSeqNotAfter,
                &[&event.seq, &self.last_seq],
            ));
        }
        if !(1..=CURRENT_VERSION).contains(&event.version) {
            return Err(Problem::fill(T::AuditUnknownVersion, &[&event.version]));
        }
        if event.version < self.version {
            return Err(Problem::fill(
                T::AuditVersionGoesBack,
                &[&event.version, &self.version],
            ));
        }
        if event.version == 2 && self.version == 1 && !self.is_upgrade(&event) {
            return Err(Problem::fill(T::AuditUpgradeMissing, &[&self.last_seq]));
        }
        match stored_is(stored_prev, &self.prev, &self.prev_hex) {
            None => return Err(Problem::of(T::AuditPrevHashMalformed)),
            Some(false) => return Err(Problem::of(T::AuditPrevHashDiffers)),
            Some(true) => {}
        }
        let h = event.chain_with(&self.prev, &mut self.scratch);
        let h_hex = hex_digits(&h);
        match stored_is(stored_hash, &h, &h_hex) {
            None => return Err(Problem::of(T::AuditHashMalformed)),
            Some(false) => return Err(Problem::of(T::AuditHashDiffers)),
            Some(true) => {}
        }
        self.prev = h;
        self.prev_hex = h_hex;
        self.count += 1;
        self.last_seq = event.seq;
        self.version = event.version;
        Ok(())
    }

    /// The upgrade event names the head it follows.
    fn is_upgrade(&self, event: &EventRef) -> bool {
        let pairs = payload_pairs(event.payload);
        let get = |k: &str| {
            pairs
                .iter()
                .find(|(key, _)| key == k)
                .map(|(_, v)| v.as_str())
        };
        event.kind == UPGRADE_KIND
            && get("head_seq") == Some(self.last_seq.to_string().as_str())
            && get("head_hash") == Some(hex(&self.prev).as_str())
    }

    pub fn count(&self) -> u64 {
        self.count
    }

    /// The newest event checked so far and its hash.
    pub fn head(&self) -> Option<Anchor> {
        (self.last_seq > 0).then_some(Anchor {
            seq: self.last_seq,
            hash: self.prev,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_hashes_parse_in_either_case_and_nothing_else_does() {
        let h: [u8; 32] = std::array::from_fn(|i| (i * 37 + 11) as u8);
        let lower = hex(&h);
        assert_eq!(parse_hash(&lower), Some(h));
        assert_eq!(parse_hash(&lower.to_uppercase()), Some(h));
        assert_eq!(parse_hash(&lower[..62]), None);
        assert_eq!(parse_hash(&format!("{}g", &lower[..63])), None);
        assert_eq!(parse_hash(&format!("+{}", &lower[1..])), None);
        assert_eq!(parse_hash(&format!("é{}", &lower[2..])), None);
    }
    use crate::domain::hex;

    fn ev(seq: i64, note: &str) -> Event {
        Event {
            seq,
            version: 1,
            at: "2026-11-26 09:00:00".into(),
            actor: "王芳".into(),
            actor_id: Some(3),
            subject: "ticket:2026-000001".into(),
            ticket_id: Some(1),
            department_id: None,
            kind: "draft".into(),
            from_state: "registered".into(),
            to_state: "drafted".into(),
            note: note.into(),
            payload: payload_json(&[("classification", "forward".into())]),
        }
    }

    #[test]
    fn a_chain_verifies_and_any_change_breaks_it() {
        let events: Vec<Event> = (1..=5).map(|i| ev(i, &format!("第{i}条"))).collect();
        let mut stored = vec![];
        let mut prev = GENESIS;
        for e in &events {
            let h = chain(&prev, e);
            stored.push((hex(&prev), hex(&h)));
            prev = h;
        }
        let mut v = Verifier::default();
        for (e, (p, h)) in events.iter().zip(&stored) {
            v.check(e, p, h).unwrap();
        }
        assert_eq!(v.count(), 5);

        // Change one byte of one note.
        let mut tampered = events.clone();
        tampered[2].note = "第9条".into();
        let mut v = Verifier::default();
        let mut broke_at = None;
        for (e, (p, h)) in tampered.iter().zip(&stored) {
            if v.check(e, p, h).is_err() {
                broke_at = Some(e.seq);
                break;
            }
        }
        assert_eq!(broke_at, Some(3));

        // Delete an event.
        let mut v = Verifier::default();
        v.check(&events[0], &stored[0].0, &stored[0].1).unwrap();
        assert!(v.check(&events[2], &stored[2].0, &stored[2].1).is_err());
    }

    /// The link and the hash are compared as stored hex first; digits written in uppercase (by
    /// hand, or by another tool) are the same hash, and anything else is malformed.
    #[test]
    fn stored_hashes_in_uppercase_still_verify_and_malformed_ones_are_named() {
        let events: Vec<Event> = (1..=3).map(|i| ev(i, "x")).collect();
        let mut stored = vec![];
        let mut prev = GENESIS;
        for e in &events {
            let h = chain(&prev, e);
            stored.push((hex(&prev).to_uppercase(), hex(&h).to_uppercase()));
            prev = h;
        }
        let mut v = Verifier::default();
        for (e, (p, h)) in events.iter().zip(&stored) {
            v.check(e, p, h).unwrap();
        }
        let mut v = Verifier::default();
        let err = v.check(&events[0], &stored[0].0, "zz").unwrap_err();
        assert!(err.is(T::AuditHashMalformed));
        let mut v = Verifier::default();
        let err = v.check(&events[0], "00", &stored[0].1).unwrap_err();
        assert!(err.is(T::AuditPrevHashMalformed));
        let mut v = Verifier::default();
        v.check(&events[0], &stored[0].0, &stored[0].1).unwrap();
        let err = v.check(&events[1], &stored[0].0, &stored[1].1).unwrap_err();
        assert!(err.is(T::AuditPrevHashDiffers));
    }

    #[test]
    fn field_boundaries_are_unambiguous() {
        let mut a = ev(1, "ab");
        a.actor = "王".into();
        let mut b = ev(1, "ab");
        b.actor = "王a".into();
        b.note = "b".into();
        assert_ne!(a.canonical_bytes(), b.canonical_bytes());
    }

    fn v2(seq: i64, note: &str) -> Event {
        Event {
            version: 2,
            ..ev(seq, note)
        }
    }

    #[test]
    fn known_vectors() {
        // Lock both canonical forms: a change here invalidates every stored chain. The same
        // vectors are in docs/audit.md, computed there by scripts/verify-audit.py (Python's
        // hashlib, from the documented form alone; CI runs it).
        let h = chain(&GENESIS, &ev(1, "x"));
        assert_eq!(
            hex(&h),
            "5e6dc2d25f46fecb5b8c1959753f4289cddfb212be9c5c2da9946880c23a08b7"
        );
        let h2 = chain(&h, &v2(2, "x"));
        assert_eq!(hex(&h2), V2_VECTOR);
    }

    const V2_VECTOR: &str = "537d571ba3944d840b9bbd8ff90b79efc3d2bacc755f870c1ae62a3df3c33db8";

    #[test]
    fn version_2_hashes_the_ticket_the_actor_id_and_the_department() {
        let a = v2(1, "x");
        for b in [
            Event {
                ticket_id: Some(2),
                ..a.clone()
            },
            Event {
                actor_id: None,
                ..a.clone()
            },
            Event {
                department_id: Some(0),
                ..a.clone()
            },
        ] {
            assert_ne!(chain(&GENESIS, &a), chain(&GENESIS, &b), "{b:?}");
        }
        // Version 1 did not: the reason for version 2.
        let old = ev(1, "x");
        let moved = Event {
            ticket_id: Some(2),
            ..old.clone()
        };
        assert_eq!(chain(&GENESIS, &old), chain(&GENESIS, &moved));
    }

    fn stored(events: &[Event]) -> Vec<(String, String)> {
        let mut out = vec![];
        let mut prev = GENESIS;
        for e in events {
            let h = chain(&prev, e);
            out.push((hex(&prev), hex(&h)));
            prev = h;
        }
        out
    }

    fn first_break(events: &[Event], hashes: &[(String, String)]) -> Option<(i64, Problem)> {
        let mut v = Verifier::default();
        for (e, (p, h)) in events.iter().zip(hashes) {
            if let Err(why) = v.check(e, p, h) {
                return Some((e.seq, why));
            }
        }
        None
    }

    fn upgrade(seq: i64, head: &[u8; 32]) -> Event {
        Event {
            kind: UPGRADE_KIND.into(),
            payload: payload_json(&[
                ("head_seq", (seq - 1).to_string()),
                ("head_hash", hex(head)),
            ]),
            ..v2(seq, "")
        }
    }

    #[test]
    fn version_2_starts_with_the_upgrade_event_and_never_goes_back() {
        let mut events: Vec<Event> = (1..=3).map(|i| ev(i, "旧")).collect();
        let head = parse_hash(&stored(&events)[2].1).unwrap();
        events.push(upgrade(4, &head));
        events.push(v2(5, "新"));
        assert_eq!(first_break(&events, &stored(&events)), None);

        // A version-2 event straight after version 1, without the upgrade naming the head.
        let mut skipped = events.clone();
        skipped[3] = v2(4, "新");
        let (seq, why) = first_break(&skipped, &stored(&skipped)).unwrap();
        assert_eq!((seq, why.is(T::AuditUpgradeMissing)), (4, true));
        // An upgrade naming another head.
        let mut wrong = events.clone();
        wrong[3] = upgrade(4, &GENESIS);
        assert!(first_break(&wrong, &stored(&wrong)).is_some());
        // A version-1 event after version 2 (rewritten in the form that leaves the ticket out).
        let mut back = events.clone();
        back[4].version = 1;
        let (seq, why) = first_break(&back, &stored(&back)).unwrap();
        assert_eq!((seq, why.is(T::AuditVersionGoesBack)), (5, true));
        // A version nobody wrote.
        let mut future = events.clone();
        future[4].version = 3;
        assert!(
            first_break(&future, &stored(&future))
                .unwrap()
                .1
                .is(T::AuditUnknownVersion)
        );
    }

    #[test]
    fn anchors_catch_truncation_and_re_hashing() {
        let events: Vec<Event> = (1..=5).map(|i| v2(i, "事")).collect();
        let hashes = stored(&events);
        let at4 = Anchor::parse(&format!("4:{}", hashes[3].1)).unwrap();
        assert_eq!(Anchor::parse(&at4.line()).unwrap(), at4);
        let h4 = parse_hash(&hashes[3].1).unwrap();
        assert!(at4.check(Some(&h4), 5).is_ok());
        assert!(at4.check(None, 3).unwrap_err().is(T::AnchorMissing));
        assert!(
            at4.check(Some(&GENESIS), 5)
                .unwrap_err()
                .is(T::AnchorDiffers)
        );
        for bad in ["4", "x:abc", "0:00", &format!("4:{}", &hashes[3].1[1..])] {
            assert!(
                Anchor::parse(bad).unwrap_err().is(T::AnchorMalformed),
                "{bad}"
            );
        }
    }

    #[test]
    fn payload_round_trip() {
        let p = payload_json(&[("due", "2026-12-01".into()), ("note", "含\"引号\"".into())]);
        assert_eq!(p, "{\"due\":\"2026-12-01\",\"note\":\"含\\\"引号\\\"\"}");
        let pairs = payload_pairs(&p);
        assert!(pairs.contains(&("due".into(), "2026-12-01".into())));
    }
}
