"""Hostile and damaged PDFs given to `facilitator import`: each is refused with exit 2 and one
line naming the file, no traceback, pypdf's own chatter kept off the terminal, and the
records folder byte-for-byte as it was. The PDFs are built here, with pypdf or by hand."""

from __future__ import annotations

import hashlib
import subprocess
import sys
import zlib
from collections.abc import Callable
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfWriter
from pypdf.generic import (ArrayObject, DecodedStreamObject, DictionaryObject, NameObject, NumberObject,
                           TextStringObject)

from tests.conftest import ROOT

RADIO = 1 << 15 | 1 << 14  # the radio-button flags WeasyPrint sets


def name(value: str) -> NameObject:
    return NameObject(value)


def text_field(code: str, value) -> DictionaryObject:
    return DictionaryObject({name("/FT"): name("/Tx"), name("/T"): TextStringObject(code), name("/V"): value,
                             name("/Subtype"): name("/Widget"), name("/Rect"): ArrayObject([NumberObject(0)] * 4)})


def radio(code: str, state: str, options) -> DictionaryObject:
    return DictionaryObject({name("/FT"): name("/Btn"), name("/Ff"): NumberObject(RADIO),
                             name("/T"): TextStringObject(code), name("/V"): name(state), name("/Opt"): options})


def five_options() -> ArrayObject:
    return ArrayObject(TextStringObject(str(n)) for n in range(1, 6))


def form(*fields: DictionaryObject, wire: Callable[[PdfWriter, list], None] | None = None) -> bytes:
    """A one-page PDF whose AcroForm holds `fields` (`wire` may tangle them after they are added)."""
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    refs = [writer._add_object(f) for f in fields]
    if wire:
        wire(writer, refs)
    writer._root_object[name("/AcroForm")] = DictionaryObject({name("/Fields"): ArrayObject(refs)})
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


def bomb_value() -> bytes:
    """A /V stream of 8 KB that unpacks to 60 MB: under pypdf's own 75 MB limit, over ours."""
    stream = DecodedStreamObject()
    stream.set_data(b"x" * 60_000_000)
    packed = stream.flate_encode()
    return form(text_field("P-W1", packed))


def raw_pdf(objects: list[bytes], root: int = 1) -> bytes:
    """A PDF written byte by byte, with a classic cross-reference table."""
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, root, xref)
    return bytes(out)


def object_stream_bomb() -> bytes:
    """The only form field lives in an /ObjStm that unpacks to 60 MB."""
    field = b"<< /FT /Tx /T (P-W1) /V (hi) >>"
    packed = zlib.compress(b"4 0 " + field + b" " * 60_000_000, 9)
    head = [b"<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [4 0 R] >> >>",
            b"<< /Type /Pages /Kids [] /Count 0 >>",
            b"<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length %d >>\nstream\n" % len(packed)
            + packed + b"\nendstream"]
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(head, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    rows = [(0, 0, 65535)] + [(1, o, 0) for o in offsets] + [(2, 3, 0), (1, len(out), 0)]
    table = b"".join(bytes([kind]) + value.to_bytes(4, "big") + gen.to_bytes(2, "big") for kind, value, gen in rows)
    xref = len(out)
    out += (b"5 0 obj\n<< /Type /XRef /Size 6 /W [1 4 2] /Root 1 0 R /Length %d >>\nstream\n" % len(table)
            + table + b"\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n" % xref)
    return bytes(out)


def parent_cycle() -> bytes:
    def tangle(writer: PdfWriter, refs: list) -> None:
        a, b = (r.get_object() for r in refs)
        a[name("/Parent")], b[name("/Parent")] = refs[1], refs[0]
        b[name("/Kids")] = ArrayObject([refs[0]])

    return form(text_field("P-W1", TextStringObject("a")), text_field("P-C1", TextStringObject("b")), wire=tangle)


def many_objects() -> bytes:
    return raw_pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"]
                   + [b"null"] * 60_000)


def encrypted() -> bytes:
    writer = PdfWriter(clone_from=BytesIO(form(text_field("P-W1", TextStringObject("secret")))))
    writer.encrypt("a password")
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


def truncated() -> bytes:
    whole = form(text_field("P-W1", TextStringObject("fine")), radio("P-R1", "/2", five_options()))
    return whole[: len(whole) // 2]


def gutted() -> bytes:
    """Cut in the middle but still ending with %%EOF, as a bad copy leaves it."""
    whole = form(text_field("P-W1", TextStringObject("fine")), radio("P-R1", "/2", five_options()))
    return whole[:200] + whole[-60:]


CASES: dict[str, tuple[Callable[[], bytes], str]] = {
    # what is in the file -> (how it is built, what the one line says)
    "decompression bomb in /V": (bomb_value, "safety limit"),
    "decompression bomb in /ObjStm": (object_stream_bomb, "safety limit"),
    "/Parent cycle": (parent_cycle, "safety limit"),
    "count ²": (lambda: form(text_field("P-N1", TextStringObject("²"))), "P-N1: expected a whole number"),
    "5,000-digit count": (lambda: form(text_field("P-N1", TextStringObject("9" * 5000))),
                          "P-N1: expected a whole number"),
    "/Opt a number": (lambda: form(radio("P-R1", "/2", NumberObject(5))), "field P-R1: its options are a number"),
    "radio state /7 of 5": (lambda: form(radio("P-R1", "/7", five_options())),
                            "field P-R1: the chosen button /7 is not one of its 5 options"),
    "radio state /-1": (lambda: form(radio("P-R1", "/-1", five_options())), "is not one of its 5 options"),
    "/V a dictionary": (lambda: form(text_field("P-W1", DictionaryObject({name("/A"): NumberObject(1)}))),
                        "field P-W1: its value is a dictionary, not text"),
    "/V 100,000 items": (lambda: form(text_field("P-W1", ArrayObject([NumberObject(1)] * 100_000))),
                         "safety limit"),
    "/V 9 items": (lambda: form(text_field("P-W1", ArrayObject([NumberObject(1)] * 9))),
                   "field P-W1: its value is a list of 9 items, not text"),
    "radio /V a string": (lambda: form(DictionaryObject({**radio("P-R1", "/1", five_options()),
                                                         name("/V"): TextStringObject("3")})),
                          "field P-R1: its value is text, not a button state"),
    "6,000 fields": (lambda: form(*(text_field(f"P-W1.{n}", TextStringObject("")) for n in range(6000))),
                     "safety limit"),
    "60,000 objects": (many_objects, "60,002 objects"),
    "encrypted": (encrypted, "encrypted"),
    "cut short": (truncated, "damaged or cut short"),
    "cut in the middle": (gutted, "damaged"),
    "a text file named .pdf": (lambda: b'[answers]\nP-W1 = "hello"\n', "not a PDF"),
    "empty": (lambda: b"", "the file is empty"),
    "no form fields": (lambda: form(), "not a facilitator form: it has no form fields"),
    "fields that are no codes": (lambda: form(text_field("Name", TextStringObject("x")),
                                              text_field("Date", TextStringObject("y"))),
                                 "not a facilitator form: none of its 2 fields is a question of Pair review"),
}


@pytest.fixture
def run_id(cli, ws) -> str:
    result = cli("start", "pair-review", "--pair", "ana-ben")
    assert result.code == 0, result.err
    return result.out.strip()


def records_hash(workspace: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted((workspace / "records").rglob("*")):
        digest.update(str(path.relative_to(workspace)).encode())
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


@pytest.mark.parametrize("case", list(CASES))
def test_a_hostile_pdf_is_refused_in_one_line(cli, workspace, run_id, tmp_path, caplog, case):
    build, says = CASES[case]
    path = tmp_path / "sheet.pdf"
    path.write_bytes(build())
    before = records_hash(workspace)
    result = cli("import", run_id, "--role", "mentee", path)
    assert result.code == 2, (case, result.err)
    assert len(result.err_lines) == 1, (case, result.err_lines)
    line = result.err_lines[0]
    assert "sheet.pdf" in line and says in line, (case, line)
    assert "Traceback" not in result.err and "unknown code" not in line
    assert not [r for r in caplog.records if r.name.startswith("pypdf")], case
    assert records_hash(workspace) == before


def test_a_file_far_too_large_is_refused_before_it_is_read(cli, workspace, run_id, tmp_path):
    path = tmp_path / "huge.pdf"
    with path.open("wb") as handle:
        handle.write(b"%PDF-1.7\n")
        handle.truncate(30 * 1024 * 1024)  # sparse: nothing of it is ever read
    before = records_hash(workspace)
    result = cli("import", run_id, "--role", "mentee", path)
    assert result.code == 2 and result.err_lines == [f"{path}: refused: 30.0 MB is far larger than a worksheet"
                                                     " (at most 20 MB)"]
    assert records_hash(workspace) == before


def test_pypdf_says_nothing_on_the_real_terminal(ws, workspace, tmp_path):
    """Out of process, as a user runs it: stderr holds the tool's one line and nothing of pypdf's."""
    env = {"FACILITATOR_HOME": str(workspace), "PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}

    def facilitator(*args) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "facilitator", *map(str, args)], capture_output=True, text=True,
                              env=env, cwd=tmp_path)

    run = facilitator("start", "pair-review", "--pair", "ana-ben").stdout.strip()
    for case in ("cut in the middle", "/Parent cycle", "radio state /7 of 5"):
        (tmp_path / "sheet.pdf").write_bytes(CASES[case][0]())
        done = facilitator("import", run, "--role", "mentee", "sheet.pdf")
        assert done.returncode == 2, done.stderr
        assert len(done.stderr.splitlines()) == 1 and done.stderr.startswith("sheet.pdf: "), (case, done.stderr)
