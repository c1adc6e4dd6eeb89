#!/usr/bin/env python3
"""A second implementation of suqiu's draw, written from docs/draw-protocol.md alone (Python
standard library only: no suqiu code, no third-party package). It recomputes a receipt from
its inputs and checks every line of it.

    scripts/verify-receipt.py RECEIPT...    exit 0 when every receipt verifies, 1 otherwise
"""
import hashlib
import json
import struct
import sys

PROTOCOL = "suqiu-draw-v1"
HEADER = "suqiu 抽签凭据 draw receipt"
CATEGORY_ZH = {
    "party_deputy": "党代表",
    "npc_deputy": "人大代表",
    "cppcc_member": "政协委员",
    "legal_professional": "法律政策专业人员",
    "public_figure": "社会人士",
    "resident_rep": "居民代表",
    "villager_rep": "村民代表",
}


class Bad(Exception):
    pass


# ---- hashing -------------------------------------------------------------------------------

def put(h, b):
    if isinstance(b, str):
        b = b.encode("utf-8")
    h.update(struct.pack(">I", len(b)))
    h.update(b)


def pool_hash(pool):
    h = hashlib.sha256()
    put(h, "suqiu-pool-v1")
    h.update(struct.pack(">I", len(pool)))
    for c in pool:
        put(h, str(c["id"]))
        put(h, c["name"])
        put(h, c["category"])
        put(h, c["place"])
    return h.digest()


def nonce_hash(nonce):
    h = hashlib.sha256()
    put(h, "suqiu-nonce-v1")
    put(h, nonce)
    return h.digest()


def commitment(salt, text):
    h = hashlib.sha256()
    put(h, "suqiu-commit-v1")
    put(h, salt)
    put(h, text)
    return h.digest()


def seed(ph, case, nonce, parties):
    h = hashlib.sha256()
    put(h, PROTOCOL)
    put(h, ph)
    put(h, case)
    put(h, nonce)
    h.update(struct.pack(">I", len(parties)))
    for p in parties:
        put(h, p["label"])
        put(h, p["input"])
    return h.digest()


# ---- ChaCha20 (RFC 8439 block function; key = seed, nonce = 0, counter from 0) ---------------

MASK = 0xFFFFFFFF


def rotl(x, n):
    return ((x << n) & MASK) | (x >> (32 - n))


def quarter(s, a, b, c, d):
    s[a] = (s[a] + s[b]) & MASK
    s[d] = rotl(s[d] ^ s[a], 16)
    s[c] = (s[c] + s[d]) & MASK
    s[b] = rotl(s[b] ^ s[c], 12)
    s[a] = (s[a] + s[b]) & MASK
    s[d] = rotl(s[d] ^ s[a], 8)
    s[c] = (s[c] + s[d]) & MASK
    s[b] = rotl(s[b] ^ s[c], 7)


def block(key, counter):
    init = [0x61707865, 0x3320646E, 0x79622D32, 0x6B206574]
    init += list(struct.unpack("<8I", key))
    init += [counter & MASK, counter >> 32, 0, 0]
    s = list(init)
    for _ in range(10):
        quarter(s, 0, 4, 8, 12)
        quarter(s, 1, 5, 9, 13)
        quarter(s, 2, 6, 10, 14)
        quarter(s, 3, 7, 11, 15)
        quarter(s, 0, 5, 10, 15)
        quarter(s, 1, 6, 11, 12)
        quarter(s, 2, 7, 8, 13)
        quarter(s, 3, 4, 9, 14)
    return struct.pack("<16I", *[(a + b) & MASK for a, b in zip(s, init)])


class Stream:
    """64-bit words: each the next 8 keystream bytes, little-endian."""

    def __init__(self, key):
        self.key, self.counter, self.buf = key, 0, b""

    def next_u64(self):
        while len(self.buf) < 8:
            self.buf += block(self.key, self.counter)
            self.counter += 1
        x, self.buf = struct.unpack("<Q", self.buf[:8])[0], self.buf[8:]
        return x


def below(rng, n):
    threshold = (2**64 - n) % n
    while True:
        x = rng.next_u64()
        if x >= threshold:
            return x % n


def order(n, sd):
    rng = Stream(sd)
    v = list(range(n))
    for i in range(n - 1, 0, -1):
        j = below(rng, i + 1)
        v[i], v[j] = v[j], v[i]
    return v


# ---- panel, strikes ------------------------------------------------------------------------

def select(order_, pool, settings):
    chosen = []
    for count, cats in settings["minimums"]:
        have = 0
        for i in order_:
            if have >= count:
                break
            if pool[i]["category"] in cats and i not in chosen:
                chosen.append(i)
                have += 1
    for i in order_:
        if len(chosen) >= settings["panel_size"]:
            break
        if i not in chosen:
            chosen.append(i)
    return sorted(chosen, key=order_.index)


def strike(order_, pool, settings, panel, struck, member):
    if member not in panel:
        raise Bad("a struck member is not on the panel")
    remaining = [i for i in panel if i != member]
    needed = None
    for count, cats in settings["minimums"]:
        if pool[member]["category"] in cats and sum(
            1 for i in remaining if pool[i]["category"] in cats
        ) < count:
            needed = cats
            break
    for i in order_:
        if i in panel or i in struck or i == member:
            continue
        if needed is None or pool[i]["category"] in needed:
            return sorted(remaining + [i], key=order_.index), i
    raise Bad("no alternate can replace a struck member")


# ---- the receipt ---------------------------------------------------------------------------

def q(s):
    return json.dumps(s, ensure_ascii=False)


def take_string(s):
    """The first JSON string at the start of s, and the rest."""
    s = s.lstrip()
    dec = json.JSONDecoder()
    value, end = dec.raw_decode(s)
    if not isinstance(value, str):
        raise Bad("expected a quoted text: " + s)
    return value, s[end:]


def ids(s):
    s = s.strip()
    return [int(x) for x in s.split(",")] if s else []


def parse(text):
    text = text.replace("\r\n", "\n")
    pos = text.rfind("receipt_sha256: ")
    if pos < 0:
        raise Bad("no receipt_sha256 line")
    body, tail = text[:pos], text[pos:]
    stated, _, after = tail.partition("\n")
    if any(l.strip() and not l.startswith("#") for l in after.split("\n")):
        raise Bad("only # lines may follow the checksum")
    if hashlib.sha256(body.encode("utf-8")).hexdigest() != stated[len("receipt_sha256: "):].strip():
        raise Bad("the checksum does not match: the receipt was changed")
    r = {"format": 1, "minimums": [], "excluded": [], "pool": [], "parties": [],
         "commitments": [], "strikes": [], "earlier": []}
    for line in body.split("\n"):
        if not line.strip() or line.startswith("#"):
            continue
        k, sep, v = line.partition(": ")
        if not sep:
            raise Bad("line without a key: " + line)
        if k == HEADER:
            if v.strip() != PROTOCOL:
                raise Bad("unknown protocol " + v)
        elif k == "format":
            r["format"] = int(v)
        elif k in ("draw", "panel_size", "alternates", "strikes_per_party"):
            r[k] = int(v)
        elif k in ("case", "kind", "created"):
            r[k] = take_string(v)[0]
        elif k == "minimum":
            count, cats = v.split(" ", 1)
            r["minimums"].append((int(count), cats.strip().split(",")))
        elif k == "excluded":
            n, reason = v.split(" ", 1)
            r["excluded"].append((int(n), take_string(reason)[0]))
        elif k == "pool":
            n, cat, rest = v.split(" ", 2)
            name, rest = take_string(rest)
            place, _ = take_string(rest)
            r["pool"].append({"id": int(n), "category": cat, "name": name, "place": place})
        elif k in ("pool_hash", "nonce_hash", "nonce", "seed"):
            r[k] = v.strip()
        elif k == "party":
            label, rest = take_string(v)
            salt, rest = rest.strip().split(" ", 1)
            inp, rest = take_string(rest)
            r["parties"].append({"label": label, "salt": bytes.fromhex(salt), "input": inp})
            if rest.strip():
                r["commitments"].append(rest.strip())
        elif k in ("order", "panel", "final_panel"):
            r[k] = ids(v)
        elif k == "strike":
            p, m, rep = v.split()
            r["strikes"].append((int(p) - 1, int(m), int(rep)))
        elif k == "earlier":
            n, state, rest = v.split(" ", 2)
            texts = []
            for _ in range(4):
                t, rest = take_string(rest)
                texts.append(t)
            if rest.strip():
                raise Bad("earlier: " + line)
            r["earlier"].append({"id": int(n), "state": state, "created": texts[0],
                                 "seed": texts[1], "panel": texts[2], "why": texts[3]})
        else:
            raise Bad("unknown line: " + line)
    return r, body


WORDS = {
    "visit_members": ("在职党员随机抽取凭据（走访汇报）", "抽取党员"),
    "member_inspection": ("在职党员随机检查调阅凭据", "抽查党员"),
}
LEGACY = ("群众议事代表抽签凭据", "评理团")


def render(r, legacy=False):
    title, group = LEGACY if legacy else WORDS.get(r["kind"], LEGACY)
    s = "# %s  案件 %s  抽签 %d  %s\n" % (title, r["case"], r["draw"], r["created"])
    s += "# %s %d 人，候补 %d 人，每方可排除 %d 人\n" % (
        group, r["panel_size"], r["alternates"], r["strikes_per_party"])
    for count, cats in r["minimums"]:
        s += "# 最低人数：%s 至少 %d 人\n" % ("/".join(CATEGORY_ZH[c] for c in cats), count)
    by_id = {c["id"]: c for c in r["pool"]}

    members = not legacy and r["kind"] in WORDS

    def name(i):
        c = by_id.get(i)
        if not c:
            return ""
        # A member pick names the member's community, a representatives' draw the category.
        return "%s（%s）" % (c["name"], c["place"] if members else CATEGORY_ZH[c["category"]])

    for i, m in enumerate(r["final_panel"]):
        s += "# %s %d：%s\n" % (group, i + 1, name(m))
    for p, m, rep in r["strikes"]:
        label = r["parties"][p]["label"] if p < len(r["parties"]) else ""
        s += "# 排除：%s 排除 %s，由 %s 递补\n" % (label, name(m), name(rep))
    for e in r["earlier"]:
        s += "# 此前的抽签 %d（%s）：%s，%s\n" % (
            e["id"], e["created"], "已作废" if e["state"] == "final" else "未定稿即放弃",
            e["why"] or "未记录理由")
    s += "# 核验：suqiu draw verify 本文件\n"
    s += "%s: %s\n" % (HEADER, PROTOCOL)
    if r["format"] >= 2:
        s += "format: %d\n" % r["format"]
    s += "draw: %d\ncase: %s\nkind: %s\ncreated: %s\n" % (
        r["draw"], q(r["case"]), q(r["kind"]), q(r["created"]))
    s += "panel_size: %d\nalternates: %d\nstrikes_per_party: %d\n" % (
        r["panel_size"], r["alternates"], r["strikes_per_party"])
    for count, cats in r["minimums"]:
        s += "minimum: %d %s\n" % (count, ",".join(cats))
    for n, reason in r["excluded"]:
        s += "excluded: %d %s\n" % (n, q(reason))
    for c in r["pool"]:
        s += "pool: %d %s %s %s\n" % (c["id"], c["category"], q(c["name"]), q(c["place"]))
    s += "pool_hash: %s\nnonce_hash: %s\nnonce: %s\n" % (r["pool_hash"], r["nonce_hash"], r["nonce"])
    for i, p in enumerate(r["parties"]):
        s += "party: %s %s %s" % (q(p["label"]), p["salt"].hex(), q(p["input"]))
        if r["format"] >= 2:
            s += " " + (r["commitments"][i] if i < len(r["commitments"]) else "")
        s += "\n"
    s += "seed: %s\n" % r["seed"]
    for k in ("order", "panel"):
        s += "%s: %s\n" % (k, ",".join(str(i) for i in r[k]))
    for p, m, rep in r["strikes"]:
        s += "strike: %d %d %d\n" % (p + 1, m, rep)
    s += "final_panel: %s\n" % ",".join(str(i) for i in r["final_panel"])
    for e in r["earlier"]:
        s += "earlier: %d %s %s %s %s %s\n" % (
            e["id"], e["state"], q(e["created"]), q(e["seed"]), q(e["panel"]), q(e["why"]))
    return s


def verify(text):
    r, body = parse(text)
    pool = r["pool"]
    if [c["id"] for c in pool] != sorted(c["id"] for c in pool):
        raise Bad("the pool is not in id order")
    ph = pool_hash(pool)
    if ph.hex() != r["pool_hash"]:
        raise Bad("pool hash")
    nonce = bytes.fromhex(r["nonce"])
    if nonce_hash(nonce).hex() != r["nonce_hash"]:
        raise Bad("nonce hash")
    if r["format"] >= 2:
        if len(r["commitments"]) != len(r["parties"]):
            raise Bad("a party without its commitment")
        for p, c in zip(r["parties"], r["commitments"]):
            if commitment(p["salt"], p["input"]).hex() != c:
                raise Bad("the input of %s is not the one committed" % p["label"])
    sd = seed(ph, r["case"], nonce, r["parties"])
    if sd.hex() != r["seed"]:
        raise Bad("seed")
    o = order(len(pool), sd)
    if [pool[i]["id"] for i in o] != r["order"]:
        raise Bad("order")
    settings = {"panel_size": r["panel_size"], "minimums": r["minimums"]}
    panel = select(o, pool, settings)
    if [pool[i]["id"] for i in panel] != r["panel"]:
        raise Bad("panel")
    index = {c["id"]: i for i, c in enumerate(pool)}
    struck, used = [], [0] * len(r["parties"])
    for n, (p, m, rep) in enumerate(r["strikes"]):
        if p >= len(used):
            raise Bad("strike %d: no such party" % (n + 1))
        used[p] += 1
        if used[p] > r["strikes_per_party"]:
            raise Bad("strike %d: over the party's allowance" % (n + 1))
        if m not in index:
            raise Bad("strike %d: not in the pool" % (n + 1))
        panel, i = strike(o, pool, settings, panel, struck, index[m])
        if pool[i]["id"] != rep:
            raise Bad("strike %d: replacement" % (n + 1))
        struck.append(index[m])
    final = [pool[i]["id"] for i in panel]
    if final != r["final_panel"]:
        raise Bad("final panel")
    if render(r) != body and not (r["kind"] != "panel" and render(r, legacy=True) == body):
        given, expected = body.split("\n"), render(r).split("\n")
        for n, (g, e) in enumerate(zip(given, expected + [""] * len(given))):
            if g != e:
                raise Bad("line %d does not follow from the draw: %s" % (n + 1, g))
        raise Bad("the receipt has lines the draw does not give")
    return r, final


def main(paths):
    if not paths:
        print(__doc__)
        return 2
    code = 0
    for path in paths:
        try:
            with open(path, encoding="utf-8") as f:
                r, final = verify(f.read())
            names = {c["id"]: c["name"] for c in r["pool"]}
            print("%s: OK, draw %d: %s" % (path, r["draw"], "、".join(names[i] for i in final)))
        except (Bad, ValueError, KeyError, IndexError) as e:
            print("%s: FAILS: %s" % (path, e))
            code = 1
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
