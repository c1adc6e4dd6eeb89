//! The verifiable random draw (抽签) of a hearing panel or of mediators.
//!
//! 1. The eligible pool is frozen first: sorted by id, its SHA-256 shown and stored.
//! 2. The desk's nonce (from the operating system's RNG) is committed by its hash, shown
//!    before anyone types anything.
//! 3. Each party types its own input, hidden; a salted commitment hash is shown (the salt makes
//!    a short input impossible to guess from its hash before the reveal).
//! 4. Seed = SHA-256 over the protocol tag, the pool hash, the case number, the nonce and every
//!    party's input. A ChaCha20 generator from the seed drives a Fisher–Yates shuffle with
//!    unbiased bounded sampling: the full ordered list. The first panel seats honouring the
//!    minimums form the panel; the rest are alternates, in order.
//! 5. Strikes replace a member by the next eligible alternate in order.
//!
//! Everything needed to recompute the result is in the receipt (`Receipt`), and
//! `Receipt::verify` recomputes it without the database. The generator is `rand`'s ChaCha20Rng
//! at a pinned version, and a test locks known seeds to known orders, so an upgrade can never
//! change a past draw.

use crate::domain::Arg;
use crate::text::T;
use rand::rngs::ChaCha20Rng;
use rand::{Rng, SeedableRng};
use sha2::{Digest, Sha256};

use super::audit::parse_hash;
use super::roster::RepCategory;
use super::{Problem, hex};

mod life;
pub use life::*;

pub const PROTOCOL: &str = "suqiu-draw-v1";

/// A representative in the pool, as frozen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub id: i64,
    pub name: String,
    pub category: RepCategory,
    pub place: String,
}

/// At least `count` of the panel from `categories`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Minimum {
    pub categories: Vec<RepCategory>,
    pub count: u32,
}

impl Minimum {
    pub fn covers(&self, c: RepCategory) -> bool {
        self.categories.contains(&c)
    }

    pub fn label_zh(&self) -> String {
        let names: Vec<&str> = self.categories.iter().map(|c| c.zh()).collect();
        format!("{} 至少 {} 人", names.join("/"), self.count)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    pub panel_size: u32,
    pub alternates: u32,
    pub strikes_per_party: u32,
    pub minimums: Vec<Minimum>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            panel_size: 7,
            alternates: 3,
            strikes_per_party: 1,
            minimums: vec![],
        }
    }
}

pub const MAX_PARTIES: usize = 6;

/// Checks the settings on their own.
pub fn validate_settings(s: &Settings, parties: usize) -> Result<(), Problem> {
    if !(3..=15).contains(&s.panel_size) || s.panel_size.is_multiple_of(2) {
        return Err(Problem::of(T::PanelIsOddNumberFrom));
    }
    if s.alternates > 15 {
        return Err(Problem::of(T::AtMost15Alternates));
    }
    if s.strikes_per_party > 3 {
        return Err(Problem::of(T::AtMost3StrikesPer));
    }
    // No parties: a quick draw of mediators by the desk's nonce alone.
    if parties == 1 || parties > MAX_PARTIES {
        return Err(Problem::fill(T::N2ToParties, &[&MAX_PARTIES]));
    }
    let mut seen: Vec<RepCategory> = vec![];
    let mut total = 0;
    for m in &s.minimums {
        if m.categories.is_empty() || m.count == 0 {
            return Err(Problem::of(T::MinimumNeedsCategoriesAndCount));
        }
        for c in &m.categories {
            if seen.contains(c) {
                return Err(Problem::with(T::IsInTwoMinimumsMerge, vec![c.arg()]));
            }
            seen.push(*c);
        }
        total += m.count;
    }
    if total > s.panel_size {
        return Err(Problem::fill(
            T::MinimumsAddUpToMore,
            &[&total, &s.panel_size],
        ));
    }
    Ok(())
}

/// Whether a draw from this pool can succeed; the reason if not. Checked before anyone types.
pub fn feasibility(pool: &[Candidate], s: &Settings, parties: usize) -> Result<(), Problem> {
    validate_settings(s, parties)?;
    let strikes = s.strikes_per_party as usize * parties;
    let need = s.panel_size as usize + (s.alternates as usize).max(strikes);
    if pool.len() < need {
        return Err(Problem::fill(
            T::PoolHasPeopleAreNeeded,
            &[
                &pool.len(),
                &s.panel_size,
                &(s.alternates as usize).max(strikes),
                &need,
            ],
        ));
    }
    for m in &s.minimums {
        let have = pool.iter().filter(|c| m.covers(c.category)).count();
        if have < m.count as usize {
            return Err(Problem::fill(
                T::OnlyPeopleCanMeetMinimum,
                &[&m.label_zh(), &have, &m.count],
            ));
        }
    }
    Ok(())
}

fn put(h: &mut Sha256, bytes: &[u8]) {
    h.update((bytes.len() as u32).to_be_bytes());
    h.update(bytes);
}

/// The pool sorted canonically (by id).
pub fn canonical(mut pool: Vec<Candidate>) -> Vec<Candidate> {
    pool.sort_by_key(|c| c.id);
    pool
}

pub fn pool_hash(pool: &[Candidate]) -> [u8; 32] {
    let mut h = Sha256::new();
    put(&mut h, b"suqiu-pool-v1");
    h.update((pool.len() as u32).to_be_bytes());
    for c in pool {
        put(&mut h, c.id.to_string().as_bytes());
        put(&mut h, c.name.as_bytes());
        put(&mut h, c.category.code().as_bytes());
        put(&mut h, c.place.as_bytes());
    }
    h.finalize().into()
}

pub fn nonce_hash(nonce: &[u8]) -> [u8; 32] {
    let mut h = Sha256::new();
    put(&mut h, b"suqiu-nonce-v1");
    put(&mut h, nonce);
    h.finalize().into()
}

/// A party's commitment: salted so that a short input cannot be guessed from it.
pub fn commitment(salt: &[u8], input: &str) -> [u8; 32] {
    let mut h = Sha256::new();
    put(&mut h, b"suqiu-commit-v1");
    put(&mut h, salt);
    put(&mut h, input.as_bytes());
    h.finalize().into()
}

/// One party and what it typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartyInput {
    pub label: String,
    pub salt: Vec<u8>,
    pub input: String,
}

pub fn seed(pool_hash: &[u8; 32], case: &str, nonce: &[u8], parties: &[PartyInput]) -> [u8; 32] {
    let mut h = Sha256::new();
    put(&mut h, PROTOCOL.as_bytes());
    put(&mut h, pool_hash);
    put(&mut h, case.as_bytes());
    put(&mut h, nonce);
    h.update((parties.len() as u32).to_be_bytes());
    for p in parties {
        put(&mut h, p.label.as_bytes());
        put(&mut h, p.input.as_bytes());
    }
    h.finalize().into()
}

/// A uniform integer in `0..n` without modulo bias (rejection sampling on 64-bit words).
pub fn below(rng: &mut ChaCha20Rng, n: u64) -> u64 {
    debug_assert!(n > 0);
    // Values below `threshold` would make some residues more likely: reject them.
    let threshold = n.wrapping_neg() % n;
    loop {
        let x = rng.next_u64();
        if x >= threshold {
            return x % n;
        }
    }
}

/// The full random order of the pool: positions into `pool`, first drawn first.
pub fn order(pool_len: usize, seed: &[u8; 32]) -> Vec<usize> {
    let mut rng = ChaCha20Rng::from_seed(*seed);
    let mut v: Vec<usize> = (0..pool_len).collect();
    for i in (1..v.len()).rev() {
        let j = below(&mut rng, i as u64 + 1) as usize;
        v.swap(i, j);
    }
    v
}

/// The panel from an order: first the earliest members meeting each minimum, then the
/// earliest others, up to the panel size. Returned in draw order.
pub fn select(order: &[usize], pool: &[Candidate], s: &Settings) -> Vec<usize> {
    let mut chosen: Vec<usize> = vec![];
    for m in &s.minimums {
        let mut have = 0;
        for &i in order {
            if have >= m.count {
                break;
            }
            if m.covers(pool[i].category) && !chosen.contains(&i) {
                chosen.push(i);
                have += 1;
            }
        }
    }
    for &i in order {
        if chosen.len() >= s.panel_size as usize {
            break;
        }
        if !chosen.contains(&i) {
            chosen.push(i);
        }
    }
    let pos = |i: &usize| order.iter().position(|x| x == i).unwrap_or(usize::MAX);
    chosen.sort_by_key(pos);
    chosen
}

/// A strike: the party, the member struck, and who replaced them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Strike {
    pub party: usize,
    pub member: i64,
    pub replacement: i64,
}

/// Applies a strike to a panel (pool positions): the struck member is replaced by the next
/// alternate in order who is not on the panel and not struck, of the same minimum group when
/// the struck member is needed to keep that minimum.
pub fn strike(
    order: &[usize],
    pool: &[Candidate],
    s: &Settings,
    panel: &[usize],
    struck: &[usize],
    member: usize,
) -> Result<(Vec<usize>, usize), Problem> {
    if !panel.contains(&member) {
        return Err(Problem::of(T::OnlyPanelMembersCanBe));
    }
    let remaining: Vec<usize> = panel.iter().copied().filter(|i| *i != member).collect();
    let needed_group = s.minimums.iter().find(|m| {
        m.covers(pool[member].category)
            && (remaining
                .iter()
                .filter(|i| m.covers(pool[**i].category))
                .count() as u32)
                < m.count
    });
    let replacement = order
        .iter()
        .copied()
        .filter(|i| !panel.contains(i) && !struck.contains(i) && *i != member)
        .find(|i| needed_group.is_none_or(|m| m.covers(pool[*i].category)));
    let Some(r) = replacement else {
        return Err(match needed_group {
            Some(m) => Problem::fill(T::ThisMemberIsNeededFor, &[&m.label_zh()]),
            None => Problem::of(T::NoAlternatesAreLeft),
        });
    };
    let mut new_panel = remaining;
    new_panel.push(r);
    let pos = |i: &usize| order.iter().position(|x| x == i).unwrap_or(usize::MAX);
    new_panel.sort_by_key(pos);
    Ok((new_panel, r))
}

// ---- the receipt --------------------------------------------------------------------------

/// Everything needed to recompute a draw without the database.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Receipt {
    pub draw_id: i64,
    pub case: String,
    pub kind: String,
    pub created: String,
    pub settings: Settings,
    pub exclusions: Vec<(i64, String)>,
    pub pool: Vec<Candidate>,
    pub pool_hash: String,
    pub nonce: String,
    pub nonce_hash: String,
    pub parties: Vec<PartyInput>,
    pub seed: String,
    /// Representative ids in draw order.
    pub order: Vec<i64>,
    pub panel: Vec<i64>,
    pub strikes: Vec<Strike>,
    pub final_panel: Vec<i64>,
    /// The receipt's format: 1 (the first), 2 (with the parties' commitments). The seed's
    /// protocol (`PROTOCOL`) is the same in both.
    pub format: u32,
    /// Each party's commitment as recorded when it was shown (format 2).
    pub commitments: Vec<String>,
    /// Every earlier draw for the same purpose, voided or abandoned (format 2).
    pub earlier: Vec<Earlier>,
}

/// The receipt format new draws are written in.
pub const RECEIPT_FORMAT: u32 = 2;

/// A text as a JSON string. Most need no escape: those are quoted as they are, without the
/// JSON writer (a receipt of a 10 000 pool quotes 20 000 of them).
fn q(s: &str) -> String {
    if plain(s) {
        let mut out = String::with_capacity(s.len() + 2);
        out.push('"');
        out.push_str(s);
        out.push('"');
        return out;
    }
    serde_json::to_string(s).unwrap_or_default()
}

fn unq(s: &str) -> Result<String, Problem> {
    let t = s.trim();
    // The common case, a string without escapes, without the JSON parser.
    if let Some(inner) = t.strip_prefix('"').and_then(|x| x.strip_suffix('"'))
        && plain(inner)
    {
        return Ok(inner.to_string());
    }
    serde_json::from_str::<String>(t).map_err(|_| bad(&format!("不是带引号的文字：{s}")))
}

/// A text with nothing a JSON string escapes or a reader would distrust: no quote, no
/// backslash, no control character (C0, DEL, C1). One pass over the bytes.
fn plain(s: &str) -> bool {
    let b = s.as_bytes();
    !b.iter().enumerate().any(|(i, &c)| {
        c < 0x20
            || c == 0x7f
            || c == b'"'
            || c == b'\\'
            // C1 controls, U+0080 to U+009F, are C2 80 to C2 9F in UTF-8.
            || (c == 0xc2 && b.get(i + 1).is_some_and(|n| (0x80..=0x9f).contains(n)))
    })
}

fn bad(what: &str) -> Problem {
    Problem::fill(T::ReceiptIsMalformed, &[&what])
}

fn hex_bytes(s: &str) -> Result<Vec<u8>, Problem> {
    let s = s.trim();
    if !s.len().is_multiple_of(2) {
        return Err(bad("十六进制长度不对"));
    }
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).map_err(|_| bad("不是十六进制")))
        .collect()
}

fn ids(v: &[i64]) -> String {
    v.iter()
        .map(|i| i.to_string())
        .collect::<Vec<_>>()
        .join(",")
}

fn parse_ids(s: &str) -> Result<Vec<i64>, Problem> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(vec![]);
    }
    s.split(',')
        .map(|x| {
            x.trim()
                .parse::<i64>()
                .map_err(|_| bad(&format!("编号“{x}”")))
        })
        .collect()
}

const HEADER: &str = "suqiu 抽签凭据 draw receipt";

/// The receipt kind of the members picked at a community visit to report.
pub const KIND_VISIT_MEMBERS: &str = "visit_members";
/// The receipt kind of a unit's random inspection of its members' diaries.
pub const KIND_MEMBER_INSPECTION: &str = "member_inspection";

/// A plain pick of `n` from `pool` (no parties, strikes or minimums), as Party members are
/// picked at a visit or for a unit's inspection: the picked ids and the verified receipt.
#[allow(clippy::too_many_arguments)]
pub fn plain_pick(
    draw_id: i64,
    case: String,
    kind: &str,
    created: &str,
    pool: Vec<Candidate>,
    n: u32,
    nonce: &[u8],
    earlier: Vec<Earlier>,
) -> Result<(Vec<i64>, Receipt), Problem> {
    let settings = Settings {
        panel_size: n,
        alternates: 0,
        strikes_per_party: 0,
        minimums: vec![],
    };
    let ph = pool_hash(&pool);
    let sd = seed(&ph, &case, nonce, &[]);
    let order = order(pool.len(), &sd);
    let picked: Vec<i64> = select(&order, &pool, &settings)
        .iter()
        .map(|i| pool[*i].id)
        .collect();
    let receipt = Receipt {
        draw_id,
        case,
        kind: kind.into(),
        created: created.into(),
        settings,
        exclusions: vec![],
        pool_hash: hex(&ph),
        nonce: hex(nonce),
        nonce_hash: hex(&nonce_hash(nonce)),
        parties: vec![],
        seed: hex(&sd),
        order: order.iter().map(|i| pool[*i].id).collect(),
        pool,
        panel: picked.clone(),
        strikes: vec![],
        final_panel: picked.clone(),
        format: RECEIPT_FORMAT,
        commitments: vec![],
        earlier,
    };
    receipt.verify()?;
    Ok((picked, receipt))
}

impl Receipt {
    /// The printable receipt. The last line is the SHA-256 of everything before it.
    pub fn render(&self) -> String {
        let mut s = self.render_body();
        let digest: [u8; 32] = Sha256::digest(s.as_bytes()).into();
        s.push_str(&format!("receipt_sha256: {}\n", hex(&digest)));
        s
    }

    /// The words of the readable summary: what was drawn. A pick of Party members (at a
    /// visit, or a unit's inspection) says so; a hearing's draw seats a 评理团.
    fn words(&self, legacy: bool) -> (&'static str, &'static str) {
        match self.kind.as_str() {
            _ if legacy => ("群众议事代表抽签凭据", "评理团"),
            KIND_VISIT_MEMBERS => ("在职党员随机抽取凭据（走访汇报）", "抽取党员"),
            KIND_MEMBER_INSPECTION => ("在职党员随机检查调阅凭据", "抽查党员"),
            _ => ("群众议事代表抽签凭据", "评理团"),
        }
    }

    /// Every line of the receipt but the checksum.
    fn render_body(&self) -> String {
        self.render_body_as(false)
    }

    /// `legacy`: the words every receipt had before member picks were labelled as such (the
    /// receipts printed then still verify).
    fn render_body_as(&self, legacy: bool) -> String {
        let (title, group) = self.words(legacy);
        let mut s = String::with_capacity(128 * (self.pool.len() + 32));
        // A readable summary first (comment lines, covered by the checksum like everything else).
        s.push_str(&format!(
            "# {title}  案件 {}  抽签 {}  {}\n",
            self.case, self.draw_id, self.created
        ));
        s.push_str(&format!(
            "# {group} {} 人，候补 {} 人，每方可排除 {} 人\n",
            self.settings.panel_size, self.settings.alternates, self.settings.strikes_per_party
        ));
        for m in &self.settings.minimums {
            s.push_str(&format!("# 最低人数：{}\n", m.label_zh()));
        }
        // A member pick names the member's community, a representatives' draw the category.
        let members = !legacy
            && matches!(
                self.kind.as_str(),
                KIND_VISIT_MEMBERS | KIND_MEMBER_INSPECTION
            );
        let name = |id: i64| {
            self.pool
                .iter()
                .find(|c| c.id == id)
                .map(|c| {
                    format!(
                        "{}（{}）",
                        c.name,
                        if members {
                            c.place.as_str()
                        } else {
                            c.category.zh()
                        }
                    )
                })
                .unwrap_or_default()
        };
        for (i, id) in self.final_panel.iter().enumerate() {
            s.push_str(&format!("# {group} {}：{}\n", i + 1, name(*id)));
        }
        for st in &self.strikes {
            let label = self
                .parties
                .get(st.party)
                .map(|p| p.label.as_str())
                .unwrap_or("");
            s.push_str(&format!(
                "# 排除：{label} 排除 {}，由 {} 递补\n",
                name(st.member),
                name(st.replacement)
            ));
        }
        for e in &self.earlier {
            s.push_str(&format!(
                "# 此前的抽签 {}（{}）：{}，{}\n",
                e.id,
                e.created,
                e.outcome_zh(),
                e.ended
                    .as_deref()
                    .unwrap_or(T::NoReasonRecorded.get(crate::domain::Lang::Zh))
            ));
        }
        s.push_str("# 核验：suqiu draw verify 本文件\n");
        line(&mut s, HEADER, PROTOCOL);
        if self.format >= 2 {
            line(&mut s, "format", &self.format.to_string());
        }
        line(&mut s, "draw", &self.draw_id.to_string());
        line(&mut s, "case", &q(&self.case));
        line(&mut s, "kind", &q(&self.kind));
        line(&mut s, "created", &q(&self.created));
        line(&mut s, "panel_size", &self.settings.panel_size.to_string());
        line(&mut s, "alternates", &self.settings.alternates.to_string());
        line(
            &mut s,
            "strikes_per_party",
            &self.settings.strikes_per_party.to_string(),
        );
        for m in &self.settings.minimums {
            let cats: Vec<&str> = m.categories.iter().map(|c| c.code()).collect();
            line(
                &mut s,
                "minimum",
                &format!("{} {}", m.count, cats.join(",")),
            );
        }
        for (id, reason) in &self.exclusions {
            line(&mut s, "excluded", &format!("{id} {}", q(reason)));
        }
        for c in &self.pool {
            // Written straight into the text: a pool of 10 000 is most of a receipt.
            use std::fmt::Write as _;
            let _ = write!(s, "pool: {} {} ", c.id, c.category.code());
            push_q(&mut s, &c.name);
            s.push(' ');
            push_q(&mut s, &c.place);
            s.push('\n');
        }
        line(&mut s, "pool_hash", &self.pool_hash);
        line(&mut s, "nonce_hash", &self.nonce_hash);
        line(&mut s, "nonce", &self.nonce);
        for (i, p) in self.parties.iter().enumerate() {
            let mut v = format!("{} {} {}", q(&p.label), hex(&p.salt), q(&p.input));
            if self.format >= 2 {
                v.push(' ');
                v.push_str(self.commitments.get(i).map(String::as_str).unwrap_or(""));
            }
            line(&mut s, "party", &v);
        }
        line(&mut s, "seed", &self.seed);
        line(&mut s, "order", &ids(&self.order));
        line(&mut s, "panel", &ids(&self.panel));
        for st in &self.strikes {
            line(
                &mut s,
                "strike",
                &format!("{} {} {}", st.party + 1, st.member, st.replacement),
            );
        }
        line(&mut s, "final_panel", &ids(&self.final_panel));
        for e in &self.earlier {
            line(
                &mut s,
                "earlier",
                &format!(
                    "{} {} {} {} {} {}",
                    e.id,
                    e.state.code(),
                    q(&e.created),
                    q(&e.seed),
                    q(&ids(&e.panel)),
                    q(e.ended.as_deref().unwrap_or(""))
                ),
            );
        }
        s
    }

    /// Reads a receipt. The trailing hash must match every byte before it.
    pub fn parse(text: &str) -> Result<Receipt, Problem> {
        let text = crlf(text);
        let Some(pos) = text.rfind("receipt_sha256: ") else {
            return Err(bad("缺少 receipt_sha256 行"));
        };
        let (body, tail) = text.split_at(pos);
        // What follows the checksum line is the printout's own footer (the audit head when it
        // was printed, checked by `suqiu audit verify --anchor`), never part of the receipt.
        let (stated, after) = tail.split_once('\n').unwrap_or((tail, ""));
        if after
            .lines()
            .any(|l| !l.trim().is_empty() && !l.starts_with('#'))
        {
            return Err(bad("receipt_sha256 行之后只能有以 # 开头的注记"));
        }
        let stated = stated.trim_start_matches("receipt_sha256: ").trim();
        let digest: [u8; 32] = Sha256::digest(body.as_bytes()).into();
        if hex(&digest) != stated {
            return Err(Problem::of(T::ReceiptWasAlteredItsChecksum));
        }
        let mut r = Receipt {
            draw_id: 0,
            case: String::new(),
            kind: String::new(),
            created: String::new(),
            settings: Settings {
                panel_size: 0,
                alternates: 0,
                strikes_per_party: 0,
                minimums: vec![],
            },
            exclusions: vec![],
            pool: vec![],
            pool_hash: String::new(),
            nonce: String::new(),
            nonce_hash: String::new(),
            parties: vec![],
            seed: String::new(),
            order: vec![],
            panel: vec![],
            strikes: vec![],
            final_panel: vec![],
            format: 1,
            commitments: vec![],
            earlier: vec![],
        };
        let num = |v: &str| {
            v.trim()
                .parse::<u32>()
                .map_err(|_| bad(&format!("数字“{v}”")))
        };
        for l in body
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        {
            let (k, v) = l.split_once(": ").ok_or_else(|| bad(&format!("行“{l}”")))?;
            match k {
                HEADER => {
                    if v.trim() != PROTOCOL {
                        return Err(bad(&format!("不认识的协议版本 {v}")));
                    }
                }
                "format" => {
                    r.format = num(v)?;
                    if !(2..=RECEIPT_FORMAT).contains(&r.format) {
                        return Err(bad(&format!("不认识的凭据格式 {v}")));
                    }
                }
                "draw" => r.draw_id = v.trim().parse().map_err(|_| bad("draw"))?,
                "case" => r.case = unq(v)?,
                "kind" => r.kind = unq(v)?,
                "created" => r.created = unq(v)?,
                "panel_size" => r.settings.panel_size = num(v)?,
                "alternates" => r.settings.alternates = num(v)?,
                "strikes_per_party" => r.settings.strikes_per_party = num(v)?,
                "minimum" => {
                    let (count, cats) = v.split_once(' ').ok_or_else(|| bad("minimum"))?;
                    let categories = cats
                        .split(',')
                        .map(|c| {
                            RepCategory::from_code(c.trim())
                                .ok_or_else(|| bad(&format!("类别“{c}”")))
                        })
                        .collect::<Result<Vec<_>, _>>()?;
                    r.settings.minimums.push(Minimum {
                        categories,
                        count: num(count)?,
                    });
                }
                "excluded" => {
                    let (id, reason) = v.split_once(' ').ok_or_else(|| bad("excluded"))?;
                    r.exclusions.push((
                        id.trim().parse().map_err(|_| bad("excluded"))?,
                        unq(reason)?,
                    ));
                }
                "pool" => {
                    let mut it = v.splitn(3, ' ');
                    let id = it
                        .next()
                        .and_then(|x| x.parse().ok())
                        .ok_or_else(|| bad("pool id"))?;
                    let cat = it
                        .next()
                        .and_then(RepCategory::from_code)
                        .ok_or_else(|| bad("pool category"))?;
                    let rest = it.next().ok_or_else(|| bad("pool"))?;
                    // "name" "place": split after the first JSON string.
                    let split = json_string_end(rest).ok_or_else(|| bad("pool name"))?;
                    let name = unq(&rest[..split])?;
                    let place = unq(&rest[split..])?;
                    r.pool.push(Candidate {
                        id,
                        name,
                        category: cat,
                        place,
                    });
                }
                "pool_hash" => r.pool_hash = v.trim().to_string(),
                "nonce_hash" => r.nonce_hash = v.trim().to_string(),
                "nonce" => r.nonce = v.trim().to_string(),
                "party" => {
                    let split = json_string_end(v).ok_or_else(|| bad("party label"))?;
                    let label = unq(&v[..split])?;
                    let rest = v[split..].trim_start();
                    let (salt, rest) = rest.split_once(' ').ok_or_else(|| bad("party"))?;
                    let split = json_string_end(rest).ok_or_else(|| bad("party input"))?;
                    let input = unq(&rest[..split])?;
                    let commitment = rest[split..].trim();
                    if !commitment.is_empty() {
                        r.commitments.push(commitment.to_string());
                    }
                    r.parties.push(PartyInput {
                        label,
                        salt: hex_bytes(salt)?,
                        input,
                    });
                }
                "seed" => r.seed = v.trim().to_string(),
                "order" => r.order = parse_ids(v)?,
                "panel" => r.panel = parse_ids(v)?,
                "strike" => {
                    let p: Vec<&str> = v.split_whitespace().collect();
                    if p.len() != 3 {
                        return Err(bad("strike"));
                    }
                    let party: usize = p[0].parse().map_err(|_| bad("strike party"))?;
                    r.strikes.push(Strike {
                        party: party.checked_sub(1).ok_or_else(|| bad("strike party"))?,
                        member: p[1].parse().map_err(|_| bad("strike member"))?,
                        replacement: p[2].parse().map_err(|_| bad("strike replacement"))?,
                    });
                }
                "final_panel" => r.final_panel = parse_ids(v)?,
                "earlier" => {
                    let (id, rest) = v.split_once(' ').ok_or_else(|| bad("earlier"))?;
                    let (state, rest) = rest.split_once(' ').ok_or_else(|| bad("earlier"))?;
                    let mut texts = vec![];
                    let mut rest = rest;
                    for _ in 0..4 {
                        let end = json_string_end(rest).ok_or_else(|| bad("earlier"))?;
                        texts.push(unq(&rest[..end])?);
                        rest = &rest[end..];
                    }
                    if !rest.trim().is_empty() {
                        return Err(bad("earlier"));
                    }
                    r.earlier.push(Earlier {
                        id: id.parse().map_err(|_| bad("earlier"))?,
                        state: DrawState::from_code(state).ok_or_else(|| bad("earlier state"))?,
                        created: texts[0].clone(),
                        seed: texts[1].clone(),
                        panel: parse_ids(&texts[2])?,
                        ended: Some(texts[3].clone()).filter(|w| !w.is_empty()),
                        used: false,
                    });
                }
                other => return Err(bad(&format!("不认识的行“{other}”"))),
            }
        }
        Ok(r)
    }

    /// Checks a receipt as a whole: it parses, its draw recomputes (`verify`), and every line of
    /// it, the readable summary included, is the line the draw's data gives: a receipt with a
    /// line changed (and its checksum recomputed) is refused naming the line.
    pub fn verify_text(text: &str) -> Result<(Receipt, Vec<i64>), Problem> {
        let r = Receipt::parse(text)?;
        let panel = r.verify()?;
        let text = crlf(text);
        let given = &text[..text.rfind("receipt_sha256: ").unwrap_or(0)];
        let legacy = r.render_body_as(true);
        let rendered = if r.kind != "panel" && given == legacy {
            legacy
        } else {
            r.render_body()
        };
        let expected = rendered.as_str();
        if given != expected {
            let (n, l) = given
                .lines()
                .zip(expected.lines().map(Some).chain(std::iter::repeat(None)))
                .enumerate()
                .find(|(_, (g, e))| Some(*g) != *e)
                .map(|(i, (g, _))| (i + 1, g.to_string()))
                .unwrap_or((given.lines().count() + 1, String::new()));
            return Err(Problem::fill(
                T::ReceiptLinesDiffer,
                &[&n, &crate::domain::text::for_terminal(&l)],
            ));
        }
        Ok((r, panel))
    }

    /// Recomputes the draw from the receipt and compares every stated result.
    /// Returns the final panel, or the first mismatch.
    pub fn verify(&self) -> Result<Vec<i64>, Problem> {
        let mismatch = |what: T| Problem::with(T::Mismatch, vec![Arg::Text(what)]);
        let mismatch_in =
            |what: Problem| Problem::with(T::Mismatch, vec![Arg::Problem(Box::new(what))]);
        if !self.pool.is_sorted_by_key(|c| c.id) {
            return Err(mismatch(T::PoolIsNotInCanonical));
        }
        let ph = pool_hash(&self.pool);
        if hex(&ph) != self.pool_hash {
            return Err(mismatch(T::PoolHash));
        }
        let nonce = hex_bytes(&self.nonce)?;
        if hex(&nonce_hash(&nonce)) != self.nonce_hash {
            return Err(mismatch(T::NonceHash));
        }
        if self.format >= 2
            && (self.commitments.len() != self.parties.len()
                || self
                    .parties
                    .iter()
                    .zip(&self.commitments)
                    .any(|(p, c)| hex(&commitment(&p.salt, &p.input)) != *c))
        {
            return Err(mismatch(T::PartyCommitmentField));
        }
        let sd = seed(&ph, &self.case, &nonce, &self.parties);
        if hex(&sd) != self.seed {
            return Err(mismatch(T::SeedField));
        }
        let ord = order(self.pool.len(), &sd);
        let ord_ids: Vec<i64> = ord.iter().map(|i| self.pool[*i].id).collect();
        if ord_ids != self.order {
            return Err(mismatch(T::Order));
        }
        let mut panel = select(&ord, &self.pool, &self.settings);
        let panel_ids: Vec<i64> = panel.iter().map(|i| self.pool[*i].id).collect();
        if panel_ids != self.panel {
            return Err(mismatch(T::PanelField));
        }
        let mut struck: Vec<usize> = vec![];
        let mut per_party = vec![0u32; self.parties.len()];
        for (n, st) in self.strikes.iter().enumerate() {
            let count = per_party
                .get_mut(st.party)
                .ok_or_else(|| mismatch(T::StrikeParty))?;
            *count += 1;
            if *count > self.settings.strikes_per_party {
                return Err(mismatch_in(Problem::fill(
                    T::NthStrikeOverAllowance,
                    &[&(n + 1)],
                )));
            }
            let member = self
                .pool
                .iter()
                .position(|c| c.id == st.member)
                .ok_or_else(|| mismatch(T::StruckMember))?;
            let (np, r) = strike(&ord, &self.pool, &self.settings, &panel, &struck, member)?;
            if self.pool[r].id != st.replacement {
                return Err(mismatch_in(Problem::fill(
                    T::NthStrikeReplacement,
                    &[&(n + 1)],
                )));
            }
            struck.push(member);
            panel = np;
        }
        let final_ids: Vec<i64> = panel.iter().map(|i| self.pool[*i].id).collect();
        if final_ids != self.final_panel {
            return Err(mismatch(T::FinalPanel));
        }
        if parse_hash(&self.seed).is_none() {
            return Err(mismatch(T::SeedFormat));
        }
        Ok(final_ids)
    }
}

/// Appends a `key: value` line.
fn line(s: &mut String, k: &str, v: &str) {
    s.push_str(k);
    s.push_str(": ");
    s.push_str(v);
    s.push('\n');
}

/// Appends a text as a JSON string (see `q`).
fn push_q(s: &mut String, v: &str) {
    if plain(v) {
        s.push('"');
        s.push_str(v);
        s.push('"');
    } else {
        s.push_str(&serde_json::to_string(v).unwrap_or_default());
    }
}

/// A text with `\r\n` line ends read as `\n` (copied only when it has any).
fn crlf(text: &str) -> std::borrow::Cow<'_, str> {
    if text.contains('\r') {
        std::borrow::Cow::Owned(text.replace("\r\n", "\n"))
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// The byte index just after the first JSON string literal at the start of `s`.
fn json_string_end(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let start = s.len() - s.trim_start().len();
    if b.get(start) != Some(&b'"') {
        return None;
    }
    let mut i = start + 1;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            b'"' => return Some(i + 1),
            _ => i += 1,
        }
    }
    None
}

#[cfg(test)]
mod tests;
