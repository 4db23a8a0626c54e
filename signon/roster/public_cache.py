"""Public answers from the page cache, validated by a version of the letter and its list.

A popular letter's public pages and files are built once per process per version (the
list's `list_version` and every column of the letter) and sent with an ETag made from that
version, so a conditional request that matches gets its 304 before anything is built: with
no query at all within `PUBLIC_PAGE_FRESH_SECONDS` of the last check, after two small
queries otherwise. Searches of the list read a per-version index, and show a bounded page.
"""

import hashlib
from collections.abc import Callable, Hashable
from dataclasses import dataclass

from flask import current_app, request
from werkzeug.wrappers import Response

from signon.domain.names import name_key
from signon.letters.models import Letter
from signon.signing.final_list import ListedSignatory, final_list, list_version
from signon.signing.models import SignerKind
from signon.web.limits import note_built
from signon.web.pagecache import Page, page_cache


def letter_version(letter: Letter) -> tuple:
    """Changes whenever anything public about the letter or its list may change."""
    columns = repr([getattr(letter, column.key) for column in Letter.__table__.columns])
    return (list_version(letter.id), letter.is_open, letter.takes_sign_ons, columns)


def version_etag(key: str, version: Hashable) -> str:
    """The validator of what `key` shows at `version`."""
    return hashlib.sha256(repr((key, version)).encode()).hexdigest()[:32]


def cached_answer(
    key: str,
    letter: Callable[[], Letter],
    build: Callable[[Letter], str | bytes],
    mimetype: str,
    headers: dict[str, str] | None = None,
    compress: bool = True,
) -> Response:
    """`build(letter())` from the cache, or a 304 when the client has this version already.

    `letter()` finds the letter and aborts (404) when the public may not see this answer.
    """
    cfg = current_app.config
    cache = page_cache()
    page = cache.recent(key, cfg["PUBLIC_PAGE_FRESH_SECONDS"])
    if page is None:
        found = letter()
        version = letter_version(found)
        if request.if_none_match.contains_weak(version_etag(key, version)):
            return _answer(b"", version_etag(key, version), mimetype, headers)
        page = cache.cached_page(
            key,
            lambda: version,
            lambda: _built(build, found),
            # The version covers all it shows (its ETag says so): no need to rebuild often.
            ttl=cfg["PUBLIC_VERSIONED_CACHE_SECONDS"],
        )
    return _page_answer(page, key, mimetype, headers, compress)


def _built(build: Callable[[Letter], str | bytes], letter: Letter) -> str | bytes:
    note_built()
    return build(letter)


def _page_answer(
    page: Page, key: str, mimetype: str, headers: dict[str, str] | None, compress: bool
) -> Response:
    gzipped = compress and "gzip" in request.accept_encodings
    response = _answer(page.gzipped if gzipped else page.body, "", mimetype, headers)
    response.set_etag(version_etag(key, page.version), weak=True)
    if compress:
        response.vary.add("Accept-Encoding")
    if gzipped:
        response.content_encoding = "gzip"
    return response.make_conditional(request)


def _answer(body: bytes, tag: str, mimetype: str, headers: dict[str, str] | None) -> Response:
    response = current_app.response_class(body, mimetype=mimetype)
    # Browsers keep the answer and ask again with If-None-Match: a 304 costs almost nothing.
    response.headers["Cache-Control"] = "public, no-cache"
    response.headers.update(headers or {})
    if tag:
        response.set_etag(tag, weak=True)
        return response.make_conditional(request)
    return response


@dataclass(frozen=True)
class SearchIndex:
    """A letter's final list with each entry's search key, and its counts by kind."""

    version: Hashable
    rows: list[ListedSignatory]
    keys: list[str]
    individuals: int

    def search(self, query: str, limit: int) -> tuple[list[ListedSignatory], int]:
        """The first `limit` entries whose key contains the query's, and how many there are."""
        wanted = name_key(query)
        found = [row for row, key in zip(self.rows, self.keys, strict=True) if wanted in key]
        return found[:limit], len(found)


def search_index(letter: Letter, key_of: Callable[[ListedSignatory, str], str]) -> SearchIndex:
    """The letter's index at its current version, built once per version by each app's cache."""
    version = letter_version(letter)

    def build() -> SearchIndex:
        note_built()
        rows = final_list(letter)
        language = letter.language or "en"
        keys = [key_of(row, language) for row in rows]
        individuals = sum(1 for row in rows if row.kind == SignerKind.INDIVIDUAL)
        return SearchIndex(version, rows, keys, individuals)

    return page_cache().built_object(("search", letter.id), version, build)
