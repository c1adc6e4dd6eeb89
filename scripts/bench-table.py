#!/usr/bin/env python3
"""Prints the benchmark figures (criterion's mean estimates) against the targets of issues 2–4."""
import json
import pathlib
import sys

root = pathlib.Path(__file__).resolve().parent.parent / "target"
crit = root / "criterion"

def results():
    for est in crit.glob("**/new/estimates.json"):
        bench = json.loads((est.parent / "benchmark.json").read_text())
        mean = json.loads(est.read_text())["mean"]["point_estimate"] / 1e6  # ns -> ms
        yield bench["full_id"], mean

rows = dict(results())
if not rows:
    sys.exit("no criterion results under target/criterion; run scripts/bench first")

def line(name, value, target):
    ok = "ok" if value < target else "OVER"
    print(f"| {name:<58} | {value:9.3f} ms | < {target:g} ms | {ok} |")

print(f"| {'benchmark':<58} | {'mean':>12} | {'target':>8} | |")
print(f"|{'-'*60}|{'-'*14}|{'-'*10}|----|")
for key, target in [
    ("desk/open_to_first_frame", 200),
    ("desk/open_to_first_desk_frame", 200),
    ("desk/render_queue_160x45", 5),
    ("desk/render_board_160x45", 5),
    ("transition/commit_progress_note", 5),
]:
    if key in rows:
        line(key, rows[key], target)
pages = {k: v for k, v in rows.items() if k.startswith("queue_page/")}
if pages:
    worst = max(pages, key=pages.get)
    line(f"queue_page: slowest of {len(pages)} ({worst[len('queue_page/'):]})", pages[worst], 5)
    median = sorted(pages.values())[len(pages) // 2]
    line("queue_page: median", median, 5)
for key, target in [
    ("search/two_chars_common", 50),
    ("search/two_chars_rare", 50),
    ("search/initials", 50),
    ("search/mobile_prefix", 50),
    ("search/number", 20),
    ("search/three_chars", 20),
    ("search/long_phrase", 20),
]:
    if key in rows:
        line(key, rows[key], target)
for key, target in [
    ("draw/pool_10000_with_minimums", 5),
    ("draw/verify_receipt_pool_10000", 5),
]:
    if key in rows:
        line(key, rows[key], target)
roster = {k: v for k, v in rows.items() if k.startswith("roster_page_10000/")}
if roster:
    worst = max(roster, key=roster.get)
    line(f"roster page at 10 000: slowest of {len(roster)} ({worst.split('/', 1)[1]})", roster[worst], 5)
for key, target in [
    ("visits/plan_year_30_leaders", 5),
    ("members/quarterly_coverage_10000_households", 20),
]:
    if key in rows:
        line(key, rows[key], target)
ledger = {k: v for k, v in rows.items() if k.startswith("visits/ledger_5_years_")}
for key, value in ledger.items():
    line(key, value, 20)
mem = root / "bench-data" / "memory.json"
if mem.exists():
    m = json.loads(mem.read_text())
    rss = m["rss_kb"] / 1024
    print(f"| {'memory/desk_rss (peak ' + format(m['hwm_kb'] / 1024, '.1f') + ' MB)':<58} | {rss:9.1f} MB | < 100 MB | {'ok' if m['hwm_kb'] / 1024 < 100 else 'OVER'} |")
