"""The bundled library printed in German (the program's `language` setting, as a facilitator
sets it once): no English word of the catalogue is left on any page, every PDF says it is
German, the longer German words still lay out (no heading ends a page, the scale heads every
page of ratings, no word sticks out of the column), and a session's own `language` wins over
the program's setting.

Which English strings are looked for (the documented rule, docs/translating.md): every msgid
of the catalogue, cut at its placeholders and markup into fixed pieces; a piece is looked for
when it has at least 5 letters (shorter ones, "Who", "Yes", "Min", are words a session's own
text uses too) and German says it differently. A piece found is excused only when the
session's own words hold it: the text of the session files, the demo's records and program (the
pattern library is translated, so its words are looked for too).
"""

from __future__ import annotations

import re
from pathlib import Path

import pypdf
import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from facilitator.cli import main
from tests import pdflayout
from tests.conftest import ROOT, SESSIONS
from tests.test_paper_library import _jobs, _workshop

LOCALE = ROOT / "facilitator" / "locale"
PO = LOCALE / "de" / "LC_MESSAGES" / "facilitator.po"


def _catalogue(path: Path = PO):
    with path.open("rb") as f:
        return read_po(f)


def english_pieces(only: set[str] | None = None) -> set[str]:
    """The fixed English pieces of the catalogue's msgids (of `only` those, where given) that
    German says differently: each msgid cut at its placeholders and markup, a piece kept when it
    has five letters or more."""
    pieces = set()
    for message in _catalogue():
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        german = message.string if isinstance(message.string, tuple) else (message.string,)
        for msgid in ids:
            if msgid in german or (only is not None and msgid not in only):
                continue  # said the same in German ("Name", "Mentee"), or not looked for here
            for piece in re.split(r"%\(\w+\)[sd]|\{\w+\}|<[^>]+>|\[/?\w+\]|[“”\"`]", msgid):
                piece = piece.strip(" .:,;()·—-…?!")
                if sum(c.isalpha() for c in piece) >= 5:
                    pieces.add(piece)
    return pieces


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\\n", " ").replace('\\"', '"'))


@pytest.fixture(scope="module")
def german(tmp_path_factory) -> dict[str, Path]:
    from facilitator.demo import create_demo

    root = tmp_path_factory.mktemp("german") / "demo"
    ws = create_demo(root)
    _workshop(ws)
    assert main(["config", "--workspace", str(root), "set", "language", "de"]) == 0  # program.toml [settings]
    out = {}
    for name, args in _jobs(ws):
        target = root.parent / "a4" / f"{name}.pdf"
        assert main(["--workspace", str(root), "print", *args, "-o", str(target)]) == 0, name
        out[name] = target
    # the pattern library is translated (names, descriptions, labels, evidence, questions, themes):
    # its English words are looked for like any other
    own = [p.read_text(encoding="utf-8") for p in (*SESSIONS.glob("*.toml"), *root.rglob("*.toml"))]
    out["_own"] = _flat("\n".join(own))  # type: ignore[assignment]
    return out


def test_every_document_of_the_library_has_no_english_label_left(german):
    own = german["_own"]
    pieces = english_pieces()
    assert len(pieces) > 120  # the rule leaves most of the catalogue to look for
    left = {}
    for name, path in german.items():
        if name == "_own":
            continue
        text = _flat(" ".join(page.extract_text() or "" for page in pypdf.PdfReader(path).pages))
        for piece in pieces:
            if re.search(r"(?<!\w)" + re.escape(piece) + r"(?!\w)", text) and piece not in own:
                left.setdefault(name, []).append(piece)
    assert not left, left


def test_every_pdf_says_it_is_german_and_reads_german_where_it_should(german):
    for name, path in german.items():
        if name == "_own":
            continue
        reader = pypdf.PdfReader(path)
        assert reader.trailer["/Root"].get("/Lang") == "de", name
        first = reader.pages[0].extract_text()
        assert "Seite 1 von" in first, name
    summary = next(p for n, p in german.items() if n.startswith("summary-") and n.endswith("-facilitator"))
    reader = pypdf.PdfReader(summary)
    assert "Exemplar der Moderation – vertraulich" in reader.metadata["/Title"]
    assert all("Exemplar der Moderation – vertraulich" in p.extract_text() for p in reader.pages)


def test_longer_german_words_still_lay_out(german):
    import pdfplumber

    margin = 17 / 25.4 * 72  # print.css: @page margin, left and right
    found = {}
    for name, path in german.items():
        if name == "_own":
            continue
        pages = pdflayout.read(path)
        if bad := pdflayout.last_heading(pages):
            found[name] = bad
        if name.startswith(("worksheet", "fillable", "packet", "plain")):
            if missing := pdflayout.pages_without_scale_head(pages, head="pro Zeile"):
                found[f"{name} scale"] = missing
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                for word in page.extract_words():
                    if word["x1"] > page.width - margin + 1.5 or word["x0"] < margin - 1.5:
                        found.setdefault(f"{name} column", []).append(f"page {page.page_number}: {word['text']}")
    assert not found, found


def test_the_sessions_language_wins_over_the_programs_setting(workspace, cli, tmp_path):
    """The program says German; a session file that says `language = "en"` prints English,
    and one that says nothing prints German. Unknown languages fall back to English words."""
    text = (SESSIONS / "closing.toml").read_text(encoding="utf-8")
    (workspace / "sessions").mkdir()
    for sid, language in (("closing-en", 'language = "en"\n'), ("closing-plain", ""), ("closing-xx", 'language = "xx"\n')):
        body = re.sub(r'(?m)^id = ".*"$', f'id = "{sid}"', text, count=1)
        body = re.sub(r"(?m)^(\[)", language + r"\1", body, count=1)  # a top-level key, before any table
        (workspace / "sessions" / f"{sid}.toml").write_text(body, encoding="utf-8")
    assert cli("config", "--workspace", workspace, "set", "language", "de").code == 0
    said = {}
    for sid in ("closing-en", "closing-plain", "closing-xx"):
        target = tmp_path / f"{sid}.pdf"
        result = cli("print", "worksheet", sid, "--role", "mentee", "-o", target)
        assert result.code == 0, result.err
        reader = pypdf.PdfReader(target)
        said[sid] = (reader.trailer["/Root"].get("/Lang"), reader.pages[0].extract_text())
    assert said["closing-en"][0] == "en" and "page 1 of" in said["closing-en"][1]
    assert said["closing-plain"][0] == "de" and "Seite 1 von" in said["closing-plain"][1]
    assert said["closing-xx"][0] == "xx" and "page 1 of" in said["closing-xx"][1]


def test_the_committed_catalogues_are_compiled_from_their_po_files():
    """`make messages` compiles each .po; a .po edited without it would print the old words."""
    catalogues = sorted(LOCALE.glob("*/LC_MESSAGES/facilitator.po"))
    assert catalogues
    for po in catalogues:
        from io import BytesIO

        compiled = BytesIO()
        write_mo(compiled, _catalogue(po))
        mo = po.with_suffix(".mo")
        assert mo.exists() and mo.read_bytes() == compiled.getvalue(), f"{po}: run `make messages`"


def test_every_german_message_is_translated_and_keeps_its_placeholders():
    for message in _catalogue():
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        assert all(strings), message.id
        # a role placeholder may start a German noun in capitals ({mentor} -> {Mentor}: "Mentor")
        wanted = {p.lower() for p in re.findall(r"%\(\w+\)[sd]|\{\w+\}", ids[-1])}
        for s in strings:
            assert {p.lower() for p in re.findall(r"%\(\w+\)[sd]|\{\w+\}", s)} <= wanted, (message.id, s)


def test_the_report_names_outcomes_and_themes_in_german(german):
    """The outcome names come from the pattern library's labels, the themes from its cohort
    patterns: both translated, and a German noun keeps its capital when a label opens a line."""
    text = _flat(" ".join(page.extract_text() or "" for page in pypdf.PdfReader(german["report"]).pages))
    for said in ("Beruflicher Aufstieg", "Kompetenzentwicklung", "Zugehörigkeitsgefühl", "Zeit und Terminfindung"):
        assert said in text, said
