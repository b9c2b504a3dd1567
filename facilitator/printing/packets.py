"""A named packet: each role's sheet laid out once, every person's copy stamped on it, tagged.

Laying out the questions is the slow part of printing, and it is the same for everyone with
the same role; a stamp (name, sheet id, "page X of Y") is a few words per page. So each
role's sheet is laid out once, tagged (PDF/UA-1), and every person's page draws that
sheet's content stream (one copy in the file, shared by all their pages) with the person's
stamp over it, drawn from a form of its own.

A screen reader follows the structure tree, not the pages, so each person gets their own
copy of the sheet's tree (a Part named after them, under one Document): their stamp's
elements first (whose sheet it is), then the sheet's. A page's marked content belongs to
that page's entry of the parent tree, so the same content stream drawn on another
person's page belongs to that person's copy; the stamp's marked content lives in its form
(marked-content references with /Stm), so its numbers never meet the sheet's.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import Any

from facilitator.i18n import gettext  # the paper's fixed words
from facilitator.printing.render import MISSING, describe, pypdf_quiet, render_tagged, write_merged


def render_bases(htmls: dict[str, str], *, parallel: bool = True) -> dict[str, tuple[bytes, int]]:
    """Each role's sheet laid out and tagged: its PDF and pages, by key. Several are laid out
    side by side in worker processes (a packet waits for them before its stamps)."""
    workers = min(os.cpu_count() or 1, 4, len(htmls))
    if not parallel or workers < 2:
        done = [render_tagged([html]) for html in htmls.values()]
    else:
        from facilitator.printing.render import _stylesheet

        _stylesheet()  # parsed once before forking, so every worker inherits it
        import multiprocessing

        with multiprocessing.get_context("fork").Pool(workers) as pool:
            done = pool.map(render_tagged, [[html] for html in htmls.values()])
    for _, _, missing in done:
        MISSING.characters |= missing
    return {key: (pdf, pages) for key, (pdf, pages, _) in zip(htmls, done)}


def print_stamped(bases: dict[str, bytes], stamps: list[tuple[str, str]], target: Path, *, parallel: bool = True,
                  progress: Callable[[str], None] = lambda _: None, names: list[str] | None = None,
                  title: str = "") -> int:
    """Write the packet: `bases` the roles' tagged sheets, `stamps` (role, stamp HTML) in order.

    Stamps are laid out in chunks, each chunk one PDF, so a chunk's stamps share one cut of
    each font (a stamp alone would embed its own: most of a packet's size)."""
    htmls = [html for _, html in stamps]
    workers = min(os.cpu_count() or 1, 4)
    size = max(1, -(-len(htmls) // (workers * 2))) if parallel and workers > 1 and len(htmls) >= 8 else len(htmls)
    chunks = [htmls[i:i + size] for i in range(0, len(htmls), size)]
    if len(chunks) < 2:
        return join_stamped(bases, stamps, map(render_tagged, chunks), target, progress, names, title)
    from facilitator.printing.render import _stylesheet

    _stylesheet()  # parsed once before forking, so every worker inherits it
    import multiprocessing

    with multiprocessing.get_context("fork").Pool(workers) as pool:
        # each chunk is joined as it comes, while the workers lay out the next ones
        return join_stamped(bases, stamps, pool.imap(render_tagged, chunks), target, progress, names, title)


def join_stamped(bases: dict[str, bytes], stamps: list[tuple[str, str]], done: Iterable[tuple[bytes, int, set[str]]],
                 target: Path, progress: Callable[[str], None] = lambda _: None, names: list[str] | None = None,
                 title: str = "") -> int:
    """The packet from the roles' sheets and the stamps' PDFs (`done`: chunk by chunk, in order)."""
    import pypdf

    with pypdf_quiet():
        writer = pypdf.PdfWriter()
        packet = _Packet(writer)
        sheets = {role: _Sheet(writer, pypdf.PdfReader(BytesIO(pdf))) for role, pdf in bases.items()}
        first = next(iter(sheets.values())).reader
        if not title:
            title = str((first.metadata or {}).get("/Title", "")).split(" · ")[0]
            title = title + " · " + gettext("named worksheets") if title else ""
        describe(writer, first, title)
        pages = n = 0
        roles = iter(role for role, _ in stamps)
        for pdf, _, missing in done:
            MISSING.characters |= missing
            reader = pypdf.PdfReader(BytesIO(pdf))
            chunk_pages, tree = list(reader.pages), _tree(reader)
            at = 0
            while at < len(chunk_pages):
                sheet = sheets[next(roles)]
                own = chunk_pages[at:at + len(sheet.pages)]
                at += len(own)
                n += 1
                name = names[n - 1] if names else ""
                if name:  # the outline: one bookmark per person, at their sheet's first page
                    writer.add_outline_item(name, pages)
                pages += packet.add_person(sheet, own, tree, name)
                if n % 10 == 0 or n == len(stamps):
                    progress(gettext("stamped %(n)s of %(total)s sheets") % {"n": n, "total": len(stamps)})
        packet.finish(first, title)
        if _fonts_cut_from_cache():
            # the stamps of each chunk share their fonts, as a sheet's pages do; where fonts are
            # cut from a cache (no libharfbuzz-subset0) every chunk holds the same cut: written once
            writer.compress_identical_objects(remove_duplicates=True, remove_unreferenced=True)
        write_merged(writer, target)
    return pages


class _Generic:
    """pypdf.generic's classes, imported when a packet is first joined: the tree is built from
    thousands of objects, and an import statement in each call costs a tenth of the time."""

    def __getattr__(self, name: str) -> Any:
        import pypdf.generic

        value = getattr(pypdf.generic, name)
        setattr(self, name, value)
        return value


G = _Generic()


def _fonts_cut_from_cache() -> bool:
    """Whether fonts are cut by subsetting.py (each chunk the same cut), not by HarfBuzz to each chunk's text
    (where looking for identical objects finds a few hundred bytes in a packet's megabytes)."""
    from weasyprint.pdf import fonts

    return bool(getattr(fonts.Font._fonttools_subset, "cached", False))


_EMPTY = re.compile(rb"<</MCID (\d+)>>\s*BDC\s*EMC")
_KEPT = ("/A", "/Alt", "/ActualText", "/E", "/Lang", "/T")  # what an element says beyond its kind and place
_WRAPPERS = ("/Span", "/NonStruct")  # no meaning of their own: their content belongs to the parent


@dataclass
class _Node:
    """A structure element to be made on a person's pages; `page` and items' pages are indices
    into those pages, an item (MCID, page) a piece of marked content."""

    kind: Any
    page: int | None
    said: dict[str, Any]
    items: list[Any]
    ident: bytes | None = None


class _Sheet:
    """One role's tagged sheet in the writer: each page's content and resources, and its tree
    read once (every person's copy is made from it)."""

    def __init__(self, writer: Any, reader: Any) -> None:
        from pypdf.generic import ArrayObject

        self.reader = reader
        self.pages: list[tuple[list[Any], Any]] = []  # (content stream references, resources)
        for page in reader.pages:
            cloned = writer.add_page(page)  # copies the page's content, fonts and resources into the writer
            contents = cloned.raw_get("/Contents")
            refs = list(contents.get_object()) if isinstance(contents.get_object(), ArrayObject) else [contents]
            self.pages.append((refs, cloned.raw_get("/Resources").get_object()))
            writer.remove_page(cloned)  # its content is drawn on each person's page instead
        top, _ = _tree(reader)
        self.tree = _compiled(top, list(reader.pages))


def _tree(reader: Any) -> tuple[list[Any], Any]:
    """The kids of a tagged PDF's Document element."""
    root = reader.trailer["/Root"].get("/StructTreeRoot")
    if root is None:
        return [], None
    root = root.get_object()
    kids = _as_list(root.get("/K"))
    top = root
    if len(kids) == 1 and kids[0].get_object().get("/S") == "/Document":
        top = kids[0].get_object()
        kids = _as_list(top.get("/K"))
    # WeasyPrint gives the running head and the page numbers a parent but no place among its
    # kids: they are found from the parent tree, and read after the sheet, as on paper
    known = {kid.idnum for kid in kids if hasattr(kid, "idnum")}
    nums = _as_list(root["/ParentTree"].get_object().get("/Nums")) if "/ParentTree" in root else []
    for elements in nums[1::2]:
        for element in _as_list(elements):
            while hasattr(element, "idnum") and element.idnum not in known:
                parent = element.get_object().get("/P")
                if parent is None or parent.get_object() is top or parent.get_object() is root:
                    known.add(element.idnum)
                    kids.append(element)
                    break
                element = element.get_object().raw_get("/P")
    return kids, root


def _compiled(top: list[Any], pages: list[Any]) -> list[Any]:
    """The tree of these pages as a screen reader needs it: a span's content lifted into its
    parent, a block holding only blocks dissolved, nothing made for marked content that
    marks nothing (what a stamp hides, a box left to write in): a third of the elements."""
    index = {page.indirect_reference.idnum: n for n, page in enumerate(pages)}
    empty = [_empty_marks(page) for page in pages]
    items: list[Any] = []
    for kid in top:
        pg = kid.get_object().get("/Pg")
        if pg is None or pg.idnum in index:  # (a chunk of stamps holds other people's pages too)
            items += _compile(kid, index, empty)
    return items


def _compile(element: Any, index: dict[int, int], empty: list[set[int]]) -> list[Any]:
    element = element.get_object()
    if not isinstance(element, dict) or element.get("/Type") == "/OBJR":
        return []  # a link's annotation is not carried over (sheets have none)
    pg = element.get("/Pg")
    page = index.get(pg.idnum) if pg is not None else None
    items: list[Any] = []
    for kid in _as_list(element.get("/K")):
        if isinstance(kid, int):
            if page is not None and int(kid) not in empty[page]:
                items.append((int(kid), page))
        elif kid.get_object().get("/Type") == "/MCR":
            mcr = kid.get_object()
            where = index.get(mcr["/Pg"].idnum) if "/Pg" in mcr else page
            if where is not None and int(mcr["/MCID"]) not in empty[where]:
                items.append((int(mcr["/MCID"]), where))
        else:
            items += _compile(kid, index, empty)
    kind = element["/S"]
    said = {key: element[key] for key in _KEPT if key in element}
    speaks = any(key in said for key in ("/Alt", "/ActualText", "/E"))
    if not items and not speaks:
        return []
    if not said and (kind in _WRAPPERS or kind == "/Div" and not any(isinstance(i, tuple) for i in items)):
        return items
    ident = _bytes(element["/ID"]) if "/ID" in element else None
    return [_Node(kind, page, said, items, ident)]


def _bytes(text: Any) -> bytes:
    return bytes(text) if isinstance(text, bytes) else str(text).encode("utf-8")


def _empty_marks(page: Any) -> set[int]:
    contents = page.get_contents()
    return {int(m.group(1)) for m in _EMPTY.finditer(contents.get_data())} if contents is not None else set()


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    value = value.get_object()
    return list(value) if isinstance(value, list) else [value]


class _Packet:
    """The pages and the structure tree being built, one person at a time."""

    def __init__(self, writer: Any) -> None:
        from pypdf.generic import ArrayObject, DictionaryObject, NameObject

        self.writer = writer
        self.parents: list[Any] = []  # the parent tree, by key: arrays of elements
        self.root = writer._add_object(DictionaryObject({NameObject("/Type"): NameObject("/StructTreeRoot")}))
        self.document = writer._add_object(DictionaryObject({
            NameObject("/Type"): NameObject("/StructElem"), NameObject("/S"): NameObject("/Document"),
            NameObject("/P"): self.root}))
        self.parts = ArrayObject()
        # the sheet's content runs in its own graphics state; then the stamp's form is drawn
        self.before = self._stream(b"q\n")
        self.after = self._stream(b"\nQ\n/Stamp Do\n")

    def _stream(self, data: bytes) -> Any:
        from pypdf.generic import DecodedStreamObject

        stream = DecodedStreamObject()
        stream.set_data(data)
        return self.writer._add_object(stream)

    def add_person(self, sheet: _Sheet, stamp_pages: list[Any], tree: tuple[list[Any], Any], name: str) -> int:
        """One person's pages (the sheet under their stamp) and their part of the tree: the
        stamp's elements first (whose sheet this is), then the sheet's."""
        from pypdf.generic import ArrayObject, DictionaryObject, NameObject, NumberObject, TextStringObject

        pages, forms = [], []
        for (refs, resources), stamp_page in zip(sheet.pages, stamp_pages):
            page = self.writer.add_page(stamp_page)
            form = self._form(page)
            own = DictionaryObject({k: (DictionaryObject(v.get_object()) if k == "/XObject" else v)
                                    for k, v in resources.items()})
            if "/XObject" not in own:
                own[NameObject("/XObject")] = DictionaryObject()
            own["/XObject"][NameObject("/Stamp")] = form
            page[NameObject("/Resources")] = own
            page[NameObject("/Contents")] = ArrayObject([self.before, *refs, self.after])
            page[NameObject("/Tabs")] = NameObject("/S")
            pages.append(page.indirect_reference)
            forms.append(form)
        self.holders: dict[int, dict[int, Any]] = {}  # page or form (id) -> MCID -> the element holding it
        self.holder_refs: dict[int, Any] = {}
        self.prefix = f"p{len(self.parts) + 1}-".encode()  # IDs unique in the packet (a cell names its headers)
        stamp = _compiled(tree[0], stamp_pages)
        kids = [self._make(item, pages, forms) for item in stamp] + [self._make(i, pages, None) for i in sheet.tree]
        part = self._element(NameObject("/Part"), pages[0], kids, self.document)
        if name:
            part.get_object()[NameObject("/T")] = TextStringObject(name)
        self.parts.append(part)
        for holder, mcids in self.holders.items():  # the parent tree: whose each piece of marked content is
            from pypdf.generic import NullObject

            key = len(self.parents)
            self.parents.append(self.writer._add_object(ArrayObject(
                mcids.get(n, NullObject()) for n in range(max(mcids) + 1))))
            self.holder_refs[holder].get_object()[NameObject("/StructParents")] = NumberObject(key)
        return len(pages)

    def _form(self, page: Any) -> Any:
        """The stamp page's content (compressed as WeasyPrint wrote it) made a form with the stamp's resources."""
        from pypdf.generic import ArrayObject, NameObject, StreamObject

        contents = page.raw_get("/Contents")
        if not (hasattr(contents, "idnum") and isinstance(contents.get_object(), StreamObject)):
            joined = StreamObject()  # several streams: one
            joined.set_data(page.get_contents().get_data() if page.get_contents() is not None else b"")
            contents = self.writer._add_object(joined.flate_encode())
        form = contents.get_object()
        form[NameObject("/Type")] = NameObject("/XObject")
        form[NameObject("/Subtype")] = NameObject("/Form")
        form[NameObject("/BBox")] = ArrayObject(page.mediabox)
        form[NameObject("/Resources")] = page.raw_get("/Resources")
        return contents

    def _make(self, item: Any, pages: list[Any], forms: list[Any] | None) -> Any:
        """A compiled node made on the person's pages (an MCID of a stamp lives in its form)."""
        if isinstance(item, tuple):
            mcid, page = item
            return (mcid, pages[page], forms[page] if forms is not None else None)
        kids = [self._make(i, pages, forms) for i in item.items]
        ref = self._element(item.kind, pages[item.page] if item.page is not None else None, kids)
        element = ref.get_object()
        for key, value in item.said.items():
            element[G.NameObject(key)] = _prefixed(_fresh(value), self.prefix)
        if item.ident is not None:
            element[G.NameObject("/ID")] = G.ByteStringObject(self.prefix + item.ident)
        return ref

    def _element(self, kind: Any, page: Any, items: list[Any], parent: Any = None) -> Any:
        """A structure element holding these items; the elements among them get it as parent."""
        new = G.DictionaryObject({G.NameObject("/S"): kind})
        if parent is not None:
            new[G.NameObject("/P")] = parent
        if page is None:
            page = next((i[1] for i in items if isinstance(i, tuple)), None)
        if page is not None:
            new[G.NameObject("/Pg")] = page
        ref = self.writer._add_object(new)
        kids = G.ArrayObject()
        for item in items:
            if not isinstance(item, tuple):
                item.get_object()[G.NameObject("/P")] = ref
                kids.append(item)
                continue
            mcid, where, form = item
            if form is not None:
                kids.append(G.DictionaryObject({G.NameObject("/Type"): G.NameObject("/MCR"), G.NameObject("/Pg"): where,
                                                G.NameObject("/MCID"): G.NumberObject(mcid),
                                                G.NameObject("/Stm"): form}))
            elif page is not None and where.idnum == page.idnum:
                kids.append(G.NumberObject(mcid))
            else:
                kids.append(G.DictionaryObject({G.NameObject("/Type"): G.NameObject("/MCR"), G.NameObject("/Pg"): where,
                                                G.NameObject("/MCID"): G.NumberObject(mcid)}))
            holder = form if form is not None else where
            self.holders.setdefault(holder.idnum, {})[mcid] = ref
            self.holder_refs[holder.idnum] = holder
        if kids:
            new[G.NameObject("/K")] = kids[0] if len(kids) == 1 and isinstance(kids[0], int) else kids
        return ref

    def finish(self, first: Any, title: str) -> None:
        """The catalogue of a tagged PDF: the tree, marked, its title shown, the XMP naming PDF/UA."""
        from pypdf.generic import ArrayObject, BooleanObject, DictionaryObject, NameObject, NumberObject

        self.document.get_object()[NameObject("/K")] = self.parts
        nums = ArrayObject()
        for key, elements in enumerate(self.parents):
            nums += [NumberObject(key), elements]
        root = self.root.get_object()
        root[NameObject("/K")] = self.document
        root[NameObject("/ParentTree")] = self.writer._add_object(DictionaryObject({NameObject("/Nums"): nums}))
        root[NameObject("/ParentTreeNextKey")] = NumberObject(len(self.parents))
        catalog = self.writer._root_object
        catalog[NameObject("/StructTreeRoot")] = self.root
        catalog[NameObject("/MarkInfo")] = DictionaryObject({NameObject("/Marked"): BooleanObject(True)})
        catalog[NameObject("/ViewerPreferences")] = DictionaryObject(
            {NameObject("/DisplayDocTitle"): BooleanObject(True)})
        metadata = first.trailer["/Root"].get("/Metadata")
        if metadata is not None:
            catalog[NameObject("/Metadata")] = self.writer._add_object(_xmp(metadata.get_object(), title))


def _fresh(value: Any) -> Any:
    """A copy of a direct object for another person's element (names, numbers and strings are shared)."""
    if isinstance(value, G.DictionaryObject):
        return G.DictionaryObject({k: _fresh(v) for k, v in value.items()})
    if isinstance(value, G.ArrayObject):
        return G.ArrayObject(_fresh(v) for v in value)
    return value


def _prefixed(value: Any, prefix: bytes) -> Any:
    """The IDs an attribute names (a cell's /Headers), made the person's own."""
    if isinstance(value, G.DictionaryObject) and "/Headers" in value:
        value[G.NameObject("/Headers")] = G.ArrayObject(
            G.ByteStringObject(prefix + _bytes(h)) for h in value["/Headers"]
            if isinstance(h, (G.ByteStringObject, G.TextStringObject)))
    elif isinstance(value, G.ArrayObject):
        return G.ArrayObject(_prefixed(v, prefix) for v in value)
    return value


def _xmp(metadata: Any, title: str) -> Any:
    """The first sheet's XMP (which names PDF/UA-1) with the packet's title."""
    from xml.sax.saxutils import escape

    from pypdf.generic import NameObject, StreamObject

    data = metadata.get_data().decode("utf-8")
    if title:
        data = re.sub(r'(<rdf:li xml:lang="x-default">).*?(</rdf:li>)', lambda m: m.group(1) + escape(title) + m.group(2),
                      data, count=1, flags=re.S)
    stream = StreamObject()
    stream.set_data(data.encode("utf-8"))
    stream[NameObject("/Type")] = NameObject("/Metadata")
    stream[NameObject("/Subtype")] = NameObject("/XML")
    return stream
