"""Settings a facilitator sets once: paper size, theme, default workspace, the program's name
and logo on paper, the language.

Each is read from, highest first: the environment (where a variable helps), the workspace's
program.toml (its `[settings]` table), the user's config file (config.toml in the user's
config folder, or the file FACILITATOR_CONFIG names), and the built-in default. A bad value
is refused in one line naming the file, the key and what is allowed, as a session file's is.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from facilitator.errors import UserError
from facilitator.i18n import _
from facilitator.tomlfile import display, dumps, read_toml, write_atomically

LOGO_TYPES = {".png": "image/png", ".svg": "image/svg+xml"}
LOGO_MAX_BYTES = 1_000_000


@dataclass(frozen=True)
class Key:
    name: str
    default: str
    help: str
    check: Callable[[str], str]  # the reason a value is refused, or ""
    env: str = ""
    user_only: bool = False  # meaningless inside a workspace (which workspace to open)


def _one_of(*choices: str) -> Callable[[str], str]:
    return lambda value: "" if value in choices else _("must be one of %(choices)s") % {"choices": ", ".join(choices)}


def _name(value: str) -> str:
    return "" if 0 < len(value.strip()) <= 120 and value.isprintable() else _("must be 1 to 120 printable characters")


def _language(value: str) -> str:
    return "" if re.fullmatch(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*", value) else \
        _("must be a language tag such as en, de or pt-BR")


def _path(value: str) -> str:
    if "://" in value or value.startswith(("data:", "file:")):
        return _("must be a file path, not a URL")
    return "" if value.strip() and "\0" not in value else _("must be a file path")


def _logo(value: str) -> str:
    return _path(value) or ("" if Path(value).suffix.lower() in LOGO_TYPES else _("must be a .png or .svg file"))


KEYS = {k.name: k for k in (
    Key("paper", "a4", "paper size for `print` (a4 or letter)", _one_of("a4", "letter"), env="FACILITATOR_PAPER"),
    Key("theme", "default", "the app's theme (high-contrast for a washed-out projector)",
        _one_of("default", "high-contrast"), env="FACILITATOR_THEME"),
    Key("workspace", "", "the workspace opened without --workspace (FACILITATOR_HOME overrides it)", _path,
        user_only=True),
    Key("program_name", "", "the program's name on paper (default: program.toml's name)", _name),
    Key("logo", "", "a PNG or SVG shown beside the program's name at the head of every document", _logo),
    Key("language", "en", "the language of the program's paper and screens (en, de; a session's own `language` wins)", _language,
        env="FACILITATOR_LANGUAGE"),
)}


@dataclass(frozen=True)
class Value:
    value: str
    source: str  # "default", "env NAME", or the file it was read from
    folder: Path | None = None  # where a relative path in a file is read from


def user_file() -> Path:
    """The user's config file: FACILITATOR_CONFIG, else config.toml in the user's config folder
    (XDG_CONFIG_HOME where it is set)."""
    named = os.environ.get("FACILITATOR_CONFIG")
    if named:
        return Path(named).expanduser()
    from platformdirs import user_config_dir

    return Path(user_config_dir("facilitator", appauthor=False)) / "config.toml"


def user_cache_folder(name: str) -> Path | None:
    """A folder of the user's cache (XDG_CACHE_HOME where set), made owner-only on first use;
    None where it cannot be made: whatever is kept there is only ever a shortcut."""
    from platformdirs import user_cache_dir

    folder = Path(user_cache_dir("facilitator", appauthor=False)) / name
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError:
        return None
    return folder


def _read(path: Path, table: str | None = None) -> dict[str, str]:
    """A settings file's keys, each checked; a bad one is refused naming the file and the key."""
    if not path.is_file():
        return {}
    doc = read_toml(path)
    where = display(path)
    if table:
        doc = doc.get(table, {})
        if not isinstance(doc, dict):
            raise UserError(_("%(file)s: %(table)s: must be a table of settings") % {"file": where, "table": table})
    found = {}
    for key, value in doc.items():
        name = f"{table}.{key}" if table else key
        if key not in KEYS:
            from facilitator.validation import did_you_mean

            raise UserError(_("%(file)s: %(name)s: unknown setting%(hint)s; settings: %(keys)s")
                            % {"file": where, "name": name, "hint": did_you_mean(key, list(KEYS)),
                               "keys": ", ".join(KEYS)})
        if table and KEYS[key].user_only:
            raise UserError(_("%(file)s: %(name)s: `%(key)s` is a setting of your own, not of a workspace:"
                              " `facilitator config set %(key)s VALUE --user`") % {"file": where, "name": name, "key": key})
        if not isinstance(value, str):
            raise UserError(_("%(file)s: %(name)s: must be a string (in quotes)") % {"file": where, "name": name})
        if reason := KEYS[key].check(value):
            raise UserError(_("%(file)s: %(name)s: %(reason)s (found `%(value)s`)")
                            % {"file": where, "name": name, "reason": reason, "value": value[:60]})
        found[key] = value
    return found


class Settings:
    """The effective settings and where each came from."""

    def __init__(self, workspace: Path | None = None, environ: dict[str, str] | None = None) -> None:
        environ = os.environ if environ is None else environ
        self.user_file = user_file()
        self.workspace_file = workspace / "program.toml" if workspace is not None else None
        layers: list[tuple[dict[str, str], str, Path | None]] = [
            (_read(self.user_file), display(self.user_file), self.user_file.parent)]
        if self.workspace_file is not None:
            layers.append((_read(self.workspace_file, "settings"), display(self.workspace_file), workspace))
        self.values: dict[str, Value] = {}
        for key in KEYS.values():
            value = Value(key.default, "default")
            for found, source, folder in layers:
                if key.name in found:
                    value = Value(found[key.name], source, folder)
            if key.env and environ.get(key.env):
                if reason := key.check(environ[key.env]):
                    raise UserError(_("%(name)s: %(reason)s (found `%(value)s`)")
                                    % {"name": key.env, "reason": reason, "value": environ[key.env][:60]})
                value = Value(environ[key.env], f"env {key.env}")
            self.values[key.name] = value

    def __getitem__(self, key: str) -> str:
        return self.values[key].value

    def logo(self) -> str:
        """The logo as a data: URL for the print head ("" for none).

        A logo is read only as an image file: a regular file, PNG or SVG by its content too,
        inside the workspace or the user's config folder, small. Never fetched: an SVG's own
        references are refused by the printer's fetcher, which allows nothing outside its
        templates."""
        import base64

        found = self.values["logo"]
        if not found.value:
            return ""
        where = found.source if found.folder is not None else "logo"
        path = Path(found.value).expanduser()
        if not path.is_absolute():
            path = (found.folder or Path.cwd()) / path
        try:
            path = path.resolve(strict=True)
        except OSError:
            raise UserError(_("%(where)s: logo: no such file %(file)s") % {"where": where, "file": display(path)}) from None
        allowed = [p.resolve() for p in (self.user_file.parent, self.workspace_file.parent if self.workspace_file
                                          else None) if p is not None]
        if not any(path.is_relative_to(folder) for folder in allowed):
            raise UserError(_("%(where)s: logo: %(file)s is outside the workspace and your config folder;"
                              " copy the image into one of them") % {"where": where, "file": display(path)})
        if not path.is_file() or path.stat().st_size > LOGO_MAX_BYTES:
            raise UserError(_("%(where)s: logo: %(file)s must be an image file under 1 MB")
                            % {"where": where, "file": display(path)})
        data = path.read_bytes()
        kind = LOGO_TYPES.get(path.suffix.lower(), "")
        if kind == "image/png" and not data.startswith(b"\x89PNG\r\n\x1a\n") or kind == "image/svg+xml" and \
                b"<svg" not in data[:4096]:
            raise UserError(_("%(where)s: logo: %(file)s is not a %(kind)s image")
                            % {"where": where, "file": display(path), "kind": path.suffix[1:].upper()})
        return f"data:{kind};base64,{base64.b64encode(data).decode()}"


def write(key: str, value: str, target: Path, *, table: str | None = None) -> None:
    """Set one key in a settings file, atomically, keeping the file's other content."""
    if key not in KEYS:
        from facilitator.validation import did_you_mean

        raise UserError(_("unknown setting `%(key)s`%(hint)s; settings: %(keys)s")
                        % {"key": key, "hint": did_you_mean(key, list(KEYS)), "keys": ", ".join(KEYS)})
    if table and KEYS[key].user_only:
        raise UserError(_("`%(key)s` is a setting of your own, not of a workspace: use --user") % {"key": key})
    if value and (reason := KEYS[key].check(value)):
        raise UserError(_("%(name)s: %(reason)s (found `%(value)s`)") % {"name": key, "reason": reason,
                                                                        "value": value[:60]})
    doc: dict[str, Any] = read_toml(target) if target.is_file() else {}
    section = doc.setdefault(table, {}) if table else doc
    if value == "":
        section.pop(key, None)  # an empty value goes back to the default
    else:
        section[key] = value
    if table and not section:
        doc.pop(table)
    header = "# facilitator's settings (`facilitator config` shows them and where each comes from)\n"
    if target.is_file():  # the file's own opening comment is kept (program.toml says what it is)
        lines = target.read_text(encoding="utf-8").splitlines(keepends=True)
        kept = "".join(line for line in lines[:next((i for i, l in enumerate(lines) if not l.startswith("#")),
                                                     len(lines))])
        header = kept or ("" if table else header)
    elif table:
        header = ""
    try:
        write_atomically(target, header + dumps(doc), mode=0o600 if table else 0o644)
    except OSError as exc:
        raise UserError(_("%(file)s: could not save (%(reason)s)") % {"file": display(target),
                                                                     "reason": exc.strerror or exc}) from None


def default_workspace() -> str | None:
    """The user's `workspace` setting, for when neither --workspace nor FACILITATOR_HOME says."""
    value = _read(user_file()).get("workspace")
    return value or None
