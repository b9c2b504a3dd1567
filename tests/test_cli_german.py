"""The command line in German, as a facilitator who set `language = de` once meets it: the
real `facilitator` command in a process of its own, with its own config file and workspace.

What it says (help, progress, results, the one-line errors) is German, and no English string
the command line's code marks for the catalogue is left in it: each msgid of those modules is
cut into fixed pieces as tests/test_paper_german.py cuts the paper's (and at a `command`), and a piece is looked
for as whole words once the command line's own syntax (command and option names, metavars,
choices, backticked commands, paths) and the session's own words are taken out. Exit codes are
those of English; a bad or unknown language reads English and never stops a command.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_file

from facilitator import i18n
from tests.conftest import ROOT, SESSIONS, run_process

# the modules whose messages reach the terminal (the paper's words are tests/test_paper_german.py's)
CLI_MODULES = [*sorted((ROOT / "facilitator" / "cli").glob("*.py")), *(ROOT / "facilitator" / m for m in (
    "settings.py", "program.py", "library.py", "ids.py", "workspace.py", "records.py", "engine.py", "sheets.py",
    "casting.py", "tomlfile.py", "printing/catalogue.py", "scanning/batch.py"))]
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "N_": None}


def _msgids() -> set[str]:
    found = set()
    for path in CLI_MODULES:
        for _line, message, _comments, _context in extract_from_file("python", path, keywords=KEYWORDS):
            found.update([message] if isinstance(message, str) else message)
    return found


def english_pieces() -> set[str]:
    """Each marked msgid that German says differently, cut at its placeholders into pieces of
    at least five letters."""
    german = i18n.translations("de")
    pieces = set()
    for msgid in _msgids():
        if german.gettext(msgid) == msgid:
            continue  # "ID", "%(key)s = %(value)s in %(file)s": the same in German
        for piece in re.split(r"%\(\w+\)[sdr]|%[sr]|\{\w+\}|`[^`]*`|[“”\"`]", msgid):  # a command to type stays
            piece = piece.strip(" .:,;()·—-")
            if sum(c.isalpha() for c in piece) >= 5:
                pieces.add(piece)
    return pieces


def _syntax() -> set[str]:
    """The command line's own words, said in English in any language: commands, options, metavars, choices."""
    import argparse

    from facilitator.cli import build_parser

    words: set[str] = set()

    def walk(parser: argparse.ArgumentParser) -> None:
        for action in parser._actions:
            words.update(action.option_strings)
            if action.metavar:
                words.update([action.metavar] if isinstance(action.metavar, str) else action.metavar)
            if action.choices:
                words.update(map(str, action.choices))
                if isinstance(action, argparse._SubParsersAction):
                    for sub in action.choices.values():
                        walk(sub)

    walk(build_parser())
    from facilitator.settings import KEYS

    from facilitator.library import load_library

    roles = {role.id for entry in load_library().entries.values() for role in entry.session.roles}  # --role's
    from facilitator.model import KINDS

    return words | roles | set(KINDS) | set(KEYS) | {key.default for key in KEYS.values()}  # settings as `config` shows them


SYNTAX = _syntax()
OWN = {line.split("=", 1)[1].strip().strip('"') for path in SESSIONS.glob("*.toml")
       for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("title =")}


def _english_left(text: str, folder: Path) -> list[str]:
    text = text.replace(str(folder), "")
    text = re.sub(r"`[^`]*`|'[^']*'|\"[^\"]*\"|\S*/\S*|\[\w+\]", " ", text)  # a command, a value, a path, a TOML table
    for title in OWN:  # a session's own title, as its file writes it
        text = text.replace(title, " ")
    words = re.sub(r"[^\w\s-]", " ", text).split()
    text = " ".join(w for w in words if w not in SYNTAX)
    return sorted(piece for piece in english_pieces()
                  if re.search(r"(?<![\w-])" + re.escape(piece) + r"(?![\w-])", text))


@pytest.fixture(scope="module")
def german(tmp_path_factory):
    """A workspace with a pair and a started run, the user's config saying `language = de`."""
    root = tmp_path_factory.mktemp("cli-german")
    env = {"FACILITATOR_CONFIG": str(root / "config.toml"), "FACILITATOR_HOME": str(root / "ws")}

    def run(*args: str, code: int | None = 0):
        result = run_process(*args, env=env)
        if code is not None:
            assert result.code == code, (args, result.out, result.err)
        assert "Traceback" not in result.err, result.err
        return result

    assert run("config", "set", "language", "de").out.startswith("language = 'de' in ")
    run("pair", "add", "ana-ben", "--mentor", "Ana Ruiz", "--mentee", "Ben Ode", "--cohort", "fruehling")
    run.root = root
    return run


def _all_said(result) -> str:
    return result.out + result.err


def test_help_is_german_with_argparse_words_too(german):
    said = german("--help")
    text = said.out
    assert text.startswith("Aufruf: facilitator")
    assert "Optionen:" in text and "diese Hilfe anzeigen und beenden" in text
    assert "Mentoring-Sitzungen nach Drehbuch leiten" in text
    assert "die Sitzungsbibliothek auflisten" in text  # a command's one line
    assert "`facilitator BEFEHL --help` zeigt die Optionen eines Befehls." in text
    assert _english_left(text, german.root) == []


@pytest.mark.parametrize("command", [
    ("print", "worksheet"), ("print", "summary"), ("config",), ("config", "set"), ("pair", "add"), ("start",),
    ("import",), ("scan",), ("present",), ("validate",), ("answers",), ("export",), ("patterns",)])
def test_every_command_s_help_is_german(german, command):
    said = german(*command, "--help")
    assert said.out.startswith("Aufruf: facilitator " + " ".join(command))
    assert _english_left(said.out, german.root) == [], said.out


def test_printing_worksheets_says_what_it_does_in_german(german):
    out = german.root / "sheets.pdf"
    said = german("print", "worksheet", "midpoint", "--pair", "ana-ben", "-o", out)
    assert "Arbeitsblätter für Facilitated midpoint review werden gedruckt..." in said.err
    assert "Bogen für die Rolle mentor wird gesetzt" in said.err
    pages = re.fullmatch(r"Arbeitsblätter gedruckt: (\S+) \((\d+) Seiten \(2 Bögen\)\)\n", said.out)
    assert pages and pages[1] == str(out) and out.stat().st_size > 0, said.out
    assert _english_left(said.out, german.root) == []
    assert _english_left(re.sub(r"stamped \d+ of \d+ sheets", "", said.err), german.root) == []

    blank = german("print", "worksheet", "midpoint", "--role", "mentor", "-o", german.root / "blank.pdf")
    assert re.fullmatch(r"Arbeitsblätter gedruckt: \S+ \(\d+ Seiten\)\n", blank.out), blank.out


def test_listing_sessions_pairs_and_settings_is_german(german):
    sessions = german("sessions")
    head, *rows = sessions.out.splitlines()
    assert head.split() == ["ID", "ART", "MIN", "TITEL", "QUELLE"]
    assert rows and all(row.endswith("mitgeliefert") for row in rows)

    german("start", "midpoint", "--pair", "ana-ben")
    pairs = german("pairs").out
    assert "ana-ben: Ana Ruiz (Mentor/in) & Ben Ode (Mentee)  [fruehling]" in pairs
    assert "(offen bei Schritt 1)" in pairs

    config = german("config").out
    assert re.search(r"^paper +a4 +Standard$", config, re.M) and re.search(r"^logo +\(keiner\) +Standard$", config, re.M)
    assert "Ihre Einstellungen: " in config and "die dieses Arbeitsordners: " in config
    for said in (sessions.out, pairs, config):
        assert _english_left(said, german.root) == [], said


def test_validate_says_ok_in_german(german):
    sessions = german.root / "ws" / "sessions"
    sessions.mkdir(exist_ok=True)
    (sessions / "team-midpoint.toml").write_text((SESSIONS / "midpoint.toml").read_text(encoding="utf-8")
                                                 .replace('id = "midpoint"', 'id = "team-midpoint"', 1))
    said = german("validate")
    assert re.fullmatch(r"\S+team-midpoint\.toml: in Ordnung \(midpoint, \d+ Schritte, \d+ Minuten\)\n", said.out)
    broken = (SESSIONS / "midpoint.toml").read_text(encoding="utf-8").replace('id = "midpoint"', 'id = "team-midpoint"', 1)
    (sessions / "team-midpoint.toml").write_text(broken.replace("title =", "titel =", 1))
    said = german("validate", code=2)
    assert said.out == "" and said.err.endswith("team-midpoint.toml: titel: unbekannter Schlüssel `titel`"
                                                " (meinten Sie `title`?)\n"), said.err
    (sessions / "team-midpoint.toml").unlink()
    assert german("validate").out.startswith("nichts zu prüfen: ")


@pytest.mark.parametrize("args, says", [
    (("print", "worksheet", "nosuch"), "facilitator: keine Sitzung `nosuch`; `facilitator sessions` listet die"
                                       " Sitzungen auf"),
    (("print", "worksheet", "midpont"), "facilitator: keine Sitzung `midpont` (meinten Sie `midpoint`?)"),
    (("print", "worksheet", "midpoint", "--role", "mentr"), "die Sitzung `midpoint` hat keine Rolle `mentr`"
                                                            " (meinten Sie `mentor`?); Rollen: mentor, mentee"),
    (("print", "agreement", "ana-bne"), "facilitator: kein Tandem `ana-bne` (meinten Sie `ana-ben`?)"),
    (("config", "set", "paper", "a5"), "facilitator: paper: muss eines von a4, letter sein (gefunden: `a5`)"),
    (("config", "set", "papr", "a4"), "facilitator: unbekannte Einstellung `papr` (meinten Sie `paper`?)"),
    (("resume", "nosuch", "--print"), "facilitator: kein Durchgang `nosuch`; `facilitator pairs` listet die"),
    (("pair", "add", "ana-ben", "--mentor", "A", "--mentee", "B"), "facilitator: das Tandem `ana-ben` gibt es schon"),
    (("pair", "add", "Ana Ben", "--mentor", "A", "--mentee", "B"), "facilitator: Tandem-ID `Ana Ben`: verwenden Sie"
                                                                   " Kleinbuchstaben"),
    (("start", "midpoint"), "facilitator start: eines der Argumente --pair --cohort ist nötig (siehe"
                            " `facilitator start --help`)"),
    (("pair", "add", "x"), "facilitator pair add: diese Argumente fehlen: --mentor, --mentee"),
    (("bogus",), "facilitator: Argument COMMAND: ungültige Auswahl: 'bogus' (möglich: "),
    (("print", "guide", "midpoint", "--start", "9 Uhr"), "facilitator: --start 9 Uhr: erwartet wird eine Uhrzeit"),
    (("present", "--web", "--port", "0"), "facilitator: --port 0: ein Port ist eine Zahl von 1 bis 65535"),
    (("scan", "nowhere.pdf"), "facilitator: nowhere.pdf: Datei nicht gefunden"),
    (("validate", "nowhere.toml"), "nowhere.toml: Datei nicht gefunden"),
])
def test_a_bad_input_is_one_german_line_and_exit_2(german, args, says):
    said = german(*args, code=2)
    assert said.out == ""
    *before, refusal = said.err.splitlines()
    assert says in refusal and all(line.endswith("...") for line in before), said.err  # a progress note at most
    assert _english_left(said.err, german.root) == [], said.err


def test_the_environment_says_the_language_too_and_a_bad_one_reads_english(tmp_path):
    env = {"FACILITATOR_CONFIG": str(tmp_path / "config.toml"), "FACILITATOR_HOME": str(tmp_path / "ws")}
    said = run_process("print", "worksheet", "nosuch", env={**env, "FACILITATOR_LANGUAGE": "de"})
    assert (said.code, said.err) == (2, "facilitator: keine Sitzung `nosuch`; `facilitator sessions` listet die"
                                        " Sitzungen auf\n")
    # a language without a catalogue: English, as paper prints it
    said = run_process("print", "worksheet", "nosuch", env={**env, "FACILITATOR_LANGUAGE": "sv"})
    assert (said.code, said.err) == (2, "facilitator: no session `nosuch`; `facilitator sessions` lists them\n")
    # a bad value: the command says what is wrong, in English, in one line, exit 2, no traceback
    (tmp_path / "config.toml").write_text('language = "Deutsch"\n')
    said = run_process("config", env=env)
    assert said.code == 2 and said.err.count("\n") == 1 and "language: must be a language tag" in said.err
    said = run_process("print", "worksheet", "nosuch", env=env)
    assert (said.code, said.err) == (2, "facilitator: no session `nosuch`; `facilitator sessions` lists them\n")
    said = run_process("--help", env=env)
    assert said.code == 0 and said.out.startswith("usage: facilitator")


def test_in_process_the_language_is_the_command_s_only(tmp_path, monkeypatch, capsys):
    """main() speaks the setting's language and hands the process back in the language it had."""
    from facilitator.cli import main

    monkeypatch.setenv("FACILITATOR_LANGUAGE", "de")
    monkeypatch.setenv("FACILITATOR_HOME", str(tmp_path))
    assert main(["print", "worksheet", "nosuch"]) == 2
    assert "keine Sitzung" in capsys.readouterr().err
    assert i18n.current() == "en" and i18n._("options") == "options"


def test_listing_sessions_in_german_loads_no_heavy_library(tmp_path):
    code = ("from facilitator.cli import main\nimport json, sys\n"
            f"assert main(['--workspace', {str(tmp_path)!r}, 'sessions']) == 0\n"
            "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'weasyprint', 'jinja2'))))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                            env={**__import__("os").environ, "FACILITATOR_LANGUAGE": "de", "PYTHONPATH": str(ROOT)})
    assert result.returncode == 0, result.stderr
    assert "TITEL" in result.stdout and json.loads(result.stdout.splitlines()[-1]) == []


def test_the_check_finds_english_the_command_line_says():
    pieces = english_pieces()
    assert {"a name cannot be empty", "no session", "lists them", "show this help message and exit", "default"} <= pieces
    said = "facilitator: a name cannot be empty\nfacilitator: no session `x`; `facilitator sessions` lists them\n"
    assert {"a name cannot be empty", "lists them", "no session"} <= set(_english_left(said, Path("/nowhere")))
    assert _english_left("--workspace DIR  die Einstellung `workspace` [settings]", Path("/nowhere")) == []
