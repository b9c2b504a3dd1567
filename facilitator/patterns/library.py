"""The pattern library: what a pattern file may say, and loading it with friendly errors.

Bundled patterns live in `facilitator/data/patterns.toml`; a facilitator adds or
replaces patterns (same id wins) in `WORKSPACE/patterns.toml`. Each pattern names a
declarative rule (a tagged union on `kind`) that refers to question *measures*, never to
question codes, so the rules also work on sessions facilitators write themselves.
"""

from __future__ import annotations

import string
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal, Union

import msgspec
from msgspec import Meta

from facilitator.errors import InvalidFile
from facilitator.model import Id, Measure, Text
from facilitator.tomlfile import display, read_toml
from facilitator.validation import Problems, convert, did_you_mean

BUNDLED = Path(__file__).resolve().parent.parent / "data" / "patterns.toml"
FILE_NAME = "patterns.toml"
LEVELS = ("pair", "cohort", "program")

Level = Literal["pair", "cohort", "program"]
Match = Literal["all", "any"]
Points = Annotated[float, Meta(ge=0, le=10)]
Share = Annotated[float, Meta(gt=0, le=1)]


class _Strict(msgspec.Struct, forbid_unknown_fields=True, kw_only=True, omit_defaults=True):
    pass


class _Rule(_Strict, tag_field="kind", kw_only=True):
    pass


# ---------------------------------------------------------------- rule kinds


class Gap(_Rule, tag="gap", kw_only=True):
    """Two roles answer the same question at least `min` points apart."""

    measures: list[Measure] = msgspec.field(default_factory=list)  # empty: every rating both answer
    roles: Annotated[list[Id], Meta(min_length=2, max_length=2)] = msgspec.field(
        default_factory=lambda: ["mentor", "mentee"])
    min: Annotated[float, Meta(gt=0, le=10)] = 2


class Level_(_Rule, tag="level", kw_only=True):
    """Answers at or below / at or above a value: from every role (`all`) or from one (`any`)."""

    measures: Annotated[list[Measure], Meta(min_length=1)]
    roles: list[Id] = msgspec.field(default_factory=list)  # empty: everyone who answers
    at_most: Points | None = None
    at_least: Points | None = None
    match: Match = "all"


class Choice(_Rule, tag="choice", kw_only=True):
    """A choice answered with one of `values`."""

    measures: Annotated[list[Measure], Meta(min_length=1)]
    values: Annotated[list[Text], Meta(min_length=1)]
    roles: list[Id] = msgspec.field(default_factory=list)
    match: Match = "any"


class TextRule(_Rule, tag="text", kw_only=True):
    """Text answers that say nothing (blank, generic, very short), optionally while ratings are high."""

    measures: Annotated[list[Measure], Meta(min_length=1)]
    roles: list[Id] = msgspec.field(default_factory=list)
    match: Match = "all"
    blank: bool = True  # an empty box counts as saying nothing
    generic: bool = True  # "nothing", "n/a", "all good", "-", ... count as saying nothing
    phrases: list[Text] = msgspec.field(default_factory=list)  # more answers that say nothing
    max_words: Annotated[int, Meta(ge=0, le=50)] = 0  # answers this short count too (0: off)
    ratings_at_least: Points | None = None  # ... while every rating of the same person is this high
    ratings: list[Measure] = msgspec.field(default_factory=list)  # which ratings (empty: all they gave)
    min_ratings: Annotated[int, Meta(ge=1, le=50)] = 3


class Keywords(_Rule, tag="keywords", kw_only=True):
    """Keywords (or named themes of keywords) in text answers, from at least `min_people` people."""

    measures: Annotated[list[Measure], Meta(min_length=1)]
    roles: list[Id] = msgspec.field(default_factory=list)
    keywords: list[Text] = msgspec.field(default_factory=list)
    themes: dict[str, Annotated[list[Text], Meta(min_length=1)]] = msgspec.field(default_factory=dict)
    min_people: Annotated[int, Meta(ge=1, le=100)] = 1


class Exceeds(_Rule, tag="exceeds", kw_only=True):
    """One role's answer is above another's (ratings, counts, or the order of a choice's options)."""

    measure: Measure
    role: Id
    over: Measure
    over_role: Id
    by: Annotated[float, Meta(gt=0, le=100)] = 1


class Cadence(_Rule, tag="cadence", kw_only=True):
    """Meetings held against the rhythm in the pair's agreement and the time since the kickoff."""

    held: Measure = "meetings_held"
    cancelled: Measure = "meetings_cancelled"
    term: Id = "cadence"
    share: Share = 0.6  # held at most this share of the expected meetings
    cancellations: Annotated[int, Meta(ge=1, le=100)] = 3  # or this many cancelled while below the rhythm
    min_expected: Annotated[int, Meta(ge=1, le=100)] = 2  # too early to judge below this


class Streak(_Rule, tag="streak", kw_only=True):
    """The same person answers with one of `values` in consecutive cohort meetings."""

    measure: Measure
    values: Annotated[list[Text], Meta(min_length=1)]
    meetings: Annotated[int, Meta(ge=2, le=24)] = 2
    carried: bool = False  # also count the status of carried commitments


class Prevalence(_Rule, tag="prevalence", kw_only=True):
    """A pair pattern found in at least `share` of a cohort's pairs."""

    patterns: list[Id] = msgspec.field(default_factory=list)  # empty: every pair pattern
    share: Share = 0.34
    min_pairs: Annotated[int, Meta(ge=1, le=10000)] = 3


class AnyOf(_Rule, tag="any", kw_only=True):
    """At least `min` of the rules hold."""

    rules: Annotated[list[Rule], Meta(min_length=1)]
    min: Annotated[int, Meta(ge=1)] = 1


class AllOf(_Rule, tag="all", kw_only=True):
    """Every rule holds."""

    rules: Annotated[list[Rule], Meta(min_length=1)]


Rule = Union[Gap, Level_, Choice, TextRule, Keywords, Exceeds, Cadence, Streak, Prevalence, AnyOf, AllOf]
RULE_KINDS = tuple(cls.__struct_config__.tag for cls in Rule.__args__)

# where each kind makes sense
KIND_LEVELS = {
    "gap": ("pair",), "exceeds": ("pair",), "cadence": ("pair",),
    "level": ("pair", "cohort"), "choice": ("pair", "cohort"), "text": ("pair", "cohort"),
    "keywords": ("pair", "cohort"), "streak": ("cohort",), "prevalence": ("program",),
    "any": LEVELS, "all": LEVELS,
}

# the {placeholders} each kind offers to the evidence template
COMMON = frozenset({"label", "measure", "code", "question", "values", "who"})
PLACEHOLDERS: dict[str, frozenset[str]] = {
    "gap": COMMON | {"gap"},
    "level": COMMON | {"threshold"},
    "choice": COMMON | {"answer"},
    "text": COMMON | {"text", "lowest", "ratings"},
    "keywords": COMMON | {"theme", "words", "count"},
    "exceeds": COMMON | {"by"},
    "cadence": COMMON | {"held", "expected", "agreed", "weeks", "cancelled", "since"},
    "streak": COMMON | {"answer", "meetings"},
    "prevalence": frozenset({"pattern", "pattern_name", "cohort", "pairs", "total", "share"}),
}


def placeholders(rule: Rule) -> frozenset[str]:
    """What an evidence template may name for this rule (for any/all: what every part offers)."""
    if isinstance(rule, (AnyOf, AllOf)):
        sets = [placeholders(r) for r in rule.rules]
        return frozenset.intersection(*sets)
    extra: set[str] = set()
    if isinstance(rule, Gap):
        extra = set(rule.roles)
    elif isinstance(rule, Exceeds):
        extra = {rule.role, rule.over_role}
    return PLACEHOLDERS[kind_of(rule)] | extra


def kind_of(rule: Rule) -> str:
    return rule.__struct_config__.tag


def walk(rule: Rule):
    """The rule and every rule inside it."""
    yield rule
    for sub in getattr(rule, "rules", ()):
        yield from walk(sub)


def measures_of(rule: Rule) -> list[tuple[str, str]]:
    """(field, measure) for every measure a rule names, for the did-you-mean check."""
    if isinstance(rule, (AnyOf, AllOf)):
        return [m for r in rule.rules for m in measures_of(r)]
    out = [("measures", m) for m in getattr(rule, "measures", [])]
    out += [("ratings", m) for m in getattr(rule, "ratings", [])]
    for name in ("measure", "over", "held", "cancelled"):
        if hasattr(rule, name):
            out.append((name, getattr(rule, name)))
    return out


# ---------------------------------------------------------------- patterns


class Pattern(_Strict, kw_only=True):
    id: Id
    name: Text
    level: Level
    description: Text
    rule: Rule
    evidence: Text
    questions: Annotated[list[Text], Meta(min_length=1)]


class _Head(_Strict, kw_only=True):
    """A pattern without its rule: checked apart so one mistake does not hide the next."""

    id: Id
    name: Text
    level: Level
    description: Text
    evidence: Text
    questions: Annotated[list[Text], Meta(min_length=1)]


_TOP = {"format": int, "labels": dict[Measure, Text], "disable": list[Id], "patterns": list}


@dataclass
class PatternLibrary:
    patterns: list[Pattern]
    labels: dict[str, str]
    sources: dict[str, str] = field(default_factory=dict)  # pattern id -> "bundled" | "workspace"
    warnings: list[str] = field(default_factory=list)

    def get(self, pattern_id: str) -> Pattern | None:
        return next((p for p in self.patterns if p.id == pattern_id), None)

    def values(self) -> list[Pattern]:
        return list(self.patterns)

    def at(self, level: str) -> list[Pattern]:
        return [p for p in self.patterns if p.level == level]

    def label(self, measure: str) -> str:
        return self.labels.get(measure) or measure.replace("_", " ")


@dataclass
class _Checked:
    patterns: list[Pattern]
    labels: dict[str, str]
    disable: list[str]
    problems: Problems


def load_patterns(workspace_root: Path | None = None, known: dict[str, set[str]] | None = None) -> PatternLibrary:
    """The bundled patterns, then the workspace's (same id replaces, `disable` removes).

    `known` maps each measure the sessions use to the options its choice questions offer;
    a pattern naming a measure or an option nobody uses gets a warning with a did-you-mean.
    Raises InvalidFile (one line per problem) when a pattern file does not validate.
    """
    sources: list[tuple[Path, str]] = [(BUNDLED, "bundled")]
    if workspace_root is not None and (workspace_root / FILE_NAME).is_file():
        sources.append((workspace_root / FILE_NAME, "workspace"))
    by_id: dict[str, Pattern] = {}
    origin: dict[str, str] = {}
    labels: dict[str, str] = {}
    warnings: list[str] = []
    for path, source in sources:
        checked = check_pattern_file(path, known)
        if checked.problems.errors:
            raise InvalidFile(*checked.problems.errors)
        warnings += checked.problems.warnings
        labels.update(checked.labels)
        for pattern_id in checked.disable:
            by_id.pop(pattern_id, None)
        for pattern in checked.patterns:
            by_id[pattern.id] = pattern  # a replaced pattern keeps its place
            origin[pattern.id] = source
    return PatternLibrary(list(by_id.values()), labels, origin, warnings)


def check_pattern_file(path: Path, known: dict[str, set[str]] | None = None) -> _Checked:
    try:
        doc = read_toml(path)
    except InvalidFile as exc:
        problems = Problems(display(path))
        problems.errors += exc.lines
        return _Checked([], {}, [], problems)
    return check_patterns_document(doc, display(path), known)


def check_patterns_document(doc: dict[str, Any], where: str, known: dict[str, set[str]] | None = None) -> _Checked:
    problems = Problems(where)
    for key in doc:
        if key not in _TOP:
            problems.error(key, f"unknown key `{key}`{did_you_mean(key, list(_TOP))}")
    labels = convert(doc.get("labels", {}), _TOP["labels"], problems, "labels") or {}
    disable = convert(doc.get("disable", []), _TOP["disable"], problems, "disable") or []
    convert(doc.get("format", 1), Annotated[int, Meta(ge=1, le=1)], problems, "format")
    raw = doc.get("patterns", [])
    if not isinstance(raw, list):
        problems.error("patterns", "expected an array of tables: [[patterns]]")
        raw = []
    patterns: list[Pattern] = []
    first: dict[str, str] = {}
    for i, item in enumerate(raw):
        pattern = _check_pattern(item, f"patterns[{i + 1}]", problems, known)
        if pattern is None:
            continue
        if pattern.id in first:
            problems.error(f"patterns[{i + 1}].id", f"duplicate pattern id `{pattern.id}` (already used at {first[pattern.id]})")
            continue
        first[pattern.id] = f"patterns[{i + 1}].id"
        patterns.append(pattern)
    return _Checked(patterns, labels, disable, problems)


def _check_pattern(item: Any, where: str, problems: Problems, known: dict[str, set[str]] | None) -> Pattern | None:
    if not isinstance(item, dict):
        problems.error(where, "expected a table ([[patterns]])")
        return None
    before = len(problems.errors)
    head = convert({k: v for k, v in item.items() if k != "rule"}, _Head, problems, where)
    rule = None
    if "rule" not in item:
        problems.error(f"{where}.rule", "missing (required)")
    elif _check_kinds(item["rule"], f"{where}.rule", problems):
        rule = convert(item["rule"], Rule, problems, f"{where}.rule")
    if head is None or rule is None or len(problems.errors) > before:
        return None
    pattern = Pattern(rule=rule, **msgspec.structs.asdict(head))
    _check_rule(rule, pattern.level, f"{where}.rule", problems, known)
    _check_template(pattern.evidence, placeholders(rule), f"{where}.evidence", problems)
    return pattern if len(problems.errors) == before else None


def _check_kinds(rule: Any, where: str, problems: Problems) -> bool:
    """msgspec names an unknown tag without a did-you-mean: check `kind` first, nested rules too."""
    if not isinstance(rule, dict):
        return True  # msgspec says what was expected
    kind = rule.get("kind")
    if kind is None:
        problems.error(f"{where}.kind", f"missing (required): one of {', '.join(RULE_KINDS)}")
        return False
    if kind not in RULE_KINDS:
        problems.error(f"{where}.kind",
                       f"unknown kind `{kind}`{did_you_mean(str(kind), RULE_KINDS)}; expected one of: {', '.join(RULE_KINDS)}")
        return False
    ok = True
    if kind in ("any", "all") and isinstance(rule.get("rules"), list):
        for j, sub in enumerate(rule["rules"]):
            ok = _check_kinds(sub, f"{where}.rules[{j + 1}]", problems) and ok
    return ok


def _check_rule(rule: Rule, level: str, where: str, problems: Problems, known: dict[str, set[str]] | None) -> None:
    kind = kind_of(rule)
    if level not in KIND_LEVELS[kind]:
        problems.error(f"{where}.kind", f"a `{kind}` rule works at the {' or '.join(KIND_LEVELS[kind])} level;"
                                        f" this pattern's level is `{level}`")
        return
    if isinstance(rule, (AnyOf, AllOf)):
        for j, sub in enumerate(rule.rules):
            _check_rule(sub, level, f"{where}.rules[{j + 1}]", problems, known)
        if isinstance(rule, AnyOf) and rule.min > len(rule.rules):
            problems.error(f"{where}.min", f"min is {rule.min} but there are only {len(rule.rules)} rules")
        return
    if isinstance(rule, Level_) and (rule.at_most is None) == (rule.at_least is None):
        problems.error(where, "say `at_most` or `at_least` (exactly one of them)")
    if isinstance(rule, Keywords) and bool(rule.keywords) == bool(rule.themes):
        problems.error(where, "say `keywords` or `themes` (exactly one of them)")
    if isinstance(rule, Gap) and rule.roles[0] == rule.roles[1]:
        problems.error(f"{where}.roles", "a gap needs two different roles")
    if known is None:
        return
    for name, measure in measures_of(rule):
        if measure not in known:
            problems.warn(f"{where}.{name}",
                          f"no session uses the measure `{measure}`{did_you_mean(measure, sorted(known))}")
    measures = getattr(rule, "measures", None) or [getattr(rule, "measure", "")]
    options = set().union(*(known.get(m, set()) for m in measures))
    for k, value in enumerate(getattr(rule, "values", [])):
        if options and value not in options:
            problems.warn(f"{where}.values[{k + 1}]",
                          f"no question offers `{value}`{did_you_mean(value, sorted(options))}")


def _check_template(template: str, allowed: frozenset[str], where: str, problems: Problems) -> None:
    """Evidence templates are plain str.format_map templates over plain values: names only."""
    try:
        parts = list(string.Formatter().parse(template))
    except ValueError as exc:
        problems.error(where, f"not a valid template ({exc}); write a literal brace as {{{{ or }}}}")
        return
    for _, name, spec, _ in parts:
        if name is None:
            continue
        if not name.isidentifier():
            problems.error(where, f"placeholder {{{name}}}: use a plain name such as {{code}}"
                                  " (no dots, brackets or numbers)")
        elif name not in allowed:
            problems.error(where, f"unknown placeholder {{{name}}}{did_you_mean(name, sorted(allowed))};"
                                  f" this rule offers: {', '.join('{' + a + '}' for a in sorted(allowed))}")
        elif spec and ("{" in spec):
            problems.error(where, f"placeholder {{{name}}}: nested placeholders are not supported")
