"""Whose copy a printed summary is, whose answer each column holds, and how it is written.

Read back from the PDF as a reader sees it: text positions (pdfplumber), metadata and
file modes, not the HTML the templates produced.
"""

from __future__ import annotations

import stat
from pathlib import Path

import pdfplumber
import pytest

from facilitator.demo import create_demo

CLOSING = "2026-10-20-closing-rajesh-lena"  # the demo's closing: mentee-only outcome ratings
FACILITATORS_COPY = "Facilitator’s copy — confidential"


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("demo")
    create_demo(root)
    return root


def _print(cli, demo: Path, out: Path, *extra: str) -> None:
    result = cli("--workspace", demo, "print", "summary", CLOSING, "-o", out, *extra)
    assert result.code == 0, result.err


def test_every_page_says_whose_copy_it_is(cli, demo, tmp_path):
    shared, private = tmp_path / "shared.pdf", tmp_path / "private.pdf"
    _print(cli, demo, shared)
    _print(cli, demo, private, "--audience", "facilitator")
    with pdfplumber.open(private) as pdf:
        assert len(pdf.pages) > 1
        assert all(FACILITATORS_COPY in page.extract_text() for page in pdf.pages)
        assert FACILITATORS_COPY in pdf.metadata["Title"]
    with pdfplumber.open(shared) as pdf:
        assert all("Shared copy" in page.extract_text() for page in pdf.pages)
        assert all("confidential" not in page.extract_text() for page in pdf.pages)
        assert "Shared copy" in pdf.metadata["Title"] and "Facilitator" not in pdf.metadata["Title"]


def _columns(page, header_words: list[str]) -> dict[str, tuple[float, float]]:
    """Each header cell's x range, from the table lines below the header words."""
    tables = page.find_tables()
    out = {}
    for table in tables:
        header = table.rows[0]
        for cell in header.cells:
            if cell is None:
                continue
            text = (page.crop(cell).extract_text() or "").split("\n")[0].strip()
            if text in header_words:
                out.setdefault(text, []).append((cell[0], cell[2], table))
    return out


def test_each_rating_lies_in_the_column_of_the_person_who_gave_it(cli, demo, tmp_path):
    out = tmp_path / "summary.pdf"
    _print(cli, demo, out)
    checked = 0
    with pdfplumber.open(out) as pdf:
        for page in pdf.pages:
            for table in page.find_tables():
                rows = table.extract()
                header = [(cell or "").split("\n")[0] for cell in rows[0]]
                if header[:2] != ["Code", "Statement"]:
                    continue
                people = [h for h in header[2:] if h != "Gap"]
                assert len(set(people)) == len(people), header
                for row in rows[1:]:
                    code = row[0]
                    values = row[2:2 + len(people)]
                    assert all(v not in (None, "") for v in values), (code, header, row)
                    if code in ("C-G1", "C-G2", "C-G3"):  # asked of the mentee only
                        assert people == ["Mentee"], (code, header)
                    if code.startswith("C-R"):  # asked of both: both columns, and the gap
                        assert people == ["Mentor", "Mentee"] and header[-1] == "Gap", (code, header)
                    checked += 1
    assert checked >= 15


def test_a_pdf_that_cannot_be_written_leaves_nothing_behind(cli, demo, tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    in_the_way = folder / "summary.pdf"
    in_the_way.mkdir()  # the PDF's name is taken by a folder: the write fails at the last step
    html = folder / "summary.html"
    result = cli("--workspace", demo, "print", "summary", CLOSING, "--audience", "facilitator",
                 "-o", in_the_way, "--html", html)
    assert result.code == 2
    problems = [line for line in result.err_lines if line.startswith("facilitator:")]
    assert len(problems) == 1 and "summary.pdf: cannot write" in problems[0], result.err
    assert "Traceback" not in result.err
    assert sorted(p.name for p in folder.iterdir()) == ["summary.html", "summary.pdf"]
    assert in_the_way.is_dir() and not any(in_the_way.iterdir())
    assert stat.S_IMODE(html.stat().st_mode) == 0o600  # the facilitator's HTML holds private answers


def test_a_folder_that_cannot_be_written_is_one_line(cli, demo, tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        probe = locked / "probe"
        try:
            probe.write_text("")
        except OSError:
            pass
        else:
            pytest.skip("running with permissions that ignore folder modes")
        result = cli("--workspace", demo, "print", "summary", CLOSING, "-o", locked / "s.pdf")
        problems = [line for line in result.err_lines if line.startswith("facilitator:")]
        assert result.code == 2 and len(problems) == 1 and "cannot write" in problems[0], result.err
        assert list(locked.iterdir()) == []
    finally:
        locked.chmod(0o700)
