"""What the run screen draws around the step: the clock, the title line, the agenda.

The step itself is drawn by its panel (facilitator/tui/steps/).
"""

from __future__ import annotations

from rich.text import Text

from facilitator import presentation
from facilitator.i18n import gettext
from facilitator.engine import RunEngine


def clock(seconds: float) -> str:
    sign = "+" if seconds < 0 else ""
    seconds = int(abs(seconds))
    return f"{sign}{seconds // 60:02d}:{seconds % 60:02d}"


def timer_state(engine: RunEngine) -> str:
    """normal, warning, alert or overrun: the colour the clock shows, the same as the room's."""
    from facilitator.room import timer_state as state

    return state(engine.remaining(), engine.allowed())


def used_minutes(engine: RunEngine) -> int:
    """Minutes the step clocks have run so far, all steps together: the session's time used."""
    return int(sum(engine.elapsed(step.id) for step in engine.session.steps) // 60)


def title_line(engine: RunEngine, width: int = 0) -> Text:
    """The run, and where it stands; within `width` the run's name gives way, never the figures."""
    s, r = engine.session, engine.record
    right = (gettext("step %(n)s of %(total)s · %(used)s' of %(planned)s used") % {
        "n": r.step + 1, "total": len(s.steps), "used": used_minutes(engine),
        "planned": presentation.minutes_short(s.minutes)}
             + (" · " + gettext("finished") if r.is_finished else ""))
    left = Text()
    left.append(f" {s.title}", style="bold")
    left.append(f" · {presentation.subject(engine.workspace.program(), r)}")
    if width:
        left.truncate(max(width - len(right) - 3, 8), overflow="ellipsis")
    text = left
    text.append("   ")
    text.append(right, style="bold")
    return text


def agenda(engine: RunEngine, width: int = 26) -> Text:
    text = Text()
    room = max(width - 7, 8)  # mark, space, minutes
    steps = engine.session.steps
    done = len(steps) if engine.record.is_finished else engine.step_index  # a finished run did every step
    for i, step in enumerate(steps):
        mark = "✓" if i < done else ("▶" if i == engine.step_index else " ")
        style = "bold reverse" if i == engine.step_index else ("dim" if i < done else "")
        name = step.title if len(step.title) <= room else step.title[: room - 1] + "…"
        text.append(f"{mark} {name:<{room}}{presentation.minutes_short(step.minutes):>4}\n", style=style)
    if engine.record.is_finished:
        text.append("\n" + gettext("All %(n)s steps done · finished") % {"n": len(steps)}, style="dim")
    else:
        left = sum(s.minutes for s in steps[engine.step_index:])
        text.append("\n" + gettext("%(done)s/%(total)s steps done · %(left)s to go") % {
            "done": done, "total": len(steps), "left": presentation.minutes_short(left)}, style="dim")
    return text


def prose(text: str) -> Text:
    """A script as the room reads it: a paragraph's hard line breaks joined (facilitator.room.reflow)."""
    from facilitator.room import reflow

    return Text(reflow(text))


def step_label(step_type: str) -> str:
    return gettext(step_type.replace("_", " "))  # the words are in the catalogue (printing.documents)


def a_step(step_type: str) -> str:
    """`a reflection`, `an agreement`: for notices that name a kind of step."""
    label = step_label(step_type)
    # German says it with the step's name: "einem Schritt „Reflexion“" (the notices it goes in are dative)
    article = gettext("an %(kind)s") if step_type.replace("_", " ")[0] in "aeiou" else gettext("a %(kind)s")
    return article % {"kind": label}


def named(engine: RunEngine, persons: list[str]) -> str:
    """`Ben Ode`, `Ana Ruiz and Ben Ode`: the people a notice names."""
    names = [engine.workspace.program().name_of(person) for person in persons]
    return names[0] if len(names) == 1 else gettext("%(names)s and %(last)s") % {"names": ", ".join(names[:-1]),
                                                                                   "last": names[-1]}
