"""Decisions by audience (FIGURES.md "Decisions"), worked out once for every document.

A decision belongs to the level its decider sits at: the line's leadership → line, the service area's → area, the
county's leadership and its bodies (aluehallitus, aluevaltuusto, the digital services' steering group) → county. A
decision of "another body" belongs to the level its free-text name names, else to the line. A document asks only
the pending decisions of its own level and says how many pending ones are asked at the other levels; decided and
rejected ones are outcomes, never asks. Late = pending past its needed-by date; next = the earliest pending
needed-by date on or after the as-of date (a late one is never next)."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from pipeline.reference import DecisionBodies
from pipeline.schema import DeciderLevel, Decision, DecisionStatus

LEVELS = (DeciderLevel.LINE, DeciderLevel.AREA, DeciderLevel.COUNTY)   # the audiences, narrowest first


def decision_level(decision: Decision, bodies: DecisionBodies) -> DeciderLevel:
    """The audience DECISION is asked of: LINE, AREA or COUNTY (a decision with no decider: the line). Another
    body's level is what its name says (BODIES: the words of templates/data/organisation.toml)."""
    if decision.decider in LEVELS:
        return decision.decider                     # type: ignore[return-value]
    if decision.decider is DeciderLevel.BODY:
        name = decision.decider_name.casefold()
        if any(word in name for word in bodies.county):
            return DeciderLevel.COUNTY
        if any(word in name for word in bodies.area):
            return DeciderLevel.AREA
    return DeciderLevel.LINE


def is_late(decision: Decision, as_of: dt.date) -> bool:
    return decision.waiting and decision.due is not None and decision.due < as_of


def next_due(decisions: Iterable[Decision], as_of: dt.date) -> dt.date | None:
    """The earliest needed-by date of the pending DECISIONS on or after AS_OF (None when there is none)."""
    dates = [d.due for d in decisions if d.waiting and d.due and d.due >= as_of]
    return min(dates) if dates else None


@dataclass(frozen=True)
class Elsewhere:
    """Pending decisions asked at another level than the document's own."""
    level: DeciderLevel
    count: int
    late: int


def elsewhere(decisions: Iterable[Decision], own: DeciderLevel, as_of: dt.date,
              bodies: DecisionBodies) -> list[Elsewhere]:
    """Per other level (narrowest first), the pending DECISIONS asked there; levels with none left out."""
    pending = [d for d in decisions if d.waiting]
    found = []
    for level in LEVELS:
        if level is own:
            continue
        there = [d for d in pending if decision_level(d, bodies) is level]
        if there:
            found.append(Elsewhere(level, len(there), sum(is_late(d, as_of) for d in there)))
    return found


def settled(decisions: Iterable[Decision]) -> tuple[int, int]:
    """(decided, rejected) among DECISIONS."""
    states = [d.status for d in decisions]
    return states.count(DecisionStatus.DECIDED), states.count(DecisionStatus.REJECTED)
