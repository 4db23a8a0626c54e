"""A small per-process cache of rendered public pages, checked against a cheap data version.

Within `fresh` seconds of its last check a page is served with no database query at all;
after that, its version (a tuple from one small query) is compared, and the page rebuilt
when it changed, or at the latest after `ttl` seconds, which bounds how stale anything the
version misses can be. Pages are kept encoded and gzip-compressed. Beside the pages it keeps
a few objects built from the same data (the search index of a letter's list), by version too.

The cache is an application extension: each application (so each database) has its own.
What goes in must not depend on the request: absolute links come from `BASE_URL` alone
(signon/web/urls.py), and a request with a host that is not trusted never gets this far.
"""

import gzip
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import TypeVar, cast

from flask import Flask, current_app, g

T = TypeVar("T")

MAX_PAGES = 64
# Objects (search indexes) a process keeps, the most recently used.
MAX_OBJECTS = 8
EXTENSION = "signon.web.pagecache"
# Set on `g` while a shared page is built: what it shows must not come from this request.
_BUILDING = "signon_building_shared_page"


@dataclass
class Page:
    """A rendered page, plain and gzip-compressed, and when it was built and last checked."""

    version: Hashable
    built: float
    checked: float
    body: bytes
    gzipped: bytes


class PageCache:
    """Pages by key, the least recently built dropped past `max_pages`; one builder per key."""

    def __init__(self, max_pages: int = MAX_PAGES, max_objects: int = MAX_OBJECTS) -> None:
        self.max_pages = max_pages
        self.max_objects = max_objects
        self._pages: OrderedDict[str, Page] = OrderedDict()
        self._objects: OrderedDict[Hashable, tuple[Hashable, object]] = OrderedDict()
        self._locks: dict[str, threading.Lock] = {}
        self._guard = threading.Lock()

    def recent(self, key: str, fresh: float) -> Page | None:
        """The page if it was checked less than `fresh` seconds ago: serve it without a query."""
        page = self._pages.get(key)
        if page is not None and time.monotonic() - page.checked < fresh:
            return page
        return None

    def cached_page(
        self,
        key: str,
        version: Callable[[], Hashable],
        build: Callable[[], str | bytes],
        ttl: float,
    ) -> Page:
        """The page for `key` at the current `version()`; one thread per process builds it."""
        current = version()
        page = self._valid(key, current, ttl)
        if page is not None:
            return page
        with self._guard:
            lock = self._locks.setdefault(key, threading.Lock())
        with lock:
            page = self._valid(key, current, ttl)
            if page is not None:
                return page
            built = _shared_build(build)
            body = built if isinstance(built, bytes) else built.encode()  # files, or pages
            now = time.monotonic()
            page = Page(current, now, now, body, gzip.compress(body, compresslevel=6))
            with self._guard:
                self._pages[key] = page
                self._pages.move_to_end(key)
                while len(self._pages) > self.max_pages:
                    self._pages.popitem(last=False)
            return page

    def one_at_a_time(self, name: str) -> threading.Lock:
        """A lock of this process by name: builds that share it run one after another."""
        with self._guard:
            return self._locks.setdefault(f"one at a time: {name}", threading.Lock())

    def _valid(self, key: str, version: Hashable, ttl: float) -> Page | None:
        page = self._pages.get(key)
        now = time.monotonic()
        if page is not None and page.version == version and now - page.built < ttl:
            page.checked = now
            return page
        return None

    def built_object(self, key: Hashable, version: Hashable, build: Callable[[], T]) -> T:
        """What `build()` made for `key` at `version`, built again when the version changed."""
        kept = self._objects.get(key)
        # Built outside the guard: pages keep being served meanwhile.
        value = kept[1] if kept is not None and kept[0] == version else build()
        with self._guard:
            self._objects[key] = (version, value)
            self._objects.move_to_end(key)
            while len(self._objects) > self.max_objects:
                self._objects.popitem(last=False)
        return cast(T, value)

    def clear(self) -> None:
        """Forget every page and object."""
        with self._guard:
            self._pages.clear()
            self._objects.clear()


def _shared_build(build: Callable[[], str | bytes]) -> str | bytes:
    setattr(g, _BUILDING, True)
    try:
        return build()
    finally:
        setattr(g, _BUILDING, False)


def building_shared_page() -> bool:
    """Whether a page every visitor will be served is being built (no query args in it)."""
    return bool(g.get(_BUILDING))


def page_cache() -> PageCache:
    """The current application's page cache."""
    return current_app.extensions[EXTENSION]


def install(app: Flask) -> None:
    """Give the application its own, empty page cache."""
    app.extensions[EXTENSION] = PageCache()
