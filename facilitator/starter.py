"""Starter definitions for `facilitator new KIND ID`: small, valid, and meant to be edited."""

from __future__ import annotations

from typing import Any

from facilitator.model import KINDS

_PAIR = [{"id": "mentor", "name": "Mentor"}, {"id": "mentee", "name": "Mentee"}]


_WELCOME = {"id": "welcome", "type": "talk", "title": "Welcome", "minutes": 5,
            "say": "Welcome. Here is what we will do today and why it matters.",
            "notes": "Say how long the session takes and when it will end."}
_CLOSE = {"id": "close", "type": "closing", "title": "Close", "minutes": 5,
          "say": "Thank you both. Here is what happens next."}


def _reflection(prefix: str) -> list[dict[str, Any]]:
    return [
        {
            "id": "reflect",
            "type": "reflection",
            "title": "Separate reflection",
            "minutes": 15,
            "say": "Each of you, on your own: answer the questions on your sheet. Nobody else sees them yet.",
            "questions": [
                {"code": f"{prefix}-W1", "type": "text", "text": "What is working?", "lines": 4},
                {
                    "code": f"{prefix}-W2",
                    "type": "text",
                    "text": "What is not working?",
                    "lines": 4,
                    "measure": "not_working",
                },
                {
                    "code": f"{prefix}-R1",
                    "type": "rating",
                    "text": "Our meeting rhythm works for me.",
                    "measure": "cadence_fit",
                },
            ],
        },
        {
            "id": "reveal",
            "type": "reveal",
            "title": "Reveal",
            "minutes": 15,
            "reveals": ["reflect"],
            "say": "Let us look at both sets of answers side by side.",
        },
    ]


def _body(kind: str, prefix: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]], dict[str, Any]]:
    """(roles, steps, extra top-level keys) for a kind."""
    if kind == "roleplay":
        roles = [
            {"id": "asker", "name": "Asker", "brief": "What you want, and what you can offer in return."},
            {"id": "counterpart", "name": "Counterpart", "brief": "What you care about that the asker does not know."},
            {
                "id": "observer",
                "name": "Observer",
                "answers": False,
                "checklist": ["The asker stated a clear request.", "Both sides named what they need."],
            },
        ]
        steps = [
            dict(_WELCOME),
            {"id": "trios", "type": "trios", "title": "Form your trios", "minutes": 3},
            {"id": "round-1", "type": "roleplay", "title": "Round 1", "minutes": 8, "round": 1,
             "questions": [{"code": f"{prefix}-O1", "type": "text", "roles": ["observer"],
                            "text": "Round 1: what worked, and one thing to try next round"}]},
            {"id": "round-2", "type": "roleplay", "title": "Round 2: everyone moves on one role", "minutes": 8,
             "round": 2, "swap": True},
            {"id": "round-3", "type": "roleplay", "title": "Round 3: the last role for everyone", "minutes": 8,
             "round": 3, "swap": True},
            {
                "id": "debrief",
                "type": "discussion",
                "title": "Debrief",
                "minutes": 9,
                "prompts": ["What worked?", "What surprised you?", "What would you do differently?"],
                "questions": [{"code": f"{prefix}-T1", "type": "text", "text": "The terms we agreed:", "lines": 4}],
            },
        ]
        return roles, steps, {"audience": "workshop", "scenario": {"situation": "Describe the situation everyone sees."}}
    if kind == "cohort":
        roles = [{"id": "mentor", "name": "Mentor"}]
        steps = [
            dict(_WELCOME),
            {
                "id": "check-in",
                "type": "round_robin",
                "title": "Check-in round",
                "minutes": 20,
                "speaker_minutes": 3,
                "prompts": ["One win", "One challenge"],
                "questions": [
                    {"code": f"{prefix}-S1", "type": "choice", "text": "Status", "options": ["green", "amber", "red"],
                     "measure": "relationship_status"},
                ],
            },
            {
                "id": "commitments",
                "type": "agreement",
                "title": "New commitments",
                "minutes": 10,
                "actions": False,
                "questions": [
                    {"code": f"{prefix}-C1", "type": "text", "text": "My commitment for next month:", "lines": 2,
                     "commitment": True},
                ],
            },
        ]
        return roles, steps, {"audience": "cohort"}
    if kind == "expectations":
        steps = [
            dict(_WELCOME),
            {
                "id": "agree",
                "type": "agreement",
                "title": "How we will work together",
                "minutes": 20,
                "questions": [
                    {"code": f"{prefix}-A1", "type": "text", "text": "What the mentee wants to learn or achieve:",
                     "term": "goals", "lines": 4},
                    {"code": f"{prefix}-A2", "type": "text", "text": "How often and how we will meet:",
                     "term": "cadence", "lines": 2},
                ],
            },
            dict(_CLOSE),
        ]
        return _PAIR, steps, {}
    steps = [dict(_WELCOME), *_reflection(prefix), dict(_CLOSE)]
    return _PAIR, steps, {}


def starter(kind: str, session_id: str) -> dict[str, Any]:
    if kind not in KINDS:
        raise ValueError(kind)
    prefix = "".join(part[0] for part in session_id.replace("_", "-").split("-") if part).upper()[:3] or "Q"
    if not prefix[0].isalpha():
        prefix = "Q" + prefix
    roles, steps, extra = _body(kind, prefix)
    doc: dict[str, Any] = {
        "id": session_id,
        "title": session_id.replace("-", " ").replace("_", " ").capitalize(),
        "kind": kind,
        "purpose": "Say in one sentence what this session is for.",
        "minutes": sum(s["minutes"] for s in steps),
    }
    doc.update(extra)
    doc["roles"] = roles
    doc["steps"] = steps
    return doc
