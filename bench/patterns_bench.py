"""Pattern benchmarks: one line per figure, `name: value unit (goal ...)`.

    patterns for one run, in-process          goal < 50 ms (median)
    program analysis, 1,000 pairs x 3 runs    goal < 3 s   (program_figures + every pair's findings)
    ten times the data                        goal <= 12 x the time of the 1,000-pair case

The programs are synthetic (seeded): cohorts of 25 pairs, each pair with an expectations,
a midpoint and a closing run, plus six monthly cohort meetings per cohort. The 1,000-pair
program is written to a temporary workspace with the real record writer and analysed from
its files, first with the workspace's record cache cold (every TOML file parsed), then
warm; the 10x case is measured on records in memory, taken in turns with the 1x case
measured the same way (CPU time, best of several: the machine may be shared).

`run()` returns one bool per figure with a goal; `python bench/patterns_bench.py` prints them.
"""

from __future__ import annotations

import gc
import random
import statistics
import sys
import tempfile
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from facilitator.agreements import Agreement, Version, next_version  # noqa: E402
from facilitator.patterns import Analysis, findings_for_run, program_figures  # noqa: E402
from facilitator.program import Cohort, Pair, Person, Program  # noqa: E402
from facilitator.records import Commitment, Entry, Participant, Record, save_record  # noqa: E402
from facilitator.workspace import Workspace  # noqa: E402

COHORT_SIZE = 25
MEETINGS = 6
CADENCES = ["Every two weeks", "Weekly for the first month, then monthly", "monthly", "weekly", "twice a month"]
WORKING = ["We prepare an agenda together and leave with a next step", "Honest feedback on my drafts",
           "She connects me with people in other teams", "Good questions that make me think", "ok"]
NOT_WORKING = ["We sometimes run over time", "nothing", "Meetings get moved at short notice",
               "We rarely talk about my long-term goals", "", "The agenda is mostly hers"]
LEARNING = ["How newer colleagues use data tools", "Not much", "A fresh view of our customers", ""]
CHALLENGES = ["No time lately, both busy", "My mentee went quiet", "Unclear what the goal is now",
              "Preparing for the quarterly review", "Her confidence dropped", "We had to reschedule twice"]
CONTACT = ["none", "occasional message", "weekly check-in", "whenever I need it"]
CONTINUE = ["Continue as we are", "Continue with changes", "Conclude early: goal met", "Ask for a rematch"]


def _stamp(day: date, hour: int = 10) -> str:
    return datetime(day.year, day.month, day.day, hour, tzinfo=timezone.utc).isoformat(timespec="seconds")


def synthetic(pairs: int, seed: int = 7) -> tuple[Program, list[Record], dict[str, Agreement]]:
    """A program of `pairs` pairs with 3 runs each and monthly cohort meetings, all in memory."""
    rnd = random.Random(seed)
    start = date(2025, 1, 6)
    cohorts = (pairs + COHORT_SIZE - 1) // COHORT_SIZE
    program = Program(name="Synthetic program", cohorts=[Cohort(id=f"c{k}", name=f"Cohort {k}") for k in range(cohorts)])
    records: list[Record] = []
    agreements: dict[str, Agreement] = {}

    def rating(low: int = 1) -> int:
        return rnd.choices(range(1, 6), weights=[1, 2, 4, 6, 4])[0] if low == 1 else rnd.randint(low, 5)

    def entries(person: str, role: str, answers: dict[str, object], when: str) -> list[Entry]:
        return [Entry(person=person, role=role, code=c, value=v, at=when, source="sheet")
                for c, v in answers.items() if v not in ("", None)]

    for n in range(pairs):
        cohort = f"c{n // COHORT_SIZE}"
        pid, mentor, mentee = f"p{n}", f"m{n}", f"e{n}"
        program.people += [Person(id=mentor, name=f"Mentor {n}"), Person(id=mentee, name=f"Mentee {n}")]
        begun = start + timedelta(days=rnd.randint(0, 20))
        ending = rnd.choice(["", "", "", "completed", "early"])
        program.pairs.append(Pair(id=pid, mentor=mentor, mentee=mentee, cohort=cohort, started=begun.isoformat(),
                                  ending=ending))
        cadence = rnd.choice(CADENCES)
        people = [Participant(person=mentor, role="mentor"), Participant(person=mentee, role="mentee")]
        for kind, weeks in (("expectations", 0), ("midpoint", 12), ("closing", 26)):
            when = _stamp(begun + timedelta(weeks=weeks))
            run_id = f"{when[:10]}-{kind}-{pid}"
            if kind == "expectations":
                mine = {"E-O3": rnd.choice(CONTACT[1:])}
                theirs = {"E-W3": rnd.choice(CONTACT), "E-L7": cadence, "E-W1": "Lead the quarterly review"}
                agreements[pid] = Agreement(pair=pid, versions=[Version(version=1, run=run_id, session="expectations",
                                                                        date=when[:10], terms={"cadence": cadence})])
            else:
                p = "M" if kind == "midpoint" else "C"
                w, nw = ("M-W1", "M-W2") if kind == "midpoint" else ("C-W2", "C-W3")
                held = rnd.randint(1, 14)
                shared = {f"{p}-N1": held, f"{p}-N2": rnd.randint(0, 3)}
                mine = {w: rnd.choice(WORKING), nw: rnd.choice(NOT_WORKING), f"{p}-L1": rnd.choice(LEARNING),
                        f"{p}-L2": rating(), **{f"{p}-R{i}": rating() for i in range(1, 14)}, **shared}
                theirs = {w: rnd.choice(WORKING), nw: rnd.choice(NOT_WORKING),
                          **{f"{p}-R{i}": rating() for i in range(1, 14)}, **shared}
                if kind == "midpoint":
                    mine |= {"M-O1": rnd.choice(CONTACT[1:]), "M-K1": rnd.choices(CONTINUE, [8, 4, 1, 1])[0]}
                    theirs |= {"M-C1": rnd.choice(CONTACT), "M-K1": rnd.choices(CONTINUE, [8, 4, 1, 1])[0]}
                else:
                    mine |= {"C-S1": rating()}
                    theirs |= {"C-G1": rating(), "C-G2": rating(), "C-S1": rating(), "C-G3": rating()}
            records.append(Record(
                id=run_id, session=kind, session_title=kind.title(), kind=kind, pair=pid, created=when, updated=when,
                finished=when, participants=people,
                entries=entries(mentor, "mentor", mine, when) + entries(mentee, "mentee", theirs, when)))
    for k in range(cohorts):
        mentors = [p.mentor for p in program.pairs if p.cohort == f"c{k}"]
        for month in range(MEETINGS):
            when = _stamp(start + timedelta(days=30 * month + 15), 18)
            run_id = f"{when[:10]}-cohort-meeting-c{k}"
            answers = []
            for m in mentors:
                answers += entries(m, "mentor", {"K-S1": rnd.choices(["green", "amber", "red"], [6, 3, 1])[0],
                                                 "K-S3": rnd.choice(CHALLENGES),
                                                 "K-C1": rnd.choices(["done", "not yet", "dropped"], [6, 3, 1])[0],
                                                 "K-N1": "Try the two-question check-in"}, when)
            carried = [Commitment(person=m, text="Try the two-question check-in", since="earlier",
                                  status=rnd.choice(["open", "done", "not yet"])) for m in mentors] if month else []
            records.append(Record(id=run_id, session="cohort-meeting", session_title="Cohort meeting", kind="cohort",
                                  cohort=f"c{k}", created=when, updated=when, finished=when,
                                  participants=[Participant(person=m, role="mentor") for m in mentors],
                                  entries=answers, carried=carried))
    return program, records, agreements


def write(ws: Workspace, program: Program, records: list[Record], agreements: dict[str, Agreement]) -> None:
    ws.save_program(program)
    for r in records:
        save_record(ws.record_file(r.id), r)
    for pid, agreement in agreements.items():
        v = agreement.versions[0]
        next_version(ws.agreements_dir, pid, v.run, v.session, v.date, v.terms, {})


def _timed(fn, repeat: int = 1) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), result


def _cpu_best(fn, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        gc.collect()  # not the previous round's garbage
        t = time.process_time()
        fn()
        best = min(best, time.process_time() - t)
    return best


def report(name: str, value: float, unit: str, goal: str, ok: bool | None) -> bool | None:
    mark = "" if ok is None or ok else "  <-- MISSED"
    print(f"{name}: {value:.3f} {unit}" + (f" (goal {goal})" if goal else "") + mark)
    return ok


def run() -> list[bool]:
    results: list[bool] = []
    with tempfile.TemporaryDirectory() as home:
        ws = Workspace(Path(home))
        write(ws, *synthetic(COHORT_SIZE))
        ws.library  # noqa: B018 -- the session library, loaded once per process as the CLI does
        midpoint = sorted(p.stem for p in ws.records_dir.glob("*-midpoint-*"))[0]
        t, _ = _timed(lambda: findings_for_run(ws, midpoint), repeat=31)
        results.append(report(f"patterns for one midpoint run, in-process, program of {COHORT_SIZE} pairs, median",
                              t * 1000, "ms", "< 50 ms", t < 0.05))

    with tempfile.TemporaryDirectory() as home:
        ws = Workspace(Path(home))
        program, records, agreements = synthetic(1000)
        t, _ = _timed(lambda: write(ws, program, records, agreements))
        print(f"(setup: wrote {len(records)} records for 1,000 pairs in {t:.1f} s)")
        midpoint = next(r.id for r in records if r.kind == "midpoint")
        meeting = [r.id for r in records if r.kind == "cohort"][-1]
        ws.library  # noqa: B018
        t, _ = _timed(lambda: findings_for_run(ws, midpoint), repeat=11)
        report("patterns for one midpoint run, program of 1,000 pairs (reads its program.toml), median",
               t * 1000, "ms", "", None)
        t, _ = _timed(lambda: findings_for_run(ws, meeting), repeat=5)
        report("patterns for one cohort meeting of 25 mentors, program of 1,000 pairs, median", t * 1000, "ms", "",
               None)
        what = f"1,000 pairs x 3 runs + {len(records) - 3000} cohort meetings"
        cold, _ = _timed(lambda: program_figures(Workspace(Path(home))))
        report(f"program analysis from files, {what}, first time (parses every record file, fills the record"
               " cache)", cold, "s", "", None)
        warm, _ = _timed(lambda: program_figures(Workspace(Path(home))), repeat=3)
        results.append(report(f"program analysis from files, {what}, record cache warm, median (program_figures"
                              " with every run's findings)", warm, "s", "< 3 s", warm < 3))
        loading, _ = _timed(lambda: Workspace(Path(home)).records(), repeat=3)
        print(f"  of which reading the {len(records)} records (from the cache): {loading:.3f} s")

    base = Workspace(Path(tempfile.gettempdir()) / "facilitator-bench-none")
    library = Analysis(base).patterns
    small, big = synthetic(1000), synthetic(10000)

    def analyse(data):
        program, recs, agreements = data
        analysis = Analysis(base, records=recs, program=program, agreements=agreements, patterns=library)
        return program_figures(base, analysis=analysis)

    # CPU time of this process, best of N, the two sizes taken in turns: the machine may be
    # shared, and the ratio should compare work with work, not with whatever else runs then.
    one = ten = float("inf")
    for _ in range(2):
        one = min(one, _cpu_best(lambda: analyse(small), 2))
        ten = min(ten, _cpu_best(lambda: analyse(big), 1))
    results.append(report("program analysis on loaded records, 1,000 pairs, CPU time, best of 4", one, "s", "< 3 s",
                          one < 3))
    report("program analysis on loaded records, 10,000 pairs x 3 runs + 2,400 cohort meetings, CPU time, best of 2",
           ten, "s", "", None)
    ratio = ten / one
    results.append(report("10x the data / 1x, on loaded records (writing 30,000 record files would take minutes)",
                          ratio, "x", "<= 12 x", ratio <= 12))
    return results


if __name__ == "__main__":
    raise SystemExit(0 if all(run()) else 1)
