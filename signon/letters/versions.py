"""Earlier versions of a letter's text (filled in by the versions step)."""

from signon.letters.models import Letter


def keep_before_change(letter: Letter, changed: list[str], actor: str) -> None:
    """Keep the text as it was before an edit of an open letter."""
    return None
