"""Where a page may send a person back to after signing in: a path on this site only."""

from urllib.parse import urlsplit

MAX_LENGTH = 2000


def safe_return_path(path: object) -> str | None:
    """The path if it is a same-site relative path ("/organise/..."), else None.

    Refused: other sites ("//evil", "/\\\\evil"), schemes ("javascript:"), control characters.
    """
    if not isinstance(path, str) or not path.startswith("/") or len(path) > MAX_LENGTH:
        return None
    if path.startswith(("//", "/\\")) or "\\" in path or not path.isprintable():
        return None
    parts = urlsplit(path)
    if parts.scheme or parts.netloc:
        return None
    return path
