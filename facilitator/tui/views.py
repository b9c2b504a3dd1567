"""What the run screen draws around the step: the clock, the title line, the agenda.

The step itself is drawn by its panel (facilitator/tui/steps/).
"""

from __future__ import annotations

from rich.text import Text

from facilitator import presentation
from facilitator.engine import RunEngine


def clock(seconds: float) -> str:
    sign = "+" if seconds < 0 else ""
    seconds = int(abs(seconds))
    return f"{sign}{seconds // 60:02d}:{seconds % 60:02d}"


def timer_state(engine: RunEngine) -> str:
    """normal, warning, alert or overrun: the colour the clock shows, the same as the room's."""
    from facilitator.room import timer_state as state

    return state(engine.remaining(), engine.allowed())


def title_line(engine: RunEngine) -> Text:
    s, r = engine.session, engine.record
    done = sum(step.minutes for step in s.steps[: r.step])
    text = Text()
    text.append(f" {s.title}", style="bold")
    right = f"step {r.step + 1} of {len(s.steps)}  {done}/{s.minutes}'" + ("  finished" if r.is_finished else "")
    subject = presentation.subject(engine.workspace.program(), r)
    room = max(12, 73 - len(s.title) - len(right))  # a workshop's names give way, in 80 columns, to the step
    text.append(f" · {subject if len(subject) <= room else subject[:room - 1] + '…'}")
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
    """A script as the room reads it: a paragraph's hard line breaks joined (facilitator.room.reflow)."""
    from facilitator.room import reflow

    return Text(reflow(text))


def step_label(step_type: str) -> str:
    return step_type.replace("_", " ")


def a_step(step_type: str) -> str:
    """`a reflection`, `an agreement`: for notices that name a kind of step."""
    label = step_label(step_type)
    return f"{'an' if label[0] in 'aeiou' else 'a'} {label}"


def named(engine: RunEngine, persons: list[str]) -> str:
    """`Ben Ode`, `Ana Ruiz and Ben Ode`: the people a notice names."""
    names = [engine.workspace.program().name_of(person) for person in persons]
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
