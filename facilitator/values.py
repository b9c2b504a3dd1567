"""What counts as a valid answer to a question, shared by the app, the engine and import.

Types are checked by msgspec (strict: `true` is not a rating); the ranges and options
come from the session definition. `None` means "not answered" (a 0 rating, "" text,
an empty list).
"""

from __future__ import annotations

import copy
import datetime
import math
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import msgspec

from facilitator import model
from facilitator.i18n import N_, _, format_number, ngettext
from facilitator.validation import did_you_mean

@dataclass(frozen=True)
class _Shape:
    """What an answer to one type of question looks like."""

    typ: Any  # what msgspec checks the answer against
    blank: Any  # the unanswered value an answer sheet starts with
    expected: str  # told to an answer of the wrong type; `{q}` is the question


_SHAPES: dict[type, _Shape] = {
    model.TextQuestion: _Shape(str, "", N_("text")),
    model.RatingQuestion: _Shape(int, 0, N_("a whole number {q.scale.min}-{q.scale.max} (0 = not answered)")),
    model.ChoiceQuestion: _Shape(str, "", N_("one option as text")),
    model.MultiQuestion: _Shape(list[str], [], N_("a list of options")),
    model.YesNoQuestion: _Shape(bool, "", N_("true or false")),
    model.ListQuestion: _Shape(list[str], [], N_("a list of strings")),
    model.TableQuestion: _Shape(list[list[str] | dict[str, str]], [], N_("a list of rows")),
    model.CountQuestion: _Shape(int, -1, N_("a whole number")),
    # an ISO string, not a TOML date: every reader (export, the PDF form, the app) takes it as it is
    model.DateQuestion: _Shape(str, "", N_("a date as YYYY-MM-DD, e.g. 2026-12-01")),
    model.NumberQuestion: _Shape(int | float, "", N_("a number")),
}

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_TYPED_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)$")


class BadValue(ValueError):
    """The value does not fit the question; the message names what was expected."""


def describe(question: model.Question) -> str:
    """The expected answer, as a sheet comment shows it."""
    match question:
        case model.RatingQuestion(scale=s):
            return f"rating {s.min}-{s.max}: {s.min} {s.low} … {s.max} {s.high}; 0 = not answered"
        case model.ChoiceQuestion(options=o):
            return "one of: " + " | ".join(f'"{x}"' for x in o)
        case model.MultiQuestion(options=o):
            return "a list of any of: " + " | ".join(f'"{x}"' for x in o)
        case model.YesNoQuestion():
            return "true or false"
        case model.ListQuestion(items=n):
            return f"a list of up to {n} strings"
        case model.TableQuestion(columns=c):
            return "rows, each a list of " + ", ".join(c)
        case model.CountQuestion(max=m):
            return f"a whole number 0-{m}"
        case model.DateQuestion():
            return "a date as YYYY-MM-DD, e.g. 2026-12-01"
        case model.NumberQuestion():
            return number_rule(question)
        case _:
            return "text"


def number_rule(q: model.NumberQuestion, number: Callable[[float], str] | None = None) -> str:
    """What a number question takes: `a number 0-100 %, up to 1 decimal place`, in the language
    in force; `number` writes the numbers (paper: as the language writes them, 7,5)."""
    n = number or _number
    unit = unit_suffix(q.unit)
    if q.min is not None and q.max is not None:
        span = f"{n(q.min)}-{n(q.max)}{unit}"
    elif q.min is not None:
        span = _("from %(n)s") % {"n": f"{n(q.min)}{unit}"}
    elif q.max is not None:
        span = _("up to %(n)s") % {"n": f"{n(q.max)}{unit}"}
    else:
        span = f"({q.unit})" if q.unit else ""
    if q.decimals:
        places = ngettext("up to %(n)s decimal place", "up to %(n)s decimal places", q.decimals) % {"n": q.decimals}
        return (_("a number %(span)s, %(places)s") % {"span": span, "places": places} if span
                else _("a number, %(places)s") % {"places": places})
    return _("a whole number %(span)s") % {"span": span} if span else _("a whole number")


def unit_suffix(unit: str) -> str:
    """A unit as it follows a number: `40%`, `7.5 hours`."""
    return unit if unit == "%" else (f" {unit}" if unit else "")


def _number(value: float) -> str:
    return f"{value:g}"


def blank(question: model.Question) -> Any:
    """The unanswered value an answer sheet starts with."""
    return copy.copy(_SHAPES[type(question)].blank)  # a list of its own, for the caller to fill


def check_value(question: model.Question, value: Any, *, stored: bool = False) -> Any:
    """The value normalised, `None` when it means "not answered", or BadValue.

    `stored`: a value read back from a record, not one coming in. It may hold a control
    character saved before they were refused; that is no damage (every output writes it as
    its code), so only new answers are refused for it."""
    if isinstance(question, (model.YesNoQuestion, model.CountQuestion)) and value in ("", -1):
        return None
    if isinstance(question, (model.DateQuestion, model.NumberQuestion)) and (value is None or value == ""):
        return None
    if isinstance(question, model.NumberQuestion) and isinstance(value, bool):
        raise BadValue(_("expected %(what)s, got %(kind)s") % {"what": number_rule(question), "kind": _kind(True)})
    if isinstance(question, model.DateQuestion) and isinstance(value, datetime.date):
        return _date(value)  # a TOML date (`due = 2026-12-01`, unquoted) read from an imported sheet
    if stored and isinstance(question, model.DateQuestion) and isinstance(value, str) and not _ISO_DATE.match(value.strip()):
        # written while the question still took text ("at our midpoint review"): a record keeps it as written
        return value if value.strip() else None
    shape = _SHAPES[type(question)]
    try:
        value = msgspec.convert(value, shape.typ, strict=True)
    except msgspec.ValidationError:
        expected = (number_rule(question) if isinstance(question, model.NumberQuestion)
                    else _(shape.expected).format(q=question))
        raise BadValue(_("expected %(what)s, got %(kind)s") % {"what": expected, "kind": _kind(value)}) from None
    if isinstance(question, (model.TextQuestion, model.ListQuestion, model.TableQuestion)) and not stored:
        size = _characters(value)
        if size > MAX_ANSWER_CHARS:
            raise BadValue(_("the answer is %(size)s characters long; an answer may hold at most %(most)s"
                             " (about ten pages)") % {"size": format_number(size),
                                                      "most": format_number(MAX_ANSWER_CHARS)})
        value = _without_control_characters(value)
    match question:
        case model.TextQuestion():
            return value if value.strip() else None
        case model.RatingQuestion(scale=s):
            if value == 0:
                return None
            if not s.min <= value <= s.max:
                raise BadValue(_("rating %(value)s is out of range %(min)s-%(max)s")
                               % {"value": value, "min": s.min, "max": s.max})
            return value
        case model.CountQuestion(max=m):
            if not 0 <= value <= m:
                raise BadValue(_("count %(value)s is out of range 0-%(max)s") % {"value": value, "max": m})
            return value
        case model.DateQuestion():
            return _date(value)
        case model.NumberQuestion():
            return _checked_number(question, value)
        case model.ChoiceQuestion(options=o):
            if value == "":
                return None
            if value not in o:
                raise BadValue(_not_an_option(value, o))
            return value
        case model.MultiQuestion(options=o):
            for v in value:
                if v not in o:
                    raise BadValue(_not_an_option(v, o))
            return list(dict.fromkeys(value)) or None
        case model.ListQuestion():
            items = [v for v in value if v.strip()]
            return items or None
        case model.TableQuestion(columns=cols):
            return _table(value, cols)
    return value


def _not_an_option(value: Any, options: list[str]) -> str:
    return _("`%(value)s` is not an option%(hint)s; options: %(options)s") % {
        "value": value, "hint": did_you_mean(value, options), "options": ", ".join(options)}


def _date(value: str | datetime.date) -> str:
    if isinstance(value, datetime.datetime):
        raise BadValue(_("expected a date as YYYY-MM-DD, e.g. 2026-12-01, got a date with a time"))
    if isinstance(value, datetime.date):
        return value.isoformat()
    text = value.strip()
    if not _ISO_DATE.match(text):
        raise BadValue(_("`%(text)s` is not a date as YYYY-MM-DD, e.g. 2026-12-01") % {"text": text})
    try:
        return datetime.date.fromisoformat(text).isoformat()
    except ValueError:
        raise BadValue(_("`%(text)s` is not a day in the calendar (write year-month-day, e.g. 2026-12-01)")
                       % {"text": text}) from None


def _checked_number(q: model.NumberQuestion, value: float) -> float | int:
    if not math.isfinite(value):
        raise BadValue(_("expected %(what)s, got %(kind)s") % {"what": number_rule(q), "kind": value})
    unit = unit_suffix(q.unit)
    if (q.min is not None and value < q.min) or (q.max is not None and value > q.max):
        raise BadValue(_("%(value)s is out of range: %(rule)s") % {"value": f"{_number(value)}{unit}",
                                                                   "rule": number_rule(q)})
    places = _places(value)
    if places > q.decimals:
        allowed = (ngettext("at most %(n)s decimal place", "at most %(n)s decimal places", q.decimals)
                   % {"n": q.decimals} if q.decimals else _("a whole number"))
        raise BadValue(ngettext("%(value)s has %(n)s decimal place; this question takes %(allowed)s",
                                "%(value)s has %(n)s decimal places; this question takes %(allowed)s", places)
                       % {"value": _number(value), "n": places, "allowed": allowed})
    return int(value) if q.decimals == 0 or float(value).is_integer() else float(value)


def _places(value: float) -> int:
    """Decimal places as written: 7.25 has 2 (repr is the shortest text that reads back the same)."""
    text = repr(float(value))
    if "e" in text:
        return 0 if float(value).is_integer() else 99
    return len(text.partition(".")[2].rstrip("0"))


MAX_ANSWER_CHARS = 20_000  # ten printed pages: more than anyone writes on a sheet, and it prints in seconds


def _characters(value: Any) -> int:
    """All the characters an answer holds, in its text, items or cells."""
    if isinstance(value, str):
        return len(value)
    if isinstance(value, list):
        return sum(_characters(v) for v in value)
    if isinstance(value, dict):
        return sum(_characters(v) for v in value.values())
    return 0


def is_control(char: str) -> bool:
    """A control character a terminal could act on: every one but newline and tab."""
    return char not in "\n\t" and unicodedata.category(char) == "Cc"


def _without_control_characters(value: Any) -> Any:
    """The same text with Windows line breaks made plain; BadValue if a control character is left.

    A NUL or an escape sequence (ESC [2J clears the screen) typed into a record would reach
    every terminal that later shows it; no answer needs one.
    """
    if isinstance(value, str):
        value = value.replace("\r\n", "\n")
        found = next((c for c in value if is_control(c)), None)
        if found:
            raise BadValue(_("contains the control character U+%(code)s, which an answer may not hold"
                             " (only line breaks and tabs)") % {"code": f"{ord(found):04X}"})
        return value
    if isinstance(value, list):
        return [_without_control_characters(v) for v in value]
    if isinstance(value, dict):
        return {k: _without_control_characters(v) for k, v in value.items()}
    return value


def _table(rows: list, columns: list[str]) -> list[list[str]] | None:
    out = []
    for i, row in enumerate(rows):
        if isinstance(row, dict):
            unknown = [k for k in row if k not in columns]
            if unknown:
                raise BadValue(_("row %(n)s: unknown column `%(column)s`%(hint)s")
                               % {"n": i + 1, "column": unknown[0], "hint": did_you_mean(unknown[0], columns)})
            row = [row.get(c, "") for c in columns]
        if len(row) > len(columns):
            raise BadValue(_("row %(n)s has %(cells)s cells; the table has %(columns)s columns")
                           % {"n": i + 1, "cells": len(row), "columns": len(columns)})
        row = list(row) + [""] * (len(columns) - len(row))
        if any(cell.strip() for cell in row):
            out.append(row)
    return out or None


# how a wrong answer is named; the first that fits, so bool before int (True is an int too)
_KINDS = ((bool, N_("true/false")), (int, N_("a number")), (float, N_("a decimal number")), (str, N_("text")),
          (list, N_("a list")), (dict, N_("a table")))


def _kind(value: Any) -> str:
    return next((_(words) for typ, words in _KINDS if isinstance(value, typ)), type(value).__name__)


def from_typed(question: model.Question, text: str) -> Any:
    """What a facilitator typed on the keyboard, as the value `check_value` expects.

    Ratings and counts are numbers; a choice may be typed as its number; yes/no as y or n;
    lists and multiple choices separated by ";"; table rows by ";" and cells by "|".
    """
    text = text.strip()
    match question:
        case model.RatingQuestion():
            return int(text) if text.lstrip("-").isdigit() else (0 if not text else text)
        case model.CountQuestion():
            return int(text) if text.lstrip("-").isdigit() else (-1 if not text else text)
        case model.NumberQuestion(unit=unit):
            if unit and text.endswith(unit):  # "40 %" as it is printed
                text = text[: -len(unit)].strip()
            if _TYPED_NUMBER.match(text):
                number = float(text.replace(",", "."))
                return int(number) if number.is_integer() and "." not in text and "," not in text else number
            return text
        case model.YesNoQuestion():
            return {"y": True, "yes": True, "n": False, "no": False}.get(text.lower(), "" if not text else text)
        case model.ChoiceQuestion(options=options):
            return options[int(text) - 1] if text.isdigit() and 0 < int(text) <= len(options) else text
        case model.MultiQuestion(options=options):
            picked = [p.strip() for p in text.split(";") if p.strip()]
            return [options[int(p) - 1] if p.isdigit() and 0 < int(p) <= len(options) else p for p in picked]
        case model.ListQuestion():
            return [p.strip() for p in text.split(";") if p.strip()]
        case model.TableQuestion():
            return [[cell.strip() for cell in row.split("|")] for row in text.split(";") if row.strip()]
        case _:
            return text


def as_typed(question: model.Question, value: Any) -> str:
    """A stored value as the facilitator would type it back (the inverse of from_typed)."""
    if value is None:
        return ""
    match question:
        case model.YesNoQuestion():
            return "y" if value else "n"
        case model.TableQuestion():
            return "; ".join(" | ".join(row) for row in value)
        case model.MultiQuestion() | model.ListQuestion():
            return "; ".join(value)
        case model.NumberQuestion():
            return _number(value)
        case _:
            return str(value)
