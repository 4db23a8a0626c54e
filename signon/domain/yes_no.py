"""The words that mean yes and no in settings, query strings and command-line options."""

YES_WORDS = frozenset({"1", "true", "yes", "on"})
# An empty value is a no: a cleared box or an empty variable switches a thing off.
NO_WORDS = frozenset({"0", "false", "no", "off", ""})


def is_yes(word: str) -> bool:
    """True for a yes word ("1", "true", "yes", "on"), in any case and spacing."""
    return word.strip().lower() in YES_WORDS


def yes_or_no(word: str) -> bool | None:
    """True for a yes word, False for a no word, None for anything else."""
    word = word.strip().lower()
    if word in YES_WORDS:
        return True
    return False if word in NO_WORDS else None
