"""A small per-process cache of rendered public pages, checked against a cheap data version.

A page is rebuilt when its version (a tuple from one small query) changes, and at the latest
after `ttl` seconds, which bounds how stale anything the version misses can be.
"""

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable

MAX_PAGES = 64
_pages: OrderedDict[str, tuple[Hashable, float, bytes]] = OrderedDict()
_locks: dict[str, threading.Lock] = {}
_guard = threading.Lock()


def cached_page(key: str, version: Hashable, build: Callable[[], str], ttl: float) -> bytes:
    """The page for `key` at `version`, encoded; one thread per process builds it."""
    hit = _fresh(key, version, ttl)
    if hit is not None:
        return hit
    with _guard:
        lock = _locks.setdefault(key, threading.Lock())
    with lock:
        hit = _fresh(key, version, ttl)
        if hit is not None:
            return hit
        html = build().encode()  # once, not for each of the many requests it serves
        with _guard:
            _pages[key] = (version, time.monotonic(), html)
            _pages.move_to_end(key)
            while len(_pages) > MAX_PAGES:
                _pages.popitem(last=False)
        return html


def _fresh(key: str, version: Hashable, ttl: float) -> bytes | None:
    entry = _pages.get(key)
    if entry and entry[0] == version and time.monotonic() - entry[1] < ttl:
        return entry[2]
    return None


def clear() -> None:
    """Forget every page (tests)."""
    with _guard:
        _pages.clear()
