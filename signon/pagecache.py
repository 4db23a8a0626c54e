"""A small per-process cache of rendered public pages, checked against a cheap data version.

Within `fresh` seconds of its last check a page is served with no database query at all;
after that, its version (a tuple from one small query) is compared, and the page rebuilt
when it changed, or at the latest after `ttl` seconds, which bounds how stale anything the
version misses can be. Pages are kept encoded and gzip-compressed.
"""

import gzip
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass

MAX_PAGES = 64


@dataclass
class Page:
    """A rendered page, plain and gzip-compressed, and when it was built and last checked."""

    version: Hashable
    built: float
    checked: float
    body: bytes
    gzipped: bytes


_pages: OrderedDict[str, Page] = OrderedDict()
_locks: dict[str, threading.Lock] = {}
_guard = threading.Lock()


def recent(key: str, fresh: float) -> Page | None:
    """The page if it was checked less than `fresh` seconds ago: serve it without a query."""
    page = _pages.get(key)
    if page is not None and time.monotonic() - page.checked < fresh:
        return page
    return None


def cached_page(
    key: str, version: Callable[[], Hashable], build: Callable[[], str | bytes], ttl: float
) -> Page:
    """The page for `key` at the current `version()`; one thread per process builds it."""
    current = version()
    page = _valid(key, current, ttl)
    if page is not None:
        return page
    with _guard:
        lock = _locks.setdefault(key, threading.Lock())
    with lock:
        page = _valid(key, current, ttl)
        if page is not None:
            return page
        built = build()
        body = built if isinstance(built, bytes) else built.encode()  # files, or pages
        now = time.monotonic()
        page = Page(current, now, now, body, gzip.compress(body, compresslevel=6))
        with _guard:
            _pages[key] = page
            _pages.move_to_end(key)
            while len(_pages) > MAX_PAGES:
                _pages.popitem(last=False)
        return page


def _valid(key: str, version: Hashable, ttl: float) -> Page | None:
    page = _pages.get(key)
    now = time.monotonic()
    if page is not None and page.version == version and now - page.built < ttl:
        page.checked = now
        return page
    return None


def clear() -> None:
    """Forget every page (tests)."""
    with _guard:
        _pages.clear()
