"""Time and peak memory of each export format at 1k, 10k and 100k signatories.

Run by hand from the checkout root:  python bench/export_bench.py [--sizes 1000,10000]
[--formats txt,csv] [--postgres URL]. Each (size, format) runs in a fresh subprocess, so
peaks do not mix; memory is the resident size when the export starts and its peak during the export
(VmHWM, reset just before).
"""

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FORMATS = ["txt", "csv", "json", "md", "html", "xlsx", "docx", "pdf"]
WORDS = [
    "Alliance", "Réseau", "Coalition", "Fondation", "Climate", "Justice", "Solidarité",
    "Forum", "Network", "Союз", "Центр", "Ассоциация", "جمعية", "مركز", "Instituto", "Ação",
]  # fmt: skip
COUNTRIES = ["FR", "DE", "BR", "EG", "RU", "SN", "KE", "IN", "US", "CI", "MA", "UA"]


def _status(field: str) -> float:
    """A memory figure of this process from /proc, in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def reset_peak() -> float:
    """Restart the peak (VmHWM) from the current resident size, and return that size.

    ru_maxrss would carry the parent's peak across fork and exec, so we use /proc.
    """
    Path("/proc/self/clear_refs").write_text("5")
    return _status("VmRSS")


def peak_mb() -> float:
    """Peak resident memory since the last reset, in MB."""
    return _status("VmHWM")


def make_app(url: str):
    from signon import create_app

    return create_app(
        {"DATABASE_URL": url, "SECRET_KEY": "bench", "AUTO_MIGRATE": False,
         "MAIL_BACKGROUND_SENDER": False, "BASE_URL": "https://sign.example.org"}
    )  # fmt: skip


def build(url: str, size: int) -> None:
    """A database with one open letter and `size` approved signatories (bulk inserts)."""
    import sqlalchemy as sa

    from signon.domain.names import name_key
    from signon.letters import services
    from signon.signing.models import Signatory, SignOn
    from signon.storage import database
    from signon.storage.extensions import db

    engine = sa.create_engine(url)
    database.upgrade(engine)
    engine.dispose()
    app = make_app(url)
    rng = random.Random(size)
    with app.app_context():
        letter = services.create_letter(
            "bench", "Benchmark letter", "Dear all,\n\nText.[^1]\n\n[^1]: A note.", open_now=True
        )
        now = datetime(2026, 1, 1, tzinfo=UTC)
        for start in range(0, size, 5000):
            sigs, ons = [], []
            for i in range(start, min(size, start + 5000)):
                name = f"{rng.choice(WORDS)} {rng.choice(WORDS)} {i}"
                country = rng.choice(COUNTRIES)
                kind = "individual" if i % 10 == 0 else "organisation"
                sigs.append({"id": i + 1, "letter_id": letter.id, "country": country, "kind": kind,
                             "name_key": name_key(name), "created_at": now})  # fmt: skip
                ons.append({"letter_id": letter.id, "signatory_id": i + 1, "organisation": name,
                            "acronym": "", "country": country, "website": "https://x.example.org",
                            "contact_name": name if kind == "individual" else f"Contact {i}",
                            "contact_email": f"c{i}@example.org", "role": "Director",
                            "signing_as": kind, "status": "approved",
                            "created_at": now})  # fmt: skip
            db.session.execute(sa.insert(Signatory), sigs)
            db.session.execute(sa.insert(SignOn), ons)
            db.session.commit()


def run_one(url: str, fmt: str) -> dict:
    """Export once in this process and report time and memory."""
    from signon.letters import services
    from signon.roster import formats
    from signon.roster.options import ExportOptions

    app = make_app(url)
    with app.app_context():
        letter = services.get_letter("bench")
        before = reset_peak()
        started = time.perf_counter()
        size = 0
        with tempfile.TemporaryFile() as out:
            for chunk in formats.export(letter, fmt, ExportOptions(country="parentheses")):
                out.write(chunk)
                size += len(chunk)
        seconds = time.perf_counter() - started
    peak = peak_mb()
    return {"seconds": round(seconds, 2), "rss_before_mb": round(before, 1),
            "peak_rss_mb": round(peak, 1), "growth_mb": round(peak - before, 1),
            "bytes": size}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--formats", default=",".join(FORMATS))
    parser.add_argument("--postgres", default=None, help="An empty PostgreSQL database URL.")
    parser.add_argument("--run", nargs=2, metavar=("URL", "FORMAT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.run:
        print(json.dumps(run_one(*args.run)))
        return
    print(f"{'size':>7} {'format':>6} {'seconds':>8} {'base MB':>8} {'peak MB':>8} {'growth':>7}")
    with tempfile.TemporaryDirectory() as tmp:
        for size in (int(s) for s in args.sizes.split(",")):
            url = args.postgres or f"sqlite:///{tmp}/bench-{size}.db"
            if args.postgres:
                subprocess.run([sys.executable, "-c", _RESET, url], check=True)
            build(url, size)
            for fmt in args.formats.split(","):
                out = subprocess.run([sys.executable, __file__, "--run", url, fmt],
                                     capture_output=True, text=True, check=True)  # fmt: skip
                r = json.loads(out.stdout.strip().splitlines()[-1])
                print(f"{size:>7} {fmt:>6} {r['seconds']:>8} {r['rss_before_mb']:>8} "
                      f"{r['peak_rss_mb']:>8} {r['growth_mb']:>7}", flush=True)  # fmt: skip


_RESET = """
import sys, sqlalchemy as sa
e = sa.create_engine(sys.argv[1])
with e.begin() as c:
    c.execute(sa.text("DROP SCHEMA public CASCADE")); c.execute(sa.text("CREATE SCHEMA public"))
"""

if __name__ == "__main__":
    main()
