"""Where a request's time goes: pyinstrument over in-process requests (no server, no network).

pip install pyinstrument
python bench/profile.py sign-on|list|letter [--db sqlite|postgresql] [-n 100]
"""

import argparse
import logging
import re
import sys
import tempfile
import time
import uuid
from pathlib import Path

import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.data import add_letter, add_signatories, create_database
from bench.load import ADMIN_URL
from signon import create_app


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=["sign-on", "list", "letter"])
    parser.add_argument("--db", default="sqlite", choices=["sqlite", "postgresql"])
    parser.add_argument("-n", type=int, default=100)
    parser.add_argument("--no-cache", action="store_true", help="rebuild the list every time")
    parser.add_argument("--all", action="store_true", help="show every frame of the profile")
    args = parser.parse_args()
    from pyinstrument import Profiler

    url, drop = create_database(args.db, ADMIN_URL, tempfile.mkdtemp(prefix="signon-prof-"))
    try:
        engine = sa.create_engine(url)
        add_letter(engine, "bench", "Benchmark letter")
        add_signatories(engine, add_letter(engine, "big", "Big letter"), 10_000)
        engine.dispose()
        config = {"DATABASE_URL": url, "SECRET_KEY": "x", "AUTO_MIGRATE": False}
        config |= {"BASE_URL": "https://sign.example.org"}
        config |= {"RATELIMIT_ENABLED": False, "MAIL_BACKGROUND_SENDER": False}
        if args.no_cache:
            config |= {"PUBLIC_PAGE_CACHE_SECONDS": 0, "PUBLIC_PAGE_FRESH_SECONDS": 0}
        app = create_app(config)
        logging.getLogger("signon").setLevel(logging.WARNING)
        client = app.test_client()
        page = client.get("/letters/bench").text
        token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)

        def one(n: int) -> None:
            if args.what == "sign-on":
                form = {"organisation": f"Org {n} {uuid.uuid4().hex[:6]}", "country": "FR"}
                form |= {"contact_name": "B", "contact_email": f"b{n}@example.org"}
                form |= {"consent": "y", "csrf_token": token}
                assert client.post("/letters/bench", data=form).status_code == 303
            else:
                path = "/letters/big/signatories" if args.what == "list" else "/letters/big"
                assert client.get(path).status_code == 200

        one(0)
        started = time.process_time()
        for n in range(1, args.n + 1):
            one(n)
        cpu = (time.process_time() - started) / args.n * 1000
        profiler = Profiler(interval=0.0005)
        with profiler:
            for n in range(args.n + 1, 2 * args.n + 1):
                one(n)
        print(f"{args.what} on {args.db}: {cpu:.2f} ms CPU per request (without the profiler)")
        print(profiler.output_text(color=False, show_all=args.all))
        with app.app_context():
            from signon.storage.extensions import db

            db.engine.dispose()
    finally:
        drop()


if __name__ == "__main__":
    main()
