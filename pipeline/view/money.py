"""Money as one value for a line, an area or the county (docs/luvut.md, /FIGURES "Money").

- One-off cost and yearly cost: the lines' own estimates (Johdon yhteenveto), summed.
- System savings: a legacy system's yearly cost (the using lines' shares) ends when every using line has left it
  with a date. The saving belongs to the narrowest level holding every using line (one line, one area, else the
  county) and is counted once there; a narrower level lists it as shared, outside its own total.
- Other savings: the part of a line's typed yearly saving beyond the shares of the systems it exits (working time,
  postage, a contract it narrows while keeping the system partly); shown apart as the line's estimate.
- Net per year = yearly cost − (system savings + other savings).
Every figure names the lines that have not estimated it. Values only; wording is the renderers'.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from pipeline.schema import SystemDecision
from pipeline.view.exits import ExitState, SystemExit
from pipeline.view.line import LineView

SAVING_STATES = (ExitState.SCHEDULED, ExitState.DELAYED)


@dataclass(frozen=True)
class Amount:
    """A sum and where it comes from: the lines (codes) that gave a value and those that have not."""
    value: float | None                  # None: no line has given it
    sources: tuple[str, ...] = ()        # line codes (or system names for system savings)
    missing: tuple[str, ...] = ()        # line codes that have not estimated it

    @classmethod
    def of_lines(cls, views: Iterable[LineView], field: str) -> Amount:
        given, missing, total = [], [], 0.0
        for view in views:
            value = getattr(view.plan.summary, field)
            if value is None:
                missing.append(view.code)
            else:
                given.append(view.code)
                total += value
        return cls(total if given else None, tuple(given), tuple(missing))


def net_of(yearly_cost: float | None, savings: float | None) -> float | None:
    """Yearly cost − savings (negative: the change saves money); None while the yearly cost is not estimated."""
    return None if yearly_cost is None else yearly_cost - (savings or 0.0)


def not_estimated(one_off: Amount, yearly_cost: Amount) -> tuple[str, ...]:
    """The lines that have not estimated their costs (one-off or yearly), in order."""
    return tuple(dict.fromkeys(one_off.missing + yearly_cost.missing))


def system_shares(view: LineView, decisions: tuple[SystemDecision, ...] = (SystemDecision.EXIT,)) -> float:
    """The yearly cost shares of the systems VIEW gives up with DECISIONS (no cost counts as 0)."""
    return sum(s.yearly_cost or 0.0 for s in view.plan.systems if s.decision in decisions)


def other_saving(view: LineView) -> float | None:
    """The line's typed yearly saving beyond the shares of the systems it exits (never below 0); None when the
    line has typed no saving."""
    typed = view.plan.summary.savings_yearly
    if typed is None:
        return None
    return max(0.0, typed - system_shares(view))


def system_saving(plan: SystemExit) -> float | None:
    """What shutting PLAN down saves a year (the lines' shares), when every using line leaves it with a date."""
    return plan.yearly_cost if plan.state in SAVING_STATES else None


@dataclass(frozen=True)
class Money:
    """The money of a line, an area or the county."""
    one_off: Amount
    yearly_cost: Amount
    system_savings: Amount               # systems saved at this level, counted once (sources: system names)
    other_savings: Amount                # the lines' estimates beyond system costs
    own_systems: tuple[SystemExit, ...]  # the systems whose saving is counted here
    shared_systems: tuple[SystemExit, ...]   # systems saved at a wider level, shown once, outside the total

    @property
    def savings(self) -> float | None:
        """System savings + other savings (None when neither is known)."""
        parts = [a.value for a in (self.system_savings, self.other_savings) if a.value is not None]
        return sum(parts) if parts else None

    @property
    def net(self) -> float | None:
        """Yearly cost − savings, a year once the counted shutdowns are done (negative: the change saves money)."""
        return net_of(self.yearly_cost.value, self.savings)

    @property
    def not_estimated(self) -> tuple[str, ...]:
        return not_estimated(self.one_off, self.yearly_cost)

    @property
    def shared_saving(self) -> float:
        return sum(system_saving(p) or 0.0 for p in self.shared_systems)


def money_of(views: list[LineView], plans: list[SystemExit], codes_of_level: set[str] | None = None) -> Money:
    """The money of the lines VIEWS, with the system exits PLANS that touch them. A plan's saving counts here when
    every line using it is one of CODES_OF_LEVEL (default: VIEWS' codes); otherwise it is listed as shared."""
    codes = codes_of_level if codes_of_level is not None else {v.code for v in views}
    own: list[SystemExit] = []
    shared: list[SystemExit] = []
    for plan in plans:
        if system_saving(plan) is None or not codes & set(plan.line_codes):
            continue
        (own if set(plan.line_codes) <= codes else shared).append(plan)
    system_total = float(sum(system_saving(p) or 0.0 for p in own))
    others = 0.0
    given: list[str] = []
    missing: list[str] = []
    for view in views:
        value = other_saving(view)
        if value is None:
            missing.append(view.code)
        else:
            given.append(view.code)
            others += value
    return Money(Amount.of_lines(views, "cost_one_off"), Amount.of_lines(views, "cost_yearly"),
                 Amount(system_total, tuple(p.name for p in own)),
                 Amount(others if given else None, tuple(given), tuple(missing)), tuple(own), tuple(shared))


def county_only(county: Money, areas: list[Money]) -> list[SystemExit]:
    """The systems whose saving the county counts and no area does (their lines are in several areas)."""
    in_areas = {id(p) for a in areas for p in a.own_systems}
    names = {p.name for a in areas for p in a.own_systems}
    return [p for p in county.own_systems if id(p) not in in_areas and p.name not in names]
