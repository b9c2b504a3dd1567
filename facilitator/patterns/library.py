"""The pattern library: what a pattern file may say, and loading it with friendly errors.

Bundled patterns live in `facilitator/data/patterns.toml`; a facilitator adds or
replaces patterns (same id wins) in `WORKSPACE/patterns.toml`. Each pattern names a
declarative rule (a tagged union on `kind`) that refers to question *measures*, never to
question codes, so the rules also work on sessions facilitators write themselves.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal

import msgspec
from msgspec import Meta

from facilitator.i18n import gettext
from facilitator.errors import InvalidFile
from facilitator.model import Id, Measure, Strict, Text
from facilitator.patterns.kinds import BY_NAME, RULE_KINDS, Rule, kind_of, own_measures, placeholders, walk
from facilitator.patterns.kinds.base import LEVELS  # noqa: F401 -- the levels a pattern may have
from facilitator.patterns.text import ROLE_PLACEHOLDERS, with_roles
from facilitator.tomlfile import display, read_toml
from facilitator.validation import Problems, convert, did_you_mean

BUNDLED = Path(__file__).resolve().parent.parent / "data" / "patterns.toml"
FILE_NAME = "patterns.toml"
Level = Literal["pair", "cohort", "program"]


# ---------------------------------------------------------------- patterns


class Pattern(Strict, kw_only=True):
    id: Id
    name: Text
    level: Level
    description: Text
    rule: Rule
    evidence: Text
    questions: Annotated[list[Text], Meta(min_length=1)]


class _Head(Strict, kw_only=True):
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
    warnings: list[str] = field(default_factory=list)  # about the workspace's file: the user can act on them
    # the texts as written, with {mentor}-style role placeholders; `patterns` reads them with role ids
    templates: dict[str, Pattern] = field(default_factory=dict)
    # about the bundled file (a measure whose session is not installed): for its tests, not the user
    bundled_warnings: list[str] = field(default_factory=list)
    # the workspace file's own words, never translated: the measures it labels, its theme names
    own_labels: frozenset[str] = frozenset()
    own_themes: frozenset[str] = frozenset()

    def worded(self, pattern: Pattern, names: dict[str, str]) -> Pattern:
        """The pattern with its name, description and questions naming roles as a session does,
        in the current language when it is a bundled one."""
        raw = self.templates.get(pattern.id)
        return pattern if raw is None else worded(raw, names, self.sources.get(pattern.id) == "bundled")

    def get(self, pattern_id: str) -> Pattern | None:
        return next((p for p in self.patterns if p.id == pattern_id), None)

    def values(self) -> list[Pattern]:
        return list(self.patterns)

    def at(self, level: str) -> list[Pattern]:
        return [p for p in self.patterns if p.level == level]

    def label(self, measure: str, names: dict[str, str] | None = None) -> str:
        """How evidence names a measure, with `{mentee}`-style roles as a session names them
        (a bundled label in the current language, translated before the roles go in)."""
        text = self.labels.get(measure)
        if text is None:
            return measure.replace("_", " ")
        return with_roles(text if measure in self.own_labels else gettext(text), names or {})

    def theme(self, name: str) -> str:
        """A bundled theme's name ("time and scheduling") in the current language; the
        workspace's own as written."""
        return name if name in self.own_themes or not name.strip() else gettext(name)


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
    bundled_warnings: list[str] = []
    own_labels: set[str] = set()
    own_themes: set[str] = set()
    for path, source in sources:
        checked = check_pattern_file(path, known)
        if checked.problems.errors:
            raise InvalidFile(*checked.problems.errors)
        (bundled_warnings if source == "bundled" else warnings).extend(checked.problems.warnings)
        labels.update(checked.labels)
        if source == "workspace":
            own_labels.update(checked.labels)
            own_themes.update(theme for p in checked.patterns for r in walk(p.rule)
                              for theme in getattr(r, "themes", None) or ())
        for pattern_id in checked.disable:
            by_id.pop(pattern_id, None)
        for pattern in checked.patterns:
            by_id[pattern.id] = pattern  # a replaced pattern keeps its place
            origin[pattern.id] = source
    return PatternLibrary([worded(p, {}, origin[p.id] == "bundled") for p in by_id.values()], labels, origin,
                          warnings, dict(by_id), bundled_warnings, frozenset(own_labels), frozenset(own_themes))


def worded(pattern: Pattern, names: dict[str, str], translate: bool = True) -> Pattern:
    """The texts a person reads, with `{mentor}`, `{Mentee}`, ... as `names` (role id -> name) say.

    A bundled pattern's texts are read in the current language first (the catalogue:
    tools/babel_patterns.py), the roles put in after; a workspace's own pattern stays as written."""
    say = gettext if translate else str
    offered = placeholders(pattern.rule)
    evidence = _ROLE_IN_TEMPLATE.sub(lambda m: m[0] if m[1] in offered or m[1] not in ROLE_PLACEHOLDERS
                                     else with_roles(m[0], names), say(pattern.evidence))
    return msgspec.structs.replace(pattern, name=with_roles(say(pattern.name), names),
                                   description=with_roles(say(pattern.description), names), evidence=evidence,
                                   questions=[with_roles(say(q), names) for q in pattern.questions])


_ROLE_IN_TEMPLATE = re.compile(r"(?<!\{)\{([A-Za-z]+)\}(?!\})")


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
    if "rules" in BY_NAME[kind].table.__struct_fields__ and isinstance(rule.get("rules"), list):
        for j, sub in enumerate(rule["rules"]):
            ok = _check_kinds(sub, f"{where}.rules[{j + 1}]", problems) and ok
    return ok


def _check_rule(rule: Rule, level: str, where: str, problems: Problems, known: dict[str, set[str]] | None) -> None:
    kind = kind_of(rule)
    if level not in kind.levels:
        problems.error(f"{where}.kind", f"a `{kind.name}` rule works at the {' or '.join(kind.levels)} level;"
                                        f" this pattern's level is `{level}`")
        return
    for j, sub in enumerate(getattr(rule, "rules", ())):
        _check_rule(sub, level, f"{where}.rules[{j + 1}]", problems, known)
    for name, problem in kind.check(rule):
        problems.error(f"{where}.{name}" if name else where, problem)
    for name, problem in kind.advise(rule):
        problems.warn(f"{where}.{name}" if name else where, problem)
    if known is None:
        return
    named = own_measures(rule)
    for name, measure in named:
        if measure not in known:
            problems.warn(f"{where}.{name}",
                          f"no session uses the measure `{measure}`{did_you_mean(measure, sorted(known))}")
    options = set().union(*(known.get(m, set()) for _, m in named))
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
        elif name not in allowed and name not in ROLE_PLACEHOLDERS:  # a role's name: `{mentee}`
            problems.error(where, f"unknown placeholder {{{name}}}{did_you_mean(name, sorted(allowed))};"
                                  f" this rule offers: {', '.join('{' + a + '}' for a in sorted(allowed))}")
        elif spec and ("{" in spec):
            problems.error(where, f"placeholder {{{name}}}: nested placeholders are not supported")
