"""HTML from Jinja2 templates, PDF from WeasyPrint: the only module that imports either.

What participants wrote is data: autoescaped, never compiled as a template, and the
PDF may load nothing but files under worksheets/ and data: URLs.
"""

from __future__ import annotations

import logging
import os
import re
import unicodedata
import warnings
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from dataclasses import dataclass
from io import BytesIO
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from facilitator.printing.libraries import defer_font_tools, quick_library_lookup

defer_font_tools()
with quick_library_lookup(), warnings.catch_warnings():
    # without libharfbuzz-subset0 WeasyPrint warns on import; subsetting.py makes up for it
    warnings.simplefilter("ignore")
    import weasyprint

from facilitator.printing import subsetting

subsetting.install()

# What these libraries remark while printing is not the user's concern: a refused fetch is by
# design, and fontTools comments on the bundled Carlito's head table date many times a sheet.
for _noisy in ("fontTools", "fontTools.ttLib", "fontTools.subset"):
    logging.getLogger(_noisy).setLevel(logging.ERROR)


class _MissingGlyphs(logging.Handler):
    """WeasyPrint's own log, kept off the terminal; what it says of a character no font has
    is kept, so the print command can name the characters and the fonts to install."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.characters: set[str] = set()

    def emit(self, record: logging.LogRecord) -> None:
        if str(record.msg).startswith(".notdef glyph") and record.args:
            self.characters.add(str(record.args[0]))


MISSING = _MissingGlyphs()
_log = logging.getLogger("weasyprint")
_log.setLevel(logging.WARNING)
_log.propagate = False
_log.handlers = [MISSING]


def missing_note(characters: Iterable[str]) -> str:
    """One line for characters printed as empty boxes: which, and the fonts that have them."""
    chars = sorted(set(characters))
    if not chars:
        return ""
    # a private-use character means something only to the font it was typed with: no package has it
    packages = sorted({_font_package(c) for c in chars if unicodedata.category(c) != "Co"})
    shown = " ".join(_shown(c) for c in chars[:12]) + (" …" if len(chars) > 12 else "")
    what = i18n.ngettext("no font on this computer has %(chars)s (%(n)s character, printed as an empty box)",
                         "no font on this computer has %(chars)s (%(n)s characters, printed as empty boxes)",
                         len(chars)) % {"chars": shown, "n": len(chars)}
    if not packages:
        return i18n.gettext("note: %(what)s; private-use characters print only with the font they were typed in: "
                            "retype them") % {"what": what}
    return i18n.gettext("note: %(what)s; install the fonts and print again: %(command)s") % {
        "what": what, "command": "sudo apt-get install " + " ".join(packages)}


def _shown(char: str) -> str:
    """A character as a reader can find it: itself and its code point (an unprintable one by code alone)."""
    code = f"U+{ord(char):04X}"
    return code if unicodedata.category(char) in ("Co", "Cn", "Cc", "Cf", "Zs") else f"{char} ({code})"


def _font_package(char: str) -> str:
    code = ord(char)
    if 0x2E80 <= code <= 0x9FFF or 0xAC00 <= code <= 0xD7AF or 0xF900 <= code <= 0xFAFF or 0xFF00 <= code <= 0xFFEF \
            or 0x20000 <= code <= 0x3FFFF or 0x1100 <= code <= 0x11FF:
        return "fonts-noto-cjk"
    if code >= 0x1F000 or 0x2600 <= code <= 0x27BF or code in (0x200D, 0xFE0F):
        return "fonts-noto-color-emoji"
    return "fonts-noto-core"

from facilitator import i18n, presentation
from facilitator.model import AGREE_HIGH, AGREE_LOW, answer_type, step_type
from facilitator.values import number_rule
from facilitator.resources import bundled


class FetchRefused(ValueError):
    pass


def _templates() -> Path:
    return bundled("worksheets").resolve()


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(_templates())),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        bytecode_cache=_bytecode_cache(),
        finalize=soft_breaks,
        extensions=["jinja2.ext.i18n"],
    )
    # the current language's catalogue (i18n.using), read at each call: one environment for all
    env.install_gettext_callables(i18n.gettext, i18n.ngettext, newstyle=True)  # type: ignore[attr-defined]
    env.globals.update(lang=i18n.current, direction=i18n.direction, page_counter=page_counter)
    env.filters["scale_word"] = scale_word
    # a fixed word the code keeps as data (an action's status): translated, escaped like any text
    env.filters["translated"] = lambda word: i18n.gettext(word) if isinstance(word, str) and word else word
    env.filters["one_place"] = lambda value: i18n.format_number(value, places=1)  # 4.5; 4,5 in German
    # a date as the paper's language writes it; English paper keeps the ISO dates it always had
    env.filters["local_date"] = lambda day, form="long": i18n.format_date(day, form=form) \
        if day and i18n.current() != "en" else day
    env.filters["answer_type"] = answer_type
    env.filters["step_type"] = step_type
    env.filters["paragraphs"] = paragraphs
    env.filters["marked_table"] = marked_table
    env.filters["marked_groups"] = marked_groups
    env.filters["minutes"] = presentation.minutes_short  # 1½': one wording for a length, as on every screen
    env.filters["answer_text"] = presentation.answer_text
    env.filters["number_rule"] = paper_number_rule
    env.filters["minutes_long"] = presentation.minutes_text
    env.filters["clock"] = lambda minutes: f"{minutes // 60}:{minutes % 60:02d}"
    return env


def page_counter() -> Markup:
    """ "page 2 of 5" as CSS content for the page's foot, in the current language."""
    words = i18n.gettext("page {page} of {pages}")
    pieces = re.split(r"(\{page\}|\{pages\})", words)
    css = [f"counter({p[1:-1]})" if p in ("{page}", "{pages}") else
           '"' + p.replace("\\", "\\\\").replace('"', '\\"') + '"' for p in pieces if p]
    return Markup(" ".join(css))


def paper_number_rule(q: Any) -> str:
    """What a number question takes (values.number_rule), in the paper's language and its numbers."""
    return number_rule(q) if i18n.current() == "en" else number_rule(q, number=i18n.format_number)


def scale_word(label: str) -> str:
    """A rating scale's end as printed: the built-in default ends in the paper's language, a
    session's own words as written."""
    if label == AGREE_LOW:
        return i18n.gettext("Strongly disagree")
    if label == AGREE_HIGH:
        return i18n.gettext("Strongly agree")
    return label


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    """Compiled templates kept in the user's cache folder (keyed by each template's source,
    so an edited template compiles again): compiling them costs a tenth of a second a print."""
    from platformdirs import user_cache_dir

    folder = Path(user_cache_dir("facilitator", appauthor=False)) / "templates"
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError:
        return None
    return jinja2.FileSystemBytecodeCache(str(folder))


LONG_RUN = 60  # characters without a space: longer than any word, so only pathological text is touched
_RUN = re.compile(r"\S{%d,}" % LONG_RUN)
_PIECE = re.compile(r"\S{20}(?=\S)")  # short pieces, so a broken-up run still fills its lines


def soft_breaks(value: Any) -> Any:
    """Long text laid out in time that grows with its length, not its square.

    WeasyPrint tries every place to break an unbroken run, and re-reads a text node's whole
    remainder for each line it sets. So a run of 60 or more characters without a space gets
    a break opportunity (a zero-width space) every 20, and text longer than a few pages'
    worth of lines is set as consecutive spans, each cut where a break already was, which
    read exactly as one text. Markup (what a macro drew) is left alone.
    """
    if not isinstance(value, str) or isinstance(value, Markup) or len(value) <= LONG_RUN:
        return value
    value = _RUN.sub(lambda run: _PIECE.sub(lambda m: m.group(0) + "\u200b", run.group(0)), value)
    if len(value) <= SPAN_CHARS:
        return value
    pieces, start = [], 0
    while start < len(value):
        end = min(start + SPAN_CHARS, len(value))
        if end < len(value):
            cut = max(value.rfind(c, start + 1, end) for c in (" ", "\n", "\u200b"))
            end = cut + 1 if cut > start else end
        pieces.append(value[start:end])
        start = end
    return Markup("").join(Markup("<span>%s</span>") % piece for piece in pieces)


SPAN_CHARS = 2000


MARKS = {"x", "✓", "✔", "yes", "y", "*"}


def marked_table(rows: Any) -> bool:
    """A table answer of ticks: a thing in the first column, and a mark (x, ✓, yes) or nothing
    in each of the others. It reads better as a list per ticked column."""
    rows = [r for r in rows if isinstance(r, (list, tuple)) and any(str(c).strip() for c in r)]
    return bool(rows) and len(rows[0]) > 1 and any(
        str(c).strip() for r in rows for c in r[1:]) and all(
        str(c).strip().lower() in MARKS | {""} for r in rows for c in r[1:])


def marked_groups(rows: Any, columns: list[str]) -> list[dict[str, Any]]:
    """The things each ticked column holds, in the table's order; unticked things last."""
    rows = [r for r in rows if isinstance(r, (list, tuple)) and str(r[0]).strip()]
    groups = [{"name": name, "items": [r[0] for r in rows if i < len(r) and str(r[i]).strip()]}
              for i, name in enumerate(columns) if i]
    unticked = [r[0] for r in rows if not any(str(c).strip() for c in r[1:])]
    if unticked:
        groups.append({"name": f"{columns[0]} (not ticked)", "items": unticked})
    return [g for g in groups if g["items"]]


def paragraphs(text: str) -> list[dict[str, Any]]:
    """Scripted or typed text as blocks: paragraphs, and "- " lines as bullet lists.

    Only structure is read here; the template escapes every piece of text.
    """
    blocks: list[dict[str, Any]] = []
    for chunk in str(text).replace("\r\n", "\n").split("\n\n"):
        lines = [line.strip() for line in chunk.strip().split("\n") if line.strip()]
        para: list[str] = []
        for line in lines:
            if line.startswith(("- ", "* ", "\u2022 ")):
                if para:
                    blocks.append({"kind": "p", "text": " ".join(para)})
                    para = []
                if not blocks or blocks[-1]["kind"] != "ul":
                    blocks.append({"kind": "ul", "items": []})
                blocks[-1]["items"].append(line[2:].strip())
            elif blocks and blocks[-1]["kind"] == "ul" and not para:
                blocks[-1]["items"][-1] += " " + line  # a bullet that wraps onto the next line
            else:
                para.append(line)
        if para:
            blocks.append({"kind": "p", "text": " ".join(para)})
    return blocks


def render_html(template: str, **context: Any) -> str:
    return environment().get_template(template).render(**context)


class SafeFetcher(weasyprint.URLFetcher):
    """Allow files under worksheets/ and data: URLs; refuse everything else (no network, no other files)."""

    def __init__(self) -> None:
        super().__init__(allowed_protocols=("file", "data"), allow_redirects=False)

    def fetch(self, url: str, headers: Any = None) -> Any:
        if url.startswith("data:"):
            return super().fetch(url, headers)
        if url.startswith("facilitator-qr:"):  # a page's QR code (scanmarks.qr), made as its page is laid out
            from facilitator.printing.scanmarks import qr_image

            return weasyprint.urls.URLFetcherResponse(url, qr_image(url), {"Content-Type": "image/png"})
        if url.startswith("facilitator-marks:"):  # the corner squares (scanmarks.markers_uri)
            from facilitator.printing.scanmarks import markers_svg

            return weasyprint.urls.URLFetcherResponse(url, markers_svg(url), {"Content-Type": "image/svg+xml"})
        if url.startswith("file://"):
            from urllib.parse import unquote, urlparse

            path = Path(unquote(urlparse(url).path)).resolve()
            if path.is_relative_to(_templates()) and path.is_file():
                return super().fetch(url, headers)
        raise FetchRefused(f"refused to fetch {url[:80]}")


@dataclass
class Rendered:
    document: Any  # weasyprint.Document

    @property
    def pages(self) -> int:
        return len(self.document.pages)


@cache
def _fonts() -> Any:
    # One font configuration for the process: @font-face files are loaded once, not per sheet.
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


@cache
def _stylesheet() -> Any:
    # Parsed once per process: parsing it again for each of 60 sheets would cost seconds.
    return weasyprint.CSS(filename=str(_templates() / "print.css"), font_config=_fonts(), url_fetcher=SafeFetcher())


def render(html: str, forms: bool = False) -> Rendered:
    parsed = _parse(html)
    fit = _FIT in html[:2000]
    known = _fit_known(html, forms) if fit else None
    if known:  # this very sheet was printed before, and a snug layout pulled its stray lines back
        doc = _layout(_snug(parsed), forms)
    else:
        doc = _layout(parsed, forms)
        if known is None and fit and len(doc.pages) > 1 and _filled(doc.pages[-1]) < STRAY:
            # a last page holding a stray line or two: laid out again with a little less air
            # between questions, kept only if that pulls the stray lines back
            snug = _layout(_snug(parsed), forms)
            pulled = len(snug.pages) < len(doc.pages)
            if pulled:
                doc = snug
            _fit_learnt(html, forms, pulled)
    if 'data-scan-key="' in html[:4000]:  # a worksheet: keep where its mark boxes are, for `facilitator scan`
        from facilitator.printing.scanmarks import keep_layout

        keep_layout(doc, html)
    return Rendered(doc)


_FIT = "data-fit"  # a sheet of questions, which a little less air between them can pull back
STRAY = 0.2  # of the page's height: what a last page holding only a line or two uses


def _parse(html: str) -> Any:
    base = _templates().as_uri() + "/"
    return weasyprint.HTML(string=html, base_url=base, url_fetcher=SafeFetcher())


def _snug(parsed: Any) -> Any:
    """The same parsed document with print.css's `html[data-snug]` spacing: parsed once, laid out twice."""
    parsed.etree_element.set("data-snug", "")
    return parsed


_IMAGES: dict[str, Any] = {}  # pictures by address (QR codes, corner squares, logo), read once a process


def _layout(parsed: Any, forms: bool) -> Any:
    return parsed.render(font_config=_fonts(), stylesheets=[_stylesheet()], pdf_forms=forms or None, cache=_IMAGES)


# ------------------------------------------------------------------ what snug spacing does for a sheet
# Deciding takes a second layout; the answer depends only on the sheet's HTML (its print
# date aside), the stylesheet and WeasyPrint, so it is kept under their hash in the user's
# cache folder (a bit per sheet, nothing of what it says): the next print of the same
# sheet lays it out once, snug or not as it was decided.

def _fit_key(html: str, forms: bool) -> str:
    import hashlib

    from facilitator.printing.scanmarks import without_print_date

    digest = hashlib.sha256(without_print_date(html).encode())
    digest.update(_stylesheet_text() + f"|{weasyprint.__version__}|{int(forms)}".encode())
    return digest.hexdigest()[:32]


@cache
def _stylesheet_text() -> bytes:
    try:
        return (_templates() / "print.css").read_bytes()
    except OSError:
        return b""


@cache
def _fit_folder() -> Path | None:
    from facilitator.settings import user_cache_folder

    return user_cache_folder("fit")


def _fit_known(html: str, forms: bool) -> bool | None:
    """True: lay it out snug; False: snug spacing pulls nothing back; None: not known yet."""
    folder = _fit_folder()
    try:
        said = (folder / _fit_key(html, forms)).read_bytes() if folder else b""
    except OSError:
        return None
    return {b"snug": True, b"plain": False}.get(said)


def _fit_learnt(html: str, forms: bool, pulled: bool) -> None:
    folder = _fit_folder()
    if folder is None:
        return
    from facilitator.tomlfile import write_bytes_atomically

    try:
        write_bytes_atomically(folder / _fit_key(html, forms), b"snug" if pulled else b"plain", 0o600)
    except OSError:
        pass  # not kept: the next print decides again


def _filled(page: Any) -> float:
    """How much of the page's height its text and lines reach down to, from 0 to 1."""
    from weasyprint.formatting_structure import boxes

    box = page._page_box
    top, height = box.content_box_y(), box.height
    lowest = top

    def walk(b: Any) -> None:
        nonlocal lowest
        if isinstance(b, boxes.MarginBox):
            return  # the running head and "page X of Y"
        if isinstance(b, (boxes.LineBox, boxes.TableRowBox, boxes.ReplacedBox)) or (
                isinstance(b, boxes.BlockBox) and not b.children and b.height):
            lowest = max(lowest, b.position_y + b.margin_height())
        for child in getattr(b, "children", ()):
            walk(child)

    walk(box)
    return (lowest - top) / height if height else 1.0


def write_output(target: Path, data: bytes, *, private: bool = False) -> None:
    """Put a finished file in place whole: a temporary file beside it, renamed over it.

    A failure leaves no partial or empty file at `target`. The temporary file is created
    readable by its owner only, so a private copy is never readable by others, not even
    for the moment it is being written. A shared copy stays so in a folder closed to
    others (the workspace's out/, which is made 0700 like a missing folder here); only in
    a folder others may open (a path given with -o) does it get the usual permissions.
    """
    from facilitator.errors import UserError
    from facilitator.tomlfile import write_bytes_atomically

    try:
        target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        mode = 0o600
        if not private and target.parent.stat().st_mode & 0o077:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        write_bytes_atomically(target, data, mode)
    except OSError as exc:
        raise UserError(f"{target}: cannot write ({exc.strerror or exc})") from None


def write_pdf(parts: Iterable[Rendered], target: Path | BytesIO, forms: bool = False, private: bool = False,
              tagged: bool = True) -> int:
    """Merge rendered documents (each keeps its own page numbers) into one PDF; return the page count."""
    parts = list(parts)
    pages = [page for part in parts for page in part.document.pages]
    merged = parts[0].document.copy(pages)
    # a shared document is tagged (PDF/UA-1), so a screen reader reads it in order; a form or a
    # facilitator's copy is not (WeasyPrint cannot tag form fields; the private copy stays lean)
    options: dict[str, Any] = {"pdf_forms": forms}
    if tagged and not forms and not private:
        options["pdf_variant"] = "pdf/ua-1"
    if isinstance(target, Path):
        write_output(target, merged.write_pdf(**options), private=private)
    else:
        merged.write_pdf(target, **options)
    return len(pages)


def render_pdf(html: str, tagged: bool = False) -> tuple[bytes, int]:
    return (render_tagged if tagged else _render_chunk)([html])[:2]


def _render_chunk(htmls: list[str], tagged: bool = False) -> tuple[bytes, int, set[str]]:
    """The PDF of these documents, its pages, and the characters no font had (from a worker too)."""
    buffer = BytesIO()
    # joined by pypdf, which keeps no structure tree: untagged (a named packet is tagged,
    # its trees joined by packets.py)
    pages = write_pdf([render(h) for h in htmls], buffer, tagged=tagged)
    return buffer.getvalue(), pages, set(MISSING.characters)


def render_tagged(htmls: list[str]) -> tuple[bytes, int, set[str]]:
    """As _render_chunk, tagged (PDF/UA-1): a top-level function, so a worker process can run it."""
    return _render_chunk(htmls, tagged=True)


def print_many(htmls: list[str], target: Path, *, forms: bool = False, parallel: bool = True,
               progress: Callable[[str], None] = lambda _: None, private: bool = False) -> int:
    """Render each HTML as its own document (its own "page X of Y") into one PDF.

    Many sheets are laid out in worker processes, one per core, in chunks whose PDFs are
    then joined in order; a form (--fillable) or a handful of sheets stay in-process.
    """
    workers = min(os.cpu_count() or 1, 4)
    if forms or not parallel or workers < 2 or len(htmls) < 4:
        parts = []
        for n, html in enumerate(htmls, 1):
            parts.append(render(html, forms=forms))
            if len(htmls) > 1:
                progress(f"laid out sheet {n} of {len(htmls)}")
        return write_pdf(parts, target, forms=forms, private=private)
    size = max(2, -(-len(htmls) // (workers * 3)))
    chunks = [htmls[i:i + size] for i in range(0, len(htmls), size)]
    _stylesheet()  # parse once before forking, so every worker inherits it
    import multiprocessing

    import pypdf

    writer = pypdf.PdfWriter()
    done = pages = 0
    with multiprocessing.get_context("fork").Pool(workers) as pool, pypdf_quiet():
        for pdf, count, missing in pool.imap(_render_chunk, chunks):
            MISSING.characters |= missing
            reader = pypdf.PdfReader(BytesIO(pdf))
            if not done:
                describe(writer, reader)
            writer.append(reader)  # with its outline: a bookmark per sheet
            done += 1
            pages += count
            progress(f"laid out {min(done * size, len(htmls))} of {len(htmls)} sheets")
    write_merged(writer, target, private=private)
    return pages


def describe(writer: Any, reader: Any, title: str = "") -> None:
    """The merged PDF says what the first part says: title, author, creator, dates, language."""
    from pypdf.generic import NameObject, TextStringObject

    info = dict(reader.metadata or {})
    if title:
        info["/Title"] = title
    writer.add_metadata(info)
    lang = reader.trailer["/Root"].get("/Lang")
    if lang is not None:
        writer._root_object[NameObject("/Lang")] = TextStringObject(str(lang))


def pypdf_quiet() -> Any:
    from facilitator.pdfforms import _pypdf_quiet as quiet

    return quiet()


def write_merged(writer: Any, target: Path, *, private: bool = False) -> None:
    buffer = BytesIO()
    with _names_written_once():
        writer.write(buffer)
    write_output(target, buffer.getvalue(), private=private)


@contextmanager
def _names_written_once() -> Any:
    """pypdf spells out every name (/Type, /S, /K ...) character by character each time it is
    written, a fifth of writing a packet's hundred thousand; each name is spelt once here."""
    from pypdf.generic import NameObject

    spelt: dict[str, bytes] = {}
    original = NameObject.write_to_stream

    def write_to_stream(self: Any, stream: Any, *args: Any, **kwargs: Any) -> None:
        out = spelt.get(self)
        if out is None:
            out = spelt[self] = self.renumber()
        stream.write(out)

    NameObject.write_to_stream = write_to_stream
    try:
        yield
    finally:
        NameObject.write_to_stream = original
