"""A phase's state on the as-of date, worked out once (FIGURES.md "Phases"): the Word figure, the deck timeline, its
notes and the county Gantt all read `phase_state` and only choose the colour and the word."""
from __future__ import annotations

import datetime as dt
from enum import StrEnum

from pipeline.schema import Milestone, PathKind, Status


class PhaseState(StrEnum):
    DONE = "done"           # status valmis
    ON_HOLD = "on_hold"     # status odottaa
    LATE = "late"           # not done, its end before the as-of date
    RUNNING = "running"     # started on or before the as-of date, its end not passed (or no end)
    PLANNED = "planned"     # starts after the as-of date, or has no dates


def phase_state(milestone: Milestone, as_of: dt.date) -> PhaseState:
    """MILESTONE's state on AS_OF. An intermediate goal (one date) is late once its date has passed undone."""
    if milestone.status is Status.DONE:
        return PhaseState.DONE
    if milestone.status is Status.ON_HOLD:
        return PhaseState.ON_HOLD
    start = milestone.start
    end = milestone.end if milestone.end and (not start or milestone.end >= start) else None
    if milestone.kind is PathKind.MILESTONE:
        end = end or start
    if end and end < as_of:
        return PhaseState.LATE
    if start and start <= as_of:
        return PhaseState.RUNNING
    return PhaseState.PLANNED
