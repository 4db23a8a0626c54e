"""Run nginx in front of gunicorn with deploy/nginx.conf, as any user.

    python deploy/nginx.py --prefix /var/lib/signon-nginx --listen 80 --upstream 127.0.0.1:8000
    python deploy/nginx.py ... --upstream 10.0.0.11:8000,10.0.0.12:8000   # several app servers

Writes the configuration with the given addresses into PREFIX, makes PREFIX/logs and
PREFIX/temp, and runs nginx in the foreground (`exec`, so a supervisor or systemd stops it
directly). `--check` only tests the configuration (`nginx -t`).
"""

import argparse
import os
import shutil
import string
from pathlib import Path

TEMPLATE = Path(__file__).resolve().parent / "nginx.conf"


def upstream_servers(upstream: str) -> str:
    """`server` lines of nginx's `upstream` block: one per address, comma-separated."""
    addresses = [a.strip() for a in upstream.split(",") if a.strip()]
    if not addresses:
        raise SystemExit("--upstream needs at least one address")
    # A node that fails is left alone for 10 s; its requests go to the others meanwhile.
    return "\n        ".join(f"server {a} max_fails=1 fail_timeout=10s;" for a in addresses)


def render(listen: str, upstream: str, server_name: str = "_") -> str:
    """deploy/nginx.conf with the addresses filled in (nginx's own $variables left alone)."""
    values = {
        "SIGNON_LISTEN": listen,
        "SIGNON_SERVERS": upstream_servers(upstream),
        "SIGNON_SERVER_NAME": server_name,
    }
    return string.Template(TEMPLATE.read_text(encoding="utf-8")).safe_substitute(values)


def prepare(prefix: Path, listen: str, upstream: str, server_name: str = "_") -> Path:
    """The prefix directory, ready for nginx; returns the written configuration's path."""
    for folder in ("logs", "temp"):
        (prefix / folder).mkdir(parents=True, exist_ok=True)
    conf = prefix / "nginx.conf"
    conf.write_text(render(listen, upstream, server_name), encoding="utf-8")
    return conf


def main() -> None:
    """Parse the arguments, write the configuration, exec nginx."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--prefix", type=Path, required=True, help="nginx's own directory")
    parser.add_argument("--listen", default="80", help="address nginx listens on")
    parser.add_argument(
        "--upstream",
        default="127.0.0.1:8000",
        help="gunicorn's address; several, comma-separated, share the load",
    )
    parser.add_argument("--server-name", default="_", help="the public host name(s)")
    parser.add_argument("--nginx", default=shutil.which("nginx") or "/usr/sbin/nginx")
    parser.add_argument("--check", action="store_true", help="only test the configuration")
    args = parser.parse_args()
    prefix = args.prefix.resolve()
    conf = prepare(prefix, args.listen, args.upstream, args.server_name)
    errors = prefix / "logs" / "error.log"  # also for what nginx says before reading conf
    command = [args.nginx, "-p", f"{prefix}/", "-c", str(conf), "-e", str(errors)]
    command += ["-t"] if args.check else ["-g", "daemon off;"]
    os.execv(args.nginx, command)  # noqa: S606 - a fixed program, arguments as a list


if __name__ == "__main__":
    main()
