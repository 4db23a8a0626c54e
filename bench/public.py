"""Public endpoints of a big published letter, timed one request at a time under gunicorn.

    python bench/public.py [--names 5000] [--requests 10]

Medians in ms of: the letter's JSON and its 304, the list page and a search, the public
downloads. One worker, SQLite, limits off: what one request costs, not throughput.
"""

import argparse
import statistics
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import sqlalchemy as sa

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.data import add_letter, add_signatories, create_database  # noqa: E402
from bench.load import Server  # noqa: E402
from signon.letters.models import Letter  # noqa: E402

PATHS = (
    "/letters/big.json",
    "/letters/big/signatories",
    "/letters/big/signatories?q=a",
    "/letters/big/signatories.txt",
    "/letters/big/signatories.json",
    "/letters/big/signatories.pdf",
)


def timed(url: str, headers: dict[str, str]) -> tuple[float, int, str]:
    """Milliseconds, status and ETag of one GET."""
    request = urllib.request.Request(url, headers=headers)  # noqa: S310
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=120) as response:  # noqa: S310
            response.read()
            status, tag = response.status, response.headers.get("ETag", "")
    except urllib.error.HTTPError as exc:
        exc.read()
        status, tag = exc.code, exc.headers.get("ETag", "")
    return (time.perf_counter() - start) * 1000, status, tag


def main() -> None:
    """Build the letter, start gunicorn, time each path."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--names", type=int, default=5000)
    parser.add_argument("--requests", type=int, default=10)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="signon-public-"))
    url, drop = create_database("sqlite", "", str(work))
    engine = sa.create_engine(url)
    letter_id = add_letter(engine, "big", "A big letter")
    add_signatories(engine, letter_id, args.names)
    with engine.begin() as conn:
        conn.execute(sa.update(Letter).where(Letter.id == letter_id).values(status="published"))
    env = {"DATABASE_URL": url, "SECRET_KEY": "bench", "BASE_URL": "https://sign.example.org"}
    env |= {"RATELIMIT_ENABLED": "false", "MAIL_BACKGROUND_SENDER": "false"}
    env |= {"GUNICORN_TIMEOUT": "120"}
    server = Server("app:app", env, 1, work / "gunicorn.log")
    try:
        for path in PATHS:
            first = timed(server.url + path, {})
            times = [timed(server.url + path, {})[0] for _ in range(args.requests)]
            line = f"{path:34} first {first[0]:8.1f}  median {statistics.median(times):8.1f}"
            if first[2]:
                again = [timed(server.url + path, {"If-None-Match": first[2]}) for _ in range(10)]
                line += f"  304 median {statistics.median(t for t, _, _ in again):6.1f}"
                line += f" ({again[0][1]})"
            print(line + f"  [{first[1]}]", flush=True)
    finally:
        server.stop()
        drop()


if __name__ == "__main__":
    main()
