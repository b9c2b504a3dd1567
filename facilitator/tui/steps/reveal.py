"""The reveal: both parties' reflections side by side, and the patterns they suggest.

Answers come through the engine's gate (`answers_of`, as the room), and so do the
patterns: they are named from what the room may see (`as_seen_by(engine, ROOM)`), so an
answer still sealed never suggests one. The room reads this screen, so a pattern not yet
confirmed says so. While someone is still writing, the panel says who, and shows nothing.

The patterns are a list: up/down select one, c/x act on the selected one, and acting
leaves the selection and the scroll where they were.
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
from textual.widgets import ListItem, ListView, Static

from facilitator.i18n import N_, gettext
from facilitator import model, presentation
from facilitator.engine import ROOM, PrivacyError
from facilitator.errors import UserError
from facilitator.records import Record
from facilitator.tui.modals import Prompt
from facilitator.tui.steps.base import StepPanel
from facilitator.tui.views import named

LATE = "✱"  # beside an answer entered after the reveal

IN_FULL = (model.TextQuestion, model.ListQuestion, model.TableQuestion)  # their own words, below the table

# what each status looks like in the list: the room must not take a suggestion for a finding
STATUS = {
    "confirmed": ("✔", N_("confirmed")),
    "dismissed": ("✘", N_("dismissed: stays out of the summary")),
    "proposed": ("◆", N_("suggested, not confirmed")),
}


class PatternsFound(Message):
    def __init__(self, index: int | None, version: str, findings: list[Any], problem: str = "") -> None:
        super().__init__()
        self.index = index
        self.version = version
        self.findings = findings
        self.problem = problem  # why no pattern could be named (a broken WORKSPACE/patterns.toml)


class PatternList(ListView, can_focus=False):
    """The patterns found, one item each. The panel keeps the focus and the keys, so the
    clock, next and back keep working while a pattern is selected."""


class Panel(StepPanel):
    DEFAULT_CSS = """
    #pattern-list { height: auto; background: transparent; }
    #patterns-more { margin: 0 0 1 0; }
    #pattern-list > ListItem { background: transparent; padding: 0 0 1 0; }
    #pattern-list > ListItem.-highlight { background: $primary 45%; color: $text; text-style: none; }
    #patterns-head { text-style: bold underline; }
    """

    BINDINGS = [
        Binding("up", "cursor(-1)", show=False, tooltip=N_("select the pattern above")),
        Binding("down", "cursor(1)", show=False, tooltip=N_("select the pattern below")),
        Binding("c", "confirm", N_("Confirm"), show=False, tooltip=N_("confirm the selected pattern")),
        Binding("x", "dismiss_pattern", N_("Dismiss"), show=False, tooltip=N_("dismiss the selected pattern")),
        Binding("a", "add_pattern", N_("Add"), show=False, tooltip=N_("add a pattern in your own words")),
        Binding("r", "reveal", N_("Reveal"), show=False, tooltip=N_("reveal the reflections now (asks if someone is writing)")),
    ]

    def reset(self) -> None:
        self.cursor = 0
        self.selected_id = ""  # the selection follows its pattern when the list is worked out again
        self.findings: list[Any] = []
        self.listed: list[str] | None = None  # the pattern ids the list widget holds now
        self.found_for = ""  # the record version the findings were worked out for
        self.looking = False
        self.problem = ""

    def compose(self) -> ComposeResult:
        yield Static(id="step-body")  # who is writing, then the script: what the room reads first
        yield Static(id="reveal")
        yield from self.pattern_widgets()
        yield Static(id="reveal-shown")  # the agreement, below: read after the answers

    patterns_heading = N_("Patterns")

    def pattern_widgets(self) -> ComposeResult:
        yield Static(gettext(self.patterns_heading), id="patterns-head")
        yield PatternList(id="pattern-list")
        yield Static(id="patterns-more")

    def before_script(self) -> list[Any]:
        return self.seal_status()

    def shown_blocks(self) -> list[Any]:
        return []  # drawn below the patterns (draw), not between the script and the answers

    def draw(self) -> None:
        super().draw()
        step = self.step
        self.query_one("#step-body").display = bool(step.say or step.phases or self.before_script())  # no blank block
        width = (self.parent.content_size.width or 80) - 2
        answers = self.query_one("#reveal", Static)
        answers.display = bool(self.sources())
        answers.update(self.side_by_side(width))
        self.query_one("#reveal-shown", Static).update(Group(*StepPanel.shown_blocks(self)))
        self.draw_patterns()
        version = self.engine.record.updated
        # patterns are read from every answer the room may see: none before they are
        # revealed, and once per change of the record, not on every repaint (a resize, a tick)
        if self.revealed() and self.found_for != version:
            from facilitator.patterns.findings import as_seen_by

            self.found_for = version
            self.looking = True
            self.find_patterns(version, as_seen_by(self.engine, ROOM))

    # ---------------------------------------------------------------- what this step shows

    def revealed(self) -> bool:
        return all(self.engine.is_revealed(ref) for ref in self.step.reveals)

    def sources(self) -> list[str]:
        """The steps whose answers are side by side here (a hidden one has no rows at all)."""
        return [ref for ref in self.step.reveals if self.engine.is_revealed(ref)]

    def relevant(self, findings: list[Any]) -> list[Any]:
        """The findings this step lists."""
        return findings

    # ---------------------------------------------------------------- sealing

    def seal_status(self) -> list[Text]:
        """Who is still writing (nothing of theirs shows), or who the reveal was closed for."""
        engine = self.engine
        waiting = engine.waiting_for(self.index)
        lines = []
        if waiting:
            lines.append(Text(gettext("Still writing: %(names)s. Their reflection stays hidden until they"
                                      " finish (b goes back to their sheet) or you reveal it without them (r).")
                              % {"names": named(engine, waiting)}, style="bold yellow"))
        elif not self.revealed():
            lines.append(Text(gettext("Everyone has finished: press r to reveal."), style="bold"))
        lines += self.closed_lines(self.step.reveals)
        return lines

    def closed_lines(self, refs: list[str], chose: bool = False) -> list[Text]:
        """Whom a reveal was closed for; `chose`: they had not chosen (a continuation), else not finished."""
        lines = []
        for ref in refs:
            sealing = self.engine.sealing(ref)
            if sealing and sealing.closed_for:
                who = {"names": named(self.engine, sealing.closed_for), "time": sealing.at[11:16]}
                if chose:
                    line = gettext("Revealed at %(time)s without %(names)s, who had not chosen.") if sealing.at \
                        else gettext("Revealed without %(names)s, who had not chosen.")
                else:
                    line = gettext("Revealed at %(time)s without %(names)s, who had not finished.") if sealing.at \
                        else gettext("Revealed without %(names)s, who had not finished.")
                lines.append(Text(line % who, style="dim"))
        return lines

    def action_reveal(self) -> None:
        if self.revealed():
            self.notify(gettext("Already revealed."))
            return
        self.run_screen.unless_someone_writes(self.engine.waiting_for(),
                                              lambda close: self.change(lambda: self.engine.reveal(close_missing=close)))

    # ---------------------------------------------------------------- the answers

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
        """Both parties per item, side by side; a gap of 2 or more, or a split choice, is marked."""
        engine = self.engine
        # the items read as the sheets did: `{mentee}` and `{term.objectives.1}` quoted
        session, people, names = engine.quoted_session(), engine.record.participants, engine.workspace.program()
        shown = self.sources()
        if not shown:
            return Group()
        visible = self.visible_answers(shown)
        late = {(e.person, e.code) for e in visible if e.late}
        # fixed widths and one line per item: a projector reads it at a glance, and Rich lays it
        # out without measuring every cell (the reveal must appear at once)
        table = Table(show_lines=False, pad_edge=False, box=None, header_style="bold underline")
        count = max(len(people), 1)
        gap_width = max(6, len(gettext("Gap")), len(gettext("gap %(n)s") % {"n": 9}))  # "Abstand 2" in German
        person_width = max(9, min(24, (width - 6 - gap_width - 18 - 2 * (count + 3)) // count))
        # a wider gap column (German "Abst. 4") takes its columns from the items: the mark is what the room reads
        least = 12 if gap_width == 6 else max(6, 8 - (gap_width - 6))
        item_width = max(least, width - 6 - gap_width - count * person_width - 2 * (count + 3))
        table.add_column(gettext("Code"), style="bold", no_wrap=True, width=6)
        table.add_column(gettext("Item"), no_wrap=True, overflow="ellipsis", width=item_width)
        for p in people:
            table.add_column(f"{names.name_of(p.person)}", no_wrap=True, overflow="ellipsis", width=person_width)
        table.add_column(gettext("Gap"), no_wrap=True, width=gap_width)
        words = Text()
        marked = 0
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
                            words.append(f"{presentation.shown(a.value, q)}")
                            words.append(" (" + gettext("entered after the reveal") + ")" if (a.person, q.code) in late else "",
                                         style="italic")
                            words.append("\n")
                    continue
                values = [a.value for a in answers]
                mark = _mark(q, values)
                marked += bool(mark.plain)
                cell_style = "bold" if mark.plain else ""
                table.add_row(Text(q.code, style="bold reverse" if mark.plain else "bold"), q.text,
                              *[Text(presentation.side_by_side(q, a) + (f" {LATE}" if (a.person, q.code) in late
                                                                        else ""), style=cell_style)
                                for a in answers], mark)
        legend = [Text(f"{LATE} " + gettext("entered after the reveal"), style="italic")] if late else []
        if marked:
            legend.append(Text(gettext("Marked: ratings 2 or more points apart, or different choices."), style="dim"))
        return Group(table, *legend, words)

    # ---------------------------------------------------------------- patterns

    def selected(self) -> Any | None:
        return self.findings[self.cursor] if self.revealed() and 0 <= self.cursor < len(self.findings) else None

    def status_of(self, finding: Any) -> str:
        """From the record as it is now: a confirm shows at once, before patterns are worked out again."""
        chosen = self.engine.record.patterns
        return "confirmed" if finding.id in chosen.confirmed else "dismissed" if finding.id in chosen.dismissed \
            else "proposed"

    def item_text(self, i: int, finding: Any) -> Table:
        """One pattern: the selection and status marks in a column of their own, so the
        summary and the question to ask wrap under the name, not under the marks."""
        status = self.status_of(finding)
        mark, word = STATUS[status]
        text = Text()
        text.append(finding.pattern.name, style="bold")
        text.append(f"  · {gettext(word)}", style="bold green" if status == "confirmed" else "italic")
        text.append(f"\n{finding.summary}")
        if finding.pattern.questions:
            text.append("\n" + gettext("Ask: “%(question)s”") % {"question": finding.pattern.questions[0]}, style="italic")
        grid = Table.grid(padding=(0, 1))
        grid.add_column(width=3, no_wrap=True)
        grid.add_column(ratio=1)
        grid.add_row(Text(("▶" if i == self.cursor else " ") + f" {mark}", style="bold"), text)
        return grid

    def draw_patterns(self) -> None:
        shown = self.revealed()
        for widget in self.query("#patterns-head, #pattern-list, #patterns-more"):
            widget.display = shown
        if not shown:
            return
        ids = [f.id for f in self.findings]
        if ids != self.listed:
            self.listed = ids
            self.run_worker(self._relist(list(self.findings)), group="relist", exclusive=True)
        else:
            self._restyle()
        more = Text()
        if self.problem and not self.looking:  # said, not taken for "nothing found"
            more.append(gettext("Patterns cannot be named: %(why)s") % {"why": self.problem}, style="bold")
        elif not self.findings:
            more.append(gettext("Looking for patterns…") if self.looking else
                        gettext("No patterns named from these answers. Press a to add your own."), style="dim")
        for added in self.engine.record.patterns.added:
            line = f"✚ {added}  · " + gettext("added by you")
            more.append("\n" + line if more else line)
        if self.findings:
            more.append(("\n" if more else "") + gettext("↑↓ select · c confirm · x dismiss · a add your own."
                                                          " Only confirmed patterns go into the shared summary."),
                        style="dim")
        self.query_one("#patterns-more", Static).update(more)

    async def _relist(self, findings: list[Any]) -> None:
        """A new set of patterns: the list is built again, the selection kept on its pattern."""
        ids = [f.id for f in findings]
        self.cursor = ids.index(self.selected_id) if self.selected_id in ids else min(self.cursor, max(len(ids) - 1, 0))
        patterns = self.query_one(PatternList)
        await patterns.clear()
        await patterns.extend([ListItem(Static(self.item_text(i, f))) for i, f in enumerate(findings)])
        patterns.index = self.cursor if findings else None

    def _restyle(self) -> None:
        items = list(self.query_one(PatternList).query(ListItem))
        if len(items) != len(self.findings):
            return  # being built again: it draws the current state when done
        for i, (item, finding) in enumerate(zip(items, self.findings)):
            text = item.query(Static)
            if not text:
                return  # an item mounted, its text not yet (a resize while the list is rebuilt): drawn when done
            text.first().update(self.item_text(i, finding))

    @work(thread=True, exclusive=True, group="patterns")
    def find_patterns(self, version: str, seen: Record) -> None:
        """Naming patterns reads the whole program: done off the UI thread, drawn when ready."""
        try:
            from facilitator.patterns import Analysis, run_findings

            found = [f for f in run_findings(Analysis(self.engine.workspace), seen) if f.found]
        except UserError as exc:
            self.post_message(PatternsFound(self.index, version, [], exc.lines[0] if exc.lines else str(exc)))
            return
        self.post_message(PatternsFound(self.index, version, found))

    def on_patterns_found(self, message: PatternsFound) -> None:
        if self.index is None or self.index != message.index or message.version != self.found_for:
            return  # another step has the stage now, or the record changed since
        self.looking = False
        self.problem = message.problem
        self.findings = self.relevant(message.findings)
        self.draw_patterns()

    def on_list_view_highlighted(self, event: ListView.Highlighted) -> None:
        index = event.list_view.index
        if index is not None and index != self.cursor and index < len(self.findings):  # a click
            self._select(index)

    def _select(self, index: int) -> None:
        self.cursor = index
        self.selected_id = self.findings[index].id
        patterns = self.query_one(PatternList)
        patterns.index = index
        self._restyle()
        items = list(patterns.query(ListItem))
        if index < len(items):
            self.scroll_to_widget(items[index], animate=False, immediate=True)

    def action_cursor(self, delta: int) -> None:
        """An arrow first brings the patterns into view (the selection as it was), then moves
        the selection; past either end of the list it reads on, a line at a time (the answers
        above, the agreement below)."""
        if not self.selected():
            self.scroll_relative(y=delta, animate=False)
        elif not self._in_view(self.cursor):
            self.scroll_to_widget(self.query_one("#patterns-head"), animate=False, top=True, immediate=True)
        elif 0 <= self.cursor + delta < len(self.findings):
            self._select(self.cursor + delta)
        else:
            self.scroll_relative(y=delta, animate=False)

    def _in_view(self, index: int) -> bool:
        patterns = self.query_one(PatternList)
        items = list(patterns.query(ListItem))
        if index >= len(items):
            return False
        top = patterns.virtual_region.y + items[index].virtual_region.y
        bottom = top + items[index].outer_size.height
        return self.scroll_y <= top and bottom <= self.scroll_y + self.scrollable_content_region.height

    def action_confirm(self) -> None:
        finding = self._selected_or_say(confirm=True)
        if finding is not None:
            self.change(self.engine.confirm_pattern, finding.id)

    def action_dismiss_pattern(self) -> None:
        finding = self._selected_or_say(confirm=False)
        if finding is not None:
            self.change(self.engine.dismiss_pattern, finding.id)

    def _selected_or_say(self, confirm: bool) -> Any | None:
        finding = self.selected()
        if finding is None:
            if not self.revealed():
                self.notify(gettext("Nothing to confirm yet: patterns show once the answers are revealed.") if confirm
                            else gettext("Nothing to dismiss yet: patterns show once the answers are revealed."))
            else:
                self.notify(gettext("No pattern to confirm: none was named from these answers. Press a to add your own.")
                            if confirm else
                            gettext("No pattern to dismiss: none was named from these answers. Press a to add your own."))
        return finding

    def action_add_pattern(self) -> None:
        def added(values: list[str] | None) -> None:
            if values and values[0].strip():
                self.change(self.engine.add_pattern, values[0])

        self.app.push_screen(Prompt(gettext("Name a pattern in your own words"), [(gettext("Pattern"), "")]), added)


def _mark(q: model.Question, values: list[Any]) -> Text:
    gap = presentation.rating_gap(q, values)
    if gap is not None and gap >= 2:
        return Text(gettext("gap %(n)s") % {"n": gap}, style="bold reverse")
    if presentation.split_choice(q, values):
        return Text(gettext("split"), style="bold reverse")
    return Text("" if gap is None else str(gap))
