"""Any name survives Markdown: the list item shows exactly the name."""

import html

from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from signon.domain.names import clean_text
from signon.roster.text import md_escape

# Markdown's own punctuation, often, among any other characters.
MARKUP = st.sampled_from(list("*_[]()<>&#;!`\\|~-+=.:0123456789 aé"))
names = (
    st.text(alphabet=st.one_of(MARKUP, st.characters(blacklist_categories=("Cs",))), max_size=40)
    .map(clean_text)
    .filter(bool)
)


@settings(max_examples=200, deadline=None)
@given(names)
def test_a_name_in_a_markdown_list_renders_as_written(name):
    rendered = MarkdownIt("commonmark").render(f"- {md_escape(name)}\n")
    # markdown-it escapes &, <, > and " (not the apostrophe).
    expected = html.escape(name, quote=False).replace('"', "&quot;")
    assert rendered == f"<ul>\n<li>{expected}</li>\n</ul>\n"
