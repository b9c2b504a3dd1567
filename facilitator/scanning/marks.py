"""What the ink in a question's boxes means, or that it cannot be told: never a guess.

A row of boxes (a rating, a choice, yes/no) reads as one answer only when exactly one box
holds a clear mark and every other is clean. Two marks, a mark beside a faint stroke, a
crossed-out mark beside a new one, a stroke too faint to count: each is uncertain, said in
words ("marks in 2 and 4"), and left unanswered until the facilitator confirms it.
Tick boxes (several may apply) are read one by one by the same measure.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from facilitator import model

@dataclass
class Box:
    code: str
    index: int  # which of the question's boxes, in printed order
    fill: float  # how much of the box's inside is ink, 0..1 (its printed parts left out)
    tone: float  # how dark that ink is, 0..1: a pen is dark, a light pencil stroke is not
    trace: float = 0.0  # the share of the box touched by anything at all, however light


MARK = 0.035  # a box this full of ink holds a mark: a tick or a cross through a ring, a filled circle
TRACE = 0.006  # below this a box is clean; between the two, something is there that is not a clear mark
FAINT = 0.45  # ink this light (a pencil pressed softly) is not taken as a mark on its own
TOUCHED = 0.02  # a box this much touched by even the lightest stroke is not clean


@dataclass
class Reading:
    code: str
    status: str  # "clear" (value read), "blank" (nothing marked), "uncertain" (to confirm), "write" (a crop)
    value: Any = None
    seen: str = ""  # what was on the paper, in words, for an uncertain one
    confidence: float = 1.0  # 0..1: how far the ink was from the thresholds that decide
    options: list[str] | None = None  # what each box means, for the one-key confirmation
    crop: str = ""  # a write-in box's image, saved with the run

    @property
    def settled(self) -> bool:
        return self.status in ("clear", "blank")


def labels(q: model.Question) -> list[str]:
    """What each of a question's boxes stands for, in printed order."""
    kind = model.answer_type(q)
    if kind == "rating":
        return [str(n) for n in range(q.scale.min, q.scale.max + 1)]
    if kind == "yesno":
        return ["yes", "no"]
    return list(q.options)


def value_of(q: model.Question, chosen: list[int]) -> Any:
    """The answer boxes stand for, as the engine takes it."""
    kind = model.answer_type(q)
    if kind == "multi":
        return [q.options[i] for i in chosen]
    if not chosen:
        return None
    i = chosen[0]
    if kind == "rating":
        return q.scale.min + i
    if kind == "yesno":
        return i == 0
    return q.options[i]


def _level(box: Box) -> str:
    if box.fill >= MARK and box.tone >= FAINT:
        return "mark"
    if box.fill >= TRACE or box.trace >= TOUCHED:
        return "faint" if box.fill >= MARK else "trace"
    return "clean"


def read_question(q: model.Question, boxes: list[Box]) -> Reading:
    names = labels(q)
    boxes = sorted(boxes, key=lambda b: b.index)
    if len(boxes) != len(names):
        return Reading(q.code, "uncertain", seen=f"{len(boxes)} boxes found for {len(names)} options",
                       confidence=0.0, options=names)
    levels = [_level(b) for b in boxes]
    margin = min(min(abs(b.fill - MARK), abs(b.fill - TRACE)) / MARK for b in boxes)
    confidence = round(min(1.0, margin), 2)
    marked = [i for i, lv in enumerate(levels) if lv == "mark"]
    unclear = [i for i, lv in enumerate(levels) if lv in ("faint", "trace")]
    if model.answer_type(q) == "multi":
        if unclear:
            return Reading(q.code, "uncertain", seen=_words(names, marked, unclear, boxes), confidence=confidence,
                           options=names)
        return Reading(q.code, "clear" if marked else "blank", value_of(q, marked) if marked else None,
                       confidence=confidence, options=names)
    if not marked and not unclear:
        return Reading(q.code, "blank", confidence=confidence, options=names)
    if len(marked) == 1 and not unclear:
        return Reading(q.code, "clear", value_of(q, marked), confidence=confidence, options=names)
    return Reading(q.code, "uncertain", seen=_words(names, marked, unclear, boxes), confidence=confidence,
                   options=names)


def _words(names: list[str], marked: list[int], unclear: list[int], boxes: list[Box]) -> str:
    """What was seen, as the facilitator would check it on the paper."""
    def listed(indexes: list[int]) -> str:
        shown = [names[i] for i in indexes]
        return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " and " + shown[-1]

    parts = []
    if len(marked) > 1:
        parts.append(f"marks in {listed(marked)}")
    elif marked:
        parts.append(f"a mark in {listed(marked)}")
    light = [i for i in unclear if boxes[i].fill >= MARK]  # plenty of ink, but light: a pencil, pressed softly
    small = [i for i in unclear if boxes[i].fill < MARK]
    if light:
        parts.append(f"a faint stroke in {listed(light)}")
    if small:
        parts.append(f"a small stroke in {listed(small)}")
    return "; ".join(parts)
