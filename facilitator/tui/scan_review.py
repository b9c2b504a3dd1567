"""The scan review: what `facilitator scan` read from each person's sheet, the marks it would
not guess at (each confirmed with one key: the box's number, or 0 for "leave it blank"),
and each write-in box's image beside its question: drawn in the terminal by textual-image
(sharp where the terminal speaks Sixel or Kitty's protocol, in coarse half-cell blocks
elsewhere, e.g. inside tmux), and opened in the system's image viewer with `o`, which reads
handwriting everywhere a desktop does.
"""

from __future__ import annotations

import shutil
import subprocess
from typing import Any

from rich.markup import escape
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from facilitator.engine import RunEngine, Sealed
from facilitator.i18n import N_, gettext
from facilitator.scanning.into_run import confirm, pending
from facilitator.tui.images import picture
from facilitator.tui.keys import KeysFooter
from facilitator.tui.modals import Confirm


class ScanReview(Screen):
    BINDINGS = [
        Binding("escape", "dismiss", N_("Back"), tooltip=N_("back to the run")),
        *[Binding(str(n), f"choose({n})", show=False, tooltip=f"confirm the mark as box {n}") for n in range(1, 10)],
        Binding("0", "choose(0)", N_("Leave blank"), key_display="0", tooltip=N_("confirm the question was left blank")),
        Binding("o", "open_image", N_("Open image"), tooltip=N_("open the write-in box's image in your image viewer")),
    ]

    def __init__(self, engine: RunEngine) -> None:
        super().__init__()
        from dataclasses import replace

        from facilitator.tui.keys import translate

        translate(self)
        box = gettext("confirm the mark as box %(n)s")  # one line in the catalogue for the nine digit keys
        bindings = self._bindings.key_to_bindings
        for n in range(1, 10):
            bindings[str(n)] = [replace(b, tooltip=box % {"n": n}) for b in bindings.get(str(n), [])]
        self.engine = engine
        self.items: dict[str, tuple[str, dict[str, Any]]] = {}  # option id -> (person, reading)

    def compose(self) -> ComposeResult:
        yield Static("", id="scan-title")
        with Horizontal():
            yield OptionList(id="scan-items")
            with Vertical(id="scan-side"):
                yield Static("", id="scan-detail")
                yield Vertical(id="scan-picture")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.styles.layout = "vertical"
        self.query_one("#scan-items").styles.width = "1fr"
        self.query_one("#scan-side").styles.width = "1fr"
        self.query_one("#scan-detail").styles.padding = (0, 2)
        self.query_one("#scan-detail").styles.height = "auto"
        self.query_one("#scan-picture").styles.padding = (1, 2, 0, 2)
        self.draw()

    def draw(self) -> None:
        kept = pending(self.engine.workspace, self.engine.record.id).get("sheets", {})
        names = self.engine.workspace.program()
        title = self.query_one("#scan-title", Static)
        options: list[Option] = []
        self.items = {}
        to_confirm = 0
        for person, sheet in kept.items():
            readings = sheet["readings"]
            read = sum(r["status"] == "clear" for r in readings)
            open_ = [r for r in readings if r["status"] == "uncertain"]
            to_confirm += len(open_)
            writes = [r for r in readings if r["status"] == "write"]
            options.append(Option(f"{escape(names.name_of(person))} ({escape(gettext(sheet['role']))}): "
                                  + gettext("%(read)s read, %(open)s to confirm, %(writes)s write-in")
                                  % {"read": read, "open": len(open_), "writes": len(writes)}, disabled=True))
            for r in open_ + writes:
                key = f"{person}:{r['code']}"
                self.items[key] = (person, r)
                mark = "?" if r["status"] == "uncertain" else "✎"
                what = escape(r["seen"]) if r["status"] == "uncertain" else gettext("written in: image")
                options.append(Option(f"  {mark} {r['code']}  {what}", id=key))
        title.update("[b]" + gettext("Scanned sheets") + "[/b] · " + gettext("run %(run)s") % {"run": escape(self.engine.record.id)}
                     + " · " + (gettext("%(n)s mark(s) to confirm") % {"n": to_confirm} if to_confirm
                                else gettext("nothing left to confirm"))
                     if kept else "[b]" + gettext("Scanned sheets") + "[/b] · "
                     + gettext("none yet: `facilitator scan RUN FILES...` reads them"))
        items = self.query_one("#scan-items", OptionList)
        items.clear_options()
        items.add_options(options)
        # the first mark still to confirm, else the first write-in box: what there is to do next
        doubts = [n for n, o in enumerate(options) if o.id and self.items[o.id][1]["status"] == "uncertain"]
        first = doubts[0] if doubts else next((n for n, o in enumerate(options) if not o.disabled), None)
        if first is not None:
            items.highlighted = first
        items.focus()
        self.show_detail()

    def current(self) -> tuple[str, dict[str, Any]] | None:
        items = self.query_one("#scan-items", OptionList)
        if items.highlighted is None:
            return None
        option = items.get_option_at_index(items.highlighted)
        return self.items.get(option.id or "")

    def on_option_list_option_highlighted(self, _: OptionList.OptionHighlighted) -> None:
        self.show_detail()

    def show_detail(self) -> None:
        detail = self.query_one("#scan-detail", Static)
        frame = self.query_one("#scan-picture", Vertical)
        frame.remove_children()
        found = self.current()
        if found is None:
            detail.update("")
            return
        person, r = found
        question = next((q for _, q in self.engine.quoted_session().questions() if q.code == r["code"]), None)
        text = escape(" ".join(question.text.split())) if question is not None else ""
        lines = [f"[b]{escape(r['code'])}[/b] {text}", ""]
        if r["status"] == "uncertain":
            lines += [gettext("On the paper: %(seen)s") % {"seen": escape(r["seen"])}, "",
                      gettext("Confirm what it says, one key:")]
            lines += [f"  {n}  {escape(str(label))}" for n, label in enumerate(r.get("options") or [], 1)]
            lines += ["  0  " + gettext("leave it blank")]
        else:
            shown = picture(r["crop"], max(10, frame.content_size.width), max(3, frame.content_size.height)) \
                if r.get("crop") else None
            if shown is not None:
                frame.mount(shown)
            lines += [gettext("Image: %(path)s") % {"path": escape(r.get("crop") or gettext("not kept"))}, "",
                      "o  " + gettext("open it in your image viewer, then type the answer with e (Answers) on the run screen")]
        detail.update("\n".join(lines))

    def action_choose(self, n: int) -> None:
        found = self.current()
        if found is None or found[1]["status"] != "uncertain":
            self.notify(gettext("Choose a mark to confirm first (the ones marked ?)"), severity="warning")
            return
        person, r = found
        options = r.get("options") or []
        if n > len(options):
            self.notify(gettext("%(code)s has %(n)s boxes: press 1 to %(n)s, or 0 for blank")
                        % {"code": r["code"], "n": len(options)}, severity="warning")
            return
        value = None if n == 0 else self._value(r["code"], n - 1)
        try:
            confirm(self.engine.workspace, self.engine, person, r["code"], value)
        except Sealed:
            def late(yes: bool | None) -> None:
                if yes:
                    confirm(self.engine.workspace, self.engine, person, r["code"], value, late=True)
                    self.draw()

            self.app.push_screen(Confirm(gettext("%(code)s was already revealed. Enter it as late?") % {"code": r["code"]},
                                         gettext("enter it, marked late"), gettext("leave it unanswered")), late)
            return
        self.notify(f"{r['code']}: " + (gettext("left blank") if value is None else str(value)), timeout=3)
        self.draw()

    def _value(self, code: str, index: int) -> Any:
        from facilitator.scanning.marks import value_of

        question = next(q for _, q in self.engine.session.questions() if q.code == code)
        return value_of(question, [index])

    def action_open_image(self) -> None:
        found = self.current()
        crop = found[1].get("crop") if found else ""
        if not crop:
            self.notify(gettext("Choose a write-in box (the ones marked ✎) first"), severity="warning")
            return
        viewer = shutil.which("xdg-open") or shutil.which("open")
        if viewer is None:
            self.notify(gettext("No image viewer here; the image is %(path)s") % {"path": crop}, timeout=10)
            return
        subprocess.Popen([viewer, crop], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
