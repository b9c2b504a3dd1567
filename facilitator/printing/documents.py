"""Every printed document: what goes on it (plain data), then one render call.

Visibility comes from the engine: a shared document is built from the ROOM's view, so a
private answer or a facilitator note cannot reach it by accident.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any, Callable

from facilitator.i18n import N_, _, gettext, ngettext  # the paper's fixed words
from facilitator import guests, model, presentation, quoting, trios
from facilitator.decision import decision
from facilitator.engine import FACILITATOR, ROOM, RunEngine, Viewer
from facilitator.errors import UserError
from facilitator.quoting import Quoter, quoted_session
from facilitator.printing.packets import print_stamped
from facilitator.printing.render import print_many, render_html, write_output
from facilitator.workspace import Workspace

Progress = Callable[[str], None]
# whose copy a run's document is, on every page and in the PDF's title
FACILITATORS_COPY = N_("Facilitator’s copy — confidential")
SHARED_COPY = N_("Shared copy")
COHORT_COPY = N_("Cohort copy")
# words the templates translate from data (`_(group_label)`, `_(role)`, a step's type), so the
# catalogue holds them: N_ marks them for extraction
PAPER_WORDS = (N_("Pair"), N_("Cohort"), N_("Trio"), N_("mentor"), N_("mentee"), N_("Shared copy"),
               N_("talk"), N_("discussion"), N_("reflection"), N_("reveal"), N_("agreement"), N_("continuation"),
               N_("closing"), N_("roleplay"), N_("round robin"), N_("trios"),
               N_("open"), N_("done"), N_("not yet"), N_("dropped"))  # an action's or commitment's status


@dataclass
class Printed:
    path: Path
    pages: int
    documents: int = 1
    html: list[str] = field(default_factory=list)
    missing: str = ""  # a note naming characters no font had, and the fonts to install


def _common(workspace: Workspace, title: str, sheet_id: str, paper: str) -> dict[str, Any]:
    from markupsafe import Markup

    from facilitator.settings import Settings

    created = datetime.now().astimezone().isoformat(timespec="seconds")  # the PDF's creation date
    settings = Settings(workspace.root)
    return {"program": settings["program_name"] or workspace.program().name, "title": title, "sheet_id": sheet_id,
            # a data: URL (base64: nothing to escape), kept whole: soft_breaks would cut it as a long word
            "paper": paper, "created": created, "logo": Markup(settings.logo())}


def _finish_html(html: list[str], html_out: Path | None, private: bool = False) -> None:
    if html_out is not None:
        # the copy for people adapting templates links the stylesheet, so a browser shows it styled
        page = html[0].replace("<head>", '<head>\n<link rel="stylesheet" href="print.css">', 1)
        write_output(html_out, page.encode("utf-8"), private=private)


def _finish(html: list[str], out: Path, *, forms: bool = False, html_out: Path | None = None,
            progress: Progress = lambda _: None, parallel: bool = True, private: bool = False) -> Printed:
    """Write the PDF (and the HTML, if asked); a private copy is never readable by others."""
    _finish_html(html, html_out, private=private)
    pages = print_many(html, out, forms=forms, progress=progress, parallel=parallel, private=private)
    return Printed(out, pages, len(html), html)


def print_page(workspace: Workspace, template: str, title: str, sheet_id: str, out: Path, *, paper: str = "a4",
               html_out: Path | None = None, private: bool = False, **context: Any) -> Printed:
    """One template, one document: what every document but the worksheets is.

    A new document is its template under worksheets/ and a catalogue entry whose print
    calls this with what the template shows (see docs/architecture.md).
    """
    html = render_html(template, **_common(workspace, title, sheet_id, paper), **context)
    return _finish([html], out, html_out=html_out, private=private)


# ------------------------------------------------------------------ worksheets


def _sections(session: model.Session, role: str) -> list[dict[str, Any]]:
    """The role's questions by step; runs of ratings on the same scale become one grid."""
    sections: list[dict[str, Any]] = []
    for step, q in session.questions_for(role):
        if not sections or sections[-1]["id"] != step.id:
            intro = _("On your own: nobody else sees these answers until you look at them together.") \
                if isinstance(step, (model.ReflectionStep, model.ContinuationStep)) else ""
            sections.append({"id": step.id, "title": step.title, "intro": intro, "questions": [], "blocks": []})
        section = sections[-1]
        section["questions"].append(q)
        last = section["blocks"][-1] if section["blocks"] else None
        if isinstance(q, model.RatingQuestion) and not q.scale.labels:
            if last and last["kind"] == "ratings" and last["scale"] == q.scale:
                last["questions"].append(q)
            else:
                section["blocks"].append({"kind": "ratings", "scale": q.scale, "questions": [q]})
        else:
            section["blocks"].append({"kind": "question", "question": q})
    return sections


def worksheet_html(workspace: Workspace, session: model.Session, role: str, *, person: str = "", group: str = "",
                   group_label: str = "Pair", sheet_id: str, paper: str = "a4", fillable: bool = False,
                   when: str = "", layer: str = "whole", pages: int = 0, identity: str = "",
                   pair: str = "", scan: dict[str, Any] | None = None) -> str:
    session = quoted_session(session, _quoter(workspace, session, pair))
    sections = _sections(session, role)
    questions = [q for s in sections for q in s["questions"]]
    return render_html(
        "worksheet.html", **_common(workspace, session.title, sheet_id, paper),
        role_name=session.role(role).name, person=person, group=group, group_label=group_label, date=when,
        purpose=session.purpose, sections=sections, fillable=fillable, first_code=questions[0].code,
        kind=_("%(role)s worksheet") % {"role": session.role(role).name} + (f" ({person})" if person else ""),
        bookmark=person or f"{session.role(role).name} worksheet", fit=layer != "stamp",
        has_private=any(q.private for q in questions), layer=layer, pages=pages, identity=identity,
        scan=scan or {},
    )


def print_worksheet(workspace: Workspace, session_id: str, out: Path, *, role: str | None = None,
                    pair: str | None = None, cohort: str | None = None, person: str | None = None,
                    paper: str = "a4", fillable: bool = False, html_out: Path | None = None,
                    progress: Progress = lambda _: None, parallel: bool = True) -> Printed:
    session = workspace.library.get(session_id)
    answering = [r.id for r in session.roles if session.questions_for(r.id)]
    if not answering:
        raise UserError(gettext("session `%(session_id)s` has no questions to print on a worksheet")
                % {"session_id": session_id})
    if role is not None and role not in [r.id for r in session.roles]:
        from facilitator.validation import did_you_mean

        ids = [r.id for r in session.roles]
        raise UserError(gettext("session `%(session_id)s` has no role `%(role)s`%(hint)s; roles: %(ids)s")
                % {"session_id": session_id, "role": role, "hint": did_you_mean(role, ids), "ids": ', '.join(ids)})
    if role is not None and role not in answering:
        raise UserError(gettext("session `%(session_id)s` asks the %(role)s no questions")
                % {"session_id": session_id, "role": session.role_word(role)})
    sheets = _sheets(workspace, session, answering, role, pair, cohort, person)
    if fillable and len(sheets) > 1:
        raise UserError(gettext("a fillable worksheet is one person's form: add --person ID (or --role for "
                                "a blank one)"))
    from facilitator.printing import scanmarks

    keys = {} if fillable else _layout_keys(workspace, session, sheets, paper)
    packet = len(sheets) > 1 and not fillable and bool(pair or cohort)
    # a packet prints from its roles' bases and stamps, which carry the codes: its whole sheets
    # (kept for --html and the glyph check) need none, and a QR code each page costs ~10 ms
    html = [worksheet_html(workspace, session, paper=paper, fillable=fillable,
                           scan=None if packet else _scan_marks(keys, sheet, paper, "whole"), **sheet)
            for sheet in sheets]
    if not packet:
        return _finish(html, out, forms=fillable, html_out=html_out, progress=progress, parallel=parallel)
    return _print_packet(workspace, session, sheets, html, out, paper, html_out, progress, parallel, keys)


SCAN_PAGES = 12  # a whole sheet's pages that get a code: more than any worksheet runs to


def layout_of(session: model.Session, sheet: dict[str, Any]) -> str:
    """Which sheets share one layout: a role's, or (when the text quotes names or terms) one pair's role."""
    return f"{sheet['role']}/{sheet.get('pair', '')}" if quoting.quotes_anything(session) else sheet["role"]


def _layout_keys(workspace: Workspace, session: model.Session, sheets: list[dict[str, Any]],
                 paper: str) -> dict[str, str]:
    """Each layout's key (docs/scanning.md); render() keeps the layout's map under it."""
    from facilitator.printing import scanmarks

    scanmarks.LAYOUT_DIR = workspace.root / ".cache" / "scan"
    keys = {}
    for sheet in sheets:
        if layout_of(session, sheet) not in keys:
            keys[layout_of(session, sheet)] = scanmarks.layout_key(
                base_sheet_html(workspace, session, sheet["role"], paper, pair=sheet.get("pair", "")))
    return keys


def base_sheet_html(workspace: Workspace, session: model.Session, role: str, paper: str, key: str = "",
                    pair: str = "") -> str:
    """A role's shared sheet (a pair's, when the text quotes names or terms): what a layout key
    names, and what `scan` lays out again for a missing map."""
    from facilitator.printing import scanmarks

    blank = next(s for s in _sheets(workspace, session, [role], role, None, None))
    blank = dict(blank, person="", group="", sheet_id="", identity="", pair=pair)
    scan = dict(scanmarks.marks(paper, []), key=key)
    return worksheet_html(workspace, session, paper=paper, layer="base", scan=scan, **blank)


def _scan_marks(keys: dict[str, str], sheet: dict[str, Any], paper: str, layer: str,
                pages: int = SCAN_PAGES) -> dict[str, Any]:
    from facilitator.printing import scanmarks
    from facilitator.scanning.code import PageCode
    from facilitator.sheets import Identity

    key = keys.get(sheet["role"]) or keys.get(f"{sheet['role']}/{sheet.get('pair', '')}")  # see layout_of
    if key is None:
        return {}
    who = Identity.from_keywords(sheet["identity"], "")
    codes = [] if layer == "base" else [
        PageCode(key, n, who.session, sheet["role"], paper, who.person, who.pair, who.cohort, who.run)
        for n in range(1, pages + 1)]
    # a stamp lays out no questions: its boxes must not be taken for the sheet's
    return dict(scanmarks.marks(paper, codes, markers=layer != "stamp"), key="" if layer == "stamp" else key)


def _print_packet(workspace: Workspace, session: model.Session, sheets: list[dict[str, Any]], html: list[str],
                  out: Path, paper: str, html_out: Path | None, progress: Progress, parallel: bool,
                  keys: dict[str, str]) -> Printed:
    """Named sheets: each role laid out once, each person's copy stamped with their name."""
    from facilitator.printing.packets import render_bases

    _finish_html(html, html_out)
    bases: dict[str, bytes] = {}
    counts: dict[str, int] = {}
    def key(sheet: dict[str, Any]) -> str:  # a quoting sheet reads its pair's own names: a layout of its own
        return layout_of(session, sheet)

    base_html: dict[str, str] = {}
    for sheet in sheets:
        if key(sheet) not in base_html:
            blank = dict(sheet, person="", group="", sheet_id="")
            progress(gettext("laying out the %(role)s's sheet") % {"role": session.role(sheet["role"]).name.lower()})
            base_html[key(sheet)] = worksheet_html(workspace, session, paper=paper, layer="base",
                                                   scan=_scan_marks(keys, sheet, paper, "base"), **blank)
    for k, (pdf, count) in render_bases(base_html, parallel=parallel).items():  # side by side, in workers
        bases[k], counts[k] = pdf, count
    stamps = [(key(sheet), worksheet_html(workspace, session, paper=paper, layer="stamp",
                                           pages=counts[key(sheet)],
                                           scan=_scan_marks(keys, sheet, paper, "stamp", counts[key(sheet)]),
                                           **sheet)) for sheet in sheets]
    names = [sheet["person"] or session.role(sheet["role"]).name for sheet in sheets]  # the packet's outline
    pages = print_stamped(bases, stamps, out, parallel=parallel, progress=progress, names=names)
    return Printed(out, pages, len(sheets), html)


def _quoter(workspace: Workspace, session: model.Session, pair: str) -> Quoter:
    """What a sheet's text quotes: the pair's names and agreed terms, or (no pair) each role by its name."""
    if not pair:
        return quoting.blank(session)
    from facilitator.agreements import load_agreement

    program = workspace.program()
    p = program.pair(pair)
    agreed = load_agreement(workspace.agreements_dir, pair).current
    return Quoter({r.id: r.name for r in session.roles},
                  {"mentor": program.name_of(p.mentor), "mentee": program.name_of(p.mentee)},
                  agreed.terms if agreed else {})


def _sheets(workspace: Workspace, session: model.Session, answering: list[str], role: str | None,
            pair: str | None, cohort: str | None, person: str | None = None) -> list[dict[str, Any]]:
    """One sheet per person of the pair or cohort, or for the one person (named), or one blank sheet per role.

    Each says whose it is in `identity`, which a fillable form carries for import to check."""
    from facilitator.sheets import Identity

    program = workspace.program()
    people: list[tuple[str, str, str, str]] = []  # (person id, role, pair or cohort id, "Pair" or "Cohort")
    if person:
        people = [_one_person(workspace, session, person, pair, cohort)]
    elif pair:
        p = program.pair(pair)
        people = [(p.mentor, "mentor", pair, "Pair"), (p.mentee, "mentee", pair, "Pair")]
        people += [(g.person, g.role, pair, "Pair") for g in guests.of_pair(workspace, session, pair)]
        if role in [r.id for r in guests.asked_guests(session)] and role not in [r for _, r, _, _ in people]:
            raise UserError(gettext("no run of `%(session)s` for pair %(pair)s names a %(name)s yet: start "
                                    "one with --guest %(role)s=\"NAME\", or print a blank sheet with "
                                    "--role %(role)s alone")
                    % {"session": session.id, "pair": pair, "name": session.role(role).name.lower(), "role": role})
    elif cohort:
        program.cohort(cohort)
        pairs = [p for p in program.pairs if p.cohort == cohort]
        if not pairs:
            raise UserError(gettext("cohort `%(cohort)s` has no pairs yet") % {"cohort": cohort})
        if session.audience == "cohort":  # a cohort meeting: one sheet per mentor
            people = [(p.mentor, "mentor", cohort, "Cohort") for p in pairs]
        else:  # a pair session for the whole cohort: a packet for every pair
            people = [(who, role, p.id, "Pair") for p in pairs
                      for who, role in ((p.mentor, "mentor"), (p.mentee, "mentee"))]
    if not people:  # a blank sheet's group line names what the session groups people in
        label = {"cohort": "Cohort", "workshop": "Trio"}.get(session.audience, "Pair")
        return [{"role": r, "person": "", "group": "", "group_label": label, "sheet_id": f"{session.id}/{r}",
                 "identity": Identity(session.id, r).keywords()} for r in answering if role in (None, r)]
    sheets = []
    for who, person_role, group, label in people:
        if person_role not in answering or role not in (None, person_role):
            continue
        in_pair = label == "Pair"
        identity = Identity(session.id, person_role, who, pair=group if in_pair else "",
                            cohort="" if in_pair else group)
        sheets.append({"role": person_role, "person": program.name_of(who), "pair": group if in_pair else "",
                       "group": presentation.pair_names(program, group) if in_pair else program.cohort(group).name,
                       "group_label": label,
                       "sheet_id": f"{session.id}/{who}", "identity": identity.keywords()})
    if not sheets and person:
        _, theirs, group, label = people[0]
        if role not in (None, theirs):
            said = {"person": person, "role": session.role_word(theirs), "group": group,
                    "role2": session.role_word(role)}
            raise UserError(gettext("%(person)s is the %(role)s in pair %(group)s, not the %(role2)s") % said
                            if label == "Pair" else
                            gettext("%(person)s is the %(role)s in cohort %(group)s, not the %(role2)s") % said)
        raise UserError(gettext("session `%(session)s` asks the %(role)s no questions")
                % {"session": session.id, "role": session.role_word(theirs)})
    if not sheets:
        said = {"role": session.role_word(role)}
        raise UserError(gettext("nobody in this pair answers the %(role)s's questions") % said if pair else
                        gettext("nobody in this cohort answers the %(role)s's questions") % said)
    return sheets


def _one_person(workspace: Workspace, session: model.Session, person: str, pair: str | None,
                cohort: str | None) -> tuple[str, str, str, str]:
    """--person: their role and pair from program.toml or, for a cohort meeting, the cohort they mentor in."""
    program = workspace.program()
    program.person(person)  # an unknown person, with the id they may have meant
    if session.audience == "cohort":
        if pair:
            raise UserError(gettext("session `%(session)s` is a cohort meeting: give --cohort ID with "
                                    "--person, not --pair") % {"session": session.id})
        cohorts = list(dict.fromkeys(p.cohort for p in program.pairs if p.mentor == person and p.cohort))
        if cohort and cohort not in cohorts:
            program.cohort(cohort)
            raise UserError(gettext("%(person)s mentors no pair in cohort `%(cohort)s`")
                    % {"person": person, "cohort": cohort})
        if not cohorts:
            raise UserError(gettext("%(person)s mentors no pair in a cohort: a cohort meeting's sheets are "
                                    "its mentors'") % {"person": person})
        if len(cohorts) > 1 and not cohort:
            raise UserError(gettext("%(person)s mentors in %(count)s cohorts (%(cohorts)s): add --cohort ID")
                    % {"person": person, "count": len(cohorts), "cohorts": ', '.join(cohorts)})
        return person, "mentor", cohort or cohorts[0], "Cohort"
    if cohort:
        raise UserError(gettext("session `%(session)s` is for pairs: give --pair ID with --person, not "
                                "--cohort") % {"session": session.id})
    theirs = [p for p in program.pairs if person in (p.mentor, p.mentee)]
    seats = [(p, r) for p, r in guests.seats_of(workspace, session, person) if pair in (None, p)]
    if not theirs and seats:  # a guest of this session: their sheet in the pair they joined
        return person, seats[-1][1], seats[-1][0], "Pair"
    if pair and pair not in [p.id for p in theirs]:
        program.pair(pair)
        raise UserError(gettext("%(person)s is not in pair `%(pair)s`") % {"person": person, "pair": pair})
    if not theirs:
        raise UserError(gettext("%(person)s is in no pair; `facilitator pairs` lists them")
                % {"person": person})
    if len(theirs) > 1 and not pair:
        raise UserError(gettext("%(person)s is in %(count)s pairs (%(items)s): add --pair ID")
                % {"person": person, "count": len(theirs), "items": ', '.join(p.id for p in theirs)})
    chosen = next(p for p in theirs if p.id == (pair or theirs[0].id))
    return person, "mentor" if chosen.mentor == person else "mentee", chosen.id, "Pair"


# ------------------------------------------------------------------ guide and role cards


def _handouts(session: model.Session, step: model.Step) -> list[str]:
    roles = {r for q in getattr(step, "questions", []) for r in session.answering_roles(step, q)}
    return [_("%(role)s worksheet, section “%(section)s”") % {"role": session.role(r).name, "section": step.title}
            for r in sorted(roles)]


def print_guide(workspace: Workspace, session_id: str, out: Path, *, start: str | None = None,
                paper: str = "a4", html_out: Path | None = None) -> Printed:
    session = workspace.library.get(session_id)
    session = quoted_session(session, quoting.blank(session))  # for any pair: each role by its name
    clock = None
    if start:
        try:
            clock = datetime.strptime(start, "%H:%M")
        except ValueError:
            raise UserError(gettext("--start %(start)s: expected a time as HH:MM, e.g. 09:30")
                    % {"start": start}) from None
    steps, elapsed = [], 0
    moves = dict(guests.guide_changes(session))  # who joins and leaves where, when the session says
    for i, step in enumerate(session.steps):
        at = (clock + timedelta(minutes=elapsed)).strftime("%H:%M") if clock else f"+{presentation.minutes_short(elapsed)}"
        steps.append({"step": step, "type": model.step_type(step), "at": at, "handouts": _handouts(session, step),
                      "moves": moves.get(i, ""), "present": guests.presence_line(session, i).partition(" (")[0]})
        elapsed += step.minutes
    end = (clock + timedelta(minutes=elapsed)).strftime("%H:%M") if clock else f"+{presentation.minutes_short(elapsed)}"
    materials = list(dict.fromkeys(m for s in session.steps for m in s.materials))
    return print_page(workspace, "guide.html", session.title, f"{session.id}/guide", out, paper=paper,
                      html_out=html_out, session=session, steps=steps, end=end, materials=materials,
                      start=start or "", kind=_("Facilitator guide"), fit=True)


def print_rolecards(workspace: Workspace, session_id: str, out: Path, *, paper: str = "a4",
                    html_out: Path | None = None) -> Printed:
    session = workspace.library.get(session_id)
    briefed = [r for r in session.roles if r.brief]
    checklists = [r for r in session.roles if r.checklist]
    if not briefed and not checklists:
        raise UserError(gettext("session `%(session_id)s` has no role briefs or observer checklists to "
                                "print") % {"session_id": session_id})
    return print_page(workspace, "rolecards.html", session.title, f"{session.id}/cards", out, paper=paper,
                      html_out=html_out, session=session, briefed=briefed, checklists=checklists,
                      rounds=trios.rounds(session) or [1], kind=_("Role cards"))


# ------------------------------------------------------------------ after a run


def print_summary(workspace: Workspace, run_id: str, out: Path, *, audience: str = "shared", paper: str = "a4",
                  html_out: Path | None = None) -> Printed:
    engine = RunEngine.open(workspace, run_id, lock=False)
    viewer = FACILITATOR if audience == "facilitator" else ROOM
    context = summary_context(workspace, engine, viewer)
    template = "minutes.html" if engine.record.cohort else "summary.html"
    title = engine.session.title + ": " + (_("minutes") if engine.record.cohort else _("summary"))
    suffix = "facilitator" if viewer == FACILITATOR else "shared"
    html = render_html(template, **_common(workspace, title, f"{run_id}/{suffix}", paper), fit=True, **context)
    # private answers and notes: readable by the facilitator only, from the first byte
    return _finish([html], out, html_out=html_out, private=viewer == FACILITATOR)


def summary_context(workspace: Workspace, engine: RunEngine, viewer: Viewer) -> dict[str, Any]:
    program = workspace.program()
    session, record = engine.quoted_session(), engine.record
    visible = engine.entries(viewer)
    late = {(e.person, e.code) for e in visible if e.late}  # marked "entered after the reveal"
    people = [(p.person, p.role, program.name_of(p.person)) for p in record.participants]
    role_names = {r.id: r.name for r in session.roles}
    items = []
    for step, q in session.questions():
        if q.private and viewer != FACILITATOR:
            continue
        answers = [{"person": a.person, "name": a.name, "role": role_names.get(a.role, a.role), "value": a.value,
                    "late": (a.person, q.code) in late}
                   for a in presentation.answers_by_person(session, step, q, record.participants, visible, program)
                   if a.asked]
        if all(a["value"] is None for a in answers):
            continue
        gap = presentation.rating_gap(q, [a["value"] for a in answers])
        items.append({"q": q, "type": model.answer_type(q), "step": step.title, "answers": answers, "gap": gap,
                      "private": q.private})
    reports = []  # a cohort meeting's minutes read person by person
    for person, role, name in people:
        said = [{"q": q, "value": e.value, "late": e.late} for _, q in session.questions() if not q.commitment
                for e in visible if e.person == person and e.code == q.code]
        if said:
            reports.append({"name": name, "items": said})
    ratings = [i for i in items if i["type"] in ("rating", "count")]
    others = [i for i in items if i["type"] not in ("rating", "count")]
    mark = _(FACILITATORS_COPY if viewer == FACILITATOR else (COHORT_COPY if record.cohort else SHARED_COPY))
    agreement = engine.agreement_history()
    produced = _produced(workspace, next((v for v in agreement if v.run == record.id), None))
    patterns = _pattern_names(workspace, record.patterns.confirmed)
    context = {
        "record": record, "session": session, "viewer": viewer, "facilitator": viewer == FACILITATOR,
        "people": people, "ratings": ratings, "rating_tables": _rating_tables(ratings), "others": others,
        "copy_mark": mark, "produced": produced, "reports": reports,
        "confirmed": patterns, "dismissed": _pattern_names(workspace, record.patterns.dismissed)
        if viewer == FACILITATOR else [], "added": record.patterns.added,
        "actions": record.actions,
        # a note says the step it was written at by the step's title, as the guide names it
        "notes": [{"step": next((s.title for s in session.steps if s.id == n.step), n.step), "at": n.at,
                   "text": n.text} for n in engine.notes(viewer)],
        "attendance": [program.name_of(p) for p in record.attendance],
        "absent": [name for person, _, name in people if person not in record.attendance] if record.attendance
        else [],
        "carried": [{"name": program.name_of(c.person), "text": c.text, "status": c.status} for c in record.carried],
        "new_commitments": [{"name": program.name_of(c.person), "text": c.text} for c in engine.new_commitments()],
        "date": record.created[:10], "subject": presentation.subject(program, record), "roleplay": None,
        # how the pair chose to go on, in the same words the screens use: a split or a rematch is never buried
        "decisions": [{"step": step.title, "banner": found.banner} for step in session.steps
                      if isinstance(step, model.ContinuationStep) and (found := decision(engine, step)) and found.banner],
    }
    if session.kind == "roleplay" and record.trios:
        context.update(_roleplay_summary(engine, visible, program, viewer))
    return context


# ------------------------------------------------------------------ role-play workshops


def _roleplay_summary(engine: RunEngine, visible: list, program, viewer: Viewer) -> dict[str, Any]:
    """A role-play read trio by trio: each round's cast, ticks and observer notes, then the
    debrief and the terms each trio wrote, each answer under the role its writer played."""
    session, record = engine.session, engine.record
    said = {(e.person, e.code): e for e in visible}
    _, watching = trios.playing_roles(session)
    checklist = engine.checklist()

    def answers(people: list[str], steps: list[model.Step]) -> list[dict[str, Any]]:
        """Per question, only what was said: no row of blanks for everyone it was not asked of."""
        out = []
        for step in steps:
            for q in getattr(step, "questions", []):
                if q.private and viewer != FACILITATOR:
                    continue
                given = []
                everyone = set(session.answering_roles(step, q)) >= {r.id for r in session.roles}
                for person in people:
                    entry = said.get((person, q.code))
                    if entry is not None:
                        role = engine.played_role(person, step)
                        given.append({"name": program.name_of(person), "value": entry.value, "late": entry.late,
                                      "role": session.role(role).name if role and not everyone else ""})
                if given:
                    out.append({"q": q, "type": model.answer_type(q), "answers": given})
        return out

    rounds = [s for s in session.steps if isinstance(s, model.RoleplayStep)]
    after = [s for i, s in enumerate(session.steps) if not isinstance(s, (model.RoleplayStep, model.TriosStep))
             and any(isinstance(r, model.RoleplayStep) for r in session.steps[:i])]
    groups = []
    for number, trio in enumerate(record.trios, 1):
        played = []
        for step in rounds:
            cast = engine.cast(number, step.id)
            ticked = engine.ticked(number, step.round)
            played.append({
                "round": step.round, "title": step.title,
                "cast": [(r.name, ", ".join(program.name_of(p) for p in cast[r.id])) for r in session.roles],
                "ticked": ticked, "checked": bool(ticked), "notes": answers(cast[watching], [step]),
            })
        seen = [{"item": item, "marks": [item in r["ticked"] for r in played]} for item in checklist]
        groups.append({"number": number, "names": [program.name_of(p) for p in trio.people], "rounds": played,
                       "seen": seen, "after": answers(trio.people, after)})
    here = [program.name_of(p) for p in engine.present()]
    away = [program.name_of(p) for p in dict.fromkeys(p.person for p in record.participants)
            if p not in engine.present()]
    return {"roleplay": {"trios": groups, "checklist": checklist, "watching": session.role(watching).name,
                         "away": away},
            "subject": ngettext("%(people)d people in %(num)d trio", "%(people)d people in %(num)d trios", len(groups))
            % {"people": len(here), "num": len(groups)} + f": {', '.join(here)}",
            "ratings": [], "rating_tables": [], "others": []}


def trio_sheet_context(workspace: Workspace, engine: RunEngine) -> dict[str, Any]:
    """Who is in which trio and plays which role in each round: the sheet for every table."""
    session, program = engine.session, workspace.program()
    steps = {s.round: s for s in session.steps if isinstance(s, model.RoleplayStep)}
    numbers = trios.rounds(session)
    groups = []
    for number, trio in enumerate(engine.record.trios, 1):
        rows = [{"name": program.name_of(p),
                 "roles": [session.role(trios.role_in_round(session, trio.people, p, n)).name for n in numbers]}
                for p in trio.people]
        groups.append({"number": number, "rows": rows, "size": len(trio.people),
                       "gaps": trios.missed_words(session, trio.people, program.name_of, played=False)})
    return {"session": session, "groups": groups, "rounds": [(n, steps[n].title) for n in numbers],
            "away": [program.name_of(p) for p in dict.fromkeys(x.person for x in engine.record.participants)
                     if p not in engine.present()],
            "date": engine.record.created[:10], "moves": [(session.role(a).name, session.role(b).name)
                                                         for a, b in trios.moves(session)]}


def print_trio_sheet(workspace: Workspace, run_id: str, out: Path, *, paper: str = "a4",
                     html_out: Path | None = None) -> Printed:
    engine = RunEngine.open(workspace, run_id, lock=False)
    if engine.session.kind != "roleplay" or not engine.record.trios:
        raise UserError(gettext("run %(run_id)s is not a role-play with trios: a trio sheet is a "
                                "role-play's") % {"run_id": run_id})
    return print_page(workspace, "trios.html", f"{engine.session.title}: trios", f"{run_id}/trios", out,
                      paper=paper, html_out=html_out, kind=_(SHARED_COPY), **trio_sheet_context(workspace, engine))


def _row_changes(old: list[list[str]], new: list[list[str]]) -> list[tuple[str, list[str]]]:
    """The rows that changed, each marked: a row edited in its place reads "was" then "now"."""
    gone = [r for r in old if r not in new]
    marked: list[tuple[str, list[str]]] = []
    for i, row in enumerate(new):
        if row in old:
            continue
        if i < len(old) and old[i] in gone:
            gone.remove(old[i])
            marked += [("was", old[i]), ("now", row)]
        else:
            marked.append(("added", row))
    return marked + [("removed", r) for r in gone]


def _produced(workspace: Workspace, version: Any) -> dict[str, Any] | None:
    """The agreement version a run saved, its changes drawn as the agreement's history draws them."""
    if version is None:
        return None
    label = _term_labels(workspace)[0]
    first = version.version == 1  # nothing to compare with: the terms, as the agreement shows them
    return {"version": version.version,
            "terms": [_term(label(t), value) for t, value in version.terms.items()] if first else [],
            "changes": [] if first else [_change(label(c.term), c.before, c.after, c.why) for c in version.changes]}


def _term_labels(workspace: Workspace) -> tuple[Callable[[str], str], dict[str, model.Question], list[model.Session]]:
    """How each agreement term is headed (its question, as a heading), the questions that give
    the terms their shape, and the sessions in program order."""
    from facilitator.agreements import term_questions

    sessions = sorted((e.session for e in workspace.library.entries.values()), key=presentation.session_sort_key)
    questions = term_questions(sessions)
    labels = {term: _label(q.text) for term, q in questions.items()}
    return (lambda term: labels.get(term) or presentation.term_label(term).capitalize()), questions, sessions


def _rating_tables(ratings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Ratings side by side, one table per set of people asked, so a column holds only the
    person its header names: the mentee-only outcome ratings get a table of their own."""
    tables: dict[tuple, dict[str, Any]] = {}
    for item in ratings:
        people = tuple((a["person"], a["role"], a["name"]) for a in item["answers"])
        # counts in a table of their own: a gap between two counts means nothing, so no empty Gap column
        key = (people, item["type"])
        tables.setdefault(key, {"people": list(people), "rows": [], "kind": item["type"]})["rows"].append(item)
    for table in tables.values():
        table["gaps"] = len(table["people"]) > 1 and any(row["gap"] is not None for row in table["rows"])
    return list(tables.values())


def _pattern_names(workspace: Workspace, ids: list[str]) -> list[dict[str, str]]:
    try:
        from facilitator.patterns.library import load_patterns  # the pattern library, when present

        library = load_patterns(workspace.root)
        names = {p.id: (p.name, p.description) for p in library.values()}
    except Exception:  # a missing or broken library must not stop a summary from printing
        names = {}
    return [{"id": i, "name": names.get(i, (i.replace("_", " ").capitalize(), ""))[0],
             "description": names.get(i, ("", ""))[1]} for i in ids]


def print_agreement(workspace: Workspace, pair_id: str, out: Path, *, paper: str = "a4",
                    html_out: Path | None = None) -> Printed:
    from facilitator.agreements import load_agreement

    program = workspace.program()
    pair = program.pair(pair_id)
    label, questions, sessions = _term_labels(workspace)
    agreement = load_agreement(workspace.agreements_dir, pair_id, questions)
    if not agreement.versions:
        raise UserError(gettext("pair `%(pair_id)s` has no agreement yet: finish an expectations session "
                                "first") % {"pair_id": pair_id})
    titles = {s.id: s.title for s in sessions}

    current = agreement.current
    assert current is not None
    history = [{"version": v.version, "date": v.date, "session": titles.get(v.session, v.session),
                "changes": [_change(label(c.term), c.before, c.after, c.why) for c in v.changes]}
               for v in reversed(agreement.versions)]
    return print_page(
        workspace, "agreement.html", _("Our mentoring agreement"), f"{pair_id}/agreement", out, paper=paper,
        html_out=html_out, version=current.version, version_date=current.date,
        terms=[_term(label(t), value) for t, value in current.terms.items()], history=history,
        mentor=program.name_of(pair.mentor), mentee=program.name_of(pair.mentee), today=f"{date.today():%Y-%m-%d}", kind=_(SHARED_COPY), fit=True,
    )


def _label(question: str) -> str:
    """A question as the heading of its term: no closing colon or full stop ("(date):" reads
    "(date)"), an ellipsis kept ("we will know this worked when...")."""
    text = question.strip().rstrip(":").rstrip()
    return text[:-1] if text.endswith(".") and not text.endswith("..") else text


def _term(label: str, value: Any) -> dict[str, Any]:
    """What the agreement draws for one term: text, a list, lists of ticks, or a table."""
    from facilitator.agreements import Items, Table

    if isinstance(value, Items):
        return {"label": label, "kind": "list", "items": value.items}
    if isinstance(value, Table):
        lists = value.marked_lists()
        if lists is not None:
            return {"label": label, "kind": "lists", "lists": lists}
        return {"label": label, "kind": "table", "columns": value.columns, "rows": value.rows}
    return {"label": label, "kind": "text", "text": value}


def _change(label: str, before: Any, after: Any, why: str) -> dict[str, Any]:
    """One line of the revision history: a text's old and new wording; for a list or table,
    only the items or rows that came or went, so a long table is not printed twice."""
    from facilitator.agreements import Items, Table

    change: dict[str, Any] = {"label": label, "why": why.strip()}
    if isinstance(after, Table):
        change.update(kind="table", columns=after.columns,
                      rows=_row_changes(before.rows if isinstance(before, Table) else [], after.rows))
    elif isinstance(after, Items):
        old = before.items if isinstance(before, Items) else []
        change.update(kind="list", added=[i for i in after.items if i not in old],
                      removed=[i for i in old if i not in after.items])
    else:
        change.update(kind="text", before=presentation.term_text(before), after=presentation.term_text(after))
    return change
