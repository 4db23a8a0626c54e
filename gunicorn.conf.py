"""Gunicorn settings for Signon: `gunicorn app:app` reads this file from the working directory.

Every value can be changed through the environment without editing the file.
"""

import multiprocessing
import os
import sys

from signon.core.config import limits_per_process, several_workers_refused

bind = os.environ.get("GUNICORN_BIND", f"127.0.0.1:{os.environ.get('PORT', '8000')}")
# Threads let one worker hold keep-alive connections and wait on the database in parallel.
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "gthread")
# Rate limits counted in memory hold only within one process: one worker, unless Redis.
default_workers = 1 if limits_per_process(os.environ) else multiprocessing.cpu_count() * 2 + 1
workers = int(os.environ.get("GUNICORN_WORKERS") or default_workers)
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "20"))
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "5"))
# Recycle workers now and then, so a slow leak cannot grow for ever.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "10000"))
max_requests_jitter = max_requests // 10
# Signon logs one line per request itself (with its request id): no second access log.
accesslog = None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# Each worker opens its own database connections: no app (and no engine) before the fork.
preload_app = False
# Limits that keep a hostile request line or header within bounds.
limit_request_line = 8190
limit_request_fields = 100
limit_request_field_size = 8190


def on_starting(server) -> None:
    """Refuse several workers that would each count the rate limits on their own."""
    refused = several_workers_refused(server.cfg.workers, os.environ)
    if refused:
        print(f"Error: {refused}", file=sys.stderr, flush=True)
        sys.exit(1)
