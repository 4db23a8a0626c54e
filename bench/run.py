"""Time duplicate detection and the ordered export at 1k, 10k and 100k sign-ons.

    python bench/run.py [1000 10000 100000] [--sqlite]

Detection and ordering run at the domain level (what the CLI, the page and every export
call); with --sqlite the ordered export also runs through `final_list` on a SQLite database.
"""

import gc
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.generate import sign_ons
from signon.domain import name_parts
from signon.domain.duplicates import Entry, exact_key, find_candidates
from signon.domain.ordering import ORDERINGS, Sortable, ordered
from signon.domain.places import known_places

T0 = datetime(2026, 1, 1, tzinfo=UTC)


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
    rows = list(sign_ons(n))
    # The generated input is not what we time: keep the collector from walking it again
    # and again (gen-2 collections over 100k dicts cost seconds of their own).
    gc.collect()
    gc.freeze()
    name_parts.parts.cache_clear()
    name_parts.latin_key.cache_clear()
    print(f"{n} sign-ons")
    entries, t_exact = timed("exact duplicates (keys)", signatories, rows)
    found, t_candidates = timed("candidate duplicates", find_candidates, entries)
    print(f"  -> {len(entries)} signatories, {len(found)} candidates")
    sortable = [Sortable(e.name, e.country, T0 + timedelta(seconds=e.id), e.id) for e in entries]
    times = {"detection": t_exact + t_candidates}
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
    if 10_000 in results and 100_000 in results:
        a, b = results[10_000], results[100_000]
        print("growth 10k->100k: " + ", ".join(f"{k} {b[k] / a[k]:.1f}x" for k in a))


if __name__ == "__main__":
    main()
