"""A demo workspace a new user can explore: two cohorts, seven pairs, runs in every state.

`create_demo(root)` builds it once (when `root/program.toml` does not exist yet) by
driving the run engine exactly as the app does, so every record, agreement version and
carried commitment is the real thing:

- "Northside Mentoring 2026" with two cohorts;
- `spring` (kicked off 27 weeks ago; midpoint at week 13, closing at week 26), four pairs:
  - every pair: a finished expectations setting (agreement version 1);
  - three pairs: a finished midpoint review (agreement version 2), each showing another
    situation: a perception gap about the meeting rhythm with meetings held well below it
    (helen-tomas, pattern `perception_gap` confirmed), performed agreement (rajesh-lena),
    a healthy pair (grace-wei);
  - grace-wei finished with a closing reflection (ended, completed); rajesh-lena ended
    early at week 21 with a closing reflection: goal met, Lena moves into research;
  - the fourth pair (david-amina): a midpoint left open at the reflection step with only
    the mentor's answers, to resume;
  - two finished cohort meetings; the second reviews the first one's commitments, and
    one mentor reports red at both;
- `autumn` (a twelve-week format kicked off 12 weeks ago; midpoint at week 6, closing at
  week 11), three pairs, each with a finished expectations setting and midpoint; two of
  them finished with a closing reflection (ended, completed), the third closes after the
  mentee's interview, in a few weeks.

So the program report has outcome ratings for both cohorts and pairs that ended early,
completed or are ongoing. Every run is dated when it took place: each gets a clock that
starts at its (local) date and time, relative to today, and moves on a few seconds at
every reading, so agreement versions carry the dates of the runs that made them and the
meeting counts read right against the agreed rhythm. Built the same way on any given day.
The workspace is built in a hidden folder beside `root` and moved into place with
program.toml last, so an interrupted build never looks like a finished demo.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from facilitator.engine import RunEngine
from facilitator.program import Cohort, Pair, Person, Program
from facilitator.workspace import Workspace

PROGRAM_NAME = "Northside Mentoring 2026"
COHORT_ID = "spring"
COHORT_NAME = "Spring cohort"
AUTUMN_ID = "autumn"
AUTUMN_NAME = "Autumn cohort"

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")


def demo_root() -> Path:
    """Where the app keeps its demo workspace: a `demo` folder in the user data folder."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("facilitator", appauthor=False)) / "demo"


def create_demo(root: Path) -> Workspace:
    """The demo workspace at `root`, built first if `root/program.toml` does not exist yet."""
    root = Path(root)
    if (root / "program.toml").exists():
        return Workspace(root)
    root.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{root.name}.building-", dir=root.parent))
    try:
        _build(Workspace(staging), date.today())
        if not (root / "program.toml").exists():  # nobody else finished one meanwhile
            _move_into(staging, root)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return Workspace(root)


def _move_into(staging: Path, root: Path) -> None:
    root.mkdir(parents=True, exist_ok=True)
    for folder in ("agreements", "records"):
        source = staging / folder
        if not source.is_dir():
            continue
        (root / folder).mkdir(exist_ok=True)
        for path in sorted(source.iterdir()):
            os.replace(path, root / folder / path.name)
    os.replace(staging / "program.toml", root / "program.toml")  # last: the demo now exists


# ---------------------------------------------------------------- dates


@dataclass(frozen=True)
class _Dates:
    """A cohort's calendar: its kickoff some weeks before today, and its midpoint and closing weeks."""

    today: date
    weeks_ago: int  # the kickoff
    midpoint: int  # week of the midpoint reviews, counted from the kickoff
    closing: int  # week of the closing sessions

    @property
    def kickoff(self) -> date:
        return self.today - timedelta(weeks=self.weeks_ago)

    def on(self, weeks_after_kickoff: float) -> date:
        return self.kickoff + timedelta(days=round(weeks_after_kickoff * 7))

    def day(self, weeks_after_kickoff: float) -> str:
        d = self.on(weeks_after_kickoff)
        return f"{d.day} {_MONTHS[d.month - 1]} {d.year}"

    def month(self, weeks_after_kickoff: float) -> str:
        d = self.on(weeks_after_kickoff)
        return f"{_MONTHS[d.month - 1]} {d.year}"

    def moment(self, weeks_after_kickoff: float, at: str) -> datetime:
        """Local date and time, `at` weeks after the kickoff (a naive datetime is local time)."""
        return datetime.combine(self.on(weeks_after_kickoff), time.fromisoformat(at))


def _spring(today: date) -> _Dates:
    return _Dates(today, weeks_ago=27, midpoint=13, closing=26)


def _autumn(today: date) -> _Dates:
    return _Dates(today, weeks_ago=12, midpoint=6, closing=11)


# ---------------------------------------------------------------- the story, as data


@dataclass
class _Run:
    mentor: dict[str, Any] = field(default_factory=dict)
    mentee: dict[str, Any] = field(default_factory=dict)
    note: str = ""
    actions: list[tuple[str, str, int, str]] = field(default_factory=list)  # what, who, due (days after run), status
    revised: dict[str, str] = field(default_factory=dict)  # term the mentee rewrote: why it changed
    confirmed: list[str] = field(default_factory=list)
    week: float = 0  # when it took place: weeks after the cohort's kickoff
    at: str = "10:00"  # and the local time it began


@dataclass
class _PairStory:
    id: str
    mentor: tuple[str, str]  # id, name
    mentee: tuple[str, str]
    expectations: _Run
    midpoint: _Run | None  # finished
    open_midpoint: _Run | None = None  # left at the reflection step
    closing: _Run | None = None  # finished
    ending: str = ""  # "completed" or "early", recorded in program.toml with the closing's date


CHECK_IN = [
    "Is our meeting structure working for you?",
    "Is there something you need that we are not getting to?",
    "Is there something I could do differently?",
]


def _helen_tomas(d: _Dates) -> _PairStory:
    cadence_v1 = "Every two weeks, 60 minutes."
    expectations = _Run(
        week=0, at="09:00",
        mentee={
            "E-Q1": "I want to get confident presenting my analysis to people who are not analysts (service "
                    "managers, councillors) and to lead one piece of work from the question to the decision, "
                    "instead of handing over a spreadsheet. By the end I'd like to be seen as someone who owns "
                    "a project, not only someone who runs queries.",
            "E-Q2": "Turning findings into a recommendation. I can build the model; I freeze when someone asks "
                    "\"so what should we do?\"",
            "E-Q5": "I work compressed hours with Fridays off, so Monday to Thursday only. I don't know much "
                    "about how senior people make decisions, so some of my questions will be basic.",
            "E-Q6": "Every two weeks for an hour. In person at first, then video is fine. Early mornings suit "
                    "me best.",
            "E-Q7": "weekly check-in",
            "E-Q9": "I have presented to a decision-making group at least twice, someone acted on my "
                    "recommendation, and I feel less sick beforehand.",
            "E-Q11": "I can show Helen how our team uses open data and the new council dashboards, and what it "
                     "is like to start out in data now: the tools and the job market have changed a lot.",
            "E-P1": "Helen is clearly very busy. I don't want to be a burden, so I might not say anything if "
                    "meetings slip.",
            "E-A1": "Present analysis confidently to non-specialist decision-makers, and lead one project from "
                    "question to decision. First skill gap: turning findings into a clear recommendation.",
            "E-A3": "Monday to Thursday only (compressed hours). About 30 minutes of preparation before each "
                    "meeting. I will ask when I don't understand how a decision gets made.",
            "E-A4": [
                ["Present the bus-stop usage analysis to the transport committee",
                 "Presentation given, and the committee acts on or asks to follow up a recommendation",
                 d.month(17)],
                ["Lead the library opening-hours review from scoping to recommendation",
                 "Scoping note agreed with my manager, final recommendation delivered", d.month(26)],
                ["Build a one-page \"findings to recommendation\" template",
                 "Used on at least three requests", d.month(12)],
            ],
            "E-A5": [
                ["1", "Shadow one of Helen's team presenting a quarterly review", "discovery", d.day(4)],
                ["1", "Dry run of the committee deck with my own team", "practice", d.day(12)],
                ["1", "Committee presentation, debrief with Helen the same week", "feedback", d.day(17)],
                ["2", "Scoping note and stakeholder list for the opening-hours review", "discovery", d.day(8)],
                ["2", "First stakeholder interviews run on my own", "practice", d.day(16)],
                ["2", "Draft recommendation reviewed by Helen and my manager", "feedback", d.day(22)],
                ["3", "Template used on a new request without help", "mastery", d.day(12)],
            ],
            "E-A6": "I have given the committee presentation, led the opening-hours review to a decision, and I "
                    "go into a presentation nervous but prepared instead of dreading it.",
            "E-S1": "Data analyst in the council's performance team, 14 months in. I answer data requests from "
                    "service managers, keep two dashboards running and write the monthly performance pack. "
                    "Managers expect quick numbers. I'm unsure whether I'm allowed to push back on a badly "
                    "framed question or suggest a different analysis.",
            "E-A7": [
                ["Prepare the committee deck", "Tomás", "Helen (review), my team lead", "4 months",
                 "The recommendation gets heard, not just the numbers"],
                ["Set the agenda for each meeting", "Tomás", "Helen", "Ongoing", "Meetings follow my questions"],
                ["Introduce Tomás to someone who presents to boards", "Helen", "", "2 months",
                 "A second view on presenting"],
                ["Scope the opening-hours review", "Tomás", "My manager", "6 months",
                 "The first project I own end to end"],
            ],
            "E-A8": "I decide what I work on and how; Helen advises and challenges. My manager decides my "
                    "workload and which projects I take on. If we disagree or get stuck, we say so at the next "
                    "meeting; if that doesn't help, we ask the programme coordinator for a three-way chat.",
            "E-A9": [
                ["Committee presentation delivered", "x", ""],
                ["Lead the opening-hours review", "x", ""],
                ["Meet someone from Helen's network who presents to boards", "", "x"],
                ["Learn enough Python to automate the monthly pack", "", "x"],
            ],
            "E-A10": "I offer a window into open data and how newer analysts learn and work. I hope to learn how "
                     "senior people make decisions and what they need from analysts.",
            "E-A11": cadence_v1,
            "E-A12": ["In person", "Video call", "Chat"],
            "E-A13": "Whoever needs to move a meeting tells the other by chat at least 24 hours ahead and offers "
                     "two new times in the same week.",
            "E-A14": CHECK_IN,
            "E-A15": f"At our midpoint review, the week of {d.day(d.midpoint)}",
        },
        mentor={
            "E-Q3": "I think Tomás wants to get better at presenting and to be taken more seriously by senior "
                    "managers. Possibly also to work out whether he stays in local government or moves to the "
                    "private sector.",
            "E-Q4": "Twenty years in analytics, the last eight leading teams that present to boards. I can "
                    "review decks, rehearse the hard questions with him, and introduce him to two or three "
                    "people in my network. Realistically an hour every two weeks plus short messages.",
            "E-Q5": "My diary is unpredictable around month-end and quarter-end; meetings may have to move then. "
                    "I don't know local government or its politics well, and I'm no longer hands-on with "
                    "today's tools.",
            "E-Q6": "Every two weeks, an hour. Video is easiest for me; in person once a month if we can.",
            "E-Q8": "occasional message",
            "E-Q9": "Tomás presents something important without me in the room, and tells me afterwards what "
                    "he would do differently before I have to say it.",
            "E-Q10": "How newer analysts learn and which tools they reach for. And how the council actually "
                     "uses data; I only ever see it from the outside.",
            "E-P1": "Quarter-end will be tight in about six weeks. I'll do my best to keep our slots.",
            "E-A2": "Reviews of decks and presentations, rehearsal with hard questions, introductions to two "
                    "people who present to boards. An hour every two weeks plus occasional messages.",
            "E-A3": "Month-end and quarter-end are busy and meetings may have to move then. I don't know local "
                    "government well. Occasional messages between meetings; I reply within two working days.",
            "E-A10": "I offer twenty years of presenting numbers to people who decide. I hope to learn how "
                     "analysts starting out work today, and how the council uses its data.",
        },
        note="Contact between meetings differs: Tomás hoped for a weekly check-in, Helen can offer occasional "
             "messages. Settled on a chat message when something comes up; replies within two working days.",
        actions=[
            ("Book the first three meetings in both diaries", "Tomás", 7, "done"),
            ("Send Tomás the names of two people who present to boards", "Helen", 14, "done"),
        ],
    )
    midpoint = _Run(
        week=d.midpoint, at="09:00",
        mentor={
            "M-W1": "Tomás comes prepared and asks sharp questions. The review of his committee deck went well: "
                    "he rebuilt the whole thing around one recommendation.",
            "M-W2": "Quarter-end squeezed our time and I had to move a couple of meetings, but we always found "
                    "another slot. I'd like to introduce him to more people sooner.",
            "M-R1": 5, "M-R2": 4, "M-R3": 3, "M-R4": 4, "M-R5": 4, "M-R6": 4, "M-R7": 5, "M-R8": 5,
            "M-R9": 4, "M-R10": 4, "M-R11": 4, "M-R12": 2, "M-R13": 5,
            "M-N1": 3, "M-N2": 2,
            "M-C2": "occasional message",
            "M-L1": "How the council's open data portal works, and how much analysis now happens in notebooks. "
                    "He showed me a way to publish a dashboard that my own team now uses.",
            "M-L2": 4,
            "M-P1": "I think it's going well, but I wonder whether Tomás is too polite to tell me when something "
                    "bothers him.",
            "M-K1": "Continue with changes",
            "M-K2": "Protect the slot: put our meetings in the diary up to the closing session so quarter-end "
                    "can't eat them.",
        },
        mentee={
            "M-W1": "When we do meet, the meetings are really useful. The rehearsal with hard questions before "
                    "the committee was the best hour of the programme so far.",
            "M-W2": "We have met twice in three months, plus one fifteen-minute call. Meetings keep moving, "
                    "usually the day before, and then I don't know when the next one is. I stopped preparing "
                    "properly because I wasn't sure the meeting would happen. I didn't say anything because I "
                    "know Helen is busy.",
            "M-R1": 1, "M-R2": 3, "M-R3": 2, "M-R4": 3, "M-R5": 3, "M-R6": 2, "M-R7": 4, "M-R8": 5,
            "M-R9": 4, "M-R10": 4, "M-R11": 3, "M-R12": 1, "M-R13": 5,
            "M-N1": 2, "M-N2": 4,
            "M-C1": "weekly check-in",
            "M-P1": "I didn't want to say it in front of her, but last month I nearly asked for a rematch. I "
                    "think a fixed slot would fix most of it.",
            "M-K1": "Continue with changes",
            "M-K2": "A fixed time that only moves when something is really urgent.",
            "M-A4": "Every two weeks, 60 minutes, in a fixed slot on Tuesdays at 8:30 on video; in person once "
                    "a month. A short chat message in the weeks in between.",
            "M-A6": f"At the closing session, {d.day(d.closing + 2)}",
        },
        note="Meeting rhythm rated 5 by Helen and 1 by Tomás: Helen counts a moved meeting as kept, Tomás "
             "experiences it as cancelled. 3 meetings in 13 weeks against an agreed fortnightly rhythm. "
             "\"What would a 5 look like?\" opened it up. Tomás went quiet when rescheduling came up: call him "
             "alone this week.",
        actions=[
            ("Put the fortnightly Tuesday 8:30 slot in both diaries up to the closing session", "Helen", 3, "open"),
            ("Send a three-line agenda by chat the day before each meeting", "Tomás", 14, "open"),
        ],
        revised={
            "cadence": "Only 3 of about 6 planned meetings happened and most moves came at a day's notice; a fixed "
                       "early slot is easier to protect around month-end.",
            "reassessment": "The next review is the closing session, two weeks later than planned to make up for "
                            "the missed meetings.",
        },
        confirmed=["perception_gap"],
    )
    return _PairStory("helen-tomas", ("helen-okafor", "Helen Okafor"), ("tomas-rivera", "Tomás Rivera"),
                      expectations, midpoint)


def _rajesh_lena(d: _Dates) -> _PairStory:
    expectations = _Run(
        week=0, at="11:30",
        mentee={
            "E-Q1": "I want to move from product design towards leading user research: plan and run studies on "
                    "my own, and get research into our product decisions earlier. By the end I'd like to have "
                    "led one study that changed a roadmap decision.",
            "E-Q2": "Designing a study: a clear question, a method, a sample and a budget. I can run an "
                    "interview, but I have never planned a whole study.",
            "E-Q5": "I have a small child, so evenings are out. Beyond interviews I'm new to research methods.",
            "E-Q6": "Every three weeks, an hour on video. Lunchtime works best for me.",
            "E-Q7": "occasional message",
            "E-Q9": "I have planned and led a study end to end, and at least one product decision cites it.",
            "E-Q11": "How a small design team works day to day and what designers need from research. I'm also "
                     "quick with FigJam if Rajesh ever wants a hand with a workshop board.",
            "E-P1": "Rajesh is very senior. I'm a bit in awe of him and worried I'll waste his time with small "
                    "questions.",
            "E-A1": "Plan and lead a user research study end to end, and get research into roadmap decisions "
                    "earlier. First skill gap: designing a study (question, method, sample, budget).",
            "E-A3": "No evenings (childcare); lunchtimes and Thursday afternoons are easiest. New to methods "
                    "beyond interviews.",
            "E-A4": [
                ["Plan and lead the onboarding research study",
                 "Study plan approved, findings presented to the product team", d.month(22)],
                ["Get research into the roadmap discussion for next quarter",
                 "At least one roadmap item cites our research", d.month(22)],
                ["Set up a research repository for my team", "Used by at least three colleagues", d.month(30)],
            ],
            "E-A5": [
                ["1", "Read three of Rajesh's team's study plans", "discovery", d.day(4)],
                ["1", "Draft my own study plan for onboarding", "practice", d.day(9)],
                ["1", "Plan reviewed by Rajesh and my manager", "feedback", d.day(12)],
                ["1", "Run and synthesise the study on my own", "mastery", d.day(20)],
                ["2", "Present findings at the roadmap review", "feedback", d.day(22)],
                ["3", "Repository set up with the first five studies", "practice", d.day(26)],
            ],
            "E-A6": "I can plan a study without help, the team asks for research before deciding, and I feel I "
                    "belong in research conversations.",
            "E-S1": "Product designer, two years in a team of four designers working on an accounting product. "
                    "I design features end to end and run the occasional interview. My manager expects polished "
                    "designs fast; research happens when there is time. I'm not sure I can say no to a feature "
                    "until the idea has been tested.",
            "E-A7": [
                ["Write the onboarding study plan", "Lena", "Rajesh (review)", "6 weeks",
                 "The team sees research as planned work, not a favour"],
                ["Share templates and example plans", "Rajesh", "", "2 weeks", "Lena starts from good examples"],
                ["Recruit participants", "Lena", "Customer support team", "2 months", "Real customers, not colleagues"],
            ],
            "E-A8": "I decide what I work on and how I run my studies; Rajesh advises. My manager decides "
                    "priorities. If we disagree or get stuck we say so in the meeting; if that doesn't help, we "
                    "ask the programme coordinator.",
            "E-A9": [
                ["Onboarding study planned and led by me", "x", ""],
                ["Research cited in a roadmap decision", "x", ""],
                ["Introductions to researchers in Rajesh's network", "", "x"],
                ["Research repository", "", "x"],
            ],
            "E-A10": "I offer a view of how a small design team works and what designers need from research. I "
                     "hope to learn how a research practice is built and led.",
            "E-A11": "Every three weeks, 60 minutes, on video.",
            "E-A12": ["Video call", "Email"],
            "E-A13": "At least two working days' notice by email; the person who moves the meeting offers two "
                     "new times.",
            "E-A14": ["Is our meeting structure working for you?", "What do you need that we are not getting to?",
                      "What should we do differently next time?"],
            "E-A15": f"At our midpoint review, the week of {d.day(d.midpoint)}",
        },
        mentor={
            "E-Q3": "Lena wants to become a user researcher, or at least do much more research inside her "
                    "design role, and to have more say in what gets built.",
            "E-Q4": "Fifteen years in design and research; I built the research team at my company from one "
                    "person to twelve. I can review study plans, share templates and introduce her to "
                    "researchers in my network. An hour every three weeks.",
            "E-Q5": "I travel about one week a month. I know big-company research; I don't know what is "
                    "realistic in a small team.",
            "E-Q6": "Every three weeks, an hour on video. I'll try to keep the slot fixed.",
            "E-Q8": "occasional message",
            "E-Q9": "Lena plans a study without me, and I would happily hire her as a researcher.",
            "E-Q10": "What research looks like with no budget and no research team. My own people have "
                     "forgotten.",
            "E-P1": "Nothing in particular. Looking forward to it.",
            "E-A2": "Reviews of study plans and synthesis, templates and examples from my team, introductions to "
                    "two or three researchers. An hour every three weeks; occasional emails in between.",
            "E-A3": "One week a month travelling, when meetings may move. Big-company research is what I know; "
                    "Lena will need to tell me what is realistic in her team.",
            "E-A10": "I offer experience of building a research practice. I hope to learn how research works in "
                     "a small team without a budget.",
        },
        actions=[
            ("Send Lena three example study plans", "Rajesh", 7, "done"),
            ("Book meetings every three weeks up to the midpoint", "Lena", 5, "done"),
        ],
    )
    high = {"M-R1": 5, "M-R2": 5, "M-R3": 4, "M-R4": 4, "M-R5": 5, "M-R6": 5, "M-R7": 5, "M-R8": 5, "M-R9": 4,
            "M-R10": 5, "M-R11": 5, "M-R12": 4, "M-R13": 5}
    midpoint = _Run(
        week=d.midpoint + 1 / 7, at="12:30",
        mentor={
            "M-W1": "Lena is a pleasure to work with. She always brings an agenda and follows up. We have covered "
                    "research planning, stakeholder interviews and her portfolio.",
            "M-W2": "Nothing really.",
            **high,
            "M-N1": 4, "M-N2": 1,
            "M-C2": "occasional message",
            "M-L1": "How she runs remote research sessions with almost no budget. I've borrowed her interview "
                    "note template for my own team.",
            "M-L2": 4,
            "M-P1": "Nothing to add.",
            "M-K1": "Continue as we are",
            "M-K2": "Keep doing what we're doing.",
        },
        mentee={
            "M-W1": "Rajesh is generous with his time and really knows the field. I have learned a lot about how "
                    "research is planned in a big company.",
            "M-W2": "Nothing really.",
            **{**high, "M-R2": 4, "M-R6": 4, "M-R9": 5},
            "M-N1": 4, "M-N2": 1,
            "M-C1": "occasional message",
            "M-P1": "Honestly, I'd like more hands-on feedback on my actual work, but I don't want to seem "
                    "ungrateful.",
            "M-K1": "Continue as we are",
            "M-K2": "Maybe look at some of my real research plans together.",
            "M-A4": "Every three weeks, 60 minutes on video. Every other meeting starts with Lena sharing a "
                    "piece of real work for critique; the last ten minutes are for our check-in questions.",
            "M-A6": f"At the closing session, {d.day(d.closing)}",
        },
        note="All ratings 4-5 on both sides and \"nothing really\" under what is not working: performed "
             "agreement? \"If you had to change one thing\" opened it up: Lena wants critique of her real work, "
             "not only conversation. Rajesh was glad to hear it. Not confirming a pattern yet; ask again at the "
             "closing.",
        actions=[
            ("Bring the current onboarding research plan for critique", "Lena", 10, "open"),
            ("Share two of his team's research plans, mistakes left in", "Rajesh", 10, "open"),
        ],
        revised={
            "cadence": "Both named nothing to change; asked for one change, Lena wants feedback on real work. The "
                       "check-in questions were being dropped when meetings ran over.",
            "reassessment": "The next review is the closing session.",
        },
    )
    closing = _Run(
        week=21, at="12:30",
        mentee={
            "C-W1": "We are ending early because I got what I came for, sooner than planned. I planned and led the "
                    "onboarding study, presented the findings at the roadmap review, and the product team rebuilt "
                    "the onboarding item around them. Next month I move into our new user researcher role. The "
                    "research repository hasn't happened yet; I'll set it up in the new role.",
            "C-W2": "Critique of my real research plans, once I finally asked for it at the midpoint.",
            "C-W3": "Before the midpoint I was too polite to say I wanted feedback on my actual work, so we talked "
                    "in general terms.",
            "C-W4": "Say what I need in the first meeting instead of waiting to be asked.",
            "C-L3": "How to design a study: a sharp question first, then the method, then a sample I can defend "
                    "in front of a product manager.",
            "C-I1": "Other researchers to learn from, now that I'll be the only one in my team, and the habit of "
                    "asking for critique early.",
            "C-R1": 5, "C-R2": 5, "C-R3": 5, "C-R4": 2, "C-R5": 4, "C-R6": 4, "C-R7": 5, "C-R8": 5, "C-R9": 4,
            "C-R10": 5, "C-R11": 5, "C-R12": 4, "C-R13": 2,
            "C-N1": 7, "C-N2": 1,
            "C-O1": 5, "C-O2": 4, "C-O3": 5, "C-O4": 5,
            "C-T1": True,
            "C-T2": "A message when I finish my first study in the new role; I'll reach out first.",
            "C-T4": "Set up the research repository in my first month as a researcher.",
        },
        mentor={
            "C-W1": "Lena reached her goal early: she planned and led a study that changed a roadmap decision, and "
                    "she has been offered the researcher role. Concluding now is the right call: the goal is met, "
                    "and her time is better spent on the new job than on our meetings.",
            "C-W2": "After the midpoint: critiquing her real plans instead of talking about research in general.",
            "C-W3": "The first months were pleasant but too general. I should have asked for real work sooner.",
            "C-W4": "Ask for a piece of real work at the very first meeting.",
            "C-L1": "How to run useful research with no budget. My team now recruits participants her way, through "
                    "the support team, and our studies start two weeks sooner.",
            "C-L2": 5,
            "C-I1": "A community of researchers outside her company, and someone to review her first plans in "
                    "the new role.",
            "C-R1": 5, "C-R2": 5, "C-R3": 5, "C-R4": 3, "C-R5": 4, "C-R6": 5, "C-R7": 5, "C-R8": 5, "C-R9": 4,
            "C-R10": 5, "C-R11": 5, "C-R12": 4, "C-R13": 2,
            "C-N1": 7, "C-N2": 1,
            "C-O3": 5,
            "C-T1": True,
            "C-T3": "Email me a study plan whenever you want a second pair of eyes; I answer within a week.",
        },
        note="Ending early, goal met: Lena's study changed the onboarding roadmap and she moves into a researcher "
             "role next month. Both chose to stop five weeks before the planned closing. Named it out loud as a "
             "success: \"You got what you came for, sooner.\"",
        actions=[("Introduce Lena to two researchers in his network", "Rajesh", 14, "open")],
    )
    return _PairStory("rajesh-lena", ("rajesh-iyer", "Rajesh Iyer"), ("lena-fischer", "Lena Fischer"),
                      expectations, midpoint, closing=closing, ending="early")


def _grace_wei(d: _Dates) -> _PairStory:
    objectives = [
        ["Pass the Management Accounting exam", "Pass mark", d.month(3)],
        ["Draft the repairs team's budget with its manager", "Budget signed off by the head of property",
         d.month(16)],
        ["Pass the Financial Reporting exam", "Pass mark", d.month(29)],
    ]
    revised_objectives = [objectives[0], [*objectives[1][:2], d.month(24)], objectives[2]]
    expectations = _Run(
        week=0, at="14:00",
        mentee={
            "E-Q1": "I want to qualify as a chartered accountant and take responsibility for a real budget. In a "
                    "year I'd like to be the person the repairs team comes to for their numbers.",
            "E-Q2": "Explaining numbers to managers outside finance, and the confidence that I'm allowed to "
                    "challenge them.",
            "E-Q5": "I study for my exams in the evenings, so the weeks before an exam are tight. I don't know "
                    "much about how the board and the senior team use our numbers.",
            "E-Q6": "Weekly at first, then every two weeks; 45 minutes, in person if possible.",
            "E-Q7": "weekly check-in",
            "E-Q9": "I have passed two more exams and the repairs budget I drafted is signed off.",
            "E-Q11": "How finance looks from the transaction side today, and the study tools I use.",
            "E-P1": "English is my second language; sometimes I need a moment to find the words in meetings.",
            "E-A1": "Pass two exams and draft the repairs team's budget with its manager. First skill gap: "
                    "explaining numbers to managers outside finance.",
            "E-A3": "Evenings are for study. In the two weeks before an exam I can only do short meetings.",
            "E-A4": objectives,
            "E-A5": [
                ["1", "Past papers under exam conditions, marked together", "practice", d.day(2)],
                ["2", "Walk through last year's repairs spend with the repairs manager", "discovery", d.day(6)],
                ["2", "First draft of the budget and its assumptions", "practice", d.day(11)],
                ["2", "Grace challenges the draft as the head of property would", "feedback", d.day(14)],
                ["3", "Revision plan for Financial Reporting", "discovery", d.day(17)],
                ["3", "Two full mock exams", "practice", d.day(27)],
            ],
            "E-A6": "I have passed both exams, the repairs budget is signed off, and I can explain a variance "
                    "to a manager without checking my notes.",
            "E-S1": "Assistant accountant at a housing association, 18 months in. I process invoices, reconcile "
                    "accounts and help with month-end. The repairs team asks me for numbers; I'm not sure if I'm "
                    "allowed to question their spending.",
            "E-A7": [
                ["Draft the repairs budget", "Wei", "Repairs manager, Grace (challenge)", "4 months",
                 "A budget the repairs team actually uses"],
                ["Exam revision plan", "Wei", "Grace", "Each exam", "Passes at the first attempt"],
                ["Explain one variance to a manager each month", "Wei", "My manager", "Ongoing",
                 "Confidence with people outside finance"],
            ],
            "E-A8": "I decide what to study and which exam comes next; Grace advises. My manager decides my "
                    "workload. If it is about my job, I go to my manager; if it is about the mentoring, to the "
                    "programme coordinator.",
            "E-A9": [
                ["Management Accounting passed", "x", ""],
                ["Repairs budget signed off", "x", ""],
                ["Present the budget to the senior team myself", "", "x"],
            ],
            "E-A10": "I offer a view from the transaction side of finance and how I study. I hope to learn how "
                     "senior finance people think and decide.",
            "E-A11": "Weekly for the first month, then every two weeks; 45 minutes.",
            "E-A12": ["In person", "Video call", "Chat"],
            "E-A13": "Tell each other by chat at least a day before; the person who cancels suggests a new time "
                     "in the same week.",
            "E-A14": CHECK_IN,
            "E-A15": f"At our midpoint review, the week of {d.day(d.midpoint)}",
        },
        mentor={
            "E-Q3": "To qualify, and to be taken seriously by managers outside finance.",
            "E-Q4": "Twenty-five years in finance, the last ten as a finance director. I can help with exam "
                    "strategy, building a budget and talking to managers about money. Weekly at first, then "
                    "every two weeks; a quick message in between is fine.",
            "E-Q5": "Board weeks, every other month, are busy. I qualified a long time ago and the exams have "
                    "changed.",
            "E-Q6": "Weekly for the first month, then every two weeks, 45 minutes in my office.",
            "E-Q8": "weekly check-in",
            "E-Q9": "Wei disagrees with me, with good reasons, at least once.",
            "E-Q10": "What finance looks like from the transaction side these days, and how he studies.",
            "E-P1": "I'm a peer of his director. I'll keep what he tells me confidential, and he should hear "
                    "that from me.",
            "E-A2": "Exam strategy, help building and explaining a budget, how to talk to managers about money. "
                    "Weekly at first, then every two weeks; quick messages in between.",
            "E-A3": "Board weeks every other month are busy. My exam knowledge is out of date.",
            "E-A10": "I offer finance experience and exam strategy. I hope to learn how finance looks from the "
                     "transaction side, and new ways to study.",
        },
        note="Grace said out loud that she will keep what Wei tells her confidential from his director. Wei "
             "visibly relaxed.",
        actions=[("Book the first four weekly meetings", "Wei", 3, "done")],
    )
    midpoint = _Run(
        week=d.midpoint + 2 / 7, at="10:00",
        mentor={
            "M-W1": "We have a steady rhythm and Wei sets the agenda. He passed Management Accounting and has "
                    "started the repairs budget with the repairs manager.",
            "M-W2": "I answer his questions too quickly. When he asked which exam to sit next I gave my view "
                    "before asking for his. We also haven't used the time between meetings much.",
            "M-R1": 4, "M-R2": 4, "M-R3": 3, "M-R4": 4, "M-R5": 5, "M-R6": 4, "M-R7": 5, "M-R8": 4,
            "M-R9": 4, "M-R10": 4, "M-R11": 4, "M-R12": 3, "M-R13": 5,
            "M-N1": 7, "M-N2": 1,
            "M-C2": "weekly check-in",
            "M-L1": "How he studies: spaced repetition and short video explainers. And how our finance process "
                    "looks from the bottom: Wei spotted two approval steps that add days for no reason.",
            "M-L2": 5,
            "M-P1": "Nothing worrying. I'd like him to push back on me more.",
            "M-K1": "Continue with changes",
            "M-K2": "Wei brings a decision he has made, not only a question, at least once a month.",
        },
        mentee={
            "M-W1": "Meetings happen when we said, and Grace prepares. I passed Management Accounting, partly "
                    "thanks to her tips on exam technique. I'm drafting my first real budget.",
            "M-W2": "I bring too many topics and we rush the last one. The budget objective is behind because "
                    "the repairs team changed manager last month.",
            "M-R1": 5, "M-R2": 4, "M-R3": 3, "M-R4": 4, "M-R5": 4, "M-R6": 4, "M-R7": 5, "M-R8": 4,
            "M-R9": 5, "M-R10": 3, "M-R11": 4, "M-R12": 3, "M-R13": 5,
            "M-N1": 7, "M-N2": 1,
            "M-C1": "weekly check-in",
            "M-P1": "It's going well. I'm nervous about the Financial Reporting exam.",
            "M-K1": "Continue with changes",
            "M-K2": "One main topic per meeting, with the budget first while its deadline is close.",
            "M-A1": revised_objectives,
            "M-A6": f"At the closing session, {d.day(d.closing)}",
        },
        note="Healthy pair: ratings close together, honest answers under what is not working on both sides. "
             "Grace named her own habit of answering too fast. Wei is nervous about the next exam; suggested he "
             "brings his revision plan next time.",
        actions=[
            ("Agree the new budget sign-off date with the repairs manager", "Wei", 14, "open"),
            ("Send Wei two past Financial Reporting papers with her notes", "Grace", 7, "open"),
        ],
        revised={
            "objectives": "The repairs team changed manager, so the budget sign-off moved: objective 2 now ends "
                          "with the February budget round.",
            "reassessment": "The next review is the closing session.",
        },
    )
    closing = _Run(
        week=d.closing, at="10:00",
        mentee={
            "C-W1": "I passed Management Accounting, and the repairs budget I drafted with the repairs manager was "
                    "signed off by the head of property, two months later than first planned because of the new "
                    "manager. Financial Reporting is in three weeks and my mock scores are above the pass mark.",
            "C-W2": "Our meetings always happened, and after the first month Grace asked what I thought before "
                    "telling me what she thought.",
            "C-W3": "At the start I brought too many topics and we rushed the last one.",
            "C-W4": "Ask for the walkthrough of last year's repairs spend earlier; it unlocked the whole budget.",
            "C-L3": "How a finance director reads a budget: the assumptions first, the numbers second. And that I "
                    "am allowed to question a manager's spending.",
            "C-I1": "Someone senior in my own organisation to test ideas on, and the chance to present next "
                    "year's budget myself.",
            "C-R1": 5, "C-R2": 5, "C-R3": 5, "C-R4": 4, "C-R5": 5, "C-R6": 4, "C-R7": 5, "C-R8": 5, "C-R9": 5,
            "C-R10": 5, "C-R11": 4, "C-R12": 4, "C-R13": 3,
            "C-N1": 14, "C-N2": 1,
            "C-O1": 5, "C-O2": 5, "C-O3": 5, "C-O4": 4,
            "C-P1": "Grace kept her promise about confidentiality. That made all the difference.",
            "C-T1": True,
            "C-T2": "Lunch after my exam results, then every few months. I'll reach out first.",
            "C-T4": "Sit Financial Reporting in three weeks; then ask my director if I can present next year's "
                    "repairs budget.",
        },
        mentor={
            "C-W1": "Both must-haves: an exam passed and the budget signed off, with the second exam close. Wei now "
                    "explains a variance better than some of my managers.",
            "C-W2": "A steady rhythm, and a mentee who set the agenda.",
            "C-W3": "Early on I answered his questions too fast.",
            "C-W4": "Hold my answer back from the first meeting, not the third.",
            "C-L1": "How our finance process looks from the transaction side: we removed the two approval steps he "
                    "spotted. And spaced repetition: my Spanish is better for it.",
            "C-L2": 5,
            "C-I1": "A sponsor in his own organisation, and the chance to present a budget to the senior team.",
            "C-R1": 5, "C-R2": 5, "C-R3": 4, "C-R4": 4, "C-R5": 5, "C-R6": 4, "C-R7": 5, "C-R8": 5, "C-R9": 5,
            "C-R10": 5, "C-R11": 5, "C-R12": 4, "C-R13": 3,
            "C-N1": 14, "C-N2": 1,
            "C-O3": 5,
            "C-T1": True,
            "C-T3": "An email before any big career decision or exam choice; I answer within a week.",
        },
        note="Completed as planned: the first exam passed, the budget signed off, the second exam in three weeks "
             "and well prepared. Wei said Grace's confidentiality promise at the kickoff made it work. Lunch "
             "after the results.",
        actions=[("Book lunch for the week after the exam results", "Wei", 42, "open")],
    )
    return _PairStory("grace-wei", ("grace-mensah", "Grace Mensah"), ("wei-chen", "Wei Chen"),
                      expectations, midpoint, closing=closing, ending="completed")


def _david_amina(d: _Dates) -> _PairStory:
    expectations = _Run(
        week=0, at="16:00",
        mentee={
            "E-Q1": "I want to become a project manager: run a project with its own budget, and negotiate "
                    "better with suppliers and funders. Our charity is growing and I'd like to be ready when a "
                    "project manager role opens.",
            "E-Q2": "Negotiating. I accept the first price because I don't want to seem difficult.",
            "E-Q5": "I work part-time and have a second job at weekends; Monday to Wednesday mornings are best. "
                    "I have never managed a budget over £5,000.",
            "E-Q6": "Once a month, 90 minutes, in person.",
            "E-Q7": "occasional message",
            "E-Q9": "I have renegotiated at least one supplier contract and led a small project from plan to "
                    "final report.",
            "E-Q11": "A look inside a small community charity: volunteers, tiny budgets and funders' reports.",
            "E-P1": "Money is tight at home and I sometimes have to take extra shifts at short notice.",
            "E-A1": "Be ready for a project manager role: lead a small project with its own budget and "
                    "negotiate better with suppliers. First skill gap: negotiating.",
            "E-A3": "Monday to Wednesday mornings only; second job at weekends. My shifts sometimes change at "
                    "short notice.",
            "E-A4": [
                ["Renegotiate the catering contract for the community café", "Lower price or better terms agreed "
                 "in writing", d.month(16)],
                ["Lead the winter coat drive as project lead", "Plan, budget and final report delivered to the "
                 "trustees", d.month(24)],
                ["Complete an introductory project management course", "Certificate", d.month(30)],
            ],
            "E-A5": [
                ["1", "List what we buy from the caterer and what it costs", "discovery", d.day(4)],
                ["1", "Role-play the negotiation with David", "practice", d.day(8)],
                ["1", "Meet the caterer, debrief with David", "feedback", d.day(14)],
                ["2", "Coat drive plan and budget approved by my manager", "practice", d.day(12)],
                ["2", "Final report to the trustees, written by me", "mastery", d.day(24)],
            ],
            "E-A6": "I have led the coat drive, negotiated one contract, and I can talk to a supplier without "
                    "apologising.",
            "E-S1": "Project coordinator (part-time) at a community charity. I organise volunteers, book venues "
                    "and keep the café running. My manager expects me to sort things out without asking; I'm "
                    "unsure how much I may spend or commit without her.",
            "E-A7": [
                ["Prepare the catering negotiation", "Amina", "David (role-play)", "3 months",
                 "Money saved goes to the café's free meals"],
                ["Coat drive plan and budget", "Amina", "My manager", "5 months", "My first project as lead"],
                ["Share a negotiation checklist", "David", "", "1 month", "Something to hold on to in the room"],
            ],
            "E-A8": "I decide how I run my work and the café; my manager decides on spending over £500. David "
                    "advises. If we are stuck we ask the programme coordinator.",
            "E-A9": [
                ["Catering contract renegotiated", "x", ""],
                ["Coat drive led by me", "x", ""],
                ["Project management certificate", "", "x"],
            ],
            "E-A10": "I offer a look inside a small charity. I hope to learn how big projects are planned and how "
                     "to negotiate.",
            "E-A11": "Once a month, 90 minutes, in person at the community centre.",
            "E-A12": ["In person", "Phone", "Chat"],
            "E-A13": "Message as early as possible; whoever cancels offers two new dates.",
            "E-A14": CHECK_IN,
            "E-A15": f"At our midpoint review, the week of {d.day(d.midpoint)}",
        },
        mentor={
            "E-Q3": "To get a project manager role, and to feel more confident with suppliers and budgets.",
            "E-Q4": "Thirty years of construction project management and a great many supplier negotiations. "
                    "I'm semi-retired, so I have time: monthly meetings plus a weekly message if that helps.",
            "E-Q5": "I don't know the charity sector. I'm away for two weeks in January.",
            "E-Q6": "Monthly, in person, 90 minutes. Happy to come to her.",
            "E-Q8": "weekly check-in",
            "E-Q9": "Amina negotiates a contract and tells me about it afterwards instead of asking me first.",
            "E-Q10": "How charities get so much done with so little.",
            "E-P1": "Nothing for now.",
            "E-A2": "Negotiation practice, project planning and a sounding board. Monthly meetings and a weekly "
                    "message if useful.",
            "E-A3": "Away two weeks in January. I don't know the charity sector.",
            "E-A10": "I offer project and negotiation experience. I hope to learn how a small charity does so "
                     "much with so little.",
        },
        actions=[("Book the next two monthly meetings at the community centre", "Amina", 6, "done")],
    )
    open_midpoint = _Run(
        week=d.midpoint + 3 / 7, at="09:30",
        mentor={
            "M-W1": "Our first two meetings were great: Amina mapped her suppliers and we role-played the "
                    "catering negotiation.",
            "M-W2": "We haven't met since September. Amina cancelled twice at short notice and took three weeks "
                    "to reply to my last message. I don't know if it's workload or if she has lost interest, "
                    "and I don't want to push.",
            "M-R1": 2, "M-R2": 2, "M-R3": 2, "M-R4": 2, "M-R5": 3, "M-R6": 2, "M-R7": 4, "M-R8": 4,
            "M-R9": 3, "M-R10": 3, "M-R11": 2, "M-R12": 1, "M-R13": 4,
            "M-N1": 2, "M-N2": 2,
            "M-C2": "weekly check-in",
            "M-L1": "How a small charity runs on a volunteer rota; Amina squeezes more out of nothing than I "
                    "ever did with a budget.",
            "M-L2": 4,
            "M-P1": "I'm worried something has happened at home. If she wants to stop, that's fine; I'd just "
                    "like to know.",
        },
        note="Amina messaged at 9:40 that she can't come (an extra shift). David filled in his sheet; Amina "
             "does hers when we continue. Rebook within two weeks.",
    )
    return _PairStory("david-amina", ("david-novak", "David Novak"), ("amina-yusuf", "Amina Yusuf"),
                      expectations, None, open_midpoint)


# ---------------------------------------------------------------- the autumn cohort (twelve weeks)


def _sofia_kwame(d: _Dates) -> _PairStory:
    expectations = _Run(
        week=0, at="09:30",
        mentee={
            "E-Q1": "I want to move from HR advisor to HR business partner: be the person a head of department "
                    "calls before a decision, not after it. I'd like to lead a consultation myself and coach "
                    "managers through hard conversations instead of sitting in as the note-taker.",
            "E-Q2": "Holding my ground with senior managers. I know the policy better than they do, but when a "
                    "head of department pushes back, I give in.",
            "E-Q5": "Enrolment and exam boards are our busy times. I study for my CIPD Level 5 on Wednesday "
                    "evenings. I have only ever worked in education.",
            "E-Q6": "Every two weeks, 45 minutes. Video is fine; in person once a month would be good.",
            "E-Q7": "occasional message",
            "E-Q9": "A head of department asks for my view before deciding, and I have led a consultation from "
                    "start to finish.",
            "E-Q11": "How further education works from the inside, and how people starting out see HR. I also know "
                     "our new HR system inside out.",
            "E-P1": "I'm the only person of colour in our HR team, and sometimes I feel I have to be twice as "
                    "careful. I'd like to talk about that at some point, when I'm ready.",
            "E-A1": "Move towards an HR business partner role: lead a consultation and coach managers through hard "
                    "conversations. First skill gap: holding my ground when a senior manager pushes back.",
            "E-A3": "Busy at enrolment and around exam boards; CIPD class on Wednesday evenings. I only know the "
                    "education sector.",
            "E-A4": [
                ["Lead the consultation on restructuring the timetabling team",
                 "Consultation run by me and closed on time, with no grievance", d.month(10)],
                ["Coach three managers through a difficult conversation",
                 "Three managers say they handled it themselves", d.month(11)],
                ["Submit my CIPD assignment on employee relations", "Submitted and passed", d.month(16)],
            ],
            "E-A5": [
                ["1", "Read two anonymised consultations from Sofia's company, with their paperwork", "discovery",
                 d.day(1)],
                ["1", "Consultation plan and timeline agreed with the head of department", "practice", d.day(3)],
                ["1", "First consultation meeting, debrief with Sofia", "feedback", d.day(5)],
                ["2", "Role-play a head of department pushing back", "practice", d.day(4)],
                ["2", "Third manager coached without help", "mastery", d.day(10)],
                ["3", "Assignment draft read by Sofia", "feedback", d.day(9)],
            ],
            "E-A6": "I have run the consultation myself, managers come to me before they act, and I can say "
                    "\"no, and here is why\" to a head of department without rehearsing it for a week.",
            "E-S1": "HR advisor at a further-education college, three years in. I handle absence, disciplinaries "
                    "and recruitment for four departments. Managers expect me to take their hard conversations "
                    "off their hands. I'm unsure how far I can tell a head of department that a plan is a bad "
                    "idea.",
            "E-A7": [
                ["Run the timetabling consultation", "Kwame", "Head of HR, Sofia (review)", "10 weeks",
                 "Staff treated fairly; my first case as lead"],
                ["Prepare managers for hard conversations", "Kwame", "The managers", "Ongoing",
                 "Managers own their conversations"],
                ["Introduce Kwame to an HR business partner outside education", "Sofia", "", "1 month",
                 "A view of the role elsewhere"],
            ],
            "E-A8": "I decide how I run my cases; my head of HR signs off anything with legal risk. Sofia advises "
                    "and challenges, and never contacts the college. If we're stuck we say so at the next "
                    "meeting, then ask the programme coordinator.",
            "E-A9": [
                ["Consultation led by me", "x", ""],
                ["Three managers coached", "x", ""],
                ["A business partner secondment", "", "x"],
            ],
            "E-A10": "I offer a look inside further education and how newer HR people work. I hope to learn how an "
                     "HR director weighs risk and people.",
            "E-A11": "Every two weeks, 45 minutes on video; in person once a month.",
            "E-A12": ["Video call", "In person", "Email"],
            "E-A13": "Email at least two working days ahead; whoever moves a meeting offers two new times in the "
                     "same week.",
            "E-A14": CHECK_IN,
            "E-A15": f"At our midpoint review, the week of {d.day(d.midpoint)}",
        },
        mentor={
            "E-Q3": "To become an HR business partner, and to stop being the person managers send to do their "
                    "difficult conversations for them.",
            "E-Q4": "Twenty-two years in HR, the last six as Director of People at a logistics company of 1,800 "
                    "staff. I have run dozens of consultations. Every two weeks for 45 minutes, plus email.",
            "E-Q5": "I don't know further education or its unions. Our peak season before Christmas is hard for "
                    "me. I'm used to telling people what to do; I'll need to watch that.",
            "E-Q6": "Every two weeks on video, 45 minutes. Happy to meet in person once a month near the station.",
            "E-Q8": "occasional message",
            "E-Q9": "Kwame handles a head of department's pushback on his own and tells me about it afterwards.",
            "E-Q10": "How people starting out in HR see the profession now, and how a college manages with so "
                     "little.",
            "E-A2": "Consultation know-how, rehearsal of hard conversations, an introduction to a business partner "
                    "outside education. Every two weeks, plus email.",
            "E-A3": "Peak season before Christmas is tight. I don't know further education or its unions.",
            "E-A10": "I offer twenty-two years of HR, consultations included. I hope to learn how people starting "
                     "out see the profession.",
        },
        note="Both busy seasons collide (enrolment, Sofia's peak season): agreed to book meetings a month "
             "ahead. Sofia named her habit of telling people what to do; Kwame smiled.",
        actions=[
            ("Send Kwame two anonymised consultation packs", "Sofia", 4, "done"),
            ("Book the first three meetings", "Kwame", 2, "done"),
        ],
    )
    midpoint = _Run(
        week=d.midpoint, at="09:30",
        mentor={
            "M-W1": "Kwame prepares well and the consultation is on track. He has started coaching managers "
                    "instead of rescuing them.",
            "M-W2": "I still catch myself giving answers before he has finished. Peak season will squeeze our "
                    "meetings.",
            "M-R1": 4, "M-R2": 4, "M-R3": 3, "M-R4": 3, "M-R5": 4, "M-R6": 4, "M-R7": 5, "M-R8": 3,
            "M-R9": 4, "M-R10": 5, "M-R11": 4, "M-R12": 2, "M-R13": 5,
            "M-N1": 3, "M-N2": 0,
            "M-C2": "occasional message",
            "M-L1": "How the college's HR system flags absence patterns. We are choosing a system next year and "
                    "his walkthrough saved us a vendor demo.",
            "M-L2": 4,
            "M-P1": "Nothing to add.",
            "M-K1": "Continue with changes",
            "M-K2": "Keep our in-person meeting in peak season too.",
        },
        mentee={
            "M-W1": "Sofia's role-play of a head of department pushing back was uncomfortable and exactly what I "
                    "needed. My consultation plan went through without changes.",
            "M-W2": "Sometimes Sofia tells me what she would do before I've finished explaining. And there is "
                    "something I wanted to talk about that I haven't raised yet.",
            "M-R1": 4, "M-R2": 4, "M-R3": 3, "M-R4": 3, "M-R5": 3, "M-R6": 4, "M-R7": 5, "M-R8": 4,
            "M-R9": 4, "M-R10": 5, "M-R11": 4, "M-R12": 2, "M-R13": 5,
            "M-N1": 3, "M-N2": 0,
            "M-C1": "occasional message",
            "M-P1": "I still want to talk about being the only person of colour in my team. I don't know how to "
                    "start.",
            "M-K1": "Continue with changes",
            "M-K2": "Ask me what I think before saying what you would do.",
            "M-A4": "Every two weeks, 45 minutes on video, booked a month ahead; in person once a month, peak "
                    "season included.",
            "M-A6": f"At the closing session, {d.day(d.closing)}",
        },
        note="Ratings close together. Kwame said Sofia sometimes answers before he has finished; she took it "
             "well: \"ask before telling\". Kwame hinted at a topic he hasn't raised: offer him a short call "
             "on his own.",
        actions=[
            ("Send the draft consultation outcome letter to Sofia for a read", "Kwame", 7, "open"),
            ("Introduce Kwame to an HR business partner at the hospital trust", "Sofia", 14, "open"),
        ],
        revised={
            "cadence": "Peak season would have eaten our slots; booking a month ahead keeps them.",
            "reassessment": "The next review is the closing session.",
        },
    )
    closing = _Run(
        week=d.closing, at="09:30",
        mentee={
            "C-W1": "The consultation closed on time with no grievance, and I led every meeting. I coached three "
                    "managers through difficult conversations; one now calls me before she acts. My CIPD "
                    "assignment is drafted, not yet submitted. And I have been offered a six-month HR business "
                    "partner secondment.",
            "C-W2": "The role-plays. Sofia playing a difficult head of department made the real ones feel easy.",
            "C-W3": "In the first weeks Sofia answered before I had finished. That changed after the midpoint.",
            "C-W4": "Raise the harder topics earlier. It took me until week eight to talk about being the only "
                    "person of colour in my team, and it was one of our best conversations.",
            "C-L3": "How to hold a line with a senior manager: name the risk, offer two options, then stop "
                    "talking.",
            "C-I1": "Someone to check in with during the secondment, and a network of business partners outside "
                    "education.",
            "C-R1": 5, "C-R2": 5, "C-R3": 4, "C-R4": 3, "C-R5": 5, "C-R6": 4, "C-R7": 5, "C-R8": 5, "C-R9": 5,
            "C-R10": 5, "C-R11": 4, "C-R12": 4, "C-R13": 3,
            "C-N1": 6, "C-N2": 1,
            "C-O1": 5, "C-O2": 4, "C-O3": 5, "C-O4": 4,
            "C-T1": True,
            "C-T2": "A coffee every three months; I'll book the first one.",
            "C-T4": "Submit the CIPD assignment within a month.",
        },
        mentor={
            "C-W1": "Everything on the must-have list: the consultation, three managers coached. The secondment "
                    "is a bonus he earned himself.",
            "C-W2": "Kwame brought a question and a draft to every meeting.",
            "C-W3": "My habit of answering too soon, in the first month.",
            "C-W4": "Ask earlier what else is on his mind; the most important conversation came late.",
            "C-L1": "What it is like to be the only one in the room, and how little it takes for a manager to "
                    "make it better or worse. It has changed how I will run our own inclusion work.",
            "C-L2": 5,
            "C-I1": "Peers who are business partners, and the confidence to disagree with his own head of HR.",
            "C-R1": 5, "C-R2": 5, "C-R3": 4, "C-R4": 3, "C-R5": 5, "C-R6": 4, "C-R7": 5, "C-R8": 4, "C-R9": 4,
            "C-R10": 5, "C-R11": 5, "C-R12": 4, "C-R13": 3,
            "C-N1": 6, "C-N2": 1,
            "C-O3": 5,
            "C-T1": True,
            "C-T3": "Email me before any big career decision; I answer within a week.",
        },
        note="Completed as planned. Kwame's secondment starts next month. Both want a coffee every three months; "
             "Kwame books the first.",
        actions=[("Book the first coffee, three months from now", "Kwame", 14, "open")],
    )
    return _PairStory("sofia-kwame", ("sofia-lindqvist", "Sofia Lindqvist"), ("kwame-asante", "Kwame Asante"),
                      expectations, midpoint, closing=closing, ending="completed")


def _hiroshi_fatima(d: _Dates) -> _PairStory:
    expectations = _Run(
        week=0, at="12:00",
        mentee={
            "E-Q1": "I want to move from testing into backend development. By the end I'd like to have shipped a "
                    "feature of my own to production, reviewed and merged like everyone else's code.",
            "E-Q2": "Designing code, not only writing it: breaking a feature into pieces before I start. And "
                    "speaking up in design reviews.",
            "E-Q5": "Friday lunchtimes are out, and I look after my mother on Tuesday and Thursday evenings. I "
                    "taught myself to code, so there are gaps, mostly in design.",
            "E-Q6": "Every two weeks, an hour on video, with time to look at code together.",
            "E-Q7": "weekly check-in",
            "E-Q9": "My own feature is in production, and something I said in a design review changed the design.",
            "E-Q11": "How a tester sees a system: I find the edge cases developers miss. I can show Hiroshi how we "
                     "test payments.",
            "E-P1": "My manager doesn't know yet that I want to leave QA. Please keep that between us for now.",
            "E-A1": "Move into backend development: ship a feature of my own to production. First skill gap: "
                    "designing a feature before writing it.",
            "E-A3": "No Friday lunchtimes; Tuesday and Thursday evenings are for my mother. Gaps in design.",
            "E-A4": [
                ["Ship the refund-status endpoint to production",
                 "Merged, released and running for a month without a rollback", d.month(10)],
                ["Speak up in design reviews", "One design changed because of something I raised", d.month(8)],
                ["Apply for the backend developer opening", "Application in, with a referee from the team",
                 d.month(12)],
            ],
            "E-A5": [
                ["1", "One-page design for the endpoint before any code", "practice", d.day(2)],
                ["1", "Design reviewed by Hiroshi, then by our tech lead", "feedback", d.day(4)],
                ["1", "First pull request merged", "practice", d.day(7)],
                ["2", "One prepared question for every design review", "practice", d.day(3)],
                ["3", "Talk to the hiring manager about the opening", "discovery", d.day(9)],
            ],
            "E-A6": "My feature is live, I have changed a design by speaking up, and I have applied for the "
                    "developer role.",
            "E-S1": "QA engineer at a payments company, two years in. I write automated tests and test releases. "
                    "Developers expect me to find bugs, not to question their design. I'm not sure I'm allowed to "
                    "comment on code in review.",
            "E-A7": [
                ["Build the refund-status endpoint", "Fatima", "Tech lead (review)", "10 weeks",
                 "My first production feature"],
                ["Review Fatima's design documents", "Hiroshi", "", "Every two weeks",
                 "Design before code becomes a habit"],
                ["Tell my manager about the move", "Fatima", "", "By week 8", "No surprises"],
            ],
            "E-A8": "I decide what I work on with my tech lead; my manager decides my role. Hiroshi advises and "
                    "reviews, and never contacts my company. If we're stuck we say so, then ask the programme "
                    "coordinator.",
            "E-A9": [
                ["Feature in production", "x", ""],
                ["Spoke up in a design review", "x", ""],
                ["Developer role", "", "x"],
            ],
            "E-A10": "I offer a tester's eye for edge cases and how payments get tested. I hope to learn how "
                     "experienced engineers design.",
            "E-A11": "Every two weeks, 60 minutes on video, with screen sharing.",
            "E-A12": ["Video call", "Chat"],
            "E-A13": "A chat message at least a day ahead; whoever moves a meeting proposes a new time.",
            "E-A14": ["Did we talk about what you wanted to talk about?", "What should we look at next time?",
                      "Is there anything I could do differently?"],
            "E-A15": f"At our midpoint review, the week of {d.day(d.midpoint)}",
        },
        mentor={
            "E-Q3": "To become a backend developer, and to get better at design.",
            "E-Q4": "Fifteen years as a developer and five as an engineering manager in retail. I can review "
                    "designs and code, and explain how hiring for developer roles works. An hour every two weeks.",
            "E-Q5": "I don't know payments. Release weeks are busy. I tend to fill silences.",
            "E-Q6": "Every two weeks, an hour on video.",
            "E-Q8": "occasional message",
            "E-Q9": "Fatima writes a design I would approve in my own team.",
            "E-Q10": "How testers think about failure. My team undervalues QA.",
            "E-A2": "Design and code reviews, how developer hiring works. An hour every two weeks; short chat "
                    "messages in between.",
            "E-A3": "Release weeks are busy. I don't know payments.",
            "E-A10": "I offer design and hiring experience. I hope to learn how a tester thinks about failure.",
        },
        note="Contact between meetings differs: Fatima hoped for a weekly check-in, Hiroshi can offer occasional "
             "messages. Agreed: a chat message when she is stuck, answered within a working day.",
        actions=[("Share the design document template his team uses", "Hiroshi", 3, "done")],
    )
    midpoint = _Run(
        week=d.midpoint + 1 / 7, at="12:00",
        mentor={
            "M-W1": "Fatima's design for the endpoint was solid after one round of review. She learns fast.",
            "M-W2": "Not much. We could cover more ground on system design.",
            "M-R1": 4, "M-R2": 4, "M-R3": 3, "M-R4": 3, "M-R5": 4, "M-R6": 4, "M-R7": 4, "M-R8": 4,
            "M-R9": 4, "M-R10": 4, "M-R11": 4, "M-R12": 2, "M-R13": 5,
            "M-N1": 3, "M-N2": 0,
            "M-C2": "occasional message",
            "M-L1": "How her team tests payment failures: they simulate bank timeouts on purpose. My team is "
                    "trying it.",
            "M-L2": 4,
            "M-P1": "I think it's going well.",
            "M-K1": "Continue as we are",
            "M-K2": "Look at system design more broadly.",
        },
        mentee={
            "M-W1": "Hiroshi's review of my design was the most useful feedback I have had. The endpoint is half "
                    "built.",
            "M-W2": "Hiroshi usually decides what we talk about, often system design topics he finds interesting. "
                    "My questions about my own code and about speaking up don't get time.",
            "M-R1": 4, "M-R2": 4, "M-R3": 2, "M-R4": 3, "M-R5": 3, "M-R6": 3, "M-R7": 4, "M-R8": 4,
            "M-R9": 2, "M-R10": 4, "M-R11": 4, "M-R12": 1, "M-R13": 5,
            "M-N1": 3, "M-N2": 0,
            "M-C1": "weekly check-in",
            "M-P1": "I haven't told my manager yet and I'm getting nervous about it.",
            "M-K1": "Continue with changes",
            "M-K2": "I bring the agenda: my code and my questions first.",
            "M-A5": "Fatima sets the agenda and sends it the day before; Hiroshi's topics get the last ten minutes. "
                    "Fatima decides what she works on with her tech lead; her manager decides her role. If we're "
                    "stuck we say so, then ask the programme coordinator.",
            "M-A6": f"At the closing session, {d.day(d.closing)}",
        },
        note="Mentee's agenda rated 4 by Hiroshi and 2 by Fatima: his system-design topics crowd out her "
             "questions. Hiroshi was surprised, then glad of a clear ask. Fatima is nervous about telling her "
             "manager; Hiroshi offered to help her plan that conversation.",
        actions=[
            ("Send the agenda by chat the day before each meeting", "Fatima", 13, "open"),
            ("Plan the conversation with her manager together", "Hiroshi", 14, "open"),
        ],
        revised={
            "decision_rights": "Fatima rated \"my agenda drives our meetings\" 2, Hiroshi 4: his topics were "
                               "crowding out her questions.",
            "reassessment": "The next review is the closing session.",
        },
        confirmed=["perception_gap"],
    )
    closing = _Run(
        week=d.closing + 1 / 7, at="12:00",
        mentee={
            "C-W1": "The refund-status endpoint is in production and has run for three weeks without a rollback. I "
                    "spoke up in two design reviews; one changed how we retry failed refunds. I couldn't apply "
                    "for the developer role: the company froze hiring a month ago.",
            "C-W2": "Design reviews with Hiroshi, once I set the agenda.",
            "C-W3": "The first half, when we talked about what Hiroshi found interesting. And the hiring freeze, "
                    "which nobody could help.",
            "C-W4": "Say what I need in the first meeting instead of waiting for the midpoint.",
            "C-L3": "Write the design before the code. And a question in a review is a contribution, not an "
                    "interruption.",
            "C-I1": "A developer who reviews my code regularly, and an honest talk with my manager about a move "
                    "once hiring opens again.",
            "C-R1": 4, "C-R2": 5, "C-R3": 4, "C-R4": 2, "C-R5": 4, "C-R6": 3, "C-R7": 4, "C-R8": 5, "C-R9": 4,
            "C-R10": 4, "C-R11": 4, "C-R12": 3, "C-R13": 4,
            "C-N1": 6, "C-N2": 1,
            "C-O1": 3, "C-O2": 5, "C-O3": 4, "C-O4": 3,
            "C-P1": "I'm disappointed about the freeze. If nothing opens by the summer I will look elsewhere.",
            "C-T1": True,
            "C-T2": "A chat message when I have a design to review; I reach out first. A call every couple of "
                    "months.",
            "C-T4": "Ask my manager for a developer buddy in the team, by the end of the month.",
        },
        mentor={
            "C-W1": "The feature shipped and Fatima's design held up in production. The developer role didn't "
                    "happen, for reasons outside her control.",
            "C-W2": "Concrete work: reviewing her designs and her code.",
            "C-W3": "I set the agenda for too long without noticing.",
            "C-W4": "Ask at the first meeting whose agenda it is.",
            "C-L1": "How testers think about failure. My team now holds a \"break it\" session before each "
                    "release, copied from Fatima's team.",
            "C-L2": 5,
            "C-I1": "Regular code review from a senior developer, and patience through the hiring freeze.",
            "C-R1": 4, "C-R2": 5, "C-R3": 4, "C-R4": 3, "C-R5": 4, "C-R6": 4, "C-R7": 4, "C-R8": 5, "C-R9": 4,
            "C-R10": 4, "C-R11": 4, "C-R12": 3, "C-R13": 4,
            "C-N1": 6, "C-N2": 1,
            "C-O3": 4,
            "C-T1": True,
            "C-T3": "A chat message with a link to a design or a pull request; I look within two working days.",
        },
        note="A good ending tempered by the hiring freeze: the feature is live, the developer role on hold. Named "
             "the freeze as outside anyone's control. Fatima leads with her own agenda now.",
    )
    return _PairStory("hiroshi-fatima", ("hiroshi-tanaka", "Hiroshi Tanaka"), ("fatima-benali", "Fatima Benali"),
                      expectations, midpoint, closing=closing, ending="completed")


def _siobhan_ana(d: _Dates) -> _PairStory:
    expectations = _Run(
        week=1 / 7, at="18:30",
        mentee={
            "E-Q1": "I want to become a junior sister: lead a shift with confidence, write the rota and talk to "
                    "families when things are hard. A Band 6 post on my ward is coming up.",
            "E-Q2": "Leading people with more experience than me. I find it hard to delegate to a nurse who has "
                    "been on the ward for twenty years.",
            "E-Q5": "I work twelve-hour shifts, days and nights, and I only get my rota two weeks ahead. After "
                    "nights I'm tired for a day.",
            "E-Q6": "Every two weeks, 45 minutes, by phone or video, fitted around my shifts.",
            "E-Q7": "occasional message",
            "E-Q9": "I lead shifts on my own and I have had my Band 6 interview.",
            "E-Q11": "What it is like to be a newer nurse on a busy ward today, and what nurses who trained abroad "
                     "need from their managers.",
            "E-P1": "I trained in Romania. Sometimes I feel people doubt me because of my accent.",
            "E-A1": "Get ready for a junior sister role: lead shifts with confidence. First skill gap: delegating "
                    "to more experienced colleagues.",
            "E-A3": "Shifts change every four weeks and I know my rota two weeks ahead; nights leave me tired for "
                    "a day.",
            "E-A4": [
                ["Lead ten day shifts as nurse in charge", "Ten shifts led, with feedback from my ward manager",
                 d.month(10)],
                ["Apply and interview for the Band 6 post", "Interview done", d.month(14)],
                ["Complete the ward's rota training", "Signed off to write the rota", d.month(12)],
            ],
            "E-A5": [
                ["1", "Shadow the ward manager running a shift", "discovery", d.day(2)],
                ["1", "First shift in charge, debrief with Siobhan", "feedback", d.day(4)],
                ["1", "Five shifts led", "practice", d.day(8)],
                ["2", "Mock interview with Siobhan", "practice", d.day(12)],
                ["3", "One rota written under supervision", "practice", d.day(9)],
            ],
            "E-A6": "I lead a shift without checking every decision, and I walk into the interview knowing what "
                    "I want to say.",
            "E-S1": "Staff nurse (Band 5) on a 28-bed medical ward, three years in the UK. I look after six to "
                    "eight patients a shift and sometimes act up as nurse in charge. Colleagues expect me to get "
                    "on with it; I'm unsure whether I can tell a senior colleague what to do when I'm in charge.",
            "E-A7": [
                ["Lead shifts as nurse in charge", "Ana", "Ward manager", "3 months", "Ready for Band 6"],
                ["Mock interview", "Siobhan", "", "Before the interview", "Confidence on the day"],
                ["Rota training", "Ana", "Ward administrator", "2 months", "Able to write the rota"],
            ],
            "E-A8": "My ward manager decides when I act up; I decide how I run a shift. Siobhan advises and never "
                    "contacts my ward. If we're stuck we say so, then ask the programme coordinator.",
            "E-A9": [
                ["Ten shifts in charge", "x", ""],
                ["Band 6 interview", "x", ""],
                ["Rota sign-off", "", "x"],
            ],
            "E-A10": "I offer a view of a busy ward from the newer nurses' side. I hope to learn how a matron leads "
                     "and decides.",
            "E-A11": "Every two weeks, 45 minutes, by phone or video, booked from my rota.",
            "E-A12": ["Phone", "Video call", "Chat"],
            "E-A13": "Ana sends her rota as soon as she has it; whoever moves a call offers another within the "
                     "week.",
            "E-A14": CHECK_IN,
            "E-A15": f"At our midpoint review, the week of {d.day(d.midpoint)}",
        },
        mentor={
            "E-Q3": "A Band 6 post, and confidence in charge of a shift.",
            "E-Q4": "Twenty-five years in nursing, eight as a matron; I have sat on many Band 6 interview panels. "
                    "Every two weeks by phone, messages in between.",
            "E-Q5": "Winter pressures from December: I can't promise daytime slots then. I don't know her hospital.",
            "E-Q6": "Every two weeks, phone or video, early evening.",
            "E-Q8": "occasional message",
            "E-Q9": "Ana leads a shift and tells me about a hard call she made without asking me first.",
            "E-Q10": "What newer nurses, especially those who trained abroad, need from us and aren't getting.",
            "E-A2": "Shift leadership, delegation, interview practice. Every two weeks by phone, messages in "
                    "between.",
            "E-A3": "Winter pressures from December. I don't know her hospital.",
            "E-A10": "I offer twenty-five years of nursing leadership and interview panels. I hope to learn what "
                     "newer nurses need from matrons.",
        },
        actions=[("Send Siobhan the rota for the next four weeks", "Ana", 2, "done")],
    )
    midpoint = _Run(
        week=d.midpoint + 1 / 7, at="18:30",
        mentor={
            "M-W1": "When we talk, Ana brings real situations from her shifts. She has led four shifts already.",
            "M-W2": "Her rota and mine clash and we have missed two calls. I don't want to ring her after a night "
                    "shift.",
            "M-R1": 3, "M-R2": 4, "M-R3": 3, "M-R4": 3, "M-R5": 4, "M-R6": 4, "M-R7": 5, "M-R8": 4,
            "M-R9": 5, "M-R10": 4, "M-R11": 3, "M-R12": 2, "M-R13": 5,
            "M-N1": 2, "M-N2": 2,
            "M-C2": "occasional message",
            "M-L1": "How much of a newer nurse's shift goes on chasing beds and equipment. I'm raising it at our "
                    "own ward managers' meeting.",
            "M-L2": 4,
            "M-P1": "Nothing to add.",
            "M-K1": "Continue with changes",
            "M-K2": "Short weekly calls instead of long fortnightly ones.",
        },
        mentee={
            "M-W1": "Siobhan's advice on delegating worked: I asked a senior colleague to take the side room and "
                    "she just did it.",
            "M-W2": "Two calls fell through because of my shifts. I feel bad cancelling.",
            "M-R1": 3, "M-R2": 4, "M-R3": 3, "M-R4": 2, "M-R5": 4, "M-R6": 4, "M-R7": 5, "M-R8": 5,
            "M-R9": 4, "M-R10": 4, "M-R11": 3, "M-R12": 2, "M-R13": 5,
            "M-N1": 2, "M-N2": 2,
            "M-C1": "occasional message",
            "M-P1": "The Band 6 post has been advertised; the interview is in about eight weeks.",
            "M-K1": "Continue with changes",
            "M-K2": "Shorter calls, booked from my rota as soon as I get it.",
            "M-A4": "A 30-minute phone call every week Ana is on day shifts, booked from her rota as soon as it is "
                    "out; a chat message when a call has to move.",
            "M-A6": f"At the closing session, {d.day(d.closing + 4)}, after Ana's Band 6 interview",
        },
        note="Both rate the rhythm 3: shifts, not commitment. Switched to short weekly calls booked from the rota. "
             "The Band 6 interview is the focus of the second half; the closing moves to after it.",
        actions=[
            ("Send Siobhan each new rota the day it comes out", "Ana", 3, "open"),
            ("Mock interview by video", "Siobhan", 42, "open"),
        ],
        revised={
            "cadence": "Two of four planned calls were lost to shifts; short weekly calls fit a rota better than "
                       "fixed fortnightly ones.",
            "reassessment": "Moved to after the Band 6 interview, so the closing can look back on it.",
        },
    )
    return _PairStory("siobhan-ana", ("siobhan-oconnor", "Siobhan O'Connor"), ("ana-popescu", "Ana Popescu"),
                      expectations, midpoint)


@dataclass
class _Meeting:
    present: list[str]
    answers: dict[str, dict[str, Any]]  # mentor id: answers
    statuses: dict[str, str] = field(default_factory=dict)  # mentor id: status of last month's commitment
    note: str = ""
    week: float = 0  # weeks after the cohort's kickoff
    at: str = "18:00"


def _meetings() -> list[_Meeting]:
    everyone = ["helen-okafor", "rajesh-iyer", "grace-mensah", "david-novak"]
    first = _Meeting(
        week=8,
        present=everyone,
        answers={
            "helen-okafor": {
                "K-S1": "green",
                "K-S2": "Tomás rebuilt his committee deck around one recommendation before I suggested it.",
                "K-S3": "Quarter-end is coming and my diary is a mess; I have already moved one of our meetings.",
                "K-S4": "How much analysis happens in notebooks now, and how the council's open data portal "
                        "works.",
                "K-S5": 2,
                "K-T1": "Consultant: ask my own mentee what a moved meeting costs him, instead of assuming it is "
                        "fine.",
                "K-K1": "A three-line agenda sent the day before keeps our hour focused on his questions.",
                "K-N1": "Book our next three meetings before the end of the month.",
                "K-E1": 4,
            },
            "rajesh-iyer": {
                "K-S1": "green",
                "K-S2": "Lena ran her first stakeholder interview with me observing and handled a sceptical "
                        "product manager really well.",
                "K-S3": "Lena is very polite. Every meeting feels pleasant and I can't tell whether it is useful "
                        "to her.",
                "K-S4": "Remote research on a shoestring: free tools I had never heard of.",
                "K-S5": 1,
                "K-T1": "Consultant: Grace's idea of asking what the mentee would like more of, and less of.",
                "K-K1": "Sharing one of my own old mistakes at each meeting makes it easier for her to bring "
                        "hers.",
                "K-N1": "Ask Lena at our next meeting what she would like more of, and less of.",
                "K-E1": 5,
            },
            "grace-mensah": {
                "K-S1": "green",
                "K-S2": "Wei passed his Management Accounting exam.",
                "K-S3": "Wei asks me which exam to take next and I keep wanting to answer for him.",
                "K-S4": "Spaced repetition: I'm now using his study app for my Spanish.",
                "K-S5": 3,
                "K-T1": "Client: hold my answer back for ten seconds and ask what he thinks first.",
                "K-K1": "Ask the mentee to bring one decision they have made, not only questions.",
                "K-N1": "Before answering any \"what should I do\" question from Wei, ask what he would do, at "
                        "all our meetings this month.",
                "K-E1": 5,
            },
            "david-novak": {
                "K-S1": "red",
                "K-S2": "A great first meeting: Amina mapped her suppliers and chose the first contract to "
                        "renegotiate.",
                "K-S3": "Amina called off our last meeting on the day and hasn't answered my messages since. I "
                        "don't know whether to keep trying or give her space.",
                "K-S4": "How a small charity runs on a volunteer rota.",
                "K-S5": 0,
                "K-T1": "Client: one short, warm message with no pressure and an easy way to say \"not now\"; "
                        "ask the programme coordinator to check in with her too.",
                "K-K1": "Meeting at her workplace instead of a café made our first session concrete: she could "
                        "show me the actual contracts.",
                "K-N1": "Send Amina one short message offering two dates, and ask the coordinator to check in "
                        "with her.",
                "K-E1": 4,
            },
        },
        note="First meeting of the cohort: agreed confidentiality (first names only) and to send apologies by "
             "chat. David brought his case to the troika; offer him a call this week.",
    )
    second = _Meeting(
        week=17,
        present=everyone,
        answers={
            "helen-okafor": {
                "K-S1": "amber",
                "K-S2": "We finally have a fixed fortnightly slot, and the last two meetings both happened.",
                "K-S3": "At the midpoint I learned that Tomás experienced my rescheduling as cancelling. I rated "
                        "our rhythm 5, he rated it 1. Humbling.",
                "K-S4": "That \"flexible\" can look like \"not a priority\" from the other side.",
                "K-S5": 2,
                "K-C1": "done",
                "K-C2": "Booked them, but quarter-end still moved one. The midpoint fixed it properly.",
                "K-T1": "Consultant for David: a three-way call with the coordinator may feel like less pressure "
                        "than another message.",
                "K-K1": "Ask your mentee to rate your meeting rhythm out of 5. You may be surprised.",
                "K-N1": "Keep the Tuesday slot through December; if I must move it, rebook within the same week.",
                "K-E1": 5,
            },
            "rajesh-iyer": {
                "K-S1": "green",
                "K-S2": "Lena brought a real research plan for critique for the first time. Our best meeting.",
                "K-S3": "Getting past polite: I still have to ask twice before she says what isn't working.",
                "K-S4": "How to run a useful study in two weeks; my team takes two months.",
                "K-S5": 2,
                "K-C1": "done",
                "K-C2": "I asked; her answer (more feedback on real work) changed our meetings.",
                "K-T1": "Consultant: give the mentee a way back in that doesn't need an apology.",
                "K-K1": "Critique real work, not hypotheticals: ask the mentee to bring something unfinished.",
                "K-N1": "Give Lena written feedback on her research plan within a week of each meeting.",
                "K-E1": 5,
            },
            "grace-mensah": {
                "K-S1": "green",
                "K-S2": "Wei presented his draft budget to the repairs manager himself.",
                "K-S3": "Keeping the budget objective alive while the repairs team settles in with a new manager.",
                "K-S4": "Two approval steps in our invoice process that nobody needs; we are removing them.",
                "K-S5": 2,
                "K-C1": "done",
                "K-C2": "Hard the first time; by the third meeting Wei answered his own question before I could.",
                "K-T1": "Consultant: agree a smaller rhythm the mentee can actually keep, rather than the ideal one.",
                "K-K1": "Ten seconds of silence before I answer. It works.",
                "K-N1": "Let Wei set his own Financial Reporting revision timetable at our next meeting; I only "
                        "ask questions.",
                "K-E1": 4,
            },
            "david-novak": {
                "K-S1": "red",
                "K-S2": "Amina replied, apologised and says she wants to continue.",
                "K-S3": "Her midpoint was set up but she couldn't come; only I filled in my sheet. Two meetings "
                        "since August.",
                "K-S4": "How much of her week goes to other people; I had no idea.",
                "K-S5": 0,
                "K-C1": "not yet",
                "K-C2": "Sent the message and she replied after three weeks. I haven't spoken to the coordinator "
                        "yet.",
                "K-T1": "Client: finish the midpoint with the coordinator there, and let Amina choose the rhythm.",
                "K-K1": "Telling a mentee honestly that you're worried, without blame, got a reply when reminders "
                        "didn't.",
                "K-N1": "Finish the midpoint with Amina and the coordinator within two weeks, and agree together "
                        "whether to continue, change or stop.",
                "K-E1": 4,
            },
        },
        statuses={"helen-okafor": "done", "rajesh-iyer": "done", "grace-mensah": "done", "david-novak": "not yet"},
        note="David red for the second month running: call him this week and offer to join the rebooked "
             "midpoint. Shared theme: mentees who stay polite. Helen's 'rate the rhythm out of 5' went into "
             "the playbook.",
    )
    return [first, second]


# ---------------------------------------------------------------- building


def _build(ws: Workspace, today: date) -> None:
    spring, autumn = _spring(today), _autumn(today)
    cohorts = [
        (Cohort(id=COHORT_ID, name=COHORT_NAME), spring,
         [_helen_tomas(spring), _rajesh_lena(spring), _grace_wei(spring), _david_amina(spring)]),
        (Cohort(id=AUTUMN_ID, name=AUTUMN_NAME), autumn,
         [_sofia_kwame(autumn), _hiroshi_fatima(autumn), _siobhan_ana(autumn)]),
    ]
    program = Program(name=PROGRAM_NAME, cohorts=[c for c, _, _ in cohorts])
    runs: list[tuple[datetime, Callable[[_Clock], None]]] = []  # when, and how to run it
    for cohort, d, stories in cohorts:
        for s in stories:
            program.people += [Person(id=s.mentor[0], name=s.mentor[1]), Person(id=s.mentee[0], name=s.mentee[1])]
            ended = d.on(s.closing.week).isoformat() if s.ending and s.closing else ""
            program.pairs.append(Pair(id=s.id, mentor=s.mentor[0], mentee=s.mentee[0], cohort=cohort.id,
                                      started=d.kickoff.isoformat(), ended=ended, ending=s.ending if ended else ""))
            for session, run, steps in (("expectations", s.expectations, ("side-by-side", "sign")),
                                        ("midpoint", s.midpoint, ("reveal", "revise")),
                                        ("closing", s.closing, ("reveal", "transition"))):
                if run:
                    runs.append((d.moment(run.week, run.at),
                                 _bind(_pair_run, ws, s, session, run, reveal=steps[0], act=steps[1])))
            if s.open_midpoint:
                run = s.open_midpoint
                runs.append((d.moment(run.week, run.at), _bind(_open_run, ws, s, "midpoint", run, at="reflect")))
        if cohort.id == COHORT_ID:
            for meeting in _meetings():
                runs.append((d.moment(meeting.week, meeting.at), _bind(_cohort_run, ws, cohort.id, meeting)))
    ws.save_program(program)
    for when, run_it in sorted(runs, key=lambda r: r[0]):  # in the order they took place
        run_it(_Clock(when))


def _bind(fn: Callable[..., None], *args: Any, **kwargs: Any) -> Callable[[_Clock], None]:
    return lambda clock: fn(*args, clock=clock, **kwargs)


class _Clock:
    """A run's clock: starts when the run began and moves on a few seconds at every reading,
    so its record, entries, notes and agreement version are dated then, the same on every build."""

    STEP = 30.0  # seconds per reading

    def __init__(self, start: datetime):
        self.now = start.timestamp()  # a naive datetime is local time, as the engine writes it

    def __call__(self) -> float:
        self.now += self.STEP
        return self.now


class _Engine(RunEngine):
    """The run engine, writing its record once when the run is closed instead of after every change.

    The demo is built in a staging folder nobody else reads, so the engine's per-change atomic
    writes (two fsyncs each) buy nothing here, and they were most of the build time. The
    record's first save (in `create`) and the agreement versions are written as usual.
    """

    batched = False
    _unsaved = False

    def _save(self) -> None:
        if self.batched:
            self._unsaved = True
        else:
            super()._save()

    def close(self) -> None:
        try:
            if self._unsaved:
                self.batched = self._unsaved = False
                super()._save()
        finally:
            super().close()


def _open(ws: Workspace, session: str, clock: _Clock, **subject: str) -> _Engine:
    engine = _Engine.create(ws, session, clock=clock, **subject)
    engine.batched = True
    return engine


def _pair_run(ws: Workspace, story: _PairStory, session: str, run: _Run, *, reveal: str, act: str,
              clock: _Clock) -> None:
    with _open(ws, session, clock, pair=story.id) as engine:
        engine.answer_many(story.mentee[0], run.mentee, source="app")
        engine.answer_many(story.mentor[0], run.mentor, source="app")
        engine.jump(reveal)  # shows the separate reflections side by side
        if run.note:
            engine.add_note(run.note)
        for pattern in run.confirmed:
            engine.confirm_pattern(pattern)
        engine.jump(act)
        terms = engine.run_terms()
        for term, why in run.revised.items():
            engine.set_term(term, terms[term], why)  # the mentee's revised text, with the reason beside it
        run_date = date.fromisoformat(engine.record.created[:10])
        for what, who, due, status in run.actions:
            action = engine.add_action(what, who, (run_date + timedelta(days=due)).isoformat())
            if status != action.status:
                engine.set_action_status(len(engine.record.actions) - 1, status)
        engine.jump(len(engine.session.steps) - 1)
        engine.finish()


def _open_run(ws: Workspace, story: _PairStory, session: str, run: _Run, *, at: str, clock: _Clock) -> None:
    with _open(ws, session, clock, pair=story.id) as engine:
        engine.jump(at)
        if run.mentor:
            engine.answer_many(story.mentor[0], run.mentor, source="app")
        if run.mentee:
            engine.answer_many(story.mentee[0], run.mentee, source="app")
        if run.note:
            engine.add_note(run.note)


def _cohort_run(ws: Workspace, cohort: str, meeting: _Meeting, *, clock: _Clock) -> None:
    with _open(ws, "cohort-meeting", clock, cohort=cohort) as engine:
        engine.set_attendance(meeting.present)
        for person, answers in meeting.answers.items():
            engine.answer_many(person, answers, source="app")
        engine.jump("last-commitments")
        for i, commitment in enumerate(engine.record.carried):
            if commitment.person in meeting.statuses:
                engine.set_commitment_status(i, meeting.statuses[commitment.person])
        engine.jump("close")
        if meeting.note:
            engine.add_note(meeting.note)
        engine.finish()
