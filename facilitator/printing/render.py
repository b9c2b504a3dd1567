"""HTML from Jinja2 templates, PDF from WeasyPrint: the only module that imports either.

What participants wrote is data: autoescaped, never compiled as a template, and the
PDF may load nothing but files under worksheets/ and data: URLs.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
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
    )
    env.filters["answer_type"] = answer_type
    env.filters["step_type"] = step_type
    env.filters["paragraphs"] = paragraphs
    env.filters["clock"] = lambda minutes: f"{minutes // 60}:{minutes % 60:02d}"
    return env


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


def render(html: str, forms: bool = False) -> Rendered:
    base = _templates().as_uri() + "/"
    doc = weasyprint.HTML(string=html, base_url=base, url_fetcher=SafeFetcher()).render(
        font_config=_fonts(), pdf_forms=forms or None)
    return Rendered(doc)


def write_pdf(parts: Iterable[Rendered], target: Path, forms: bool = False) -> int:
    """Merge rendered documents (each keeps its own page numbers) into one PDF; return the page count."""
    parts = list(parts)
    pages = [page for part in parts for page in part.document.pages]
    merged = parts[0].document.copy(pages)
    target.parent.mkdir(parents=True, exist_ok=True)
    merged.write_pdf(target, pdf_forms=forms)
    return len(pages)
