"""The living agreement of a pair: version 1 from the expectations session, the next
versions from later sessions, each with a change log (what changed, why, when)."""


from pathlib import Path
from typing import Annotated

import msgspec
from msgspec import Meta, field

from facilitator.model import Strict

from facilitator.errors import InvalidFile, UserError
from facilitator.tomlfile import display, dumps, read_toml, write_atomically
from facilitator.validation import Problems, convert
from facilitator.workspace_paths import private_folder


class Change(Strict, kw_only=True):
    term: str
    before: str = ""
    after: str = ""
    why: str = ""


class Version(Strict, kw_only=True):
    version: Annotated[int, Meta(ge=1)]
    run: str
    session: str
    date: str
    terms: dict[str, str] = field(default_factory=dict)
    changes: list[Change] = field(default_factory=list)


class Agreement(Strict, kw_only=True):
    format: int = 1
    pair: str
    versions: list[Version] = field(default_factory=list)

    @property
    def current(self) -> Version | None:
        return self.versions[-1] if self.versions else None


def agreement_file(folder: Path, pair: str) -> Path:
    return folder / f"{pair}.toml"


def load_agreement(folder: Path, pair: str) -> Agreement:
    path = agreement_file(folder, pair)
    if not path.exists():
        return Agreement(pair=pair)
    problems = Problems(display(path))
    agreement = convert(read_toml(path), Agreement, problems, "")
    if agreement is None:
        raise InvalidFile(*problems.errors)
    if agreement.pair != pair:  # an agreement is its file: another pair's must not count for this one
        raise InvalidFile(f"{display(path)}: pair: the agreement says it is pair `{agreement.pair}`'s,"
                          f" but its file is {path.name}")
    return agreement


def next_version(
    folder: Path, pair: str, run: str, session: str, date: str, terms: dict[str, str], reasons: dict[str, str]
) -> Version | None:
    """Save the next version if `terms` change anything; None when nothing changed.

    A run that saves again replaces the version it saved before, so finishing twice or
    editing after a save never stacks versions.
    """
    agreement = load_agreement(folder, pair)
    replaced = bool(agreement.current and agreement.current.run == run)
    if replaced:
        agreement.versions.pop()
    before = agreement.current.terms if agreement.current else {}
    merged = {**before, **{k: v for k, v in terms.items() if v.strip()}}
    changes = [
        Change(term=t, before=before.get(t, ""), after=merged[t], why=reasons.get(t, ""))
        for t in merged
        if merged[t] != before.get(t)
    ]
    version = None
    if changes or not agreement.current:
        version = Version(version=len(agreement.versions) + 1, run=run, session=session, date=date, terms=merged,
                          changes=changes)
        agreement.versions.append(version)
    if version or replaced:
        _save(folder, agreement)
    return version


def _save(folder: Path, agreement: Agreement) -> None:
    path = agreement_file(folder, agreement.pair)
    text = f"# The living agreement of pair {agreement.pair}: every version, newest last.\n"
    try:
        private_folder(folder)
        write_atomically(path, text + dumps({"format": 1, **msgspec.to_builtins(agreement)}), mode=0o600)
    except OSError as exc:
        raise UserError(f"{display(path)}: could not save ({exc.strerror or exc})") from None
