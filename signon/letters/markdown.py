"""Markdown letter bodies rendered safely: raw HTML in the text is shown as text."""

from functools import cache, lru_cache

from markdown_it import MarkdownIt
from markupsafe import Markup
from mdit_py_plugins.footnote import footnote_plugin

from signon.domain.pasted import pasted_lists


@cache
def _parser() -> MarkdownIt:
    # html=False escapes any raw HTML; markdown-it also refuses javascript: links.
    return (
        MarkdownIt("commonmark", {"html": False, "linkify": False})
        .enable("table")
        .use(footnote_plugin)
    )


@lru_cache(maxsize=256)
def render_markdown(text: str) -> Markup:
    """The body as HTML that is safe to put in a page (cached: a body rarely changes).

    Bullet lines pasted from Word ("•", "◦", "–", "1.") are read as lists, here and in
    `parse_markdown`: the page, the preview and every export show the same lists.
    """
    return Markup(_parser().render(pasted_lists(text or "")))  # noqa: S704


def parse_markdown(text: str) -> list:
    """The body's markdown-it tokens (for exports that lay it out themselves)."""
    return _parser().parse(pasted_lists(text or ""))
