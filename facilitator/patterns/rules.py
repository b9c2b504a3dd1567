"""Evaluating the rule kinds on one run.

Every rule gives an Outcome: not applicable (the session does not ask what the rule
needs), hits (each with plain values for the evidence template and the exact answers
behind it), or what is missing (a party has not answered a measure the rule needs), so
a pattern is reported as lacking data rather than guessed.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from facilitator import model
from facilitator.patterns import library as lib
from facilitator.patterns.cadence import expected_from_term, weeks_between
from facilitator.patterns.context import Asked, RunView
from facilitator.patterns.text import as_text, keyword_pattern, normalise, quote, says_nothing
from facilitator.records import Entry


@dataclass
class Evidence:
    run: str
    code: str
    measure: str
    person: str
    role: str
    value: Any
    source: str = "answer"  # answer | agreement | commitment
    note: str = ""

    def to_json(self) -> dict[str, Any]:
        out = {"run": self.run, "code": self.code, "measure": self.measure, "person": self.person,
               "role": self.role, "value": self.value}
        if self.source != "answer":
            out["source"] = self.source
        if self.note:
            out["note"] = self.note
        return out


@dataclass
class Hit:
    values: dict[str, Any]
    evidence: list[Evidence]


@dataclass(frozen=True)
class Missing:
    measure: str = ""
    role: str = ""
    codes: tuple[str, ...] = ()
    what: str = ""  # something other than an answer, e.g. the agreement's cadence term

    def to_json(self) -> dict[str, Any]:
        if self.what:
            return {"what": self.what}
        return {"measure": self.measure, "role": self.role, "codes": list(self.codes)}


@dataclass
class Outcome:
    applicable: bool = True
    hits: list[Hit] = field(default_factory=list)
    missing: list[Missing] = field(default_factory=list)


NOT_APPLICABLE = Outcome(applicable=False)


def evaluate(rule: lib.Rule, view: RunView) -> Outcome:
    return _KINDS[type(rule)](rule, view)


# ---------------------------------------------------------------- helpers


def points(q: model.Question, value: Any) -> float | None:
    """A rating on the 1-5 scale the rules speak (other scales are rescaled); a count as it is."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    if isinstance(q, model.RatingQuestion):
        lo, hi = q.scale.min, q.scale.max
        return float(value) if (lo, hi) == (1, 5) else 1 + (value - lo) * 4 / (hi - lo)
    if isinstance(q, model.CountQuestion):
        return float(value)
    return None


def _ev(view: RunView, asked: Asked, person: str, role: str, entry: Entry | None) -> Evidence:
    return Evidence(view.record.id, asked.code, asked.measure, person, role, entry.value if entry else "")


class _Lazy(dict):
    """Template values made on first use: a program analysis only needs a summary now and then."""

    def __init__(self, make: Callable[[], dict[str, Any]], extra: dict[str, Any]):
        super().__init__(extra)
        self._make: Callable[[], dict[str, Any]] | None = make

    def __missing__(self, key: str) -> Any:
        if self._make is not None:
            make, self._make = self._make, None
            for k, v in make().items():
                self.setdefault(k, v)
            if key in self:
                return dict.__getitem__(self, key)
        raise KeyError(key)


def _values(view: RunView, said: list[tuple[Asked, str, str, Any]], joiner: str = " and ", **extra: Any
            ) -> dict[str, Any]:
    """The placeholders every kind offers, from (question, person, role, value) in order."""
    return _Lazy(lambda: _common(view, said, joiner), extra)


def _common(view: RunView, said: list[tuple[Asked, str, str, Any]], joiner: str) -> dict[str, Any]:
    labels = view.labels
    measures = list(dict.fromkeys(a.measure for a, *_ in said))
    by_who: dict[str, list[str]] = {}
    for _, p, r, v in said:
        by_who.setdefault(view.who(p, r), []).append(quote(v))
    return {
        "label": joiner.join(labels.label(m) for m in measures),
        "measure": ", ".join(measures),
        "code": "/".join(dict.fromkeys(a.code for a, *_ in said)),
        "question": said[0][0].question.text if said else "",
        "values": ", ".join(f"{who} {' / '.join(values)}" for who, values in by_who.items()),
        "who": join_words(list(by_who)),
    }


def join_words(words: list[str]) -> str:
    """"a", "a and b", "a, b and c"."""
    if len(words) < 2:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def _unanswered(view: RunView, measure: str, asked: list[Asked], roles: list[str] | tuple[str, ...]) -> list[Missing]:
    people = {r for x in asked for _, r in view.people_for(x, roles)}
    return [Missing(measure, r, tuple(x.code for x in asked if r in x.roles)) for r in sorted(people)]


# ---------------------------------------------------------------- per-question kinds


def _per_question(view: RunView, measures: list[str], roles: list[str], numeric: bool,
                  judge: Callable[[Asked, list[tuple[str, str, Entry]], list[tuple[str, str]]], tuple[list, bool]]
                  ) -> Outcome:
    """Shared walk for `level` and `choice`: each asked question, who answered, who did not.

    `judge` returns (the answers that make a hit, whether missing answers could still make one).
    """
    out = Outcome(applicable=False)
    for measure in measures:
        asked = [x for x in view.asked(measure) if (not numeric or x.numeric) and view.people_for(x, roles)]
        if not asked:
            continue
        out.applicable = True
        any_answer = False
        for x in asked:
            people = view.people_for(x, roles)
            answered = [(p, r, e) for p, r in people if (e := view.answer(x.code, p)) is not None]
            if not answered:
                continue
            any_answer = True
            silent = [(p, r) for p, r in people if view.answer(x.code, p) is None]
            chosen, undecided = judge(x, answered, silent)
            if chosen:
                said = [(x, p, r, e.value) for p, r, e in chosen]
                out.hits.append(Hit(_values(view, said), [_ev(view, x, p, r, e) for p, r, e in chosen]))
            elif undecided:
                out.missing += [Missing(measure, r, (x.code,)) for _, r in silent]
        if not any_answer:
            out.missing += _unanswered(view, measure, asked, roles)
    return out


def _level(rule: lib.Level_, view: RunView) -> Outcome:
    def holds(x: Asked, e: Entry) -> bool:
        v = points(x.question, e.value)
        if v is None:
            return False
        return v <= rule.at_most if rule.at_most is not None else v >= rule.at_least

    def judge(x, answered, silent):
        ok = [a for a in answered if holds(x, a[2])]
        if rule.match == "any":
            return ok, bool(silent)
        complete = len(ok) == len(answered)
        return (ok if complete and not silent else []), complete

    out = _per_question(view, rule.measures, rule.roles, True, judge)
    threshold = rule.at_most if rule.at_most is not None else rule.at_least
    for hit in out.hits:
        hit.values["threshold"] = f"{threshold:g}"
    return out


def _choice(rule: lib.Choice, view: RunView) -> Outcome:
    wanted = set(rule.values)

    def picked(value: Any) -> list[str]:
        return [v for v in (value if isinstance(value, list) else [value]) if as_text(v) in wanted]

    def judge(x, answered, silent):
        ok = [a for a in answered if picked(a[2].value)]
        if rule.match == "any":
            return ok, bool(silent)
        complete = len(ok) == len(answered)
        return (ok if complete and not silent else []), complete

    out = _per_question(view, rule.measures, rule.roles, False, judge)
    for hit in out.hits:
        hit.values["answer"] = " / ".join(dict.fromkeys(as_text(v) for e in hit.evidence for v in picked(e.value)))
    return out


def _gap(rule: lib.Gap, view: RunView) -> Outcome:
    a, b = rule.roles
    wanted = set(rule.measures)
    people = dict((r, p) for p, r in reversed(view.people))
    if a not in people or b not in people:
        return NOT_APPLICABLE
    out = Outcome(applicable=False)
    key = ("gap", a, b, tuple(rule.measures))
    if key not in view.index.memo:
        grouped: dict[str, list[Asked]] = {}
        for x in view.index.by_code.values():
            if x.measure and (x.measure in wanted if wanted else x.rating) and x.numeric \
                    and a in x.roles and b in x.roles:
                grouped.setdefault(x.measure, []).append(x)
        view.index.memo[key] = grouped
    by_measure: dict[str, list[Asked]] = view.index.memo[key]  # type: ignore[assignment]
    for measure, every in by_measure.items():
        asked = [x for x in every if x.step in view.reached]
        if not asked:
            continue
        out.applicable = True
        any_answer = False
        for x in asked:
            ea, eb = view.answer(x.code, people[a]), view.answer(x.code, people[b])
            if ea is None and eb is None:
                continue
            any_answer = True
            if ea is None or eb is None:
                out.missing.append(Missing(measure, a if ea is None else b, (x.code,)))
                continue
            va, vb = points(x.question, ea.value), points(x.question, eb.value)
            if va is not None and vb is not None and abs(va - vb) >= rule.min:
                said = [(x, people[a], a, ea.value), (x, people[b], b, eb.value)]
                values = _values(view, said, gap=f"{abs(va - vb):g}", **{a: quote(ea.value), b: quote(eb.value)})
                out.hits.append(Hit(values, [_ev(view, x, people[a], a, ea), _ev(view, x, people[b], b, eb)]))
        if not any_answer:
            out.missing += _unanswered(view, measure, asked, rule.roles)
    return out


def _exceeds(rule: lib.Exceeds, view: RunView) -> Outcome:
    people = dict((r, p) for p, r in reversed(view.people))
    left = [x for x in view.asked(rule.measure) if rule.role in x.roles]
    right = [x for x in view.asked(rule.over) if rule.over_role in x.roles]
    if not left or not right or rule.role not in people or rule.over_role not in people:
        return NOT_APPLICABLE
    pl, pr = people[rule.role], people[rule.over_role]
    found = []
    for side, person, role in ((left, pl, rule.role), (right, pr, rule.over_role)):
        answered = [(x, e) for x in side if (e := view.answer(x.code, person)) is not None]
        found.append(answered[0] if answered else None)
    if None in found:
        return Outcome(missing=[Missing(m, r, tuple(x.code for x in side)) for (side, m, r), f in
                                zip(((left, rule.measure, rule.role), (right, rule.over, rule.over_role)), found)
                                if f is None])
    (xl, el), (xr, er) = found
    vl, vr = _rank(xl.question, el.value), _rank(xr.question, er.value)
    if vl is None or vr is None or vl - vr < rule.by:
        return Outcome()
    said = [(xl, pl, rule.role, el.value), (xr, pr, rule.over_role, er.value)]
    values = _values(view, said, " vs ", by=f"{vl - vr:g}", **{rule.role: quote(el.value), rule.over_role: quote(er.value)})
    return Outcome(hits=[Hit(values, [_ev(view, xl, pl, rule.role, el), _ev(view, xr, pr, rule.over_role, er)])])


def _rank(q: model.Question, value: Any) -> float | None:
    """A comparable number: a choice's position among its options, else the answer's points."""
    if isinstance(q, model.ChoiceQuestion):
        return float(q.options.index(value)) if value in q.options else None
    return points(q, value)


# ---------------------------------------------------------------- text kinds


def _text(rule: lib.TextRule, view: RunView) -> Outcome:
    asked = [x for m in rule.measures for x in view.asked(m)]
    people = list(dict.fromkeys(pr for x in asked for pr in view.people_for(x, rule.roles)))
    if not people:
        return NOT_APPLICABLE
    phrases = frozenset(normalise(p) for p in rule.phrases)
    out = Outcome()
    qualifying: list[tuple[str, str, list, list]] = []
    refused = False
    for person, role in people:
        mine = [x for x in asked if role in x.roles]
        if not view.answered_in(person, {x.step for x in mine}):
            out.missing += [Missing(x.measure, role, (x.code,)) for x in mine]
            continue
        texts = [(x, view.answer(x.code, person)) for x in mine]
        if not all(says_nothing(as_text(e.value), phrases, rule.generic, rule.max_words) if e else rule.blank
                   for _, e in texts):
            refused = True
            continue
        ratings: list[tuple[Asked, Entry]] = []
        if rule.ratings_at_least is not None:
            ratings = [(x, e) for x in view.index.by_code.values()
                       if x.rating and role in x.roles
                       and (not rule.ratings or x.measure in rule.ratings)
                       and (e := view.answer(x.code, person)) is not None]
            if len(ratings) < rule.min_ratings:
                out.missing.append(Missing(", ".join(rule.ratings) or "ratings", role))
                continue
            if min(points(x.question, e.value) for x, e in ratings) < rule.ratings_at_least:
                refused = True
                continue
        qualifying.append((person, role, texts, ratings))
    if rule.match == "all" and (refused or out.missing):
        return Outcome(missing=[] if refused else out.missing)
    if not qualifying:
        return Outcome(missing=out.missing)
    said = [(x, p, r, e.value if e else "") for p, r, texts, _ in qualifying for x, e in texts]
    rated = [e.value for *_, ratings in qualifying for _, e in ratings]
    values = _values(view, said, text=", ".join(quote(v) for *_, v in said),
                     lowest=f"{min(rated):g}" if rated else "", ratings=str(len(rated)))
    evidence = [_ev(view, x, p, r, e) for p, r, texts, ratings in qualifying for x, e in [*texts, *ratings]]
    return Outcome(hits=[Hit(values, evidence)])


@functools.lru_cache(maxsize=256)
def _compiled(words: tuple[str, ...]) -> re.Pattern[str]:
    return keyword_pattern(list(words))


def _keywords(rule: lib.Keywords, view: RunView) -> Outcome:
    asked = [x for m in rule.measures for x in view.asked(m)]
    people = list(dict.fromkeys(pr for x in asked for pr in view.people_for(x, rule.roles)))
    if not people:
        return NOT_APPLICABLE
    answers = [(x, p, r, e) for p, r in people for x in asked if r in x.roles
               and (e := view.answer(x.code, p)) is not None and as_text(e.value).strip()]
    steps = {x.step for x in asked}
    if not answers and not any(view.answered_in(p, steps) for p, _ in people):  # a blank box is an answer
        return Outcome(missing=[m for measure in rule.measures
                                for m in _unanswered(view, measure, view.asked(measure), rule.roles)])
    out = Outcome()
    for theme, words in (rule.themes or {"": rule.keywords}).items():
        pattern = _compiled(tuple(words))
        matched = [(x, p, r, e, pattern.findall(_plain(view, e))) for x, p, r, e in answers]
        matched = [m for m in matched if m[4]]
        if len({p for _, p, *_ in matched}) < rule.min_people:
            continue
        said = [(x, p, r, e.value) for x, p, r, e, _ in matched]
        values = _values(view, said, theme=theme, count=str(len({p for _, p, *_ in matched})),
                         words=", ".join(dict.fromkeys(w for *_, found in matched for w in found)))
        out.hits.append(Hit(values, [_ev(view, x, p, r, e) for x, p, r, e, _ in matched]))
    return out


# ---------------------------------------------------------------- program context kinds


def _plain(view: RunView, entry: Entry) -> str:
    """An answer's text, normalised once per run."""
    key = ("plain", id(entry))
    if key not in view.memo:
        view.memo[key] = normalise(as_text(entry.value))
    return view.memo[key]  # type: ignore[return-value]


def _cadence(rule: lib.Cadence, view: RunView) -> Outcome:
    held_qs = view.asked(rule.held)
    if not view.is_pair or not held_qs:
        return NOT_APPLICABLE
    record, analysis = view.record, view.analysis
    held = [(x, p, r, e) for x in held_qs for p, r in view.people_for(x)
            if (e := view.answer(x.code, p)) is not None]
    cancelled = [(x, p, r, e) for x in view.asked(rule.cancelled) for p, r in view.people_for(x)
                 if (e := view.answer(x.code, p)) is not None]
    missing = [] if held else _unanswered(view, rule.held, held_qs, ())
    agreement = analysis.agreement_for(record)
    term = agreement.terms.get(rule.term, "") if agreement else ""
    since = analysis.kickoff(record.pair)
    weeks = weeks_between(since, record.created) if since else None
    expected = expected_from_term(term, max(weeks, 0.0)) if term and weeks is not None else None
    if not term:
        missing.append(Missing(what=f"the agreement's `{rule.term}` term"))
    elif weeks is None:
        missing.append(Missing(what="the pair's kickoff date (or an earlier run)"))
    elif expected is None:
        missing.append(Missing(what=f"a rhythm that can be read in the agreement's `{rule.term}` term: “{term}”"))
    if missing:
        return Outcome(missing=missing)
    assert agreement is not None and weeks is not None and expected is not None
    if expected < rule.min_expected:
        return Outcome()
    most = max(e.value for *_, e in held)  # the most generous report
    most_cancelled = max((e.value for *_, e in cancelled), default=None)
    below = most <= rule.share * expected
    many_cancelled = most_cancelled is not None and most_cancelled >= rule.cancellations and most < expected
    if not (below or many_cancelled):
        return Outcome()
    said = [(x, p, r, e.value) for x, p, r, e in held]
    values = _values(view, said, held=f"{most:g}", expected=str(expected), agreed=" ".join(term.split()),
                     weeks=f"{weeks:.0f}", since=since[:10],
                     cancelled=f"{most_cancelled:g}" if most_cancelled is not None else "not reported")
    evidence = [_ev(view, x, p, r, e) for x, p, r, e in [*held, *cancelled]]
    evidence.append(Evidence(record.id, "", "", "", "", term, source="agreement",
                             note=f"agreement version {agreement.version}, term `{rule.term}`"))
    return Outcome(hits=[Hit(values, evidence)])


def _streak(rule: lib.Streak, view: RunView) -> Outcome:
    record, analysis = view.record, view.analysis
    asked = view.asked(rule.measure)
    if not record.cohort or not (asked or rule.carried):
        return NOT_APPLICABLE
    now = {p: _status(rule, view, p) for p, _ in view.people}
    if not any(now.values()) and not any(view.answer(x.code, p) for x in asked for p, _ in view.people) \
            and not any(c.status != "open" for c in record.carried):
        return Outcome(missing=_unanswered(view, rule.measure, asked, ()) or
                       [Missing(what="the status of last meeting's commitments")])
    meetings = analysis.cohort_meetings(record.cohort)
    ids = [r.id for r in meetings]
    earlier = meetings[:ids.index(record.id)] if record.id in ids else [r for r in meetings
                                                                        if r.created <= record.created]
    views: list[RunView | None] = []  # built only as far back as some streak reaches
    out = Outcome()
    for person, role in view.people:
        runs = [now[person]] if now[person] else []
        while runs and len(runs) <= len(earlier):
            k = len(runs)
            if len(views) < k:
                views.append(analysis.view(earlier[-k]))
            found = _status(rule, views[k - 1], person) if views[k - 1] else []
            if not found:
                break
            runs.append(found)
        if len(runs) < rule.meetings:
            continue
        runs.reverse()  # oldest first
        evidence = [e for found in runs for e in found]
        values = {
            "label": analysis.patterns.label(rule.measure), "measure": rule.measure,
            "code": "/".join(dict.fromkeys(e.code for e in evidence if e.code)),
            "question": asked[0].question.text if asked else "",
            "values": ", ".join(quote(found[0].value) for found in runs),
            "who": view.who(person, role), "answer": " / ".join(dict.fromkeys(as_text(e.value) for e in evidence)),
            "meetings": str(len(runs)),
        }
        out.hits.append(Hit(values, evidence))
    return out


def _status(rule: lib.Streak, view: RunView, person: str) -> list[Evidence]:
    """The person's answers (and carried commitment statuses) in one run that match the rule."""
    role = view.role_of(person)
    found = [_ev(view, x, person, role, e) for x in view.asked(rule.measure)
             if (e := view.answer(x.code, person)) is not None and as_text(e.value) in rule.values]
    if rule.carried:
        code = next((x.code for x in view.index.by_code.values() if x.question.commitment), "")
        found += [Evidence(view.record.id, code, rule.measure, person, role, c.status, source="commitment",
                           note=c.text) for c in view.record.carried if c.person == person and c.status in rule.values]
    return found


def _prevalence(rule: lib.Prevalence, view: RunView) -> Outcome:
    return NOT_APPLICABLE  # a program view: see facilitator.patterns.program


# ---------------------------------------------------------------- combinations


def _any(rule: lib.AnyOf, view: RunView) -> Outcome:
    outcomes = [o for o in (evaluate(r, view) for r in rule.rules) if o.applicable]
    if len(outcomes) < rule.min:
        return NOT_APPLICABLE
    fired = [o for o in outcomes if o.hits]
    undecided = [o for o in outcomes if not o.hits and o.missing]
    if len(fired) >= rule.min:
        return Outcome(hits=[h for o in fired for h in o.hits])
    if len(fired) + len(undecided) >= rule.min:
        return Outcome(missing=[m for o in undecided for m in o.missing])
    return Outcome()


def _all(rule: lib.AllOf, view: RunView) -> Outcome:
    outcomes = [evaluate(r, view) for r in rule.rules]
    if not all(o.applicable for o in outcomes):
        return NOT_APPLICABLE
    if any(not o.hits and not o.missing for o in outcomes):
        return Outcome()
    if all(o.hits for o in outcomes):
        return Outcome(hits=[h for o in outcomes for h in o.hits])
    return Outcome(missing=[m for o in outcomes if not o.hits for m in o.missing])


_KINDS: dict[type, Callable[[Any, RunView], Outcome]] = {
    lib.Gap: _gap, lib.Level_: _level, lib.Choice: _choice, lib.TextRule: _text, lib.Keywords: _keywords,
    lib.Exceeds: _exceeds, lib.Cadence: _cadence, lib.Streak: _streak, lib.Prevalence: _prevalence,
    lib.AnyOf: _any, lib.AllOf: _all,
}
