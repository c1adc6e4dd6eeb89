#!/usr/bin/env python3
"""Prints the benchmark figures (criterion's mean estimates) as one table per shape: the warm
figure, the floor beside it where there is one (the least any plan does for the same rows), the
ratio, the cold-cache figure, and the target (issues 2, 4 and 9)."""
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


def ms(v):
    if v is None:
        return "—"
    if v >= 1000:
        return f"{v / 1000:.2f} s"
    return f"{v:.3f} ms" if v < 10 else f"{v:.1f} ms"


def ok(value, target, cold=None, cold_target=None, ratio=None, ratio_target=None):
    bad = []
    if target is not None and value is not None and value >= target:
        bad.append("warm")
    if cold_target is not None and cold is not None and cold >= cold_target:
        bad.append("cold")
    if ratio_target is not None and ratio is not None and ratio > ratio_target:
        bad.append("ratio")
    return "ok" if not bad else "OVER (" + ", ".join(bad) + ")"


def header(title):
    print()
    print(f"### {title}")
    print()
    print("| benchmark | warm | floor | ratio | cold | target | |")
    print("|---|---:|---:|---:|---:|---|---|")


def line(name, warm, floor=None, cold=None, target=None, cold_target=None, ratio_target=None):
    if warm is None and cold is None:
        return  # not measured in this run
    ratio = warm / floor if (warm is not None and floor) else None
    t = []
    if target is not None:
        t.append(f"< {target:g} ms")
    if cold_target is not None:
        t.append(f"cold < {cold_target:g} ms")
    if ratio_target is not None:
        t.append(f"≤ {ratio_target:g}× floor")
    print(
        f"| {name} | {ms(warm)} | {ms(floor)} | {'' if ratio is None else f'{ratio:.2f}×'} "
        f"| {ms(cold)} | {', '.join(t)} | {ok(warm, target, cold, cold_target, ratio, ratio_target)} |"
    )


over_pages = {}
shapes = sorted({k.split("/", 1)[0] for k in rows if k.split("/", 1)[0] in ("history", "city")})
for shape in shapes:
    g = lambda k: rows.get(f"{shape}/{k}")  # noqa: E731
    header(f"{shape}")
    line("open the file to the first frame (sign-in)", g("desk/open_to_first_frame"), target=200)
    line(
        "open to the first desk frame (counts, queue page 1)",
        g("desk/open_to_first_desk_frame"),
        cold=g("desk/open_to_first_desk_frame/cold"),
        target=200,
    )
    pages = {k: v for k, v in rows.items() if k.startswith(f"{shape}/queue_page/") and not k.endswith("/cold")}
    if pages:
        floors = {k: rows.get(k.replace("/queue_page/", "/floor/queue_page/")) for k in pages}
        worst = max(pages, key=pages.get)
        name = worst[len(f"{shape}/queue_page/"):]
        line(f"queue page, slowest of {len(pages)} ({name})", pages[worst], floors[worst], target=5, ratio_target=2)
        ratios = {k: pages[k] / floors[k] for k in pages if floors[k]}
        if ratios:
            w = max(ratios, key=ratios.get)
            line(
                f"queue page, furthest from its floor ({w[len(f'{shape}/queue_page/'):]})",
                pages[w],
                floors[w],
                target=5,
                ratio_target=2,
            )
        median = sorted(pages.values())[len(pages) // 2]
        line("queue page, median", median, target=5)
        over = sorted((r, k[len(f"{shape}/queue_page/"):]) for k, r in ratios.items() if r > 2)
        over_pages[shape] = over
        print(
            f"| queue pages over 2× their floor | {len(over)} of {len(ratios)} | | | | none | "
            f"{'ok' if not over else 'OVER'} |"
        )
        line(
            "default page (在办 by deadline)",
            g("queue_page/first/Open/Due/none"),
            g("floor/queue_page/first/Open/Due/none"),
            cold=g("queue_page_cold/first/Open/Due/none"),
            target=5,
            cold_target=50,
            ratio_target=2,
        )
    colds = {k: v for k, v in rows.items() if k.startswith(f"{shape}/queue_page_cold/")}
    if colds:
        worst = max(colds, key=colds.get)
        line(
            f"queue page with a cold cache, slowest of {len(colds)} first pages ({worst[len(f'{shape}/queue_page_cold/'):]})",
            None,
            cold=colds[worst],
            cold_target=50,
        )
        line("queue page with a cold cache, median", None, cold=sorted(colds.values())[len(colds) // 2], cold_target=50)
    line("status bar counts", g("counts/status_bar"), cold=g("counts/status_bar/cold"), target=5)
    line("board: four columns (count, overdue, first rows)", g("counts/board_columns"), cold=g("counts/board_columns/cold"), target=5 * 4)
    for scope in ("Open", "Closed", "All"):
        line(f"queue count, {scope} (capped 10 000, after the page)", g(f"counts/queue/{scope}"))
        line(f"queue count, {scope}, department + channel", g(f"counts/queue/{scope}/dept_and_channel"))
    for key, label, target, cold_target in [
        ("two_chars_common", "search 物业 (2 characters)", 50, 300),
        ("two_chars_rare", "search 油烟 (2 characters)", 50, 300),
        ("three_chars", "search 物业费 (3 characters)", 20, None),
        ("long_phrase", "search 未经业主同意", 20, None),
        ("initials", "search zjg (initials)", 20, None),
        ("number", "search a ticket number", 20, None),
        ("mobile_prefix", "search a mobile prefix", 20, None),
    ]:
        for scope in ("Open", "Closed", "All"):
            base = f"search/{key}/{scope}"
            if g(base) is None:
                continue
            line(
                f"{label}, {scope}: page",
                g(base),
                g(f"floor/{base}"),
                cold=g(f"{base}/cold"),
                target=target,
                cold_target=cold_target,
            )
            line(f"{label}, {scope}: its count (capped 1 000)", g(f"{base}/count"), cold=g(f"{base}/count/cold"))
    for which in ("newest", "oldest"):
        line(f"detail open, the {which} ticket", g(f"desk/detail_open/{which}"), cold=g(f"desk/detail_open/{which}/cold"), target=5)
    line("render the queue pane at 160×45", g("desk/render_queue_160x45"), target=5)
    line("render the board at 160×45", g("desk/render_board_160x45"), target=5)
    line(
        "`audit verify` (chain, replay, tallies)",
        g("batch/audit_verify"),
        g("batch/floor/audit_log_scan"),
        ratio_target=1.5,
    )
    line("CSV export of every ticket", g("batch/export_csv"), g("batch/floor/sqlite3_csv"), ratio_target=1.5)

for shape, over in over_pages.items():
    if over:
        print()
        print(f"Queue pages of {shape} over 2× their floor: " + ", ".join(f"{n} ({r:.1f}×)" for r, n in reversed(over)) + ".")

header("other (history shape or own data)")
line("a transition committed (progress note, audited)", rows.get("transition/commit_progress_note"), target=5)
line("a panel drawn from a pool of 10 000", rows.get("draw/pool_10000_with_minimums"), target=5)
line("`draw verify` of a 10 000-pool receipt", rows.get("draw/verify_receipt_pool_10000"), target=5)
roster = {k: v for k, v in rows.items() if k.startswith("roster_page_10000/")}
if roster:
    worst = max(roster, key=roster.get)
    line(f"roster page at 10 000: slowest of {len(roster)} ({worst.split('/', 1)[1]})", roster[worst], target=5)
line("a year of visits planned, 30 leaders", rows.get("visits/plan_year_30_leaders"), target=5)
line("members' quarterly coverage, 10 000 households", rows.get("members/quarterly_coverage_10000_households"), target=20)
for key, value in rows.items():
    if key.startswith("visits/ledger_5_years_"):
        line(f"a leader's ledger over 5 years ({key.split('_')[-2]} tickets)", value, target=5)
mem = root / "bench-data" / "memory.json"
if mem.exists():
    m = json.loads(mem.read_text())
    rss = m["rss_kb"] / 1024
    print(f"| the desk's resident memory (peak {m['hwm_kb'] / 1024:.1f} MB) | {rss:.1f} MB | | | | < 100 MB | {'ok' if m['hwm_kb'] / 1024 < 100 else 'OVER'} |")
