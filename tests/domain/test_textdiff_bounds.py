"""The versions page's comparison is bounded: two long, unlike texts cost little to compare."""

import random
import time

from signon.domain.messages import Message
from signon.domain.textdiff import TOO_LONG, Piece, inline_diff


def _body(seed: int, words: int = 3300) -> str:
    rng = random.Random(seed)
    vocabulary = [
        "".join(rng.choice("abcdefghij") for _ in range(rng.randint(2, 8))) for _ in range(400)
    ]
    return " ".join(rng.choice(vocabulary) for _ in range(words))


def test_two_unlike_20_kb_bodies_are_compared_at_once_and_say_so():
    old, new = _body(1), _body(2)
    assert len(old) > 19_000 and len(new) > 19_000
    started = time.perf_counter()
    shown = inline_diff(old, new)
    assert time.perf_counter() - started < 1.0  # 5 to 8 s before the bound
    assert shown == [[Piece("note", TOO_LONG), Piece("del", old), Piece("ins", new)]]
    assert isinstance(shown[0][0].text, Message)  # the page shows it in the reader's language


def test_one_word_changed_in_a_long_letter_is_still_shown_word_by_word():
    paragraphs = [_body(seed, 120) for seed in range(40)]  # about 25 KB in 40 paragraphs
    changed = list(paragraphs)
    changed[20] = changed[20].replace(" ", " urgently ", 1)
    started = time.perf_counter()
    shown = inline_diff("\n\n".join(paragraphs), "\n\n".join(changed))
    assert time.perf_counter() - started < 1.0
    assert len(shown) == 3  # the changed paragraph and one either side
    assert Piece("ins", "urgently ") in shown[1] or Piece("ins", " urgently") in shown[1]
    assert all(piece.kind != "note" for paragraph in shown for piece in paragraph)


def test_a_long_unlike_paragraph_list_is_bounded_too():
    old = "\n\n".join(f"Paragraph {n} a" for n in range(3000))
    new = "\n\n".join(f"Paragraph {n} b" for n in range(3000))
    started = time.perf_counter()
    shown = inline_diff(old, new)
    assert time.perf_counter() - started < 1.0
    assert shown[0][0] == Piece("note", TOO_LONG)
