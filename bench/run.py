"""Time duplicate detection, one arrival's duplicates and the ordered export at 1k, 10k, 100k.

    python bench/run.py [1000 10000 100000] [--db sqlite,postgresql]

Detection and ordering run at the domain level (what the CLI and every export call). One
arrival: the letter's entries are in a key index (`KeyIndex`, what `duplicate_keys` holds),
then ARRIVALS more entries arrive one by one, each timed. With --db the same is measured
through the database (`bench/duplicates_db.py`): one arrival judged by the worker's
catch-up, and the duplicates page before (recomputing every pair) and after (reading).
"""

import gc
import statistics
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.generate import sign_ons
from signon.domain import name_parts
from signon.domain.duplicate_keys import KeyIndex
from signon.domain.duplicates import Entry, exact_key, find_candidates
from signon.domain.ordering import ORDERINGS, Sortable, ordered
from signon.domain.places import known_places

T0 = datetime(2026, 1, 1, tzinfo=UTC)
ARRIVALS = 500  # entries timed one by one after the letter's n


def quantiles(samples: list[float]) -> tuple[float, float]:
    """Median and 95th percentile."""
    ranked = sorted(samples)
    return statistics.median(ranked), ranked[min(len(ranked) - 1, int(len(ranked) * 0.95))]


def arrivals(entries: list[Entry], n: int) -> dict[str, float]:
    """Index the first entries (the letter so far), then time each later arrival."""
    known = [e for e in entries if e.id < n]
    index = KeyIndex()
    start = time.process_time()
    found = sum(len(index.arrive(e)) for e in known)
    build = time.process_time() - start
    samples = []
    for entry in (e for e in entries if e.id >= n):
        # CPU time: the machine is shared, and wall time counts the other processes too.
        start = time.process_time()
        index.arrive(entry)
        samples.append(time.process_time() - start)
    median, p95 = quantiles(samples)
    print(f"  key index of {len(known)} entries: {build:.2f} s CPU, {found} candidates")
    print(f"  one arrival ({len(samples)} timed, CPU): median {median * 1000:.2f} ms,"
          f" p95 {p95 * 1000:.2f} ms")  # fmt: skip
    return {"index": build, "arrival median": median, "arrival p95": p95}


def signatories(rows: list[dict]) -> list[Entry]:
    """Exact duplicates folded together, as the database does on arrival."""
    merged: dict[tuple, dict] = {}
    for i, row in enumerate(rows):
        entry = Entry(i, row["organisation"], row["country"])
        group = merged.setdefault(exact_key(entry), {"first": entry, "rows": []})
        group["rows"].append(row)
    return [
        Entry(
            id=g["first"].id,
            name=g["first"].name,
            country=g["first"].country,
            acronyms=tuple(r["acronym"] for r in g["rows"] if r["acronym"]),
            websites=tuple(r["website"] for r in g["rows"] if r["website"]),
            emails=tuple(r["contact_email"] for r in g["rows"]),
        )
        for g in merged.values()
    ]


def timed(label: str, func, *args):
    """Run and print wall time and CPU time (the latter is what counts on a shared machine)."""
    start, cpu = time.perf_counter(), time.process_time()
    result = func(*args)
    elapsed, used = time.perf_counter() - start, time.process_time() - cpu
    print(f"  {label:<38} {elapsed:7.2f} s wall {used:7.2f} s CPU")
    return result, used


def run(n: int) -> dict[str, float]:
    """One size: returns the timings."""
    rows = list(sign_ons(n + ARRIVALS))
    # The generated input is not what we time: keep the collector from walking it again
    # and again (gen-2 collections over 100k dicts cost seconds of their own).
    gc.collect()
    gc.freeze()
    name_parts.parts.cache_clear()
    name_parts.latin_key.cache_clear()
    print(f"{n} sign-ons")
    entries, t_exact = timed("exact duplicates (keys)", signatories, rows)
    letter = [e for e in entries if e.id < n]
    found, t_candidates = timed("candidate duplicates", find_candidates, letter)
    print(f"  -> {len(letter)} signatories, {len(found)} candidates")
    kept = arrivals(entries, n)
    entries = letter
    sortable = [Sortable(e.name, e.country, T0 + timedelta(seconds=e.id), e.id) for e in entries]
    times = {"detection": t_exact + t_candidates, **kept}
    for ordering in ORDERINGS:
        _, times[ordering] = timed(f"ordered export: {ordering}", ordered, sortable, ordering,
                                   lambda s: s, "fr")  # fmt: skip
    return times


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:] if a.isdigit()] or [1000, 10_000, 100_000]
    _, load = timed("place names table (once per process)", known_places)
    results = {n: run(n) for n in sizes}
    print("\nCPU seconds\nsize      detection  " + "  ".join(f"{o:>14}" for o in ORDERINGS))
    for n, t in results.items():
        print(f"{n:<9} {t['detection']:8.2f} s " + "  ".join(f"{t[o]:12.2f} s" for o in ORDERINGS))
    print("\nOne arrival's candidates (key index, CPU)\nsize      median      p95")
    for n, t in results.items():
        print(f"{n:<9} {t['arrival median'] * 1000:6.2f} ms {t['arrival p95'] * 1000:6.2f} ms")
    if 10_000 in results and 100_000 in results:
        a, b = results[10_000], results[100_000]
        print("growth 10k->100k: " + ", ".join(f"{k} {b[k] / a[k]:.1f}x" for k in a))


if __name__ == "__main__":
    main()
