"""What the run screen draws, as Rich renderables built from engine state.

Nothing here decides what may be shown: every participant answer comes from
`engine.entries(SHARED)`, so a reflection is on screen only once the engine has revealed it.
"""

from __future__ import annotations

from typing import Any

from rich.console import Group
from rich.table import Table
from rich.text import Text

from facilitator import model, presentation
from facilitator.engine import SHARED, RunEngine


def clock(seconds: float) -> str:
    sign = "+" if seconds < 0 else ""
    seconds = int(abs(seconds))
    return f"{sign}{seconds // 60:02d}:{seconds % 60:02d}"


def timer_state(engine: RunEngine) -> str:
    """normal, warning (20% left), alert (5% left) or overrun: the colour the clock shows."""
    left, allowed = engine.remaining(), engine.allowed()
    if left < 0:
        return "overrun"
    if allowed and left <= 0.05 * allowed:
        return "alert"
    if allowed and left <= 0.20 * allowed:
        return "warning"
    return "normal"


def subject(engine: RunEngine) -> str:
    return presentation.subject(engine.workspace.program(), engine.record)


def title_line(engine: RunEngine) -> Text:
    s, r = engine.session, engine.record
    done = sum(step.minutes for step in s.steps[: r.step])
    text = Text()
    text.append(f" {s.title}", style="bold")
    text.append(f" · {subject(engine)}")
    right = f"step {r.step + 1} of {len(s.steps)}  {done}/{s.minutes}'" + ("  finished" if r.is_finished else "")
    text.append("   ")
    text.append(right, style="bold")
    return text


def agenda(engine: RunEngine, width: int = 26) -> Text:
    text = Text()
    room = max(width - 7, 8)  # mark, space, minutes
    for i, step in enumerate(engine.session.steps):
        mark = "✓" if i < engine.step_index else ("▶" if i == engine.step_index else " ")
        style = "bold reverse" if i == engine.step_index else ("dim" if i < engine.step_index else "")
        name = step.title if len(step.title) <= room else step.title[: room - 1] + "…"
        text.append(f"{mark} {name:<{room}}{step.minutes:>3}'\n", style=style)
    left = sum(s.minutes for s in engine.session.steps[engine.step_index:])
    text.append(f"\n{engine.step_index}/{len(engine.session.steps)} steps done · {left}' to go", style="dim")
    return text


def prose(text: str) -> Text:
    return Text("\n".join(line.rstrip() for line in text.strip().splitlines()))


def step_body(engine: RunEngine, speaker: int = 0) -> Group:
    """The middle of the screen: what the room reads for the current step."""
    step = engine.step
    parts: list[Any] = []
    kind = model.step_type(step)
    if kind == "reflection":  # who is done shows first: the room waits for it
        parts.append(reflection_status(engine))
    if kind == "roleplay":
        parts += _roleplay(engine, step)
    if step.say:
        parts.append(prose(step.say))
    prompts = getattr(step, "prompts", [])
    if prompts:
        parts.append(Text("\n".join(f"• {p}" for p in prompts), style="bold"))
    if step.phases:
        parts.append(Text("\n".join(f"{p.minutes:>2}'  {p.title}" for p in step.phases), style="italic"))
    if kind == "round_robin":
        parts.append(round_robin(engine, speaker))
    elif kind == "agreement":
        parts.append(agreement_panel(engine))
    if "commitments" in step.show:
        parts.append(commitments(engine))
    if "agreement" in step.show and kind not in ("agreement",):
        parts.append(current_agreement(engine))
    if "agreement_history" in step.show:
        parts.append(agreement_history(engine))
    spaced: list[Any] = []
    for part in parts:
        spaced += [part, Text("")]
    return Group(*spaced)


def _roleplay(engine: RunEngine, step: model.RoleplayStep) -> list[Any]:
    out: list[Any] = []
    scenario = engine.session.scenario
    round_line = Text(f"Round {step.round}", style="bold")
    if step.swap:
        round_line.append("   ⇄ SWAP ROLES NOW: asker and counterpart change seats", style="bold reverse")
    out.append(round_line)
    if scenario:
        out.append(Text(scenario.title or "The situation", style="bold underline"))
        out.append(prose(scenario.situation))
    for role in engine.session.roles:
        if role.checklist:
            out.append(Text(f"{role.name} checklist", style="bold underline"))
            out.append(Text("\n".join(f"☐ {item}" for item in role.checklist)))
    return out


def reflection_status(engine: RunEngine) -> Text:
    text = Text()
    for p in engine.record.participants:
        name = engine.workspace.program().name_of(p.person)
        done = engine.done(p.person)
        text.append(f"{name} ({p.role}): ", style="bold")
        text.append("✓ done" if done else "… writing", style="green" if done else "yellow")
        text.append("    ")
    return text


def reveal_table(engine: RunEngine, width: int = 100) -> Group:
    """Both parties per item, side by side; a gap of 2 or more is marked."""
    session, record = engine.session, engine.record
    visible = engine.entries(SHARED)
    people = record.participants
    names = engine.workspace.program()
    # fixed widths and one line per item: a projector reads it at a glance, and Rich lays it
    # out without measuring every cell (the reveal must appear at once)
    table = Table(show_lines=False, pad_edge=False, box=None, header_style="bold underline")
    count = max(len(people), 1)
    person_width = max(9, min(24, (width - 6 - 6 - 18 - 2 * (count + 3)) // count))
    item_width = max(12, width - 6 - 6 - count * person_width - 2 * (count + 3))
    table.add_column("Code", style="bold", no_wrap=True, width=6)
    table.add_column("Item", no_wrap=True, overflow="ellipsis", width=item_width)
    for p in people:
        table.add_column(f"{names.name_of(p.person)}", no_wrap=True, overflow="ellipsis", width=person_width)
    table.add_column("Gap", no_wrap=True, width=6)
    step = engine.step
    words = Text()
    for ref in getattr(step, "reveals", []):
        source = next(s for s in session.steps if s.id == ref)
        for q in source.questions:
            if q.private:
                continue
            asked = session.answering_roles(source, q)
            values = [next((e.value for e in visible if e.person == p.person and e.code == q.code), None)
                      for p in people]
            if isinstance(q, (model.TextQuestion, model.ListQuestion, model.TableQuestion)):
                words.append(f"\n{q.code}  {q.text}\n", style="bold")  # their own words, in full
                for p, v in zip(people, values):
                    if p.role in asked:
                        words.append(f"  {names.name_of(p.person)}: ", style="bold")
                        words.append(f"{presentation.shown(v)}\n")
                continue
            cells = []
            for p, v in zip(people, values):
                if p.role not in asked:
                    cells.append("")
                elif isinstance(q, model.RatingQuestion) and presentation.is_number(v):
                    cells.append(f"{v} {presentation.rating_dots(q, v)}")
                else:
                    cells.append(presentation.shown(v))
            gap = presentation.rating_gap(q, values)
            gap_text = Text(f"gap {gap}", style="bold reverse") if gap is not None and gap >= 2 else Text(
                "" if gap is None else str(gap))
            table.add_row(q.code, q.text, *cells, gap_text)
    return Group(table, words)


def patterns_panel(findings: list[Any], cursor: int) -> Text:
    text = Text()
    if not findings:
        text.append("No patterns named yet. Press a to add your own.", style="dim")
        return text
    for i, f in enumerate(findings):
        mark = {"confirmed": "✔", "dismissed": "✘"}.get(f.status, "◆")
        style = "reverse" if i == cursor else ""
        text.append(f"{mark} {f.pattern.name}", style=f"bold {style}")
        text.append(f" — {f.summary}\n", style=style)
        if f.pattern.questions and f.found:
            text.append(f"   Ask: “{f.pattern.questions[0]}”\n", style="italic")
    return text


def agreement_panel(engine: RunEngine) -> Group:
    terms = engine.run_terms()
    current = engine.current_agreement()
    text = Text()
    text.append("Terms agreed in this session\n", style="bold underline")
    if not terms:
        text.append("None yet: press t to write a term.\n", style="dim")
    for term, value in terms.items():
        before = current.terms.get(term) if current else None
        changed = before is not None and before != value
        text.append(f"{presentation.term_label(term)}: ", style="bold")
        text.append(f"{value}\n", style="bold yellow" if changed else "")
    actions = Text()
    if getattr(engine.step, "actions", False):
        actions.append("Actions\n", style="bold underline")
        if not engine.record.actions:
            actions.append("None yet: press a to add one (what, who, by when).\n", style="dim")
        for i, a in enumerate(engine.record.actions, 1):
            actions.append(f"{i}. {a.what} — {a.who or '?'}{', by ' + a.due if a.due else ''} [{a.status}]\n")
    return Group(text, actions)


def current_agreement(engine: RunEngine) -> Text:
    version = engine.current_agreement()
    text = Text()
    if version is None:
        text.append("No agreement yet for this pair.", style="dim")
        return text
    text.append(f"Current agreement (version {version.version}, {version.date})\n", style="bold underline")
    for term, value in version.terms.items():
        text.append(f"{presentation.term_label(term)}: ", style="bold")
        text.append(f"{value}\n")
    return text


def agreement_history(engine: RunEngine) -> Text:
    text = Text()
    versions = engine.agreement_history()
    if not versions:
        text.append("No agreement was recorded for this pair.", style="dim")
        return text
    first = versions[0]
    text.append(f"The original agreement (version 1, {first.date})\n", style="bold underline")
    for term, value in first.terms.items():
        text.append(f"{presentation.term_label(term)}: ", style="bold")
        text.append(f"{value}\n")
    for v in versions[1:]:
        text.append(f"\nVersion {v.version} ({v.date}, {v.session})\n", style="bold")
        for c in v.changes:
            text.append(f"  {presentation.term_label(c.term)}: {c.after}" + (f"  — why: {c.why}" if c.why else "") + "\n")
    return text


def commitments(engine: RunEngine) -> Text:
    text = Text()
    text.append("Last meeting's commitments\n", style="bold underline")
    if not engine.record.carried:
        text.append("None carried from a previous meeting.\n", style="dim")
    names = engine.workspace.program()
    for i, c in enumerate(engine.record.carried, 1):
        style = {"done": "green", "not yet": "yellow", "dropped": "dim"}.get(c.status, "")
        text.append(f"{i}. {names.name_of(c.person)}: {c.text} ", style="")
        text.append(f"[{c.status}]\n", style=f"bold {style}")
    return text


def round_robin(engine: RunEngine, speaker: int) -> Text:
    names = engine.workspace.program()
    present = engine.record.attendance or [p.person for p in engine.record.participants]
    text = Text()
    text.append(f"Each speaker: {engine.step.speaker_minutes} minutes\n", style="bold")
    for i, person in enumerate(present):
        if i == speaker % max(len(present), 1):
            text.append(f"▶ {names.name_of(person)}  ← speaking now\n", style="bold reverse")
        else:
            text.append(f"  {names.name_of(person)}{'  ✓' if i < speaker else ''}\n")
    return text
