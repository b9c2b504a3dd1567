"""Who is looking at a run: the facilitator, the room, or one participant.

Visibility is decided for a typed viewer, never for a string: a person whose id is
`shared` or `facilitator` is PersonViewer("shared"), which cannot be mistaken for the room.
The engine decides what each viewer may see (`RunEngine.may_see`); this module only names them.
"""

from __future__ import annotations

from dataclasses import dataclass

@dataclass(frozen=True)
class Viewer:
    def sees_all_of(self, person: str) -> bool:
        """Everything `person` wrote, hidden and private answers too?"""
        return False


@dataclass(frozen=True)
class FacilitatorViewer(Viewer):
    """The facilitator's own copy: everything, private answers and notes too."""

    def sees_all_of(self, person: str) -> bool:
        return True


@dataclass(frozen=True)
class RoomViewer(Viewer):
    """A shared screen or a shared document: what everyone in the room may see."""


@dataclass(frozen=True)
class PersonViewer(Viewer):
    """One participant, behind the curtain: all of their own, and what is revealed of others'."""

    person: str

    def sees_all_of(self, person: str) -> bool:
        return person == self.person


FACILITATOR = FacilitatorViewer()
ROOM = RoomViewer()
SHARED = ROOM  # shared screens and shared documents are the room's


def checked(viewer: Viewer) -> Viewer:
    if not isinstance(viewer, Viewer):
        raise TypeError(f"a viewer is FACILITATOR, ROOM or PersonViewer(person), not {viewer!r}")
    return viewer
