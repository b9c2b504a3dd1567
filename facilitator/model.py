"""The session-definition model: what a session TOML file may say.

(No `from __future__ import annotations` in the model modules: msgspec would have to
compile every annotation string at start-up, which costs more than the rest of a command.)

msgspec does the type checking (strict structs, unknown keys refused, tagged unions for
step and question types); `facilitator.definitions` adds the cross-references it cannot
see (role ids, step references, duplicate codes) and turns errors into friendly lines.
"""


import math
from typing import Annotated, Literal, Union

import msgspec
from msgspec import Meta, field

from facilitator import ids

Id = Annotated[str, Meta(pattern=ids.DEFINITION_ID, description=ids.DESCRIPTION)]
Code = Annotated[
    str,
    Meta(pattern=r"^[A-Z][A-Z0-9]*(-[A-Z0-9]+)*$", description="question code printed on paper, e.g. M-R2"),
]
Measure = Annotated[str, Meta(pattern=r"^[a-z][a-z0-9_]*$", description="what the question measures, e.g. cadence_fit")]
# Minutes may be fractional (a Troika's 1.5-minute part, a 90-second turn) in half minutes:
# finer than that no facilitator times by hand, and 1.25 is more likely a typo than a plan.
def minutes(low: float, high: float) -> object:
    """Whole minutes, or fractional in steps of 0.5 (a whole number stays an int, so 5 reads "5")."""
    return Union[Annotated[int, Meta(ge=math.ceil(low), le=int(high))],
                 Annotated[float, Meta(ge=low, le=high, multiple_of=0.5, description="minutes in steps of 0.5 (1.5 = 90 s)")]]


Minutes = minutes(0, 600)
Text = Annotated[str, Meta(min_length=1, pattern=r"\S")]  # spaces alone are no text

KINDS = ("expectations", "midpoint", "roleplay", "cohort", "closing", "custom")
Kind = Literal["expectations", "midpoint", "roleplay", "cohort", "closing", "custom"]
Audience = Literal["pair", "cohort", "workshop"]
Show = Literal["agreement", "agreement_history", "commitments"]

AGREE_LOW = "Strongly disagree"
AGREE_HIGH = "Strongly agree"


class Strict(msgspec.Struct, forbid_unknown_fields=True, kw_only=True, omit_defaults=True):
    """The base of every file format facilitator reads: unknown keys are refused, defaults not written."""




# ---------------------------------------------------------------- questions


class Scale(Strict, kw_only=True):
    """A labelled rating scale; 1-5 from "Strongly disagree" to "Strongly agree" unless set."""

    min: Annotated[int, Meta(ge=0, le=10)] = 1
    max: Annotated[int, Meta(ge=1, le=10)] = 5
    low: Text = AGREE_LOW
    high: Text = AGREE_HIGH
    labels: list[Text] = field(default_factory=list)


class _Question(Strict, tag_field="type", kw_only=True):
    code: Code
    text: Text
    roles: list[Id] = field(default_factory=list)
    measure: Measure | None = None
    private: bool = False
    term: Id | None = None
    commitment: bool = False
    help: str = ""
    was: list[Code] = field(default_factory=list)  # old codes: answers a record holds under them read as this one


class TextQuestion(_Question, tag="text", kw_only=True):
    lines: Annotated[int, Meta(ge=1, le=40)] = 4


class RatingQuestion(_Question, tag="rating", kw_only=True):
    scale: Scale = field(default_factory=Scale)


class ChoiceQuestion(_Question, tag="choice", kw_only=True):
    options: Annotated[list[Text], Meta(min_length=2)]


class MultiQuestion(_Question, tag="multi", kw_only=True):
    options: Annotated[list[Text], Meta(min_length=2)]


class YesNoQuestion(_Question, tag="yesno", kw_only=True):
    pass


class ListQuestion(_Question, tag="list", kw_only=True):
    items: Annotated[int, Meta(ge=1, le=20)] = 3


class TableQuestion(_Question, tag="table", kw_only=True):
    columns: Annotated[list[Text], Meta(min_length=1, max_length=8)]
    rows: Annotated[int, Meta(ge=1, le=30)] = 4


class CountQuestion(_Question, tag="count", kw_only=True):
    max: Annotated[int, Meta(ge=1)] = 999


class DateQuestion(_Question, tag="date", kw_only=True):
    """A calendar date (a deadline, the next meeting), answered as an ISO date: 2026-12-01."""


class NumberQuestion(_Question, tag="number", kw_only=True):
    """A number with up to `decimals` places (hours a week, a share); `unit = "%"` with 0-100 is a percentage."""

    min: float | None = None
    max: float | None = None
    decimals: Annotated[int, Meta(ge=0, le=3)] = 0
    unit: Annotated[str, Meta(max_length=20)] = ""


Question = Union[
    TextQuestion,
    RatingQuestion,
    ChoiceQuestion,
    MultiQuestion,
    YesNoQuestion,
    ListQuestion,
    TableQuestion,
    CountQuestion,
    DateQuestion,
    NumberQuestion,
]

# ---------------------------------------------------------------- steps


class Phase(Strict, kw_only=True):
    """A timed part of a step, e.g. the four moves of a Troika consult."""

    title: Text
    minutes: Minutes
    say: str = ""


class _Step(Strict, tag_field="type", kw_only=True):
    id: Id
    title: Text
    minutes: Minutes
    say: str = ""
    notes: str = ""
    materials: list[str] = field(default_factory=list)
    show: list[Show] = field(default_factory=list)
    phases: list[Phase] = field(default_factory=list)
    present: list[Id] = field(default_factory=list)  # the roles in the room for this step; unset: everyone


class TalkStep(_Step, tag="talk", kw_only=True):
    pass


class ReflectionStep(_Step, tag="reflection", kw_only=True):
    roles: list[Id] = field(default_factory=list)
    questions: Annotated[list[Question], Meta(min_length=1)]


class RevealStep(_Step, tag="reveal", kw_only=True):
    reveals: Annotated[list[Id], Meta(min_length=1)]


class _AskingStep(_Step, kw_only=True):
    """A step that may put questions to some of the roles (all answering roles when unset)."""

    roles: list[Id] = field(default_factory=list)
    questions: list[Question] = field(default_factory=list)


class DiscussionStep(_AskingStep, tag="discussion", kw_only=True):
    prompts: list[str] = field(default_factory=list)


class AgreementStep(_AskingStep, tag="agreement", kw_only=True):
    actions: bool = True


class RoleplayStep(_AskingStep, tag="roleplay", kw_only=True):
    """A round: each trio plays it; its questions go to whoever plays the role asked this round."""

    round: Annotated[int, Meta(ge=1, le=10)] = 1
    swap: bool = False


class RoundPart(Strict, kw_only=True):
    """One timed part of a round the whole room goes through together (a Troika's client,
    questions, consultants, reflection); minutes may be fractional (1.5)."""

    title: Text
    minutes: minutes(0.5, 60)
    say: str = ""


class TriosStep(_Step, tag="trios", kw_only=True):
    """Forming the role-play trios: the assignment on screen, to shuffle again or change."""


class RoundRobinStep(_AskingStep, tag="round_robin", kw_only=True):
    """Each member here in turn, or (with `parts`) one timed part after another; each turn has its own clock."""

    speaker_minutes: minutes(0.5, 60) = 3
    prompts: list[str] = field(default_factory=list)
    parts: list[RoundPart] = field(default_factory=list)


class ClosingStep(_AskingStep, tag="closing", kw_only=True):
    pass


class ContinuationStep(_AskingStep, tag="continuation", kw_only=True):
    """Each party chooses alone how to go on; the choices stay sealed until everyone asked has
    chosen, then show side by side on this same step."""

    flag: list[Text] = field(default_factory=list)  # choices nobody may miss (a rematch, an early end)


Step = Union[
    TalkStep,
    ReflectionStep,
    RevealStep,
    DiscussionStep,
    AgreementStep,
    RoleplayStep,
    TriosStep,
    RoundRobinStep,
    ClosingStep,
    ContinuationStep,
]

STEP_TYPES = tuple(cls.__struct_config__.tag for cls in Step.__args__)
ANSWER_TYPES = tuple(cls.__struct_config__.tag for cls in Question.__args__)

# ---------------------------------------------------------------- session


class Role(Strict, kw_only=True):
    id: Id
    name: Text
    brief: str = ""
    checklist: list[Text] = field(default_factory=list)
    answers: bool = True
    guest: bool = False  # a third party in a pair run (a sponsor, a stakeholder), named when the run starts


class Scenario(Strict, kw_only=True):
    situation: Text
    title: str = ""


class Session(Strict, kw_only=True):
    id: Id
    title: Text
    kind: Kind
    purpose: Text
    minutes: minutes(1, 1440)
    audience: Audience = "pair"
    roles: Annotated[list[Role], Meta(min_length=1)]
    scenario: Scenario | None = None
    steps: Annotated[list[Step], Meta(min_length=1)]
    # the language of the session's paper and room view (a tag: de, es, pt-BR); unset: the
    # `language` setting, else English (facilitator/i18n.py)
    language: Annotated[str, Meta(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")] | None = None

    # ---- conveniences the engine, printing and app share
    def role(self, role_id: str) -> Role:
        return next(r for r in self.roles if r.id == role_id)

    def role_word(self, role_id: str) -> str:
        """The role as a sentence names it ("the reverse mentor"); an id the session lacks as it is."""
        return next((r.name.lower() for r in self.roles if r.id == role_id), role_id)

    def questions(self) -> list[tuple[Step, Question]]:
        return [(s, q) for s in self.steps for q in getattr(s, "questions", ())]

    def question(self, code: str) -> Question | None:
        return next((q for _, q in self.questions() if q.code == code), None)

    def current_code(self, code: str, role: str | None = None) -> str:
        """The code a question has now, for a code it had before (`was`); any other code as it is.
        An old code split by role (one question per role) goes to the one `role` answers."""
        if self.question(code) is not None:
            return code
        renamed = [(s, q) for s, q in self.questions() if code in q.was]
        mine = [q for s, q in renamed if role is None or role in self.answering_roles(s, q)]
        return (mine or [q for _, q in renamed] or [None])[0].code if renamed else code

    def answering_roles(self, step: Step, question: Question) -> list[str]:
        """Who answers this question: its own roles, else the step's, else every answering role."""
        if question.roles:
            return list(question.roles)
        if getattr(step, "roles", None):
            return list(step.roles)
        return [r.id for r in self.roles if r.answers and self.is_present(step, r.id)]

    def is_present(self, step: Step, role_id: str) -> bool:
        """Is the role in the room for this step? A step that names nobody has everyone."""
        return not step.present or role_id in step.present

    def questions_for(self, role_id: str) -> list[tuple[Step, Question]]:
        return [(s, q) for s, q in self.questions() if role_id in self.answering_roles(s, q)]


def step_type(step: Step) -> str:
    return step.__struct_config__.tag


def answer_type(question: Question) -> str:
    return question.__struct_config__.tag
