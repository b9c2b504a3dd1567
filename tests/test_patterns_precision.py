"""Precision of the pattern library on a corpus of synthetic runs with known situations.

Every run is built through the RunEngine on the bundled sessions (expectations,
midpoint, closing, cohort-meeting) and on small sessions of tests/data/patterns that ask
the measures of sessions arriving from elsewhere (the stretch check-in with a sponsor,
the kickoff goal guess, a short check-in, reverse mentoring), from a healthy baseline
where no pattern holds, with one situation built in. For each pattern: at least three
positive cases, which must be found, and at least three near misses (a gap of 1, high
ratings with a substantive "what is not working", a negated keyword, a successful
closing, ...), which must not. Each case states the full set of patterns it shows, so
any false positive fails. Answers are addressed by measure, not by code, so renumbered
questions do not break it. A run with a sponsor is written as a record (the engine of
this branch seats no guests yet).
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from facilitator.engine import RunEngine
from facilitator.model import Session
from facilitator.patterns import Analysis, load_patterns, run_findings
from facilitator.program import Cohort, Pair, Person, Program
from facilitator.records import Entry, Participant, Record, now_iso, record_path, save_record
from facilitator.workspace import Workspace

SESSIONS = Path(__file__).parent / "data" / "patterns"

NOT_WORKING = "We sometimes run over time and skip the written summary at the end"
BASE: dict[str, dict[str, Any]] = {
    "both": {
        "working": "We prepare an agenda together and always leave with a next step",
        "not_working": NOT_WORKING,
        "cadence_fit": 4, "progress": [4, 4], "communication": 4, "availability": 4, "fit": 4,
        "decision_autonomy": 4, "mentee_voice": 4, "role_clarity": 4, "commitments_kept": 4,
        "objectives_met": 3, "new_objectives": 4, "meetings_held": 6, "meetings_cancelled": 0,
        "continuation": "Continue as we are",
        "outcome_career": 4, "outcome_skills": 4, "outcome_satisfaction": 4, "outcome_belonging": 4,
    },
    "mentor": {
        "reverse_learning": "How newer colleagues use data tools and ask for feedback",
        "reverse_learning_rating": 4, "contact_between_offered": "weekly check-in",
        "kickoff_goal_guess": "Lead her own team and run its planning",
    },
    "mentee": {"contact_between_expected": "occasional message",
               "kickoff_goal": "Become a team lead and own the planning for my team",
               "stretch_hours": 5, "day_job_ok": 4, "sponsor_contact": 2},
    "sponsor": {"sponsor_contact_sponsor": 2, "sponsor_knows_work": 4},
}
BLANK = None  # leave the box empty
RECIPROCITY = "I show my mentor how my team uses our new data tools; I hope to learn how she plans a quarter."


@dataclass
class PairCase:
    name: str
    pattern: str
    positive: bool
    mentor: dict[str, Any] = field(default_factory=dict)
    mentee: dict[str, Any] = field(default_factory=dict)
    both: dict[str, Any] = field(default_factory=dict)
    session: str = "midpoint"
    cadence: str = "Every two weeks"
    weeks: int = 12
    also: frozenset[str] = frozenset()  # other patterns the situation rightly shows
    kickoff: dict[str, Any] = field(default_factory=dict)  # the mentee's kickoff answers by code (E-L2, E-W4)
    before: dict[str, dict[str, Any]] | None = None  # a midpoint before the case's run, answers per role
    sponsor: dict[str, Any] = field(default_factory=dict)
    says: str = ""  # a phrase the finding's summary must contain

    @property
    def expected(self) -> set[str]:
        return ({self.pattern} if self.positive else set()) | set(self.also)


def P(name, pattern, **kw) -> PairCase:
    return PairCase(name, pattern, True, **kw)


def N(name, pattern, **kw) -> PairCase:
    return PairCase(name, pattern, False, **kw)


PAIR_CASES = [
    # ---- perception gap: same item >= 2 points apart
    P("gap of 3 on rhythm", "perception_gap", mentor={"cadence_fit": 5}, mentee={"cadence_fit": 2}),
    P("gap of 2 on communication", "perception_gap", mentor={"communication": 5}, mentee={"communication": 3}),
    P("gap on objective 2 only", "perception_gap", mentor={"progress": [4, 5]}, mentee={"progress": [4, 2]}),
    P("gap at closing", "perception_gap", session="closing", mentor={"cadence_fit": 2}, mentee={"cadence_fit": 4}),
    N("gap of 1", "perception_gap", mentor={"cadence_fit": 5}, mentee={"cadence_fit": 4}),
    N("several gaps of 1", "perception_gap", mentor={"communication": 3, "fit": 5}, mentee={"fit": 4}),
    N("gaps of 1 both ways", "perception_gap", mentor={"decision_autonomy": 3, "cadence_fit": 5},
      mentee={"cadence_fit": 4, "role_clarity": 3}),
    # ---- performed agreement: all high, nothing named as not working
    P("all 5s, blank boxes", "performed_agreement",
      both={k: 5 for k in ("cadence_fit", "communication", "availability", "fit", "decision_autonomy",
                           "mentee_voice", "role_clarity", "commitments_kept", "objectives_met", "new_objectives")}
      | {"progress": [5, 5], "not_working": BLANK}, mentor={"reverse_learning_rating": 5}),
    P("nothing and n/a", "performed_agreement", mentor={"not_working": "nothing"}, mentee={"not_working": "N/A"}),
    P("all good and a dash", "performed_agreement", mentor={"not_working": "All good!", "fit": 5},
      mentee={"not_working": "-", "fit": 5}),
    P("a hedge around not much", "performed_agreement", both={"not_working": "Not much, to be honest."},
      says="every relationship rating 4 or higher (10 of 11 rated)"),
    P("a short check-in asks three ratings", "performed_agreement", session="short-check",
      both={"not_working": "nothing really", "cadence_fit": 5}, says="(3 of 3 rated)"),
    N("nothing really at a good closing", "performed_agreement", session="closing",
      both={"not_working": "Nothing really."}),
    N("short check-in, one rating a 3", "performed_agreement", session="short-check",
      both={"not_working": "nothing"}, mentee={"fit": 3}),
    N("not much, but then something", "performed_agreement",
      both={"not_working": "Not much, but we keep skipping the written summary"}),
    N("all 5s with a real answer", "performed_agreement", both={"cadence_fit": 5, "fit": 5},
      mentee={"not_working": "We rarely talk about my long-term goals"}, mentor={"not_working": "nothing"}),
    N("nothing, but one rating is a 3", "performed_agreement", both={"not_working": "nothing"},
      mentee={"cadence_fit": 3}),
    N("a very short real answer", "performed_agreement", mentor={"not_working": "nothing"},
      mentee={"not_working": "Time."}),
    # ---- unmet cadence: meetings well below the agreed rhythm, or many cancellations
    P("3 of 6 fortnightly meetings", "unmet_cadence", both={"meetings_held": 3}),
    P("6 of 12 weekly meetings", "unmet_cadence", cadence="Weekly, 60 minutes", mentor={"meetings_held": 6},
      mentee={"meetings_held": 5}),
    P("cancelled three times", "unmet_cadence", both={"meetings_held": 5, "meetings_cancelled": 3}),
    P("phased rhythm", "unmet_cadence", cadence="Weekly for the first month, then monthly", weeks=20,
      both={"meetings_held": 4}),
    P("closing, monthly", "unmet_cadence", session="closing", cadence="monthly", weeks=26,
      both={"meetings_held": 2}),
    N("just at the rhythm", "unmet_cadence", cadence="weekly", weeks=8, both={"meetings_held": 8}),
    N("one short, two cancelled", "unmet_cadence", both={"meetings_held": 5, "meetings_cancelled": 1}),
    N("four of six", "unmet_cadence", both={"meetings_held": 4}),
    N("the mentor counts them all", "unmet_cadence", mentor={"meetings_held": 6}, mentee={"meetings_held": 1},
      also=frozenset({"meeting_count_disagreement"})),
    N("the mentee's cancellations, the mentor's count", "unmet_cadence",
      mentor={"meetings_held": 5, "meetings_cancelled": 0}, mentee={"meetings_held": 5, "meetings_cancelled": 3}),
    P("both short, counted differently", "unmet_cadence", mentor={"meetings_held": 3}, mentee={"meetings_held": 1},
      also=frozenset({"meeting_count_disagreement"}), says="counted differently: mentor 3 held, 0 cancelled, mentee 1"),
    # ---- the two count the meetings held very differently
    P("six and one", "meeting_count_disagreement", mentor={"meetings_held": 6}, mentee={"meetings_held": 1},
      says="meetings held (M-N1: mentor 6, mentee 1)"),
    P("the mentee counts more", "meeting_count_disagreement", mentor={"meetings_held": 4},
      mentee={"meetings_held": 8}),
    P("twelve and seven at closing", "meeting_count_disagreement", session="closing",
      mentor={"meetings_held": 12}, mentee={"meetings_held": 7}),
    N("six and five", "meeting_count_disagreement", mentor={"meetings_held": 6}, mentee={"meetings_held": 5}),
    N("six and four", "meeting_count_disagreement", mentor={"meetings_held": 6}, mentee={"meetings_held": 4}),
    N("twelve and ten at closing", "meeting_count_disagreement", session="closing",
      mentor={"meetings_held": 12}, mentee={"meetings_held": 10}),
    N("too early to tell", "unmet_cadence", weeks=2, both={"meetings_held": 0}),
    # ---- availability mismatch
    P("whenever vs occasional", "availability_mismatch", mentee={"contact_between_expected": "whenever I need it"},
      mentor={"contact_between_offered": "occasional message"}),
    P("weekly vs none", "availability_mismatch", mentee={"contact_between_expected": "weekly check-in"},
      mentor={"contact_between_offered": "none"}),
    P("mentee finds contact lacking", "availability_mismatch", mentee={"availability": 2},
      mentor={"availability": 3}),
    P("at the kickoff", "availability_mismatch", session="expectations",
      mentee={"contact_between_expected": "whenever I need it"}, mentor={"contact_between_offered": "weekly check-in"}),
    N("same expectation", "availability_mismatch", mentee={"contact_between_expected": "weekly check-in"}),
    N("mentor offers more", "availability_mismatch", mentee={"contact_between_expected": "occasional message"},
      mentor={"contact_between_offered": "whenever I need it"}),
    N("contact rated 3", "availability_mismatch", both={"availability": 3}),
    N("kickoff, same expectation", "availability_mismatch", session="expectations",
      mentee={"contact_between_expected": "weekly check-in"}),
    # ---- stalled objectives: low progress from both sides
    P("objective 1 stalled", "stalled_objectives", mentor={"progress": [2, 4]}, mentee={"progress": [1, 4]}),
    P("objective 2 stalled", "stalled_objectives", both={"progress": [4, 2]}),
    P("everything stalled", "stalled_objectives", both={"progress": [1, 1, 1]}),
    P("stalled at closing", "stalled_objectives", session="closing", both={"progress": [2, 2]}),
    N("2 and 3", "stalled_objectives", mentor={"progress": [2, 4]}, mentee={"progress": [3, 4]}),
    N("only the mentee sees it", "stalled_objectives", mentor={"progress": [3, 4]}, mentee={"progress": [1, 4]},
      also=frozenset({"perception_gap"})),
    N("both 3", "stalled_objectives", both={"progress": [3, 3]}),
    N("objective 2 is planned for the second half", "stalled_objectives", both={"progress": [4, 1]},
      kickoff={"E-L2": "LATER2"}),
    P("objective 2 was due and is stalled", "stalled_objectives", both={"progress": [4, 1]},
      kickoff={"E-L2": "DUE2"}),
    # ---- dependency
    P("mentee defers decisions", "dependency", mentor={"decision_autonomy": 3}, mentee={"decision_autonomy": 2}),
    P("both see it", "dependency", both={"decision_autonomy": 1}),
    P("said in words", "dependency",
      mentee={"working": "She tells me what to do and I follow it, which is easy"}),
    N("autonomy 3", "dependency", both={"decision_autonomy": 3}),
    N("own decisions in words", "dependency",
      mentee={"working": "I now make my own decisions and she asks good questions"}),
    N("autonomy 3 and 4", "dependency", mentor={"decision_autonomy": 3}),
    N("she never decides for me", "dependency", mentee={"working": "She never decides for me; she asks good questions"}),
    N("I don't think she tells me what to do", "dependency",
      mentee={"not_working": "I don't think she tells me what to do, but we run over time"}),
    P("reverse mentoring, named as the session names the roles", "dependency", session="reverse-check",
      mentor={"decision_autonomy": 2}, mentee={"decision_autonomy": 3}, says="(R-1: reverse mentor 2)"),
    # ---- over-direction
    P("mentee unheard", "over_direction", mentor={"mentee_voice": 3}, mentee={"mentee_voice": 2}),
    P("both see the mentor's agenda", "over_direction", both={"mentee_voice": 1}),
    P("said in words", "over_direction",
      mentee={"not_working": "We mostly follow her agenda and I rarely get to raise my own questions"}),
    N("only the mentor worries", "over_direction", mentor={"mentee_voice": 2}, mentee={"mentee_voice": 3}),
    N("the mentor's own words", "over_direction",
      mentor={"not_working": "Sometimes I bring too much of my own agenda"},
      mentee={"not_working": "We work from my agenda, which I like, but we run late"}),
    N("voice 3", "over_direction", both={"mentee_voice": 3}),
    N("she never lectures me", "over_direction",
      mentee={"not_working": "She never lectures me, but we skip the written summary"}),
    # ---- role ambiguity
    P("mentee unclear", "role_ambiguity", mentor={"role_clarity": 3}, mentee={"role_clarity": 2}),
    P("mentor unclear", "role_ambiguity", mentor={"role_clarity": 2}, mentee={"role_clarity": 3}),
    P("both unclear", "role_ambiguity", both={"role_clarity": 1}),
    N("clarity 3", "role_ambiguity", both={"role_clarity": 3}),
    N("clarity 3 and 4", "role_ambiguity", mentor={"role_clarity": 3}),
    N("clarity 3 at closing", "role_ambiguity", session="closing", both={"role_clarity": 3}),
    # ---- one-way street
    P("not much", "one_way_street", mentor={"reverse_learning": "Not much", "reverse_learning_rating": 3}),
    P("learning rated 2", "one_way_street", mentor={"reverse_learning_rating": 2}),
    N("left blank: an unanswered box is not a report of learning nothing", "one_way_street",
      mentor={"reverse_learning": BLANK}),
    P("nothing new at closing", "one_way_street", session="closing",
      mentor={"reverse_learning": "nothing new", "reverse_learning_rating": 3}),
    N("learning a lot, rated 3", "one_way_street",
      mentor={"reverse_learning": "A lot about how younger colleagues use AI tools", "reverse_learning_rating": 3}),
    N("one real word", "one_way_street", mentor={"reverse_learning": "Patience"}),
    P("not much, to be honest", "one_way_street",
      mentor={"reverse_learning": "Not much, to be honest.", "reverse_learning_rating": 3}),
    N("not much agreed: reciprocity instead", "one_way_street", kickoff={"E-W4": RECIPROCITY},
      mentor={"reverse_learning": "Not much", "reverse_learning_rating": 3},
      also=frozenset({"reciprocity_not_delivered"})),
    N("little things", "one_way_street",
      mentor={"reverse_learning": "Little things about her team's tools add up", "reverse_learning_rating": 3}),
    # ---- reciprocity agreed at the kickoff, not delivered
    P("agreed, and not much", "reciprocity_not_delivered", kickoff={"E-W4": RECIPROCITY},
      mentor={"reverse_learning": "Not much", "reverse_learning_rating": 3}, says="agreed: “I show my mentor"),
    P("agreed, and learning rated 2", "reciprocity_not_delivered", kickoff={"E-W4": RECIPROCITY},
      mentor={"reverse_learning_rating": 2}),
    P("agreed, and nothing new at closing", "reciprocity_not_delivered", session="closing",
      kickoff={"E-W4": RECIPROCITY}, mentor={"reverse_learning": "Nothing new, sadly", "reverse_learning_rating": 3}),
    N("agreed, and learning a lot", "reciprocity_not_delivered", kickoff={"E-W4": RECIPROCITY}),
    N("agreed, box left blank", "reciprocity_not_delivered", kickoff={"E-W4": RECIPROCITY},
      mentor={"reverse_learning": BLANK}),
    N("agreed, learning rated 3 with a real answer", "reciprocity_not_delivered", kickoff={"E-W4": RECIPROCITY},
      mentor={"reverse_learning": "Not much at first, but now how her team runs retros", "reverse_learning_rating": 3}),
    # ---- run its course (before the planned end)
    P("objectives met, nothing new", "run_its_course", both={"objectives_met": 5, "new_objectives": 2}),
    P("met and few new, continuing", "run_its_course", mentor={"objectives_met": 4, "new_objectives": 1},
      mentee={"objectives_met": 5, "new_objectives": 2}),
    P("both conclude early, goal met", "run_its_course", both={"continuation": "Conclude early: goal met"}),
    N("a successful closing", "run_its_course", session="closing", both={"objectives_met": 5, "new_objectives": 1}),
    N("goal met for one, a rematch for the other", "run_its_course",
      mentor={"continuation": "Conclude early: goal met"}, mentee={"continuation": "Ask for a rematch"},
      also=frozenset({"continuation_disagreement", "poor_fit"})),
    N("goal met for the mentee only", "run_its_course", mentee={"continuation": "Conclude early: goal met"},
      also=frozenset({"continuation_disagreement"})),
    N("met but more to do", "run_its_course", both={"objectives_met": 5, "new_objectives": 4}),
    N("few new but not met", "run_its_course", both={"objectives_met": 3, "new_objectives": 2}),
    N("the mentee is not done", "run_its_course", mentor={"objectives_met": 4}, mentee={"objectives_met": 3},
      both={"new_objectives": 2}),
    # ---- poor fit
    P("fit rated 2", "poor_fit", mentor={"fit": 3}, mentee={"fit": 2}),
    P("rematch asked", "poor_fit", mentee={"continuation": "Ask for a rematch"},
      also=frozenset({"continuation_disagreement"})),
    P("friction in words", "poor_fit", both={"fit": 3},
      mentee={"not_working": "Our styles clash: there is constant friction about how to prepare"}),
    N("fit 3, continuing with changes", "poor_fit", both={"fit": 3, "continuation": "Continue with changes"}),
    N("we click", "poor_fit", mentee={"not_working": "We click well, but scheduling is hard"}),
    N("fit 3 and 4", "poor_fit", mentee={"fit": 3}, both={"continuation": "Continue with changes"}),
    N("we don't need a rematch", "poor_fit", mentee={"not_working": "We don't need a rematch, just better planning"}),
    N("no friction at all", "poor_fit", mentor={"not_working": "There is no friction at all; we only run late"}),
    # ---- split on how to go on: the two chose differently
    P("with changes vs rematch", "continuation_disagreement", mentor={"continuation": "Continue with changes"},
      mentee={"continuation": "Ask for a rematch"}, also=frozenset({"poor_fit"})),
    P("as we are vs with changes", "continuation_disagreement", mentor={"continuation": "Continue with changes"}),
    P("the mentor would conclude", "continuation_disagreement", mentor={"continuation": "Conclude early: goal met"},
      says="how to go on (M-K1: mentor “Conclude early: goal met”, mentee “Continue as we are”)"),
    N("both conclude", "continuation_disagreement", both={"continuation": "Conclude early: goal met"},
      also=frozenset({"run_its_course"})),
    N("both want changes", "continuation_disagreement", both={"continuation": "Continue with changes"}),
    N("both ask for a rematch", "continuation_disagreement", both={"continuation": "Ask for a rematch"},
      also=frozenset({"poor_fit"})),
    N("the mentee has not chosen", "continuation_disagreement", mentor={"continuation": "Continue with changes"},
      mentee={"continuation": BLANK}),
    # ---- withdrawal: two of terse answers, commitments not kept, meetings missed
    P("terse and not keeping commitments", "withdrawal", mentee={"working": "ok", "not_working": "fine",
                                                                 "commitments_kept": 2}, mentor={"commitments_kept": 3}),
    P("commitments and cancellations", "withdrawal", mentor={"commitments_kept": 2},
      mentee={"commitments_kept": 3}, both={"meetings_cancelled": 3}, says="about 2.0 in 8"),
    P("terse and cancelling", "withdrawal", mentee={"working": "Meetings.", "not_working": "Not sure"},
      both={"meetings_cancelled": 3}),
    P("said in words, and commitments", "withdrawal", both={"commitments_kept": 2}, mentor={
      "not_working": "We haven't met since the summer and she stopped replying to my messages"}),
    P("cancelled since the midpoint", "withdrawal", session="closing", both={"meetings_cancelled": 3},
      mentee={"commitments_kept": 3}, mentor={"commitments_kept": 2}, before={"both": {"meetings_cancelled": 0}},
      says="3 since"),
    N("commitments only", "withdrawal", mentee={"commitments_kept": 2}, mentor={"commitments_kept": 3}),
    N("cancellations only", "withdrawal", both={"meetings_cancelled": 3}),
    N("terse only", "withdrawal", mentee={"working": "Good.", "not_working": "Nothing"}),
    N("weekly calls help is not terse", "withdrawal", mentee={"working": "Weekly calls help", "not_working": "Nothing",
                                                             "commitments_kept": 2}, mentor={"commitments_kept": 3}),
    N("cancellations long ago", "withdrawal", weeks=24, both={"meetings_cancelled": 2, "meetings_held": 11,
                                                           "commitments_kept": 2}),
    N("cancelled before the midpoint, none since", "withdrawal", session="closing",
      both={"meetings_cancelled": 3, "commitments_kept": 2}, before={"both": {"meetings_cancelled": 3}}),
    N("she hasn't lost interest", "withdrawal", both={"commitments_kept": 2}, mentor={
      "not_working": "She hasn't lost interest, she is just busy this quarter"}),
    # ---- the mentor's guess of the mentee's goal, at the kickoff
    P("presenting vs leading a team", "kickoff_goal_mismatch", session="goal-kickoff",
      mentor={"kickoff_goal_guess": "Better presentation skills for board meetings"},
      mentee={"kickoff_goal": "Move into a team lead role within a year"},
      says="the mentor's guess of it vs what the mentee most wants from the program"),
    P("promotion vs saying no", "kickoff_goal_mismatch", session="goal-kickoff",
      mentor={"kickoff_goal_guess": "Get promoted to senior engineer"},
      mentee={"kickoff_goal": "Learn to say no to my manager without feeling guilty"}),
    P("a network vs confidence", "kickoff_goal_mismatch", session="goal-kickoff",
      mentor={"kickoff_goal_guess": "Build a network outside finance"},
      mentee={"kickoff_goal": "Confidence speaking up in leadership meetings"}),
    N("the same goal in other words", "kickoff_goal_mismatch", session="goal-kickoff",
      mentor={"kickoff_goal_guess": "Lead a team"}, mentee={"kickoff_goal": "Become a team lead within a year"}),
    N("promotion both ways", "kickoff_goal_mismatch", session="goal-kickoff",
      mentor={"kickoff_goal_guess": "Prepare for the promotion panel"},
      mentee={"kickoff_goal": "Get promoted to senior analyst next spring"}),
    N("a guess too short to compare", "kickoff_goal_mismatch", session="goal-kickoff",
      mentor={"kickoff_goal_guess": "Promotion"}),
    # ---- stretch work crowding out the day job
    P("twelve hours a week", "stretch_overload", session="stretch-check", mentee={"stretch_hours": 12},
      says="hours a week on the stretch work (S-H1: mentee 12)"),
    P("the day job slips", "stretch_overload", session="stretch-check", mentee={"day_job_ok": 2}),
    P("both at once", "stretch_overload", session="stretch-check", mentee={"stretch_hours": 10, "day_job_ok": 1}),
    N("seven hours, day job fine", "stretch_overload", session="stretch-check", mentee={"stretch_hours": 7}),
    N("day job a 3", "stretch_overload", session="stretch-check", mentee={"day_job_ok": 3}),
    N("six hours, day job a 3", "stretch_overload", session="stretch-check", mentee={"stretch_hours": 6,
                                                                                   "day_job_ok": 3}),
    # ---- the sponsor out of sight
    P("no check-in, says the mentee", "sponsor_invisible", session="stretch-check", mentee={"sponsor_contact": 0}),
    P("no check-in, says the sponsor", "sponsor_invisible", session="stretch-check",
      sponsor={"sponsor_contact_sponsor": 0}, says="as the sponsor counts them (S-C2: sponsor 0)"),
    P("the sponsor does not know the work", "sponsor_invisible", session="stretch-check",
      sponsor={"sponsor_knows_work": 2}),
    N("one check-in each", "sponsor_invisible", session="stretch-check", mentee={"sponsor_contact": 1},
      sponsor={"sponsor_contact_sponsor": 1}),
    N("knows the work fairly", "sponsor_invisible", session="stretch-check", sponsor={"sponsor_knows_work": 3}),
    N("the sponsor has not answered yet", "sponsor_invisible", session="stretch-check", sponsor={"skip": True}),
]


# ---------------------------------------------------------------- cohort cases

CHALLENGES = ["Finding a good first project", "Learning the new reporting system",
              "Preparing for the quarterly review", "Getting used to remote work"]
LEARNED = ["How her team runs its retros", "Shortcuts in the new reporting tool", "What new starters find confusing",
           "How he keeps meetings short"]


@dataclass
class CohortCase:
    name: str
    pattern: str
    positive: bool
    meetings: list[dict[int, dict[str, Any]]]  # per meeting: mentor number -> measure -> value
    statuses: list[dict[int, str]] = field(default_factory=list)  # per meeting: carried commitment statuses
    absent: list[set[int] | None] = field(default_factory=list)  # per meeting: who is marked absent (None: no register)
    says: str = ""

    @property
    def expected(self) -> set[str]:
        return {self.pattern} if self.positive else set()


def C(name, pattern, positive, *meetings, statuses=(), absent=(), says="") -> CohortCase:
    return CohortCase(name, pattern, positive, list(meetings), list(statuses), list(absent), says)


def learning(*texts: str | None) -> dict[int, dict[str, Any]]:
    return {i: {"reverse_learning": t} for i, t in enumerate(texts)}


def met(*counts: int | None) -> dict[int, dict[str, Any]]:
    return {i: {"meetings_held": n} for i, n in enumerate(counts)}


def said(*texts: str) -> dict[int, dict[str, Any]]:
    return {i: {"challenge_theme": t} for i, t in enumerate(texts)}


def status(value: str | None, measure: str = "relationship_status") -> dict[int, dict[str, Any]]:
    """Mentor 0's answer at one meeting (None: no answer)."""
    return {0: {measure: value}}


COHORT_CASES = [
    # ---- a challenge theme raised by several mentors in one meeting
    C("three on time", "shared_challenge", True,
      said("No time lately, we are both busy", "We had to reschedule twice", "Cancelled sessions because of workload")),
    C("four on engagement", "shared_challenge", True,
      said("My mentee went quiet", "He has been unresponsive", "No reply to my last two messages",
           "She seems disengaged")),
    C("three on direction", "shared_challenge", True,
      said("Unclear what the goal is now", "We are stuck on objective 2", "She lost focus after the reorg")),
    C("two on time", "shared_challenge", False,
      said("No time lately", "We had to reschedule twice", CHALLENGES[2], CHALLENGES[3])),
    C("three different themes", "shared_challenge", False,
      said("We had to reschedule twice", "Her confidence dropped", "It is hard to build trust")),
    C("time words that are not the theme", "shared_challenge", False,
      said("The timeline slipped", "Timing of our calls is fine", "Time flies with her")),
    # ---- a mentor whose status stays red
    C("red twice", "red_streak", True, status("red"), status("red")),
    C("amber, red, red", "red_streak", True, status("amber"), status("red"), status("red")),
    C("red three times", "red_streak", True, status("red"), status("red"), status("red")),
    C("red, amber, red", "red_streak", False, status("red"), status("amber"), status("red")),
    C("red, then green", "red_streak", False, status("red"), status("green")),
    C("red at the first meeting", "red_streak", False, status("red")),
    C("red, no answer, red", "red_streak", False, status("red"), status(None), status("red")),
    # ---- commitments not kept two months running
    C("not yet twice", "commitments_not_kept", True,
      status("not yet", measure="commitment_status"), status("not yet", measure="commitment_status")),
    C("carried: not yet, then dropped", "commitments_not_kept", True, {}, {}, {},
      statuses=[{}, {0: "not yet"}, {0: "dropped"}]),
    C("dropped, then carried not yet", "commitments_not_kept", True, {},
      status("dropped", measure="commitment_status"), {}, statuses=[{}, {}, {0: "not yet"}]),
    C("not yet, then done", "commitments_not_kept", False,
      status("not yet", measure="commitment_status"), status("done", measure="commitment_status")),
    C("done, then not yet", "commitments_not_kept", False,
      status("done", measure="commitment_status"), status("not yet", measure="commitment_status")),
    C("carried: not yet, then done", "commitments_not_kept", False, {}, {}, {},
      statuses=[{}, {0: "not yet"}, {0: "done"}]),
    C("not yet, done, not yet", "commitments_not_kept", False,
      status("not yet", measure="commitment_status"), status("done", measure="commitment_status"),
      status("not yet", measure="commitment_status")),
    # ---- generic stems no longer make a theme
    C("goal words everywhere", "shared_challenge", False,
      said("My goal this month is to listen more", "We set a new goal together", "She met her first goal")),
    C("honest and stuck", "shared_challenge", False,
      said("We had an honest talk about pace", "I was stuck in traffic for our call", "Honestly it went well")),
    C("no time, said in the negative", "shared_challenge", False,
      said("It is not that we have no time", "We never reschedule", "No calendar trouble at all, luckily")),
    # ---- absent at consecutive meetings (attendance taken)
    C("absent twice", "absence_streak", True, {}, {}, absent=[{0}, {0}], says="absent at 2 meetings running"),
    C("present, absent, absent", "absence_streak", True, {}, {}, {}, absent=[set(), {0}, {0}]),
    C("absent three times", "absence_streak", True, {}, {}, {}, absent=[{0}, {0}, {0}]),
    C("absent, present, absent", "absence_streak", False, {}, {}, {}, absent=[{0}, set(), {0}]),
    C("absent once", "absence_streak", False, {}, {}, absent=[set(), {0}]),
    C("absent, no register taken, absent", "absence_streak", False, {}, {}, {}, absent=[{0}, None, {0}]),
    # ---- most mentors learn little from their mentees
    C("three of four, not much", "cohort_one_way_street", True,
      learning("Not much", "Nothing yet", "Not much, to be honest", "How she runs a retro"),
      says="3 of 4 mentors name little or nothing"),
    C("all four", "cohort_one_way_street", True, learning("nothing", "Not really", "little", "Hard to say")),
    C("three of three who answered", "cohort_one_way_street", True, learning("Not much", "nothing new", "n/a", None)),
    C("two of four", "cohort_one_way_street", False,
      learning("Not much", "Nothing yet", "How she runs a retro", "Her view of our app")),
    C("little things add up", "cohort_one_way_street", False,
      learning("Little things add up: her shortcuts", "Not much, but her dashboards are great",
               "How she plans a sprint", "nothing")),
    C("one of four", "cohort_one_way_street", False,
      learning("nothing", "How she plans a sprint", "Her view of our app", "How she runs a retro")),
    # ---- few meetings this month across the cohort
    C("two of four once or never", "low_meeting_counts", True, met(0, 1, 3, 2),
      says="2 of 4 mentors met their mentee once or not at all this month: Cohort"),
    C("three of four never", "low_meeting_counts", True, met(0, 0, 0, 4)),
    C("everyone once", "low_meeting_counts", True, met(1, 1, 1, 1)),
    C("one of four never", "low_meeting_counts", False, met(0, 2, 3, 2)),
    C("everyone twice", "low_meeting_counts", False, met(2, 2, 2, 2)),
    C("the only answer is a zero", "low_meeting_counts", False, met(0, None, None, None)),
]


# ---------------------------------------------------------------- building the corpus


def codes(session: Session, measure: str, role: str) -> list[str]:
    return [q.code for s, q in session.questions()
            if q.measure == measure and not q.private and role in session.answering_roles(s, q)]


def sheet(session: Session, role: str, *layers: dict[str, Any]) -> dict[str, Any]:
    """Answers by code for one role, from answers by measure (later layers win; None = blank)."""
    merged: dict[str, Any] = {}
    for layer in layers:
        merged.update(layer)
    out: dict[str, Any] = {}
    for measure, value in merged.items():
        targets = codes(session, measure, role)
        values = value if isinstance(value, list) else [value] * len(targets)
        for code, v in zip(targets, values):
            if v is not None:
                out[code] = v
    return out


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> tuple[Analysis, dict[str, list[str]]]:
    root: Path = tmp_path_factory.mktemp("corpus")
    (root / "sessions").mkdir()
    for name in ("stretch-check", "goal-kickoff", "short-check", "reverse-check"):
        shutil.copy(SESSIONS / f"{name}.toml", root / "sessions")
    ws = Workspace(root)
    today = date.today()
    program = Program(cohorts=[Cohort(id=f"c{k}", name=f"Cohort {k}") for k in range(len(COHORT_CASES))])
    for n, case in enumerate(PAIR_CASES):
        program.people += [Person(id=f"m{n}", name=f"Mentor {n}"), Person(id=f"e{n}", name=f"Mentee {n}")]
        program.pairs.append(Pair(id=f"p{n}", mentor=f"m{n}", mentee=f"e{n}",
                                  started=(today - timedelta(weeks=case.weeks)).isoformat()))
    for k, _ in enumerate(COHORT_CASES):
        for i in range(4):
            program.people += [Person(id=f"c{k}m{i}", name=f"Cohort {k} mentor {i}"),
                               Person(id=f"c{k}e{i}", name=f"Cohort {k} mentee {i}")]
            program.pairs.append(Pair(id=f"c{k}p{i}", mentor=f"c{k}m{i}", mentee=f"c{k}e{i}", cohort=f"c{k}"))
    ws.save_program(program)

    runs: dict[str, list[str]] = {}
    for n, case in enumerate(PAIR_CASES):
        runs[key(case)] = [_pair_runs(ws, n, case)]
    for k, case in enumerate(COHORT_CASES):
        runs[key(case)] = _cohort_runs(ws, k, case)
    return Analysis(Workspace(root)), runs


def _pair_runs(ws: Workspace, n: int, case: PairCase) -> str:
    mentor, mentee = f"m{n}", f"e{n}"
    layers = {role: (BASE["both"], BASE[role], case.both, getattr(case, role)) for role in ("mentor", "mentee")}
    with RunEngine.create(ws, "expectations", pair=f"p{n}") as kickoff:
        session = kickoff.session
        own = layers if case.session == "expectations" else {r: (BASE["both"], BASE[r]) for r in layers}
        extra = {code: _milestones(v) if code == "E-L2" else v for code, v in case.kickoff.items()}
        kickoff.answer_many(mentee, sheet(session, "mentee", *own["mentee"]) | {"E-A11": case.cadence} | extra,
                            "sheet")
        kickoff.answer_many(mentor, sheet(session, "mentor", *own["mentor"]), "sheet")
        for step in session.steps[1:]:  # through the reveal: what was written there becomes the agreement's
            kickoff.jump(step.id, close_missing=True)
        kickoff.finish()
        if case.session == "expectations":
            return kickoff.record.id
    if case.before is not None:
        with RunEngine.create(ws, "midpoint", pair=f"p{n}") as run:
            for person, role in ((mentor, "mentor"), (mentee, "mentee")):
                run.answer_many(person, sheet(run.session, role, BASE["both"], BASE[role], case.before.get("both", {}),
                                              case.before.get(role, {})), "sheet")
            run.finish()
    if case.session == "stretch-check":
        return _with_sponsor(ws, n, case, layers)
    with RunEngine.create(ws, case.session, pair=f"p{n}") as run:
        run.answer_many(mentor, sheet(run.session, "mentor", *layers["mentor"]), "sheet")
        run.answer_many(mentee, sheet(run.session, "mentee", *layers["mentee"]), "sheet")
        return run.record.id


def _milestones(which: str) -> list[list[str]]:
    """The kickoff's milestones: objective 2 starting after the midpoint (LATER2) or already due (DUE2)."""
    today = date.today()
    second = today + timedelta(weeks=8) if which == "LATER2" else today - timedelta(weeks=4)
    return [["1", "Shadow a review meeting", "discovery", f"{(today - timedelta(weeks=9)):%-d %B %Y}"],
            ["1", "Run the review alone", "mastery", f"{(today + timedelta(weeks=4)):%-d %B %Y}"],
            ["2", "Draft the budget with finance", "practice", f"{second:%-d %B %Y}"]]


def _with_sponsor(ws: Workspace, n: int, case: PairCase, layers) -> str:
    """A stretch check-in with a sponsor answering, written as a record."""
    session = ws.library.get("stretch-check")
    stamp = now_iso()
    run_id = f"{stamp[:10]}-stretch-check-p{n}"
    people = [(f"m{n}", "mentor"), (f"e{n}", "mentee"), (f"s{n}", "sponsor")]
    answers = {**layers, "sponsor": () if case.sponsor.get("skip") else (BASE["sponsor"], case.sponsor)}
    entries = [Entry(person=p, role=r, code=code, value=v, at=stamp, source="sheet")
               for p, r in people for code, v in sheet(session, r, *answers[r]).items()]
    record = Record(id=run_id, session=session.id, session_title=session.title, kind=session.kind, pair=f"p{n}",
                    created=stamp, updated=stamp, participants=[Participant(person=p, role=r) for p, r in people],
                    entries=entries, step=len(session.steps) - 1)
    save_record(record_path(ws.records_dir, run_id), record)
    return run_id


def _cohort_runs(ws: Workspace, k: int, case: CohortCase) -> list[str]:
    ids = []
    for m, answers in enumerate(case.meetings):
        with RunEngine.create(ws, "cohort-meeting", cohort=f"c{k}") as run:
            absent = case.absent[m] if m < len(case.absent) else None
            if absent is not None:
                run.set_attendance([f"c{k}m{i}" for i in range(4) if i not in absent])
            for i in range(4):
                if absent and i in absent:
                    continue
                base = {"relationship_status": "green", "win": "We finished the first milestone",
                        "challenge_theme": CHALLENGES[i], "commitment_status": "done",
                        "commitment": "Try the two-question check-in",
                        "reverse_learning": LEARNED[i], "meetings_held": 3}
                run.answer_many(f"c{k}m{i}", sheet(run.session, "mentor", base, answers.get(i, {})), "sheet")
            wanted = case.statuses[m] if m < len(case.statuses) else {}
            for index, c in enumerate(run.record.carried):
                person = int(c.person.rsplit("m", 1)[1])
                if person in wanted:
                    run.set_commitment_status(index, wanted[person])
            ids.append(run.record.id)
    return ids


# ---------------------------------------------------------------- the checks

ALL_CASES = [*PAIR_CASES, *COHORT_CASES]


def key(case: PairCase | CohortCase) -> str:
    return f"{case.pattern}:{'+' if case.positive else '-'}:{case.name}"


@pytest.mark.parametrize("case", ALL_CASES, ids=key)
def test_each_situation_shows_exactly_its_patterns(corpus, case):
    analysis, runs = corpus
    record = analysis.workspace.load_run(runs[key(case)][-1])
    findings = run_findings(analysis, record)
    found = {f.id for f in findings if f.status != "no data"}
    assert found == case.expected, [f.summary for f in findings if f.status != "no data"]
    for f in findings:
        if f.status != "no data":
            _check_evidence(analysis, record, f)
    if case.says:
        (mine,) = [f for f in findings if f.id == case.pattern and f.found]
        assert case.says in mine.summary, mine.summary


def _check_evidence(analysis, record, finding) -> None:
    """Every finding cites real, non-private answers of the runs it names."""
    assert finding.evidence and finding.summary
    for e in finding.evidence:
        if e.source != "answer":
            continue
        run = record if e.run == record.id else analysis.workspace.load_run(e.run)
        session = analysis.workspace.library.get(run.session)
        assert not session.question(e.code).private
        value = next((x.value for x in run.entries if x.code == e.code and x.person == e.person), "")
        assert value == e.value, (e.code, e.person)


def test_the_corpus_covers_every_pattern_both_ways():
    library_ids = {p.id for p in load_patterns().patterns if p.level != "program"}
    assert len(library_ids) == 24
    counts = {}
    for pattern in sorted(library_ids):
        cases = [c for c in ALL_CASES if c.pattern == pattern]
        counts[pattern] = (sum(c.positive for c in cases), sum(not c.positive for c in cases))
        assert counts[pattern][0] >= 3 and counts[pattern][1] >= 3, (pattern, counts[pattern])
    print("\nprecision corpus: pattern, positive cases, near misses")
    for pattern, (pos, neg) in counts.items():
        print(f"  {pattern:28} {pos:2} {neg:2}")
    print(f"  {'total':28} {sum(p for p, _ in counts.values()):2} {sum(n for _, n in counts.values()):2}")


def test_the_baseline_shows_nothing(corpus):
    """The healthy baseline itself (a near miss for every pattern) is clean in all three pair sessions."""
    analysis, _ = corpus
    ws = analysis.workspace
    program = ws.program()
    program.people += [Person(id="bm", name="Base Mentor"), Person(id="be", name="Base Mentee")]
    program.pairs.append(Pair(id="base", mentor="bm", mentee="be",
                              started=(date.today() - timedelta(weeks=12)).isoformat()))
    ws.save_program(program)
    case = PairCase("baseline", "", False)
    for session in ("midpoint", "closing"):
        case.session = session
        with RunEngine.create(ws, "expectations", pair="base") as kickoff:
            kickoff.answer_many("be", sheet(kickoff.session, "mentee", BASE["both"], BASE["mentee"])
                                | {"E-A11": case.cadence}, "sheet")
            kickoff.answer_many("bm", sheet(kickoff.session, "mentor", BASE["both"], BASE["mentor"]), "sheet")
            kickoff.finish()
            assert not [f.id for f in run_findings(Analysis(ws), kickoff.record) if f.status != "no data"]
        with RunEngine.create(ws, session, pair="base") as run:
            run.answer_many("bm", sheet(run.session, "mentor", BASE["both"], BASE["mentor"]), "sheet")
            run.answer_many("be", sheet(run.session, "mentee", BASE["both"], BASE["mentee"]), "sheet")
            findings = run_findings(Analysis(ws), run.record)
        assert findings == [], [(f.id, f.summary) for f in findings]
