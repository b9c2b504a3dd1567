"""The spring cohort's two monthly meetings."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

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
