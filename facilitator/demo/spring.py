"""The spring cohort's pairs: a perception gap, performed agreement, a healthy pair, one gone quiet."""

from __future__ import annotations

from facilitator.demo.story import CHECK_IN, _Dates, _PairStory, _Run


def _helen_tomas(d: _Dates) -> _PairStory:
    cadence_v1 = "Every two weeks, 60 minutes."
    expectations = _Run(
        week=0, at="09:00",
        mentee={
            "E-W1": "I want to get confident presenting my analysis to people who are not analysts (service "
                    "managers, councillors) and to lead one piece of work from the question to the decision, "
                    "instead of handing over a spreadsheet. By the end I'd like to be seen as someone who owns "
                    "a project, not only someone who runs queries.",
            "E-W2": "Turning findings into a recommendation. I can build the model; I freeze when someone asks "
                    "\"so what should we do?\"",
            "E-T2": "I work compressed hours with Fridays off, so Monday to Thursday only. I don't know much "
                    "about how senior people make decisions, so some of my questions will be basic.",
            "E-T1": "Every two weeks for an hour. In person at first, then video is fine. Early mornings suit "
                    "me best.",
            "E-W3": "weekly check-in",
            "E-T3": "I have presented to a decision-making group at least twice, someone acted on my "
                    "recommendation, and I feel less sick beforehand.",
            "E-W4": "I can show Helen how our team uses open data and the new council dashboards, and what it "
                     "is like to start out in data now: the tools and the job market have changed a lot.",
            "E-P1": "Helen is clearly very busy. I don't want to be a burden, so I might not say anything if "
                    "meetings slip.",
            "E-L1": [
                ["Present the bus-stop usage analysis to the transport committee",
                 "Presentation given, and the committee acts on or asks to follow up a recommendation",
                 d.month(17)],
                ["Lead the library opening-hours review from scoping to recommendation",
                 "Scoping note agreed with my manager, final recommendation delivered", d.month(26)],
                ["Build a one-page \"findings to recommendation\" template",
                 "Used on at least three requests", d.month(12)],
            ],
            "E-L2": [
                ["1", "Shadow one of Helen's team presenting a quarterly review", "discovery", d.day(4)],
                ["1", "Dry run of the committee deck with my own team", "practice", d.day(12)],
                ["1", "Committee presentation, debrief with Helen the same week", "feedback", d.day(17)],
                ["2", "Scoping note and stakeholder list for the opening-hours review", "discovery", d.day(8)],
                ["2", "First stakeholder interviews run on my own", "practice", d.day(16)],
                ["2", "Draft recommendation reviewed by Helen and my manager", "feedback", d.day(22)],
                ["3", "Template used on a new request without help", "mastery", d.day(12)],
            ],
            "E-L3": "I have given the committee presentation, led the opening-hours review to a decision, and I "
                    "go into a presentation nervous but prepared instead of dreading it.",
            "E-S1": "Data analyst in the council's performance team, 14 months in. I answer data requests from "
                    "service managers, keep two dashboards running and write the monthly performance pack. "
                    "Managers expect quick numbers. I'm unsure whether I'm allowed to push back on a badly "
                    "framed question or suggest a different analysis.",
            "E-L4": [
                ["Prepare the committee deck", "Tomás", "Helen (review), my team lead", "4 months",
                 "The recommendation gets heard, not just the numbers"],
                ["Set the agenda for each meeting", "Tomás", "Helen", "Ongoing", "Meetings follow my questions"],
                ["Introduce Tomás to someone who presents to boards", "Helen", "", "2 months",
                 "A second view on presenting"],
                ["Scope the opening-hours review", "Tomás", "My manager", "6 months",
                 "The first project I own end to end"],
            ],
            "E-L5": "I decide what I work on and how; Helen advises and challenges. My manager decides my "
                    "workload and which projects I take on. If we disagree or get stuck, we say so at the next "
                    "meeting; if that doesn't help, we ask the programme coordinator for a three-way chat.",
            "E-L6": [
                ["Committee presentation delivered", "x", ""],
                ["Lead the opening-hours review", "x", ""],
                ["Meet someone from Helen's network who presents to boards", "", "x"],
                ["Learn enough Python to automate the monthly pack", "", "x"],
            ],
            "E-L7": cadence_v1,
            "E-L8": ["In person", "Video call", "Chat"],
            "E-L9": "Whoever needs to move a meeting tells the other by chat at least 24 hours ahead and offers "
                     "two new times in the same week.",
            "E-L10": CHECK_IN,
            "E-L11": d.on(d.midpoint).isoformat(),
        },
        mentor={
            "E-O1": "I think Tomás wants to get better at presenting and to be taken more seriously by senior "
                    "managers. Possibly also to work out whether he stays in local government or moves to the "
                    "private sector.",
            "E-O2": "Twenty years in analytics, the last eight leading teams that present to boards. I can "
                    "review decks, rehearse the hard questions with him, and introduce him to two or three "
                    "people in my network. Realistically an hour every two weeks plus short messages.",
            "E-T2": "My diary is unpredictable around month-end and quarter-end; meetings may have to move then. "
                    "I don't know local government or its politics well, and I'm no longer hands-on with "
                    "today's tools.",
            "E-T1": "Every two weeks, an hour. Video is easiest for me; in person once a month if we can.",
            "E-O3": "occasional message",
            "E-T3": "Tomás presents something important without me in the room, and tells me afterwards what "
                    "he would do differently before I have to say it.",
            "E-O4": "How newer analysts learn and which tools they reach for. And how the council actually "
                     "uses data; I only ever see it from the outside.",
            "E-P1": "Quarter-end will be tight in about six weeks. I'll do my best to keep our slots.",
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
            "M-O1": "occasional message",
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
            "M-A6": d.on(d.closing + 2).isoformat(),
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
            "E-W1": "I want to move from product design towards leading user research: plan and run studies on "
                    "my own, and get research into our product decisions earlier. By the end I'd like to have "
                    "led one study that changed a roadmap decision.",
            "E-W2": "Designing a study: a clear question, a method, a sample and a budget. I can run an "
                    "interview, but I have never planned a whole study.",
            "E-T2": "I have a small child, so evenings are out. Beyond interviews I'm new to research methods.",
            "E-T1": "Every three weeks, an hour on video. Lunchtime works best for me.",
            "E-W3": "occasional message",
            "E-T3": "I have planned and led a study end to end, and at least one product decision cites it.",
            "E-W4": "How a small design team works day to day and what designers need from research. I'm also "
                     "quick with FigJam if Rajesh ever wants a hand with a workshop board.",
            "E-P1": "Rajesh is very senior. I'm a bit in awe of him and worried I'll waste his time with small "
                    "questions.",
            "E-L1": [
                ["Plan and lead the onboarding research study",
                 "Study plan approved, findings presented to the product team", d.month(22)],
                ["Get research into the roadmap discussion for next quarter",
                 "At least one roadmap item cites our research", d.month(22)],
                ["Set up a research repository for my team", "Used by at least three colleagues", d.month(30)],
            ],
            "E-L2": [
                ["1", "Read three of Rajesh's team's study plans", "discovery", d.day(4)],
                ["1", "Draft my own study plan for onboarding", "practice", d.day(9)],
                ["1", "Plan reviewed by Rajesh and my manager", "feedback", d.day(12)],
                ["1", "Run and synthesise the study on my own", "mastery", d.day(20)],
                ["2", "Present findings at the roadmap review", "feedback", d.day(22)],
                ["3", "Repository set up with the first five studies", "practice", d.day(26)],
            ],
            "E-L3": "I can plan a study without help, the team asks for research before deciding, and I feel I "
                    "belong in research conversations.",
            "E-S1": "Product designer, two years in a team of four designers working on an accounting product. "
                    "I design features end to end and run the occasional interview. My manager expects polished "
                    "designs fast; research happens when there is time. I'm not sure I can say no to a feature "
                    "until the idea has been tested.",
            "E-L4": [
                ["Write the onboarding study plan", "Lena", "Rajesh (review)", "6 weeks",
                 "The team sees research as planned work, not a favour"],
                ["Share templates and example plans", "Rajesh", "", "2 weeks", "Lena starts from good examples"],
                ["Recruit participants", "Lena", "Customer support team", "2 months", "Real customers, not colleagues"],
            ],
            "E-L5": "I decide what I work on and how I run my studies; Rajesh advises. My manager decides "
                    "priorities. If we disagree or get stuck we say so in the meeting; if that doesn't help, we "
                    "ask the programme coordinator.",
            "E-L6": [
                ["Onboarding study planned and led by me", "x", ""],
                ["Research cited in a roadmap decision", "x", ""],
                ["Introductions to researchers in Rajesh's network", "", "x"],
                ["Research repository", "", "x"],
            ],
            "E-L7": "Every three weeks, 60 minutes, on video.",
            "E-L8": ["Video call", "Email"],
            "E-L9": "At least two working days' notice by email; the person who moves the meeting offers two "
                     "new times.",
            "E-L10": ["Is our meeting structure working for you?", "What do you need that we are not getting to?",
                      "What should we do differently next time?"],
            "E-L11": d.on(d.midpoint).isoformat(),
        },
        mentor={
            "E-O1": "Lena wants to become a user researcher, or at least do much more research inside her "
                    "design role, and to have more say in what gets built.",
            "E-O2": "Fifteen years in design and research; I built the research team at my company from one "
                    "person to twelve. I can review study plans, share templates and introduce her to "
                    "researchers in my network. An hour every three weeks.",
            "E-T2": "I travel about one week a month. I know big-company research; I don't know what is "
                    "realistic in a small team.",
            "E-T1": "Every three weeks, an hour on video. I'll try to keep the slot fixed.",
            "E-O3": "occasional message",
            "E-T3": "Lena plans a study without me, and I would happily hire her as a researcher.",
            "E-O4": "What research looks like with no budget and no research team. My own people have "
                     "forgotten.",
            "E-P1": "Nothing in particular. Looking forward to it.",
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
            "M-O1": "occasional message",
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
            "M-A6": d.on(d.closing).isoformat(),
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
            "C-M1": "How to design a study: a sharp question first, then the method, then a sample I can defend "
                    "in front of a product manager.",
            "C-I1": "Other researchers to learn from, now that I'll be the only one in my team, and the habit of "
                    "asking for critique early.",
            "C-R1": 5, "C-R2": 5, "C-R3": 5, "C-R4": 2, "C-R5": 4, "C-R6": 4, "C-R7": 5, "C-R8": 5, "C-R9": 4,
            "C-R10": 5, "C-R11": 5, "C-R12": 4, "C-R13": 2,
            "C-N1": 7, "C-N2": 1,
            "C-G1": 5, "C-G2": 4, "C-S1": 5, "C-G3": 5,
            "C-T1": True,
            "C-T2": "A message when I finish my first study in the new role; I'll reach out first.",
            "C-I2": "Set up the research repository in my first month as a researcher.",
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
            "C-S1": 5,
            "C-T1": True,
            "C-H1": "Email me a study plan whenever you want a second pair of eyes; I answer within a week.",
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
            "E-W1": "I want to qualify as a chartered accountant and take responsibility for a real budget. In a "
                    "year I'd like to be the person the repairs team comes to for their numbers.",
            "E-W2": "Explaining numbers to managers outside finance, and the confidence that I'm allowed to "
                    "challenge them.",
            "E-T2": "I study for my exams in the evenings, so the weeks before an exam are tight. I don't know "
                    "much about how the board and the senior team use our numbers.",
            "E-T1": "Weekly at first, then every two weeks; 45 minutes, in person if possible.",
            "E-W3": "weekly check-in",
            "E-T3": "I have passed two more exams and the repairs budget I drafted is signed off.",
            "E-W4": "How finance looks from the transaction side today, and the study tools I use.",
            "E-P1": "English is my second language; sometimes I need a moment to find the words in meetings.",
            "E-L1": objectives,
            "E-L2": [
                ["1", "Past papers under exam conditions, marked together", "practice", d.day(2)],
                ["2", "Walk through last year's repairs spend with the repairs manager", "discovery", d.day(6)],
                ["2", "First draft of the budget and its assumptions", "practice", d.day(11)],
                ["2", "Grace challenges the draft as the head of property would", "feedback", d.day(14)],
                ["3", "Revision plan for Financial Reporting", "discovery", d.day(17)],
                ["3", "Two full mock exams", "practice", d.day(27)],
            ],
            "E-L3": "I have passed both exams, the repairs budget is signed off, and I can explain a variance "
                    "to a manager without checking my notes.",
            "E-S1": "Assistant accountant at a housing association, 18 months in. I process invoices, reconcile "
                    "accounts and help with month-end. The repairs team asks me for numbers; I'm not sure if I'm "
                    "allowed to question their spending.",
            "E-L4": [
                ["Draft the repairs budget", "Wei", "Repairs manager, Grace (challenge)", "4 months",
                 "A budget the repairs team actually uses"],
                ["Exam revision plan", "Wei", "Grace", "Each exam", "Passes at the first attempt"],
                ["Explain one variance to a manager each month", "Wei", "My manager", "Ongoing",
                 "Confidence with people outside finance"],
            ],
            "E-L5": "I decide what to study and which exam comes next; Grace advises. My manager decides my "
                    "workload. If it is about my job, I go to my manager; if it is about the mentoring, to the "
                    "programme coordinator.",
            "E-L6": [
                ["Management Accounting passed", "x", ""],
                ["Repairs budget signed off", "x", ""],
                ["Present the budget to the senior team myself", "", "x"],
            ],
            "E-L7": "Weekly for the first month, then every two weeks; 45 minutes.",
            "E-L8": ["In person", "Video call", "Chat"],
            "E-L9": "Tell each other by chat at least a day before; the person who cancels suggests a new time "
                     "in the same week.",
            "E-L10": CHECK_IN,
            "E-L11": d.on(d.midpoint).isoformat(),
        },
        mentor={
            "E-O1": "To qualify, and to be taken seriously by managers outside finance.",
            "E-O2": "Twenty-five years in finance, the last ten as a finance director. I can help with exam "
                    "strategy, building a budget and talking to managers about money. Weekly at first, then "
                    "every two weeks; a quick message in between is fine.",
            "E-T2": "Board weeks, every other month, are busy. I qualified a long time ago and the exams have "
                    "changed.",
            "E-T1": "Weekly for the first month, then every two weeks, 45 minutes in my office.",
            "E-O3": "weekly check-in",
            "E-T3": "Wei disagrees with me, with good reasons, at least once.",
            "E-O4": "What finance looks like from the transaction side these days, and how he studies.",
            "E-P1": "I'm a peer of his director. I'll keep what he tells me confidential, and he should hear "
                    "that from me.",
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
            "M-O1": "weekly check-in",
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
            "M-A6": d.on(d.closing).isoformat(),
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
            "C-M1": "How a finance director reads a budget: the assumptions first, the numbers second. And that I "
                    "am allowed to question a manager's spending.",
            "C-I1": "Someone senior in my own organisation to test ideas on, and the chance to present next "
                    "year's budget myself.",
            "C-R1": 5, "C-R2": 5, "C-R3": 5, "C-R4": 4, "C-R5": 5, "C-R6": 4, "C-R7": 5, "C-R8": 5, "C-R9": 5,
            "C-R10": 5, "C-R11": 4, "C-R12": 4, "C-R13": 3,
            "C-N1": 14, "C-N2": 1,
            "C-G1": 5, "C-G2": 5, "C-S1": 5, "C-G3": 4,
            "C-P1": "Grace kept her promise about confidentiality. That made all the difference.",
            "C-T1": True,
            "C-T2": "Lunch after my exam results, then every few months. I'll reach out first.",
            "C-I2": "Sit Financial Reporting in three weeks; then ask my director if I can present next year's "
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
            "C-S1": 5,
            "C-T1": True,
            "C-H1": "An email before any big career decision or exam choice; I answer within a week.",
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
            "E-W1": "I want to become a project manager: run a project with its own budget, and negotiate "
                    "better with suppliers and funders. Our charity is growing and I'd like to be ready when a "
                    "project manager role opens.",
            "E-W2": "Negotiating. I accept the first price because I don't want to seem difficult.",
            "E-T2": "I work part-time and have a second job at weekends; Monday to Wednesday mornings are best. "
                    "I have never managed a budget over £5,000.",
            "E-T1": "Once a month, 90 minutes, in person.",
            "E-W3": "occasional message",
            "E-T3": "I have renegotiated at least one supplier contract and led a small project from plan to "
                    "final report.",
            "E-W4": "A look inside a small community charity: volunteers, tiny budgets and funders' reports.",
            "E-P1": "Money is tight at home and I sometimes have to take extra shifts at short notice.",
            "E-L1": [
                ["Renegotiate the catering contract for the community café", "Lower price or better terms agreed "
                 "in writing", d.month(16)],
                ["Lead the winter coat drive as project lead", "Plan, budget and final report delivered to the "
                 "trustees", d.month(24)],
                ["Complete an introductory project management course", "Certificate", d.month(30)],
            ],
            "E-L2": [
                ["1", "List what we buy from the caterer and what it costs", "discovery", d.day(4)],
                ["1", "Role-play the negotiation with David", "practice", d.day(8)],
                ["1", "Meet the caterer, debrief with David", "feedback", d.day(14)],
                ["2", "Coat drive plan and budget approved by my manager", "practice", d.day(12)],
                ["2", "Final report to the trustees, written by me", "mastery", d.day(24)],
            ],
            "E-L3": "I have led the coat drive, negotiated one contract, and I can talk to a supplier without "
                    "apologising.",
            "E-S1": "Project coordinator (part-time) at a community charity. I organise volunteers, book venues "
                    "and keep the café running. My manager expects me to sort things out without asking; I'm "
                    "unsure how much I may spend or commit without her.",
            "E-L4": [
                ["Prepare the catering negotiation", "Amina", "David (role-play)", "3 months",
                 "Money saved goes to the café's free meals"],
                ["Coat drive plan and budget", "Amina", "My manager", "5 months", "My first project as lead"],
                ["Share a negotiation checklist", "David", "", "1 month", "Something to hold on to in the room"],
            ],
            "E-L5": "I decide how I run my work and the café; my manager decides on spending over £500. David "
                    "advises. If we are stuck we ask the programme coordinator.",
            "E-L6": [
                ["Catering contract renegotiated", "x", ""],
                ["Coat drive led by me", "x", ""],
                ["Project management certificate", "", "x"],
            ],
            "E-L7": "Once a month, 90 minutes, in person at the community centre.",
            "E-L8": ["In person", "Phone", "Chat"],
            "E-L9": "Message as early as possible; whoever cancels offers two new dates.",
            "E-L10": CHECK_IN,
            "E-L11": d.on(d.midpoint).isoformat(),
        },
        mentor={
            "E-O1": "To get a project manager role, and to feel more confident with suppliers and budgets.",
            "E-O2": "Thirty years of construction project management and a great many supplier negotiations. "
                    "I'm semi-retired, so I have time: monthly meetings plus a weekly message if that helps.",
            "E-T2": "I don't know the charity sector. I'm away for two weeks in January.",
            "E-T1": "Monthly, in person, 90 minutes. Happy to come to her.",
            "E-O3": "weekly check-in",
            "E-T3": "Amina negotiates a contract and tells me about it afterwards instead of asking me first.",
            "E-O4": "How charities get so much done with so little.",
            "E-P1": "Nothing for now.",
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
            "M-O1": "weekly check-in",
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
