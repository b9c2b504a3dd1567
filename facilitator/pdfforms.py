"""Answers from a filled fillable worksheet (a PDF form whose fields are named by code).

A PDF that arrives for import may be anything: damaged, cut short, or built to exhaust
the reader. So it is read within limits no worksheet comes near (checked before the work
they bound), with pypdf's own warnings kept off the terminal, and every failure becomes
one line naming the file. Field values come back only as text, a chosen option or a
check state; anything else in a field is refused, never turned into text.

The form's identity (whose sheet it is) travels in the PDF's keywords; facilitator.sheets
says what it holds and checks it.
"""

from __future__ import annotations

import logging
import re
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import Any

from facilitator import model
from facilitator.errors import InvalidFile
from facilitator.tomlfile import display
from facilitator.values import from_typed

# A filled worksheet is well under 1 MB, holds a few hundred objects and fields; these
# leave room for any viewer's additions and stop a hostile file long before it costs much.
MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_OBJECTS = 50_000
MAX_FIELDS = 5_000
MAX_STREAM_BYTES = 10 * 1024 * 1024
MAX_ITEMS = 10_000  # in one array or dictionary
_LIMITS = {
    "maximum_declared_stream_length": MAX_STREAM_BYTES,
    "array_based_stream_maximum_output_length": MAX_STREAM_BYTES,
    "zlib_maximum_output_length": MAX_STREAM_BYTES,
    "zlib_maximum_recovery_input_length": MAX_STREAM_BYTES,
    "lzw_maximum_output_length": MAX_STREAM_BYTES,
    "run_length_maximum_output_length": MAX_STREAM_BYTES,
    "brotli_maximum_output_length": MAX_STREAM_BYTES,
    "jbig2_maximum_output_length": MAX_STREAM_BYTES,
    "image_maximum_buffer_size": MAX_STREAM_BYTES,
    "stream_decoding_work_maximum_length": 4 * MAX_STREAM_BYTES,
    "xmp_maximum_input_length": 1024 * 1024,
    "array_maximum_element_count": MAX_ITEMS,
    "dictionary_maximum_element_count": MAX_ITEMS,
    "form_fields_maximum_entries": MAX_FIELDS,
    "form_fields_maximum_depth": 20,
    "page_tree_maximum_entries": MAX_ITEMS,
    "page_tree_maximum_depth": 20,
}
_NUMBER = re.compile(r"[0-9]{1,9}")  # ASCII digits only: "²".isdigit() is true, int("²") fails


@dataclass(frozen=True)
class Form:
    keywords: str  # the PDF's /Keywords: where a printed worksheet says whose it is
    fields: dict[str, Any]  # field name -> text, chosen option (None: none), or check state


class _BadField(Exception):
    def __init__(self, name: str, problem: str):
        super().__init__(f"field {name}: {problem}")


def looks_like_pdf(path: Path) -> bool:
    """A PDF by its name or its first bytes: a .pdf that is not one is refused as a PDF, not as TOML."""
    if path.suffix.lower() == ".pdf":
        return True
    try:
        with path.open("rb") as handle:
            return handle.read(1024).lstrip().startswith(b"%PDF-")
    except OSError:
        return False


def read_form(path: Path) -> Form:
    """The form's identity keywords and field values, or InvalidFile with one line."""
    where = display(path)
    raw = _read_bounded(path, where)
    if b"%PDF-" not in raw[:1024]:
        raise InvalidFile(f"{where}: not a PDF (a filled answer sheet is a TOML file or a PDF printed with"
                          " `--fillable`)")
    if b"%%EOF" not in raw[-2048:]:
        raise InvalidFile(f"{where}: the PDF is damaged or cut short (it has no end-of-file marker)")
    import pypdf
    from pypdf.errors import FileNotDecryptedError, LimitReachedError

    with _pypdf_quiet(), pypdf.apply_configuration(**_LIMITS):
        try:
            reader = pypdf.PdfReader(BytesIO(raw))
            objects = sum(len(ids) for ids in reader.xref.values()) + len(reader.xref_objStm)
            if objects > MAX_OBJECTS:
                raise InvalidFile(f"{where}: refused: {objects:,} objects, more than any worksheet"
                                  f" (at most {MAX_OBJECTS:,})")
            keywords = _keywords(reader)
            return Form(keywords, _fields(reader.get_fields() or {}))
        except _BadField as exc:
            raise InvalidFile(f"{where}: not a form this tool can read: {exc}") from None
        except LimitReachedError as exc:
            raise InvalidFile(f"{where}: refused: the PDF goes past a safety limit no worksheet reaches"
                              f" ({_reason(exc)})") from None
        except FileNotDecryptedError:
            raise InvalidFile(f"{where}: the PDF is encrypted; save an unprotected copy and import that") from None
        except InvalidFile:
            raise
        except Exception as exc:  # pypdf on hostile input raises anything: each is a damaged file
            raise InvalidFile(f"{where}: the PDF is damaged ({_reason(exc)})") from None


def _read_bounded(path: Path, where: str) -> bytes:
    from facilitator.tomlfile import read_file

    raw = read_file(path, where, "a worksheet", max_bytes=MAX_FILE_BYTES)
    if not raw:
        raise InvalidFile(f"{where}: the file is empty")
    return raw


@contextmanager
def _pypdf_quiet() -> Iterator[None]:
    """pypdf's warnings and log lines, off the terminal for this read only: our one line says it."""
    logger = logging.getLogger("pypdf")
    handler = logging.NullHandler()
    propagate = logger.propagate
    logger.addHandler(handler)
    logger.propagate = False
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate


def _reason(exc: Exception) -> str:
    text = " ".join(str(exc).split())[:160] or type(exc).__name__
    return text.rstrip(".")


def _keywords(reader: Any) -> str:
    info = reader.trailer.get("/Info")
    info = info.get_object() if info is not None else None
    if not hasattr(info, "get"):
        return ""
    value = info.get("/Keywords")
    return value if isinstance(value, str) and len(value) < 1000 else ""


def _fields(fields: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, field in fields.items():
        parent, _, rest = name.partition(".")
        if rest == parent:  # a radio button's widget, listed again under its group
            continue
        if field.get("/FT") == "/Btn":
            state = _state(name, field)
            options = _options(name, field)
            if options:
                out[name] = _chosen(name, state, options)
            else:
                out[name] = state not in ("/Off", "")
        else:
            out[name] = _text(name, field.get("/V"))
    return out


def _text(name: str, value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return str(value)
    raise _BadField(name, f"its value is {_kind(value)}, not text")


def _state(name: str, field: Any) -> str:
    value = field.get("/V")
    if value is not None and not _is_name(value):
        raise _BadField(name, f"its value is {_kind(value)}, not a button state")
    if value is not None and value != "/Off":
        return str(value)
    kids = field.get("/Kids") or []
    if not isinstance(kids, list):
        raise _BadField(name, f"its buttons are {_kind(kids)}")
    for kid in kids:  # some viewers only mark the widget that was clicked
        widget = kid.get_object()
        state = widget.get("/AS") if isinstance(widget, dict) else None
        if state is not None and not _is_name(state):
            raise _BadField(name, f"a button's state is {_kind(state)}")
        if state is not None and state != "/Off":
            return str(state)
    return "/Off"


def _options(name: str, field: Any) -> list[str]:
    options = field.get("/Opt")
    if options is None:
        return []
    if not isinstance(options, list) or not all(isinstance(o, str) for o in options):
        raise _BadField(name, f"its options are {_kind(options)}, not a list of text")
    return [str(o) for o in options]


def _chosen(name: str, state: str, options: list[str]) -> str | None:
    """The option a radio state picks: `/2` is the third; a state beyond them is refused, not "not answered"."""
    if state in ("/Off", ""):
        return None
    index = state[1:]
    if not _NUMBER.fullmatch(index) or int(index) >= len(options):
        raise _BadField(name, f"the chosen button {state[:20]} is not one of its {len(options)} options")
    return options[int(index)]


def _is_name(value: Any) -> bool:
    from pypdf.generic import NameObject

    return isinstance(value, NameObject)


def _kind(value: Any) -> str:
    from pypdf.generic import NameObject, StreamObject

    if isinstance(value, StreamObject):
        return "a stream"
    if isinstance(value, dict):
        return "a dictionary"
    if isinstance(value, list):
        return f"a list of {len(value)} item{'s' if len(value) != 1 else ''}"
    if isinstance(value, NameObject):
        return "a name"
    if isinstance(value, (int, float)):
        return "a number"
    return "not text" if not isinstance(value, str) else "text"


def answers_from_form(form: Form, session: model.Session) -> dict[str, Any]:
    """The answers a filled form holds, keyed by code, as an answer sheet would hold them."""
    fields = form.fields
    answers: dict[str, Any] = {}
    known = {q.code: q for _, q in session.questions()}
    codes = {name.split(".")[0] for name in fields}
    for code in sorted(codes):
        q = known.get(code) or known.get(session.current_code(code))  # an old sheet's code: its question now
        if q is None:
            answers[code] = fields.get(code)  # import names the unknown code
            continue
        value = _value(q, code, fields)
        if value is not None:
            answers[code] = value
    return answers


def field_codes(form: Form) -> set[str]:
    return {name.split(".")[0] for name in form.fields}


def _number(text: Any, unanswered: Any) -> Any:
    """A field's digits as a number; anything else as it was, for the answer check to name."""
    text = (text or "").strip() if isinstance(text, str) else text
    if not text:
        return unanswered
    return int(text) if isinstance(text, str) and _NUMBER.fullmatch(text) else text


def _value(q: model.Question, code: str, fields: dict[str, Any]) -> Any:
    match q:
        case model.RatingQuestion():
            return _number(fields.get(code), 0)
        case model.CountQuestion():
            return _number(fields.get(code), None)
        case model.NumberQuestion():  # "7,5", "40 %": read as the app reads what is typed
            text = fields.get(code)
            return from_typed(q, text) if isinstance(text, str) and text.strip() else None
        case model.DateQuestion():
            text = fields.get(code)
            return text.strip() if isinstance(text, str) and text.strip() else None
        case model.YesNoQuestion():
            chosen = fields.get(code)
            return {"yes": True, "no": False}.get(chosen, chosen) if chosen else None
        case model.MultiQuestion(options=options):
            return [o for i, o in enumerate(options, 1) if fields.get(f"{code}.{i}") is True]
        case model.ListQuestion(items=n):  # a cell that is not text is left for the answer check to refuse
            return [fields.get(f"{code}.{i}") or "" for i in range(1, n + 1)]
        case model.TableQuestion(columns=cols, rows=rows):
            return [[fields.get(f"{code}.{r}.{c}") or "" for c in range(1, len(cols) + 1)]
                    for r in range(1, rows + 1)]
        case _:
            return fields.get(code) or ""
