"""Load benchmark: sign-on POSTs and the 10,000-signatory list against a minimal endpoint.

    python bench/load.py [--db sqlite,postgresql] [--seconds 10] [--workers 5] [--repeat 3]

Starts gunicorn (the repository's gunicorn.conf.py) on 127.0.0.1 and drives it with `wrk`
(apt-get install wrk) over keep-alive connections. Each sign-on is a new organisation with
a valid CSRF token: one GET for the session and its token, then POSTs. Reports requests per
second and the ratio to the minimal endpoint (the list and the letter page >= 1/5).
Then, in the same run, the sign-on as a signer feels it: burst (POSTs accepted per second,
target >= 0.5x the same POST without writes, the ceiling) and sustained (sign-ons accepted
and their confirmation emails handed to a local SMTP server, counted until the last email
left, by the web processes' own background senders as deployed by default; target >= 0.8x
the burst). With --repeat N every case runs N times, round by round for each database in
turn, and the summary prints medians with their spread (min-max).
"without writes" is the same POST stopped after its form is validated (bench/ceiling_app.py):
the most any sign-on could do with Flask and WTForms in front of it.
"""

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from pathlib import Path

import sqlalchemy as sa

ROOT = Path(__file__).resolve().parent.parent
# As a script, bench/ comes first on the path, and bench/public.py would hide the `public`
# package that aiosmtpd imports.
sys.path[:] = [str(ROOT)] + [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]

from bench.data import add_letter, add_signatories, create_database  # noqa: E402

WARM_UP_SECONDS = 3
ADMIN_URL = os.environ.get("BENCH_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1/postgres")
SIGN_ON_LUA = """
local n = 0
local id = 0
local ids = 0
function setup(thread) ids = ids + 1; thread:set("id", ids) end
request = function()
  n = n + 1
  local tag = "%(run)s-" .. id .. "-" .. n
  local body = "organisation=Bench+Organisation+" .. tag .. "&country=FR&contact_name=Bench"
    .. "&contact_email=bench-" .. tag .. "%%40example.org&consent=y&csrf_token=%(token)s"
  return wrk.format("POST", "%(path)s", {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Cookie"] = "%(cookie)s"}, body)
end
"""


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """gunicorn with the repository config on a loopback port."""

    def __init__(self, target: str, env: dict, workers: int, log: Path) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = {**os.environ, **env, "GUNICORN_BIND": f"127.0.0.1:{self.port}"}
        env |= {"GUNICORN_WORKERS": str(workers), "PYTHONPATH": str(ROOT)}
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", str(ROOT / "gunicorn.conf.py"), target],
            cwd=ROOT,
            env=env,
            stdout=log.open("ab"),
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 120  # a loaded machine starts slowly
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(self.url + "/", timeout=1).read()  # noqa: S310
                return
            except urllib.error.HTTPError:
                return  # it answers
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"gunicorn did not start: see {log}")

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=30)


def measure(url: str, seconds: int, connections: int, script: str | None = None) -> dict:
    """Warm up (every worker loads its templates, connections and caches), then measure."""
    wrk(url, WARM_UP_SECONDS, connections, script)
    return wrk(url, seconds, connections, script)


def wrk(url: str, seconds: int, connections: int, script: str | None = None) -> dict:
    """Run wrk; requests per second and the count of errors (non-2xx/3xx and socket)."""
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "--latency"]
    command += ["-H", "Accept-Encoding: gzip, deflate, br"]  # as every browser sends
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as lua:
        if script:
            lua.write(script)
            command += ["-s", lua.name]
    out = subprocess.run([*command, url], capture_output=True, text=True, timeout=seconds + 60)
    os.unlink(lua.name)
    text = out.stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
    bad = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses: (\d+)", text))
    for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", text):
        bad += int(n)
    p99 = re.search(r"99%\s+(\S+)", text)
    requests = int(re.search(r"(\d+) requests in", text).group(1))
    return {"rps": rps, "errors": bad, "p99": p99.group(1) if p99 else "?", "requests": requests}


def session_and_token(url: str) -> tuple[str, str]:
    """One GET of the letter: the session cookie and its CSRF token."""
    with urllib.request.urlopen(url + "/letters/bench", timeout=10) as response:  # noqa: S310
        cookie = response.headers["Set-Cookie"].split(";", 1)[0]
        html = response.read().decode()
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html).group(1)
    return cookie, token


# The "public page of a letter with 10,000 signatories": both pages are held to it.
TARGETS = {"signatories page": 5, "letter page": 5}


class Database:
    """One benchmark database, filled once and measured in every round."""

    def __init__(self, kind: str, args: argparse.Namespace, workdir: Path) -> None:
        self.kind = kind
        self.url, self.drop = create_database(kind, ADMIN_URL, str(workdir))
        engine = sa.create_engine(self.url)
        add_letter(engine, "bench", "Benchmark letter")
        big = add_letter(engine, "big", "A letter with many signatories")
        add_signatories(engine, big, args.signatories)
        engine.dispose()
        self.env = {
            "DATABASE_URL": self.url,
            "SECRET_KEY": "bench",
            "BASE_URL": "https://sign.example.org",
            "AUTO_MIGRATE": "false",
            "RATELIMIT_ENABLED": "false",
            "MAIL_BACKGROUND_SENDER": "false",
        }


def run_database(db: Database, args: argparse.Namespace, workdir: Path, minimal_url: str) -> dict:
    """Each endpoint right after the minimal one, so that both see the same machine load."""
    kind, env = db.kind, db.env
    # The application plus one endpoint: a sign-on that stops before its writes.
    server = Server("bench.ceiling_app:app", env, args.workers, workdir / f"{kind}.log")
    try:
        cookie, token = session_and_token(server.url)
        fields = {"run": uuid.uuid4().hex[:6], "token": token, "cookie": cookie}
        lua = SIGN_ON_LUA % {**fields, "path": "/letters/bench"}
        unwritten = SIGN_ON_LUA % {**fields, "path": "/bench/validate-only/bench"}
        cases = {
            "sign-on POST": (server.url + "/letters/bench", lua),
            "  without writes": (server.url + "/bench/validate-only/bench", unwritten),
            "signatories page": (server.url + "/letters/big/signatories", None),
            "letter page": (server.url + "/letters/big", None),
        }
        results = {}
        for name, (target, script) in cases.items():
            base = measure(minimal_url, args.seconds, args.connections)
            results[name] = measure(target, args.seconds, args.connections, script)
            results[name]["minimal"] = base["rps"]
            report(kind, name, base, results[name])
    finally:
        server.stop()
    results["sustained"] = sustained(kind, args, workdir, minimal_url, env, results)
    return results


def sustained(kind: str, args, workdir: Path, minimal_url: str, env: dict, results) -> dict:
    """Sign-ons accepted and their emails handed to SMTP, until the last email left.

    The default deployment: each web process delivers mail from its background sender, to a
    local aiosmtpd in its own process. Also prints burst and ceiling beside it.
    """
    import multiprocessing as mp

    from bench.mail import serve

    ctx = mp.get_context("spawn")
    count, last = ctx.Value("i", 0), ctx.Value("d", 0.0)
    ready, stop = ctx.Event(), ctx.Event()
    port = free_port()
    smtp = ctx.Process(target=serve, args=(port, None, count, last, ready, stop))
    smtp.start()
    ready.wait(30)
    mail_env = env | {"MAIL_BACKGROUND_SENDER": "true", "MAIL_SERVER": "127.0.0.1"}
    mail_env |= {"MAIL_PORT": str(port), "BASE_URL": "https://sign.example.org"}
    server = Server("app:app", mail_env, args.workers, workdir / f"{kind}-mail.log")
    try:
        cookie, token = session_and_token(server.url)
        fields = {"run": uuid.uuid4().hex[:6], "token": token, "cookie": cookie}
        lua = SIGN_ON_LUA % {**fields, "path": "/letters/bench"}
        wrk(server.url + "/letters/bench", WARM_UP_SECONDS, args.connections, lua)
        # Every email stored so far (the burst cases' too) leaves before the clock starts.
        wait_for(lambda: -_pending_emails(env["DATABASE_URL"]), 0, 300)
        base = measure(minimal_url, args.seconds, args.connections)
        before, began = count.value, time.time()
        result = wrk(server.url + "/letters/bench", args.seconds, args.connections, lua)
        accepted = result["requests"] - result["errors"]
        wait_for(lambda: count.value - before, accepted, 300)
        rate = accepted / max(last.value - began, 1e-9)
    finally:
        server.stop()
        stop.set()
        smtp.join(10)
    burst, ceiling = results["sign-on POST"]["rps"], results["  without writes"]["rps"]
    print(
        f"{kind:10} burst {burst:.0f}/s = {burst / ceiling:.2f} x ceiling {ceiling:.0f}/s "
        f"(target 0.5); sustained {rate:.0f} sign-ons+emails/s = {rate / base['rps']:.3f} x "
        f"hello {base['rps']:.0f}/s, {rate / burst:.2f} x burst (target 0.8); "
        f"errors {result['errors']}",
        flush=True,
    )
    return {"rps": rate, "errors": result["errors"], "minimal": base["rps"]}


def _pending_emails(url: str) -> int:
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        count = conn.scalar(sa.text("SELECT count(*) FROM outbox WHERE status = 'pending'"))
    engine.dispose()
    return count


def wait_for(current, target: int, timeout: float) -> None:
    """Until `current()` reaches `target` (the emails of the accepted sign-ons), or timeout."""
    deadline = time.monotonic() + timeout
    while current() < target and time.monotonic() < deadline:
        time.sleep(0.05)


def spread(values: list[float], digits: int = 0) -> str:
    """Median and (min–max) of one figure over the rounds."""
    fmt = f"{{:.{digits}f}}"
    mid = fmt.format(statistics.median(values))
    return f"{mid} ({fmt.format(min(values))}–{fmt.format(max(values))})"


def summary(kind: str, rounds: list[dict]) -> None:
    """Medians and spread over the rounds: each case, then the issue's three ratios."""
    n = len(rounds)
    print(f"\n{kind}: medians of {n} round(s), (min–max)", flush=True)
    for name in ["sign-on POST", "  without writes", "signatories page", "letter page"]:
        rps = [r[name]["rps"] for r in rounds]
        hello = [r[name]["minimal"] for r in rounds]
        errors = sum(r[name]["errors"] for r in rounds)
        print(f"{kind:10} {name:17} {spread(rps)} req/s, minimal {spread(hello)}, errors {errors}")
    burst = [r["sign-on POST"]["rps"] / r["  without writes"]["rps"] for r in rounds]
    rates = [r["sustained"]["rps"] for r in rounds]
    kept = [r["sustained"]["rps"] / r["sign-on POST"]["rps"] for r in rounds]
    print(f"{kind:10} burst / ceiling     {spread(burst, 2)} (target >= 0.5)")
    print(f"{kind:10} sustained           {spread(rates)} sign-ons+emails/s")
    print(f"{kind:10} sustained / burst   {spread(kept, 2)} (target >= 0.8)", flush=True)


def report(kind: str, name: str, base: dict, result: dict) -> None:
    """One line: the endpoint, the minimal endpoint just before it, the ratio, the verdict."""
    ratio = base["rps"] / result["rps"] if result["rps"] else float("inf")
    need = TARGETS.get(name)
    verdict = ""
    if need is not None:
        verdict = "  OK" if ratio <= need and not result["errors"] else f"  MISSED (1/{need})"
    print(
        f"{kind:10} {name:17} {result['rps']:7.0f} req/s (p99 {result['p99']}, "
        f"errors {result['errors']})  minimal {base['rps']:6.0f} req/s  1/{ratio:.1f}{verdict}",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="sqlite,postgresql")
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--workers", type=int, default=os.cpu_count() * 2 + 1)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--signatories", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=1, help="rounds, interleaved by database")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed: apt-get install wrk")
    workdir = Path(tempfile.mkdtemp(prefix="signon-bench-"))
    # No limits in the minimal app either, so gunicorn.conf.py starts the same workers.
    unlimited = {"RATELIMIT_ENABLED": "false"}
    minimal = Server("bench.minimal_app:app", unlimited, args.workers, workdir / "minimal.log")
    databases = []
    try:
        databases = [Database(kind, args, workdir) for kind in args.db.split(",")]
        rounds: dict[str, list[dict]] = {db.kind: [] for db in databases}
        # Round by round, each database in turn: a noisy minute weighs on one round of each.
        for n in range(args.repeat):
            for db in databases:
                print(f"-- round {n + 1} of {args.repeat}: {db.kind}", flush=True)
                rounds[db.kind].append(run_database(db, args, workdir, minimal.url + "/"))
        for kind, results in rounds.items():
            summary(kind, results)
    finally:
        minimal.stop()
        for db in databases:
            db.drop()
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
