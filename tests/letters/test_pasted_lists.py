"""Bullet lines pasted from Word become lists on the page, in the preview and in the DOCX."""

import docx
from hypothesis import given
from hypothesis import strategies as st

from signon.domain.pasted import pasted_lists
from tests.organiser_helpers import log_in

PASTED = (
    "We ask you to:\n• fund adaptation\n◦ in the poorest countries\n– cancel the debt\n1. act now"
)


def test_word_bullets_become_markdown_items_and_nested_circles_nest():
    assert pasted_lists(PASTED) == (
        "We ask you to:\n\n- fund adaptation\n  - in the poorest countries\n- cancel the debt\n"
        "1. act now"
    )


def test_text_without_list_lines_is_unchanged():
    assert (
        pasted_lists("Dear Minister,\n\nWe urge you – now.")
        == "Dear Minister,\n\nWe urge you – now."
    )


@given(st.text(alphabet="ab •◦-–1.\n", max_size=60))
def test_reading_pasted_lists_twice_changes_nothing_more(text):
    assert pasted_lists(pasted_lists(text)) == pasted_lists(text)


def test_the_editor_preview_and_the_docx_show_the_same_list(
    app, client, organiser, runner, tmp_path
):
    token = log_in(client, organiser("ana@coalition.example.org"))
    client.post(
        "/organise/letters/new", data={"slug": "debt", "title": "Debt", "csrf_token": token}
    )
    form = {"title": "Debt", "body": PASTED, "ordering": "as_written", "language": "en"}
    preview = client.post(
        "/organise/letters/debt/edit", data={**form, "preview": "1", "csrf_token": token}
    )
    assert "<li>fund adaptation" in preview.text and "<li>act now</li>" in preview.text
    shown = preview.text.split('class="preview"')[1].split("<form")[0]
    assert "<li>fund adaptation" in shown and "• fund" not in shown
    hint = client.get("/organise/letters/debt/edit").text
    assert "A copy of this letter has been sent" not in hint and "Cc:" in hint
    saved = client.post("/organise/letters/debt/edit", data={**form, "csrf_token": token})
    assert saved.status_code == 303
    path = tmp_path / "debt.docx"
    assert (
        runner.invoke(
            args=["letter", "export", "debt", "--format", "docx", "-o", str(path)]
        ).exit_code
        == 0
    )
    styles = {p.text: p.style.name for p in docx.Document(path).paragraphs if p.text}
    # A numbered item keeps the letter's own number, hanging in a list paragraph (Word's
    # running counters renumbered lists that start elsewhere than 1).
    assert "Bullet" in styles["fund adaptation"] and styles["1.\tact now"].startswith("List")
