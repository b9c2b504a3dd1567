"""Reading free text plainly: answers that say nothing, keywords, short quotes."""

from __future__ import annotations

import re
from typing import Any

from facilitator.presentation import answer_text as as_text

# Answers that fill the box without saying anything. Compared after lower-casing and
# trimming spaces and end punctuation; anything with fewer than three letters or digits
# ("-", "ok", "?", "...") counts as well.
GENERIC = frozenset({
    "nothing", "nothing really", "nothing much", "nothing to add", "nothing to report", "nothing comes to mind",
    "nothing at the moment", "nothing so far", "none", "none really", "no", "nope", "n/a", "na", "n.a", "not applicable",
    "all good", "all fine", "all is well", "all well", "all ok", "all okay", "fine", "good", "ok", "okay",
    "everything", "everything is fine", "everything is good", "everything works", "everything is working",
    "no complaints", "no issues", "no problems", "nothing is not working", "it's all good", "its all good",
    "idk", "don't know", "dont know", "not sure", "same as always", "see above", "as above",
})
_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)?")


def normalise(text: str) -> str:
    text = " ".join(text.lower().replace("’", "'").split())
    return text.strip(" .!,;:")


def says_nothing(text: str, phrases: frozenset[str] | set[str], generic: bool, max_words: int) -> bool:
    """Is this answer empty, generic, one of `phrases`, or at most `max_words` words?"""
    plain = normalise(text)
    if not plain:
        return True
    if plain in phrases:
        return True
    if generic and (plain in GENERIC or _letters_below(plain, 3)):
        return True
    return bool(max_words) and len(_WORD.findall(plain)) <= max_words


def _letters_below(text: str, n: int) -> bool:
    """Fewer than n letters or digits ("-", "ok", "?!")?"""
    for c in text:
        if c.isalnum():
            n -= 1
            if n == 0:
                return False
    return True


def keyword_pattern(words: list[str]) -> re.Pattern[str]:
    """Matches any of `words` at the start of a word: `cancel` finds cancelled and cancellation."""
    alternatives = sorted((re.escape(normalise(w)) for w in words if normalise(w)), key=len, reverse=True)
    return re.compile(r"(?<![\w])(?:" + "|".join(alternatives) + ")")


def quote(value: Any, limit: int = 60) -> str:
    """An answer as a summary shows it: numbers plain, text in quotes (shortened), blank as blank."""
    if value is None or value == "":
        return "blank"
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return f"{value:g}"
    text = " ".join(as_text(value).split())
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return f"“{text}”"
