"""The reveal: both parties' reflections side by side, and the patterns they suggest.

Answers come through the engine's gate (`answers_of`, as the room): nothing here decides
what may be shown. While someone is still writing, the panel says who, and shows nothing.
"""

from __future__ import annotations

from typing import Any

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Static

from facilitator import model, presentation
from facilitator.engine import ROOM, PrivacyError
from facilitator.errors import UserError
from facilitator.tui.modals import Prompt
from facilitator.tui.steps.base import StepPanel
from facilitator.tui.views import named

LATE = "✱"  # beside an answer entered after the reveal

IN_FULL = (model.TextQuestion, model.ListQuestion, model.TableQuestion)  # their own words, below the table


class PatternsFound(Message):
    def __init__(self, findings: list[Any]) -> None:
        super().__init__()
        self.findings = findings


class Panel(StepPanel):
    BINDINGS = [
        Binding("up", "cursor(-1)", show=False, tooltip="select the pattern above"),
        Binding("down", "cursor(1)", show=False, tooltip="select the pattern below"),
        Binding("c", "confirm", "Confirm", show=False, tooltip="confirm the selected pattern"),
        Binding("x", "dismiss_pattern", "Dismiss", show=False, tooltip="dismiss the selected pattern"),
        Binding("a", "add_pattern", "Add", show=False, tooltip="add a pattern in your own words"),
        Binding("r", "reveal", "Reveal", show=False, tooltip="reveal the reflections now (asks if someone is writing)"),
    ]

    def reset(self) -> None:
        self.cursor = 0
        self.findings = []
        self.found_for = ""  # the record version the findings were worked out for

    def compose(self) -> ComposeResult:
        yield Static(id="reveal")  # the two reflections come first
        yield Static(id="patterns")
        yield from super().compose()

    def draw(self) -> None:
        super().draw()
        width = (self.parent.content_size.width or 80) - 2
        self.query_one("#reveal", Static).update(Group(*self.seal_status(), self.side_by_side(width)))
        self.draw_patterns()
        version = self.engine.record.updated
        # patterns are read from every answer: none before they may all be seen, and once per
        # change of the record, not on every repaint (a resize, a tick)
        if self.revealed() and getattr(self, "found_for", "") != version:
            self.found_for = version
            self.find_patterns(version)

    def revealed(self) -> bool:
        return all(self.engine.is_revealed(ref) for ref in self.step.reveals)

    # ---------------------------------------------------------------- sealing

    def seal_status(self) -> list[Text]:
        """Who is still writing (nothing of theirs shows), or who the reveal was closed for."""
        engine = self.engine
        waiting = engine.waiting_for(self.index)
        lines = []
        if waiting:
            lines.append(Text(f"Still writing: {named(engine, waiting)}. Their reflection stays hidden until they"
                              " finish (b goes back to their sheet) or you reveal it without them (r).",
                              style="bold yellow"))
        elif not self.revealed():
            lines.append(Text("Everyone has finished: press r to reveal.", style="bold"))
        for ref in self.step.reveals:
            sealing = engine.sealing(ref)
            if sealing and sealing.closed_for:
                lines.append(Text(f"Revealed{' at ' + sealing.at[11:16] if sealing.at else ''} without"
                                  f" {named(engine, sealing.closed_for)}, who had not finished.", style="dim"))
        return lines

    def action_reveal(self) -> None:
        if self.revealed():
            self.notify("Already revealed.")
            return
        self.run_screen.unless_someone_writes(self.engine.waiting_for(),
                                              lambda close: self.change(lambda: self.engine.reveal(close_missing=close)))

    # ---------------------------------------------------------------- the reflections

    def visible_answers(self, refs: list[str]) -> list[Any]:
        """What the room may see of each person's answers in the steps `refs`, from the gate."""
        visible = []
        for p in self.engine.record.participants:
            try:
                visible += self.engine.answers_of(p.person, ROOM, steps=refs)
            except PrivacyError:  # not revealed (a run opened on this step): nothing of theirs shows
                pass
        return visible

    def side_by_side(self, width: int = 100) -> Group:
        """Both parties per item, side by side; a gap of 2 or more is marked."""
        engine = self.engine
        session, people, names = engine.session, engine.record.participants, engine.workspace.program()
        shown = [ref for ref in self.step.reveals if engine.is_revealed(ref)]  # a hidden one has no rows at all
        if not shown:
            return Group()
        visible = self.visible_answers(shown)
        late = {(e.person, e.code) for e in visible if e.late}
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
        words = Text()
        for ref in shown:
            source = next(s for s in session.steps if s.id == ref)
            for q in source.questions:
                if q.private:
                    continue
                answers = presentation.answers_by_person(session, source, q, people, visible, names)
                if isinstance(q, IN_FULL):
                    words.append(f"\n{q.code}  {q.text}\n", style="bold")
                    for a in answers:
                        if a.asked:
                            words.append(f"  {a.name}: ", style="bold")
                            words.append(f"{presentation.shown(a.value)}")
                            words.append(" (entered after the reveal)" if (a.person, q.code) in late else "",
                                         style="italic")
                            words.append("\n")
                    continue
                table.add_row(q.code, q.text, *[presentation.side_by_side(q, a) + (f" {LATE}" if (a.person, q.code) in late else "")
                                                for a in answers],
                              _gap(presentation.rating_gap(q, [a.value for a in answers])))
        legend = [Text(f"{LATE} entered after the reveal", style="italic")] if late else []
        return Group(table, *legend, words)

    # ---------------------------------------------------------------- patterns

    def draw_patterns(self) -> None:
        self.cursor = min(self.cursor, max(len(self.findings) - 1, 0))
        text = patterns_list(self.findings, self.cursor)
        added = self.engine.record.patterns.added
        if added:
            text.append("".join(f"✚ {a}\n" for a in added))
        self.query_one("#patterns", Static).update(text)

    @work(thread=True, exclusive=True, group="patterns")
    def find_patterns(self, version: str) -> None:
        """Naming patterns reads the whole program: done off the UI thread, drawn when ready."""
        try:
            from facilitator.patterns import findings_for_run

            found = [f for f in findings_for_run(self.engine.workspace, self.engine.record.id) if f.found]
        except UserError:
            found = []
        self.post_message(PatternsFound(found))

    def on_patterns_found(self, message: PatternsFound) -> None:
        if self.index is None or not self.display:
            return  # another step has the stage now
        self.findings = message.findings
        self.draw_patterns()

    def action_cursor(self, delta: int) -> None:
        if self.findings:
            self.cursor = (self.cursor + delta) % len(self.findings)
            self.draw_patterns()
            self.scroll_to_widget(self.query_one("#patterns", Static), animate=False)  # below a long table

    def action_confirm(self) -> None:
        if self.findings:
            self.change(self.engine.confirm_pattern, self.findings[self.cursor].id)

    def action_dismiss_pattern(self) -> None:
        if self.findings:
            self.change(self.engine.dismiss_pattern, self.findings[self.cursor].id)

    def action_add_pattern(self) -> None:
        def added(values: list[str] | None) -> None:
            if values and values[0].strip():
                self.change(self.engine.add_pattern, values[0])

        self.app.push_screen(Prompt("Name a pattern in your own words", [("Pattern", "")]), added)


def _gap(gap: int | None) -> Text:
    if gap is not None and gap >= 2:
        return Text(f"gap {gap}", style="bold reverse")
    return Text("" if gap is None else str(gap))


def patterns_list(findings: list[Any], cursor: int) -> Text:
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
