"""Reading free text plainly: answers that say nothing, keywords that are not negated, short quotes.

An answer "says nothing" when every clause of it does: "Not much, to be honest" is the
generic "not much" plus a filler, while "Not much, but she showed me her dashboards"
says something in its second clause. A keyword counts only when no negation comes
shortly before it in the same clause: "she never decides for me" is not dependency, and
"we don't need a rematch" is not a request for one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from facilitator.i18n import _, current, format_number
from facilitator.presentation import answer_text as as_text

# Answers that fill the box without saying anything. Compared per clause, after
# lower-casing, trimming end punctuation and dropping fillers ("really", "to be honest");
# anything with fewer than three letters or digits ("-", "ok", "?", "...") counts as well.
GENERIC = frozenset({
    "nothing", "nothing much", "nothing to add", "nothing to report", "nothing comes to mind", "nothing special",
    "nothing in particular", "nothing new", "none", "no", "nope", "n/a", "na", "n.a", "not applicable",
    "all good", "all fine", "all is well", "all well", "all ok", "all okay", "fine", "good", "ok", "okay",
    "everything", "everything is fine", "everything is good", "everything works", "everything is working",
    "no complaints", "no issues", "no problems", "nothing is not working", "it's all good", "its all good",
    "it's fine", "it is fine", "we are fine", "we're fine", "all going well", "going well", "it's going well",
    "idk", "don't know", "dont know", "i don't know", "not sure", "same as always", "see above", "as above",
    "not much", "not a lot", "hard to say", "can't think of anything", "cannot think of anything",
})
# Words and phrases that qualify a clause without adding to it.
FILLERS = ("to be honest", "if i'm honest", "if i am honest", "to be fair", "honestly", "tbh", "really", "so far",
           "at the moment", "for now", "right now", "i think", "i guess", "i suppose", "as such", "sadly",
           "unfortunately", "yet", "just", "in particular", "at all", "to report", "lol", "haha", "thanks")
_FILLER = re.compile(r"\b(?:" + "|".join(re.escape(f) for f in sorted(FILLERS, key=len, reverse=True)) + r")\b")
_CLAUSE = re.compile(r"[.,;:!?()\n]+|\s+-+\s+|\bbut\b|\bhowever\b|\balthough\b|\bthough\b")
_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)?")


def normalise(text: str) -> str:
    text = " ".join(text.lower().replace("’", "'").split())
    return text.strip(" .!,;:")


def clauses(plain: str) -> list[str]:
    """The parts of a normalised answer, split at punctuation and at "but" and its kin."""
    return [c for c in (" ".join(part.split()) for part in _CLAUSE.split(plain)) if c]


def says_nothing(text: str, phrases: frozenset[str] | set[str], generic: bool, max_words: int) -> bool:
    """Is this answer empty, generic, one of `phrases`, or at most `max_words` words?

    Generic and `phrases` are matched clause by clause with fillers dropped, so a hedge
    around "not much" still says not much; every clause must say nothing."""
    plain = normalise(text)
    if not plain:
        return True
    if plain in phrases or (generic and (plain in GENERIC or _letters_below(plain, 3))):
        return True
    if max_words and len(_WORD.findall(plain)) <= max_words:
        return True
    parts = clauses(plain)
    return bool(parts) and all(_clause_says_nothing(c, phrases, generic) for c in parts)


def _clause_says_nothing(clause: str, phrases: frozenset[str] | set[str], generic: bool) -> bool:
    bare = " ".join(_FILLER.sub(" ", clause).split()).strip(" .!,;:-")
    if not bare:
        return True  # only fillers ("to be honest")
    return bare in phrases or clause in phrases or (generic and (bare in GENERIC or _letters_below(bare, 3)))


def _letters_below(text: str, n: int) -> bool:
    """Fewer than n letters or digits ("-", "ok", "?!")?"""
    for c in text:
        if c.isalnum():
            n -= 1
            if n == 0:
                return False
    return True


# ---------------------------------------------------------------- keywords, negation-aware

NEGATIONS = frozenset({"not", "no", "never", "nobody", "none", "nothing", "neither", "nor", "without", "hardly",
                       "barely", "seldom", "cannot", "cant", "won't", "wont", "don't", "dont", "doesn't", "doesnt",
                       "didn't", "didnt", "isn't", "isnt", "aren't", "arent", "wasn't", "wasnt", "weren't",
                       "haven't", "hasn't", "hadn't", "shouldn't", "wouldn't", "couldn't", "can't", "no longer"})
NEGATION_WINDOW = 4  # words before a keyword, in its clause, where a negation cancels it
_BREAK = re.compile(r"[.,;:!?()\n]|\bbut\b|\bhowever\b|\balthough\b|\bthough\b")


def _negated_before(text: str, start: int) -> bool:
    """Is there a negation among the few words before `start`, in the same clause?"""
    before = text[:start]
    breaks = list(_BREAK.finditer(before))
    if breaks:
        before = before[breaks[-1].end():]
    words = _WORD.findall(before)[-NEGATION_WINDOW:]
    return any(w in NEGATIONS or w.endswith("n't") for w in words) or "no longer" in " ".join(words)


@dataclass(frozen=True)
class Matcher:
    """Keywords, each matching the start of a word (`cancel` finds "cancelled"), unless negated."""

    pattern: re.Pattern[str]

    @classmethod
    def of(cls, words: list[str] | tuple[str, ...]) -> Matcher:
        return cls(keyword_pattern(list(words)))

    def findall(self, plain: str) -> list[str]:
        """The keywords found in a normalised text, in order, leaving out negated ones."""
        return [m.group(0) for m in self.pattern.finditer(plain) if not _negated_before(plain, m.start())]

    def search(self, plain: str) -> bool:
        return bool(self.findall(plain))


def keyword_pattern(words: list[str]) -> re.Pattern[str]:
    """Matches any of `words` at the start of a word: `cancel` finds cancelled and cancellation."""
    alternatives = sorted((re.escape(normalise(w)) for w in words if normalise(w)), key=len, reverse=True)
    return re.compile(r"(?<![\w])(?:" + "|".join(alternatives) + ")")


# Single words too common in mentors' answers to mark a theme: nearly every meeting has
# someone saying "goal" or "honest". A theme needs a phrase ("unclear goal").
STOP_STEMS = frozenset({"goal", "goals", "objective", "honest", "stuck", "time", "work", "meet", "meeting", "talk",
                        "help", "plan", "progress", "trust", "surface", "direction", "busy", "open", "feel",
                        "learn", "team", "role", "job", "good", "bad", "hard", "new", "change"})


# ---------------------------------------------------------------- content words, for overlap

_STOP = frozenset("""a an the and or but if of to in on at by for from with about into over after before than then so
as is are was were be been being am do does did have has had i me my mine we us our you your he him his she her they
them their it its this that these those what which who whom whose how when where why want wants wanted would could
should will can may might must get gets got really more most much very some any all each every one two own just
also within year years month months next first able like""".split())
_SUFFIXES = ("ations", "ation", "ments", "ment", "ships", "ship", "ings", "ing", "ers", "er", "ies", "es", "ed",
             "ly", "s")


def content_words(text: str) -> list[str]:
    """The words that carry meaning, roughly stemmed: "Leading a team" -> ["lead", "team"]."""
    out = []
    for word in _WORD.findall(normalise(text)):
        if len(word) < 3 or word in _STOP or word in NEGATIONS:
            continue
        for suffix in _SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= 4:
                word = word[: -len(suffix)]
                break
        out.append(word)
    return list(dict.fromkeys(out))


def same_stem(a: str, b: str) -> bool:
    short, long = sorted((a, b), key=len)
    return long.startswith(short) and len(short) >= 4 or a == b


def overlap(a: list[str], b: list[str]) -> float:
    """The share of the shorter list's words that the other shares (0 with an empty list)."""
    short, long = sorted((a, b), key=len)
    if not short:
        return 0.0
    return sum(any(same_stem(w, v) for v in long) for w in short) / len(short)


# ---------------------------------------------------------------- role names

_ROLE = re.compile(r"\{([A-Za-z][A-Za-z0-9_-]*)\}")


# languages that write every noun with a capital: a role's name stays as the session writes it
NOUNS_CAPITALISED = frozenset({"de", "lb"})


def role_word(name: str) -> str:
    """A role's name inside a sentence: "Reverse mentor" -> "reverse mentor"; "HR partner" stays
    (and in German every noun keeps its capital: "Mentee")."""
    if len(name) > 1 and name[1].isupper() or current().split("-")[0].split("_")[0].lower() in NOUNS_CAPITALISED:
        return name
    return name[:1].lower() + name[1:]


# role placeholders an evidence template may use besides what its rule offers
ROLE_WORDS = frozenset({"mentor", "mentee", "sponsor", "stakeholder", "manager", "guest"})
ROLE_PLACEHOLDERS = ROLE_WORDS | {w.capitalize() for w in ROLE_WORDS}


def with_roles(text: str, names: dict[str, str], keep: frozenset[str] = frozenset()) -> str:
    """`{mentor}` -> the session's name for that role, in a sentence; `{Mentor}` -> at its start.
    A role the session does not have reads as its id ("{sponsor}" -> "sponsor"); names in
    `keep` (what an evidence template's rule offers, such as a gap's `{mentor}` answer) stay."""
    def one(m: re.Match[str]) -> str:
        word = m[1]
        if word in keep:
            return m[0]
        name = names.get(word.lower()) or word.lower().replace("_", " ")
        return name[:1].upper() + name[1:] if word[0].isupper() else role_word(name)

    return _ROLE.sub(one, text)


def percent(share: float) -> str:
    """A share as the language writes it: 67% in English, 67 % in German."""
    return _("%(num)s%%") % {"num": number(round(share * 100))}


def number(value: float) -> str:
    """A number as short as `:g` writes it, with the language's decimal mark (7,5 in German)."""
    return f"{value:g}" if current().startswith("en") else format_number(value)


def quote(value: Any, limit: int = 60) -> str:
    """An answer as a summary shows it: numbers plain, text in quotes (shortened), blank as blank."""
    if value is None or value == "":
        return _("blank")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return number(value)
    text = " ".join(as_text(value).split())
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return _("“%(text)s”") % {"text": text}  # German quotes „so“
