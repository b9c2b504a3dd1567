"""`keywords`: keywords (or named themes of keywords) in text answers, from at least `min_people` people."""

from __future__ import annotations

import functools
from typing import Annotated

import msgspec
from msgspec import Meta

from facilitator.model import Text
from facilitator.patterns.context import RunView
from facilitator.patterns.evaluation import NOT_APPLICABLE, Hit, Outcome
from facilitator.patterns.evaluation import asked_and_who, cite, template_values, unanswered
from facilitator.patterns.kinds.base import COMMON, PAIR_OR_COHORT, AnswersRule, RuleKind
from facilitator.patterns.text import STOP_STEMS, Matcher, as_text, normalise
from facilitator.records import Entry


class Keywords(AnswersRule, tag="keywords", kw_only=True):
    """Keywords (or named themes of keywords) in text answers, from at least `min_people` people."""

    keywords: list[Text] = msgspec.field(default_factory=list)
    themes: dict[str, Annotated[list[Text], Meta(min_length=1)]] = msgspec.field(default_factory=dict)
    min_people: Annotated[int, Meta(ge=1, le=100)] = 1


@functools.lru_cache(maxsize=256)
def compiled_keywords(words: tuple[str, ...]) -> Matcher:
    """The negation-aware matcher for some keywords (every keyword rule and the program's themes use it)."""
    return Matcher.of(words)


def _keywords(rule: Keywords, view: RunView) -> Outcome:
    asked, people = asked_and_who(view, rule.measures, rule.roles)
    if not people:
        return NOT_APPLICABLE
    answers = [(x, p, r, e) for p, r in people for x in asked if r in x.roles
               and (e := view.answer(x.code, p)) is not None and as_text(e.value).strip()]
    steps = {x.step for x in asked}
    if not answers and not any(view.answered_in(p, steps) for p, _ in people):  # a blank box is an answer
        return Outcome(missing=[m for measure in rule.measures
                                for m in unanswered(view, measure, view.asked(measure), rule.roles)])
    out = Outcome()
    for theme, words in (rule.themes or {"": rule.keywords}).items():
        pattern = compiled_keywords(tuple(words))
        matched = [(x, p, r, e, pattern.findall(_plain(view, e))) for x, p, r, e in answers]
        matched = [m for m in matched if m[4]]
        if len({p for _, p, *_ in matched}) < rule.min_people:
            continue
        said = [(x, p, r, e.value) for x, p, r, e, _ in matched]
        values = template_values(view, said, theme=view.labels.theme(theme), count=str(len({p for _, p, *_ in matched})),
                         words=", ".join(dict.fromkeys(w for *_, found in matched for w in found)))
        out.hits.append(Hit(values, [cite(view, x, p, r, e) for x, p, r, e, _ in matched]))
    return out


def _plain(view: RunView, entry: Entry) -> str:
    """An answer's text, normalised once per run."""
    key = ("plain", id(entry))
    if key not in view.memo:
        view.memo[key] = normalise(as_text(entry.value))
    return view.memo[key]  # type: ignore[return-value]


def _check(rule: Keywords) -> list[tuple[str, str]]:
    if bool(rule.keywords) == bool(rule.themes):
        return [("", "say `keywords` or `themes` (exactly one of them)")]
    return []


def _advise(rule: Keywords) -> list[tuple[str, str]]:
    common = [(f"themes.{theme}", word) for theme, words in rule.themes.items() for word in words
              if normalise(word) in STOP_STEMS]
    return [(where, f"`{word}` is too common to mark a theme (it turns up in most meetings);"
                    f" use a phrase, e.g. “unclear {normalise(word)}”") for where, word in common]


KEYWORDS = RuleKind(Keywords, PAIR_OR_COHORT, _keywords, COMMON | {"theme", "words", "count"},
                    measures=("measures",), check=_check, advise=_advise)
