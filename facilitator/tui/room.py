"""The room view (`facilitator present`): what the projector shows, read-only, following a run live.

It draws only the engine's room-safe picture (facilitator.room.RoomView), read again from
the record file whenever that changes; the clock ticks here from the picture's timer. It
listens on nothing and writes only its heartbeat beside the record (facilitator.attach: the
facilitator's screen then becomes the presenter's), so either side can restart and the other
carries on.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from typing import Any

from rich.console import Group
from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.css.query import NoMatches
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Digits, Static

from facilitator import i18n
from facilitator.attach import Heartbeat
from facilitator.i18n import N_, gettext
from facilitator.room import Follower, RoomView
from facilitator.presentation import minutes_short, minutes_text
from facilitator.rounds import minutes_label
from facilitator.tui.keys import CONTRAST_KEY
from facilitator.tui.views import clock as clock_text, step_label
from facilitator.workspace import Workspace

POLL_SECONDS = 0.05  # a stat of one file: cheap enough to look twenty times a second
NARROW = 100  # below this width the agenda steps aside for the room's text
STATES = ("normal", "warning", "alert", "overrun")

# A 3x5 block font for the clock on a big window: Digits is three rows, whatever the size.
FONT = {
    "0": ("###", "#.#", "#.#", "#.#", "###"), "1": (".#.", "##.", ".#.", ".#.", "###"),
    "2": ("###", "..#", "###", "#..", "###"), "3": ("###", "..#", "###", "..#", "###"),
    "4": ("#.#", "#.#", "###", "..#", "..#"), "5": ("###", "#..", "###", "..#", "###"),
    "6": ("###", "#..", "###", "#.#", "###"), "7": ("###", "..#", "..#", "..#", "..#"),
    "8": ("###", "#.#", "###", "#.#", "###"), "9": ("###", "#.#", "###", "..#", "###"),
    ":": (".", "#", ".", "#", "."), "+": ("...", ".#.", "###", ".#.", "..."),
}


def big_digits(text: str, scale: int) -> str:
    """`text` in the block font, each font pixel `scale` rows high and 2*scale-1 columns wide."""
    width = 2 * scale - 1
    rows = []
    for line in range(5):
        cells = "".join("".join("█" * width if px == "#" else " " * width for px in FONT[ch][line]) + " " * width
                        for ch in text)
        rows += [cells.rstrip()] * scale
    return "\n".join(rows)


def big_width(text: str, scale: int) -> int:
    return sum(len(FONT[ch][0]) + 1 for ch in text) * (2 * scale - 1)


TITLE_FONT = "smblock"  # figlet's compact block letters: four rows, legible when a projector blurs them
BIG_TITLE_SIZE = (120, 36)  # from this window size up the step title is drawn large, on its own row


def big_title(title: str, width: int) -> str | None:
    """`title` in large letters in at most two lines of `width`; None when it does not fit so."""
    if not title.isascii() or not title.isprintable():
        return None  # the font has no letters beyond ASCII: a name with an accent would lose them
    from pyfiglet import Figlet  # loaded only for a big window: the room starts as fast as before

    figlet = Figlet(font=TITLE_FONT, width=width)
    rows = [row.rstrip() for row in figlet.renderText(title).splitlines()]
    while rows and not rows[-1]:
        rows.pop()
    if len(rows) > 2 * figlet.Font.height or any(len(row) > width for row in rows):
        return None
    return "\n".join(rows)


def clock_scale(width: int, height: int, text: str = "+00:00") -> int:
    """How large the clock may be: 0 means Textual's Digits (a small window); else the block font's scale."""
    scale = height // 20
    while scale >= 2 and big_width(text, scale) > width * 0.45:
        scale -= 1
    return scale if scale >= 2 and width >= 120 else 0


class RoomApp(App):
    CSS_PATH = "room.tcss"
    TITLE = "facilitator · room view"
    BINDINGS = [
        Binding("ctrl+q,q", "quit", N_("Quit"), priority=True, tooltip=N_("close the room view (the run goes on)")),
        CONTRAST_KEY,
        Binding("pagedown,space", "scroll_main(1)", N_("Scroll"), show=False, tooltip=N_("scroll the room's text down")),
        Binding("pageup", "scroll_main(-1)", show=False, tooltip=N_("scroll the room's text up")),
    ]

    def __init__(self, workspace: Workspace, *, run_id: str | None = None, clock: Callable[[], float] = time.time,
                 high_contrast: bool = False, poll_seconds: float = POLL_SECONDS) -> None:
        super().__init__()
        from facilitator.tui.keys import translate

        # the setting's language until a run is shown; a run's picture then brings its session's (draw)
        i18n.set_default(i18n.choose(None, workspace.root))
        translate(self)
        self.title = gettext("facilitator · room view")
        self.follower = Follower(workspace, run_id, clock)
        self.beat = Heartbeat()
        self.clock = clock
        self.poll_seconds = poll_seconds
        self._clock_drawn: tuple = ()
        self._step_drawn: int | None = None
        self._banner: tuple = ()  # the big title drawn: (title, width)
        self._narrow: bool | None = None
        if high_contrast:
            self.action_toggle_contrast()

    @property
    def view(self) -> RoomView | None:
        return self.follower.view

    def compose(self) -> ComposeResult:
        yield Static(id="room-title")
        with Horizontal(id="room-body"):
            yield Static(id="room-agenda")
            with Vertical(id="room-stage"):
                yield Static(id="room-banner")
                with Horizontal(id="room-head"):
                    yield Static(id="room-step")
                    with Vertical(id="room-clock-box"):
                        yield Digits("00:00", id="room-digits")
                        yield Static(id="room-big")
                        yield Static(id="room-clock-note")
                yield Static(id="room-progress")
                with VerticalScroll(id="room-main"):
                    yield Static(id="room-text")

    def on_mount(self) -> None:
        self.query_one("#room-agenda").border_title = gettext("Agenda")
        self.poll()
        self.draw()
        self.set_interval(self.poll_seconds, self.poll)
        self.set_interval(0.25, self.draw_clock)
        self.call_after_refresh(self.draw)  # once laid out: the agenda knows its width
        if os.environ.get("FACILITATOR_EXIT_AFTER_PAINT"):  # `make bench` times start-up to the first paint
            self.call_after_refresh(self.exit)

    def on_resize(self) -> None:
        # drawn once the new size is laid out: the agenda and the title are measured from it
        self.call_after_refresh(self.draw)

    def poll(self) -> None:
        if self.follower.poll():
            self.draw()
        view = self.follower.view
        self.beat.show(self.follower.workspace.record_file(view.run) if view else None)

    def on_unmount(self) -> None:
        self.beat.stop()  # the facilitator's screen is the room's again, at once

    def action_scroll_main(self, direction: int) -> None:
        main = self.query_one("#room-main")
        main.scroll_relative(y=direction * max(main.size.height - 2, 1), animate=False)

    def action_toggle_contrast(self) -> None:
        # the app's own theme, loaded when first asked for: the app module is not needed to start
        from facilitator.tui.app import HIGH_CONTRAST

        if HIGH_CONTRAST.name not in self.available_themes:
            self.register_theme(HIGH_CONTRAST)
        self.theme = "textual-dark" if self.theme == HIGH_CONTRAST.name else HIGH_CONTRAST.name

    # ---------------------------------------------------------------- drawing

    def draw(self) -> None:
        with i18n.using(self.view.language if self.view else None):
            self._draw()

    def _draw(self) -> None:
        view = self.view
        narrow = self.size.width < NARROW
        if narrow != self._narrow:  # the agenda comes or goes: measure it again once laid out
            self._narrow = narrow
            self.call_after_refresh(self.draw)
        self.screen.set_class(narrow, "-narrow")
        self.screen.set_class(view is None, "-waiting")
        if view is None:
            self.query_one("#room-title", Static).update(Text(" " + gettext("facilitator · room view"), style="bold"))
            self.query_one("#room-step", Static).update(Text(self.follower.problem or gettext("waiting for a run"),
                                                             style="bold"))
            for name in ("#room-progress", "#room-text", "#room-agenda"):
                self.query_one(name, Static).update("")
            self.query_one("#room-banner").display = False
            return
        self.query_one("#room-title", Static).update(title_line(view, self.size.width))
        listing = self.query_one("#room-agenda", Static)
        listing.update(agenda(view, listing.content_size.width))
        self.draw_banner(view)
        self.query_one("#room-step", Static).update(heading(view, self.clock(), titled=not self._banner))
        progress = self.query_one("#room-progress", Static)
        progress.update(progress_line(view))
        progress.display = bool(view.progress)
        self.query_one("#room-text", Static).update(stage(view))
        if view.step_index != self._step_drawn:  # another step starts at its top
            self._step_drawn = view.step_index
            self.query_one("#room-main").scroll_home(animate=False)
        self._clock_drawn = ()
        self.draw_clock()

    def draw_banner(self, view: RoomView) -> None:
        """On a big window the step title on a row of its own, in large letters when they fit in two lines."""
        banner = self.query_one("#room-banner", Static)
        big = self.size.width >= BIG_TITLE_SIZE[0] and self.size.height >= BIG_TITLE_SIZE[1]
        width = self.query_one("#room-stage").content_size.width
        banner.display = big and width > 0
        if not banner.display:
            self._banner = ()
            return
        if self._banner == (view.step_title, width):
            return
        self._banner = (view.step_title, width)
        letters = big_title(view.step_title, width)
        banner.set_class(letters is None, "-words")
        banner.update(Text(letters, style="bold") if letters else Text(f" {view.step_title} ", style="bold"))

    def draw_clock(self) -> None:
        with i18n.using(self.view.language if self.view else None):
            self._draw_clock()

    def _draw_clock(self) -> None:
        view = self.view
        try:
            box = self.query_one("#room-clock-box")
        except NoMatches:  # closing: the screen's widgets are already gone
            return
        box.display = view is not None and not view.finished
        if not box.display:
            return
        now = self.clock()
        # at a round the big clock is the speaker's (or the part's): what the room watches
        turn = view.round.clock if view.round else None
        shown = turn or view.clock
        text = clock_text(shown.remaining(now))
        state = shown.state(now)
        scale = clock_scale(self.size.width, self.size.height)
        head = heading(view, now, titled=not self._banner) if view.round else None  # it says the round's own time left
        if (text, state, scale, shown.running, head) == self._clock_drawn:
            return  # ticked four times a second; redrawn only when a second has passed
        self._clock_drawn = (text, state, scale, shown.running, head)
        if head is not None:
            self.query_one("#room-step", Static).update(head)
        digits, big = self.query_one("#room-digits", Digits), self.query_one("#room-big", Static)
        digits.display, big.display = scale == 0, scale > 0
        digits.update(text)  # hidden on a big window, it still holds what the clock reads
        if scale:
            big.update(big_digits(text, scale))
        for widget in (digits, big):
            for name in STATES:
                widget.set_class(state == name, f"-{name}")
        note = gettext("over time") if state == "overrun" else (gettext("running") if shown.running else gettext("paused"))
        if turn is not None:
            note = (gettext("part") if view.round.parts else gettext("turn")) + f" · {note}"
        self.query_one("#room-clock-note", Static).update(note)


def heading(view: RoomView, now: float, titled: bool = True) -> Text:
    """The step's title (unless the banner above shows it large); at a round, whose turn it is,
    beside the big clock that counts it down."""
    minutes = view.agenda[view.step_index][1]
    rnd = view.round
    title = (view.step_title, "bold") if titled else ""
    if rnd is None:
        return Text.assemble(title, "\n" if titled else "", (f"{step_label(view.step_type)} · {minutes_text(minutes)}", "dim"),
                             ("\n" + view.presence) if view.presence else "")
    text = Text.assemble(title, (f"{' · ' if titled else ''}{minutes_text(minutes)}", "dim"), "\n")
    if rnd.current is None:
        text.append(gettext("Every part is done") if rnd.parts else gettext("Everyone has spoken"), style="bold")
        return text
    i = rnd.current
    text.append(f" ▶ {rnd.speakers[i]} ", style="bold reverse")
    text.append("  " + (gettext("now") if rnd.parts else gettext("speaking now")), style="bold")
    left = view.clock.remaining(now)
    whole = clock_text(abs(left)) + " " + (gettext("over") if left < 0 else gettext("left"))
    said = {"n": i + 1, "total": len(rnd.speakers), "minutes": minutes_label(rnd.minutes[i]), "left": whole}
    text.append("\n" + (gettext("part %(n)s of %(total)s · %(minutes)s · in all: %(left)s") if rnd.parts else
                        gettext("speaker %(n)s of %(total)s · %(minutes)s each · round: %(left)s")) % said, style="dim")
    return text


def title_line(view: RoomView, width: int) -> Text:
    """The session, who it is for and where we are; what comes next when there is room for it."""
    text = Text(no_wrap=True, overflow="ellipsis")
    text.append(f" {view.session_title}", style="bold")
    where = "   " + gettext("step %(n)s of %(total)s") % {"n": view.step_index + 1, "total": view.step_count}
    subject = f" · {view.subject}"
    room = width - text.cell_len - len(where)
    if len(subject) > room:  # a workshop's list of names gives way, never where we are
        subject = subject[:max(room - 1, 0)] + "…" if room > 4 else ""
    text.append(subject)
    text.append(where, style="bold")
    following = "  · " + gettext("finished") if view.finished else \
        ("  · " + gettext("next:") + f" {view.next_title}" if view.next_title else "")
    if text.cell_len + len(following) <= width:
        text.append(following, style="bold" if view.finished else "dim")
    return text


def agenda(view: RoomView, width: int = 0) -> Text:
    """Every step and its minutes, one line each: a title too long for `width` is cut, never its minutes."""
    text = Text(no_wrap=True, overflow="ellipsis")
    for i, (title, minutes) in enumerate(view.agenda):
        done = i < view.step_index or view.finished  # after Finish every step is done, the last too
        here = i == view.step_index and not view.finished
        mark = "✓" if done else ("▶" if here else " ")
        style = "bold reverse" if here else ("dim" if done else "")
        room = width - len(f"{mark}  {minutes_short(minutes)}")
        if width and len(title) > room:
            title = title[:max(room - 1, 4)] + "…"
        text.append(f"{mark} {title} ", style=style)
        text.append(f"{minutes_short(minutes)}\n", style=style if here else f"{style} dim")
    return text


def progress_line(view: RoomView) -> Text:
    """Mentor ✓ done · Mentee … writing: who has finished, never what they wrote."""
    text = Text()
    one_role = len({p.role for p in view.progress}) == 1 and len(view.progress) > 1  # a cohort: all mentors
    for i, p in enumerate(view.progress):
        if i:
            text.append("  ·  ", style="dim")
        text.append(f"{p.name} " if one_role else f"{p.name} ({p.role}) ", style="bold")
        if view.step_type == "continuation":
            text.append("✓ " + gettext("has chosen") if p.done else "… " + gettext("choosing"),
                        style="bold green" if p.done else "yellow")
        else:
            text.append("✓ " + gettext("done") if p.done else "… " + gettext("writing"),
                        style="bold green" if p.done else "yellow")
    return text


def stage(view: RoomView) -> Group:
    """The middle of the room's screen, by step type; every part comes from the picture."""
    parts: list[Any] = []
    if view.finished:
        parts.append(Text(gettext("This session is finished. Thank you."), style="bold"))
    if view.roleplay:
        parts += roleplay(view)
    script_first = view.reveal is not None and view.script  # said before the answers are read: above them
    if script_first:
        parts.append(Text(view.script))
    if view.reveal is not None:
        parts += reveal(view)
    if view.step_type == "continuation":  # the decision first; the script was said before choosing
        parts += choices(view)
    if view.round:  # above the script: read once, while whose turn it is matters all through the round
        parts.append(speakers(view))
    if view.script and not script_first:
        parts.append(Text(view.script))
    if view.prompts:
        parts.append(Text("\n".join(f"• {p}" for p in view.prompts), style="bold"))
    spaced: list[Any] = []
    for part in parts:
        spaced += [part, Text("")]
    return Group(*spaced)


def roleplay(view: RoomView) -> list[Any]:
    """The round, the swap, who plays what in every trio, the situation and what observers watch for."""
    from rich.table import Table

    play = view.roleplay
    heading = gettext("Your trios: who starts where") if play.forming \
        else gettext("Round %(n)s of %(total)s") % {"n": play.round, "total": play.rounds}
    out: list[Any] = [Text(heading, style="bold")]
    if play.swap:
        moves = "  ·  ".join(f"{a} → {b}" for a, b in play.moves)
        out.append(Text("  ⇄  " + gettext("SWAP ROLES NOW") + f"  ·  {moves}  ", style="bold reverse"))
    if play.cast:
        table = Table(box=None, pad_edge=False, header_style="bold underline", expand=True)
        table.add_column(gettext("Trio"), no_wrap=True)
        for role in play.roles:
            table.add_column(Text(role), ratio=2)
        for number, cells in enumerate(play.cast, 1):
            table.add_row(str(number), *(Text(c or "—") for c in cells))
        out.append(table)
    if play.situation:
        out.append(Text.assemble((play.situation_title + "\n", "bold underline"), play.situation))
    if not play.forming:
        for role, items in play.checklists:
            out.append(Text.assemble((gettext("%(role)s checklist") % {"role": role} + "\n", "bold underline"),
                                     "\n".join(f"☐ {i}" for i in items)))
    return out


def reveal(view: RoomView) -> list[Any]:
    from rich.table import Table

    shown = view.reveal
    if not shown.rows:
        return [Text(gettext("Nothing to reveal yet."), style="dim")]
    table = Table(box=None, pad_edge=False, header_style="bold underline", expand=True)
    table.add_column(gettext("Code"), style="bold", no_wrap=True)
    table.add_column(gettext("Item"), ratio=1)  # the item takes what the answers leave: fewer rows to read
    for name in shown.people:
        table.add_column(name, max_width=40)
    table.add_column(gettext("Gap"), no_wrap=True)
    words = Text()
    for row in shown.rows:
        if row.in_full:
            words.append(f"{row.code}  {row.text}\n", style="bold")
            for name, cell in zip(shown.people, row.cells):
                if cell:
                    words.append(f"  {name}: ", style="bold")
                    words.append(f"{cell}\n")
            continue
        gap = Text("" if row.gap is None else (gettext("gap %(n)s") % {"n": row.gap} if row.gap >= 2 else str(row.gap)),
                   style="bold reverse" if row.gap and row.gap >= 2 else "")
        table.add_row(row.code, row.text, *row.cells, gap)
    out: list[Any] = [table] if table.row_count else []
    if view.patterns:  # what the pair agreed they heard: near the top, not below every answer
        out.append(Text.assemble((gettext("Patterns we named") + "\n", "bold underline"),
                                 "\n".join(f"✔ {name}" for name in view.patterns)))
    out.append(words)
    return out


def choices(view: RoomView) -> list[Any]:
    """Before the reveal, only that choices stay hidden; after it, the banner (a split, a rematch,
    an early end) and each question with everyone's answer side by side."""
    from rich.table import Table

    shown = view.decision
    if shown is None:
        return [Text(gettext("Nobody sees a choice until everyone has chosen; then all of them show here together."),
                     style="bold")]
    out: list[Any] = [Text(f"  {line}  ", style="bold reverse") for line in shown.banner]
    for row in shown.rows:
        columns = [i for i, cell in enumerate(row.cells) if cell]
        table = Table(box=None, pad_edge=False, header_style="bold underline", expand=True,
                      title=Text.assemble((f"{row.code}  {row.text}", "bold"),
                                          ("  " + gettext("split decision") if row.split else "", "bold reverse")),
                      title_justify="left")
        for i in columns:
            table.add_column(shown.people[i], ratio=1, overflow="fold")
        table.add_row(*(Text(row.cells[i] + (" ✱" if row.late[i] else ""),
                             style="bold reverse" if row.flagged[i] else "bold" if row.split else "")
                        for i in columns))
        out.append(table)
    if shown.any_late:
        out.append(Text("✱ " + gettext("entered after the choices were shown"), style="italic"))
    return out


def speakers(view: RoomView) -> Text:
    """The order of turns and whose it is; the turn's time is the big clock's (`heading`)."""
    rnd = view.round
    text = Text()
    if rnd.parts:
        text.append(gettext("Part by part, each with its own time") + "\n", style="bold")
    else:
        minutes = rnd.speaker_minutes
        text.append(gettext("Each speaker: %(minutes)s, in this order") % {"minutes": minutes_text(minutes)} + "\n",
                    style="bold")
        if rnd.absent:
            text.append(gettext("Not here today: %(names)s") % {"names": ", ".join(rnd.absent)} + "\n", style="italic")
    for i, name in enumerate(rnd.speakers):
        label = f"{minutes_label(rnd.minutes[i])}  {name}" if rnd.parts else name
        if i != rnd.current:
            done = rnd.current is None or i < rnd.current
            text.append(f"{'✓' if done else ' '} {label}\n", style="dim" if done else "")
            continue
        text.append(f"▶ {label}  ← " + (gettext("now") if rnd.parts else gettext("speaking now")) + "\n", style="bold reverse")
        if rnd.say:
            text.append(f"  {rnd.say}\n", style="bold")
    if rnd.current is None:
        text.append((gettext("Every part is done.") if rnd.parts else gettext("Everyone has spoken.")) + "\n", style="bold")
    text.rstrip()  # the stage spaces its parts itself
    return text


def build_room(workspace: Workspace, *, run_id: str | None = None, clock: Callable[[], float] = time.time,
               high_contrast: bool = False, poll_seconds: float = POLL_SECONDS) -> RoomApp:
    """The one factory for `facilitator present` and the tests."""
    return RoomApp(workspace, run_id=run_id, clock=clock, high_contrast=high_contrast, poll_seconds=poll_seconds)
