#!/usr/bin/env python3
"""An independent check of suqiu's audit chain, written from docs/audit.md alone (standard
library only). It reads the database read-only and never trusts suqiu's code.

    scripts/verify-audit.py DB [--anchor N:HASH ...]   exit 0 intact, 1 broken or anchor fails
    scripts/verify-audit.py --vectors                  print the test vectors of docs/audit.md
"""
import hashlib
import json
import sqlite3
import sys

GENESIS = bytes(32)
TAGS = {1: b"suqiu-audit-v1", 2: b"suqiu-audit-v2"}
UPGRADE_KIND = "audit_chain_v2"


def field(value):
    b = value.encode("utf-8")
    return len(b).to_bytes(4, "big") + b


def opt(v):
    return "" if v is None else str(v)


def canonical(e):
    if e["chain"] == 1:
        names = ["at", "actor", "subject", "kind", "from_state", "to_state", "note", "payload"]
        values = [str(e["id"])] + [e[n] for n in names]
    elif e["chain"] == 2:
        values = [
            str(e["id"]), e["at"], e["actor"], opt(e["actor_id"]), e["subject"],
            opt(e["ticket_id"]), opt(e["department_id"]), e["kind"], e["from_state"],
            e["to_state"], e["note"], e["payload"],
        ]
    else:
        raise ValueError("unknown chain version %r" % e["chain"])
    return TAGS[e["chain"]] + b"".join(field(v) for v in values)


def link(prev, e):
    return hashlib.sha256(prev + canonical(e)).digest()


def vectors():
    e = {
        "id": 1, "chain": 1, "at": "2026-11-26 09:00:00", "actor": "王芳", "actor_id": 3,
        "subject": "ticket:2026-000001", "ticket_id": 1, "department_id": None,
        "kind": "draft", "from_state": "registered", "to_state": "drafted", "note": "x",
        "payload": '{"classification":"forward"}',
    }
    h1 = link(GENESIS, e)
    e2 = dict(e, id=2, chain=2)
    h2 = link(h1, e2)
    print("v1 event 1 on genesis:", h1.hex())
    print("v2 event 2 on that:   ", h2.hex())


def verify(path, anchors):
    db = sqlite3.connect("file:%s?mode=ro" % path, uri=True)
    db.row_factory = sqlite3.Row
    prev, last, version, count = GENESIS, 0, 0, 0
    seen = {}
    broken = None
    for r in db.execute("SELECT * FROM audit_log ORDER BY id"):
        e = dict(r)
        seen[e["id"]] = e["hash"]
        if broken:
            continue
        why = None
        if e["id"] <= last:
            why = "sequence does not increase"
        elif e["chain"] not in TAGS:
            why = "unknown chain version %r" % e["chain"]
        elif e["chain"] < version:
            why = "chain version goes back"
        elif e["chain"] == 2 and version == 1:
            p = json.loads(e["payload"] or "{}")
            if not (e["kind"] == UPGRADE_KIND and p.get("head_seq") == str(last)
                    and p.get("head_hash") == prev.hex()):
                why = "version 2 does not start with the upgrade event naming the old head"
        if why is None and e["prev_hash"] != prev.hex():
            why = "previous hash does not match the event before"
        if why is None:
            h = link(prev, e)
            if h.hex() != e["hash"]:
                why = "content does not match its hash"
        if why:
            broken = (e["id"], why)
            continue
        prev, last, version, count = h, e["id"], e["chain"], count + 1
    code = 0
    if broken:
        print("BROKEN at event %d: %s" % broken)
        code = 1
    else:
        print("intact: %d events, head %d %s" % (count, last, prev.hex()))
    for a in anchors:
        n, _, h = a.replace(" ", ":", 1).partition(":")
        n = int(n)
        if n not in seen:
            print("anchor %d FAILS: event %d is missing (log ends at %d)" % (n, n, max(seen or [0])))
            code = 1
        elif seen[n] != h.lower():
            print("anchor %d FAILS: event %d hashes to %s" % (n, n, seen[n]))
            code = 1
        else:
            print("anchor %d holds" % n)
    return code


def main(argv):
    if argv[1:] == ["--vectors"]:
        vectors()
        return 0
    if len(argv) < 2:
        print(__doc__)
        return 2
    anchors, args = [], argv[2:]
    while args:
        if args[0] == "--anchor" and len(args) > 1:
            anchors.append(args[1])
            args = args[2:]
        else:
            print("unknown argument %r" % args[0])
            return 2
    return verify(argv[1], anchors)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
