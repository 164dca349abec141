"""A phase's state is worked out once (view.phases, FIGURES.md "Phases") and read the same by the Word figure, the
deck timeline and the county Gantt (issue 19: a phase with a start and no end was planned in Word, late on the
deck)."""
from __future__ import annotations

import datetime as dt

import pytest

from pipeline.render.deck.timeline_layout import timeline_items
from pipeline.render.word.pictures import bar_state
from pipeline.schema import LinePlan, Milestone
from pipeline.view.phases import PhaseState, phase_state

AS_OF = dt.date(2026, 12, 6)
D = dt.date


def phase(start, end, status="in_progress", kind="phase") -> Milestone:
    return Milestone.model_validate({"channel": "chat", "name": "Vaihe", "kind": kind, "start": start, "end": end,
                                     "status": status})


@pytest.mark.parametrize(("start", "end", "status", "kind", "expected"), [
    (D(2026, 1, 1), D(2026, 3, 1), "done", "phase", PhaseState.DONE),
    (D(2026, 1, 1), D(2026, 3, 1), "on_hold", "phase", PhaseState.ON_HOLD),       # on hold before late
    (D(2026, 1, 1), D(2026, 12, 5), "in_progress", "phase", PhaseState.LATE),
    (D(2026, 1, 1), D(2026, 12, 6), "in_progress", "phase", PhaseState.RUNNING),  # ends today: not yet late
    (D(2026, 1, 1), None, "in_progress", "phase", PhaseState.RUNNING),            # started, no end: running
    (D(2026, 12, 6), None, "not_started", "phase", PhaseState.RUNNING),
    (D(2026, 12, 7), D(2027, 3, 1), "not_started", "phase", PhaseState.PLANNED),
    (None, None, "not_started", "phase", PhaseState.PLANNED),                     # no dates
    (D(2026, 11, 1), None, "not_started", "milestone", PhaseState.LATE),          # a goal's date passed
    (D(2027, 1, 1), None, "not_started", "milestone", PhaseState.PLANNED),
])
def test_a_phase_has_one_state(start, end, status, kind, expected):
    assert phase_state(phase(start, end, status, kind), AS_OF) is expected


def test_word_figure_and_deck_timeline_colour_a_phase_alike():
    """A phase with a start and no end: neither document calls it late."""
    plan = LinePlan.model_validate({"basics": {"line_code": "NAO"}, "milestones": [
        {"channel": "chat", "name": n, "kind": "phase", "start": s, "end": e, "status": st}
        for n, s, e, st in (("Auki", D(2026, 9, 1), None, "in_progress"),
                            ("Myöhässä", D(2026, 1, 1), D(2026, 6, 30), "in_progress"),
                            ("Tauolla", D(2026, 1, 1), D(2026, 6, 30), "on_hold"),
                            ("Tuleva", D(2027, 2, 1), D(2027, 6, 30), "not_started"))]})
    deck = {i.name: i.state for i in timeline_items(plan, ["chat"], AS_OF)}
    word = {m.name: bar_state(m, AS_OF) for m in plan.milestones}
    assert deck == word == {"Auki": "planned", "Myöhässä": "late", "Tauolla": "on_hold", "Tuleva": "planned"}
