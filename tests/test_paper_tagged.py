"""A named packet is a tagged PDF as a single sheet is: one structure tree, a part per person,
every page's marked content reachable from it (veraPDF is not at hand, so the tree is read
back with pypdf and checked the way a screen reader walks it)."""

from __future__ import annotations

import re
from pathlib import Path

import pypdf
import pytest

from facilitator.cli import main

_MARK = re.compile(rb"<</MCID (\d+)>>\s*BDC\s*(EMC)?")


@pytest.fixture(scope="module")
def packet(tmp_path_factory) -> Path:
    from facilitator.demo import create_demo

    root = tmp_path_factory.mktemp("tagged") / "demo"
    create_demo(root)
    out = root.parent / "packet.pdf"
    assert main(["--workspace", str(root), "print", "worksheet", "midpoint", "--pair", "helen-tomas", "-o",
                 str(out)]) == 0
    return out


def _parent_tree(root) -> dict[int, list]:
    nums = root["/StructTreeRoot"]["/ParentTree"]["/Nums"]
    return {int(nums[i]): list(nums[i + 1].get_object()) for i in range(0, len(nums), 2)}


def _marks(stream) -> set[int]:
    """The MCIDs of a content stream that mark something (an empty mark needs no element)."""
    return {int(m.group(1)) for m in _MARK.finditer(stream.get_data()) if not m.group(2)}


def test_the_packet_is_tagged_and_says_so(packet):
    reader = pypdf.PdfReader(packet)
    root = reader.trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"] is True or root["/MarkInfo"]["/Marked"] == True  # noqa: E712
    assert root["/Lang"] == "en"
    assert root["/ViewerPreferences"]["/DisplayDocTitle"]
    xmp = root["/Metadata"].get_data().decode()
    assert 'pdfuaid:part="1"' in xmp and "named worksheets" in xmp  # PDF/UA-1, with the packet's own title
    assert reader.metadata["/Title"].endswith("· named worksheets")
    document = root["/StructTreeRoot"]["/K"].get_object()
    assert document["/S"] == "/Document"
    parts = [k.get_object() for k in document["/K"]]
    assert [p["/S"] for p in parts] == ["/Part", "/Part"]
    names = [p["/T"] for p in parts]
    assert names == [item.title for item in reader.outline] == ["Helen Okafor", "Tomás Rivera"]


def test_every_pages_marked_content_belongs_to_an_element_on_that_page(packet):
    reader = pypdf.PdfReader(packet)
    root = reader.trailer["/Root"]
    tree = _parent_tree(root)
    assert int(root["/StructTreeRoot"]["/ParentTreeNextKey"]) == max(tree) + 1
    checked = 0
    for n, page in enumerate(reader.pages, 1):
        holders = [(page, b"".join(c.get_object().get_data() for c in page["/Contents"]))]
        holders += [(x.get_object(), x.get_object().get_data()) for x in page["/Resources"]["/XObject"].values()
                    if "/StructParents" in x.get_object()]  # the stamp: whose sheet it is, in a form of its own
        assert len(holders) == 2, f"page {n}: the sheet and its stamp"
        for holder, data in holders:
            key = holder.get("/StructParents")
            assert key is not None and int(key) in tree, f"page {n}: StructParents {key} is not in the parent tree"
            elements = tree[int(key)]
            for mcid in {int(m.group(1)) for m in _MARK.finditer(data) if not m.group(2)}:
                assert mcid < len(elements), f"page {n}: MCID {mcid} has no entry"
                element = elements[mcid].get_object()
                assert isinstance(element, dict) and element.get("/S"), f"page {n}: MCID {mcid} has no element"
                kids = element["/K"] if isinstance(element["/K"], list) else [element["/K"]]
                refs = [k.get_object() for k in kids if not isinstance(k, int) and "/MCID" in k.get_object()]
                # the element names this content: by number on its page, or by reference into the form
                assert mcid in kids and element["/Pg"].get_object() == page or any(
                    r["/MCID"] == mcid and r["/Pg"].get_object() == page for r in refs), f"page {n}: MCID {mcid}"
                checked += 1
    assert checked > 200  # real text, on every page


def test_each_persons_part_reads_their_name_and_their_own_questions(packet):
    """Each part holds its person's stamp (their name) and a whole sheet: headings and the rating table."""
    reader = pypdf.PdfReader(packet)
    parts = [k.get_object() for k in reader.trailer["/Root"]["/StructTreeRoot"]["/K"]["/K"]]
    pages = {p.indirect_reference.idnum: n for n, p in enumerate(reader.pages)}

    def walk(element, found):
        element = element.get_object()
        if isinstance(element, int) or "/S" not in element:
            return
        found.append((element["/S"], pages.get(element.raw_get("/Pg").idnum) if "/Pg" in element else None))
        kids = element.get("/K", [])
        for kid in kids if isinstance(kids, list) else [kids]:
            walk(kid, found)

    spans = []
    for part in parts:
        found: list = []
        walk(part, found)
        kinds = [kind for kind, _ in found]
        assert kinds.count("/H1") == 1 and "/H2" in kinds and "/Table" in kinds and "/TH" in kinds
        spans.append({page for _, page in found if page is not None})
    assert spans[0] and spans[1] and not spans[0] & spans[1]  # each part on its own person's pages
    first = reader.pages[min(spans[0])].extract_text()
    assert "Helen Okafor" in first
    # the pair is worded by its people's names, never by its id
    assert "Helen Okafor & Tomás Rivera" in " ".join(first.split()) and "helen-tomas" not in first


def test_the_two_person_packet_is_about_the_size_of_its_two_sheets(packet, tmp_path):
    one = tmp_path / "one.pdf"
    assert main(["--workspace", str(packet.parent / "demo"), "print", "worksheet", "midpoint", "--person",
                 "helen-okafor", "-o", str(one)]) == 0
    assert packet.stat().st_size < 3.5 * one.stat().st_size  # was 7x: the shared pages were written uncompressed
