"""Settings set once (issue 17): the user's config file, the workspace's program.toml, the
environment, the built-in defaults, in that order of weight (environment first), through
the real command line; a bad value refused in one line; the paper of a printed PDF read back."""

from __future__ import annotations

from pathlib import Path

import pypdf
import pytest

from facilitator.cli import main

LETTER = (612, 792)
A4 = (595, 842)


@pytest.fixture
def places(tmp_path, monkeypatch) -> tuple[Path, Path]:
    """A workspace with a pair, and the user's config folder (XDG_CONFIG_HOME), both empty of settings."""
    monkeypatch.delenv("FACILITATOR_CONFIG", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    home = tmp_path / "ws"
    monkeypatch.setenv("FACILITATOR_HOME", str(home))
    assert main(["pair", "add", "ana-ben", "--mentor", "Ana Ruiz", "--mentee", "Ben Ode"]) == 0
    return home, tmp_path / "config" / "facilitator" / "config.toml"


def _config(capsys) -> dict[str, tuple[str, str]]:
    capsys.readouterr()
    assert main(["config"]) == 0
    rows = {}
    for line in capsys.readouterr().out.splitlines():
        parts = line.split(None, 2)
        if len(parts) == 3 and not line.startswith("your"):
            rows[parts[0]] = (parts[1], parts[2])
    return rows


def _paper(path: Path) -> tuple[int, int]:
    box = pypdf.PdfReader(path).pages[0].mediabox
    return round(float(box.width)), round(float(box.height))


def test_workspace_over_user_over_default_and_the_environment_over_all(places, capsys, monkeypatch):
    home, user = places
    assert _config(capsys)["paper"] == ("a4", "default")
    assert main(["config", "set", "paper", "letter"]) == 0  # --user is the default
    assert 'paper = "letter"' in user.read_text()
    assert _config(capsys)["paper"][0] == "letter" and _config(capsys)["paper"][1].endswith("config.toml")
    assert main(["config", "set", "paper", "a4", "--workspace"]) == 0
    assert "[settings]" in (home / "program.toml").read_text()
    assert _config(capsys)["paper"] == ("a4", str(home / "program.toml")) or \
        _config(capsys)["paper"][1].endswith("program.toml")
    assert main(["pairs"]) == 0  # program.toml still reads with its settings
    monkeypatch.setenv("FACILITATOR_PAPER", "letter")
    assert _config(capsys)["paper"] == ("letter", "env FACILITATOR_PAPER")
    monkeypatch.delenv("FACILITATOR_PAPER")
    assert main(["config", "set", "paper", "", "--workspace"]) == 0  # empty: back to what is below
    assert _config(capsys)["paper"][0] == "letter"
    assert "[settings]" not in (home / "program.toml").read_text()


def test_print_uses_the_paper_setting_without_paper(places, tmp_path, capsys):
    home, _ = places
    out = tmp_path / "sheet.pdf"
    assert main(["print", "worksheet", "midpoint", "--role", "mentor", "-o", str(out)]) == 0
    assert _paper(out) == A4
    assert main(["config", "set", "paper", "letter"]) == 0
    assert main(["print", "worksheet", "midpoint", "--role", "mentor", "-o", str(out)]) == 0
    assert _paper(out) == LETTER
    assert main(["print", "worksheet", "midpoint", "--role", "mentor", "--paper", "a4", "-o", str(out)]) == 0
    assert _paper(out) == A4  # the option still wins


def test_facilitator_config_points_elsewhere(places, tmp_path, capsys, monkeypatch):
    elsewhere = tmp_path / "team.toml"
    elsewhere.write_text('theme = "high-contrast"\nlanguage = "de"\n')
    monkeypatch.setenv("FACILITATOR_CONFIG", str(elsewhere))
    rows = _config(capsys)
    assert rows["theme"] == ("high-contrast", str(elsewhere)) or rows["theme"][1].endswith("team.toml")
    assert rows["language"][0] == "de"


@pytest.mark.parametrize("text, says", [
    ('paper = "a5"', "paper: must be one of a4, letter (found `a5`)"),
    ('papr = "a4"', "papr: unknown setting (did you mean `paper`?)"),
    ("paper = 4", "paper: must be a string"),
    ('logo = "https://example.com/logo.png"', "logo: must be a file path, not a URL"),
    ('language = "Deutsch"', "language: must be a language tag"),
])
def test_a_bad_value_is_one_line_naming_the_file_and_the_key(places, capsys, text, says):
    _, user = places
    user.parent.mkdir(parents=True, exist_ok=True)
    user.write_text(text + "\n")
    capsys.readouterr()
    assert main(["config"]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "config.toml" in err and says in err, err


def test_a_bad_value_given_to_set_changes_nothing(places, capsys):
    _, user = places
    assert main(["config", "set", "theme", "blue"]) == 2
    assert "theme: must be one of default, high-contrast (found `blue`)" in capsys.readouterr().err
    assert not user.exists()
    assert main(["config", "set", "workspace", "/tmp/x", "--workspace"]) == 2  # a setting of the user's own


def test_the_logo_and_the_programs_name_head_every_document(places, tmp_path, capsys):
    home, _ = places
    png = home / "logo.png"
    import base64

    png.write_bytes(base64.b64decode(  # a 1x1 black PNG
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNgAAAAAgABSK+kcQAAAABJRU5ErkJggg=="))
    assert main(["config", "set", "logo", "logo.png", "--workspace"]) == 0
    assert main(["config", "set", "program_name", "Northside Mentors", "--workspace"]) == 0
    out = tmp_path / "agreement.pdf"
    assert main(["print", "worksheet", "midpoint", "--role", "mentor", "-o", str(out)]) == 0
    reader = pypdf.PdfReader(out)
    assert "NORTHSIDE MENTORS" in reader.pages[0].extract_text().upper()
    assert reader.metadata["/Author"] == "Northside Mentors"
    images = [x for x in reader.pages[0]["/Resources"].get("/XObject", {}).values()
              if x.get_object().get("/Subtype") == "/Image"]
    assert images, "the logo is drawn on the page"


@pytest.mark.parametrize("where", ["outside", "not-an-image", "missing"])
def test_a_logo_is_read_only_as_an_image_inside_the_workspace_or_config_folder(places, tmp_path, capsys, where):
    home, _ = places
    if where == "outside":
        target = tmp_path / "elsewhere.png"
        target.write_bytes(b"\x89PNG\r\n\x1a\n" + b"0" * 20)
        value = str(target)
    elif where == "not-an-image":
        (home / "passwd.svg").write_text("root:x:0:0\n")
        value = "passwd.svg"
    else:
        value = "nowhere.png"
    assert main(["config", "set", "logo", value, "--workspace"]) == 0
    capsys.readouterr()
    assert main(["print", "worksheet", "midpoint", "--role", "mentor", "-o", str(tmp_path / "x.pdf")]) == 2
    err = [line for line in capsys.readouterr().err.splitlines() if line.startswith("facilitator:")]
    assert len(err) == 1 and "logo:" in err[0] and "program.toml" in err[0], err
    assert not (tmp_path / "x.pdf").exists()
