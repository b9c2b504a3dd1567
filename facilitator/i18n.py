"""The language fixed words are printed (and shown) in: gettext catalogues, chosen per print.

A catalogue is facilitator/locale/<lang>/LC_MESSAGES/facilitator.mo (compiled from its .po by
`make messages`). The language is, highest first: the session's own `language`, the
`language` setting (environment, program.toml, the user's config), English. English is the
msgids themselves, so a language without a catalogue reads as English, never as a failure.

The current language is a context variable, so a print in the app's worker thread does not
change what the app's own screens say, and text built in Python (documents.py) and in the
templates reads from the same catalogue. Core layer: no jinja2 or textual here.
"""

from __future__ import annotations

import gettext as _gettext
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date
from functools import cache
from pathlib import Path

DOMAIN = "facilitator"
LOCALE_DIR = Path(__file__).parent / "locale"
RTL = {"ar", "he", "fa", "ur", "yi", "ps", "sd", "ug", "dv", "ckb"}

_current: ContextVar[str | None] = ContextVar("facilitator_language", default=None)
_default = "en"  # the app's language (set_default), where no print has chosen one


@cache
def translations(language: str) -> _gettext.NullTranslations:
    """The catalogue of a language tag ("pt-BR" tries pt_BR, then pt); English when there is none."""
    tag = language.replace("-", "_")
    return _gettext.translation(DOMAIN, str(LOCALE_DIR), languages=[tag, tag.split("_")[0]], fallback=True)


def available() -> list[str]:
    """The languages with a compiled catalogue, and English."""
    found = {p.parent.parent.name.replace("_", "-") for p in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.mo")}
    return sorted(found | {"en"})


def current() -> str:
    return _current.get() or _default


def set_default(language: str | None) -> None:
    """The language of everything not inside `using` (the app's screens), from its start on."""
    global _default
    _default = language or "en"


@contextmanager
def using(language: str | None) -> Iterator[str]:
    """Fixed words in `language` (None or "": as now) until the block ends."""
    token = _current.set(language or current())
    try:
        yield current()
    finally:
        _current.reset(token)


def gettext(message: str) -> str:
    return translations(current()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return translations(current()).ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    return translations(current()).pgettext(context, message)


_ = gettext


def N_(message: str) -> str:
    """A string marked for the catalogue but translated where it is shown (a module constant)."""
    return message


def choose(session_language: str | None, workspace: Path | None = None) -> str:
    """The session's language, else the `language` setting, else English."""
    if session_language:
        return session_language
    from facilitator.errors import UserError
    from facilitator.settings import Settings

    try:
        return Settings(workspace)["language"] or "en"
    except UserError:  # a bad setting is reported by `config`; paper falls back to English
        return "en"


def direction(language: str | None = None) -> str:
    """ "rtl" for a script written right to left (Arabic, Hebrew, Persian, Urdu...), else "ltr"."""
    return "rtl" if (language or current()).split("-")[0].lower() in RTL else "ltr"


def format_number(value: float, language: str | None = None, places: int | None = None) -> str:
    """A number as the language writes it (7,5 in German): as short as `:g` writes it, or with
    exactly `places` decimals."""
    try:
        from babel.numbers import format_decimal

        pattern = None if places is None else "0." + "0" * places if places else "0"
        return format_decimal(value, format=pattern, locale=(language or current()).replace("-", "_"))
    except Exception:  # noqa: BLE001 — Babel missing or a tag it does not know
        return f"{value:g}" if places is None else f"{value:.{places}f}"


def format_date(day: date | str, language: str | None = None, form: str = "long") -> str:
    """A date as the language writes it on paper (1. Dezember 2026; December 1, 2026). An ISO
    string is read first; something that is not a date is returned as it is."""
    if isinstance(day, str):
        try:
            day = date.fromisoformat(day[:10])
        except ValueError:
            return day
    try:
        from babel.dates import format_date as babel_format

        return babel_format(day, format=form, locale=(language or current()).replace("-", "_"))
    except Exception:  # Babel missing or a tag it does not know: the unambiguous form
        return day.isoformat()
