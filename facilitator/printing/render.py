"""HTML from Jinja2 templates, PDF from WeasyPrint: the only module that imports either.

What participants wrote is data: autoescaped, never compiled as a template, and the
PDF may load nothing but files under worksheets/ and data: URLs.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from io import BytesIO
from functools import cache
from pathlib import Path
from typing import Any

import jinja2

from facilitator.printing.libraries import quick_library_lookup

with quick_library_lookup():
    import weasyprint

from facilitator.model import answer_type, step_type
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
    )
    env.filters["answer_type"] = answer_type
    env.filters["step_type"] = step_type
    env.filters["paragraphs"] = paragraphs
    env.filters["clock"] = lambda minutes: f"{minutes // 60}:{minutes % 60:02d}"
    return env


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
    base = _templates().as_uri() + "/"
    doc = weasyprint.HTML(string=html, base_url=base, url_fetcher=SafeFetcher()).render(
        font_config=_fonts(), stylesheets=[_stylesheet()], pdf_forms=forms or None)
    return Rendered(doc)


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


def write_pdf(parts: Iterable[Rendered], target: Path | BytesIO, forms: bool = False, private: bool = False) -> int:
    """Merge rendered documents (each keeps its own page numbers) into one PDF; return the page count."""
    parts = list(parts)
    pages = [page for part in parts for page in part.document.pages]
    merged = parts[0].document.copy(pages)
    if isinstance(target, Path):
        write_output(target, merged.write_pdf(pdf_forms=forms), private=private)
    else:
        merged.write_pdf(target, pdf_forms=forms)
    return len(pages)


def render_pdf(html: str) -> tuple[bytes, int]:
    return _render_chunk([html])


def _render_chunk(htmls: list[str]) -> tuple[bytes, int]:
    buffer = BytesIO()
    pages = write_pdf([render(h) for h in htmls], buffer)
    return buffer.getvalue(), pages


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
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        for pdf, count in pool.imap(_render_chunk, chunks):
            writer.append(pypdf.PdfReader(BytesIO(pdf)))
            done += 1
            pages += count
            progress(f"laid out {min(done * size, len(htmls))} of {len(htmls)} sheets")
    _write_merged(writer, target, private=private)
    return pages


def _write_merged(writer: Any, target: Path, *, private: bool = False) -> None:
    buffer = BytesIO()
    writer.write(buffer)
    write_output(target, buffer.getvalue(), private=private)


def print_stamped(bases: dict[str, bytes], stamps: list[tuple[str, str]], target: Path, *, parallel: bool = True,
                  progress: Callable[[str], None] = lambda _: None) -> int:
    """A named packet: each role's sheet is laid out once, then every person's copy is that
    sheet with their stamp (name, sheet id, "page X of Y") laid over each page.

    Laying out the questions is the slow part of printing, and it is the same for everyone
    with the same role; a stamp is a few words per page. The shared pages go into the PDF
    once, as form objects that every person's page draws underneath its stamp.
    """
    import pypdf

    htmls = [html for _, html in stamps]
    workers = min(os.cpu_count() or 1, 4)
    if parallel and workers > 1 and len(htmls) >= 8:
        _stylesheet()
        import multiprocessing

        with multiprocessing.get_context("fork").Pool(workers) as pool:
            pdfs = [pdf for pdf, _ in pool.imap(render_pdf, htmls, chunksize=4)]
    else:
        pdfs = [render_pdf(html)[0] for html in htmls]
    writer = pypdf.PdfWriter()
    forms = {role: _shared_forms(writer, pypdf.PdfReader(BytesIO(pdf))) for role, pdf in bases.items()}
    pages = 0
    for n, ((role, _), pdf) in enumerate(zip(stamps, pdfs), 1):
        for stamp_page, (name, form) in zip(pypdf.PdfReader(BytesIO(pdf)).pages, forms[role]):
            _draw_under(writer.add_page(stamp_page), name, form)
            pages += 1
        if n % 10 == 0 or n == len(stamps):
            progress(f"stamped {n} of {len(stamps)} sheets")
    _write_merged(writer, target)
    return pages


def _shared_forms(writer: Any, reader: Any) -> list[tuple[str, Any]]:
    """Each page of a shared sheet as a form XObject in `writer`: (resource name, reference)."""
    from pypdf.generic import ArrayObject, DecodedStreamObject, NameObject

    forms = []
    for page in reader.pages:
        cloned = writer.add_page(page)  # copies the page's fonts and resources into the writer
        form = DecodedStreamObject()
        contents = cloned.get_contents()
        form.set_data(contents.get_data() if contents is not None else b"")
        form[NameObject("/Type")] = NameObject("/XObject")
        form[NameObject("/Subtype")] = NameObject("/Form")
        form[NameObject("/BBox")] = ArrayObject(cloned.mediabox)
        form[NameObject("/Resources")] = cloned["/Resources"]
        forms.append((f"/Shared{id(form)}", writer._add_object(form)))
        writer.remove_page(cloned)  # only the form is kept, not a page of its own
    return forms


def _draw_under(page: Any, name: str, form: Any) -> None:
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

    resources = page["/Resources"].get_object()
    xobjects = resources.get("/XObject")
    if xobjects is None:
        xobjects = DictionaryObject()
        resources[NameObject("/XObject")] = xobjects
    xobjects.get_object()[NameObject(name)] = form
    own = page.get_contents()
    content = DecodedStreamObject()
    content.set_data(f"q {name} Do Q\n".encode() + (own.get_data() if own is not None else b""))
    page.replace_contents(content)
