"""Every printed document in one table: `facilitator print ...` and the app's print menu are built from it.

A new document is a template, a print function in documents.py, and one `Document` entry
in DOCUMENTS. Importing this module loads neither WeasyPrint nor Jinja2: each entry's
`print` imports the printer when it runs.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from facilitator.i18n import N_, _

if TYPE_CHECKING:
    from facilitator.engine import RunEngine
    from facilitator.printing.documents import Printed
    from facilitator.records import Record
    from facilitator.workspace import Workspace

Arguments = dict[str, Any]  # a document's option values, by argparse dest
Progress = Callable[[str], None]


def _quiet(_: str) -> None:
    pass


# NamedTuples, not dataclasses: every command builds its parser from this table, and a
# dataclass takes a millisecond or two to define.


class Option(NamedTuple):
    """One command-line argument of a document, in argparse's own words."""

    flags: tuple[str, ...]  # ("session",) for a positional, ("--role",) for an option
    settings: dict[str, Any]  # help, metavar, choices, default, action
    one_of: str = ""  # options naming the same group exclude each other

    @property
    def dest(self) -> str:
        return self.flags[-1].lstrip("-").replace("-", "_")

    @property
    def default(self) -> Any:
        return self.settings.get("default", False if self.settings.get("action") == "store_true" else None)


def option(*flags: str, one_of: str = "", **settings: Any) -> Option:
    return Option(flags, settings, one_of)


class Offer(NamedTuple):
    """One line of the run screen's print menu."""

    key: str  # the menu choice's id, also what the app says it is printing
    label: str
    arguments: Callable[[Record], Arguments]  # what the document takes from the run
    when: Callable[[RunEngine], bool] = lambda engine: True  # offered for this run at all?


class Job(NamedTuple):
    """Where and how to print, whoever asked."""

    out: Path
    paper: str = "a4"
    html_out: Path | None = None
    progress: Progress = _quiet
    parallel: bool = True  # the app prints in a worker thread: no process pool there


class Document(NamedTuple):
    name: str  # `facilitator print NAME`
    help: str
    options: tuple[Option, ...]
    file_name: Callable[[Arguments], str]  # the default, under WORKSPACE/out/
    prepare: Callable[[Workspace, Arguments], str]  # cheap checks before the printer loads; what to say
    done: str  # what was printed, formatted with the arguments: "the {audience} summary"
    print: Callable[[Workspace, Arguments, Job], Printed]
    offers: tuple[Offer, ...] = ()  # in the app's print menu, for an open run

    def arguments(self, given: Arguments) -> Arguments:
        """Every option's value: what was given, else its default."""
        return {o.dest: given.get(o.dest, o.default) for o in self.options}


# ---------------------------------------------------------------- the printer, loaded when used


def _documents():
    """The printer (WeasyPrint takes about a second to import), quietly."""
    from facilitator.printing import documents  # render.py quiets the libraries it drives

    return documents


def _worksheet(ws: Workspace, a: Arguments, job: Job) -> Printed:
    named = bool(a["pair"] or a["cohort"] or a["person"])
    return _documents().print_worksheet(
        ws, a["session"], job.out, role=a["role"], pair=a["pair"], cohort=a["cohort"], person=a["person"],
        paper=job.paper,
        fillable=a["fillable"], html_out=job.html_out, progress=job.progress if named else _quiet,
        parallel=job.parallel)


def _prepare_worksheet(ws: Workspace, a: Arguments) -> str:
    from facilitator.sheets import _role as role_of  # refuses an unknown role with the roles it has

    session = ws.library.get(a["session"])
    if a["role"]:
        role_of(session, a["role"])
    if a["pair"]:
        ws.program().pair(a["pair"])
    if a["cohort"]:
        ws.program().cohort(a["cohort"])
    if a["person"]:
        ws.program().person(a["person"])
    return _("printing %(title)s worksheets...") % {"title": session.title}


def _worksheet_name(a: Arguments) -> str:
    who = a["person"] or a["pair"] or a["cohort"] or a["role"] or "blank"
    return f"{a['session']}-worksheet-{who}{'-fillable' if a['fillable'] else ''}.pdf"


def _prepare_summary(ws: Workspace, a: Arguments) -> str:
    ws.load_run(a["run"])  # a clear error for an unknown or unreadable run
    return _("printing the summary...")


def _prepare_trios(ws: Workspace, a: Arguments) -> str:
    from facilitator.errors import UserError

    record = ws.load_run(a["run"])
    if not record.trios:
        raise UserError(_("run %(run)s has no trios: a trio sheet is a role-play run's") % {"run": a["run"]})
    return _("printing the trio sheet...")


def _prepare_agreement(ws: Workspace, a: Arguments) -> str:
    ws.program().pair(a["pair"])
    return _("printing the agreement...")


def _report(ws: Workspace, a: Arguments, job: Job) -> Printed:
    _documents()
    from facilitator.printing.report import print_report

    return print_report(ws, job.out, cohort=a["cohort"], paper=job.paper, html_out=job.html_out)


def _prepare_report(ws: Workspace, a: Arguments) -> str:
    if a["cohort"]:
        ws.program().cohort(a["cohort"])
    return _("analysing the program and printing the report...")


SESSION = option("session", metavar="SESSION", help=N_("session id (see `facilitator sessions`)"))


def _session(r: Record) -> Arguments:
    return {"session": r.session}


def _has_briefs(engine: RunEngine) -> bool:
    return any(role.brief for role in engine.session.roles)


DOCUMENTS: tuple[Document, ...] = (
    Document(
        name="worksheet",
        help=N_("worksheets: blank per role, a named set per person with --pair/--cohort, or one person's with --person"),
        options=(
            SESSION,
            option("--role", metavar="R", help=N_("only this role's sheet")),
            option("--pair", metavar="ID", one_of="who", help=N_("a named sheet for each person of the pair")),
            option("--cohort", metavar="ID", one_of="who", help=N_("a named sheet for each person of every pair in"
                   " the cohort (each mentor, for a cohort meeting)")),
            option("--person", metavar="ID", help=N_("one named sheet for this person: their role and pair (for a cohort"
                   " meeting, the cohort they mentor in) from program.toml; --pair or --cohort picks one of several")),
            option("--fillable", action="store_true",
                   help=N_("a PDF form named by question codes, to fill on screen; `facilitator import` reads it")),
        ),
        file_name=_worksheet_name,
        prepare=_prepare_worksheet,
        done=N_("worksheets"),
        print=_worksheet,
        offers=(Offer("worksheet", "Worksheets for this run's people",
                      lambda r: {"session": r.session, "pair": r.pair or None, "cohort": r.cohort or None}),),
    ),
    Document(
        name="guide",
        help=N_("the facilitator guide: agenda, timings, what to say, notes, materials"),
        options=(SESSION, option("--start", metavar="HH:MM", help=N_("clock time the session starts, for the agenda"))),
        file_name=lambda a: f"{a['session']}-guide.pdf",
        prepare=lambda ws, a: _("printing the guide for %(title)s...") % {"title": ws.library.get(a["session"]).title},
        done=N_("the facilitator guide"),
        print=lambda ws, a, job: _documents().print_guide(ws, a["session"], job.out, start=a["start"],
                                                        paper=job.paper, html_out=job.html_out),
        offers=(Offer("guide", "Facilitator guide", _session),),
    ),
    Document(
        name="rolecards",
        help=N_("role cards with each role's private brief, and the observer checklist"),
        options=(SESSION,),
        file_name=lambda a: f"{a['session']}-rolecards.pdf",
        prepare=lambda ws, a: _("printing role cards for %(title)s...") % {"title": ws.library.get(a["session"]).title},
        done=N_("role cards"),
        print=lambda ws, a, job: _documents().print_rolecards(ws, a["session"], job.out, paper=job.paper,
                                                            html_out=job.html_out),
        offers=(Offer("rolecards", "Role cards", _session, when=_has_briefs),),
    ),
    Document(
        name="trios",
        help=N_("a role-play run's trio sheet: who is in which trio and plays which role in each round"),
        options=(option("run", metavar="RUN", help=N_("run id of a role-play (see `facilitator pairs`)")),),
        file_name=lambda a: f"{a['run']}-trios.pdf",
        prepare=_prepare_trios,
        done=N_("the trio sheet"),
        print=lambda ws, a, job: _documents().print_trio_sheet(ws, a["run"], job.out, paper=job.paper,
                                                             html_out=job.html_out),
        offers=(Offer("trios", "Trio sheet: who plays what in each round", lambda r: {"run": r.id},
                      when=lambda engine: bool(engine.record.trios)),),
    ),
    Document(
        name="summary",
        help=N_("a run's summary (a cohort run: its minutes)"),
        options=(
            option("run", metavar="RUN", help=N_("run id (see `facilitator pairs`)")),
            option("--audience", choices=("shared", "facilitator"), default="shared",
                   help=N_("shared (default): no private answers or notes; facilitator: everything")),
        ),
        file_name=lambda a: f"{a['run']}-{a['audience']}.pdf",
        prepare=_prepare_summary,
        done=N_("the {audience} summary"),
        print=lambda ws, a, job: _documents().print_summary(ws, a["run"], job.out, audience=a["audience"],
                                                          paper=job.paper, html_out=job.html_out),
        offers=(Offer("summary-shared", "Summary to share", lambda r: {"run": r.id, "audience": "shared"}),
                Offer("summary-facilitator", "Summary, facilitator's copy",
                      lambda r: {"run": r.id, "audience": "facilitator"})),
    ),
    Document(
        name="agreement",
        help=N_("a pair's living agreement with its revision history"),
        options=(option("pair", metavar="PAIR", help=N_("pair id (see `facilitator pairs`)")),),
        file_name=lambda a: f"{a['pair']}-agreement.pdf",
        prepare=_prepare_agreement,
        done=N_("the agreement"),
        print=lambda ws, a, job: _documents().print_agreement(ws, a["pair"], job.out, paper=job.paper,
                                                            html_out=job.html_out),
        offers=(Offer("agreement", "The pair's living agreement", lambda r: {"pair": r.pair},
                      when=lambda engine: bool(engine.record.pair)),),
    ),
    Document(
        name="report",
        help=N_("the program report: patterns, outcomes, endings, completeness"),
        options=(option("--cohort", metavar="ID", help=N_("one cohort only")),),
        file_name=lambda a: f"report-{a['cohort'] or 'program'}.pdf",
        prepare=_prepare_report,
        done=N_("the program report"),
        print=_report,
        offers=(Offer("report", "Program report", lambda r: {}),),
    ),
)


def document(name: str) -> Document:
    return next(d for d in DOCUMENTS if d.name == name)


def print_document(workspace: Workspace, doc: Document, given: Arguments, *, out: Path | None = None,
                   paper: str | None = None, html_out: Path | None = None, progress: Progress = _quiet,
                   parallel: bool = True) -> Printed:
    """Print one document; `out` defaults to the document's file name under WORKSPACE/out/."""
    arguments = doc.arguments(given)
    if out is None:  # the workspace's own out/: for its owner only, like records (older ones tightened)
        from facilitator.workspace_paths import private_folder

        try:
            private_folder(workspace.out_dir)
        except OSError:
            pass  # the write below says what is wrong with the folder, in one line
    target = out or workspace.out_dir / doc.file_name(arguments)
    if paper is None:  # the paper setting (FACILITATOR_PAPER, program.toml, your config), else A4
        from facilitator.settings import Settings

        paper = Settings(workspace.root)["paper"]
    from facilitator.printing.render import MISSING, missing_note

    MISSING.characters.clear()
    from facilitator import i18n

    with i18n.using(i18n.choose(_session_language(workspace, arguments), workspace.root)):
        printed = doc.print(workspace, arguments, Job(target, paper, html_out, progress, parallel))
    printed.missing = missing_note(MISSING.characters)
    return printed


def _session_language(workspace: Workspace, arguments: Arguments) -> str | None:
    """The language the printed session asks for (a run's: its session's), if it says one."""
    session = arguments.get("session")
    if not session and arguments.get("run"):
        session = workspace.load_run(arguments["run"]).session
    if not session:
        return None
    try:
        return workspace.library.get(session).language
    except Exception:  # noqa: BLE001 — the document's own checks name a missing session
        return None


# ---------------------------------------------------------------- for an open run in the app


def run_menu(engine: RunEngine) -> list[tuple[str, str]]:
    """(key, label) of every document the run can print, in the menu's order."""
    return [(o.key, o.label) for d in DOCUMENTS for o in d.offers if o.when(engine)]


def print_for_run(engine: RunEngine, key: str) -> Path:
    """Print the menu choice `key` for the run (the app calls this in a worker thread)."""
    doc, offer = next((d, o) for d in DOCUMENTS for o in d.offers if o.key == key)
    return print_document(engine.workspace, doc, offer.arguments(engine.record), parallel=False).path
