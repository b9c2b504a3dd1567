"""The run engine's rounds and role-play casting: whose turn it is, who is in which trio,
who plays what in each round, and the observer's ticks.

A mixin of `engine.RunEngine` (it uses the engine's step, clock and save methods), kept
apart so the engine reads in one sitting; everything here changes the record only through
the engine's `_change`/`_save`, like every other change.
"""

from __future__ import annotations

from facilitator import model, presentation, rounds, trios
from facilitator.errors import UserError
from facilitator.i18n import gettext
from facilitator.records import Floor, Ticks, Trio
from facilitator.validation import did_you_mean
from facilitator.values import BadValue


class Casting:
    """Rounds and trios, for `RunEngine`."""

    # ------------------------------------------------------------ rounds (facilitator.rounds)

    def floor(self, step: int | str | None = None) -> rounds.Floor:
        """Whose turn it is in a round step, and their turn's clock."""
        step_def = self._step(step)
        if not isinstance(step_def, model.RoundRobinStep):
            raise UserError(gettext("“%(step_def)s” is not a round") % {"step_def": step_def.title})
        t = self._timer(step_def.id)
        kept = next((f for f in self.record.floors if f.step == step_def.id), None)
        return rounds.floor(step_def, kept, self.present(), self.elapsed(step_def.id), self.allowed(step_def.id),
                            bool(t and t.running_since))

    def next_speaker(self) -> rounds.Floor:
        """The floor to the next in this round; after the last, the round is over."""
        now = self.floor()
        if now.over:
            raise UserError(gettext("everyone in this round has had their turn"))
        following = now.current + 1
        if following < len(now.turns):
            return self.set_speaker(now.turns[following].key)
        return self._keep_floor(Floor(step=self.step.id, over=True))

    def set_speaker(self, key: str) -> rounds.Floor:
        """Give the floor to `key` (a person here, or a part's number); their clock starts from now."""
        keys = [t.key for t in self.floor().turns]
        if key not in keys:
            raise UserError(gettext("`%(key)s` has no turn in this round%(hint)s")
                    % {"key": key, "hint": did_you_mean(key, keys)})
        return self._keep_floor(Floor(step=self.step.id, speaker=key, since=self.elapsed()))

    def _keep_floor(self, kept: Floor) -> rounds.Floor:
        self._change()
        self.record.floors = [f for f in self.record.floors if f.step != kept.step] + [kept]
        self._save()
        return self.floor()

    # ------------------------------------------------------------ role-play trios
    #
    # Who is in which trio is the record's; who plays what in a round follows from the seat
    # order (facilitator/trios.py). A question in a role-play goes to whoever plays the role
    # it asks this round, so the observer question reaches only that round's observers.

    def _cast_by_trios(self) -> bool:
        return self.session.kind == "roleplay" and bool(self.record.trios)

    def present(self) -> list[str]:
        """Who takes part today: the attendance if taken, else everyone in the run (each once)."""
        return presentation.present(self.record)

    def trio_of(self, person: str) -> int | None:
        """The number (1 on) of the trio `person` is in; None when they are in none (absent)."""
        return next((i for i, t in enumerate(self.record.trios, 1) if person in t.people), None)

    def step_round(self, step: int | str | model.Step | None = None) -> int:
        """The round a step plays in (a round's own; after it, the last one played)."""
        index = self.index_of(step.id if isinstance(step, model._Step) else step) if step is not None \
            else self.step_index
        return trios.round_of(self.session, index)

    def played_role(self, person: str, step: int | str | model.Step | None = None) -> str | None:
        """The role `person` plays at a step (default: this one); None outside every trio."""
        number = self.trio_of(person)
        if number is None:
            return None
        return trios.role_in_round(self.session, self.record.trios[number - 1].people, person,
                                   self.step_round(step))

    def cast(self, trio: int, step: int | str | model.Step | None = None) -> dict[str, list[str]]:
        """Who plays each role in trio `trio` (1 on) at a step: {role id: [people]}."""
        return trios.cast(self.session, self.record.trios[trio - 1].people, self.step_round(step))

    def _played_for(self, person: str, step: model.Step, code: str, roles: list[str]) -> str:
        played = self.played_role(person, step)
        if played in roles:
            return played
        name = self.workspace.program().name_of(person)
        asked = " or ".join(self.session.role(r).name for r in roles)
        plays = f"plays the {self.session.role(played).name}" if played else "is in no trio"
        raise BadValue(f"{code}: asked of the {asked} in round {self.step_round(step)}; {name} {plays}")

    def _trios_fixed(self) -> None:
        self._change()
        if self.record.ticks or self.record.entries:
            raise UserError(gettext("the trios are set: the rounds have ticks or answers stored under "
                                    "them; change who is where before the first round is played"))

    def deal_trios(self, seed: int | None = None) -> None:
        """Shuffle the people present into trios again (a new seed unless one is given)."""
        self._trios_fixed()
        if seed is None:
            seed = (self.record.trio_seed * 7919 + 104729) % 1_000_000  # the next shuffle, never the same one
        self.record.trio_seed = seed
        self.record.trios = [Trio(people=g) for g in trios.deal(self.present(), seed)]
        self._save()

    def swap_seats(self, person: str, other: str) -> None:
        """Two people change places (trio and seat): how the facilitator chooses who plays what."""
        self._trios_fixed()
        seats = {p: (i, t.people.index(p)) for i, t in enumerate(self.record.trios) for p in t.people}
        for who in (person, other):
            self.participant(who)
            if who not in seats:
                raise UserError(gettext("%(name)s is in no trio: mark them present first")
                        % {"name": self.workspace.program().name_of(who)})
        (i, a), (j, b) = seats[person], seats[other]
        self.record.trios[i].people[a], self.record.trios[j].people[b] = other, person
        self._save()

    def set_present(self, person: str, present: bool) -> None:
        """Mark someone here or away; the trios are dealt again, with the same seed, for who is here."""
        self._trios_fixed()
        self.participant(person)
        here = [p for p in self.present() if p != person] + ([person] if present else [])
        if not here:
            raise UserError(gettext("someone has to be here to play: at least one person stays present"))
        everyone = list(dict.fromkeys(p.person for p in self.record.participants))
        self.record.attendance = [] if set(here) == set(everyone) else [p for p in everyone if p in here]
        self.record.trios = [Trio(people=g) for g in trios.deal(self.present(), self.record.trio_seed)]
        self._save()

    def checklist(self) -> list[str]:
        _, watching = trios.playing_roles(self.session)
        return list(self.session.role(watching).checklist)

    def ticked(self, trio: int, round_no: int | None = None) -> list[str]:
        round_no = round_no or self.step_round()
        return next((list(t.ticked) for t in self.record.ticks if (t.trio, t.round) == (trio, round_no)), [])

    def toggle_tick(self, trio: int, item: str, round_no: int | None = None) -> bool:
        """Tick (or untick) a checklist item for a trio's round (default: this step's); True when now ticked."""
        self._change()
        round_no = round_no or self.step_round()
        if not 1 <= trio <= len(self.record.trios):
            raise UserError(gettext("there is no trio %(trio)s; this run has %(count)s")
                    % {"trio": trio, "count": len(self.record.trios)})
        if item not in self.checklist():
            raise UserError(gettext("“%(item)s” is not on the observer checklist") % {"item": item})
        entry = next((t for t in self.record.ticks if (t.trio, t.round) == (trio, round_no)), None)
        if entry is None:
            entry = Ticks(trio=trio, round=round_no)
            self.record.ticks.append(entry)
        now = item not in entry.ticked
        entry.ticked = [i for i in self.checklist() if (i in entry.ticked) != (i == item)]
        self._save()
        return now
