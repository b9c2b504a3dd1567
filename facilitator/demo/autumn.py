"""The autumn cohort's pairs, in a twelve-week format."""

from __future__ import annotations

from facilitator.demo.story import CHECK_IN, _Dates, _PairStory, _Run


def _sofia_kwame(d: _Dates) -> _PairStory:
    expectations = _Run(
        week=0, at="09:30",
        mentee={
            "E-W1": "I want to move from HR advisor to HR business partner: be the person a head of department "
                    "calls before a decision, not after it. I'd like to lead a consultation myself and coach "
                    "managers through hard conversations instead of sitting in as the note-taker.",
            "E-W2": "Holding my ground with senior managers. I know the policy better than they do, but when a "
                    "head of department pushes back, I give in.",
            "E-T2": "Enrolment and exam boards are our busy times. I study for my CIPD Level 5 on Wednesday "
                    "evenings. I have only ever worked in education.",
            "E-T1": "Every two weeks, 45 minutes. Video is fine; in person once a month would be good.",
            "E-W3": "occasional message",
            "E-T3": "A head of department asks for my view before deciding, and I have led a consultation from "
                    "start to finish.",
            "E-W4": "How further education works from the inside, and how people starting out see HR. I also know "
                     "our new HR system inside out.",
            "E-P1": "I'm the only person of colour in our HR team, and sometimes I feel I have to be twice as "
                    "careful. I'd like to talk about that at some point, when I'm ready.",
            "E-L1": [
                ["Lead the consultation on restructuring the timetabling team",
                 "Consultation run by me and closed on time, with no grievance", d.month(10)],
                ["Coach three managers through a difficult conversation",
                 "Three managers say they handled it themselves", d.month(11)],
                ["Submit my CIPD assignment on employee relations", "Submitted and passed", d.month(16)],
            ],
            "E-L2": [
                ["1", "Read two anonymised consultations from Sofia's company, with their paperwork", "discovery",
                 d.day(1)],
                ["1", "Consultation plan and timeline agreed with the head of department", "practice", d.day(3)],
                ["1", "First consultation meeting, debrief with Sofia", "feedback", d.day(5)],
                ["2", "Role-play a head of department pushing back", "practice", d.day(4)],
                ["2", "Third manager coached without help", "mastery", d.day(10)],
                ["3", "Assignment draft read by Sofia", "feedback", d.day(9)],
            ],
            "E-L3": "I have run the consultation myself, managers come to me before they act, and I can say "
                    "\"no, and here is why\" to a head of department without rehearsing it for a week.",
            "E-S1": "HR advisor at a further-education college, three years in. I handle absence, disciplinaries "
                    "and recruitment for four departments. Managers expect me to take their hard conversations "
                    "off their hands. I'm unsure how far I can tell a head of department that a plan is a bad "
                    "idea.",
            "E-L4": [
                ["Run the timetabling consultation", "Kwame", "Head of HR, Sofia (review)", "10 weeks",
                 "Staff treated fairly; my first case as lead"],
                ["Prepare managers for hard conversations", "Kwame", "The managers", "Ongoing",
                 "Managers own their conversations"],
                ["Introduce Kwame to an HR business partner outside education", "Sofia", "", "1 month",
                 "A view of the role elsewhere"],
            ],
            "E-L5": "I decide how I run my cases; my head of HR signs off anything with legal risk. Sofia advises "
                    "and challenges, and never contacts the college. If we're stuck we say so at the next "
                    "meeting, then ask the programme coordinator.",
            "E-L6": [
                ["Consultation led by me", "x", ""],
                ["Three managers coached", "x", ""],
                ["A business partner secondment", "", "x"],
            ],
            "E-L7": "Every two weeks, 45 minutes on video; in person once a month.",
            "E-L8": ["Video call", "In person", "Email"],
            "E-L9": "Email at least two working days ahead; whoever moves a meeting offers two new times in the "
                     "same week.",
            "E-L10": CHECK_IN,
            "E-L11": d.on(d.midpoint).isoformat(),
        },
        mentor={
            "E-O1": "To become an HR business partner, and to stop being the person managers send to do their "
                    "difficult conversations for them.",
            "E-O2": "Twenty-two years in HR, the last six as Director of People at a logistics company of 1,800 "
                    "staff. I have run dozens of consultations. Every two weeks for 45 minutes, plus email.",
            "E-T2": "I don't know further education or its unions. Our peak season before Christmas is hard for "
                    "me. I'm used to telling people what to do; I'll need to watch that.",
            "E-T1": "Every two weeks on video, 45 minutes. Happy to meet in person once a month near the station.",
            "E-O3": "occasional message",
            "E-T3": "Kwame handles a head of department's pushback on his own and tells me about it afterwards.",
            "E-O4": "How people starting out in HR see the profession now, and how a college manages with so "
                     "little.",
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
            "M-O1": "occasional message",
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
            "M-A6": d.on(d.closing).isoformat(),
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
            "C-M1": "How to hold a line with a senior manager: name the risk, offer two options, then stop "
                    "talking.",
            "C-I1": "Someone to check in with during the secondment, and a network of business partners outside "
                    "education.",
            "C-R1": 5, "C-R2": 5, "C-R3": 4, "C-R4": 3, "C-R5": 5, "C-R6": 4, "C-R7": 5, "C-R8": 5, "C-R9": 5,
            "C-R10": 5, "C-R11": 4, "C-R12": 4, "C-R13": 3,
            "C-N1": 6, "C-N2": 1,
            "C-G1": 5, "C-G2": 4, "C-S1": 5, "C-G3": 4,
            "C-T1": True,
            "C-T2": "A coffee every three months; I'll book the first one.",
            "C-I2": "Submit the CIPD assignment within a month.",
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
            "C-S1": 5,
            "C-T1": True,
            "C-H1": "Email me before any big career decision; I answer within a week.",
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
            "E-W1": "I want to move from testing into backend development. By the end I'd like to have shipped a "
                    "feature of my own to production, reviewed and merged like everyone else's code.",
            "E-W2": "Designing code, not only writing it: breaking a feature into pieces before I start. And "
                    "speaking up in design reviews.",
            "E-T2": "Friday lunchtimes are out, and I look after my mother on Tuesday and Thursday evenings. I "
                    "taught myself to code, so there are gaps, mostly in design.",
            "E-T1": "Every two weeks, an hour on video, with time to look at code together.",
            "E-W3": "weekly check-in",
            "E-T3": "My own feature is in production, and something I said in a design review changed the design.",
            "E-W4": "How a tester sees a system: I find the edge cases developers miss. I can show Hiroshi how we "
                     "test payments.",
            "E-P1": "My manager doesn't know yet that I want to leave QA. Please keep that between us for now.",
            "E-L1": [
                ["Ship the refund-status endpoint to production",
                 "Merged, released and running for a month without a rollback", d.month(10)],
                ["Speak up in design reviews", "One design changed because of something I raised", d.month(8)],
                ["Apply for the backend developer opening", "Application in, with a referee from the team",
                 d.month(12)],
            ],
            "E-L2": [
                ["1", "One-page design for the endpoint before any code", "practice", d.day(2)],
                ["1", "Design reviewed by Hiroshi, then by our tech lead", "feedback", d.day(4)],
                ["1", "First pull request merged", "practice", d.day(7)],
                ["2", "One prepared question for every design review", "practice", d.day(3)],
                ["3", "Talk to the hiring manager about the opening", "discovery", d.day(9)],
            ],
            "E-L3": "My feature is live, I have changed a design by speaking up, and I have applied for the "
                    "developer role.",
            "E-S1": "QA engineer at a payments company, two years in. I write automated tests and test releases. "
                    "Developers expect me to find bugs, not to question their design. I'm not sure I'm allowed to "
                    "comment on code in review.",
            "E-L4": [
                ["Build the refund-status endpoint", "Fatima", "Tech lead (review)", "10 weeks",
                 "My first production feature"],
                ["Review Fatima's design documents", "Hiroshi", "", "Every two weeks",
                 "Design before code becomes a habit"],
                ["Tell my manager about the move", "Fatima", "", "By week 8", "No surprises"],
            ],
            "E-L5": "I decide what I work on with my tech lead; my manager decides my role. Hiroshi advises and "
                    "reviews, and never contacts my company. If we're stuck we say so, then ask the programme "
                    "coordinator.",
            "E-L6": [
                ["Feature in production", "x", ""],
                ["Spoke up in a design review", "x", ""],
                ["Developer role", "", "x"],
            ],
            "E-L7": "Every two weeks, 60 minutes on video, with screen sharing.",
            "E-L8": ["Video call", "Chat"],
            "E-L9": "A chat message at least a day ahead; whoever moves a meeting proposes a new time.",
            "E-L10": ["Did we talk about what you wanted to talk about?", "What should we look at next time?",
                      "Is there anything I could do differently?"],
            "E-L11": d.on(d.midpoint).isoformat(),
        },
        mentor={
            "E-O1": "To become a backend developer, and to get better at design.",
            "E-O2": "Fifteen years as a developer and five as an engineering manager in retail. I can review "
                    "designs and code, and explain how hiring for developer roles works. An hour every two weeks.",
            "E-T2": "I don't know payments. Release weeks are busy. I tend to fill silences.",
            "E-T1": "Every two weeks, an hour on video.",
            "E-O3": "occasional message",
            "E-T3": "Fatima writes a design I would approve in my own team.",
            "E-O4": "How testers think about failure. My team undervalues QA.",
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
            "M-O1": "occasional message",
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
            "M-A6": d.on(d.closing).isoformat(),
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
            "C-M1": "Write the design before the code. And a question in a review is a contribution, not an "
                    "interruption.",
            "C-I1": "A developer who reviews my code regularly, and an honest talk with my manager about a move "
                    "once hiring opens again.",
            "C-R1": 4, "C-R2": 5, "C-R3": 4, "C-R4": 2, "C-R5": 4, "C-R6": 3, "C-R7": 4, "C-R8": 5, "C-R9": 4,
            "C-R10": 4, "C-R11": 4, "C-R12": 3, "C-R13": 4,
            "C-N1": 6, "C-N2": 1,
            "C-G1": 3, "C-G2": 5, "C-S1": 4, "C-G3": 3,
            "C-P1": "I'm disappointed about the freeze. If nothing opens by the summer I will look elsewhere.",
            "C-T1": True,
            "C-T2": "A chat message when I have a design to review; I reach out first. A call every couple of "
                    "months.",
            "C-I2": "Ask my manager for a developer buddy in the team, by the end of the month.",
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
            "C-S1": 4,
            "C-T1": True,
            "C-H1": "A chat message with a link to a design or a pull request; I look within two working days.",
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
            "E-W1": "I want to become a junior sister: lead a shift with confidence, write the rota and talk to "
                    "families when things are hard. A Band 6 post on my ward is coming up.",
            "E-W2": "Leading people with more experience than me. I find it hard to delegate to a nurse who has "
                    "been on the ward for twenty years.",
            "E-T2": "I work twelve-hour shifts, days and nights, and I only get my rota two weeks ahead. After "
                    "nights I'm tired for a day.",
            "E-T1": "Every two weeks, 45 minutes, by phone or video, fitted around my shifts.",
            "E-W3": "occasional message",
            "E-T3": "I lead shifts on my own and I have had my Band 6 interview.",
            "E-W4": "What it is like to be a newer nurse on a busy ward today, and what nurses who trained abroad "
                     "need from their managers.",
            "E-P1": "I trained in Romania. Sometimes I feel people doubt me because of my accent.",
            "E-L1": [
                ["Lead ten day shifts as nurse in charge", "Ten shifts led, with feedback from my ward manager",
                 d.month(10)],
                ["Apply and interview for the Band 6 post", "Interview done", d.month(14)],
                ["Complete the ward's rota training", "Signed off to write the rota", d.month(12)],
            ],
            "E-L2": [
                ["1", "Shadow the ward manager running a shift", "discovery", d.day(2)],
                ["1", "First shift in charge, debrief with Siobhan", "feedback", d.day(4)],
                ["1", "Five shifts led", "practice", d.day(8)],
                ["2", "Mock interview with Siobhan", "practice", d.day(12)],
                ["3", "One rota written under supervision", "practice", d.day(9)],
            ],
            "E-L3": "I lead a shift without checking every decision, and I walk into the interview knowing what "
                    "I want to say.",
            "E-S1": "Staff nurse (Band 5) on a 28-bed medical ward, three years in the UK. I look after six to "
                    "eight patients a shift and sometimes act up as nurse in charge. Colleagues expect me to get "
                    "on with it; I'm unsure whether I can tell a senior colleague what to do when I'm in charge.",
            "E-L4": [
                ["Lead shifts as nurse in charge", "Ana", "Ward manager", "3 months", "Ready for Band 6"],
                ["Mock interview", "Siobhan", "", "Before the interview", "Confidence on the day"],
                ["Rota training", "Ana", "Ward administrator", "2 months", "Able to write the rota"],
            ],
            "E-L5": "My ward manager decides when I act up; I decide how I run a shift. Siobhan advises and never "
                    "contacts my ward. If we're stuck we say so, then ask the programme coordinator.",
            "E-L6": [
                ["Ten shifts in charge", "x", ""],
                ["Band 6 interview", "x", ""],
                ["Rota sign-off", "", "x"],
            ],
            "E-L7": "Every two weeks, 45 minutes, by phone or video, booked from my rota.",
            "E-L8": ["Phone", "Video call", "Chat"],
            "E-L9": "Ana sends her rota as soon as she has it; whoever moves a call offers another within the "
                     "week.",
            "E-L10": CHECK_IN,
            "E-L11": d.on(d.midpoint).isoformat(),
        },
        mentor={
            "E-O1": "A Band 6 post, and confidence in charge of a shift.",
            "E-O2": "Twenty-five years in nursing, eight as a matron; I have sat on many Band 6 interview panels. "
                    "Every two weeks by phone, messages in between.",
            "E-T2": "Winter pressures from December: I can't promise daytime slots then. I don't know her hospital.",
            "E-T1": "Every two weeks, phone or video, early evening.",
            "E-O3": "occasional message",
            "E-T3": "Ana leads a shift and tells me about a hard call she made without asking me first.",
            "E-O4": "What newer nurses, especially those who trained abroad, need from us and aren't getting.",
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
            "M-O1": "occasional message",
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
            "M-A6": d.on(d.closing + 4).isoformat(),
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
