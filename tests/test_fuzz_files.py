"""Damaged files, every command that reads them: exit 0 or 2, one line naming the file, nothing changed.

A property-based fuzzer (hypothesis) per file kind the tool reads. Each case starts from a
valid file of a small workspace (a finished run with answers and an agreement version, an
open run, a workspace pattern file, a filled answer sheet), damages it one way — a value of
another type, a huge or non-finite number, deep nesting, control characters, a removed key,
a duplicated table, truncation, random bytes — and runs one command that reads it. The
command must exit 0 or 2 and never 1; print no traceback and no Python exception name; on
exit 2 say, in each line, which file it is about; and, where it refused (or only reads), leave
every file of the workspace byte for byte as it was (.cache/ and out/ aside: the cache may be
refreshed, and out/ is where printing writes).

Each kind's known damage (the cases of issue 15) is tried first. A line that refuses what the
command was asked for (`no pair `ana-ben``) is right when the damaged file still loads, and
only then. A new file kind, or a new command that reads one, is one entry in KINDS; what fails
on today's code is named in its `xfail`, for whoever fixes the loader to remove.

The run is fixed (`derandomize`), so a failure found here is found again. How many cases
each kind tried is printed (`pytest -s`) and summed up at the end of the run.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import tomllib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from facilitator.cli import main

DATA = Path(__file__).resolve().parent / "data"

CASES: Counter[str] = Counter()  # cases tried per file kind, for the summary at the end of the run
EXAMPLES = 40  # per file kind and command
SLOW_EXAMPLES = 6  # for the commands that print a PDF

WORKSPACE_PATTERNS = '''\
disable = ["withdrawal"]

[labels]
fit = "how well we fit"

[[patterns]]
id = "low_communication"
name = "Low communication"
level = "pair"
description = "Someone finds it hard to talk openly."
evidence = "{label} ({code}: {values})"
questions = ["What is hard to say?"]
[patterns.rule]
kind = "level"
measures = ["cadence_fit"]
match = "any"
at_most = 2
'''

ANSWER_SHEET_ANSWERS = '''\
P-W1 = "Fixed slots work"
P-R1 = 3
P-N1 = 2
P-C1 = "Continue as we are"
P-A1 = "Monthly"
P-A2 = [["Lead a review", "March"]]
'''


# ---------------------------------------------------------------- the workspace every case starts from


@dataclass(frozen=True)
class Template:
    root: Path  # holds ws/ (the workspace) and sheet.toml (a filled answer sheet, outside it)
    finished: str  # ana-ben's finished run: answers, and version 1 of the pair's agreement
    open: str  # cy-di's open run, which a sheet is imported into


def _quiet_main(*args: str) -> None:
    import contextlib
    import io

    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        assert main(list(args)) == 0, args


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Template:
    from facilitator.engine import RunEngine
    from facilitator.workspace import Workspace

    root = tmp_path_factory.mktemp("fuzz-template")
    home = root / "ws"
    (home / "sessions").mkdir(parents=True)
    for f in DATA.glob("*.toml"):
        shutil.copy(f, home / "sessions")
    for pair, mentor, mentee in (("ana-ben", "Ana Ruiz", "Ben Ode"), ("cy-di", "Cy Lam", "Di Oko")):
        _quiet_main("--workspace", str(home), "pair", "add", pair, "--mentor", mentor, "--mentee", mentee,
                    "--cohort", "spring")
    ws = Workspace(home)
    with RunEngine.create(ws, "pair-review", pair="ana-ben") as run:
        for person, rating in (("ana-ruiz", 4), ("ben-ode", 1)):
            run.answer(person, "P-A1", "Every two weeks")
            run.answer(person, "P-R1", rating)
            run.answer(person, "P-W1", "Fixed slots")
        run.answer("ben-ode", "P-N1", 3)
        run.answer("ana-ruiz", "P-A2", [["Lead a review", "March"]])
        run.start_timer()
        run.next()
        run.next()
        assert run.finish() is not None  # the agreement's version 1
        finished = run.record.id
    with RunEngine.create(ws, "pair-review", pair="cy-di") as run:
        run.answer("cy-lam", "P-W1", "Fine")
        opened = run.record.id
    (home / "patterns.toml").write_text(WORKSPACE_PATTERNS, encoding="utf-8")
    sheet = root / "sheet.toml"
    _quiet_main("--workspace", str(home), "answers", "pair-review", "--role", "mentee", "-o", str(sheet))
    blank = sheet.read_text(encoding="utf-8")
    sheet.write_text(blank.split("[answers]")[0] + "[answers]\n" + ANSWER_SHEET_ANSWERS, encoding="utf-8")
    return Template(root, finished, opened)


# ---------------------------------------------------------------- damage


@dataclass(frozen=True)
class Damage:
    how: str
    data: bytes


class Raw(str):
    """A TOML literal written into the file as it is: what tomli-w would not write (a 5,000-digit integer)."""


REMOVE = object()  # the key is taken out
_PLACEHOLDER = "@@raw@@"


def edited(original: bytes, place: tuple, value: Any) -> Damage:
    """`original` with the value at `place` (keys and indices) replaced or removed, written back as TOML."""
    doc = tomllib.loads(original.decode("utf-8"))
    parent = doc
    for key in place[:-1]:
        parent = parent[key]
    where = ".".join(map(str, place))
    if value is REMOVE:
        del parent[place[-1]]
        return Damage(f"removed {where}", tomli_w.dumps(doc).encode())
    if isinstance(value, Raw):
        parent[place[-1]] = _PLACEHOLDER
        shown = f"{value[:20]}… ({len(value)} characters)" if len(value) > 30 else value
        return Damage(f"{where} = {shown}", tomli_w.dumps(doc).replace(f'"{_PLACEHOLDER}"', value).encode())
    parent[place[-1]] = value
    return Damage(f"{where} = {value!r:.60}", tomli_w.dumps(doc).encode())


HUGE = Raw("9" * 5000)  # over the 4,300 digits Python turns into an int
HUGE_DIGITS = st.integers(4301, 6000)
HOSTILE_TEXT = st.sampled_from(["\x1b[2J", "a\x00b", "\x07\x08\x7f", "\r", "line\u2028sep", "\u202eevil", "\ufeff",
                                "", " ", "=1+1", "-2+3+cmd|' /C calc'!A0", "x" * 100_000])
CONTROL_TEXT = st.text(st.characters(codec="utf-8", categories=("Cc", "Cf", "Zl", "Zp", "L")), max_size=20)
OTHER_VALUES = st.one_of(
    st.integers(-(2**70), 2**70), st.sampled_from([0, -1, 999, 2**63, -(2**63) - 1, 10**100]),
    st.floats(allow_nan=True, allow_infinity=True), st.sampled_from([float("nan"), float("inf"), -float("inf")]),
    st.booleans(), st.text(max_size=20), HOSTILE_TEXT, CONTROL_TEXT,
    st.lists(st.integers(-3, 3), max_size=3), st.just([]), st.just({}), st.just([[1, 2], [3]]),
    st.dictionaries(st.text("abc", min_size=1, max_size=3), st.integers(0, 9), max_size=2),
    st.just(date(2026, 1, 1)), st.just(datetime(2026, 1, 1, 9, 30)),
)
RAW_LITERALS = st.one_of(
    HUGE_DIGITS.map(lambda n: Raw("9" * n)), HUGE_DIGITS.map(lambda n: Raw("-" + "1" * n)),
    st.sampled_from([Raw(v) for v in ("nan", "inf", "-inf", "1e400", "0x" + "f" * 5000, "00", "+0")]),
    st.integers(50, 5000).map(lambda d: Raw("[" * d + "]" * d)),
    st.integers(50, 3000).map(lambda d: Raw("{a = " * d + "1" + " }" * d)),
)
# values are where the loaders have the most to check: a value swap is drawn most often
WAYS = ["other value"] * 4 + ["raw literal"] * 2 + ["remove"] * 2 + [
    "duplicate table", "duplicate line", "truncate", "overwrite bytes", "insert text", "random bytes"]


def _places(doc: Any, at: tuple = ()) -> list[tuple]:
    """Every place a value sits in a parsed TOML document, by its keys and indices."""
    places = [at] if at else []
    if isinstance(doc, dict):
        for key, value in doc.items():
            places += _places(value, (*at, key))
    elif isinstance(doc, list):
        for i, value in enumerate(doc):
            places += _places(value, (*at, i))
    return places


@st.composite
def damaged(draw, original: bytes) -> Damage:
    """One way of damaging `original`: in its values (then written back as TOML), or in its text."""
    way = draw(st.sampled_from(WAYS))
    if way in ("other value", "raw literal", "remove"):
        place = draw(st.sampled_from(_places(tomllib.loads(original.decode("utf-8")))))
        value = REMOVE if way == "remove" else draw(OTHER_VALUES if way == "other value" else RAW_LITERALS)
        return edited(original, place, value)
    lines = original.splitlines(keepends=True)
    headers = [i for i, line in enumerate(lines) if line.lstrip().startswith(b"[")]
    if way == "duplicate table" and headers:
        first = draw(st.sampled_from(headers))
        end = next((h for h in headers if h > first), len(lines))
        return Damage(f"table at line {first + 1} repeated", b"".join(lines[:end] + lines[first:end] + lines[end:]))
    if way in ("duplicate table", "duplicate line"):
        i = draw(st.integers(0, len(lines) - 1))
        return Damage(f"line {i + 1} repeated", b"".join(lines[:i + 1] + lines[i:]))
    if way == "truncate":
        n = draw(st.integers(0, len(original) - 1))
        return Damage(f"cut at byte {n}", original[:n])
    if way == "overwrite bytes":
        at = draw(st.integers(0, len(original) - 1))
        junk = draw(st.binary(min_size=1, max_size=16))
        return Damage(f"{junk!r} over byte {at}", original[:at] + junk + original[at + len(junk):])
    if way == "insert text":
        at = draw(st.integers(0, len(original)))
        text = draw(st.one_of(CONTROL_TEXT, HOSTILE_TEXT, st.text(max_size=10))).encode("utf-8")
        return Damage(f"{text[:30]!r} inserted at byte {at}", original[:at] + text + original[at:])
    return Damage("random bytes", draw(st.binary(max_size=300)))


# ---------------------------------------------------------------- file kinds and the commands that read them


@dataclass(frozen=True)
class Command:
    name: str  # as the xfail marks and the report name it
    args: Callable[[Template, Path], list[str]]  # given the template and this case's copy of the file
    writes: bool = False  # may change the workspace when it succeeds
    examples: int = EXAMPLES


@dataclass(frozen=True)
class FileKind:
    name: str
    file: Callable[[Template], Path]  # where the file is, in the template
    commands: tuple[Command, ...]
    known: tuple[tuple[tuple, Any], ...] = ()  # (place, value): damage every command is tried on first
    readable: Callable[[Path], object] | None = None  # loads a damaged file that is still good, else raises
    xfail: dict[str, str] = field(default_factory=dict)  # command name -> what fails on today's code


def _fixed(*args: str) -> Callable[[Template, Path], list[str]]:
    return lambda t, path: list(args)


def _run(*before: str, after: tuple[str, ...] = (), run: str = "finished") -> Callable[[Template, Path], list[str]]:
    return lambda t, path: [*before, getattr(t, run), *after]


def _program(path: Path) -> object:
    from facilitator.program import check_program
    from facilitator.tomlfile import read_toml

    return check_program(read_toml(path), str(path))


def _agreement(path: Path) -> object:
    from facilitator.agreements import load_agreement

    return load_agreement(path.parent, path.stem)


def _session(path: Path) -> object:
    from facilitator.definitions import check_file

    checked = check_file(path)
    assert checked.session is not None
    return checked.session


START = Command("start", _fixed("start", "pair-review", "--pair", "ana-ben"), writes=True)
EXPORT_JSON = Command("export --format json", _fixed("export", "--format", "json"))
PROGRAM_FIGURES = Command("patterns --program", _fixed("patterns", "--program"))
NAN = float("nan")

KINDS: tuple[FileKind, ...] = (
    FileKind("program.toml", lambda t: t.root / "ws" / "program.toml", (
        Command("pairs", _fixed("pairs")),
        Command("sessions", _fixed("sessions")),
        START,
        Command("export", _fixed("export")),
        PROGRAM_FIGURES,
    ), known=((("name",), HUGE), (("pairs", 0, "mentor"), "nobody"), (("people",), REMOVE)), readable=_program),
    FileKind("record", lambda t: t.root / "ws" / "records" / f"{t.finished}.toml", (
        Command("resume --print", _run("resume", after=("--print",))),
        Command("patterns RUN --json", _run("patterns", after=("--json",))),
        EXPORT_JSON,
        Command("pairs", _fixed("pairs")),
        Command("print summary", _run("print", "summary"), examples=SLOW_EXAMPLES),
    ), known=((("step",), 999), (("step",), -1), (("participants",), []), (("timers", 0, "elapsed"), NAN),
              (("entries", 0, "value"), [[1, 2], [3]]), (("entries", 1, "value"), "two"),
              (("entries", 1, "value"), 99999999), (("step",), HUGE), (("session",), "gone")),
),
    FileKind("agreement", lambda t: t.root / "ws" / "agreements" / "ana-ben.toml", (
        START,
        EXPORT_JSON,
        PROGRAM_FIGURES,
        Command("print agreement", _fixed("print", "agreement", "ana-ben"), examples=SLOW_EXAMPLES),
    ), known=((("pair",), "cy-di"), (("versions", 0, "version"), HUGE), (("versions",), [])), readable=_agreement),
    FileKind("session", lambda t: t.root / "ws" / "sessions" / "pair-review.toml", (
        Command("validate", lambda t, path: ["validate", str(path)]),
        Command("sessions", _fixed("sessions")),
        START,
    ), known=((("minutes",), HUGE), (("id",), 0), (("steps",), [])), readable=_session,
),
    FileKind("patterns.toml", lambda t: t.root / "ws" / "patterns.toml", (
        Command("patterns RUN", _run("patterns")),
        Command("patterns --list", _fixed("patterns", "--list")),
    ), known=((("labels", "fit"), HUGE), (("patterns", 0, "rule", "at_most"), NAN),
              (("patterns", 0, "rule", "kind"), "nope"))),
    FileKind("answer sheet", lambda t: t.root / "sheet.toml", (
        Command("import --role", lambda t, path: ["import", t.open, "--role", "mentee", str(path)], writes=True),
    ), known=((("answers", "P-R1"), HUGE), (("answers", "P-R1"), NAN), (("answers", "P-W1"), "\x1b[2J"),
              (("answers", "P-A2"), [[1, 2], [3]]), (("person",), 7))),
)


# ---------------------------------------------------------------- what every command must do with it

EXCEPTION_NAME = re.compile(r"Traceback|unexpected error|\b[A-Z]\w*(?:Error|Exception|Warning)\b|StopIteration")
PROGRESS = re.compile(r"^(printing |laying out |stamping |analysing )")
# a refusal of what the command was asked for, right when the damaged file is still good (no pair left)
ARGUMENT_REFUSAL = re.compile(r"^facilitator: (no (pair|session|run|cohort|person) `[^`]+`"
                              r"|pair `[^`]+` has no agreement)")


def _hashes(workspace: Path) -> dict[str, str]:
    ignored = (workspace / ".cache", workspace / "out")
    return {str(p.relative_to(workspace)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(workspace.rglob("*")) if p.is_file() and not any(d in p.parents for d in ignored)}


def problems_with(code: int, err: str, file: Path, before: dict[str, str], after: dict[str, str],
                  writes: bool, still_good: Callable[[], bool]) -> list[str]:
    """What the command did wrong, in words; [] when it behaved."""
    found = []
    if code not in (0, 2):
        found.append(f"exit {code}")
    if EXCEPTION_NAME.search(err):
        found.append("a traceback or Python exception name on stderr")
    if code == 2:
        lines = [line for line in err.splitlines() if line.strip() and not PROGRESS.match(line)]
        if not lines:
            found.append("exit 2 without a word")
        for line in lines:
            if file.name not in line and not (ARGUMENT_REFUSAL.match(line) and still_good()):
                found.append(f"a line that does not name {file.name}: {line[:200]!r}")
    if before != after and (code != 0 or not writes):
        changed = sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
        found.append(f"the workspace changed ({', '.join(changed)}) though the command "
                     f"{'refused' if code else 'only reads'}")
    return found


# ---------------------------------------------------------------- the fuzzer


def _still_good(kind: FileKind, file: Path) -> bool:
    if kind.readable is None:
        return False
    try:
        kind.readable(file)
    except Exception:
        return False
    return True


def _examples(damages) -> Callable:
    """The kind's known damage, tried before the drawn cases."""

    def decorate(test: Callable) -> Callable:
        for damage in damages:
            test = example(damage=damage)(test)
        return test
    return decorate


def _huge_integers_refused() -> bool:
    """Whether the TOML reader refuses a 5,000-digit integer in one line yet (it raised ValueError: exit 1)."""
    import tempfile

    from facilitator.errors import InvalidFile
    from facilitator.tomlfile import read_toml

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "huge.toml"
        path.write_text(f"n = {HUGE}\n", encoding="utf-8")
        try:
            read_toml(path)
        except InvalidFile:
            return True
        except ValueError:
            return False
    return False


# Every file kind fails on a 5,000-digit integer until the reader guards it: that reason lifts
# itself when it does, and the fuzzer then holds each command to everything else.
HUGE_INTEGERS = "an integer over 4,300 digits: ValueError, exit 1 (tomlfile.read_toml)"
HUGE_INTEGERS_HARMLESS = {("program.toml", "sessions"), ("agreement", "start")}  # they pass on today's code


def _marks(kind: FileKind, command: Command) -> list:
    reasons = [kind.xfail[command.name]] if command.name in kind.xfail else []
    if (kind.name, command.name) not in HUGE_INTEGERS_HARMLESS and not _huge_integers_refused():
        reasons.append(HUGE_INTEGERS)
    return [pytest.mark.xfail(strict=False, reason="; ".join(reasons))] if reasons else []


CASES_TO_RUN = [pytest.param(kind, command, id=f"{kind.name}:{command.name}", marks=_marks(kind, command))
                for kind in KINDS for command in kind.commands]


@pytest.mark.parametrize(("kind", "command"), CASES_TO_RUN)
def test_damaged_files_exit_2_naming_the_file_and_change_nothing(kind, command, template, cli, tmp_path):
    original = kind.file(template).read_bytes()
    tried = 0

    @settings(max_examples=command.examples, deadline=None, derandomize=True, database=None,
              suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                     HealthCheck.data_too_large, HealthCheck.large_base_example])
    @given(damage=damaged(original))
    @_examples(edited(original, place, value) for place, value in kind.known)
    def check(damage: Damage) -> None:
        nonlocal tried
        tried += 1
        CASES[kind.name] += 1
        case = tmp_path / f"case-{tried}"
        shutil.copytree(template.root, case, symlinks=True)
        file = case / kind.file(template).relative_to(template.root)
        file.write_bytes(damage.data)
        workspace = case / "ws"
        before = _hashes(workspace)
        args = command.args(Template(case, template.finished, template.open), file)
        result = cli("--workspace", workspace, *args)
        found = problems_with(result.code, result.err, file, before, _hashes(workspace), command.writes,
                              lambda: _still_good(kind, file))
        shutil.rmtree(case)
        assert not found, f"`facilitator {' '.join(args)}` on {damage.how}: {'; '.join(found)}\n" \
                          f"stderr: {result.err[:1500]}"

    try:
        check()
    finally:
        print(f"\nfuzz: {kind.name} × {command.name}: {tried} case(s) tried")
