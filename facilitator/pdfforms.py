"""Answers from a filled fillable worksheet (a PDF form whose fields are named by code).

Fields come back as strings and check states; they are turned into the same values an
answer sheet holds, then checked by the same rules (values.check_value) on import.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from facilitator import model
from facilitator.errors import InvalidFile
from facilitator.tomlfile import display


def is_pdf(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(5) == b"%PDF-"
    except OSError:
        return False


def read_fields(path: Path) -> dict[str, Any]:
    """Field name -> text, chosen option, or check state (True/False)."""
    import pypdf
    from pypdf.errors import PdfReadError

    try:
        reader = pypdf.PdfReader(path)
        fields = reader.get_fields() or {}
    except (PdfReadError, ValueError, KeyError, TypeError) as exc:
        raise InvalidFile(f"{display(path)}: not a readable PDF form ({exc})") from None
    out: dict[str, Any] = {}
    for name, field in fields.items():
        parent, _, rest = name.partition(".")
        if rest == parent:  # a radio button's widget, listed again under its group
            continue
        if field.get("/FT") == "/Btn":
            state = _state(field)
            options = [str(o) for o in field.get("/Opt", [])]
            if options:
                index = state.lstrip("/")
                out[name] = options[int(index)] if index.isdigit() and int(index) < len(options) else None
            else:
                out[name] = state not in ("/Off", "")
        else:
            value = field.get("/V")
            out[name] = "" if value is None else str(value)
    return out


def _state(field: Any) -> str:
    value = str(field.get("/V") or "/Off")
    if value != "/Off":
        return value
    for kid in field.get("/Kids", []):  # some viewers only mark the widget that was clicked
        state = str(kid.get_object().get("/AS") or "/Off")
        if state != "/Off":
            return state
    return "/Off"


def answers_from_pdf(path: Path, session: model.Session) -> dict[str, Any]:
    """The answers a filled form holds, keyed by code, as an answer sheet would hold them."""
    fields = read_fields(path)
    if not fields:
        raise InvalidFile(f"{display(path)}: this PDF has no form fields; print it with `--fillable`")
    answers: dict[str, Any] = {}
    known = {q.code: q for _, q in session.questions()}
    codes = {name.split(".")[0] for name in fields}
    for code in sorted(codes):
        q = known.get(code)
        if q is None:
            answers[code] = fields.get(code)  # import names the unknown code
            continue
        value = _value(q, code, fields)
        if value is not None:
            answers[code] = value
    return answers


def _value(q: model.Question, code: str, fields: dict[str, Any]) -> Any:
    match q:
        case model.RatingQuestion():
            chosen = fields.get(code)
            return int(chosen) if isinstance(chosen, str) and chosen.isdigit() else 0
        case model.CountQuestion():
            text = str(fields.get(code) or "").strip()
            return int(text) if text.isdigit() else (text or None)
        case model.YesNoQuestion():
            chosen = fields.get(code)
            return {"yes": True, "no": False}.get(chosen) if chosen else None
        case model.MultiQuestion(options=options):
            return [o for i, o in enumerate(options, 1) if fields.get(f"{code}.{i}") is True]
        case model.ListQuestion(items=n):
            return [str(fields.get(f"{code}.{i}") or "") for i in range(1, n + 1)]
        case model.TableQuestion(columns=cols, rows=rows):
            return [[str(fields.get(f"{code}.{r}.{c}") or "") for c in range(1, len(cols) + 1)]
                    for r in range(1, rows + 1)]
        case model.ChoiceQuestion():
            return fields.get(code) or ""
        case _:
            return fields.get(code) or ""
